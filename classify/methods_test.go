package classify

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func TestExistingAPI(t *testing.T) {
	b := Breaks{Min: 0, Uppers: []float64{10, 20, 30}}
	for _, c := range []struct {
		v    float64
		want int
	}{{0, 0}, {10, 0}, {10.5, 1}, {20, 1}, {30, 2}, {99, 2}, {-1, 0}, {math.NaN(), -1}} {
		if got := b.Class(c.v); got != c.want {
			t.Errorf("Class(%v) = %d, want %d", c.v, got, c.want)
		}
	}
	if b.Lower(0) != 0 || b.Lower(2) != 20 {
		t.Errorf("Lower: %v %v", b.Lower(0), b.Lower(2))
	}
	br, err := Quantile([]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 5)
	if err != nil || !slices.Equal(br.Uppers, []float64{2, 4, 6, 8, 10}) {
		t.Errorf("Quantile: %v %v", br, err)
	}
	if _, err := Quantile(nil, 5); err == nil || err.Error() != "tidak ada nilai untuk diklasifikasi" {
		t.Errorf("Quantile(nil): %v", err)
	}
}

func TestEqualInterval(t *testing.T) {
	br, err := EqualInterval([]float64{10, 0, 3, math.NaN(), 7.5, 5}, 4)
	if err != nil {
		t.Fatal(err)
	}
	// width (10-0)/4 = 2.5
	if br.Min != 0 || !slices.Equal(br.Uppers, []float64{2.5, 5, 7.5, 10}) {
		t.Fatalf("got %v %v", br.Min, br.Uppers)
	}
	// 0 → 1st, 3 → 2nd, 5 on the break → 2nd, 7.5 → 3rd, 10 → 4th.
	if got := br.Counts([]float64{10, 0, 3, 7.5, 5}); !slices.Equal(got, []int{1, 2, 1, 1}) {
		t.Errorf("counts %v", got)
	}
	br, err = EqualInterval([]float64{4, 4, 4}, 5)
	if err != nil || br.Min != 4 || !slices.Equal(br.Uppers, []float64{4}) {
		t.Errorf("constant values: %v %v", br, err)
	}
}

// TestEqualIntervalCalifornia matches mapclassify's Equal_Interval(cal, k=5):
// bins [822.394, 1644.658, 2466.922, 3289.186, 4111.45], counts [57 0 0 0 1].
func TestEqualIntervalCalifornia(t *testing.T) {
	cal := calEmp(t)
	br, err := EqualInterval(cal, 5)
	if err != nil {
		t.Fatal(err)
	}
	if want := []float64{822.394, 1644.658, 2466.922, 3289.186, 4111.45}; !nearSlice(br.Uppers, want, 1e-9) {
		t.Errorf("bins %v, want %v", br.Uppers, want)
	}
	if want := []int{57, 0, 0, 0, 1}; !slices.Equal(br.Counts(cal), want) {
		t.Errorf("counts %v, want %v", br.Counts(cal), want)
	}
}

