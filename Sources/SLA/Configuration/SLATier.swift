import Foundation
public import LeadModel

/// One tier of the service level agreement: which leads it covers and the promises made for them.
///
/// ```json
/// {
///   "name": "hot",
///   "covers": { "stages": ["sql"], "tiers": ["hot"], "sources": ["demo-request"], "grades": ["A1", "A2"] },
///   "firstTouch": { "within": "15m", "clock": "business" },
///   "calendar": "us-east",
///   "warnAt": 0.75,
///   "followUp": { "attempts": 6, "within": "10d", "minimumSpacing": "4h" },
///   "disposition": { "within": "16h" },
///   "pauseAllowed": true,
///   "onReassignment": "restart",
///   "escalation": [
///     { "step": "warn-owner", "after": "0m" }, { "step": "notify-manager", "after": "30m" },
///     { "step": "reassign", "after": "2h" }, { "step": "return-to-pool", "after": "8h" }
///   ]
/// }
/// ```
public struct SLATier: Hashable, Sendable, Codable {
    /// The tier's name, recorded on each clock (`SLAClock.tier`).
    public var name: String
    /// Which leads the tier covers; the first tier that covers a lead applies.
    public var covers: SLATierMatch
    /// How soon sales must first touch the lead.
    public var firstTouch: SLATarget
    /// The named calendar business time counts on; `nil` uses the section's `defaultCalendar`.
    public var calendar: String?
    /// The fraction of the first-touch target after which the owner is warned (0.75 = 75 %).
    public var warnAt: Double?
    /// The follow-up standard after the first touch.
    public var followUp: FollowUpCadence?
    /// How soon sales must accept, reject or recycle the lead after assignment.
    public var disposition: SLATarget?
    /// Whether the clock may pause (waiting on the prospect to pick a meeting time).
    public var pauseAllowed: Bool
    /// What happens to a running clock when the lead is reassigned.
    public var onReassignment: ReassignmentRule
    /// The steps after a breach, in order, each with its delay after the deadline.
    public var escalation: [EscalationStep]

    /// What reassignment does to a running clock.
    public enum ReassignmentRule: String, Hashable, Sendable, Codable {
        /// The new owner gets a fresh full target from the reassignment.
        case restart
        /// The clock keeps its deadline.
        case keep
    }

    /// Makes a tier.
    ///
    /// - Parameters:
    ///   - name: the tier's name.
    ///   - covers: which leads it covers.
    ///   - firstTouch: the first-touch target.
    ///   - calendar: the named calendar, or `nil` for the default.
    ///   - warnAt: the warning point as a fraction of the target.
    ///   - followUp: the follow-up standard.
    ///   - disposition: the disposition deadline.
    ///   - pauseAllowed: whether the clock may pause.
    ///   - onReassignment: what reassignment does.
    ///   - escalation: the ladder after a breach.
    public init(
        name: String, covers: SLATierMatch = SLATierMatch(), firstTouch: SLATarget, calendar: String? = nil,
        warnAt: Double? = nil, followUp: FollowUpCadence? = nil, disposition: SLATarget? = nil,
        pauseAllowed: Bool = false, onReassignment: ReassignmentRule = .keep, escalation: [EscalationStep] = []
    ) {
        self.name = name
        self.covers = covers
        self.firstTouch = firstTouch
        self.calendar = calendar
        self.warnAt = warnAt
        self.followUp = followUp
        self.disposition = disposition
        self.pauseAllowed = pauseAllowed
        self.onReassignment = onReassignment
        self.escalation = escalation
    }

    private enum CodingKeys: String, CodingKey {
        case name, covers, firstTouch, calendar, warnAt, followUp, disposition, pauseAllowed, onReassignment
        case escalation
    }

    /// Decodes a tier; all but `name` and `firstTouch` may be absent.
    ///
    /// - Throws: `DecodingError` for a missing `name` or `firstTouch`, or a malformed value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            covers: try container.decodeIfPresent(SLATierMatch.self, forKey: .covers) ?? SLATierMatch(),
            firstTouch: try container.decode(SLATarget.self, forKey: .firstTouch),
            calendar: try container.decodeIfPresent(String.self, forKey: .calendar),
            warnAt: try container.decodeIfPresent(Double.self, forKey: .warnAt),
            followUp: try container.decodeIfPresent(FollowUpCadence.self, forKey: .followUp),
            disposition: try container.decodeIfPresent(SLATarget.self, forKey: .disposition),
            pauseAllowed: try container.decodeIfPresent(Bool.self, forKey: .pauseAllowed) ?? false,
            onReassignment: try container.decodeIfPresent(ReassignmentRule.self, forKey: .onReassignment) ?? .keep,
            escalation: try container.decodeIfPresent([EscalationStep].self, forKey: .escalation) ?? [])
    }
}

