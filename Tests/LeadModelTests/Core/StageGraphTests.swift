import Foundation
import LeadModel
import Testing

struct StageGraphTests {
    @Test(arguments: [
        (Stage.lead, Stage.mql, true), (.mql, .sql, true), (.sql, .opportunity, true),
        (.opportunity, .won, true), (.opportunity, .lost, true), (.lead, .won, false),
        (.won, .lead, false), (.recycled, .mql, true), (.disqualified, .mql, false),
    ])
    func standardGraphAllowsTheFunnelMoves(from: Stage, to: Stage, allowed: Bool) {
        #expect(StageGraph.standard.allows(from: from, to: to) == allowed)
    }

    @Test func disallowedMoveNamesTheAllowedStages() {
        #expect {
            try StageGraph.standard.checkMove(of: "L1", from: .lead, to: .won)
        } throws: { error in
            let error = error as! LeadModelError
            return error.code == .transitionNotAllowed && error.message.contains("mql, sql")
        }
    }

    @Test func unknownTargetStageIsReported() {
        #expect(throws: LeadModelError.self) {
            try StageGraph.standard.checkMove(of: "L1", from: .lead, to: "nurture")
        }
    }

    @Test func problemsNameEveryBadReference() {
        let graph = StageGraph(
            stages: [.lead, .lead, .mql], initial: "inquiry", transitions: [.lead: [.sql]],
            terminal: [.won])
        let paths = graph.problems().map(\.path)
        #expect(paths.contains("stages[1]"))
        #expect(paths.contains("initial"))
        #expect(paths.contains("transitions.lead[0]"))
        #expect(paths.contains("terminal[0]"))
        #expect(StageGraph.standard.problems().isEmpty)
    }

    @Test func graphRoundTripsThroughJSON() throws {
        let data = try JSONEncoder().encode(StageGraph.standard)
        #expect(try JSONDecoder().decode(StageGraph.self, from: data) == .standard)
    }
}
