package parse

import (
	"fmt"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

func parseTxt(text string) *Document {
	doc := &Document{Format: "txt", Segments: textSegments(text, nil)}
	assignRoles(doc.Segments, "")
	return doc
}

// textSegments makes a segment per paragraph or speaker turn; clean, when
// given, rewrites each paragraph first (Markdown stripping).
func textSegments(text string, clean func(string) string) []Segment {
	var segs []Segment
	for _, p := range paragraphs(text) {
		if clean != nil {
			p = clean(p)
		}
		for _, t := range splitTurns(p) {
			segs = append(segs, untimed(t))
		}
	}
	return segs
}

// frontMatter is the YAML block at the top of an md file.
type frontMatter struct {
	Kind         string   `yaml:"kind"`
	Title        string   `yaml:"title"`
	Date         string   `yaml:"date"`
	Place        string   `yaml:"place"`
	Interviewer  string   `yaml:"interviewer"`
	Participants []string `yaml:"participants"`
	Deltagere    []string `yaml:"deltagere"`
	Staff        []string `yaml:"staff"`
	Medarbejdere []string `yaml:"medarbejdere"`
}

func parseMarkdown(text string) (*Document, error) {
	doc := &Document{Format: "md"}
	body := text
	if fm, rest, ok := cutFrontMatter(text); ok {
		var m frontMatter
		if err := yaml.Unmarshal([]byte(fm), &m); err != nil {
			return nil, fmt.Errorf("md front matter: %w", err)
		}
		doc.Meta = Meta{
			Kind:         normKind(m.Kind),
			Title:        collapseSpaces(m.Title),
			Date:         ParseDate(m.Date),
			Place:        collapseSpaces(m.Place),
			Interviewer:  collapseSpaces(m.Interviewer),
			Participants: cleanNames(append(m.Participants, m.Deltagere...)),
			Staff:        cleanNames(append(m.Staff, m.Medarbejdere...)),
		}
		body = rest
	}
	doc.Segments = textSegments(body, stripMarkdown)
	assignRoles(doc.Segments, doc.Meta.Interviewer, doc.Meta.Staff...)
	return doc, nil
}

// cutFrontMatter splits "---\nyaml\n---\nbody".
func cutFrontMatter(text string) (fm, body string, ok bool) {
	if !strings.HasPrefix(text, "---\n") {
		return "", text, false
	}
	rest := text[4:]
	if strings.HasPrefix(rest, "---\n") || rest == "---" {
		return "", rest[3:], true
	}
	end := strings.Index(rest, "\n---")
	if end < 0 {
		return "", text, false
	}
	after := rest[end+4:]
	if after != "" && after[0] != '\n' {
		return "", text, false
	}
	return rest[:end], after, true
}

func cleanNames(in []string) []string {
	var out []string
	for _, n := range in {
		if n = collapseSpaces(cleanText(n)); n != "" {
			out = append(out, n)
		}
	}
	return out
}

var kinds = map[string]bool{"interview": true, "observation": true, "workshop": true, "test": true}

// normKind accepts the four kinds in any case; anything else is "".
func normKind(k string) string {
	k = strings.ToLower(strings.TrimSpace(k))
	if kinds[k] {
		return k
	}
	return ""
}

var (
	mdHeading  = regexp.MustCompile(`^\s{0,3}#{1,6}\s+`)
	mdBullet   = regexp.MustCompile(`^\s*(?:[-*+]|\d{1,3}[.)])\s+`)
	mdQuote    = regexp.MustCompile(`^\s*(?:>\s?)+`)
	mdRule     = regexp.MustCompile(`^\s*(?:[-*_]\s*){3,}$`)
	mdLink     = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdStrong   = regexp.MustCompile(`(\*\*|__)(\S(?:.*?\S)?)(\*\*|__)`)
	mdEmph     = regexp.MustCompile(`(^|[\s(])[*_](\S(?:[^*_]*?\S)?)[*_]([\s).,:;!?]|$)`)
	mdCode     = regexp.MustCompile("`([^`]*)`")
	mdHeadTail = regexp.MustCompile(`\s+#+\s*$`)
)

// stripMarkdown removes the simple markup people write in notes: headings,
// bullets, quotes, rules, emphasis, links and inline code.
func stripMarkdown(p string) string {
	lines := strings.Split(p, "\n")
	out := lines[:0]
	for _, l := range lines {
		if mdRule.MatchString(l) {
			continue
		}
		if mdHeading.MatchString(l) {
			l = mdHeadTail.ReplaceAllString(mdHeading.ReplaceAllString(l, ""), "")
		}
		l = mdQuote.ReplaceAllString(l, "")
		l = mdBullet.ReplaceAllString(l, "")
		l = mdLink.ReplaceAllString(l, "$1")
		l = mdCode.ReplaceAllString(l, "$1")
		l = mdStrong.ReplaceAllString(l, "$2")
		l = mdEmph.ReplaceAllString(l, "$1$2$3")
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}
