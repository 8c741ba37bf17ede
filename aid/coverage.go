package aid

import (
	"math"
	"time"

	"github.com/dinsos-tuban/pocketmap/geo"
)

// Covers returns the indexes of the villages an intervention reaches: the
// desa it names, and every desa of a kecamatan it names.
func Covers(iv *Intervention, villages []*geo.Area) []int {
	want := make(map[string]bool, len(iv.Areas))
	for _, c := range iv.Areas {
		want[c] = true
	}
	var out []int
	for i, v := range villages {
		if want[v.Code] || want[v.Parent] {
			out = append(out, i)
		}
	}
	return out
}

// Reach is what the interventions bring to one village. An intervention
// that covers several desa has its budget and target households shared
// among them in proportion to their weight (their poor households), or
// evenly when the weight of any of them is unknown or all are zero; so the
// shares add up to the totals.
type Reach struct {
	Interventions int              // interventions reaching the desa
	Active        int              // of which active on the day asked
	Budget        float64          // rupiah allocated to the desa
	Households    float64          // target households allocated to the desa
	ByPriority    [4]PriorityReach // indexed by Priority
}

// PriorityReach is the part of a Reach that serves one priority.
type PriorityReach struct {
	Count      int
	Budget     float64
	Households float64
}

// Coverage returns the reach of ivs in each village. weight (one per
// village, e.g. DTKS desil 1–2 households; nil or NaN for unknown) shares
// budgets and targets; day decides which interventions are active.
func Coverage(ivs []Intervention, villages []*geo.Area, weight []float64, day time.Time) []Reach {
	out := make([]Reach, len(villages))
	for k := range ivs {
		iv := &ivs[k]
		idx := Covers(iv, villages)
		if len(idx) == 0 {
			continue
		}
		var total float64
		for _, i := range idx {
			if i >= len(weight) || math.IsNaN(weight[i]) || weight[i] < 0 {
				total = 0 // unknown: share evenly
				break
			}
			total += weight[i]
		}
		active := iv.ActiveOn(day)
		for _, i := range idx {
			share := 1 / float64(len(idx))
			if total > 0 {
				share = weight[i] / total
			}
			r := &out[i]
			r.Interventions++
			if active {
				r.Active++
			}
			b, h := float64(iv.Budget)*share, float64(iv.Households)*share
			r.Budget += b
			r.Households += h
			if iv.Priority > 0 && int(iv.Priority) < len(r.ByPriority) {
				p := &r.ByPriority[iv.Priority]
				p.Count++
				p.Budget += b
				p.Households += h
			}
		}
	}
	return out
}

// Summary is the interventions of one area (a desa or a kecamatan), as the
// export and the side panel show them.
type Summary struct {
	Code, Name string
	Reach
}

// SummarizeKecamatan adds the village reaches up per kecamatan (the
// kecamatan of each village as geo.KecamatanOf finds it, as the roll-up
// does); Interventions and Active count each intervention once per
// kecamatan, active on day.
func SummarizeKecamatan(ivs []Intervention, villages, kec []*geo.Area, reach []Reach, day time.Time) []Summary {
	out := make([]Summary, len(kec))
	for i, k := range kec {
		out[i] = Summary{Code: k.Code, Name: k.Name}
	}
	kecOf := geo.KecamatanOf(villages, kec)
	for i, k := range kecOf {
		if k < 0 || i >= len(reach) {
			continue
		}
		s, r := &out[k].Reach, reach[i]
		s.Budget += r.Budget
		s.Households += r.Households
		for p := range r.ByPriority {
			s.ByPriority[p].Budget += r.ByPriority[p].Budget
			s.ByPriority[p].Households += r.ByPriority[p].Households
		}
	}
	// Count interventions per kecamatan without double counting.
	for k := range ivs {
		iv := &ivs[k]
		seen := map[int]bool{}
		for _, i := range Covers(iv, villages) {
			kk := kecOf[i]
			if kk < 0 || seen[kk] {
				continue
			}
			seen[kk] = true
			out[kk].Interventions++
			if iv.ActiveOn(day) {
				out[kk].Active++
			}
			if iv.Priority > 0 && int(iv.Priority) < 4 {
				out[kk].ByPriority[iv.Priority].Count++
			}
		}
	}
	return out
}
