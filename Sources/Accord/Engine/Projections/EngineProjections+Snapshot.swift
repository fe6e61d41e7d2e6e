import Foundation
import LeadModel
import Routing
import SLA

extension EngineProjections {
    /// The name of the lead states' snapshot in a ``LeadModel/SnapshotStore``.
    static let snapshotName = "accord.engine.lead-states"
    /// The names of the router's ledger and the SLA monitor, saved at the same position.
    static let ledgerSnapshotName = "accord.engine.routing-ledger"
    static let monitorSnapshotName = "accord.engine.sla-monitor"
    /// The name of the list of account deal streams, saved at the same position.
    static let accountStreamsSnapshotName = "accord.engine.account-streams"

    /// Saves the lead states, the router's ledger, the SLA monitor, the list of account deal
    /// streams and the account directory (which look-ups read without an engine) as snapshots
    /// at ``position``.
    ///
    /// - Returns: `false` when nothing was folded yet (no position to save at).
    /// - Throws: ``LeadModel/EventStoreError`` when a snapshot cannot be written.
    func save(to snapshots: any SnapshotStore) async throws -> Bool {
        guard let position else { return false }
        try await snapshots.saveSnapshot(
            named: Self.snapshotName, at: position, bytes: LeadStateSnapshot.encode(leads.values))
        try await snapshots.saveSnapshot(
            named: Self.ledgerSnapshotName, at: position, bytes: RoutingLedgerSnapshot.encode(routingLedger.snapshot))
        try await snapshots.saveSnapshot(named: Self.monitorSnapshotName, at: position, bytes: monitor.snapshotBytes())
        try await snapshots.saveSnapshot(
            named: Self.accountStreamsSnapshotName, at: position, bytes: accountStreamsSnapshotBytes())
        try await snapshots.saveSnapshot(
            named: AccountDirectory.snapshotName, at: position,
            bytes: AccountDirectorySnapshot.encode(AccountDirectory(self)))
        return true
    }

    /// Loads the lead states from the snapshot, if there is a usable one, with the ledger, the
    /// monitor and the account deal streams as of its position (from their own snapshots, else
    /// from `journal`).
    ///
    /// - Returns: what happened to the snapshot.
    /// - Throws: ``LeadModel/EventStoreError`` when the store or the journal cannot be read.
    mutating func load(from snapshots: any SnapshotStore, journal: any EventStore) async throws -> SnapshotStatus {
        guard let (snapshotPosition, bytes) = try await snapshots.loadSnapshot(named: Self.snapshotName) else {
            return .none
        }
        let states: [LeadState]
        do {
            states = try LeadStateSnapshot.decode(bytes)
        } catch {
            return .ignored(reason: error.description)
        }
        leads = Dictionary(uniqueKeysWithValues: states.map { ($0.id, $0) })
        position = snapshotPosition
        rebuildIndexes()
        if try await !loadRoutingAndClocks(from: snapshots, at: snapshotPosition) {
            // The router's turns and loads and the open clocks' phases: fold them from the
            // journal.
            for try await event in journal.events(from: .start, pageSize: 8192) {
                guard let eventPosition = event.position, eventPosition <= snapshotPosition else { break }
                routingLedger.apply(event)
                monitor.apply(event)
            }
        }
        try await loadAccountDeals(from: snapshots, journal: journal, at: snapshotPosition)
        return .loaded(position: snapshotPosition, leads: states.count)
    }

    /// Loads the router's ledger and the SLA monitor saved with the lead states, when both are
    /// at `position` and were folded under today's routing and SLA sections.
    ///
    /// - Returns: whether both were loaded; when not, the ledger and monitor are untouched.
    mutating func loadRoutingAndClocks(from snapshots: any SnapshotStore, at position: JournalPosition)
        async throws -> Bool
    {
        guard let (ledgerPosition, ledgerBytes) = try await snapshots.loadSnapshot(named: Self.ledgerSnapshotName),
            let (monitorPosition, monitorBytes) = try await snapshots.loadSnapshot(named: Self.monitorSnapshotName),
            ledgerPosition == position, monitorPosition == position,
            let snapshot = try? RoutingLedgerSnapshot.decode(ledgerBytes),
            let ledger = RoutingLedger(snapshot: snapshot, template: routingLedger),
            let loadedMonitor = try? SLAMonitor(snapshotBytes: monitorBytes, policy: monitor.policy)
        else { return false }
        routingLedger = ledger
        monitor = loadedMonitor
        return true
    }

    /// The account deal streams as snapshot bytes: their ids, one a line, sorted.
    func accountStreamsSnapshotBytes() -> [UInt8] {
        Array(accountDeals.keys.map(\.rawValue).sorted().joined(separator: "\n").utf8)
    }

    /// Folds the account deal streams up to `position` after the lead states were loaded from a
    /// snapshot: each stream the snapshot lists, read by its id; without a list saved at the
    /// same position (a snapshot from an earlier Accord), the journal up to `position`.
    private mutating func loadAccountDeals(
        from snapshots: any SnapshotStore, journal: any EventStore, at position: JournalPosition
    ) async throws {
        if let (listPosition, bytes) = try await snapshots.loadSnapshot(named: Self.accountStreamsSnapshotName),
            listPosition == position
        {
            let ids = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map { AccountID(String($0)) }
            for account in ids {
                for event in try await journal.events(forLead: .stream(account: account)) {
                    guard let at = event.position, at <= position else { break }
                    foldAccountDeal(event, of: account)
                }
            }
            return
        }
        for try await event in journal.events(from: .start, pageSize: 8192) {
            guard let at = event.position, at <= position else { break }
            if let account = event.leadID.accountOfStream { foldAccountDeal(event, of: account) }
        }
    }

    /// Rebuilds the identity index and the accounts from the lead states, oldest lead first, as
    /// folding the journal would have built them.
    private mutating func rebuildIndexes() {
        // Sized up front: growing four tables of every lead would rehash each of them many times.
        identityIndex = Dictionary(minimumCapacity: leads.count * 2)
        accounts = [:]
        accountsByName = [:]
        accountMatching = accountMatching?.cleared()
        accountDeals = [:]
        contactsByAccount = [:]
        accountOfLead = Dictionary(minimumCapacity: leads.count)
        mergedLeads = [:]
        selfIndexed = []
        // Sorted by (time, id) pairs: sorting the states themselves moved every state's bytes
        // many times over. The merges are taken on the way: the loop below follows them.
        var ordered: [(createdAt: Date, id: LeadID)] = []
        ordered.reserveCapacity(leads.count)
        for (id, state) in leads {
            ordered.append((state.createdAt, id))
            if let survivor = state.mergedInto { mergedLeads[id] = survivor }
        }
        ordered.sort { lhs, rhs in lhs.createdAt == rhs.createdAt ? lhs.id < rhs.id : lhs.createdAt < rhs.createdAt }
        for (_, id) in ordered {
            guard let state = leads[id], !state.isErased else { continue }
            let owner = survivor(of: state.id) ?? state.id
            var ownsEveryKey = true
            for key in identity.keys(for: state.lead) {
                if let holder = identityIndex[key] {
                    if holder != state.id { ownsEveryKey = false }
                } else {
                    identityIndex[key] = owner
                }
            }
            // Later leads only fill keys nobody has: what this lead owns now it keeps.
            if ownsEveryKey && owner == state.id && state.mergedInto == nil { selfIndexed.insert(state.id) }
            linkAccount(of: state.id)
        }
    }
}
