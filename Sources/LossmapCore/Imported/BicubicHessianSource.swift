extension BicubicSurface {
    /// Its Hessian is the interpolation's, which the footnote says (`LossSurface.isInterpolated`).
    /// Here, in the module that declares the conformance, so that it is the protocol's witness.
    public var isInterpolated: Bool { true }
}
