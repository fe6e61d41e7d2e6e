import Foundation
import LeadModel
import Testing
import _LeadModelTestSupport

@testable import Journal

struct LeadStateSnapshotRoundTripTests {
    /// Every stored property of `LeadState`, in declaration order. When this test fails,
    /// `LeadState` gained (or lost) a stored property: add it to the internal memberwise
    /// initialiser in `LeadState.swift`, to `BinaryWriter+LeadState.swift` and
    /// `BinaryReader+LeadState.swift` under a new snapshot format version, to
    /// `Documentation/RecordLayout.md` ("Lead state snapshots"), and set it in
    /// `LeadStateFixtures.everyField`; then update this list.
    static let storedProperties = [
        "lead", "stage", "stageHistory", "createdAt", "updatedAt", "version", "lastPosition",
        "signals", "absorbed", "mergedInto", "score", "scoredAt", "owner", "assignedAt", "touches",
        "firstTouchAt", "lastTouchAt", "openClocks", "breachedClocks", "isErased", "disposition", "feedback",
        "opportunity", "handoffBlock", "handoffBlockedAt", "accountReview", "accountMatch", "accountVerdicts",
    ]

    /// The state's stored properties by reflection, with the rarely set parts `LeadState` keeps
    /// behind one reference (`rare`: disposition, feedback, deal, handoff block, account review
    /// and verdicts) listed as its own; an empty `rare` lists none.
    static func storedChildren(_ state: LeadState) -> [(label: String, value: Any)] {
        Mirror(reflecting: state).children.flatMap { child -> [(label: String, value: Any)] in
            guard child.label == "rare" else { return [(child.label ?? "?", child.value)] }
            guard let parts = Mirror(reflecting: child.value).children.first?.value,
                let values = Mirror(reflecting: parts).children.first?.value
            else { return [] }
            return Mirror(reflecting: values).children.map { ($0.label ?? "?", $0.value) }
        }
    }

    @Test func snapshotCoversEveryStoredPropertyOfLeadState() {
        let labels = Self.storedChildren(LeadStateFixtures.everyField).map(\.label)
        #expect(labels == Self.storedProperties, "LeadState's stored properties changed; see the comment above")
    }

