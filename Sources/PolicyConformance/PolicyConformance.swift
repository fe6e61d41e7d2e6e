import Accord
public import EventStoreConformance
public import Routing
public import SLA

/// The policy conformance suite: the engine's pause, resume, escalation, reassignment and
/// rep-status scenarios as named checks, run through a real ``Accord/AlignmentEngine`` against any
/// ``SLA/SLAPolicy`` and ``Routing/LeadRouter``, from any test framework.
///
/// A host proves its own policy or router by running the suite from its tests. Each check opens a
/// fresh engine on an in-memory journal driven by a ``Accord/ManualClock``, hands a sample lead
/// off, moves the clock and compares what the engine recorded with what the policy answers
/// (reopening the engine from the journal where folding matters). The SLA checks use a router of
/// the kit's own with three reps; the routing checks use the standard playbook's SLA.
///
/// With Swift Testing, one test per check:
///
/// ```swift
/// import PolicyConformance
/// import Testing
///
/// @Test(arguments: PolicyConformance.checks)
/// func conforms(_ check: PolicyCheck) async throws {
///     let outcome = try await check.run(sla: MyCompanySLA(), router: TerritoryRouter())
///     #expect(outcome == .passed)
/// }
/// ```
///
/// Or wherever one error listing everything is easiest:
///
/// ```swift
/// try await PolicyConformance(sla: MyCompanySLA(), router: TerritoryRouter()).runAll()
/// ```
///
/// The suite does not import a test framework; failures are
/// ``EventStoreConformance/ConformanceViolation`` errors that say what the contract expected and
/// what the engine recorded with the policy. A check about a policy that was not given (an SLA
/// check without `sla`) does not apply, and neither does one about a capability the policy
/// declines (pausing for a policy whose ``SLA/SLAPolicy/checkPause(_:)`` is the default);
/// the check then verifies only that the engine reports the refusal as the contract says.
public struct PolicyConformance: Sendable {
    /// The SLA policy under test, if any.
    public var sla: (any SLAPolicy)?
    /// The router under test, if any.
    public var router: (any LeadRouter)?
    /// The lead each check hands off.
    public var sample: PolicySample
    /// The checks to run; every check unless chosen otherwise.
    public var checks: [PolicyCheck]

    /// Creates the suite for a policy, a router, or both.
    ///
    /// - Parameters:
    ///   - sla: the SLA policy under test; `nil` makes the SLA checks not applicable.
    ///   - router: the router under test; `nil` makes the routing checks not applicable.
    ///   - sample: the lead each check hands off; it must get a clock from `sla` and a decision
    ///     from `router`.
    ///   - checks: the checks to run; ``PolicyConformance/checks`` by default.
    public init(
        sla: (any SLAPolicy)? = nil, router: (any LeadRouter)? = nil, sample: PolicySample = PolicySample(),
        checks: [PolicyCheck] = PolicyConformance.checks
    ) {
        self.sla = sla
        self.router = router
        self.sample = sample
        self.checks = checks
    }

    /// Runs every check, one after another, each on a fresh engine.
    ///
    /// - Returns: one result per check; a failed check does not stop the others.
    /// - Throws: `CancellationError` when the task is cancelled between checks.
    public func run() async throws -> ConformanceReport {
        try await ConformanceReport.running(checks, name: \.name) { check throws(ConformanceViolation) in
            try await check.run(sla: sla, router: router, sample: sample)
        }
    }

    /// Runs every check and throws if any failed.
    ///
    /// - Throws: ``EventStoreConformance/ConformanceFailure`` (suite `Policy`) listing every failed
    ///   check with what was expected and what was seen; `CancellationError` when cancelled.
    public func runAll() async throws {
        let report = try await run()
        guard report.passed else { throw ConformanceFailure(violations: report.violations, suite: "Policy") }
    }

    /// Every check of the suite, in a stable order.
    public static var checks: [PolicyCheck] { slaChecks + routingChecks }

    /// The check called `name`, if there is one.
    ///
    /// - Parameter name: the check's name, such as `sla-pause-and-resume`.
    /// - Returns: the check, or `nil`.
    public static func check(named name: String) -> PolicyCheck? {
        checks.first { $0.name == name }
    }
}
