extension EventStore {
    /// A person's history: the events of a lead and, when `includingMerged`, of every lead
    /// merged into it (however deep), in journal order.
    ///
    /// - Throws: ``LeadModelError`` `unknownLead` when the lead has no events;
    ///   ``EventStoreError`` on read failures.
    public func personTimeline(of id: LeadID, includingMerged: Bool = true) async throws -> [LeadEvent] {
        var events = try await events(forLead: id)
        guard let root = LeadState.fold(events) else {
            throw LeadModelError(.unknownLead, leadID: id, message: "no such lead in the journal")
        }
        guard includingMerged else { return events }
        var pending = root.absorbed
        var seen: Set<LeadID> = [id]
        while let next = pending.popLast() {
            guard seen.insert(next).inserted else { continue }
            let absorbed = try await self.events(forLead: next)
            events += absorbed
            pending += LeadState.fold(absorbed)?.absorbed ?? []
        }
        return events.sorted { ($0.position?.rawValue ?? 0) < ($1.position?.rawValue ?? 0) }
    }
}
