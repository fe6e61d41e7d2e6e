import Foundation
import Testing

/// `accord erase` removes every byte of a person's personal data from every file under the data
/// directory, and leaves the scoreboard's counts as they were.
@Suite(.serialized)
struct EraseCommandTests {
    /// The person to erase: values found nowhere else in the journal.
    static let email = "quintessa.vandermolen@erase-me.example"
    static let secondEmail = "q.vandermolen@erase-me-too.example"
    static let phone = "+44 20 7946 0123"
    static let phoneDigits = "442079460123"
    static let firstName = "Quintessa"
    static let lastName = "Vandermolen"
    static let externalIDs = ["crm:ZX-ERASE-77731", "outreach:OR-ERASE-5512"]

    /// Every personal value, as stored (the identity index keeps the normalised phone).
    static var personal: [String] {
        [email, secondEmail, phone, phoneDigits, firstName, lastName]
            + externalIDs.map { String($0.split(separator: ":")[1]) }
    }

    /// Paths (relative to `root`) of the files whose bytes contain any of `needles`.
    static func filesContaining(_ needles: [String], under root: URL) throws -> [String: [String]] {
        var found: [String: [String]] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let bytes = try Data(contentsOf: url)
            for needle in needles where bytes.range(of: Data(needle.utf8)) != nil {
                found[String(url.path.dropFirst(root.path.count)), default: []].append(needle)
            }
        }
        return found
    }

    /// The report's counts as JSON, without when it was made.
    static func counts(_ workspace: Workspace) throws -> String {
        let report = try workspace.run("report", "--period", "2020-01-01..2030-12-31", "--format", "json")
        #expect(report.status == 0, "\(report.stderr)")
        var object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        object["generatedAt"] = nil
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    @Test func erasesEveryByteOfThePersonFromEveryFileAndKeepsTheCounts() throws {
        let workspace = try Workspace()
        let data = workspace.url.appendingPathComponent("accord-data")
        #expect(try workspace.run("init").status == 0)
        // The person arrives twice as two leads, then a record links them (a merge).
        #expect(
            try workspace.run(
                "capture", "--email", Self.email, "--first-name", Self.firstName, "--last-name", Self.lastName,
                "--company", "Acme", "--source", "webinar", "--external", Self.externalIDs[0]
            ).stdout == "created L0000001\n")
        #expect(
            try workspace.run(
                "capture", "--phone", Self.phone, "--email", Self.secondEmail, "--external", Self.externalIDs[1],
                "--source", "outbound"
            ).stdout == "created L0000002\n")
        let merge = try workspace.run("capture", "--email", Self.email, "--phone", Self.phone)
        #expect(merge.stdout.hasPrefix("merged"), "\(merge.stdout)\(merge.stderr)")
        #expect(try workspace.run("signal", "quote-requested", "--email", Self.email, "--key", "k-1").status == 0)
        #expect(try workspace.run("signal", "replied", "--phone", Self.phone).status == 0)
        // Other people, enough for the next command to leave a snapshot holding the person.
        var rows = "email,firstName,company,source\n"
        for index in 0..<5_200 { rows += "p\(index)@other\(index % 50).example,P\(index),Other \(index % 50),ads\n" }
        try Data(rows.utf8).write(to: workspace.url.appendingPathComponent("people.csv"))
        let imported = try workspace.run("import", "people.csv")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try workspace.run("lead", "show", "L0000001").status == 0)
        #expect(
            try workspace.run("backlog", "add", "Better webinar follow-up", "--kind", "content").status == 0)
        try Data(ModelCommandTests.csv().utf8).write(to: workspace.url.appendingPathComponent("leads.csv"))
        #expect(
            try workspace.run(
                "model", "train", "--csv", "leads.csv", "--target", "outcome", "--exclude", "id"
            ).status == 0)

        let before = try Self.filesContaining(Self.personal, under: data)
        #expect(before.keys.contains { $0.hasSuffix(".seg") }, "the segments hold the person: \(before)")
        #expect(before.keys.contains { $0.contains("snapshot") }, "a snapshot holds the person: \(before)")
        let countsBefore = try Self.counts(workspace)

        let erase = try workspace.run("erase", "L0000002", "--reason", "GDPR request 8812", "--by", "privacy")
        #expect(erase.status == 0, "\(erase.stderr)")
        #expect(erase.stdout.hasPrefix("erased L0000002"))

        #expect(try Self.filesContaining(Self.personal, under: data) == [:])
        #expect(try Self.counts(workspace) == countsBefore)
        let show = try workspace.run("lead", "show", "L0000001", "--json")
        #expect(show.status == 0)
        for value in Self.personal { #expect(!show.stdout.contains(value)) }
        // The erased person no longer matches: the same email is a new lead.
        #expect(try workspace.run("capture", "--email", Self.email).stdout.hasPrefix("created"))
    }

    @Test func refusesWithoutAReasonAndForAnUnknownLead() throws {
        let workspace = try Workspace()
        #expect(try workspace.run("init").status == 0)
        #expect(try workspace.run("capture", "--email", "ana@acme.com").status == 0)
        let noReason = try workspace.run("erase", "L0000001")
        #expect(noReason.status == 2)
        #expect(noReason.stderr.contains("--reason is required"))
        let unknown = try workspace.run("erase", "L0000099", "--reason", "request")
        #expect(unknown.status == 3, "\(unknown.stderr)")
        #expect(try workspace.run("lead", "show", "L0000001").stdout.contains("ana@acme.com"))
    }
}
