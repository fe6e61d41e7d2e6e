import Foundation

/// A named benchmark: something to time, with a one-line description for `--list`.
///
/// Benchmark groups (one file each: `MemoryStoreBenchmarks`, `CodecBenchmarks`, …) make these
/// and ``BenchmarkRegistry/standard`` lists them.
struct Benchmark: Sendable {
    /// The name used on the command line and in the output, such as `memory-append`.
    let name: String
    /// One line for `--list`.
    let summary: String
    /// Runs the benchmark and returns its measurements (usually one).
    let run: @Sendable (BenchContext) async throws -> [Measurement]
}

/// What a running benchmark gets from the runner.
struct BenchContext: Sendable {
    /// The `--count` override, if given.
    var countOverride: Int?
    /// A new, empty scratch directory for this benchmark alone; removed after it runs.
    var directory: URL
    /// Runs the SQLite baseline, or `nil` when comparisons are off or unavailable.
    var sqlite: SQLiteBaseline?
    /// Prints a note for humans on standard error (never on standard output, which is JSON).
    var note: @Sendable (String) -> Void

    /// The scale to run at: `--count` when given, otherwise the benchmark's default.
    func count(default value: Int) -> Int { countOverride ?? value }
}

/// An error a benchmark reports when what it measured is wrong (not merely slow).
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Times `body` with the continuous clock.
///
/// - Returns: the seconds `body` took and what it returned.
func measure<T>(_ body: () async throws -> T) async rethrows -> (seconds: Double, value: T) {
    let clock = ContinuousClock()
    let start = clock.now
    let value = try await body()
    let elapsed = clock.now - start
    let (whole, attoseconds) = elapsed.components
    return (Double(whole) + Double(attoseconds) / 1e18, value)
}
