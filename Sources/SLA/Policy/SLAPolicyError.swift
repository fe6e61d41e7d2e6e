/// An SLA policy cannot do what the engine asked: the policy does not support the operation at
/// all, or refuses it for this clock.
///
/// Match on ``code``; new codes may be added in minor releases. The description names the policy
/// and the operation, never a person.
public struct SLAPolicyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong. Opaque so that codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The policy does not implement the operation (the protocol's default answered).
        public static let unsupported = Code("unsupported")
        /// The policy implements the operation but not for this clock; ``SLAPolicyError/message``
        /// says why and what to change.
        public static let refused = Code("refused")
    }

    /// An operation the engine asks of a policy. Opaque so that operations can be added.
    public struct Operation: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        /// The ``SLAPolicy`` requirement a policy implements to support the operation.
        public let requirement: String
        private init(_ name: String, requirement: String) {
            self.name = name
            self.requirement = requirement
        }
        public var description: String { name }

        /// Pausing a running clock (``SLAPolicy/checkPause(_:)``).
        public static let pause = Operation("pause", requirement: "checkPause(_:)")
        /// Resuming a paused clock (``SLAPolicy/resume(_:pausedAt:resumedAt:)``).
        public static let resume = Operation("resume", requirement: "resume(_:pausedAt:resumedAt:)")
    }

    /// What went wrong.
    public var code: Code
    /// The policy's name: its type, such as `MyCompanySLA`.
    public var policy: String
    /// The operation asked.
    public var operation: Operation
    /// What happened and what to do next.
    public var message: String

    /// Makes an error.
    ///
    /// - Parameters:
    ///   - code: what went wrong.
    ///   - policy: the policy's name.
    ///   - operation: the operation asked.
    ///   - message: what happened and what to do next.
    public init(_ code: Code, policy: String, operation: Operation, message: String) {
        self.code = code
        self.policy = policy
        self.operation = operation
        self.message = message
    }

    /// The error a policy's default answers with for an operation it does not implement.
    ///
    /// - Parameters:
    ///   - operation: the operation asked.
    ///   - policy: the policy; its type names it.
    /// - Returns: an `unsupported` error naming the policy and the operation.
    public static func unsupported(_ operation: Operation, by policy: some SLAPolicy) -> SLAPolicyError {
        let name = String(describing: type(of: policy))
        return SLAPolicyError(
            .unsupported, policy: name, operation: operation,
            message: "the SLA policy \(name) does not support the \(operation) of a response clock; "
                + "it implements \(operation.requirement) to support it")
    }

    public var description: String { message }
}
