package authentik

import (
	"regexp"
	"strconv"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// formatTime writes a time the way authentik's JSON renderer (DRF's) does: UTC, microseconds only
// when there are any, and a "Z" suffix.
var formatTime = mockapi.DjangoTime

func formatTimePtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := formatTime(*t)
	return &s
}

// isoDateTime mirrors Django's parse_datetime: date, "T" or space, hh:mm, optional seconds and
// fraction, optional zone. A time without a zone is in the server's zone, UTC.
var isoDateTime = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,6})\d{0,6})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$`)

var zoneDigits = regexp.MustCompile(`\d+`)

const dateTimeFormatError = "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."

func parseDateTime(s string) (time.Time, bool) {
	m := isoDateTime.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	num := func(i int) int { n, _ := strconv.Atoi(m[i]); return n }
	micro := 0
	if m[7] != "" {
		frac := m[7]
		for len(frac) < 6 {
			frac += "0"
		}
		micro, _ = strconv.Atoi(frac)
	}
	loc := time.UTC
	if zone := m[8]; zone != "" && zone != "Z" {
		sign := 1
		if zone[0] == '-' {
			sign = -1
		}
		digits := zoneDigits.FindAllString(zone, -1)
		hh, mm := 0, 0
		if len(digits) == 1 && len(digits[0]) == 4 {
			hh, _ = strconv.Atoi(digits[0][:2])
			mm, _ = strconv.Atoi(digits[0][2:])
		} else {
			hh, _ = strconv.Atoi(digits[0])
			if len(digits) > 1 {
				mm, _ = strconv.Atoi(digits[1])
			}
		}
		loc = time.FixedZone("", sign*(hh*3600+mm*60))
	}
	month, day, hour, minute, second := num(2), num(3), num(4), num(5), 0
	if m[6] != "" {
		second = num(6)
	}
	if month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59 {
		return time.Time{}, false
	}
	t := time.Date(num(1), time.Month(month), day, hour, minute, second, micro*1000, loc)
	if t.Day() != day { // 31 February and friends
		return time.Time{}, false
	}
	return t.UTC(), true
}
