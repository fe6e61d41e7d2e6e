import Accord
import Foundation
import LeadModel
import Scoring

extension CommandDefinition {
    static let accountShow = CommandDefinition(
        name: "account show",
        summary: "Show an account and its leads (merged duplicates counted once).",
        discussion: """
            Leads join an account by the domain of their work email; free-mail addresses never do. \
            The account's score rolls up its contacts': the best contact's fit plus their summed \
            engagement, capped (the playbook's scoring.accountRollup).
            """,
        positionals: [PositionalSpec(name: "ACCOUNT", help: "the account id, usually the email domain (acme.com)")],
        examples: ["accord account show acme.com"]
    ) { arguments, console in
        let id = AccountID(try arguments.positional(0, "ACCOUNT").lowercased())
        let (account, contacts, score) = try await console.dataDirectory.withEngine { engine in
            (await engine.account(id), await engine.contacts(of: id), await engine.accountScore(id))
        }
        guard let account else {
            throw CLIError(
                status: .notFound, message: "no account \(id); accounts are named by email domain, e.g. acme.com")
        }
        if console.json {
            try console.printJSON(AccountOutput(account: account, score: score, leads: contacts.map(LeadView.init)))
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
            console.print(
                "  \(state.id)  \(state.stage.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0))\(name)\(owner)"
            )
        }
    }
}

struct AccountOutput: Codable {
    var account: Account
    var score: AccountScore?
    var leads: [LeadView]
}
