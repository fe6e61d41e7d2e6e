import Foundation
import LeadModel
import Testing

/// A card whose contributions are entries of a book behaves like one whose contributions are
/// listed: same contributions, equality, hashing, JSON and journal records.
struct ContributionBookTests {
    /// Rule 0 writes its evidence from the entry's count (not its age); rule 1 has fixed evidence.
    final class Book: ContributionBook {
        func contribution(for entry: ContributionEntry, text: String?) -> ScoreCard.Contribution {
            entry.rule == 0
                ? ScoreCard.Contribution(
                    rule: "replied", axis: .engagement, points: entry.points,
                    evidence: "\(entry.count) replies" + (text.map { ", last about \($0)" } ?? ""))
                : ScoreCard.Contribution(
                    rule: "fintech", axis: .fit, points: entry.points, evidence: "industry is fintech")
        }
    }

    let book = Book()

    private func card(replies: Int = 3, age: Double = 0, book: Book? = nil) -> ScoreCard {
        ScoreCard(
            scorer: "rules", fit: 10, engagement: 12.5, grade: "B2", book: book ?? self.book,
            entries: [
                ContributionEntry(rule: 1, points: 10),
                ContributionEntry(rule: 0, points: 12.5, count: replies, age: age),
            ], playbookVersion: "7")
    }

    private var listed: ScoreCard {
        ScoreCard(
            scorer: "rules", fit: 10, engagement: 12.5, grade: "B2",
            contributions: [
                ScoreCard.Contribution(rule: "fintech", axis: .fit, points: 10, evidence: "industry is fintech"),
                ScoreCard.Contribution(rule: "replied", axis: .engagement, points: 12.5, evidence: "3 replies"),
            ], playbookVersion: "7")
    }

    @Test func contributionsAreListedFromTheEntriesInOrder() {
        let contributions = card().contributions
        #expect(contributions.map(\.rule) == ["fintech", "replied"])
        #expect(contributions.map(\.evidence) == ["industry is fintech", "3 replies"])
        #expect(contributions.map(\.points) == [10, 12.5])
        #expect(card().total == 22.5)
    }

    @Test func equalsAndHashesLikeTheListedCard() {
        #expect(card() == listed)
        #expect(listed == card())
        #expect(card().hashValue == listed.hashValue)
        #expect(Set([card(), listed]).count == 1)
        #expect(card() == card())
        #expect(card() != card(replies: 4))
        #expect(card(replies: 4) != listed)
        // Facts that write the same evidence make equal contributions.
        #expect(card(replies: 3, age: 86_400) == card(replies: 3, age: 2 * 86_400))
        // Another book's entries are compared by the contributions they stand for.
        #expect(card(book: Book()) == card())
        var other = card()
        other.grade = "B1"
        #expect(other != card())
    }

    @Test func entriesQuoteTheCardsTexts() {
        func quoting(_ topic: String) -> ScoreCard {
            ScoreCard(
                scorer: "rules", fit: 0, engagement: 12.5, grade: nil, book: book,
                entries: [ContributionEntry(rule: 0, points: 12.5, count: 2, text: 0)], texts: [topic],
                playbookVersion: nil)
        }
        #expect(quoting("pricing").contributions.map(\.evidence) == ["2 replies, last about pricing"])
        #expect(quoting("pricing") == quoting("pricing"))
        #expect(quoting("pricing") != quoting("payroll"))
        #expect(card().contributions.map(\.evidence) == ["industry is fintech", "3 replies"])
    }

    @Test func settingTheContributionsReplacesTheEntries() {
        var edited = card()
        edited.contributions.removeLast()
        #expect(edited.contributions.map(\.rule) == ["fintech"])
        #expect(edited != card())
        edited.contributions = card().contributions
        #expect(edited == card())
    }

    @Test func jsonAndJournalRecordsCarryTheContributions() throws {
        let decoded = try JSONDecoder().decode(ScoreCard.self, from: JSONEncoder().encode(card()))
        #expect(decoded == card())
        #expect(decoded.contributions.map(\.evidence) == ["industry is fintech", "3 replies"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(card()) == encoder.encode(listed))
        let event = LeadEvent(
            leadID: "lead-1", occurredAt: Date(timeIntervalSince1970: 1_790_000_000), actor: .system,
            payload: .scored(card()))
        guard case .scored(let read) = try Codec.decode(Codec.encode(event)).payload else {
            Issue.record("expected a scored event")
            return
        }
        #expect(read == card())
        #expect(read.contributions.map(\.evidence) == ["industry is fintech", "3 replies"])
    }

    @Test func redactionKeepsRulesAndPoints() {
        let redacted = card().redactingEvidence()
        #expect(redacted.contributions.map(\.rule) == ["fintech", "replied"])
        #expect(redacted.contributions.map(\.evidence) == ["", ""])
        #expect(redacted.total == 22.5)
    }
}

extension ContributionBookTests {
    @Test func debugDescriptionShowsTheContributionsNotTheEntries() {
        #expect(
            String(describing: card())
                == "ScoreCard(rules: 22.5 = fit 10.0 + engagement 12.5, grade B2, playbook 7, "
                + "[fintech +10.0 (fit) \"industry is fintech\", replied +12.5 (engagement) \"3 replies\"])")
        #expect(String(describing: card()) == String(describing: listed))
        #expect(
            String(
                describing: ScoreCard.Contribution(rule: "student", axis: .fit, points: -25, evidence: "title Student"))
                == "student -25.0 (fit) \"title Student\"")
    }
}
