/// One colour table for a whole GIF animation: at most 255 opaque colours, so index 255 stays
/// free to mean "transparent: unchanged since the last frame" in the frames after the first.
///
/// One palette for all frames (as gifsicle does) so a colour never shimmers from one frame to
/// the next. The first entries are the figure's own colours (background, text, runs, bands),
/// reserved exactly; the rest come from a median cut over sample frames and catch what the
/// figure blends out of them (antialiased edges, paths over bands).
public struct GIFPalette: Sendable, Equatable {
    /// The most colours a palette holds: 256 indices, less the one kept for transparency.
    public static let maximumColors = 255

    /// The entries as 0xRRGGBB, key colours first.
    let packed: [UInt32]
    /// Key colour → its entry: key colours always map to themselves, without a search.
    let keyIndex: [UInt32: UInt8]
    /// How many leading entries are the key colours given to `choose`.
    public let keyColorCount: Int
    /// The entries ordered by green, then index, as green << 8 | index: `nearest` searches
    /// outward from the input's green and stops where green alone is already too far.
    let byGreen: [UInt32]

    /// The entries in index order, key colours first.
    public var colors: [(UInt8, UInt8, UInt8)] { packed.map(Self.unpack) }

    init(packed: [UInt32], keyColorCount: Int) {
        precondition(!packed.isEmpty && packed.count <= Self.maximumColors)
        self.packed = packed
        self.keyColorCount = keyColorCount
        var keyIndex: [UInt32: UInt8] = [:]
        for (i, color) in packed.prefix(keyColorCount).enumerated() { keyIndex[color] = UInt8(i) }
        self.keyIndex = keyIndex
        byGreen = packed.enumerated().map { i, color in ((color >> 8) & 0xFF) << 8 | UInt32(i) }.sorted()
    }

    public static func == (a: GIFPalette, b: GIFPalette) -> Bool {
        a.packed == b.packed && a.keyColorCount == b.keyColorCount
    }

    /// The palette for an animation: `keyColors` exactly (duplicates dropped; the first
    /// `maxColors` if there are more), the remaining entries chosen from the colours of
    /// `samples` (RGB8 images, 3 bytes a pixel; the first and the last frame hold every kind
    /// of colour a figure's frames show) that are not already a key colour.
    ///
    /// If those colours fit in the remaining entries they are all taken exactly; otherwise a
    /// median cut (Heckbert, "Color image quantization for frame buffer display", SIGGRAPH
    /// 1982) chooses them. Deterministic: the same input gives the same palette.
    public static func choose(keyColors: [(UInt8, UInt8, UInt8)], samples: [[UInt8]],
                              maxColors: Int = 255) -> GIFPalette {
        let limit = min(max(maxColors, 1), maximumColors)
        var entries: [UInt32] = []
        var seen: [UInt32: UInt8] = [:]
        for color in keyColors where entries.count < limit {
            let p = pack(color.0, color.1, color.2)
            if seen[p] == nil {
                seen[p] = UInt8(entries.count)
                entries.append(p)
            }
        }
        let keyCount = entries.count
        let free = limit - keyCount
        if free > 0 {
            let chosen = MedianCut.colors(samples: samples, excluding: seen, count: free)
            // A box's mean can land on a key colour or on another box's mean: keep each once.
            for p in chosen where seen[p] == nil {
                seen[p] = UInt8(entries.count)
                entries.append(p)
            }
        }
        // An animation with neither key colours nor samples still needs one entry.
        if entries.isEmpty { entries = [0] }
        return GIFPalette(packed: entries, keyColorCount: keyCount)
    }

    /// The entry nearest to (r, g, b); a key colour gets its own entry.
    ///
    /// Distance: squared RGB differences weighted 2 : 4 : 3 (red : green : blue), the usual
    /// cheap approximation of perceived colour difference (the eye is most sensitive to green,
    /// least to red and blue; e.g. the "weighted Euclidean" of Wikipedia's "Color difference").
    /// Ties go to the lower index, so the key colours win. A search sorted on green (see
    /// `nearest`); `Mapper` caches the answers for whole images.
    public func index(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let p = Self.pack(r, g, b)
        if let key = keyIndex[p] { return key }
        return nearest(p)
    }

