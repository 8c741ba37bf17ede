package ingest

import "github.com/dinsos-tuban/pocketmap/geo"

// The layouts of an indicator file, as stored in Table.Format.
const (
	FormatWide = "wide" // one row per area, one column per indicator
	FormatLong = "long" // one row per area, indicator and period
)

// Table is an indicator file read and checked, ready to be matched and
// stored. Rows are in file order.
type Table struct {
	File       string
	Format     string          // FormatWide or FormatLong
	Indicators []geo.Indicator // one per indicator column (wide) or key (long), in file order
	Rows       []Row
	Skipped    []Skipped // columns read but not used (row numbers, kabupaten codes, the source), with the reason
	Sheet      string    // the workbook sheet read, "" for CSV
	Titles     []string  // the title rows above the header
	Totals     []int     // lines of summary rows (JUMLAH, TOTAL) left out
}

// Row is one input row: its key (code and/or name) and its values. In a
// wide file all values of a row share one period; in a long file a row has
// at most one value.
type Row struct {
	Line   int       // 1-based line number in the file, header = 1
	Code   string    // normalised Kemendagri code, "" when the file has none; set by Match for name matches
	BPS    string    // the BPS desa code (ten digits), when the file is keyed by BPS codes
	Name   string    // area name as written, "" when the file has none
	Kec    string    // kecamatan name as written, when the file has one
	Match  MatchKind // how Match (or Accept) matched the row; MatchNone before Match or when unmatched
	Values []geo.Value
}

// MatchKind says how a row was matched to an area.
type MatchKind int

// The ways a row can be matched to an area.
const (
	MatchNone      MatchKind = iota // no area found
	MatchCode                       // the code is a known area code
	MatchName                       // the name equals an area name ignoring case, spaces and punctuation
	MatchFuzzy                      // the name is a close spelling variant; the user must accept it
	MatchCrosswalk                  // the BPS code is in the crosswalk a user accepted before
)

// NameMatch is a row matched by name, shown for the user to accept.
type NameMatch struct {
	Line     int
	Name     string // as written in the file
	Kec      string
	Code     string // matched area
	AreaName string // the matched area's name
	Kind     MatchKind
	Distance int // edit distance for fuzzy matches
}

// Health is the join-health report of a table against the known areas.
// Only values of matched rows carry a Code; a store should refuse a table
// while Duplicates is not empty.
type Health struct {
	Rows          int
	ByCode        int
	ByName        int                 // exact name matches (normalised)
	ByFuzzy       int                 // fuzzy matches applied by Accept
	ByCrosswalk   int                 // BPS codes found in the stored crosswalk
	Fuzzy         []NameMatch         // fuzzy matches waiting for Accept
	UnknownCodes  []Unmatched         // rows whose code matches no area
	UnknownNames  []Unmatched         // rows whose name matches no area
	Ambiguous     []Unmatched         // names matching several areas (e.g. same desa name in two kecamatan)
	Duplicates    []Unmatched         // matched rows giving a value already given by an earlier row
	MissingValues map[string][]string // indicator key → sorted codes of village areas without a value; complete indicators are absent

	villages   []string          // sorted codes of the village areas
	names      map[string]string // their names, with the kecamatan where shared
	indicators []string          // indicator keys of the table, in order
}

// Unmatched is a row that matched no area, or several.
type Unmatched struct {
	Line   int
	Key    string   // code or name as written
	Reason string   // Indonesian explanation
	Codes  []string // candidate codes for Ambiguous (and near misses)
}

// Import returns what the table stores: its definitions and the values of
// its matched rows (those with a Code, after Match and Accept), each value
// keyed by its own code or else its row's.
func (t *Table) Import() geo.IndicatorImport {
	imp := geo.IndicatorImport{File: t.File, Format: t.Format, Indicators: t.Indicators, Rows: len(t.Rows), Crosswalk: t.Crosswalk()}
	for _, r := range t.Rows {
		if r.Code == "" {
			continue
		}
		imp.Matched++
		for _, v := range r.Values {
			if v.Code == "" {
				v.Code = r.Code
			}
			imp.Values = append(imp.Values, v)
		}
	}
	return imp
}

// Crosswalk returns the BPS codes of the rows matched by name (exactly or
// as accepted near matches) with the areas they matched: the pairs to keep
// for later BPS-keyed files.
func (t *Table) Crosswalk() []geo.CrosswalkPair {
	var out []geo.CrosswalkPair
	for _, r := range t.Rows {
		if r.BPS != "" && r.Code != "" && (r.Match == MatchName || r.Match == MatchFuzzy) {
			out = append(out, geo.CrosswalkPair{BPS: r.BPS, Code: r.Code, Name: r.Name, File: t.File})
		}
	}
	return out
}
