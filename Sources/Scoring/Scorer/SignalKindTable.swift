import LeadModel

/// Maps a signal's kind to the engagement rules that count it, without hashing: kinds are
/// bucketed by UTF-8 length and compared byte by byte, which for the dozen kinds a playbook
/// names is several times faster than a dictionary lookup on the scoring hot path.
struct SignalKindTable: Sendable {
    /// The UTF-8 bytes of each distinct kind.
    private let kinds: [[UInt8]]
    /// For each kind, the range of ``rules`` that count it.
    private let ranges: [Range<Int>]
    /// Rule indices, grouped by kind.
    let rules: [Int]
    /// Kind indices by UTF-8 length (lengths past the table hold no kinds).
    private let byLength: [[Int]]

    init(_ engagement: [EngagementRule]) {
        var order: [String] = []
        var grouped: [String: [Int]] = [:]
        for (position, rule) in engagement.enumerated() {
            for kind in rule.kinds where grouped[kind.rawValue]?.last != position {
                if grouped[kind.rawValue] == nil { order.append(kind.rawValue) }
                grouped[kind.rawValue, default: []].append(position)
            }
        }
        var rules: [Int] = []
        var ranges: [Range<Int>] = []
        for kind in order {
            let start = rules.count
            rules += grouped[kind] ?? []
            ranges.append(start..<rules.count)
        }
        kinds = order.map { Array($0.utf8) }
        self.ranges = ranges
        self.rules = rules
        var byLength = Array(repeating: [Int](), count: (kinds.map(\.count).max() ?? 0) + 1)
        for (index, bytes) in kinds.enumerated() { byLength[bytes.count].append(index) }
        self.byLength = byLength
    }

    /// The range of ``rules`` that count signals of `kind`; empty when no rule does.
    @inline(__always)
    func rules(for kind: SignalKind) -> Range<Int> {
        let found = kind.rawValue.utf8.withContiguousStorageIfAvailable { bytes -> Range<Int> in
            guard bytes.count < byLength.count else { return 0..<0 }
            for candidate in byLength[bytes.count] {
                let match = kinds[candidate].withUnsafeBufferPointer { stored in
                    for offset in 0..<stored.count where stored[offset] != bytes[offset] { return false }
                    return true
                }
                if match { return ranges[candidate] }
            }
            return 0..<0
        }
        if let found { return found }
        let bytes = Array(kind.rawValue.utf8)
        if let index = kinds.firstIndex(of: bytes) { return ranges[index] }
        return 0..<0
    }
}
