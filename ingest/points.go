package ingest

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// lonLatNames are header names of the two columns of count-points.
var (
	lonNames = map[string]bool{"lon": true, "lng": true, "long": true, "longitude": true, "bujur": true, "x": true}
	latNames = map[string]bool{"lat": true, "latitude": true, "lintang": true, "y": true}
)

// ReadPoints reads a file of points: a longitude and a latitude per
// line, separated by ',' (decimal point) or ';' (decimal point or comma),
// with an optional header (lon,lat or lat,lon by name). Blank lines are
// skipped; any other bad line is an error naming it.
func ReadPoints(path string) ([]orb.Point, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("membuka %s: %w", path, err)
	}
	defer fh.Close()
	name := filepath.Base(path)
	sc := bufio.NewScanner(fh)
	var pts []orb.Point
	line, swap, first := 0, false, true
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if line == 1 {
			s = strings.TrimPrefix(s, "\ufeff")
		}
		if s == "" {
			continue
		}
		sep := ","
		if strings.Contains(s, ";") {
			sep = ";"
		}
		parts := strings.Split(s, sep)
		for i := range parts {
			parts[i] = strings.TrimSpace(strings.Trim(strings.TrimSpace(parts[i]), `"`))
		}
		if len(parts) != 2 {
			return nil, fmt.Errorf("%s baris %d: harus berisi bujur dan lintang (2 kolom dipisah koma atau titik koma), ditemukan %d kolom: %q", name, line, len(parts), s)
		}
		wasFirst := first
		first = false
		if wasFirst {
			a, b := strings.ToLower(parts[0]), strings.ToLower(parts[1])
			if (lonNames[a] || latNames[a]) && (lonNames[b] || latNames[b]) {
				swap = latNames[a]
				continue
			}
		}
		var xy [2]float64
		for i, p := range parts {
			if sep == ";" {
				p = strings.Replace(p, ",", ".", 1)
			}
			v, err := strconv.ParseFloat(p, 64)
			if err != nil || p == "" {
				what := [2]string{"bujur", "lintang"}[i]
				if swap {
					what = [2]string{"lintang", "bujur"}[i]
				}
				if wasFirst {
					return nil, fmt.Errorf("%s baris %d: %s %q bukan angka; baris judul hanya boleh berisi lon,lat atau lat,lon", name, line, what, parts[i])
				}
				return nil, fmt.Errorf("%s baris %d: %s %q bukan angka", name, line, what, parts[i])
			}
			xy[i] = v
		}
		if swap {
			xy[0], xy[1] = xy[1], xy[0]
		}
		if !(xy[0] >= -180 && xy[0] <= 180 && xy[1] >= -90 && xy[1] <= 90) {
			msg := fmt.Sprintf("%s baris %d: bujur %g, lintang %g di luar rentang (bujur −180..180, lintang −90..90)", name, line, xy[0], xy[1])
			if xy[1] >= 90 && xy[1] <= 180 && xy[0] >= -90 && xy[0] <= 90 {
				msg += "; bujur dan lintang tampaknya tertukar: urutannya lon,lat"
			}
			return nil, errors.New(msg)
		}
		pts = append(pts, orb.Point{xy[0], xy[1]})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("membaca %s baris %d: %w", name, line+1, err)
	}
	if len(pts) == 0 {
		return nil, fmt.Errorf("%s tidak berisi titik", name)
	}
	return pts, nil
}
