package app_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dinsos-tuban/pocketmap/app"
	"github.com/dinsos-tuban/pocketmap/assets"
	"github.com/dinsos-tuban/pocketmap/geo"
)

// A new database carries the published IDM 2023 and 2024 beside the
// synthetic sample, each labelled with its source; the published figures
// are never marked synthetic, and they are added once.
func TestSeedCarriesPublishedIDM(t *testing.T) {
	svc, db := open(t)
	ctx := context.Background()
	if ok, err := svc.SeedIfEmpty(ctx, db); err != nil || !ok {
		t.Fatalf("seeding: %v %v", ok, err)
	}
	inds, err := db.Indicators(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]geo.Indicator{}
	for _, ind := range inds {
		byKey[ind.Key] = ind
	}
	for _, k := range []string{"idm", "iks", "ike", "ikl", "status_idm"} {
		ind, ok := byKey[k]
		if !ok || ind.Synthetic || ind.Source != assets.IDMSource || ind.Period != "2024" || ind.Poorer != geo.LowerIsPoorer {
			t.Errorf("%s: %+v", k, ind)
		}
		if p, _ := db.Periods(ctx, k); !slices.Equal(p, []string{"2023", "2024"}) {
			t.Errorf("%s periods %v", k, p)
		}
	}
	if !byKey["pct_desil1"].Synthetic {
		t.Error("the sample is no longer marked synthetic")
	}
	if ok, err := svc.SeedPublished(ctx, db); err != nil || ok {
		t.Errorf("second time: %v %v", ok, err)
	}
	// SOURCES-idm.md: 2023 has 125 Mandiri, 180 Maju and 6 Berkembang desa;
	// 2024 has 186 Mandiri and 125 Maju.
	for period, want := range map[string][]int{"2023": {0, 0, 6, 180, 125}, "2024": {0, 0, 0, 125, 186}} {
		set := app.DefaultSettings()
		set.Indicator, set.Period = "status_idm", period
		r, err := svc.Analyse(ctx, set)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(r.Map.Counts, want) || r.Map.NoData != 17 || !slices.Equal(r.Map.Names, geo.IDMStatus.Categories) {
			t.Errorf("%s: legend %v %v, %d without data", period, r.Map.Names, r.Map.Counts, r.Map.NoData)
		}
		if !strings.Contains(r.NoPockets, "kategori") || slices.Contains(r.Pockets.Pocket, true) {
			t.Errorf("%s: pockets on categories: %q", period, r.NoPockets)
		}
	}
}

// The two-period comparison on the published IDM: every desa's change is
// its 2024 index minus its 2023 index, and the status comparison counts the
// desa that moved up the scale (125 Mandiri in 2023, 186 in 2024).
func TestCompareIDM2023To2024(t *testing.T) {
	svc := seeded(t)
	ctx := context.Background()
	set := app.DefaultSettings()
	set.Indicator = "idm"
	r, err := svc.Analyse(ctx, set)
	if err != nil {
		t.Fatal(err)
	}
	c, err := svc.Compare(ctx, r, "2023", "2024")
	if err != nil {
		t.Fatal(err)
	}
	jlodro := slices.IndexFunc(r.Villages, func(a *geo.Area) bool { return a.Code == "35.23.01.2001" })
	// idm2023: 0.8186, idm2024: 0.8335.
	if d := c.Legend.Values[jlodro]; d < 0.01489 || d > 0.01491 {
		t.Errorf("Jlodro change %v, want 0.0149", d)
	}
	if c.Legend.NoData != 17 {
		t.Errorf("%d desa without change, want the 17 kelurahan", c.Legend.NoData)
	}
	set.Indicator = "status_idm"
	if r, err = svc.Analyse(ctx, set); err != nil {
		t.Fatal(err)
	}
	if c, err = svc.Compare(ctx, r, "2023", "2024"); err != nil {
		t.Fatal(err)
	}
	up, down := 0, 0
	for _, m := range c.Moved {
		if m.ToClass > m.FromClass {
			up++
		} else {
			down++
		}
	}
	if !slices.Equal(c.Legend.Names, []string{"Turun", "Tetap", "Naik"}) || c.Legend.Counts[2] != up || c.Legend.Counts[0] != down {
		t.Errorf("legend %v %v; %d up, %d down", c.Legend.Names, c.Legend.Counts, up, down)
	}
	// Net: Mandiri grew by 61 and Berkembang lost 6.
	if up-down < 61 {
		t.Errorf("%d up, %d down", up, down)
	}
}

// A categorical indicator is exported as text: the summary's kecamatan
// value is the most frequent status, and the class is the category's
// place; the source is Kemendes PDTT, not "synthetic".
func TestCategoricalSummary(t *testing.T) {
	svc := seeded(t)
	ctx := context.Background()
	set := app.DefaultSettings()
	set.Indicator = "status_idm"
	ds, _, err := svc.Summary(ctx, set)
	if err != nil {
		t.Fatal(err)
	}
	if ds.Synthetic || !slices.Contains(ds.Sources, assets.IDMSource) {
		t.Errorf("synthetic %v, sources %q", ds.Synthetic, ds.Sources)
	}
	for _, k := range ds.Kecamatan {
		if k.Name == "Jatirogo" {
			// 9 Maju and 9 Mandiri: a tie goes to the lower status.
			if name, _ := ds.Indicator.Category(k.Value); name != "Maju" || k.Class != 4 {
				t.Errorf("Jatirogo %q class %d", name, k.Class)
			}
		}
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "status.geojson")
	if _, err := svc.Export(ctx, set, app.Export{Kind: app.ExportGeoJSON, Path: out}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"kategori":"Mandiri"`) || strings.Contains(string(b), `"sintetis":true`) {
		t.Errorf("GeoJSON does not carry the status as text or says synthetic")
	}
}
