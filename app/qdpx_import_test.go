package app

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"

	"indsigt/ingest"
	"indsigt/ingest/parse"
	"indsigt/ingest/qdpx"
	"indsigt/internal/corpora"
	"indsigt/internal/xmllint"
	"indsigt/model"
	"indsigt/report"
	"indsigt/store"
	"indsigt/store/storetest"
)

func importFixture(t *testing.T, s *store.Store) (*App, Scope) {
	t.Helper()
	a, designer, _ := fixture(t, s)
	a.Ingest = ingest.New(s, parse.DefaultLimits())
	return a, designer
}

// TestImportAtlasProject: the ATLAS.ti sample has (counted with xmllint
// --xpath on its project.qde) 3 codes, "Commits" with 2 children, no
// colours, no sources, selections, notes or cases; the blank one nothing.
func TestImportAtlasProject(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, designer := importFixture(t, s)
		data := corpora.Read(t, "refi-qda", "target-atlas-project.qdpx")
		res, err := a.ImportQDPX(ctx, designer, data)
		if err != nil {
			t.Fatal(err)
		}
		if res.Codes != 3 || res.Sources != 0 || res.Highlights != 0 || res.Memos != 0 {
			t.Errorf("result %+v", res)
		}
		tags, _ := s.Tags(ctx, designer.Project.ID)
		byName := map[string]model.Tag{}
		for _, tg := range tags {
			byName[tg.Name] = tg
		}
		root, ok := byName["Commits"]
		if len(tags) != 3 || !ok || root.ParentID != nil {
			t.Fatalf("tags %+v", tags)
		}
		for _, tg := range tags {
			if tg.Color != "" || (tg.ID != root.ID && (tg.ParentID == nil || *tg.ParentID != root.ID)) {
				t.Errorf("tag %+v: want under Commits, no colour", tg)
			}
		}
		// again: every code is reused, none duplicated
		if res, err = a.ImportQDPX(ctx, designer, data); err != nil || res.CodesReused != 3 || res.Codes != 0 {
			t.Errorf("second import %+v %v", res, err)
		}
		blank := corpora.Read(t, "refi-qda", "blank-atlas-project.qdpx")
		if res, err = a.ImportQDPX(ctx, designer, blank); err != nil || res.Codes+res.CodesReused+res.Sources+res.Memos != 0 || len(res.Items) != 0 {
			t.Errorf("blank import %+v %v", res, err)
		}
	})
}

func rawZip(t *testing.T, add func(zw *zip.Writer)) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add(zw)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zipEntry(zw *zip.Writer, name, body string) {
	w, _ := zw.Create(name)
	w.Write([]byte(body))
}

// TestImportQDPXRefuses: bad files are a field error on "file" and leave
// nothing behind.
func TestImportQDPXRefuses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, designer := importFixture(t, s)
		bomb := rawZip(t, func(zw *zip.Writer) {
			// an entry that claims to decompress to 1 TiB
			w, _ := zw.CreateRaw(&zip.FileHeader{Name: "project.qde", Method: zip.Deflate, CompressedSize64: 2, UncompressedSize64: 1 << 40})
			w.Write([]byte{3, 0})
		})
		tests := map[string][]byte{
			"not a zip":       []byte("Dette er ikke en zip-fil"),
			"zip bomb":        bomb,
			"no project.qde":  rawZip(t, func(zw *zip.Writer) { zipEntry(zw, "sources/a.txt", "hej") }),
			"not REFI-QDA":    rawZip(t, func(zw *zip.Writer) { zipEntry(zw, "project.qde", `<?xml version="1.0"?><w:document xmlns:w="x"/>`) }),
			"wrong namespace": rawZip(t, func(zw *zip.Writer) { zipEntry(zw, "project.qde", `<Project xmlns="urn:other" name="x"/>`) }),
		}
		for name, data := range tests {
			_, err := a.ImportQDPX(ctx, designer, data)
			if fe, ok := model.AsFieldError(err); !ok || fe.Field != "file" {
				t.Errorf("%s: err = %v, want a field error on file", name, err)
			}
		}
		tags, _ := s.Tags(ctx, designer.Project.ID)
		srcs, _ := s.Sources(ctx, designer.Project.ID, 0, 10)
		if len(tags) != 0 || len(srcs) != 0 {
			t.Errorf("written: %d tags, %d sources", len(tags), len(srcs))
		}
	})
}

