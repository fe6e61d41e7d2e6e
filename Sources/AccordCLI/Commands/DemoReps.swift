import Accord
import Foundation
import LeadModel

/// Collects the demo's assignments to reps as the engine makes them.
actor DemoAssignments: NotificationSink {
    private var pending: [(lead: LeadID, rep: String)] = []

    func deliver(_ notification: EngineNotification) async {
        if case .assigned(let lead, .rep(let rep)) = notification { pending.append((lead, rep)) }
    }

    /// The assignments since the last call.
    func drain() -> [(lead: LeadID, rep: String)] {
        defer { pending.removeAll() }
        return pending
    }
}

/// How the demo's reps answer their leads: most within minutes, some within hours, a few never.
struct DemoReps {
    private var random: SeededGenerator
    private var due: [(at: Date, lead: LeadID, rep: String)] = []

    init(seed: UInt64) { random = SeededGenerator(seed: seed &+ 0x7E9) }

    /// Plans the first touch of each new assignment.
    mutating func schedule(_ assignments: [(lead: LeadID, rep: String)], after start: Date) {
        for (lead, rep) in assignments {
            let minutes: Double? = random.pick([
                (Double.random(in: 2...14, using: &random), 0.55), (Double.random(in: 15...120, using: &random), 0.25),
                (Double.random(in: 120...1_440, using: &random), 0.12), (nil, 0.08),
            ])
            guard let minutes else { continue }
            due.append((start + (minutes * 60).rounded(), lead, rep))
        }
        due.sort { $0.at < $1.at }
    }

    /// Records the touches due by `time`, each at its own instant.
    mutating func touch(until time: Date, clock: ManualClock, engine: AlignmentEngine) async throws {
        while let next = due.first, next.at <= time {
            due.removeFirst()
            clock.set(next.at)
            try await engine.tick()
            do {
                try await engine.recordTouch(Touch(channel: .call, by: next.rep, connected: true), on: next.lead)
            } catch let error as LeadModelError where error.code == .leadMerged || error.code == .leadErased {
                continue
            }
        }
    }
}
