import Foundation
import LeadModel
import Routing

/// A unit of work being planned: new events per lead, applied to an overlay of the engine's
/// projections so that later steps of the same command (or later rows of the same batch) see
/// earlier ones, without copying the projections.
struct Planner {
    let base: [LeadID: LeadState]
    let baseIndex: [IdentityKey: LeadID]
    /// The leads of `base` to which `baseIndex` gives every key of their own record (see
    /// ``EngineProjections/selfIndexed``).
    let baseSelfIndexed: Set<LeadID>
    let identity: any IdentityResolver
    let initialStage: Stage
    let now: Date
    let playbookVersion: String

    private(set) var overlay: [LeadID: LeadState] = [:]
    /// The lead each merged lead was merged into, in the base and the overlay alike (see
    /// ``EngineProjections/mergedLeads``): ``survivor(of:)`` follows it without copying states.
    private var merged: [LeadID: LeadID]
    /// The router's ledger with this unit of work's events folded in, so that several handoffs
    /// in one batch take successive turns.
    private(set) var ledger: RoutingLedger
    /// Whether events are folded into ``ledger`` as they are planned. A unit of work that never
    /// routes (imported history) turns it off: folding every imported stage move into a copy of
    /// the ledger was a fifth of its planning. Such a planner's ledger is the one it started
    /// with.
    var foldsRouting = true
    /// The account matcher, when the playbook matches accounts by more than the email domain.
    var accountMatching: AccountMatchingContext?
    private var indexOverlay: [IdentityKey: LeadID] = [:]
    private var order: [LeadID] = []
    private var pending: [LeadID: [LeadEvent]] = [:]
    private var mintedCount = 0
    /// Streams other commits are appending to right now, whose ids are taken though no state
    /// may have them yet, and the new leads among them by their people's identity keys (see
    /// ``CommitsInFlight``).
    var inFlight: [LeadID: Int] = [:]
    var inFlightPeople: [IdentityKey: LeadID] = [:]
    /// Expected versions of streams that are not leads (routing claim streams).
    private var expectations: [LeadID: Int] = [:]

    /// - Parameters:
    ///   - baseMerged: the merges among `base` (each merged lead's `mergedInto`).
    ///   - baseSelfIndexed: leads of `base` that `baseIndex` gives every key of their record;
    ///     empty is always right, only slower.
    init(
        base: [LeadID: LeadState], baseMerged: [LeadID: LeadID], baseIndex: [IdentityKey: LeadID],
        baseSelfIndexed: Set<LeadID> = [], identity: any IdentityResolver, initialStage: Stage, now: Date,
        playbookVersion: String, ledger: RoutingLedger
    ) {
        self.ledger = ledger
        self.base = base
        self.merged = baseMerged
        self.baseSelfIndexed = baseSelfIndexed
        self.baseIndex = baseIndex
        self.identity = identity
        self.initialStage = initialStage
        self.now = now
        self.playbookVersion = playbookVersion
    }

    /// A planner over the projections, deciding with the policies at `now`.
    init(projections: EngineProjections, policies: EnginePolicies, now: Date) {
        self.init(
            base: projections.leads, baseMerged: projections.mergedLeads, baseIndex: projections.identityIndex,
            baseSelfIndexed: projections.selfIndexed, identity: policies.identity,
            initialStage: policies.playbook.stages.graph.initial, now: now,
            playbookVersion: policies.playbook.version, ledger: projections.routingLedger)
        accountMatching = AccountMatchingContext(projections)
    }

    func state(_ id: LeadID) -> LeadState? { overlay[id] ?? base[id] }

    /// Makes room for events on about `count` leads, so that a large unit of work (an import)
    /// does not grow its tables step by step.
    mutating func reserve(leads count: Int) {
        overlay.reserveCapacity(count)
        pending.reserveCapacity(count)
        order.reserveCapacity(count)
    }

    func survivor(of id: LeadID) -> LeadID {
        var current = id
        var hops = 0
        while let next = merged[current], hops < 64 {
            current = next
            hops += 1
        }
        return current
    }

    /// The append requests planned so far, each expecting the version the lead had before.
    var requests: [AppendRequest] {
        order.map { id in
            let version = expectations[id] ?? base[id]?.version ?? 0
            return AppendRequest(
                leadID: id, expectedVersion: version == 0 ? .noStream : .exactly(version),
                events: pending[id] ?? [])
        }
    }

