import Foundation
import LeadModel
import Routing
import Testing

struct PoolRotationTests {
    func rules(_ members: [(String, Int?)], reps: [RepProfile]? = nil) -> RoutingRules {
        RoutingRules(
            reps: reps ?? members.map { Fixture.rep($0.0) }, pools: [Fixture.pool("inbound", members)],
            defaultTarget: .pool("inbound"))
    }

    static let weightSets: [[Int]] = [[1, 1, 1], [5, 3, 2], [7, 1], [1, 2, 3, 4, 10]]

    /// Smooth weighted round robin is exact: every full cycle of `total weight` turns gives each
    /// member exactly its weight, so over 10,000 leads each share is within one lead of
    /// `10,000 × weight ÷ total` (tolerance: 1 lead, 0.01 %).
    @Test(arguments: weightSets)
    func honoursWeightsOverTenThousandLeads(_ weights: [Int]) throws {
        let members = weights.enumerated().map { ("r\($0.offset)", Optional($0.element)) }
        var harness = try RoutingHarness(rules(members))
        var counts: [Owner: Int] = [:]
        for index in 0..<10_000 {
            let decision = harness.route(Fixture.lead("L\(index)"), at: Fixture.monday)
            counts[decision.owner, default: 0] += 1
        }
        let total = Double(weights.reduce(0, +))
        for (index, weight) in weights.enumerated() {
            let expected = 10_000 * Double(weight) / total
            let actual = Double(counts[.rep("r\(index)")] ?? 0)
            #expect(abs(actual - expected) <= 1, "r\(index): \(actual) leads, expected \(expected)")
        }
    }

    @Test func spreadsTurnsEvenlyRatherThanInBursts() throws {
        var harness = try RoutingHarness(rules([("a", 5), ("b", 1), ("c", 1)]))
        let owners = (0..<7).map { harness.route(Fixture.lead("L\($0)"), at: Fixture.monday).owner.description }
        #expect(owners == ["rep:a", "rep:a", "rep:b", "rep:a", "rep:c", "rep:a", "rep:a"])
    }

    @Test func memberWeightDefaultsToTheRepWeight() throws {
        let reps = [Fixture.rep("a", weight: 3), Fixture.rep("b")]
        var harness = try RoutingHarness(rules([("a", nil), ("b", nil)], reps: reps))
        let owners = (0..<8).map { harness.route(Fixture.lead("L\($0)"), at: Fixture.monday).owner }
        #expect(owners.filter { $0 == .rep("a") }.count == 6)
    }

    @Test func poolTurnIsRecordedInTheTrail() throws {
        var harness = try RoutingHarness(rules([("a", 2), ("b", 1)]))
        let decision = harness.route(Fixture.lead("L1"), at: Fixture.monday)
        #expect(decision.trail.last == Reason(rule: "pool-turn:inbound", detail: "a=2,b=1"))
        #expect(harness.ledger.rotation(of: "inbound").turns == 1)
    }

    /// The fairness policy: a rep back from out of office re-enters the rotation at 0. Over the
    /// next 30 leads among three equal reps each gets 10 ± 1: no catch-up flood, no starvation.
    @Test func repBackFromOutOfOfficeIsNeitherFloodedNorStarved() throws {
        let start = Fixture.monday
        let back = start.addingTimeInterval(300 * 60)
        let away = OutOfOffice(from: start.addingTimeInterval(-3600), until: back, note: "training")
        let reps = [Fixture.rep("a"), Fixture.rep("b"), Fixture.rep("c", away: [away])]
        var harness = try RoutingHarness(rules([("a", nil), ("b", nil), ("c", nil)], reps: reps))
        var counts: [Owner: Int] = [:]
        for minute in 0..<300 {
            let decision = harness.route(Fixture.lead("L\(minute)"), at: start.addingTimeInterval(Double(minute) * 60))
            counts[decision.owner, default: 0] += 1
        }
        #expect(counts[.rep("c")] == nil)
        #expect(counts[.rep("a")] == 150 && counts[.rep("b")] == 150)
        var after: [Owner] = []
        for index in 0..<30 {
            after.append(
                harness.route(Fixture.lead("M\(index)"), at: back.addingTimeInterval(Double(index) * 60)).owner)
        }
        for rep in ["a", "b", "c"] {
            let count = after.filter { $0 == .rep(rep) }.count
            #expect((9...11).contains(count), "\(rep) got \(count) of 30")
        }
        #expect(after.prefix(3).filter { $0 == .rep("c") }.count == 1, "c gets one of the first three, not all")
    }

    @Test func repAddedToThePoolStartsAtItsShare() throws {
        var harness = try RoutingHarness(rules([("a", nil), ("b", nil)]))
        for index in 0..<101 { harness.route(Fixture.lead("L\(index)"), at: Fixture.monday) }
        harness.router = try RuleRouter(rules: rules([("a", nil), ("b", nil), ("c", nil)]))
        let owners = (0..<30).map { harness.route(Fixture.lead("M\($0)"), at: Fixture.monday).owner }
        for rep in ["a", "b", "c"] {
            #expect((9...11).contains(owners.filter { $0 == .rep(rep) }.count))
        }
    }

    @Test func rotationStepsAreTheNginxSequence() {
        var rotation = PoolRotation()
        let candidates = [
            PoolRotation.Candidate(rep: "a", weight: 4), PoolRotation.Candidate(rep: "b", weight: 2),
            PoolRotation.Candidate(rep: "c", weight: 1),
        ]
        var picks: [String] = []
        for _ in 0..<7 {
            let chosen = candidates[rotation.choose(among: candidates)!].rep
            rotation.record(candidates, chosen: chosen)
            picks.append(chosen)
        }
        #expect(picks == ["a", "b", "a", "c", "a", "b", "a"])
        #expect(rotation.current.values.reduce(0, +) == 0)
    }
}
