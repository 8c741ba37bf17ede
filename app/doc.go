// Package app holds pocketmap's use cases, each written once: analyse an
// indicator (classes, Moran's I, LISA, Gi*, pockets, kecamatan roll-up,
// intervention coverage and gaps), summarise and export it for Bakorwil,
// import boundaries, indicator files and household lists, and keep the
// interventions. The window (package ui), the command line
// (cmd/pocketmap) and every export call the same functions with the same
// Settings, so what is exported is what is on screen by construction.
//
// The package sits between the domain packages (geo, spatial, aid,
// household, classify) and the adapters around them: it reaches the data
// only through the repository interfaces declared beside the domain
// (geo.AreaRepository, geo.IndicatorRepository, aid.Repository,
// household.Repository), which package store implements, and it never
// imports Fyne or SQL.
package app
