package ingest

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/internal/bpstest"
)

// tubanCodes reads Tuban's Kemendagri code list (the shared data beside
// the repository) as areas, and gives each kecamatan and desa a BPS-style
// number the way BPS numbers them: kecamatan 010, 020, … in the order of
// the list, desa 001, 002, … within their kecamatan.
func tubanCodes(t *testing.T) (areas []*geo.Area, bps map[string]string) {
	t.Helper()
	rows, bps, err := bpstest.Numbers(filepath.Join("..", "..", bpstest.CodeList))
	if err != nil {
		t.Skipf("Tuban code list not found beside the repository: %v", err)
	}
	for _, r := range rows {
		areas = append(areas, &geo.Area{Code: r.Code, Name: r.Name, Level: geo.CodeLevel(r.Code), Parent: geo.ParentCode(r.Code)})
	}
	return areas, bps
}

// TestBPSKeyedIndicators: a table keyed by BPS desa codes with BPS field
// names (iddesa, nmdesa, kdkec, nmkec) is recognised without asking, never
// read as Kemendagri codes, and matched by kecamatan and desa name: exact
// names at once, spelling variants offered for acceptance, unknown names
// listed. The pairs found then match a later file that has BPS codes only.
func TestBPSKeyedIndicators(t *testing.T) {
	areas, bps := tubanCodes(t)
	names := map[string]string{}
	kecName := map[string]string{}
	for _, a := range areas {
		names[a.Code] = a.Name
		if a.Level == geo.LevelKecamatan {
			kecName[a.Code] = a.Name
		}
	}
	variants := map[string]string{
		"35.23.01.2002": "SOKO GUNUNG", // spaces and case: an exact match
		"35.23.01.2003": "Jamprongg",   // a typing slip: offered
	}
	variants["35.23.02.2001"] = "Desa " + names["35.23.02.2001"] // a prefix: exact
	var b strings.Builder
	b.WriteString("iddesa,kdkec,nmkec,nmdesa,jumlah_posyandu\n")
	for _, a := range areas {
		if !a.Level.IsVillage() {
			continue
		}
		n := names[a.Code]
		if v, ok := variants[a.Code]; ok {
			n = v
		}
		code := bps[a.Code]
		fmt.Fprintf(&b, "%s,%s,%s,%s,%d\n", code, code[4:7], strings.ToUpper(kecName[a.Parent]), n, len(n))
	}
	b.WriteString("3523990001,990,ANTAH,Berantah,1\n")
	s, err := ReadSheetCSV(strings.NewReader(b.String()), "bps.csv")
	if err != nil {
		t.Fatal(err)
	}
	plan := Detect(s)
	if c := plan.Columns[0]; c.Use != UseBPS {
		t.Fatalf("iddesa used as %v", c.Use)
	}
	if c := plan.Columns[1]; c.Use != UseSkip || c.Note != "kode kecamatan BPS" {
		t.Errorf("kdkec: %+v", c)
	}
	tab, err := Build(s, plan, Options{Period: "2025"})
	if err != nil {
		t.Fatal(err)
	}
	h := MatchWith(tab, areas, nil)
	if h.ByName != 327 || len(h.Fuzzy) != 1 || len(h.UnknownNames) != 1 || h.ByCode != 0 {
		t.Fatalf("by name %d, fuzzy %v, unknown %v, by code %d", h.ByName, h.Fuzzy, h.UnknownNames, h.ByCode)
	}
	if f := h.Fuzzy[0]; f.Code != "35.23.01.2003" || f.Name != "Jamprongg" {
		t.Errorf("near match %+v", f)
	}
	if u := h.UnknownNames[0]; !strings.Contains(u.Reason, `"Berantah"`) {
		t.Errorf("unknown %+v", u)
	}
	h.Accept(tab)
	pairs := tab.Crosswalk()
	if len(pairs) != 328 {
		t.Fatalf("%d pairs, want 328", len(pairs))
	}
	cw := map[string]string{}
	for _, p := range pairs {
		cw[p.BPS] = p.Code
	}
	if cw["3523010001"] != "35.23.01.2001" || cw["3523010003"] != "35.23.01.2003" || cw[bps["35.23.16.1003"]] != "35.23.16.1003" {
		t.Errorf("pairs: %v %v", cw["3523010001"], cw["3523010003"])
	}

	// A later file with codes only.
	var c strings.Builder
	c.WriteString("kode_bps;jumlah_kader\n")
	for code, b := range bps {
		fmt.Fprintf(&c, "%s;%d\n", b, len(code))
	}
	tab2, err := ReadCSV(strings.NewReader(c.String()), "kader.csv", Options{Period: "2025"})
	if err != nil {
		t.Fatal(err)
	}
	h2 := MatchWith(tab2, areas, cw)
	if h2.ByCrosswalk != 328 || h2.Rows != 328 || len(tab2.Crosswalk()) != 0 {
		t.Errorf("by crosswalk %d of %d rows", h2.ByCrosswalk, h2.Rows)
	}
	if !strings.Contains(h2.Report(), "cocok menurut padanan kode BPS: 328") {
		t.Errorf("report:\n%s", h2.Report())
	}
	// Without the crosswalk such a file cannot be matched, and says why.
	h3 := MatchWith(tab2, areas, nil)
	if len(h3.UnknownCodes) != 328 || !strings.Contains(h3.UnknownCodes[0].Reason, "nama desa") {
		t.Errorf("without crosswalk: %d unknown, %v", len(h3.UnknownCodes), h3.UnknownCodes[:1])
	}
}

// A column named kode whose codes are BPS codes is recognised by them,
// never read as Kemendagri codes.
func TestBPSCodesInAKodeColumn(t *testing.T) {
	s, err := ReadSheetCSV(strings.NewReader("kode,nama,nilai\n3523010001,Jlodro,1\n3523010002,Sokogunung,2\n"), "kode.csv")
	if err != nil {
		t.Fatal(err)
	}
	plan := Detect(s)
	if plan.Columns[0].Use != UseBPS {
		t.Errorf("kode with BPS codes used as %v", plan.Columns[0].Use)
	}
	tab, err := Build(s, plan, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r := tab.Rows[0]; r.Code != "" || r.BPS != "3523010001" {
		t.Errorf("row %+v", r)
	}
}
