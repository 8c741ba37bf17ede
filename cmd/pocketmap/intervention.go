package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/store"
)

func cmdIntervention(ctx context.Context, db *store.DB, args []string, out io.Writer) error {
	if len(args) == 0 {
		return usageError{"intervention memerlukan add, list, delete atau undo"}
	}
	switch args[0] {
	case "add":
		return interventionAdd(ctx, db, args[1:], out)
	case "list":
		return interventionList(ctx, db, args[1:], out)
	case "delete":
		if len(args) != 2 {
			return usageError{"intervention delete memerlukan satu ID"}
		}
		id, err := strconv.ParseInt(args[1], 10, 64)
		if err != nil || id <= 0 {
			return usageError{fmt.Sprintf("ID %q bukan bilangan bulat positif", args[1])}
		}
		if err := db.DeleteIntervention(ctx, id); err != nil {
			return err
		}
		fmt.Fprintf(out, "intervensi %d dihapus\n", id)
		return nil
	case "programmes", "programs":
		return interventionProgrammes(ctx, db, args[1:], out)
	case "undo":
		c, err := db.UndoLast(ctx)
		if err != nil {
			return err
		}
		if c == nil {
			fmt.Fprintln(out, "Tidak ada perubahan yang dapat diurungkan.")
			return nil
		}
		fmt.Fprintln(out, describeUndo(c))
		return nil
	}
	return usageError{fmt.Sprintf("intervention %q tidak dikenal (add, list, delete, undo)", args[0])}
}

func interventionAdd(ctx context.Context, db *store.DB, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("intervention add", flag.ContinueOnError)
	programme := fs.String("programme", "", "")
	priority := fs.String("priority", "", "")
	areas := fs.String("areas", "", "")
	budget := fs.String("budget", "", "")
	start := fs.String("start", "", "")
	end := fs.String("end", "", "")
	agency := fs.String("agency", aid.Agencies[0], "")
	funding := fs.String("funding", aid.FundingSources[0], "")
	households := fs.Int("households", 0, "")
	persons := fs.Int("persons", 0, "")
	status := fs.String("status", "rencana", "")
	notes := fs.String("notes", "", "")
	repeat := fs.Int("repeat", 1, "") // save N copies, each in its own transaction (batch jobs, durability tests)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{fmt.Sprintf("argumen %q tidak dikenal", pos[0])}
	}
	iv := &aid.Intervention{Programme: *programme, Agency: *agency, Funding: *funding, Households: *households, Persons: *persons, Notes: *notes}
	var problems []string
	if *priority == "" {
		problems = append(problems, "--priority wajib: validasi-data, peningkatan-pendapatan atau pengurangan-beban")
	} else if iv.Priority, err = aid.ParsePriority(*priority); err != nil {
		problems = append(problems, "--priority: "+err.Error())
	}
	if iv.Status, err = aid.ParseStatus(*status); err != nil {
		problems = append(problems, "--status: "+err.Error())
	}
	if *budget == "" {
		problems = append(problems, "--budget wajib (rupiah bulat, boleh 0)")
	} else if iv.Budget, err = aid.ParseRupiah(*budget); err != nil {
		problems = append(problems, "--budget: "+err.Error())
	}
	for _, d := range []struct {
		name string
		s    string
		t    *time.Time
	}{{"--start", *start, &iv.Start}, {"--end", *end, &iv.End}} {
		if d.s == "" {
			problems = append(problems, d.name+" wajib (TTTT-BB-HH)")
			continue
		}
		t, err := time.Parse(aid.DateLayout, d.s)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s %q bukan tanggal TTTT-BB-HH", d.name, d.s))
			continue
		}
		*d.t = t
	}
	for _, c := range strings.Split(*areas, ",") {
		if c = strings.TrimSpace(c); c != "" {
			iv.Areas = append(iv.Areas, c)
		}
	}
	if len(problems) > 0 {
		return usageError{strings.Join(problems, "; ")}
	}
	if *repeat < 1 {
		return usageError{"--repeat harus minimal 1"}
	}
	for range *repeat {
		copy := *iv
		id, err := db.AddIntervention(ctx, &copy)
		var fe aid.FieldErrors
		if errors.As(err, &fe) {
			return usageError{strings.ReplaceAll(fe.Error(), "\n", " ")}
		}
		if err != nil {
			return err
		}
		// Printed only after the transaction has committed: an
		// acknowledged save.
		fmt.Fprintf(out, "id=%d\n", id)
	}
	return nil
}

// interventionProgrammes lists the programme list, or edits it.
func interventionProgrammes(ctx context.Context, db *store.DB, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("intervention programmes", flag.ContinueOnError)
	add := fs.String("add", "", "")
	rename := fs.String("rename", "", "")
	deactivate := fs.String("deactivate", "", "")
	activate := fs.String("activate", "", "")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	var err error
	switch {
	case *add != "":
		err = db.AddProgramme(ctx, *add)
	case *rename != "":
		old, nu, ok := strings.Cut(*rename, "=")
		if !ok || strings.TrimSpace(nu) == "" {
			return usageError{"--rename LAMA=BARU"}
		}
		err = db.RenameProgramme(ctx, strings.TrimSpace(old), strings.TrimSpace(nu))
	case *deactivate != "":
		err = db.SetProgrammeActive(ctx, *deactivate, false)
	case *activate != "":
		err = db.SetProgrammeActive(ctx, *activate, true)
	}
	if err != nil {
		return err
	}
	ps, err := db.AllProgrammes(ctx)
	if err != nil {
		return err
	}
	w := csv.NewWriter(out)
	w.Write([]string{"programme", "active"})
	for _, p := range ps {
		w.Write([]string{p.Name, strconv.FormatBool(p.Active)})
	}
	w.Flush()
	return w.Error()
}

func interventionList(ctx context.Context, db *store.DB, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("intervention list", flag.ContinueOnError)
	area := fs.String("area", "", "")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	ivs, err := db.Interventions(ctx, store.InterventionFilter{Area: *area})
	if err != nil {
		return err
	}
	w := csv.NewWriter(out)
	w.Write([]string{"id", "programme", "priority", "agency", "areas", "budget", "households", "start", "end", "status"})
	for _, iv := range ivs {
		w.Write([]string{strconv.FormatInt(iv.ID, 10), iv.Programme, iv.Priority.Key(), iv.Agency, strings.Join(iv.Areas, ";"),
			strconv.FormatInt(iv.Budget, 10), strconv.Itoa(iv.Households), iv.Start.Format(aid.DateLayout), iv.End.Format(aid.DateLayout), iv.Status.String()})
	}
	w.Flush()
	return w.Error()
}
