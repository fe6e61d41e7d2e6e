import AsyncHTTPClient
import Foundation
import LeadModel
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import ServiceLifecycle

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One receiver of outbound notifications: a name (for files and `GET /v1/outbox`) and a URL.
public struct OutboxEndpoint: Sendable, Hashable, Codable {
    /// Letters, digits, `-` and `_`: names the endpoint's files in `ACCORD_DATA/outbox/`.
    public var name: String
    /// Where notifications are posted (`https://…`, or `http://` on a private network).
    public var url: URL

    /// Makes an endpoint.
    /// - Parameters:
    ///   - name: letters, digits, `-` and `_`.
    ///   - url: where notifications are posted.
    public init(name: String, url: URL) {
        self.name = name
        self.url = url
    }
}

/// How the outbox delivers: its endpoints, the signing secret, retries and timeouts.
public struct OutboxConfiguration: Sendable {
    /// The receivers; each gets every notification, in journal order.
    public var endpoints: [OutboxEndpoint]
    /// The secret outbound notifications are signed with, the scheme of ``WebhookSignature``.
    public var secret: String
    /// Attempts per notification before it becomes a dead letter (8).
    public var maxAttempts: Int
    /// The wait after the first failure; it doubles per attempt up to ``maxBackoff`` (0.5 s).
    public var initialBackoff: Duration
    /// The longest wait between attempts (60 s).
    public var maxBackoff: Duration
    /// How long one delivery may take before it counts as failed (5 s).
    public var deliveryTimeout: Duration
    /// How often the outbox looks for new events once it has caught up (0.2 s).
    public var pollInterval: Duration

    /// Makes a configuration.
    /// - Parameters:
    ///   - endpoints: the receivers.
    ///   - secret: the signing secret.
    ///   - maxAttempts: attempts before a dead letter, at least 1.
    ///   - initialBackoff: the first wait after a failure.
    ///   - maxBackoff: the longest wait.
    ///   - deliveryTimeout: how long one delivery may take.
    ///   - pollInterval: how often to look for new events when caught up.
    public init(
        endpoints: [OutboxEndpoint], secret: String, maxAttempts: Int = 8,
        initialBackoff: Duration = .milliseconds(500),
        maxBackoff: Duration = .seconds(60), deliveryTimeout: Duration = .seconds(5),
        pollInterval: Duration = .milliseconds(200)
    ) {
        self.endpoints = endpoints
        self.secret = secret
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.deliveryTimeout = deliveryTimeout
        self.pollInterval = pollInterval
    }

    /// The event kinds that are sent: handoffs (stage changes, assignments), SLA warnings,
    /// breaches and escalations.
    public static let kinds: Set<String> = ["stage-changed", "assigned", "sla-warned", "sla-breached", "sla-escalated"]
}

/// What `GET /v1/outbox` shows: per endpoint, how far delivery got, what is failing, and the
/// dead letters.
public struct OutboxStatus: Codable, Sendable, Equatable {
    /// One endpoint's delivery.
    public struct Endpoint: Codable, Sendable, Equatable {
        /// The endpoint's name.
        public var name: String
        /// Where it is posted.
        public var url: String
        /// The journal position up to which every notification was delivered or dead-lettered.
        public var deliveredThrough: UInt64
        /// Notifications after that position waiting to be sent (counted up to 100,000 events).
        public var pending: Int
        /// Notifications delivered since the service started.
        public var deliveredSinceStart: Int
        /// The notification being retried, if one is failing.
        public var failing: Letter?
        /// The notifications given up on, oldest first.
        public var deadLetters: [Letter]
    }

    /// A notification that failed, with its attempts.
    public struct Letter: Codable, Sendable, Equatable {
        /// Its journal position.
        public var position: UInt64
        /// The lead.
        public var lead: String
        /// The event kind (`assigned`, `sla-breached`, …).
        public var kind: String
        /// Attempts so far.
        public var attempts: Int
        /// The last failure: an HTTP status or a network error.
        public var lastError: String
        /// When it was last tried.
        public var lastAttemptAt: Date
    }

    /// Every endpoint, in configuration order.
    public var endpoints: [Endpoint]
}

/// The body of an outbound notification: the journal event, with where it is in the journal.
public struct OutboxMessage: Codable, Sendable, Equatable {
    /// The endpoint's name and the position, `crm:42`: the same on every redelivery, so a
    /// receiver can drop duplicates (delivery is at least once).
    public var id: String
    /// The event's journal position.
    public var position: UInt64
    /// The lead.
    public var lead: String
    /// The event kind.
    public var kind: String
    /// The event, as the journal holds it (the SDK's `LeadEvent`), with its reasons.
    public var event: LeadEvent
}

