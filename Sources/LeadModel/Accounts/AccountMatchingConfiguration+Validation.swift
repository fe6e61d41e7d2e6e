extension AccountMatchingConfiguration {
    /// Every problem with the configuration, each with the JSON path it concerns, relative to the
    /// section (`"reviewThreshold"`, `"domainAliases[1].domains[0]"`, `"tieBreak[2]"`).
    ///
    /// Checks that the thresholds are in (0, 1] with the review threshold at most the match
    /// threshold, the margin in [0, 1), at least one candidate is listed, the tie-break names
    /// known criteria once each, every alias is a domain that is not free mail and belongs to one
    /// account only, and subsidiaries name two different accounts, one parent each, without a
    /// cycle.
    ///
    /// ```swift
    /// AccountMatchingConfiguration(matchThreshold: 0.4).problems()
    /// // [(path: "reviewThreshold", message: "the review threshold 0.5 is above the match threshold 0.4; …")]
    /// ```
    ///
    /// - Parameter freeMailDomains: The free-mail list in effect (the identity section's).
    /// - Returns: The problems, in document order; empty when the configuration is usable.
    public func problems(freeMailDomains: FreeMailDomains = FreeMailDomains()) -> [(path: String, message: String)] {
        var found: [(path: String, message: String)] = []
        for (path, value) in [("matchThreshold", matchThreshold), ("reviewThreshold", reviewThreshold)]
        where !(value > 0 && value <= 1) {
            found.append((path, "expected a confidence above 0 and at most 1, such as 0.8; found \(value)"))
        }
        if reviewThreshold > matchThreshold {
            found.append(
                (
                    "reviewThreshold",
                    "the review threshold \(reviewThreshold) is above the match threshold \(matchThreshold); "
                        + "it must be at most the match threshold"
                ))
        }
        if !(ambiguityMargin >= 0 && ambiguityMargin < 1) {
            found.append(
                ("ambiguityMargin", "expected a margin from 0 up to (not including) 1; found \(ambiguityMargin)"))
        }
        if maximumCandidates < 1 {
            found.append(("maximumCandidates", "expected at least 1; found \(maximumCandidates)"))
        }
        var criteria: Set<AccountTieBreak.Criterion> = []
        for (index, criterion) in tieBreak.criteria.enumerated() {
            if !AccountTieBreak.Criterion.known.contains(criterion) {
                let known = AccountTieBreak.Criterion.known.map { "\"\($0)\"" }.joined(separator: ", ")
                found.append(("tieBreak[\(index)]", "unknown criterion \"\(criterion)\"; expected one of \(known)"))
            } else if !criteria.insert(criterion).inserted {
                found.append(("tieBreak[\(index)]", "criterion \"\(criterion)\" is listed twice"))
            }
        }
        found += aliasProblems(freeMailDomains: freeMailDomains)
        found += subsidiaryProblems()
        return found
    }

    /// Checks the configuration, reporting every problem with its JSON path.
    ///
    /// - Parameter freeMailDomains: The free-mail list in effect.
    /// - Throws: ``LeadModelError`` with code ``LeadModelError/Code/invalidValue`` whose message
    ///   lists each problem, such as `reviewThreshold: the review threshold 0.9 is above …`.
    public func validate(freeMailDomains: FreeMailDomains = FreeMailDomains()) throws {
        let problems = problems(freeMailDomains: freeMailDomains).map { "\($0.path): \($0.message)" }
        guard problems.isEmpty else {
            throw LeadModelError(
                .invalidValue, message: "account matching configuration is invalid: " + problems.joined(separator: "; ")
            )
        }
    }

    private func aliasProblems(freeMailDomains: FreeMailDomains) -> [(path: String, message: String)] {
        var found: [(path: String, message: String)] = []
        var owners: [DomainName: AccountID] = [:]
        for (index, alias) in domainAliases.enumerated() {
            let path = "domainAliases[\(index)]"
            if alias.account.rawValue.isEmpty { found.append(("\(path).account", "expected an account id")) }
            if alias.domains.isEmpty { found.append(("\(path).domains", "expected at least one domain")) }
            for (domainIndex, text) in alias.domains.enumerated() {
                let domainPath = "\(path).domains[\(domainIndex)]"
                guard let domain = DomainName(text) else {
                    found.append((domainPath, "expected a domain such as \"example.com\"; found \"\(text)\""))
                    continue
                }
                if freeMailDomains.contains(domain.value) {
                    found.append((domainPath, "\(domain) is a free-mail domain; it cannot identify an account"))
                } else if let owner = owners[domain], owner != alias.account {
                    found.append((domainPath, "\(domain) is already a domain of account \(owner)"))
                } else {
                    owners[domain] = alias.account
                }
            }
        }
        return found
    }

    private func subsidiaryProblems() -> [(path: String, message: String)] {
        var found: [(path: String, message: String)] = []
        var parents: [AccountID: AccountID] = [:]
        for (index, subsidiary) in subsidiaries.enumerated() {
            let path = "subsidiaries[\(index)]"
            if subsidiary.account.rawValue.isEmpty { found.append(("\(path).account", "expected an account id")) }
            if subsidiary.parent.rawValue.isEmpty { found.append(("\(path).parent", "expected an account id")) }
            if subsidiary.account == subsidiary.parent {
                found.append(("\(path).parent", "account \(subsidiary.account) cannot be its own parent"))
            } else if let earlier = parents[subsidiary.account], earlier != subsidiary.parent {
                found.append(
                    ("\(path).parent", "account \(subsidiary.account) already has parent \(earlier); one parent each"))
            } else {
                parents[subsidiary.account] = subsidiary.parent
            }
        }
        for (index, subsidiary) in subsidiaries.enumerated() where parents[subsidiary.account] == subsidiary.parent {
            var seen: Set<AccountID> = [subsidiary.account]
            var next = parents[subsidiary.account]
            while let account = next {
                if account == subsidiary.account {
                    found.append(
                        ("subsidiaries[\(index)].parent", "account \(subsidiary.account) is its own ancestor (a cycle)")
                    )
                    break
                }
                guard seen.insert(account).inserted else { break }
                next = parents[account]
            }
        }
        return found
    }
}
