package ui

import (
	"strings"
	"testing"
	"time"

	"indsigt/model"
)

func TestLocaleKeyParity(t *testing.T) {
	msgs, err := loadMessages()
	if err != nil {
		t.Fatal(err)
	}
	if missing := msgs.missing(); len(missing) > 0 {
		t.Fatalf("keys missing in a language: %v", missing)
	}
	broken := messages{"da": {"a": "A", "b": "B"}, "en": {"a": "A"}}
	if got := broken.missing(); len(got) != 1 || got[0] != "en:b" {
		t.Fatalf("missing() = %v, want [en:b]", got)
	}
	for _, l := range langs {
		for k, v := range msgs[l] {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s:%s is empty", l, k)
			}
		}
	}
}

func TestTemplatesUseOnlyKnownKeys(t *testing.T) {
	msgs, err := loadMessages()
	if err != nil {
		t.Fatal(err)
	}
	keys, err := templateKeys()
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) < 100 {
		t.Fatalf("found only %d keys in the templates: is the scan broken?", len(keys))
	}
	for k, files := range keys {
		for _, l := range langs {
			if _, ok := msgs[l][k]; !ok {
				t.Errorf("%s uses %q, missing from %s.json", files[0], k, l)
			}
		}
	}
	for _, k := range dynamicKeys() {
		for _, l := range langs {
			if _, ok := msgs[l][k]; !ok {
				t.Errorf("dynamic key %q missing from %s.json", k, l)
			}
		}
	}
	as, err := loadAssets()
	if err != nil {
		t.Fatal(err)
	}
	// A key missing from the files stops start-up.
	delete(msgs["en"], "nav.skip")
	if _, err := parseViews(msgs, as); err == nil || !strings.Contains(err.Error(), "nav.skip") {
		t.Fatalf("parseViews with a missing key: %v", err)
	}
}

func TestFormatters(t *testing.T) {
	day := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	ms := func(v int64) *int64 { return &v }
	cases := []struct {
		name, got, want string
	}{
		{"date da", formatDate("da", day), "23. nov. 2026"},
		{"date da may", formatDate("da", time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)), "1. maj 2026"},
		{"date en", formatDate("en", day), "23 Nov 2026"},
		{"zero date", formatDate("da", time.Time{}), ""},
		{"number da", formatNumber("da", 1234.5), "1.234,5"},
		{"number en", formatNumber("en", 1234.5), "1,234.5"},
		{"big", formatNumber("da", 1234567), "1.234.567"},
		{"small", formatNumber("da", 12), "12"},
		{"negative", formatNumber("da", -2.25), "−2,3"},
		{"rounds to zero", formatNumber("da", -0.01), "0"},
		{"mm:ss", mmss(ms(83_000)), "01:23"},
		{"h:mm:ss", mmss(ms(3_723_000)), "1:02:03"},
		{"no time", mmss(nil), ""},
		{"accept en", acceptLang("en-US,en;q=0.8"), "en"},
		{"accept da", acceptLang("da-DK,da;q=0.9,en;q=0.5"), "da"},
		{"accept other", acceptLang("de-DE"), "da"},
		{"accept junk", acceptLang(";;;"), "da"},
		{"local path", localPath("/p/x/search?q=mad", "/"), "/p/x/search?q=mad"},
		{"protocol-relative keeps only the path", localPath("//evil.example/x", "/"), "/x"},
		{"backslash is escaped", localPath("/\\evil.example", "/"), "/%5Cevil.example"},
		{"absolute referer", localPath("http://127.0.0.1:8080/p/x", "/"), "/p/x"},
		{"empty", localPath("", "/d"), "/d"},
	}
	for _, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}

func TestParseNumber(t *testing.T) {
	cases := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"12", 12, true}, {"12,5", 12.5, true}, {"1.234,5", 1234.5, true}, {"12.5", 12.5, true}, {"−3", -3, true}, {"", 0, false}, {"tolv", 0, false},
	}
	for _, tc := range cases {
		got, err := parseNumber(tc.in)
		if (err == nil) != tc.ok || (tc.ok && got != tc.want) {
			t.Errorf("parseNumber(%q) = %v, %v", tc.in, got, err)
		}
	}
}

func TestApplyMoves(t *testing.T) {
	cs := []cardView{{Key: 0}, {Key: 1}}
	cs[0].Notes = append(cs[0].Notes, noteWithID(1), noteWithID(2))
	cs[1].Notes = append(cs[1].Notes, noteWithID(3))
	got := applyMoves(cs, []string{"2-1", "9-0", "x", "3-7"})
	if len(got[0].Notes) != 1 || len(got[1].Notes) != 2 || got[1].Notes[1].ID != 2 {
		t.Fatalf("moves: %+v", got)
	}
}

func noteWithID(id int64) model.Note { return model.Note{ID: id} }
