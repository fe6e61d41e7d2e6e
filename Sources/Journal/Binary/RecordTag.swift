import LeadModel

/// The one-byte tags of the record layout, one enum per tagged union.
///
/// Tag values are part of the on-disk format: never renumber or reuse one. Zero is never a valid
/// tag, so a zeroed region of a file fails to decode instead of reading as a value. Adding a tag
/// means bumping ``EventCodec/layoutVersion`` (see `Documentation/RecordLayout.md`).
enum RecordTag {
    /// Tags of ``LeadModel/LeadEvent/Payload``.
    enum Payload: UInt8 {
        case captured = 1
        case signalRecorded = 2
        case fieldsChanged = 3
        case merged = 4
        case mergedInto = 5
        case stageChanged = 6
        case scored = 7
        case assigned = 8
        case touched = 9
        case slaStarted = 10
        case slaWarned = 11
        case slaMet = 12
        case slaBreached = 13
        case slaEscalated = 14
        case dispositionRecorded = 15
        case erased = 16
        case opportunityOpened = 17
        case opportunityUpdated = 18
        case opportunityClosed = 19
        case disputeRaised = 20
        case disputeResolved = 21
        case requalified = 22
        // 23–24 and 28–29: unused.
        case turnTaken = 25
        case slaPaused = 26
        case slaResumed = 27
        case playbookProposed = 30
        case playbookSignedOff = 31
        case playbookActivated = 32
        case handoffBlocked = 33
        case accountMatchDecided = 34

        /// The layout version that added the tag: a record of an older version carrying it is
        /// malformed. A switch rather than a set, as it is checked for every record read.
        var introducedInLayout: UInt8 {
            switch self {
            case .captured, .signalRecorded, .fieldsChanged, .merged, .mergedInto, .stageChanged, .scored,
                .assigned, .touched, .slaStarted, .slaWarned, .slaMet, .slaBreached, .slaEscalated,
                .dispositionRecorded, .erased:
                1
            case .opportunityOpened, .opportunityUpdated, .opportunityClosed, .disputeRaised, .disputeResolved,
                .requalified, .turnTaken, .slaPaused, .slaResumed, .playbookProposed, .playbookSignedOff,
                .playbookActivated:
                2
            case .handoffBlocked: 4
            case .accountMatchDecided: 5
            }
        }
    }

    /// Tags of ``LeadModel/EventActor``.
    enum Actor: UInt8 {
        case system = 1
        case person = 2
        case integration = 3
    }

    /// Tags of ``LeadModel/Owner``.
    enum Owner: UInt8 {
        case rep = 1
        case queue = 2
    }

    /// Tags of ``LeadModel/AttributeValue``.
    enum Attribute: UInt8 {
        case string = 1
        case number = 2
        case bool = 3
        case date = 4
        case list = 5
    }

    /// Tags of ``LeadModel/Disposition/Outcome``.
    enum Outcome: UInt8 {
        case accepted = 1
        case rejected = 2
        case recycled = 3
    }

    /// Tags of ``LeadModel/OpportunityOutcome``.
    enum OpportunityOutcome: UInt8 {
        case won = 1
        case lost = 2
    }

    /// Tags of ``LeadModel/ScoreCard/Axis``.
    enum Axis: UInt8 {
        case fit = 1
        case engagement = 2
    }

    /// Tags of ``LeadModel/AccountMatchDecision/Verdict-swift.enum``.
    enum AccountVerdict: UInt8 {
        case matched = 1
        case review = 2
        case accepted = 3
        case rejected = 4

        init(_ verdict: AccountMatchDecision.Verdict) {
            switch verdict {
            case .matched: self = .matched
            case .review: self = .review
            case .accepted: self = .accepted
            case .rejected: self = .rejected
            }
        }

        var verdict: AccountMatchDecision.Verdict {
            switch self {
            case .matched: return .matched
            case .review: return .review
            case .accepted: return .accepted
            case .rejected: return .rejected
            }
        }
    }
}
