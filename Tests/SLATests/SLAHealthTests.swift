import Foundation
import LeadModel
import SLA
import Testing

/// ``SLAHealthReport`` folds clocks, touches and breaches into the monthly health check.
struct SLAHealthTests {
    static let start = Date(timeIntervalSince1970: 1_795_500_000)

    static func policy() throws -> TieredSLAPolicy {
        let json = """
            {"tiers": [{"name": "hot", "covers": {"tiers": ["hot"]}, "firstTouch": {"within": "1h", "clock": "wall"},
                        "followUp": {"attempts": 2, "within": "1d", "minimumSpacing": "1h"}}]}
            """
        return TieredSLAPolicy(configuration: try JSONDecoder().decode(SLAConfiguration.self, from: Data(json.utf8)))
    }

    /// A lead captured from `source`, assigned to `rep` and clocked at `offset` seconds after
    /// ``start``, touched after each of `touches` seconds from its clock's start.
    static func events(
        _ index: Int, source: String, rep: String, offset: TimeInterval, touches: [TimeInterval], breached: Bool
    ) -> [LeadEvent] {
        let lead = LeadID("L\(index)")
        let at = start.addingTimeInterval(offset)
        let clock = SLAClock(
            id: SLAClockID(rawValue: "L\(index)#1"), tier: "hot", owner: .rep(rep), warnAt: nil,
            deadline: at.addingTimeInterval(3_600))
        var events = [
            LeadEvent(
                leadID: lead, occurredAt: at, actor: .system,
                payload: .captured(Lead(id: lead, source: source), stage: .sql)),
            LeadEvent(
                leadID: lead, occurredAt: at, actor: .system,
                payload: .assigned(Assignment(owner: .rep(rep), router: "rules"))),
            LeadEvent(leadID: lead, occurredAt: at, actor: .system, payload: .slaStarted(clock)),
        ]
        if breached {
            events.append(
                LeadEvent(
                    leadID: lead, occurredAt: at.addingTimeInterval(3_600), actor: .system,
                    payload: .slaBreached(clock.id)))
        }
        for (number, delay) in touches.enumerated() {
            events.append(
                LeadEvent(
                    leadID: lead, occurredAt: at.addingTimeInterval(delay), actor: .person(rep),
                    payload: .touched(Touch(channel: .call, by: rep))))
            if number == 0, !breached {
                events.append(
                    LeadEvent(
                        leadID: lead, occurredAt: at.addingTimeInterval(delay), actor: .system,
                        payload: .slaMet(clock.id)))
            }
        }
        return events
    }

    @Test func attainmentTimesBreachesAndCadence() throws {
        var report = SLAHealthReport(policy: try Self.policy())
        let journal =
            Self.events(1, source: "webinar", rep: "ana", offset: 0, touches: [600, 7_200], breached: false)
            + Self.events(2, source: "webinar", rep: "bo", offset: 60, touches: [5_400], breached: true)
            + Self.events(3, source: "ads", rep: "ana", offset: 120, touches: [1_200], breached: false)
            + Self.events(4, source: "ads", rep: "bo", offset: 180, touches: [], breached: true)
            // Outside the period: started a day later.
            + Self.events(5, source: "ads", rep: "bo", offset: 90_000, touches: [], breached: true)
        for event in journal { report.apply(event) }
        let now = Self.start.addingTimeInterval(2 * 86_400)
        let health = report.health(from: Self.start, to: Self.start.addingTimeInterval(86_400), now: now)
        #expect(health.clocksStarted == 4)
        #expect(health.met == 2 && health.breached == 2 && health.open == 0)
        #expect(health.attainment == 0.5)
        #expect(health.firstTouchWall.count == 3)
        #expect(health.firstTouchWall.median == 1_200)
        #expect(health.firstTouchWall.p90 == 5_400)
        #expect(health.firstTouchBusiness.median == 1_200, "no calendar: business time is wall time")
        #expect(health.breachesByOwner == ["rep:bo": 2])
        #expect(health.breachesByTier == ["hot": 2])
        #expect(health.breachesBySource == ["webinar": 1, "ads": 1])
        #expect(health.cadenceEvaluated == 4)
        #expect(health.cadenceMet == 1, "only L1 made two attempts an hour apart")
        let decoded = try JSONDecoder().decode(SLAHealth.self, from: JSONEncoder().encode(health))
        #expect(decoded == health)
    }

    @Test func anEmptyPeriodHasNoRatesRatherThanZero() throws {
        let report = SLAHealthReport(policy: try Self.policy())
        let health = report.health(from: Self.start, to: Self.start.addingTimeInterval(86_400), now: Self.start)
        #expect(health.clocksStarted == 0)
        #expect(health.attainment == nil)
        #expect(health.cadenceCompliance == nil)
        #expect(health.firstTouchWall.median == nil && health.firstTouchWall.p90 == nil)
    }

    @Test(
        arguments: [
            ([TimeInterval](), nil, nil), ([5], 5, 5), ([1, 2], 1, 2), ([4, 1, 3, 2], 2, 4),
            ((1...10).map(TimeInterval.init), 5, 9),
        ] as [([TimeInterval], TimeInterval?, TimeInterval?)])
    func percentilesAreNearestRank(_ values: [TimeInterval], _ median: TimeInterval?, _ p90: TimeInterval?) {
        let distribution = SLAHealth.Distribution(values)
        #expect(distribution.median == median)
        #expect(distribution.p90 == p90)
        #expect(distribution.count == values.count)
    }
}
