// Package render draws choropleth maps of administrative areas into images.
// Drawing is a pure function of the scene (areas), the view, the image size
// and the style, so the map can be tested with golden images, written to
// PNG by the command line and shown by the Fyne widget alike.
//
// Polygons are filled with anti-aliasing by golang.org/x/image/vector, each
// inside its own pixel bounding box; outlines are simplified with orb's
// Douglas-Peucker at a level of detail chosen for the zoom; areas outside the
// view are culled through a spatial index; the frame is drawn in horizontal
// bands in parallel.
package render
