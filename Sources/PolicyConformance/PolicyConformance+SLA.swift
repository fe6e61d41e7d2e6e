import Accord
import EventStoreConformance
import Foundation
import LeadModel
import SLA

extension PolicyConformance {
    /// The checks of an ``SLA/SLAPolicy``: the clock at handoff, pause and resume, the escalation
    /// ladder (folded again from the journal) and reassignment.
    public static var slaChecks: [PolicyCheck] {
        [
            PolicyCheck(
                name: "sla-clock-starts-at-handoff",
                summary: "The engine starts the clock the policy gives, with its reasons, not before now.",
                body: clockStarts),
            PolicyCheck(
                name: "sla-pause-and-resume",
                summary: "A paused clock neither warns nor breaches; it resumes at the instants the policy "
                    + "gives, and a policy without pauses is named in an unsupported error.",
                body: pauseAndResume),
            PolicyCheck(
                name: "sla-escalation-ladder",
                summary: "After a breach the policy's steps are recorded in order at their instants, and an "
                    + "engine reopened from the journal is due next when the ticking one is.",
                body: escalationLadder),
            PolicyCheck(
                name: "sla-reassignment",
                summary: "A reroute restarts the clock for the new owner when the policy says so and keeps "
                    + "it otherwise.",
                body: reassignment),
        ]
    }

    private static func policy(of subject: PolicyCheck.Subject) throws -> any SLAPolicy {
        guard let sla = subject.sla else { try ConformanceCheck.notApplicable("no SLA policy was given") }
        return sla
    }

    @Sendable private static func clockStarts(_ subject: PolicyCheck.Subject) async throws {
        let harness = try await PolicyHarness(sla: try policy(of: subject), router: nil, sample: subject.sample)
        let now = harness.clock.now
        let state = try await harness.handOff()
        let clock = try harness.firstTouchClock(of: state)
        try Expect.that(
            clock.deadline >= now, "a clock's deadline is not before it starts",
            expected: "a deadline at or after \(now.formatted(.iso8601))",
            observed: clock.deadline.formatted(.iso8601))
        let started = try await harness.engine.timeline(of: state.id).first {
            if case .slaStarted(let started) = $0.payload { return started.id == clock.id }
            return false
        }
        try Expect.that(
            started?.reasons.isEmpty == false, "a clock start says why (the policy's reasons are stored)",
            expected: "at least one reason on sla-started", observed: "none")
    }

    @Sendable private static func pauseAndResume(_ subject: PolicyCheck.Subject) async throws {
        let policy = try policy(of: subject)
        let harness = try await PolicyHarness(sla: policy, router: nil, sample: subject.sample)
        let state = try await harness.handOff()
        let clock = try harness.firstTouchClock(of: state)
        let engine = harness.engine
        var refusal: SLAPolicyError?
        do { try policy.checkPause(clock) } catch { refusal = error }
        if let refusal, refusal.code == .unsupported {
            do {
                try await engine.pauseClocks(of: state.id, reason: "conformance", by: .system)
            } catch let reported as SLAPolicyError {
                try Expect.equal(reported, refusal, "the engine reports the policy's own unsupported error")
                try Expect.that(
                    !reported.policy.isEmpty && reported.message.contains(reported.policy),
                    "an unsupported error names the policy", expected: "the policy's name in the message",
                    observed: reported.message)
                try ConformanceCheck.notApplicable("the policy does not pause clocks")
            }
            throw ConformanceViolation(
                requirement: "pausing under a policy without pauses fails",
                expected: "SLAPolicyError unsupported naming the policy", observed: "the clock paused")
        } else if let refusal {
            do {
                try await engine.pauseClocks(of: state.id, reason: "conformance", by: .system)
            } catch let reported as LeadModelError {
                try Expect.equal(reported.code, .invalidValue, "a refused pause is an invalid request for the lead")
                try Expect.equal(reported.message, refusal.message, "a refused pause says the policy's reason")
                try ConformanceCheck.notApplicable("the policy refuses to pause the sample lead's clock")
            }
            throw ConformanceViolation(
                requirement: "a pause the policy refuses fails", expected: "LeadModelError invalidValue",
                observed: "the clock paused")
        }

        // Pause a third of the way to the deadline, stay paused past it, then resume.
        let pausedAt = harness.clock.now.addingTimeInterval(clock.deadline.timeIntervalSince(harness.clock.now) / 3)
        harness.clock.set(pausedAt)
        let paused = try await engine.pauseClocks(of: state.id, reason: "conformance", by: .system)
        try Expect.that(
            paused.contains(clock.id), "a clock the policy lets pause is paused", expected: "[\(clock.id)]",
            observed: "\(paused)")
        try Expect.equal(await engine.pausedSince(clock.id), pausedAt, "a paused clock says when it paused")
        let resumedAt = clock.deadline.addingTimeInterval(3_600)
        harness.clock.set(resumedAt)
        try await engine.tick()
        try Expect.equal(
            try await harness.clockEvents(clock.id, of: state.id), ["sla-started", "sla-paused"],
            "a paused clock neither warns nor breaches")
        let expected = try policy.resume(clock, pausedAt: pausedAt, resumedAt: resumedAt)
        let resumed = try await engine.resumeClocks(of: state.id, by: .system).first { $0.id == clock.id }
        guard let expected else {
            try Expect.that(
                await engine.pausedSince(clock.id) != nil, "a clock the policy does not resume stays paused",
                expected: "still paused", observed: "resumed")
            return
        }
        try Expect.that(
            expected.deadline >= resumedAt, "a resumed deadline is not before the resume",
            expected: "at or after \(resumedAt.formatted(.iso8601))",
            observed: expected.deadline.formatted(.iso8601))
        try Expect.equal(resumed?.deadline, expected.deadline, "the resumed deadline is the policy's")
        try Expect.equal(resumed?.warnAt, expected.warnAt, "the resumed warning is the policy's")
        let recorded = try await engine.timeline(of: state.id).compactMap { event -> SLAResume? in
            if case .slaResumed(let resume) = event.payload, resume.clockID == clock.id { return resume }
            return nil
        }
        try Expect.equal(recorded.map(\.pausedFor), [expected.pausedFor], "sla-resumed records the policy's pause")
        let reopened = try await harness.reopened()
        try Expect.equal(
            await reopened.nextClockDue, await engine.nextClockDue,
            "an engine reopened from the journal is due next when the live one is")
    }

