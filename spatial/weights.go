package spatial

// Weights is a sparse spatial weights matrix in compressed rows: the
// neighbours of area i are Index[Offsets[i]:Offsets[i+1]] with weights
// Weight[Offsets[i]:Offsets[i+1]]. Neighbours are sorted by index; an area
// is never its own neighbour.
type Weights struct {
	N       int
	Offsets []int32
	Index   []int32
	Weight  []float64
}

// Neighbors returns the neighbours of area i.
func (w *Weights) Neighbors(i int) []int32 { return w.Index[w.Offsets[i]:w.Offsets[i+1]] }

// Row returns the weights of area i's neighbours, aligned with Neighbors.
func (w *Weights) Row(i int) []float64 { return w.Weight[w.Offsets[i]:w.Offsets[i+1]] }

// Cardinality returns the number of neighbours of area i.
func (w *Weights) Cardinality(i int) int { return int(w.Offsets[i+1] - w.Offsets[i]) }

// Islands returns the areas without neighbours.
func (w *Weights) Islands() []int {
	var out []int
	for i := 0; i < w.N; i++ {
		if w.Cardinality(i) == 0 {
			out = append(out, i)
		}
	}
	return out
}

// FromLists builds binary weights (every weight 1) from neighbour lists,
// which must be symmetric; duplicates and self-links are dropped.
func FromLists(lists [][]int) *Weights {
	w := &Weights{N: len(lists), Offsets: make([]int32, len(lists)+1)}
	for i, l := range lists {
		seen := map[int]bool{i: true}
		sorted := make([]int, 0, len(l))
		for _, j := range l {
			if !seen[j] {
				seen[j] = true
				sorted = append(sorted, j)
			}
		}
		sortInts(sorted)
		for _, j := range sorted {
			w.Index = append(w.Index, int32(j))
			w.Weight = append(w.Weight, 1)
		}
		w.Offsets[i+1] = int32(len(w.Index))
	}
	return w
}

// RowStandardized returns a copy whose rows sum to 1 (islands stay empty).
func (w *Weights) RowStandardized() *Weights {
	out := &Weights{N: w.N, Offsets: w.Offsets, Index: w.Index, Weight: make([]float64, len(w.Weight))}
	for i := 0; i < w.N; i++ {
		row := w.Row(i)
		var s float64
		for _, v := range row {
			s += v
		}
		if s == 0 {
			continue
		}
		o := w.Offsets[i]
		for k, v := range row {
			out.Weight[int(o)+k] = v / s
		}
	}
	return out
}

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}
