#!/usr/bin/env bash
# t_nginx.sh: the shipped nginx configs: "nginx -t" on dev.conf.in (rendered) and phananh.conf, static
# files from web/ with the security headers, and /api/ + /open311/ routed to FastCGI (502 with no worker).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/integration/lib.sh"

t_init nginx
t_require nginx curl jq
plan 17

# 1. the dev config, rendered as the tests and scripts/up use it
t_nginx_conf_ok() { # DESC CMD...: nginx -t passes without warnings
	local desc=$1 out rc
	shift
	out=$("$@" 2>&1)
	rc=$?
	[ "$rc" -eq 0 ] && ! [[ $out =~ \[(warn|emerg|alert|crit)\] ]]
	ok $? "$desc" || diag "$out"
}
ph_nginx_prepare "$top_srcdir" "$T_DIR/nginx" 18080 "$top_srcdir/web" "$T_DIR/fcgi.sock" "$T_DIR/media" 1
t_nginx_conf_ok "nginx -t on the rendered nginx/dev.conf.in" ph_nginx "$T_DIR/nginx" -t

# 2. the production site, inside a minimal http block, with its absolute paths moved into $T_DIR
P=$T_DIR/prod
mkdir -p "$P/conf/snippets" "$P/conf/sites" "$P/logs" "$P/lib/tmp/body" "$P/lib/media" "$P/run" "$P/tmp"
cp "$top_srcdir/nginx/server_phananh.conf" "$top_srcdir/nginx/fastcgi_phananh.conf" "$P/conf/snippets/"
sed -e "s|/var/log/nginx/|$P/logs/|g" -e "s|/var/lib/phananh/|$P/lib/|g" \
	-e "s|/run/phananh/|$P/run/|g" -e "s|/usr/share/phananh/web|$top_srcdir/web|g" \
	"$top_srcdir/nginx/phananh.conf" >"$P/conf/sites/phananh.conf"
cat >"$P/conf/nginx.conf" <<CONF
pid $P/logs/nginx.pid;
error_log $P/logs/error.log;
events { }
http {
	fastcgi_temp_path $P/tmp; proxy_temp_path $P/tmp; scgi_temp_path $P/tmp; uwsgi_temp_path $P/tmp;
	include sites/phananh.conf;
}
CONF
t_nginx_conf_ok "nginx -t on nginx/phananh.conf (production site)" \
	nginx -p "$P/" -c conf/nginx.conf -e logs/error.log -t

t_nginx || bail_out "nginx did not start"

# 3-10. a static file with the security headers and a request id
t_get /
is "$T_STATUS" 200 "GET / serves web/index.html"
like "$T_BODY" "phananh" "the page is web/index.html"
like "$(t_header Content-Type)" "^text/html; charset=utf-8$" "HTML in UTF-8"
is "$(t_header X-Content-Type-Options)" "nosniff" "X-Content-Type-Options: nosniff"
is "$(t_header X-Frame-Options)" "DENY" "X-Frame-Options: DENY"
is "$(t_header Referrer-Policy)" "strict-origin-when-cross-origin" "Referrer-Policy"
like "$(t_header Content-Security-Policy)" "default-src 'self';.*frame-ancestors 'none'" "Content-Security-Policy"
static_id=$(t_header X-Request-Id)
like "$static_id" '^[0-9a-f]{32}$' "X-Request-Id is nginx's \$request_id"

# 11-14. /api/ and /open311/ go to FastCGI: no worker listens, so 502 in the API's error shape
t_get /api/v1/no-such-endpoint
is "$T_STATUS" 502 "/api/ is routed to FastCGI (502 with no worker)"
is "$(printf '%s' "$T_BODY" | jq -r .error.code 2>&1)" unavailable "the 502 body is the JSON error shape"
is "$(t_header X-Frame-Options)" "DENY" "security headers on error responses too"
t_get /open311/v2/discovery.json
is "$T_STATUS" 502 "/open311/ is routed to FastCGI"

# 15. body limit on JSON APIs (1m)
head -c 2000000 /dev/zero | tr '\0' 'a' >"$T_DIR/big.json"
t_post /api/v1/cases "@$T_DIR/big.json"
is "$T_STATUS" 413 "a 2 MB body to /api/ is refused with 413"

# 16. no dot-files from the web root
t_get /.git/config
is "$T_STATUS" 404 "dot-files are not served"

# 17. the buffered access log carries the request id (flushed when nginx quits)
ph_nginx_stop "$T_NGINX_PREFIX"
T_NGINX_PREFIX=""
grep -q "req=$static_id .*\"GET / HTTP/1.1\" 200" "$T_DIR/nginx/logs/access.log"
ok $? "access log line with the request id" || tail -n 5 "$T_DIR/nginx/logs/access.log" | sed 's/^/# /'

done_testing
