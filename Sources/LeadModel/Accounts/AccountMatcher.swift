import Foundation

/// Matches a lead to an account from all the evidence it carries — email domain, website,
/// company name, phone, postal code, country — with a confidence and the evidence behind it.
///
/// Each piece of evidence adds a log-odds weight (see ``Weights``); a candidate's confidence is
/// the logistic function of ``prior`` plus its weights. An email or website domain of the
/// account decides almost alone; an equal normalised name is a match on its own unless the
/// countries differ; a close name (typo) needs a phone, postal code or domain to be sure;
/// a free-mail domain is never used. The best candidate is matched at or above
/// ``AccountMatchingConfiguration/matchThreshold``, reviewed at or above
/// ``AccountMatchingConfiguration/reviewThreshold``, and otherwise not suggested. Reviewers'
/// decisions (``AccountMatchOverrides``) override the score.
///
/// Candidates are found through the ``AccountIndex`` (domain and its parents,
/// phone, compact name and acronym, first and last letters of name words), never by scanning every
/// account.
///
/// ```swift
/// let matcher = AccountMatcher(
///     accounts: [AccountRecord(id: "acme", name: "Acme Corporation", domains: ["acme.com"], country: "US")],
///     configuration: AccountMatchingConfiguration(matchThreshold: 0.8))
/// let match = matcher.match(AccountMatchInput(email: "ana@gmail.com", company: "ACME Inc.", country: "US"))
/// match.outcome       // .matched
/// match.best?.evidence.map(\.detail)
/// // ["name 'ACME Inc.' = 'Acme Corporation' (normalised 'acme')", "country US is the account's", …]
/// ```
///
/// A value type: pure, the same input always gives the same result; safe to use from any task.
public struct AccountMatcher: Sendable {
    /// The log-odds weight of each kind of evidence.
    ///
    /// A weight of `w` multiplies the odds of a match by `e^w`: with the prior of −4, an email
    /// domain (+9) alone gives 0.993, an equal name (+5.5) alone 0.82, a phone (+3.5) alone 0.38.
    public enum Weights {
        /// The lead's email domain is one of the account's domains.
        public static let emailDomain = 9.0
        /// The lead's email domain is under one of the account's domains (`eu.acme.com`).
        public static let emailSubdomain = 7.5
        /// The lead's website is one of the account's domains.
        public static let website = 8.0
        /// The lead's website is under one of the account's domains.
        public static let websiteSubdomain = 7.0
        /// The website agrees with an email domain that already matched.
        public static let websiteAgrees = 0.5
        /// The lead's domain belongs to the account's parent or subsidiary.
        public static let familyDomain = 2.0
        /// The lead has a company domain and the account has domains, none of them it.
        public static let otherDomain = -1.5
        /// The normalised names are equal.
        public static let nameEqual = 5.5
        /// The loss per point of similarity below 1 for a close name (`5.5 - 25 × (1 - s)`).
        public static let nameCloseSlope = 25.0
        /// The least name similarity that counts as close.
        public static let nameCloseFloor = 0.85
        /// One name is the acronym of the other.
        public static let acronym = 3.0
        /// The names share little (similarity below 0.5) and neither is the other's acronym.
        public static let nameDiffers = -1.5
        /// The phone numbers are equal.
        public static let phone = 3.5
        /// The postal codes are equal.
        public static let postalCode = 1.5
        /// The countries are equal.
        public static let countryEqual = 0.75
        /// The countries differ and no domain matched.
        public static let countryDiffers = -4.0
        /// The countries differ although a domain matched (a multinational's office abroad).
        public static let countryDiffersWithDomain = -1.0
    }

    /// The log-odds before any evidence: a lead and an account picked at random almost never
    /// belong together (logistic(−4) = 0.018).
    public static let prior = -4.0

    /// The indexed accounts.
    public private(set) var index: AccountIndex
    /// The thresholds, tie-break and tables in effect.
    public let configuration: AccountMatchingConfiguration
    /// The free-mail domains never used as evidence.
    public let freeMailDomains: FreeMailDomains

    /// Creates a matcher over `accounts`.
    ///
    /// - Parameters:
    ///   - accounts: The accounts; the configuration's alias and subsidiary tables are added.
    ///   - configuration: Thresholds, tie-break and tables. Check it first with
    ///     ``AccountMatchingConfiguration/problems(freeMailDomains:)``.
    ///   - identity: The identity section: the free-mail list and how phones are read.
    public init(
        accounts: [AccountRecord], configuration: AccountMatchingConfiguration = AccountMatchingConfiguration(),
        identity: StandardIdentityResolver.Configuration = StandardIdentityResolver.Configuration()
    ) {
        self.index = AccountIndex(accounts: accounts, configuration: configuration, identity: identity)
        self.configuration = configuration
        self.freeMailDomains = FreeMailDomains(
            adding: identity.addedFreeMailDomains, removing: identity.removedFreeMailDomains)
    }

