package app

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	"indsigt/ingest"
	"indsigt/ingest/qdpx"
	"indsigt/model"
)

func (im *importer) codeTree(ctx context.Context, codes []qdpx.Code, parent *int64) error {
	for _, c := range codes {
		id, err := im.code(ctx, c, parent)
		if err != nil {
			return err
		}
		var p *int64
		if id != 0 {
			p = &id
		}
		if err := im.codeTree(ctx, c.Children, p); err != nil {
			return err
		}
	}
	return nil
}

// code makes a tag of a code, or reuses the tag of its name; 0 when the
// code cannot be a tag.
func (im *importer) code(ctx context.Context, c qdpx.Code, parent *int64) (int64, error) {
	name, err := im.typed(ctx, c.Name)
	if err != nil {
		return 0, err
	}
	if err := model.TagName(name); err != nil {
		im.item("code", ingest.MaskName(truncate(c.Name, 100)), ItemSkipped, "invalid", err.Error())
		return 0, nil
	}
	id, err := im.tx.TagID(ctx, im.s.Project.ID, name)
	switch {
	case err == nil:
		im.res.CodesReused++
		im.item("code", name, ItemReused, "", "")
	case errors.Is(err, model.ErrNotFound):
		if id, err = im.newTag(ctx, c, name, parent); err != nil || id == 0 {
			return 0, err
		}
		im.res.Codes++
		im.item("code", name, ItemImported, "", "")
	default:
		return 0, err
	}
	im.codes[c.GUID] = importedCode{id: id, name: name}
	im.memosGo(c.NoteRefs, memoOn{target: model.MemoTarget{Kind: "tag", ID: id}, existing: err == nil})
	return id, nil
}

func (im *importer) newTag(ctx context.Context, c qdpx.Code, name string, parent *int64) (int64, error) {
	desc, err := im.typed(ctx, c.Description)
	if err != nil {
		return 0, err
	}
	t := model.Tag{ProjectID: im.s.Project.ID, ParentID: parent, Name: name, Description: truncate(desc, 1000), Color: longColor(c.Color)}
	t, err = im.tx.CreateTag(ctx, t, im.s.userID())
	if _, bad := model.AsFieldError(err); bad {
		im.item("code", name, ItemSkipped, "invalid", err.Error())
		return 0, nil
	}
	return t.ID, err
}

// longColor writes a colour as #RRGGBB, as the codebook keeps it; a colour
// the codebook cannot keep is dropped.
func longColor(c string) string {
	c = strings.TrimSpace(c)
	if len(c) == 4 && c[0] == '#' {
		c = string([]byte{'#', c[1], c[1], c[2], c[2], c[3], c[3]})
	}
	if (model.Tag{Name: "x", Color: c}).Validate() != nil {
		return ""
	}
	return strings.ToLower(c)
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// tagNames are the tags of the codes referred to; unknown codes are left out.
func (im *importer) tagNames(refs []string) []string {
	var out []string
	for _, g := range refs {
		if c, ok := im.codes[g]; ok {
			out = append(out, c.name)
		}
	}
	return out
}

// codeNotes tags whole notes with the codes referred to.
func (im *importer) codeNotes(ctx context.Context, ids []int64, refs []string) error {
	names := im.tagNames(refs)
	if len(names) == 0 || len(ids) == 0 {
		return nil
	}
	im.res.Codings += len(ids) * len(names)
	return im.tx.TagNotes(ctx, im.s.Project.ID, ids, names, im.s.userID())
}
