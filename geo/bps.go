package geo

import (
	"fmt"
	"strings"
)

// BPS desa codes (Kode Wilayah Kerja Statistik) have ten digits,
// PPKKCCCDDD: province, kabupaten, a three-digit kecamatan number (010,
// 020, … in steps of ten, with new kecamatan in between) and a three-digit
// desa number. Below the kabupaten they are not Kemendagri's numbers
// (Kemendagri's Kec. Kenduruan is 35.23.01, BPS's 3523010), so an area is
// found from a BPS code through names, and the pairs found are kept as a
// crosswalk (Crosswalk).

// NormalizeBPS returns the ten digits of a BPS desa code written with or
// without separators ("3523010001", "35.23.010.001"), or an error naming
// the rule broken.
func NormalizeBPS(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			b.WriteByte(c)
		case c == '.' || c == ' ' || c == '-' || c == '_':
		default:
			return "", fmt.Errorf("kode BPS %q memuat karakter %q; kode BPS hanya berisi angka", strings.TrimSpace(s), c)
		}
	}
	if b.Len() != 10 {
		return "", fmt.Errorf("kode BPS %q berisi %d angka; kode desa BPS berisi 10 angka (PPKKCCCDDD)", strings.TrimSpace(s), b.Len())
	}
	return b.String(), nil
}

// LooksBPS reports whether a ten-digit code reads as a BPS desa code
// rather than a Kemendagri one: its seventh digit, the first of a
// Kemendagri desa number (1, 2 or 3), is 0, the last digit of a BPS
// kecamatan number.
func LooksBPS(s string) bool {
	d, err := NormalizeBPS(s)
	return err == nil && d[6] == '0'
}

// BPSKabupaten returns the Kemendagri code of the kabupaten a BPS code
// lies in ("3523010001" → "35.23"): the first four digits are the same in
// both systems.
func BPSKabupaten(bps string) string {
	if len(bps) < 4 {
		return ""
	}
	return bps[:2] + "." + bps[2:4]
}

// CrosswalkPair says that the BPS desa code BPS is the Kemendagri area
// Code, as a user accepted it (by name, in a join-health review).
type CrosswalkPair struct {
	BPS  string // ten digits
	Code string // Kemendagri, dotted
	Name string // the name the file gave, for the record
	File string // the file the pair was found in
}
