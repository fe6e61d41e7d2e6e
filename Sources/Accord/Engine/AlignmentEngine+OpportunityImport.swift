import Foundation
public import LeadModel

/// What an opportunities import did, row by row.
public struct OpportunityImportSummary: Hashable, Sendable, Codable {
    /// A row that was not imported, and why.
    public struct Skipped: Hashable, Sendable, Codable {
        /// The row's line in the file.
        public var line: Int
        /// Why (no such lead, a move the stage graph does not allow, a failed gate).
        public var reason: String
    }

    /// Deals opened.
    public var opened = 0
    /// Open deals whose amount, deal stage or close date changed.
    public var updated = 0
    /// Deals closed won or lost.
    public var closed = 0
    /// Rows already in the journal as they are (importing the same file again changes nothing).
    public var unchanged = 0
    /// Rows not imported.
    public var skipped: [Skipped] = []

    public init() {}
}

extension AlignmentEngine {
    /// Loads a CRM's deal history: opens, updates and closes deals on the leads the rows name.
    ///
    /// Each row finds its lead by lead id (following merges to the survivor) or by email through
    /// identity resolution. A deal the lead does not have yet is opened (at the row's opening date;
    /// without one, at the lead's creation, or at the close when that came first) — the lead is moved to
    /// the opportunity stage along the stage graph (`advancing`), each step gated — and, when the
    /// row says won or lost, closed at the row's close date. A deal the lead already has is
    /// updated or closed as the row says; a row that matches the journal is left alone, so
    /// importing a file twice records it once. Rows that cannot be applied are skipped and
    /// reported with their line; the others are imported.
    ///
    /// - Parameters:
    ///   - rows: validated rows, from ``OpportunityImportReader/rows()``.
    ///   - actor: who imports (`.integration("crm-import")`).
    /// - Returns: what was opened, updated, closed, left alone and skipped.
    /// - Throws: ``LeadModel/EventStoreError`` when the journal cannot be written.
    @discardableResult
    public func importOpportunities(_ rows: [OpportunityRow], by actor: EventActor) async throws
        -> OpportunityImportSummary
    {
        var summary = OpportunityImportSummary()
        for row in rows {
            do {
                try await importOpportunity(row, by: actor, into: &summary)
            } catch let error as LeadModelError {
                summary.skipped.append(.init(line: row.line, reason: error.description))
            } catch let error as OpportunityError {
                summary.skipped.append(.init(line: row.line, reason: error.description))
            }
        }
        return summary
    }

    private func importOpportunity(
        _ row: OpportunityRow, by actor: EventActor, into summary: inout OpportunityImportSummary
    )
        async throws
    {
        try await catchUp()
        let found: LeadID?
        if let id = row.leadID {
            found = survivor(of: id)
        } else {
            found = lookUp(Lead(id: "", email: row.email))
        }
        guard let lead = found, let state = leads[lead] else {
            let how = row.leadID.map { "lead id \($0)" } ?? "this email"
            summary.skipped.append(.init(line: row.line, reason: "no lead with \(how) in the journal"))
            return
        }
        let deal = row.opportunity
        if let current = state.opportunity, current.opportunity.id == deal.id {
            guard current.isOpen else {
                summary.unchanged += 1
                return
            }
            var changed = false
            let update = OpportunityUpdate(
                id: deal.id, amount: deal.amount == current.opportunity.amount ? nil : deal.amount,
                dealStage: deal.dealStage == current.opportunity.dealStage ? nil : deal.dealStage,
                expectedCloseDate: deal.expectedCloseDate == current.opportunity.expectedCloseDate
                    ? nil : deal.expectedCloseDate)
            if !update.isEmpty, row.status == .open {
                try await updateOpportunity(update, on: lead, by: actor)
                summary.updated += 1
                changed = true
            }
            if row.status != .open {
                try await close(row, on: lead, by: actor)
                summary.closed += 1
                changed = true
            }
            if !changed { summary.unchanged += 1 }
            return
        }
        if let current = state.opportunity, current.isOpen {
            summary.skipped.append(
                .init(
                    line: row.line,
                    reason: "lead \(lead) has another open deal, \(current.opportunity.id); close it first"))
            return
        }
        var opened = deal
        if opened.openedAt == nil {
            // History without an opening date opened no later than the lead was created (or
            // the deal closed), never at import time: that would give negative sales cycles.
            opened.openedAt = row.closedAt.map { min(state.createdAt, $0) } ?? state.createdAt
        }
        try await openOpportunity(opened, on: lead, by: actor, advancing: true)
        summary.opened += 1
        if row.status != .open {
            try await close(row, on: lead, by: actor)
            summary.closed += 1
        }
    }

    private func close(_ row: OpportunityRow, on lead: LeadID, by actor: EventActor) async throws {
        try await closeOpportunity(
            row.opportunity.id, on: lead, as: row.status == .won ? .won : .lost, amount: row.opportunity.amount,
            closedAt: row.closedAt, reason: row.reason, by: actor)
    }
}