func TestStdDev(t *testing.T) {
	// Mean 5, population standard deviation 2.
	v := []float64{2, 4, 4, 4, 5, 5, 7, 9, math.NaN()}
	for _, c := range []struct {
		k    int
		want []float64
	}{
		{3, []float64{4, 6, 9}},       // 5 ± 0.5·2
		{4, []float64{3, 5, 7, 9}},    // 5, 5 ± 2
		{5, []float64{2, 4, 6, 8, 9}}, // ± 0.5 sd, ± 1.5 sd; 2 is the minimum itself
		{6, []float64{3, 5, 7, 9}},    // 5 − 2·2 = 1 is below the minimum, 5 + 2·2 = 9 is the maximum
		{7, []float64{2, 4, 6, 8, 9}}, // ± 2.5 sd = 0 and 10 fall outside
		{9, []float64{2, 4, 6, 8, 9}}, // so do ± 3.5 sd
		{8, []float64{3, 5, 7, 9}},    // and ± 3 sd
	} {
		br, err := StdDev(v, c.k)
		if err != nil {
			t.Fatal(err)
		}
		if br.Min != 2 || !nearSlice(br.Uppers, c.want, 1e-12) {
			t.Errorf("k=%d: got %v %v, want 2 %v", c.k, br.Min, br.Uppers, c.want)
		}
	}
	// Spread wide enough for every break: -10..10 in steps of 1, mean 0,
	// sd sqrt(110/3) = 6.0553; k=5 breaks at ±0.5 sd and ±1.5 sd.
	var w []float64
	for i := -10; i <= 10; i++ {
		w = append(w, float64(i))
	}
	sd := math.Sqrt(110.0 / 3)
	br, err := StdDev(w, 5)
	if err != nil {
		t.Fatal(err)
	}
	if want := []float64{-1.5 * sd, -0.5 * sd, 0.5 * sd, 1.5 * sd, 10}; br.Min != -10 || !nearSlice(br.Uppers, want, 1e-12) {
		t.Errorf("k=5: got %v %v, want -10 %v", br.Min, br.Uppers, want)
	}
	br, err = StdDev(w, 4)
	if want := []float64{-sd, 0, sd, 10}; err != nil || !nearSlice(br.Uppers, want, 1e-12) {
		t.Errorf("k=4: got %v, want %v (%v)", br.Uppers, want, err)
	}
	br, err = StdDev([]float64{3, 3}, 5)
	if err != nil || !slices.Equal(br.Uppers, []float64{3}) {
		t.Errorf("constant values: %v %v", br, err)
	}
}

func TestManual(t *testing.T) {
	v := []float64{1, 4, 12, 30, math.NaN()}
	br, err := Manual(v, []float64{5, 10, 20})
	if err != nil {
		t.Fatal(err)
	}
	// 30 is above the last break: one more class holds it.
	if br.Min != 1 || !slices.Equal(br.Uppers, []float64{5, 10, 20, 30}) {
		t.Errorf("got %v %v", br.Min, br.Uppers)
	}
	if got := br.Counts(v); !slices.Equal(got, []int{2, 0, 1, 1}) {
		t.Errorf("counts %v", got)
	}
	// Breaks above the maximum stay as typed.
	br, err = Manual(v, []float64{5, 50, 100})
	if err != nil || !slices.Equal(br.Uppers, []float64{5, 50, 100}) {
		t.Errorf("high breaks: %v %v", br, err)
	}
	// A first break below every value lowers Min to it.
	br, err = Manual(v, []float64{0.5, 10, 40})
	if err != nil || br.Min != 0.5 {
		t.Errorf("low first break: %v %v", br, err)
	}
	// The caller's slice is not changed.
	in := []float64{5, 10, 20}
	if _, err := Manual(v, in); err != nil || !slices.Equal(in, []float64{5, 10, 20}) {
		t.Errorf("input changed to %v", in)
	}

	for _, c := range []struct {
		uppers []float64
		want   string
	}{
		{nil, "minimal satu"},
		{[]float64{5, 10, 10}, "batas ke-3 (10) harus lebih besar dari batas ke-2 (10)"},
		{[]float64{5, 2.5, 10}, "batas ke-2 (2,5) harus lebih besar dari batas ke-1 (5)"},
		{[]float64{5, math.NaN()}, "batas ke-2 bukan angka"},
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9}, "paling banyak 8"},
	} {
		_, err := Manual(v, c.uppers)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Manual(%v): error %v, want one containing %q", c.uppers, err, c.want)
		}
	}
	if _, err := Manual([]float64{math.NaN()}, []float64{1, 2}); err == nil {
		t.Error("no values: want an error")
	}
}

