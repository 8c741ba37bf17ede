package report

import (
	"bytes"
	"cmp"
	"fmt"
	"image"
	_ "image/png" // DecodeConfig of the map images
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/idfmt"
	"github.com/dinsos-tuban/pocketmap/render"
)

// AtlasPage is one kecamatan of the atlas that WritePDF appends: the
// kecamatan's roll-up, a PNG map of it (from MapImage, may be nil) and its
// desa.
type AtlasPage struct {
	Kecamatan KecamatanRow
	MapPNG    []byte
	Desa      []DesaRow
}

// Page geometry of the PDF, in millimetres.
const (
	pdfMargin    = 15.0 // left and right
	pdfTop       = 20.0 // below the running header
	pdfBottom    = 18.0 // above the footer
	pdfFont      = "go" // the Go fonts, embedded as UTF-8 TrueType
	pdfTitleLine = "Ringkasan Kantong Kemiskinan"
)

// Colours of the PDF, as RGB.
var (
	pdfInk    = [3]int{0x1a, 0x1a, 0x1a}
	pdfGrey   = [3]int{0x55, 0x55, 0x55}
	pdfRed    = [3]int{0xb0, 0x00, 0x20}
	pdfHead   = [3]int{0xe4, 0xe9, 0xee}
	pdfStripe = [3]int{0xf6, 0xf7, 0xf8}
	pdfPocket = [3]int{0xfd, 0xe0, 0xdd}
	pdfAccent = [3]int{0x08, 0x1d, 0x58}
)

// pdfDoc is a PDF being written.
type pdfDoc struct {
	f      *fpdf.Fpdf
	d      *Dataset
	images int
}

// WritePDF writes the summary of d as an A4 PDF: a cover page (title,
// region, date made, data period, indicator, sources, the method and, when
// d.Synthetic, the synthetic-data warning); a page with mapPNG (a PNG from
// MapImage, fitted to a landscape page when it is wider than tall; left
// out when mapPNG is empty); the kecamatan table; the pocket desa; a
// summary of the interventions by priority and by programme; and, when
// atlas is not nil, one page per kecamatan with its map, its desa (pockets
// shaded) and the interventions that reach it. Each section starts on a
// new page; a table longer than a page continues on the next with its
// header repeated. Every page has "Halaman n dari N" in its footer and,
// when d.Synthetic, "DATA CONTOH SINTETIS — bukan data resmi" in red.
//
// The text is set in the Go fonts (BSD licence), embedded as UTF-8
// TrueType, so any Indonesian text (with "–", "≥", "é", "²") prints as
// written. Numbers, money and dates are written Indonesian style
// (1.250.000; Rp 1.250.000; 12,5 %; 20 Oktober 2025), and small counts
// are withheld as in the other tables (see Suppress).
func WritePDF(w io.Writer, d *Dataset, mapPNG []byte, atlas []AtlasPage) error {
	return writePDF(w, d, mapPNG, atlas, true)
}

func writePDF(w io.Writer, d *Dataset, mapPNG []byte, atlas []AtlasPage, compress bool) error {
	if d == nil {
		return fmt.Errorf("laporan PDF: tidak ada data")
	}
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCompression(compress)
	f.AliasNbPages("{nb}") // before the fonts, so their subsets keep the digits
	f.AddUTF8FontFromBytes(pdfFont, "", goregular.TTF)
	f.AddUTF8FontFromBytes(pdfFont, "B", gobold.TTF)
	f.AddUTF8FontFromBytes(pdfFont, "I", goitalic.TTF)
	f.SetMargins(pdfMargin, pdfTop, pdfMargin)
	f.SetAutoPageBreak(true, pdfBottom)
	f.SetCatalogSort(true)
	title := pdfOr(d.Title, pdfTitleLine)
	f.SetTitle(strings.TrimSpace(title+" "+d.Region), true)
	f.SetSubject(d.Indicator.Label, true)
	f.SetCreator("pocketmap", true)
	f.SetLang("id-ID")
	if !d.Made.IsZero() {
		f.SetCreationDate(d.Made)
		f.SetModificationDate(d.Made)
	}
	p := &pdfDoc{f: f, d: d}
	f.SetHeaderFunc(p.header)
	f.SetFooterFunc(p.footer)

	p.cover()
	if len(mapPNG) > 0 {
		p.mapPage(mapPNG)
	}
	p.kecamatanPage()
	p.pocketPage()
	p.interventionPage()
	for i := range atlas {
		p.atlasPage(&atlas[i], i == 0)
	}
	if err := f.Error(); err != nil {
		return fmt.Errorf("laporan PDF: %w", err)
	}
	return f.Output(w)
}

