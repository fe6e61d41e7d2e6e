import Feedback
import Foundation
public import LeadModel
import Routing

extension AlignmentEngine {
    // MARK: Dispositions

    // MARK: Disputes

    /// Marketing disputes sales' rejection of a lead; an arbiter then rules with
    /// ``resolveDispute(of:_:by:note:)``.
    ///
    /// A rejection can be disputed once; a new disposition starts afresh.
    ///
    /// ```swift
    /// try await engine.disputeRejection(of: "L0000042", reason: "the title says CFO", by: "maria")
    /// ```
    ///
    /// - Parameters:
    ///   - id: the rejected lead.
    ///   - reason: why the rejection is wrong, in one sentence.
    ///   - raisedBy: the marketer.
    /// - Returns: the lead's state, its ``LeadModel/LeadState/feedback`` showing the open dispute.
    /// - Throws: `FeedbackError` `notRejected` (the latest disposition is not a rejection),
    ///   `alreadyDisputed`, `missingText` (an empty reason); ``LeadModel/LeadModelError`` `unknownLead`,
    ///   `leadMerged`, `leadErased`; ``LeadModel/EventStoreError`` when the journal cannot be written.
    @discardableResult
    public func disputeRejection(of id: LeadID, reason: String, by raisedBy: String) async throws -> LeadState {
        try await commitPlan { planner in
            try FeedbackCommands(projections: projections, policies: policies).disputeRejection(
                of: id, reason: reason, by: raisedBy, in: &planner)
        }
        return try projections.state(of: id)
    }

    /// An arbiter rules on an open dispute. Upheld, the rejection stands; overturned, the
    /// rejection is withdrawn and the handoff restored: the lead returns to the handoff stage
    /// (when it left it), to the owner it had, with a new response clock.
    ///
    /// ```swift
    /// try await engine.resolveDispute(of: "L0000042", .overturned, by: "head-of-revenue")
    /// ```
    ///
    /// - Returns: the lead's state.
    /// - Throws: `FeedbackError` `noOpenDispute`; ``LeadModel/LeadModelError`` `unknownLead`, `leadMerged`,
    ///   `leadErased`; ``LeadModel/EventStoreError`` when the journal cannot be written.
    @discardableResult
    public func resolveDispute(
        of id: LeadID, _ verdict: DisputeResolution.Verdict, by arbiter: String, note: String? = nil
    ) async throws -> LeadState {
        try await commitPlan { planner in
            try FeedbackCommands(projections: projections, policies: policies).resolveDispute(
                of: id, verdict, by: arbiter, note: note, in: &planner)
        }
        return try projections.state(of: id)
    }

    // MARK: Re-qualification

    /// Hands off every recycled lead whose re-qualify trigger fired as of the engine's now:
    /// a new signal, a fresh score at the threshold, or the date reached.
    ///
    /// The engine already checks signals and scores right after recording them, and dates on
    /// ``tick()``; call this after changing the clock by hand or to re-check every waiting lead
    /// (a signal recorded with a future `occurredAt` counts once the clock reaches it).
    ///
    /// - Returns: the number of events appended.
    /// - Throws: ``LeadModel/EventStoreError`` when the journal cannot be written.
    @discardableResult
    public func requalifyRecycled() async throws -> Int {
        try await catchUp()
        if projections.recycledIndex == nil { projections.buildRecycledIndex() }
        guard let pending = projections.recycledIndex, !pending.isEmpty else { return 0 }
        return try await requalify(pending.keys.sorted())
    }

    /// Hands off the recycled leads whose re-qualify date was reached: what ``tick()`` checks,
    /// at a cost that follows the waiting leads' dates, not their signals.
    func requalifyDue() async throws -> Int {
        try await catchUp()
        if projections.recycledIndex == nil { projections.buildRecycledIndex() }
        let now = configuration.now()
        guard let pending = projections.recycledIndex, !pending.isEmpty else { return 0 }
        let due = pending.compactMap { id, date in date.flatMap { $0 <= now ? id : nil } }
        guard !due.isEmpty else { return 0 }
        return try await requalify(due.sorted())
    }

    /// Re-qualifies those of `ids` that are recycled and whose trigger fired.
    func requalify(_ ids: [LeadID]) async throws -> Int {
        if projections.recycledIndex == nil { projections.buildRecycledIndex() }
        guard let pending = projections.recycledIndex, !pending.isEmpty else { return 0 }
        let candidates = ids.filter { pending[$0] != nil }
        guard !candidates.isEmpty else { return 0 }
        let results = try await commitPlan { planner in
            FeedbackCommands(projections: projections, policies: policies).requalify(candidates, in: &planner)
        }
        return results.reduce(0) { $0 + $1.appendedCount }
    }

}
