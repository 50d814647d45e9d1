// giflib, loaded when first used (see Sources/CLazyLoad/LazyLoad.c).
#include "CGIF.h"
#include "LazyLoad.h"

#if defined(__APPLE__)
static const char *const gifNames[] = {"libgif.dylib", "/opt/homebrew/lib/libgif.dylib", "/usr/local/lib/libgif.dylib"};
#else
static const char *const gifNames[] = {"libgif.so.7"};
#endif

lossmap_library lossmap_gif = LOSSMAP_LIBRARY(gifNames, "giflib", "Debian: apt-get install libgif7");
