import Foundation
import LossmapCanvas
import LossmapCore
import LossmapScene

/// The arrows of `arrows = k`: every k-th step drawn as the arrow it is, from the point where
/// it was taken. Geometry as data, in weight space; `RunLayer` draws what this returns.
///
/// - Plain gradient descent: −η∇L(w_k), from the gradient recorded at w_k. It ends at w_{k+1}
///   (the path's own segment), so the arrow is what the step was made of.
/// - `momentum` and `nesterov`: two arrows tip to tail. The velocity kept, β(w_k − w_{k−1})
///   (both rules keep v_{k+1} = βv_k − ηg and step by v_{k+1}, so βv_k is β times the last
///   step), then the gradient's part, from there to w_{k+1}: −η∇L(w_k) for `momentum`, the
///   gradient at the point looked ahead to for `nesterov`. At step 0 there is no velocity yet.
/// - `adagrad`, `rmsprop`, `adam`: the step taken, w_k → w_{k+1}; their per-coordinate scaling
///   is not one multiple of the gradient.
enum StepArrows {
    enum Part: Equatable {
        /// The whole step (−η∇L for plain descent).
        case step
        /// The velocity kept from the last step.
        case velocity
        /// The gradient's part of a momentum step.
        case gradient
    }

    struct Arrow: Equatable {
        /// The step k it belongs to (taken at points[k]).
        var step: Int
        var part: Part
        var from: Weights
        var to: Weights
    }

    /// The arrows of `run`'s steps 0, every, 2·every, … that were taken.
    static func arrows(of run: SceneRun, every: Int) -> [Arrow] {
        let t = run.trajectory
        let taken = t.points.count - 1
        guard every > 0, taken > 0 else { return [] }
        let η = run.learningRate
        var arrows: [Arrow] = []
        for k in stride(from: 0, to: taken, by: every) {
            let w = t.points[k], next = t.points[k + 1]
            guard w.x.isFinite, w.y.isFinite, next.x.isFinite, next.y.isFinite else { break }
            switch run.spec.method {
            case .gradientDescent where run.spec.takesPlainGradientSteps:
                let g = k < t.gradients.count ? t.gradients[k] : (w - next) / η
                arrows.append(Arrow(step: k, part: .step, from: w, to: w - η * g))
            case .momentum(let beta), .nesterov(let beta):
                let kept = k == 0 ? Weights(0, 0) : beta * (w - t.points[k - 1])
                let turn = w + kept
                if k > 0 { arrows.append(Arrow(step: k, part: .velocity, from: w, to: turn)) }
                arrows.append(Arrow(step: k, part: .gradient, from: turn, to: next))
            default:
                // The adaptive methods, Newton's, and descent whose η varies or is noisy: the step taken.
                arrows.append(Arrow(step: k, part: .step, from: w, to: next))
            }
        }
        return arrows
    }
}

extension FigureStyle {
    /// A step's arrow in its run's colour over a halo; a velocity part dashed. A plain step's
    /// arrow lies on the path's own segment, so it shows as the path with a head at each step. Arrows shorter than a pixel are left out: nothing of them
    /// would show but the head. Cut to `box` as paths are (a diverged step can end 10³⁰
    /// pixels away); a head beyond it is not drawn.
    /// The arrow runs from the edge of one step's dot to the edge of the next, so the dots
    /// (and the run's colour at each point) stay in view under the arrows' halos.
    func drawStepArrow(from origin: CanvasPoint, to target: CanvasPoint, color: RGBA, dashed: Bool, within box: CanvasRect,
                       on canvas: Canvas) {
        let full = hypot(target.x - origin.x, target.y - origin.y)
        guard full >= 1, full.isFinite else { return }
        let inset = min(stepDotRadius, 0.3 * full) / full
        let dx = target.x - origin.x, dy = target.y - origin.y
        let start = CanvasPoint(origin.x + dx * inset, origin.y + dy * inset)
        let end = CanvasPoint(target.x - dx * inset, target.y - dy * inset)
        guard let (a, b) = clipSegment(start, end, to: box) else { return }
        let length = hypot(b.x - a.x, b.y - a.y)
        guard length > 0, length.isFinite else { return }
        let headDrawn = box.contains(end)
        let head = headDrawn ? min(11 * unit, 0.45 * length) : 0
        let direction = CanvasPoint(b.x - a.x, b.y - a.y)
        // The shaft stops where the head begins, so a dash never shows through the head's tip.
        let base = CanvasPoint(b.x - direction.x / length * head * 0.8, b.y - direction.y / length * head * 0.8)
        var shaft = CanvasPath()
        shaft.move(to: a)
        shaft.line(to: base)
        let arrowhead = headDrawn ? Markers.arrowhead(tip: b, direction: direction, length: head) : CanvasPath()
        canvas.setColor(halo)
        canvas.setLineWidth(4.5 * unit)
        canvas.stroke(shaft)
        if headDrawn {
            canvas.setLineWidth(2 * unit)
            canvas.stroke(arrowhead)
        }
        canvas.setColor(color)
        canvas.setLineWidth(2 * unit)
        if dashed { canvas.setDash([5 * unit, 4 * unit], phase: 0) }
        canvas.stroke(shaft)
        if dashed { canvas.setDash([], phase: 0) }
        if headDrawn { canvas.fill(arrowhead, rule: .nonZero) }
    }
}
