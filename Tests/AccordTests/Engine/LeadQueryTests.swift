import Accord
import Foundation
import LeadModel
import Testing

struct LeadQueryTests {
    static func state(owner: Owner?) throws -> LeadState {
        var events = [
            LeadEvent(
                leadID: "L1", occurredAt: Date(timeIntervalSince1970: 0), actor: .system,
                payload: .captured(Lead(id: "L1", email: "a@acme.com"), stage: .sql))
        ]
        if let owner {
            events.append(
                LeadEvent(
                    leadID: "L1", occurredAt: Date(timeIntervalSince1970: 1), actor: .system,
                    payload: .assigned(Assignment(owner: owner, router: "manual"))))
        }
        return try #require(LeadState.fold(events))
    }

    @Test(arguments: [
        ("sofia", true), ("rep:sofia", true), ("queue:sofia", false), ("lukas", false), ("Sofia", false),
    ])
    func aRepIsFoundByIdOrByDescription(query: String, matches: Bool) throws {
        #expect(LeadQuery(owner: query).matches(try Self.state(owner: .rep("sofia"))) == matches)
    }

    @Test(arguments: [("queue:after-hours", true), ("after-hours", false), ("rep:after-hours", false)])
    func aQueueIsFoundByItsDescription(query: String, matches: Bool) throws {
        #expect(LeadQuery(owner: query).matches(try Self.state(owner: .queue("after-hours"))) == matches)
    }

    @Test func anUnownedLeadMatchesNoOwner() throws {
        #expect(!LeadQuery(owner: "sofia").matches(try Self.state(owner: nil)))
        #expect(LeadQuery().matches(try Self.state(owner: nil)))
    }
}
