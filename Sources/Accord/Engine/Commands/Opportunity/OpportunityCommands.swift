import Foundation
import LeadModel

/// Deals on leads: opening one (moving the lead to the opportunity stage), updating it and
/// closing it won or lost, each checked against the stage graph and the handoff gates.
///
/// Pure: reads the projections and the policies, plans events in a ``Planner`` (whose `now` it
/// uses), or throws.
struct OpportunityCommands {
    let projections: EngineProjections
    let policies: EnginePolicies

    /// Plans the opening of a deal (see ``AlignmentEngine/openOpportunity(_:on:by:advancing:)``).
    ///
    /// - Throws: ``OpportunityError`` `alreadyOpen` or `invalidValue`; ``LeadModel/LeadModelError``
    ///   `transitionNotAllowed`, `unknownStage`, `handoffGateFailed`, `unknownLead`, `leadMerged`,
    ///   `leadErased`.
    func openOpportunity(
        _ deal: Opportunity, on id: LeadID, by actor: EventActor, advancing: Bool, in planner: inout Planner
    ) throws {
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
    }

    /// Plans a change of an open deal (see ``AlignmentEngine/updateOpportunity(_:on:by:)``).
    ///
    /// - Throws: ``OpportunityError`` `noOpenOpportunity`, `unknownOpportunity` or `invalidValue`;
    ///   ``LeadModel/LeadModelError`` `unknownLead`, `leadMerged`, `leadErased`.
    func updateOpportunity(_ update: OpportunityUpdate, on id: LeadID, by actor: EventActor, in planner: inout Planner)
        throws
    {
        let state = try projections.liveState(of: id)
        try Self.openDeal(update.id, of: state)
        guard !update.isEmpty else {
            throw OpportunityError(
                .invalidValue, leadID: id, opportunityID: update.id,
                message: "the update changes nothing; give an amount, a deal stage or a close date")
        }
        if let amount = update.amount { try Self.validate(amount: amount, lead: id, deal: update.id) }
        planner.add(id, .opportunityUpdated(update), by: actor)
    }

    /// Plans the closing of a lead's open deal (see
    /// ``AlignmentEngine/closeOpportunity(_:on:as:amount:closedAt:reason:by:)``).
    ///
    /// - Throws: ``OpportunityError`` `noOpenOpportunity`, `unknownOpportunity` or `invalidValue`;
    ///   ``LeadModel/LeadModelError`` `transitionNotAllowed`, `unknownStage`, `unknownLead`,
    ///   `leadMerged`, `leadErased`.
    func closeOpportunity(
        _ deal: OpportunityID, on id: LeadID, as outcome: OpportunityOutcome, amount: Double?, closedAt: Date?,
        reason: String?, by actor: EventActor, in planner: inout Planner
    ) throws {
        let state = try projections.liveState(of: id)
        let open = try Self.openDeal(deal, of: state)
        let value = amount ?? open.opportunity.amount
        if let value { try Self.validate(amount: value, lead: id, deal: deal) }
        let stage = outcome.stage
        try moveForDeal(id, from: state.stage, to: stage, advancing: false, in: &planner, by: actor)
        let closing = OpportunityClosing(
            id: deal, outcome: outcome, amount: value, closedAt: closedAt ?? planner.now, reason: reason)
        planner.add(id, .opportunityClosed(closing), by: actor)
    }

    /// Plans the stage changes a deal implies, checked against the graph and the gates.
    private func moveForDeal(
        _ id: LeadID, from current: Stage, to target: Stage, advancing: Bool, in planner: inout Planner,
        by actor: EventActor
    ) throws {
        let graph = policies.playbook.stages.graph
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
            if let lead = planner.state(id)?.lead { try policies.playbook.stages.gates.check(lead, entering: step) }
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
