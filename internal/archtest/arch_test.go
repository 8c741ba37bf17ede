// Package archtest checks pocketmap's dependency rules with `go list`:
//
//   - geo imports only the standard library, github.com/paulmach/orb/...
//     and crs (coordinate conversion, itself standard library and orb);
//   - store never imports fyne.io/...;
//   - ui never imports store, database/sql or modernc.org/...;
//   - spatial imports only the standard library, orb and geo;
//   - render, classify, ingest and sample never import fyne.io/... or
//     database/sql;
//   - aid and household import only the standard library, orb and geo;
//     report never imports Fyne, SQL or store;
//   - store never imports ingest or app: it saves what it is given;
//   - crs (coordinate conversion) imports only the standard library and orb;
//   - shp (the Shapefile reader) never imports Fyne, SQL, store, ingest,
//     app or ui;
//   - gpkg (the GeoPackage writer) never imports Fyne, store, ingest, app
//     or ui: it writes the layers it is given;
//   - app (the use-case layer) never imports Fyne, SQL, store or ui: it
//     reaches the data through the repository interfaces of the domain;
//   - cmd/pocketmap reaches analysis, rendering, reports and file readers
//     only through app: it imports none of spatial, classify, render,
//     report or ingest itself (they are below app, so only its direct
//     imports are checked).
//
// The rules hold for each package and its sub-packages and for everything
// they import, directly or not (test files are not counted). A package whose
// directory has no Go code yet is skipped; once it has, it is checked.
package archtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

const module = "github.com/dinsos-tuban/pocketmap"

// pkg is the part of `go list -json` that the rules need.
type pkg struct {
	ImportPath string
	Dir        string
	Standard   bool
	DepOnly    bool
	Imports    []string
	Error      *struct{ Err string }
}

// rule is a dependency rule for the packages under one directory.
type rule struct {
	dir string
	// allowed, when set, is the only imports the packages may have.
	allowed func(p *pkg) bool
	onlyMsg string
	// denied are import paths (and everything under them) never allowed.
	denied []string
	// direct are import paths (and everything under them) the packages
	// may not import themselves, though what they import may.
	direct []string
}

func under(path, prefix string) bool {
	return path == prefix || strings.HasPrefix(path, prefix+"/")
}

var rules = []rule{
	{
		dir: "geo",
		allowed: func(p *pkg) bool {
			return p.Standard || under(p.ImportPath, "github.com/paulmach/orb") || under(p.ImportPath, module+"/geo") ||
				under(p.ImportPath, module+"/crs")
		},
		onlyMsg: "only the standard library, github.com/paulmach/orb/... and crs are allowed",
	},
	{dir: "store", denied: []string{"fyne.io", module + "/ingest", module + "/app", module + "/ui"}},
	{dir: "pgstore", denied: []string{"fyne.io", "modernc.org", module + "/store", module + "/ingest", module + "/app", module + "/ui"}},
	{dir: "app", denied: []string{"fyne.io", "database/sql", "modernc.org", "github.com/jackc", module + "/store", module + "/pgstore", module + "/ui"}},
	{dir: "cmd/pocketmap", direct: []string{module + "/spatial", module + "/classify", module + "/render", module + "/report", module + "/ingest"}},
	{dir: "ui", denied: []string{module + "/store", module + "/pgstore", "database/sql", "modernc.org", "github.com/jackc"}},
	{dir: "render", denied: []string{"fyne.io", "database/sql"}},
	{dir: "classify", denied: []string{"fyne.io", "database/sql"}},
	{dir: "ingest", denied: []string{"fyne.io", "database/sql"}},
	{dir: "sample", denied: []string{"fyne.io", "database/sql"}},
	{
		dir: "spatial",
		allowed: func(p *pkg) bool {
			return p.Standard || under(p.ImportPath, "github.com/paulmach/orb") ||
				under(p.ImportPath, module+"/geo") || under(p.ImportPath, module+"/crs") || under(p.ImportPath, module+"/spatial")
		},
		onlyMsg: "only the standard library, orb, geo and crs are allowed",
	},
	{dir: "idfmt", denied: []string{"fyne.io", "database/sql", "modernc.org"}},
	{
		dir: "aid",
		allowed: func(p *pkg) bool {
			return p.Standard || under(p.ImportPath, "github.com/paulmach/orb") ||
				under(p.ImportPath, module+"/geo") || under(p.ImportPath, module+"/crs") || under(p.ImportPath, module+"/aid")
		},
		onlyMsg: "only the standard library, orb, geo and crs are allowed",
	},
	{
		dir: "household",
		allowed: func(p *pkg) bool {
			return p.Standard || under(p.ImportPath, "github.com/paulmach/orb") ||
				under(p.ImportPath, module+"/geo") || under(p.ImportPath, module+"/crs") || under(p.ImportPath, module+"/household")
		},
		onlyMsg: "only the standard library, orb, geo and crs are allowed",
	},
	{dir: "report", denied: []string{"fyne.io", "database/sql", "modernc.org", module + "/store"}},
	{
		dir: "crs",
		allowed: func(p *pkg) bool {
			return p.Standard || under(p.ImportPath, "github.com/paulmach/orb") || under(p.ImportPath, module+"/crs")
		},
		onlyMsg: "only the standard library and orb are allowed",
	},
	{dir: "shp", denied: []string{"fyne.io", "database/sql", "modernc.org", module + "/store", module + "/app", module + "/ui", module + "/ingest"}},
	{dir: "gpkg", denied: []string{"fyne.io", module + "/store", module + "/ingest", module + "/app", module + "/ui"}},
}

