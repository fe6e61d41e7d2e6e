import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `accord import` through the real binary: identity from the rows' content, input checks, and
/// a crash in the middle of an import.
struct ImportCommandLineTests {
    private static func write(_ text: String, to name: String, in workspace: Workspace) throws {
        let url = workspace.url.appendingPathComponent(name)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    private static func summary(_ output: AccordProcess.Output) throws -> [String: Int] {
        try #require(output.status == 0, "import failed: \(output.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
        return try #require(object as? [String: Int])
    }

    /// Whether the journal holds exactly `count` leads: minted ids run L0000001, L0000002, …
    private static func leadCount(is count: Int, in workspace: Workspace) throws -> Bool {
        let last = try workspace.run("lead", "show", String(format: "L%07d", count), "--json")
        let next = try workspace.run("lead", "show", String(format: "L%07d", count + 1))
        return last.status == 0 && next.status == 3
    }

    @Test func weeklyExportsAllCalledLeadsCSVImportEveryPerson() throws {
        let workspace = try Workspace()
        _ = try workspace.run("init")
        try Self.write(
            "email,First Name\nana@acme.com,Ana\nbo@beta.io,Bo\ncy@gamma.org,Cy\n", to: "w1/leads.csv",
            in: workspace)
        try Self.write(
            "email,First Name\ndi@delta.com,Di\ned@eps.io,Ed\nfa@zeta.org,Fa\ngu@eta.net,Gu\n",
            to: "w2/leads.csv", in: workspace)
        let first = try Self.summary(try workspace.run("import", "w1/leads.csv", "--json"))
        let second = try Self.summary(try workspace.run("import", "w2/leads.csv", "--json"))
        #expect(first["created"] == 3)
        #expect(second["created"] == 4)
        #expect(second["matched"] == 0 && second["merged"] == 0)
        #expect(try Self.leadCount(is: 7, in: workspace))
    }

    /// Batches are read ahead of the engine on another task: many small batches still record
    /// every row once, in file order (the minted ids follow the rows), and a row that merges
    /// two earlier people sees both.
    @Test func manySmallBatchesRecordEveryRowInFileOrder() throws {
        let workspace = try Workspace()
        _ = try workspace.run("init")
        var csv = "email,phone,First Name\n"
        for index in 1...300 { csv += "p\(index)@acme.com,,P\(index)\n" }
        csv += "p1@acme.com,+1 415 555 0100,Joined\n,+1 415 555 0100,Phone only\n"
        try Self.write(csv, to: "leads.csv", in: workspace)
        let summary = try Self.summary(try workspace.run("import", "leads.csv", "--batch", "7", "--json", "--quiet"))
        #expect(summary["created"] == 300)
        #expect(summary["matched"] == 2)
        #expect(try Self.leadCount(is: 300, in: workspace))
        let shown = try workspace.run("lead", "show", "L0000123", "--json")
        #expect(shown.stdout.contains("p123@acme.com"), "\(shown.stdout)")
    }

    @Test func reExportWithANewRowOnTopAddsThatPersonAndMergesNobody() throws {
        let workspace = try Workspace()
        _ = try workspace.run("init")
        try Self.write("email,First Name\nana@acme.com,Ana\nbo@beta.io,Bo\n", to: "leads.csv", in: workspace)
        _ = try Self.summary(try workspace.run("import", "leads.csv", "--json"))
        try Self.write(
            "email,First Name\nnew@delta.com,New\nana@acme.com,Ana\nbo@beta.io,Bo\n", to: "leads.csv",
            in: workspace)
        let again = try Self.summary(try workspace.run("import", "leads.csv", "--json"))
        #expect(again["created"] == 1)
        #expect(again["matched"] == 2)
        #expect(again["merged"] == 0)
        #expect(try Self.leadCount(is: 3, in: workspace))
        for id in ["L0000001", "L0000002", "L0000003"] {
            let show = try workspace.run("lead", "show", id, "--json")
            let lead = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any]
            #expect(lead?["mergedInto"] == nil, "\(id) was merged")
        }
    }

    @Test func theSameFileTwiceAddsNothing() throws {
        let workspace = try Workspace()
        _ = try workspace.run("init")
        try Self.write("email,phone\nana@acme.com,\n,+1 415 555 0100\n", to: "leads.csv", in: workspace)
        try Self.write(
            """
            {"email": "ana@acme.com", "kind": "webinar-attended", "occurredAt": "2026-11-20T10:00:00Z"}
            {"email": "ana@acme.com", "kind": "webinar-attended", "occurredAt": "2026-11-21T10:00:00Z"}

            """, to: "signals.jsonl", in: workspace)
        _ = try Self.summary(try workspace.run("import", "leads.csv", "--json"))
        let leads = try Self.summary(try workspace.run("import", "leads.csv", "--json"))
        #expect(leads["created"] == 0 && leads["matched"] == 2 && leads["merged"] == 0)
        let signals = try Self.summary(try workspace.run("import", "signals.jsonl", "--kind", "signals", "--json"))
        #expect(signals["signalsRecorded"] == 2)
        let again = try Self.summary(try workspace.run("import", "signals.jsonl", "--kind", "signals", "--json"))
        #expect(again["signalsRecorded"] == 0 && again["duplicateSignals"] == 2)
        #expect(try Self.leadCount(is: 2, in: workspace))
    }

