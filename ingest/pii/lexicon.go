package pii

import (
	"embed"
	"strings"
)

// The word lists are compiled by hand for indsigt (see NOTICE.md) and
// embedded, so the binary needs no files at run time.
//
//go:embed lexicon/*.txt
var lexiconFS embed.FS

// lexicon holds the embedded word lists, lowercased. It is built once and
// never written afterwards, so it is safe to share between goroutines.
type lexicon struct {
	first    map[string]bool // first names
	sur      map[string]bool // surnames
	collide  map[string]bool // names that are also common Danish words
	place    map[string]bool // places
	org      map[string]bool // institutions, organizations, holidays, months
	function map[string]bool // words that are never names on their own
}

var lex = loadLexicon()

func loadLexicon() *lexicon {
	return &lexicon{
		first:    readList("lexicon/firstnames.txt"),
		sur:      readList("lexicon/surnames.txt"),
		collide:  readList("lexicon/collisions.txt"),
		place:    readList("lexicon/places.txt"),
		org:      readList("lexicon/orgs.txt"),
		function: readList("lexicon/words.txt"),
	}
}

// readList reads whitespace-separated words, skipping lines that start
// with '#'. A missing list is a build error (embed), so a read error here
// cannot happen at run time; it panics to say so loudly in tests.
func readList(name string) map[string]bool {
	b, err := lexiconFS.ReadFile(name)
	if err != nil {
		panic("pii: embedded list missing: " + name)
	}
	m := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		for _, w := range strings.Fields(line) {
			m[strings.ToLower(w)] = true
		}
	}
	return m
}
