import Foundation
import LeadModel
import Scoring
import Testing

struct MachineSignalsTests {
    static let appleProxy: AttributeValue = .string("Mozilla/5.0 (Macintosh) Apple Mail Privacy Protection")
    static let person: AttributeValue = .string("Mozilla/5.0 (iPhone) Mobile/15E148")

    static func rules(_ engagement: [EngagementRule], _ machineSignals: MachineSignals? = MachineSignals())
        -> ScoringRules
    {
        ScoringRules(engagement: engagement, machineSignals: machineSignals)
    }

    static let opened3 = EngagementRule(
        "opened-3-emails", kinds: [.emailOpened], atLeast: 3, withinDays: 30, points: 10, label: "emails opened",
        singular: "email opened")

    @Test func proxyOpensAreIgnoredAndTheCardSaysSo() throws {
        let signals =
            [1.0, 2].map { Fixtures.signal(.emailOpened, daysAgo: $0, ["userAgent": Self.person]) }
            + [3.0, 4, 5].map { Fixtures.signal(.emailOpened, daysAgo: $0, ["userAgent": Self.appleProxy]) }
        let state = Fixtures.state(signals: signals)
        #expect(Fixtures.score(Self.rules([Self.opened3], nil), state).engagement == 10)
        let card = Fixtures.score(Self.rules([Self.opened3]), state)
        #expect(card.engagement == 0)
        let contribution = try #require(card.contributions.first)
        #expect(contribution.points == 0)
        #expect(
            contribution.evidence
                == "2 emails opened in the last 30 days; 3 machine signals ignored (proxy user agent)")
    }

    @Test(arguments: [(3.0, false), (9.9, false), (10.0, true), (600.0, true)])
    func clicksSoonAfterDeliveryAreAMachines(seconds: Double, counts: Bool) {
        let rule = EngagementRule("clicked", kinds: [.linkClicked], points: 5)
        let state = Fixtures.state(signals: [
            Fixtures.signal(.linkClicked, daysAgo: 1, ["secondsSinceDelivery": .number(seconds)])
        ])
        #expect(Fixtures.score(Self.rules([rule]), state).engagement == (counts ? 5 : 0))
    }

    @Test(arguments: [(2, true), (3, false), (5, false)])
    func aBurstInOneSecondIsAScanner(clicks: Int, counts: Bool) {
        let rule = EngagementRule("clicks", kinds: [.linkClicked], points: 1, per: .occurrence)
        let second = Fixtures.daysAgo(1)
        let burst = (0..<clicks).map {
            Signal(kind: .linkClicked, occurredAt: second + Double($0) * 0.1, properties: ["url": .string("/\($0)")])
        }
        let card = Fixtures.score(Self.rules([rule]), Fixtures.state(signals: burst))
        #expect(card.engagement == (counts ? Double(clicks) : 0))
        if !counts { #expect(card.contributions.first?.evidence.contains("same-second burst") == true) }
    }

    @Test func machineIPClassesAreCaseInsensitive() {
        let rule = EngagementRule("clicked", kinds: [.linkClicked], points: 5)
        let scanned = Fixtures.state(signals: [Fixtures.signal(.linkClicked, daysAgo: 1, ["ipClass": "DataCenter"])])
        let residential = Fixtures.state(signals: [
            Fixtures.signal(.linkClicked, daysAgo: 1, ["ipClass": "residential"])
        ])
        #expect(Fixtures.score(Self.rules([rule]), scanned).engagement == 0)
        #expect(Fixtures.score(Self.rules([rule]), residential).engagement == 5)
    }

    @Test func kindsNotJudgedAlwaysCount() {
        let rule = EngagementRule("replied", kinds: [.replied], points: 25)
        let state = Fixtures.state(signals: [Fixtures.signal(.replied, daysAgo: 1, ["userAgent": Self.appleProxy])])
        #expect(Fixtures.score(Self.rules([rule]), state).engagement == 25)
    }

    @Test func aWeightCountsMachineSignalsInPart() throws {
        let rule = EngagementRule("clicks", kinds: [.linkClicked], points: 4, per: .occurrence)
        let signals =
            [1.0, 2].map { Fixtures.signal(.linkClicked, daysAgo: $0) }
            + [3.0, 4].map { Fixtures.signal(.linkClicked, daysAgo: $0, ["secondsSinceDelivery": .number(1)]) }
        let card = Fixtures.score(Self.rules([rule], MachineSignals(weight: 0.25)), Fixtures.state(signals: signals))
        #expect(card.engagement == 10)
        let evidence = try #require(card.contributions.first?.evidence)
        #expect(
            evidence
                == "2 link-clicked signals, 4 each; 2 machine signals counted at 25% (soon after delivery), 10 in all")
        // Towards `atLeast`, four machine opens at a quarter are one open.
        let opens = (1...4).map { Fixtures.signal(.emailOpened, daysAgo: Double($0), ["ipClass": "proxy"]) }
        let rulesAtQuarter = Self.rules([Self.opened3], MachineSignals(weight: 0.25))
        #expect(Fixtures.score(rulesAtQuarter, Fixtures.state(signals: opens)).engagement == 0)
        let more =
            opens + [5.0, 6].map { Fixtures.signal(.emailOpened, daysAgo: $0) }
        #expect(Fixtures.score(rulesAtQuarter, Fixtures.state(signals: more)).engagement == 10)
    }

    @Test func rescoringFromTheMemoMatchesAFreshScoring() throws {
        let rules = Self.rules(
            [
                Self.opened3,
                EngagementRule("clicks", kinds: [.linkClicked], withinDays: 14, points: 3, per: .occurrence, cap: 12),
            ], MachineSignals(weight: 0.5))
        var signals: [Signal] = []
        for index in 1...4 {
            signals.append(Fixtures.signal(.emailOpened, daysAgo: Double(index * 6), ["userAgent": Self.appleProxy]))
        }
        for index in 1...3 { signals.append(Fixtures.signal(.emailOpened, daysAgo: Double(index * 7))) }
        for index in 1...6 {
            signals.append(Fixtures.signal(.linkClicked, daysAgo: Double(index * 2), ["ipClass": "proxy"]))
        }
        let state = Fixtures.state(signals: signals)
        let scorer = RuleScorer(rules.withDecay(.halfLife(days: 10)))
        var memo: (any ScoringMemo)?
        var now = Fixtures.now
        for _ in 0..<6 {
            let fresh = try #require(scorer.scoreWithReview(ScoringInput(state: state, now: now)))
            let reused = try #require(scorer.scoreWithReview(ScoringInput(state: state, now: now), memo: &memo))
            #expect(reused.card == fresh.card)
            #expect(reused.review == fresh.review)
            #expect(fresh.card.total == fresh.card.contributions.reduce(0) { $0 + $1.points })
            guard let next = fresh.review else { break }
            now = next
        }
    }

    @Test func problemsNameTheirPaths() {
        let section = MachineSignals(
            kinds: [], proxyUserAgents: ["GoogleImageProxy", " "], withinSecondsOfDelivery: 0, sameSecondSignals: 1,
            weight: 1.5)
        let paths = Self.rules([], section).problems().map(\.path)
        #expect(
            paths == [
                "machineSignals.kinds", "machineSignals.proxyUserAgents[1]", "machineSignals.withinSecondsOfDelivery",
                "machineSignals.sameSecondSignals", "machineSignals.weight",
            ])
        #expect(Self.rules([], MachineSignals()).problems().isEmpty)
    }

    @Test func decodesDefaultsAndTurnsTestsOffWithNull() throws {
        let defaults = try JSONDecoder().decode(MachineSignals.self, from: Data("{}".utf8))
        #expect(defaults == MachineSignals())
        let off = try JSONDecoder().decode(
            MachineSignals.self,
            from: Data(#"{"withinSecondsOfDelivery": null, "sameSecondSignals": null, "weight": 0.5}"#.utf8))
        #expect(off.withinSecondsOfDelivery == nil)
        #expect(off.sameSecondSignals == nil)
        #expect(off.weight == 0.5)
        let again = try JSONDecoder().decode(MachineSignals.self, from: JSONEncoder().encode(off))
        #expect(again == off)
        let rules = try JSONDecoder().decode(
            ScoringRules.self, from: Data(#"{"engagement": [], "machineSignals": {"weight": 0}}"#.utf8))
        #expect(rules.machineSignals == MachineSignals())
        let none = try JSONDecoder().decode(ScoringRules.self, from: Data(#"{"engagement": []}"#.utf8))
        #expect(none.machineSignals == nil)
    }
}

extension ScoringRules {
    fileprivate func withDecay(_ decay: EngagementDecay) -> ScoringRules {
        var copy = self
        copy.decay = decay
        return copy
    }
}
