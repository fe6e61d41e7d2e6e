import Foundation
import LeadModel

/// Turns rows into records through a mapping, collecting every problem of a row. Internal.
struct ImportRecordBuilder {
    let kind: ImportKind
    let mapping: ImportMapping
    let dateFormat: ImportDateFormat
    let history: ImportHistoryOptions
    /// The recognised export the header comes from, whose own columns the automatic rules read
    /// first.
    let export: ImportExportProfile?
    private var targets: [String: ImportTarget?] = [:]
    /// Tells whether a row has anything identity resolution can match a person on; the
    /// engine's own resolver decides who the person is.
    private let identity = StandardIdentityResolver()

    init(
        kind: ImportKind, mapping: ImportMapping, dateFormat: ImportDateFormat = .iso8601,
        history: ImportHistoryOptions = ImportHistoryOptions(), export: ImportExportProfile? = nil
    ) {
        self.kind = kind
        self.mapping = mapping
        self.dateFormat = dateFormat
        self.history = history
        self.export = export
    }

    /// The target of a column, cached; `nil` for ignored columns and targets the kind cannot
    /// fill (those are reported once, as setup problems).
    mutating func target(for column: String) -> ImportTarget? {
        if let cached = targets[column] { return cached }
        var target = mapping.target(for: column, kind: kind, export: export)
        if let found = target, !found.isAllowed(in: kind) { target = nil }
        targets[column] = target
        return target
    }

