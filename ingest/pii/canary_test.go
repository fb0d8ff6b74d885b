package pii

import (
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode"
)

func TestInterviewFixture(t *testing.T) {
	raw, err := os.ReadFile("testdata/interview.txt")
	if err != nil {
		t.Fatalf("read fixture: %v", err)
	}
	names := []string{"Karen Marie Hansen", "Sofie Ærø", "Jens Hansen", "Ævar Øster"}
	want := []found{
		{Name, "Karen", "Karen Marie Hansen"},
		{Name, "Karen Marie Hansen", "Karen Marie Hansen"},
		{CPR, "150584-2345", "150584-2345"},
		{Name, "Sofie Ærø", "Sofie Ærø"},
		{Phone, "+45 23 45 67 89", "23456789"},
		{Name, "Karen Marie Hansen", "Karen Marie Hansen"},
		{Name, "Jens", "Jens Hansen"},
		{Phone, "4012 3456", "40123456"},
		{Email, "søren.ærø@københavn.dk", "søren.ærø@københavn.dk"},
		{Name, "Karen Marie Hansen", "Karen Marie Hansen"},
		{Name, "Sofie", "Sofie Ærø"},
		{Name, "Ævar", "Ævar Øster"},
		{Name, "KAREN", "Karen Marie Hansen"},
		{Name, "Hansen", "Hansen"},
	}
	if got := findAll(string(raw), names); !reflect.DeepEqual(got, want) {
		t.Errorf("Find on fixture:\n got %v\nwant %v", got, want)
	}
}

// canary is a generated Danish text stuffed with personal data, and the
// raw strings that must not survive pseudonymization.
type canary struct {
	text   string
	names  []string
	secret []string
}

var (
	canaryFirst = []string{"Karen", "Søren", "Åse", "Ærling", "Øjvind", "Mette", "Ida", "Lærke", "Bjørn", "Zoë"}
	canaryLast  = []string{"Hansen", "Ærøboe", "Østergård", "Ågesen", "Kjær", "Møller", "Dahl", "Bækgaard"}
	canaryWords = strings.Fields("og men så hun han de det er var har kan vil skal borgeren kommunen " +
		"pårørende køleskabet natten maden planen mødet hjælp tryghed fællesskab forening hverdag " +
		"fortalte sagde spurgte ringede skrev mente oplevede ønskede tit aldrig altid måske")
	cprSeps = []string{"-", " ", " - ", ""}
)

func newCanary(r *rand.Rand, sentences int) canary {
	var c canary
	for i := range 12 {
		c.names = append(c.names, canaryFirst[i%len(canaryFirst)]+" "+canaryLast[(i*3)%len(canaryLast)])
	}
	var b strings.Builder
	for range sentences {
		b.WriteString("Borgeren ")
		for range 3 + r.IntN(8) {
			b.WriteString(canaryWords[r.IntN(len(canaryWords))])
			b.WriteByte(' ')
		}
		b.WriteString(c.secretPhrase(r))
		b.WriteString(". ")
		if r.IntN(6) == 0 {
			b.WriteString("\n\n")
		}
	}
	c.text = b.String()
	return c
}

func (c *canary) secretPhrase(r *rand.Rand) string {
	var phrase, secret string
	switch r.IntN(4) {
	case 0:
		secret = randomCPR(r)
		phrase = "med CPR-nr. " + secret
	case 1:
		secret = randomPhone(r)
		phrase = "på tlf. " + secret
	case 2:
		name := c.names[r.IntN(len(c.names))]
		secret = strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@" + []string{"kolding.dk", "københavn.dk", "ærø.net"}[r.IntN(3)]
		phrase = "skrev fra " + secret
	default:
		secret = c.names[r.IntN(len(c.names))]
		parts := strings.Fields(secret)
		switch r.IntN(4) {
		case 0:
			secret = parts[0]
		case 1:
			secret = parts[1] + "s"
		case 2:
			secret = parts[0] + "\n" + parts[1]
		}
		phrase = "sammen med " + secret
	}
	c.secret = append(c.secret, secret)
	return phrase
}

func randomCPR(r *rand.Rand) string {
	month := 1 + r.IntN(12)
	day := 1 + r.IntN([]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[month-1])
	return fmt.Sprintf("%02d%02d%02d%s%04d", day, month, r.IntN(100), cprSeps[r.IntN(len(cprSeps))], r.IntN(10000))
}

func randomPhone(r *rand.Rand) string {
	d := fmt.Sprintf("%d%07d", 2+r.IntN(8), r.IntN(10000000))
	forms := []string{
		d,
		d[0:2] + " " + d[2:4] + " " + d[4:6] + " " + d[6:8],
		d[0:4] + " " + d[4:8],
		"+45 " + d,
		"+45" + d,
		"0045 " + d[0:4] + " " + d[4:8],
		d[0:2] + "-" + d[2:4] + "-" + d[4:6] + "-" + d[6:8],
	}
	return forms[r.IntN(len(forms))]
}

// TestCanary asserts that nothing personal survives Replace: no digit, no
// "@", and no name part, anywhere in the pseudonymized text.
func TestCanary(t *testing.T) {
	c := newCanary(rand.New(rand.NewPCG(1, 2)), 3000)
	ms := Find(c.text, c.names)
	checkMatches(t, c.text, ms)
	out := Replace(c.text, ms, func(m Match) string { return "[" + Label(m.Kind) + "]" })

	for _, s := range c.secret {
		if strings.Contains(out, s) {
			t.Fatalf("secret %q survived Replace", s)
		}
	}
	if i := strings.IndexFunc(out, unicode.IsDigit); i >= 0 {
		t.Fatalf("a digit survived Replace near %q", out[max(0, i-20):min(len(out), i+20)])
	}
	if strings.Contains(out, "@") {
		t.Fatal("an e-mail address survived Replace")
	}
	for _, n := range c.names {
		for _, part := range strings.Fields(n) {
			if strings.Contains(out, part) {
				t.Fatalf("name part %q survived Replace", part)
			}
		}
	}
}
