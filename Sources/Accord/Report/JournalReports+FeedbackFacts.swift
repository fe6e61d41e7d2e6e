public import Feedback
import Foundation
public import LeadModel

extension JournalReports {
    /// The journal folded for the feedback analytics: rejection reports, the funnel leaks,
    /// objection reports, rule calibration and training sets all read it.
    ///
    /// ```swift
    /// let facts = try await reports.feedbackFacts(on: store)
    /// print(FunnelLeaks(facts).summary.joined(separator: "\n"))
    /// ```
    ///
    /// - Parameters:
    ///   - convertedStages: the stages that make a lead converted (default: the opportunity and
    ///     won stages, when the playbook's stage graph has them).
    ///   - store: the journal.
    /// - Returns: the facts.
    /// - Throws: ``LeadModel/EventStoreError`` when the journal cannot be read.
    public func feedbackFacts(convertedStages: Set<Stage>? = nil, on store: any EventStore) async throws
        -> FeedbackFacts
    {
        let graph = playbook.stages.graph
        var facts = FeedbackFacts(convertedStages: convertedStages ?? Set([.opportunity, .won].filter(graph.contains)))
        for try await event in store.events(from: .start, pageSize: Self.pageSize) { facts.apply(event) }
        return facts
    }
}
