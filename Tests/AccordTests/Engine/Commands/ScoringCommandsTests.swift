import Foundation
import LeadModel
import Testing

@testable import Accord

struct ScoringCommandsTests {
    @Test func withoutAScorerNothingIsPlanned() {
        var fixture = CommandFixture()
        fixture.capture("L1")
        var planner = fixture.planner()
        let outcome = ScoringCommands(projections: fixture.projections, policies: fixture.policies).score(
            ["L1"], in: &planner)
        #expect(planner.requests.isEmpty)
        #expect(outcome.reviews.isEmpty && outcome.blocked.isEmpty)
    }

    @Test func aChangedCardIsPlannedAndAnUnchangedOneIsNot() throws {
        var fixture = CommandFixture(scorer: CountingScorer())
        fixture.capture("L1")
        fixture.fold("L1", .signalRecorded(Signal(kind: .quoteRequested, occurredAt: CommandFixture.now)))
        var planner = fixture.planner()
        let commands = ScoringCommands(projections: fixture.projections, policies: fixture.policies)
        let outcome = commands.score(["L1"], in: &planner)
        #expect(planner.plannedKinds == ["scored"])
        #expect(outcome.reviews.map(\.lead) == ["L1"])

        let card = try #require(planner.state("L1")?.score)
        fixture.fold("L1", .scored(card))
        var again = fixture.planner()
        _ = ScoringCommands(projections: fixture.projections, policies: fixture.policies).score(["L1"], in: &again)
        #expect(again.requests.isEmpty)
    }
}
