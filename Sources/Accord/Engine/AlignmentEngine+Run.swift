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
                for next in [monitor.nextDue, rescoreSchedule.nextDue].compactMap({ $0 }) where next < wake {
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
    public func pausedSince(_ clock: SLAClockID) -> Date? { monitor.pausedSince(clock) }

    /// Pauses a lead's running response clocks whose tier allows it (``SLA/SLATier/pauseAllowed``):
    /// waiting on the prospect to pick a meeting time. A paused clock neither warns nor breaches
    /// until ``resumeClocks(of:by:)``.
    ///
    /// - Parameters:
    ///   - id: the lead.
    ///   - reason: why, stored with the pause.
    ///   - actor: who paused.
    /// - Returns: the clocks paused (empty when every clock was already paused).
    /// - Throws: ``LeadModel/LeadModelError`` `unknownLead`, `leadMerged`, `leadErased`, or `invalidValue`
    ///   when the lead has no running clock, a clock is past its deadline, or its tier does not
    ///   allow pauses;
    ///   ``LeadModel/EventStoreError`` when the journal cannot be written.
    @discardableResult
    public func pauseClocks(of id: LeadID, reason: String, by actor: EventActor) async throws -> [SLAClockID] {
        var paused: [SLAClockID] = []
        try await commit {
            var planner = makePlanner()
            let state = try liveState(of: id)
            guard !state.openClocks.isEmpty else {
                throw LeadModelError(.invalidValue, leadID: id, message: "the lead has no running response clock")
            }
            paused = []
            let policy = slaPolicy as? TieredSLAPolicy
            for clock in state.openClocks.values.sorted(by: { $0.id.rawValue < $1.id.rawValue })
            where !clock.id.isDisposition && monitor.pausedSince(clock.id) == nil {
                guard clock.deadline > planner.now else {
                    throw LeadModelError(
                        .invalidValue, leadID: id,
                        message: "clock \(clock.id) is past its deadline; a breached clock cannot pause")
                }
                guard policy?.configuration.tier(named: clock.tier)?.pauseAllowed == true else {
                    throw LeadModelError(
                        .invalidValue, leadID: id,
                        message: "tier \(clock.tier) does not allow pausing its clock; set \"pauseAllowed\": true")
                }
                planner.add(
                    id, .slaPaused(SLAPause(clockID: clock.id, reason: reason)), by: actor,
                    reasons: [Reason(rule: "sla-pause", detail: reason)], decision: true)
                paused.append(clock.id)
            }
            return planner.requests
        }
        return paused
    }

    /// Resumes a lead's paused response clocks: each deadline (and warning) moves out by the
    /// business time the clock was paused, with the arithmetic as reasons.
    ///
    /// - Parameters:
    ///   - id: the lead.
    ///   - actor: who resumed.
    /// - Returns: the resumed clocks with their new deadlines.
    /// - Throws: ``LeadModel/LeadModelError`` `unknownLead`, `leadMerged`, `leadErased`;
    ///   ``LeadModel/EventStoreError`` when the journal cannot be written.
    @discardableResult
    public func resumeClocks(of id: LeadID, by actor: EventActor) async throws -> [SLAClock] {
        try await commit {
            var planner = makePlanner()
            let state = try liveState(of: id)
            guard let policy = slaPolicy as? TieredSLAPolicy else { return [] }
            for clock in state.openClocks.values.sorted(by: { $0.id.rawValue < $1.id.rawValue })
            where !clock.id.isDisposition {
                guard let since = monitor.pausedSince(clock.id),
                    let moved = policy.resumed(clock, pausedAt: since, resumedAt: planner.now),
                    let tier = policy.configuration.tier(named: clock.tier)
                else { continue }
                let pausedFor: TimeInterval
                if tier.firstTouch.clock == .business, let named = policy.calendar(for: tier) {
                    pausedFor = named.calendar.businessTime(from: since, to: planner.now)
                } else {
                    pausedFor = planner.now.timeIntervalSince(since)
                }
                planner.add(
                    id,
                    .slaResumed(
                        SLAResume(
                            clockID: clock.id, pausedFor: pausedFor, warnAt: moved.warnAt, deadline: moved.deadline)),
                    by: actor, reasons: moved.reasons, decision: true)
            }
            return planner.requests
        }
        return leads[id].map { state in
            state.openClocks.values.filter { !$0.id.isDisposition }.sorted { $0.id.rawValue < $1.id.rawValue }
        } ?? []
    }
}
