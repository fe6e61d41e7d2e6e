public import Foundation
public import LeadModel
public import SLA

extension JournalReports {
    /// The SLA health of the response clocks started in `[from, to)`, computed from the journal
    /// as of ``now``: attainment, time to first touch, breaches by owner, tier and source,
    /// follow-up cadence compliance and marketing's commitments, with ``sla``'s calendars.
    ///
    /// ```swift
    /// let november = try await reports.slaHealth(from: novemberFirst, to: decemberFirst, on: store)
    /// print(november.attainment ?? 0, november.firstTouchBusiness.median ?? 0)
    /// ```
    ///
    /// - Parameters:
    ///   - from: the first instant of the period.
    ///   - to: the first instant after it.
    ///   - store: the journal.
    /// - Returns: the report.
    /// - Throws: ``LeadModel/EventStoreError`` when the journal cannot be read.
    public func slaHealth(from: Date, to: Date, on store: any EventStore) async throws -> SLAHealth {
        var report = SLAHealthReport(policy: sla)
        for try await event in store.events(from: .start, pageSize: Self.pageSize) { report.apply(event) }
        return report.health(from: from, to: to, now: now())
    }

    /// The SLA health of the response clocks started in a period:
    /// ``slaHealth(from:to:on:)`` over the period's exact interval in `timeZone`.
    ///
    /// ```swift
    /// let period = try ReportPeriod(parsing: "2026-Q4", now: now, timeZone: .gmt)
    /// let health = try await reports.slaHealth(for: period, on: store)
    /// ```
    ///
    /// - Parameters:
    ///   - period: the period; ``LeadModel/ReportPeriod/allTime`` counts every clock.
    ///   - timeZone: the zone whose midnights bound the period; UTC by default.
    ///   - store: the journal.
    /// - Returns: the report.
    /// - Throws: ``LeadModel/ReportPeriodError`` for an impossible period;
    ///   ``LeadModel/EventStoreError`` when the journal cannot be read.
    public func slaHealth(
        for period: ReportPeriod, timeZone: TimeZone = .gmt, on store: any EventStore
    ) async throws -> SLAHealth {
        let interval = try period.interval(in: timeZone)
        return try await slaHealth(from: interval.start, to: interval.end, on: store)
    }
}
