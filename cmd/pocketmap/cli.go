package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/ingest"
	"github.com/dinsos-tuban/pocketmap/render"
	"github.com/dinsos-tuban/pocketmap/store"
)

const usage = `Penggunaan: pocketmap [--db BERKAS] [PERINTAH]

Tanpa perintah, pocketmap membuka jendela peta.

Perintah:
  import boundaries BERKAS.geojson [--code-field F] [--name-field F]
        impor batas wilayah (satu transaksi; laporan ditambah/dihapus/berganti nama)
  import indicators BERKAS.csv [--period P] [--accept-fuzzy]
        impor indikator (lebar atau panjang) dan cetak laporan kecocokan
  import households BERKAS.csv|BERKAS.xlsx [--period TTTT-BB] [--map isian=Kolom,...]
        impor daftar rumah tangga (DTKS/DTSEN): validasi, indikator per desa, ringkasan temuan per aturan
  findings [--rule KODE] [--desa KODE] [--period P] [--xlsx BERKAS.xlsx]
        temuan validasi: CSV rule,severity,desa,row,field,message,nik (NIK disamarkan), atau XLSX per desa
  count-points BERKAS.csv
        hitung titik (lon,lat per baris) per desa: CSV code,count; titik di luar desa di stderr
  areas
        daftar wilayah sebagai CSV: code,name,level,parent,area_km2
  render [--indicator KEY] --size 1920x1080 --out BERKAS.png
        gambar peta ke PNG
  classify --indicator KEY --method quantile|equal|jenks|stddev|manual --classes N [--breaks a,b,c]
        klasifikasi: CSV code,value,class; batas kelas di stderr
  neighbours [--rule queen|rook] [--tolerance METER]
        tetangga tiap desa: CSV code,neighbours,neighbour_codes (dipisah ;)
  pockets --indicator KEY [--permutations 999] [--seed 1] [--alpha 0.05] [--fdr] [--threshold X]
        kantong kemiskinan (LISA, Gi*): CSV per desa; Moran global di stderr
  rollup --indicator KEY [opsi pockets]
        rekap per kecamatan: jumlah dijumlahkan, rasio dihitung ulang dari jumlahnya
  intervention add --programme NAMA --priority validasi-data|peningkatan-pendapatan|pengurangan-beban
        --areas KODE[,KODE] --budget RP --start TTTT-BB-HH --end TTTT-BB-HH
        [--agency OPD] [--funding SUMBER] [--households N] [--persons N] [--status rencana|berjalan|selesai]
  intervention list [--area KODE]     CSV: id,programme,priority,agency,areas,budget,households,start,end,status
  intervention delete ID | intervention undo
  intervention programmes [--add NAMA] [--rename LAMA=BARU] [--deactivate NAMA] [--activate NAMA]
  export summary --level kecamatan|desa --format xlsx|csv|pdf --out BERKAS [--atlas] [--suppress 5] [--indicator KEY]
        ringkasan wilayah untuk Bakorwil (hanya agregat; jumlah < 5 ditulis <5)
  export map [--indicator KEY] [--view pockets|coverage|gap] --size 3508x2480 --out BERKAS.png
  export geojson [--indicator KEY] --out BERKAS.geojson
  sample households --out BERKAS.csv [--n 150000] [--seed 1]
        daftar rumah tangga SINTETIS dengan kesalahan tertanam (latihan dan uji)

Opsi:
  --db BERKAS   basis data SQLite (bawaan: %s)
`

// guiFunc opens the window; main passes the Fyne one, tests a stub.
type guiFunc func(db *store.DB) error

