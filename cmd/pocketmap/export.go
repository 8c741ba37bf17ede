package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/assets"
	"github.com/dinsos-tuban/pocketmap/classify"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/household"
	"github.com/dinsos-tuban/pocketmap/idfmt"
	"github.com/dinsos-tuban/pocketmap/render"
	"github.com/dinsos-tuban/pocketmap/report"
	"github.com/dinsos-tuban/pocketmap/spatial"
	"github.com/dinsos-tuban/pocketmap/store"
)

// poorKeys and dtksKey name the indicators coverage is measured against
// (as in the window).
var poorKeys = []string{"rt_desil1", "rt_desil2"}

// exportData is a dataset and what its map needs.
type exportData struct {
	ds      *report.Dataset
	ind     *indicatorData
	pockets *spatial.PocketResult
	legend  render.Legend
}

// buildDataset assembles the summary of one indicator: roll-up, pockets,
// interventions and validation counts. Aggregates only.
func buildDataset(ctx context.Context, db *store.DB, key string, wopt spatial.ContiguityOptions, popt spatial.PocketOptions, suppress int) (*exportData, error) {
	d, res, method, err := analyse(ctx, db, key, wopt, popt)
	if err != nil {
		return nil, err
	}
	ind := d.ind
	var numv, denv map[string]float64
	if ind.Derived() {
		if numv, err = db.Values(ctx, ind.Numerator, ""); err != nil {
			return nil, err
		}
		if denv, err = db.Values(ctx, ind.Denominator, ""); err != nil {
			return nil, err
		}
	}
	rows := spatial.Rollup(d.villages, d.kecamatan, ind, d.byCode, numv, denv, res.Pocket)
	ivs, err := db.Interventions(ctx, store.InterventionFilter{})
	if err != nil {
		return nil, err
	}
	poor := make([]float64, len(d.villages))
	for _, k := range poorKeys {
		vals, err := db.Values(ctx, k, "")
		if err != nil {
			for i := range poor {
				poor[i] = math.NaN()
			}
			break
		}
		for i, v := range render.ValuesOf(d.villages, vals) {
			poor[i] += v
		}
	}
	today := aid.Day(time.Now())
	reach := aid.Coverage(ivs, d.villages, poor, today)
	sums := aid.SummarizeKecamatan(ivs, d.villages, d.kecamatan, reach, today)
	legend, err := render.ClassLegend(ind, d.values, classify.MethodQuantile, 5, nil)
	if err != nil {
		return nil, err
	}
	periods, _ := db.Periods(ctx, ind.Key)
	period := ind.Period
	if len(periods) > 0 {
		period = periods[len(periods)-1]
	}
	region := "Kabupaten Tuban"
	if len(d.kecamatan) > 0 {
		if areas, err := db.Areas(ctx); err == nil {
			for _, a := range areas {
				if a.Level == geo.LevelKabupaten && strings.HasPrefix(d.kecamatan[0].Code, a.Code) {
					region = a.Name
				}
			}
		}
	}
	ds := &report.Dataset{
		Title:         "Ringkasan Kantong Kemiskinan " + region,
		Region:        region,
		Made:          time.Now(),
		Indicator:     ind,
		Period:        period,
		Sources:       []string{ind.Source, assets.BoundarySource},
		Synthetic:     ind.Synthetic,
		Method:        method,
		Classes:       legend.Note,
		Moran:         fmt.Sprintf("Moran global I = %s (p semu = %s) atas %d desa", idfmt.Number(res.Global.I, 3), idfmt.Number(res.Global.PSim, 3), res.Valid),
		SuppressBelow: suppress,
		Interventions: ivs,
	}
	kecName := map[string]string{}
	for i, r := range rows {
		kecName[r.Code] = r.Name
		ds.Kecamatan = append(ds.Kecamatan, report.KecamatanRow{Code: r.Code, Name: r.Name, Desa: r.Desa, Value: r.Value,
			Numerator: r.Numerator, Denominator: r.Denominator, PocketDesa: r.Pockets,
			Intervention: sums[i].Interventions, Budget: sums[i].Budget, Households: sums[i].Households})
	}
	for i, a := range d.villages {
		class := 0
		if c := legend.Breaks.Class(d.values[i]); c >= 0 {
			class = c + 1
		}
		ds.Desa = append(ds.Desa, report.DesaRow{Code: a.Code, Name: a.Name, Kecamatan: kecName[a.Parent], Level: a.Level.String(),
			Value: d.values[i], Class: class, Cluster: res.Cluster[i].String(), PValue: res.PValue[i], GiZ: res.GiZ[i],
			Pocket: res.Pocket[i], Interventions: reach[i].Interventions, Budget: reach[i].Budget, Households: reach[i].Households, Geom: a})
	}
	if v, err := validationRows(ctx, db, d); err == nil {
		ds.Validation = v
	}
	return &exportData{ds: ds, ind: d, pockets: res, legend: legend}, nil
}

