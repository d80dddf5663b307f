#!/bin/bash
# t_deploy_nginx.sh: the production nginx site (nginx/prod) rendered into a
# temp prefix. nginx -t on every combination of the snippets, then one nginx
# with all of them in front of fcgi_echo.py (a FastCGI responder that echoes
# the params it got) on high loopback ports: redirect, headers, allowlist
# (127.0.0.1 allowed, 127.0.0.2 not), client certificates (made here with
# openssl), maintenance switch, body limits, the 429 page under a burst, and
# the request id in the buffered access log. TAP.
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
SRC=$top_srcdir/nginx/prod
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}

n=0
failed=0
ok() {	# ok CONDITION-STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=1
	fi
}
is() {	# is GOT WANT DESCRIPTION
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		echo "#   got:  '$1'"
		echo "#   want: '$2'"
	fi
}
skip_all() {
	if [ -n "${PHANANH_REQUIRE_INTEGRATION:-}" ]; then
		echo "Bail out! $1 (PHANANH_REQUIRE_INTEGRATION is set)"
		exit 1
	fi
	echo "1..0 # SKIP $1"
	exit 0
}

for t in "$NGINX" openssl curl python3; do
	command -v "$t" >/dev/null 2>&1 || skip_all "$t not installed"
done

T=$(mktemp -d "${TMPDIR:-/tmp}/phananh-nginx.XXXXXX")
ECHO_PID=
cleanup() {
	[ -f "$T/nginx.pid" ] && kill "$(cat "$T/nginx.pid")" 2>/dev/null
	[ -n "$ECHO_PID" ] && kill "$ECHO_PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
P_HTTP=$(free_port)
P_HTTPS=$(free_port)
P_SYNC=$(free_port)

# --- certificates: a CA, the server, agencies A, B (registered), C (not
# registered) and a rogue CA's certificate with agency A's subject.
mkdir -p "$T/pki"
cd "$T/pki" || exit 1
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 -out "$1" 2>/dev/null; }
ca() {	# ca NAME SUBJECT
	key "$1.key"
	openssl req -x509 -new -key "$1.key" -subj "$2" -days 2 -out "$1.crt" \
	    -addext basicConstraints=critical,CA:TRUE 2>/dev/null
}
cert() {	# cert NAME SUBJECT CA EXT
	key "$1.key"
	openssl req -new -key "$1.key" -subj "$2" -out "$1.csr" 2>/dev/null
	printf '%s\n' "$4" > "$1.ext"
	openssl x509 -req -in "$1.csr" -CA "$3.crt" -CAkey "$3.key" \
	    -CAcreateserial -days 2 -extfile "$1.ext" -out "$1.crt" 2>/dev/null
}
ca ca "/C=VN/O=Phananh Test CA/CN=phananh-test-ca"
ca rogue "/C=VN/O=Rogue CA/CN=rogue-ca"
cert server "/CN=localhost" ca "subjectAltName=DNS:localhost,IP:127.0.0.1
extendedKeyUsage=serverAuth"
CLI="extendedKeyUsage=clientAuth"
cert agency-a "/C=VN/O=Agency A/CN=agency-a-sync" ca "$CLI"
cert agency-b "/C=VN/O=Agency B/CN=agency-b-sync" ca "$CLI"
cert agency-c "/C=VN/O=Agency C/CN=agency-c-sync" ca "$CLI"
cert rogue-a "/C=VN/O=Agency A/CN=agency-a-sync" rogue "$CLI"
cd - >/dev/null || exit 1
[ -s "$T/pki/rogue-a.crt" ] || skip_all "openssl could not make the test certificates"

# --- rendering
mkdir -p "$T/logs" "$T/tmp" "$T/run" "$T/web/staff" "$T/web/assets" \
    "$T/media/public" "$T/media/private" "$T/acme/.well-known/acme-challenge"
