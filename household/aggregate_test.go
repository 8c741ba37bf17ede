package household

import (
	"slices"
	"testing"

	"github.com/dinsos-tuban/pocketmap/geo"
)

func TestAggregator(t *testing.T) {
	const a, b = "35.23.01.2001", "35.23.01.2008"
	agg := NewAggregator(DefaultConfig())
	e := Finding{Rule: RuleDesil, Severity: Error}
	w := Finding{Rule: RuleDesaName, Severity: Warning}
	agg.Add(a, &Record{Desil: 1, Members: 4, Disabled: 1, Elderly: 0}, []Finding{e})
	agg.Add(a, &Record{Desil: 2, Members: 3, Disabled: 0, Elderly: 1, Programmes: []string{"PKH", "Sembako", "pkh"}}, nil)
	agg.Add(a, &Record{Desil: 5, Members: -1, Disabled: -1, Elderly: -1, Programmes: []string{"BLT-DBHCHT", "PKH"}}, []Finding{e, w})
	agg.Add(b, &Record{Desil: 0, Members: 2, Disabled: -1, Elderly: 2, Programmes: []string{"Bantuan Lansia", "-"}}, nil)
	agg.Add(b, &Record{Desil: 2, Members: 1, Disabled: 0, Elderly: 1, Programmes: []string{"tidak ada"}}, nil)
	agg.Add("", &Record{Desil: 1, Members: 5}, []Finding{e})
	agg.AddFindings([]Finding{{Rule: RuleNIKDuplicate, Severity: Error, DesaCode: b}, {Rule: RuleKKDuplicate, Severity: Error}})

	if agg.Unplaced() != 1 {
		t.Errorf("Unplaced = %d, want 1", agg.Unplaced())
	}
	vals := agg.Values("2025-T1")
	got := map[string]map[string]float64{}
	var order []string
	for _, v := range vals {
		if v.Period != "2025-T1" {
			t.Fatalf("period %q", v.Period)
		}
		if got[v.Code] == nil {
			got[v.Code] = map[string]float64{}
		}
		if v.Code == a {
			order = append(order, v.Indicator)
		}
		got[v.Code][v.Indicator] = v.Value
	}
	if len(got) != 2 {
		t.Fatalf("values for %d desa, want 2", len(got))
	}
	want := map[string]map[string]float64{
		a: {"hh_total": 3, "hh_desil1": 1, "hh_desil2": 1, "hh_desil5": 1, "hh_desil1_2": 2, "persons": 7,
			"persons_disabled": 1, "persons_elderly": 1, "hh_prog_pkh": 2, "hh_prog_bpnt": 1, "hh_prog_blt_dbhcht": 1,
			"hh_poor_noprog": 1, "hh_stacking": 1, "findings_error": 2, "findings_warning": 1, "findings_total": 3},
		b: {"hh_total": 2, "hh_desil2": 1, "hh_desil1_2": 1, "persons": 3, "persons_elderly": 3,
			"hh_prog_bantuan_lansia": 1, "hh_poor_noprog": 1, "findings_error": 1, "findings_total": 1},
	}
	inds := agg.Indicators("2025-T1")
	var countKeys []string
	for _, ind := range inds {
		if !ind.Derived() {
			countKeys = append(countKeys, ind.Key)
		}
	}
	if !slices.Equal(order, countKeys) {
		t.Errorf("value order %v,\nwant the count indicators %v", order, countKeys)
	}
	for code, m := range want {
		for _, k := range countKeys {
			if got[code][k] != m[k] {
				t.Errorf("%s %s = %v, want %v", code, k, got[code][k], m[k])
			}
		}
	}
}

func TestIndicators(t *testing.T) {
	inds := Indicators("2025")
	keys := map[string]geo.Indicator{}
	for _, ind := range inds {
		if _, dup := keys[ind.Key]; dup {
			t.Errorf("duplicate %s", ind.Key)
		}
		if ind.Label == "" || ind.Unit == "" || ind.Source != Source || ind.Period != "2025" || ind.Synthetic {
			t.Errorf("bad metadata %+v", ind)
		}
		keys[ind.Key] = ind
	}
	for _, ind := range inds {
		if !ind.Derived() {
			continue
		}
		n, okN := keys[ind.Numerator]
		d, okD := keys[ind.Denominator]
		if !okN || !okD || n.Derived() || d.Derived() || ind.Scale != 100 {
			t.Errorf("%s: bad ratio %s/%s×%g", ind.Key, ind.Numerator, ind.Denominator, ind.Scale)
		}
	}
	for _, k := range []string{"hh_total", "hh_desil1", "hh_desil10", "hh_desil1_2", "persons", "persons_disabled",
		"persons_elderly", "hh_prog_pkh", "hh_prog_bpnt", "hh_prog_blt_dd", "hh_prog_blt_dbhcht", "hh_prog_pbi_jk",
		"hh_poor_noprog", "hh_stacking", "findings_error", "findings_warning",
		"pct_hh_desil1", "pct_hh_desil1_2", "findings_per_100", "pct_poor_noprog"} {
		if _, ok := keys[k]; !ok {
			t.Errorf("missing %s", k)
		}
	}
	if keys["pct_hh_desil1"].Poorer != geo.HigherIsPoorer || keys["hh_total"].Poorer != geo.Neither || keys["hh_desil7"].Poorer != geo.Neither {
		t.Error("directions not sensible")
	}
	if r := keys["pct_poor_noprog"]; r.Numerator != "hh_poor_noprog" || r.Denominator != "hh_desil1_2" {
		t.Errorf("pct_poor_noprog = %s/%s", r.Numerator, r.Denominator)
	}
}
