import Foundation
import Journal
import LeadModel
import Testing

/// The index checkpoint's CRC is what protects it: no damaged byte may be trusted.
struct IndexCheckpointChecksumTests {
    @Test func aCheckpointWithAnyByteChangedIsIgnoredAndTheJournalScanned() async throws {
        try await withTemporaryDirectory { directory in
            let configuration = Fixture.configuration(.none)
            var store = try await FileEventStore(directory: directory, configuration: configuration)
            for number in 0..<6 {
                let lead = LeadID("lead-\(number % 3)")
                try await store.append(
                    [Fixture.captured(lead, key: "capture-\(number)"), Fixture.touched(lead)], to: lead)
            }
            let expected = try await store.everything().map { "\($0)" }
            try await store.close()
            let checkpoint = directory.appendingPathComponent("index.checkpoint")
            let original = try Data(contentsOf: checkpoint)
            // Every offset: most bytes are also checked by the decoder's structure checks, but the
            // stream positions, key hashes and lead names are protected by the CRC alone.
            for offset in 0..<original.count {
                var damaged = original
                damaged[offset] ^= 0x04
                try damaged.write(to: checkpoint)
                store = try await FileEventStore(directory: directory, configuration: configuration)
                #expect(store.openStatistics.checkpointPosition == nil, "byte \(offset) was trusted")
                #expect(store.openStatistics.scannedRecords == 12, "byte \(offset)")
                #expect(try await store.everything().map { "\($0)" } == expected, "byte \(offset)")
                for number in 0..<3 {
                    #expect(try await store.events(forLead: LeadID("lead-\(number)")).count == 4)
                }
                let duplicate = try await store.append(
                    [Fixture.captured("lead-1", key: "capture-1")], to: "lead-1")
                #expect(duplicate.duplicates == [true], "byte \(offset)")
                // Closing writes a fresh checkpoint; put the damaged one back for the next byte.
                try await store.close()
            }
        }
    }
}
