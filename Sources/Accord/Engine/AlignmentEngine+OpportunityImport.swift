import Foundation
public import LeadModel

/// What an opportunities import did, row by row.
public struct OpportunityImportSummary: Hashable, Sendable, Codable {
    /// A row that was not imported, and why.
    public struct Skipped: Hashable, Sendable, Codable {
        /// The row's line in the file.
        public var line: Int
        /// Why (no such lead, a move the stage graph does not allow, another open deal).
        public var reason: String
    }

    /// Deals opened.
    public var opened = 0
    /// Open deals whose amount, deal stage or close date changed.
    public var updated = 0
    /// Deals closed won or lost.
    public var closed = 0
    /// Of the deals opened, those opened on an account (rows with an account and no lead).
    public var accountDeals = 0
    /// Accounts the journal did not know before, made for account-level deals.
    public var accountsCreated = 0
    /// Rows already in the journal as they are (importing the same file again changes nothing).
    public var unchanged = 0
    /// Rows not imported.
    public var skipped: [Skipped] = []

    public init() {}
}

extension AlignmentEngine {
    /// Loads a CRM's deal history: opens, updates and closes deals on the leads and accounts the
    /// rows name.
    ///
    /// Each row finds its lead by lead id (following merges to the survivor) or by email through
    /// identity resolution. A deal the lead does not have yet is opened at the row's opening date
    /// (without one, at the lead's creation, or at the close when that came first) and, when the
    /// row says won or lost, closed at its close date. A row with an account and no lead id or
    /// email is an account-level deal: it goes on the account's deal stream
    /// (``LeadModel/LeadID/stream(account:)``), the account found by ``resolveAccount(_:)`` or
    /// made by it; such a deal moves no lead, opens at its opening date (else at its close, else
    /// at the import) and counts in every deal KPI. A deal already recorded, on the lead or the
    /// account, is updated or closed as the row says; a row that matches the journal is left
    /// alone, so importing a file twice records it once.
    ///
    /// The rows are history, not live decisions: the lead moves along the stage graph to the
    /// opportunity stage and on to won or lost at the deal's own dates, without the playbook's
    /// live handoff gates. Each move names the file it came from and, when a gate's fields were
    /// missing, which ones (`accord lead explain` shows them).
    ///
    /// Every row is planned before anything is written, and the whole file is appended at once:
    /// an import stores all of its rows or none. Rows that cannot be applied (no such lead, a
    /// move the stage graph does not allow, another open deal) are skipped and reported with
    /// their line; with `allowingSkips: false`, a file with any such row stores nothing, and
    /// with `dryRun` nothing is written and the summary says what the import would do. Either
    /// way the summary is the same as the real import's.
    ///
    /// ```swift
    /// let summary = try await engine.importOpportunities(
    ///     rows, by: .integration("import:deals.csv"), from: "deals.csv", allowingSkips: false)
    /// if !summary.skipped.isEmpty { print("nothing stored:", summary.skipped[0].reason) }
    /// ```
    ///
    /// - Parameters:
    ///   - rows: validated rows, from ``OpportunityImportReader/rows()``.
    ///   - actor: who imports (`.integration("import:deals.csv")`).
    ///   - source: the file's name, quoted in the reasons (`imported from deals.csv`).
    ///   - dryRun: plan every row and report, writing nothing.
    ///   - allowingSkips: store the rows that can be applied when others cannot (the default);
    ///     `false` stores nothing when any row would be skipped.
    /// - Returns: what was (or would be) opened, updated, closed, left alone and skipped. Rows
    ///   were stored when the import was not a dry run and either nothing was skipped or skips
    ///   were allowed.
    /// - Throws: ``LeadModel/EventStoreError`` when the journal cannot be read or written.
    @discardableResult
    public func importOpportunities(
        _ rows: [OpportunityRow], by actor: EventActor, from source: String? = nil, dryRun: Bool = false,
        allowingSkips: Bool = true
    ) async throws -> OpportunityImportSummary {
        let history = source.map { "imported from \($0)" } ?? "imported deal history"
        var summary = OpportunityImportSummary()
        try await commit {
            var planner = makePlanner()
            planner.reserve(leads: rows.count)
            planner.foldsRouting = false
            var accounts = AccountOverlay()
            var moves = HistoryMoves(stages: StageCommands(projections: projections, policies: policies))
            summary = planHistory(
                rows[...], by: actor, history: history, in: &planner, accounts: &accounts, moves: &moves)
            guard !dryRun, summary.skipped.isEmpty || allowingSkips else { return [] }
            return planner.requests
        }
        return summary
    }

    private func planHistory(
        _ rows: ArraySlice<OpportunityRow>, by actor: EventActor, history: String, in planner: inout Planner,
        accounts: inout AccountOverlay, moves: inout HistoryMoves
    ) -> OpportunityImportSummary {
        var summary = OpportunityImportSummary()
        for row in rows {
            do {
                if row.leadID == nil, row.email == nil, let account = row.account {
                    try planAccountDeal(
                        row, account: account, by: actor, history: history, in: &planner, accounts: &accounts,
                        summary: &summary)
                    continue
                }
                try planHistory(row, by: actor, history: history, in: &planner, moves: &moves, summary: &summary)
            } catch let error as LeadModelError {
                summary.skipped.append(.init(line: row.line, reason: error.description))
            } catch let error as OpportunityError {
                summary.skipped.append(.init(line: row.line, reason: error.description))
            } catch {
                summary.skipped.append(.init(line: row.line, reason: "\(error)"))
            }
        }
        return summary
    }

