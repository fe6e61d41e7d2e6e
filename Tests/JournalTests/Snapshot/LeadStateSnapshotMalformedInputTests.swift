import Foundation
import LeadModel
import Testing
import _LeadModelTestSupport

@testable import Journal

struct LeadStateSnapshotMalformedInputTests {
    static let header: [UInt8] = [0x41, 0x43, 0x4C, 0x53, 6]

    /// The error decoding `bytes` throws; fails the test when decoding succeeds.
    static func decodeError(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation)
        -> EventCodecError?
    {
        #expect(throws: EventCodecError.self, sourceLocation: sourceLocation) {
            try LeadStateSnapshot.decode(bytes)
        }
    }

    /// A format-6 snapshot of `states` in the order given (``LeadStateSnapshot/encode(_:)``
    /// sorts them) that says it holds `count` states, and the offset where each state starts.
    static func snapshot(_ states: [LeadState], count: Int? = nil) -> (bytes: [UInt8], starts: [Int]) {
        var writer = BinaryWriter(bytes: header)
        writer.shareStrings()
        writer.writeCount(count ?? states.count)
        var starts: [Int] = []
        for state in states {
            starts.append(writer.bytes.count)
            writer.writeLeadState(state)
        }
        return (writer.bytes, starts)
    }

    @Test func throwsTruncatedForEveryProperPrefix() {
        let bytes = LeadStateSnapshot.encode(LeadStateFixtures.all.map(\.state))
        for length in 0..<bytes.count {
            let error = Self.decodeError(Array(bytes[0..<length]))
            #expect(error?.code == .truncated, "prefix of \(length) bytes")
            #expect((error?.offset ?? .max) <= length, "prefix of \(length) bytes")
        }
    }

    @Test(arguments: [UInt8(0), 7, 127, 255])
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
        #expect(Self.decodeError([0x41, 0x43, 0x4C, 0x53, 7])?.code == .unsupportedVersion)
        #expect(Self.decodeError([0x41, 0x43, 0x4C, 0x53, 7, 0xFF, 0xFF])?.code == .unsupportedVersion)
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
            let error = Self.decodeError(Self.snapshot([LeadStateFixtures.noField], count: Int(count)).bytes)
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
        let first = LeadStateFixtures.realistic(1)
        let second = LeadStateFixtures.realistic(2)
        #expect(try LeadStateSnapshot.decode(Self.snapshot([first, second]).bytes) == [first, second])
        let unsorted = Self.snapshot([second, first])
        let error = Self.decodeError(unsorted.bytes)
        #expect(error?.code == .malformed)
        #expect(error?.offset == unsorted.starts[1])
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
        // no opportunity, no handoff block, no account review, no account match, no verdicts.
        let tail: [UInt8] = [2, 1, 0x61, 1, 0x62, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        #expect(Array(bytes.suffix(tail.count)) == tail)
        bytes[bytes.count - 11] = 0x61
        let error = Self.decodeError(bytes)
        #expect(error?.code == .malformed)
        #expect(error?.offset == bytes.count - 12)
    }

    @Test func rejectsAnUnknownOutcomeTag() {
        let state = LeadStateFixtures.fold(
            "L",
            [.captured(Lead(id: "L"), stage: .lead), .dispositionRecorded(Disposition(outcome: .accepted))])
        var bytes = LeadStateSnapshot.encode([state])
        // The state ends: present disposition, accepted (1), no reason code or note, 7 absent or
        // empty layout-2 fields, not erased, an empty feedback status (3 bytes), no opportunity,
        // no handoff block, no account review, no account match, no verdicts.
        #expect(Array(bytes.suffix(20)) == [1, 1] + Array(repeating: 0, count: 18))
        bytes[bytes.count - 19] = 9
        #expect(Self.decodeError(bytes)?.code == .unknownTag)
    }

    @Test func rejectsAnErasedFlagOtherThanZeroOrOne() {
        var bytes = LeadStateSnapshot.encode([LeadStateFixtures.noField])
        // The state ends: the erased flag, an empty feedback status (3 bytes), no opportunity, no
        // handoff block, no account review, no account match, no verdicts.
        #expect(Array(bytes.suffix(9)) == Array(repeating: 0, count: 9))
        bytes[bytes.count - 9] = 2
        let error = Self.decodeError(bytes)
        #expect(error?.code == .malformed)
        #expect(error?.offset == bytes.count - 9)
        #expect(error?.message == "state.isErased has boolean byte 2, expected 0 or 1")
    }

    /// A state whose review lists one candidate without evidence, and no verdicts: it ends with
    /// `tail`, the review's verdict tag at `tail[1]`.
    static let reviewed = LeadStateFixtures.fold(
        "L",
        [
            .captured(Lead(id: "L"), stage: .lead),
            .accountMatchDecided(
                AccountMatchDecision(
                    verdict: .review, account: nil, assigned: nil,
                    candidates: [AccountCandidate(account: "a", confidence: 1, evidence: [])], summary: "s")),
        ])
    static let reviewedTail: [UInt8] =
        [1, 2]  // a review: present, verdict review (2)
        + [0, 0]  // no account, none assigned
        + [1, 1, 0x61, 0, 0]  // one candidate: "a", no name, no parent
        + [0, 0, 0, 0, 0, 0, 0xF0, 0x3F]  // confidence 1.0
        + [0, 0, 0, 0]  // no evidence, no contacts, no open deal, no creation date
        + [1, 0x73]  // summary "s"
        + [0]  // no account match
        + [0]  // no verdicts

    @Test(arguments: [UInt8(0), 5, 255])
    func rejectsAnUnknownReviewVerdictTagNamingTheField(_ tag: UInt8) throws {
        var bytes = LeadStateSnapshot.encode([Self.reviewed])
        #expect(Array(bytes.suffix(Self.reviewedTail.count)) == Self.reviewedTail)
        #expect(try LeadStateSnapshot.decode(bytes) == [Self.reviewed])
        let tagOffset = bytes.count - Self.reviewedTail.count + 1
        bytes[tagOffset] = tag
        let error = Self.decodeError(bytes)
        #expect(error?.code == .unknownTag)
        #expect(error?.offset == tagOffset)
        #expect(error?.message == "state.accountReview.verdict has unknown tag \(tag)")
    }

    /// A state with a reviewer's verdict on account "a" and on account "b", and no review.
    static let judged = LeadStateFixtures.fold(
        "L",
        [
            .captured(Lead(id: "L"), stage: .lead),
            .accountMatchDecided(LeadStateFixtures.reviewerDecision(.accepted, "a")),
            .accountMatchDecided(LeadStateFixtures.reviewerDecision(.rejected, "b")),
        ])
    /// How ``judged`` ends: two verdicts, "a" accepted (3) and "b" rejected (4).
    static let judgedTail: [UInt8] = [2, 1, 0x61, 3, 1, 0x62, 4]

    @Test(arguments: [UInt8(0), 5, 255])
    func rejectsAnUnknownAccountVerdictTagNamingTheField(_ tag: UInt8) throws {
        var bytes = LeadStateSnapshot.encode([Self.judged])
        #expect(Array(bytes.suffix(Self.judgedTail.count)) == Self.judgedTail)
        #expect(try LeadStateSnapshot.decode(bytes) == [Self.judged])
        bytes[bytes.count - 1] = tag
        let error = Self.decodeError(bytes)
        #expect(error?.code == .unknownTag)
        #expect(error?.offset == bytes.count - 1)
        #expect(error?.message == "state.accountVerdicts.verdict has unknown tag \(tag)")
    }

    @Test func rejectsARepeatedAccountVerdict() {
        var bytes = LeadStateSnapshot.encode([Self.judged])
        // Rename "b" to "a": two verdicts for one account, which the encoder never writes.
        bytes[bytes.count - 2] = 0x61
        let error = Self.decodeError(bytes)
        #expect(error?.code == .malformed)
        #expect(error?.offset == bytes.count - 3)
        #expect(error?.message == "state.accountVerdicts repeats an account")
    }

    @Test func rejectsAnAccountVerdictCountTheBytesCannotHold() {
        var bytes = LeadStateSnapshot.encode([Self.judged])
        // 127 verdicts where the bytes hold two: refused before any is read.
        bytes[bytes.count - 7] = 0x7F
        let error = Self.decodeError(bytes)
        #expect(error?.code == .truncated)
        #expect(error?.offset == bytes.count - 7)
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
