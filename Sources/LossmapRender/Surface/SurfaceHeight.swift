import Foundation
import LossmapContour
import LossmapScene
import LossmapSpec

/// The height of the mountain: the loss, or its logarithm. A log height is taken of the loss
/// shifted above the lowest on the mesh, log10(loss − lowest + offset), offset a thousandth of
/// the span, so a surface whose minimum is 0 (or negative) still has a finite floor; the same
/// shift the log levels use, so bands and heights agree.
struct SurfaceHeight: Sendable {
    let scale: CameraSpec.HeightScale
    /// The lowest and highest finite loss on the mesh (the cut's height, if lower, on top).
    let lowest: Double
    let highest: Double
    let offset: Double

    init(_ figure: Scene) {
        let spec = figure.spec
        scale = spec.camera.heightScale ?? (spec.surface.levelScale == .log ? .log : .linear)
        let range = figure.mesh?.finiteRange ?? figure.lossRange ?? 0...1
        lowest = range.lowerBound
        highest = min(range.upperBound, spec.camera.cut ?? .infinity)
        let span = max(highest - lowest, abs(lowest) * 1e-9, 1e-300)
        offset = span * 1e-3
    }

    /// The height a loss is drawn at.
    func z(_ loss: Double) -> Double {
        switch scale {
        case .linear: return loss
        case .log: return log10(max(loss - lowest, 0) + offset)
        }
    }

    /// The loss drawn at height `z`.
    func loss(atHeight z: Double) -> Double {
        switch scale {
        case .linear: return z
        case .log: return pow(10, z) - offset + lowest
        }
    }

    /// The heights of the box: from the floor to the top (the cut, when lower than the top).
    var range: ClosedRange<Double> {
        let lo = z(lowest), hi = z(highest)
        return hi > lo ? lo...hi : lo...(lo + 1)
    }

    /// Losses to label the height axis with, about `count`: nice values in the loss.
    func ticks(count: Int) -> [Double] {
        switch scale {
        case .linear:
            return NiceTicks.linear(lowest...max(highest, lowest + 1e-12), targetCount: count)
        case .log:
            // Powers of ten of the loss itself (not of the shifted loss), where they lie above
            // the floor: the labels read as losses.
            let lo = max(lowest + offset, highest * 1e-12, Double.leastNormalMagnitude)
            guard highest > lo else { return [highest] }
            return NiceTicks.log(lo...highest, targetCount: count).filter { $0 >= lowest && $0 <= highest }
        }
    }
}
