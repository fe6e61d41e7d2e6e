/// Which leads and facts a scoreboard counts for its period.
public enum ScoreboardView: String, Hashable, Sendable, Codable, CaseIterable {
    /// **Cohort view**: the people *created* in the period, followed to their outcome whenever it
    /// came (up to the end of the journal). Answers "how good were the leads we got in October?".
    /// Rates are true conversion rates, between 0 and 1.
    case cohort
    /// **Activity view**: what *happened* in the period, whoever it happened to — stages entered,
    /// deals opened and closed, dispositions, SLA outcomes, first touches. Answers "what did the
    /// teams do in October?". Stage ratios are flow ratios (SQLs entered ÷ MQLs entered) and can
    /// exceed 1.
    case activity
}

/// A dimension a scoreboard can be sliced by. Each person belongs to exactly one slice, so slice
/// rows of counts and amounts sum to the total row.
public enum SliceDimension: String, Hashable, Sendable, Codable, CaseIterable {
    /// The lead's source (channel), as captured.
    case source
    /// The lead's campaign.
    case campaign
    /// The lead's `segment` attribute.
    case segment
    /// People by the rep (or queue) the lead was last assigned to; deals by their own owner, else
    /// the lead's.
    case owner
    /// People by the product of their latest deal, else their `product` attribute; deals by their
    /// own product, else the person's.
    case product
}
