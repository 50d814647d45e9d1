// Mutations tried (each made a test here fail, then was undone): the inner moon's 0.5 shift
// dropped; the circles' factor 0.8 (scikit-learn's default) instead of 0.5; the circles'
// angles with 2π included (linspace's endpoint); noise added to x1 only; the spiral's arm
// offset 4j removed. Class sizes count/2 both (a point lost for odd counts) trapped instead,
// on adding noise to the missing point.
import Foundation
import LossmapCore
import Testing

/// The toy data sets: the shapes scikit-learn's make_moons / make_circles and CS231n's spiral
/// describe, balanced, deterministic from the seed, with noise of the standard deviation asked.
@Suite("Toy data sets")
struct ToyDatasetTests {
    @Test("the same seed gives the same points, another seed others", arguments: ToyDataset.allCases)
    func deterministic(_ set: ToyDataset) {
        let a = set.generate(count: 101, noise: 0.1, seed: 7)
        #expect(a == set.generate(count: 101, noise: 0.1, seed: 7))
        #expect(a != set.generate(count: 101, noise: 0.1, seed: 8))
    }

    @Test("half the points are class 0, the rest class 1 (one more for an odd count)", arguments: ToyDataset.allCases)
    func balanced(_ set: ToyDataset) {
        for count in [0, 1, 2, 7, 1_000] {
            let data = set.generate(count: count, noise: 0.1, seed: 1)
            #expect(data.count == count)
            #expect(data.y.filter { $0 == 0 }.count == count / 2)
            #expect(data.y.filter { $0 == 1 }.count == count - count / 2)
        }
        #expect(set.generate(count: -3, noise: 0, seed: 0).count == 0)
    }

    @Test("moons without noise: class 0 on the upper unit half circle, class 1 on the lower one centred at (1, 0.5)")
    func moons() {
        let data = ToyDataset.moons.generate(count: 200, noise: 0, seed: 1)
        for i in 0..<data.count {
            let x = data.x1[i], y = data.x2[i]
            if data.y[i] == 0 {
                #expect(abs(x * x + y * y - 1) < 1e-12)
                #expect(y >= -1e-15)
            } else {
                #expect(abs((x - 1) * (x - 1) + (y - 0.5) * (y - 0.5) - 1) < 1e-12)
                #expect(y <= 0.5 + 1e-15)
            }
        }
        // The ends of linspace(0, π): (1, 0) and (−1, 0) for class 0, (0, 0.5) and (2, 0.5) for class 1.
        #expect(abs(data.x1[0] - 1) < 1e-15 && abs(data.x2[0]) < 1e-15)
        #expect(abs(data.x1[99] + 1) < 1e-15 && abs(data.x2[99]) < 1e-15)
        #expect(abs(data.x1[100]) < 1e-15 && abs(data.x2[100] - 0.5) < 1e-15)
        #expect(abs(data.x1[199] - 2) < 1e-15 && abs(data.x2[199] - 0.5) < 1e-15)
    }

    @Test("circles without noise: radius 1 for class 0, 0.5 for class 1, angles evenly spaced from 0, 2π left out")
    func circles() {
        let data = ToyDataset.circles.generate(count: 40, noise: 0, seed: 1)
        for i in 0..<data.count {
            let radius = (data.x1[i] * data.x1[i] + data.x2[i] * data.x2[i]).squareRoot()
            #expect(abs(radius - (data.y[i] == 0 ? 1 : 0.5)) < 1e-15)
        }
        // 20 points a circle, 18° apart: the second at 18°, the last at 342°.
        #expect(abs(atan2(data.x2[1], data.x1[1]) - .pi / 10) < 1e-14)
        #expect(abs(atan2(data.x2[19], data.x1[19]) + .pi / 10) < 1e-14)
        #expect(abs(data.x1[20] - 0.5) < 1e-15 && data.x2[20] == 0)
    }

    @Test("spirals without noise: radius evenly from 0 to 1, angle 4j + 4r, the point (r sin t, r cos t)")
    func spirals() {
        let data = ToyDataset.spirals.generate(count: 50, noise: 0, seed: 1)
        for i in 0..<data.count {
            let label = data.y[i], index = label == 0 ? i : i - 25
            let r = Double(index) / 24
            let t = 4 * label + 4 * r
            #expect(abs(data.x1[i] - r * sin(t)) < 1e-15)
            #expect(abs(data.x2[i] - r * cos(t)) < 1e-15)
        }
        // The two arms' ends at radius 1: angles 4 and 8 rad.
        #expect(abs(data.x1[24] - sin(4.0)) < 1e-15 && abs(data.x1[49] - sin(8.0)) < 1e-15)
    }

    @Test("the noise is Gaussian with the standard deviation asked, independent in both coordinates",
          arguments: ToyDataset.allCases)
    func noise(_ set: ToyDataset) {
        let clean = set.generate(count: 4_000, noise: 0, seed: 9)
        let noisy = set.generate(count: 4_000, noise: 0.1, seed: 9)
        let dx = (0..<clean.count).map { noisy.x1[$0] - clean.x1[$0] }
        let dy = (0..<clean.count).map { noisy.x2[$0] - clean.x2[$0] }
        for d in [dx, dy] {
            let mean = d.reduce(0, +) / Double(d.count)
            let deviation = (d.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(d.count - 1)).squareRoot()
            // The standard error of the mean is 0.1/√4000 ≈ 0.0016, of the deviation ≈ 0.0011.
            #expect(abs(mean) < 0.006)
            #expect(abs(deviation - 0.1) < 0.005)
            // Gaussian, not uniform: about 68.3% within one deviation (uniform of the same σ: 57.7%).
            let within = Double(d.filter { abs($0) < 0.1 }.count) / Double(d.count)
            #expect(abs(within - 0.683) < 0.025)
        }
        let correlation = zip(dx, dy).map { $0 * $1 }.reduce(0, +) / Double(dx.count) / 0.01
        #expect(abs(correlation) < 0.06)
    }
}
