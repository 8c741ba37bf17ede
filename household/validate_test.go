package household

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/dinsos-tuban/pocketmap/geo"
)

const (
	goodNIK = "3523014508680002" // woman born 05-08-68, registered in 35.23.01
	goodKK  = "3523012005150001"
)

// testAreas are four square desa of 0.01° (about 1.1 km) near Tuban: Jlodro
// and Sidorejo (Kenduruan) side by side, a second Sidorejo (Tuban) east of
// them, and Sumurgung farther east; plus their kecamatan.
func testAreas() []*geo.Area {
	kec := func(code, name string) *geo.Area {
		return &geo.Area{Code: code, Name: name, Level: geo.LevelKecamatan, Parent: geo.ParentCode(code)}
	}
	return []*geo.Area{
		kec("35.23.01", "Kenduruan"), kec("35.23.16", "Tuban"),
		square("35.23.01.2001", "Jlodro", 112.00, -6.90, 0.01),
		square("35.23.01.2008", "Sidorejo", 112.01, -6.90, 0.01),
		square("35.23.16.1010", "Sidorejo", 112.02, -6.90, 0.01),
		square("35.23.16.2001", "Sumurgung", 112.10, -6.90, 0.01),
	}
}

var testRegions = map[string]bool{"35": true, "35.23": true, "35.22": true, "33": true, "33.01": true}

func goodRecord() *Record {
	return &Record{Row: 2, KK: goodKK, NIK: goodNIK, Name: "Siti Aminah", Address: "RT 003/RW 002",
		DesaCode: "35.23.01.2001", DesaName: "Jlodro", Desil: 2, DesilText: "2",
		Members: 4, Disabled: 1, Elderly: 0, Programmes: []string{"PKH", "BPNT"},
		HasPoint: true, Point: orb.Point{112.005, -6.895}}
}

func codes(fs []Finding) []string {
	var c []string
	for _, f := range fs {
		c = append(c, f.Rule)
	}
	return c
}

// checkFinding asserts what every finding must satisfy: the rule exists
// with that severity, a message, and no unmasked NIK or KK in it.
func checkFinding(t *testing.T, f Finding, r *Record) {
	t.Helper()
	rule, ok := RuleByCode(f.Rule)
	if !ok {
		t.Errorf("unknown rule %q", f.Rule)
	}
	if f.Severity != rule.Severity {
		t.Errorf("%s: severity %v, rule says %v", f.Rule, f.Severity, rule.Severity)
	}
	if f.Message == "" || f.Field == "" || f.Row != r.Row || f.NIK != r.NIK {
		t.Errorf("%s: incomplete finding %+v", f.Rule, f)
	}
	for _, id := range []string{cleanID(r.NIK), cleanID(r.KK)} {
		if len(id) > 4 && strings.Contains(f.Message, id) {
			t.Errorf("%s: message shows an unmasked number: %s", f.Rule, f.Message)
		}
	}
}

