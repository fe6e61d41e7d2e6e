import LeadModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A raw POSIX file descriptor with throwing, `EINTR`-safe helpers that report the path.
///
/// A plain value: it does not own the descriptor. Whoever opened it closes it exactly once.
struct FileDescriptor: Sendable, Hashable {
    /// The descriptor number.
    let rawValue: Int32
    /// The path it was opened with, for error messages.
    let path: String

    /// The mode of every file the store creates: owner read and write only, whatever the umask,
    /// since segments and snapshots hold emails and phone numbers.
    static let fileMode: mode_t = 0o600
    /// The mode of every directory the store creates: owner only.
    static let directoryMode: mode_t = 0o700

    /// Opens `path` with POSIX `flags` (`O_CLOEXEC` is always added, and `O_NOFOLLOW` for files,
    /// so a symbolic link planted in the journal is refused instead of followed). A file this
    /// call creates gets ``fileMode`` whatever the umask.
    ///
    /// - Throws: ``LeadModel/EventStoreError`` with code `unsafePath` when `path` is a symbolic link, `io`
    ///   for any other failure.
    static func open(_ path: String, flags: Int32) throws -> FileDescriptor {
        guard let file = try openExisting(path, flags: flags) else {
            errno = ENOENT
            throw FileDescriptor.error("cannot open the file", path: path)
        }
        return file
    }

    /// Opens `path` like ``open(_:flags:)``, or returns `nil` when it does not exist.
    ///
    /// - Throws: ``LeadModel/EventStoreError`` with code `unsafePath` when `path` is a symbolic link, `io`
    ///   for any other failure.
    static func openExisting(_ path: String, flags: Int32) throws -> FileDescriptor? {
        // A directory may be reached through a link the operator made (the data directory
        // itself); files inside the journal never are.
        let noFollow = flags & O_DIRECTORY == 0 ? O_NOFOLLOW : 0
        while true {
            #if canImport(Glibc)
                let fd = Glibc.open(path, flags | O_CLOEXEC | noFollow, fileMode)
            #else
                let fd = Darwin.open(path, flags | O_CLOEXEC | noFollow, fileMode)
            #endif
            if fd >= 0 {
                // The umask may have removed bits from (or, under umask 0, never restricted)
                // a new file; set exactly owner read and write.
                if flags & O_CREAT != 0, fchmod(fd, fileMode) != 0 {
                    let failure = FileDescriptor.error("cannot set the file's permissions", path: path)
                    _ = closeDescriptor(fd)
                    throw failure
                }
                return FileDescriptor(rawValue: fd, path: path)
            }
            if errno == EINTR { continue }
            if errno == ENOENT, flags & O_CREAT == 0 { return nil }
            if errno == ELOOP, noFollow != 0 { throw symbolicLink(path) }
            throw FileDescriptor.error("cannot open the file", path: path)
        }
    }

    /// The error for a symbolic link found where the journal keeps a file.
    static func symbolicLink(_ path: String) -> EventStoreError {
        EventStoreError(
            .unsafePath,
            "the file is a symbolic link; the journal never follows links (one could make it "
                + "write outside the data directory) — replace the link with the real file or "
                + "remove it",
            path: path)
    }

    /// Writes all of `bytes` at `offset`.
    ///
    /// - Throws: ``LeadModel/EventStoreError`` with code `io`.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: UInt64) throws {
        var done = 0
        while done < bytes.count {
            let result = pwrite(
                rawValue, bytes.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done)
            )
            if result < 0 {
                if errno == EINTR { continue }
                throw FileDescriptor.error(
                    "write failed", path: path, offset: offset + UInt64(done))
            }
            done += result
        }
    }

    /// Writes all of `bytes` at `offset`.
    ///
    /// - Throws: ``LeadModel/EventStoreError`` with code `io`.
    func write(_ bytes: [UInt8], at offset: UInt64) throws {
        guard !bytes.isEmpty else { return }
        try bytes.withUnsafeBytes { try write($0, at: offset) }
    }

    /// Reads up to `count` bytes at `offset`; fewer only at the end of the file.
    ///
    /// - Throws: ``LeadModel/EventStoreError`` with code `io`.
    func read(count: Int, at offset: UInt64) throws -> [UInt8] {
        guard count > 0 else { return [] }
        var done = 0
        let bytes = try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            while done < count {
                let result = pread(
                    rawValue, buffer.baseAddress! + done, count - done, off_t(offset) + off_t(done))
                if result < 0 {
                    if errno == EINTR { continue }
                    initialized = done
                    throw FileDescriptor.error(
                        "read failed", path: path, offset: offset + UInt64(done))
                }
                if result == 0 { break }
                done += result
            }
            initialized = done
        }
        return bytes
    }

    /// Flushes the file's data (and the metadata needed to read it) to stable storage:
    /// `fdatasync` on Linux, `F_FULLFSYNC` on Darwin.
    ///
    /// - Throws: ``LeadModel/EventStoreError`` with code `io`.
    func sync() throws {
        while true {
            #if canImport(Glibc)
                let result = fdatasync(rawValue)
            #else
                // On Darwin plain fsync does not flush the drive's cache; F_FULLFSYNC does, and
                // falls back to fsync where the file system does not support it.
                var result = fcntl(rawValue, F_FULLFSYNC)
                if result != 0, errno != EINTR { result = fsync(rawValue) }
            #endif
            if result == 0 { return }
            if errno == EINTR { continue }
            throw FileDescriptor.error("fsync failed", path: path)
        }
    }

    /// The file's size in bytes.
    ///
    /// - Throws: ``LeadModel/EventStoreError`` with code `io`.
    func size() throws -> UInt64 {
        var info = stat()
        guard fstat(rawValue, &info) == 0 else {
            throw FileDescriptor.error("cannot stat the file", path: path)
        }
        return UInt64(info.st_size)
    }

    /// Cuts the file to `length` bytes.
    ///
    /// - Throws: ``LeadModel/EventStoreError`` with code `io`.
    func truncate(to length: UInt64) throws {
        while ftruncate(rawValue, off_t(length)) != 0 {
            if errno == EINTR { continue }
            throw FileDescriptor.error("cannot truncate the file", path: path, offset: length)
        }
    }

    /// Closes the descriptor. Errors are ignored: the data was synced before where it matters.
    func close() {
        _ = FileDescriptor.closeDescriptor(rawValue)
    }

    private static func closeDescriptor(_ fd: Int32) -> Int32 {
        #if canImport(Glibc)
            return Glibc.close(fd)
        #else
            return Darwin.close(fd)
        #endif
    }

    /// An `io` error for the last failed call, with `errno`'s text.
    static func error(_ what: String, path: String, offset: UInt64? = nil) -> EventStoreError {
        let code = errno
        let reason = String(cString: strerror(code))
        return EventStoreError(
            .io, "\(what): \(reason) (errno \(code)); check the disk and permissions", path: path,
            offset: offset)
    }
}

