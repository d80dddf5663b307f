/*
 * doctor.c: "phananh-admin doctor": checks what an operator would check by
 * hand (configuration files and secret permissions, database, schema
 * version, gammu-smsd and the daemons alive, space for media) and says
 * what is wrong in plain Vietnamese and English. Exit 1 when something is.
 * Read-only: it changes nothing.
 */
#include <sys/stat.h>
#include <sys/statvfs.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "admin.h"
#include "app.h"
#include "core/parse.h"
#include "db.h"
#include "jobd/jobd.h"
#include "schema_version.h"
#include "sms/smsd.h"
#include "store/gauges.h"
#include "store/heartbeat.h"
#include "store/schema.h"

#define MAX_AGE_S	180		/* heartbeat or phones row older: down */
#define MAX_ROWS	32
#define LOW_PCT		10		/* media disk: warn under 10 % free */
#define LOW_BYTES	(1024.0 * 1024 * 1024)	/* or under 1 GB */

enum verdict { V_OK, V_WARN, V_FAIL, V_SKIP };

struct doctor {
	struct admin		*a;
	struct db		*db;
	int			 fails, warns;
	int			 max_age;
	const char		*path[3];	/* fcgi, smsd, jobd conf */
	int			 explicit[3];	/* given with -f/-s/-j */
	int			 loaded[3];
	struct fcgi_conf	 fc;
	struct smsd_conf	 sc;
	struct jobd_conf	 jc;
};

enum { P_FCGI, P_SMSD, P_JOBD };

