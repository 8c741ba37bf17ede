package ingest

import (
	"encoding/csv"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dinsos-tuban/pocketmap/geo"
)

// area builds an area from its code; geometry is not needed for matching.
func area(code, name string) *geo.Area {
	return &geo.Area{Code: code, Name: name, Level: geo.CodeLevel(code), Parent: geo.ParentCode(code)}
}

func testAreas() []*geo.Area {
	return []*geo.Area{
		area("35.23", "Tuban"),
		area("35.23.01", "Kenduruan"),
		area("35.23.06", "Tambakboyo"),
		area("35.23.16", "Tuban"),
		area("35.23.18", "Palang"),
		area("35.23.01.2001", "Jlodro"),
		area("35.23.01.2002", "Sokogunung"),
		area("35.23.01.2008", "Sidorejo"),
		area("35.23.16.1010", "Sidorejo"),
		area("35.23.06.2018", "Glondonggede"),
		area("35.23.18.1001", "Panyuran"),
	}
}

func rowCodes(t *Table) string {
	var parts []string
	for _, r := range t.Rows {
		s := fmt.Sprintf("%d:%s:%d", r.Line, r.Code, r.Match)
		for _, v := range r.Values {
			if v.Code != r.Code && r.Match != MatchNone || v.Code != "" && r.Match == MatchNone {
				s += "!value-code=" + v.Code
			}
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func lines(us []Unmatched) []int {
	var ls []int
	for _, u := range us {
		ls = append(ls, u.Line)
	}
	return ls
}

func TestMatchNames(t *testing.T) {
	tab := mustRead(t, "names.csv", Options{Period: "2025"})
	h := Match(tab, testAreas())

	want := "2:35.23.01.2001:2 3:35.23.01.2008:2 4:35.23.16.1010:2 5::0 6::0 7::0 8::0 9::0"
	if got := rowCodes(tab); got != want {
		t.Errorf("rows:\n got %s\nwant %s", got, want)
	}
	if h.Rows != 8 || h.ByCode != 0 || h.ByName != 3 || h.ByFuzzy != 0 {
		t.Errorf("Rows, ByCode, ByName, ByFuzzy = %d, %d, %d, %d", h.Rows, h.ByCode, h.ByName, h.ByFuzzy)
	}
	if len(h.Ambiguous) != 1 || h.Ambiguous[0].Line != 5 || !slices.Equal(h.Ambiguous[0].Codes, []string{"35.23.01.2008", "35.23.16.1010"}) {
		t.Errorf("Ambiguous = %+v", h.Ambiguous)
	}
	wantFuzzy := []NameMatch{
		{Line: 6, Name: "Glodonggede", Kec: "Tambakboyo", Code: "35.23.06.2018", AreaName: "Glondonggede", Kind: MatchFuzzy, Distance: 1},
		{Line: 7, Name: "Payuran", Kec: "Palang", Code: "35.23.18.1001", AreaName: "Panyuran", Kind: MatchFuzzy, Distance: 1},
	}
	if !slices.Equal(h.Fuzzy, wantFuzzy) {
		t.Errorf("Fuzzy:\n got %+v\nwant %+v", h.Fuzzy, wantFuzzy)
	}
	if got := lines(h.UnknownNames); !slices.Equal(got, []int{8, 9}) {
		t.Errorf("UnknownNames = %+v", h.UnknownNames)
	} else if u := h.UnknownNames[1]; !slices.Equal(u.Codes, []string{"35.23.01.2001"}) || !strings.Contains(u.Reason, "tidak ada di kecamatan Tuban") {
		t.Errorf("UnknownNames[1] = %+v", u)
	}
	if len(h.UnknownCodes) != 0 || len(h.Duplicates) != 0 {
		t.Errorf("UnknownCodes = %+v, Duplicates = %+v", h.UnknownCodes, h.Duplicates)
	}
	if got := h.MissingValues["jumlah_rt"]; !slices.Equal(got, []string{"35.23.01.2002", "35.23.06.2018", "35.23.18.1001"}) {
		t.Errorf("MissingValues = %v", h.MissingValues)
	}

	report := h.Report()
	for _, s := range []string{
		"Kecocokan wilayah: 8 baris",
		"cocok menurut nama: 3",
		`baris 6: "Glodonggede" → 35.23.06.2018 Glondonggede (perlu disetujui)`,
		`baris 7: "Payuran" → 35.23.18.1001 Panyuran (perlu disetujui)`,
		`baris 5: nama "Sidorejo" cocok dengan 2 wilayah: 35.23.01.2008 Sidorejo (Kec. Kenduruan), 35.23.16.1010 Sidorejo (Kec. Tuban)`,
		`baris 8: nama "Atlantis" tidak ada dalam daftar desa/kelurahan`,
		"jumlah_rt: 3 wilayah: 35.23.01.2002 Sokogunung, 35.23.06.2018 Glondonggede, 35.23.18.1001 Panyuran",
	} {
		if !strings.Contains(report, s) {
			t.Errorf("report lacks %q:\n%s", s, report)
		}
	}

	// Accept one line, then the rest.
	h.Accept(tab, 6)
	if tab.Rows[4].Code != "35.23.06.2018" || tab.Rows[4].Match != MatchFuzzy || tab.Rows[4].Values[0].Code != "35.23.06.2018" {
		t.Errorf("row 6 after Accept: %+v", tab.Rows[4])
	}
	if tab.Rows[5].Code != "" || len(h.Fuzzy) != 1 || h.Fuzzy[0].Line != 7 || h.ByFuzzy != 1 {
		t.Errorf("after Accept(6): row 7 %+v, Fuzzy %+v, ByFuzzy %d", tab.Rows[5], h.Fuzzy, h.ByFuzzy)
	}
	if got := h.MissingValues["jumlah_rt"]; !slices.Equal(got, []string{"35.23.01.2002", "35.23.18.1001"}) {
		t.Errorf("MissingValues after Accept(6) = %v", got)
	}
	h.Accept(tab)
	if tab.Rows[5].Code != "35.23.18.1001" || len(h.Fuzzy) != 0 || h.ByFuzzy != 2 {
		t.Errorf("after Accept(): row 7 %+v, Fuzzy %+v", tab.Rows[5], h.Fuzzy)
	}
	if got := h.MissingValues["jumlah_rt"]; !slices.Equal(got, []string{"35.23.01.2002"}) {
		t.Errorf("MissingValues after Accept() = %v", got)
	}
	if r := h.Report(); !strings.Contains(r, "nama mirip yang disetujui: 2") || strings.Contains(r, "perlu disetujui)") {
		t.Errorf("report after Accept:\n%s", r)
	}

	// Matching again starts afresh.
	h = Match(tab, testAreas())
	if got := rowCodes(tab); got != want || h.ByName != 3 || len(h.Fuzzy) != 2 {
		t.Errorf("second Match: %s, ByName %d, Fuzzy %d", got, h.ByName, len(h.Fuzzy))
	}
}

func TestMatchCodes(t *testing.T) {
	src := "kode,nama,jumlah_rt\n" +
		"35.23.01.2001,Jlodro,1\n" +
		"35.23.99.2001,Sokogunung,2\n" +
		"35.23.01,,3\n" +
		",Jlodro,4\n"
	tab, err := ReadCSV(strings.NewReader(src), "kode.csv", Options{Period: "2025"})
	if err != nil {
		t.Fatal(err)
	}
	h := Match(tab, testAreas())
	if want := "2:35.23.01.2001:1 3:35.23.99.2001:0 4:35.23.01:1 5:35.23.01.2001:2"; rowCodes(tab) != want {
		t.Errorf("rows:\n got %s\nwant %s", rowCodes(tab), want)
	}
	if h.ByCode != 2 || h.ByName != 1 {
		t.Errorf("ByCode, ByName = %d, %d", h.ByCode, h.ByName)
	}
	if len(h.UnknownCodes) != 1 || h.UnknownCodes[0].Line != 3 ||
		h.UnknownCodes[0].Reason != `kode 35.23.99.2001 tidak ada dalam daftar wilayah; nama "Sokogunung" cocok dengan kode 35.23.01.2002` {
		t.Errorf("UnknownCodes = %+v", h.UnknownCodes)
	}
	// Line 5 names the area line 2 gives by code.
	if len(h.Duplicates) != 1 || h.Duplicates[0].Line != 5 || !strings.Contains(h.Duplicates[0].Reason, "baris 2") {
		t.Errorf("Duplicates = %+v", h.Duplicates)
	}
	if r := h.Report(); !strings.Contains(r, "baris 3: kode 35.23.99.2001 tidak ada") || !strings.Contains(r, "nilai ganda: 1") {
		t.Errorf("report:\n%s", r)
	}
}

func TestMissingValuesReportCap(t *testing.T) {
	areas := []*geo.Area{area("35.23.01", "Kenduruan")}
	for i := range 25 {
		areas = append(areas, area(fmt.Sprintf("35.23.01.%04d", 2001+i), fmt.Sprintf("Desa%d", i)))
	}
	tab, err := ReadCSV(strings.NewReader("kode;a;b\n35.23.01.2001;1;2\n"), "x.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := Match(tab, areas).Report()
	want := "  a: 24 wilayah: 35.23.01.2002 Desa1, 35.23.01.2003 Desa2, 35.23.01.2004 Desa3, 35.23.01.2005 Desa4, 35.23.01.2006 Desa5, " +
		"35.23.01.2007 Desa6, 35.23.01.2008 Desa7, 35.23.01.2009 Desa8, 35.23.01.2010 Desa9, 35.23.01.2011 Desa10 … dan 14 lainnya\n"
	if !strings.Contains(r, want) || !strings.Contains(r, "  b: 24 wilayah") {
		t.Errorf("report:\n%s", r)
	}
}

// tubanAreas reads the real code list: 328 desa/kelurahan and 20
// kecamatan.
func tubanAreas(t *testing.T) []*geo.Area {
	f, err := os.Open("/work/shared/data/tuban-kode-wilayah.csv")
	if err != nil {
		t.Skip("daftar kode wilayah tidak tersedia:", err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var areas []*geo.Area
	for _, rec := range recs[1:] {
		a := &geo.Area{Code: rec[0], Name: rec[1], Level: geo.ParseLevel(rec[2]), Parent: geo.ParentCode(rec[0])}
		if a.Level != geo.CodeLevel(a.Code) {
			t.Fatalf("%s: level %v from tingkat, %v from code", a.Code, a.Level, geo.CodeLevel(a.Code))
		}
		areas = append(areas, a)
	}
	return areas
}

func TestMatchTuban(t *testing.T) {
	areas := tubanAreas(t)
	kec := make(map[string]string)
	var villages []*geo.Area
	for _, a := range areas {
		switch {
		case a.Level == geo.LevelKecamatan:
			kec[a.Code] = a.Name
		case a.Level.IsVillage():
			villages = append(villages, a)
		}
	}
	if len(villages) != 328 || len(kec) != 20 {
		t.Fatalf("%d villages, %d kecamatan", len(villages), len(kec))
	}
	old := map[string]string{"Glondonggede": "Glodonggede", "Panyuran": "Payuran"}
	build := func(withKec bool) string {
		var b strings.Builder
		if withKec {
			b.WriteString("Kecamatan;Desa/Kelurahan;Jumlah RT\n")
		} else {
			b.WriteString("Desa/Kelurahan;Jumlah RT\n")
		}
		for i, a := range villages {
			name := a.Name
			if o, ok := old[name]; ok {
				name = o
			}
			if withKec {
				fmt.Fprintf(&b, "%s;Desa %s;%d\n", strings.ToUpper(kec[a.Parent]), name, i)
			} else {
				fmt.Fprintf(&b, "%s;%d\n", name, i)
			}
		}
		return b.String()
	}

	tab, err := ReadCSV(strings.NewReader(build(true)), "tuban.csv", Options{Period: "2025"})
	if err != nil {
		t.Fatal(err)
	}
	h := Match(tab, areas)
	if h.ByName != 326 || len(h.Fuzzy) != 2 || len(h.Ambiguous)+len(h.UnknownNames)+len(h.Duplicates) != 0 {
		t.Fatalf("with kecamatan:\n%s", h.Report())
	}
	got := map[string]string{}
	for _, f := range h.Fuzzy {
		got[strings.TrimPrefix(f.Name, "Desa ")] = f.Code
	}
	if got["Glodonggede"] != "35.23.06.2018" || got["Payuran"] != "35.23.18.1001" {
		t.Errorf("Fuzzy = %+v", h.Fuzzy)
	}
	for i, r := range tab.Rows {
		if r.Match == MatchName && r.Code != villages[i].Code {
			t.Errorf("line %d %q matched %s, want %s", r.Line, r.Name, r.Code, villages[i].Code)
		}
	}
	h.Accept(tab)
	if len(h.MissingValues) != 0 || h.ByFuzzy != 2 {
		t.Errorf("after Accept: %v", h.MissingValues)
	}

	// Without the kecamatan column the 18 names shared by two or three
	// villages are ambiguous; the old spellings still match fuzzily.
	tab, err = ReadCSV(strings.NewReader(build(false)), "tuban.csv", Options{Period: "2025"})
	if err != nil {
		t.Fatal(err)
	}
	h = Match(tab, areas)
	if h.ByName != 328-2-38 || len(h.Ambiguous) != 38 || len(h.Fuzzy) != 2 || len(h.UnknownNames) != 0 {
		t.Errorf("without kecamatan: ByName %d, Ambiguous %d, Fuzzy %d, Unknown %d\n%s",
			h.ByName, len(h.Ambiguous), len(h.Fuzzy), len(h.UnknownNames), h.Report())
	}
	if len(h.MissingValues["jumlah_rt"]) != 40 {
		t.Errorf("%d villages without value, want 40", len(h.MissingValues["jumlah_rt"]))
	}
}

func BenchmarkMatch(b *testing.B) {
	src := bigCSV(10000)
	tab, err := ReadCSV(strings.NewReader(src), "besar.csv", Options{Period: "2025"})
	if err != nil {
		b.Fatal(err)
	}
	areas := testAreas()
	for b.Loop() {
		Match(tab, areas)
	}
}
