import Foundation
import LossmapCore
import LossmapScene
import LossmapSpec
import Testing

/// `eigen = true` computed: on f = a·u² + b·v² (u, v the axes turned by θ) the Hessian at the
/// minimum has eigenvalues 2a and 2b along the turned axes, the isoline L = c is the ellipse
/// with semi-axes √(2(c − L*)/λᵢ), and each run's factor per step along direction i is
/// |1 − ηλᵢ| for gradient descent, heavy ball's spectral radius for momentum, none for Adam.
@Suite("Eigen-directions")
struct EigenDirectionsTests {
    static let window = (w1: -2.0...2.0, w2: -1.5...1.5)

    /// a·u² + b·v² with u = cos θ·w1 + sin θ·w2 and v = −sin θ·w1 + cos θ·w2, as a formula.
    func rotated(a: Double, b: Double, θ: Double) throws -> FormulaSurface {
        let c = cos(θ), s = sin(θ)
        return try FormulaSurface(expression: "\(a)*(\(c)*w1 + \(s)*w2)^2 + \(b)*(\(-s)*w1 + \(c)*w2)^2 + 3")
    }

    func scene(_ surface: any LossSurface, runs: [RunSpec], eigen: Bool = true) throws -> Scene {
        var surfaceSpec = SurfaceSpec(surface: surface, name: "bowl", w1: Self.window.w1, w2: Self.window.w2, resolution: 24)
        surfaceSpec.eigen = eigen
        return try Scene(FigureSpec(title: "", width: 800, height: 500, surface: surfaceSpec, runs: runs))
    }