    /// Plans one row. Every check comes before the first planned event, so a refused row leaves
    /// nothing behind in the planner.
    private func planHistory(
        _ row: OpportunityRow, by actor: EventActor, history: String, in planner: inout Planner,
        moves: inout HistoryMoves, summary: inout OpportunityImportSummary
    ) throws {
        let found = row.leadID.map { planner.survivor(of: $0) } ?? lookUp(Lead(id: "", email: row.email))
        guard let lead = found, let state = planner.state(lead), !state.isErased else {
            let how = row.leadID.map { "lead id \($0)" } ?? "this email"
            summary.skipped.append(.init(line: row.line, reason: "no lead with \(how) in the journal"))
            return
        }
        let deal = row.opportunity
        let outcome = row.status.outcome
        if let current = state.opportunity, current.opportunity.id == deal.id {
            guard current.isOpen else {
                summary.unchanged += 1
                return
            }
            guard let outcome else {
                guard let update = try Self.historyUpdate(of: current.opportunity, to: deal, on: lead) else {
                    summary.unchanged += 1
                    return
                }
                planner.add(lead, .opportunityUpdated(update), by: actor)
                summary.updated += 1
                return
            }
            var closed = deal
            if closed.amount == nil { closed.amount = current.opportunity.amount }
            if let amount = closed.amount {
                try OpportunityCommands.validate(amount: amount, lead: lead, deal: deal.id)
            }
            let closing = try moves.path(of: lead, from: state.stage, to: outcome.stage)
            planClosing(
                closed, outcome, row, lead: lead, moves: closing, by: actor, history: history, planning: moves,
                in: &planner)
            summary.closed += 1
            return
        }
        if let current = state.opportunity, current.isOpen {
            throw OpportunityError(
                .alreadyOpen, leadID: lead, opportunityID: current.opportunity.id,
                message: "the lead has another open deal, \(current.opportunity.id); close it first")
        }
        var opened = deal
        if opened.openedAt == nil {
            // History without an opening date opened no later than the lead was created (or
            // the deal closed), never at import time: that would give negative sales cycles.
            opened.openedAt = row.closedAt.map { min(state.createdAt, $0) } ?? state.createdAt
        }
        if opened.owner == nil { opened.owner = state.owner }
        try OpportunityCommands.validate(opened, lead: lead)
        let opening = try moves.path(of: lead, from: state.stage, to: .opportunity)
        let closing = try outcome.map { try moves.path(of: lead, from: .opportunity, to: $0.stage) }
        let at = opened.openedAt!
        moves.plan(opening, of: lead, at: at, target: .opportunity, by: actor, history: history, in: &planner)
        planner.add(
            lead, .opportunityOpened(opened), by: actor, reasons: [Reason(rule: "history", detail: history)], at: at)
        summary.opened += 1
        if let outcome, let closing {
            planClosing(
                opened, outcome, row, lead: lead, moves: closing, by: actor, history: history, planning: moves,
                in: &planner)
            summary.closed += 1
        }
    }

    /// What an open deal's history row changes (amount, deal stage, expected close date), with a
    /// changed amount checked; `nil` when the row matches the deal.
    static func historyUpdate(of current: Opportunity, to deal: Opportunity, on stream: LeadID) throws
        -> OpportunityUpdate?
    {
        let update = OpportunityUpdate(
            id: deal.id, amount: deal.amount == current.amount ? nil : deal.amount,
            dealStage: deal.dealStage == current.dealStage ? nil : deal.dealStage,
            expectedCloseDate: deal.expectedCloseDate == current.expectedCloseDate ? nil : deal.expectedCloseDate)
        guard !update.isEmpty else { return nil }
        if let amount = update.amount { try OpportunityCommands.validate(amount: amount, lead: stream, deal: deal.id) }
        return update
    }

    private func planClosing(
        _ deal: Opportunity, _ outcome: OpportunityOutcome, _ row: OpportunityRow, lead: LeadID, moves: [Stage],
        by actor: EventActor, history: String, planning: HistoryMoves, in planner: inout Planner
    ) {
        let closedAt = row.closedAt ?? planner.now
        planning.plan(moves, of: lead, at: closedAt, target: outcome.stage, by: actor, history: history, in: &planner)
        let closing = OpportunityClosing(
            id: deal.id, outcome: outcome, amount: deal.amount, closedAt: closedAt, reason: row.reason)
        planner.add(
            lead, .opportunityClosed(closing), by: actor, reasons: [Reason(rule: "history", detail: history)],
            at: closedAt)
    }
}

extension OpportunityOutcome {
    /// The stage a deal with this outcome puts its lead in.
    var stage: Stage { self == .won ? .won : .lost }
}
