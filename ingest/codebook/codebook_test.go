package codebook

import (
	"reflect"
	"strings"
	"testing"
)

func TestMatcherTags(t *testing.T) {
	rules := []Rule{
		{Tag: "Borger", Pattern: "borger", Match: MatchStem},
		{Tag: "Pårørende", Pattern: "pårørende", Match: MatchStem},
		{Tag: "Ensomhed", Pattern: "ensom*", Match: MatchStem},
		{Tag: "Plan", Pattern: "borgerens plan", Match: MatchPhrase},
		{Tag: "Køleskab", Pattern: "kig* i køleskabet", Match: MatchPhrase},
		{Tag: "Uddannelse", Pattern: "uddannelse*", Match: MatchStem},
		{Tag: "123", Pattern: "1-2-3-tilgang*", Match: MatchPhrase},
		{Tag: "Ærø", Pattern: "ærø", Match: MatchStem},
	}
	m, err := NewMatcher(rules)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"stem base", "En borger kom ind.", []string{"Borger"}},
		{"stem definite", "Borgeren sagde nej.", []string{"Borger"}},
		{"stem plural genitive", "Borgernes ønsker.", []string{"Borger"}},
		{"stem pårørendes", "De pårørendes rolle", []string{"Pårørende"}},
		{"stem upper", "PÅRØRENDE", []string{"Pårørende"}},
		{"stem not inside word", "medborgerskab", nil},
		{"prefix ensomhed", "Ensomheden fylder.", []string{"Ensomhed"}},
		{"prefix ensomme", "de ensomme ældre", []string{"Ensomhed"}},
		{"prefix not middle", "uensom", nil},
		{"prefix on raw word", "Uddannelsen gik godt", []string{"Uddannelse"}},
		{"phrase inflected", "Vi fulgte borgerens planer.", []string{"Borger", "Plan"}},
		{"phrase plural subject", "borgernes plan", []string{"Borger", "Plan"}},
		{"phrase punctuation between", "borgerens, plan", []string{"Borger", "Plan"}},
		{"phrase not adjacent", "borgerens egen plan", []string{"Borger"}},
		{"phrase wrong order", "plan borgerens", []string{"Borger"}},
		{"phrase with prefix word", "Hun kiggede i køleskabet igen.", []string{"Køleskab"}},
		{"phrase at end cut", "hun kiggede i", nil},
		{"digits and hyphens", "Vi brugte 1-2-3-tilgangen.", []string{"123"}},
		{"æøå word", "Hun bor på Ærø.", []string{"Ærø"}},
		{"æøå not prefix", "ærøboer", nil},
		{"several sorted unique", "Borgeren er ensom. Borgeren er ensom.", []string{"Borger", "Ensomhed"}},
		{"empty", "", nil},
		{"unrelated", "Bussen kørte kl. 8.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := m.Tags(tt.text)
			if len(got) == 0 {
				got = nil
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Tags(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestNewMatcherErrors(t *testing.T) {
	tests := []struct {
		name string
		rule Rule
		want string // substrings of the error
	}{
		{"empty tag", Rule{Tag: " ", Pattern: "mad", Match: MatchStem}, "empty tag"},
		{"empty pattern", Rule{Tag: "Mad", Pattern: "", Match: MatchStem}, "empty pattern"},
		{"unknown kind", Rule{Tag: "Mad", Pattern: "mad", Match: "regex"}, `unknown match kind "regex"`},
		{"stem with two words", Rule{Tag: "Mad", Pattern: "god mad", Match: MatchStem}, "one word"},
		{"star inside", Rule{Tag: "Mad", Pattern: "m*d", Match: MatchStem}, `"*" may only end`},
		{"no letters", Rule{Tag: "Mad", Pattern: "- *", Match: MatchPhrase}, "no letters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok := Rule{Tag: "OK", Pattern: "ok", Match: MatchStem}
			_, err := NewMatcher([]Rule{ok, tt.rule})
			if err == nil {
				t.Fatalf("NewMatcher(%+v) succeeded", tt.rule)
			}
			for _, want := range []string{"rule 2", tt.want} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not mention %q", err, want)
				}
			}
		})
	}
}

func TestNewMatcherEmpty(t *testing.T) {
	m, err := NewMatcher(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Tags("borgeren er ensom"); len(got) != 0 {
		t.Errorf("Tags with no rules = %v", got)
	}
}

func BenchmarkTags(b *testing.B) {
	_, rules := Starter()
	m, err := NewMatcher(rules)
	if err != nil {
		b.Fatal(err)
	}
	sentences := []string{
		"Borgeren fortalte, at hun ofte står op om natten og kigger i køleskabet.",
		"Vi talte om, hvordan hendes datter kan hjælpe med papirerne fra kommunen.",
		"Medarbejderen stillede spørgsmål før hun gav svar, og de skabte mening sammen.",
		"Han har været uden for arbejdsmarkedet i mange år og savner et fællesskab.",
		"Det var svært at forstå brevet, fordi det var fyldt med fagsprog og paragraffer.",
		"Bussen kørte fra banegården, og vejret var fint hele dagen ved fjorden.",
	}
	var words []string
	for len(words) < 1000 {
		for _, s := range sentences {
			words = append(words, strings.Fields(s)...)
		}
	}
	text := strings.Join(words[:1000], " ")
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		m.Tags(text)
	}
}

func FuzzTags(f *testing.F) {
	for _, s := range []string{"Borgeren kiggede i køleskabet om natten.", "1-2-3-tilgangen", "\xff\xfeÆØÅ", "e-Boks"} {
		f.Add(s)
	}
	_, rules := Starter()
	m, err := NewMatcher(rules)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		tags := m.Tags(text)
		for i := 1; i < len(tags); i++ {
			if tags[i-1] >= tags[i] {
				t.Fatalf("Tags not sorted and unique: %v", tags)
			}
		}
	})
}
