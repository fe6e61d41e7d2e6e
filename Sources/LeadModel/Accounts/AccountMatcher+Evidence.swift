import Foundation

extension AccountMatcher {
    /// A lead's evidence, normalised once per match.
    struct PreparedInput {
        var emailDomain: DomainName?
        var freeMailDomain: DomainName?
        var websiteDomain: DomainName?
        /// The email domain and the domains it is under, nearest first.
        var emailKeys: [DomainName] = []
        /// The website domain and the domains it is under, nearest first.
        var websiteKeys: [DomainName] = []
        /// The accounts that own one of the keys, for evidence about the account's group.
        var owners: [(domain: DomainName, entry: AccountIndex.Entry)] = []
        var company: String?
        var name: CompanyName?
        var words: [[Unicode.Scalar]] = []
        var phone: String?
        var postalCode: String?
        var country: String?

        init(_ input: AccountMatchInput, matcher: AccountMatcher) {
            if let domain = input.email.flatMap({ DomainName(email: $0) }) {
                if matcher.freeMailDomains.contains(domain.value) {
                    freeMailDomain = domain
                } else {
                    emailDomain = domain
                }
            }
            websiteDomain = input.website.flatMap { DomainName($0) }.flatMap {
                matcher.freeMailDomains.contains($0.value) ? nil : $0
            }
            emailKeys = emailDomain.map { [$0] + $0.parents } ?? []
            websiteKeys = websiteDomain.map { [$0] + $0.parents } ?? []
            for (domain, keys) in [(emailDomain, emailKeys), (websiteDomain, websiteKeys)] {
                guard let domain else { continue }
                for key in keys {
                    for position in matcher.index.byDomain[key] ?? [] {
                        owners.append((domain, matcher.index.entries[position]))
                    }
                }
            }
            company = input.company
            name = input.company.map(CompanyName.init).flatMap { $0.isEmpty ? nil : $0 }
            words = name?.tokens.map { Array($0.unicodeScalars) } ?? []
            phone = input.phone.flatMap(matcher.index.identity.normalizedPhone)
            postalCode = input.postalCode.flatMap(AccountIndex.postalCode)
            country = input.country.flatMap(AccountIndex.country)
        }
    }

    /// The most accounts the name-word index may contribute per lead; the rarest words are used
    /// first, and at least one word always is.
    static let wordCandidateBudget = 1_500

    /// The directory positions worth scoring for a lead: by domain (and the domains it is under),
    /// phone, compact name, acronym and name words.
    func candidatePositions(_ lead: PreparedInput) -> [Int] {
        var positions: [Int] = []
        for key in lead.emailKeys + lead.websiteKeys { positions += index.byDomain[key] ?? [] }
        if let phone = lead.phone { positions += index.byPhone[phone] ?? [] }
        guard let name = lead.name else { return positions }
        positions += index.byCompactName[name.compact] ?? []
        // One name written as the other's initials: `IBM` for International Business Machines,
        // either way round. Two names with the same initials are no evidence, so acronyms are
        // never looked up among acronyms.
        positions += index.byAcronym[name.compact] ?? []
        if let acronym = name.acronym { positions += index.byCompactName[acronym] ?? [] }
        let buckets = Set(AccountIndex.wordKeys(name)).compactMap { index.byWordKey[$0] }
            .sorted { $0.count < $1.count }
        var budget = Self.wordCandidateBudget
        var used: [[Int]] = []
        for (number, bucket) in buckets.enumerated() where number == 0 || bucket.count <= budget {
            used.append(bucket)
            budget -= bucket.count
        }
        // A close name shares most of its words, so it is hit through both ends of a word or
        // through two words; one hit is enough only when a single key found anything.
        guard used.count > 1 else { return positions + (used.first ?? []) }
        var hits: [Int: Int] = [:]
        hits.reserveCapacity(used.reduce(0) { $0 + $1.count })
        for bucket in used {
            for position in bucket { hits[position, default: 0] += 1 }
        }
        positions += hits.filter { $0.value >= 2 }.keys
        return positions
    }

    /// Collects evidence weights, and the evidence itself only when asked to explain: ranking
    /// scores every candidate the indexes find, but only the listed ones are explained.
    struct EvidenceSink {
        let explains: Bool
        var total = 0.0
        var hasSupport = false
        var items: [MatchEvidence] = []

        mutating func add(_ kind: MatchEvidence.Kind, _ weight: Double, _ detail: @autoclosure () -> String) {
            total += weight
            if weight > 0 { hasSupport = true }
            if explains { items.append(MatchEvidence(kind: kind, weight: weight, detail: detail())) }
        }
    }

