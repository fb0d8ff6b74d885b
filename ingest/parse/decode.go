package parse

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

// decodeText turns bytes in UTF-8 (with or without BOM), UTF-16 with BOM or
// Windows-1252 into clean NFC text with LF line ends.
func decodeText(data []byte) string {
	var s string
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		s = strings.ToValidUTF8(string(data[3:]), "\uFFFD")
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		s = decodeUTF16(data, xunicode.LittleEndian)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		s = decodeUTF16(data, xunicode.BigEndian)
	case utf8.Valid(data):
		s = string(data)
	default:
		// Not UTF-8: old Danish Word/Excel exports are Windows-1252, a
		// superset of ISO-8859-1 for every printable character.
		out, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			out = []byte(strings.ToValidUTF8(string(data), "\uFFFD"))
		}
		s = string(out)
	}
	return cleanText(s)
}

func decodeUTF16(data []byte, order xunicode.Endianness) string {
	out, err := xunicode.UTF16(order, xunicode.ExpectBOM).NewDecoder().Bytes(data)
	if err != nil {
		return ""
	}
	return string(out)
}

// cleanText normalises line ends to LF, drops control and format
// characters that only confuse search (keeping \n and \t) and returns NFC.
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\u00A0' || r == '\u2028' || r == '\u2029':
			if r == '\u00A0' {
				return ' '
			}
			return '\n'
		case r == '\uFEFF' || r == '\u200E' || r == '\u200F':
			return -1
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
	return norm.NFC.String(s)
}

// tidy trims every line, drops blank lines at either end and collapses
// runs of blank lines, so a segment's text is never padded.
func tidy(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := false
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if strings.TrimSpace(l) == "" {
			blank = true
			continue
		}
		if blank && len(out) > 0 {
			out = append(out, "")
		}
		blank = false
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// collapseSpaces turns any run of white space into one space.
func collapseSpaces(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
