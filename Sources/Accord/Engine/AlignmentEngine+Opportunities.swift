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
        try await commitPlan { planner in
            try OpportunityCommands(projections: projections, policies: policies).openOpportunity(
                deal, on: id, by: actor, advancing: advancing, in: &planner)
        }
        return try projections.state(of: id)
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
        try await commitPlan { planner in
            try OpportunityCommands(projections: projections, policies: policies).updateOpportunity(
                update, on: id, by: actor, in: &planner)
        }
        return try projections.state(of: id)
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
        try await commitPlan { planner in
            try OpportunityCommands(projections: projections, policies: policies).closeOpportunity(
                deal, on: id, as: outcome, amount: amount, closedAt: closedAt, reason: reason, by: actor,
                in: &planner)
        }
        return try projections.state(of: id)
    }
}
