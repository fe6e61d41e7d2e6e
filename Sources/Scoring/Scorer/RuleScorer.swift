import Foundation
public import LeadModel

/// The reference scorer: fit rules, ideal customer profiles and decaying engagement rules from a
/// ``ScoringRules`` section, graded on two axes.
///
/// The rules are compiled once, in the initialiser: fields resolved, conditions turned into
/// plain data (text lowered, numbers parsed), regular expressions compiled, signal kinds
/// indexed, evidence that does not depend on the lead written out. Scoring then reads each field
/// once and makes one pass over the lead's signals. Rescoring a lead with the memo its last
/// scoring left (``scoreWithReview(_:memo:)``), when its facts have not changed since, reads
/// neither again. A rule scorer always has an opinion: it never returns `nil`.
///
/// ```swift
/// let scorer = RuleScorer(.standard)
/// let card = scorer.score(ScoringInput(state: state, now: now))!
/// print(card.total, card.grade ?? "")          // 65.0 B1
/// for contribution in card.contributions {     // replied +25: 1 reply to a text or email
///     print(contribution.rule, contribution.points, contribution.evidence)
/// }
/// ```
///
/// Contributions are listed fit rules first, then profiles, then target-account lists, then
/// engagement rules, each in the order of the section. Points are rounded to hundredths, and the card's `fit` and
/// `engagement` are the sums of the rounded contributions of each axis, so an explanation always
/// adds up. A rule whose points decay to zero gives no contribution.
///
/// Invalid rules (see ``ScoringRules/problems()``) do not stop the scorer: a rule with an invalid
/// regular expression never matches. Validate the section before use.
public struct RuleScorer: LeadScorer {
    /// The rules the scorer was made from.
    public let rules: ScoringRules
    private let fitRules: [CompiledFitRule]
    private let profiles: [CompiledProfile]
    let engagementRules: [CompiledEngagementRule]
    /// Tells this scorer's memos from another's.
    private let identity = Identity()
    let kindTable: SignalKindTable
    /// What the signal loop needs of each engagement rule, as plain values.
    private let engagementGates: [CompiledEngagementRule.Gate]
    /// Words of a bit mask with one bit per engagement rule.
    private let maskWords: Int
    /// Tells machines' opens and clicks from people's, when the rules say how.
    private let judge: MachineSignalJudge?
    /// Words per counted signal: its time, the rule mask and, with a judge, its machine reasons.
    private let signalWords: Int
    /// The target-account lists each account (normalised) is on.
    private let targetLists: [String: [Int]]
    private let grades: [String]
    /// The tests of the fit rules and profiles, as plain data.
    private let fitProgram: FitProgram

    /// Compiles the rules.
    ///
    /// - Parameter rules: the scoring section; validate it with ``ScoringRules/problems()`` first.
    public init(_ rules: ScoringRules) {
        self.rules = rules
        fitRules = rules.fit.map(CompiledFitRule.init)
        engagementRules = rules.engagement.map { CompiledEngagementRule($0, decay: rules.decay) }
        profiles = rules.icp.map(CompiledProfile.init)
        kindTable = SignalKindTable(rules.engagement)
        engagementGates = engagementRules.map(\.gate)
        maskWords = (engagementRules.count + 63) / 64
        judge = rules.machineSignals.map(MachineSignalJudge.init)
        signalWords = 1 + maskWords + (rules.machineSignals == nil ? 0 : 1)
        var lists: [String: [Int]] = [:]
        for (index, list) in rules.targetAccounts.enumerated() {
            for account in Set(list.accounts.map(TargetAccountList.normalise)) {
                lists[account, default: []].append(index)
            }
        }
        targetLists = lists
        fitProgram = FitProgram(fit: rules.fit, profiles: rules.icp)
        grades = GradeScale.fitGrades.flatMap { fit in GradeScale.engagementGrades.map { fit + $0 } }
    }

    /// Scores the lead at `input.now`.
    ///
    /// - Parameter input: the lead's state and the time to score at; signals after `now` are
    ///   ignored, so scoring at a past time reproduces what was known then.
    /// - Returns: the card with every contribution; never `nil`.
    public func score(_ input: ScoringInput) -> ScoreCard? {
        scored(input, reviewing: false).card
    }

