import Foundation
import LeadModel
import Routing
import SLA

/// Everything the engine folds from the journal, as one value: the lead states, the identity
/// index, the accounts and their deals, the router's ledger, the SLA monitor, the rescoring
/// schedule and the recycled leads waiting for their trigger.
///
/// The engine keeps one and folds every stored event into it (``fold(_:)``); commands read it
/// to plan their events (see `Commands/`). A value: copying it is cheap (its tables are
/// copy-on-write), and tests build one by folding a few events, without an engine.
struct EngineProjections: Sendable {
    /// Decides which records are the same person; the identity index is keyed by its keys.
    let identity: any IdentityResolver
    /// The stage recycled leads wait in (the playbook's feedback section).
    let recycleStage: Stage

    /// Every lead of the journal, merged and erased ones included.
    var leads: [LeadID: LeadState] = [:]
    /// The lead each merged lead was merged into: ``LeadModel/LeadState/mergedInto`` of every
    /// state in ``leads`` that has one. Kept apart so that following merges (every command
    /// does, ``survivor(of:)``) reads an id rather than copying whole states. ``fold(_:)``,
    /// ``forget(_:)`` and loading a snapshot keep it in step; code that replaces a state in
    /// ``leads`` otherwise must call ``forget(_:)`` after (erasure does).
    var mergedLeads: [LeadID: LeadID] = [:]
    /// The lead each identity key belongs to (followed through merges by ``survivor(of:)``).
    var identityIndex: [IdentityKey: LeadID] = [:]
    /// Live, unmerged leads to which ``identityIndex`` gives every identity key of their own
    /// record: resolving such a lead's record can find that lead alone, so a signal for it
    /// need not work out its keys again (``Planner/resolve(_:by:at:)``).
    ///
    /// It stays true as other leads come and go: the index only fills keys nobody has, moves a
    /// merged lead's keys to its survivor and drops an erased lead's. Folding checks a lead
    /// again when its own record changes, and drops it when it is merged or erased.
    var selfIndexed: Set<LeadID> = []
    var accounts: [AccountID: Account] = [:]
    var contactsByAccount: [AccountID: Set<LeadID>] = [:]
    var accountOfLead: [LeadID: AccountID] = [:]
    /// Accounts' own deals (deals with no contact), folded from their `account:<id>` streams.
    var accountDeals: [AccountID: AccountDeals] = [:]
    /// Accounts by the slug of their name (``LeadModel/AccountID/slug(_:)``), the first seen.
    var accountsByName: [String: AccountID] = [:]
    /// The account matcher over the accounts above, when the playbook matches accounts by more
    /// than the email domain.
    var accountMatching: EngineAccountMatching?
    /// Rep loads, account owners and pool turns, folded from the journal for the router.
    var routingLedger: RoutingLedger
    /// Open response clocks by when they next need attention, folded from the journal.
    var monitor: SLAMonitor
    /// When scored leads next need rescoring because time alone changes their cards. Not
    /// journaled: the engine fills it as it scores.
    var rescoreSchedule = RescoreSchedule()
    /// Recycled leads waiting for their re-qualify trigger, with the trigger's date if it has
    /// one; built on first use (``buildRecycledIndex()``) and kept by ``fold(_:)``.
    var recycledIndex: [LeadID: Date?]?
    /// The position of the last journal event folded.
    var position: JournalPosition?

    /// Empty projections, before any event.
    ///
    /// - Parameters:
    ///   - identity: the identity resolver whose keys index the leads.
    ///   - recycleStage: the stage recycled leads wait in.
    ///   - routingLedger: an empty ledger made from the playbook's routing section.
    ///   - monitor: an empty monitor for the SLA policy in use.
    init(identity: any IdentityResolver, recycleStage: Stage, routingLedger: RoutingLedger, monitor: SLAMonitor) {
        self.identity = identity
        self.recycleStage = recycleStage
        self.routingLedger = routingLedger
        self.monitor = monitor
    }

    /// Empty projections for a playbook and its policies.
    init(playbook: Playbook, policies: EnginePolicies) {
        self.init(
            identity: policies.identity, recycleStage: playbook.feedback.recycleStage,
            routingLedger: playbook.routing.map { RoutingLedger(rules: $0) } ?? RoutingLedger(),
            monitor: SLAMonitor(policy: policies.sla))
        accountMatching = playbook.accountMatching.map {
            EngineAccountMatching(configuration: $0, identity: playbook.identity)
        }
    }

