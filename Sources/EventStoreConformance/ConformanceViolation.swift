import LeadModel

/// One broken promise of the ``LeadModel/EventStore`` contract, found by a ``ConformanceCheck``
/// (or of the SLA policy and router contracts, found by the `PolicyConformance` kit).
///
/// It says which check found it, which requirement of the contract was broken, what the contract
/// expected and what the store (or policy) did instead. Descriptions show event kinds, leads and positions,
/// never whole payloads.
public struct ConformanceViolation: Error, Hashable, Sendable, CustomStringConvertible {
    /// The name of the check that found the violation.
    public var check: String
    /// The requirement broken, in words ("a duplicate reports the original position").
    public var requirement: String
    /// What the contract expected.
    public var expected: String
    /// What the store did.
    public var observed: String

    /// Creates a violation.
    ///
    /// - Parameters:
    ///   - check: the name of the check that found it; filled in by ``ConformanceCheck`` when
    ///     empty.
    ///   - requirement: the requirement broken.
    ///   - expected: what the contract expected.
    ///   - observed: what the store did.
    public init(check: String = "", requirement: String, expected: String, observed: String) {
        self.check = check
        self.requirement = requirement
        self.expected = expected
        self.observed = observed
    }

    public var description: String {
        "\(check): \(requirement) — expected \(expected), saw \(observed)"
    }
}

/// The error ``EventStoreConformance/runAll()`` (and the `PolicyConformance` kit's `runAll()`)
/// throws when any check fails: every violation, one per failed check.
public struct ConformanceFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// One violation per failed check, in the order the checks ran.
    public var violations: [ConformanceViolation]
    /// The suite that ran the checks, such as `EventStore`.
    public var suite: String

    /// Creates a failure listing `violations`.
    ///
    /// - Parameters:
    ///   - violations: one violation per failed check.
    ///   - suite: the suite that ran the checks.
    public init(violations: [ConformanceViolation], suite: String = "EventStore") {
        self.violations = violations
        self.suite = suite
    }

    /// The names of the failed checks.
    public var failedChecks: [String] { violations.map(\.check) }

    public var description: String {
        let lines = violations.map { "  - \($0)" }
        return "\(violations.count) \(suite) conformance check(s) failed:\n"
            + lines.joined(separator: "\n")
    }
}
