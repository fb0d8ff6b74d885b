package model

import (
	"errors"
	"slices"
	"testing"
)

func TestParseID(t *testing.T) {
	for _, tc := range []struct {
		raw      string
		want     int64
		rule     string // "" when valid
		optional bool
	}{
		{raw: "42", want: 42},
		{raw: " 42\t", want: 42},
		{raw: "9223372036854775807", want: 9223372036854775807},
		{raw: "", rule: RuleRequired},
		{raw: "  ", rule: RuleRequired},
		{raw: "0", rule: RuleFormat},
		{raw: "-3", rule: RuleFormat},
		{raw: "abc", rule: RuleFormat},
		{raw: "4 2", rule: RuleFormat},
		{raw: "1.5", rule: RuleFormat},
		{raw: "9223372036854775808", rule: RuleFormat},
		{raw: "", optional: true},
		{raw: " ", optional: true},
		{raw: "0", optional: true},
		{raw: "7", want: 7, optional: true},
		{raw: "-1", rule: RuleFormat, optional: true},
		{raw: "x", rule: RuleFormat, optional: true},
	} {
		parse := ParseID
		if tc.optional {
			parse = ParseOptionalID
		}
		got, err := parse("note_id", tc.raw)
		if tc.rule == "" {
			if err != nil || got != tc.want {
				t.Errorf("optional=%v %q: got %d, %v; want %d", tc.optional, tc.raw, got, err, tc.want)
			}
			continue
		}
		fe, ok := AsFieldError(err)
		if !ok || fe.Field != "note_id" || fe.Rule != tc.rule || !errors.Is(err, ErrInvalid) {
			t.Errorf("optional=%v %q: got %d, %v; want field note_id rule %s", tc.optional, tc.raw, got, err, tc.rule)
		}
	}
}

// TestFormatIDRoundTrips checks that every valid id ParseID reads back
// from FormatID is the one written.
func TestFormatIDRoundTrips(t *testing.T) {
	for _, id := range []int64{1, 42, 9223372036854775807} {
		s := FormatID(id)
		got, err := ParseID("id", s)
		if err != nil || got != id {
			t.Errorf("FormatID(%d) = %q, read back as %d, %v", id, s, got, err)
		}
	}
	if s := FormatID(42); s != "42" {
		t.Errorf("FormatID(42) = %q, want 42", s)
	}
}

func TestParseIDs(t *testing.T) {
	for _, tc := range []struct {
		name string
		raw  []string
		want []int64
		rule string // "" when valid
	}{
		{name: "valid", raw: []string{"1", " 2 ", "3"}, want: []int64{1, 2, 3}},
		{name: "none", raw: nil, want: []int64{}},
		{name: "at the limit", raw: []string{"1", "2", "3", "4"}, want: []int64{1, 2, 3, 4}},
		{name: "too many", raw: []string{"1", "2", "3", "4", "5"}, rule: RuleTooLong},
		{name: "empty", raw: []string{"1", ""}, rule: RuleRequired},
		{name: "zero", raw: []string{"0"}, rule: RuleFormat},
		{name: "negative", raw: []string{"1", "-2"}, rule: RuleFormat},
		{name: "non-number", raw: []string{"tre"}, rule: RuleFormat},
	} {
		got, err := ParseIDs("note_ids", tc.raw, 4)
		if tc.rule == "" {
			if err != nil || !slices.Equal(got, tc.want) {
				t.Errorf("%s: got %v, %v; want %v", tc.name, got, err, tc.want)
			}
			continue
		}
		fe, ok := AsFieldError(err)
		if !ok || fe.Field != "note_ids" || fe.Rule != tc.rule || got != nil {
			t.Errorf("%s: got %v, %v; want field note_ids rule %s", tc.name, got, err, tc.rule)
		}
		if tc.rule == RuleTooLong && fe.Limit != 4 {
			t.Errorf("%s: limit %d, want 4", tc.name, fe.Limit)
		}
	}
}
