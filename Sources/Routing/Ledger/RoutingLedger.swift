public import Foundation
public import LeadModel

/// The journal folded into what routing needs: each rep's open and new leads, each account's
/// owner and active opportunity, and each pool's round-robin position.
///
/// The engine keeps one ledger, applies every event in journal order (all leads, not one
/// stream), and passes a copy in ``RoutingContext``. The ledger is a plain value: applying the
/// same events to a fresh ledger gives an equal ledger, so routing after a restart or a replay
/// makes exactly the same decisions.
///
/// Definitions:
/// - **Open lead**: owned by a rep (its latest assignment names the rep), not in a closed stage
///   (``RoutingRules/closedStages``: won, lost, disqualified, recycled by default), not rejected
///   or recycled by a disposition since that assignment, and not merged into another lead.
///   Reassignment moves the lead from the old rep's count to the new one's.
/// - **New lead**: an assignment to a rep who did not own the lead before; counted by the
///   event's time, per the rep's local day (``newLeads(of:since:)``). Entries older than
///   48 hours before the latest event are dropped.
/// - **Account owner**: the rep of the latest assignment of any lead on the account; it stays
///   when that lead closes.
/// - **Active opportunity**: a lead of the account in an opportunity stage, owned by a rep, not
///   merged away; the earliest to enter the stage wins.
/// - **Pool turns**: every `assigned` event with a `pool-turn:<pool>` reason steps that pool's
///   ``PoolRotation``, whatever router or playbook version wrote it.
/// - **Value received**: every `assigned` event with a `pool-value:<pool>` reason adds the
///   lead's expected value to the owner's in that pool's ``ValueReceived``.
///
/// ```swift
/// var ledger = RoutingLedger(rules: rules)
/// for event in journal { ledger.apply(event) }
/// ledger.openLeads(of: "ana")          // 12
/// ledger.accountOwner(of: "acme.com")  // "ana"
/// ```
public struct RoutingLedger: Hashable, Sendable {
    struct LeadRecord: Hashable, Sendable {
        var account: AccountID?
        var owner: String?
        var stage: Stage
        var returned = false
        var merged = false
        /// The pool whose turn gave the latest assignment, if a pool did.
        var pool: String?
    }

    /// Stages in which a lead is not open work.
    public var closedStages: Set<Stage>
    /// Stages that make a lead an active opportunity.
    public var opportunityStages: Set<Stage>
    var leads = LayeredDictionary<LeadID, LeadRecord>()
    /// Each rep's number in ``repLoads``: the routing section's reps first, in order, then any
    /// other rep as the journal names them.
    var repNumbers: [String: Int] = [:]
    var repLoads: ContiguousArray<RepLoad> = []
    /// The routing section's rep list this ledger numbered first; a router with the same list
    /// reads loads by number instead of by id.
    var roster = Roster(ids: [])
    var owners = LayeredDictionary<AccountID, String>()
    var opportunities = LayeredDictionary<AccountID, [LeadID]>()
    var rotations: [String: PoolRotation] = [:]
    var values: [String: ValueReceived] = [:]
    var latest: Date?
    /// Events per claim stream (`pool:<name>`, `rep:<id>`).
    var claims = LayeredDictionary<LeadID, Int>()
    /// How many events were applied.
    public internal(set) var eventCount = 0

    /// How long new-lead entries are kept: longer than any local day seen from any offset.
    static let recentWindow: TimeInterval = 48 * 3600

    /// An empty ledger.
    ///
    /// - Parameters:
    ///   - closedStages: stages in which a lead is not open work.
    ///   - opportunityStages: stages that make an active opportunity.
    public init(
        closedStages: Set<Stage> = Set(RoutingRules.standardClosedStages),
        opportunityStages: Set<Stage> = [.opportunity]
    ) {
        self.closedStages = closedStages
        self.opportunityStages = opportunityStages
    }

