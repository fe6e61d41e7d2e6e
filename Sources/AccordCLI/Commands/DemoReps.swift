import Accord
import Foundation
import LeadModel

/// Collects the demo's assignments, to reps and to queues, as the engine makes them.
actor DemoAssignments: NotificationSink {
    private var pending: [(lead: LeadID, owner: Owner)] = []

    func deliver(_ notification: EngineNotification) async {
        if case .assigned(let lead, let owner) = notification { pending.append((lead, owner)) }
    }

    /// The assignments since the last call.
    func drain() -> [(lead: LeadID, owner: Owner)] {
        defer { pending.removeAll() }
        return pending
    }
}

/// How the demo's sales team works its leads, deterministically from the seed: reps answer most
/// new leads within minutes (some late, a few never), pick up the after-hours queue the next
/// working morning (New York time), give every touched lead a disposition
/// (mostly accepted; rejected or recycled with a reason code), open deals on accepted leads that
/// have a use case, and win or lose them weeks later.
///
/// One campaign, ``weakCampaign``, brings leads outside the ICP: sales rejects most of them as
/// out of ICP (wrong industry), so its rejections stand out in the feedback report.
struct DemoReps {
    /// The campaign whose leads sales mostly rejects as out of ICP.
    static let weakCampaign = "pricing-search"
    static let fitIndustries: Set<String> = ["healthcare", "fintech", "software"]

    enum Action {
        case pickUp
        case touch
        case dispose
        case open
        case close(OpportunityID)
    }

    struct Due {
        var at: Date
        var order: Int
        var lead: LeadID
        var rep: String
        var action: Action
    }

    private var random: SeededGenerator
    private var due: [Due] = []
    private var sequence = 0
    private var dealCount = 0
    /// What the team did, for the demo's summary.
    private(set) var counts = (accepted: 0, rejected: 0, recycled: 0, opened: 0, won: 0, lost: 0)

    init(seed: UInt64) { random = SeededGenerator(seed: seed &+ 0x7E9) }

    private mutating func plan(_ lead: LeadID, _ rep: String, _ action: Action, at: Date) {
        sequence += 1
        due.append(Due(at: at, order: sequence, lead: lead, rep: rep, action: action))
    }

    /// Plans the first touch of each new assignment to a rep, and the pick-up of each lead left in
    /// a queue.
    mutating func schedule(_ assignments: [(lead: LeadID, owner: Owner)], after start: Date) {
        for (lead, owner) in assignments {
            guard case .rep(let rep) = owner else {
                let minutes = Double.random(in: 0...90, using: &random).rounded()
                plan(lead, "", .pickUp, at: Self.nextMorning(after: start) + minutes * 60)
                continue
            }
            let minutes: Double? = random.pick([
                (Double.random(in: 2...14, using: &random), 0.55), (Double.random(in: 15...120, using: &random), 0.25),
                (Double.random(in: 120...1_440, using: &random), 0.12), (nil, 0.08),
            ])
            guard let minutes else { continue }
            plan(lead, rep, .touch, at: start + (minutes * 60).rounded())
        }
        sortDue()
    }

