/// An imported loss grid as a surface the walker can descend: piecewise bicubic Hermite
/// interpolation of the samples, C¹ everywhere (value and gradient continuous across cell edges),
/// with an exact gradient and Hessian inside every cell.
///
/// Each cell [w1ⱼ, w1ⱼ₊₁] × [w2ᵢ, w2ᵢ₊₁] is the bicubic patch Σ aₖₗ tᵏ uˡ (k, l ≤ 3) in the cell's
/// own coordinates t = (w1 − w1ⱼ)/Δw1, u = (w2 − w2ᵢ)/Δw2 that matches, at its four corners, the
/// value, ∂/∂w1, ∂/∂w2 and ∂²/∂w1∂w2 (the 16-coefficient form of Wikipedia's "Bicubic
/// interpolation" and *Numerical Recipes*, 3rd ed., §3.6.1 `bcucof`, with each derivative scaled
/// by the cell's own widths, Δw1, Δw2 and Δw1·Δw2, so that cells may differ in size). The
/// coefficient matrix is a = A·F·Aᵀ, with F the corner data and A the cubic Hermite matrix; this
/// file evaluates the same polynomial as φ(t)ᵀ·F·ψ(u), where φ = Aᵀ(1, t, t², t³) are the four
/// cubic Hermite basis functions, without forming a.
///
/// The corner derivatives are not in the file; they are taken from the samples, once, in `init`.
/// A node's slope along an axis is the derivative there of the Lagrange polynomial through the 5
/// nearest nodes on that axis (the window clamped at the edges; through 4 when the axis has only
/// 4), which is exact for cubics on any spacing; the cross slope is the same rule along w2
/// applied to the w1-slopes. So every polynomial of degree ≤ 3 in each variable is reproduced
/// exactly, with its gradient and Hessian, on uniform and non-uniform grids alike (the corner
/// data are then the polynomial's own, and the bicubic Hermite patch reproduces any bicubic
/// from its own corner data).
///
/// Unknown samples (NaN): a cell with an unknown corner is unknown (value, gradient and Hessian
/// NaN). A slope whose stencil would read an unknown node uses instead the widest run of known
/// nodes around it (down to 2 nodes; a node with no known neighbour on that axis gets slope 0),
/// so an unknown sample hides only the cells that touch it. A point on the edge between an
/// unknown cell and a known one takes the known cell's value. Outside the grid's window every
/// answer is NaN: the walker has left the known surface.
public struct BicubicSurface: LossSurface {
    /// The samples being interpolated.
    public let grid: LossGrid
    /// Per node, row-major as `grid.values`: (value, ∂/∂w1, ∂/∂w2, ∂²/∂w1∂w2); all four NaN at
    /// an unknown node, which is what makes every cell touching it unknown.
    let nodes: [SIMD4<Double>]
    /// The lowest point of the interpolated surface when it lies strictly inside the window
    /// (gradient zero, Hessian positive definite there); empty when the loss is still falling at
    /// the edge of the grid.
    public private(set) var minima: [Weights] = []

    /// The interpolant of `grid`: node slopes and the minimum are computed here, once.
    public init(grid: LossGrid) {
        self.grid = grid
        nodes = Self.nodeData(of: grid)
        if let minimum = Self.interiorMinimum(of: self) { minima = [minimum] }
    }

    public func value(at w: Weights) -> Double {
        guard let (patch, t, u) = locate(w) else { return .nan }
        return (Self.basis(t) * patch.along(Self.basis(u))).sum()
    }

    public func gradient(at w: Weights) -> Weights {
        guard let (patch, t, u) = locate(w) else { return Weights(.nan, .nan) }
        let v = patch.along(Self.basis(u)), vu = patch.along(Self.basisSlope(u))
        return Weights((Self.basisSlope(t) * v).sum() / patch.h1, (Self.basis(t) * vu).sum() / patch.h2)
    }

    /// The interpolant's own second derivatives (constant in neither direction, and jumping across
    /// cell edges, where the surface is only C¹: a point on an edge takes the upper/right cell's).
    ///
    /// Where the interpolant is undefined (outside the window, in an unknown cell) this is a
    /// Hessian of NaNs, not nil: nil tells callers "no exact form, estimate it by central
    /// differences of the gradient" (`MinimumSearch.hessian`, `StabilityReport`), and such an
    /// estimate at a point inside an unknown cell but within a step of a known one would invent a
    /// finite curvature there and label it "central differences". Every caller already rejects
    /// a non-finite Hessian (`Hessian.isFinite`): the stability report declines, Newton falls
    /// back to the gradient.
    public func hessian(at w: Weights) -> Hessian? {
        guard let (patch, t, u) = locate(w) else { return Hessian(h11: .nan, h12: .nan, h22: .nan) }
        let v = patch.along(Self.basis(u))
        let vu = patch.along(Self.basisSlope(u)), vuu = patch.along(Self.basisCurvature(u))
        return Hessian(h11: (Self.basisCurvature(t) * v).sum() / (patch.h1 * patch.h1),
                       h12: (Self.basisSlope(t) * vu).sum() / (patch.h1 * patch.h2),
                       h22: (Self.basis(t) * vuu).sum() / (patch.h2 * patch.h2))
    }

