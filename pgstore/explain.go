package pgstore

import (
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// serverFaults says in Indonesian, for the PostgreSQL error codes a user
// can meet, what happened and what to do.
var serverFaults = map[string]string{
	"42501": "peran Anda di server kantor tidak mengizinkan tindakan ini (viewer: melihat; planner: + intervensi; data: + daftar rumah tangga dan indikator; admin: + batas wilayah); minta admin menambah peran Anda",
	"28000": "server kantor menolak pengguna ini; periksa nama pengguna, atau minta admin menambahkannya (pocketmap server user add)",
	"28P01": "kata sandi server kantor salah; perbaiki baris untuk server ini di ~/.pgpass",
	"3D000": "basis data itu tidak ada di server kantor; periksa nama basis data di alamatnya",
	"40001": "dua komputer menyimpan bersamaan; ulangi",
	"40P01": "dua komputer menyimpan bersamaan; ulangi",
	"53300": "server kantor sedang melayani terlalu banyak sambungan; coba lagi sebentar lagi",
}

// Explain returns err's message with a server error in it (English, from
// PostgreSQL) replaced by what happened and what to do, in Indonesian;
// other errors are returned as they are.
func Explain(err error) string {
	if err == nil {
		return ""
	}
	msg := err.Error()
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		if strings.Contains(msg, "failed to connect") || strings.Contains(msg, "connection refused") {
			return msg + ": server kantor tidak dapat dihubungi; periksa jaringan dan alamat server, atau bekerja dengan berkas lokal"
		}
		return msg
	}
	why, ok := serverFaults[pe.Code]
	if !ok {
		return msg
	}
	if inner := pe.Error(); inner != "" && strings.Contains(msg, inner) {
		return strings.Replace(msg, inner, why, 1)
	}
	return msg + ": " + why
}