/// The durable outbox: handoffs, SLA warnings, breaches and escalations, posted to each
/// configured endpoint as signed JSON, derived from the journal.
///
/// Nothing is queued in memory that the journal does not already hold: each endpoint keeps
/// the position up to which it has delivered (`ACCORD_DATA/outbox/<name>.cursor`, replaced
/// atomically and fsynced after each delivery) and reads on from the journal. So a restart
/// loses nothing, delivery is in journal order (hence in order per lead), and at least once
/// (a notification delivered just before a crash is sent again; ``OutboxMessage/id`` tells).
/// A failing notification is retried with exponential backoff, blocking its endpoint so order
/// holds; after ``OutboxConfiguration/maxAttempts`` it is appended to
/// `<name>.dead.jsonl` and delivery moves on. An actor: its status is safe to read from any task.
public actor Outbox {
    private struct EndpointState {
        var cursor: UInt64
        var delivered = 0
        var failing: OutboxStatus.Letter?
        var deadLetters: [OutboxStatus.Letter]
    }

    /// The configuration.
    public nonisolated let configuration: OutboxConfiguration
    private let directory: URL
    private let store: any EventStore
    private let client: HTTPClient
    private var states: [String: EndpointState] = [:]

    /// Opens the outbox's files in `directory` (created if missing) for the endpoints.
    /// - Parameters:
    ///   - directory: where cursors and dead letters live, usually `ACCORD_DATA/outbox`.
    ///   - configuration: the endpoints and retry policy.
    ///   - store: the journal notifications are read from.
    ///   - client: the HTTP client (default the shared one).
    /// - Throws: ``OutboxError`` for a bad endpoint name or a file that cannot be read.
    public init(
        directory: URL, configuration: OutboxConfiguration, store: any EventStore, client: HTTPClient = .shared
    ) throws(OutboxError) {
        self.configuration = configuration
        self.directory = directory
        self.store = store
        self.client = client
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw OutboxError(detail: "cannot create \(directory.path): \(error.localizedDescription)")
        }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
        for endpoint in configuration.endpoints {
            guard !endpoint.name.isEmpty, endpoint.name.allSatisfy(allowed.contains) else {
                throw OutboxError(detail: "endpoint name '\(endpoint.name)' must be letters, digits, - or _")
            }
            let cursorFile = directory.appendingPathComponent("\(endpoint.name).cursor")
            var cursor: UInt64 = 0
            if let text = try? String(contentsOf: cursorFile, encoding: .utf8) {
                guard let value = UInt64(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                    throw OutboxError(detail: "\(cursorFile.path) does not hold a journal position")
                }
                cursor = value
            }
            var dead: [OutboxStatus.Letter] = []
            let deadFile = directory.appendingPathComponent("\(endpoint.name).dead.jsonl")
            if let data = try? Data(contentsOf: deadFile) {
                for line in data.split(separator: UInt8(ascii: "\n")) {
                    // A line cut short by a crash is skipped: its cursor was not advanced, so the
                    // notification is tried again.
                    if let letter = try? JSONCoding.decoder.decode(OutboxStatus.Letter.self, from: Data(line)) {
                        dead.append(letter)
                    }
                }
            }
            states[endpoint.name] = EndpointState(cursor: cursor, deadLetters: dead)
        }
    }

    /// Delivers to every endpoint until the task is cancelled.
    /// - Throws: `CancellationError` when cancelled; ``OutboxError`` when a cursor or dead
    ///   letter cannot be written, or the journal cannot be read.
    public func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for endpoint in configuration.endpoints {
                group.addTask { try await self.deliverForever(to: endpoint) }
            }
            try await group.waitForAll()
        }
    }

    /// The status of every endpoint.
    /// - Returns: cursors, pending counts, the failing notification and the dead letters.
    public func status() async -> OutboxStatus {
        var endpoints: [OutboxStatus.Endpoint] = []
        for endpoint in configuration.endpoints {
            guard let state = states[endpoint.name] else { continue }
            endpoints.append(
                OutboxStatus.Endpoint(
                    name: endpoint.name, url: endpoint.url.absoluteString, deliveredThrough: state.cursor,
                    pending: await pendingCount(after: state.cursor), deliveredSinceStart: state.delivered,
                    failing: state.failing, deadLetters: state.deadLetters))
        }
        return OutboxStatus(endpoints: endpoints)
    }

    private func pendingCount(after cursor: UInt64) async -> Int {
        var count = 0
        var scanned = 0
        var next = JournalPosition(cursor + 1)
        while scanned < 100_000 {
            guard let page = try? await store.read(from: next, limit: 4096), let last = page.last?.position else {
                break
            }
            count += page.count { OutboxConfiguration.kinds.contains($0.payload.kind) }
            scanned += page.count
            next = JournalPosition(last.rawValue + 1)
        }
        return count
    }

    private func deliverForever(to endpoint: OutboxEndpoint) async throws {
        while true {
            try Task.checkCancellation()
            let cursor = states[endpoint.name]?.cursor ?? 0
            let page: [LeadEvent]
            do {
                page = try await store.read(from: JournalPosition(cursor + 1), limit: 256)
            } catch {
                throw OutboxError(detail: "cannot read the journal after \(cursor): \(error)")
            }
            if page.isEmpty {
                try await Task.sleep(for: configuration.pollInterval)
                continue
            }
            var saved = cursor
            for event in page {
                guard let position = event.position?.rawValue else { continue }
                if OutboxConfiguration.kinds.contains(event.payload.kind) {
                    try await deliver(event, at: position, to: endpoint)
                    try advance(endpoint, to: position, durably: true)
                    saved = position
                } else {
                    try advance(endpoint, to: position, durably: false)
                }
            }
            // Events that are not notifications move the cursor once per page.
            if let last = states[endpoint.name]?.cursor, last != saved {
                try advance(endpoint, to: last, durably: true)
            }
        }
    }

    /// Tries one notification until it is delivered or dead.
    private func deliver(_ event: LeadEvent, at position: UInt64, to endpoint: OutboxEndpoint) async throws {
        let message = OutboxMessage(
            id: "\(endpoint.name):\(position)", position: position, lead: event.leadID.rawValue,
            kind: event.payload.kind,
            event: event)
        let body = try JSONCoding.encoder.encode(message)
        var backoff = configuration.initialBackoff
        for attempt in 1...configuration.maxAttempts {
            let failure = await post(body, id: message.id, to: endpoint)
            guard let failure else {
                states[endpoint.name]?.failing = nil
                states[endpoint.name]?.delivered += 1
                return
            }
            let letter = OutboxStatus.Letter(
                position: position, lead: message.lead, kind: message.kind, attempts: attempt, lastError: failure,
                lastAttemptAt: Date())
            if attempt == configuration.maxAttempts {
                states[endpoint.name]?.failing = nil
                try appendDeadLetter(letter, for: endpoint)
                return
            }
            states[endpoint.name]?.failing = letter
            try await Task.sleep(for: backoff)
            backoff = min(backoff * 2, configuration.maxBackoff)
        }
    }

    /// Posts one signed notification. Returns `nil` on a 2xx, else what went wrong.
    private func post(_ body: Data, id: String, to endpoint: OutboxEndpoint) async -> String? {
        let timestamp = String(Int(Date().timeIntervalSince1970))
        var request = HTTPClientRequest(url: endpoint.url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: WebhookSignature.timestampHeader, value: timestamp)
        request.headers.add(
            name: WebhookSignature.signatureHeader,
            value: WebhookSignature(secret: configuration.secret).signature(for: body, timestamp: timestamp))
        request.headers.add(name: "Idempotency-Key", value: id)
        request.body = .bytes(ByteBuffer(data: body))
        do {
            let response = try await client.execute(
                request, timeout: .nanoseconds(Int64(configuration.deliveryTimeout.nanoseconds)))
            // Read (and drop) the answer so the connection can be reused.
            _ = try? await response.body.collect(upTo: 64 * 1024)
            return (200..<300).contains(response.status.code) ? nil : "HTTP \(response.status.code)"
        } catch {
            return "\(error)"
        }
    }

    private func advance(_ endpoint: OutboxEndpoint, to position: UInt64, durably: Bool) throws {
        states[endpoint.name]?.cursor = position
        guard durably else { return }
        let file = directory.appendingPathComponent("\(endpoint.name).cursor")
        try Self.writeDurably(Data("\(position)\n".utf8), to: file)
    }

    private func appendDeadLetter(_ letter: OutboxStatus.Letter, for endpoint: OutboxEndpoint) throws {
        let file = directory.appendingPathComponent("\(endpoint.name).dead.jsonl")
        var line = try JSONCoding.encoder.encode(letter)
        line.append(UInt8(ascii: "\n"))
        let fd = open(file.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutboxError(detail: "cannot open \(file.path)") }
        defer { close(fd) }
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == line.count, fsync(fd) == 0 else { throw OutboxError(detail: "cannot write \(file.path)") }
        states[endpoint.name]?.deadLetters.append(letter)
    }

    /// Replaces a file's contents atomically: a temporary file, fsynced, renamed over it.
    private static func writeDurably(_ data: Data, to file: URL) throws {
        let temporary = file.appendingPathExtension("tmp")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutboxError(detail: "cannot open \(temporary.path)") }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == data.count, synced, rename(temporary.path, file.path) == 0 else {
            throw OutboxError(detail: "cannot write \(file.path): \(String(cString: strerror(errno)))")
        }
    }
}

extension Duration {
    /// The duration in whole nanoseconds.
    fileprivate var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

/// The outbox cannot keep its files or read the journal.
public struct OutboxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, naming the file.
    public var detail: String

    /// A message for a person.
    public var description: String { "outbox: \(detail)" }
}

/// The outbox's delivery as a `Service` beside the engine: it stops on graceful shutdown, before
/// the store closes (a group stops services in reverse order; register it after ``EngineService``).
public struct OutboxService: Service {
    let outbox: Outbox

    /// Makes the service.
    /// - Parameter outbox: the outbox to run.
    public init(outbox: Outbox) { self.outbox = outbox }

    /// Delivers until graceful shutdown or cancellation.
    /// - Throws: ``OutboxError`` when the outbox cannot keep its files or read the journal.
    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await outbox.run() }
        } catch is CancellationError {
            // Stopped: the cursors already say how far delivery got.
        }
    }
}
