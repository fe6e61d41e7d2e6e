import Foundation
import LeadModel

/// One line of a timeline: when, what, who, and why.
enum EventLine {
    static func text(_ event: LeadEvent) -> [String] {
        let head = "#\(event.position.map(String.init(describing:)) ?? "?")  \(event.occurredAt.formatted(.iso8601))  "
        var line = head + summary(event) + "  [\(event.actor)]"
        if let version = event.playbookVersion { line += " playbook v\(version)" }
        return [line] + event.reasons.map { "      because \($0.rule): \($0.detail)" }
    }

    static func summary(_ event: LeadEvent) -> String {
        let lead = event.leadID.rawValue
        switch event.payload {
        case .captured(let captured, let stage):
            let from = [captured.source, captured.campaign].compactMap { $0 }.joined(separator: "/")
            return "captured \(lead) in \(stage)" + (from.isEmpty ? "" : " from \(from)")
        case .signalRecorded(let signal):
            return "signal \(signal.kind) at \(signal.occurredAt.formatted(.iso8601))"
                + (signal.campaign.map { " (\($0))" } ?? "")
        case .fieldsChanged(let changes):
            return "fields changed: " + changes.values.keys.map(\.rawValue).sorted().joined(separator: ", ")
        case .merged(let record):
            return "merged \(record.absorbed) into \(lead) (same \(record.matchedOn.joined(separator: ", ")))"
        case .mergedInto(let survivor):
            return "\(lead) merged into \(survivor)"
        case .stageChanged(let change):
            return "stage \(change.from) → \(change.to)"
        case .scored(let card):
            return "scored \(LeadView.number(card.total)) by \(card.scorer)"
                + (card.grade.map { " (grade \($0))" } ?? "")
        case .assigned(let assignment):
            return "assigned to \(assignment.owner) by \(assignment.router)"
        case .touched(let touch):
            return "touched by \(touch.by) via \(touch.channel)" + (touch.connected ? ", connected" : "")
        case .slaStarted(let clock):
            return "SLA clock \(clock.tier) started, due \(clock.deadline.formatted(.iso8601))"
        case .slaWarned(let id): return "SLA clock \(id) warning"
        case .slaMet(let id): return "SLA clock \(id) met"
        case .slaBreached(let id): return "SLA clock \(id) breached"
        case .slaEscalated(let escalation):
            return "SLA escalation \(escalation.step)" + (escalation.target.map { " to \($0)" } ?? "")
        case .dispositionRecorded(let disposition):
            return "disposition \(disposition.outcome.rawValue)" + (disposition.reasonCode.map { " (\($0))" } ?? "")
        case .erased(let erasure):
            return "personal data erased at the request of \(erasure.requestedBy)"
        case .turnTaken(let claim):
            return "turn taken: \(claim.lead) to \(claim.rep)" + (claim.pool.map { " from pool \($0)" } ?? "")
        case .slaPaused(let pause): return "SLA clock \(pause.clockID) paused: \(pause.reason)"
        case .slaResumed(let resume):
            return "SLA clock \(resume.clockID) resumed, due \(resume.deadline.formatted(.iso8601))"
        }
    }
}
