package model

import "testing"

func TestRemapSpan(t *testing.T) {
	const old = "Jeg hedder Åse og jeg er ensom."
	cases := []struct {
		name, new  string
		start, end int
		want       string
		ok         bool
	}{
		{"edit before", "Jeg hedder [Borger-1] og jeg er ensom.", 18, 30, "og jeg er ensom", true},
		{"edit after", "Jeg hedder Åse og jeg er ensom, siger hun.", 0, 10, "Jeg hedder", true},
		{"edit inside", "Jeg hedder [Borger-1] og jeg er ensom.", 4, 17, "hedder [Borger-1] og", true},
		{"span removed", "Jeg hedder og jeg er ensom.", 11, 14, "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.name == "edit before" || c.name == "edit after" {
				// the spans name their words in old
				c.start, c.end = runeIndex(old, c.want), runeIndex(old, c.want)+len([]rune(c.want))
			}
			s, e, ok := RemapSpan(old, c.new, c.start, c.end)
			if ok != c.ok {
				t.Fatalf("ok %v, want %v", ok, c.ok)
			}
			if !ok {
				return
			}
			if got := string([]rune(c.new)[s:e]); got != c.want {
				t.Fatalf("span %q, want %q", got, c.want)
			}
		})
	}
}

func runeIndex(s, sub string) int {
	r, w := []rune(s), []rune(sub)
	for i := 0; i+len(w) <= len(r); i++ {
		if string(r[i:i+len(w)]) == sub {
			return i
		}
	}
	return -1
}

func TestFindSpan(t *testing.T) {
	for _, c := range []struct {
		text, phrase string
		start, end   int
		ok           bool
	}{
		{"Åse så køleskabet", "køleskabet", 7, 17, true},
		{"ingen", "mad", 0, 0, false},
		{"tom", "", 0, 0, false},
	} {
		s, e, ok := FindSpan(c.text, c.phrase)
		if s != c.start || e != c.end || ok != c.ok {
			t.Errorf("FindSpan(%q, %q) = %d, %d, %v", c.text, c.phrase, s, e, ok)
		}
	}
}
