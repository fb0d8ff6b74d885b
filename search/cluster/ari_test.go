package cluster

import (
	"math"
	"testing"
)

func TestAdjustedRandIndex(t *testing.T) {
	// Expected values are those of scikit-learn's adjusted_rand_score.
	tests := []struct {
		name        string
		truth, pred []int
		want        float64
	}{
		{"identical", []int{0, 0, 1, 1}, []int{0, 0, 1, 1}, 1},
		{"renamed", []int{0, 0, 1, 1}, []int{1, 1, 0, 0}, 1},
		{"split one group", []int{0, 0, 1, 2}, []int{0, 0, 1, 1}, 4.0 / 7},
		{"merged groups", []int{0, 0, 1, 1}, []int{0, 0, 1, 2}, 4.0 / 7},
		{"all together vs all apart", []int{0, 0, 0, 0}, []int{0, 1, 2, 3}, 0},
		{"worse than chance", []int{0, 0, 1, 1}, []int{0, 1, 0, 1}, -0.5},
		{"both all apart", []int{0, 1, 2}, []int{5, 6, 7}, 1},
		{"both one group", []int{3, 3, 3}, []int{1, 1, 1}, 1},
		{"single item", []int{0}, []int{9}, 1},
		{"empty", nil, nil, 1},
		// By hand: index 2, row pairs 6, column pairs 3, 15 pairs, so
		// expected 6·3/15 = 1.2, max 4.5: (2-1.2)/(4.5-1.2) = 8/33.
		{"partial", []int{0, 0, 0, 1, 1, 1}, []int{0, 0, 1, 1, 2, 2}, 8.0 / 33},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := AdjustedRandIndex(tt.truth, tt.pred)
			if math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("ARI = %v, want %v", got, tt.want)
			}
			if rev := AdjustedRandIndex(tt.pred, tt.truth); math.Abs(rev-got) > 1e-12 {
				t.Errorf("ARI not symmetric: %v vs %v", got, rev)
			}
		})
	}
}

func TestAdjustedRandIndexLengthMismatch(t *testing.T) {
	if got := AdjustedRandIndex([]int{0, 1}, []int{0}); !math.IsNaN(got) {
		t.Errorf("ARI of mismatched lengths = %v, want NaN", got)
	}
}
