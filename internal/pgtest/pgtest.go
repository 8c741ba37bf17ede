// Package pgtest starts a throwaway PostgreSQL server with PostGIS for the
// tests of the server store: initdb into a temporary directory, the server
// on a Unix socket there (no TCP port to collide with), one fresh database
// per test made from a template that has PostGIS, and everything removed
// when the test binary ends. As root (a CI machine) the server runs as the
// unprivileged "postgres" user that the Debian package creates, since
// PostgreSQL refuses to run as root.
package pgtest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Require is the environment variable that turns a missing PostgreSQL
// into a test failure instead of a skip; `make test` sets it, so that a
// machine without the packages cannot pass by skipping.
const Require = "POCKETMAP_REQUIRE_PG"

// server is the one server of a test binary.
type server struct {
	dir, bin string
	cred     *syscall.Credential
	err      error
}

var (
	once sync.Once
	srv  server
	seq  atomic.Int64
)

// Main runs the tests of a package and stops the server they started, if
// any: call it from TestMain.
func Main(m *testing.M) int {
	code := m.Run()
	if srv.dir != "" {
		srv.run("pg_ctl", "-D", filepath.Join(srv.dir, "data"), "-m", "immediate", "-w", "stop")
		os.RemoveAll(srv.dir)
	}
	return code
}

// binDir finds PostgreSQL's programs: initdb on PATH, else the newest
// /usr/lib/postgresql/N/bin.
func binDir() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool {
		vi, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[i])))
		vj, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[j])))
		return vi < vj
	})
	for i := len(dirs) - 1; i >= 0; i-- {
		if _, err := os.Stat(filepath.Join(dirs[i], "initdb")); err == nil {
			return dirs[i], nil
		}
	}
	return "", fmt.Errorf("PostgreSQL (initdb) is not installed; run scripts/install-deps.sh test")
}

// run runs one of PostgreSQL's programs as the server's user.
func (s *server) run(name string, args ...string) error {
	cmd := exec.Command(filepath.Join(s.bin, name), args...)
	cmd.Dir = s.dir
	cmd.Env = append(os.Environ(), "LC_ALL=C", "LANG=C")
	if s.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: s.cred}
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s: %w\n%s", name, strings.Join(args, " "), err, out)
	}
	return nil
}

// start makes and starts the server and the template database.
func (s *server) start() error {
	var err error
	if s.bin, err = binDir(); err != nil {
		return err
	}
	if s.dir, err = os.MkdirTemp("", "pocketmap-pg-"); err != nil {
		return err
	}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return fmt.Errorf("running as root and no 'postgres' user to run the server as: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		s.cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		if err := os.Chown(s.dir, uid, gid); err != nil {
			return err
		}
	}
	data := filepath.Join(s.dir, "data")
	if err := s.run("initdb", "-D", data, "-U", "pocketmap", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"); err != nil {
		return err
	}
	opts := "-k " + s.dir + " -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
	if err := s.run("pg_ctl", "-D", data, "-o", opts, "-l", filepath.Join(s.dir, "log"), "-w", "-t", "60", "start"); err != nil {
		return err
	}
	ctx := context.Background()
	c, err := pgx.Connect(ctx, s.dsn("postgres"))
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, `CREATE DATABASE template_pocketmap`); err != nil {
		return err
	}
	t, err := pgx.Connect(ctx, s.dsn("template_pocketmap"))
	if err != nil {
		return err
	}
	defer t.Close(ctx)
	if _, err := t.Exec(ctx, `CREATE EXTENSION postgis`); err != nil {
		return fmt.Errorf("PostGIS is not installed (package postgresql-postgis): %w", err)
	}
	return nil
}

// dsn is the connection URL of database name on the server (its Unix
// socket in the server's directory).
func (s *server) dsn(name string) string {
	return fmt.Sprintf("postgres://pocketmap@/%s?host=%s&port=5432&sslmode=disable", name, s.dir)
}

// Database returns the connection string of a new, empty database with
// PostGIS on the test server, starting the server on first use. Without
// PostgreSQL the test is skipped, or fails when POCKETMAP_REQUIRE_PG is
// set.
func Database(t testing.TB) string {
	t.Helper()
	once.Do(func() {
		start := time.Now()
		srv.err = srv.start()
		if srv.err == nil {
			t.Logf("pgtest: PostgreSQL with PostGIS started in %v", time.Since(start).Round(time.Millisecond))
		}
	})
	if srv.err != nil {
		if os.Getenv(Require) != "" {
			t.Fatalf("pgtest: %v", srv.err)
		}
		t.Skipf("pgtest: %v", srv.err)
	}
	name := fmt.Sprintf("test_%d_%d", os.Getpid(), seq.Add(1))
	ctx := context.Background()
	c, err := pgx.Connect(ctx, srv.dsn("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, `CREATE DATABASE `+name+` TEMPLATE template_pocketmap`); err != nil {
		t.Fatal(err)
	}
	return srv.dsn(name)
}
