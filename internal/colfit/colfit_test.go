package colfit

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestFitInts(t *testing.T) {
	for _, tc := range []struct {
		name     string
		cols     []Column[int]
		avail    int
		want     []int
		wantOK   bool
		overhead int
	}{
		{"all fit", []Column[int]{{3, 10}, {2, 5}}, 30, []int{10, 5}, true, 3},
		{"exactly", []Column[int]{{3, 10}, {2, 5}}, 21, []int{10, 5}, true, 3},
		{"widest gives way", []Column[int]{{3, 40}, {2, 5}, {4, 30}}, 50, []int{18, 5, 18}, true, 3},
		{"never below min", []Column[int]{{25, 40}, {2, 5}, {4, 30}}, 45, []int{25, 5, 6}, true, 3},
		{"tie goes to the last", []Column[int]{{1, 10}, {1, 10}, {1, 10}}, 26, []int{8, 9, 9}, true, 0},
		{"minimums do not fit", []Column[int]{{10, 40}, {12, 50}}, 20, []int{10, 12}, false, 0},
		{"pref below min", []Column[int]{{5, 1}}, 10, []int{5}, true, 0},
		{"no columns", nil, 10, []int{}, true, 3},
	} {
		got, ok := Fit(tc.cols, tc.avail, tc.overhead)
		if !slices.Equal(got, tc.want) || ok != tc.wantOK {
			t.Errorf("%s: Fit = %v, %v; want %v, %v", tc.name, got, ok, tc.want, tc.wantOK)
		}
	}
}

// narrowing is the rule Fit must agree with in whole columns: narrow the
// widest column that can still give way by one, the first on a tie,
// until the columns fit.
func narrowing(cols []Column[int], room int) ([]int, bool) {
	w := make([]int, len(cols))
	total, least := 0, 0
	for i, c := range cols {
		w[i] = max(c.Pref, c.Min)
		total += w[i]
		least += c.Min
	}
	if least > room {
		return nil, false
	}
	for total > room {
		widest := -1
		for i, c := range cols {
			if w[i] > c.Min && (widest < 0 || w[i] > w[widest]) {
				widest = i
			}
		}
		w[widest]--
		total--
	}
	return w, true
}

func TestFitMatchesNarrowing(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		cols := make([]Column[int], 1+rng.IntN(6))
		for i := range cols {
			cols[i].Min = 1 + rng.IntN(12)
			cols[i].Pref = rng.IntN(40)
		}
		room := rng.IntN(120)
		want, wantOK := narrowing(cols, room)
		got, ok := Fit(cols, room, 0)
		if ok != wantOK || ok && !slices.Equal(got, want) {
			t.Fatalf("Fit(%v, %d) = %v, %v; narrowing gives %v, %v", cols, room, got, ok, want, wantOK)
		}
	}
}

func TestFitMillimetres(t *testing.T) {
	cols := []Column[float64]{{Min: 10, Pref: 120}, {Min: 8, Pref: 20}, {Min: 30, Pref: 90}}
	got, ok := Fit(cols, 170, 3.6)
	if !ok {
		t.Fatal("not ok")
	}
	sum := 0.0
	for _, w := range got {
		sum += w + 3.6
	}
	if math.Abs(sum-170) > 1e-9 {
		t.Errorf("widths %v use %v mm, want 170", got, sum)
	}
	if got[1] != 20 || math.Abs(got[0]-got[2]) > 1e-9 {
		t.Errorf("widths %v: want the short column whole and the two wide ones equal", got)
	}
}

// TestFitManyColumns is fast for a table of many columns (a hostile
// template).
func TestFitManyColumns(t *testing.T) {
	cols := make([]Column[int], 100000)
	for i := range cols {
		cols[i] = Column[int]{Min: 1 + i%7, Pref: 1000 + i}
	}
	if _, ok := Fit(cols, 1<<20, 3); !ok {
		t.Fatal("not ok")
	}
}