    /// Scores the lead and says when its card will next change by time alone, in one pass over
    /// its signals: the card ``score(_:)`` gives and the time ``nextReview(_:after:)`` gives for
    /// it.
    ///
    /// - Parameter input: the lead's state and the time to score at.
    /// - Returns: the card and its review time (`nil` when time alone cannot change the card);
    ///   never `nil` itself.
    public func scoreWithReview(_ input: ScoringInput) -> (card: ScoreCard, review: Date?)? {
        let (card, review, _) = scored(input, reviewing: true)
        return (card, review)
    }

    /// Scores the lead as ``scoreWithReview(_:)`` does, reusing the memo of its last scoring;
    /// the engine rescores this way.
    ///
    /// A card that time will change leaves a memo of what the rules found in the lead's fields
    /// and signals. When the lead is scored again with that memo before its fields or signals
    /// change — the engine's rescoring when the review time comes — the scorer reads neither
    /// again and works out only what time changes: windows, decay and the next review.
    ///
    /// - Parameters:
    ///   - input: the lead's state and the time to score at.
    ///   - memo: the memo of the lead's last scoring, if any (another scorer's, or one made from
    ///     other facts, is not used); on return, the memo to keep, or `nil` when time alone
    ///     cannot change the card.
    /// - Returns: the card and its review time; never `nil`.
    public func scoreWithReview(
        _ input: ScoringInput, memo: inout (any ScoringMemo)?
    ) -> (card: ScoreCard, review: Date?)? {
        let (card, review, left) = scored(input, reviewing: true, memo: memo as? RuleMemo, keepsMemo: true)
        memo = left
        return (card, review)
    }

