import LeadModel

/// One imported signal and the person it belongs to.
///
/// ``person`` holds only what identifies the person — `email`, `phone`, external ids, and
/// ``LeadModel/Lead/id`` when the file names the lead directly — for the engine to resolve with
/// its ``LeadModel/IdentityResolver``. When the file gives no id, ``LeadModel/Lead/id`` is empty.
public struct SignalRow: Hashable, Sendable {
    /// The person's identity fields, for identity resolution.
    public var person: Lead
    /// The signal.
    public var signal: Signal

    /// Creates a signal row.
    ///
    /// - Parameters:
    ///   - person: The person's identity fields.
    ///   - signal: The signal.
    public init(person: Lead, signal: Signal) {
        self.person = person
        self.signal = signal
    }
}
