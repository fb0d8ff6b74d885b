package parse

import (
	"testing"
)

// fuzzBinary parses with a short time limit: a mutated PDF that sends the
// library in circles costs a second, not a minute.
func fuzzBinary(t *testing.T, name string, data []byte) {
	lim := fuzzLimits()
	lim.MaxPDFSeconds = 1
	doc, err := Parse(name, data, lim)
	if err != nil {
		if doc != nil {
			t.Fatal("document and error both returned")
		}
		return
	}
	checkDoc(t, doc)
}

// FuzzPDF: any bytes after a PDF header give a document or an error,
// never a panic (the parser boundary recovers the library's).
func FuzzPDF(f *testing.F) {
	seedFixtures(f, "pdf/*.pdf", "fake.pdf")
	f.Add(loopingPDF(true))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzBinary(t, "x.pdf", data)
	})
}

// FuzzXLSX: workbooks cut or changed anywhere.
func FuzzXLSX(f *testing.F) {
	f.Add(interviews(f))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzBinary(t, "x.xlsx", data)
	})
}
