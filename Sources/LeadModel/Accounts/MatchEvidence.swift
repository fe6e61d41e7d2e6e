/// One piece of evidence for or against matching a lead to an account, with its weight.
///
/// Weights are log-odds: the candidate's confidence is the logistic function of the sum of its
/// evidence weights and ``AccountMatcher/prior``. A positive weight argues for the match, a
/// negative one against it, and 0 marks a note that changes nothing (a free-mail domain that was
/// not used, the account's parent). The detail is for people and names no personal data: it
/// may quote domains, company names and countries, never an email address or phone number.
///
/// ```swift
/// MatchEvidence(kind: .emailDomain, weight: 9, detail: "email domain acme.io is an alias of Acme Corp")
/// ```
public struct MatchEvidence: Hashable, Sendable, Codable, CustomStringConvertible {
    /// What a piece of evidence compares. Opaque so that kinds can be added without breaking
    /// callers.
    public struct Kind: Hashable, Sendable, Codable, RawRepresentable, CustomStringConvertible {
        /// The kind's name, as stored.
        public var rawValue: String

        /// Creates a kind from its stored name.
        ///
        /// - Parameter rawValue: The name, such as `"emailDomain"`.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The lead's email domain is (or is under) one of the account's domains.
        public static let emailDomain = Kind(rawValue: "emailDomain")
        /// The lead's website domain is (or is under) one of the account's domains.
        public static let website = Kind(rawValue: "website")
        /// The normalised company names are equal or close.
        public static let name = Kind(rawValue: "name")
        /// One name is the initials of the other (`IBM` / `International Business Machines`).
        public static let acronym = Kind(rawValue: "acronym")
        /// The phone numbers are the same.
        public static let phone = Kind(rawValue: "phone")
        /// The postal codes are the same.
        public static let postalCode = Kind(rawValue: "postalCode")
        /// The countries are the same (for) or differ (against).
        public static let country = Kind(rawValue: "country")
        /// The account's place in a group of companies; a note.
        public static let parent = Kind(rawValue: "parent")
        /// Evidence the lead had but that was not used, such as a free-mail domain; a note.
        public static let unused = Kind(rawValue: "unused")
        /// A reviewer's earlier decision (always-match or never-match), which overrides the score.
        public static let override = Kind(rawValue: "override")

        /// The stored name.
        public var description: String { rawValue }
    }

    /// What was compared.
    public var kind: Kind
    /// The log-odds weight: positive for, negative against, 0 for a note.
    public var weight: Double
    /// What matched and how, for people: `name 'ACME Inc.' ≈ 'Acme Corporation' (0.97)`.
    public var detail: String

    /// Creates a piece of evidence.
    ///
    /// - Parameters:
    ///   - kind: What was compared.
    ///   - weight: The log-odds weight.
    ///   - detail: What matched and how.
    public init(kind: Kind, weight: Double, detail: String) {
        self.kind = kind
        self.weight = weight
        self.detail = detail
    }

    /// The detail with its signed weight: `+9.0 email domain acme.com is a domain of Acme Corp`.
    public var description: String {
        let sign = weight > 0 ? "+" : weight < 0 ? "-" : "±"
        let magnitude = (abs(weight) * 10).rounded() / 10
        return "\(sign)\(magnitude) \(detail)"
    }
}
