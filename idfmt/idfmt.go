// Package idfmt formats numbers, money, percentages and dates the way
// Indonesian offices write them: 1.250.000, Rp 1.250.000, 12,5 %,
// 20 Oktober 2025.
package idfmt

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Number formats v with dec decimals, a dot between thousands and a comma
// before the decimals: Number(1234567.891, 2) = "1.234.567,89".
func Number(v float64, dec int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', dec, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}

// Auto formats v with as few decimals as suit its size: none for whole
// numbers, one from 10 upward, two below.
func Auto(v float64) string {
	switch {
	case v == math.Trunc(v):
		return Number(v, 0)
	case math.Abs(v) >= 10:
		return Number(v, 1)
	default:
		return Number(v, 2)
	}
}

// Percent formats v (already in percent) with one decimal: "12,5 %".
func Percent(v float64) string { return Number(v, 1) + " %" }

// Rupiah formats an amount in whole rupiah: "Rp 1.250.000".
func Rupiah(v int64) string { return "Rp " + Number(float64(v), 0) }

var months = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
	"Agustus", "September", "Oktober", "November", "Desember"}

// Date formats t as "20 Oktober 2025".
func Date(t time.Time) string {
	return strconv.Itoa(t.Day()) + " " + months[t.Month()-1] + " " + strconv.Itoa(t.Year())
}
