package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"image/png"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/app"
	"github.com/dinsos-tuban/pocketmap/dbcopy"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/household"
	"github.com/dinsos-tuban/pocketmap/idfmt"
	"github.com/dinsos-tuban/pocketmap/pgstore"
	"github.com/dinsos-tuban/pocketmap/sample"
	"github.com/dinsos-tuban/pocketmap/store"
)

// commands is the table of every CLI command: it makes the usage text, the
// list of commands known and the dispatch.
var commands []command

func init() {
	commands = []command{
		{name: "import boundaries", synopsis: "BERKAS.geojson|.gpkg|.shp|.zip [--layer NAMA] [--code-field F] [--name-field F] [--skip-empty] [--accept-fuzzy]", noSeed: true,
			help: "impor batas wilayah dari GeoJSON, GeoPackage atau Shapefile (boleh dalam ZIP; proyeksi UTM/TM-3 diubah ke bujur/lintang; peta berkode BPS dicocokkan ke kode Kemendagri menurut nama, padanannya disimpan; satu transaksi; laporan ditambah/dihapus/berganti nama)", parse: parseImportBoundaries},
		{name: "import indicators", synopsis: "BERKAS.csv|BERKAS.xlsx [--sheet LEMBAR] [--period P] [--column \"JUDUL=kode|nama|kecamatan|indikator[:kunci@periode]|periode|lewati\"]... [--poorer kunci=higher|lower|neither]... [--source S] [--accept-fuzzy]",
			help: "impor indikator (lebar atau panjang; judul di bawah baris judul tabel; kolom idm_2024 = indikator idm periode 2024; teks = kategori) dan cetak susunan kolom serta laporan kecocokan", parse: parseImportIndicators},
		{name: "import households", synopsis: "BERKAS.csv|BERKAS.xlsx [--period TTTT-BB] [--map isian=Kolom,...] [--replace]", noSeed: true,
			help: "impor daftar rumah tangga (DTKS/DTSEN): validasi, indikator per desa, ringkasan temuan per aturan", parse: parseImportHouseholds},
		{name: "areas", help: "daftar wilayah sebagai CSV: code,name,level,parent,area_km2", parse: parseAreas},
		{name: "indicator list", help: "daftar indikator sebagai CSV: key,label,unit,poorer,kind,periods,source", parse: parseIndicatorList},
		{name: "indicator set", synopsis: "KUNCI [--label L] [--unit U] [--source S] [--poorer higher|lower|neither] [--kind count|value]",
			help: "ubah nama, satuan, sumber, arah kemiskinan atau jenis indikator (count dijumlahkan, value dirata-ratakan per kecamatan)", parse: parseIndicatorSet},
		{name: "classify", synopsis: "[opsi analisis]", help: "klasifikasi: CSV code,value,class; batas kelas di stderr", parse: parseClassify},
		{name: "neighbours", synopsis: "[--rule queen|rook] [--tolerance METER]",
			help: "tetangga tiap desa: CSV code,neighbours,neighbour_codes (dipisah ;)", parse: parseNeighbours},
		{name: "pockets", synopsis: "[opsi analisis]",
			help: "kantong kemiskinan (LISA, Gi*) menurut arah indikator: CSV per desa; Moran global di stderr", parse: parsePockets},
		{name: "rollup", synopsis: "[opsi analisis]", help: "rekap per kecamatan: jumlah dijumlahkan, rasio dihitung ulang dari jumlahnya", parse: parseRollup},
		{name: "render", synopsis: "[opsi analisis] [--size 1920x1080] --out BERKAS.png", help: "gambar peta seperti di jendela ke PNG", parse: parseRender},
		{name: "export summary", synopsis: "[--format xlsx|csv|pdf] --out BERKAS [--atlas] [opsi analisis]",
			help: "ringkasan wilayah untuk Bakorwil (hanya agregat; jumlah < 5 ditulis <5); --level menentukan lembar pertama", parse: parseExport(app.ExportSummary)},
		{name: "export map", synopsis: "[--size 3508x2480] --out BERKAS.png [opsi analisis]", help: "peta cetak dengan judul, legenda, skala dan arah utara", parse: parseExport(app.ExportMap)},
		{name: "export geojson", synopsis: "--out BERKAS.geojson [opsi analisis]", help: "lapisan peta dengan atribut ringkasan", parse: parseExport(app.ExportGeoJSON)},
		{name: "export geopackage", synopsis: "--out BERKAS.gpkg [opsi analisis]", help: "lapisan desa dan kecamatan dengan atribut ringkasan dalam satu GeoPackage (QGIS, GDAL)", parse: parseExport(app.ExportGeoPackage)},
		{name: "intervention add", synopsis: "--programme NAMA --priority validasi-data|peningkatan-pendapatan|pengurangan-beban --areas KODE[,KODE] --budget RP --start TTTT-BB-HH --end TTTT-BB-HH [--agency OPD] [--funding SUMBER] [--households N] [--persons N] [--status rencana|berjalan|selesai] [--notes T]",
			help: "tambah intervensi", parse: parseInterventionAdd},
		{name: "intervention list", synopsis: "[--area KODE]", help: "CSV: id,programme,priority,agency,areas,budget,households,start,end,status", parse: parseInterventionList},
		{name: "intervention delete", synopsis: "ID", help: "hapus intervensi (dapat diurungkan)", parse: parseInterventionDelete},
		{name: "publish pockets", synopsis: "[opsi analisis]",
			help: "terbitkan kantong kemiskinan hasil analisis ke server kantor (view v_pockets untuk QGIS)", parse: parsePublishPockets},
		{name: "db copy", synopsis: "--from BERKAS.db|postgres://… --to BERKAS.db|postgres://…", raw: true,
			help: "salin seluruh isi basis data (berkas SQLite ↔ server kantor) dalam satu transaksi, lalu bandingkan jumlah baris dan checksum tiap tabel", parse: parseDbCopy},
		{name: "server init", noSeed: true,
			help: "siapkan basis data server kantor (--db postgres://…): skema, peran viewer/planner/data/admin dan haknya", parse: parseServerInit},
		{name: "server user add", synopsis: "NAMA --role viewer|planner|data|admin", noSeed: true,
			help: "tambah pengguna server dengan perannya (kata sandi diatur admin dengan \\password di psql)", parse: parseServerUserAdd},
		{name: "intervention undo", help: "urungkan perubahan intervensi terakhir", parse: parseInterventionUndo},
		{name: "intervention redo", help: "ulangi perubahan yang terakhir diurungkan (selama belum ada perubahan baru)", parse: parseInterventionRedo},
		{name: "intervention programmes", synopsis: "[--add NAMA] [--rename LAMA=BARU] [--deactivate NAMA] [--activate NAMA]",
			help: "daftar program, atau ubah daftarnya", parse: parseProgrammes},
		{name: "households list", help: "daftar rumah tangga yang diimpor: CSV period,file,imported_at,households,findings", parse: parseHouseholdsList},
		{name: "households delete", synopsis: "PERIODE [--yes]", help: "hapus daftar rumah tangga satu periode (dengan temuan dan indikator desanya); dicadangkan dahulu", parse: parseHouseholdsDelete},
		{name: "findings", synopsis: "[--rule KODE] [--desa KODE] [--period P] [--xlsx BERKAS.xlsx]",
			help: "temuan validasi: CSV rule,severity,desa,row,field,message,nik (NIK disamarkan), atau XLSX per desa", parse: parseFindings},
		{name: "count-points", synopsis: "BERKAS.csv", help: "hitung titik (lon,lat per baris) per desa: CSV code,count; titik di luar desa di stderr", parse: parseCountPoints},
		{name: "backup", synopsis: "[--out BERKAS.db] [--keep N]",
			help: "cadangkan basis data (salinan utuh, juga saat jendela terbuka); tanpa --out ke folder cadangan di samping basis data", parse: parseBackup},
		{name: "restore", synopsis: "BERKAS.db [--yes]", raw: true, noSeed: true,
			help: "pulihkan basis data dari cadangan: tanpa --yes hanya menampilkan isi cadangan", parse: parseRestore},
		{name: "sample households", synopsis: "--out BERKAS.csv [--n 150000] [--seed 1] [--error-rate 0.01]",
			help: "daftar rumah tangga SINTETIS dengan kesalahan tertanam (latihan dan uji)", parse: parseSampleHouseholds},
	}
}

