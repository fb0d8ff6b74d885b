package parse

import (
	"bytes"
	"strings"
)

func isZip(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06"))
}

// magics names common binary formats so the refusal can say what the file
// looked like.
var magics = []struct {
	prefix string
	what   string
}{
	{"%PDF", "a PDF document"},
	{"\x89PNG", "a PNG image"},
	{"\xFF\xD8\xFF", "a JPEG image"},
	{"GIF8", "a GIF image"},
	{"\x7FELF", "a program (ELF)"},
	{"MZ", "a Windows program"},
	{"\xD0\xCF\x11\xE0", "an old Word/Excel file (.doc/.xls): save it as docx or csv"},
	{"{\\rtf", "an RTF document: save it as docx or txt"},
	{"ID3", "an MP3 audio file"},
	{"\x1F\x8B", "a gzip archive"},
	{"Rar!", "a RAR archive"},
	{"7z\xBC\xAF", "a 7-Zip archive"},
}

// sniffBinary returns what the bytes look like when they are not text,
// or "" when they may be text.
func sniffBinary(data []byte) string {
	for _, m := range magics {
		if bytes.HasPrefix(data, []byte(m.prefix)) {
			return m.what
		}
	}
	if len(data) >= 8 && string(data[4:8]) == "ftyp" {
		return "an MP4/M4A media file"
	}
	if hasUTF16BOM(data) {
		return ""
	}
	sample := data
	if len(sample) > 8192 {
		sample = sample[:8192]
	}
	controls := 0
	for _, c := range sample {
		if c == 0 {
			return "binary data"
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' && c != 0x1A && c != 0x1B {
			controls++
		}
	}
	// Old exports may hold a stray control character; a tenth is not text.
	if controls*10 > len(sample) {
		return "binary data"
	}
	return ""
}

func hasUTF16BOM(data []byte) bool {
	return bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF})
}

// detectText picks a text format from the content first, then the name.
func detectText(ext, text string) string {
	first := firstLines(text, 4)
	if len(first) > 0 && strings.HasPrefix(first[0], "WEBVTT") {
		return "vtt"
	}
	if hasTimingLine(first) {
		if ext == ".vtt" {
			return "vtt"
		}
		return "srt"
	}
	trimmed := strings.TrimSpace(text)
	if strings.HasPrefix(trimmed, "{") || ext == ".json" {
		return "json"
	}
	switch ext {
	case ".vtt":
		return "vtt"
	case ".srt":
		return "srt"
	case ".md", ".markdown":
		return "md"
	case ".csv", ".tsv":
		return "csv"
	case ".txt", ".text":
		return "txt"
	}
	if strings.HasPrefix(text, "---\n") && strings.Contains(text[4:], "\n---") {
		return "md"
	}
	if looksLikeCSV(text) {
		return "csv"
	}
	return "txt"
}

// firstLines returns up to n non-blank lines, trimmed.
func firstLines(text string, n int) []string {
	var out []string
	for len(out) < n && text != "" {
		line, rest, _ := strings.Cut(text, "\n")
		text = rest
		if t := strings.TrimSpace(line); t != "" {
			out = append(out, t)
		}
	}
	return out
}

func hasTimingLine(lines []string) bool {
	for _, l := range lines {
		if _, _, ok := parseTiming(l); ok {
			return true
		}
	}
	return false
}

// looksLikeCSV is only used for files without a telling extension: it asks
// for a known text column in the header and the same delimiter count on
// the following lines, so ordinary prose with commas stays txt.
func looksLikeCSV(text string) bool {
	lines := firstLines(text, 5)
	if len(lines) < 2 {
		return false
	}
	delim := sniffDelimiter(lines[0])
	header := strings.Split(lines[0], string(delim))
	if len(header) < 2 {
		return false
	}
	known := false
	for _, h := range header {
		if textColumns[normHeader(h)] {
			known = true
		}
	}
	if !known {
		return false
	}
	want := strings.Count(lines[0], string(delim))
	for _, l := range lines[1:] {
		if strings.Count(l, string(delim)) != want {
			return false
		}
	}
	return true
}

// markupKind names XML and HTML text, which would otherwise be read as a
// txt full of tags.
func markupKind(text string) string {
	t := strings.ToLower(strings.TrimSpace(text))
	switch {
	case strings.HasPrefix(t, "<?xml"):
		return "an XML document"
	case strings.HasPrefix(t, "<!doctype html"), strings.HasPrefix(t, "<html"):
		return "an HTML page: save it as txt or docx"
	}
	return ""
}
