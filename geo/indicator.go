package geo

// Indicator describes a measure kept per area and period. A derived
// indicator is the ratio Numerator/Denominator of two count indicators,
// times Scale (100 for a percentage), always computed from the counts and
// never by averaging rates.
type Indicator struct {
	Key            string  // stable identifier, e.g. "rt_desil1"
	Label          string  // Indonesian label shown in the UI
	Unit           string  // "rumah tangga", "jiwa", "%"
	HigherIsPoorer bool    // true when a higher value means more poverty
	Source         string  // where the numbers come from
	Period         string  // default period, e.g. "2025"
	Synthetic      bool    // true for generated sample data
	Numerator      string  // for derived indicators: key of the numerator count
	Denominator    string  // for derived indicators: key of the denominator count
	Scale          float64 // for derived indicators: factor, e.g. 100
}

// Derived reports whether the indicator is a ratio of two other indicators.
func (ind Indicator) Derived() bool { return ind.Numerator != "" && ind.Denominator != "" }

// Value is one indicator value for one area and period.
type Value struct {
	Code      string
	Indicator string
	Period    string
	Value     float64
}
