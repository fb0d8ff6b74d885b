package ingest

import (
	"context"
	"errors"

	"indsigt/ingest/parse"
	"indsigt/model"
	"indsigt/store"
)

// Written is a document stored by Document: its source and its notes as
// stored (pseudonymized), in the order of the document's segments.
type Written struct {
	Source    model.Source
	Notes     []*model.Note
	Tagged    int
	Duplicate bool // a source of the same content was there: nothing written
}

// Document stores a document the caller has segmented itself (a text of
// an imported REFI-QDA project, whose coded offsets must stay known)
// inside the caller's transaction, the same way as an uploaded file after
// parsing: duplicate by content hash, pseudonymized, auto-tagged by the
// codebook rules, queued for the index, audited as source.ingest. content
// is what the hash is taken of. Each segment's text must be non-empty.
func (s *Service) Document(ctx context.Context, tx *store.Tx, p model.Project, name string, content []byte, doc *parse.Document, opt Options) (Written, error) {
	m, err := mergeMeta(doc.Meta, opt)
	if err != nil {
		return Written{}, err
	}
	rules, err := s.matcher(ctx, p.ID)
	if err != nil {
		return Written{}, err
	}
	src, notes, tagged, err := s.write(ctx, tx, p, doc, m, name, s.store.ContentHash(p.ID, content), rules, opt)
	if errors.Is(err, errDuplicate) {
		return Written{Source: src, Duplicate: true}, nil
	}
	return Written{Source: src, Notes: notes, Tagged: tagged}, err
}

// Limits are the parser limits the service applies to every file.
func (s *Service) Limits() parse.Limits { return s.limits }

// MaskName replaces the personal data in a name that is shown but not
// stored (a file, or a source that was not imported) by its kind's label.
func MaskName(name string) string { return maskName(name, Options{}) }
