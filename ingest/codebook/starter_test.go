package codebook

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"testing"
)

// starterExamples gives, for every starter rule (by tag and pattern), a
// realistic Danish sentence from an interview or observation that the rule
// must tag. A new starter rule without an example fails the test.
var starterExamples = map[[2]string]string{
	{radarTag, "radar"}:         "Det lå ikke inden for min radar, men jeg fulgte hende alligevel hen til jobcentret.",
	{radarTag, "ikke mit bord"}: "Han fik bare at vide: Det er ikke mit bord.",
	{radarTag, "kastebold*"}:    "Jeg føler mig som en kastebold mellem afdelingerne.",

	{planTag, "borgerens plan"}:   "Vi tog udgangspunkt i borgerens plan fra sidste møde.",
	{planTag, "borgerens aftale"}: "Det er borgerens aftale, ikke vores.",
	{planTag, "min plan"}:         "Det er min plan, og jeg vil selv bestemme over den.",
	{planTag, "egen plan"}:        "Han vil gerne bære sin egen plan med til lægen.",
	{planTag, "fare* vild"}:       "Jeg farer vild i alle de forskellige afdelinger.",

	{moedeTag, "borgeren i møde"}: "Vi skal gå borgeren i møde, når hun er usikker.",
	{moedeTag, "næste handling"}:  "Samtalen sluttede med en aftale om næste handling.",
	{moedeTag, "ring* tilbage"}:   "Ingen ringede tilbage, så jeg vidste ikke, hvad der skulle ske.",
	{moedeTag, "utryg*"}:          "Hun var utryg ved den nye hjemmehjælper.",
	{moedeTag, "usikker"}:         "Han blev usikker, da brevet kom.",

	{sprogTag, "fagsprog*"}:             "Brevet var fyldt med fagsprog.",
	{sprogTag, "fagudtryk*"}:            "Sagsbehandleren brugte mange fagudtryk.",
	{sprogTag, "paragraf*"}:             "De henviste hele tiden til paragraffer.",
	{sprogTag, "lovparagraf*"}:          "Der stod en lovparagraf i hvert afsnit.",
	{sprogTag, "forstod ikke"}:          "Jeg forstod ikke, hvad hun mente med det.",
	{sprogTag, "forstår ikke"}:          "Min mor forstår ikke de breve, hun får.",
	{sprogTag, "svært at forstå"}:       "Det var svært at forstå, hvad de ville have.",
	{faellesTag, "frivillig*"}:          "En frivillig fra Røde Kors kommer hver tirsdag.",
	{faellesTag, "netværk*"}:            "Vi talte om, hvem der er i hendes netværk.",
	{faellesTag, "civilsamfund*"}:       "Løsningen blev fundet i civilsamfundet.",
	{faellesTag, "fællesskabet i spil"}: "Medarbejderne satte fællesskabet i spil på værestedet.",

	{spoergTag, "stil* spørgsmål"}: "Hun stillede spørgsmål om min hverdag, før hun foreslog noget.",
	{spoergTag, "spurgte ind"}:     "Han spurgte ind til, hvad der betød noget for mig.",
	{spoergTag, "nysgerrig*"}:      "Personalet var nysgerrige på hans drømme.",
	{spoergTag, "hvad er vigtigt"}: "Hvad er vigtigt for dig lige nu?",

	{meningTag, "mening sammen"}:       "Vi skabte mening sammen over en kop kaffe.",
	{meningTag, "giver mening"}:        "Det giver mening for mig at komme derhen.",
	{meningTag, "gav mening"}:          "Det gav mening, da hun forklarede det.",
	{meningTag, "meningsfuld*"}:        "Det var en meningsfuld snak.",
	{meningTag, "sammen med borgeren"}: "Planen blev lavet sammen med borgeren.",

	{muligtTag, "gør det muligt"}:    "Nøglen gør det muligt for ham at komme og gå.",
	{muligtTag, "gjorde det muligt"}: "Bussen gjorde det muligt at komme til træning.",
	{muligtTag, "på tværs"}:          "Vi arbejdede på tværs af forvaltningerne.",
	{muligtTag, "faggrænse*"}:        "Vi glemte faggrænserne for en stund.",
	{muligtTag, "silo*"}:             "Der er for mange siloer i kommunen.",

	{borgerlandTag, "borgerland*"}:          "Vi startede i borgerland hjemme i hendes stue.",
	{borgerlandTag, "perspektivskift*"}:     "Personalet lavede et perspektivskifte.",
	{borgerlandTag, "borgerens perspektiv"}: "Vi prøvede at se det fra borgerens perspektiv.",
	{borgerlandTag, "borgerens side"}:       "Jeg satte mig ved borgerens side af bordet.",

	{faglandTag, "fagland*"}:           "Bagefter tog vi sagen med over i fagland.",
	{faglandTag, "tværfaglig*"}:        "Der blev holdt et tværfagligt møde om ham.",
	{faglandTag, "faggruppe*"}:         "Flere faggrupper var med til konferencen.",
	{ensomhedTag, "ensom*"}:            "Hun har følt sig ensom, siden hendes mand døde.",
	{ensomhedTag, "bor alene"}:         "Hun bor alene, efter at hendes mand døde.",
	{ensomhedTag, "helt alene"}:        "Om aftenen er han helt alene.",
	{ensomhedTag, "sidder alene"}:      "Han sidder alene hele dagen.",
	{ensomhedTag, "være alene"}:        "Hun er bange for at være alene om natten.",
	{ensomhedTag, "føler mig alene"}:   "Jeg føler mig alene i weekenderne.",
	{ensomhedTag, "isoler*"}:           "Hun har isoleret sig i lejligheden.",
	{ensomhedTag, "ingen at tale med"}: "Jeg har ingen at tale med om aftenen.",

	{madTag, "køleskab*"}:   "Hun kiggede i køleskabet flere gange.",
	{madTag, "mad nok"}:     "Der var ikke altid mad nok, da hun var barn.",
	{madTag, "maden*"}:      "Maden smager ikke af noget længere.",
	{madTag, "madpakke*"}:   "Hun smører madpakker til barnebarnet.",
	{madTag, "madordning*"}: "Han er glad for madordningen.",
	{madTag, "morgenmad*"}:  "Hun springer morgenmaden over.",
	{madTag, "aftensmad*"}:  "Aftensmaden kommer klokken fem.",
	{madTag, "frokost*"}:    "De spiste frokost sammen i fællesrummet.",
	{madTag, "sult*"}:       "Han er bange for at blive sulten.",
	{madTag, "måltid*"}:     "Måltidet er dagens højdepunkt.",
	{madTag, "spis*"}:       "Han spiser ikke ret meget for tiden.",

	{soevnTag, "søvn*"}:  "Hun har haft dårlig søvn i flere uger.",
	{soevnTag, "nat"}:    "Han står op om natten.",
	{soevnTag, "natte*"}: "Nattevagten fandt ham i gangen.",
	{soevnTag, "sove*"}:  "Hun kan ikke sove, når det blæser.",

	{paaroerendeTag, "pårørende"}:   "Hendes pårørende deltog i borgerkonferencen.",
	{paaroerendeTag, "datter*"}:     "Datteren ringer hver dag.",
	{paaroerendeTag, "søn"}:         "Sønnen bor i Aarhus og kommer sjældent.",
	{paaroerendeTag, "ægtefælle*"}:  "Hans ægtefælle hjælper med indkøb.",
	{paaroerendeTag, "børnebørn*"}:  "Hun glæder sig til at se sine børnebørn.",
	{paaroerendeTag, "barnebarn*"}:  "Hans barnebarn hjælper med computeren.",
	{faellesskabTag, "fællesskab*"}: "Hun savner et fællesskab.",
	{faellesskabTag, "forening*"}:   "Han kom ind i foreningslivet via projektet.",
	{faellesskabTag, "klub*"}:       "Han går i klubben hver onsdag.",
	{faellesskabTag, "på holdet"}:   "Han er glad for at være på holdet.",

	{jobTag, "uddann*"}:          "Han er ved at uddanne sig til fysioterapeut.",
	{jobTag, "job"}:              "Hun drømmer om at få et job i en butik.",
	{jobTag, "arbejdsmarked*"}:   "Han har stået uden for arbejdsmarkedet i en årrække.",
	{jobTag, "praktik*"}:         "Hun er i praktik i en børnehave.",
	{jobTag, "jobcent*"}:         "Jobcentret har indkaldt ham til samtale.",
	{jobTag, "skole*"}:           "Han droppede ud af skolen i ottende klasse.",
	{papirerTag, "plan"}:         "De har lavet en ny plan for hende.",
	{papirerTag, "handleplan*"}:  "Handleplanen lå i skuffen.",
	{papirerTag, "planlæg*"}:     "Vi skal planlægge mødet sammen.",
	{papirerTag, "papir*"}:       "Der er så mange papirer at holde styr på.",
	{papirerTag, "skema*"}:       "Jeg skulle udfylde et skema på seks sider.",
	{papirerTag, "blanket*"}:     "Blanketten var svær at finde.",
	{papirerTag, "brev"}:         "Hun fik et brev fra kommunen.",
	{papirerTag, "ansøgning*"}:   "Ansøgningen blev afvist uden forklaring.",
	{papirerTag, "e boks"}:       "Jeg kan ikke finde ud af e-Boks.",
	{papirerTag, "digital post"}: "Hun har fritagelse for digital post.",
}

