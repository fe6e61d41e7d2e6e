import Foundation
import Journal
import LeadModel
import Testing
import _LeadModelTestSupport

/// The `account-match-decided` payload added in layout version 5.
struct AccountMatchLayoutTests {
    static func event(_ decision: AccountMatchDecision) -> LeadEvent {
        LeadEvent(
            leadID: "l", occurredAt: Date(timeIntervalSinceReferenceDate: 1.5), actor: .system,
            payload: .accountMatchDecided(decision))
    }

    /// Where the payload tag of an ``event(_:)`` record is: after the version byte, the lead id
    /// "l" (2), the date (8), the actor (1), two absent optionals and an empty reason list.
    static let payloadTagOffset = 15

    /// A rejection with one candidate, every optional of the candidate set.
    static let rejection = AccountMatchDecision(
        verdict: .rejected, account: "a.io", assigned: nil,
        candidates: [
            AccountCandidate(
                account: "a.io", name: "Å", parent: "p", confidence: 0.5,
                evidence: [MatchEvidence(kind: .name, weight: -1.5, detail: "≠")],
                standing: AccountStanding(
                    contactCount: 200, hasOpenOpportunity: true,
                    createdAt: Date(timeIntervalSinceReferenceDate: 1.5)))
        ],
        summary: "no")

    /// ``rejection``'s record, byte for byte.
    static let rejectionBytes: [UInt8] =
        [5]  // layout version
        + [1, 0x6C]  // leadID "l"
        + [0, 0, 0, 0, 0, 0, 0xF8, 0x3F]  // occurredAt 1.5
        + [1, 0, 0, 0]  // actor system; playbookVersion, idempotencyKey absent; no reasons
        + [34]  // payload tag account-match-decided
        + [4]  // verdict rejected
        + [1, 4, 0x61, 0x2E, 0x69, 0x6F]  // account "a.io"
        + [0]  // assigned absent
        + [1]  // one candidate:
        + [4, 0x61, 0x2E, 0x69, 0x6F]  //   account "a.io"
        + [1, 2, 0xC3, 0x85]  //   name "Å"
        + [1, 1, 0x70]  //   parent "p"
        + [0, 0, 0, 0, 0, 0, 0xE0, 0x3F]  //   confidence 0.5
        + [1, 4, 0x6E, 0x61, 0x6D, 0x65]  //   one piece of evidence: kind "name",
        + [0, 0, 0, 0, 0, 0, 0xF8, 0xBF]  //     weight -1.5,
        + [3, 0xE2, 0x89, 0xA0]  //     detail "≠"
        + [0xC8, 0x01]  //   contactCount 200
        + [1]  //   hasOpenOpportunity
        + [1, 0, 0, 0, 0, 0, 0, 0xF8, 0x3F]  //   createdAt 1.5
        + [2, 0x6E, 0x6F]  // summary "no"

    /// Pins the record bytes of the payload; if this fails, the on-disk format changed.
    @Test func writesTheAccountMatchLayoutByteForByte() throws {
        #expect(Codec.encode(Self.event(Self.rejection)) == Self.rejectionBytes)
        #expect(try Codec.decode(Self.rejectionBytes).payload == .accountMatchDecided(Self.rejection))
    }

    @Test(arguments: zip(AccountMatchDecision.Verdict.allCases, [UInt8(1), 2, 3, 4]))
    func writesEachVerdictAsItsTag(_ verdict: AccountMatchDecision.Verdict, tag: UInt8) throws {
        var decision = EventFixtures.fullAccountDecision
        decision.verdict = verdict
        let bytes = Codec.encode(Self.event(decision))
        #expect(bytes[Self.payloadTagOffset] == 34)
        #expect(bytes[Self.payloadTagOffset + 1] == tag)
        #expect(try Codec.decode(bytes).payload == .accountMatchDecided(decision))
    }

    @Test(arguments: [UInt8(0), 5, 255])
    func rejectsAnUnknownVerdictTagNamingTheField(_ tag: UInt8) {
        var bytes = Self.rejectionBytes
        bytes[Self.payloadTagOffset + 1] = tag
        let error = Codec.decodeError(bytes)
        #expect(error?.code == .unknownTag)
        #expect(error?.offset == Self.payloadTagOffset + 1)
        #expect(error?.message == "accountMatchDecided.verdict has unknown tag \(tag)")
    }

    @Test(arguments: [UInt8(1), 2, 3, 4])
    func isAnUnknownTagInRecordsBeforeVersionFive(_ version: UInt8) {
        var bytes = Codec.encode(Self.event(EventFixtures.fullAccountDecision))
        bytes[0] = version
        let error = Codec.decodeError(bytes)
        #expect(error?.code == .unknownTag)
        #expect(error?.offset == Self.payloadTagOffset)
        #expect(error?.message == "payload tag 34 exists since layout version 5, not in a version-\(version) record")
    }

    @Test func rejectsAContactCountLargerThanAnInt() {
        let countOffset = Self.rejectionBytes.count - 3 - 9 - 1 - 2
        #expect(Array(Self.rejectionBytes[countOffset..<(countOffset + 2)]) == [0xC8, 0x01])
        // 2^63: a valid varint, one more than Int.max.
        let bytes =
            Array(Self.rejectionBytes[..<countOffset]) + Array(repeating: 0x80, count: 9) + [0x01]
            + Array(Self.rejectionBytes[(countOffset + 2)...])
        let error = Codec.decodeError(bytes)
        #expect(error?.code == .malformed)
        #expect(error?.offset == countOffset)
        #expect(error?.message == "accountMatchDecided.candidates.standing.contactCount is too large")
    }

    @Test func rejectsACreationDateMarkerOtherThanZeroOrOne() {
        var bytes = Self.rejectionBytes
        let markerOffset = bytes.count - 3 - 9
        #expect(bytes[markerOffset] == 1)
        bytes[markerOffset] = 2
        let error = Codec.decodeError(bytes)
        #expect(error?.code == .malformed)
        #expect(error?.offset == markerOffset)
        #expect(error?.message.contains("accountMatchDecided.candidates.standing.createdAt") == true)
    }

    @Test func erasureKeepsTheDecision() {
        // The evidence names companies, domains and countries, never the person.
        let event = Self.event(EventFixtures.fullAccountDecision)
        #expect(event.redactingPersonalData().payload == event.payload)
    }

    @Test func theDecisionIsReadableJSON() throws {
        let payload = LeadEvent.Payload.accountMatchDecided(Self.rejection)
        let data = try JSONEncoder().encode(payload)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains(#""kind":"account-match-decided""#))
        #expect(json.contains(#""verdict":"rejected""#))
        #expect(try JSONDecoder().decode(LeadEvent.Payload.self, from: data) == payload)
    }
}
