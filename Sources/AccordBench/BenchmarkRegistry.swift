/// Every benchmark `accord-bench` knows, by name, in the order `--list` shows and a plain run
/// runs them.
///
/// To add benchmarks, write a group (one file, an `enum` with a `static var all: [Benchmark]`)
/// and add it to ``standard``.
struct BenchmarkRegistry: Sendable {
    /// The benchmarks, in order.
    let benchmarks: [Benchmark]

    /// Creates a registry; names must be unique.
    init(_ benchmarks: [Benchmark]) {
        var seen: Set<String> = []
        for benchmark in benchmarks {
            precondition(seen.insert(benchmark.name).inserted, "duplicate benchmark \(benchmark.name)")
        }
        self.benchmarks = benchmarks
    }

    /// The benchmarks shipped with `accord-bench`.
    static var standard: BenchmarkRegistry {
        BenchmarkRegistry(
            MemoryStoreBenchmarks.all + FileStoreBenchmarks.all + EngineBenchmarks.all + EngineCommandBenchmarks.all
                + CodecBenchmarks.all
                + ProcessBenchmarks.all + ScoringBenchmarks.all + SLABenchmarks.all + RoutingBenchmarks.all
                + LearnedScoringBenchmarks.all + BoostedScoringBenchmarks.all
                + FeedbackBenchmarks.all + DealImportBenchmarks.all
                + ScoreboardBenchmarks.all + CLIScaleBenchmarks.all + AccountMatchingBenchmarks.all)
    }

    /// The benchmarks called `names`, in the order given; all of them when `names` is empty.
    ///
    /// - Throws: ``UsageError`` naming every unknown name.
    func select(_ names: [String]) throws(UsageError) -> [Benchmark] {
        guard !names.isEmpty else { return benchmarks }
        let unknown = names.filter { name in !benchmarks.contains { $0.name == name } }
        guard unknown.isEmpty else {
            throw UsageError(
                "unknown benchmark\(unknown.count == 1 ? "" : "s") "
                    + unknown.map { "'\($0)'" }.joined(separator: ", ")
                    + "; run 'accord-bench --list' to see the names")
        }
        return names.compactMap { name in benchmarks.first { $0.name == name } }
    }

    /// One line per benchmark: its name, padded, and its summary.
    var listing: String {
        let width = benchmarks.map(\.name.count).max() ?? 0
        return benchmarks.map { benchmark in
            benchmark.name + String(repeating: " ", count: width - benchmark.name.count + 2)
                + benchmark.summary
        }.joined(separator: "\n")
    }
}
