import Foundation
public import LeadModel

/// Marketing's commitments against the actuals, per period, folded from the journal.
///
/// A projection: feed every event in journal order to ``apply(_:)``, then read ``results(at:)``.
/// A lead counts once per commitment and period, with the fit score it had when it entered the
/// stage.
///
/// ```swift
/// var tracker = CommitmentTracker(commitments: section.commitments, timeZone: "America/New_York")
/// for event in journal { tracker.apply(event) }
/// for result in tracker.results() where !result.isMet { print(result.reasons) }
/// ```
public struct CommitmentTracker: Sendable {
    private struct Tally: Sendable {
        var leads: Set<LeadID> = []
        var accepted = 0
        var rejected = 0
        var recycled = 0
    }

    /// The commitments tracked.
    public let commitments: [MarketingCommitment]
    private let calendar: Calendar
    private var fit: [LeadID: Double] = [:]
    private var tallies: [Int: [Date: Tally]] = [:]

    /// Makes an empty tracker.
    ///
    /// - Parameters:
    ///   - commitments: the commitments to track.
    ///   - timeZone: the IANA zone periods are cut in; UTC when unknown.
    public init(commitments: [MarketingCommitment], timeZone: String = "UTC") {
        self.commitments = commitments
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(secondsFromGMT: 0)!
        self.calendar = calendar
    }

    /// Folds one event: scores, stage changes and dispositions count; others are ignored.
    ///
    /// - Parameter event: an event of any lead, in journal order.
    public mutating func apply(_ event: LeadEvent) {
        switch event.payload {
        case .scored(let card):
            fit[event.leadID] = card.fit
        case .stageChanged(let change):
            for (index, commitment) in commitments.enumerated() {
                guard let volume = commitment.volume, volume.stage == change.to else { continue }
                if let floor = volume.fitAtLeast, (fit[event.leadID] ?? -.infinity) < floor { continue }
                let start = periodStart(commitment.per, event.occurredAt)
                tallies[index, default: [:]][start, default: Tally()].leads.insert(event.leadID)
            }
        case .dispositionRecorded(let disposition):
            for (index, commitment) in commitments.enumerated() where commitment.acceptanceRate != nil {
                let start = periodStart(commitment.per, event.occurredAt)
                switch disposition.outcome {
                case .accepted: tallies[index, default: [:]][start, default: Tally()].accepted += 1
                case .rejected: tallies[index, default: [:]][start, default: Tally()].rejected += 1
                case .recycled: tallies[index, default: [:]][start, default: Tally()].recycled += 1
                }
            }
        default:
            return
        }
    }

    /// Every commitment in every period with activity, or only the period containing `instant`
    /// (which is reported even when nothing happened in it), by commitment then period.
    ///
    /// - Parameter instant: an instant whose period to report; `nil` for all periods seen.
    /// - Returns: one result per commitment and period.
    public func results(at instant: Date? = nil) -> [CommitmentResult] {
        var results: [CommitmentResult] = []
        for (index, commitment) in commitments.enumerated() {
            let periods = tallies[index] ?? [:]
            let starts = instant.map { [periodStart(commitment.per, $0)] } ?? periods.keys.sorted()
            for start in starts {
                results.append(result(commitment, start: start, tally: periods[start] ?? Tally()))
            }
        }
        return results
    }

    private func result(_ commitment: MarketingCommitment, start: Date, tally: Tally) -> CommitmentResult {
        if let volume = commitment.volume {
            let fitText = volume.fitAtLeast.map { " with fit ≥ \(Self.number($0))" } ?? ""
            let met = tally.leads.count >= volume.atLeast
            let counted = tally.leads.count == 1 ? "1 lead" : "\(tally.leads.count) leads"
            return CommitmentResult(
                commitment: commitment.name, periodStart: start, actual: Double(tally.leads.count),
                target: Double(volume.atLeast), isMet: met,
                reasons: [
                    Reason(
                        rule: "commitment:\(commitment.name)",
                        detail:
                            "\(counted) entered \(volume.stage)\(fitText) this \(commitment.per.rawValue), "
                            + "\(volume.atLeast) promised: \(met ? "met" : "short by \(volume.atLeast - tally.leads.count)")"
                    )
                ])
        }
        let floor = commitment.acceptanceRate?.atLeast ?? 0
        let decided = tally.accepted + tally.rejected
        let rate = decided > 0 ? Double(tally.accepted) / Double(decided) : nil
        let met = rate.map { $0 >= floor } ?? false
        let rateText = rate.map { "\(Self.number($0 * 100))%" } ?? "no accept or reject yet"
        return CommitmentResult(
            commitment: commitment.name, periodStart: start, actual: rate, target: floor, isMet: met,
            reasons: [
                Reason(
                    rule: "commitment:\(commitment.name)",
                    detail:
                        "\(tally.accepted) accepted, \(tally.rejected) rejected (\(tally.recycled) recycled apart): "
                        + "\(rateText) against a floor of \(Self.number(floor * 100))%")
            ])
    }

    private func periodStart(_ period: MarketingCommitment.Period, _ instant: Date) -> Date {
        let component: Calendar.Component = period == .week ? .weekOfYear : .month
        return calendar.dateInterval(of: component, for: instant)?.start ?? instant
    }

    private static func number(_ value: Double) -> String { NumberText.format(value) }
}
