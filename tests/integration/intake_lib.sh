# tests/integration/intake_lib.sh: what t_mailin.sh and t_facebook.sh share (bash, sourced after
# lib.sh): a migrated database with the demo data, phananh-jobd with a config of our own, Dovecot
# on a throwaway Maildir, a staff session through the worker's socket.
# shellcheck shell=bash disable=SC2034

PHANANH_JOBD=${PHANANH_JOBD:-$top_builddir/jobd/phananh-jobd}
IA_JOBD_PID=""

# ia_db: database, every migration (a copy of sql/migrations; numbers not on this branch yet get
# a no-op file, so the test runs before and after the lead's merges) and the demo data.
ia_db() {
	local v max f
	t_db
	mkdir -p "$T_DIR/sql"
	cp "$top_srcdir"/sql/migrations/*.sql "$T_DIR/sql/"
	max=$(ls "$T_DIR/sql" | sed -n 's/^\([0-9][0-9][0-9]\)_.*/\1/p' | sort -n | tail -1)
	for ((v = 1; v <= 10#$max; v++)); do
		f=$(printf '%03d' "$v")
		ls "$T_DIR/sql/${f}"_*.sql >/dev/null 2>&1 ||
			echo "SELECT 1;" >"$T_DIR/sql/${f}_placeholder.sql"
	done
	cat >"$T_DIR/admin.conf" <<-CONF
		db_defaults_file = $T_DIR/my.cnf
		db_group = client-phananh
		sql_dir = $T_DIR/sql
		data_dir = $top_srcdir/data
	CONF
	t_migrate || bail_out "migrations failed (admin.log)"
	t_admin load "$top_srcdir/data/demo/demo.json" >>"$T_DIR/admin.log" 2>&1 ||
		bail_out "demo data did not load"
	mkdir -p "$T_DIR/media"
}

# ia_jobd_start "key = value"...: phananh-jobd with $T_DIR/jobd.conf (base keys + arguments).
ia_jobd_start() {
	cat >"$T_DIR/jobd.conf" <<-CONF
		db_defaults_file = $T_DIR/my.cnf
		db_group = client-phananh
		log_level = debug
		tick_ms = 100
		public_url = http://phananh.test
		media_dir = $T_DIR/media
	CONF
	t_conf_set "$T_DIR/jobd.conf" "$@"
	t_bg "$T_DIR/jobd.log" "$PHANANH_JOBD" -c "$T_DIR/jobd.conf"
	IA_JOBD_PID=$T_BG_PID
}

ia_jobd_stop() {
	[ -n "$IA_JOBD_PID" ] || return 0
	ph_stop_pid "$IA_JOBD_PID" 10
	wait "$IA_JOBD_PID" 2>/dev/null
	IA_JOBD_PID=""
}

# ia_count SQL: the single number SQL returns.
ia_count() {
	t_sql "$1" | head -1
}

# ia_wait_count SECONDS WANT SQL: wait until SQL returns WANT (then true).
ia_wait_count() {
	local tries=$(($1 * 10))
	while [ "$tries" -gt 0 ]; do
		[ "$(ia_count "$3")" = "$2" ] && return 0
		sleep 0.1
		tries=$((tries - 1))
	done
	return 1
}

# ia_dovecot: Dovecot (imap only, no TLS, plain password) on a free 127.0.0.1 port over the
# Maildir $IA_MAIL; user "intake", password in $T_DIR/imap.pw. Sets IA_IMAP_PORT, IA_IMAP_URL.
# As root the login process runs as dovenull and the mail as dovecot (Dovecot refuses root).
ia_dovecot() {
	local muser mgroup luser
	IA_MAIL=$T_DIR/mail
	mkdir -p "$IA_MAIL/cur" "$IA_MAIL/new" "$IA_MAIL/tmp" "$T_DIR/dovecot"
	if [ "$(id -u)" = 0 ]; then
		muser=dovecot mgroup=dovecot luser=dovenull
		chown -R dovecot:dovecot "$IA_MAIL"
		chmod 755 "$T_DIR"
	else
		muser=$(id -un) mgroup=$(id -gn) luser=$(id -un)
	fi
	IA_MAIL_OWNER=$muser:$mgroup
	IA_IMAP_PORT=$(ph_free_port "") || bail_out "no free port for dovecot"
	printf 'intake:{PLAIN}imap-secret-1\n' >"$T_DIR/dovecot/passwd"
	printf 'imap-secret-1\n' >"$T_DIR/imap.pw"
	cat >"$T_DIR/dovecot/dovecot.conf" <<-CONF
		base_dir = $T_DIR/dovecot/run
		state_dir = $T_DIR/dovecot/state
		instance_name = phananh-$T_NAME-$$
		protocols = imap
		listen = 127.0.0.1
		ssl = no
		disable_plaintext_auth = no
		auth_mechanisms = plain login
		mail_location = maildir:$IA_MAIL
		log_path = $T_DIR/dovecot.log
		default_login_user = $luser
		default_internal_user = $muser
		default_internal_group = $mgroup
		first_valid_uid = 0
		passdb {
		  driver = passwd-file
		  args = scheme=PLAIN username_format=%u $T_DIR/dovecot/passwd
		}
		userdb {
		  driver = static
		  args = uid=$(id -u "$muser") gid=$(id -g "$muser") home=$T_DIR/dovecot
		}
		service imap-login {
		  chroot =
		  inet_listener imap {
		    address = 127.0.0.1
		    port = $IA_IMAP_PORT
		  }
		  inet_listener imaps {
		    port = 0
		  }
		}
		service anvil {
		  chroot =
		}
	CONF
	t_bg "$T_DIR/dovecot.out" /usr/sbin/dovecot -c "$T_DIR/dovecot/dovecot.conf" -F
	IA_IMAP_URL=imap://127.0.0.1:$IA_IMAP_PORT/INBOX
	ph_wait_until 10 ia_imap "NOOP" || bail_out "dovecot did not start"
}

# ia_imap COMMAND: one IMAP command on INBOX with curl; untagged answers on stdout.
ia_imap() {
	curl -sS --max-time 10 --user intake:imap-secret-1 -X "$1" "$IA_IMAP_URL"
}

# ia_deliver FILE: drop FILE into the Maildir as a new message (tmp/ then new/, as a MDA does).
ia_deliver() {
	local name
	name="$(date +%s).$$.$RANDOM.phananh"
	cp "$1" "$IA_MAIL/tmp/$name" || return 1
	[ "$(id -u)" != 0 ] || chown "$IA_MAIL_OWNER" "$IA_MAIL/tmp/$name"
	mv "$IA_MAIL/tmp/$name" "$IA_MAIL/new/$name"
}

# ia_login USER: a staff session through the worker; sets T_FCGI_ENV for later t_fcgi_req calls.
ia_login() {
	local cookie csrf
	T_FCGI_ENV=()
	t_fcgi_req POST /api/v1/auth/login "{\"username\":\"$1\",\"password\":\"demo-pass-1\"}"
	cookie=$(t_header Set-Cookie | sed 's/;.*//')
	csrf=$(printf '%s' "$T_BODY" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf"])')
	T_FCGI_ENV=("HTTP_COOKIE=$cookie" "HTTP_X_CSRF_TOKEN=$csrf")
}
