// Package shp reads ESRI Shapefile boundary maps as offices receive them:
// the .shp polygons, the .dbf attributes in their declared code page (.cpg
// file, or the language-driver byte), the .prj coordinate system
// (converted to WGS 84 lon/lat by package crs), as loose files or inside a
// .zip. The features are checked by geo.ReadFeatures like a GeoJSON file.
package shp

import (
	"archive/zip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/paulmach/orb"

	"github.com/dinsos-tuban/pocketmap/crs"
	"github.com/dinsos-tuban/pocketmap/geo"
)

// MaxPart is the largest member of a shapefile read (.shp or .dbf), the
// limit pocketmap sets for boundary files.
const MaxPart = 2 << 30

// files are the members of one shapefile, read into memory; a missing
// optional member is nil.
type files struct {
	shp, shx, dbf, prj, cpg []byte
}

// ReadBoundaries reads the shapefile at path (the .shp, with its .dbf and
// .prj beside it, or a .zip holding them; opt.Layer picks one when the zip
// holds several) and checks its features with geo.ReadFeatures.
func ReadBoundaries(p string, opt geo.ReadOptions) (*geo.Layer, error) {
	base := filepath.Base(p)
	var fs files
	var err error
	file := base
	if strings.EqualFold(filepath.Ext(p), ".zip") {
		var name string
		fs, name, err = fromZip(p, opt.Layer)
		if err != nil {
			return nil, err
		}
		file = base + ", " + name
	} else {
		fs, err = fromDir(p)
		if err != nil {
			return nil, err
		}
	}
	return read(file, fs, opt)
}

// fromDir reads the members beside a .shp, whatever the case of their
// extension.
func fromDir(p string) (files, error) {
	var fs files
	dir, base := filepath.Dir(p), filepath.Base(p)
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fs, fmt.Errorf("membaca folder %s: %w", dir, err)
	}
	for _, e := range entries {
		n := e.Name()
		if !strings.EqualFold(strings.TrimSuffix(n, filepath.Ext(n)), stem) {
			continue
		}
		dst := member(&fs, filepath.Ext(n))
		if dst == nil {
			continue
		}
		if info, err := e.Info(); err == nil && info.Size() > MaxPart {
			return fs, fmt.Errorf("%s: %d bita, lebih dari batas %d bita; tidak dibaca", n, info.Size(), int64(MaxPart))
		}
		if *dst, err = os.ReadFile(filepath.Join(dir, n)); err != nil {
			return fs, fmt.Errorf("membaca %s: %w", n, err)
		}
	}
	if fs.shp == nil {
		return fs, fmt.Errorf("%s tidak dapat dibaca sebagai shapefile", base)
	}
	return fs, nil
}

// member is where the member with extension ext goes; nil for others.
func member(fs *files, ext string) *[]byte {
	switch strings.ToLower(ext) {
	case ".shp":
		return &fs.shp
	case ".shx":
		return &fs.shx
	case ".dbf":
		return &fs.dbf
	case ".prj":
		return &fs.prj
	case ".cpg":
		return &fs.cpg
	}
	return nil
}

