package format

import (
	"html"
	"html/template"
	"regexp"
	"strings"
)

// Memo renders a memo's Markdown-light text as HTML: paragraphs (separated
// by a blank line, a single newline a line break), *emphasis*,
// **strong**, and lists ("- ", "* " or "1. " at the start of a line).
//
// Decisions worth knowing: every character of the text is escaped first,
// and only the tags above are ever added, so raw HTML in a memo is shown
// as text, never run; links are not made (a memo is notes to colleagues,
// and a link would be a way out of the application's CSP-guarded pages).
func Memo(text string) template.HTML {
	var b strings.Builder
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	for _, block := range paragraphRE.Split(strings.TrimSpace(text), -1) {
		lines := strings.Split(block, "\n")
		if kind := listKind(lines); kind != "" {
			b.WriteString("<" + kind + ">")
			for _, l := range lines {
				b.WriteString("<li>" + inline(listItem(l)) + "</li>")
			}
			b.WriteString("</" + kind + ">")
			continue
		}
		for i := range lines {
			lines[i] = inline(strings.TrimSpace(lines[i]))
		}
		b.WriteString("<p>" + strings.Join(lines, "<br>") + "</p>")
	}
	return template.HTML(b.String()) // #nosec: built from escaped text and fixed tags
}

var (
	paragraphRE = regexp.MustCompile(`\n[ \t]*\n+`)
	bulletRE    = regexp.MustCompile(`^\s*[-*]\s+`)
	numberRE    = regexp.MustCompile(`^\s*\d{1,3}[.)]\s+`)
	strongRE    = regexp.MustCompile(`\*\*([^*\n]+?)\*\*`)
	emphRE      = regexp.MustCompile(`(^|[^*\w])\*([^*\s][^*\n]*?)\*`)
	underEmRE   = regexp.MustCompile(`(^|[^_\w])_([^_\s][^_\n]*?)_`)
)

// listKind is "ul" or "ol" when every line of the block is an item.
func listKind(lines []string) string {
	ul, ol := true, true
	for _, l := range lines {
		ul = ul && bulletRE.MatchString(l)
		ol = ol && numberRE.MatchString(l)
	}
	switch {
	case ul:
		return "ul"
	case ol:
		return "ol"
	}
	return ""
}

func listItem(l string) string {
	if bulletRE.MatchString(l) {
		return bulletRE.ReplaceAllString(l, "")
	}
	return numberRE.ReplaceAllString(l, "")
}

func inline(s string) string {
	s = html.EscapeString(s)
	s = strongRE.ReplaceAllString(s, "<strong>$1</strong>")
	s = emphRE.ReplaceAllString(s, "$1<em>$2</em>")
	return underEmRE.ReplaceAllString(s, "$1<em>$2</em>")
}