// validationRows counts the household-list findings of the latest list per
// rule and kecamatan: counts only, never a NIK.
func validationRows(ctx context.Context, db *store.DB, d *indicatorData) ([]report.ValidationRow, error) {
	counts, err := db.FindingCounts(ctx, "")
	if err != nil || len(counts) == 0 {
		return nil, err
	}
	kecOf := map[string]string{}
	for _, v := range d.villages {
		kecOf[v.Code] = v.Parent
	}
	kecName := map[string]string{}
	for _, k := range d.kecamatan {
		kecName[k.Code] = k.Name
	}
	type key struct{ rule, kec string }
	sum := map[key]int{}
	sev := map[string]string{}
	for _, c := range counts {
		k := key{c.Rule, kecName[kecOf[c.Desa]]}
		sum[k] += c.Count
		sev[c.Rule] = c.Severity.String()
	}
	var rows []report.ValidationRow
	for k, n := range sum {
		desc := ""
		if r, ok := household.RuleByCode(k.rule); ok {
			desc = r.Description
		}
		rows = append(rows, report.ValidationRow{Rule: k.rule, Description: desc, Severity: sev[k.rule], Kecamatan: k.kec, Count: n})
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].Rule != rows[j].Rule {
			return rows[i].Rule < rows[j].Rule
		}
		return rows[i].Kecamatan < rows[j].Kecamatan
	})
	return rows, nil
}

func cmdExport(ctx context.Context, db *store.DB, args []string, out io.Writer) error {
	if len(args) == 0 {
		return usageError{"export memerlukan summary, map atau geojson"}
	}
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	pf := addPocketFlags(fs)
	level := fs.String("level", "kecamatan", "")
	format := fs.String("format", "xlsx", "")
	outPath := fs.String("out", "", "")
	suppress := fs.Int("suppress", 5, "")
	atlas := fs.Bool("atlas", false, "")
	view := fs.String("view", "", "")
	size := fs.String("size", "1920x1080", "")
	pos, err := parseArgs(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{fmt.Sprintf("argumen %q tidak dikenal", pos[0])}
	}
	if *outPath == "" {
		return usageError{"export memerlukan --out BERKAS"}
	}
	if *suppress < 0 {
		return usageError{"--suppress tidak boleh negatif (0 mematikan penyembunyian)"}
	}
	if *level != "kecamatan" && *level != "desa" {
		return usageError{fmt.Sprintf("--level %q: pilih kecamatan atau desa", *level)}
	}
	wopt, err := pf.weightFlags.options()
	if err != nil {
		return err
	}
	popt, err := pf.options()
	if err != nil {
		return err
	}
	x, err := buildDataset(ctx, db, *pf.key, wopt, popt, *suppress)
	if err != nil {
		return err
	}
	if *level == "kecamatan" {
		// The kecamatan summary leads; desa detail stays for the pocket
		// list and the desa sheet.
		sort.SliceStable(x.ds.Kecamatan, func(i, j int) bool { return x.ds.Kecamatan[i].Code < x.ds.Kecamatan[j].Code })
	}
	req := exportRequest{kind: args[0], format: *format, path: *outPath, view: *view, atlas: *atlas}
	switch req.kind {
	case "summary":
		switch req.format {
		case "xlsx", "csv", "pdf":
		default:
			return usageError{fmt.Sprintf("--format %q: pilih xlsx, csv atau pdf", req.format)}
		}
	case "map":
		if _, err := fmt.Sscanf(*size, "%dx%d", &req.width, &req.height); err != nil || req.width < 320 || req.height < 240 || req.width > 8000 || req.height > 8000 {
			return usageError{fmt.Sprintf("--size %q tidak sah; tulis LEBARxTINGGI, mis. 3508x2480 (A4 300 dpi)", *size)}
		}
	case "geojson":
	default:
		return usageError{fmt.Sprintf("export %q tidak dikenal (summary, map, geojson)", req.kind)}
	}
	n, err := writeExport(x, req)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s: %s bita ditulis\n", req.path, idfmt.Number(float64(n), 0))
	return nil
}