// run is the whole program, testable: it returns the exit code.
func run(args []string, stdout, stderr io.Writer, gui guiFunc) int {
	fs := flag.NewFlagSet("pocketmap", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	dbPath := fs.String("db", "", "database file")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stdout, usage, defaultDB())
			return 0
		}
		fmt.Fprintf(stderr, "pocketmap: %v\n", err)
		fmt.Fprintf(stderr, usage, defaultDB())
		return 2
	}
	rest := fs.Args()
	path := *dbPath
	if path == "" {
		path = defaultDB()
		if len(rest) == 0 {
			// The window reopens the database it last had.
			if last := lastDatabase(); last != "" {
				path = last
			}
		}
	} else if len(rest) == 0 {
		rememberDatabase(path)
	}
	cmd := ""
	if len(rest) > 0 {
		cmd = rest[0]
	}
	switch cmd {
	case "", "import", "areas", "render", "classify", "neighbours", "neighbors", "pockets", "rollup", "intervention", "export",
		"findings", "count-points", "sample":
	case "help":
		fmt.Fprintf(stdout, usage, defaultDB())
		return 0
	default:
		fmt.Fprintf(stderr, "pocketmap: perintah tidak dikenal %q\n", cmd)
		fmt.Fprintf(stderr, usage, defaultDB())
		return 2
	}
	ctx := context.Background()
	db, err := store.Open(path)
	if err != nil {
		fmt.Fprintf(stderr, "pocketmap: %v\n", err)
		return 1
	}
	defer db.Close()
	// A new, empty database gets the embedded Tuban sample, except when the
	// user is about to import their own data into it.
	if cmd != "import" {
		if err := seedIfEmpty(ctx, db); err != nil {
			fmt.Fprintf(stderr, "pocketmap: menyiapkan data contoh: %v\n", err)
			return 1
		}
	}
	switch cmd {
	case "":
		err = gui(db)
	case "import":
		err = cmdImport(ctx, db, rest[1:], stdout)
	case "areas":
		err = cmdAreas(ctx, db, stdout)
	case "render":
		err = cmdRender(ctx, db, rest[1:], stdout)
	case "classify":
		err = cmdClassify(ctx, db, rest[1:], stdout, stderr)
	case "neighbours", "neighbors":
		err = cmdNeighbours(ctx, db, rest[1:], stdout, stderr)
	case "pockets":
		err = cmdPockets(ctx, db, rest[1:], stdout, stderr)
	case "rollup":
		err = cmdRollup(ctx, db, rest[1:], stdout, stderr)
	case "intervention":
		err = cmdIntervention(ctx, db, rest[1:], stdout)
	case "export":
		err = cmdExport(ctx, db, rest[1:], stdout)
	case "findings":
		err = cmdFindings(ctx, db, rest[1:], stdout)
	case "count-points":
		err = cmdCountPoints(ctx, db, rest[1:], stdout, stderr)
	case "sample":
		err = cmdSample(ctx, db, rest[1:], stdout)
	default:
		err = fmt.Errorf("perintah %q belum tersambung", cmd)
	}
	var ue usageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "pocketmap: %v\n", err)
		return 2
	case err != nil:
		fmt.Fprintf(stderr, "pocketmap: %v\n", err)
		return 1
	}
	return 0
}

type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

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
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

// rememberDatabase notes the database opened in the window; the default
// database clears the note.
func rememberDatabase(path string) {
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

// parseArgs parses flags that may stand before, between or after the
// positional arguments, and returns the positional ones.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func cmdImport(ctx context.Context, db *store.DB, args []string, out io.Writer) error {
	if len(args) == 0 {
		return usageError{"import memerlukan jenis: boundaries, indicators atau households"}
	}
	if args[0] == "households" {
		return cmdImportHouseholds(ctx, db, args[1:], out)
	}
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	codeField := fs.String("code-field", "", "")
	nameField := fs.String("name-field", "", "")
	period := fs.String("period", "", "")
	acceptFuzzy := fs.Bool("accept-fuzzy", false, "")
	pos, err := parseArgs(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{fmt.Sprintf("import %s memerlukan tepat satu berkas", args[0])}
	}
	switch args[0] {
	case "boundaries":
		report, err := importBoundaries(ctx, db, pos[0], geo.ReadOptions{CodeField: *codeField, NameField: *nameField}, nil)
		if err != nil {
			return err
		}
		fmt.Fprintln(out, report)
		return nil
	case "indicators":
		t, h, err := readIndicators(ctx, db, pos[0], *period, nil)
		if err != nil {
			return err
		}
		if *acceptFuzzy {
			h.Accept(t)
		}
		fmt.Fprintln(out, h.Report())
		if len(h.Duplicates) > 0 {
			return fmt.Errorf("%s: %d baris memberi nilai ganda untuk wilayah yang sama; tidak ada yang disimpan", t.File, len(h.Duplicates))
		}
		n, err := db.ImportIndicators(ctx, t)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "%d nilai disimpan.\n", n)
		return nil
	}
	return usageError{fmt.Sprintf("jenis impor tidak dikenal %q (boundaries, indicators atau households)", args[0])}
}

// progressReader reports how much of a file has been read.
type progressReader struct {
	r        io.Reader
	n, total int64
	report   func(float64)
	last     float64
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.n += int64(n)
	if p.report != nil && p.total > 0 {
		if f := float64(p.n) / float64(p.total); f-p.last >= 0.02 || f >= 1 {
			p.last = f
			p.report(f * 0.9)
		}
	}
	return n, err
}

// openProgress opens a file whose reading reports progress (up to 90 %).
func openProgress(path string, progress func(float64)) (*os.File, io.Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("membuka %s: %w", path, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, &progressReader{r: f, total: st.Size(), report: progress}, nil
}

func importBoundaries(ctx context.Context, db *store.DB, path string, opt geo.ReadOptions, progress func(float64)) (string, error) {
	var l *geo.Layer
	var err error
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		l, err = geo.ReadGeoJSONFile(path, opt)
	} else {
		f, r, oerr := openProgress(path, progress)
		if oerr != nil {
			return "", oerr
		}
		l, err = geo.ReadGeoJSON(r, filepath.Base(path), opt)
		f.Close()
	}
	if err != nil {
		return "", err
	}
	if err := ctx.Err(); err != nil {
		return "", err
	}
	rep, err := db.ImportBoundaries(ctx, l)
	if err != nil {
		return "", fmt.Errorf("menyimpan batas wilayah dari %s: %w", filepath.Base(path), err)
	}
	text := fmt.Sprintf("%s: %d wilayah dibaca (kolom kode %q, nama %q).\n%s", l.File, len(l.Areas), l.CodeField, l.NameField, rep.String())
	areas, err := db.Areas(ctx)
	if err != nil {
		return "", err
	}
	if mm := geo.CheckHierarchy(areas); len(mm) > 0 {
		text += "\n" + geo.MismatchReport(mm)
	}
	return text, nil
}