    func run(_ η: Double, _ method: Method = .gradientDescent) -> RunSpec {
        RunSpec(method: method, learningRate: .absolute(η), start: Weights(-1.5, 1.0), stopping: Stopping(maxSteps: 20))
    }

    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(a), abs(b))
    }

    /// A factor that must be there and be close to `b`.
    func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        a.map { close($0, b, tolerance) } ?? false
    }

    /// Heavy ball along an eigenvalue λ, by hand: the larger root modulus of z² − (1 + β − ηλ)z + β.
    func heavyBall(_ η: Double, _ β: Double, _ λ: Double) -> Double {
        let t = 1 + β - η * λ
        let Δ = t * t - 4 * β
        if Δ < 0 { return β.squareRoot() }
        return max(abs((t + Δ.squareRoot()) / 2), abs((t - Δ.squareRoot()) / 2))
    }

    @Test("on an axis-aligned bowl w1² + 10·w2² the eigenvalues are 2 and 20 along w1 and w2")
    func axisAligned() throws {
        let scene = try scene(Quadratic(curvatures: (2, 20)), runs: [run(0.05)])
        let eigen = try #require(scene.eigen)
        #expect(eigen.point == Weights(0, 0))
        #expect(eigen.eigenvalues.smaller == 2 && eigen.eigenvalues.larger == 20)
        #expect(eigen.vectors.smaller == Weights(1, 0) && eigen.vectors.larger == Weights(0, 1))
    }

    @Test("on a bowl turned by 30° the eigenvectors turn with it, and the eigenvalues are 2a and 2b")
    func turned() throws {
        let θ = Double.pi / 6
        let scene = try scene(try rotated(a: 1.5, b: 12, θ: θ), runs: [run(0.02)])
        let eigen = try #require(scene.eigen)
        #expect(abs(eigen.point.x) < 1e-7 && abs(eigen.point.y) < 1e-7, "\(eigen.point)")
        #expect(close(eigen.eigenvalues.smaller, 3) && close(eigen.eigenvalues.larger, 24))
        // Shallow along u = (cos θ, sin θ); steep along v = (−sin θ, cos θ), turned to point right.
        let shallow = Weights(cos(θ), sin(θ)), steep = Weights(sin(θ), -cos(θ))
        #expect((eigen.vectors.smaller - shallow).length < 1e-9, "\(eigen.vectors.smaller)")
        #expect((eigen.vectors.larger - steep).length < 1e-9, "\(eigen.vectors.larger)")
    }

    @Test("the axes end on the chosen isoline: f(w* ± sᵢvᵢ) = c, with sᵢ = √(2(c − L*)/λᵢ)")
    func semiAxesOnTheLevel() throws {
        for surface in [Quadratic(curvatures: (2, 20)) as any LossSurface, try rotated(a: 1.5, b: 12, θ: .pi / 6)] {
            let scene = try scene(surface, runs: [run(0.02)])
            let eigen = try #require(scene.eigen)
            let bottom = surface.value(at: eigen.point)
            #expect(eigen.level > bottom)
            #expect(close(eigen.semiAxes.smaller, (2 * (eigen.level - bottom) / eigen.eigenvalues.smaller).squareRoot()))
            #expect(close(eigen.semiAxes.larger, (2 * (eigen.level - bottom) / eigen.eigenvalues.larger).squareRoot()))
            // The shallow axis is the long one, by √(λ₂/λ₁).
            #expect(close(eigen.semiAxes.smaller / eigen.semiAxes.larger, (eigen.eigenvalues.larger / eigen.eigenvalues.smaller).squareRoot()))
            // Each axis ends on the isoline the ellipse is (the surface is exactly quadratic).
            for (v, s) in [(eigen.vectors.smaller, eigen.semiAxes.smaller), (eigen.vectors.larger, eigen.semiAxes.larger)] {
                #expect(close(surface.value(at: eigen.point + s * v), eigen.level, 1e-9))
                #expect(close(surface.value(at: eigen.point - s * v), eigen.level, 1e-9))
            }
        }
    }

    @Test("the level is the map's own contour level whose long axis is nearest a third of the window's shorter side")
    func levelChoice() throws {
        let surface = Quadratic(curvatures: (2, 20))
        let scene = try scene(surface, runs: [run(0.02)])
        let eigen = try #require(scene.eigen)
        #expect(scene.levels.contains(eigen.level))
        // The window is 4 × 3: a third of the shorter side is 1; the long axis is √(2c/2) = √c.
        func miss(_ c: Double) -> Double { abs(log(c.squareRoot() / 1.0)) }
        for c in scene.levels where c > 0 && c.squareRoot() < 6 {
            #expect(miss(eigen.level) <= miss(c) + 1e-12, "level \(eigen.level) chosen over \(c)")
        }
    }

    @Test("each run's factor per direction: |1 − ηλ| for gd, heavy ball's spectral radius for momentum, none for Adam")
    func factors() throws {
        let scene = try scene(Quadratic(curvatures: (2, 20)), runs: [
            run(0.06), run(0.12), run(0.05, .momentum(beta: 0.1)), run(0.05, .momentum(beta: 0.9)),
            run(0.05, .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)),
        ])
        let factors = try #require(scene.eigen).factors
        #expect(factors.count == 5)
        // gd, η = 0.06: |1 − 0.12| = 0.88 along λ = 2, |1 − 1.2| = 0.2 along λ = 20.
        #expect(close(factors[0].smaller, 0.88, 1e-14) && close(factors[0].larger, 0.2, 1e-14))
        // gd, η = 0.12 > η_crit = 0.1: |1 − 2.4| = 1.4 along the steep direction: it diverges there.
        #expect(close(factors[1].smaller, 0.76, 1e-14) && close(factors[1].larger, 1.4, 1e-14))
        // Heavy ball, β = 0.1, η = 0.05: along λ = 2, t = 1, Δ = 0.6, real roots: (1 + √0.6)/2;
        // along λ = 20, t = 0.1, Δ < 0: complex roots of modulus √β.
        #expect(close(factors[2].smaller, (1 + 0.6.squareRoot()) / 2, 1e-12))
        #expect(close(factors[2].larger, 0.1.squareRoot(), 1e-12))
        #expect(close(factors[3].smaller, heavyBall(0.05, 0.9, 2), 1e-12))
        #expect(close(factors[3].larger, heavyBall(0.05, 0.9, 20), 1e-12))
        #expect(factors[4].smaller == nil && factors[4].larger == nil)
    }

    @Test("no eigen-directions unless asked for, on a sweep, or without a minimum")
    func absent() throws {
        #expect(try scene(Quadratic(curvatures: (2, 20)), runs: [run(0.05)], eigen: false).eigen == nil)
        // A saddle is no minimum: there is no ellipse (its isolines are hyperbolas) and the docs
        // promise the axes only at a minimum. The curvature analysis reports the saddle point
        // (plain Newton's stationary point), and EigenDirections only checks λmax > 0.
        let saddle = try scene(Saddle(), runs: [run(0.05)])
        #expect(saddle.stability == nil || saddle.stability?.curvature == .saddle)
        #expect(saddle.eigen == nil, "eigenvalues \(saddle.eigen.map { "\($0.eigenvalues)" } ?? "none")")
        var surfaceSpec = SurfaceSpec(surface: Quadratic(curvatures: (2, 20)), name: "bowl", w1: -2...2, w2: -1.5...1.5, resolution: 24)
        surfaceSpec.eigen = true
        var spec = FigureSpec(title: "", width: 800, height: 500, surface: surfaceSpec, runs: [run(0.05)])
        spec.kind = .sweep(from: .absolute(0.01), to: .absolute(0.2), count: 5)
        #expect(try Scene(spec).eigen == nil)
    }
}
