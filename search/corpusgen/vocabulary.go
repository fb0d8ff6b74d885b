package corpusgen

import "strings"

// The vocabulary is written for this generator: everyday Danish from
// interviews and observations in elder care, health and welfare. Each list is
// ordered roughly from common to rare, because the generator draws from it
// with Zipf-like weights by rank.

var nouns = fields(`
borger borgeren borgere borgerne borgernes hverdag hverdagen hjælp hjælpen tid tiden dag dagen
medarbejder medarbejderen medarbejdere medarbejderne kommune kommunen mad maden familie familien
hjemmehjælp hjemmehjælpen hjemmehjælper hjemmehjælperen pårørende pårørendes datter datteren søn sønnen
ensomhed ensomheden fællesskab fællesskabet netværk netværket nabo naboen naboer venner veninde
mand manden kone konen barnebarn børnebørn måltid måltidet aftensmad frokost morgenmad kaffe kaffen
køkken køkkenet stue stuen have haven lejlighed lejligheden hus huset bus bussen bil bilen cykel cyklen
rollator rollatoren kørestol trappe trappen læge lægen hospital hospitalet sygehus sygehuset medicin
medicinen smerte smerter søvn træthed bekymring bekymringer angst glæde tryghed utryghed frihed
værdighed selvstændighed rehabilitering genoptræning genoptræningen træning træningen motion svømmehal
svømmehallen gåtur gåture aktivitet aktiviteter forening foreningen frivillig frivillige klub klubben
besøg besøget samtale samtalen telefon telefonen tablet skærm skærmen app appen brev brevet skema
skemaet ansøgning ansøgningen sagsbehandler sagsbehandleren afgørelse afgørelsen visitation
visitationen uge ugen morgen aften aftenen nat natten weekend weekenden måned år året vinter vinteren
sommer sommeren jul julen støtte støtten behov ønske ønsker drøm drømme mål målet plan planen forløb
forløbet indsats indsatsen tilbud tilbuddet løsning løsningen idé ideen prototype prototypen test
testen workshop workshoppen møde mødet erfaring erfaringer oplevelse oplevelsen historie historien
problem problemet udfordring udfordringer økonomi økonomien penge pension pensionen regning regninger
arbejde arbejdet job jobbet skole skolen uddannelse fritid fritiden sundhed sundheden krop kroppen
hoved hovedet ben benene hånd hænder øjne hørelse syn stemme stemmen by byen landsby landsbyen vej
vejen butik butikken indkøb kirke kirken bibliotek biblioteket fællesspisning kultur sprog sproget
tillid respekt ansvar kontakt kontakten ro nærvær omsorg plejecenter plejecentret plejehjem
sygeplejerske sygeplejersken ældrecenter madordning madordningen hjemmepleje hjemmeplejen
træner træneren terapeut terapeuten fysioterapeut ergoterapeut hjælpemiddel hjælpemidler
nøgle nøglen dør døren vindue vinduet seng sengen badeværelse bad badet tøj tøjet sko
hund hunden kat katten avis avisen radio radioen fjernsyn fjernsynet computer computeren
borgerkonference rådhus rådhuset formiddag eftermiddag ferie ferien fødselsdag helligdag
`)

var verbs = fields(`
er var har havde bliver blev kan kunne vil ville skal skulle må måtte får fik går gik kommer kom
siger sagde fortæller fortalte tænker tænkte synes syntes føler følte mærker mærkede savner savnede
ønsker ønskede mangler manglede hjælper hjalp bruger brugte prøver prøvede oplever oplevede ved
vidste forstår forstod ringer ringede venter ventede spiser spiste sover sov træner trænede bor boede
flytter flyttede taler talte lytter lyttede glemmer glemte husker huskede arbejder arbejdede besøger
besøgte køber købte laver lavede ser så hører hørte læser læste skriver skrev kører kørte cykler
cyklede går gik sidder sad står stod ligger lå rejser rejste griner grinede græder græd beder bad
betaler betalte søger søgte modtager modtog aflyser aflyste glæder glædede frygter frygtede
`)

