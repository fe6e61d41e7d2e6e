import Foundation
import LeadModel
import Scoring

/// Builds lead states the way the engine does: by folding events.
enum Fixtures {
    /// A fixed "now" so that decay and windows give exact numbers.
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let day = 86_400.0

    static func daysAgo(_ days: Double) -> Date { now - days * day }

    /// A signal `days` days before ``now``.
    static func signal(_ kind: SignalKind, daysAgo days: Double, _ properties: [String: AttributeValue] = [:])
        -> Signal
    {
        Signal(kind: kind, occurredAt: daysAgo(days), properties: properties)
    }

    /// A state captured 90 days before ``now`` with the given lead data, signals and stage moves.
    static func state(
        title: String? = nil, email: String? = nil, attributes: [String: AttributeValue] = [:],
        signals: [Signal] = [], stages: [(Stage, Date)] = [], capturedAt: Date = daysAgo(90)
    ) -> LeadState {
        let lead = Lead(id: "L1", email: email, title: title, attributes: attributes)
        var events = [
            LeadEvent(leadID: "L1", occurredAt: capturedAt, actor: .system, payload: .captured(lead, stage: .lead))
        ]
        var previous = Stage.lead
        var items: [(Date, LeadEvent.Payload)] = signals.map { ($0.occurredAt, .signalRecorded($0)) }
        for (stage, at) in stages {
            items.append((at, .stageChanged(StageChange(from: previous, to: stage))))
            previous = stage
        }
        items.sort { $0.0 < $1.0 }
        for (at, payload) in items {
            events.append(LeadEvent(leadID: "L1", occurredAt: at, actor: .system, payload: payload))
        }
        return LeadState.fold(events)!
    }

    static func score(_ rules: ScoringRules, _ state: LeadState, at time: Date = now) -> ScoreCard {
        RuleScorer(rules).score(ScoringInput(state: state, now: time))!
    }
}
