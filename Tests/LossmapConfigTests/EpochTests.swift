import Testing
@testable import LossmapConfig
import LossmapCore
import LossmapScene
import LossmapSpec

/// `epochs`: a minibatch run's length in passes over the data, made steps once the data is read.
@Suite("Epochs")
struct EpochTests {
    /// The lesson-like four points, inline.
    static let surface = "[surface]\nmodel = \"perceptron\"\npoints = [[1.0, 1.0, 50.0], [1.0, 3.0, 110.0], [2.0, 2.0, 100.0], [2.0, 4.0, 200.0]]\nw1 = [0.0, 50.0]\nw2 = [0.0, 50.0]\n"

    @Test("5 epochs in batches of 3 over 4 points are 10 steps; a [[run]]'s own steps win over inherited epochs")
    func epochsToSteps() throws {
        let config = try decode(Self.surface + "[optimizer]\nstart = [40.0, 10.0]\nlearning_rate = 0.01\nbatch_size = 3\nepochs = 5\n[[run]]\n[[run]]\nsteps = 7\n")
        #expect(config.spec.runs.map(\.epochs) == [5, nil])
        let scene = try Scene(config.spec)
        #expect(scene.runs.map(\.trajectory.stepsTaken) == [10, 7])
        #expect(scene.spec.runs[0].stopping.maxSteps == 10)
    }

    @Test("epochs past a run's step limit are refused at `epochs`, at check as at render")
    func tooMany() {
        let message = failure(Self.surface + "[optimizer]\nlearning_rate = 0.01\nbatch_size = 1\nepochs = 300000\n[[run]]\n")
        #expect(message == "test.toml:9:1: error: `epochs` = 300,000 of 4 minibatches (4 points, 1 a batch) is more than the 1,000,000 steps a run may take",
                "\(message ?? "")")
    }

    @Test("epochs need minibatches, and are not given with steps in the same table")
    func misuse() {
        #expect(failure(Self.surface + "[optimizer]\nlearning_rate = 0.01\nepochs = 3\n[[run]]\n")?
            .contains("error: `epochs` counts passes over the data in minibatches of `batch_size`, and there is none here") == true)
        #expect(failure(Self.surface + "[optimizer]\nlearning_rate = 0.01\nbatch_size = 2\nepochs = 3\nsteps = 10\n[[run]]\n")?
            .contains("error: give a run's length as `epochs` or as `steps`, not both") == true)
        #expect(failure("[surface]\nfunction = \"quadratic\"\n[optimizer]\nbatch_size = 2\n")?
            .contains("error: `batch_size` draws minibatches of data points; this surface has no data") == true)
    }
}
