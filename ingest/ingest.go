// Package ingest takes the files a design team brings back from the field
// and stores them as notes: it parses each file (package parse), replaces
// personal data by stable pseudonyms (package pii) before anything is
// written, tags notes by the project's codebook rules (package codebook),
// and writes each file in its own transaction.
//
// Decisions worth knowing:
//   - Who is who: the participant list (upload options, front matter
//     "participants"/"deltagere", a CSV name column) gives citizens,
//     "Borger-N"; the interviewer and staff (options Interviewer and Staff,
//     front matter "interviewer" and "staff"/"medarbejdere", "Anne Jensen
//     (sagsbehandler)" in the list) and speakers labelled by a staff role
//     (Interviewer, Sagsbehandler, Sygeplejerske, Pædagog, Leder …) give
//     staff, "Medarbejder-N", also when labelled by first name only.
//     Anyone else named is "Person-N"; within one file a first name gets
//     the code of the full name the file gave ("Signe" after "Signe Holm").
//   - Header lines such as "Dato:", "Sted:", "Workshop:", "Kontakt:",
//     "Observatør:" and "CPR:" are metadata, not speakers (package parse);
//     they stay notes and are pseudonymized like any text.
//   - Titles made from file names, file names and typed places pass
//     through the finder too; in file names lower-case names count
//     ("telefon-karen"). Pseudonymize does the same for text typed into
//     forms, with the project's existing codes.
//   - The key table keeps every kind as itself (cpr, phone, email, name,
//     person, address, birthdate, account, plate), sealed.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"indsigt/ingest/codebook"
	"indsigt/ingest/parse"
	"indsigt/model"
	"indsigt/store"
)

// Statuses of a file in a batch.
const (
	StatusIngested  = "ingested"
	StatusDuplicate = "duplicate"
	StatusFailed    = "failed"
)

// Result is what happened to one file; it never carries note text.
type Result struct {
	Name     string `json:"name"`
	Status   string `json:"status"`
	SourceID string `json:"source_id,omitempty"`
	Format   string `json:"format,omitempty"`
	Notes    int    `json:"notes"`
	Tagged   int    `json:"tagged"`
	Error    string `json:"error,omitempty"`
	// Reason classifies a failure for people: "unsupported", "too_large",
	// "no_text", "scanned" (a PDF without text), "encrypted", "damaged",
	// "no_text_column" (a table without text, or a chosen column or sheet
	// it lacks) or "other"; the web app shows it in the page's language.
	Reason string `json:"reason,omitempty"`
}

// Reasons of a failed file (Result.Reason).
var Reasons = []string{"unsupported", "too_large", "no_text", "scanned", "encrypted", "damaged", "no_text_column", "other"}

// ReasonOf classifies why a file failed.
func ReasonOf(err error) string {
	switch {
	case errors.Is(err, parse.ErrUnsupported):
		return "unsupported"
	case errors.Is(err, parse.ErrTooLarge), strings.Contains(err.Error(), "more than the limit"):
		return "too_large"
	case errors.Is(err, parse.ErrNoText):
		return "no_text"
	case errors.Is(err, parse.ErrScanned):
		return "scanned"
	case errors.Is(err, parse.ErrEncrypted):
		return "encrypted"
	case errors.Is(err, parse.ErrDamaged):
		return "damaged"
	case errors.Is(err, parse.ErrNoTextColumn):
		return "no_text_column"
	}
	return "other"
}

// Options is metadata given with an upload; set fields win over what the
// file itself says.
type Options struct {
	Kind         string
	Date         string
	Place        string
	Interviewer  string
	Participants []string
	Staff        []string      // names of staff present: pseudonymized as Medarbejder-N
	Columns      parse.Mapping // a table's text, participant and date columns and a workbook's sheet; empty: from the header
	TestID       *int64
	UserID       int64
}

// Service ingests files into the store.
type Service struct {
	store  *store.Store
	limits parse.Limits
}

// New makes a Service with the given parser limits.
func New(s *store.Store, lim parse.Limits) *Service { return &Service{store: s, limits: lim} }

// File ingests one file. A failure is reported in the Result and leaves
// nothing behind: the whole file is one transaction.
func (s *Service) File(ctx context.Context, p model.Project, name string, data []byte, opt Options) Result {
	res, _ := s.fileWithin(ctx, p, name, data, opt, math.MaxInt)
	return res
}

// fileWithin is File with at most maxNotes notes (what an upload has
// left); it also gives the stored source.
func (s *Service) fileWithin(ctx context.Context, p model.Project, name string, data []byte, opt Options, maxNotes int) (Result, model.Source) {
	res := Result{Name: name}
	src, n, tagged, format, err := s.file(ctx, p, name, data, opt, maxNotes)
	switch {
	case errors.Is(err, errDuplicate):
		res.Status, res.SourceID, res.Error = StatusDuplicate, strconv.FormatInt(src.ID, 10), "already ingested in this project (same content)"
	case err != nil:
		res.Status, res.Error, res.Reason = StatusFailed, err.Error(), ReasonOf(err)
	default:
		res.Status, res.SourceID, res.Notes, res.Tagged, res.Format = StatusIngested, strconv.FormatInt(src.ID, 10), n, tagged, format
	}
	return res, src
}

