package authentik

import (
	"testing"
	"time"
)

func TestParseDateTimeAcceptsWhatDjangoAccepts(t *testing.T) {
	want := time.Date(2026, 5, 1, 10, 30, 0, 0, time.UTC)
	for _, in := range []string{
		"2026-05-01T10:30:00Z", "2026-05-01T10:30Z", "2026-05-01 10:30:00", "2026-05-01T12:30:00+02:00",
		"2026-05-01T12:30:00+0200", "2026-05-01T08:30:00-02", "2026-05-01T10:30:00.000000Z",
	} {
		got, ok := parseDateTime(in)
		if !ok || !got.Equal(want) {
			t.Errorf("parseDateTime(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	if got, _ := parseDateTime("2026-05-01T10:30:00.1234567Z"); got.Nanosecond() != 123456000 {
		t.Errorf("fraction beyond microseconds must be dropped, got %d ns", got.Nanosecond())
	}
	for _, bad := range []string{"", "yesterday", "2026-05-01", "2026-02-30T00:00:00Z", "2026-13-01T00:00Z", "2026-05-01T25:00Z"} {
		if _, ok := parseDateTime(bad); ok {
			t.Errorf("parseDateTime(%q) accepted an invalid datetime", bad)
		}
	}
}

func TestFormatTimeUsesZAndMicrosecondsOnlyWhenPresent(t *testing.T) {
	if got := formatTime(time.Date(2026, 5, 1, 10, 30, 0, 0, time.FixedZone("", 3600))); got != "2026-05-01T09:30:00Z" {
		t.Errorf("whole seconds: %s", got)
	}
	if got := formatTime(time.Date(2026, 5, 1, 10, 30, 0, 1500, time.UTC)); got != "2026-05-01T10:30:00.000001Z" {
		t.Errorf("microseconds: %s", got)
	}
}
