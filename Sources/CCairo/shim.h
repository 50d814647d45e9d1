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
#endif
