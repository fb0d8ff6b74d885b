package parse

import (
	"path/filepath"
	"strings"
	"testing"

	"indsigt/internal/corpora"
)

func parseCorpus(t *testing.T, rel string) *Document {
	t.Helper()
	data := corpora.Read(t, filepath.FromSlash(rel))
	doc, err := Parse(filepath.Base(rel), data, DefaultLimits())
	if err != nil {
		t.Fatalf("Parse %s: %v", rel, err)
	}
	return doc
}

func allText(doc *Document) string {
	var sb strings.Builder
	for _, s := range doc.Segments {
		sb.WriteString(s.Text)
		sb.WriteString("\n")
	}
	return sb.String()
}

func TestCorpusDocxLibreOfficeCzech(t *testing.T) {
	doc := parseCorpus(t, "docx/poi-56392-libreoffice-czech.docx")
	if doc.Format != "docx" {
		t.Fatalf("Format = %q", doc.Format)
	}
	want := []string{
		"###Surname/Company###", "###Address###", "###Post Code###  ###City###",
		"Praha ###DATUM###", "Test dopisu odstoupení", "Číslo smlouvy ###Account###",
		"Důvod:###Typ (Q3)###",
		"V případě jakýchkoliv dotazů jsme Vám k dispozici na zákaznické lince 844 111 140 nebo na e-mailové adrese klienti@livetelecom.cz.",
		"S pozdravem", "Ing. David Lukáč", "předseda představenstva", "Upozornění:",
	}
	if len(doc.Segments) != len(want)+1 {
		t.Fatalf("got %d segments, want %d", len(doc.Segments), len(want)+1)
	}
	for i, w := range want {
		if doc.Segments[i].Text != w || doc.Segments[i].Speaker != "" {
			t.Errorf("segment %d = %q (speaker %q), want %q", i, doc.Segments[i].Text, doc.Segments[i].Speaker, w)
		}
	}
	if last := doc.Segments[len(want)].Text; !strings.HasPrefix(last, "Pokud jste měl u Vašeho") {
		t.Errorf("last segment = %q", last)
	}
	if doc.Meta.Title != "" {
		t.Errorf("Title = %q, the file has none", doc.Meta.Title)
	}
}

func TestCorpusDocxNestedTables(t *testing.T) {
	doc := parseCorpus(t, "docx/python-docx-blk-paras-and-tables.docx")
	want := []string{
		"Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
		"Text before", "Table", "Between", "Text after",
		"Donec semper facilisis metus finibus malesuada.",
	}
	var got []string
	for _, s := range doc.Segments {
		got = append(got, s.Text)
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("segments = %q\nwant %q", got, want)
	}
}

func TestCorpusVTTVoices(t *testing.T) {
	doc := parseCorpus(t, "vtt/vttjs-spec-example.vtt")
	if len(doc.Segments) != 13 {
		t.Fatalf("got %d cues, want 13", len(doc.Segments))
	}
	first := doc.Segments[0]
	if first.Speaker != "Roger Bingham" || first.Text != "We are in New York City" || first.StartMS != 11000 || first.EndMS != 13000 {
		t.Errorf("first cue = %#v", first)
	}
	laugh := doc.Segments[11]
	if laugh.Speaker != "Neil deGrasse Tyson" || laugh.Text != "Laughs" || laugh.StartMS != 32500 || laugh.EndMS != 33500 {
		t.Errorf("cue 12 = %#v", laugh)
	}
	// "align:end size:50%" settings must not reach the text.
	if s := doc.Segments[8]; s.Text != "When we e-mailedâ" || s.EndMS != 31500 {
		t.Errorf("cue 9 = %#v", s)
	}
	if strings.Contains(allText(doc), "<") {
		t.Error("a tag leaked into the text")
	}
}

func TestCorpusVTTNotesStylesRegions(t *testing.T) {
	doc := parseCorpus(t, "vtt/astisub-example-in.vtt")
	want := []Segment{
		timed("", "", "(deep rumbling)", 99000, 101040),
		timed("MAN", "", "How did we end up here?", 124080, 127120),
		timed("", "", "This place is horrible.", 132160, 135200),
		timed("", "", "Smells like balls.", 140240, 142280),
		timed("", "", "We don't belong in this shithole.", 148320, 151360),
		timed("", "", "(computer playing electronic melody)", 151400, 153440),
	}
	for i := range want {
		want[i].Position = i
	}
	assertSegments(t, doc.Segments, want)
	for _, bad := range []string{"NOTE", "comment", "::cue", "Region"} {
		if strings.Contains(allText(doc), bad) {
			t.Errorf("text contains %q", bad)
		}
	}
}