// num writes a number for machine-readable CSV: shortest exact form, empty
// for no value.
func num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// writeCSV writes a header and rows as CSV.
func writeCSV(out io.Writer, header []string, rows func(w *csv.Writer)) error {
	w := csv.NewWriter(out)
	w.Write(header)
	rows(w)
	w.Flush()
	return w.Error()
}

// withSettings is the parse function of a command that takes the analysis
// flags and no positional argument: run gets the checked settings.
func withSettings(name string, run func(ctx context.Context, e *env, s app.Settings) error) func(fs *flag.FlagSet) func([]string) (action, error) {
	return func(fs *flag.FlagSet) func([]string) (action, error) {
		settings := settingsFlags(fs)
		return func(pos []string) (action, error) {
			if err := noArgs(name, pos); err != nil {
				return nil, err
			}
			s, err := settings()
			if err != nil {
				return nil, err
			}
			return func(ctx context.Context, e *env) error { return run(ctx, e, s) }, nil
		}
	}
}

func parseImportBoundaries(fs *flag.FlagSet) func([]string) (action, error) {
	codeField := fs.String("code-field", "", "")
	nameField := fs.String("name-field", "", "")
	skipEmpty := fs.Bool("skip-empty", false, "")
	layer := fs.String("layer", "", "")
	acceptFuzzy := fs.Bool("accept-fuzzy", false, "")
	return func(pos []string) (action, error) {
		if len(pos) != 1 {
			return nil, usagef("import boundaries memerlukan tepat satu berkas")
		}
		return func(ctx context.Context, e *env) error {
			rep, err := e.svc.ImportBoundaries(ctx, pos[0], geo.ReadOptions{CodeField: *codeField, NameField: *nameField, SkipEmpty: *skipEmpty, Layer: *layer, AcceptFuzzy: *acceptFuzzy}, nil)
			var ie geo.InputErrors
			if errors.As(err, &ie) && ie.OnlyMissingGeometry() {
				return fmt.Errorf("%w\nTidak ada yang disimpan. Untuk melewati fitur tanpa geometri itu dan mengimpor sisanya, ulangi dengan --skip-empty", err)
			}
			if err != nil {
				return err
			}
			fmt.Fprintln(e.out, rep)
			return nil
		}, nil
	}
}