    @Sendable private static func escalationLadder(_ subject: PolicyCheck.Subject) async throws {
        let policy = try policy(of: subject)
        let harness = try await PolicyHarness(sla: policy, router: nil, sample: subject.sample)
        let state = try await harness.handOff()
        let clock = try harness.firstTouchClock(of: state)
        var ladder: [SLAEscalationDue] = []
        while ladder.count < 32, let step = policy.escalation(of: clock, step: ladder.count) {
            try Expect.equal(
                policy.escalation(of: clock, step: ladder.count), step,
                "the policy gives the same step every time it is asked")
            try Expect.that(
                step.at >= (ladder.last?.at ?? clock.deadline), "escalation steps are due in order, after the deadline",
                expected: "step \(ladder.count) at or after \((ladder.last?.at ?? clock.deadline).formatted(.iso8601))",
                observed: step.at.formatted(.iso8601))
            ladder.append(step)
            // A reassignment or a return to the pool carries the clock on; the ladder may start over.
            if step.action == .reassign || step.action == .returnToPool { break }
        }
        for instant in Set([clock.deadline] + ladder.map(\.at)).sorted() {
            for probe in [instant.addingTimeInterval(-1), instant] where probe > harness.clock.now {
                harness.clock.set(probe)
                try await harness.engine.tick()
                let events = try await harness.clockEvents(clock.id, of: state.id)
                let escalated = events.filter { $0.hasPrefix("sla-escalated:") }
                let due = ladder.filter { $0.at <= probe }.map { "sla-escalated:\($0.action.rawValue)" }
                try Expect.equal(escalated, due, "each step is recorded at its instant, in order, once")
                try Expect.equal(
                    events.contains("sla-breached"), probe >= clock.deadline, "the clock breaches at its deadline")
                let reopened = try await harness.reopened()
                try Expect.equal(
                    await reopened.nextClockDue, await harness.engine.nextClockDue,
                    "an engine reopened from the journal is due next when the ticking one is")
            }
        }
        if ladder.isEmpty {
            try ConformanceCheck.notApplicable("the policy has no escalation ladder for the sample lead")
        }
    }

    @Sendable private static func reassignment(_ subject: PolicyCheck.Subject) async throws {
        let policy = try policy(of: subject)
        let harness = try await PolicyHarness(sla: policy, router: nil, sample: subject.sample)
        let state = try await harness.handOff()
        let clock = try harness.firstTouchClock(of: state)
        harness.clock.set(harness.clock.now.addingTimeInterval(clock.deadline.timeIntervalSince(harness.clock.now) / 2))
        let after = try await harness.engine.reroute(state.id, by: .system, reason: "conformance")
        try Expect.that(
            after.owner != state.owner, "the kit's router moves the lead", expected: "a new owner",
            observed: "the same owner")
        let input = SLAInput(
            state: after, now: harness.clock.now,
            qualificationTier: after.lead.attributes[AlignmentEngine.tierAttribute]?.text)
        let restart = policy.reassigned(clock, input: input)
        let now = after.openClocks[clock.id]
        if let restart {
            try Expect.equal(now?.deadline, restart.deadline, "a restarted clock has the policy's deadline")
            try Expect.equal(now?.owner, after.owner, "a restarted clock runs for the new owner")
        } else {
            try Expect.equal(now, clock, "a kept clock keeps its deadline and owner")
        }
    }
}
