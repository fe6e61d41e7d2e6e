import LeadModel
import Testing
import _LeadModelTestSupport

struct DueHeapTests {
    /// Pops everything, in order.
    private func drain(_ heap: inout DueHeap) -> [(slot: Int32, key: Double)] {
        var popped: [(slot: Int32, key: Double)] = []
        while let top = heap.top {
            heap.remove(top.slot)
            popped.append(top)
        }
        return popped
    }

    @Test func popsByDueTimeThenSlot() {
        var heap = DueHeap()
        #expect(heap.top == nil)
        for (slot, key) in [(3, 30.0), (1, 10), (2, 10), (0, 50), (4, 5)] { heap.set(Int32(slot), key: key) }
        #expect(heap.count == 5)
        #expect(drain(&heap).map(\.slot) == [4, 1, 2, 3, 0])
        #expect(heap.count == 0)
    }

    @Test func settingASlotAgainMovesItsOneEntry() {
        var heap = DueHeap()
        heap.set(0, key: 10)
        heap.set(1, key: 20)
        heap.set(0, key: 30)
        #expect(heap.count == 2)
        #expect(heap.top?.slot == 1)
        heap.set(0, key: 5)
        #expect(drain(&heap).map(\.key) == [5, 20])
    }

    @Test func removingIsIdempotentAndContainsFollows() {
        var heap = DueHeap()
        heap.set(7, key: 1)
        #expect(heap.contains(7))
        #expect(!heap.contains(3))
        #expect(!heap.contains(100))
        heap.remove(7)
        heap.remove(7)
        heap.remove(42)
        #expect(!heap.contains(7))
        #expect(heap.top == nil)
    }

    @Test(arguments: [1, 2, 3])
    func agreesWithASortedListUnderRandomMoves(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        var heap = DueHeap()
        var model: [Int32: Double] = [:]
        for _ in 0..<2_000 {
            let slot = Int32.random(in: 0..<64, using: &random)
            if Int.random(in: 0..<4, using: &random) == 0 {
                heap.remove(slot)
                model[slot] = nil
            } else {
                let key = Double(Int.random(in: 0..<50, using: &random))
                heap.set(slot, key: key)
                model[slot] = key
            }
            #expect(heap.count == model.count)
        }
        let expected = model.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
        let popped = drain(&heap)
        #expect(popped.map(\.slot) == expected.map(\.key))
        #expect(popped.map(\.key) == expected.map(\.value))
    }
}
