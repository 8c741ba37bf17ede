package ui

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/app"
	"github.com/dinsos-tuban/pocketmap/assets"
	"github.com/dinsos-tuban/pocketmap/classify"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/household"
	"github.com/dinsos-tuban/pocketmap/ingest"
	"github.com/dinsos-tuban/pocketmap/render"
	"github.com/dinsos-tuban/pocketmap/spatial"
)

// uiSource is the package's Go source (tests left out), parsed.
type uiSource struct {
	fset   *token.FileSet
	files  []*ast.File
	consts map[string]string     // package-level string constants by name
	vars   map[string][]ast.Expr // package-level variables' initial values
}

func parseUI(t *testing.T) *uiSource {
	t.Helper()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	srcs := map[string]any{}
	for _, name := range names {
		if !strings.HasSuffix(name, "_test.go") {
			srcs[name] = nil
		}
	}
	return parseSource(t, srcs)
}

// parseSource parses files by name, read from disk or given as source.
func parseSource(t *testing.T, srcs map[string]any) *uiSource {
	t.Helper()
	s := &uiSource{fset: token.NewFileSet(), consts: map[string]string{}, vars: map[string][]ast.Expr{}}
	for _, name := range slices.Sorted(maps.Keys(srcs)) {
		f, err := parser.ParseFile(s.fset, name, srcs[name], 0)
		if err != nil {
			t.Fatal(err)
		}
		s.files = append(s.files, f)
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || (g.Tok != token.CONST && g.Tok != token.VAR) {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if i >= len(vs.Values) {
						continue
					}
					if g.Tok == token.VAR {
						s.vars[n.Name] = append(s.vars[n.Name], vs.Values[i])
					} else if v, ok := stringLit(vs.Values[i]); ok {
						s.consts[n.Name] = v
					}
				}
			}
		}
	}
	if len(s.files) == 0 {
		t.Fatal("no Go files found")
	}
	return s
}

func stringLit(e ast.Expr) (string, bool) {
	b, ok := e.(*ast.BasicLit)
	if !ok || b.Kind != token.STRING {
		return "", false
	}
	v, err := strconv.Unquote(b.Value)
	return v, err == nil
}

// translating reports whether a call translates its first argument:
// lang.L, lang.N, lang.X, lang.XN, or the helpers tr and trAll.
func translating(c *ast.CallExpr) bool {
	switch f := c.Fun.(type) {
	case *ast.SelectorExpr:
		if x, ok := f.X.(*ast.Ident); ok && x.Name == "lang" {
			switch f.Sel.Name {
			case "L", "N", "X", "XN":
				return true
			}
		}
	case *ast.Ident:
		return f.Name == "tr" || f.Name == "trAll"
	}
	return false
}

// usedKeys returns the keys the code passes to lang and tr as a literal or
// a constant, with where.
func (s *uiSource) usedKeys() map[string][]string {
	out := map[string][]string{}
	for _, f := range s.files {
		ast.Inspect(f, func(n ast.Node) bool {
			c, ok := n.(*ast.CallExpr)
			if !ok || !translating(c) || len(c.Args) == 0 {
				return true
			}
			for _, a := range c.Args[:1] {
				key, ok := stringLit(a)
				if id, isID := a.(*ast.Ident); isID {
					key, ok = s.consts[id.Name]
				}
				if ok {
					out[key] = append(out[key], s.fset.Position(a.Pos()).String())
				}
			}
			return true
		})
	}
	return out
}

// pluralKeys returns the keys passed to lang.N or lang.XN.
func (s *uiSource) pluralKeys() map[string]bool {
	out := map[string]bool{}
	for _, f := range s.files {
		ast.Inspect(f, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok && translating(c) && len(c.Args) > 0 {
				if sel, ok := c.Fun.(*ast.SelectorExpr); ok && (sel.Sel.Name == "N" || sel.Sel.Name == "XN") {
					if k, ok := stringLit(c.Args[0]); ok {
						out[k] = true
					}
				}
			}
			return true
		})
	}
	return out
}

