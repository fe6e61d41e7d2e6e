import Foundation
import LeadModel

extension RuleRouter {
    /// The decision by account ownership, or `nil` to go on with the rules.
    func routeByAccount(_ input: RoutingInput, trail: inout RoutingTrail) -> RoutingDecision? {
        guard let account = input.state.lead.accountID else { return nil }
        let ledger = input.context.ledger
        if let opportunity = ledger.activeOpportunity(on: account) {
            let excluded = input.context.excludedReps.contains(opportunity.owner)
            guard !excluded, let rep = tables.repIndex[opportunity.owner].map({ tables.reps[$0] }) else {
                let why = excluded ? "who is excluded from this routing" : "who is not among the reps"
                trail.append(
                    Reason(
                        rule: "account-opportunity",
                        detail:
                            "account \(account) has an active opportunity (lead \(opportunity.lead)) owned by "
                            + "\(opportunity.owner), \(why); held for a manager, never a second rep"
                    ))
                trail.append(Reason(rule: "fallback:unassigned", detail: "queue \(rules.unassignedQueue)"))
                return RoutingDecision(
                    owner: .queue(rules.unassignedQueue), router: name, trail: trail,
                    flags: [.activeOpportunity, .unassigned])
            }
            trail.append(
                Reason(
                    rule: "account-opportunity",
                    detail:
                        "account \(account) has an active opportunity (lead \(opportunity.lead)) owned by "
                        + "\(rep.id); flagged, never a second rep"))
            note(rep, input: input, trail: &trail)
            return RoutingDecision(owner: .rep(rep.id), router: name, trail: trail, flags: [.activeOpportunity])
        }
        guard let owner = ledger.accountOwner(of: account) else {
            trail.append(Reason(rule: "account-owner", detail: "account \(account) has no owner yet"))
            return nil
        }
        if input.context.excludedReps.contains(owner) {
            trail.append(
                Reason(
                    rule: "account-owner",
                    detail:
                        "account \(account) is owned by \(owner), who is excluded from this routing; routing by rules"))
            return nil
        }
        guard let rep = tables.repIndex[owner].map({ tables.reps[$0] }) else {
            trail.append(
                Reason(
                    rule: "account-owner",
                    detail: "account \(account) is owned by \(owner), who is not among the reps; routing by rules"))
            return nil
        }
        trail.append(Reason(rule: "account-owner", detail: "account \(account) is owned by \(rep.id)"))
        note(rep, input: input, trail: &trail)
        return RoutingDecision(owner: .rep(rep.id), router: name, trail: trail, flags: [.accountOwner])
    }

    /// Notes in the trail that an owner who gets the lead anyway is away, off hours or over a cap.
    private func note(_ rep: CompiledRep, input: RoutingInput, trail: inout RoutingTrail) {
        var clock = DecisionClock(calendars: tables.calendarCount, now: input.now)
        let check = rep.check(ledger: input.context.ledger, number: nil, clock: &clock)
        guard let why = rep.why(check, at: input.now) else { return }
        trail.append(Reason(rule: "note:\(rep.id)", detail: "\(why); assigned anyway as the account's owner"))
    }
}
