package codebook

// Tag is one entry of a codebook. Parent is "" for a top-level tag; Color is
// "#rrggbb", dark enough for white label text (WCAG AA).
type Tag struct {
	Name, Parent, Description, Color string
}

// Names of the starter tags.
const (
	leveregler     = "Leveregler"
	etToTre        = "1-2-3-tilgangen"
	borgerFagland  = "Borgerland og fagland"
	radarTag       = "Alt indenfor din radar er dit ansvar"
	planTag        = "Det er borgerens plan/aftale"
	moedeTag       = "Gå borgeren i møde"
	sprogTag       = "Tal et sprog alle mennesker forstår"
	faellesTag     = "Sæt fællesskabet i spil"
	spoergTag      = "Stil spørgsmål før du giver svar"
	meningTag      = "Skab mening sammen med borgeren"
	muligtTag      = "Gør det muligt"
	borgerlandTag  = "Borgerland"
	faglandTag     = "Fagland"
	ensomhedTag    = "Ensomhed"
	madTag         = "Mad og måltider"
	soevnTag       = "Søvn og nat"
	paaroerendeTag = "Pårørende"
	faellesskabTag = "Fællesskab"
	jobTag         = "Uddannelse og job"
	papirerTag     = "Planer og papirer"
)

// Starter returns the starter codebook: the tags from the Selvværd og
// Sammenhæng seeds with descriptions in their wording, and conservative
// rules that tag a note only on fairly specific words. Each call returns
// fresh slices that the caller may change.
func Starter() ([]Tag, []Rule) {
	return starterTags(), starterRules()
}

func starterTags() []Tag {
	return []Tag{
		{leveregler, "", "Konkrete og handlingsanvisende leveregler, der skal sikre, at Selvværd og Sammenhæng er til stede i alt, hvad vi siger og gør.", "#4a148c"},
		{radarTag, leveregler, "Vi er forpligtet til at reagere, hvis vi ser borgere, som har brug for hjælp, uanset om behovet ligger inden for vores eget fagområde.", "#6a1b9a"},
		{planTag, leveregler, "Borgeren har kun én plan og bærer selv sin plan, så borgeren ikke farer vild i kommunen.", "#8e24aa"},
		{moedeTag, leveregler, "Når en borger er utilfreds eller usikker, reagerer vi hurtigt, tager mundtlig kontakt og aftaler altid næste handling.", "#ad1457"},
		{sprogTag, leveregler, "Faglighed skal ofte oversættes, så vi kommunikerer enkelt og kun om det, der er relevant for borgeren.", "#c2185b"},
		{faellesTag, leveregler, "Alle mennesker kan bidrage med noget, så vi understøtter løsninger, der rækker uden for kommunens rammer.", "#880e4f"},

		{etToTre, "", "Vi starter i borgerland og er nysgerrige på, hvem borgeren er, før vi sammen gør løsningen mulig.", "#0d47a1"},
		{spoergTag, etToTre, "Vær nysgerrig på borgerens behov og udfordr antagelser, før du tilbyder en løsning.", "#1565c0"},
		{meningTag, etToTre, "Gør det personligt og relevant, og løs det, der fylder mest for borgeren, først.", "#01579b"},
		{muligtTag, etToTre, "Glem faggrænser og siloer, og inddrag kollegaer, andre faggrupper og civilsamfundet for at få løsningen til at lykkes.", "#283593"},

		{borgerFagland, "", "Modellens to steder: hvor borger og kommune mødes, og hvor fagfolk arbejder indbyrdes.", "#1b5e20"},
		{borgerlandTag, borgerFagland, "Stedet, hvor borger og kommune møder hinanden, og hvor borgerens oplevelse af kommunen skabes.", "#2e7d32"},
		{faglandTag, borgerFagland, "Stedet, hvor borgeren aldrig er til stede, hvor fagsprog er tilladt, og hvor forudsætningen for de meningsfulde løsninger skabes.", "#33691e"},

		{ensomhedTag, "", "Borgeren oplever at være alene eller uden for fællesskabet.", "#37474f"},
		{madTag, "", "Mad, måltider og bekymringen for, om der er mad nok, som hos kvinden, der tjekkede køleskabet om natten.", "#bf360c"},
		{soevnTag, "", "Uro, søvn og det, der sker om natten, som hos beboeren, der sov uroligt og stod op flere gange.", "#311b92"},
		{paaroerendeTag, "", "Borgerens pårørende og familie, der fx deltager i en borgerkonference.", "#004d40"},
		{faellesskabTag, "", "Foreninger, frivillige og fællesskaber, hvor borgeren kan bidrage og vokse.", "#00695c"},
		{jobTag, "", "Vejen ind i uddannelse eller job, fx for unge på kanten af arbejdsmarkedet.", "#5d4037"},
		{papirerTag, "", "Planer, aftaler, breve og skemaer, der kan få borgeren til at fare vild i kommunen.", "#b71c1c"},
	}
}