// dynamicKeys are the keys the code translates as values: option keys
// held in variables, and strings from other packages shown through tr.
func dynamicKeys() []string {
	ks := slices.Concat(levelKeys, viewKeys, coverKeys, exportKinds, slices.Collect(maps.Keys(mapSizes)))
	for m := classify.MethodQuantile; m <= classify.MethodManual; m++ {
		ks = append(ks, m.Label())
	}
	for _, k := range classify.LISAOrder {
		ks = append(ks, classify.LISALabels[k])
	}
	ks = append(ks, classify.LISALabels["HH"]+classify.PocketSuffix, classify.LISALabels["LL"]+classify.PocketSuffix)
	for _, d := range geo.Directions {
		ks = append(ks, d.Label())
	}
	ks = append(ks, app.GapNames...)
	ks = append(ks, app.KecamatanViewNote, app.RollupNote(geo.Indicator{Sort: geo.KindValue}), app.RollupNote(geo.Indicator{Sort: geo.KindCount}))
	ks = append(ks, classify.RuleText, assets.BoundarySource, assets.BoundaryShort)
	for _, p := range aid.Priorities {
		ks = append(ks, p.Label())
	}
	for _, s := range aid.Statuses {
		ks = append(ks, s.String())
	}
	ks = append(ks, "Lainnya") // the one agency and funding source that is not a name
	ks = append(ks, household.Error.String(), household.Warning.String())
	for _, f := range ingest.HouseholdFields() {
		ks = append(ks, ingest.FieldLabel(f))
	}
	ks = append(ks, "kode", "nama") // geo.FieldsError.Missing
	for _, l := range useLabels {
		ks = append(ks, l)
	}
	for _, l := range directionLabels {
		ks = append(ks, l)
	}
	ks = append(ks, app.ChangeNames...)
	ks = append(ks, app.PocketOutlineLabel, app.NoCoverageName)
	ks = append(ks, app.ChangeNamesUnordered...)
	ks = append(ks, app.RollupNote(geo.Indicator{Categories: []string{"a"}}))
	return ks
}

// readTable reads a translation file as key → raw value.
func readTable(t *testing.T, name string) map[string]json.RawMessage {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("translations", name))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

