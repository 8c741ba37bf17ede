package assets

import _ "embed"

// RegionCodes lists the Kemendagri codes of every province ("35") and
// kabupaten/kota ("35.23") of Indonesia, one a line as "code<TAB>name",
// sorted by code: 38 provinces, 416 kabupaten and 98 kota. The household
// validator uses it for the rule NIK-WILAYAH (digits 1–4 of a NIK are the
// province and kabupaten/kota of first registration). It is generated from
// the national code list (indonesia-kode-wilayah.csv.gz, Kepmendagri
// 300.2.2-2138/2025 via cahyadsn/wilayah) so that the shipped program does
// not need that file; TestRegionCodesMatchNationalList checks it and
// rewrites it with -update.
//
//go:embed kode-provinsi-kabupaten.txt
var RegionCodes string
