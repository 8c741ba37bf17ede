package report

import (
	"bytes"
	"compress/zlib"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/dinsos-tuban/pocketmap/assets"
	"github.com/dinsos-tuban/pocketmap/classify"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/render"
	"github.com/dinsos-tuban/pocketmap/sample"
)

// pdfPageRe finds page objects; "/Type /Pages" (the page tree) does not
// match.
var pdfPageRe = regexp.MustCompile(`/Type /Page[^s]`)

// pdfPageCount counts the pages of a PDF written by fpdf.
func pdfPageCount(b []byte) int { return len(pdfPageRe.FindAll(b, -1)) }

// pdfTextOf is a minimal text extractor for the PDFs fpdf writes: it
// inflates every stream it can and collects the strings shown by Tj and
// TJ, decoding fpdf's UTF-16BE text, one line per text-showing operator.
func pdfTextOf(t *testing.T, b []byte) string {
	t.Helper()
	var out strings.Builder
	for rest := b; ; {
		i := bytes.Index(rest, []byte("stream\n"))
		if i < 0 {
			break
		}
		rest = rest[i+len("stream\n"):]
		j := bytes.Index(rest, []byte("endstream"))
		if j < 0 {
			break
		}
		data := rest[:j]
		rest = rest[j+len("endstream"):]
		if zr, err := zlib.NewReader(bytes.NewReader(data)); err == nil {
			if inflated, err := io.ReadAll(zr); err == nil {
				data = inflated
			}
		}
		pdfShowText(data, &out)
	}
	return out.String()
}

// pdfShowText appends the text of the Tj and TJ operators of a content
// stream to out.
func pdfShowText(data []byte, out *strings.Builder) {
	var pending []string
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case c == '(':
			var s []byte
			depth := 1
			for i++; i < len(data) && depth > 0; i++ {
				c := data[i]
				switch {
				case c == '\\' && i+1 < len(data):
					i++
					switch e := data[i]; e {
					case 'n':
						s = append(s, '\n')
					case 'r':
						s = append(s, '\r')
					case 't':
						s = append(s, '\t')
					case 'b':
						s = append(s, '\b')
					case 'f':
						s = append(s, '\f')
					default:
						if e >= '0' && e <= '7' {
							n := 0
							k := 0
							for ; k < 3 && i+k < len(data) && data[i+k] >= '0' && data[i+k] <= '7'; k++ {
								n = n*8 + int(data[i+k]-'0')
							}
							i += k - 1
							s = append(s, byte(n))
						} else {
							s = append(s, e)
						}
					}
				case c == '(':
					depth++
					s = append(s, c)
				case c == ')':
					depth--
					if depth > 0 {
						s = append(s, c)
					}
				default:
					s = append(s, c)
				}
			}
			i--
			pending = append(pending, pdfDecodeUTF16(s))
		case c == 'T' && i+1 < len(data) && (data[i+1] == 'j' || data[i+1] == 'J'):
			if len(pending) > 0 {
				out.WriteString(strings.Join(pending, ""))
				out.WriteByte('\n')
			}
			pending = nil
		case c == 'E' && i+1 < len(data) && data[i+1] == 'T':
			pending = nil
		}
	}
}

