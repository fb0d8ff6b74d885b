package pii

import (
	"math/rand/v2"
	"strings"
	"testing"
)

var fuzzNames = []string{"Karen Marie Hansen", "Ævar Øster", "Hans-Erik Ålund", "Bo", "Jens Hansen"}

func FuzzFind(f *testing.F) {
	seeds := []string{
		"Karen Marie Hansens CPR er 310199-1234, tlf. +45 22 34 56 78, mail søren@ærø.dk.",
		"kl. 12.30 den 22.03.2026 betalte hun 12.345.678 kr",
		"personnummer 1505842345 og 0707614285 og 123101991234",
		"(+45) 98765432 0045 22345678 22-34-56-78 2234 5678",
		"Ævars og Ævarsdóttir og Æ og Hans-Erik\n Ålund",
		"a@b@c.dk..@@x.y",
		"Karen\u030a Hansen", // combining ring after a name
		"\xff\xfeKaren 22345678\xc3",
		"min datter Signe Holm bor på Kongensgade 12, 1. th., 6000 Kolding, født 3. marts 1941",
		"CPR: 1212901212\n01.01.90–1234 14 11 90 1414 reg.nr. 1234 kontonr. 1234567 AB 12 345 DK50 0040 0440 1162 43",
		"[Borger-2] Skov og H. C. Andersen, siger Kaalund. interview-karen-bo",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	finder := NewFinder(fuzzNames)
	f.Fuzz(func(t *testing.T, text string) {
		checkMatches(t, text, finder.FindInName(text))
		ms := finder.Find(text)
		checkMatches(t, text, ms)
		const mask = "\x00"
		out := Replace(text, ms, func(Match) string { return mask })
		if got, want := strings.Count(out, mask)-strings.Count(text, mask), len(ms); got != want {
			t.Fatalf("Replace inserted %d pseudonyms for %d matches", got, want)
		}
		// A Value may still occur in text that no match covered, e.g. the
		// "22345678" inside "122345678", which is rightly not a phone number.
		// Everywhere else it must be gone.
		kept := keptText(text, ms)
		for _, m := range ms {
			if m.Value != "" && strings.Contains(out, m.Value) && !strings.Contains(kept, m.Value) {
				t.Fatalf("value %q of %+v survived Replace", m.Value, m)
			}
		}
	})
}

// keptText joins the parts of text that no match covers, separated by a
// NUL so that no value can straddle two parts.
func keptText(text string, ms []Match) string {
	var parts []string
	pos := 0
	for _, m := range ms {
		parts = append(parts, text[pos:m.Start])
		pos = m.End
	}
	parts = append(parts, text[pos:])
	return strings.Join(parts, "\x00")
}

func BenchmarkFindCanary(b *testing.B) {
	c := newCanary(rand.New(rand.NewPCG(3, 4)), 10000)
	// Numbers and e-mails are rarer in real notes than in the canary: in
	// nine sentences of ten they are blanked out, names stay.
	plain := newCanary(rand.New(rand.NewPCG(5, 6)), 90000)
	text := c.text + strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r == '@' {
			return 'x'
		}
		return r
	}, plain.text)
	finder := NewFinder(c.names)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		finder.Find(text)
	}
}
