import Foundation
import LeadModel

extension LeadEvent {
    /// What the event recorded, in one line of plain words: `stage mql → sql`,
    /// `assigned to rep:maria by rules`, `SLA clock C1 breached`.
    ///
    /// The line names the lead and what changed, never personal data beyond what the event
    /// itself stores. `accord lead timeline` and ``Accord/LeadExplanation`` use it.
    public var summary: String {
        let event = self
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
            return "scored \(NumberText.format(card.total)) by \(card.scorer)"
                + (card.grade.map { " (grade \($0))" } ?? "")
        case .assigned(let assignment):
            return "assigned to \(assignment.owner) by \(assignment.router)"
        case .touched(let touch):
            return "touched by \(touch.by) via \(touch.channel)" + (touch.connected ? ", connected" : "")
                + (touch.objections.isEmpty ? "" : "; objections: \(touch.objections.joined(separator: ", "))")
        case .slaStarted(let clock):
            return "SLA clock \(clock.tier) started, due \(clock.deadline.formatted(.iso8601))"
        case .slaWarned(let id): return "SLA clock \(id) warning"
        case .slaMet(let id): return "SLA clock \(id) met"
        case .slaBreached(let id): return "SLA clock \(id) breached"
        case .slaEscalated(let escalation):
            return "SLA escalation \(escalation.step)" + (escalation.target.map { " to \($0)" } ?? "")
        case .dispositionRecorded(let disposition):
            return "disposition \(disposition.outcome.rawValue)" + (disposition.reasonCode.map { " (\($0))" } ?? "")
                + (disposition.failedRules.isEmpty ? "" : "; failed \(disposition.failedRules.joined(separator: ", "))")
                + (disposition.objections.isEmpty
                    ? "" : "; objections: \(disposition.objections.joined(separator: ", "))")
        case .disputeRaised(let dispute):
            return "rejection disputed by \(dispute.raisedBy)" + (dispute.reason.isEmpty ? "" : ": \(dispute.reason)")
        case .disputeResolved(let resolution):
            return "dispute \(resolution.verdict.rawValue) by \(resolution.by)"
        case .requalified(let requalification):
            return "re-qualified by \(requalification.trigger): \(requalification.detail)"
        case .erased(let erasure):
            return "personal data erased at the request of \(erasure.requestedBy)"
        case .opportunityOpened(let deal):
            return "opportunity \(deal.id) opened: \(Self.amountText(deal.amount)) \(deal.currency)"
                + (deal.product.map { " for \($0)" } ?? "")
        case .opportunityUpdated(let update):
            var changes: [String] = []
            if let amount = update.amount { changes.append("amount \(NumberText.format(amount))") }
            if let stage = update.dealStage { changes.append("deal stage \(stage)") }
            if let date = update.expectedCloseDate { changes.append("close date \(date.formatted(.iso8601))") }
            return "opportunity \(update.id) updated: \(changes.joined(separator: ", "))"
        case .opportunityClosed(let closing):
            return "opportunity \(closing.id) \(closing.outcome.rawValue): \(Self.amountText(closing.amount))"
                + (closing.reason.map { " (\($0))" } ?? "")
        case .playbookProposed(let proposal):
            return "playbook \(proposal.version) proposed"
                + (proposal.changedSections.isEmpty
                    ? "" : " (changes \(proposal.changedSections.joined(separator: ", ")))")
        case .playbookSignedOff(let signOff):
            return "playbook \(signOff.version) signed off by \(signOff.owner) (\(signOff.team))"
        case .playbookActivated(let activation):
            return "playbook \(activation.version) activated"
                + (activation.previousVersion.map { ", replacing \($0)" } ?? "")
                + ", signed off by \(activation.signedBy.joined(separator: ", "))"
        case .turnTaken(let claim):
            return "turn taken: \(claim.lead) to \(claim.rep)" + (claim.pool.map { " from pool \($0)" } ?? "")
        case .slaPaused(let pause): return "SLA clock \(pause.clockID) paused: \(pause.reason)"
        case .slaResumed(let resume):
            return "SLA clock \(resume.clockID) resumed, due \(resume.deadline.formatted(.iso8601))"
        case .handoffBlocked(let block): return "not moved: \(block.summary)"
        case .accountMatchDecided(let decision): return decision.line
        }
    }

    /// A deal amount, or `unknown` when the CRM gave none.
    private static func amountText(_ value: Double?) -> String { value.map(NumberText.format) ?? "unknown" }
}
