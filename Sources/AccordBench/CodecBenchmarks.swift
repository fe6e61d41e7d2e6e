import Journal
import LeadModel

/// ``EventCodec`` benchmarks: how fast events turn into record payloads and back.
enum CodecBenchmarks {
    /// Distinct events cycled through, so the timings are not of one cached event.
    static let poolSize = 1024

    static var all: [Benchmark] {
        [
            Benchmark(
                name: "codec-encode",
                summary: "EventCodec.encode: signal events encoded per second",
                run: encode),
            Benchmark(
                name: "codec-decode",
                summary: "EventCodec.decode: signal events decoded per second",
                run: decode),
        ]
    }

    static func pool() -> [LeadEvent] {
        var generator = EventGenerator(seed: StoreBenchmarks.seed)
        return (0..<poolSize).map { generator.signal(for: LeadID("lead-0-\($0 % 50)")) }
    }

    private static func encode(_ context: BenchContext) async throws -> [Measurement] {
        let count = context.count(default: 100_000)
        let events = pool()
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1024)
        let (seconds, bytes) = await measure {
            var bytes = 0
            for index in 0..<count {
                buffer.removeAll(keepingCapacity: true)
                EventCodec.encode(events[index % poolSize], into: &buffer)
                bytes += buffer.count
            }
            return bytes
        }
        var measurement = Measurement(name: "codec-encode", count: count, seconds: seconds)
        measurement.set("bytesPerEvent", .double(Double(bytes) / Double(count)))
        return [measurement]
    }

    private static func decode(_ context: BenchContext) async throws -> [Measurement] {
        let count = context.count(default: 100_000)
        let events = pool()
        let encoded = events.map { event in
            var buffer: [UInt8] = []
            EventCodec.encode(event, into: &buffer)
            return buffer
        }
        for (event, bytes) in zip(events, encoded) {
            var expected = event
            expected.position = JournalPosition(7)
            let decoded = try bytes.withUnsafeBytes {
                try EventCodec.decode($0, position: JournalPosition(7))
            }
            guard decoded == expected else {
                throw BenchError("codec-decode: an event did not survive encode and decode")
            }
        }
        let (seconds, _) = try await measure {
            for index in 0..<count {
                let decoded = try encoded[index % poolSize].withUnsafeBytes {
                    try EventCodec.decode($0, position: JournalPosition(UInt64(index + 1)))
                }
                guard decoded.position != nil else { throw BenchError("codec-decode: no position") }
            }
        }
        var measurement = Measurement(name: "codec-decode", count: count, seconds: seconds)
        let bytes = encoded.reduce(0) { $0 + $1.count }
        measurement.set("bytesPerEvent", .double(Double(bytes) / Double(poolSize)))
        return [measurement]
    }
}
