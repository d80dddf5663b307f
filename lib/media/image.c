/*
 * image.c: the only user of libvips. Decodes an upload with the one loader
 * its content calls for (every other loader is blocked), reads size and
 * EXIF, and writes the display (<= MEDIA_DISPLAY_PX) and thumbnail
 * (<= MEDIA_THUMB_PX) copies: upright (EXIF orientation applied), alpha
 * flattened on white, progressive JPEG with ALL metadata stripped.
 * libvips starts lazily in the worker process (never before fork()).
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <vips/vips.h>

#include "core/log.h"
#include "media/media_int.h"

static int	 lib_init(void);
static void	 glib_log(const gchar *, GLogLevelFlags, const gchar *,
		    gpointer);
static int	 probe(const char *, struct media_info *, struct media_err *);
static int	 derive(const char *, const char *, const char *,
		    struct media_err *);
static int	 save(VipsImage *, const char *, int, VipsImage **);
static const char *loader_for(const char *);
static int	 vfail(struct media_err *, int, const char *, const char *);

int
media_image(const char *src, const char *dir, struct media_info *mi,
    struct media_err *me)
{
	char		rel[128], disp[1024], thumb[1024];
	struct stat	st;

	if (lib_init() == -1)
		return vfail(me, 500, "internal", "image library unavailable");
	if (probe(src, mi, me) == -1)
		return -1;
	if (media_relpath("display", mi->sha256, rel, sizeof(rel)) == -1 ||
	    media_join(disp, sizeof(disp), dir, rel) == -1 ||
	    media_relpath("thumb", mi->sha256, rel, sizeof(rel)) == -1 ||
	    media_join(thumb, sizeof(thumb), dir, rel) == -1)
		return vfail(me, 500, "internal", "media_dir path too long");
	if (stat(disp, &st) == 0 && stat(thumb, &st) == 0)
		return 0;		/* same content seen before */
	return derive(src, disp, thumb, me);
}

/* libvips once per process, locked down for untrusted input. */
static int
lib_init(void)
{
	static int	done;
	static const char *const allowed[] = { "VipsForeignLoadJpeg",
	    "VipsForeignLoadPng", "VipsForeignLoadWebp", "VipsForeignLoadHeif",
	    NULL };
	size_t		i;

	if (done)
		return done == 1 ? 0 : -1;
	done = -1;
	if (VIPS_INIT("phananh-fcgi") != 0) {
		log_err(NULL, "vips init: %s", vips_error_buffer());
		return -1;
	}
	/* libvips' warnings (damaged files) into our log, not raw stderr */
	g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE |
	    G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG, glib_log, NULL);
	vips_cache_set_max(0);		/* one request at a time: no cache */
	vips_concurrency_set(1);	/* processes, not threads, scale us */
	vips_block_untrusted_set(TRUE);
	vips_operation_block_set("VipsForeignLoad", TRUE);
	for (i = 0; allowed[i] != NULL; i++)
		vips_operation_block_set(allowed[i], FALSE);
	done = 1;
	return 0;
}

static void
glib_log(const gchar *domain, GLogLevelFlags level, const gchar *msg,
    gpointer data)
{
	(void)data;
	if (level & G_LOG_LEVEL_WARNING)
		log_info(NULL, "%s: %s", domain, msg);
	else
		log_debug(NULL, "%s: %s", domain, msg);
}

/* Header only: loader, size, orientation, EXIF suggestions. */
static int
probe(const char *src, struct media_info *mi, struct media_err *me)
{
	VipsImage	*im;
	const char	*loader = NULL, *want = loader_for(mi->type.mime);
	const void	*blob = NULL;
	size_t		 len = 0;
	int		 orient = 1, rc = -1;

	im = vips_image_new_from_file(src, "access", VIPS_ACCESS_SEQUENTIAL,
	    NULL);
	if (im == NULL)
		return vfail(me, 422, "invalid_image", "the image cannot be "
		    "decoded");
	if (vips_image_get_string(im, "vips-loader", &loader) != 0 ||
	    want == NULL || strcmp(loader, want) != 0) {
		vfail(me, 422, "invalid_image", "the file is not the image "
		    "type its content claims");
		goto out;
	}
	if ((int64_t)im->Xsize * im->Ysize > MEDIA_MAX_PIXELS) {
		vfail(me, 422, "image_too_large", "more than 80 megapixels");
		goto out;
	}
	if (vips_image_get_typeof(im, VIPS_META_ORIENTATION) != 0)
		vips_image_get_int(im, VIPS_META_ORIENTATION, &orient);
	mi->width = orient >= 5 && orient <= 8 ? im->Ysize : im->Xsize;
	mi->height = orient >= 5 && orient <= 8 ? im->Xsize : im->Ysize;
	if (vips_image_get_typeof(im, VIPS_META_EXIF_NAME) != 0 &&
	    vips_image_get_blob(im, VIPS_META_EXIF_NAME, &blob, &len) == 0)
		media_exif_read(blob, len, mi);
	rc = 0;
out:
	g_object_unref(im);
	return rc;
}

