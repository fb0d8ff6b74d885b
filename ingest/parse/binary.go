package parse

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
)

// ErrEncrypted reports a file locked with a password (an encrypted
// workbook or PDF): its content cannot be read until the password is
// removed.
var ErrEncrypted = errors.New("encrypted file")

// ErrDamaged reports a file of a supported format that cannot be read.
var ErrDamaged = errors.New("damaged file")

// parseBinary reads the binary formats (PDF, zip-based Office files) and
// refuses old Office files by what they are; ok is false for text.
func parseBinary(ext string, data []byte, lim Limits, m Mapping) (doc *Document, ok bool, err error) {
	switch {
	case isPDF(data):
		doc, err = parsePDF(data, lim)
		return doc, true, err
	case isCFB(data):
		return nil, true, cfbError(ext, data)
	case isZip(data):
		zr, zerr := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		switch {
		case zerr != nil && ext == ".xlsx":
			return nil, true, fmt.Errorf("xlsx: the workbook is damaged (%v): open it in Excel and save it again: %w", zerr, ErrDamaged)
		case zerr != nil:
			return nil, true, unsupported(ext, "a damaged zip archive")
		}
		z := boundZip(zr, lim.officeZip())
		if isWorkbook(z) {
			doc, err = parseXLSX(z, data, lim, m)
		} else {
			doc, err = parseZip(ext, z, lim)
		}
		return doc, true, err
	}
	return nil, false, nil
}

// isPDF allows the few bytes of junk before "%PDF-" that readers accept.
func isPDF(data []byte) bool {
	head := data[:min(len(data), 1024)]
	return bytes.Contains(head, []byte("%PDF-"))
}

// cfbMagic starts an OLE compound file: Office 97-2003 files, and the
// envelope of a password-protected Office 2007+ file.
var cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

func isCFB(data []byte) bool { return bytes.HasPrefix(data, cfbMagic) }

// cfbError names what a compound file holds by its stream names (UTF-16
// in the directory): an encrypted xlsx/docx keeps "EncryptedPackage".
func cfbError(ext string, data []byte) error {
	has := func(name string) bool { return bytes.Contains(data, utf16le(name)) }
	switch {
	case has("EncryptedPackage"):
		return fmt.Errorf("the file is protected by a password: remove the password (in Excel or Word: File > Info > Protect) and upload it again: %w", ErrEncrypted)
	case has("Workbook") || has("Book"):
		return unsupported(ext, "an old Excel 97-2003 workbook (.xls): save it as xlsx or csv")
	case has("WordDocument"):
		return unsupported(ext, "an old Word 97-2003 document (.doc): save it as docx")
	}
	return unsupported(ext, "an old Office file: save it as docx, xlsx or csv")
}

func utf16le(s string) []byte {
	out := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		out = append(out, s[i], 0)
	}
	return out
}

// binaryDefaults fills the limits of workbooks and PDFs (withDefaults).
func (l Limits) binaryDefaults(d Limits) Limits {
	l.MaxXLSXCells = PositiveOr(l.MaxXLSXCells, d.MaxXLSXCells)
	l.MaxXLSXStrings = PositiveOr(l.MaxXLSXStrings, d.MaxXLSXStrings)
	l.MaxPDFPages = PositiveOr(l.MaxPDFPages, d.MaxPDFPages)
	l.MaxPDFSeconds = PositiveOr(l.MaxPDFSeconds, d.MaxPDFSeconds)
	return l
}
