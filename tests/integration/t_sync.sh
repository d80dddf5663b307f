#!/usr/bin/env bash
# t_sync.sh: the agency sync API and webhooks end to end through nginx, the real database and
# phananh-jobd: the change feed consumed while a case goes through its lifecycle (a client killed
# mid-page resumes from its cursor and ends with exactly the events, in order), events committed
# out of id order, idempotent actions (also concurrent), case registration, no reporter identity or
# secret content in any sync answer, and webhooks against a local receiver (signature, 500 three
# times then 200, a receiver that never answers ends dead, redelivery). Checks: sync_check.py.
. "${top_srcdir:-.}/tests/integration/lib.sh"
PHANANH_JOBD=${PHANANH_JOBD:-$top_builddir/jobd/phananh-jobd}
t_init sync
t_require mariadb nginx curl python3 openssl "$PHANANH_FCGI" "$PHANANH_ADMIN" "$PHANANH_JOBD"
t_db
t_migrate || bail_out "migrations failed (see admin.log)"
t_admin load "$top_srcdir/data/demo/demo.json" >>"$T_DIR/admin.log" 2>&1 ||
	bail_out "demo data did not load"
key_of() { sed -n 's/^api key.*: \(pa_[A-Za-z0-9_-]*\)$/\1/p'; }
SYNC_KEY_SXD=$(t_admin apikey add SXD sync sxd-system | key_of)
SYNC_KEY_QN=$(t_admin apikey add UBND-QN sync qn-system | key_of)
SYNC_KEY_SNN=$(t_admin apikey add SNNMT sync snn-system | key_of)
O311_KEY_SXD=$(t_admin apikey add SXD open311 sxd-open311 | key_of)
[ -n "$SYNC_KEY_SXD" ] && [ -n "$SYNC_KEY_QN" ] && [ -n "$SYNC_KEY_SNN" ] &&
	[ -n "$O311_KEY_SXD" ] || bail_out "apikey add printed no key"
t_fcgi "workers = 6" || bail_out "phananh-fcgi did not start"
t_nginx || bail_out "nginx did not start"

t_bg "$T_DIR/hook.log" python3 "$top_srcdir/tests/integration/hook_server.py" "$T_DIR/hook.port"
for _ in $(seq 50); do [ -s "$T_DIR/hook.port" ] && break; sleep 0.1; done
HOOK_PORT=$(cat "$T_DIR/hook.port" 2>/dev/null)
[ -n "$HOOK_PORT" ] || bail_out "hook_server.py did not start"

# Short timeouts and a 1 s backoff base so retries and dead-lettering fit in seconds.
cat >"$T_DIR/jobd.conf" <<-CONF
	db_defaults_file = $T_DIR/my.cnf
	db_group = client-phananh
	log_level = debug
	tick_ms = 100
	modules = webhooks
	webhook_interval = 1
	webhook_max_attempts = 4
	webhook_backoff_s = 1
	webhook_timeout_ms = 1000
CONF
t_bg "$T_DIR/jobd.log" "$PHANANH_JOBD" -c "$T_DIR/jobd.conf"
JOBD_PID=$T_BG_PID

export T_BASE T_DIR HOOK_PORT SYNC_KEY_SXD SYNC_KEY_QN SYNC_KEY_SNN O311_KEY_SXD JOBD_PID
PYTHONPATH=$top_srcdir/tests/integration python3 "$top_srcdir/tests/integration/sync_check.py"
rc=$?
[ "$rc" -eq 0 ] || T_FAILED=1
exit "$rc"