    /// The record of `row`, `nil` when the row has no values, and the row's problems.
    mutating func build(_ row: ImportRow) -> (record: ImportRecord?, errors: [ImportError]) {
        var errors: [ImportError] = []
        var anyValue = false
        var lead = Lead(id: "")
        var explicitID = false
        var identityRejected = false
        var kindValue: String?
        var occurredAt: Date?
        var occurredAtPath: String?
        var kindPath: String?
        var signalSource: String?
        var signalCampaign: String?
        var idempotencyKey: String?
        var properties: [String: AttributeValue] = [:]
        // A signal row's lead-field columns mapped to the lead, as the properties they would be
        // unmapped: the derived key reads them, so mapping them later records no second signal.
        var keyProperties: [String: AttributeValue] = [:]
        var createdAt: Date?
        var stage: Stage?
        var stageEnteredAt: Date?
        var stageDateCell: ImportRow.Cell?
        var stageRefused = false

        func fail(_ cell: ImportRow.Cell, _ message: String) {
            errors.append(
                ImportError(.invalidValue, line: row.line, column: cell.path, message: message))
        }

        var objectFields: Set<String> = []
        for cell in row.cells {
            if let (field, target) = reservedParent(of: cell) {
                if objectFields.insert(field).inserted {
                    let expected: String
                    switch target.field {
                    case .occurredAt, .createdAt, .stageEnteredAt: expected = dateFormat.problem(with: "")
                    default: expected = "expected text"
                    }
                    errors.append(
                        ImportError(
                            .invalidValue, line: row.line,
                            column: "$" + JSONLinesReader.pathComponent(field),
                            message: expected + ", found an object"))
                    switch target.field {
                    case .id, .lead(.email), .lead(.phone), .externalID: identityRejected = true
                    case .kind: kindPath = "$" + JSONLinesReader.pathComponent(field)
                    case .occurredAt: occurredAtPath = "$" + JSONLinesReader.pathComponent(field)
                    default: break
                    }
                }
                anyValue = true
                continue
            }
            guard let target = target(for: cell.name) else { continue }
            switch target.field {
            case .id:
                guard let text = text(cell, fail: fail) else { continue }
                lead.id = LeadID(text)
                explicitID = true
            case .lead(let field):
                guard let text = text(cell, fail: fail) else { continue }
                if field == .email, let problem = StandardIdentityResolver.emailProblem(text) {
                    fail(cell, problem)
                    identityRejected = true
                    continue
                }
                switch (field, kind) {
                case (.source, .signals): signalSource = text
                case (.campaign, .signals): signalCampaign = text
                default: Self.set(field, text, on: &lead)
                }
                if kind == .signals, !ImportTarget.signalRowLeadFields.contains(field),
                    mapping.unmappedColumns == .automatic,
                    case .property(let name) = ImportMapping.automaticTarget(
                        for: cell.name, kind: .signals, export: export
                    ).field,
                    let value = typed(cell, .auto, fail: { _, _ in })
                {
                    keyProperties[name] = value
                }
            case .attribute(let name):
                guard let value = typed(cell, target.valueType, fail: fail) else { continue }
                lead.attributes[name] = value
            case .property(let name):
                guard let value = typed(cell, target.valueType, fail: fail) else { continue }
                properties[name] = value
            case .externalID(let system):
                guard let text = text(cell, fail: fail) else { continue }
                lead.externalIDs.append(ExternalID(system: system, value: text))
            case .kind:
                kindPath = cell.path
                kindValue = text(cell, fail: fail)
            case .occurredAt:
                occurredAtPath = cell.path
                occurredAt = date(cell, fail: fail)
            case .createdAt:
                createdAt = date(cell, fail: fail)
                if let createdAt, let now = history.now, createdAt > now {
                    fail(cell, "the creation date is in the future; history cannot be after the import")
                }
            case .stageEnteredAt:
                stageEnteredAt = date(cell, fail: fail)
                stageDateCell = cell
                if let stageEnteredAt, let now = history.now, stageEnteredAt > now {
                    fail(cell, "the stage date is in the future; history cannot be after the import")
                }
            case .stage:
                guard let text = text(cell, fail: fail) else { continue }
                stage = history.stage(named: text)
                if stage == nil {
                    stageRefused = true
                    fail(cell, "expected \(history.expectedStages)")
                }
            case .idempotencyKey:
                idempotencyKey = text(cell, fail: fail)
            case .ignored:
                continue
            }
            if !Self.isEmpty(cell.value) { anyValue = true }
        }
        guard anyValue else { return (nil, []) }

        switch kind {
        case .leads:
            if !explicitID, !identityRejected, identity.keys(for: lead).isEmpty {
                errors.append(
                    ImportError(
                        .missingField, line: row.line, column: Self.path("email", row),
                        message:
                            "expected an email, a phone with its area code, external:<system> or id value to identify the person; the row has none"
                    ))
            }
            // A lead in a stage since a date existed by then: without a creation date, it is
            // created at the stage date, not at import time after it.
            let history = LeadHistory(
                createdAt: createdAt ?? stageEnteredAt, stage: stage ?? self.history.startingStage,
                stageEnteredAt: stageEnteredAt)
            if let cell = stageDateCell, let entered = stageEnteredAt {
                if history.stage == nil, !stageRefused {
                    fail(cell, "a stage date needs a stage: map a stage column, or give every row's stage (--stage)")
                } else if let createdAt, entered < createdAt {
                    fail(cell, "the stage date is before the creation date")
                }
            }
            guard errors.isEmpty else { return (nil, errors) }
            return (history.isEmpty ? .lead(lead) : .historicalLead(lead, history), [])
        case .signals:
            let invalidColumns = Set(errors.compactMap(\.column))
            // A CSV header without the column is reported once, as a setup problem.
            let isJSON = row.cells.first?.path.hasPrefix("$") == true
            if kindValue == nil, !invalidColumns.contains(kindPath ?? ""), kindPath != nil || isJSON {
                errors.append(
                    ImportError(
                        .missingField, line: row.line, column: kindPath ?? Self.path("kind", row),
                        message: "expected the signal kind, such as quote-requested; it is missing")
                )
            }
            if occurredAt == nil, !invalidColumns.contains(occurredAtPath ?? ""),
                occurredAtPath != nil || isJSON
            {
                errors.append(
                    ImportError(
                        .missingField, line: row.line,
                        column: occurredAtPath ?? Self.path("occurredAt", row),
                        message:
                            "expected when the signal happened, such as 2026-11-23T10:00:00Z; it is missing"
                    ))
            }
            let identified = explicitID || !identity.keys(for: lead).isEmpty
            if !identified, !identityRejected {
                errors.append(
                    ImportError(
                        .missingField, line: row.line, column: Self.path("email", row),
                        message:
                            "expected an email, phone, external:<system> or id value to tell whose signal this is"
                    ))
            }
            guard errors.isEmpty, let kindValue, let occurredAt else { return (nil, errors) }
            // The person as the row knows them: identity, and the lead fields it is mapped to fill.
            let person = lead
            var signal = Signal(
                kind: SignalKind(kindValue), occurredAt: occurredAt, source: signalSource,
                campaign: signalCampaign, properties: properties, idempotencyKey: idempotencyKey)
            if idempotencyKey == nil {
                var keyed = signal
                keyed.properties.merge(keyProperties) { kept, _ in kept }
                signal.idempotencyKey = derivedKey(of: keyed, from: person)
            }
            return (.signal(SignalRow(person: person, signal: signal)), [])
        }
    }

