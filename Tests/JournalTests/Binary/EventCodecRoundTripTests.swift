import Foundation
import Journal
import LeadModel
import Testing
import _LeadModelTestSupport

struct EventCodecRoundTripTests {
    @Test(arguments: EventFixtures.all)
    func decodesWhatItEncoded(_ fixture: EventFixture) throws {
        let bytes = Codec.encode(fixture.event)
        let decoded = try Codec.decode(bytes, position: JournalPosition(42))
        var expected = fixture.event
        expected.position = JournalPosition(42)
        #expect(decoded == expected)
    }

    @Test func fixturesCoverEveryPayloadKindWithAndWithoutOptionals() {
        #expect(Set(EventFixtures.full.map(\.event.payload.kind)).count == 30)
        #expect(Set(EventFixtures.bare.map(\.event.payload.kind)).count == 30)
    }

    @Test(arguments: EventFixtures.all)
    func encodingIsDeterministic(_ fixture: EventFixture) throws {
        let bytes = Codec.encode(fixture.event)
        #expect(Codec.encode(fixture.event) == bytes)
        #expect(Codec.encode(try Codec.decode(bytes)) == bytes)
    }

    /// A signal's idempotency key is read as the event's own string when the two are equal; the
    /// decoded event is the same whether they are equal, differ by a byte or in length, or
    /// either is missing.
    @Test(
        arguments: [
            ("evt-0123456789abcdef", "evt-0123456789abcdef"), ("evt-0123456789abcdef", "evt-0123456789abcdeg"),
            ("evt-0123456789abcdef", "evt-0123456789abcdef0"), ("evt-1", "evt-1"), (nil, "evt-1"), ("evt-1", nil),
            ("clé-ü", "clé-ü"),
        ] as [(String?, String?)])
    func decodesASignalsKeyWhetherOrNotItRepeatsTheEvents(eventKey: String?, signalKey: String?) throws {
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        let event = LeadEvent(
            position: JournalPosition(42), leadID: LeadID("L1"), occurredAt: start, actor: .integration("tracker"),
            payload: .signalRecorded(Signal(kind: .linkClicked, occurredAt: start, idempotencyKey: signalKey)),
            idempotencyKey: eventKey)
        let decoded = try Codec.decode(Codec.encode(event), position: JournalPosition(42))
        #expect(decoded == event)
        guard case .signalRecorded(let signal) = decoded.payload else {
            Issue.record("decoded \(decoded.payload.kind), not a signal")
            return
        }
        #expect(signal.idempotencyKey == signalKey)
    }

