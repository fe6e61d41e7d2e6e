import Foundation
public import LeadModel

/// The facts the scoreboard needs, folded from the journal in one pass; any number of
/// scoreboards (periods, views, slices) are then computed from it without reading the journal
/// again.
///
/// Feed it every event of the journal in order. A lead merged into another is counted once, as
/// the survivor: its facts move to the survivor when the merge is seen. Erased leads keep
/// counting (erasure keeps source, campaign, stages, dispositions and deals). An account's own
/// deals (the `account:<id>` streams of deals with no contact) count in every deal KPI and slice,
/// by their own owner and product; they add no person to the funnel.
///
/// ```swift
/// var projection = ScoreboardProjection()
/// for try await event in store.events() { projection.apply(event) }
/// let board = try projection.scoreboard(ScoreboardQuery(period: .month(year: 2026, month: 10)))
/// ```
///
/// A value type: copy it freely, use it from one task at a time.
public struct ScoreboardProjection: Sendable {
    /// The stage names counted as the funnel's stages.
    public let stages: ScoreboardStages
    var people: [PersonRecord] = []
    var index: [LeadID: Int] = [:]
    /// Every currency seen on a deal.
    var currencies: Set<String> = []
    /// The number of events folded.
    public private(set) var eventCount = 0

    /// Creates an empty projection.
    ///
    /// - Parameter stages: the names of the funnel's stages in the team's stage graph.
    public init(stages: ScoreboardStages = .standard) {
        self.stages = stages
    }

    /// Folds a whole journal.
    public init(events: some Sequence<LeadEvent>, stages: ScoreboardStages = .standard) {
        self.init(stages: stages)
        for event in events { apply(event) }
    }

    /// The number of distinct people (merged duplicates counted once).
    public var personCount: Int { people.count { !$0.absorbed && !$0.isAccount } }

    /// Folds one event.
    public mutating func apply(_ event: LeadEvent) {
        eventCount += 1
        let time = event.occurredAt.timeIntervalSinceReferenceDate
        if case .captured(let lead, let stage) = event.payload {
            if let existing = index[event.leadID] {
                // A later capture of a known lead fills the gaps, as the lead's own fold does.
                people[existing].absorb(PersonRecord(createdAt: time, lead: lead))
            } else {
                index[event.leadID] = people.count
                people.append(PersonRecord(createdAt: time, lead: lead))
                if let funnel = funnelIndex(stage) { people[people.count - 1].enter(funnel, at: time) }
            }
            return
        }
        guard let slot = index[event.leadID] ?? accountSlot(event, at: time) else { return }
        switch event.payload {
        case .stageChanged(let change):
            if let funnel = funnelIndex(change.to) { people[slot].enter(funnel, at: time) }
            people[slot].isBlocked = false
        case .handoffBlocked(let block):
            people[slot].blocks.append((time, block.missing.map(\.rawValue)))
            people[slot].isBlocked = true
        case .fieldsChanged(let changes):
            for (field, value) in changes.values {
                switch field {
                case .source: people[slot].source = value?.text
                case .campaign: people[slot].campaign = value?.text
                case "segment": people[slot].segment = value?.text
                case "product": people[slot].productAttribute = value?.text
                default: break
                }
            }
        case .assigned(let assignment):
            people[slot].owner = Self.sliceLabel(assignment.owner)
        case .touched:
            let person = people[slot]
            if !person.qualifiedAt.isNaN, person.firstTouchAfterQualified.isNaN, time >= person.qualifiedAt {
                people[slot].firstTouchAfterQualified = time
            }
        case .dispositionRecorded(let disposition):
            let kind: UInt8
            switch disposition.outcome {
            case .accepted: kind = PersonRecord.accepted
            case .rejected: kind = PersonRecord.rejected
            case .recycled: kind = PersonRecord.recycled
            }
            people[slot].dispositions.append(PersonRecord.Outcome(at: time, kind: kind))
        case .slaMet(let clock) where !clock.isDisposition:
            people[slot].sla.append(PersonRecord.Outcome(at: time, kind: PersonRecord.met))
        case .slaBreached(let clock) where !clock.isDisposition:
            people[slot].sla.append(PersonRecord.Outcome(at: time, kind: PersonRecord.breached))
        case .opportunityOpened(let deal):
            let opened = deal.openedAt?.timeIntervalSinceReferenceDate ?? time
            people[slot].deals.append(
                PersonRecord.Deal(
                    id: deal.id, amount: deal.amount, currency: deal.currency, product: deal.product,
                    owner: deal.owner.map(Self.sliceLabel), openedAt: opened))
            if !people[slot].isAccount { people[slot].enter(2, at: opened) }
            if !currencies.contains(deal.currency) { currencies.insert(deal.currency) }
        case .opportunityUpdated(let update):
            if let amount = update.amount, let last = people[slot].deals.lastIndex(where: { $0.id == update.id }) {
                people[slot].deals[last].amount = amount
            }
        case .opportunityClosed(let closing):
            guard let last = people[slot].deals.lastIndex(where: { $0.id == closing.id }) else { break }
            let closed = closing.closedAt.timeIntervalSinceReferenceDate
            people[slot].deals[last].closedAt = closed
            people[slot].deals[last].won = closing.outcome == .won
            people[slot].deals[last].closedAmount = closing.amount
            if !people[slot].isAccount { people[slot].enter(closing.outcome == .won ? 3 : 4, at: closed) }
        case .merged(let record):
            guard let other = index[record.absorbed], other != slot, !people[other].folded else { break }
            people[slot].absorb(people[other])
            people[other].folded = true
            people[other].absorbed = true
        case .mergedInto:
            people[slot].absorbed = true
        default:
            break
        }
    }

    /// The record of an account's deal stream (``LeadModel/LeadID/stream(account:)``), made by
    /// its first deal; `nil` for any other event of a stream that is not a person's.
    private mutating func accountSlot(_ event: LeadEvent, at time: Double) -> Int? {
        guard case .opportunityOpened = event.payload, event.leadID.rawValue.hasPrefix("account:") else { return nil }
        index[event.leadID] = people.count
        people.append(PersonRecord(account: time))
        return people.count - 1
    }

    /// An owner as a slice label: the rep's id, or `queue:NAME`.
    static func sliceLabel(_ owner: Owner) -> String {
        switch owner {
        case .rep(let rep): rep
        case .queue(let queue): "queue:" + queue
        }
    }

    /// The funnel index (0 MQL … 4 lost) of a stage, or `nil` when it is not a funnel stage.
    @inline(__always)
    func funnelIndex(_ stage: Stage) -> Int? {
        if stage == stages.mql { return 0 }
        if stage == stages.sql { return 1 }
        if stage == stages.opportunity { return 2 }
        if stage == stages.won { return 3 }
        if stage == stages.lost { return 4 }
        return nil
    }
}
