import Foundation
import Testing

/// A team's first day: a marketing export of MQLs (creation dates written day first) and a CRM
/// deal export (stage names, empty values while open, some deals on accounts with no contact)
/// go in through `accord import` as they are, and `accord report` gives the figures computed
/// here from the two files alone.
struct HistoryEndToEndCommandTests {
    /// One generated lead of the marketing export.
    struct Lead {
        var email: String
        var createdDay: Int  // days since 2018-01-01
        var source: String
    }

    /// One generated deal of the CRM export; `contact` is a lead's index, or nil for a deal on
    /// an account alone.
    struct Deal {
        var id: String
        var contact: Int?
        var account: String?
        var owner: String
        var product: String
        var stage: String
        var engagedDay: Int?
        var closedDay: Int?
        var value: Int?

        var isWon: Bool { stage == "Won" }
        var isLost: Bool { stage == "Lost" }
        var isOpen: Bool { !isWon && !isLost }
    }

    static let epoch = Date(timeIntervalSince1970: 1_514_764_800)  // 2018-01-01T00:00:00Z

    static func calendarDay(_ day: Int) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.dateComponents([.year, .month, .day], from: epoch + Double(day) * 86_400)
    }

    static func dayFirst(_ day: Int) -> String {
        let parts = calendarDay(day)
        return String(format: "%02d-%02d-%04d", parts.day!, parts.month!, parts.year!)
    }

    static func iso(_ day: Int) -> String {
        let parts = calendarDay(day)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// A small deterministic generator, so the files are the same on every run.
    struct Numbers {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static let leads: [Lead] = {
        var numbers = Numbers(state: 11)
        return (0..<36).map { index in
            Lead(
                email: "lead\(index)@co\(index % 6).com", createdDay: numbers.next(181),
                source: ["organic_search", "paid_search", "referral"][index % 3])
        }
    }()

    static let deals: [Deal] = {
        var numbers = Numbers(state: 5)
        let owners = ["Ana Diaz", "Ben Ode", "Cy Li"]
        let products = ["GTX", "MG Special"]
        let stages = ["Won", "Lost", "Engaging", "Won", "Prospecting", "Won", "Lost"]
        var deals: [Deal] = []
        // Deals of two leads in three; every seventh has no engage date (it opened when the lead
        // was created). Lost deals have no value, as in the export.
        for (index, lead) in leads.enumerated() where index % 3 != 0 {
            let stage = stages[deals.count % stages.count]
            var engaged: Int? = stage == "Prospecting" ? nil : lead.createdDay + 3 + numbers.next(40)
            if deals.count % 7 == 6, stage != "Prospecting" { engaged = nil }
            let opened = engaged ?? lead.createdDay
            let closed = stage == "Won" || stage == "Lost" ? opened + 1 + numbers.next(120) : nil
            deals.append(
                Deal(
                    id: "OPP\(index)", contact: index, account: nil, owner: owners[index % 3],
                    product: products[index % 2], stage: stage, engagedDay: engaged, closedDay: closed,
                    value: stage == "Won" ? 800 + numbers.next(9_000) : nil))
        }
        // Deals on accounts alone: no contact; one won deal without an engage date opens at its
        // close.
        let accounts = ["Initech", "Globex Corp", "umbrella.com"]
        for index in 0..<12 {
            let stage = stages[(index + 2) % stages.count]
            let engaged: Int? = stage == "Prospecting" || index == 3 ? nil : 20 + numbers.next(200)
            let closed = stage == "Won" || stage == "Lost" ? (engaged ?? 100) + 1 + numbers.next(90) : nil
            deals.append(
                Deal(
                    id: "ACC\(index)", contact: nil, account: accounts[index % 3], owner: owners[(index + 1) % 3],
                    product: products[index % 2], stage: stage, engagedDay: engaged, closedDay: closed,
                    value: stage == "Won" ? 1_500 + numbers.next(20_000) : nil))
        }
        return deals
    }()

    static var leadsCSV: String {
        "mql_id,email,first_contact_date,origin\n"
            + leads.enumerated().map { index, lead in
                "M\(index),\(lead.email),\(dayFirst(lead.createdDay)),\(lead.source)\n"
            }.joined()
    }

    static var dealsCSV: String {
        "opportunity_id,email,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\n"
            + deals.map { deal in
                [
                    deal.id, deal.contact.map { leads[$0].email } ?? "", deal.owner, deal.product, deal.account ?? "",
                    deal.stage, deal.engagedDay.map(iso) ?? "", deal.closedDay.map(iso) ?? "",
                    deal.value.map(String.init) ?? "",
                ].joined(separator: ",") + "\n"
            }.joined()
    }

    /// The day a deal opened, as the import dates it: its engage date, else its lead's creation,
    /// else (a deal on an account alone) its close.
    static func openedDay(_ deal: Deal) -> Int {
        deal.engagedDay ?? deal.contact.map { leads[$0].createdDay } ?? deal.closedDay!
    }

    /// The deal KPIs of `deals`, computed from the generated rows alone.
    struct Expected {
        var opened: Int
        var won: Int
        var lost: Int
        var open: Int
        var winRate: Double
        var meanCycle: Double
        var medianCycle: Double
        var averageSize: Double
        var velocity: Double

        init(_ deals: [Deal]) {
            let won = deals.filter(\.isWon)
            let cycles = won.map { Double($0.closedDay! - HistoryEndToEndCommandTests.openedDay($0)) }.sorted()
            opened = deals.count
            self.won = won.count
            lost = deals.count(where: \.isLost)
            open = deals.count(where: \.isOpen)
            winRate = Double(won.count) / Double(won.count + lost)
            meanCycle = cycles.reduce(0, +) / Double(cycles.count)
            medianCycle = cycles[Int((0.5 * Double(cycles.count)).rounded(.up)) - 1]
            averageSize = Double(won.map { $0.value! }.reduce(0, +)) / Double(won.count)
            velocity = Double(open) * winRate * averageSize / meanCycle
        }
    }

    private static func object(_ output: AccordProcess.Output) throws -> [String: Any] {
        try #require(output.status == 0, "failed: \(output.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    }

    /// A data directory with both exports imported through the command line.
    private static func importedWorkspace() throws -> Workspace {
        let workspace = try Workspace()
        _ = try workspace.run("init")
        try Data(leadsCSV.utf8).write(to: workspace.url.appendingPathComponent("mqls.csv"))
        try Data(dealsCSV.utf8).write(to: workspace.url.appendingPathComponent("deals.csv"))
        let leadImport = try object(
            try workspace.run(
                "import", "mqls.csv", "--stage", "mql", "--date-format", "DD-MM-YYYY", "--map",
                "mql_id=external:funnel,origin=source", "--json"))
        #expect(leadImport["created"] as? Int == leads.count)
        let dealImport = try workspace.run("import", "deals.csv", "--kind", "opportunities")
        #expect(dealImport.status == 0, "\(dealImport.stderr)")
        #expect(dealImport.stdout.contains("\(deals.count) deals opened"))
        return workspace
    }

    private static func check(_ row: [String: Any], against expected: Expected, _ label: String) {
        #expect(row["dealsOpened"] as? Int == expected.opened, "\(label): deals opened")
        #expect(row["dealsWon"] as? Int == expected.won, "\(label): deals won")
        #expect(row["dealsLost"] as? Int == expected.lost, "\(label): deals lost")
        #expect(row["openDeals"] as? Int == expected.open, "\(label): open deals")
        #expect(abs((row["winRate"] as? Double ?? -1) - expected.winRate) < 1e-12, "\(label): win rate")
        #expect(abs((row["salesCycleDays"] as? Double ?? -1) - expected.meanCycle) < 1e-9, "\(label): mean cycle")
        #expect(row["salesCycleMedianDays"] as? Double == expected.medianCycle, "\(label): median cycle")
        #expect(row["averageDealSize"] as? Double == expected.averageSize, "\(label): deal size")
        #expect(abs((row["pipelineVelocity"] as? Double ?? -1) - expected.velocity) < 1e-6, "\(label): velocity")
    }

    @Test func bothExportsGiveTheDealFiguresComputedFromTheFiles() throws {
        let workspace = try Self.importedWorkspace()
        for slice in ["product", "owner"] {
            let board = try Self.object(
                try workspace.run("report", "--period", "all", "--format", "json", "--by", slice))
            let total = try #require(board["total"] as? [String: Any])
            Self.check(total, against: Expected(Self.deals), "total")
            #expect(total["openDealsWithoutAmount"] as? Int == Expected(Self.deals).open)
            let slices = try #require(board["slices"] as? [[String: Any]])
            let groups = Dictionary(grouping: Self.deals) { slice == "owner" ? $0.owner : $0.product }
            #expect(Set(slices.compactMap { $0["label"] as? String }).isSuperset(of: groups.keys))
            for (label, deals) in groups {
                let row = try #require(slices.first { $0["label"] as? String == label })
                Self.check(row, against: Expected(deals), "\(slice) \(label)")
            }
        }
    }

    @Test(arguments: [("2018-Q1", 0..<90), ("2018-Q2", 90..<181)])
    func eachCreationCohortConvertsAsTheFilesSay(period: String, days: Range<Int>) throws {
        let workspace = try Self.importedWorkspace()
        let board = try Self.object(try workspace.run("report", "--period", period, "--format", "json"))
        let total = try #require(board["total"] as? [String: Any])
        let cohort = Set(Self.leads.indices.filter { days.contains(Self.leads[$0].createdDay) })
        let cohortDeals = Self.deals.filter { $0.contact.map(cohort.contains) ?? false }
        #expect(total["leads"] as? Int == cohort.count)
        #expect(total["mqls"] as? Int == cohort.count, "every row of the export is an MQL")
        #expect(total["won"] as? Int == cohortDeals.count(where: \.isWon))
        #expect(total["lost"] as? Int == cohortDeals.count(where: \.isLost))
    }
}
