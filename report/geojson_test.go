package report

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/assets"
	"github.com/dinsos-tuban/pocketmap/classify"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/sample"
)

// rpDataset builds a report of the synthetic desil-1 share for the
// kecamatan whose codes are given (all when none): classes, made-up LISA
// clusters (HH for some desa of the top class, LL for some of the bottom),
// four interventions spread with aid.Coverage, and the kecamatan roll-ups.
func rpDataset(tb testing.TB, kecCodes ...string) *Dataset {
	tb.Helper()
	allDesa, allKec := miTuban()
	inds, vals := sample.Indicators(allDesa, 1)
	ind := inds[0]
	num, den := map[string]float64{}, map[string]float64{}
	for _, v := range vals {
		switch v.Indicator {
		case ind.Numerator:
			num[v.Code] = v.Value
		case ind.Denominator:
			den[v.Code] = v.Value
		}
	}
	var kec []*geo.Area
	for _, k := range allKec {
		if len(kecCodes) == 0 || slices.Contains(kecCodes, k.Code) {
			kec = append(kec, k)
		}
	}
	kecName := map[string]string{}
	for _, k := range kec {
		kecName[k.Code] = k.Name
	}
	var desa []*geo.Area
	for _, a := range allDesa {
		if _, ok := kecName[a.Parent]; ok {
			desa = append(desa, a)
		}
	}
	values := make([]float64, len(desa))
	for i, a := range desa {
		values[i] = math.NaN()
		if d := den[a.Code]; d > 0 && i%41 != 7 {
			values[i] = num[a.Code] / d * 100
		}
	}
	br, err := classify.Quantile(values, 5)
	if err != nil {
		tb.Fatal(err)
	}
	d := &Dataset{
		Title:     "Ringkasan Kantong Kemiskinan",
		Region:    "Kabupaten Tuban",
		Made:      time.Date(2025, 10, 20, 14, 30, 0, 0, time.UTC),
		Indicator: ind,
		Period:    "2025",
		Sources:   []string{sample.Source, assets.BoundarySource},
		Synthetic: true,
		Method: "LISA lokal (Moran) dengan bobot Queen dan 999 permutasi; kantong = klaster Tinggi–Tinggi dengan p ≤ 0,05. " +
			"Luas dihitung dalam km² pada elipsoid WGS84; Gi* z ≥ 1,96 ditandai. Catatan: data dikompilasi oleh tim PKH (café Tuban).",
		Classes:       "Kuantil, 5 kelas",
		Moran:         "I Moran global 0,412 (p = 0,001; 999 permutasi)",
		SuppressBelow: 5,
	}
	var pockets []string
	for i, a := range desa {
		r := DesaRow{Code: a.Code, Name: a.Name, Kecamatan: kecName[a.Parent], Level: a.Level.String(),
			Value: values[i], PValue: math.NaN(), GiZ: math.NaN(), Geom: a}
		if c := br.Class(values[i]); c >= 0 {
			r.Class = c + 1
			r.Cluster, r.PValue, r.GiZ = "ns", 0.31, 0.2
			switch {
			case c == br.Classes()-1 && i%3 != 1:
				r.Cluster, r.PValue, r.GiZ, r.Pocket = "HH", 0.0004+0.003*float64(i%5), 2.4, true
				pockets = append(pockets, a.Code)
			case c == 0 && i%4 == 0:
				r.Cluster, r.PValue, r.GiZ = "LL", 0.02, -2.1
			}
		}
		d.Desa = append(d.Desa, r)
	}
	day := time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
	d.Interventions = []aid.Intervention{
		{ID: 1, Programme: "BLT Dana Desa", Priority: aid.PriorityBeban, Agency: "Pemdes", Funding: "Dana Desa",
			Budget: 250_000_000, Households: 120, Start: day, End: end, Status: aid.StatusBerjalan, Areas: pockets[:min(2, len(pockets))]},
		{ID: 2, Programme: "Pelatihan kerja", Priority: aid.PriorityPendapatan, Agency: "Disnakerin", Funding: "APBD Kabupaten",
			Budget: 75_000_000, Households: 40, Start: day, End: end, Status: aid.StatusRencana, Areas: []string{kec[0].Code}},
		{ID: 3, Programme: "Validasi DTKS", Priority: aid.PriorityValidasi, Agency: "Dinsos P3A PMD", Funding: "APBD Kabupaten",
			Budget: 15_000_000, Households: 3, Start: day, End: end, Status: aid.StatusSelesai, Areas: []string{desa[1].Code}},
		{ID: 4, Programme: "BLT Dana Desa", Priority: aid.PriorityBeban, Agency: "Pemdes", Funding: "Dana Desa",
			Budget: 1_250_000, Households: 2, Start: day, End: end, Status: aid.StatusBerjalan, Areas: []string{kec[len(kec)-1].Code}},
	}
	reach := aid.Coverage(d.Interventions, desa, values, day)
	pos := map[string]int{}
	for i, k := range kec {
		pos[k.Code] = i
		d.Kecamatan = append(d.Kecamatan, KecamatanRow{Code: k.Code, Name: k.Name})
	}
	for i, a := range desa {
		r := &d.Desa[i]
		r.Interventions, r.Budget, r.Households = reach[i].Interventions, reach[i].Budget, reach[i].Households
		k := &d.Kecamatan[pos[a.Parent]]
		k.Desa++
		k.Numerator += num[a.Code]
		k.Denominator += den[a.Code]
		k.Budget += r.Budget
		k.Households += r.Households
		if r.Pocket {
			k.PocketDesa++
		}
	}
	for i := range d.Kecamatan {
		k := &d.Kecamatan[i]
		k.Value = k.Numerator / k.Denominator * 100
		for j := range d.Interventions {
			if pdfReaches(&d.Interventions[j], k.Code) {
				k.Intervention++
			}
		}
	}
	return d
}

