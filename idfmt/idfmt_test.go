package idfmt

import (
	"math"
	"testing"
	"time"
)

func TestFormats(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{Number(1250000, 0), "1.250.000"},
		{Number(1234567.891, 2), "1.234.567,89"},
		{Number(999, 0), "999"},
		{Number(-1234.5, 1), "-1.234,5"},
		{Number(-0.01, 1), "0,0"},
		{Number(math.NaN(), 1), "–"},
		{Percent(12.5), "12,5 %"},
		{Rupiah(1250000), "Rp 1.250.000"},
		{Auto(328), "328"},
		{Auto(12.345), "12,3"},
		{Auto(1.2345), "1,23"},
		{Date(time.Date(2025, 10, 20, 0, 0, 0, 0, time.UTC)), "20 Oktober 2025"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
