import Foundation
import Journal
import LeadModel
import Testing

@Suite(.serialized)
struct CommandLineTests {
    @Test func overviewListsCommandsAndExitStatuses() throws {
        let workspace = try Workspace()
        let output = try workspace.run("help")
        #expect(output.status == 0)
        #expect(output.stdout.contains("lead timeline"))
        #expect(output.stdout.contains("EXIT STATUS"))
        let version = try workspace.run("--version")
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("accord 0."))
        let noArguments = try workspace.run()
        #expect(noArguments.status == 2)
        let commandHelp = try workspace.run("capture", "--help")
        #expect(commandHelp.status == 0)
        #expect(commandHelp.stdout.contains("EXAMPLES"))
    }

    @Test func typosGetSuggestionsAndUsageStatus() throws {
        let workspace = try Workspace()
        let command = try workspace.run("captur")
        #expect(command.status == 2)
        #expect(command.stderr.contains("did you mean 'capture'"))
        let option = try workspace.run("capture", "--emial", "a@b.com")
        #expect(option.status == 2)
        #expect(option.stderr.contains("did you mean --email"))
        let group = try workspace.run("lead")
        #expect(group.status == 2)
        #expect(group.stderr.contains("accord lead show"))
    }

    @Test func commandsBeforeInitPointToInit() throws {
        let workspace = try Workspace()
        let output = try workspace.run("capture", "--email", "ana@acme.com")
        #expect(output.status == 2)
        #expect(output.stderr.contains("accord init"))
    }

    @Test func captureRecogniseSignalAndExplain() throws {
        let workspace = try Workspace()
        #expect(try workspace.run("init").status == 0)
        let first = try workspace.run(
            "capture", "--email", "Ana@Acme.com", "--source", "webinar", "--attr", "employees=250")
        #expect(first.status == 0)
        #expect(first.stdout == "created L0000001\n")
        let again = try workspace.run(
            "capture", "--email", " ana@acme.com ", "--phone", "(415) 555-0100", "--source", "outbound")
        #expect(again.stdout == "matched L0000001\n")
        let signal = try workspace.run("signal", "quote-requested", "--phone", "+1 415 555 0100", "--key", "form-1")
        #expect(signal.stdout.hasPrefix("recorded quote-requested on L0000001"))
        let duplicate = try workspace.run("signal", "quote-requested", "--lead", "L0000001", "--key", "form-1")
        #expect(duplicate.stdout.hasPrefix("duplicate"))

        let show = try workspace.run("lead", "show", "L0000001", "--json")
        #expect(show.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any]
        #expect(object?["signals"] as? Int == 1)
        #expect(object?["account"] as? String == "acme.com")
        #expect((object?["attributes"] as? [String: Any])?["employees"] as? Double == 250)

        let account = try workspace.run("account", "show", "ACME.com")
        #expect(account.status == 0)
        #expect(account.stdout.contains("L0000001"))
        #expect(try workspace.run("account", "show", "gmail.com").status == 3)

        let timeline = try workspace.run("lead", "timeline", "L0000001")
        #expect(timeline.stdout.contains("captured L0000001 in lead from webinar"))
        #expect(timeline.stdout.contains("because identity: same person by"))
    }

    @Test func gateFailureIsRefusedNamingTheMissingFields() throws {
        let workspace = try Workspace()
        _ = try workspace.run("init")
        _ = try workspace.run("capture", "--email", "ana@acme.com")
        let output = try workspace.run("lead", "stage", "L0000001", "sql")
        #expect(output.status == 5)
        #expect(output.stderr.contains("missing company, source"))
        let unknown = try workspace.run("lead", "show", "L0000099")
        #expect(unknown.status == 3)
    }

    @Test func explainShowsEveryDecisionWithItsReasons() throws {
        let workspace = try Workspace()
        _ = try workspace.run("init")
        _ = try workspace.run("capture", "--email", "ana@acme.com", "--company", "Acme", "--source", "webinar")
        #expect(
            try workspace.run("lead", "stage", "L0000001", "sql", "--by", "maria", "--reason", "asked for a call")
                .status == 0)
        let text = try workspace.run("lead", "explain", "L0000001")
        #expect(text.status == 0)
        #expect(text.stdout.contains("stage lead → sql"))
        #expect(text.stdout.contains("because manual: asked for a call"))
        #expect(text.stdout.contains("because gate:sql: required fields present: email, company, source"))
        #expect(text.stdout.contains("playbook v1"))
        let json = try workspace.run("lead", "explain", "L0000001", "--json")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["stages"] as? [Any])?.count == 1)
        #expect(object?["stage"] as? String == "sql")
    }

    @Test func touchesAndFeedbackAreRecordedAndCheckedAgainstTheReasonCodes() throws {
        let workspace = try Workspace()
        _ = try workspace.run("init")
        _ = try workspace.run("capture", "--email", "ana@acme.com", "--company", "Acme", "--source", "webinar")
        #expect(try workspace.run("touch", "L0000001").status == 2)
        let touch = try workspace.run("touch", "L0000001", "--by", "maria", "--channel", "email", "--connected")
        #expect(touch.status == 0)
        #expect(touch.stdout.hasPrefix("recorded a touch by maria on L0000001 (email)"))
        #expect(try workspace.run("touch", "L0000001", "--by", "maria", "--channel", "fax").status == 2)

        let unknown = try workspace.run("feedback", "L0000001", "rejected", "--reason", "bad-vibes")
        #expect(unknown.status == 5)
        #expect(unknown.stderr.contains("wrong-persona"))
        let missing = try workspace.run("feedback", "L0000001", "recycled")
        #expect(missing.status == 5)
        let ok = try workspace.run(
            "feedback", "L0000001", "rejected", "--reason", "wrong-persona", "--note", "IT, not finance")
        #expect(ok.status == 0)
        let codes = try workspace.run("feedback", "--codes")
        #expect(codes.stdout.contains("competitor-locked-in"))
        let show = try workspace.run("lead", "show", "L0000001", "--json")
        let lead = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any]
        #expect(lead?["touches"] as? Int == 1)
        #expect((lead?["disposition"] as? [String: Any])?["reasonCode"] as? String == "wrong-persona")
    }

    @Test func invalidPlaybookIsReportedByJSONPath() throws {
        let workspace = try Workspace()
        _ = try workspace.run("init")
        let playbook = workspace.url.appendingPathComponent("accord-data/playbook.json")
        try Data(#"{"name": "x", "version": "1", "stages": {"handoff": "nowhere"}, "scorng": {}}"#.utf8).write(
            to: playbook)
        let output = try workspace.run("capture", "--email", "ana@acme.com")
        #expect(output.status == 2)
        #expect(output.stderr.contains("$.scorng: unknown field"))
        #expect(output.stderr.contains("$.stages.handoff"))
    }

    @Test func badValuesAreUsageErrors() throws {
        let workspace = try Workspace()
        _ = try workspace.run("init")
        let time = try workspace.run("signal", "replied", "--email", "a@acme.com", "--at", "yesterday")
        #expect(time.status == 2)
        #expect(time.stderr.contains("ISO 8601"))
        let external = try workspace.run("capture", "--external", "nocolon")
        #expect(external.status == 2)
        #expect(try workspace.run("init").status == 2)
    }

    @Test func jsonErrorsGoToStandardError() throws {
        let workspace = try Workspace()
        let output = try workspace.run("lead", "show", "L1", "--json")
        #expect(output.status == 2)
        let object = try JSONSerialization.jsonObject(with: Data(output.stderr.utf8)) as? [String: Any]
        #expect(object?["status"] as? Int == 2)
        #expect(output.stdout.isEmpty)
    }

    @Test func demoIsDeterministicAndNeverOverwritesRealData() throws {
        let workspace = try Workspace()
        let first = try workspace.run("demo", "--leads", "150", "--json")
        #expect(first.status == 0)
        let second = try workspace.run("demo", "--leads", "150", "--json")
        #expect(second.status == 0)
        func counts(_ text: String) throws -> [String: Int] {
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
            return object.compactMapValues { $0 as? Int }.filter { $0.key != "seconds" && $0.key != "journalBytes" }
        }
        #expect(try counts(first.stdout) == counts(second.stdout))
        #expect(try counts(first.stdout)["people"] ?? 0 > 100)
        #expect(try counts(first.stdout)["matchedDuplicates"] ?? 0 > 0)
        #expect(try counts(first.stdout)["reachedMQL"] ?? 0 > 0)
        #expect(try counts(first.stdout)["reachedSQL"] ?? 0 > 0)
        #expect(try counts(first.stdout)["clocksStarted"] ?? 0 > 0)

        // The demo matches accounts by name and country too: some free-mail leads join their company.
        let listed = try workspace.run("lead", "list", "--all", "--json")
        let leads = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any]
        let matched = (leads?["leads"] as? [[String: Any]] ?? []).filter { lead in
            (lead["email"] as? String)?.hasSuffix("mail.com") == true && lead["accountMatch"] != nil
        }
        #expect(!matched.isEmpty, "no free-mail lead was matched to an account by name")

        let reps = try workspace.run("reps", "--json")
        #expect(reps.status == 0)
        let statuses = try JSONSerialization.jsonObject(with: Data(reps.stdout.utf8)) as? [[String: Any]]
        #expect(statuses?.map { $0["rep"] as? String } == ["maria", "james", "priya", "sofia", "lukas"])
        let sla = try workspace.run("sla", "--json")
        #expect(sla.status == 0)
        #expect(try workspace.run("assign", "L0000001", "--to", "nobody", "--reason", "x").status == 3)
        #expect(try workspace.run("assign", "L0000001", "--to", "james").status == 2)
        let assigned = try workspace.run(
            "assign", "L0000001", "--to", "queue:emea", "--reason", "moved to EMEA", "--json")
        #expect(assigned.status == 0)
        #expect(assigned.stdout.contains("queue:emea"))

        _ = try workspace.run("init", "--data", "real")
        #expect(try workspace.run("reps", "--data", "real").status == 2)
        let refused = try workspace.run("demo", "--data", "real")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("never overwrites"))
    }
}