var adjectives = fields(`
god godt gode dårlig dårligt svær svært svære let lettere nem nemt stor store lille små ny nyt nye
gammel gamle ensom ensomme tryg trygt utryg glad glade træt trætte syg syge rask frisk vigtig vigtigt
vigtige dejlig dejligt hård hårdt lang langt lange kort korte hurtig langsom langsomt anderledes
forskellige sjov sjovt kedelig kedeligt tung tungt flink venlig venlige sød søde rolig roligt urolig
bange stolt stolte selvstændig afhængig mulig muligt umulig umuligt nødvendig nødvendigt særlig
sårbar sårbare fælles hele egen eget egne første sidste næste tidligere nærmeste kommunale digitale
personlige praktiske økonomiske sociale sundhedsfaglige ældre yngre voksne fattig fattige rig
`)

var adverbs = fields(`
ikke aldrig altid ofte sjældent også bare lige nu så da her der hjemme ude inde igen allerede endnu
meget mere mest lidt nok rigtig virkelig faktisk egentlig måske heldigvis desværre sammen alene
stadig snart tidligt sent hurtigt længe først bagefter pludselig tit især næsten helt gerne næppe
`)

var subjects = fields(`jeg hun han vi de man du`)

var objects = fields(`mig hende ham os dem sig dig`)

var determiners = fields(`min mit mine hendes hans vores deres den det de en et hver nogle alle`)

var prepositions = fields(`i på med om til fra af ved efter før under over uden hos mod omkring gennem`)

var conjunctions = fields(`og men eller for fordi når hvis selvom mens indtil`)

var questions = fields(`hvorfor hvordan hvornår hvor hvad hvem`)

var places = fields(`Kolding Seest Vamdrup Christiansfeld Lunderskov Ødis Vonsild Bramdrup Harte Dalby Eltang Taps Sønder-Bjert Viuf Almind Hejls Sjølund`)

// templates are sentence shapes. Slots: {S} subject, {O} object pronoun,
// {V} verb, {A} adjective, {D} adverb, {N} noun, {T} determiner,
// {R} preposition, {C} conjunction, {Q} question word, {L} place.
// Anything else is literal.
var templates = []string{
	"{S} {V} {D} {R} {T} {N}",
	"{T} {N} {V} {A}, {C} {S} {V} {D}",
	"{S} {V} at {S} {V} {N} {R} {L}",
	"{R} {T} {N} {V} {S} {D} {A}",
	"{Q} {V} {S} {R} {N}? {S} {V} {D}",
	"{S} {V} {N}, {N} og {N}",
	"det {V} {A} at {V} {N} {R} {T} {N}",
	"{S} {V} {O} {D} {R} {N}",
	"når {S} {V} {R} {N}, {V} {S} {D} {A}",
	"{N} {R} {L} {V} {D} {A} for {O}",
	"{S} {V} {D} {T} {A} {N} {R} {N}",
	"{S} {V}: {D} {A} {N}",
	"der {V} {D} nogen {R} {N} {R} {N}",
	"{T} {N} {C} {T} {N} {V} {A}",
	"{S} {V} {D} {R} {L} {R} {N}",
}

// tagList holds codebook-like tags, most common first.
var tagList = []string{
	"ensomhed", "hjemmehjælp", "mad", "pårørende", "tryghed", "transport", "økonomi", "fællesskab",
	"digitalisering", "træning", "medicin", "bolig", "ventetid", "værdighed", "selvbestemmelse",
	"frivillighed", "kommunikation", "sundhed", "søvn", "borgerland", "fagland", "1-2-3",
	"leveregel: tag ansvar", "rehabilitering", "kultur og fritid",
}

var interviewers = []string{"Interviewer-1", "Interviewer-2", "Interviewer-3"}

func fields(s string) []string { return strings.Fields(s) }
