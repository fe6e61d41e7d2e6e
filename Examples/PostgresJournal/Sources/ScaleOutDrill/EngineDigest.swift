import Accord

/// A fingerprint of what an engine folded, equal across processes exactly when they folded the
/// same leads, owners, stages, clocks, touches, dispositions and rep loads.
public enum EngineDigest {
    /// The journal position the engine reflects and a 64-bit FNV-1a hash of its state, as
    /// `"<position> <hash>"`.
    public static func of(_ engine: AlignmentEngine) async -> String {
        var text = ""
        for state in await engine.activeLeads() {
            let clocks = state.openClocks.keys.map { "\($0)" }.sorted().joined(separator: ",")
            let breached = state.breachedClocks.map { "\($0)" }.sorted().joined(separator: ",")
            text += "\(state.id)|\(state.stage)|\(String(describing: state.owner))|v\(state.version)"
            text += "|\(clocks)|\(breached)|\(state.touches.count)"
            text += "|\(String(describing: state.disposition?.outcome))\n"
        }
        for status in (await engine.repStatuses() ?? []).sorted(by: { $0.rep < $1.rep }) {
            text += "\(status.rep):\(status.openLeads)\n"
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let position = await engine.journalPosition?.rawValue ?? 0
        return "\(position) \(String(hash, radix: 16))"
    }
}
