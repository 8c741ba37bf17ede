// Package geo holds pocketmap's spatial domain: administrative areas with
// Kemendagri codes, their boundaries read from GeoJSON and checked, their
// hierarchy, ellipsoidal areas, label points, and the indexes used to find
// and draw them. It imports only the standard library and orb.
package geo
