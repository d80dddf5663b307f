# dbconf.sh: shell helper for scripts/backup and scripts/restore (sourced).
#
# dbconf_split CNF GROUP OUT: copies the options of [GROUP] in the MariaDB
# option file CNF into OUT as a [client] group the command line tools
# accept (everything except "database"), and prints the database name.
dbconf_split() {
	[ -r "$1" ] || { echo "cannot read $1" >&2; return 1; }
	awk -v want="[$2]" -v out="$3" '
	function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
	BEGIN { print "[client]" > out }
	{ line = trim($0) }
	line ~ /^\[/ { in_group = (line == want); next }
	!in_group || line == "" || line ~ /^[#;]/ { next }
	{
		key = line; val = ""
		if (index(line, "=") > 0) {
			key = trim(substr(line, 1, index(line, "=") - 1))
			val = trim(substr(line, index(line, "=") + 1))
		}
		if (key == "database") { db = val; next }
		print line > out
	}
	END { print db }
	' "$1"
}
