package cluster

import "strings"

// The label lexicon: a small hand-made list of Danish words that say how
// something was told or who told it, not what it is about. Field notes
// are full of them ("hun fortæller, at han går ud til …"), and without
// this list they win labels ("Spurgte, skrevet, sprog, vores") and pull
// unrelated notes together (two notes "holder" something). A hand-made
// list was chosen over a part-of-speech tagger because no Danish tagger
// exists in pure Go, none may be called as a service, and the words that
// matter are few and frequent: pronouns, common verbs in all their forms,
// adverbs and counting words. Rarer verbs are caught by suffixWordClass
// and kept in the vectors, but only win a label when too few nouns and
// adjectives are distinctive.

// pronouns are the personal, possessive, reflexive and indefinite
// pronouns the Snowball stop list lacks.
var pronouns = set(`
jeg mig min mit mine du dig din dit dine han ham hans hun hende hendes
den det dens dets vi os vores vor vort vore I jer jeres de dem deres
sig sin sit sine selv egen eget egne hinanden nogen noget nogle ingen intet ingenting
alle alt andre andet anden enhver ethvert hvem hvilken hvilket hvilke
man én begge`)

// verbForms are frequent verbs of field notes, every form. Forms that are
// also common nouns ("bruger", "arbejder", "løber") are left out.
var verbForms = set(`
gå går gik gået står stod stået stå kommer kom kommet komme ser så set se
siger sagde sagt sige spørger spurgte spurgt spørge svarer svarede svaret
svare fortæller fortalte fortalt fortælle taler talte talt tale snakker
snakkede snakket snakke skriver skrev skrevet skrive læser læste læst læse
tager tog taget tage giver gav givet give får fik fået få gør gjorde gjort
gøre tænker tænkte tænkt tænke synes syntes syntes synes føler følte følt
føle mener mente ment mene tror troede troet tro ved vidste vidst vide
hører hørte hørt høre prøver prøvede prøvet prøve laver lavede lavet lave
finder fandt fundet finde holder holdt holde hjælper hjalp hjulpet hjælpe
ringer ringede ringet ringe venter ventede ventet vente bor boede boet bo
sidder sad siddet sidde ligger lå ligget ligge sover sov sovet sove
spiser spiste spist spise drikker drak drukket drikke køber købte købt
købe starter startede startet starte stopper stoppede stoppet stoppe
bliver blevet blev blive kan kunne kunnet skal skulle skullet vil ville
villet må måtte måttet bør burde har havde haft er var været være
lader lod ladet lade sætter satte sat sætte lægger lagde lagt lægge
mærker mærkede mærket mærke savner savnede savnet savne betyder betød
betydet betyde handler handlede handlet handle fylder fyldte fyldt fylde
kender kendte kendt kende virker virkede virket virke viser viste vist
vise bruges brugte brugt bruge begynder begyndte begyndt begynde
fortsætter fortsatte fortsat fortsætte forsøger forsøgte forsøgt forsøge
forstår forstod forstået forstå oplever oplevede oplevet opleve
beskriver beskrev beskrevet beskrive nævner nævnte nævnt nævne
kalder kaldte kaldt kalde lever levede levet leve kører kørte kørt køre
mødes mødtes føles føltes skammer skammede skammet skamme passer passede
passet klager klagede kigger kiggede kigget kigge lukker lukkede
lukket lukke åbner åbnede åbnet åbne vågner vågnede vågnet vågne
tjekker tjekkede tjekket tjekke falder faldt faldet falde glemmer glemte glemt glemme vælger valgte valgt vælge lærer lærte lært lære`)

// weakWords are adverbs, counting and time words and vague nouns that go
// with any topic ("flere gange", "hele tiden", "en ting"), and "borger":
// in a municipality's notes every note is about a citizen.
var weakWords = set(`
gang gange ting tingene måde slags del mere mest mindre mindst flere
fleste første sidste næste samme sammen andre ofte sjældent længe længere
først senere tidligere bagefter derfor fordi mens selvom både enten
hvorfor hvordan hvornår hvor kun eneste ret slet godt dårligt meget
mange lang langt tit heller ellers især næsten cirka omkring
derefter dengang nogensinde allerede endnu lige hjemme ude inde oppe kl klokken
nede to tre fire fem seks syv otte ni ti før efter dag dagen dage år året årene uge ugen uger
borger borgeren borgere borgerne`)

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[strings.ToLower(w)] = true
	}
	return m
}

// wordClass is how a word may serve a label.
type wordClass int

const (
	content  wordClass = iota // a noun or adjective, as far as we can tell
	verbLike                  // likely a verb form: only when nouns run out
	function                  // never: pronouns, common verbs, weak words
)

// notLabels carry meaning in the vectors ("ikke mad nok", see the package
// comment) but name no theme on their own.
var notLabels = set("nok")

// classify tells what a lowercase word may do in a label.
func classify(w string) wordClass {
	switch {
	case pronouns[w], verbForms[w], weakWords[w]:
		return function
	case suffixVerb(w):
		return verbLike
	}
	return content
}

// suffixVerb guesses regular past tenses: "-ede" (tjekkede, ringede) and
// a stop consonant or l/m/v before "-te" (købte, brugte, følte, glemte).
// Present tense "-er" and participle "-et" are left alone: they are also
// plural and definite nouns (borgere, køleskabet), the words labels need.
func suffixVerb(w string) bool {
	r := []rune(w)
	n := len(r)
	if n >= 5 && strings.HasSuffix(w, "ede") {
		return true
	}
	if n >= 5 && strings.HasSuffix(w, "te") {
		return strings.ContainsRune("bdgklmpv", r[n-3])
	}
	return false
}
