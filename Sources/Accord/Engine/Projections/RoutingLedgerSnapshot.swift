import Foundation
import Journal
import LeadModel
import Routing

/// Encodes and decodes the router's ledger (``Routing/RoutingLedger``) as a snapshot in the
/// journal's binary record layout, so that an engine opens without folding the journal again.
///
/// A snapshot is four magic bytes (`ACRL`), a format version byte (2), then the ledger's parts:
/// closed and opportunity stages, each lead's record in id order, reps by number with their
/// loads, account owners and active opportunities, pool rotations, the latest event time,
/// claim-stream versions, the number of events folded and (format 3) the value each member of a
/// value-balanced pool received. Dictionaries are written sorted, so equal ledgers encode to
/// equal bytes. Format 2 writes stages, accounts, owners, pools, reps and the dictionaries' keys
/// as shared strings (each once, then by number; format 1 wrote them all in full); formats 1 and
/// 2 are still read, with no value received. The layout is in `Documentation/RecordLayout.md`,
/// section "Routing ledger snapshots".
///
/// Like every snapshot it is a cache of the journal: bytes that do not decode (an older JSON
/// snapshot, another version, damage) throw, and the engine folds the journal instead.
enum RoutingLedgerSnapshot {
    /// `ACRL` (Accord routing ledger).
    static let magic: [UInt8] = [0x41, 0x43, 0x52, 0x4C]
    static let formatVersion: UInt8 = 3

    /// The snapshot's bytes, in format 3 — or in format 1 or 2, which only the compatibility
    /// tests ask for.
    static func encode(_ snapshot: RoutingLedger.Snapshot, format: UInt8 = formatVersion) -> [UInt8] {
        var writer = BinaryWriter()
        writer.reserve(64 + snapshot.leads.count * 40)
        writer.bytes.append(contentsOf: magic)
        writer.writeByte(format)
        if format >= 2 { writer.shareStrings() }
        writer.writeArray(snapshot.closedStages) { $0.writeSharedString($1.rawValue) }
        writer.writeArray(snapshot.opportunityStages) { $0.writeSharedString($1.rawValue) }
        writer.writeArray(snapshot.leads) { writer, record in
            writer.writeString(record.lead.rawValue)
            writer.writeOptionalSharedString(record.account?.rawValue)
            writer.writeOptionalSharedString(record.owner)
            writer.writeSharedString(record.stage.rawValue)
            writer.writeByte((record.returned ? 1 : 0) | (record.merged ? 2 : 0))
            writer.writeOptionalSharedString(record.pool)
        }
        writer.writeArray(snapshot.reps) { $0.writeSharedString($1) }
        writer.writeCount(snapshot.rosterCount)
        writer.writeArray(snapshot.loads) { writer, load in
            writer.writeCount(load.open)
            writer.writeArray(load.recent) { $0.writeDate($1) }
        }
        writer.writeDictionary(keyed(snapshot.owners)) { $0.writeSharedString($1) }
        writer.writeDictionary(keyed(snapshot.opportunities)) { writer, leads in
            writer.writeArray(leads) { $0.writeString($1.rawValue) }
        }
        writer.writeDictionary(snapshot.rotations) { writer, rotation in
            writer.writeDictionary(rotation.current) { $0.writeSigned($1) }
            writer.writeCount(rotation.turns)
        }
        writer.writeOptional(snapshot.latest) { $0.writeDate($1) }
        writer.writeDictionary(keyed(snapshot.claims)) { $0.writeCount($1) }
        writer.writeCount(snapshot.eventCount)
        if format >= 3 {
            writer.writeDictionary(snapshot.values) { writer, pool in
                writer.writeDictionary(pool.values) { $0.writeDouble($1) }
                writer.writeOptional(pool.asOf) { $0.writeDate($1) }
                writer.writeDouble(pool.halfLifeDays)
            }
        }
        return writer.bytes
    }

