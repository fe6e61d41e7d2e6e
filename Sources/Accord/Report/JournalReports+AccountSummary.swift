import Foundation
public import LeadModel
public import Scoring

/// An account as `accord account show` shows it: the account, its leads, their rolled-up score
/// and its own deals.
public struct AccountSummary: Sendable {
    public var account: Account
    /// The account's leads in id order; leads merged into another and erased leads are left out.
    public var contacts: [LeadState]
    /// The contacts' scores rolled up by the playbook's ``Scoring/AccountRollup``; `nil` when no
    /// contact is scored.
    public var score: AccountScore?
    /// The account's own deals (deals with no contact), in the order they were opened. Deals on
    /// its leads are on the leads (``LeadModel/LeadState/opportunity``).
    public var deals: [AccountDeals.Deal]

    public init(account: Account, contacts: [LeadState], score: AccountScore?, deals: [AccountDeals.Deal]) {
        self.account = account
        self.contacts = contacts
        self.score = score
        self.deals = deals
    }
}

/// The journal has no account directory snapshot (it was written by an earlier Accord, or its
/// snapshots were never saved): answer the look-up with an engine, whose next snapshot saves one.
public struct AccountDirectoryMissing: Error, CustomStringConvertible {
    public var description: String {
        "the journal has no account directory snapshot; open an engine to look the account up"
    }
}

extension JournalReports {
    /// Looks an account up without opening an engine: reads the account directory the engine
    /// saved with its snapshots, catches it up with the events appended since, and reads the
    /// account's leads and deal stream through the store's per-lead index. Memory and time grow
    /// with the events since the snapshot and the account's own leads, not with the journal.
    ///
    /// `text` names the account as `accord account show` takes it: an account id (`acme.com`,
    /// `name:acme-inc`), a domain in any form (`https://www.acme.com`), or a company name, which
    /// finds the account first known by that name (``AlignmentEngine/resolveAccount(_:)``).
    /// The answer equals what an engine on the same journal gives through
    /// ``AlignmentEngine/account(_:)``, ``AlignmentEngine/contacts(of:)``,
    /// ``AlignmentEngine/accountScore(_:)`` and ``AlignmentEngine/deals(of:)``.
    ///
    /// ```swift
    /// let summary = try await reports.accountSummary("acme.com", on: store, snapshots: store)
    /// print(summary?.contacts.count ?? 0)
    /// ```
    ///
    /// - Parameters:
    ///   - text: the account's id, domain or name.
    ///   - journal: the journal.
    ///   - snapshots: where the engine saved its snapshots (a ``Journal/FileEventStore`` is both).
    /// - Returns: the account, or `nil` when no account answers to `text`.
    /// - Throws: ``AccountDirectoryMissing`` when there is no usable account directory snapshot;
    ///   ``LeadModel/EventStoreError`` when the journal cannot be read.
    public func accountSummary(_ text: String, on journal: any EventStore, snapshots: any SnapshotStore)
        async throws -> AccountSummary?
    {
        guard let (position, bytes) = try await snapshots.loadSnapshot(named: AccountDirectory.snapshotName),
            var directory = try? AccountDirectorySnapshot.decode(bytes)
        else { throw AccountDirectoryMissing() }
        // Catch up: leads captured, changed or merged since, and account-level deals opened since.
        var touched: [LeadID] = []
        var seen: Set<LeadID> = []
        var tailDeals: [(account: AccountID, deal: Opportunity)] = []
        for try await event in journal.events(from: JournalPosition(position.rawValue + 1), pageSize: 8192) {
            switch event.payload {
            case .captured, .fieldsChanged, .merged:
                if seen.insert(event.leadID).inserted { touched.append(event.leadID) }
            case .opportunityOpened(let deal):
                if let account = event.leadID.accountOfStream { tailDeals.append((account, deal)) }
            default:
                break
            }
        }
        var states: [LeadID: LeadState] = [:]
        for id in touched {
            guard let state = LeadState.fold(try await journal.events(forLead: id)) else { continue }
            states[id] = state
            directory.link(state)
        }
        for (account, deal) in tailDeals { directory.noteDeal(deal, on: account) }
        guard let id = directory.resolve(text), var entry = directory.entries[id] else { return nil }
        for (lead, state) in states {
            guard let account = state.lead.accountID else { continue }
            if account == id { entry.contacts.insert(lead) } else { entry.contacts.remove(lead) }
        }
        var contacts: [LeadState] = []
        for lead in entry.contacts.sorted() {
            let state: LeadState?
            if let known = states[lead] {
                state = known
            } else {
                state = LeadState.fold(try await journal.events(forLead: lead))
            }
            if let state, state.mergedInto == nil, !state.isErased { contacts.append(state) }
        }
        var deals = AccountDeals(account: id)
        for event in try await journal.events(forLead: .stream(account: id)) { deals.apply(event) }
        let cards = contacts.compactMap { state in state.score.map { (lead: state.id, card: $0) } }
        let score =
            cards.isEmpty
            ? nil
            : AccountScore(
                account: id, contacts: cards, rollup: playbook.scoring?.accountRollup ?? .standard,
                grades: playbook.scoring?.grades ?? .standard)
        return AccountSummary(account: entry.account, contacts: contacts, score: score, deals: deals.deals)
    }
}

extension AccountDirectory {
    /// Links a lead caught up after the snapshot as the engine's projections link it
    /// (``AccountNaming``): makes or names the account its state names and notes the company's
    /// name. (Which account's contacts it leaves is settled for the one account looked up.)
    fileprivate mutating func link(_ state: LeadState) {
        guard let id = state.lead.accountID else { return }
        store(
            AccountNaming.linked(
                entries[id]?.account, id: id, name: state.lead.company, domain: AccountNaming.contactDomain(of: id)))
        AccountNaming.note(state.lead.company, of: id, in: &byName)
    }

    /// Notes an account-level deal opened since the snapshot, as the engine does: the account is
    /// made, or named, from the deal's account name.
    fileprivate mutating func noteDeal(_ deal: Opportunity, on id: AccountID) {
        store(
            AccountNaming.linked(
                entries[id]?.account, id: id, name: deal.accountName, domain: AccountNaming.dealDomain(of: id)))
        AccountNaming.note(deal.accountName, of: id, in: &byName)
    }

    /// Stores a made or renamed account, keeping its contacts.
    private mutating func store(_ account: Account?) {
        guard let account else { return }
        if entries[account.id] == nil {
            entries[account.id] = Entry(account: account, contacts: [])
        } else {
            entries[account.id]?.account = account
        }
    }
}
