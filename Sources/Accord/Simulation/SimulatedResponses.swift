import Foundation
import LeadModel

/// The simulated sales side: when the proposed rules hand a lead to sales, it is answered after
/// the delay it waited in reality from handoff to first touch — by its simulated owner, or by
/// the rep who answered it in reality when the simulation put it in a queue. A lead nobody
/// answered in reality is not answered in the simulation either.
actor SimulatedResponses: NotificationSink {
    /// How a lead was answered in reality.
    struct Response: Hashable, Sendable {
        /// From handoff to first touch.
        var delay: TimeInterval
        /// Who touched it.
        var by: String
    }

    private let responses: [LeadID: Response]
    private var scheduled: Set<LeadID> = []
    private var due: [(at: Date, lead: LeadID, rep: String)] = []
    private var now: Date = .distantPast

    init(delays: [LeadID: Response]) {
        responses = delays
    }

    func setNow(_ date: Date) { now = date }

    /// Schedules the first touch when a lead is first assigned (a reassignment keeps it).
    func deliver(_ notification: EngineNotification) async {
        guard case .assigned(let lead, let owner) = notification, let response = responses[lead],
            scheduled.insert(lead).inserted
        else { return }
        let rep: String
        switch owner {
        case .rep(let id): rep = id
        case .queue: rep = response.by
        }
        due.append((now + response.delay, lead, rep))
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
