import Foundation
import LeadModel

/// Makes realistic engagement-signal events from a seed: the same seed gives the same events.
///
/// Each event is a ``LeadEvent`` with a ``Signal`` payload — a kind, a source, usually a
/// campaign, a page and a UTM medium — and an idempotency key, like a web-tracker integration
/// would send. Encoded, one is a couple of hundred bytes.
struct EventGenerator: Sendable {
    private var random: SplitMix64
    private var clock: Date

    /// Creates a generator whose events are fixed by `seed`.
    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
        clock = Date(timeIntervalSince1970: 1_795_424_400)  // 2026-11-23 09:00:00 UTC
    }

    private static let kinds: [SignalKind] = [
        .emailOpened, .emailOpened, .linkClicked, .pricingPageVisited, .webinarAttended,
        .formSubmitted, .replied, .contentDownloaded, .demoRequested, .quoteRequested,
    ]
    private static let sources = [
        "website", "webinar", "paid-search", "outbound", "partner", "event",
    ]
    private static let campaigns: [String?] = [
        "q4-security", "q4-payroll-roi", "fall-webinar-series", "hc-outbound-2026", nil,
    ]
    private static let pages = [
        "/pricing", "/product/payroll", "/security", "/case-studies/acme-health", "/demo",
        "/blog/roi-calculator",
    ]
    private static let mediums = ["email", "cpc", "social", "organic", "referral"]

    /// The next signal event, for `lead`.
    mutating func signal(for lead: LeadID) -> LeadEvent {
        clock.addTimeInterval(Double(random.next(upperBound: 90 as UInt64)) + 1)
        let key = "evt-" + String(random.next(), radix: 16)
        let signal = Signal(
            kind: pick(Self.kinds), occurredAt: clock, source: pick(Self.sources),
            campaign: pick(Self.campaigns),
            properties: ["page": .string(pick(Self.pages)), "utm_medium": .string(pick(Self.mediums))],
            idempotencyKey: key)
        return LeadEvent(
            leadID: lead, occurredAt: clock, actor: .integration("web-tracker"),
            payload: .signalRecorded(signal), idempotencyKey: key)
    }

    /// `count` signal events spread over `leads` leads named `lead-<prefix>-<n>`, in batches of
    /// `batchSize` events, each batch one append call with one request per lead.
    mutating func batches(count: Int, batchSize: Int, leads: Int, prefix: String) -> [[AppendRequest]] {
        let ids = (0..<max(1, leads)).map { LeadID("lead-\(prefix)-\($0)") }
        var batches: [[AppendRequest]] = []
        var made = 0
        while made < count {
            let size = min(batchSize, count - made)
            var requests: [AppendRequest] = []
            var index: [LeadID: Int] = [:]
            for _ in 0..<size {
                let lead = pick(ids)
                let event = signal(for: lead)
                if let existing = index[lead] {
                    requests[existing].events.append(event)
                } else {
                    index[lead] = requests.count
                    requests.append(AppendRequest(leadID: lead, events: [event]))
                }
            }
            batches.append(requests)
            made += size
        }
        return batches
    }

    private mutating func pick<T>(_ choices: [T]) -> T {
        choices[Int(random.next(upperBound: UInt64(choices.count)))]
    }
}
