import Foundation
import LeadModel

/// Counts what a journal's events did in a period, for one side of a ``WhatIfReport``, and
/// what became of each lead overall.
struct JournalTally {
    let period: DateInterval?
    let handoff: Stage
    let converted: Set<Stage>

    var side = WhatIfReport.Side()
    var handedOff: Set<LeadID> = []
    /// Leads that reached a converted stage, at any time.
    var convertedLeads: Set<LeadID> = []
    /// The latest disposition of each lead, at any time.
    var verdicts: [LeadID: Disposition.Outcome] = [:]
    /// Leads handed off at any time.
    var everHandedOff: Set<LeadID> = []
    var survivors: [LeadID: LeadID] = [:]
    private var captured: Set<LeadID> = []

    init(period: DateInterval?, handoff: Stage, converted: Set<Stage>) {
        self.period = period
        self.handoff = handoff
        self.converted = converted
    }

    func inPeriod(_ date: Date) -> Bool {
        guard let period else { return true }
        return date >= period.start && date < period.end
    }

    mutating func add(_ event: LeadEvent) {
        let inside = inPeriod(event.occurredAt)
        let lead = event.leadID
        switch event.payload {
        case .captured(_, let stage):
            // A person captured again (a second source) is not a new lead.
            if captured.insert(lead).inserted, inside { side.enteredStage[stage.rawValue, default: 0] += 1 }
        case .stageChanged(let change):
            if converted.contains(change.to) { convertedLeads.insert(lead) }
            if change.to == handoff { everHandedOff.insert(lead) }
            guard inside else { break }
            side.enteredStage[change.to.rawValue, default: 0] += 1
            if change.to == handoff {
                side.handoffs += 1
                handedOff.insert(lead)
            }
        case .assigned(let assignment) where inside:
            switch assignment.owner {
            case .rep(let rep): side.assignmentsByRep[rep, default: 0] += 1
            case .queue: side.queued += 1
            }
        // First-touch clocks only: verdicts are not replayed, so disposition clocks cannot compare.
        case .slaStarted(let clock) where inside && !clock.id.isDisposition: side.clocksStarted += 1
        case .slaMet(let id) where inside && !id.isDisposition: side.clocksMet += 1
        case .slaBreached(let id) where inside && !id.isDisposition: side.clocksBreached += 1
        case .slaEscalated where inside: side.escalations += 1
        case .dispositionRecorded(let disposition): verdicts[lead] = disposition.outcome
        case .mergedInto(let survivor): survivors[lead] = survivor
        default: break
        }
    }

    /// The lead a merged lead lives on in.
    func survivor(of lead: LeadID) -> LeadID {
        var current = lead
        var hops = 0
        while let next = survivors[current], hops < 64 {
            current = next
            hops += 1
        }
        return current
    }

    /// What became of `leads` in this journal.
    func outcomes(of leads: some Sequence<LeadID>) -> WhatIfReport.Outcomes {
        var outcomes = WhatIfReport.Outcomes()
        for lead in Set(leads.map(survivor)) {
            if convertedLeads.contains(lead) {
                outcomes.converted += 1
            } else if let verdict = verdicts[lead] {
                switch verdict {
                case .rejected: outcomes.rejected += 1
                case .recycled: outcomes.recycled += 1
                case .accepted: outcomes.acceptedOpen += 1
                }
            } else if everHandedOff.contains(lead) {
                outcomes.undecided += 1
            } else {
                outcomes.neverHandedOff += 1
            }
        }
        return outcomes
    }
}
