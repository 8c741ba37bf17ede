package report

import (
	"math"
	"strings"
	"testing"

	"github.com/dinsos-tuban/pocketmap/geo"
)

func TestSuppress(t *testing.T) {
	for _, c := range []struct {
		n, below int
		want     string
	}{
		{0, 5, "0"}, {1, 5, "<5"}, {4, 5, "<5"}, {5, 5, "5"}, {120, 5, "120"},
		{-3, 5, "-3"}, {3, 0, "3"}, {3, -1, "3"}, {9, 10, "<10"},
	} {
		if got := Suppress(c.n, c.below); got != c.want {
			t.Errorf("Suppress(%d, %d) = %q, want %q", c.n, c.below, got, c.want)
		}
	}
}

func TestSuppressCell(t *testing.T) {
	for _, c := range []struct {
		v     float64
		below int
		want  any
	}{
		{0, 5, 0.0}, {0.4, 5, "<5"}, {4.99, 5, "<5"}, {5, 5, 5.0}, {2, 0, 2.0}, {1500, 5, 1500.0},
	} {
		if got := SuppressCell(c.v, c.below); got != c.want {
			t.Errorf("SuppressCell(%v, %d) = %#v, want %#v", c.v, c.below, got, c.want)
		}
	}
	if v, ok := SuppressCell(math.NaN(), 5).(float64); !ok || !math.IsNaN(v) {
		t.Errorf("NaN became %v", v)
	}
}

func TestSuppressionText(t *testing.T) {
	if got := SuppressionText(0); got != "tidak ada" {
		t.Errorf("off: %q", got)
	}
	got := SuppressionText(5)
	for _, want := range []string{"di bawah 5", `"<5"`, "Sasaran RT", "Jumlah temuan", "Anggaran"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
}

func TestIsCount(t *testing.T) {
	for _, c := range []struct {
		ind  geo.Indicator
		want bool
	}{
		{geo.Indicator{Unit: "rumah tangga"}, true},
		{geo.Indicator{Unit: "Jiwa"}, true},
		{geo.Indicator{Unit: "%", Numerator: "a", Denominator: "b", Scale: 100}, false},
		{geo.Indicator{Unit: "per 1.000 jiwa", Numerator: "a", Denominator: "b", Scale: 1000}, false},
		{geo.Indicator{Unit: "indeks"}, false},
		{geo.Indicator{Unit: ""}, false},
	} {
		if got := IsCount(c.ind); got != c.want {
			t.Errorf("IsCount(%q) = %v", c.ind.Unit, got)
		}
	}
}

func TestMaskIDs(t *testing.T) {
	if got := tbMaskIDs("baris 3523011234567890 salah"); got != "baris ************7890 salah" {
		t.Errorf("got %q", got)
	}
	if got := tbMaskIDs("35.23.01.2001 dan 3523012001"); got != "35.23.01.2001 dan 3523012001" {
		t.Errorf("area codes changed: %q", got)
	}
}
