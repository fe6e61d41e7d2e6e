import Foundation
import Journal
import LeadModel
import Testing

/// A saved snapshot's body is protected by its CRC: a damaged one is a cache miss, never state.
struct SnapshotFileChecksumTests {
    @Test func aSnapshotWithAnyBodyByteChangedIsRefused() async throws {
        try await withTemporaryDirectory { directory in
            let configuration = Fixture.configuration(.none)
            var store = try await FileEventStore(directory: directory, configuration: configuration)
            try await store.append([Fixture.captured("a")], to: "a")
            let body = Array("projection state: lead a, stage lead".utf8)
            try await store.saveSnapshot(named: "leads", at: JournalPosition(1), bytes: body)
            try await store.close()
            let folder = directory.appendingPathComponent("snapshots")
            let file = folder.appendingPathComponent(
                try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first))
            let original = try Data(contentsOf: file)
            let headerSize = original.count - body.count
            for offset in headerSize..<original.count {
                var damaged = original
                damaged[offset] ^= 0x01
                try damaged.write(to: file)
                store = try await FileEventStore(directory: directory, configuration: configuration)
                let loaded = try await store.loadSnapshot(named: "leads")
                #expect(loaded == nil, "body byte \(offset - headerSize) was trusted")
                try await store.close()
            }
            try original.write(to: file)
            store = try await FileEventStore(directory: directory, configuration: configuration)
            let loaded = try #require(try await store.loadSnapshot(named: "leads"))
            #expect(loaded.position == JournalPosition(1))
            #expect(loaded.bytes == body)
            try await store.close()
        }
    }
}