    /// The nearest entry by a search sorted on green (the heaviest weight): from the entries
    /// whose green is closest, outward on both sides, each side ending once 4·Δg² alone
    /// exceeds the best distance found (the "sorted search" of Heckbert 1982, §4, on one
    /// axis). Exact, ties to the lower index as a linear search would; about 10–30 entries
    /// are looked at instead of 255.
    func nearest(_ p: UInt32) -> UInt8 {
        let r = Int32(p >> 16), g = Int32((p >> 8) & 0xFF), b = Int32(p & 0xFF)
        var best = Int32.max, bestIndex = Int32.max
        packed.withUnsafeBufferPointer { entries in
            byGreen.withUnsafeBufferPointer { order in
                // The first entry whose green is at least g.
                var low = 0, high = order.count
                while low < high {
                    let mid = (low + high) / 2
                    if Int32(order[mid] >> 8) < g { low = mid + 1 } else { high = mid }
                }
                func consider(_ k: Int) -> Bool {
                    let i = Int32(order[k] & 0xFF), eg = Int32(order[k] >> 8)
                    let dg = g - eg
                    // Strictly beyond: an entry as far in green alone could still tie.
                    if 4 * dg * dg > best { return false }
                    let e = entries[Int(i)]
                    let dr = r - Int32(e >> 16), db = b - Int32(e & 0xFF)
                    let d = 2 * dr * dr + 4 * dg * dg + 3 * db * db
                    if d < best || (d == best && i < bestIndex) {
                        best = d
                        bestIndex = i
                    }
                    return true
                }
                var up = low, down = low - 1
                var upOpen = up < order.count, downOpen = down >= 0
                while upOpen || downOpen {
                    if upOpen {
                        upOpen = consider(up)
                        up += 1
                        if up >= order.count { upOpen = false }
                    }
                    if downOpen {
                        downOpen = consider(down)
                        down -= 1
                        if down < 0 { downOpen = false }
                    }
                }
            }
        }
        return UInt8(bestIndex)
    }

    /// A whole RGB8 image (3 bytes a pixel) as palette indices, one byte a pixel.
    ///
    /// No dithering, on purpose: dither patterns differ from frame to frame wherever anything
    /// nearby changed, so static areas would shimmer, every frame's changed rectangle would
    /// grow, and the noise would defeat LZW. The figure's flat colours are exact entries anyway.
    public func indexed(rgb: [UInt8], width: Int, height: Int) -> [UInt8] {
        Mapper(self).indexed(rgb: rgb, width: width, height: height)
    }

    static func pack(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt32 {
        UInt32(r) << 16 | UInt32(g) << 8 | UInt32(b)
    }

    static func unpack(_ p: UInt32) -> (UInt8, UInt8, UInt8) {
        (UInt8(p >> 16), UInt8((p >> 8) & 0xFF), UInt8(p & 0xFF))
    }
}

extension GIFPalette {
    /// Maps images to a palette's indices quickly: a cache of the colours already seen, so the
    /// 255-entry search runs once per distinct colour, not once per pixel. Not thread-safe (the
    /// cache is mutable); make one per thread, e.g. one per GIF being written.
    public final class Mapper {
        public let palette: GIFPalette
        /// Direct-mapped: slot hash(colour) holds colour << 8 | index, or `empty`. Exact (a hit
        /// compares the whole 24-bit colour; a miss searches), and 256 KiB rather than the
        /// 32 MiB a table over every 24-bit colour would take. A figure's frames hold a few
        /// thousand distinct colours, far fewer than the 65 536 slots.
        private var cache: [UInt32]
        private static let slotBits: UInt32 = 16
        /// Index 255 is never an entry (at most 255 colours), so this is never a real answer.
        private static let empty: UInt32 = 0xFFFF_FFFF

        public init(_ palette: GIFPalette) {
            self.palette = palette
            cache = [UInt32](repeating: Self.empty, count: 1 << Self.slotBits)
        }

        /// The entry nearest to (r, g, b), as `GIFPalette.index`.
        public func index(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
            cache.withUnsafeMutableBufferPointer { lookup(GIFPalette.pack(r, g, b), $0) }
        }

