package model

import "time"

// SourceKind says how a source was gathered.
type SourceKind string

// Source kinds; a borgerkonference is a workshop.
const (
	KindInterview   SourceKind = "interview"
	KindObservation SourceKind = "observation"
	KindWorkshop    SourceKind = "workshop"
	KindTest        SourceKind = "test"
)

// ParseSourceKind validates a source kind.
func ParseSourceKind(s string) (SourceKind, error) {
	return oneOf("kind", s, []SourceKind{KindInterview, KindObservation, KindWorkshop, KindTest},
		"unknown source kind %q (use interview, observation, workshop or test)")
}

// Source is one ingested file or session.
type Source struct {
	ID          int64      `db:"id" json:"id,string"`
	ProjectID   int64      `db:"project_id" json:"-"`
	Kind        SourceKind `db:"kind" json:"kind"`
	Title       string     `db:"title" json:"title"`
	Filename    string     `db:"filename" json:"filename"`
	Format      string     `db:"format" json:"format"`
	ContentHash string     `db:"content_hash" json:"content_hash"`
	OccurredOn  *time.Time `db:"occurred_on" json:"occurred_on,omitempty"`
	Place       string     `db:"place" json:"place"`
	Interviewer string     `db:"interviewer" json:"interviewer"`
	TestID      *int64     `db:"test_id" json:"test_id,omitempty,string"`
	NoteCount   int        `db:"note_count" json:"note_count"`
	CreatedBy   *int64     `db:"created_by" json:"-"`
	CreatedAt   time.Time  `db:"created_at" json:"created_at"`
}

// Note is one segment of a source, already pseudonymized.
type Note struct {
	ID          int64      `db:"id" json:"id,string"`
	ProjectID   int64      `db:"project_id" json:"-"`
	SourceID    int64      `db:"source_id" json:"source_id,string"`
	Position    int        `db:"position" json:"position"`
	Speaker     string     `db:"speaker" json:"speaker"`
	SpeakerRole string     `db:"speaker_role" json:"speaker_role"`
	Text        string     `db:"text" json:"text"`
	StartMS     *int64     `db:"start_ms" json:"start_ms,omitempty"`
	EndMS       *int64     `db:"end_ms" json:"end_ms,omitempty"`
	CreatedAt   time.Time  `db:"created_at" json:"created_at"`
	Fields      NoteFields `db:"fields" json:"fields,omitempty"`
	Tags        []string   `db:"-" json:"tags"`
}
