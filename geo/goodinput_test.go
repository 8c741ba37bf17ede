package geo

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func mustRead(t *testing.T, name string, opt ReadOptions) *Layer {
	t.Helper()
	l, err := readTestdata(t, name, opt)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return l
}

// rectKm2 is the area of a small lon/lat rectangle by the equirectangular
// approximation with the WGS84 radii of curvature at its middle latitude.
func rectKm2(lon0, lat0, lon1, lat1 float64) float64 {
	phi := (lat0 + lat1) / 2 * math.Pi / 180
	s2 := math.Sin(phi) * math.Sin(phi)
	w := math.Sqrt(1 - wgs84E2*s2)
	m := wgs84A * (1 - wgs84E2) / (w * w * w) // meridian
	n := wgs84A / w                           // prime vertical
	dLon := math.Abs(lon1-lon0) * math.Pi / 180
	dLat := math.Abs(lat1-lat0) * math.Pi / 180
	return m * n * math.Cos(phi) * dLon * dLat / 1e6
}

func relDiff(a, b float64) float64 { return math.Abs(a-b) / math.Abs(b) }

func TestPolygonWithHole(t *testing.T) {
	l := mustRead(t, "polygon-hole.geojson", ReadOptions{})
	if len(l.Areas) != 2 {
		t.Fatalf("%d areas", len(l.Areas))
	}
	cw, ccw := l.Areas[0], l.Areas[1]
	// Make sure the file says what the test assumes: clockwise rings have
	// a negative planar (shoelace) area.
	if planarRingArea(cw.Geom[0][0]) >= 0 || planarRingArea(cw.Geom[0][1]) <= 0 {
		t.Fatalf("feature 1 should have a clockwise outer ring and counter-clockwise hole")
	}
	if planarRingArea(ccw.Geom[0][0]) <= 0 || planarRingArea(ccw.Geom[0][1]) >= 0 {
		t.Fatalf("feature 2 should have a counter-clockwise outer ring and clockwise hole")
	}

	outer := rectKm2(111.60, -6.92, 111.62, -6.90)
	hole := rectKm2(111.605, -6.915, 111.615, -6.905)
	approx := outer - hole
	for _, a := range []*Area{cw, ccw} {
		p := a.Geom[0]
		rings := AreaKm2(orb.MultiPolygon{{p[0]}}) - AreaKm2(orb.MultiPolygon{{p[1]}})
		if relDiff(a.AreaKm2, rings) > 1e-12 {
			t.Errorf("%s: area %.9f km², outer minus hole %.9f", a.Code, a.AreaKm2, rings)
		}
		if relDiff(a.AreaKm2, approx) > 0.005 {
			t.Errorf("%s: area %.6f km², equirectangular %.6f", a.Code, a.AreaKm2, approx)
		}
		if a.AreaKm2 >= AreaKm2(orb.MultiPolygon{{p[0]}})*0.8 {
			t.Errorf("%s: hole not subtracted: %.6f km²", a.Code, a.AreaKm2)
		}
		// The centre of the box is in the hole; the label must not be.
		if !planar.MultiPolygonContains(a.Geom, a.Label) {
			t.Errorf("%s: label %v not inside the polygon with its hole", a.Code, a.Label)
		}
		if want := (orb.Bound{Min: orb.Point{111.60, -6.92}, Max: orb.Point{111.62, -6.90}}); a.Bound != want {
			t.Errorf("%s: bound %v", a.Code, a.Bound)
		}
	}
	if relDiff(cw.AreaKm2, ccw.AreaKm2) > 1e-12 {
		t.Errorf("orientation changes the area: %.9f vs %.9f", cw.AreaKm2, ccw.AreaKm2)
	}
	t.Logf("area %.6f km², approximation %.6f (%.4f %%)", cw.AreaKm2, approx, 100*relDiff(cw.AreaKm2, approx))
}