// fromZip reads one shapefile from a zip: the only one, or the one named
// layer (its file name without .shp). It returns the members and the
// shapefile's name.
func fromZip(p, layer string) (files, string, error) {
	var fs files
	base := filepath.Base(p)
	z, err := zip.OpenReader(p)
	if err != nil {
		return fs, "", fmt.Errorf("%s bukan ZIP yang dapat dibuka: %w", base, err)
	}
	defer z.Close()
	var shps []string
	for _, f := range z.File {
		if strings.EqualFold(path.Ext(f.Name), ".shp") && !strings.HasPrefix(path.Base(f.Name), ".") {
			shps = append(shps, strings.TrimSuffix(f.Name, path.Ext(f.Name)))
		}
	}
	sort.Strings(shps)
	names := make([]string, len(shps))
	for i, s := range shps {
		names[i] = path.Base(s)
	}
	var stem string
	switch {
	case len(shps) == 0:
		return fs, "", fmt.Errorf("%s tidak memuat berkas .shp", base)
	case layer != "":
		for i, n := range names {
			if n == layer {
				stem = shps[i]
			}
		}
		if stem == "" {
			return fs, "", &geo.LayerError{File: base, Want: layer, Layers: names}
		}
	case len(shps) > 1:
		return fs, "", &geo.LayerError{File: base, Layers: names}
	default:
		stem = shps[0]
	}
	for _, f := range z.File {
		if !strings.EqualFold(strings.TrimSuffix(f.Name, path.Ext(f.Name)), stem) {
			continue
		}
		dst := member(&fs, path.Ext(f.Name))
		if dst == nil {
			continue
		}
		if f.UncompressedSize64 > MaxPart {
			return fs, "", fmt.Errorf("%s: %s berukuran %d bita, lebih dari batas %d bita; tidak dibaca", base, f.Name, f.UncompressedSize64, int64(MaxPart))
		}
		r, err := f.Open()
		if err != nil {
			return fs, "", fmt.Errorf("%s: %s: %w", base, f.Name, err)
		}
		*dst, err = io.ReadAll(io.LimitReader(r, MaxPart+1))
		r.Close()
		if err != nil {
			return fs, "", fmt.Errorf("%s: %s: %w", base, f.Name, err)
		}
	}
	return fs, path.Base(stem) + ".shp", nil
}

func read(file string, fs files, opt geo.ReadOptions) (*geo.Layer, error) {
	fileErr := func(rule, format string, a ...any) error {
		return geo.InputErrors{{File: file, Feature: -1, Rule: rule, Msg: fmt.Sprintf(format, a...)}}
	}
	geoms, err := readShp(fs.shp)
	if err != nil {
		return nil, fileErr(geo.RuleUnreadable, ".shp: %v", err)
	}
	if fs.dbf == nil {
		return nil, fileErr(geo.RuleMissingCode, "berkas .dbf (atribut: kode dan nama wilayah) tidak ada di samping .shp")
	}
	sys, _ := crs.FromEPSG(4326)
	if fs.prj != nil {
		var err error
		if sys, err = crs.FromWKT(string(fs.prj)); err != nil {
			return nil, fileErr(geo.RuleProjected, "berkas .prj: %v; ubah proyeksinya dulu, misalnya di QGIS: Ekspor → Simpan Fitur Sebagai… dengan CRS EPSG:4326", err)
		}
	}
	dec, err := decoder(fs.cpg, fs.dbf)
	if err != nil {
		return nil, fileErr(geo.RuleUnreadable, ".cpg: %v", err)
	}
	recs, err := readDbf(fs.dbf, dec)
	if err != nil {
		return nil, fileErr(geo.RuleUnreadable, ".dbf: %v", err)
	}
	if len(recs) != len(geoms) {
		return nil, fileErr(geo.RuleUnreadable, ".shp memuat %d bentuk tetapi .dbf %d baris atribut; keduanya harus sama", len(geoms), len(recs))
	}
	feats := make([]geo.Feature, len(geoms))
	for i, g := range geoms {
		if g != nil {
			sys.ToLonLat(g)
			feats[i].Geom = g
		}
		feats[i].Props = recs[i]
	}
	return geo.ReadFeatures(file, feats, sys.Converted(), opt)
}

// Shape types read: polygons, with or without Z and M (which are left out).
const (
	typeNull     = 0
	typePolygon  = 5
	typePolygonZ = 15
	typePolygonM = 25
)

