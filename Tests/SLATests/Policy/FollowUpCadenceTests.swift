import Foundation
import LeadModel
import SLA
import Testing

struct FollowUpCadenceTests {
    static let start = SLAFixtures.utc("2026-11-23T14:00:00Z")
    static let cadence = FollowUpCadence(attempts: 3, within: .days(2), minimumSpacing: .hours(4))

    static func hours(_ values: Double...) -> [Date] { values.map { start.addingTimeInterval($0 * 3600) } }

    @Test func touchesSpacedApartMeetTheCadence() {
        let status = Self.cadence.evaluate(touches: Self.hours(0, 5, 24), from: Self.start, now: Self.hours(30)[0])
        #expect(status.isMet)
        #expect(status.nextAttemptFrom == nil)
    }

    @Test func touchesTooCloseTogetherCountOnce() {
        let status = Self.cadence.evaluate(touches: Self.hours(1, 1.5, 2, 3), from: Self.start, now: Self.hours(6)[0])
        #expect(status.attemptsCounted == 1)
        #expect(status.tooClose == 3)
        #expect(status.nextAttemptFrom == Self.hours(5)[0])
    }

    @Test func touchesAfterThePeriodDoNotCountAndTheMissIsExplained() {
        let status = Self.cadence.evaluate(touches: Self.hours(0, 10, 60), from: Self.start, now: Self.hours(72)[0])
        #expect(status.attemptsCounted == 2)
        #expect(!status.isMet)
        #expect(status.reasons.first?.detail == "2 of 3 attempts within 2d; the period has ended: cadence missed")
    }
}
