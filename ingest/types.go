package ingest

import "github.com/dinsos-tuban/pocketmap/geo"

// Table is an indicator file read and checked, ready to be matched and
// stored.
type Table struct {
	File       string
	Format     string          // "wide" or "long"
	Indicators []geo.Indicator // one per indicator column (wide) or key (long)
	Rows       []Row
}

// Row is one input row: its key (code and/or name) and its values.
type Row struct {
	Line   int    // 1-based line number in the file, header = 1
	Code   string // normalised Kemendagri code, "" when the file has none
	Name   string // area name as written, "" when the file has none
	Kec    string // kecamatan name as written, when the file has one
	Values []geo.Value
}

// MatchKind says how a row was matched to an area.
type MatchKind int

// The ways a row can be matched to an area.
const (
	MatchNone  MatchKind = iota // no area found
	MatchCode                   // the code is a known area code
	MatchName                   // the name equals an area name ignoring case, spaces and punctuation
	MatchFuzzy                  // the name is a close spelling variant; the user must accept it
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
type Health struct {
	Rows          int
	ByCode        int
	ByName        int // exact name matches (normalised)
	Fuzzy         []NameMatch
	UnknownCodes  []Unmatched         // rows whose code matches no area
	UnknownNames  []Unmatched         // rows whose name matches no area
	Ambiguous     []Unmatched         // names matching several areas (e.g. same desa name in two kecamatan)
	MissingValues map[string][]string // indicator key → codes of village areas without a value
}

// Unmatched is a row that matched no area, or several.
type Unmatched struct {
	Line   int
	Key    string   // code or name as written
	Reason string   // Indonesian explanation
	Codes  []string // candidate codes for Ambiguous
}
