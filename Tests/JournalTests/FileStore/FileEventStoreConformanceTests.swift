import EventStoreConformance
import Foundation
import Journal
import LeadModel
import Testing

struct FileEventStoreConformanceTests {
    @Test(arguments: EventStoreConformance.checks)
    func fileStoreConforms(_ check: ConformanceCheck) async throws {
        try await withTemporaryDirectory { parent in
            let outcome = try await check.run(using: {
                try await FileEventStore(
                    directory: parent.appendingPathComponent(UUID().uuidString),
                    configuration: .init(durability: .groupCommit(maxLatency: .milliseconds(1))))
            })
            #expect(outcome == .passed)
        }
    }
}
