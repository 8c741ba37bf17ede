package geo

import (
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

func TestCheckHierarchy(t *testing.T) {
	desa := readShared(t, "tuban-desa.geojson")
	kec := readShared(t, "tuban-kecamatan.geojson")
	if len(kec.Areas) != 20 {
		t.Fatalf("%d kecamatan, want 20", len(kec.Areas))
	}
	areas := slices.Concat(kec.Areas, desa.Areas)
	if mm := CheckHierarchy(areas); len(mm) != 0 {
		t.Fatalf("real Tuban files: %s", MismatchReport(mm))
	}

	kecCodes := make([]string, len(kec.Areas))
	for i, k := range kec.Areas {
		kecCodes[i] = k.Code
	}
	// Move a spread of desa, one at a time, to the next kecamatan.
	for i := 0; i < len(desa.Areas); i += 23 {
		a := desa.Areas[i]
		real := a.Parent
		k := slices.Index(kecCodes, real)
		if k < 0 {
			t.Fatalf("%s: kecamatan %s not in the kecamatan file", a.Code, real)
		}
		moved := kecCodes[(k+1)%len(kecCodes)]
		a.Parent = moved
		mm := CheckHierarchy(areas)
		a.Parent = real
		want := []Mismatch{{Code: a.Code, Name: a.Name, Parent: moved, Actual: real}}
		if !slices.Equal(mm, want) {
			t.Errorf("%s moved to %s: got %+v, want %+v", a.Code, moved, mm, want)
		}
	}
	if mm := CheckHierarchy(areas); len(mm) != 0 {
		t.Fatalf("after restoring: %d mismatches", len(mm))
	}
}

// square returns a filled area for code covering the lon/lat box.
func square(code string, lon0, lat0, lon1, lat1 float64) *Area {
	a := &Area{Code: code, Name: "W" + code, Level: CodeLevel(code), Parent: ParentCode(code),
		Geom: orb.MultiPolygon{{{{lon0, lat0}, {lon1, lat0}, {lon1, lat1}, {lon0, lat1}, {lon0, lat0}}}}}
	a.Fill()
	return a
}

func TestCheckHierarchySynthetic(t *testing.T) {
	kec1 := square("35.23.01", 111.60, -6.92, 111.62, -6.90)
	kec2 := square("35.23.02", 111.62, -6.92, 111.64, -6.90)
	kec3 := &Area{Code: "35.23.03", Level: LevelKecamatan, Parent: "35.23"} // no geometry
	inside1 := square("35.23.01.2001", 111.60, -6.91, 111.61, -6.90)
	kel := square("35.23.02.1001", 111.63, -6.91, 111.64, -6.90)
	wrong := square("35.23.01.2002", 111.625, -6.92, 111.635, -6.91) // lies in 35.23.02
	outside := square("35.23.02.2003", 111.70, -6.92, 111.71, -6.91) // outside every kecamatan
	unchecked := square("35.23.03.2001", 111.80, -6.92, 111.81, -6.91)
	noKec := square("35.23.04.2001", 111.61, -6.92, 111.615, -6.915) // kecamatan not in the list

	if mm := CheckHierarchy([]*Area{inside1, wrong}); mm != nil {
		t.Errorf("without kecamatan geometry: %v, want nil", mm)
	}
	got := CheckHierarchy([]*Area{inside1, kec1, kec2, kec3, kel, wrong, outside, unchecked, noKec})
	want := []Mismatch{
		{Code: "35.23.01.2002", Name: "W35.23.01.2002", Parent: "35.23.01", Actual: "35.23.02"},
		{Code: "35.23.02.2003", Name: "W35.23.02.2003", Parent: "35.23.02", Actual: ""},
		{Code: "35.23.04.2001", Name: "W35.23.04.2001", Parent: "35.23.04", Actual: "35.23.01"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	r := MismatchReport(got)
	for _, s := range []string{
		"3 desa tidak terletak di kecamatan yang ditunjuk kodenya",
		"- 35.23.01.2002 W35.23.01.2002: kode menunjuk kecamatan 35.23.01, tetapi titik labelnya berada di kecamatan 35.23.02",
		"- 35.23.02.2003 W35.23.02.2003: kode menunjuk kecamatan 35.23.02, tetapi titik labelnya di luar semua kecamatan",
	} {
		if !strings.Contains(r, s) {
			t.Errorf("report lacks %q:\n%s", s, r)
		}
	}
}
