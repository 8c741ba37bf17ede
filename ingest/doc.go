// Package ingest reads tabular data: indicator files (CSV, wide or long) keyed by
// Kemendagri code or by area name, checks every row, and matches the rows to
// known areas with a join-health report. It writes nothing: the store
// applies a checked Table in one transaction. It also streams household
// lists (DTKS/DTSEN, CSV or XLSX) through a column mapping into
// household.Records, for the household validator.
package ingest
