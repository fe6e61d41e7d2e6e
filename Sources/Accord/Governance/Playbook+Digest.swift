extension Playbook {
    /// The SHA-256 of the playbook's canonical JSON (sorted keys, as `accord init` writes it), hex.
    ///
    /// Sign-offs are bound to it: changing any rule after a sign-off changes the digest, and the
    /// sign-off no longer counts.
    public var digest: String { SHA256.hex(jsonData()) }
}
