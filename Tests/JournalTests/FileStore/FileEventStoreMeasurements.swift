import Foundation
import Journal
import LeadModel
import Testing

/// Rough measurements of the file store, off by default. Run them with
/// `ACCORD_FILESTORE_MEASURE=1 swift test -c release --filter FileEventStoreMeasurements`
/// (`ACCORD_FILESTORE_EVENTS` sets the journal size for the reopen measurement, default 1M).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["ACCORD_FILESTORE_MEASURE"] != nil))
struct FileEventStoreMeasurements {
    private let clock = ContinuousClock()

    @Test(arguments: [
        Durability.none, .fsyncEveryCommit, .groupCommit(maxLatency: .zero),
        .groupCommit(maxLatency: .milliseconds(2)),
    ])
    func appendRates(durability: Durability) async throws {
        for appenders in [1, 32] {
            try await withTemporaryDirectory { directory in
                let store = try await FileEventStore(
                    directory: directory, configuration: .init(durability: durability))
                let perAppender = appenders == 1 ? 1000 : 100
                let started = clock.now
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for appender in 0..<appenders {
                        group.addTask {
                            let lead = LeadID("lead-\(appender)")
                            for number in 0..<perAppender {
                                try await store.append(
                                    [Fixture.touched(lead, key: "\(appender)-\(number)")], to: lead)
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                let elapsed = clock.now - started
                let total = appenders * perAppender
                let rate = Double(total) / elapsed.seconds
                print(
                    "append \(durability) appenders=\(appenders): \(total) appends in \(elapsed), "
                        + "\(Int(rate))/s, \(store.fsyncRounds) fsync rounds")
                try await store.close()
            }
        }
    }

    @Test func reopenLargeJournal() async throws {
        let count = Int(ProcessInfo.processInfo.environment["ACCORD_FILESTORE_EVENTS"] ?? "") ?? 1_000_000
        try await withTemporaryDirectory { directory in
            let configuration = FileEventStore.Configuration(durability: .none, indexCheckpointInterval: 0)
            var store = try await FileEventStore(directory: directory, configuration: configuration)
            var started = clock.now
            let batch = 100
            for first in stride(from: 0, to: count, by: batch) {
                let lead = LeadID("lead-\(first / batch % 50_000)")
                let events = (first..<min(count, first + batch)).map {
                    Fixture.touched(lead, note: "note \($0)", key: "key-\($0)")
                }
                try await store.append(events, to: lead)
            }
            print("wrote \(count) events in batches of \(batch): \(clock.now - started)")
            started = clock.now
            var read = 0
            for try await _ in store.events(from: .start, pageSize: 4096) { read += 1 }
            print("read \(read) events in pages of 4096: \(clock.now - started)")
            started = clock.now
            try await store.close()
            print("close (with index checkpoint): \(clock.now - started)")

            store = try await FileEventStore(directory: directory, configuration: configuration)
            print("reopen with checkpoint: \(store.openStatistics.duration)")
            #expect(store.openStatistics.checkpointPosition?.rawValue == UInt64(count))
            try await store.close()
            try FileManager.default.removeItem(at: directory.appendingPathComponent("index.checkpoint"))
            store = try await FileEventStore(directory: directory, configuration: configuration)
            print("reopen with a full scan: \(store.openStatistics.duration)")
            try await store.close()
            let bytes = try Fixture.segments(in: directory).reduce(0) {
                $0 + ((try FileManager.default.attributesOfItem(atPath: $1.path)[.size] as? Int) ?? 0)
            }
            print("segments: \(bytes / count) bytes per event")
        }
    }
}

extension Duration {
    fileprivate var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
