package ingest_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"regexp"
	"sort"
	"strings"
	"testing"

	"indsigt/ingest"
	"indsigt/store"
	"indsigt/store/storetest"
)

// The generated field notes: realistic Danish interviews, observations,
// Teams transcripts, CSV exports and Markdown notes, from a fixed seed,
// with the ground truth of every piece of personal data in them and of
// the bait (ordinary content that looks like personal data) that must
// survive. They are generated at test time; the generator is this file.

type secret struct {
	kind, text string
	fold       bool // compare case-insensitively (file names)
}

type genFile struct {
	name    string
	data    string
	opt     ingest.Options
	secrets []secret
	bait    []string
}

var (
	genFirst  = []string{"Karen", "Mette", "Birthe", "Inger", "Hanne", "Lene", "Susanne", "Kirsten", "Signe", "Ida", "Freja", "Else", "Grethe", "Jytte", "Ulla", "Jens", "Poul", "Niels", "Søren", "Henrik", "Lars", "Ole", "Preben", "Erik", "Torben", "Mads", "Frederik", "Jørgen", "Bent", "Ib", "Bo", "Ea"}
	genSecond = []string{"Marie", "Elise", "Lykke", "Louise", "Erik", "Peter", "Juul"}
	genSur    = []string{"Hansen", "Jensen", "Nielsen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen", "Madsen", "Holm", "Skov", "Dam", "Kjærgaard", "Østergaard", "Bech", "Lund", "Vestergaard"}
	// surnames on none of the finder's lists, as a real file would have them
	genRare    = []string{"Kragelund", "Thorsager", "Bødtcher", "Wexø", "Lindqvist", "Ravnholt", "Esmark", "Fjordbak", "Dybdal", "Tvilum", "Aidt", "Quaade"}
	genForeign = []string{"Fatima", "Ahmed", "Yusuf", "Aisha", "Zeynep", "Mohammed", "Agnieszka", "Piotr", "Leyla", "Hamza"}
	genStaff   = []string{"Anne Kirk", "Pia Thomsen", "Rikke Bro", "Jesper Vang", "Maja Friis"}
	genStreets = []string{"Kongensgade", "Skovvej", "Østergade", "Birkevej", "Søndergade", "Vestervang", "Engvej", "Nørregade", "Ahornvej", "Rosenvænget"}
	genTowns   = []string{"6000 Kolding", "7100 Vejle", "8000 Aarhus C", "5000 Odense C", "6100 Haderslev", "2100 København Ø"}
	genMonths  = []string{"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"}
	genRel     = []string{"min datter", "min søn", "naboen", "min veninde", "hendes mand", "min bror", "sygeplejersken", "lægen", "pædagogen", "sagsbehandleren", "hjemmehjælperen"}
	genFiller  = []string{
		"Det er svært at få hverdagen til at hænge sammen.",
		"Jeg forstår ikke altid brevene fra kommunen.",
		"Vi snakkede om, hvad der giver mening for borgeren.",
		"Det vigtigste er, at nogen lytter.",
		"Hun savner fællesskabet fra dengang.",
		"Planen blev lavet uden at spørge mig.",
		"Jeg vil gerne selv bestemme over min dag.",
		"Der er for mange skemaer, og de spørger om det samme.",
		"Maden er blevet bedre, men den kommer for tidligt.",
		"Han ringer sjældent, når det går godt.",
		"Borgeren fortæller, at natten er det værste.",
		"Vi aftalte at mødes igen om to uger.",
	}
)

// genWords are the generated first names that are also Danish words.
var genWords = map[string]bool{"bo": true}

// fieldGen writes one file's content and records its ground truth.
type fieldGen struct {
	r       *rand.Rand
	secrets []secret
	bait    []string
}

