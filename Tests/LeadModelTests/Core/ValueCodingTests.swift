import Foundation
import LeadModel
import Testing

struct ValueCodingTests {
    @Test(arguments: [
        AttributeValue.string("healthcare"), .number(250), .number(-0.5), .bool(true),
        .date(Date(timeIntervalSince1970: 1_790_000_000)), .list(["a", "b"]),
    ])
    func attributeValuesRoundTripThroughJSON(value: AttributeValue) throws {
        let data = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(AttributeValue.self, from: data) == value)
    }

    @Test func badDateNamesTheExpectedFormat() {
        let data = Data(#"{"date": "last tuesday"}"#.utf8)
        #expect {
            try JSONDecoder().decode(AttributeValue.self, from: data)
        } throws: { error in
            "\(error)".contains("ISO 8601")
        }
    }

    @Test func numbersPrintWithoutNeedlessDecimals() {
        #expect(AttributeValue.number(250).text == "250")
        #expect(AttributeValue.number(2.5).text == "2.5")
        #expect(AttributeValue.string(" 42 ").number == 42)
    }

    @Test func fieldChangesApplyToStandardFieldsAndAttributes() {
        var lead = Lead(id: "L1", email: "old@acme.com", attributes: ["industry": "retail"])
        lead.apply(FieldChanges([.email: .string("new@acme.com"), "industry": nil, "employees": .number(40)]))
        #expect(lead.email == "new@acme.com")
        #expect(lead.attributes["industry"] == nil)
        #expect(lead.attributes["employees"] == .number(40))
    }

    @Test func leadEventsRoundTripThroughJSON() throws {
        let event = LeadEvent(
            leadID: "L1", occurredAt: Date(timeIntervalSince1970: 1_790_000_000), actor: .person("rep-1"),
            payload: .dispositionRecorded(Disposition(outcome: .rejected, reasonCode: "wrong-persona")),
            reasons: [Reason(rule: "reason:wrong-persona", detail: "Wrong persona")])
        let data = try JSONEncoder().encode(event)
        #expect(try JSONDecoder().decode(LeadEvent.self, from: data) == event)
    }
}

struct AttributeDateCodingTests {
    @Test func datesKeepMillisecondsInJSONAndReadPlainISO8601() throws {
        let precise = AttributeValue.date(Date(timeIntervalSince1970: 1_790_000_000.25))
        let data = try JSONEncoder().encode(precise)
        #expect(String(decoding: data, as: UTF8.self).contains(".250Z"))
        #expect(try JSONDecoder().decode(AttributeValue.self, from: data) == precise)
        let plain = try JSONDecoder().decode(AttributeValue.self, from: Data(#"{"date": "2026-09-21T14:13:20Z"}"#.utf8))
        #expect(plain == .date(Date(timeIntervalSince1970: 1_790_000_000)))
    }
}

struct OwnerAndActorCodingTests {
    @Test(arguments: [
        (Owner.rep("maria"), #"{"rep":"maria"}"#), (.queue("after-hours"), #"{"queue":"after-hours"}"#),
    ])
    func ownersAreReadableJSON(owner: Owner, json: String) throws {
        #expect(String(decoding: try JSONEncoder().encode(owner), as: UTF8.self) == json)
        #expect(try JSONDecoder().decode(Owner.self, from: Data(json.utf8)) == owner)
    }

    @Test(arguments: [
        (EventActor.system, #""system""#), (.person("maria"), #"{"person":"maria"}"#),
        (.integration("csv"), #"{"integration":"csv"}"#),
    ])
    func actorsAreReadableJSON(actor: EventActor, json: String) throws {
        #expect(String(decoding: try JSONEncoder().encode(actor), as: UTF8.self) == json)
        #expect(try JSONDecoder().decode(EventActor.self, from: Data(json.utf8)) == actor)
    }
}
