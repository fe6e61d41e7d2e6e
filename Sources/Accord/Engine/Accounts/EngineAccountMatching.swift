import Foundation
import LeadModel

/// The engine's account matcher, kept in step with the accounts its projections know.
///
/// The journal's accounts carry a name and a domain; what their contacts say about the company
/// — country, postal code, website, main phone line (`companyPhone`) — is added from the first
/// contact that says it, so that a later lead at "Acme GmbH" in Germany is not matched to the
/// "Acme Inc." its first US contact made. A person's own email and phone are never copied into an
/// account (two leads with one phone are one person, which identity resolution settles first). The age the `oldest`
/// tie-break compares is the creation of the account's earliest contact, the same whether the
/// projections were folded or rebuilt from a snapshot.
struct EngineAccountMatching: Sendable {
    private(set) var matcher: AccountMatcher
    private var records: [AccountID: AccountRecord] = [:]
    private var firstSeen: [AccountID: Date] = [:]
    private let identity: StandardIdentityResolver.Configuration

    /// An empty matcher for a playbook's `accountMatching` and `identity` sections.
    init(configuration: AccountMatchingConfiguration, identity: StandardIdentityResolver.Configuration) {
        matcher = AccountMatcher(accounts: [], configuration: configuration, identity: identity)
        self.identity = identity
    }

    /// The same matcher with no accounts, for projections rebuilt from scratch.
    func cleared() -> EngineAccountMatching {
        EngineAccountMatching(configuration: matcher.configuration, identity: identity)
    }

    /// The account as the projections hold it, with what `contact` adds, indexed again when
    /// either changed it.
    ///
    /// - Parameters:
    ///   - account: The account.
    ///   - contact: A lead linked to it, if any, and when the lead was created.
    mutating func note(_ account: Account, contact: (lead: Lead, createdAt: Date)? = nil) {
        var record = records[account.id] ?? AccountRecord(account)
        let before = record
        if record.name == nil { record.name = account.name }
        if record.domains.isEmpty, let domain = account.domain { record.domains = [domain] }
        if let (lead, createdAt) = contact {
            func text(_ key: String) -> String? {
                guard let value = lead.attributes[key] else { return nil }
                let text = value.text
                return text.isEmpty ? nil : text
            }
            if record.name == nil { record.name = lead.company }
            if record.country == nil { record.country = text("country") }
            if record.postalCode == nil { record.postalCode = text("postalCode") }
            if record.website == nil { record.website = text("website") }
            if record.phone == nil { record.phone = text("companyPhone") }
            if firstSeen[account.id].map({ createdAt < $0 }) ?? true { firstSeen[account.id] = createdAt }
        }
        guard records[account.id] == nil || record != before else { return }
        records[account.id] = record
        matcher.upsert(record)
    }

    /// When the account's earliest contact was created, if it has had one.
    func createdAt(of account: AccountID) -> Date? { firstSeen[account] }
}
