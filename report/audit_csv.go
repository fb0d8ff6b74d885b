package report

import (
	"fmt"
	"io"
	"time"
)

// AuditLine is one access-log row of the CSV export: who, when, where,
// what; never note or query text (the log holds none).
type AuditLine struct {
	At                                           time.Time
	Email, Name, Project, Action, Object, Detail string
}

var auditCSVHeader = []string{"Tidspunkt", "Bruger", "Navn", "Projekt", "Handling", "Objekt", "Detaljer"}

// WriteAuditCSV writes the access log for Danish Excel, as
// WriteEffectsCSV does: BOM, semicolons, CRLF, text cells neutralized
// against formula injection.
func WriteAuditCSV(w io.Writer, lines []AuditLine) error {
	cw, err := excelCSV(w, "audit", auditCSVHeader)
	if err != nil {
		return err
	}
	for _, l := range lines {
		row := []cell{number(l.At.Format("2006-01-02 15:04:05")), text(l.Email), text(l.Name), text(l.Project), text(l.Action), text(l.Object), text(l.Detail)}
		if err := cw.Write(render(row)); err != nil {
			return fmt.Errorf("write audit csv: %w", err)
		}
	}
	return flushCSV(cw, "audit")
}
