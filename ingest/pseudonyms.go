package ingest

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"indsigt/ingest/codebook"
	"indsigt/ingest/parse"
	"indsigt/ingest/pii"
	"indsigt/model"
	"indsigt/store"
)

// genericSpeakers are speaker labels that name a role, not a person, and so
// are kept as they are.
var genericSpeakers = map[string]bool{
	"i": true, "b": true, "p": true, "m": true, "d": true, "int": true, "interviewer": true, "intervieweren": true,
	"borger": true, "borgeren": true, "deltager": true, "medarbejder": true, "moderator": true, "pårørende": true,
	"speaker": true, "taler": true, "ukendt": true, "datter": true, "søn": true, "mor": true, "far": true, "ægtefælle": true,
	"nattevagt": true, "dagvagt": true, "sygeplejerske": true, "sosu-assistent": true, "sosu-hjælper": true, "hjemmehjælper": true,
	"demenskoordinator": true, "sagsbehandler": true, "kontaktperson": true, "terapeut": true, "musikterapeut": true,
	"leder": true, "projektleder": true, "træner": true, "lærer": true, "pædagog": true, "beboer": true, "bruger": true,
}

// personName tells whether a speaker label may be a person's name.
func personName(label string) bool {
	l := strings.ToLower(strings.TrimSpace(label))
	if genericSpeakers[l] || utf8.RuneCountInString(l) < 2 {
		return false
	}
	// "Speaker 1", "Deltager 2": numbered role labels are not names.
	if i := strings.LastIndexByte(l, ' '); i > 0 && genericSpeakers[l[:i]] {
		return false
	}
	return true
}

// splitRole cuts a participant entry such as "Anne Jensen (sagsbehandler)"
// or "Anne Jensen, sagsbehandler" into the name and whether the role given
// is a staff role.
func splitRole(entry string) (name string, staff bool) {
	entry = strings.TrimSpace(entry)
	if i := strings.IndexByte(entry, '('); i > 0 && strings.HasSuffix(entry, ")") {
		return strings.TrimSpace(entry[:i]), parse.IsStaffLabel(strings.TrimSpace(entry[i+1 : len(entry)-1]))
	}
	if i := strings.LastIndexAny(entry, ",:"); i > 0 {
		if role := strings.TrimSpace(entry[i+1:]); role != "" && !strings.ContainsAny(role, " ") {
			if parse.IsStaffLabel(role) || strings.EqualFold(role, "borger") || strings.EqualFold(role, "pårørende") {
				return strings.TrimSpace(entry[:i]), parse.IsStaffLabel(role)
			}
		}
	}
	return entry, false
}

