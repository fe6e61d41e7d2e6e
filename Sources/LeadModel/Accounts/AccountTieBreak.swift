import Foundation

/// What the tie-break between accounts looks at: how many contacts an account has, whether it
/// has an open opportunity, and when it was created.
///
/// Hosts fill it from their projections (contacts per account, the routing ledger's open
/// opportunities, the account's first event); unknown values keep their defaults.
public struct AccountStanding: Hashable, Sendable, Codable {
    /// The number of leads (contacts) on the account.
    public var contactCount: Int
    /// Whether the account has an opportunity that is neither won nor lost.
    public var hasOpenOpportunity: Bool
    /// When the account was created; `nil` when unknown (sorts after every known date).
    public var createdAt: Date?

    /// Creates a standing.
    ///
    /// - Parameters:
    ///   - contactCount: The account's contacts; 0 by default.
    ///   - hasOpenOpportunity: Whether it has an open opportunity; `false` by default.
    ///   - createdAt: When it was created; `nil` when unknown.
    public init(contactCount: Int = 0, hasOpenOpportunity: Bool = false, createdAt: Date? = nil) {
        self.contactCount = contactCount
        self.hasOpenOpportunity = hasOpenOpportunity
        self.createdAt = createdAt
    }
}

/// The one order in which accounts that are otherwise equal are ranked — by account matching,
/// routing, scoring roll-ups and reports alike.
///
/// The criteria are tried in order; the first that tells two accounts apart decides. When none
/// does, the smaller account id comes first, so the order is total and the same on every run.
///
/// ```swift
/// let tieBreak = AccountTieBreak([.openOpportunity, .mostContacts, .oldest])
/// let first = tieBreak.sorted(accounts, id: \.id, standing: \.standing).first
/// ```
///
/// In a playbook it is a list of criterion names: `["mostContacts", "openOpportunity", "oldest"]`.
public struct AccountTieBreak: Hashable, Sendable, Codable {
    /// One rule for telling two accounts apart.
    ///
    /// Stored by name so that a playbook with a misspelt name decodes and
    /// ``AccountMatchingConfiguration/problems(freeMailDomains:)`` can name it; an unknown criterion decides
    /// nothing.
    public struct Criterion: Hashable, Sendable, Codable, RawRepresentable, CustomStringConvertible {
        /// The name used in the playbook.
        public var rawValue: String

        /// Creates a criterion from its playbook name.
        ///
        /// - Parameter rawValue: `"mostContacts"`, `"openOpportunity"` or `"oldest"`.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The account with more contacts first.
        public static let mostContacts = Criterion(rawValue: "mostContacts")
        /// The account with an open opportunity first.
        public static let openOpportunity = Criterion(rawValue: "openOpportunity")
        /// The account created earlier first; an unknown creation date comes last.
        public static let oldest = Criterion(rawValue: "oldest")

        /// Every criterion this version knows.
        public static let known: [Criterion] = [.mostContacts, .openOpportunity, .oldest]

        /// The playbook name.
        public var description: String { rawValue }
    }

    /// The criteria, most important first.
    public var criteria: [Criterion]

    /// Creates a tie-break order.
    ///
    /// - Parameter criteria: The criteria, most important first.
    public init(_ criteria: [Criterion]) { self.criteria = criteria }

    /// Most contacts, then an open opportunity, then the oldest account.
    public static let standard = AccountTieBreak([.mostContacts, .openOpportunity, .oldest])

    /// Whether account `a` ranks before account `b`.
    ///
    /// - Parameters:
    ///   - a: One account's id and standing.
    ///   - b: The other's.
    /// - Returns: `true` when a criterion prefers `a`, or none tells them apart and `a`'s id is
    ///   smaller. `false` for the same account.
    public func ranks(
        _ a: (id: AccountID, standing: AccountStanding), before b: (id: AccountID, standing: AccountStanding)
    ) -> Bool {
        for criterion in criteria {
            switch criterion {
            case .mostContacts where a.standing.contactCount != b.standing.contactCount:
                return a.standing.contactCount > b.standing.contactCount
            case .openOpportunity where a.standing.hasOpenOpportunity != b.standing.hasOpenOpportunity:
                return a.standing.hasOpenOpportunity
            case .oldest where a.standing.createdAt != b.standing.createdAt:
                guard let left = a.standing.createdAt else { return false }
                guard let right = b.standing.createdAt else { return true }
                return left < right
            default:
                continue
            }
        }
        return a.id < b.id
    }

    /// `items` in tie-break order.
    ///
    /// - Parameters:
    ///   - items: Anything that names an account: candidates, routing entries, report rows.
    ///   - id: The account of an item.
    ///   - standing: The standing of an item.
    /// - Returns: The items, first-ranked first.
    public func sorted<Item>(
        _ items: some Sequence<Item>, id: (Item) -> AccountID, standing: (Item) -> AccountStanding
    ) -> [Item] {
        items.sorted { ranks((id($0), standing($0)), before: (id($1), standing($1))) }
    }

    /// Decodes the criteria from a JSON array of names.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` when the value is not an array of strings.
    public init(from decoder: any Decoder) throws {
        criteria = try decoder.singleValueContainer().decode([Criterion].self)
    }

    /// Encodes the criteria as a JSON array of names.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: `EncodingError` from the encoder.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(criteria)
    }
}
