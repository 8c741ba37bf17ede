package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"sort"

	"github.com/dinsos-tuban/pocketmap/sample"
	"github.com/dinsos-tuban/pocketmap/store"
)

// cmdSample writes a synthetic household list for the areas of the
// database, with errors of every kind planted at a known rate: for
// training, demonstrations and tests. Every name and number in it is
// invented.
func cmdSample(ctx context.Context, db *store.DB, args []string, out io.Writer) error {
	if len(args) == 0 || args[0] != "households" {
		return usageError{"sample memerlukan: households --out BERKAS.csv [--n 150000] [--seed 1] [--error-rate 0.01]"}
	}
	fs := flag.NewFlagSet("sample households", flag.ContinueOnError)
	outPath := fs.String("out", "", "")
	n := fs.Int("n", sample.DefaultHouseholds, "")
	seed := fs.Uint64("seed", 1, "")
	rate := fs.Float64("error-rate", sample.DefaultErrorRate, "")
	if _, err := parseArgs(fs, args[1:]); err != nil {
		return err
	}
	if *outPath == "" || *n < 1 {
		return usageError{"sample households memerlukan --out BERKAS.csv dan --n ≥ 1"}
	}
	areas, err := db.Areas(ctx)
	if err != nil {
		return err
	}
	list := sample.Households(areas, *seed, sample.HouseholdOptions{Households: *n, ErrorRate: *rate})
	if err := writePrivateFile(*outPath, list.WriteCSV); err != nil {
		return err
	}
	fmt.Fprintf(out, "%s: %d rumah tangga SINTETIS; kesalahan yang ditanam per aturan:\n", *outPath, len(list.Records))
	rules := make([]string, 0, len(list.Planted))
	for r := range list.Planted {
		rules = append(rules, r)
	}
	sort.Strings(rules)
	for _, r := range rules {
		fmt.Fprintf(out, "  %-20s %d\n", r, list.Planted[r])
	}
	return nil
}
