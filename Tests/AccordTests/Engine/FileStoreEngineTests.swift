import Accord
import Foundation
import Journal
import LeadModel
import Testing

struct FileStoreEngineTests {
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("accord-engine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func reopeningTheFileJournalFoldsTheSameState() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let quarter = SyntheticQuarter(seed: 11, leads: 120)
        let clock = ManualClock(quarter.start)
        var states: [LeadState] = []
        do {
            let store = try await FileEventStore(directory: directory)
            let engine = try await AlignmentEngine(
                playbook: .standard, store: store, configuration: EngineConfiguration(now: { clock.now }))
            for record in quarter.records() {
                clock.set(record.at)
                try await engine.ingest([record.item])
            }
            states = await engine.activeLeads()
            try await store.close()
        }
        let store = try await FileEventStore(directory: directory)
        let reopened = try await AlignmentEngine(
            playbook: .standard, store: store, configuration: EngineConfiguration())
        #expect(await reopened.activeLeads() == states)
        #expect(states.count > 100)
        try await store.close()
    }

    @Test func erasureLeavesNoPersonalBytesInAnyFile() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await FileEventStore(directory: directory)
        let engine = try await AlignmentEngine(playbook: .standard, store: store, configuration: EngineConfiguration())
        let email = "zelda.quartermain@acme-example.com"
        let lead = try await engine.capture(Lead(id: "", email: email, phone: "+1 415 555 0199", company: "Acme"))
        try await engine.record(
            Signal(
                kind: .replied, occurredAt: .now, properties: ["body": "Zelda here"], idempotencyKey: "mail-\(email)"),
            for: lead.leadID)
        _ = try await engine.capture(Lead(id: "", email: "other@beta-example.com", company: "Beta"))
        try await engine.erase(lead.leadID, requestedBy: "dpo")
        try await store.close()

        var scanned = 0
        for case let file as URL in FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)! {
            guard let data = try? Data(contentsOf: file) else { continue }
            scanned += 1
            for secret in [email, "Zelda", "4155550199", "zelda"] {
                #expect(data.range(of: Data(secret.utf8)) == nil, "\(secret) found in \(file.lastPathComponent)")
            }
        }
        #expect(scanned > 0)
        let reopened = try await FileEventStore(directory: directory)
        let events = try await reopened.events(forLead: lead.leadID)
        #expect(events.map(\.payload.kind) == ["captured", "signal-recorded", "scored", "erased"])
        try await reopened.close()
    }
}

struct SendableSmokeTests {
    @Test func publicValueTypesCrossTaskBoundaries() async throws {
        let playbook = Playbook.standard
        let lead = Lead(id: "L1", email: "ana@acme.com")
        let summary = IngestSummary()
        let quarter = SyntheticQuarter(seed: 1, leads: 1)
        let result = await Task.detached { (playbook.version, lead.id, summary.created, quarter.leadCount) }.value
        #expect(result.0 == "1" && result.1 == "L1" && result.2 == 0 && result.3 == 1)
    }
}
