package ingest

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dinsos-tuban/pocketmap/geo"
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

// snakeKey turns a column header into an indicator key: "Jumlah RT" →
// "jumlah_rt".
func snakeKey(s string) string { return geo.Words(s, '_') }

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
