#!/usr/bin/env bash
# t_open311_media.sh: Open311 media through nginx, phananh-fcgi and the real
# database: multipart media[] uploads on POST requests (spooled by nginx to
# a file), refusals naming the file, and media_url / media_urls in GET
# output once a case's answer is published (open311_media_check.py).
. "${top_srcdir:-.}/tests/integration/lib.sh"
t_init open311_media
t_require mariadb nginx curl python3 exiftool vips "$PHANANH_FCGI" "$PHANANH_ADMIN"
t_db
t_migrate || bail_out "migrations failed"
t_admin load "$top_srcdir/data/demo/demo.json" >>"$T_DIR/admin.log" 2>&1 ||
	bail_out "demo data did not load"
O311_KEY=$(t_admin apikey add TTCDS open311 media-test |
	sed -n 's/^api key.*: \(pa_[A-Za-z0-9_-]*\)$/\1/p')
[ -n "$O311_KEY" ] || bail_out "apikey add printed no key"
t_fcgi "workers = 2" "public_url = https://www.phananh.test" ||
	bail_out "phananh-fcgi did not start"
t_nginx || bail_out "nginx did not start"
export T_BASE T_DIR O311_KEY
PYTHONPATH=$top_srcdir/tests/integration python3 \
	"$top_srcdir/tests/integration/open311_media_check.py"
