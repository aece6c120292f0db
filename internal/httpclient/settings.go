package httpclient

import "github.com/rosterhq/terraform-provider-roster/internal/platform"

// ConfigFor turns the provider's settings into the transport part of a client configuration; the platform
// client adds its base URL, authorization and error decoding.
func ConfigFor(s platform.Settings) Config {
	return Config{
		MaxRetries:         s.HTTP.MaxRetries,
		RequestTimeout:     s.HTTP.RequestTimeout,
		InsecureSkipVerify: s.HTTP.InsecureSkipVerify,
		Headers:            s.HTTP.Headers,
		UserAgent:          s.HTTP.UserAgent,
		WritesPerMinute:    float64(s.WritesPerMinute),
		MaxResponseBytes:   s.HTTP.MaxResponseBytes,
	}
}
