import Foundation
import LeadModel

/// The simulated sales side: when the proposed rules assign a lead to a rep, the rep answers
/// after the same delay the lead's real owner took, measured from the real assignment (or
/// handoff). A lead nobody answered in reality is not answered in the simulation either.
actor SimulatedResponses: NotificationSink {
    /// Observed response delays, by lead.
    private let delays: [LeadID: TimeInterval]
    private var due: [(at: Date, lead: LeadID, rep: String)] = []
    private var now: Date = .distantPast

    init(delays: [LeadID: TimeInterval]) {
        self.delays = delays
    }

    func setNow(_ date: Date) { now = date }

    func deliver(_ notification: EngineNotification) async {
        guard case .assigned(let lead, .rep(let rep)) = notification, let delay = delays[lead] else { return }
        due.append((now + delay, lead, rep))
    }

    /// The first touches due by `time`, soonest first, removed from the schedule.
    func popDue(until time: Date) -> [(at: Date, lead: LeadID, rep: String)] {
        let ready = due.filter { $0.at <= time }.sorted { $0.at == $1.at ? $0.lead < $1.lead : $0.at < $1.at }
        due.removeAll { $0.at <= time }
        return ready
    }

    /// When the next simulated touch is due.
    var nextDue: Date? { due.map(\.at).min() }
}
