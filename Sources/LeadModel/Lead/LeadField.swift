/// A named field of a lead, as handoff gates, rules and imports refer to it.
///
/// The standard contact fields have fixed names (`email`, `company`, `source`, …); any other name
/// refers to a custom attribute. `attributes.industry` and `industry` name the same attribute.
public struct LeadField: StringIdentifier {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue =
            rawValue.hasPrefix("attributes.")
            ? String(rawValue.dropFirst("attributes.".count)) : rawValue
    }

    public static let email: LeadField = "email"
    public static let phone: LeadField = "phone"
    public static let firstName: LeadField = "firstName"
    public static let lastName: LeadField = "lastName"
    public static let title: LeadField = "title"
    public static let company: LeadField = "company"
    public static let account: LeadField = "account"
    public static let source: LeadField = "source"
    public static let campaign: LeadField = "campaign"
    public static let messageAngle: LeadField = "messageAngle"

    /// The standard fields, in the order forms and reports show them.
    public static let standard: [LeadField] = [
        .email, .phone, .firstName, .lastName, .title, .company, .account, .source, .campaign,
        .messageAngle,
    ]

    /// Whether this names a standard field rather than a custom attribute.
    public var isStandard: Bool { Self.standard.contains(self) }
}

extension Lead {
    /// The value of a field, as an attribute value; `nil` when the lead has none.
    ///
    /// Blank text counts as missing, so a form that submits `"  "` does not pass a gate.
    public subscript(field: LeadField) -> AttributeValue? {
        let text: String?
        switch field {
        case .email: text = email
        case .phone: text = phone
        case .firstName: text = firstName
        case .lastName: text = lastName
        case .title: text = title
        case .company: text = company
        case .account: text = accountID?.rawValue
        case .source: text = source
        case .campaign: text = campaign
        case .messageAngle: text = messageAngle
        default:
            guard let value = attributes[field.rawValue] else { return nil }
            if case .string(let string) = value, string.allSatisfy(\.isWhitespace) { return nil }
            if case .list(let list) = value, list.isEmpty { return nil }
            return value
        }
        guard let text, !text.allSatisfy(\.isWhitespace) else { return nil }
        return .string(text)
    }
}
