public import LeadModel

/// How many distinct people reached each stage: the first row of the shared scoreboard.
///
/// A projection folded from the journal in one pass. A lead merged into another counts once
/// (as the survivor): its own capture is subtracted when the merge is seen. A lead counts at a
/// stage if it ever entered it, so recycled leads are not counted twice.
///
/// ```swift
/// var funnel = StageFunnel()
/// for try await event in store.events() { funnel.apply(event) }
/// print(funnel.reached(.mql), funnel.conversion(from: .lead, to: .mql) ?? 0)
/// ```
public struct StageFunnel: Hashable, Sendable {
    private var stagesByLead: [LeadID: Set<Stage>] = [:]
    private var mergedAway: Set<LeadID> = []
    /// Signals recorded, including duplicates' signals.
    public private(set) var signalCount = 0

    public init() {}

    /// Folds one event.
    public mutating func apply(_ event: LeadEvent) {
        switch event.payload {
        case .captured(_, let stage):
            stagesByLead[event.leadID, default: []].insert(stage)
        case .stageChanged(let change):
            stagesByLead[event.leadID, default: []].insert(change.to)
        case .signalRecorded:
            signalCount += 1
        case .mergedInto:
            mergedAway.insert(event.leadID)
        case .merged(let record):
            if let stages = stagesByLead[record.absorbed] {
                stagesByLead[event.leadID, default: []].formUnion(stages)
            }
        default:
            break
        }
    }

    /// The number of distinct people captured (merged duplicates counted once).
    public var leads: Int { stagesByLead.count - mergedAway.count }

    /// The number of leads merged into another.
    public var merged: Int { mergedAway.count }

    /// The number of distinct people that ever entered `stage`.
    public func reached(_ stage: Stage) -> Int {
        stagesByLead.count { id, stages in !mergedAway.contains(id) && stages.contains(stage) }
    }

    /// The share of leads that reached `from` and also reached `to`; `nil` when none reached
    /// `from`.
    public func conversion(from: Stage, to: Stage) -> Double? {
        var base = 0
        var converted = 0
        for (id, stages) in stagesByLead where !mergedAway.contains(id) && stages.contains(from) {
            base += 1
            if stages.contains(to) { converted += 1 }
        }
        return base == 0 ? nil : Double(converted) / Double(base)
    }
}
