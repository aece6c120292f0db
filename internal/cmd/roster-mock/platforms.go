package main

import (
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi/mocks"
)

// platformNames lists the -platform values, in documentation order.
func platformNames() []string {
	names := make([]string, len(mocks.All))
	for i, d := range mocks.All {
		names[i] = d.Name
	}
	return names
}
