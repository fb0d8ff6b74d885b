package codes

import (
	"slices"
	"testing"
)

func TestFindAndBlank(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"[Borger-3] siger at [CPR-1] og [Telefon-2] er givet", []string{"Borger-3", "CPR-1", "Telefon-2"}},
		{"skriv til [E-mail-1] eller [Adresse-1], spørg [Person-2]", []string{"E-mail-1", "Adresse-1", "Person-2"}},
		{"Medarbejder-1: hvordan går det? Borger-12: fint", []string{"Medarbejder-1", "Borger-12"}},
		{"borgeren og borgerne i 2018-2019 [sic] [note]", nil},
		{"Borger-3x er ikke en kode, [Borger-3] er", []string{"Borger-3"}},
	}
	for _, c := range cases {
		got := Values(c.text)
		if !slices.Equal(got, c.want) {
			t.Errorf("Values(%q) = %q, want %q", c.text, got, c.want)
		}
		b := BlankString(c.text)
		if len(b) != len(c.text) {
			t.Errorf("Blank changed the length of %q", c.text)
		}
		if len(c.want) > 0 && len(Find(b)) != 0 {
			t.Errorf("Blank(%q) = %q still holds codes", c.text, b)
		}
		if len(c.want) == 0 && b != c.text {
			t.Errorf("Blank(%q) = %q, want unchanged", c.text, b)
		}
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]string{"[Borger-1]": "Borger-1", "Borger-1": "Borger-1", "E-mail-2": "E-mail-2", "[CPR-1]": "CPR-1"} {
		if got, ok := Parse(in); !ok || got != want {
			t.Errorf("Parse(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"borger", "2018-2019", "[Borger]", "Borger-", "hjemme-hjælp", "COVID-19"} {
		if got, ok := Parse(in); ok {
			t.Errorf("Parse(%q) = %q, want no code", in, got)
		}
	}
	if !IsPerson("Borger-3") || !IsPerson("Medarbejder-1") || IsPerson("CPR-1") || IsPerson("E-mail-1") {
		t.Error("IsPerson")
	}
}

func BenchmarkBlank(b *testing.B) {
	text := []byte("Borgeren fortæller at hjemmehjælpen kommer for sent, og [Borger-3] siger det samme om [Medarbejder-1].")
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Blank(text)
	}
}
