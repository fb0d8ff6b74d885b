package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// interviewerLabels are the labels Danish and English transcripts use for
// the one asking (lower case).
var interviewerLabels = map[string]bool{
	"i": true, "int": true, "interviewer": true, "intervieweren": true,
	"interviewer 1": true, "intervieweren 1": true,
}

// notSpeakers are words that end in a colon at the start of a line without
// naming a speaker ("Bemærk: …", "Kl: …").
var notSpeakers = map[string]bool{
	"bemærk": true, "note": true, "noter": true, "nb": true, "obs": true, "ps": true,
	"fx": true, "eks": true, "eksempel": true, "tid": true, "kl": true,
	"klokken": true, "dato": true, "sted": true, "tema": true, "emne": true,
	"kilde": true, "link": true, "http": true, "https": true, "mailto": true,
	"citat": true, "pause": true, "tidspunkt": true, "varighed": true,
	"titel": true, "deltagere": true, "dagsorden": true, "resumé": true,
	"opsummering": true, "konklusion": true, "baggrund": true, "formål": true,
	// label lines of the header: metadata, not speakers ("Workshop: …",
	// "Kontakt: …", "CPR: …"); the line stays a note and is pseudonymized.
	"workshop": true, "kontakt": true, "kontaktinfo": true, "observatør": true, "observatører": true,
	"observation": true, "interview": true, "cpr": true, "cpr-nr": true, "personnummer": true, "adresse": true,
	"telefon": true, "tlf": true, "mobil": true, "mail": true, "e-mail": true, "email": true, "fødselsdato": true,
	"født": true, "alder": true, "køn": true, "projekt": true, "session": true, "runde": true, "fase": true,
	"lokation": true, "lokale": true, "referent": true, "varighed i minutter": true, "optagelse": true,
	"fil": true, "filnavn": true, "sagsnr": true, "journalnr": true, "kommune": true, "afdeling": true,
	"målgruppe": true, "metode": true, "udført af": true, "interviewet af": true, "skrevet af": true,
}

// staffLabels are speaker labels that name a member of staff by role; such
// a speaker is on the municipality's side, like the interviewer.
var staffLabels = map[string]bool{
	"interviewer": true, "intervieweren": true, "medarbejder": true, "medarbejderen": true, "sagsbehandler": true,
	"sagsbehandleren": true, "sygeplejerske": true, "sygeplejersken": true, "pædagog": true, "pædagogen": true,
	"leder": true, "lederen": true, "terapeut": true, "terapeuten": true, "ergoterapeut": true, "fysioterapeut": true,
	"musikterapeut": true, "hjemmehjælper": true, "hjemmehjælperen": true, "sosu-assistent": true, "sosu-hjælper": true,
	"social- og sundhedsassistent": true, "socialrådgiver": true, "rådgiver": true, "visitator": true,
	"demenskoordinator": true, "kontaktperson": true, "projektleder": true, "facilitator": true, "moderator": true,
	"konsulent": true, "læge": true, "lægen": true, "psykolog": true, "jobkonsulent": true, "mentor": true,
	"koordinator": true, "nattevagt": true, "dagvagt": true, "aftenvagt": true, "træner": true, "lærer": true,
	"designer": true, "underviser": true, "vejleder": true, "sundhedsplejerske": true, "assistent": true,
}

// IsStaffLabel reports whether a speaker label names a staff role
// ("Sagsbehandler", "Sygeplejerske 2", "Interviewer").
func IsStaffLabel(label string) bool {
	l := strings.ToLower(strings.TrimSpace(label))
	if staffLabels[l] || interviewerLabels[l] {
		return true
	}
	if i := strings.LastIndexByte(l, ' '); i > 0 && strings.Trim(l[i+1:], "0123456789") == "" {
		return staffLabels[l[:i]]
	}
	return false
}

// splitSpeaker splits "Label: text" when Label looks like a speaker: short
// (≤ 40 characters, ≤ 4 words), starting with a letter, without sentence
// punctuation and not a time ("kl. 02:30: …") or a known non-speaker word.
// A label with nothing after it is not a speaker turn.
func splitSpeaker(line string) (label, rest string, ok bool) {
	i := strings.IndexByte(line, ':')
	if i <= 0 || i+1 >= len(line) {
		return "", "", false
	}
	if line[i+1] != ' ' && line[i+1] != '\t' {
		return "", "", false
	}
	label = strings.TrimSpace(line[:i])
	rest = strings.TrimSpace(line[i+1:])
	if rest == "" || !isSpeakerLabel(label) {
		return "", "", false
	}
	return label, rest, true
}

