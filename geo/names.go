package geo

import "strings"

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

// Words lower-cases s, folds accented Latin letters to ASCII and returns
// its runs of letters and digits joined by sep: Words("Jumlah RT", '_') =
// "jumlah_rt".
func Words(s string, sep byte) string {
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

// namePrefixes are leading words dropped from area names.
var namePrefixes = map[string]bool{"desa": true, "ds": true, "kelurahan": true, "kel": true, "kecamatan": true, "kec": true}

// NormalizeName returns the form of an area name used to compare names:
// lower case, accents folded to ASCII, without spaces and punctuation and
// without a leading "Desa", "Ds.", "Kelurahan", "Kel.", "Kecamatan" or
// "Kec." ("Desa Sumur Gung" → "sumurgung", "Pénéléh" → "peneleh"). A
// prefix alone is kept ("Desa" → "desa"). Every matcher of names (the
// indicator join, the household validator, the search box) uses it.
func NormalizeName(s string) string {
	w := Words(s, ' ')
	if i := strings.IndexByte(w, ' '); i > 0 && namePrefixes[w[:i]] {
		w = w[i+1:]
	}
	return strings.ReplaceAll(w, " ", "")
}

// EditDistance returns the Levenshtein distance between a and b (compared
// byte by byte: use it on NormalizeName's ASCII forms) when it is at most
// limit, else limit+1.
func EditDistance(a, b string, limit int) int {
	d, _ := EditDistanceBuf(a, b, limit, nil)
	return d
}

// EditDistanceBuf is EditDistance for many comparisons: only the band of
// cells within limit of the diagonal is computed, row is scratch space,
// and it is returned for reuse.
func EditDistanceBuf(a, b string, limit int, row []int) (int, []int) {
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

// QualifiedNames returns the name to show for each area, by code: a desa
// or kelurahan whose name another desa or kelurahan of areas shares is
// named with its kecamatan, "Jatisari (Kec. Bancar)", so that it is never
// mistaken for its namesake (Tuban has 18 names used twice or more); the
// others by their name; a kecamatan as "Kec. Bancar".
func QualifiedNames(areas []*Area) map[string]string {
	uses := map[string]int{}
	kecName := map[string]string{}
	for _, a := range areas {
		switch {
		case a.Level.IsVillage():
			uses[NormalizeName(a.Name)]++
		case a.Level == LevelKecamatan:
			kecName[a.Code] = a.Name
		}
	}
	out := make(map[string]string, len(areas))
	for _, a := range areas {
		switch {
		case a.Level == LevelKecamatan:
			out[a.Code] = "Kec. " + a.Name
		case a.Level.IsVillage() && uses[NormalizeName(a.Name)] > 1:
			k := kecName[a.Parent]
			if k == "" {
				k = a.Parent
			}
			out[a.Code] = a.Name + " (Kec. " + k + ")"
		default:
			out[a.Code] = a.Name
		}
	}
	return out
}
