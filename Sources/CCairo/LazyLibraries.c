// Cairo and FreeType, loaded when first used (see Sources/CLazyLoad/LazyLoad.c).
#include "CCairo.h"
#include "LazyLoad.h"

#if defined(__APPLE__)
static const char *const cairoNames[] = {"libcairo.2.dylib", "/opt/homebrew/lib/libcairo.2.dylib", "/usr/local/lib/libcairo.2.dylib"};
static const char *const freetypeNames[] = {"libfreetype.6.dylib", "/opt/homebrew/lib/libfreetype.6.dylib", "/usr/local/lib/libfreetype.6.dylib"};
#else
static const char *const cairoNames[] = {"libcairo.so.2"};
static const char *const freetypeNames[] = {"libfreetype.so.6"};
#endif

lossmap_library lossmap_cairo = LOSSMAP_LIBRARY(cairoNames, "Cairo", "Debian: apt-get install libcairo2");
// Cairo's own FreeType (a dependency of it): the same library, only looked up.
static lossmap_library freetype = LOSSMAP_LIBRARY(freetypeNames, "FreeType", "Debian: apt-get install libfreetype6");

typedef FT_Error (*FT_Init_FreeType_fn)(FT_Library *);
static void *_Atomic FT_Init_FreeType_slot;
FT_Error FT_Init_FreeType(FT_Library *alibrary) {
    lossmap_library_handle(&lossmap_cairo);
    return ((FT_Init_FreeType_fn)lossmap_library_symbol(&freetype, &FT_Init_FreeType_slot, "FT_Init_FreeType"))(alibrary);
}

typedef FT_Error (*FT_New_Face_fn)(FT_Library, const char *, long, FT_Face *);
static void *_Atomic FT_New_Face_slot;
FT_Error FT_New_Face(FT_Library library, const char *filepathname, long face_index, FT_Face *aface) {
    lossmap_library_handle(&lossmap_cairo);
    return ((FT_New_Face_fn)lossmap_library_symbol(&freetype, &FT_New_Face_slot, "FT_New_Face"))(library, filepathname, face_index, aface);
}
