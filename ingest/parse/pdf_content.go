package parse

import (
	"github.com/ledongthuc/pdf"
)

// Why an interpreter of our own instead of pdf.Page.Content: Content looks
// up a font's widths in the file again for every glyph (three quarters of
// the time on a real 60-page PDF), panics on an operator with the wrong
// number of operands, and keeps every glyph of the page in memory. This
// one follows the same text state (the PDF 1.7 text operators, 9.4), with
// each font's encoding and widths read once per page, skips a malformed
// operator, and hands each glyph to the line builder at once, so memory
// follows the text rather than the glyph count.

type matrix [3][3]float64

var identity = matrix{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}

func (x matrix) mul(y matrix) matrix {
	var z matrix
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			for k := 0; k < 3; k++ {
				z[i][j] += x[i][k] * y[k][j]
			}
		}
	}
	return z
}

func translate(tx, ty float64) matrix { return matrix{{1, 0, 0}, {0, 1, 0}, {tx, ty, 1}} }

// pdfFont is what the interpreter needs of a font, read once.
type pdfFont struct {
	enc    pdf.TextEncoding
	first  int
	widths []float64
}

func (f *pdfFont) width(code int) float64 {
	if i := code - f.first; i >= 0 && i < len(f.widths) {
		return f.widths[i]
	}
	return 0
}

type textState struct {
	tc, tw, th, tl, tfs, trise float64
	font                       *pdfFont
	tm, tlm, ctm               matrix
}

// pageText interprets a page's content stream and adds each glyph to b.
func pageText(p pdf.Page, b *lineBuilder) {
	content := p.V.Key("Contents")
	if p.V.IsNull() || content.Kind() == pdf.Null {
		return
	}
	fonts := map[string]*pdfFont{}
	font := func(name string) *pdfFont {
		if f, ok := fonts[name]; ok {
			return f
		}
		pf := p.Font(name)
		f := &pdfFont{enc: pf.Encoder(), first: pf.FirstChar(), widths: pf.Widths()}
		if f.enc == nil {
			f.enc = identityEncoding{}
		}
		fonts[name] = f
		return f
	}
	g := textState{th: 1, ctm: identity, font: &pdfFont{enc: identityEncoding{}}}
	var stack []textState
	pdf.Interpret(content, func(stk *pdf.Stack, op string) {
		args := make([]pdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		g.apply(op, args, &stack, font, b)
	})
}

// operands is how many operands each operator takes that has any.
var operands = map[string]int{"cm": 6, "Tm": 6, "Td": 2, "TD": 2, "Tf": 2, "Tc": 1, "Tw": 1, "Tz": 1, "TL": 1, "Ts": 1, "Tj": 1, "'": 1, "\"": 3, "TJ": 1}

// apply runs one operator; one with the wrong operands is skipped.
func (g *textState) apply(op string, args []pdf.Value, stack *[]textState, font func(string) *pdfFont, b *lineBuilder) {
	num := func(i int) float64 { return args[i].Float64() }
	if n, ok := operands[op]; ok && len(args) != n {
		return
	}
	switch op {
	case "cm":
		g.ctm = matrixOf(args).mul(g.ctm)
	case "q":
		*stack = append(*stack, *g)
	case "Q":
		if n := len(*stack); n > 0 {
			*g, *stack = (*stack)[n-1], (*stack)[:n-1]
		}
	case "BT":
		g.tm, g.tlm = identity, identity
	case "Tm":
		g.tm = matrixOf(args)
		g.tlm = g.tm
	case "TD":
		g.tl = -num(1)
		g.move(num(0), num(1))
	case "Td":
		g.move(num(0), num(1))
	case "T*":
		g.move(0, -g.tl)
	case "Tf":
		g.font, g.tfs = font(args[0].Name()), num(1)
	case "Tc":
		g.tc = num(0)
	case "Tw":
		g.tw = num(0)
	case "Tz":
		g.th = num(0) / 100
	case "TL":
		g.tl = num(0)
	case "Ts":
		g.trise = num(0)
	case "\"":
		g.tw, g.tc = num(0), num(1)
		g.move(0, -g.tl)
		g.show(args[2].RawString(), b)
	case "'":
		g.move(0, -g.tl)
		g.show(args[0].RawString(), b)
	case "Tj":
		g.show(args[0].RawString(), b)
	case "TJ":
		v := args[0]
		for i := 0; i < v.Len(); i++ {
			if x := v.Index(i); x.Kind() == pdf.String {
				g.show(x.RawString(), b)
			} else {
				g.tm = translate(-x.Float64()/1000*g.tfs*g.th, 0).mul(g.tm)
			}
		}
	}
}

func (g *textState) move(tx, ty float64) {
	g.tlm = translate(tx, ty).mul(g.tlm)
	g.tm = g.tlm
}

// show draws a string: one glyph per decoded rune, advanced by the width
// of its code (one byte per code: simple fonts; a Type0 font has no
// simple widths, and its glyphs are placed by the gaps between strings).
func (g *textState) show(raw string, b *lineBuilder) {
	n := 0
	for _, ch := range g.font.enc.Decode(raw) {
		w0 := 0.0
		if n < len(raw) {
			w0 = g.font.width(int(raw[n]))
		}
		n++
		trm := matrix{{g.tfs * g.th, 0, 0}, {0, g.tfs, 0}, {0, g.trise, 1}}.mul(g.tm).mul(g.ctm)
		b.add(glyph{s: ch, x: trm[2][0], y: trm[2][1], w: w0 / 1000 * trm[0][0], size: trm[0][0]})
		tx := w0/1000*g.tfs + g.tc
		if ch == ' ' {
			tx += g.tw
		}
		g.tm = translate(tx*g.th, 0).mul(g.tm)
	}
}

func matrixOf(args []pdf.Value) matrix {
	var m matrix
	for i := 0; i < 6; i++ {
		m[i/2][i%2] = args[i].Float64()
	}
	m[2][2] = 1
	return m
}

// identityEncoding reads bytes as they are, for a font without encoding.
type identityEncoding struct{}

func (identityEncoding) Decode(raw string) string { return raw }
