import Foundation
import LeadModel

/// A deterministic synthetic quarter of funnel activity: leads from several sources and
/// campaigns of different quality, a mix of ICP fit, realistic signal streams, the same people
/// arriving from a form tool and an outbound tool, and webhooks delivered twice.
///
/// The same seed gives the same quarter, byte for byte, on every machine.
///
/// ```swift
/// let quarter = SyntheticQuarter(seed: 7, leads: 3_000)
/// for record in quarter.records() { … }   // in time order
/// ```
package struct SyntheticQuarter: Sendable {
    /// One row of activity and when it happened.
    package struct Record: Hashable, Sendable {
        package var at: Date
        package var item: IngestItem
    }

    /// A campaign and how good its leads are.
    package struct Campaign: Hashable, Sendable {
        package var name: String
        package var source: String
        package var messageAngle: String
        /// Share of this campaign's leads that fit the ICP.
        package var icpFit: Double
        /// Average number of engagement signals per lead.
        package var intent: Double
        /// Relative volume.
        package var weight: Double
    }

    package let seed: UInt64
    package let leadCount: Int
    /// The first instant of the quarter (2026-07-01 00:00 UTC by default).
    package let start: Date
    /// The length of the quarter: 13 weeks.
    package let length: TimeInterval = 13 * 7 * 86_400

    package init(seed: UInt64 = 2026, leads: Int = 3_000, start: Date = Date(timeIntervalSince1970: 1_782_864_000)) {
        self.seed = seed
        self.leadCount = max(0, leads)
        self.start = start
    }

    /// The campaigns of the quarter, from strong to weak.
    package static let campaigns: [Campaign] = [
        Campaign(
            name: "q3-security-webinar", source: "webinar", messageAngle: "security review in a week", icpFit: 0.70,
            intent: 7, weight: 3),
        Campaign(
            name: "pricing-search", source: "paid-search", messageAngle: "transparent pricing", icpFit: 0.55, intent: 6,
            weight: 3),
        Campaign(
            name: "roi-calculator", source: "organic", messageAngle: "ROI calculator", icpFit: 0.50, intent: 5,
            weight: 2),
        Campaign(
            name: "healthcare-outbound", source: "outbound", messageAngle: "HIPAA-ready payroll", icpFit: 0.65,
            intent: 3, weight: 2),
        Campaign(
            name: "hr-tech-expo", source: "event", messageAngle: "booth demo", icpFit: 0.40, intent: 3, weight: 1.5),
        Campaign(
            name: "partner-referrals", source: "partner", messageAngle: "partner introduction", icpFit: 0.75, intent: 5,
            weight: 1),
        Campaign(
            name: "ebook-syndication", source: "content-syndication", messageAngle: "state of payroll ebook",
            icpFit: 0.20, intent: 1.5, weight: 3),
        Campaign(
            name: "broad-display", source: "display", messageAngle: "all-in-one HR", icpFit: 0.15, intent: 1, weight: 2),
    ]

    static let industriesFit = ["healthcare", "fintech", "software"]
    static let industriesOther = ["retail", "education", "government", "manufacturing", "hospitality"]
    static let countries: [(String, Double)] = [("US", 6), ("CA", 1), ("GB", 1.5), ("DE", 1), ("FR", 0.5), ("AU", 0.5)]
    static let firstNames = [
        "Ana", "Ben", "Chloe", "Dev", "Emma", "Felix", "Grace", "Hugo", "Ines", "Jon", "Kira", "Liam", "Maya",
        "Noah", "Olga", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Victor", "Wen", "Yara", "Zoe",
    ]
    static let lastNames = [
        "Silva", "Okafor", "Nguyen", "Schmidt", "Rossi", "Kowalski", "Haddad", "Tanaka", "Murphy", "Costa",
        "Novak", "Larsen", "Dubois", "Patel", "Kim", "Garcia", "Berg", "Moreau", "Ivanova", "Walsh",
    ]
    static let companyStems = [
        "Acme", "Northwind", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Cyberdyne", "Soylent", "Hooli",
        "Vandelay", "Tyrell", "Wonka", "Gringotts", "Oscorp", "Aperture", "Monarch", "Pied Piper", "Dunder",
        "Prestige", "Massive", "Blue Sun", "Rekall", "Veidt", "Nakatomi",
    ]
    static let companySuffixes = ["Health", "Labs", "Bank", "Systems", "Retail", "Clinics", "Pay", "Works"]
    static let freeMail = ["gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com"]
    static let titles: [(String, Double)] = [
        ("VP Finance", 1), ("Head of People", 1.5), ("HR Manager", 3), ("Payroll Specialist", 2), ("CFO", 0.7),
        ("Office Manager", 1.5), ("Student", 0.4), ("Software Engineer", 0.8),
    ]
    static let signalKinds: [(SignalKind, Double)] = [
        (.emailOpened, 10), (.linkClicked, 4), (.pricingPageVisited, 2.5), (.contentDownloaded, 2),
        (.webinarAttended, 1.2), (.replied, 1), (.demoRequested, 0.4), (.quoteRequested, 0.35),
        (.meetingBooked, 0.2), (.unsubscribed, 0.2),
    ]

    /// Every record of the quarter, in time order.
    package func records() -> [Record] {
        var random = SeededGenerator(seed: seed)
        var records: [Record] = []
        records.reserveCapacity(leadCount * 8)
        let weighted = Self.campaigns.map { ($0, $0.weight) }
        for index in 0..<leadCount {
            let campaign = random.pick(weighted)
            let capturedAt = start + Double.random(in: 0..<(length * 0.9), using: &random).rounded()
            let (person, fits) = makePerson(index, campaign: campaign, using: &random)
            records.append(Record(at: capturedAt, item: .lead(person)))

            // The same person also arrives from the outbound tool: either recognisably (email in
            // other case and spacing, phone in other formatting), or first as a separate record
            // that a later enrichment sync links to the form lead, which merges the two.
            if random.chance(0.08) {
                let outboundID = ExternalID(system: "outreach", value: "OR-\(100_000 + index)")
                var twin = Lead(id: "")
                twin.firstName = person.firstName
                twin.lastName = person.lastName
                twin.company = person.company
                twin.source = "outbound"
                twin.campaign = "healthcare-outbound"
                twin.externalIDs = [outboundID]
                let at = capturedAt + Double.random(in: 3_600...(14 * 86_400), using: &random).rounded()
                if random.chance(0.5) {
                    twin.email = person.email.map { "  \($0.uppercased()) " }
                    twin.phone = person.phone.map(Self.reformat)
                    records.append(Record(at: at, item: .lead(twin)))
                } else {
                    twin.phone = "+1628\(String(format: "%07d", Int.random(in: 0..<10_000_000, using: &random)))"
                    records.append(Record(at: at, item: .lead(twin)))
                    let sync = Lead(id: "", email: person.email, externalIDs: [outboundID])
                    let syncedAt = at + Double.random(in: 86_400...(10 * 86_400), using: &random).rounded()
                    records.append(Record(at: syncedAt, item: .lead(sync)))
                }
            }

            let expected = campaign.intent * (fits ? 1.4 : 0.7)
            let count = Int((expected * Double.random(in: 0.2...1.8, using: &random)).rounded())
            var at = capturedAt
            for signalIndex in 0..<count {
                at += Double.random(in: 600...(6 * 86_400), using: &random).rounded()
                guard at < start + length else { break }
                let kind = random.pick(Self.signalKinds)
                let key = "sig-\(seed)-\(index)-\(signalIndex)"
                var properties: [String: AttributeValue] = [:]
                if kind == .linkClicked || kind == .pricingPageVisited {
                    properties["url"] = .string(kind == .pricingPageVisited ? "/pricing" : "/blog/payroll-compliance")
                }
                let signal = Signal(
                    kind: kind, occurredAt: at, source: campaign.source, campaign: campaign.name,
                    properties: properties, idempotencyKey: key)
                let identity = Lead(id: "", email: person.email, phone: person.email == nil ? person.phone : nil)
                records.append(Record(at: at, item: .signal(signal, person: identity)))
                // Webhooks are sometimes delivered twice.
                if random.chance(0.03) {
                    records.append(Record(at: at + 30, item: .signal(signal, person: identity)))
                }
            }
        }
        records.sort { $0.at < $1.at }
        return records
    }

    /// A person, and whether they fit the ICP (the truth the generator knows and scoring must find).
    private func makePerson(_ index: Int, campaign: Campaign, using random: inout SeededGenerator)
        -> (Lead, Bool)
    {
        let first = Self.firstNames[Int.random(in: 0..<Self.firstNames.count, using: &random)]
        let last = Self.lastNames[Int.random(in: 0..<Self.lastNames.count, using: &random)]
        let fits = random.chance(campaign.icpFit)
        let stem = Self.companyStems[Int.random(in: 0..<Self.companyStems.count, using: &random)]
        let suffix = Self.companySuffixes[Int.random(in: 0..<Self.companySuffixes.count, using: &random)]
        let company = "\(stem) \(suffix)"
        let domain = company.lowercased().replacingOccurrences(of: " ", with: "") + ".com"
        let industry =
            fits
            ? Self.industriesFit[Int.random(in: 0..<Self.industriesFit.count, using: &random)]
            : Self.industriesOther[Int.random(in: 0..<Self.industriesOther.count, using: &random)]
        let employees = fits ? Int.random(in: 200...2_000, using: &random) : Int.random(in: 5...20_000, using: &random)
        let usesFreeMail = random.chance(fits ? 0.08 : 0.25)
        let mailDomain = usesFreeMail ? Self.freeMail[Int.random(in: 0..<Self.freeMail.count, using: &random)] : domain
        let email = "\(first.lowercased()).\(last.lowercased())\(index)@\(mailDomain)"
        let phone = "+1415\(String(format: "%07d", Int.random(in: 0..<10_000_000, using: &random)))"
        var attributes: [String: AttributeValue] = [
            "industry": .string(industry), "employees": .number(Double(employees)),
            "country": .string(random.pick(Self.countries)),
        ]
        if random.chance(0.6) { attributes["useCase"] = .string(random.chance(0.5) ? "payroll" : "benefits") }
        let lead = Lead(
            id: "", email: email, phone: random.chance(0.7) ? phone : nil, firstName: first, lastName: last,
            title: random.pick(Self.titles), company: company, source: campaign.source, campaign: campaign.name,
            messageAngle: campaign.messageAngle,
            externalIDs: [ExternalID(system: "formtool", value: "F-\(200_000 + index)")],
            attributes: attributes)
        return (lead, fits)
    }

    /// The same phone number as another tool would write it: `+14155550100` → `(415) 555-0100`.
    static func reformat(_ phone: String) -> String {
        let digits = Array(phone.filter(\.isNumber).suffix(10))
        guard digits.count == 10 else { return phone }
        return "(\(String(digits[0..<3]))) \(String(digits[3..<6]))-\(String(digits[6..<10]))"
    }
}
