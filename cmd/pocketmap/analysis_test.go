package main

import (
	"encoding/csv"
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func readCSV(t *testing.T, s string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v\n%s", err, s)
	}
	return rows
}

func TestClassifyCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	code, out, errs := pm(t, "--db", db, "classify", "--indicator", "pct_desil1", "--method", "jenks", "--classes", "4")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	m := regexp.MustCompile(`breaks indicator=pct_desil1 method=jenks classes=4 min=\S+ uppers=(\S+)`).FindStringSubmatch(errs)
	if m == nil {
		t.Fatalf("breaks line missing from stderr: %q", errs)
	}
	var uppers []float64
	for _, s := range strings.Split(m[1], ",") {
		v, _ := strconv.ParseFloat(s, 64)
		uppers = append(uppers, v)
	}
	rows := readCSV(t, out)
	if strings.Join(rows[0], ",") != "code,value,class" || len(rows) != 329 {
		t.Fatalf("header %v, %d rows", rows[0], len(rows))
	}
	for _, r := range rows[1:] {
		v, _ := strconv.ParseFloat(r[1], 64)
		c, _ := strconv.Atoi(r[2])
		// Closed above: class c holds uppers[c-2] < v ≤ uppers[c-1].
		if v > uppers[c-1] || (c > 1 && v <= uppers[c-2]) {
			t.Errorf("%s: value %v in class %d, breaks %v", r[0], v, c, uppers)
		}
	}
	code, out, _ = pm(t, "--db", db, "classify", "--indicator", "pct_desil1", "--method", "manual", "--breaks", "10,20")
	if code != 0 {
		t.Fatal("manual breaks refused")
	}
	for _, r := range readCSV(t, out)[1:] {
		v, _ := strconv.ParseFloat(r[1], 64)
		want := "3"
		if v <= 10 {
			want = "1"
		} else if v <= 20 {
			want = "2"
		}
		if r[2] != want {
			t.Errorf("%s: %v in class %s, want %s", r[0], v, r[2], want)
		}
	}
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"--method", "acak"}, "acak"},
		{[]string{"--method", "manual"}, "--breaks"},
		{[]string{"--method", "jenks", "--classes", "12"}, "12"},
		{[]string{"--method", "manual", "--breaks", "20,10"}, "batas"},
	} {
		code, _, errs := pm(t, append([]string{"--db", db, "classify", "--indicator", "pct_desil1"}, tc.args...)...)
		if code != 2 || !strings.Contains(errs, tc.msg) {
			t.Errorf("%v: exit %d, %q", tc.args, code, errs)
		}
	}
}

func TestNeighboursCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	code, out, errs := pm(t, "--db", db, "neighbours", "--rule", "rook")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	rows := readCSV(t, out)
	if len(rows) != 329 {
		t.Fatalf("%d rows", len(rows))
	}
	links := map[string]map[string]bool{}
	total := 0
	for _, r := range rows[1:] {
		n, _ := strconv.Atoi(r[1])
		total += n
		links[r[0]] = map[string]bool{}
		if r[2] != "" {
			for _, c := range strings.Split(r[2], ";") {
				links[r[0]][c] = true
			}
		}
		if len(links[r[0]]) != n {
			t.Errorf("%s: count %d, list %q", r[0], n, r[2])
		}
	}
	for a, ns := range links {
		for b := range ns {
			if !links[b][a] {
				t.Errorf("%s lists %s but not the reverse", a, b)
			}
		}
	}
	if mean := float64(total) / 328; mean < 4 || mean > 8 {
		t.Errorf("mean neighbours %.2f", mean)
	}
	if code, _, errs := pm(t, "--db", db, "neighbours", "--rule", "bishop"); code != 2 || !strings.Contains(errs, "bishop") {
		t.Errorf("bad rule: exit %d %q", code, errs)
	}
}

