package pii

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Confidence of a name found without the participant list.
const (
	confPersonCue      = 0.9  // a cue before or after: "min datter Signe", "Jens fortæller"
	confPersonListed   = 0.85 // a listed first name or surname in mid-sentence
	confPersonFull     = 0.9  // two or more name parts, at least one listed
	confPersonInitial  = 0.7  // a listed name at the start of a sentence
	confPersonNextCode = 0.8  // next to a participant name or a pseudonym code
	confPersonWordName = 0.6  // a name that is also a word ("Skov"), capitalized mid-sentence
	confPersonUnknown  = 0.5  // an unlisted capitalized word in mid-sentence
)

// class is what the word lists say about one capitalized word.
type class uint8

const (
	cUnknown  class = iota // capitalized, in no list: a proper noun of some kind
	cFirst                 // a listed first name
	cSur                   // a listed surname or a surname ending (-sen, -gaard …)
	cCollide               // a name that is also a common word (Skov, Lykke, Hans)
	cPlace                 // a listed place
	cOrg                   // a listed institution, organization, month; an acronym
	cShape                 // a word shaped like a street or an institution ("-huset", "-lund", "-vej")
	cNoun                  // a word shaped like a common noun ("-en", "-hed", "-ning"): a name only next to another name part
	cFunction              // a function word: never a name on its own
	cInitial               // one capital letter, as in "J. P. Clausen"
)

func (c class) listed() bool { return c == cFirst || c == cSur }

// nameish reports whether the class may be part of a person's name.
func (c class) nameish() bool { return c == cFirst || c == cSur || c == cCollide || c == cUnknown }

// element is one capitalized word of a run of capitalized words.
type element struct {
	word
	cls class
}

// cueBefore are words that, right before a capitalized word, say a person
// follows: relations, roles and titles, "hedder", and the speech verbs of
// Danish inversion ("…, siger Mette Frederiksen").
var cueBefore = setOf(`datter datteren døtre søn sønnen sønner mand manden kone konen hustru hustruen ægtefælle ægtefællen kæreste kæresten
bror broren broderen søster søsteren mor moren moderen far faren faderen mormor morfar farmor farfar bedstemor bedstefar oldemor oldefar
onkel onklen moster mosteren faster fasteren tante tanten nevø niece fætter fætteren kusine kusinen barnebarn barnebarnet
nabo naboen naboerne genbo genboen ven vennen veninde veninden kammerat kammeraten kollega kollegaen kollegaer
svigersøn svigerdatter svigermor svigerfar svoger svigerinde stedfar stedmor stedsøn steddatter plejemor plejefar plejebarn
sygeplejersken sygeplejerske lægen læge egen pædagogen pædagog sagsbehandleren sagsbehandler terapeuten terapeut fysioterapeuten
ergoterapeuten hjemmehjælperen hjemmehjælper hjælperen kontaktpersonen kontaktperson visitatoren socialrådgiveren rådgiveren
psykologen præsten jordemoderen sundhedsplejersken tandlægen lederen chefen direktør direktøren borgmester borgmesteren
minister ministeren formand formanden næstformand ordfører ordføreren rådmand rådmanden professor professoren lektor adjunkt
kronprins kronprinsesse prins prinsesse dronning dronningen kong kongen konge greve grevinde baron biskop
projektleder leder hr fru frk dr doktor pastor kaptajn oberst general præsident præsidenten premierminister statsminister statsministeren
træner træneren spiller spilleren forfatter forfatteren kunstner kunstneren instruktør instruktøren sanger sangerinde
skuespiller skuespilleren journalist journalisten redaktør redaktøren advokat advokaten dommer dommeren anklager betjent betjenten
pigen drengen kvinden manden hedder hed kaldet kaldes kalder navnet navn
siger sagde fortæller fortalte mener mente forklarer forklarede svarer svarede spørger spurgte tilføjer tilføjede
understreger understregede påpeger påpegede pointerer pointerede erkender vurderer vurderede konstaterer fastslår
skriver skrev råber råbte hvisker`)

