import Dispatch
import LossmapBackend
import LossmapSpec
import LossmapThreads

/// A still figure's raster canvas, made on another thread while the scene is computed.
///
/// Making it allocates and paints the whole surface (6.4 MB at 1600×1000: 2–3 ms, most of it
/// the first touch of fresh pages), which depends on nothing but the figure's size, scale and
/// background; the scene (reading the config, sampling, contouring, descending) takes longer
/// and leaves a core free much of the time.
public final class PendingCanvas: @unchecked Sendable {
    private let ready = DispatchSemaphore(value: 0)
    private var made: Result<CairoCanvas, any Error>?

    /// Starts making the canvas: on another thread when the figure may use more than one.
    public init(for spec: FigureSpec) {
        let make: @Sendable () -> Void = { [self] in
            made = Result { try CairoCanvas(width: spec.width, height: spec.height, scale: spec.scale, background: spec.canvasColor) }
            PhaseTrace.mark("canvas made")
            ready.signal()
        }
        if Parallelism.threads > 1 { DispatchQueue.global().async(execute: make) } else { make() }
    }

    /// The canvas, once made (waiting for it if need be); the error if it could not be.
    func take() throws -> CairoCanvas {
        ready.wait()
        return try made!.get()
    }
}
