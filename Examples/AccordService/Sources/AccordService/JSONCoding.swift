import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOFoundationCompat

/// The JSON conventions of the API, the same as `accord … --json`: ISO 8601 dates, sorted keys.
enum JSONCoding {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    /// A JSON response.
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let body = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// A JSON answer kept as bytes, so the idempotency ledger can record it.
    static func reply(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Reply {
        Reply(status: status, body: try encoder.encode(value))
    }

    /// Decodes a request body; a body that is not JSON or does not match is a 400 problem.
    static func decode<Value: Decodable>(_ type: Value.Type, from body: ByteBuffer) throws -> Value {
        do {
            return try decoder.decode(type, from: Data(buffer: body))
        } catch let error as DecodingError {
            throw Problem(error)
        }
    }
}

/// A JSON answer: its status and body, before it becomes a `Response`.
struct Reply: Sendable {
    var status: HTTPResponse.Status
    var body: Data

    /// The answer as a response.
    var response: Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
