#ifndef LOSSMAP_LAZY_LOAD_H
#define LOSSMAP_LAZY_LOAD_H
// Shared libraries loaded when first used rather than when lossmap starts (see LazyLoad.c).
#include <pthread.h>
#include <stddef.h>

typedef struct {
    /// The file names to try, in order.
    const char *const *names;
    size_t count;
    /// What it is, and how to install it, for the message if none loads.
    const char *what;
    const char *install;
    /// Set once loaded.
    void *handle;
    pthread_mutex_t lock;
} lossmap_library;

#define LOSSMAP_LIBRARY(NAMES, WHAT, INSTALL) \
    {NAMES, sizeof(NAMES) / sizeof(*(NAMES)), WHAT, INSTALL, NULL, PTHREAD_MUTEX_INITIALIZER}

/// Loads `library` (once; exits with a message if it cannot be found).
void *lossmap_library_handle(lossmap_library *library);

/// The address of `name` in `library`, cached in `slot`; loads the library on first use.
void *lossmap_library_symbol(lossmap_library *library, void *_Atomic *slot, const char *name);
#endif