    /// The snapshot `bytes` hold, exactly: bytes left over are an error.
    ///
    /// - Throws: ``Journal/EventCodecError`` naming what was malformed and where (wrong magic
    ///   bytes, such as an older JSON snapshot; another format version; truncated or invalid
    ///   bytes).
    static func decode(_ bytes: [UInt8]) throws(EventCodecError) -> RoutingLedger.Snapshot {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(EventCodecError) in try decode(raw) }
        }
        return try result.get()
    }

    private static func decode(_ raw: UnsafeRawBufferPointer) throws(EventCodecError) -> RoutingLedger.Snapshot {
        var reader = BinaryReader(raw)
        let version = try reader.readSnapshotHeader(
            magic: magic, kind: "a routing ledger snapshot", versions: 1...formatVersion)
        if version >= 2 { reader.shareStrings() }
        let closed = try reader.readArray("the closed stages") { reader throws(EventCodecError) in
            Stage(rawValue: try reader.readSharedString("a closed stage"))
        }
        let opportunity = try reader.readArray("the opportunity stages") { reader throws(EventCodecError) in
            Stage(rawValue: try reader.readSharedString("an opportunity stage"))
        }
        let leads = try reader.readArray("the lead records") { reader throws(EventCodecError) in
            let lead = LeadID(try reader.readString("a lead id"))
            let account = try reader.readOptionalSharedString("a lead's account").map(AccountID.init)
            let owner = try reader.readOptionalSharedString("a lead's owner")
            let stage = Stage(rawValue: try reader.readSharedString("a lead's stage"))
            let flags = try reader.readByte("a lead's flags")
            guard flags < 4 else { throw reader.error(.malformed, "a lead's flags are \(flags)") }
            return RoutingLedger.Snapshot.Record(
                lead: lead, account: account, owner: owner, stage: stage, returned: flags & 1 != 0,
                merged: flags & 2 != 0, pool: try reader.readOptionalSharedString("a lead's pool"))
        }
        let reps = try reader.readArray("the reps") { reader throws(EventCodecError) in
            try reader.readSharedString("a rep")
        }
        let rosterCount = try reader.readNumber("the roster size")
        let loads = try reader.readArray("the rep loads") { reader throws(EventCodecError) in
            RoutingLedger.Snapshot.Load(
                open: try reader.readNumber("a rep's open leads"),
                recent: try reader.readArray("a rep's new leads") { reader throws(EventCodecError) in
                    try reader.readDate("a new lead's time")
                })
        }
        let owners = try reader.readDictionary("the account owners") { reader throws(EventCodecError) in
            try reader.readSharedString("an account owner")
        }
        let opportunities = try reader.readDictionary("the active opportunities") { reader throws(EventCodecError) in
            try reader.readArray("an account's opportunities") { reader throws(EventCodecError) in
                LeadID(try reader.readString("an opportunity's lead"))
            }
        }
        let rotations = try reader.readDictionary("the pool rotations") { reader throws(EventCodecError) in
            RoutingLedger.Snapshot.Rotation(
                current: try reader.readDictionary("a pool's current weights") { reader throws(EventCodecError) in
                    try reader.readSigned("a current weight")
                },
                turns: try reader.readNumber("a pool's turns"))
        }
        let latest =
            try reader.readPresence("the latest event time") ? try reader.readDate("the latest event time") : nil
        let claims = try reader.readDictionary("the claim streams") { reader throws(EventCodecError) in
            try reader.readNumber("a claim stream's version")
        }
        let eventCount = try reader.readNumber("the event count")
        let values =
            version >= 3
            ? try reader.readDictionary("the value received") { reader throws(EventCodecError) in
                RoutingLedger.Snapshot.Values(
                    values: try reader.readDictionary("a pool's values") { reader throws(EventCodecError) in
                        try reader.readDouble("a member's value")
                    },
                    asOf: try reader.readPresence("a pool's value time")
                        ? try reader.readDate("a pool's value time") : nil,
                    halfLifeDays: try reader.readDouble("a pool's half-life"))
            } : [:]
        guard reader.isAtEnd else {
            throw reader.error(.malformed, "\(reader.remaining) bytes follow the routing ledger snapshot")
        }
        return RoutingLedger.Snapshot(
            closedStages: closed, opportunityStages: opportunity, leads: leads, reps: reps, rosterCount: rosterCount,
            loads: loads, owners: Dictionary(uniqueKeysWithValues: owners.map { (AccountID($0.key), $0.value) }),
            opportunities: Dictionary(uniqueKeysWithValues: opportunities.map { (AccountID($0.key), $0.value) }),
            rotations: rotations, values: values, latest: latest,
            claims: Dictionary(uniqueKeysWithValues: claims.map { (LeadID($0.key), $0.value) }),
            eventCount: eventCount)
    }

    /// A dictionary keyed by the identifiers' text, as the layout writes dictionaries.
    private static func keyed<Key: RawRepresentable<String>, Value>(_ values: [Key: Value]) -> [String: Value] {
        Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) })
    }
}

extension BinaryWriter {
    /// Writes a signed integer as a zigzag varint (0, -1, 1, -2, … as 0, 1, 2, 3, …).
    fileprivate mutating func writeSigned(_ value: Int) {
        writeVarint(UInt64(bitPattern: Int64((value << 1) ^ (value >> (Int.bitWidth - 1)))))
    }
}

extension BinaryReader {
    /// Reads a number that is not a length (a count of leads, turns, events): a varint that
    /// fits an `Int`.
    fileprivate mutating func readNumber(_ what: @autoclosure () -> String) throws(EventCodecError) -> Int {
        let start = offset
        let value = try readVarint(what())
        guard value <= UInt64(Int.max) else { throw error(.malformed, "\(what()) is out of range", at: start) }
        return Int(value)
    }

    /// Reads a zigzag varint written by `writeSigned`.
    fileprivate mutating func readSigned(_ what: @autoclosure () -> String) throws(EventCodecError) -> Int {
        let bits = try readVarint(what())
        return Int(truncatingIfNeeded: Int64(bitPattern: (bits >> 1) ^ (0 &- (bits & 1))))
    }
}
