import Accord
import Foundation
import LeadModel
import Scoring
import Testing

/// The demo's quarter with a third of its email opens made by a privacy proxy: cards still add
/// up, and say what they did not count.
struct MachineSignalsScenarioTests {
    @Test func everyCardEqualsTheSumOfItsContributionsWithMachineOpensIgnored() async throws {
        let quarter = SyntheticQuarter(seed: 5, leads: 400)
        let clock = ManualClock(quarter.start)
        var playbook = Playbook.standard
        var scoring = try #require(playbook.scoring)
        scoring.machineSignals = MachineSignals()
        playbook.scoring = scoring
        let engine = try await makeEngine(clock: clock, playbook: playbook, router: FixedRouter())
        var opens = 0
        for record in quarter.records() {
            clock.set(max(clock.now, record.at))
            var item = record.item
            if case .signal(var signal, let person) = item, signal.kind == .emailOpened {
                opens += 1
                if opens % 3 == 0 {
                    signal.properties["userAgent"] = .string("Mozilla/5.0 Apple Mail Privacy Protection")
                    item = .signal(signal, person: person)
                }
            }
            try await engine.ingest([item])
        }
        var cards = 0
        var discounted = 0
        for state in await engine.activeLeads() {
            guard let card = state.score else { continue }
            cards += 1
            let fit = card.contributions.filter { $0.axis == .fit }.reduce(0) { $0 + $1.points }
            let engagement = card.contributions.filter { $0.axis == .engagement }.reduce(0) { $0 + $1.points }
            #expect(abs(card.fit - fit) < 1e-9, "\(state.id): fit \(card.fit) ≠ \(fit)")
            #expect(
                abs(card.engagement - engagement) < 1e-9, "\(state.id): engagement \(card.engagement) ≠ \(engagement)")
            #expect(abs(card.total - (fit + engagement)) < 1e-9, "\(state.id): total \(card.total)")
            if card.contributions.contains(where: { $0.evidence.contains("machine signal") }) { discounted += 1 }
        }
        #expect(opens > 30)
        #expect(cards > 100)
        #expect(discounted > 10)
    }
}
