import Foundation

/// The path a team meets when it loads its history: the `accord` command line, end to end, on a
/// file journal of many leads. Each step is a child process, timed with its peak memory.
enum CLIScaleBenchmarks {
    static var all: [Benchmark] {
        [
            Benchmark(
                name: "cli-scale",
                summary: "End to end through the accord CLI (child processes, seconds and peak memory): "
                    + "import N leads from CSV (default 1,000,000), then a lead, an account and the "
                    + "all-time report; needs the accord executable next to accord-bench",
                run: run)
        ]
    }

    /// Leads per company in the generated file: an account look-up finds this many.
    static let leadsPerCompany = 6

    private static func run(_ context: BenchContext) async throws -> [Measurement] {
        guard let executable = accordExecutable() else {
            context.note(
                "cli-scale: no accord executable next to accord-bench; build both: "
                    + "swift build -c release --product accord && swift build -c release --product accord-bench")
            return []
        }
        let count = context.count(default: 1_000_000)
        let csv = context.directory.appendingPathComponent("leads.csv")
        try writeLeads(count, to: csv)
        let data = context.directory.appendingPathComponent("accord-data").path
        let accord = ChildProcess(executable: executable)
        func step(_ name: String, _ arguments: [String], count: Int = 1) throws -> Measurement {
            let outcome = try accord.run(arguments + ["--data", data], in: context.directory)
            guard outcome.status == 0 else {
                throw BenchError(
                    "\(name): accord \(arguments.joined(separator: " ")) exited \(outcome.status): "
                        + outcome.errors.suffix(400))
            }
            var measurement = Measurement(name: name, count: count, seconds: outcome.seconds)
            measurement.set("peakResidentBytes", .int(outcome.peakResidentBytes))
            return measurement
        }
        _ = try step("cli-init", ["init"])
        var imported = try step("cli-import", ["import", csv.path], count: count)
        imported.set("goalRowsPerSecond", .int(50_000))
        imported.set("goalPeakResidentBytes", .int(1 << 30))
        let lead = String(format: "L%07d", max(1, count / 2))
        var firstShow = try step("cli-lead-show-first", ["lead", "show", lead])
        firstShow.set("goalSeconds", .double(1))
        var show = try step("cli-lead-show", ["lead", "show", lead])
        show.set("goalSeconds", .double(1))
        var account = try step("cli-account-show", ["account", "show", "co\(count / (2 * leadsPerCompany)).com"])
        account.set("goalSeconds", .double(1))
        account.set("goalPeakResidentBytes", .int(300 << 20))
        var report = try step("cli-report", ["report", "--period", "all", "--format", "json"], count: count)
        report.set("goalSeconds", .double(3))
        report.set("goalPeakResidentBytes", .int(1 << 30))
        return [imported, firstShow, show, account, report, try dataSize(of: data, leads: count)]
    }

    /// What the data directory holds on disk, by kind, per lead.
    private static func dataSize(of path: String, leads: Int) throws -> Measurement {
        let journal = URL(fileURLWithPath: path).appendingPathComponent("journal")
        func bytes(_ url: URL) -> Int {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return 0 }
            guard isDirectory.boolValue else {
                return ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int) ?? 0
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            return names.reduce(0) { $0 + bytes(url.appendingPathComponent($1)) }
        }
        let segments = bytes(journal.appendingPathComponent("segments"))
        let snapshots = bytes(journal.appendingPathComponent("snapshots"))
        let index = bytes(journal.appendingPathComponent("index.checkpoint"))
        var measurement = Measurement(name: "cli-data-size", count: leads, seconds: 0)
        measurement.set("totalBytes", .int(bytes(URL(fileURLWithPath: path))))
        measurement.set("segmentBytes", .int(segments))
        measurement.set("indexBytes", .int(index))
        measurement.set("snapshotBytes", .int(snapshots))
        if let names = try? FileManager.default.contentsOfDirectory(
            atPath: journal.appendingPathComponent("snapshots").path)
        {
            for name in names.sorted() {
                // Files are named s-<percent-encoded name>.snap.
                let snapshot = String(name.dropFirst(2).dropLast(5)).removingPercentEncoding ?? name
                measurement.set(
                    "snapshot:\(snapshot)",
                    .int(bytes(journal.appendingPathComponent("snapshots").appendingPathComponent(name))))
            }
        }
        measurement.set("bytesPerLead", .double(Double(bytes(URL(fileURLWithPath: path))) / Double(max(leads, 1))))
        return measurement
    }

    /// Writes `count` leads as a CRM would export them: email, names, company, title, country,
    /// source, campaign and employees; ``leadsPerCompany`` leads share each company's domain.
    private static func writeLeads(_ count: Int, to url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw BenchError("cli-scale: cannot create \(url.path)")
        }
        let file = try FileHandle(forWritingTo: url)
        defer { try? file.close() }
        let titles = ["VP Sales", "CTO", "Engineer", "Head of Marketing", "CEO", "Analyst"]
        let countries = ["US", "GB", "DE", "FR", "NL", "CA", "AU"]
        let sources = ["webinar", "ads", "organic", "referral", "event"]
        var generator = SplitMix64(seed: 17)
        var chunk = "email,first_name,last_name,company,title,country,source,campaign,employees\n"
        for index in 0..<count {
            let company = index / leadsPerCompany
            let pick = generator.next()
            chunk += "p\(index)@co\(company).com,First\(index),Last\(index),Company \(company),"
            chunk += "\(titles[Int(pick % 6)]),\(countries[Int(pick / 6 % 7)]),\(sources[Int(pick / 42 % 5)]),"
            chunk += "cmp\(index % 40),\(5 + Int(pick / 210 % 4_996))\n"
            if chunk.utf8.count > 1 << 20 {
                try file.write(contentsOf: Data(chunk.utf8))
                chunk = ""
            }
        }
        try file.write(contentsOf: Data(chunk.utf8))
    }

    /// The `accord` executable built beside this one.
    private static func accordExecutable() -> URL? {
        guard let own = Bundle.main.executableURL else { return nil }
        let sibling = own.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("accord")
        return FileManager.default.isExecutableFile(atPath: sibling.path) ? sibling : nil
    }
}
