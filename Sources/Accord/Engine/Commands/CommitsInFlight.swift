import LeadModel

/// What the engine's commits are appending right now, stream by stream.
///
/// Between planning a commit and folding it the engine awaits the store, and commands planned
/// meanwhile see projections without those events. Within one engine such a command would
/// conflict for certain — on a lead, a new lead's minted id, or a shared stream such as a pool's
/// routing turns — and burn its retries while more commands arrive. So the engine keeps the
/// streams in flight: a planner mints no id among them, plans a person it finds among the new
/// leads in flight onto that lead, and a commit that would append to a stream in flight waits
/// for that commit to be folded and plans again. Conflicts with other processes sharing the
/// journal still go through the engine's retries.
struct CommitsInFlight {
    /// One commit's streams, to release when it is folded or has failed.
    struct Claim {
        fileprivate let number: Int
        fileprivate let streams: [LeadID]
    }

    /// Streams commits are appending to, each expecting a version, with the number of the
    /// commit that holds it.
    private(set) var holders: [LeadID: Int] = [:]
    private var commits = 0
    /// The people the commits create, by lead.
    private var people: [LeadID: Lead] = [:]
    /// Their identity keys, worked out when a planner first asks (`nil` until then): most
    /// commits finish before another command is planned.
    private var index: [IdentityKey: LeadID]?
    /// Commits waiting for a stream to be free.
    private var waiting: [CheckedContinuation<Void, Never>] = []

    var isEmpty: Bool { holders.isEmpty }

    /// Whether appending `requests` now would meet a commit in flight on one of their streams.
    func overlaps(_ requests: [AppendRequest]) -> Bool {
        !holders.isEmpty && requests.contains { $0.expectedVersion != .any && holders[$0.leadID] != nil }
    }

    /// Adds the streams `requests` append to expecting a version, and the people they create.
    ///
    /// - Returns: the commit's claim, to ``release(_:)`` when it is folded or has failed.
    mutating func add(_ requests: [AppendRequest]) -> Claim {
        commits += 1
        var added: [LeadID] = []
        for request in requests where request.expectedVersion != .any {
            added.append(request.leadID)
            holders[request.leadID] = commits
            guard request.expectedVersion == .noStream else { continue }
            // A new lead's capture comes first: an import's commits carry tens of thousands.
            for event in request.events {
                guard case .captured(let lead, _) = event.payload else { continue }
                people[request.leadID] = lead
                index = nil
                break
            }
        }
        return Claim(number: commits, streams: added)
    }

    /// Removes the streams a commit still holds; releasing a claim twice does nothing.
    ///
    /// - Returns: the commits that waited, to resume: each plans again.
    mutating func release(_ claim: Claim) -> [CheckedContinuation<Void, Never>] {
        var released = false
        for id in claim.streams where holders[id] == claim.number {
            holders[id] = nil
            if people.removeValue(forKey: id) != nil { index = nil }
            released = true
        }
        guard released else { return [] }
        defer { waiting = [] }
        return waiting
    }

    /// Parks a commit until the next one in flight finishes.
    mutating func wait(_ continuation: CheckedContinuation<Void, Never>) {
        waiting.append(continuation)
    }

    /// The new leads in flight by the identity keys of their people.
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
