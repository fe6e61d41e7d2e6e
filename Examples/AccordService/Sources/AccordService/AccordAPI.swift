import Accord
import Foundation
import HTTPTypes
import Hummingbird
import LeadModel
import Logging
import NIOCore
import NIOFoundationCompat
import Scoreboard

/// The HTTP API over one ``AlignmentEngine``: the routes, their authentication and their errors.
///
/// Writes (`POST`) must be signed with ``WebhookSignature``; reads under `/v1` and `/metrics`
/// need the bearer token; `/healthz` and `/readyz` are open. Every error is an `application/problem+json`
/// ``Problem``. Request and response bodies are the SDK's Codable types (`Lead`, `Signal`,
/// `Touch`, `Disposition`, ``LeadView``, ``LeadExplanation``, `Scoreboard`, ``SignalOutput``…),
/// so the API answers what `accord … --json` prints.
///
/// ```swift
/// let api = AccordAPI(engine: engine, configuration: configuration, state: ServiceState())
/// let app = Application(router: api.router(), configuration: .init(address: .hostname("127.0.0.1", port: 8080)))
/// ```
public struct AccordAPI: Sendable {
    /// Every route the API serves, as `METHOD /path` with `{id}` for the lead: what
    /// `openapi.yaml` documents.
    public static let routes: [String] = [
        "POST /v1/leads", "POST /v1/signals", "POST /v1/leads/{id}/touches", "POST /v1/leads/{id}/feedback",
        "POST /v1/leads/{id}/stage", "POST /v1/leads/{id}/assign", "GET /v1/leads/{id}",
        "GET /v1/leads/{id}/explain", "GET /v1/report", "GET /v1/reps", "GET /v1/sla", "GET /healthz",
        "GET /readyz", "GET /metrics", "GET /v1/outbox",
    ]

    /// The engine the routes drive.
    public let engine: AlignmentEngine
    /// The service's configuration: secrets, limits.
    public let configuration: ServiceConfiguration
    /// Whether the service is ready or draining.
    public let state: ServiceState
    /// The time source for signature checks and report periods.
    public let now: @Sendable () -> Date
    /// The metrics the requests are counted in and `GET /metrics` exports.
    public let metrics: ServiceMetrics
    /// The answers to keyed writes other than signals (whose keys the journal records).
    public let idempotency: any IdempotencyKeyStore
    /// The outbound notifications' outbox, when endpoints are configured.
    public let outbox: Outbox?
    /// Whether a read of a lead the engine does not know folds the journal first and looks
    /// again: on a shared journal, where another instance may have just captured it.
    public let catchesUpOnMiss: Bool

    /// The actor recorded on the journal for writes that name nobody.
    static let actor = EventActor.integration("accord-service")

    /// Makes the API.
    /// - Parameters:
    ///   - engine: the open engine.
    ///   - configuration: the secrets and limits.
    ///   - state: the readiness shared with the lifecycle.
    ///   - metrics: where requests are counted; give the engine a ``MetricsSink`` on the same
    ///     metrics to count its notifications too.
    ///   - idempotency: the answers to keyed captures, touches, verdicts, stage moves and
    ///     assignments (default in memory; the server keeps them beside the journal, or in
    ///     PostgreSQL beside a shared journal).
    ///   - outbox: the outbox that `GET /v1/outbox` reports on (default none).
    ///   - catchesUpOnMiss: whether a read of an unknown lead catches up with the journal and
    ///     looks again (for a journal shared with other instances; default `false`).
    ///   - now: the clock (default the system's).
    public init(
        engine: AlignmentEngine, configuration: ServiceConfiguration, state: ServiceState,
        metrics: ServiceMetrics = ServiceMetrics(), idempotency: any IdempotencyKeyStore = IdempotencyLedger(),
        outbox: Outbox? = nil, catchesUpOnMiss: Bool = false, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.outbox = outbox
        self.catchesUpOnMiss = catchesUpOnMiss
        self.engine = engine
        self.configuration = configuration
        self.state = state
        self.metrics = metrics
        self.idempotency = idempotency
        self.now = now
    }

