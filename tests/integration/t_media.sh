#!/usr/bin/env bash
# t_media.sh: the media pipeline end to end through nginx, phananh-fcgi and
# the real database (tests/integration/media_check.py does the work):
# uploads checked by content, EXIF-free public copies, thumbnails, the
# nginx body cap, and access to a confidential case's photos.
. "${top_srcdir:-.}/tests/integration/lib.sh"
t_init media
t_require mariadb nginx curl python3 exiftool vips "$PHANANH_FCGI" "$PHANANH_ADMIN"
t_db
t_migrate || bail_out "migrations failed"
t_admin load "$top_srcdir/data/demo/demo.json" >>"$T_DIR/admin.log" 2>&1 ||
	bail_out "demo data did not load"
t_fcgi "workers = 2" || bail_out "phananh-fcgi did not start"
t_nginx || bail_out "nginx did not start"
export T_BASE T_DIR T_PORT
PYTHONPATH=$top_srcdir/tests/integration python3 \
	"$top_srcdir/tests/integration/media_check.py"