// pdfOr is s, or def when s is blank.
func pdfOr(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

func (p *pdfDoc) font(style string, size float64, c [3]int) {
	p.f.SetFont(pdfFont, style, size)
	p.f.SetTextColor(c[0], c[1], c[2])
}

func (p *pdfDoc) pageW() float64 { w, _ := p.f.GetPageSize(); return w }
func (p *pdfDoc) pageH() float64 { _, h := p.f.GetPageSize(); return h }
func (p *pdfDoc) textW() float64 { return p.pageW() - 2*pdfMargin }

// bottom is the lowest y that content may reach on the page.
func (p *pdfDoc) bottom() float64 { return p.pageH() - pdfBottom }

func (p *pdfDoc) period() string {
	return pdfOr(p.d.Period, p.d.Indicator.Period)
}

// header runs along the top of every page but the cover: the title and
// region on the left, the period on the right, and a rule.
func (p *pdfDoc) header() {
	if p.f.PageNo() == 1 {
		return
	}
	f := p.f
	p.font("", 8, pdfGrey)
	f.SetXY(pdfMargin, 8)
	f.CellFormat(p.textW()*0.7, 5, strings.TrimSpace(pdfOr(p.d.Title, pdfTitleLine)+" · "+p.d.Region), "", 0, "L", false, 0, "")
	if per := p.period(); per != "" {
		f.SetXY(pdfMargin+p.textW()*0.7, 8)
		f.CellFormat(p.textW()*0.3, 5, "Periode data "+per, "", 0, "R", false, 0, "")
	}
	f.SetDrawColor(0xaa, 0xaa, 0xaa)
	f.SetLineWidth(0.2)
	f.Line(pdfMargin, 13.5, p.pageW()-pdfMargin, 13.5)
	f.SetXY(pdfMargin, pdfTop)
}

// footer: the date made on the left, the synthetic-data flag in the
// middle, "Halaman n dari N" on the right.
func (p *pdfDoc) footer() {
	f := p.f
	y := p.pageH() - 12
	f.SetDrawColor(0xaa, 0xaa, 0xaa)
	f.SetLineWidth(0.2)
	f.Line(pdfMargin, y-1.5, p.pageW()-pdfMargin, y-1.5)
	w := p.textW()
	if !p.d.Made.IsZero() {
		p.font("", 8, pdfGrey)
		f.SetXY(pdfMargin, y)
		f.CellFormat(w/3, 5, "Dibuat "+idfmt.Date(p.d.Made), "", 0, "L", false, 0, "")
	}
	if p.d.Synthetic {
		p.font("B", 8, pdfRed)
		f.SetXY(pdfMargin, y)
		f.CellFormat(w, 5, SyntheticWarning, "", 0, "C", false, 0, "")
	}
	p.font("", 8, pdfGrey)
	f.SetXY(pdfMargin+w*2/3, y)
	f.CellFormat(w/3, 5, fmt.Sprintf("Halaman %d dari {nb}", f.PageNo()), "", 0, "R", false, 0, "")
}

// heading starts a section: a bold title with a bookmark at level, and an
// optional grey line under it.
func (p *pdfDoc) heading(title, sub string, level int) {
	f := p.f
	f.Bookmark(title, level, -1)
	p.font("B", 15, pdfAccent)
	f.SetX(pdfMargin)
	f.MultiCell(p.textW(), 7, title, "", "L", false)
	if sub != "" {
		p.font("", 9, pdfGrey)
		f.SetX(pdfMargin)
		f.MultiCell(p.textW(), 4.6, sub, "", "L", false)
	}
	f.Ln(3)
}

// para writes a paragraph of body text.
func (p *pdfDoc) para(s string, size float64, style string, c [3]int) {
	p.font(style, size, c)
	p.f.SetX(pdfMargin)
	p.f.MultiCell(p.textW(), size*0.5, s, "", "L", false)
}

// value writes an indicator value with its unit; a small count of people
// is withheld as "<N" and no data is "–".
func (p *pdfDoc) value(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	if below := p.d.SuppressBelow; IsCount(p.d.Indicator) && below > 0 && v > 0 && v < float64(below) {
		return "<" + strconv.Itoa(below)
	}
	return render.FormatValue(p.d.Indicator, v)
}

// count writes a count of households or persons, withheld when small.
func (p *pdfDoc) count(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	if below := p.d.SuppressBelow; below > 0 && v > 0 && v < float64(below) {
		return "<" + strconv.Itoa(below)
	}
	return idfmt.Number(math.Round(v), 0)
}

// pdfRupiah writes an amount as "Rp 1.250.000".
func pdfRupiah(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return idfmt.Rupiah(int64(math.Round(v)))
}

// pdfP writes a p-value: "0,003", "< 0,001", "–" when unknown.
func pdfP(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "–"
	case v < 0.001:
		return "< 0,001"
	}
	return idfmt.Number(v, 3)
}

