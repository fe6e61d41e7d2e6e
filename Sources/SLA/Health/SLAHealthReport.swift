public import Foundation
public import LeadModel

/// Folds the journal into what ``SLAHealth`` needs, then reports any period.
///
/// A plain value: apply every event in journal order (all leads), then ask for a period.
///
/// ```swift
/// var report = SLAHealthReport(policy: policy)
/// for try await event in store.events(from: .start) { report.apply(event) }
/// let health = report.health(from: monthStart, to: nextMonthStart, now: now)
/// print(health.attainment ?? 0)
/// ```
public struct SLAHealthReport: Sendable {
    private struct ClockRecord: Sendable {
        var lead: LeadID
        var clock: SLAClock
        var started: Date
        var outcome: Outcome = .open
        var owner: Owner?
    }

    private enum Outcome: Sendable { case open, met, breached }

    private let policy: (any SLAPolicy)?
    private var clocks: [SLAClockID: ClockRecord] = [:]
    private var order: [SLAClockID] = []
    private var sources: [LeadID: String] = [:]
    private var owners: [LeadID: Owner] = [:]
    private var touches: [LeadID: [Date]] = [:]
    private var commitments: CommitmentTracker?

    /// An empty report.
    ///
    /// - Parameter policy: the policy whose ``SLAPolicy/healthTerms(forTier:)`` give each tier's
    ///   calendar for business time and follow-up cadence, and whose
    ///   ``SLAPolicy/commitmentTracker()`` gives marketing's commitments; without one, business
    ///   time equals wall time and no cadence or commitment is reported.
    public init(policy: (any SLAPolicy)?) {
        self.policy = policy
        commitments = policy?.commitmentTracker()
    }

    /// Folds one more event, of any lead, in journal order.
    public mutating func apply(_ event: LeadEvent) {
        commitments?.apply(event)
        let lead = event.leadID
        switch event.payload {
        case .captured(let captured, _):
            if let source = captured.source, sources[lead] == nil { sources[lead] = source }
        case .assigned(let assignment):
            owners[lead] = assignment.owner
        case .touched:
            touches[lead, default: []].append(event.occurredAt)
        case .slaStarted(let clock) where !clock.id.isDisposition:
            if clocks[clock.id] == nil {
                order.append(clock.id)
                clocks[clock.id] = ClockRecord(lead: lead, clock: clock, started: event.occurredAt)
            } else {
                // A restart (reassignment) keeps the first start: time to first touch runs from it.
                clocks[clock.id]?.clock = clock
            }
        case .slaResumed(let resume):
            clocks[resume.clockID]?.clock.deadline = resume.deadline
        case .slaMet(let id):
            clocks[id]?.outcome = .met
        case .slaBreached(let id):
            clocks[id]?.outcome = .breached
            clocks[id]?.owner = owners[lead]
        default:
            break
        }
    }

    /// The health of the clocks started in `[from, to)` as of `now`.
    ///
    /// - Parameters:
    ///   - from: the first instant of the period.
    ///   - to: the first instant after it.
    ///   - now: the instant the report is made; cadence periods that end later are not judged.
    /// - Returns: the report.
    public func health(from: Date, to: Date, now: Date) -> SLAHealth {
        var health = SLAHealth(from: from, to: to)
        var wall: [TimeInterval] = []
        var business: [TimeInterval] = []
        var cadenceLeads = Set<LeadID>()
        for id in order {
            guard let record = clocks[id], record.started >= from, record.started < to else { continue }
            health.clocksStarted += 1
            switch record.outcome {
            case .open: health.open += 1
            case .met: health.met += 1
            case .breached:
                health.breached += 1
                health.breachesByOwner[Self.ownerKey(record.owner ?? record.clock.owner), default: 0] += 1
                health.breachesByTier[record.clock.tier, default: 0] += 1
                health.breachesBySource[sources[record.lead] ?? "unknown", default: 0] += 1
            }
            let leadTouches = (touches[record.lead] ?? []).filter { $0 >= record.started && $0 <= now }
            let terms = policy?.healthTerms(forTier: record.clock.tier) ?? SLAHealthTerms()
            if let first = leadTouches.min() {
                wall.append(first.timeIntervalSince(record.started))
                if let calendar = terms.calendar {
                    business.append(max(0, calendar.businessTime(from: record.started, to: first)))
                } else {
                    business.append(first.timeIntervalSince(record.started))
                }
            }
            if let cadence = terms.followUp, !cadenceLeads.contains(record.lead) {
                let status = cadence.evaluate(touches: leadTouches, from: record.started, now: now)
                if status.periodEnds <= now {
                    cadenceLeads.insert(record.lead)
                    health.cadenceEvaluated += 1
                    if status.isMet { health.cadenceMet += 1 }
                }
            }
        }
        let ended = health.met + health.breached
        health.attainment = ended == 0 ? nil : Double(health.met) / Double(ended)
        health.firstTouchWall = SLAHealth.Distribution(wall)
        health.firstTouchBusiness = SLAHealth.Distribution(business)
        health.commitments = (commitments?.results() ?? []).filter { $0.periodStart >= from && $0.periodStart < to }
            .map {
                SLAHealth.Commitment(
                    name: $0.commitment, periodStart: $0.periodStart, actual: $0.actual, target: $0.target,
                    isMet: $0.isMet)
            }
        return health
    }

    private static func ownerKey(_ owner: Owner?) -> String {
        switch owner {
        case .rep(let id)?: return "rep:\(id)"
        case .queue(let name)?: return "queue:\(name)"
        case nil: return "none"
        }
    }
}