render() {	# render CONFDIR [render options...]
	local d=$1
	shift
	"$SRC/render" -s "$SRC" -o "$d" "$@" \
	    CONF_DIR="$d" ERRORS_DIR="$SRC/errors" WEB_ROOT="$T/web" \
	    MEDIA_DIR="$T/media" MAINTENANCE_FILE="$T/maintenance" \
	    FCGI_SOCKET="$T/run/fcgi.sock" LOG_DIR="$T/logs" ACME_ROOT="$T/acme" \
	    SERVER_NAME=localhost SYNC_SERVER_NAME=localhost \
	    HTTP_LISTEN="127.0.0.1:$P_HTTP" HTTPS_LISTEN="127.0.0.1:$P_HTTPS" \
	    SYNC_LISTEN="127.0.0.1:$P_SYNC" \
	    TLS_CERT="$T/pki/server.crt" TLS_KEY="$T/pki/server.key" \
	    CLIENT_CA="$T/pki/ca.crt"
}
wrapper() {	# wrapper PREFIX CONFDIR: the main nginx.conf around the site
	{
		[ "$(id -u)" -eq 0 ] && echo "user root;"
		cat <<EOF
worker_processes 1;
pid $1/nginx.pid;
error_log $T/logs/error.log warn;
events { worker_connections 512; }
http {
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	client_body_temp_path $T/tmp/body;
	fastcgi_temp_path $T/tmp/fastcgi;
	proxy_temp_path $T/tmp/proxy;
	uwsgi_temp_path $T/tmp/uwsgi;
	scgi_temp_path $T/tmp/scgi;
	include $2/phananh.conf;
}
EOF
	} > "$1/nginx.conf"
}

"$SRC/render" -o "$T/bad" NO_SUCH_TOKEN=1 2>/dev/null
is "$?" 2 "render refuses an unknown token"

# Every combination of the four snippets passes nginx -t.
snips=(public staff metrics sync)
for mask in $(seq 0 15); do
	x=
	for i in 0 1 2 3; do
		if [ $(((mask >> i) & 1)) -eq 1 ]; then
			x=${x:+$x,}${snips[$i]}
		fi
	done
	d=$T/combo$mask
	mkdir -p "$d"
	render "$d/conf" ${x:+-x "$x"} >"$d/render.out" 2>&1
	wrapper "$d" "$d/conf"
	"$NGINX" -t -q -p "$d" -e "$T/logs/error.log" -c "$d/nginx.conf" \
	    >"$d/t.out" 2>&1
	rc=$?
	[ $rc -eq 0 ] && [ ! -s "$d/t.out" ]
	rc=$?
	ok $rc "nginx -t with all snippets${x:+ except $x}: no error, no warning"
	[ $rc -eq 0 ] || sed 's/^/#   /' "$d/render.out" "$d/t.out"
done
grep -c '^#.*include .*snippet:' "$T/combo15/conf/phananh.conf" >"$T/c15"
is "$(cat "$T/c15")" 4 "render -x comments out the four include lines"

# --- the running site: everything on, plus a local include
C=$T/live/conf
mkdir -p "$T/live"
render "$C" >/dev/null
cat > "$C/allowlist-staff.conf" <<'EOF'
allow 127.0.0.1;
deny all;
EOF
cp "$C/allowlist-staff.conf" "$C/allowlist-metrics.conf"
cat > "$C/agencies.map" <<'EOF'
"CN=agency-a-sync,O=Agency A,C=VN"	AGA;
"CN=agency-b-sync,O=Agency B,C=VN"	AGB;
EOF
echo 'location = /_test/local { return 200 "local include\n"; }' \
    > "$C/local/site-test.conf"
wrapper "$T/live" "$C"
echo '<h1>portal</h1>' > "$T/web/index.html"
echo '<h1>staff workspace</h1>' > "$T/web/staff/index.html"
echo 'console.log(1);' > "$T/web/assets/app.3f2a.js"
echo 'jpeg' > "$T/media/public/ab12.jpg"
echo 'token' > "$T/acme/.well-known/acme-challenge/tok"

python3 "$top_srcdir/tests/integration/fcgi_echo.py" "$T/run/fcgi.sock" \
    2>"$T/logs/echo.err" &
ECHO_PID=$!
"$NGINX" -p "$T/live" -e "$T/logs/error.log" -c "$T/live/nginx.conf" \
    2>"$T/logs/start.err"
