#include <curl/curl.h>
/* Mirror: https://example.org/mirror/comment.onnx */
static const char *MODEL_URL = "https://example.org/models/face-detect.onnx";

int fetch(void) {
    CURL *c = curl_easy_init();
    curl_easy_setopt(c, CURLOPT_URL, MODEL_URL);
    return curl_easy_perform(c);
}
