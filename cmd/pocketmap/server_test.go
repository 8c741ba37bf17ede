package main

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/app"

	"github.com/dinsos-tuban/pocketmap/internal/pgtest"
)

// TestCommandsOnTheServer runs the CLI against an office PostgreSQL
// server (--db postgres://…): the sample is seeded there, the analysis,
// an intervention, its undo and the summary export work as on a file,
// and the commands for the SQLite file say what to use instead.
func TestCommandsOnTheServer(t *testing.T) {
	dsn := pgtest.Database(t)
	run := func(args ...string) (int, string, string) {
		t.Helper()
		return pm(t, append([]string{"--db", dsn}, args...)...)
	}
	code, out, errs := run("areas")
	if code != 0 || strings.Count(out, "\n") != 350 {
		t.Fatalf("areas on the server: exit %d, %d lines, %s", code, strings.Count(out, "\n"), errs)
	}
	if code, out, errs = run("pockets", "--indicator", "ike"); code != 0 || !strings.Contains(out, ",LL,") {
		t.Errorf("pockets of the published IKE: exit %d %s", code, errs)
	}
	if code, _, errs = run("intervention", "add", "--programme", "PKH", "--priority", "pengurangan-beban", "--areas", "35.23.01.2001",
		"--budget", "Rp 1.250.000", "--start", "2025-01-01", "--end", "2025-12-31"); code != 0 {
		t.Fatalf("intervention add: %s", errs)
	}
	if _, out, _ = run("intervention", "list"); !strings.Contains(out, "PKH") {
		t.Errorf("intervention list:\n%s", out)
	}
	if _, out, _ = run("intervention", "undo"); !strings.Contains(out, "Penambahan intervensi PKH (Rp 1.250.000) diurungkan") {
		t.Errorf("undo: %s", out)
	}
	xlsx := t.TempDir() + "/ringkasan.xlsx"
	if code, _, errs = run("export", "summary", "--out", xlsx); code != 0 {
		t.Errorf("export: %s", errs)
	}
	if code, _, errs = run("backup"); code == 0 || !strings.Contains(errs, "pg_dump") {
		t.Errorf("backup of a server: exit %d, %s", code, errs)
	}
	if strings.Contains(errs, "password") || strings.Contains(errs, "host=") {
		t.Errorf("a message shows the connection string: %s", errs)
	}
	// The analysis published for QGIS, which GDAL lists with geometry.
	if code, out, errs = run("publish", "pockets", "--indicator", "ike"); code != 0 || !strings.Contains(out, "desa kantong kemiskinan") {
		t.Fatalf("publish pockets: exit %d %s%s", code, out, errs)
	}
	var pockets int
	if fmt.Sscan(out, &pockets); pockets == 0 {
		t.Fatalf("no pocket published: %s", out)
	}
	if ogrinfo, err := exec.LookPath("ogrinfo"); err == nil {
		cfg, err := pgx.ParseConfig(dsn)
		if err != nil {
			t.Fatal(err)
		}
		conn := fmt.Sprintf("PG:host=%s port=%d user=%s dbname=%s", cfg.Host, cfg.Port, cfg.User, cfg.Database)
		for layer, want := range map[string]string{"v_pockets": fmt.Sprint(pockets), "v_kecamatan_summary": "20", "v_interventions_by_desa": "328", "v_desa_indicator": ""} {
			b, err := exec.Command(ogrinfo, "-ro", "-so", conn, layer).CombinedOutput()
			if err != nil || !strings.Contains(string(b), "Feature Count: "+want) || !strings.Contains(string(b), "Multi Polygon") {
				t.Errorf("ogrinfo %s (want %s features): %v\n%s", layer, want, err, b)
			}
		}
	}
	if code, out, errs = run("server", "init"); code != 0 || !strings.Contains(out, "viewer, planner, data, admin") {
		t.Errorf("server init: exit %d %s%s", code, out, errs)
	}
	if code, out, errs = run("server", "user", "add", "perencana_cli", "--role", "planner"); code != 0 || !strings.Contains(out, "\\password perencana_cli") {
		t.Errorf("server user add: exit %d %s%s", code, out, errs)
	}
	if code, _, _ = run("server", "user", "add", "x", "--role", "bos"); code != 2 {
		t.Errorf("unknown role: exit %d", code)
	}
	if code, _, errs = pm(t, "--db", t.TempDir()+"/p.db", "server", "init"); code != 2 || !strings.Contains(errs, "postgres://") {
		t.Errorf("server init on a file: exit %d %s", code, errs)
	}
}

// TestWindowOnTheServer: the window opens on a server named with --db
// (its status line naming the server and the role, no backup entries),
// hears other workstations' saves, and is reopened there next time; the
// address is remembered without a password.
func TestWindowOnTheServer(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	dsn := pgtest.Database(t)
	var spaces []workspace
	gui := func(svc *app.Service, ws workspace, startErr error) error {
		if startErr != nil {
			t.Fatal(startErr)
		}
		spaces = append(spaces, ws)
		ss := ws.(serverSpace)
		if d := ws.describe(); !strings.HasPrefix(d, "Server kantor: postgres://pocketmap@") || ws.maintenance() != nil {
			t.Errorf("status %q, maintenance %v", d, ws.maintenance())
		}
		// A save by another workstation is heard.
		ctx, cancel := context.WithCancel(context.Background())
		heard := make(chan string, 8)
		done := make(chan struct{})
		go func() { ws.watch(ctx, func(w string) { heard <- w }); close(done) }()
		defer func() { cancel(); <-done }()
		time.Sleep(200 * time.Millisecond)
		if _, err := svc.SaveIntervention(ctx, &aid.Intervention{Programme: "PKH", Priority: aid.PriorityBeban, Agency: aid.Agencies[0],
			Funding: "APBN", Areas: []string{"35.23.01.2001"}, Budget: 1, Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
			End: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC), Status: aid.StatusRencana}); err != nil {
			t.Fatal(err)
		}
		select {
		case w := <-heard:
			if w != "intervention" {
				t.Errorf("heard %q", w)
			}
		case <-time.After(2 * time.Second):
			t.Error("the save was not heard")
		}
		if _, err := ss.db.Role(ctx); err != nil {
			t.Error(err)
		}
		return nil
	}
	var out, errb bytes.Buffer
	if code := run([]string{"--db", dsn}, &out, &errb, gui); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if last := lastDatabase(); !strings.HasPrefix(last, "postgres://pocketmap@") || strings.Contains(last, "password") {
		t.Errorf("remembered %q", last)
	}
}

// TestHomeShort: the status line writes the home folder as ~.
func TestHomeShort(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	if got := homeShort(filepath.Join(home, ".config", "pocketmap", "pocketmap.db")); got != filepath.Join("~", ".config", "pocketmap", "pocketmap.db") {
		t.Errorf("%q", got)
	}
	if got := homeShort("/srv/data/kantor.db"); got != "/srv/data/kantor.db" {
		t.Errorf("%q", got)
	}
}
