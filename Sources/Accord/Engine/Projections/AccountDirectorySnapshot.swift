import Foundation
import Journal
import LeadModel

/// Encodes and decodes an ``AccountDirectory`` as a snapshot in the journal's binary record
/// layout.
///
/// Four magic bytes (`ACAD`), a format version byte (1), the accounts in id order — each its
/// id, optional name, optional domain, attributes and contact lead ids (sorted) — then the
/// names: slug → account id, sorted by slug. The layout is in `Documentation/RecordLayout.md`,
/// section "Account directory snapshots". Bytes that do not decode throw; the reader then
/// falls back to the engine.
enum AccountDirectorySnapshot {
    /// `ACAD` (Accord account directory).
    static let magic: [UInt8] = [0x41, 0x43, 0x41, 0x44]
    static let formatVersion: UInt8 = 1

    /// The snapshot's bytes.
    static func encode(_ directory: AccountDirectory) -> [UInt8] {
        var writer = BinaryWriter()
        writer.reserve(16 + directory.entries.count * 48)
        writer.bytes.append(contentsOf: magic)
        writer.writeByte(formatVersion)
        writer.writeCount(directory.entries.count)
        for (id, entry) in directory.entries.sorted(by: { $0.key < $1.key }) {
            writer.writeString(id.rawValue)
            writer.writeOptionalString(entry.account.name)
            writer.writeOptionalString(entry.account.domain)
            writer.writeAttributes(entry.account.attributes)
            writer.writeArray(entry.contacts.sorted()) { $0.writeString($1.rawValue) }
        }
        writer.writeDictionary(directory.byName) { $0.writeString($1.rawValue) }
        return writer.bytes
    }

    /// The directory `bytes` hold, exactly: bytes left over are an error.
    ///
    /// - Throws: ``Journal/EventCodecError`` naming what was malformed and where.
    static func decode(_ bytes: [UInt8]) throws(EventCodecError) -> AccountDirectory {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(EventCodecError) in try decode(raw) }
        }
        return try result.get()
    }

    private static func decode(_ raw: UnsafeRawBufferPointer) throws(EventCodecError) -> AccountDirectory {
        var reader = BinaryReader(raw)
        _ = try reader.readSnapshotHeader(
            magic: magic, kind: "an account directory snapshot", versions: formatVersion...formatVersion)
        let count = try reader.readCount("the account count", minimumElementSize: 5)
        var entries = [AccountID: AccountDirectory.Entry](minimumCapacity: Swift.min(count, 1 << 16))
        for _ in 0..<count {
            let start = reader.offset
            let id = AccountID(try reader.readString("an account id"))
            let name = try reader.readOptionalString("an account's name")
            let domain = try reader.readOptionalString("an account's domain")
            let attributes = try reader.readAttributes("an account's attributes")
            let contacts = try reader.readArray("an account's contacts") { reader throws(EventCodecError) in
                LeadID(try reader.readString("a contact's lead id"))
            }
            let entry = AccountDirectory.Entry(
                account: Account(id: id, name: name, domain: domain, attributes: attributes), contacts: Set(contacts))
            guard entries.updateValue(entry, forKey: id) == nil else {
                throw reader.error(.malformed, "the account \(id) is listed twice", at: start)
            }
        }
        let names = try reader.readDictionary("the account names") { reader throws(EventCodecError) in
            AccountID(try reader.readString("a named account"))
        }
        guard reader.isAtEnd else {
            throw reader.error(.malformed, "\(reader.remaining) bytes follow the account directory snapshot")
        }
        return AccountDirectory(entries: entries, byName: names)
    }
}
