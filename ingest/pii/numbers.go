package pii

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The number patterns are anchored and tried only where a digit run starts
// (or at a "+"/"(" prefix just before it), on a short window, so scanning
// is linear in the text and a rejected candidate never hides a later one.
var phoneRe = regexp.MustCompile(`^((?:\+|00)45 ?|\(\+?45\) ?)?` +
	`([2-9]\d{7}|[2-9]\d(?: \d\d){3}|[2-9]\d(?:-\d\d){3}|[2-9]\d{3}[ -]\d{4})`)

const numberWindow = 24 // longer than any CPR or phone form, prefix included

// cprContext are words that, shortly before a number, say it is a CPR
// number. Matched as substrings of the lowercased text before the number,
// so "cpr-nr.", "CPR nr:" and "personnummeret" all count.
var cprContext = []string{"cpr", "personnummer", "personnr", "person nr", "født"}

// phoneContext plays the same role for phone numbers.
var phoneContext = []string{"tlf", "telefon", "mobil", "ring", "sms", "nummer"}

// caseLabels right before a number say it is a case, journal, order or
// invoice number: not personal data on its own, and kept.
var caseLabels = []string{
	"sagsnr", "sags nr", "sagsnummer", "sag nr", "j.nr", "j. nr", "jnr", "journalnr", "journal nr", "journalnummer",
	"ref", "ref.nr", "referencenr", "referencenummer", "bilag", "ordrenr", "ordre nr", "ordrenummer", "fakturanr",
	"fakturanummer", "faktura nr", "kundenr", "kundenummer", "cvr", "cvr-nr", "cvr nr", "ean", "p-nr", "løbenr",
	"sagsid", "sags-id", "id", "version", "lov nr", "lovbekendtgørelse", "bekendtgørelse nr", "vejledning nr",
}

// caseLabelLast holds the last bytes of the case labels: most numbers
// have none of them before, and are done with one look-up.
var caseLabelLast = func() (t [256]bool) {
	for _, l := range caseLabels {
		t[l[len(l)-1]] = true
	}
	return t
}()

const contextWindow = 32 // bytes before a number searched for context words

func appendNumbers(out []Match, text string) []Match {
	for i := 0; i < len(text); i++ {
		if !isDigit(text[i]) || (i > 0 && isDigit(text[i-1])) {
			continue
		}
		if caseLabelBefore(text, i) {
			continue
		}
		if m, ok := cprAt(text, i); ok {
			out = append(out, m)
		}
		if m, ok := accountAt(text, i); ok {
			out = append(out, m)
		}
		if m, ok := phoneAt(text, i); ok {
			out = append(out, m)
		}
		if m, ok := addressAt(text, i); ok {
			out = append(out, m)
		}
	}
	return out
}