    /// The card and, when `reviewing`, its review time.
    ///
    /// With a memo this scorer made from the lead's current facts, the lead is not read again:
    /// the fit part and the signals each rule counts come from the memo, and only windows,
    /// decay and the review time are worked out at `now`. Otherwise, with `keepsMemo`, a card
    /// with a review time comes with a new memo.
    func scored(
        _ input: ScoringInput, reviewing: Bool, memo: RuleMemo? = nil, keepsMemo: Bool = false
    ) -> (card: ScoreCard, review: Date?, memo: RuleMemo?) {
        let now = input.now.timeIntervalSinceReferenceDate
        var review: ReviewFacts? = reviewing ? ReviewFacts() : nil
        if let memo, memo.scorer === identity, memo.holds(input.state) {
            var card = memo.fitPart
            card.contributions.reserveCapacity(card.contributions.count + engagementRules.count)
            if !memo.counted.isEmpty {
                memo.counted.withUnsafeBufferPointer { scoreEngagement($0, now: now, into: &card, review: &review) }
            }
            let date = review.flatMap { reviewDate($0, fit: card.fit, engagement: card.engagement, now: input.now) }
            return (finish(card, input), date, date != nil ? memo : nil)
        }
        var card = CardBuilder()
        scoreFit(input.state.lead, into: &card)
        let fitPart = keepsMemo ? card : CardBuilder()
        let signals = input.state.signals
        let capacity = engagementRules.isEmpty ? 0 : signals.count * signalWords
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: capacity) { buffer in
            let counted = UnsafeBufferPointer(rebasing: buffer[..<countSignals(signals, into: buffer)])
            if !counted.isEmpty { scoreEngagement(counted, now: now, into: &card, review: &review) }
            let date = review.flatMap { reviewDate($0, fit: card.fit, engagement: card.engagement, now: input.now) }
            // Only a card that time will change leaves a memo: the engine rescores it when that
            // time comes.
            guard keepsMemo, date != nil else { return (finish(card, input), date, nil) }
            let memo = RuleMemo(
                scorer: identity, lead: input.state.lead, signals: signals, fitPart: fitPart,
                counted: Array(counted), signalWords: signalWords)
            return (finish(card, input), date, memo)
        }
    }

    /// The card, graded.
    @inline(__always)
    private func finish(_ card: CardBuilder, _ input: ScoringInput) -> ScoreCard {
        let scale = rules.grades
        let grade = grades[scale.fit.index(of: card.fit) * 4 + scale.engagement.index(of: card.engagement)]
        return ScoreCard(
            scorer: rules.scorer, fit: card.fit, engagement: card.engagement, grade: grade,
            contributions: card.contributions, playbookVersion: input.playbookVersion)
    }

    /// Adds the contributions of the fit rules, profiles and target-account lists.
    private func scoreFit(_ lead: Lead, into card: inout CardBuilder) {
        if !fitProgram.isEmpty {
            // Locals, so that the closure does not capture (and copy) the whole scorer.
            let fitRules = fitRules
            let profiles = profiles
            let slots = fitProgram.ruleSlots
            let profileTests = fitProgram.profileTests
            fitProgram.run(lead) { values, passed in
                for index in fitRules.indices where passed[index] {
                    card.add(fitRules[index].contribution(values[slots[index]]))
                }
                for (index, tests) in profileTests.enumerated()
                where !tests.isEmpty && tests.allSatisfy({ passed[$0] }) {
                    card.add(profiles[index].contribution)
                }
            }
        }
        if !targetLists.isEmpty {
            scoreTargetAccounts(lead, into: &card)
        }
    }

    /// Writes the signals some engagement rule counts by kind into `counted`, as
    /// ``RuleMemo/counted`` lists them: each one's time, the rules whose property conditions it
    /// also meets and, when the rules judge machine signals, why it is a machine's.
    ///
    /// - Parameter counted: room for ``signalWords`` words per signal.
    /// - Returns: the number of words written.
    private func countSignals(_ signals: [Signal], into counted: UnsafeMutableBufferPointer<UInt64>) -> Int {
        guard !engagementRules.isEmpty else { return 0 }
        let engagementRules = engagementRules
        let stride = signalWords
        let maskEnd = 1 + maskWords
        var used = 0
        // Read signals in place (copying each `Signal` would retain all of its fields), and
        // rules as plain gates: only rules with conditions are asked about the signal.
        signals.withUnsafeBufferPointer { signals in
            let reasons = judge?.reasons(signals)
            kindTable.rules.withUnsafeBufferPointer { ruleIndices in
                for position in signals.indices {
                    let slots = kindTable.rules(for: signals[position].kind)
                    guard !slots.isEmpty else { continue }
                    counted[used] = signals[position].occurredAt.timeIntervalSinceReferenceDate.bitPattern
                    for word in 1..<maskEnd { counted[used + word] = 0 }
                    if let reasons { counted[used + maskEnd] = UInt64(reasons[position]) }
                    for slot in slots {
                        let index = ruleIndices[slot]
                        if engagementGates[index].hasConditions,
                            !engagementRules[index].passesConditions(signals, position)
                        {
                            continue
                        }
                        counted[used + 1 + index >> 6] |= 1 << UInt64(index & 63)
                    }
                    used += stride
                }
            }
        }
        return used
    }

    /// The fit bonus of each target-account list the lead's account is on.
    private func scoreTargetAccounts(_ lead: Lead, into card: inout CardBuilder) {
        guard let account = Self.accountKey(of: lead), let indices = targetLists[account] else { return }
        for index in indices {
            let list = rules.targetAccounts[index]
            card.add(
                ScoreCard.Contribution(
                    rule: list.name, axis: .fit, points: roundPoints(list.points),
                    evidence: "account \(account) is on the target-account list \(list.name)"))
        }
    }

    /// The account a lead belongs to, as target lists name it: its account id, else its email's
    /// domain.
    static func accountKey(of lead: Lead) -> String? {
        if let account = lead.accountID?.rawValue, !account.isEmpty { return TargetAccountList.normalise(account) }
        guard let email = lead.email, let at = email.lastIndex(of: "@") else { return nil }
        let domain = TargetAccountList.normalise(String(email[email.index(after: at)...]))
        return domain.isEmpty ? nil : domain
    }

    /// Tallies the signals each engagement rule counts at `now` (seconds since the reference
    /// date) and adds the rules' contributions. With `review`, also notes when a signal enters
    /// or leaves a rule's view, or steps down under step decay, and the points of decaying rules
    /// on each axis.
    ///
    /// - Parameter counted: the signals, as ``countSignals(_:into:)`` writes them.
    private func scoreEngagement(
        _ counted: UnsafeBufferPointer<UInt64>, now: Double, into card: inout CardBuilder, review: inout ReviewFacts?
    ) {
        let decay = rules.decay
        let engagementRules = engagementRules
        let stride = signalWords
        let maskEnd = 1 + maskWords
        let machineWeight = judge?.weight ?? 1
        withUnsafeTemporaryAllocation(of: EngagementTally.self, capacity: engagementRules.count) { tallies in
            tallies.initialize(repeating: EngagementTally())
            engagementGates.withUnsafeBufferPointer { gates in
                for start in Swift.stride(from: 0, to: counted.count, by: stride) {
                    let at = Double(bitPattern: counted[start])
                    let age = now - at
                    guard age >= 0 else {
                        // A signal dated after `now` comes into view at its time.
                        if review != nil { review!.next = Swift.min(review!.next, at) }
                        continue
                    }
                    // One decay factor per signal, worked out when a decaying rule first needs it.
                    var signalFactor = -1.0
                    let reasons = stride > maskEnd ? UInt8(truncatingIfNeeded: counted[start + maskEnd]) : 0
                    for word in 1..<maskEnd {
                        var bits = counted[start + word]
                        while bits != 0 {
                            let index = (word - 1) << 6 + bits.trailingZeroBitCount
                            bits &= bits - 1
                            let gate = gates[index]
                            guard age <= gate.window else { continue }
                            let counts = reasons == 0 || machineWeight > 0
                            if review != nil {
                                review!.note(
                                    signalAt: at, age: age, window: gate.window, decays: gate.decays && counts, decay)
                            }
                            if gate.decays, counts, signalFactor < 0 { signalFactor = decay.factor(age: age) }
                            let factor = gate.decays ? signalFactor : 1
                            if reasons == 0 {
                                tallies[index].add(age: age, factor: factor)
                            } else {
                                tallies[index].addMachine(
                                    age: age, factor: factor * machineWeight, weight: machineWeight, reasons: reasons)
                            }
                        }
                    }
                }
            }
            for index in engagementRules.indices where tallies[index].count > 0 || tallies[index].machineCount > 0 {
                let rule = engagementRules[index]
                if let (contribution, earned) = rule.contribution(tallies[index], judge: judge) {
                    if review != nil, rule.decays {
                        review!.addDecaying(contribution.points, axis: rule.axis, unrounded: earned)
                    }
                    card.add(consume contribution)
                }
            }
        }
    }
}