// cluster is the Indonesian label of a LISA cluster key.
func (p *pdfDoc) cluster(c string) string {
	if c == "" {
		return "–"
	}
	return p.d.ClusterLabel(c)
}

func (p *pdfDoc) cover() {
	f, d := p.f, p.d
	f.AddPage()
	f.Bookmark("Sampul", 0, -1)
	f.SetY(38)
	p.font("B", 24, pdfAccent)
	f.SetX(pdfMargin)
	f.MultiCell(p.textW(), 10, pdfOr(d.Title, pdfTitleLine), "", "L", false)
	if d.Region != "" {
		f.Ln(1)
		p.font("", 17, pdfInk)
		f.SetX(pdfMargin)
		f.MultiCell(p.textW(), 8, d.Region, "", "L", false)
	}
	f.Ln(3)
	f.SetFillColor(pdfAccent[0], pdfAccent[1], pdfAccent[2])
	f.Rect(pdfMargin, f.GetY(), 40, 1.2, "F")
	f.Ln(8)

	if d.Synthetic {
		y := f.GetY()
		f.SetFillColor(pdfRed[0], pdfRed[1], pdfRed[2])
		f.Rect(pdfMargin, y, p.textW(), 17, "F")
		p.font("B", 13, [3]int{0xff, 0xff, 0xff})
		f.SetXY(pdfMargin+4, y+2.5)
		f.CellFormat(p.textW()-8, 6, SyntheticWarning, "", 2, "L", false, 0, "")
		p.font("", 9, [3]int{0xff, 0xff, 0xff})
		f.SetX(pdfMargin + 4)
		f.CellFormat(p.textW()-8, 5, "Angka dalam laporan ini dibangkitkan untuk contoh dan pelatihan; jangan dikutip sebagai data resmi.", "", 2, "L", false, 0, "")
		f.SetY(y + 23)
	}

	ind := d.Indicator
	indText := ind.Label
	if ind.Unit != "" {
		indText += " (" + ind.Unit + ")"
	}
	pockets := 0
	for _, r := range d.Desa {
		if r.Pocket {
			pockets++
		}
	}
	made := "–"
	if !d.Made.IsZero() {
		made = idfmt.Date(d.Made)
	}
	rows := [][2]string{
		{"Dibuat", made},
		{"Periode data", pdfOr(p.period(), "–")},
		{"Indikator", pdfOr(indText, "–")},
		{"Klasifikasi", pdfOr(d.Classes, "–")},
		{"Cakupan", fmt.Sprintf("%s kecamatan, %s desa/kelurahan, %s desa kantong, %s intervensi",
			idfmt.Number(float64(len(d.Kecamatan)), 0), idfmt.Number(float64(len(d.Desa)), 0),
			idfmt.Number(float64(pockets), 0), idfmt.Number(float64(len(d.Interventions)), 0))},
	}
	if d.Moran != "" {
		rows = append(rows, [2]string{"Moran global", d.Moran})
	}
	sources := d.Sources
	if len(sources) == 0 && ind.Source != "" {
		sources = []string{ind.Source}
	}
	for i, s := range sources {
		k := ""
		if i == 0 {
			k = "Sumber data"
		}
		rows = append(rows, [2]string{k, s})
	}
	const keyW = 38
	for _, r := range rows {
		p.font("B", 10, pdfInk)
		f.SetX(pdfMargin)
		y := f.GetY()
		f.CellFormat(keyW, 5.6, r[0], "", 0, "L", false, 0, "")
		p.font("", 10, pdfInk)
		f.SetXY(pdfMargin+keyW, y)
		f.MultiCell(p.textW()-keyW, 5.6, r[1], "", "L", false)
		f.Ln(0.8)
	}
	if d.Method != "" {
		f.Ln(5)
		p.font("B", 11, pdfAccent)
		f.SetX(pdfMargin)
		f.CellFormat(p.textW(), 6, "Metode", "", 2, "L", false, 0, "")
		f.Ln(0.5)
		p.para(d.Method, 10, "", pdfInk)
	}
	f.Ln(5)
	p.font("B", 11, pdfAccent)
	f.SetX(pdfMargin)
	f.CellFormat(p.textW(), 6, "Kerahasiaan", "", 2, "L", false, 0, "")
	f.Ln(0.5)
	conf := "Laporan ini hanya memuat angka agregat per wilayah; tidak memuat NIK, nomor KK atau nama orang."
	if d.SuppressBelow > 0 {
		conf += " " + SuppressionText(d.SuppressBelow)
	}
	p.para(conf, 9, "", pdfGrey)
}

