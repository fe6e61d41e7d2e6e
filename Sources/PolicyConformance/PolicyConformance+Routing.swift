import Accord
import EventStoreConformance
import Foundation
import LeadModel
import Routing

extension PolicyConformance {
    /// The checks of a ``Routing/LeadRouter``: the rep statuses the engine reports through it, and
    /// the reps a reroute excludes.
    public static var routingChecks: [PolicyCheck] {
        [
            PolicyCheck(
                name: "router-rep-statuses",
                summary: "The engine reports the router's rep statuses: one per rep, the rep it routed the "
                    + "sample to among them with the lead counted, the same after reopening from the journal.",
                body: repStatuses),
            PolicyCheck(
                name: "router-honours-exclusions",
                summary: "A manual reroute never gives the lead back to the rep it is taken from: the router "
                    + "passes over the context's excluded reps.",
                body: exclusions),
        ]
    }

    @Sendable private static func exclusions(_ subject: PolicyCheck.Subject) async throws {
        guard let router = subject.router else { try ConformanceCheck.notApplicable("no router was given") }
        let harness = try await PolicyHarness(sla: subject.sla, router: router, sample: subject.sample)
        let state = try await harness.handOff()
        guard case .rep(let owner)? = state.owner else {
            try ConformanceCheck.notApplicable(
                "the router gave the sample lead to \(state.owner.map { "\($0)" } ?? "nobody"), not a rep; "
                    + "pass a sample it routes to a rep")
        }
        let rerouted = try await harness.engine.reroute(
            state.id, by: .system, reason: "policy conformance: take the lead from \(owner)")
        if case .rep(let again)? = rerouted.owner {
            try Expect.that(
                again != owner, "a reroute passes over the rep the lead is taken from",
                expected: "an owner other than \(owner)", observed: "\(again)")
        }
    }

    @Sendable private static func repStatuses(_ subject: PolicyCheck.Subject) async throws {
        guard let router = subject.router else { try ConformanceCheck.notApplicable("no router was given") }
        let harness = try await PolicyHarness(sla: subject.sla, router: router, sample: subject.sample)
        guard let before = await harness.engine.repStatuses() else {
            try ConformanceCheck.notApplicable("the router does not report rep statuses")
        }
        let reps = before.map(\.rep)
        try Expect.that(
            Set(reps).count == reps.count, "a router lists each rep once", expected: "unique reps",
            observed: "\(reps)")
        let state = try await harness.handOff()
        let after = await harness.engine.repStatuses()
        try Expect.equal(after?.map(\.rep), reps, "a router lists the same reps as the journal grows")
        let reopened = try await harness.reopened()
        try Expect.equal(
            await reopened.repStatuses(), after, "an engine reopened from the journal reports the same statuses")
        // Without a rep to count against, the check would pass without looking at a load.
        guard case .rep(let owner)? = state.owner else {
            try ConformanceCheck.notApplicable(
                "the router gave the sample lead to \(state.owner.map { "\($0)" } ?? "nobody"), not a rep; "
                    + "pass a sample it routes to a rep")
        }
        guard let old = before.first(where: { $0.rep == owner }) else {
            throw ConformanceViolation(
                requirement: "a router lists the reps it routes to", expected: "\(owner) among the statuses",
                observed: "\(reps)")
        }
        let new = after?.first { $0.rep == owner }
        try Expect.equal(new?.openLeads, old.openLeads + 1, "the routed lead counts against its rep's open leads")
        try Expect.equal(new?.newToday, old.newToday + 1, "the routed lead counts against its rep's new leads today")
    }
}
