package parse

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// JSONSource is the JSON format indsigt reads (see JSON_FORMAT.md):
//
//	{
//	  "kind": "interview",            // interview|observation|workshop|test, optional
//	  "title": "Samtale om hjemmehjælp", // optional
//	  "date": "2026-03-01",           // optional; also 01-03-2026, 01.03.2026, "1. marts 2026"
//	  "place": "Kolding",             // optional
//	  "interviewer": "Mette",         // optional
//	  "participants": ["Søren"],      // optional
//	  "notes": [                      // required, at least one
//	    {
//	      "speaker": "Søren",         // optional
//	      "role": "participant",      // optional: interviewer|participant
//	      "text": "Jeg får hjælp …",  // required, not blank
//	      "start": "00:01:02.500",    // optional: "hh:mm:ss(.ttt)", "mm:ss(.ttt)" or milliseconds as a number
//	      "end": 65000                // optional, same forms
//	    }
//	  ]
//	}
//
// Unknown fields are an error naming the field, so a typo such as "txt"
// is caught instead of silently losing the note.
type JSONSource struct {
	Kind         string     `json:"kind"`
	Title        string     `json:"title"`
	Date         string     `json:"date"`
	Place        string     `json:"place"`
	Interviewer  string     `json:"interviewer"`
	Participants []string   `json:"participants"`
	Notes        []JSONNote `json:"notes"`
}

// JSONNote is one note in a JSONSource.
type JSONNote struct {
	Speaker string          `json:"speaker"`
	Role    string          `json:"role"`
	Text    string          `json:"text"`
	Start   json.RawMessage `json:"start"`
	End     json.RawMessage `json:"end"`
}

func parseJSON(text string) (*Document, error) {
	var src JSONSource
	dec := json.NewDecoder(strings.NewReader(text))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&src); err != nil {
		// encoding/json already says "json: …"; keep its message, once.
		return nil, fmt.Errorf("json: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("json: unexpected data after the object")
	}
	if src.Kind != "" && normKind(src.Kind) == "" {
		return nil, fmt.Errorf("json: kind %q: use interview, observation, workshop or test", src.Kind)
	}
	if len(src.Notes) == 0 {
		return nil, errors.New(`json: "notes" is required and must hold at least one note`)
	}
	doc := &Document{Format: "json", Meta: Meta{
		Kind:         normKind(src.Kind),
		Title:        collapseSpaces(cleanText(src.Title)),
		Date:         ParseDate(src.Date),
		Place:        collapseSpaces(cleanText(src.Place)),
		Interviewer:  collapseSpaces(cleanText(src.Interviewer)),
		Participants: cleanNames(src.Participants),
	}}
	for i, n := range src.Notes {
		seg, err := jsonSegment(n)
		if err != nil {
			return nil, fmt.Errorf("json: notes[%d]: %w", i, err)
		}
		doc.Segments = append(doc.Segments, seg)
	}
	assignRoles(doc.Segments, doc.Meta.Interviewer)
	return doc, nil
}

func jsonSegment(n JSONNote) (Segment, error) {
	seg := Segment{Speaker: collapseSpaces(cleanText(n.Speaker)), Text: tidy(cleanText(n.Text))}
	if seg.Text == "" {
		return seg, errors.New(`"text" is required`)
	}
	switch r := strings.ToLower(strings.TrimSpace(n.Role)); r {
	case "", RoleInterviewer, RoleParticipant:
		seg.Role = r
	default:
		return seg, fmt.Errorf("role %q: use interviewer or participant", n.Role)
	}
	var err error
	if seg.StartMS, err = jsonTime(n.Start); err != nil {
		return seg, fmt.Errorf("start: %w", err)
	}
	if seg.EndMS, err = jsonTime(n.End); err != nil {
		return seg, fmt.Errorf("end: %w", err)
	}
	return seg, nil
}

// jsonTime reads "hh:mm:ss(.ttt)" or a number of milliseconds; absent or
// null is -1.
func jsonTime(raw json.RawMessage) (int64, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return -1, nil
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return 0, err
		}
		if strings.TrimSpace(s) == "" {
			return -1, nil
		}
		if ms, ok := parseClock(strings.TrimSpace(s)); ok {
			return ms, nil
		}
		return 0, fmt.Errorf("%q is not hh:mm:ss.ttt", s)
	}
	ms, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil || ms < 0 {
		return 0, fmt.Errorf("%s is not a whole number of milliseconds", raw)
	}
	return ms, nil
}
