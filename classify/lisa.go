package classify

import "image/color"

// LISAColors are the fills of a LISA cluster map, keyed by cluster: "HH"
// (high value among high neighbours, a poverty pocket), "LL", "LH", "HL"
// and "ns" (not significant). They are GeoDa's own, so a map made here
// reads like one made there: High-High (255,0,0), Low-Low (0,0,255),
// Low-High (150,150,255), High-Low (255,150,150) and not significant
// (240,240,240), as set in GeoDa's LisaMapCanvas (Explore/LisaMapNewView.cpp).
// Areas without a value use NoData, a darker grey than "ns".
var LISAColors = map[string]color.RGBA{
	"HH": {255, 0, 0, 255},
	"LL": {0, 0, 255, 255},
	"LH": {150, 150, 255, 255},
	"HL": {255, 150, 150, 255},
	"ns": {240, 240, 240, 255},
}

// LISALabels are the Indonesian legend labels of the LISA clusters, keyed
// as LISAColors.
var LISALabels = map[string]string{
	"HH": "Tinggi-Tinggi",
	"LL": "Rendah-Rendah",
	"LH": "Rendah-Tinggi",
	"HL": "Tinggi-Rendah",
	"ns": "Tidak signifikan",
}

// PocketSuffix marks the cluster that holds the poverty pockets in a
// legend: "Tinggi-Tinggi (kantong)".
const PocketSuffix = " (kantong)"

// LISAOrder is the order in which a legend lists the clusters, as GeoDa
// does after "not significant".
var LISAOrder = []string{"HH", "LL", "LH", "HL", "ns"}
