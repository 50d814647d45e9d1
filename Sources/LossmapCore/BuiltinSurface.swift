/// The surfaces lossmap knows by name, with the ranges and start points that show them best.
public enum BuiltinSurface: String, Sendable, CaseIterable {
    case quadratic
    case rosenbrock
    case himmelblau
    case beale
    case booth
    case saddle
    case rastrigin
    case sixHumpCamel = "six-hump-camel"

    /// The surface itself. `condition` is used by `quadratic` only.
    public func surface(condition: Double = 10) -> any LossSurface {
        switch self {
        case .quadratic: return Quadratic(condition: condition)
        case .rosenbrock: return Rosenbrock()
        case .himmelblau: return Himmelblau()
        case .beale: return Beale()
        case .booth: return Booth()
        case .saddle: return Saddle()
        case .rastrigin: return Rastrigin()
        case .sixHumpCamel: return SixHumpCamel()
        }
    }

    /// A one-line description for `--help` and the README.
    public var summary: String {
        switch self {
        case .quadratic: return "½(w1² + κ·w2²), a bowl whose curvatures differ by `condition` κ"
        case .rosenbrock: return "(1 − w1)² + 100(w2 − w1²)², a curved valley, minimum at (1, 1)"
        case .himmelblau: return "(w1² + w2 − 11)² + (w1 + w2² − 7)², four minima"
        case .beale: return "Beale's plateaus and ridges, minimum at (3, 0.5)"
        case .booth: return "(w1 + 2w2 − 7)² + (2w1 + w2 − 5)², a tilted bowl, minimum at (1, 3)"
        case .saddle: return "w1² − w2², a saddle with no minimum"
        case .rastrigin: return "a bowl covered in local minima, global minimum at (0, 0)"
        case .sixHumpCamel: return "six local minima, two global ones near (±0.09, ∓0.71)"
        }
    }

    /// Plotting defaults: the usual display window of each test function.
    public var defaults: SurfaceDefaults {
        switch self {
        case .quadratic:
            return SurfaceDefaults(w1: -2...2, w2: -2...2, start: Weights(-1.8, 1.5), logarithmicLevels: false)
        case .rosenbrock:
            return SurfaceDefaults(w1: -2...2, w2: -1...3, start: Weights(-1.5, 2), logarithmicLevels: true)
        case .himmelblau:
            return SurfaceDefaults(w1: -5...5, w2: -5...5, start: Weights(0, 0), logarithmicLevels: true)
        case .beale:
            return SurfaceDefaults(w1: -4.5...4.5, w2: -4.5...4.5, start: Weights(1, 1.5), logarithmicLevels: true)
        case .booth:
            return SurfaceDefaults(w1: -10...10, w2: -10...10, start: Weights(-8, -8), logarithmicLevels: true)
        case .saddle:
            return SurfaceDefaults(w1: -2...2, w2: -2...2, start: Weights(-1.5, 0.05), logarithmicLevels: false)
        case .rastrigin:
            return SurfaceDefaults(w1: -5.12...5.12, w2: -5.12...5.12, start: Weights(-3.3, 2.7), logarithmicLevels: false)
        case .sixHumpCamel:
            return SurfaceDefaults(w1: -3...3, w2: -2...2, start: Weights(-1.5, 1.5), logarithmicLevels: false)
        }
    }
}
