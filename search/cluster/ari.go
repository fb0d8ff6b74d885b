package cluster

import "math"

// AdjustedRandIndex compares two labellings of the same items (Hubert and
// Arabie, 1985): 1 for identical partitions up to renaming, about 0 for
// chance agreement, negative for worse than chance. Label values are only
// names. When both partitions are trivial in the same way (all in one
// group, or all apart) the index is 1, as in scikit-learn. It returns NaN
// when the slices differ in length.
func AdjustedRandIndex(truth, pred []int) float64 {
	if len(truth) != len(pred) {
		return math.NaN()
	}
	type pair struct{ t, p int }
	cells := map[pair]int{}
	rows := map[int]int{}
	cols := map[int]int{}
	for i := range truth {
		cells[pair{truth[i], pred[i]}]++
		rows[truth[i]]++
		cols[pred[i]]++
	}
	choose2 := func(n int) float64 { return float64(n) * float64(n-1) / 2 }
	var index, sumRows, sumCols float64
	for _, n := range cells {
		index += choose2(n)
	}
	for _, n := range rows {
		sumRows += choose2(n)
	}
	for _, n := range cols {
		sumCols += choose2(n)
	}
	total := choose2(len(truth))
	if total == 0 {
		return 1
	}
	expected := sumRows * sumCols / total
	maxIndex := (sumRows + sumCols) / 2
	if maxIndex == expected {
		return 1
	}
	return (index - expected) / (maxIndex - expected)
}