    /// Adds an account to the matcher, or replaces one it has (see ``AccountIndex/upsert(_:)``).
    ///
    /// - Parameter record: The account's record.
    public mutating func upsert(_ record: AccountRecord) { index.upsert(record) }

    /// Matches one lead: the outcome and up to ``AccountMatchingConfiguration/maximumCandidates``
    /// ranked candidates.
    ///
    /// Candidates with no evidence for them are left out. The ranking is by confidence rounded to
    /// three decimals, then ``AccountMatchingConfiguration/tieBreak``; an always-matched account
    /// comes first and never-matched accounts are listed with confidence 0 after the rest.
    ///
    /// - Parameters:
    ///   - input: The lead's evidence.
    ///   - overrides: Reviewers' always-match and never-match pairs.
    ///   - standing: The accounts' standing now, for the tie-break, when it has changed since
    ///     their records were indexed (the engine passes its live contact counts and deals);
    ///   `nil` uses the records' ``AccountRecord/standing``.
    /// - Returns: The outcome and its candidates.
    public func match(
        _ input: AccountMatchInput, overrides: AccountMatchOverrides = .none,
        standing: ((AccountID) -> AccountStanding)? = nil
    ) -> AccountMatch {
        let lead = PreparedInput(input, matcher: self)
        let always = overrides.alwaysMatched(for: input.identityKeys)
        let never = overrides.neverMatched(for: input.identityKeys)
        var positions = Set(candidatePositions(lead))
        for account in Set(always).union(never) {
            if let position = index.positions[account] { positions.insert(position) }
        }
        // Rank on confidences alone; explain only the candidates that are listed.
        var favoured: [AccountCandidate] = []
        var scored: [AccountCandidate] = []
        var rejected: [AccountCandidate] = []
        for position in positions {
            var (candidate, hasSupport) = score(lead, index.entries[position], explains: false)
            if never.contains(candidate.account) {
                candidate.confidence = 0
                rejected.append(candidate)
            } else if always.contains(candidate.account) {
                candidate.confidence = 1
                favoured.append(candidate)
            } else if hasSupport {
                scored.append(candidate)
            }
        }
        let limit = configuration.maximumCandidates
        let ranked =
            rank(favoured, standing: standing, top: limit) + rank(scored, standing: standing, top: limit)
            + rank(rejected, top: limit)
        var listed = ranked.prefix(configuration.maximumCandidates).compactMap { candidate -> AccountCandidate? in
            guard let position = index.positions[candidate.account] else { return nil }
            var explained = score(lead, index.entries[position]).candidate
            explained.confidence = candidate.confidence
            explained.standing = standing?(candidate.account) ?? candidate.standing
            if never.contains(candidate.account) {
                explained.evidence.insert(Self.neverEvidence, at: 0)
            } else if always.contains(candidate.account) {
                explained.evidence.insert(Self.alwaysEvidence, at: 0)
            }
            return explained
        }
        let outside = always.filter { index.positions[$0] == nil }.map {
            AccountCandidate(account: $0, confidence: 1, evidence: [Self.alwaysEvidence])
        }
        if !outside.isEmpty {
            listed = Array((rank(outside) + listed).prefix(configuration.maximumCandidates))
        }
        return decide(listed, alwaysMatched: !always.isEmpty)
    }

    /// Scores `input` against one account, whether or not the indexes would have found it — for
    /// explaining why a lead did *not* match an account, and for evaluating pairs.
    ///
    /// - Parameters:
    ///   - input: The lead's evidence.
    ///   - account: The account.
    ///   - overrides: Reviewers' always-match and never-match pairs.
    /// - Returns: The candidate with its confidence and evidence, or `nil` when the index has
    ///   no such account.
    public func candidate(
        _ input: AccountMatchInput, for account: AccountID, overrides: AccountMatchOverrides = .none
    ) -> AccountCandidate? {
        guard let position = index.positions[account] else { return nil }
        var candidate = score(PreparedInput(input, matcher: self), index.entries[position]).candidate
        if overrides.neverMatched(for: input.identityKeys).contains(account) {
            candidate.evidence.insert(Self.neverEvidence, at: 0)
            candidate.confidence = 0
        } else if overrides.alwaysMatched(for: input.identityKeys).contains(account) {
            candidate.evidence.insert(Self.alwaysEvidence, at: 0)
            candidate.confidence = 1
        }
        return candidate
    }

