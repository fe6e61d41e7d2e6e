import Foundation

/// `accord-bench`: runs the benchmarks named on the command line (all by default) and prints
/// one JSON object per measurement. See `Documentation/Benchmarks.md`.

/// Writes a human note to standard error.
@Sendable func note(_ text: String) {
    FileHandle.standardError.write(Data("accord-bench: \(text)\n".utf8))
}

/// Writes one line to standard output at once, so that lines appear as benchmarks finish.
func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

let registry = BenchmarkRegistry.standard
let options: BenchOptions
let selected: [Benchmark]
do {
    options = try BenchOptions.parse(CommandLine.arguments.dropFirst())
    switch options.action {
    case .help:
        emit(BenchOptions.usage)
        exit(0)
    case .list:
        emit(registry.listing)
        exit(0)
    case .run(let names):
        selected = try registry.select(names)
    }
} catch {
    note("\(error)\nRun 'accord-bench --help' for usage.")
    exit(2)
}

let temporary = options.directory == nil
let root =
    options.directory.map { URL(fileURLWithPath: $0) }
    ?? FileManager.default.temporaryDirectory.appendingPathComponent(
        "accord-bench-\(UUID().uuidString)")
do {
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
} catch {
    note("cannot create the scratch directory \(root.path): \(error)")
    exit(1)
}
let sqlite = options.baselines ? SQLiteBaseline.locate(note: note) : nil

var failures = 0
for benchmark in selected {
    let directory = root.appendingPathComponent("\(benchmark.name)-\(UUID().uuidString)")
    do {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let context = BenchContext(
            countOverride: options.count, directory: directory, sqlite: sqlite, note: note)
        for measurement in try await benchmark.run(context) { emit(measurement.jsonLine) }
    } catch {
        failures += 1
        note("\(benchmark.name) failed: \(error)")
    }
    try? FileManager.default.removeItem(at: directory)
}
if temporary { try? FileManager.default.removeItem(at: root) }
exit(failures == 0 ? 0 : 1)
