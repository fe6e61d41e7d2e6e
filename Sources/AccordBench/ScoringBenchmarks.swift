import Foundation
import LeadModel
import Scoring

/// ``RuleScorer`` benchmarks: how many lead rescorings per second one core does with 30 rules
/// (the standard rules plus 14 more of the same kinds) over demo-like lead states.
enum ScoringBenchmarks {
    /// Distinct lead states cycled through, so the timings are not of one cached lead.
    static let poolSize = 4_096
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static var all: [Benchmark] {
        [
            Benchmark(
                name: "scoring-rules",
                summary: "RuleScorer: lead rescorings per second, 30 rules, demo-like leads, one core",
                run: rescore),
            Benchmark(
                name: "rescoring-rules",
                summary: "RuleScorer: rescorings per second a day later, of leads carrying their card, 30 rules",
                run: rescoreScored),
        ]
    }

    /// The standard rules plus 14 more: 30 rules in all (fit rules, one profile, engagement rules).
    static var thirtyRules: ScoringRules {
        var rules = ScoringRules.standard
        rules.fit += [
            FitRule("paid-source", field: .source, .oneOf(["paid-search", "partner", "webinar"]), points: 3),
            FitRule("company-known", field: .company, .present, points: 2),
            FitRule("phone-given", field: .phone, .present, points: 2),
            FitRule("angle-roi", field: .messageAngle, ValueCondition(contains: ["roi", "demo"]), points: 3),
            FitRule("enterprise", field: "employees", .range(min: 2_001, max: nil), points: 4),
            FitRule("tiny", field: "employees", .range(min: nil, max: 20), points: -10),
            FitRule("payroll", field: "useCase", .equals("payroll"), points: 3),
        ]
        rules.engagement += [
            EngagementRule("meeting", kinds: [.meetingBooked], points: 30),
            EngagementRule("form", kinds: [.formSubmitted], points: 5),
            EngagementRule(
                "opens", kinds: [.emailOpened], withinDays: 90, points: 1, per: .occurrence, cap: 10),
            EngagementRule(
                "blog-clicks", kinds: [.linkClicked],
                where: [PropertyCondition(property: "url", .contains("/blog/"))], points: 2, per: .occurrence,
                cap: 8),
            EngagementRule("recent-webinar", kinds: [.webinarAttended], withinDays: 14, points: 5),
            EngagementRule("engaged-week", kinds: [.emailOpened, .linkClicked], atLeast: 5, withinDays: 7, points: 8),
            EngagementRule(
                "event-source", kinds: [.eventAttended], where: [PropertyCondition(property: "source", .present)],
                points: 5),
        ]
        return rules
    }

    /// Demo-like leads: the demo's industries, sizes, countries and titles, 0–20 signals each
    /// over the last 90 days with the demo's mix of kinds.
    static func pool() -> [LeadState] {
        var random = SplitMix64(seed: StoreBenchmarks.seed)
        func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
        let industries = ["healthcare", "fintech", "software", "retail", "education", "government", "manufacturing"]
        let countries = ["US", "US", "US", "CA", "GB", "DE", "FR", "AU"]
        let titles = ["VP Finance", "Head of People", "HR Manager", "Payroll Specialist", "CFO", "Student"]
        let kinds: [SignalKind] = [
            .emailOpened, .emailOpened, .emailOpened, .emailOpened, .linkClicked, .linkClicked, .pricingPageVisited,
            .contentDownloaded, .webinarAttended, .replied, .demoRequested, .quoteRequested, .unsubscribed,
        ]
        return (0..<poolSize).map { index in
            let id = LeadID("bench-\(index)")
            var attributes: [String: AttributeValue] = [
                "industry": .string(pick(industries)),
                "employees": .number(Double(Int.random(in: 5...5_000, using: &random))),
                "country": .string(pick(countries)),
            ]
            if Bool.random(using: &random) { attributes["useCase"] = .string(pick(["payroll", "benefits"])) }
            let lead = Lead(
                id: id, email: "person\(index)@company\(index % 97).com", title: pick(titles),
                company: "Company \(index)",
                source: pick(["webinar", "paid-search", "event", "display"]), messageAngle: "ROI calculator",
                attributes: attributes)
            let captured = now - 90 * 86_400
            var events = [
                LeadEvent(leadID: id, occurredAt: captured, actor: .system, payload: .captured(lead, stage: .lead))
            ]
            var times = (0..<Int.random(in: 0...20, using: &random)).map { _ in
                captured + Double.random(in: 0..<(90 * 86_400), using: &random).rounded()
            }
            times.sort()
            for at in times {
                let kind = pick(kinds)
                var properties: [String: AttributeValue] = [:]
                if kind == .linkClicked || kind == .pricingPageVisited {
                    properties["url"] = .string(kind == .pricingPageVisited ? "/pricing" : "/blog/payroll-compliance")
                }
                let signal = Signal(kind: kind, occurredAt: at, source: "email", properties: properties)
                events.append(LeadEvent(leadID: id, occurredAt: at, actor: .system, payload: .signalRecorded(signal)))
            }
            return LeadState.fold(events)!
        }
    }

