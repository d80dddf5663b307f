#!/bin/bash
# t_deploy_chroot.sh: the built package in a clean Debian root: debootstrap
# --variant=minbase bookworm, then "apt-get install ./phananh_*.deb" inside
# it (services kept from starting by policy-rc.d), so the maintainer scripts
# really run: the phananh user in dialout, /etc/phananh and the media
# directories with their owners and modes, smsd.conf and jobd.conf created
# 0640 from the examples and kept on reinstall, the doctor naming what a
# fresh install still lacks (my.cnf, the database), and a purge removing
# what postinst made. Needs root, debootstrap and Debian's mirror (about
# 3 minutes, 300 MB), so it runs only with PHANANH_TEST_CHROOT=1; not in
# make check. Uses .build/deb/phananh_*.deb (scripts/build-deb) or $DEB.
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
MIRROR=${PHANANH_DEBIAN_MIRROR:-http://deb.debian.org/debian}
n=0
failed=0
ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}
[ "${PHANANH_TEST_CHROOT:-0}" = 1 ] || { echo "1..0 # SKIP set PHANANH_TEST_CHROOT=1"; exit 0; }
[ "$(id -u)" = 0 ] || { echo "1..0 # SKIP needs root"; exit 0; }
command -v debootstrap >/dev/null || { echo "1..0 # SKIP apt-get install debootstrap"; exit 0; }
DEB=${DEB:-$(ls "$top_srcdir"/.build/deb/phananh_*_amd64.deb 2>/dev/null | head -n 1)}
[ -f "$DEB" ] || { echo "1..0 # SKIP no package: run scripts/build-deb"; exit 0; }

T=$(mktemp -d "${TMPDIR:-/var/tmp}/phananh-chroot.XXXXXX")
R=$T/root
cleanup() {
	mountpoint -q "$R/proc" && umount "$R/proc"
	rm -rf "$T"
}
trap cleanup EXIT
in_root() { chroot "$R" /bin/sh -c "$1"; }

debootstrap --variant=minbase bookworm "$R" "$MIRROR" >"$T/debootstrap.log" 2>&1
ok $? "debootstrap --variant=minbase bookworm" || { tail -5 "$T/debootstrap.log" | sed 's/^/# /'; echo "1..$n"; exit 1; }
cp /etc/resolv.conf "$R/etc/resolv.conf"
printf '#!/bin/sh\nexit 101\n' >"$R/usr/sbin/policy-rc.d"
chmod 755 "$R/usr/sbin/policy-rc.d"
cp "$DEB" "$R/tmp/phananh.deb"
mount -t proc proc "$R/proc"
in_root 'apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q /tmp/phananh.deb' \
	>"$T/install.log" 2>&1
ok $? "apt-get install of the package and its dependencies (postinst ran)" ||
	tail -20 "$T/install.log" | sed 's/^/# /'
in_root 'id -nG phananh' | grep -qw dialout
ok $? "postinst: system user phananh, member of dialout"
st() { in_root "stat -c '%U:%G %a' $1"; }
[ "$(st /etc/phananh)" = "root:phananh 750" ]
ok $? "/etc/phananh root:phananh 0750"
[ "$(st /var/lib/phananh/media/private)" = "phananh:www-data 2750" ]
ok $? "media directories phananh:www-data 2750"
[ "$(st /etc/phananh/smsd.conf)" = "root:phananh 640" ] && [ "$(st /etc/phananh/jobd.conf)" = "root:phananh 640" ]
ok $? "smsd.conf and jobd.conf created root:phananh 0640"
cmp -s "$R/etc/phananh/jobd.conf" "$top_srcdir/etc/jobd.conf.example"
ok $? "jobd.conf is the shipped example"
in_root 'phananh-jobd -c /etc/phananh/jobd.conf' >"$T/jobd.out" 2>&1
grep -q 'cannot connect to the database' "$T/jobd.out"
ok $? "phananh-jobd accepts its installed config (stops at the missing database)"
in_root 'phananh-admin doctor' >"$T/doctor.out" 2>&1
rc=$?
[ "$rc" = 1 ] && grep -q 'cannot open the secrets file /etc/phananh/my.cnf' "$T/doctor.out" &&
	grep -q 'cannot connect to the database' "$T/doctor.out" &&
	grep -q '\[ OK \] phananh-smsd: /etc/phananh/smsd.conf' "$T/doctor.out"
ok $? "doctor on a fresh install: configs valid, my.cnf and the database missing, exit 1" ||
	sed 's/^/# /' "$T/doctor.out"
echo 'tick_ms = 500' >>"$R/etc/phananh/jobd.conf"
in_root 'dpkg -i /tmp/phananh.deb' >"$T/reinstall.log" 2>&1 &&
	[ "$(tail -n 1 "$R/etc/phananh/jobd.conf")" = "tick_ms = 500" ]
ok $? "a reinstall keeps the administrator's jobd.conf"
in_root 'DEBIAN_FRONTEND=noninteractive apt-get purge -y -q phananh' >"$T/purge.log" 2>&1 &&
	[ ! -e "$R/etc/phananh" ]
ok $? "purge removes /etc/phananh (postrm)"
echo "1..$n"
exit $failed
