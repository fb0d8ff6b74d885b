package model

import (
	"strings"
	"unicode"
)

// SlugFrom derives a project's slug from its name: lower case, æ ø å and
// other accented letters written in a-z ("Ældre på Ørkenvej" →
// "aeldre-paa-oerkenvej"), anything else a single hyphen, at most
// MaxSlugLen characters. It is empty when the name has no letter or digit.
func SlugFrom(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(name) {
		s := string(r)
		switch r {
		case 'æ':
			s = "ae"
		case 'ø':
			s = "oe"
		case 'å':
			s = "aa"
		case 'é', 'è', 'ê', 'ë':
			s = "e"
		case 'á', 'à', 'â', 'ä':
			s = "a"
		case 'ö', 'ó', 'ô':
			s = "o"
		case 'ü', 'ú':
			s = "u"
		case 'í', 'ï':
			s = "i"
		default:
			if r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
				hyphen = b.Len() > 0
				continue
			}
		}
		if hyphen {
			b.WriteByte('-')
			hyphen = false
		}
		b.WriteString(s)
	}
	out := b.String()
	if len(out) > MaxSlugLen {
		out = strings.TrimRight(out[:MaxSlugLen], "-")
	}
	return out
}
