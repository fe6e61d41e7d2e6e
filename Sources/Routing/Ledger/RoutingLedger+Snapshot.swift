import Foundation
import LeadModel

extension RoutingLedger {
    /// The ledger as bytes, so that an engine can keep it next to its lead-state snapshot and
    /// open without folding the journal again.
    ///
    /// - Throws: `EncodingError` when the ledger cannot be encoded (it always can).
    package func snapshotBytes() throws -> [UInt8] {
        Array(try JSONEncoder().encode(Stored(self)))
    }

    /// The ledger that ``snapshotBytes()`` stored, if it was folded under the definitions
    /// `template` has: the same closed and opportunity stages and the same routing-section reps
    /// in the same order (a playbook change to any of them changes how the journal folds).
    ///
    /// - Parameters:
    ///   - bytes: what ``snapshotBytes()`` returned.
    ///   - template: an empty ledger made from today's routing section.
    /// - Returns: `nil` when the definitions differ, or the snapshot does not hang together
    ///   (a rep listed twice); fold the journal instead.
    /// - Throws: `DecodingError` when the bytes are not a ledger snapshot.
    package init?(snapshotBytes bytes: [UInt8], template: RoutingLedger) throws {
        let stored = try JSONDecoder().decode(Stored.self, from: Data(bytes))
        let rosterReps = template.repNumbers.sorted { $0.value < $1.value }.map(\.key).prefix(template.roster.count)
        guard Set(stored.closedStages) == template.closedStages,
            Set(stored.opportunityStages) == template.opportunityStages,
            stored.rosterCount == template.roster.count,
            stored.reps.prefix(stored.rosterCount) == rosterReps,
            stored.loads.count == stored.reps.count, Set(stored.reps).count == stored.reps.count
        else { return nil }
        self = template
        for (key, value) in stored.leads { leads[key] = value }
        repNumbers = Dictionary(uniqueKeysWithValues: stored.reps.enumerated().map { ($0.element, $0.offset) })
        repLoads = ContiguousArray(stored.loads)
        for (key, value) in stored.owners { owners[key] = value }
        for (key, value) in stored.opportunities { opportunities[key] = value }
        rotations = stored.rotations.mapValues { PoolRotation(current: $0.current, turns: $0.turns) }
        latest = stored.latest
        for (key, value) in stored.claims { claims[key] = value }
        eventCount = stored.eventCount
    }

    /// What a ledger snapshot holds: every field the fold builds, with reps listed by number.
    private struct Stored: Codable {
        struct Rotation: Codable {
            var current: [String: Int]
            var turns: Int
        }

        var closedStages: [Stage]
        var opportunityStages: [Stage]
        var leads: [LeadID: LeadRecord]
        /// Rep ids by number; the first `rosterCount` are the routing section's reps.
        var reps: [String]
        var rosterCount: Int
        var loads: [RepLoad]
        var owners: [AccountID: String]
        var opportunities: [AccountID: [LeadID]]
        var rotations: [String: Rotation]
        var latest: Date?
        var claims: [LeadID: Int]
        var eventCount: Int

        init(_ ledger: RoutingLedger) {
            closedStages = ledger.closedStages.sorted { $0.rawValue < $1.rawValue }
            opportunityStages = ledger.opportunityStages.sorted { $0.rawValue < $1.rawValue }
            leads = ledger.leads.entries
            reps = ledger.repNumbers.sorted { $0.value < $1.value }.map(\.key)
            rosterCount = ledger.roster.count
            loads = Array(ledger.repLoads)
            owners = ledger.owners.entries
            opportunities = ledger.opportunities.entries
            rotations = ledger.rotations.mapValues { Rotation(current: $0.current, turns: $0.turns) }
            latest = ledger.latest
            claims = ledger.claims.entries
            eventCount = ledger.eventCount
        }
    }
}
