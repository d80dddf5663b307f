/*
 * replies.h: the inbound side of phananh-smsd: officers' replies from
 * gammu's inbox ("OK 1234", "TRA 1234 <lý do>") become workflow actions
 * through store_case_act(), the one transition function, and get a
 * confirmation or help SMS (queued as a notification, so it goes out
 * through the same path as every alert).
 */
#ifndef SMS_REPLIES_H
#define SMS_REPLIES_H

struct smsd;

/*
 * One pass over the unprocessed inbox rows (for conf->phone_id, or all):
 * each is handled and marked processed. Continuation parts of a multipart
 * reply and messages from numbers that are not an active user's are
 * marked processed without an action or an answer (logged). *handled
 * counts the rows marked. Returns 0, or -1 on a database error (the row
 * that failed stays unprocessed and is read again on the next pass).
 */
int	replies_poll(struct smsd *, int *handled);

#endif /* SMS_REPLIES_H */
