import Foundation
import LeadModel
import Testing
import _LeadModelTestSupport

/// The JSON form of events (`--json` output, exports): `{"kind": …, "<field>": …}`, stable under
/// a round trip.
struct PayloadJSONTests {
    @Test(arguments: EventFixtures.full + EventFixtures.bare)
    func everyPayloadRoundTripsThroughJSON(_ fixture: EventFixture) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let first = try encoder.encode(fixture.event)
        let decoded = try JSONDecoder().decode(LeadEvent.self, from: first)
        #expect(decoded.payload.kind == fixture.event.payload.kind)
        #expect(try encoder.encode(decoded) == first)
        let object = try JSONSerialization.jsonObject(with: first) as? [String: Any]
        let payload = object?["payload"] as? [String: Any]
        #expect(payload?["kind"] as? String == fixture.event.payload.kind)
        #expect(!String(decoding: first, as: UTF8.self).contains("\"_0\""))
    }

    @Test func anUnknownKindNamesItself() {
        let json = #"{"kind": "teleported", "lead": {}}"#
        #expect {
            try JSONDecoder().decode(LeadEvent.Payload.self, from: Data(json.utf8))
        } throws: { error in
            "\(error)".contains("teleported")
        }
    }
}
