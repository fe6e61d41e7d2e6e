import Foundation
import LeadModel

/// A reviewer's decisions on a lead's account: accepting a candidate (an always-match) or
/// rejecting one (a never-match), each recorded as an `account-match-decided` event.
///
/// Pure: reads the projections and the policies, plans events in a ``Planner``, or throws.
struct AccountReviewCommands {
    let projections: EngineProjections
    let policies: EnginePolicies

    /// Plans a reviewer's acceptance of `account` for the lead (see
    /// ``AlignmentEngine/acceptAccount(_:for:by:note:)``).
    func accept(
        _ account: AccountID, for id: LeadID, by actor: EventActor, note: String?, in planner: inout Planner
    ) throws(LeadModelError) {
        let state = try projections.liveState(of: id)
        let candidate = candidate(account, of: state)
        guard candidate != nil || projections.accounts[account] != nil else {
            throw LeadModelError(
                .unknownAccount, leadID: id,
                message: "no account '\(account)' is known" + Self.listing(state.accountReview))
        }
        let summary = "\(Self.who(actor)) accepted account \(account)" + (note.map { ": \($0)" } ?? "")
        planner.add(
            id,
            .accountMatchDecided(
                AccountMatchDecision(
                    verdict: .accepted, account: account, assigned: account, candidates: candidate.map { [$0] } ?? [],
                    summary: summary)),
            by: actor, decision: true)
    }

    /// Plans a reviewer's rejection of `account` for the lead: the lead's own account, or a
    /// candidate its review lists (see ``AlignmentEngine/rejectAccount(_:for:by:note:)``).
    func reject(
        _ account: AccountID, for id: LeadID, by actor: EventActor, note: String?, in planner: inout Planner
    ) throws(LeadModelError) {
        let state = try projections.liveState(of: id)
        let listed = state.accountReview?.candidates.contains { $0.account == account } ?? false
        guard state.lead.accountID == account || listed else {
            throw LeadModelError(
                .unknownAccount, leadID: id,
                message: "account '\(account)' is neither the lead's account ("
                    + (state.lead.accountID?.rawValue ?? "none") + ") nor a candidate of its review"
                    + Self.listing(state.accountReview))
        }
        var assigned = state.lead.accountID
        if assigned == account {
            // Back to the work-email domain's account, unless that is the one rejected.
            assigned = policies.identity.account(for: state.lead).flatMap {
                $0 == account || state.accountVerdicts[$0] == .rejected ? nil : $0
            }
        }
        let summary = "\(Self.who(actor)) rejected account \(account)" + (note.map { ": \($0)" } ?? "")
        planner.add(
            id,
            .accountMatchDecided(
                AccountMatchDecision(
                    verdict: .rejected, account: account, assigned: assigned,
                    candidates: candidate(account, of: state).map { [$0] } ?? [], summary: summary)),
            by: actor, decision: true)
        planner.rematchAccount(of: id, unsure: true)
    }

    /// The account as a candidate for the lead: as its review listed it, or as the matcher
    /// scores it now.
    private func candidate(_ account: AccountID, of state: LeadState) -> AccountCandidate? {
        if let listed = state.accountReview?.candidates.first(where: { $0.account == account }) { return listed }
        guard let matching = projections.accountMatching else { return nil }
        let input = AccountMatchInput(lead: state.lead, keys: [AccountMatchingContext.key(of: state.id)])
        return matching.matcher.candidate(input, for: account)
    }

    private static func who(_ actor: EventActor) -> String {
        switch actor {
        case .person(let name): return name
        case .integration(let name): return name
        case .system: return "the system"
        }
    }

    private static func listing(_ review: AccountMatchDecision?) -> String {
        guard let review, !review.candidates.isEmpty else { return "" }
        return "; the review lists " + review.candidates.map(\.account.rawValue).joined(separator: ", ")
    }
}
