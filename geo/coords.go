package geo

import (
	"errors"
	"fmt"
	"strconv"
	"unsafe"

	"github.com/paulmach/orb"
)

// coordParser reads GeoJSON coordinate arrays straight from their bytes,
// which is several times faster than decoding them into interface values.
type coordParser struct {
	b   []byte
	pos int
}

var errCoordSyntax = errors.New("susunan koordinat tidak sah")

func (p *coordParser) ws() {
	for p.pos < len(p.b) {
		switch p.b[p.pos] {
		case ' ', '\n', '\r', '\t':
			p.pos++
		default:
			return
		}
	}
}

func (p *coordParser) expect(c byte) error {
	p.ws()
	if p.pos >= len(p.b) || p.b[p.pos] != c {
		return fmt.Errorf("%w: %q diharapkan pada posisi %d", errCoordSyntax, c, p.pos)
	}
	p.pos++
	return nil
}

// next reports whether another element follows in the current array,
// consuming a separating comma or the closing bracket.
func (p *coordParser) next(first bool) (bool, error) {
	p.ws()
	if p.pos >= len(p.b) {
		return false, fmt.Errorf("%w: larik tidak ditutup", errCoordSyntax)
	}
	switch c := p.b[p.pos]; {
	case c == ']':
		p.pos++
		return false, nil
	case first:
		return true, nil
	case c == ',':
		p.pos++
		return true, nil
	}
	return false, fmt.Errorf("%w: ',' atau ']' diharapkan pada posisi %d", errCoordSyntax, p.pos)
}

func (p *coordParser) number() (float64, error) {
	p.ws()
	start := p.pos
	for p.pos < len(p.b) {
		c := p.b[p.pos]
		if (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' {
			p.pos++
			continue
		}
		break
	}
	if start == p.pos {
		return 0, fmt.Errorf("%w: angka diharapkan pada posisi %d", errCoordSyntax, start)
	}
	s := unsafe.String(&p.b[start], p.pos-start)
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("%w: %q bukan angka", errCoordSyntax, string(p.b[start:p.pos]))
	}
	return v, nil
}

func (p *coordParser) position() (orb.Point, error) {
	var pt orb.Point
	if err := p.expect('['); err != nil {
		return pt, err
	}
	n := 0
	for first := true; ; first = false {
		more, err := p.next(first)
		if err != nil {
			return pt, err
		}
		if !more {
			break
		}
		v, err := p.number()
		if err != nil {
			return pt, err
		}
		if n < 2 {
			pt[n] = v
		}
		n++
	}
	if n < 2 {
		return pt, fmt.Errorf("%w: posisi berisi %d angka, minimal 2 (lon, lat)", errCoordSyntax, n)
	}
	return pt, nil
}

func (p *coordParser) ring() (orb.Ring, error) {
	if err := p.expect('['); err != nil {
		return nil, err
	}
	r := make(orb.Ring, 0, 64)
	for first := true; ; first = false {
		more, err := p.next(first)
		if err != nil {
			return nil, err
		}
		if !more {
			return r, nil
		}
		pt, err := p.position()
		if err != nil {
			return nil, err
		}
		r = append(r, pt)
	}
}

func (p *coordParser) polygon() (orb.Polygon, error) {
	if err := p.expect('['); err != nil {
		return nil, err
	}
	var poly orb.Polygon
	for first := true; ; first = false {
		more, err := p.next(first)
		if err != nil {
			return nil, err
		}
		if !more {
			return poly, nil
		}
		r, err := p.ring()
		if err != nil {
			return nil, err
		}
		poly = append(poly, r)
	}
}

func (p *coordParser) multiPolygon() (orb.MultiPolygon, error) {
	if err := p.expect('['); err != nil {
		return nil, err
	}
	var mp orb.MultiPolygon
	for first := true; ; first = false {
		more, err := p.next(first)
		if err != nil {
			return nil, err
		}
		if !more {
			return mp, nil
		}
		poly, err := p.polygon()
		if err != nil {
			return nil, err
		}
		mp = append(mp, poly)
	}
}
