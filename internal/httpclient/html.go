package httpclient

import (
	"bytes"
	"mime"
)

// isHTML reports whether an answer is a web page, by its Content-Type or, for a server that labels it
// wrongly, by its first character: what a login proxy or a wrong endpoint sends instead of the API's JSON.
func isHTML(resp *Response) bool {
	body := bytes.TrimSpace(resp.Body)
	if len(body) == 0 {
		return false
	}
	mediaType, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	return mediaType == "text/html" || mediaType == "application/xhtml+xml" || body[0] == '<'
}