// graph is the import graph from `go list -deps -json`.
type graph map[string]*pkg

// chain returns the import path from root to target, shortest first.
func (g graph) chain(root, target string) []string {
	prev := map[string]string{root: ""}
	queue := []string{root}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		if cur == target {
			var path []string
			for p := cur; p != ""; p = prev[p] {
				path = append([]string{p}, path...)
			}
			return path
		}
		if p := g[cur]; p != nil {
			for _, imp := range p.Imports {
				if _, seen := prev[imp]; !seen {
					prev[imp] = cur
					queue = append(queue, imp)
				}
			}
		}
	}
	return []string{root, "…", target}
}

// reachable returns every package that root imports, directly or not.
func (g graph) reachable(root string) []string {
	seen := map[string]bool{root: true}
	stack := []string{root}
	var out []string
	for len(stack) > 0 {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if p := g[cur]; p != nil {
			for _, imp := range p.Imports {
				if !seen[imp] {
					seen[imp] = true
					out = append(out, imp)
					stack = append(stack, imp)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// violations returns one message per forbidden import of root.
func (r rule) violations(g graph, root string) []string {
	var msgs []string
	if p := g[root]; p != nil {
		for _, imp := range p.Imports {
			for _, d := range r.direct {
				if under(imp, d) {
					msgs = append(msgs, fmt.Sprintf("%s imports %s (directly): only through %s/app", root, imp, module))
				}
			}
		}
	}
	for _, dep := range g.reachable(root) {
		p := g[dep]
		if p == nil {
			p = &pkg{ImportPath: dep}
		}
		var why string
		for _, d := range r.denied {
			if under(dep, d) {
				why = fmt.Sprintf("%s/... is forbidden", d)
				if d == dep || d == "database/sql" {
					why = d + " is forbidden"
				}
				break
			}
		}
		if why == "" && r.allowed != nil && !r.allowed(p) {
			why = r.onlyMsg
		}
		if why == "" {
			continue
		}
		c := g.chain(root, dep)
		how := "directly"
		if len(c) > 2 {
			how = "via " + strings.Join(c, " -> ")
		}
		msgs = append(msgs, fmt.Sprintf("%s imports %s (%s): %s", root, dep, how, why))
	}
	return msgs
}

// repoRoot is the module root, two levels above this package.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("no go.mod at %s: %v", root, err)
	}
	return root
}

// hasGoCode tells whether dir or a directory below it holds a non-test Go
// file.
func hasGoCode(dir string) bool {
	found := false
	_ = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || found {
			return filepath.SkipDir
		}
		if d.IsDir() {
			if name := d.Name(); path != dir && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			found = true
			return filepath.SkipAll
		}
		return nil
	})
	return found
}

// goList runs `go list -e -deps -json -tags ci` on the patterns in dir.
func goList(t *testing.T, dir string, patterns []string) graph {
	t.Helper()
	args := append([]string{"list", "-e", "-deps", "-json", "-tags", "ci"}, patterns...)
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	g := graph{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		p := new(pkg)
		if err := dec.Decode(p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("reading go list output: %v", err)
		}
		g[p.ImportPath] = p
	}
	return g
}

func TestDependencyRules(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Fatalf("the go command is needed on PATH: %v", err)
	}
	root := repoRoot(t)

	var patterns []string
	present := map[string]bool{}
	for _, r := range rules {
		if hasGoCode(filepath.Join(root, r.dir)) {
			present[r.dir] = true
			patterns = append(patterns, "./"+r.dir+"/...")
		}
	}
	if len(patterns) == 0 {
		t.Fatal("none of the packages under rule has Go code")
	}
	g := goList(t, root, patterns)

	for _, r := range rules {
		t.Run(r.dir, func(t *testing.T) {
			if !present[r.dir] {
				t.Skipf("%s has no Go code yet", r.dir)
			}
			var roots []string
			for path, p := range g {
				if !p.DepOnly && under(path, module+"/"+r.dir) {
					roots = append(roots, path)
				}
			}
			sort.Strings(roots)
			if len(roots) == 0 {
				t.Fatalf("go list found no package under %s although it has Go code", r.dir)
			}
			for _, root := range roots {
				if p := g[root]; p.Error != nil {
					t.Errorf("%s: go list: %s", root, p.Error.Err)
				}
				for _, msg := range r.violations(g, root) {
					t.Error(msg)
				}
			}
		})
	}
}

