package cluster

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// genWords is the vocabulary of the synthetic notes: content words that
// are sliced into topics, so each topic has its own words.
var genWords = strings.Fields(`
køleskab mad nat frygt sult indkøb fryser madpakke regning husleje
musik sang trommer guitar klaver terapi melodi kor rytme lyd
fodbold klub træner hold kontingent håndbold svømning forening kamp bold
plan forvaltning sagsbehandler jobcenter handleplan møde mål aktivering bevilling ansøgning
mitid computer telefon selvbetjening brev post app kode skærm hjemmeside
bus cykel kørsel rute stoppested billet chauffør afgang trafik vej
ensomhed nabo kaffe besøg venskab samtale fællesskab stue weekend savn
søvn træthed smerte medicin læge sygehus operation genoptræning ryg knæ
skole lærer lektier klasse frikvarter mobning eksamen skoleskift pædagog elev
bolig lejlighed fugt udlejer flytning have altan trappe elevator køkken
job arbejde løn kollega vagt ledighed praktik kursus uddannelse chef
barn baby vuggestue børnehave forælder bleer amning barsel søskende pusletid
demens plejehjem hjemmehjælp pårørende hukommelse rengøring plejer bad beboer aftensmad
alkohol misbrug behandling afrusning abstinens tilbagefald rådgivning sprut øl hash
gæld inkasso afdrag budget bank lån pension kontanthjælp ydelse underskud
natur skov strand gåtur hund fugle havn sti bænk udsigt
frivillig genbrug forening bestyrelse kirke spejder lokalhus fest loppemarked kage
angst depression psykolog psykiatri tanker panik uro krise terapeut diagnose
bibliotek bog læsning foredrag computerkursus avis lydbog strikning billard værksted
mobil sms opkald skærmtid spil chat video netværk internet opladning
`)

// genGeneric words appear across topics; they make notes similar by
// accident, which is what real field notes do.
var genGeneric = strings.Fields(`
borger kommune hverdag tid familie hjælp hjem dag uge penge svært godt
tryghed ønske problem behov løsning oplevelse følelse ansvar hverdagen aften
morgen forandring kontakt system regel samarbejde ressource overblik ro
`)

var genFiller = strings.Fields(`og i jeg det at en den til er som på de med han af for ikke der var
mig sig men hun altså ligesom jo nok lige bare sådan meget hele når`)

var genSuffix = []string{"", "", "", "en", "er", "et", "erne", "s"}

const genTopicWords = 10

// generateNotes makes n deterministic notes of about 40 words. Nine in ten
// belong to one of the topics (truth ≥ 0); the rest are noise (truth -1).
func generateNotes(n int, seed uint64) ([]Doc, []int) {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	topics := len(genWords) / genTopicWords
	docs := make([]Doc, n)
	truth := make([]int, n)
	var sb strings.Builder
	for i := range docs {
		topic := r.IntN(topics)
		if r.IntN(10) == 0 {
			topic = -1
		}
		sb.Reset()
		for w := range 40 {
			if w > 0 {
				sb.WriteByte(' ')
			}
			switch k := r.IntN(10); {
			case k < 4:
				sb.WriteString(genFiller[r.IntN(len(genFiller))])
			case k < 6:
				sb.WriteString(genGeneric[r.IntN(len(genGeneric))])
			case topic < 0 || k < 7:
				sb.WriteString(genWords[r.IntN(len(genWords))] + genSuffix[r.IntN(len(genSuffix))])
			default:
				sb.WriteString(genWords[topic*genTopicWords+r.IntN(genTopicWords)] + genSuffix[r.IntN(len(genSuffix))])
			}
		}
		sb.WriteByte('.')
		docs[i] = Doc{
			ID:          fmt.Sprintf("n%05d", i),
			Text:        sb.String(),
			Participant: fmt.Sprintf("P%03d", r.IntN(300)),
			SourceID:    fmt.Sprintf("S%02d", r.IntN(60)),
		}
		truth[i] = topic
	}
	return docs, truth
}

// topicARI is the adjusted Rand index over the topical notes (noise left
// out); unclustered notes count as singletons.
func topicARI(docs []Doc, truth []int, got []Cluster) float64 {
	pred := map[string]int{}
	for ci, c := range got {
		for _, id := range c.NoteIDs {
			pred[id] = ci
		}
	}
	var tr, pr []int
	for i, d := range docs {
		if truth[i] < 0 {
			continue
		}
		p, ok := pred[d.ID]
		if !ok {
			p = -1 - i
		}
		tr = append(tr, truth[i])
		pr = append(pr, p)
	}
	return AdjustedRandIndex(tr, pr)
}

func BenchmarkSuggest10k(b *testing.B) {
	docs, truth := generateNotes(10_000, 1)
	b.ReportAllocs()
	var got []Cluster
	for b.Loop() {
		got = Suggest(docs, Options{})
	}
	b.ReportMetric(topicARI(docs, truth, got), "ARI")
	b.ReportMetric(float64(len(got)), "clusters")
}
