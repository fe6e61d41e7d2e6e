import Accord
import Feedback
import Foundation
import HTTPTypes
import Hummingbird
import LeadModel
import NIOCore

/// An error answer in the RFC 9457 `application/problem+json` format.
///
/// `type` is a URN naming the problem (`urn:accord:problem:handoffGateFailed`), `code` the SDK
/// error's code where there is one, and `errors` every problem found in the request, each with
/// the JSON path it is about (`signal.occurredAt`, `$` for the whole body). The SDK's typed errors
/// become problems with ``init(_:)``; their messages are passed on unchanged.
public struct Problem: Error, Codable, Hashable, Sendable {
    /// One problem in the request, with where it is.
    public struct Item: Codable, Hashable, Sendable {
        /// The JSON path (`signal.kind`), the query parameter (`query.period`) or the header
        /// (`header.X-Accord-Signature`) the problem is about.
        public var path: String
        /// What is wrong.
        public var message: String

        /// Makes an item.
        /// - Parameters:
        ///   - path: where the problem is.
        ///   - message: what is wrong.
        public init(path: String, message: String) {
            self.path = path
            self.message = message
        }
    }

    /// A URN naming the kind of problem.
    public var type: String
    /// A short summary of the kind of problem.
    public var title: String
    /// The HTTP status code (`status` in JSON).
    public var statusCode: Int
    /// What went wrong with this request, for a person.
    public var detail: String
    /// The SDK error's code, when the problem came from one (`unknownLead`, `unknownReason`).
    public var code: String?
    /// Every problem found in the request.
    public var errors: [Item]?
    /// The lead the problem is about.
    public var lead: String?
    /// The handoff gate's missing fields, for `handoffGateFailed`.
    public var missingFields: [String]?
    /// The reason codes that are allowed, for a refused disposition.
    public var allowedCodes: [String]?

    private enum CodingKeys: String, CodingKey {
        case type, title
        case statusCode = "status"
        case detail, code, errors, lead, missingFields, allowedCodes
    }

    /// Makes a problem.
    /// - Parameters:
    ///   - status: the HTTP status.
    ///   - code: the problem's code, also the last part of its `type`.
    ///   - title: a short summary.
    ///   - detail: what went wrong with this request.
    ///   - errors: every problem found, with its path.
    public init(status: HTTPResponse.Status, code: String, title: String, detail: String, errors: [Item]? = nil) {
        type = "urn:accord:problem:" + code
        self.title = title
        statusCode = status.code
        self.detail = detail
        self.code = code
        self.errors = errors
    }

    /// The problem for an error a route or the engine threw.
    ///
    /// The SDK's errors map by code: `unknownLead` is 404; a merged or erased lead, or a version
    /// conflict that outlived the engine's retries, is 409; a playbook refusal (a stage move the
    /// graph forbids, an unmet handoff gate, a reason code the playbook does not allow) is 422;
    /// an invalid value is 400. Anything unknown is a 500 that names no internals.
    /// - Parameter error: the error thrown.
    public init(_ error: any Error) {
        switch error {
        case let problem as Problem:
            self = problem
        case let error as LeadModelError:
            self = Self.leadModel(error)
        case let error as FeedbackError:
            self.init(
                status: .unprocessableContent, code: error.code.description, title: "Refused by the playbook",
                detail: error.message)
            lead = error.leadID?.rawValue
            allowedCodes = error.allowedCodes.isEmpty ? nil : error.allowedCodes
        case let error as EventStoreError:
            self = Self.store(error)
        case let error as DecodingError:
            self.init(
                status: .badRequest, code: "invalidBody", title: "Invalid request body",
                detail: "the body does not match the schema", errors: [Self.item(error)])
        case let error as ReportPeriodError:
            self.init(
                status: .badRequest, code: "invalidPeriod", title: "Invalid query", detail: error.description,
                errors: [Item(path: "query.period", message: error.description)])
        case let error as WebhookSignatureError:
            self.init(
                status: .unauthorized, code: "badSignature", title: "Unsigned or badly signed request",
                detail: error.description)
        case is NIOTooManyBytesError:
            self.init(
                status: .contentTooLarge, code: "bodyTooLarge", title: "Request body too large",
                detail: "the body is larger than the service accepts")
        case let error as HTTPError:
            self.init(
                status: error.status, code: "http\(error.status.code)", title: error.status.reasonPhrase,
                detail: error.body ?? error.status.reasonPhrase)
        default:
            self.init(
                status: .internalServerError, code: "internal", title: "Internal error",
                detail: "the service failed to answer; the error is in its log")
        }
    }

    private static func leadModel(_ error: LeadModelError) -> Problem {
        let status: HTTPResponse.Status
        let title: String
        switch error.code {
        case .unknownLead: (status, title) = (.notFound, "Unknown lead")
        case .leadMerged, .leadErased: (status, title) = (.conflict, "The lead cannot take new facts")
        case .invalidValue: (status, title) = (.badRequest, "Invalid value")
        default: (status, title) = (.unprocessableContent, "Refused by the playbook")
        }
        var problem = Problem(status: status, code: error.code.description, title: title, detail: error.message)
        problem.lead = error.leadID?.rawValue
        if !error.missingFields.isEmpty { problem.missingFields = error.missingFields.map(\.rawValue) }
        return problem
    }

    private static func store(_ error: EventStoreError) -> Problem {
        switch error.code {
        case .versionConflict:
            return Problem(
                status: .conflict, code: error.code.description, title: "Version conflict",
                detail: error.message + "; retry the request")
        case .unknownLead:
            return Problem(
                status: .notFound, code: error.code.description, title: "Unknown lead", detail: error.message)
        case .closed:
            return Problem(
                status: .serviceUnavailable, code: error.code.description, title: "Shutting down",
                detail: "the service is shutting down; retry against another instance or after the restart")
        default:
            return Problem(
                status: .internalServerError, code: error.code.description, title: "Journal error",
                detail: "the journal failed; the error is in the service's log")
        }
    }

    /// The item for a decoding error: its coding path as a dotted JSON path.
    static func item(_ error: DecodingError) -> Item {
        func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            let keys = codingPath + (last.map { [$0] } ?? [])
            guard !keys.isEmpty else { return "$" }
            return keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return Item(path: path(context.codingPath, key), message: "is required")
        case .typeMismatch(let type, let context):
            return Item(path: path(context.codingPath), message: "expected \(type): \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            return Item(path: path(context.codingPath), message: "expected \(type), got null")
        case .dataCorrupted(let context):
            return Item(path: path(context.codingPath), message: context.debugDescription)
        @unknown default:
            return Item(path: "$", message: "cannot be decoded")
        }
    }
}

extension Problem: HTTPResponseError {
    /// The HTTP status of the answer.
    public var status: HTTPResponse.Status { HTTPResponse.Status(code: statusCode) }

    /// The problem as an `application/problem+json` response.
    /// - Parameters:
    ///   - request: the request that failed.
    ///   - context: the request's context.
    /// - Returns: the response.
    /// - Throws: `EncodingError` if the problem cannot be encoded (it always can).
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if status == .unauthorized, code == "missingToken" || code == "badToken" {
            headers[.wwwAuthenticate] = "Bearer"
        }
        let body = try JSONCoding.encoder.encode(self)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
