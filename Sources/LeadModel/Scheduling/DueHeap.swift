/// A binary min-heap of slots keyed by when they fall due, with each slot's position kept so an
/// entry can be moved or removed in O(log n). Ties break on the slot, so the order is
/// deterministic.
///
/// The schedules of the policies and the engine (open SLA clocks, leads due for rescoring) keep
/// their entries in one of these; a slot is the caller's index into its own table.
package struct DueHeap: Sendable {
    /// The due instants, in heap order (seconds since 1970).
    package private(set) var keys: [Double] = []
    /// The slots, in heap order.
    package private(set) var slots: [Int32] = []
    /// `positions[slot]` is the slot's index in the heap, or -1.
    private var positions: [Int32] = []

    package init() {}

    package var count: Int { slots.count }

    /// The entry due first.
    package var top: (slot: Int32, key: Double)? {
        slots.isEmpty ? nil : (slots[0], keys[0])
    }

    package func contains(_ slot: Int32) -> Bool {
        Int(slot) < positions.count && positions[Int(slot)] >= 0
    }

    package mutating func reserveCapacity(_ capacity: Int) {
        keys.reserveCapacity(capacity)
        slots.reserveCapacity(capacity)
        positions.reserveCapacity(capacity)
    }

    /// Inserts the slot, or moves it when it is already in the heap.
    package mutating func set(_ slot: Int32, key: Double) {
        while positions.count <= Int(slot) { positions.append(-1) }
        let position = Int(positions[Int(slot)])
        if position >= 0 {
            let old = keys[position]
            keys[position] = key
            if less(key, slot, old, slot) { siftUp(position) } else { siftDown(position) }
            return
        }
        keys.append(key)
        slots.append(slot)
        positions[Int(slot)] = Int32(slots.count - 1)
        siftUp(slots.count - 1)
    }

    /// Removes the slot; nothing happens when it is not in the heap.
    package mutating func remove(_ slot: Int32) {
        guard contains(slot) else { return }
        let position = Int(positions[Int(slot)])
        let last = slots.count - 1
        swapAt(position, last)
        keys.removeLast()
        slots.removeLast()
        positions[Int(slot)] = -1
        if position < slots.count {
            siftDown(position)
            siftUp(position)
        }
    }

    /// Children of a heap index, for a walk that prunes at the first entry not due.
    @inline(__always)
    package func children(of index: Int) -> (Int, Int) { (2 * index + 1, 2 * index + 2) }

    @inline(__always)
    private func less(_ a: Double, _ slotA: Int32, _ b: Double, _ slotB: Int32) -> Bool {
        a < b || (a == b && slotA < slotB)
    }

    private mutating func swapAt(_ i: Int, _ j: Int) {
        guard i != j else { return }
        keys.swapAt(i, j)
        slots.swapAt(i, j)
        positions[Int(slots[i])] = Int32(i)
        positions[Int(slots[j])] = Int32(j)
    }

    private mutating func siftUp(_ start: Int) {
        var index = start
        while index > 0 {
            let parent = (index - 1) / 2
            guard less(keys[index], slots[index], keys[parent], slots[parent]) else { return }
            swapAt(index, parent)
            index = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var index = start
        while true {
            let left = 2 * index + 1
            guard left < slots.count else { return }
            var smallest = left
            let right = left + 1
            if right < slots.count, less(keys[right], slots[right], keys[left], slots[left]) { smallest = right }
            guard less(keys[smallest], slots[smallest], keys[index], slots[index]) else { return }
            swapAt(index, smallest)
            index = smallest
        }
    }
}
