import Foundation
public import LeadModel

extension AlignmentEngine {
    /// Opens a deal on a lead and moves the lead to the opportunity stage.
    ///
    /// The move is checked against the playbook's stage graph and handoff gates. By default the
    /// graph must allow the move from the lead's current stage (`sql → opportunity` in the
    /// standard graph); with `advancing`, the lead is moved along the shortest allowed path
    /// (`mql → sql → opportunity`), each step gated and recorded, which is what an import of
    /// CRM history needs. Stages passed on the way do not route the lead or start clocks.
    ///
    /// ```swift
    /// try await engine.openOpportunity(
    ///     Opportunity(id: "opp-42", amount: 24_000, currency: "USD", product: "payroll"),
    ///     on: lead, by: .person("maria"))
    /// ```
    ///
    /// - Parameters:
    ///   - deal: the deal; its owner defaults to the lead's owner.
    ///   - id: the lead.
    ///   - actor: who opened it.
    ///   - advancing: whether to walk the stage graph to the opportunity stage.
    /// - Returns: the lead's state after the move.
    /// - Throws: ``OpportunityError`` `alreadyOpen` or `invalidValue` (naming the field);
    ///   ``LeadModel/LeadModelError`` `transitionNotAllowed`, `unknownStage`, `handoffGateFailed`,
    ///   `unknownLead`, `leadMerged`, `leadErased`; ``LeadModel/EventStoreError`` on write failure.
    @discardableResult
    public func openOpportunity(
        _ deal: Opportunity, on id: LeadID, by actor: EventActor, advancing: Bool = false
    ) async throws -> LeadState {
        try await commit {
            var planner = makePlanner()
            let state = try projections.liveState(of: id)
            try Self.validate(deal, lead: id)
            if let current = state.opportunity, current.isOpen {
                throw OpportunityError(
                    .alreadyOpen, leadID: id, opportunityID: current.opportunity.id,
                    message: "the lead already has an open opportunity; update or close it before opening another")
            }
            try moveForDeal(id, from: state.stage, to: .opportunity, advancing: advancing, in: &planner, by: actor)
            var opened = deal
            if opened.owner == nil { opened.owner = state.owner }
            planner.add(id, .opportunityOpened(opened), by: actor)
            return planner.requests
        }
        return projections.leads[id]!
    }

    /// Changes an open deal's amount, deal stage or expected close date.
    ///
    /// - Parameters:
    ///   - update: the changes; fields left `nil` stay as they are.
    ///   - id: the lead.
    ///   - actor: who changed it.
    /// - Returns: the lead's state after the change.
    /// - Throws: ``OpportunityError`` `noOpenOpportunity`, `unknownOpportunity` or
    ///   `invalidValue`; ``LeadModel/LeadModelError`` `unknownLead`, `leadMerged`, `leadErased`;
    ///   ``LeadModel/EventStoreError`` on write failure.
    @discardableResult
    public func updateOpportunity(_ update: OpportunityUpdate, on id: LeadID, by actor: EventActor)
        async throws -> LeadState
    {
        try await commit {
            var planner = makePlanner()
            let state = try projections.liveState(of: id)
            try Self.openDeal(update.id, of: state)
            guard !update.isEmpty else {
                throw OpportunityError(
                    .invalidValue, leadID: id, opportunityID: update.id,
                    message: "the update changes nothing; give an amount, a deal stage or a close date")
            }
            if let amount = update.amount { try Self.validate(amount: amount, lead: id, deal: update.id) }
            planner.add(id, .opportunityUpdated(update), by: actor)
            return planner.requests
        }
        return projections.leads[id]!
    }

