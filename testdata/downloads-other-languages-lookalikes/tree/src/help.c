#include <stdio.h>
/* curl https://example.org/models/in-a-comment.onnx */
void usage(void) {
    printf("usage: --model-url https://example.org/models/help.gguf\n");
}
static const char *DOC = "https://example.org/models/not-fetched.onnx";
