import Foundation
import LeadModel

extension SLAMonitor {
    /// The monitor's open clocks as bytes, so that an engine can keep them next to its
    /// lead-state snapshot and open without folding the journal again.
    ///
    /// - Throws: `EncodingError` when the monitor cannot be encoded (it always can).
    package func snapshotBytes() throws -> [UInt8] {
        Array(
            try JSONEncoder().encode(
                Stored(configuration: policy?.configuration, records: records, free: free, paused: paused)))
    }

    /// The monitor that ``snapshotBytes()`` stored, if it was folded under the same SLA
    /// configuration as `policy` (the tiers' ladders decide how escalations fold). Each clock is
    /// put back in the heap at the instant its phase is due, as folding would have left it.
    ///
    /// - Parameters:
    ///   - bytes: what ``snapshotBytes()`` returned.
    ///   - policy: today's policy, as the engine makes its monitor with.
    /// - Returns: `nil` when the configuration differs, or the snapshot does not hang together
    ///   (a clock in two slots, a free slot in use); fold the journal instead.
    /// - Throws: `DecodingError` when the bytes are not a monitor snapshot.
    package init?(snapshotBytes bytes: [UInt8], policy: TieredSLAPolicy?) throws {
        let stored = try JSONDecoder().decode(Stored.self, from: Data(bytes))
        guard stored.configuration == policy?.configuration,
            stored.free.allSatisfy({ stored.records.indices.contains(Int($0)) && stored.records[Int($0)] == nil })
        else { return nil }
        self.init(policy: policy)
        records = stored.records
        free = stored.free
        paused = stored.paused
        for (slot, record) in records.enumerated() {
            guard let record else { continue }
            // A clock in two slots: the snapshot does not hang together.
            guard index.updateValue(Int32(slot), forKey: record.clock.id) == nil else { return nil }
        }
        for (slot, record) in records.enumerated() where record.map({ paused[$0.clock.id] == nil }) == true {
            schedule(Int32(slot))
        }
    }

    /// What a monitor snapshot holds: the configuration it was folded under, the clocks by slot
    /// (so that ties between equal instants break the same way) and the paused clocks.
    private struct Stored: Codable {
        var configuration: SLAConfiguration?
        var records: [Record?]
        var free: [Int32]
        var paused: [SLAClockID: Date]
    }
}