// TestImportQDPXItems: what cannot be imported is an item with a reason;
// a selection lands on its words even when a name before it was coded.
func TestImportQDPXItems(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, designer := importFixture(t, s)
		text := "Anne Jensen fortalte om maden.\n\nHun var bange om natten."
		qde := `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p">
 <CodeBook><Codes><Code guid="55555555-5555-5555-5555-555555555555" name="Mad" isCodable="true" color="#1B6"/></Codes></CodeBook>
 <Sources>
  <PDFSource guid="11111111-1111-1111-1111-111111111111" name="scan.pdf"/>
  <TextSource guid="88888888-8888-8888-8888-888888888888" name="lang"><PlainTextContent>` + strings.Repeat("x", 2000) + `</PlainTextContent></TextSource>
  <TextSource guid="22222222-2222-2222-2222-222222222222" name="Interview" plainTextPath="internal://a.txt">
   <PlainTextSelection guid="33333333-3333-3333-3333-333333333333" startPosition="24" endPosition="29"><Coding guid="44444444-4444-4444-4444-444444444444"><CodeRef targetGUID="55555555-5555-5555-5555-555555555555"/></Coding><NoteRef targetGUID="77777777-7777-7777-7777-777777777777"/></PlainTextSelection>
   <PlainTextSelection guid="66666666-6666-6666-6666-666666666666" startPosition="40" endPosition="999"/>
  </TextSource>
 </Sources>
 <Notes><Note guid="77777777-7777-7777-7777-777777777777" name="memo"><PlainTextContent>Spørg Anne Jensen igen</PlainTextContent></Note></Notes>
</Project>`
		data := rawZip(t, func(zw *zip.Writer) { zipEntry(zw, "project.qde", qde); zipEntry(zw, "sources/a.txt", text) })
		res, err := a.ImportQDPX(ctx, designer, data)
		if err != nil {
			t.Fatal(err)
		}
		if res.Sources != 1 || res.Highlights != 1 || res.Memos != 1 || res.Codes != 1 {
			t.Errorf("result %+v", res)
		}
		reasons := map[string]bool{}
		for _, it := range res.Items {
			reasons[it.Reason] = true
			if strings.Contains(it.Name, "Anne") {
				t.Errorf("item names a person: %+v", it)
			}
		}
		if !reasons[qdpx.NotText] || !reasons["out_of_range"] || !reasons["too_large"] {
			t.Errorf("items %+v", res.Items)
		}
		hs, _ := a.Highlights(ctx, designer, HighlightQuery{})
		if len(hs) != 1 || hs[0].Quote != "maden" || len(hs[0].Tags) != 1 || hs[0].Tags[0] != "Mad" {
			t.Errorf("highlights %+v", hs)
		}
		tags, _ := s.Tags(ctx, designer.Project.ID)
		if len(tags) != 1 || tags[0].Color != "#11bb66" {
			t.Errorf("tags %+v", tags)
		}
		ms, _ := a.Memos(ctx, designer, MemoQuery{})
		if len(ms) != 1 || strings.Contains(ms[0].Body, "Anne") {
			t.Errorf("memo not pseudonymized: %+v", ms)
		}
		srcs, _ := s.Sources(ctx, designer.Project.ID, 0, 10)
		notes, _ := s.SourceNotes(ctx, designer.Project.ID, srcs[0].ID)
		if len(notes) != 2 || strings.Contains(notes[0].Text, "Anne") {
			t.Errorf("notes %+v", notes)
		}
	})
}

