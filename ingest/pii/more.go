package pii

import (
	"regexp"
	"strings"
)

// accountContext are words that say a number is a bank account.
var accountContext = []string{"reg", "konto", "bank", "iban"}

var (
	// "1234 1234567", "1234-1234567890", "1234 - 0001234567": reg.nr. and account.
	regAccountRe = regexp.MustCompile(`^(\d{4})(?: ?[-/] ?| )(\d{6,10})`)
	// after the reg.nr.: "kontonr. 1234567", "konto: 1234567", "konto nr 1234567"
	accountLabelRe = regexp.MustCompile(`^[ ,;/]*(?:og |and )?(?:kontonr|kontonummer|konto ?nr|konto|acc|account)\.?:? ?(?:nr\.?:? ?)?(\d{6,10})`)
)

// accountAt finds a bank account at the digit run at i: a four-digit
// reg.nr. followed by an account number of 6–10 digits (directly, or after
// "kontonr."), or an account number right after "kontonr."/"konto".
// It needs a word such as "reg", "konto" or "bank" shortly before.
func accountAt(text string, i int) (Match, bool) {
	n := digitRun(text, i)
	if (n != 4 && (n < 6 || n > 10)) || !hasContext(text, i, accountContext) {
		return Match{}, false
	}
	w := text[i:min(len(text), i+48)]
	if n == 4 {
		if loc := regAccountRe.FindStringSubmatchIndex(w); loc != nil && numberBoundaries(text, i, i+loc[1], 0) {
			return accountMatch(text, i, i+loc[1], w[loc[2]:loc[3]]+"-"+w[loc[4]:loc[5]], 0.9), true
		}
		if loc := accountLabelRe.FindStringSubmatchIndex(w[4:]); loc != nil && numberBoundaries(text, i+4+loc[2]+0, i+4+loc[1], 0) {
			return accountMatch(text, i, i+4+loc[1], w[:4]+"-"+w[4+loc[2]:4+loc[3]], 0.95), true
		}
	}
	if n >= 6 && n <= 10 && numberBoundaries(text, i, i+n, 0) && accountLabelBefore(text, i) {
		return accountMatch(text, i, i+n, text[i:i+n], 0.85), true
	}
	return Match{}, false
}

func accountMatch(text string, start, end int, value string, conf float64) Match {
	return Match{Kind: Account, Start: start, End: end, Value: value, Confidence: conf}
}

// accountLabelBefore reports "kontonr." or "konto" right before i.
func accountLabelBefore(text string, i int) bool {
	j := i
	for j > 0 && i-j < 5 && strings.IndexByte(" .:", text[j-1]) >= 0 {
		j--
	}
	before := strings.ToLower(text[max(0, j-12):j])
	for _, l := range []string{"kontonr", "kontonummer", "konto nr", "konto", "kontonummeret"} {
		if strings.HasSuffix(before, l) {
			return true
		}
	}
	return false
}

// isYearRange tells "2018-2019" and "1990 2000" from a phone number.
func isYearRange(body string) bool {
	if len(body) != 9 || (body[4] != '-' && body[4] != ' ') {
		return false
	}
	y1, y2 := atoi4(body[:4]), atoi4(body[5:])
	return y1 >= 1900 && y1 <= 2099 && y2 >= 1900 && y2 <= 2099
}

