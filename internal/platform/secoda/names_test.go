package secoda

import "testing"

func TestSplitName(t *testing.T) {
	cases := []struct{ name, first, last string }{
		{"Ada Lovelace", "Ada", "Lovelace"},
		{"Ada King Lovelace", "Ada", "King Lovelace"},
		{"Guido van Rossum", "Guido", "van Rossum"},
		{"Ada", "Ada", ""},
		{"", "", ""},
		{"Zoë Ångström", "Zoë", "Ångström"},
		{"Ada\tLovelace", "Ada\tLovelace", ""}, // only a space splits
	}
	for _, tc := range cases {
		first, last := splitName(tc.name)
		if first != tc.first || last != tc.last {
			t.Errorf("splitName(%q) = %q, %q; want %q, %q", tc.name, first, last, tc.first, tc.last)
		}
		if got := joinName(first, last); got != tc.name {
			t.Errorf("joinName(splitName(%q)) = %q", tc.name, got)
		}
	}
}

func TestJoinName(t *testing.T) {
	cases := []struct{ first, last, want string }{
		{"Ada", "Lovelace", "Ada Lovelace"},
		{"Ada", "", "Ada"},
		{"", "Lovelace", "Lovelace"}, // a last name set in the UI alone
		{" Ada ", " Lovelace ", "Ada Lovelace"},
		{"", "", ""},
	}
	for _, tc := range cases {
		if got := joinName(tc.first, tc.last); got != tc.want {
			t.Errorf("joinName(%q, %q) = %q, want %q", tc.first, tc.last, got, tc.want)
		}
	}
}

func TestNameRoundTrips(t *testing.T) {
	for _, ok := range []string{"", "Ada", "Ada Lovelace", "Ada King  Lovelace", "Ada King Lovelace"} {
		if !nameRoundTrips(ok) {
			t.Errorf("nameRoundTrips(%q) = false", ok)
		}
	}
	// Secoda trims each half, so these would read back differently.
	for _, bad := range []string{" Ada", "Ada ", "Ada  Lovelace", "Ada Lovelace ", " "} {
		if nameRoundTrips(bad) {
			t.Errorf("nameRoundTrips(%q) = true", bad)
		}
	}
}