    /// Builds the router with every route in ``routes``.
    /// - Returns: a router for an `Application`.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        // The outermost middleware counts every answer, errors included, once they are problems.
        router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
        router.add(middleware: ProblemMiddleware())
        router.get("/healthz") { _, _ in try await self.health() }
        router.get("/readyz") { _, _ in try await self.readiness() }
        let authentication = AuthenticationMiddleware(
            signature: WebhookSignature(secret: configuration.webhookSecret, replayWindow: configuration.replayWindow),
            apiToken: configuration.apiToken, maxBodySize: configuration.maxBodySize, now: now)
        router.group("/metrics").add(middleware: authentication).get { _, _ in try await self.metricsText() }
        let v1 = router.group("/v1").add(middleware: authentication)
        // Every /v1 route answers within the request timeout (503 `timedOut` after it).
        v1.post("/leads") { request, _ in try await self.timed { try await self.capture(request) } }
        v1.post("/signals") { request, _ in try await self.timed { try await self.signal(request) } }
        v1.post("/leads/{id}/touches") { request, context in
            let id = try context.leadID()
            return try await self.timed { try await self.touch(request, id) }
        }
        v1.post("/leads/{id}/feedback") { request, context in
            let id = try context.leadID()
            return try await self.timed { try await self.feedback(request, id) }
        }
        v1.post("/leads/{id}/stage") { request, context in
            let id = try context.leadID()
            return try await self.timed { try await self.stage(request, id) }
        }
        v1.post("/leads/{id}/assign") { request, context in
            let id = try context.leadID()
            return try await self.timed { try await self.assign(request, id) }
        }
        v1.get("/leads/{id}") { _, context in
            let id = try context.leadID()
            return try await self.timed { try await self.lead(id) }
        }
        v1.get("/leads/{id}/explain") { _, context in
            let id = try context.leadID()
            return try await self.timed { try await self.explain(id) }
        }
        v1.get("/report") { request, _ in try await self.timed { try await self.report(request) } }
        v1.get("/reps") { _, _ in try await self.timed { try await self.reps() } }
        v1.get("/sla") { request, _ in try await self.timed { try await self.sla(request) } }
        v1.get("/outbox") { _, _ in try await self.timed { try await self.outboxStatus() } }
        return router
    }

    /// Runs a route's work within the request timeout.
    private func timed(_ work: @escaping @Sendable () async throws -> Response) async throws -> Response {
        try await RequestTimeout.run(timeout: configuration.requestTimeout, work)
    }

    // MARK: Writes

    func capture(_ request: Request) async throws -> Response {
        // A capture of the same person matches the lead it created, so running it again after a
        // restart left its key pending records nothing new.
        try await keyed(request, rerunnable: true) { body in try await self.capture(body) }
    }

    private func capture(_ body: ByteBuffer) async throws -> Reply {
        let person = try JSONCoding.decode(Lead.self, from: Self.defaultingID(body, at: nil))
        try Self.check(Self.problems(person: person, path: ""))
        let result = try await engine.capture(person, by: Self.actor)
        let isNew: Bool
        if case .created = result.outcome { isNew = true } else { isNew = false }
        return try JSONCoding.reply(CaptureOutput(result), status: isNew ? .created : .ok)
    }

    func signal(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: configuration.maxBodySize)
        var input = try JSONCoding.decode(SignalRequest.self, from: Self.defaultingID(body, at: "person"))
        var problems: [Problem.Item] = []
        if input.signal.kind.rawValue.isEmpty {
            problems.append(.init(path: "signal.kind", message: "is empty: name what happened, e.g. quote-requested"))
        }
        switch (input.person, input.lead) {
        case (nil, nil), (.some, .some):
            problems.append(.init(path: "$", message: "give exactly one of person and lead"))
        case (.some(let person), nil):
            problems += Self.problems(person: person, path: "person.")
        case (nil, .some(let lead)) where lead.isEmpty:
            problems.append(.init(path: "lead", message: "is empty"))
        default:
            break
        }
        if let key = try Self.idempotencyKey(request) {
            if let bodyKey = input.signal.idempotencyKey, bodyKey != key {
                problems.append(
                    .init(
                        path: "signal.idempotencyKey",
                        message: "differs from the Idempotency-Key header; send one key, or the same in both"))
            }
            input.signal.idempotencyKey = key
        }
        try Self.check(problems)
        let result: SignalResult
        if let lead = input.lead {
            result = try await engine.record(input.signal, for: LeadID(lead), by: Self.actor)
        } else {
            let person = input.person ?? Lead(id: "")
            result = try await engine.record(input.signal, from: person, by: Self.actor)
        }
        let output = SignalOutput(result)
        return try JSONCoding.response(output, status: result.isDuplicate ? .ok : .created)
    }

    func touch(_ request: Request, _ id: LeadID) async throws -> Response {
        try await keyed(request) { body in try await self.touch(body, id) }
    }

    private func touch(_ body: ByteBuffer, _ id: LeadID) async throws -> Reply {
        let touch = try JSONCoding.decode(Touch.self, from: body)
        var problems: [Problem.Item] = []
        if touch.by.isEmpty { problems.append(.init(path: "by", message: "is empty: a touch is always somebody's")) }
        if !["call", "email", "sms", "meeting"].contains(touch.channel.rawValue) {
            problems.append(.init(path: "channel", message: "expects call, email, sms or meeting"))
        }
        try Self.check(problems)
        let before = await engine.state(of: id)
        let after = try await engine.recordTouch(touch, on: id)
        return try JSONCoding.reply(TouchOutput(before: before, after: after))
    }

    func feedback(_ request: Request, _ id: LeadID) async throws -> Response {
        let by = request.headers[.accordActor].map(EventActor.person) ?? Self.actor
        return try await keyed(request) { body in
            let disposition = try JSONCoding.decode(Disposition.self, from: body)
            let state = try await self.engine.recordDisposition(disposition, on: id, by: by)
            return try JSONCoding.reply(LeadView(state))
        }
    }

    func stage(_ request: Request, _ id: LeadID) async throws -> Response {
        try await keyed(request) { body in try await self.stage(body, id) }
    }

    private func stage(_ body: ByteBuffer, _ id: LeadID) async throws -> Reply {
        let move = try JSONCoding.decode(StageRequest.self, from: body)
        try Self.check(move.stage.isEmpty ? [.init(path: "stage", message: "is empty")] : [])
        let reasons = move.reason.map { [Reason(rule: "manual", detail: $0)] } ?? []
        let state = try await engine.changeStage(
            of: id, to: Stage(move.stage), by: move.by.map(EventActor.person) ?? Self.actor, reasons: reasons)
        return try JSONCoding.reply(LeadView(state))
    }

    func assign(_ request: Request, _ id: LeadID) async throws -> Response {
        try await keyed(request) { body in try await self.assign(body, id) }
    }

    private func assign(_ body: ByteBuffer, _ id: LeadID) async throws -> Reply {
        let input = try JSONCoding.decode(AssignRequest.self, from: body)
        var problems: [Problem.Item] = []
        if input.owner.isEmpty { problems.append(.init(path: "owner", message: "is empty: a rep's id or queue:NAME")) }
        if input.reason.isEmpty {
            problems.append(.init(path: "reason", message: "is empty: every reassignment says why"))
        }
        try Self.check(problems)
        let owner: Owner =
            input.owner.hasPrefix("queue:") ? .queue(String(input.owner.dropFirst(6))) : .rep(input.owner)
        if case .rep(let rep) = owner, let known = engine.playbook.routing?.reps.map(\.id), !known.contains(rep) {
            var problem = Problem(
                status: .unprocessableContent, code: "unknownRep", title: "Refused by the playbook",
                detail: "no rep '\(rep)' in the playbook's routing section; reps: \(known.joined(separator: ", "))",
                errors: [.init(path: "owner", message: "is not a rep of the playbook")])
            problem.lead = id.rawValue
            throw problem
        }
        let state = try await engine.assign(
            id, to: owner, by: input.by.map(EventActor.person) ?? Self.actor, reason: input.reason)
        return try JSONCoding.reply(LeadView(state))
    }

    /// Runs a write once per `Idempotency-Key`: a retry with the key gets the first answer
    /// (marked `Idempotent-Replayed: true`) from the ``IdempotencyKeyStore``, and the work does not
    /// run again. Without a key, the work just runs.
    private func keyed(
        _ request: Request, rerunnable: Bool = false, _ work: (ByteBuffer) async throws -> Reply
    ) async throws -> Response {
        let body = try await request.body.collect(upTo: configuration.maxBodySize)
        guard let key = try Self.idempotencyKey(request) else { return try await work(body).response }
        let claim = try await idempotency.claim(
            key: key, path: "\(request.method) \(request.uri.path)",
            digest: IdempotencyLedger.digest(of: body.readableBytesView), rerunnable: rerunnable)
        if case .answered(let status, let answer) = claim {
            var response = Reply(status: .init(code: status), body: answer).response
            response.headers[.idempotentReplayed] = "true"
            return response
        }
        let reply: Reply
        do {
            reply = try await work(body)
        } catch {
            await idempotency.release(key: key)
            throw error
        }
        try await idempotency.complete(key: key, status: reply.status.code, body: reply.body)
        return reply.response
    }

    /// The request's `Idempotency-Key`, if it has one.
    /// - Throws: ``Problem`` 400 for an empty key or one over 255 characters.
    static func idempotencyKey(_ request: Request) throws -> String? {
        guard let key = request.headers[.idempotencyKey] else { return nil }
        guard !key.isEmpty, key.count <= 255 else {
            throw Problem(
                status: .badRequest, code: "invalidRequest", title: "Invalid Idempotency-Key",
                detail: "an Idempotency-Key has 1 to 255 characters, e.g. formtool:8812",
                errors: [.init(path: "header.Idempotency-Key", message: "is empty or longer than 255 characters")])
        }
        return key
    }

    // MARK: Reads

    func lead(_ id: LeadID) async throws -> Response {
        try JSONCoding.response(LeadView(try await current(id)))
    }

    func explain(_ id: LeadID) async throws -> Response {
        let state = try await current(id)
        return try JSONCoding.response(try await engine.explanation(of: state.id))
    }

    func report(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        var problems: [Problem.Item] = []
        let timeZoneName = query.get("timeZone") ?? "UTC"
        let timeZone = TimeZone(identifier: timeZoneName)
        if timeZone == nil {
            problems.append(.init(path: "query.timeZone", message: "is not an IANA time zone: '\(timeZoneName)'"))
        }
        var period: ReportPeriod?
        do throws(ReportPeriodError) {
            period = try ReportPeriod(
                parsing: query.get("period") ?? "quarter", now: now(), timeZone: timeZone ?? .gmt)
        } catch {
            problems.append(.init(path: "query.period", message: error.description))
        }
        let view = ScoreboardView(rawValue: query.get("view") ?? "cohort")
        if view == nil {
            problems.append(.init(path: "query.view", message: "expects cohort or activity"))
        }
        var slice: SliceDimension?
        if let by = query.get("by") {
            slice = SliceDimension(rawValue: by)
            if slice == nil {
                let allowed = SliceDimension.allCases.map(\.rawValue).joined(separator: ", ")
                problems.append(.init(path: "query.by", message: "expects one of \(allowed)"))
            }
        }
        try Self.check(problems, title: "Invalid query")
        guard let period, let view, let timeZone else { throw Problem(HTTPError(.badRequest)) }
        let board = try await engine.scoreboard(
            ScoreboardQuery(period: period, view: view, slicedBy: slice, timeZone: timeZone))
        return try JSONCoding.response(board)
    }

    func reps() async throws -> Response {
        guard let statuses = await engine.repStatuses() else {
            throw Problem(
                status: .notFound, code: "noRouting", title: "No routing",
                detail: "the playbook has no routing section, or its router does not track reps")
        }
        return try JSONCoding.response(statuses.map(RepOutput.init))
    }

    func sla(_ request: Request) async throws -> Response {
        let limitText = request.uri.queryParameters.get("limit") ?? "20"
        guard let limit = Int(limitText), (1...100_000).contains(limit) else {
            throw Problem(
                status: .badRequest, code: "invalidQuery", title: "Invalid query", detail: "limit must be 1-100000",
                errors: [.init(path: "query.limit", message: "expects a number from 1 to 100000")])
        }
        // As `accord sla`: record the steps that fell due first, so the list is current.
        let recorded = try await engine.tick()
        let time = now()
        let clocks = await engine.openClocks()
        var rows: [SLAOutput.Clock] = []
        for (lead, clock) in clocks.prefix(limit) {
            let paused = await engine.pausedSince(clock.id)
            rows.append(SLAOutput.Clock(lead: lead.rawValue, clock: clock, now: time, pausedSince: paused))
        }
        return try JSONCoding.response(SLAOutput(recordedSteps: recorded, open: rows, openCount: clocks.count))
    }

    func outboxStatus() async throws -> Response {
        try JSONCoding.response(await outbox?.status() ?? OutboxStatus(endpoints: []))
    }

    func metricsText() async throws -> Response {
        let text = await metrics.exposition(of: engine, leads: await state.leads)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    func health() async throws -> Response {
        try JSONCoding.response(HealthStatus(status: "ok"))
    }

    func readiness() async throws -> Response {
        switch await state.phase {
        case .ready:
            break
        case .starting:
            throw Problem(
                status: .serviceUnavailable, code: "notReady", title: "Not ready",
                detail: "the service is starting: the engine is not open yet")
        case .draining:
            throw Problem(
                status: .serviceUnavailable, code: "draining", title: "Draining",
                detail: "the service is shutting down: send new requests to another instance")
        }
        return try JSONCoding.response(
            HealthStatus(
                status: "ready", leads: await engine.leadCount, journalPosition: await engine.journalPosition?.rawValue,
                role: await state.leads.map { $0 ? "leader" : "follower" }))
    }

    // MARK: Helpers

    /// The lead's state, following merges to the survivor.
    private func current(_ id: LeadID) async throws -> LeadState {
        if catchesUpOnMiss, await engine.state(of: id) == nil {
            // Another instance may have captured it since this one last folded the journal.
            try await engine.catchUp()
        }
        let survivor = await engine.survivor(of: id) ?? id
        guard let state = await engine.state(of: survivor) else {
            throw Problem(LeadModelError(.unknownLead, leadID: id, message: "no such lead in the journal"))
        }
        return state
    }

    /// What is wrong with a person record, with paths under `prefix`.
    static func problems(person: Lead, path prefix: String) -> [Problem.Item] {
        var problems: [Problem.Item] = []
        if person.email == nil, person.phone == nil, person.externalIDs.isEmpty, person.id.rawValue.isEmpty {
            problems.append(
                .init(
                    path: prefix.isEmpty ? "$" : String(prefix.dropLast()),
                    message: "a person needs at least one of id, email, phone or externalIDs"))
        }
        if let email = person.email, !email.contains("@") {
            problems.append(.init(path: prefix + "email", message: "is not an email address (no @)"))
        }
        return problems
    }

    /// Throws a 400 listing every problem, if there are any.
    static func check(_ problems: [Problem.Item], title: String = "Invalid request body") throws {
        guard !problems.isEmpty else { return }
        let detail = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        throw Problem(
            status: .badRequest, code: "invalidRequest", title: title, detail: "\(detail) in the request",
            errors: problems)
    }

    /// Adds `"id": ""` to a person object that has no id, so identity resolution decides who it
    /// is (a `Lead` always has an id; empty means "match or mint").
    static func defaultingID(_ body: ByteBuffer, at key: String?) throws -> ByteBuffer {
        if let scanned = PersonIDDefault.inserting(into: Array(body.readableBytesView), at: key) {
            return ByteBuffer(bytes: scanned)
        }
        // A body the scanner is not sure about: parse it (a malformed one fails in the decoder).
        guard var object = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] else {
            return body
        }
        if let key {
            guard var person = object[key] as? [String: Any], person["id"] == nil else { return body }
            person["id"] = ""
            object[key] = person
        } else {
            guard object["id"] == nil else { return body }
            object["id"] = ""
        }
        return ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object))
    }
}

extension BasicRequestContext {
    /// The `{id}` path parameter as a lead id.
    func leadID() throws -> LeadID { LeadID(try parameters.require("id")) }
}

extension HTTPField.Name {
    /// `Idempotency-Key`: the source system's id for a write; a retry with the same key records
    /// nothing new and returns the original result.
    public static let idempotencyKey = Self("Idempotency-Key")!
    /// `X-Accord-Actor`: the person who gives a verdict (`POST /v1/leads/{id}/feedback`).
    public static let accordActor = Self("X-Accord-Actor")!
    /// `Idempotent-Replayed: true`: the answer is the one recorded for an earlier request with
    /// the same `Idempotency-Key`; nothing new was recorded.
    public static let idempotentReplayed = Self("Idempotent-Replayed")!
}
