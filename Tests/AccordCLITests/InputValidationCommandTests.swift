import Foundation
import Testing

/// What a command takes in is what it claims to be: emails, phones, option values and
/// enumeration words are checked before anything is stored.
@Suite(.serialized)
struct InputValidationCommandTests {
    static func initialised() throws -> Workspace {
        let workspace = try Workspace()
        #expect(try workspace.run("init").status == 0)
        return workspace
    }

    @Test(arguments: [
        ["capture", "--email", "ana at acme dot com"],
        ["capture", "--email", "ana@acme"],
        ["capture", "--phone", "call me maybe"],
        ["capture", "--email", "ana@acme.com", "--phone", "12"],
        ["signal", "replied", "--email", "ana at acme dot com"],
        ["signal", "replied", "--phone", "n/a"],
    ])
    func contactsThatAreNotOneAreRefusedAndNothingIsStored(_ arguments: [String]) throws {
        let workspace = try Self.initialised()
        let output = try AccordProcess.run(arguments, in: workspace.url)
        #expect(output.status == 2, "\(output.stderr)")
        let option = arguments.contains("12") || arguments.contains("--phone") ? "--phone" : "--email"
        #expect(output.stderr.contains("\(option) is not"), "\(output.stderr)")
        #expect(!output.stderr.contains(arguments.last!), "the value itself is personal data")
        #expect(try workspace.run("lead", "show", "L0000001").status == 3, "nothing was stored")
    }

    @Test(arguments: [
        ["signal", "k", "--email", "--lead", "L0000001"],
        ["capture", "--email", "--phone", "+1 415 555 0100"],
        ["capture", "--phone", "+1 415 555 0100", "--source", "--campaign", "x"],
        ["capture", "--email", "ana@acme.com", "--attr", "--"],
    ])
    func anOptionNeverTakesTheNextOptionAsItsValue(_ arguments: [String]) throws {
        let workspace = try Self.initialised()
        let output = try AccordProcess.run(arguments, in: workspace.url)
        #expect(output.status == 2, "\(output.stderr)")
        #expect(output.stderr.contains("needs a value"), "\(output.stderr)")
        #expect(output.stderr.contains("=VALUE"), "says how to give a value that begins with --")
        #expect(try workspace.run("lead", "show", "L0000001").status == 3, "nothing was stored")
    }

    @Test func aValueThatBeginsWithDashesIsGivenWithEquals() throws {
        let workspace = try Self.initialised()
        let output = try workspace.run("capture", "--email", "ana@acme.com", "--campaign=--launch--")
        #expect(output.status == 0, "\(output.stderr)")
        let show = try workspace.run("lead", "show", "L0000001", "--json")
        let lead = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any]
        #expect(lead?["campaign"] as? String == "--launch--")
    }

    /// Every enumeration-valued option refuses a word it does not know and lists the allowed ones.
    @Test(arguments: [
        (["report", "--view", "cohorts"], "cohort, activity"),
        (["report", "--by", "region"], "source, campaign, segment"),
        (["feedback", "report", "--by", "region"], "source, campaign, segment"),
        (["backlog", "list", "--status", "opened"], "open, in-progress, done, dropped"),
        (["backlog", "list", "--kind", "sales"], "routing, scoring, messaging, enablement, content"),
        (["backlog", "add", "A fix", "--kind", "sales"], "routing, scoring, messaging, enablement, content"),
        (["backlog", "update", "1", "--status", "closed"], "open, in-progress, done, dropped"),
        (["opportunity", "close", "L0000001", "--id", "o-1", "--outcome", "win"], "won, lost"),
        (["feedback", "arbitrate", "L0000001", "maybe"], "upheld, overturned"),
        (["feedback", "L0000001", "accepted", "--quality", "great"], "strong, partial, low-fit"),
    ])
    func unknownEnumerationValuesListTheAllowedOnes(_ arguments: [String], _ allowed: String) throws {
        let workspace = try Self.initialised()
        let output = try AccordProcess.run(arguments, in: workspace.url)
        #expect(output.status == 2, "\(arguments): \(output.stderr)")
        #expect(output.stderr.contains("expects one of \(allowed)"), "\(arguments): \(output.stderr)")
        #expect(output.stderr.contains("got '\(arguments.last!)'"), "\(arguments): \(output.stderr)")
    }

    @Test func initUnderAFileSaysWhatIsWrongWithThePath() throws {
        let workspace = try Workspace()
        try Data("not a folder".utf8).write(to: workspace.url.appendingPathComponent("plain-file"))
        let target = workspace.url.appendingPathComponent("plain-file/data")
        let output = try workspace.run("init", "--data", target.path)
        #expect(output.status == 1, "\(output.stderr)")
        #expect(output.stderr.contains(target.path), "\(output.stderr)")
        #expect(output.stderr.contains("is a file, not a folder"), "\(output.stderr)")
        #expect(!output.stderr.contains("NSCocoaErrorDomain") && !output.stderr.contains("Error Domain"))
        let json = try workspace.run("init", "--data", target.path, "--json")
        let error = try JSONSerialization.jsonObject(with: Data(json.stderr.utf8)) as? [String: Any]
        #expect((error?["error"] as? String)?.contains(target.path) == true)
    }

    @Test(arguments: [
        (#""version": "1", "version": "2""#, "$.version", "is given more than once"),
        (#""version": "1", "feedback": {"maxRecycles": 1e20}"#, "$.feedback.maxRecycles", "out of range"),
    ])
    func aPlaybookSayingOneThingTwiceOrOutOfRangeIsRefusedWithThePath(
        _ fields: String, _ path: String, _ message: String
    ) throws {
        let workspace = try Workspace()
        try Data(#"{"name": "Acme", \#(fields)}"#.utf8).write(to: workspace.url.appendingPathComponent("p.json"))
        let output = try workspace.run("validate", "p.json")
        #expect(output.status == 2, "\(output.stderr)")
        #expect(output.stderr.contains(path) && output.stderr.contains(message), "\(output.stderr)")
        #expect(!output.stderr.contains("not valid JSON"))
    }
}
