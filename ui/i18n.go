package ui

import (
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/language"

	"indsigt/format"
)

//go:embed locales/*.json
var localeFS embed.FS

// langs are the languages of the UI, the default first.
var langs = []string{"da", "en"}

// messages maps language → key → text.
type messages map[string]map[string]string

func loadMessages() (messages, error) {
	m := messages{}
	for _, l := range langs {
		b, err := localeFS.ReadFile("locales/" + l + ".json")
		if err != nil {
			return nil, fmt.Errorf("ui: read messages %s: %w", l, err)
		}
		var kv map[string]string
		if err := json.Unmarshal(b, &kv); err != nil {
			return nil, fmt.Errorf("ui: parse messages %s: %w", l, err)
		}
		m[l] = kv
	}
	if missing := m.missing(); len(missing) > 0 {
		return nil, fmt.Errorf("ui: message keys not in every language: %s", strings.Join(missing, ", "))
	}
	return m, nil
}

// missing lists "lang:key" for keys that some language has and another lacks.
func (m messages) missing() []string {
	var out []string
	for _, a := range langs {
		for k := range m[a] {
			for _, b := range langs {
				if _, ok := m[b][k]; !ok {
					out = append(out, b+":"+k)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

var matcher = language.NewMatcher([]language.Tag{language.Danish, language.English})

// acceptLang picks da or en from an Accept-Language header; Danish wins
// when nothing matches.
func acceptLang(header string) string {
	tags, _, err := language.ParseAcceptLanguage(header)
	if err != nil || len(tags) == 0 {
		return "da"
	}
	_, i, conf := matcher.Match(tags...)
	if conf == language.No || i != 1 {
		return "da"
	}
	return "en"
}

func normLang(l string) string {
	if l == "en" {
		return "en"
	}
	return "da"
}

// formatDate writes a date the way people read it (package format).
func formatDate(lang string, t time.Time) string { return format.Date(lang, t) }

// formatNumber writes a number for the pages: at most one decimal,
// grouped thousands (package format).
func formatNumber(lang string, v float64) string { return format.Number(lang, v, 1) }

// mmss writes a time offset in milliseconds as m:ss (or h:mm:ss).
func mmss(ms *int64) string {
	if ms == nil {
		return ""
	}
	s := *ms / 1000
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%02d:%02d", s/60, s%60)
}
