public import EventStoreConformance
public import Foundation
public import LeadModel
public import Routing
public import SLA

/// The lead a ``PolicyCheck`` hands off: a person and the signal that makes them a lead ready for
/// sales under the standard playbook.
public struct PolicySample: Sendable {
    /// The person, as a capture form would send them. Use made-up data.
    public var person: Lead
    /// The signal recorded for them; its instant is set to the check's clock.
    public var signal: Signal

    /// Makes a sample; by default a made-up person from `example.com` who asked for a quote on the
    /// website, which the standard playbook hands off to sales at once.
    ///
    /// - Parameters:
    ///   - person: the person.
    ///   - signal: the signal recorded for them.
    public init(
        person: Lead = Lead(id: "", email: "conformance@example.com", company: "Example", source: "website"),
        signal: Signal = Signal(kind: .quoteRequested, occurredAt: .distantPast)
    ) {
        self.person = person
        self.signal = signal
    }
}

/// One named scenario of the engine/policy contract, run through a real engine against an SLA
/// policy and a router.
///
/// Run every check with ``PolicyConformance``, or one at a time as the arguments of a
/// parameterised test.
public struct PolicyCheck: Sendable, Identifiable, CustomStringConvertible {
    /// A stable, unique, kebab-case name such as `sla-pause-and-resume`.
    public let name: String
    /// One sentence saying what the check verifies.
    public let summary: String
    private let body: @Sendable (Subject) async throws -> Void

    /// What a check runs against.
    struct Subject: Sendable {
        var sla: (any SLAPolicy)?
        var router: (any LeadRouter)?
        var sample: PolicySample
    }

    init(name: String, summary: String, body: @escaping @Sendable (Subject) async throws -> Void) {
        self.name = name
        self.summary = summary
        self.body = body
    }

    public var id: String { name }
    public var description: String { name }

    /// Runs the check.
    ///
    /// - Parameters:
    ///   - sla: the SLA policy under test, if any.
    ///   - router: the router under test, if any.
    ///   - sample: the lead the check hands off.
    /// - Returns: ``EventStoreConformance/ConformanceCheck/Outcome/passed``, or
    ///   ``EventStoreConformance/ConformanceCheck/Outcome/notApplicable(_:)`` with the reason
    ///   (the policy the check is about was not given, or it declines the capability).
    /// - Throws: ``EventStoreConformance/ConformanceViolation`` naming this check when the engine
    ///   and the policy break the contract, including when either throws an error the contract
    ///   does not allow there.
    @discardableResult
    public func run(
        sla: (any SLAPolicy)? = nil, router: (any LeadRouter)? = nil, sample: PolicySample = PolicySample()
    ) async throws(ConformanceViolation) -> ConformanceCheck.Outcome {
        try await ConformanceCheck.outcome(of: name, unexpected: "the engine and the policy do not fail unexpectedly") {
            try await body(Subject(sla: sla, router: router, sample: sample))
        }
    }
}
