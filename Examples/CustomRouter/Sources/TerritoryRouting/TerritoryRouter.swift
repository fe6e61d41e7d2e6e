import Foundation
import LeadModel
import Routing

/// Routes a lead to the reps of its territory — the most specific territory by country and
/// postal-code prefix — and, among them, to the available rep with the fewest open leads.
///
/// A router written by a host against the ``Routing/LeadRouter`` protocol alone. It reads the
/// lead's `country` and `postalCode` attributes. It passes (`nil`) when no territory covers the
/// lead, so it chains with ``Routing/LeadRouter/then(_:)``. When every rep of the territory is
/// excluded, away, off hours or at a cap, the lead goes to ``overflowQueue`` with the flag
/// ``Routing/RoutingFlag/territoryOverflow``. Every decision carries its trail: the territory
/// that matched and why, each rep passed over and why, and why the chosen rep won.
///
/// Loads come from the ``Routing/RoutingLedger`` in the input (open leads, new leads today), so
/// the router keeps no state and a replay of the journal makes the same decisions.
public struct TerritoryRouter: LeadRouter {
    /// The name recorded on assignments.
    public static let name = "territory"

    /// The team, in the order ``repStatuses(ledger:at:)`` lists them.
    public var reps: [TerritoryRep]
    /// The territories; the most specific one covering a lead wins, the first listed on a tie.
    public var territories: [Territory]
    /// The queue that gets a lead when no rep of its territory can take it.
    public var overflowQueue: String

    /// Makes a router.
    ///
    /// - Parameters:
    ///   - reps: the team; a territory naming a rep not listed here passes that rep over.
    ///   - territories: the territories.
    ///   - overflowQueue: the queue for leads no rep of their territory can take.
    public init(reps: [TerritoryRep], territories: [Territory], overflowQueue: String = "territory-overflow") {
        self.reps = reps
        self.territories = territories
        self.overflowQueue = overflowQueue
    }

    /// The rep (or the overflow queue) for the lead, with the trail; `nil` when no territory
    /// covers it.
    ///
    /// - Parameter input: the lead, the handoff instant and the loads folded from the journal.
    /// - Returns: the decision, or `nil` for no opinion.
    public func route(_ input: RoutingInput) -> RoutingDecision? {
        let attributes = input.state.lead.attributes
        let country = attributes["country"]?.text.trimmingCharacters(in: .whitespaces).uppercased()
        let postalCode = attributes["postalCode"]?.text.filter { !$0.isWhitespace }.uppercased()
        var best: (territory: Territory, specificity: Int, detail: String)?
        for territory in territories {
            guard let match = territory.coverage(country: country, postalCode: postalCode),
                match.specificity > best?.specificity ?? -1
            else { continue }
            best = (territory, match.specificity, match.detail)
        }
        guard let (territory, _, detail) = best else { return nil }

        var trail = [Reason(rule: "territory:\(territory.name)", detail: detail)]
        var candidates: [RepStatus] = []
        for id in territory.reps {
            guard let rep = reps.first(where: { $0.id == id }) else {
                trail.append(Reason(rule: "territory-skip:\(id)", detail: "not on the team"))
                continue
            }
            if input.context.excludedReps.contains(id) {
                trail.append(Reason(rule: "territory-skip:\(id)", detail: "excluded from this handoff"))
                continue
            }
            let status = rep.status(ledger: input.context.ledger, at: input.now)
            if let why = status.unavailable {
                trail.append(Reason(rule: "territory-skip:\(id)", detail: why))
            } else {
                candidates.append(status)
            }
        }
        // `min(by:)` keeps the first of equal loads: the territory's order breaks ties.
        guard let chosen = candidates.min(by: { $0.openLeads < $1.openLeads }) else {
            trail.append(
                Reason(rule: "territory-overflow", detail: "no rep of \(territory.name) can take it → \(overflowQueue)")
            )
            return RoutingDecision(
                owner: .queue(overflowQueue), router: Self.name, trail: trail, flags: [.territoryOverflow])
        }
        let among = candidates.map { "\($0.rep) \($0.openLeads)" }.joined(separator: ", ")
        trail.append(Reason(rule: "territory-pick:\(chosen.rep)", detail: "fewest open leads (\(among))"))
        return RoutingDecision(owner: .rep(chosen.rep), router: Self.name, trail: trail)
    }

    /// Every rep of the team with their load, caps and availability at `now`, in team order.
    ///
    /// - Parameters:
    ///   - ledger: the loads the engine folded from the journal.
    ///   - now: the instant to judge availability at.
    /// - Returns: one status per rep; never `nil`, since this router tracks its reps.
    public func repStatuses(ledger: RoutingLedger, at now: Date) -> [RepStatus]? {
        reps.map { $0.status(ledger: ledger, at: now) }
    }
}

extension RoutingFlag {
    /// No rep of the lead's territory could take it; it went to the territory router's overflow
    /// queue.
    public static let territoryOverflow: RoutingFlag = "territory-overflow"
}