// names gathers every real name the file mentions: its participant list,
// the staff, the interviewer and the speakers.
func names(doc *parse.Document, m meta) []string {
	seen := map[string]bool{}
	var out []string
	add := func(n string) {
		n = strings.TrimSpace(n)
		if n != "" && personName(n) && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, n := range m.people {
		name, _ := splitRole(n)
		add(name)
	}
	for _, n := range m.staff {
		add(n)
	}
	add(m.interviewer)
	for _, s := range doc.Segments {
		if !parse.IsStaffLabel(s.Speaker) {
			add(s.Speaker)
		}
		// a CSV column of names ("Navn") names the row's person, whose
		// name may then stand in the text column
		for k, v := range s.Fields {
			if nameColumns[strings.ToLower(strings.TrimSpace(k))] {
				add(v)
			}
		}
	}
	return out
}

// nameColumns are CSV headers whose cells are people's names.
var nameColumns = map[string]bool{"navn": true, "name": true, "fulde navn": true, "fornavn": true, "efternavn": true,
	"borger": true, "borgerens navn": true, "pårørende": true, "kontaktperson": true, "medarbejder": true, "interviewer": true}

// staffOf lists who is on the municipality's side: the interviewer, the
// staff named in the metadata or marked by role in the participant list,
// and every speaker the parser put on the interviewer's side.
func staffOf(doc *parse.Document, m meta) map[string]bool {
	staff := map[string]bool{}
	if m.interviewer != "" {
		staff[m.interviewer] = true
	}
	for _, n := range m.staff {
		staff[strings.TrimSpace(n)] = true
	}
	for _, n := range m.people {
		if name, isStaff := splitRole(n); isStaff {
			staff[name] = true
		}
	}
	firsts := map[string]bool{}
	for n := range staff {
		if f := strings.Fields(strings.ToLower(n)); len(f) > 0 {
			firsts[f[0]] = true
		}
	}
	for _, s := range doc.Segments {
		sp := strings.TrimSpace(s.Speaker)
		if sp == "" {
			continue
		}
		// "Anne: …" when the upload or the file names Anne Jensen as staff
		if s.Role == parse.RoleInterviewer || firsts[strings.ToLower(sp)] || parse.IsStaffLabel(sp) {
			staff[sp] = true
		}
	}
	return staff
}

// role gives a note's speaker role: staff are on the interviewer's side,
// everyone else speaking in a file with staff is a participant; the
// parser's role stands when it set one.
func (w *writer) role(seg parse.Segment) string {
	if seg.Role != "" || seg.Speaker == "" {
		return seg.Role
	}
	if w.staff[strings.TrimSpace(seg.Speaker)] {
		return parse.RoleInterviewer
	}
	if len(w.staff) > 0 {
		return parse.RoleParticipant
	}
	return ""
}

// writer writes one file's source and notes inside its transaction.
type writer struct {
	tx       *store.Tx
	project  int64
	names    []string
	finder   *pii.Finder
	sourceID int64
	staff    map[string]bool // names that belong to interviewers, pseudonymized as staff
	// known maps the written forms of CPR numbers confirmed anywhere in
	// the file to their placeholders: a bare number that alone could be an
	// account number is personal data once the same file calls it a CPR.
	known map[string]string
	// people maps a single name part of a third party ("Signe") to the
	// full name the same file gives ("Signe Holm"), so both get one code.
	people map[string]string
	// found caches the finder's matches per text between the first pass
	// (learnCPRs) and cleaning, so each text is searched once.
	found map[string][]pii.Match
	// codes caches pseudonyms looked up for this file (kind, value → code).
	codes map[string]string
	// suspects, when set, collects the matches below pii.ReviewBelow of
	// the text being cleaned (see review.go).
	suspects *[]suspect
	err      error
}

// pseudonym returns "[Borger-3]"-style placeholders, the same for the same
// value across the whole project.
func (w *writer) pseudonym(ctx context.Context, m pii.Match) string {
	if w.err != nil {
		return "[" + pii.Label(m.Kind) + "]"
	}
	value := m.Value
	if full := w.people[value]; m.Kind == pii.Person && full != "" {
		value = full
	}
	code, err := w.code(ctx, m.Kind, value)
	if err != nil {
		w.err = err
		return "[" + pii.Label(m.Kind) + "]"
	}
	return "[" + code + "]"
}

func (w *writer) code(ctx context.Context, kind pii.Kind, value string) (string, error) {
	key := string(kind) + "\x00" + value
	if code, ok := w.codes[key]; ok && w.sourceID != 0 {
		return code, nil // already looked up and linked to this source
	}
	label := pii.Label(kind)
	if kind == pii.Name && w.staff[value] {
		label = staffLabel
	}
	code, pid, err := w.tx.Pseudonym(ctx, w.project, string(kind), label, value)
	if err != nil {
		return "", err
	}
	if pid != 0 && w.sourceID != 0 {
		if err := w.tx.LinkParticipant(ctx, w.sourceID, pid); err != nil {
			return "", err
		}
	}
	if w.sourceID != 0 {
		w.codes[key] = code
	}
	return code, nil
}

// staffLabel is the pseudonym stem for staff: "Medarbejder-2".
const staffLabel = "Medarbejder"

// clean replaces personal data in a text.
func (w *writer) clean(ctx context.Context, text string) (string, error) {
	ms, ok := w.found[text]
	if !ok {
		ms = w.finder.Find(text)
	}
	return w.cleanWith(ctx, text, ms)
}

// cleanName replaces personal data in a file name or a title made from
// one, where names are often written in lower case ("telefon-karen").
func (w *writer) cleanName(ctx context.Context, text string) (string, error) {
	return w.cleanWith(ctx, text, w.finder.FindInName(text))
}

func (w *writer) cleanWith(ctx context.Context, text string, ms []pii.Match) (string, error) {
	out := pii.Replace(text, ms, func(m pii.Match) string {
		p := w.pseudonym(ctx, m)
		w.suspect(m, p, text[m.Start:m.End])
		return p
	})
	for form, placeholder := range w.known {
		out = strings.ReplaceAll(out, form, placeholder)
	}
	return out, w.err
}

// learnCPRs records every CPR number the finder confirms anywhere in the
// file, in each way it may be written, before any text is cleaned.
func (w *writer) learnCPRs(ctx context.Context, texts []string) error {
	w.known = map[string]string{}
	w.people = map[string]string{}
	w.found = map[string][]pii.Match{}
	// Finding is pure and most of the cost: across cores, then in order.
	all := make([][]pii.Match, len(texts))
	inParallel(len(texts), func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			all[i] = w.finder.Find(texts[i])
		}
	})
	for i, t := range texts {
		ms := all[i]
		w.found[t] = ms
		for _, m := range ms {
			if m.Kind == pii.Person {
				w.learnPerson(m.Value)
			}
			if m.Kind != pii.CPR {
				continue
			}
			placeholder := w.pseudonym(ctx, m)
			digits := strings.ReplaceAll(m.Value, "-", "")
			for _, form := range []string{m.Value, digits, digits[:6] + " " + digits[6:]} {
				w.known[form] = placeholder
			}
		}
	}
	return w.err
}

