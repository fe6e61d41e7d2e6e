import Accord
import Foundation
import LeadModel

/// One line of a timeline: when, what, who, and why.
enum EventLine {
    static func text(_ event: LeadEvent) -> [String] {
        let head = "#\(event.position.map(String.init(describing:)) ?? "?")  \(event.occurredAt.formatted(.iso8601))  "
        var line = head + summary(event) + "  [\(event.actor)]"
        if let version = event.playbookVersion { line += " " + playbookLabel(version) }
        return [line] + event.reasons.map { "      because \($0.rule): \($0.detail)" }
    }

    /// `playbook v3` for a numbered version, `playbook olist-1` for a named one.
    static func playbookLabel(_ version: String) -> String {
        version.first?.isNumber == true ? "playbook v" + version : "playbook " + version
    }

    static func summary(_ event: LeadEvent) -> String { event.summary }
}
