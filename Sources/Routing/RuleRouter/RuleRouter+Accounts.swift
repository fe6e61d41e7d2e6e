import Foundation
import LeadModel

extension RuleRouter {
    /// What account ownership decided.
    enum AccountRouting {
        case decided(RoutingDecision)
        /// No owner to route to: go on with the rules.
        case byRules
        /// The owner is away past the first-touch deadline and has no eligible backup: the rules
        /// route the lead, flagged.
        case byRulesOwnerAway
    }

    /// The decision by account ownership, or what to do instead.
    func routeByAccount(_ input: RoutingInput, trail: inout RoutingTrail) -> AccountRouting {
        guard let account = input.state.lead.accountID else { return .byRules }
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
                return .decided(
                    RoutingDecision(
                        owner: .queue(rules.unassignedQueue), router: name, trail: trail,
                        flags: [.activeOpportunity, .unassigned]))
            }
            trail.append(
                Reason(
                    rule: "account-opportunity",
                    detail:
                        "account \(account) has an active opportunity (lead \(opportunity.lead)) owned by "
                        + "\(rep.id); flagged, never a second rep"))
            note(rep, input: input, trail: &trail)
            return .decided(
                RoutingDecision(owner: .rep(rep.id), router: name, trail: trail, flags: [.activeOpportunity]))
        }
        guard let owner = ledger.accountOwner(of: account) else {
            trail.append(Reason(rule: "account-owner", detail: "account \(account) has no owner yet"))
            return .byRules
        }
        if input.context.excludedReps.contains(owner) {
            trail.append(
                Reason(
                    rule: "account-owner",
                    detail:
                        "account \(account) is owned by \(owner), who is excluded from this routing; routing by rules"))
            return .byRules
        }
        guard let rep = tables.repIndex[owner].map({ tables.reps[$0] }) else {
            trail.append(
                Reason(
                    rule: "account-owner",
                    detail: "account \(account) is owned by \(owner), who is not among the reps; routing by rules"))
            return .byRules
        }
        if rules.ownerAway.choice(forTier: input.context.firstTouch?.tier) == .protectSLA,
            let instead = protectSLA(account: account, owner: rep, input: input, trail: &trail)
        {
            return instead
        }
        trail.append(Reason(rule: "account-owner", detail: "account \(account) is owned by \(rep.id)"))
        note(rep, input: input, trail: &trail)
        return .decided(RoutingDecision(owner: .rep(rep.id), router: name, trail: trail, flags: [.accountOwner]))
    }

    /// Passes over an owner who is away (out of office or outside hours) and back only after the
    /// first-touch deadline: to their backup if eligible, else to the rules. `nil` keeps the
    /// owner: they are available, back in time, or there is no deadline to protect.
    private func protectSLA(
        account: AccountID, owner: CompiledRep, input: RoutingInput, trail: inout RoutingTrail
    ) -> AccountRouting? {
        var clock = DecisionClock(calendars: tables.calendarCount, now: input.now)
        let check = owner.check(ledger: input.context.ledger, number: nil, clock: &clock)
        switch check {
        case .outOfOffice, .outsideHours: break
        default: return nil
        }
        let why = owner.why(check, at: input.now) ?? "away"
        guard let target = input.context.firstTouch else {
            trail.append(
                Reason(
                    rule: "owner-away",
                    detail: "\(owner.id) is \(why), but the lead has no first-touch deadline to protect"))
            return nil
        }
        let back = owner.availableFrom(input.now)
        let backText = back.map { "back at \($0.formatted(.iso8601))" } ?? "not back within a year"
        let due = target.deadline.formatted(.iso8601)
        if let back, back <= target.deadline {
            trail.append(
                Reason(
                    rule: "owner-away",
                    detail: "\(owner.id) is \(why), \(backText), before the first touch is due at \(due)"))
            return nil
        }
        trail.append(
            Reason(
                rule: "owner-away",
                detail:
                    "account \(account) is owned by \(owner.id), who is \(why), \(backText), after the first touch "
                    + "is due at \(due) (tier \(target.tier)); protecting the SLA"))
        if let backupID = owner.backup {
            if let index = tables.repIndex[backupID] {
                let backup = tables.reps[index]
                let backupCheck = backup.check(
                    ledger: input.context.ledger, number: nil, clock: &clock, excluded: input.context.excludedReps)
                if backupCheck == .eligible {
                    trail.append(Reason(rule: "backup", detail: "\(backup.id) covers for \(owner.id)"))
                    return .decided(
                        RoutingDecision(owner: .rep(backup.id), router: name, trail: trail, flags: [.ownerAway]))
                }
                trail.append(
                    Reason(
                        rule: "skip:\(backup.id)",
                        detail: "backup for \(owner.id): " + (backup.why(backupCheck, at: input.now) ?? "not eligible"))
                )
            }
        } else {
            trail.append(Reason(rule: "backup", detail: "\(owner.id) has no backup"))
        }
        trail.append(Reason(rule: "owner-away", detail: "routing by rules"))
        return .byRulesOwnerAway
    }

    /// Notes in the trail that an owner who gets the lead anyway is away, off hours or over a cap.
    private func note(_ rep: CompiledRep, input: RoutingInput, trail: inout RoutingTrail) {
        var clock = DecisionClock(calendars: tables.calendarCount, now: input.now)
        let check = rep.check(ledger: input.context.ledger, number: nil, clock: &clock)
        guard let why = rep.why(check, at: input.now) else { return }
        trail.append(Reason(rule: "note:\(rep.id)", detail: "\(why); assigned anyway as the account's owner"))
    }
}
