package main

import (
	"image/color"
	"testing"
)

func TestDraw(t *testing.T) {
	img := Draw()
	if b := img.Bounds(); b.Dx() != 512 || b.Dy() != 512 {
		t.Fatalf("icon is %v, want 512×512", b)
	}
	if c := img.RGBAAt(0, 0); c.A != 0 {
		t.Errorf("corner %v is not transparent", c)
	}
	found := map[color.RGBA]bool{}
	for y := 0; y < 512; y++ {
		for x := 0; x < 512; x++ {
			found[img.RGBAAt(x, y)] = true
		}
	}
	for _, c := range append(ylOrRd[:], pinColor) {
		if !found[c] {
			t.Errorf("colour %v not drawn", c)
		}
	}
}