func TestCheckRules(t *testing.T) {
	nik := func(dd, mm string) func(*Record) {
		return func(r *Record) { r.NIK = goodNIK[:6] + dd + mm + goodNIK[10:] }
	}
	for _, tc := range []struct {
		name string
		edit func(*Record)
		want []string
		msg  string // expected in the first finding's message
	}{
		{"bersih", func(*Record) {}, nil, ""},
		{"NIK kosong", func(r *Record) { r.NIK = "" }, []string{RuleNIKLength}, "NIK kosong"},
		{"NIK 15 angka", func(r *Record) { r.NIK = goodNIK[:15] }, []string{RuleNIKLength}, "15 angka"},
		{"NIK 17 angka", func(r *Record) { r.NIK = goodNIK + "1" }, []string{RuleNIKLength}, "17 angka"},
		{"NIK huruf", func(r *Record) { r.NIK = "35230145O8680002" }, []string{RuleNIKLength}, "'O'"},
		{"NIK notasi ilmiah", func(r *Record) { r.NIK = "3.52301E+15" }, []string{RuleNIKLength}, "notasi ilmiah"},
		{"NIK berspasi", func(r *Record) { r.NIK = " 3523 0145 0868 0002 " }, nil, ""},
		{"NIK apostrof Excel", func(r *Record) { r.NIK = "'" + goodNIK }, nil, ""},
		{"NIK provinsi salah", func(r *Record) { r.NIK = "99" + goodNIK[2:] }, []string{RuleNIKRegion}, "provinsi 99"},
		{"NIK kabupaten salah", func(r *Record) { r.NIK = "3599" + goodNIK[4:] }, []string{RuleNIKRegion}, "35.99"},
		{"NIK kabupaten lain sah", func(r *Record) { r.NIK = "3522" + goodNIK[4:] }, nil, ""},
		{"NIK provinsi lain sah", func(r *Record) { r.NIK = "3301" + goodNIK[4:] }, nil, ""},
		{"tanggal 32", nik("32", "08"), []string{RuleNIKDate}, "tanggal lahir 32"},
		{"tanggal 00", nik("00", "08"), []string{RuleNIKDate}, ""},
		{"tanggal 40", nik("40", "08"), []string{RuleNIKDate}, ""},
		{"tanggal 72", nik("72", "08"), []string{RuleNIKDate}, ""},
		{"bulan 13", nik("05", "13"), []string{RuleNIKDate}, "bulan lahir 13"},
		{"bulan 00", nik("05", "00"), []string{RuleNIKDate}, ""},
		{"31 April", nik("31", "04"), []string{RuleNIKDate}, "31 April"},
		{"31 April perempuan", nik("71", "04"), []string{RuleNIKDate}, "31 April"},
		{"30 Februari", nik("30", "02"), []string{RuleNIKDate}, "30 Februari"},
		{"29 Februari", nik("29", "02"), nil, ""},
		{"29 Februari perempuan", nik("69", "02"), nil, ""},
		{"31 Desember", nik("31", "12"), nil, ""},
		{"41 = 1 Januari perempuan", nik("41", "01"), nil, ""},
		{"71 Desember", nik("71", "12"), nil, ""},
		{"KK 17 angka", func(r *Record) { r.KK = goodKK + "0" }, []string{RuleKKLength}, "17 angka"},
		{"KK kosong", func(r *Record) { r.KK = "" }, []string{RuleKKLength}, "kosong"},
		{"kode desa tanpa titik", func(r *Record) { r.DesaCode = "3523012001" }, nil, ""},
		{"kode desa tak dikenal", func(r *Record) { r.DesaCode = "35.23.01.2099"; r.HasPoint = false }, []string{RuleDesaCode}, "Jlodro (Kec. Kenduruan, 35.23.01.2001)"},
		{"kode kecamatan", func(r *Record) { r.DesaCode = "35.23.01" }, []string{RuleDesaCode}, "kode kecamatan"},
		{"kode rusak", func(r *Record) { r.DesaCode = "35.23.01.20x1" }, []string{RuleDesaCode}, ""},
		{"nama desa lain", func(r *Record) { r.DesaName = "Sumurgung" }, []string{RuleDesaName}, "Sumurgung"},
		{"nama desa beda tulis", func(r *Record) { r.DesaName = "DESA JLO-DRO" }, nil, ""},
		{"hanya nama unik", func(r *Record) { r.DesaCode = "" }, nil, ""},
		{"hanya nama unik, titik di luar", func(r *Record) { r.DesaCode = ""; r.Point = orb.Point{112.105, -6.895} }, []string{RulePointOutside}, ""},
		{"hanya nama ganda", func(r *Record) { r.DesaCode = ""; r.DesaName = "Sidorejo" }, []string{RuleDesaMissing}, "35.23.01.2008"},
		{"hanya nama tak dikenal", func(r *Record) { r.DesaCode = ""; r.DesaName = "Antah" }, []string{RuleDesaMissing}, "Antah"},
		{"kode dan nama kosong", func(r *Record) { r.DesaCode = ""; r.DesaName = " " }, []string{RuleDesaMissing}, "kosong"},
		{"desil kosong", func(r *Record) { r.Desil, r.DesilText = 0, "" }, []string{RuleDesil}, "desil kosong"},
		{"desil 11", func(r *Record) { r.Desil, r.DesilText = 11, "11" }, []string{RuleDesil}, `"11"`},
		{"desil huruf", func(r *Record) { r.Desil, r.DesilText = 0, "dua" }, []string{RuleDesil}, `"dua"`},
		{"desil 10", func(r *Record) { r.Desil, r.DesilText = 10, "10" }, nil, ""},
		{"ART 0", func(r *Record) { r.Members, r.Disabled = 0, 0 }, []string{RuleMembersZero}, ""},
		{"ART kosong", func(r *Record) { r.Members = -1 }, []string{RuleMembersZero}, "kosong"},
		{"ART 0, disabilitas 1", func(r *Record) { r.Members = 0 }, []string{RuleMembersZero}, ""},
		{"disabilitas > ART", func(r *Record) { r.Disabled = 5 }, []string{RuleMembersCount}, "disabilitas 5"},
		{"lansia > ART", func(r *Record) { r.Elderly = 5 }, []string{RuleMembersCount}, "lanjut usia 5"},
		{"keduanya > ART", func(r *Record) { r.Disabled, r.Elderly = 5, 6 }, []string{RuleMembersCount}, ""},
		{"disabilitas negatif", func(r *Record) { r.Disabled = -3 }, []string{RuleMembersCount}, ""},
		{"disabilitas kosong", func(r *Record) { r.Disabled, r.Elderly = -1, -1 }, nil, ""},
		{"disabilitas = ART", func(r *Record) { r.Disabled, r.Elderly = 4, 4 }, nil, ""},
		{"DBHCHT + Sembako", func(r *Record) { r.Programmes = []string{"BLT-DBHCHT", "Sembako"} }, []string{RuleStacking}, "BLT-DBHCHT bersama Sembako"},
		{"DBHCHT + PKH + BPNT", func(r *Record) { r.Programmes = []string{"blt dbhcht", "pkh", "BPNT/Sembako"} }, []string{RuleStacking}, "pkh dan BPNT/Sembako"},
		{"DBHCHT + BLT DD boleh (bawaan)", func(r *Record) { r.Programmes = []string{"BLT DBHCHT", "BLT Dana Desa"} }, nil, ""},
		{"DBHCHT saja", func(r *Record) { r.Programmes = []string{"BLT DBHCHT"} }, nil, ""},
		{"titik di desa jauh", func(r *Record) { r.Point = orb.Point{112.105, -6.895} }, []string{RulePointOutside}, "Sumurgung"},
		{"titik 55 m di luar, tanpa desa", func(r *Record) { r.Point = orb.Point{111.9995, -6.895} }, []string{RulePointNearEdge}, "tidak berada di desa mana pun"},
		{"titik 55 m di desa tetangga", func(r *Record) { r.Point = orb.Point{112.0105, -6.895} }, []string{RulePointNearEdge}, "Sidorejo (Kec. Kenduruan"},
		{"titik 220 m di luar", func(r *Record) { r.Point = orb.Point{111.998, -6.895} }, []string{RulePointOutside}, "221 m"},
		{"titik di batas", func(r *Record) { r.Point = orb.Point{112.01, -6.895} }, nil, ""},
		{"titik tertukar", func(r *Record) { r.Point = orb.Point{-6.895, 112.005} }, []string{RulePointOutOfRange}, "tertukar"},
		{"titik NaN", func(r *Record) { r.Point = orb.Point{math.NaN(), -6.9} }, []string{RulePointOutOfRange}, ""},
		{"tanpa titik", func(r *Record) { r.HasPoint, r.Point = false, orb.Point{} }, nil, ""},
		{"desa tak dikenal, titik tak diperiksa", func(r *Record) { r.DesaCode, r.DesaName = "", ""; r.Point = orb.Point{0, 0} }, []string{RuleDesaMissing}, ""},
		{"beberapa kesalahan", func(r *Record) { r.NIK = "123"; r.Desil = 0; r.DesilText = ""; r.Members = 0; r.Disabled = 0 },
			[]string{RuleNIKLength, RuleDesil, RuleMembersZero}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := NewValidator(testAreas(), testRegions, DefaultConfig())
			r := goodRecord()
			tc.edit(r)
			got := v.Check(r)
			if !slices.Equal(codes(got), tc.want) {
				t.Fatalf("findings %v, want %v: %+v", codes(got), tc.want, got)
			}
			for _, f := range got {
				checkFinding(t, f, r)
				if want := v.Desa(r); f.DesaCode != want {
					t.Errorf("%s: DesaCode %q, Desa() %q", f.Rule, f.DesaCode, want)
				}
			}
			if tc.msg != "" && !strings.Contains(got[0].Message, tc.msg) {
				t.Errorf("message %q does not mention %q", got[0].Message, tc.msg)
			}
			if f := v.Finish(); len(f) != 0 {
				t.Errorf("Finish on one record: %v", codes(f))
			}
		})
	}
}