/*
 * Decodes the whole image once (a broken file fails here) into memory at
 * display size (loaders read sequentially: a second pass would fail),
 * then saves the display copy and the thumbnail made from it.
 */
static int
derive(const char *src, const char *disp, const char *thumb,
    struct media_err *me)
{
	VipsImage	*lazy = NULL, *d = NULL, *flat = NULL, *t = NULL;
	int		 rc = -1;

	if (vips_thumbnail(src, &lazy, MEDIA_DISPLAY_PX, "height",
	    MEDIA_DISPLAY_PX, "size", VIPS_SIZE_DOWN, "fail_on",
	    VIPS_FAIL_ON_TRUNCATED, NULL) == 0)
		d = vips_image_copy_memory(lazy);
	if (d == NULL) {
		vfail(me, 422, "invalid_image", "the image cannot be decoded");
		goto out;
	}
	if (save(d, disp, 82, &flat) == -1 ||
	    vips_thumbnail_image(flat, &t, MEDIA_THUMB_PX, "height",
	    MEDIA_THUMB_PX, "size", VIPS_SIZE_DOWN, NULL) != 0 ||
	    save(t, thumb, 75, NULL) == -1) {
		vfail(me, 500, "internal", "the image could not be converted");
		goto out;
	}
	rc = 0;
out:
	if (lazy != NULL)
		g_object_unref(lazy);
	if (d != NULL)
		g_object_unref(d);
	if (flat != NULL)
		g_object_unref(flat);
	if (t != NULL)
		g_object_unref(t);
	return rc;
}

/*
 * Flattens alpha onto white (JPEG has none) and writes a stripped JPEG
 * to path through a temporary name. *flat (if wanted) gets the flattened
 * image, a new reference.
 */
static int
save(VipsImage *in, const char *path, int q, VipsImage **flat)
{
	VipsImage	*f = NULL;
	char		 tmp[1100];
	int		 rc = -1;

	if (vips_image_hasalpha(in)) {
		VipsArrayDouble *white = vips_array_double_newv(1, 255.0);

		rc = vips_flatten(in, &f, "background", white, NULL);
		vips_area_unref(VIPS_AREA(white));
		if (rc != 0)
			return -1;
		rc = -1;
	} else {
		f = in;
		g_object_ref(f);
	}
	if (media_mkparents(path) == -1 ||
	    media_tmpname(tmp, sizeof(tmp), path) == -1)
		goto out;
	if (vips_jpegsave(f, tmp, "Q", q, "strip", TRUE, "optimize_coding",
	    TRUE, "interlace", TRUE, NULL) != 0 || rename(tmp, path) == -1) {
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	if (rc == 0 && flat != NULL)
		*flat = f;
	else
		g_object_unref(f);
	return rc;
}

static const char *
loader_for(const char *mime)
{
	static const char *const map[][2] = { { "image/jpeg", "jpegload" },
	    { "image/png", "pngload" }, { "image/webp", "webpload" },
	    { "image/heic", "heifload" } };
	size_t	i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(mime, map[i][0]) == 0)
			return map[i][1];
	return NULL;
}

/* Fills *me, logs libvips' own message, clears it; returns -1. */
static int
vfail(struct media_err *me, int status, const char *code, const char *msg)
{
	me->status = status;
	me->code = code;
	snprintf(me->msg, sizeof(me->msg), "%s", msg);
	if (*vips_error_buffer() != '\0')
		log_info(NULL, "media: %s: %s", code, vips_error_buffer());
	vips_error_clear();
	return -1;
}
