import Foundation
public import LeadModel

extension AlignmentEngine {
    /// Accepts `account` for a lead: the lead moves to it, its review (if any) closes, and the
    /// acceptance is remembered as an always-match for the lead.
    ///
    /// ```swift
    /// try await engine.acceptAccount("acme", for: "L0000042", by: .person("mia"))
    /// ```
    ///
    /// - Parameters:
    ///   - account: The account: a candidate of the lead's review, or any account the journal knows.
    ///   - id: The lead.
    ///   - actor: The reviewer.
    ///   - note: Why, stored with the decision.
    /// - Returns: The lead's state after the decision.
    /// - Throws: ``LeadModel/LeadModelError`` `unknownLead`, `leadMerged`, `leadErased`, or
    ///   `unknownAccount` when the account is neither a candidate nor known;
    ///   ``LeadModel/EventStoreError`` when the journal cannot be written.
    @discardableResult
    public func acceptAccount(_ account: AccountID, for id: LeadID, by actor: EventActor, note: String? = nil)
        async throws -> LeadState
    {
        try await commitPlan { planner in
            try AccountReviewCommands(projections: projections, policies: policies).accept(
                account, for: id, by: actor, note: note, in: &planner)
        }
        return try projections.state(of: id)
    }

    /// Rejects `account` for a lead, remembered as a never-match: a candidate leaves its review
    /// (the review closes with its last candidate); the lead's own account gives way to its
    /// work-email domain's account, or to none, and the lead is matched again without it.
    ///
    /// ```swift
    /// try await engine.rejectAccount("acme", for: "L0000042", by: .person("mia"), note: "a namesake in Ohio")
    /// ```
    ///
    /// - Parameters:
    ///   - account: The lead's account or a candidate of its review.
    ///   - id: The lead.
    ///   - actor: The reviewer.
    ///   - note: Why, stored with the decision.
    /// - Returns: The lead's state after the decision.
    /// - Throws: ``LeadModel/LeadModelError`` `unknownLead`, `leadMerged`, `leadErased`, or
    ///   `unknownAccount` when the account is neither the lead's nor listed by its review;
    ///   ``LeadModel/EventStoreError`` when the journal cannot be written.
    @discardableResult
    public func rejectAccount(_ account: AccountID, for id: LeadID, by actor: EventActor, note: String? = nil)
        async throws -> LeadState
    {
        try await commitPlan { planner in
            try AccountReviewCommands(projections: projections, policies: policies).reject(
                account, for: id, by: actor, note: note, in: &planner)
        }
        return try projections.state(of: id)
    }

    /// The leads whose account waits for a person, oldest lead first: each with its
    /// candidates, their confidence and evidence (``LeadModel/LeadState/accountReview``).
    ///
    /// - Returns: The open reviews.
    public func accountReviews() -> [LeadState] {
        projections.leads.values.filter { $0.accountReview != nil && $0.mergedInto == nil && !$0.isErased }
            .sorted { $0.createdAt == $1.createdAt ? $0.id < $1.id : $0.createdAt < $1.createdAt }
    }
}
