// Command pdfgen writes the small PDF fixtures of package parse's tests:
//
//	cd ingest/parse/testdata/pdfgen && go run . ../pdf ../../../../demo/data
//
// and the demo's PDF source into the second directory.
// It is its own module (a directory named testdata is outside the main
// module's packages), so fpdf is no dependency of indsigt itself.
package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"log"
	"os"
	"path/filepath"

	"github.com/go-pdf/fpdf"
)

// The paragraphs of the text fixtures: Danish letters, a paragraph that
// wraps over several lines, a name and a phone number to pseudonymize.
var paragraphs = []string{
	"Interview med Karen Jensen om madspild i Kolding.",
	"Hun fortæller, at hun tjekker køleskabet hver nat, fordi hun er bange for at maden ikke rækker til hele ugen. Børnene får først, og hun spiser resten, når de er lagt i seng. Det er blevet værre efter at bussen holdt op med at køre til Føtex.",
	"Ring til hende på 20 30 40 50 før næste møde på Ærøvej.",
}

func main() {
	if len(os.Args) != 3 {
		log.Fatal("usage: pdfgen FIXTURE-DIR DEMO-DIR")
	}
	dir := os.Args[1]
	if err := letter().OutputFileAndClose(filepath.Join(os.Args[2], "brev-om-planer.pdf")); err != nil {
		log.Fatal(err)
	}
	for name, build := range map[string]func() *fpdf.Fpdf{
		"winansi.pdf":    func() *fpdf.Fpdf { return text(false, "", "") },
		"identity-h.pdf": func() *fpdf.Fpdf { return text(true, "", "") },
		"encrypted.pdf":  func() *fpdf.Fpdf { return text(false, "hemmelig", "ejer") },
		"scanned.pdf":    scanned,
	} {
		pdf := build()
		if err := pdf.OutputFileAndClose(filepath.Join(dir, name)); err != nil {
			log.Fatalf("%s: %v", name, err)
		}
	}
}

// text writes two pages of the paragraphs with a running header and a
// page number in the footer, in a core font (WinAnsiEncoding) or in an
// embedded TrueType font (Type0, Identity-H).
func text(utf8 bool, user, owner string) *fpdf.Fpdf {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(true)
	if user != "" {
		pdf.SetProtection(fpdf.CnProtectPrint, user, owner)
	}
	tr := pdf.UnicodeTranslatorFromDescriptor("")
	font := "Helvetica"
	if utf8 {
		ttf, err := os.ReadFile("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
		if err != nil {
			log.Fatal(err)
		}
		pdf.AddUTF8FontFromBytes("dejavu", "", ttf)
		font, tr = "dejavu", func(s string) string { return s }
	}
	pdf.SetHeaderFunc(func() {
		pdf.SetFont(font, "", 9)
		pdf.CellFormat(0, 8, tr("Kolding Kommune · Selvværd og Sammenhæng"), "", 1, "L", false, 0, "")
		pdf.Ln(4)
	})
	pdf.SetFooterFunc(func() {
		pdf.SetY(-15)
		pdf.SetFont(font, "", 9)
		pdf.CellFormat(0, 8, fmt.Sprintf("Side %d", pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	for page := 0; page < 2; page++ {
		pdf.AddPage()
		pdf.SetFont(font, "", 12)
		for _, p := range paragraphs {
			pdf.MultiCell(0, 6, tr(p), "", "L", false)
			pdf.Ln(6)
		}
	}
	return pdf
}

// scanned is a page with only an image: a scan without a text layer.
func scanned() *fpdf.Fpdf {
	img := image.NewGray(image.Rect(0, 0, 40, 20))
	for x := 0; x < 40; x++ {
		img.Set(x, 10, color.Gray{Y: 0})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		log.Fatal(err)
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddPage()
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	pdf.RegisterImageOptionsReader("scan", opt, &buf)
	pdf.ImageOptions("scan", 10, 10, 190, 95, false, opt, 0, "")
	return pdf
}

// letter is the demo's PDF: a citizen's own account of her plans, sent to
// the project as a letter (fictional, like every demo source).
func letter() *fpdf.Fpdf {
	pdf := fpdf.New("P", "mm", "A4", "")
	tr := pdf.UnicodeTranslatorFromDescriptor("")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-15)
		pdf.SetFont("Helvetica", "", 9)
		pdf.CellFormat(0, 8, fmt.Sprintf("Side %d", pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	pdf.SetFont("Helvetica", "", 12)
	for _, p := range []string{
		"Brev til projektet om borgerens plan, april 2026.",
		"Jeg har fået tre planer i år: en fra jobcentret, en fra psykiatrien og en fra boligsocialt team. De siger hver sin ting, og ingen af dem er skrevet, så jeg kan forstå dem.",
		"Jeg ville ønske, at der var én plan, og at det var min plan. Så ville jeg vide, hvad jeg skal, og hvem jeg kan ringe til, når noget går galt.",
	} {
		pdf.MultiCell(0, 6, tr(p), "", "L", false)
		pdf.Ln(6)
	}
	return pdf
}
