import Foundation
import LeadModel
import Routing
import Testing

struct LeadRouterTests {
    struct Territory: LeadRouter {
        func route(_ input: RoutingInput) -> RoutingDecision? {
            guard input.state.lead.attributes["country"] == "DE" else { return nil }
            return RoutingDecision(
                owner: .rep("dach"), router: "territory", trail: [Reason(rule: "de", detail: "country DE")])
        }
    }

    struct Pool: LeadRouter {
        func route(_ input: RoutingInput) -> RoutingDecision? {
            RoutingDecision(owner: .queue("unassigned"), router: "pool")
        }
    }

    func input(country: String) -> RoutingInput {
        let lead = Lead(id: "L1", attributes: ["country": .string(country)])
        let state = LeadState.fold([
            LeadEvent(leadID: "L1", occurredAt: .now, actor: .system, payload: .captured(lead, stage: .sql))
        ])!
        return RoutingInput(state: state, now: .now)
    }

    @Test func firstRouterWithAnOpinionWins() {
        let router = Territory().then(Pool())
        #expect(router.route(input(country: "DE"))?.owner == .rep("dach"))
        #expect(router.route(input(country: "US"))?.owner == .queue("unassigned"))
    }
}
