import CGIF

/// A GIF read back as a viewer shows it: the frames' stored rectangles and timing, and the
/// whole canvas after each frame.
public struct DecodedGIF {
    /// One frame as stored, and the canvas after it was drawn.
    public struct Frame {
        /// The stored rectangle, in canvas pixels.
        public var x: Int, y: Int, width: Int, height: Int
        /// The graphic control extension's delay, 0 when the frame has none.
        public var delayCentiseconds: Int
        /// The disposal method (0 unspecified, 1 keep, 2 background, 3 previous).
        public var disposal: Int
        /// The index drawn as "leave the canvas as it is", if any.
        public var transparentIndex: Int?
        /// The whole canvas after this frame, 3 bytes a pixel.
        public var composited: [UInt8]
    }

    /// The logical screen's size.
    public var width: Int, height: Int
    /// The NETSCAPE2.0 loop count (0: forever); nil when the file has no such block.
    public var loopCount: Int?
    /// The global colour table, 3 bytes an entry (empty if there is none).
    public var globalColors: [UInt8]
    public var frames: [Frame]
}

/// Reads a GIF with giflib's decoder (DGifSlurp: the LZW decoding is giflib's) and composites
/// the frames itself, by the GIF89a rules, so a writer's mistake in rectangles, transparency
/// or disposal shows in the pixels.
public enum GIFReader {
    public struct ReadError: Error, CustomStringConvertible {
        public let description: String
    }

    public static func read(_ path: String) throws -> DecodedGIF {
        var error: Int32 = 0
        guard let gif = DGifOpenFileName(path, &error) else {
            throw ReadError(description: "cannot read \(path): \(message(error))")
        }
        defer { DGifCloseFile(gif, &error) }
        guard DGifSlurp(gif) == GIF_OK else {
            throw ReadError(description: "cannot read \(path): \(message(gif.pointee.Error))")
        }
        let screen = gif.pointee
        let width = Int(screen.SWidth), height = Int(screen.SHeight)
        let global = colors(screen.SColorMap)
        var loopCount: Int?
        var canvas = [UInt8](repeating: 0, count: width * height * 3)
        // The background colour, where the global table has it (browsers show transparency).
        let background = Int(screen.SBackGroundColor)
        if 3 * background + 2 < global.count {
            for i in 0..<(width * height) {
                canvas[3 * i] = global[3 * background]
                canvas[3 * i + 1] = global[3 * background + 1]
                canvas[3 * i + 2] = global[3 * background + 2]
            }
        }
        let backgroundCanvas = canvas
        var frames: [DecodedGIF.Frame] = []
        // What the previous frame's disposal asks for before the next frame is drawn.
        var pendingDisposal: (mode: Int, rect: (Int, Int, Int, Int), saved: [UInt8])?
        for index in 0..<Int(screen.ImageCount) {
            let image = screen.SavedImages[index]
            let blocks = (0..<Int(image.ExtensionBlockCount)).map { image.ExtensionBlocks[$0] }
            if let loops = netscapeLoopCount(blocks) { loopCount = loops }
            var control = GraphicsControlBlock(DisposalMode: 0, UserInputFlag: false, DelayTime: 0,
                                               TransparentColor: NO_TRANSPARENT_COLOR)
            _ = DGifSavedExtensionToGCB(gif, Int32(index), &control)
            let desc = image.ImageDesc
            let rect = (Int(desc.Left), Int(desc.Top), Int(desc.Width), Int(desc.Height))
            if let pending = pendingDisposal {
                switch pending.mode {
                case 2: copy(from: backgroundCanvas, to: &canvas, rect: pending.rect, width: width, height: height)
                case 3: canvas = pending.saved
                default: break
                }
            }
            let before = canvas
            let table = desc.ColorMap != nil ? colors(desc.ColorMap) : global
            let transparent = control.TransparentColor == NO_TRANSPARENT_COLOR ? nil : Int(control.TransparentColor)
            for row in 0..<rect.3 {
                for column in 0..<rect.2 {
                    let x = rect.0 + column, y = rect.1 + row
                    guard x < width, y < height else { continue }
                    let value = Int(image.RasterBits[row * rect.2 + column])
                    if value == transparent { continue }
                    guard 3 * value + 2 < table.count else {
                        throw ReadError(description: "\(path): frame \(index) uses index \(value) outside its colour table")
                    }
                    let o = 3 * (y * width + x)
                    canvas[o] = table[3 * value]
                    canvas[o + 1] = table[3 * value + 1]
                    canvas[o + 2] = table[3 * value + 2]
                }
            }
            frames.append(DecodedGIF.Frame(x: rect.0, y: rect.1, width: rect.2, height: rect.3,
                                           delayCentiseconds: Int(control.DelayTime),
                                           disposal: Int(control.DisposalMode),
                                           transparentIndex: transparent, composited: canvas))
            pendingDisposal = (Int(control.DisposalMode), rect, before)
        }
        // Blocks after the last image (giflib keeps them on the file).
        let trailing = (0..<Int(screen.ExtensionBlockCount)).map { screen.ExtensionBlocks[$0] }
        if let loops = netscapeLoopCount(trailing) { loopCount = loops }
        return DecodedGIF(width: width, height: height, loopCount: loopCount, globalColors: global, frames: frames)
    }

    static func message(_ code: Int32) -> String {
        GifErrorString(code).map { String(cString: $0) } ?? "giflib error \(code)"
    }

    static func colors(_ map: UnsafeMutablePointer<ColorMapObject>?) -> [UInt8] {
        guard let map else { return [] }
        return (0..<Int(map.pointee.ColorCount)).flatMap { i -> [UInt8] in
            let c = map.pointee.Colors[i]
            return [c.Red, c.Green, c.Blue]
        }
    }

    /// The loop count of a NETSCAPE2.0 application block: giflib keeps it as an application
    /// block holding "NETSCAPE2.0" followed by a continuation block [1, low, high].
    static func netscapeLoopCount(_ blocks: [ExtensionBlock]) -> Int? {
        for (i, block) in blocks.enumerated() where block.Function == APPLICATION_EXT_FUNC_CODE && i + 1 < blocks.count {
            let name = (0..<Int(block.ByteCount)).map { block.Bytes[$0] }
            let data = blocks[i + 1]
            guard name == Array("NETSCAPE2.0".utf8), data.Function == CONTINUE_EXT_FUNC_CODE,
                  data.ByteCount == 3, data.Bytes[0] == 1 else { continue }
            return Int(data.Bytes[1]) | Int(data.Bytes[2]) << 8
        }
        return nil
    }

    static func copy(from source: [UInt8], to canvas: inout [UInt8], rect: (Int, Int, Int, Int), width: Int, height: Int) {
        for y in rect.1..<min(rect.1 + rect.3, height) {
            for x in rect.0..<min(rect.0 + rect.2, width) {
                let o = 3 * (y * width + x)
                canvas[o..<(o + 3)] = source[o..<(o + 3)]
            }
        }
    }
}
