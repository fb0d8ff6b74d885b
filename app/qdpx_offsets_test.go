package app

import "testing"

func TestPseudonymMap(t *testing.T) {
	old := "Anne Jensen ringede til Bo om CPR 010190-1234 i går."
	new := "[Borger-1] ringede til [Person-1] om CPR [CPR-1] i går."
	m := newPseudonymMap(old, new)
	if m.approximate {
		t.Fatal("fell back to one changed region")
	}
	tests := []struct{ span, want string }{
		{"ringede til", "ringede til"},
		{"i går.", "i går."},
		{"Anne Jensen ringede", "[Borger-1] ringede"},
		{"Bo om CPR", "[Person-1] om CPR"},
		{"Jensen", "[Borger-1]"},
	}
	or, nr := []rune(old), []rune(new)
	for _, tt := range tests {
		i := indexRunes(or, []rune(tt.span))
		s, e, ok := m.span(i, i+len([]rune(tt.span)))
		if !ok || string(nr[s:e]) != tt.want {
			t.Errorf("%q → %q, want %q", tt.span, string(nr[s:e]), tt.want)
		}
	}
}

func indexRunes(hay, needle []rune) int {
	for i := 0; i+len(needle) <= len(hay); i++ {
		if equalRunes(hay[i:i+len(needle)], needle) {
			return i
		}
	}
	return -1
}