    /// A whole row at once: the row's cell along w2 and its basis are found once, and each cell
    /// along w1 is interpolated along w2 once for all the row's points in it. The numbers are
    /// bit for bit those of `value(at:)`, which does the same arithmetic one point at a time.
    public func values(alongW1 w1s: UnsafeBufferPointer<Double>, w2: Double, into out: UnsafeMutableBufferPointer<Double>) {
        precondition(out.count == w1s.count, "values(alongW1:): \(out.count) outputs for \(w1s.count) positions")
        guard let (row, u) = Self.cell(of: w2, on: grid.w2) else {
            for i in 0..<out.count { out[i] = .nan }
            return
        }
        let ψ = Self.basis(u)
        var cachedColumn = -1
        var cached: SIMD4<Double>?  // the cell's patch interpolated along w2 to this row; nil when unknown
        for i in 0..<w1s.count {
            guard let (column, t) = Self.cell(of: w1s[i], on: grid.w1, near: cachedColumn) else {
                out[i] = .nan
                continue
            }
            if column != cachedColumn {
                cachedColumn = column
                cached = patch(column: column, row: row)?.along(ψ)
            }
            // An unknown cell may still have a known neighbour on its edge: the general path decides.
            out[i] = cached.map { (Self.basis(t) * $0).sum() } ?? value(at: Weights(w1s[i], w2))
        }
    }
}

// MARK: - Cells and patches

extension BicubicSurface {
    /// One cell's corner data, as the four columns of F (value at w2ᵢ, value at w2ᵢ₊₁, w2-slope at
    /// w2ᵢ, w2-slope at w2ᵢ₊₁), each holding (value at w1ⱼ, value at w1ⱼ₊₁, w1-slope at w1ⱼ,
    /// w1-slope at w1ⱼ₊₁); slopes are per cell width, so the patch lives on [0, 1]².
    struct Patch {
        var low: SIMD4<Double>, high: SIMD4<Double>, lowSlope: SIMD4<Double>, highSlope: SIMD4<Double>
        /// The cell's widths along w1 and w2.
        var h1: Double, h2: Double

        /// F·ψ: the cell's two w1-edges interpolated along w2 to where ψ was taken, as
        /// (value at w1ⱼ, value at w1ⱼ₊₁, slope at w1ⱼ, slope at w1ⱼ₊₁).
        @inline(__always) func along(_ ψ: SIMD4<Double>) -> SIMD4<Double> {
            low * ψ[0] + high * ψ[1] + lowSlope * ψ[2] + highSlope * ψ[3]
        }
    }

    /// The patch of the cell whose lower-left node is (row, column); nil when a corner is unknown.
    @inline(__always) func patch(column j: Int, row i: Int) -> Patch? {
        let n1 = grid.w1.count
        let a = nodes[i * n1 + j], b = nodes[i * n1 + j + 1]                  // at w2ᵢ: w1ⱼ, w1ⱼ₊₁
        let c = nodes[(i + 1) * n1 + j], d = nodes[(i + 1) * n1 + j + 1]      // at w2ᵢ₊₁
        if a.x.isNaN || b.x.isNaN || c.x.isNaN || d.x.isNaN { return nil }
        let h1 = grid.w1[j + 1] - grid.w1[j], h2 = grid.w2[i + 1] - grid.w2[i]
        return Patch(low: SIMD4(a.x, b.x, a.y * h1, b.y * h1),
                     high: SIMD4(c.x, d.x, c.y * h1, d.y * h1),
                     lowSlope: SIMD4(a.z * h2, b.z * h2, a.w * h1 * h2, b.w * h1 * h2),
                     highSlope: SIMD4(c.z * h2, d.z * h2, c.w * h1 * h2, d.w * h1 * h2),
                     h1: h1, h2: h2)
    }

    /// The known patch holding `w` and the point's place in it, or nil outside the window or in
    /// an unknown cell. A point on the lower or left edge of an unknown cell also lies on the upper
    /// or right edge of a neighbour, and takes that neighbour's value when it is known (so the
    /// mask of an unknown sample is the same on every side of it).
    @inline(__always) func locate(_ w: Weights) -> (Patch, t: Double, u: Double)? {
        guard let (j, t) = Self.cell(of: w.x, on: grid.w1), let (i, u) = Self.cell(of: w.y, on: grid.w2) else { return nil }
        if let patch = patch(column: j, row: i) { return (patch, t, u) }
        let left = t == 0 && j > 0, below = u == 0 && i > 0
        if left, let patch = patch(column: j - 1, row: i) { return (patch, 1, u) }
        if below, let patch = patch(column: j, row: i - 1) { return (patch, t, 1) }
        if left, below, let patch = patch(column: j - 1, row: i - 1) { return (patch, 1, 1) }
        return nil
    }

