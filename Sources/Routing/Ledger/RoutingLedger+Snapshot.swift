import Foundation
import LeadModel

extension RoutingLedger {
    /// Everything the fold builds, as plain values, so that an engine can keep the ledger next
    /// to its lead-state snapshot and open without folding the journal again. The engine writes
    /// it in the journal's binary layout; reps are listed by number.
    package struct Snapshot: Hashable, Sendable {
        /// What the ledger knows of one lead.
        package struct Record: Hashable, Sendable {
            package var lead: LeadID
            package var account: AccountID?
            package var owner: String?
            package var stage: Stage
            package var returned: Bool
            package var merged: Bool
            package var pool: String?

            package init(
                lead: LeadID, account: AccountID?, owner: String?, stage: Stage, returned: Bool, merged: Bool,
                pool: String?
            ) {
                self.lead = lead
                self.account = account
                self.owner = owner
                self.stage = stage
                self.returned = returned
                self.merged = merged
                self.pool = pool
            }
        }

        /// A rep's open leads and the times of its recent new leads, oldest first.
        package struct Load: Hashable, Sendable {
            package var open: Int
            package var recent: [Date]

            package init(open: Int, recent: [Date]) {
                self.open = open
                self.recent = recent
            }
        }

        /// A value-balanced pool's value received.
        package struct Values: Hashable, Sendable {
            package var values: [String: Double]
            package var asOf: Date?
            package var halfLifeDays: Double

            package init(values: [String: Double], asOf: Date?, halfLifeDays: Double) {
                self.values = values
                self.asOf = asOf
                self.halfLifeDays = halfLifeDays
            }
        }

        /// A pool's round-robin position.
        package struct Rotation: Hashable, Sendable {
            package var current: [String: Int]
            package var turns: Int

            package init(current: [String: Int], turns: Int) {
                self.current = current
                self.turns = turns
            }
        }

        package var closedStages: [Stage]
        package var opportunityStages: [Stage]
        /// The leads, in id order.
        package var leads: [Record]
        /// Rep ids by number; the first `rosterCount` are the routing section's reps.
        package var reps: [String]
        package var rosterCount: Int
        /// Each rep's load, by number.
        package var loads: [Load]
        package var owners: [AccountID: String]
        package var opportunities: [AccountID: [LeadID]]
        package var rotations: [String: Rotation]
        package var values: [String: Values]
        package var latest: Date?
        package var claims: [LeadID: Int]
        package var eventCount: Int

        package init(
            closedStages: [Stage], opportunityStages: [Stage], leads: [Record], reps: [String], rosterCount: Int,
            loads: [Load], owners: [AccountID: String], opportunities: [AccountID: [LeadID]],
            rotations: [String: Rotation], values: [String: Values] = [:], latest: Date?, claims: [LeadID: Int],
            eventCount: Int
        ) {
            self.closedStages = closedStages
            self.opportunityStages = opportunityStages
            self.leads = leads
            self.reps = reps
            self.rosterCount = rosterCount
            self.loads = loads
            self.owners = owners
            self.opportunities = opportunities
            self.rotations = rotations
            self.values = values
            self.latest = latest
            self.claims = claims
            self.eventCount = eventCount
        }
    }

    /// The ledger as a snapshot value: unordered sets sorted, leads in id order, so that equal
    /// ledgers give equal snapshots.
    package var snapshot: Snapshot {
        Snapshot(
            closedStages: closedStages.sorted { $0.rawValue < $1.rawValue },
            opportunityStages: opportunityStages.sorted { $0.rawValue < $1.rawValue },
            leads: leads.entries.map { id, record in
                Snapshot.Record(
                    lead: id, account: record.account, owner: record.owner, stage: record.stage,
                    returned: record.returned, merged: record.merged, pool: record.pool)
            }.sorted { $0.lead < $1.lead },
            reps: repNumbers.sorted { $0.value < $1.value }.map(\.key), rosterCount: roster.count,
            loads: repLoads.map { Snapshot.Load(open: $0.open, recent: $0.recent) }, owners: owners.entries,
            opportunities: opportunities.entries,
            rotations: rotations.mapValues { Snapshot.Rotation(current: $0.current, turns: $0.turns) },
            values: values.mapValues {
                Snapshot.Values(values: $0.values, asOf: $0.asOf, halfLifeDays: $0.halfLifeDays)
            },
            latest: latest, claims: claims.entries, eventCount: eventCount)
    }

    /// The ledger a snapshot holds, if it was folded under the definitions `template` has: the
    /// same closed and opportunity stages and the same routing-section reps in the same order
    /// (a playbook change to any of them changes how the journal folds).
    ///
    /// - Parameters:
    ///   - snapshot: what ``snapshot`` gave.
    ///   - template: an empty ledger made from today's routing section.
    /// - Returns: `nil` when the definitions differ, or the snapshot does not hang together (a
    ///   rep listed twice, a load for no rep, a lead listed twice); fold the journal instead.
    package init?(snapshot: Snapshot, template: RoutingLedger) {
        let rosterReps = template.repNumbers.sorted { $0.value < $1.value }.map(\.key).prefix(template.roster.count)
        guard Set(snapshot.closedStages) == template.closedStages,
            Set(snapshot.opportunityStages) == template.opportunityStages,
            snapshot.rosterCount == template.roster.count,
            snapshot.reps.prefix(snapshot.rosterCount) == rosterReps,
            snapshot.loads.count == snapshot.reps.count, Set(snapshot.reps).count == snapshot.reps.count
        else { return nil }
        self = template
        var records = [LeadID: LeadRecord](minimumCapacity: snapshot.leads.count)
        for record in snapshot.leads {
            let value = LeadRecord(
                account: record.account, owner: record.owner, stage: record.stage, returned: record.returned,
                merged: record.merged, pool: record.pool)
            guard records.updateValue(value, forKey: record.lead) == nil else { return nil }
        }
        leads = LayeredDictionary(records)
        repNumbers = Dictionary(uniqueKeysWithValues: snapshot.reps.enumerated().map { ($0.element, $0.offset) })
        repLoads = ContiguousArray(snapshot.loads.map { RepLoad(open: $0.open, recent: $0.recent) })
        owners = LayeredDictionary(snapshot.owners)
        opportunities = LayeredDictionary(snapshot.opportunities)
        rotations = snapshot.rotations.mapValues { PoolRotation(current: $0.current, turns: $0.turns) }
        values = snapshot.values.mapValues {
            ValueReceived(values: $0.values, asOf: $0.asOf, halfLifeDays: $0.halfLifeDays)
        }
        latest = snapshot.latest
        claims = LayeredDictionary(snapshot.claims)
        eventCount = snapshot.eventCount
    }
}
