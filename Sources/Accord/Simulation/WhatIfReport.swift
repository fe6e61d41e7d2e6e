public import Foundation
import LeadModel

/// What a proposed playbook would have done to a period, side by side with what happened.
///
/// Built by ``WhatIfSimulation``; every number is a count of leads or events in the period.
public struct WhatIfReport: Hashable, Sendable, Codable {
    /// One side of the comparison: the journal as it is, or as the proposed rules make it.
    public struct Side: Hashable, Sendable, Codable {
        /// Leads that entered each stage in the period.
        public var enteredStage: [String: Int] = [:]
        /// Leads handed to sales (entered the handoff stage) in the period.
        public var handoffs = 0
        /// Assignments per rep in the period.
        public var assignmentsByRep: [String: Int] = [:]
        /// Assignments to queues (coverage, unassigned) in the period.
        public var queued = 0
        /// Response clocks started, met and breached, and escalation steps, in the period.
        public var clocksStarted = 0
        public var clocksMet = 0
        public var clocksBreached = 0
        public var escalations = 0

        public init() {}
    }

    /// What became, in reality, of a set of leads.
    public struct Outcomes: Hashable, Sendable, Codable {
        /// Reached a converted stage (opportunity, won).
        public var converted = 0
        /// Rejected by sales (their latest disposition).
        public var rejected = 0
        /// Recycled by sales.
        public var recycled = 0
        /// Accepted, with no conversion yet.
        public var acceptedOpen = 0
        /// Never handed to sales in reality, so reality cannot say.
        public var neverHandedOff = 0
        /// Handed off, no verdict yet.
        public var undecided = 0

        public init() {}

        public var total: Int { converted + rejected + recycled + acceptedOpen + neverHandedOff + undecided }
    }

    /// The period compared; `nil` for the whole journal.
    public var period: DateInterval?
    /// The proposed playbook's name and version.
    public var proposedVersion: String
    /// The journal as it is.
    public var actual: Side
    /// The journal as the proposed rules would have made it.
    public var simulated: Side
    /// Leads the proposed rules hand off in the period: what became of them in reality.
    public var handedOffByProposal: Outcomes
    /// Of those, the leads the current rules did not hand off in the period.
    public var newlyHandedOff: Outcomes
    /// Leads handed off in reality in the period that the proposed rules would not hand off.
    public var noLongerHandedOff: Outcomes
    /// Input events replayed (captures, signals, erasures) and simulated first touches.
    public var inputsReplayed: Int
    public var touchesSimulated: Int
    /// Facts the simulation cannot replay (field edits by hand, manual merges), counted so the
    /// reader knows what the comparison leaves out.
    public var notReplayed: [String: Int]
}
