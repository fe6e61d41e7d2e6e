/// The expected deal size of a lead, by the company-size segment routing gives it: what a
/// value-balanced pool (``PoolBalance/value``) multiplies the lead's score by.
///
/// ```json
/// "dealSizes": {"default": 12000, "segments": {"smb": 4000, "enterprise": 90000}}
/// ```
///
/// A segment not listed takes ``default``; without any size, every lead's deal size is 1 and a
/// value pool balances the sum of the scores.
public struct DealSizes: Hashable, Sendable, Codable {
    /// The size of a lead in no listed segment; 1 when left out.
    public var `default`: Double
    /// The size per segment name (the routing section's `segments`).
    public var segments: [String: Double]

    /// Makes the table.
    ///
    /// - Parameters:
    ///   - default: the size of a lead in no listed segment.
    ///   - segments: the size per segment name.
    public init(default: Double = 1, segments: [String: Double] = [:]) {
        self.default = `default`
        self.segments = segments
    }

    /// The size for a lead in `segment`.
    public func size(forSegment segment: String?) -> Double {
        segment.flatMap { segments[$0] } ?? self.default
    }

    private enum CodingKeys: String, CodingKey { case `default`, segments }

    /// Decodes the table; both keys may be left out.
    ///
    /// - Throws: `DecodingError` for a size that is not a number.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.default = try container.decodeIfPresent(Double.self, forKey: .default) ?? 1
        segments = try container.decodeIfPresent([String: Double].self, forKey: .segments) ?? [:]
    }
}
