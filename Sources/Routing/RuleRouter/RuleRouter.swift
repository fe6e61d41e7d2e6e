import Foundation
import LeadModel

/// The reference router: executes a playbook's ``RoutingRules``.
///
/// For each handoff, in order:
/// 1. **Account**: when the lead's account has an active opportunity, the lead goes to the
///    opportunity's owner, flagged ``RoutingFlag/activeOpportunity`` — never to a second rep.
///    Otherwise, when the account has an owner, the lead goes to that owner
///    (``RoutingFlag/accountOwner``). Ownership beats availability and capacity; the trail notes
///    when the owner is away, off hours or over a cap — unless the playbook's ``OwnerAwayPolicy``
///    protects the SLA of the lead's tier and the owner is back only after the first-touch
///    deadline: then the owner's backup gets the lead if eligible, else the rules route it
///    (``RoutingFlag/ownerAway``).
/// 2. **Rules**, in order; the first whose conditions all hold gives the target, else the default.
/// 3. **Target**: a queue takes the lead. A rep or a pool offers its members who are in office,
///    within working hours in their own time zone and under both caps; a pool picks one by smooth
///    weighted round robin (``PoolRotation``).
/// 4. **Fallback**: when nobody is eligible and someone was only outside working hours, the
///    coverage queue (``RoutingFlag/coverage``); otherwise the unassigned queue
///    (``RoutingFlag/unassigned``), with the reason.
///
/// The trail has one reason per step: `account`, `rule:<name>` for every rule tried (matched or
/// not, and why), `default`, `skip:<rep>` for every candidate passed over, `pool-turn:<pool>`, and
/// `fallback:coverage` / `fallback:unassigned`. The router is a value with no state of its own:
/// loads and rotations come from ``RoutingContext/ledger``, time from ``RoutingInput/now``.
///
/// ```swift
/// let router = try RuleRouter(rules: playbook.routing)
/// let decision = router.route(RoutingInput(state: state, now: now, context: context))
/// ```
public struct RuleRouter: LeadRouter {
    /// The section this router executes.
    public let rules: RoutingRules
    /// The name recorded on assignments (`Assignment.router`); `"rules"` by default.
    public let name: String

    let tables: RouterTables
    let segments: [CompanySizeSegment]
    let segmentField: LeadField

    /// Makes a router from a routing section.
    ///
    /// - Parameters:
    ///   - rules: the section; it must have no ``RoutingRules/problems()``.
    ///   - name: the name recorded on assignments; `"rules"` by default.
    /// - Throws: ``RoutingRulesError`` listing every problem of the section.
    public init(rules: RoutingRules, name: String = "rules") throws(RoutingRulesError) {
        let problems = rules.problems()
        guard problems.isEmpty else {
            throw RoutingRulesError(problems: problems.map { .init(path: $0.path, message: $0.message) })
        }
        self.rules = rules
        self.name = name
        tables = RouterTables(rules: rules)
        segments = rules.segments
        segmentField = LeadField(rawValue: rules.segmentField)
    }

    /// Routes a lead; a rule router always has an opinion, so the result is never `nil`.
    ///
    /// - Parameter input: the lead, the instant and the ledger.
    /// - Returns: the owner, this router's name, the trail and flags.
    public func route(_ input: RoutingInput) -> RoutingDecision? {
        var trail = RoutingTrail(tables: tables, now: input.now, capacity: rules.rules.count + 4)
        var passedOverOwner = false
        if rules.routeToAccountOwner {
            switch routeByAccount(input, trail: &trail) {
            case .decided(let decision): return decision
            case .byRules: break
            case .byRulesOwnerAway: passedOverOwner = true
            }
        }
        let target = chooseTarget(input, trail: &trail)
        var decision = resolve(target, input: input, trail: &trail)
        if passedOverOwner { decision.flags.insert(.ownerAway) }
        return decision
    }
}
