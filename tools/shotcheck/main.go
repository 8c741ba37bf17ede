// Command shotcheck tells whether a screenshot shows a drawn choropleth map.
//
// It counts the pixels close to each of the five ColorBrewer YlOrRd class
// colours that pocketmap uses for its map (each channel within ±6) and
// passes when at least 4 of the 5 classes have 300 pixels or more and the
// class colours together cover at least 5 % of the image. The smoke test
// (scripts/smoke.sh) runs it on screenshots of the real app under Xvfb.
//
// Usage:
//
//	shotcheck FILE.png
//
// It prints the counts and exits 0 when the map is there, 1 when it is not,
// and 2 when the file cannot be read.
package main

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"strings"
)

// Class colours of the YlOrRd ramp at five classes, low to high.
var classColors = [5]color.RGBA{
	{0xff, 0xff, 0xb2, 0xff},
	{0xfe, 0xcc, 0x5c, 0xff},
	{0xfd, 0x8d, 0x3c, 0xff},
	{0xf0, 0x3b, 0x20, 0xff},
	{0xbd, 0x00, 0x26, 0xff},
}

// The thresholds of the decision.
const (
	tolerance      = 6    // per channel, 8-bit
	minClassPixels = 300  // pixels for a class to count as present
	minClasses     = 4    // classes that must be present
	minCoverage    = 0.05 // share of the image in class colours
)

// Result is what Check found in one image.
type Result struct {
	Counts   [5]int  // pixels close to each class colour
	Total    int     // pixels in the image
	Present  int     // classes with at least minClassPixels pixels
	Coverage float64 // share of the image close to any class colour
	OK       bool    // the map is drawn
	Reason   string  // why not, when !OK
}

func near(a, b uint8) bool {
	d := int(a) - int(b)
	return d >= -tolerance && d <= tolerance
}

// classOf returns the index of the class colour that c is close to, or -1.
func classOf(r, g, b uint8) int {
	for i, k := range classColors {
		if near(r, k.R) && near(g, k.G) && near(b, k.B) {
			return i
		}
	}
	return -1
}

// Check counts the class colours in img and decides whether a choropleth
// map is drawn on it.
func Check(img image.Image) Result {
	var res Result
	bounds := img.Bounds()
	res.Total = bounds.Dx() * bounds.Dy()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if c.A < 0xf0 {
				continue
			}
			if i := classOf(c.R, c.G, c.B); i >= 0 {
				res.Counts[i]++
			}
		}
	}
	inClasses := 0
	for _, n := range res.Counts {
		inClasses += n
		if n >= minClassPixels {
			res.Present++
		}
	}
	if res.Total > 0 {
		res.Coverage = float64(inClasses) / float64(res.Total)
	}
	var why []string
	if res.Present < minClasses {
		why = append(why, fmt.Sprintf("only %d of 5 class colours have >= %d pixels (need %d)",
			res.Present, minClassPixels, minClasses))
	}
	if res.Coverage < minCoverage {
		why = append(why, fmt.Sprintf("map colours cover %.2f%% of the image (need >= %.0f%%)",
			100*res.Coverage, 100*minCoverage))
	}
	res.OK = len(why) == 0
	res.Reason = strings.Join(why, "; ")
	return res
}

// Report writes the counts and the verdict in a few lines.
func (r Result) Report(w io.Writer, name string) {
	fmt.Fprintf(w, "shotcheck %s: %d pixels\n", name, r.Total)
	for i, k := range classColors {
		fmt.Fprintf(w, "  class %d #%02x%02x%02x: %7d\n", i+1, k.R, k.G, k.B, r.Counts[i])
	}
	fmt.Fprintf(w, "  classes present: %d/5, coverage: %.2f%%\n", r.Present, 100*r.Coverage)
	if r.OK {
		fmt.Fprintln(w, "  OK: a choropleth map is drawn")
	} else {
		fmt.Fprintf(w, "  FAIL: no choropleth map drawn: %s\n", r.Reason)
	}
}

func decodeFile(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return img, nil
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: shotcheck FILE.png")
		os.Exit(2)
	}
	img, err := decodeFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "shotcheck:", err)
		os.Exit(2)
	}
	res := Check(img)
	res.Report(os.Stdout, os.Args[1])
	if !res.OK {
		fmt.Fprintf(os.Stderr, "shotcheck: %s: no choropleth map drawn: %s\n", os.Args[1], res.Reason)
		os.Exit(1)
	}
}
