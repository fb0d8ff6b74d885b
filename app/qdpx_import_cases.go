package app

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"indsigt/ingest"
	"indsigt/ingest/qdpx"
	"indsigt/model"
)

// cases makes each case that refers to an imported source a participant
// of those sources: a case named by a participant code of the project
// ("Borger-3", as indsigt exports them) is that participant; a code of
// another project gets a code of this one with the same stem (staff stay
// staff); any other name is taken as a citizen's name and gets its code
// like a name on a participant list (sealed in the key table, never
// stored in clear). A case with no imported source is reported.
func (im *importer) cases(ctx context.Context, cs []qdpx.Case) error {
	for _, c := range cs {
		srcs := im.caseSources(c)
		name := strings.TrimSpace(c.Name)
		if len(srcs) == 0 || name == "" {
			im.item("case", ingest.MaskName(name), ItemReported, "case", fmt.Sprintf("a case with %d sources and %d selections, none of them imported", len(c.SourceRefs), len(c.SelectionRefs)))
			continue
		}
		code, pid, err := im.participant(ctx, name)
		if err != nil {
			return err
		}
		for _, id := range srcs {
			if err := im.tx.LinkParticipant(ctx, id, pid); err != nil {
				return fmt.Errorf("app: link case: %w", err)
			}
		}
		im.res.Cases++
		im.item("case", code, ItemImported, "", "")
	}
	return nil
}

func (im *importer) participant(ctx context.Context, name string) (string, int64, error) {
	pid, err := im.tx.ParticipantByCode(ctx, im.s.Project.ID, name)
	if err == nil {
		return name, pid, nil
	}
	if !errors.Is(err, model.ErrNotFound) {
		return "", 0, err
	}
	label := "Borger"
	if m := participantCodeRE.FindStringSubmatch(name); m != nil {
		label = m[1]
	}
	return im.tx.Pseudonym(ctx, im.s.Project.ID, "name", label, truncate(name, 200))
}

// participantCodeRE matches a participant code such as "Borger-3" or "Medarbejder-1".
var participantCodeRE = regexp.MustCompile(`^(\p{Lu}[\p{L}]*)-[0-9]+$`)

// caseSources are the imported sources a case refers to, directly or by
// a selection, each once.
func (im *importer) caseSources(c qdpx.Case) []int64 {
	seen := map[int64]bool{}
	var out []int64
	add := func(id int64) {
		if id != 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	for _, g := range c.SourceRefs {
		add(im.sourceIDs[g])
	}
	for _, g := range c.SelectionRefs {
		add(im.selectionSources[g])
	}
	return out
}
