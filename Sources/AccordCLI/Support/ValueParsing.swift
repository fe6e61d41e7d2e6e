import Foundation
import LeadModel

/// Parsing of the CLI's typed values: `KEY=VALUE` pairs, external ids, instants.
enum ValueParsing {
    /// `employees=250` → ("employees", .number(250)); `true`/`false` become booleans.
    static func pair(_ text: String, option: String) throws(CLIError) -> (String, AttributeValue) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw CLIError.usage("--\(option) expects KEY=VALUE, got '\(text)'")
        }
        let key = String(text[..<equals]).trimmingCharacters(in: .whitespaces)
        let raw = String(text[text.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        return (key, typed(raw))
    }

    static func typed(_ raw: String) -> AttributeValue {
        switch raw.lowercased() {
        case "true": return .bool(true)
        case "false": return .bool(false)
        default: break
        }
        if let number = Double(raw), raw.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) {
            return .number(number)
        }
        return .string(raw)
    }

    /// `hubspot:123` → ExternalID(system: "hubspot", value: "123").
    static func externalID(_ text: String) throws(CLIError) -> ExternalID {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw CLIError.usage("--external expects SYSTEM:ID such as hubspot:123, got '\(text)'")
        }
        return ExternalID(system: parts[0], value: parts[1])
    }

    /// An ISO 8601 instant (`2026-11-23T10:00:00Z`) or a date (`2026-11-23`, midnight UTC).
    static func instant(_ text: String, option: String) throws(CLIError) -> Date {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle().year().month().day()) { return date }
        throw CLIError.usage("--\(option) expects an ISO 8601 time such as 2026-11-23T10:00:00Z, got '\(text)'")
    }

    /// Refuses an `--email` or `--phone` that is not one, with the rules the import uses
    /// (``StandardIdentityResolver/emailProblem(_:)`` and the playbook's phone rules).
    ///
    /// The error names the option and what was expected, never the value (personal data).
    static func checkContacts(of person: Lead, identity: StandardIdentityResolver.Configuration) throws(CLIError) {
        if let email = person.email, let problem = StandardIdentityResolver.emailProblem(email) {
            throw CLIError.usage("--email is not an email address: \(problem)")
        }
        if let phone = person.phone, let problem = StandardIdentityResolver(configuration: identity).phoneProblem(phone)
        {
            throw CLIError.usage("--phone is not a phone number: \(problem)")
        }
    }

    /// The person named by the common identity options.
    static func person(_ arguments: ParsedArguments) throws(CLIError) -> Lead {
        var lead = Lead(id: LeadID(arguments.value("id") ?? ""))
        lead.email = arguments.value("email")
        lead.phone = arguments.value("phone")
        lead.firstName = arguments.value("first-name")
        lead.lastName = arguments.value("last-name")
        lead.title = arguments.value("title")
        lead.company = arguments.value("company")
        lead.accountID = arguments.value("account").map(AccountID.init(rawValue:))
        lead.source = arguments.value("source")
        lead.campaign = arguments.value("campaign")
        lead.messageAngle = arguments.value("angle")
        for text in arguments.all("external") { lead.externalIDs.append(try externalID(text)) }
        for text in arguments.all("attr") {
            let (key, value) = try pair(text, option: "attr")
            lead.attributes[key] = value
        }
        return lead
    }
}
