import LeadModel

/// The assertions the checks are written with (here and in the `PolicyConformance` kit). Each
/// throws a ``ConformanceViolation``.
package enum Expect {
    /// Fails unless `condition` holds.
    package static func that(
        _ condition: Bool, _ requirement: String, expected: @autoclosure () -> String,
        observed: @autoclosure () -> String
    ) throws(ConformanceViolation) {
        guard !condition else { return }
        throw ConformanceViolation(
            requirement: requirement, expected: expected(), observed: observed())
    }

    /// Fails unless `observed == expected`.
    package static func equal<T: Equatable>(_ observed: T, _ expected: T, _ requirement: String)
        throws(ConformanceViolation)
    {
        try that(
            observed == expected, requirement, expected: "\(expected)", observed: "\(observed)")
    }

    /// Fails unless `observed` equals `expected` event for event, naming the first difference
    /// by kind, lead and position rather than printing payloads.
    static func events(
        _ observed: [LeadEvent], _ expected: [LeadEvent], _ requirement: String
    ) throws(ConformanceViolation) {
        guard observed != expected else { return }
        guard observed.count == expected.count else {
            throw ConformanceViolation(
                requirement: requirement, expected: "\(expected.count) events \(summary(expected))",
                observed: "\(observed.count) events \(summary(observed))")
        }
        let index = observed.indices.first { observed[$0] != expected[$0] } ?? 0
        throw ConformanceViolation(
            requirement: requirement,
            expected: "event #\(index) to be \(describe(expected[index])) as appended",
            observed: "\(describe(observed[index]))\(fieldsDiffering(observed[index], expected[index]))"
        )
    }

    /// Fails unless `body` throws an ``LeadModel/EventStoreError`` with `code`.
    static func error<T>(
        _ code: EventStoreError.Code, _ requirement: String, _ body: () async throws -> T
    ) async throws {
        do {
            let value = try await body()
            throw ConformanceViolation(
                requirement: requirement, expected: "EventStoreError.\(code)",
                observed: "success: \(value)")
        } catch let violation as ConformanceViolation {
            throw violation
        } catch let error as EventStoreError {
            try that(
                error.code == code, requirement, expected: "EventStoreError.\(code)",
                observed: "EventStoreError.\(error.code): \(error)")
        } catch {
            throw ConformanceViolation(
                requirement: requirement, expected: "EventStoreError.\(code)",
                observed: "\(type(of: error)): \(error)")
        }
    }

    /// Runs `body`, turning any error into a violation of `requirement`.
    static func succeeds<T>(_ requirement: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let violation as ConformanceViolation {
            throw violation
        } catch {
            throw ConformanceViolation(
                requirement: requirement, expected: "success",
                observed: "\(type(of: error)): \(error)")
        }
    }

    /// `kind@position(lead)`, with no payload.
    static func describe(_ event: LeadEvent) -> String {
        "\(event.payload.kind)@\(event.position.map(String.init(describing:)) ?? "nil")(\(event.leadID))"
    }

    /// The first events of `events`, described without payloads.
    static func summary(_ events: [LeadEvent]) -> String {
        let shown = events.prefix(8).map(describe).joined(separator: ", ")
        return "[\(shown)\(events.count > 8 ? ", …" : "")]"
    }

    private static func fieldsDiffering(_ lhs: LeadEvent, _ rhs: LeadEvent) -> String {
        var names: [String] = []
        if lhs.position != rhs.position { names.append("position") }
        if lhs.leadID != rhs.leadID { names.append("leadID") }
        if lhs.occurredAt != rhs.occurredAt { names.append("occurredAt") }
        if lhs.actor != rhs.actor { names.append("actor") }
        if lhs.payload != rhs.payload { names.append("payload") }
        if lhs.reasons != rhs.reasons { names.append("reasons") }
        if lhs.idempotencyKey != rhs.idempotencyKey { names.append("idempotencyKey") }
        if lhs.playbookVersion != rhs.playbookVersion { names.append("playbookVersion") }
        return names.isEmpty ? "" : " (differs in \(names.joined(separator: ", ")))"
    }
}

extension EventStore {
    /// The whole journal, read with ``LeadModel/EventStore/read(from:limit:)`` in pages.
    func readEverything(pageSize: Int = 512) async throws -> [LeadEvent] {
        var all: [LeadEvent] = []
        var next = JournalPosition.start
        while true {
            let page = try await read(from: next, limit: pageSize)
            all += page
            guard page.count == pageSize, let last = page.last?.position, last >= next else {
                return all
            }
            next = last.next
        }
    }
}

extension Array where Element == LeadEvent {
    /// The events with the positions `positions` assigned, as a store should read them back.
    func positioned(_ positions: [JournalPosition]) -> [LeadEvent] {
        zip(self, positions).map { event, position in
            var copy = event
            copy.position = position
            return copy
        }
    }
}

/// Positions `range` as ``LeadModel/JournalPosition``s.
func positions(_ range: ClosedRange<UInt64>) -> [JournalPosition] {
    range.map { JournalPosition($0) }
}

extension EventStore {
    /// ``LeadModel/EventStore/append(_:to:expecting:)``, but a store that answers with the wrong number
    /// of results is reported as a violation instead of crashing the suite.
    func appendChecked(
        _ events: [LeadEvent], to lead: LeadID, expecting version: ExpectedVersion = .any
    ) async throws -> AppendResult {
        let results = try await append([
            AppendRequest(leadID: lead, expectedVersion: version, events: events)
        ])
        try Expect.that(
            results.count == 1 && results[0].positions.count == events.count
                && results[0].duplicates.count == events.count,
            "append returns one result per request, with one position and flag per event",
            expected: "1 result with \(events.count) positions",
            observed: "\(results.count) results with \(results.map(\.positions.count)) positions")
        return results[0]
    }
}

extension Expect {
    /// Fails unless `observed` is exactly the positions `expected`, in order; describes both as
    /// ranges (`1…512, 514`) so that long journals give short messages.
    static func positions(
        _ observed: [JournalPosition?], _ expected: ClosedRange<UInt64>, _ requirement: String
    ) throws(ConformanceViolation) {
        let wanted = expected.map { Optional(JournalPosition($0)) }
        guard observed != wanted else { return }
        throw ConformanceViolation(
            requirement: requirement,
            expected: "positions \(expected.lowerBound)…\(expected.upperBound)",
            observed: "\(observed.count) positions: \(ranges(observed))")
    }

    /// Fails unless `observed` is exactly the positions `expected`, in order.
    static func positions(
        _ observed: [JournalPosition], _ expected: ClosedRange<UInt64>, _ requirement: String
    ) throws(ConformanceViolation) {
        try positions(observed.map { Optional($0) }, expected, requirement)
    }

    /// `1…512, 514, nil`: runs of consecutive positions, at most ten of them.
    static func ranges(_ positions: [JournalPosition?]) -> String {
        var runs: [String] = []
        var index = 0
        while index < positions.count, runs.count < 10 {
            guard let start = positions[index]?.rawValue else {
                runs.append("nil")
                index += 1
                continue
            }
            var end = start
            while index + 1 < positions.count, positions[index + 1]?.rawValue == end + 1 {
                end += 1
                index += 1
            }
            runs.append(start == end ? "\(start)" : "\(start)…\(end)")
            index += 1
        }
        return runs.joined(separator: ", ") + (index < positions.count ? ", …" : "")
    }
}
