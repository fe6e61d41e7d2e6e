import Foundation
public import LeadModel
import Routing
import SLA

extension AlignmentEngine {
    /// Routes a lead again through the router, never back to its current owner: a manager's
    /// "give this to someone else".
    ///
    /// The new `assigned` event carries the reason and the router's full trail (the current owner
    /// is skipped as `excluded`); the lead's response clocks restart or keep their deadlines as
    /// their tiers say.
    ///
    /// ```swift
    /// try await engine.reroute("L0000042", by: .person("mia"), reason: "ana is on a customer visit")
    /// ```
    ///
    /// - Parameters:
    ///   - id: the lead.
    ///   - actor: who asked.
    ///   - reason: why, stored with the assignment.
    /// - Returns: the lead's state after the move.
    /// - Throws: ``LeadModel/LeadModelError`` `unknownLead`, `leadMerged`, `leadErased`;
    ///   ``LeadModel/EventStoreError`` when the journal cannot be written.
    @discardableResult
    public func reroute(_ id: LeadID, by actor: EventActor, reason: String) async throws -> LeadState {
        try await commitPlan { planner in
            try AssignmentCommands(projections: projections, policies: policies).reroute(
                id, by: actor, reason: reason, in: &planner)
        }
        return try projections.state(of: id)
    }

    /// A rep leaves (or goes on long leave): every open lead they own is routed again without
    /// them, each as an `assigned` event with the reason and the routing trail. Loads follow:
    /// the leads count against their new owners from then on.
    ///
    /// Remove the rep from the playbook's reps (or mark them out of office) as well, so new
    /// handoffs skip them too.
    ///
    /// - Parameters:
    ///   - rep: the rep's id.
    ///   - actor: who recorded the departure.
    ///   - reason: why, stored with every reassignment (`"left the company"`).
    /// - Returns: each moved lead with its new owner, in lead order.
    /// - Throws: ``LeadModel/EventStoreError`` when the journal cannot be written.
    @discardableResult
    public func repLeft(_ rep: String, by actor: EventActor, reason: String) async throws -> [(LeadID, Owner)] {
        var moved: [LeadID] = []
        try await commitPlan { planner in
            moved = AssignmentCommands(projections: projections, policies: policies).repLeft(
                rep, by: actor, reason: reason, in: &planner)
        }
        return moved.compactMap { id in projections.leads[id]?.owner.map { (id, $0) } }
    }
}
