import Foundation

/// A named list of target accounts for an account-based play: every contact of a listed account
/// gets a fit bonus.
///
/// An account is listed by its identity as Accord knows it — the work-email domain
/// (`"acme.com"`) or the account id a host assigned. Matching ignores case and a leading `www.`.
///
/// ```json
/// {"name": "q4-target-accounts", "accounts": ["acme.com", "globex.com"], "points": 15}
/// ```
public struct TargetAccountList: Hashable, Sendable, Codable {
    /// The list's name; the contribution on a contact's score card carries it.
    public var name: String
    /// The accounts, by domain or account id.
    public var accounts: [String]
    /// The fit points every contact of a listed account gets.
    public var points: Double

    /// Makes a list.
    ///
    /// - Parameters:
    ///   - name: the contribution's rule name.
    ///   - accounts: domains or account ids.
    ///   - points: the fit bonus.
    public init(_ name: String, accounts: [String], points: Double) {
        self.name = name
        self.accounts = accounts
        self.points = points
    }

    /// How an account identity is compared: lowercased, trimmed, without a leading `www.`.
    static func normalise(_ account: String) -> String {
        var key = account.trimmingCharacters(in: .whitespaces).lowercased()
        if key.hasPrefix("www.") { key.removeFirst(4) }
        return key
    }

    /// Every problem with the list, with its path below `prefix`.
    func problems(at prefix: String) -> [(path: String, message: String)] {
        var found: [(path: String, message: String)] = []
        if name.isEmpty { found.append(("\(prefix).name", "the list needs a name")) }
        if accounts.isEmpty { found.append(("\(prefix).accounts", "list at least one account domain or id")) }
        var seen: Set<String> = []
        for (index, account) in accounts.enumerated() {
            let key = Self.normalise(account)
            if key.isEmpty {
                found.append(("\(prefix).accounts[\(index)]", "an account must not be blank"))
            } else if !seen.insert(key).inserted {
                found.append(("\(prefix).accounts[\(index)]", "'\(account)' is listed twice"))
            }
        }
        if !points.isFinite { found.append(("\(prefix).points", "points must be a finite number")) }
        return found
    }
}
