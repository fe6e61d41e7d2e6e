import Accord
import Foundation
import Journal
import LeadModel
import Routing
import Testing

/// Two engines sharing one journal hand off leads at the same time: every pool turn is claimed on
/// the pool's stream with optimistic concurrency, so no turn is handed out twice and no rep goes
/// over a cap.
struct ConcurrentRoutingTests {
    enum StoreKind: String, CaseIterable, Sendable { case memory, file }

    static let routing = """
        {"reps": [{"id": "ana", "capacity": {"maxOpen": 5}}, {"id": "bo", "weight": 2, "capacity": {"maxOpen": 6}},
                  {"id": "cy", "capacity": {"maxOpen": 4}}],
         "pools": [{"name": "inbound", "members": [{"rep": "ana"}, {"rep": "bo"}, {"rep": "cy"}]}],
         "default": {"pool": "inbound"}}
        """
    static let caps = ["ana": 5, "bo": 6, "cy": 4]

    static func playbook() throws -> Playbook {
        var playbook = Playbook.standard
        playbook.routing = try JSONDecoder().decode(RoutingRules.self, from: Data(routing.utf8))
        return playbook
    }

    func withStore(_ kind: StoreKind, _ body: (any EventStore) async throws -> Void) async throws {
        switch kind {
        case .memory:
            try await body(InMemoryEventStore())
        case .file:
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("accord-routing-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let store = try await FileEventStore(directory: directory)
            try await body(store)
            try await store.close()
        }
    }

    func engine(_ store: any EventStore, _ clock: ManualClock) async throws -> AlignmentEngine {
        try await AlignmentEngine(
            playbook: try Self.playbook(), store: store,
            configuration: EngineConfiguration(now: { clock.now }, conflictRetries: 200))
    }

    static func person(_ index: Int) -> Lead {
        Lead(id: "", email: "buyer\(index)@firm\(index).com", company: "Firm \(index)", source: "website")
    }

    @Test(arguments: StoreKind.allCases)
    func twoEnginesNeverTakeTheSameTurnNorExceedACap(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let clock = ManualClock()
            let first = try await engine(store, clock)
            let second = try await engine(store, clock)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<24 {
                    let engine = index % 2 == 0 ? first : second
                    let at = clock.now
                    group.addTask {
                        _ = try await engine.record(
                            Signal(kind: .quoteRequested, occurredAt: at), from: Self.person(index))
                    }
                }
                try await group.waitForAll()
            }
            var events: [LeadEvent] = []
            for try await event in store.events(from: .start, pageSize: 512) { events.append(event) }
            try Self.expectEveryTurnFollowsTheLast(events)
            let assignments = events.compactMap { event -> (LeadID, Owner)? in
                guard case .assigned(let assignment) = event.payload else { return nil }
                return (event.leadID, assignment.owner)
            }
            #expect(Set(assignments.map(\.0)).count == 24, "each lead assigned once")
            var perRep: [String: Int] = [:]
            for (_, owner) in assignments {
                if case .rep(let rep) = owner { perRep[rep, default: 0] += 1 }
            }
            for (rep, count) in perRep { #expect(count <= Self.caps[rep]!, "\(rep) has \(count)") }
            #expect(perRep.values.reduce(0, +) == 15, "every cap filled, no more")
            let claims = events.filter { $0.leadID == TurnClaim.stream(pool: "inbound") }
            #expect(claims.count == 15)
            // A third engine opened on the same journal folds the same loads and turns.
            let third = try await engine(store, clock)
            await first.catchUpQuietly()
            #expect(await third.repStatuses() == (await first.repStatuses()))
        }
    }

    /// Replays the pool's turns in journal order: each recorded turn must be the one the rotation
    /// gives after the turns before it, which fails if two engines took the same turn.
    static func expectEveryTurnFollowsTheLast(_ events: [LeadEvent]) throws {
        var rotation = PoolRotation()
        var turns = 0
        for event in events {
            guard case .assigned(let assignment) = event.payload, case .rep(let rep) = assignment.owner,
                let turn = event.reasons.first(where: { $0.rule == "pool-turn:inbound" })
            else { continue }
            let candidates = turn.detail.split(separator: ",").map { token in
                let parts = token.split(separator: "=")
                return PoolRotation.Candidate(rep: String(parts[0]), weight: Int(parts[1]) ?? 0)
            }
            let chosen = try #require(rotation.choose(among: candidates))
            #expect(candidates[chosen].rep == rep, "turn \(turns + 1) went to \(rep)")
            rotation.record(candidates, chosen: rep)
            turns += 1
        }
        #expect(turns == 15)
    }
}

extension AlignmentEngine {
    fileprivate func catchUpQuietly() async { try? await catchUp() }
}
