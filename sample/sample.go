// Package sample generates synthetic sample data: plausible but invented
// per-desa indicators (households, population, DTKS desil counts, extreme
// poverty, disability) for Kabupaten Tuban. The numbers are NOT official
// statistics; they only exist so the map can be demonstrated and tested
// before real data are loaded. Every indicator is marked Synthetic.
package sample

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/dinsos-tuban/pocketmap/geo"
)

// DefaultIndicator is the key of the indicator shown first in the app.
const DefaultIndicator = "pct_desil1"

// Period is the period of all generated values.
const Period = "2025"

// Source is the Source text of every generated indicator.
const Source = "Data contoh sintetis (dibangkitkan, bukan data resmi)"

const (
	unitRT   = "rumah tangga"
	unitJiwa = "jiwa"
)

// indicators lists the generated and derived indicators in display order.
var indicators = []geo.Indicator{
	{Key: "pct_desil1", Label: "Persentase RT desil 1", Unit: "%", Poorer: geo.HigherIsPoorer, Numerator: "rt_desil1", Denominator: "rt", Scale: 100},
	{Key: "pct_desil1_4", Label: "Persentase RT desil 1–4 (DTKS)", Unit: "%", Poorer: geo.HigherIsPoorer, Numerator: "rt_desil1_4", Denominator: "rt", Scale: 100},
	{Key: "pct_miskin_ekstrem", Label: "Persentase RT miskin ekstrem", Unit: "%", Poorer: geo.HigherIsPoorer, Numerator: "rt_miskin_ekstrem", Denominator: "rt", Scale: 100},
	{Key: "disabilitas_per_1000", Label: "Penyandang disabilitas per 1.000 penduduk", Unit: "per 1.000 jiwa", Poorer: geo.HigherIsPoorer, Numerator: "disabilitas", Denominator: "penduduk", Scale: 1000},
	{Key: "rt_desil1", Label: "Jumlah RT desil 1 (sangat miskin)", Unit: unitRT, Poorer: geo.HigherIsPoorer},
	{Key: "rt_desil2", Label: "Jumlah RT desil 2 (miskin)", Unit: unitRT, Poorer: geo.HigherIsPoorer},
	{Key: "rt_desil3", Label: "Jumlah RT desil 3 (hampir miskin)", Unit: unitRT, Poorer: geo.HigherIsPoorer},
	{Key: "rt_desil4", Label: "Jumlah RT desil 4 (rentan)", Unit: unitRT, Poorer: geo.HigherIsPoorer},
	{Key: "rt_desil1_4", Label: "Jumlah RT desil 1–4 (DTKS)", Unit: unitRT, Poorer: geo.HigherIsPoorer},
	{Key: "rt_miskin_ekstrem", Label: "Jumlah RT miskin ekstrem", Unit: unitRT, Poorer: geo.HigherIsPoorer},
	{Key: "disabilitas", Label: "Jumlah penyandang disabilitas", Unit: unitJiwa, Poorer: geo.HigherIsPoorer},
	{Key: "rt", Label: "Jumlah rumah tangga", Unit: unitRT},
	{Key: "penduduk", Label: "Jumlah penduduk", Unit: unitJiwa},
}

// Centre of Tuban town (kecamatan Tuban), lon/lat.
const townLon, townLat = 112.05, -6.90

// bump is a Gaussian bump of the poverty field in logit units.
type bump struct{ lon, lat, sigma, amp float64 }

// povertyBumps: the dry inland south and west are poorer
// (Kenduruan, Bangilan, Senori; Parengan, Montong, Grabagan), Tuban town
// is richer.
var povertyBumps = []bump{
	{111.66, -6.96, 0.07, 0.75},     // Kenduruan, Bangilan, Jatirogo south
	{111.74, -7.04, 0.06, 0.6},      // Senori, Singgahan
	{111.90, -7.02, 0.08, 0.75},     // Parengan, Montong, Grabagan
	{townLon, townLat, 0.035, -1.0}, // Tuban town
}

// povertyField is the smooth logit shift of the desil-1 share at lon/lat.
func povertyField(lon, lat float64) float64 {
	f := 0.0
	for _, b := range povertyBumps {
		dx, dy := lon-b.lon, lat-b.lat
		f += b.amp * math.Exp(-(dx*dx+dy*dy)/(2*b.sigma*b.sigma))
	}
	// The north coast runs roughly from (111.70,-6.76) to (112.20,-6.89);
	// fishing and port villages near it are better off.
	dCoast := math.Max(0, (-6.76-0.26*(lon-111.70))-lat)
	f -= 0.5 * math.Exp(-dCoast*dCoast/(2*0.03*0.03))
	return f
}

