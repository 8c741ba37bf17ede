package crs

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// reference holds points projected by GDAL 3.6 / PROJ (gdaltransform
// -s_srs EPSG:4326 -t_srs EPSG:code): lon, lat and the projected easting,
// northing.
var reference = []struct {
	code                  int
	lon, lat, east, north float64
}{
	{32749, 111.95, -6.90, 604955.356673555, 9237201.22431515},
	{32749, 112.35, -7.10, 649090.382149465, 9214979.32984126},
	{23836, 111.95, -6.90, 139219.946344179, 737041.816789813},
	{23836, 113.9, -7.9, 354377.418564112, 626235.929633429},
	{32646, 92.1, 4.2, 400115.597374848, 464291.992717926},
	{32654, 143.5, 2.0, 778107.715570267, 221272.844078567},
	{32754, 140.2, -8.4, 411925.956940354, 9071391.26878054},
	{32746, 95.3, -1.5, 755914.409086847, 9834070.03678398},
	{23830, 95.6, 3.1, 322268.740369761, 1842812.81149038},
	{23845, 140.4, -4.2, 299914.379936864, 1035568.66394692},
	{23839, 122.7, -1.0, 333559.647893491, 1389412.25664425},
}

// TestToLonLatAgainstPROJ: every zone pocketmap reads lands within 1 mm
// of where PROJ puts it.
func TestToLonLatAgainstPROJ(t *testing.T) {
	for _, r := range reference {
		s, err := FromEPSG(r.code)
		if err != nil {
			t.Fatal(err)
		}
		ring := orb.Ring{{r.east, r.north}, {r.east, r.north}}
		s.ToLonLat(orb.Polygon{ring})
		if d := geo.Distance(ring[0], orb.Point{r.lon, r.lat}); d > 0.001 {
			t.Errorf("%v: (%.1f, %.1f) → %v, %.3f m from PROJ's (%g, %g)", s, r.east, r.north, ring[0], d, r.lon, r.lat)
		}
	}
}

func TestFromEPSGNames(t *testing.T) {
	for code, want := range map[int]string{
		32749: "WGS 84 / UTM zone 49S (EPSG:32749)",
		32650: "WGS 84 / UTM zone 50N (EPSG:32650)",
		23830: "DGN95 / Indonesia TM-3 zone 46.2 (EPSG:23830)",
		23836: "DGN95 / Indonesia TM-3 zone 49.2 (EPSG:23836)",
		23845: "DGN95 / Indonesia TM-3 zone 54.1 (EPSG:23845)",
		4326:  "WGS 84 (EPSG:4326)",
	} {
		s, err := FromEPSG(code)
		if err != nil || s.String() != want {
			t.Errorf("EPSG:%d: %q %v, want %q", code, s, err, want)
		}
	}
	for _, code := range []int{3857, 32655, 32645, 23846, 0} {
		if _, err := FromEPSG(code); err == nil {
			t.Errorf("EPSG:%d accepted", code)
		}
	}
}

// TestFromWKT reads the WKT GDAL writes (WKT1 with authority, the ESRI
// flavour of .prj files without, WKT2) and refuses what it cannot do.
func TestFromWKT(t *testing.T) {
	for _, tc := range []struct {
		file, name string
		code       int // the reference point's system
		lonLat     bool
		err        string
	}{
		{"utm49s-gdal.wkt", "WGS 84 / UTM zone 49S (EPSG:32749)", 32749, false, ""},
		{"utm49s.wkt2", "WGS 84 / UTM zone 49S (EPSG:32749)", 32749, false, ""},
		{"utm49s-esri.prj", "WGS_1984_UTM_Zone_49S", 32749, false, ""},
		{"tm3-49-2-gdal.wkt", "DGN95 / Indonesia TM-3 zone 49.2 (EPSG:23836)", 23836, false, ""},
		{"tm3-49-2-esri.prj", "DGN_1995_Indonesia_TM-3_Zone_49.2", 23836, false, ""},
		{"wgs84-esri.prj", "GCS_WGS_1984", 0, true, ""},
		{"webmercator-esri.prj", "", 0, false, "WGS_1984_Web_Mercator_Auxiliary_Sphere"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			s, err := FromWKT(string(b))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one naming %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.String() != tc.name || s.LonLat != tc.lonLat {
				t.Errorf("%q lonlat %v", s, s.LonLat)
			}
			for _, r := range reference {
				if r.code != tc.code {
					continue
				}
				ring := orb.Ring{{r.east, r.north}}
				s.ToLonLat(orb.Polygon{ring})
				if d := geo.Distance(ring[0], orb.Point{r.lon, r.lat}); d > 0.001 {
					t.Errorf("%.3f m from PROJ", d)
				}
			}
		})
	}
	if _, err := FromWKT("EPSG:32749"); err == nil || !strings.Contains(err.Error(), "bukan WKT") {
		t.Errorf("not WKT: %v", err)
	}
}

// TestLonLatUnchanged: a geographic system leaves coordinates as they are.
func TestLonLatUnchanged(t *testing.T) {
	s, _ := FromEPSG(4755)
	p := orb.Polygon{{{111.9, -6.9}, {112, -6.9}, {111.9, -6.9}}}
	s.ToLonLat(p)
	if p[0][0] != (orb.Point{111.9, -6.9}) || math.IsNaN(p[0][1][0]) {
		t.Errorf("changed: %v", p)
	}
}
