import Accord
import Foundation
import LeadModel

/// Benchmarks of one engine holding a synthetic quarter's leads, on an in-memory store so that
/// the figures are the engine's own work: single commands (a touch at a time, as a sales tool
/// sends them) and the periodic rescoring sweep a month after the quarter.
enum EngineCommandBenchmarks {
    static var all: [Benchmark] {
        [
            Benchmark(
                name: "engine-commands",
                summary:
                    "AlignmentEngine: single signal, touch and assign commands, 50,000 people's leads (memory store)",
                run: commands),
            Benchmark(
                name: "engine-rescore",
                summary: "AlignmentEngine: one rescoreDue sweep over a quarter's leads, 30 days on (memory store)",
                run: rescore),
        ]
    }

    /// An engine on an in-memory store that recorded a synthetic quarter of `leads` people.
    private static func populated(leads: Int) async throws -> (AlignmentEngine, ManualClock) {
        let quarter = SyntheticQuarter(seed: 2026, leads: leads)
        let clock = ManualClock(quarter.start)
        let engine = try await AlignmentEngine(
            playbook: .standard, store: InMemoryEventStore(), configuration: EngineConfiguration(now: { clock.now }))
        _ = try await EngineBenchmarks.ingest(quarter.records(), into: engine, clock: clock)
        return (engine, clock)
    }

    /// One command at a time, as a web hook or a sales tool sends them: a signal (identity,
    /// scoring, qualification), a touch (which leaves the routing ledger's lead records alone)
    /// and a manual assignment (which changes them).
    private static func commands(_ context: BenchContext) async throws -> [Measurement] {
        let leads = context.count(default: 50_000)
        let (engine, clock) = try await populated(leads: leads)
        let targets = await engine.activeLeads().map(\.id).sorted().prefix(2_000)
        guard !targets.isEmpty else { throw BenchError("engine-commands: the quarter left no active leads") }
        let leadCount = await engine.leadCount
        clock.advance(by: 3_600)
        let (signalSeconds, _) = try await measure {
            for id in targets {
                let signal = Signal(kind: .linkClicked, occurredAt: clock.now, source: "email")
                try await engine.record(signal, for: id)
            }
        }
        let (touchSeconds, _) = try await measure {
            for id in targets {
                try await engine.recordTouch(Touch(channel: .call, by: "bench"), on: id)
            }
        }
        let (assignSeconds, _) = try await measure {
            for id in targets {
                try await engine.assign(id, to: .rep("bench"), by: .system, reason: "benchmark")
            }
        }
        let timings = [
            ("engine-signal", signalSeconds), ("engine-touch", touchSeconds), ("engine-assign", assignSeconds),
        ]
        return timings.map { name, seconds in
            var measurement = Measurement(name: name, count: targets.count, seconds: seconds)
            measurement.set("leads", .int(leadCount))
            measurement.set("microsecondsPerCommand", .double(seconds / Double(targets.count) * 1e6))
            return measurement
        }
    }

    private static func rescore(_ context: BenchContext) async throws -> [Measurement] {
        let leads = context.count(default: 50_000)
        let (engine, clock) = try await populated(leads: leads)
        // The first sweep schedules every scored lead; a month on, decay has moved many cards.
        clock.advance(by: 30 * 86_400)
        let (seconds, sweep) = try await measure { try await engine.rescoreDue() }
        guard sweep.reviewed > 0 else { throw BenchError("engine-rescore: the sweep reviewed no lead") }
        var measurement = Measurement(name: "engine-rescore", count: sweep.reviewed, seconds: seconds)
        measurement.set("leads", .int(await engine.leadCount))
        measurement.set("eventsAppended", .int(sweep.eventsAppended))
        return [measurement]
    }
}