func atoi4(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return -1
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// Addresses.

var (
	// house number, optional letter: "12", "12B", "12 B"
	houseRe = regexp.MustCompile(`^\d{1,4}(?:[A-Za-zÆØÅæøå]\b| [A-ZÆØÅ]\b)?`)
	// floor and side: ", 1. th.", " st. tv", " 2. sal", " 3.mf.", " 1 th"
	floorRe = regexp.MustCompile(`^,? ?(?:(?:\d{1,2}|st|kl|stuen)\.? ?(?:th|tv|mf|sal|t\.?h|t\.?v)\b\.?|(?:th|tv|mf)\b\.?)(?: ?(?:th|tv|mf|dør \d{1,3})\b\.?)?`)
	// postcode and town: ", 6000 Kolding", " 2100 København Ø"
	postRe = regexp.MustCompile(`^,? ?(?:DK-)?[1-9]\d{3} \p{Lu}[\p{L}-]+(?: \p{Lu}[\p{L}-]+)?(?: (?:C|K|V|Ø|N|S|NV|SV|SØ|NØ)\b)?`)
)

// addressAt finds an address whose house number is the digit run at i: a
// street name before it ("Kongensgade 12", "Niels Juels Gade 3", "Gl.
// Kongevej 4"), or any capitalized name after "bor på"/"bor i"/"adresse"
// ("bor på Marielund 4"); then floor, side, postcode and town when given.
func addressAt(text string, i int) (Match, bool) {
	if i < 2 || text[i-1] != ' ' {
		return Match{}, false
	}
	street := lastWord(text, i-1)
	if street == "" || !isCapitalized(street) {
		return Match{}, false
	}
	sStart := i - 1 - len(street)
	l := lowerWord(street)
	known := streetEndingSet.has(l) || streetWords[l]
	if !known && !addressCue(text, sStart) {
		return Match{}, false
	}
	start := streetStart(text, sStart)
	ctx := addressCue(text, start)
	loc := houseRe.FindStringIndex(text[i:min(len(text), i+8)])
	if loc == nil {
		return Match{}, false
	}
	end := i + loc[1]
	if end < len(text) && (isDigit(text[end]) || (text[end] == '.' && end+1 < len(text) && isDigit(text[end+1]))) {
		return Match{}, false
	}
	if f := floorRe.FindStringIndex(text[end:min(len(text), end+24)]); f != nil {
		end += f[1]
	}
	if p := postRe.FindStringIndex(text[end:min(len(text), end+48)]); p != nil {
		end += p[1]
	}
	conf := 0.85
	if known && ctx {
		conf = 0.95
	}
	return Match{Kind: Address, Start: start, End: end, Value: collapseSpace(text[start:end]), Confidence: conf}, true
}

// streetWords are street words written apart: "Niels Juels Gade".
var streetWords = map[string]bool{"gade": true, "vej": true, "allé": true, "alle": true, "boulevard": true, "plads": true,
	"torv": true, "stræde": true, "vænge": true, "vænget": true, "park": true, "have": true, "bakke": true, "kaj": true}

// streetStart extends a street name back over the capitalized words and
// abbreviations before it: "H.C. Andersens Boulevard", "Gl. Kongevej",
// "Østre Allé".
func streetStart(text string, start int) int {
	for k := 0; k < 4 && start > 1; k++ {
		j := start - 1
		if text[j] != ' ' {
			break
		}
		if j > 0 && text[j-1] == '.' {
			j--
		}
		w := lastWord(text, j)
		if w == "" || !isCapitalized(w) || lex.function[strings.ToLower(w)] && !addressPrefix[strings.ToLower(w)] {
			break
		}
		if atSentenceStart(text, j-len(w)) && !addressPrefix[strings.ToLower(w)] && !lex.sur[strings.ToLower(strings.TrimSuffix(w, "s"))] && !lex.first[strings.ToLower(w)] {
			break
		}
		start = j - len(w)
		for start > 0 && text[start-1] == '.' && start > 1 && isLetter(lastRune(text[:start-1])) {
			// "H.C." — initials glued with dots
			start = start - 1 - len(lastWord(text, start-1))
		}
	}
	return start
}

var addressPrefix = map[string]bool{"gl": true, "gammel": true, "ny": true, "nye": true, "store": true, "lille": true,
	"nørre": true, "søndre": true, "østre": true, "vestre": true, "sankt": true, "skt": true, "sct": true}

// addressCue reports "bor på", "bor i", "adresse", "flyttet til" … before pos.
func addressCue(text string, pos int) bool {
	var buf [32]byte
	before := string(lowerASCII(buf[:0], text[max(0, pos-24):pos]))
	for _, c := range []string{"bor på ", "bor i ", "boede på ", "boede i ", "adresse ", "adresse: ", "adressen er ", "flyttet til ", "flytter til ", "bopæl ", "bopæl: ", "adresse:"} {
		if strings.HasSuffix(before, c) {
			return true
		}
	}
	return false
}

// Birth dates.

var (
	months   = `(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?`
	birthRe  = regexp.MustCompile(`^(?i:født|f\.|fødselsdato|fødselsdag|fødselsdagen|født den|født d\.)(?::| den| d\.)? ?`)
	birthDay = regexp.MustCompile(`^(?:(?:den|d\.) )?(?:\d{1,2}\. ?` + months + `(?: \d{4}| '?\d{2})?|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{1,2}/\d{1,2} ?-? ?(?:\d{4}|\d{2})|(?:i )?(?:19|20)\d{2})\b`)
)

// appendBirthdates finds dates and years of birth after "født", "f." or
// "fødselsdato": "født 3. marts 1941", "f. 03.03.41", "født i 1941".
func appendBirthdates(out []Match, text string) []Match {
	for from := 0; ; {
		k := strings.IndexAny(text[from:], "fF")
		if k < 0 {
			return out
		}
		i := from + k
		from = i + 1
		if i+1 >= len(text) || (text[i+1] != '.' && !strings.HasPrefix(text[i+1:], "ø")) || (i > 0 && isLetter(lastRune(text[:i]))) {
			continue
		}
		loc := birthRe.FindStringIndex(text[i:min(len(text), i+24)])
		if loc == nil {
			continue
		}
		p := i + loc[1]
		d := birthDay.FindStringIndex(text[p:min(len(text), p+32)])
		if d == nil {
			continue
		}
		start := p
		if strings.HasPrefix(text[p:], "i ") {
			start += 2
		}
		end := p + d[1]
		conf := 0.9
		if end-start <= 4 {
			conf = 0.6 // a year only
		}
		out = append(out, Match{Kind: Birthdate, Start: start, End: end, Value: collapseSpace(text[start:end]), Confidence: conf})
		from = end
	}
}

// Licence plates and IBAN.

var (
	plateRe = regexp.MustCompile(`^[A-ZÆØÅ]{2} ?\d{2} ?\d{3}`)
	ibanRe  = regexp.MustCompile(`^DK\d{2} ?\d{4} ?\d{4} ?\d{4} ?\d{2}`)
)

// appendLetterCodes finds Danish licence plates ("AB 12 345", "AB12345")
// and Danish IBANs ("DK50 0040 0440 1162 43"), both starting with two
// capital letters.
func appendLetterCodes(out []Match, text string) []Match {
	for i := 0; i+6 < len(text); i++ {
		c := text[i]
		if c < 'A' || c > 'Z' || text[i+1] < 'A' || text[i+1] > 'Z' || (text[i+2] != ' ' && !isDigit(text[i+2])) {
			continue
		}
		if i > 0 && isDigitOrLetter(lastRune(text[:i])) {
			continue
		}
		w := text[i:min(len(text), i+32)]
		if loc := ibanRe.FindStringIndex(w); loc != nil && numberBoundaries(text, i, i+loc[1], 0) {
			out = append(out, Match{Kind: Account, Start: i, End: i + loc[1], Value: digitsOnly(w[:loc[1]]), Confidence: 0.95})
			i += loc[1]
			continue
		}
		if loc := plateRe.FindStringIndex(w); loc != nil && numberBoundaries(text, i, i+loc[1], 0) {
			conf := 0.8
			if hasContext(text, i, []string{"nummerplade", "bil", "plade", "reg"}) {
				conf = 0.95
			}
			v := strings.ReplaceAll(w[:loc[1]], " ", "")
			out = append(out, Match{Kind: Plate, Start: i, End: i + loc[1], Value: v[:2] + " " + v[2:4] + " " + v[4:], Confidence: conf})
			i += loc[1]
		}
	}
	return out
}
