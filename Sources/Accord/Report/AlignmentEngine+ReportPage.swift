import Foundation
import LeadModel
public import Scoreboard

extension AlignmentEngine {
    /// The scoreboard for `query` and the one-page report of its period, counted in one pass
    /// over the journal: the scoreboard's funnel and headline KPIs, speed to lead, SLA attainment
    /// by week, rejection reasons by source, rep load and marketing's commitments. ``HTMLReport``
    /// writes the page as HTML.
    ///
    /// ``JournalReports/reportPage(_:on:)`` with the engine's playbook, policies and clock: the
    /// report reads the journal, not the engine's state.
    ///
    /// ```swift
    /// let (board, page) = try await engine.reportPage(ScoreboardQuery(period: .quarter(year: 2026, quarter: 3)))
    /// try HTMLReport.render(page).write(toFile: "q3.html", atomically: true, encoding: .utf8)
    /// ```
    ///
    /// - Parameter query: the period, view, slice and time zone (weeks are counted in its zone).
    /// - Returns: the scoreboard, as ``scoreboard(_:)`` gives it, and the page.
    /// - Throws: ``LeadModel/EventStoreError`` when the journal cannot be read;
    ///   ``Scoreboard/ScoreboardError`` when the period cannot be resolved.
    public func reportPage(_ query: ScoreboardQuery) async throws -> (scoreboard: Scoreboard, page: ReportPage) {
        try await reports.reportPage(query, on: store)
    }

    /// Handoff-to-first-touch times in buckets a sales leader reads at a glance.
    static func speedToLead(handedOff: [LeadID: Date], firstTouch: [LeadID: Date]) -> [ReportPage.Count] {
        JournalReports.speedToLead(handedOff: handedOff, firstTouch: firstTouch)
    }
}
