package parse

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// seg builds an expected untimed segment.
func seg(speaker, role, text string) Segment {
	return Segment{Speaker: speaker, Role: role, Text: text, StartMS: -1, EndMS: -1}
}

func timed(speaker, role, text string, start, end int64) Segment {
	return Segment{Speaker: speaker, Role: role, Text: text, StartMS: start, EndMS: end}
}

func withFields(s Segment, kv ...string) Segment {
	s.Fields = map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		s.Fields[kv[i]] = kv[i+1]
	}
	return s
}

// danishTxt is what every txt encoding fixture must decode to.
var danishTxt = []Segment{
	seg("I", RoleInterviewer, "Hvad synes du om æøå ÆØÅ?"),
	seg("Borger", RoleParticipant, "Det er godt, men ventetiden er lang.\nIsær om vinteren."),
}

var wordInterview = []Segment{
	seg("", "", "Interview om hjemmehjælp"),
	seg("", "", "Dato: 12. marts 2026"),
	seg("I", RoleInterviewer, "Hvordan oplever du hjælpen i Kolding Kommune?"),
	seg("Søren", RoleParticipant, "Jeg er glad for hjælpen.\nMen de kommer tit for sent."),
	seg("I", RoleInterviewer, "Har du set kolding.dk?\t(pause)"),
	seg("", "", "Husk samtykke fra Søren"),
	seg("Søren", RoleParticipant, "Nej, det har jeg ikke."),
	seg("", "", "Tema"),
	seg("", "", "Citat"),
	seg("", "", "Ventetid"),
	seg("", "", "Før:"),
	seg("", "", "Det tager for lang tid"),
	seg("", "", "Æblegrød på fredag"),
	seg("", "", "Side 2"),
}

func TestParseFixtures(t *testing.T) {
	tests := []struct {
		file   string
		format string
		meta   Meta
		segs   []Segment
	}{
		{"txt-utf8.txt", "txt", Meta{}, []Segment{
			seg("Interviewer", RoleInterviewer, "Fortæl om din hverdag med hjemmehjælpen."),
			seg("Anna Sørensen", RoleParticipant, "Den starter kl. 7, når hjælperen kommer.\nHun er sød, men har travlt."),
			seg("", "", "Kl. 02:30: hun vågner og ringer på klokken."),
			seg("", "", "Bemærk: Anna bor alene på 2. sal."),
			seg("Interviewer", RoleInterviewer, "Hvad kunne gøres bedre?"),
			seg("Anna Sørensen", RoleParticipant, "Mere tid. Det er det hele."),
		}},
		{"txt-utf8-bom.txt", "txt", Meta{}, danishTxt},
		{"txt-utf16le.txt", "txt", Meta{}, danishTxt},
		{"txt-utf16be.txt", "txt", Meta{}, danishTxt},
		{"txt-cp1252.txt", "txt", Meta{}, danishTxt},
		{"md-frontmatter.md", "md", Meta{
			Kind: "interview", Title: "Samtale om genoptræning", Date: "2026-03-03",
			Place: "Kolding Rådhus", Interviewer: "Mette", Participants: []string{"Jørgen Ærø", "Åse Øst"},
		}, []Segment{
			seg("", "", "Indledning"),
			seg("Mette", RoleInterviewer, "Hvordan gik genoptræningen?"),
			seg("Jørgen", RoleParticipant, "Den gik rigtig godt.\nFørste punkt om holdtræning\nAndet punkt med kode"),
			seg("", "", "Et citat fra væggen"),
			seg("Åse", RoleParticipant, "Jeg er enig."),
		}},
		{"vtt-voices.vtt", "vtt", Meta{Title: "Workshop om ældrepleje"}, []Segment{
			timed("Mette", "", "Velkommen til workshoppen om ældrepleje.", 1000, 4500),
			timed("Jørgen Ærø", "", "Tak & i lige måde <3 Det glæder jeg mig til.", 5000, 8250),
			timed("Åse", "", "Hvad med kørsel?", 62000, 64000),
		}},
		{"srt-crlf.srt", "srt", Meta{}, []Segment{
			timed("Interviewer", RoleInterviewer, "Hvordan bor du?", 1000, 3500),
			timed("Borger", RoleParticipant, "Jeg bor i et rækkehus i Bramdrup.", 4000, 7120),
			timed("", "", "Med have.", 8000, 9000),
			timed("", "", "Ø og å.", 10000, 11000),
		}},
		{"csv-semikolon-cp1252.csv", "csv", Meta{Date: "2026-03-12"}, []Segment{
			seg("Mette", RoleInterviewer, "Hvordan går det med køkkenet?"),
			withFields(seg("Søren", RoleParticipant, `Fint; men jeg savner "min" have.`), "Tema", "Bolig"),
			withFields(seg("Ærlige Åse", RoleParticipant, "Øl er godt."), "Tema", "Kost"),
		}},
		{"csv-comma-bom.csv", "csv", Meta{}, []Segment{
			withFields(timed("Mette", "", `Hvad siger du til "madordningen"?`, 65000, -1), "id", "1"),
			withFields(timed("Jørgen", "", "Den er god.\nMen portionerne er små, synes jeg.", 75500, -1), "id", "2"),
		}},
		{"json-valid.json", "json", Meta{
			Kind: "test", Title: "Test af ny app", Date: "2026-03-01", Place: "Kolding Bibliotek",
			Interviewer: "Mette", Participants: []string{"Karen Ødegaard"},
		}, []Segment{
			timed("Mette", RoleInterviewer, "Prøv at bestille mad i appen.", 10500, 14000),
			timed("Karen Ødegaard", RoleParticipant, "Knappen er svær at finde.", 62000, -1),
			seg("", "", "Hun giver op efter to minutter."),
		}},
		{"word-interview.docx", "docx", Meta{Title: "Interview med Søren om hjemmehjælp"}, wordInterview},
		{"word-renamed.txt", "docx", Meta{Title: "Interview med Søren om hjemmehjælp"}, wordInterview},
		{"libreoffice-observation.docx", "docx", Meta{}, []Segment{
			seg("", "", "Observation på plejecentret"),
			seg("", "", "Udskrevet 14.03.2026"),
			seg("", "", "Kl. 02:30: hun rejser sig og går ud på gangen."),
			seg("", "", "Bemærk: natlampen var slukket."),
			seg("Plejer", "", "Skal jeg følge dig?"),
			seg("Beboer", "", "Nej tak, jeg finder selv vej."),
			seg("", "", "Lys"),
			seg("", "", "Gangen er mørk om natten"),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc, err := Parse(tt.file, readFixture(t, tt.file), DefaultLimits())
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if doc.Format != tt.format {
				t.Errorf("Format = %q, want %q", doc.Format, tt.format)
			}
			if !reflect.DeepEqual(doc.Meta, tt.meta) {
				t.Errorf("Meta = %#v\nwant %#v", doc.Meta, tt.meta)
			}
			for i := range tt.segs {
				tt.segs[i].Position = i
			}
			assertSegments(t, doc.Segments, tt.segs)
		})
	}
}

