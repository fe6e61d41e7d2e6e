import Foundation
import LeadModel
import Testing

/// A named lead state for parameterised snapshot tests.
struct StateFixture: Sendable, CustomTestStringConvertible {
    var name: String
    var state: LeadState

    var testDescription: String { name }
}

/// Lead states folded from realistic event sequences, each under its own lead id.
enum LeadStateFixtures {
    static let t0 = Date(timeIntervalSinceReferenceDate: 785_000_000.123_456_7)

    /// Folds `payloads` as the stream of lead `id`: a minute and a bit apart, at journal
    /// positions 3 apart from `firstPosition` (`nil`: no positions, as before an append).
    static func fold(
        _ id: LeadID, firstPosition: UInt64? = 1, _ payloads: [LeadEvent.Payload]
    ) -> LeadState {
        let events = payloads.enumerated().map { index, payload in
            var event = LeadEvent(
                leadID: id, occurredAt: t0 + Double(index) * 61.25, actor: .system, payload: payload)
            event.position = firstPosition.map { JournalPosition($0 + UInt64(index) * 3) }
            return event
        }
        guard let state = LeadState.fold(events) else {
            preconditionFailure("fixture \(id) has no capture")
        }
        return state
    }

    static func lead(_ id: LeadID) -> Lead {
        Lead(
            id: id, email: "ana@acme.com", phone: "+1 555 0100", firstName: "Ana",
            lastName: "Müller-Łukasiewicz", title: "CFO", company: "Acme ☃ GmbH", accountID: "acme.com",
            source: "webinar", campaign: "q4-security", messageAngle: "ROI 🚀 calculator",
            externalIDs: [ExternalID(system: "hubspot", value: "88213")],
            attributes: [
                "employees": .number(250), "industry": .string("healthcare"), "active": .bool(true),
                "since": .date(t0 - 86_400), "stack": .list(["salesforce", "slack"]),
                "arr": .number(1.25e6),
            ])
    }

    static func signal(_ kind: SignalKind, at offset: TimeInterval, key: String? = nil) -> Signal {
        Signal(
            kind: kind, occurredAt: t0 + offset, source: "website", campaign: "q4-security",
            properties: ["page": .string("/pricing"), "seconds": .number(42.5)], idempotencyKey: key)
    }

    static let card = ScoreCard(
        scorer: "rules", fit: 40, engagement: 12.5, total: 52.5, grade: "A1",
        contributions: [
            .init(rule: "icp-industry", axis: .fit, points: 30, evidence: "healthcare"),
            .init(rule: "icp-size", axis: .fit, points: 10, evidence: "250 employees"),
            .init(rule: "emails-opened", axis: .engagement, points: 12.5, evidence: "3 in 30 days"),
        ])

    static let hot = SLAClock(
        id: "clock-hot", tier: "hot", owner: .rep("rep-7"), warnAt: t0 + 600, deadline: t0 + 900)
    static let followUp = SLAClock(
        id: "clock-follow-up", tier: "follow-up", owner: .queue("sdr"), warnAt: nil,
        deadline: t0 + 86_400)

    /// A candidate as account matching lists it, with evidence of several kinds.
    static func candidate(
        _ account: AccountID, confidence: Double, parent: AccountID? = nil, createdAt: Date? = nil
    ) -> AccountCandidate {
        AccountCandidate(
            account: account, name: parent == nil ? nil : "Acme ☃ \(account.rawValue)", parent: parent,
            confidence: confidence,
            evidence: [
                MatchEvidence(kind: .name, weight: 5.5, detail: "name 'Acme' ≈ 'Acme ☃' (0.97)"),
                MatchEvidence(kind: .country, weight: -4, detail: "Österreich ≠ DE"),
                MatchEvidence(kind: .postalCode, weight: 1.5, detail: "80331"),
            ],
            standing: AccountStanding(contactCount: 12, hasOpenOpportunity: createdAt != nil, createdAt: createdAt))
    }

    /// Account matching was sure: the lead joined `acme.com` on its evidence.
    static let accountMatch = AccountMatchDecision(
        verdict: .matched, account: "acme.com", assigned: "acme.com",
        candidates: [candidate("acme.com", confidence: 0.97, createdAt: t0)], summary: "acme.com matches, 0.97")