// cueAfter are verbs that, right after a capitalized word, say it is a
// person: "Signe fortæller", "Hansen siger".
var cueAfter = setOf(`fortæller fortalte siger sagde mener mente forklarer forklarede svarer svarede spørger spurgte tilføjer
tilføjede understreger påpeger pointerer erkender vurderer griner grinede smiler smilede nikker nikkede ryster rystede
skriver skrev ringer ringede tænker synes syntes råber råbte hvisker hviskede græder græd tøver tøvede sukker sukkede`)

// placePrepositions before an unlisted capitalized word say it is a place
// ("i Vejen", "fra Gellerup"), not a person.
var placePrepositions = setOf(`i fra til på ved mod over gennem nær omkring mellem langs udenfor indenfor rundt via nord syd øst vest`)

// personPrepositions before a word shaped like a place or institution
// ("med Kragelund", "hos Holmgaard") say it is more likely a person.
var personPrepositions = setOf(`med hos ifølge`)

// surnameLikePlace reports a word with an ending that Danish surnames and
// place names share: -lund, -borg, -høj, -bjerg, -bæk, -dal.
func surnameLikePlace(w string) bool {
	l := lowerWord(w)
	for _, e := range []string{"lund", "borg", "høj", "bjerg", "bæk", "dal", "skov", "holt"} {
		if len(l) > len(e)+2 && strings.HasSuffix(l, e) {
			return true
		}
	}
	return false
}

// particles may stand in lower case inside a name ("Anne af Rosen").
var particles = setOf(`af von van de der du da di del la le bin ibn al el`)

// abbreviations end with a dot that does not end a sentence.
var abbreviations = setOf(`hr fr fru frk dr ca fx bl eks mht iflg evt inkl ekskl nr kl st tv th mf mv osv etc vs jf pga dvs sct skt prof cand stud mag mr mrs ms sr jr gl ny sdr nr lic pers tlf ref bilag jnr sagsnr`)

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// orgEndings mark a capitalized word as an institution, a place or a
// street, not a person: "Sundhedshuset", "Marielund", "Kongensgade".
var orgEndings = []string{
	"kommune", "kommunes", "centret", "centeret", "center", "centre", "huset", "hus", "skolen", "skole", "hjemmet", "hjem",
	"børnehave", "børnehaven", "vuggestue", "vuggestuen", "klubben", "klub", "hospital", "hospitalet", "sygehus", "sygehuset",
	"afdeling", "afdelingen", "udvalg", "udvalget", "rådet", "forvaltning", "forvaltningen", "styrelse", "styrelsen",
	"ministeriet", "ministerium", "partiet", "parti", "forening", "foreningen", "foreningens", "forbund", "forbundet",
	"fonden", "fond", "selskab", "selskabet", "banken", "bank", "kirke", "kirken", "bibliotek", "biblioteket", "museum",
	"museet", "teater", "teatret", "hallen", "stadion", "gymnasium", "gymnasiet", "universitet", "universitetet",
	"akademi", "akademiet", "institut", "instituttet", "service", "gruppen", "gruppe", "netværk", "værket", "fabrik",
	"fabrikken", "avis", "avisen", "bladet", "posten", "tidende", "lund", "borg", "parken", "park", "vangen", "haven",
	"bakken", "toften", "engen", "marken", "byen", "sognet", "sogn", "amt", "amts", "land", "landet", "øen",
}

// streetEndings mark a street name.
var streetEndings = []string{
	"vej", "vejen", "gade", "gaden", "allé", "alle", "stræde", "vænget", "vænge", "torv", "torvet", "plads", "pladsen",
	"boulevard", "stien", "sti", "gyde", "banke", "kvarter", "passage", "promenade", "kaj",
}