@Suite(.serialized)
struct DataDirectoryLockTests {
    @Test func secondOwnerOfTheDataDirectoryGetsTheLockedStatus() async throws {
        let workspace = try Workspace()
        _ = try workspace.run("init")
        let journal = workspace.url.appendingPathComponent("accord-data/journal")
        let store = try await FileEventStore(directory: journal, configuration: .init(durability: .none))
        let output = try workspace.run("signal", "quote-requested", "--lead", "L0000001", "--wait", "0s")
        // A reading command does not need the lock: it answers (the lead does not exist).
        let reader = try workspace.run("lead", "show", "L0000001")
        try await store.close()
        #expect(output.status == 4)
        #expect(reader.status == 3)
        #expect(output.stderr.contains(journal.lastPathComponent))
        let after = try workspace.run("lead", "show", "L0000001")
        #expect(after.status == 3)
    }
}

@Suite(.serialized)
struct ImportCommandTests {
    @Test func badRowsAreAllReportedAndNothingIsImported() throws {
        let workspace = try Workspace()
        _ = try workspace.run("init")
        let csv = "Email,Company,Employees\nana@acme.com,Acme,250\nnot-an-email,Beta,10\nbo@gamma.io,Gamma,\"12\n"
        try Data(csv.utf8).write(to: workspace.url.appendingPathComponent("leads.csv"))
        let output = try workspace.run("import", "leads.csv")
        #expect(output.status == 2)
        #expect(output.stderr.contains("line 3"))
        #expect(output.stderr.contains("nothing was imported"))
        #expect(try workspace.run("lead", "show", "L0000001").status == 3)
    }

