// Package bpstest makes BPS-coded test data from Tuban's Kemendagri code
// list: BPS numbers its kecamatan and desa differently from Kemendagri,
// and tests of the BPS crosswalk need files keyed that way.
package bpstest

import (
	"encoding/csv"
	"fmt"
	"os"
)

// CodeList is where the tests find Tuban's code list, relative to a
// package directory two levels below the repository.
const CodeList = "shared/data/tuban-kode-wilayah.csv"

// Row is one area of the code list.
type Row struct {
	Code, Name, Level, Kec, KecName string
}

// Numbers reads the code list at path (columns kode, nama, tingkat,
// kode_kec, nama_kec, …) and gives each desa and kelurahan a BPS-style
// code, numbering the kecamatan 010, 020, … and their desa 001, 002, … in
// the list's order. It returns the rows and the BPS code by Kemendagri
// code.
func Numbers(path string) ([]Row, map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	var rows []Row
	bps := map[string]string{}
	kecNo, desaNo := map[string]int{}, map[string]int{}
	for _, r := range recs[1:] {
		if len(r) < 5 {
			return nil, nil, fmt.Errorf("%s: a row of %d fields", path, len(r))
		}
		row := Row{Code: r[0], Name: r[1], Level: r[2], Kec: r[3], KecName: r[4]}
		switch row.Level {
		case "kecamatan":
			kecNo[row.Code] = (len(kecNo) + 1) * 10
		case "desa", "kelurahan":
			desaNo[row.Kec]++
			bps[row.Code] = fmt.Sprintf("3523%03d%03d", kecNo[row.Kec], desaNo[row.Kec])
		}
		rows = append(rows, row)
	}
	return rows, bps, nil
}