// nounEndings are Danish common-noun and adjective shapes (definite forms,
// abstract nouns): a capitalized word with one of them, in no name list,
// is a title word or a heading, not a person.
var nounEndings = []string{
	"erne", "ene", "ernes", "enes", "et", "ets", "en", "ens", "hed", "heden", "else", "elsen", "ning", "ningen",
	"tion", "tionen", "sion", "skab", "skabet", "dom", "isme", "ende", "isk", "iske", "ske", "lig", "lige", "ighed",
}

// surnameEndings make an unlisted capitalized word a surname.
var surnameEndings = []string{"sen", "gaard", "gård", "rup", "sson", "holm", "strøm", "bjerg", "mann", "ski", "sky", "vić", "vic", "ović", "ez", "sdóttir", "dottir"}

// endingSet is a list of endings prepared for lookups by length: a word
// is checked with one map lookup per ending length, not one comparison
// per ending.
type endingSet struct {
	set     map[string]bool
	lengths []int
}

func newEndingSet(ends []string) *endingSet {
	e := &endingSet{set: map[string]bool{}}
	seen := map[int]bool{}
	for _, s := range ends {
		e.set[s] = true
		if !seen[len(s)] {
			seen[len(s)] = true
			e.lengths = append(e.lengths, len(s))
		}
	}
	return e
}

var (
	orgEndingSet     = newEndingSet(orgEndings)
	streetEndingSet  = newEndingSet(streetEndings)
	nounEndingSet    = newEndingSet(nounEndings)
	surnameEndingSet = newEndingSet(surnameEndings[1:])
)

// has reports whether l ends with one of the endings and has at least two
// more bytes before it.
func (e *endingSet) has(l string) bool {
	for _, n := range e.lengths {
		if len(l) > n+1 && e.set[l[len(l)-n:]] {
			return true
		}
	}
	return false
}

// surnameShape reports an unlisted surname by its ending: "-sen" after a
// consonant (Hansen, Mikkelsen; not the nouns Prisen, Rejsen, Kassen,
// Ledelsen), "-gaard", "-rup", "-holm" and foreign endings.
func surnameShape(l string) bool {
	if strings.HasSuffix(l, "sen") {
		if len(l) < 6 {
			return false
		}
		b := l[len(l)-4]
		if strings.IndexByte("iouyjs", b) >= 0 || b >= 0x80 || (strings.IndexByte("ae", b) >= 0 && len(l) < 8) {
			return false // Krisen, Rejsen, Kassen, Basen; but Mathiesen, Andreasen
		}
		if strings.HasSuffix(l, "elsen") && strings.IndexByte("dvrlgts", l[len(l)-6]) >= 0 {
			return false
		}
		return true
	}
	return surnameEndingSet.has(l)
}

// genitiveStem is the word without a genitive "s" ("Karens" → "Karen").
func genitiveStem(l string) string {
	if len(l) > 3 && strings.HasSuffix(l, "s") {
		return l[:len(l)-1]
	}
	return ""
}

// classify looks a capitalized word up in the lists. hyphenLower tells
// that it is glued to a lowercase word by a hyphen ("Ariane-raketten").
func classify(w string, hyphenLower bool) class {
	n := utf8.RuneCountInString(w)
	if n == 1 {
		return cInitial
	}
	var buf [64]byte
	l := w
	if len(w) < len(buf) {
		// lookups with string(bytes) do not allocate; the lowered word
		// itself is needed as a string only for the endings below
		l = unsafeLower(buf[:0], w)
	} else {
		l = strings.ToLower(w)
	}
	if isAllCaps(w) {
		// "JENS", "HOPKINS": headings and emphasis; a name only when listed
		stem := genitiveStem(l)
		switch {
		case n >= 3 && (lex.first[l] || (stem != "" && lex.first[stem])) && !lex.collide[l]:
			return cFirst
		case n >= 3 && (lex.sur[l] || (stem != "" && lex.sur[stem]) || surnameShape(l)):
			return cSur
		}
		return cOrg
	}
	if lex.function[l] {
		if lex.first[l] || lex.sur[l] {
			return cCollide // "Sine", "Vibe": a word, and a name in mid-sentence
		}
		return cFunction
	}
	stem := genitiveStem(l)
	first := lex.first[l] || (stem != "" && lex.first[stem])
	sur := lex.sur[l] || (stem != "" && (lex.sur[stem] || surnameShape(stem)))
	if lex.collide[l] && (first || sur) {
		return cCollide
	}
	switch {
	case first:
		return cFirst
	case lex.place[l] || (stem != "" && lex.place[stem]):
		return cPlace
	case lex.org[l] || (stem != "" && lex.org[stem]):
		return cOrg
	case sur:
		return cSur
	case streetEndingSet.has(l) || orgEndingSet.has(l):
		return cShape
	case surnameShape(l):
		return cSur
	case n < 3 || hasInnerCapital(w):
		return cOrg
	case hyphenLower:
		return cShape
	case nounEndingSet.has(l):
		return cNoun
	case lex.collide[l]:
		return cCollide
	}
	return cUnknown
}

