package sample

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"maps"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/household"
)

const (
	tubanKecFile  = "/work/shared/data/tuban-kecamatan.geojson"
	nationalCodes = "/work/shared/data/indonesia-kode-wilayah.csv.gz"
)

// tubanDesaKec reads the Tuban desa and kecamatan, or skips.
func tubanDesaKec(t testing.TB) []*geo.Area {
	t.Helper()
	var areas []*geo.Area
	for _, f := range []string{tubanFile, tubanKecFile} {
		if _, err := os.Stat(f); err != nil {
			t.Skip("data Tuban tidak tersedia:", err)
		}
		l, err := geo.ReadGeoJSONFile(f, geo.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		areas = append(areas, l.Areas...)
	}
	return areas
}

// regionCodes returns the province and kabupaten/kota codes of the
// national code list, or of Jawa Timur alone when the list is missing.
func regionCodes(t testing.TB) map[string]bool {
	t.Helper()
	codes := map[string]bool{}
	f, err := os.Open(nationalCodes)
	if err != nil {
		codes["35"] = true
		for _, k := range append(slices.Clone(jatimKab), "23") {
			codes["35."+k] = true
		}
		return codes
	}
	defer f.Close()
	gz, err := gzip.NewReader(bufio.NewReader(f))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(gz).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1:] {
		if l := len(row[0]); l == 2 || l == 5 {
			codes[row[0]] = true
		}
	}
	if len(codes) < 38+416+98 {
		t.Fatalf("only %d province/kabupaten codes read", len(codes))
	}
	return codes
}

// validate runs the validator over the list like an import does and
// returns the findings per rule code and the aggregator.
func validate(list *HouseholdList, areas []*geo.Area, regions map[string]bool) (map[string]int, *household.Aggregator) {
	cfg := household.DefaultConfig()
	v := household.NewValidator(areas, regions, cfg)
	agg := household.NewAggregator(cfg)
	got := map[string]int{}
	for i := range list.Records {
		r := &list.Records[i]
		fs := v.Check(r)
		for _, f := range fs {
			got[f.Rule]++
		}
		agg.Add(v.Desa(r), r, fs)
	}
	fin := v.Finish()
	for _, f := range fin {
		got[f.Rule]++
	}
	agg.AddFindings(fin)
	return got, agg
}

// checkPlanted asserts that the validator finds exactly the planted errors.
func checkPlanted(t *testing.T, list *HouseholdList, n int, rate float64, areas []*geo.Area, regions map[string]bool) {
	t.Helper()
	if len(list.Records) != n {
		t.Fatalf("%d records, want %d", len(list.Records), n)
	}
	for i, r := range list.Records {
		if r.Row != i+2 {
			t.Fatalf("record %d has row %d", i, r.Row)
		}
	}
	per := int(math.Round(rate * float64(n)))
	for _, rule := range household.Rules {
		if got := list.Planted[rule.Code]; got != per {
			t.Errorf("planted %d %s, want %d", got, rule.Code, per)
		}
	}
	got, agg := validate(list, areas, regions)
	for _, rule := range household.Rules {
		if got[rule.Code] != list.Planted[rule.Code] {
			t.Errorf("%s: validator found %d, planted %d", rule.Code, got[rule.Code], list.Planted[rule.Code])
		}
	}
	if len(got) > len(household.Rules) {
		t.Errorf("findings of unknown rules: %v", got)
	}
	t.Logf("%d households, planted per rule: %v", n, list.Planted)

	// The aggregation agrees: unplaced households are those with an unknown
	// or missing desa, stacking households are the planted ones.
	if want := list.Planted[household.RuleDesaCode] + list.Planted[household.RuleDesaMissing]; agg.Unplaced() != want {
		t.Errorf("Unplaced = %d, want %d", agg.Unplaced(), want)
	}
	sum := map[string]float64{}
	desa := map[string]bool{}
	for _, v := range agg.Values("2025") {
		sum[v.Indicator] += v.Value
		desa[v.Code] = true
	}
	if int(sum["hh_total"])+agg.Unplaced() != n {
		t.Errorf("hh_total %v + unplaced %d != %d", sum["hh_total"], agg.Unplaced(), n)
	}
	if int(sum["hh_stacking"]) != list.Planted[household.RuleStacking] {
		t.Errorf("hh_stacking %v, planted %d", sum["hh_stacking"], list.Planted[household.RuleStacking])
	}
	if len(desa) != 328 {
		t.Errorf("households in %d desa, want 328", len(desa))
	}
	t.Logf("totals: %v", sum)
}

