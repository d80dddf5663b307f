/*
 * html.h: HTML mail bodies to plain text (no DOM, no network): tags
 * dropped, block ends become line breaks, script/style skipped, entities
 * decoded. Good enough to read a citizen's message; not a renderer.
 */
#ifndef MAIL_HTML_H
#define MAIL_HTML_H

#include "core/buf.h"

/*
 * Appends the text of UTF-8 html to out (initialised by the caller with
 * its own limit). Runs of blank lines collapse to one. Returns 0, or -1
 * when out's limit was reached (out holds what fitted).
 */
int	mail_html_to_text(const char *html, struct buf *out);

#endif
