package report

import (
	"bufio"
	"encoding/json"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// gjProps are the properties of one desa in the GeoJSON, in the order
// written. Nullable values are pointers.
type gjProps struct {
	Kode          string   `json:"kode"`
	Nama          string   `json:"nama"`
	Kecamatan     string   `json:"kecamatan"`
	Jenis         string   `json:"jenis"`
	Nilai         *float64 `json:"nilai"`
	Kategori      *string  `json:"kategori,omitempty"` // a categorical indicator's value, as text (nilai is then null)
	Indikator     string   `json:"indikator"`
	Satuan        string   `json:"satuan"`
	Periode       string   `json:"periode"`
	Kelas         *int     `json:"kelas"`
	Klaster       *string  `json:"klaster"`
	PValue        *float64 `json:"p_value"`
	GiZ           *float64 `json:"gi_z"`
	Kantong       bool     `json:"kantong"`
	Intervensi    int      `json:"intervensi"`
	Anggaran      *float64 `json:"anggaran"`
	SasaranRT     *float64 `json:"sasaran_rt"`
	Sintetis      bool     `json:"sintetis"`
	Disembunyikan bool     `json:"disembunyikan"`
}

type gjFeature struct {
	Type       string          `json:"type"`
	Geometry   json.RawMessage `json:"geometry"`
	Properties gjProps         `json:"properties"`
}

// WriteGeoJSON writes the desa of d as an RFC 7946 FeatureCollection that
// QGIS and GDAL read directly: one Feature per DesaRow, its MultiPolygon
// from DesaRow.Geom in WGS84 longitude/latitude, coordinates rounded to 7
// decimals (about 1 cm), outer rings counter-clockwise and holes clockwise
// (the right-hand rule), and a null geometry for a desa without a boundary.
//
// The properties of each feature are kode, nama, kecamatan, jenis ("desa"
// or "kelurahan"), nilai (the indicator value, null for no data),
// indikator (the indicator key), satuan, periode, kelas (1-based class,
// null for no data), klaster ("HH", "LL", "LH", "HL", "ns", null when not
// computed), p_value and gi_z (null when NaN), kantong, intervensi,
// anggaran (whole rupiah), sasaran_rt (target households), sintetis (sample
// data) and disembunyikan. As in the tables (see Suppress), a count of
// households or persons below d.SuppressBelow is withheld: nilai of a
// count indicator (IsCount) and sasaran_rt are then null and disembunyikan
// is true. Nothing about a person is written.
func WriteGeoJSON(w io.Writer, d *Dataset) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	name, _ := json.Marshal(strings.TrimSpace(d.Title + " " + d.Region))
	bw.WriteString(`{"type":"FeatureCollection","name":`)
	bw.Write(name)
	bw.WriteString(",\"features\":[")
	period := d.Period
	if period == "" {
		period = d.Indicator.Period
	}
	synthetic := d.Synthetic || d.Indicator.Synthetic
	isCount := IsCount(d.Indicator)
	below := float64(d.SuppressBelow)
	small := func(v float64) bool { return below > 0 && v > 0 && v < below }
	var buf []byte
	for i, r := range d.Desa {
		p := gjProps{
			Kode: r.Code, Nama: r.Name, Kecamatan: r.Kecamatan, Jenis: r.Level,
			Indikator: d.Indicator.Key, Satuan: d.Indicator.Unit, Periode: period,
			Kantong: r.Pocket, Intervensi: r.Interventions, Sintetis: synthetic,
			Nilai: gjNum(r.Value), PValue: gjNum(r.PValue), GiZ: gjNum(r.GiZ),
			Anggaran: gjNum(math.Round(r.Budget)), SasaranRT: gjNum(math.Round(r.Households*100) / 100),
		}
		if name, ok := d.Indicator.Category(r.Value); ok {
			p.Nilai, p.Kategori = nil, &name
		}
		if isCount && p.Nilai != nil && small(*p.Nilai) {
			p.Nilai, p.Disembunyikan = nil, true
		}
		if p.SasaranRT != nil && small(*p.SasaranRT) {
			p.SasaranRT, p.Disembunyikan = nil, true
		}
		if r.Class > 0 {
			p.Kelas = &r.Class
		}
		if c := strings.TrimSpace(r.Cluster); c != "" {
			p.Klaster = &c
		}
		buf = buf[:0]
		if r.Geom != nil && len(r.Geom.Geom) > 0 {
			buf = gjAppendMultiPolygon(buf, r.Geom.Geom)
		} else {
			buf = append(buf, "null"...)
		}
		b, err := json.Marshal(gjFeature{Type: "Feature", Geometry: buf, Properties: p})
		if err != nil {
			return err
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n")
		bw.Write(b)
	}
	bw.WriteString("\n]}\n")
	return bw.Flush()
}

// gjNum is v, or nil (JSON null) when v is NaN or infinite.
func gjNum(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// gjRound rounds a coordinate to 7 decimals. The quotient of two exact
// doubles is correctly rounded, so the shortest formatting of the result
// has at most 7 decimals.
func gjRound(v float64) float64 { return math.Round(v*1e7) / 1e7 }

// gjAppendMultiPolygon appends the GeoJSON MultiPolygon of mp to b.
func gjAppendMultiPolygon(b []byte, mp orb.MultiPolygon) []byte {
	b = append(b, `{"type":"MultiPolygon","coordinates":[`...)
	first := true
	for _, poly := range mp {
		if len(poly) == 0 || len(poly[0]) < 4 {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, '[')
		for ri, ring := range poly {
			if ri > 0 {
				b = append(b, ',')
			}
			b = gjAppendRing(b, ring, ri == 0)
		}
		b = append(b, ']')
	}
	return append(b, "]}"...)
}

// gjAppendRing appends a ring rounded to 7 decimals, without repeated
// points, counter-clockwise when outer and clockwise when a hole.
func gjAppendRing(b []byte, ring orb.Ring, outer bool) []byte {
	pts := make([]orb.Point, 0, len(ring))
	for _, p := range ring {
		q := orb.Point{gjRound(p[0]), gjRound(p[1])}
		if len(pts) > 0 && pts[len(pts)-1] == q {
			continue
		}
		pts = append(pts, q)
	}
	if len(pts) < 4 { // rounding collapsed it: keep every point
		pts = pts[:0]
		for _, p := range ring {
			pts = append(pts, orb.Point{gjRound(p[0]), gjRound(p[1])})
		}
	}
	if pts[0] != pts[len(pts)-1] {
		pts = append(pts, pts[0])
	}
	var area float64
	for i := 1; i < len(pts); i++ {
		area += (pts[i-1][0] - pts[0][0]) * (pts[i][1] - pts[0][1])
		area -= (pts[i][0] - pts[0][0]) * (pts[i-1][1] - pts[0][1])
	}
	if (area > 0) != outer {
		for i, j := 0, len(pts)-1; i < j; i, j = i+1, j-1 {
			pts[i], pts[j] = pts[j], pts[i]
		}
	}
	b = append(b, '[')
	for i, p := range pts {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = strconv.AppendFloat(b, p[0], 'f', -1, 64)
		b = append(b, ',')
		b = strconv.AppendFloat(b, p[1], 'f', -1, 64)
		b = append(b, ']')
	}
	return append(b, ']')
}
