import Foundation
import LeadModel
import Routing
import SLA
public import Scoreboard

extension AlignmentEngine {
    /// The one-page report for a period: the scoreboard's funnel and headline KPIs, speed to
    /// lead, SLA attainment by week, rejection reasons by source, rep load and marketing's
    /// commitments, counted from the journal. ``HTMLReport`` writes it as HTML.
    ///
    /// - Parameters:
    ///   - board: the scoreboard of the period (``scoreboard(_:)``), for the funnel and KPIs.
    ///   - timeZone: the zone weeks are counted in.
    /// - Returns: the page.
    /// - Throws: ``LeadModel/EventStoreError`` when the journal cannot be read.
    public func reportPage(for board: Scoreboard, timeZone: TimeZone) async throws -> ReportPage {
        let period = DateInterval(start: board.period.start, end: max(board.period.start, board.period.end))
        func inPeriod(_ date: Date) -> Bool { date >= period.start && date < period.end }
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone

        var handedOff: [LeadID: Date] = [:]
        var firstTouch: [LeadID: Date] = [:]
        var weeks: [Date: (met: Int, breached: Int)] = [:]
        var verdicts: [LeadID: Disposition] = [:]
        var assignedByRep: [String: Int] = [:]
        for try await event in store.events(from: .start, pageSize: 8192) {
            let lead = event.leadID
            switch event.payload {
            case .stageChanged(let change) where change.to == playbook.stages.handoff:
                if handedOff[lead] == nil, inPeriod(event.occurredAt) { handedOff[lead] = event.occurredAt }
            case .touched:
                if let start = handedOff[lead], firstTouch[lead] == nil, event.occurredAt >= start {
                    firstTouch[lead] = event.occurredAt
                }
            case .slaMet(let id) where inPeriod(event.occurredAt) && !id.isDisposition,
                .slaBreached(let id) where inPeriod(event.occurredAt) && !id.isDisposition:
                let week = calendar.dateInterval(of: .weekOfYear, for: event.occurredAt)?.start ?? event.occurredAt
                if case .slaMet = event.payload {
                    weeks[week, default: (0, 0)].met += 1
                } else {
                    weeks[week, default: (0, 0)].breached += 1
                }
            case .dispositionRecorded(let disposition) where inPeriod(event.occurredAt):
                verdicts[lead] = disposition
            case .assigned(let assignment) where inPeriod(event.occurredAt):
                if case .rep(let rep) = assignment.owner { assignedByRep[rep, default: 0] += 1 }
            default:
                break
            }
        }

        let total = board.total
        let health = try await slaHealth(from: period.start, to: period.end)
        return ReportPage(
            title: playbook.name,
            subtitle: "\(board.period.label) (\(board.view.rawValue) view, \(board.period.timeZone)) · playbook "
                + "version \(playbook.version) · made \(configuration.now().formatted(.iso8601))",
            figures: Self.figures(total),
            funnel: Self.funnel(total),
            speedToLead: Self.speedToLead(handedOff: handedOff, firstTouch: firstTouch),
            slaByWeek: weeks.keys.sorted().map { week in
                ReportPage.WeekAttainment(
                    week: Self.day(week, calendar), met: weeks[week]!.met, breached: weeks[week]!.breached)
            },
            rejectionsBySource: rejections(verdicts),
            repLoad: repLoad(assignedByRep),
            commitments: health.commitments.map { commitment in
                ReportPage.Commitment(
                    name: commitment.name, period: Self.day(commitment.periodStart, calendar),
                    target: NumberText.format(commitment.target),
                    actual: commitment.actual.map(NumberText.format) ?? "—", met: commitment.isMet)
            })
    }

