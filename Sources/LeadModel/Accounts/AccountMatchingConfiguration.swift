/// The playbook's rules for matching leads to accounts: thresholds, the tie-break order, and the
/// domain alias and subsidiary tables.
///
/// Codable so that it can live in a playbook section; every key is optional in JSON and falls
/// back to its default, so `{}` is a valid configuration.
///
/// ```json
/// { "matchThreshold": 0.8, "reviewThreshold": 0.5,
///   "tieBreak": ["mostContacts", "openOpportunity", "oldest"],
///   "domainAliases": [{"account": "acme", "domains": ["acme.com", "acme.io", "acme-corp.de"]}],
///   "subsidiaries": [{"account": "acme-de", "parent": "acme"}] }
/// ```
public struct AccountMatchingConfiguration: Hashable, Sendable, Codable {
    /// Extra domains of one account: alias domains, old domains, country domains.
    public struct DomainAlias: Hashable, Sendable, Codable {
        /// The account.
        public var account: AccountID
        /// Its domains, in any form ``DomainName`` reads.
        public var domains: [String]

        /// Creates an alias entry.
        ///
        /// - Parameters:
        ///   - account: The account.
        ///   - domains: Its domains.
        public init(account: AccountID, domains: [String]) {
            self.account = account
            self.domains = domains
        }
    }

    /// One account's parent in a group of companies.
    public struct Subsidiary: Hashable, Sendable, Codable {
        /// The subsidiary.
        public var account: AccountID
        /// Its parent.
        public var parent: AccountID

        /// Creates a subsidiary entry.
        ///
        /// - Parameters:
        ///   - account: The subsidiary.
        ///   - parent: Its parent.
        public init(account: AccountID, parent: AccountID) {
            self.account = account
            self.parent = parent
        }
    }

    /// The confidence at or above which a lead is matched to its best candidate. Default 0.8.
    public var matchThreshold: Double
    /// The confidence at or above which a lead that is not matched goes to the review queue.
    /// Default 0.5. At most ``matchThreshold``.
    public var reviewThreshold: Double
    /// How close the runner-up may come before a match is sent to review instead: when an
    /// account other than the best (and not its parent or subsidiary) also reaches the match
    /// threshold within this margin, a person decides. Default 0: the tie-break decides.
    public var ambiguityMargin: Double
    /// The most candidates a result lists. Default 5.
    public var maximumCandidates: Int
    /// The order among accounts of equal confidence. Default ``AccountTieBreak/standard``.
    public var tieBreak: AccountTieBreak
    /// Extra domains per account.
    public var domainAliases: [DomainAlias]
    /// Parents of subsidiaries; adds to (and overrides) ``AccountRecord/parent``.
    public var subsidiaries: [Subsidiary]

    /// Creates a configuration; every parameter has the documented default.
    ///
    /// - Parameters:
    ///   - matchThreshold: The confidence for a match.
    ///   - reviewThreshold: The confidence for a review.
    ///   - ambiguityMargin: How close a rival match sends the lead to review.
    ///   - maximumCandidates: The most candidates listed.
    ///   - tieBreak: The order among equals.
    ///   - domainAliases: Extra domains per account.
    ///   - subsidiaries: Parents of subsidiaries.
    public init(
        matchThreshold: Double = 0.8, reviewThreshold: Double = 0.5, ambiguityMargin: Double = 0,
        maximumCandidates: Int = 5, tieBreak: AccountTieBreak = .standard, domainAliases: [DomainAlias] = [],
        subsidiaries: [Subsidiary] = []
    ) {
        self.matchThreshold = matchThreshold
        self.reviewThreshold = reviewThreshold
        self.ambiguityMargin = ambiguityMargin
        self.maximumCandidates = maximumCandidates
        self.tieBreak = tieBreak
        self.domainAliases = domainAliases
        self.subsidiaries = subsidiaries
    }

    private enum CodingKeys: String, CodingKey {
        case matchThreshold, reviewThreshold, ambiguityMargin, maximumCandidates, tieBreak, domainAliases
        case subsidiaries
    }

    /// Decodes a configuration; missing keys take their defaults. Values are not checked here:
    /// call ``problems(freeMailDomains:)``.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` when a key has the wrong JSON type.
    public init(from decoder: any Decoder) throws {
        let defaults = AccountMatchingConfiguration()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        matchThreshold =
            try container.decodeIfPresent(Double.self, forKey: .matchThreshold) ?? defaults.matchThreshold
        reviewThreshold =
            try container.decodeIfPresent(Double.self, forKey: .reviewThreshold) ?? defaults.reviewThreshold
        ambiguityMargin =
            try container.decodeIfPresent(Double.self, forKey: .ambiguityMargin) ?? defaults.ambiguityMargin
        maximumCandidates =
            try container.decodeIfPresent(Int.self, forKey: .maximumCandidates) ?? defaults.maximumCandidates
        tieBreak = try container.decodeIfPresent(AccountTieBreak.self, forKey: .tieBreak) ?? defaults.tieBreak
        domainAliases = try container.decodeIfPresent([DomainAlias].self, forKey: .domainAliases) ?? []
        subsidiaries = try container.decodeIfPresent([Subsidiary].self, forKey: .subsidiaries) ?? []
    }
}