    private static func rescore(_ context: BenchContext) async throws -> [Measurement] {
        let scorer = try thirtyRuleScorer()
        let inputs = pool().map { ScoringInput(state: $0, now: now) }
        return [
            try await measureScorings(
                "scoring-rules", of: inputs, by: scorer, count: context.count(default: 2_000_000))
        ]
    }

    /// Leads that carry the card the engine's scoring gave them, rescored with their review
    /// time a day later with the memo that scoring left, as the engine keeps it beside each
    /// lead: what a rescoring sweep does for each lead that falls due.
    private static func rescoreScored(_ context: BenchContext) async throws -> [Measurement] {
        let scorer = try thirtyRuleScorer()
        var memos: [(any ScoringMemo)?] = []
        let inputs = pool().map { state in
            var state = state
            var memo: (any ScoringMemo)?
            let card = scorer.scoreWithReview(ScoringInput(state: state, now: now), memo: &memo)!.card
            state.apply(LeadEvent(leadID: state.id, occurredAt: now, actor: .system, payload: .scored(card)))
            memos.append(memo)
            return ScoringInput(state: state, now: now + 86_400)
        }
        return [
            try await measureScorings(
                "rescoring-rules", of: inputs, memos: memos, by: scorer, count: context.count(default: 4_000_000))
        ]
    }

    /// A scorer of ``thirtyRules``, checked.
    private static func thirtyRuleScorer() throws -> RuleScorer {
        let rules = thirtyRules
        let ruleCount = rules.fit.count + rules.icp.count + rules.engagement.count
        guard ruleCount == 30, rules.problems().isEmpty else {
            throw BenchError("scoring: expected 30 valid rules, got \(ruleCount)")
        }
        return RuleScorer(rules)
    }

    /// Times `count` scorings of the inputs, cycled: with `score`, or, given each input's memo,
    /// with `scoreWithReview(_:memo:)`.
    private static func measureScorings(
        _ name: String, of inputs: [ScoringInput], memos: [(any ScoringMemo)?]? = nil, by scorer: RuleScorer,
        count: Int
    ) async throws -> Measurement {
        let (seconds, checksum) = await measure {
            var checksum = 0.0
            for index in 0..<count {
                let input = inputs[index % inputs.count]
                let card: ScoreCard?
                if let memos {
                    var memo = memos[index % inputs.count]
                    card = scorer.scoreWithReview(input, memo: &memo)?.card
                } else {
                    card = scorer.score(input)
                }
                checksum += card?.total ?? 0
            }
            return checksum
        }
        guard checksum.isFinite else { throw BenchError("\(name): a total was not finite") }
        let contributions = inputs.reduce(0) { $0 + (scorer.score($1)?.contributions.count ?? 0) }
        let signals = inputs.reduce(0) { $0 + $1.state.signals.count }
        var measurement = Measurement(name: name, count: count, seconds: seconds)
        measurement.set("rules", .int(30))
        measurement.set("signalsPerLead", .double(Double(signals) / Double(inputs.count)))
        measurement.set("contributionsPerLead", .double(Double(contributions) / Double(inputs.count)))
        return measurement
    }
}
