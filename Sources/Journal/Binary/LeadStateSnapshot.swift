import LeadModel

/// Encodes and decodes many ``LeadModel/LeadState``s as one snapshot, so that a host reopening a large
/// journal can load the states and fold only the events after the snapshot.
///
/// A snapshot is four magic bytes (`ACLS`), a format version byte (currently 6), a count, and
/// each state's stored properties in the compact binary record layout of ``EventCodec`` —
/// sorted by lead id, with unordered collections sorted, so equal sets of states always encode
/// to equal bytes. Decoding gives back states equal (`==`) to those encoded, every field,
/// `Double` and `Date` exact. The bytes and the compatibility rule are in
/// `Documentation/RecordLayout.md`, section "Lead state snapshots".
///
/// ```swift
/// let bytes = LeadStateSnapshot.encode(states.values)   // states: [LeadID: LeadState]
/// try await store.saveSnapshot(named: "lead-states", at: position, bytes: bytes)
/// …
/// if let snapshot = try await store.loadSnapshot(named: "lead-states"),
///     let loaded = try? LeadStateSnapshot.decode(snapshot.bytes)
/// {
///     // Lead ids are strictly increasing, so they are unique keys.
///     states = Dictionary(uniqueKeysWithValues: loaded.map { ($0.id, $0) })
///     // then fold the events after `snapshot.position`
/// } else {
///     // no usable snapshot: fold the whole journal
/// }
/// ```
///
/// A snapshot is a cache of the journal, never the truth: when one does not decode — an
/// ``EventCodecError/Code/unsupportedVersion`` from another Accord version, or damage — the
/// host discards it and folds the journal. The format carries no checksum; the store's framing
/// does (``FileEventStore`` checks a CRC-32C on load). States hold personal data, so snapshots
/// follow the ``LeadModel/SnapshotStore`` rule of being dropped when a lead is erased.
///
/// `LeadStateSnapshot` is stateless and safe to use from any thread.
public enum LeadStateSnapshot {
    /// The first four bytes of every snapshot: `ACLS` (Accord lead states).
    static let magic: [UInt8] = [0x41, 0x43, 0x4C, 0x53]

    /// The snapshot format version this version of Accord writes and reads.
    /// Version 2 added each state's ``LeadModel/FeedbackStatus`` and ``LeadModel/OpportunityState`` and the layout-2
    /// fields of its touches and disposition; version-1 snapshots still decode, with those fields
    /// empty. Version 3 wrote deals in record layout 3, version 4 added the handoff block,
    /// version 5 writes repeated strings once (``BinaryWriter/writeSharedString(_:)``), and
    /// version 6 adds the account review in force and the reviewers' verdicts (layout-5 states).
    static let formatVersion: UInt8 = 6

    /// The most states ``decode(_:)`` reserves room for up front. The count is already checked
    /// against the bytes left (a state takes at least ``BinaryReader/minimumLeadStateSize``
    /// bytes), but a state is larger in memory than its smallest encoding; past this, the array
    /// grows as states actually decode, so a corrupted count cannot make a huge allocation.
    static let maximumReservation = 1 << 16

    /// Encodes states as one snapshot.
    ///
    /// The states may come in any order; the snapshot holds them sorted by lead id, so the same
    /// states always encode to the same bytes. Their lead ids must be distinct (as the keys of
    /// a `[LeadID: LeadState]` are): the encoder does not check, and ``decode(_:)`` rejects a
    /// snapshot that repeats a lead id as ``EventCodecError/Code/malformed``.
    ///
    /// - Parameter states: The states to encode, in any order.
    /// - Returns: The snapshot's bytes.
    public static func encode<States: Collection<LeadState>>(_ states: States) -> [UInt8] {
        // The states are read where they are, in id order: copying a million of them into an
        // array first took longer than encoding them.
        var order: [(id: LeadID, index: States.Index)] = []
        order.reserveCapacity(states.count)
        for index in states.indices { order.append((states[index].lead.id, index)) }
        order.sort { $0.id < $1.id }

        var writer = BinaryWriter()
        // Realistic states take a few hundred bytes; the writer grows geometrically past this.
        writer.reserve(magic.count + 11 + states.count * 256)
        writer.bytes.append(contentsOf: magic)
        writer.writeByte(formatVersion)
        // Stages, companies, sources, rule names and evidence repeat from state to state: each is
        // written once and named by number after (format 5).
        writer.shareStrings()
        writer.writeCount(states.count)
        for (_, index) in order {
            writer.writeLeadState(states[index])
        }
        return writer.bytes
    }

