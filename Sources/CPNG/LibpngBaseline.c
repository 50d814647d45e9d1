// libpng's writer, driven from C: the baseline `lossmap bench` times lossmap's own PNG writer
// against (lossmap writes its PNGs itself, PNGWriter).
//
// libpng reports errors by longjmp-ing out of the failing call, which Swift cannot catch:
// jumping over Swift frames is undefined behaviour. So the one function that drives libpng
// lives here, in C, with its own setjmp; Swift sees a plain function that returns 0 on
// success or a negative code, and an error message in `message`.
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include "CPNG.h"
#include "LazyLoad.h"

#if defined(__APPLE__)
static const char *const pngNames[] = {"libpng16.16.dylib", "/opt/homebrew/lib/libpng16.16.dylib", "/usr/local/lib/libpng16.16.dylib"};
#else
static const char *const pngNames[] = {"libpng16.so.16"};
#endif
static lossmap_library libpng = LOSSMAP_LIBRARY(pngNames, "libpng", "Debian: apt-get install libpng16-16");

// Each libpng function used, looked up once; typeof keeps libpng's own signature.
#define PNG(name) ((__typeof__(&name))lossmap_library_symbol(&libpng, &name##_slot, #name))
static void *_Atomic png_get_error_ptr_slot, *_Atomic png_longjmp_slot, *_Atomic png_create_write_struct_slot,
    *_Atomic png_create_info_struct_slot, *_Atomic png_destroy_write_struct_slot, *_Atomic png_set_longjmp_fn_slot,
    *_Atomic png_init_io_slot, *_Atomic png_set_compression_level_slot, *_Atomic png_set_filter_slot,
    *_Atomic png_set_IHDR_slot, *_Atomic png_write_info_slot, *_Atomic png_write_row_slot, *_Atomic png_write_end_slot;

static void lossmap_png_on_error(png_structp png, png_const_charp msg) {
    lossmap_png_error *err = (lossmap_png_error *)PNG(png_get_error_ptr)(png);
    if (err) {
        strncpy(err->message, msg ? msg : "unknown libpng error", sizeof(err->message) - 1);
        err->message[sizeof(err->message) - 1] = 0;
    }
    PNG(png_longjmp)(png, 1);
}

static void lossmap_png_on_warning(png_structp png, png_const_charp msg) {
    (void)png; (void)msg; // warnings are not errors; libpng keeps going
}

/// Writes 8-bit RGB or RGBA rows (`channels` 3 or 4, `stride` bytes per row) to an open
/// FILE with zlib `level` (0-9), row `filters` (libpng's mask; -1: its adaptive choice) and no
/// other chunk than IHDR, IDAT and IEND. lossmap writes its PNGs itself (PNGWriter); this is
/// the single-threaded libpng baseline `lossmap bench` measures that writer against.
int lossmap_png_write(FILE *file, const unsigned char *pixels,
                                    unsigned int width, unsigned int height,
                                    unsigned int stride, int channels, int level, int filters,
                                    lossmap_png_error *err) {
    if (!file || !pixels || width == 0 || height == 0 || (channels != 3 && channels != 4)) {
        if (err) strcpy(err->message, "invalid arguments to the PNG writer");
        return -1;
    }
    png_structp png = PNG(png_create_write_struct)(PNG_LIBPNG_VER_STRING, err,
                                              lossmap_png_on_error, lossmap_png_on_warning);
    if (!png) { if (err) strcpy(err->message, "out of memory creating the PNG writer"); return -2; }
    png_infop info = PNG(png_create_info_struct)(png);
    if (!info) {
        PNG(png_destroy_write_struct)(&png, NULL);
        if (err) strcpy(err->message, "out of memory creating the PNG info");
        return -2;
    }
    // png_jmpbuf(png), with the looked-up function.
    if (setjmp(*PNG(png_set_longjmp_fn)(png, longjmp, sizeof(jmp_buf)))) {
        PNG(png_destroy_write_struct)(&png, &info);
        return -3;
    }
    PNG(png_init_io)(png, file);
    PNG(png_set_compression_level)(png, level);
    if (filters >= 0) PNG(png_set_filter)(png, PNG_FILTER_TYPE_BASE, filters);
    PNG(png_set_IHDR)(png, info, width, height, 8,
                 channels == 4 ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    PNG(png_write_info)(png, info);
    for (unsigned int y = 0; y < height; y++) {
        PNG(png_write_row)(png, (png_const_bytep)(pixels + (size_t)y * stride));
    }
    PNG(png_write_end)(png, info);
    PNG(png_destroy_write_struct)(&png, &info);
    return 0;
}