// unrelated sentences must not be tagged by the starter rules at all: the
// rules are meant to be conservative.
var unrelated = []string{
	"Bussen kørte fra banegården klokken otte.",
	"Vejret var fint, og solen skinnede over fjorden.",
	"Regnskabet for 2025 viser et lille overskud.",
	"Parkeringspladsen ved rådhuset bliver asfalteret i næste uge.",
	"Mødelokalet på tredje sal har fået nye stole.",
	"Kaffemaskinen er i stykker igen.",
	"Han plantede tre æbletræer i haven.",
	"Mads kørte en tur på cyklen i går.",
	"Alene i år er der kommet tre nye butikker.",
}

func TestStarterRulesTagExamples(t *testing.T) {
	_, rules := Starter()
	all, err := NewMatcher(rules)
	if err != nil {
		t.Fatalf("starter rules: %v", err)
	}
	for _, r := range rules {
		key := [2]string{r.Tag, r.Pattern}
		sentence, ok := starterExamples[key]
		if !ok {
			t.Errorf("starter rule %v has no example sentence", key)
			continue
		}
		one, err := NewMatcher([]Rule{r})
		if err != nil {
			t.Fatal(err)
		}
		if got := one.Tags(sentence); !slices.Equal(got, []string{r.Tag}) {
			t.Errorf("rule %v on %q = %v", key, sentence, got)
		}
		if got := all.Tags(sentence); !slices.Contains(got, r.Tag) {
			t.Errorf("starter matcher on %q = %v, want %q among them", sentence, got, r.Tag)
		}
	}
	if len(starterExamples) != len(rules) {
		t.Errorf("%d examples for %d rules: remove examples of rules that are gone", len(starterExamples), len(rules))
	}
}

