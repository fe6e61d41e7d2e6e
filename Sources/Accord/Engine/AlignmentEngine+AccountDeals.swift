import Foundation
public import LeadModel

extension AlignmentEngine {
    /// An account's own deals (deals with no contact, such as a CRM export's account-level
    /// deals), in the order they were opened; empty when it has none.
    ///
    /// Deals opened on the account's leads are on the leads (``LeadModel/LeadState/opportunity``).
    ///
    /// - Parameter account: the account.
    /// - Returns: each deal with who recorded it and why.
    public func deals(of account: AccountID) -> [AccountDeals.Deal] {
        accountDeals[account]?.deals ?? []
    }

    /// The account a CRM names by `text`: one the journal knows, or the id a new one gets.
    ///
    /// A domain (`acme.com`, `https://www.acme.com`) is the account's id, as leads' email domains
    /// are. A company name finds the account whose name has the same slug (case, spacing and
    /// punctuation aside: `ACME, Inc.` finds `Acme Inc`), else names a new account
    /// `name:<slug>` (``LeadModel/AccountID/named(_:)``).
    ///
    /// - Parameter text: a domain or a company name.
    /// - Returns: the account's id, or `nil` when `text` has no letter or digit.
    public func resolveAccount(_ text: String) -> AccountID? {
        if let domain = AccountID.domain(text) { return domain }
        guard let slug = AccountID.slug(text) else { return nil }
        return accountsByName[slug] ?? AccountID(rawValue: "name:" + slug)
    }

    /// Folds one event of an account's deal stream.
    func applyAccountDeal(_ event: LeadEvent, of account: AccountID) {
        accountDeals[account, default: AccountDeals(account: account)].apply(event)
        guard case .opportunityOpened(let deal) = event.payload else { return }
        if accounts[account] == nil {
            accounts[account] = Account(
                id: account, name: deal.accountName, domain: account.isNameOnly ? nil : account.rawValue)
        } else if accounts[account]?.name == nil, let name = deal.accountName {
            accounts[account]?.name = name
        }
        if let name = deal.accountName, let slug = AccountID.slug(name), accountsByName[slug] == nil {
            accountsByName[slug] = account
        }
    }

    /// The account deal streams as snapshot bytes: their ids, one a line, sorted.
    func accountStreamsSnapshotBytes() -> [UInt8] {
        Array(accountDeals.keys.map(\.rawValue).sorted().joined(separator: "\n").utf8)
    }

    /// Folds the account deal streams up to `position` after the lead states were loaded from a
    /// snapshot: each stream the snapshot lists, read by its id; without a list saved at the
    /// same position (a snapshot from an earlier Accord), the journal up to `position`.
    func loadAccountDeals(from snapshots: any SnapshotStore, at position: JournalPosition) async throws {
        if let (listPosition, bytes) = try await snapshots.loadSnapshot(named: Self.accountStreamsSnapshotName),
            listPosition == position
        {
            let ids = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map { AccountID(String($0)) }
            for account in ids {
                for event in try await store.events(forLead: .stream(account: account)) {
                    guard let at = event.position, at <= position else { break }
                    applyAccountDeal(event, of: account)
                }
            }
            return
        }
        for try await event in store.events(from: .start, pageSize: 8192) {
            guard let at = event.position, at <= position else { break }
            if let account = event.leadID.accountOfStream { applyAccountDeal(event, of: account) }
        }
    }
}
