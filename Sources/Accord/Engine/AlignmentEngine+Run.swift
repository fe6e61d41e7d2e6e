import Foundation
public import LeadModel
import SLA

extension AlignmentEngine {
    /// Keeps response clocks and scores moving until the task is cancelled: records what is due
    /// (``tick()``), rescores the leads whose scores decayed (``rescoreDue()``), then sleeps on the
    /// configuration's clock until the next deadline or review, looking at
    /// the journal at least every ``EngineConfiguration/runCheckInterval`` for clocks started
    /// since (by this engine or another one sharing the store).
    ///
    /// The host starts it in its own task and cancels that task to stop; no task is left behind.
    ///
    /// ```swift
    /// let loop = Task { try await engine.run() }
    /// …
    /// loop.cancel()
    /// ```
    ///
    /// - Throws: ``LeadModel/EventStoreError`` when the journal cannot be read or written. Cancellation is
    ///   not an error: the loop returns.
    public func run() async throws {
        while !Task.isCancelled {
            do {
                try await catchUp()
                try await tick()
                try await rescoreDue()
                let now = configuration.now()
                var wake = now.addingTimeInterval(configuration.runCheckInterval)
                for next in [projections.monitor.nextDue, projections.rescoreSchedule.nextDue].compactMap({ $0 })
                where next < wake {
                    wake = max(next, now)
                }
                try await configuration.sleep(wake)
            } catch is CancellationError {
                return
            }
        }
    }

    /// When a response clock was paused, or `nil` while it runs (or is unknown).
    ///
    /// - Parameter clock: the clock.
    public func pausedSince(_ clock: SLAClockID) -> Date? { projections.monitor.pausedSince(clock) }

    /// Pauses a lead's running response clocks when the SLA policy allows it
    /// (``SLA/SLAPolicy/checkPause(_:)``; for the playbook's tiers, ``SLA/SLATier/pauseAllowed``):
    /// waiting on the prospect to pick a meeting time. A paused clock neither warns nor breaches
    /// until ``resumeClocks(of:by:)``.
    ///
    /// - Parameters:
    ///   - id: the lead.
    ///   - reason: why, stored with the pause.
    ///   - actor: who paused.
    /// - Returns: the clocks paused (empty when every clock was already paused).
    /// - Throws: ``LeadModel/LeadModelError`` `unknownLead`, `leadMerged`, `leadErased`, or `invalidValue`
    ///   when the lead has no running clock, a clock is past its deadline, no SLA policy is
    ///   configured, or the policy refuses to pause the clock (its tier does not allow pauses);
    ///   ``SLA/SLAPolicyError`` `unsupported`, naming the policy, when the policy never pauses
    ///   clocks; ``LeadModel/EventStoreError`` when the journal cannot be written.
    @discardableResult
    public func pauseClocks(of id: LeadID, reason: String, by actor: EventActor) async throws -> [SLAClockID] {
        var paused: [SLAClockID] = []
        try await commitPlan { planner in
            paused = try SLACommands(projections: projections, policies: policies).pauseClocks(
                of: id, reason: reason, by: actor, in: &planner)
        }
        return paused
    }

    /// Resumes a lead's paused response clocks: each deadline (and warning) moves as the SLA
    /// policy says (``SLA/SLAPolicy/resume(_:pausedAt:resumedAt:)``; for the playbook's tiers, out by
    /// the business time the clock was paused), with the arithmetic as reasons.
    ///
    /// - Parameters:
    ///   - id: the lead.
    ///   - actor: who resumed.
    /// - Returns: the resumed clocks with their new deadlines.
    /// - Throws: ``LeadModel/LeadModelError`` `unknownLead`, `leadMerged`, `leadErased`;
    ///   ``SLA/SLAPolicyError`` `unsupported`, naming the policy, when a clock is paused and the
    ///   policy does not resume clocks; ``LeadModel/EventStoreError`` when the journal cannot be
    ///   written.
    @discardableResult
    public func resumeClocks(of id: LeadID, by actor: EventActor) async throws -> [SLAClock] {
        try await commitPlan { planner in
            try SLACommands(projections: projections, policies: policies).resumeClocks(of: id, by: actor, in: &planner)
        }
        return projections.leads[id].map { state in
            state.openClocks.values.filter { !$0.id.isDisposition }.sorted { $0.id.rawValue < $1.id.rawValue }
        } ?? []
    }
}
