// Command mkfixtures writes the binary test fixtures of package parse:
// Word- and LibreOffice-style .docx files and text in legacy encodings.
// The output is deterministic, so rerunning it gives identical files.
//
//	go run ./ingest/parse/internal/mkfixtures -out ingest/parse/testdata
package main

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
)

func main() {
	out := flag.String("out", "ingest/parse/testdata", "directory to write the fixtures to")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "mkfixtures:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	files := map[string][]byte{}
	var err error
	if files["word-interview.docx"], err = docx(wordDocument, wordCore); err != nil {
		return err
	}
	if files["libreoffice-observation.docx"], err = docx(libreDocument, libreCore); err != nil {
		return err
	}
	// The same docx under a .txt name: detection must go by content.
	files["word-renamed.txt"] = files["word-interview.docx"]
	if files["txt-utf16le.txt"], err = utf16Bytes(danishText, false); err != nil {
		return err
	}
	if files["txt-utf16be.txt"], err = utf16Bytes(danishText, true); err != nil {
		return err
	}
	if files["txt-cp1252.txt"], err = cp1252(danishText); err != nil {
		return err
	}
	if files["csv-semikolon-cp1252.csv"], err = cp1252(semicolonCSV); err != nil {
		return err
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// danishText is the shared content of the txt encoding fixtures.
const danishText = "I: Hvad synes du om æøå ÆØÅ?\r\n\r\nBorger: Det er godt, men ventetiden er lang.\r\nIsær om vinteren.\r\n"

const semicolonCSV = "Dato;Deltager;Rolle;Tekst;Tema\r\n" +
	"12-03-2026;Mette;Intervieweren;Hvordan går det med køkkenet?;\r\n" +
	"12-03-2026;Søren;Borger;\"Fint; men jeg savner \"\"min\"\" have.\";Bolig\r\n" +
	"12-03-2026;Søren;Borger;;Tom række\r\n" +
	"12-03-2026;Ærlige Åse;Borger;Øl er godt.;Kost\r\n"

func utf16Bytes(s string, bigEndian bool) ([]byte, error) {
	var buf bytes.Buffer
	units := append([]uint16{0xFEFF}, utf16.Encode([]rune(s))...)
	for _, u := range units {
		if bigEndian {
			buf.WriteByte(byte(u >> 8))
			buf.WriteByte(byte(u))
		} else {
			buf.WriteByte(byte(u))
			buf.WriteByte(byte(u >> 8))
		}
	}
	return buf.Bytes(), nil
}

func cp1252(s string) ([]byte, error) {
	return charmap.Windows1252.NewEncoder().Bytes([]byte(s))
}

// docx zips a document.xml and core.xml with the other parts Word expects.
func docx(document, core string) ([]byte, error) {
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"word/_rels/document.xml.rels", documentRels},
		{"word/document.xml", document},
		{"word/styles.xml", styles},
		{"docProps/core.xml", core},
		{"docProps/app.xml", app},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	stamp := time.Date(2026, 3, 12, 10, 0, 0, 0, time.UTC)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`

const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`

const documentRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.kolding.dk/" TargetMode="External"/></Relationships>`

const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`

const app = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Office Word</Application></Properties>`

const wordCore = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>Interview med Søren om hjemmehjælp</dc:title><dc:creator>Mette Hansen</dc:creator><cp:revision>3</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">2026-03-12T09:00:00Z</dcterms:created></cp:coreProperties>`

const libreCore = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dcterms:created xsi:type="dcterms:W3CDTF">2026-03-14T08:12:00Z</dcterms:created><dc:language>da-DK</dc:language><cp:revision>1</cp:revision></cp:coreProperties>`

// wordDocument imitates Word 2016: rsid attributes everywhere, a word split
// over runs by the spell checker, smart tags, a MERGEFIELD, tracked
// changes, a text box with its VML fallback, a hyperlink and a table with
// a nested table.
const wordDocument = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:w10="urn:schemas-microsoft-com:office:word" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" mc:Ignorable="w14"><w:body>` +
	`<w:p w:rsidR="00A1B2C3" w:rsidRDefault="00A1B2C3"><w:pPr><w:pStyle w:val="Overskrift1"/></w:pPr><w:r w:rsidRPr="00D4E5F6"><w:t>Inter</w:t></w:r><w:r w:rsidR="00F1E2D3"><w:t xml:space="preserve">view om hjemme</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>hjælp</w:t></w:r><w:proofErr w:type="spellEnd"/></w:p>` +
	`<w:p w:rsidR="00A1B2C3" w:rsidRDefault="00A1B2C3"><w:r><w:t xml:space="preserve">Dato: </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MERGEFIELD  Interviewdato  \* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:noProof/></w:rPr><w:t>12. marts 2026</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>` +
	`<w:p w:rsidR="00A1B2C3" w:rsidRDefault="00B7C8D9" w:rsidP="00A1B2C3"><w:r><w:t xml:space="preserve">I: Hvordan oplever du hjælpen i </w:t></w:r><w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="place"><w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="City"><w:r><w:t>Kolding</w:t></w:r></w:smartTag></w:smartTag><w:r><w:t xml:space="preserve"> Kommune?</w:t></w:r></w:p>` +
	`<w:p w:rsidR="00B7C8D9" w:rsidRDefault="00B7C8D9"><w:r><w:t xml:space="preserve">Søren: Jeg </w:t></w:r><w:del w:id="1" w:author="Mette Hansen" w:date="2026-03-12T10:00:00Z"><w:r w:rsidDel="00B7C8D9"><w:delText xml:space="preserve">hader </w:delText></w:r></w:del><w:ins w:id="2" w:author="Mette Hansen" w:date="2026-03-12T10:01:00Z"><w:r><w:t xml:space="preserve">er glad for </w:t></w:r></w:ins><w:r><w:t>hjælpen.</w:t></w:r><w:r><w:br/><w:t>Men de kommer tit for sent.</w:t></w:r></w:p>` +
	`<w:p w:rsidR="00B7C8D9" w:rsidRDefault="00B7C8D9"/>` +
	`<w:p><w:r><w:t xml:space="preserve">I: Har du set </w:t></w:r><w:hyperlink r:id="rId5" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>kolding.dk</w:t></w:r></w:hyperlink><w:r><w:t>?</w:t></w:r><w:r><w:tab/><w:t>(pause)</w:t></w:r></w:p>` +
	`<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:docPr id="1" name="Tekstfelt 1"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Husk samtykke fra Søren</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape id="Tekstfelt 1"><v:textbox><w:txbxContent><w:p><w:r><w:t>Husk samtykke fra Søren</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>Søren: Nej, det har jeg ikke.</w:t></w:r></w:p>` +
	`<w:tbl><w:tblPr><w:tblStyle w:val="Tabel-Gitter"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4814"/><w:gridCol w:w="4814"/></w:tblGrid>` +
	`<w:tr w:rsidR="00C1D2E3"><w:tc><w:tcPr><w:tcW w:w="4814" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>Tema</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:w="4814" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>Citat</w:t></w:r></w:p></w:tc></w:tr>` +
	`<w:tr w:rsidR="00C1D2E3"><w:tc><w:p><w:r><w:t>Ventetid</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Før:</w:t></w:r></w:p><w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tr><w:tc><w:p><w:r><w:t>Det tager for lang tid</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Æblegrød på fredag</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>` +
	`<w:p><w:r><w:t xml:space="preserve">Side </w:t></w:r><w:fldSimple w:instr=" PAGE   \* MERGEFORMAT "><w:r><w:t>2</w:t></w:r></w:fldSimple></w:p>` +
	`<w:sectPr w:rsidR="00A1B2C3"><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1701" w:right="1134" w:bottom="1701" w:left="1134" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>`

// libreDocument imitates LibreOffice Writer 7: no rsids, namespaces in its
// own order, a DATE field, w:cr line breaks, tabs and an observation log.
const libreDocument = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w10="urn:schemas-microsoft-com:office:word" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14 wp14"><w:body>` +
	`<w:p><w:pPr><w:pStyle w:val="Normal"/><w:rPr></w:rPr></w:pPr><w:r><w:rPr></w:rPr><w:t>Observation på plejecentret</w:t></w:r></w:p>` +
	`<w:p><w:pPr><w:pStyle w:val="Normal"/><w:rPr></w:rPr></w:pPr><w:r><w:rPr></w:rPr><w:t xml:space="preserve">Udskrevet </w:t></w:r><w:r><w:rPr></w:rPr><w:fldChar w:fldCharType="begin"></w:fldChar></w:r><w:r><w:rPr></w:rPr><w:instrText xml:space="preserve"> DATE \@"dd\.MM\.yyyy" </w:instrText></w:r><w:r><w:rPr></w:rPr><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr></w:rPr><w:t>14.03.2026</w:t></w:r><w:r><w:rPr></w:rPr><w:fldChar w:fldCharType="end"/></w:r></w:p>` +
	`<w:p><w:pPr><w:pStyle w:val="Normal"/><w:rPr></w:rPr></w:pPr><w:r><w:rPr></w:rPr><w:t xml:space="preserve">Kl. 02:30: hun rejser sig og går ud på gangen.</w:t></w:r></w:p>` +
	`<w:p><w:pPr><w:pStyle w:val="Normal"/><w:rPr></w:rPr></w:pPr><w:r><w:rPr></w:rPr><w:t xml:space="preserve">Bemærk: </w:t></w:r><w:r><w:rPr><w:i/><w:iCs/></w:rPr><w:t>natlampen</w:t></w:r><w:r><w:rPr></w:rPr><w:t xml:space="preserve"> var slukket.</w:t></w:r></w:p>` +
	`<w:p><w:pPr><w:pStyle w:val="Normal"/><w:rPr></w:rPr></w:pPr><w:r><w:rPr></w:rPr><w:t>Plejer:</w:t></w:r><w:r><w:rPr></w:rPr><w:tab/><w:t>Skal jeg følge dig?</w:t></w:r><w:r><w:rPr></w:rPr><w:cr/><w:t>Beboer: Nej tak, jeg finder selv vej.</w:t></w:r></w:p>` +
	`<w:p><w:pPr><w:pStyle w:val="Normal"/><w:rPr></w:rPr></w:pPr><w:r><w:rPr></w:rPr></w:r></w:p>` +
	`<w:tbl><w:tblPr><w:tblW w:w="9638" w:type="dxa"/><w:jc w:val="left"/><w:tblInd w:w="0" w:type="dxa"/></w:tblPr><w:tblGrid><w:gridCol w:w="4819"/><w:gridCol w:w="4819"/></w:tblGrid><w:tr><w:trPr></w:trPr><w:tc><w:tcPr><w:tcW w:w="4819" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TableContents"/><w:rPr></w:rPr></w:pPr><w:r><w:rPr></w:rPr><w:t>Lys</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:w="4819" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TableContents"/><w:rPr></w:rPr></w:pPr><w:r><w:rPr></w:rPr><w:t>Gangen er mørk om natten</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
	`<w:sectPr><w:type w:val="nextPage"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:left="1134" w:right="1134" w:header="0" w:top="1134" w:footer="0" w:bottom="1134" w:gutter="0"/><w:pgNumType w:fmt="decimal"/><w:formProt w:val="false"/><w:textDirection w:val="lrTb"/></w:sectPr></w:body></w:document>`
