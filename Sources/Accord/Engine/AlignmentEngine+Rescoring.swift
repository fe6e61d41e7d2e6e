import Foundation
public import LeadModel
public import Scoring

extension AlignmentEngine {
    /// What one rescoring sweep did.
    public struct RescoreSweep: Hashable, Sendable {
        /// Leads whose review time had come and were scored again.
        public var reviewed = 0
        /// Events the sweep appended: changed score cards, and the stage changes, routing and
        /// clocks the qualification policy made of them.
        public var eventsAppended = 0

        public init(reviewed: Int = 0, eventsAppended: Int = 0) {
            self.reviewed = reviewed
            self.eventsAppended = eventsAppended
        }
    }

    /// Rescores the leads whose cards time alone has changed — engagement decayed past a grade
    /// boundary, a signal left a rule's window — without waiting for a new signal.
    ///
    /// Every scoring asks the scorer when the card will next change
    /// (``Scoring/LeadScorer/nextReview(_:after:)``); the engine keeps those times in a heap, so a sweep
    /// costs what is due, not what is scored. The first sweep after the engine opens reviews
    /// every scored lead once, as the review times are not journaled; so does the first sweep
    /// after it folds a card another engine on the same journal scored. A changed card is recorded
    /// as a `scored` event and goes through the qualification policy like any other.
    ///
    /// Call it from the same timer as ``tick()``; `accord rescore` runs one sweep.
    ///
    /// - Returns: how many leads were reviewed and how many events the sweep appended.
    /// - Throws: ``LeadModel/EventStoreError`` when the journal cannot be written.
    @discardableResult
    public func rescoreDue() async throws -> RescoreSweep {
        guard policies.scorer != nil else { return RescoreSweep() }
        let now = configuration.now()
        if !projections.rescoreSchedule.isComplete {
            // In id order, so that leads due together are rescored (and journaled) in the same
            // order on every run.
            let scored = projections.leads.values.filter { $0.score != nil && $0.mergedInto == nil && !$0.isErased }
            for id in scored.map(\.id).sorted() { projections.rescoreSchedule.set(id, at: now) }
            projections.rescoreSchedule.isComplete = true
        }
        var sweep = RescoreSweep()
        while true {
            let due = projections.rescoreSchedule.popDue(at: now, limit: Self.rescoreBatch)
            guard !due.isEmpty else { break }
            sweep.reviewed += due.count
            sweep.eventsAppended += try await score(due)
        }
        return sweep
    }

    /// Leads rescored per journal commit in a sweep.
    static let rescoreBatch = 1_000

    /// When the next lead falls due for rescoring; `nil` when none is scheduled or before the
    /// first sweep has scheduled the leads the engine opened with.
    public func nextRescoreDue() -> Date? {
        projections.rescoreSchedule.nextDue
    }

    /// An account's score rolled up from its contacts' current cards by the playbook's
    /// ``Scoring/AccountRollup`` (best contact fit plus summed engagement, capped).
    ///
    /// - Parameter id: the account.
    /// - Returns: the score, or `nil` when the account is unknown or none of its contacts is
    ///   scored.
    public func accountScore(_ id: AccountID) -> AccountScore? {
        let cards = contacts(of: id).compactMap { state in state.score.map { (lead: state.id, card: $0) } }
        guard !cards.isEmpty else { return nil }
        return AccountScore(
            account: id, contacts: cards, rollup: playbook.scoring?.accountRollup ?? .standard,
            grades: playbook.scoring?.grades ?? .standard)
    }
}