func TestMultiPolygon(t *testing.T) {
	l := mustRead(t, "multipolygon.geojson", ReadOptions{})
	if len(l.Areas) != 2 {
		t.Fatalf("%d areas", len(l.Areas))
	}
	a := l.Areas[0]
	if a.Code != "35.23.06.2001" || a.Name != "Gadon" || len(a.Geom) != 2 {
		t.Fatalf("first area %s %s with %d parts", a.Code, a.Name, len(a.Geom))
	}
	small := rectKm2(111.64, -6.92, 111.65, -6.91)
	big := rectKm2(111.60, -6.92, 111.62, -6.90)
	if relDiff(a.AreaKm2, small+big) > 0.005 {
		t.Errorf("area %.6f km², want about %.6f", a.AreaKm2, small+big)
	}
	if got := AreaKm2(a.Geom[:1]) + AreaKm2(a.Geom[1:]); relDiff(a.AreaKm2, got) > 1e-12 {
		t.Errorf("area %.9f is not the sum of its parts %.9f", a.AreaKm2, got)
	}
	if want := (orb.Bound{Min: orb.Point{111.60, -6.92}, Max: orb.Point{111.65, -6.90}}); a.Bound != want {
		t.Errorf("bound %v, want %v", a.Bound, want)
	}
	// The label goes on the larger part, which is listed second.
	if !planar.PolygonContains(a.Geom[1], a.Label) {
		t.Errorf("label %v not on the larger part", a.Label)
	}
	if b := l.Areas[1]; b.Code != "35.23.06.2002" || len(b.Geom) != 1 ||
		relDiff(b.AreaKm2, rectKm2(111.62, -6.92, 111.63, -6.90)) > 0.005 {
		t.Errorf("second area %s, %d parts, %.6f km²", b.Code, len(b.Geom), b.AreaKm2)
	}
}

func TestCodesNormalisedOnRead(t *testing.T) {
	l := mustRead(t, "codes-undotted.geojson", ReadOptions{})
	got := areaSummaries(l)
	want := []string{
		"35.23.01.2001 Jlodro desa 35.23.01",        // "3523012001"
		"35.23.01.2002 Sokogunung desa 35.23.01",    // 3523012002
		"35.23.16.1003 Mondokan kelurahan 35.23.16", // 3523161003
	}
	if !slices.Equal(got, want) {
		t.Errorf("areas\n%q\nwant\n%q", got, want)
	}
	wantNames := map[string]string{"35.23.01": "Kenduruan", "35.23.16": "Tuban", "35.23": "Kabupaten Tuban"}
	if !maps.Equal(l.ParentNames, wantNames) {
		t.Errorf("parent names %v, want %v", l.ParentNames, wantNames)
	}
}

func TestPropertyStyles(t *testing.T) {
	cases := []struct {
		file            string
		codeField, name string
		parentNames     map[string]string
	}{
		{"big-style.geojson", "KDEPUM", "WADMKD",
			map[string]string{"35.23.01": "Kenduruan", "35.23.16": "Tuban", "35.23": "Tuban"}},
		{"hdx-style.geojson", "ADM4_PCODE", "ADM4_EN",
			map[string]string{"35.23.01": "Kenduruan", "35.23.16": "Tuban", "35.23": "Tuban"}},
	}
	want := []string{"35.23.01.2001 Jlodro desa 35.23.01", "35.23.16.1003 Mondokan kelurahan 35.23.16"}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			l := mustRead(t, tc.file, ReadOptions{})
			if l.CodeField != tc.codeField || l.NameField != tc.name {
				t.Errorf("fields %q %q, want %q %q", l.CodeField, l.NameField, tc.codeField, tc.name)
			}
			if got := areaSummaries(l); !slices.Equal(got, want) {
				t.Errorf("areas %q, want %q", got, want)
			}
			if !maps.Equal(l.ParentNames, tc.parentNames) {
				t.Errorf("parent names %v, want %v", l.ParentNames, tc.parentNames)
			}
			for _, a := range l.Areas {
				if a.AreaKm2 < 1.1 || a.AreaKm2 > 1.3 {
					t.Errorf("%s: area %.4f km² for a 0.01° square", a.Code, a.AreaKm2)
				}
			}
		})
	}
}

func TestReadGzip(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "hdx-style.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "hdx-style.geojson.GZ")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	if _, err := zw.Write(src); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	l, err := ReadGeoJSONFile(path, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if l.File != "hdx-style.geojson.GZ" || len(l.Areas) != 2 || l.Areas[1].Code != "35.23.16.1003" {
		t.Errorf("file %q, %d areas", l.File, len(l.Areas))
	}
}