func TestDesa(t *testing.T) {
	v := NewValidator(testAreas(), testRegions, DefaultConfig())
	for _, tc := range []struct{ code, name, want string }{
		{"35.23.01.2001", "Jlodro", "35.23.01.2001"},
		{"3523012001", "", "35.23.01.2001"},
		{"35.23.01.2001", "Sumurgung", "35.23.01.2001"}, // name mismatch: the code wins
		{"", "kel. sidorejo", ""},                       // ambiguous
		{"", "Desa Sumur Gung", "35.23.16.2001"},
		{"35.23.01.2099", "Jlodro", ""}, // unknown code: no guess from the name
		{"", "", ""},
	} {
		if got := v.Desa(&Record{DesaCode: tc.code, DesaName: tc.name}); got != tc.want {
			t.Errorf("Desa(%q, %q) = %q, want %q", tc.code, tc.name, got, tc.want)
		}
	}
}

func TestRegionRuleOff(t *testing.T) {
	v := NewValidator(testAreas(), nil, DefaultConfig())
	r := goodRecord()
	r.NIK = "99" + goodNIK[2:]
	if got := v.Check(r); len(got) != 0 {
		t.Errorf("without region codes: %v", codes(got))
	}
}

func TestBorderTolerance(t *testing.T) {
	for _, tc := range []struct {
		tol  float64
		lon  float64
		want string
	}{
		{0, 111.9995, RulePointNearEdge}, // 55 m, default 100 m
		{-1, 111.9995, RulePointOutside}, // no tolerance
		{50, 111.9995, RulePointOutside},
		{300, 111.998, RulePointNearEdge}, // 221 m
		{DefaultBorderTolerance, 111.998, RulePointOutside},
	} {
		cfg := DefaultConfig()
		cfg.BorderTolerance = tc.tol
		v := NewValidator(testAreas(), testRegions, cfg)
		r := goodRecord()
		r.Point = orb.Point{tc.lon, -6.895}
		if got := codes(v.Check(r)); !slices.Equal(got, []string{tc.want}) {
			t.Errorf("tolerance %g, lon %g: %v, want %s", tc.tol, tc.lon, got, tc.want)
		}
	}
}

