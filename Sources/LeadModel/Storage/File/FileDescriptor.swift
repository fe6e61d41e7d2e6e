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

    /// Opens `path` with POSIX `flags` (`O_CLOEXEC` is always added).
    ///
    /// - Throws: ``EventStoreError`` with code `io`.
    static func open(_ path: String, flags: Int32, mode: mode_t = 0o644) throws -> FileDescriptor {
        while true {
            #if canImport(Glibc)
                let fd = Glibc.open(path, flags | O_CLOEXEC, mode)
            #else
                let fd = Darwin.open(path, flags | O_CLOEXEC, mode)
            #endif
            if fd >= 0 { return FileDescriptor(rawValue: fd, path: path) }
            if errno == EINTR { continue }
            throw FileDescriptor.error("cannot open the file", path: path)
        }
    }

    /// Opens `path` like ``open(_:flags:mode:)``, or returns `nil` when it does not exist.
    ///
    /// - Throws: ``EventStoreError`` with code `io` for any other failure.
    static func openExisting(_ path: String, flags: Int32) throws -> FileDescriptor? {
        while true {
            #if canImport(Glibc)
                let fd = Glibc.open(path, flags | O_CLOEXEC)
            #else
                let fd = Darwin.open(path, flags | O_CLOEXEC)
            #endif
            if fd >= 0 { return FileDescriptor(rawValue: fd, path: path) }
            if errno == EINTR { continue }
            if errno == ENOENT { return nil }
            throw FileDescriptor.error("cannot open the file", path: path)
        }
    }

    /// Writes all of `bytes` at `offset`.
    ///
    /// - Throws: ``EventStoreError`` with code `io`.
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
    /// - Throws: ``EventStoreError`` with code `io`.
    func write(_ bytes: [UInt8], at offset: UInt64) throws {
        guard !bytes.isEmpty else { return }
        try bytes.withUnsafeBytes { try write($0, at: offset) }
    }

    /// Reads up to `count` bytes at `offset`; fewer only at the end of the file.
    ///
    /// - Throws: ``EventStoreError`` with code `io`.
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
    /// - Throws: ``EventStoreError`` with code `io`.
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
    /// - Throws: ``EventStoreError`` with code `io`.
    func size() throws -> UInt64 {
        var info = stat()
        guard fstat(rawValue, &info) == 0 else {
            throw FileDescriptor.error("cannot stat the file", path: path)
        }
        return UInt64(info.st_size)
    }

    /// Cuts the file to `length` bytes.
    ///
    /// - Throws: ``EventStoreError`` with code `io`.
    func truncate(to length: UInt64) throws {
        while ftruncate(rawValue, off_t(length)) != 0 {
            if errno == EINTR { continue }
            throw FileDescriptor.error("cannot truncate the file", path: path, offset: length)
        }
    }

    /// Closes the descriptor. Errors are ignored: the data was synced before where it matters.
    func close() {
        #if canImport(Glibc)
            _ = Glibc.close(rawValue)
        #else
            _ = Darwin.close(rawValue)
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
    /// Makes the directory (and its parents) if missing.
    ///
    /// - Throws: ``EventStoreError`` with code `io`.
    static func makeDirectory(_ path: String) throws {
        var start = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            start += part
            if mkdir(start, 0o755) != 0, errno != EEXIST {
                throw FileDescriptor.error("cannot create the directory", path: start)
            }
            start += "/"
        }
    }

    /// Flushes a directory's entries (new, renamed or removed names) to stable storage.
    ///
    /// - Throws: ``EventStoreError`` with code `io`.
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
    /// - Throws: ``EventStoreError`` with code `io`.
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
    /// - Throws: ``EventStoreError`` with code `io`.
    static func remove(_ path: String) throws {
        if unlink(path) != 0, errno != ENOENT {
            throw FileDescriptor.error("cannot remove the file", path: path)
        }
    }

    /// The names in a directory, unsorted; empty when it does not exist.
    ///
    /// - Throws: ``EventStoreError`` with code `io`.
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
    /// - Throws: ``EventStoreError`` with code `io`.
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
