import LossmapBackend
import LossmapRender
import LossmapScene

/// The frames of an animated figure as pixels, each drawn on the figure's background made
/// once: bands, isolines, axes, colorbar, the loss panel's axes and the page text are drawn
/// a single time, and every frame starts from a copy of those pixels and draws only what
/// moves (paths, walkers, badges, legend, loss curves, counter).
public final class FrameRasterizer {
    let figure: Scene
    private var renderer: FigureRenderer
    private let canvas: CairoCanvas
    private let background: CairoCanvas.Snapshot

    public init(_ figure: Scene) throws {
        self.figure = figure
        renderer = FigureRenderer(figure)
        let spec = figure.spec
        canvas = try CairoCanvas(width: spec.width, height: spec.height, scale: spec.scale, background: spec.theme.background)
        // Laid out once: every frame has the finished figure's layout.
        renderer.fixedLayout = renderer.layout(on: canvas)
        renderer.drawFrame(step: 0, layers: .background, on: canvas)
        background = try canvas.snapshot()
    }

    /// The frame at `step` as 8-bit RGB rows.
    public func frame(step: Int) throws -> (width: Int, height: Int, rgb: [UInt8]) {
        try canvas.restore(background)
        renderer.drawFrame(step: step, layers: .foreground, on: canvas)
        return try canvas.rgbPixels()
    }
}
