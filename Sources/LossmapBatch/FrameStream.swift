import Foundation
import LossmapScene
import LossmapThreads

/// The frames of an animation, drawn on several threads and handed over in order.
///
/// Frames are independent once the scene is computed, so each thread draws every n-th frame
/// on its own canvas (its own background, drawn once), while the caller encodes them one
/// after the other, in order, as they come: on two cores the drawing of the next frames
/// overlaps the encoding of this one. At most `window` frames wait, drawn but not yet taken,
/// so memory stays bounded however long the animation.
final class FrameStream: @unchecked Sendable {
    typealias Image = (width: Int, height: Int, rgb: [UInt8])

    private let figure: Scene
    private let steps: [Int]
    private let threads: Int
    private let window: Int
    private let condition = NSCondition()
    private var ready: [Int: Image] = [:]
    private var taken = 0
    private var failure: Error?
    private var cancelled = false

    /// `threads` drawing threads (at least one); `window` frames at most ahead of the taker.
    init(_ figure: Scene, steps: [Int], threads: Int = min(2, Parallelism.threads), window: Int = 6) {
        self.figure = figure
        self.steps = steps
        self.threads = max(1, min(threads, steps.count))
        self.window = max(window, threads)
    }

    /// Calls `body` with each frame's index and pixels, in order. Throws the first error of a
    /// drawing thread or of `body`; the threads stop either way before this returns.
    func forEach(_ body: (Int, Image) throws -> Void) throws {
        guard !steps.isEmpty else { return }
        let group = DispatchGroup()
        for t in 0..<threads {
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                draw(every: threads, from: t)
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        defer {
            condition.lock()
            cancelled = true
            condition.broadcast()
            condition.unlock()
            group.wait()
        }
        for index in steps.indices {
            condition.lock()
            while ready[index] == nil && failure == nil { condition.wait() }
            if let failure {
                condition.unlock()
                throw failure
            }
            let image = ready.removeValue(forKey: index)!
            taken = index + 1
            condition.broadcast()
            condition.unlock()
            try body(index, image)
        }
    }

    /// One drawing thread: frames first, first + stride, …, each waiting while it is a
    /// window ahead of the taker.
    private func draw(every stride: Int, from first: Int) {
        let rasterizer: FrameRasterizer
        do {
            rasterizer = try FrameRasterizer(figure)
        } catch {
            fail(error)
            return
        }
        var index = first
        while index < steps.count {
            condition.lock()
            while index >= taken + window && !cancelled { condition.wait() }
            let stop = cancelled
            condition.unlock()
            if stop { return }
            do {
                let image = try rasterizer.frame(step: steps[index])
                condition.lock()
                ready[index] = image
                condition.broadcast()
                condition.unlock()
            } catch {
                fail(error)
                return
            }
            index += stride
        }
    }

    private func fail(_ error: Error) {
        condition.lock()
        if failure == nil { failure = error }
        condition.broadcast()
        condition.unlock()
    }
}
