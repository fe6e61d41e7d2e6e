/// Reviewers' decisions that override the score: pairs of a lead identity key and an account.
///
/// An accepted match becomes an always-match pair, a rejected one a never-match pair. A lead
/// with any identity key in an always-match pair is matched to that account with confidence 1;
/// an account in a never-match pair with any of the lead's keys gets confidence 0 and is never
/// chosen. When a pair is in both sets, never-match wins: a wrong account is worse than a review.
/// The host folds these from events; the matcher only reads them.
///
/// ```swift
/// var overrides = AccountMatchOverrides()
/// overrides.neverMatch.insert(.init(key: IdentityKey(kind: "email", value: "ana@acme.com"), account: "acme-de"))
/// ```
public struct AccountMatchOverrides: Hashable, Sendable, Codable {
    /// One decision: this person and this account.
    public struct Pair: Hashable, Sendable, Codable {
        /// The lead's identity key.
        public var key: IdentityKey
        /// The account.
        public var account: AccountID

        /// Creates a pair.
        ///
        /// - Parameters:
        ///   - key: The lead's identity key.
        ///   - account: The account.
        public init(key: IdentityKey, account: AccountID) {
            self.key = key
            self.account = account
        }
    }

    /// Pairs a reviewer accepted.
    public var alwaysMatch: Set<Pair>
    /// Pairs a reviewer rejected.
    public var neverMatch: Set<Pair>

    /// Creates a set of decisions.
    ///
    /// - Parameters:
    ///   - alwaysMatch: Accepted pairs.
    ///   - neverMatch: Rejected pairs.
    public init(alwaysMatch: Set<Pair> = [], neverMatch: Set<Pair> = []) {
        self.alwaysMatch = alwaysMatch
        self.neverMatch = neverMatch
    }

    /// No decisions.
    public static let none = AccountMatchOverrides()

    /// The accounts always matched for any of `keys`, sorted, without those also never matched.
    ///
    /// - Parameter keys: A lead's identity keys.
    /// - Returns: The accounts.
    public func alwaysMatched(for keys: [IdentityKey]) -> [AccountID] {
        let never = neverMatched(for: keys)
        let accounts = alwaysMatch.filter { keys.contains($0.key) && !never.contains($0.account) }.map(\.account)
        return Set(accounts).sorted()
    }

    /// The accounts never matched for any of `keys`.
    ///
    /// - Parameter keys: A lead's identity keys.
    /// - Returns: The accounts.
    public func neverMatched(for keys: [IdentityKey]) -> Set<AccountID> {
        Set(neverMatch.filter { keys.contains($0.key) }.map(\.account))
    }
}
