package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dinsos-tuban/pocketmap/app"
	"github.com/dinsos-tuban/pocketmap/gpkg"
	"github.com/dinsos-tuban/pocketmap/pgstore"
	"github.com/dinsos-tuban/pocketmap/store"
)

// command is one CLI command: its words ("import boundaries"), its
// synopsis and help line for the usage text, whether a new, empty
// database gets the embedded sample first, and parse, which declares the
// flags and, once they are parsed, checks them and the positional
// arguments and returns the action to run. Nothing touches the database
// before parse has accepted the arguments.
type command struct {
	name, synopsis, help string
	noSeed               bool
	// raw commands get the database path and open it themselves (restore
	// must work on a database that no longer opens).
	raw   bool
	parse func(fs *flag.FlagSet) func(pos []string) (action, error)
}

// action is a command ready to run: one call into the use-case layer and
// the formatting of its output.
type action func(ctx context.Context, e *env) error

// env is what an action runs with.
type env struct {
	svc       *app.Service
	db        *store.DB   // nil for a raw command and on a server
	server    *pgstore.DB // the office server, nil for a file
	path      string      // the database file
	out, errw io.Writer
}

// guiFunc opens the window; main passes the Fyne one, tests a stub. When
// the database cannot be opened it gets startErr (and no service): a
// window started from a desktop icon has no console to print to, so it
// shows the message itself.
type guiFunc func(svc *app.Service, ws workspace, startErr error) error

// workspace is the database the window works on: the SQLite file or the
// office server.
type workspace interface {
	// describe names it for the status line.
	describe() string
	// setWaiting is told of a save waiting for another process.
	setWaiting(func())
	// maintenance backs it up and restores it; nil on a server (pg_dump).
	maintenance() app.Maintenance
	// watch calls changed when another workstation saves, until ctx ends.
	watch(ctx context.Context, changed func(what string))
	// role is the user's office role on a server, "" for a file.
	role() string
}

// fileSpace is the SQLite file.
type fileSpace struct{ db *store.DB }

func (f fileSpace) describe() string                         { return "Basis data: " + homeShort(f.db.Path()) }
func (f fileSpace) setWaiting(fn func())                     { f.db.SetWaiting(fn) }
func (f fileSpace) maintenance() app.Maintenance             { return maintenance{f.db} }
func (f fileSpace) watch(context.Context, func(what string)) {}
func (f fileSpace) role() string                             { return "" }

// homeShort writes a path under the home folder with ~, shorter in the
// status line: "~/.config/pocketmap/pocketmap.db".
func homeShort(p string) string {
	if home, err := os.UserHomeDir(); err == nil && home != "" && strings.HasPrefix(p, home+string(filepath.Separator)) {
		return "~" + p[len(home):]
	}
	return p
}

// serverSpace is the office server, with the user's role read once when
// the window opens.
type serverSpace struct {
	db       *pgstore.DB
	dsn      string
	userRole string
}

// newServerSpace reads the user's office role; a login in no office role
// is a viewer (the server refuses the rest anyway).
func newServerSpace(db *pgstore.DB, dsn string) serverSpace {
	r, _ := db.Role(context.Background())
	if r == "" {
		r = "viewer"
	}
	return serverSpace{db, dsn, r}
}

func (s serverSpace) describe() string {
	return "Server kantor: " + pgstore.Describe(s.dsn) + " (peran " + s.userRole + ")"
}
func (s serverSpace) setWaiting(func())            {}
func (s serverSpace) maintenance() app.Maintenance { return nil }
func (s serverSpace) role() string                 { return s.userRole }
func (s serverSpace) watch(ctx context.Context, changed func(what string)) {
	s.db.Watch(ctx, changed)
}

