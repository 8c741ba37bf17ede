// Package assets embeds what pocketmap ships with: the real Tuban desa and
// kecamatan boundaries (MIT, Cahya DSN; see LICENSE-data.txt) used as the
// default data set, and the application icon.
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

// BoundarySource names the embedded boundaries in status lines and reports.
const BoundarySource = "Batas wilayah: Kepmendagri 300.2.2-2138/2025 via cahyadsn/wilayah_boundaries (MIT)"

// Icon is the application icon, 512×512 PNG (drawn by tools/icon).
//
//go:embed icon.png
var Icon []byte
