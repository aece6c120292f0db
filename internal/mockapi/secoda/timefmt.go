package secoda

import "time"

// formatTime writes a time the way DRF renders Django datetimes: UTC with a "Z", microseconds unless
// they are all zero (Python's isoformat drops them then), e.g. 2023-05-10T14:27:23.797657Z.
func formatTime(t time.Time) string {
	t = t.UTC()
	if t.Nanosecond()/1000 == 0 {
		return t.Format("2006-01-02T15:04:05Z")
	}
	return t.Format("2006-01-02T15:04:05.000000Z")
}
