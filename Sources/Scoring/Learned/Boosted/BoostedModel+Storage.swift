import Foundation

extension BoostedModel {
    /// Reads a model file written by ``save(to:)``.
    ///
    /// ```swift
    /// let model = try BoostedModel.load(contentsOf: URL(fileURLWithPath: "models/inbound.json"))
    /// ```
    ///
    /// - Parameter url: the file.
    /// - Returns: the model, checked: trees agree with the binning and every number is finite.
    /// - Throws: ``LearnedModelError`` `missingModel` when there is no file, `corruptModel` when it
    ///   is not a valid model (with the JSON path of the problem), `unsupportedFormat` when a newer
    ///   version of Accord wrote it or it holds another kind of model.
    public static func load(contentsOf url: URL) throws(LearnedModelError) -> BoostedModel {
        try decode(try ModelFile.read(url), source: url.lastPathComponent)
    }

    /// Decodes and checks a model from JSON.
    ///
    /// ```swift
    /// let model = try BoostedModel.decode(try other.encoded())
    /// ```
    ///
    /// - Parameters:
    ///   - data: the JSON.
    ///   - source: what to call the data in error messages.
    /// - Returns: the model, checked.
    /// - Throws: ``LearnedModelError`` `corruptModel`, or `unsupportedFormat` for a newer format
    ///   or a file of another model kind (a logistic ``LearnedModel`` file has no `"kind"`).
    public static func decode(_ data: Data, source: String = "model") throws(LearnedModelError) -> BoostedModel {
        struct Header: Decodable {
            var formatVersion: Int?
            var kind: String?
        }
        if let header = try? JSONDecoder().decode(Header.self, from: data) {
            if header.kind != kind, header.formatVersion != nil {
                throw LearnedModelError(
                    .unsupportedFormat,
                    "\(source) holds a \(header.kind.map { "'\($0)'" } ?? "logistic") model, not a '\(kind)' one; "
                        + "load it as that kind of model or train a boosted model")
            }
            if let version = header.formatVersion, version > formatVersion {
                throw LearnedModelError(
                    .unsupportedFormat,
                    "\(source) has boosted model format \(version); this version of Accord reads format "
                        + "\(formatVersion) and older")
            }
        }
        return try ModelFile.decode(BoostedModel.self, from: data, source: source) { $0.problem() }
    }

    /// The model as pretty, key-sorted JSON.
    ///
    /// - Throws: ``LearnedModelError`` `unwritable` when a number cannot be encoded.
    public func encoded() throws(LearnedModelError) -> Data {
        try ModelFile.encode(self)
    }

    /// Writes the model as JSON, atomically, creating the folder if needed.
    ///
    /// - Parameter url: the file to write.
    /// - Throws: ``LearnedModelError`` `unwritable`.
    public func save(to url: URL) throws(LearnedModelError) {
        try ModelFile.write(try encoded(), to: url)
    }

    /// The first inconsistency of a decoded model, or `nil`.
    func problem() -> String? {
        if kind != Self.kind { return "$.kind is '\(kind)'; expected '\(Self.kind)'" }
        if !baseline.isFinite { return "$.baseline is not a finite number" }
        if let calibration, !(calibration.slope.isFinite && calibration.intercept.isFinite) {
            return "$.calibration needs a finite slope and intercept"
        }
        for (index, column) in binner.columns.enumerated() {
            switch column.kind {
            case .numeric:
                guard let thresholds = column.thresholds, column.categories == nil else {
                    return "$.binner.columns[\(index)] (\(column.name)) needs thresholds"
                }
                if thresholds.count > 254 || zip(thresholds, thresholds.dropFirst()).contains(where: { !($0 < $1) })
                    || thresholds.contains(where: { !$0.isFinite })
                {
                    return "$.binner.columns[\(index)] (\(column.name)) needs at most 254 ascending finite thresholds"
                }
            case .categorical:
                guard let categories = column.categories, column.thresholds == nil else {
                    return "$.binner.columns[\(index)] (\(column.name)) needs categories"
                }
                if categories.count > 254 || Set(categories).count != categories.count {
                    return "$.binner.columns[\(index)] (\(column.name)) needs at most 254 distinct categories"
                }
            }
        }
        for (index, tree) in trees.enumerated() {
            if let problem = tree.problem(columns: binner.columns) { return "$.trees[\(index)] \(problem)" }
        }
        return nil
    }

}