func TestReadMissingFile(t *testing.T) {
	_, err := ReadGeoJSONFile(filepath.Join("testdata", "tidak-ada.geojson"), ReadOptions{})
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("got %v, want a not-exist error", err)
	}
}

func TestParentNamesWithoutParentCodeColumn(t *testing.T) {
	src := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kode":"35.23.01.2001","nama":"Jlodro","nama_kec":"Kenduruan","nama_kab":"Kabupaten Tuban"},"geometry":{"type":"Polygon","coordinates":[[[111.6,-6.9],[111.61,-6.9],[111.61,-6.89],[111.6,-6.9]]]}}]}`
	l, err := ReadGeoJSON(strings.NewReader(src), "x.geojson", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if l.ParentNames["35.23.01"] != "Kenduruan" || l.ParentNames["35.23"] != "Kabupaten Tuban" {
		t.Errorf("parent names %v", l.ParentNames)
	}
}

func TestLongitudeBeyond180IsRangeNotProjection(t *testing.T) {
	src := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kode":"35.23.01.2001","nama":"Jlodro"},"geometry":{"type":"Polygon","coordinates":[[[200,-6.9],[200.01,-6.9],[200.01,-6.89],[200,-6.9]]]}}]}`
	_, err := ReadGeoJSON(strings.NewReader(src), "x.geojson", ReadOptions{})
	var es InputErrors
	if !errors.As(err, &es) || !es.Has(RuleCoordinateRange) || es.Has(RuleProjected) {
		t.Fatalf("got %v, want a coordinate-range error", err)
	}
}

// TestByteOrderMarkAndSkipEmpty: a file saved with a UTF-8 byte-order mark
// reads like one without; features without geometry refuse the file
// unless SkipEmpty, which leaves them out and lists them.
func TestByteOrderMarkAndSkipEmpty(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "multipolygon.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := ReadGeoJSON(bytes.NewReader(b), "a.geojson", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	bom, err := ReadGeoJSON(bytes.NewReader(append([]byte("\ufeff"), b...)), "b.geojson", ReadOptions{})
	if err != nil || len(bom.Areas) != len(plain.Areas) {
		t.Fatalf("with a byte-order mark: %v", err)
	}
	nulls, err := os.ReadFile(filepath.Join("testdata", "null-geometry.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = ReadGeoJSON(bytes.NewReader(nulls), "c.geojson", ReadOptions{})
	var es InputErrors
	if !errors.As(err, &es) || !es.OnlyMissingGeometry() {
		t.Fatalf("null geometry without SkipEmpty: %v", err)
	}
	l, err := ReadGeoJSON(bytes.NewReader(nulls), "c.geojson", ReadOptions{SkipEmpty: true})
	if err != nil || len(l.Skipped) != 1 || l.Skipped[0].Code != "35.23.01.2002" || len(l.Areas) == 0 {
		t.Fatalf("SkipEmpty: %+v %v", l, err)
	}
	for _, a := range l.Areas {
		if a.Code == "35.23.01.2002" {
			t.Error("the feature without geometry was kept")
		}
	}
}

// TestProjectedFileWithCRSMember: a GeoJSON in UTM zone 49S that says so
// in its crs member (as QGIS and GDAL write it) is converted to lon/lat
// and the layer names what it was converted from.
func TestProjectedFileWithCRSMember(t *testing.T) {
	l, err := readTestdata(t, "utm49s-crs.geojson", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if l.Converted != "WGS 84 / UTM zone 49S (EPSG:32749)" {
		t.Errorf("Converted %q", l.Converted)
	}
	// gdaltransform -s_srs EPSG:32749 -t_srs EPSG:4326: 620000 9235000 →
	// 112.086205930206 -6.91961817346333.
	p := l.Areas[0].Geom[0][0][0]
	if math.Abs(p[0]-112.086205930206) > 1e-8 || math.Abs(p[1]+6.91961817346333) > 1e-8 {
		t.Errorf("first vertex %v", p)
	}
}