// learnPerson records the parts of a third party's full name; a part that
// two different full names share maps to nothing.
func (w *writer) learnPerson(full string) {
	parts := strings.FieldsFunc(full, func(r rune) bool { return r == ' ' || r == '-' })
	if len(parts) < 2 {
		return
	}
	for _, p := range parts {
		if old, ok := w.people[p]; ok && old != full {
			w.people[p] = ""
			continue
		}
		w.people[p] = full
	}
}

func (w *writer) writeSource(ctx context.Context, doc *parse.Document, m meta, filename, hash string, opt Options) (model.Source, error) {
	w.finder = pii.NewFinder(w.names)
	w.staff = staffOf(doc, m)
	texts := []string{m.title, filename, m.place}
	for _, s := range doc.Segments {
		texts = append(texts, s.Text)
	}
	if err := w.learnCPRs(ctx, texts); err != nil {
		return model.Source{}, err
	}
	src := model.Source{ProjectID: w.project, Kind: m.kind, Format: doc.Format, ContentHash: hash, OccurredOn: m.date, TestID: opt.TestID}
	if opt.UserID != 0 {
		src.CreatedBy = &opt.UserID
	}
	var err error
	title := m.title
	if title == "" {
		title = strings.TrimSuffix(filename, filepath.Ext(filename))
	}
	if src.Title, err = w.cleanName(ctx, title); err != nil {
		return src, err
	}
	if src.Filename, err = w.cleanName(ctx, filename); err != nil {
		return src, err
	}
	if src.Place, err = w.clean(ctx, m.place); err != nil {
		return src, err
	}
	if m.interviewer != "" {
		if !personName(m.interviewer) {
			src.Interviewer = m.interviewer
		} else if src.Interviewer, err = w.code(ctx, pii.Name, m.interviewer); err != nil {
			return src, err
		}
	}
	src, err = w.tx.CreateSource(ctx, src)
	if err != nil {
		return src, err
	}
	w.sourceID = src.ID
	// Every listed participant belongs to the source, even one who is
	// never named in the text.
	for _, n := range w.names {
		if _, err := w.code(ctx, pii.Name, n); err != nil {
			return src, err
		}
	}
	return src, nil
}

