// Package crs turns the projected coordinates of boundary maps that
// Indonesian offices hold (WGS 84 / UTM zones 46–54 north and south, the
// DGN95 / Indonesia TM-3 zones) into WGS 84 longitude/latitude. Systems are
// named by EPSG code or by their WKT (a .prj file, a GeoPackage
// definition).
//
// The inverse Transverse Mercator is the Krüger series to n⁴ (Karney 2011,
// the method of PROJ's tmerc), in pure Go so that Windows builds need no C
// library. The one pure-Go projection library the module registry serves,
// github.com/wroge/wgs84 v1.1.7, was measured 0.6 m off PROJ 2.5° from a
// UTM central meridian (its series computes math.Pow(x, 3/2) with integer
// division), more than the 0.5 m a desa boundary may move.
package crs

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// System is a coordinate reference system pocketmap can read.
type System struct {
	Name string // such as "WGS 84 / UTM zone 49S"
	EPSG int    // 0 when only known by its WKT
	// LonLat is true for geographic systems whose coordinates need no
	// change (WGS 84, and DGN95, which EPSG relates to WGS 84 by a null
	// transformation).
	LonLat bool
	tm     *transverseMercator
}

// Converted is the system's name when coordinates in it are converted,
// empty for a lon/lat system.
func (s System) Converted() string {
	if s.LonLat {
		return ""
	}
	return s.String()
}

func (s System) String() string {
	if s.EPSG != 0 {
		return fmt.Sprintf("%s (EPSG:%d)", s.Name, s.EPSG)
	}
	return s.Name
}

// tm3 are the central meridians of the Indonesia TM-3 zones by EPSG code
// (23830 = zone 46.2 … 23845 = zone 54.1); all have scale 0.9999, false
// easting 200 000 m and false northing 1 500 000 m on DGN95.
func tm3(code int) (zone string, lon float64, ok bool) {
	if code < 23830 || code > 23845 {
		return "", 0, false
	}
	k := code - 23830
	half := 2 - k%2
	return fmt.Sprintf("%d.%d", 46+(k+1)/2, half), 94.5 + 3*float64(k), true
}

// FromEPSG returns the system of an EPSG code, or an error naming the code
// when it is not one pocketmap reads.
func FromEPSG(code int) (System, error) {
	switch {
	case code == 4326:
		return System{Name: "WGS 84", EPSG: code, LonLat: true}, nil
	case code == 4755:
		return System{Name: "DGN95", EPSG: code, LonLat: true}, nil
	case code >= 32646 && code <= 32654:
		z := code - 32600
		return System{Name: fmt.Sprintf("WGS 84 / UTM zone %dN", z), EPSG: code, tm: utm(z, false)}, nil
	case code >= 32746 && code <= 32754:
		z := code - 32700
		return System{Name: fmt.Sprintf("WGS 84 / UTM zone %dS", z), EPSG: code, tm: utm(z, true)}, nil
	}
	if zone, lon, ok := tm3(code); ok {
		return System{Name: "DGN95 / Indonesia TM-3 zone " + zone, EPSG: code,
			tm: newTM(lon, 0.9999, 200000, 1500000)}, nil
	}
	return System{}, fmt.Errorf("sistem koordinat EPSG:%d tidak dikenal pocketmap (yang dibaca: WGS 84 EPSG:4326, DGN95 EPSG:4755, UTM zona 46–54 utara/selatan EPSG:32646–32654 dan 32746–32754, TM-3 EPSG:23830–23845)", code)
}

var (
	wktName      = regexp.MustCompile(`^\s*(PROJCS|PROJCRS|GEOGCS|GEOGCRS)\s*\[\s*"([^"]*)"`)
	wktAuthority = regexp.MustCompile(`AUTHORITY\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$|ID\s*\[\s*"EPSG"\s*,\s*(\d+)\s*\]\s*\]\s*$`)
	wktParam     = regexp.MustCompile(`PARAMETER\s*\[\s*"([^"]+)"\s*,\s*([-+0-9.eE]+)`)
	wktUTM       = regexp.MustCompile(`(?i)UTM[ _]zone[ _](\d{1,2})([NS])`)
)

