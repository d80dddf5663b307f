/*
 * test_sync.c: the pure rules of the sync API (lib/model/sync.c): action
 * names, Idempotency-Key and webhook URL checks, the backoff schedule.
 */
#include <string.h>

#include "model/sync.h"
#include "tap.h"

static void	test_actions(void);
static void	test_keys(void);
static void	test_urls(void);
static void	test_backoff(void);

int
main(void)
{
	plan(36);
	test_actions();
	test_keys();
	test_urls();
	test_backoff();
	return done();
}

static void
test_actions(void)
{
	const struct sync_action	*a = NULL;

	ok(model_sync_action("accept", &a) == 0 && a->workflow &&
	    a->action == WF_A_ACCEPT, "accept is transition 9");
	ok(model_sync_action("return_not_competent", &a) == 0 &&
	    a->action == WF_A_RETURN_NOT_COMPETENT, "return_not_competent");
	ok(model_sync_action("submit_result", &a) == 0 &&
	    a->action == WF_A_SUBMIT_RESULT, "submit_result");
	ok(model_sync_action("approve", &a) == 0 && a->action == WF_A_APPROVE,
	    "approve");
	ok(model_sync_action("submit_clarification", &a) == 0 &&
	    a->action == WF_A_SUBMIT_CLARIFICATION, "submit_clarification");
	ok(model_sync_action("note", &a) == 0 && !a->workflow,
	    "note is not a transition");
	ok(model_sync_action("progress", &a) == 0 && !a->workflow &&
	    strcmp(a->name, "progress") == 0, "progress is not a transition");
	ok(model_sync_action("publish", &a) == -1,
	    "publish is the center's, not in the sync API");
	ok(model_sync_action("distribute", &a) == -1, "distribute refused");
	ok(model_sync_action(NULL, &a) == -1, "NULL action refused");
}

static void
test_keys(void)
{
	char	k[200];

	ok(model_sync_key_ok("a") == 0, "one character key");
	ok(model_sync_key_ok("550e8400-e29b-41d4-a716-446655440000") == 0,
	    "a UUID");
	memset(k, 'x', 128);
	k[128] = '\0';
	ok(model_sync_key_ok(k) == 0, "128 characters");
	k[128] = 'x';
	k[129] = '\0';
	ok(model_sync_key_ok(k) == -1, "129 characters refused");
	ok(model_sync_key_ok("") == -1, "empty refused");
	ok(model_sync_key_ok(NULL) == -1, "NULL refused");
	ok(model_sync_key_ok("a b") == -1, "space refused");
	ok(model_sync_key_ok("a\tb") == -1, "tab refused");
	ok(model_sync_key_ok("kh\xc3\xb3\x61") == -1, "non-ASCII refused");
}

static void
test_urls(void)
{
	const char	*why = NULL;
	char		 big[1100];

	ok(model_webhook_url_ok("https://so.example.vn/hook", &why) == 0 &&
	    why == NULL, "https URL");
	ok(model_webhook_url_ok("http://127.0.0.1:8080/h?x=1", &why) == 0,
	    "http with port and query");
	ok(model_webhook_url_ok("ftp://x/h", &why) == -1 && why != NULL,
	    "ftp refused");
	ok(model_webhook_url_ok("file:///etc/passwd", &why) == -1,
	    "file refused");
	ok(model_webhook_url_ok("HTTPS://x/", &why) == -1,
	    "scheme must be lower case");
	ok(model_webhook_url_ok("https:///path", &why) == -1, "no host");
	ok(model_webhook_url_ok("https://:80/", &why) == -1, "port only");
	ok(model_webhook_url_ok("https://u:p@x/", &why) == -1 &&
	    strstr(why, "credentials") != NULL, "credentials refused");
	ok(model_webhook_url_ok("https://x/a b", &why) == -1, "space refused");
	ok(model_webhook_url_ok("https://x/a\r\nHost: y", &why) == -1,
	    "CR LF refused");
	memcpy(big, "https://x/", 10);
	memset(big + 10, 'a', 1020);
	big[1030] = '\0';
	ok(model_webhook_url_ok(big, &why) == -1, "1030 bytes refused");
	ok(model_webhook_url_ok(NULL, &why) == -1, "NULL refused");
}

static void
test_backoff(void)
{
	is_int((int)model_backoff_s(30, 1), 30, "first retry after base");
	is_int((int)model_backoff_s(30, 2), 60, "then doubled");
	is_int((int)model_backoff_s(30, 5), 480, "30 * 2^4 = 480");
	is_int((int)model_backoff_s(1, 3), 4, "base 1: 1, 2, 4");
	is_int((int)model_backoff_s(3600, 30), 86400, "capped at one day");
}
