/// The playbook's `scoring` section: fit rules, ideal customer profiles, engagement rules, the
/// decay of engagement and the grade scale. ``RuleScorer`` scores leads with it.
///
/// ```json
/// {
///   "fit": [
///     {"name": "icp-industry", "field": "industry", "oneOf": ["healthcare", "fintech", "software"], "points": 10},
///     {"name": "student", "field": "title", "contains": "student", "points": -25}
///   ],
///   "icp": [
///     {"name": "core-icp", "points": 5, "criteria": [{"field": "employees", "min": 200, "max": 2000}]}
///   ],
///   "engagement": [
///     {"name": "opened-3-emails", "kinds": ["email-opened"], "atLeast": 3, "withinDays": 30, "points": 10},
///     {"name": "requested-quote", "kinds": ["quote-requested"], "points": 40}
///   ],
///   "decay": {"halfLifeDays": 30},
///   "grades": {"fit": {"A": 30, "B": 20, "C": 10}, "engagement": {"1": 50, "2": 25, "3": 10}},
///   "targetAccounts": [{"name": "q4-targets", "accounts": ["acme.com"], "points": 15}],
///   "accountRollup": {"engagementCap": 100},
///   "machineSignals": {"withinSecondsOfDelivery": 10, "weight": 0}
/// }
/// ```
///
/// Every key but `fit` or `engagement` may be left out: `icp` and `targetAccounts` default to
/// none, `decay` to no decay, `grades` to ``GradeScale/standard``, `accountRollup` to
/// ``AccountRollup/standard``, `machineSignals` to none (every signal counts in full; see
/// ``MachineSignals``) and `scorer` to `"rules"`. ``standard`` holds the
/// default playbook's rules.
public struct ScoringRules: Hashable, Sendable, Codable {
    /// The name written on score cards; `"rules"` by default.
    public var scorer: String
    /// Rules on who the lead is.
    public var fit: [FitRule]
    /// Ideal customer profiles: bonuses when every criterion holds.
    public var icp: [IdealCustomerProfile]
    /// Rules on what the lead did.
    public var engagement: [EngagementRule]
    /// How engagement fades with age.
    public var decay: EngagementDecay
    /// The thresholds of the two-axis grade.
    public var grades: GradeScale
    /// Target-account lists: each gives the contacts of its accounts a fit bonus.
    public var targetAccounts: [TargetAccountList]
    /// How an account's score rolls up from its contacts' cards.
    public var accountRollup: AccountRollup
    /// How opens and clicks made by privacy proxies and link scanners are told apart and
    /// discounted; `nil` (the default) counts every signal in full.
    public var machineSignals: MachineSignals?

    /// Makes a rule set.
    public init(
        scorer: String = "rules", fit: [FitRule] = [], icp: [IdealCustomerProfile] = [],
        engagement: [EngagementRule] = [], decay: EngagementDecay = .none, grades: GradeScale = .standard,
        targetAccounts: [TargetAccountList] = [], accountRollup: AccountRollup = .standard,
        machineSignals: MachineSignals? = nil
    ) {
        self.scorer = scorer
        self.fit = fit
        self.icp = icp
        self.engagement = engagement
        self.decay = decay
        self.grades = grades
        self.targetAccounts = targetAccounts
        self.accountRollup = accountRollup
        self.machineSignals = machineSignals
    }

    /// Every problem with the rules, each with a JSON path relative to the section, such as
    /// `fit[3].matches` or `engagement[0].cap`. Empty when the rules are valid.
    public func problems() -> [(path: String, message: String)] {
        var found: [(path: String, message: String)] = []
        if scorer.isEmpty { found.append(("scorer", "the scorer name is empty")) }
        var names: Set<String> = []
        func checkName(_ name: String, at path: String) {
            if !name.isEmpty, !names.insert(name).inserted {
                found.append(("\(path).name", "rule name '\(name)' is used twice; contributions would be ambiguous"))
            }
        }
        for (index, rule) in fit.enumerated() {
            found += rule.problems(at: "fit[\(index)]")
            checkName(rule.name, at: "fit[\(index)]")
        }
        for (index, profile) in icp.enumerated() {
            found += profile.problems(at: "icp[\(index)]")
            checkName(profile.name, at: "icp[\(index)]")
        }
        for (index, rule) in engagement.enumerated() {
            found += rule.problems(at: "engagement[\(index)]")
            checkName(rule.name, at: "engagement[\(index)]")
        }
        for (index, list) in targetAccounts.enumerated() {
            found += list.problems(at: "targetAccounts[\(index)]")
            checkName(list.name, at: "targetAccounts[\(index)]")
        }
        found += accountRollup.problems(at: "accountRollup")
        found += decay.problems(at: "decay")
        found += grades.problems(at: "grades")
        if let machineSignals { found += machineSignals.problems(at: "machineSignals") }
        return found
    }

    private enum CodingKeys: String, CodingKey {
        case scorer, fit, icp, engagement, decay, grades, targetAccounts, accountRollup, machineSignals
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        scorer = try container.decodeIfPresent(String.self, forKey: .scorer) ?? "rules"
        fit = try container.decodeIfPresent([FitRule].self, forKey: .fit) ?? []
        icp = try container.decodeIfPresent([IdealCustomerProfile].self, forKey: .icp) ?? []
        engagement = try container.decodeIfPresent([EngagementRule].self, forKey: .engagement) ?? []
        decay = try container.decodeIfPresent(EngagementDecay.self, forKey: .decay) ?? .none
        grades = try container.decodeIfPresent(GradeScale.self, forKey: .grades) ?? .standard
        targetAccounts = try container.decodeIfPresent([TargetAccountList].self, forKey: .targetAccounts) ?? []
        accountRollup = try container.decodeIfPresent(AccountRollup.self, forKey: .accountRollup) ?? .standard
        machineSignals = try container.decodeIfPresent(MachineSignals.self, forKey: .machineSignals)
    }
}
