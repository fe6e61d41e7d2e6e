import Foundation

/// The accounts a lead can be matched to, indexed by domain, phone and name so that matching
/// looks at a few candidates rather than every account.
///
/// Built once from the account records and the configuration's alias and subsidiary tables
/// (which add domains and parents to the records); immutable afterwards. Rebuild it when the
/// accounts change. Building reads every name and domain once; `accord-bench account-matching`
/// reports the time for 10,000 accounts (`indexSeconds`).
///
/// ```swift
/// let index = AccountIndex(accounts: records, configuration: playbookMatching)
/// index.record(for: "acme")?.domains   // ["acme.com", "acme.io"]: the record's and the aliases
/// ```
///
/// A value type; safe to share between tasks.
public struct AccountIndex: Sendable {
    /// One account, read for matching. A final class with constant fields, so that scoring a
    /// candidate shares the entry rather than copying (and retaining) each of its fields.
    final class Entry: Sendable {
        let record: AccountRecord
        let name: CompanyName?
        /// The name's words as Unicode scalars, for ``NameSimilarity``.
        let words: [[Unicode.Scalar]]
        let domains: [DomainName]
        let phone: String?
        let postalCode: String?
        let country: String?

        init(record: AccountRecord, resolver: StandardIdentityResolver) {
            var domains: [DomainName] = []
            var texts = record.domains
            if let website = record.website { texts.append(website) }
            for text in texts {
                guard let domain = DomainName(text), !domains.contains(domain) else { continue }
                domains.append(domain)
            }
            let name = record.name.map(CompanyName.init).flatMap { $0.isEmpty ? nil : $0 }
            self.record = record
            self.name = name
            self.words = name?.tokens.map { Array($0.unicodeScalars) } ?? []
            self.domains = domains
            self.phone = record.phone.flatMap(resolver.normalizedPhone)
            self.postalCode = record.postalCode.flatMap(AccountIndex.postalCode)
            self.country = record.country.flatMap(AccountIndex.country)
        }
    }

    /// The accounts, in the order given (a later record with the same id replaces the earlier).
    private(set) var entries: [Entry]
    private(set) var positions: [AccountID: Int]
    private(set) var byDomain: [DomainName: [Int]]
    private(set) var byPhone: [String: [Int]]
    /// By compact name (`acme`, `ibm`).
    private(set) var byCompactName: [String: [Int]]
    /// By the initials of the name (`ibm` for International Business Machines).
    private(set) var byAcronym: [String: [Int]]
    /// By the first and last four letters of each significant name word.
    private(set) var byWordKey: [String: [Int]]
    let identity: StandardIdentityResolver
    /// The configuration's alias domains and parents, added again to a record ``upsert(_:)``
    /// replaces.
    private let aliases: [AccountID: [String]]
    private let parents: [AccountID: AccountID]

    /// Builds and indexes a directory.
    ///
    /// - Parameters:
    ///   - accounts: The accounts. A later record with the same id replaces the earlier one.
    ///   - configuration: The alias table (extra domains) and subsidiary table (parents) to add.
    ///   - identity: How phone numbers are read (the default country code).
    public init(
        accounts: [AccountRecord], configuration: AccountMatchingConfiguration = AccountMatchingConfiguration(),
        identity: StandardIdentityResolver.Configuration = StandardIdentityResolver.Configuration()
    ) {
        let resolver = StandardIdentityResolver(configuration: identity)
        var records: [AccountRecord] = []
        var positions: [AccountID: Int] = [:]
        for record in accounts {
            if let position = positions[record.id] {
                records[position] = record
            } else {
                positions[record.id] = records.count
                records.append(record)
            }
        }
        for alias in configuration.domainAliases {
            if let position = positions[alias.account] {
                records[position].domains += alias.domains
            } else {
                positions[alias.account] = records.count
                records.append(AccountRecord(id: alias.account, domains: alias.domains))
            }
        }
        for subsidiary in configuration.subsidiaries {
            guard let position = positions[subsidiary.account] else { continue }
            records[position].parent = subsidiary.parent
        }
        self.entries = []
        self.entries.reserveCapacity(records.count)
        self.positions = [:]
        self.byDomain = [:]
        self.byPhone = [:]
        self.byCompactName = [:]
        self.byAcronym = [:]
        self.byWordKey = [:]
        self.identity = resolver
        self.aliases = Dictionary(
            configuration.domainAliases.map { ($0.account, $0.domains) }, uniquingKeysWith: +)
        self.parents = Dictionary(
            configuration.subsidiaries.map { ($0.account, $0.parent) }, uniquingKeysWith: { _, last in last })
        for record in records { add(Entry(record: record, resolver: resolver)) }
    }

