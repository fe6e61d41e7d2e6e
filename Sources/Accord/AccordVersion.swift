/// The version of the Accord SDK.
public enum AccordVersion {
    /// The current version, as `accord --version` prints it.
    public static let current = "0.1.0-dev"
}
