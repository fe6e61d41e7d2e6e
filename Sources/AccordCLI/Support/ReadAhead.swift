/// Values made by one task and taken by another, at most ``depth`` ahead: an import reads and
/// checks the next batches of rows on the second core while the engine records the current one,
/// and never holds more than `depth` batches of the file in memory.
actor ReadAhead<Element: Sendable> {
    private let depth: Int
    private var buffered: [Element] = []
    /// `nil` while the producer runs; then success at the end of its values, or the error it met.
    private var end: Result<Void, any Error>?
    private var cancelled = false
    private var waitingConsumer: CheckedContinuation<Void, Never>?
    private var waitingProducer: CheckedContinuation<Void, Never>?

    /// - Parameter depth: how many values may wait for the consumer; at least 1.
    init(depth: Int) {
        self.depth = max(1, depth)
    }

    /// Hands over a value, waiting while ``depth`` values wait already.
    ///
    /// - Returns: `false` once the consumer has cancelled: the producer should stop.
    func put(_ element: Element) async -> Bool {
        while buffered.count >= depth, !cancelled {
            await withCheckedContinuation { waitingProducer = $0 }
        }
        guard !cancelled else { return false }
        buffered.append(element)
        wakeConsumer()
        return true
    }

    /// Ends the values, with the error that stopped the producer, if any.
    func finish(throwing error: (any Error)? = nil) {
        end = error.map { .failure($0) } ?? .success(())
        wakeConsumer()
    }

    /// The next value, waiting for the producer; `nil` after the last.
    ///
    /// - Throws: the error the producer finished with, after the values it handed over.
    func next() async throws -> Element? {
        while buffered.isEmpty, end == nil {
            await withCheckedContinuation { waitingConsumer = $0 }
        }
        if !buffered.isEmpty {
            let element = buffered.removeFirst()
            wakeProducer()
            return element
        }
        try end?.get()
        return nil
    }

    /// Tells the producer to stop; its waiting ``put(_:)`` returns `false`.
    func cancel() {
        cancelled = true
        buffered.removeAll()
        wakeProducer()
    }

    private func wakeConsumer() {
        waitingConsumer?.resume()
        waitingConsumer = nil
    }

    private func wakeProducer() {
        waitingProducer?.resume()
        waitingProducer = nil
    }
}
