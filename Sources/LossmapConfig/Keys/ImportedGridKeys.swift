import LossmapCore
import LossmapSpec

/// The [surface] keys of an imported grid (`grid = "FILE"`).
enum ImportedGridKeys {
    /// The names of the .npz archive's arrays.
    static let arrayKeys = ["w1_key", "w2_key", "loss_key"]
    static let defaultW1Array = "w1"
    static let defaultW2Array = "w2"
    static let defaultLossArray = "loss"

    /// loss-landscape (tomgoldstein/loss-landscape) writes HDF5 surface files; lossmap reads
    /// none (no libhdf5 dependency for one format): one line of h5py makes an .npz of it. Its
    /// `train_loss[i, j]` is the loss at (xcoordinates[i], ycoordinates[j]) (net_plotter and
    /// plot_surface fill the array in that order), so the loss is transposed to lossmap's
    /// rows-along-w2 convention.
    static let hdf5Conversion = """
        HDF5 is not read; convert loss-landscape's .h5 surface file to .npz with one line (h5py and numpy):
            python3 -c "import sys, h5py, numpy as np; f = h5py.File(sys.argv[1]); np.savez(sys.argv[2], w1=f['xcoordinates'][:], w2=f['ycoordinates'][:], loss=f['train_loss'][:].T)" surface.h5 surface.npz
        """
}

extension ImportedGridKeys {
    static let w1Key = ConfigKey.value(
        "w1_key", type: "string", default: "`\(defaultW1Array)`", allowed: "an array of the .npz archive; `grid` .npz only",
        example: "`w1_key = \"xcoordinates\"`", doc: "The .npz array of the w1 coordinate of each column (1-D).")
    static let w2Key = ConfigKey.value(
        "w2_key", type: "string", default: "`\(defaultW2Array)`", allowed: "an array of the .npz archive; `grid` .npz only",
        example: "`w2_key = \"ycoordinates\"`", doc: "The .npz array of the w2 coordinate of each row (1-D).")
    static let lossKey = ConfigKey.value(
        "loss_key", type: "string", default: "`\(defaultLossArray)`", allowed: "an array of the .npz archive; `grid` .npz only",
        example: "`loss_key = \"train_loss\"`", doc: "The .npz array of the loss (2-D, one row per w2, one column per w1).")
}

extension SurfaceKeys {
    static let grid = ConfigKey.value(
        "grid", type: "string", default: sourceRequired,
        allowed: "a .npy, .npz or .csv file, relative to the config's folder, inside the working directory unless `--allow-outside-data` is given",
        example: "`grid = \"data/landscape.npz\"`",
        doc: "A loss surface imported as samples on a grid: a loss landscape computed elsewhere.",
        details: """
            Rows run along w2 and columns along w1, as numpy's `meshgrid` and matplotlib's `contour` have \
            them: `loss[i, j]` is the loss at (w1[j], w2[i]). A coordinate axis may be unevenly spaced, and \
            increasing or decreasing; each needs at least \(LossGrid.minimumSamples) samples. NaN cells are \
            unknown: hatched on the map, and a walk that steps into one stops as diverged.

            - **.npy**: one 2-D array (float64 or float32, either byte order, C or Fortran order; integer \
              arrays too); `w1` and `w2` are then required and give the range its columns and rows span, \
              evenly.
            - **.npz** (`np.savez` or `np.savez_compressed`): the loss and its two 1-D coordinate arrays, \
              named by `loss_key`, `w1_key` and `w2_key`.
            - **.csv**: either a matrix, whose first row is a corner cell then the w1 coordinates and \
              every further row its w2 coordinate then one loss per column; or rows `w1, w2, loss` \
              (an optional header naming the three columns in any order), which must cover every pair of \
              their w1 and w2 values once. `nan` marks an unknown loss.

            Between samples the loss is the piecewise bicubic interpolation of the grid (each node's \
            slopes from the cubic or quartic through its nearest samples, so a cubic polynomial is \
            reproduced exactly), with exact gradients and curvatures, so every optimizer can walk it \
            and η_crit comes from the Hessian of the interpolated grid (the footnote says so). Outside \
            the grid the loss is unknown and a walk that leaves it stops. Without `w1` and `w2` the plot \
            is the grid's own window, and runs start by default at (0, 0), where loss-landscape puts \
            the trained weights; with them, a tenth of the way in from the upper-left corner. The grid's \
            lowest point, when it is inside the grid and a strict minimum of the interpolation, is \
            starred. `level_scale` defaults to `log`.

            At most \(ConfigLimits.maxDataFileBytes >> 20) MiB and 4096 × 4096 samples. A bad file \
            (wrong magic, an unsupported dtype, a 3-D array, truncated data, an object array, a ragged \
            CSV row, coordinates that disagree with the loss's shape) is reported at `grid`, naming \
            the file. loss-landscape's HDF5 surface files are not read: convert one to .npz with one \
            line of h5py:

            ```
            python3 -c "import sys, h5py, numpy as np; f = h5py.File(sys.argv[1]); np.savez(sys.argv[2], w1=f['xcoordinates'][:], w2=f['ycoordinates'][:], loss=f['train_loss'][:].T)" surface.h5 surface.npz
            ```

            (loss-landscape fills `train_loss[i, j]` at (xcoordinates[i], ycoordinates[j]), hence the `.T`.)
            """)
}
