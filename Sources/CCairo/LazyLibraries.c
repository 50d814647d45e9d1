// Cairo and FreeType, loaded when first used rather than when lossmap starts.
//
// Linked, Cairo made every lossmap process map it and the libraries it needs (pixman,
// fontconfig, FreeType, X11, xcb, expat, brotli: about 0.85 ms of each start, measured as a
// C program that does nothing, linked with and without them). Most processes never draw:
// `lossmap list`, `check`, and the batch process of `render`, whose workers draw. So the
// executable defines the functions it calls itself (LazyCairo.c, generated from Cairo's
// headers) and each one finds the real function with dlsym, once.
#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include "CCairo.h"
#include "LazyLibraries.h"

#if defined(__APPLE__)
static const char *const cairoNames[] = {"libcairo.2.dylib", "/opt/homebrew/lib/libcairo.2.dylib", "/usr/local/lib/libcairo.2.dylib"};
static const char *const freetypeNames[] = {"libfreetype.6.dylib", "/opt/homebrew/lib/libfreetype.6.dylib", "/usr/local/lib/libfreetype.6.dylib"};
#else
static const char *const cairoNames[] = {"libcairo.so.2"};
static const char *const freetypeNames[] = {"libfreetype.so.6"};
#endif

static void *cairo;
static void *freetype;
static pthread_once_t loaded = PTHREAD_ONCE_INIT;

static void *open_first(const char *const *names, size_t count, const char *what) {
    for (size_t i = 0; i < count; i++) {
        void *handle = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
        if (handle) return handle;
    }
    // Not a Swift error to throw from here: the install is broken, and the message says how.
    fprintf(stderr, "lossmap: cannot load %s (%s): %s; install it (Debian: apt-get install libcairo2)\n",
            what, names[0], dlerror());
    exit(70);  // EX_SOFTWARE
}

static void load(void) {
    cairo = open_first(cairoNames, sizeof cairoNames / sizeof *cairoNames, "Cairo");
    // Cairo's own FreeType (a dependency of it): the same library, now only looked up.
    freetype = open_first(freetypeNames, sizeof freetypeNames / sizeof *freetypeNames, "FreeType");
}

static void load_once(void) {
    pthread_once(&loaded, load);
}

static void *symbol(void *handle, void *_Atomic *slot, const char *name) {
    void *address = atomic_load_explicit(slot, memory_order_acquire);
    if (address) return address;
    address = dlsym(handle, name);
    if (!address) {
        fprintf(stderr, "lossmap: the installed Cairo has no %s: %s\n", name, dlerror());
        exit(70);
    }
    atomic_store_explicit(slot, address, memory_order_release);
    return address;
}

void *lossmap_cairo_symbol(void *_Atomic *slot, const char *name) {
    void *address = atomic_load_explicit(slot, memory_order_acquire);
    if (address) return address;
    load_once();
    return symbol(cairo, slot, name);
}

typedef FT_Error (*FT_Init_FreeType_fn)(FT_Library *);
static void *_Atomic FT_Init_FreeType_slot;
FT_Error FT_Init_FreeType(FT_Library *alibrary) {
    load_once();
    return ((FT_Init_FreeType_fn)symbol(freetype, &FT_Init_FreeType_slot, "FT_Init_FreeType"))(alibrary);
}

typedef FT_Error (*FT_New_Face_fn)(FT_Library, const char *, long, FT_Face *);
static void *_Atomic FT_New_Face_slot;
FT_Error FT_New_Face(FT_Library library, const char *filepathname, long face_index, FT_Face *aface) {
    load_once();
    return ((FT_New_Face_fn)symbol(freetype, &FT_New_Face_slot, "FT_New_Face"))(library, filepathname, face_index, aface);
}
