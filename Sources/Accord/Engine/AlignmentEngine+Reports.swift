import Foundation
public import LeadModel
public import SLA

extension AlignmentEngine {
    /// The whole-journal reports with the engine's playbook, SLA policy, router and clock, to run
    /// on any journal off the actor (``JournalReports``); the engine's report methods call them
    /// on ``store``.
    ///
    /// ```swift
    /// let board = try await engine.reports.scoreboard(ScoreboardQuery(period: .allTime), on: engine.store)
    /// ```
    public nonisolated var reports: JournalReports {
        JournalReports(
            playbook: playbook, sla: policies.sla, router: policies.router, now: configuration.now)
    }

    /// The SLA health of the response clocks started in `[from, to)`, computed from the journal
    /// as of the engine's `now`: attainment, time to first touch, breaches by owner, tier and
    /// source, follow-up cadence compliance and marketing's commitments
    /// (``JournalReports/slaHealth(from:to:on:)`` on the engine's journal).
    ///
    /// ```swift
    /// let november = try await engine.slaHealth(from: novemberFirst, to: decemberFirst)
    /// print(november.attainment ?? 0, november.firstTouchBusiness.median ?? 0)
    /// ```
    ///
    /// - Parameters:
    ///   - from: the first instant of the period.
    ///   - to: the first instant after it.
    /// - Returns: the report.
    /// - Throws: ``LeadModel/EventStoreError`` when the journal cannot be read.
    public func slaHealth(from: Date, to: Date) async throws -> SLAHealth {
        try await reports.slaHealth(from: from, to: to, on: store)
    }

    /// The SLA health of the response clocks started in a period: ``slaHealth(from:to:)`` over
    /// the period's exact interval in `timeZone`.
    ///
    /// ```swift
    /// let period = try ReportPeriod(parsing: "2026-Q4", now: now, timeZone: .gmt)
    /// let health = try await engine.slaHealth(for: period)
    /// ```
    ///
    /// - Parameters:
    ///   - period: the period; ``LeadModel/ReportPeriod/allTime`` counts every clock.
    ///   - timeZone: the zone whose midnights bound the period; UTC by default.
    /// - Returns: the report.
    /// - Throws: ``LeadModel/ReportPeriodError`` for an impossible period;
    ///   ``LeadModel/EventStoreError`` when the journal cannot be read.
    public func slaHealth(for period: ReportPeriod, timeZone: TimeZone = .gmt) async throws -> SLAHealth {
        try await reports.slaHealth(for: period, timeZone: timeZone, on: store)
    }

    /// Every assignment of a lead, oldest first, each with the reasons stored with it: for a
    /// routed one, the rules considered (matched or not, and why), the candidates skipped (and
    /// why), the pool turn and any fallback.
    ///
    /// - Parameter id: the lead.
    /// - Returns: the `assigned` events of the lead.
    /// - Throws: ``LeadModel/LeadModelError`` `unknownLead`; ``LeadModel/EventStoreError`` on read failures.
    public func assignments(of id: LeadID) async throws -> [LeadEvent] {
        guard leads[id] != nil else {
            throw LeadModelError(.unknownLead, leadID: id, message: "no such lead in the journal")
        }
        return try await store.events(forLead: id).filter {
            if case .assigned = $0.payload { return true }
            return false
        }
    }
}