// unsafeLower lowercases w into buf and returns it as a string that
// shares buf's memory: valid only while buf is, and never stored.
func unsafeLower(buf []byte, w string) string {
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
		i += n
	}
	return unsafe.String(unsafe.SliceData(buf), len(buf))
}

// lowerWord returns w lowercased, without allocating when it already is.
func lowerWord(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return strings.ToLower(w)
		}
	}
	return w
}

func isAllCaps(w string) bool {
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// hasInnerCapital tells product and brand shapes ("MitID", "PowerPoint")
// from names; "McDonald" and "DeLillo" are rare enough in field notes.
func hasInnerCapital(w string) bool {
	_, n := utf8.DecodeRuneInString(w)
	return strings.IndexFunc(w[n:], unicode.IsUpper) >= 0
}

func isCapitalized(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// atSentenceStart reports whether the word at pos starts a sentence, a
// line or a quotation, where Danish capitalizes every word.
func atSentenceStart(text string, pos int) bool {
	i := pos
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:i])
		if !strings.ContainsRune(" \t\"'«»„“”‘’([*-–—•>", r) {
			break
		}
		i -= n
	}
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	switch r {
	case '\n', '\r', '!', '?', '…', ':':
		return true
	case '.':
		prev := lastWord(text, i-1)
		if abbreviations[lowerWord(prev)] {
			return false
		}
		if utf8.RuneCountInString(prev) == 1 {
			// an initial ("J. P. Clausen"), unless it is a town's district
			// ending a sentence ("2100 København Ø. Lykke er …")
			before := lastWord(text, max(0, i-1-len(prev)-1))
			return lex.place[lowerWord(before)]
		}
		return true
	}
	return false
}

// lastWord returns the run of letters that ends at end.
func lastWord(text string, end int) string {
	start := end
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:start])
		if !isLetter(r) {
			break
		}
		start -= n
	}
	return text[start:end]
}

// wordBefore returns the word before pos, lowercased, when only spaces or
// a comma lie between (at most a few bytes).
func wordBefore(text string, pos int) string {
	i := pos
	for i > 0 && pos-i < 4 && (text[i-1] == ' ' || text[i-1] == ',' || text[i-1] == '\t') {
		i--
	}
	if i == pos || i == 0 {
		return ""
	}
	if text[i-1] == '.' {
		// "hr. Hansen", "dr. Jensen": only an abbreviation's dot
		w := lowerWord(lastWord(text, i-1))
		if abbreviations[w] {
			return w
		}
		return ""
	}
	return lowerWord(lastWord(text, i))
}

// wordAfter returns the word after pos, lowercased, when only spaces or a
// comma lie between.
func wordAfter(text string, pos int) string {
	i := pos
	for i < len(text) && i-pos < 3 && (text[i] == ' ' || text[i] == ',' || text[i] == '\t') {
		i++
	}
	if i == pos || i >= len(text) {
		return ""
	}
	w, ok := nextWord(text, i)
	if !ok || w.start != i {
		return ""
	}
	return lowerWord(w.text)
}

