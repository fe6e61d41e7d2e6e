import Accord
import CoreMetrics
import Foundation
import Hummingbird
import LeadModel
import Logging
import Prometheus

/// The service's metrics through swift-metrics, kept in a Prometheus registry and exported as
/// text at `GET /metrics`.
///
/// | metric | type | labels |
/// | --- | --- | --- |
/// | `accord_http_requests_total` | counter | `route`, `method`, `status` |
/// | `accord_http_request_duration_seconds` | histogram | `route`, `method` |
/// | `accord_engine_notifications_total` | counter | `kind` (`stage-changed`, `sla-breached`, …) |
/// | `accord_leads` | gauge | |
/// | `accord_journal_position` | gauge: the last event appended | |
/// | `accord_open_clocks` | gauge: open response clocks | |
/// | `accord_service_leader` | gauge: 1 on the instance that leads a shared journal, else 0 | |
///
/// The factory is injected rather than bootstrapped process-wide, so each service (and each
/// test) has a registry of its own. Value semantics over a shared, thread-safe registry.
public struct ServiceMetrics: Sendable {
    /// The registry the metrics are kept in.
    public let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    /// The request counters and timers made so far, by route, method and status: made once,
    /// then looked up (making them anew for every request was a registry look-up each, under
    /// its lock, and several allocations).
    private let requestHandles = Handles<RequestLabels, (CoreMetrics.Counter, CoreMetrics.Timer)>()
    /// The notification counters made so far, by kind.
    private let notificationHandles = Handles<String, CoreMetrics.Counter>()

    /// Makes the metrics over a registry.
    /// - Parameter registry: where to keep them (a new one by default).
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1),
        ]
        self.factory = factory
    }

    /// Counts one answered request and records how long it took.
    /// - Parameters:
    ///   - route: the route's path pattern (`/v1/leads/{id}`), not the concrete path.
    ///   - method: the HTTP method.
    ///   - status: the answer's status code.
    ///   - nanoseconds: the time from receiving the head to answering.
    func request(route: String, method: String, status: Int, nanoseconds: Int64) {
        let (counter, timer) = requestHandles.handles(RequestLabels(route: route, method: method, status: status)) {
            (
                Counter(
                    label: "accord_http_requests_total",
                    dimensions: [("route", route), ("method", method), ("status", String(status))],
                    factory: factory),
                Timer(
                    label: "accord_http_request_duration_seconds", dimensions: [("route", route), ("method", method)],
                    factory: factory)
            )
        }
        counter.increment()
        timer.recordNanoseconds(nanoseconds)
    }

    /// Counts one notification the engine published.
    /// - Parameter kind: the notification's kind, as ``LoggingSink`` names it.
    func notification(kind: String) {
        notificationHandles.handles(kind) {
            Counter(label: "accord_engine_notifications_total", dimensions: [("kind", kind)], factory: factory)
        }.increment()
    }

    /// Reads the engine's gauges and renders every metric in the Prometheus text format.
    /// - Parameters:
    ///   - engine: the engine whose lead count, journal position and open clocks are read.
    ///   - leads: on a shared journal, whether this instance leads (`accord_service_leader` 1 or
    ///     0); `nil` on the file store, where the gauge is not exported.
    /// - Returns: the exposition text.
    func exposition(of engine: AlignmentEngine, leads: Bool? = nil) async -> String {
        if let leads { Gauge(label: "accord_service_leader", factory: factory).record(leads ? 1 : 0) }
        Gauge(label: "accord_leads", factory: factory).record(await engine.leadCount)
        Gauge(label: "accord_journal_position", factory: factory).record(
            Int64(await engine.journalPosition?.rawValue ?? 0))
        Gauge(label: "accord_open_clocks", factory: factory).record(await engine.openClocks().count)
        return registry.emitToString()
    }
}

/// A `NotificationSink` that counts the engine's notifications by kind in ``ServiceMetrics``
/// (`accord_engine_notifications_total{kind="sla-breached"}` and so on).
public struct MetricsSink: NotificationSink {
    let metrics: ServiceMetrics

    /// Makes a sink.
    /// - Parameter metrics: the metrics to count in.
    public init(metrics: ServiceMetrics) {
        self.metrics = metrics
    }

    /// Counts one notification.
    /// - Parameter notification: what the engine published.
    public func deliver(_ notification: EngineNotification) async {
        metrics.notification(kind: LoggingSink.kind(of: notification))
    }
}

/// Counts every request by its route pattern, method and status, and times it.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    let metrics: ServiceMetrics

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let response = try await next(request, context)
        let elapsed = DispatchTime.now().uptimeNanoseconds - start
        metrics.request(
            route: context.endpointPath ?? "unmatched", method: request.method.rawValue,
            status: response.status.code, nanoseconds: Int64(clamping: elapsed))
        return response
    }
}

/// Metric handles made once and looked up after, by a key of their labels.
///
/// `@unchecked Sendable` is safe: its one mutable field is read and written only under `lock`,
/// and the handles it keeps are `Sendable` themselves.
private final class Handles<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var handles: [Key: Value] = [:]

    /// The handles for `key`, made by `make` the first time.
    func handles(_ key: Key, make: () -> Value) -> Value {
        lock.withLock {
            if let found = handles[key] { return found }
            let made = make()
            handles[key] = made
            return made
        }
    }
}

/// The labels of a request's metrics.
private struct RequestLabels: Hashable, Sendable {
    var route: String
    var method: String
    var status: Int
}
