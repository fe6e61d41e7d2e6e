import LeadModel

/// What a condition reads, resolved once per decision however many rules read it.
enum FieldSlot: Hashable, Sendable {
    case grade, score, fit, engagement, slaTier, stage, segment
    case lead(LeadField)

    init(_ name: String) {
        switch name {
        case "grade": self = .grade
        case "score": self = .score
        case "fit": self = .fit
        case "engagement": self = .engagement
        case "slaTier": self = .slaTier
        case "stage": self = .stage
        case "segment": self = .segment
        default: self = .lead(LeadField(rawValue: name))
        }
    }
}