    static let newYork: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "America/New_York")!
        return calendar
    }()

    /// 09:00 in New York on the first weekday morning after `date`.
    static func nextMorning(after date: Date) -> Date {
        var day = newYork.startOfDay(for: date)
        while true {
            let morning = newYork.date(bySettingHour: 9, minute: 0, second: 0, of: day)!
            if morning > date, !newYork.isDateInWeekend(morning) { return morning }
            day = newYork.date(byAdding: .day, value: 1, to: day)!
        }
    }

    private mutating func sortDue() {
        due.sort { ($0.at, $0.order) < ($1.at, $1.order) }
    }

    /// Carries out everything due by `time`, each at its own instant.
    mutating func touch(until time: Date, clock: ManualClock, engine: AlignmentEngine) async throws {
        while let next = due.first, next.at <= time {
            due.removeFirst()
            clock.set(next.at)
            try await engine.tick()
            do {
                try await act(next, engine: engine)
            } catch let error as LeadModelError
                where error.code == .leadMerged || error.code == .leadErased || error.code == .transitionNotAllowed
                || error.code == .handoffGateFailed
            {
                continue
            } catch is OpportunityError {
                continue
            }
            sortDue()
        }
    }

    private mutating func act(_ item: Due, engine: AlignmentEngine) async throws {
        let rep = EventActor.person(item.rep)
        switch item.action {
        case .pickUp:
            guard let state = await engine.state(of: item.lead), case .queue = state.owner,
                state.mergedInto == nil
            else { return }
            let country = state.lead.attributes["country"]?.text ?? "US"
            let team = ["GB", "DE", "FR"].contains(country) ? ["sofia", "lukas"] : ["maria", "james", "priya"]
            let picker = team[Int.random(in: 0..<team.count, using: &random)]
            try await engine.assign(
                item.lead, to: .rep(picker), by: .person(picker), reason: "picked up from the after-hours queue")
        // The assignment reaches `DemoAssignments`, and the rep's touch is planned from there.
        case .touch:
            try await engine.recordTouch(Touch(channel: .call, by: item.rep, connected: true), on: item.lead)
            let hours = Double.random(in: 0.5...48, using: &random)
            plan(item.lead, item.rep, .dispose, at: item.at + (hours * 3_600).rounded())
        case .dispose:
            guard let state = await engine.state(of: item.lead), state.mergedInto == nil else { return }
            let disposition = decide(state.lead)
            try await engine.recordDisposition(disposition, on: item.lead, by: rep)
            switch disposition.outcome {
            case .accepted:
                counts.accepted += 1
                if state.lead.attributes["useCase"] != nil {
                    let days = Double.random(in: 1...10, using: &random)
                    plan(item.lead, item.rep, .open, at: item.at + (days * 86_400).rounded())
                }
            case .rejected: counts.rejected += 1
            case .recycled: counts.recycled += 1
            }
        case .open:
            guard let state = await engine.state(of: item.lead), state.stage == .sql else { return }
            dealCount += 1
            let id = OpportunityID(rawValue: String(format: "OPP-%05d", dealCount))
            let employees = state.lead.attributes["employees"]?.number ?? 200
            let base = min(max(employees * 30, 6_000), 90_000) * Double.random(in: 0.8...1.3, using: &random)
            let amount = (base / 500).rounded() * 500
            let days = Double.random(in: 15...60, using: &random)
            let deal = Opportunity(
                id: id, amount: amount, currency: "USD", product: state.lead.attributes["useCase"]?.text,
                expectedCloseDate: item.at + (days * 86_400).rounded(), owner: .rep(item.rep), dealStage: "discovery")
            try await engine.openOpportunity(deal, on: item.lead, by: rep)
            counts.opened += 1
            plan(item.lead, item.rep, .close(id), at: item.at + (days * 86_400).rounded())
        case .close(let id):
            guard let state = await engine.state(of: item.lead), let deal = state.opportunity, deal.isOpen else {
                return
            }
            let industry = state.lead.attributes["industry"]?.text ?? ""
            let wins = random.chance(Self.fitIndustries.contains(industry) ? 0.45 : 0.15)
            let reasons =
                wins
                ? [("roi-case", 2.0), ("security-review", 1), ("implementation-plan", 1)]
                : [("price", 2.0), ("competitor", 2), ("no-decision", 1.5), ("timing", 1)]
            let reason = random.pick(reasons)
            let amount =
                wins
                ? ((deal.opportunity.amount ?? 0) * Double.random(in: 0.9...1.1, using: &random) / 100).rounded() * 100
                : nil
            try await engine.closeOpportunity(
                id, on: item.lead, as: wins ? .won : .lost, amount: amount, reason: reason, by: rep)
            if wins { counts.won += 1 } else { counts.lost += 1 }
        }
    }

    /// Sales' verdict on a touched lead: out-of-ICP leads, and most of the weak campaign's, are
    /// rejected as out of ICP; the rest are mostly accepted.
    private mutating func decide(_ lead: Lead) -> Disposition {
        let industry = lead.attributes["industry"]?.text ?? "unknown"
        if lead.campaign == Self.weakCampaign, random.chance(0.8) {
            return Disposition(
                outcome: .rejected, reasonCode: "out-of-icp",
                note: "wrong industry (\(industry)) for our payroll product")
        }
        if !Self.fitIndustries.contains(industry), random.chance(0.35) {
            return Disposition(outcome: .rejected, reasonCode: "out-of-icp", note: "\(industry) is outside our ICP")
        }
        let outcome = random.pick([("accepted", 0.72), ("rejected", 0.12), ("recycled", 0.16)])
        switch outcome {
        case "rejected":
            let code = random.pick([
                ("wrong-persona", 2.0), ("no-budget", 1), ("competitor-locked-in", 1), ("unreachable", 1),
            ])
            return Disposition(outcome: .rejected, reasonCode: code, note: "rejected after the first call")
        case "recycled":
            let code = random.pick([("poor-timing", 2.0), ("no-active-need", 1)])
            return Disposition(outcome: .recycled, reasonCode: code, note: "back to nurture; revisit next quarter")
        default:
            return Disposition(
                outcome: .accepted, reasonCode: "qualified", note: "confirmed need and budget on the call")
        }
    }
}
