package parse

import (
	"html"
	"regexp"
	"strconv"
	"strings"
)

// parseClock reads hh:mm:ss.ttt, mm:ss.ttt or hh:mm:ss,ttt (SubRip) and
// returns milliseconds. The fraction may have 1-3 digits (".04" is 40 ms).
func parseClock(s string) (int64, bool) {
	main, frac := s, ""
	if i := strings.LastIndexAny(s, ".,"); i >= 0 {
		main, frac = s[:i], s[i+1:]
		if frac == "" || len(frac) > 9 || !allDigits(frac) {
			return 0, false
		}
	}
	parts := strings.Split(main, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	var h, m, sec int64
	for i, p := range parts {
		if p == "" || len(p) > 4 || !allDigits(p) {
			return 0, false
		}
		n, _ := strconv.ParseInt(p, 10, 64)
		if i > 0 && (len(p) != 2 || n > 59) {
			return 0, false
		}
		switch {
		case len(parts) == 3 && i == 0:
			h = n
		case i == len(parts)-2:
			m = n
		default:
			sec = n
		}
	}
	if len(parts) == 2 && len(parts[0]) > 2 {
		return 0, false
	}
	ms := ((h*60+m)*60 + sec) * 1000
	if frac != "" {
		for len(frac) < 3 {
			frac += "0"
		}
		n, _ := strconv.ParseInt(frac[:3], 10, 64)
		ms += n
	}
	return ms, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// parseTiming reads "start --> end [settings]"; settings are ignored.
func parseTiming(line string) (start, end int64, ok bool) {
	left, right, found := strings.Cut(line, "-->")
	if !found {
		return 0, 0, false
	}
	f := strings.Fields(right)
	if len(f) == 0 {
		return 0, 0, false
	}
	start, ok1 := parseClock(strings.TrimSpace(left))
	end, ok2 := parseClock(f[0])
	if !ok1 || !ok2 {
		return 0, 0, false
	}
	return start, end, true
}

// rawCue is a timed block of text lines before any cleaning.
type rawCue struct {
	start, end int64
	lines      []string
}

// scanCues finds cues: a cue starts at a timing line and ends at a blank
// line or at the next timing line (YouTube files omit the blank line).
// Lines outside cues are identifiers, headers or NOTE/STYLE/REGION blocks
// and are dropped; with appendOrphans (SubRip) a stray text block after a
// blank line inside a cue is added to the previous cue instead, because
// SubRip writers sometimes leave blank lines in cue text.
func scanCues(text string, appendOrphans bool) []rawCue {
	var cues []rawCue
	var cur *rawCue
	var block []string
	endBlock := func() {
		if cur != nil {
			cues = append(cues, *cur)
			cur = nil
		} else if appendOrphans && len(cues) > 0 && !isNumberBlock(block) {
			last := &cues[len(cues)-1]
			last.lines = append(last.lines, block...)
		}
		block = nil
	}
	for _, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		if t == "" {
			endBlock()
			continue
		}
		if start, end, ok := parseTiming(t); ok {
			if cur != nil {
				dropTrailingNumber(cur)
				cues = append(cues, *cur)
			}
			block = nil
			cur = &rawCue{start: start, end: end}
			continue
		}
		if cur != nil {
			cur.lines = append(cur.lines, t)
		} else {
			block = append(block, t)
		}
	}
	endBlock()
	return cues
}

func isNumberBlock(block []string) bool {
	return len(block) == 0 || (len(block) == 1 && allDigits(block[0]))
}

// dropTrailingNumber removes a SubRip cue number that ended up as text
// because the blank line before it was missing.
func dropTrailingNumber(c *rawCue) {
	if n := len(c.lines); n > 0 && allDigits(c.lines[n-1]) {
		c.lines = c.lines[:n-1]
	}
}

var (
	voiceTag   = regexp.MustCompile(`<v(?:\.[^\s>]*)?[ \t]+([^>]+)>`)
	markupTag  = regexp.MustCompile(`</?[A-Za-z][^<>]*>|<\d[\d:.]*>`)
	assCode    = regexp.MustCompile(`\{\\[^{}]*\}|\{[A-Za-z]:[^{}]*\}`)
	assNewline = regexp.MustCompile(`\\[Nnh]`)
)

// cueText cleans the lines of one cue and finds its speaker from a voice
// tag or a "Name:" prefix.
func cueText(lines []string) (speaker, text string) {
	joined := strings.Join(lines, " ")
	if m := voiceTag.FindStringSubmatch(joined); m != nil {
		speaker = collapseSpaces(html.UnescapeString(m[1]))
	}
	joined = assCode.ReplaceAllString(joined, "")
	joined = assNewline.ReplaceAllString(joined, " ")
	joined = markupTag.ReplaceAllString(joined, "")
	joined = collapseSpaces(cleanText(html.UnescapeString(joined)))
	if speaker == "" {
		if label, rest, ok := splitSpeaker(joined); ok {
			return label, rest
		}
	}
	return speaker, joined
}

// cueSegments turns cues into segments and merges consecutive cues with
// the same speaker and text (rolling auto-captions).
func cueSegments(cues []rawCue) []Segment {
	var segs []Segment
	for _, c := range cues {
		speaker, text := cueText(c.lines)
		if text == "" {
			continue
		}
		if n := len(segs); n > 0 && segs[n-1].Text == text && segs[n-1].Speaker == speaker {
			if c.end > segs[n-1].EndMS {
				segs[n-1].EndMS = c.end
			}
			continue
		}
		segs = append(segs, Segment{Speaker: speaker, Text: text, StartMS: c.start, EndMS: c.end})
	}
	assignRoles(segs, "")
	return segs
}

func parseVTT(text string) *Document {
	doc := &Document{Format: "vtt", Segments: cueSegments(scanCues(text, false))}
	// "WEBVTT - Workshop om ældrepleje": the header may carry a title.
	first, _, _ := strings.Cut(text, "\n")
	if rest, ok := strings.CutPrefix(strings.TrimSpace(first), "WEBVTT"); ok && rest != "" && (rest[0] == ' ' || rest[0] == '\t') {
		doc.Meta.Title = collapseSpaces(strings.TrimLeft(rest, " \t-"))
	}
	return doc
}

func parseSRT(text string) *Document {
	return &Document{Format: "srt", Segments: cueSegments(scanCues(text, true))}
}
