#!/bin/sh
# includes.sh: enforces the include boundaries of docs/style.md (who may
# include which foreign header). TAP output.
cd "${top_srcdir:-.}" || exit 1
n=0
fail=0
check() {	# header regex, allowed-path regex, description
	n=$((n + 1))
	bad=$(grep -rlE "#include[[:space:]]*[<\"]($1)[>\"]" lib fcgi sms admin jobd 2>/dev/null |
	    grep -vE "^($2)$" | tr '\n' ' ')
	if [ -z "$bad" ]; then
		echo "ok $n - $3"
	else
		echo "not ok $n - $3: $bad"
		fail=1
	fi
}
echo "1..8"
check 'mysql\.h|mariadb/mysql\.h|errmsg\.h' 'lib/db\.c' "mysql.h only in lib/db.c"
check 'curl/curl\.h' 'lib/net/[a-z_]+\.c' "curl/curl.h only in lib/net/"
check 'fcgiapp\.h|fcgi_stdio\.h' 'fcgi/(worker|request|response)\.c' "fcgiapp.h only in the worker files"
check 'jansson\.h' '(lib/model/.*|lib/store/.*|lib/report/.*|fcgi/.*|sms/.*|jobd/.*|admin/.*)' "jansson.h not in lib/core or lib/db"
check 'vips/[a-z_]+\.h|libexif/[a-z_-]+\.h' 'lib/media/[a-z_]+\.c' "libvips and libexif only in lib/media/*.c"
check 'gammu\.h|gammu-smsd\.h' 'NONE' "libgammu is never linked (GPL): talk to gammu-smsd through its tables"
check 'gmime/gmime\.h' 'lib/mail/[a-z_]+\.c' "GMime only in lib/mail/"
check 'sodium\.h' 'lib/crypto\.c' "libsodium only in lib/crypto.c"
exit $fail