    /// Account matching was not sure between three accounts: a review, the lead left on the
    /// account it was matched to before.
    static let accountReview = AccountMatchDecision(
        verdict: .review, account: nil, assigned: "acme.com",
        candidates: [
            candidate("acme-gmbh.de", confidence: 0.55, parent: "acme.com", createdAt: t0 - 86_400 * 400),
            candidate("acme.at", confidence: 0.5),
            candidate("acme.com", confidence: 0.45, createdAt: t0),
        ],
        summary: "3 candidates within 0.1 — bitte prüfen")

    /// A reviewer rejected the review's first candidate: the review keeps the other two, the lead
    /// moves to the parent.
    static let accountRejection = AccountMatchDecision(
        verdict: .rejected, account: "acme-gmbh.de", assigned: "acme.com",
        candidates: [accountReview.candidates[0]], summary: "the subsidiary is a different company")

    /// A reviewer's decision on one of ``accountReview``'s candidates.
    static func reviewerDecision(
        _ verdict: AccountMatchDecision.Verdict, _ account: AccountID
    ) -> AccountMatchDecision {
        AccountMatchDecision(
            verdict: verdict, account: account, assigned: verdict == .accepted ? account : nil,
            candidates: accountReview.candidates.filter { $0.account == account }, summary: "reviewer: \(verdict)")
    }

    /// Every event kind that sets a field of the state, before the erasure.
    static func everyEvent(_ id: LeadID) -> [LeadEvent.Payload] {
        [
            .captured(lead(id), stage: .lead),
            .signalRecorded(signal(.emailOpened, at: 10, key: "open-1")),
            .merged(
                MergeRecord(
                    absorbed: "lead-absorbed", matchedOn: ["email"],
                    absorbedLead: Lead(id: "lead-absorbed", phone: "+1 555 0199"),
                    absorbedSignals: [signal(.formSubmitted, at: -50)])),
            .mergedInto("lead-survivor"),
            .stageChanged(StageChange(from: .lead, to: .mql)),
            .scored(card),
            .assigned(Assignment(owner: .rep("rep-7"), router: "rules")),
            .slaStarted(hot),
            .slaStarted(followUp),
            .touched(
                Touch(
                    channel: .call, by: "rep-7", connected: true, note: "left a voicemail",
                    objections: ["security-review"], buyerSaid: "we need SOC 2 first")),
            .slaBreached("clock-hot"),
            .dispositionRecorded(
                Disposition(
                    outcome: .recycled, reasonCode: "poor-timing",
                    requalify: RequalifyTrigger(signalKinds: [.demoRequested], scoreAtLeast: 60, on: t0 + 90 * 86_400))
            ),
            .requalified(Requalification(trigger: "signal", detail: "demo-requested", recycles: 1)),
            .dispositionRecorded(
                Disposition(
                    outcome: .rejected, reasonCode: "wrong-persona", note: "is an intern", meetingQuality: .lowFit,
                    messageMatch: .overstated, nextAction: .reworkTargeting, objections: ["no-roi-case"],
                    buyerSaid: "I only wanted the ebook", failedRules: ["role"])),
            .disputeRaised(Dispute(raisedBy: "marketer-1", reason: "title says Head of Finance")),
            .disputeResolved(DisputeResolution(verdict: .upheld, by: "arbiter-1", note: "intern confirmed")),
            .opportunityOpened(
                Opportunity(
                    id: "opp-1", amount: 24_000, currency: "USD", product: "payroll",
                    expectedCloseDate: t0.addingTimeInterval(86_400 * 30), owner: .rep("rep-7"),
                    dealStage: "discovery", openedAt: t0)),
            .opportunityUpdated(OpportunityUpdate(id: "opp-1", amount: 30_000, dealStage: "proposal")),
            .opportunityClosed(
                OpportunityClosing(
                    id: "opp-1", outcome: .won, amount: 31_500, closedAt: t0.addingTimeInterval(86_400 * 40),
                    reason: "roi-case")),
            // A match, then a review left open and narrowed by a rejection: every account field set.
            .accountMatchDecided(accountMatch),
            .accountMatchDecided(accountReview),
            .accountMatchDecided(accountRejection),
            // Last: a later stage change would lift it.
            .handoffBlocked(
                HandoffBlock(rule: "threshold:sql", to: .sql, missing: [.company, "useCase"], playbookVersion: "7")),
        ]
    }

