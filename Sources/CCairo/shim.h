#ifndef LOSSMAP_CCAIRO_SHIM_H
#define LOSSMAP_CCAIRO_SHIM_H
// Cairo's image, SVG and PDF surfaces; found through pkg-config ("cairo").
#include <cairo/cairo.h>
#if __has_include(<cairo/cairo-svg.h>)
#include <cairo/cairo-svg.h>
#endif
#if __has_include(<cairo/cairo-pdf.h>)
#include <cairo/cairo-pdf.h>
#endif
// Fonts straight from their files through FreeType, so that a figure does not wait for
// fontconfig to read its configuration (see FontFaces.swift); cairo's pkg-config flags
// include FreeType's headers, and libcairo2-dev brings libfreetype-dev.
#include <cairo/cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#endif
