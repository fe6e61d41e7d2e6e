import LeadModel

/// The feedback bodies of the record layout, reading side. The writing side is in
/// `BinaryWriter+Feedback.swift`; keep the two in the same field order. Fields added in layout
/// version 2 are read only from records of that version (``layoutVersion``).
extension BinaryReader {
    /// Reads a disposition body; `what` prefixes field names in errors (`"disposition"`).
    mutating func readDisposition(_ what: String) throws(EventCodecError) -> Disposition {
        let outcome: Disposition.Outcome =
            switch try readTag("\(what).outcome", as: RecordTag.Outcome.self) {
            case .accepted: .accepted
            case .rejected: .rejected
            case .recycled: .recycled
            }
        let reasonCode = try readOptionalString("\(what).reasonCode")
        let note = try readOptionalString("\(what).note")
        var disposition = Disposition(outcome: outcome, reasonCode: reasonCode, note: note)
        guard layoutVersion >= 2 else { return disposition }
        disposition.meetingQuality = try readOptionalRaw("\(what).meetingQuality", as: Disposition.MeetingQuality.self)
        disposition.messageMatch = try readOptionalRaw("\(what).messageMatch", as: Disposition.MessageMatch.self)
        disposition.nextAction = try readOptionalRaw("\(what).nextAction", as: Disposition.NextAction.self)
        disposition.objections = try readStrings("\(what).objections")
        disposition.buyerSaid = try readOptionalString("\(what).buyerSaid")
        disposition.failedRules = try readStrings("\(what).failedRules")
        if try readPresence("\(what).requalify") {
            let kinds = try readStrings("\(what).requalify.signalKinds").map(SignalKind.init(rawValue:))
            let score =
                try readPresence("\(what).requalify.scoreAtLeast")
                ? try readDouble("\(what).requalify.scoreAtLeast") : nil
            let date = try readPresence("\(what).requalify.on") ? try readDate("\(what).requalify.on") : nil
            disposition.requalify = RequalifyTrigger(signalKinds: kinds, scoreAtLeast: score, on: date)
        }
        return disposition
    }

    /// Reads a touch body; `what` prefixes field names in errors (`"touched"`).
    mutating func readTouch(_ what: String) throws(EventCodecError) -> Touch {
        let channel = TouchChannel(rawValue: try readString("\(what).channel"))
        let by = try readString("\(what).by")
        let connected = try readBool("\(what).connected")
        let note = try readOptionalString("\(what).note")
        var touch = Touch(channel: channel, by: by, connected: connected, note: note)
        guard layoutVersion >= 2 else { return touch }
        touch.objections = try readStrings("\(what).objections")
        touch.buyerSaid = try readOptionalString("\(what).buyerSaid")
        return touch
    }

    mutating func readDispute() throws(EventCodecError) -> Dispute {
        let raisedBy = try readString("disputeRaised.raisedBy")
        return Dispute(raisedBy: raisedBy, reason: try readString("disputeRaised.reason"))
    }

    mutating func readDisputeResolution() throws(EventCodecError) -> DisputeResolution {
        let start = offset
        let raw = try readString("disputeResolved.verdict")
        let verdict = try named("disputeResolved.verdict", raw, as: DisputeResolution.Verdict.self, at: start)
        let by = try readString("disputeResolved.by")
        return DisputeResolution(verdict: verdict, by: by, note: try readOptionalString("disputeResolved.note"))
    }

    mutating func readRequalification() throws(EventCodecError) -> Requalification {
        let trigger = try readString("requalified.trigger")
        let detail = try readString("requalified.detail")
        let start = offset
        let recycles = try readVarint("requalified.recycles")
        guard recycles <= UInt64(Int.max) else {
            throw error(.malformed, "requalified.recycles is too large", at: start)
        }
        return Requalification(trigger: trigger, detail: detail, recycles: Int(recycles))
    }

    /// Reads a list of strings.
    private mutating func readStrings(_ what: String) throws(EventCodecError) -> [String] {
        try readArray(what) { reader throws(EventCodecError) in try reader.readString(what) }
    }

    /// Reads an optional string naming a case of `Value`; a name that is not a case is malformed.
    private mutating func readOptionalRaw<Value: RawRepresentable<String>>(_ what: String, as type: Value.Type)
        throws(EventCodecError) -> Value?
    {
        guard try readPresence(what) else { return nil }
        let start = offset
        return try named(what, try readString(what), as: type, at: start)
    }

    /// The case of `Value` named `raw`; a name that is not a case is malformed.
    private func named<Value: RawRepresentable<String>>(
        _ what: String, _ raw: String, as: Value.Type, at start: Int
    ) throws(EventCodecError) -> Value {
        guard let value = Value(rawValue: raw) else {
            throw error(.malformed, "\(what) '\(raw)' is not a known value", at: start)
        }
        return value
    }
}
