import Accord
import Foundation
import LeadModel

extension CommandDefinition {
    static let accountReview = CommandDefinition(
        name: "account review",
        summary: "List the leads whose account match waits for a person, with candidates and evidence.",
        discussion: """
            With the playbook's accountMatching section, a lead whose best account candidate is \
            plausible but below the match threshold waits here instead of joining an account it may \
            not belong to; meanwhile it stays on its work-email domain's account, or on none. Each \
            candidate shows its confidence and the evidence behind it (email domain, website, name, \
            acronym, phone, postal code, country). Decide with accord account accept or accord account \
            reject; decisions are remembered for the lead.
            """,
        options: [.value("limit", "N", "show at most N leads (default: 50)")],
        examples: ["accord account review", "accord account review --json"]
    ) { arguments, console in
        let limit = try arguments.integer("limit", default: 50, range: 1...1_000_000)
        let reviews = try await console.dataDirectory.withEngine { engine in await engine.accountReviews() }
        let shown = Array(reviews.prefix(limit))
        if console.json {
            try console.printJSON(AccountReviewOutput(total: reviews.count, leads: shown.map(LeadView.init)))
            return
        }
        guard !reviews.isEmpty else {
            console.print("no account matches wait for review")
            return
        }
        let more = reviews.count > shown.count ? " (showing the oldest \(shown.count); --limit N for more)" : ""
        console.print(
            "\(reviews.count) lead\(reviews.count == 1 ? "" : "s") wait\(reviews.count == 1 ? "s" : "") for review\(more)"
        )
        for state in shown {
            guard let review = state.accountReview else { continue }
            let company = state.lead.company.map { " \"\($0)\"" } ?? ""
            let meanwhile = state.lead.accountID.map { " (on \($0) meanwhile)" } ?? " (no account meanwhile)"
            console.print("")
            console.print("\(state.id)\(company)\(meanwhile)")
            console.print("  " + review.summary)
            for candidate in review.candidates {
                let name = candidate.name.map { " \($0)" } ?? ""
                console.print("  \(candidate.account)\(name)  \(String(format: "%.2f", candidate.confidence))")
                for evidence in candidate.evidence { console.print("      \(evidence)") }
            }
            if let best = review.candidates.first {
                console.print(
                    "  decide: accord account accept \(state.id) \(best.account)  |  reject \(state.id) \(best.account)"
                )
            }
        }
    }

    static let accountAccept = CommandDefinition(
        name: "account accept",
        summary: "Put a lead on an account: a reviewer's always-match, kept in the journal.",
        discussion: """
            ACCOUNT is usually a candidate accord account review lists, but may be any account the \
            journal knows. The lead leaves its review and joins the account (its contacts, roll-up \
            score and owner routing follow); the decision is remembered for the lead.
            """,
        positionals: decisionPositionals,
        options: decisionOptions,
        examples: ["accord account accept L0000042 acme.com --by mia --note 'same HQ phone'"]
    ) { arguments, console in
        try await decide(.accepted, arguments, console)
    }

    static let accountReject = CommandDefinition(
        name: "account reject",
        summary: "Refuse an account for a lead: a never-match the matcher will not make again.",
        discussion: """
            ACCOUNT is the lead's account or a candidate of its review. A rejected candidate leaves \
            the review (which closes with its last candidate). A lead rejected from its own account \
            returns to its work-email domain's account, or to none, and any rival match goes to review \
            rather than straight to the lead.
            """,
        positionals: decisionPositionals,
        options: decisionOptions,
        examples: ["accord account reject L0000042 acme.com --by mia --note 'a namesake in Ohio'"]
    ) { arguments, console in
        try await decide(.rejected, arguments, console)
    }

    /// The lead and account `account accept` and `account reject` take.
    private static let decisionPositionals = [
        PositionalSpec(name: "LEAD", help: "the lead's id"),
        PositionalSpec(name: "ACCOUNT", help: "the account's id (acme.com)"),
    ]

    /// Who decided, and why.
    private static let decisionOptions: [OptionSpec] = [
        .value("by", "PERSON", "the reviewer (default: reviewer)"),
        .value("note", "TEXT", "why, in one sentence"),
    ]

    private static func decide(
        _ verdict: AccountMatchDecision.Verdict, _ arguments: ParsedArguments, _ console: Console
    ) async throws {
        let id = LeadID(try arguments.positional(0, "LEAD"))
        let account = AccountID(try arguments.positional(1, "ACCOUNT").lowercased())
        let actor = EventActor.person(arguments.value("by") ?? "reviewer")
        let note = arguments.value("note")
        let state = try await console.dataDirectory.withEngine { engine in
            verdict == .accepted
                ? try await engine.acceptAccount(account, for: id, by: actor, note: note)
                : try await engine.rejectAccount(account, for: id, by: actor, note: note)
        }
        if console.json {
            try console.printJSON(LeadView(state))
            return
        }
        let now = state.lead.accountID.map { "on \($0)" } ?? "on no account"
        console.print("\(verdict == .accepted ? "accepted" : "rejected") \(account) for \(id); the lead is \(now)")
        if let review = state.accountReview {
            console.print("still to review: " + review.candidates.map(\.account.rawValue).joined(separator: ", "))
        }
    }
}

struct AccountReviewOutput: Codable {
    /// Every lead waiting, before `--limit`.
    var total: Int
    var leads: [LeadView]
}
