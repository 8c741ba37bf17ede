package clilog

import "testing"

func TestHasCommand(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{nil, false},
		{[]string{"--db", "x.db"}, false},
		{[]string{"-db=x.db"}, false},
		{[]string{"--db=x.db", "areas"}, true},
		{[]string{"--db", "x.db", "help"}, true},
		{[]string{"pockets", "--indicator", "rt"}, true},
	} {
		if got := HasCommand(tc.args); got != tc.want {
			t.Errorf("HasCommand(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}