    /// `candidates` best first: by confidence to three decimals, then the configured tie-break.
    ///
    /// - Parameter candidates: Candidates in any order.
    /// - Returns: The same candidates, ranked.
    public func rank(_ candidates: [AccountCandidate]) -> [AccountCandidate] {
        rank(candidates, standing: nil, top: candidates.count)
    }

    /// The first `top` candidates by confidence, then — only among candidates of equal
    /// confidence, the only ones the tie-break compares — by the standing `standing` gives
    /// (their own when `nil`). Candidates past the `top`-th one's confidence are dropped
    /// unranked.
    private func rank(
        _ candidates: [AccountCandidate], standing: ((AccountID) -> AccountStanding)? = nil, top: Int
    ) -> [AccountCandidate] {
        func key(_ candidate: AccountCandidate) -> Double { (candidate.confidence * 1000).rounded() }
        var ranked = candidates.sorted { key($0) > key($1) }
        if ranked.count > top, top > 0 {
            let last = key(ranked[top - 1])
            var end = top
            while end < ranked.count, key(ranked[end]) == last { end += 1 }
            ranked.removeSubrange(end...)
        }
        let tieBreak = configuration.tieBreak
        var start = 0
        while start < ranked.count {
            var end = start + 1
            while end < ranked.count, key(ranked[end]) == key(ranked[start]) { end += 1 }
            if end - start > 1 {
                if let standing {
                    for index in start..<end { ranked[index].standing = standing(ranked[index].account) }
                }
                ranked[start..<end].sort { a, b in
                    tieBreak.ranks((a.account, a.standing), before: (b.account, b.standing))
                }
            }
            start = end
        }
        return ranked
    }

    private static let alwaysEvidence = MatchEvidence(
        kind: .override, weight: 0, detail: "always-match: a reviewer accepted this account for this lead")
    private static let neverEvidence = MatchEvidence(
        kind: .override, weight: 0, detail: "never-match: a reviewer rejected this account for this lead")

    /// The outcome for ranked candidates.
    private func decide(_ candidates: [AccountCandidate], alwaysMatched: Bool) -> AccountMatch {
        guard let best = candidates.first, best.confidence > 0 else {
            return AccountMatch(outcome: .noMatch, candidates: candidates, summary: "no account has evidence for it")
        }
        if alwaysMatched {
            return AccountMatch(
                outcome: .matched, candidates: candidates,
                summary: "a reviewer matched this lead to account \(best.account)")
        }
        let confidence = Self.format(best.confidence)
        if best.confidence >= configuration.matchThreshold {
            if let rival = candidates.dropFirst().first(where: { !related(best, $0) }),
                rival.confidence >= configuration.matchThreshold,
                best.confidence - rival.confidence < configuration.ambiguityMargin
            {
                return AccountMatch(
                    outcome: .needsReview, candidates: candidates,
                    summary:
                        "accounts \(best.account) (\(confidence)) and \(rival.account) "
                        + "(\(Self.format(rival.confidence))) both match, closer than the ambiguity margin "
                        + Self.format(configuration.ambiguityMargin))
            }
            return AccountMatch(
                outcome: .matched, candidates: candidates,
                summary:
                    "account \(best.account) matches with confidence \(confidence), at or above the match threshold "
                    + Self.format(configuration.matchThreshold))
        }
        if best.confidence >= configuration.reviewThreshold {
            return AccountMatch(
                outcome: .needsReview, candidates: candidates,
                summary:
                    "best candidate \(best.account) has confidence \(confidence), below the match threshold "
                    + "\(Self.format(configuration.matchThreshold)) but at or above the review threshold "
                    + Self.format(configuration.reviewThreshold))
        }
        return AccountMatch(
            outcome: .noMatch, candidates: candidates,
            summary:
                "best candidate \(best.account) has confidence \(confidence), below the review threshold "
                + Self.format(configuration.reviewThreshold))
    }

    /// Whether two candidates are one account, parent and subsidiary, or siblings.
    private func related(_ a: AccountCandidate, _ b: AccountCandidate) -> Bool {
        a.account == b.account || a.parent == b.account || b.parent == a.account
            || (a.parent != nil && a.parent == b.parent)
    }

    /// A confidence or threshold with two decimals.
    static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}
