package search

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func day(s string) time.Time {
	d, err := time.Parse(dateLayout, s)
	if err != nil {
		panic(err)
	}
	return d
}

func clauses(cs ...Clause) Query { return Query{Clauses: cs} }
func must(ts ...Term) Clause     { return Clause{Alternatives: ts} }
func not(ts ...Term) Clause      { return Clause{Alternatives: ts, Negate: true} }
func word(w string) Term         { return Term{Kind: TermWord, Value: w} }

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in   string
		want Query
	}{
		{"", Query{}},
		{"   ", Query{}},
		{"borger", clauses(must(word("borger")))},
		{"borger  pårørende", clauses(must(word("borger")), must(word("pårørende")))},
		{"Ældre*", clauses(must(Term{Kind: TermWord, Value: "Ældre", Prefix: true}))},
		{"*", Query{}},
		{`"mad nok"`, clauses(must(Term{Kind: TermPhrase, Value: "mad nok"}))},
		{`"mad nok`, clauses(must(Term{Kind: TermPhrase, Value: "mad nok"}))},
		{`"" borger`, clauses(must(Term{Kind: TermPhrase, Value: ""}), must(word("borger")))},
		{`-mad`, clauses(not(word("mad")))},
		{`-"mad nok"`, clauses(not(Term{Kind: TermPhrase, Value: "mad nok"}))},
		{`- mad`, clauses(must(word("mad")))},
		{`tag:ensomhed`, clauses(must(Term{Kind: TermTag, Value: "ensomhed"}))},
		{`TAG:Ensomhed`, clauses(must(Term{Kind: TermTag, Value: "Ensomhed"}))},
		{`tag:"rolle i hverdagen" mad`, clauses(must(Term{Kind: TermTag, Value: "rolle i hverdagen"}), must(word("mad")))},
		{`-tag:"rolle i`, clauses(not(Term{Kind: TermTag, Value: "rolle i"}))},
		{`kind:Interview`, clauses(must(Term{Kind: TermSourceKind, Value: "interview"}))},
		{`participant:Borger-3`, clauses(must(Term{Kind: TermParticipant, Value: "Borger-3"}))},
		{`phase:Skab`, clauses(must(Term{Kind: TermPhase, Value: "skab"}))},
		{`date:2026-01-01..2026-03-31`, clauses(must(Term{Kind: TermDate, From: day("2026-01-01"), To: day("2026-04-01")}))},
		{`date:2026-01-01..`, clauses(must(Term{Kind: TermDate, From: day("2026-01-01")}))},
		{`date:..2026-03-31`, clauses(must(Term{Kind: TermDate, To: day("2026-04-01")}))},
		{`date:2026-02-28`, clauses(must(Term{Kind: TermDate, From: day("2026-02-28"), To: day("2026-03-01")}))},
		{`project:other`, clauses(must(word("project")), must(word("other")))},
		{`project_id:2`, clauses(must(word("project_id")), must(word("2")))},
		{`tag:`, clauses(must(word("tag")))},
		{`tag:""`, clauses(must(word("tag")))},
		{`http://x.dk`, clauses(must(word("http")), must(word("x.dk")))},
		{`borger, (mad)`, clauses(must(word("borger")), must(word("mad")))},
		{`a OR b c`, clauses(must(word("a"), word("b")), must(word("c")))},
		{`a OR b OR "c d"`, clauses(must(word("a"), word("b"), Term{Kind: TermPhrase, Value: "c d"}))},
		{`a OR -b`, clauses(must(word("a")), not(word("b")))},
		{`-a OR b`, clauses(not(word("a")), must(word("b")))},
		{`OR a OR`, clauses(must(word("a")))},
		{`a or b`, clauses(must(word("a")), must(word("or")), must(word("b")))},
		{`a OR tag:x`, clauses(must(word("a"), Term{Kind: TermTag, Value: "x"}))},
		{`foo"bar baz"`, clauses(must(word("foo")), must(Term{Kind: TermPhrase, Value: "bar baz"}))},
		{`svømmehalen~`, clauses(must(Term{Kind: TermWord, Value: "svømmehalen", Fuzzy: true}))},
		{`[Borger-3] mad`, clauses(must(Term{Kind: TermParticipant, Value: "Borger-3"}), must(word("mad")))},
		{`Medarbejder-1, [E-mail-2]`, clauses(must(Term{Kind: TermParticipant, Value: "Medarbejder-1"}), must(Term{Kind: TermParticipant, Value: "E-mail-2"}))},
		{`COVID-19`, clauses(must(word("COVID-19")))},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseQuery(tc.in)
			if err != nil {
				t.Fatalf("ParseQuery(%q): %v", tc.in, err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ParseQuery(%q)\n got %+v\nwant %+v", tc.in, got, tc.want)
			}
		})
	}
}

func TestParseQueryErrors(t *testing.T) {
	tests := []string{
		strings.Repeat("æ", MaxQueryChars+1),
		strings.Repeat("a ", MaxQueryTerms+1),
		strings.Repeat("a:", MaxQueryTerms+1),
		"date:2026-02-30",
		"date:igår",
		"date:..",
		"date:2026-03-01..2026-01-01",
	}
	for _, in := range tests {
		if _, err := ParseQuery(in); !errors.Is(err, ErrInvalidQuery) {
			t.Errorf("ParseQuery(%.30q): err %v, want ErrInvalidQuery", in, err)
		}
	}
	ok := strings.TrimSpace(strings.Repeat("a ", MaxQueryTerms))
	if _, err := ParseQuery(ok); err != nil {
		t.Errorf("%d terms rejected: %v", MaxQueryTerms, err)
	}
	if _, err := ParseQuery(strings.Repeat("æ", MaxQueryChars)); err != nil {
		t.Errorf("%d characters rejected: %v", MaxQueryChars, err)
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{`borger "mad nok" -tag:"a b" OR kind:test date:2026-01-01..`, `"`, `-`, `a:b:c*`, `tag:"`, `OR OR`, "\x00", "ø*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuery(s)
		if err != nil {
			if !errors.Is(err, ErrInvalidQuery) {
				t.Fatalf("error not ErrInvalidQuery: %v", err)
			}
			return
		}
		n := 0
		for _, c := range q.Clauses {
			if len(c.Alternatives) == 0 {
				t.Fatal("empty clause")
			}
			for _, term := range c.Alternatives {
				n++
				if term.Kind == TermWord && term.Value == "" {
					t.Fatal("empty word")
				}
				if utf8.RuneCountInString(term.Value) > MaxQueryChars {
					t.Fatal("term longer than the query")
				}
			}
		}
		if n > MaxQueryTerms {
			t.Fatalf("%d terms", n)
		}
	})
}
