import LeadModel

/// One named requirement of the ``LeadModel/EventStore`` contract, checked against a store.
///
/// Run every check with ``EventStoreConformance``, or one at a time — for instance as the
/// arguments of a parameterised test, so that each check is reported on its own:
///
/// ```swift
/// @Test(arguments: EventStoreConformance.checks)
/// func conforms(_ check: ConformanceCheck) async throws {
///     try await check.run(MyPostgresStore(url: testDatabase()))
/// }
/// ```
///
/// With XCTest, loop over ``EventStoreConformance/EventStoreConformance/checks-swift.type.property`` or call
/// ``EventStoreConformance/runAll()``.
public struct ConformanceCheck: Sendable, Identifiable, CustomStringConvertible {
    /// What running a check found, when it found no violation.
    public enum Outcome: Hashable, Sendable {
        /// The store kept every promise the check looks at.
        case passed
        /// The check does not apply to this store (for instance a snapshot check on a store that
        /// is not a ``LeadModel/SnapshotStore``); the reason says why.
        case notApplicable(String)
    }

    /// A stable, unique, kebab-case name such as `idempotency-across-calls`.
    public let name: String
    /// One sentence saying what the check verifies.
    public let summary: String
    private let body: @Sendable (any EventStore) async throws -> Void

    /// Creates a check.
    ///
    /// - Parameters:
    ///   - name: a stable, unique name.
    ///   - summary: one sentence saying what it verifies.
    ///   - body: the check; it throws a ``ConformanceViolation`` for a broken promise, or calls
    ///     ``ConformanceCheck/notApplicable(_:)`` when the check does not apply.
    public init(
        name: String, summary: String, body: @escaping @Sendable (any EventStore) async throws -> Void
    ) {
        self.name = name
        self.summary = summary
        self.body = body
    }

    public var id: String { name }
    public var description: String { name }

    /// Runs the check against `store`, which should be new and empty.
    ///
    /// - Parameter store: a fresh store; checks assume it holds no events.
    /// - Returns: ``Outcome/passed`` or ``Outcome/notApplicable(_:)``.
    /// - Throws: ``ConformanceViolation`` naming this check when the store breaks the contract,
    ///   including when it throws an error the contract does not allow there.
    @discardableResult
    public func run(_ store: any EventStore) async throws(ConformanceViolation) -> Outcome {
        try await Self.outcome(of: name, unexpected: "the store does not fail unexpectedly") { try await body(store) }
    }

    /// Runs the body of a check called `name`: a ``ConformanceViolation`` it throws is named
    /// after the check, ``notApplicable(_:)`` becomes ``Outcome/notApplicable(_:)``, and any other
    /// error breaks the requirement `unexpected`.
    ///
    /// - Parameters:
    ///   - name: the check's name.
    ///   - unexpected: the requirement an unexpected error breaks.
    ///   - body: the check.
    /// - Returns: ``Outcome/passed`` or ``Outcome/notApplicable(_:)``.
    /// - Throws: ``ConformanceViolation`` naming the check.
    package static func outcome(
        of name: String, unexpected: String, _ body: () async throws -> Void
    ) async throws(ConformanceViolation) -> Outcome {
        do {
            try await body()
            return .passed
        } catch let violation as ConformanceViolation {
            var named = violation
            if named.check.isEmpty { named.check = name }
            throw named
        } catch let skip as NotApplicable {
            return .notApplicable(skip.reason)
        } catch {
            throw ConformanceViolation(
                check: name, requirement: unexpected, expected: "no error",
                observed: "\(type(of: error)): \(error)")
        }
    }

    /// Builds a fresh store with `makeStore` and runs the check against it.
    ///
    /// - Parameter makeStore: makes a new, empty store.
    /// - Returns: ``Outcome/passed`` or ``Outcome/notApplicable(_:)``.
    /// - Throws: ``ConformanceViolation`` when the store breaks the contract or cannot be made.
    @discardableResult
    public func run(using makeStore: @Sendable () async throws -> any EventStore)
        async throws(ConformanceViolation) -> Outcome
    {
        let store: any EventStore
        do {
            store = try await makeStore()
        } catch {
            throw ConformanceViolation(
                check: name, requirement: "the factory makes a store",
                expected: "a new, empty store", observed: "\(type(of: error)): \(error)")
        }
        return try await run(store)
    }

    /// Ends the running check as not applicable to the store under test.
    ///
    /// - Parameter reason: why the check does not apply.
    /// - Throws: always; ``run(_:)`` turns it into ``Outcome/notApplicable(_:)``.
    public static func notApplicable(_ reason: String) throws -> Never {
        throw NotApplicable(reason: reason)
    }
}

/// Thrown by ``ConformanceCheck/notApplicable(_:)``; caught by ``ConformanceCheck/run(_:)``.
struct NotApplicable: Error {
    var reason: String
}
