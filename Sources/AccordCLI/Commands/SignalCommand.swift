import Accord
import Foundation
import LeadModel

extension CommandDefinition {
    static let signal = CommandDefinition(
        name: "signal",
        summary: "Record an engagement signal from a person (captured first if new).",
        discussion: """
            KIND is open: well-known kinds are form-submitted, email-opened, link-clicked, \
            pricing-page-visited, webinar-attended, event-attended, replied, quote-requested, \
            demo-requested, meeting-booked, content-downloaded, unsubscribed. With --key, \
            delivering the same signal twice records it once.
            """,
        positionals: [PositionalSpec(name: "KIND", help: "what happened, e.g. quote-requested")],
        options: [
            .value("lead", "ID", "the lead, when known (instead of identity options)"),
            .value("at", "TIME", "when it happened, ISO 8601 (default: now)"),
            .value("key", "KEY", "the source system's event id, for idempotency"),
            .value("prop", "KEY=VALUE", "a property of the signal", repeatable: true),
        ] + personOptions.filter { $0.name != "id" },
        examples: [
            "accord signal quote-requested --email ana@acme.com --key form-8812",
            "accord signal webinar-attended --lead L0000001 --at 2026-11-20T16:00:00Z --campaign q4-webinar",
        ]
    ) { arguments, console in
        let kind = SignalKind(try arguments.positional(0, "KIND"))
        let at =
            try arguments.value("at").map { text throws(CLIError) in try ValueParsing.instant(text, option: "at") }
            ?? Date()
        var properties: [String: AttributeValue] = [:]
        for text in arguments.all("prop") {
            let (key, value) = try ValueParsing.pair(text, option: "prop")
            properties[key] = value
        }
        let person = try ValueParsing.person(arguments)
        let signal = Signal(
            kind: kind, occurredAt: at, source: person.source, campaign: person.campaign, properties: properties,
            idempotencyKey: arguments.value("key"))
        let leadOption = arguments.value("lead")
        if leadOption == nil, person.email == nil, person.phone == nil, person.externalIDs.isEmpty {
            throw CLIError.usage("name the person with --lead, --email, --phone or --external")
        }
        try ValueParsing.checkContacts(of: person, identity: console.dataDirectory.loadPlaybook().identity)
        let result = try await console.dataDirectory.withEngine { engine in
            if let leadOption {
                return try await engine.record(signal, for: LeadID(leadOption), by: .integration("cli"))
            }
            return try await engine.record(signal, from: person, by: .integration("cli"))
        }
        if console.json {
            try console.printJSON(
                SignalOutput(
                    duplicate: result.isDuplicate, position: result.position.rawValue, lead: LeadView(result.state)))
        } else if result.isDuplicate {
            console.print("duplicate: already recorded at #\(result.position) on \(result.leadID)")
        } else {
            console.print("recorded \(kind) on \(result.leadID) at #\(result.position)")
            if let block = result.state.handoffBlock { console.print("not moved: \(block.summary)") }
        }
    }
}
