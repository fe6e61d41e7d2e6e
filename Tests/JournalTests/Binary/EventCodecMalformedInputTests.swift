import Foundation
import Journal
import LeadModel
import Testing
import _LeadModelTestSupport

struct EventCodecMalformedInputTests {
    /// A small event whose bytes the tests below corrupt at known offsets:
    /// `[1, 1, "l", <8 date bytes>, 1 (system), 0, 0, 0, 12 (sla-met), 1, "c"]`.
    static let small = LeadEvent(
        leadID: "l", occurredAt: Date(timeIntervalSinceReferenceDate: 1), actor: .system,
        payload: .slaMet("c"))

    @Test(arguments: EventFixtures.all)
    func throwsTruncatedForEveryProperPrefix(_ fixture: EventFixture) {
        let bytes = Codec.encode(fixture.event)
        for length in 0..<bytes.count {
            let prefix = Array(bytes[0..<length])
            let error = Codec.decodeError(prefix)
            #expect(error?.code == .truncated, "prefix of \(length) bytes")
            #expect((error?.offset ?? .max) <= length, "prefix of \(length) bytes")
        }
    }

    @Test func throwsOnAnEmptyBufferWithoutABaseAddress() {
        let error = #expect(throws: EventCodecError.self) {
            try EventCodec.decode(UnsafeRawBufferPointer(start: nil, count: 0), position: .start)
        }
        #expect(error?.code == .truncated)
        #expect(error?.offset == 0)
    }

    @Test(arguments: [UInt8(0), 6, 127, 255])
    func rejectsAnUnknownLayoutVersion(_ version: UInt8) {
        var bytes = Codec.encode(Self.small)
        bytes[0] = version
        let error = Codec.decodeError(bytes)
        #expect(error?.code == .unsupportedVersion)
        #expect(error?.offset == 0)
        #expect(error?.description.contains("layout version \(version)") == true)
    }

    @Test(arguments: [UInt8(0), 23, 35, 99, 200])
    func rejectsAnUnknownPayloadTag(_ tag: UInt8) {
        var bytes = Codec.encode(Self.small)
        let tagOffset = bytes.count - 3
        #expect(bytes[tagOffset] == 12)
        bytes[tagOffset] = tag
        let error = Codec.decodeError(bytes)
        #expect(error?.code == .unknownTag)
        #expect(error?.offset == tagOffset)
        #expect(error?.message == "payload has unknown tag \(tag)")
    }

    @Test(arguments: [UInt8(0), 4, 99])
    func rejectsAnUnknownActorTag(_ tag: UInt8) {
        var bytes = Codec.encode(Self.small)
        bytes[11] = tag
        #expect(Codec.decodeError(bytes)?.code == .unknownTag)
    }

    @Test(arguments: [UInt8(2), 0x80, 255])
    func rejectsAnOptionalMarkerOtherThanZeroOrOne(_ marker: UInt8) {
        var bytes = Codec.encode(Self.small)
        bytes[12] = marker
        let error = Codec.decodeError(bytes)
        #expect(error?.code == .malformed)
        #expect(error?.offset == 12)
    }

    @Test func rejectsABooleanByteOtherThanZeroOrOne() {
        let event = LeadEvent(
            leadID: "l", occurredAt: EventFixtures.at, actor: .system,
            payload: .touched(Touch(channel: "c", by: "b", connected: true)))
        var bytes = Codec.encode(event)
        // The touch ends: connected (1), no note, no objections, no buyer line.
        #expect(Array(bytes.suffix(4)) == [1, 0, 0, 0])
        bytes[bytes.count - 4] = 2
        #expect(Codec.decodeError(bytes)?.code == .malformed)
    }

    @Test(arguments: [
        [UInt8(0xFF)], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
        [0x61, 0xE2, 0x82],
    ])
    func rejectsInvalidUTF8(_ invalid: [UInt8]) {
        let bytes: [UInt8] =
            [1, UInt8(invalid.count)] + invalid + Array(Codec.encode(Self.small)[3...])
        let error = Codec.decodeError(bytes)
        #expect(error?.code == .invalidUTF8)
        #expect(error?.offset == 1)
        #expect(error?.message == "leadID is not valid UTF-8")
    }

    @Test func rejectsBytesAfterTheEvent() {
        let bytes = Codec.encode(Self.small) + [0]
        let error = Codec.decodeError(bytes)
        #expect(error?.code == .malformed)
        #expect(error?.offset == bytes.count - 1)
    }

    @Test func rejectsALengthLongerThanTheRecord() {
        var bytes = Codec.encode(Self.small)
        bytes[1] = 100
        let error = Codec.decodeError(bytes)
        #expect(error?.code == .truncated)
        #expect(error?.offset == 1)
    }

    @Test func rejectsAnImpossibleCountWithoutAllocatingForIt() {
        // reasons count = 2^63, far more than the bytes that follow.
        var bytes = Array(Codec.encode(Self.small)[0..<14])
        bytes += [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]
        bytes += [12, 1, 0x63]
        let error = Codec.decodeError(bytes)
        #expect(error?.code == .truncated)
        #expect(error?.offset == 14)
    }

    @Test(arguments: [
        [UInt8](repeating: 0x80, count: 10) + [0x01],  // eleven bytes
        [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02],  // 2^64 and more
        [0x81, 0x00],  // not minimal: 1 written in two bytes
    ])
    func rejectsOverlongOrOverflowingVarints(_ varint: [UInt8]) {
        let bytes = Array(Codec.encode(Self.small)[0..<14]) + varint + [12, 1, 0x63]
        let error = Codec.decodeError(bytes)
        #expect(error?.code == .malformed)
        #expect(error?.offset == 14)
    }

    @Test func rejectsARepeatedDictionaryKey() {
        let event = LeadEvent(
            leadID: "l", occurredAt: EventFixtures.at, actor: .system,
            payload: .signalRecorded(
                Signal(
                    kind: "k", occurredAt: EventFixtures.at,
                    properties: ["a": .bool(true), "b": .bool(false)])))
        var bytes = Codec.encode(event)
        // Entries are "a" then "b"; rename "b" to "a".
        let keyOffset = bytes.count - 4
        #expect(bytes[keyOffset] == 0x62)
        bytes[keyOffset] = 0x61
        let error = Codec.decodeError(bytes)
        #expect(error?.code == .malformed)
        #expect(error?.offset == keyOffset - 1)
    }

    @Test func rejectsARepeatedChangedField() {
        let event = LeadEvent(
            leadID: "l", occurredAt: EventFixtures.at, actor: .system,
            payload: .fieldsChanged(FieldChanges(["a": nil, "b": nil])))
        var bytes = Codec.encode(event)
        bytes[bytes.count - 2] = 0x61
        #expect(Codec.decodeError(bytes)?.code == .malformed)
    }

    @Test(arguments: [UInt8(0), 4])
    func rejectsAnUnknownDispositionOutcome(_ tag: UInt8) {
        let event = LeadEvent(
            leadID: "l", occurredAt: EventFixtures.at, actor: .system,
            payload: .dispositionRecorded(Disposition(outcome: .accepted)))
        var bytes = Codec.encode(event)
        // The outcome tag, no reason code or note, 7 absent or empty layout-2 fields.
        #expect(Array(bytes.suffix(10)) == [1] + Array(repeating: 0, count: 9))
        bytes[bytes.count - 10] = tag
        #expect(Codec.decodeError(bytes)?.code == .unknownTag)
    }

    @Test(arguments: EventFixtures.full)
    func neverCrashesOnCorruptedBytes(_ fixture: EventFixture) {
        let original = Codec.encode(fixture.event)
        var generator = SeededGenerator(seed: UInt64(original.count))
        for _ in 0..<300 {
            var bytes = original
            for _ in 0...Int.random(in: 0..<3, using: &generator) {
                let index = Int.random(in: bytes.indices, using: &generator)
                bytes[index] = UInt8.random(in: 0...255, using: &generator)
            }
            // Either outcome is fine; reading out of bounds or trapping is not.
            _ = try? Codec.decode(bytes)
        }
    }

    @Test func errorDescriptionNamesTheFieldAndOffsetButNotTheContent() {
        let event = LeadEvent(
            leadID: "ana@acme.com", occurredAt: EventFixtures.at, actor: .system, payload: .slaMet("c"))
        let bytes = Array(Codec.encode(event).dropLast())
        let error = Codec.decodeError(bytes)
        #expect(error?.description.contains("slaMet") == true)
        #expect(error?.description.contains("payload byte") == true)
        #expect(error?.description.contains("ana@acme.com") == false)
    }
}