    /// A state with every stored property set: every optional present, every collection
    /// non-empty, every flag true.
    static let everyField = fold(
        "lead-every-field",
        everyEvent("lead-every-field") + [.erased(Erasure(requestedBy: "dpo", reference: "GDPR-17"))])

    /// The same before the erasure, so that the notes the erasure removes are still set.
    static let everyFieldBeforeErasure = fold("lead-every-field-kept", everyEvent("lead-every-field-kept"))

    /// A state with every optional absent and every collection empty (but the stage history,
    /// which the capture always starts), folded from one event without a journal position.
    static let noField = fold("", firstPosition: nil, [.captured(Lead(id: ""), stage: "")])

    static let all: [StateFixture] = [
        StateFixture(name: "every field set", state: everyField),
        StateFixture(name: "every field set, not erased", state: everyFieldBeforeErasure),
        StateFixture(name: "no field set", state: noField),
        StateFixture(
            name: "captured",
            state: fold("lead-captured", [.captured(Lead(id: "lead-captured", email: "a@b.io"), stage: .lead)])),
        StateFixture(
            name: "signals",
            state: fold(
                "lead-signals",
                [
                    .captured(lead("lead-signals"), stage: .lead),
                    .signalRecorded(signal(.emailOpened, at: 5)),
                    .signalRecorded(signal(.pricingPageVisited, at: 6, key: "visit-9")),
                    .signalRecorded(Signal(kind: .replied, occurredAt: t0 + 7)),
                ])),
        StateFixture(
            name: "merge survivor",
            state: fold(
                "lead-survivor",
                [
                    .captured(Lead(id: "lead-survivor", email: "ana@acme.com"), stage: .lead),
                    .signalRecorded(signal(.replied, at: 1)),
                    .merged(
                        MergeRecord(
                            absorbed: "lead-absorbed", matchedOn: ["email", "external:hubspot"],
                            absorbedLead: lead("lead-absorbed"),
                            absorbedSignals: [signal(.emailOpened, at: -100), signal(.linkClicked, at: -90)])),
                ])),
        StateFixture(
            name: "merged into a survivor",
            state: fold(
                "lead-absorbed",
                [.captured(lead("lead-absorbed"), stage: .lead), .mergedInto("lead-survivor")])),
        StateFixture(
            name: "stage changes",
            state: fold(
                "lead-stages",
                [
                    .captured(Lead(id: "lead-stages"), stage: .lead),
                    .stageChanged(StageChange(from: .lead, to: .mql)),
                    .stageChanged(StageChange(from: .mql, to: .sql)),
                    .stageChanged(StageChange(from: .sql, to: .opportunity)),
                ])),
        StateFixture(
            name: "scored and assigned",
            state: fold(
                "lead-scored",
                [
                    .captured(lead("lead-scored"), stage: .lead),
                    .scored(ScoreCard(scorer: "rules", fit: 0, engagement: 0)),
                    .scored(card),
                    .assigned(Assignment(owner: .queue("sdr-pool"), router: "round-robin")),
                    .assigned(Assignment(owner: .rep("rep-2"), router: "account-owner")),
                ])),
        StateFixture(
            name: "touched",
            state: fold(
                "lead-touched",
                [
                    .captured(Lead(id: "lead-touched"), stage: .sql),
                    .touched(Touch(channel: .email, by: "rep-2")),
                    .touched(Touch(channel: .call, by: "rep-2", connected: true, note: "booked a demo")),
                ])),
        StateFixture(
            name: "sla started, met and breached",
            state: fold(
                "lead-sla",
                [
                    .captured(Lead(id: "lead-sla"), stage: .sql),
                    .slaStarted(hot),
                    .slaStarted(followUp),
                    .slaStarted(SLAClock(id: "clock-3", tier: "warm", owner: nil, warnAt: nil, deadline: t0)),
                    .slaWarned("clock-hot"),
                    .slaEscalated(SLAEscalation(clockID: "clock-hot", step: "manager", target: .rep("mgr"))),
                    .slaMet("clock-3"),
                    .slaBreached("clock-hot"),
                ])),
        StateFixture(
            name: "disposition",
            state: fold(
                "lead-disposition",
                [
                    .captured(Lead(id: "lead-disposition"), stage: .sql),
                    .dispositionRecorded(Disposition(outcome: .recycled, reasonCode: "poor-timing")),
                ])),
        StateFixture(
            name: "erased",
            state: fold(
                "lead-erased",
                [
                    .captured(lead("lead-erased"), stage: .lead),
                    .signalRecorded(signal(.formSubmitted, at: 3)),
                    .touched(Touch(channel: .call, by: "rep-1", note: "personal detail")),
                    .erased(Erasure(requestedBy: "dpo")),
                ])),
        StateFixture(
            name: "account accepted after a review",
            state: fold(
                "lead-account-accepted",
                [
                    .captured(lead("lead-account-accepted"), stage: .lead),
                    .accountMatchDecided(accountReview),
                    .accountMatchDecided(reviewerDecision(.rejected, "acme.at")),
                    .accountMatchDecided(reviewerDecision(.accepted, "acme.com")),
                ])),
        StateFixture(
            name: "account matched, no review",
            state: fold(
                "lead-account-matched",
                [
                    .captured(Lead(id: "lead-account-matched", company: "Acme"), stage: .lead),
                    .accountMatchDecided(
                        AccountMatchDecision(
                            verdict: .matched, account: "acme.com", assigned: "acme.com",
                            candidates: [candidate("acme.com", confidence: 0.99)], summary: "sure")),
                ])),
        StateFixture(
            name: "every account candidate rejected",
            state: fold(
                "lead-account-rejected",
                [
                    .captured(lead("lead-account-rejected"), stage: .lead),
                    .accountMatchDecided(accountReview),
                    .accountMatchDecided(reviewerDecision(.rejected, "acme.com")),
                    .accountMatchDecided(reviewerDecision(.rejected, "acme.at")),
                    .accountMatchDecided(reviewerDecision(.rejected, "acme-gmbh.de")),
                ])),
        StateFixture(name: "realistic", state: realistic(7)),
    ]

