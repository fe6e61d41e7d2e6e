import Foundation
import LeadModel

/// The account deal streams of one unit of import work, with the events planned so far folded
/// in, so that later rows of the batch see earlier ones.
struct AccountOverlay {
    var deals: [AccountID: AccountDeals] = [:]
}

extension AlignmentEngine {
    /// Plans one account-level row (an account and no lead): opens, updates or closes the deal on
    /// the account's stream. Every check comes before the first planned event.
    func planAccountDeal(
        _ row: OpportunityRow, account text: String, by actor: EventActor, history: String,
        in planner: inout Planner, accounts: inout AccountOverlay, summary: inout OpportunityImportSummary
    ) throws {
        guard let account = resolveAccount(text) else {
            summary.skipped.append(
                .init(line: row.line, reason: "the account '\(text)' has no letter or digit to name it by"))
            return
        }
        let stream = LeadID.stream(account: account)
        let stored = projections.accountDeals[account]
        let isNew = stored == nil && accounts.deals[account] == nil && projections.accounts[account] == nil
        // Taken out of the overlay while the row changes it, so that the change does not copy
        // the account's deals; put back on every path.
        var current = accounts.deals.removeValue(forKey: account) ?? stored ?? AccountDeals(account: account)
        defer { accounts.deals[account] = current }
        let reasons = [Reason(rule: "history", detail: history)]
        var events: [(LeadEvent.Payload, Date?)] = []
        let deal = row.opportunity
        let outcome = row.status.outcome
        if let existing = current.deal(deal.id)?.state {
            guard existing.isOpen else {
                summary.unchanged += 1
                return
            }
            if let outcome {
                let amount = deal.amount ?? existing.opportunity.amount
                if let amount { try OpportunityCommands.validate(amount: amount, lead: stream, deal: deal.id) }
                let closedAt = row.closedAt ?? planner.now
                try Self.checkClose(closedAt, after: existing.openedAt, deal: deal.id, on: stream)
                events.append(
                    (
                        .opportunityClosed(
                            OpportunityClosing(
                                id: deal.id, outcome: outcome, amount: amount, closedAt: closedAt, reason: row.reason)),
                        closedAt
                    ))
                summary.closed += 1
            } else {
                guard let update = try Self.historyUpdate(of: existing.opportunity, to: deal, on: stream) else {
                    summary.unchanged += 1
                    return
                }
                events.append((.opportunityUpdated(update), nil))
                summary.updated += 1
            }
        } else {
            var opened = deal
            // No opening date: the deal opens at its close (never later), else at the import.
            if opened.openedAt == nil { opened.openedAt = row.closedAt }
            try OpportunityCommands.validate(opened, lead: stream)
            events.append((.opportunityOpened(opened), opened.openedAt))
            summary.opened += 1
            summary.accountDeals += 1
            if isNew { summary.accountsCreated += 1 }
            if let outcome {
                let closedAt = row.closedAt ?? planner.now
                events.append(
                    (
                        .opportunityClosed(
                            OpportunityClosing(
                                id: deal.id, outcome: outcome, amount: opened.amount, closedAt: closedAt,
                                reason: row.reason)),
                        closedAt
                    ))
                summary.closed += 1
            }
        }
        planner.expect(stream, version: stored?.version ?? 0)
        for (payload, time) in events {
            planner.add(stream, payload, by: actor, reasons: reasons, at: time)
            current.apply(
                LeadEvent(
                    leadID: stream, occurredAt: time ?? planner.now, actor: actor, payload: payload, reasons: reasons))
        }
    }

    /// Refuses a close before the deal's opening.
    private static func checkClose(_ closedAt: Date, after openedAt: Date, deal: OpportunityID, on stream: LeadID)
        throws(OpportunityError)
    {
        guard closedAt >= openedAt else {
            throw OpportunityError(
                .invalidValue, leadID: stream, opportunityID: deal, field: "closeDate",
                message: "the deal closes before it opened (\(openedAt.formatted(.iso8601.year().month().day())))")
        }
    }
}
