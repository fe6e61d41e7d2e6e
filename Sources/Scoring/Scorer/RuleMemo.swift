import LeadModel

/// What a ``RuleScorer`` found in a lead's facts, left with the engine so that scoring the same
/// facts again, at a later time, redoes only what time changes: windows, decay and the review
/// time.
///
/// It keeps the fit part of the card (fit rules, profiles and target-account lists depend on
/// the lead's fields alone) and, for each signal whose kind some engagement rule counts, the
/// signal's time and the rules whose property conditions it meets.
///
/// The memo holds the lead and the signal array it was made from. A state has the same facts
/// when its lead is equal and its signals are that very array: while the memo holds the
/// array's storage, the storage cannot be freed or changed, as any change to the state's
/// signals copies them first. So a memo is never used for facts it was not made from.
final class RuleMemo: ScoringMemo {
    /// The scorer that made the memo; another scorer's memo is not used.
    let scorer: RuleScorer.Identity
    let lead: Lead
    let signals: [Signal]
    /// The contributions of fit rules, profiles and target-account lists, which depend on the
    /// lead's fields alone, and their points on each axis.
    let fitPart: CardBuilder
    /// For each signal whose kind some engagement rule counts, in the lead's order: the bit
    /// pattern of its time in seconds since the reference date, then words whose bits say which
    /// engagement rules (by index) count it, its kind and property conditions matching whatever
    /// its age, and — when the rules judge machine signals — the reasons it is a machine's.
    let counted: [UInt64]
    /// Words per signal in ``counted``.
    let signalWords: Int

    init(
        scorer: RuleScorer.Identity, lead: Lead, signals: [Signal], fitPart: CardBuilder, counted: [UInt64],
        signalWords: Int
    ) {
        self.scorer = scorer
        self.lead = lead
        self.signals = signals
        self.fitPart = fitPart
        self.counted = counted
        self.signalWords = signalWords
    }

    /// Whether `state` has the facts the memo was made from.
    @inline(__always)
    func holds(_ state: LeadState) -> Bool {
        let sameSignals = signals.withUnsafeBufferPointer { kept in
            state.signals.withUnsafeBufferPointer { current in
                kept.count == current.count && kept.baseAddress == current.baseAddress
            }
        }
        return sameSignals && lead == state.lead
    }
}
