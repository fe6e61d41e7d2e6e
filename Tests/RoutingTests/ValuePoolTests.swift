import Foundation
import LeadModel
import Routing
import Testing

/// Pools that balance expected value (score × deal size) rather than the number of leads.
struct ValuePoolTests {
    static func rules(_ balance: PoolBalance, reps: [String] = ["ana", "bo", "cy"], weights: [String: Int] = [:])
        -> RoutingRules
    {
        RoutingRules(
            reps: reps.map { Fixture.rep($0) },
            pools: [
                RoutingPool(
                    name: "inbound", members: reps.map { .init(rep: $0, weight: weights[$0]) }, balance: balance)
            ],
            segments: [
                CompanySizeSegment(name: "smb", maxEmployees: 199),
                CompanySizeSegment(name: "enterprise", minEmployees: 2_000),
            ],
            defaultTarget: .pool("inbound"),
            dealSizes: DealSizes(default: 20_000, segments: ["smb": 5_000, "enterprise": 100_000]))
    }

    static func card(_ total: Double) -> ScoreCard {
        ScoreCard(scorer: "rules", fit: total, engagement: 0)
    }

    @Test func theMemberWhoReceivedTheLeastValueGetsTheNextLead() throws {
        var harness = try RoutingHarness(Self.rules(.value))
        let big = Fixture.lead("L1", ["employees": 5_000])
        let first = harness.route(big, at: Fixture.monday, score: Self.card(80))
        #expect(first.owner == .rep("ana"))
        let detail = try #require(first.trail.reasons.first { $0.rule == "pool-value:inbound" }?.detail)
        #expect(
            detail
                == "ev=80000.0 half-life=30.0; expected value 80000 = score 80% × deal size 100000 (enterprise); "
                + "received per unit of weight (half-life 30 days): ana 0, bo 0, cy 0")
        // Small leads go to bo and cy until they catch up with ana's one big lead.
        var owners: [String] = []
        for index in 2...9 {
            let small = Fixture.lead("L\(index)", ["employees": 50])
            owners.append(Fixture.owner(harness.route(small, at: Fixture.monday, score: Self.card(100))))
        }
        #expect(!owners.contains("rep:ana"), "\(owners)")
        #expect(harness.ledger.valueReceived(by: "ana", at: Fixture.monday) == 80_000)
        #expect(harness.ledger.valueReceived(by: "bo", at: Fixture.monday) == 20_000)
    }

    @Test func tiesGoByTheRoundRobinAndWeightsScaleTheShare() throws {
        var harness = try RoutingHarness(Self.rules(.value, reps: ["ana", "bo"], weights: ["ana": 3]))
        var owners: [String] = []
        for index in 1...8 {
            owners.append(
                Fixture.owner(harness.route(Fixture.lead("L\(index)"), at: Fixture.monday, score: Self.card(0))))
        }
        // Zero-value leads tie on value: the weighted round robin shares them 3 to 1.
        #expect(owners.filter { $0 == "rep:ana" }.count == 6, "\(owners)")
        var valued = try RoutingHarness(Self.rules(.value, reps: ["ana", "bo"], weights: ["ana": 3]))
        for index in 1...400 {
            valued.route(Fixture.lead("L\(index)"), at: Fixture.monday, score: Self.card(50))
        }
        let ana = valued.ledger.valueReceived(by: "ana", at: Fixture.monday)
        let bo = valued.ledger.valueReceived(by: "bo", at: Fixture.monday)
        #expect(abs(ana / bo - 3) < 0.05, "ana \(ana), bo \(bo)")
    }

    @Test func valueReceivedHalvesEveryHalfLife() {
        var values = ValueReceived()
        values.record(1_000, chosen: "ana", at: Fixture.monday, halfLifeDays: 10)
        #expect(values.value(of: "ana", at: Fixture.monday.addingTimeInterval(10 * 86_400)) == 500)
        values.record(100, chosen: "bo", at: Fixture.monday.addingTimeInterval(20 * 86_400), halfLifeDays: 10)
        #expect(values.values == ["ana": 250, "bo": 100])
        // A turn recorded out of order does not decay backwards.
        values.record(50, chosen: "ana", at: Fixture.monday, halfLifeDays: 10)
        #expect(values.values == ["ana": 300, "bo": 100])
    }

    @Test func aReplayOfTheJournalGivesTheSameValues() throws {
        var harness = try RoutingHarness(Self.rules(.value))
        for index in 1...30 {
            let lead = Fixture.lead("L\(index)", ["employees": .number(Double(index * 150))])
            harness.route(
                lead, at: Fixture.monday.addingTimeInterval(Double(index) * 3_600), score: Self.card(Double(index)))
        }
        var replayed = RoutingLedger(rules: Self.rules(.value))
        replayed.apply(contentsOf: harness.events)
        #expect(replayed == harness.ledger)
        #expect(replayed.valueReceived(in: "inbound").values.count == 3)
    }

    /// 10,000 generated leads, a third enterprise, scores skewed low: the count-based pool gives
    /// every rep the same number of leads but unequal value; the value pool evens out the value.
    @Test func valueIsSharedFairlyOverTenThousandLeads() throws {
        func route(_ balance: PoolBalance) throws -> (values: [Double], counts: [Int]) {
            var harness = try RoutingHarness(Self.rules(balance, reps: ["ana", "bo", "cy", "dee"]))
            var random = SplitMix64(seed: 2026)
            var values: [String: Double] = [:]
            var counts: [String: Int] = [:]
            for index in 0..<10_000 {
                let employees = [50.0, 800, 5_000][Int(random.next() % 3)]
                let score = Double(random.next() % 1_000) / 1_000
                let lead = Fixture.lead("L\(index)", ["employees": .number(employees)])
                let at = Fixture.monday.addingTimeInterval(Double(index) * 60)
                let decision = harness.route(lead, at: at, score: Self.card((score * score * 100).rounded()))
                guard case .rep(let rep) = decision.owner else { continue }
                let size = employees == 50 ? 5_000.0 : employees == 5_000 ? 100_000 : 20_000
                values[rep, default: 0] += (score * score * 100).rounded() / 100 * size
                counts[rep, default: 0] += 1
            }
            return (
                ["ana", "bo", "cy", "dee"].map { values[$0] ?? 0 }, ["ana", "bo", "cy", "dee"].map { counts[$0] ?? 0 }
            )
        }
        func spread(_ values: [Double]) -> Double {
            let mean = values.reduce(0, +) / Double(values.count)
            return (values.max()! - values.min()!) / mean
        }
        let turns = try route(.turns)
        let value = try route(.value)
        #expect(turns.counts == [2_500, 2_500, 2_500, 2_500])
        #expect(spread(value.values) < 0.01, "value pool: \(value.values)")
        #expect(spread(value.values) * 5 < spread(turns.values), "turns \(turns.values), value \(value.values)")
        #expect(value.counts.allSatisfy { $0 > 1_500 }, "\(value.counts)")
    }

    @Test func dealSizesAndHalfLivesAreChecked() {
        var rules = Self.rules(.value)
        rules.dealSizes.segments["mid-market"] = 10_000
        rules.dealSizes.segments["smb"] = -1
        rules.pools[0].valueHalfLifeDays = 0
        #expect(
            rules.problems().map(\.path) == [
                "pools[0].valueHalfLifeDays", "dealSizes.segments.mid-market", "dealSizes.segments.smb",
            ])
    }

    @Test func poolsDecodeTheirBalance() throws {
        let json = #"{"name": "inbound", "balance": "value", "valueHalfLifeDays": 14, "members": [{"rep": "ana"}]}"#
        let pool = try JSONDecoder().decode(RoutingPool.self, from: Data(json.utf8))
        #expect(pool.balance == .value && pool.valueHalfLifeDays == 14)
        let plain = try JSONDecoder().decode(RoutingPool.self, from: Data(#"{"name": "p", "members": []}"#.utf8))
        #expect(plain.balance == .turns && plain.valueHalfLifeDays == 30)
        #expect(try JSONDecoder().decode(RoutingPool.self, from: JSONEncoder().encode(pool)) == pool)
    }
}
