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
        let loaded = try #require(
            try RoutingLedger(snapshotBytes: saved.snapshotBytes(), template: RoutingLedger(rules: rules)))
        #expect(loaded == saved)
        #expect(loaded.openLeads(of: "ana") == 2)
        #expect(loaded.openLeads(of: "zed") == 1)
        #expect(loaded.rotation(of: "inbound").turns == 3)
    }

    @Test(arguments: [["bo", "ana"], ["ana"], ["ana", "bo", "cy"]])
    func otherRepsAreRefused(reps: [String]) throws {
        let bytes = try Self.ledger(Self.rules(["ana", "bo"])).snapshotBytes()
        #expect(try RoutingLedger(snapshotBytes: bytes, template: RoutingLedger(rules: Self.rules(reps))) == nil)
    }

    @Test func aRepListedTwiceIsRefused() throws {
        let rules = try Self.rules(["ana", "bo"])
        var json = try #require(
            try JSONSerialization.jsonObject(with: Data(Self.ledger(rules).snapshotBytes())) as? [String: Any])
        json["reps"] = ["ana", "bo", "ana"]
        let bytes = Array(try JSONSerialization.data(withJSONObject: json))
        #expect(try RoutingLedger(snapshotBytes: bytes, template: RoutingLedger(rules: rules)) == nil)
    }
}
