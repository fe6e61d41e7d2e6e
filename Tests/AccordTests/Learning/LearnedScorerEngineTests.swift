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
}
