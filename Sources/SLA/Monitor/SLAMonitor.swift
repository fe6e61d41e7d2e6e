import Foundation
public import LeadModel

/// The open response clocks, ordered by what each needs next: its warning, its deadline, then the
/// steps of its escalation ladder.
///
/// A projection folded from the journal with ``apply(_:)``. Clocks sit in a binary heap keyed by
/// their next due instant, so ``due(at:)`` and ``popDue(at:limit:)`` cost time in proportion to what
/// is due (times log n for popping), not to what is open: a tick with a million open clocks and a
/// thousand due touches a few thousand heap entries.
///
/// ``popDue(at:limit:)`` advances each clock it returns (warning → deadline → ladder); applying the
/// engine's `slaWarned` / `slaBreached` / `slaEscalated` events afterwards is idempotent, so a
/// monitor rebuilt by replaying the journal agrees with one that has been ticking.
///
/// ```swift
/// var monitor = SLAMonitor(policy: policy)
/// for event in journal { monitor.apply(event) }
/// for action in monitor.popDue(at: now) {
///     // append .slaWarned / .slaBreached / .slaEscalated with action.reasons
/// }
/// let sleepUntil = monitor.nextDue
/// ```
public struct SLAMonitor: Sendable {
    struct Record: Sendable, Codable {
        var leadID: LeadID
        var clock: SLAClock
        /// 0 warning, 1 deadline, 2 + k escalation step k.
        var phase: Int
        var reasons: [Reason]
        /// The escalation step due at an escalation phase, as the policy answered when scheduling.
        var action: EscalationStep.Action?
    }

    /// How far into a ladder folding an `slaEscalated` event looks for its step.
    static let ladderSearchLimit = 1_024

    package let policy: (any SLAPolicy)?
    var records: [Record?] = []
    var free: [Int32] = []
    var index: [SLAClockID: Int32] = [:]
    private var heap = DueHeap()
    /// Paused clocks and when they paused; a paused clock is out of the heap until it resumes.
    var paused: [SLAClockID: Date] = [:]

    /// Makes an empty monitor.
    ///
    /// - Parameter policy: the policy that gives the escalation ladders
    ///   (``SLAPolicy/escalation(of:step:)``); `nil` for none (a clock then leaves the monitor when
    ///   it is breached).
    public init(policy: (any SLAPolicy)? = nil) {
        self.policy = policy
    }

    /// Clocks with something still to come (a warning, a deadline or an escalation step).
    public var count: Int { index.count }

    /// The earliest instant something is due, for a loop that sleeps until then.
    public var nextDue: Date? {
        heap.top.map { Date(timeIntervalSince1970: $0.key) }
    }

    /// Reserves room for `capacity` clocks.
    ///
    /// - Parameter capacity: the number of clocks expected.
    public mutating func reserveCapacity(_ capacity: Int) {
        records.reserveCapacity(capacity)
        index.reserveCapacity(capacity)
        heap.reserveCapacity(capacity)
    }

    /// Folds one event. SLA events move or remove their clock; other events are ignored.
    ///
    /// `slaStarted` for a clock that is already open replaces it (a restart after reassignment, or
    /// a resume after a pause).
    ///
    /// - Parameter event: an event of any lead, in journal order.
    public mutating func apply(_ event: LeadEvent) {
        switch event.payload {
        case .slaStarted(let clock):
            paused[clock.id] = nil
            let record = Record(leadID: event.leadID, clock: clock, phase: 0, reasons: [])
            if let slot = index[clock.id] {
                records[Int(slot)] = record
                schedule(slot)
            } else {
                let slot: Int32
                if let reused = free.popLast() {
                    slot = reused
                    records[Int(slot)] = record
                } else {
                    slot = Int32(records.count)
                    records.append(record)
                }
                index[clock.id] = slot
                schedule(slot)
            }
        case .slaWarned(let id):
            advance(id, to: 1)
        case .slaBreached(let id):
            advance(id, to: 2)
        case .slaEscalated(let escalation):
            // The recorded step is the first one of its kind from the clock's current step on.
            guard let slot = index[escalation.clockID], let record = records[Int(slot)], let policy else { return }
            // Usually the step scheduled now; then the policy need not be asked again.
            if record.phase >= 2, record.action?.rawValue == escalation.step {
                advance(slot: slot, to: record.phase + 1)
                return
            }
            var step = max(record.phase - 2, 0)
            while step < Self.ladderSearchLimit, let due = policy.escalation(of: record.clock, step: step) {
                if due.action.rawValue == escalation.step {
                    advance(escalation.clockID, to: 2 + step + 1)
                    return
                }
                step += 1
            }
        case .slaMet(let id):
            if let slot = index[id] { remove(slot) }
            paused[id] = nil
        case .slaPaused(let pause):
            guard let slot = index[pause.clockID], paused[pause.clockID] == nil else { return }
            paused[pause.clockID] = event.occurredAt
            heap.remove(slot)
        case .slaResumed(let resume):
            guard let slot = index[resume.clockID], paused.removeValue(forKey: resume.clockID) != nil,
                records[Int(slot)] != nil
            else { return }
            records[Int(slot)]!.clock.warnAt = resume.warnAt
            records[Int(slot)]!.clock.deadline = resume.deadline
            schedule(slot)
        default:
            return
        }
    }

