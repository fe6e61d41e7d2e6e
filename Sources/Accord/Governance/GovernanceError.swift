/// A governance step the agreement refuses, with the reason.
public struct GovernanceError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The signer is not an owner the version names.
        public static let notAnOwner = Code("notAnOwner")
        /// The version was not proposed (or its content changed since).
        public static let notProposed = Code("notProposed")
        /// Activation lacks sign-offs or the playbook is invalid; ``GovernanceError/missing``
        /// says what.
        public static let notSignedOff = Code("notSignedOff")
        /// Proposing a version that is already active or already proposed with this content.
        public static let nothingToDo = Code("nothingToDo")
        /// Another writer changed the governance stream meanwhile; load and try again.
        public static let conflict = Code("conflict")
    }

    public var code: Code
    public var message: String
    /// What activation still needs, one line each.
    public var missing: [String]

    public init(_ code: Code, _ message: String, missing: [String] = []) {
        self.code = code
        self.message = message
        self.missing = missing
    }

    public var description: String {
        missing.isEmpty ? message : message + ": " + missing.joined(separator: "; ")
    }
}
