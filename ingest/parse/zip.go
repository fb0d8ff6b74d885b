package parse

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path"
	"strings"
)

// Zip is an archive read within limits; docx, xlsx and REFI-QDA project
// files (ingest/qdpx) all go through it:
//   - the number of entries (CheckEntries);
//   - the bytes decompressed over every entry read, one budget for the
//     archive: an entry's declared size is checked before it is opened,
//     the bytes really read while reading, because the directory may lie
//     (archive/zip also refuses an entry longer than it declares).
type Zip struct {
	*zip.Reader
	lim    ZipLimits
	budget *zipBudget
	byName map[string]*zip.File
}

// ZipLimits bound one archive. A limit error wraps TooLarge (ErrTooLarge
// when nil) and names the setting (EntriesSetting, BytesSetting) when the
// limit comes from one.
type ZipLimits struct {
	MaxEntries     int
	MaxBytes       int64
	EntriesSetting string
	BytesSetting   string
	TooLarge       error
}

// officeZip is the limits of docx and xlsx files.
func (l Limits) officeZip() ZipLimits {
	return ZipLimits{MaxEntries: l.MaxDocxEntries, MaxBytes: l.MaxDocxUncompressed,
		EntriesSetting: "INDSIGT_MAX_DOCX_ENTRIES", BytesSetting: "INDSIGT_MAX_DOCX_BYTES"}
}

// OpenZip opens data as a zip archive and refuses one of more entries
// than allowed. An error that is not a limit's (errors.Is TooLarge) means
// the data is not a readable zip.
func OpenZip(data []byte, lim ZipLimits) (*Zip, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	z := boundZip(zr, lim)
	return z, z.CheckEntries()
}

// boundZip puts an open archive under limits, its entries not yet
// counted: the Office formats first tell a workbook from a document.
func boundZip(zr *zip.Reader, lim ZipLimits) *Zip {
	if lim.TooLarge == nil {
		lim.TooLarge = ErrTooLarge
	}
	z := &Zip{Reader: zr, lim: lim, byName: make(map[string]*zip.File, len(zr.File)),
		budget: &zipBudget{left: lim.MaxBytes, max: lim.MaxBytes, setting: lim.BytesSetting, tooLarge: lim.TooLarge}}
	for _, f := range zr.File {
		if k := zipKey(f.Name); z.byName[k] == nil {
			z.byName[k] = f
		}
	}
	return z
}

// zipKey is how entries are looked up: writers differ in case and in a
// leading slash.
func zipKey(name string) string {
	return strings.ToLower(path.Clean(strings.TrimPrefix(name, "/")))
}

// CheckEntries refuses an archive of more entries than allowed.
func (z *Zip) CheckEntries() error {
	if n := len(z.File); n > z.lim.MaxEntries {
		return fmt.Errorf("%d zip entries exceed %d%s: %w", n, z.lim.MaxEntries, settingNote(z.lim.EntriesSetting), z.lim.TooLarge)
	}
	return nil
}

// CheckDeclared refuses an archive whose entries declare more bytes in all
// than the budget, for readers (excelize) that decompress every entry.
func (z *Zip) CheckDeclared() error {
	var total uint64
	for _, f := range z.File {
		if total += f.UncompressedSize64; total > uint64(z.lim.MaxBytes) {
			return z.budget.exceeded()
		}
	}
	return nil
}

// Find is the entry of that name, whatever its case; nil if there is none.
func (z *Zip) Find(name string) *zip.File { return z.byName[zipKey(name)] }

// Open opens an entry whose declared size fits what is left of the
// budget; reading past the budget fails.
func (z *Zip) Open(f *zip.File) (io.ReadCloser, error) {
	return z.budget.open(f)
}

// ReadAll reads a whole entry of at most max bytes, within the budget.
func (z *Zip) ReadAll(f *zip.File, max int64) ([]byte, error) {
	if f.UncompressedSize64 > uint64(max) {
		return nil, fmt.Errorf("%s decompresses to %d bytes, more than %d: %w", f.Name, f.UncompressedSize64, max, z.lim.TooLarge)
	}
	rc, err := z.Open(f)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, max+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", f.Name, err)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%s decompresses to more than %d bytes: %w", f.Name, max, z.lim.TooLarge)
	}
	return b, nil
}

func settingNote(setting string) string {
	if setting == "" {
		return ""
	}
	return " (limit " + setting + ")"
}

// zipBudget counts uncompressed bytes across all entries read, because the
// sizes in the zip directory may lie.
type zipBudget struct {
	left, max int64
	setting   string
	tooLarge  error // ErrTooLarge when nil
}

func (b *zipBudget) exceeded() error {
	tooLarge := b.tooLarge
	if tooLarge == nil {
		tooLarge = ErrTooLarge
	}
	return fmt.Errorf("uncompressed size exceeds %d bytes%s: %w", b.max, settingNote(b.setting), tooLarge)
}

type budgetReader struct {
	r io.Reader
	b *zipBudget
}

func (br *budgetReader) Read(p []byte) (int, error) {
	n, err := br.r.Read(p)
	br.b.left -= int64(n)
	if br.b.left < 0 {
		return n, br.b.exceeded()
	}
	return n, err
}

type budgetReadCloser struct {
	budgetReader
	io.Closer
}

func (b *zipBudget) open(f *zip.File) (io.ReadCloser, error) {
	if f.UncompressedSize64 > uint64(max(b.left, 0)) {
		return nil, b.exceeded()
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", f.Name, err)
	}
	// One byte past the budget is let through so the reader can tell
	// "exactly at the limit" from "over it".
	return &budgetReadCloser{budgetReader{r: io.LimitReader(rc, b.left+1), b: b}, rc}, nil
}
