import Feedback
import Foundation
public import LeadModel
public import Scoring

/// A training set read from the journal: one row per lead with a known outcome.
///
/// - Converted: the lead reached a converted stage, ``Feedback/FeedbackFacts/standardConvertedStages``
///   (`opportunity` or `won`, as for the feedback reports and ``Scoring/TrainingSet/decidedLeads(_:)``;
///   the first time it did is the outcome time).
/// - Not converted: otherwise, the lead reached `lost` or `disqualified`, or sales rejected it
///   (a disposition with outcome `rejected`); the first of these is the outcome time.
/// - Every other lead (still open, merged into another) is left out.
///
/// Each row's features are ``Scoring/LeadFeatures`` as of the outcome time, so signals recorded after
/// the outcome never leak into training. Lead attributes are the current ones. Columns are the
/// union of every row's features, sorted by name; a column is numeric when every value it has is
/// a number. ``Scoring/TrainingRow/observedAt`` is the lead's capture time.
public struct JournalTrainingData: Sendable {
    /// The rows and feature columns.
    public var set: TrainingSet
    /// Leads in the journal (survivors of merges only).
    public var leads: Int
    /// Leads left out because their outcome is not known yet.
    public var undecided: Int

    /// Reads the whole journal, holding its events in memory grouped by lead while it folds them.
    ///
    /// - Parameter store: the journal.
    /// - Throws: what the store throws; ``LearningError`` `noData` when no lead has an outcome.
    public init(store: some EventStore) async throws {
        var streams: [LeadID: [LeadEvent]] = [:]
        var order: [LeadID] = []
        for try await event in store.events(from: .start) {
            if streams[event.leadID] == nil { order.append(event.leadID) }
            streams[event.leadID, default: []].append(event)
        }
        var features: [[String: FeatureValue]] = []
        var outcomes: [(converted: Bool, capturedAt: Date, lead: LeadID)] = []
        var leads = 0
        for id in order {
            guard let events = streams[id], let state = LeadState.fold(events), state.mergedInto == nil else {
                continue
            }
            leads += 1
            guard let outcome = Self.outcome(state, events) else { continue }
            features.append(LeadFeatures.extract(state, asOf: outcome.at))
            outcomes.append((outcome.converted, state.createdAt, id))
        }
        guard !features.isEmpty else {
            throw LearningError(
                .noData,
                message:
                    "no lead in the journal has an outcome yet (opportunity or won; lost, disqualified or rejected)")
        }
        var kinds: [String: FeatureKind] = [:]
        for row in features {
            for (name, value) in row {
                switch value {
                case .number: if kinds[name] == nil { kinds[name] = .numeric }
                case .category: kinds[name] = .categorical
                case .missing: if kinds[name] == nil { kinds[name] = .numeric }
                }
            }
        }
        let names = kinds.keys.sorted()
        let rows = zip(features, outcomes).map { row, outcome in
            TrainingRow(
                values: names.map { LeadFeatures.value($0, in: row) }, converted: outcome.converted,
                observedAt: outcome.capturedAt, origin: outcome.lead.rawValue)
        }
        set = try TrainingSet(columns: names.map { TrainingColumn($0, kinds[$0]!) }, rows: rows)
        self.leads = leads
        undecided = leads - rows.count
    }

    /// The lead's outcome and when it was decided, or `nil` while it is open.
    static func outcome(_ state: LeadState, _ events: [LeadEvent]) -> (converted: Bool, at: Date)? {
        if let entry = state.stageHistory.first(where: { FeedbackFacts.standardConvertedStages.contains($0.stage) }) {
            return (true, entry.enteredAt)
        }
        var ends = state.stageHistory.filter { $0.stage == .lost || $0.stage == .disqualified }.map(\.enteredAt)
        for event in events {
            if case .dispositionRecorded(let disposition) = event.payload, disposition.outcome == .rejected {
                ends.append(event.occurredAt)
            }
        }
        return ends.min().map { (false, $0) }
    }
}