func TestStackingConfig(t *testing.T) {
	cfg := Config{Stacking: []StackRule{
		{Name: "DBHCHT lengkap", Programme: "BLT-DBHCHT", Forbidden: []string{"PKH", "BPNT", "BLT DD", "BPUM"}},
		{Name: "BLT-DD + PKH", Programme: "blt dana desa", Forbidden: []string{"pkh"}},
		{Name: "kosong", Programme: "", Forbidden: []string{"PKH"}},
		{Name: "diri sendiri", Programme: "PKH", Forbidden: []string{"pkh"}},
	}}
	v := NewValidator(testAreas(), testRegions, cfg)
	for _, tc := range []struct {
		progs []string
		n     int
	}{
		{[]string{"BLT DBHCHT", "BLT-DD"}, 1},
		{[]string{"BLT DBHCHT", "BPUM", "PKH"}, 1},
		{[]string{"BLT-DD", "PKH"}, 1},
		{[]string{"BLT DBHCHT", "BLT-DD", "PKH"}, 2},
		{[]string{"PKH", "PKH"}, 0},
		{[]string{"BPNT", "PKH", "PBI-JK"}, 0},
	} {
		r := goodRecord()
		r.Programmes = tc.progs
		if got := v.Check(r); len(got) != tc.n {
			t.Errorf("%v: %v, want %d BANSOS-GANDA", tc.progs, codes(got), tc.n)
		}
	}
	// The zero Config checks no stacking.
	r := goodRecord()
	r.Programmes = []string{"BLT DBHCHT", "PKH"}
	if got := NewValidator(testAreas(), testRegions, Config{}).Check(r); len(got) != 0 {
		t.Errorf("zero Config: %v", codes(got))
	}
}

func TestFinishDuplicates(t *testing.T) {
	v := NewValidator(testAreas(), testRegions, DefaultConfig())
	const nikB = "3523010101700001"
	recs := []struct {
		nik, kk string
	}{
		{goodNIK, goodKK},             // row 2
		{goodNIK, "3523012005150002"}, // row 3: NIK again
		{nikB, goodKK},                // row 4: KK again
		{goodNIK + " ", "3523012005150003"},
		{"123", "3523012005150004"}, // short NIKs are not compared
		{"123", "3523012005150005"},
		{"3523010101700002", "12"}, // nor short KKs
		{"3523010101700003", "12"},
	}
	for i, x := range recs {
		r := goodRecord()
		r.Row, r.NIK, r.KK = i+2, x.nik, x.kk
		for _, f := range v.Check(r) {
			if f.Rule == RuleNIKDuplicate || f.Rule == RuleKKDuplicate {
				t.Errorf("Check reported %s", f.Rule)
			}
		}
	}
	got := v.Finish()
	type rf struct {
		rule string
		row  int
	}
	var gr []rf
	for _, f := range got {
		gr = append(gr, rf{f.Rule, f.Row})
		if !strings.Contains(f.Message, "baris 2") || f.DesaCode != "35.23.01.2001" || f.Severity != Error {
			t.Errorf("%+v: should name row 2, the desa, severity error", f)
		}
		if strings.Contains(f.Message, goodNIK) || strings.Contains(f.Message, goodKK) {
			t.Errorf("unmasked: %s", f.Message)
		}
	}
	want := []rf{{RuleNIKDuplicate, 3}, {RuleKKDuplicate, 4}, {RuleNIKDuplicate, 5}}
	if !slices.Equal(gr, want) {
		t.Errorf("Finish = %v, want %v", gr, want)
	}
}

