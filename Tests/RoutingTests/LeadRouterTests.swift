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

/// The rep-status hook: `nil` by default, a chain answers with its parts'.
struct RepStatusHookTests {
    struct Reps: LeadRouter {
        var reps: [String]
        func route(_ input: RoutingInput) -> RoutingDecision? { nil }
        func repStatuses(ledger: RoutingLedger, at now: Date) -> [RepStatus]? {
            reps.map {
                RepStatus(
                    rep: $0, openLeads: ledger.openLeads(of: $0), maxOpen: nil, newToday: 0, maxNewPerDay: nil,
                    unavailable: nil)
            }
        }
    }

    @Test func aRouterWithoutTheHookReportsNoStatuses() {
        #expect(LeadRouterTests.Pool().repStatuses(ledger: RoutingLedger(), at: .now) == nil)
    }

    @Test(
        arguments: [
            ([["a", "b"], ["b", "c"]], ["a", "b", "c"] as [String]?),
            ([["a"], nil], ["a"]),
            ([nil, ["c"]], ["c"]),
            ([nil, nil], nil),
        ] as [([[String]?], [String]?)])
    func aChainListsItsPartsRepsFirstAnswerWinning(_ parts: [[String]?], _ expected: [String]?) {
        func router(_ reps: [String]?) -> any LeadRouter {
            reps.map { Reps(reps: $0) as any LeadRouter } ?? LeadRouterTests.Pool()
        }
        let chained = chain(router(parts[0]), router(parts[1]))
        #expect(chained.repStatuses(ledger: RoutingLedger(), at: .now)?.map(\.rep) == expected)
    }

    private func chain(_ first: some LeadRouter, _ second: some LeadRouter) -> some LeadRouter {
        first.then(second)
    }
}
