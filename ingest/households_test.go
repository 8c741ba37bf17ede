package ingest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/xuri/excelize/v2"

	"github.com/dinsos-tuban/pocketmap/household"
)

// hhPath returns the path of a household test file.
func hhPath(name string) string { return filepath.Join("testdata", "households", name) }

// hhRead reads a household list into a slice.
func hhRead(t *testing.T, path string, m Mapping) ([]*household.Record, error) {
	t.Helper()
	var recs []*household.Record
	n, err := ReadHouseholds(context.Background(), path, m, func(r *household.Record) error {
		recs = append(recs, r)
		return nil
	}, nil)
	if n != len(recs) {
		t.Errorf("%s: ReadHouseholds returned %d, each called %d times", path, n, len(recs))
	}
	return recs, err
}

// hhRowErrors asserts that err is a RowErrors and returns it.
func hhRowErrors(t *testing.T, err error) RowErrors {
	t.Helper()
	var es RowErrors
	if !errors.As(err, &es) {
		t.Fatalf("error %v (%T) is not RowErrors", err, err)
	}
	return es
}

// hhWrite writes content into a file in a temporary directory.
func hhWrite(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadHouseholdsCleanCSV(t *testing.T) {
	h, err := HouseholdColumns(hhPath("clean.csv"))
	if err != nil {
		t.Fatal(err)
	}
	want := Mapping{}
	for _, f := range HouseholdFields() {
		want[f] = f
	}
	want[FieldKK] = "no_kk"
	want[FieldDesaCode] = "kode_desa"
	if !reflect.DeepEqual(h.Guess, want) || len(h.Missing) != 0 || len(h.Columns) != 13 || h.File != hhPath("clean.csv") {
		t.Fatalf("header %+v", h)
	}
	recs, err := hhRead(t, hhPath("clean.csv"), nil)
	if err != nil {
		t.Fatal(err)
	}
	wantRecs := []*household.Record{
		{Row: 2, KK: "3523010101010001", NIK: "3523014101800001", Name: "Sutrisno", Address: "Dusun Krajan, RT 01 RW 02",
			DesaCode: "35.23.01.2001", DesaName: "Kenduruan", Desil: 1, DesilText: "1", Members: 4, Disabled: 0, Elderly: 1,
			Programmes: []string{"PKH", "BPNT/Sembako"}, HasPoint: true, Point: orb.Point{111.9876, -6.9012}},
		{Row: 3, KK: "3523010101010002", NIK: "3523014101800002", Name: "Siti Aminah", Address: "Jl. Raya Tuban 5",
			DesaCode: "35.23.01.2002", DesaName: "Jlodro", Desil: 3, DesilText: "3", Members: 2, Disabled: -1, Elderly: -1},
		{Row: 4, KK: "3523010101010003", NIK: "3523014101800003", Name: "Kasmadi",
			DesaCode: "35.23.01.2001", DesaName: "Kenduruan", Desil: 0, DesilText: "Desil 2", Members: 1, Disabled: 1, Elderly: 0,
			Programmes: []string{"PKH", "PBI-JK", "BLT Dana Desa"}, HasPoint: true, Point: orb.Point{111.99, -6.9}},
	}
	if !reflect.DeepEqual(recs, wantRecs) {
		for i := range recs {
			t.Errorf("record %d: %+v", i, *recs[i])
		}
		t.Fatal("records differ")
	}
}

func TestReadHouseholdsSemicolonIndonesian(t *testing.T) {
	h, err := HouseholdColumns(hhPath("semicolon.csv"))
	if err != nil {
		t.Fatal(err)
	}
	want := Mapping{
		FieldKK: "No. KK", FieldNIK: "NIK Kepala Keluarga", FieldName: "Nama Kepala Rumah Tangga", FieldAddress: "Alamat",
		FieldDesaCode: "Kode Wilayah", FieldDesaName: "Desa/Kelurahan", FieldDesil: "Peringkat Desil", FieldMembers: "Jumlah Anggota",
		FieldDisabled: "Jumlah Disabilitas", FieldElderly: "Lansia", FieldProgrammes: "Jenis Bantuan", FieldLon: "Bujur", FieldLat: "Lintang",
	}
	if !reflect.DeepEqual(h.Guess, want) || h.Missing != nil {
		t.Fatalf("guess %v, missing %v", h.Guess, h.Missing)
	}
	var fractions []float64
	var recs []*household.Record
	n, err := ReadHouseholds(context.Background(), hhPath("semicolon.csv"), h.Guess, func(r *household.Record) error {
		recs = append(recs, r)
		return nil
	}, func(f float64) { fractions = append(fractions, f) })
	if err != nil || n != 2 {
		t.Fatalf("n %d, err %v", n, err)
	}
	r := recs[0]
	if r.Row != 2 || r.KK != "3523020202020001" || r.DesaCode != "3523022001" || r.Desil != 2 || r.Members != 5 ||
		r.Disabled != 1 || r.Elderly != 2 || !r.HasPoint || r.Point != (orb.Point{111.912345, -6.954321}) {
		t.Errorf("first record %+v", *r)
	}
	r = recs[1]
	if r.Row != 4 || r.Address != "Jl. Mawar; No. 7" || r.Desil != 10 || r.HasPoint ||
		!reflect.DeepEqual(r.Programmes, []string{"BPNT/Sembako", "PKH"}) {
		t.Errorf("second record %+v", *r)
	}
	if !reflect.DeepEqual(fractions, []float64{1}) {
		t.Errorf("progress %v", fractions)
	}
}

// hhXLSX writes a workbook whose first sheet, "DTSEN", holds a household
// list of n data rows after a blank row 1 and a header on row 2; a second
// sheet holds something else. The sheet records its dimension, as Excel
// does, when dim is true (excelize itself writes "A1").
func hhXLSX(t *testing.T, n int, dim bool) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "DTSEN"); err != nil {
		t.Fatal(err)
	}
	hdr := []any{"No KK", "NIK", "Nama KRT", "Kode Desa", "Desil", "JML_ART", "Disabilitas", "Program Bantuan", "Longitude", "Latitude"}
	if err := f.SetSheetRow("DTSEN", "A2", &hdr); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		row := []any{fmt.Sprintf("35230101010%05d", i), fmt.Sprintf("35230141018%05d", i), fmt.Sprintf("KRT %d", i),
			"3523012001", i%10 + 1, 4, nil, "PKH; BPNT/Sembako", 111.9876, -6.9012}
		if i == 1 {
			row[0] = int64(3523010101010001) // a number cell: its digits as stored
			row[6] = 1
			row[7], row[8], row[9] = nil, nil, nil
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		if err := f.SetSheetRow("DTSEN", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	if dim {
		if err := f.SetSheetDimension("DTSEN", fmt.Sprintf("A2:J%d", n+2)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.NewSheet("Catatan"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStr("Catatan", "A1", "bukan daftar keluarga"); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "dtsen.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadHouseholdsXLSX(t *testing.T) {
	path := hhXLSX(t, 2500, true)
	h, err := HouseholdColumns(path)
	if err != nil {
		t.Fatal(err)
	}
	want := Mapping{FieldKK: "No KK", FieldNIK: "NIK", FieldName: "Nama KRT", FieldDesaCode: "Kode Desa", FieldDesil: "Desil",
		FieldMembers: "JML_ART", FieldDisabled: "Disabilitas", FieldProgrammes: "Program Bantuan", FieldLon: "Longitude", FieldLat: "Latitude"}
	if !reflect.DeepEqual(h.Guess, want) || h.Missing != nil || len(h.Columns) != 10 {
		t.Fatalf("header %+v", h)
	}
	var fractions []float64
	var recs []*household.Record
	n, err := ReadHouseholds(context.Background(), path, h.Guess, func(r *household.Record) error {
		recs = append(recs, r)
		return nil
	}, func(f float64) { fractions = append(fractions, f) })
	if err != nil || n != 2500 {
		t.Fatalf("n %d, err %v", n, err)
	}
	r := recs[0]
	if r.Row != 3 || r.KK != "3523010101000000" || r.NIK != "3523014101800000" || r.Name != "KRT 0" || r.DesaCode != "3523012001" ||
		r.Desil != 1 || r.DesilText != "1" || r.Members != 4 || r.Disabled != -1 || r.Elderly != -1 ||
		!reflect.DeepEqual(r.Programmes, []string{"PKH", "BPNT/Sembako"}) || !r.HasPoint || r.Point != (orb.Point{111.9876, -6.9012}) {
		t.Errorf("first record %+v", *r)
	}
	r = recs[1]
	if r.Row != 4 || r.KK != "3523010101010001" || r.Disabled != 1 || r.Programmes != nil || r.HasPoint {
		t.Errorf("second record %+v", *r)
	}
	if recs[2499].Row != 2502 {
		t.Errorf("last row %d", recs[2499].Row)
	}
	// Progress follows the sheet dimension (A2:J2502): rows 1000 and 2000.
	if len(fractions) != 3 || fractions[0] <= 0.3 || fractions[0] >= 0.5 || fractions[1] <= fractions[0] || fractions[2] != 1 {
		t.Errorf("progress %v", fractions)
	}
	// Without a dimension the number of rows is unknown until the end.
	fractions = nil
	n, err = ReadHouseholds(context.Background(), hhXLSX(t, 2500, false), nil, func(*household.Record) error { return nil },
		func(f float64) { fractions = append(fractions, f) })
	if err != nil || n != 2500 || !reflect.DeepEqual(fractions, []float64{1}) {
		t.Errorf("without dimension: n %d, err %v, progress %v", n, err, fractions)
	}
}

func TestReadHouseholdsXLSXMangledNIK(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"kk", "nik", "desa", "desil", "jumlah_art"},
		{"3523010101010001", "3.52301E+15", "Kenduruan", 1, 4},
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "angka.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	_, err := hhRead(t, path, nil)
	es := hhRowErrors(t, err)
	if len(es) != 1 || es[0].Rule != RuleNIKNumber || es[0].Line != 2 || es[0].Column != "nik" {
		t.Fatalf("errors %v", err)
	}
}

func TestHouseholdColumnsGuess(t *testing.T) {
	tests := []struct {
		header  string
		want    Mapping
		missing []string
	}{
		{"NOMOR_KK,NIK_KEPALA,NAMA_KEPALA,KDEPUM,DESA_KELURAHAN,DESIL,JML_ART,ART_DISABILITAS,ART_LANSIA,BANSOS,LNG,LAT",
			Mapping{FieldKK: "NOMOR_KK", FieldNIK: "NIK_KEPALA", FieldName: "NAMA_KEPALA", FieldDesaCode: "KDEPUM", FieldDesaName: "DESA_KELURAHAN",
				FieldDesil: "DESIL", FieldMembers: "JML_ART", FieldDisabled: "ART_DISABILITAS", FieldElderly: "ART_LANSIA",
				FieldProgrammes: "BANSOS", FieldLon: "LNG", FieldLat: "LAT"}, nil},
		{"No KK;Nik Kepala Keluarga;Nama_KRT;Kelurahan;Anggota;Program",
			Mapping{FieldKK: "No KK", FieldNIK: "Nik Kepala Keluarga", FieldName: "Nama_KRT", FieldDesaName: "Kelurahan",
				FieldMembers: "Anggota", FieldProgrammes: "Program"}, []string{FieldDesil}},
		{"kk\tnik\tkode_wilayah\tdesil\tjumlah_art\tlon\tlat",
			Mapping{FieldKK: "kk", FieldNIK: "nik", FieldDesaCode: "kode_wilayah", FieldDesil: "desil", FieldMembers: "jumlah_art",
				FieldLon: "lon", FieldLat: "lat"}, nil},
		// The first fitting column wins; a name written twice is never guessed.
		{"nik,nik,no.kk,desa,nama_desa,jumlah anggota,jumlah_art,x",
			Mapping{FieldKK: "no.kk", FieldDesaName: "desa", FieldMembers: "jumlah anggota"}, []string{FieldNIK, FieldDesil}},
		{"nama,alamat,keterangan",
			Mapping{FieldName: "nama", FieldAddress: "alamat"},
			[]string{FieldKK, FieldNIK, FieldDesaCode, FieldDesaName, FieldDesil, FieldMembers}},
	}
	for _, tt := range tests {
		h, err := HouseholdColumns(hhWrite(t, "daftar.csv", tt.header+"\n"))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(h.Guess, tt.want) || !reflect.DeepEqual(h.Missing, tt.missing) {
			t.Errorf("%s:\nguess   %v\nmissing %v", tt.header, h.Guess, h.Missing)
		}
	}
}

func TestReadHouseholdsCustomMapping(t *testing.T) {
	h, err := HouseholdColumns(hhPath("custom.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Guess) != 0 || len(h.Missing) != 6 ||
		!reflect.DeepEqual(h.Columns, []string{"ID_KELUARGA", "ID_KEPALA", "KEPALA", "WILAYAH", "RANKING", "JML_ORANG", "KET"}) {
		t.Fatalf("header %+v", h)
	}
	// Without a mapping nothing required is found.
	_, err = hhRead(t, hhPath("custom.csv"), nil)
	if es := hhRowErrors(t, err); len(es) != 5 || !es.Has(RuleUnmapped) {
		t.Fatalf("errors %v", err)
	}
	m := Mapping{FieldKK: "ID_KELUARGA", FieldNIK: "ID_KEPALA", FieldName: "kepala", FieldDesaName: "WILAYAH",
		FieldDesil: "RANKING", FieldMembers: " JML_ORANG ", FieldAddress: ""}
	recs, err := hhRead(t, hhPath("custom.csv"), m)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[1].KK != "3523030303030002" || recs[1].NIK != "3523031010700002" || recs[1].Name != "Tarmi" ||
		recs[1].DesaName != "Kablukan" || recs[1].DesaCode != "" || recs[1].Desil != 5 || recs[1].Members != 2 || recs[1].Address != "" {
		t.Fatalf("records %+v", recs)
	}
}

func TestReadHouseholdsMangledNIK(t *testing.T) {
	called := 0
	n, err := ReadHouseholds(context.Background(), hhPath("bad_nik.csv"), nil, func(*household.Record) error {
		called++
		return nil
	}, nil)
	es := hhRowErrors(t, err)
	if n != 0 || called != 0 {
		t.Errorf("n %d, each called %d times", n, called)
	}
	if len(es) != 2 || es[0].Rule != RuleNIKNumber || es[1].Rule != RuleNIKNumber {
		t.Fatalf("errors %v", err)
	}
	if want := "NIK di baris 2 tertulis 3,52301E+15: Excel mengubahnya menjadi angka; format kolom sebagai Teks dan ekspor ulang"; es[0].Msg != want {
		t.Errorf("message %q", es[0].Msg)
	}
	if es[0].File != "bad_nik.csv" || es[0].Line != 2 || es[0].Column != "nik" {
		t.Errorf("error %+v", es[0])
	}
	if es[1].Line != 3 || es[1].Column != "no_kk" || !strings.HasPrefix(es[1].Msg, "KK di baris 3 tertulis 3523010101010002.0:") {
		t.Errorf("error %+v", es[1])
	}
	if !strings.HasPrefix(err.Error(), `bad_nik.csv: baris 2, kolom "nik": NIK di baris 2`) {
		t.Errorf("Error() %q", err)
	}
}

func TestReadHouseholdsBadValues(t *testing.T) {
	type want struct {
		line      int
		col, rule string
	}
	tests := []struct {
		file string
		want []want
	}{
		{"bad_counts.csv", []want{{2, "jml_art", RuleNotInteger}, {3, "disabilitas", RuleNotInteger}, {4, "lansia", RuleNotInteger}}},
		{"bad_point.csv", []want{{2, "latitude", RuleHalfPoint}, {3, "longitude", RuleHalfPoint}, {4, "longitude", RuleNotNumber}}},
		{"field_count.csv", []want{{2, "", RuleFieldCount}}},
	}
	for _, tt := range tests {
		recs, err := hhRead(t, hhPath(tt.file), nil)
		es := hhRowErrors(t, err)
		var got []want
		for _, e := range es {
			got = append(got, want{e.Line, e.Column, e.Rule})
		}
		if !reflect.DeepEqual(got, tt.want) || len(recs) != 0 {
			t.Errorf("%s: %d records, errors:\n%v", tt.file, len(recs), err)
		}
	}
	_, err := hhRead(t, hhPath("bad_counts.csv"), nil)
	if want := `bad_counts.csv: baris 2, kolom "jml_art": jumlah anggota rumah tangga "dua" bukan bilangan bulat`; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("Error() %q", err)
	}
}

func TestReadHouseholdsRowErrorCap(t *testing.T) {
	var b strings.Builder
	b.WriteString("kk,nik,desa,desil,jumlah_art\n")
	for i := range 200 {
		fmt.Fprintf(&b, "3523010101%06d,3523014101%06d,Kenduruan,1,banyak\n", i, i)
	}
	_, err := hhRead(t, hhWrite(t, "banyak.csv", b.String()), nil)
	if es := hhRowErrors(t, err); len(es) != 50 || es[49].Line != 51 {
		t.Fatalf("%d errors", len(es))
	}
}

func TestReadHouseholdsBadFiles(t *testing.T) {
	ok := Mapping{FieldKK: "no_kk", FieldNIK: "nik", FieldDesaName: "desa", FieldDesil: "desil", FieldMembers: "jumlah_art"}
	tests := []struct {
		name, path string
		m          Mapping
		rules      []string
		msg        string
	}{
		{"unknown column", hhPath("clean.csv"), Mapping{FieldKK: "no_kk", FieldNIK: "nik", FieldDesaName: "nama_desa",
			FieldDesil: "Desil Nasional", FieldMembers: "jumlah_art"},
			[]string{RuleBadColumn}, `clean.csv: baris 1, kolom "Desil Nasional": kolom yang dipilih untuk desil tidak ada di baris judul`},
		{"missing required", hhPath("missing_desil.csv"), nil,
			[]string{RuleUnmapped}, "missing_desil.csv: kolom desil belum ditentukan; kolom ini wajib"},
		{"no desa", hhPath("missing_desil.csv"), Mapping{FieldKK: "no_kk", FieldNIK: "nik", FieldDesil: "nama", FieldMembers: "jumlah_art"},
			[]string{RuleUnmapped}, "missing_desil.csv: kolom kode desa atau nama desa belum ditentukan; salah satunya wajib"},
		{"unknown field", hhPath("missing_desil.csv"), Mapping{FieldKK: "no_kk", FieldNIK: "nik", FieldDesaName: "desa",
			FieldDesil: "nama", FieldMembers: "jumlah_art", "rt": "desa"},
			[]string{RuleBadColumn}, `missing_desil.csv: isian "rt" tidak dikenal dalam pemetaan kolom`},
		{"column twice", hhPath("missing_desil.csv"), Mapping{FieldKK: "no_kk", FieldNIK: "nik", FieldDesaName: "desa",
			FieldDesil: "jumlah_art", FieldMembers: "jumlah_art"},
			[]string{RuleBadColumn}, `missing_desil.csv: baris 1, kolom "jumlah_art": kolom ini dipilih untuk desil dan untuk jumlah anggota rumah tangga`},
		{"lon without lat", hhPath("clean.csv"), Mapping{FieldKK: "no_kk", FieldNIK: "nik", FieldDesaName: "nama_desa",
			FieldDesil: "desil", FieldMembers: "jumlah_art", FieldLon: "lon"},
			[]string{RuleBadColumn}, "clean.csv: bujur (lon) dan lintang (lat) harus dipetakan"},
		{"header written twice", hhWrite(t, "dua.csv", "no_kk,nik,desa,desil,jumlah_art,nik\n1,2,3,4,5,6\n"), nil,
			[]string{RuleUnmapped}, "dua.csv: kolom NIK kepala keluarga belum ditentukan"},
		{"header written twice, mapped", hhWrite(t, "dua.csv", "no_kk,nik,desa,desil,jumlah_art,nik\n1,2,3,4,5,6\n"), ok,
			[]string{RuleBadColumn}, `dua.csv: baris 1, kolom "nik": judul kolom ini tertulis 2 kali`},
		{"header only", hhPath("header_only.csv"), ok, []string{RuleEmpty}, "header_only.csv: berkas tidak berisi baris data"},
		{"empty", hhWrite(t, "kosong.csv", "\n\n"), ok, []string{RuleEmpty}, "kosong.csv: berkas kosong"},
		{"geojson", hhWrite(t, "desa.geojson", `{"type":"FeatureCollection"}`), ok,
			[]string{RuleFileType}, `desa.geojson: jenis berkas ".geojson" tidak dapat dibaca sebagai daftar keluarga`},
		{"xls", hhWrite(t, "dtks.xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"), ok,
			[]string{RuleFileType}, "dtks.xls: berkas Excel lama (.xls)"},
		{"not xlsx", hhWrite(t, "dtks.xlsx", "no_kk,nik\n"), ok,
			[]string{RuleFileType}, "dtks.xlsx: bukan berkas Excel .xlsx yang sah"},
		{"broken zip", hhWrite(t, "dtks.xlsx", "PK\x03\x04broken"), ok,
			[]string{RuleFileType}, "dtks.xlsx: berkas Excel tidak dapat dibuka sebagai .xlsx"},
		{"utf16", hhWrite(t, "utf16.csv", "\xFF\xFEn\x00i\x00k\x00"), ok,
			[]string{RuleNotCSV}, "utf16.csv: berkas bersandi UTF-16"},
	}
	for _, tt := range tests {
		called := false
		n, err := ReadHouseholds(context.Background(), tt.path, tt.m, func(*household.Record) error {
			called = true
			return nil
		}, nil)
		if n != 0 || called {
			t.Errorf("%s: records produced", tt.name)
		}
		var es RowErrors
		if !errors.As(err, &es) {
			t.Errorf("%s: error %v", tt.name, err)
			continue
		}
		var rules []string
		for _, e := range es {
			rules = append(rules, e.Rule)
		}
		if !reflect.DeepEqual(rules, tt.rules) || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: rules %v, error:\n%v", tt.name, rules, err)
		}
	}
	empty := excelize.NewFile()
	emptyPath := filepath.Join(t.TempDir(), "kosong.xlsx")
	if err := empty.SaveAs(emptyPath); err != nil {
		t.Fatal(err)
	}
	empty.Close()
	if _, err := HouseholdColumns(emptyPath); !hhRowErrors(t, err).Has(RuleEmpty) || !strings.Contains(err.Error(), "kosong.xlsx: berkas kosong") {
		t.Errorf("HouseholdColumns of an empty workbook: %v", err)
	}
	if _, err := HouseholdColumns(hhWrite(t, "kosong.csv", "")); !hhRowErrors(t, err).Has(RuleEmpty) {
		t.Errorf("HouseholdColumns of an empty file: %v", err)
	}
	if _, err := HouseholdColumns(filepath.Join(t.TempDir(), "tidak-ada.csv")); !errors.Is(err, os.ErrNotExist) ||
		!strings.Contains(err.Error(), "tidak-ada.csv") {
		t.Errorf("HouseholdColumns of a missing file: %v", err)
	}
}

// hhBigCSV writes a household list of n rows and returns its path and size.
func hhBigCSV(t *testing.T, n int) (string, int64) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "besar.csv")
	fh, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(fh)
	w.WriteString("no_kk;nik;nama;alamat;kode_desa;desil;jumlah_art;program;lon;lat\n")
	for i := range n {
		fmt.Fprintf(w, "35230101%08d;35230141%08d;Kepala Keluarga %d;Dusun Krajan RT %02d RW %02d;35.23.%02d.20%02d;%d;%d;PKH|BPNT/Sembako;111,%06d;-6,%06d\n",
			i, i, i, i%20, i%7, i%20+1, i%50, i%10+1, i%8+1, i, i)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	st, err := fh.Stat()
	if err != nil {
		t.Fatal(err)
	}
	fh.Close()
	return path, st.Size()
}

func TestReadHouseholdsCancel(t *testing.T) {
	path, _ := hhBigCSV(t, 5000)
	ctx, cancel := context.WithCancel(context.Background())
	n, err := ReadHouseholds(ctx, path, nil, func(r *household.Record) error {
		if r.Row == 11 {
			cancel()
		}
		return nil
	}, nil)
	if !errors.Is(err, context.Canceled) || n < 10 || n > 1000 {
		t.Fatalf("n %d, err %v", n, err)
	}
	n, err = ReadHouseholds(ctx, path, nil, func(*household.Record) error { return nil }, nil)
	if !errors.Is(err, context.Canceled) || n != 0 {
		t.Fatalf("already cancelled: n %d, err %v", n, err)
	}
}

func TestReadHouseholdsEachError(t *testing.T) {
	stop := errors.New("penyimpanan penuh")
	for _, path := range []string{hhPath("clean.csv"), hhXLSX(t, 5, false)} {
		calls := 0
		n, err := ReadHouseholds(context.Background(), path, nil, func(*household.Record) error {
			if calls++; calls == 3 {
				return fmt.Errorf("menyimpan: %w", stop)
			}
			return nil
		}, nil)
		if !errors.Is(err, stop) || n != 2 || calls != 3 {
			t.Errorf("%s: n %d, calls %d, err %v", path, n, calls, err)
		}
	}
}

func TestReadHouseholdsStreaming(t *testing.T) {
	if testing.Short() {
		t.Skip("200,000 rows")
	}
	const rows = 200000
	path, size := hhBigCSV(t, rows)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base, peak := ms.HeapAlloc, ms.HeapAlloc
	var fractions []float64
	sum := 0
	start := time.Now()
	n, err := ReadHouseholds(context.Background(), path, nil, func(r *household.Record) error {
		sum += r.Members
		if r.Row%20000 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
		return nil
	}, func(f float64) { fractions = append(fractions, f) })
	elapsed := time.Since(start)
	if err != nil || n != rows {
		t.Fatalf("n %d, err %v", n, err)
	}
	if want := rows / 8 * 36; sum != want {
		t.Errorf("sum of members %d, want %d", sum, want)
	}
	if len(fractions) != rows/1000+1 || fractions[0] <= 0 || fractions[len(fractions)-2] > 1 || fractions[len(fractions)-1] != 1 {
		t.Errorf("%d progress calls: first %v, last %v", len(fractions), fractions[0], fractions[len(fractions)-1])
	}
	for i := 1; i < len(fractions); i++ {
		if fractions[i] < fractions[i-1] {
			t.Fatalf("progress goes back: %v after %v", fractions[i], fractions[i-1])
		}
	}
	grown := int64(peak) - int64(base)
	t.Logf("%d rows, %d MB, in %v; heap grew by at most %.1f MB", n, size>>20, elapsed, float64(grown)/(1<<20))
	if grown > size/2 {
		t.Errorf("heap grew by %d bytes reading a %d-byte file: not streaming", grown, size)
	}
}

func TestExcelNumberAndCoord(t *testing.T) {
	for s, want := range map[string]bool{
		"3.52301E+15": true, "3,52301E+15": true, "3.523010101E15": true, "3E+15": true, "3523010101010001.0": true,
		"3523010101010001,00": true, "3523010101010001": false, "3523010101010001.5": false, "": false, "E+15": false,
		"35.23.01.2001": false, "3.5e": false, "abc": false,
	} {
		if got := excelNumber(s); got != want {
			t.Errorf("excelNumber(%q) = %v", s, got)
		}
	}
	for s, want := range map[string]float64{"111.9876": 111.9876, "111,9876": 111.9876, "-6,5": -6.5, "+112": 112, "-7": -7} {
		if got, ok := parseCoord(s); !ok || got != want {
			t.Errorf("parseCoord(%q) = %v, %v", s, got, ok)
		}
	}
	for _, s := range []string{"", "-", "1e3", "Inf", "NaN", "111.98.7", "111,98.7", "0x1p3", "111°59'", ".5", "5."} {
		if v, ok := parseCoord(s); ok {
			t.Errorf("parseCoord(%q) = %v, true", s, v)
		}
	}
}
