import Foundation
public import LeadModel
public import Scoreboard

extension JournalReports {
    /// Folds the whole journal into a ``Scoreboard/ScoreboardProjection`` in one pass, from
    /// which any number of scoreboards (periods, views, slices) can be computed.
    ///
    /// ```swift
    /// let projection = try await reports.scoreboardProjection(on: store)
    /// let q3 = try projection.scoreboard(ScoreboardQuery(period: .quarter(year: 2026, quarter: 3)))
    /// let q4 = try projection.scoreboard(ScoreboardQuery(period: .quarter(year: 2026, quarter: 4)))
    /// ```
    ///
    /// - Parameters:
    ///   - stages: the names of the funnel's stages; the standard names by default.
    ///   - store: the journal.
    /// - Returns: the projection.
    /// - Throws: ``LeadModel/EventStoreError`` when the journal cannot be read.
    public func scoreboardProjection(
        stages: ScoreboardStages = .standard, on store: any EventStore
    ) async throws -> ScoreboardProjection {
        var projection = ScoreboardProjection(stages: stages)
        for try await event in store.events(from: .start, pageSize: Self.pageSize) {
            projection.apply(event)
        }
        return projection
    }

    /// The shared scoreboard for a period, view and slice, computed from the journal in one
    /// pass, with the standard stage names.
    ///
    /// ```swift
    /// let board = try await reports.scoreboard(
    ///     ScoreboardQuery(period: .quarter(year: 2026, quarter: 4), view: .cohort, slicedBy: .source), on: store)
    /// ```
    ///
    /// - Parameters:
    ///   - query: the period, view, slice, time zone and optional spend.
    ///   - store: the journal.
    /// - Returns: the total row and one row per slice.
    /// - Throws: ``Scoreboard/ScoreboardError`` for an impossible period;
    ///   ``LeadModel/EventStoreError`` when the journal cannot be read.
    public func scoreboard(_ query: ScoreboardQuery, on store: any EventStore) async throws -> Scoreboard {
        try await scoreboardProjection(on: store).scoreboard(query)
    }
}
