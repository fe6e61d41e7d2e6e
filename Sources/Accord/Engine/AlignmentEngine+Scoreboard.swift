import LeadModel
public import Scoreboard

extension AlignmentEngine {
    /// Folds the whole journal into a ``ScoreboardProjection`` in one pass, from which any number
    /// of scoreboards (periods, views, slices) can be computed.
    ///
    /// - Parameter stages: the names of the funnel's stages; the standard names by default.
    /// - Returns: the projection.
    /// - Throws: ``EventStoreError`` when the journal cannot be read.
    public func scoreboardProjection(stages: ScoreboardStages = .standard) async throws -> ScoreboardProjection {
        var projection = ScoreboardProjection(stages: stages)
        for try await event in store.events(from: .start, pageSize: 8192) {
            projection.apply(event)
        }
        return projection
    }

    /// The shared scoreboard for a period, view and slice, computed from the journal in one pass.
    ///
    /// ```swift
    /// let board = try await engine.scoreboard(
    ///     ScoreboardQuery(period: .quarter(year: 2026, quarter: 4), view: .cohort, slicedBy: .source))
    /// ```
    ///
    /// - Parameter query: the period, view, slice, time zone and optional spend.
    /// - Returns: the total row and one row per slice.
    /// - Throws: ``ScoreboardError`` for an impossible period; ``EventStoreError`` when the
    ///   journal cannot be read.
    public func scoreboard(_ query: ScoreboardQuery) async throws -> Scoreboard {
        try await scoreboardProjection().scoreboard(query)
    }
}
