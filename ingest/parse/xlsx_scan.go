package parse

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The workbook's parts are measured here by streaming, before excelize
// holds them: see xlsx.go.

func isWorkbook(z *Zip) bool { return z.Find("xl/workbook.xml") != nil }

// maxSharedStringsBytes bounds the one part excelize decodes whole into
// values (several times its size in memory): a million answers of a
// paragraph each fit.
const maxSharedStringsBytes = 64 << 20

// checkWorkbook bounds the entries, the declared sizes and the shared
// strings table.
func checkWorkbook(z *Zip, lim Limits) error {
	if err := z.CheckEntries(); err != nil {
		return err
	}
	if err := z.CheckDeclared(); err != nil {
		return err
	}
	sst := z.Find("xl/sharedStrings.xml")
	if sst == nil {
		return nil
	}
	if sst.UncompressedSize64 > maxSharedStringsBytes {
		return fmt.Errorf("the shared strings exceed %d bytes: split the workbook: %w", maxSharedStringsBytes, ErrTooLarge)
	}
	n := 0
	return walkXML(z, sst, lim, func(se xml.StartElement) error {
		if se.Name.Local == "si" {
			if n++; n > lim.MaxXLSXStrings {
				return fmt.Errorf("more than %d shared strings (limit INDSIGT_MAX_XLSX_STRINGS): %w", lim.MaxXLSXStrings, ErrTooLarge)
			}
		}
		return nil
	})
}

// walkXML streams a part's start elements within the size and depth
// limits.
func walkXML(z *Zip, f *zip.File, lim Limits, visit func(xml.StartElement) error) error {
	rc, err := z.Open(f)
	if err != nil {
		return damagedWorkbook(err)
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return damagedWorkbook(fmt.Errorf("%s: %w", f.Name, err))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth++; depth > lim.MaxXMLDepth {
				return fmt.Errorf("XML nested deeper than %d (limit INDSIGT_MAX_XML_DEPTH): %w", lim.MaxXMLDepth, ErrTooLarge)
			}
			if err := visit(t); err != nil {
				return err
			}
		case xml.EndElement:
			depth--
		}
	}
}

// sheetPart finds the sheet to read (the first, or the one named, any
// case) and the zip part that holds it.
func sheetPart(z *Zip, want string, lim Limits) (name, part string, err error) {
	type sheet struct{ name, rel string }
	var sheets []sheet
	err = walkXML(z, z.Find("xl/workbook.xml"), lim, func(se xml.StartElement) error {
		if se.Name.Local == "sheet" {
			s := sheet{}
			for _, a := range se.Attr {
				switch {
				case a.Name.Local == "name":
					s.name = a.Value
				case a.Name.Local == "id" && a.Name.Space != "":
					s.rel = a.Value
				}
			}
			sheets = append(sheets, s)
		}
		return nil
	})
	if err != nil {
		return "", "", err
	}
	for _, s := range sheets {
		if want == "" || strings.EqualFold(strings.TrimSpace(want), s.name) {
			target, err := relTarget(z, s.rel, lim)
			return s.name, target, err
		}
	}
	if want == "" {
		return "", "", fmt.Errorf("the workbook has no sheet: %w", ErrNoText)
	}
	// Sheet names are not repeated: a workbook may have one per person.
	return "", "", fmt.Errorf("the chosen sheet is not in the workbook (it has %d): %w", len(sheets), ErrNoTextColumn)
}

// relTarget resolves a workbook relationship id to its part's path.
func relTarget(z *Zip, id string, lim Limits) (string, error) {
	rels := z.Find("xl/_rels/workbook.xml.rels")
	if rels == nil {
		return "", damagedWorkbook(fmt.Errorf("no xl/_rels/workbook.xml.rels"))
	}
	target := ""
	err := walkXML(z, rels, lim, func(se xml.StartElement) error {
		var rid, t string
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "Id":
				rid = a.Value
			case "Target":
				t = a.Value
			}
		}
		if se.Name.Local == "Relationship" && rid == id {
			target = t
		}
		return nil
	})
	if err != nil || target == "" {
		return "", damagedWorkbook(err)
	}
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(target, "/"), nil
	}
	return path.Join("xl", target), nil
}

// scanSheet counts the sheet's cells and collects its merged ranges.
func scanSheet(z *Zip, part string, lim Limits) (*mergeFill, error) {
	f := z.Find(part)
	if f == nil {
		return nil, damagedWorkbook(fmt.Errorf("sheet part %s missing", part))
	}
	m := &mergeFill{byStart: map[int][]cellRange{}, active: map[int]activeFill{}}
	cells := 0
	err := walkXML(z, f, lim, func(se xml.StartElement) error {
		switch se.Name.Local {
		case "c":
			if cells++; cells > lim.MaxXLSXCells {
				return tooManyCells(lim)
			}
		case "mergeCell":
			for _, a := range se.Attr {
				if r, ok := parseRange(a.Value); a.Name.Local == "ref" && ok && r.row1 > r.row0 {
					m.byStart[r.row0] = append(m.byStart[r.row0], r)
				}
			}
		}
		return nil
	})
	return m, err
}

// cellRange is a merged range, 1-based and inclusive.
type cellRange struct{ col0, row0, row1 int }

func parseRange(ref string) (cellRange, bool) {
	a, b, ok := strings.Cut(ref, ":")
	if !ok {
		return cellRange{}, false
	}
	c0, r0, err0 := excelize.CellNameToCoordinates(a)
	_, r1, err1 := excelize.CellNameToCoordinates(b)
	return cellRange{col0: c0, row0: r0, row1: r1}, err0 == nil && err1 == nil
}

// mergeFill copies the value of a cell merged over several rows down into
// each row it spans, as the rows stream by.
type mergeFill struct {
	byStart map[int][]cellRange
	active  map[int]activeFill // by 1-based column
}

type activeFill struct {
	value string
	until int
}

func (m *mergeFill) fill(row int, cols []string) []string {
	for col, a := range m.active {
		if row > a.until {
			delete(m.active, col)
			continue
		}
		for len(cols) < col {
			cols = append(cols, "")
		}
		if strings.TrimSpace(cols[col-1]) == "" {
			cols[col-1] = a.value
		}
	}
	for _, r := range m.byStart[row] {
		if r.col0 <= len(cols) && strings.TrimSpace(cols[r.col0-1]) != "" {
			m.active[r.col0] = activeFill{value: cols[r.col0-1], until: r.row1}
		}
	}
	return cols
}