    @Test func ignoresThePositionWhenEncodingAndSetsItWhenDecoding() throws {
        var event = EventFixtures.full[1].event
        let unpositioned = Codec.encode(event)
        event.position = JournalPosition(9_999)
        #expect(Codec.encode(event) == unpositioned)
        #expect(
            try Codec.decode(unpositioned, position: JournalPosition(3)).position == JournalPosition(3))
    }

    @Test func appendsToTheBytesAlreadyInTheBuffer() throws {
        let first = Codec.encode(EventFixtures.full[0].event)
        let second = Codec.encode(EventFixtures.bare[3].event)
        var buffer: [UInt8] = [0xAA, 0xBB]
        EventCodec.encode(EventFixtures.full[0].event, into: &buffer)
        EventCodec.encode(EventFixtures.bare[3].event, into: &buffer)
        #expect(buffer == [0xAA, 0xBB] + first + second)
    }

    @Test func dictionariesEncodeTheSameWhateverTheirInsertionOrder() {
        let keys = (0..<64).map { "k\($0)" }
        var forward: [String: AttributeValue] = [:]
        for key in keys { forward[key] = .string(key) }
        var backward: [String: AttributeValue] = [:]
        backward.reserveCapacity(1_000)
        for key in keys.reversed() { backward[key] = .string(key) }
        func event(_ properties: [String: AttributeValue]) -> LeadEvent {
            LeadEvent(
                leadID: "l", occurredAt: EventFixtures.at, actor: .system,
                payload: .signalRecorded(
                    Signal(kind: "k", occurredAt: EventFixtures.at, properties: properties)))
        }
        #expect(Codec.encode(event(forward)) == Codec.encode(event(backward)))
    }

    /// Pins the record bytes of a signal, unchanged since layout version 1 apart from the version
    /// byte; if this fails, the on-disk format changed.
    @Test func writesTheSignalLayoutByteForByte() throws {
        let event = LeadEvent(
            leadID: "L1", occurredAt: Date(timeIntervalSinceReferenceDate: 1.5), actor: .person("é"),
            payload: .signalRecorded(
                Signal(
                    kind: "k", occurredAt: Date(timeIntervalSinceReferenceDate: -2),
                    properties: ["b": .bool(true), "a": .number(1)])),
            idempotencyKey: "i")
        let expected: [UInt8] =
            [5]  // layout version
            + [2, 0x4C, 0x31]  // leadID "L1"
            + [0, 0, 0, 0, 0, 0, 0xF8, 0x3F]  // occurredAt 1.5
            + [2, 2, 0xC3, 0xA9]  // actor person "é"
            + [0]  // playbookVersion absent
            + [1, 1, 0x69]  // idempotencyKey "i"
            + [0]  // no reasons
            + [2]  // payload tag signal-recorded
            + [1, 0x6B]  // kind "k"
            + [0, 0, 0, 0, 0, 0, 0, 0xC0]  // occurredAt -2.0
            + [0, 0]  // source, campaign absent
            + [2, 1, 0x61, 2, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 1, 0x62, 3, 1]  // "a": 1.0, "b": true
            + [0]  // signal idempotencyKey absent
        #expect(Codec.encode(event) == expected)

        var versionOne = expected
        versionOne[0] = 1
        let decoded = try versionOne.withUnsafeBytes { try EventCodec.decode($0, position: .start) }
        var stored = event
        stored.position = .start
        #expect(decoded == stored, "records written with layout version 1 stay readable")
    }

    /// A score card's playbook version was added in layout 2: a version-1 `scored` record (no such
    /// field) still reads, with no version.
    @Test func aVersionOneScoreCardReadsWithoutItsPlaybookVersion() throws {
        let card = ScoreCard(scorer: "rules", fit: 10, engagement: 5, grade: "C3")
        let event = LeadEvent(leadID: "L1", occurredAt: EventFixtures.at, actor: .system, payload: .scored(card))
        var bytes = Codec.encode(event)
        #expect(bytes.last == 0, "the absent playbook version ends the record")
        bytes.removeLast()
        bytes[0] = 1
        let decoded = try bytes.withUnsafeBytes { try EventCodec.decode($0, position: .start) }
        #expect(decoded.payload == .scored(card))

        var versioned = event
        versioned.payload = .scored(
            ScoreCard(scorer: "rules", fit: 10, engagement: 5, grade: "C3", playbookVersion: "2026.11.2"))
        #expect(try Codec.decode(Codec.encode(versioned)).payload == versioned.payload)
    }

    /// The example of `Documentation/RecordLayout.md`.
    @Test func writesTheDocumentedExample() {
        let event = LeadEvent(
            leadID: "L1", occurredAt: Date(timeIntervalSinceReferenceDate: 1.5), actor: .system,
            payload: .slaMet("c1"))
        let expected: [UInt8] = [
            0x05, 0x02, 0x4C, 0x31, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF8, 0x3F, 0x01, 0x00, 0x00,
            0x00,
            0x0C, 0x02, 0x63, 0x31,
        ]
        #expect(Codec.encode(event) == expected)
    }

    static let extremeNumbers: [Double] = [
        0, -0.0, 1, -1, .infinity, -.infinity, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
        .leastNonzeroMagnitude, .leastNormalMagnitude, .ulpOfOne, .pi, 1e300, -1e-300,
        .nan, -.nan, .signalingNaN, Double(nan: 0x1234, signaling: false),
    ]

    @Test(arguments: extremeNumbers)
    func keepsEveryDoubleBitForBit(_ value: Double) throws {
        let event = LeadEvent(
            leadID: "l", occurredAt: EventFixtures.at, actor: .system,
            payload: .scored(
                ScoreCard(
                    scorer: "s", fit: value, engagement: -value, total: value,
                    contributions: [.init(rule: "r", axis: .fit, points: value, evidence: "")])))
        let decoded = try Codec.decode(Codec.encode(event))
        guard case .scored(let card) = decoded.payload else {
            Issue.record("decoded \(decoded.payload.kind)")
            return
        }
        #expect(card.fit.bitPattern == value.bitPattern)
        #expect(card.engagement.bitPattern == (-value).bitPattern)
        #expect(card.total.bitPattern == value.bitPattern)
        #expect(card.contributions.first?.points.bitPattern == value.bitPattern)
    }

    @Test(arguments: extremeNumbers)
    func keepsEveryAttributeNumberBitForBit(_ value: Double) throws {
        let event = LeadEvent(
            leadID: "l", occurredAt: EventFixtures.at, actor: .system,
            payload: .fieldsChanged(FieldChanges(["n": .number(value)])))
        let decoded = try Codec.decode(Codec.encode(event))
        guard case .fieldsChanged(let changes) = decoded.payload,
            case .number(let number)?? = changes.values["n"]
        else {
            Issue.record("decoded \(decoded.payload)")
            return
        }
        #expect(number.bitPattern == value.bitPattern)
    }

    static let dates: [Date] = [
        Date(timeIntervalSinceReferenceDate: 0), Date(timeIntervalSinceReferenceDate: 0.000_001),
        Date(timeIntervalSinceReferenceDate: -0.000_000_1),
        Date(timeIntervalSince1970: 1_795_000_000.123_456_789),
        Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -86_400.5), .distantPast,
        .distantFuture,
        Date(timeIntervalSinceReferenceDate: .leastNonzeroMagnitude),
    ]

    @Test(arguments: dates)
    func keepsDatesExactlyToTheLastBit(_ date: Date) throws {
        let event = LeadEvent(
            leadID: "l", occurredAt: date, actor: .system,
            payload: .slaStarted(SLAClock(id: "c", tier: "t", owner: nil, warnAt: date, deadline: date)))
        let decoded = try Codec.decode(Codec.encode(event))
        #expect(
            decoded.occurredAt.timeIntervalSinceReferenceDate.bitPattern
                == date.timeIntervalSinceReferenceDate.bitPattern)
        #expect(decoded.payload == event.payload)
    }

    @Test(arguments: [
        "", "a", "ünïcödé", "日本語のテキスト", "emoji 👩‍👩‍👧‍👦 flags 🇩🇪", "e\u{301} vs é", "nul\u{0}inside",
        "\u{FFFD}",
    ])
    func keepsNonASCIIStringsExactly(_ text: String) throws {
        let event = LeadEvent(
            leadID: LeadID(text), occurredAt: EventFixtures.at, actor: .integration(text),
            payload: .captured(
                Lead(id: LeadID(text), email: text, attributes: [text: .list([text, text])]),
                stage: Stage(text)),
            reasons: [Reason(rule: text, detail: text)], idempotencyKey: text, playbookVersion: text)
        let decoded = try Codec.decode(Codec.encode(event))
        #expect(Array(decoded.leadID.rawValue.utf8) == Array(text.utf8))
        #expect(
            decoded
                == {
                    var copy = event
                    copy.position = JournalPosition(42)
                    return copy
                }())
    }

    @Test(arguments: [127, 128, 16_383, 16_384, 2_097_152])
    func keepsStringsWhoseLengthNeedsLongerVarints(_ length: Int) throws {
        let text = String(repeating: "x", count: length)
        let event = LeadEvent(
            leadID: LeadID(text), occurredAt: EventFixtures.at, actor: .system, payload: .slaMet("c"))
        let bytes = Codec.encode(event)
        #expect(bytes.count == length + 16 + (64 - length.leadingZeroBitCount + 6) / 7)
        #expect(try Codec.decode(bytes).leadID.rawValue == text)
    }

    @Test func keepsCollectionsLargerThanTheDecodersUpFrontReservation() throws {
        let changes = (0..<3_000).map {
            (LeadField("f\($0)"), AttributeValue?.some(.number(Double($0))))
        }
        let event = LeadEvent(
            leadID: "l", occurredAt: EventFixtures.at, actor: .system,
            payload: .fieldsChanged(FieldChanges(Dictionary(uniqueKeysWithValues: changes))),
            reasons: (0..<2_500).map { Reason(rule: "r\($0)", detail: "") })
        var expected = event
        expected.position = JournalPosition(42)
        #expect(try Codec.decode(Codec.encode(event)) == expected)
    }

    @Test func keepsFieldNamesExactlyAsStored() throws {
        var field = LeadField("x")
        field.rawValue = "attributes.attributes.x"
        let event = LeadEvent(
            leadID: "l", occurredAt: EventFixtures.at, actor: .system,
            payload: .fieldsChanged(FieldChanges([field: .string("v")])))
        let decoded = try Codec.decode(Codec.encode(event))
        guard case .fieldsChanged(let changes) = decoded.payload else {
            Issue.record("decoded \(decoded.payload.kind)")
            return
        }
        #expect(changes.values.keys.map(\.rawValue) == ["attributes.attributes.x"])
    }
}

