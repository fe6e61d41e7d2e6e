import Foundation
import LeadModel

/// Where an input column goes: a lead field, a custom attribute, a signal field, an identity.
///
/// Written as text in mappings:
/// - lead fields by their standard names: `email`, `phone`, `firstName`, `lastName`, `title`,
///   `company`, `account` (also `accountID`), `source`, `campaign`, `messageAngle`, and `id`;
/// - custom attributes as `attributes.<name>` — a bare unknown name is an error, so that a typo
///   (`emial`) is not silently imported as an attribute;
/// - signal fields: `kind`, `occurredAt`, `source`, `campaign`, `idempotencyKey`,
///   `properties.<name>`; the person as `email`, `phone`, `id` or `external:<system>`;
/// - the lead's history (leads imports): `createdAt`, when the lead was created; `stage`, the
///   stage it stood in (a stage of the playbook, or a CRM's lifecycle word such as
///   `marketingqualifiedlead`); `stageDate`, since when;
/// - `external:<system>` for an id in another system (the system is lowercased);
/// - `-` to ignore the column.
///
/// ``ImportTargetCatalog`` lists every target of each kind of import with what it means.
///
/// Attributes and properties may carry a type: `attributes.employees:number`,
/// `attributes.optedIn:bool`, `properties.renewsAt:date`, `attributes.zip:string`. Without a
/// type, CSV text becomes a number when the whole value reads as one, a boolean when it is
/// `true` or `false`, and a string otherwise. JSON Lines values keep their JSON type: the string
/// `"02134"` stays a string, the number `250` is a number.
public struct ImportTarget: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The field a column goes to.
    public enum Field: Hashable, Sendable {
        /// The lead's id (for signals: the id of the lead the signal belongs to).
        case id
        /// A standard lead field; for signals `email` and `phone` identify the person and
        /// `source` and `campaign` are the signal's.
        case lead(LeadField)
        /// A custom lead attribute.
        case attribute(String)
        /// An id in another system, keyed by the lowercased system name.
        case externalID(system: String)
        /// The signal's kind.
        case kind
        /// When the signal happened.
        case occurredAt
        /// The source system's id for the signal.
        case idempotencyKey
        /// A custom signal property.
        case property(String)
        /// When the lead was created in the source (leads imports): its capture is dated then.
        case createdAt
        /// The stage the lead stood in (leads imports).
        case stage
        /// When the lead entered ``stage`` (leads imports); the creation time by default.
        case stageEnteredAt
        /// The column is not imported.
        case ignored
    }

    /// How an attribute or property value is typed.
    public enum ValueType: String, Hashable, Sendable, Codable, CaseIterable {
        /// Number when the text reads as one, `true`/`false` as a boolean, else a string.
        case auto
        /// Always a string.
        case string
        /// A number; anything else is an error.
        case number
        /// `true`/`false`/`yes`/`no`/`y`/`n`/`1`/`0`; anything else is an error.
        case bool
        /// An ISO 8601 date; anything else is an error.
        case date
    }

    /// The field the column goes to.
    public var field: Field
    /// How the value is typed (only attributes and properties may be other than ``ValueType/auto``).
    public var valueType: ValueType

    /// Creates a target.
    ///
    /// - Parameters:
    ///   - field: The destination.
    ///   - valueType: How the value is typed.
    public init(_ field: Field, valueType: ValueType = .auto) {
        self.field = field
        self.valueType = valueType
    }

    /// Parses a target written as text, such as `email`, `attributes.employees:number`,
    /// `external:HubSpot` or `-`. Standard names are matched case-insensitively.
    ///
    /// - Parameter text: The target.
    /// - Throws: ``ImportError`` with code ``ImportError/Code/unknownTarget`` naming the target
    ///   when it is not a known field, or has a type where none is allowed.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var name = trimmed
        var valueType = ValueType.auto
        if !trimmed.lowercased().hasPrefix("external:"), let colon = trimmed.lastIndex(of: ":") {
            let suffix = String(trimmed[trimmed.index(after: colon)...]).lowercased()
            guard let parsed = ValueType(rawValue: suffix) else {
                throw ImportError(
                    .unknownTarget, column: trimmed,
                    message:
                        "unknown type \"\(suffix)\" in target \"\(trimmed)\"; expected one of auto, string, number, bool, date"
                )
            }
            valueType = parsed
            name = String(trimmed[..<colon])
        }
        let lowered = name.lowercased()
        let field: Field
        if name == "-" || lowered == "ignore" {
            field = .ignored
        } else if lowered.hasPrefix("attributes."), name.count > "attributes.".count {
            field = .attribute(String(name.dropFirst("attributes.".count)))
        } else if lowered.hasPrefix("properties."), name.count > "properties.".count {
            field = .property(String(name.dropFirst("properties.".count)))
        } else if lowered.hasPrefix("external:"), name.count > "external:".count {
            field = .externalID(
                system: String(name.dropFirst("external:".count))
                    .trimmingCharacters(in: .whitespaces).lowercased())
        } else if let known = Self.namedFields[lowered] {
            field = known
        } else {
            throw ImportError(
                .unknownTarget, column: trimmed,
                message:
                    "unknown field \"\(name)\"; expected id, a standard lead field (\(LeadField.standard.map(\.rawValue).joined(separator: ", "))), kind, occurredAt, idempotencyKey, createdAt, stage, stageDate, attributes.<name>, properties.<name>, external:<system> or - to ignore"
            )
        }
        switch field {
        case .attribute, .property: break
        default:
            guard valueType == .auto else {
                throw ImportError(
                    .unknownTarget, column: trimmed,
                    message:
                        "a type can only be given for attributes.<name> and properties.<name>, not for \"\(name)\""
                )
            }
        }
        self.init(field, valueType: valueType)
    }

    /// Decodes a target from its text form.
    ///
    /// - Throws: ``ImportError`` for an unknown target, `DecodingError` when not a string.
    public init(from decoder: any Decoder) throws {
        try self.init(parsing: try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes the target as its text form.
    ///
    /// - Throws: `EncodingError` from the encoder.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The text form: `email`, `attributes.employees:number`, `external:hubspot`, `-`.
    public var description: String {
        let name: String
        switch field {
        case .id: name = "id"
        case .lead(let leadField): name = leadField.rawValue
        case .attribute(let attribute): name = "attributes." + attribute
        case .externalID(let system): name = "external:" + system
        case .kind: name = "kind"
        case .occurredAt: name = "occurredAt"
        case .idempotencyKey: name = "idempotencyKey"
        case .property(let property): name = "properties." + property
        case .createdAt: name = "createdAt"
        case .stage: name = "stage"
        case .stageEnteredAt: name = "stageDate"
        case .ignored: name = "-"
        }
        return valueType == .auto ? name : name + ":" + valueType.rawValue
    }

    /// Whether an import of `kind` can fill this target.
    ///
    /// - Parameter kind: The kind of import.
    /// - Returns: `true` for lead fields, attributes and the lead's history (`createdAt`, `stage`,
    ///   `stageDate`) in lead imports; signal fields,
    ///   properties and the person's `email`, `phone`, `id` and external ids in signal imports.
    ///
    /// A signals import fills any lead field it is mapped to (the row's person gains what they
    /// lack), but maps only ``signalRowLeadFields`` by itself: other columns of a signal row are
    /// the signal's properties unless the mapping says otherwise.
    public func isAllowed(in kind: ImportKind) -> Bool {
        switch (field, kind) {
        case (.ignored, _), (.id, _), (.externalID, _): return true
        case (.lead, .leads), (.attribute, .leads): return true
        case (.createdAt, .leads), (.stage, .leads), (.stageEnteredAt, .leads): return true
        case (.lead, .signals): return true
        case (.kind, .signals), (.occurredAt, .signals), (.idempotencyKey, .signals),
            (.property, .signals):
            return true
        default: return false
        }
    }

    /// The lead fields a signals import maps by column name without being told: the person's
    /// identity and the signal's attribution.
    public static let signalRowLeadFields: Set<LeadField> = [.email, .phone, .source, .campaign]

    private static let namedFields: [String: Field] = {
        var fields: [String: Field] = [
            "id": .id, "leadid": .id, "accountid": .lead(.account), "kind": .kind,
            "occurredat": .occurredAt, "idempotencykey": .idempotencyKey, "createdat": .createdAt,
            "stage": .stage, "stagedate": .stageEnteredAt, "stageenteredat": .stageEnteredAt,
        ]
        for leadField in LeadField.standard {
            fields[leadField.rawValue.lowercased()] = .lead(leadField)
        }
        return fields
    }()
}