    /// An empty ledger with the stage definitions of a routing section.
    public init(rules: RoutingRules) {
        self.init(closedStages: Set(rules.closedStages), opportunityStages: Set(rules.opportunityStages))
        let ids = rules.reps.map(\.id)
        for id in ids { _ = number(of: id) }
        roster = Roster(ids: ids)
    }

    /// Folds one more event, of any lead, in journal order.
    public mutating func apply(_ event: LeadEvent) {
        eventCount += 1
        latest = max(latest ?? event.occurredAt, event.occurredAt)
        let id = event.leadID
        switch event.payload {
        case .turnTaken:
            claims[id, default: 0] += 1
            return
        case .captured, .fieldsChanged, .merged, .mergedInto, .stageChanged, .dispositionRecorded, .assigned:
            break
        default:
            // Other facts change no record: their stream only gets one, a fresh lead's, if it
            // had none.
            if leads[id] == nil { leads[id] = LeadRecord(stage: .lead) }
            return
        }
        let before = leads[id]
        var record = before ?? LeadRecord(stage: .lead)
        switch event.payload {
        case .captured(let lead, let stage):
            if before == nil { record.stage = stage }
            if record.account == nil { record.account = lead.accountID }
        case .fieldsChanged(let changes):
            if let value = changes.values[.account] { record.account = value.map { AccountID(rawValue: $0.text) } }
        case .merged(let merge):
            if record.account == nil { record.account = merge.absorbedLead.accountID }
        case .mergedInto:
            record.merged = true
        case .stageChanged(let change):
            record.stage = change.to
        case .dispositionRecorded(let disposition):
            record.returned = disposition.outcome != .accepted
        case .assigned(let assignment):
            let rep: String?
            if case .rep(let id) = assignment.owner { rep = id } else { rep = nil }
            if let rep, rep != record.owner { addRecent(rep, at: event.occurredAt) }
            if let rep, let account = record.account { owners[account] = rep }
            record.owner = rep
            record.returned = false
            record.pool = event.reasons.first { $0.rule.hasPrefix(PoolRotation.reasonPrefix) }
                .map { String($0.rule.dropFirst(PoolRotation.reasonPrefix.count)) }
            if let rep { replayPoolTurns(event.reasons, chosen: rep, at: event.occurredAt) }
        default:
            break
        }
        guard before != record else { return }
        leads[id] = record
        if let owner = before.flatMap(openOwner) { repLoads[number(of: owner)].open -= 1 }
        if let owner = openOwner(record) { repLoads[number(of: owner)].open += 1 }
        let wasOpportunity = before.flatMap(opportunityAccount)
        let isOpportunity = opportunityAccount(record)
        if wasOpportunity != isOpportunity {
            if let account = wasOpportunity { opportunities[account]?.removeAll { $0 == id } }
            if let account = isOpportunity { opportunities[account, default: []].append(id) }
        }
    }

    /// Folds events in order.
    public mutating func apply(contentsOf events: some Sequence<LeadEvent>) {
        for event in events { apply(event) }
    }

    /// The rep's open leads.
    public func openLeads(of rep: String) -> Int { repNumbers[rep].map { repLoads[$0].open } ?? 0 }

    /// The leads assigned to the rep at or after `start` (the start of their local day).
    public func newLeads(of rep: String, since start: Date) -> Int {
        repNumbers[rep].map { repLoads[$0].count(since: start) } ?? 0
    }

    /// The rep's open leads and, when `start` is given, the leads assigned since then; one look-up.
    @inline(__always)
    func capacityLoad(of rep: String, since start: Date?) -> (open: Int, new: Int) {
        guard let number = repNumbers[rep] else { return (0, 0) }
        return capacityLoad(number: number, since: start)
    }

    /// ``capacityLoad(of:since:)`` by the rep's number in ``roster``, without hashing the id.
    @inline(__always)
    func capacityLoad(number: Int, since start: Date?) -> (open: Int, new: Int) {
        (repLoads[number].open, start.map { repLoads[number].count(since: $0) } ?? 0)
    }

