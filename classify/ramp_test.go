package classify

import (
	"image/color"
	"math"
	"slices"
	"testing"
)

// lightness is the CIE L* of an sRGB colour.
func lightness(c color.RGBA) float64 {
	lin := func(u uint8) float64 {
		v := float64(u) / 255
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	y := 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
	if y > 216.0/24389 {
		return 116*math.Cbrt(y) - 16
	}
	return y * 24389 / 27
}

func TestRampsUnchanged(t *testing.T) {
	want := map[string][]string{
		"YlOrRd": {"#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"},
		"Blues":  {"#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"},
	}
	for _, r := range []Ramp{YlOrRd, Blues} {
		if !slices.Equal(r.Colors, hexes(want[r.Name])) {
			t.Errorf("%s.Colors changed: %v", r.Name, r.Colors)
		}
		if !slices.Equal(r.Pick(5), r.Colors) || !slices.Equal(r.Palette(5), r.Colors) {
			t.Errorf("%s at five classes differs from Colors", r.Name)
		}
	}
}

func TestPalettes(t *testing.T) {
	for _, r := range Ramps {
		if got, ok := RampByName(r.Name); !ok || got.Name != r.Name {
			t.Errorf("RampByName(%q)", r.Name)
		}
		if r.palettes() == nil {
			t.Fatalf("%s has no ColorBrewer palettes", r.Name)
		}
		if !slices.Equal(r.Palette(5), r.Colors) {
			t.Errorf("%s: Colors is not the five-class palette", r.Name)
		}
		for k := MinClasses; k <= MaxClasses; k++ {
			p := r.Palette(k)
			if len(p) != k {
				t.Fatalf("%s(%d): %d colours", r.Name, k, len(p))
			}
			seen := map[color.RGBA]bool{}
			for _, c := range p {
				if seen[c] {
					t.Errorf("%s(%d): colour %v twice", r.Name, k, c)
				}
				seen[c] = true
				if c.A != 255 {
					t.Errorf("%s(%d): %v not opaque", r.Name, k, c)
				}
				if c == NoData {
					t.Errorf("%s(%d): %v is the no-data grey", r.Name, k, c)
				}
			}
			if !slices.Equal(r.Pick(k), p) {
				t.Errorf("%s: Pick(%d) differs from Palette", r.Name, k)
			}
			if r.Diverging() {
				// Light in the middle, darker towards both ends.
				mid := lightness(p[(k-1)/2])
				if k%2 == 0 {
					mid = max(mid, lightness(p[k/2]))
				}
				if lightness(p[0]) >= mid || lightness(p[k-1]) >= mid {
					t.Errorf("%s(%d): ends not darker than the middle", r.Name, k)
				}
				continue
			}
			for i := 1; i < k; i++ {
				if lightness(p[i]) >= lightness(p[i-1]) {
					t.Errorf("%s(%d): colour %d (L*=%.1f) not darker than colour %d (L*=%.1f)",
						r.Name, k, i, lightness(p[i]), i-1, lightness(p[i-1]))
				}
			}
		}
	}
	// The palettes are ColorBrewer's per class count, not cuts of one
	// another: YlOrRd at 3 classes does not start at the 5-class yellow.
	if got := YlOrRd.Palette(3); !slices.Equal(got, hexes([]string{"#ffeda0", "#feb24c", "#f03b20"})) {
		t.Errorf("YlOrRd(3) = %v", got)
	}
	if got := Purples.Palette(9)[8]; got != hex("#3f007d") {
		t.Errorf("Purples(9) darkest = %v", got)
	}
	// A returned palette is the caller's to change.
	p := Blues.Palette(5)
	p[0] = color.RGBA{}
	if Blues.Palette(5)[0] != hex("#eff3ff") || Blues.Colors[0] != hex("#eff3ff") {
		t.Error("changing a returned palette changed the ramp")
	}
}

func TestBuRd(t *testing.T) {
	if !BuRd.Diverging() || YlOrRd.Diverging() {
		t.Error("Diverging")
	}
	for k := MinClasses; k <= MaxClasses; k++ {
		p := BuRd.Palette(k)
		rdbu := hexes(brewerHex["RdBu"][k])
		slices.Reverse(rdbu)
		if !slices.Equal(p, rdbu) {
			t.Errorf("BuRd(%d) is not RdBu reversed", k)
		}
		lo, hi := p[0], p[k-1]
		if !(lo.B > lo.R && hi.R > hi.B) {
			t.Errorf("BuRd(%d): low %v should be blue, high %v red", k, lo, hi)
		}
	}
	if got := BuRd.Palette(5); got[0] != hex("#0571b0") || got[4] != hex("#ca0020") {
		t.Errorf("BuRd(5) = %v", got)
	}
}

func TestPaletteOutsideBrewer(t *testing.T) {
	// Fewer than three classes: spread over the five-class ramp, as before.
	if got := YlOrRd.Pick(2); !slices.Equal(got, []color.RGBA{YlOrRd.Colors[0], YlOrRd.Colors[4]}) {
		t.Errorf("Pick(2) = %v", got)
	}
	if got := YlOrRd.Pick(1); !slices.Equal(got, YlOrRd.Colors[:1]) {
		t.Errorf("Pick(1) = %v", got)
	}
	if YlOrRd.Pick(0) != nil {
		t.Error("Pick(0) should be nil")
	}
	// More than nine: spread over the nine-class palette.
	if got := Blues.Palette(12); len(got) != 12 || got[0] != hex("#f7fbff") || got[11] != hex("#08306b") {
		t.Errorf("Palette(12) = %v", got)
	}
	// A ramp of one's own is spread as before.
	mine := Ramp{Name: "mine", Colors: hexes([]string{"#000000", "#808080", "#ffffff"})}
	if got := mine.Pick(3); !slices.Equal(got, mine.Colors) {
		t.Errorf("own ramp Pick(3) = %v", got)
	}
	if got := mine.Pick(5); len(got) != 5 || got[0] != mine.Colors[0] || got[4] != mine.Colors[2] {
		t.Errorf("own ramp Pick(5) = %v", got)
	}
	// So is a ColorBrewer name with other colours.
	odd := Ramp{Name: "Blues", Colors: mine.Colors}
	if got := odd.Pick(3); !slices.Equal(got, mine.Colors) {
		t.Errorf("Blues-named own ramp Pick(3) = %v", got)
	}
}

func TestLISAColors(t *testing.T) {
	// GeoDa's LisaMapCanvas::CreateAndUpdateCategories.
	want := map[string]color.RGBA{
		"HH": {255, 0, 0, 255}, "LL": {0, 0, 255, 255},
		"LH": {150, 150, 255, 255}, "HL": {255, 150, 150, 255},
		"ns": {240, 240, 240, 255},
	}
	if len(LISAColors) != len(want) || len(LISALabels) != len(want) || len(LISAOrder) != len(want) {
		t.Fatalf("%d colours, %d labels, %d in order", len(LISAColors), len(LISALabels), len(LISAOrder))
	}
	for k, c := range want {
		if LISAColors[k] != c {
			t.Errorf("LISAColors[%q] = %v, want %v", k, LISAColors[k], c)
		}
		if LISALabels[k] == "" || !slices.Contains(LISAOrder, k) {
			t.Errorf("%q has no label or no place in LISAOrder", k)
		}
		if c == NoData {
			t.Errorf("%q is the no-data grey", k)
		}
	}
	if LISALabels["HH"] != "Tinggi-Tinggi" || LISALabels["ns"] != "Tidak signifikan" {
		t.Errorf("labels %v", LISALabels)
	}
}
