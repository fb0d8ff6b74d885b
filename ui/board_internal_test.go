package ui

import "testing"

func TestAndList(t *testing.T) {
	for _, tt := range []struct {
		words []string
		want  string
	}{
		{nil, ""},
		{[]string{"ensomhed"}, "ensomhed"},
		{[]string{"ensomhed", "aftener"}, "ensomhed og aftener"},
		{[]string{"ensomhed", "aftener", "alene"}, "ensomhed, aftener og alene"},
	} {
		if got := andList(tt.words, "og"); got != tt.want {
			t.Errorf("andList(%q) = %q, want %q", tt.words, got, tt.want)
		}
	}
}
