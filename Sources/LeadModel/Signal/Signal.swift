import Foundation

/// One engagement or intent event: an email opened, a pricing page visited, a quote requested.
///
/// Signals carry an optional idempotency key — the id the source system gave the event — so that
/// delivering the same webhook twice records it once.
///
/// ```swift
/// let signal = Signal(kind: .quoteRequested, occurredAt: now, source: "website",
///                     properties: ["product": "payroll"], idempotencyKey: "form-88213")
/// ```
public struct Signal: Hashable, Sendable, Codable {
    public var kind: SignalKind
    public var occurredAt: Date
    public var source: String?
    public var campaign: String?
    public var properties: [String: AttributeValue]
    /// The source system's id for this event; the journal records each key once.
    public var idempotencyKey: String?

    public init(
        kind: SignalKind,
        occurredAt: Date,
        source: String? = nil,
        campaign: String? = nil,
        properties: [String: AttributeValue] = [:],
        idempotencyKey: String? = nil
    ) {
        self.kind = kind
        self.occurredAt = occurredAt
        self.source = source
        self.campaign = campaign
        self.properties = properties
        self.idempotencyKey = idempotencyKey
    }

    private enum CodingKeys: String, CodingKey {
        case kind, occurredAt, source, campaign, properties, idempotencyKey
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(SignalKind.self, forKey: .kind)
        occurredAt = try container.decode(Date.self, forKey: .occurredAt)
        source = try container.decodeIfPresent(String.self, forKey: .source)
        campaign = try container.decodeIfPresent(String.self, forKey: .campaign)
        properties =
            try container.decodeIfPresent([String: AttributeValue].self, forKey: .properties) ?? [:]
        idempotencyKey = try container.decodeIfPresent(String.self, forKey: .idempotencyKey)
    }
}