func (w *writer) notes(ctx context.Context, sourceID int64, segs []parse.Segment, rules *codebook.Matcher, by int64) ([]*model.Note, int, error) {
	ns := make([]*model.Note, 0, len(segs))
	found := make([][]suspect, 0, len(segs)) // the review candidates of each note
	for i, seg := range segs {
		var suspects []suspect
		w.suspects = &suspects
		text, err := w.clean(ctx, seg.Text)
		w.suspects = nil
		if err != nil {
			return nil, 0, err
		}
		n := &model.Note{ProjectID: w.project, SourceID: sourceID, Position: i, SpeakerRole: w.role(seg), Text: text}
		if seg.Speaker != "" {
			if n.Speaker, err = w.speaker(ctx, seg.Speaker); err != nil {
				return nil, 0, err
			}
		}
		if seg.StartMS >= 0 {
			n.StartMS = &seg.StartMS
		}
		if seg.EndMS >= 0 {
			n.EndMS = &seg.EndMS
		}
		if n.Fields, err = w.fields(ctx, seg.Fields); err != nil {
			return nil, 0, err
		}
		ns = append(ns, n)
		found = append(found, suspects)
	}
	// Auto-tagging needs only the cleaned texts: it runs while the
	// database writes the notes.
	tagging := make(chan [][]string, 1)
	go func(texts []string) { tagging <- tagAll(rules, texts) }(textsOf(ns))
	if err := w.tx.AddNotes(ctx, ns); err != nil {
		return nil, 0, err
	}
	var rows []store.Suspect
	for i, n := range ns {
		rows = suspectRows(*n, found[i], rows)
	}
	if err := w.tx.AddSuspects(ctx, w.project, rows); err != nil {
		return nil, 0, err
	}
	tagsOf := <-tagging
	tagIDs := map[string]int64{}
	var pairs []store.NoteTag
	tagged := 0
	for i, n := range ns {
		tags := tagsOf[i]
		for _, t := range tags {
			id, ok := tagIDs[t]
			if !ok {
				var err error
				if id, err = w.tx.EnsureTag(ctx, w.project, t, by); err != nil {
					return nil, 0, err
				}
				tagIDs[t] = id
			}
			pairs = append(pairs, store.NoteTag{NoteID: n.ID, TagID: id})
		}
		if len(tags) > 0 {
			tagged++
		}
	}
	return ns, tagged, w.tx.TagNewNotes(ctx, pairs, by)
}

// speaker turns a speaker label into the code stored on the note: staff
// (by role label, or named as interviewer or staff) get "Medarbejder-N",
// citizens "Borger-N"; a role label on the citizens' side stays as it is.
func (w *writer) speaker(ctx context.Context, label string) (string, error) {
	label = strings.TrimSpace(label)
	if parse.IsStaffLabel(label) {
		w.staff[label] = true
		code, err := w.code(ctx, pii.Name, label)
		if err != nil {
			return "", fmt.Errorf("speaker: %w", err)
		}
		return code, nil
	}
	if !personName(label) {
		return label, nil
	}
	code, err := w.code(ctx, pii.Name, strings.TrimSpace(label))
	if err != nil {
		return "", fmt.Errorf("speaker: %w", err)
	}
	return code, nil
}

// fields pseudonymizes a table row's other columns (a name column, a
// place, an age, a date) like the note's text: column names stay, values
// get the project's codes.
func (w *writer) fields(ctx context.Context, raw map[string]string) (model.NoteFields, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	out := make(model.NoteFields, len(raw))
	for k, v := range raw {
		clean, err := w.clean(ctx, v)
		if err != nil {
			return nil, err
		}
		out[k] = clean
	}
	return out, nil
}

// tagAll gives the rules' tags of each text, across cores.
func tagAll(rules *codebook.Matcher, texts []string) [][]string {
	out := make([][]string, len(texts))
	inParallel(len(texts), func(_, lo, hi int) {
		t := rules.Tagger()
		for i := lo; i < hi; i++ {
			out[i] = t.Tags(texts[i])
		}
	})
	return out
}

func textsOf(ns []*model.Note) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Text
	}
	return out
}