    /// The candidate for one account: its confidence and, when `explains`, every piece of
    /// evidence behind it (strongest first, notes last). Unexplained candidates carry no
    /// evidence; ``hasSupport`` says whether any evidence was for the match.
    func score(
        _ lead: PreparedInput, _ entry: AccountIndex.Entry, explains: Bool = true
    ) -> (candidate: AccountCandidate, hasSupport: Bool) {
        var sink = EvidenceSink(explains: explains)
        let label = explains ? entry.record.name.map { "'\($0)'" } ?? "account \(entry.record.id)" : ""
        let domainMatched = domainEvidence(lead, entry, label: label, into: &sink)
        if let free = lead.freeMailDomain {
            sink.add(.unused, 0, "email domain \(free) is free mail; not used")
        }
        nameEvidence(lead, entry, into: &sink)
        if let phone = lead.phone, phone == entry.phone {
            sink.add(.phone, Weights.phone, "phone number is the account's main number")
        }
        if let code = lead.postalCode, code == entry.postalCode {
            sink.add(.postalCode, Weights.postalCode, "postal code \(code) is the account's")
        }
        if let country = lead.country, let other = entry.country {
            if country == other {
                sink.add(.country, Weights.countryEqual, "country \(country) is the account's")
            } else {
                sink.add(
                    .country, domainMatched ? Weights.countryDiffersWithDomain : Weights.countryDiffers,
                    "country differs: \(country) vs \(other)")
            }
        }
        if explains, let parent = entry.record.parent {
            let parentName = index.record(for: parent)?.name.map { "'\($0)'" } ?? "account \(parent)"
            sink.add(.parent, 0, "\(label) is a subsidiary of \(parentName)")
        }
        let logit = Self.prior + sink.total
        let ordered = sink.items.enumerated().sorted { a, b in
            let (left, right) = (a.element.weight, b.element.weight)
            if (left == 0) != (right == 0) { return right == 0 }
            if abs(left) != abs(right) { return abs(left) > abs(right) }
            return a.offset < b.offset
        }.map(\.element)
        let candidate = AccountCandidate(
            account: entry.record.id, name: entry.record.name, parent: entry.record.parent,
            confidence: 1 / (1 + exp(-logit)), evidence: ordered, standing: entry.record.standing)
        return (candidate, sink.hasSupport)
    }

    /// Adds the email and website evidence; returns whether a domain of the account matched.
    private func domainEvidence(
        _ lead: PreparedInput, _ entry: AccountIndex.Entry, label: String, into sink: inout EvidenceSink
    ) -> Bool {
        var matched = false
        if let domain = lead.emailDomain, let hit = domainMatch(lead.emailKeys, entry) {
            sink.add(
                .emailDomain, hit.exact ? Weights.emailDomain : Weights.emailSubdomain,
                Self.describe(hit, domain, label: label, what: "email domain"))
            matched = true
        }
        if let domain = lead.websiteDomain, let hit = domainMatch(lead.websiteKeys, entry) {
            let weight = matched ? Weights.websiteAgrees : hit.exact ? Weights.website : Weights.websiteSubdomain
            sink.add(.website, weight, Self.describe(hit, domain, label: label, what: "website"))
            matched = true
        }
        if matched { return true }
        if let family = familyDomain(lead, entry) {
            sink.add(.emailDomain, Weights.familyDomain, family())
            return false
        }
        if let domain = lead.emailDomain ?? lead.websiteDomain, !entry.domains.isEmpty {
            sink.add(.emailDomain, Weights.otherDomain, "domain \(domain) is not among the domains of \(label)")
        }
        return false
    }

    /// Which of the account's domains the lead's domain (`keys[0]`) is (`exact`) or is under
    /// (the rest of `keys`), and whether that one is the account's main domain; `nil` when none.
    private func domainMatch(_ keys: [DomainName], _ entry: AccountIndex.Entry) -> (
        exact: Bool, matched: DomainName, isMain: Bool
    )? {
        for (number, key) in keys.enumerated() {
            if let position = entry.domains.firstIndex(of: key) { return (number == 0, key, position == 0) }
        }
        return nil
    }

    private static func describe(
        _ hit: (exact: Bool, matched: DomainName, isMain: Bool), _ domain: DomainName, label: String, what: String
    ) -> String {
        if hit.exact { return "\(what) \(domain) is \(hit.isMain ? "the domain" : "an alias") of \(label)" }
        return "\(what) \(domain) is under \(hit.matched), a domain of \(label)"
    }

    /// Why the lead's domain points at the account's group — it is a domain of the account's
    /// parent or of a subsidiary — as a detail to build when explaining; `nil` otherwise.
    private func familyDomain(_ lead: PreparedInput, _ entry: AccountIndex.Entry) -> (() -> String)? {
        for (domain, owner) in lead.owners {
            let isParent = owner.record.id == entry.record.parent
            guard isParent || owner.record.parent == entry.record.id else { continue }
            return {
                let ownerName = owner.record.name.map { "'\($0)'" } ?? "account \(owner.record.id)"
                return "domain \(domain) belongs to its \(isParent ? "parent" : "subsidiary") \(ownerName)"
            }
        }
        return nil
    }

    /// Adds the name evidence: equal, close, acronym, or different.
    private func nameEvidence(_ lead: PreparedInput, _ entry: AccountIndex.Entry, into sink: inout EvidenceSink) {
        guard let name = lead.name, let other = entry.name else { return }
        let similarity = NameSimilarity.companyNames(name, words: lead.words, other, words: entry.words)
        let quoted = { "'\(name.original)' \(similarity == 1 ? "=" : "≈") '\(other.original)'" }
        if similarity == 1 {
            sink.add(.name, Weights.nameEqual, "name \(quoted()) (normalised '\(name.normalized)')")
        } else if similarity >= Weights.nameCloseFloor {
            sink.add(
                .name, Weights.nameEqual - Weights.nameCloseSlope * (1 - similarity),
                "name \(quoted()) (\(AccountMatcher.format(similarity)))")
        } else if name.compact == other.acronym || other.compact == name.acronym {
            let (short, long) = name.compact == other.acronym ? (name, other) : (other, name)
            sink.add(.acronym, Weights.acronym, "name '\(short.original)' is the initials of '\(long.original)'")
        } else if similarity < 0.5 {
            sink.add(.name, Weights.nameDiffers, "names differ: \(quoted()) (\(AccountMatcher.format(similarity)))")
        }
    }
}
