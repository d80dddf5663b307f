#!/bin/bash
# t_backup.sh: scripts/backup and scripts/restore against a real MariaDB
# (the shared server in PHANANH_TEST_DB_SOCKET, or a private one started
# here). A database gets the schema (phananh-admin migrate), the demo data
# and cases; then:
#  1. a backup taken while a writer keeps adding cases (each with its
#     reporter, two events and a media file, in one transaction) restores
#     into a second database + media directory holding a consistent prefix:
#     every case with its reporter, events and file, and the same row
#     checksums as the source for those cases;
#  2. a backup of the quiet database restores with equal counts and
#     CHECKSUM TABLE for every table, the stored routine included.
# TAP.
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
ADMIN=${PHANANH_ADMIN:-}

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
is() {
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
[ -n "$ADMIN" ] && [ -x "$ADMIN" ] || skip_all "PHANANH_ADMIN not set (run through make check)"
for t in mariadb mariadb-dump tar gzip sha256sum; do
	command -v "$t" >/dev/null 2>&1 || skip_all "$t not installed"
done

T=$(mktemp -d "${TMPDIR:-/tmp}/phananh-backup.XXXXXX")
DBPID=
WRITER=
cleanup() {
	[ -n "$WRITER" ] && kill "$WRITER" 2>/dev/null
	if [ -n "${SOCK:-}" ] && [ -n "${SRC:-}" ]; then
		mariadb --no-defaults -S "$SOCK" -u"$DBUSER" \
		    -e "DROP DATABASE IF EXISTS $SRC; DROP DATABASE IF EXISTS $DST1; DROP DATABASE IF EXISTS $DST2" \
		    2>/dev/null
	fi
	[ -n "$DBPID" ] && kill "$DBPID" 2>/dev/null && wait "$DBPID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

# --- the server
DBUSER=${PHANANH_TEST_DB_USER:-root}
if [ -n "${PHANANH_TEST_DB_SOCKET:-}" ]; then
	SOCK=$PHANANH_TEST_DB_SOCKET
else
	command -v mariadbd >/dev/null 2>&1 || PATH=$PATH:/usr/sbin
	command -v mariadbd >/dev/null 2>&1 && command -v mariadb-install-db >/dev/null 2>&1 ||
	    skip_all "no PHANANH_TEST_DB_SOCKET and no mariadbd to start"
	SOCK=$T/mysqld.sock
	mariadb-install-db --no-defaults --datadir="$T/db" --user="$(id -un)" \
	    --auth-root-authentication-method=normal --skip-test-db >"$T/install.log" 2>&1 ||
	    skip_all "mariadb-install-db failed"
	mariadbd --no-defaults --user="$(id -un)" --datadir="$T/db" --socket="$SOCK" \
	    --skip-networking --pid-file="$T/mysqld.pid" --log-error="$T/mysqld.err" \
	    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
	    >"$T/mysqld.out" 2>&1 </dev/null &
	DBPID=$!
	for _ in $(seq 100); do
		mariadb-admin --no-defaults -S "$SOCK" -uroot ping >/dev/null 2>&1 && break
		sleep 0.1
	done
fi
mariadb-admin --no-defaults -S "$SOCK" -u"$DBUSER" ping >/dev/null 2>&1 ||
    skip_all "MariaDB at $SOCK does not answer"

SRC=pa_bk_src_$$
DST1=pa_bk_dst1_$$
DST2=pa_bk_dst2_$$
cat > "$T/my.cnf" <<EOF
[client-phananh-admin]
user = $DBUSER
socket = $SOCK
database = $SRC
default-character-set = utf8mb4
EOF
chmod 600 "$T/my.cnf"
cat > "$T/admin.conf" <<EOF
db_defaults_file = $T/my.cnf
db_group = client-phananh-admin
sql_dir = $top_srcdir/sql/migrations
data_dir = $top_srcdir/data
EOF
q() {	# q DB SQL: one query, tab-separated, no headers
	mariadb --no-defaults -S "$SOCK" -u"$DBUSER" -N -B "$1" -e "$2"
}
q mysql "CREATE DATABASE $SRC CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
"$ADMIN" -c "$T/admin.conf" migrate >"$T/migrate.out" 2>&1
ok $? "phananh-admin migrate on an empty database"
"$ADMIN" -c "$T/admin.conf" load "$top_srcdir/data/demo/demo.json" >"$T/load.out" 2>&1
ok $? "phananh-admin load data/demo/demo.json"
q "$SRC" "CREATE FUNCTION backup_probe() RETURNS INT DETERMINISTIC RETURN 42"

MEDIA=$T/media
mkdir -p "$MEDIA/public" "$MEDIA/private"
# add_cases FROM TO: each case in one transaction with its reporter and two
# events; its media file (named by its content's sha256, written before
# the commit, as the worker does) is named in channel_ref.
add_cases() {
	local i sql h
	sql=
	for i in $(seq "$1" "$2"); do
		h=$(printf 'photo of case %d\n' "$i" | tee "$T/blob" | sha256sum | cut -c1-64)
		mv "$T/blob" "$MEDIA/private/$h"
		sql="$sql
START TRANSACTION;
INSERT INTO cases (track_hash, channel, channel_ref, received_at, description,
  lat, lng, created_at, updated_at)
VALUES (SHA2('track-$i', 256), 'portal', 'media:$h', UTC_TIMESTAMP(),
  'Đèn đường hỏng số $i, phường Trần Hưng Đạo', 20.95, 106.33,
  UTC_TIMESTAMP(3), UTC_TIMESTAMP(3));
SET @c = LAST_INSERT_ID();
INSERT INTO case_reporters (case_id, name, phone) VALUES (@c, 'Nguyễn Văn $i', '+8491234$(printf %04d "$i")');
INSERT INTO case_events (case_id, at, kind, to_state, actor_kind, note)
  VALUES (@c, UTC_TIMESTAMP(3), 'submit', 'received', 'reporter', 'gửi phản ánh');
INSERT INTO case_events (case_id, at, kind, actor_kind, note)
  VALUES (@c, UTC_TIMESTAMP(3), 'note', 'system', 'tiếp nhận tự động');
COMMIT;"
	done
	printf '%s\n' "$sql" | mariadb --no-defaults -S "$SOCK" -u"$DBUSER" "$SRC"
}
add_cases 1 200
is "$(q "$SRC" 'SELECT COUNT(*) FROM cases')" 200 "200 cases before the backup"

# --- 1. backup under load
: > "$T/writer.err"
(
	i=201
	while [ ! -e "$T/stop" ]; do
		add_cases "$i" $((i + 4)) 2>>"$T/writer.err" || exit 1
		i=$((i + 5))
	done
) &
WRITER=$!
while [ "$(q "$SRC" 'SELECT COUNT(*) FROM cases')" -lt 260 ]; do sleep 0.05; done
before=$(q "$SRC" 'SELECT COUNT(*) FROM cases')
B1=$("$top_srcdir/scripts/backup" -c "$T/my.cnf" -m "$MEDIA" -o "$T/backups" 2>"$T/backup1.err")
rc=$?
after=$(q "$SRC" 'SELECT COUNT(*) FROM cases')
sleep 0.3
touch "$T/stop"
wait "$WRITER"
wrc=$?
WRITER=
ok $rc "backup under load"
sed 's/^/#   /' "$T/backup1.err"
[ "$after" -gt "$before" ]
ok $? "the writer added cases during the backup ($before -> $after)"
is "$wrc/$(cat "$T/writer.err")" "0/" "the writer had no errors"
[ -s "$B1/db.sql.gz" ] && [ -s "$B1/media.tar.gz" ] && [ -s "$B1/SHA256SUMS" ]
ok $? "backup directory has db.sql.gz, media.tar.gz, SHA256SUMS"
grep -q '^schema_version: [1-9]' "$B1/MANIFEST"
ok $? "MANIFEST records the schema version"
is "$(stat -c %a "$B1")" 700 "backup directory is private (0700)"

"$top_srcdir/scripts/restore" -c "$T/my.cnf" -d "$DST1" -m "$T/media1" "$B1" \
    >"$T/restore1.out" 2>&1
ok $? "restore into a fresh database and media directory"
sed 's/^/#   /' "$T/restore1.out"
N1=$(q "$DST1" 'SELECT COUNT(*) FROM cases')
M1=$(q "$DST1" 'SELECT MAX(id) FROM cases')
[ "$N1" -ge "$before" ] && [ "$N1" -le "$after" ]
ok $? "restored $N1 cases: between $before and $after"
is "$(q "$SRC" "SELECT COUNT(*) FROM cases WHERE id <= $M1")" "$N1" \
    "the restored cases are exactly the source's first $N1 (a snapshot)"
is "$(q "$DST1" 'SELECT COUNT(*) FROM cases c JOIN case_reporters r ON r.case_id = c.id')" \
    "$N1" "every restored case has its reporter"
is "$(q "$DST1" 'SELECT COUNT(*) FROM case_events')" "$((2 * N1))" \
    "every restored case has its two events, no stray event"
cs_case='SELECT COUNT(*), BIT_XOR(CRC32(CONCAT_WS(0x1f, id, track_hash, state, channel, channel_ref, received_at, description, lat, lng, created_at, updated_at))) FROM cases WHERE id <= '
cs_rep='SELECT COUNT(*), BIT_XOR(CRC32(CONCAT_WS(0x1f, case_id, name, phone, lang))) FROM case_reporters WHERE case_id <= '
cs_ev='SELECT COUNT(*), BIT_XOR(CRC32(CONCAT_WS(0x1f, id, case_id, at, kind, to_state, actor_kind, note))) FROM case_events WHERE case_id <= '
for c in cs_case cs_rep cs_ev; do
	is "$(q "$DST1" "${!c}$M1")" "$(q "$SRC" "${!c}$M1")" \
	    "row checksum of ${c#cs_} equals the source's for those cases"
done
missing=0
while read -r ref; do
	f=$T/media1/private/${ref#media:}
	[ -f "$f" ] && [ "$(sha256sum < "$f" | cut -c1-64)" = "${ref#media:}" ] ||
	    missing=$((missing + 1))
done < <(q "$DST1" 'SELECT channel_ref FROM cases')
is "$missing" 0 "every restored case's media file is restored, content intact"
is "$(q "$DST1" 'SELECT backup_probe()')" 42 "stored routine restored"
"$top_srcdir/scripts/restore" -c "$T/my.cnf" -d "$DST1" -m "$T/media1" "$B1" \
    >/dev/null 2>&1
[ $? -ne 0 ]
ok $? "restore refuses a database that has tables"

# --- 2. backup of a quiet database: every table identical
sleep 1	# a new backup directory name (one per second)
B2=$("$top_srcdir/scripts/backup" -c "$T/my.cnf" -m "$MEDIA" -o "$T/backups" 2>"$T/backup2.err")
ok $? "backup of the quiet database"
"$top_srcdir/scripts/restore" -c "$T/my.cnf" -d "$DST2" -m "$T/media2" "$B2" \
    >"$T/restore2.out" 2>&1
ok $? "restore it"
tables=$(q "$SRC" "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY 1")
is "$(q "$DST2" "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY 1")" \
    "$tables" "the same $(echo "$tables" | wc -l) tables"
bad=
for t in $tables; do
	a=$(q "$SRC" "SELECT COUNT(*) FROM \`$t\`")/$(q "$SRC" "CHECKSUM TABLE \`$t\`" | cut -f2)
	b=$(q "$DST2" "SELECT COUNT(*) FROM \`$t\`")/$(q "$DST2" "CHECKSUM TABLE \`$t\`" | cut -f2)
	[ "$a" = "$b" ] || bad="$bad $t($a vs $b)"
done
is "${bad:-none}" none "every table: same count and CHECKSUM TABLE"
is "$(q "$SRC" 'SELECT COUNT(*) FROM cases')" "$(q "$DST2" 'SELECT COUNT(*) FROM cases')" \
    "every case is there"
diff -r "$MEDIA" "$T/media2" >/dev/null
ok $? "media directory identical"
printf 'x' >> "$B2/media.tar.gz"
"$top_srcdir/scripts/restore" -c "$T/my.cnf" -d "${DST2}_x" -m "$T/media3" "$B2" \
    >/dev/null 2>&1
[ $? -ne 0 ]
ok $? "restore refuses a backup that fails its checksums"
q mysql "DROP DATABASE IF EXISTS ${DST2}_x"

echo "1..$n"
exit $failed