func parseImportIndicators(fs *flag.FlagSet) func([]string) (action, error) {
	period := fs.String("period", "", "")
	sheet := fs.String("sheet", "", "")
	source := fs.String("source", "", "")
	acceptFuzzy := fs.Bool("accept-fuzzy", false, "")
	var columns, poorer mapFlag
	fs.Var(&columns, "column", "")
	fs.Var(&poorer, "poorer", "")
	return func(pos []string) (action, error) {
		if len(pos) != 1 {
			return nil, usagef("import indicators memerlukan tepat satu berkas (.csv atau .xlsx)")
		}
		choices := app.IndicatorChoices{Period: *period, Columns: columns, Poorer: poorer, Source: *source}
		return func(ctx context.Context, e *env) error {
			f, err := e.svc.OpenIndicators(ctx, pos[0], *sheet, nil)
			if err != nil {
				return err
			}
			if err := f.Apply(choices); err != nil {
				return err
			}
			fmt.Fprint(e.out, app.DescribePlan(f))
			t, h, err := e.svc.CheckIndicators(ctx, f, choices)
			if err != nil {
				return err
			}
			if *acceptFuzzy {
				h.Accept(t)
			}
			fmt.Fprintln(e.out, app.DescribeTable(t))
			fmt.Fprintln(e.out, h.Report())
			n, err := e.svc.SaveIndicators(ctx, t, h)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.out, "%d nilai disimpan.\n", n)
			return nil
		}, nil
	}
}

// mapFlag collects a repeated flag: --map field=Column,..., --column,
// --poorer.
type mapFlag []string

func (m *mapFlag) String() string { return strings.Join(*m, ",") }

func (m *mapFlag) Set(s string) error {
	*m = append(*m, s)
	return nil
}

func parseImportHouseholds(fs *flag.FlagSet) func([]string) (action, error) {
	period := fs.String("period", time.Now().Format("2006-01"), "")
	replace := fs.Bool("replace", false, "")
	var overrides mapFlag
	fs.Var(&overrides, "map", "")
	return func(pos []string) (action, error) {
		if len(pos) != 1 {
			return nil, usagef("import households memerlukan tepat satu berkas (.csv atau .xlsx)")
		}
		if err := household.CheckPeriod(*period); err != nil {
			return nil, usagef("--period: %v", err)
		}
		return func(ctx context.Context, e *env) error {
			hdr, remembered, err := e.svc.HouseholdColumns(ctx, pos[0])
			if err != nil {
				return fmt.Errorf("impor daftar rumah tangga ditolak, tidak ada yang disimpan: %w", err)
			}
			m, err := app.ApplyMapping(hdr, overrides)
			if err != nil {
				return err
			}
			source := app.MappingSource(remembered)
			if len(overrides) > 0 {
				source += ", diubah dengan --map"
			}
			fmt.Fprintf(e.out, "Pemetaan kolom (%s): %s\n", source, app.FormatMapping(m))
			imp := e.svc.ImportHouseholds
			if *replace {
				imp = e.svc.ReplaceHouseholds
			}
			res, err := imp(ctx, pos[0], m, *period, household.DefaultConfig(), nil)
			if err != nil {
				return err
			}
			fmt.Fprintln(e.out, res)
			return nil
		}, nil
	}
}

func parseAreas(fs *flag.FlagSet) func([]string) (action, error) {
	return func(pos []string) (action, error) {
		if err := noArgs("areas", pos); err != nil {
			return nil, err
		}
		return func(ctx context.Context, e *env) error {
			areas, err := e.svc.Areas.Areas(ctx)
			if err != nil {
				return err
			}
			return writeCSV(e.out, []string{"code", "name", "level", "parent", "area_km2"}, func(w *csv.Writer) {
				for _, a := range areas {
					km := ""
					if len(a.Geom) > 0 {
						km = strconv.FormatFloat(a.AreaKm2, 'f', 4, 64)
					}
					w.Write([]string{a.Code, a.Name, a.Level.String(), a.Parent, km})
				}
			})
		}, nil
	}
}

func parseIndicatorList(fs *flag.FlagSet) func([]string) (action, error) {
	return func(pos []string) (action, error) {
		if err := noArgs("indicator list", pos); err != nil {
			return nil, err
		}
		return func(ctx context.Context, e *env) error {
			inds, err := e.svc.ListIndicators(ctx)
			if err != nil {
				return err
			}
			return writeCSV(e.out, []string{"key", "label", "unit", "poorer", "kind", "periods", "source"}, func(w *csv.Writer) {
				for _, d := range inds {
					w.Write([]string{d.Key, d.Label, d.Unit, d.Poorer.Key(), d.Kind(), strings.Join(d.Periods, ";"), d.Source})
				}
			})
		}, nil
	}
}

func parseIndicatorSet(fs *flag.FlagSet) func([]string) (action, error) {
	var edit app.IndicatorEdit
	set := map[string]*string{}
	for _, f := range []string{"label", "unit", "source", "poorer", "kind"} {
		set[f] = new(string)
		fs.Func(f, "", func(s string) error { *set[f] = s; return nil })
	}
	return func(pos []string) (action, error) {
		if len(pos) != 1 {
			return nil, usagef("indicator set memerlukan tepat satu kunci indikator")
		}
		given := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
		if len(given) == 0 {
			return nil, usagef("indicator set %s: sebutkan yang diubah: --label, --unit, --source, --poorer atau --kind", pos[0])
		}
		if given["label"] {
			edit.Label = set["label"]
		}
		if given["unit"] {
			edit.Unit = set["unit"]
		}
		if given["source"] {
			edit.Source = set["source"]
		}
		if given["kind"] {
			edit.Kind = set["kind"]
		}
		if given["poorer"] {
			d, err := geo.ParseDirection(*set["poorer"])
			if err != nil {
				return nil, usagef("--poorer: %v", err)
			}
			edit.Poorer = &d
		}
		return func(ctx context.Context, e *env) error {
			ind, err := e.svc.EditIndicator(ctx, pos[0], edit)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.out, "indikator %s: %s (%s), arah: %s, jenis: %s\n", ind.Key, ind.Label, ind.Unit, ind.Poorer.Label(), ind.Kind())
			return nil
		}, nil
	}
}

