// Package spatial finds where values cluster in space: contiguity weights
// built from the boundaries themselves (tolerant of the slivers and gaps of
// real desa data), global and local Moran's I with conditional permutation
// inference, Getis-Ord Gi*, and the roll-up of desa to kecamatan. It
// imports only the standard library, orb and geo.
package spatial
