/// Changes to a lead's fields: standard contact fields and custom attributes alike.
///
/// A `nil` value removes the field. Standard fields take the value's ``AttributeValue/text``.
public struct FieldChanges: Hashable, Sendable, Codable {
    public var values: [LeadField: AttributeValue?]

    public init(_ values: [LeadField: AttributeValue?]) { self.values = values }

    /// Whether applying the changes to `lead` would change nothing.
    public func isNoOp(on lead: Lead) -> Bool {
        values.allSatisfy { field, value in lead[field] == value }
    }

    private struct Entry: Codable {
        var field: LeadField
        var value: AttributeValue?
    }

    public init(from decoder: any Decoder) throws {
        let entries = try [Entry](from: decoder)
        values = Dictionary(entries.map { ($0.field, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    public func encode(to encoder: any Encoder) throws {
        try values.sorted { $0.key.rawValue < $1.key.rawValue }
            .map { Entry(field: $0.key, value: $0.value) }
            .encode(to: encoder)
    }
}

extension Lead {
    /// Applies field changes in place.
    public mutating func apply(_ changes: FieldChanges) {
        for (field, value) in changes.values {
            let text = value?.text
            switch field {
            case .email: email = text
            case .phone: phone = text
            case .firstName: firstName = text
            case .lastName: lastName = text
            case .title: title = text
            case .company: company = text
            case .account: accountID = text.map(AccountID.init(rawValue:))
            case .source: source = text
            case .campaign: campaign = text
            case .messageAngle: messageAngle = text
            default: attributes[field.rawValue] = value
            }
        }
    }
}