func TestStarterLeavesUnrelatedAlone(t *testing.T) {
	_, rules := Starter()
	m, err := NewMatcher(rules)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range unrelated {
		if got := m.Tags(s); len(got) != 0 {
			t.Errorf("Tags(%q) = %v, want none", s, got)
		}
	}
}

var hexColor = regexp.MustCompile(`^#[0-9a-f]{6}$`)

func TestStarterConsistency(t *testing.T) {
	tags, rules := Starter()
	byName := map[string]Tag{}
	colors := map[string]string{}
	for _, tg := range tags {
		if tg.Name == "" || tg.Description == "" {
			t.Errorf("tag %+v lacks a name or description", tg)
		}
		if _, dup := byName[tg.Name]; dup {
			t.Errorf("tag %q defined twice", tg.Name)
		}
		byName[tg.Name] = tg
		if !hexColor.MatchString(tg.Color) {
			t.Errorf("tag %q colour %q is not #rrggbb", tg.Name, tg.Color)
			continue
		}
		if other, dup := colors[tg.Color]; dup {
			t.Errorf("tags %q and %q share colour %s", tg.Name, other, tg.Color)
		}
		colors[tg.Color] = tg.Name
		if c := contrastWithWhite(tg.Color); c < 4.5 {
			t.Errorf("tag %q colour %s has contrast %.2f with white text, want ≥ 4.5", tg.Name, tg.Color, c)
		}
	}
	for _, tg := range tags {
		if tg.Parent == "" {
			continue
		}
		parent, ok := byName[tg.Parent]
		if !ok {
			t.Errorf("tag %q has unknown parent %q", tg.Name, tg.Parent)
		} else if parent.Parent != "" {
			t.Errorf("tag %q nests deeper than two levels", tg.Name)
		}
	}
	for _, r := range rules {
		if _, ok := byName[r.Tag]; !ok {
			t.Errorf("rule %q tags unknown tag %q", r.Pattern, r.Tag)
		}
	}
	wantChildren := map[string][]string{
		"Leveregler": {
			"Alt indenfor din radar er dit ansvar", "Det er borgerens plan/aftale", "Gå borgeren i møde",
			"Tal et sprog alle mennesker forstår", "Sæt fællesskabet i spil",
		},
		"1-2-3-tilgangen":       {"Stil spørgsmål før du giver svar", "Skab mening sammen med borgeren", "Gør det muligt"},
		"Borgerland og fagland": {"Borgerland", "Fagland"},
	}
	for parent, want := range wantChildren {
		var got []string
		for _, tg := range tags {
			if tg.Parent == parent {
				got = append(got, tg.Name)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("children of %q = %v, want %v", parent, got, want)
		}
	}
}

func TestStarterReturnsFreshSlices(t *testing.T) {
	tags, rules := Starter()
	tags[0].Name, rules[0].Tag = "x", "x"
	tags2, rules2 := Starter()
	if tags2[0].Name == "x" || rules2[0].Tag == "x" {
		t.Error("Starter shares its slices between calls")
	}
}

// contrastWithWhite is the WCAG 2 contrast ratio of a colour against white.
func contrastWithWhite(hex string) float64 {
	lum := 0.0
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		c := float64(v) / 255
		if c <= 0.04045 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		lum += w * c
	}
	return 1.05 / (lum + 0.05)
}
