import Foundation

/// Reading and writing model files, one way for every kind of model: JSON with ISO 8601 dates,
/// pretty and key-sorted, written atomically; decoding errors turned into
/// ``LearnedModelError`` `corruptModel` naming the JSON path of the problem.
enum ModelFile {
    /// The bytes of a model file.
    ///
    /// - Throws: `missingModel` when there is no file or it cannot be read.
    static func read(_ url: URL) throws(LearnedModelError) -> Data {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw LearnedModelError(
                .missingModel, "no model file at \(url.path); train one with `accord model train`")
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw LearnedModelError(
                .missingModel, "cannot read the model file \(url.path): \(error.localizedDescription)")
        }
    }

    /// A model decoded from JSON and checked by `problem`.
    ///
    /// - Parameters:
    ///   - type: the model's type.
    ///   - data: the JSON.
    ///   - source: what to call the data in error messages.
    ///   - problem: the decoded model's first inconsistency, or `nil`.
    /// - Throws: `corruptModel` with the JSON path of what is missing, mistyped or inconsistent.
    static func decode<Model: Decodable>(
        _ type: Model.Type, from data: Data, source: String, problem: (Model) -> String?
    ) throws(LearnedModelError) -> Model {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let model: Model
        do {
            model = try decoder.decode(Model.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw LearnedModelError(.corruptModel, "\(source): missing \(path(context.codingPath + [key]))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw LearnedModelError(
                .corruptModel, "\(source): \(path(context.codingPath)): \(context.debugDescription)")
        } catch let DecodingError.valueNotFound(_, context) {
            throw LearnedModelError(.corruptModel, "\(source): \(path(context.codingPath)) is null")
        } catch let DecodingError.dataCorrupted(context) {
            throw LearnedModelError(
                .corruptModel, "\(source): \(path(context.codingPath)): \(context.debugDescription)")
        } catch {
            throw LearnedModelError(.corruptModel, "\(source) is not a model file: \(error)")
        }
        if let problem = problem(model) {
            throw LearnedModelError(.corruptModel, "\(source): \(problem)")
        }
        return model
    }

    /// A model as pretty, key-sorted JSON.
    ///
    /// - Throws: `unwritable` when a value cannot be encoded.
    static func encode(_ model: some Encodable) throws(LearnedModelError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        do {
            return try encoder.encode(model)
        } catch {
            throw LearnedModelError(.unwritable, "the model cannot be encoded: \(error)")
        }
    }

    /// Writes `data` atomically, creating the folder if needed.
    ///
    /// - Throws: `unwritable`.
    static func write(_ data: Data, to url: URL) throws(LearnedModelError) {
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw LearnedModelError(.unwritable, "cannot write the model to \(url.path): \(error.localizedDescription)")
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        "$" + keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}