var parseClassify = withSettings("classify", func(ctx context.Context, e *env, s app.Settings) error {
	r, err := e.svc.Analyse(ctx, s)
	if err != nil {
		return err
	}
	l := r.DesaClasses
	if r.Indicator.Categorical() {
		fmt.Fprintf(e.errw, "categories indicator=%s ordered=%v names=%s\n", r.Indicator.Key, r.Indicator.Ordered, strings.Join(r.Indicator.Categories, ";"))
		return writeCSV(e.out, []string{"code", "value", "class"}, func(w *csv.Writer) {
			for i, a := range r.Villages {
				name, ok := r.Indicator.Category(r.Values[i])
				class := ""
				if ok {
					class = strconv.Itoa(int(r.Values[i]) + 1)
				}
				w.Write([]string{a.Code, name, class})
			}
		})
	}
	uppers := make([]string, len(l.Breaks.Uppers))
	for i, u := range l.Breaks.Uppers {
		uppers[i] = num(u)
	}
	fmt.Fprintf(e.errw, "breaks indicator=%s method=%s classes=%d min=%s uppers=%s\n", r.Indicator.Key, l.Method, l.Breaks.Classes(), num(l.Breaks.Min), strings.Join(uppers, ","))
	return writeCSV(e.out, []string{"code", "value", "class"}, func(w *csv.Writer) {
		for i, a := range r.Villages {
			class := ""
			if c := l.Breaks.Class(r.Values[i]); c >= 0 {
				class = strconv.Itoa(c + 1)
			}
			w.Write([]string{a.Code, num(r.Values[i]), class})
		}
	})
})

func parseNeighbours(fs *flag.FlagSet) func([]string) (action, error) {
	return withSettings("neighbours", func(ctx context.Context, e *env, s app.Settings) error {
		villages, wts, err := e.svc.Neighbours(ctx, s.Weights)
		if err != nil {
			return err
		}
		err = writeCSV(e.out, []string{"code", "neighbours", "neighbour_codes"}, func(w *csv.Writer) {
			for i, a := range villages {
				codes := make([]string, 0, wts.Cardinality(i))
				for _, j := range wts.Neighbors(i) {
					codes = append(codes, villages[j].Code)
				}
				w.Write([]string{a.Code, strconv.Itoa(len(codes)), strings.Join(codes, ";")})
			}
		})
		if islands := wts.Islands(); len(islands) > 0 {
			codes := make([]string, len(islands))
			for i, j := range islands {
				codes[i] = villages[j].Code + " " + villages[j].Name
			}
			fmt.Fprintf(e.errw, "peringatan: %d desa tanpa tetangga (pulau) dengan aturan %s: %s\n", len(islands), app.DescribeWeights(s.Weights), strings.Join(codes, ", "))
		}
		return err
	})(fs)
}

var parsePockets = withSettings("pockets", func(ctx context.Context, e *env, s app.Settings) error {
	r, err := e.svc.Analyse(ctx, s)
	if err != nil {
		return err
	}
	if r.Indicator.Categorical() {
		return app.Problems{{Field: "indicator", Message: r.NoPockets}}
	}
	fmt.Fprintf(e.errw, "global moran_i=%.6f p_value=%s\n", r.Pockets.Global.I, num(r.Pockets.Global.PSim))
	fmt.Fprintf(e.errw, "metode: %s\n", r.Method)
	if r.NoPockets != "" {
		fmt.Fprintf(e.errw, "tidak ada kantong: %s\n", r.NoPockets)
	}
	return writeCSV(e.out, []string{"code", "name", "value", "local_i", "p_value", "cluster", "gi_star_z", "pocket"}, func(w *csv.Writer) {
		p := r.Pockets
		for i, a := range r.Villages {
			w.Write([]string{a.Code, a.Name, num(r.Values[i]), num(p.LocalI[i]), num(p.PValue[i]),
				p.Cluster[i].String(), num(p.GiZ[i]), strconv.FormatBool(p.Pocket[i])})
		}
	})
})

var parseRollup = withSettings("rollup", func(ctx context.Context, e *env, s app.Settings) error {
	r, err := e.svc.Analyse(ctx, s)
	if err != nil {
		return err
	}
	if len(r.Kecamatan) == 0 {
		return fmt.Errorf("basis data %s belum memiliki batas kecamatan", e.path)
	}
	fmt.Fprintf(e.errw, "indikator %s; %s\n", r.Indicator.Key, r.Method)
	ind := r.Indicator
	header := []string{"code", "name", "desa", "desa_with_value", "value", "numerator", "denominator", "pocket_desa"}
	if ind.Categorical() {
		header = []string{"code", "name", "desa", "desa_with_value", "value"}
		for _, c := range ind.Categories {
			header = append(header, "desa_"+strings.ReplaceAll(strings.ToLower(c), " ", "_"))
		}
	}
	return writeCSV(e.out, header, func(w *csv.Writer) {
		for _, row := range r.Rollup {
			rec := []string{row.Code, row.Name, strconv.Itoa(row.Desa), strconv.Itoa(row.WithValue)}
			if ind.Categorical() {
				name, _ := ind.Category(row.Value)
				rec = append(rec, name)
				for i := range ind.Categories {
					n := 0
					if row.Categories != nil {
						n = row.Categories[i]
					}
					rec = append(rec, strconv.Itoa(n))
				}
				w.Write(rec)
				continue
			}
			n, d := "", ""
			if ind.Derived() {
				n, d = num(row.Numerator), num(row.Denominator)
			}
			w.Write(append(rec, num(row.Value), n, d, strconv.Itoa(row.Pockets)))
		}
	})
})

