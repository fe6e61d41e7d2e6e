import LeadModel

private typealias Fixtures = ConformanceFixtures

extension EventStoreConformance {
    /// Many tasks appending at once.
    static var concurrencyChecks: [ConformanceCheck] {
        [
            ConformanceCheck(
                name: "concurrent-appenders-are-gapless",
                summary: "50 tasks appending 20 events each are all acknowledged, the journal is "
                    + "gapless, and each lead's stream keeps its appender's order.",
                body: concurrentAppendersAreGapless),
            ConformanceCheck(
                name: "optimistic-concurrency-under-contention",
                summary: "When 8 tasks race to append at the same expected version, exactly one "
                    + "wins each round and the others get versionConflict.",
                body: optimisticConcurrencyUnderContention),
        ]
    }

    private static func concurrentAppendersAreGapless(_ store: any EventStore) async throws {
        let tasks = 50
        let perTask = 20
        let acknowledged = try await withThrowingTaskGroup(
            of: (LeadID, [LeadEvent]).self, returning: [LeadID: [LeadEvent]].self
        ) { group in
            for task in 0..<tasks {
                group.addTask {
                    let lead = Fixtures.leadID(task)
                    let batchSize = task % 4 + 1
                    var stored: [LeadEvent] = []
                    var sequence = 0
                    while sequence < perTask {
                        let events = (sequence..<min(perTask, sequence + batchSize)).map {
                            Fixtures.signal(lead, sequence: $0)
                        }
                        let result = try await Expect.succeeds("every concurrent append succeeds") {
                            try await store.appendChecked(events, to: lead)
                        }
                        stored += events.positioned(result.positions)
                        sequence += events.count
                    }
                    return (lead, stored)
                }
            }
            var byLead: [LeadID: [LeadEvent]] = [:]
            for try await (lead, events) in group { byLead[lead] = events }
            return byLead
        }

        let total = tasks * perTask
        let acknowledgedPositions = acknowledged.values.flatMap { $0.compactMap(\.position) }.sorted()
        try Expect.positions(
            acknowledgedPositions, 1...UInt64(total),
            "acknowledged positions are unique and gapless")
        let all = try await store.readEverything()
        try Expect.positions(
            all.map(\.position), 1...UInt64(total),
            "the journal reads back gapless")
        for (lead, events) in acknowledged.sorted(by: { $0.key < $1.key }) {
            try Expect.equal(
                events.compactMap(Fixtures.sequence(of:)), Array(0..<perTask),
                "each appender's events were acknowledged in its order")
            let stream = try await store.events(forLead: lead)
            try Expect.events(
                stream, events, "each lead's stream holds its appender's events, in order")
            for event in events {
                guard let position = event.position else { continue }
                try Expect.events(
                    [all[Int(position.rawValue) - 1]], [event],
                    "the journal holds each event at its acknowledged position")
            }
        }
    }

    private static func optimisticConcurrencyUnderContention(_ store: any EventStore) async throws {
        let contenders = 8
        let rounds = 10
        let a = Fixtures.leadID(1)
        for round in 0..<rounds {
            let expectation: ExpectedVersion = round == 0 ? .noStream : .exactly(round)
            let wins = try await withThrowingTaskGroup(of: Bool.self, returning: Int.self) { group in
                for contender in 0..<contenders {
                    group.addTask {
                        do {
                            _ = try await store.appendChecked(
                                [Fixtures.signal(a, sequence: round * 100 + contender)], to: a,
                                expecting: expectation)
                            return true
                        } catch let error as EventStoreError where error.code == .versionConflict {
                            return false
                        } catch {
                            throw ConformanceViolation(
                                requirement: "a losing contender gets versionConflict",
                                expected: "EventStoreError.versionConflict",
                                observed: "\(type(of: error)): \(error)")
                        }
                    }
                }
                var wins = 0
                for try await won in group where won { wins += 1 }
                return wins
            }
            try Expect.equal(
                wins, 1, "exactly one of \(contenders) contenders expecting \(expectation) wins")
        }
        let stream = try await store.events(forLead: a)
        try Expect.equal(stream.count, rounds, "the stream holds one event per round")
        try Expect.equal(
            stream.compactMap(Fixtures.sequence(of:)).map { $0 / 100 }, Array(0..<rounds),
            "the stream holds each round's winner, in round order")
        try Expect.positions(
            try await store.readEverything().map(\.position),
            1...UInt64(rounds),
            "losing contenders use up no positions")
    }
}
