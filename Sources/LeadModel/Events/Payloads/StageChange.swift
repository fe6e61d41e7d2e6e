/// A move from one lifecycle stage to another. Why it moved is in the event's reasons.
public struct StageChange: Hashable, Sendable, Codable {
    public var from: Stage
    public var to: Stage

    public init(from: Stage, to: Stage) {
        self.from = from
        self.to = to
    }
}
