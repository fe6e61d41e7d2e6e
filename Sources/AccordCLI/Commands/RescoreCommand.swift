import Accord
import Foundation
import LeadModel

extension CommandDefinition {
    static let rescore = CommandDefinition(
        name: "rescore",
        summary: "Rescore the leads whose scores decayed or whose signals left a rule's window.",
        discussion: """
            Scores go stale: engagement decays and windowed rules stop counting old signals. Each \
            scoring notes when the lead's card will next change by time alone; this command rescores \
            the leads whose time has come, records the cards that changed and applies the \
            qualification policy to them. Run it from the same scheduler as `accord sla`. The first \
            run after the journal is opened reviews every scored lead once.
            """,
        examples: ["accord rescore", "accord rescore --json"]
    ) { _, console in
        let (sweep, next) = try await console.dataDirectory.withEngine { engine in
            let sweep = try await engine.rescoreDue()
            return (sweep, await engine.nextRescoreDue())
        }
        if console.json {
            try console.printJSON(
                RescoreOutput(reviewed: sweep.reviewed, eventsAppended: sweep.eventsAppended, nextDue: next))
            return
        }
        console.print("\(sweep.reviewed) leads rescored, \(sweep.eventsAppended) events recorded")
        if let next { console.print("next rescoring due \(next.formatted(.iso8601))") }
    }
}

struct RescoreOutput: Codable {
    var reviewed: Int
    var eventsAppended: Int
    var nextDue: Date?
}
