package gpkg

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// wkbReader reads the polygonal WKB of boundary layers in 2D, 3D (Z), M
// or ZM, in ISO (1003, 3006, …) or extended (high flag bits) form,
// keeping X and Y: orb's decoder reads 2D only, and maps from BIG and
// Bappeda often carry a Z.
type wkbReader struct {
	b   []byte
	off int
}

var errShort = errors.New("WKB terpotong")

func (r *wkbReader) u32(o binary.ByteOrder) (uint32, error) {
	if r.off+4 > len(r.b) {
		return 0, errShort
	}
	v := o.Uint32(r.b[r.off:])
	r.off += 4
	return v, nil
}

// header reads a byte order and a geometry type, returning the base type
// (3 polygon, 6 multipolygon, …) and the number of ordinates per point.
func (r *wkbReader) header() (binary.ByteOrder, uint32, int, error) {
	if r.off >= len(r.b) {
		return nil, 0, 0, errShort
	}
	var o binary.ByteOrder = binary.LittleEndian
	switch r.b[r.off] {
	case 0:
		o = binary.BigEndian
	case 1:
	default:
		return nil, 0, 0, fmt.Errorf("penanda urutan bita WKB %d tidak sah", r.b[r.off])
	}
	r.off++
	t, err := r.u32(o)
	if err != nil {
		return nil, 0, 0, err
	}
	dims := 2
	if t&0x80000000 != 0 { // extended: Z flag
		dims++
	}
	if t&0x40000000 != 0 { // extended: M flag
		dims++
	}
	if t&0x20000000 != 0 {
		return nil, 0, 0, errors.New("WKB dengan SRID tertanam tidak didukung")
	}
	t &= 0x0fffffff
	switch t / 1000 {
	case 1, 2: // Z or M
		dims++
	case 3: // ZM
		dims += 2
	}
	return o, t % 1000, dims, nil
}

func (r *wkbReader) ring(o binary.ByteOrder, dims int) (orb.Ring, error) {
	n, err := r.u32(o)
	if err != nil {
		return nil, err
	}
	if int(n) > (len(r.b)-r.off)/(8*dims) {
		return nil, fmt.Errorf("cincin menyebut %d titik, lebih dari isi WKB", n)
	}
	ring := make(orb.Ring, n)
	for i := range ring {
		ring[i] = orb.Point{
			math.Float64frombits(o.Uint64(r.b[r.off:])),
			math.Float64frombits(o.Uint64(r.b[r.off+8:])),
		}
		r.off += 8 * dims
	}
	return ring, nil
}

func (r *wkbReader) polygon(o binary.ByteOrder, dims int) (orb.Polygon, error) {
	n, err := r.u32(o)
	if err != nil {
		return nil, err
	}
	if int(n) > (len(r.b)-r.off)/4 {
		return nil, fmt.Errorf("poligon menyebut %d cincin, lebih dari isi WKB", n)
	}
	p := make(orb.Polygon, 0, n)
	for range n {
		ring, err := r.ring(o, dims)
		if err != nil {
			return nil, err
		}
		p = append(p, ring)
	}
	return p, nil
}

// geometry reads one Polygon or MultiPolygon.
func (r *wkbReader) geometry() (orb.Geometry, error) {
	o, t, dims, err := r.header()
	if err != nil {
		return nil, err
	}
	switch t {
	case 3:
		return r.polygon(o, dims)
	case 6:
		n, err := r.u32(o)
		if err != nil {
			return nil, err
		}
		if int(n) > (len(r.b)-r.off)/9 {
			return nil, fmt.Errorf("multipoligon menyebut %d poligon, lebih dari isi WKB", n)
		}
		mp := make(orb.MultiPolygon, 0, n)
		for range n {
			po, pt, pdims, err := r.header()
			if err != nil {
				return nil, err
			}
			if pt != 3 {
				return nil, fmt.Errorf("multipoligon memuat geometri berjenis %d, bukan poligon", pt)
			}
			p, err := r.polygon(po, pdims)
			if err != nil {
				return nil, err
			}
			mp = append(mp, p)
		}
		return mp, nil
	}
	return nil, fmt.Errorf("geometri berjenis %s; batas wilayah harus Polygon atau MultiPolygon", wkbTypeName(t))
}

func wkbTypeName(t uint32) string {
	names := map[uint32]string{1: "Point", 2: "LineString", 4: "MultiPoint", 5: "MultiLineString", 7: "GeometryCollection"}
	if n, ok := names[t]; ok {
		return n
	}
	return fmt.Sprintf("WKB %d", t)
}
