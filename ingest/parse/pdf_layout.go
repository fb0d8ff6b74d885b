package parse

import (
	"math"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A PDF holds glyphs at positions, not paragraphs. Glyphs on one baseline
// (within half a font size) make a line, in the order the file draws
// them; a gap wider than a fifth of the font size between two glyphs is a
// space (some writers place words apart instead of drawing a space). Lines
// make a paragraph until the vertical gap grows past 1.3 times the
// document's usual line distance (or one and a half font sizes), the text moves up (a new column or
// block), or the font size changes (a heading). Page numbers ("3", "Side
// 3", "3 af 12", "- 3 -") and a line repeated at the top or bottom of most
// pages (a running header or footer) are dropped.

type pdfLine struct {
	text string
	y    float64
	size float64
}

// glyph is one drawn character at its baseline position, in points.
type glyph struct {
	s       rune
	x, y, w float64
	size    float64
}

// lineBuilder groups a page's glyphs into lines as they are drawn.
type lineBuilder struct {
	lines   []pdfLine
	b       strings.Builder
	cur     pdfLine
	started bool
	lastEnd float64
}

func (lb *lineBuilder) add(g glyph) {
	if unicode.IsControl(g.s) {
		return
	}
	size := math.Max(g.size, 1)
	switch {
	case !lb.started || math.Abs(g.y-lb.cur.y) > 0.5*math.Max(size, lb.cur.size):
		lb.flush()
		lb.started, lb.cur = true, pdfLine{y: g.y, size: size}
	case g.x-lb.lastEnd > 0.2*size && g.s != ' ' && !strings.HasSuffix(lb.b.String(), " "):
		lb.b.WriteByte(' ')
	}
	lb.b.WriteRune(g.s)
	lb.lastEnd = g.x + g.w
	lb.cur.size = math.Max(lb.cur.size, size)
}

func (lb *lineBuilder) flush() {
	if t := collapseSpaces(strings.TrimSpace(cleanText(lb.b.String()))); t != "" {
		lb.cur.text = t
		lb.lines = append(lb.lines, lb.cur)
	}
	lb.b.Reset()
}

// done ends the page and gives its lines.
func (lb *lineBuilder) done() []pdfLine {
	lb.flush()
	return lb.lines
}

// pdfDocument makes the paragraphs of all pages; a document without any
// text is a scan.
func pdfDocument(pages [][]pdfLine) (*Document, error) {
	pages = dropRunningLines(pages)
	doc := &Document{Format: "pdf"}
	for _, p := range paragraphsOf(pages) {
		doc.Segments = append(doc.Segments, Segment{Text: p, StartMS: -1, EndMS: -1})
	}
	if len(doc.Segments) == 0 {
		return nil, ErrScanned
	}
	assignRoles(doc.Segments, "")
	return doc, nil
}

var pageNumber = regexp.MustCompile(`(?i)^(?:side|page|s\.)?\s*[-–—(]?\s*\d{1,4}\s*[-–—)]?\s*(?:(?:af|of|/)\s*\d{1,4})?$`)

// dropRunningLines removes page numbers (among a page's first and last
// two lines) and running headers and footers: a page's first or last line
// when it repeats so on at least half the pages (two at least), digits
// ignored.
func dropRunningLines(pages [][]pdfLine) [][]pdfLine {
	key := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsDigit(r) {
				return '#'
			}
			return r
		}, s)
	}
	count := map[string]int{}
	for _, p := range pages {
		if len(p) > 0 {
			count["top "+key(p[0].text)]++
			count["end "+key(p[len(p)-1].text)]++
		}
	}
	running := func(p []pdfLine, i int) bool {
		c := 0
		switch i {
		case 0:
			c = count["top "+key(p[i].text)]
		case len(p) - 1:
			c = count["end "+key(p[i].text)]
		}
		return len(pages) >= 2 && c >= 2 && 2*c >= len(pages)
	}
	out := make([][]pdfLine, len(pages))
	for n, p := range pages {
		for i, l := range p {
			edge := i < 2 || i >= len(p)-2
			if edge && pageNumber.MatchString(l.text) || running(p, i) {
				continue
			}
			out[n] = append(out[n], l)
		}
	}
	return out
}

// paragraphsOf joins lines into paragraphs, across a page break when the
// sentence goes on (no end mark, the next page starts in lower case).
func paragraphsOf(pages [][]pdfLine) []string {
	gap := usualGap(pages)
	var out []string
	var para []string
	var prev *pdfLine
	for _, p := range pages {
		for i := range p {
			l := &p[i]
			if prev != nil && breaksBefore(*prev, *l, gap, i == 0) {
				out = append(out, joinLines(para))
				para = nil
			}
			para = append(para, l.text)
			prev = l
		}
	}
	if len(para) > 0 {
		out = append(out, joinLines(para))
	}
	return out
}

func breaksBefore(prev, l pdfLine, gap float64, newPage bool) bool {
	if newPage {
		last, _ := utf8.DecodeLastRuneInString(prev.text)
		first, _ := utf8.DecodeRuneInString(l.text)
		return strings.ContainsRune(".!?:;\"”»", last) || !unicode.IsLower(first)
	}
	if isBullet(l.text) {
		return true
	}
	// A line distance over one and a half font sizes is a paragraph gap
	// even where every paragraph is one line (the usual gap is then it).
	d := prev.y - l.y
	return d <= 0 || d > 1.3*math.Min(gap, 1.5*prev.size) || math.Abs(l.size-prev.size) > 0.15*prev.size
}

// isBullet tells a list item's first line, which starts a paragraph of
// its own however close it stands.
func isBullet(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("•▪◦‣●○■–-*", r) && strings.HasPrefix(s[n:], " ")
}

// usualGap is the document's line distance: the smallest distance
// between consecutive lines that is common (a tenth of all, twice at
// least), so that paragraph gaps, however many, do not count.
func usualGap(pages [][]pdfLine) float64 {
	count := map[float64]int{}
	total := 0
	for _, p := range pages {
		for i := 1; i < len(p); i++ {
			if d := p[i-1].y - p[i].y; d > 0 {
				count[math.Round(d)]++
				total++
			}
		}
	}
	best := math.Inf(1)
	for d, n := range count {
		if n >= 2 && 10*n >= total && d < best {
			best = d
		}
	}
	return best
}

// joinLines joins a paragraph's lines with spaces, and a word hyphenated
// at a line end ("sammen-" "hæng") back into one.
func joinLines(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			s := b.String()
			first, _ := utf8.DecodeRuneInString(l)
			before, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(s, "-"))
			if strings.HasSuffix(s, "-") && unicode.IsLetter(before) && unicode.IsLower(first) {
				b.Reset()
				b.WriteString(strings.TrimSuffix(s, "-"))
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}