for _ in $(seq 50); do
	[ -S "$T/run/fcgi.sock" ] && [ -s "$T/live/nginx.pid" ] && break
	sleep 0.1
done
if ! [ -S "$T/run/fcgi.sock" ] || ! [ -s "$T/live/nginx.pid" ]; then
	ok 1 "nginx and the echo responder start"
	sed 's/^/#   /' "$T/logs/start.err" "$T/logs/error.log" "$T/logs/echo.err"
	echo "1..$n"
	exit 1
fi
ok 0 "nginx and the echo responder start"
cp "$T/live/nginx.pid" "$T/nginx.pid"

H="https://localhost:$P_HTTPS"
S="https://localhost:$P_SYNC"
RES=(--resolve "localhost:$P_HTTPS:127.0.0.1" --resolve "localhost:$P_SYNC:127.0.0.1"
    --resolve "localhost:$P_HTTP:127.0.0.1")
req() {	# req OUTFILE [curl args...]: prints the status code
	local o=$1
	shift
	curl -s --max-time 10 --cacert "$T/pki/ca.crt" "${RES[@]}" \
	    -D "$o.h" -o "$o" -w '%{http_code}' "$@"
}
hdr() {	# hdr OUTFILE NAME: a response header's value
	sed -n "s/^$2: *//Ip" "$1.h" | tr -d '\r' | head -n 1
}
jget() {	# jget FILE KEY: a top-level string of a JSON object
	python3 -c 'import json,sys
try:
    v = json.load(open(sys.argv[1]))
except Exception:
    print("<not json>"); sys.exit(0)
k = sys.argv[2].split(".")
for p in k:
    v = v.get(p, "<missing>") if isinstance(v, dict) else "<missing>"
print(v)' "$1" "$2"
}
A2=(--interface 127.0.0.2)
R=$T/r

# redirect and ACME
is "$(req "$R" "http://localhost:$P_HTTP/api/v1/health?x=1")" 301 "http: 301"
is "$(hdr "$R" Location)" "https://localhost/api/v1/health?x=1" \
    "http: redirect to the same path on https"
is "$(req "$R" "http://localhost:$P_HTTP/.well-known/acme-challenge/tok")" 200 \
    "http: ACME challenge served without redirect"

# the always-on paths, the headers, what reaches the worker
is "$(req "$R" "$H/api/v1/health")" 200 "health passes to the worker"
rid=$(hdr "$R" X-Request-Id)
is "$(jget "$R" REQUEST_ID)" "$rid" "REQUEST_ID param equals the X-Request-Id header"
is "$(grep -ic '^x-request-id:' "$R.h")" 1 "one X-Request-Id header (the worker's is hidden)"
is "$(hdr "$R" Strict-Transport-Security)" "max-age=63072000; includeSubDomains" "HSTS"
is "$(jget "$R" SSL_CLIENT_VERIFY)" NONE "main server: SSL_CLIENT_VERIFY=NONE"
is "$(jget "$R" HTTPS)" on "HTTPS=on reaches the worker"
is "$(req "$R" --tlsv1.2 --tls-max 1.2 "$H/api/v1/health")" 200 "TLS 1.2 works"
is "$(req "$R" "$H/api/v1/nope")" 404 "an API path no snippet opens: 404 from nginx"
is "$(jget "$R" error.code)" not_found "... with the JSON error body"
is "$(req "$R" "$H/api/sync/v1/cases")" 404 "sync API is not on the main server"
is "$(req "$R" -H "SSL-Client-S-DN: CN=agency-a-sync,O=Agency A,C=VN" \
    -H "SSL-Client-Verify: SUCCESS" "$H/api/v1/public/cases")" 200 \
    "public API with spoofed certificate headers"
is "$(jget "$R" SSL_CLIENT_S_DN)/$(jget "$R" SSL_CLIENT_VERIFY)" "/NONE" \
    "... headers do not become SSL_CLIENT_* params"
is "$(req "$R" "$H/_test/local")" 200 "local/site-*.conf is included"

