/// Lets one command that may capture a new person run at a time.
///
/// The engine gives a new person the next free lead id when it plans the command, and only
/// learns of a concurrent command that took the same id when the journal refuses the second
/// append (a version conflict), after which it plans again. With many new people arriving at
/// once nearly every command conflicts, repeatedly, so the service queues them here instead:
/// captures and signals from a person the engine does not know yet run one after another (each
/// still fast), while commands about known people and leads run beside them.
actor CaptureGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Waits until no other gated command runs; the caller must ``release()`` after.
    func acquire() async {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
    }

    /// Lets the next waiting command run.
    func release() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
