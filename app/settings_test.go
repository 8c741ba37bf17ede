package app

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dinsos-tuban/pocketmap/classify"
	"github.com/dinsos-tuban/pocketmap/spatial"
)

func TestDefaultSettingsValidate(t *testing.T) {
	if err := DefaultSettings().Validate(); err != nil {
		t.Fatalf("defaults do not validate: %v", err)
	}
}

// TestSettingsLimits holds the limits the window and the CLI share: every
// bad setting is named in Problems with an Indonesian message.
func TestSettingsLimits(t *testing.T) {
	for _, tc := range []struct {
		field string
		mod   func(*Settings)
		want  string
	}{
		{"tolerance", func(s *Settings) { s.Weights.Tolerance = -1 }, "toleransi"},
		{"tolerance", func(s *Settings) { s.Weights.Tolerance = 1001 }, "1000"},
		{"permutations", func(s *Settings) { s.Pockets.Permutations = 98 }, "99 sampai 99999"},
		{"permutations", func(s *Settings) { s.Pockets.Permutations = 100000 }, "permutasi"},
		{"alpha", func(s *Settings) { s.Pockets.Alpha = 1 }, "di antara 0 dan 1"},
		{"classes", func(s *Settings) { s.Classes = 2 }, "3 sampai 9"},
		{"classes", func(s *Settings) { s.Classes = 10 }, "jumlah kelas"},
		{"breaks", func(s *Settings) { s.Method = classify.MethodManual }, "batas atas"},
		{"level", func(s *Settings) { s.Level = "provinsi" }, "tingkat"},
		{"view", func(s *Settings) { s.View = "3d" }, "tampilan"},
		{"coverage", func(s *Settings) { s.Coverage = "luas" }, "cakupan"},
		{"suppress", func(s *Settings) { s.Suppress = -1 }, "penyembunyian"},
		{"rule", func(s *Settings) { s.Weights.Rule = spatial.Rule(9) }, "queen atau rook"},
	} {
		s := DefaultSettings()
		tc.mod(&s)
		err := s.Validate()
		var ps Problems
		if !errors.As(err, &ps) || !ps.Has(tc.field) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want a problem naming %q", tc.field, err, tc.want)
		}
	}
	s := DefaultSettings()
	s.Method, s.Breaks, s.Classes = classify.MethodManual, []float64{10, 20}, 0
	if err := s.Validate(); err != nil {
		t.Errorf("manual breaks ignore the class count: %v", err)
	}
}

// TestSettingsSet parses settings as typed on the command line.
func TestSettingsSet(t *testing.T) {
	s := DefaultSettings()
	for name, v := range map[string]string{"indicator": "ike_2024", "period": "2024", "smooth": "true", "rule": "rook",
		"tolerance": "12.5", "permutations": "499", "seed": "7", "alpha": "0.01", "fdr": "true", "threshold": "0.6",
		"method": "jenks", "classes": "7", "breaks": "1, 2,3", "level": "kecamatan", "view": "pockets",
		"coverage": "budget", "poor": "a, b", "dtks": "c", "suppress": "0", "day": "2025-06-30"} {
		if err := s.Set(name, v); err != nil {
			t.Fatalf("Set(%s, %q): %v", name, v, err)
		}
	}
	day, _ := time.Parse("2006-01-02", "2025-06-30")
	if s.Indicator != "ike_2024" || s.Period != "2024" || !s.Smooth || s.Weights.Rule != spatial.Rook || s.Weights.Tolerance != 12.5 ||
		s.Pockets.Permutations != 499 || s.Pockets.Seed != 7 || s.Pockets.Alpha != 0.01 || !s.Pockets.FDR ||
		!s.Pockets.UseThreshold || s.Pockets.Threshold != 0.6 || s.Method != classify.MethodJenks || s.Classes != 7 ||
		len(s.Breaks) != 3 || s.Breaks[1] != 2 || s.Level != LevelKecamatan || s.View != ViewClusters ||
		s.Coverage != MeasureBudget || len(s.Roles.Poor) != 2 || s.Roles.DTKS[0] != "c" || s.Suppress != 0 || !s.Day.Equal(day) {
		t.Errorf("settings after Set: %+v", s)
	}
	if len(SettingNames) != 20 {
		t.Errorf("%d setting names; a new setting needs Set and the help", len(SettingNames))
	}
	for name, v := range map[string]string{"tolerance": "dua", "permutations": "1.5", "seed": "-1", "method": "acak",
		"breaks": "1,x", "level": "dusun", "day": "30/06/2025", "warna": "merah", "fdr": "ya"} {
		if err := s.Set(name, v); err == nil {
			t.Errorf("Set(%s, %q) accepted", name, v)
		}
	}
	if !strings.Contains(SettingsHelp(), "--permutations N (999, 99–99999)") {
		t.Errorf("help does not give the defaults and limits:\n%s", SettingsHelp())
	}
}
