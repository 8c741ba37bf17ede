package ingest

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// clean trims s and, when it is not valid UTF-8 (a file saved as
// Latin-1/Windows-1252), reads its bytes as Latin-1.
func clean(s string) string {
	if !utf8.ValidString(s) {
		r := make([]rune, len(s))
		for i := 0; i < len(s); i++ {
			r[i] = rune(s[i])
		}
		s = string(r)
	}
	return strings.TrimSpace(s)
}

// latinFold maps the lower-case Latin-1 letters U+00E0…U+00FF to ASCII;
// '_' marks the ones dropped.
const latinFold = "aaaaaa_ceeeeiiiidnooooo_ouuuuy_y"

// fold returns r lower-cased and folded to an ASCII letter or digit, or 0
// for any other character.
func fold(r rune) byte {
	switch {
	case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		return byte(r)
	case r >= 'A' && r <= 'Z':
		return byte(r + 'a' - 'A')
	case r >= 0xC0 && r <= 0xDE && r != 0xD7:
		r += 0x20
	}
	if r >= 0xE0 && r <= 0xFF && latinFold[r-0xE0] != '_' {
		return latinFold[r-0xE0]
	}
	return 0
}

// words lower-cases s, folds accented Latin letters to ASCII and returns
// its runs of letters and digits joined by sep.
func words(s string, sep byte) string {
	b := make([]byte, 0, len(s))
	gap := false
	for _, r := range s {
		c := fold(r)
		if c == 0 {
			gap = len(b) > 0
			continue
		}
		if gap {
			b = append(b, sep)
			gap = false
		}
		b = append(b, c)
	}
	return string(b)
}

// snakeKey turns a column header into an indicator key: "Jumlah RT" →
// "jumlah_rt".
func snakeKey(s string) string { return words(s, '_') }

// namePrefixes are leading words dropped from area names.
var namePrefixes = map[string]bool{"desa": true, "ds": true, "kelurahan": true, "kel": true, "kecamatan": true, "kec": true}

// normName returns the form of an area name used for matching: lower case,
// ASCII, without spaces and punctuation and without a leading "Desa",
// "Ds.", "Kelurahan", "Kel.", "Kecamatan" or "Kec.".
func normName(s string) string {
	w := words(s, ' ')
	if i := strings.IndexByte(w, ' '); i > 0 && namePrefixes[w[:i]] {
		w = w[i+1:]
	}
	return strings.ReplaceAll(w, " ", "")
}

// isNA reports whether a cell means "no value".
func isNA(s string) bool {
	return s == "" || s == "-" || strings.EqualFold(s, "NA") || strings.EqualFold(s, "N/A")
}

// parseNumberIn is parseNumber for a file whose separator is known: in a
// semicolon-separated file the comma is the decimal mark, so a lone dot
// followed by exactly three digits groups thousands (1.234 = 1234).
func parseNumberIn(s string, semicolon bool) (float64, bool) {
	if semicolon && !strings.ContainsRune(s, ',') && strings.Count(s, ".") == 1 {
		i := strings.IndexByte(s, '.')
		head := strings.TrimLeft(s[:i], "+-")
		if len(s)-i-1 == 3 && len(head) >= 1 && len(head) <= 3 {
			s = s[:i] + s[i+1:]
		}
	}
	return parseNumber(s)
}

// parseNumber reads a number written the international way (1234.5) or the
// Indonesian way (1.234,5; 1.234.567; 12,5). See ReadCSV for the rules.
func parseNumber(s string) (float64, bool) {
	sign := ""
	if s != "" && (s[0] == '-' || s[0] == '+') {
		if s[0] == '-' {
			sign = "-"
		}
		s = s[1:]
	}
	var ip, fp string // integer digits, fraction digits
	ok := true
	if i := strings.IndexByte(s, ','); i >= 0 {
		ip, fp = s[:i], s[i+1:]
		if strings.IndexByte(ip, '.') >= 0 {
			ip, ok = ungroup(ip)
		}
		ok = ok && digits(ip) && digits(fp)
	} else if n := strings.Count(s, "."); n >= 2 {
		ip, ok = ungroup(s)
	} else if n == 1 {
		i := strings.IndexByte(s, '.')
		ip, fp = s[:i], s[i+1:]
		ok = digits(ip) && digits(fp)
	} else {
		ip, ok = s, digits(s)
	}
	if !ok {
		return 0, false
	}
	num := sign + ip
	if fp != "" {
		num += "." + fp
	}
	v, err := strconv.ParseFloat(num, 64)
	return v, err == nil
}

// digits reports whether s is a non-empty run of ASCII digits.
func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ungroup removes thousands separators from "1.234.567": a first group of
// one to three digits, then groups of exactly three.
func ungroup(s string) (string, bool) {
	parts := strings.Split(s, ".")
	if len(parts[0]) > 3 || !digits(parts[0]) {
		return "", false
	}
	for _, p := range parts[1:] {
		if len(p) != 3 || !digits(p) {
			return "", false
		}
	}
	return strings.Join(parts, ""), true
}

// levenshtein returns the edit distance between the ASCII strings a and b
// when it is at most limit, else limit+1. Only the band of cells within
// limit of the diagonal is computed. It uses row as scratch space and
// returns it for reuse.
func levenshtein(a, b string, limit int, row []int) (int, []int) {
	big := limit + 1
	if len(a)-len(b) > limit || len(b)-len(a) > limit {
		return big, row
	}
	row = row[:0]
	for j := 0; j <= len(b); j++ {
		row = append(row, min(j, big))
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-limit), min(len(b), i+limit)
		diag := row[lo-1]
		if lo == 1 {
			row[0] = min(i, big)
		} else {
			row[lo-1] = big
		}
		low := row[lo-1]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			up := row[j]
			if j == i+limit {
				up = big // outside the previous row's band
			}
			next := min(up+1, row[j-1]+1, diag+cost, big)
			diag, row[j] = row[j], next
			low = min(low, next)
		}
		if low > limit {
			return big, row
		}
	}
	return row[len(b)], row
}
