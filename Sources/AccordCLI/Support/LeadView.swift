import Accord
import Foundation
import LeadModel

/// The text form of a lead for `accord lead show` (the JSON form is the SDK's ``LeadView``).
extension LeadView {
    /// The text form: one field a line, empty fields left out.
    var lines: [String] {
        var rows: [(String, String?)] = [
            ("lead", id), ("stage", stage), ("name", name), ("email", email), ("phone", phone), ("title", title),
            ("company", company), ("account", account), ("account match", accountMatch?.line),
            ("account review", accountReview?.line), ("source", source), ("campaign", campaign),
            ("message angle", messageAngle),
            ("external ids", externalIDs.isEmpty ? nil : externalIDs.joined(separator: ", ")),
            ("created", createdAt.formatted(.iso8601)), ("updated", updatedAt.formatted(.iso8601)),
            ("signals", String(signals)),
            (
                "score",
                score.map {
                    "\(Self.number($0.total)) (fit \(Self.number($0.fit)), engagement \(Self.number($0.engagement)))\($0.grade.map { ", grade \($0)" } ?? "")"
                }
            ),
            ("not moved", notMoved?.summary),
            ("owner", owner), ("touches", touches == 0 ? nil : String(touches)),
            ("disposition", disposition.map { "\($0.outcome.rawValue)\($0.reasonCode.map { " (\($0))" } ?? "")" }),
            ("deal", opportunity.map(Self.deal)),
            ("re-qualify", stage == Stage.recycled.rawValue ? disposition?.requalify.map(Self.trigger) : nil),
            (
                "recycled",
                feedback.recycles == 0 ? nil : "\(feedback.recycles)×, re-qualified \(feedback.requalifications)×"
            ),
            ("dispute", feedback.dispute.map { "\($0.state.rawValue), raised by \($0.raisedBy)" }),
            ("merged into", mergedInto), ("merged from", absorbed.isEmpty ? nil : absorbed.joined(separator: ", ")),
            ("erased", erased ? "yes" : nil),
        ]
        for (key, value) in attributes.sorted(by: { $0.key < $1.key }) { rows.append(("  \(key)", value.text)) }
        var output = rows.compactMap { key, value in value.map { Self.pad(key) + $0 } }
        output.append(
            Self.pad("stages")
                + stageHistory.map { "\($0.stage) \($0.enteredAt.formatted(.iso8601))" }.joined(separator: " → "))
        for clock in openClocks {
            output.append(Self.pad("sla clock") + "\(clock.tier), due \(clock.deadline.formatted(.iso8601))")
        }
        return output
    }

    /// A deal in one line: `OPP-7 24000 USD, payroll, owner rep:ana, open since 2026-11-02` or
    /// `… won 2026-12-01 for 26000`.
    static func deal(_ deal: OpportunityState) -> String {
        let values = deal.opportunity
        var parts = ["\(values.id) \(number(values.amount)) \(values.currency)"]
        if let product = values.product { parts.append(product) }
        if let stage = values.dealStage { parts.append("deal stage \(stage)") }
        if let owner = values.owner { parts.append("owner \(owner)") }
        if let closing = deal.closing {
            parts.append(
                "opened \(day(deal.openedAt)), \(closing.outcome.rawValue) \(day(closing.closedAt))"
                    + (closing.outcome == .won ? " for \(number(closing.amount))" : ""))
        } else {
            parts.append("open since \(day(deal.openedAt))")
        }
        return parts.joined(separator: ", ")
    }

    static func day(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day())
    }

    /// A re-qualify trigger in a few words.
    static func trigger(_ trigger: RequalifyTrigger) -> String {
        var parts = trigger.signalKinds.map(\.rawValue)
        if let score = trigger.scoreAtLeast { parts.append("score ≥ \(number(score))") }
        if let date = trigger.on { parts.append(date.formatted(.iso8601)) }
        return parts.joined(separator: " or ")
    }

    static func pad(_ key: String) -> String {
        let label = key + ":"
        return label.count >= 16 ? label + " " : label + String(repeating: " ", count: 16 - label.count)
    }

    static func number(_ value: Double) -> String { NumberText.format(value) }

    /// A deal amount, or `unknown` when the CRM gave none.
    static func number(_ value: Double?) -> String { value.map(NumberText.format) ?? "unknown" }
}
