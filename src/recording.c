/*
 * Recordings of HTTP responses: a manifest (one line per response) and one
 * file per body. Used for --record/--replay and the bundled sample data.
 */
#include "inzicht/recording.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "inzicht/url.h"

#define MANIFEST_HEADER "# inzicht recording 1\n"
#define MAX_BODY ((size_t)1 << 30)

struct entry {
	char *url; /* percent-decoded */
	char *file;
	char *content_type;
	long status;
};

struct iz_recording {
	char *dir;
	FILE *manifest; /* record mode */
	struct entry *entries;
	size_t n;
};

static void add_entry(struct iz_recording *rec, const char *url,
		      const char *file, const char *ctype, long status)
{
	struct entry *e;

	rec->entries = iz_xrealloc(rec->entries,
				   (rec->n + 1) * sizeof(*rec->entries));
	e = &rec->entries[rec->n++];
	e->url = iz_url_unescape(url);
	e->file = iz_xstrdup(file);
	e->content_type = strcmp(ctype, "-") == 0 ? NULL : iz_xstrdup(ctype);
	e->status = status;
}

/* Split line at tabs into exactly 4 fields; 0 on success. */
static int split4(char *line, char **f)
{
	size_t i;

	for (i = 0; i < 4; i++) {
		f[i] = line;
		line = strchr(line, i < 3 ? '\t' : '\n');
		if (!line) {
			if (i < 3)
				return -1;
			break;
		}
		*line++ = '\0';
	}
	return strchr(f[3], '\t') ? -1 : 0;
}

static int parse_line(struct iz_recording *rec, char *line, const char *path,
		      size_t lineno, struct iz_error *err)
{
	char *f[4], *end;
	long status;

	if (line[0] == '#' || line[0] == '\n' || line[0] == '\0')
		return 0;
	if (split4(line, f) < 0)
		return iz_fail(err, IZ_EINPUT,
			       "%s:%zu: expected 4 tab-separated fields", path,
			       lineno);
	errno = 0;
	status = strtol(f[0], &end, 10);
	if (errno || *end || status < 100 || status > 599)
		return iz_fail(err, IZ_EINPUT, "%s:%zu: bad status '%s'", path,
			       lineno, f[0]);
	if (strstr(f[2], "..") || f[2][0] == '/' || !f[2][0])
		return iz_fail(err, IZ_EINPUT,
			       "%s:%zu: file must be a relative path inside "
			       "the recording",
			       path, lineno);
	add_entry(rec, f[3], f[2], f[1], status);
	return 0;
}

static int read_manifest(struct iz_recording *rec, struct iz_error *err)
{
	char *path = iz_xasprintf("%s/manifest.tsv", rec->dir);
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	int rc = 0;

	if (!f) {
		rc = iz_fail(err, IZ_EINPUT, "cannot read recording '%s': %s",
			     path, strerror(errno));
		free(path);
		return rc;
	}
	while (rc == 0 && getline(&line, &cap, f) > 0)
		rc = parse_line(rec, line, path, ++lineno, err);
	free(line);
	fclose(f);
	free(path);
	return rc;
}

int iz_recording_open_replay(struct iz_recording **out, const char *dir,
			     struct iz_error *err)
{
	struct iz_recording *rec = iz_xcalloc(1, sizeof(*rec));

	rec->dir = iz_xstrdup(dir);
	if (read_manifest(rec, err) < 0) {
		iz_recording_close(rec);
		*out = NULL;
		return -1;
	}
	*out = rec;
	return 0;
}

int iz_recording_open_record(struct iz_recording **out, const char *dir,
			     struct iz_error *err)
{
	struct iz_recording *rec = iz_xcalloc(1, sizeof(*rec));
	char *path = iz_xasprintf("%s/manifest.tsv", dir);
	bool fresh;

