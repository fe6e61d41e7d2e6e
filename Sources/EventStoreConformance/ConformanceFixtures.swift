import Foundation
import LeadModel

/// Sample events for exercising an ``LeadModel/EventStore``, as the conformance checks use them.
///
/// Every builder is deterministic: the same arguments give the same event. Times are whole
/// seconds after ``epoch``, so stores that keep timestamps at millisecond or microsecond
/// precision (SQL databases) still read back events equal to the ones appended.
///
/// Reuse them in your own store's tests:
///
/// ```swift
/// let lead = ConformanceFixtures.leadID(1)
/// try await store.append(
///     [ConformanceFixtures.captured(lead), ConformanceFixtures.signal(lead, sequence: 1)],
///     to: lead, expecting: .noStream)
/// ```
public enum ConformanceFixtures {
    /// The time every fixture's `occurredAt` is counted from: 2026-11-23 09:00:00 UTC.
    public static let epoch = Date(timeIntervalSince1970: 1_795_424_400)

    /// The signal property that carries a fixture's sequence number.
    public static let sequenceProperty = "sequence"

    /// A lead identifier unique to `number`, such as `conformance-lead-7`.
    public static func leadID(_ number: Int) -> LeadID {
        LeadID("conformance-lead-\(number)")
    }

    /// A lead-captured event full of personal data (email, phone, names, external id and custom
    /// attributes), so that erasure has something to remove.
    ///
    /// - Parameters:
    ///   - lead: the lead captured.
    ///   - idempotencyKey: the key to record the event under, if any.
    /// - Returns: an event with no position.
    public static func captured(_ lead: LeadID, idempotencyKey: String? = nil) -> LeadEvent {
        let person = Lead(
            id: lead, email: "ana.lima+\(lead.rawValue)@acme.example", phone: "+1 555 0100",
            firstName: "Ana", lastName: "Lima", title: "Head of Security", company: "Acme",
            accountID: "acme.example", source: "webinar", campaign: "q4-security",
            messageAngle: "security review",
            externalIDs: [ExternalID(system: "webform", value: "sub-\(lead.rawValue)")],
            attributes: ["employees": .number(250), "industry": .string("healthcare")])
        return LeadEvent(
            leadID: lead, occurredAt: epoch, actor: .integration("webform"),
            payload: .captured(person, stage: .lead), idempotencyKey: idempotencyKey)
    }

    /// An engagement signal whose properties carry personal data and a sequence number.
    ///
    /// - Parameters:
    ///   - lead: the lead the signal is about.
    ///   - sequence: a number stored in the signal's ``sequenceProperty`` property and used as
    ///     the event's offset in seconds from ``epoch``; checks use it to verify order.
    ///   - kind: the kind of signal.
    ///   - idempotencyKey: the key to record the event under, if any.
    /// - Returns: an event with no position.
    public static func signal(
        _ lead: LeadID, sequence: Int, kind: SignalKind = .pricingPageVisited,
        idempotencyKey: String? = nil
    ) -> LeadEvent {
        let at = epoch.addingTimeInterval(TimeInterval(sequence))
        let signal = Signal(
            kind: kind, occurredAt: at, source: "website", campaign: "q4-security",
            properties: [
                sequenceProperty: .number(Double(sequence)),
                "visitorEmail": .string("ana.lima@acme.example"),
            ],
            idempotencyKey: idempotencyKey)
        return LeadEvent(
            leadID: lead, occurredAt: at, actor: .integration("web-tracker"),
            payload: .signalRecorded(signal), idempotencyKey: idempotencyKey)
    }

    /// A sales touch with a free-text note (personal data that erasure removes).
    ///
    /// - Parameters:
    ///   - lead: the lead touched.
    ///   - sequence: the event's offset in seconds from ``epoch``.
    /// - Returns: an event with no position.
    public static func touch(_ lead: LeadID, sequence: Int) -> LeadEvent {
        let at = epoch.addingTimeInterval(TimeInterval(sequence))
        return LeadEvent(
            leadID: lead, occurredAt: at, actor: .person("rep-7"),
            payload: .touched(
                Touch(
                    channel: .call, by: "rep-7", connected: true,
                    note: "Ana asked us to call her mobile")))
    }

    /// The event recording that `lead` was erased, to pass to ``LeadModel/EventStore/erase(lead:recording:)``.
    ///
    /// - Parameter lead: the lead erased.
    /// - Returns: an event with no position and no idempotency key.
    public static func erasure(_ lead: LeadID) -> LeadEvent {
        LeadEvent(
            leadID: lead, occurredAt: epoch.addingTimeInterval(86_400), actor: .person("dpo"),
            payload: .erased(Erasure(requestedBy: "dpo", reference: "DSR-\(lead.rawValue)")))
    }

    /// The sequence number of a ``signal(_:sequence:kind:idempotencyKey:)`` event, or `nil` for
    /// any other event.
    public static func sequence(of event: LeadEvent) -> Int? {
        guard case .signalRecorded(let signal) = event.payload,
            case .number(let value)? = signal.properties[sequenceProperty]
        else { return nil }
        return Int(value)
    }
}
