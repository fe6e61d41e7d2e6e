import Foundation
import LeadModel
import Testing

/// The one order among accounts of equal confidence.
struct AccountTieBreakTests {
    typealias Entry = (id: AccountID, standing: AccountStanding)

    static let old = Date(timeIntervalSince1970: 1_000)
    static let new = Date(timeIntervalSince1970: 2_000)
    static let entries: [Entry] = [
        ("b", AccountStanding(contactCount: 5, hasOpenOpportunity: false, createdAt: new)),
        ("a", AccountStanding(contactCount: 5, hasOpenOpportunity: false, createdAt: new)),
        ("c", AccountStanding(contactCount: 2, hasOpenOpportunity: true, createdAt: old)),
        ("d", AccountStanding(contactCount: 9, hasOpenOpportunity: false, createdAt: nil)),
    ]

    func order(_ tieBreak: AccountTieBreak) -> [AccountID] {
        tieBreak.sorted(Self.entries, id: \.id, standing: \.standing).map(\.id)
    }

    @Test func theStandardOrderIsMostContactsThenOpportunityThenOldest() {
        #expect(order(.standard) == ["d", "a", "b", "c"])
    }

    @Test(arguments: [
        ([AccountTieBreak.Criterion.openOpportunity], ["c", "a", "b", "d"] as [AccountID]),
        ([.oldest], ["c", "a", "b", "d"]),
        ([.oldest, .mostContacts], ["c", "a", "b", "d"]),
        ([.mostContacts, .oldest], ["d", "a", "b", "c"]),
        ([], ["a", "b", "c", "d"]),
        ([.init(rawValue: "unknown")], ["a", "b", "c", "d"]),
    ])
    func eachCriterionOrdersAndTheIdDecidesLast(_ criteria: [AccountTieBreak.Criterion], _ expected: [AccountID]) {
        #expect(order(AccountTieBreak(criteria)) == expected)
    }

    @Test func anAccountDoesNotRankBeforeItself() {
        let entry = Self.entries[0]
        #expect(!AccountTieBreak.standard.ranks(entry, before: entry))
    }

    @Test func theOrderDoesNotDependOnTheInputOrder() {
        let reversed = AccountTieBreak.standard.sorted(Self.entries.reversed(), id: \.id, standing: \.standing)
        #expect(reversed.map(\.id) == order(.standard))
    }

    @Test func criteriaCodeAsAListOfNames() throws {
        let data = try JSONEncoder().encode(AccountTieBreak.standard)
        #expect(String(decoding: data, as: UTF8.self) == #"["mostContacts","openOpportunity","oldest"]"#)
        #expect(try JSONDecoder().decode(AccountTieBreak.self, from: data) == .standard)
        #expect(AccountTieBreak.Criterion.known.map(\.description) == ["mostContacts", "openOpportunity", "oldest"])
    }
}