// usageError is a mistake in the command line: exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// usagef returns a usageError.
func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// run is the whole program, testable: it returns the exit code.
func run(args []string, stdout, stderr io.Writer, gui guiFunc) int {
	fs := flag.NewFlagSet("pocketmap", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	dbPath := fs.String("db", "", "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			writeUsage(stdout)
			return 0
		}
		fmt.Fprintf(stderr, "pocketmap: %v\n", err)
		writeUsage(stderr)
		return 2
	}
	rest := fs.Args()
	if len(rest) > 0 && (rest[0] == "help" || rest[0] == "bantuan") {
		writeUsage(stdout)
		return 0
	}
	var cmd *command
	var act action
	if len(rest) > 0 {
		c, pos, err := findCommand(rest)
		if err == nil {
			act, err = c.prepare(pos)
		}
		if err != nil {
			fmt.Fprintf(stderr, "pocketmap: %v\n", err)
			var ue usageError
			if errors.As(err, &ue) && c == nil {
				writeUsage(stderr)
			}
			return 2
		}
		cmd = c
	}
	path := *dbPath
	if path == "" {
		path = defaultDB()
		if cmd == nil {
			// The window reopens the database it last had.
			if last := lastDatabase(); last != "" {
				path = last
			}
		}
	}
	ctx := context.Background()
	if isServer(path) {
		return runServer(ctx, path, cmd, act, stdout, stderr, gui)
	}
	if cmd != nil && cmd.raw {
		return exitCode(act(ctx, &env{path: path, out: stdout, errw: stderr}), stderr)
	}
	waiting := func() { fmt.Fprintln(stderr, "pocketmap: menunggu proses lain selesai menulis basis data…") }
	db, err := store.OpenWaiting(path, waiting)
	if err != nil {
		fmt.Fprintf(stderr, "pocketmap: %s\n", explain(err))
		if cmd == nil {
			gui(nil, nil, err)
		}
		return 1
	}
	defer db.Close()
	if cmd == nil && *dbPath != "" {
		// Only a database that opened is reopened next time.
		rememberDatabase(path)
	}
	svc := newService(app.Repositories{Areas: db, Indicators: db, Interventions: db, Households: db},
		filepath.Join(filepath.Dir(db.Path()), "sementara"))
	if !seed(ctx, svc, db, cmd, stderr) {
		return 1
	}
	if cmd == nil {
		err = gui(svc, fileSpace{db}, nil)
	} else {
		err = act(ctx, &env{svc: svc, db: db, path: db.Path(), out: stdout, errw: stderr})
	}
	return exitCode(err, stderr)
}

// newService makes the use-case layer over the repositories of a store.
func newService(r app.Repositories, tempDir string) *app.Service {
	svc := app.New(r)
	svc.TempDir = tempDir
	svc.GeoPackage, svc.ReadGeoPackage = gpkg.Write, gpkg.ReadBoundaries
	svc.CleanTemp() // what a crash may have left there
	return svc
}

// seed fills a new, empty database with the embedded Tuban sample (except
// when the user is about to import their own data into it) and, when the
// window opens a Tuban database made before pocketmap shipped the
// published IDM, adds it once. It reports whether it went well.
func seed(ctx context.Context, svc *app.Service, db app.Seeder, cmd *command, stderr io.Writer) bool {
	if cmd == nil || !cmd.noSeed {
		if _, err := svc.SeedIfEmpty(ctx, db); err != nil {
			fmt.Fprintf(stderr, "pocketmap: menyiapkan data contoh: %s\n", explain(err))
			return false
		}
	}
	if cmd == nil {
		if _, err := svc.SeedPublished(ctx, db); err != nil {
			fmt.Fprintf(stderr, "pocketmap: menambahkan IDM bawaan: %s\n", explain(err))
			return false
		}
	}
	return true
}

// isServer reports whether --db names a PostgreSQL server (the office
// database) rather than a SQLite file.
func isServer(path string) bool {
	return strings.HasPrefix(path, "postgres://") || strings.HasPrefix(path, "postgresql://")
}

// errFileOnly is what commands that work on the SQLite file say about a
// server database.
var errFileOnly = errors.New("perintah ini hanya untuk berkas basis data SQLite; basis data server dicadangkan dan dipulihkan dengan pg_dump/pg_restore (lihat README)")

// runServer runs the window or a command on the office's PostgreSQL
// server: the same use cases over the server store.
func runServer(ctx context.Context, dsn string, cmd *command, act action, stdout, stderr io.Writer, gui guiFunc) int {
	if cmd != nil && cmd.raw {
		return exitCode(errFileOnly, stderr)
	}
	db, err := pgstore.Open(ctx, dsn)
	if err != nil {
		fmt.Fprintf(stderr, "pocketmap: %s\n", explain(err))
		if cmd == nil {
			gui(nil, nil, err)
		}
		return 1
	}
	defer db.Close()
	svc := newService(app.Repositories{Areas: db, Indicators: db, Interventions: db, Households: db},
		filepath.Join(os.TempDir(), "pocketmap-sementara"))
	if !seed(ctx, svc, db, cmd, stderr) {
		return 1
	}
	if cmd == nil {
		rememberDatabase(dsn)
		return exitCode(gui(svc, newServerSpace(db, dsn), nil), stderr)
	}
	return exitCode(act(ctx, &env{svc: svc, server: db, path: pgstore.Describe(dsn), out: stdout, errw: stderr}), stderr)
}

// exitCode prints err (explained) and returns the exit code: 0, 2 for a
// mistake in the command line or the settings, 1 for any other failure.
func exitCode(err error, stderr io.Writer) int {
	var ue usageError
	var ps app.Problems
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue), errors.As(err, &ps):
		fmt.Fprintf(stderr, "pocketmap: %v\n", err)
		return 2
	}
	fmt.Fprintf(stderr, "pocketmap: %s\n", explain(err))
	return 1
}

