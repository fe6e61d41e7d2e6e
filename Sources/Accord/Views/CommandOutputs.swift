import Foundation
import LeadModel
import Routing

/// The answer to a capture: how the person was resolved, and the lead.
///
/// What `accord capture --json` prints and what a service answers for a capture.
public struct CaptureOutput: Codable, Hashable, Sendable {
    /// `created`, `matched`, or `merged L0000002 into` (the absorbed leads, comma-separated).
    public var outcome: String
    /// The lead after the capture.
    public var lead: LeadView

    /// Makes the answer from the engine's result.
    /// - Parameter result: what ``AlignmentEngine/capture(_:by:at:)`` returned.
    public init(_ result: CaptureResult) {
        switch result.outcome {
        case .created: outcome = "created"
        case .matched: outcome = "matched"
        case .merged(_, let absorbed): outcome = "merged " + absorbed.map(\.rawValue).joined(separator: ", ") + " into"
        }
        lead = LeadView(result.state)
    }
}

/// The answer to a recorded signal: whether it was a redelivery, where it is, and the lead.
///
/// What `accord signal --json` prints and what a service answers for a signal.
public struct SignalOutput: Codable, Hashable, Sendable {
    /// `true` when the idempotency key was recorded before: nothing new was stored.
    public var duplicate: Bool
    /// The journal position of the signal (the original one for a duplicate).
    public var position: UInt64
    /// The lead after the signal.
    public var lead: LeadView

    /// Makes the answer from the engine's result.
    /// - Parameter result: what ``AlignmentEngine/record(_:from:by:)`` or
    ///   ``AlignmentEngine/record(_:for:by:)`` returned.
    public init(_ result: SignalResult) {
        self.init(duplicate: result.isDuplicate, position: result.position.rawValue, lead: LeadView(result.state))
    }

    /// Makes the answer.
    /// - Parameters:
    ///   - duplicate: whether the signal was a redelivery.
    ///   - position: the signal's journal position.
    ///   - lead: the lead after the signal.
    public init(duplicate: Bool, position: UInt64, lead: LeadView) {
        self.duplicate = duplicate
        self.position = position
        self.lead = lead
    }
}

/// The answer to a sales touch: the lead and what happened to its response clocks.
///
/// What `accord touch --json` prints and what a service answers for a touch.
public struct TouchOutput: Codable, Hashable, Sendable {
    /// The lead after the touch.
    public var lead: LeadView
    /// Clocks the touch stopped in time.
    public var clocksMet: Int
    /// Clocks the touch stopped after their deadline.
    public var clocksBreached: Int

    /// Compares the lead before and after a touch.
    /// - Parameters:
    ///   - before: the lead's state before the touch, if it was known.
    ///   - after: the state ``AlignmentEngine/recordTouch(_:on:)`` returned.
    public init(before: LeadState?, after: LeadState) {
        let breached = after.breachedClocks.count - (before?.breachedClocks.count ?? 0)
        lead = LeadView(after)
        clocksMet = (before?.openClocks.count ?? 0) - after.openClocks.count - breached
        clocksBreached = breached
    }
}

/// A rep's load and availability, as the router reports it.
///
/// What `accord reps --json` prints for each rep and what a service answers for its reps.
public struct RepOutput: Codable, Hashable, Sendable {
    /// The rep's id.
    public var rep: String
    /// Leads the rep owns that are still open.
    public var openLeads: Int
    /// The rep's cap on open leads, if any.
    public var maxOpen: Int?
    /// Leads assigned to the rep today.
    public var newToday: Int
    /// The rep's cap on new leads a day, if any.
    public var maxNewPerDay: Int?
    /// Whether the router would give the rep a lead now.
    public var available: Bool
    /// Why not, when the rep is unavailable.
    public var why: String?
    /// The expected value received through value-balanced pools, decayed to now.
    public var valueReceived: Double

    /// Makes the row of one rep.
    /// - Parameter status: the rep's status from ``AlignmentEngine/repStatuses()``.
    public init(_ status: RepStatus) {
        rep = status.rep
        openLeads = status.openLeads
        maxOpen = status.maxOpen
        newToday = status.newToday
        maxNewPerDay = status.maxNewPerDay
        available = status.unavailable == nil
        why = status.unavailable
        valueReceived = status.valueReceived
    }
}

/// The open response clocks, soonest deadline first, after recording the steps that fell due.
///
/// What `accord sla --json` prints and what a service answers for its clocks.
public struct SLAOutput: Codable, Hashable, Sendable {
    /// One open clock.
    public struct Clock: Codable, Hashable, Sendable {
        /// The lead on the clock.
        public var lead: String
        /// The clock.
        public var clock: SLAClock
        /// Whether the deadline has passed (never while paused).
        public var overdue: Bool
        /// When the clock was paused, if it is.
        public var pausedSince: Date?

        /// Makes the row of one clock.
        /// - Parameters:
        ///   - lead: the lead's id.
        ///   - clock: the open clock.
        ///   - now: the time to compare the deadline with.
        ///   - pausedSince: when the clock was paused, if it is.
        public init(lead: String, clock: SLAClock, now: Date, pausedSince: Date? = nil) {
            self.lead = lead
            self.clock = clock
            self.pausedSince = pausedSince
            overdue = pausedSince == nil && clock.deadline < now
        }
    }

    /// Clock steps (warnings, breaches, escalations) recorded by this call.
    public var recordedSteps: Int
    /// The open clocks listed, at most the limit asked for.
    public var open: [Clock]
    /// How many clocks are open in all.
    public var openCount: Int

    /// Makes the answer.
    /// - Parameters:
    ///   - recordedSteps: clock steps recorded by the tick that preceded the listing.
    ///   - open: the clocks listed.
    ///   - openCount: how many clocks are open in all.
    public init(recordedSteps: Int, open: [Clock], openCount: Int) {
        self.recordedSteps = recordedSteps
        self.open = open
        self.openCount = openCount
    }
}
