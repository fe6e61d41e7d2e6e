import Foundation
public import Scoreboard

/// Everything the one-page HTML report shows, already counted: the funnel, speed to lead, SLA
/// attainment over time, rejection reasons by source, rep load, marketing's commitments and the
/// handoffs blocked at the gate.
///
/// Built from the journal by ``AlignmentEngine/reportPage(_:)``;
/// written by ``HTMLReport``.
public struct ReportPage: Hashable, Sendable, Codable {
    /// A headline number.
    public struct Figure: Hashable, Sendable, Codable {
        public var label: String
        public var value: String
        public var note: String?

        public init(label: String, value: String, note: String? = nil) {
            self.label = label
            self.value = value
            self.note = note
        }
    }

    /// One stage of the funnel: how many leads reached it, and what share of the stage before.
    public struct FunnelStep: Hashable, Sendable, Codable {
        public var stage: String
        public var leads: Int
        /// leads ÷ the previous step's leads; `nil` for the first step or an empty previous step.
        public var conversion: Double?

        public init(stage: String, leads: Int, conversion: Double?) {
            self.stage = stage
            self.leads = leads
            self.conversion = conversion
        }
    }

    /// A labelled count (a histogram bucket, a rejection reason).
    public struct Count: Hashable, Sendable, Codable {
        public var label: String
        public var count: Int

        public init(label: String, count: Int) {
            self.label = label
            self.count = count
        }
    }

    /// Response clocks of one week: met and breached.
    public struct WeekAttainment: Hashable, Sendable, Codable {
        /// The Monday the week starts on, `2026-10-05`.
        public var week: String
        public var met: Int
        public var breached: Int

        public init(week: String, met: Int, breached: Int) {
            self.week = week
            self.met = met
            self.breached = breached
        }

        /// met ÷ (met + breached), `nil` when no clock closed that week.
        public var attainment: Double? { met + breached == 0 ? nil : Double(met) / Double(met + breached) }
    }

    /// Rejections of the leads from one source, by reason code.
    public struct SourceRejections: Hashable, Sendable, Codable {
        public var source: String
        public var decided: Int
        public var reasons: [Count]

        public init(source: String, decided: Int, reasons: [Count]) {
            self.source = source
            self.decided = decided
            self.reasons = reasons
        }

        public var rejected: Int { reasons.reduce(0) { $0 + $1.count } }
    }

    /// One rep's share of the handoffs.
    public struct RepLoad: Hashable, Sendable, Codable {
        public var rep: String
        /// Leads assigned in the period.
        public var assigned: Int
        /// Leads the rep owns now that are still open.
        public var open: Int
        /// The rep's cap on open leads, when the playbook sets one.
        public var capacity: Int?
        /// The expected value received through value-balanced pools, decayed to the page's time.
        public var valueReceived: Double

        public init(rep: String, assigned: Int, open: Int, capacity: Int?, valueReceived: Double = 0) {
            self.rep = rep
            self.assigned = assigned
            self.open = open
            self.capacity = capacity
            self.valueReceived = valueReceived
        }
    }

    /// Marketing's side of the agreement for one period.
    public struct Commitment: Hashable, Sendable, Codable {
        public var name: String
        public var period: String
        public var target: String
        public var actual: String
        public var met: Bool

        public init(name: String, period: String, target: String, actual: String, met: Bool) {
            self.name = name
            self.period = period
            self.target = target
            self.actual = actual
            self.met = met
        }
    }

    public var title: String
    /// The period, playbook version and when the page was made.
    public var subtitle: String
    public var figures: [Figure]
    public var funnel: [FunnelStep]
    /// Time from handoff to first touch, bucketed; the last bucket is leads never touched.
    public var speedToLead: [Count]
    public var slaByWeek: [WeekAttainment]
    public var rejectionsBySource: [SourceRejections]
    public var repLoad: [RepLoad]
    public var commitments: [Commitment]
    /// Handoffs blocked at the gate in the view, by missing field, source and campaign; `nil`
    /// when none was.
    public var blockedHandoffs: BlockedHandoffs?
}
