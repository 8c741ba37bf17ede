package dbcopy

import (
	"testing"
	"time"
)

// TestCanon: the two drivers' forms of one value become one canonical
// form.
func TestCanon(t *testing.T) {
	for _, tc := range []struct {
		kind byte
		a, b any
	}{
		{'b', int64(1), true},
		{'j', `{"b":1, "a":[1,2]}`, map[string]any{"a": []any{1, 2}, "b": 1}},
		{'d', "2025-01-31", time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC)},
		{'s', "2025-01-31T10:00:00+07:00", time.Date(2025, 1, 31, 3, 0, 0, 0, time.UTC)},
		{'i', int32(7), int64(7)},
		{'t', []byte("Jlodro"), "Jlodro"},
	} {
		x, err1 := Canon(tc.kind, tc.a)
		y, err2 := Canon(tc.kind, tc.b)
		if err1 != nil || err2 != nil || x != y {
			t.Errorf("kind %c: %v (%T) vs %v (%T) — %v %v", tc.kind, x, x, y, y, err1, err2)
		}
	}
	if _, err := Canon('i', "x"); err == nil {
		t.Error("a text as an integer: no error")
	}
}
