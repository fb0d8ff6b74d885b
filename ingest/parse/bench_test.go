package parse

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// benchInputs builds inputs of about 1 MiB per format (docx: its XML).
func benchInputs(b *testing.B) map[string][]byte {
	const n = 4000
	var txt, vtt, srt, csvb, js, docx strings.Builder
	vtt.WriteString("WEBVTT\n\n")
	csvb.WriteString("Dato;Deltager;Tekst\n")
	js.WriteString(`{"kind":"interview","notes":[`)
	for i := 0; i < n; i++ {
		line := fmt.Sprintf("Borgeren fortæller om sin hverdag nr. %d med æøå og lange sætninger om hjælpen.", i)
		fmt.Fprintf(&txt, "Søren: %s\nI: Hvorfor?\n\n", line)
		fmt.Fprintf(&vtt, "%02d:%02d.000 --> %02d:%02d.500\n<v Søren>%s\n\n", i/60%60, i%60, i/60%60, i%60, line)
		fmt.Fprintf(&srt, "%d\r\n00:%02d:%02d,000 --> 00:%02d:%02d,500\r\n<i>%s</i>\r\n\r\n", i+1, i/60%60, i%60, i/60%60, i%60, line)
		fmt.Fprintf(&csvb, "12-03-2026;Søren;\"%s\"\n", line)
		if i > 0 {
			js.WriteString(",")
		}
		fmt.Fprintf(&js, `{"speaker":"Søren","text":%q,"start":%d}`, line, i*1000)
		fmt.Fprintf(&docx, `<w:p w:rsidR="00A1"><w:r><w:t xml:space="preserve">Søren: </w:t></w:r><w:r><w:t>%s</w:t></w:r></w:p>`, line)
	}
	js.WriteString("]}")
	return map[string][]byte{
		"txt":  []byte(txt.String()),
		"md":   []byte("---\ntitle: Bench\n---\n" + strings.ReplaceAll(txt.String(), "Søren:", "**Søren:**")),
		"vtt":  []byte(vtt.String()),
		"srt":  []byte(srt.String()),
		"csv":  []byte(csvb.String()),
		"json": []byte(js.String()),
		"docx": docxOf(b, docx.String()),
	}
}

func BenchmarkParse(b *testing.B) {
	inputs := benchInputs(b)
	for _, format := range []string{"txt", "md", "docx", "vtt", "srt", "csv", "json"} {
		data := inputs[format]
		b.Run(format, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				doc, err := Parse("bench."+format, bytes.Clone(data), DefaultLimits())
				if err != nil || len(doc.Segments) == 0 {
					b.Fatal(err)
				}
			}
		})
	}
}
