package app

import "indsigt/model"

// pseudonymMap maps character offsets of a text before pseudonymization
// to the stored text, so that a span coded in another tool lands on the
// same words after names and numbers were replaced by codes ("[Borger-1]").
// The stored text is the old one with some runs replaced by bracketed
// codes: equal runes are walked in step; at a code, the old run it
// replaced ends where the text after the code resumes. A span boundary
// inside a replaced run moves to the code's edge, so the span keeps the
// code. When the texts do not fit that shape, model.RemapSpan (one
// changed region) is the fallback.
type pseudonymMap struct {
	old, new    string
	start, end  []int // per old offset 0…len: the new offset as a span's start, as its end
	approximate bool
}

// anchorRunes is how much text after a code must match to find where the
// replaced run ended.
const anchorRunes = 12

func newPseudonymMap(old, new string) *pseudonymMap {
	m := &pseudonymMap{old: old, new: new}
	if old == new {
		return m
	}
	o, n := []rune(old), []rune(new)
	m.start, m.end = make([]int, len(o)+1), make([]int, len(o)+1)
	i, j := 0, 0
	for i < len(o) && j < len(n) {
		if o[i] == n[j] {
			m.start[i], m.end[i] = j, j
			i, j = i+1, j+1
			continue
		}
		i2, k, ok := replaced(o, n, i, j)
		if !ok {
			m.approximate = true
			return m
		}
		for x := i; x < i2; x++ {
			m.start[x], m.end[x] = j, k
		}
		m.end[i] = j // a span ending where the replaced run begins stops before the code
		i, j = i2, k
	}
	if i != len(o) || j != len(n) {
		m.approximate = true
		return m
	}
	m.start[len(o)], m.end[len(o)] = len(n), len(n)
	return m
}

// replaced finds, for a code starting at n[j], its end k and the end i2 of
// the old run it replaced (which starts at o[i]).
func replaced(o, n []rune, i, j int) (i2, k int, ok bool) {
	if n[j] != '[' {
		return 0, 0, false
	}
	k = j + 1
	for k < len(n) && n[k] != ']' && n[k] != ' ' && n[k] != '\n' && k-j < 40 {
		k++
	}
	if k >= len(n) || n[k] != ']' {
		return 0, 0, false
	}
	k++
	anchor := n[k:]
	for x, r := range anchor {
		if r == '[' || x == anchorRunes {
			anchor = anchor[:x]
			break
		}
	}
	if len(anchor) == 0 {
		if k == len(n) {
			return len(o), k, true
		}
		return 0, 0, false
	}
	for i2 = i + 1; i2+len(anchor) <= len(o); i2++ {
		if equalRunes(o[i2:i2+len(anchor)], anchor) {
			return i2, k, true
		}
	}
	return 0, 0, false
}

func equalRunes(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// span maps [start, end) of the old text; ok is false when nothing is left.
func (m *pseudonymMap) span(start, end int) (int, int, bool) {
	switch {
	case m.old == m.new:
		return start, end, end > start
	case m.approximate:
		return model.RemapSpan(m.old, m.new, start, end)
	}
	s, e := m.start[start], m.end[end]
	return s, e, e > s
}
