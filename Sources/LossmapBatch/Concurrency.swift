import Foundation

/// Runs `body(i)` for every i in 0..<count on `threads` threads of its own, and returns
/// when all are done. Threads, not Dispatch's pool: a thread waiting on a worker process
/// blocks, and Dispatch would run no more of them at once than there are cores.
func runConcurrently(_ count: Int, threads: Int, _ body: @escaping @Sendable (Int) -> Void) {
    guard count > 0 else { return }
    let next = Counter()
    let group = DispatchGroup()
    for _ in 0..<max(1, min(threads, count)) {
        group.enter()
        let thread = Thread {
            while true {
                let i = next.increment() - 1
                guard i < count else { break }
                body(i)
            }
            group.leave()
        }
        // Room for the parser's nesting and the scene's work when figures run in-process.
        thread.stackSize = 8 << 20
        thread.start()
    }
    group.wait()
}

/// Admits figures in order while the memory estimates of those running fit `capacity`
/// bytes; a figure larger than the whole capacity runs alone rather than never. First come,
/// first served, so a large figure is not passed over forever by small ones.
final class MemoryGate: @unchecked Sendable {
    private let capacity: Int
    private var used = 0
    private var running = 0
    private var nextTicket = 0
    private let condition = NSCondition()

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Waits until figure number `ticket` (0, 1, 2…: each exactly once, in order) fits.
    func admit(_ ticket: Int, bytes: Int) {
        condition.lock()
        while ticket != nextTicket || (running > 0 && used + bytes > capacity) { condition.wait() }
        used += bytes
        running += 1
        nextTicket += 1
        condition.broadcast()
        condition.unlock()
    }

    func release(bytes: Int) {
        condition.lock()
        used -= bytes
        running -= 1
        condition.broadcast()
        condition.unlock()
    }
}

/// A thread-safe counter.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

/// Result slots filled from several threads.
final class Slots<Value: Sendable>: @unchecked Sendable {
    private var values: [Value?]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Value) {
        lock.lock()
        values[i] = value
        lock.unlock()
    }
    func all() -> [Value?] {
        lock.lock()
        defer { lock.unlock() }
        return values
    }
}
