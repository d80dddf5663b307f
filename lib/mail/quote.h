/*
 * quote.h: the new text of a reply without the quoted earlier message:
 * "> " lines, the attribution line before them ("On … wrote:", "Vào …
 * đã viết:") and everything from an "-----Original Message-----" line.
 */
#ifndef MAIL_QUOTE_H
#define MAIL_QUOTE_H

/* Strips text in place (UTF-8, lines end in "\n"). Never fails. */
void	mail_strip_quotes(char *text);

#endif