// FromWKT returns the system a WKT (version 1, as in a .prj file, or 2)
// describes: by its EPSG authority when it states one, else by its name
// (UTM zones) or its Transverse Mercator parameters on WGS 84 or DGN95.
func FromWKT(wkt string) (System, error) {
	wkt = strings.TrimSpace(wkt)
	m := wktName.FindStringSubmatch(wkt)
	if m == nil {
		return System{}, fmt.Errorf("definisi sistem koordinat tidak terbaca (bukan WKT): %q", cut(wkt))
	}
	name := m[2]
	if a := wktAuthority.FindStringSubmatch(wkt); a != nil {
		code, _ := strconv.Atoi(a[1] + a[2])
		if s, err := FromEPSG(code); err == nil {
			return s, nil
		}
	}
	geographic := m[1] == "GEOGCS" || m[1] == "GEOGCRS"
	datumOK := strings.Contains(wkt, "WGS_1984") || strings.Contains(wkt, "WGS 1984") || strings.Contains(wkt, "World Geodetic System 1984") ||
		strings.Contains(wkt, "Geodesi_Nasional_1995") || strings.Contains(wkt, "DGN95") || strings.Contains(wkt, "DGN_1995")
	if geographic {
		if datumOK {
			return System{Name: name, LonLat: true}, nil
		}
		return System{}, fmt.Errorf("sistem koordinat geografis %q memakai datum selain WGS 84/DGN95; tidak dibaca", name)
	}
	if u := wktUTM.FindStringSubmatch(name); u != nil && datumOK {
		z, _ := strconv.Atoi(u[1])
		code := 32600 + z
		if u[2] == "S" {
			code = 32700 + z
		}
		if s, err := FromEPSG(code); err == nil {
			s.Name, s.EPSG = name, 0
			return s, nil
		}
	}
	if datumOK && (strings.Contains(strings.ToLower(wkt), "transverse_mercator") || strings.Contains(wkt, "Transverse Mercator")) {
		p := map[string]float64{}
		for _, pm := range wktParam.FindAllStringSubmatch(wkt, -1) {
			v, err := strconv.ParseFloat(pm[2], 64)
			if err == nil {
				p[strings.ToLower(strings.ReplaceAll(pm[1], " ", "_"))] = v
			}
		}
		lon, okLon := p["central_meridian"]
		if !okLon {
			lon, okLon = p["longitude_of_natural_origin"]
		}
		k, okK := p["scale_factor"]
		if !okK {
			k, okK = p["scale_factor_at_natural_origin"]
		}
		if lat := p["latitude_of_origin"] + p["latitude_of_natural_origin"]; okLon && okK && lat == 0 {
			return System{Name: name, tm: newTM(lon, k, p["false_easting"], p["false_northing"])}, nil
		}
	}
	return System{}, fmt.Errorf("sistem koordinat %q tidak dikenal pocketmap (yang dibaca: WGS 84, DGN95, UTM zona 46–54, TM-3 Indonesia)", name)
}

func cut(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

// ToLonLat converts a geometry in the system to WGS 84 lon/lat in place;
// a geographic system leaves it unchanged.
func (s System) ToLonLat(g orb.Geometry) {
	if s.LonLat || g == nil {
		return
	}
	conv := func(p *orb.Point) {
		p[0], p[1] = s.tm.inverse(p[0], p[1])
	}
	switch g := g.(type) {
	case orb.Polygon:
		for _, r := range g {
			for i := range r {
				conv(&r[i])
			}
		}
	case orb.MultiPolygon:
		for _, p := range g {
			s.ToLonLat(p)
		}
	case orb.LineString:
		for i := range g {
			conv(&g[i])
		}
	case orb.MultiPoint:
		for i := range g {
			conv(&g[i])
		}
	}
}