func isSpeakerLabel(label string) bool {
	if label == "" || utf8.RuneCountInString(label) > 40 {
		return false
	}
	words := strings.Fields(label)
	if len(words) > 4 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(label)
	if !unicode.IsLetter(first) {
		return false
	}
	if strings.ContainsAny(label, ".!?;,:\"()[]{}/\\=<>*#@") {
		return false
	}
	if notSpeakers[strings.ToLower(words[0])] || notSpeakers[strings.ToLower(label)] {
		return false
	}
	if len(words) > 1 && !nameWords(words) {
		return false
	}
	digits := 0
	for _, r := range label {
		if unicode.IsDigit(r) {
			digits++
		}
	}
	// "Deltager 2" or "P1" are labels; "kl 14" or "uge 12 2026" are not.
	return digits <= 2
}

// nameParticles may stand in lower case inside a name ("Anne af Rosen").
var nameParticles = map[string]bool{
	"af": true, "von": true, "van": true, "de": true, "der": true, "den": true,
	"la": true, "le": true, "du": true, "da": true, "di": true, "del": true, "ten": true, "ter": true,
}

// nameWords reports whether a multi-word label reads like a name or a
// numbered label: "Anna Sørensen", "Neil deGrasse Tyson", "Deltager 2",
// but not the prose "Med andre ord" or "Kurt om racerkøreren Kris".
func nameWords(words []string) bool {
	for i, w := range words {
		inner := i > 0 && i < len(words)-1
		if inner && nameParticles[w] {
			continue
		}
		if !strings.ContainsFunc(w, func(r rune) bool { return unicode.IsUpper(r) || unicode.IsDigit(r) }) {
			return false
		}
	}
	r, _ := utf8.DecodeRuneInString(words[0])
	return unicode.IsUpper(r)
}

// isInterviewer maps a speaker label to the staff side by the interviewer
// and staff-role labels, or by the interviewer and staff named in the
// metadata, whole or by first name ("Anne" for "Anne Jensen").
func isInterviewer(speaker, interviewer string, staff ...string) bool {
	s := strings.ToLower(strings.TrimSpace(speaker))
	if interviewerLabels[s] || IsStaffLabel(s) {
		return true
	}
	for _, n := range append([]string{interviewer}, staff...) {
		n = strings.ToLower(strings.TrimSpace(n))
		if n == "" {
			continue
		}
		if s == n || s == strings.Fields(n)[0] {
			return true
		}
	}
	return false
}

// assignRoles sets Role on segments that have a speaker but no role:
// "interviewer" for interviewer labels, and "participant" for the other
// labels only when the document has an interviewer at all, because
// without one we cannot tell who is who.
func assignRoles(segs []Segment, interviewer string, staff ...string) {
	has := false
	for _, s := range segs {
		if s.Role == RoleInterviewer || (s.Role == "" && s.Speaker != "" && isInterviewer(s.Speaker, interviewer, staff...)) {
			has = true
			break
		}
	}
	for i := range segs {
		s := &segs[i]
		if s.Role != "" || s.Speaker == "" {
			continue
		}
		switch {
		case isInterviewer(s.Speaker, interviewer, staff...):
			s.Role = RoleInterviewer
		case has:
			s.Role = RoleParticipant
		}
	}
}

// turn is a piece of text with the speaker who said it.
type turn struct {
	speaker string
	text    string
}

// splitTurns segments one block of lines (a paragraph): a line that starts
// with a speaker label starts a new turn; other lines join the current one.
func splitTurns(block string) []turn {
	var out []turn
	var cur *turn
	var lines []string
	flush := func() {
		if cur == nil {
			return
		}
		if t := tidy(strings.Join(lines, "\n")); t != "" {
			cur.text = t
			out = append(out, *cur)
		}
		cur, lines = nil, nil
	}
	for _, line := range strings.Split(block, "\n") {
		if label, rest, ok := splitSpeaker(strings.TrimSpace(line)); ok {
			flush()
			cur = &turn{speaker: label}
			lines = []string{rest}
			continue
		}
		if cur == nil {
			cur = &turn{}
		}
		lines = append(lines, line)
	}
	flush()
	return out
}

// paragraphs splits text on blank lines.
func paragraphs(text string) []string {
	var out []string
	var cur []string
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			if len(cur) > 0 {
				out = append(out, strings.Join(cur, "\n"))
				cur = nil
			}
			continue
		}
		cur = append(cur, line)
	}
	if len(cur) > 0 {
		out = append(out, strings.Join(cur, "\n"))
	}
	return out
}

func untimed(t turn) Segment {
	return Segment{Speaker: t.speaker, Text: t.text, StartMS: -1, EndMS: -1}
}
