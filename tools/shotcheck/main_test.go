package main

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"strings"
	"testing"
)

func grey(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), &image.Uniform{color.RGBA{0xee, 0xee, 0xee, 0xff}}, image.Point{}, draw.Src)
	return img
}

// stripes paints a block of w×h pixels for each class in cls, in the class
// colour shifted by delta on every channel.
func stripes(img *image.RGBA, cls []int, w, h, delta int) {
	for j, i := range cls {
		k := classColors[i]
		c := color.RGBA{shift(k.R, delta), shift(k.G, delta), shift(k.B, delta), 0xff}
		r := image.Rect(j*w, 0, (j+1)*w, h)
		draw.Draw(img, r, &image.Uniform{c}, image.Point{}, draw.Src)
	}
}

func shift(v uint8, d int) uint8 {
	x := int(v) + d
	if x > 255 {
		x = int(v) - d
	}
	if x < 0 {
		x = int(v) - d
	}
	return uint8(x)
}

func TestCheckSynthetic(t *testing.T) {
	tests := []struct {
		name    string
		cls     []int
		w, h    int
		delta   int
		ok      bool
		present int
	}{
		// 400×300 image: each block 40×100 = 4000 px, 5 blocks = 16.7 %.
		{"all five", []int{0, 1, 2, 3, 4}, 40, 100, 0, true, 5},
		{"within tolerance", []int{0, 1, 2, 3, 4}, 40, 100, 6, true, 5},
		{"four of five", []int{0, 1, 3, 4}, 40, 100, 0, true, 4},
		{"outside tolerance", []int{0, 1, 2, 3, 4}, 40, 100, 7, false, 0},
		{"three of five", []int{0, 2, 4}, 60, 100, 0, false, 3},
		// 5 blocks of 20×20 = 400 px each: classes present, 1.7 % coverage,
		// like a legend without a map.
		{"legend only", []int{0, 1, 2, 3, 4}, 20, 20, 0, false, 5},
		// 4 classes with 299 px each (13×23) fail the per-class minimum.
		{"too few pixels", []int{0, 1, 2, 3}, 13, 23, 0, false, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			img := grey(400, 300)
			stripes(img, tc.cls, tc.w, tc.h, tc.delta)
			res := Check(img)
			if res.OK != tc.ok || res.Present != tc.present {
				t.Errorf("Check = ok %v, present %d, counts %v, coverage %.3f (%s); want ok %v, present %d",
					res.OK, res.Present, res.Counts, res.Coverage, res.Reason, tc.ok, tc.present)
			}
			if !res.OK && res.Reason == "" {
				t.Error("failing result has no reason")
			}
		})
	}
}

func TestCheckCountsExact(t *testing.T) {
	img := grey(100, 100)
	stripes(img, []int{0, 1, 2, 3, 4}, 10, 50, 0)
	res := Check(img)
	for i, n := range res.Counts {
		if n != 500 {
			t.Errorf("class %d: %d pixels, want 500", i+1, n)
		}
	}
	if res.Total != 10000 || res.Coverage != 0.25 {
		t.Errorf("total %d coverage %v, want 10000 0.25", res.Total, res.Coverage)
	}
}

func TestCheckBlankGrey(t *testing.T) {
	res := Check(grey(1280, 800))
	if res.OK {
		t.Fatalf("blank grey image passed: %+v", res)
	}
	if !strings.Contains(res.Reason, "0 of 5") {
		t.Errorf("reason %q does not say no class is present", res.Reason)
	}
	var buf bytes.Buffer
	res.Report(&buf, "grey.png")
	if !strings.Contains(buf.String(), "FAIL") {
		t.Errorf("report does not say FAIL:\n%s", buf.String())
	}
}

func TestCheckRenderedMap(t *testing.T) {
	const golden = "../../render/testdata/tuban-full.png"
	img, err := decodeFile(golden)
	if err != nil {
		t.Fatalf("reading the rendered map: %v", err)
	}
	res := Check(img)
	var buf bytes.Buffer
	res.Report(&buf, golden)
	t.Log(buf.String())
	if !res.OK {
		t.Fatalf("rendered map %s fails: %s", golden, res.Reason)
	}
	if res.Present != 5 {
		t.Errorf("rendered map has %d classes present, want 5", res.Present)
	}
}

func TestCheckIgnoresTransparent(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 100, 100))
	k := classColors[2]
	for y := 0; y < 100; y++ {
		for x := 0; x < 100; x++ {
			img.SetNRGBA(x, y, color.NRGBA{k.R, k.G, k.B, 0})
		}
	}
	if res := Check(img); res.Counts[2] != 0 {
		t.Errorf("transparent pixels counted: %v", res.Counts)
	}
}
