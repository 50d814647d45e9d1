import Foundation

/// The memory of a raster canvas's pixels: mapped with its pages already in place, and kept
/// for the next canvas of the process when the canvas is done with it.
///
/// Cairo's own image surface takes zeroed memory that each of its 4 KiB pages then faults in
/// on first touch: for a 1600×1000 figure 1,560 faults while the background is painted,
/// 2.7 ms of a worker's first figure (more than the scene it overlaps with), after which the
/// drawing waited for its canvas. MAP_POPULATE maps the pages in one call. The block is then
/// kept, not unmapped, when its canvas goes (unmapping took 0.3 ms before the reply), and a
/// later canvas of the same size (a batch's next figure, the next frame) takes it as it is.
final class PixelMemory: @unchecked Sendable {
    let base: UnsafeMutableRawPointer
    let byteCount: Int

    private init(base: UnsafeMutableRawPointer, byteCount: Int) {
        self.base = base
        self.byteCount = byteCount
    }

    /// The pool every canvas of this process takes its memory from.
    static let shared = Pool()

    static func take(_ byteCount: Int) -> PixelMemory? { shared.take(byteCount) }
    static func give(_ block: PixelMemory) { shared.give(block) }

    /// Blocks given back, kept for reuse: at most `sparesKept`, the newest first. A canvas of
    /// another size unmaps them, so a process never holds more than one unused canvas beside
    /// the ones it draws on (a worker's memory estimate counts one canvas per figure).
    final class Pool: @unchecked Sendable {
        private var spares: [PixelMemory] = []
        private let lock = NSLock()
        static let sparesKept = 1

        /// A block of `byteCount` bytes (its contents unspecified), or nil if none can be mapped.
        func take(_ byteCount: Int) -> PixelMemory? {
            lock.lock()
            if let i = spares.firstIndex(where: { $0.byteCount == byteCount }) {
                let block = spares.remove(at: i)
                lock.unlock()
                return block
            }
            let unused = spares
            spares = []
            lock.unlock()
            for block in unused { munmap(block.base, block.byteCount) }
            #if os(Linux)
            let flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE
            #else
            let flags = MAP_PRIVATE | MAP_ANON
            #endif
            guard byteCount > 0, let base = mmap(nil, byteCount, PROT_READ | PROT_WRITE, flags, -1, 0),
                  base != MAP_FAILED else { return nil }
            return PixelMemory(base: base, byteCount: byteCount)
        }

        /// Gives the block back for the next canvas; the oldest spare beyond `sparesKept` is unmapped.
        func give(_ block: PixelMemory) {
            lock.lock()
            spares.insert(block, at: 0)
            let dropped = spares.count > Self.sparesKept ? spares.removeLast() : nil
            lock.unlock()
            if let dropped { munmap(dropped.base, dropped.byteCount) }
        }
    }
}