    /// Plans one event and folds it into the overlay.
    ///
    /// `time` dates a fact that happened before now (imported history); live facts happen now.
    ///
    /// - Returns: the event's index within its lead's request.
    @discardableResult
    mutating func add(
        _ lead: LeadID, _ payload: LeadEvent.Payload, by actor: EventActor, reasons: [Reason] = [],
        key: String? = nil, decision: Bool = false, at time: Date? = nil
    ) -> Int {
        let event = LeadEvent(
            leadID: lead, occurredAt: time ?? now, actor: actor, payload: payload, reasons: reasons,
            idempotencyKey: key, playbookVersion: decision ? playbookVersion : nil)
        if pending[lead] == nil { order.append(lead) }
        pending[lead, default: []].append(event)
        if overlay[lead] != nil {
            overlay[lead]?.apply(event)
        } else if var current = base[lead] {
            current.apply(event)
            overlay[lead] = current
        } else if let created = LeadState.fold([event]) {
            overlay[lead] = created
        }
        if foldsRouting { ledger.apply(event) }
        switch payload {
        case .mergedInto:
            merged[lead] = state(lead)?.mergedInto
        case .captured, .fieldsChanged, .merged:
            if let current = state(lead) {
                for key in identity.keys(for: current.lead) where lookUp(key) == nil {
                    indexOverlay[key] = lead
                }
            }
        default:
            break
        }
        return (pending[lead]?.count ?? 1) - 1
    }

    /// Plans a routing claim on a claim stream, expecting the version the ledger folded before
    /// this unit of work, so that another engine's claim since makes the append fail and retry.
    mutating func claim(_ stream: LeadID, _ claim: TurnClaim) {
        if expectations[stream] == nil { expectations[stream] = ledger.claimVersion(of: stream) }
        add(stream, .turnTaken(claim), by: .system)
    }

    /// Expects `stream`, a stream that is not a lead's (an account's deals), to be at `version`
    /// when the unit of work is appended; the first expectation of a stream holds.
    mutating func expect(_ stream: LeadID, version: Int) {
        if expectations[stream] == nil { expectations[stream] = version }
    }

    private func lookUp(_ key: IdentityKey) -> LeadID? { indexOverlay[key] ?? baseIndex[key] }

    /// Finds or creates the lead for a person's record, merging leads the record proves to be
    /// the same person.
    ///
    /// `time` dates the creation of a new lead (a capture that happened earlier); new facts on
    /// a known lead are recorded now, since its creation cannot move.
    mutating func resolve(_ person: Lead, by actor: EventActor, at time: Date? = nil) -> CaptureResult.Outcome {
        if let outcome = resolveOwnRecord(person) { return outcome }
        let keys = identity.keys(for: person)
        var matches: [LeadID] = []
        var matchedOn: [LeadID: [String]] = [:]
        for key in keys {
            guard let hit = lookUp(key) else { continue }
            let id = survivor(of: hit)
            guard let found = state(id), !found.isErased else { continue }
            if !matches.contains(id) { matches.append(id) }
            matchedOn[id, default: []].append(key.kind)
        }
        if !person.id.rawValue.isEmpty, let known = state(person.id), !known.isErased {
            let id = survivor(of: person.id)
            if !matches.contains(id) { matches.append(id) }
            matchedOn[id, default: []].append("id")
        }
        guard !matches.isEmpty else {
            var lead = person
            if let pending = keys.first(where: { inFlightPeople[$0] != nil }).flatMap({ inFlightPeople[$0] }) {
                // Another commit is creating this person: plan the same lead, so that this append
                // conflicts and is planned again, matching the person, once that one is folded.
                lead.id = pending
            } else if lead.id.rawValue.isEmpty || state(lead.id) != nil {
                lead.id = mintID()
            }
            var decision: AccountMatchDecision?
            if lead.accountID == nil {
                let fallback = identity.account(for: lead)
                decision = accountMatching?.decide(for: lead, verdicts: [:], fallback: fallback)
                lead.accountID = decision.map(\.assigned) ?? fallback
            }
            add(lead.id, .captured(lead, stage: initialStage), by: actor, at: time)
            if let decision { add(lead.id, .accountMatchDecided(decision), by: .system, decision: true, at: time) }
            return .created(lead.id)
        }
        // One match (a known person, most records) needs no order.
        let ordered = matches.count == 1 ? matches : sortedByCreation(matches)
        let survivorID = ordered[0]
        for absorbed in ordered.dropFirst() {
            let survivorKeys = (matchedOn[survivorID] ?? []).joined(separator: ", ")
            let absorbedKeys = (matchedOn[absorbed] ?? []).joined(separator: ", ")
            merge(
                absorbed, into: survivorID, matchedOn: matchedOn[absorbed] ?? [], by: actor,
                detail: "one record matched \(survivorID) by \(survivorKeys) and \(absorbed) by \(absorbedKeys)")
        }
        var incoming = person
        incoming.id = survivorID
        guard let current = state(survivorID) else { return .matched(survivorID) }
        incoming = withDerivedAccount(incoming, for: current)
        if incoming != current.lead, Self.bringsNews(incoming, to: current.lead) {
            add(
                survivorID, .captured(incoming, stage: current.stage), by: actor,
                reasons: [
                    Reason(
                        rule: "identity",
                        detail: "same person by \((matchedOn[survivorID] ?? []).joined(separator: ", "))")
                ])
        }
        rematchAccount(of: survivorID)
        return ordered.count > 1 ? .merged(survivorID, absorbed: Array(ordered.dropFirst())) : .matched(survivorID)
    }

