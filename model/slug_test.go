package model

import "testing"

func TestSlugFrom(t *testing.T) {
	for in, want := range map[string]string{
		"Er der mad nok?":            "er-der-mad-nok",
		"Ældre på Ørkenvej":          "aeldre-paa-oerkenvej",
		"  Musikterapi – Marielund ": "musikterapi-marielund",
		"Café Üster 2026":            "cafe-uster-2026",
		"???":                        "",
	} {
		if got := SlugFrom(in); got != want {
			t.Errorf("SlugFrom(%q) = %q, want %q", in, got, want)
		}
		if got := SlugFrom(in); got != "" && (Project{Slug: got, Name: "x"}).Validate() != nil {
			t.Errorf("SlugFrom(%q) = %q is not a valid slug", in, got)
		}
	}
	long := SlugFrom("Et meget langt projektnavn om borgerens plan på tværs af forvaltninger i kommunen ")
	if len(long) > MaxSlugLen || long[len(long)-1] == '-' {
		t.Errorf("long slug %q", long)
	}
}
