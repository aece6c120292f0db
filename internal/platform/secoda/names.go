package secoda

import "strings"

// Secoda stores a user's name as first_name and last_name; the portable model has one `name`. The mapping:
//
//	"Ada Lovelace"      -> first_name "Ada", last_name "Lovelace"
//	"Ada King Lovelace" -> first_name "Ada", last_name "King Lovelace"   (split at the FIRST space)
//	"Ada"               -> first_name "Ada", last_name ""
//
// and back, first_name and last_name joined with one space, trimmed. The first space is the split point
// because given names rarely contain spaces and family names often do ("van Rossum"). Secoda trims each
// field, so a name with surrounding whitespace or a run of spaces at the split point would come back
// different and show a diff forever; ValidateUser rejects those at plan time, and for every name it accepts
// joinName(splitName(n)) == n.

func splitName(name string) (first, last string) {
	first, last, _ = strings.Cut(name, " ")
	return first, last
}

func joinName(first, last string) string {
	return strings.TrimSpace(strings.TrimSpace(first) + " " + strings.TrimSpace(last))
}

// nameRoundTrips reports whether a name survives splitName, Secoda's trimming of each field (which
// joinName repeats) and joinName unchanged.
func nameRoundTrips(name string) bool {
	return joinName(splitName(name)) == name
}