func readIndicators(ctx context.Context, db *store.DB, path, period string, progress func(float64)) (*ingest.Table, *ingest.Health, error) {
	f, r, err := openProgress(path, progress)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	t, err := ingest.ReadCSV(r, filepath.Base(path), ingest.Options{Period: period})
	if err != nil {
		return nil, nil, err
	}
	areas, err := db.Areas(ctx)
	if err != nil {
		return nil, nil, err
	}
	if len(areas) == 0 {
		return nil, nil, fmt.Errorf("%s: basis data belum memiliki wilayah; impor batas wilayah dahulu", t.File)
	}
	return t, ingest.Match(t, areas), nil
}

func cmdAreas(ctx context.Context, db *store.DB, out io.Writer) error {
	areas, err := db.Areas(ctx)
	if err != nil {
		return err
	}
	w := csv.NewWriter(out)
	w.Write([]string{"code", "name", "level", "parent", "area_km2"})
	for _, a := range areas {
		km := ""
		if len(a.Geom) > 0 {
			km = strconv.FormatFloat(a.AreaKm2, 'f', 4, 64)
		}
		w.Write([]string{a.Code, a.Name, a.Level.String(), a.Parent, km})
	}
	w.Flush()
	return w.Error()
}

func cmdRender(ctx context.Context, db *store.DB, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	key := fs.String("indicator", "", "")
	size := fs.String("size", "1920x1080", "")
	outPath := fs.String("out", "", "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{fmt.Sprintf("render tidak menerima argumen %q", pos[0])}
	}
	if *outPath == "" {
		return usageError{"render memerlukan --out BERKAS.png"}
	}
	var w, h int
	if _, err := fmt.Sscanf(*size, "%dx%d", &w, &h); err != nil || w < 16 || h < 16 || w > 12000 || h > 12000 {
		return usageError{fmt.Sprintf("--size %q tidak sah; tulis LEBARxTINGGI dalam piksel, mis. 1920x1080 (16–12000)", *size)}
	}
	m, err := loadMap(ctx, db, *key)
	if err != nil {
		return err
	}
	scene := render.NewScene(m.villages, m.kecamatan)
	st := render.DefaultStyle()
	st.Fills = m.legend.Fills
	scale := float64(min(w, h)) / 1080
	st.FontSize = 13 * max(1, scale)
	img := scene.Render(scene.Fit(scene.Bound(), w, h, 20*max(1, scale)), w, h, &st)
	render.DrawLegend(img, m.legend, max(0.8, scale))
	f, err := os.Create(*outPath)
	if err != nil {
		return fmt.Errorf("membuat %s: %w", *outPath, err)
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("menulis %s: %w", *outPath, err)
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(out, "%s: %dx%d, indikator %s\n", *outPath, w, h, m.legend.Indicator.Key)
	return nil
}

// mapData is what a map of one indicator needs.
type mapData struct {
	villages, kecamatan []*geo.Area
	legend              render.Legend
}

func loadMap(ctx context.Context, db *store.DB, key string) (*mapData, error) {
	areas, err := db.Areas(ctx)
	if err != nil {
		return nil, err
	}
	m := &mapData{}
	for _, a := range areas {
		switch {
		case len(a.Geom) == 0:
		case a.Level.IsVillage():
			m.villages = append(m.villages, a)
		case a.Level == geo.LevelKecamatan:
			m.kecamatan = append(m.kecamatan, a)
		}
	}
	if len(m.villages) == 0 {
		return nil, fmt.Errorf("basis data %s belum memiliki batas desa", db.Path())
	}
	inds, err := db.Indicators(ctx)
	if err != nil {
		return nil, err
	}
	if len(inds) == 0 {
		return nil, fmt.Errorf("basis data %s belum memiliki indikator", db.Path())
	}
	ind := inds[0]
	if key != "" {
		found := false
		var keys []string
		for _, d := range inds {
			keys = append(keys, d.Key)
			if d.Key == key {
				ind, found = d, true
			}
		}
		if !found {
			return nil, usageError{fmt.Sprintf("indikator %q tidak ada; pilih salah satu: %s", key, strings.Join(keys, ", "))}
		}
	}
	vals, err := db.Values(ctx, ind.Key, "")
	if err != nil {
		return nil, err
	}
	m.legend = render.NewLegend(ind, m.villages, vals)
	return m, nil
}