func TestPocketsAndRollupAgree(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	code, out, errs := pm(t, "--db", db, "pockets", "--indicator", "pct_desil1", "--permutations", "999", "--seed", "1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	g := regexp.MustCompile(`(?m)^global moran_i=(-?[0-9.]+) p_value=([0-9.]+)$`).FindStringSubmatch(errs)
	if g == nil {
		t.Fatalf("global line missing: %q", errs)
	}
	if i, _ := strconv.ParseFloat(g[1], 64); i < 0.3 {
		t.Errorf("global Moran's I %v: the sample has spatial structure", i)
	}
	rows := readCSV(t, out)
	if strings.Join(rows[0], ",") != "code,name,value,local_i,p_value,cluster,gi_star_z,pocket" {
		t.Fatalf("header %v", rows[0])
	}
	pocketsByKec := map[string]int{}
	n := 0
	for _, r := range rows[1:] {
		p, _ := strconv.ParseFloat(r[4], 64)
		if r[7] == "true" {
			n++
			pocketsByKec[r[0][:8]]++
			if r[5] != "HH" || p > 0.05 {
				t.Errorf("%s pocket with cluster %s p %v", r[0], r[5], p)
			}
		}
		if r[5] != "ns" && p > 0.05 {
			t.Errorf("%s: cluster %s at p %v", r[0], r[5], p)
		}
	}
	if n == 0 {
		t.Fatal("no pockets")
	}
	// Same seed, same answer.
	if _, again, _ := pm(t, "--db", db, "pockets", "--indicator", "pct_desil1"); again != out {
		t.Error("pockets differ between two runs with the same seed")
	}

	code, out, errs = pm(t, "--db", db, "rollup", "--indicator", "pct_desil1")
	if code != 0 {
		t.Fatalf("rollup exit %d: %s", code, errs)
	}
	rrows := readCSV(t, out)
	if len(rrows) != 21 {
		t.Fatalf("%d kecamatan rows", len(rrows))
	}
	desa := 0
	for _, r := range rrows[1:] {
		d, _ := strconv.Atoi(r[2])
		desa += d
		v, _ := strconv.ParseFloat(r[4], 64)
		num, _ := strconv.ParseFloat(r[5], 64)
		den, _ := strconv.ParseFloat(r[6], 64)
		if math.Abs(v-num/den*100) > 1e-9 {
			t.Errorf("%s: rate %v is not %v/%v", r[1], v, num, den)
		}
		if p, _ := strconv.Atoi(r[7]); p != pocketsByKec[r[0]] {
			t.Errorf("%s: %d pocket desa in rollup, %d in pockets", r[1], p, pocketsByKec[r[0]])
		}
	}
	if desa != 328 {
		t.Errorf("rollup covers %d desa", desa)
	}
	if code, _, errs := pm(t, "--db", db, "pockets", "--indicator", "pct_desil1", "--alpha", "2"); code != 2 || !strings.Contains(errs, "alpha") {
		t.Errorf("bad alpha: exit %d %q", code, errs)
	}
}

func TestInterventionCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	pm(t, "--db", db, "areas")
	add := func(extra ...string) (int, string, string) {
		args := []string{"--db", db, "intervention", "add", "--programme", "BPNT/Sembako", "--priority", "pengurangan-beban",
			"--areas", "35.23.01.2001", "--budget", "Rp 12.500.000", "--start", "2025-01-01", "--end", "2025-12-31"}
		return pm(t, append(args, extra...)...)
	}
	code, out, errs := add("--households", "50")
	if code != 0 || !strings.HasPrefix(out, "id=1") {
		t.Fatalf("add: exit %d out %q err %q", code, out, errs)
	}
	for _, tc := range []struct {
		extra []string
		msg   string
	}{
		{[]string{"--end", "2024-12-31"}, "sebelum tanggal mulai"},
		{[]string{"--budget", "-100"}, "negatif"},
		{[]string{"--budget", "sejuta"}, "bukan angka"},
		{[]string{"--areas", ""}, "minimal satu desa"},
		{[]string{"--areas", "35.23.99.2999"}, "35.23.99.2999"},
		{[]string{"--priority", "bansos"}, "bansos"},
		{[]string{"--programme", "Tidak Ada"}, "Tidak Ada"},
		{[]string{"--start", "31-01-2025"}, "TTTT-BB-HH"},
	} {
		code, _, errs := add(tc.extra...)
		if code == 0 || !strings.Contains(errs, tc.msg) {
			t.Errorf("%v: exit %d, message %q", tc.extra, code, errs)
		}
	}
	// A kecamatan-level intervention shows up for its desa.
	if code, _, errs := add("--areas", "35.23.02", "--status", "berjalan"); code != 0 {
		t.Fatalf("kecamatan add: %s", errs)
	}
	_, out, _ = pm(t, "--db", db, "intervention", "list", "--area", "35.23.02.2001")
	rows := readCSV(t, out)
	if strings.Join(rows[0], ",") != "id,programme,priority,agency,areas,budget,households,start,end,status" || len(rows) != 2 || rows[1][4] != "35.23.02" || rows[1][5] != "12500000" {
		t.Errorf("list for a desa of the kecamatan: %v", rows)
	}
	_, out, _ = pm(t, "--db", db, "intervention", "list")
	if n := len(readCSV(t, out)) - 1; n != 2 {
		t.Errorf("%d interventions after 8 refused adds, want 2", n)
	}
	if code, _, _ := pm(t, "--db", db, "intervention", "delete", "1"); code != 0 {
		t.Fatal("delete failed")
	}
	if code, out, _ := pm(t, "--db", db, "intervention", "undo"); code != 0 || !strings.Contains(out, "diurungkan") {
		t.Errorf("undo: %q", out)
	}
	_, out, _ = pm(t, "--db", db, "intervention", "list")
	if n := len(readCSV(t, out)) - 1; n != 2 {
		t.Errorf("%d interventions after delete and undo, want 2", n)
	}
	if code, _, errs := pm(t, "--db", db, "intervention", "delete", "abc"); code != 2 || !strings.Contains(errs, "abc") {
		t.Errorf("bad id: exit %d %q", code, errs)
	}
}

func TestProgrammeCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	pm(t, "--db", db, "areas")
	code, out, errs := pm(t, "--db", db, "intervention", "programmes", "--add", "Bedah rumah desa")
	if code != 0 || !strings.Contains(out, "Bedah rumah desa,true") {
		t.Fatalf("add: exit %d %q %q", code, out, errs)
	}
	pm(t, "--db", db, "intervention", "add", "--programme", "Bedah rumah desa", "--priority", "pengurangan-beban",
		"--areas", "35.23.01.2001", "--budget", "1000", "--start", "2025-01-01", "--end", "2025-02-01")
	if code, _, errs := pm(t, "--db", db, "intervention", "programmes", "--rename", "Bedah rumah desa=RTLH desa"); code != 0 {
		t.Fatalf("rename: %s", errs)
	}
	_, out, _ = pm(t, "--db", db, "intervention", "list")
	if !strings.Contains(out, "RTLH desa") {
		t.Errorf("rename did not follow to the intervention: %s", out)
	}
	_, out, _ = pm(t, "--db", db, "intervention", "programmes", "--deactivate", "RTLH desa")
	if !strings.Contains(out, "RTLH desa,false") {
		t.Errorf("deactivate: %s", out)
	}
	if code, _, errs := pm(t, "--db", db, "intervention", "add", "--programme", "RTLH desa", "--priority", "pengurangan-beban",
		"--areas", "35.23.01.2001", "--budget", "1000", "--start", "2025-01-01", "--end", "2025-02-01"); code == 0 {
		t.Errorf("an inactive programme was accepted for a new intervention: %s", errs)
	}
}
