package report

import (
	"math"
	"strings"

	"github.com/paulmach/orb"

	"github.com/dinsos-tuban/pocketmap/geo"
)

// Column types of a Layer.
const (
	ColText = "text"
	ColReal = "real"
	ColInt  = "int"
)

// Column is one attribute of a Layer.
type Column struct {
	Name, Type string
}

// Feature is one area of a Layer: its boundary and its values, one per
// column (nil for none).
type Feature struct {
	Geom   orb.MultiPolygon
	Values []any
}

// Layer is a map layer with attributes, for a GIS file with several layers
// (GeoPackage): aggregates only.
type Layer struct {
	Name, Description string
	Columns           []Column
	Features          []Feature
}

// Layers returns the shaded map of d as two layers, "desa" and
// "kecamatan", with the summary's attributes: the indicator value and
// class, the LISA cluster, pockets and the interventions. Counts of
// households or persons below d.SuppressBelow are left empty, as in the
// tables; nothing about a person is written.
func Layers(d *Dataset) []Layer {
	period := d.Period
	if period == "" {
		period = d.Indicator.Period
	}
	isCount := IsCount(d.Indicator)
	below := float64(d.SuppressBelow)
	hide := func(v float64, count bool) any {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil
		}
		if count && below > 0 && v > 0 && v < below {
			return nil
		}
		return v
	}
	synthetic := 0
	if d.Synthetic || d.Indicator.Synthetic {
		synthetic = 1
	}
	desa := Layer{Name: "desa", Description: strings.TrimSpace(d.Title + " — desa, " + d.Indicator.Label + ", periode " + period),
		Columns: []Column{{"kode", ColText}, {"nama", ColText}, {"kecamatan", ColText}, {"jenis", ColText},
			{"indikator", ColText}, {"periode", ColText}, {"nilai", ColReal}, {"kelas", ColInt}, {"klaster", ColText},
			{"p_value", ColReal}, {"gi_z", ColReal}, {"kantong", ColInt}, {"intervensi_aktif", ColInt},
			{"anggaran", ColReal}, {"sasaran_rt", ColReal}, {"anggaran_per_rt_miskin", ColReal}, {"sintetis", ColInt},
			{"kategori", ColText}}}
	// A categorical indicator's value is written as text in kategori,
	// nilai holding nothing.
	category := func(v float64) (any, any) {
		if name, ok := d.Indicator.Category(v); ok {
			return nil, name
		}
		return hide(v, isCount), nil
	}
	for _, r := range d.Desa {
		g, class := geomClass(r.Geom, r.Class)
		pocket := 0
		if r.Pocket {
			pocket = 1
		}
		val, cat := category(r.Value)
		desa.Features = append(desa.Features, Feature{Geom: g, Values: []any{r.Code, r.Name, r.Kecamatan, r.Level,
			d.Indicator.Key, period, val, class, r.Cluster, hide(r.PValue, false), hide(r.GiZ, false),
			pocket, r.Interventions, hide(math.Round(r.Budget), false), hide(r.Households, true), hide(r.BudgetPerPoor(), false), synthetic, cat}})
	}
	kec := Layer{Name: "kecamatan", Description: strings.TrimSpace(d.Title + " — kecamatan, " + d.Indicator.Label + ", periode " + period),
		Columns: []Column{{"kode", ColText}, {"nama", ColText}, {"jumlah_desa", ColInt}, {"indikator", ColText},
			{"periode", ColText}, {"nilai", ColReal}, {"kelas", ColInt}, {"desa_kantong", ColInt}, {"intervensi_aktif", ColInt},
			{"anggaran", ColReal}, {"sasaran_rt", ColReal}, {"anggaran_per_rt_miskin", ColReal}, {"sintetis", ColInt},
			{"kategori", ColText}}}
	for _, r := range d.Kecamatan {
		g, class := geomClass(r.Geom, r.Class)
		val, cat := category(r.Value)
		kec.Features = append(kec.Features, Feature{Geom: g, Values: []any{r.Code, r.Name, r.Desa, d.Indicator.Key, period,
			val, class, r.PocketDesa, r.Intervention, hide(math.Round(r.Budget), false),
			hide(r.Households, true), hide(r.BudgetPerPoor(), false), synthetic, cat}})
	}
	return []Layer{desa, kec}
}

// geomClass is an area's boundary (none when unknown) and its class (nil
// for no data) as a layer holds them.
func geomClass(a *geo.Area, class int) (orb.MultiPolygon, any) {
	var g orb.MultiPolygon
	if a != nil {
		g = a.Geom
	}
	if class > 0 {
		return g, class
	}
	return g, nil
}
