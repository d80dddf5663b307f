/*
 * media.h: what other handlers need from handlers/media.c: the "media"
 * list of a new report, turned into uploads to attach.
 */
#ifndef HANDLERS_MEDIA_H
#define HANDLERS_MEDIA_H

#include "request.h"
#include "response.h"
#include "store/cases.h"

/*
 * Reads the optional "media" member of rq->json: a list of upload ids
 * (proved by the browser's upload cookies pa_up_<id>, as the web client
 * sends them) or of {"id": ..., "token": ...} objects (other API
 * clients). Sets
 * cn->media / cn->nmedia (arena memory; none when absent). Returns 0, or
 * an HTTP status with the error body already in rs. Whether each upload
 * exists and the token matches is checked when store_case_create attaches
 * them, inside the report's transaction.
 */
int	req_media_refs(struct req *rq, struct resp *rs, struct case_new *cn);

#endif