struct OpportunityCodecTests {
    @Test(arguments: ["opportunity-opened", "opportunity-updated", "opportunity-closed"])
    func opportunityPayloadsAreRefusedInVersionOneRecords(_ kind: String) throws {
        let fixture = try #require(EventFixtures.full.first { $0.event.payload.kind == kind })
        var bytes = Codec.encode(fixture.event)
        #expect(bytes[0] == 5)
        #expect(try Codec.decode(bytes).payload == fixture.event.payload)
        bytes[0] = 1
        #expect(Codec.decodeError(bytes)?.code == .unknownTag)
    }

    @Test func aHandoffBlockIsRefusedInRecordsBeforeVersionFour() throws {
        let fixture = try #require(EventFixtures.full.first { $0.event.payload.kind == "handoff-blocked" })
        var bytes = Codec.encode(fixture.event)
        #expect(try Codec.decode(bytes).payload == fixture.event.payload)
        for version: UInt8 in [1, 2, 3] {
            bytes[0] = version
            let error = Codec.decodeError(bytes)
            #expect(error?.code == .unknownTag)
            #expect(error?.description.contains("since layout version 4") == true)
        }
    }

    @Test func opportunityPayloadsWriteTheirKindAndFieldInJSON() throws {
        let closing = LeadEvent.Payload.opportunityClosed(
            OpportunityClosing(
                id: "opp-1", outcome: .won, amount: 26_000, closedAt: Date(timeIntervalSince1970: 0), reason: "roi"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(closing), as: UTF8.self)
        #expect(json.hasPrefix(#"{"closing":{"amount":26000,"#))
        #expect(json.contains(#""kind":"opportunity-closed""#))
        #expect(json.contains(#""outcome":"won""#))
        #expect(try JSONDecoder().decode(LeadEvent.Payload.self, from: Data(json.utf8)) == closing)
    }

    @Test func anUnknownAmountIsNullInJSONAndReadsBackAsUnknown() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let opened = LeadEvent.Payload.opportunityOpened(Opportunity(id: "o", amount: nil, currency: "USD"))
        let closed = LeadEvent.Payload.opportunityClosed(
            OpportunityClosing(id: "o", outcome: .won, amount: nil, closedAt: Date(timeIntervalSince1970: 0)))
        for payload in [opened, closed] {
            let json = String(decoding: try encoder.encode(payload), as: UTF8.self)
            #expect(json.contains(#""amount":null"#))
            #expect(!json.contains("accountName") && !json.contains("product") && !json.contains("reason"))
            #expect(try JSONDecoder().decode(LeadEvent.Payload.self, from: Data(json.utf8)) == payload)
        }
        // A deal written before amounts could be unknown (no key at all) reads the same way.
        let old = #"{"kind":"opportunity-opened","opportunity":{"currency":"USD","id":"o"}}"#
        #expect(try JSONDecoder().decode(LeadEvent.Payload.self, from: Data(old.utf8)) == opened)
    }
}
