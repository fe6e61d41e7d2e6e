import Foundation
import LeadModel
import SLA
import Testing

struct TieredSLAPolicyTests {
    typealias F = SLAFixtures
    static let tuesday1000 = SLAFixtures.utc("2026-11-24T15:00:00Z")  // Tue 10:00 EST

    @Test(
        arguments: [
            (Stage.sql, "quote-request", "B2", "hot", "quote"),
            (Stage.sql, "webinar", "A1", "hot", "hot"),
            (Stage.sql, "webinar", "B1", "warm", "standard"),
            (Stage.mql, "quote-request", "A1", "warm", "standard"),
            (Stage.lead, "webinar", "A1", "warm", nil),
        ] as [(Stage, String, String, String, String?)])
    func firstCoveringTierApplies(stage: Stage, source: String, grade: String, tier: String, expected: String?) {
        let input = F.input(stage: stage, source: source, grade: grade, tier: tier, at: Self.tuesday1000)
        #expect(F.policy.clock(for: input)?.tier == expected)
    }

    @Test func businessTargetCountsWorkingHoursAndExplainsTheArithmetic() throws {
        let fridayEvening = F.utc("2026-11-20T23:40:00Z")  // Fri 18:40 EST
        let clock = try #require(F.policy.clock(for: F.input(grade: "A2", at: fridayEvening)))
        #expect(clock.tier == "hot")
        #expect(clock.deadline == F.utc("2026-11-23T16:00:00Z"))  // Mon 11:00 EST
        #expect(clock.warnAt == F.utc("2026-11-23T15:30:00Z"))  // 75% of 2h = 1h30m → Mon 10:30
        #expect(
            clock.reasons.first
                == Reason(
                    rule: "sla-tier:hot", detail: "covers stage sql, grade A2; first touch within 2h business time"))
        #expect(
            clock.reasons.contains(
                Reason(
                    rule: "sla-calendar:us-east",
                    detail:
                        "arrived Fri 2026-11-20 18:40 after hours (America/New_York) → clock starts Mon 2026-11-23 09:00"
                )))
        #expect(clock.reasons.contains(Reason(rule: "sla-warning", detail: "75% of 2h (1h30m) → Mon 2026-11-23 10:30")))
    }

    @Test func wallClockTargetRunsOutOfHours() throws {
        let fridayEvening = F.utc("2026-11-20T23:40:00Z")
        let input = F.input(source: "quote-request", tier: "hot", at: fridayEvening)
        let clock = try #require(F.policy.clock(for: input))
        #expect(clock.deadline == fridayEvening.addingTimeInterval(15 * 60))
        #expect(clock.warnAt == fridayEvening.addingTimeInterval(7.5 * 60))
        #expect(
            clock.reasons.contains {
                $0.detail == "15m wall-clock time from Fri 2026-11-20 18:40 → Fri 2026-11-20 18:55"
            })
    }

    @Test func ownersCalendarTakesPrecedence() throws {
        let monday0700 = F.utc("2026-11-23T07:00:00Z")  // 08:00 in Berlin, 02:00 in New York
        let berlin = try #require(F.policy.clock(for: F.input(grade: "A1", calendar: "emea", at: monday0700)))
        #expect(berlin.deadline == F.utc("2026-11-23T09:00:00Z"))
        let newYork = try #require(F.policy.clock(for: F.input(grade: "A1", at: monday0700)))
        #expect(newYork.deadline == F.utc("2026-11-23T16:00:00Z"))
    }

    @Test func dispositionClockUsesTheTiersLimit() throws {
        let clock = try #require(F.policy.dispositionClock(for: F.input(grade: "A1", at: Self.tuesday1000)))
        // 16 business hours from Tue 10:00: Tue 6h30m, Wed 7h30m, Thu is Thanksgiving, Fri 2h → 11:00
        #expect(clock.deadline == F.utc("2026-11-27T16:00:00Z"))
        #expect(clock.warnAt == nil)
        #expect(F.policy.dispositionClock(for: F.input(stage: .mql, at: Self.tuesday1000)) == nil)
    }

    @Test func reassignmentRestartsOrKeepsAsTheTierSays() throws {
        let quote = SLAClock(id: "c1", tier: "quote", owner: .rep("ana"), warnAt: nil, deadline: Self.tuesday1000)
        let later = Self.tuesday1000.addingTimeInterval(600)
        let input = F.input(source: "quote-request", tier: "hot", at: later)
        let restarted = try #require(F.policy.reassigned(quote, input: input))
        #expect(restarted.deadline == later.addingTimeInterval(15 * 60))
        #expect(restarted.reasons.first?.rule == "sla-reassignment")
        let hot = SLAClock(id: "c2", tier: "hot", owner: .rep("ana"), warnAt: nil, deadline: Self.tuesday1000)
        #expect(F.policy.reassigned(hot, input: input) == nil)
    }

    @Test func resumingMovesTheDeadlineByTheBusinessTimeLeft() throws {
        let clock = SLAClock(
            id: "c1", tier: "hot", owner: .rep("ana"), warnAt: F.utc("2026-11-24T16:30:00Z"),
            deadline: F.utc("2026-11-24T17:00:00Z"))  // Tue 12:00 EST
        let pausedAt = F.utc("2026-11-24T16:00:00Z")  // Tue 11:00, 1h left
        let resumedAt = F.utc("2026-11-24T22:00:00Z")  // Tue 17:00, 30m left today
        let resumed = try #require(F.policy.resumed(clock, pausedAt: pausedAt, resumedAt: resumedAt))
        #expect(resumed.deadline == F.utc("2026-11-25T14:30:00Z"))  // Wed 09:30
        #expect(resumed.warnAt == F.utc("2026-11-24T22:30:00Z"))  // 30m left → Tue 17:30
        let quote = SLAClock(id: "c2", tier: "quote", owner: nil, warnAt: nil, deadline: resumedAt)
        #expect(F.policy.resumed(quote, pausedAt: pausedAt, resumedAt: resumedAt) == nil)
    }

    @Test func escalationStepsCountFromTheDeadlineOnTheTiersClock() throws {
        let deadline = F.utc("2026-11-24T22:15:00Z")  // Tue 17:15 EST
        let first = try #require(F.policy.escalation(tier: "hot", step: 0, deadline: deadline))
        #expect(first.step.step == .warnOwner && first.at == deadline)
        let second = try #require(F.policy.escalation(tier: "hot", step: 1, deadline: deadline))
        #expect(second.at == F.utc("2026-11-25T14:15:00Z"))  // 30m: 17:15–17:30, then Wed 09:00–09:15
        #expect(second.reasons.first?.detail == "step 2 of 4, 30m after the deadline")
        #expect(F.policy.escalation(tier: "hot", step: 4, deadline: deadline) == nil)
    }

    @Test func publicTypesAreSendable() async {
        let policy = F.policy
        let clock = await Task.detached { policy.clock(for: F.input(grade: "A1", at: Self.tuesday1000)) }.value
        #expect(clock != nil)
    }
}