func parseRender(fs *flag.FlagSet) func([]string) (action, error) {
	size := fs.String("size", "1920x1080", "")
	outPath := fs.String("out", "", "")
	return withSettings("render", func(ctx context.Context, e *env, s app.Settings) error {
		if *outPath == "" {
			return usagef("render memerlukan --out BERKAS.png")
		}
		w, h, err := app.ParseSize(*size)
		if err != nil {
			return usagef("--size: %v", err)
		}
		img, r, err := e.svc.RenderMap(ctx, s, w, h)
		if err != nil {
			return err
		}
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
		fmt.Fprintf(e.out, "%s: %dx%d, indikator %s\n", *outPath, w, h, r.Indicator.Key)
		return nil
	})(fs)
}

// parseExport is the parse function of `export KIND`.
func parseExport(kind string) func(fs *flag.FlagSet) func([]string) (action, error) {
	return func(fs *flag.FlagSet) func([]string) (action, error) {
		format := fs.String("format", "xlsx", "")
		outPath := fs.String("out", "", "")
		atlas := fs.Bool("atlas", false, "")
		size := fs.String("size", "3508x2480", "")
		return withSettings("export "+kind, func(ctx context.Context, e *env, s app.Settings) error {
			x := app.Export{Kind: kind, Format: *format, Path: *outPath, Atlas: *atlas}
			if kind == app.ExportMap {
				var err error
				if x.Width, x.Height, err = app.ParseSize(*size); err != nil {
					return usagef("--size: %v", err)
				}
			}
			if err := x.Validate(); err != nil {
				var ps app.Problems
				if errors.As(err, &ps) {
					for i := range ps {
						ps[i].Message = "--" + ps[i].Field + ": " + ps[i].Message
					}
				}
				return err
			}
			n, err := e.svc.Export(ctx, s, x)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.out, "%s: %s bita ditulis\n", x.Path, idfmt.Number(float64(n), 0))
			return nil
		})(fs)
	}
}

func parseInterventionAdd(fs *flag.FlagSet) func([]string) (action, error) {
	programme := fs.String("programme", "", "")
	priority := fs.String("priority", "", "")
	areas := fs.String("areas", "", "")
	budget := fs.String("budget", "", "")
	start := fs.String("start", "", "")
	end := fs.String("end", "", "")
	agency := fs.String("agency", aid.Agencies[0], "")
	funding := fs.String("funding", aid.FundingSources[0], "")
	households := fs.Int("households", 0, "")
	persons := fs.Int("persons", 0, "")
	status := fs.String("status", "rencana", "")
	notes := fs.String("notes", "", "")
	return func(pos []string) (action, error) {
		if err := noArgs("intervention add", pos); err != nil {
			return nil, err
		}
		iv := &aid.Intervention{Programme: *programme, Agency: *agency, Funding: *funding, Households: *households,
			Persons: *persons, Notes: *notes, Areas: splitList(*areas)}
		var problems []string
		var err error
		if *priority == "" {
			problems = append(problems, "--priority wajib: validasi-data, peningkatan-pendapatan atau pengurangan-beban")
		} else if iv.Priority, err = aid.ParsePriority(*priority); err != nil {
			problems = append(problems, "--priority: "+err.Error())
		}
		if iv.Status, err = aid.ParseStatus(*status); err != nil {
			problems = append(problems, "--status: "+err.Error())
		}
		if *budget == "" {
			problems = append(problems, "--budget wajib (rupiah bulat, boleh 0)")
		} else if iv.Budget, err = aid.ParseRupiah(*budget); err != nil {
			problems = append(problems, "--budget: "+err.Error())
		}
		for _, d := range []struct {
			name, s string
			t       *time.Time
		}{{"--start", *start, &iv.Start}, {"--end", *end, &iv.End}} {
			if d.s == "" {
				problems = append(problems, d.name+" wajib (TTTT-BB-HH)")
				continue
			}
			if *d.t, err = time.Parse(aid.DateLayout, d.s); err != nil {
				problems = append(problems, fmt.Sprintf("%s %q bukan tanggal TTTT-BB-HH", d.name, d.s))
			}
		}
		if len(problems) > 0 {
			return nil, usageError{strings.Join(problems, "; ")}
		}
		return func(ctx context.Context, e *env) error {
			id, err := e.svc.SaveIntervention(ctx, iv)
			var fe aid.FieldErrors
			if errors.As(err, &fe) {
				return usageError{strings.ReplaceAll(fe.Error(), "\n", " ")}
			}
			if err != nil {
				return err
			}
			// Printed only after the transaction has committed: an
			// acknowledged save.
			fmt.Fprintf(e.out, "id=%d\n", id)
			return nil
		}, nil
	}
}

func parseInterventionList(fs *flag.FlagSet) func([]string) (action, error) {
	area := fs.String("area", "", "")
	return func(pos []string) (action, error) {
		if err := noArgs("intervention list", pos); err != nil {
			return nil, err
		}
		return func(ctx context.Context, e *env) error {
			ivs, err := e.svc.ListInterventions(ctx, aid.Filter{Area: *area})
			if err != nil {
				return err
			}
			return writeCSV(e.out, []string{"id", "programme", "priority", "agency", "areas", "budget", "households", "start", "end", "status"}, func(w *csv.Writer) {
				for _, iv := range ivs {
					w.Write([]string{strconv.FormatInt(iv.ID, 10), iv.Programme, iv.Priority.Key(), iv.Agency, strings.Join(iv.Areas, ";"),
						strconv.FormatInt(iv.Budget, 10), strconv.Itoa(iv.Households), iv.Start.Format(aid.DateLayout), iv.End.Format(aid.DateLayout), iv.Status.String()})
				}
			})
		}, nil
	}
}

