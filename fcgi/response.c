/*
 * response.c: response building and the CGI header block. The only writer of
 * the FastCGI output stream.
 */
#include <stdio.h>
#include <string.h>

#include <fcgiapp.h>

#include "core/arena.h"
#include "request.h"
#include "response.h"
#include "worker.h"

static const char *default_code(int);

void
resp_init(struct resp *rs, struct arena *ar, size_t max_body)
{
	memset(rs, 0, sizeof(*rs));
	rs->arena = ar;
	rs->ctype = "application/json; charset=utf-8";
	buf_init(&rs->body, max_body);
	buf_init(&rs->headers, 16384);
}

void
resp_free(struct resp *rs)
{
	buf_free(&rs->body);
	buf_free(&rs->headers);
}

int
resp_json(struct resp *rs, json_t *j)
{
	char	*s;
	int	 rc = -1;

	if (j == NULL)
		return -1;
	s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (s == NULL)
		return -1;
	buf_reset(&rs->body);
	rc = buf_puts(&rs->body, s);
	free(s);
	rs->ctype = "application/json; charset=utf-8";
	return rc;
}

void
resp_header(struct resp *rs, const char *name, const char *value)
{
	if (strpbrk(name, "\r\n") != NULL || strpbrk(value, "\r\n") != NULL)
		return;
	buf_printf(&rs->headers, "%s: %s\r\n", name, value);
}

int
resp_error(struct resp *rs, int status, const char *code, const char *field,
    const char *fmt, ...)
{
	char	 msg[512];
	va_list	 ap;
	json_t	*e;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	e = json_pack("{s:s, s:s}", "code", code, "message", msg);
	if (e != NULL && field != NULL)
		json_object_set_new(e, "field", json_string(field));
	resp_json(rs, json_pack("{s:o}", "error", e));
	return status;
}

void
resp_default_error(struct resp *rs, int status)
{
	resp_error(rs, status, default_code(status), NULL, "%s",
	    resp_reason(status));
}

int
resp_send(struct resp *rs, int status, const struct req *rq,
    FCGX_Stream *out)
{
	char	head[1024];
	int	n;

	/* FCGX_FPrintF knows no %zu: format here, write once. */
	n = snprintf(head, sizeof(head), "Status: %d %s\r\nContent-Type: %s\r\n"
	    "Content-Length: %zu\r\nX-Request-Id: %.128s\r\n"
	    "Cache-Control: no-store\r\n", status, resp_reason(status),
	    rs->ctype, rs->body.len,
	    rq->reqid);
	if (n < 0 || (size_t)n >= sizeof(head))
		return -1;
	FCGX_PutStr(head, n, out);
	if (rs->headers.len > 0)
		FCGX_PutStr(rs->headers.data, (int)rs->headers.len, out);
	FCGX_PutS("\r\n", out);
	if (rs->body.len > 0 && rq->method != M_HEAD)
		FCGX_PutStr(rs->body.data, (int)rs->body.len, out);
	return 0;
}

const char *
resp_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 202: return "Accepted";
	case 204: return "No Content";
	case 302: return "Found";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 410: return "Gone";
	case 413: return "Payload Too Large";
	case 414: return "URI Too Long";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Entity";
	case 423: return "Locked";
	case 429: return "Too Many Requests";
	case 431: return "Request Header Fields Too Large";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Unknown";
	}
}

static const char *
default_code(int status)
{
	switch (status) {
	case 400: return "bad_request";
	case 401: return "unauthenticated";
	case 403: return "forbidden";
	case 404: return "not_found";
	case 405: return "method_not_allowed";
	case 409: return "conflict";
	case 413: return "body_too_large";
	case 414: return "query_too_long";
	case 415: return "unsupported_media_type";
	case 422: return "invalid";
	case 431: return "headers_too_large";
	case 503: return "unavailable";
	default: return status >= 500 ? "internal" : "error";
	}
}