func TestRulesList(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules {
		if seen[r.Code] || r.Description == "" || (r.Severity != Error && r.Severity != Warning) {
			t.Errorf("bad rule %+v", r)
		}
		seen[r.Code] = true
	}
	if len(Rules) != 16 {
		t.Errorf("%d rules, want 16", len(Rules))
	}
	for _, c := range []string{RuleDesaName, RulePointNearEdge} {
		if r, _ := RuleByCode(c); r.Severity != Warning {
			t.Errorf("%s should be a warning", c)
		}
	}
}

func TestMask(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{goodNIK, "************0002"},
		{"", "****"},
		{"1234", "****"},
		{"12345", "*2345"},
		{"ab€defg", "***defg"},
	} {
		if got := Mask(tc.in); got != tc.want {
			t.Errorf("Mask(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestProgrammeNames(t *testing.T) {
	for _, tc := range []struct{ in, name, key string }{
		{"PKH", "PKH", "pkh"},
		{" pkh ", "PKH", "pkh"},
		{"BLT-DBHCHT", "BLT DBHCHT", "blt_dbhcht"},
		{"blt  dbhcht", "BLT DBHCHT", "blt_dbhcht"},
		{"Sembako", "BPNT", "bpnt"},
		{"BPNT / Sembako", "BPNT", "bpnt"},
		{"BLT DD", "BLT-DD", "blt_dd"},
		{"blt-dd", "BLT-DD", "blt_dd"},
		{"BLT Dana Desa", "BLT-DD", "blt_dd"},
		{"PBI JK", "PBI-JK", "pbi_jk"},
		{"Tidak ada", "", ""},
		{"-", "", ""},
		{"Bantuan Lansia", "BANTUAN LANSIA", "bantuan_lansia"},
	} {
		if n, k := ProgrammeName(tc.in), ProgrammeKey(tc.in); n != tc.name || k != tc.key {
			t.Errorf("%q: name %q key %q, want %q %q", tc.in, n, k, tc.name, tc.key)
		}
	}
	if got := SplitProgrammes(" PKH; BPNT/Sembako, ;BLT DD|PBI-JK "); !slices.Equal(got, []string{"PKH", "BPNT/Sembako", "BLT DD", "PBI-JK"}) {
		t.Errorf("SplitProgrammes = %q", got)
	}
}

func TestDistanceToBoundary(t *testing.T) {
	sq := square("35.23.01.2001", "Jlodro", 112.00, -6.90, 0.01).Geom
	// One thousandth of a degree at 6.9° S: 110.52 m east-west (a great
	// circle's length there), 110.59 m north-south (WGS84 meridian arc).
	for _, tc := range []struct {
		p    orb.Point
		want float64
	}{
		{orb.Point{111.999, -6.895}, 110.52},
		{orb.Point{112.005, -6.889}, 110.59},
		{orb.Point{112.005, -6.8955}, 4.5 * 110.59}, // inside: 0.0045° to the southern edge
		{orb.Point{112.013, -6.886}, math.Hypot(3*110.52, 4*110.59)},
	} {
		if got := DistanceToBoundary(sq, tc.p); math.Abs(got-tc.want) > 0.003*tc.want {
			t.Errorf("DistanceToBoundary(%v) = %.2f m, want %.2f", tc.p, got, tc.want)
		}
	}
}

func TestDistanceText(t *testing.T) {
	for _, tc := range []struct {
		d    float64
		want string
	}{{0, "0 m"}, {18.4, "18 m"}, {999.6, "1.000 m"}, {9999.4, "9.999 m"}, {10_000, "10,0 km"}, {62_677, "62,7 km"}, {1_234_560, "1.234,6 km"}} {
		if got := distance(tc.d); got != tc.want {
			t.Errorf("distance(%g) = %q, want %q", tc.d, got, tc.want)
		}
	}
}
