import LeadModel
import PostgresNIO

/// One append call flattened into the arrays `append_events` takes: per request its lead and
/// expected version; per event its request, its key's slot and its encoded payload; the distinct
/// keys of the call; with identity claims, the identity keys its captures claim.
struct AppendCall: Sendable {
    var leads: [String] = []
    /// Per request: -1 for any version, else the exact version expected (0: no stream).
    var expected: [Int64] = []
    /// Per event: the 1-based number of its request.
    var eventRequest: [Int32] = []
    /// Per event: the 1-based slot of its key in ``keys``, 0 when it has none.
    var eventKey: [Int32] = []
    /// The call's distinct idempotency keys, in order of first use.
    var keys: [String] = []
    var payloads: [ByteBuffer] = []
    /// The identity keys the call's captures claim (`kind`, a unit separator, the value), and
    /// per key the 1-based number of its request; empty without identity claims.
    var claimKeys: [String] = []
    var claimRequest: [Int32] = []
    let requests: [AppendRequest]

    var eventCount: Int { payloads.count }

    /// Flattens `requests`.
    ///
    /// - Parameter identity: the resolver whose keys each captured person claims, or `nil` for
    ///   no claims.
    /// - Throws: ``LeadModel/EventStoreError`` `invalidRequest` for an event of another lead.
    init(_ requests: [AppendRequest], identity: (any IdentityResolver)? = nil) throws {
        self.requests = requests
        var slots: [String: Int32] = [:]
        for (number, request) in requests.enumerated() {
            leads.append(request.leadID.rawValue)
            switch request.expectedVersion {
            case .any: expected.append(-1)
            case .noStream: expected.append(0)
            case .exactly(let version): expected.append(Int64(version))
            }
            for event in request.events {
                guard event.leadID == request.leadID else {
                    throw EventStoreError(
                        .invalidRequest,
                        "an event for lead \(event.leadID) is in the request for lead \(request.leadID)",
                        leadID: request.leadID)
                }
                eventRequest.append(Int32(number + 1))
                if let key = event.idempotencyKey {
                    if let slot = slots[key] {
                        eventKey.append(slot)
                    } else {
                        keys.append(key)
                        let slot = Int32(keys.count)
                        slots[key] = slot
                        eventKey.append(slot)
                    }
                } else {
                    eventKey.append(0)
                }
                var stored = event
                stored.position = nil
                payloads.append(PostgresEventStore.encode(stored))
                if let identity, case .captured(let person, _) = event.payload {
                    for key in identity.keys(for: person) {
                        claimKeys.append(key.kind + "\u{1F}" + key.value)
                        claimRequest.append(Int32(number + 1))
                    }
                }
            }
        }
    }

    /// The call of `append_events` in `schema`, or of `append_claiming` when the call claims
    /// identity keys.
    func query(schema: String) throws -> PostgresQuery {
        guard claimKeys.isEmpty else {
            return """
                SELECT positions, duplicates, versions FROM \(unescaped: schema).append_claiming(\
                \(claimKeys), \(claimRequest), \(leads), \(expected), \(eventRequest), \(eventKey), \(keys), \
                \(payloads))
                """
        }
        return """
            SELECT positions, duplicates, versions FROM \(unescaped: schema).append_events(\
            \(leads), \(expected), \(eventRequest), \(eventKey), \(keys), \(payloads))
            """
    }

    /// The number of requests.
    var requestCount: Int { requests.count }

    /// The call of `append_batch` in `schema` for several calls, concatenated: each call's
    /// request, event and key numbers stay relative to the call.
    static func batchQuery(_ calls: [AppendCall], schema: String) -> PostgresQuery {
        var callRequests: [Int32] = []
        var callEvents: [Int32] = []
        var callKeys: [Int32] = []
        var leads: [String] = []
        var expected: [Int64] = []
        var eventRequest: [Int32] = []
        var eventKey: [Int32] = []
        var keys: [String] = []
        var payloads: [ByteBuffer] = []
        for call in calls {
            callRequests.append(Int32(call.leads.count))
            callEvents.append(Int32(call.payloads.count))
            callKeys.append(Int32(call.keys.count))
            leads += call.leads
            expected += call.expected
            eventRequest += call.eventRequest
            eventKey += call.eventKey
            keys += call.keys
            payloads += call.payloads
        }
        return """
            SELECT ok, details, positions, duplicates, versions FROM \(unescaped: schema).append_batch(\
            \(callRequests), \(callEvents), \(callKeys), \(leads), \(expected), \(eventRequest), \(eventKey), \
            \(keys), \(payloads))
            """
    }

    /// The results for the appender, from the function's three arrays.
    func results(positions: [Int64], duplicates: [Bool], versions: [Int32]) -> [AppendResult] {
        var next = 0
        return requests.enumerated().map { number, request in
            let range = next..<(next + request.events.count)
            next = range.upperBound
            return AppendResult(
                leadID: request.leadID,
                positions: range.map { JournalPosition(UInt64(positions[$0])) },
                duplicates: Array(duplicates[range]), version: Int(versions[number]))
        }
    }
}
