// Package ingest reads tabular indicator data (CSV, wide or long) keyed by
// Kemendagri code or by area name, checks every row, and matches the rows to
// known areas with a join-health report. It writes nothing: the store
// applies a checked Table in one transaction.
package ingest