    @Test func killedImportsThenAReImportLeaveEveryRowOnceAndNoDuplicates() throws {
        let workspace = try Workspace()
        _ = try workspace.run("init")
        let people = 3_000
        var text = "email,First Name\n"
        for index in 1...people { text += "p\(index)@crash\(index % 17).example.com,P\(index)\n" }
        try Self.write(text, to: "leads.csv", in: workspace)
        let journal = workspace.url.appendingPathComponent("accord-data/journal")
        var killedAfterAppends = 0
        for round in 0..<5 {
            let before = Self.bytes(under: journal)
            let process = Process()
            process.executableURL = AccordProcess.executable
            process.arguments = ["import", "leads.csv", "--batch", "25"]
            process.currentDirectoryURL = workspace.url
            var environment = ProcessInfo.processInfo.environment
            environment["ACCORD_DATA"] = nil
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning, Self.bytes(under: journal) <= before, Date() < deadline {
                usleep(2_000)
            }
            usleep(UInt32(5_000 * round))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killedAfterAppends += 1
            }
            process.waitUntilExit()
        }
        #expect(killedAfterAppends > 0, "no import was killed mid-way; the test proved nothing")
        let final = try Self.summary(try workspace.run("import", "leads.csv", "--json"))
        #expect(final["rows"] == people)
        #expect(final["merged"] == 0)
        #expect((final["created"] ?? -1) + (final["matched"] ?? -1) == people)
        let again = try Self.summary(try workspace.run("import", "leads.csv", "--json"))
        #expect(again["created"] == 0 && again["matched"] == people && again["merged"] == 0)
        #expect(try Self.leadCount(is: people, in: workspace))
    }

    /// The bytes of every file under `directory`, however deep.
    private static func bytes(under directory: URL) -> Int {
        guard let files = FileManager.default.enumerator(atPath: directory.path) else { return 0 }
        var total = 0
        for case let name as String in files {
            let attributes = try? FileManager.default.attributesOfItem(
                atPath: directory.appendingPathComponent(name).path)
            if attributes?[.type] as? FileAttributeType == .typeRegular {
                total += (attributes?[.size] as? Int) ?? 0
            }
        }
        return total
    }
}

/// `accord import` refuses input that is not what it claims to be, with the line, path and what
/// was expected, and stores nothing.
struct ImportInputValidationCommandLineTests {
    private static func write(_ text: String, to name: String, in workspace: Workspace) throws {
        try Data(text.utf8).write(to: workspace.url.appendingPathComponent(name))
    }

