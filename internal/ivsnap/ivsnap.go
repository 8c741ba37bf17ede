// Package ivsnap is how both stores write an intervention into the change
// log: a JSON snapshot with its areas, and the normal form it is stored in
// (dates as calendar days, areas sorted once), so that a log written by one
// store reads the same in the other (and survives `db copy`).
package ivsnap

import (
	"encoding/json"
	"slices"
	"time"

	"github.com/dinsos-tuban/pocketmap/aid"
)

// snapshot is the JSON of an intervention in the change log.
type snapshot struct {
	ID         int64    `json:"id"`
	Programme  string   `json:"programme"`
	Priority   string   `json:"priority"`
	Agency     string   `json:"agency"`
	Funding    string   `json:"funding"`
	Budget     int64    `json:"budget"`
	Households int      `json:"households"`
	Persons    int      `json:"persons"`
	Start      string   `json:"start"`
	End        string   `json:"end"`
	Status     string   `json:"status"`
	Notes      string   `json:"notes"`
	Areas      []string `json:"areas"`
}

// Day writes the calendar day of t as stored, YYYY-MM-DD.
func Day(t time.Time) string { return aid.Day(t).Format(aid.DateLayout) }

func of(iv *aid.Intervention) snapshot {
	return snapshot{iv.ID, iv.Programme, iv.Priority.Key(), iv.Agency, iv.Funding, iv.Budget, iv.Households,
		iv.Persons, Day(iv.Start), Day(iv.End), iv.Status.String(), iv.Notes, iv.Areas}
}

// Marshal returns the JSON of iv, nil for nil.
func Marshal(iv *aid.Intervention) ([]byte, error) {
	if iv == nil {
		return nil, nil
	}
	return json.Marshal(of(iv))
}

// Unmarshal reads the JSON of an intervention; empty gives nil.
func Unmarshal(b []byte) (*aid.Intervention, error) {
	if len(b) == 0 {
		return nil, nil
	}
	var s snapshot
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, err
	}
	iv := &aid.Intervention{ID: s.ID, Programme: s.Programme, Agency: s.Agency, Funding: s.Funding,
		Budget: s.Budget, Households: s.Households, Persons: s.Persons, Notes: s.Notes, Areas: s.Areas}
	var err error
	if iv.Priority, err = aid.ParsePriority(s.Priority); err != nil {
		return nil, err
	}
	if iv.Status, err = aid.ParseStatus(s.Status); err != nil {
		return nil, err
	}
	if iv.Start, err = time.Parse(aid.DateLayout, s.Start); err != nil {
		return nil, err
	}
	if iv.End, err = time.Parse(aid.DateLayout, s.End); err != nil {
		return nil, err
	}
	return iv, nil
}

// Normalized returns a copy of iv as it is stored: dates reduced to their
// day (midnight UTC) and areas sorted without duplicates.
func Normalized(iv *aid.Intervention) aid.Intervention {
	n := *iv
	n.Start, n.End = aid.Day(iv.Start), aid.Day(iv.End)
	n.Areas = slices.Compact(slices.Sorted(slices.Values(iv.Areas)))
	return n
}

// Same reports whether two interventions are stored alike: an update from
// one to the other changes nothing.
func Same(a, b *aid.Intervention) bool {
	x, _ := json.Marshal(of(a))
	y, _ := json.Marshal(of(b))
	return string(x) == string(y)
}
