package app

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"indsigt/ingest/pii"
	"indsigt/model"
	"indsigt/store"
)

// The review of suspected personal data ("Mistænkte personoplysninger"):
// the finder's matches below pii.ReviewBelow are replaced on ingest like
// every other, and listed per source so that a designer can look at them
// like a careful colleague. A false alarm is restored (the original comes
// back from the key table into the note); a missed span is marked (it is
// replaced by a code in every note of the project). Both change the store
// and, before they return, rewrite the project's index shard, so that the
// old text is gone from the files on disk; exports read the store and so
// follow at once.
//
// Who may do what: every member may read the list, which holds only
// pseudonymized text; a designer (PermWrite) may open an original, restore
// or keep a match and mark a span. Opening an original is audited as
// pii.read, a restore as pii.restore, a mark as pii.mark; the audit rows
// name codes and kinds, never the original.

// Resolutions of a review item, the store's values named here so that the
// adapters reach them through the use case, not the store.
const (
	ReviewOpen     = store.ReviewOpen
	ReviewRestored = store.ReviewRestored
	ReviewKept     = store.ReviewKept
)

// ReviewContext is how many characters of the note the review shows on
// each side of a code.
const ReviewContext = 80

// MaxMarkLen bounds the text a person marks as personal data.
const MaxMarkLen = 200

// SourceReview is a source's suspected personal data.
type SourceReview struct {
	Source model.Source `json:"source"`
	Items  []ReviewItem `json:"items"`
	Open   int          `json:"open"`
}

// ReviewItem is one suspected match with the pseudonymized text around it.
type ReviewItem struct {
	store.Review
	Position int    `json:"position"`
	Speaker  string `json:"speaker"`
	Before   string `json:"before"`
	After    string `json:"after"`
}

// Review lists a source's suspected personal data with the surrounding
// pseudonymized text; the read is audited as review.read.
func (a *App) Review(ctx context.Context, s Scope, sourceID int64) (SourceReview, error) {
	src, err := a.Store.Source(ctx, s.Project.ID, sourceID)
	if err != nil {
		return SourceReview{}, err
	}
	rs, err := a.Store.Reviews(ctx, s.Project.ID, sourceID)
	if err != nil {
		return SourceReview{}, err
	}
	notes, err := a.Store.SourceNotes(ctx, s.Project.ID, sourceID)
	if err != nil {
		return SourceReview{}, err
	}
	byID := map[int64]model.Note{}
	for _, n := range notes {
		byID[n.ID] = n
	}
	if err := a.auditRead(ctx, s, "review.read", target("source", sourceID), ""); err != nil {
		return SourceReview{}, err
	}
	out := SourceReview{Source: src, Items: make([]ReviewItem, 0, len(rs))}
	for _, r := range rs {
		n := byID[r.NoteID]
		it := ReviewItem{Review: r, Position: n.Position, Speaker: n.Speaker}
		if r.Resolution == ReviewOpen {
			out.Open++
			if i := nearest(n.Text, "["+r.Pseudonym+"]", r.Start); i >= 0 {
				it.Start, it.End = i, i+len(r.Pseudonym)+2
				it.Before, it.After = around(n.Text, it.Start, it.End)
			}
		}
		out.Items = append(out.Items, it)
	}
	return out, nil
}

// ReviewOriginal opens the original behind a suspected match, for the
// designer deciding whether it is a false alarm; audited as pii.read.
func (a *App) ReviewOriginal(ctx context.Context, s Scope, reviewID int64) (string, error) {
	if err := s.require(model.PermWrite); err != nil {
		return "", err
	}
	r, err := a.Store.Review(ctx, s.Project.ID, reviewID)
	if err != nil {
		return "", err
	}
	var value string
	err = a.Store.InTx(ctx, func(tx *store.Tx) (err error) {
		if value, err = tx.Span(ctx, s.Project.ID, r); err != nil {
			return err
		}
		return audit(ctx, tx, s, "pii.read", target("review", r.ID), "kind="+r.Kind+" code="+r.Pseudonym)
	})
	return value, err
}

// Restored is the answer to a restore: the note as it now reads.
type Restored struct {
	Note model.Note `json:"note"`
}

