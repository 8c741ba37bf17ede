package store

import (
	"path/filepath"
	"testing"

	"github.com/dinsos-tuban/pocketmap/internal/storetest"
)

// TestContract runs the stores' shared contract on the SQLite store.
func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store {
		db, err := Open(filepath.Join(t.TempDir(), "kontrak.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	})
}

// TestContractInterventions runs the interventions contract on SQLite.
func TestContractInterventions(t *testing.T) {
	storetest.RunInterventions(t, func(t *testing.T) storetest.InterventionStore {
		db, err := Open(filepath.Join(t.TempDir(), "kontrak.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	})
}

// TestContractHouseholds runs the household-list contract on SQLite.
func TestContractHouseholds(t *testing.T) {
	storetest.RunHouseholds(t, func(t *testing.T) storetest.HouseholdStore {
		db, err := Open(filepath.Join(t.TempDir(), "kontrak.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	})
}
