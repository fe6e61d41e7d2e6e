import LeadModel
import Routing
import SLA
import Scoring

/// The policies an engine decides with: the playbook and the resolved plugin instances.
///
/// Commands (see the `*Commands` types) read it with the projections; they never reach the
/// engine. A value of `Sendable` parts, so a test builds one without an engine.
struct EnginePolicies: Sendable {
    /// The agreement: stages and gates, feedback, reason codes, routing section, qualification.
    let playbook: Playbook
    /// Decides which records are the same person.
    let identity: any IdentityResolver
    /// The scorer in use, if any.
    let scorer: (any LeadScorer)?
    /// The router in use, if any.
    let router: (any LeadRouter)?
    /// The SLA policy in use, if any.
    let sla: (any SLAPolicy)?

    /// The policies of a resolved configuration: its instances, and the playbook's identity
    /// rules when it names no resolver.
    init(playbook: Playbook, configuration: EngineConfiguration) {
        self.init(
            playbook: playbook,
            identity: configuration.identity ?? StandardIdentityResolver(configuration: playbook.identity),
            scorer: configuration.scorer, router: configuration.router, sla: configuration.sla)
    }

    init(
        playbook: Playbook, identity: any IdentityResolver, scorer: (any LeadScorer)? = nil,
        router: (any LeadRouter)? = nil, sla: (any SLAPolicy)? = nil
    ) {
        self.playbook = playbook
        self.identity = identity
        self.scorer = scorer
        self.router = router
        self.sla = sla
    }
}