    /// Decodes a snapshot made by ``encode(_:)``.
    ///
    /// `bytes` must hold exactly one snapshot: bytes left over after the last state are an
    /// error. Decoding never reads outside `bytes` and never traps, whatever they contain.
    ///
    /// - Parameter bytes: A snapshot, as ``encode(_:)`` made it.
    /// - Returns: The states, sorted by lead id (strictly increasing, so no lead id repeats).
    /// - Throws: ``EventCodecError`` naming what was malformed and where:
    ///   ``EventCodecError/Code/unsupportedVersion`` for a format version this Accord cannot read
    ///   (the host should rebuild the states from the journal),
    ///   ``EventCodecError/Code/truncated`` when the bytes end early,
    ///   ``EventCodecError/Code/unknownTag`` for an undefined tag,
    ///   ``EventCodecError/Code/invalidUTF8`` for a corrupted string and
    ///   ``EventCodecError/Code/malformed`` for wrong magic bytes, lead ids out of order or
    ///   repeated, or any other invalid byte.
    public static func decode(_ bytes: [UInt8]) throws(EventCodecError) -> [LeadState] {
        // `withUnsafeBytes` rethrows untyped errors; carry the typed one out in a `Result`.
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(EventCodecError) in try decode(raw) }
        }
        return try result.get()
    }

    private static func decode(_ raw: UnsafeRawBufferPointer) throws(EventCodecError)
        -> [LeadState]
    {
        var reader = BinaryReader(raw)
        for expected in magic {
            let start = reader.offset
            guard try reader.readByte("the snapshot's magic bytes") == expected else {
                throw reader.error(
                    .malformed, "the bytes are not a lead state snapshot (wrong magic bytes)", at: start)
            }
        }
        let versionStart = reader.offset
        let version = try reader.readByte("the snapshot format version")
        guard (1...formatVersion).contains(version) else {
            throw reader.error(
                .unsupportedVersion,
                version == 0
                    ? "snapshot format version 0 is not defined"
                    : "snapshot format version \(version) is not one this Accord reads "
                        + "(it reads 1 to \(formatVersion)); rebuild the states from the journal",
                at: versionStart)
        }
        // Format N holds layout-N states (1 to 4); format 5 holds layout-4 states whose
        // repeated strings are shared, format 6 layout-5 states, shared the same way.
        reader.layoutVersion = version <= 4 ? version : version - 1
        if version >= 5 { reader.shareStrings() }
        let count = try reader.readCount(
            "the lead state count", minimumElementSize: BinaryReader.minimumLeadStateSize)
        var states: [LeadState] = []
        states.reserveCapacity(Swift.min(count, maximumReservation))
        var previous: LeadID?
        for _ in 0..<count {
            let start = reader.offset
            let state = try reader.readLeadState()
            if let previous, !(previous < state.lead.id) {
                throw reader.error(
                    .malformed,
                    "a lead state's id does not follow the previous one's in order "
                        + "(a repeated or unsorted lead)", at: start)
            }
            previous = state.lead.id
            states.append(state)
        }
        guard reader.isAtEnd else {
            throw reader.error(.malformed, "\(reader.remaining) unexpected bytes follow the last lead state")
        }
        return states
    }
}
