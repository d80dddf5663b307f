# scripts/lib.sh: shell helpers shared by scripts/up, scripts/test and tests/integration/lib.sh.
# Source it from bash. It defines variables and functions only: no shell options change, no side effects.
# shellcheck shell=bash

# ---- Debian packages: the ONE list (scripts/up installs build+run, scripts/test all three) ----------------
# shellcheck disable=SC2034	# used by the scripts that source this file
# "a|b" means: satisfied if a or b is installed; a is installed when neither is.
PHANANH_PKGS_BUILD="autoconf automake libtool pkg-config gcc make libfcgi-dev libmariadb-dev
	libjansson-dev libcurl4-openssl-dev libsodium-dev libgmime-3.0-dev libvips-dev libexif-dev"
PHANANH_PKGS_RUN="mariadb-server mariadb-client nginx-light|nginx|nginx-core|nginx-full|nginx-extras
	gammu gammu-smsd libfcgi-bin curl jq python3 iproute2 procps"
PHANANH_PKGS_TEST="python3-aiosmtpd chromium nodejs dovecot-imapd libimage-exiftool-perl libvips-tools"

PATH=$PATH:/usr/local/sbin:/usr/sbin:/sbin	# mariadbd, nginx, ss live in sbin; a user's PATH may lack it

ph_log()  { printf '%s\n' "phananh: $*" >&2; }
ph_warn() { printf '%s\n' "phananh: WARNING: $*" >&2; }
ph_die()  { printf '%s\n' "phananh: ERROR: $*" >&2; exit 1; }