        @inline(__always)
        private func lookup(_ p: UInt32, _ cache: UnsafeMutableBufferPointer<UInt32>) -> UInt8 {
            // Fibonacci hashing (Knuth, TAOCP 3, 6.4): the top bits of p × 2^32/φ.
            let slot = Int((p &* 0x9E37_79B1) >> (32 - Self.slotBits))
            let entry = cache[slot]
            if entry >> 8 == p && entry != Self.empty { return UInt8(entry & 0xFF) }
            let i = palette.index(UInt8(p >> 16), UInt8((p >> 8) & 0xFF), UInt8(p & 0xFF))
            cache[slot] = p << 8 | UInt32(i)
            return i
        }

        /// A whole RGB8 image as indices, as `GIFPalette.indexed`.
        public func indexed(rgb: [UInt8], width: Int, height: Int) -> [UInt8] {
            precondition(width >= 0 && height >= 0 && rgb.count == width * height * 3,
                         "\(rgb.count) bytes do not make a \(width)×\(height) RGB image")
            let count = width * height
            return [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
                rgb.withUnsafeBufferPointer { pixels in
                    cache.withUnsafeMutableBufferPointer { cache in
                        // Figures are mostly runs of one colour: reuse the last answer.
                        var last = UInt32.max, lastIndex: UInt8 = 0
                        for i in 0..<count {
                            let p = UInt32(pixels[3 * i]) << 16 | UInt32(pixels[3 * i + 1]) << 8 | UInt32(pixels[3 * i + 2])
                            if p != last {
                                last = p
                                lastIndex = lookup(p, cache)
                            }
                            out[i] = lastIndex
                        }
                    }
                }
                initialized = count
            }
        }
    }
}

/// Chooses up to `count` colours for the pixels of some images: exactly their colours when
/// there are few enough, else a median cut over a histogram of them.
enum MedianCut {
    /// Bits kept per channel in the histogram: 5, as in Leptonica's and MMCQ's median cut
    /// (32 768 bins; a count and three sums each, 1 MiB; 6 bits would take 8 MiB). The bins
    /// only decide where boxes are cut: a box's colour is the mean of the exact colours in it.
    static let bits = 5

    /// One occupied histogram bin: its coordinates (0..<32 per channel), how many pixels fell
    /// in it and the sums of their exact channel values.
    struct Bin {
        var coordinates: (Int, Int, Int)
        var count = 0
        var sums = (0, 0, 0)

        func coordinate(_ axis: Int) -> Int {
            axis == 0 ? coordinates.0 : axis == 1 ? coordinates.1 : coordinates.2
        }
    }

    /// A box of bins: `bins[range]`, their pixel count, and the axis it would be split along
    /// with that side's weighted squared length (0: a single bin, which cannot be split).
    struct Box {
        var range: Range<Int>
        var count: Int
        var axis: Int
        var extent: Int
    }

    /// The channel weights of `GIFPalette.index`'s distance, so boxes are cut across the
    /// direction in which their colours look most different.
    static let weights = (2, 4, 3)

