#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The exclusive `flock` on a data directory's `LOCK` file, held while a store is open.
///
/// `flock` locks belong to an open file description, so a second open of the same directory
/// fails even inside the same process, and the kernel releases the lock when the process dies
/// (including `kill -9`), so there is never a stale lock to clean up by hand.
struct DirectoryLock: Sendable {
    /// The name of the lock file inside the data directory.
    static let fileName = "LOCK"

    private let file: FileDescriptor

    /// Takes the lock of `directory` without waiting.
    ///
    /// - Throws: ``EventStoreError`` with code `directoryLocked` when another store (in this or
    ///   another process) has the directory open, `io` when the lock file cannot be opened.
    init(directory: String) throws {
        let path = directory + "/" + DirectoryLock.fileName
        let file = try FileDescriptor.open(path, flags: O_RDWR | O_CREAT)
        while flock(file.rawValue, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            let failure = errno
            file.close()
            if failure == EWOULDBLOCK {
                throw EventStoreError(
                    .directoryLocked,
                    "the data directory \(directory) is already open in another FileEventStore "
                        + "(this or another process); close that store first or use another directory",
                    path: path)
            }
            throw FileDescriptor.error("cannot lock the data directory", path: path)
        }
        self.file = file
    }

    /// Releases the lock.
    func release() {
        _ = flock(file.rawValue, LOCK_UN)
        file.close()
    }
}