// caseLabelBefore reports whether a case-number label stands right before
// the number at i: "sagsnr. 12345678", "j.nr. 2019-1234", "Sagsnr: 1234".
func caseLabelBefore(text string, i int) bool {
	j := i
	for j > 0 && i-j < 6 && strings.IndexByte(" .:#-\t", text[j-1]) >= 0 {
		j--
	}
	if j == 0 || !isLetter(lastRune(text[:j])) && text[j-1] != '.' {
		return false
	}
	from := max(0, j-24)
	var buf [32]byte
	before := lowerASCII(buf[:0], text[from:j])
	if len(before) == 0 || !caseLabelLast[before[len(before)-1]] {
		return false
	}
	for _, l := range caseLabels {
		if bytes.HasSuffix(before, []byte(l)) {
			k := len(before) - len(l)
			if k == 0 || !isLetter(rune(before[k-1])) {
				return true
			}
		}
	}
	return false
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func window(text string, i int) string {
	return text[i:min(len(text), i+numberWindow)]
}

// dashes are the characters people (and word processors) put between the
// date and the serial of a CPR number: hyphen, en dash, non-breaking
// hyphen, hyphen, figure dash, minus sign.
var dashes = []string{"-", "–", "\u2011", "\u2010", "\u2012", "\u2212", "—"}

// cprSep reads the separator between the date and the serial at pos: a
// dash with optional spaces (or non-breaking spaces) around it, one space,
// or nothing. It returns the position after it and what it was ("" none,
// " " space, "-" dash).
func cprSep(text string, pos int) (int, string) {
	p := skipSpaces(text, pos, 2)
	for _, d := range dashes {
		if strings.HasPrefix(text[p:], d) {
			return skipSpaces(text, p+len(d), 2), "-"
		}
	}
	if p > pos && (p-pos == 1 || text[pos] != ' ') {
		return p, " "
	}
	return pos, ""
}

// skipSpaces skips at most n spaces or non-breaking spaces.
func skipSpaces(text string, p, n int) int {
	for k := 0; k < n && p < len(text); k++ {
		switch {
		case text[p] == ' ':
			p++
		case strings.HasPrefix(text[p:], "\u00a0"):
			p += len("\u00a0")
		default:
			return p
		}
	}
	return p
}

func digitRun(text string, pos int) int {
	e := pos
	for e < len(text) && isDigit(text[e]) {
		e++
	}
	return e - pos
}

// cprForm reads a CPR number in any common notation at i: DDMMYY-SSSS with
// any dash or a space, DDMMYYSSSS, DD.MM.YY-SSSS, DD.MM.YYYY-SSSS and
// DD MM YY SSSS. It returns the date as DDMMYY, the serial, the end, the
// separator kind ("" bare, "-" dash, " " space) and the width of the last
// space-separated group for the series check.
func cprForm(text string, i int) (date, serial string, end int, sep string, group int, ok bool) {
	n := digitRun(text, i)
	switch n {
	case 10:
		return text[i : i+6], text[i+6 : i+10], i + 10, "", 0, true
	case 6:
		p, s := cprSep(text, i+6)
		if s == "" || digitRun(text, p) != 4 {
			return "", "", 0, "", 0, false
		}
		g := 0
		if s == " " {
			g = 4
		}
		return text[i : i+6], text[p : p+4], p + 4, s, g, true
	case 2:
		if i+2 >= len(text) || (text[i+2] != '.' && text[i+2] != ' ') {
			return "", "", 0, "", 0, false
		}
		ds := text[i+2]
		p := i + 3
		if digitRun(text, p) != 2 || p+2 >= len(text) || text[p+2] != ds {
			return "", "", 0, "", 0, false
		}
		mm := text[p : p+2]
		p += 3
		yn := digitRun(text, p)
		if yn != 2 && (yn != 4 || ds != '.') {
			return "", "", 0, "", 0, false
		}
		yy := text[p+yn-2 : p+yn]
		q, s := cprSep(text, p+yn)
		if s == "" || (ds == ' ' && s != " ") || digitRun(text, q) != 4 {
			return "", "", 0, "", 0, false
		}
		if ds == '.' {
			s = "-" // a dotted date before a serial is CPR notation whatever the separator
		}
		return text[i:i+2] + mm + yy, text[q : q+4], q + 4, s, 0, true
	}
	return "", "", 0, "", 0, false
}

// cprAt tries a CPR number starting at the digit run at i.
//
// Decision on bare ten-digit runs: "DDMMYYSSSS" without a separator is
// accepted whenever the date exists, even without a context word and
// failing modulus 11 (numbers issued since 2007 need not pass it). Case and
// journal numbers are kept by their label words (see caseLabels), and
// account numbers by theirs (accountAt).
func cprAt(text string, i int) (Match, bool) {
	date, serial, end, sep, group, ok := cprForm(text, i)
	if !ok {
		return Match{}, false
	}
	start := i
	if !numberBoundaries(text, start, end, group) || (start > 0 && text[start-1] == '+') {
		return Match{}, false
	}
	century, ok := cprDate(date, serial)
	if !ok {
		return Match{}, false
	}
	ctx := hasContext(text, start, cprContext)
	mod11 := cprMod11(date + serial)
	bare := sep == ""
	if bare && !ctx && hasContext(text, start, accountContext) {
		return Match{}, false // "kontonr. 1505842345" is an account (accountAt)
	}
	var conf float64
	switch {
	case bare && ctx:
		conf = 0.9
	case bare && mod11:
		conf = 0.6
	case bare:
		conf = 0.5
	case sep == "-":
		conf = 0.85
	default:
		conf = 0.8
	}
	if ctx && !bare {
		conf += 0.1
	}
	if mod11 {
		conf += 0.05
	}
	if !century {
		// 29 February in a year the 7th digit says is not a leap year: most
		// likely a typo in a real number, so kept, but with less certainty.
		conf -= 0.2
	}
	return Match{Kind: CPR, Start: start, End: end, Value: date + "-" + serial, Confidence: min(conf, 1)}, true
}

// cprDate checks DDMMYY. It reports ok when the date exists in some century
// (29 February only when YY is divisible by 4, i.e. a leap year in 19YY or
// 20YY), and century=false when the century that the serial's first digit
// selects makes that 29 February impossible.
func cprDate(date, serial string) (century, ok bool) {
	dd, mm, yy := atoi2(date[0:2]), atoi2(date[2:4]), atoi2(date[4:6])
	if mm < 1 || mm > 12 || dd < 1 {
		return false, false
	}
	days := [...]int{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[mm-1]
	if dd > days || (mm == 2 && dd == 29 && yy%4 != 0) {
		return false, false
	}
	if mm == 2 && dd == 29 {
		return isLeap(cprYear(yy, serial[0]-'0')), true
	}
	return true, true
}

// cprYear applies the CPR office's rule: the 7th digit and YY give the
// century of birth.
func cprYear(yy int, d7 byte) int {
	switch {
	case d7 <= 3:
		return 1900 + yy
	case d7 == 4 || d7 == 9:
		if yy <= 36 {
			return 2000 + yy
		}
		return 1900 + yy
	case yy <= 57:
		return 2000 + yy
	}
	return 1800 + yy
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// cprMod11 is the classic check, no longer guaranteed since 2007: a pass
// raises confidence, a failure says nothing.
func cprMod11(digits string) bool {
	weights := [...]int{4, 3, 2, 7, 6, 5, 4, 3, 2, 1}
	sum := 0
	for k := range weights {
		sum += int(digits[k]-'0') * weights[k]
	}
	return sum%11 == 0
}

// phoneAt tries a Danish phone number at the digit run at i, with an
// optional +45 / 0045 / (+45) prefix that may sit just before i.
func phoneAt(text string, i int) (Match, bool) {
	if digitsIn(text[i:min(len(text), i+12)]) < 8 {
		return Match{}, false // no phone number has fewer digits
	}
	for _, s := range phoneStarts(text, i) {
		loc := phoneRe.FindStringSubmatchIndex(window(text, s))
		if loc == nil {
			continue
		}
		start, end := s, s+loc[1]
		body := text[s+loc[4] : s+loc[5]]
		if !numberBoundaries(text, start, end, spacedGroup(body)) || isAmount(text, start, end) || isYearRange(body) {
			continue
		}
		conf := 0.8
		if loc[2] >= 0 {
			conf = 0.95
		}
		if hasContext(text, start, phoneContext) {
			conf += 0.1
		}
		return Match{Kind: Phone, Start: start, End: end, Value: digitsOnly(body), Confidence: min(conf, 1)}, true
	}
	return Match{}, false
}

// phoneStarts lists where a phone number containing the digit run at i may
// begin: at a "+", "(" or "(+" right before it, else at i itself.
func phoneStarts(text string, i int) []int {
	switch {
	case i >= 2 && text[i-2:i] == "(+":
		return []int{i - 2, i}
	case i >= 1 && (text[i-1] == '+' || text[i-1] == '('):
		return []int{i - 1, i}
	}
	return []int{i}
}

// numberBoundaries rejects a candidate that is part of something longer: a
// longer digit run, a code glued to letters, or a dotted, hyphenated or
// slashed series (dates, amounts, account numbers). A spaced candidate
// (group > 0) is also rejected next to another space-separated group of
// the same width, as in "22 34 56 78 90" or "2234 5678 9012"; a number of
// another width ("ring 22 34 56 78 2026") does not hide it.
func numberBoundaries(text string, start, end, group int) bool {
	if start > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:start])
		switch {
		case isDigitOrLetter(r):
			return false
		case strings.ContainsRune(".,-/", r) && start-n > 0 && isDigit(text[start-n-1]):
			return false
		case group > 0 && r == ' ' && digitRunBefore(text, start-1) == group:
			return false
		}
	}
	if end < len(text) {
		r, n := utf8.DecodeRuneInString(text[end:])
		switch {
		case isDigitOrLetter(r):
			return false
		case strings.ContainsRune(".,-/", r) && end+n < len(text) && isDigit(text[end+n]):
			return false
		case group > 0 && r == ' ' && digitRunAfter(text, end+1) == group:
			return false
		}
	}
	return true
}