    static func colors(samples: [[UInt8]], excluding keys: [UInt32: UInt8], count: Int) -> [UInt32] {
        guard count > 0 else { return [] }
        let side = 1 << bits, shift = 8 - bits
        // Per bin: pixel count and the sums of the exact red, green and blue values.
        var histogram = [Int](repeating: 0, count: 4 * side * side * side)
        // Each distinct exact colour once (2^24 bits, 2 MiB), to take them all exactly when
        // they fit.
        var distinct = [UInt64](repeating: 0, count: 1 << 18)
        var distinctCount = 0
        histogram.withUnsafeMutableBufferPointer { histogram in
            distinct.withUnsafeMutableBufferPointer { distinct in
                for sample in samples {
                    sample.withUnsafeBufferPointer { pixels in
                        var last = UInt32.max, lastIsKey = false
                        for i in 0..<(pixels.count / 3) {
                            let r = Int(pixels[3 * i]), g = Int(pixels[3 * i + 1]), b = Int(pixels[3 * i + 2])
                            let p = UInt32(r << 16 | g << 8 | b)
                            if p != last {
                                last = p
                                lastIsKey = keys[p] != nil
                            }
                            if lastIsKey { continue }
                            let word = Int(p >> 6), bit = UInt64(1) << UInt64(p & 63)
                            if distinct[word] & bit == 0 {
                                distinct[word] |= bit
                                distinctCount += 1
                            }
                            let slot = 4 * ((r >> shift) << (2 * bits) | (g >> shift) << bits | b >> shift)
                            histogram[slot] += 1
                            histogram[slot + 1] += r
                            histogram[slot + 2] += g
                            histogram[slot + 3] += b
                        }
                    }
                }
            }
        }
        if distinctCount <= count {
            // In ascending 0xRRGGBB order: deterministic.
            var exact: [UInt32] = []
            exact.reserveCapacity(distinctCount)
            for (w, word) in distinct.enumerated() where word != 0 {
                var bits = word
                while bits != 0 {
                    exact.append(UInt32(w << 6 | bits.trailingZeroBitCount))
                    bits &= bits - 1
                }
            }
            return exact
        }
        // Bins in slot order, so the cut never depends on anything but the pixels.
        var bins: [Bin] = []
        for slot in 0..<(side * side * side) where histogram[4 * slot] > 0 {
            bins.append(Bin(coordinates: (slot >> (2 * bits), (slot >> bits) & (side - 1), slot & (side - 1)),
                            count: histogram[4 * slot],
                            sums: (histogram[4 * slot + 1], histogram[4 * slot + 2], histogram[4 * slot + 3])))
        }
        var boxes = [box(bins.indices, in: bins)]
        while boxes.count < count {
            // Split the box with the most pixels × the longest weighted side: well-used colours
            // and widely spread ones both get entries. Ties go to the earlier box.
            var chosen = -1, priority = 0
            for (i, box) in boxes.enumerated() where box.extent > 0 && box.count * box.extent > priority {
                chosen = i
                priority = box.count * box.extent
            }
            if chosen < 0 { break }
            let split = boxes[chosen]
            let axis = split.axis
            // Heckbert: sort the box's colours along its longest side, cut at the median pixel.
            // Bins are unique by coordinates, so this order is total.
            bins[split.range].sort {
                let a = ($0.coordinate(axis), $0.coordinates.0, $0.coordinates.1, $0.coordinates.2)
                let b = ($1.coordinate(axis), $1.coordinates.0, $1.coordinates.1, $1.coordinates.2)
                return a < b
            }
            var cut = split.range.lowerBound, running = 0
            while cut < split.range.upperBound - 1 {
                running += bins[cut].count
                cut += 1
                if 2 * running >= split.count { break }
            }
            boxes[chosen] = box(split.range.lowerBound..<cut, in: bins)
            boxes.append(box(cut..<split.range.upperBound, in: bins))
        }
        // A box's colour: the count-weighted mean of the exact colours in it, rounded.
        return boxes.map { box in
            var n = 0, r = 0, g = 0, b = 0
            for bin in bins[box.range] {
                n += bin.count
                r += bin.sums.0
                g += bin.sums.1
                b += bin.sums.2
            }
            return UInt32((r + n / 2) / n) << 16 | UInt32((g + n / 2) / n) << 8 | UInt32((b + n / 2) / n)
        }
    }

    static func box(_ range: Range<Int>, in bins: [Bin]) -> Box {
        var low = (Int.max, Int.max, Int.max), high = (Int.min, Int.min, Int.min), count = 0
        for bin in bins[range] {
            let c = bin.coordinates
            low = (min(low.0, c.0), min(low.1, c.1), min(low.2, c.2))
            high = (max(high.0, c.0), max(high.1, c.1), max(high.2, c.2))
            count += bin.count
        }
        let sides = [weights.0 * (high.0 - low.0) * (high.0 - low.0),
                     weights.1 * (high.1 - low.1) * (high.1 - low.1),
                     weights.2 * (high.2 - low.2) * (high.2 - low.2)]
        // The first longest side on a tie: red, then green, then blue.
        let axis = sides.firstIndex(of: sides.max()!)!
        return Box(range: range, count: count, axis: axis, extent: sides[axis])
    }
}