// Logits of the cumulative shares of households in desil ≤ 1, 2, 3, 4 at a
// neutral place (field 0): about 12 %, 21 %, 30 % and 39 %.
var cumLogit = [4]float64{-1.95, -1.33, -0.86, -0.46}

func logistic(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// Indicators generates synthetic values for every desa/kelurahan in areas
// (other levels are ignored), for period "2025". It returns the indicator
// definitions in display order, DefaultIndicator first, and the values of
// the count indicators sorted by area code and then in that order; derived
// indicators (percentages, rates) get no values, the store computes them.
// The result depends only on the areas and seed, not on their order.
func Indicators(areas []*geo.Area, seed uint64) ([]geo.Indicator, []geo.Value) {
	inds := make([]geo.Indicator, len(indicators))
	for i, ind := range indicators {
		ind.Source, ind.Period, ind.Synthetic = Source, Period, true
		inds[i] = ind
	}
	var vs []*geo.Area
	for _, a := range areas {
		if a != nil && a.Level.IsVillage() {
			vs = append(vs, a)
		}
	}
	sort.Slice(vs, func(i, j int) bool { return vs[i].Code < vs[j].Code })
	var out []geo.Value
	for _, a := range vs {
		counts := village(a, seed)
		for _, ind := range inds {
			if v, ok := counts[ind.Key]; ok {
				out = append(out, geo.Value{Code: a.Code, Indicator: ind.Key, Period: Period, Value: v})
			}
		}
	}
	return inds, out
}

// village draws the counts of one area from its own PCG stream, keyed by
// seed and the area code, so a desa's numbers do not depend on the others.
func village(a *geo.Area, seed uint64) map[string]float64 {
	h := fnv.New64a()
	h.Write([]byte(a.Code))
	r := rand.New(rand.NewPCG(seed, h.Sum64()))
	lon, lat := a.Label[0], a.Label[1]

	// Population: sublinear in area, denser in kelurahan and near the town.
	dx, dy := lon-townLon, lat-townLat
	dens := 1 + 2*math.Exp(-(dx*dx+dy*dy)/(2*0.04*0.04))
	if a.Level == geo.LevelKelurahan {
		dens *= 1.6
	}
	km2 := math.Max(a.AreaKm2, 0.3)
	pop := 3400 * math.Pow(km2/6, 0.45) * dens * math.Exp(0.25*r.NormFloat64()-0.03)
	hhSize := 3.2 + 0.3*r.Float64()
	rt := math.Max(300, math.Round(pop/hhSize))
	pop = math.Round(rt * hhSize)

	// Desil counts from cumulative shares around the smooth field.
	f := povertyField(lon, lat) + 0.3*r.NormFloat64()
	if a.Level == geo.LevelKelurahan {
		f -= 0.2
	}
	var d [4]float64
	prev := 0.0
	for k := range d {
		c := math.Round(rt * logistic(cumLogit[k]+f+0.08*r.NormFloat64()))
		d[k] = math.Max(0, c-prev)
		prev += d[k]
	}
	// Extreme poor are a subset of desil 1.
	ext := math.Min(d[0], math.Round(d[0]*0.15*math.Exp(0.3*r.NormFloat64())))
	// Disability rises a little with poverty.
	disRate := (0.011 + 0.02*d[0]/rt) * math.Exp(0.2*r.NormFloat64())
	dis := math.Round(pop * disRate)

	return map[string]float64{
		"rt": rt, "penduduk": pop,
		"rt_desil1": d[0], "rt_desil2": d[1], "rt_desil3": d[2], "rt_desil4": d[3],
		"rt_desil1_4":       d[0] + d[1] + d[2] + d[3],
		"rt_miskin_ekstrem": ext, "disabilitas": dis,
	}
}

// Ratio computes a derived indicator of the sample from its counts, per
// area: vals[num]/vals[den]×scale, NaN where the denominator is missing or
// zero. It is how the store computes rates, for callers without a store.
func Ratio(areas []*geo.Area, vals []geo.Value, num, den string, scale float64) []float64 {
	n, d := map[string]float64{}, map[string]float64{}
	for _, v := range vals {
		switch v.Indicator {
		case num:
			n[v.Code] = v.Value
		case den:
			d[v.Code] = v.Value
		}
	}
	out := make([]float64, len(areas))
	for i, a := range areas {
		out[i] = math.NaN()
		if x := d[a.Code]; x > 0 {
			out[i] = n[a.Code] / x * scale
		}
	}
	return out
}