    /// The rep who owns the account, if any lead of it was assigned to a rep.
    public func accountOwner(of account: AccountID) -> String? { owners[account] }

    /// The account's active opportunity and its owner, if it has one.
    public func activeOpportunity(on account: AccountID) -> (lead: LeadID, owner: String)? {
        guard let lead = opportunities[account]?.first, let owner = leads[lead]?.owner else { return nil }
        return (lead, owner)
    }

    /// The round-robin position of a pool; fresh when the pool never had a turn.
    public func rotation(of pool: String) -> PoolRotation { rotations[pool] ?? PoolRotation() }

    /// The expected value each member of a value-balanced pool received (none for other pools).
    public func valueReceived(in pool: String) -> ValueReceived { values[pool] ?? ValueReceived() }

    /// The expected value `rep` received through every value-balanced pool, decayed to `now`.
    public func valueReceived(by rep: String, at now: Date) -> Double {
        values.values.reduce(0) { $0 + $1.value(of: rep, at: now) }
    }

    /// How many turns a claim stream holds (`TurnClaim.stream(pool:)`, `TurnClaim.stream(rep:)`):
    /// the version the next claim must expect.
    ///
    /// - Parameter stream: the claim stream.
    public func claimVersion(of stream: LeadID) -> Int { claims[stream] ?? 0 }

    /// The pool whose turn gave the lead its latest assignment, if a pool did.
    ///
    /// - Parameter lead: the lead.
    public func pool(of lead: LeadID) -> String? { leads[lead]?.pool }

    /// The open leads a rep owns (see "Open lead" above), in id order.
    ///
    /// - Parameter rep: the rep.
    public func openLeadIDs(of rep: String) -> [LeadID] {
        leads.compactMap { id, record in openOwner(record) == rep ? id : nil }.sorted()
    }

    /// The rep who owns a lead now, if a rep does.
    public func owner(of lead: LeadID) -> String? { leads[lead]?.owner }

    private func openOwner(_ record: LeadRecord) -> String? {
        guard let owner = record.owner, !record.merged, !record.returned, !closedStages.contains(record.stage)
        else { return nil }
        return owner
    }

    private func opportunityAccount(_ record: LeadRecord) -> AccountID? {
        guard let account = record.account, record.owner != nil, !record.merged,
            opportunityStages.contains(record.stage)
        else { return nil }
        return account
    }

    /// The rep's number, given on first sight.
    private mutating func number(of rep: String) -> Int {
        if let number = repNumbers[rep] { return number }
        repNumbers[rep] = repLoads.count
        repLoads.append(RepLoad())
        return repLoads.count - 1
    }

    private mutating func addRecent(_ rep: String, at date: Date) {
        repLoads[number(of: rep)].add(date, horizon: (latest ?? date).addingTimeInterval(-Self.recentWindow))
    }

    private mutating func replayPoolTurns(_ reasons: [Reason], chosen: String, at time: Date) {
        for reason in reasons where reason.rule.hasPrefix("pool-") {
            if reason.rule.hasPrefix(PoolRotation.reasonPrefix) {
                let pool = String(reason.rule.dropFirst(PoolRotation.reasonPrefix.count))
                rotations[pool, default: PoolRotation()].record(detail: reason.detail, chosen: chosen)
            } else if reason.rule.hasPrefix(ValueReceived.reasonPrefix) {
                let pool = String(reason.rule.dropFirst(ValueReceived.reasonPrefix.count))
                values[pool, default: ValueReceived()].record(detail: reason.detail, chosen: chosen, at: time)
            }
        }
    }
}

/// A list of rep ids, compared by count and hash: a router whose reps match the ledger's first
/// numbered reps reads their loads by number.
struct Roster: Hashable, Sendable {
    let count: Int
    let hash: Int

    init(ids: [String]) {
        var hasher = Hasher()
        for id in ids { hasher.combine(id) }
        count = ids.count
        hash = hasher.finalize()
    }
}