// pdfUTF16 is s as fpdf writes it with a UTF-8 font: UTF-16BE.
func pdfUTF16(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

func pdfDecodeUTF16(s []byte) string {
	if len(s)%2 != 0 {
		return string(s)
	}
	u := make([]uint16, len(s)/2)
	for i := range u {
		u[i] = uint16(s[2*i])<<8 | uint16(s[2*i+1])
	}
	return string(utf16.Decode(u))
}

// rpMapPNG is a PNG map of the desa of the dataset, as a caller would
// make it for the PDF.
func rpMapPNG(t testing.TB, d *Dataset, kec []*geo.Area, w, h int, title string) []byte {
	t.Helper()
	var areas []*geo.Area
	values := make([]float64, 0, len(d.Desa))
	for _, r := range d.Desa {
		if r.Geom != nil {
			areas = append(areas, r.Geom)
			values = append(values, r.Value)
		}
	}
	lg, err := render.ClassLegend(d.Indicator, values, classify.MethodQuantile, 5, nil)
	if err != nil {
		t.Fatal(err)
	}
	lg.Indicator.Synthetic = d.Synthetic
	st := render.DefaultStyle()
	st.Fills = lg.Fills
	st.Marked = make([]bool, len(areas))
	for i, r := range d.Desa {
		if i < len(st.Marked) {
			st.Marked[i] = r.Pocket
		}
	}
	img := MapImage(MapOptions{Scene: render.NewScene(areas, kec), Style: st, Legend: lg, Width: w, Height: h,
		Title: title, Subtitle: "Periode " + d.Period + " · " + d.Classes,
		Source: "Sumber: " + sample.Source + " · " + assets.BoundarySource, Made: d.Made, Synthetic: d.Synthetic})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rpKecamatan returns the kecamatan areas with the given codes.
func rpKecamatan(codes ...string) []*geo.Area {
	_, kec := miTuban()
	var out []*geo.Area
	for _, k := range kec {
		for _, c := range codes {
			if k.Code == c {
				out = append(out, k)
			}
		}
	}
	return out
}

// rpAtlas makes the atlas pages of d, each with a map of its kecamatan.
func rpAtlas(t testing.TB, d *Dataset) []AtlasPage {
	t.Helper()
	var pages []AtlasPage
	for _, k := range d.Kecamatan {
		sub := *d
		sub.Desa = nil
		for _, r := range d.Desa {
			if strings.HasPrefix(r.Code, k.Code+".") {
				sub.Desa = append(sub.Desa, r)
			}
		}
		pages = append(pages, AtlasPage{Kecamatan: k, Desa: sub.Desa,
			MapPNG: rpMapPNG(t, &sub, rpKecamatan(k.Code), 1400, 900, "Kecamatan "+k.Name)})
	}
	return pages
}

// The three kecamatan of the small dataset.
var rpSmall = []string{"35.23.01", "35.23.02", "35.23.03"}

func TestWritePDF(t *testing.T) {
	d := rpDataset(t, rpSmall...)
	if len(d.Kecamatan) != 3 {
		t.Fatalf("%d kecamatan in the small dataset", len(d.Kecamatan))
	}
	mapPNG := rpMapPNG(t, d, rpKecamatan(rpSmall...), 1754, 1240, "Persentase RT Desil 1 — Kabupaten Tuban")
	atlas := rpAtlas(t, d)
	for _, c := range []struct {
		name  string
		png   []byte
		atlas []AtlasPage
		pages int
	}{
		{"ringkas", mapPNG, nil, 5},
		{"tanpa-peta", nil, nil, 4},
		{"atlas", mapPNG, atlas, 8},
	} {
		t.Run(c.name, func(t *testing.T) {
			// Uncompressed, the text is in the file as fpdf writes it:
			// UTF-16BE in the content streams.
			var raw bytes.Buffer
			if err := writePDF(&raw, d, c.png, c.atlas, false); err != nil {
				t.Fatal(err)
			}
			if want := pdfUTF16("Kabupaten Tuban"); !bytes.Contains(raw.Bytes(), want) {
				t.Error("uncompressed PDF does not hold \"Kabupaten Tuban\"")
			}
			if n := pdfPageCount(raw.Bytes()); n != c.pages {
				t.Errorf("uncompressed: %d pages, want %d", n, c.pages)
			}
			// As shipped, compressed: the extractor inflates the streams.
			var buf bytes.Buffer
			if err := WritePDF(&buf, d, c.png, c.atlas); err != nil {
				t.Fatal(err)
			}
			b := buf.Bytes()
			if buf.Len() >= raw.Len() {
				t.Errorf("compressed %d bytes, uncompressed %d", buf.Len(), raw.Len())
			}
			if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b[len(b)-1024:], []byte("%%EOF")) {
				t.Fatalf("not a PDF: %q", b[:min(20, len(b))])
			}
			if n := pdfPageCount(b); n != c.pages {
				t.Errorf("%d pages, want %d", n, c.pages)
			}
			if !bytes.Contains(b, []byte("/FontFile2")) {
				t.Error("no embedded TrueType font")
			}
			text := pdfTextOf(t, b)
			for _, want := range []string{
				"Kabupaten Tuban",
				"Ringkasan Kantong Kemiskinan",
				"DATA CONTOH SINTETIS — bukan data resmi",
				"Dibuat 20 Oktober 2025",
				"Halaman 1 dari " + strconv.Itoa(c.pages),
				"Halaman " + strconv.Itoa(c.pages) + " dari " + strconv.Itoa(c.pages),
				"p ≤ 0,05", "km²", "Tinggi–Tinggi", "café", // UTF-8 text kept as written
				"Ringkasan per Kecamatan", "Desa Kantong Kemiskinan", "Ringkasan Intervensi",
				"Rp 251.250.000", "Rp 341.250.000", "Peningkatan Pendapatan", "Tinggi-Tinggi (kantong)",
				"<5", // three target households withheld
			} {
				if !strings.Contains(text, want) {
					t.Errorf("text %q missing", want)
				}
			}
			if got := strings.Count(text, "DATA CONTOH SINTETIS — bukan data resmi"); got < c.pages {
				t.Errorf("synthetic flag on %d pages of %d", got, c.pages)
			}
			if c.atlas != nil {
				for _, k := range d.Kecamatan {
					if !strings.Contains(text, "Kecamatan "+k.Name) {
						t.Errorf("atlas page of %s missing", k.Name)
					}
				}
			}
			if dir := os.Getenv("PDF_OUT"); dir != "" {
				os.WriteFile(filepath.Join(dir, "laporan-"+c.name+".pdf"), b, 0o644)
			}
		})
	}
}

// TestWritePDFTuban writes the whole district with an atlas of its 20
// kecamatan: every kecamatan fits on one page.
func TestWritePDFTuban(t *testing.T) {
	if testing.Short() {
		t.Skip("whole district")
	}
	d := rpDataset(t)
	mapPNG := rpMapPNG(t, d, rpKecamatan(), 1754, 1240, "Tuban")
	atlas := rpAtlas(t, d)
	start := time.Now()
	var buf bytes.Buffer
	if err := WritePDF(&buf, d, mapPNG, atlas); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d kecamatan, %d desa: %d bytes in %v", len(d.Kecamatan), len(d.Desa), buf.Len(), time.Since(start))
	pockets := len(pocketRows(d, d.Desa))
	// Cover, map, kecamatan, pockets (on one or two pages), interventions, atlas.
	want := 5 + len(d.Kecamatan)
	if n := pdfPageCount(buf.Bytes()); n != want {
		t.Errorf("%d pages, want %d (%d pockets)", n, want, pockets)
	}
	if dir := os.Getenv("PDF_OUT"); dir != "" {
		os.WriteFile(filepath.Join(dir, "laporan-tuban.pdf"), buf.Bytes(), 0o644)
	}
}

func TestWritePDFEmpty(t *testing.T) {
	var buf bytes.Buffer
	d := &Dataset{Region: "Kabupaten Tuban"}
	if err := writePDF(&buf, d, nil, nil, false); err != nil {
		t.Fatal(err)
	}
	if n := pdfPageCount(buf.Bytes()); n != 4 {
		t.Errorf("%d pages, want 4", n)
	}
	text := pdfTextOf(t, buf.Bytes())
	if strings.Contains(text, "SINTETIS") {
		t.Error("synthetic flag on real data")
	}
	if !strings.Contains(text, "Halaman 4 dari 4") || !strings.Contains(text, "Kabupaten Tuban") {
		t.Errorf("text:\n%s", text)
	}
	if err := WritePDF(&buf, nil, nil, nil); err == nil {
		t.Error("nil dataset accepted")
	}
	if err := WritePDF(io.Discard, d, []byte("not a png"), nil); err == nil {
		t.Error("broken map image accepted")
	}
}

// BenchmarkWritePDFA4 writes the whole district with an A4 300 dpi map
// and its atlas.
func BenchmarkWritePDFA4(b *testing.B) {
	d := rpDataset(b)
	mapPNG := rpMapPNG(b, d, rpKecamatan(), 3508, 2480, "Tuban")
	atlas := rpAtlas(b, d)
	b.ResetTimer()
	for b.Loop() {
		if err := WritePDF(io.Discard, d, mapPNG, atlas); err != nil {
			b.Fatal(err)
		}
	}
}
