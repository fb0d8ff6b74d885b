package pii

import (
	"reflect"
	"testing"
)

// TestFindKinds covers the kinds found without a participant list and the
// ordinary content that must stay.
func TestFindKinds(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []found
	}{
		{"address full", "Hun bor i Kongensgade 12, 1. th., 6000 Kolding.", []found{{Address, "Kongensgade 12, 1. th., 6000 Kolding", "Kongensgade 12, 1. th., 6000 Kolding"}}},
		{"address bor på", "De bor på Skovvej 3 nu.", []found{{Address, "Skovvej 3", "Skovvej 3"}}},
		{"address two words", "adressen er Niels Juels Gade 4B, st. tv.", []found{{Address, "Niels Juels Gade 4B, st. tv.", "Niels Juels Gade 4B, st. tv."}}},
		{"address bor på any name", "hun bor på Marielund 4 i dag", []found{{Address, "Marielund 4", "Marielund 4"}}},
		{"birth date long", "Hun er født 3. marts 1941 i Vejle.", []found{{Birthdate, "3. marts 1941", "3. marts 1941"}}},
		{"birth date short", "Han (f. 03.03.41) kom.", []found{{Birthdate, "03.03.41", "03.03.41"}}},
		{"birth year", "født i 1941", []found{{Birthdate, "1941", "1941"}}},
		{"account", "reg.nr. 1234 kontonr. 1234567", []found{{Account, "1234 kontonr. 1234567", "1234-1234567"}}},
		{"account dash", "konto 1234-0001234567", []found{{Account, "1234-0001234567", "1234-0001234567"}}},
		{"iban", "IBAN DK50 0040 0440 1162 43", []found{{Account, "DK50 0040 0440 1162 43", "50004004401162 43"[:0] + "5000400440116243"}}},
		{"plate", "bilen AB 12 345 holdt der", []found{{Plate, "AB 12 345", "AB 12 345"}}},
		{"plate compact", "nummerplade AB12345", []found{{Plate, "AB12345", "AB 12 345"}}},
		{"daughter", "min datter Signe kommer", []found{{Person, "Signe", "Signe"}}},
		{"neighbour full", "naboen Jens Pedersen hjælper", []found{{Person, "Jens Pedersen", "Jens Pedersen"}}},
		{"nurse", "sygeplejersken Mette siger", []found{{Person, "Mette", "Mette"}}},
		{"husband two first names", "hendes mand Poul Erik er syg", []found{{Person, "Poul Erik", "Poul Erik"}}},
		{"hedder", "hun hedder Lise", []found{{Person, "Lise", "Lise"}}},
		{"fortæller", "Birthe fortæller om sin dag.", []found{{Person, "Birthe", "Birthe"}}},
		{"hyphenated", "så kom Hans-Erik ind", []found{{Person, "Hans-Erik", "Hans-Erik"}}},
		{"genitive", "det er Signes cykel", []found{{Person, "Signe", "Signe"}}},
		{"unknown mid-sentence", "vi talte med Wexø om det", []found{{Person, "Wexø", "Wexø"}}},

		{"year range", "i perioden 2018-2019 og 2020 2021", nil},
		{"case number", "sagsnr. 12345678 og j.nr. 2019-1234", nil},
		{"journal number", "journalnr. 1234567890", nil},
		{"amount", "det kostede 2.345 kr. og 12.345,50 kr.", nil},
		{"time", "kl. 10.30 til 12:15", nil},
		{"date", "den 12.03.2026 og 3. marts 2026", nil},
		{"percent", "op til 45 % og 12,5%", nil},
		{"places", "Hun var i Kolding og på Marielund, så i Jobcentret og Sundhedshuset.", nil},
		{"place at start", "Kolding Kommune har et jobcenter.", nil},
		{"sentence-initial word", "Skov er godt. Lykke er at bo godt.", nil},
		{"roles only", "Sygeplejersken kom, og lægen sagde ja.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := findAll(tt.text, nil); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Find(%q) =\n %v\nwant\n %v", tt.text, got, tt.want)
			}
		})
	}
}

// TestListedWordNames: a listed name part that is also a word is replaced
// only where it is used as a name.
func TestListedWordNames(t *testing.T) {
	names := []string{"Karen Lykke Skov", "Bo Dam"}
	tests := []struct {
		text string
		want []found
	}{
		{"Vi ønsker god jul og held og lykke i skoven.", nil},
		{"Skov er smuk om efteråret.", nil},
		{"Så sagde Skov ja.", []found{{Name, "Skov", "Karen Lykke Skov"}}},
		{"[Borger-2] Skov kom.", []found{{Name, "Skov", "Karen Lykke Skov"}}},
		{"Karen Lykke Skov kom.", []found{{Name, "Karen Lykke Skov", "Karen Lykke Skov"}}},
		{"karen lykke var glad", []found{{Name, "karen", "Karen Lykke Skov"}}},
		{"Vi så Bo ved søen.", []found{{Name, "Bo", "Bo Dam"}}},
	}
	for _, tt := range tests {
		if got := findAll(tt.text, names); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Find(%q) =\n %v\nwant\n %v", tt.text, got, tt.want)
		}
	}
}

func TestRolesAndEponyms(t *testing.T) {
	tests := []struct {
		text string
		want []found
	}{
		{"Projektleder Ida Holm åbnede mødet.", []found{{Person, "Ida Holm", "Ida Holm"}}},
		{"Hun har Alzheimers sygdom og går til Parkinson-træning.", nil},
		{"Vi arbejder med Selvværd og Sammenhæng i Kolding.", nil},
	}
	for _, tt := range tests {
		if got := findAll(tt.text, nil); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Find(%q) =\n %v\nwant\n %v", tt.text, got, tt.want)
		}
	}
}

func TestFindInName(t *testing.T) {
	f := NewFinder([]string{"Bo Ib"})
	for in, want := range map[string]string{
		"telefon-karen":                      "telefon-[X]",
		"borgerkonference-else":              "borgerkonference-[X]",
		"interview-karen-hansen-010190-1234": "interview-[X]-[X]-[X]",
		"interview_bo_2":                     "interview_[X]_2",
		"musikterapi-marielund":              "musikterapi-marielund",
		"nattevagt-uge-12":                   "nattevagt-uge-12",
		"Samtale med Mette om planer":        "Samtale med [X] om planer",
	} {
		got := Replace(in, f.FindInName(in), func(Match) string { return "[X]" })
		if got != want {
			t.Errorf("FindInName(%q) → %q, want %q", in, got, want)
		}
	}
}