/// Which leads a tier covers. Each list that is present must contain the lead's value; an absent
/// list matches anything, so `{}` covers every lead.
///
/// ```json
/// { "stages": ["sql", "mql"], "tiers": ["hot"], "sources": ["demo-request"], "grades": ["A1"] }
/// ```
public struct SLATierMatch: Hashable, Sendable, Codable {
    /// Lifecycle stages (`LeadState.stage`).
    public var stages: [Stage]?
    /// Qualification tiers the engine passes in (``SLAInput/qualificationTier``).
    public var tiers: [String]?
    /// Lead sources (`Lead.source`).
    public var sources: [String]?
    /// Score grades (`ScoreCard.grade`); a single letter such as `"A"` matches every `"A…"` grade.
    public var grades: [String]?

    /// Makes a match; `nil` lists match anything.
    ///
    /// - Parameters:
    ///   - stages: lifecycle stages.
    ///   - tiers: qualification tiers.
    ///   - sources: lead sources.
    ///   - grades: score grades or grade letters.
    public init(stages: [Stage]? = nil, tiers: [String]? = nil, sources: [String]? = nil, grades: [String]? = nil) {
        self.stages = stages
        self.tiers = tiers
        self.sources = sources
        self.grades = grades
    }

    /// Whether every present list is matched.
    var coversEverything: Bool { stages == nil && tiers == nil && sources == nil && grades == nil }

    /// What matched, in words, or `nil` when the lead is not covered.
    ///
    /// - Parameter input: the lead and the engine's context.
    /// - Returns: such as `"stage sql, source demo-request"`, or `"any lead"`.
    public func match(_ input: SLAInput) -> String? {
        var matched: [String] = []
        if let stages {
            guard stages.contains(input.state.stage) else { return nil }
            matched.append("stage \(input.state.stage)")
        }
        if let tiers {
            guard let tier = input.qualificationTier, tiers.contains(tier) else { return nil }
            matched.append("qualification tier \(tier)")
        }
        if let sources {
            guard let source = input.state.lead.source, sources.contains(source) else { return nil }
            matched.append("source \(source)")
        }
        if let grades {
            guard let grade = input.state.score?.grade,
                grades.contains(where: { $0 == grade || ($0.count == 1 && grade.hasPrefix($0)) })
            else { return nil }
            matched.append("grade \(grade)")
        }
        return matched.isEmpty ? "any lead" : matched.joined(separator: ", ")
    }
}

/// The follow-up standard: at least `attempts` touches within `within` of the clock start, no two
/// closer than `minimumSpacing`. Counted in wall-clock time ("6 attempts in 10 days").
///
/// ```json
/// { "attempts": 6, "within": "10d", "minimumSpacing": "4h" }
/// ```
public struct FollowUpCadence: Hashable, Sendable, Codable {
    /// Touches required.
    public var attempts: Int
    /// The period, from the clock start.
    public var within: SLADuration
    /// The least time between two touches that both count.
    public var minimumSpacing: SLADuration

    /// Makes a cadence.
    ///
    /// - Parameters:
    ///   - attempts: touches required.
    ///   - within: the period, from the clock start.
    ///   - minimumSpacing: the least time between two touches that both count.
    public init(attempts: Int, within: SLADuration, minimumSpacing: SLADuration = SLADuration(seconds: 0)) {
        self.attempts = attempts
        self.within = within
        self.minimumSpacing = minimumSpacing
    }

    private enum CodingKeys: String, CodingKey { case attempts, within, minimumSpacing }

    /// Decodes a cadence; `minimumSpacing` may be absent (none).
    ///
    /// - Throws: `DecodingError` for a missing or malformed field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        attempts = try container.decode(Int.self, forKey: .attempts)
        within = try container.decode(SLADuration.self, forKey: .within)
        minimumSpacing =
            try container.decodeIfPresent(SLADuration.self, forKey: .minimumSpacing) ?? SLADuration(seconds: 0)
    }
}

/// One rung of the escalation ladder: what happens, and how long after the deadline.
///
/// `after` counts on the same clock as the tier's first-touch target (business or wall).
///
/// ```json
/// { "step": "notify-manager", "after": "30m" }
/// ```
public struct EscalationStep: Hashable, Sendable, Codable {
    /// What the step does.
    public enum Action: String, Hashable, Sendable, Codable {
        /// Tell the owner the lead is overdue.
        case warnOwner = "warn-owner"
        /// Tell the owner's manager.
        case notifyManager = "notify-manager"
        /// Route the lead again, skipping the current owner.
        case reassign
        /// Put the lead back in the shared pool.
        case returnToPool = "return-to-pool"
    }

    /// What the step does.
    public var step: Action
    /// The delay after the deadline.
    public var after: SLADuration

    /// Makes a step.
    ///
    /// - Parameters:
    ///   - step: what happens.
    ///   - after: the delay after the deadline.
    public init(step: Action, after: SLADuration) {
        self.step = step
        self.after = after
    }
}