// TestEveryKeyTranslated fails on each string the code translates that
// translations/en.json lacks.
func TestEveryKeyTranslated(t *testing.T) {
	en := readTable(t, "en.json")
	used := parseUI(t).usedKeys()
	for _, k := range dynamicKeys() {
		if _, ok := used[k]; !ok {
			used[k] = []string{"(a value shown through tr)"}
		}
	}
	var missing []string
	for k, where := range used {
		if _, ok := en[k]; !ok {
			missing = append(missing, fmt.Sprintf("%q (%s)", k, where[0]))
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("no English for %s", m)
	}
	if len(missing) > 0 {
		t.Logf("%d keys used, %d missing from translations/en.json", len(used), len(missing))
	}
}

// TestNoUnusedTranslations keeps en.json to the keys the code uses.
func TestNoUnusedTranslations(t *testing.T) {
	used := parseUI(t).usedKeys()
	for _, k := range dynamicKeys() {
		used[k] = nil
	}
	for k := range readTable(t, "en.json") {
		if _, ok := used[k]; !ok {
			t.Errorf("translations/en.json: %q is not used", k)
		}
	}
}

var verbRE = regexp.MustCompile(`%[-+# 0]*(\[\d+\])?(\d+|\*)?(\.(\d+|\*))?[a-zA-Z%]`)

// TestTranslationsWellFormed checks that each English text keeps the
// key's format verbs in order, that the keys of lang.N have one and other
// forms and the others a plain text (lang.N on a plain text gives the
// Indonesian for one), and that no key is one go-i18n reads as a message
// field.
func TestTranslationsWellFormed(t *testing.T) {
	plurals := parseUI(t).pluralKeys()
	reserved := []string{"id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other", "translation"}
	for k, raw := range readTable(t, "en.json") {
		if slices.Contains(reserved, strings.ToLower(k)) || strings.Contains(k, "{{") {
			t.Errorf("key %q cannot be a go-i18n message id", k)
		}
		var texts []string
		var s string
		var plural map[string]string
		switch {
		case json.Unmarshal(raw, &s) == nil:
			texts = []string{s}
			if plurals[k] {
				t.Errorf("%q is counted (lang.N): give its one and other forms", k)
			}
		case json.Unmarshal(raw, &plural) == nil:
			if !plurals[k] {
				t.Errorf("%q has plural forms but is not counted (lang.N)", k)
			}
			if plural["one"] == "" || plural["other"] == "" || len(plural) != 2 {
				t.Errorf("%q: a plural entry needs exactly one and other: %v", k, plural)
			}
			texts = []string{plural["one"], plural["other"]}
		default:
			t.Errorf("%q: value is neither a string nor plural forms: %s", k, raw)
		}
		want := verbRE.FindAllString(k, -1)
		for _, text := range texts {
			if strings.TrimSpace(text) == "" {
				t.Errorf("%q: empty translation", k)
			}
			if got := verbRE.FindAllString(text, -1); !slices.Equal(got, want) {
				t.Errorf("%q → %q: format verbs %v, want %v", k, text, got, want)
			}
		}
	}
	for k := range readTable(t, "id.json") {
		if keys[k] {
			t.Errorf("id.json: %q is one of pocketmap's keys; id.json is for Fyne's own strings", k)
		}
	}
}

// notLanguage are literals with letters that may reach the screen
// untranslated, because they are the same in both languages.
var notLanguage = map[string]string{
	"Rp 1.250.000": "budget placeholder: an amount, written the Indonesian way in both languages",
	"queen":        "contiguity rule: GeoDa's name in both languages, read by spatial.ParseRule",
	"rook":         "contiguity rule: GeoDa's name in both languages, read by spatial.ParseRule",
	"pocketmap-":   "the program's name, at the start of export file names",
}

// fileExtRE matches file name extensions (".xlsx"), which are not language.
var fileExtRE = regexp.MustCompile(`^\.[a-z0-9]+$`)

// sinkCalls are the calls whose string arguments reach the screen:
// package functions as pkg.Func, methods and the package's own functions
// by name.
var sinkCalls = map[string]bool{
	"widget.NewLabel": true, "widget.NewLabelWithStyle": true, "widget.NewButton": true, "widget.NewButtonWithIcon": true,
	"widget.NewCheck": true, "widget.NewRadioGroup": true, "widget.NewSelect": true, "widget.NewSelectEntry": true,
	"widget.NewFormItem": true, "widget.NewAccordionItem": true, "widget.NewRichTextWithText": true, "widget.NewHyperlink": true,
	"widget.NewToolbarAction": true, "widget.NewCard": true,
	"fyne.NewMenu": true, "fyne.NewMenuItem": true, "container.NewTabItem": true, "container.NewTabItemWithIcon": true,
	"dialog.ShowInformation": true, "dialog.ShowConfirm": true, "dialog.ShowCustom": true, "dialog.ShowCustomConfirm": true,
	"dialog.ShowCustomWithoutButtons": true, "dialog.ShowForm": true, "dialog.ShowEntryDialog": true,
	"dialog.NewInformation": true, "dialog.NewConfirm": true, "dialog.NewCustom": true, "dialog.NewCustomConfirm": true,
	"dialog.NewCustomWithoutButtons": true, "dialog.NewForm": true,
	"canvas.NewText": true, "errors.New": true, "fmt.Errorf": true, "fmt.Sprintf": true, "fmt.Fprintf": true,
	"render.CategoryLegend": true,
	"SetText":               true, "SetPlaceHolder": true, "SetSelected": true, "SetOptions": true, "SetTitleText": true,
	"SetFileName": true, "SetTitle": true, "NewWindow": true, "SetConfirmText": true, "SetDismissText": true,
	"bold": true, "showCustom": true, "showText": true, "RunTask": true, "openFile": true, "valueRow": true,
}

// sinkFields are the fields whose value reaches the screen.
var sinkFields = map[string]bool{"Text": true, "PlaceHolder": true, "Selected": true, "Options": true, "Note": true,
	"Label": true, "Unit": true, "Title": true, "Names": true}

func callName(c *ast.CallExpr) string {
	switch f := c.Fun.(type) {
	case *ast.SelectorExpr:
		if x, ok := f.X.(*ast.Ident); ok {
			switch x.Name {
			case "widget", "fyne", "container", "dialog", "canvas", "errors", "fmt", "render":
				return x.Name + "." + f.Sel.Name
			}
		}
		return f.Sel.Name
	case *ast.Ident:
		return f.Name
	}
	return ""
}

// isLanguage reports whether a literal may be language: it has a letter
// outside its format verbs, and is neither a file extension nor one of
// notLanguage.
func isLanguage(s string) bool {
	return strings.IndexFunc(verbRE.ReplaceAllString(s, ""), unicode.IsLetter) >= 0 &&
		!fileExtRE.MatchString(s) && notLanguage[s] == ""
}

// TestNoBareVisibleStrings fails on each string with a letter that reaches
// the screen without lang: passed to a widget, dialog or formatting call,
// assigned to a shown field (Text, PlaceHolder, Label…), returned as a
// string, or held in a local variable or constant that gets there.
func TestNoBareVisibleStrings(t *testing.T) {
	s := parseUI(t)
	for _, e := range s.bareStrings() {
		t.Error(e)
	}
}

// TestBareStringCheck shows that the check of TestNoBareVisibleStrings
// finds each way a string reaches the screen, and lets translated and
// non-language strings pass.
func TestBareStringCheck(t *testing.T) {
	s := parseSource(t, map[string]any{"x.go": `package ui
const Key = "Nilai"
const pref = "map.view"
var keys = []string{Key, "Sembilan"}
func a(w *Window) string {
	widget.NewRadioGroup(trAll(keys...), nil)
	widget.NewRadioGroup(keys, nil)
	widget.NewLabel("Satu")
	widget.NewLabel(lang.L("Baik"))
	w.level.SetSelected(Key)
	w.level.SetSelected(lang.L(Key))
	w.level.SetSelected("5")
	title := "Dua"
	if w != nil {
		title = lang.L("Baik juga")
	}
	dialog.ShowInformation(title, fmt.Sprintf("%d tiga", 3), nil)
	b.Text = "Empat"
	x := geo.Indicator{Key: "cakupan", Label: "Lima"}
	names := []string{"Enam"}
	render.CategoryLegend(x, nil, nil, names, nil, "")
	w.openFile(lang.L("Buka"), []string{".csv"}, nil)
	f := func() string { return "Tujuh" }
	prefs.SetString(pref, "tidak tampil")
	a.Rule.SetSelected("queen")
	return "Delapan"
}
`})
	var got []string
	for _, e := range s.bareStrings() {
		got = append(got, e[strings.Index(e, ": ")+2:])
	}
	want := []string{
		`constant Key ("Nilai") reaches the screen untranslated (in a)`,
		`"Sembilan" reaches the screen untranslated (in a)`,
		`"Satu" reaches the screen untranslated (in a)`,
		`constant Key ("Nilai") reaches the screen untranslated (in a)`,
		`"Dua" reaches the screen untranslated (in a)`,
		`"%d tiga" reaches the screen untranslated (in a)`,
		`"Empat" reaches the screen untranslated (in a)`,
		`"Lima" reaches the screen untranslated (in a)`,
		`"Enam" reaches the screen untranslated (in a)`,
		`"Tujuh" reaches the screen untranslated (in a)`,
		`"Delapan" reaches the screen untranslated (in a)`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("found\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// bareStrings lists, with where, each string that reaches the screen
// without lang.
func (s *uiSource) bareStrings() []string {
	var out []string
	reported := map[token.Pos]bool{}
	for _, f := range s.files {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			locals := localAssignments(fn.Body)
			var check func(e ast.Expr, seen map[string]bool)
			check = func(e ast.Expr, seen map[string]bool) {
				ast.Inspect(e, func(n ast.Node) bool {
					switch x := n.(type) {
					case *ast.FuncLit:
						return false
					case *ast.CallExpr: // keyOf maps a shown option back to its key
						return !translating(x) && callName(x) != "keyOf"
					case *ast.SelectorExpr: // a field or method name is not a value
						check(x.X, seen)
						return false
					case *ast.KeyValueExpr: // of a struct: only its shown fields
						if k, ok := x.Key.(*ast.Ident); !ok || sinkFields[k.Name] {
							check(x.Value, seen)
						}
						return false
					case *ast.BasicLit:
						v, ok := stringLit(x)
						if ok && isLanguage(v) && !reported[x.Pos()] {
							reported[x.Pos()] = true
							out = append(out, fmt.Sprintf("%s: %q reaches the screen untranslated (in %s)", s.fset.Position(x.Pos()), v, fn.Name.Name))
						}
					case *ast.Ident:
						v, isConst := s.consts[x.Name]
						if isConst && (x.Obj == nil || x.Obj.Kind == ast.Con) {
							if isLanguage(v) && !reported[x.Pos()] {
								reported[x.Pos()] = true
								out = append(out, fmt.Sprintf("%s: constant %s (%q) reaches the screen untranslated (in %s)", s.fset.Position(x.Pos()), x.Name, v, fn.Name.Name))
							}
						}
						rhs, ok := locals[x.Name]
						if !ok && x.Obj == nil { // declared in another file
							rhs, ok = s.vars[x.Name]
						} else if _, decl := x.Obj.Decl.(*ast.ValueSpec); !ok && decl {
							rhs, ok = s.vars[x.Name]
						}
						if ok && !seen[x.Name] {
							seen[x.Name] = true
							for _, r := range rhs {
								check(r, seen)
							}
						}
					}
					return true
				})
			}
			returnsString := func(ft *ast.FuncType) bool {
				if ft.Results != nil {
					for _, r := range ft.Results.List {
						if id, ok := r.Type.(*ast.Ident); ok && id.Name == "string" {
							return true
						}
					}
				}
				return false
			}
			var scan func(body *ast.BlockStmt, checkReturns bool)
			scan = func(body *ast.BlockStmt, checkReturns bool) {
				ast.Inspect(body, func(n ast.Node) bool {
					switch x := n.(type) {
					case *ast.FuncLit:
						scan(x.Body, returnsString(x.Type))
						return false
					case *ast.CallExpr:
						if sinkCalls[callName(x)] {
							for _, a := range x.Args {
								check(a, map[string]bool{})
							}
						}
					case *ast.AssignStmt:
						for i, l := range x.Lhs {
							if sel, ok := l.(*ast.SelectorExpr); ok && sinkFields[sel.Sel.Name] && len(x.Rhs) == len(x.Lhs) {
								check(x.Rhs[i], map[string]bool{})
							}
						}
					case *ast.KeyValueExpr:
						if k, ok := x.Key.(*ast.Ident); ok && sinkFields[k.Name] {
							check(x.Value, map[string]bool{})
						}
					case *ast.ReturnStmt:
						if checkReturns {
							for _, r := range x.Results {
								check(r, map[string]bool{})
							}
						}
					}
					return true
				})
			}
			scan(fn.Body, returnsString(fn.Type))
		}
	}
	return out
}

// localAssignments maps each name assigned in body (x := …, x = …, x += …,
// var x = …, x[i] = …) to the expressions assigned to it.
func localAssignments(body *ast.BlockStmt) map[string][]ast.Expr {
	out := map[string][]ast.Expr{}
	root := func(e ast.Expr) string {
		for {
			switch x := e.(type) {
			case *ast.Ident:
				return x.Name
			case *ast.IndexExpr:
				e = x.X
			default:
				return ""
			}
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.AssignStmt:
			if len(x.Lhs) != len(x.Rhs) {
				return true
			}
			for i, l := range x.Lhs {
				if name := root(l); name != "" && name != "_" {
					out[name] = append(out[name], x.Rhs[i])
				}
			}
		case *ast.ValueSpec:
			for i, n := range x.Names {
				if i < len(x.Values) {
					out[n.Name] = append(out[n.Name], x.Values[i])
				}
			}
		}
		return true
	})
	return out
}

// useEnglish switches the interface to English for one test.
func useEnglish(t *testing.T) {
	t.Helper()
	setLanguage(true)
	t.Cleanup(func() { setLanguage(false) })
}

func TestEnglishTranslations(t *testing.T) {
	useEnglish(t)
	for in, want := range map[string]string{
		"Kantong":                  "Pockets",
		"Tidak ada data (diarsir)": "No data (hatched)",
		"Intervensi":               "Interventions",
		LevelDesa:                  "Village",
		classify.LISALabels["HH"] + classify.PocketSuffix: "High-High (pocket)",
	} {
		if got := lang.L(in); got != want {
			t.Errorf("lang.L(%q) = %q, want %q", in, got, want)
		}
	}
	// (The singular needs an English locale: go-i18n picks the plural form
	// by the system language; TestLanguageFollowsTheSystem checks it.)
	if got := fmt.Sprintf(lang.N("%s desa", 12), "12"); got != "12 villages" {
		t.Errorf("12 desa: %q", got)
	}
	if got := tr("Dinsos P3A PMD"); got != "Dinsos P3A PMD" {
		t.Errorf("a name without a translation became %q", got)
	}
	if got := keyOf(lang.L(ExportAtlas), exportKinds...); got != ExportAtlas {
		t.Errorf("the export choice %q reads back as %q", lang.L(ExportAtlas), got)
	}
}

// visibleTexts collects the texts of labels, buttons, checks, radio
// groups, selects, entries' place holders, forms and tabs under o.
func visibleTexts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *widget.Button:
			out = append(out, x.Text)
		case *widget.Check:
			out = append(out, x.Text)
		case *widget.RadioGroup:
			out = append(out, x.Options...)
		case *widget.Select:
			out = append(out, x.PlaceHolder, x.Selected)
			out = append(out, x.Options...)
		case *widget.SelectEntry:
			out = append(out, x.PlaceHolder)
		case *widget.Entry:
			out = append(out, x.PlaceHolder)
		case *widget.Form:
			for _, it := range x.Items {
				out = append(out, it.Text)
				walk(it.Widget)
			}
		case *widget.Accordion:
			for _, it := range x.Items {
				out = append(out, it.Title)
				walk(it.Detail)
			}
		case *container.AppTabs:
			for _, it := range x.Items {
				out = append(out, it.Text)
				walk(it.Content)
			}
		case *container.Split:
			walk(x.Leading)
			walk(x.Trailing)
		case *container.Scroll:
			walk(x.Content)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// TestEnglishWindow builds the window in English: the tabs, legend,
// controls and panels speak English, no key is shown untranslated, and
// numbers keep the Indonesian format.
func TestEnglishWindow(t *testing.T) {
	useEnglish(t)
	w, _ := newTestWindow(t)
	var tabs []string
	for _, it := range w.tabs.Items {
		tabs = append(tabs, it.Text)
	}
	if want := []string{"Map", "Pockets", "Interventions", "Validation"}; !slices.Equal(tabs, want) {
		t.Errorf("tabs %q, want %q", tabs, want)
	}
	w.SelectArea("35.23.10.2001")
	var menus []string
	for _, m := range w.Win.MainMenu().Items {
		menus = append(menus, m.Label)
		for _, it := range m.Items {
			menus = append(menus, it.Label)
		}
	}
	texts := append(visibleTexts(w.Win.Content()), menus...)
	joined := strings.Join(texts, "\n")
	for _, want := range []string{"Indicator", "Village", "Values", "Clusters", "Compare two periods", "code 35.23.10.2001\nArea", "Find poverty"} {
		if !strings.Contains(joined, want) {
			t.Errorf("window lacks %q", want)
		}
	}
	if !regexp.MustCompile(`\d,\d`).MatchString(labelsIn(w.legendBox.Objects)) {
		t.Errorf("legend numbers lost the decimal comma:\n%s", labelsIn(w.legendBox.Objects))
	}
	// The legend lists the areas without data the English way.
	w.legend.NoData = 1
	w.showLegend()
	if legend := labelsIn(w.legendBox.Objects); !strings.Contains(legend, "No data (hatched)") || !strings.Contains(legend, "villages") {
		t.Errorf("legend:\n%s", legend)
	}
	// The radio groups read back as keys.
	w.level.SetSelected(lang.L(LevelKecamatan))
	if !w.kecLevel() || !strings.Contains(labelsIn(w.legendBox.Objects), "subdistricts") {
		t.Errorf("kecamatan level in English: %v\n%s", w.kecLevel(), labelsIn(w.legendBox.Objects))
	}
	w.level.SetSelected(lang.L(LevelDesa))
	w.view.SetSelected(lang.L(ViewClusters))
	if l := w.Legend(); l.Names == nil || l.Names[0] != "High-High (pocket)" {
		t.Errorf("cluster legend names %q", l.Names)
	}
	if got := w.App.Preferences().String(prefView); got != ViewClusters {
		t.Errorf("view remembered as %q, want the key %q", got, ViewClusters)
	}
	if !strings.Contains(w.an.methodText.Text, "999 conditional permutations") {
		t.Errorf("method text %q", w.an.methodText.Text)
	}
	// No key with a different English shows untranslated.
	en := readTable(t, "en.json")
	texts = append(visibleTexts(w.Win.Content()), w.hoverText.Text, w.statusText.Text)
	texts = append(texts, menus...)
	for _, s := range texts {
		if raw, ok := en[s]; ok {
			var english string
			if json.Unmarshal(raw, &english) == nil && english != s {
				t.Errorf("%q shown untranslated (English %q)", s, english)
			}
		}
	}
}

// TestIndonesianMatchesOtherPackages holds the texts the interface builds
// itself to those of the packages it stands in for, in Indonesian.
func TestIndonesianMatchesOtherPackages(t *testing.T) {
	for _, o := range []spatial.PocketOptions{
		spatial.DefaultPocketOptions(),
		{Alpha: 0.01, FDR: true, Permutations: 499, Seed: 7, UseThreshold: true, Threshold: 25.5},
	} {
		for _, weights := range []string{"", "queen, toleransi 0,5 m"} {
			if got, want := describePockets(o, weights), o.Describe(weights); got != want {
				t.Errorf("describePockets:\n%s\nspatial:\n%s", got, want)
			}
		}
	}
	ind := geo.Indicator{Key: "x", Label: "X", Unit: "%"}
	l, err := render.ClassLegend(ind, []float64{1, 2, 3, 4, 5, 6, math.NaN()}, classify.MethodJenks, 3, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := classNote(l); got != l.Note {
		t.Errorf("classNote %q, render %q", got, l.Note)
	}
	if got, want := formatValue(ind, math.NaN()), render.FormatValue(ind, math.NaN()); got != want {
		t.Errorf("formatValue(NaN) %q, render %q", got, want)
	}
}

// TestSystemLanguage: English only when the locale says English; the C
// locale, or none, is Indonesian.
func TestSystemLanguage(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the locale is read from the environment on Linux only")
	}
	for _, tc := range []struct{ lcAll, lang, language, want string }{
		{"", "C.UTF-8", "", ""},
		{"", "", "", ""},
		{"", "C", "en", ""}, // gettext ignores LANGUAGE in the C locale
		{"", "en_US.UTF-8", "", "en"},
		{"", "en_GB", "", "en"},
		{"", "id_ID.UTF-8", "", "id"},
		{"", "de_DE.UTF-8", "en:de", "en"},
		{"id_ID.UTF-8", "en_US.UTF-8", "", "id"},
	} {
		t.Setenv("LC_ALL", tc.lcAll)
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", tc.lang)
		t.Setenv("LANGUAGE", tc.language)
		if got := systemLanguage(); got != tc.want {
			t.Errorf("LC_ALL=%q LANG=%q LANGUAGE=%q: language %q, want %q", tc.lcAll, tc.lang, tc.language, got, tc.want)
		}
	}
}

// TestLanguageFollowsTheSystem registers the tables as the app would on
// an Indonesian, a German and an English system and asks Fyne.
func TestLanguageFollowsTheSystem(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the locale is set through the environment on Linux only")
	}
	t.Cleanup(func() { setLanguage(false) }) // after t.Setenv's own cleanup
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANGUAGE", "")
	for _, tc := range []struct{ lang, pockets, cancel string }{
		{"id_ID.UTF-8", "Kantong", "Batal"},
		{"de_DE.UTF-8", "Kantong", "Batal"},
		{"pt_BR.UTF-8", "Kantong", "Batal"},
		{"en_US.UTF-8", "Pockets", "Cancel"},
		{"ja_JP.UTF-8", "Kantong", "Batal"},
		{"C", "Kantong", "Batal"}, // no language set: Fyne's strings in Indonesian too
		{"", "Kantong", "Batal"},
	} {
		t.Setenv("LANG", tc.lang)
		setLanguage(systemLanguage() == "en")
		if got := lang.L("Kantong"); got != tc.pockets {
			t.Errorf("LANG=%s: Kantong shown as %q, want %q", tc.lang, got, tc.pockets)
		}
		if got := lang.L("Cancel"); got != tc.cancel {
			t.Errorf("LANG=%s: Fyne's Cancel shown as %q, want %q", tc.lang, got, tc.cancel)
		}
		if got := fmt.Sprintf(lang.N("%s desa", 1), "1"); got != map[string]string{"Kantong": "1 desa", "Pockets": "1 village"}[tc.pockets] {
			t.Errorf("LANG=%s: one desa shown as %q", tc.lang, got)
		}
	}
}
