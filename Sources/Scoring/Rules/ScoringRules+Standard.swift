import LeadModel

extension ScoringRules {
    /// The default playbook's rules: the seed point rules plus an ICP that matches the demo.
    ///
    /// Engagement (decaying with a 30-day half-life): opened 3+ emails in 30 days = 10, visited a
    /// pricing or quote page = 20, replied to a text or email = 25, attended a webinar or event
    /// = 15, requested a quote = 40, requested a demo = 40, downloaded content = 5 each (at most
    /// 15), unsubscribed = −20 (does not decay).
    ///
    /// Fit: industry healthcare / fintech / software = 10, 200–2,000 employees = 10, country US
    /// or CA = 5, a use case given = 5, a senior title (VP, Head of, Chief, CFO, CEO, Director)
    /// = 5, student or intern = −25, a competitor's email domain = −50, and the `core-icp`
    /// profile (industry, size and country all in the ICP) = 5 more. The standard rules use
    /// `contains` rather than regular expressions, which cost microseconds each on Linux. A perfect fit is 40 points, so fit
    /// alone never reaches the MQL floor of 50: marketing qualification needs intent too.
    public static let standard = ScoringRules(
        fit: [
            FitRule(
                "icp-industry", field: "industry", .oneOf(["healthcare", "fintech", "software"]), points: 10),
            FitRule("icp-company-size", field: "employees", .range(min: 200, max: 2_000), points: 10),
            FitRule("icp-country", field: "country", .oneOf(["US", "CA"]), points: 5),
            FitRule("use-case-known", field: "useCase", .present, points: 5),
            FitRule(
                "senior-title", field: .title,
                ValueCondition(contains: ["vp", "vice president", "head of", "chief", "cfo", "ceo", "director"]),
                points: 5),
            FitRule("student", field: .title, ValueCondition(contains: ["student", "intern"]), points: -25),
            FitRule(
                "competitor-domain", field: .email,
                ValueCondition(contains: ["@rippling.com", "@gusto.com", "@adp.com", "@paychex.com"]), points: -50),
        ],
        icp: [
            IdealCustomerProfile(
                "core-icp", points: 5,
                criteria: [
                    FieldCriterion(field: "industry", .oneOf(["healthcare", "fintech", "software"])),
                    FieldCriterion(field: "employees", .range(min: 200, max: 2_000)),
                    FieldCriterion(field: "country", .oneOf(["US", "CA"])),
                ])
        ],
        engagement: [
            EngagementRule(
                "opened-3-emails", kinds: [.emailOpened], atLeast: 3, withinDays: 30, points: 10,
                label: "emails opened", singular: "email opened"),
            EngagementRule(
                "pricing-page", kinds: [.pricingPageVisited, .linkClicked],
                where: [PropertyCondition(property: "url", ValueCondition(contains: ["pricing", "quote"]))],
                points: 20, label: "pricing or quote page visits",
                singular: "pricing or quote page visit"),
            EngagementRule(
                "replied", kinds: [.replied], points: 25, label: "replies to a text or email",
                singular: "reply to a text or email"),
            EngagementRule(
                "attended-event", kinds: [.webinarAttended, .eventAttended], points: 15,
                label: "webinars or events attended",
                singular: "webinar or event attended"),
            EngagementRule(
                "requested-quote", kinds: [.quoteRequested], points: 40, label: "quote requests",
                singular: "quote request"),
            EngagementRule(
                "requested-demo", kinds: [.demoRequested], points: 40, label: "demo requests", singular: "demo request"),
            EngagementRule(
                "content-downloads", kinds: [.contentDownloaded], points: 5, per: .occurrence, cap: 15,
                label: "content downloads", singular: "content download"),
            EngagementRule(
                "unsubscribed", kinds: [.unsubscribed], points: -20, decays: false, label: "unsubscribes",
                singular: "unsubscribe"),
        ],
        decay: .halfLife(days: 30),
        grades: .standard
    )
}