// exportRequest says what to export where.
type exportRequest struct {
	kind, format, path, view string
	width, height            int
	atlas                    bool
}

// writeExport writes one export of x and returns its size in bytes (0 for
// a folder of CSV files).
func writeExport(x *exportData, req exportRequest) (int, error) {
	write := func(fn func(w io.Writer) error) (int, error) {
		var buf bytes.Buffer
		if err := fn(&buf); err != nil {
			return 0, err
		}
		if err := os.WriteFile(req.path, buf.Bytes(), 0o644); err != nil {
			return 0, fmt.Errorf("menulis %s: %w", req.path, err)
		}
		return buf.Len(), nil
	}
	switch req.kind {
	case "summary":
		switch req.format {
		case "xlsx":
			return write(func(w io.Writer) error { return report.WriteXLSX(w, x.ds) })
		case "csv":
			if strings.HasSuffix(strings.ToLower(req.path), ".zip") {
				return write(func(w io.Writer) error { return report.WriteCSVZip(w, x.ds) })
			}
			return 0, report.WriteCSVDir(req.path, x.ds)
		case "pdf":
			return write(func(w io.Writer) error { return writePDF(w, x, req.atlas) })
		}
	case "map":
		img, err := exportMap(x, req.view, req.width, req.height)
		if err != nil {
			return 0, err
		}
		return write(func(wr io.Writer) error { return png.Encode(wr, img) })
	case "geojson":
		return write(func(w io.Writer) error { return report.WriteGeoJSON(w, x.ds) })
	}
	return 0, fmt.Errorf("ekspor %s/%s tidak dikenal", req.kind, req.format)
}