# ph_pkg_installed NAME: true when dpkg says NAME is installed.
ph_pkg_installed() {
	[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

# ph_pkgs_missing LIST...: print the packages (first alternative) that are not installed.
ph_pkgs_missing() {
	local entry alt found all="$*"
	# shellcheck disable=SC2086	# each argument may hold several package names
	for entry in $all; do
		found=no
		for alt in ${entry//|/ }; do
			if ph_pkg_installed "$alt"; then
				found=yes
				break
			fi
		done
		[ "$found" = yes ] || printf '%s\n' "${entry%%|*}"
	done
}

# ph_ensure_packages LIST...: apt-get install whatever is missing; nothing when all are there.
# Daemons of freshly installed packages (mariadb, nginx) are kept from starting with a temporary
# policy-rc.d: we run private instances and want nothing on ports 80/3306.
ph_ensure_packages() {
	local missing rc=0 policy=/usr/sbin/policy-rc.d made_policy=no
	command -v dpkg-query >/dev/null 2>&1 || { ph_warn "not a Debian system: cannot check packages"; return 0; }
	missing=$(ph_pkgs_missing "$@" | tr '\n' ' ')
	[ -n "${missing// /}" ] || return 0
	if [ "$(id -u)" -ne 0 ]; then
		ph_die "missing Debian packages: $missing(run as root, or: sudo apt-get install $missing)"
	fi
	ph_log "installing missing packages: $missing"
	if [ ! -e "$policy" ]; then
		printf '#!/bin/sh\n# temporary, from phananh scripts/lib.sh\nexit 101\n' >"$policy"
		chmod 755 "$policy"
		made_policy=yes
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q || rc=$?
	# shellcheck disable=SC2086	# word splitting of the package list is intended
	[ "$rc" -ne 0 ] || apt-get install -y -q --no-install-recommends $missing || rc=$?
	[ "$made_policy" = no ] || rm -f "$policy"
	[ "$rc" -eq 0 ] || ph_die "apt-get failed (exit $rc)"
}

# ---- ports ------------------------------------------------------------------------------------------
# ph_port_in_use PORT: true when something listens on TCP PORT (any address).
ph_port_in_use() {
	if command -v ss >/dev/null 2>&1; then
		[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]
		return
	fi
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# ph_free_port [START]: print the first free port from START (default: random in 20000..39999).
ph_free_port() {
	local p=${1:-$((20000 + RANDOM % 20000))} end
	end=$((p + 500))
	while [ "$p" -lt "$end" ] && [ "$p" -lt 65536 ]; do
		if ! ph_port_in_use "$p"; then
			printf '%s\n' "$p"
			return 0
		fi
		p=$((p + 1))
	done
	return 1
}

# ---- processes --------------------------------------------------------------------------------------
# ph_wait_until SECONDS CMD...: poll CMD every 0.1 s until it succeeds; false on timeout.
ph_wait_until() {
	local tries=$(($1 * 10))
	shift
	while [ "$tries" -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
		tries=$((tries - 1))
	done
	return 1
}

# ph_pid_alive PIDFILE [NAME]: print the pid and succeed when the process in PIDFILE is alive
# (and its command line contains NAME, so a recycled pid does not count).
ph_pid_alive() {
	local pid
	[ -r "$1" ] || return 1
	read -r pid <"$1" 2>/dev/null || return 1
	case "$pid" in '' | *[!0-9]*) return 1 ;; esac
	kill -0 "$pid" 2>/dev/null || return 1
	if [ -n "${2:-}" ] && [ -r "/proc/$pid/cmdline" ]; then
		tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$2" || return 1
	fi
	printf '%s\n' "$pid"
}

# ph_stop_pid PID GRACE [SIG]: send SIG (default TERM), wait up to GRACE seconds, then KILL.
# Returns 0 when the process stopped by itself, 1 when it had to be killed.
ph_stop_pid() {
	local pid=$1 tries=$(($2 * 10))
	kill "-${3:-TERM}" "$pid" 2>/dev/null || return 0
	while [ "$tries" -gt 0 ]; do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.1
		tries=$((tries - 1))
	done
	kill -KILL "$pid" 2>/dev/null
	sleep 0.2
	return 1
}

# ph_spawn PIDFILE LOGFILE CMD...: start CMD detached (own session, stdin /dev/null, output appended
# to LOGFILE), write its pid to PIDFILE.
ph_spawn() {
	local pidfile=$1 logfile=$2
	shift 2
	rm -f "$pidfile"
	# the inner shell writes its own pid and then execs, so the pid is right even if setsid forks
	# shellcheck disable=SC2016	# expanded by the inner shell
	setsid -w bash -c 'printf "%s\n" "$$" >"$0"; exec "$@"' "$pidfile" "$@" >>"$logfile" 2>&1 </dev/null &
	ph_wait_until 5 test -s "$pidfile"
}

# ---- MariaDB ----------------------------------------------------------------------------------------
# The database user: root (socket authentication) when we are root, else the invoking user, which
# mariadb-install-db also creates with socket authentication.
ph_db_user() {
	if [ "$(id -u)" -eq 0 ]; then echo root; else id -un; fi
}

# ph_db_write_cnf FILE DIR PORT DATABASE [EXTRA_SERVER_LINE...]: one option file for the server
# ([mariadbd]), the command-line clients ([client], [mysql]) and our programs ([client-phananh]).
# Layout under DIR: db/ (datadir), mysqld.sock, mysqld.pid, mysqld.err. PORT "" = no TCP.
ph_db_write_cnf() {
	local file=$1 dir=$2 port=$3 db=$4 user line
	shift 4
	user=$(ph_db_user)
	{
		echo "# generated by phananh scripts/lib.sh; regenerated on every start"
		echo "[mariadbd]"
		echo "datadir = $dir/db"
		echo "socket = $dir/mysqld.sock"
		echo "pid-file = $dir/mysqld.pid"
		echo "log-error = $dir/mysqld.err"
		# a private tmpdir: servers bootstrapping at once in /tmp collide on
		# their temporary table names (seen under make -j2 check)
		echo "tmpdir = $dir/tmp"
		if [ -n "$port" ]; then
			echo "port = $port"
			echo "bind-address = 127.0.0.1"
		else
			echo "skip-networking"
		fi
		echo "character-set-server = utf8mb4"
		echo "collation-server = utf8mb4_unicode_ci"
		echo "skip-name-resolve"
		echo "innodb_buffer_pool_size = 256M"
		for line in "$@"; do echo "$line"; done
		echo
		echo "[client]"
		echo "socket = $dir/mysqld.sock"
		echo "user = $user"
		echo "default-character-set = utf8mb4"
		echo
		echo "[mysql]"
		echo "database = $db"
		echo
		echo "[client-phananh]"
		echo "socket = $dir/mysqld.sock"
		echo "user = $user"
		echo "database = $db"
		echo "default-character-set = utf8mb4"
	} >"$file"
	mkdir -p "$dir/tmp"
}

# ph_db_install CNF: create the system tables in the datadir named by CNF (once).
ph_db_install() {
	local cnf=$1 datadir
	datadir=$(sed -n 's/^datadir = //p' "$cnf")
	[ -d "$datadir/mysql" ] && return 0
	mkdir -p "$datadir"
	mariadb-install-db --defaults-file="$cnf" --user="$(id -un)" \
		--auth-root-authentication-method=socket --skip-test-db >"$datadir.install.log" 2>&1 ||
		{ cat "$datadir.install.log" >&2; return 1; }
}

# ph_db_start CNF LOG: start mariadbd (detached) and wait until it answers a ping (60 s at most).
ph_db_start() {
	local cnf=$1 log=$2 userarg=() errlog pid tries=600
	[ "$(id -u)" -ne 0 ] || userarg=(--user=root)	# mariadbd refuses to run as root without it
	errlog=$(sed -n 's/^log-error = //p' "$cnf")
	# --defaults-file must come first, so /etc/mysql/* is never read
	setsid -w mariadbd --defaults-file="$cnf" "${userarg[@]}" >>"$log" 2>&1 </dev/null &
	pid=$!
	while [ "$tries" -gt 0 ]; do
		mariadb-admin --defaults-file="$cnf" --connect-timeout=2 ping >/dev/null 2>&1 && return 0
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
		tries=$((tries - 1))
	done
	ph_warn "mariadbd did not come up; last lines of $errlog:"
	tail -n 20 "$errlog" >&2 2>/dev/null
	return 1
}

# ph_db_stop CNF: stop the server named by CNF (TERM, up to 60 s, then KILL).
ph_db_stop() {
	local pidfile pid
	pidfile=$(sed -n 's/^pid-file = //p' "$1")
	pid=$(ph_pid_alive "$pidfile" mariadbd) || return 0
	ph_stop_pid "$pid" 60 || ph_warn "mariadbd ($pid) did not stop in 60 s and was killed"
}

# ph_sql CNF SQL...: run SQL in the database named by CNF (batch, raw, no column names).
ph_sql() {
	local cnf=$1
	shift
	mariadb --defaults-file="$cnf" --batch --raw --skip-column-names -e "$*"
}

# ph_sql_server CNF SQL...: the same, without a current database (before it exists).
ph_sql_server() {
	local cnf=$1
	shift
	mariadb --defaults-file="$cnf" --database=mysql --batch --raw --skip-column-names -e "$*"
}

# ---- templates and nginx ----------------------------------------------------------------------------
# ph_render TEMPLATE OUT KEY=VALUE...: replace each @KEY@ by VALUE; fail if any @PLACEHOLDER@ is left.
# OUT is only replaced when its content changes.
ph_render() {
	local tpl=$1 out=$2 kv key val script=""
	shift 2
	for kv in "$@"; do
		key=${kv%%=*}
		val=${kv#*=}
		val=$(printf '%s' "$val" | sed -e 's/[\\|&]/\\&/g')
		script="${script}s|@${key}@|${val}|g;"
	done
	sed -e "$script" "$tpl" >"$out.tmp" || return 1
	if grep -n '@[A-Z][A-Z0-9_]*@' "$out.tmp" >&2; then
		ph_warn "$tpl: placeholders left unreplaced (above)"
		rm -f "$out.tmp"
		return 1
	fi
	# keep the file (and its inode) when nothing changed: gammu-smsd derives its shared-memory key
	# from the config file's inode, and gammu-smsd-monitor must find the same key
	if cmp -s "$out.tmp" "$out"; then
		rm -f "$out.tmp"
	else
		mv -f "$out.tmp" "$out"
	fi
}

# ph_nginx_prepare SRCDIR PREFIX PORT WEB_ROOT FCGI_SOCK MEDIA_DIR [WORKERS]: lay out an nginx prefix
# (conf/, logs/, tmp/) and render nginx/dev.conf.in into PREFIX/conf/nginx.conf with the shared
# snippets next to it. Rate limit: PHANANH_RATE (default 100r/s).
ph_nginx_prepare() {
	local src=$1 prefix=$2 port=$3 web=$4 sock=$5 media=$6 workers=${7:-1} userdir
	mkdir -p "$prefix/conf/snippets" "$prefix/logs" "$prefix/tmp"/{body,fastcgi,proxy,scgi,uwsgi} || return 1
	cp "$src/nginx/fastcgi_phananh.conf" "$src/nginx/server_phananh.conf" "$prefix/conf/snippets/" || return 1
	if [ "$(id -u)" -eq 0 ]; then
		userdir="user root root;	# dev only: workers can read the body files the worker gets"
	else
		userdir="# not root: nginx runs as $(id -un)"
	fi
	ph_render "$src/nginx/dev.conf.in" "$prefix/conf/nginx.conf" \
		"PREFIX=$prefix" "PORT=$port" "WEB_ROOT=$web" "FCGI_SOCK=$sock" "MEDIA_DIR=$media" \
		"WORKERS=$workers" "USER_DIRECTIVE=$userdir" "RATE=${PHANANH_RATE:-100r/s}"
}

# ph_nginx PREFIX ARGS...: run nginx on that prefix (e.g. -t, -s reload).
ph_nginx() {
	local prefix=$1
	shift
	nginx -p "$prefix/" -c conf/nginx.conf -e logs/error.log "$@"
}

# ph_nginx_start PREFIX: start the nginx master (it daemonizes) and wait for its pid file.
ph_nginx_start() {
	ph_nginx "$1" -q || return 1
	ph_wait_until 5 ph_pid_alive "$1/logs/nginx.pid" nginx
}

# ph_nginx_stop PREFIX: graceful QUIT (flushes the buffered access log), KILL after 10 s.
ph_nginx_stop() {
	local pid
	pid=$(ph_pid_alive "$1/logs/nginx.pid" nginx) || return 0
	ph_stop_pid "$pid" 10 QUIT || ph_warn "nginx ($pid) did not quit in 10 s and was killed"
}