// TestRulesCatchViolations checks the checker on a made-up import graph, so
// that a rule that can never fail is noticed.
func TestRulesCatchViolations(t *testing.T) {
	std := func(path string, imports ...string) *pkg {
		return &pkg{ImportPath: path, Standard: true, Imports: imports}
	}
	mod := func(path string, imports ...string) *pkg {
		return &pkg{ImportPath: path, Imports: imports}
	}
	g := graph{}
	for _, p := range []*pkg{
		std("fmt"), std("database/sql", "fmt"), std("database/sql/driver"),
		mod("github.com/paulmach/orb", "fmt"),
		mod("github.com/paulmach/orb/planar", "github.com/paulmach/orb"),
		mod("fyne.io/fyne/v2", "fmt"),
		mod("modernc.org/sqlite", "database/sql/driver"),
		mod("golang.org/x/image/vector"),
		mod(module+"/geo", "fmt", "github.com/paulmach/orb/planar"),
		mod(module+"/geo/bad", "golang.org/x/image/vector"),
		mod(module+"/store", "database/sql", "modernc.org/sqlite", module+"/geo"),
		mod(module+"/render", module+"/geo", "golang.org/x/image/vector"),
		mod(module+"/ui", "fyne.io/fyne/v2", module+"/render", module+"/helper"),
		mod(module+"/helper", module+"/store"),
		mod(module+"/sample", "fyne.io/fyne/v2"),
		mod(module+"/spatial", module+"/geo"),
		mod(module+"/app", module+"/spatial"),
		mod(module+"/cmd/pocketmap", module+"/app", module+"/spatial"),
		mod(module+"/app/bad", module+"/store"),
	} {
		g[p.ImportPath] = p
	}
	byDir := map[string]rule{}
	for _, r := range rules {
		byDir[r.dir] = r
	}
	tests := []struct {
		dir, root string
		want      []string // substrings, one per expected message
	}{
		{"geo", module + "/geo", nil},
		{"geo", module + "/geo/bad", []string{"imports golang.org/x/image/vector (directly): only the standard library"}},
		{"store", module + "/store", nil},
		{"render", module + "/render", nil},
		{"ui", module + "/ui", []string{
			"imports database/sql (via " + module + "/ui -> " + module + "/helper -> " + module + "/store -> database/sql)",
			"imports database/sql/driver",
			"imports " + module + "/store (via " + module + "/ui -> " + module + "/helper -> " + module + "/store)",
			"imports modernc.org/sqlite (via",
		}},
		{"sample", module + "/sample", []string{"imports fyne.io/fyne/v2 (directly): fyne.io/... is forbidden"}},
		{"app", module + "/app", nil},
		{"app", module + "/app/bad", []string{"imports database/sql (via", "imports database/sql/driver", "imports " + module + "/store (directly)", "imports modernc.org/sqlite (via"}},
		{"cmd/pocketmap", module + "/cmd/pocketmap", []string{"imports " + module + "/spatial (directly): only through " + module + "/app"}},
	}
	for _, tc := range tests {
		got := byDir[tc.dir].violations(g, tc.root)
		if len(got) != len(tc.want) {
			t.Errorf("%s: %d violations, want %d:\n%s", tc.root, len(got), len(tc.want), strings.Join(got, "\n"))
			continue
		}
		for i, w := range tc.want {
			if !strings.Contains(got[i], w) {
				t.Errorf("%s: violation %q does not contain %q", tc.root, got[i], w)
			}
		}
	}
}
