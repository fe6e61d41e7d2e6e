import Foundation
import LeadModel
import Routing

/// What planning needs to match a lead to an account: the engine's matcher and the accounts'
/// standing now (contacts, an open opportunity, age) for the playbook's tie-break.
///
/// The accounts are the projections' as the unit of work began: an account a row of the same
/// import creates is a candidate from the next command on.
struct AccountMatchingContext: Sendable {
    let matching: EngineAccountMatching
    let contacts: [AccountID: Set<LeadID>]
    let ledger: RoutingLedger

    init?(_ projections: EngineProjections) {
        guard let matching = projections.accountMatching else { return nil }
        self.matching = matching
        self.contacts = projections.contactsByAccount
        self.ledger = projections.routingLedger
    }

    /// The account's contacts, open opportunity and age now.
    func standing(of account: AccountID) -> AccountStanding {
        AccountStanding(
            contactCount: contacts[account]?.count ?? 0,
            hasOpenOpportunity: ledger.activeOpportunity(on: account) != nil,
            createdAt: matching.createdAt(of: account))
    }

    /// The key reviewers' decisions on one lead are filed under (see ``AccountMatchOverrides``).
    static func key(of lead: LeadID) -> IdentityKey { IdentityKey(kind: "lead", value: lead.rawValue) }

    /// Matches a lead to an account, heeding the reviewers' earlier decisions on it.
    ///
    /// - Parameters:
    ///   - lead: The lead as it will be stored; its ``Lead/id`` files the decisions.
    ///   - verdicts: Reviewers' decisions on the lead (``LeadState/accountVerdicts``).
    ///   - fallback: The account the identity resolver gives it (its work-email domain's), used
    ///     when the matcher finds none or is unsure, unless a reviewer rejected it.
    ///   - unsure: Whether a match should go to review all the same: right after a reviewer
    ///     rejected the lead's account, a rival matched on the same evidence is for them to
    ///     judge too.
    /// - Returns: The decision, or `nil` when nothing matched or was plausible: the lead keeps
    ///   the fallback.
    func decide(
        for lead: Lead, verdicts: [AccountID: AccountMatchDecision.Verdict], fallback: AccountID?,
        unsure: Bool = false
    ) -> AccountMatchDecision? {
        let key = Self.key(of: lead.id)
        var overrides = AccountMatchOverrides()
        for (account, verdict) in verdicts {
            let pair = AccountMatchOverrides.Pair(key: key, account: account)
            if verdict == .accepted { overrides.alwaysMatch.insert(pair) } else { overrides.neverMatch.insert(pair) }
        }
        let input = AccountMatchInput(lead: lead, keys: [key])
        let match = matching.matcher.match(input, overrides: overrides, standing: standing(of:))
        let kept = fallback.flatMap { verdicts[$0] == .rejected ? nil : $0 }
        switch match.outcome {
        case .matched where !unsure:
            guard let account = match.account else { return nil }
            return AccountMatchDecision(
                verdict: .matched, account: account, assigned: account, candidates: Array(match.candidates.prefix(1)),
                summary: match.summary)
        case .matched, .needsReview:
            let open = match.candidates.filter { $0.confidence > 0 && verdicts[$0.account] != .rejected }
            let summary =
                match.outcome == .matched
                ? "a reviewer rejected this lead's account, so a person decides: " + match.summary : match.summary
            return AccountMatchDecision(
                verdict: .review, account: nil, assigned: kept, candidates: open, summary: summary)
        case .noMatch:
            return nil
        }
    }
}
