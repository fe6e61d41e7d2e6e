/// The fields a lead must have before it may enter a stage.
///
/// Gates are how "sales only gets complete leads" is written down: moving a lead to `sql`
/// without `industry`, `employees` and `useCase` fails with every missing field named.
///
/// ```swift
/// let gates = HandoffGates([HandoffGate(stage: .sql, requiredFields: ["industry", "useCase"])])
/// try gates.check(state.lead, entering: .sql)   // throws LeadModelError.handoffGateFailed
/// ```
public struct HandoffGate: Hashable, Sendable, Codable {
    /// The stage the gate guards.
    public var stage: Stage
    /// Fields that must be present (non-blank) to enter the stage.
    public var requiredFields: [LeadField]

    public init(stage: Stage, requiredFields: [LeadField]) {
        self.stage = stage
        self.requiredFields = requiredFields
    }
}

/// The set of handoff gates of a playbook.
public struct HandoffGates: Hashable, Sendable, Codable {
    public var gates: [HandoffGate]

    public init(_ gates: [HandoffGate] = []) { self.gates = gates }

    /// The fields required to enter `stage`, in the order the gates list them, without repeats.
    public func requiredFields(for stage: Stage) -> [LeadField] {
        // A playbook has a handful of gates of a few fields: a linear scan beats hashing, and
        // imports ask once per history move.
        var fields: [LeadField] = []
        for gate in gates where gate.stage == stage {
            for field in gate.requiredFields where !fields.contains(field) { fields.append(field) }
        }
        return fields
    }

    /// The required fields `lead` lacks to enter `stage`.
    public func missingFields(of lead: Lead, entering stage: Stage) -> [LeadField] {
        requiredFields(for: stage).filter { lead[$0] == nil }
    }

    /// Checks that `lead` may enter `stage`.
    ///
    /// - Throws: ``LeadModelError`` with code `handoffGateFailed` naming every missing field.
    public func check(_ lead: Lead, entering stage: Stage) throws(LeadModelError) {
        let missing = missingFields(of: lead, entering: stage)
        guard missing.isEmpty else {
            throw LeadModelError(
                .handoffGateFailed, leadID: lead.id, missingFields: missing,
                message:
                    "cannot enter '\(stage)': missing \(missing.map(\.rawValue).joined(separator: ", "))"
            )
        }
    }

    public init(from decoder: any Decoder) throws {
        gates = try [HandoffGate](from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try gates.encode(to: encoder)
    }
}