// roundTripProject builds a project with notes, a code under a parent with
// colours, a coded note, a highlight and memos on each kind.
func roundTripProject(t *testing.T, a *App, s *store.Store, sc Scope) {
	t.Helper()
	ctx := context.Background()
	r, err := a.IngestFile(ctx, sc, "samtale.txt", []byte("Anne Jensen fortalte om maden om aftenen.\n\nHun var bange om natten.\n\nInterviewer: Hvad spiste du?"), Upload{})
	if err != nil || r.Status != ingest.StatusIngested {
		t.Fatalf("ingest %+v %v", r, err)
	}
	parent, err := a.CreateTag(ctx, sc, NewTag{Name: "Tryghed", Color: "#1b6e3a", Description: "Følelsen af tryghed"})
	if err != nil {
		t.Fatal(err)
	}
	child, err := a.CreateTag(ctx, sc, NewTag{Name: "Nat", Color: "#0b5394", ParentID: &parent.ID})
	if err != nil {
		t.Fatal(err)
	}
	srcs, _ := s.Sources(ctx, sc.Project.ID, 0, 10)
	notes, _ := s.SourceNotes(ctx, sc.Project.ID, srcs[0].ID)
	if _, err := a.TagNote(ctx, sc, notes[1].ID, []string{"Nat"}); err != nil {
		t.Fatal(err)
	}
	i := strings.Index(notes[0].Text, "maden")
	start, end := report.RuneRange(notes[0].Text, i, i+len("maden"))
	h, err := a.CreateHighlight(ctx, sc, NewHighlight{NoteID: notes[0].ID, Start: start, End: end, Tags: []string{"Tryghed"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []NewMemo{{Target: target("tag", child.ID), Body: "Natten er svær"}, {Target: target("source", srcs[0].ID), Body: "Hele samtalen"}, {Target: target("note", notes[1].ID), Body: "Om natten"}} {
		if _, err := a.CreateMemo(ctx, sc, m); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.CreateHighlightMemo(ctx, sc.Project.ID, h.ID, "Maden betyder meget", sc.userID())
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

// summary is what must survive a round trip: codes with parent and colour,
// the text of each coded span with its codes, and the memos.
type summary struct{ codes, spans, memos, cases []string }

func summarize(t *testing.T, file []byte) summary {
	t.Helper()
	p, err := qdpx.Read(file, qdpx.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var sum summary
	names := map[string]string{}
	var walk func(cs []qdpx.Code, parent string)
	walk = func(cs []qdpx.Code, parent string) {
		for _, c := range cs {
			names[c.GUID] = c.Name
			sum.codes = append(sum.codes, parent+"/"+c.Name+" "+c.Color)
			walk(c.Children, c.Name)
		}
	}
	walk(p.Codes, "")
	notes := map[string]string{}
	for _, n := range p.Notes {
		notes[n.GUID] = n.Text
		sum.memos = append(sum.memos, n.Text)
	}
	for _, src := range p.Sources {
		runes := []rune(src.Text)
		for _, sel := range src.Selections {
			var cs []string
			for _, g := range sel.CodeRefs {
				cs = append(cs, names[g])
			}
			var ms []string
			for _, g := range sel.NoteRefs {
				ms = append(ms, notes[g])
			}
			sort.Strings(cs)
			sum.spans = append(sum.spans, string(runes[sel.Start:sel.End])+" ← "+strings.Join(cs, ",")+" | "+strings.Join(ms, ","))
		}
	}
	for _, c := range p.Cases {
		sum.cases = append(sum.cases, fmt.Sprintf("%s in %d sources", c.Name, len(c.SourceRefs)))
	}
	for _, l := range [][]string{sum.codes, sum.spans, sum.memos, sum.cases} {
		sort.Strings(l)
	}
	return sum
}

// TestQDPXRoundTrip: export, import into a new project, export again: the
// same codes, spans and memos; both files validate against the schema.
func TestQDPXRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, designer := importFixture(t, s)
		roundTripProject(t, a, s, designer)
		opt, _ := ExportOptions("da", "")
		first, err := a.Export(ctx, designer, "project.qdpx", opt)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateProject(ctx, model.Project{Slug: "q", Name: "Kopi"}, designer.User); err != nil {
			t.Fatal(err)
		}
		copyScope, err := a.Enter(ctx, designer.Actor, "q")
		if err != nil {
			t.Fatal(err)
		}
		res, err := a.ImportQDPX(ctx, copyScope, first.Body)
		if err != nil {
			t.Fatal(err)
		}
		if res.Sources != 1 || res.Codes != 2 || res.Highlights != 1 || res.Memos != 4 {
			t.Errorf("import %+v", res)
		}
		second, err := a.Export(ctx, copyScope, "project.qdpx", opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range []Export{first, second} {
			p, err := qdpx.Read(e.Body, qdpx.Limits{})
			if err != nil || len(p.Sources) != 1 {
				t.Fatalf("export unreadable: %v", err)
			}
			xmllint.ValidateQDE(t, projectQDE(t, e.Body))
		}
		want, got := summarize(t, first.Body), summarize(t, second.Body)
		for what, pair := range map[string][2][]string{"codes": {want.codes, got.codes}, "spans": {want.spans, got.spans}, "memos": {want.memos, got.memos}, "cases": {want.cases, got.cases}} {
			if strings.Join(pair[0], "\n") != strings.Join(pair[1], "\n") {
				t.Errorf("%s differ:\nfirst:  %q\nsecond: %q", what, pair[0], pair[1])
			}
		}
		if len(want.spans) != 2 || len(want.codes) != 2 || len(want.memos) != 4 || len(want.cases) != 1 {
			t.Errorf("first export too small: %+v", want)
		}
		// importing the same file again: the source is a duplicate, codes reused
		res, err = a.ImportQDPX(ctx, copyScope, first.Body)
		if err != nil || res.Sources != 0 || res.CodesReused != 2 || res.Highlights != 0 || res.Memos != 0 {
			t.Errorf("re-import %+v %v", res, err)
		}
		if errors.Is(err, model.ErrInvalid) {
			t.Error(err)
		}
	})
}

func projectQDE(t *testing.T, file []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open("project.qde")
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(rc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
