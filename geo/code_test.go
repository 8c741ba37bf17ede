package geo

import (
	"strings"
	"testing"
)

func TestNormalizeCode(t *testing.T) {
	cases := []struct {
		in, want string
		err      string // part of the error message; "" when none expected
	}{
		{"35.23.01.2001", "35.23.01.2001", ""},
		{"3523012001", "35.23.01.2001", ""},
		{" 3523012001 ", "35.23.01.2001", ""},
		{"35-23-01-2001", "35.23.01.2001", ""},
		{"35_23_01_2001", "35.23.01.2001", ""},
		{"35 23 01 2001", "35.23.01.2001", ""},
		{"35.23.16.1003", "35.23.16.1003", ""},
		{"352301", "35.23.01", ""},
		{"35.23.01", "35.23.01", ""},
		{"3523", "35.23", ""},
		{"35", "35", ""},
		{"", "", "kode kosong"},
		{" . ", "", "kode kosong"},
		{"35.23.1.2001", "", "berisi 9 angka"},
		{"35.23.01.20011", "", "berisi 11 angka"},
		{"3", "", "berisi 1 angka"},
		{"35.23.1.2001x", "", "memuat karakter 'x'"},
		{"ID3523012001", "", "memuat karakter 'I'"},
		{"35/23/01/2001", "", "memuat karakter '/'"},
		{"91.03.01.3007", "91.03.01.3007", ""}, // desa adat, Papua
		// BPS codes: Kec. Kenduruan 010, desa 001; Kec. 110, desa 005.
		{"3523010001", "", "adalah kode BPS"},
		{"3523110005", "", `bagian desa "0005" diawali 0`},
		{"35.23.010.001", "", "bukan kode Kemendagri"},
		{"35.23.01.2001,", "", "memuat karakter ','"},
	}
	for _, tc := range cases {
		got, err := NormalizeCode(tc.in)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("NormalizeCode(%q): %v", tc.in, err)
		case tc.err != "" && err == nil:
			t.Errorf("NormalizeCode(%q) = %q, want error %q", tc.in, got, tc.err)
		case tc.err != "" && !strings.Contains(err.Error(), tc.err):
			t.Errorf("NormalizeCode(%q) error %q, want %q", tc.in, err, tc.err)
		case got != tc.want:
			t.Errorf("NormalizeCode(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNormalizeFileCode(t *testing.T) {
	for in, want := range map[string]string{
		"ID3523012001": "35.23.01.2001",
		"id352301":     "35.23.01",
		"ID35":         "35",
		"3523012001":   "35.23.01.2001",
	} {
		if got, err := normalizeFileCode(in); err != nil || got != want {
			t.Errorf("normalizeFileCode(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if got, err := normalizeFileCode("ID"); err == nil {
		t.Errorf("normalizeFileCode(\"ID\") = %q, want error", got)
	}
}

func TestCodeLevel(t *testing.T) {
	cases := []struct {
		code string
		want Level
	}{
		{"35", LevelProvinsi},
		{"35.23", LevelKabupaten},
		{"35.23.01", LevelKecamatan},
		{"35.23.01.2001", LevelDesa},
		{"35.23.16.1003", LevelKelurahan},
		{"35.23.16.1015", LevelKelurahan},
		{"35.23.01.3001", LevelDesa}, // desa adat
		{"", LevelUnknown},
		{"3", LevelUnknown},
		{"3523012001", LevelUnknown}, // not dotted
		{"35.23.01.200", LevelUnknown},
	}
	for _, tc := range cases {
		if got := CodeLevel(tc.code); got != tc.want {
			t.Errorf("CodeLevel(%q) = %v (%d), want %v (%d)", tc.code, got, got, tc.want, tc.want)
		}
	}
}

func TestParentCode(t *testing.T) {
	cases := []struct{ code, want string }{
		{"35.23.01.2001", "35.23.01"},
		{"35.23.16.1003", "35.23.16"},
		{"35.23.01", "35.23"},
		{"35.23", "35"},
		{"35", ""},
		{"", ""},
		{"3523012001", ""},
		// Codes of the right length without dots are unknown, not a panic.
		{"3523012001123", ""},
		{"35230120", ""},
		{"35230", ""},
	}
	for _, tc := range cases {
		if got := ParentCode(tc.code); got != tc.want {
			t.Errorf("ParentCode(%q) = %q, want %q", tc.code, got, tc.want)
		}
	}
}

func TestLevelNames(t *testing.T) {
	for l := LevelProvinsi; l <= LevelKelurahan; l++ {
		if ParseLevel(l.String()) != l {
			t.Errorf("ParseLevel(%q) != %d", l.String(), l)
		}
	}
	if ParseLevel(" Kota ") != LevelKabupaten || ParseLevel("dusun") != LevelUnknown || ParseLevel("") != LevelUnknown {
		t.Errorf("ParseLevel of kota, dusun or empty is wrong")
	}
	if Level(-1).String() != "" || Level(99).String() != "" {
		t.Errorf("out-of-range levels have names")
	}
	if !LevelDesa.IsVillage() || !LevelKelurahan.IsVillage() || LevelKecamatan.IsVillage() {
		t.Errorf("IsVillage is wrong")
	}
}