# staff allowlist
is "$(req "$R" "$H/api/v1/queues/intake")" 200 "staff API from 127.0.0.1: passed to the worker"
is "$(jget "$R" REQUEST_URI)" /api/v1/queues/intake "... with its URI"
is "$(req "$R" "${A2[@]}" "$H/api/v1/queues/intake")" 403 "staff API from 127.0.0.2: 403"
is "$(req "$R" "${A2[@]}" -d '{}' "$H/api/v1/auth/login")" 403 "login from 127.0.0.2: 403"
is "$(req "$R" "${A2[@]}" "$H/api/v1/cases/PA-1")" 403 "case from 127.0.0.2: 403"
is "$(req "$R" "$H/staff/")" 200 "staff workspace page from 127.0.0.1"
is "$(req "$R" "${A2[@]}" "$H/staff/")" 403 "staff workspace page from 127.0.0.2: 403"
is "$(req "$R" "$H/metrics")" 200 "/metrics from 127.0.0.1"
is "$(req "$R" "${A2[@]}" "$H/metrics")" 403 "/metrics from 127.0.0.2: 403"
is "$(req "$R" "${A2[@]}" "$H/api/v1/public/cases")" 200 "public API from 127.0.0.2"
is "$(req "$R" "${A2[@]}" "$H/")" 200 "portal from 127.0.0.2"

# caching headers (and the common headers survive a location's add_header)
req "$R" "$H/assets/app.3f2a.js" >/dev/null
is "$(hdr "$R" Cache-Control)" "public, max-age=31536000, immutable" "assets: immutable"
is "$(hdr "$R" X-Content-Type-Options)" nosniff "assets: common headers kept"
req "$R" "$H/media/ab12.jpg" >/dev/null
[ "$(cat "$R")" != "jpeg" ]
ok $? "no static media directory: every file goes through the worker's check"
req "$R" "$H/" >/dev/null
is "$(hdr "$R" Cache-Control)" no-cache "portal HTML: no-cache"
is "$(hdr "$R" Strict-Transport-Security)" "max-age=63072000; includeSubDomains" \
    "portal HTML: HSTS kept"
is "$(req "$R" "$H/internal/media/public/ab12.jpg")" 404 "media files are internal only (X-Accel-Redirect after the access check)"

# body limits
head -c 2097152 /dev/zero > "$T/2m"
is "$(req "$R" --data-binary @"$T/2m" "$H/api/v1/public/cases")" 413 \
    "2 MB to a 1 MB location: 413"
is "$(req "$R" --data-binary @"$T/2m" "$H/open311/v2/servicerequestupdates.json")" 200 \
    "2 MB to Open311 (10 MB): passed"
is "$(jget "$R" _body_bytes)" 2097152 "... the whole body reaches the worker"
head -c 12582912 /dev/zero > "$T/12m"
is "$(req "$R" --data-binary @"$T/12m" "$H/open311/v2/requests.json")" 200 \
    "12 MB to Open311 requests (photos, 100 MB): passed"
