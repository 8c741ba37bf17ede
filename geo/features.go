package geo

import (
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/paulmach/orb"
)

// Feature is one boundary read from a format other than GeoJSON (a
// GeoPackage table, a Shapefile): its attributes as text and its geometry
// in WGS 84 lon/lat, nil when the feature has none.
type Feature struct {
	Props map[string]string
	Geom  orb.Geometry
}

// ReadFeatures checks decoded features as ReadGeoJSON checks a GeoJSON
// file: the same code and name detection, the same rules and limits, the
// same errors naming file and feature. file names the input (such as
// "desa.gpkg, lapisan desa"); converted names the projected system the
// features were converted from (Layer.Converted), empty for none.
func ReadFeatures(file string, feats []Feature, converted string, opt ReadOptions) (*Layer, error) {
	fileErr := func(rule, format string, a ...any) error {
		return InputErrors{{File: file, Feature: -1, Rule: rule, Msg: fmt.Sprintf(format, a...)}}
	}
	if len(feats) == 0 {
		return nil, fileErr(RuleNoFeatures, "lapisan tidak memuat satu fitur pun")
	}
	if len(feats) > MaxFeatures {
		return nil, fileErr(RuleTooLarge, "berkas memuat %d fitur, lebih dari batas %d (seluruh desa dan kelurahan Indonesia sekitar 84.000), jadi berkas ini tidak dibaca", len(feats), MaxFeatures)
	}
	raws := make([]*rawFeature, len(feats))
	vertices := 0
	for i, f := range feats {
		r := &rawFeature{decoded: true, geom: f.Geom, Properties: make(map[string]json.RawMessage, len(f.Props))}
		for k, v := range f.Props {
			b, _ := json.Marshal(v)
			r.Properties[k] = b
		}
		if f.Geom != nil {
			vertices += pointCount(f.Geom)
			if vertices > MaxVertices {
				return nil, fileErr(RuleTooLarge, "berkas memuat lebih dari %d titik sudut (sampai fitur #%d); batas wilayah Jawa Timur memuat 830.632, jadi berkas ini tidak dibaca", MaxVertices, i+1)
			}
		}
		raws[i] = r
	}
	fields, err := chooseFields(file, raws[0], opt)
	if err != nil {
		return nil, err
	}
	results := make([]parsed, len(raws))
	var wg sync.WaitGroup
	workers := max(1, runtime.GOMAXPROCS(0))
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(raws); i += workers {
				results[i] = parseFeature(file, i, raws[i], fields)
			}
		})
	}
	wg.Wait()
	l, err := assemble(file, results, fields, opt)
	if err != nil {
		return nil, err
	}
	l.Converted = converted
	return l, nil
}

// pointCount is the number of vertices of polygonal geometry (others
// count one per point).
func pointCount(g orb.Geometry) int {
	switch g := g.(type) {
	case orb.MultiPolygon:
		n := 0
		for _, p := range g {
			n += pointCount(p)
		}
		return n
	case orb.Polygon:
		n := 0
		for _, r := range g {
			n += len(r)
		}
		return n
	case orb.LineString:
		return len(g)
	case orb.MultiPoint:
		return len(g)
	}
	return 1
}

// LayerError says that a file holds several feature layers (a
// GeoPackage) and none was chosen, or that the chosen one is not there;
// Layers lists those it holds, for the user to pick one.
type LayerError struct {
	File   string
	Want   string
	Layers []string
}

func (e *LayerError) Error() string {
	if e.Want != "" {
		return fmt.Sprintf("%s: tidak ada lapisan %q; lapisan yang ada: %s", e.File, e.Want, strings.Join(e.Layers, ", "))
	}
	return fmt.Sprintf("%s memuat %d lapisan fitur (%s); pilih satu (CLI: --layer NAMA)", e.File, len(e.Layers), strings.Join(e.Layers, ", "))
}
