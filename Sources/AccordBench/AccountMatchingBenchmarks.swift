import Foundation
import LeadModel
import _AccountMatchingFixture

/// ``AccountMatcher`` benchmarks: precision and recall on the labelled fixture the tests use, how
/// well two name similarities separate its name pairs, and matches per second against 10,000
/// accounts.
///
/// The throughput setup: 10,000 generated accounts (names from 40 × 40 × 8 words, each with a
/// legal form, one or two domains, a phone for half of them, a country and postal code), and
/// leads made from them in four shapes, in turn: work email and a name variant; free mail with a
/// typo in the name and the phone; a website only; a name with another legal form and the
/// country. Each lead is matched through the indexes; the baseline scores and explains a sample
/// of 20 leads against every account (through the public `candidate(_:for:)`, which builds the
/// evidence text too, so it overstates what a bare linear scan would cost).
enum AccountMatchingBenchmarks {
    static var all: [Benchmark] {
        [
            Benchmark(
                name: "account-matching",
                summary: "AccountMatcher: fixture precision/recall at the threshold; matches/s over 10,000 accounts",
                run: { context in
                    [fixture(context)] + separation() + [try throughput(context)]
                })
        ]
    }

    /// Precision and recall on the fixture at the configured match threshold.
    static func fixture(_ context: BenchContext) -> Measurement {
        let matcher = AccountMatchingFixture.matcher()
        let clock = ContinuousClock()
        let start = clock.now
        let evaluation = AccountMatchingFixture.evaluate(matcher)
        let elapsed = (clock.now - start).components
        var line = Measurement(
            name: "account-matching-fixture", count: AccountMatchingFixture.cases.count,
            seconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
        line.set("threshold", .double(matcher.configuration.matchThreshold))
        line.set("reviewThreshold", .double(matcher.configuration.reviewThreshold))
        line.set("precision", .double(evaluation.precision))
        line.set("recall", .double(evaluation.recall))
        line.set("truePositives", .int(evaluation.truePositives.count))
        line.set("falsePositives", .int(evaluation.falsePositives.count))
        line.set("falseNegatives", .int(evaluation.falseNegatives.count))
        line.set("trueNegatives", .int(evaluation.trueNegatives.count))
        line.set("missed", .string(evaluation.falseNegatives.map(\.name).joined(separator: "; ")))
        if !evaluation.falsePositives.isEmpty {
            context.note("account-matching: false matches: \(evaluation.falsePositives.map(\.name))")
        }
        return line
    }

    /// For the fixture's pairs with a name on both sides: the lowest score of a match, the highest
    /// of a non-match, and how many non-matches reach 0.85, for whole-string Jaro–Winkler on the
    /// normalised names and for the soft token set the matcher uses.
    static func separation() -> [Measurement] {
        let matcher = AccountMatchingFixture.matcher()
        let pairs = AccountMatchingFixture.cases.compactMap { pair -> (CompanyName, CompanyName, Bool)? in
            guard let company = pair.lead.company, let name = matcher.index.record(for: pair.account)?.name
            else { return nil }
            return (CompanyName(company), CompanyName(name), pair.isMatch)
        }
        let measures: [(String, (CompanyName, CompanyName) -> Double)] = [
            ("jaro-winkler", { NameSimilarity.jaroWinkler($0.normalized, $1.normalized) }),
            ("soft-token-set", NameSimilarity.companyNames),
        ]
        return measures.map { name, measure in
            let scored = pairs.map { (score: measure($0.0, $0.1), isMatch: $0.2) }
            let matches = scored.filter(\.isMatch).map(\.score)
            let others = scored.filter { !$0.isMatch }.map(\.score)
            var line = Measurement(name: "account-matching-similarity-\(name)", count: scored.count, seconds: 0)
            line.set("lowestMatch", .double(matches.min() ?? 0))
            line.set("highestNonMatch", .double(others.max() ?? 0))
            line.set("nonMatchesAtOrAbove0.85", .int(others.filter { $0 >= 0.85 }.count))
            line.set("matchesBelow0.85", .int(matches.filter { $0 < 0.85 }.count))
            return line
        }
    }

    static let adjectives = [
        "north", "blue", "silver", "rapid", "bright", "golden", "green", "prime", "urban", "coastal", "summit",
        "liberty", "pioneer", "crystal", "atlas", "evergreen", "harbor", "iron", "lunar", "maple", "noble", "oak",
        "pacific", "quantum", "red", "river", "solar", "stellar", "true", "united", "vertex", "west", "zenith",
        "alpine", "beacon", "cedar", "delta", "eagle", "falcon", "granite",
    ]
    static let nouns = [
        "wind", "stone", "bridge", "field", "point", "ridge", "gate", "wave", "peak", "forge", "path", "light",
        "crest", "spring", "haven", "line", "works", "star", "bay", "grove", "rock", "way", "port", "mill", "view",
        "land", "brook", "hill", "shore", "wood", "sky", "fire", "lake", "arc", "bell", "core", "dale", "edge",
        "fox", "glen",
    ]
    static let sectors = ["analytics", "logistics", "software", "health", "energy", "foods", "capital", "systems"]
    static let legalForms = ["Inc.", "LLC", "GmbH", "Ltd", "S.A.", "B.V.", "Pty Ltd", "Corporation", "AG", "SAS"]
    static let otherLegalForms = ["Corp", "L.L.C.", "mbH", "Limited", "SA", "BV", "Pty. Ltd.", "Inc", "A.G.", "S.A.S."]
    static let countries = ["US", "DE", "GB", "FR", "NL", "AU", "CH", "SE", "JP", "CA"]
    static let freeMail = ["gmail.com", "yahoo.com", "outlook.com", "hotmail.co.uk", "gmx.de"]

    /// The generated accounts: distinct names, domains from the name, every fifth with an alias.
    static func accounts(_ count: Int) -> [AccountRecord] {
        var random = SplitMix64(seed: 21)
        return (0..<count).map { index in
            let adjective = adjectives[index % adjectives.count]
            let noun = nouns[(index / adjectives.count) % nouns.count]
            let sector = sectors[(index / (adjectives.count * nouns.count)) % sectors.count]
            let form = Int(random.next() % UInt64(legalForms.count))
            let country = countries[form]
            let name = "\(adjective.capitalized)\(noun) \(sector.capitalized) \(legalForms[form])"
            let domain = "\(adjective)\(noun)-\(sector)-\(index).com"
            let phone = index % 2 == 0 ? "+1 212 \(String(format: "%07d", 1_000_000 + index))" : nil
            return AccountRecord(
                id: AccountID("acct-\(index)"), name: name,
                domains: index % 5 == 0 ? [domain, "\(adjective)\(noun)\(index).io"] : [domain], phone: phone,
                postalCode: String(10_000 + index % 89_999), country: country,
                standing: AccountStanding(contactCount: Int(random.next() % 50)))
        }
    }

    /// A lead made from account `index` in one of four shapes, and the account it belongs to.
    static func lead(from account: AccountRecord, index: Int, random: inout SplitMix64) -> AccountMatchInput {
        let form = legalForms.firstIndex { account.name!.hasSuffix($0) } ?? 0
        let base = String(account.name!.dropLast(legalForms[form].count + 1))
        switch index % 4 {
        case 0:
            return AccountMatchInput(email: "ana@\(account.domains[0])", company: base.uppercased())
        case 1:
            var characters = Array(base)
            let at = 1 + Int(random.next() % UInt64(max(1, characters.count - 3)))
            if characters[at] != " ", characters[at + 1] != " " { characters.swapAt(at, at + 1) }
            return AccountMatchInput(
                email: "ana@\(freeMail[index % freeMail.count])", company: String(characters), phone: account.phone,
                postalCode: account.postalCode)
        case 2:
            return AccountMatchInput(website: "https://www.\(account.domains.last!)/contact")
        default:
            return AccountMatchInput(company: "\(base) \(otherLegalForms[form])", country: account.country)
        }
    }

    /// Matches per second against 10,000 accounts, with a linear-scan baseline.
    static func throughput(_ context: BenchContext) throws -> Measurement {
        let accountCount = 10_000
        let leadCount = context.count(default: 40_000)
        let records = accounts(accountCount)
        let clock = ContinuousClock()
        let buildStart = clock.now
        let matcher = AccountMatcher(accounts: records)
        let build = (clock.now - buildStart).components
        var random = SplitMix64(seed: 2_112)
        var leads: [(input: AccountMatchInput, account: AccountID)] = []
        leads.reserveCapacity(leadCount)
        for index in 0..<leadCount {
            let source = Int(random.next() % UInt64(accountCount))
            leads.append((lead(from: records[source], index: index, random: &random), records[source].id))
        }
        context.note("account-matching: \(accountCount) accounts indexed, matching \(leadCount) leads")
        var correct = 0
        var review = 0
        var wrong = 0
        let start = clock.now
        for lead in leads {
            let match = matcher.match(lead.input)
            switch match.outcome {
            case .matched: if match.account == lead.account { correct += 1 } else { wrong += 1 }
            case .needsReview: review += 1
            case .noMatch: break
            }
        }
        let elapsed = (clock.now - start).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18

        // The baseline: every account scored and explained (`candidate(_:for:)`) for each of a
        // sample of leads, as a matcher without indexes would have to.
        let sample = leads.prefix(20)
        let scanStart = clock.now
        var scanned = 0
        for lead in sample {
            var best = 0.0
            for record in records {
                best = max(best, matcher.candidate(lead.input, for: record.id)?.confidence ?? 0)
            }
            if best > 0 { scanned += 1 }
        }
        let scan = (clock.now - scanStart).components
        let scanSeconds = Double(scan.seconds) + Double(scan.attoseconds) / 1e18

        guard Double(correct) >= 0.9 * Double(leadCount) else {
            throw BenchError("only \(correct) of \(leadCount) generated leads matched their own account")
        }
        var line = Measurement(
            name: "account-matching-throughput", count: leadCount, seconds: seconds, baseline: "linear-scan-explained",
            baselineRate: scanSeconds > 0 ? Double(sample.count) / scanSeconds : nil)
        line.set("accounts", .int(accountCount))
        line.set("indexSeconds", .double(Double(build.seconds) + Double(build.attoseconds) / 1e18))
        line.set("matchedCorrectly", .int(correct))
        line.set("matchedWrongly", .int(wrong))
        line.set("needsReview", .int(review))
        line.set("noMatch", .int(leadCount - correct - wrong - review))
        line.set("baselineLeads", .int(scanned))
        return line
    }
}