// explain is an error's message with the database's and the operating
// system's faults said in Indonesian, with what to do.
func explain(err error) string {
	if s := store.Explain(err); s != err.Error() {
		return s
	}
	if s := pgstore.Explain(err); s != err.Error() {
		return s
	}
	return app.Explain(err)
}

// findCommand returns the command named by the first words of args and
// the rest of the arguments.
func findCommand(args []string) (*command, []string, error) {
	var best *command
	n := 0
	for i := range commands {
		c := &commands[i]
		words := strings.Fields(c.name)
		if len(words) <= len(args) && len(words) > n && slicesEqual(words, args[:len(words)]) {
			best, n = c, len(words)
		}
	}
	if best != nil {
		return best, args[n:], nil
	}
	var subs []string
	for _, c := range commands {
		if first, rest, ok := strings.Cut(c.name, " "); ok && first == args[0] {
			subs = append(subs, rest)
		}
	}
	if len(subs) > 0 {
		if len(args) == 1 {
			return nil, nil, usagef("%s memerlukan salah satu dari: %s", args[0], strings.Join(subs, ", "))
		}
		return nil, nil, usagef("%s %q tidak dikenal (%s)", args[0], args[1], strings.Join(subs, ", "))
	}
	return nil, nil, usagef("perintah tidak dikenal %q", args[0])
}

func slicesEqual(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return len(a) == len(b)
}

// prepare parses the command's flags (anywhere among the positional
// arguments) and returns its action.
func (c *command) prepare(args []string) (action, error) {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	check := c.parse(fs)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usagef("%s: %v", c.name, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	return check(pos)
}

// noArgs refuses positional arguments.
func noArgs(name string, pos []string) error {
	if len(pos) > 0 {
		return usagef("%s tidak menerima argumen %q", name, pos[0])
	}
	return nil
}

// writeUsage prints the usage text, generated from the command table.
func writeUsage(w io.Writer) {
	fmt.Fprint(w, "Penggunaan: pocketmap [--db BERKAS] [PERINTAH]\n\nTanpa perintah, pocketmap membuka jendela peta.\n\nPerintah:\n")
	for _, c := range commands {
		fmt.Fprintf(w, "  %s %s\n        %s\n", c.name, c.synopsis, c.help)
	}
	fmt.Fprintf(w, `
Opsi analisis (classify, pockets, rollup, render, export):
%s
Opsi:
  --db BERKAS   basis data SQLite (bawaan: %s)
`, app.SettingsHelp(), defaultDB())
}

// settingsFlags declares one flag per setting (app.SettingNames) on fs
// and returns the function that gives the checked app.Settings: the same
// parser (app.Settings.Set), defaults, limits and messages as the window.
func settingsFlags(fs *flag.FlagSet) func() (app.Settings, error) {
	s := app.DefaultSettings()
	var ps app.Problems
	for _, name := range app.SettingNames {
		set := func(v string) error {
			if err := s.Set(name, v); err != nil {
				ps = append(ps, app.Problem{Field: name, Message: "--" + name + ": " + err.Error()})
			}
			return nil
		}
		if app.BoolSettings[name] {
			fs.BoolFunc(name, "", set)
		} else {
			fs.Func(name, "", set)
		}
	}
	return func() (app.Settings, error) {
		if len(ps) > 0 {
			return s, ps
		}
		if err := s.Validate(); err != nil {
			var vp app.Problems
			if errors.As(err, &vp) {
				for i := range vp {
					vp[i].Message = "--" + vp[i].Field + ": " + vp[i].Message
				}
				return s, vp
			}
			return s, err
		}
		return s, nil
	}
}

// splitList splits a comma-separated list, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// lastDBFile remembers the database the window last opened with --db.
func lastDBFile() string { return filepath.Join(filepath.Dir(defaultDB()), "database-terakhir.txt") }

// lastDatabase returns the database the window last opened with --db, if
// it still exists.
func lastDatabase() string {
	b, err := os.ReadFile(lastDBFile())
	if err != nil {
		return ""
	}
	p := strings.TrimSpace(string(b))
	if isServer(p) {
		return p
	}
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

// rememberDatabase notes the database opened in the window; the default
// database clears the note.
func rememberDatabase(path string) {
	if isServer(path) {
		// A server's address, never a password (those are in ~/.pgpass).
		if err := os.MkdirAll(filepath.Dir(lastDBFile()), 0o700); err == nil {
			os.WriteFile(lastDBFile(), []byte(pgstore.Describe(path)+"\n"), 0o600)
		}
		return
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return
	}
	if abs == defaultDB() {
		os.Remove(lastDBFile())
		return
	}
	if err := os.MkdirAll(filepath.Dir(lastDBFile()), 0o700); err == nil {
		os.WriteFile(lastDBFile(), []byte(abs+"\n"), 0o600)
	}
}

// defaultDB is the database under the user's configuration directory.
func defaultDB() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = "."
	}
	return filepath.Join(dir, "pocketmap", "pocketmap.db")
}
