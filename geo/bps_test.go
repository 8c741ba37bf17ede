package geo

import "testing"

func TestBPSCodes(t *testing.T) {
	for _, tc := range []struct {
		in    string
		want  string
		looks bool
		err   bool
	}{
		{"3523010001", "3523010001", true, false},
		{"35.23.010.001", "3523010001", true, false},
		{"3523012001", "3523012001", false, false}, // Kemendagri 35.23.01.2001
		{"352301", "", false, true},
		{"35230100x1", "", false, true},
	} {
		got, err := NormalizeBPS(tc.in)
		if got != tc.want || (err != nil) != tc.err || LooksBPS(tc.in) != tc.looks {
			t.Errorf("%q: %q %v, looks %v", tc.in, got, err, LooksBPS(tc.in))
		}
	}
	if k := BPSKabupaten("3523010001"); k != "35.23" {
		t.Errorf("kabupaten %q", k)
	}
}