func parseInterventionDelete(fs *flag.FlagSet) func([]string) (action, error) {
	return func(pos []string) (action, error) {
		if len(pos) != 1 {
			return nil, usagef("intervention delete memerlukan satu ID")
		}
		id, err := strconv.ParseInt(pos[0], 10, 64)
		if err != nil || id <= 0 {
			return nil, usagef("ID %q bukan bilangan bulat positif", pos[0])
		}
		return func(ctx context.Context, e *env) error {
			if err := e.svc.DeleteIntervention(ctx, id); err != nil {
				return err
			}
			fmt.Fprintf(e.out, "intervensi %d dihapus\n", id)
			return nil
		}, nil
	}
}

func parseInterventionUndo(fs *flag.FlagSet) func([]string) (action, error) {
	return undoRedo("intervention undo", func(s *app.Service) func(context.Context) (string, error) { return s.Undo },
		"Tidak ada perubahan yang dapat diurungkan.")
}

func parseInterventionRedo(fs *flag.FlagSet) func([]string) (action, error) {
	return undoRedo("intervention redo", func(s *app.Service) func(context.Context) (string, error) { return s.Redo },
		"Tidak ada perubahan yang dapat diulangi.")
}

// undoRedo is the action of intervention undo and redo: it says what was
// done, or that there was nothing to do.
func undoRedo(name string, step func(*app.Service) func(context.Context) (string, error), nothing string) func([]string) (action, error) {
	return func(pos []string) (action, error) {
		if err := noArgs(name, pos); err != nil {
			return nil, err
		}
		return func(ctx context.Context, e *env) error {
			what, err := step(e.svc)(ctx)
			if err != nil {
				return err
			}
			if what == "" {
				what = nothing
			}
			fmt.Fprintln(e.out, what)
			return nil
		}, nil
	}
}

func parseProgrammes(fs *flag.FlagSet) func([]string) (action, error) {
	add := fs.String("add", "", "")
	rename := fs.String("rename", "", "")
	deactivate := fs.String("deactivate", "", "")
	activate := fs.String("activate", "", "")
	return func(pos []string) (action, error) {
		if err := noArgs("intervention programmes", pos); err != nil {
			return nil, err
		}
		old, nu, hasRename := strings.Cut(*rename, "=")
		if *rename != "" && (!hasRename || strings.TrimSpace(nu) == "") {
			return nil, usagef("--rename LAMA=BARU")
		}
		return func(ctx context.Context, e *env) error {
			repo := e.svc.Interventions
			var err error
			switch {
			case *add != "":
				err = repo.AddProgramme(ctx, *add)
			case *rename != "":
				err = repo.RenameProgramme(ctx, strings.TrimSpace(old), strings.TrimSpace(nu))
			case *deactivate != "":
				err = repo.SetProgrammeActive(ctx, *deactivate, false)
			case *activate != "":
				err = repo.SetProgrammeActive(ctx, *activate, true)
			}
			if err != nil {
				return err
			}
			ps, err := repo.AllProgrammes(ctx)
			if err != nil {
				return err
			}
			return writeCSV(e.out, []string{"programme", "active"}, func(w *csv.Writer) {
				for _, p := range ps {
					w.Write([]string{p.Name, strconv.FormatBool(p.Active)})
				}
			})
		}, nil
	}
}

func parseFindings(fs *flag.FlagSet) func([]string) (action, error) {
	var q app.FindingQuery
	fs.StringVar(&q.Rule, "rule", "", "")
	fs.StringVar(&q.Desa, "desa", "", "")
	fs.StringVar(&q.Period, "period", "", "")
	xlsx := fs.String("xlsx", "", "")
	return func(pos []string) (action, error) {
		if err := noArgs("findings", pos); err != nil {
			return nil, err
		}
		return func(ctx context.Context, e *env) error {
			findings, err := e.svc.Findings(ctx, q)
			if err != nil {
				return err
			}
			if *xlsx != "" {
				sheets, err := e.svc.WriteFindings(ctx, *xlsx, findings)
				if err != nil {
					return err
				}
				fmt.Fprintf(e.out, "%s: %d temuan dalam %d lembar (NIK disamarkan)\n", *xlsx, len(findings), sheets)
				return nil
			}
			return writeCSV(e.out, []string{"rule", "severity", "desa", "row", "field", "message", "nik"}, func(w *csv.Writer) {
				for _, fd := range findings {
					fd = app.MaskFinding(fd)
					w.Write([]string{fd.Rule, fd.Severity.String(), fd.DesaCode, strconv.Itoa(fd.Row), fd.Field, fd.Message, fd.NIK})
				}
			})
		}, nil
	}
}

func parseCountPoints(fs *flag.FlagSet) func([]string) (action, error) {
	return func(pos []string) (action, error) {
		if len(pos) != 1 {
			return nil, usagef("count-points memerlukan tepat satu berkas titik (lon,lat per baris)")
		}
		return func(ctx context.Context, e *env) error {
			pc, err := e.svc.CountPoints(ctx, pos[0])
			if err != nil {
				return err
			}
			err = writeCSV(e.out, []string{"code", "count"}, func(w *csv.Writer) {
				for i, c := range pc.Counts {
					if c > 0 {
						w.Write([]string{pc.Villages[i].Code, strconv.Itoa(c)})
					}
				}
			})
			fmt.Fprintf(e.errw, "%d titik, %d di luar semua desa\n", pc.Points, pc.Outside)
			return err
		}, nil
	}
}

