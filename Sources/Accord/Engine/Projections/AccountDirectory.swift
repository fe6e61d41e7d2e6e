import Foundation
import LeadModel

/// Which accounts the journal knows and which leads are their contacts, as the engine's
/// projections link them: the part of the engine's state an account look-up needs. The engine
/// saves it beside its lead-state snapshot, so that `accord account show` finds an account's
/// contacts without opening an engine (see ``JournalReports/accountSummary(_:on:snapshots:)``).
struct AccountDirectory: Hashable, Sendable {
    /// One account and the leads linked to it (merged and erased ones included, as the engine
    /// keeps them; readers leave those out).
    struct Entry: Hashable, Sendable {
        var account: Account
        var contacts: Set<LeadID>
    }

    var entries: [AccountID: Entry] = [:]
    /// Accounts by the slug of a company name (``LeadModel/AccountID/slug(_:)``), the first
    /// account to carry each name.
    var byName: [String: AccountID] = [:]

    /// The name of the directory's snapshot in a ``LeadModel/SnapshotStore``.
    static let snapshotName = "accord.engine.accounts"

    init(entries: [AccountID: Entry] = [:], byName: [String: AccountID] = [:]) {
        self.entries = entries
        self.byName = byName
    }

    /// The directory of the engine's projections.
    init(_ projections: EngineProjections) {
        entries.reserveCapacity(projections.accounts.count)
        for (id, account) in projections.accounts {
            entries[id] = Entry(account: account, contacts: projections.contactsByAccount[id] ?? [])
        }
        byName = projections.accountsByName
    }

    /// The account `text` names: a domain as written (lowercased) when the directory knows it,
    /// otherwise the account the engine would resolve it to
    /// (``AlignmentEngine/resolveAccount(_:)``), known or not.
    func resolve(_ text: String) -> AccountID? {
        let literal = AccountID(text.lowercased())
        if entries[literal] != nil { return literal }
        if let domain = AccountID.domain(text) { return domain }
        guard let slug = AccountID.slug(text) else { return nil }
        return byName[slug] ?? AccountID(rawValue: "name:" + slug)
    }
}
