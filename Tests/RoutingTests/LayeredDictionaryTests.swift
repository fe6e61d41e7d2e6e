import Foundation
import LeadModel
import Testing

@testable import Routing

struct LayeredDictionaryTests {
    @Test func aCopysChangesAreNotSeenByTheOriginalNorTheOriginalsByTheCopy() {
        var original = LayeredDictionary<String, Int>()
        original["a"] = 1
        original["b"] = 2
        var copy = original
        copy["a"] = 10
        copy["c"] = 3
        copy["b"] = nil
        original["d"] = 4
        #expect(original.entries == ["a": 1, "b": 2, "d": 4])
        #expect(copy.entries == ["a": 10, "c": 3])
        #expect(copy["b"] == nil)
        #expect(copy["d"] == nil)
        #expect(original["c"] == nil)
    }

    @Test func aCopyLeftAloneFoldsItsLayerIntoTheBaseOnItsNextChange() {
        var original = LayeredDictionary<String, Int>()
        original["a"] = 1
        original["b"] = 5
        var copy = original
        copy["a"] = 2
        copy["b"] = nil
        copy["d"] = 4
        original = LayeredDictionary()  // the copy now holds the base alone
        copy["c"] = 3
        #expect(copy.entries == ["a": 2, "c": 3, "d": 4])
        copy["a"] = 20
        #expect(copy["a"] == 20)
        var again = copy
        again["a"] = nil
        #expect(copy.entries == ["a": 20, "c": 3, "d": 4])
        #expect(again.entries == ["c": 3, "d": 4])
    }

    @Test(arguments: [0, 1, 3])
    func compactMapSeesTheLayerOverTheBase(sharedCopies: Int) {
        var dictionary = LayeredDictionary<String, Int>()
        for (key, value) in [("a", 1), ("b", 2), ("c", 3), ("d", 4)] { dictionary[key] = value }
        let copies = Array(repeating: dictionary, count: sharedCopies)
        dictionary["b"] = nil
        dictionary["c"] = 30
        dictionary["e"] = 5
        let odd = dictionary.compactMap { key, value in value.isMultiple(of: 2) ? nil : key }.sorted()
        #expect(odd == ["a", "e"])
        #expect(copies.allSatisfy { $0.entries == ["a": 1, "b": 2, "c": 3, "d": 4] })
    }

    @Test func defaultSubscriptCountsAndAppendsInACopy() {
        var claims = LayeredDictionary<String, Int>()
        claims["pool:emea", default: 0] += 1
        var copy = claims
        copy["pool:emea", default: 0] += 1
        copy["pool:apac", default: 0] += 1
        #expect(claims["pool:emea"] == 1)
        #expect(copy.entries == ["pool:emea": 2, "pool:apac": 1])
    }

    @Test func equalContentsAreEqualAndHashAlikeWhateverTheLayers() {
        var built = LayeredDictionary<String, Int>()
        built["a"] = 1
        built["b"] = 2
        var layered = LayeredDictionary<String, Int>()
        layered["a"] = 1
        let keep = layered
        layered["b"] = 2
        #expect(keep.entries == ["a": 1])
        #expect(built == layered)
        #expect(built.hashValue == layered.hashValue)
        layered["b"] = 3
        #expect(built != layered)
    }

    /// The engine plans every command on a copy of its ledger; the plan's events must not reach
    /// the engine's ledger until they are stored, and the engine's later events must not reach an
    /// earlier copy.
    @Test func aLedgerCopyKeepsItsOwnLeadsOwnersAndOpportunities() {
        var engine = RoutingLedger()
        let monday = Date(timeIntervalSince1970: 1_790_000_000)
        func assigned(_ lead: LeadID, to rep: String) -> LeadEvent {
            LeadEvent(
                leadID: lead, occurredAt: monday, actor: .system,
                payload: .assigned(Assignment(owner: .rep(rep), router: "manual")))
        }
        for index in 0..<50 { engine.apply(assigned(LeadID("L\(index)"), to: "ana")) }
        var plan = engine
        plan.apply(assigned("L1", to: "bob"))
        plan.apply(
            LeadEvent(
                leadID: "L2", occurredAt: monday, actor: .system,
                payload: .stageChanged(StageChange(from: .lead, to: .disqualified))))
        #expect(engine.openLeads(of: "ana") == 50)
        #expect(engine.owner(of: "L1") == "ana")
        #expect(plan.openLeads(of: "ana") == 48)
        #expect(plan.openLeads(of: "bob") == 1)
        #expect(plan.openLeadIDs(of: "bob") == ["L1"])
        #expect(!plan.openLeadIDs(of: "ana").contains("L2"))
        engine.apply(assigned("L3", to: "cho"))
        #expect(plan.owner(of: "L3") == "ana")
        #expect(engine.openLeadIDs(of: "ana").count == 49)
        #expect(engine != plan)
    }
}
