import Foundation
import LeadModel

/// A journal kept as a text file of JSON lines, one event per line — readable with `jq`, easy to
/// ship to a data warehouse, and small enough to read in one sitting.
///
/// It shows what any store adapter must do: validate appends with ``AppendPlan`` (expected
/// versions, idempotency keys, gapless positions), make an append durable before it returns,
/// and erase a person by rewriting their events without personal data. It keeps the whole
/// journal in memory and rewrites the file on erasure, so it suits small journals; a
/// PostgreSQL or S3 adapter follows the same shape.
actor JSONLinesEventStore: EventStore {
    private let file: URL
    private var handle: FileHandle
    private var journal: [LeadEvent] = []
    private var streams: [LeadID: [Int]] = [:]
    private var keys: [String: JournalPosition] = [:]

    nonisolated var durability: Durability { .fsyncEveryCommit }

    /// Opens (or creates) the journal file. A last line cut short by a crash is dropped: its
    /// append never returned, so nobody was told it was stored.
    init(file: URL) throws {
        self.file = file
        if !FileManager.default.fileExists(atPath: file.path) {
            guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
                throw EventStoreError(.io, "cannot create the journal file", path: file.path)
            }
        }
        let data = try Data(contentsOf: file)
        var complete = data.count
        if let lastNewline = data.lastIndex(of: UInt8(ascii: "\n")) {
            complete = lastNewline + 1
        } else {
            complete = 0
        }
        let decoder = JSONDecoder()
        var lineNumber = 0
        var events: [LeadEvent] = []
        for line in data[..<complete].split(separator: UInt8(ascii: "\n")) {
            lineNumber += 1
            do {
                events.append(try decoder.decode(LeadEvent.self, from: Data(line)))
            } catch {
                throw EventStoreError(.corruptRecord, "line \(lineNumber) is not an event: \(error)", path: file.path)
            }
        }
        handle = try FileHandle(forUpdating: file)
        if complete < data.count { try handle.truncate(atOffset: UInt64(complete)) }
        try handle.seekToEnd()
        for event in events {
            streams[event.leadID, default: []].append(journal.count)
            journal.append(event)
            if let key = event.idempotencyKey, let position = event.position { keys[key] = position }
        }
    }

    func append(_ requests: [AppendRequest]) throws -> [AppendResult] {
        let plan = try AppendPlan(
            requests, nextPosition: JournalPosition(UInt64(journal.count) + 1),
            version: { streams[$0]?.count ?? 0 }, recordedPosition: { keys[$0] })
        var fresh: [LeadEvent] = []
        for (request, entry) in zip(requests, plan.entries) {
            for (slot, event) in request.events.enumerated() where entry.fresh[slot] {
                var stored = event
                stored.position = entry.positions[slot]
                fresh.append(stored)
            }
        }
        guard !fresh.isEmpty else { return plan.results(for: requests) }
        // Durable before anyone is told: write, fsync, then update what readers see. A failed
        // write is cut off again, so the next append does not continue a broken line.
        let end = try handle.offset()
        do {
            try handle.write(contentsOf: try Self.lines(fresh))
            try handle.synchronize()
        } catch {
            try? handle.truncate(atOffset: end)
            throw EventStoreError(.io, "cannot append to the journal: \(error)", path: file.path)
        }
        for event in fresh { remember(event) }
        return plan.results(for: requests)
    }

    func read(from position: JournalPosition, limit: Int) -> [LeadEvent] {
        let start = Int(clamping: max(position.rawValue, 1) - 1)
        guard start < journal.count, limit > 0 else { return [] }
        return Array(journal[start..<min(journal.count, start + limit)])
    }

    func events(forLead id: LeadID) -> [LeadEvent] {
        (streams[id] ?? []).map { journal[$0] }
    }

    func erase(lead id: LeadID, recording erasure: LeadEvent) throws -> LeadEvent {
        guard let indices = streams[id], !indices.isEmpty else {
            throw EventStoreError(.unknownLead, "no events to erase", leadID: id)
        }
        var redacted = journal
        for index in indices { redacted[index] = redacted[index].redactingPersonalData() }
        // Rewrite the whole file next to the old one and swap it in atomically: a crash leaves
        // either the old journal or the redacted one, never half of each.
        try Self.lines(redacted).write(to: file, options: .atomic)
        try handle.close()
        handle = try FileHandle(forUpdating: file)
        try handle.seekToEnd()
        for index in indices {
            if let key = journal[index].idempotencyKey { keys[key] = nil }
        }
        journal = redacted
        var event = erasure
        event.leadID = id
        event.idempotencyKey = nil
        let result = try append([AppendRequest(leadID: id, events: [event])])
        event.position = result[0].positions[0]
        return event
    }

    private func remember(_ event: LeadEvent) {
        streams[event.leadID, default: []].append(journal.count)
        journal.append(event)
        if let key = event.idempotencyKey, let position = event.position { keys[key] = position }
    }

    private static func lines(_ events: [LeadEvent]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        for event in events {
            data.append(try encoder.encode(event))
            data.append(UInt8(ascii: "\n"))
        }
        return data
    }
}
