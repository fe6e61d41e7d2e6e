import LeadModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The exclusive `flock` on a data directory's `LOCK` file, held while a store is open.
///
/// `flock` locks belong to an open file description, so a second open of the same directory
/// fails even inside the same process, and the kernel releases the lock when the process dies
/// (including `kill -9`), so there is never a stale lock to clean up by hand. The holder writes
/// its process id and a label (``FileEventStore/Configuration/lockOwner``) into the file, so a
/// process that cannot take the lock can say who has it.
struct DirectoryLock: Sendable {
    /// The name of the lock file inside the data directory.
    static let fileName = "LOCK"

    private let file: FileDescriptor

    /// Takes the lock of `directory` without waiting and records `owner` as its holder.
    ///
    /// - Parameters:
    ///   - directory: the data directory.
    ///   - owner: a label for the holder (a command name; never personal data).
    /// - Throws: ``LeadModel/EventStoreError`` with code `directoryLocked` (naming the holder when it is
    ///   recorded) when another store (in this or another process) has the directory open, `io`
    ///   when the lock file cannot be opened.
    init(directory: String, owner: String = "") throws {
        let path = directory + "/" + DirectoryLock.fileName
        let file = try FileDescriptor.open(path, flags: O_RDWR | O_CREAT)
        while flock(file.rawValue, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            let failure = errno
            let holder = DirectoryLock.holder(of: file)
            file.close()
            if failure == EWOULDBLOCK {
                throw EventStoreError(
                    .directoryLocked,
                    "the data directory \(directory) is already open in another FileEventStore "
                        + "(\(holder ?? "this or another process")); close that store first or "
                        + "use another directory",
                    path: path)
            }
            throw FileDescriptor.error("cannot lock the data directory", path: path)
        }
        // Best effort: the lock itself is what excludes; the record only explains.
        var record = "pid \(getpid())"
        if !owner.isEmpty { record += "\ncommand " + owner }
        try? file.truncate(to: 0)
        try? file.write(Array((record + "\n").utf8), at: 0)
        self.file = file
    }

    /// Who holds the lock, as recorded in the lock file: `pid 123, accord signal`.
    private static func holder(of file: FileDescriptor) -> String? {
        guard let bytes = try? file.read(count: 512, at: 0), !bytes.isEmpty else { return nil }
        var parts: [String] = []
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            if line.hasPrefix("pid "), Int32(line.dropFirst(4)) != nil {
                parts.append("held by pid " + line.dropFirst(4))
            } else if line.hasPrefix("command ") {
                parts.append(String(line.dropFirst(8).prefix(80)))
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// Releases the lock.
    func release() {
        try? file.truncate(to: 0)
        _ = flock(file.rawValue, LOCK_UN)
        file.close()
    }
}