// codeEnd returns the end of a pseudonym code such as "[Borger-2]" that
// starts at the '[' before pos, or -1.
func codeEnd(text string, pos int) int {
	if pos == 0 || text[pos-1] != '[' {
		return -1
	}
	j := strings.IndexByte(text[pos:min(len(text), pos+40)], ']')
	if j <= 0 {
		return -1
	}
	inner := text[pos : pos+j]
	k := strings.LastIndexByte(inner, '-')
	if k <= 0 || k == len(inner)-1 {
		return -1
	}
	for _, c := range []byte(inner[k+1:]) {
		if !isDigit(c) {
			return -1
		}
	}
	return pos + j + 1
}

// appendPersons finds names without the participant list, by Danish
// capitalization, the word lists and context cues. taken are the matches
// already found (every kind, resolved, sorted by Start): a run of
// capitalized words is split around them, and a word next to a listed
// name (or next to a pseudonym code) counts as a name part.
func appendPersons(out []Match, text string, taken []Match) []Match {
	next := 0 // first taken match that may still be ahead
	adjacentEnd := -1
	var buf []element // reused for every run of capitalized words
	for pos := 0; pos < len(text); {
		w, ok := nextCapital(text, pos)
		if !ok {
			break
		}
		pos = w.end
		if e := codeEnd(text, w.start); e >= 0 {
			pos, adjacentEnd = e, e
			continue
		}
		for next < len(taken) && taken[next].End <= w.start {
			if taken[next].End > adjacentEnd && taken[next].Kind == Name {
				adjacentEnd = taken[next].End
			}
			next++
		}
		if next < len(taken) && taken[next].Start < w.end {
			continue
		}
		limit := len(text)
		if next < len(taken) {
			limit = taken[next].Start
		}
		els, end := chunkAt(buf[:0], text, w, limit)
		buf = els
		pos = end
		adjacent := adjacentEnd >= 0 && onlySpace(text[adjacentEnd:w.start])
		out = evalChunk(out, text, els, adjacent)
	}
	return out
}

func onlySpace(s string) bool {
	return s != "" && len(s) <= 2 && strings.TrimLeft(s, " ") == ""
}

// chunkAt collects the run of capitalized words (with initials, hyphens and
// particles) that starts at w, not beyond limit.
func chunkAt(els []element, text string, w word, limit int) ([]element, int) {
	cur := w
	for {
		gapEnd := cur.end
		hyphenLower := false
		if gapEnd+1 < len(text) && text[gapEnd] == '-' {
			r, _ := utf8.DecodeRuneInString(text[gapEnd+1:])
			hyphenLower = unicode.IsLower(r)
		}
		els = append(els, element{word: cur, cls: classify(cur.text, hyphenLower)})
		nw, ok := nextWord(text, cur.end)
		if !ok || nw.end > limit {
			break
		}
		gap := text[cur.end:nw.start]
		if !chunkGap(gap, els[len(els)-1].cls == cInitial) {
			break
		}
		if !isCapitalized(nw.text) {
			// a particle inside a name: "Anne af Rosen"
			if !particles[nw.text] || gap != " " {
				break
			}
			after, ok := nextWord(text, nw.end)
			if !ok || after.end > limit || text[nw.end:after.start] != " " || !isCapitalized(after.text) {
				break
			}
			nw = after
		}
		cur = nw
	}
	return els, els[len(els)-1].end
}

// chunkGap accepts what may stand between two words of one name.
func chunkGap(gap string, afterInitial bool) bool {
	switch gap {
	case " ", "-":
		return !afterInitial // "I Kolding": a letter without a dot is a word, not an initial
	case ". ", ".":
		return afterInitial
	}
	return false
}

