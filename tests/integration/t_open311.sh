#!/usr/bin/env bash
# t_open311.sh: Open311 GeoReport v2 end to end through phananh-fcgi (cgi-fcgi): every resource in
# XML and JSON, every documented error, the 90-day and paging rules, tokens, servicerequestupdates,
# a Vietnamese description byte for byte, and that no confidential/secret case and no reporter
# identity ever comes out. The environment is set up here; the checks are in open311_check.py.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integration/lib.sh"

t_init open311
t_require cgi-fcgi python3 mariadb "$PHANANH_FCGI" "$PHANANH_ADMIN"
t_db
t_migrate || bail_out "migrate failed (see admin.log)"
t_admin load "$top_srcdir/data/demo/demo.json" >>"$T_DIR/admin.log" 2>&1 ||
	bail_out "loading demo.json failed"
# The attribute definitions are data (data/demo/open311-attributes.json). "phananh-admin load" reads
# them once admin/load.c calls store_o311_attrs_load(); until then they go in by SQL from the file.
t_admin load "$top_srcdir/data/demo/open311-attributes.json" >>"$T_DIR/admin.log" 2>&1
if [ "$(t_sql 'SELECT COUNT(*) FROM field_attributes')" = 0 ]; then
	python3 "$top_srcdir/tests/integration/open311_check.py" --attributes-sql \
		"$top_srcdir/data/demo/open311-attributes.json" >"$T_DIR/attrs.sql" &&
		mariadb --defaults-file="$T_DIR/my.cnf" <"$T_DIR/attrs.sql" ||
		bail_out "loading the attribute definitions failed"
fi
key_of() { sed -n 's/^api key.*: \(pa_[A-Za-z0-9_-]*\)$/\1/p'; }
O311_KEY=$(t_admin apikey add TTCDS open311 test | key_of)
O311_KEY_SXD=$(t_admin apikey add SXD open311 sxd | key_of)
O311_KEY_SYNC=$(t_admin apikey add SXD sync not-open311 | key_of)
[ -n "$O311_KEY" ] && [ -n "$O311_KEY_SXD" ] && [ -n "$O311_KEY_SYNC" ] ||
	bail_out "apikey add printed no key"
t_fcgi "public_url = https://www.phananh.test" || bail_out "phananh-fcgi did not start"

export T_DIR O311_KEY O311_KEY_SXD O311_KEY_SYNC
python3 "$top_srcdir/tests/integration/open311_check.py"
rc=$?
[ "$rc" -eq 0 ] || T_FAILED=1
exit "$rc"
