import Accord
import Foundation
import LeadModel

extension CommandDefinition {
    static let opportunityOpen = CommandDefinition(
        name: "opportunity open",
        summary: "Open a deal on a lead; the lead moves to the opportunity stage.",
        discussion: """
            The stage graph must allow the move from the lead's stage (sql → opportunity in the \
            standard graph) and the opportunity gate must pass (a use case). With --advance, a \
            lead still at lead or mql is moved along the shortest allowed path, each step recorded.
            """,
        positionals: [PositionalSpec(name: "LEAD", help: "the lead's id")],
        options: [
            .value("id", "OPP", "the deal's id, e.g. the CRM's opportunity id (required)"),
            .value("amount", "N", "the expected value (required)"),
            .value("currency", "CODE", "ISO 4217 currency code (default: USD)"),
            .value("product", "NAME", "the product line"),
            .value("close-date", "DATE", "expected close date, e.g. 2026-12-15"),
            .value("owner", "REP", "the rep working the deal (default: the lead's owner)"),
            .value("deal-stage", "NAME", "the CRM's deal stage, e.g. discovery"),
            .value("by", "PERSON", "who opens it (default: cli)"),
            .flag("advance", "walk the stage graph up to the opportunity stage"),
        ],
        examples: [
            "accord opportunity open L0000001 --id OPP-7 --amount 24000 --product payroll --close-date 2026-12-15"
        ]
    ) { arguments, console in
        let lead = LeadID(try arguments.positional(0, "LEAD"))
        var deal = Opportunity(
            id: try opportunityID(arguments), amount: try amount(arguments, required: true)!,
            currency: arguments.value("currency") ?? "USD", product: arguments.value("product"),
            expectedCloseDate: try arguments.value("close-date").map { text throws(CLIError) in
                try ValueParsing.instant(text, option: "close-date")
            },
            owner: arguments.value("owner").map { .rep($0) }, dealStage: arguments.value("deal-stage"))
        deal.currency = deal.currency.uppercased()
        let state = try await runDeal(console) { engine in
            try await engine.openOpportunity(deal, on: lead, by: actor(arguments), advancing: arguments.has("advance"))
        }
        try printDeal(state, console, "opened \(deal.id) on \(lead)")
    }

    static let opportunityUpdate = CommandDefinition(
        name: "opportunity update",
        summary: "Change an open deal's amount, deal stage or expected close date.",
        positionals: [PositionalSpec(name: "LEAD", help: "the lead's id")],
        options: [
            .value("id", "OPP", "the open deal's id (required)"),
            .value("amount", "N", "the new amount"),
            .value("deal-stage", "NAME", "the new CRM deal stage"),
            .value("close-date", "DATE", "the new expected close date"),
            .value("by", "PERSON", "who changes it (default: cli)"),
        ],
        examples: ["accord opportunity update L0000001 --id OPP-7 --amount 30000 --deal-stage proposal"]
    ) { arguments, console in
        let lead = LeadID(try arguments.positional(0, "LEAD"))
        let update = OpportunityUpdate(
            id: try opportunityID(arguments), amount: try amount(arguments, required: false),
            dealStage: arguments.value("deal-stage"),
            expectedCloseDate: try arguments.value("close-date").map { text throws(CLIError) in
                try ValueParsing.instant(text, option: "close-date")
            })
        let state = try await runDeal(console) { engine in
            try await engine.updateOpportunity(update, on: lead, by: actor(arguments))
        }
        try printDeal(state, console, "updated \(update.id) on \(lead)")
    }

    static let opportunityClose = CommandDefinition(
        name: "opportunity close",
        summary: "Close a deal as won or lost; the lead moves to the won or lost stage.",
        positionals: [PositionalSpec(name: "LEAD", help: "the lead's id")],
        options: [
            .value("id", "OPP", "the open deal's id (required)"),
            .value("outcome", "won|lost", "how it ended (required)"),
            .value("amount", "N", "the final value (default: the deal's amount)"),
            .value("closed-at", "DATE", "when it closed (default: now)"),
            .value("reason", "CODE", "why it was won or lost, e.g. price, competitor, roi-case"),
            .value("by", "PERSON", "who closes it (default: cli)"),
        ],
        examples: ["accord opportunity close L0000001 --id OPP-7 --outcome won --amount 26000 --reason roi-case"]
    ) { arguments, console in
        let lead = LeadID(try arguments.positional(0, "LEAD"))
        let id = try opportunityID(arguments)
        guard let outcome = try arguments.choice("outcome", as: OpportunityOutcome.self) else {
            throw CLIError.usage("--outcome is required: won or lost")
        }
        let value = try amount(arguments, required: false)
        let closedAt = try arguments.value("closed-at").map { text throws(CLIError) in
            try ValueParsing.instant(text, option: "closed-at")
        }
        let state = try await runDeal(console) { engine in
            try await engine.closeOpportunity(
                id, on: lead, as: outcome, amount: value, closedAt: closedAt, reason: arguments.value("reason"),
                by: actor(arguments))
        }
        try printDeal(state, console, "closed \(id) on \(lead) as \(outcome.rawValue)")
    }

    private static func actor(_ arguments: ParsedArguments) -> EventActor {
        arguments.value("by").map { .person($0) } ?? .integration("cli")
    }

    private static func opportunityID(_ arguments: ParsedArguments) throws(CLIError) -> OpportunityID {
        guard let id = arguments.value("id"), !id.isEmpty else {
            throw CLIError.usage("--id OPP is required: the deal's id")
        }
        return OpportunityID(rawValue: id)
    }

    private static func amount(_ arguments: ParsedArguments, required: Bool) throws(CLIError) -> Double? {
        guard let text = arguments.value("amount") else {
            if required { throw CLIError.usage("--amount N is required: the deal's expected value") }
            return nil
        }
        guard let value = Double(text.replacingOccurrences(of: ",", with: "")), value.isFinite, value >= 0 else {
            throw CLIError.usage("--amount expects a number of 0 or more, such as 24000, got '\(text)'")
        }
        return value
    }

    /// Runs a deal command, turning a refused deal into the CLI's `refused` status.
    private static func runDeal(
        _ console: Console, _ body: (AlignmentEngine) async throws -> LeadState
    ) async throws -> LeadState {
        do {
            return try await console.dataDirectory.withEngine(body)
        } catch let error as OpportunityError {
            throw CLIError(
                status: error.code == .invalidValue ? .usage : .refused, message: error.description)
        }
    }

    private static func printDeal(_ state: LeadState, _ console: Console, _ what: String) throws {
        if console.json {
            try console.printJSON(DealOutput(lead: LeadView(state), opportunity: state.opportunity))
            return
        }
        var line = "\(what); the lead is now \(state.stage)"
        if let deal = state.opportunity {
            line +=
                " (\(LeadView.number(deal.closing?.amount ?? deal.opportunity.amount)) \(deal.opportunity.currency))"
        }
        console.print(line)
    }
}

struct DealOutput: Codable {
    var lead: LeadView
    var opportunity: OpportunityState?
}
