import Foundation
import Testing

@testable import AccordCLI

/// The import's progress lines and the read-ahead that feeds the engine.
struct ImportProgressTests {
    @Test(arguments: [
        (0, 1_000, 0.0, "importing leads.csv: 0/1000 rows (0%)"),
        (250, 1_000, 5.0, "importing leads.csv: 250/1000 rows (25%), 50 rows/s, about 15 s left"),
        (100_000, 1_000_000, 40.0, "importing leads.csv: 100000/1000000 rows (10%), 2500 rows/s, about 6 min left"),
        (1_000, 1_000, 2.0, "importing leads.csv: 1000/1000 rows (100%), 500 rows/s, about 0 s left"),
    ])
    func aLineSaysRowsRateAndTimeLeft(done: Int, total: Int, seconds: Double, expected: String) {
        #expect(ImportProgress.line(file: "leads.csv", done: done, total: total, seconds: seconds) == expected)
    }

    @Test func reportsAtMostOncePerInterval() {
        let clock = Clock()
        var progress = ImportProgress(
            file: "leads.csv", total: 100, quiet: false, terminal: false, interval: 3, now: { clock.now })
        clock.now += 1
        #expect(progress.update(done: 10) == nil, "too soon")
        clock.now += 2
        #expect(progress.update(done: 30) == "importing leads.csv: 30/100 rows (30%), 10 rows/s, about 7 s left")
        clock.now += 2.9
        #expect(progress.update(done: 50) == nil)
        clock.now += 0.1
        #expect(progress.update(done: 60) != nil)
    }

    @Test func quietReportsNothing() {
        let clock = Clock()
        var progress = ImportProgress(
            file: "leads.csv", total: 100, quiet: true, terminal: false, interval: 0, now: { clock.now })
        clock.now += 10
        #expect(progress.update(done: 50) == nil)
    }

    final class Clock: @unchecked Sendable {
        var now = Date(timeIntervalSince1970: 1_000_000)
    }

    @Test func readAheadHandsOverEveryValueInOrderAndThenTheEnd() async throws {
        let channel = ReadAhead<Int>(depth: 2)
        let producer = Task {
            for value in 0..<100 { _ = await channel.put(value) }
            await channel.finish()
        }
        var received: [Int] = []
        while let value = try await channel.next() { received.append(value) }
        await producer.value
        #expect(received == Array(0..<100))
        #expect(try await channel.next() == nil, "the end stays the end")
    }

    struct ReadFailure: Error, Equatable {}

    @Test func theProducersErrorComesAfterTheValuesItHandedOver() async throws {
        let channel = ReadAhead<Int>(depth: 4)
        _ = await channel.put(1)
        _ = await channel.put(2)
        await channel.finish(throwing: ReadFailure())
        #expect(try await channel.next() == 1)
        #expect(try await channel.next() == 2)
        await #expect(throws: ReadFailure.self) { try await channel.next() }
    }

    @Test func theProducerWaitsAtTheDepthAndStopsWhenCancelled() async throws {
        let channel = ReadAhead<Int>(depth: 3)
        let handedOver = Counter()
        let producer = Task {
            var value = 0
            while await channel.put(value) {
                value += 1
                handedOver.add()
            }
            return value
        }
        // The producer fills the buffer and waits: it never gets more than `depth` ahead.
        while handedOver.value < 3 { await Task.yield() }
        for _ in 0..<100 { await Task.yield() }
        #expect(handedOver.value == 3)
        #expect(try await channel.next() == 0)
        while handedOver.value < 4 { await Task.yield() }
        await channel.cancel()
        #expect(await producer.value == 4, "a put after the cancel returns false")
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var value: Int { lock.withLock { count } }
        func add() { lock.withLock { count += 1 } }
    }
}
