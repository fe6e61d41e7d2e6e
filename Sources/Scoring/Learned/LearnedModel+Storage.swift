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
        try decode(try ModelFile.read(url), source: url.lastPathComponent)
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
        return try ModelFile.decode(LearnedModel.self, from: data, source: source) { $0.problem() }
    }

    /// The model as pretty, key-sorted JSON.
    public func encoded() throws(LearnedModelError) -> Data {
        try ModelFile.encode(self)
    }

    /// Writes the model as JSON, atomically, creating the folder if needed.
    ///
    /// - Throws: ``LearnedModelError`` `unwritable`.
    public func save(to url: URL) throws(LearnedModelError) {
        try ModelFile.write(try encoded(), to: url)
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

}
