import Foundation
import LeadModel

// The request bodies that have no SDK type of their own. Where the SDK has one, the API takes it
// as it is: a person is a `Lead`, a signal a `Signal`, a touch a `Touch`, a verdict a
// `Disposition`.

/// The body of `POST /v1/signals`: a signal, and either the person it came from or a known lead.
public struct SignalRequest: Codable, Hashable, Sendable {
    /// What happened. Its `idempotencyKey`, or the `Idempotency-Key` header, makes a retry safe.
    public var signal: Signal
    /// The person, resolved by identity (email, phone, external id) or captured.
    public var person: Lead?
    /// A known lead's id, instead of a person.
    public var lead: String?

    /// Makes a request.
    /// - Parameters:
    ///   - signal: what happened.
    ///   - person: the person it came from, or `nil` with `lead`.
    ///   - lead: a known lead's id, or `nil` with `person`.
    public init(signal: Signal, person: Lead? = nil, lead: String? = nil) {
        self.signal = signal
        self.person = person
        self.lead = lead
    }
}

/// The body of `POST /v1/leads/{id}/stage`: a move to another stage.
public struct StageRequest: Codable, Hashable, Sendable {
    /// The stage to enter, as the playbook names it (`sql`, `opportunity`).
    public var stage: String
    /// Who moves it; the service's integration when left out.
    public var by: String?
    /// Why, stored with the event.
    public var reason: String?

    /// Makes a request.
    /// - Parameters:
    ///   - stage: the stage to enter.
    ///   - by: who moves it.
    ///   - reason: why.
    public init(stage: String, by: String? = nil, reason: String? = nil) {
        self.stage = stage
        self.by = by
        self.reason = reason
    }
}

/// The body of `POST /v1/leads/{id}/assign`: an owner chosen by hand.
public struct AssignRequest: Codable, Hashable, Sendable {
    /// The new owner: a rep's id, or `queue:NAME`.
    public var owner: String
    /// Why, stored with the assignment; required.
    public var reason: String
    /// Who reassigns; the service's integration when left out.
    public var by: String?

    /// Makes a request.
    /// - Parameters:
    ///   - owner: a rep's id or `queue:NAME`.
    ///   - reason: why.
    ///   - by: who reassigns.
    public init(owner: String, reason: String, by: String? = nil) {
        self.owner = owner
        self.reason = reason
        self.by = by
    }
}

/// The body of `GET /healthz` and `GET /readyz`.
public struct HealthStatus: Codable, Hashable, Sendable {
    /// `ok`, `ready`, or `draining` while the service shuts down.
    public var status: String
    /// How many leads the engine holds.
    public var leads: Int?
    /// The journal's last position.
    public var journalPosition: UInt64?
    /// On a shared PostgreSQL journal, `leader` for the instance that runs the timer loop and
    /// the outbox, `follower` for the others; absent on the file store.
    public var role: String?
}
