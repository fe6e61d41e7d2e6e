import Foundation
import LeadModel
import Testing
import _LeadModelTestSupport

@testable import Journal

struct LeadStateSnapshotMalformedInputTests {
    static let header: [UInt8] = [0x41, 0x43, 0x4C, 0x53, 4]

    /// The error decoding `bytes` throws; fails the test when decoding succeeds.
    static func decodeError(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation)
        -> EventCodecError?
    {
        #expect(throws: EventCodecError.self, sourceLocation: sourceLocation) {
            try LeadStateSnapshot.decode(bytes)
        }
    }

    /// The bytes of one state, without the snapshot header and count.
    static func body(_ state: LeadState) -> [UInt8] {
        var writer = BinaryWriter()
        writer.writeLeadState(state)
        return writer.bytes
    }

    @Test func throwsTruncatedForEveryProperPrefix() {
        let bytes = LeadStateSnapshot.encode(LeadStateFixtures.all.map(\.state))
        for length in 0..<bytes.count {
            let error = Self.decodeError(Array(bytes[0..<length]))
            #expect(error?.code == .truncated, "prefix of \(length) bytes")
            #expect((error?.offset ?? .max) <= length, "prefix of \(length) bytes")
        }
    }

    @Test(arguments: [UInt8(0), 6, 127, 255])
    func rejectsAnUnknownFormatVersion(_ version: UInt8) {
        var bytes = LeadStateSnapshot.encode([LeadStateFixtures.everyField])
        bytes[4] = version
        let error = Self.decodeError(bytes)
        #expect(error?.code == .unsupportedVersion)
        #expect(error?.offset == 4)
        #expect(error?.description.contains("format version \(version)") == true)
    }

    @Test func rejectsANewerVersionWhateverFollows() {
        // A newer format may change everything after the version byte, even drop the count.
        #expect(Self.decodeError([0x41, 0x43, 0x4C, 0x53, 6])?.code == .unsupportedVersion)
        #expect(Self.decodeError([0x41, 0x43, 0x4C, 0x53, 6, 0xFF, 0xFF])?.code == .unsupportedVersion)
    }

    @Test func rejectsWrongMagicBytes() {
        for index in 0..<4 {
            var bytes = LeadStateSnapshot.encode([LeadStateFixtures.noField])
            bytes[index] ^= 0x20
            let error = Self.decodeError(bytes)
            #expect(error?.code == .malformed)
            #expect(error?.offset == index)
        }
        // An event record is not a snapshot.
        var event: [UInt8] = []
        EventCodec.encode(
            LeadEvent(leadID: "L", occurredAt: LeadStateFixtures.t0, actor: .system, payload: .slaMet("c")),
            into: &event)
        #expect(Self.decodeError(event)?.code == .malformed)
    }

    @Test func rejectsBytesAfterTheLastState() {
        let bytes = LeadStateSnapshot.encode([LeadStateFixtures.everyField])
        let error = Self.decodeError(bytes + [0])
        #expect(error?.code == .malformed)
        #expect(error?.offset == bytes.count)
    }

    @Test func rejectsACountTheBytesCannotHold() {
        // A corrupted count must fail before anything is allocated for it.
        for count in [UInt8(2), 0x7F] {
            let error = Self.decodeError(Self.header + [count] + Self.body(LeadStateFixtures.noField))
            #expect(error?.code == .truncated)
            #expect(error?.offset == Self.header.count)
        }
        let huge: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]
        #expect(Self.decodeError(Self.header + huge + [UInt8](repeating: 0, count: 100))?.code == .truncated)
    }

    @Test func rejectsARepeatedLeadID() {
        let state = LeadStateFixtures.realistic(1)
        let bytes = LeadStateSnapshot.encode([state, state])
        let error = Self.decodeError(bytes)
        #expect(error?.code == .malformed)
        // The second state starts where a snapshot of the first alone ends.
        #expect(error?.offset == LeadStateSnapshot.encode([state]).count)
    }

    @Test func rejectsLeadIDsThatAreEqualAsStringsButNotAsBytes() {
        // "é" precomposed and decomposed: different bytes, one key of a [LeadID: LeadState].
        let composed = LeadStateFixtures.fold("\u{E9}", [.captured(Lead(id: "\u{E9}"), stage: .lead)])
        let decomposed = LeadStateFixtures.fold("e\u{301}", [.captured(Lead(id: "e\u{301}"), stage: .lead)])
        #expect(composed.id == decomposed.id)
        #expect(Self.decodeError(LeadStateSnapshot.encode([composed, decomposed]))?.code == .malformed)
    }

    @Test func rejectsASharedStringNumberNotYetWritten() throws {
        let state = LeadStateFixtures.fold("L", [.captured(Lead(id: "L"), stage: .lead)])
        var bytes = LeadStateSnapshot.encode([state])
        // The stage is the first shared string, written in full: [8, "lead"]; the history names it
        // as #0 ([1]). Naming #3 instead refers to a string that never came.
        let stageAt = try #require(bytes.indices.first { bytes[$0...].starts(with: [8] + Array("lead".utf8)) })
        #expect(bytes[stageAt + 6] == 1)
        bytes[stageAt + 6] = 3 << 1 | 1
        let error = Self.decodeError(bytes)
        #expect(error?.code == .malformed)
        #expect(error?.description.contains("refers to shared string #3, but only 1 came before") == true)
        #expect(error?.offset == stageAt + 6)
    }

    @Test func rejectsStatesOutOfOrder() throws {
        let first = Self.body(LeadStateFixtures.realistic(1))
        let second = Self.body(LeadStateFixtures.realistic(2))
        #expect(try LeadStateSnapshot.decode(Self.header + [2] + first + second).count == 2)
        let error = Self.decodeError(Self.header + [2] + second + first)
        #expect(error?.code == .malformed)
        #expect(error?.offset == Self.header.count + 1 + second.count)
    }

    @Test func rejectsARepeatedBreachedClock() throws {
        let state = LeadStateFixtures.fold(
            "L",
            [
                .captured(Lead(id: "L"), stage: .lead),
                .slaBreached("a"), .slaBreached("b"),
            ])
        var bytes = LeadStateSnapshot.encode([state])
        // The state ends: breached ["a", "b"], no disposition, not erased, an empty feedback status,
        // no opportunity, no handoff block.
        let tail: [UInt8] = [2, 1, 0x61, 1, 0x62, 0, 0, 0, 0, 0, 0, 0]
        #expect(Array(bytes.suffix(tail.count)) == tail)
        bytes[bytes.count - 8] = 0x61
        let error = Self.decodeError(bytes)
        #expect(error?.code == .malformed)
        #expect(error?.offset == bytes.count - 9)
    }

    @Test func rejectsAnUnknownOutcomeTag() {
        let state = LeadStateFixtures.fold(
            "L",
            [.captured(Lead(id: "L"), stage: .lead), .dispositionRecorded(Disposition(outcome: .accepted))])
        var bytes = LeadStateSnapshot.encode([state])
        // The state ends: present disposition, accepted (1), no reason code or note, 7 absent or
        // empty layout-2 fields, not erased, an empty feedback status (3 bytes), no opportunity,
        // no handoff block.
        #expect(Array(bytes.suffix(17)) == [1, 1] + Array(repeating: 0, count: 15))
        bytes[bytes.count - 16] = 9
        #expect(Self.decodeError(bytes)?.code == .unknownTag)
    }

    @Test func rejectsAnErasedFlagOtherThanZeroOrOne() {
        var bytes = LeadStateSnapshot.encode([LeadStateFixtures.noField])
        // The state ends: the erased flag, then the absent opportunity.
        bytes[bytes.count - 2] = 2
        #expect(Self.decodeError(bytes)?.code == .malformed)
    }

    @Test func survivesRandomCorruption() {
        let valid = LeadStateSnapshot.encode(LeadStateFixtures.all.map(\.state))
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<2_000 {
            var bytes = valid
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 5..<bytes.count, using: &generator)
                bytes[index] = UInt8.random(in: 0...255, using: &generator)
            }
            if let states = try? LeadStateSnapshot.decode(bytes) {
                // A flip the layout cannot detect (inside a string or a double) still decodes to
                // states that encode again.
                _ = LeadStateSnapshot.encode(states)
            }
        }
    }

    @Test func survivesGarbageAfterAValidHeader() {
        var generator = SeededGenerator(seed: 9)
        for length in 0..<1_000 {
            let garbage = (0..<length % 200).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = try? LeadStateSnapshot.decode(Self.header + garbage)
            _ = try? LeadStateSnapshot.decode(garbage)
        }
    }
}
