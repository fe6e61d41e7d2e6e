import Foundation

/// Reads a file or an in-memory buffer in fixed-size chunks, so that large imports are never
/// loaded whole. Internal plumbing of ``CSVReader`` and ``JSONLinesReader``.
final class ByteChunkSource {
    private let handle: FileHandle?
    private let ownsHandle: Bool
    private var data: Data?
    private let chunkSize: Int
    private var buffer: [UInt8] = []
    private var index = 0
    private var finished = false

    init(handle: FileHandle, ownsHandle: Bool, chunkSize: Int) {
        self.handle = handle
        self.ownsHandle = ownsHandle
        self.data = nil
        self.chunkSize = max(1, chunkSize)
    }

    init(data: Data, chunkSize: Int) {
        self.handle = nil
        self.ownsHandle = false
        self.data = data
        self.chunkSize = max(1, chunkSize)
    }

    convenience init(url: URL, chunkSize: Int) throws {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw ImportError(
                .unreadableFile, column: nil,
                message: "cannot open \(url.lastPathComponent); check the path and permissions")
        }
        self.init(handle: handle, ownsHandle: true, chunkSize: chunkSize)
    }

    deinit {
        if ownsHandle { try? handle?.close() }
    }

    /// The next byte, or `nil` at the end.
    @inline(__always)
    func next() throws -> UInt8? {
        if index < buffer.count {
            defer { index += 1 }
            return buffer[index]
        }
        guard try refill() else { return nil }
        defer { index += 1 }
        return buffer[index]
    }

    /// The next byte without consuming it, or `nil` at the end.
    @inline(__always)
    func peek() throws -> UInt8? {
        if index < buffer.count { return buffer[index] }
        guard try refill() else { return nil }
        return buffer[index]
    }

    private func refill() throws -> Bool {
        if finished { return false }
        let chunk: Data
        if let handle {
            do {
                chunk = try handle.read(upToCount: chunkSize) ?? Data()
            } catch {
                throw ImportError(
                    .unreadableFile, message: "reading the file failed; check that it is readable")
            }
        } else if let data, !data.isEmpty {
            let end = data.index(data.startIndex, offsetBy: min(chunkSize, data.count))
            chunk = data[data.startIndex..<end]
            self.data = data[end...]
        } else {
            chunk = Data()
        }
        if chunk.isEmpty {
            finished = true
            buffer = []
            index = 0
            return false
        }
        buffer = [UInt8](chunk)
        index = 0
        return true
    }
}