func parseSampleHouseholds(fs *flag.FlagSet) func([]string) (action, error) {
	outPath := fs.String("out", "", "")
	n := fs.Int("n", sample.DefaultHouseholds, "")
	seed := fs.Uint64("seed", 1, "")
	rate := fs.Float64("error-rate", sample.DefaultErrorRate, "")
	return func(pos []string) (action, error) {
		if err := noArgs("sample households", pos); err != nil {
			return nil, err
		}
		if *outPath == "" || *n < 1 {
			return nil, usagef("sample households memerlukan --out BERKAS.csv dan --n ≥ 1")
		}
		return func(ctx context.Context, e *env) error {
			list, err := e.svc.SampleHouseholds(ctx, *outPath, *seed, sample.HouseholdOptions{Households: *n, ErrorRate: *rate})
			if err != nil {
				return err
			}
			fmt.Fprintf(e.out, "%s: %d rumah tangga SINTETIS; kesalahan yang ditanam per aturan:\n", *outPath, len(list.Records))
			rules := make([]string, 0, len(list.Planted))
			for r := range list.Planted {
				rules = append(rules, r)
			}
			sort.Strings(rules)
			for _, r := range rules {
				fmt.Fprintf(e.out, "  %-20s %d\n", r, list.Planted[r])
			}
			return nil
		}, nil
	}
}

func parseBackup(fs *flag.FlagSet) func([]string) (action, error) {
	out := fs.String("out", "", "")
	keep := fs.Int("keep", 0, "")
	return func(pos []string) (action, error) {
		if err := noArgs("backup", pos); err != nil {
			return nil, err
		}
		if *keep < 0 || *keep > 1000 {
			return nil, usagef("--keep %d: isi 1 sampai 1000 cadangan otomatis yang disimpan", *keep)
		}
		return func(ctx context.Context, e *env) error {
			if e.db == nil {
				return errFileOnly
			}
			if *keep > 0 {
				if err := e.db.SetMeta(ctx, store.MetaKeepBackups, strconv.Itoa(*keep)); err != nil {
					return err
				}
				fmt.Fprintf(e.out, "Cadangan otomatis yang disimpan: %d terbaru.\n", *keep)
			}
			path := *out
			if path == "" {
				var err error
				if path, err = e.db.AutoBackup(ctx, "manual"); err != nil {
					return err
				}
			} else if err := e.db.Backup(ctx, path, nil); err != nil {
				return err
			}
			info, err := store.InspectBackup(path)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.out, "Cadangan ditulis: %s\n", info)
			return nil
		}, nil
	}
}

func parseRestore(fs *flag.FlagSet) func([]string) (action, error) {
	yes := fs.Bool("yes", false, "")
	return func(pos []string) (action, error) {
		if len(pos) != 1 {
			return nil, usagef("restore memerlukan tepat satu berkas cadangan")
		}
		return func(ctx context.Context, e *env) error {
			info, err := store.InspectBackup(pos[0])
			if err != nil {
				return err
			}
			fmt.Fprintf(e.out, "Cadangan: %s\n", info)
			if info.Problem != "" {
				return fmt.Errorf("cadangan %s rusak; pilih cadangan lain (daftar di %s)", pos[0], store.BackupDir(e.path))
			}
			if !*yes {
				fmt.Fprintf(e.out, "Belum ada yang diubah. Untuk mengganti isi %s dengan cadangan ini, ulangi dengan --yes.\n", e.path)
				return nil
			}
			db, err := store.Open(e.path)
			if err == nil {
				defer db.Close()
				if _, err := db.Restore(ctx, pos[0], nil); err != nil {
					return err
				}
				fmt.Fprintf(e.out, "%s dipulihkan dari %s (isi sebelumnya dicadangkan di %s).\n", e.path, info.Path, store.BackupDir(e.path))
				return nil
			}
			if !errors.Is(err, store.ErrDamaged) {
				return err
			}
			// The database does not open: put the backup in its place and
			// keep the damaged file beside it.
			if _, err := store.RestoreFile(pos[0], e.path); err != nil {
				return err
			}
			fmt.Fprintf(e.out, "%s rusak dan diganti dengan %s; berkas yang rusak disimpan di sampingnya (.rusak-…).\n", e.path, info.Path)
			return nil
		}, nil
	}
}

func parseHouseholdsList(fs *flag.FlagSet) func([]string) (action, error) {
	return func(pos []string) (action, error) {
		if err := noArgs("households list", pos); err != nil {
			return nil, err
		}
		return func(ctx context.Context, e *env) error {
			snaps, err := e.svc.Households.Snapshots(ctx)
			if err != nil {
				return err
			}
			return writeCSV(e.out, []string{"period", "file", "imported_at", "households", "findings"}, func(w *csv.Writer) {
				for _, s := range snaps {
					w.Write([]string{s.Period, s.File, s.ImportedAt.Format(time.RFC3339), strconv.Itoa(s.Households), strconv.Itoa(s.Findings)})
				}
			})
		}, nil
	}
}

func parseHouseholdsDelete(fs *flag.FlagSet) func([]string) (action, error) {
	yes := fs.Bool("yes", false, "")
	return func(pos []string) (action, error) {
		if len(pos) != 1 {
			return nil, usagef("households delete memerlukan tepat satu periode (TTTT-BB)")
		}
		return func(ctx context.Context, e *env) error {
			snaps, err := e.svc.Households.Snapshots(ctx)
			if err != nil {
				return err
			}
			var found *household.Snapshot
			for i := range snaps {
				if snaps[i].Period == pos[0] {
					found = &snaps[i]
				}
			}
			if found == nil {
				return usagef("tidak ada daftar rumah tangga periode %s", pos[0])
			}
			if !*yes {
				fmt.Fprintf(e.out, "Daftar periode %s (%s, %d rumah tangga, %d temuan) akan dihapus bersama indikator desanya periode itu. Belum ada yang diubah; ulangi dengan --yes.\n",
					found.Period, found.File, found.Households, found.Findings)
				return nil
			}
			if err := e.svc.DeleteHouseholds(ctx, pos[0]); err != nil {
				return err
			}
			if e.db == nil {
				fmt.Fprintf(e.out, "Daftar rumah tangga periode %s dihapus dari %s.\n", pos[0], e.path)
				return nil
			}
			fmt.Fprintf(e.out, "Daftar rumah tangga periode %s dihapus (cadangan di %s).\n", pos[0], store.BackupDir(e.path))
			return nil
		}, nil
	}
}

