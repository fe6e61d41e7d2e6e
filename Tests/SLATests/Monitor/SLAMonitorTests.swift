import Foundation
import LeadModel
import SLA
import Testing

struct SLAMonitorTests {
    typealias F = SLAFixtures
    static let base = SLAFixtures.utc("2026-11-24T15:00:00Z")  // Tue 10:00 EST

    static func at(_ minutes: Double) -> Date { base.addingTimeInterval(minutes * 60) }

    static func started(
        _ id: SLAClockID, lead: LeadID = "L1", tier: String = "standard", warn: Double?, deadline: Double
    ) -> LeadEvent {
        LeadEvent(
            leadID: lead, occurredAt: base, actor: .system,
            payload: .slaStarted(
                SLAClock(id: id, tier: tier, owner: .rep("ana"), warnAt: warn.map(at), deadline: at(deadline))))
    }

    static func event(_ payload: LeadEvent.Payload, lead: LeadID = "L1") -> LeadEvent {
        LeadEvent(leadID: lead, occurredAt: base, actor: .system, payload: payload)
    }

    @Test func dueActionsComeEarliestFirst() {
        var monitor = SLAMonitor()
        monitor.apply(Self.started("a", warn: 30, deadline: 40))
        monitor.apply(Self.started("b", warn: 10, deadline: 20))
        monitor.apply(Self.started("c", warn: nil, deadline: 15))
        let due = monitor.due(at: Self.at(35))
        #expect(due.map(\.clockID) == ["b", "c", "a"])
        #expect(due.map(\.kind) == [.warn, .breach, .warn])
    }

    @Test func popDueChainsWarningAndBreachOfAnOverdueClock() {
        var monitor = SLAMonitor()
        monitor.apply(Self.started("a", warn: 30, deadline: 40))
        let popped = monitor.popDue(at: Self.at(60))
        #expect(popped.map(\.kind) == [.warn, .breach])
        #expect(popped.map(\.due) == [Self.at(30), Self.at(40)])
        #expect(monitor.count == 0)  // no ladder without a policy
        #expect(monitor.popDue(at: Self.at(60)).isEmpty)
    }

    @Test func popDueLeavesTheRestForTheNextCallWhenLimited() {
        var monitor = SLAMonitor()
        for index in 0..<5 {
            monitor.apply(Self.started(SLAClockID("c\(index)"), warn: nil, deadline: Double(index)))
        }
        #expect(monitor.popDue(at: Self.at(10), limit: 3).map(\.clockID) == ["c0", "c1", "c2"])
        #expect(monitor.popDue(at: Self.at(10)).map(\.clockID) == ["c3", "c4"])
    }

    @Test func metClockLeavesTheMonitor() {
        var monitor = SLAMonitor()
        monitor.apply(Self.started("a", warn: 30, deadline: 40))
        monitor.apply(Self.started("b", warn: nil, deadline: 50))
        monitor.apply(Self.event(.slaMet("a")))
        #expect(monitor.count == 1)
        #expect(monitor.nextDue == Self.at(50))
        #expect(monitor.popDue(at: Self.at(60)).map(\.clockID) == ["b"])
    }

    @Test func applyingTheEnginesEventsAfterPoppingIsIdempotent() {
        var ticking = SLAMonitor()
        var replayed = SLAMonitor()
        let start = Self.started("a", warn: 30, deadline: 40)
        ticking.apply(start)
        replayed.apply(start)
        _ = ticking.popDue(at: Self.at(35))
        let warned = Self.event(.slaWarned("a"))
        ticking.apply(warned)
        replayed.apply(warned)
        #expect(ticking.nextDue == Self.at(40))
        #expect(replayed.nextDue == Self.at(40))
    }

    @Test func escalationLadderFollowsTheBreachInOrder() {
        var monitor = SLAMonitor(policy: F.policy)
        // hot tier: warn-owner 0m, notify-manager 30m, reassign 2h, return-to-pool 8h (business time)
        monitor.apply(Self.started("a", tier: "hot", warn: nil, deadline: 60))  // Tue 11:00
        var kinds: [SLADueAction.Kind] = []
        var dues: [Date] = []
        for action in monitor.popDue(at: F.utc("2026-11-26T00:00:00Z")) {
            kinds.append(action.kind)
            dues.append(action.due)
        }
        #expect(
            kinds == [
                .breach, .escalate(index: 0, step: .warnOwner), .escalate(index: 1, step: .notifyManager),
                .escalate(index: 2, step: .reassign), .escalate(index: 3, step: .returnToPool),
            ])
        // 11:00 + 2h business skips lunch → 14:00; + 8h → Wed 11:30 (Tue 11–12, 13–17:30 = 5h30m, Wed 09:00–11:30)
        #expect(
            dues == [
                Self.at(60), Self.at(60), Self.at(90), F.utc("2026-11-24T19:00:00Z"), F.utc("2026-11-25T16:30:00Z"),
            ])
        #expect(monitor.count == 0)
    }

    @Test func escalationEventsAdvanceTheLadder() {
        var monitor = SLAMonitor(policy: F.policy)
        monitor.apply(Self.started("a", tier: "hot", warn: nil, deadline: 60))
        monitor.apply(Self.event(.slaBreached("a")))
        monitor.apply(Self.event(.slaEscalated(SLAEscalation(clockID: "a", step: "warn-owner"))))
        monitor.apply(Self.event(.slaEscalated(SLAEscalation(clockID: "a", step: "notify-manager"))))
        let next = monitor.due(at: F.utc("2026-11-24T19:00:00Z"))
        #expect(next.map(\.kind) == [.escalate(index: 2, step: .reassign)])
        #expect(next.first?.reasons.first?.detail == "step 3 of 4, 2h after the deadline")
    }

    @Test func restartReplacesTheOpenClock() {
        var monitor = SLAMonitor()
        monitor.apply(Self.started("a", warn: 30, deadline: 40))
        monitor.apply(Self.started("a", warn: 100, deadline: 120))
        #expect(monitor.count == 1)
        #expect(monitor.due(at: Self.at(60)).isEmpty)
        #expect(monitor.nextDue == Self.at(100))
    }

    @Test func dueCostFollowsWhatIsDueNotWhatIsOpen() {
        var monitor = SLAMonitor()
        monitor.reserveCapacity(10_000)
        for index in 0..<10_000 {
            // deadlines spread over ~7 days, in a scrambled order
            let minutes = Double((index * 7919) % 10_000)
            monitor.apply(
                Self.started(SLAClockID("c\(index)"), lead: LeadID("L\(index)"), warn: nil, deadline: minutes + 1))
        }
        var examined = 0
        let due = monitor.due(at: Self.at(10), examined: &examined)
        #expect(due.count == 10)
        #expect(examined <= 2 * due.count + 1)
        #expect(monitor.popDue(at: Self.at(10)).count == 10)
        #expect(monitor.count == 9_990)
    }
}

struct SLASendableTests {
    @Test func valuesCrossTaskBoundaries() async {
        var monitor = SLAMonitor(policy: SLAFixtures.policy)
        monitor.apply(SLAMonitorTests.started("a", warn: nil, deadline: 10))
        let snapshot = monitor
        let calendar = SLAFixtures.configuration.calendars["us-east"]!
        let due = await Task.detached { snapshot.due(at: SLAMonitorTests.at(20)).count }.value
        let start = await Task.detached { calendar.adding(0, to: SLAMonitorTests.base) }.value
        #expect(due == 1)
        #expect(start == SLAMonitorTests.base)
    }
}
