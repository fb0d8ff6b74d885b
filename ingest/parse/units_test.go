package parse

import (
	"reflect"
	"testing"
)

func TestParseDate(t *testing.T) {
	tests := map[string]string{
		"2026-03-01": "2026-03-01", "2026-3-1": "2026-03-01", "01-03-2026": "2026-03-01",
		"01.03.2026": "2026-03-01", "1.3.2026": "2026-03-01", "3. marts 2026": "2026-03-03",
		"3 marts 2026": "2026-03-03", "24. December 2025": "2025-12-24", "1. okt. 2026": "2026-10-01",
		"2026-03-01T10:00:00Z": "2026-03-01", " 12. maj 2026 ": "2026-05-12",
		"31-02-2026": "", "2026-13-01": "", "3. smarts 2026": "", "i går": "", "": "", "0000-01-01": "",
	}
	for in, want := range tests {
		if got := ParseDate(in); got != want {
			t.Errorf("ParseDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseClock(t *testing.T) {
	tests := []struct {
		in string
		ms int64
		ok bool
	}{
		{"00:00:01.000", 1000, true}, {"01:02:03,456", 3723456, true}, {"02:03.5", 123500, true},
		{"00:01:41.04", 101040, true}, {"00:01:39", 99000, true}, {"100:00:00.000", 360000000, true},
		{"00:60:00.000", 0, false}, {"1:2:3", 0, false}, {"abc", 0, false}, {"00:00:01.", 0, false},
		{"-1:00:00", 0, false}, {"00:00:01.0000000000", 0, false}, {"123:45.000", 0, false},
	}
	for _, tt := range tests {
		ms, ok := parseClock(tt.in)
		if ok != tt.ok || (ok && ms != tt.ms) {
			t.Errorf("parseClock(%q) = %d, %v; want %d, %v", tt.in, ms, ok, tt.ms, tt.ok)
		}
	}
}

func TestSplitSpeaker(t *testing.T) {
	tests := []struct {
		line, label, rest string
	}{
		{"I: Hvordan går det?", "I", "Hvordan går det?"},
		{"Interviewer:\tGodmorgen", "Interviewer", "Godmorgen"},
		{"Anna Sørensen: Fint.", "Anna Sørensen", "Fint."},
		{"Deltager 2: Ja", "Deltager 2", "Ja"},
		{"B: Nej", "B", "Nej"},
		{"Neil deGrasse Tyson: Hi", "Neil deGrasse Tyson", "Hi"},
		{"Anne af Rosen: Tak", "Anne af Rosen", "Tak"},
		{"Kl. 02:30: hun rejser sig", "", ""},
		{"kl 14: frokost", "", ""},
		{"Bemærk: lampen er slukket", "", ""},
		{"Note: husk kaffe", "", ""},
		{"Med andre ord: nej", "", ""},
		{"Hun sagde det til mig i går: nej", "", ""},
		{"https://kolding.dk", "", ""},
		{"Tid:10:30", "", ""},
		{"Anna:", "", ""},
		{"2. Anna: hej", "", ""},
		{"En meget lang etiket der er alt for lang: tekst", "", ""},
		{"Hvorfor?: fordi", "", ""},
	}
	for _, tt := range tests {
		label, rest, ok := splitSpeaker(tt.line)
		if ok != (tt.label != "") || label != tt.label || rest != tt.rest {
			t.Errorf("splitSpeaker(%q) = %q, %q, %v; want %q, %q", tt.line, label, rest, ok, tt.label, tt.rest)
		}
	}
}

func TestTxtTurnsAndRoles(t *testing.T) {
	in := "Int: Hej\nAnna: Hej selv\nog velkommen\n\n\n\nen løs note\r\nAnna: slut"
	doc, err := Parse("noter.txt", []byte(in), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	want := []Segment{
		{Position: 0, Speaker: "Int", Role: RoleInterviewer, Text: "Hej", StartMS: -1, EndMS: -1},
		{Position: 1, Speaker: "Anna", Role: RoleParticipant, Text: "Hej selv\nog velkommen", StartMS: -1, EndMS: -1},
		{Position: 2, Text: "en løs note", StartMS: -1, EndMS: -1},
		{Position: 3, Speaker: "Anna", Role: RoleParticipant, Text: "slut", StartMS: -1, EndMS: -1},
	}
	assertSegments(t, doc.Segments, want)

	// Without an interviewer label nobody gets a role.
	doc, err = Parse("noter.txt", []byte("Anna: a\nBo: b"), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range doc.Segments {
		if s.Role != "" {
			t.Errorf("role %q without an interviewer", s.Role)
		}
	}
}

func TestTextCleaning(t *testing.T) {
	// "å" as a + combining ring (NFD, as macOS writes it) must become NFC;
	// control characters go, tabs stay, NBSP becomes a space.
	in := "Sma\u030arum\x07 ved\u00a0\tå\u200e\r\nen"
	doc, err := Parse("a.txt", []byte(in), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Segments[0].Text; got != "Smårum ved \tå\nen" {
		t.Errorf("text = %q", got)
	}
}

func TestMarkdown(t *testing.T) {
	in := "# Overskrift #\n\n**Mette:** Hvad så?\n\n* punkt *med* stjerne\n1. nummer __fed__ og snake_case_navn\n\n***\n\nIngen front matter her."
	doc, err := Parse("noter.md", []byte(in), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	want := []Segment{
		seg("", "", "Overskrift"),
		seg("Mette", "", "Hvad så?"),
		seg("", "", "punkt med stjerne\nnummer fed og snake_case_navn"),
		seg("", "", "Ingen front matter her."),
	}
	for i := range want {
		want[i].Position = i
	}
	assertSegments(t, doc.Segments, want)
	if !reflect.DeepEqual(doc.Meta, Meta{}) {
		t.Errorf("Meta = %#v", doc.Meta)
	}
}

func TestFrontMatterVariants(t *testing.T) {
	in := "---\ndate: 2026-03-01\nkind: møde\ninterviewer: Bo\n---\nBo: spørgsmål\n\nEva: svar"
	doc, err := Parse("x.txt.md", []byte(in), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if doc.Meta.Date != "2026-03-01" || doc.Meta.Kind != "" || doc.Meta.Interviewer != "Bo" {
		t.Errorf("Meta = %#v", doc.Meta)
	}
	if doc.Segments[0].Role != RoleInterviewer || doc.Segments[1].Role != RoleParticipant {
		t.Errorf("roles %q %q", doc.Segments[0].Role, doc.Segments[1].Role)
	}
	// Front matter without the .md name is still markdown.
	doc, err = Parse("noter", []byte("---\ntitle: Hej\n---\nTekst"), DefaultLimits())
	if err != nil || doc.Format != "md" || doc.Meta.Title != "Hej" {
		t.Fatalf("doc %+v err %v", doc, err)
	}
}

func TestDetectByContent(t *testing.T) {
	tests := []struct {
		name, data, format string
	}{
		{"undertekster.txt", "WEBVTT\n\n00:01.000 --> 00:02.000\nHej", "vtt"},
		{"undertekster", "1\n00:00:01,000 --> 00:00:02,000\nHej\n", "srt"},
		{"noter.txt", `{"notes":[{"text":"Hej"}]}`, "json"},
		{"eksport.dat", "dato,taler,tekst\n1.3.2026,Bo,Hej\n", "csv"},
		{"eksport.dat", "Hej, med dig\nog dig, også\n", "txt"},
		{"noter.tsv", "taler\ttekst\nBo\tHej\n", "csv"},
		{"noter.markdown", "Hej", "md"},
		{"billeder.vtt", "00:01.000 --> 00:02.000\nUden hoved", "vtt"},
	}
	for _, tt := range tests {
		doc, err := Parse(tt.name, []byte(tt.data), DefaultLimits())
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if doc.Format != tt.format {
			t.Errorf("%s %q: format %q, want %q", tt.name, tt.data, doc.Format, tt.format)
		}
	}
}

func TestDocxFeatures(t *testing.T) {
	body := `<w:p><w:r><w:t>Bo: Før </w:t></w:r>` +
		// Nested fields: the outer code holds an inner field; neither code shows.
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> IF </w:instrText></w:r>` +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>MERGEFIELD Navn</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>SKJULT</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
		`<w:r><w:instrText> = "x" "ja" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>ja</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
		`<w:moveFrom><w:r><w:t>flyttet</w:t></w:r></w:moveFrom><w:moveTo><w:r><w:t xml:space="preserve"> efter</w:t></w:r></w:moveTo>` +
		`<w:r><w:t xml:space="preserve"> bindes</w:t><w:noBreakHyphen/><w:t>streg</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>A</w:t><w:br/><w:t>B</w:t><w:cr/><w:t>C</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>   </w:t></w:r></w:p>` +
		`<x:p xmlns:x="urn:other"><x:t>fremmed</x:t></x:p>`
	doc, err := Parse("f.docx", docxOf(t, body), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	want := []Segment{
		{Position: 0, Speaker: "Bo", Text: "Før ja efter bindes-streg", StartMS: -1, EndMS: -1},
		{Position: 1, Text: "A\nB\nC", StartMS: -1, EndMS: -1},
	}
	assertSegments(t, doc.Segments, want)
}

func TestDocxBroken(t *testing.T) {
	for name, data := range map[string][]byte{
		"trunkeret.docx": docxOf(t, `<w:p><w:r><w:t>Hej`),
		"tom.docx":       docxOf(t, ``),
		"kaput.docx":     []byte("PK\x03\x04kaput"),
	} {
		if _, err := Parse(name, data, DefaultLimits()); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestCSVFeatures(t *testing.T) {
	tests := []struct {
		name, data string
		meta       Meta
		want       []Segment
	}{
		{"excel.csv", "sep=;\r\nTaler;Rolle;Svar;Tid;Slut\r\nBo;I;Hvorfor?;00:00:10;12,5\r\nEva;borger;Fordi 5\" skærm er lille;kl. 3;\r\n",
			Meta{}, []Segment{
				{Speaker: "Bo", Role: RoleInterviewer, Text: "Hvorfor?", StartMS: 10000, EndMS: 12500},
				{Speaker: "Eva", Role: RoleParticipant, Text: `Fordi 5" skærm er lille`, StartMS: -1, EndMS: -1, Fields: map[string]string{"Tid": "kl. 3"}},
			}},
		{"datoer.csv", "date,note,,\n2026-03-01,a,x,ekstra\n2026-03-02,b\n",
			Meta{}, []Segment{
				{Text: "a", StartMS: -1, EndMS: -1, Fields: map[string]string{"date": "2026-03-01", "kolonne 3": "x", "kolonne 4": "ekstra"}},
				{Text: "b", StartMS: -1, EndMS: -1, Fields: map[string]string{"date": "2026-03-02"}},
			}},
		{"længst.csv", "id,kort,lang,taler\n1,ja,en længere tekst,I\n2,nej,mere,Bo\n",
			Meta{}, []Segment{
				{Speaker: "I", Role: RoleInterviewer, Text: "en længere tekst", StartMS: -1, EndMS: -1, Fields: map[string]string{"id": "1", "kort": "ja"}},
				{Speaker: "Bo", Role: RoleParticipant, Text: "mere", StartMS: -1, EndMS: -1, Fields: map[string]string{"id": "2", "kort": "nej"}},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.name, []byte(tt.data), DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(doc.Meta, tt.meta) {
				t.Errorf("Meta = %#v", doc.Meta)
			}
			for i := range tt.want {
				tt.want[i].Position = i
			}
			assertSegments(t, doc.Segments, tt.want)
		})
	}
}

func TestSRTTolerance(t *testing.T) {
	in := "\n\n1\n00:00:01,000 --> 00:00:02,000\nFørste\n\nfortsat efter tom linje\n\n\n\n2\n00:00:03,000 --> 00:00:04,000\n<font color=\"red\">Anden</font>\n3\n00:00:05,000 --> 00:00:06,000\nTredje\n"
	doc, err := Parse("a.srt", []byte(in), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	want := []Segment{
		timed("", "", "Første fortsat efter tom linje", 1000, 2000),
		timed("", "", "Anden", 3000, 4000),
		timed("", "", "Tredje", 5000, 6000),
	}
	for i := range want {
		want[i].Position = i
	}
	assertSegments(t, doc.Segments, want)
}
