#ifndef LOSSMAP_CCAIRO_H
#define LOSSMAP_CCAIRO_H
// Cairo's image, SVG and PDF surfaces, from libcairo2-dev's headers. Cairo itself is not
// linked: LazyCairo.c defines each function lossmap calls and loads the library the first
// time one is called (see LazyLibraries.c for why).
#include <cairo/cairo.h>
#if __has_include(<cairo/cairo-svg.h>)
#include <cairo/cairo-svg.h>
#endif
#if __has_include(<cairo/cairo-pdf.h>)
#include <cairo/cairo-pdf.h>
#endif

// The three FreeType calls that open fonts straight from their files (FontFaces.swift), so a
// figure does not wait for fontconfig, with FreeType's handles kept opaque: declared here
// rather than through <ft2build.h> and <cairo/cairo-ft.h>, whose include path would come from
// pkg-config together with the link flags this module must not have.
typedef struct FT_LibraryRec_ *FT_Library;
typedef struct FT_FaceRec_ *FT_Face;
typedef int FT_Error;
FT_Error FT_Init_FreeType(FT_Library *alibrary);
FT_Error FT_New_Face(FT_Library library, const char *filepathname, long face_index, FT_Face *aface);
cairo_font_face_t *cairo_ft_font_face_create_for_ft_face(FT_Face face, int load_flags);

#endif
