// Package assets embeds what pocketmap ships with: the real Tuban desa and
// kecamatan boundaries (MIT, Cahya DSN; see LICENSE-data.txt) used as the
// default data set, the Village Development Index (IDM) 2023 and 2024 of
// its desa as Kemendes PDTT published it (SOURCES-idm.md), and the
// application icon.
package assets

import _ "embed"

// TubanDesa is the GeoJSON of Tuban's 328 desa and kelurahan.
//
//go:embed tuban-desa.geojson
var TubanDesa []byte

// TubanKecamatan is the GeoJSON of Tuban's 20 kecamatan, dissolved from the
// desa so that the two layers line up.
//
//go:embed tuban-kecamatan.geojson
var TubanKecamatan []byte

// DataLicense is the licence and attribution of the embedded boundaries.
//
//go:embed LICENSE-data.txt
var DataLicense string

// BoundarySource names the embedded boundaries in reports and exports.
const BoundarySource = "Batas wilayah: Kepmendagri 300.2.2-2138/2025 via cahyadsn/wilayah_boundaries (MIT)"

// BoundaryShort names them in the status line, which must fit a
// 1280-pixel projector.
const BoundaryShort = "Batas: Kepmendagri 2025 (cahyadsn, MIT)"

// Icon is the application icon, 512×512 PNG (drawn by tools/icon).
//
//go:embed icon.png
var Icon []byte

// IDM2023 and IDM2024 are the Village Development Index (Indeks Desa
// Membangun) of Tuban's 311 desa for 2023 and 2024 as Kemendes PDTT
// published them: real, official figures (see SOURCES-idm.md), in the
// publisher's columns (idm_2024, iks_2024, ike_2024, ikl_2024,
// status_idm_2024, …).
//
//go:embed idm2023_tuban_desa.csv
var IDM2023 []byte

//go:embed idm2024_tuban_desa.csv
var IDM2024 []byte

// IDMNotes is where the IDM files come from and how they were checked.
//
//go:embed SOURCES-idm.md
var IDMNotes string

// IDMSource is the Source of the shipped IDM indicators, shown wherever
// they are shown or exported.
const IDMSource = "Kemendes PDTT, Indeks Desa Membangun (data resmi)"