// evalChunk decides which words of a run of capitalized words are a
// person's name and appends the match.
func evalChunk(out []Match, text string, els []element, adjacent bool) []Match {
	// Function words split a run: "Men Jens" is "Men" and "Jens".
	initialFunction := false
	for len(els) > 0 {
		k := 0
		for k < len(els) && els[k].cls != cFunction {
			k++
		}
		switch {
		case k == 1 && initialFunction && els[0].cls == cCollide:
			// "Og Hans musiksmag": after a sentence's first word a name
			// that is also a word needs the same evidence as at the start
		case k > 0:
			out = evalPart(out, text, els[:k], adjacent)
		}
		adjacent = false
		if k == len(els) {
			break
		}
		initialFunction = k == 0 && atSentenceStart(text, els[0].start)
		els = els[k+1:]
	}
	return out
}

func evalPart(out []Match, text string, els []element, adjacent bool) []Match {
	if len(els) > 1 && cueBefore[lowerWord(els[0].text)] && !els[0].cls.listed() {
		// "Projektleder Ida Holm", "Sygeplejerske Mette": the role is a cue,
		// not part of the name
		return evalMid(out, text, els[1:], lowerWord(els[0].text), wordAfter(text, els[len(els)-1].end), true)
	}
	start := els[0].start
	end := els[len(els)-1].end
	before := wordBefore(text, start)
	after := wordAfter(text, end)
	cue := cueBefore[before] || cueAfter[after]
	if !adjacent && atSentenceStart(text, start) && !cue {
		k := 0
		for k < len(els)-1 && els[k].cls == cInitial {
			k++ // "H. C. Andersen": initials lead to the name
		}
		if k > 0 {
			if els[k].cls.nameish() || els[k].cls == cNoun {
				return appendPerson(out, text, els, confPersonFull)
			}
			return evalMid(out, text, els[k:], "", after, false)
		}
		first := els[0].cls
		if first == cUnknown && len(els) > 1 && els[1].cls == cFirst {
			// "Erfarne Ivan Nielsen": a name starts with its first name
			return evalMid(out, text, els[1:], "", after, false)
		}
		strong := first.listed()
		multi := len(els) > 1 && (els[1].cls.listed() || (els[1].cls == cUnknown && (first == cCollide || first == cUnknown)))
		if !strong && !multi && len(els) == 1 && first == cUnknown && subjectOfVerb(text, els[0]) {
			// "Katie sad stadig …": an unlisted word before a finite verb
			// is a subject, and a subject that Danish capitalizes here
			// and that is in no word list is most often a name.
			return appendPerson(out, text, els, confPersonUnknown)
		}
		if !strong && !multi {
			// Capitalized because it starts the sentence: more evidence is
			// needed, so the first word goes and the rest stands alone.
			if len(els) == 1 {
				return out
			}
			return evalMid(out, text, els[1:], "", after, false)
		}
		conf := confPersonInitial
		if len(els) > 1 {
			conf = confPersonFull
		}
		return appendPerson(out, text, els, conf)
	}
	return evalMid(out, text, els, before, after, adjacent || cue)
}