    /// The cell k with axis[k] ≤ x < axis[k + 1] (x on the last node belongs to the last cell)
    /// and t = (x − axis[k]) / (axis[k + 1] − axis[k]) in [0, 1]; nil outside the axis or for NaN.
    /// `near` is a guess (the previous point's cell along a row), tried before bisecting.
    @inline(__always) static func cell(of x: Double, on axis: [Double], near guess: Int = -1) -> (Int, t: Double)? {
        let last = axis.count - 1
        guard axis[0] <= x, x <= axis[last] else { return nil }
        var k: Int
        if guess >= 0, guess < last, axis[guess] <= x, x < axis[guess + 1] {
            k = guess
        } else {
            k = 0
            var high = last  // invariant: axis[k] ≤ x, and x < axis[high] unless high is the last node
            while high - k > 1 {
                let middle = (k + high) / 2
                if axis[middle] <= x { k = middle } else { high = middle }
            }
        }
        return (k, (x - axis[k]) / (axis[k + 1] - axis[k]))
    }

    /// The cubic Hermite basis on [0, 1]: the cubics with value 1 at 0, value 1 at 1, slope 1 at
    /// 0, slope 1 at 1 (and the other three conditions 0). 1 − s is exactly 1 at t = 0 and s is
    /// exactly 1 at t = 1, so the interpolant returns the samples at the nodes unrounded.
    @inline(__always) static func basis(_ t: Double) -> SIMD4<Double> {
        let s = t * t * (3 - 2 * t)
        return SIMD4(1 - s, s, t * (1 - t) * (1 - t), t * t * (t - 1))
    }

    /// The basis functions' first derivatives in t.
    @inline(__always) static func basisSlope(_ t: Double) -> SIMD4<Double> {
        let a = 6 * t * (t - 1)
        return SIMD4(a, -a, (1 - t) * (1 - 3 * t), t * (3 * t - 2))
    }

    /// The basis functions' second derivatives in t.
    @inline(__always) static func basisCurvature(_ t: Double) -> SIMD4<Double> {
        SIMD4(12 * t - 6, 6 - 12 * t, 6 * t - 4, 6 * t - 2)
    }
}

// MARK: - Node slopes

extension BicubicSurface {
    /// Every node's (value, ∂/∂w1, ∂/∂w2, ∂²/∂w1∂w2): the w1-slopes along each row, the
    /// w2-slopes along each column, and the cross slopes as the w2-slopes of the w1-slopes.
    static func nodeData(of grid: LossGrid) -> [SIMD4<Double>] {
        let n1 = grid.w1.count, n2 = grid.w2.count
        var nodes = grid.values.map { SIMD4<Double>(repeating: $0) }  // NaN nodes stay NaN throughout
        var line = [Double](repeating: 0, count: max(n1, n2))
        for i in 0..<n2 {
            let slopes = lineSlopes(Array(grid.values[(i * n1)..<((i + 1) * n1)]), on: grid.w1)
            for j in 0..<n1 where !nodes[i * n1 + j].x.isNaN { nodes[i * n1 + j].y = slopes[j] }
        }
        for j in 0..<n1 {
            for i in 0..<n2 { line[i] = nodes[i * n1 + j].x }
            let slopes = lineSlopes(Array(line[0..<n2]), on: grid.w2)
            for i in 0..<n2 { line[i] = nodes[i * n1 + j].y }
            let crossSlopes = lineSlopes(Array(line[0..<n2]), on: grid.w2)
            for i in 0..<n2 where !nodes[i * n1 + j].x.isNaN {
                nodes[i * n1 + j].z = slopes[i]
                nodes[i * n1 + j].w = crossSlopes[i]
            }
        }
        return nodes
    }

    /// The slope at each node of a line of samples f over coordinates x: the derivative of the
    /// Lagrange polynomial through the 5 nearest nodes (clamped at the ends of the line), or,
    /// when the line holds unknown samples, through the most nodes (up to 5) of the run of known
    /// ones that contains the node; 0 for a node known alone, NaN for an unknown one.
    static func lineSlopes(_ f: [Double], on x: [Double]) -> [Double] {
        let n = f.count
        return (0..<n).map { k in
            guard !f[k].isNaN else { return .nan }
            var first = k, last = k
            while first > max(0, k - 4), !f[first - 1].isNaN { first -= 1 }
            while last < min(n - 1, k + 4), !f[last + 1].isNaN { last += 1 }
            let width = min(5, last - first + 1)
            guard width > 1 else { return 0 }
            let start = min(max(k - 2, first), last - width + 1)
            return lagrangeSlope(f, on: x, through: start..<(start + width), at: k)
        }
    }

