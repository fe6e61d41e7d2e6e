import Foundation
import LeadModel
import Testing

@testable import SLA

/// A monitor saved and loaded again gives the same due actions, with escalation ladders in
/// business time; a snapshot of another configuration, or one that does not hang together, is
/// refused.
struct SLAMonitorSnapshotTests {
    typealias F = SLAFixtures
    typealias T = SLAMonitorTests

    /// Open clocks in several phases: one breached and escalated once, one paused, one warned,
    /// one met (its slot free again).
    static func monitor() -> SLAMonitor {
        var monitor = SLAMonitor(policy: F.policy)
        monitor.apply(T.started("a", tier: "hot", warn: nil, deadline: 60))
        monitor.apply(T.started("b", lead: "L2", tier: "hot", warn: 20, deadline: 60))
        monitor.apply(T.started("c", lead: "L3", warn: 10, deadline: 90))
        monitor.apply(T.started("d", lead: "L4", warn: nil, deadline: 30))
        monitor.apply(T.event(.slaBreached("a")))
        monitor.apply(T.event(.slaEscalated(SLAEscalation(clockID: "a", step: "warn-owner"))))
        monitor.apply(T.event(.slaWarned("c"), lead: "L3"))
        monitor.apply(T.event(.slaPaused(SLAPause(clockID: "b", reason: "on holiday")), lead: "L2"))
        monitor.apply(T.event(.slaMet("d"), lead: "L4"))
        return monitor
    }

    @Test func aLoadedMonitorGivesTheSameDueActions() throws {
        let saved = Self.monitor()
        var loaded = try #require(try SLAMonitor(snapshotBytes: saved.snapshotBytes(), policy: F.policy))
        #expect(loaded.count == saved.count)
        #expect(loaded.nextDue == saved.nextDue)
        #expect(loaded.pausedSince("b") == saved.pausedSince("b"))
        #expect(loaded.due(at: .distantFuture) == saved.due(at: .distantFuture))
        var original = saved
        #expect(loaded.popDue(at: .distantFuture) == original.popDue(at: .distantFuture))
        // The freed slot is reused alike.
        original.apply(T.started("e", lead: "L5", warn: nil, deadline: 45))
        loaded.apply(T.started("e", lead: "L5", warn: nil, deadline: 45))
        #expect(loaded.due(at: .distantFuture) == original.due(at: .distantFuture))
    }

    @Test func anotherConfigurationIsRefused() throws {
        let bytes = try Self.monitor().snapshotBytes()
        #expect(try SLAMonitor(snapshotBytes: bytes, policy: nil) == nil)
        var configuration = F.policy.configuration
        configuration.tiers.removeLast()
        #expect(try SLAMonitor(snapshotBytes: bytes, policy: TieredSLAPolicy(configuration: configuration)) == nil)
    }

    @Test func aSnapshotThatDoesNotHangTogetherIsRefused() throws {
        var json = try #require(
            try JSONSerialization.jsonObject(with: Data(Self.monitor().snapshotBytes())) as? [String: Any])
        json["free"] = [0]  // slot 0 holds clock "a"
        let bytes = Array(try JSONSerialization.data(withJSONObject: json))
        #expect(try SLAMonitor(snapshotBytes: bytes, policy: F.policy) == nil)
        #expect(throws: DecodingError.self) { try SLAMonitor(snapshotBytes: Array("{}".utf8), policy: F.policy) }
    }
}