    /// A typical state: a lead with six attributes, five signals, two stage entries, a score card
    /// with three contributions, an owner, one touch and one open clock.
    static func realistic(_ index: Int) -> LeadState {
        let id = LeadID("lead-\(index)")
        let lead = Lead(
            id: id, email: "person\(index)@company\(index % 997).com", firstName: "Person",
            lastName: "Number \(index)", title: "VP Finance", company: "Company \(index % 997)",
            accountID: AccountID(rawValue: "company\(index % 997).com"), source: "webinar",
            campaign: "q4-security",
            attributes: [
                "employees": .number(Double(50 + index % 5_000)), "industry": .string("healthcare"),
                "country": .string("DE"), "plan": .string("enterprise"), "trial": .bool(index % 2 == 0),
                "stack": .list(["salesforce", "slack"]),
            ])
        let kinds: [SignalKind] = [.emailOpened, .linkClicked, .pricingPageVisited, .webinarAttended, .replied]
        var payloads: [LeadEvent.Payload] = [.captured(lead, stage: .lead)]
        for (offset, kind) in kinds.enumerated() {
            payloads.append(
                .signalRecorded(
                    Signal(
                        kind: kind, occurredAt: t0 + Double(index + offset), source: "website",
                        campaign: "q4-security", properties: ["page": .string("/pricing")])))
        }
        payloads += [
            .scored(card),
            .stageChanged(StageChange(from: .lead, to: .mql)),
            .assigned(Assignment(owner: .rep("rep-\(index % 40)"), router: "rules")),
            .slaStarted(
                SLAClock(
                    id: SLAClockID(rawValue: "clock-\(index)"), tier: "hot", owner: .rep("rep-\(index % 40)"),
                    warnAt: nil, deadline: t0 + 900
                )),
            .touched(Touch(channel: .email, by: "rep-\(index % 40)")),
        ]
        return fold(id, firstPosition: UInt64(index) * 16 + 1, payloads)
    }
}