func assertSegments(t *testing.T, got, want []Segment) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d segments, want %d", len(got), len(want))
	}
	for i := 0; i < len(got) && i < len(want); i++ {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("segment %d:\n got %#v\nwant %#v", i, got[i], want[i])
		}
	}
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name    string
		data    []byte
		target  error
		message string
	}{
		{"fake.pdf", nil, ErrDamaged, "the file cannot be read"},
		{"empty.txt", nil, ErrNoText, "no text found"},
		{"json-unknown-field.json", nil, nil, `json: unknown field "txt"`},
		{"blank.txt", []byte(" \r\n\t\n\x00"), nil, "binary data"},
		{"spaces.txt", []byte(" \r\n\t\n  "), ErrNoText, "no text found"},
		{"scan.PDF", []byte("%PDF-1.7 binary"), ErrDamaged, "save it again as PDF"},
		{"billede.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ErrUnsupported, "unsupported file type .txt (looks like a PNG image)"},
		{"prog", []byte("\x7fELF\x02\x01\x01\x00\x00\x00"), ErrUnsupported, "(no extension) (looks like a program (ELF))"},
		{"gammel.doc", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"), ErrUnsupported, "an old Office file"},
		{"noter.dat", append([]byte("ab"), make([]byte, 64)...), ErrUnsupported, "binary data"},
		{"side.html", []byte("<html><body>Hej</body></html>"), ErrUnsupported, "unsupported file type .html"},
		{"noter.txt", []byte("<?xml version=\"1.0\"?><a>æ</a>"), ErrUnsupported, "an XML document"},
		{"noter.rtf", []byte(`{\rtf1\ansi Hej}`), ErrUnsupported, "RTF document"},
		{"arkiv.zip", zipOf(t, map[string]string{"noter.txt": "hej"}), ErrUnsupported, "a zip archive without a Word document"},
		{"regneark.xlsx", zipOf(t, map[string]string{"xl/workbook.xml": "<w/>"}), ErrNoText, "the workbook has no sheet"},
		{"tom.json", []byte(`{"notes": []}`), nil, `"notes" is required`},
		{"mangler.json", []byte(`{"title": "x"}`), nil, `"notes" is required`},
		{"tekst.json", []byte(`{"notes": [{"speaker": "A", "text": "  "}]}`), nil, `notes[0]: "text" is required`},
		{"rolle.json", []byte(`{"notes": [{"role": "chef", "text": "x"}]}`), nil, `role "chef"`},
		{"tid.json", []byte(`{"notes": [{"text": "x", "start": "kl. 10"}]}`), nil, `notes[0]: start: "kl. 10" is not hh:mm:ss.ttt`},
		{"art.json", []byte(`{"kind": "møde", "notes": [{"text": "x"}]}`), nil, `kind "møde"`},
		{"to.json", []byte(`{"notes": [{"text": "x"}]} {}`), nil, "unexpected data after the object"},
		{"liste.json", []byte(`[{"text": "x"}]`), nil, "cannot unmarshal array"},
		{"kun-hoved.csv", []byte("tekst;taler\n"), ErrNoText, "no text found"},
		{"tom-vtt.vtt", []byte("WEBVTT\n\nNOTE intet her\n"), ErrNoText, "no text found"},
		{"front.md", []byte("---\ntitle: [ikke lukket\n---\nHej"), nil, "md front matter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.data
			if data == nil {
				data = readFixture(t, tt.name)
			}
			doc, err := Parse(tt.name, data, DefaultLimits())
			if err == nil {
				t.Fatalf("Parse succeeded with %d segments, want error", len(doc.Segments))
			}
			if tt.target != nil && !errors.Is(err, tt.target) {
				t.Errorf("error %v is not %v", err, tt.target)
			}
			if !strings.Contains(err.Error(), tt.message) {
				t.Errorf("error %q does not contain %q", err, tt.message)
			}
			if !strings.Contains(err.Error(), tt.name) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}