// exportView returns the scene, style and legend of a map view: the shaded
// values (""), the LISA clusters with pockets ("pockets"), intervention
// coverage ("coverage") or the gap between pockets and interventions
// ("gap").
func exportView(x *exportData, view string) (*render.Scene, render.Style, render.Legend, string, error) {
	d := x.ind
	scene := render.NewScene(d.villages, d.kecamatan)
	st := render.DefaultStyle()
	legend := x.legend
	subtitle := fmt.Sprintf("%s, periode %s", d.ind.Label, x.ds.Period)
	switch view {
	case "", "values":
		st.Marked = x.pockets.Pocket
	case "pockets":
		names := make([]string, len(classify.LISAOrder))
		colors := make([]color.RGBA, len(classify.LISAOrder))
		idx := map[string]int{}
		for k, key := range classify.LISAOrder {
			names[k], colors[k], idx[key] = classify.LISALabels[key], classify.LISAColors[key], k
		}
		cats := make([]int, len(d.villages))
		for i := range cats {
			cats[i] = -1
			if !math.IsNaN(d.values[i]) {
				cats[i] = idx[x.pockets.Cluster[i].String()]
			}
		}
		legend = render.CategoryLegend(d.ind, d.values, cats, names, colors, x.ds.Method)
		subtitle = "Kantong kemiskinan (klaster LISA): " + subtitle
	case "coverage":
		vals := make([]float64, len(x.ds.Desa))
		for i, r := range x.ds.Desa {
			vals[i] = float64(r.Interventions)
		}
		ind := geo.Indicator{Key: "cakupan", Label: "Jumlah intervensi", Unit: "intervensi"}
		var err error
		if legend, err = render.ClassLegend(ind, vals, classify.MethodQuantile, 5, nil); err != nil {
			return nil, st, legend, "", err
		}
		st.Marked = x.pockets.Pocket
		subtitle = "Cakupan intervensi; garis biru: desa kantong kemiskinan"
	case "gap":
		names := []string{"Kantong tanpa intervensi aktif", "Kantong dengan intervensi aktif", "Bukan kantong"}
		colors := []color.RGBA{{0xd7, 0x19, 0x1c, 0xff}, {0xfd, 0xae, 0x61, 0xff}, {0xf0, 0xf0, 0xf0, 0xff}}
		reach := aid.Coverage(x.ds.Interventions, d.villages, nil, aid.Day(time.Now()))
		cats := make([]int, len(d.villages))
		for i := range cats {
			switch {
			case math.IsNaN(d.values[i]):
				cats[i] = -1
			case !x.pockets.Pocket[i]:
				cats[i] = 2
			case reach[i].Active == 0:
				cats[i] = 0
			default:
				cats[i] = 1
			}
		}
		legend = render.CategoryLegend(d.ind, d.values, cats, names, colors, "Celah: desa kantong tanpa intervensi yang berjalan atau direncanakan hari ini.")
		subtitle = "Celah intervensi: " + subtitle
	default:
		return nil, st, legend, "", usageError{fmt.Sprintf("--view %q: pilih pockets, coverage atau gap (atau kosong untuk nilai)", view)}
	}
	st.Fills = legend.Fills
	return scene, st, legend, subtitle, nil
}

func mapOptions(x *exportData, scene *render.Scene, st render.Style, legend render.Legend, subtitle string, w, h int) report.MapOptions {
	return report.MapOptions{Scene: scene, Style: st, Legend: legend, Width: w, Height: h,
		Title: x.ds.Title, Subtitle: subtitle, Source: "Sumber: " + strings.Join(x.ds.Sources, " · "),
		Made: x.ds.Made, Synthetic: x.ds.Synthetic}
}

// exportMap draws the print map of a view.
func exportMap(x *exportData, view string, w, h int) (image.Image, error) {
	scene, st, legend, subtitle, err := exportView(x, view)
	if err != nil {
		return nil, err
	}
	return report.MapImage(mapOptions(x, scene, st, legend, subtitle, w, h)), nil
}

func pngBytes(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	err := png.Encode(&buf, img)
	return buf.Bytes(), err
}

// writePDF writes the report with the shaded map and, with atlas, one page
// per kecamatan.
func writePDF(w io.Writer, x *exportData, atlas bool) error {
	img, err := exportMap(x, "", 2400, 1600)
	if err != nil {
		return err
	}
	mapPNG, err := pngBytes(img)
	if err != nil {
		return err
	}
	var pages []report.AtlasPage
	if atlas {
		d := x.ind
		for k, kr := range x.ds.Kecamatan {
			var villages []*geo.Area
			var idx []int
			for i, v := range d.villages {
				if v.Parent == kr.Code {
					villages = append(villages, v)
					idx = append(idx, i)
				}
			}
			if len(villages) == 0 {
				continue
			}
			scene := render.NewScene(villages, []*geo.Area{d.kecamatan[k]})
			st := render.DefaultStyle()
			st.Fills = make([]color.RGBA, len(idx))
			st.Marked = make([]bool, len(idx))
			var rows []report.DesaRow
			for j, i := range idx {
				st.Fills[j] = x.legend.Fills[i]
				st.Marked[j] = x.pockets.Pocket[i]
				rows = append(rows, x.ds.Desa[i])
			}
			page := report.MapImage(mapOptions(x, scene, st, x.legend, "Kecamatan "+kr.Name, 1400, 1000))
			b, err := pngBytes(page)
			if err != nil {
				return err
			}
			pages = append(pages, report.AtlasPage{Kecamatan: kr, MapPNG: b, Desa: rows})
		}
	}
	return report.WritePDF(w, x.ds, mapPNG, pages)
}
