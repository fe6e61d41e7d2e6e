import Foundation

extension LearnedModel {
    /// Reads a model file written by ``save(to:)``.
    ///
    /// - Parameter url: the file.
    /// - Returns: the model, checked: shapes agree and every number is finite.
    /// - Throws: ``LearnedModelError`` `missingModel` when there is no file, `corruptModel` when it
    ///   is not a valid model (with the JSON path of the problem), `unsupportedFormat` when a newer
    ///   version of Accord wrote it.
    public static func load(contentsOf url: URL) throws(LearnedModelError) -> LearnedModel {
        try decode(try LearnedModelError.readModelFile(url), source: url.lastPathComponent)
    }

    /// Decodes and checks a model from JSON.
    ///
    /// - Parameters:
    ///   - data: the JSON.
    ///   - source: what to call the data in error messages.
    /// - Throws: ``LearnedModelError`` `corruptModel` or `unsupportedFormat`.
    public static func decode(_ data: Data, source: String = "model") throws(LearnedModelError) -> LearnedModel {
        struct Header: Decodable {
            var formatVersion: Int?
            var kind: String?
        }
        let header = try? JSONDecoder().decode(Header.self, from: data)
        if let kind = header?.kind, kind != ConversionModel.Kind.logistic.rawValue {
            throw LearnedModelError(
                .unsupportedFormat,
                "\(source) holds a '\(kind)' model, not a logistic one; load it with ConversionModel.load(contentsOf:) "
                    + "or train a logistic model")
        }
        if let version = header?.formatVersion, version > formatVersion {
            throw LearnedModelError(
                .unsupportedFormat,
                "\(source) has model format \(version); this version of Accord reads format \(formatVersion) and older")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let model: LearnedModel
        do {
            model = try decoder.decode(LearnedModel.self, from: data)
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
        if let problem = model.problem() {
            throw LearnedModelError(.corruptModel, "\(source): \(problem)")
        }
        return model
    }

    /// The model as pretty, key-sorted JSON.
    public func encoded() throws(LearnedModelError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        do {
            return try encoder.encode(self)
        } catch {
            throw LearnedModelError(.unwritable, "the model cannot be encoded: \(error)")
        }
    }

    /// Writes the model as JSON, atomically, creating the folder if needed.
    ///
    /// - Throws: ``LearnedModelError`` `unwritable`.
    public func save(to url: URL) throws(LearnedModelError) {
        let data = try encoded()
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw LearnedModelError(.unwritable, "cannot write the model to \(url.path): \(error.localizedDescription)")
        }
    }

    /// The first inconsistency of a decoded model, or `nil`.
    func problem() -> String? {
        if coefficients.count != encoding.width {
            return "$.coefficients has \(coefficients.count) values; the encoding has \(encoding.width) features"
        }
        if let index = coefficients.firstIndex(where: { !$0.isFinite }) {
            return "$.coefficients[\(index)] is not a finite number"
        }
        if !intercept.isFinite { return "$.intercept is not a finite number" }
        for (index, column) in encoding.columns.enumerated() {
            switch column.kind {
            case .numeric:
                guard let mean = column.mean, let scale = column.scale, mean.isFinite, scale.isFinite, scale > 0
                else {
                    return "$.encoding.columns[\(index)] (\(column.name)) needs a finite mean and a positive scale"
                }
            case .categorical:
                if column.levels == nil {
                    return "$.encoding.columns[\(index)] (\(column.name)) needs levels"
                }
            }
        }
        return nil
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        "$" + keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}
