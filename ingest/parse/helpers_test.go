package parse

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"
)

// zipOf builds an in-memory zip from name → content.
func zipOf(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// docxOf wraps a w:body fragment in a minimal document.xml.
func docxOf(t testing.TB, body string) []byte {
	t.Helper()
	return zipOf(t, map[string]string{"word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>` +
		body + `</w:body></w:document>`})
}

// refusal is a file Parse must refuse: with target, a message that holds
// message, and the file's name.
type refusal struct {
	name    string
	data    []byte
	lim     Limits
	target  error
	message string
}

func testRefusals(t *testing.T, tests []refusal) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.name, tt.data, tt.lim)
			if !errors.Is(err, tt.target) || !strings.Contains(err.Error(), tt.message) || !strings.Contains(err.Error(), tt.name) {
				t.Errorf("error %v, want %v with %q and the file's name", err, tt.target, tt.message)
			}
		})
	}
}
