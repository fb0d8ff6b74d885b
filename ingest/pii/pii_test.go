package pii

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// found is a compact view of a match for table tests.
type found struct {
	Kind  Kind
	Text  string // text[Start:End]
	Value string
}

func findAll(text string, names []string) []found {
	var out []found
	for _, m := range Find(text, names) {
		out = append(out, found{m.Kind, text[m.Start:m.End], m.Value})
	}
	return out
}

func TestFindCPR(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []found
	}{
		{"hyphen", "Borgeren har CPR 310199-1234.", []found{{CPR, "310199-1234", "310199-1234"}}},
		{"space", "nr 010203 4567 her", []found{{CPR, "010203 4567", "010203-4567"}}},
		{"spaced hyphen", "cpr-nr.: 150584 - 2345", []found{{CPR, "150584 - 2345", "150584-2345"}}},
		{"bare with context", "personnummer 1505842345", []found{{CPR, "1505842345", "150584-2345"}}},
		{"bare with født", "født 0101901234 i Kolding", []found{{CPR, "0101901234", "010190-1234"}}},
		{"bare mod11 valid", "se 0707614285 i journalen", []found{{CPR, "0707614285", "070761-4285"}}},
		{"account label", "kontonummer 1505842345", []found{{Account, "1505842345", "1505842345"}}},
		{"bare no context, no mod11", "se 0101901234 her", []found{{CPR, "0101901234", "010190-1234"}}},
		{"case number", "sagsnr. 0101901234", nil},
		{"dotted date", "nr 01.01.90-1234", []found{{CPR, "01.01.90-1234", "010190-1234"}}},
		{"dotted long year", "nr 06.06.1990-6789", []found{{CPR, "06.06.1990-6789", "060690-6789"}}},
		{"en dash", "nr 010190–1234", []found{{CPR, "010190–1234", "010190-1234"}}},
		{"non-breaking hyphen", "nr 010190\u20111234", []found{{CPR, "010190\u20111234", "010190-1234"}}},
		{"spaced pairs", "nr 14 11 90 1414", []found{{CPR, "14 11 90 1414", "141190-1414"}}},
		{"line start", "CPR: 1212901212", []found{{CPR, "1212901212", "121290-1212"}}},
		{"31 feb invalid", "nr 310299-1234", nil},
		{"day 32 invalid", "nr 320199-1234", nil},
		{"month 13 invalid", "nr 011399-1234", nil},
		{"29 feb 2000", "nr 290200-4123", []found{{CPR, "290200-4123", "290200-4123"}}},
		{"29 feb 1900 typo kept", "nr 290200-1234", []found{{CPR, "290200-1234", "290200-1234"}}},
		{"29 feb 2001 invalid", "nr 290201-1234", nil},
		{"29 feb 1996", "nr 290296-1234", []found{{CPR, "290296-1234", "290296-1234"}}},
		{"30 april ok", "nr 300485-1111", []found{{CPR, "300485-1111", "300485-1111"}}},
		{"31 april invalid", "nr 310485-1111", nil},
		{"12 digits", "ref 123101991234 ok", nil},
		{"preceded by digit", "ref 1310199-1234", nil},
		{"followed by digit", "ref 310199-12345", nil},
		{"hyphen series", "ref 310199-1234-56", nil},
		{"plus prefix", "+3101991234", nil},
		{"glued to letters", "ABC310199-1234", nil},
		{"two in a row", "310199-1234 og 010203-4567", []found{
			{CPR, "310199-1234", "310199-1234"}, {CPR, "010203-4567", "010203-4567"},
		}},
		{"after rejected run", "1234567 310199-1234", []found{{CPR, "310199-1234", "310199-1234"}}},
		{"line end", "CPR:\n310199-1234", []found{{CPR, "310199-1234", "310199-1234"}}},
		// Not a CPR number; the tail has a phone number's shape, and
		// over-redacting is the safe side.
		{"space form in series", "nr 010203 4567 8901", []found{{Phone, "4567 8901", "45678901"}}},
		{"space form then count", "nr 010203 4567 2 børn", []found{{CPR, "010203 4567", "010203-4567"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := findAll(tt.text, nil); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Find(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestCPRConfidence(t *testing.T) {
	tests := []struct {
		text    string
		atLeast float64
		below   float64
	}{
		{"nr 310199-1234", 0.8, 0.9},
		{"CPR-nr. 310199-1234", 0.9, 1.01},
		{"se 0707614285", 0.5, 0.8},
		{"personnr 1505842345", 0.85, 1.01},
		{"nr 290200-1234", 0.5, 0.8}, // 7th digit says 1900: no 29 February
	}
	for _, tt := range tests {
		ms := Find(tt.text, nil)
		if len(ms) != 1 {
			t.Fatalf("Find(%q) = %v, want one match", tt.text, ms)
		}
		if c := ms[0].Confidence; c < tt.atLeast || c >= tt.below {
			t.Errorf("Find(%q) confidence %.2f, want in [%.2f, %.2f)", tt.text, c, tt.atLeast, tt.below)
		}
	}
}

func TestFindPhone(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []found
	}{
		{"compact", "Ring på 22345678 i morgen", []found{{Phone, "22345678", "22345678"}}},
		{"pairs", "tlf. 22 34 56 78.", []found{{Phone, "22 34 56 78", "22345678"}}},
		{"quads", "mobil 2234 5678", []found{{Phone, "2234 5678", "22345678"}}},
		{"quads hyphen", "mobil 2234-5678", []found{{Phone, "2234-5678", "22345678"}}},
		{"plus45 pairs", "ring +45 22 34 56 78", []found{{Phone, "+45 22 34 56 78", "22345678"}}},
		{"plus45 compact", "+4522345678", []found{{Phone, "+4522345678", "22345678"}}},
		{"0045", "0045 98765432", []found{{Phone, "0045 98765432", "98765432"}}},
		{"paren prefix", "(+45) 98765432", []found{{Phone, "(+45) 98765432", "98765432"}}},
		{"hyphen pairs", "22-34-56-78", []found{{Phone, "22-34-56-78", "22345678"}}},
		{"colon no space", "Tlf:22345678, ring", []found{{Phone, "22345678", "22345678"}}},
		{"two numbers", "22345678 eller 33445566", []found{
			{Phone, "22345678", "22345678"}, {Phone, "33445566", "33445566"},
		}},
		{"starts with 1", "12345678", nil},
		{"starts with 0", "02345678", nil},
		{"time", "kl. 12.30 og kl. 22.30", nil},
		{"date dots", "den 22.03.2026", nil},
		{"date hyphens", "den 22-03-2026", nil},
		{"amount dots", "12.345.678 kr", nil},
		{"amount kr after", "22345678 kr.", nil},
		{"amount kr before", "kr. 22345678", nil},
		{"amount dkk", "DKK 22345678", nil},
		{"amount dash", "22345678,-", nil},
		{"12 digits", "123422345678", nil},
		{"9 digits", "223456789", nil},
		{"spaced series", "22 34 56 78 90", nil},
		{"spaced series before", "90 22 34 56 78", nil},
		{"pairs then year", "ring 22 34 56 78 2026", []found{{Phone, "22 34 56 78", "22345678"}}},
		{"compact then count", "ring 22345678 2 gange", []found{{Phone, "22345678", "22345678"}}},
		{"plus45 quads", "+45 2234 5678", []found{{Phone, "+45 2234 5678", "22345678"}}},
		{"quad series", "2234 5678 9012", nil},
		{"letters glued", "ID22345678", nil},
		{"decimal", "3,22345678", nil},
		{"cpr not phone", "310199-1234", []found{{CPR, "310199-1234", "310199-1234"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := findAll(tt.text, nil); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Find(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestFindEmail(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []found
	}{
		{"plain", "skriv til karen.hansen@kolding.dk.", []found{{Email, "karen.hansen@kolding.dk", "karen.hansen@kolding.dk"}}},
		{"upper", "Mail: Karen@Kolding.DK", []found{{Email, "Karen@Kolding.DK", "karen@kolding.dk"}}},
		{"æøå local", "søren.ærø@københavn.dk, tak", []found{{Email, "søren.ærø@københavn.dk", "søren.ærø@københavn.dk"}}},
		{"plus tag", "<a+b_c%d@sub.example-x.co.uk>", []found{{Email, "a+b_c%d@sub.example-x.co.uk", "a+b_c%d@sub.example-x.co.uk"}}},
		{"parens", "(per@firma.dk)", []found{{Email, "per@firma.dk", "per@firma.dk"}}},
		{"trailing hyphen", "per@firma.dk-", []found{{Email, "per@firma.dk", "per@firma.dk"}}},
		{"no tld", "per@localhost", nil},
		{"numeric tld", "per@1.2.3.4", nil},
		{"no local", "@firma.dk", nil},
		{"handle", "tweet @kolding", nil},
		{"double dot", "per@firma..dk", nil},
		{"leading dot local", ".per@firma.dk", []found{{Email, "per@firma.dk", "per@firma.dk"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := findAll(tt.text, nil); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Find(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestFindNames(t *testing.T) {
	names := []string{"Karen Marie Hansen", "Ævar Øster", "Hans-Erik Ålund", "Bo", "Jens Hansen", "  ", "Æ"}
	tests := []struct {
		name string
		text string
		want []found
	}{
		{"full", "Karen Marie Hansen fortalte", []found{{Name, "Karen Marie Hansen", "Karen Marie Hansen"}}},
		{"full line break", "Karen\n  Marie\tHansen fortalte", []found{{Name, "Karen\n  Marie\tHansen", "Karen Marie Hansen"}}},
		{"first name", "Karen sagde ja.", []found{{Name, "Karen", "Karen Marie Hansen"}}},
		{"genitive", "Karens datter", []found{{Name, "Karen", "Karen Marie Hansen"}}},
		{"full genitive", "Karen Marie Hansens køleskab", []found{{Name, "Karen Marie Hansen", "Karen Marie Hansen"}}},
		{"shared part", "Hansen kom", []found{{Name, "Hansen", "Hansen"}}},
		{"shared genitive", "Hansens hus", []found{{Name, "Hansen", "Hansen"}}},
		{"other full", "Jens Hansen og Karen", []found{
			{Name, "Jens Hansen", "Jens Hansen"}, {Name, "Karen", "Karen Marie Hansen"},
		}},
		{"lowercase listed", "karen og hansen", []found{{Name, "karen", "Karen Marie Hansen"}, {Name, "hansen", "Hansen"}}},
		{"all caps", "KAREN MARIE HANSEN", []found{{Name, "KAREN MARIE HANSEN", "Karen Marie Hansen"}}},
		{"punctuation", "(Karen), \"Marie\"!", []found{
			{Name, "Karen", "Karen Marie Hansen"}, {Name, "Marie", "Karen Marie Hansen"},
		}},
		{"inside word", "Karenina og Mariehønen", nil},
		{"danish letter after", "Hansenø", nil},
		{"Ævar", "Ævar kom", []found{{Name, "Ævar", "Ævar Øster"}}},
		{"Ævars genitive", "Ævars bil", []found{{Name, "Ævar", "Ævar Øster"}}},
		{"Ævar prefix of longer", "Ævarsdóttir kom", []found{{Person, "Ævarsdóttir", "Ævarsdóttir"}}}, // not the listed Ævar, but a name
		{"Æ alone", "Æ er et bogstav", nil},
		{"letter before", "ØØster", nil},
		{"full æøå", "Ævar Øster spiste", []found{{Name, "Ævar Øster", "Ævar Øster"}}},
		{"hyphenated full", "Hans-Erik Ålund", []found{{Name, "Hans-Erik Ålund", "Hans-Erik Ålund"}}},
		{"hyphenated part", "Hans-Erik kom", []found{{Name, "Hans-Erik", "Hans-Erik Ålund"}}},
		{"half hyphen", "Erik kom", []found{{Name, "Erik", "Hans-Erik Ålund"}}},
		{"short entry part", "Så kom Bo", []found{{Name, "Bo", "Bo"}}},
		{"word entry at sentence start", "Bo i egen bolig.", nil},
		{"word entry in lower case", "at bo", nil},
		{"compound", "Hansen-familien", []found{{Name, "Hansen", "Hansen"}}},
		{"digits glued", "Karen2", []found{{Name, "Karen", "Karen Marie Hansen"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := findAll(tt.text, names); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Find(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestFindOverlaps(t *testing.T) {
	names := []string{"Karen Hansen"}
	tests := []struct {
		name string
		text string
		want []found
	}{
		{"email over name", "Karen.Hansen@kolding.dk", []found{{Email, "Karen.Hansen@kolding.dk", "karen.hansen@kolding.dk"}}},
		{"email over phone", "22345678@sms.dk", []found{{Email, "22345678@sms.dk", "22345678@sms.dk"}}},
		{"all kinds", "Karen Hansen, 310199-1234, +45 22345678, k@h.dk", []found{
			{Name, "Karen Hansen", "Karen Hansen"},
			{CPR, "310199-1234", "310199-1234"},
			{Phone, "+45 22345678", "22345678"},
			{Email, "k@h.dk", "k@h.dk"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := findAll(tt.text, names); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Find(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestResolvePriority(t *testing.T) {
	cands := []Match{
		{Kind: Name, Start: 0, End: 10},
		{Kind: Phone, Start: 2, End: 6},
		{Kind: CPR, Start: 5, End: 15},
		{Kind: Name, Start: 20, End: 25},
		{Kind: Name, Start: 20, End: 30},
	}
	got := resolve(cands)
	want := []Match{{Kind: CPR, Start: 5, End: 15}, {Kind: Name, Start: 20, End: 30}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("resolve = %v, want %v", got, want)
	}
}

func TestReplace(t *testing.T) {
	names := []string{"Karen Marie Hansen"}
	text := "Karens tlf. er 22 34 56 78 og mail karen@x.dk; CPR 310199-1234. Karen Marie Hansen."
	counter := map[string]int{}
	pseudo := func(m Match) string {
		key := string(m.Kind) + "\x00" + m.Value
		if _, ok := counter[key]; !ok {
			counter[key] = len(counter) + 1
		}
		return fmt.Sprintf("[%s %d]", Label(m.Kind), counter[key])
	}
	got := Replace(text, Find(text, names), pseudo)
	want := "[Borger 1]s tlf. er [Telefon 2] og mail [E-mail 3]; CPR [CPR 4]. [Borger 1]."
	if got != want {
		t.Errorf("Replace =\n%q\nwant\n%q", got, want)
	}
}

func TestReplaceDefensive(t *testing.T) {
	text := "abcdef"
	ms := []Match{{Start: 4, End: 5}, {Start: 0, End: 2}, {Start: 1, End: 3}, {Start: 5, End: 99}, {Start: 3, End: 3}}
	got := Replace(text, ms, func(Match) string { return "X" })
	if want := "XcdXf"; got != want {
		t.Errorf("Replace = %q, want %q", got, want)
	}
	if got := Replace(text, nil, func(Match) string { return "X" }); got != text {
		t.Errorf("Replace without matches = %q", got)
	}
}

func TestLabel(t *testing.T) {
	tests := map[Kind]string{CPR: "CPR", Phone: "Telefon", Email: "E-mail", Name: "Borger", Person: "Person", Address: "Adresse",
		Birthdate: "Fødselsdato", Account: "Konto", Plate: "Nummerplade", "other": "other"}
	for k, want := range tests {
		if got := Label(k); got != want {
			t.Errorf("Label(%q) = %q, want %q", k, got, want)
		}
	}
}

func TestFinderReuse(t *testing.T) {
	f := NewFinder([]string{"Karen Hansen"})
	for _, text := range []string{"Karen kom", "Hansen gik", "ingen"} {
		if got, want := f.Find(text), Find(text, []string{"Karen Hansen"}); !reflect.DeepEqual(got, want) {
			t.Errorf("Finder.Find(%q) = %v, Find = %v", text, got, want)
		}
	}
	if got := f.Find(""); got != nil {
		t.Errorf("Find(\"\") = %v", got)
	}
	var zero Finder
	if got := zero.Find("Karen 22345678"); len(got) != 2 || got[0].Kind != Person || got[1].Kind != Phone {
		t.Errorf("zero Finder.Find = %v, want a person and a phone number", got)
	}
}

func TestMatchesSortedAndInBounds(t *testing.T) {
	text := strings.Repeat("Karen Hansen ringede fra 22345678 om 310199-1234 til k@h.dk. ", 20)
	ms := Find(text, []string{"Karen Hansen"})
	if len(ms) != 80 {
		t.Fatalf("got %d matches, want 80", len(ms))
	}
	checkMatches(t, text, ms)
}

func checkMatches(t *testing.T, text string, ms []Match) {
	t.Helper()
	for i, m := range ms {
		if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
			t.Fatalf("match %d out of bounds: %+v (len %d)", i, m, len(text))
		}
		if i > 0 && m.Start < ms[i-1].End {
			t.Fatalf("match %d overlaps or is unsorted: %+v after %+v", i, m, ms[i-1])
		}
		if m.Confidence <= 0 || m.Confidence > 1 {
			t.Fatalf("match %d confidence %v", i, m.Confidence)
		}
	}
}