    /// Resolves a record that is a known lead's own (a signal for a lead by its id) without
    /// working out its identity keys, when the base vouches that they find that lead alone
    /// (``baseSelfIndexed``) and nothing planned since moved a key or changed a lead.
    ///
    /// - Returns: what the full resolution would return, or `nil` when the record is not such
    ///   a lead's, or when it would plan a capture (the account the resolver derives), whose
    ///   reason names the keys that matched: the caller resolves it in full then.
    private mutating func resolveOwnRecord(_ person: Lead) -> CaptureResult.Outcome? {
        guard overlay.isEmpty, indexOverlay.isEmpty, baseSelfIndexed.contains(person.id),
            let current = base[person.id], !current.isErased, current.mergedInto == nil, current.lead == person
        else { return nil }
        guard withDerivedAccount(person, for: current) == current.lead else { return nil }
        rematchAccount(of: person.id)
        return .matched(person.id)
    }

    /// The record with the account the identity resolver derives for it, when it names none
    /// and that is not an account a reviewer rejected for the lead.
    private func withDerivedAccount(_ person: Lead, for current: LeadState) -> Lead {
        var incoming = person
        if incoming.accountID == nil, let derived = identity.account(for: incoming),
            current.accountVerdicts[derived] != .rejected
        {
            incoming.accountID = derived
        }
        return incoming
    }

    /// The leads in creation order, the oldest first (ties by id).
    private func sortedByCreation(_ ids: [LeadID]) -> [LeadID] {
        // Every match has a state (found by the caller); a missing one sorts last.
        let keyed = ids.map { (createdAt: state($0)?.createdAt ?? .distantFuture, id: $0) }
        return keyed.sorted { lhs, rhs in
            lhs.createdAt == rhs.createdAt ? lhs.id < rhs.id : lhs.createdAt < rhs.createdAt
        }.map(\.id)
    }

    /// Whether a record of a known person fills a gap in the lead's record or brings a new
    /// source or campaign: then it is recorded as a capture. A record equal to the lead's own
    /// (a signal for a known lead) never does, so the caller asks only when they differ.
    private static func bringsNews(_ incoming: Lead, to lead: Lead) -> Bool {
        var filled = lead
        filled.fillGaps(from: incoming)
        let newAttribution =
            (incoming.source != nil && incoming.source != lead.source)
            || (incoming.campaign != nil && incoming.campaign != lead.campaign)
        return filled != lead || newAttribution
    }

    /// Matches a known lead's account again when it has none or waits for a review, and plans
    /// the decision when it changes anything: what the lead said since may settle it. After a
    /// rejection (`unsure`), a new match goes to review rather than straight to the lead.
    mutating func rematchAccount(of id: LeadID, unsure: Bool = false) {
        guard let accountMatching, let current = state(id),
            current.lead.accountID == nil || current.accountReview != nil
        else { return }
        let fallback = identity.account(for: current.lead)
        guard
            let decision = accountMatching.decide(
                for: current.lead, verdicts: current.accountVerdicts,
                fallback: current.accountReview == nil ? fallback : current.lead.accountID, unsure: unsure)
        else { return }
        let unchanged =
            decision.verdict == .review && decision.assigned == current.lead.accountID
            && decision.candidates.map(\.account) == current.accountReview?.candidates.map(\.account)
        if !unchanged { add(id, .accountMatchDecided(decision), by: .system, decision: true) }
    }

    /// Plans the merge of `absorbed` into `survivor`.
    mutating func merge(
        _ absorbed: LeadID, into survivor: LeadID, matchedOn: [String], by actor: EventActor,
        detail: String = "merged by hand"
    ) {
        guard let other = state(absorbed) else { return }
        let reason = Reason(rule: "identity", detail: detail)
        add(absorbed, .mergedInto(survivor), by: actor, reasons: [reason])
        add(
            survivor,
            .merged(
                MergeRecord(
                    absorbed: absorbed, matchedOn: matchedOn, absorbedLead: other.lead,
                    absorbedSignals: other.signals)),
            by: actor, reasons: [reason])
        for key in identity.keys(for: other.lead) { indexOverlay[key] = survivor }
    }

    /// `L` and the number with at least seven digits (`L0000042`), as `String(format:
    /// "L%07d")` writes it, without Foundation's formatter (3% of a large import's time).
    static func mintedName(_ number: Int) -> String {
        let digits = String(number)
        return "L" + String(repeating: "0", count: Swift.max(0, 7 - digits.utf8.count)) + digits
    }

    private mutating func mintID() -> LeadID {
        while true {
            mintedCount += 1
            let candidate = LeadID(Self.mintedName(base.count + mintedCount))
            if state(candidate) == nil, inFlight[candidate] == nil { return candidate }
        }
    }
}