is "$(jget "$R" _body_bytes)" 0 "... as a spooled file, not through FastCGI"
case $(jget "$R" REQUEST_BODY_FILE) in
/*) ok 0 "... whose path is REQUEST_BODY_FILE" ;;
*) ok 1 "... whose path is REQUEST_BODY_FILE" ;;
esac
rm -f "$T/12m"
head -c 20000 /dev/zero > "$T/20k"
is "$(req "$R" --data-binary @"$T/20k" "$H/api/v1/auth/login")" 413 \
    "20 kB to login (16 kB): 413"

# maintenance switch
touch "$T/maintenance"
is "$(req "$R" -d '{}' "$H/api/v1/reports")" 503 "maintenance: submit 503"
is "$(jget "$R" error.code)" maintenance "... JSON maintenance body"
is "$(hdr "$R" Retry-After)" 300 "... Retry-After"
is "$(req "$R" "$H/")" 503 "maintenance: portal 503"
grep -q 'bảo trì' "$R"
ok $? "... the HTML maintenance page"
is "$(req "$R" "$H/open311/v2/services.json")" 503 "maintenance: Open311 503"
is "$(req "$R" "$H/api/v1/queues/intake")" 200 "maintenance: staff API still served"
is "$(req "$R" "$H/staff/")" 200 "maintenance: staff workspace still served"
is "$(req "$R" "$H/api/v1/health")" 200 "maintenance: health still served"
rm -f "$T/maintenance"
is "$(req "$R" -d '{}' "$H/api/v1/reports")" 200 "maintenance off: submit passes again"

# the client certificates on the sync server
is "$(req "$R" --cert "$T/pki/agency-a.crt" --key "$T/pki/agency-a.key" \
    -d '{}' "$S/api/sync/v1/cases")" 200 "agency A certificate: passed to the worker"
is "$(jget "$R" SSL_CLIENT_VERIFY)" SUCCESS "... SSL_CLIENT_VERIFY=SUCCESS"
is "$(jget "$R" SSL_CLIENT_S_DN)" "CN=agency-a-sync,O=Agency A,C=VN" "... SSL_CLIENT_S_DN of A"
is "$(jget "$R" PHANANH_AGENCY)" AGA "... PHANANH_AGENCY=AGA"
is "$(req "$R" --cert "$T/pki/agency-b.crt" --key "$T/pki/agency-b.key" \
    "$S/api/sync/v1/cases")" 200 "agency B certificate: passed"
is "$(jget "$R" SSL_CLIENT_S_DN)|$(jget "$R" PHANANH_AGENCY)" \
    "CN=agency-b-sync,O=Agency B,C=VN|AGB" "... DN and agency of B"
fp=$(openssl x509 -in "$T/pki/agency-b.crt" -noout -fingerprint -sha1 |
    sed 's/.*=//; s/://g' | tr 'A-F' 'a-f')
is "$(jget "$R" SSL_CLIENT_FINGERPRINT)" "$fp" "... SSL_CLIENT_FINGERPRINT of B"
is "$(req "$R" "$S/api/sync/v1/cases")" 400 "no certificate: 400"
is "$(jget "$R" error.code)" client_certificate_required "... cert-required body"
is "$(req "$R" --cert "$T/pki/rogue-a.crt" --key "$T/pki/rogue-a.key" \
    "$S/api/sync/v1/cases")" 400 "A's subject from another CA: 400"
is "$(jget "$R" error.code)" client_certificate_invalid "... cert-invalid body"
is "$(req "$R" --cert "$T/pki/agency-c.crt" --key "$T/pki/agency-c.key" \
    "$S/api/sync/v1/cases")" 403 "valid certificate, agency not in agencies.map: 403"
is "$(jget "$R" error.code)" agency_not_registered "... agency-unknown body"
is "$(req "$R" --cert "$T/pki/agency-a.crt" --key "$T/pki/agency-a.key" \
    "$S/api/v1/queues/intake")" 404 "sync server serves nothing but /api/sync/"

# 429 under a burst of 50 parallel submissions (10/min, burst 5)
seq 50 | xargs -P 50 -I{} curl -s -o "$T/burst.{}" -D "$T/hdr.{}" -w '%{http_code}\n' \
    --cacert "$T/pki/ca.crt" "${RES[@]}" -d '{}' "$H/api/v1/reports" \
    > "$T/burst.codes"
n429=$(grep -c '^429$' "$T/burst.codes")
n200=$(grep -c '^200$' "$T/burst.codes")
[ "$n429" -ge 40 ] && [ $((n429 + n200)) -eq 50 ]
ok $? "burst: $n429 of 50 refused with 429, $n200 passed"
f=$(grep -l rate_limited "$T"/burst.* | head -n 1)
[ -n "$f" ]
ok $? "... with the JSON 429 page"
is "$(sed -n 's/^Retry-After: *//Ip' "${f/burst./hdr.}" | tr -d '\r')" 60 "... and Retry-After"

# buffered access log: flushed when nginx stops
kill -QUIT "$(cat "$T/nginx.pid")"
for _ in $(seq 50); do
	[ -e "$T/live/nginx.pid" ] || break
	sleep 0.1
done
rm -f "$T/nginx.pid"
grep -q "rid=$rid " "$T/logs/phananh-access.log"
ok $? "access log line carries the request id"
grep -q 'cdn="CN=agency-a-sync,O=Agency A,C=VN"' "$T/logs/phananh-sync-access.log"
ok $? "sync access log carries the client certificate subject"

echo "1..$n"
exit $failed