    private static func figures(_ total: ScoreboardRow) -> [ReportPage.Figure] {
        func share(_ value: Double?) -> String { value.map(HTMLReport.share) ?? "—" }
        var figures = [
            ReportPage.Figure(label: "leads", value: NumberText.format(Double(total.leads))),
            ReportPage.Figure(
                label: "MQLs", value: NumberText.format(Double(total.mqls)), note: share(total.leadToMQL) + " of leads"),
            ReportPage.Figure(
                label: "SQLs", value: NumberText.format(Double(total.sqls)), note: share(total.mqlToSQL) + " of MQLs"),
            ReportPage.Figure(
                label: "acceptance rate", value: share(total.acceptanceRate),
                note: "\(total.accepted) accepted, \(total.rejected) rejected"),
            ReportPage.Figure(
                label: "SLA attainment", value: share(total.slaAttainment),
                note: "\(total.slaMet) met, \(total.slaBreached) breached"),
            ReportPage.Figure(label: "pipeline created", value: NumberText.format(total.pipelineCreated)),
            ReportPage.Figure(
                label: "revenue won", value: NumberText.format(total.revenueWon),
                note: "win rate " + share(total.winRate)),
        ]
        if let median = total.mqlToFirstTouchMedianSeconds {
            figures.append(
                ReportPage.Figure(
                    label: "MQL to first touch (median)", value: BusinessTimeExplanation.format(median)))
        }
        return figures
    }

    private static func funnel(_ total: ScoreboardRow) -> [ReportPage.FunnelStep] {
        [
            ReportPage.FunnelStep(stage: "lead", leads: total.leads, conversion: nil),
            ReportPage.FunnelStep(stage: "MQL", leads: total.mqls, conversion: total.leadToMQL),
            ReportPage.FunnelStep(stage: "SQL", leads: total.sqls, conversion: total.mqlToSQL),
            ReportPage.FunnelStep(stage: "opportunity", leads: total.opportunities, conversion: total.sqlToOpportunity),
            ReportPage.FunnelStep(stage: "won", leads: total.won, conversion: total.opportunityToWon),
        ]
    }

    /// Handoff-to-first-touch times in buckets a sales leader reads at a glance.
    static func speedToLead(handedOff: [LeadID: Date], firstTouch: [LeadID: Date]) -> [ReportPage.Count] {
        let limits: [(String, TimeInterval)] = [
            ("< 5 min", 300), ("5–15 min", 900), ("15–60 min", 3_600), ("1–4 h", 14_400), ("4–24 h", 86_400),
            ("1–3 days", 259_200), ("> 3 days", .infinity),
        ]
        var counts = Array(repeating: 0, count: limits.count + 1)
        for (lead, start) in handedOff {
            guard let touched = firstTouch[lead] else {
                counts[limits.count] += 1
                continue
            }
            let wait = touched.timeIntervalSince(start)
            counts[limits.firstIndex { wait < $0.1 } ?? limits.count - 1] += 1
        }
        return zip(limits.map(\.0) + ["never"], counts).map { ReportPage.Count(label: $0, count: $1) }
    }

    private func rejections(_ verdicts: [LeadID: Disposition]) -> [ReportPage.SourceRejections] {
        var decided: [String: Int] = [:]
        var reasons: [String: [String: Int]] = [:]
        for (lead, verdict) in verdicts {
            let source = leads[lead]?.lead.source ?? "unknown"
            decided[source, default: 0] += 1
            if verdict.outcome == .rejected {
                reasons[source, default: [:]][verdict.reasonCode ?? "no reason", default: 0] += 1
            }
        }
        return decided.keys.map { source in
            ReportPage.SourceRejections(
                source: source, decided: decided[source]!,
                reasons: (reasons[source] ?? [:]).map { ReportPage.Count(label: $0.key, count: $0.value) }
                    .sorted { $0.count == $1.count ? $0.label < $1.label : $0.count > $1.count })
        }.sorted { $0.rejected == $1.rejected ? $0.source < $1.source : $0.rejected > $1.rejected }
    }

    private func repLoad(_ assigned: [String: Int]) -> [ReportPage.RepLoad] {
        let statuses = Dictionary(
            (repStatuses() ?? []).map { ($0.rep, $0) }, uniquingKeysWith: { first, _ in first })
        return Set(assigned.keys).union(statuses.keys).sorted().map { rep in
            ReportPage.RepLoad(
                rep: rep, assigned: assigned[rep] ?? 0, open: statuses[rep]?.openLeads ?? 0,
                capacity: statuses[rep]?.maxOpen)
        }
    }

    private static func day(_ date: Date, _ calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
