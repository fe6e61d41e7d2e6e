import Foundation
import Journal
import LeadModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The disk's own limit for an append workload: plain `write(2)` of the same framed records in
/// the same batches, each followed by the sync ``FileEventStore`` uses (`fdatasync`, or
/// `F_FULLFSYNC` on Darwin), to a fresh file in the same directory — no store, no encoding, no
/// index, no task switches. ``StoreBenchmarks/append(_:_:store:durability:batchSize:writers:count:)``
/// runs it beside every single-writer `fsync`-every-commit benchmark and reports the store's
/// rate as a fraction of it.
struct RawWriteSyncBaseline {
    /// One buffer per append call, each record framed as the journal frames it (16-byte header:
    /// length, CRC-32C, position; then the encoded event).
    let batches: [[UInt8]]
    /// The number of records in ``batches``.
    let records: Int

    /// Frames the workload's events, in its calls, as the journal would write them.
    init(_ workload: Workload) {
        var batches: [[UInt8]] = []
        var position: UInt64 = 0
        var records = 0
        var payload: [UInt8] = []
        for writer in workload.calls {
            for call in writer {
                var batch: [UInt8] = []
                for event in call.lazy.flatMap(\.events) {
                    payload.removeAll(keepingCapacity: true)
                    EventCodec.encode(event, into: &payload)
                    position += 1
                    var head: [UInt8] = []
                    Self.put(position, into: &head)
                    let crc = CRC32C.checksum(payload, continuing: CRC32C.checksum(head))
                    Self.put(UInt32(payload.count), into: &batch)
                    Self.put(crc, into: &batch)
                    batch += head
                    batch += payload
                    records += 1
                }
                batches.append(batch)
            }
        }
        self.batches = batches
        self.records = records
    }

    /// Writes every batch to a new file in `directory`, syncing after each, and returns the
    /// records per second. The file is removed afterwards.
    ///
    /// - Throws: ``BenchError`` when opening, writing or syncing fails.
    func run(in directory: URL) throws -> Double {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("raw-write-sync-\(UUID().uuidString).seg").path
        let descriptor = open(path, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw BenchError("raw baseline: cannot create \(path)") }
        defer {
            close(descriptor)
            unlink(path)
        }
        let seconds = try secondsTaken {
            for batch in batches {
                try batch.withUnsafeBytes { bytes in
                    var done = 0
                    while done < bytes.count {
                        let written = write(descriptor, bytes.baseAddress! + done, bytes.count - done)
                        if written < 0 {
                            if errno == EINTR { continue }
                            throw BenchError("raw baseline: write failed (errno \(errno))")
                        }
                        done += written
                    }
                }
                guard Self.sync(descriptor) else {
                    throw BenchError("raw baseline: sync failed (errno \(errno))")
                }
            }
        }
        return seconds > 0 ? Double(records) / seconds : 0
    }

    private static func sync(_ descriptor: Int32) -> Bool {
        #if canImport(Darwin)
            fcntl(descriptor, F_FULLFSYNC) == 0 || fsync(descriptor) == 0
        #else
            fdatasync(descriptor) == 0
        #endif
    }

    private static func put<T: FixedWidthInteger>(_ value: T, into buffer: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }

    /// The seconds `body` takes, by the continuous clock.
    private func secondsTaken(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        let (whole, attoseconds) = (clock.now - start).components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