    /// Folds one stored event.
    mutating func fold(_ event: LeadEvent) {
        if let eventPosition = event.position { position = eventPosition }
        routingLedger.apply(event)
        monitor.apply(event)
        let id = event.leadID
        if leads[id]?.apply(event) == nil {
            guard let state = LeadState.fold([event]) else {
                if let account = id.accountOfStream { foldAccountDeal(event, of: account) }
                return
            }
            leads[id] = state
        }
        if recycledIndex != nil { trackRecycled(event) }
        switch event.payload {
        case .captured, .fieldsChanged, .merged:
            index(id)
            linkAccount(of: id)
        case .accountMatchDecided:
            linkAccount(of: id)
            recheckSelfIndexed(id)
        case .mergedInto(let survivor):
            selfIndexed.remove(id)
            guard let state = leads[id] else { break }
            mergedLeads[id] = state.mergedInto
            for key in identity.keys(for: state.lead) where identityIndex[key] == id {
                identityIndex[key] = survivor
            }
        case .erased:
            forget(id)
        case .scored:
            // A card scored by another engine on the same journal has a review time this
            // engine never heard of: review it at the next sweep, which schedules its next
            // review. The engine's own scorings replace this with the review they computed.
            if rescoreSchedule.isComplete, let state = leads[id], state.mergedInto == nil {
                rescoreSchedule.set(id, at: event.occurredAt)
            }
        default:
            break
        }
    }

    /// Removes an erased lead from the identity index, whatever keys it had, and from the
    /// rescoring schedule, whose memo holds the lead's fields; takes its merge from its state,
    /// which the erasure may have folded afresh.
    mutating func forget(_ id: LeadID) {
        mergedLeads[id] = leads[id]?.mergedInto
        selfIndexed.remove(id)
        identityIndex = identityIndex.filter { $0.value != id }
        rescoreSchedule.set(id, at: nil)
    }

    private mutating func index(_ id: LeadID) {
        guard let state = leads[id], !state.isErased else {
            selfIndexed.remove(id)
            return
        }
        var ownsEveryKey = true
        for key in identity.keys(for: state.lead) {
            if let owner = identityIndex[key] {
                if owner != id { ownsEveryKey = false }
            } else {
                identityIndex[key] = id
            }
        }
        if ownsEveryKey && state.mergedInto == nil {
            selfIndexed.insert(id)
        } else {
            selfIndexed.remove(id)
        }
    }

    /// Checks a lead of ``selfIndexed`` again after its record changed without being indexed
    /// (an account decision sets its account, which a resolver's keys may read).
    private mutating func recheckSelfIndexed(_ id: LeadID) {
        guard selfIndexed.contains(id) else { return }
        guard let state = leads[id], !state.isErased, state.mergedInto == nil,
            identity.keys(for: state.lead).allSatisfy({ identityIndex[$0] == id })
        else {
            selfIndexed.remove(id)
            return
        }
    }

    // MARK: Reading

    /// The lead a merged lead now lives in (itself when not merged), or `nil` when unknown.
    func survivor(of id: LeadID) -> LeadID? {
        var current = id
        var hops = 0
        while let next = mergedLeads[current], hops < 64 {
            current = next
            hops += 1
        }
        // Asks for the key only: reading the state would copy it.
        return leads.index(forKey: current) == nil ? nil : current
    }

    /// The lead the given identity data belongs to, if the journal knows the person.
    func lookUp(_ person: Lead) -> LeadID? {
        for key in identity.keys(for: person) {
            if let id = identityIndex[key], let survivor = survivor(of: id) { return survivor }
        }
        if !person.id.rawValue.isEmpty, leads[person.id] != nil { return survivor(of: person.id) }
        return nil
    }

    /// The state of a lead the journal has.
    ///
    /// - Throws: ``LeadModel/LeadModelError`` `unknownLead`.
    func state(of id: LeadID) throws(LeadModelError) -> LeadState {
        guard let state = leads[id] else {
            throw LeadModelError(.unknownLead, leadID: id, message: "no such lead in the journal")
        }
        return state
    }

    /// The state of a lead that may accept new facts.
    ///
    /// - Throws: ``LeadModel/LeadModelError`` `unknownLead`, `leadMerged` (naming the survivor) or
    ///   `leadErased`.
    func liveState(of id: LeadID) throws(LeadModelError) -> LeadState {
        let state = try state(of: id)
        if let survivor = state.mergedInto {
            throw LeadModelError(
                .leadMerged, leadID: id,
                message: "this lead was merged into \(survivor); use that lead instead")
        }
        if state.isErased {
            throw LeadModelError(
                .leadErased, leadID: id, message: "this lead was erased and accepts no new facts")
        }
        return state
    }

    /// Makes room for `count` more leads in the tables every new lead enters, so that an import
    /// of that many does not grow them step by step: each growth copied a table of states into
    /// one twice its size, and the last one held both at once.
    mutating func reserve(leads count: Int) {
        guard count > 0 else { return }
        leads.reserveCapacity(leads.count + count)
        identityIndex.reserveCapacity(identityIndex.count + count)
        selfIndexed.reserveCapacity(selfIndexed.count + count)
        accountOfLead.reserveCapacity(accountOfLead.count + count)
    }

    /// The leads of an account (merged duplicates and erased leads left out), in id order.
    func contacts(of account: AccountID) -> [LeadState] {
        (contactsByAccount[account] ?? []).compactMap { leads[$0] }
            .filter { $0.mergedInto == nil && !$0.isErased }
            .sorted { $0.id < $1.id }
    }
}
