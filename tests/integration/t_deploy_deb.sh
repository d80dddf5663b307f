#!/bin/bash
# t_deploy_deb.sh: scripts/build-deb builds the Debian package from this
# tree (about 30 s) and lintian finds no error; then the .deb is unpacked
# into a temporary root (no maintainer scripts run, the host is untouched)
# to check the layout, systemd-analyze verify the installed units against
# the installed programs, and render + nginx -t the installed nginx site.
# TAP.
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
OUT=$top_srcdir/.build/deb
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}

n=0
failed=0
ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=1
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
if [ -n "${PHANANH_IN_PACKAGE_BUILD:-}" ]; then
	echo "1..0 # SKIP running inside a package build (no recursion)"
	exit 0
fi
for t in dpkg-buildpackage dh lintian dpkg-deb; do
	command -v "$t" >/dev/null 2>&1 ||
	    skip_all "$t not installed (apt-get install dpkg-dev debhelper lintian)"
done
(cd "$top_srcdir" && dpkg-checkbuilddeps) >/dev/null 2>&1 ||
    skip_all "build dependencies missing: $(cd "$top_srcdir" && dpkg-checkbuilddeps 2>&1 | tail -n 1)"

T=$(mktemp -d "${TMPDIR:-/tmp}/phananh-deb.XXXXXX")
trap 'rm -rf "$T"' EXIT

"$top_srcdir/scripts/build-deb" >"$T/build.out" 2>&1
rc=$?
deb=$(ls "$OUT"/phananh_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ]
ok $? "scripts/build-deb built the package"
[ -n "$deb" ] || { sed 's/^/#   /' "$T/build.out"; echo "1..$n"; exit 1; }
ok $rc "lintian reports no error"
grep -E '^[EW]: ' "$T/build.out" | sed 's/^/#   /'
grep -q '^# FAIL: *0$' "$OUT/build.log"
ok $? "the unit tests passed during the build"

R=$T/root
mkdir -p "$R"
dpkg-deb -x "$deb" "$R"
for f in usr/sbin/phananh-fcgi usr/sbin/phananh-admin \
    lib/systemd/system/phananh-fcgi.socket lib/systemd/system/phananh-fcgi.service \
    lib/systemd/system/phananh-smsd.service lib/systemd/system/phananh-jobd.service \
    lib/systemd/system/phananh-gammu@.service \
    etc/phananh/fcgi.conf etc/phananh/admin.conf \
    usr/share/phananh/sql/migrations/001_init.sql \
    usr/share/phananh/data/calendars/vn-default.cal \
    usr/share/phananh/data/demo/demo.json \
    usr/share/phananh/nginx/phananh.conf usr/share/phananh/nginx/render \
    usr/share/phananh/nginx/errors/maintenance.html \
    usr/share/doc/phananh/examples/my.cnf.example \
    usr/share/phananh/conf/smsd.conf.example usr/share/phananh/conf/jobd.conf.example \
    usr/sbin/phananh-backup usr/sbin/phananh-restore usr/share/phananh/scripts/dbconf.sh \
    usr/share/doc/phananh/deploy.md; do
	[ -e "$R/$f" ]
	ok $? "installs /$f"
done
dpkg-deb -f "$deb" Depends | grep -q adduser
ok $? "depends on adduser (postinst creates the user)"
dpkg-deb -e "$deb" "$T/ctl"
grep -q 'adduser --system' "$T/ctl/postinst"
ok $? "postinst creates the phananh system user"
grep -q '^/etc/phananh/fcgi.conf$' "$T/ctl/conffiles"
ok $? "/etc/phananh/fcgi.conf is a conffile"
sh -n "$T/ctl/postinst"
ok $? "postinst is valid sh"
grep -q 'install -m 0640 -o root -g phananh' "$T/ctl/postinst" && sh -n "$T/ctl/postrm"
ok $? "postinst installs smsd.conf and jobd.conf (0640) when absent; postrm is valid sh"

# The installed units against the installed programs (stubs only for the
# programs this tree does not build yet).
if command -v systemd-analyze >/dev/null 2>&1 && [ -f /lib/systemd/system/sysinit.target ]; then
	V=$T/vroot
	mkdir -p "$V/usr/lib/systemd" "$V/usr/bin"
	cp -a "$R/usr" "$V/"
	ln -s usr/bin "$V/bin"
	ln -s usr/lib "$V/lib"
	cp -a /lib/systemd/system "$V/usr/lib/systemd/"
	cp "$R"/lib/systemd/system/phananh* "$V/usr/lib/systemd/system/"
	for p in usr/sbin/phananh-smsd usr/sbin/phananh-jobd usr/bin/gammu-smsd usr/bin/kill; do
		if [ ! -e "$V/$p" ]; then
			echo "# stub for /$p (not in this package)"
			printf '#!/bin/sh\n' > "$V/$p"
			chmod 755 "$V/$p"
		fi
	done
	systemd-analyze verify --root="$V" "$V"/usr/lib/systemd/system/phananh* >"$T/v.out" 2>&1
	rc=$?
	[ $rc -eq 0 ] && [ ! -s "$T/v.out" ]
	ok $? "systemd-analyze verify on the installed units"
	sed 's/^/#   /' "$T/v.out"
else
	echo "ok $((n + 1)) # SKIP systemd-analyze not available"
	n=$((n + 1))
fi

# The installed nginx templates render and pass nginx -t.
if [ -x "$NGINX" ] && command -v openssl >/dev/null 2>&1; then
	N=$T/nginx
	mkdir -p "$N/logs" "$N/tmp"
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
	    -subj /CN=localhost -days 1 -keyout "$N/k.pem" -out "$N/c.pem" 2>/dev/null
	"$R/usr/share/phananh/nginx/render" -o "$N/conf" CONF_DIR="$N/conf" \
	    ERRORS_DIR="$R/usr/share/phananh/nginx/errors" LOG_DIR="$N/logs" \
	    TLS_CERT="$N/c.pem" TLS_KEY="$N/k.pem" CLIENT_CA="$N/c.pem" \
	    HTTP_LISTEN=127.0.0.1:1 HTTPS_LISTEN=127.0.0.1:2 SYNC_LISTEN=127.0.0.1:3
	ok $? "the installed render writes the site"
	cat > "$N/nginx.conf" <<EOF
pid $N/nginx.pid;
events { }
http {
	include /etc/nginx/mime.types;
	client_body_temp_path $N/tmp/body;
	fastcgi_temp_path $N/tmp/fastcgi;
	proxy_temp_path $N/tmp/proxy;
	uwsgi_temp_path $N/tmp/uwsgi;
	scgi_temp_path $N/tmp/scgi;
	include $N/conf/phananh.conf;
}
EOF
	"$NGINX" -t -q -p "$N" -e "$N/logs/error.log" -c "$N/nginx.conf" >"$N/t.out" 2>&1
	rc=$?
	[ $rc -eq 0 ] && [ ! -s "$N/t.out" ]
	ok $? "nginx -t on the installed site (Debian paths): no error, no warning"
	sed 's/^/#   /' "$N/t.out"
else
	echo "ok $((n + 1)) # SKIP nginx or openssl not available"
	echo "ok $((n + 2)) # SKIP nginx or openssl not available"
	n=$((n + 2))
fi

echo "1..$n"
exit $failed
