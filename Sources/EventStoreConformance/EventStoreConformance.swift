import LeadModel

/// The storage conformance suite: every promise of the ``LeadModel/EventStore`` contract as a named check,
/// runnable against any store from any test framework.
///
/// A store author proves a new store (PostgreSQL, SQLite, …) by running the suite from their own
/// tests. Each check gets a fresh store from the factory, so the factory must return a new,
/// empty store every time (for a file- or database-backed store: a new directory, schema or
/// database per call).
///
/// With Swift Testing, one test per check:
///
/// ```swift
/// import EventStoreConformance
/// import Testing
///
/// @Test(arguments: EventStoreConformance.checks)
/// func conforms(_ check: ConformanceCheck) async throws {
///     try await check.run(using: { try await MyStore.temporary() })
/// }
/// ```
///
/// With XCTest, or wherever one error listing everything is easiest:
///
/// ```swift
/// func testConformance() async throws {
///     try await EventStoreConformance(makeStore: { try await MyStore.temporary() }).runAll()
/// }
/// ```
///
/// The suite does not import a test framework; failures are ``ConformanceViolation`` errors that
/// say what the contract expected and what the store did.
public struct EventStoreConformance: Sendable {
    /// Makes a new, empty store.
    public typealias StoreFactory = @Sendable () async throws -> any EventStore

    /// Makes a new, empty store for each check.
    public let makeStore: StoreFactory
    /// The checks to run; every check unless chosen otherwise.
    public var checks: [ConformanceCheck]

    /// Creates the suite for the stores `makeStore` makes.
    ///
    /// - Parameters:
    ///   - checks: the checks to run; ``EventStoreConformance/EventStoreConformance/checks-swift.type.property`` by default.
    ///   - makeStore: makes a new, empty store; called once per check.
    public init(
        checks: [ConformanceCheck] = EventStoreConformance.checks,
        makeStore: @escaping StoreFactory
    ) {
        self.checks = checks
        self.makeStore = makeStore
    }

    /// Runs every check, one after another, each against a fresh store.
    ///
    /// - Returns: one result per check; a failed check does not stop the others.
    /// - Throws: `CancellationError` when the task is cancelled between checks.
    public func run() async throws -> ConformanceReport {
        try await ConformanceReport.running(checks, name: \.name) { check throws(ConformanceViolation) in
            try await check.run(using: makeStore)
        }
    }

    /// Runs every check and throws if any failed.
    ///
    /// - Throws: ``ConformanceFailure`` listing every failed check with what was expected and
    ///   what was seen; `CancellationError` when cancelled.
    public func runAll() async throws {
        let report = try await run()
        guard report.passed else { throw ConformanceFailure(violations: report.violations) }
    }

    /// Every check of the suite, in a stable order.
    public static var checks: [ConformanceCheck] {
        orderingChecks + versionChecks + idempotencyChecks + concurrencyChecks + erasureChecks
            + snapshotChecks
    }

    /// The check called `name`, if there is one.
    public static func check(named name: String) -> ConformanceCheck? {
        checks.first { $0.name == name }
    }
}
