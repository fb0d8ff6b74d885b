package report

import "indsigt/model"

// labels holds every text a reader sees, Danish first, English second. A test
// checks that both are filled.
var labels = map[string][2]string{
	"effects_title":   {"Effektrapport", "Effect report"},
	"insights_title":  {"Indsigtsrapport", "Insight report"},
	"generated":       {"Dannet", "Generated"},
	"project":         {"Projekt", "Project"},
	"insight":         {"Indsigt", "Insight"},
	"phase":           {"Fase", "Phase"},
	"indicator":       {"Indikator", "Indicator"},
	"unit":            {"Enhed", "Unit"},
	"direction":       {"Retning", "Direction"},
	"start_date":      {"Startdato", "Start date"},
	"baseline":        {"Baseline", "Baseline"},
	"target":          {"Mål", "Target"},
	"latest":          {"Seneste", "Latest"},
	"latest_date":     {"Seneste dato", "Latest date"},
	"change":          {"Ændring", "Change"},
	"change_pct":      {"Ændring %", "Change %"},
	"reached":         {"Målopfyldelse %", "Target reached %"},
	"overshoot":       {"over målet", "beyond target"},
	"trend":           {"Tendens", "Trend"},
	"count":           {"Antal målinger", "Measurements"},
	"date":            {"Dato", "Date"},
	"value":           {"Værdi", "Value"},
	"comment":         {"Kommentar", "Comment"},
	"measurements":    {"Målinger", "Measurements"},
	"no_data":         {"Ingen målinger endnu", "No measurements yet"},
	"no_rows":         {"Ingen indikatorer", "No indicators"},
	"chart_label":     {"Målinger over tid", "Measurements over time"},
	"statement":       {"Udsagn", "Statement"},
	"lix":             {"LIX", "LIX"},
	"evidence":        {"Belæg", "Evidence"},
	"history":         {"Faseforløb", "Phase history"},
	"tests":           {"Test", "Tests"},
	"indicators":      {"Indikatorer", "Indicators"},
	"from":            {"Fra", "From"},
	"to":              {"Til", "To"},
	"reason":          {"Begrundelse", "Reason"},
	"by":              {"Af", "By"},
	"when":            {"Hvornår", "When"},
	"hypothesis":      {"Hypotese", "Hypothesis"},
	"method":          {"Metode", "Method"},
	"participants":    {"Deltagere", "Participants"},
	"result":          {"Resultat", "Result"},
	"outcome":         {"Udfald", "Outcome"},
	"source":          {"Kilde", "Source"},
	"speaker":         {"Taler", "Speaker"},
	"supports":        {"understøtter", "supports"},
	"contradicts":     {"modsiger", "contradicts"},
	"confirmed":       {"bekræftet", "confirmed"},
	"refuted":         {"afkræftet", "refuted"},
	"open":            {"åben", "open"},
	"up":              {"op", "up"},
	"down":            {"ned", "down"},
	"up_hint":         {"højere er bedre", "higher is better"},
	"down_hint":       {"lavere er bedre", "lower is better"},
	"improving":       {"forbedring", "improving"},
	"worsening":       {"forværring", "worsening"},
	"flat":            {"uændret", "flat"},
	"none":            {"for få målinger", "too few measurements"},
	"no_insights":     {"Ingen indsigter", "No insights"},
	"none_registered": {"Ingen registreret", "None recorded"},
	"memos":           {"Memoer", "Memos"},
}

// label returns the text for key in lang ("da" unless "en"); unknown keys
// come back unchanged so stored values (an unknown stance) still show.
func label(key, lang string) string {
	l, ok := labels[key]
	if !ok {
		return key
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

func phaseLabel(p, lang string) string { return model.Phase(p).Label(lang) }

// normLang maps anything but "en" to Danish, the default.
func normLang(lang string) string {
	if lang == "en" {
		return "en"
	}
	return "da"
}