// readShp reads the polygons of a .shp file, one per record; a null shape
// is nil.
func readShp(b []byte) ([]orb.Geometry, error) {
	if len(b) < 100 || binary.BigEndian.Uint32(b[0:]) != 9994 {
		return nil, errors.New("bukan berkas shapefile (kode berkas 9994 tidak ada)")
	}
	switch t := binary.LittleEndian.Uint32(b[32:]); t {
	case typeNull, typePolygon, typePolygonZ, typePolygonM:
	default:
		return nil, fmt.Errorf("bentuk berjenis %d (%s); batas wilayah harus poligon (5, 15 atau 25)", t, shapeName(t))
	}
	var out []orb.Geometry
	vertices := 0
	for off := 100; off+8 <= len(b); {
		n := len(out) + 1
		size := int(binary.BigEndian.Uint32(b[off+4:])) * 2
		off += 8
		if size < 4 || off+size > len(b) {
			return nil, fmt.Errorf("bentuk #%d terpotong atau panjangnya tidak sah", n)
		}
		rec := b[off : off+size]
		off += size
		t := binary.LittleEndian.Uint32(rec)
		if t == typeNull {
			out = append(out, nil)
			continue
		}
		if t != typePolygon && t != typePolygonZ && t != typePolygonM {
			return nil, fmt.Errorf("bentuk #%d berjenis %d (%s); batas wilayah harus poligon", n, t, shapeName(t))
		}
		if len(rec) < 44 {
			return nil, fmt.Errorf("bentuk #%d terpotong", n)
		}
		parts := int(binary.LittleEndian.Uint32(rec[36:]))
		points := int(binary.LittleEndian.Uint32(rec[40:]))
		if parts < 0 || points < 0 || parts > points || 44+4*parts+16*points > len(rec) {
			return nil, fmt.Errorf("bentuk #%d: %d bagian dan %d titik tidak muat dalam %d bita", n, parts, points, len(rec))
		}
		if vertices += points; vertices > geo.MaxVertices {
			return nil, fmt.Errorf("lebih dari %d titik sudut (sampai bentuk #%d); tidak dibaca", geo.MaxVertices, n)
		}
		starts := make([]int, parts+1)
		for i := range parts {
			starts[i] = int(binary.LittleEndian.Uint32(rec[44+4*i:]))
			if starts[i] < 0 || starts[i] > points || i > 0 && starts[i] < starts[i-1] {
				return nil, fmt.Errorf("bentuk #%d: awal bagian %d (%d) tidak sah", n, i+1, starts[i])
			}
		}
		starts[parts] = points
		pts := rec[44+4*parts:]
		var rings []orb.Ring
		for i := range parts {
			r := make(orb.Ring, 0, starts[i+1]-starts[i])
			for k := starts[i]; k < starts[i+1]; k++ {
				r = append(r, orb.Point{
					math.Float64frombits(binary.LittleEndian.Uint64(pts[16*k:])),
					math.Float64frombits(binary.LittleEndian.Uint64(pts[16*k+8:])),
				})
			}
			rings = append(rings, r)
		}
		out = append(out, assemble(rings))
	}
	return out, nil
}

func shapeName(t uint32) string {
	switch t {
	case 1, 11, 21:
		return "titik"
	case 3, 13, 23:
		return "garis"
	case 8, 18, 28:
		return "multititik"
	case 31:
		return "multipatch"
	}
	return "tidak dikenal"
}

// assemble groups a shapefile's rings into polygons: clockwise rings are
// outer boundaries, counter-clockwise ones holes of the outer ring that
// holds them (a hole no outer ring holds becomes an outer ring, as GDAL
// does). Rings are turned to the GeoJSON orientation: outer rings
// counter-clockwise, holes clockwise.
func assemble(rings []orb.Ring) orb.Geometry {
	var outers []orb.Polygon
	var holes []orb.Ring
	for _, r := range rings {
		if len(r) == 0 {
			continue
		}
		if signedArea(r) <= 0 {
			r.Reverse()
			outers = append(outers, orb.Polygon{r})
		} else {
			holes = append(holes, r)
		}
	}
	for _, h := range holes {
		placed := false
		for i := range outers {
			if inRing(h[0], outers[i][0]) {
				h.Reverse()
				outers[i] = append(outers[i], h)
				placed = true
				break
			}
		}
		if !placed {
			outers = append(outers, orb.Polygon{h})
		}
	}
	return orb.MultiPolygon(outers)
}

// signedArea is twice the planar area of r, positive when
// counter-clockwise.
func signedArea(r orb.Ring) float64 {
	a := 0.0
	for i := 0; i+1 < len(r); i++ {
		a += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return a
}

// inRing reports whether p lies inside r (even-odd rule).
func inRing(p orb.Point, r orb.Ring) bool {
	in := false
	for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
		a, b := r[i], r[j]
		if (a[1] > p[1]) != (b[1] > p[1]) && p[0] < (b[0]-a[0])*(p[1]-a[1])/(b[1]-a[1])+a[0] {
			in = !in
		}
	}
	return in
}