func TestHouseholdsPlanted(t *testing.T) {
	areas := tubanDesaKec(t)
	regions := regionCodes(t)
	const n = 30_000
	list := Households(areas, 7, HouseholdOptions{Households: n})
	checkPlanted(t, list, n, DefaultErrorRate, areas, regions)
	// Another seed and rate.
	list = Households(areas, 8, HouseholdOptions{Households: 10_000, ErrorRate: 0.025})
	checkPlanted(t, list, 10_000, 0.025, areas, regions)
}

func TestHouseholdsFullTuban(t *testing.T) {
	if testing.Short() {
		t.Skip("150.000 rumah tangga: lewati dengan -short")
	}
	areas := tubanDesaKec(t)
	list := Households(areas, 2025, HouseholdOptions{}) // the defaults
	checkPlanted(t, list, DefaultHouseholds, DefaultErrorRate, areas, regionCodes(t))
}

func TestHouseholdsClean(t *testing.T) {
	areas := tubanDesaKec(t)
	list := Households(areas, 3, HouseholdOptions{Households: 20_000, ErrorRate: -1})
	got, _ := validate(list, areas, regionCodes(t))
	if len(got) != 0 {
		t.Errorf("a list without planted errors has findings: %v", got)
	}
	for k, v := range list.Planted {
		if v != 0 {
			t.Errorf("planted %d %s", v, k)
		}
	}
}

func TestHouseholdsPlausible(t *testing.T) {
	areas := tubanDesaKec(t)
	list := Households(areas, 11, HouseholdOptions{Households: 30_000, ErrorRate: -1})
	var (
		n                      = float64(len(list.Records))
		points, d14, tuban, fe float64
		members, progs         float64
		pkhOutside             int
		names                  = map[string]bool{}
	)
	for _, r := range list.Records {
		if r.HasPoint {
			points++
		}
		if r.Desil <= 4 {
			d14++
		}
		if strings.HasPrefix(r.NIK, "3523") {
			tuban++
		}
		if r.NIK[6] >= '4' {
			fe++
		}
		if r.Members < 1 || r.Members > 8 {
			t.Fatalf("members %d", r.Members)
		}
		members += float64(r.Members)
		if len(r.Programmes) > 0 {
			progs++
		}
		for _, p := range r.Programmes {
			if household.ProgrammeKey(p) == "pkh" && r.Desil > 4 {
				pkhOutside++
			}
		}
		if r.Name == "" || !strings.Contains(r.Address, "RT 0") || !strings.Contains(r.Address, "/RW 0") {
			t.Fatalf("bad name or address: %+v", r)
		}
		names[r.Name] = true
	}
	share := func(name string, x, lo, hi float64) {
		t.Logf("%s: %.3f", name, x)
		if x < lo || x > hi {
			t.Errorf("%s = %.3f, want %g..%g", name, x, lo, hi)
		}
	}
	share("with point", points/n, 0.57, 0.63)
	share("desil 1-4", d14/n, 0.82, 0.88)
	share("NIK 35.23", tuban/n, 0.9, 0.96)
	share("female heads", fe/n, 0.17, 0.23)
	share("members per household", members/n, 3.2, 4.2)
	share("with a programme", progs/n, 0.6, 0.9)
	share("distinct names per household", float64(len(names))/n, 0.2, 1)
	if pkhOutside > 0 {
		t.Errorf("%d PKH households above desil 4", pkhOutside)
	}
}

func TestHouseholdsDeterministic(t *testing.T) {
	areas := tubanDesaKec(t)
	opt := HouseholdOptions{Households: 4000, ErrorRate: 0.02}
	a := Households(areas, 42, opt)
	rev := slices.Clone(areas)
	slices.Reverse(rev)
	b := Households(rev, 42, opt)
	if !equalLists(a, b) {
		t.Fatal("same seed, areas reversed: different lists")
	}
	if c := Households(areas, 43, opt); equalLists(a, c) {
		t.Fatal("different seeds gave identical lists")
	}
	if l := Households(nil, 1, opt); len(l.Records) != 0 {
		t.Fatal("records without areas")
	}
}

