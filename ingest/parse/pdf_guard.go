package parse

import (
	"bytes"
	"regexp"
	"strconv"
)

// The library sizes its cross-reference table by what the file claims
// (a subsection "1000000000 1", an xref stream's /Size, /Index and /W)
// and allocates that at once: a few bytes could ask for gigabytes.
// checkXref reads those claims first and refuses a file whose object
// numbers could not fit in it (every object takes more than 8 bytes).

var (
	xrefSize  = regexp.MustCompile(`/Size\s+(\d+)`)
	xrefIndex = regexp.MustCompile(`/Index\s*\[([^\]]*)\]`)
	xrefW     = regexp.MustCompile(`/W\s*\[([^\]]*)\]`)
	twoInts   = regexp.MustCompile(`^\s*(\d+)\s+(\d+)\s*$`)
)

func checkXref(data []byte) error {
	maxObj := int64(len(data)/8 + 1024)
	for _, sec := range sections(data, "xref", "trailer") {
		for _, line := range bytes.FieldsFunc(sec, func(r rune) bool { return r == '\n' || r == '\r' }) {
			if m := twoInts.FindSubmatch(line); m != nil && atoi64(m[1])+atoi64(m[2]) > maxObj {
				return damagedPDF()
			}
		}
	}
	for _, dict := range xrefDicts(data) {
		if m := xrefSize.FindSubmatch(dict); m != nil && atoi64(m[1]) > maxObj {
			return damagedPDF()
		}
		if m := xrefIndex.FindSubmatch(dict); m != nil {
			f := bytes.Fields(m[1])
			for i := 0; i+1 < len(f); i += 2 {
				if atoi64(f[i])+atoi64(f[i+1]) > maxObj {
					return damagedPDF()
				}
			}
		}
		if m := xrefW.FindSubmatch(dict); m != nil {
			total := int64(0)
			for _, w := range bytes.Fields(m[1]) {
				total += atoi64(w)
			}
			if total > 32 {
				return damagedPDF()
			}
		}
	}
	return nil
}

// sections are the bytes from each keyword at a line start to the next
// end keyword (or the end of the file).
func sections(data []byte, start, end string) [][]byte {
	var out [][]byte
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte(start))
		if j < 0 {
			return out
		}
		i += j + len(start)
		if k := i - len(start) - 1; k >= 0 && data[k] != '\n' && data[k] != '\r' {
			continue
		}
		sec := data[i:]
		if k := bytes.Index(sec, []byte(end)); k >= 0 {
			sec = sec[:k]
		}
		out = append(out, sec)
	}
}

// xrefDicts are the dictionaries around each /XRef: from the "obj" before
// it to the "stream" after it.
func xrefDicts(data []byte) [][]byte {
	var out [][]byte
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("/XRef"))
		if j < 0 {
			return out
		}
		at := i + j
		from := bytes.LastIndex(data[:at], []byte("obj"))
		to := bytes.Index(data[at:], []byte("stream"))
		if from < 0 {
			from = 0
		}
		if to < 0 {
			to = len(data) - at
		}
		out = append(out, data[from:at+to])
		i = at + len("/XRef")
	}
}

// atoi64 reads digits; one too long to be a number counts as huge.
func atoi64(b []byte) int64 {
	n, err := strconv.ParseInt(string(bytes.TrimSpace(b)), 10, 64)
	if err != nil {
		return 1 << 62
	}
	return n
}
