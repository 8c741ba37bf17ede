package classify

import "image/color"

// Ramp is a named sequence of colours from low to high.
type Ramp struct {
	Name   string
	Colors []color.RGBA
}

func hex(s string) color.RGBA {
	var v uint32
	for _, c := range s[1:] {
		v <<= 4
		switch {
		case c >= '0' && c <= '9':
			v |= uint32(c - '0')
		case c >= 'a' && c <= 'f':
			v |= uint32(c-'a') + 10
		}
	}
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}
}

func ramp(name string, hexes ...string) Ramp {
	r := Ramp{Name: name}
	for _, h := range hexes {
		r.Colors = append(r.Colors, hex(h))
	}
	return r
}

// The ColorBrewer sequential ramps used by pocketmap (Brewer, Cynthia A.,
// www.ColorBrewer.org, Apache 2.0), both marked colour-blind safe there, at
// five classes.
var (
	// YlOrRd is for indicators where a higher value means more poverty.
	YlOrRd = ramp("YlOrRd", "#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
	// Blues is for neutral counts such as households or persons.
	Blues = ramp("Blues", "#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
)

// NoData is the fill of areas without a value: a grey distinct from every
// class colour, drawn hatched by the renderer.
var NoData = color.RGBA{0xd9, 0xd9, 0xd9, 255}

// Pick returns n colours spread over the ramp, low to high.
func (r Ramp) Pick(n int) []color.RGBA {
	if n <= 0 {
		return nil
	}
	if n == len(r.Colors) {
		return r.Colors
	}
	out := make([]color.RGBA, n)
	for i := range out {
		j := 0
		if n > 1 {
			j = i * (len(r.Colors) - 1) / (n - 1)
		}
		out[i] = r.Colors[j]
	}
	return out
}
