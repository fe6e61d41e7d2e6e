/// The record that a lead's personal data was erased (right to be forgotten).
///
/// The event itself holds no personal data: only who asked and under which request reference.
public struct Erasure: Hashable, Sendable, Codable {
    /// The person or system that requested the erasure.
    public var requestedBy: String
    /// The host's reference for the request (a ticket number), if any.
    public var reference: String?

    public init(requestedBy: String, reference: String? = nil) {
        self.requestedBy = requestedBy
        self.reference = reference
    }
}