/// The card being built: its contributions and the sums of each axis.
struct CardBuilder: Sendable {
    var contributions: [ScoreCard.Contribution] = []
    var fit = 0.0
    var engagement = 0.0

    @inline(__always)
    mutating func add(_ contribution: consuming ScoreCard.Contribution) {
        if contributions.isEmpty { contributions.reserveCapacity(12) }
        if contribution.axis == .fit { fit += contribution.points } else { engagement += contribution.points }
        contributions.append(contribution)
    }
}

/// What one engagement rule saw in one scoring: how many signals qualified, their summed decay
/// factors and the age of the newest that counts; and apart, the machines' signals.
struct EngagementTally {
    /// People's signals.
    var count = 0
    var factorSum = 0.0
    var newestAge = Double.infinity
    /// Machines' signals, whatever they count for.
    var machineCount = 0
    /// What the machines' signals count for together (each counts the judge's weight).
    var machineWeight = 0.0
    /// Why they are machines', as a mask of ``MachineSignals/Reason/bit``.
    var machineReasons: UInt8 = 0

    @inline(__always)
    mutating func add(age: Double, factor: Double) {
        count += 1
        factorSum += factor
        if age < newestAge { newestAge = age }
    }

    /// Adds a machine's signal, which counts as `weight` of one (not at all at 0).
    mutating func addMachine(age: Double, factor: Double, weight: Double, reasons: UInt8) {
        machineCount += 1
        machineReasons |= reasons
        guard weight > 0 else { return }
        machineWeight += weight
        factorSum += factor
        if age < newestAge { newestAge = age }
    }

    /// The signals that count towards `atLeast`: people's, and machines' at their weight.
    @inline(__always)
    func reaches(_ atLeast: Int) -> Bool {
        machineCount == 0 ? count >= atLeast : Double(count) + machineWeight >= Double(atLeast) - 1e-9
    }
}

extension RuleScorer {
    /// Tells one scorer's memos from another's: a memo is used only by the scorer (and its
    /// copies) that made it, whose compiled rules it indexes.
    final class Identity: Sendable {}
}

/// Rounds points to hundredths, the precision cards show.
@inline(__always)
func roundPoints(_ points: Double) -> Double {
    (points * 100).rounded() / 100
}
