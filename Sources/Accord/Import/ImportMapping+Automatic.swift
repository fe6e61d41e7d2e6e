import Foundation
import LeadModel

extension ImportMapping {
    /// The automatic target of a column: its own name when that is a target this kind of import
    /// can fill, else a known alias, else a custom attribute (leads) or property (signals) named
    /// in lower camel case. A signals import fills a lead field other than
    /// ``ImportTarget/signalRowLeadFields`` only when mapped to it: a `company` column of a
    /// signal row is the signal's `company` property (see ``leadField(namedBy:)``).
    ///
    /// - Parameters:
    ///   - column: The header or JSON key, such as `"First Name"` or `"Employee Count"`.
    ///   - kind: The kind of import.
    ///   - export: The recognised export the header comes from, whose own columns come first.
    /// - Returns: The target; ``ImportTarget/Field/ignored`` for an empty name.
    public static func automaticTarget(
        for column: String, kind: ImportKind, export: ImportExportProfile? = nil
    ) -> ImportTarget {
        if let own = export?.target(for: column) { return own }
        let trimmed = column.trimmingCharacters(in: .whitespaces)
        if let exact = try? ImportTarget(parsing: trimmed), exact.isAllowed(in: kind),
            exact.field != .ignored, !Self.isPropertyByDefault(exact, in: kind)
        {
            return exact
        }
        let key = String(trimmed.lowercased().filter { $0.isLetter || $0.isNumber })
        let aliases = kind == .leads ? leadAliases : signalAliases
        if let field = aliases[key] { return ImportTarget(field) }
        let name = lowerCamelCase(trimmed)
        if name.isEmpty { return ImportTarget(.ignored) }
        return ImportTarget(kind == .leads ? .attribute(name) : .property(name))
    }

    /// Whether `target` is a lead field that a signals import keeps as a property unless mapped.
    private static func isPropertyByDefault(_ target: ImportTarget, in kind: ImportKind) -> Bool {
        guard kind == .signals, case .lead(let field) = target.field else { return false }
        return !ImportTarget.signalRowLeadFields.contains(field)
    }

    /// The lead field a column names — as a leads import would map it — when a signals import
    /// keeps it as a property instead: `Company` → `company`, `Job Title` → `title`; `nil` for
    /// identity and attribution columns, which fill the lead in either import, and for other names.
    ///
    /// The import command tells the user about such columns and the mapping (`company=company`)
    /// that makes signal rows update the lead.
    public static func leadField(namedBy column: String) -> LeadField? {
        guard case .lead(let field) = automaticTarget(for: column, kind: .leads).field,
            !ImportTarget.signalRowLeadFields.contains(field)
        else { return nil }
        return field
    }

    /// `Employee Count (FTE)` → `employeeCountFte`; `employeeCount` stays; `NPS` → `nps`.
    static func lowerCamelCase(_ text: String) -> String {
        let words = text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        guard let first = words.first else { return "" }
        let head: String
        if words.count == 1 && first != first.uppercased() {
            head = first.prefix(1).lowercased() + first.dropFirst()
        } else {
            head = first.lowercased()
        }
        return head
            + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }
            .joined()
    }

    private static let personAliases: [String: ImportTarget.Field] = [
        "email": .lead(.email), "emailaddress": .lead(.email), "mail": .lead(.email),
        "workemail": .lead(.email), "businessemail": .lead(.email),
        "phone": .lead(.phone), "phonenumber": .lead(.phone), "telephone": .lead(.phone),
        "tel": .lead(.phone), "mobile": .lead(.phone), "mobilephone": .lead(.phone),
        "mobilenumber": .lead(.phone), "cell": .lead(.phone), "cellphone": .lead(.phone),
        "leadid": .id, "id": .id,
        "source": .lead(.source), "leadsource": .lead(.source), "utmsource": .lead(.source),
        "channel": .lead(.source),
        "campaign": .lead(.campaign), "campaignname": .lead(.campaign),
        "utmcampaign": .lead(.campaign),
    ]

    private static let leadAliases: [String: ImportTarget.Field] = personAliases.merging([
        "firstname": .lead(.firstName), "givenname": .lead(.firstName),
        "fname": .lead(.firstName), "forename": .lead(.firstName),
        "lastname": .lead(.lastName), "surname": .lead(.lastName),
        "familyname": .lead(.lastName), "lname": .lead(.lastName),
        "title": .lead(.title), "jobtitle": .lead(.title), "position": .lead(.title),
        "company": .lead(.company), "companyname": .lead(.company),
        "organization": .lead(.company), "organisation": .lead(.company),
        "employer": .lead(.company),
        "account": .lead(.account), "accountid": .lead(.account),
        "messageangle": .lead(.messageAngle), "angle": .lead(.messageAngle),
        "offer": .lead(.messageAngle),
        // CRM and marketing exports (HubSpot contacts, Salesforce Leads and Contacts reports).
        "companyaccount": .lead(.company), "accountname": .lead(.company),
        "originalsource": .lead(.source),
        "createdat": .createdAt, "createdate": .createdAt, "createddate": .createdAt,
        "creationdate": .createdAt, "datecreated": .createdAt, "createdon": .createdAt,
        "firstcontactdate": .createdAt,
        "stage": .stage, "lifecyclestage": .stage, "leadstage": .stage,
        "stagedate": .stageEnteredAt, "stageenteredat": .stageEnteredAt,
    ]) { current, _ in current }

    private static let signalAliases: [String: ImportTarget.Field] = personAliases.merging([
        "kind": .kind, "type": .kind, "eventtype": .kind, "event": .kind, "signal": .kind,
        "signalkind": .kind, "activity": .kind, "activitytype": .kind,
        "occurredat": .occurredAt, "timestamp": .occurredAt, "time": .occurredAt,
        "date": .occurredAt, "datetime": .occurredAt, "eventtime": .occurredAt,
        "eventdate": .occurredAt, "occurred": .occurredAt, "createdat": .occurredAt,
        "idempotencykey": .idempotencyKey, "eventid": .idempotencyKey,
    ]) { current, _ in current }
}
