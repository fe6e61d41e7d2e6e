import Foundation
import LeadModel
import SLA

/// SLA benchmarks: business-time deadlines per second on a calendar with a lunch break and
/// holidays, and the cost of a monitor tick with a million open clocks of which a thousand are due.
enum SLABenchmarks {
    /// Distinct arrival instants cycled through, spread over a year (so DST changes are crossed).
    static let poolSize = 4096

    static var all: [Benchmark] {
        [
            Benchmark(
                name: "sla-deadlines",
                summary: "WeeklyBusinessCalendar.adding: business-time deadlines per second (and with reasons)",
                run: deadlines),
            Benchmark(
                name: "sla-tick",
                summary: "SLAMonitor.popDue: ticks per second with 1,000,000 open clocks, 1,000 due per tick",
                run: tick),
        ]
    }

    static let calendar: WeeklyBusinessCalendar = {
        let day = [BusinessWindow("09:00-12:00")!, BusinessWindow("13:00-17:30")!]
        var hours: [Weekday: [BusinessWindow]] = [:]
        for weekday in Weekday.workweek { hours[weekday] = day }
        return WeeklyBusinessCalendar(
            timeZone: "America/New_York", hours: hours,
            holidays: ["2026-01-01", "2026-05-25", "2026-07-03", "2026-09-07", "2026-11-26", "2026-12-25"].map {
                LocalDate($0)!
            })
    }()

    static func arrivals() -> [Date] {
        var random = SplitMix64(seed: StoreBenchmarks.seed)
        let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
        return (0..<poolSize).map { _ in start.addingTimeInterval(Double(random.next() % 31_536_000)) }
    }

    private static func deadlines(_ context: BenchContext) async throws -> [Measurement] {
        let count = context.count(default: 2_000_000)
        let starts = arrivals()
        let targets: [TimeInterval] = [15 * 60, 2 * 3600, 4 * 3600, 8 * 3600]
        let calendar = Self.calendar
        let (seconds, checksum) = await measure {
            var checksum = 0.0
            for index in 0..<count {
                checksum += calendar.adding(targets[index & 3], to: starts[index % poolSize]).timeIntervalSince1970
            }
            return checksum
        }
        guard checksum > 0 else { throw BenchError("no deadlines computed") }
        var plain = Measurement(name: "sla-deadlines", count: count, seconds: seconds)
        plain.set("calendar", .string("America/New_York, 2 windows a day, 6 holidays"))

        let policy = TieredSLAPolicy(
            configuration: SLAConfiguration(
                calendars: ["us": calendar], defaultCalendar: "us",
                tiers: [SLATier(name: "standard", firstTouch: SLATarget(within: .hours(2)), warnAt: 0.75)]))
        let state = LeadState.fold([
            LeadEvent(
                leadID: "L1", occurredAt: starts[0], actor: .system,
                payload: .captured(Lead(id: "L1"), stage: .sql))
        ])!
        let explainedCount = max(1, count / 20)
        let (explainedSeconds, reasons) = await measure {
            var reasons = 0
            for index in 0..<explainedCount {
                let input = SLAInput(state: state, now: starts[index % poolSize])
                reasons += policy.clock(for: input)?.reasons.count ?? 0
            }
            return reasons
        }
        guard reasons > 0 else { throw BenchError("no clocks started") }
        var explained = Measurement(name: "sla-deadlines-explained", count: explainedCount, seconds: explainedSeconds)
        explained.set("reasonsPerClock", .double(Double(reasons) / Double(explainedCount)))
        return [plain, explained]
    }

    private static func tick(_ context: BenchContext) async throws -> [Measurement] {
        let open = 1_000_000
        let duePerTick = 1_000
        let ticks = context.count(default: 100)
        let base = Date(timeIntervalSince1970: 1_767_225_600)
        var random = SplitMix64(seed: StoreBenchmarks.seed)
        var order = Array(0..<open)
        order.shuffle(using: &random)
        var monitor = SLAMonitor()
        let (buildSeconds, _) = await measure {
            monitor.reserveCapacity(open)
            for index in order {
                // one deadline per second, so each tick of 1,000 s finds 1,000 due
                let clock = SLAClock(
                    id: SLAClockID("c\(index)"), tier: "standard", owner: nil, warnAt: nil,
                    deadline: base.addingTimeInterval(Double(index) + 1))
                monitor.apply(
                    LeadEvent(
                        leadID: LeadID("L\(index)"), occurredAt: base, actor: .system, payload: .slaStarted(clock)))
            }
        }
        var examined = 0
        let peeked = monitor.due(at: base.addingTimeInterval(Double(duePerTick)), examined: &examined)
        guard peeked.count == duePerTick else { throw BenchError("expected \(duePerTick) due, found \(peeked.count)") }
        let (seconds, popped) = await measure {
            var popped = 0
            for tick in 1...ticks {
                popped += monitor.popDue(at: base.addingTimeInterval(Double(tick * duePerTick))).count
            }
            return popped
        }
        guard popped == ticks * duePerTick else { throw BenchError("popped \(popped), expected \(ticks * duePerTick)") }
        var measurement = Measurement(name: "sla-tick", count: ticks, seconds: seconds)
        measurement.set("openClocks", .int(open))
        measurement.set("duePerTick", .int(duePerTick))
        measurement.set("microsecondsPerTick", .double(seconds / Double(ticks) * 1e6))
        measurement.set("examinedByDue", .int(examined))
        measurement.set("buildSeconds", .double(buildSeconds))
        return [measurement]
    }
}