func TestClassesRange(t *testing.T) {
	v := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	fns := map[string]func([]float64, int) (Breaks, error){
		"EqualInterval": EqualInterval, "Jenks": Jenks, "StdDev": StdDev,
	}
	for name, f := range fns {
		for _, k := range []int{-1, 0, 1, 2, 10} {
			_, err := f(v, k)
			if err == nil || !strings.Contains(err.Error(), "harus antara 3 dan 9") {
				t.Errorf("%s(k=%d): error %v", name, k, err)
			}
		}
		for k := MinClasses; k <= MaxClasses; k++ {
			if _, err := f(v, k); err != nil {
				t.Errorf("%s(k=%d): %v", name, k, err)
			}
		}
	}
	for _, m := range []Method{MethodQuantile, MethodEqualInterval, MethodJenks, MethodStdDev} {
		if _, err := Classify(v, m, 2, nil); err == nil {
			t.Errorf("Classify(%v, k=2): want an error", m)
		}
	}
	// Manual ignores k.
	if _, err := Classify(v, MethodManual, 0, []float64{3, 6}); err != nil {
		t.Errorf("Classify manual: %v", err)
	}
	if _, err := Classify(v, Method(42), 5, nil); err == nil {
		t.Error("Classify with an unknown method: want an error")
	}
}

func TestClassify(t *testing.T) {
	v := []float64{1, 2, 3, 10, 11, 12, 20, 21, 22}
	for m, f := range map[Method]func([]float64, int) (Breaks, error){
		MethodQuantile: Quantile, MethodEqualInterval: EqualInterval, MethodJenks: Jenks, MethodStdDev: StdDev,
	} {
		got, err1 := Classify(v, m, 3, []float64{99})
		want, err2 := f(v, 3)
		if err1 != nil || err2 != nil || got.Min != want.Min || !slices.Equal(got.Uppers, want.Uppers) {
			t.Errorf("Classify(%v) = %v, want %v", m, got, want)
		}
	}
	got, err := Classify(v, MethodManual, 5, []float64{5, 15})
	if err != nil || !slices.Equal(got.Uppers, []float64{5, 15, 22}) {
		t.Errorf("Classify(manual) = %v %v", got, err)
	}
}

func TestParseMethod(t *testing.T) {
	for _, c := range []struct {
		s    string
		want Method
	}{
		{"quantile", MethodQuantile}, {"kuantil", MethodQuantile},
		{"equal", MethodEqualInterval}, {"interval-sama", MethodEqualInterval},
		{"jenks", MethodJenks}, {"natural-breaks", MethodJenks},
		{"stddev", MethodStdDev}, {"simpangan-baku", MethodStdDev},
		{"manual", MethodManual}, {"  Jenks ", MethodJenks}, {"KUANTIL", MethodQuantile},
	} {
		got, err := ParseMethod(c.s)
		if err != nil || got != c.want {
			t.Errorf("ParseMethod(%q) = %v, %v; want %v", c.s, got, err, c.want)
		}
	}
	if _, err := ParseMethod("geometric"); err == nil || !strings.Contains(err.Error(), "tidak dikenal") {
		t.Errorf("ParseMethod(geometric): %v", err)
	}
	labels := map[Method]string{
		MethodQuantile: "Kuantil", MethodEqualInterval: "Interval sama",
		MethodJenks: "Natural breaks (Jenks)", MethodStdDev: "Simpangan baku", MethodManual: "Manual",
	}
	for m, l := range labels {
		if m.Label() != l {
			t.Errorf("%v.Label() = %q, want %q", m, m.Label(), l)
		}
		back, err := ParseMethod(m.String())
		if err != nil || back != m {
			t.Errorf("ParseMethod(%q) = %v, %v", m.String(), back, err)
		}
	}
	if Method(0) != MethodQuantile {
		t.Error("the zero Method must be quantile")
	}
	if s := Method(9).String(); s != "Method(9)" {
		t.Errorf("unknown method String() = %q", s)
	}
}