    /// Closes a lead's open deal as won or lost and moves the lead to the won or lost stage.
    ///
    /// ```swift
    /// try await engine.closeOpportunity("opp-42", on: lead, as: .won, amount: 26_000,
    ///                                   by: .person("maria"))
    /// ```
    ///
    /// - Parameters:
    ///   - deal: the open deal's id.
    ///   - id: the lead.
    ///   - outcome: won or lost.
    ///   - amount: the final value; the deal's current amount (which may be unknown) when `nil`.
    ///   - closedAt: when it closed; the engine clock's now when `nil`.
    ///   - reason: why it was won or lost, a short code (`"price"`).
    ///   - actor: who closed it.
    /// - Returns: the lead's state after the move.
    /// - Throws: ``OpportunityError`` `noOpenOpportunity`, `unknownOpportunity` or
    ///   `invalidValue`; ``LeadModel/LeadModelError`` `transitionNotAllowed` or `unknownStage` when the
    ///   stage graph has no such move, `unknownLead`, `leadMerged`, `leadErased`;
    ///   ``LeadModel/EventStoreError`` on write failure.
    @discardableResult
    public func closeOpportunity(
        _ deal: OpportunityID, on id: LeadID, as outcome: OpportunityOutcome, amount: Double? = nil,
        closedAt: Date? = nil, reason: String? = nil, by actor: EventActor
    ) async throws -> LeadState {
        try await commit {
            var planner = makePlanner()
            let state = try projections.liveState(of: id)
            let open = try Self.openDeal(deal, of: state)
            let value = amount ?? open.opportunity.amount
            if let value { try Self.validate(amount: value, lead: id, deal: deal) }
            let stage = outcome.stage
            try moveForDeal(id, from: state.stage, to: stage, advancing: false, in: &planner, by: actor)
            let closing = OpportunityClosing(
                id: deal, outcome: outcome, amount: value, closedAt: closedAt ?? planner.now, reason: reason)
            planner.add(id, .opportunityClosed(closing), by: actor)
            return planner.requests
        }
        return projections.leads[id]!
    }

    /// Plans the stage changes a deal implies, checked against the graph and the gates.
    private func moveForDeal(
        _ id: LeadID, from current: Stage, to target: Stage, advancing: Bool, in planner: inout Planner,
        by actor: EventActor
    ) throws {
        let graph = playbook.stages.graph
        if current == target { return }
        let steps: [Stage]
        if advancing, graph.contains(target), let path = graph.path(from: current, to: target) {
            steps = path
        } else {
            try graph.checkMove(of: id, from: current, to: target)
            steps = [target]
        }
        var from = current
        for step in steps {
            if let lead = planner.state(id)?.lead { try playbook.stages.gates.check(lead, entering: step) }
            planner.add(
                id, .stageChanged(StageChange(from: from, to: step)), by: actor,
                reasons: [Reason(rule: "opportunity", detail: "the deal puts the lead in '\(target)'")],
                decision: true)
            from = step
        }
    }

    /// The lead's open deal with this id.
    @discardableResult
    private static func openDeal(_ deal: OpportunityID, of state: LeadState) throws(OpportunityError)
        -> OpportunityState
    {
        guard let current = state.opportunity, current.isOpen else {
            throw OpportunityError(
                .noOpenOpportunity, leadID: state.id, opportunityID: deal,
                message: "the lead has no open opportunity; open one first")
        }
        guard current.opportunity.id == deal else {
            throw OpportunityError(
                .unknownOpportunity, leadID: state.id, opportunityID: deal,
                message: "not the lead's open opportunity, which is \(current.opportunity.id)")
        }
        return current
    }

    static func validate(_ deal: Opportunity, lead: LeadID) throws(OpportunityError) {
        guard !deal.id.rawValue.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw OpportunityError(
                .invalidValue, leadID: lead, field: "id", message: "expected a non-empty opportunity id")
        }
        if let amount = deal.amount { try validate(amount: amount, lead: lead, deal: deal.id) }
        let currency = deal.currency.utf8
        guard currency.count == 3, currency.allSatisfy({ (65...90).contains($0) }) else {
            throw OpportunityError(
                .invalidValue, leadID: lead, opportunityID: deal.id, field: "currency",
                message: "expected a three-letter ISO 4217 code in capitals, such as USD or EUR")
        }
    }

    static func validate(amount: Double, lead: LeadID, deal: OpportunityID) throws(OpportunityError) {
        guard amount.isFinite, amount >= 0 else {
            throw OpportunityError(
                .invalidValue, leadID: lead, opportunityID: deal, field: "amount",
                message: "expected a finite amount of 0 or more")
        }
    }
}
