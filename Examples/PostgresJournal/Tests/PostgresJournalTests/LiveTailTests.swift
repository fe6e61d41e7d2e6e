import EventStoreConformance
import LeadModel
import PostgresJournal
import PostgresNIO
import Testing

private typealias Fixtures = ConformanceFixtures

/// The live tail: LISTEN/NOTIFY as a hint only, every event delivered once and in order, across
/// concurrent writers and a killed listener connection.
///
/// The tails poll only every minute here, so an event that arrives in time arrived through a
/// hint or a reconnect's re-query — the tests would time out if either were broken.
struct LiveTailTests {
    private static let slowPoll = Duration.seconds(60)

    @Test(.timeLimit(.minutes(2)))
    func tailsSeeEveryEventOnceInOrderWhileManyWritersAppend() async throws {
        try await TestDatabase.with { database in
            let store = try await database.makeStore()
            let writers = 16
            let calls = 40
            let total = writers * (0..<calls).reduce(0) { $0 + $1 % 3 + 1 }

            async let tails = withThrowingTaskGroup(of: [LeadEvent].self) { group in
                for _ in 0..<3 {
                    group.addTask { try await Self.collect(store, count: total) }
                }
                var seen: [[LeadEvent]] = []
                for try await events in group { seen.append(events) }
                return seen
            }
            let acknowledged = try await withThrowingTaskGroup(of: [LeadEvent].self) { group in
                for writer in 0..<writers {
                    group.addTask { try await Self.write(store, writer: writer, calls: calls) }
                }
                var all: [LeadEvent] = []
                for try await part in group { all += part }
                return all
            }
            let byPosition = acknowledged.sorted { $0.position!.rawValue < $1.position!.rawValue }
            #expect(byPosition.count == total)
            for events in try await tails {
                #expect(events == byPosition, "a live tail saw exactly the acknowledged events, in order")
            }
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func aKilledListenerConnectionLosesNothing() async throws {
        try await TestDatabase.with { database in
            let store = try await database.makeStore()
            let lead = Fixtures.leadID(1)
            let before = 30
            let after = 30
            // The listener is on a connection of its own, so its death does not touch the pool the
            // appends use.
            let (events, connections) = try await store.withLiveTail(from: .start, pollInterval: Self.slowPoll) {
                tail in
                var iterator = tail.makeAsyncIterator()
                var seen: [LeadEvent] = []
                for sequence in 0..<before {
                    try await store.append([Fixtures.signal(lead, sequence: sequence)], to: lead)
                }
                while seen.count < before, let event = try await iterator.next() { seen.append(event) }
                // Kill the listening connection, then append while it reconnects: those events
                // sent their hints to nobody and must come from the reconnect's re-query.
                try await Self.terminateListener(of: store, in: database)
                for sequence in before..<(before + after) {
                    try await store.append([Fixtures.signal(lead, sequence: sequence)], to: lead)
                }
                while seen.count < before + after, let event = try await iterator.next() { seen.append(event) }
                return (seen, await tail.listenerConnections)
            }
            #expect(events.map { $0.position!.rawValue } == Array(1...UInt64(before + after)))
            #expect(events == (try await store.read(from: .start, limit: before + after)))
            #expect(connections >= 2, "the listener reconnected after pg_terminate_backend")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aTailListensOnAConnectionOfItsOwnAndClosesItWhenItEnds() async throws {
        try await TestDatabase.with { database in
            let schema = await database.newSchema()
            // A pool of one connection: a listener that borrowed it would leave none for the
            // append below, which would then fail at the store's timeout.
            var poolConfiguration = try PostgresEventStore.clientConfiguration(url: database.url)
            poolConfiguration.options.maximumConnections = 1
            let pool = PostgresClient(configuration: poolConfiguration)
            var listener = database.connection
            let name = "tail-\(schema.suffix(12))"
            listener.options.additionalStartupParameters = [("application_name", name)]
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await pool.run() }
                defer { group.cancelAll() }
                let store = try await PostgresEventStore(
                    client: pool, listenerConnection: listener, schema: schema, timeout: .seconds(10))
                let lead = Fixtures.leadID(4)
                let (positions, listeners) = try await store.withLiveTail(from: .start, pollInterval: Self.slowPoll) {
                    tail in
                    var iterator = tail.makeAsyncIterator()
                    try await store.append([Fixtures.signal(lead, sequence: 0)], to: lead)
                    var positions: [UInt64] = []
                    if let event = try await iterator.next() { positions.append(event.position!.rawValue) }
                    while await tail.listenerConnections == 0 { try await Task.sleep(for: .milliseconds(20)) }
                    let listeners = try await Self.backends(named: name, in: database)
                    // Heard through the listener: the tail polls only every minute.
                    try await store.append([Fixtures.signal(lead, sequence: 1)], to: lead)
                    if let event = try await iterator.next() { positions.append(event.position!.rawValue) }
                    return (positions, listeners)
                }
                #expect(positions == [1, 2])
                #expect(listeners == 1, "the listener's connection is the one opened with its configuration")
                var left = try await Self.backends(named: name, in: database)
                for _ in 0..<100 where left > 0 {
                    try await Task.sleep(for: .milliseconds(50))
                    left = try await Self.backends(named: name, in: database)
                }
                #expect(left == 0, "the listener's connection closed when the tail ended")
            }
        }
    }

    /// Also with the store's fallback, a listener on a connection borrowed from the pool.
    @Test(.timeLimit(.minutes(1)), arguments: [false, true])
    func aTailStartsAtTheGivenPositionThenFollowsNewAppends(pooledListener: Bool) async throws {
        try await TestDatabase.with { database in
            let store = try await database.makeStore(pooledListener: pooledListener)
            let lead = Fixtures.leadID(2)
            for sequence in 0..<10 {
                try await store.append([Fixtures.signal(lead, sequence: sequence)], to: lead)
            }
            let positions = try await store.withLiveTail(from: JournalPosition(6), pollInterval: Self.slowPoll) {
                tail in
                var iterator = tail.makeAsyncIterator()
                var positions: [UInt64] = []
                while positions.count < 5, let event = try await iterator.next() {
                    positions.append(event.position!.rawValue)
                }
                try await store.append([Fixtures.signal(lead, sequence: 10)], to: lead)
                if let event = try await iterator.next() { positions.append(event.position!.rawValue) }
                return positions
            }
            #expect(positions == Array(6...11))
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func withHintsTurnedOffATailFindsNewEventsByPolling() async throws {
        try await TestDatabase.with { database in
            let store = try await database.makeStore()
            var configuration = try PostgresEventStore.clientConfiguration(url: database.url)
            configuration.options.additionalStartupParameters = [("accord.live_tail_hints", "off")]
            let quiet = PostgresClient(configuration: configuration)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await quiet.run() }
                defer { group.cancelAll() }
                let writer = try await PostgresEventStore(client: quiet, schema: store.schema)
                let lead = Fixtures.leadID(3)
                // The first hint a listener hears names position 2: the append through the
                // client with hints off sent none.
                let firstHint = try await database.client.withConnection { connection in
                    try await connection.listen(on: store.schema) { hints in
                        try await writer.append([Fixtures.signal(lead, sequence: 0)], to: lead)
                        try await store.append([Fixtures.signal(lead, sequence: 1)], to: lead)
                        for try await hint in hints { return hint.payload }
                        return ""
                    }
                }
                #expect(firstHint == "2")
                // A tail waiting for events appended without hints finds them by polling.
                let positions = try await store.withLiveTail(from: JournalPosition(3), pollInterval: .milliseconds(200))
                {
                    tail in
                    try await withThrowingTaskGroup(of: [UInt64].self) { readers in
                        readers.addTask {
                            var positions: [UInt64] = []
                            for try await event in tail {
                                positions.append(event.position!.rawValue)
                                if positions.count == 10 { break }
                            }
                            return positions
                        }
                        for sequence in 2..<12 {
                            try await Task.sleep(for: .milliseconds(30))
                            try await writer.append([Fixtures.signal(lead, sequence: sequence)], to: lead)
                        }
                        return try await readers.next() ?? []
                    }
                }
                #expect(positions == Array(3...12))
            }
        }
    }

    /// Reads the tail from the start until `count` events arrived.
    private static func collect(_ store: PostgresEventStore, count: Int) async throws -> [LeadEvent] {
        try await store.withLiveTail(from: .start, pageSize: 37, pollInterval: slowPoll) { tail in
            var seen: [LeadEvent] = []
            for try await event in tail {
                seen.append(event)
                if seen.count == count { break }
            }
            return seen
        }
    }

    /// Appends `calls` calls of one to three events to leads of its own; returns them as stored.
    private static func write(_ store: PostgresEventStore, writer: Int, calls: Int) async throws -> [LeadEvent] {
        var stored: [LeadEvent] = []
        for call in 0..<calls {
            let lead = Fixtures.leadID(writer * 10 + call % 3)
            let events = (0..<(call % 3 + 1)).map { Fixtures.signal(lead, sequence: writer * 100_000 + call * 10 + $0) }
            let result = try await store.append(events, to: lead)
            for (event, position) in zip(events, result.positions) {
                var copy = event
                copy.position = position
                stored.append(copy)
            }
        }
        return stored
    }

    /// How many server backends have the `application_name` `name`.
    private static func backends(named name: String, in database: TestDatabase) async throws -> Int64 {
        let rows = try await database.client.query(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = \(name)")
        for try await count in rows.decode(Int64.self) { return count }
        return 0
    }

    /// Terminates the backend that listens on the store's channel, once it is listening.
    private static func terminateListener(of store: PostgresEventStore, in database: TestDatabase) async throws {
        let statement = "LISTEN \"\(store.schema)\";"
        for _ in 0..<100 {
            let rows = try await database.client.query(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query = \(statement)")
            for try await killed in rows.decode(Int64.self) where killed > 0 { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("no backend was listening on \(store.schema)")
    }
}