// errNotServer is what the server commands say on a SQLite file.
var errNotServer = usagef("perintah ini untuk basis data server: --db postgres://PENGGUNA@SERVER/BASISDATA")

func parseServerInit(fs *flag.FlagSet) func([]string) (action, error) {
	return func(pos []string) (action, error) {
		if err := noArgs("server init", pos); err != nil {
			return nil, err
		}
		return func(ctx context.Context, e *env) error {
			if e.server == nil {
				return errNotServer
			}
			if err := e.server.InitServer(ctx); err != nil {
				return err
			}
			fmt.Fprintf(e.out, "Server %s siap: peran %s dibuat dengan haknya.\n", e.path, strings.Join(pgstore.RoleNames, ", "))
			return nil
		}, nil
	}
}

func parseServerUserAdd(fs *flag.FlagSet) func([]string) (action, error) {
	role := fs.String("role", "", "")
	return func(pos []string) (action, error) {
		if len(pos) != 1 {
			return nil, usagef("server user add memerlukan tepat satu nama pengguna")
		}
		if _, ok := pgstore.Roles[*role]; !ok {
			return nil, usagef("--role %q: pilih salah satu dari %s", *role, strings.Join(pgstore.RoleNames, ", "))
		}
		return func(ctx context.Context, e *env) error {
			if e.server == nil {
				return errNotServer
			}
			if err := e.server.AddUser(ctx, pos[0], *role); err != nil {
				return err
			}
			fmt.Fprintf(e.out, "Pengguna %s ditambahkan dengan peran %s. Atur kata sandinya di psql: \\password %s\n", pos[0], *role, pos[0])
			return nil
		}, nil
	}
}

var parsePublishPockets = withSettings("publish pockets", func(ctx context.Context, e *env, s app.Settings) error {
	if e.server == nil {
		return errNotServer
	}
	r, err := e.svc.Analyse(ctx, s)
	if err != nil {
		return err
	}
	if r.NoPockets != "" {
		return app.Problems{{Field: "indicator", Message: r.NoPockets}}
	}
	rows := make([]pgstore.PocketRow, len(r.Villages))
	n := 0
	for i, a := range r.Villages {
		rows[i] = pgstore.PocketRow{Code: a.Code, Indicator: r.Indicator.Key, Period: r.Period, Value: r.Values[i],
			Cluster: r.Pockets.Cluster[i].String(), PValue: r.Pockets.PValue[i], Pocket: r.Pockets.Pocket[i]}
		if r.Pockets.Pocket[i] {
			n++
		}
	}
	if err := e.server.PublishPockets(ctx, r.Method, rows); err != nil {
		return err
	}
	fmt.Fprintf(e.out, "%d desa kantong kemiskinan (%s, periode %s) diterbitkan ke %s; di QGIS: lapisan v_pockets.\n", n, r.Indicator.Label, r.Period, e.path)
	return nil
})

// copyStore is a store db copy reads or fills.
type copyStore interface {
	dbcopy.Dumper
	dbcopy.Loader
}

// openCopyStore opens a file or a server for db copy; closing it is
// returned.
func openCopyStore(ctx context.Context, path string, mustExist bool) (copyStore, func(), error) {
	if isServer(path) {
		db, err := pgstore.Open(ctx, path)
		if err != nil {
			return nil, nil, err
		}
		return db, db.Close, nil
	}
	if mustExist {
		if _, err := os.Stat(path); err != nil {
			return nil, nil, fmt.Errorf("basis data sumber %s tidak ada: %w", path, err)
		}
	}
	db, err := store.Open(path)
	if err != nil {
		return nil, nil, err
	}
	return db, func() { db.Close() }, nil
}

func parseDbCopy(fs *flag.FlagSet) func([]string) (action, error) {
	from := fs.String("from", "", "")
	to := fs.String("to", "", "")
	return func(pos []string) (action, error) {
		if err := noArgs("db copy", pos); err != nil {
			return nil, err
		}
		if *from == "" || *to == "" || *from == *to {
			return nil, usagef("db copy memerlukan --from dan --to yang berbeda (berkas .db atau postgres://…)")
		}
		return func(ctx context.Context, e *env) error {
			src, closeSrc, err := openCopyStore(ctx, *from, true)
			if err != nil {
				return err
			}
			defer closeSrc()
			dst, closeDst, err := openCopyStore(ctx, *to, false)
			if err != nil {
				return err
			}
			defer closeDst()
			rep, err := dbcopy.Copy(ctx, src, dst, dst)
			if rep != nil {
				fmt.Fprint(e.out, rep)
			}
			if err != nil {
				return err
			}
			name := func(p string) string {
				if isServer(p) {
					return pgstore.Describe(p)
				}
				return p
			}
			fmt.Fprintf(e.out, "Disalin dari %s ke %s; semua tabel sama (jumlah baris dan checksum).\n", name(*from), name(*to))
			return nil
		}, nil
	}
}