func starterRules() []Rule {
	p := func(tag, pattern string) Rule { return Rule{Tag: tag, Pattern: pattern, Match: MatchPhrase} }
	s := func(tag, pattern string) Rule { return Rule{Tag: tag, Pattern: pattern, Match: MatchStem} }
	return []Rule{
		s(radarTag, "radar"),
		p(radarTag, "ikke mit bord"),
		s(radarTag, "kastebold*"),

		p(planTag, "borgerens plan"),
		p(planTag, "borgerens aftale"),
		p(planTag, "min plan"),
		p(planTag, "egen plan"),
		p(planTag, "fare* vild"),

		p(moedeTag, "borgeren i møde"),
		p(moedeTag, "næste handling"),
		p(moedeTag, "ring* tilbage"),
		s(moedeTag, "utryg*"),
		s(moedeTag, "usikker"),

		s(sprogTag, "fagsprog*"),
		s(sprogTag, "fagudtryk*"),
		s(sprogTag, "paragraf*"),
		s(sprogTag, "lovparagraf*"),
		p(sprogTag, "forstod ikke"),
		p(sprogTag, "forstår ikke"),
		p(sprogTag, "svært at forstå"),

		p(faellesTag, "fællesskabet i spil"),
		s(faellesTag, "frivillig*"),
		s(faellesTag, "netværk*"),
		s(faellesTag, "civilsamfund*"),

		p(spoergTag, "stil* spørgsmål"),
		p(spoergTag, "spurgte ind"),
		s(spoergTag, "nysgerrig*"),
		p(spoergTag, "hvad er vigtigt"),

		p(meningTag, "mening sammen"),
		p(meningTag, "giver mening"),
		p(meningTag, "gav mening"),
		s(meningTag, "meningsfuld*"),
		p(meningTag, "sammen med borgeren"),

		p(muligtTag, "gør det muligt"),
		p(muligtTag, "gjorde det muligt"),
		p(muligtTag, "på tværs"),
		s(muligtTag, "faggrænse*"),
		s(muligtTag, "silo*"),

		s(borgerlandTag, "borgerland*"),
		s(borgerlandTag, "perspektivskift*"),
		p(borgerlandTag, "borgerens perspektiv"),
		p(borgerlandTag, "borgerens side"),

		s(faglandTag, "fagland*"),
		s(faglandTag, "tværfaglig*"),
		s(faglandTag, "faggruppe*"),

		s(ensomhedTag, "ensom*"),
		// "alene" alone also means "only" ("alene i år"), so in phrases.
		p(ensomhedTag, "bor alene"),
		p(ensomhedTag, "helt alene"),
		p(ensomhedTag, "sidder alene"),
		p(ensomhedTag, "være alene"),
		p(ensomhedTag, "føler mig alene"),
		s(ensomhedTag, "isoler*"),
		p(ensomhedTag, "ingen at tale med"),

		s(madTag, "køleskab*"),
		// Not the stem "mad": the Danish stemmer gives the name "Mads" that
		// stem too.
		p(madTag, "mad nok"),
		s(madTag, "maden*"),
		s(madTag, "madpakke*"),
		s(madTag, "madordning*"),
		s(madTag, "morgenmad*"),
		s(madTag, "aftensmad*"),
		s(madTag, "frokost*"),
		s(madTag, "sult*"),
		s(madTag, "måltid*"),
		s(madTag, "spis*"),

		s(soevnTag, "søvn*"),
		s(soevnTag, "nat"),
		s(soevnTag, "natte*"),
		s(soevnTag, "sove*"),

		s(paaroerendeTag, "pårørende"),
		s(paaroerendeTag, "datter*"),
		s(paaroerendeTag, "søn"),
		s(paaroerendeTag, "ægtefælle*"),
		s(paaroerendeTag, "børnebørn*"),
		s(paaroerendeTag, "barnebarn*"),

		s(faellesskabTag, "fællesskab*"),
		s(faellesskabTag, "forening*"),
		s(faellesskabTag, "klub*"),
		p(faellesskabTag, "på holdet"),

		s(jobTag, "uddann*"),
		s(jobTag, "job"),
		s(jobTag, "arbejdsmarked*"),
		s(jobTag, "praktik*"),
		s(jobTag, "jobcent*"),
		s(jobTag, "skole*"),

		s(papirerTag, "plan"),
		s(papirerTag, "handleplan*"),
		s(papirerTag, "planlæg*"),
		s(papirerTag, "papir*"),
		s(papirerTag, "skema*"),
		s(papirerTag, "blanket*"),
		s(papirerTag, "brev"),
		s(papirerTag, "ansøgning*"),
		p(papirerTag, "e boks"),
		p(papirerTag, "digital post"),
	}
}
