#ifndef LOSSMAP_CZLIB_SHIM_H
#define LOSSMAP_CZLIB_SHIM_H
// zlib, found through pkg-config ("zlib"): the deflate streams and CRCs of the animated PNG's
// chunks, which Debian's libpng 1.6 cannot write (it has no APNG API), and the inflating of
// compressed .npz loss grids (numpy's savez_compressed).
#include <zlib.h>
#endif
