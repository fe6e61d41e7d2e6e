import Foundation
import LeadModel
import Testing

/// A contribution whose evidence is written when read behaves like one whose evidence was
/// written at once: same text, equality, hashing, JSON and journal records.
struct DeferredEvidenceTests {
    final class Writer: EvidenceWriter {
        func evidence(for facts: EvidenceFacts) -> String {
            "\(facts.count) replies, \(facts.amount) kept, \(facts.text ?? "no text")"
        }
    }

    let writer = Writer()

    private func deferred(count: Int = 3, amount: Double = 0.5, text: String? = nil) -> ScoreCard.Contribution {
        ScoreCard.Contribution(
            rule: "replied", axis: .engagement, points: 12.5, writer: writer,
            facts: EvidenceFacts(count: count, amount: amount, text: text))
    }

    @Test func evidenceIsWrittenFromTheFactsWhenRead() {
        #expect(deferred().evidence == "3 replies, 0.5 kept, no text")
        #expect(deferred(text: "ROI calculator").evidence == "3 replies, 0.5 kept, ROI calculator")
    }

    @Test func equalsAndHashesLikeTheWrittenOutContribution() {
        let written = ScoreCard.Contribution(
            rule: "replied", axis: .engagement, points: 12.5, evidence: "3 replies, 0.5 kept, no text")
        #expect(deferred() == written)
        #expect(written == deferred())
        #expect(deferred().hashValue == written.hashValue)
        #expect(Set([deferred(), written]).count == 1)
        #expect(deferred() != deferred(count: 4))
        #expect(deferred() != deferred(amount: 0.25))
        var other = written
        other.points = 12
        #expect(deferred() != other)
    }

    @Test func settingTheEvidenceReplacesTheWriter() {
        var contribution = deferred()
        contribution.evidence = "edited"
        #expect(contribution.evidence == "edited")
        #expect(contribution != deferred())
    }

    @Test func jsonCarriesTheText() throws {
        let card = ScoreCard(scorer: "rules", fit: 0, engagement: 12.5, contributions: [deferred()])
        let data = try JSONEncoder().encode(card)
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let contributions = try #require(object["contributions"] as? [[String: Any]])
        #expect(contributions.first?["evidence"] as? String == "3 replies, 0.5 kept, no text")
        #expect(Set(contributions.first?.keys.map { $0 } ?? []) == ["rule", "axis", "points", "evidence"])
        #expect(try JSONDecoder().decode(ScoreCard.self, from: data) == card)
    }

    @Test func journalRecordsCarryTheText() throws {
        let card = ScoreCard(scorer: "rules", fit: 0, engagement: 12.5, contributions: [deferred()])
        let event = LeadEvent(
            leadID: "lead-1", occurredAt: Date(timeIntervalSince1970: 1_790_000_000), actor: .system,
            payload: .scored(card))
        let decoded = try Codec.decode(Codec.encode(event))
        guard case .scored(let read) = decoded.payload else {
            Issue.record("expected a scored event, got \(decoded.payload)")
            return
        }
        #expect(read.contributions.map(\.evidence) == ["3 replies, 0.5 kept, no text"])
        #expect(read == card)
    }
}