var errDuplicate = errors.New("duplicate")

func (s *Service) file(ctx context.Context, p model.Project, name string, data []byte, opt Options, maxNotes int) (model.Source, int, int, string, error) {
	var src model.Source
	if int64(len(data)) > s.limits.MaxFileBytes {
		return src, 0, 0, "", fmt.Errorf("file is %d bytes, more than the limit of %d", len(data), s.limits.MaxFileBytes)
	}
	doc, err := parse.ParseWith(name, data, s.limits, opt.Columns)
	if err != nil {
		return src, 0, 0, "", err
	}
	if len(doc.Segments) > maxNotes {
		return src, 0, 0, doc.Format, fmt.Errorf("the upload's files together have more than %d notes (limit INDSIGT_MAX_NOTES_PER_UPLOAD): upload this file separately: %w", s.perUpload(), parse.ErrTooLarge)
	}
	meta, err := mergeMeta(doc.Meta, opt)
	if err != nil {
		return src, 0, 0, doc.Format, err
	}
	rules, err := s.matcher(ctx, p.ID)
	if err != nil {
		return src, 0, 0, doc.Format, err
	}
	// An HMAC with a per-project secret: duplicates are found, and the
	// stored hash cannot confirm a guessed document.
	hash := s.store.ContentHash(p.ID, data)
	notes, tagged := 0, 0
	err = s.store.InTx(ctx, func(tx *store.Tx) error {
		var written []*model.Note
		var err error
		src, written, tagged, err = s.write(ctx, tx, p, doc, meta, filepath.Base(name), hash, rules, opt)
		notes = len(written)
		return err
	})
	return src, notes, tagged, doc.Format, err
}

// write stores a parsed document as a source with its notes inside tx:
// pseudonymized, auto-tagged, audited. A source of the same content hash
// is errDuplicate, with that source.
func (s *Service) write(ctx context.Context, tx *store.Tx, p model.Project, doc *parse.Document, meta meta, filename, hash string, rules *codebook.Matcher, opt Options) (model.Source, []*model.Note, int, error) {
	if err := tx.LockProject(ctx, p.ID); err != nil {
		return model.Source{}, nil, 0, err
	}
	if dup, err := tx.SourceByHash(ctx, p.ID, hash); err == nil {
		return dup, nil, 0, errDuplicate
	}
	w := &writer{tx: tx, project: p.ID, names: names(doc, meta), codes: map[string]string{}}
	src, err := w.writeSource(ctx, doc, meta, filename, hash, opt)
	if err != nil {
		return src, nil, 0, err
	}
	notes, tagged, err := w.notes(ctx, src.ID, doc.Segments, rules, opt.UserID)
	if err != nil {
		return src, nil, 0, err
	}
	err = tx.Audit(ctx, opt.UserID, p.ID, "source.ingest", "source:"+strconv.FormatInt(src.ID, 10), fmt.Sprintf("%s, %d notes", doc.Format, len(notes)))
	return src, notes, tagged, err
}

// matcher compiles the project's codebook rules.
func (s *Service) matcher(ctx context.Context, projectID int64) (*codebook.Matcher, error) {
	rs, err := s.store.Rules(ctx, projectID)
	if err != nil {
		return nil, err
	}
	rules := make([]codebook.Rule, len(rs))
	for i, r := range rs {
		rules[i] = codebook.Rule{Tag: r.Tag, Pattern: r.Pattern, Match: r.Match}
	}
	return codebook.NewMatcher(rules)
}

type meta struct {
	kind        model.SourceKind
	date        *time.Time
	title       string
	place       string
	interviewer string
	people      []string
	staff       []string
}

func mergeMeta(m parse.Meta, opt Options) (meta, error) {
	out := meta{title: m.Title, place: pick(opt.Place, m.Place), interviewer: pick(opt.Interviewer, m.Interviewer)}
	kind := pick(opt.Kind, m.Kind)
	if kind == "" {
		kind = string(model.KindInterview)
	}
	k, err := model.ParseSourceKind(kind)
	if err != nil {
		return out, err
	}
	out.kind = k
	if d := pick(opt.Date, m.Date); d != "" {
		t, err := model.ParseDate(d)
		if err != nil {
			return out, err
		}
		out.date = &t
	}
	out.people = append(append([]string{}, m.Participants...), opt.Participants...)
	out.staff = append(append([]string{}, m.Staff...), opt.Staff...)
	return out, nil
}

func pick(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return strings.TrimSpace(a)
	}
	return strings.TrimSpace(b)
}
