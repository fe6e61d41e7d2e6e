import LeadModel

/// Reads one lead field without the string comparisons of `Lead[field]`: the field is resolved
/// once, when rules are compiled. Blank text counts as missing, as with `Lead[field]`.
enum FieldReader: Sendable {
    case email, phone, firstName, lastName, title, company, account, source, campaign, messageAngle
    case attribute(String)

    init(_ field: LeadField) {
        switch field {
        case .email: self = .email
        case .phone: self = .phone
        case .firstName: self = .firstName
        case .lastName: self = .lastName
        case .title: self = .title
        case .company: self = .company
        case .account: self = .account
        case .source: self = .source
        case .campaign: self = .campaign
        case .messageAngle: self = .messageAngle
        default: self = .attribute(field.rawValue)
        }
    }

    /// Whether the field holds personal data, whose value evidence must not repeat.
    var isPersonal: Bool {
        switch self {
        case .email, .phone, .firstName, .lastName: return true
        default: return false
        }
    }

    @inline(__always)
    func read(_ lead: Lead) -> AttributeValue? {
        let text: String?
        switch self {
        case .email: text = lead.email
        case .phone: text = lead.phone
        case .firstName: text = lead.firstName
        case .lastName: text = lead.lastName
        case .title: text = lead.title
        case .company: text = lead.company
        case .account: text = lead.accountID?.rawValue
        case .source: text = lead.source
        case .campaign: text = lead.campaign
        case .messageAngle: text = lead.messageAngle
        case .attribute(let key):
            guard let value = lead.attributes[key] else { return nil }
            return Self.nonBlank(value)
        }
        guard let text, !TextMatching.isBlank(text) else { return nil }
        return .string(text)
    }

    /// `value`, or `nil` when it is blank text or an empty list.
    @inline(__always)
    static func nonBlank(_ value: AttributeValue) -> AttributeValue? {
        switch value {
        case .string(let text): return TextMatching.isBlank(text) ? nil : value
        case .list(let items): return items.isEmpty ? nil : value
        default: return value
        }
    }
}
