package classify

import (
	"image/color"
	"slices"
)

// Ramp is a named sequence of colours from low to high. Colors holds its
// base colours (for the ColorBrewer ramps here, the five-class palette);
// Palette gives it at any number of classes.
type Ramp struct {
	Name   string
	Colors []color.RGBA
	// Reverse runs the ramp from high to low: Palette gives its colours
	// dark first (for indicators where a lower value is poorer).
	Reverse bool
}

// Reversed returns the ramp run the other way.
func (r Ramp) Reversed() Ramp {
	r.Reverse = !r.Reverse
	return r
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

func hexes(hs []string) []color.RGBA {
	out := make([]color.RGBA, len(hs))
	for i, h := range hs {
		out[i] = hex(h)
	}
	return out
}

func ramp(name string, hexes ...string) Ramp {
	r := Ramp{Name: name}
	for _, h := range hexes {
		r.Colors = append(r.Colors, hex(h))
	}
	return r
}

// The ColorBrewer ramps used by pocketmap, all marked colour-blind safe
// there, with Colors at five classes. Colours from www.ColorBrewer.org by
// Cynthia A. Brewer, Geography, Pennsylvania State University; Copyright (c)
// 2002 Cynthia Brewer, Mark Harrower, and The Pennsylvania State University,
// licensed under the Apache License, Version 2.0.
var (
	// YlOrRd is for indicators where a higher value means more poverty.
	YlOrRd = ramp("YlOrRd", "#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
	// Blues is for neutral counts such as households or persons.
	Blues = ramp("Blues", "#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
	// Purples is a second neutral sequential ramp, for a count shown beside
	// a Blues map.
	Purples = ramp("Purples", "#f2f0f7", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f")
	// BuRd is ColorBrewer's diverging RdBu reversed, blue for low and red
	// for high, for change maps and standard deviation maps: a rise in
	// poverty shows red.
	BuRd = ramp("BuRd", "#0571b0", "#92c5de", "#f7f7f7", "#f4a582", "#ca0020")
)

// brewerHex holds the ColorBrewer palettes at 3 to 9 classes, as published
// (RdBu runs red to blue there; BuRd reverses it). Each class count has its
// own palette, chosen by Brewer, not an interpolation of another.
var brewerHex = map[string]map[int][]string{
	"YlOrRd": {
		3: {"#ffeda0", "#feb24c", "#f03b20"},
		4: {"#ffffb2", "#fecc5c", "#fd8d3c", "#e31a1c"},
		5: {"#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"},
		6: {"#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"},
		7: {"#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"},
		8: {"#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"},
		9: {"#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#bd0026", "#800026"},
	},
	"Blues": {
		3: {"#deebf7", "#9ecae1", "#3182bd"},
		4: {"#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"},
		5: {"#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"},
		6: {"#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"},
		7: {"#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"},
		8: {"#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"},
		9: {"#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"},
	},
	"Purples": {
		3: {"#efedf5", "#bcbddc", "#756bb1"},
		4: {"#f2f0f7", "#cbc9e2", "#9e9ac8", "#6a51a3"},
		5: {"#f2f0f7", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f"},
		6: {"#f2f0f7", "#dadaeb", "#bcbddc", "#9e9ac8", "#756bb1", "#54278f"},
		7: {"#f2f0f7", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#4a1486"},
		8: {"#fcfbfd", "#efedf5", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#4a1486"},
		9: {"#fcfbfd", "#efedf5", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#54278f", "#3f007d"},
	},
	"RdBu": {
		3: {"#ef8a62", "#f7f7f7", "#67a9cf"},
		4: {"#ca0020", "#f4a582", "#92c5de", "#0571b0"},
		5: {"#ca0020", "#f4a582", "#f7f7f7", "#92c5de", "#0571b0"},
		6: {"#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac"},
		7: {"#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac"},
		8: {"#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac"},
		9: {"#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac"},
	},
}

type brewerRamp struct {
	diverging bool
	byK       map[int][]color.RGBA // 3 to 9 classes, low to high
}

// brewer holds the palettes of the exported ramps by ramp name.
var brewer = func() map[string]brewerRamp {
	out := map[string]brewerRamp{}
	add := func(name, src string, diverging, reverse bool) {
		br := brewerRamp{diverging: diverging, byK: map[int][]color.RGBA{}}
		for k, hs := range brewerHex[src] {
			c := hexes(hs)
			if reverse {
				slices.Reverse(c)
			}
			br.byK[k] = c
		}
		out[name] = br
	}
	add("YlOrRd", "YlOrRd", false, false)
	add("Blues", "Blues", false, false)
	add("Purples", "Purples", false, false)
	add("BuRd", "RdBu", true, true)
	return out
}()

// Ramps lists the ramps pocketmap offers, sequential first.
var Ramps = []Ramp{YlOrRd, Blues, Purples, BuRd}

// RampByName returns the ramp of Ramps with the given name.
func RampByName(name string) (Ramp, bool) {
	for _, r := range Ramps {
		if r.Name == name {
			return r, true
		}
	}
	return Ramp{}, false
}

// palettes returns the ColorBrewer palettes behind r, or nil when r is not
// one of the ramps above (another name, or its Colors changed).
func (r Ramp) palettes() *brewerRamp {
	br, ok := brewer[r.Name]
	if !ok {
		return nil
	}
	if p, ok := br.byK[len(r.Colors)]; !ok || !slices.Equal(p, r.Colors) {
		return nil
	}
	return &br
}

// Diverging reports whether r is a diverging ramp, light in the middle and
// dark at both ends, rather than a sequential one running light to dark.
func (r Ramp) Diverging() bool {
	br := r.palettes()
	return br != nil && br.diverging
}

// Palette returns k colours, low to high (high to low when Reverse). For the ColorBrewer ramps and k
// from 3 to 9 it is ColorBrewer's own palette for k classes (at five
// classes, Colors). Otherwise the colours are spread over Colors (or, above
// nine classes, over the nine-class palette) and may repeat.
func (r Ramp) Palette(k int) []color.RGBA {
	p := r.palette(k)
	if r.Reverse {
		slices.Reverse(p)
	}
	return p
}

func (r Ramp) palette(k int) []color.RGBA {
	if k <= 0 {
		return nil
	}
	if br := r.palettes(); br != nil {
		if p, ok := br.byK[k]; ok {
			return slices.Clone(p)
		}
		if k > MaxClasses {
			return spread(br.byK[MaxClasses], k)
		}
	}
	return spread(r.Colors, k)
}

// Pick returns n colours for n classes, low to high; it is Palette(n).
func (r Ramp) Pick(n int) []color.RGBA { return r.Palette(n) }

// spread returns n colours taken evenly from cs, first and last included.
func spread(cs []color.RGBA, n int) []color.RGBA {
	if len(cs) == 0 {
		return nil
	}
	out := make([]color.RGBA, n)
	for i := range out {
		j := 0
		if n > 1 {
			j = i * (len(cs) - 1) / (n - 1)
		}
		out[i] = cs[j]
	}
	return out
}

// NoData is the fill of areas without a value: a grey distinct from every
// class colour, drawn hatched by the renderer.
var NoData = color.RGBA{0xd9, 0xd9, 0xd9, 255}