    /// The idempotency key of a signal row that has no key column: `import:` and a digest of
    /// the row's content, so the same row imported again is recognised whatever the file is
    /// called and wherever the row stands, and rows that differ in anything recorded are
    /// distinct signals.
    ///
    /// The content is the person's identity fields (the id, the email trimmed and lowercased,
    /// the phone's digits, the external ids), the kind, the instant, the source, the campaign
    /// and the properties. The person's fields are normalised no further than every identity
    /// resolution agrees on, so two people the engine tells apart never share a key.
    func derivedKey(of signal: Signal, from person: Lead) -> String {
        var parts = ["signal-row-v1", "id=" + person.id.rawValue]
        parts.append("email=" + (person.email?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""))
        parts.append("phone=" + String((person.phone ?? "").filter { $0.isASCII && ($0.isNumber || $0 == "+") }))
        parts += person.externalIDs.map {
            "external:" + $0.system.lowercased() + "=" + $0.value.trimmingCharacters(in: .whitespaces)
        }.sorted()
        parts.append("kind=" + signal.kind.rawValue)
        parts.append("at=" + String(signal.occurredAt.timeIntervalSince1970))
        parts.append("source=" + (signal.source ?? ""))
        parts.append("campaign=" + (signal.campaign ?? ""))
        for (name, value) in signal.properties.sorted(by: { $0.key < $1.key }) {
            parts.append("property:" + name + "=" + String(describing: value))
        }
        // Length-prefixed, so no choice of values makes two different rows read the same.
        let canonical = parts.map { "\($0.utf8.count):\($0)" }.joined()
        return Self.derivedKeyPrefix + String(SHA256.hex(Array(canonical.utf8)).prefix(40))
    }

    /// The prefix of idempotency keys derived from a signal row's content.
    static let derivedKeyPrefix = "import:"

    /// For a JSON cell flattened out of an object (`idempotencyKey.a`), the top-level key when
    /// that key maps to a field that must be text or a date, not an object; `nil` otherwise.
    private mutating func reservedParent(of cell: ImportRow.Cell) -> (String, ImportTarget)? {
        guard cell.path.hasPrefix("$"), let dot = cell.name.firstIndex(of: ".") else { return nil }
        let parent = String(cell.name[..<dot])
        guard let target = target(for: parent) else { return nil }
        switch target.field {
        case .attribute, .property, .ignored: return nil
        default: return (parent, target)
        }
    }

    /// A name for a field no column supplied: the JSON path for JSON rows, else the field.
    private static func path(_ field: String, _ row: ImportRow) -> String {
        row.cells.first?.path.hasPrefix("$") == true ? "$." + field : field
    }

    /// A date for a date field; `nil` when missing or unreadable (then reported).
    private func date(_ cell: ImportRow.Cell, fail: (ImportRow.Cell, String) -> Void) -> Date? {
        switch cell.value {
        case .date(let date): return date
        case .text(let raw), .string(let raw):
            guard let text = ImportValueParser.present(raw) else { return nil }
            if let date = dateFormat.date(from: text) { return date }
            fail(cell, dateFormat.problem(with: text))
        case .null: return nil
        default: fail(cell, dateFormat.problem(with: ""))
        }
        return nil
    }

