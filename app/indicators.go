package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/dinsos-tuban/pocketmap/geo"
)

// IndicatorInfo is an indicator with the periods it has values for.
type IndicatorInfo struct {
	geo.Indicator
	Periods []string
}

// ListIndicators returns every indicator in display order with its
// periods.
func (s *Service) ListIndicators(ctx context.Context) ([]IndicatorInfo, error) {
	inds, err := s.Indicators.Indicators(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]IndicatorInfo, len(inds))
	for i, ind := range inds {
		ps, err := s.Indicators.Periods(ctx, ind.Key)
		if err != nil {
			return nil, err
		}
		out[i] = IndicatorInfo{Indicator: ind, Periods: ps}
	}
	return out, nil
}

// IndicatorEdit is a change to what a user may edit of an indicator; nil
// fields stay as they are.
type IndicatorEdit struct {
	Label, Unit, Source *string
	Poorer              *geo.Direction
	// Kind is geo.KindCount or geo.KindValue (how a kecamatan sums it up);
	// a rate's kind cannot be changed.
	Kind *string
}

// EditIndicator applies an edit to the indicator with key and returns it
// as saved. An empty label falls back to the key.
func (s *Service) EditIndicator(ctx context.Context, key string, e IndicatorEdit) (geo.Indicator, error) {
	inds, err := s.Indicators.Indicators(ctx)
	if err != nil {
		return geo.Indicator{}, err
	}
	if key == "" {
		return geo.Indicator{}, Problems{{"indicator", "sebutkan kunci indikator"}}
	}
	ind, err := IndicatorByKey(inds, key)
	if err != nil {
		return ind, err
	}
	if e.Label != nil {
		ind.Label = strings.TrimSpace(*e.Label)
		if ind.Label == "" {
			ind.Label = ind.Key
		}
	}
	if e.Unit != nil {
		ind.Unit = strings.TrimSpace(*e.Unit)
	}
	if e.Source != nil {
		ind.Source = strings.TrimSpace(*e.Source)
	}
	if e.Poorer != nil {
		ind.Poorer = *e.Poorer
	}
	if e.Kind != nil {
		k, err := geo.ParseKind(*e.Kind)
		if err != nil {
			return ind, Problems{{"kind", err.Error()}}
		}
		if ind.Derived() {
			return ind, Problems{{"kind", fmt.Sprintf("indikator %s adalah rasio (%s / %s); jenisnya tidak dapat diubah", ind.Key, ind.Numerator, ind.Denominator)}}
		}
		ind.Sort = k
	}
	if err := s.Indicators.UpdateIndicator(ctx, ind); err != nil {
		return ind, fmt.Errorf("mengubah indikator %s: %w", key, err)
	}
	return ind, nil
}

// AreaValues returns the latest value of every indicator for one area, in
// display order.
func (s *Service) AreaValues(ctx context.Context, code string) ([]geo.AreaValue, error) {
	return s.Indicators.AreaValues(ctx, code)
}