    @Test(arguments: [";", "\t"])
    func aHeaderSeparatedByAnotherCharacterAsksForTheDelimiter(separator: String) throws {
        let workspace = try Workspace()
        _ = try workspace.run("init")
        let rows = [["email", "First Name", "Company"], ["ana@acme.com", "Ana", "Acme"]]
        try Self.write(
            rows.map { $0.joined(separator: separator) }.joined(separator: "\n") + "\n", to: "leads.csv",
            in: workspace)
        let refused = try workspace.run("import", "leads.csv")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("line 1"))
        #expect(refused.stderr.contains("--delimiter"))
        #expect(refused.stderr.contains("nothing was imported"))
        #expect(try workspace.run("lead", "show", "L0000001").status == 3)
        let imported = try workspace.run("import", "leads.csv", "--delimiter", separator, "--json")
        #expect(imported.status == 0)
        #expect(imported.stdout.contains("\"created\" : 1"))
    }

    @Test func aLeadRowWithoutIdentityIsAnErrorNamingItsLine() throws {
        let workspace = try Workspace()
        _ = try workspace.run("init")
        try Self.write("First Name,Company,email\nAna,Acme,ana@acme.com\nBo,Beta,\n", to: "leads.csv", in: workspace)
        let refused = try workspace.run("import", "leads.csv")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("line 3"))
        #expect(refused.stderr.contains("identify the person"))
        #expect(try workspace.run("lead", "show", "L0000001").status == 3)
    }

    @Test(arguments: [
        (#"{"idempotencyKey": {"id": 7}}"#, "$.idempotencyKey"),
        (#"{"idempotencyKey": ["a"]}"#, "$.idempotencyKey"),
        (#"{"kind": true}"#, "$.kind"),
        (#"{"email": {"work": "ana@acme.com"}}"#, "$.email"),
        (#"{"occurredAt": 20261120}"#, "$.occurredAt"),
    ])
    func reservedFieldsOfTheWrongTypeAreRowErrorsWithTheirPath(field: String, path: String) throws {
        let workspace = try Workspace()
        _ = try workspace.run("init")
        var object = try #require(
            try JSONSerialization.jsonObject(
                with: Data(
                    #"{"email": "ana@acme.com", "kind": "webinar-attended", "occurredAt": "2026-11-20T10:00:00Z"}"#
                        .utf8)) as? [String: Any])
        let override = try #require(try JSONSerialization.jsonObject(with: Data(field.utf8)) as? [String: Any])
        object.merge(override) { _, new in new }
        let line = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        try Self.write(line + "\n", to: "signals.jsonl", in: workspace)
        let refused = try workspace.run("import", "signals.jsonl", "--kind", "signals")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("line 1, \(path)"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("ana@acme.com"))
    }

    @Test func duplicateKeysInAJSONLinesRowAreRejectedWithTheirPath() throws {
        let workspace = try Workspace()
        _ = try workspace.run("init")
        try Self.write(
            """
            {"email": "ana@acme.com", "kind": "webinar-attended", "occurredAt": "2026-11-20T10:00:00Z"}
            {"email": "bo@beta.io", "kind": "webinar-attended", "occurredAt": "2026-11-20T10:00:00Z", "properties": {"page": "/a", "page": "/b"}}
            {"email": "cy@gamma.org", "email": "di@delta.com", "kind": "webinar-attended", "occurredAt": "2026-11-20T10:00:00Z"}

            """, to: "signals.jsonl", in: workspace)
        let refused = try workspace.run("import", "signals.jsonl", "--kind", "signals")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("line 2, $.properties.page"))
        #expect(refused.stderr.contains("line 3, $.email"))
        #expect(refused.stderr.contains("appears twice"))
        #expect(try workspace.run("lead", "show", "L0000001").status == 3)
    }

    @Test func aFieldOrAHeaderOverTheDefaultLimitsIsRefusedWithTheLimit() throws {
        let workspace = try Workspace()
        _ = try workspace.run("init")
        let field = String(repeating: "x", count: 1_048_577)
        try Self.write("email,Notes\nana@acme.com,\(field)\nbo@beta.io,short\n", to: "field.csv", in: workspace)
        let header = (0...2_000).map { "c\($0)" }.joined(separator: ",")
        try Self.write(header + "\n", to: "header.csv", in: workspace)
        let bigField = try workspace.run("import", "field.csv")
        let bigHeader = try workspace.run("import", "header.csv")
        #expect(bigField.status == 2)
        #expect(bigField.stderr.contains("line 2"))
        #expect(bigField.stderr.contains("1048576 bytes"))
        #expect(bigHeader.status == 2)
        #expect(bigHeader.stderr.contains("line 1"))
        #expect(bigHeader.stderr.contains("more than 2000 fields"))
        let raised = try workspace.run("import", "field.csv", "--max-field-bytes", "1048577", "--json")
        #expect(raised.status == 0, "\(raised.stderr)")
        let lowered = try workspace.run("import", "field.csv", "--max-row-bytes", "100")
        #expect(lowered.status == 2)
        #expect(lowered.stderr.contains("100 bytes"))
    }

    @Test(arguments: [
        ["--kind", "lead"], ["--kind", "signal"], ["--kind", "opportunity"], ["--format", "json"],
        ["--format", "CSV"],
    ])
    func unknownOptionValuesListTheAllowedOnes(option: [String]) throws {
        let workspace = try Workspace()
        _ = try workspace.run("init")
        try Self.write("email\nana@acme.com\n", to: "leads.csv", in: workspace)
        let refused = try AccordProcess.run(["import", "leads.csv"] + option, in: workspace.url)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("expects"))
        #expect(refused.stderr.contains(option[0] == "--kind" ? "leads, signals or opportunities" : "csv, jsonl"))
        #expect(try workspace.run("lead", "show", "L0000001").status == 3)
    }

    @Test func formatJSONLIsAccepted() throws {
        let workspace = try Workspace()
        _ = try workspace.run("init")
        try Self.write(#"{"email": "ana@acme.com"}"# + "\n", to: "leads.txt", in: workspace)
        let imported = try workspace.run("import", "leads.txt", "--format", "jsonl", "--json")
        #expect(imported.status == 0, "\(imported.stderr)")
    }
}
