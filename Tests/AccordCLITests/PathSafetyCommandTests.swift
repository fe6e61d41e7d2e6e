import Foundation
import Testing

/// A name the user gives never leaves its folder, and an explicit output path never replaces a
/// data directory's playbook or journal.
@Suite(.serialized)
struct PathSafetyCommandTests {
    /// An initialised workspace with a training CSV, and the bytes of every file under it.
    static func prepared() throws -> Workspace {
        let workspace = try Workspace()
        #expect(try workspace.run("init").status == 0)
        #expect(try workspace.run("capture", "--email", "ana@acme.com").status == 0)
        try Data(ModelCommandTests.csv().utf8).write(to: workspace.url.appendingPathComponent("leads.csv"))
        return workspace
    }

    static func snapshot(_ root: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            files[String(url.path.dropFirst(root.path.count))] = try? Data(contentsOf: url)
        }
        return files
    }

    static let train = ["model", "train", "--csv", "leads.csv", "--target", "outcome", "--exclude", "id"]

    @Test(arguments: ["../playbook", "../../x", "a/b", "..", "", ".hidden", "../journal/index"])
    func modelNamesThatAreNotPlainNamesAreRefused(_ name: String) throws {
        let workspace = try Self.prepared()
        let before = Self.snapshot(workspace.url)
        let output = try AccordProcess.run(Self.train + ["--name", name], in: workspace.url)
        #expect(output.status == 2, "\(output.stderr)")
        #expect(output.stderr.contains("--name"))
        #expect(Self.snapshot(workspace.url) == before, "nothing is written")
        #expect(try workspace.run("lead", "show", "L0000001").status == 0, "the data directory still works")
    }

    @Test func aPlainModelNameIsSavedUnderModels() throws {
        let workspace = try Self.prepared()
        let output = try AccordProcess.run(Self.train + ["--name", "fit-2026.v1"], in: workspace.url)
        #expect(output.status == 0, "\(output.stderr)")
        let saved = workspace.url.appendingPathComponent("accord-data/models/fit-2026.v1.json")
        #expect(FileManager.default.fileExists(atPath: saved.path))
    }

    /// Output options pointed at the playbook, a journal segment or the index checkpoint.
    @Test(arguments: ["playbook.json", "journal/SEGMENT", "journal/index.checkpoint", "journal/snapshots/new.json"])
    func outputsNeverReplaceThePlaybookOrTheJournal(_ target: String) throws {
        let workspace = try Self.prepared()
        #expect(try workspace.run("lead", "show", "L0000001").status == 0)
        let segments = workspace.url.appendingPathComponent("accord-data/journal/segments")
        let segment = try #require(
            try FileManager.default.contentsOfDirectory(atPath: segments.path).first { $0.hasSuffix(".seg") })
        let path = "accord-data/" + target.replacingOccurrences(of: "SEGMENT", with: "segments/" + segment)
        let before = Self.snapshot(workspace.url)
        for arguments in [
            Self.train + ["--out", path],
            ["report", "--html", path],
            ["feedback", "export-training", path],
            // Through another spelling of the same path, and with the data directory elsewhere.
            Self.train + ["--out", "./accord-data/../accord-data/" + path.dropFirst("accord-data/".count)],
            Self.train + ["--data", "elsewhere", "--out", path],
        ] {
            let output = try AccordProcess.run(arguments, in: workspace.url)
            #expect(output.status == 2, "\(arguments): \(output.stderr)")
            #expect(output.stderr.contains("refusing to write"), "\(arguments): \(output.stderr)")
        }
        #expect(Self.snapshot(workspace.url) == before, "nothing is written")
        #expect(try workspace.run("lead", "show", "L0000001").status == 0, "the data directory still works")
    }

    @Test func anOutputPathElsewhereIsUsedAsGiven() throws {
        let workspace = try Self.prepared()
        let model = try AccordProcess.run(Self.train + ["--out", "out/../m.json"], in: workspace.url)
        #expect(model.status == 0, "\(model.stderr)")
        #expect(FileManager.default.fileExists(atPath: workspace.url.appendingPathComponent("m.json").path))
        let report = try workspace.run("report", "--html", "q4.html")
        #expect(report.status == 0, "\(report.stderr)")
        #expect(FileManager.default.fileExists(atPath: workspace.url.appendingPathComponent("q4.html").path))
        let export = try workspace.run("feedback", "export-training", "training.csv")
        #expect(export.status == 0, "\(export.stderr)")
    }
}