    @Test func leadsAndSignalsImportOnceWithDuplicatesResolved() throws {
        let workspace = try Workspace()
        _ = try workspace.run("init")
        let leads =
            "E-mail,First Name,Company,Source,Size\nana@acme.com,Ana,Acme,webinar,250\n ANA@acme.com ,Ana,Acme,outbound,N/A\nbo@beta.io,Bo,Beta,ads,12\n"
        try Data(leads.utf8).write(to: workspace.url.appendingPathComponent("leads.csv"))
        let imported = try workspace.run(
            "import", "leads.csv", "--map", "E-mail=email,Size=attributes.employees:number", "--json")
        #expect(imported.status == 0)
        let summary = try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Int]
        #expect(summary?["rows"] == 3)
        #expect(summary?["matched"] == 1)

        let signals = """
            {"email": "ana@acme.com", "kind": "quote-requested", "occurredAt": "2026-11-20T10:00:00Z", "idempotencyKey": "q-1"}
            {"email": "new@delta.com", "kind": "webinar-attended", "occurredAt": "2026-11-20T11:00:00Z", "idempotencyKey": "w-1"}

            """
        try Data(signals.utf8).write(to: workspace.url.appendingPathComponent("signals.jsonl"))
        let first = try workspace.run("import", "signals.jsonl", "--kind", "signals", "--json")
        #expect(first.status == 0)
        let again = try workspace.run("import", "signals.jsonl", "--kind", "signals", "--json")
        let counts = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Int]
        #expect(counts?["signalsRecorded"] == 0)
        #expect(counts?["duplicateSignals"] == 2)
        let show = try workspace.run("lead", "show", "L0000001", "--json")
        let lead = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any]
        #expect(lead?["signals"] as? Int == 1)
        #expect((lead?["attributes"] as? [String: Any])?["employees"] as? Double == 250)
    }

    @Test func missingFileAndBadOptions() throws {
        let workspace = try Workspace()
        _ = try workspace.run("init")
        #expect(try workspace.run("import", "nope.csv").status == 3)
        try Data("email\na@b.com\n".utf8).write(to: workspace.url.appendingPathComponent("x.csv"))
        #expect(try workspace.run("import", "x.csv", "--kind", "accounts").status == 2)
        let dry = try workspace.run("import", "x.csv", "--dry-run")
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("1 rows are valid"))
    }
}
