// Shared libraries loaded when first used rather than when lossmap starts.
//
// A library linked into the executable is mapped and relocated, with everything it needs,
// before `main` runs, in every lossmap process. Cairo's chain (pixman, fontconfig, FreeType,
// X11, xcb, expat, brotli) took 0.85 ms of each start, libpng and giflib 0.28 ms more, and
// most processes never draw or write a GIF: `lossmap list`, `check`, and the batch process
// of `render`, whose workers draw. So the executable defines the functions it calls itself
// (generated stubs: scripts/lazy-stubs.py), and each finds the real one with dlsym, once.
#include <dlfcn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include "LazyLoad.h"

void *lossmap_library_handle(lossmap_library *library) {
    void *handle = __atomic_load_n(&library->handle, __ATOMIC_ACQUIRE);
    if (handle) return handle;
    pthread_mutex_lock(&library->lock);
    handle = library->handle;
    for (size_t i = 0; !handle && i < library->count; i++) handle = dlopen(library->names[i], RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        // Not an error Swift could handle: the install is broken, and the message says how to mend it.
        fprintf(stderr, "lossmap: cannot load %s (%s): %s; install it (%s)\n", library->what, library->names[0], dlerror(),
                library->install);
        exit(70);  // EX_SOFTWARE
    }
    __atomic_store_n(&library->handle, handle, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&library->lock);
    return handle;
}

void *lossmap_library_symbol(lossmap_library *library, void *_Atomic *slot, const char *name) {
    void *address = atomic_load_explicit(slot, memory_order_acquire);
    if (address) return address;
    address = dlsym(lossmap_library_handle(library), name);
    if (!address) {
        fprintf(stderr, "lossmap: the installed %s has no %s: %s\n", library->what, name, dlerror());
        exit(70);
    }
    atomic_store_explicit(slot, address, memory_order_release);
    return address;
}
