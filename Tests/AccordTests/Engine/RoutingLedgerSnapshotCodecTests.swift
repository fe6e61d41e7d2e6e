import Foundation
import Journal
import LeadModel
import Routing
import Testing

@testable import Accord

/// The router's ledger in the journal's binary layout: every part comes back exactly, equal
/// ledgers give equal bytes, and bytes that are not a snapshot of this version (an older JSON
/// one, damage, a cut) are refused with an error rather than a trap.
struct RoutingLedgerSnapshotCodecTests {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    /// A ledger with every part filled: leads on accounts with owners, returned and merged
    /// leads, an active opportunity, pool turns, a claim stream and reps outside the roster.
    static func ledger() throws -> RoutingLedger {
        let rules = try JSONDecoder().decode(
            RoutingRules.self, from: Data(#"{"reps": [{"id": "ana"}, {"id": "bo"}]}"#.utf8))
        var ledger = RoutingLedger(rules: rules)
        func event(_ lead: String, _ minutes: Double, _ payload: LeadEvent.Payload, _ reasons: [Reason] = [])
            -> LeadEvent
        {
            LeadEvent(
                leadID: LeadID(lead), occurredAt: start.addingTimeInterval(minutes * 60), actor: .system,
                payload: payload, reasons: reasons)
        }
        ledger.apply(contentsOf: [
            event("L1", 0, .captured(Lead(id: "L1", email: "a@acme.com", accountID: "acme.com"), stage: .lead)),
            event("L2", 1, .captured(Lead(id: "L2", email: "b@acme.com", accountID: "acme.com"), stage: .lead)),
            event("L3", 2, .captured(Lead(id: "L3", email: "c@initech.com"), stage: .lead)),
            event(
                "L1", 3, .assigned(Assignment(owner: .rep("ana"), router: "rules")),
                [Reason(rule: "pool-turn:inbound", detail: "ana=1,bo=2")]),
            event(
                "L2", 4, .assigned(Assignment(owner: .rep("bo"), router: "rules")),
                [
                    Reason(rule: "pool-turn:inbound", detail: "ana=1,bo=2"),
                    Reason(rule: "pool-value:inbound", detail: "ev=4500.5 half-life=30.0; expected value 4500.5"),
                ]),
            event("L3", 5, .assigned(Assignment(owner: .rep("zed"), router: "manual"))),
            event("L1", 6, .stageChanged(StageChange(from: .lead, to: .opportunity))),
            event("L3", 7, .mergedInto("L2")),
            event("pool:inbound", 8, .turnTaken(TurnClaim(lead: "L1", rep: "ana", pool: "inbound"))),
        ])
        return ledger
    }

    @Test func aLedgerComesBackExactly() throws {
        let ledger = try Self.ledger()
        let bytes = RoutingLedgerSnapshot.encode(ledger.snapshot)
        let decoded = try RoutingLedgerSnapshot.decode(bytes)
        #expect(decoded == ledger.snapshot)
        let loaded = try #require(RoutingLedger(snapshot: decoded, template: RoutingLedger(rules: try Self.rules())))
        #expect(loaded == ledger)
        #expect(loaded.owner(of: "L1") == "ana")
        #expect(loaded.activeOpportunity(on: "acme.com")?.lead == "L1")
        #expect(loaded.rotation(of: "inbound") == ledger.rotation(of: "inbound"))
        #expect(loaded.claimVersion(of: "pool:inbound") == 1)
        #expect(loaded.valueReceived(in: "inbound").values == ["bo": 4500.5])
        #expect(loaded.valueReceived(by: "bo", at: Self.start.addingTimeInterval(4 * 60 + 30 * 86_400)) == 2250.25)
        #expect(RoutingLedgerSnapshot.encode(loaded.snapshot) == bytes)
    }

    @Test func formatsOneAndTwoAreStillReadWithoutValueReceived() throws {
        let snapshot = try Self.ledger().snapshot
        let one = RoutingLedgerSnapshot.encode(snapshot, format: 1)
        let two = RoutingLedgerSnapshot.encode(snapshot, format: 2)
        let three = RoutingLedgerSnapshot.encode(snapshot)
        #expect(one[4] == 1 && two[4] == 2 && three[4] == 3)
        var withoutValues = snapshot
        withoutValues.values = [:]
        #expect(try RoutingLedgerSnapshot.decode(one) == withoutValues)
        #expect(try RoutingLedgerSnapshot.decode(two) == withoutValues)
        #expect(try RoutingLedgerSnapshot.decode(three) == snapshot)
        #expect(two.count < one.count, "acme.com, lead and the reps are written once in format 2")
    }

    @Test func negativePoolWeightsComeBack() throws {
        var snapshot = try Self.ledger().snapshot
        snapshot.rotations["inbound"] = .init(current: ["ana": -3, "bo": 3, "cy": Int.min, "dee": Int.max], turns: 7)
        #expect(try RoutingLedgerSnapshot.decode(RoutingLedgerSnapshot.encode(snapshot)) == snapshot)
    }

    @Test func anOlderJSONSnapshotIsRefused() throws {
        let json = Array(#"{"closedStages": ["won"], "leads": {}}"#.utf8)
        #expect(throws: EventCodecError.self) { try RoutingLedgerSnapshot.decode(json) }
    }

    @Test func everyCutOfASnapshotIsRefused() throws {
        let bytes = RoutingLedgerSnapshot.encode(try Self.ledger().snapshot)
        for length in 0..<bytes.count {
            #expect(throws: EventCodecError.self) { try RoutingLedgerSnapshot.decode(Array(bytes.prefix(length))) }
        }
        #expect(throws: EventCodecError.self) { try RoutingLedgerSnapshot.decode(bytes + [0]) }
    }

    @Test func anotherFormatVersionIsRefused() throws {
        var bytes = RoutingLedgerSnapshot.encode(try Self.ledger().snapshot)
        bytes[4] = 4
        #expect {
            try RoutingLedgerSnapshot.decode(bytes)
        } throws: { error in
            (error as? EventCodecError)?.code == .unsupportedVersion
        }
    }

    static func rules() throws -> RoutingRules {
        try JSONDecoder().decode(RoutingRules.self, from: Data(#"{"reps": [{"id": "ana"}, {"id": "bo"}]}"#.utf8))
    }
}