func TestCorpusVTTYouTube(t *testing.T) {
	doc := parseCorpus(t, "vtt/webvtt-py-youtube_dl.vtt")
	want := []Segment{
		timed("", "", "yeah", 286070, 286470),
		timed("", "", "yeah what", 286470, 304080),
		// Two cues with the same text merge; the inline <00:05:04.199> times go.
		timed("", "", "this will happen is I'm telling", 304080, 305400),
	}
	for i := range want {
		want[i].Position = i
	}
	assertSegments(t, doc.Segments, want)
}

func TestCorpusSRTCapabilityTester(t *testing.T) {
	doc := parseCorpus(t, "srt/pysrt-capability_tester.srt")
	if doc.Format != "srt" || len(doc.Segments) != 37 {
		t.Fatalf("format %q with %d cues, want srt with 37", doc.Format, len(doc.Segments))
	}
	checks := map[int]string{
		0:  "Don't show this text it may be used to insert hidden data",
		2:  "Hidden",
		9:  "This text should NOT be in the normal position",
		10: "Implementation is the same of the ASS tag This text should be at the top and horizontally centered",
		19: "This could be the most difficult thing to implement",
		28: "Hide these tags: also hide these tags: but show this: {normal text}",
	}
	for i, want := range checks {
		if got := doc.Segments[i].Text; got != want {
			t.Errorf("cue %d = %q, want %q", i+1, got, want)
		}
	}
	if s := doc.Segments[4]; !strings.HasPrefix(s.Text, "This should be an E with an accent: È 日本語 ") || s.StartMS != 7501 || s.EndMS != 11500 {
		t.Errorf("cue 5 = %#v", s)
	}
	if s := doc.Segments[7]; !strings.Contains(s.Text, "2<3,5>1,4<6") {
		t.Errorf("cue 8 lost the comparison text: %q", s.Text)
	}
	text := allText(doc)
	for _, bad := range []string{"<font", "<b>", "</i>", `{\an`, "color="} {
		if strings.Contains(text, bad) {
			t.Errorf("text contains %q", bad)
		}
	}
}

func TestCorpusCSV(t *testing.T) {
	tests := []struct {
		file string
		want []Segment
	}{
		{"csv/csv-spectrum-comma_in_quotes.csv", []Segment{
			withFields(seg("", "", "120 any st."), "first", "John", "last", "Doe", "city", "Anytown, WW", "zip", "08123"),
		}},
		{"csv/csv-spectrum-escaped_quotes.csv", []Segment{
			withFields(seg("", "", `ha "ha" ha`), "a", "1"),
			withFields(seg("", "", "4"), "a", "3"),
		}},
		{"csv/csv-spectrum-newlines_crlf.csv", []Segment{
			withFields(seg("", "", "1"), "b", "2", "c", "3"),
			withFields(seg("", "", "Once upon\na time"), "b", "5", "c", "6"),
			withFields(seg("", "", "7"), "b", "8", "c", "9"),
		}},
		{"csv/csv-spectrum-quotes_and_newlines.csv", []Segment{
			withFields(seg("", "", "ha\n\"ha\"\nha"), "a", "1"),
			withFields(seg("", "", "4"), "a", "3"),
		}},
		{"csv/csv-spectrum-utf8.csv", []Segment{
			withFields(seg("", "", "1"), "b", "2", "c", "3"),
			withFields(seg("", "", "4"), "b", "5", "c", "ʤ"),
		}},
		// The BOM must not become part of the first header name.
		{"csv/csvkit-test_utf8_bom.csv", []Segment{
			withFields(seg("", "", "1"), "bar", "2", "baz", "3"),
			withFields(seg("", "", "4"), "bar", "5", "baz", "ʤ"),
		}},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			doc := parseCorpus(t, tt.file)
			if doc.Format != "csv" {
				t.Errorf("Format = %q", doc.Format)
			}
			for i := range tt.want {
				tt.want[i].Position = i
			}
			assertSegments(t, doc.Segments, tt.want)
		})
	}
}

func TestCorpusDanishSentences(t *testing.T) {
	doc := parseCorpus(t, "danish/ddt-dev-sentences.txt")
	if doc.Format != "txt" || len(doc.Segments) == 0 {
		t.Fatalf("format %q, %d segments", doc.Format, len(doc.Segments))
	}
	if !strings.HasPrefix(doc.Segments[0].Text, "Hvor kommer julemanden fra?\n") {
		t.Errorf("first segment starts %q", doc.Segments[0].Text[:40])
	}
	// Prose with a colon is not a speaker turn.
	for _, s := range doc.Segments {
		if s.Speaker == "Med andre ord" || s.Speaker == "Kurt om racerkøreren Kris" {
			t.Errorf("prose taken as speaker %q", s.Speaker)
		}
	}
}
