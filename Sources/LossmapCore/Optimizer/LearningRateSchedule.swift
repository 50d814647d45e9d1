import Foundation

/// How the learning rate changes from step to step: η_t for the step from w_{t−1} to w_t
/// (t from 1), from the run's base rate η.
///
/// The forms are the usual ones of PyTorch's `torch.optim.lr_scheduler` and Keras's
/// `optimizers.schedules`, counted in steps:
/// - constant: η_t = η;
/// - step: η_t = η · γ^⌊(t − 1)/k⌋, multiplied by γ every k steps (PyTorch `StepLR`);
/// - exponential: η_t = η · γ^(t − 1) (PyTorch `ExponentialLR`);
/// - inverse time: η_t = η / (1 + d·(t − 1)) (Keras `InverseTimeDecay`, staircase off);
/// - cosine: η_t = η_min + (η − η_min)·(1 + cos(π·(t − 1)/T))/2 over T steps, η_min after
///   (PyTorch `CosineAnnealingLR` without restarts);
/// - pieces: η_t = the rate of the last piece starting at or before step t.
/// An optional linear warm-up multiplies the first `warmup` steps by t/warmup (Goyal et al.,
/// "Accurate, Large Minibatch SGD", 2017), after which the schedule runs from its own step 1.
public struct LearningRateSchedule: Sendable, Equatable {
    public enum Form: Sendable, Equatable {
        case constant
        case step(every: Int, factor: Double)
        case exponential(factor: Double)
        case inverseTime(decay: Double)
        case cosine(steps: Int, finalRate: Double)
        /// (first step, η) pieces, sorted by step, the first at step 1; the base rate is not used.
        case pieces([(step: Int, rate: Double)])

        public static func == (a: Form, b: Form) -> Bool {
            switch (a, b) {
            case (.constant, .constant): return true
            case let (.step(k1, f1), .step(k2, f2)): return k1 == k2 && f1 == f2
            case let (.exponential(f1), .exponential(f2)): return f1 == f2
            case let (.inverseTime(d1), .inverseTime(d2)): return d1 == d2
            case let (.cosine(s1, e1), .cosine(s2, e2)): return s1 == s2 && e1 == e2
            case let (.pieces(p1), .pieces(p2)):
                return p1.count == p2.count && zip(p1, p2).allSatisfy { $0.step == $1.step && $0.rate == $1.rate }
            default: return false
            }
        }
    }

    public var form: Form
    /// Steps of linear warm-up before the schedule proper (0: none).
    public var warmup: Int

    public init(_ form: Form = .constant, warmup: Int = 0) {
        self.form = form
        self.warmup = warmup
    }

    public static let constant = LearningRateSchedule()

    /// The schedule with its own rates (cosine's end, the listed pieces) multiplied by
    /// `factor`: written as multiples of η_crit, they become absolute with the run's η_crit.
    public func scaled(by factor: Double) -> LearningRateSchedule {
        var copy = self
        switch form {
        case .cosine(let steps, let finalRate): copy.form = .cosine(steps: steps, finalRate: finalRate * factor)
        case .pieces(let pieces): copy.form = .pieces(pieces.map { ($0.step, $0.rate * factor) })
        default: break
        }
        return copy
    }

    /// A cosine schedule whose last step, the n-th of the run, takes its end rate: T = n − 1
    /// less the warm-up (the schedule proper starts after it). Other forms are unchanged.
    public func fitted(toSteps n: Int) -> LearningRateSchedule {
        guard case .cosine(_, let finalRate) = form else { return self }
        var copy = self
        copy.form = .cosine(steps: max(n - 1 - warmup, 1), finalRate: finalRate)
        return copy
    }

    /// True for a rate that never changes.
    public var isConstant: Bool { form == .constant && warmup == 0 }

    /// η_t for step `t` (from 1) with base rate `η`.
    public func rate(at t: Int, base η: Double) -> Double {
        if warmup > 0, t <= warmup { return scheduled(1, base: η) * Double(t) / Double(warmup) }
        return scheduled(t - warmup, base: η)
    }

    /// The schedule proper at its own step `s` (from 1).
    private func scheduled(_ s: Int, base η: Double) -> Double {
        let k = Double(s - 1)
        switch form {
        case .constant: return η
        case .step(let every, let factor): return η * pow(factor, Double((s - 1) / every))
        case .exponential(let factor): return η * pow(factor, k)
        case .inverseTime(let decay): return η / (1 + decay * k)
        case .cosine(let steps, let finalRate):
            guard s <= steps else { return finalRate }
            return finalRate + (η - finalRate) * (1 + cos(Double.pi * k / Double(steps))) / 2
        case .pieces(let pieces):
            return pieces.last { $0.step <= s }?.rate ?? pieces.first?.rate ?? η
        }
    }

    /// The schedule's name as labels write it: "cosine", "step ×0.5 every 20" …; empty for constant.
    public var name: String {
        var text: String
        switch form {
        case .constant: text = ""
        case .step(let every, let factor): text = "×\(NumberFormatting.compact(factor)) every \(every) steps"
        case .exponential(let factor): text = "×\(NumberFormatting.compact(factor)) a step"
        case .inverseTime: text = "inverse time"
        case .cosine: text = "cosine"
        case .pieces(let pieces): text = "\(pieces.count) pieces"
        }
        if warmup > 0 { text += (text.isEmpty ? "" : ", ") + "\(warmup) warm-up steps" }
        return text
    }
}