// RestoreReview undoes a false alarm: the text the code replaced comes back
// from the key table in place of that occurrence of the code in the note
// (not the code's whole value: "Skov" stays "Skov" where the code stands
// for "Anne Skov"), the review row is resolved, and the project's index
// shard is rebuilt before it returns.
func (a *App) RestoreReview(ctx context.Context, s Scope, reviewID int64) (Restored, error) {
	if err := s.require(model.PermWrite); err != nil {
		return Restored{}, err
	}
	var out Restored
	err := a.write(ctx, func(tx *store.Tx) error {
		r, err := tx.Review(ctx, s.Project.ID, reviewID)
		if err != nil {
			return err
		}
		if r.Resolution != ReviewOpen {
			return fmt.Errorf("%w: this suspicion was already resolved (%s)", model.ErrConflict, r.Resolution)
		}
		n, err := tx.NoteForUpdate(ctx, s.Project.ID, r.NoteID)
		if err != nil {
			return err
		}
		placeholder := "[" + r.Pseudonym + "]"
		i := nearest(n.Text, placeholder, r.Start)
		if i < 0 {
			return fmt.Errorf("%w: the code no longer stands in the note", model.ErrConflict)
		}
		span, err := tx.Span(ctx, s.Project.ID, r)
		if err != nil {
			return err
		}
		n.Text = n.Text[:i] + span + n.Text[i+len(placeholder):]
		if err := tx.SetNoteText(ctx, s.Project.ID, n.ID, n.Text); err != nil {
			return err
		}
		if err := tx.ResolveReview(ctx, s.Project.ID, r.ID, ReviewRestored, s.userID()); err != nil {
			return err
		}
		if err := tx.ShiftReviews(ctx, s.Project.ID, n.ID, i, len(span)-len(placeholder)); err != nil {
			return err
		}
		out.Note = n
		return audit(ctx, tx, s, "pii.restore", target("note", n.ID), fmt.Sprintf("review=%d kind=%s code=%s", r.ID, r.Kind, r.Pseudonym))
	})
	if err != nil {
		return Restored{}, err
	}
	if err := a.purge(ctx, s.Project.ID); err != nil {
		return Restored{}, fmt.Errorf("app: restored in the database, but rewriting the index failed (run indsigt reindex): %w", err)
	}
	out.Note, err = a.Store.Note(ctx, s.Project.ID, out.Note.ID)
	return out, err
}

// KeepReview confirms a suspected match as personal data: the code stays
// and the row is resolved. Audited as pii.keep.
func (a *App) KeepReview(ctx context.Context, s Scope, reviewID int64) error {
	if err := s.require(model.PermWrite); err != nil {
		return err
	}
	return a.Store.InTx(ctx, func(tx *store.Tx) error {
		r, err := tx.Review(ctx, s.Project.ID, reviewID)
		if err != nil {
			return err
		}
		if err := tx.ResolveReview(ctx, s.Project.ID, r.ID, ReviewKept, s.userID()); err != nil {
			return err
		}
		return audit(ctx, tx, s, "pii.keep", target("note", r.NoteID), fmt.Sprintf("review=%d kind=%s code=%s", r.ID, r.Kind, r.Pseudonym))
	})
}

// Mark is a span a person marks as personal data in a note.
type Mark struct {
	Text string `json:"text"`
	Kind string `json:"kind"`
}

// Marked is the answer to a mark: the code given and how many notes of the
// project now carry it instead of the text.
type Marked struct {
	Code  string     `json:"code"`
	Notes int        `json:"notes"`
	Note  model.Note `json:"note"`
}

// MarkPersonal marks a span the finder missed: the text must stand in the
// note as a whole word or words; it is sealed in the key table under a
// code of its kind and replaced by that code wherever it stands as a word
// in the project's notes. The project's index shard is rebuilt and the
// database's freed pages scrubbed before it returns. Audited as pii.mark
// with the code and the count, never the text.
func (a *App) MarkPersonal(ctx context.Context, s Scope, noteID int64, m Mark) (Marked, error) {
	if err := s.require(model.PermWrite); err != nil {
		return Marked{}, err
	}
	text := strings.TrimSpace(m.Text)
	kind, err := markKind(m.Kind)
	if err != nil {
		return Marked{}, err
	}
	switch {
	case text == "":
		return Marked{}, model.Invalid("text", model.RuleRequired, "give the text to mark as personal data")
	case utf8.RuneCountInString(text) > MaxMarkLen:
		return Marked{}, model.Invalid("text", model.RuleRange, "mark at most %d characters at once", MaxMarkLen)
	case strings.ContainsAny(text, "[]\n"):
		return Marked{}, model.Invalid("text", model.RuleFormat, "mark text without pseudonym codes or line breaks")
	}
	var out Marked
	err = a.write(ctx, func(tx *store.Tx) error {
		if err := tx.LockProject(ctx, s.Project.ID); err != nil {
			return err
		}
		n, err := tx.NoteForUpdate(ctx, s.Project.ID, noteID)
		if err != nil {
			return err
		}
		if _, k := replaceWord(n.Text, text, ""); k == 0 {
			return model.Invalid("text", model.RuleUnknown, "the text does not stand as a word in this note")
		}
		code, _, err := tx.Pseudonym(ctx, s.Project.ID, string(kind), pii.Label(kind), text)
		if err != nil {
			return err
		}
		out.Code = code
		ns, err := tx.NotesContaining(ctx, s.Project.ID, text)
		if err != nil {
			return err
		}
		for _, other := range ns {
			replaced, k := replaceWord(other.Text, text, "["+code+"]")
			if k == 0 {
				continue
			}
			if err := tx.SetNoteText(ctx, s.Project.ID, other.ID, replaced); err != nil {
				return err
			}
			out.Notes++
		}
		return audit(ctx, tx, s, "pii.mark", target("note", noteID), fmt.Sprintf("kind=%s code=%s notes=%d", kind, code, out.Notes))
	})
	if err != nil {
		return Marked{}, err
	}
	if err := a.purge(ctx, s.Project.ID); err != nil {
		return Marked{}, fmt.Errorf("app: marked in the database, but rewriting the index failed (run indsigt reindex): %w", err)
	}
	out.Note, err = a.Store.Note(ctx, s.Project.ID, noteID)
	return out, err
}

