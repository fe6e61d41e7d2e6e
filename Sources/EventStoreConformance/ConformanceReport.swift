/// What ``EventStoreConformance/run()`` found: one result per check, in the order they ran.
public struct ConformanceReport: Hashable, Sendable, CustomStringConvertible {
    /// The result of one check.
    public struct Result: Hashable, Sendable {
        /// What happened when the check ran.
        public enum Outcome: Hashable, Sendable {
            /// The store kept every promise the check looks at.
            case passed
            /// The check does not apply to the store; the reason says why.
            case notApplicable(String)
            /// The store broke the contract.
            case failed(ConformanceViolation)
        }

        /// The check's name.
        public var check: String
        /// What happened.
        public var outcome: Outcome

        public init(check: String, outcome: Outcome) {
            self.check = check
            self.outcome = outcome
        }
    }

    /// One result per check, in the order they ran.
    public var results: [Result]

    public init(results: [Result]) {
        self.results = results
    }

    /// Runs checks one after another.
    ///
    /// - Parameters:
    ///   - checks: the checks, in order.
    ///   - name: a check's name.
    ///   - run: runs one check.
    /// - Returns: one result per check; a failed check does not stop the others.
    /// - Throws: `CancellationError` when the task is cancelled between checks.
    package static func running<Check>(
        _ checks: [Check], name: (Check) -> String,
        _ run: (Check) async throws(ConformanceViolation) -> ConformanceCheck.Outcome
    ) async throws -> ConformanceReport {
        var results: [Result] = []
        for check in checks {
            try Task.checkCancellation()
            do {
                switch try await run(check) {
                case .passed: results.append(Result(check: name(check), outcome: .passed))
                case .notApplicable(let reason):
                    results.append(Result(check: name(check), outcome: .notApplicable(reason)))
                }
            } catch {
                results.append(Result(check: name(check), outcome: .failed(error)))
            }
        }
        return ConformanceReport(results: results)
    }

    /// Every violation found, one per failed check.
    public var violations: [ConformanceViolation] {
        results.compactMap {
            if case .failed(let violation) = $0.outcome { return violation }
            return nil
        }
    }

    /// Whether no check failed. Checks that do not apply count as passing.
    public var passed: Bool { violations.isEmpty }

    /// The names of the checks that failed.
    public var failedChecks: [String] { violations.map(\.check) }

    public var description: String {
        results.map { result in
            switch result.outcome {
            case .passed: return "pass  \(result.check)"
            case .notApplicable(let reason): return "n/a   \(result.check) (\(reason))"
            case .failed(let violation): return "FAIL  \(violation)"
            }
        }.joined(separator: "\n")
    }
}
