import Accord
import EventStoreConformance
import Foundation
import LeadModel

// 1. Prove the adapter: every check of the storage contract, each on a fresh, empty store.
let scratch = FileManager.default.temporaryDirectory.appending(path: "accord-custom-store-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }

let conformance = EventStoreConformance {
    try JSONLinesEventStore(file: scratch.appending(path: "\(UUID().uuidString).jsonl"))
}
let report = try await conformance.run()
print(report)
guard report.passed else {
    print("\(report.violations.count) checks failed")
    exit(1)
}

// 2. Use it: the engine does not care which store it writes to.
let journal = scratch.appending(path: "journal.jsonl")
let engine = try await AlignmentEngine(
    playbook: .standard, store: try JSONLinesEventStore(file: journal), configuration: EngineConfiguration())
_ = try await engine.record(
    Signal(kind: .quoteRequested, occurredAt: .now, idempotencyKey: "quote-1"),
    from: Lead(id: "", email: "ana@acme.com", company: "Acme", source: "webinar"))

// 3. Reopen: the state is folded back from the file.
let reopened = try await AlignmentEngine(
    playbook: .standard, store: try JSONLinesEventStore(file: journal), configuration: EngineConfiguration())
let lead = await reopened.activeLeads()
print("\nreopened \(journal.lastPathComponent): \(lead.map { "\($0.id) \($0.stage)" }.joined(separator: ", "))")
let lines = try String(contentsOf: journal, encoding: .utf8).split(separator: "\n")
print("\(lines.count) JSON lines; the first: \(lines.first.map(String.init)?.prefix(100) ?? "")…")
