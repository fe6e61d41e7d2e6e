import Foundation

/// A decoder over a parsed ``JSONValue`` that records which keys the decoded types asked for at
/// each path, so the playbook can report fields no type reads — a misspelt `"withinDay"` on an
/// engagement rule — instead of silently applying the default.
///
/// Codable types ask for every key they know (with `decodeIfPresent` for optional ones), so
/// "asked for" is "known". Used after `JSONDecoder` accepted the document, and to find where a
/// document `JSONDecoder` refused without a path is wrong (a number out of its field's range).
struct KeyRecordingDecoder: Decoder {
    /// Keys asked for and keys present, by JSON path (`$.scoring.engagement[0]`).
    final class Log {
        var asked: [String: Set<String>] = [:]
        var present: [String: [String]] = [:]
    }

    let value: JSONValue
    let codingPath: [any CodingKey]
    let log: Log
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Every key present in the document that no type asked for, with its path and the keys
    /// that were asked for beside it.
    static func unknownKeys<T: Decodable>(decoding type: T.Type, from value: JSONValue) throws
        -> [(path: String, key: String, known: [String])]
    {
        let log = Log()
        _ = try T(from: KeyRecordingDecoder(value: value, codingPath: [], log: log))
        var unknown: [(path: String, key: String, known: [String])] = []
        for path in log.present.keys.sorted() {
            let asked = log.asked[path] ?? []
            for key in log.present[path]! where !asked.contains(key) {
                unknown.append((path, key, asked.sorted()))
            }
        }
        return unknown
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.reduce("$") { path, key in
            key.intValue.map { "\(path)[\($0)]" } ?? "\(path).\(key.stringValue)"
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let fields) = value else { throw mismatch([String: JSONValue].self) }
        let path = Self.path(codingPath)
        if log.present[path] == nil { log.present[path] = fields.keys.sorted() }
        return KeyedDecodingContainer(Keyed<Key>(fields: fields, codingPath: codingPath, path: path, log: log))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw mismatch([JSONValue].self) }
        return Unkeyed(items: items, codingPath: codingPath, log: log)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        Single(value: value, codingPath: codingPath, log: log)
    }

    func mismatch(_ type: Any.Type) -> DecodingError {
        DecodingError.typeMismatch(type, .init(codingPath: codingPath, debugDescription: "unexpected JSON value"))
    }

    /// Decodes a value of any type from a JSON value at a path.
    static func decode<T: Decodable>(_ type: T.Type, _ value: JSONValue, at path: [any CodingKey], log: Log) throws
        -> T
    {
        let decoder = KeyRecordingDecoder(value: value, codingPath: path, log: log)
        switch value {
        case .bool(let flag): if let flag = flag as? T { return flag }
        case .string(let text): if let text = text as? T { return text }
        case .number(let number):
            if let number = number as? T { return number }
            if let converted = Self.number(number, as: type) { return converted }
            if let problem = integerProblem(number, as: type) { throw problem(path) }
        default: break
        }
        return try T(from: decoder)
    }

    /// Why `number` cannot be a `type` when `type` is an integer type, as an error at a path;
    /// `nil` for other types.
    static func integerProblem<T>(_ number: Double, as type: T.Type) -> (([any CodingKey]) -> DecodingError)? {
        guard let integer = type as? any FixedWidthInteger.Type else { return nil }
        let message = integerMessage(number, integer)
        return { path in DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: message)) }
    }

    private static func integerMessage<I: FixedWidthInteger>(_ number: Double, _ type: I.Type) -> String {
        guard number.isFinite, number.rounded() == number else {
            return "expected a whole number, found \(number)"
        }
        return "the number \(number) is out of range: expected a whole number from \(I.min) to \(I.max)"
    }

    private static func number<T>(_ number: Double, as type: T.Type) -> T? {
        switch type {
        case is Int.Type: return Int(exactly: number) as? T
        case is Int64.Type: return Int64(exactly: number) as? T
        case is Int32.Type: return Int32(exactly: number) as? T
        case is UInt.Type: return UInt(exactly: number) as? T
        case is UInt64.Type: return UInt64(exactly: number) as? T
        case is UInt32.Type: return UInt32(exactly: number) as? T
        case is Float.Type: return Float(number) as? T
        default: return nil
        }
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let fields: [String: JSONValue]
        let codingPath: [any CodingKey]
        let path: String
        let log: Log

        var allKeys: [Key] {
            for key in fields.keys { log.asked[path, default: []].insert(key) }
            return fields.keys.compactMap(Key.init(stringValue:))
        }

        func contains(_ key: Key) -> Bool {
            log.asked[path, default: []].insert(key.stringValue)
            return fields[key.stringValue] != nil
        }

        private func value(_ key: Key) throws -> JSONValue {
            log.asked[path, default: []].insert(key.stringValue)
            guard let value = fields[key.stringValue] else {
                throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing"))
            }
            return value
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            if case .null = try value(key) { return true }
            return false
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try KeyRecordingDecoder.decode(type, try value(key), at: codingPath + [key], log: log)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            try KeyRecordingDecoder(value: try value(key), codingPath: codingPath + [key], log: log)
                .container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try KeyRecordingDecoder(value: try value(key), codingPath: codingPath + [key], log: log)
                .unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder {
            KeyRecordingDecoder(value: .object(fields), codingPath: codingPath, log: log)
        }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            KeyRecordingDecoder(value: try value(key), codingPath: codingPath + [key], log: log)
        }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let items: [JSONValue]
        let codingPath: [any CodingKey]
        let log: Log
        var currentIndex = 0

        init(items: [JSONValue], codingPath: [any CodingKey], log: Log) {
            self.items = items
            self.codingPath = codingPath
            self.log = log
        }

        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }

        private var indexKey: any CodingKey { IndexKey(intValue: currentIndex) }

        private mutating func next() throws -> (JSONValue, [any CodingKey]) {
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(
                    JSONValue.self, .init(codingPath: codingPath, debugDescription: "the array ended"))
            }
            let item = (items[currentIndex], codingPath + [indexKey])
            currentIndex += 1
            return item
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd, case .null = items[currentIndex] else { return false }
            currentIndex += 1
            return true
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let (item, path) = try next()
            return try KeyRecordingDecoder.decode(type, item, at: path, log: log)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            let (item, path) = try next()
            return try KeyRecordingDecoder(value: item, codingPath: path, log: log).container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            let (item, path) = try next()
            return try KeyRecordingDecoder(value: item, codingPath: path, log: log).unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Decoder {
            let (item, path) = try next()
            return KeyRecordingDecoder(value: item, codingPath: path, log: log)
        }
    }

    struct Single: SingleValueDecodingContainer {
        let value: JSONValue
        let codingPath: [any CodingKey]
        let log: Log

        func decodeNil() -> Bool {
            if case .null = value { return true }
            return false
        }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            switch (value, type) {
            case (.bool(let flag), is Bool.Type): return flag as! T
            case (.string(let text), is String.Type): return text as! T
            case (.number(let number), is Double.Type): return number as! T
            case (.number(let number), _):
                if let converted = KeyRecordingDecoder.number(number, as: type) { return converted }
                if let problem = KeyRecordingDecoder.integerProblem(number, as: type) { throw problem(codingPath) }
            default: break
            }
            if type == Bool.self || type == String.self || type == Double.self {
                throw DecodingError.typeMismatch(type, .init(codingPath: codingPath, debugDescription: "mismatch"))
            }
            return try T(from: KeyRecordingDecoder(value: value, codingPath: codingPath, log: log))
        }
    }

    struct IndexKey: CodingKey {
        var intValue: Int?
        var stringValue: String { "\(intValue ?? 0)" }
        init(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { nil }
    }
}
