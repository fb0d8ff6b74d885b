package demo

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// relatives is the demo's workbook: answers from relatives at the nursing
// home, with a title row, a relative's name merged over two answers and
// the dates as Excel dates, so the demo shows an .xlsx source without
// shipping a binary file.
var relatives = [][]any{
	{"Pårørendes svar om måltider på plejehjemmet, marts 2026"},
	{"Pårørende", "Dato", "Relation", "Svar"},
	{"Hanne Kjær", 46091, "datter", "Min mor har altid gemt mad. Hun voksede op med otte søskende, og der var ikke altid nok."},
	{nil, 46091, "datter", "Om natten spørger hun, om der er mad til i morgen. Det har hun gjort, siden far døde."},
	{"Peter Lund", 46093, "søn", "Far spiser fint om dagen. Han er mest urolig, når der er stille på gangen."},
}

func workbook() ([]byte, error) {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	const sheet = "Svar"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	for i, row := range relatives {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return nil, fmt.Errorf("xlsx: %w", err)
		}
	}
	date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err == nil {
		err = f.SetCellStyle(sheet, "B3", "B5", date)
	}
	if err == nil {
		err = f.MergeCell(sheet, "A3", "A4")
	}
	if err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	return buf.Bytes(), nil
}
