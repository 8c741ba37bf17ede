package geo

import (
	"fmt"
	"strings"
)

// NormalizeCode turns a Kemendagri code written with dots, without dots
// (3523012001) or with other separators into the dotted form
// PP.KK.CC.DDDD. It returns an error naming the rule broken when s is not
// a code of 2, 4, 6 or 10 digits.
func NormalizeCode(s string) (string, error) {
	s = strings.TrimSpace(s)
	var digits []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits = append(digits, c)
		case c == '.' || c == ' ' || c == '-' || c == '_':
		default:
			return "", fmt.Errorf("kode %q memuat karakter %q; kode Kemendagri hanya berisi angka dan titik", s, c)
		}
	}
	switch len(digits) {
	case 2:
		return string(digits), nil
	case 4:
		return string(digits[:2]) + "." + string(digits[2:]), nil
	case 6:
		return string(digits[:2]) + "." + string(digits[2:4]) + "." + string(digits[4:]), nil
	case 10:
		if digits[6] == '0' {
			// Kemendagri desa numbers start with 1 (kelurahan), 2 (desa) or
			// 3 (desa adat); BPS codes PPKKCCCDDD put the kecamatan's last
			// digit there, usually 0 (kecamatan 010, 020, …).
			return "", fmt.Errorf("kode %q bukan kode Kemendagri: bagian desa %q diawali 0, padahal nomor desa Kemendagri diawali 1 (kelurahan), 2 (desa) atau 3 (desa adat); kode 10 angka dengan kecamatan 3 angka (PPKKCCCDDD, mis. 3523010001) adalah kode BPS", s, string(digits[6:]))
		}
		return string(digits[:2]) + "." + string(digits[2:4]) + "." + string(digits[4:6]) + "." + string(digits[6:]), nil
	case 0:
		return "", fmt.Errorf("kode kosong")
	}
	return "", fmt.Errorf("kode %q berisi %d angka; kode Kemendagri berisi 2, 4, 6 atau 10 angka (PP.KK.CC.DDDD)", s, len(digits))
}

// CodeLevel returns the level a dotted Kemendagri code denotes: the fourth
// part starting with 1 is a kelurahan, with 2 (or 3, desa adat) a desa.
func CodeLevel(code string) Level {
	switch len(code) {
	case 2:
		return LevelProvinsi
	case 5:
		return LevelKabupaten
	case 8:
		return LevelKecamatan
	case 13:
		if code[9] == '1' {
			return LevelKelurahan
		}
		return LevelDesa
	}
	return LevelUnknown
}

// ParentCode returns the code of the unit that contains code, or "" for a
// province or an unknown code.
func ParentCode(code string) string {
	switch len(code) {
	case 5, 8, 13:
		if i := strings.LastIndexByte(code, '.'); i > 0 {
			return code[:i]
		}
	}
	return ""
}
