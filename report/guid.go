package report

import (
	"crypto/sha1"
	"fmt"
	"regexp"
	"unicode/utf8"
)

// guidNamespace is indsigt's fixed UUID namespace. It must never change:
// every exported GUID derives from it, and QDA tools match re-imports by GUID.
var guidNamespace = [16]byte{0x6b, 0x1f, 0x3c, 0x9e, 0x52, 0xd4, 0x4a, 0x0b, 0x9c, 0x6e, 0x2f, 0x81, 0x47, 0xa3, 0xd5, 0x10}

// GUIDFor returns a name-based UUID (version 5, SHA-1, RFC 9562) for an object
// of a kind ("code", "source", "selection", "user", …) with a stable id, so a
// re-export gives the same GUIDs and QDA tools can merge instead of duplicate.
func GUIDFor(kind, id string) string {
	h := sha1.New()
	h.Write(guidNamespace[:])
	h.Write([]byte(kind + "\x00" + id))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

var guidRE = regexp.MustCompile(`^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$`)

// RuneRange converts byte offsets in text (what strings.Index and regexp
// give) to the code point offsets REFI-QDA selections use.
func RuneRange(text string, byteStart, byteEnd int) (start, end int) {
	byteStart = max(0, min(byteStart, len(text)))
	byteEnd = max(byteStart, min(byteEnd, len(text)))
	start = utf8.RuneCountInString(text[:byteStart])
	return start, start + utf8.RuneCountInString(text[byteStart:byteEnd])
}
