package fetch

import "net/http"

func Fetch() (*http.Response, error) {
	return http.Get("https://example.org/models/go-model.gguf")
}
