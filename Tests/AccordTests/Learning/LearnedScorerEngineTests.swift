import Accord
import Foundation
import LeadModel
import Scoring
import Testing

/// A learned scorer plugged into the engine records its card, contributions and all, so the
/// journal (and `accord lead explain`) shows why.
struct LearnedScorerEngineTests {
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    static func model() throws -> LearnedModel {
        let rows = (0..<80).map { index in
            TrainingRow(values: [.number(Double(index % 4))], converted: index % 4 >= 2)
        }
        let set = try TrainingSet(columns: [TrainingColumn("count.replied", .numeric)], rows: rows)
        return try LearnedModel.train(set, name: "replies", createdAt: Date(timeIntervalSince1970: 0))
    }

    @Test func engineRecordsTheLearnedCardWithItsContributions() async throws {
        let engine = try await makeEngine(scorer: LearnedScorer(model: try Self.model()))
        let person = Lead(id: "", email: "ana@acme.com")
        _ = try await engine.record(Signal(kind: .replied, occurredAt: t0 - 60), from: person)
        let result = try await engine.record(Signal(kind: .replied, occurredAt: t0 - 30), from: person)
        let card = try #require(result.state.score)
        #expect(card.scorer == "learned:replies:v1")
        #expect(card.total > 50)
        let replied = try #require(card.contributions.first)
        #expect(replied.rule == "count.replied")
        #expect(replied.axis == .engagement)
        #expect(replied.evidence.hasPrefix("count.replied = 2: +"))
        #expect(replied.points > 0)
    }

    @Test func thePlaybookNamesAModelThroughTheBuiltInLearnedPlugin() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "accord-model-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(
            at: directory.appending(path: "models"), withIntermediateDirectories: true)
        try Self.model().save(to: directory.appending(path: "models/replies.json"))
        var playbook = Playbook.unscored
        playbook.plugins = PluginsSection(
            scorer: PluginReference(name: "learned", config: ["model": "models/replies.json"]))
        let plugins = PluginRegistry.builtIn(relativeTo: directory)
        #expect(playbook.validate(plugins: plugins).isEmpty)
        let engine = try await AlignmentEngine(
            playbook: playbook, store: InMemoryEventStore(), configuration: plugins.configuration(for: playbook))
        let result = try await engine.record(
            Signal(kind: .replied, occurredAt: t0 - 60), from: Lead(id: "", email: "a@b.com"))
        #expect(result.state.score?.scorer == "learned:replies:v1")

        playbook.plugins?.scorer?.config = ["model": "models/missing.json"]
        let issues = playbook.validate(plugins: plugins)
        #expect(issues.map(\.path) == ["$.plugins.scorer.config.model"])
    }
}
