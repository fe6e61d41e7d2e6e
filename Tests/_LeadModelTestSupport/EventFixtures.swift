import Foundation
import LeadModel
import Testing

/// A named event for parameterised codec tests.
package struct EventFixture: Sendable, CustomTestStringConvertible {
    package var name: String
    package var event: LeadEvent

    package var testDescription: String { name }
}

/// Events covering every payload case, once with every optional field set and non-empty
/// collections, once with every optional field unset and empty collections.
package enum EventFixtures {
    package static let at = Date(timeIntervalSinceReferenceDate: 785_000_000.123_456_7)
    package static let later = Date(timeIntervalSince1970: 1_795_000_000.000_001)

    package static let fullLead = Lead(
        id: "lead-1", email: "ana@acme.com", phone: "+1 555 0100", firstName: "Ana",
        lastName: "Müller-Łukasiewicz", title: "CFO", company: "Acme ☃ GmbH", accountID: "acme.com",
        source: "webinar", campaign: "q4-security", messageAngle: "ROI 🚀 calculator",
        externalIDs: [
            ExternalID(system: "hubspot", value: "88213"), ExternalID(system: "", value: ""),
        ],
        attributes: [
            "employees": .number(250), "industry": .string("healthcare"), "active": .bool(true),
            "inactive": .bool(false), "since": .date(later), "stack": .list(["salesforce", "slack", ""]),
            "none": .list([]), "": .string(""), "日本語": .string("東京"),
        ])

    package static let bareLead = Lead(id: "")

    package static let fullSignal = Signal(
        kind: .quoteRequested, occurredAt: at, source: "website", campaign: "q4-security",
        properties: ["product": .string("payroll"), "seats": .number(12.5), "trial": .bool(true)],
        idempotencyKey: "form-88213")

    package static let bareSignal = Signal(kind: "", occurredAt: Date(timeIntervalSinceReferenceDate: 0))

    package static let fullPayloads: [(String, LeadEvent.Payload)] = [
        ("captured", .captured(fullLead, stage: .lead)),
        ("signal-recorded", .signalRecorded(fullSignal)),
        (
            "fields-changed",
            .fieldsChanged(
                FieldChanges([
                    .email: .string("new@acme.com"), .title: nil, "employees": .number(-3),
                    "renewal": .date(at), "tags": .list(["a", "b"]), "vip": .bool(true),
                ]))
        ),
        (
            "merged",
            .merged(
                MergeRecord(
                    absorbed: "lead-2", matchedOn: ["email", "external:hubspot"], absorbedLead: fullLead,
                    absorbedSignals: [fullSignal, bareSignal]))
        ),
        ("merged-into", .mergedInto("lead-9")),
        ("stage-changed", .stageChanged(StageChange(from: .mql, to: .sql))),
        (
            "scored",
            .scored(
                ScoreCard(
                    scorer: "rules", fit: 40, engagement: 12.5, total: 52.5, grade: "A1",
                    contributions: [
                        .init(rule: "icp-industry", axis: .fit, points: 40, evidence: "healthcare"),
                        .init(rule: "emails-opened", axis: .engagement, points: 12.5, evidence: "3 in 30 days"),
                        .init(
                            rule: "replied", axis: .engagement, points: 6, matched: "1 reply",
                            adjustment: .decayed(newestDays: 12, keptPercent: 76)),
                        .init(
                            rule: "downloads", axis: .engagement, points: 4, matched: "3 downloads, 2 each",
                            adjustment: .perOccurrence(afterDecay: 4.2, cappedAt: 4)),
                    ], playbookVersion: "2026.11.2"))
        ),
        ("assigned", .assigned(Assignment(owner: .rep("rep-7"), router: "rules"))),
        (
            "touched",
            .touched(
                Touch(
                    channel: .call, by: "rep-7", connected: true, note: "left a voicemail — ok",
                    objections: ["security-review", "implementation-time"], buyerSaid: "six months is too long"))
        ),
        (
            "sla-started",
            .slaStarted(
                SLAClock(id: "clock-1", tier: "hot", owner: .rep("rep-7"), warnAt: at, deadline: later))
        ),
        ("sla-warned", .slaWarned("clock-1")),
        ("sla-met", .slaMet("clock-1")),
        ("sla-breached", .slaBreached("clock-1")),
        (
            "sla-escalated",
            .slaEscalated(SLAEscalation(clockID: "clock-1", step: "reassign", target: .queue("pool")))
        ),
        (
            "disposition-recorded",
            .dispositionRecorded(
                Disposition(
                    outcome: .recycled, reasonCode: "poor-timing", note: "is an intern", meetingQuality: .partial,
                    messageMatch: .unclear, nextAction: .nurture, objections: ["no-roi-case"],
                    buyerSaid: "call me next quarter", failedRules: ["role", "geography"],
                    requalify: RequalifyTrigger(
                        signalKinds: [.demoRequested, .quoteRequested], scoreAtLeast: 62.5, on: later)))
        ),
        ("erased", .erased(Erasure(requestedBy: "dpo@acme.com", reference: "GDPR-17"))),
        (
            "opportunity-opened",
            .opportunityOpened(
                Opportunity(
                    id: "opp-1", amount: 24_000.5, currency: "EUR", product: "payroll ☃", expectedCloseDate: later,
                    owner: .rep("rep-7"), dealStage: "discovery", openedAt: at, accountName: "Acme ☃, Inc."))
        ),
        (
            "opportunity-updated",
            .opportunityUpdated(
                OpportunityUpdate(id: "opp-1", amount: -0.0, dealStage: "proposal", expectedCloseDate: at))
        ),
        (
            "opportunity-closed",
            .opportunityClosed(
                OpportunityClosing(id: "opp-1", outcome: .lost, amount: 18_000, closedAt: later, reason: "price"))
        ),
        ("dispute-raised", .disputeRaised(Dispute(raisedBy: "marketer-ü", reason: "the title says CFO"))),
        (
            "dispute-resolved",
            .disputeResolved(DisputeResolution(verdict: .overturned, by: "arbiter-1", note: "CFO confirmed"))
        ),
        ("requalified", .requalified(Requalification(trigger: "score", detail: "score 64 ≥ 60", recycles: 300))),
        (
            "playbook-proposed",
            .playbookProposed(
                PlaybookProposal(name: "Acme", version: "2", digest: "ab12", changedSections: ["scoring", "routing"]))
        ),
        (
            "playbook-signed-off",
            .playbookSignedOff(PlaybookSignOff(version: "2", digest: "ab12", owner: "Maria Díaz", team: "sales"))
        ),
        (
            "playbook-activated",
            .playbookActivated(
                PlaybookActivation(version: "2", digest: "ab12", previousVersion: "1", signedBy: ["Maria", "Sam"]))
        ),
        ("turn-taken", .turnTaken(TurnClaim(lead: "lead-1", rep: "rep-7", pool: "emea"))),
        ("sla-paused", .slaPaused(SLAPause(clockID: "clock-1", reason: "waiting on the prospect — to pick a time"))),
        ("sla-resumed", .slaResumed(SLAResume(clockID: "clock-1", pausedFor: 5400.5, warnAt: at, deadline: later))),
        (
            "handoff-blocked",
            .handoffBlocked(
                HandoffBlock(
                    rule: "trigger:quote-or-demo", to: "sql", missing: ["company", "use case — é"],
                    playbookVersion: "3"))
        ),
        ("account-match-decided", .accountMatchDecided(fullAccountDecision)),
    ]

    /// An account decision with every optional set: two candidates, one with a parent, a name and
    /// a creation date, the other without, and evidence of several kinds (repeated, as the
    /// snapshot shares them), for and against.
    package static let fullAccountDecision = AccountMatchDecision(
        verdict: .matched, account: "acme-gmbh.de", assigned: "acme-gmbh.de",
        candidates: [
            AccountCandidate(
                account: "acme-gmbh.de", name: "Acme ☃ GmbH", parent: "acme.com", confidence: 0.912_5,
                evidence: [
                    MatchEvidence(kind: .emailDomain, weight: 9, detail: "email domain acme-gmbh.de ∈ Acme ☃ GmbH"),
                    MatchEvidence(kind: .name, weight: 5.5, detail: "name 'Acme GmbH' ≈ 'Acme ☃ GmbH' (0.97)"),
                    MatchEvidence(kind: .country, weight: 0.75, detail: "Deutschland = DE"),
                    MatchEvidence(kind: .parent, weight: 0, detail: "part of Acme, Inc. — 日本語"),
                ],
                standing: AccountStanding(contactCount: 300, hasOpenOpportunity: true, createdAt: later)),
            AccountCandidate(
                account: "acme.com", confidence: -0.0,
                evidence: [
                    MatchEvidence(kind: .name, weight: 3, detail: "acronym"),
                    MatchEvidence(kind: .country, weight: -4, detail: "US ≠ DE"),
                    MatchEvidence(kind: MatchEvidence.Kind(rawValue: ""), weight: -1.5, detail: ""),
                ],
                standing: AccountStanding(contactCount: 0, hasOpenOpportunity: false, createdAt: nil)),
        ],
        summary: "matched Acme ☃ GmbH (0.91) über acme.com 🚀")

    package static let barePayloads: [(String, LeadEvent.Payload)] = [
        ("captured", .captured(bareLead, stage: "")),
        ("signal-recorded", .signalRecorded(bareSignal)),
        ("fields-changed", .fieldsChanged(FieldChanges([:]))),
        (
            "merged",
            .merged(MergeRecord(absorbed: "", matchedOn: [], absorbedLead: bareLead, absorbedSignals: []))
        ),
        ("merged-into", .mergedInto("")),
        ("stage-changed", .stageChanged(StageChange(from: "", to: ""))),
        ("scored", .scored(ScoreCard(scorer: "", fit: 0, engagement: 0))),
        ("assigned", .assigned(Assignment(owner: .queue(""), router: ""))),
        ("touched", .touched(Touch(channel: "", by: ""))),
        ("sla-started", .slaStarted(SLAClock(id: "", tier: "", owner: nil, warnAt: nil, deadline: at))),
        ("sla-warned", .slaWarned("")),
        ("sla-met", .slaMet("")),
        ("sla-breached", .slaBreached("")),
        ("sla-escalated", .slaEscalated(SLAEscalation(clockID: "", step: ""))),
        ("disposition-recorded", .dispositionRecorded(Disposition(outcome: .accepted))),
        ("erased", .erased(Erasure(requestedBy: ""))),
        ("opportunity-opened", .opportunityOpened(Opportunity(id: "", amount: nil, currency: ""))),
        ("opportunity-updated", .opportunityUpdated(OpportunityUpdate(id: ""))),
        (
            "opportunity-closed",
            .opportunityClosed(OpportunityClosing(id: "", outcome: .won, amount: nil, closedAt: at))
        ),
        ("dispute-raised", .disputeRaised(Dispute(raisedBy: "", reason: ""))),
        ("dispute-resolved", .disputeResolved(DisputeResolution(verdict: .upheld, by: ""))),
        ("requalified", .requalified(Requalification(trigger: "", detail: "", recycles: 0))),
        (
            "playbook-proposed",
            .playbookProposed(PlaybookProposal(name: "", version: "", digest: "", changedSections: []))
        ),
        ("playbook-signed-off", .playbookSignedOff(PlaybookSignOff(version: "", digest: "", owner: "", team: ""))),
        (
            "playbook-activated",
            .playbookActivated(PlaybookActivation(version: "", digest: "", previousVersion: nil, signedBy: []))
        ),
        ("turn-taken", .turnTaken(TurnClaim(lead: "", rep: ""))),
        ("sla-paused", .slaPaused(SLAPause(clockID: "", reason: ""))),
        ("sla-resumed", .slaResumed(SLAResume(clockID: "", pausedFor: 0, warnAt: nil, deadline: at))),
        ("handoff-blocked", .handoffBlocked(HandoffBlock(rule: "", to: "", missing: []))),
        (
            "account-match-decided",
            .accountMatchDecided(
                AccountMatchDecision(verdict: .review, account: nil, assigned: nil, candidates: [], summary: ""))
        ),
    ]

    package static let full: [EventFixture] = fullPayloads.map { name, payload in
        EventFixture(
            name: "\(name), all optionals set",
            event: LeadEvent(
                leadID: "lead-1", occurredAt: at, actor: .person("rep-ü"), payload: payload,
                reasons: [Reason(rule: "mql-floor", detail: "52.5 ≥ 50"), Reason(rule: "", detail: "")],
                idempotencyKey: "key-1", playbookVersion: "2026.4"))
    }

    package static let bare: [EventFixture] = barePayloads.map { name, payload in
        EventFixture(
            name: "\(name), all optionals unset",
            event: LeadEvent(
                leadID: "", occurredAt: Date(timeIntervalSinceReferenceDate: 0), actor: .system,
                payload: payload))
    }

    package static let extra: [EventFixture] = [
        EventFixture(
            name: "integration actor, recycled disposition",
            event: LeadEvent(
                leadID: "lead-3", occurredAt: later, actor: .integration("csv-import"),
                payload: .dispositionRecorded(Disposition(outcome: .recycled, reasonCode: "poor-timing")))),
        EventFixture(
            name: "long strings and many entries",
            event: LeadEvent(
                leadID: LeadID(String(repeating: "é", count: 100)), occurredAt: at, actor: .system,
                payload: .signalRecorded(
                    Signal(
                        kind: "bulk", occurredAt: at,
                        properties: Dictionary(
                            uniqueKeysWithValues: (0..<150).map {
                                ("key-\($0)", AttributeValue.number(Double($0)))
                            }))),
                reasons: (0..<200).map { Reason(rule: "r\($0)", detail: String(repeating: "x", count: $0)) }
            )),
    ]

    package static let all: [EventFixture] = full + bare + extra
}