    @Test func everyFieldFixtureSetsEveryStoredProperty() {
        for child in Self.storedChildren(LeadStateFixtures.everyField) {
            let label = child.label
            let mirror = Mirror(reflecting: child.value)
            switch mirror.displayStyle {
            case .optional:
                #expect(mirror.children.count == 1, "\(label) is nil")
            case .collection, .set, .dictionary:
                #expect(!mirror.children.isEmpty, "\(label) is empty")
            default:
                if let flag = child.value as? Bool { #expect(flag, "\(label) is false") }
                if let number = child.value as? Int { #expect(number != 0, "\(label) is 0") }
            }
        }
    }

    @Test func noFieldFixtureSetsNothingOptional() {
        let state = LeadStateFixtures.noField
        for child in Self.storedChildren(state) {
            let label = child.label
            let mirror = Mirror(reflecting: child.value)
            switch mirror.displayStyle {
            case .optional:
                #expect(mirror.children.isEmpty, "\(label) is set")
            case .collection, .set, .dictionary:
                #expect(mirror.children.isEmpty || label == "stageHistory", "\(label) is not empty")
            default:
                if let flag = child.value as? Bool { #expect(!flag, "\(label) is true") }
            }
        }
    }

    @Test(arguments: LeadStateFixtures.all)
    func roundTripsOneState(_ fixture: StateFixture) throws {
        let bytes = LeadStateSnapshot.encode([fixture.state])
        let decoded = try LeadStateSnapshot.decode(bytes)
        #expect(decoded == [fixture.state])
        // Decoding gives back every field, not merely an equal-looking state.
        #expect(decoded.first?.lastPosition == fixture.state.lastPosition)
        #expect(LeadStateSnapshot.encode(decoded) == bytes)
    }

    @Test func roundTripsManyStatesSortedByLeadID() throws {
        let states = LeadStateFixtures.all.map(\.state) + (100..<300).map(LeadStateFixtures.realistic)
        let decoded = try LeadStateSnapshot.decode(LeadStateSnapshot.encode(states))
        #expect(decoded == states.sorted { $0.id < $1.id })
        #expect(Set(decoded) == Set(states))
    }

    @Test func anEmptyCollectionIsAHeaderAndAZeroCount() throws {
        let bytes = LeadStateSnapshot.encode([LeadState]())
        #expect(bytes == [0x41, 0x43, 0x4C, 0x53, 6, 0])
        #expect(try LeadStateSnapshot.decode(bytes).isEmpty)
    }

    @Test func repeatedStringsAreWrittenOnceAndReadBackShared() throws {
        let states = (0..<300).map(LeadStateFixtures.realistic)
        let shared = LeadStateSnapshot.encode(states)
        let unshared = Self.formatFour(states.sorted { $0.id < $1.id })
        #expect(shared.count * 3 < unshared.count * 2, "\(shared.count) bytes shared, \(unshared.count) not")
        let decoded = try LeadStateSnapshot.decode(shared)
        #expect(decoded == states.sorted { $0.id < $1.id })
        #expect(try LeadStateSnapshot.decode(unshared) == decoded)
    }

    @Test func acceptsAnyCollectionOfStates() throws {
        let states = (0..<10).map(LeadStateFixtures.realistic)
        let byID = Dictionary(uniqueKeysWithValues: states.map { ($0.id, $0) })
        #expect(LeadStateSnapshot.encode(byID.values) == LeadStateSnapshot.encode(states))
        #expect(LeadStateSnapshot.encode(states[2...]) == LeadStateSnapshot.encode(Array(states[2...])))
    }

    @Test func theSameStatesInAnyOrderEncodeToTheSameBytes() {
        let states = LeadStateFixtures.all.map(\.state) + (100..<150).map(LeadStateFixtures.realistic)
        let expected = LeadStateSnapshot.encode(states)
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<20 {
            #expect(LeadStateSnapshot.encode(states.shuffled(using: &generator)) == expected)
        }
        #expect(LeadStateSnapshot.encode(states.reversed()) == expected)
    }

    @Test func clocksStartedInAnyOrderEncodeToTheSameBytes() {
        let clocks = (0..<40).map {
            SLAClock(
                id: SLAClockID(rawValue: "clock-\($0)"), tier: "hot", owner: nil, warnAt: nil,
                deadline: LeadStateFixtures.t0 + Double($0))
        }
        func state(_ clocks: [SLAClock]) -> LeadState {
            var payloads: [LeadEvent.Payload] = [.captured(Lead(id: "L"), stage: .lead)]
            payloads += clocks.map { .slaStarted($0) }
            // Breach every third clock, so both the open map and the breached set are large.
            payloads += clocks.indices.filter { $0 % 3 == 0 }.map { .slaBreached(clocks[$0].id) }
            return LeadStateFixtures.fold("L", payloads)
        }
        let forward = state(clocks)
        let backward = state(clocks.reversed())
        #expect(forward == backward)
        #expect(LeadStateSnapshot.encode([forward]) == LeadStateSnapshot.encode([backward]))
    }

    /// Format-4 bytes of `states`, in order: layout-4 states without shared strings.
    static func formatFour(_ states: [LeadState]) -> [UInt8] {
        layoutFour(states, into: BinaryWriter(bytes: LeadStateSnapshot.magic + [4]))
    }

    /// Format-5 bytes of `states`, in order: layout-4 states with shared strings.
    static func formatFive(_ states: [LeadState]) -> [UInt8] {
        var writer = BinaryWriter(bytes: LeadStateSnapshot.magic + [5])
        writer.shareStrings()
        return layoutFour(states, into: writer)
    }

    /// `writer`'s bytes, then the count and the layout-4 bytes of `states`: their layout-5 bytes
    /// without the three trailing account fields, which must be empty (an absent review, an
    /// absent match, no verdicts: `[0, 0, 0]`, no shared string among them).
    private static func layoutFour(_ states: [LeadState], into writer: BinaryWriter) -> [UInt8] {
        var writer = writer
        writer.writeCount(states.count)
        for state in states {
            precondition(
                state.accountReview == nil && state.accountMatch == nil && state.accountVerdicts.isEmpty,
                "\(state.id) has account fields")
            writer.writeLeadState(state)
            precondition(writer.bytes.suffix(3) == [0, 0, 0])
            writer.bytes.removeLast(3)
        }
        return writer.bytes
    }

    /// Pins format version 6 byte for byte for the smallest state the fold makes, and reads the
    /// same state from its format-1 to format-5 bytes (a state without a deal, a block or an
    /// account review is written in formats 2 to 6 as in format 2, but for the trailing fields).
    @Test func writesFormatVersionSixBytesAndReadsVersionsOneToFive() throws {
        let captured = LeadEvent(
            leadID: "L", occurredAt: Date(timeIntervalSinceReferenceDate: 1.5), actor: .system,
            payload: .captured(Lead(id: "L"), stage: "s"))
        let state = try #require(LeadState.fold([captured]))
        let date: [UInt8] = [0, 0, 0, 0, 0, 0, 0xF8, 0x3F]
        var expected: [UInt8] = [0x41, 0x43, 0x4C, 0x53, 4, 1]  // magic "ACLS", version 4, one state
        expected += [1, 0x4C] + Array(repeating: 0, count: 10) + [0, 0]  // lead "L", no fields
        expected += [1, 0x73]  // stage "s"
        expected += [1, 1, 0x73] + date  // stage history: one entry, "s" at 1.5
        expected += date + date  // createdAt, updatedAt
        expected += [1, 0]  // version 1, no last position
        expected += Array(repeating: 0, count: 13)  // signals … disposition: empty or absent
        expected += [0]  // not erased
        var versionOne = expected
        versionOne[4] = 1
        expected += [0, 0, 0]  // feedback: no recycles, no re-qualifications, no dispute
        expected += [0]  // no opportunity
        var versionThree = expected
        versionThree[4] = 3
        expected += [0]  // no handoff block
        #expect(Self.formatFour([state]) == expected)
        var five = Array(expected[0..<4]) + [5, 1]  // format 5, one state
        five += [1, 0x4C] + Array(repeating: 0, count: 10) + [0, 0]  // lead "L", no fields
        five += [2, 0x73]  // stage "s", the first shared string: length 1 << 1, then its byte
        five += [1, 1] + date  // stage history: one entry, shared string #0 (0 << 1 | 1), at 1.5
        five += expected[(6 + 14 + 2 + 3 + 8)...]  // the rest as in format 4
        #expect(Self.formatFive([state]) == five)
        var six = five
        six[4] = 6  // format 6
        six += [0]  // no account review
        six += [0]  // no account match
        six += [0]  // no account verdicts
        #expect(LeadStateSnapshot.encode([state]) == six)
        #expect(try LeadStateSnapshot.decode(six) == [state])
        #expect(try LeadStateSnapshot.decode(five) == [state])
        #expect(try LeadStateSnapshot.decode(expected) == [state])
        #expect(try LeadStateSnapshot.decode(versionOne) == [state])
        var versionTwo = versionThree
        versionTwo[4] = 2
        #expect(try LeadStateSnapshot.decode(versionTwo) == [state])
        #expect(try LeadStateSnapshot.decode(versionThree) == [state])
    }

    /// A snapshot saved by the Accord before account review (format 5) still loads: its states
    /// are read in layout 4, with no review and no verdicts, and the account fields are not
    /// read from it.
    @Test func aFormatFiveSnapshotReadsAsLayoutFourWithoutAnAccountReview() throws {
        // Every field of layout 4 set (a handoff block, a deal, a disposition), and many states
        // sharing strings.
        let everyLayoutFourField = LeadStateFixtures.fold(
            "lead-format-five",
            LeadStateFixtures.everyEvent("lead-format-five").filter {
                if case .accountMatchDecided = $0 { return false }
                return true
            })
        #expect(everyLayoutFourField.handoffBlock != nil && everyLayoutFourField.opportunity != nil)
        let states = ([everyLayoutFourField] + (0..<50).map(LeadStateFixtures.realistic)).sorted { $0.id < $1.id }
        let five = Self.formatFive(states)
        let six = LeadStateSnapshot.encode(states)
        #expect(five.count == six.count - 3 * states.count)
        let decoded = try LeadStateSnapshot.decode(five)
        #expect(decoded == states)
        #expect(decoded.allSatisfy { $0.accountReview == nil && $0.accountMatch == nil && $0.accountVerdicts.isEmpty })
        #expect(try LeadStateSnapshot.decode(six) == decoded)

        // Format-6 bytes labelled format 5: the account fields are left over, not read.
        var relabelled = LeadStateSnapshot.encode([everyLayoutFourField])
        relabelled[4] = 5
        let error = #expect(throws: EventCodecError.self) { try LeadStateSnapshot.decode(relabelled) }
        #expect(error?.code == .malformed)
        #expect(error?.offset == relabelled.count - 3)
        #expect(error?.message == "3 unexpected bytes follow the last lead state")
    }

    /// Format 6 keeps the review in force and the reviewers' verdicts, every field of them.
    @Test func aFormatSixSnapshotRoundTripsTheAccountReviewAndVerdicts() throws {
        let state = LeadStateFixtures.everyFieldBeforeErasure
        let review = try #require(state.accountReview)
        #expect(review.verdict == .review)
        #expect(review.candidates.map(\.account) == ["acme.at", "acme.com"], "narrowed by the rejection")
        #expect(state.accountVerdicts == ["acme-gmbh.de": .rejected])
        #expect(state.lead.accountID == "acme.com")
        let bytes = LeadStateSnapshot.encode([state])
        #expect(bytes[4] == 6)
        let decoded = try #require(try LeadStateSnapshot.decode(bytes).first)
        #expect(decoded.accountReview == review)
        #expect(decoded.accountReview?.candidates.map(\.standing) == review.candidates.map(\.standing))
        #expect(decoded.accountReview?.candidates.map(\.evidence) == review.candidates.map(\.evidence))
        #expect(decoded.accountVerdicts == state.accountVerdicts)
        #expect(decoded == state)
        #expect(LeadStateSnapshot.encode([decoded]) == bytes)

        // The rejection's candidate, and the ones the later states name, are shared strings:
        // many states with the review decode back exactly.
        let many = (0..<40).map { index in
            LeadStateFixtures.fold(
                LeadID("lead-review-\(index)"),
                LeadStateFixtures.everyEvent(LeadID("lead-review-\(index)")))
        }
        #expect(try LeadStateSnapshot.decode(LeadStateSnapshot.encode(many)) == many.sorted { $0.id < $1.id })
    }

    /// Verdicts are a dictionary in `LeadState`; they are written sorted by account id, so the
    /// order the reviewers decided in does not change the bytes.
    @Test func verdictsDecidedInAnyOrderEncodeToTheSameBytes() throws {
        let decisions: [(AccountID, AccountMatchDecision.Verdict)] = [
            ("acme.com", .accepted), ("acme.at", .rejected), ("acme-gmbh.de", .rejected), ("b", .accepted),
            ("ä", .rejected), ("a", .accepted),
        ]
        func state(_ decisions: [(AccountID, AccountMatchDecision.Verdict)]) -> LeadState {
            var payloads: [LeadEvent.Payload] = [.captured(Lead(id: "L"), stage: .lead)]
            payloads += decisions.map { .accountMatchDecided(LeadStateFixtures.reviewerDecision($1, $0)) }
            // A sure match last, so that the lead's account does not depend on the order.
            payloads.append(
                .accountMatchDecided(
                    AccountMatchDecision(verdict: .matched, account: "a", assigned: "a", candidates: [], summary: "")))
            return LeadStateFixtures.fold("L", payloads)
        }
        let forward = state(decisions)
        let backward = state(decisions.reversed())
        #expect(forward == backward)
        #expect(forward.accountVerdicts.count == 6)
        let bytes = LeadStateSnapshot.encode([forward])
        #expect(LeadStateSnapshot.encode([backward]) == bytes)
        // The state ends: no review, then six verdicts in account id order, each a plain string
        // and a tag (3 accepted, 4 rejected).
        var tail: [UInt8] = [0, 6]
        let sorted: [(String, UInt8)] = [
            ("a", 3), ("acme-gmbh.de", 4), ("acme.at", 4), ("acme.com", 3), ("b", 3), ("ä", 4),
        ]
        for (account, tag) in sorted { tail += [UInt8(account.utf8.count)] + Array(account.utf8) + [tag] }
        #expect(Array(bytes.suffix(tail.count)) == tail)
        #expect(try LeadStateSnapshot.decode(bytes) == [forward])
    }

    @Test func aVersionOneSnapshotReadsDispositionsWithoutTheirLayoutTwoFields() throws {
        let state = LeadStateFixtures.fold(
            "L",
            [
                .captured(Lead(id: "L"), stage: .lead),
                .dispositionRecorded(Disposition(outcome: .rejected, reasonCode: "duplicate", note: "n")),
            ])
        var bytes = Self.formatFour([state])
        // The note "n", then 7 bytes of absent or empty layout-2 disposition fields, the erased
        // flag, the feedback status (3 bytes), the absent opportunity and handoff block.
        #expect(Array(bytes.suffix(14)) == [0x6E] + Array(repeating: 0, count: 13))
        bytes.removeLast(5)  // format 1 has no feedback status, opportunity or handoff block
        bytes.removeSubrange((bytes.count - 8)..<(bytes.count - 1))  // nor the layout-2 disposition fields
        bytes[4] = 1
        #expect(try LeadStateSnapshot.decode(bytes) == [state])
    }
}
