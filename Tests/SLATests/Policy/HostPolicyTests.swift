import Foundation
import LeadModel
import SLA
import Testing

/// An ``SLAPolicy`` written by a host, not derived from ``TieredSLAPolicy``: the monitor, the
/// health report and the snapshot ask it, and the protocol's defaults say what a policy that
/// implements only `clock(for:)` does.
struct HostPolicyTests {
    typealias T = SLAMonitorTests

    /// Only the required `clock(for:)`: every other answer is the protocol's default.
    struct ClockOnly: SLAPolicy {
        func clock(for input: SLAInput) -> SLAClockStart? {
            SLAClockStart(tier: "any", warnAt: nil, deadline: input.now + 60, reasons: [])
        }
    }

    /// Its own ladder: warn the owner 10 minutes after the deadline, reassign 50 minutes after;
    /// its own calendar-free health terms with a follow-up cadence.
    struct OwnLadder: SLAPolicy {
        func clock(for input: SLAInput) -> SLAClockStart? { nil }

        func escalation(of clock: SLAClock, step index: Int) -> SLAEscalationDue? {
            let ladder: [(EscalationStep.Action, TimeInterval)] = [(.warnOwner, 600), (.reassign, 3_000)]
            guard ladder.indices.contains(index) else { return nil }
            return SLAEscalationDue(
                action: ladder[index].0, at: clock.deadline + ladder[index].1,
                reasons: [Reason(rule: "own-ladder", detail: "step \(index + 1)")])
        }

        func healthTerms(forTier tier: String) -> SLAHealthTerms {
            SLAHealthTerms(followUp: FollowUpCadence(attempts: 1, within: SLADuration(seconds: 3_600)))
        }
    }

    static let clock = SLAClock(id: "c", tier: "any", owner: .rep("ana"), warnAt: nil, deadline: T.at(10))

    @Test func theDefaultsKeepClocksRunningWithoutALadderAndRefusePausesByName() throws {
        let policy = ClockOnly()
        #expect(policy.escalation(of: Self.clock, step: 0) == nil)
        #expect(
            policy.reassigned(Self.clock, input: SLAInput(state: SLAFixtures.state(at: T.base), now: T.base)) == nil)
        #expect(policy.healthTerms(forTier: "any").calendar == nil)
        #expect(policy.healthTerms(forTier: "any").followUp == nil)
        #expect(policy.commitmentTracker() == nil)
        #expect(policy.snapshotFingerprint == nil)
        let pause = #expect(throws: SLAPolicyError.self) { try policy.checkPause(Self.clock) }
        #expect(pause?.code == .unsupported)
        #expect(pause?.policy == "ClockOnly")
        #expect(pause?.operation == .pause)
        #expect(pause?.description.contains("ClockOnly") == true)
        #expect(pause?.description.contains("checkPause(_:)") == true)
        let resume = #expect(throws: SLAPolicyError.self) {
            try policy.resume(Self.clock, pausedAt: T.base, resumedAt: T.at(5))
        }
        #expect(resume?.code == .unsupported)
        #expect(resume?.operation == .resume)
    }

    @Test func theMonitorEscalatesOnTheHostsLadderAndAReplayFoldsItTheSameWay() {
        var ticking = SLAMonitor(policy: OwnLadder())
        ticking.apply(T.started("c", warn: nil, deadline: 10))
        let due = ticking.popDue(at: T.at(20))
        #expect(due.map(\.kind) == [.breach, .escalate(index: 0, step: .warnOwner)])
        #expect(due.last?.due == T.at(20))
        #expect(due.last?.reasons == [Reason(rule: "own-ladder", detail: "step 1")])
        #expect(ticking.nextDue == T.at(60))

        var replayed = SLAMonitor(policy: OwnLadder())
        replayed.apply(T.started("c", warn: nil, deadline: 10))
        replayed.apply(T.event(.slaBreached("c")))
        replayed.apply(T.event(.slaEscalated(SLAEscalation(clockID: "c", step: "warn-owner", target: .rep("ana")))))
        #expect(replayed.nextDue == ticking.nextDue)
        #expect(replayed.due(at: T.at(60)).map(\.kind) == [.escalate(index: 1, step: .reassign)])
        replayed.apply(T.event(.slaEscalated(SLAEscalation(clockID: "c", step: "reassign", target: .rep("ana")))))
        #expect(replayed.count == 0, "past the end of the host's ladder the clock leaves the monitor")
    }

    @Test func aSnapshotIsTrustedOnlyUnderAFingerprint() throws {
        var monitor = SLAMonitor(policy: OwnLadder())
        monitor.apply(T.started("c", warn: nil, deadline: 10))
        let bytes = try monitor.snapshotBytes()
        #expect(try SLAMonitor(snapshotBytes: bytes, policy: OwnLadder()) == nil, "no fingerprint: fold the journal")
        let tiered = SLAMonitor(policy: SLAFixtures.policy)
        #expect(try SLAMonitor(snapshotBytes: tiered.snapshotBytes(), policy: SLAFixtures.policy) != nil)
        #expect(try SLAMonitor(snapshotBytes: tiered.snapshotBytes(), policy: OwnLadder()) == nil)
    }

    @Test func healthJudgesTheCadenceTheHostsTermsGive() {
        var report = SLAHealthReport(policy: OwnLadder())
        for event in SLAHealthTests.events(1, source: "ads", rep: "ana", offset: 0, touches: [600], breached: false) {
            report.apply(event)
        }
        let start = SLAHealthTests.start
        let health = report.health(from: start, to: start + 86_400, now: start + 86_400)
        #expect(health.cadenceEvaluated == 1)
        #expect(health.cadenceMet == 1)
        #expect(health.firstTouchBusiness.median == 600, "no calendar in the terms: wall time")
    }
}
