import Foundation

/// The journal: an append-only, totally ordered log of ``LeadEvent``s.
///
/// This is the storage plugin point. ``InMemoryEventStore`` and `FileEventStore` (module
/// `Journal`) are ordinary conformances; a third-party store (PostgreSQL, SQLite, …) implements
/// the same requirements and proves it with the `EventStoreConformance` suite.
///
/// ## The contract
/// - ``append(_:)`` returns only once the events are as durable as ``durability`` promises.
/// - A call is atomic: either every new event of every request is appended, or none is.
/// - **Optimistic concurrency**: each request names the version it expects its lead's stream to
///   have; a mismatch throws ``EventStoreError`` with code `versionConflict` and appends nothing.
/// - **Idempotency**: an event whose `idempotencyKey` is already recorded (in any stream, or
///   earlier in the same call) is not appended again; its result reports the original position.
///   A request whose events are all duplicates succeeds without checking its expected version.
/// - **Total order**: positions start at 1 and increase by one per appended event, with no gaps.
///   Readers see an event only once its append has returned.
/// - **Erasure**: ``erase(lead:recording:)`` removes the lead's personal data from every copy the
///   store keeps, leaving the redacted events (see ``LeadEvent/redactingPersonalData()``) at the
///   same positions, then appends the erasure event.
///
/// Conforming types must be safe to call from many tasks at once.
public protocol EventStore: Sendable {
    /// How durable an acknowledged append is.
    var durability: Durability { get }

    /// Appends events to one or more lead streams, atomically.
    ///
    /// - Parameter requests: the events per lead, with the expected version of each stream.
    /// - Returns: one result per request, in order.
    /// - Throws: ``EventStoreError`` — `versionConflict` when an expectation fails,
    ///   `invalidRequest` when an event's lead differs from its request's, `io` on storage failure.
    func append(_ requests: [AppendRequest]) async throws -> [AppendResult]

    /// Reads up to `limit` events in journal order, starting at `position`.
    ///
    /// - Returns: the events with their positions set; empty when `position` is past the end.
    /// - Throws: ``EventStoreError`` with code `corruptRecord` or `io`.
    func read(from position: JournalPosition, limit: Int) async throws -> [LeadEvent]

    /// Every event of one lead's stream, oldest first. Empty for an unknown lead.
    ///
    /// - Throws: ``EventStoreError`` with code `corruptRecord` or `io`.
    func events(forLead id: LeadID) async throws -> [LeadEvent]

    /// Removes a lead's personal data for good and records that it did.
    ///
    /// - Parameters:
    ///   - id: the lead to erase.
    ///   - erasure: the event to append afterwards, normally with an ``Erasure`` payload.
    /// - Returns: the erasure event as appended, with its position.
    /// - Throws: ``EventStoreError`` with code `unknownLead` when the lead has no events.
    func erase(lead id: LeadID, recording erasure: LeadEvent) async throws -> LeadEvent
}

extension EventStore {
    /// Appends events to one lead's stream.
    ///
    /// - Throws: see ``append(_:)``.
    @discardableResult
    public func append(
        _ events: [LeadEvent], to lead: LeadID, expecting version: ExpectedVersion = .any
    ) async throws -> AppendResult {
        let results = try await append([
            AppendRequest(leadID: lead, expectedVersion: version, events: events)
        ])
        return results[0]
    }

    /// The whole journal from `position` on, read lazily in pages of `pageSize` events.
    ///
    /// ```swift
    /// for try await event in store.events(from: .start) { projection.apply(event) }
    /// ```
    public func events(from position: JournalPosition = .start, pageSize: Int = 4096)
        -> JournalEvents
    {
        JournalEvents(store: self, start: position, pageSize: pageSize)
    }
}

/// The journal as an `AsyncSequence`, fetched a page at a time so it never sits in memory whole.
///
/// While the caller works through one page, the next few are read (and, by a file store,
/// decoded) ahead on other tasks — one page ahead per core, up to four — so reading overlaps
/// with the caller's work and, on a machine with several cores, pages are decoded side by side.
/// Pages ahead are asked for at the positions that follow the last full page; a page that does
/// not start where the journal left off is read again.
public struct JournalEvents: AsyncSequence, Sendable {
    public typealias Element = LeadEvent
    public typealias Failure = any Error

    let store: any EventStore
    let start: JournalPosition
    let pageSize: Int

    /// How many pages are read ahead of the one being iterated.
    static let pagesAhead = Swift.max(1, Swift.min(4, ProcessInfo.processInfo.activeProcessorCount))

    public struct AsyncIterator: AsyncIteratorProtocol {
        /// A page being read ahead, and where it starts.
        struct Ahead {
            var start: JournalPosition
            var task: Task<[LeadEvent], any Error>
        }

        let store: any EventStore
        /// Where the page after the current one starts.
        var next: JournalPosition
        let pageSize: Int
        /// The rest of the current page, last event first (pages are reversed as they are read),
        /// so that each event is moved out with `popLast()` instead of copied.
        var page: [LeadEvent] = []
        var finished = false
        /// The pages after the current one, in order, being read while the caller works.
        var ahead: [Ahead] = []

        public mutating func next() async throws -> LeadEvent? {
            try await next(isolation: nil)
        }

        /// The next event, without leaving the caller's actor except to fetch a page: iterating
        /// from an actor costs one hop per page, not one per event.
        public mutating func next(isolation actor: isolated (any Actor)? = #isolation) async throws
            -> LeadEvent?
        {
            if page.isEmpty {
                guard !finished else { return nil }
                try await fetchPage(isolation: actor)
            }
            return page.popLast()
        }

        /// Takes the next page from the pages read ahead (or reads it now) and asks for more.
        private mutating func fetchPage(isolation actor: isolated (any Actor)?) async throws {
            if ahead.first?.start == next {
                var task = Optional(ahead.removeFirst().task)
                page = try await task!.value
                // Drop the task, and its hold on the page, so the page is ours to pop from.
                task = nil
            } else {
                dropPagesAhead()
                page = try await Self.readReversed(store, from: next, limit: pageSize)
            }
            if page.count < pageSize { finished = true }
            guard let last = page.first?.position else {
                page = []
                finished = true
                dropPagesAhead()
                return
            }
            next = last.next
            if finished {
                dropPagesAhead()
                return
            }
            while ahead.count < JournalEvents.pagesAhead {
                let start =
                    ahead.last.map { JournalPosition($0.start.rawValue + UInt64(pageSize)) } ?? next
                let (store, limit) = (store, pageSize)
                ahead.append(
                    Ahead(
                        start: start,
                        task: Task.detached(priority: Task.currentPriority) {
                            try await Self.readReversed(store, from: start, limit: limit)
                        }))
            }
        }

        /// A page, last event first.
        private static func readReversed(_ store: any EventStore, from start: JournalPosition, limit: Int)
            async throws -> [LeadEvent]
        {
            var events = try await store.read(from: start, limit: limit)
            // Through the buffer, elements are swapped by moving them, with no retain or release.
            events.withUnsafeMutableBufferPointer { $0.reverse() }
            return events
        }

        private mutating func dropPagesAhead() {
            for page in ahead { page.task.cancel() }
            ahead.removeAll()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(store: store, next: start, pageSize: Swift.max(1, pageSize))
    }
}
