package store

import (
	"path/filepath"
	"testing"

	"github.com/dinsos-tuban/pocketmap/internal/storetest"
)

// contractDB opens a new SQLite store for a contract subtest.
func contractDB(t *testing.T) *DB {
	db, err := Open(filepath.Join(t.TempDir(), "kontrak.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestContract runs the stores' shared contract on the SQLite store.
func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store { return contractDB(t) })
	storetest.RunInterventions(t, func(t *testing.T) storetest.InterventionStore { return contractDB(t) })
	storetest.RunHouseholds(t, func(t *testing.T) storetest.HouseholdStore { return contractDB(t) })
	storetest.RunConflicts(t, func(t *testing.T) (storetest.InterventionStore, storetest.InterventionStore) {
		a := contractDB(t)
		b, err := Open(a.Path())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { b.Close() })
		a.User, b.User = "sari", "budi"
		return a, b
	})
}