// evalMid judges a run of capitalized words in mid-sentence, where Danish
// capitalizes only proper nouns.
func evalMid(out []Match, text string, els []element, before, after string, strongContext bool) []Match {
	// Leading initials without a name after them are not a name.
	listed, nameish, shape, noun, org, place, firstName := 0, 0, 0, 0, false, false, false
	for _, e := range els {
		switch {
		case e.cls.listed():
			listed++
			nameish++
		case e.cls.nameish():
			nameish++
		case e.cls == cShape:
			shape++
		case e.cls == cNoun:
			noun++
		case e.cls == cOrg:
			org = true
		case e.cls == cPlace:
			place = true
		}
		if e.cls == cFirst || (e.cls == cCollide && lex.first[strings.ToLower(e.text)]) {
			firstName = true
		}
	}
	cue := cueBefore[before] || cueAfter[after]
	switch {
	case nameish > 0 && noun > 0 && shape == 0 && !org && !place && !placePrepositions[before]:
		// "Nils Lofgren": a noun-shaped word next to a name part is a name part
		return appendPerson(out, text, els, confPersonUnknown)
	case nameish == 0 && len(els) == 1 && personPrepositions[before] && surnameLikePlace(els[0].text):
		return appendPerson(out, text, els, confPersonUnknown) // "talte med Kragelund"
	case nameish == 0 && shape == 0:
		if cue && place && len(els) == 1 {
			return appendPerson(out, text, els, confPersonCue) // "sygeplejersken Sofia"
		}
		return out
	case cue:
		return appendPerson(out, text, els, confPersonCue) // "siger Kaalund"
	case firstName && len(els) > 1:
		return appendPerson(out, text, els, confPersonFull) // "Per Kaalund"
	case listed > 0 && len(els) > 1 && !org:
		return appendPerson(out, text, els, confPersonFull)
	case listed > 0 && len(els) == 1:
		return appendPerson(out, text, els, confPersonListed)
	case strongContext:
		return appendPerson(out, text, els, confPersonNextCode)
	case org || place || shape > 0 || nameish == 0:
		return out // "Marielund Plejecenter", "Kolding Kommune"
	case placePrepositions[before]:
		return out // "i Vejen", "fra Gellerup"
	}
	conf := confPersonUnknown
	if els[0].cls == cCollide && len(els) == 1 {
		conf = confPersonWordName
	}
	return appendPerson(out, text, els, conf)
}

// appendPerson emits the run as one name, without leading or trailing
// initials-only words and without a genitive "s" after a listed word.
func appendPerson(out []Match, text string, els []element, conf float64) []Match {
	for len(els) > 0 && els[len(els)-1].cls == cInitial {
		els = els[:len(els)-1]
	}
	if len(els) == 0 {
		return out
	}
	last := els[len(els)-1]
	start, end := els[0].start, last.end
	if l := strings.ToLower(last.text); strings.HasSuffix(l, "s") {
		if stem := genitiveStem(l); stem != "" && (lex.first[stem] || lex.sur[stem] || surnameShape(stem)) && !lex.first[l] && !lex.sur[l] {
			end--
		}
	}
	value := collapseSpace(text[start:end])
	return append(out, Match{Kind: Person, Start: start, End: end, Value: value, Confidence: conf})
}

// finiteVerbs are the verbs that most often follow a sentence's subject.
var finiteVerbs = setOf(`er var har havde kan kunne vil ville skal skulle må måtte blev bliver får fik går gik kom kommer
bor boede sad sidder står stod ligger lå tog tager gav giver så ser synes syntes tror troede ved vidste elsker elskede hader
arbejder arbejdede spiller spillede bad beder holder holdt sendte sender lever levede døde vandt vinder tabte taber mødte møder`)

// subjectOfVerb reports whether the sentence-initial word e is followed by
// a finite verb, or by "og" and a capitalized word ("Edeling og Robert").
func subjectOfVerb(text string, e element) bool {
	l := strings.ToLower(e.text)
	if strings.HasSuffix(l, "t") && !strings.HasSuffix(l, "rt") {
		return false // adverbs: "Hurtigt", "Endeligt"
	}
	for _, e := range []string{"vis", "ig", "te", "de", "ne", "re", "ske", "ende"} {
		if strings.HasSuffix(l, e) {
			return false // "Heldigvis", "Foreløbig", "Sidstnævnte", "Erfarne", "Søstre"
		}
	}
	after := wordAfter(text, e.end)
	if e.end >= len(text) || text[e.end] != ' ' {
		return false
	}
	if finiteVerbs[after] || (!lex.function[after] && utf8.RuneCountInString(after) >= 5 && (strings.HasSuffix(after, "ede") || strings.HasSuffix(after, "er"))) {
		return true // "Lentz lægger", "Harremoës kritiserede"
	}
	if after == "og" {
		if w, ok := nextWord(text, e.end+4); ok && w.start == e.end+4 && isCapitalized(w.text) {
			return classify(w.text, false).listed()
		}
	}
	return false
}