func TestWriteGeoJSON(t *testing.T) {
	d := rpDataset(t)
	// One desa without a boundary, one with a small count withheld.
	d.Desa[3].Geom = nil
	d.Desa[5].Households = 3
	var buf bytes.Buffer
	if err := WriteGeoJSON(&buf, d); err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Type     string `json:"type"`
			Geometry *struct {
				Type        string           `json:"type"`
				Coordinates [][][][2]float64 `json:"coordinates"`
			} `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(buf.Bytes(), &fc); err != nil {
		t.Fatalf("not valid JSON: %v", err)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != len(d.Desa) || len(d.Desa) != 328 {
		t.Fatalf("%s with %d features, want 328", fc.Type, len(fc.Features))
	}
	want := []string{"kode", "nama", "kecamatan", "jenis", "nilai", "indikator", "satuan", "periode", "kelas",
		"klaster", "p_value", "gi_z", "kantong", "intervensi", "anggaran", "sasaran_rt", "sintetis", "disembunyikan"}
	noData, pockets := 0, 0
	for i, f := range fc.Features {
		r := d.Desa[i]
		p := f.Properties
		if f.Type != "Feature" || p["kode"] != r.Code || p["nama"] != r.Name || p["kecamatan"] != r.Kecamatan {
			t.Fatalf("feature %d: %s %v, want %s %s", i, f.Type, p, r.Code, r.Name)
		}
		for _, k := range want {
			if _, ok := p[k]; !ok {
				t.Errorf("feature %d has no %q", i, k)
			}
		}
		if len(p) != len(want) {
			t.Errorf("feature %d has %d properties, want %d", i, len(p), len(want))
		}
		for k := range p {
			switch strings.ToLower(k) {
			case "nik", "kk", "no_kk", "nama_kepala", "nama_krt", "alamat":
				t.Errorf("personal field %q", k)
			}
		}
		if p["indikator"] != "pct_desil1" || p["satuan"] != "%" || p["periode"] != "2025" || p["sintetis"] != true {
			t.Fatalf("feature %d metadata %v", i, p)
		}
		if math.IsNaN(r.Value) {
			noData++
			if p["nilai"] != nil || p["kelas"] != nil || p["klaster"] != nil || p["p_value"] != nil || p["gi_z"] != nil {
				t.Errorf("no-data desa %s: nilai %v kelas %v klaster %v p %v z %v, want null", r.Code,
					p["nilai"], p["kelas"], p["klaster"], p["p_value"], p["gi_z"])
			}
		} else {
			v, ok := p["nilai"].(float64)
			if !ok || v != r.Value {
				t.Errorf("desa %s nilai %v, want %v", r.Code, p["nilai"], r.Value)
			}
			if p["kelas"] != float64(r.Class) || p["klaster"] != r.Cluster || p["p_value"] != r.PValue {
				t.Errorf("desa %s kelas %v klaster %v p %v", r.Code, p["kelas"], p["klaster"], p["p_value"])
			}
		}
		if p["kantong"] != r.Pocket {
			t.Errorf("desa %s kantong %v", r.Code, p["kantong"])
		}
		if r.Pocket {
			pockets++
		}
		if i == 3 {
			if f.Geometry != nil {
				t.Errorf("desa without a boundary has geometry %v", f.Geometry.Type)
			}
			continue
		}
		if f.Geometry == nil || f.Geometry.Type != "MultiPolygon" || len(f.Geometry.Coordinates) == 0 {
			t.Fatalf("desa %s geometry %+v", r.Code, f.Geometry)
		}
		for _, poly := range f.Geometry.Coordinates {
			for ri, ring := range poly {
				if len(ring) < 4 || ring[0] != ring[len(ring)-1] {
					t.Fatalf("desa %s: ring of %d points, open", r.Code, len(ring))
				}
				var area float64
				for j := 1; j < len(ring); j++ {
					area += ring[j-1][0]*ring[j][1] - ring[j][0]*ring[j-1][1]
				}
				if (area > 0) != (ri == 0) {
					t.Errorf("desa %s ring %d winds the wrong way", r.Code, ri)
				}
				for _, pt := range ring {
					if pt[0] < 111 || pt[0] > 113 || pt[1] < -8 || pt[1] > -6 {
						t.Fatalf("desa %s: point %v outside Tuban", r.Code, pt)
					}
					for _, c := range pt {
						if math.Abs(c*1e7-math.Round(c*1e7)) > 1e-4 {
							t.Fatalf("coordinate %v has more than 7 decimals", c)
						}
					}
				}
			}
		}
	}
	if noData == 0 || pockets == 0 {
		t.Errorf("%d no-data desa, %d pockets: the test data should have both", noData, pockets)
	}
	// Small counts are withheld.
	p := fc.Features[5].Properties
	if p["sasaran_rt"] != nil || p["disembunyikan"] != true {
		t.Errorf("sasaran_rt 3 with SuppressBelow 5: %v, disembunyikan %v", p["sasaran_rt"], p["disembunyikan"])
	}
	for i, r := range d.Desa {
		if r.Households == 0 {
			if p := fc.Features[i].Properties; p["disembunyikan"] != false || p["sasaran_rt"] != 0.0 {
				t.Errorf("desa %s without targets: sasaran_rt %v, disembunyikan %v", r.Code, p["sasaran_rt"], p["disembunyikan"])
			}
			break
		}
	}
	// Nothing longer than 7 decimals in the text either.
	if strings.Contains(buf.String(), "NaN") {
		t.Error("NaN in the output")
	}
}

func TestWriteGeoJSONCountSuppressed(t *testing.T) {
	d := &Dataset{Indicator: geo.Indicator{Key: "rt_miskin_ekstrem", Unit: "rumah tangga"}, SuppressBelow: 5,
		Desa: []DesaRow{{Code: "35.23.01.2001", Name: "A", Value: 3, Class: 1, PValue: math.NaN(), GiZ: math.NaN()},
			{Code: "35.23.01.2002", Name: "B", Value: 0, Class: 1, PValue: math.NaN(), GiZ: math.NaN()},
			{Code: "35.23.01.2003", Name: "C", Value: 12, Class: 2, PValue: math.NaN(), GiZ: math.NaN()}}}
	var buf bytes.Buffer
	if err := WriteGeoJSON(&buf, d); err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Geometry   any            `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(buf.Bytes(), &fc); err != nil {
		t.Fatal(err)
	}
	got := []any{fc.Features[0].Properties["nilai"], fc.Features[1].Properties["nilai"], fc.Features[2].Properties["nilai"]}
	if got[0] != nil || got[1] != 0.0 || got[2] != 12.0 || fc.Features[0].Properties["disembunyikan"] != true {
		t.Errorf("nilai %v, want [nil 0 12] with the first withheld", got)
	}
	if fc.Features[0].Geometry != nil {
		t.Errorf("geometry %v, want null", fc.Features[0].Geometry)
	}
}

// TestWriteGeoJSONFile writes the GeoJSON of the whole district to
// $GEOJSON_OUT, for checking with ogrinfo or QGIS.
func TestWriteGeoJSONFile(t *testing.T) {
	path := os.Getenv("GEOJSON_OUT")
	if path == "" {
		t.Skip("GEOJSON_OUT not set")
	}
	var buf bytes.Buffer
	if err := WriteGeoJSON(&buf, rpDataset(t)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