// MarkKinds are the kinds a person may give a marked span.
var MarkKinds = []pii.Kind{pii.Person, pii.Address, pii.CPR, pii.Phone, pii.Email, pii.Birthdate, pii.Account, pii.Plate}

func markKind(k string) (pii.Kind, error) {
	k = strings.ToLower(strings.TrimSpace(k))
	if k == "" {
		return pii.Person, nil
	}
	for _, mk := range MarkKinds {
		if string(mk) == k {
			return mk, nil
		}
	}
	return "", model.Invalid("kind", model.RuleOneOf, "kind must be one of person, address, cpr, phone, email, birthdate, account, plate, not %q", k)
}

// codeRE finds pseudonym codes, inside which a mark never replaces.
var codeRE = regexp.MustCompile(`\[[^\[\]\n]{1,64}\]`)

// replaceWord replaces each occurrence of s in text that stands as a word
// (no letter or digit glued to either end) and is not inside a pseudonym
// code, and says how many it replaced.
func replaceWord(text, s, with string) (string, int) {
	if s == "" || !strings.Contains(text, s) {
		return text, 0
	}
	codes := codeRE.FindAllStringIndex(text, -1)
	inCode := func(i, j int) bool {
		for _, c := range codes {
			if i < c[1] && j > c[0] {
				return true
			}
		}
		return false
	}
	var b strings.Builder
	pos, n := 0, 0
	for from := 0; from <= len(text)-len(s); {
		i := strings.Index(text[from:], s)
		if i < 0 {
			break
		}
		i += from
		j := i + len(s)
		if wordEdge(text, i, j) && !inCode(i, j) {
			b.WriteString(text[pos:i])
			b.WriteString(with)
			pos, n = j, n+1
			from = j
			continue
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		from = i + size
	}
	if n == 0 {
		return text, 0
	}
	b.WriteString(text[pos:])
	return b.String(), n
}

func wordEdge(text string, i, j int) bool {
	if r, _ := utf8.DecodeLastRuneInString(text[:i]); i > 0 && isWordRune(r) {
		if f, _ := utf8.DecodeRuneInString(text[i:]); isWordRune(f) {
			return false
		}
	}
	if r, _ := utf8.DecodeRuneInString(text[j:]); j < len(text) && isWordRune(r) {
		if l, _ := utf8.DecodeLastRuneInString(text[:j]); isWordRune(l) {
			return false
		}
	}
	return true
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// nearest finds the occurrence of sub in text that starts closest to at.
func nearest(text, sub string, at int) int {
	best, dist := -1, 0
	for from := 0; ; {
		i := strings.Index(text[from:], sub)
		if i < 0 {
			return best
		}
		i += from
		d := i - at
		if d < 0 {
			d = -d
		}
		if best < 0 || d < dist {
			best, dist = i, d
		}
		from = i + 1
	}
}

// around cuts up to ReviewContext characters on each side of text[i:j],
// on rune boundaries.
func around(text string, i, j int) (before, after string) {
	before, after = text[:i], text[j:]
	if r := []rune(before); len(r) > ReviewContext {
		before = "…" + string(r[len(r)-ReviewContext:])
	}
	if r := []rune(after); len(r) > ReviewContext {
		after = string(r[:ReviewContext]) + "…"
	}
	return before, after
}
