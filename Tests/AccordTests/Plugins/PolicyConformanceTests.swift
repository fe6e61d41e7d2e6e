import Accord
import EventStoreConformance
import Foundation
import LeadModel
import PolicyConformance
import Routing
import SLA
import Testing

/// The built-in SLA policy and router, and a host's own, against every check of the policy
/// conformance kit; and the kit against a policy that breaks the contract, to show that it fails.
struct PolicyConformanceTests {
    /// The standard playbook's tiers with pauses allowed, so that every check applies.
    static func tiered() -> TieredSLAPolicy {
        var configuration = Playbook.standard.sla!
        for index in configuration.tiers.indices { configuration.tiers[index].pauseAllowed = true }
        return TieredSLAPolicy(configuration: configuration)
    }

    /// Three reps in one round-robin pool.
    static func ruleRouter() throws -> RuleRouter {
        try RuleRouter(rules: JSONDecoder().decode(RoutingRules.self, from: Data(ReassignmentTests.routing.utf8)))
    }

    @Test(arguments: PolicyConformance.checks)
    func theBuiltInPolicyAndRouterConform(_ check: PolicyCheck) async throws {
        let outcome = try await check.run(sla: Self.tiered(), router: try Self.ruleRouter())
        #expect(outcome == .passed)
    }

    @Test(arguments: PolicyConformance.checks)
    func aHostsOwnPolicyAndRouterConform(_ check: PolicyCheck) async throws {
        let outcome = try await check.run(sla: HostSLA(), router: TerritoryRouter())
        #expect(outcome == .passed)
    }

    @Test func theWholeSuiteReportsEveryCheck() async throws {
        let report = try await PolicyConformance(sla: HostSLA(), router: TerritoryRouter()).run()
        #expect(report.passed, "\(report)")
        #expect(report.results.map(\.check) == PolicyConformance.checks.map(\.name))
    }

    @Test func checkNamesAreUnique() {
        let names = PolicyConformance.checks.map(\.name)
        #expect(Set(names).count == names.count)
    }

    @Test func aPolicyWithoutPausesIsNamedAndThePauseCheckDoesNotApply() async throws {
        let check = try #require(PolicyConformance.check(named: "sla-pause-and-resume"))
        #expect(try await check.run(sla: FiveMinuteSLA()) == .notApplicable("the policy does not pause clocks"))
        let tier = try #require(PolicyConformance.check(named: "sla-pause-and-resume"))
        #expect(
            try await tier.run(sla: TieredSLAPolicy(configuration: Playbook.standard.sla!))
                == .notApplicable("the policy refuses to pause the sample lead's clock"))
    }

    @Test func checksAboutAPolicyNotGivenDoNotApply() async throws {
        let report = try await PolicyConformance().run()
        #expect(report.passed)
        #expect(report.results.allSatisfy { if case .notApplicable = $0.outcome { true } else { false } })
    }

    @Test func aRouterThatGivesTheSampleToNoRepDoesNotPassTheRepStatusCheck() async throws {
        let check = try #require(PolicyConformance.check(named: "router-rep-statuses"))
        #expect(
            try await check.run(router: QueueOnlyRouter())
                == .notApplicable(
                    "the router gave the sample lead to queue:inbound, not a rep; pass a sample it routes to a rep"))
    }

    @Test func aRouterThatRoutesToARepItDoesNotListFailsTheRepStatusCheck() async throws {
        let check = try #require(PolicyConformance.check(named: "router-rep-statuses"))
        let suite = PolicyConformance(router: UnlistedRepRouter(), checks: [check])
        let failure = await #expect(throws: ConformanceFailure.self) { try await suite.runAll() }
        #expect(failure?.failedChecks == ["router-rep-statuses"])
        #expect(failure?.violations.first?.requirement == "a router lists the reps it routes to")
    }

    @Test func aRouterThatGivesARerouteBackToTheSameRepFailsTheExclusionCheckOnly() async throws {
        let suite = PolicyConformance(router: StickyRouter(), checks: PolicyConformance.routingChecks)
        let failure = await #expect(throws: ConformanceFailure.self) { try await suite.runAll() }
        #expect(failure?.failedChecks == ["router-honours-exclusions"])
        #expect(failure?.violations.first?.requirement == "a reroute passes over the rep the lead is taken from")
    }

    @Test func aLadderOutOfOrderFailsTheLadderCheckByName() async throws {
        let suite = PolicyConformance(sla: LadderOutOfOrderSLA())
        let failure = await #expect(throws: ConformanceFailure.self) { try await suite.runAll() }
        #expect(failure?.failedChecks == ["sla-escalation-ladder"])
        #expect(failure?.violations.first?.requirement == "escalation steps are due in order, after the deadline")
        #expect(failure?.description.hasPrefix("1 Policy conformance check(s) failed") == true)
    }
}
