public import Foundation
import LeadModel
public import Scoreboard

extension AlignmentEngine {
    /// Folds the whole journal into a ``Scoreboard/ScoreboardProjection`` in one pass, from which any number
    /// of scoreboards (periods, views, slices) can be computed:
    /// ``JournalReports/scoreboardProjection(stages:on:)`` on the engine's journal.
    ///
    /// - Parameter stages: the names of the funnel's stages; the standard names by default.
    /// - Returns: the projection.
    /// - Throws: ``LeadModel/EventStoreError`` when the journal cannot be read.
    public func scoreboardProjection(stages: ScoreboardStages = .standard) async throws -> ScoreboardProjection {
        try await reports.scoreboardProjection(stages: stages, on: store)
    }

    /// The shared scoreboard for a period, view and slice, computed from the journal in one pass:
    /// ``JournalReports/scoreboard(_:on:)`` on the engine's journal.
    ///
    /// ```swift
    /// let board = try await engine.scoreboard(
    ///     ScoreboardQuery(period: .quarter(year: 2026, quarter: 4), view: .cohort, slicedBy: .source))
    /// ```
    ///
    /// - Parameter query: the period, view, slice, time zone and optional spend.
    /// - Returns: the total row and one row per slice.
    /// - Throws: ``Scoreboard/ScoreboardError`` for an impossible period; ``LeadModel/EventStoreError`` when the
    ///   journal cannot be read.
    public func scoreboard(_ query: ScoreboardQuery) async throws -> Scoreboard {
        try await reports.scoreboard(query, on: store)
    }

    /// The shared scoreboard for a period, by one slice dimension: the short form of
    /// ``scoreboard(_:)``.
    ///
    /// ```swift
    /// let board = try await engine.scoreboard(for: .quarter(year: 2026, quarter: 4), by: .source)
    /// ```
    ///
    /// - Parameters:
    ///   - period: the span of time.
    ///   - view: cohort (default) or activity.
    ///   - slice: the slice dimension, or `nil` for the total row only.
    ///   - timeZone: the zone whose midnights bound the period; UTC by default.
    /// - Returns: the total row and one row per slice.
    /// - Throws: ``Scoreboard/ScoreboardError`` for an impossible period; ``LeadModel/EventStoreError`` when the
    ///   journal cannot be read.
    public func scoreboard(
        for period: ReportPeriod, view: ScoreboardView = .cohort, by slice: SliceDimension? = nil,
        timeZone: TimeZone = TimeZone(identifier: "UTC")!
    ) async throws -> Scoreboard {
        try await reports.scoreboard(
            ScoreboardQuery(period: period, view: view, slicedBy: slice, timeZone: timeZone), on: store)
    }
}
