package assets

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"flag"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// nationalCodes is the full Kemendagri code list the embedded list is
// generated from.
const nationalCodes = "/work/shared/data/indonesia-kode-wilayah.csv.gz"

var update = flag.Bool("update", false, "rewrite kode-provinsi-kabupaten.txt from the national code list")

// regionLines reads the province and kabupaten/kota rows of the national
// list as "code<TAB>name" lines, sorted by code.
func regionLines(t *testing.T) []string {
	t.Helper()
	f, err := os.Open(nationalCodes)
	if errors.Is(err, os.ErrNotExist) {
		t.Skip("daftar kode wilayah nasional tidak tersedia:", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(bufio.NewReader(f))
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(gz)
	head, err := r.Read()
	if err != nil || !slices.Equal(head, []string{"kode", "nama", "tingkat"}) {
		t.Fatalf("unexpected header %v (%v)", head, err)
	}
	var lines []string
	for {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch row[2] {
		case "provinsi", "kabupaten", "kota":
			lines = append(lines, row[0]+"\t"+row[1])
		}
	}
	slices.Sort(lines)
	return lines
}

func TestRegionCodesMatchNationalList(t *testing.T) {
	want := regionLines(t)
	if *update {
		if err := os.WriteFile("kode-provinsi-kabupaten.txt", []byte(strings.Join(want, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got := strings.Split(strings.TrimSuffix(RegionCodes, "\n"), "\n")
	if !slices.Equal(got, want) {
		t.Errorf("kode-provinsi-kabupaten.txt (%d lines) differs from %s (%d province/kabupaten/kota rows); run go test ./assets -run RegionCodes -update",
			len(got), nationalCodes, len(want))
	}
}

func TestRegionCodesShape(t *testing.T) {
	prov := regexp.MustCompile(`^\d{2}\t\S`)
	kab := regexp.MustCompile(`^\d{2}\.\d{2}\t\S`)
	var np, nk int
	seen := map[string]bool{}
	for i, l := range strings.Split(strings.TrimSuffix(RegionCodes, "\n"), "\n") {
		code, _, _ := strings.Cut(l, "\t")
		switch {
		case prov.MatchString(l):
			np++
		case kab.MatchString(l):
			nk++
			if !seen[code[:2]] {
				t.Errorf("line %d: kabupaten %s before its province", i+1, code)
			}
		default:
			t.Errorf("line %d: %q is not code<TAB>name", i+1, l)
		}
		if seen[code] {
			t.Errorf("line %d: %s twice", i+1, code)
		}
		seen[code] = true
	}
	// 38 provinces, 416 kabupaten + 98 kota; Tuban and its neighbours in.
	if np != 38 || nk != 514 {
		t.Errorf("%d provinces, %d kabupaten/kota; want 38 and 514", np, nk)
	}
	for _, c := range []string{"35", "35.23", "35.22", "35.24", "33.17"} {
		if !seen[c] {
			t.Errorf("%s missing", c)
		}
	}
}
