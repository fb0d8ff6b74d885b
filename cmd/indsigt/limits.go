package main

import (
	"fmt"
	"os"
	"strconv"

	"indsigt/ingest/parse"
)

// ingestLimits reads the parser limits from the environment; unset values
// keep the defaults, and a malformed one is a usage error rather than a
// silent default, so an operator's intent is never ignored.
func ingestLimits() (parse.Limits, error) {
	l := parse.DefaultLimits()
	for _, v := range []struct {
		env string
		set func(int64)
	}{
		{"INDSIGT_MAX_FILE_BYTES", func(n int64) { l.MaxFileBytes = n }},
		{"INDSIGT_MAX_DOCX_BYTES", func(n int64) { l.MaxDocxUncompressed = n }},
		{"INDSIGT_MAX_DOCX_ENTRIES", func(n int64) { l.MaxDocxEntries = int(n) }},
		{"INDSIGT_MAX_XML_DEPTH", func(n int64) { l.MaxXMLDepth = int(n) }},
		{"INDSIGT_MAX_CSV_ROWS", func(n int64) { l.MaxCSVRows = int(n) }},
		{"INDSIGT_MAX_CSV_FIELD_BYTES", func(n int64) { l.MaxCSVFieldBytes = int(n) }},
		{"INDSIGT_MAX_NOTE_BYTES", func(n int64) { l.MaxNoteBytes = int(n) }},
		{"INDSIGT_MAX_WORD_BYTES", func(n int64) { l.MaxWordBytes = int(n) }},
		{"INDSIGT_MAX_NOTES_PER_FILE", func(n int64) { l.MaxNotesPerFile = int(n) }},
		{"INDSIGT_MAX_NOTES_PER_UPLOAD", func(n int64) { l.MaxNotesPerUpload = int(n) }},
		{"INDSIGT_MAX_XLSX_CELLS", func(n int64) { l.MaxXLSXCells = int(n) }},
		{"INDSIGT_MAX_XLSX_STRINGS", func(n int64) { l.MaxXLSXStrings = int(n) }},
		{"INDSIGT_MAX_PDF_PAGES", func(n int64) { l.MaxPDFPages = int(n) }},
		{"INDSIGT_MAX_PDF_SECONDS", func(n int64) { l.MaxPDFSeconds = int(n) }},
	} {
		s := os.Getenv(v.env)
		if s == "" {
			continue
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 || n > 1<<40 {
			return l, fmt.Errorf("%w: %s=%q must be a positive whole number", errUsage, v.env, s)
		}
		v.set(n)
	}
	return l, nil
}

// auditRetentionDays reads INDSIGT_AUDIT_RETENTION_DAYS: how many days the
// access log is kept (default app.DefaultAuditRetentionDays).
func auditRetentionDays() (int, error) {
	s := os.Getenv("INDSIGT_AUDIT_RETENTION_DAYS")
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 || n > 36500 {
		return 0, fmt.Errorf("%w: INDSIGT_AUDIT_RETENTION_DAYS=%q must be a whole number of days from 1 to 36500", errUsage, s)
	}
	return n, nil
}