func digitRunBefore(text string, end int) int {
	i := end
	for i > 0 && isDigit(text[i-1]) {
		i--
	}
	return end - i
}

func digitRunAfter(text string, start int) int {
	i := start
	for i < len(text) && isDigit(text[i]) {
		i++
	}
	return i - start
}

// spacedGroup is the width of the digit groups of a space-separated
// number ("22 34 56 78" → 2, "2234 5678" → 4), 0 when it has no spaces.
func spacedGroup(body string) int {
	i := strings.LastIndexByte(body, ' ')
	if i < 0 {
		return 0
	}
	return len(body) - i - 1
}

// isAmount reports whether the number is written as money: "kr."/"DKK"
// before it, or "kr", ",-" or "DKK" after it.
func isAmount(text string, start, end int) bool {
	after := strings.ToLower(strings.TrimLeft(text[end:min(len(text), end+8)], " "))
	if strings.HasPrefix(after, "kr") || strings.HasPrefix(after, ",-") || strings.HasPrefix(after, "dkk") {
		return true
	}
	before := strings.ToLower(strings.TrimRight(text[max(0, start-6):start], " "))
	return strings.HasSuffix(before, "kr.") || strings.HasSuffix(before, "kr") || strings.HasSuffix(before, "dkk")
}

func hasContext(text string, start int, words []string) bool {
	from := max(0, start-contextWindow)
	for from < start && !utf8.RuneStart(text[from]) {
		from++
	}
	var buf [2 * contextWindow]byte
	before := lowerASCII(buf[:0], text[from:start])
	for _, w := range words {
		if bytes.Contains(before, []byte(w)) {
			return true
		}
	}
	return false
}

func digitsIn(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			n++
		}
	}
	return n
}

func digitsOnly(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func atoi2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isDigitOrLetter(r rune) bool { return unicode.IsDigit(r) || isLetter(r) }

// isLetter counts combining marks as letters so that a decomposed "å"
// (a + U+030A) does not split a word.
func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		c := r | 0x20
		return 'a' <= c && c <= 'z'
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

// lowerASCII lowercases the ASCII letters of s into buf (no allocation
// for short strings); other bytes are copied as they are.
func lowerASCII(buf []byte, s string) []byte {
	buf = buf[:0]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}
