import Foundation
import LeadModel

/// A deterministic journal of funnel activity for the scoreboard benchmark: captures, signals,
/// scores, stage changes, assignments, SLA clocks, touches, dispositions, deals (opened,
/// updated, won or lost) and duplicates merged into their survivors, over the year 2026.
///
/// Times are whole seconds and amounts whole units, so the CSV export is exact and another tool
/// reading it computes exactly the same numbers. Within a lead, events are in time order;
/// duplicates (absorbed leads) carry a capture and a signal only.
struct ScoreboardJournal {
    static let sources = [
        "webinar", "paid-search", "organic", "outbound", "event", "partner", "content-syndication", "display",
    ]
    static let segments = ["smb", "mid-market", "enterprise"]
    static let reps = ["maria", "james", "priya", "lukas", "sofia", "wen"]
    static let yearStart = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    private(set) var events: [LeadEvent] = []
    private var random: SplitMix64

    /// Generates at least `count` events (it finishes the person it is on).
    init(count: Int, seed: UInt64) {
        random = SplitMix64(seed: seed)
        events.reserveCapacity(count + 64)
        var person = 0
        while events.count < count {
            person += 1
            addPerson(person)
        }
    }

    private mutating func chance(_ p: Double) -> Bool { Double(random.next() % 1_000_000) < p * 1_000_000 }
    private mutating func seconds(_ range: ClosedRange<Int>) -> Double {
        Double(range.lowerBound + Int(random.next() % UInt64(range.count)))
    }

    private mutating func add(_ lead: LeadID, _ time: Double, _ payload: LeadEvent.Payload) {
        var event = LeadEvent(
            leadID: lead, occurredAt: Date(timeIntervalSinceReferenceDate: time), actor: .system, payload: payload)
        event.position = JournalPosition(UInt64(events.count + 1))
        events.append(event)
    }

    private mutating func addPerson(_ index: Int) {
        let id = LeadID(rawValue: "L\(index)")
        let sourceIndex = Int(random.next() % UInt64(Self.sources.count))
        let source = Self.sources[sourceIndex]
        let campaign = "\(source)-\(random.next() % 3)"
        let segment = Self.segments[Int(random.next() % 3)]
        var t = Self.yearStart.timeIntervalSinceReferenceDate + seconds(0...(364 * 86_400))
        let lead = Lead(
            id: id, source: source, campaign: campaign, attributes: ["segment": .string(segment)])
        add(id, t, .captured(lead, stage: .lead))
        for _ in 0..<Int(random.next() % 4) {
            t += seconds(60...86_400)
            add(id, t, .signalRecorded(Signal(kind: .emailOpened, occurredAt: Date(timeIntervalSinceReferenceDate: t))))
        }
        t += 1
        add(id, t, .scored(ScoreCard(scorer: "rules", fit: 20, engagement: 15)))
        let skipsMQL = chance(0.06)
        if !skipsMQL {
            guard chance(0.45) else { return mergeDuplicate(of: id, source: source, campaign: campaign, at: t) }
            t += seconds(3_600...(5 * 86_400))
            add(id, t, .stageChanged(StageChange(from: .lead, to: .mql)))
            guard chance(0.5) else { return mergeDuplicate(of: id, source: source, campaign: campaign, at: t) }
        }
        t += seconds(600...(3 * 86_400))
        add(id, t, .stageChanged(StageChange(from: skipsMQL ? .lead : .mql, to: .sql)))
        let rep = Self.reps[Int(random.next() % UInt64(Self.reps.count))]
        add(id, t, .assigned(Assignment(owner: .rep(rep), router: "rules")))
        let clock = SLAClockID(rawValue: "\(id)#1")
        add(
            id, t,
            .slaStarted(SLAClock(id: clock, tier: "hot", owner: .rep(rep), warnAt: nil, deadline: .distantFuture)))
        if chance(0.9) {
            let delay = chance(0.6) ? seconds(120...3_600) : seconds(3_600...(2 * 86_400))
            t += delay
            add(id, t, .touched(Touch(channel: .call, by: rep, connected: true)))
            add(id, t, delay <= 4 * 3_600 ? .slaMet(clock) : .slaBreached(clock))
        } else {
            t += 4 * 3_600
            add(id, t, .slaBreached(clock))
        }
        t += seconds(3_600...(2 * 86_400))
        let roll = random.next() % 100
        let outcome: Disposition.Outcome = roll < 65 ? .accepted : roll < 90 ? .rejected : .recycled
        add(id, t, .dispositionRecorded(Disposition(outcome: outcome, reasonCode: outcome == .accepted ? nil : "x")))
        guard outcome == .accepted, chance(0.6) else {
            return mergeDuplicate(of: id, source: source, campaign: campaign, at: t)
        }
        t += seconds(86_400...(10 * 86_400))
        let deal = OpportunityID(rawValue: "D\(index)")
        var amount = Double(50 + random.next() % 950) * 100
        add(id, t, .stageChanged(StageChange(from: .sql, to: .opportunity)))
        add(id, t, .opportunityOpened(Opportunity(id: deal, amount: amount, currency: "USD", product: "payroll")))
        if chance(0.3) {
            t += seconds(86_400...(5 * 86_400))
            amount = Double(50 + random.next() % 950) * 100
            add(id, t, .opportunityUpdated(OpportunityUpdate(id: deal, amount: amount, dealStage: "proposal")))
        }
        if chance(0.8) {
            t += seconds((10 * 86_400)...(90 * 86_400))
            let won = chance(0.35)
            let closing = won ? Double(50 + random.next() % 950) * 100 : amount
            add(
                id, t,
                .opportunityClosed(
                    OpportunityClosing(
                        id: deal, outcome: won ? .won : .lost, amount: closing,
                        closedAt: Date(timeIntervalSinceReferenceDate: t))))
            add(id, t, .stageChanged(StageChange(from: .opportunity, to: won ? .won : .lost)))
        }
        mergeDuplicate(of: id, source: source, campaign: campaign, at: t)
    }

