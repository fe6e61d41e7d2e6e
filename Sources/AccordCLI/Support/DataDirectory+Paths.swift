import Foundation

/// The one place where text a user typed becomes a path the CLI writes.
///
/// Two kinds of input reach the file system:
/// - a *name* (`--name` of a model, a playbook version) becomes one file inside a folder of the
///   data directory: it must be a plain file name — letters, digits, `.`, `-` and `_`, not
///   empty, not starting with `.` — so `../playbook` or `a/b` can never leave the folder;
/// - an explicit *output path* (`--out`, `--html`, a FILE argument) is used as given, but never
///   replaces a data directory's own files: its playbook, its journal, its kept playbook
///   versions, its backlog or its demo marker — this data directory's or another's.
extension DataDirectory {
    /// The files and folders of a data directory that no output may replace, by name.
    static let ownEntries: Set<String> = ["playbook.json", "journal", "playbooks", "backlog.json", "DEMO"]

    /// The file named `name` with `pathExtension` in `folder` of this data directory.
    ///
    /// - Parameters:
    ///   - name: The name the user gave, such as a model name.
    ///   - label: How the user gave it, for the error (`--name`, `version`).
    ///   - folder: The data directory's folder the file belongs in (`models`).
    ///   - pathExtension: The file's extension, without the dot (`json`).
    /// - Returns: `DATA/folder/name.pathExtension`.
    /// - Throws: ``CLIError`` (usage) when `name` is empty, has a separator, starts with `.` or
    ///   has any other character than letters, digits, `.`, `-` and `_`.
    func namedFile(_ name: String, label: String, in folder: String, pathExtension: String) throws(CLIError) -> URL {
        try Self.checkFileName(name, label: label)
        return root.appendingPathComponent(folder, isDirectory: true)
            .appendingPathComponent(name + "." + pathExtension)
    }

    /// Checks that `name` can be used as a file name on its own.
    ///
    /// - Parameters:
    ///   - name: The name the user gave.
    ///   - label: How the user gave it, for the error.
    /// - Throws: ``CLIError`` (usage) naming the rule the name breaks.
    static func checkFileName(_ name: String, label: String) throws(CLIError) {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: ".-_"))
        let rule = "use letters, digits, '.', '-' and '_', not starting with '.' (e.g. conversion-2026)"
        if name.isEmpty { throw CLIError.usage("\(label) is empty; \(rule)") }
        if name.contains("/") || name.contains("\\") {
            throw CLIError.usage("\(label) '\(name)' is a path, not a name: it may not contain '/' or '\\'; \(rule)")
        }
        guard name.unicodeScalars.allSatisfy(allowed.contains), !name.hasPrefix(".") else {
            throw CLIError.usage("\(label) '\(name)' cannot name a file; \(rule)")
        }
    }

    /// The file an explicit output option names, checked not to replace a data directory's files.
    ///
    /// The path is used as given (relative to the working directory), after following symbolic
    /// links in it, and refused when it is, or is inside, this data directory's playbook,
    /// journal, kept versions, backlog or demo marker — or when it is `playbook.json` next to a
    /// `journal` folder, or inside a journal folder, of any data directory.
    ///
    /// - Parameters:
    ///   - path: The path the user gave.
    ///   - label: How the user gave it, for the error (`--out`, `--html`, `FILE`).
    /// - Returns: The file URL to write.
    /// - Throws: ``CLIError`` (usage) naming the path and what it would replace.
    func outputFile(_ path: String, label: String) throws(CLIError) -> URL {
        guard !path.isEmpty else { throw CLIError.usage("\(label) is empty; give the file to write") }
        let url = Self.resolved(URL(fileURLWithPath: path))
        let rootPath = Self.resolved(root).path
        let refusal = "refusing to write \(label) \(path)"
        for entry in Self.ownEntries {
            let protected = rootPath + "/" + entry
            if url.path == protected || url.path.hasPrefix(protected + "/") {
                throw CLIError(
                    status: .usage, message: "\(refusal): it would replace the data directory's \(entry)",
                    details: ["choose a file outside \(protected)"])
            }
        }
        let parent = url.deletingLastPathComponent()
        let manager = FileManager.default
        if url.lastPathComponent == "playbook.json",
            manager.fileExists(atPath: parent.appendingPathComponent("journal").path)
        {
            throw CLIError(
                status: .usage, message: "\(refusal): it is the playbook of the data directory \(parent.path)",
                details: ["choose another file name"])
        }
        if let journal = Self.enclosingJournal(of: url) {
            throw CLIError(
                status: .usage, message: "\(refusal): it is inside the journal \(journal.path)",
                details: ["choose a file outside the journal's folder"])
        }
        return url
    }

    /// `url` made absolute, with `.`/`..` removed and symbolic links in its existing part followed.
    private static func resolved(_ url: URL) -> URL {
        var existing = url.standardizedFileURL
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            rest.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        return rest.reduce(existing.resolvingSymlinksInPath()) { $0.appendingPathComponent($1) }
    }

    /// The journal folder `url` is inside, if any: a folder holding a `LOCK` file and a
    /// `segments` folder (see ``Journal/FileEventStore``).
    private static func enclosingJournal(of url: URL) -> URL? {
        var folder = url.deletingLastPathComponent()
        while true {
            let names = Set((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            if names.contains("LOCK"), names.contains("segments") { return folder }
            if folder.path == "/" { return nil }
            folder.deleteLastPathComponent()
        }
    }
}
