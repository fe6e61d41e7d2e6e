import Accord
import Foundation
import LeadModel

extension CommandDefinition {
    /// The options that describe a person, shared by `capture` and `signal`.
    static let personOptions: [OptionSpec] = [
        .value("id", "ID", "the lead's id (default: matched, or minted)"),
        .value("email", "EMAIL", "email address"),
        .value("phone", "PHONE", "phone number, any formatting"),
        .value("first-name", "NAME", "first name"),
        .value("last-name", "NAME", "last name"),
        .value("title", "TITLE", "job title"),
        .value("company", "NAME", "company name"),
        .value("account", "ID", "account id (default: from the work-email domain)"),
        .value("source", "SOURCE", "channel the lead came from (webinar, paid-search, …)"),
        .value("campaign", "NAME", "campaign"),
        .value("angle", "TEXT", "the message or offer that produced the response"),
        .value("external", "SYSTEM:ID", "the person's id in another system", repeatable: true),
        .value("attr", "KEY=VALUE", "a custom attribute; numbers and true/false are typed", repeatable: true),
    ]

    static let capture = CommandDefinition(
        name: "capture",
        summary: "Capture a lead, or add what a record knows to the lead the person already is.",
        discussion: """
            The same person arriving twice (email case and spaces, phone formatting, the same \
            external id) becomes one lead; a record that links two leads merges them. --at dates \
            a capture that happened earlier (a new lead is created then and counts in that \
            period's cohort); a time in the future is refused.
            """,
        options: personOptions + [
            .value("at", "TIME", "when the capture happened, ISO 8601 (default: now; not in the future)")
        ],
        examples: [
            "accord capture --email ana@acme.com --company Acme --source webinar --attr employees=250",
            "accord capture --external outreach:OR-77 --phone '(415) 555-0100' --source outbound",
            "accord capture --email bo@initech.com --source trade-show --at 2026-03-14T15:00:00Z",
        ]
    ) { arguments, console in
        let person = try ValueParsing.person(arguments)
        guard person.email != nil || person.phone != nil || !person.externalIDs.isEmpty || !person.id.rawValue.isEmpty
        else {
            throw CLIError.usage("a lead needs at least one of --email, --phone, --external or --id")
        }
        try ValueParsing.checkContacts(of: person, identity: console.dataDirectory.loadPlaybook().identity)
        let time = try arguments.value("at").map { text throws(CLIError) in try ValueParsing.instant(text, option: "at")
        }
        if let time, time > Date() {
            throw CLIError.usage(
                "--at is in the future (\(time.formatted(.iso8601))); a capture cannot happen later than now")
        }
        let result = try await console.dataDirectory.withEngine { engine in
            try await engine.capture(person, by: .integration("cli"), at: time)
        }
        let output = CaptureOutput(result)
        if console.json {
            try console.printJSON(output)
        } else {
            console.print("\(output.outcome) \(result.leadID)")
            if let block = result.state.handoffBlock { console.print("not moved: \(block.summary)") }
        }
    }
}