	*out = NULL;
	rec->dir = iz_xstrdup(dir);
	if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
		iz_fail(err, IZ_EINPUT, "cannot create recording '%s': %s",
			dir, strerror(errno));
		goto fail;
	}
	fresh = access(path, F_OK) != 0;
	if (!fresh && read_manifest(rec, err) < 0)
		goto fail;
	rec->manifest = fopen(path, "a");
	if (!rec->manifest) {
		iz_fail(err, IZ_EINPUT, "cannot write '%s': %s", path,
			strerror(errno));
		goto fail;
	}
	if (fresh)
		fputs(MANIFEST_HEADER, rec->manifest);
	free(path);
	*out = rec;
	return 0;
fail:
	free(path);
	iz_recording_close(rec);
	return -1;
}

void iz_recording_close(struct iz_recording *rec)
{
	size_t i;

	if (!rec)
		return;
	if (rec->manifest)
		fclose(rec->manifest);
	for (i = 0; i < rec->n; i++) {
		free(rec->entries[i].url);
		free(rec->entries[i].file);
		free(rec->entries[i].content_type);
	}
	free(rec->entries);
	free(rec->dir);
	free(rec);
}

static int slurp(char **body, size_t *len, const char *path,
		 struct iz_error *err)
{
	FILE *f = fopen(path, "rb");
	struct stat sb;
	size_t n;

	if (!f || fstat(fileno(f), &sb) < 0 || (size_t)sb.st_size > MAX_BODY) {
		iz_fail(err, IZ_EHTTP, "cannot read recorded body '%s': %s",
			path, f ? "too large" : strerror(errno));
		if (f)
			fclose(f);
		return -1;
	}
	*body = iz_xmalloc((size_t)sb.st_size + 1);
	n = fread(*body, 1, (size_t)sb.st_size, f);
	fclose(f);
	(*body)[n] = '\0';
	*len = n;
	return 0;
}

int iz_recording_find(struct iz_recording *rec, const char *url, long *status,
		      char **content_type, char **body, size_t *len,
		      struct iz_error *err)
{
	char *key = iz_url_unescape(url);
	char *path;
	size_t i;
	int rc;

	for (i = rec->n; i-- > 0;)
		if (strcmp(rec->entries[i].url, key) == 0)
			break;
	free(key);
	if (i == (size_t)-1)
		return iz_fail(err, IZ_EHTTP,
			       "%s: no response recorded in '%s/manifest.tsv'",
			       url, rec->dir);
	path = iz_xasprintf("%s/%s", rec->dir, rec->entries[i].file);
	rc = slurp(body, len, path, err);
	free(path);
	if (rc < 0)
		return -1;
	*status = rec->entries[i].status;
	*content_type = rec->entries[i].content_type
				? iz_xstrdup(rec->entries[i].content_type)
				: NULL;
	return 0;
}

static int write_body(const char *path, const char *body, size_t len,
		      struct iz_error *err)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(body, 1, len, f) != len) {
		iz_fail(err, IZ_EINPUT, "cannot write '%s': %s", path,
			strerror(errno));
		if (f)
			fclose(f);
		return -1;
	}
	if (fclose(f) != 0)
		return iz_fail(err, IZ_EINPUT, "cannot write '%s': %s", path,
			       strerror(errno));
	return 0;
}

int iz_recording_add(struct iz_recording *rec, const char *url, long status,
		     const char *content_type, const char *body, size_t len,
		     struct iz_error *err)
{
	char file[32];
	char *path;
	const char *ct = content_type && *content_type ? content_type : "-";
	int rc;

	if (strpbrk(url, "\t\n") || strpbrk(ct, "\t\n"))
		return iz_fail(err, IZ_EINPUT,
			       "cannot record a URL with a tab or newline");
	snprintf(file, sizeof(file), "%06zu.json", rec->n + 1);
	path = iz_xasprintf("%s/%s", rec->dir, file);
	rc = write_body(path, body, len, err);
	free(path);
	if (rc < 0)
		return -1;
	fprintf(rec->manifest, "%ld\t%s\t%s\t%s\n", status, ct, file, url);
	if (fflush(rec->manifest) != 0)
		return iz_fail(err, IZ_EINPUT, "cannot write manifest in '%s'",
			       rec->dir);
	add_entry(rec, url, file, ct, status);
	return 0;
}
