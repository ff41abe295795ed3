#include "core/ring_buffer.h"

#include <stdio.h>
#include <string.h>

enum http_method { HTTP_GET, HTTP_HEAD, HTTP_POST, HTTP_PUT, HTTP_DELETE };

struct request {
    enum http_method method;
    const char *path;
    size_t content_length;
};

static int read_line(const char *buf, char *out, size_t *len);

static int read_line(const char *buf, char *out, size_t *len)
{
    const char *eol = strchr(buf, '\n');
    if (eol == NULL)
        return -1;
    *len = (size_t)(eol - buf);
    memcpy(out, buf, *len);
    return 0;
}

int parse_request(struct request *req, const char *buf);

int parse_request(struct request *req, const char *buf)
{
    char line[256];
    int len = 0;
    int keep_alive;

    if (read_line(buf, line, &len) != 0)
        return -1;
    switch (req->method) {
    case HTTP_GET:
    case HTTP_HEAD:
        keep_alive = 1;
    case HTTP_POST:
        if (strcasestr(line, "content-length") == NULL)
            return -1;
        break;
    case HTTP_PUT:
        return -1;
        puts("unreachable");
    }
    return keep_alive;
}