    /// p′(x_k) for the polynomial p through (x_l, f_l), l in `window`, k in `window`:
    /// Σ_{l≠k} L′_l(x_k)·(f_l − f_k), with L′_l(x_k) = Π_{n≠l,k}(x_k − x_n) / Π_{n≠l}(x_l − x_n)
    /// for the Lagrange basis polynomial L_l (differentiate the product; only the factor
    /// (x − x_k) does not vanish at x_k). The diagonal weight L′_k(x_k) is minus the sum of the
    /// others (the weights differentiate a constant to 0), hence the differences f_l − f_k, which
    /// also give a flat line a slope of exactly 0.
    static func lagrangeSlope(_ f: [Double], on x: [Double], through window: Range<Int>, at k: Int) -> Double {
        var slope = 0.0
        for l in window where l != k {
            var numerator = 1.0, denominator = x[l] - x[k]
            for n in window where n != l && n != k {
                numerator *= x[k] - x[n]
                denominator *= x[l] - x[n]
            }
            slope += numerator / denominator * (f[l] - f[k])
        }
        return slope
    }
}

// MARK: - The minimum

extension BicubicSurface {
    /// The gradient length, in `UnitWindow`'s units, below which the polished point counts as
    /// stationary: far above the rounding of the patch arithmetic (about 1e-16 × the number of
    /// cells along an axis), far below any slope a real descent still has.
    static let stationaryGradient = 1e-8

    /// The lowest interpolated point when it is strictly inside the window: damped Newton
    /// (`MinimumSearch.minimum`) from the lowest known node, then `NewtonPolish`, accepted only
    /// strictly inside the window, with a vanishing gradient and a positive definite Hessian.
    /// The search runs on `UnitWindow`, so its absolute tolerances mean the same for every
    /// grid whatever the units of its weights and loss. Values outside the window are NaN,
    /// and the search's backtracking never accepts a non-finite step, so it cannot leave.
    static func interiorMinimum(of surface: BicubicSurface) -> Weights? {
        let grid = surface.grid
        let known = grid.values.indices.filter { !grid.values[$0].isNaN }
        guard let lowest = known.min(by: { grid.values[$0] < grid.values[$1] }),
              let highest = known.max(by: { grid.values[$0] < grid.values[$1] }) else { return nil }
        let spread = grid.values[highest] - grid.values[lowest]
        let unit = UnitWindow(surface: surface, floor: grid.values[lowest], scale: spread > 0 ? spread : 1)
        let node = Weights(grid.w1[lowest % grid.w1.count], grid.w2[lowest / grid.w1.count])
        guard let found = MinimumSearch.minimum(of: unit, from: unit.unit(node)) else { return nil }
        let z = NewtonPolish.polish(found, on: unit)
        let w = unit.weights(z)
        guard grid.w1[0] < w.x, w.x < grid.w1[grid.w1.count - 1], grid.w2[0] < w.y, w.y < grid.w2[grid.w2.count - 1],
              unit.gradient(at: z).length <= stationaryGradient,
              let h = unit.hessian(at: z), h.isFinite, h.eigenvalues.smaller > 0 else { return nil }
        return w
    }

    /// The interpolant with the window mapped to [0, 1]² and the loss to (L − floor) / scale,
    /// so that the minimum search's tolerances are relative to the grid rather than to its units.
    private struct UnitWindow: LossSurface {
        let surface: BicubicSurface
        let origin: Weights, size: Weights
        let floor: Double, scale: Double
        var minima: [Weights] { [] }

        init(surface: BicubicSurface, floor: Double, scale: Double) {
            self.surface = surface
            let w1 = surface.grid.w1Range, w2 = surface.grid.w2Range
            origin = Weights(w1.lowerBound, w2.lowerBound)
            size = Weights(w1.upperBound - w1.lowerBound, w2.upperBound - w2.lowerBound)
            self.floor = floor
            self.scale = scale
        }

        func weights(_ z: Weights) -> Weights { origin + z * size }
        func unit(_ w: Weights) -> Weights { (w - origin) / size }
        func value(at z: Weights) -> Double { (surface.value(at: weights(z)) - floor) / scale }
        func gradient(at z: Weights) -> Weights { surface.gradient(at: weights(z)) * size / scale }
        func hessian(at z: Weights) -> Hessian? {
            surface.hessian(at: weights(z)).map {
                Hessian(h11: $0.h11 * size.x * size.x / scale, h12: $0.h12 * size.x * size.y / scale,
                        h22: $0.h22 * size.y * size.y / scale)
            }
        }
    }
}
