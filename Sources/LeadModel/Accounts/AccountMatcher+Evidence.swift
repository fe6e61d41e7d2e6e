import Foundation

extension AccountMatcher {
    /// A lead's evidence, normalised once per match.
    struct PreparedInput {
        var emailDomain: DomainName?
        var freeMailDomain: DomainName?
        var websiteDomain: DomainName?
        var company: String?
        var name: CompanyName?
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
            company = input.company
            name = input.company.map(CompanyName.init).flatMap { $0.isEmpty ? nil : $0 }
            phone = input.phone.flatMap(matcher.directory.identity.normalizedPhone)
            postalCode = input.postalCode.flatMap(AccountDirectory.postalCode)
            country = input.country.flatMap(AccountDirectory.country)
        }
    }

    /// The most accounts the name-word index may contribute per lead; the rarest words are used
    /// first, and at least one word always is.
    static let wordCandidateBudget = 1_500

    /// The directory positions worth scoring for a lead: by domain (and the domains it is under),
    /// phone, compact name, acronym and name words.
    func candidatePositions(_ lead: PreparedInput) -> [Int] {
        var positions: [Int] = []
        for domain in [lead.emailDomain, lead.websiteDomain].compactMap({ $0 }) {
            for key in [domain] + domain.parents { positions += directory.byDomain[key] ?? [] }
        }
        if let phone = lead.phone { positions += directory.byPhone[phone] ?? [] }
        guard let name = lead.name else { return positions }
        positions += directory.byNameKey[name.compact] ?? []
        if let acronym = name.acronym { positions += directory.byNameKey[acronym] ?? [] }
        let buckets = Set(AccountDirectory.wordKeys(name)).compactMap { directory.byWordKey[$0] }
            .sorted { $0.count < $1.count }
        var budget = Self.wordCandidateBudget
        for (index, bucket) in buckets.enumerated() where index == 0 || bucket.count <= budget {
            positions += bucket
            budget -= bucket.count
        }
        return positions
    }

    /// The candidate for one account: every piece of evidence, and the confidence they give.
    func score(_ lead: PreparedInput, _ entry: AccountDirectory.Entry) -> AccountCandidate {
        var evidence: [MatchEvidence] = []
        let label = entry.record.name.map { "'\($0)'" } ?? "account \(entry.record.id)"
        let domainMatched = domainEvidence(lead, entry, label: label, into: &evidence)
        if let free = lead.freeMailDomain {
            evidence.append(
                MatchEvidence(kind: .unused, weight: 0, detail: "email domain \(free) is free mail; not used"))
        }
        nameEvidence(lead, entry, into: &evidence)
        if let phone = lead.phone, phone == entry.phone {
            evidence.append(
                MatchEvidence(kind: .phone, weight: Weights.phone, detail: "phone number is the account's main number"))
        }
        if let code = lead.postalCode, code == entry.postalCode {
            evidence.append(
                MatchEvidence(
                    kind: .postalCode, weight: Weights.postalCode, detail: "postal code \(code) is the account's"))
        }
        if let country = lead.country, let other = entry.country {
            if country == other {
                evidence.append(
                    MatchEvidence(
                        kind: .country, weight: Weights.countryEqual, detail: "country \(country) is the account's"))
            } else {
                evidence.append(
                    MatchEvidence(
                        kind: .country,
                        weight: domainMatched ? Weights.countryDiffersWithDomain : Weights.countryDiffers,
                        detail: "country differs: \(country) vs \(other)"))
            }
        }
        if let parent = entry.record.parent {
            let parentName = directory.record(for: parent)?.name.map { "'\($0)'" } ?? "account \(parent)"
            evidence.append(
                MatchEvidence(kind: .parent, weight: 0, detail: "\(label) is a subsidiary of \(parentName)"))
        }
        let logit = Self.prior + evidence.reduce(0) { $0 + $1.weight }
        let ordered = evidence.enumerated().sorted { a, b in
            let (left, right) = (a.element.weight, b.element.weight)
            if (left == 0) != (right == 0) { return right == 0 }
            if abs(left) != abs(right) { return abs(left) > abs(right) }
            return a.offset < b.offset
        }.map(\.element)
        return AccountCandidate(
            account: entry.record.id, name: entry.record.name, parent: entry.record.parent,
            confidence: 1 / (1 + exp(-logit)), evidence: ordered, standing: entry.record.standing)
    }

    /// Adds the email and website evidence; returns whether a domain of the account matched.
    private func domainEvidence(
        _ lead: PreparedInput, _ entry: AccountDirectory.Entry, label: String, into evidence: inout [MatchEvidence]
    ) -> Bool {
        var matched = false
        if let domain = lead.emailDomain, let item = domainMatch(domain, entry, label: label, what: "email domain") {
            evidence.append(
                MatchEvidence(
                    kind: .emailDomain, weight: item.exact ? Weights.emailDomain : Weights.emailSubdomain,
                    detail: item.detail))
            matched = true
        }
        if let domain = lead.websiteDomain, let item = domainMatch(domain, entry, label: label, what: "website") {
            let weight =
                matched ? Weights.websiteAgrees : item.exact ? Weights.website : Weights.websiteSubdomain
            evidence.append(MatchEvidence(kind: .website, weight: weight, detail: item.detail))
            matched = true
        }
        if matched { return true }
        for domain in [lead.emailDomain, lead.websiteDomain].compactMap({ $0 }) {
            if let family = familyDomain(domain, entry) {
                evidence.append(MatchEvidence(kind: .emailDomain, weight: Weights.familyDomain, detail: family))
                return false
            }
        }
        if let domain = lead.emailDomain ?? lead.websiteDomain, !entry.domains.isEmpty {
            evidence.append(
                MatchEvidence(
                    kind: .emailDomain, weight: Weights.otherDomain,
                    detail: "domain \(domain) is not among the domains of \(label)"))
        }
        return false
    }

    /// How `domain` matches one of the account's domains, or `nil`.
    private func domainMatch(
        _ domain: DomainName, _ entry: AccountDirectory.Entry, label: String, what: String
    ) -> (exact: Bool, detail: String)? {
        if let index = entry.domains.firstIndex(of: domain) {
            let role = index == 0 ? "the domain" : "an alias"
            return (true, "\(what) \(domain) is \(role) of \(label)")
        }
        for parent in domain.parents where entry.domains.contains(parent) {
            return (false, "\(what) \(domain) is under \(parent), a domain of \(label)")
        }
        return nil
    }

    /// Why `domain` points at the account's group: it is a domain of its parent or of a
    /// subsidiary. `nil` otherwise.
    private func familyDomain(_ domain: DomainName, _ entry: AccountDirectory.Entry) -> String? {
        for key in [domain] + domain.parents {
            for position in directory.byDomain[key] ?? [] {
                let owner = directory.entries[position].record
                let ownerName = owner.name.map { "'\($0)'" } ?? "account \(owner.id)"
                if owner.id == entry.record.parent {
                    return "domain \(domain) belongs to its parent \(ownerName)"
                }
                if owner.parent == entry.record.id {
                    return "domain \(domain) belongs to its subsidiary \(ownerName)"
                }
            }
        }
        return nil
    }

    /// Adds the name evidence: equal, close, acronym, or different.
    private func nameEvidence(
        _ lead: PreparedInput, _ entry: AccountDirectory.Entry, into evidence: inout [MatchEvidence]
    ) {
        guard let name = lead.name, let other = entry.name else { return }
        let similarity = NameSimilarity.companyNames(name, other)
        let quoted = "'\(name.original)' \(similarity == 1 ? "=" : "≈") '\(other.original)'"
        if similarity == 1 {
            evidence.append(
                MatchEvidence(
                    kind: .name, weight: Weights.nameEqual, detail: "name \(quoted) (normalised '\(name.normalized)')"))
        } else if similarity >= Weights.nameCloseFloor {
            evidence.append(
                MatchEvidence(
                    kind: .name, weight: Weights.nameEqual - Weights.nameCloseSlope * (1 - similarity),
                    detail: "name \(quoted) (\(AccountMatcher.format(similarity)))"))
        } else if name.compact == other.acronym || other.compact == name.acronym {
            let (short, long) = name.compact == other.acronym ? (name, other) : (other, name)
            evidence.append(
                MatchEvidence(
                    kind: .acronym, weight: Weights.acronym,
                    detail: "name '\(short.original)' is the initials of '\(long.original)'"))
        } else if similarity < 0.5 {
            evidence.append(
                MatchEvidence(
                    kind: .name, weight: Weights.nameDiffers,
                    detail: "names differ: \(quoted) (\(AccountMatcher.format(similarity)))"))
        }
    }
}
