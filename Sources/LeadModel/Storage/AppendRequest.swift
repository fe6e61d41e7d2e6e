/// Events to append to one lead's stream, with the version the appender expects it to have.
public struct AppendRequest: Hashable, Sendable {
    public var leadID: LeadID
    public var expectedVersion: ExpectedVersion
    /// The events, all for ``leadID``; their positions are ignored and assigned by the store.
    public var events: [LeadEvent]

    public init(leadID: LeadID, expectedVersion: ExpectedVersion = .any, events: [LeadEvent]) {
        self.leadID = leadID
        self.expectedVersion = expectedVersion
        self.events = events
    }
}

/// What an append did with one ``AppendRequest``.
public struct AppendResult: Hashable, Sendable {
    public var leadID: LeadID
    /// One per event of the request, in order. A duplicate (its idempotency key was already
    /// recorded) gets the position of the event first recorded with that key.
    public var positions: [JournalPosition]
    /// One per event of the request: whether it was a duplicate and so not appended again.
    public var duplicates: [Bool]
    /// The number of events in the lead's stream after the append.
    public var version: Int

    public init(leadID: LeadID, positions: [JournalPosition], duplicates: [Bool], version: Int) {
        self.leadID = leadID
        self.positions = positions
        self.duplicates = duplicates
        self.version = version
    }

    /// How many events were newly appended.
    public var appendedCount: Int { duplicates.count { !$0 } }
}
