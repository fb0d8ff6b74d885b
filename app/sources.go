package app

import (
	"context"
	"mime/multipart"
	"strconv"
	"strings"

	"indsigt/ingest"
	"indsigt/ingest/parse"
	"indsigt/model"
)

// Limits of an upload, the same for the API and the web app; each file is
// also bounded by the parser limits.
const (
	// MaxUploadFiles bounds how many files one upload may carry.
	MaxUploadFiles = 500
	// MaxUploadBody bounds an upload request's body.
	MaxUploadBody = 256 << 20
)

// Upload is one upload of files with the metadata given with it; set
// fields win over what each file itself says.
type Upload struct {
	Kind         string
	Date         string
	Place        string
	Interviewer  string
	Participants string // comma-separated pseudonym codes or names
	// TestID makes the files the notes of a Skab/test session of the project.
	TestID string
	// Columns of a table (CSV, XLSX): a header, an Excel letter or a
	// number from 1; empty ones are found from the header row. Sheet
	// names a workbook's sheet (else the first).
	TextColumn        string
	ParticipantColumn string
	DateColumn        string
	Sheet             string
}

// columns is the table mapping of an upload; a name longer than any
// header a person writes is refused by its field.
func (in Upload) columns() (parse.Mapping, error) {
	m := parse.Mapping{Sheet: in.Sheet, Text: in.TextColumn, Speaker: in.ParticipantColumn, Date: in.DateColumn}
	for field, v := range map[string]string{"sheet": m.Sheet, "text_column": m.Text, "participant_column": m.Speaker, "date_column": m.Date} {
		if len(v) > 200 {
			fe := model.Invalid(field, model.RuleTooLong, "%s is longer than 200 characters", field)
			fe.Limit = 200
			return m, fe
		}
	}
	return m, nil
}

func (a *App) ingestOptions(ctx context.Context, s Scope, in Upload) (ingest.Options, error) {
	opt := ingest.Options{Kind: in.Kind, Date: in.Date, Place: in.Place, Interviewer: in.Interviewer, UserID: s.userID()}
	cols, err := in.columns()
	if err != nil {
		return opt, err
	}
	opt.Columns = cols
	if v := strings.TrimSpace(in.TestID); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err == nil {
			_, err = a.Store.Test(ctx, s.Project.ID, id)
		}
		if err != nil {
			return opt, model.Invalid("test_id", model.RuleUnknown, "test_id is not a test of this project")
		}
		opt.TestID, opt.Kind = &id, string(model.KindTest)
	}
	for _, p := range strings.Split(in.Participants, ",") {
		if p = strings.TrimSpace(p); p != "" {
			opt.Participants = append(opt.Participants, p)
		}
	}
	return opt, nil
}

// UploadFiles ingests the files of a multipart upload, each in its own
// transaction (package ingest audits each as source.ingest), and answers
// one result per file; a bad file does not stop the others.
func (a *App) UploadFiles(ctx context.Context, s Scope, files []*multipart.FileHeader, in Upload) ([]ingest.Result, error) {
	if err := s.require(model.PermWrite); err != nil {
		return nil, err
	}
	if len(files) == 0 || len(files) > MaxUploadFiles {
		fe := model.Invalid("file", model.RuleRange, "send between 1 and %d files in fields named \"file\"", MaxUploadFiles)
		fe.Limit = MaxUploadFiles
		return nil, fe
	}
	opt, err := a.ingestOptions(ctx, s, in)
	if err != nil {
		return nil, err
	}
	results := a.Ingest.Uploads(ctx, s.Project, files, opt)
	a.poke()
	return results, nil
}

// IngestPaths ingests files from disk one by one (the CLI), calling done
// after each.
func (a *App) IngestPaths(ctx context.Context, s Scope, paths []string, in Upload, done func(ingest.Result)) ([]ingest.Result, error) {
	if err := s.require(model.PermWrite); err != nil {
		return nil, err
	}
	opt, err := a.ingestOptions(ctx, s, in)
	if err != nil {
		return nil, err
	}
	results := a.Ingest.Paths(ctx, s.Project, paths, opt, done)
	a.poke()
	return results, nil
}

// IngestFile ingests one file held in memory (the demo).
func (a *App) IngestFile(ctx context.Context, s Scope, name string, data []byte, in Upload) (ingest.Result, error) {
	if err := s.require(model.PermWrite); err != nil {
		return ingest.Result{}, err
	}
	opt, err := a.ingestOptions(ctx, s, in)
	if err != nil {
		return ingest.Result{}, err
	}
	r := a.Ingest.File(ctx, s.Project, name, data, opt)
	a.poke()
	return r, nil
}

// Sources lists the project's sources, newest first, before beforeID.
func (a *App) Sources(ctx context.Context, s Scope, beforeID int64, limit int) ([]model.Source, error) {
	return orEmpty(a.Store.Sources(ctx, s.Project.ID, beforeID, pageSize(limit)))
}

// Transcript is a source read with its notes.
type Transcript struct {
	model.Source
	Notes []model.Note `json:"notes"`
}

// ReadSource reads a source as a transcript; the read is audited.
func (a *App) ReadSource(ctx context.Context, s Scope, id int64) (Transcript, error) {
	src, err := a.Store.Source(ctx, s.Project.ID, id)
	if err != nil {
		return Transcript{}, err
	}
	notes, err := a.Store.SourceNotes(ctx, s.Project.ID, id)
	if err != nil {
		return Transcript{}, err
	}
	if notes == nil {
		notes = []model.Note{}
	}
	if err := a.auditRead(ctx, s, "source.read", target("source", id), ""); err != nil {
		return Transcript{}, err
	}
	return Transcript{Source: src, Notes: notes}, nil
}

// ReadNote reads one note; the read is audited.
func (a *App) ReadNote(ctx context.Context, s Scope, id int64) (model.Note, error) {
	n, err := a.Store.Note(ctx, s.Project.ID, id)
	if err != nil {
		return n, err
	}
	if err := a.auditRead(ctx, s, "note.read", target("note", id), ""); err != nil {
		return model.Note{}, err
	}
	return n, nil
}
