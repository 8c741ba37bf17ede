package pgtest

import (
	"context"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestMain(m *testing.M) { os.Exit(Main(m)) }

// TestDatabase: each database is new and has PostGIS.
func TestDatabase(t *testing.T) {
	ctx := context.Background()
	for range 2 {
		c, err := pgx.Connect(ctx, Database(t))
		if err != nil {
			t.Fatal(err)
		}
		var v string
		if err := c.QueryRow(ctx, `SELECT postgis_version()`).Scan(&v); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := c.QueryRow(ctx, `SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'spatial_ref_sys'`).Scan(&n); err != nil || n != 0 {
			t.Fatalf("%d tables in a new database (%v)", n, err)
		}
		c.Exec(ctx, `CREATE TABLE x(a int)`)
		c.Close(ctx)
	}
}
