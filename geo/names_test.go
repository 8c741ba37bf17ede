package geo

import "testing"

func TestNormalizeName(t *testing.T) {
	for in, want := range map[string]string{"Desa Glondong Gede": "glondonggede", "KEL. SIDOREJO": "sidorejo", "Ds.Jlodro": "jlodro",
		"Kelurahan Latsari": "latsari", "Kec. Tambakboyo": "tambakboyo", "Desa": "desa", "Sumber-Jo": "sumberjo", "Pénéléh": "peneleh",
		"Sumurgung": "sumurgung", "Desa Sumur Gung": "sumurgung", "KEL. KEBONSARI": "kebonsari", "Glondong-gede": "glondonggede"} {
		if got := NormalizeName(in); got != want {
			t.Errorf("NormalizeName(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"Jumlah RT": "jumlah_rt", " RT Desil-1 ": "rt_desil_1", "Persentase (%)": "persentase", "Désa": "desa"} {
		if got := Words(in, '_'); got != want {
			t.Errorf("Words(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"glodonggede", "glondonggede", 2, 1},
		{"payuran", "panyuran", 1, 1},
		{"abc", "abc", 0, 0},
		{"", "abc", 5, 3},
		{"kitten", "sitting", 5, 3},
		{"kitten", "sitting", 2, 3}, // above the limit: limit+1
		{"abcdef", "uvwxyz", 1, 2},
	} {
		if got := EditDistance(tt.a, tt.b, tt.limit); got != tt.want {
			t.Errorf("EditDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}

// TestQualifiedNames: a name two desa share is told apart by the
// kecamatan; a unique one is left alone.
func TestQualifiedNames(t *testing.T) {
	areas := []*Area{
		{Code: "35.23.07", Name: "Bancar", Level: LevelKecamatan},
		{Code: "35.23.02", Name: "Senori", Level: LevelKecamatan},
		{Code: "35.23.07.2001", Name: "Jatisari", Level: LevelDesa, Parent: "35.23.07"},
		{Code: "35.23.02.2003", Name: "JATISARI", Level: LevelDesa, Parent: "35.23.02"},
		{Code: "35.23.02.2004", Name: "Wanglu", Level: LevelDesa, Parent: "35.23.02"},
	}
	got := QualifiedNames(areas)
	want := map[string]string{"35.23.07": "Kec. Bancar", "35.23.02": "Kec. Senori", "35.23.07.2001": "Jatisari (Kec. Bancar)",
		"35.23.02.2003": "JATISARI (Kec. Senori)", "35.23.02.2004": "Wanglu"}
	for c, w := range want {
		if got[c] != w {
			t.Errorf("%s: %q, want %q", c, got[c], w)
		}
	}
}