    /// When a paused clock paused; `nil` when the clock runs or is unknown.
    ///
    /// - Parameter id: the clock.
    public func pausedSince(_ id: SLAClockID) -> Date? { paused[id] }

    /// The lead and clock of an open (running or paused) clock.
    ///
    /// - Parameter id: the clock.
    public func clock(_ id: SLAClockID) -> (lead: LeadID, clock: SLAClock)? {
        guard let slot = index[id], let record = records[Int(slot)] else { return nil }
        return (record.leadID, record.clock)
    }

    /// The next pending action of every clock that is due at `now`, earliest first.
    ///
    /// Lists one action per clock (the one it waits for); ``popDue(at:limit:)`` also returns the
    /// actions that fall due behind it.
    ///
    /// - Parameter now: the instant to check.
    /// - Returns: the due actions.
    public func due(at now: Date) -> [SLADueAction] {
        var examined = 0
        return due(at: now, examined: &examined)
    }

    /// ``due(at:)``, counting the heap entries it looked at (at most twice the due count plus one).
    ///
    /// - Parameters:
    ///   - now: the instant to check.
    ///   - examined: increased by the number of heap entries looked at.
    /// - Returns: the due actions.
    public func due(at now: Date, examined: inout Int) -> [SLADueAction] {
        let limit = now.timeIntervalSince1970
        var found: [(key: Double, slot: Int32)] = []
        var stack = heap.count > 0 ? [0] : []
        while let position = stack.popLast() {
            examined += 1
            let key = heap.keys[position]
            guard key <= limit else { continue }
            found.append((key, heap.slots[position]))
            let (left, right) = heap.children(of: position)
            if left < heap.count { stack.append(left) }
            if right < heap.count { stack.append(right) }
        }
        found.sort { $0.key < $1.key || ($0.key == $1.key && $0.slot < $1.slot) }
        return found.compactMap { action(slot: $0.slot, key: $0.key) }
    }

    /// Removes and returns what is due at `now`, earliest first, advancing each clock to its next
    /// phase (a clock whose warning and deadline both passed yields both, in order).
    ///
    /// - Parameters:
    ///   - now: the instant to check.
    ///   - limit: the most actions to return; the rest stay due for the next call.
    /// - Returns: the due actions.
    public mutating func popDue(at now: Date, limit: Int = .max) -> [SLADueAction] {
        let bound = now.timeIntervalSince1970
        var actions: [SLADueAction] = []
        while actions.count < limit, let (slot, key) = heap.top, key <= bound {
            guard let action = action(slot: slot, key: key), let record = records[Int(slot)] else {
                remove(slot)
                continue
            }
            actions.append(action)
            advance(slot: slot, to: record.phase + 1)
        }
        return actions
    }

    private func action(slot: Int32, key: Double) -> SLADueAction? {
        guard let record = records[Int(slot)] else { return nil }
        let kind: SLADueAction.Kind
        switch record.phase {
        case 0: kind = .warn
        case 1: kind = .breach
        default:
            // A missed verdict is a breach; the ladder (reassign, return to pool) is for first touch.
            guard !record.clock.id.isDisposition, let action = record.action else { return nil }
            kind = .escalate(index: record.phase - 2, step: action)
        }
        return SLADueAction(
            kind: kind, leadID: record.leadID, clockID: record.clock.id, tier: record.clock.tier,
            owner: record.clock.owner, due: Date(timeIntervalSince1970: key), reasons: record.reasons)
    }

    private mutating func advance(_ id: SLAClockID, to phase: Int) {
        guard let slot = index[id] else { return }
        advance(slot: slot, to: phase)
    }

    private mutating func advance(slot: Int32, to phase: Int) {
        guard let record = records[Int(slot)], record.phase < phase else { return }
        records[Int(slot)]!.phase = phase
        schedule(slot)
    }

    /// Puts the clock in the heap at its current phase's instant, skipping a warning that is
    /// absent or not before the deadline; removes it past the end of its ladder.
    mutating func schedule(_ slot: Int32) {
        guard var record = records[Int(slot)] else { return }
        if record.phase == 0 {
            if let warnAt = record.clock.warnAt, warnAt < record.clock.deadline {
                heap.set(slot, key: warnAt.timeIntervalSince1970)
                return
            }
            record.phase = 1
        }
        if record.phase == 1 {
            records[Int(slot)] = record
            heap.set(slot, key: record.clock.deadline.timeIntervalSince1970)
            return
        }
        guard let step = policy?.escalation(of: record.clock, step: record.phase - 2) else {
            remove(slot)
            return
        }
        record.reasons = step.reasons
        record.action = step.action
        records[Int(slot)] = record
        heap.set(slot, key: step.at.timeIntervalSince1970)
    }

    private mutating func remove(_ slot: Int32) {
        guard let record = records[Int(slot)] else { return }
        heap.remove(slot)
        index[record.clock.id] = nil
        records[Int(slot)] = nil
        free.append(slot)
    }
}