    private static func isEmpty(_ value: ImportValue) -> Bool {
        switch value {
        case .text(let text), .string(let text): return ImportValueParser.isMissing(text)
        case .null: return true
        case .list(let list): return list.isEmpty
        default: return false
        }
    }

    /// Text for a standard field; `nil` when missing or not text (then reported).
    private func text(_ cell: ImportRow.Cell, fail: (ImportRow.Cell, String) -> Void) -> String? {
        switch cell.value {
        case .text(let raw), .string(let raw): return ImportValueParser.present(raw)
        case .number(let number): return ImportValueParser.text(of: number)
        case .null: return nil
        case .bool: fail(cell, "expected text, found a boolean")
        case .date: fail(cell, "expected text, found a date")
        case .list: fail(cell, "expected text, found a list")
        case .unsupported(let found): fail(cell, "expected text, found \(found)")
        }
        return nil
    }

    /// A typed attribute or property value; `nil` when missing or unreadable (then reported).
    private func typed(
        _ cell: ImportRow.Cell, _ type: ImportTarget.ValueType,
        fail: (ImportRow.Cell, String) -> Void
    ) -> AttributeValue? {
        switch cell.value {
        case .text(let raw), .string(let raw):
            guard let text = ImportValueParser.present(raw) else { return nil }
            let isCSV: Bool
            if case .text = cell.value { isCSV = true } else { isCSV = false }
            switch type {
            case .auto:
                guard isCSV else { return .string(text) }
                if let number = ImportValueParser.number(text) { return .number(number) }
                switch text.lowercased() {
                case "true": return .bool(true)
                case "false": return .bool(false)
                default: return .string(text)
                }
            case .string: return .string(text)
            case .number:
                if let number = ImportValueParser.number(text) { return .number(number) }
                fail(cell, "expected a number such as 250, -3.5 or 1,200")
            case .bool:
                if let bool = ImportValueParser.bool(text) { return .bool(bool) }
                fail(cell, "expected true, false, yes or no")
            case .date:
                if let date = dateFormat.date(from: text) { return .date(date) }
                fail(cell, dateFormat.problem(with: text))
            }
        case .number(let number):
            switch type {
            case .auto, .number: return .number(number)
            case .string: return .string(ImportValueParser.text(of: number))
            case .bool: fail(cell, "expected true or false, found a number")
            case .date: fail(cell, dateFormat.problem(with: "") + ", found a number")
            }
        case .bool(let bool):
            switch type {
            case .auto, .bool: return .bool(bool)
            case .string: return .string(bool ? "true" : "false")
            case .number: fail(cell, "expected a number, found a boolean")
            case .date: fail(cell, dateFormat.problem(with: "") + ", found a boolean")
            }
        case .date(let date):
            switch type {
            case .auto, .date: return .date(date)
            case .string: return .string(date.formatted(.iso8601))
            case .number, .bool: fail(cell, "expected a \(type.rawValue), found a date")
            }
        case .list(let list):
            if type == .auto || type == .string { return list.isEmpty ? nil : .list(list) }
            fail(cell, "expected a \(type.rawValue), found a list")
        case .null:
            return nil
        case .unsupported(let found):
            fail(cell, "expected a string, number, boolean, list or {\"date\": …}, found \(found)")
        }
        return nil
    }

    private static func set(_ field: LeadField, _ text: String, on lead: inout Lead) {
        switch field {
        case .email: lead.email = text
        case .phone: lead.phone = text
        case .firstName: lead.firstName = text
        case .lastName: lead.lastName = text
        case .title: lead.title = text
        case .company: lead.company = text
        case .account: lead.accountID = AccountID(text)
        case .source: lead.source = text
        case .campaign: lead.campaign = text
        case .messageAngle: lead.messageAngle = text
        default: lead.attributes[field.rawValue] = .string(text)
        }
    }
}
