import Foundation
import Journal
import LeadModel
import Scoring
import Testing

@testable import Accord

/// Playbook versions go live only with both teams' sign-off of their exact content.
struct GovernanceTests {
    static let owners = [
        PlaybookOwner(name: "Sam Lee", team: "marketing"), PlaybookOwner(name: "Maria Díaz", team: "sales"),
    ]

    static func playbook(version: String, mql: Double = 50) -> Playbook {
        var playbook = Playbook.standard
        playbook.version = version
        playbook.owners = owners
        playbook.qualification?.thresholds[0].minTotal = mql
        return playbook
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func sha256MatchesTheStandardVectors(input: String, digest: String) {
        #expect(SHA256.hex(Array(input.utf8)) == digest)
    }

    @Test func sha256HandlesEveryPaddingLength() {
        // 55, 56 and 64 bytes straddle the one- and two-block padding cases.
        #expect(SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 55)).hasPrefix("9f4390f8d30c2dd9"))
        #expect(SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 56)).hasPrefix("b35439a4ac6f0948"))
        #expect(SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 64)).hasPrefix("ffe054fe7ae0cb6d"))
    }

    @Test func theDiffNamesEveryChangedPathAndFlagsReviewedSections() {
        var proposed = Self.playbook(version: "2", mql: 60)
        proposed.reviewCadence = .monthly
        let diff = PlaybookDiff(from: Self.playbook(version: "1"), to: proposed)
        #expect(
            diff.changes.map(\.description) == [
                "$.qualification.thresholds[0].minTotal: 50 → 60", "$.reviewCadence: added \"monthly\"",
                "$.version: \"1\" → \"2\"",
            ])
        #expect(diff.sections == ["qualification", "reviewCadence"])
        #expect(diff.needsReview)
        var cosmetic = Self.playbook(version: "3")
        cosmetic.name = "Acme agreement"
        #expect(!PlaybookDiff(from: Self.playbook(version: "1"), to: cosmetic).needsReview)
        #expect(PlaybookDiff(from: cosmetic, to: cosmetic).changes.isEmpty)
    }

    @Test func aVersionGoesLiveOnlyWithBothTeamsSignOff() async throws {
        let journal = PlaybookGovernanceJournal(store: InMemoryEventStore())
        let v1 = Self.playbook(version: "1")
        let v2 = Self.playbook(version: "2", mql: 60)
        try await journal.propose(v2, replacing: v1, by: .person("sam"))

        let stranger = await #expect(throws: GovernanceError.self) {
            try await journal.signOff(v2, owner: "Eve", by: .person("eve"))
        }
        #expect(stranger?.code == .notAnOwner)

        try await journal.signOff(v2, owner: "Sam Lee", by: .person("sam"))
        let early = await #expect(throws: GovernanceError.self) { try await journal.activate(v2, by: .person("sam")) }
        #expect(early?.code == .notSignedOff)
        #expect(early?.missing == ["a sign-off from sales (Maria Díaz)"])

        try await journal.signOff(v2, owner: "Maria Díaz", by: .person("maria"))
        let activation = try await journal.activate(v2, by: .person("maria"))
        #expect(activation.signedBy == ["Sam Lee", "Maria Díaz"])
        #expect(activation.previousVersion == nil)
        let governance = try await journal.load()
        #expect(governance.active?.digest == v2.digest)
        #expect(governance.proposals["2"]?.changedSections == ["qualification"])
        #expect(governance.version == 4)
    }

    @Test func aSignOffCountsOnlyForTheContentSigned() async throws {
        let journal = PlaybookGovernanceJournal(store: InMemoryEventStore())
        let signed = Self.playbook(version: "2", mql: 60)
        try await journal.propose(signed, replacing: nil, by: .system)
        for owner in Self.owners { try await journal.signOff(signed, owner: owner.name, by: .person(owner.name)) }

        let edited = Self.playbook(version: "2", mql: 40)  // same version, different rules
        let governance = try await journal.load()
        #expect(governance.validSignOffs(for: edited).isEmpty)
        #expect(
            governance.missingForActivation(of: edited).first
                == "the content of version 2 changed since it was proposed; propose it again")
        let refused = await #expect(throws: GovernanceError.self) {
            try await journal.signOff(edited, owner: "Sam Lee", by: .system)
        }
        #expect(refused?.code == .notProposed)
    }

    @Test func aPlaybookWithoutOwnersCannotBeActivated() async throws {
        let journal = PlaybookGovernanceJournal(store: InMemoryEventStore())
        var ownerless = Self.playbook(version: "2")
        ownerless.owners = []
        try await journal.propose(ownerless, replacing: nil, by: .system)
        let missing = try await journal.load().missingForActivation(of: ownerless)
        #expect(missing == ["the playbook names no marketing owner", "the playbook names no sales owner"])
    }

    @Test func twoActivationsAtOnceCannotBothSucceed() async throws {
        let store = InMemoryEventStore()
        let journal = PlaybookGovernanceJournal(store: store)
        let v2 = Self.playbook(version: "2")
        try await journal.propose(v2, replacing: nil, by: .system)
        for owner in Self.owners { try await journal.signOff(v2, owner: owner.name, by: .system) }
        async let first: Bool = (try? await journal.activate(v2, by: .person("sam"))) != nil
        async let second: Bool = (try? await journal.activate(v2, by: .person("maria"))) != nil
        let outcomes = await [first, second]
        #expect(outcomes.filter { $0 }.count == 1)
        #expect(try await journal.load().activations.count == 1)
    }

    @Test func ownersAreValidated() {
        var playbook = Self.playbook(version: "1")
        playbook.owners = [
            PlaybookOwner(name: "Sam", team: "marketing"), PlaybookOwner(name: "Sam", team: "marketing"),
            PlaybookOwner(name: " ", team: ""),
        ]
        let issues = playbook.validate()
        #expect(
            issues.map(\.path) == ["$.owners[1].name", "$.owners[2].name", "$.owners[2].team", "$.owners"])
        #expect(issues.last?.message == "no sales owner: every version needs a sales sign-off")
    }

    @Test func governanceEventsRoundTripThroughTheFileStoreAndLeaveLeadsAlone() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "accord-gov-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await FileEventStore(directory: directory)
        let journal = PlaybookGovernanceJournal(store: store)
        try await journal.propose(Self.playbook(version: "2"), replacing: nil, by: .person("sam"))
        let engine = try await AlignmentEngine(
            playbook: Self.playbook(version: "2"), store: store, configuration: EngineConfiguration())
        #expect(await engine.leadCount == 0, "the governance stream is not a lead")
        try await store.close()
        let reopened = try await FileEventStore(directory: directory)
        #expect(try await PlaybookGovernanceJournal(store: reopened).load().proposals["2"] != nil)
        try await reopened.close()
    }
}