static void	say(struct doctor *, enum verdict, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
static int	options(struct doctor *, int, char **);
static void	check_admin_conf(struct doctor *);
static void	check_secret(struct doctor *, const char *, const char *);
static void	check_dir(struct doctor *, const char *, const char *,
		    enum verdict);
static void	check_program(struct doctor *, int);
static void	check_program_keys(struct doctor *, int);
static void	check_schema(struct doctor *);
static void	check_daemon(struct doctor *, const struct heartbeat_last *,
		    size_t, const char *, int);
static void	check_phones(struct doctor *);
static void	check_media(struct doctor *);

int
cmd_doctor(struct admin *a, int argc, char **argv)
{
	struct doctor		d;
	struct heartbeat_last	hb[MAX_ROWS];
	size_t			nhb = 0;
	int			i;

	memset(&d, 0, sizeof(d));
	d.a = a;
	setvbuf(stdout, NULL, _IOLBF, 0);	/* in order with the log lines */
	if (options(&d, argc, argv) == -1)
		return -1;
	printf("phananh doctor: %s\n", a->conf_path);
	check_admin_conf(&d);
	for (i = P_FCGI; i <= P_JOBD; i++)
		check_program(&d, i);
	d.db = db_open(a->conf.db_defaults_file, a->conf.db_group);
	if (d.db == NULL)
		say(&d, V_FAIL, "không kết nối được cơ sở dữ liệu / cannot connect "
		    "to the database (%s [%s]); database checks skipped",
		    a->conf.db_defaults_file, a->conf.db_group);
	else {
		say(&d, V_OK, "cơ sở dữ liệu trả lời / the database answers");
		check_schema(&d);
		if (store_heartbeat_list(d.db, hb, MAX_ROWS, &nhb) == -1)
			say(&d, V_FAIL, "không đọc được bảng heartbeats / cannot "
			    "read the heartbeats table: %s", db_errmsg(d.db));
		check_daemon(&d, hb, nhb, "smsd", d.loaded[P_SMSD]);
		check_daemon(&d, hb, nhb, "jobd", d.loaded[P_JOBD]);
		check_phones(&d);
		db_close(d.db);
	}
	check_media(&d);
	printf("%d lỗi, %d cảnh báo / %d problem(s), %d warning(s)\n",
	    d.fails, d.warns, d.fails, d.warns);
	return d.fails > 0 ? -1 : 0;
}

static void
say(struct doctor *d, enum verdict v, const char *fmt, ...)
{
	static const char *const tag[] = { "[ OK ]", "[WARN]", "[FAIL]",
	    "[ -- ]" };
	va_list	ap;

	d->fails += v == V_FAIL;
	d->warns += v == V_WARN;
	printf("%s ", tag[v]);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

static int
options(struct doctor *d, int argc, char **argv)
{
	int64_t	age;
	int	ch;

	d->path[P_FCGI] = "/etc/phananh/fcgi.conf";
	d->path[P_SMSD] = "/etc/phananh/smsd.conf";
	d->path[P_JOBD] = "/etc/phananh/jobd.conf";
	d->max_age = MAX_AGE_S;
	optind = 1;
	while ((ch = getopt(argc, argv, "+f:s:j:a:")) != -1) {
		if (ch == 'a' && parse_i64(optarg, 10, 86400, &age) == 0) {
			d->max_age = (int)age;
			continue;
		}
		if (ch != 'f' && ch != 's' && ch != 'j') {
			fprintf(stderr, "usage: phananh-admin doctor [-f fcgi.conf] "
			    "[-s smsd.conf] [-j jobd.conf] [-a SECONDS]\n");
			return -1;
		}
		ch = ch == 'f' ? P_FCGI : ch == 's' ? P_SMSD : P_JOBD;
		d->path[ch] = optarg;
		d->explicit[ch] = 1;
	}
	return 0;
}

static void
check_admin_conf(struct doctor *d)
{
	say(d, V_OK, "admin.conf hợp lệ / admin.conf is valid (%s)",
	    d->a->conf_path);
	check_secret(d, d->a->conf.db_defaults_file, "db_defaults_file");
	check_dir(d, d->a->conf.sql_dir, "sql_dir", V_FAIL);
	check_dir(d, d->a->conf.data_dir, "data_dir", V_WARN);
}

/* A file holding a password: must exist and not be readable by others. */
static void
check_secret(struct doctor *d, const char *path, const char *key)
{
	struct stat	st;

	if (stat(path, &st) == -1) {
		say(d, V_FAIL, "%s: không mở được tệp bí mật / cannot open the "
		    "secrets file %s: %s", key, path, strerror(errno));
		return;
	}
	if (st.st_mode & S_IRWXO)
		say(d, V_FAIL, "%s: tệp bí mật %s để người khác đọc được (quyền "
		    "%04o); chạy chmod 0640 / the secrets file is readable by "
		    "others (mode %04o); run chmod 0640", key, path,
		    (unsigned)(st.st_mode & 07777), (unsigned)(st.st_mode & 07777));
	else
		say(d, V_OK, "%s: %s chỉ chủ sở hữu và nhóm đọc được / readable "
		    "by owner and group only", key, path);
}

static void
check_dir(struct doctor *d, const char *path, const char *key,
    enum verdict bad)
{
	struct stat	st;

	if (stat(path, &st) == -1 || !S_ISDIR(st.st_mode))
		say(d, bad, "%s: thư mục %s không có / directory missing",
		    key, path);
	else
		say(d, V_OK, "%s: %s", key, path);
}

/* A program's config: skipped if absent and not named with an option. */
static void
check_program(struct doctor *d, int p)
{
	static const char *const prog[] = { "phananh-fcgi", "phananh-smsd",
	    "phananh-jobd" };
	static const struct conf_key *const keys[] = { fcgi_conf_keys,
	    smsd_conf_keys, jobd_conf_keys };
	void	*dst[3];
	char	 err[512];

	dst[P_FCGI] = &d->fc;
	dst[P_SMSD] = &d->sc;
	dst[P_JOBD] = &d->jc;
	if (!d->explicit[p] && access(d->path[p], F_OK) == -1) {
		say(d, V_SKIP, "%s: không có %s, bỏ qua / no %s here, skipped",
		    prog[p], d->path[p], d->path[p]);
		return;
	}
	if (conf_load(keys[p], dst[p], d->path[p], err, sizeof(err)) == -1) {
		say(d, V_FAIL, "%s: cấu hình sai / bad configuration: %s",
		    prog[p], err);
		return;
	}
	d->loaded[p] = 1;
	say(d, V_OK, "%s: %s hợp lệ / is valid", prog[p], d->path[p]);
	check_program_keys(d, p);
}

/* What conf_load cannot see: files and directories the keys name. */
static void
check_program_keys(struct doctor *d, int p)
{
	int	from, to;

	if (p == P_FCGI)
		check_secret(d, d->fc.db_defaults_file, "fcgi db_defaults_file");
	if (p == P_SMSD) {
		check_secret(d, d->sc.db_defaults_file, "smsd db_defaults_file");
		check_dir(d, d->sc.templates_dir, "smsd templates_dir", V_FAIL);
		if (smsd_quiet_parse(d->sc.quiet_hours, &from, &to) == -1)
			say(d, V_FAIL, "smsd quiet_hours: '%s' phải là HH:MM-HH:MM "
			    "/ must be HH:MM-HH:MM", d->sc.quiet_hours);
	}
	if (p != P_JOBD)
		return;
	check_secret(d, d->jc.db_defaults_file, "jobd db_defaults_file");
	if (d->jc.smtp_password_file[0] != '\0')
		check_secret(d, d->jc.smtp_password_file, "smtp_password_file");
	if (d->jc.push_key_file[0] != '\0')
		check_secret(d, d->jc.push_key_file, "push_key_file");
}

static void
check_schema(struct doctor *d)
{
	int	v;

	if (store_schema_version(d->db, &v) == -1)
		say(d, V_FAIL, "không đọc được phiên bản lược đồ / cannot read the "
		    "schema version: %s", db_errmsg(d->db));
	else if (v < PHANANH_SCHEMA_VERSION)
		say(d, V_FAIL, "lược đồ CSDL cũ (%d, chương trình cần %d): chạy "
		    "phananh-admin migrate / old database schema %d, the programs "
		    "need %d: run phananh-admin migrate", v,
		    PHANANH_SCHEMA_VERSION, v, PHANANH_SCHEMA_VERSION);
	else if (v > PHANANH_SCHEMA_VERSION)
		say(d, V_WARN, "lược đồ CSDL (%d) mới hơn chương trình (%d) / the "
		    "database schema %d is newer than these programs (%d)", v,
		    PHANANH_SCHEMA_VERSION, v, PHANANH_SCHEMA_VERSION);
	else
		say(d, V_OK, "lược đồ CSDL %d khớp chương trình / database schema "
		    "%d matches the programs", v, v);
}

/*
 * A daemon is expected when its config is here or it ever ran (a row);
 * then its newest heartbeat must be younger than max_age.
 */
static void
check_daemon(struct doctor *d, const struct heartbeat_last *hb, size_t n,
    const char *name, int expected)
{
	size_t	i;
	long	age;

	for (i = 0; i < n && strcmp(hb[i].name, name) != 0; i++)
		;
	if (i == n) {
		say(d, expected ? V_FAIL : V_SKIP, "phananh-%s chưa từng chạy "
		    "trên CSDL này / phananh-%s has never run against this "
		    "database", name, name);
		return;
	}
	age = (long)(time(NULL) - hb[i].last_ok);
	if (age > d->max_age)
		say(d, V_FAIL, "phananh-%s đã dừng: vòng lặp tốt cuối cùng cách "
		    "đây %ld giây (%s) / phananh-%s is stopped or stuck: its last "
		    "successful loop was %ld s ago", name, age, hb[i].host_pid,
		    name, age);
	else
		say(d, V_OK, "phananh-%s đang chạy (%s, %ld giây trước) / "
		    "phananh-%s is running (%ld s ago)", name, hb[i].host_pid,
		    age, name, age);
}

/* gammu-smsd refreshes phones.UpdatedInDB every StatusFrequency s. */
static void
check_phones(struct doctor *d)
{
	struct gauge_phone	p[MAX_ROWS];
	size_t			n, i;

	if (store_gauges_phones(d->db, p, MAX_ROWS, &n) == -1) {
		say(d, V_FAIL, "không đọc được bảng phones / cannot read the "
		    "phones table: %s", db_errmsg(d->db));
		return;
	}
	if (n == 0)
		say(d, d->loaded[P_SMSD] ? V_FAIL : V_SKIP, "gammu-smsd chưa từng "
		    "chạy (bảng phones trống) / gammu-smsd has never run (no "
		    "rows in phones)");
	for (i = 0; i < n; i++) {
		if (p[i].age_s > d->max_age)
			say(d, V_FAIL, "gammu-smsd '%s' không cập nhật từ %lld giây "
			    "/ gammu-smsd '%s' silent for %lld s (stopped, or the "
			    "modem hangs)", p[i].id, (long long)p[i].age_s, p[i].id,
			    (long long)p[i].age_s);
		else
			say(d, V_OK, "gammu-smsd '%s' đang chạy / is running "
			    "(%lld s ago)", p[i].id, (long long)p[i].age_s);
	}
}

static void
check_media(struct doctor *d)
{
	struct statvfs	vfs;
	struct stat	st;
	const char	*dir = d->fc.media_dir;
	double		 avail, total;

	if (!d->loaded[P_FCGI]) {
		say(d, V_SKIP, "không có fcgi.conf: chưa kiểm tra thư mục media / "
		    "no fcgi.conf: media directory not checked");
		return;
	}
	if (stat(dir, &st) == -1 || !S_ISDIR(st.st_mode) ||
	    statvfs(dir, &vfs) == -1) {
		say(d, V_FAIL, "thư mục media %s không có / media directory "
		    "missing: %s", dir, strerror(errno));
		return;
	}
	avail = (double)vfs.f_bavail * (double)vfs.f_frsize;
	total = (double)vfs.f_blocks * (double)vfs.f_frsize;
	if (avail < LOW_BYTES || avail * 100 < total * LOW_PCT)
		say(d, V_WARN, "sắp hết chỗ cho media / media disk nearly full: "
		    "%s has %.1f GB free of %.1f GB", dir, avail / LOW_BYTES,
		    total / LOW_BYTES);
	else
		say(d, V_OK, "media %s: %.1f GB trống / free of %.1f GB", dir,
		    avail / LOW_BYTES, total / LOW_BYTES);
}
