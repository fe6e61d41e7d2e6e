public import Feedback
import Foundation
public import LeadModel

extension AlignmentEngine {
    /// The journal folded for the feedback analytics: rejection reports, the funnel leaks,
    /// objection reports, rule calibration and training sets all read it.
    ///
    /// ```swift
    /// let facts = try await engine.feedbackFacts()
    /// print(FunnelLeaks(facts).summary.joined(separator: "\n"))
    /// ```
    ///
    /// - Parameter convertedStages: the stages that make a lead converted (default: the
    ///   opportunity and won stages, when the stage graph has them).
    /// - Returns: the facts (``JournalReports/feedbackFacts(convertedStages:on:)`` on the
    ///   engine's journal).
    /// - Throws: ``LeadModel/EventStoreError`` when the journal cannot be read.
    public func feedbackFacts(convertedStages: Set<Stage>? = nil) async throws -> FeedbackFacts {
        try await reports.feedbackFacts(convertedStages: convertedStages, on: store)
    }
}
