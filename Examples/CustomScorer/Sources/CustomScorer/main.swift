import Accord
import Foundation
import LeadModel
import Scoring

// The host registers its plugins by name; the playbook chooses among them.
var plugins = PluginRegistry.builtIn()
plugins.register(scorer: "seniority") { plugin in
    SeniorityScorer(
        settings: try plugin.decode(SeniorityScorer.Settings.self), rules: plugin.playbook.scoring.map(RuleScorer.init))
}

// The agreement names the plugin with its config (in a real service this is a file the teams
// sign off; `accord validate` checks it).
var playbook = Playbook.standard
playbook.plugins = try JSONDecoder().decode(
    PluginsSection.self,
    from: Data(
        #"{"scorer": {"name": "seniority", "config": {"titles": {"chief": 25, "vp": 20, "director": 10}}}}"#.utf8))

// The registry turns the playbook's names into the instances the engine runs with.
let engine = try await AlignmentEngine(
    playbook: playbook, store: InMemoryEventStore(), configuration: plugins.configuration(for: playbook))
let result = try await engine.record(
    Signal(kind: .replied, occurredAt: .now, idempotencyKey: "reply-1"),
    from: Lead(id: "", email: "kim@globex.com", title: "VP Finance", company: "Globex", source: "outbound"))
let card = try require(result.state.score, "the lead was not scored")
print("\(result.leadID): \(card.scorer) scored \(card.total) (\(card.grade ?? "-")), stage \(result.state.stage)")
for contribution in card.contributions {
    print(
        "  \(contribution.rule) \(contribution.points > 0 ? "+" : "")\(contribution.points): \(contribution.evidence)")
}

// A typo in the playbook fails before the engine opens — not at the first lead.
playbook.plugins?.scorer?.name = "senority"
do {
    _ = try await AlignmentEngine(
        playbook: playbook, store: InMemoryEventStore(), configuration: plugins.configuration(for: playbook))
} catch let error as PlaybookError {
    print("a misspelt plugin is refused:")
    for issue in error.issues { print("  \(issue)") }
}

/// `#require` for a script: stops with a message instead of crashing.
func require<T>(_ value: T?, _ message: String = "missing value") throws -> T {
    guard let value else { throw CocoaError(.coderValueNotFound, userInfo: [NSDebugDescriptionErrorKey: message]) }
    return value
}