    /// For about 3% of people, a second lead of the same person, merged into the first.
    private mutating func mergeDuplicate(of survivor: LeadID, source: String, campaign: String, at last: Double) {
        guard chance(0.03) else { return }
        let duplicate = LeadID(rawValue: survivor.rawValue + "d")
        let first = events.last { $0.leadID == survivor }!.occurredAt.timeIntervalSinceReferenceDate
        let captured = last - seconds(0...(30 * 86_400))
        add(duplicate, captured, .captured(Lead(id: duplicate, source: source, campaign: campaign), stage: .lead))
        add(
            duplicate, captured + 60,
            .signalRecorded(Signal(kind: .formSubmitted, occurredAt: Date(timeIntervalSinceReferenceDate: captured))))
        let at = max(first, last, captured + 60) + 60
        add(
            survivor, at,
            .merged(
                MergeRecord(
                    absorbed: duplicate, matchedOn: ["email"], absorbedLead: Lead(id: duplicate), absorbedSignals: [])))
        add(duplicate, at, .mergedInto(survivor))
    }

    /// The journal as CSV, one row per event:
    /// `lead,kind,time,source,campaign,segment,stage,owner,outcome,deal,amount,absorbed`, with
    /// times in whole seconds since 2001-01-01 (Foundation's reference date).
    func csv() -> String {
        var out = "lead,kind,time,source,campaign,segment,stage,owner,outcome,deal,amount,absorbed\n"
        out.reserveCapacity(events.count * 40)
        for event in events {
            var kind = "other"
            var source = ""
            var campaign = ""
            var segment = ""
            var stage = ""
            var owner = ""
            var outcome = ""
            var deal = ""
            var amount = ""
            var absorbed = ""
            switch event.payload {
            case .captured(let lead, let entered):
                kind = "captured"
                source = lead.source ?? ""
                campaign = lead.campaign ?? ""
                segment = lead.attributes["segment"]?.text ?? ""
                stage = entered.rawValue
            case .stageChanged(let change):
                kind = "stage"
                stage = change.to.rawValue
            case .assigned(let assignment):
                kind = "assigned"
                if case .rep(let rep) = assignment.owner { owner = rep }
            case .touched: kind = "touched"
            case .dispositionRecorded(let disposition):
                kind = "disposition"
                outcome = disposition.outcome.rawValue
            case .slaMet: kind = "sla-met"
            case .slaBreached: kind = "sla-breached"
            case .opportunityOpened(let opened):
                kind = "opp-opened"
                deal = opened.id.rawValue
                amount = opened.amount.map { String(Int64($0)) } ?? ""
            case .opportunityUpdated(let update):
                kind = "opp-updated"
                deal = update.id.rawValue
                amount = update.amount.map { String(Int64($0)) } ?? ""
            case .opportunityClosed(let closing):
                kind = "opp-closed"
                deal = closing.id.rawValue
                amount = closing.amount.map { String(Int64($0)) } ?? ""
                outcome = closing.outcome.rawValue
            case .merged(let record):
                kind = "merged"
                absorbed = record.absorbed.rawValue
            case .mergedInto: kind = "merged-into"
            default: break
            }
            let time = String(Int64(event.occurredAt.timeIntervalSinceReferenceDate))
            out += "\(event.leadID.rawValue),\(kind),\(time),\(source),\(campaign),\(segment),\(stage),"
            out += "\(owner),\(outcome),\(deal),\(amount),\(absorbed)\n"
        }
        return out
    }
}
