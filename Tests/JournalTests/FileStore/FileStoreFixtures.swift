import Foundation
import Journal
import LeadModel
import Testing

/// A fresh directory under the system's temporary folder, removed after `body`.
@discardableResult
func withTemporaryDirectory<R>(
    _ body: (URL) async throws -> R
) async throws -> R {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("accord-filestore-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try await body(url)
}

/// Builds events for the file-store tests.
enum Fixture {
    static let epoch = Date(timeIntervalSince1970: 1_790_000_000)

    /// A captured event for `lead` with an email and a key.
    static func captured(_ lead: LeadID, email: String? = nil, key: String? = nil) -> LeadEvent {
        LeadEvent(
            leadID: lead, occurredAt: epoch, actor: .integration("webform"),
            payload: .captured(
                Lead(
                    id: lead, email: email ?? "\(lead.rawValue)@example.com", firstName: "Ana",
                    company: "Acme", source: "webinar", campaign: "q4"),
                stage: .lead),
            idempotencyKey: key)
    }

    /// A touch event for `lead`, with a free-text note.
    static func touched(_ lead: LeadID, note: String = "called, left a message", key: String? = nil)
        -> LeadEvent
    {
        LeadEvent(
            leadID: lead, occurredAt: epoch.addingTimeInterval(60), actor: .person("rep-1"),
            payload: .touched(Touch(channel: .call, by: "rep-1", connected: true, note: note)),
            idempotencyKey: key)
    }

    /// A note long enough that records are a few hundred bytes whatever the codec.
    static let longNote = String(repeating: "Discussed the rollout plan and the security review. ", count: 6)

    /// The erasure event.
    static func erasure(_ lead: LeadID) -> LeadEvent {
        LeadEvent(
            leadID: lead, occurredAt: epoch.addingTimeInterval(3600), actor: .person("dpo"),
            payload: .erased(Erasure(requestedBy: "dpo", reference: "ticket-1")))
    }

    /// A configuration with small segments and the given durability.
    static func configuration(
        _ durability: Durability = .groupCommit(maxLatency: .milliseconds(1)),
        segmentSize: Int = FileEventStore.Configuration.defaultSegmentSize,
        checkpointInterval: Int = 0
    ) -> FileEventStore.Configuration {
        FileEventStore.Configuration(
            durability: durability, segmentSize: segmentSize,
            indexCheckpointInterval: checkpointInterval)
    }

    /// The segment files of a data directory, in order.
    static func segments(in directory: URL) throws -> [URL] {
        let folder = directory.appendingPathComponent("segments")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".seg") }.sorted()
            .map { folder.appendingPathComponent($0) }
    }

    /// Every regular file under `directory`, recursively.
    static func allFiles(in directory: URL) -> [URL] {
        let enumerator = FileManager.default.enumerator(
            at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        var files: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                files.append(url)
            }
        }
        return files
    }
}

extension EventStore {
    /// The whole journal, read in small pages to exercise paging.
    func everything(pageSize: Int = 7) async throws -> [LeadEvent] {
        var events: [LeadEvent] = []
        for try await event in self.events(from: .start, pageSize: pageSize) {
            events.append(event)
        }
        return events
    }
}