func (g *fieldGen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

func (g *fieldGen) add(kind, text string) string {
	g.secrets = append(g.secrets, secret{kind: kind, text: text})
	return text
}

func (g *fieldGen) keep(text string) string {
	g.bait = append(g.bait, text)
	return text
}

func (g *fieldGen) cpr() string {
	m := 1 + g.r.IntN(12)
	d := 1 + g.r.IntN(28)
	y := g.r.IntN(100)
	s := g.r.IntN(10000)
	switch g.r.IntN(6) {
	case 0:
		return fmt.Sprintf("%02d%02d%02d-%04d", d, m, y, s)
	case 1:
		return fmt.Sprintf("%02d.%02d.%02d-%04d", d, m, y, s)
	case 2:
		return fmt.Sprintf("%02d.%02d.19%02d-%04d", d, m, y, s)
	case 3:
		return fmt.Sprintf("%02d%02d%02d–%04d", d, m, y, s)
	case 4:
		return fmt.Sprintf("%02d %02d %02d %04d", d, m, y, s)
	}
	return fmt.Sprintf("%02d%02d%02d%04d", d, m, y, s)
}

func (g *fieldGen) phone() string {
	d := fmt.Sprintf("%d%07d", 2+g.r.IntN(8), g.r.IntN(10000000))
	return []string{d, d[0:2] + " " + d[2:4] + " " + d[4:6] + " " + d[6:8], d[0:4] + " " + d[4:8], "+45 " + d}[g.r.IntN(4)]
}

// personal returns one sentence with personal data (recorded as secret).
func (g *fieldGen) personal(participant string) string {
	first := strings.Fields(participant)[0]
	// Third parties: names of two letters (Bo, Ib, Ea) are found only when
	// listed, so the unlisted people here have longer names.
	tf, ts := g.pick(genFirst[:len(genFirst)-3]), g.pick(genSur)
	switch g.r.IntN(22) {
	case 14:
		return fmt.Sprintf("%s kommer på søndag med kage.", g.add("person", tf))
	case 15:
		return fmt.Sprintf("Vi var hos %s %s i sidste uge.", g.add("person", g.pick(genForeign)+" "+g.pick(genRare)), "")
	case 16:
		if genWords[strings.ToLower(first)] {
			// "bo" in lower case is the verb; a listed name that is also
			// a word is left to the reviewer when written in lower case
			return fmt.Sprintf("ja, %s er bedre til det end mig.", g.add("name", first))
		}
		return fmt.Sprintf("ja, %s er bedre til det end mig.", g.add("name", strings.ToLower(first)))
	case 17:
		return fmt.Sprintf("%s og %s kom forbi i går.", g.add("person", g.pick(genForeign)), g.add("person", tf))
	case 18:
		return fmt.Sprintf("Hendes kontaktperson hedder %s.", g.add("person", tf+" "+g.pick(genRare)))
	case 19:
		return fmt.Sprintf("Jeg talte med %s om det.", g.add("person", g.pick(genRare)))
	case 20:
		return fmt.Sprintf("Min mobil er %s.", g.add("phone", g.phone()))
	case 0:
		return fmt.Sprintf("Det siger %s selv.", g.add("name", first))
	case 1:
		return fmt.Sprintf("Jeg snakker tit med %s %s om det.", g.pick(genRel), g.add("person", tf))
	case 2:
		rel := g.pick(genRel)
		return fmt.Sprintf("%s %s hjælper med indkøb om fredagen.", strings.ToUpper(rel[:1])+rel[1:], g.add("person", tf+" "+ts))
	case 3:
		return fmt.Sprintf("%s fortæller, at det går bedre med benene.", g.add("person", tf))
	case 4:
		return fmt.Sprintf("Jeg bor på %s.", g.add("address", fmt.Sprintf("%s %d", g.pick(genStreets), 1+g.r.IntN(80))))
	case 5:
		return fmt.Sprintf("Adressen er %s.", g.add("address", fmt.Sprintf("%s %d, %d. %s., %s", g.pick(genStreets), 1+g.r.IntN(80), 1+g.r.IntN(4), g.pick([]string{"th", "tv", "mf"}), g.pick(genTowns))))
	case 6:
		return fmt.Sprintf("Hun er født %s og har boet her hele livet.", g.add("birthdate", fmt.Sprintf("%d. %s 19%02d", 1+g.r.IntN(28), g.pick(genMonths), 20+g.r.IntN(70))))
	case 7:
		return fmt.Sprintf("Mit CPR-nummer %s står på alle brevene.", g.add("cpr", g.cpr()))
	case 8:
		return fmt.Sprintf("Ring til mig på %s efter klokken ti.", g.add("phone", g.phone()))
	case 9:
		return fmt.Sprintf("Skriv til %s, hvis det haster.", g.add("email", strings.ToLower(tf)+"."+strings.ToLower(ts)+"@"+g.pick([]string{"gmail.com", "hotmail.dk", "kolding.dk", "mail.dk"})))
	case 10:
		return fmt.Sprintf("Pensionen går ind på reg.nr. %s.", g.add("account", fmt.Sprintf("%04d kontonr. %07d", 1000+g.r.IntN(9000), g.r.IntN(10000000))))
	case 11:
		return fmt.Sprintf("Bilen med nummerplade %s holder i indkørslen.", g.add("plate", fmt.Sprintf("%c%c %02d %03d", 'A'+g.r.IntN(26), 'A'+g.r.IntN(26), 10+g.r.IntN(90), g.r.IntN(1000))))
	case 12:
		return fmt.Sprintf("Så kom %s ind ad døren.", g.add("person", tf+"-"+g.pick([]string{"Erik", "Marie", "Peter"})))
	}
	return fmt.Sprintf("Det var %ss idé.", g.add("name", first))
}

// bait returns one sentence with content that must survive.
func (g *fieldGen) baitSentence() string {
	switch g.r.IntN(14) {
	case 11:
		return g.keep("Lykke er at have en god nabo") + "."
	case 12:
		return g.keep("Kolding Kommune") + " har et nyt tilbud."
	case 13:
		return fmt.Sprintf("Sagen ligger i %s hos %s.", g.keep("Jobcentret"), g.keep("Borgerservice"))
	case 0:
		return fmt.Sprintf("I perioden %s var der lang ventetid.", g.keep(fmt.Sprintf("%d-%d", 2015+g.r.IntN(5), 2020+g.r.IntN(5))))
	case 1:
		return fmt.Sprintf("Sagen har sagsnr. %s.", g.keep(fmt.Sprintf("%08d", 10000000+g.r.IntN(89999999))))
	case 2:
		return fmt.Sprintf("Se j.nr. %s i systemet.", g.keep(fmt.Sprintf("20%02d-%04d", 10+g.r.IntN(15), g.r.IntN(10000))))
	case 3:
		return fmt.Sprintf("Det koster %s om måneden.", g.keep(fmt.Sprintf("%d.%03d kr.", 1+g.r.IntN(9), g.r.IntN(1000))))
	case 4:
		return fmt.Sprintf("Mødet startede kl. %s.", g.keep(fmt.Sprintf("%d.%02d", 8+g.r.IntN(10), 15*g.r.IntN(4))))
	case 5:
		return fmt.Sprintf("Cirka %s af borgerne svarede.", g.keep(fmt.Sprintf("%d %%", 5+g.r.IntN(90))))
	case 6:
		return fmt.Sprintf("Hun har været på %s flere gange.", g.keep(g.pick([]string{"Jobcentret", "Sundhedshuset", "Borgerservice", "Marielund", "Rådhuset"})))
	case 7:
		return fmt.Sprintf("Vi holdt mødet i %s.", g.keep(g.pick([]string{"Kolding", "Vejle", "Haderslev", "Fredericia", "Aarhus"})))
	case 8:
		return fmt.Sprintf("Den %s var der workshop.", g.keep(fmt.Sprintf("%d. %s 2024", 1+g.r.IntN(28), g.pick(genMonths))))
	case 9:
		return g.keep("Vi gik en tur i skoven, og det gav lykke") + "."
	}
	return fmt.Sprintf("Hun har fået %s timers hjælp om ugen.", g.keep(fmt.Sprintf("%d", 2+g.r.IntN(20))))
}

func (g *fieldGen) paragraph(participant string) string {
	var b []string
	for range 2 + g.r.IntN(3) {
		switch g.r.IntN(3) {
		case 0:
			b = append(b, g.personal(participant))
		case 1:
			b = append(b, g.baitSentence())
		default:
			b = append(b, g.pick(genFiller))
		}
	}
	return strings.Join(b, " ")
}

func (g *fieldGen) participant() string {
	n := g.pick(genFirst)
	if g.r.IntN(3) == 0 {
		n += " " + g.pick(genSecond)
	}
	return n + " " + g.pick(genSur)
}

func generateFieldNotes(seed uint64, n int) []genFile {
	r := rand.New(rand.NewPCG(seed, 11))
	var files []genFile
	for i := range n {
		g := &fieldGen{r: r}
		part := g.participant()
		first := strings.Fields(part)[0]
		staff := g.pick(genStaff)
		staffFirst := strings.Fields(staff)[0]
		f := genFile{}
		switch i % 5 {
		case 0: // interview with speaker turns and a header of label lines
			var b strings.Builder
			fmt.Fprintf(&b, "Interview med borger\nDato: 2024-03-%02d\nSted: Kolding\nCPR: %s\n\n", 1+r.IntN(28), g.add("cpr", fmt.Sprintf("%02d%02d%02d%04d", 1+r.IntN(28), 1+r.IntN(12), r.IntN(100), r.IntN(10000))))
			for range 6 + r.IntN(6) {
				fmt.Fprintf(&b, "Interviewer: %s\n%s: %s\n\n", g.pick(genFiller), first, g.paragraph(part))
			}
			f.name = fmt.Sprintf("interview-%s-%d.txt", strings.ToLower(first), i)
			f.data = b.String()
			f.opt = ingest.Options{Kind: "interview", Participants: []string{part}, Interviewer: staff}
			f.secrets = append(g.secrets, secret{kind: "filename", text: strings.ToLower(first), fold: true})
			f.bait = g.bait
			files = append(files, f)
			continue
		case 1: // observation notes in paragraphs
			var b strings.Builder
			fmt.Fprintf(&b, "Observation på plejehjemmet\nObservatør: %s\n\n", staff)
			for range 5 + r.IntN(5) {
				fmt.Fprintf(&b, "%s %s\n\n", g.pick(genFiller), g.paragraph(part))
			}
			f.name = fmt.Sprintf("observation-%d.txt", i)
			f.data = b.String()
			f.opt = ingest.Options{Kind: "observation", Participants: []string{part}, Staff: []string{staff}}
			g.secrets = append(g.secrets, secret{kind: "staff", text: staff})
			f.secrets, f.bait = g.secrets, g.bait
			files = append(files, f)
			continue
		case 2: // Teams transcript with voice tags
			var b strings.Builder
			b.WriteString("WEBVTT\n\n")
			for k := range 6 + r.IntN(6) {
				who, text := staff, g.pick(genFiller)
				if k%2 == 1 {
					who, text = part, g.paragraph(part)
				}
				fmt.Fprintf(&b, "%02d:%02d.000 --> %02d:%02d.000\n<v %s>%s</v>\n\n", k, 0, k, 30, who, text)
			}
			f.name = fmt.Sprintf("teams-%d.vtt", i)
			f.data = b.String()
			f.opt = ingest.Options{Kind: "interview", Staff: []string{staff}}
			g.secrets = append(g.secrets, secret{kind: "name", text: part}, secret{kind: "staff", text: staff})
			f.secrets, f.bait = g.secrets, g.bait
			files = append(files, f)
			continue
		case 3: // ; CSV export
			var b strings.Builder
			b.WriteString("Tid;Taler;Tekst\n")
			for k := range 6 + r.IntN(6) {
				who, text := staffFirst, g.pick(genFiller)
				if k%2 == 1 {
					who, text = first, g.paragraph(part)
				}
				fmt.Fprintf(&b, "00:%02d:00;%s;\"%s\"\n", k, who, strings.ReplaceAll(text, `"`, `""`))
			}
			f.name = fmt.Sprintf("svar-%d.csv", i)
			f.data = b.String()
			f.opt = ingest.Options{Kind: "interview", Participants: []string{part}, Staff: []string{staff}}
			f.secrets, f.bait = g.secrets, g.bait
			files = append(files, f)
			continue
		default: // Markdown with front matter
			var b strings.Builder
			fmt.Fprintf(&b, "---\nkind: interview\ntitle: Samtale med %s\ndate: 2024-05-%02d\nplace: Kolding\ninterviewer: %s\nparticipants:\n  - %s\n---\n\n# Noter\n\n", g.add("name", first), 1+r.IntN(28), staff, part)
			for range 4 + r.IntN(4) {
				fmt.Fprintf(&b, "%s: %s\n\n%s: %s\n\n", staffFirst, g.pick(genFiller), first, g.paragraph(part))
			}
			f.name = fmt.Sprintf("noter-%d.md", i)
			f.data = b.String()
			g.secrets = append(g.secrets, secret{kind: "staff", text: staff})
			f.secrets, f.bait = g.secrets, g.bait
			files = append(files, f)
			continue
		}
	}
	return files
}

// countWord counts whole-word occurrences of w in s.
func countWord(s, w string, fold bool) int {
	if fold {
		s, w = strings.ToLower(s), strings.ToLower(w)
	}
	re := regexp.MustCompile(`(^|[^\p{L}\p{N}])` + regexp.QuoteMeta(w) + `($|[^\p{L}\p{N}])`)
	return len(re.FindAllStringIndex(s, -1))
}

// TestFieldNotesCorpus ingests the generated field notes through
// ingest.Service into a real store and measures what personal data is
// left in what was stored, and what bait was destroyed.
func TestFieldNotesCorpus(t *testing.T) {
	files := generateFieldNotes(2026, 200)
	// One dialect is enough: this measures what the finder leaves, and the
	// store tests cover both dialects. SQLite keeps it at a few seconds.
	func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc, p := setup(t, s)
		type tally struct{ total, removed int }
		kinds := map[string]*tally{}
		var baitTotal, baitKept int
		var leaks []string
		for _, f := range files {
			res := svc.File(ctx, p, f.name, []byte(f.data), f.opt)
			src, notes := stored(t, s, p, res)
			stored := []string{src.Title, src.Filename, src.Place, src.Interviewer}
			for _, n := range notes {
				stored = append(stored, n.Text, n.Speaker)
			}
			blob := strings.Join(stored, "\n")
			titles := src.Title + "\n" + src.Filename
			for _, sc := range f.secrets {
				in := blob
				if sc.kind == "filename" {
					in = titles // "bo" may rightly stay in the notes as a verb
				}
				k := kinds[sc.kind]
				if k == nil {
					k = &tally{}
					kinds[sc.kind] = k
				}
				k.total++
				if countWord(in, sc.text, sc.fold) == 0 {
					k.removed++
				} else if len(leaks) < 20 {
					leaks = append(leaks, fmt.Sprintf("%s: %s %q", f.name, sc.kind, sc.text))
				}
			}
			for _, b := range f.bait {
				baitTotal++
				if countWord(blob, b, false) > 0 {
					baitKept++
				} else if len(leaks) < 40 {
					leaks = append(leaks, fmt.Sprintf("%s: bait destroyed %q", f.name, b))
				}
			}
		}
		var names []string
		total, removed := 0, 0
		for k, v := range kinds {
			names = append(names, k)
			total += v.total
			removed += v.removed
		}
		sort.Strings(names)
		t.Logf("%d files; personal data removed, per kind:", len(files))
		for _, k := range names {
			v := kinds[k]
			t.Logf("  %-10s %5d / %5d = %6.2f %%", k, v.removed, v.total, 100*float64(v.removed)/float64(v.total))
		}
		rate := 100 * float64(removed) / float64(total)
		destroyed := 100 * float64(baitTotal-baitKept) / float64(baitTotal)
		t.Logf("  all        %5d / %5d = %6.2f %%; bait destroyed %d / %d = %.2f %%", removed, total, rate, baitTotal-baitKept, baitTotal, destroyed)
		for _, l := range leaks {
			t.Log("  ", l)
		}
		if rate < 99 {
			t.Errorf("personal data removed %.2f %% < 99 %%", rate)
		}
		if destroyed > 1 {
			t.Errorf("bait destroyed %.2f %% > 1 %%", destroyed)
		}
	}(t, storetest.Open(t, store.SQLite))
}
