import Foundation

/// Runs one of the Python reference scripts in `Benchmarks/` and decodes the JSON it prints.
enum PythonScript {
    /// Runs `python` with `arguments` and decodes its standard output as `Output`.
    ///
    /// The script's standard error goes to a file rather than a pipe, so a chatty script cannot
    /// fill a pipe nobody reads yet and stall.
    ///
    /// - Parameters:
    ///   - python: the interpreter.
    ///   - arguments: the script's path, then its arguments.
    ///   - name: what the script is, for messages (`"the SQLite baseline"`).
    ///   - failure: makes the error thrown when the script fails or prints something else; a
    ///     ``BenchError`` by default.
    /// - Returns: the decoded output.
    /// - Throws: the error `failure` makes, with the script's status and the end of its output.
    static func run<Output: Decodable>(
        _ python: URL, _ arguments: [String], as type: Output.Type, name: String,
        failure: (String) -> any Error = { BenchError($0) }
    ) throws -> Output {
        let errorsURL = FileManager.default.temporaryDirectory
            .appendingPathComponent("accord-bench-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: errorsURL.path, contents: nil) else {
            throw BenchError("cannot create \(errorsURL.path) for \(name)'s messages")
        }
        defer { try? FileManager.default.removeItem(at: errorsURL) }
        let errors = try FileHandle(forWritingTo: errorsURL)
        defer { try? errors.close() }
        let process = Process()
        process.executableURL = python
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = (try? Data(contentsOf: errorsURL)) ?? Data()
            throw failure(
                "\(name) exited with status \(process.terminationStatus): "
                    + String(decoding: message.suffix(2_000), as: UTF8.self))
        }
        do {
            return try JSONDecoder().decode(Output.self, from: data)
        } catch {
            throw failure(
                "\(name) printed something other than its JSON result: "
                    + String(decoding: data.suffix(2_000), as: UTF8.self))
        }
    }
}