// mapPage puts the map image on a page of its own, landscape when the
// image is wider than tall, fitted inside the margins.
func (p *pdfDoc) mapPage(png []byte) {
	f := p.f
	cfg, _, err := image.DecodeConfig(bytes.NewReader(png))
	if err != nil || cfg.Width == 0 || cfg.Height == 0 {
		f.SetError(fmt.Errorf("gambar peta tidak terbaca: %v", err))
		return
	}
	if cfg.Width > cfg.Height {
		f.AddPageFormat("L", f.GetPageSizeStr("A4"))
	} else {
		f.AddPage()
	}
	p.heading("Peta "+pdfOr(p.d.Indicator.Label, "indikator"), "", 0)
	y := f.GetY()
	p.image(png, pdfMargin, y, p.textW(), p.bottom()-y, cfg)
}

// image draws a PNG fitted (keeping its proportions) and centred in the
// box, with a thin frame.
func (p *pdfDoc) image(png []byte, x, y, w, h float64, cfg image.Config) {
	f := p.f
	p.images++
	name := "peta-" + strconv.Itoa(p.images)
	f.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(png))
	s := math.Min(w/float64(cfg.Width), h/float64(cfg.Height))
	iw, ih := float64(cfg.Width)*s, float64(cfg.Height)*s
	ix, iy := x+(w-iw)/2, y
	f.ImageOptions(name, ix, iy, iw, ih, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	f.SetDrawColor(0xaa, 0xaa, 0xaa)
	f.SetLineWidth(0.2)
	f.Rect(ix, iy, iw, ih, "D")
	f.SetY(iy + ih)
}

// pdfCol is a column of a table.
type pdfCol struct {
	head  string
	align string // "L", "R" or "C"
	flex  bool   // takes the spare width, and is cut first when too wide
}

// pdfTable is a table to draw: its columns and text rows, and how to mark
// rows.
type pdfTable struct {
	cols   []pdfCol
	rows   [][]string
	size   float64                    // font size in points (8 when 0)
	rowH   float64                    // row height in mm (size·0,62 when 0)
	mark   func(i int) (bool, [3]int) // bold and fill of row i; zero fill for stripes
	strong int                        // rows from this index on are bold totals (0: none)
}

// widths sizes the columns to their contents at font size size.
func (p *pdfDoc) widths(t *pdfTable, size float64) []float64 {
	f := p.f
	ws := make([]float64, len(t.cols))
	for c, col := range t.cols {
		f.SetFont(pdfFont, "B", size)
		ws[c] = f.GetStringWidth(col.head)
		for i, r := range t.rows {
			style := ""
			if t.strong > 0 && i >= t.strong {
				style = "B"
			} else if t.mark != nil {
				if b, _ := t.mark(i); b {
					style = "B"
				}
			}
			f.SetFont(pdfFont, style, size)
			ws[c] = math.Max(ws[c], f.GetStringWidth(r[c]))
		}
		ws[c] += 2.4
	}
	return ws
}

// tableHeight is the height the table will take on the page.
func (p *pdfDoc) tableHeight(t *pdfTable) float64 {
	_, rowH := p.tableSize(t)
	return float64(len(t.rows)+1) * rowH
}

func (p *pdfDoc) tableSize(t *pdfTable) (float64, float64) {
	size := t.size
	if size <= 0 {
		size = 8
	}
	rowH := t.rowH
	if rowH <= 0 {
		rowH = size * 0.62
	}
	return size, rowH
}