func equalLists(a, b *HouseholdList) bool {
	return maps.Equal(a.Planted, b.Planted) && slices.EqualFunc(a.Records, b.Records, func(x, y household.Record) bool {
		return x.Row == y.Row && x.NIK == y.NIK && x.KK == y.KK && x.Name == y.Name && x.Address == y.Address &&
			x.DesaCode == y.DesaCode && x.DesaName == y.DesaName && x.Desil == y.Desil && x.DesilText == y.DesilText &&
			x.Members == y.Members && x.Disabled == y.Disabled && x.Elderly == y.Elderly &&
			slices.Equal(x.Programmes, y.Programmes) && x.HasPoint == y.HasPoint && x.Point == y.Point
	})
}

// readCSV parses WriteCSV's output back into records, as an importer would.
func readCSV(t *testing.T, data []byte) []household.Record {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], csvHeader) {
		t.Fatalf("header %v", rows[0])
	}
	num := func(s string) int {
		if s == "" {
			return -1
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("number %q: %v", s, err)
		}
		return n
	}
	var out []household.Record
	for i, row := range rows[1:] {
		r := household.Record{Row: i + 2, KK: row[0], NIK: row[1], Name: row[2], Address: row[3],
			DesaCode: row[4], DesaName: row[5], DesilText: row[6],
			Members: num(row[7]), Disabled: num(row[8]), Elderly: num(row[9]),
			Programmes: household.SplitProgrammes(row[10])}
		r.Desil, _ = strconv.Atoi(row[6])
		if row[11] != "" {
			lon, err1 := strconv.ParseFloat(row[11], 64)
			lat, err2 := strconv.ParseFloat(row[12], 64)
			if err1 != nil || err2 != nil {
				t.Fatalf("row %d: bad point %q %q", i+2, row[11], row[12])
			}
			r.HasPoint, r.Point = true, orb.Point{lon, lat}
		}
		out = append(out, r)
	}
	return out
}

func TestHouseholdsCSV(t *testing.T) {
	areas := tubanDesaKec(t)
	list := Households(areas, 5, HouseholdOptions{Households: 8000, ErrorRate: 0.02})
	var buf bytes.Buffer
	if err := list.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	back := readCSV(t, buf.Bytes())
	if len(back) != len(list.Records) {
		t.Fatalf("%d rows read back, want %d", len(back), len(list.Records))
	}
	if !equalLists(list, &HouseholdList{Records: back, Planted: list.Planted}) {
		for i := range back {
			if !equalLists(&HouseholdList{Records: list.Records[i : i+1]}, &HouseholdList{Records: back[i : i+1]}) {
				t.Fatalf("row %d differs:\n%+v\n%+v", i+2, list.Records[i], back[i])
			}
		}
	}
	// Validating the file read back finds the same planted errors.
	got, _ := validate(&HouseholdList{Records: back}, areas, regionCodes(t))
	for _, rule := range household.Rules {
		if got[rule.Code] != list.Planted[rule.Code] {
			t.Errorf("%s: %d found in the CSV, planted %d", rule.Code, got[rule.Code], list.Planted[rule.Code])
		}
	}
	lines := strings.SplitN(buf.String(), "\n", 3)
	t.Logf("CSV: %d bytes\n%s\n%s", buf.Len(), lines[0], lines[1])
}

func TestHouseholdsSmall(t *testing.T) {
	areas := tubanDesaKec(t)
	for _, n := range []int{1, 17, 18, 100} {
		list := Households(areas, 1, HouseholdOptions{Households: n, ErrorRate: 0.5})
		if len(list.Records) != n {
			t.Fatalf("%d records, want %d", len(list.Records), n)
		}
		got, _ := validate(list, areas, regionCodes(t))
		for _, rule := range household.Rules {
			if got[rule.Code] != list.Planted[rule.Code] || list.Planted[rule.Code] != n/18 {
				t.Errorf("n=%d %s: found %d, planted %d, want %d", n, rule.Code, got[rule.Code], list.Planted[rule.Code], n/18)
			}
		}
	}
}
