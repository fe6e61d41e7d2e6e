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
                Stored(fingerprint: policyFingerprint, records: records, free: free, paused: paused)))
    }

    /// The monitor that ``snapshotBytes()`` stored, if it was folded under a policy with the same
    /// ``SLAPolicy/snapshotFingerprint`` as `policy` (the ladders decide how escalations fold). Each
    /// clock is put back in the heap at the instant its phase is due, as folding would have left it.
    ///
    /// - Parameters:
    ///   - bytes: what ``snapshotBytes()`` returned.
    ///   - policy: today's policy, as the engine makes its monitor with.
    /// - Returns: `nil` when the fingerprint differs or either is `nil` (a policy without a
    ///   fingerprint is never trusted), or the snapshot does not hang together (a clock in two
    ///   slots, a free slot in use); fold the journal instead.
    /// - Throws: `DecodingError` when the bytes are not a monitor snapshot.
    package init?(snapshotBytes bytes: [UInt8], policy: (any SLAPolicy)?) throws {
        let stored = try JSONDecoder().decode(Stored.self, from: Data(bytes))
        self.init(policy: policy)
        guard let fingerprint = policyFingerprint, stored.fingerprint == fingerprint,
            stored.free.allSatisfy({ stored.records.indices.contains(Int($0)) && stored.records[Int($0)] == nil })
        else { return nil }
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

    /// The fingerprint a snapshot is stored under: the policy's, or a fixed text without a policy
    /// (no ladders); `nil` when the policy has none, and then no snapshot is trusted.
    private var policyFingerprint: String? {
        guard let policy else { return "no policy" }
        return policy.snapshotFingerprint.map { "policy:" + $0 }
    }

    /// What a monitor snapshot holds: the fingerprint of the policy it was folded under, the
    /// clocks by slot (so that ties between equal instants break the same way) and the paused
    /// clocks.
    private struct Stored: Codable {
        var fingerprint: String?
        var records: [Record?]
        var free: [Int32]
        var paused: [SLAClockID: Date]
    }
}