// table draws t across the text width from the current position,
// continuing on new pages (with the header again) when it runs out of
// room. Columns get their natural width and the flexible ones the rest;
// a table too wide is set smaller, down to 6 pt, and then cut.
func (p *pdfDoc) table(t *pdfTable) {
	f := p.f
	size, rowH := p.tableSize(t)
	avail := p.textW()
	ws := p.widths(t, size)
	total := 0.0
	for _, w := range ws {
		total += w
	}
	if total > avail {
		size = math.Max(6, size*avail/total)
		ws = p.widths(t, size)
		total = 0
		for _, w := range ws {
			total += w
		}
	}
	flex := 0
	for _, c := range t.cols {
		if c.flex {
			flex++
		}
	}
	spare := avail - total
	for c, col := range t.cols {
		switch {
		case flex > 0 && col.flex:
			ws[c] += spare / float64(flex)
		case flex == 0:
			ws[c] += spare / float64(len(ws))
		}
		ws[c] = math.Max(ws[c], 4)
	}
	f.SetLineWidth(0.15)
	f.SetDrawColor(0xbb, 0xbb, 0xbb)
	head := func() {
		p.font("B", size, pdfInk)
		f.SetFillColor(pdfHead[0], pdfHead[1], pdfHead[2])
		f.SetX(pdfMargin)
		for c, col := range t.cols {
			al := col.align
			if al == "" {
				al = "L"
			}
			f.CellFormat(ws[c], rowH, p.cut(col.head, ws[c]), "B", 0, al, true, 0, "")
		}
		f.Ln(rowH)
	}
	head()
	for i, r := range t.rows {
		if f.GetY()+rowH > p.bottom() {
			f.AddPage()
			head()
		}
		bold, fill := false, [3]int{}
		if t.mark != nil {
			bold, fill = t.mark(i)
		}
		strong := t.strong > 0 && i >= t.strong
		if strong {
			bold = true
		}
		style := ""
		if bold {
			style = "B"
		}
		p.font(style, size, pdfInk)
		doFill := true
		switch {
		case fill != [3]int{}:
			f.SetFillColor(fill[0], fill[1], fill[2])
		case strong:
			f.SetFillColor(pdfHead[0], pdfHead[1], pdfHead[2])
		case i%2 == 1:
			f.SetFillColor(pdfStripe[0], pdfStripe[1], pdfStripe[2])
		default:
			doFill = false
		}
		border := ""
		if strong && i == t.strong {
			border = "T"
		}
		f.SetX(pdfMargin)
		for c, col := range t.cols {
			al := col.align
			if al == "" {
				al = "L"
			}
			f.CellFormat(ws[c], rowH, p.cut(r[c], ws[c]), border, 0, al, doFill, 0, "")
		}
		f.Ln(rowH)
	}
}

