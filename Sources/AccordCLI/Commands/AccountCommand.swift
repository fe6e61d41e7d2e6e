import Accord
import Foundation
import LeadModel
import Scoring

extension CommandDefinition {
    static let accountShow = CommandDefinition(
        name: "account show",
        summary: "Show an account, its leads (merged duplicates counted once) and its deals.",
        discussion: """
            Leads join an account by the domain of their work email; free-mail addresses never do. \
            With the playbook's accountMatching section they also join by company name, website, \
            postal code and country, and each lead shows how it matched (its confidence; the \
            evidence is in accord lead explain). \
            The account's score rolls up its contacts': the best contact's fit plus their summed \
            engagement, capped (the playbook's scoring.accountRollup). The deals are the account's own \
            (imported rows with an account and no contact) and its leads' deals, each with its stage, \
            amount ("unknown" when the CRM gave none), owner, dates and where it came from. An account \
            known only by a company name has the id name:<slug> (name:acme-inc); its name finds it too.
            """,
        positionals: [
            PositionalSpec(
                name: "ACCOUNT", help: "the account id (the email domain, acme.com, or name:acme-inc) or its name")
        ],
        examples: ["accord account show acme.com", "accord account show 'Acme Inc'"]
    ) { arguments, console in
        let text = try arguments.positional(0, "ACCOUNT")
        guard let summary = try await summary(of: text, console) else {
            throw CLIError(
                status: .notFound,
                message: "no account \(text); accounts are named by email domain (acme.com) or, for deals "
                    + "imported with a company name only, by that name")
        }
        let (account, contacts, score) = (summary.account, summary.contacts, summary.score)
        let deals =
            summary.deals.map { AccountDealView($0, lead: nil) }
            + contacts.compactMap { state in
                state.opportunity.map { AccountDealView($0, lead: state.id.rawValue, origin: nil) }
            }
        if console.json {
            try console.printJSON(
                AccountOutput(account: account, score: score, leads: contacts.map(LeadView.init), deals: deals))
            return
        }
        console.print(LeadView.pad("account") + account.id.rawValue)
        if let name = account.name { console.print(LeadView.pad("name") + name) }
        console.print(LeadView.pad("leads") + String(contacts.count))
        if let score {
            let capped =
                score.uncappedEngagement > score.engagement
                ? " (summed \(score.uncappedEngagement), capped)" : ""
            console.print(
                LeadView.pad("score")
                    + "\(score.total)  grade \(score.grade)  fit \(score.fit) (best contact "
                    + "\(score.bestFitContact?.rawValue ?? "-")), engagement \(score.engagement)\(capped)")
        }
        for state in contacts {
            let name = [state.lead.firstName, state.lead.lastName].compactMap { $0 }.joined(separator: " ")
            let owner = state.owner.map { "  owner \($0)" } ?? ""
            let match = state.accountMatch.map { "  \(Self.matchLabel($0))" } ?? ""
            console.print(
                "  \(state.id)  \(state.stage.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0))\(name)\(owner)\(match)"
            )
        }
        guard !deals.isEmpty else { return }
        let open = deals.count { $0.status == "open" }
        let won = deals.count { $0.status == "won" }
        console.print(
            LeadView.pad("deals") + "\(deals.count) (\(open) open, \(won) won, \(deals.count - open - won) lost)")
        for deal in deals { console.print("  " + deal.line) }
    }
}

extension CommandDefinition {
    /// How a contact came to the account, in a few words: `matched 0.97 (name, country)` or
    /// `accepted by mia`.
    fileprivate static func matchLabel(_ decision: AccountMatchDecision) -> String {
        guard decision.verdict == .matched, let candidate = decision.candidate else {
            return decision.summary
        }
        let kinds = candidate.evidence.filter { $0.weight > 0 }.map(\.kind.rawValue)
        return "matched \(String(format: "%.2f", candidate.confidence))"
            + (kinds.isEmpty ? "" : " (\(kinds.joined(separator: ", ")))")
    }

    /// The account `text` names, read from the account directory the engine keeps with its
    /// snapshots; a journal without one (written by an earlier Accord) is read by an engine.
    fileprivate static func summary(of text: String, _ console: Console) async throws -> AccountSummary? {
        do {
            return try await console.dataDirectory.withReports { reports, store in
                try await reports.accountSummary(text, on: store, snapshots: store)
            }
        } catch is AccountDirectoryMissing {
            return try await console.dataDirectory.withEngine { engine in await engine.accountSummary(text) }
        }
    }
}

struct AccountOutput: Codable {
    var account: Account
    var score: AccountScore?
    var leads: [LeadView]
    /// The account's own deals, then its leads' deals.
    var deals: [AccountDealView]
}
