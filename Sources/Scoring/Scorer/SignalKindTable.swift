import LeadModel

/// Maps a signal's kind to the engagement rules that count it, without hashing: kinds are
/// bucketed by UTF-8 length and compared byte by byte, which for the dozen kinds a playbook
/// names is several times faster than a dictionary lookup on the scoring hot path. Everything
/// is kept in flat arrays of plain values, so a lookup retains nothing.
struct SignalKindTable: Sendable {
    /// The UTF-8 bytes of every distinct kind, end to end.
    private let bytes: [UInt8]
    /// Each kind's bytes in ``bytes``.
    private let spans: [Range<Int>]
    /// For each kind, the range of ``rules`` that count it.
    private let ranges: [Range<Int>]
    /// Rule indices, grouped by kind.
    let rules: [Int]
    /// Kind indices ordered by UTF-8 length.
    private let byLength: [Int]
    /// For each UTF-8 length, the range of ``byLength`` holding kinds of that length.
    private let lengths: [Range<Int>]

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
        var bytes: [UInt8] = []
        var spans: [Range<Int>] = []
        for kind in order {
            let start = rules.count
            rules += grouped[kind] ?? []
            ranges.append(start..<rules.count)
            spans.append(bytes.count..<(bytes.count + kind.utf8.count))
            bytes += kind.utf8
        }
        self.bytes = bytes
        self.spans = spans
        self.ranges = ranges
        self.rules = rules
        let byLength = spans.indices.sorted { (spans[$0].count, $0) < (spans[$1].count, $1) }
        var lengths: [Range<Int>] = []
        var position = 0
        for length in 0...(spans.map(\.count).max() ?? 0) {
            let start = position
            while position < byLength.count, spans[byLength[position]].count == length { position += 1 }
            lengths.append(start..<position)
        }
        self.byLength = byLength
        self.lengths = lengths
    }

    /// The range of ``rules`` that count signals of `kind`; empty when no rule does.
    @inline(__always)
    func rules(for kind: SignalKind) -> Range<Int> {
        let found = kind.rawValue.utf8.withContiguousStorageIfAvailable { wanted -> Range<Int> in
            guard wanted.count < lengths.count else { return 0..<0 }
            return bytes.withUnsafeBufferPointer { stored in
                for position in lengths[wanted.count] {
                    let candidate = byLength[position]
                    let start = spans[candidate].lowerBound
                    var offset = 0
                    while offset < wanted.count, stored[start + offset] == wanted[offset] { offset += 1 }
                    if offset == wanted.count { return ranges[candidate] }
                }
                return 0..<0
            }
        }
        if let found { return found }
        let wanted = Array(kind.rawValue.utf8)
        for candidate in spans.indices where Array(bytes[spans[candidate]]) == wanted { return ranges[candidate] }
        return 0..<0
    }
}