    /// Adds an account, or replaces the record of one the directory has, keeping the
    /// configuration's alias domains and parent for it — for a host whose accounts grow one at a
    /// time (the engine adds each account its leads create).
    ///
    /// A replaced record's old index keys stay behind: they may still offer the account as a
    /// candidate, which then scores on its new record, so the match is the same as after a
    /// rebuild.
    ///
    /// - Parameter record: The account's record.
    public mutating func upsert(_ record: AccountRecord) {
        var record = record
        if let extra = aliases[record.id] { record.domains += extra.filter { !record.domains.contains($0) } }
        if let parent = parents[record.id] { record.parent = parent }
        add(Entry(record: record, resolver: identity))
    }

    private mutating func add(_ entry: Entry) {
        let index: Int
        let isNew: Bool
        if let position = positions[entry.record.id] {
            (index, isNew) = (position, false)
            entries[position] = entry
        } else {
            (index, isNew) = (entries.count, true)
            positions[entry.record.id] = index
            entries.append(entry)
        }
        // A new entry cannot be listed yet; a replaced one may be, under keys it keeps.
        func insert<Key: Hashable>(_ key: Key, into table: inout [Key: [Int]]) {
            if isNew || table[key]?.contains(index) != true { table[key, default: []].append(index) }
        }
        for domain in entry.domains { insert(domain, into: &byDomain) }
        if let phone = entry.phone { insert(phone, into: &byPhone) }
        guard let name = entry.name else { return }
        insert(name.compact, into: &byCompactName)
        if let acronym = name.acronym, acronym != name.compact { insert(acronym, into: &byAcronym) }
        for key in Set(Self.wordKeys(name)) { insert(key, into: &byWordKey) }
    }

    /// The number of accounts.
    public var count: Int { entries.count }

    /// The accounts as the directory holds them: with alias domains and parents from the
    /// configuration added.
    public var records: [AccountRecord] { entries.map(\.record) }

    /// The record of one account, with alias domains and its parent added.
    ///
    /// - Parameter id: The account.
    /// - Returns: The record, or `nil` when the directory has no such account.
    public func record(for id: AccountID) -> AccountRecord? { positions[id].map { entries[$0].record } }

    /// The index keys of a name's significant words: the first four letters of each (the whole
    /// word when shorter) and, for longer words, the last four, so that one typo anywhere in a
    /// word still finds the account through the other end (`gooogle` → `ogle`).
    static func wordKeys(_ name: CompanyName) -> [String] {
        var keys: [String] = []
        for token in name.tokens where !CompanyName.acronymStopWords.contains(token) {
            keys.append("^" + token.prefix(4))
            if token.count > 4 { keys.append(token.suffix(4) + "$") }
        }
        return keys
    }

    /// A postal code for comparison: uppercase letters and digits only; a US ZIP+4 as its five
    /// digits. `nil` when nothing is left.
    static func postalCode(_ text: String) -> String? {
        let code = String(text.uppercased().filter { $0.isLetter || $0.isNumber })
        if code.count == 9, code.allSatisfy(\.isNumber) { return String(code.prefix(5)) }
        return code.isEmpty ? nil : code
    }

    /// A country for comparison: an ISO 3166 alpha-2 code when the text is one or a common name
    /// or alpha-3 code this table knows; otherwise the folded, uppercased text.
    static func country(_ text: String) -> String? {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .lowercased().filter { $0.isLetter || $0 == " " }.trimmingCharacters(in: .whitespaces)
        guard !folded.isEmpty else { return nil }
        if let code = countryNames[folded] { return code }
        return folded.uppercased()
    }

    private static let countryNames: [String: String] = [
        "usa": "US", "united states": "US", "united states of america": "US", "america": "US",
        "uk": "GB", "gbr": "GB", "united kingdom": "GB", "great britain": "GB", "england": "GB", "britain": "GB",
        "deu": "DE", "germany": "DE", "deutschland": "DE", "fra": "FR", "france": "FR", "esp": "ES", "spain": "ES",
        "espana": "ES", "ita": "IT", "italy": "IT", "italia": "IT", "nld": "NL", "netherlands": "NL",
        "the netherlands": "NL", "holland": "NL", "che": "CH", "switzerland": "CH", "schweiz": "CH", "aut": "AT",
        "austria": "AT", "osterreich": "AT", "swe": "SE", "sweden": "SE", "nor": "NO", "norway": "NO", "dnk": "DK",
        "denmark": "DK", "fin": "FI", "finland": "FI", "pol": "PL", "poland": "PL", "polska": "PL", "jpn": "JP",
        "japan": "JP", "can": "CA", "canada": "CA", "aus": "AU", "australia": "AU", "bra": "BR", "brazil": "BR",
        "brasil": "BR", "mex": "MX", "mexico": "MX", "ind": "IN", "india": "IN", "chn": "CN", "china": "CN",
        "irl": "IE", "ireland": "IE", "bel": "BE", "belgium": "BE", "prt": "PT", "portugal": "PT", "hun": "HU",
        "hungary": "HU", "cze": "CZ", "czechia": "CZ", "czech republic": "CZ", "sgp": "SG", "singapore": "SG",
        "nzl": "NZ", "new zealand": "NZ",
    ]
}