/// File-system operations on paths that the store needs beyond one descriptor.
enum FileSystem {
    /// Makes the directory (and its parents) if missing; each directory it creates is owner-only
    /// (``FileDescriptor/directoryMode``) whatever the umask.
    ///
    /// - Throws: ``LeadModel/EventStoreError`` with code `io`.
    static func makeDirectory(_ path: String) throws {
        var start = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            start += part
            if mkdir(start, FileDescriptor.directoryMode) == 0 {
                guard chmod(start, FileDescriptor.directoryMode) == 0 else {
                    throw FileDescriptor.error("cannot set the directory's permissions", path: start)
                }
            } else if errno != EEXIST {
                throw FileDescriptor.error("cannot create the directory", path: start)
            }
            start += "/"
        }
    }

    /// Throws unless `path` is missing or a real directory: a journal folder that is a symbolic
    /// link could make the store write outside the data directory.
    ///
    /// - Throws: ``LeadModel/EventStoreError`` with code `unsafePath`.
    static func refuseLink(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFLNK { throw FileDescriptor.symbolicLink(path) }
    }

    /// Flushes a directory's entries (new, renamed or removed names) to stable storage.
    ///
    /// - Throws: ``LeadModel/EventStoreError`` with code `io`.
    static func syncDirectory(_ path: String) throws {
        let directory = try FileDescriptor.open(path, flags: O_RDONLY | O_DIRECTORY)
        defer { directory.close() }
        while fsync(directory.rawValue) != 0 {
            if errno == EINTR { continue }
            // Some file systems refuse fsync on directories; the rename is still atomic there.
            if errno == EINVAL || errno == EBADF { return }
            throw FileDescriptor.error("cannot sync the directory", path: path)
        }
    }

    /// Renames `source` over `destination`, atomically.
    ///
    /// - Throws: ``LeadModel/EventStoreError`` with code `io`.
    static func rename(_ source: String, to destination: String) throws {
        #if canImport(Glibc)
            let result = Glibc.rename(source, destination)
        #else
            let result = Darwin.rename(source, destination)
        #endif
        guard result == 0 else {
            throw FileDescriptor.error("cannot rename to \(destination)", path: source)
        }
    }

    /// Removes a file; a missing file is not an error.
    ///
    /// - Throws: ``LeadModel/EventStoreError`` with code `io`.
    static func remove(_ path: String) throws {
        if unlink(path) != 0, errno != ENOENT {
            throw FileDescriptor.error("cannot remove the file", path: path)
        }
    }

    /// The names in a directory, unsorted; empty when it does not exist.
    ///
    /// - Throws: ``LeadModel/EventStoreError`` with code `io`.
    static func names(in path: String) throws -> [String] {
        guard let directory = opendir(path) else {
            if errno == ENOENT { return [] }
            throw FileDescriptor.error("cannot list the directory", path: path)
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    /// Writes `bytes` to `path` atomically: a temporary file, `fsync`, rename, `fsync` of the
    /// directory. Readers see the old content or the new, never a mix.
    ///
    /// - Throws: ``LeadModel/EventStoreError`` with code `io`.
    static func writeAtomically(_ bytes: [UInt8], to path: String, directory: String) throws {
        let temporary = path + ".tmp"
        let file = try FileDescriptor.open(temporary, flags: O_WRONLY | O_CREAT | O_TRUNC)
        do {
            try file.write(bytes, at: 0)
            try file.sync()
            file.close()
        } catch {
            file.close()
            try? remove(temporary)
            throw error
        }
        try rename(temporary, to: path)
        try syncDirectory(directory)
    }
}
