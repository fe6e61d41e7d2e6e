import Foundation
public import LeadModel
import Routing
import SLA
public import Scoreboard

extension JournalReports {
    /// The scoreboard for `query` and the one-page report of its period, counted in one pass
    /// over the journal: the scoreboard's funnel and headline KPIs, speed to lead, SLA attainment
    /// by week, rejection reasons by source, rep load and marketing's commitments. ``HTMLReport``
    /// writes the page as HTML.
    ///
    /// The page is headed with ``playbook``'s name and version and made at ``now``; speed to
    /// lead starts when a lead enters the playbook's handoff stage; ``sla`` gives the
    /// commitments and ``router`` each rep's open leads and capacity.
    ///
    /// ```swift
    /// let (board, page) = try await reports.reportPage(
    ///     ScoreboardQuery(period: .quarter(year: 2026, quarter: 3)), on: store)
    /// try HTMLReport.render(page).write(toFile: "q3.html", atomically: true, encoding: .utf8)
    /// ```
    ///
    /// - Parameters:
    ///   - query: the period, view, slice and time zone (weeks are counted in its zone).
    ///   - store: the journal.
    /// - Returns: the scoreboard, as ``scoreboard(_:on:)`` gives it, and the page.
    /// - Throws: ``LeadModel/EventStoreError`` when the journal cannot be read;
    ///   ``Scoreboard/ScoreboardError`` when the period cannot be resolved.
    public func reportPage(
        _ query: ScoreboardQuery, on store: any EventStore
    ) async throws -> (scoreboard: Scoreboard, page: ReportPage) {
        let interval = try query.period.interval(in: query.timeZone)
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = query.timeZone
        var projection = ScoreboardProjection()
        var health = SLAHealthReport(policy: sla)
        var tally = ReportTally(period: interval, calendar: calendar, handoff: playbook.stages.handoff)
        // Rep loads only matter when a router reports them.
        var ledger = router.map { _ in playbook.routing.map { RoutingLedger(rules: $0) } ?? RoutingLedger() }
        for try await event in store.events(from: .start, pageSize: Self.pageSize) {
            projection.apply(event)
            health.apply(event)
            tally.apply(event)
            ledger?.apply(event)
        }
        let madeAt = now()
        let board = try projection.scoreboard(query)
        let commitments = health.health(from: interval.start, to: interval.end, now: madeAt).commitments
        let total = board.total
        let page = ReportPage(
            title: playbook.name,
            subtitle: "\(board.period.label) (\(board.view.rawValue) view, \(board.period.timeZone)) · playbook "
                + "version \(playbook.version) · made \(madeAt.formatted(.iso8601))",
            figures: Self.figures(total),
            funnel: Self.funnel(total),
            speedToLead: Self.speedToLead(handedOff: tally.handedOff, firstTouch: tally.firstTouch),
            slaByWeek: tally.weeks.keys.sorted().map { week in
                ReportPage.WeekAttainment(
                    week: Self.day(week, calendar), met: tally.weeks[week]!.met, breached: tally.weeks[week]!.breached)
            },
            rejectionsBySource: Self.rejections(tally.verdicts, sources: tally.sources),
            repLoad: Self.repLoad(
                tally.assignedByRep, statuses: ledger.flatMap { router?.repStatuses(ledger: $0, at: madeAt) }),
            commitments: commitments.map { commitment in
                ReportPage.Commitment(
                    name: commitment.name, period: Self.day(commitment.periodStart, calendar),
                    target: NumberText.format(commitment.target),
                    actual: commitment.actual.map(NumberText.format) ?? "—", met: commitment.isMet)
            }, blockedHandoffs: board.blockedHandoffs)
        return (board, page)
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
        if total.dealsWonWithoutAmount + total.openDealsWithoutAmount > 0 {
            figures.append(
                ReportPage.Figure(
                    label: "deals of unknown amount",
                    value: NumberText.format(Double(total.dealsWonWithoutAmount + total.openDealsWithoutAmount)),
                    note: "\(total.dealsWonWithoutAmount) won, \(total.openDealsWithoutAmount) open; "
                        + "counted as deals, left out of sums and deal size"))
        }
        if let median = total.salesCycleMedianDays, let mean = total.salesCycleDays,
            let p90 = total.salesCycleP90Days
        {
            figures.append(
                ReportPage.Figure(
                    label: "sales cycle (median)", value: NumberText.format(median) + " days",
                    note: "mean \(NumberText.format(mean)), p90 \(NumberText.format(p90)) days"))
        }
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

    private static func rejections(
        _ verdicts: [LeadID: Disposition], sources: [LeadID: String?]
    ) -> [ReportPage.SourceRejections] {
        var decided: [String: Int] = [:]
        var reasons: [String: [String: Int]] = [:]
        for (lead, verdict) in verdicts {
            let source = sources[lead].flatMap { $0 } ?? "unknown"
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

    private static func repLoad(_ assigned: [String: Int], statuses: [RepStatus]?) -> [ReportPage.RepLoad] {
        let statuses = Dictionary(
            (statuses ?? []).map { ($0.rep, $0) }, uniquingKeysWith: { first, _ in first })
        return Set(assigned.keys).union(statuses.keys).sorted().map { rep in
            ReportPage.RepLoad(
                rep: rep, assigned: assigned[rep] ?? 0, open: statuses[rep]?.openLeads ?? 0,
                capacity: statuses[rep]?.maxOpen, valueReceived: statuses[rep]?.valueReceived ?? 0)
        }
    }

    private static func day(_ date: Date, _ calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}

/// What the report page counts from the journal beyond the scoreboard, folded one event at a
/// time: handoffs in the period and their first touches, first-touch clocks met and breached
/// by week, sales' latest verdicts, assignments to reps in the period, and each lead's source
/// as the lead's folded state (``LeadModel/LeadState``) has it.
private struct ReportTally {
    let period: DateInterval
    let calendar: Calendar
    let handoff: Stage
    var handedOff: [LeadID: Date] = [:]
    var firstTouch: [LeadID: Date] = [:]
    var weeks: [Date: (met: Int, breached: Int)] = [:]
    var verdicts: [LeadID: Disposition] = [:]
    var assignedByRep: [String: Int] = [:]
    /// Each captured lead's source (`nil` inside when it has none), kept as ``LeadModel/LeadState``
    /// keeps `lead.source`: from the capture, filled by later captures and merges when missing,
    /// set by field changes; erasure keeps it.
    var sources: [LeadID: String?] = [:]

    init(period: DateInterval, calendar: Calendar, handoff: Stage) {
        self.period = period
        self.calendar = calendar
        self.handoff = handoff
    }

    private func inPeriod(_ date: Date) -> Bool { date >= period.start && date < period.end }

    mutating func apply(_ event: LeadEvent) {
        let lead = event.leadID
        trackSource(event)
        switch event.payload {
        case .stageChanged(let change) where change.to == handoff:
            if handedOff[lead] == nil, inPeriod(event.occurredAt) { handedOff[lead] = event.occurredAt }
        case .touched:
            if let start = handedOff[lead], firstTouch[lead] == nil, event.occurredAt >= start {
                firstTouch[lead] = event.occurredAt
            }
        case .slaMet(let id) where inPeriod(event.occurredAt) && !id.isDisposition:
            weeks[week(of: event.occurredAt), default: (0, 0)].met += 1
        case .slaBreached(let id) where inPeriod(event.occurredAt) && !id.isDisposition:
            weeks[week(of: event.occurredAt), default: (0, 0)].breached += 1
        case .dispositionRecorded(let disposition) where inPeriod(event.occurredAt):
            verdicts[lead] = disposition
        case .assigned(let assignment) where inPeriod(event.occurredAt):
            if case .rep(let rep) = assignment.owner { assignedByRep[rep, default: 0] += 1 }
        default:
            break
        }
    }

    /// Keeps ``sources`` as ``LeadModel/LeadState/apply(_:)`` keeps the lead's source.
    private mutating func trackSource(_ event: LeadEvent) {
        let lead = event.leadID
        switch event.payload {
        case .captured(let captured, _):
            guard let known = sources[lead] else {
                sources[lead] = .some(captured.source)
                return
            }
            var record = Lead(id: lead, source: known)
            record.fillGaps(from: captured)
            sources[lead] = .some(record.source)
        case .merged(let merge):
            guard let known = sources[lead] else { return }
            var record = Lead(id: lead, source: known)
            record.fillGaps(from: merge.absorbedLead)
            sources[lead] = .some(record.source)
        case .fieldsChanged(let changes) where changes.values[.source] != nil:
            guard let known = sources[lead] else { return }
            var record = Lead(id: lead, source: known)
            record.apply(changes)
            sources[lead] = .some(record.source)
        default:
            break
        }
    }

    private func week(of date: Date) -> Date {
        calendar.dateInterval(of: .weekOfYear, for: date)?.start ?? date
    }
}
