import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns the file-system errors Foundation and the C library throw into a sentence for the user:
/// what could not be done, to which path, why, and what to do — never a raw
/// `NSCocoaErrorDomain Code=513` dump.
enum FileSystemErrorText {
    /// The CLI error for a Foundation or POSIX file-system error, or `nil` when `error` is not one.
    ///
    /// - Parameter error: Any error a command let through.
    /// - Returns: A ``CLIError`` (status failure) whose message names the path and the reason,
    ///   with a hint of what to do in its details.
    static func cliError(for error: any Error) -> CLIError? {
        let nsError = error as NSError
        let path = Self.path(of: nsError)
        let code: Int32
        if nsError.domain == NSPOSIXErrorDomain {
            code = Int32(nsError.code)
        } else if nsError.domain == NSCocoaErrorDomain {
            code = posixCode(of: nsError.userInfo[NSUnderlyingErrorKey]) ?? posixCode(forCocoaCode: nsError.code)
        } else {
            return nil
        }
        let (reason, hint) = explanation(of: code)
        let subject = path.map { " \($0)" } ?? ""
        let action = verb(forCocoaCode: nsError.domain == NSCocoaErrorDomain ? nsError.code : nil)
        return CLIError(status: .failure, message: "cannot \(action)\(subject): \(reason)", details: [hint])
    }

    /// The errno of an underlying error: a Swift `POSIXError` (as Foundation on Linux stores it)
    /// or an `NSError` in the POSIX domain.
    private static func posixCode(of underlying: Any?) -> Int32? {
        if let posix = underlying as? POSIXError { return posix.code.rawValue }
        if let error = underlying as? any Error {
            let nsError = error as NSError
            if nsError.domain == NSPOSIXErrorDomain { return Int32(nsError.code) }
        }
        return nil
    }

    /// The path an error names, from its own user info or its underlying error's.
    private static func path(of error: NSError) -> String? {
        if let path = error.userInfo[NSFilePathErrorKey] as? String { return path }
        if let url = error.userInfo[NSURLErrorKey] as? URL { return url.path }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? any Error {
            return path(of: underlying as NSError)
        }
        return nil
    }

    /// What the failed operation was, from Cocoa's code ranges (reading 256–511, writing 512–767).
    private static func verb(forCocoaCode code: Int?) -> String {
        guard let code else { return "use" }
        switch code {
        case 256...511: return "read"
        case 512...767: return "write"
        default: return "use"
        }
    }

    /// The errno a Cocoa file error stands for when it carries no underlying POSIX error.
    private static func posixCode(forCocoaCode code: Int) -> Int32 {
        switch CocoaError.Code(rawValue: code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: return ENOENT
        case .fileReadNoPermission, .fileWriteNoPermission: return EACCES
        case .fileWriteFileExists: return EEXIST
        case .fileWriteOutOfSpace: return ENOSPC
        case .fileWriteVolumeReadOnly: return EROFS
        case .fileWriteInvalidFileName, .fileReadInvalidFileName: return EINVAL
        default: return EIO
        }
    }

    /// The reason and the advice for an errno.
    private static func explanation(of code: Int32) -> (reason: String, hint: String) {
        switch code {
        case EACCES, EPERM:
            return (
                "permission denied",
                "check the owner and permissions of the path and its parent folders, or choose another (--data DIR)"
            )
        case ENOENT:
            return ("no such file or folder", "check the path; a parent folder may be missing")
        case ENOTDIR:
            return (
                "a part of the path is a file, not a folder",
                "choose a path whose parents are all folders, or pass --data DIR"
            )
        case EISDIR:
            return ("it is a folder, not a file", "name a file")
        case EEXIST:
            return ("it already exists", "remove it or choose another path")
        case ENOSPC, EDQUOT:
            return ("the disk is full (or the quota is reached)", "free some space and run the command again")
        case EROFS:
            return ("the file system is read-only", "choose a path on a writable disk")
        case ENAMETOOLONG:
            return ("the name is too long", "choose a shorter path")
        case ELOOP:
            return ("too many symbolic links", "check the symbolic links in the path")
        default:
            return (String(cString: strerror(code)), "check the path, then run the command again")
        }
    }
}
