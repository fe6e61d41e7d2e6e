import Foundation
import LeadModel

/// Benchmarks of the process as a whole: memory.
enum ProcessBenchmarks {
    static var all: [Benchmark] {
        [
            Benchmark(
                name: "peak-memory",
                summary: "Peak resident memory (VmHWM) after appending to and replaying an "
                    + "InMemoryEventStore; run it alone for a clean figure",
                run: peakMemory)
        ]
    }

    private static func peakMemory(_ context: BenchContext) async throws -> [Measurement] {
        guard let before = ProcessMemory.current() else {
            context.note("peak-memory: /proc/self/status is not readable here (Linux only): skipped")
            return []
        }
        let count = context.count(default: 200_000)
        let workload = Workload(total: count, batchSize: 100, writers: 1)
        let store = InMemoryEventStore()
        let (seconds, _) = try await measure {
            try await workload.append(to: store)
            var seen = 0
            for try await _ in store.events(from: .start) { seen += 1 }
            guard seen == count else {
                throw BenchError("peak-memory: replayed \(seen) events, appended \(count)")
            }
        }
        guard let after = ProcessMemory.current() else { return [] }
        var measurement = Measurement(name: "peak-memory", count: count, seconds: seconds)
        measurement.set("peakMemoryBytes", .int(after.peakResidentBytes))
        measurement.set("residentBytesBefore", .int(before.residentBytes))
        measurement.set(
            "residentBytesPerEvent",
            .double(Double(after.residentBytes - before.residentBytes) / Double(count)))
        return [measurement]
    }
}

/// The process's memory as Linux reports it in `/proc/self/status`.
struct ProcessMemory: Sendable {
    /// `VmRSS`: resident memory now.
    var residentBytes: Int
    /// `VmHWM`: the peak resident memory of the process so far.
    var peakResidentBytes: Int

    /// Reads `/proc/self/status`, or returns `nil` where there is none (macOS).
    static func current() -> ProcessMemory? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        else { return nil }
        var fields: [String: Int] = [:]
        for line in status.split(separator: "\n") where line.hasPrefix("Vm") {
            let parts = line.split(whereSeparator: { $0 == ":" || $0 == " " || $0 == "\t" })
            if parts.count >= 2, let kilobytes = Int(parts[1]) {
                fields[String(parts[0])] = kilobytes * 1024
            }
        }
        guard let resident = fields["VmRSS"], let peak = fields["VmHWM"] else { return nil }
        return ProcessMemory(residentBytes: resident, peakResidentBytes: peak)
    }
}
