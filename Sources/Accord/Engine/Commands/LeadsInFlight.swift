import LeadModel

/// The leads whose first events commits are appending right now.
///
/// Between planning a commit and folding it the engine awaits the store, and commands planned
/// meanwhile see projections without those leads. They must neither mint the same ids (their
/// appends would conflict, and again on every retry while more captures arrive) nor create a
/// second lead for a person already on the way: a planner takes the ids as used, and plans a
/// person it finds among them onto that same lead, whose append then conflicts and is planned
/// again once the first commit is folded — where the person is matched.
struct LeadsInFlight: Sendable {
    private(set) var ids: Set<LeadID> = []
    /// The people the commits create, by lead.
    private var people: [LeadID: Lead] = [:]
    /// Their identity keys, worked out when a planner first asks (`nil` until then): most
    /// commits finish before another command is planned.
    private var index: [IdentityKey: LeadID]?

    var isEmpty: Bool { ids.isEmpty }

    /// Adds the leads `requests` create (those expecting no stream).
    ///
    /// - Returns: their ids, to ``remove(_:)`` when the commit is folded or has failed.
    mutating func add(_ requests: [AppendRequest]) -> [LeadID] {
        var fresh: [LeadID] = []
        for request in requests where request.expectedVersion == .noStream {
            fresh.append(request.leadID)
            ids.insert(request.leadID)
            for event in request.events {
                if case .captured(let lead, _) = event.payload { people[request.leadID] = lead }
            }
        }
        if !fresh.isEmpty { index = nil }
        return fresh
    }

    mutating func remove(_ fresh: [LeadID]) {
        guard !fresh.isEmpty else { return }
        ids.subtract(fresh)
        for id in fresh { people[id] = nil }
        index = nil
    }

    /// The leads in flight by the identity keys of their people.
    mutating func index(by identity: any IdentityResolver) -> [IdentityKey: LeadID] {
        if let index { return index }
        var built: [IdentityKey: LeadID] = [:]
        for (id, person) in people {
            for key in identity.keys(for: person) { built[key] = id }
        }
        index = built
        return built
    }
}
