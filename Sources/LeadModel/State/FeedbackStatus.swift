import Foundation

/// Where a lead stands in the feedback loop, folded from its disposition, dispute and
/// re-qualification events: part of ``LeadState``.
public struct FeedbackStatus: Hashable, Sendable, Codable {
    /// The state of a dispute over a rejection.
    public enum DisputeState: String, Hashable, Sendable, Codable, CaseIterable {
        /// Raised, waiting for the arbiter.
        case open
        /// The arbiter let the rejection stand.
        case upheld
        /// The arbiter withdrew the rejection; the lead went back to sales.
        case overturned
    }

    /// The latest dispute over the lead's rejection.
    public struct DisputeRecord: Hashable, Sendable, Codable {
        public var state: DisputeState
        /// The marketer who raised it.
        public var raisedBy: String
        /// Why; empty after erasure.
        public var reason: String
        public var raisedAt: Date
        /// The arbiter, once resolved.
        public var resolvedBy: String?

        public init(state: DisputeState, raisedBy: String, reason: String, raisedAt: Date, resolvedBy: String? = nil) {
            self.state = state
            self.raisedBy = raisedBy
            self.reason = reason
            self.raisedAt = raisedAt
            self.resolvedBy = resolvedBy
        }
    }

    /// How many times sales recycled the lead.
    public var recycles: Int
    /// How many times a re-qualify trigger brought it back.
    public var requalifications: Int
    /// The dispute over the current rejection, if marketing raised one; cleared by a new
    /// disposition.
    public var dispute: DisputeRecord?

    public init(recycles: Int = 0, requalifications: Int = 0, dispute: DisputeRecord? = nil) {
        self.recycles = recycles
        self.requalifications = requalifications
        self.dispute = dispute
    }
}
