import Foundation
import LeadModel
import Testing

@testable import Routing

/// A ledger saved and loaded again is the same ledger; one saved under other reps, or listing a
/// rep twice, is refused.
struct RoutingLedgerSnapshotTests {
    static let monday = Date(timeIntervalSince1970: 1_790_000_000)

    static func ledger(_ rules: RoutingRules) -> RoutingLedger {
        var ledger = RoutingLedger(rules: rules)
        for (index, rep) in ["ana", "bo", "ana", "zed"].enumerated() {
            ledger.apply(
                LeadEvent(
                    leadID: LeadID("L\(index)"), occurredAt: monday, actor: .system,
                    payload: .assigned(Assignment(owner: .rep(rep), router: "rules")),
                    reasons: [Reason(rule: "pool-turn:inbound", detail: "ana=1,bo=1")]))
        }
        return ledger
    }

    static func rules(_ reps: [String]) throws -> RoutingRules {
        let json = #"{"reps": [\#(reps.map { #"{"id": "\#($0)"}"# }.joined(separator: ","))]}"#
        return try JSONDecoder().decode(RoutingRules.self, from: Data(json.utf8))
    }

    @Test func aLoadedLedgerIsTheSavedOne() throws {
        let rules = try Self.rules(["ana", "bo"])
        let saved = Self.ledger(rules)
        let loaded = try #require(RoutingLedger(snapshot: saved.snapshot, template: RoutingLedger(rules: rules)))
        #expect(loaded == saved)
        #expect(loaded.openLeads(of: "ana") == 2)
        #expect(loaded.openLeads(of: "zed") == 1)
        #expect(loaded.rotation(of: "inbound").turns == 3)
    }

    @Test(arguments: [["bo", "ana"], ["ana"], ["ana", "bo", "cy"]])
    func otherRepsAreRefused(reps: [String]) throws {
        let snapshot = try Self.ledger(Self.rules(["ana", "bo"])).snapshot
        #expect(RoutingLedger(snapshot: snapshot, template: RoutingLedger(rules: try Self.rules(reps))) == nil)
    }

    @Test func aRepListedTwiceIsRefused() throws {
        let rules = try Self.rules(["ana", "bo"])
        var snapshot = Self.ledger(rules).snapshot
        snapshot.reps = ["ana", "bo", "ana"]
        snapshot.loads.append(snapshot.loads[0])
        #expect(RoutingLedger(snapshot: snapshot, template: RoutingLedger(rules: rules)) == nil)
    }

    @Test func aLeadListedTwiceIsRefused() throws {
        let rules = try Self.rules(["ana", "bo"])
        var snapshot = Self.ledger(rules).snapshot
        snapshot.leads.append(snapshot.leads[0])
        #expect(RoutingLedger(snapshot: snapshot, template: RoutingLedger(rules: rules)) == nil)
    }

    @Test func equalLedgersGiveEqualSnapshotsWhateverTheFoldOrder() throws {
        let rules = try Self.rules(["ana", "bo"])
        var forward = RoutingLedger(rules: rules)
        var backward = RoutingLedger(rules: rules)
        let captures = (0..<20).map { index in
            LeadEvent(
                leadID: LeadID("L\(index)"), occurredAt: Self.monday, actor: .system,
                payload: .captured(Lead(id: LeadID("L\(index)"), email: "p\(index)@x.com"), stage: .lead))
        }
        forward.apply(contentsOf: captures)
        backward.apply(contentsOf: captures.reversed())
        #expect(forward.snapshot == backward.snapshot)
        #expect(forward.snapshot.leads.map(\.lead) == (0..<20).map { LeadID("L\($0)") }.sorted())
    }
}
