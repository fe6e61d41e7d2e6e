/// How an account's score rolls up from its contacts' score cards, for account-based plays.
///
/// The documented rule: the account's **fit** is its best contact's fit (the account is as good a
/// match as its best-matching person); its **engagement** is the sum of its contacts' engagement,
/// capped at ``engagementCap`` (several people engaging is a stronger signal than one, but ten
/// interns opening emails must not outweigh a buying committee). The grade uses the scoring
/// section's grade scale.
///
/// ```json
/// "accountRollup": {"engagementCap": 100}
/// ```
public struct AccountRollup: Hashable, Sendable, Codable {
    /// The most engagement points an account can sum from its contacts.
    public var engagementCap: Double

    /// Makes a roll-up rule.
    ///
    /// - Parameter engagementCap: the cap on summed engagement; 100 by default.
    public init(engagementCap: Double = 100) {
        self.engagementCap = engagementCap
    }

    /// The default: summed engagement capped at 100 points.
    public static let standard = AccountRollup()

    /// Every problem with the rule, with its path below `prefix`.
    func problems(at prefix: String) -> [(path: String, message: String)] {
        engagementCap > 0 && engagementCap.isFinite
            ? [] : [("\(prefix).engagementCap", "the cap must be a positive number of points")]
    }

    private enum CodingKeys: String, CodingKey { case engagementCap }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        engagementCap = try container.decodeIfPresent(Double.self, forKey: .engagementCap) ?? 100
    }
}
