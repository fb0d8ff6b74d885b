package parse

import (
	"testing"
)

// FuzzPDF: any bytes after a PDF header give a document or an error,
// never a panic (the parser boundary recovers the library's).
func FuzzPDF(f *testing.F) {
	seedFixtures(f, "pdf/*.pdf", "fake.pdf")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzParse(t, "x.pdf", data)
	})
}

// FuzzXLSX: workbooks cut or changed anywhere.
func FuzzXLSX(f *testing.F) {
	f.Add(interviews(f))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzParse(t, "x.xlsx", data)
	})
}
