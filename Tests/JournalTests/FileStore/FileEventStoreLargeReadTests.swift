import Foundation
import Journal
import LeadModel
import Testing

/// Large pages (8,192 events or more per core) are decoded in parts on several cores; the result
/// must not change.
struct FileEventStoreLargeReadTests {
    @Test func largePagesReadTheSameAsSmallOnes() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await FileEventStore(directory: directory, configuration: Fixture.configuration(.none))
            for batch in 0..<180 {
                let events = (0..<100).map { Fixture.touched(LeadID("L\(batch)-\($0)"), note: "n\($0)") }
                let requests = Dictionary(grouping: events, by: \.leadID).map {
                    AppendRequest(leadID: $0.key, events: $0.value)
                }
                _ = try await store.append(requests)
            }
            let large = try await store.read(from: .start, limit: 18_000)
            var small: [LeadEvent] = []
            var next = JournalPosition.start
            while case let page = try await store.read(from: next, limit: 97), let last = page.last {
                small += page
                next = last.position!.next
            }
            #expect(large.count == 18_000)
            #expect(large == small)
            #expect(large.map(\.position!.rawValue) == Array(1...18_000))
            let middle = try await store.read(from: JournalPosition(1_234), limit: 16_500)
            #expect(middle.first?.position == JournalPosition(1_234))
            #expect(middle.count == 16_500)
            #expect(middle == Array(large[1_233..<17_733]))
            try await store.close()
        }
    }
}
