import Foundation
import LeadModel
import Testing

@testable import Accord

struct OpportunityCommandsTests {
    @Test func openingADealAdvancesTheLeadAlongTheGraph() throws {
        var fixture = CommandFixture()
        let lead = Lead(
            id: "L1", email: "ana@acme.com", company: "Acme", source: "webinar",
            attributes: ["useCase": .string("payroll")])
        fixture.fold("L1", .captured(lead, stage: .lead))
        var planner = fixture.planner()
        try OpportunityCommands(projections: fixture.projections, policies: fixture.policies).openOpportunity(
            Opportunity(id: "opp-1", amount: 10_000, currency: "USD"), on: "L1", by: .system, advancing: true,
            in: &planner)
        #expect(planner.plannedKinds.last == "opportunity-opened")
        #expect(planner.state("L1")?.stage == .opportunity)
    }

    @Test func aBadCurrencyIsRefusedBeforeAnythingIsPlanned() {
        var fixture = CommandFixture()
        fixture.capture("L1")
        var planner = fixture.planner()
        #expect {
            try OpportunityCommands(projections: fixture.projections, policies: fixture.policies).openOpportunity(
                Opportunity(id: "opp-1", amount: 10, currency: "usd"), on: "L1", by: .system, advancing: true,
                in: &planner)
        } throws: { error in
            (error as? OpportunityError)?.field == "currency"
        }
        #expect(planner.requests.isEmpty)
    }

    @Test func theOpportunityGateStopsADealOnALeadWithoutAUseCase() {
        var fixture = CommandFixture()
        fixture.capture("L1")
        var planner = fixture.planner()
        #expect {
            try OpportunityCommands(projections: fixture.projections, policies: fixture.policies).openOpportunity(
                Opportunity(id: "opp-1", amount: 10, currency: "USD"), on: "L1", by: .system, advancing: true,
                in: &planner)
        } throws: { error in
            (error as? LeadModelError)?.code == .handoffGateFailed
        }
    }

    @Test func closingNeedsAnOpenDeal() {
        var fixture = CommandFixture()
        fixture.capture("L1")
        var planner = fixture.planner()
        #expect {
            try OpportunityCommands(projections: fixture.projections, policies: fixture.policies).closeOpportunity(
                "opp-1", on: "L1", as: .won, amount: nil, closedAt: nil, reason: nil, by: .system, in: &planner)
        } throws: { error in
            (error as? OpportunityError)?.code == .noOpenOpportunity
        }
    }
}