// cut shortens s with an ellipsis to fit a cell w wide in the current font.
func (p *pdfDoc) cut(s string, w float64) string {
	f := p.f
	if f.GetStringWidth(s) <= w-2 {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && f.GetStringWidth(string(r)+"…") > w-2 {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// kecamatanPage is the table of kecamatan with a total row.
func (p *pdfDoc) kecamatanPage() {
	f, d := p.f, p.d
	f.AddPage()
	p.heading("Ringkasan per Kecamatan", pdfOr(d.Indicator.Label, "")+pdfPrefix(" · periode ", p.period()), 0)
	t := &pdfTable{cols: []pdfCol{{head: "Kode"}, {head: "Kecamatan", flex: true}, {head: "Desa", align: "R"},
		{head: "Nilai", align: "R"}, {head: "Desa kantong", align: "R"}, {head: "Intervensi", align: "R"},
		{head: "Anggaran", align: "R"}}, size: 9}
	var sum KecamatanRow
	for _, k := range d.Kecamatan {
		t.rows = append(t.rows, []string{k.Code, k.Name, idfmt.Number(float64(k.Desa), 0), p.value(k.Value),
			idfmt.Number(float64(k.PocketDesa), 0), idfmt.Number(float64(k.Intervention), 0), pdfRupiah(k.Budget)})
		sum.Desa += k.Desa
		sum.PocketDesa += k.PocketDesa
		sum.Budget += k.Budget
		sum.Numerator += k.Numerator
		sum.Denominator += k.Denominator
		if !math.IsNaN(k.Value) {
			sum.Value += k.Value
		}
	}
	if len(d.Kecamatan) > 1 {
		// The total of a rate is recomputed from the summed counts, never
		// averaged; a count is summed. Interventions reaching several
		// kecamatan are counted once.
		total := math.NaN()
		switch ind := d.Indicator; {
		case ind.Derived() && sum.Denominator > 0:
			scale := ind.Scale
			if scale == 0 {
				scale = 1
			}
			total = sum.Numerator / sum.Denominator * scale
		case ind.Kind() == geo.KindCount:
			total = sum.Value
		}
		// A mean index or a category has no kabupaten total here.
		reached := 0
		for i := range d.Interventions {
			for _, k := range d.Kecamatan {
				if pdfReaches(&d.Interventions[i], k.Code) {
					reached++
					break
				}
			}
		}
		t.strong = len(t.rows)
		t.rows = append(t.rows, []string{"", "Jumlah", idfmt.Number(float64(sum.Desa), 0), p.value(total),
			idfmt.Number(float64(sum.PocketDesa), 0), idfmt.Number(float64(reached), 0), pdfRupiah(sum.Budget)})
	}
	if len(t.rows) == 0 {
		p.para("Belum ada data kecamatan.", 10, "I", pdfGrey)
		return
	}
	p.table(t)
	f.Ln(3)
	p.para("Nilai: "+pdfOr(d.Indicator.Label, "indikator")+". Intervensi: banyaknya intervensi yang menjangkau kecamatan; "+
		"anggaran: bagian anggaran yang dialokasikan ke desa-desanya.", 8, "I", pdfGrey)
}

// pdfPrefix is pre+s, or "" when s is blank.
func pdfPrefix(pre, s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return pre + s
}

func (p *pdfDoc) pocketPage() {
	f, d := p.f, p.d
	f.AddPage()
	list := pocketRows(d, d.Desa)
	p.heading("Desa Kantong Kemiskinan", fmt.Sprintf("%s desa kantong dari %s desa/kelurahan; urut dari yang paling signifikan",
		idfmt.Number(float64(len(list)), 0), idfmt.Number(float64(len(d.Desa)), 0)), 0)
	if d.Method != "" {
		p.para(d.Method, 8, "I", pdfGrey)
		f.Ln(2)
	}
	if len(list) == 0 {
		p.para("Tidak ada desa kantong menurut metode ini.", 10, "", pdfInk)
		return
	}
	t := &pdfTable{cols: []pdfCol{{head: "No.", align: "R"}, {head: "Desa", flex: true}, {head: "Kecamatan", flex: true},
		{head: "Nilai", align: "R"}, {head: "Klaster LISA"}, {head: "Nilai p", align: "R"}, {head: "Intervensi", align: "R"}}, size: 8.5}
	for i, r := range list {
		t.rows = append(t.rows, []string{strconv.Itoa(i + 1), r.Name, r.Kecamatan, p.value(r.Value),
			p.cluster(r.Cluster), pdfP(r.PValue), idfmt.Number(float64(r.Interventions), 0)})
	}
	p.table(t)
}

// pdfAidSum is the count, budget and target households of a group of
// interventions.
type pdfAidSum struct {
	name   string
	n      int
	budget int64
	hh     int
}

// pdfAidSums totals the interventions by priority (in the district's
// order, then "Tanpa prioritas" if any) and by programme (largest budget
// first), with the grand total.
func pdfAidSums(ivs []aid.Intervention) (byPriority, byProgramme []pdfAidSum, total pdfAidSum) {
	var pr [aid.PriorityBeban + 1]pdfAidSum
	prog := map[string]*pdfAidSum{}
	total.name = "Jumlah"
	for _, iv := range ivs {
		i := int(iv.Priority)
		if i < 0 || i >= len(pr) {
			i = 0
		}
		name := pdfOr(strings.TrimSpace(iv.Programme), "(tanpa nama program)")
		g := prog[name]
		if g == nil {
			g = &pdfAidSum{name: name}
			prog[name] = g
		}
		for _, s := range []*pdfAidSum{&pr[i], g, &total} {
			s.n++
			s.budget += iv.Budget
			s.hh += iv.Households
		}
	}
	for _, p := range aid.Priorities {
		s := pr[p]
		s.name = p.Label()
		byPriority = append(byPriority, s)
	}
	if pr[0].n > 0 {
		s := pr[0]
		s.name = "Tanpa prioritas"
		byPriority = append(byPriority, s)
	}
	for _, g := range prog {
		byProgramme = append(byProgramme, *g)
	}
	slices.SortFunc(byProgramme, func(a, b pdfAidSum) int {
		if c := cmp.Compare(b.budget, a.budget); c != 0 {
			return c
		}
		return cmp.Compare(a.name, b.name)
	})
	return byPriority, byProgramme, total
}

func (p *pdfDoc) interventionPage() {
	f, d := p.f, p.d
	f.AddPage()
	p.heading("Ringkasan Intervensi", "Menurut prioritas daerah dan menurut program", 0)
	if len(d.Interventions) == 0 {
		p.para("Belum ada intervensi yang tercatat.", 10, "", pdfInk)
		return
	}
	byP, byProg, total := pdfAidSums(d.Interventions)
	p.para(fmt.Sprintf("%s intervensi dengan anggaran %s untuk %s rumah tangga sasaran.",
		idfmt.Number(float64(total.n), 0), idfmt.Rupiah(total.budget), p.count(float64(total.hh))), 10, "", pdfInk)
	f.Ln(3)
	rows := func(head string, sums []pdfAidSum) *pdfTable {
		t := &pdfTable{cols: []pdfCol{{head: head, flex: true}, {head: "Intervensi", align: "R"},
			{head: "Anggaran", align: "R"}, {head: "Sasaran RT", align: "R"}}, size: 9}
		for _, s := range append(sums, total) {
			t.rows = append(t.rows, []string{s.name, idfmt.Number(float64(s.n), 0), idfmt.Rupiah(s.budget), p.count(float64(s.hh))})
		}
		t.strong = len(sums)
		return t
	}
	p.subheading("Menurut prioritas")
	p.table(rows("Prioritas", byP))
	f.Ln(5)
	p.subheading("Menurut program")
	p.table(rows("Program", byProg))

	// Pockets the interventions do not reach yet.
	var bare []string
	pockets := 0
	for _, r := range pocketRows(d, d.Desa) {
		pockets++
		if r.Interventions == 0 {
			name := r.Name
			if strings.TrimSpace(r.Kecamatan) != "" {
				name += " (" + r.Kecamatan + ")"
			}
			bare = append(bare, name)
		}
	}
	if pockets > 0 {
		f.Ln(5)
		p.subheading("Desa kantong tanpa intervensi")
		if len(bare) == 0 {
			p.para("Semua desa kantong sudah dijangkau sedikitnya satu intervensi.", 9.5, "", pdfInk)
			return
		}
		p.para(fmt.Sprintf("%s dari %s desa kantong belum dijangkau intervensi: %s.",
			idfmt.Number(float64(len(bare)), 0), idfmt.Number(float64(pockets), 0), strings.Join(bare, ", ")), 9.5, "", pdfInk)
	}
}

// subheading titles a part of a section.
func (p *pdfDoc) subheading(s string) {
	p.font("B", 10.5, pdfAccent)
	p.f.SetX(pdfMargin)
	p.f.CellFormat(p.textW(), 6, s, "", 2, "L", false, 0, "")
	p.f.Ln(0.5)
}

// pdfReaches reports whether an intervention names the kecamatan code or
// one of its desa (whose codes extend the kecamatan's).
func pdfReaches(iv *aid.Intervention, kec string) bool {
	for _, a := range iv.Areas {
		if a == kec || strings.HasPrefix(a, kec+".") {
			return true
		}
	}
	return false
}

// atlasPage is one kecamatan on one page: its figures, its map, its desa
// with the pockets shaded, and the interventions that reach it. The map
// takes the height the tables leave, and the tables are set smaller when
// the kecamatan has many desa, so that a page holds it all; only a
// kecamatan with very many desa or interventions runs onto a second page.
func (p *pdfDoc) atlasPage(a *AtlasPage, first bool) {
	f, d := p.f, p.d
	k := a.Kecamatan
	f.AddPage()
	if first {
		f.Bookmark("Atlas kecamatan", 0, -1)
	}
	p.heading("Kecamatan "+k.Name, pdfPrefix("Kode ", k.Code), 1)
	p.para(fmt.Sprintf("%s desa/kelurahan · nilai %s · %s desa kantong · %s intervensi · anggaran %s",
		idfmt.Number(float64(k.Desa), 0), p.value(k.Value), idfmt.Number(float64(k.PocketDesa), 0),
		idfmt.Number(float64(k.Intervention), 0), pdfRupiah(k.Budget)), 9.5, "", pdfInk)
	f.Ln(2)

	desa := slices.Clone(a.Desa)
	slices.SortStableFunc(desa, func(x, y DesaRow) int { return cmp.Compare(x.Code, y.Code) })
	dt := &pdfTable{cols: []pdfCol{{head: "Kode"}, {head: "Desa", flex: true}, {head: "Nilai", align: "R"},
		{head: "Kelas", align: "R"}, {head: "Klaster LISA"}, {head: "Kantong", align: "C"},
		{head: "Intervensi", align: "R"}, {head: "Anggaran", align: "R"}}}
	for _, r := range desa {
		class, pocket := "–", ""
		if r.Class > 0 {
			class = strconv.Itoa(r.Class)
		}
		if r.Pocket {
			pocket = "Ya"
		}
		dt.rows = append(dt.rows, []string{r.Code, r.Name, p.value(r.Value), class, p.cluster(r.Cluster), pocket,
			idfmt.Number(float64(r.Interventions), 0), pdfRupiah(r.Budget)})
	}
	dt.mark = func(i int) (bool, [3]int) {
		if desa[i].Pocket {
			return true, pdfPocket
		}
		return false, [3]int{}
	}

	var ivs []*aid.Intervention
	for i := range d.Interventions {
		if pdfReaches(&d.Interventions[i], k.Code) {
			ivs = append(ivs, &d.Interventions[i])
		}
	}
	it := &pdfTable{cols: []pdfCol{{head: "Program", flex: true}, {head: "Prioritas"}, {head: "Status"},
		{head: "Pelaksana"}, {head: "Anggaran", align: "R"}}}
	const maxIv = 12
	for i, iv := range ivs {
		if i == maxIv {
			break
		}
		it.rows = append(it.rows, []string{iv.Programme, iv.Priority.Label(), pdfCapital(iv.Status.String()), iv.Agency, idfmt.Rupiah(iv.Budget)})
	}

	// Choose the type size so that the map keeps at least 70 mm. The
	// height below the map is what the code after this draws: a gap, the
	// desa table, a gap, the subheading and the interventions.
	const minMap, maxMap = 70.0, 125.0
	below := func() float64 {
		h := 4 + 4 + 6.5 + 1
		if len(dt.rows) > 0 {
			h += p.tableHeight(dt)
		}
		switch {
		case len(ivs) == 0:
			h += 8.5 * 0.5
		case len(ivs) > maxIv:
			h += p.tableHeight(it) + 1 + 4
		default:
			h += p.tableHeight(it)
		}
		return h
	}
	for _, sz := range []float64{8, 7.5, 7, 6.5} {
		dt.size, it.size = sz, sz
		dt.rowH, it.rowH = sz*0.6, sz*0.6
		if p.bottom()-f.GetY()-below() >= minMap {
			break
		}
	}
	need := below()
	mapH := math.Min(maxMap, math.Max(minMap, p.bottom()-f.GetY()-need))
	if len(a.MapPNG) > 0 {
		cfg, _, err := image.DecodeConfig(bytes.NewReader(a.MapPNG))
		if err != nil || cfg.Width == 0 || cfg.Height == 0 {
			f.SetError(fmt.Errorf("peta kecamatan %s tidak terbaca: %v", k.Name, err))
			return
		}
		p.image(a.MapPNG, pdfMargin, f.GetY(), p.textW(), mapH, cfg)
		f.Ln(4)
	}
	if len(dt.rows) > 0 {
		p.table(dt)
	}
	f.Ln(4)
	// Keep the subheading with the first row of what follows.
	lead := 8.5 * 0.5 // "Belum ada intervensi."
	if _, rowH := p.tableSize(it); len(ivs) > 0 {
		lead = 2 * rowH // the header and one row
	}
	if f.GetY()+6.5+lead > p.bottom() {
		f.AddPage()
	}
	p.subheading("Intervensi yang menjangkau kecamatan ini")
	if len(ivs) == 0 {
		p.para("Belum ada intervensi.", 8.5, "I", pdfGrey)
		return
	}
	p.table(it)
	if len(ivs) > maxIv {
		f.Ln(1)
		p.para(fmt.Sprintf("… dan %d intervensi lain.", len(ivs)-maxIv), 8, "I", pdfGrey)
	}
}

// pdfCapital upper-cases the first letter of s.
func pdfCapital(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
