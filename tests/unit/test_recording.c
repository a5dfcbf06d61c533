/*
 * Unit tests for recording: record then replay round trips in a temporary
 * directory, lookup by percent-decoded URL, the not-found message, and the
 * manifest checks (field count, status, paths that leave the recording).
 */
#include "inzicht/recording.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "inzicht/error.h"
#include "iztest.h"

#define URL_TI                                                               \
	"https://opendata.cbs.nl/ODataFeed/odata/80137ned/TableInfos?"      \
	"$format=json"

struct tmp {
	char root[64]; /* mkdtemp; the recording is root/rec */
	char rec[96];
};

static void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[512];
	struct stat sb;

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
			remove_tree(path);
		else
			unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

static int setup(void **state)
{
	struct tmp *t = calloc(1, sizeof(*t));

	if (!t)
		return -1;
	snprintf(t->root, sizeof(t->root), "/tmp/iz-recording-XXXXXX");
	if (!mkdtemp(t->root)) {
		free(t);
		return -1;
	}
	snprintf(t->rec, sizeof(t->rec), "%s/rec", t->root);
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct tmp *t = *state;

	remove_tree(t->root);
	free(t);
	return 0;
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, (size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	return buf;
}

/* A hand-written manifest: the header line, then text. */
static void write_manifest(struct tmp *t, const char *lines)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	fprintf(f, "# inzicht recording 1\n%s", lines);
	fclose(f);
	assert_int_equal(mkdir(t->rec, 0755), 0);
	write_file(t->rec, "manifest.tsv", text);
	free(text);
}

struct found {
	long status;
	char *ctype;
	char *body;
	size_t len;
};

static int find(struct found *out, struct iz_recording *rec, const char *url,
		struct iz_error *err)
{
	memset(out, 0, sizeof(*out));
	return iz_recording_find(rec, url, &out->status, &out->ctype,
				 &out->body, &out->len, err);
}

static void found_release(struct found *f)
{
	free(f->ctype);
	free(f->body);
}

static void test_record_replay_round_trip(void **state)
{
	struct tmp *t = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_recording *rec = NULL;
	/* binary-ish bytes, no NUL */
	static const char body[] = "\x01\x02\x7f\x80\xfe\xff{\"value\":[]}\r\n\t";
	const size_t blen = sizeof(body) - 1;
	struct found f;

	if (iz_recording_open_record(&rec, t->rec, &err) != 0)
		fail_msg("open_record: %s", err.msg);
	assert_int_equal(iz_recording_add(rec, URL_TI, 200,
					  "application/json;charset=utf-8",
					  body, blen, &err),
			 0);
	assert_int_equal(iz_recording_add(rec, "https://h/empty", 204, NULL,
					  "", 0, &err),
			 0);
	iz_recording_close(rec);

	if (iz_recording_open_replay(&rec, t->rec, &err) != 0)
		fail_msg("open_replay: %s", err.msg);
	assert_int_equal(find(&f, rec, URL_TI, &err), 0);
	assert_int_equal(f.status, 200);
	assert_non_null(f.ctype);
	assert_string_equal(f.ctype, "application/json;charset=utf-8");
	assert_int_equal(f.len, blen);
	assert_memory_equal(f.body, body, blen);
	assert_int_equal(f.body[f.len], '\0');
	found_release(&f);

	assert_int_equal(find(&f, rec, "https://h/empty", &err), 0);
	assert_int_equal(f.status, 204);
	assert_null(f.ctype); /* recorded as "-" */
	assert_int_equal(f.len, 0);
	assert_string_equal(f.body, "");
	found_release(&f);
	iz_recording_close(rec);
}

static void test_record_writes_manifest_lines(void **state)
{
	struct tmp *t = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_recording *rec = NULL;
	char path[160], *text;

	assert_int_equal(iz_recording_open_record(&rec, t->rec, &err), 0);
	assert_int_equal(iz_recording_add(rec, URL_TI, 200, "application/json",
					  "{}", 2, &err),
			 0);
	assert_int_equal(
		iz_recording_add(rec, "https://h/x", 200, "", "[]", 2, &err),
		0);
	iz_recording_close(rec);
	snprintf(path, sizeof(path), "%s/manifest.tsv", t->rec);
	text = read_all(path);
	assert_string_equal(text, "# inzicht recording 1\n"
				  "200\tapplication/json\t000001.json\t" URL_TI
				  "\n"
				  "200\t-\t000002.json\thttps://h/x\n");
	free(text);
	snprintf(path, sizeof(path), "%s/000002.json", t->rec);
	text = read_all(path);
	assert_string_equal(text, "[]");
	free(text);
}

static void test_record_reopen_appends(void **state)
{
	struct tmp *t = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_recording *rec = NULL;
	char path[160], *text;
	struct found f;

	assert_int_equal(iz_recording_open_record(&rec, t->rec, &err), 0);
	assert_int_equal(iz_recording_add(rec, "https://h/1", 200, NULL, "one",
					  3, &err),
			 0);
	iz_recording_close(rec);
	if (iz_recording_open_record(&rec, t->rec, &err) != 0)
		fail_msg("reopen: %s", err.msg);
	assert_int_equal(iz_recording_add(rec, "https://h/2", 200, NULL, "two",
					  3, &err),
			 0);
	iz_recording_close(rec);

	snprintf(path, sizeof(path), "%s/manifest.tsv", t->rec);
	text = read_all(path);
	assert_string_equal(text, "# inzicht recording 1\n"
				  "200\t-\t000001.json\thttps://h/1\n"
				  "200\t-\t000002.json\thttps://h/2\n");
	free(text);
	assert_int_equal(iz_recording_open_replay(&rec, t->rec, &err), 0);
	assert_int_equal(find(&f, rec, "https://h/1", &err), 0);
	assert_string_equal(f.body, "one");
	found_release(&f);
	assert_int_equal(find(&f, rec, "https://h/2", &err), 0);
	assert_string_equal(f.body, "two");
	found_release(&f);
	iz_recording_close(rec);
}

static void test_replay_later_entry_wins(void **state)
{
	struct tmp *t = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_recording *rec = NULL;
	struct found f;

	write_manifest(t, "200\t-\told.json\thttps://h/x\n"
			  "200\t-\tnew.json\thttps://h/x\n");
	write_file(t->rec, "old.json", "old");
	write_file(t->rec, "new.json", "new");
	assert_int_equal(iz_recording_open_replay(&rec, t->rec, &err), 0);
	assert_int_equal(find(&f, rec, "https://h/x", &err), 0);
	assert_string_equal(f.body, "new");
	found_release(&f);
	iz_recording_close(rec);
}

static void test_replay_lookup_percent_decoded(void **state)
{
	struct tmp *t = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_recording *rec = NULL;
	struct found f;

	write_manifest(
		t, "200\t-\ta.json\thttps://h/T?%24format=json\n"
		   "200\t-\tb.json\thttps://h/T?$filter=(RegioS eq 'GM0363')\n"
		   "200\t-\tc.json\thttps://h/T?$skip=10000\n");
	write_file(t->rec, "a.json", "A");
	write_file(t->rec, "b.json", "B");
	write_file(t->rec, "c.json", "C");
	assert_int_equal(iz_recording_open_replay(&rec, t->rec, &err), 0);
	/* %24format recorded, $format asked */
	assert_int_equal(find(&f, rec, "https://h/T?$format=json", &err), 0);
	assert_string_equal(f.body, "A");
	found_release(&f);
	/* ' and space recorded, %27 and %20 asked */
	assert_int_equal(
		find(&f, rec,
		     "https://h/T?$filter=(RegioS%20eq%20%27GM0363%27)", &err),
		0);
	assert_string_equal(f.body, "B");
	found_release(&f);
	/* both sides escaped differently */
	assert_int_equal(find(&f, rec, "https://h/T?%24skip=10000", &err), 0);
	assert_string_equal(f.body, "C");
	found_release(&f);
	/* decoding does not make different URLs equal */
	assert_int_equal(find(&f, rec, "https://h/T?$skip=1000", &err), -1);
	iz_recording_close(rec);
}

static void test_replay_missing_url_names_url_and_manifest(void **state)
{
	struct tmp *t = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_recording *rec = NULL;
	struct found f;
	char want[300];

	write_manifest(t, "200\t-\ta.json\thttps://h/a\n");
	write_file(t->rec, "a.json", "A");
	assert_int_equal(iz_recording_open_replay(&rec, t->rec, &err), 0);
	assert_int_equal(find(&f, rec, URL_TI, &err), -1);
	assert_int_equal(err.code, IZ_EHTTP);
	snprintf(want, sizeof(want),
		 URL_TI ": no response recorded in '%s/manifest.tsv'", t->rec);
	assert_string_equal(err.msg, want);
	iz_recording_close(rec);
}

static void test_replay_missing_body_file(void **state)
{
	struct tmp *t = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_recording *rec = NULL;
	struct found f;
	char want[300];

	write_manifest(t, "200\t-\tgone.json\thttps://h/a\n");
	assert_int_equal(iz_recording_open_replay(&rec, t->rec, &err), 0);
	assert_int_equal(find(&f, rec, "https://h/a", &err), -1);
	assert_int_equal(err.code, IZ_EHTTP);
	snprintf(want, sizeof(want),
		 "cannot read recorded body '%s/gone.json': No such file or "
		 "directory",
		 t->rec);
	assert_string_equal(err.msg, want);
	iz_recording_close(rec);
}

static void test_replay_missing_manifest(void **state)
{
	struct tmp *t = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_recording *rec = (struct iz_recording *)&err;
	char want[300];

	assert_int_equal(iz_recording_open_replay(&rec, t->rec, &err), -1);
	assert_null(rec);
	assert_int_equal(err.code, IZ_EINPUT);
	snprintf(want, sizeof(want),
		 "cannot read recording '%s/manifest.tsv': No such file or "
		 "directory",
		 t->rec);
	assert_string_equal(err.msg, want);
}

/* The manifest with one bad line (after the header and a good line) is
 * rejected with "<dir>/manifest.tsv:3: <what>". */
static void expect_bad_line(struct tmp *t, const char *line, const char *what)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_recording *rec = NULL;
	char lines[512], want[512];

	snprintf(lines, sizeof(lines), "200\t-\ta.json\thttps://h/a\n%s",
		 line);
	write_manifest(t, lines);
	if (iz_recording_open_replay(&rec, t->rec, &err) != -1)
		fail_msg("accepted: %s", line);
	assert_null(rec);
	assert_int_equal(err.code, IZ_EINPUT);
	snprintf(want, sizeof(want), "%s/manifest.tsv:3: %s", t->rec, what);
	assert_string_equal(err.msg, want);
}

static void test_manifest_too_few_fields(void **state)
{
	expect_bad_line(*state, "200\t-\tb.json\n",
			"expected 4 tab-separated fields");
}

static void test_manifest_too_many_fields(void **state)
{
	expect_bad_line(*state, "200\t-\tb.json\thttps://h/b\textra\n",
			"expected 4 tab-separated fields");
}

static void test_manifest_space_separated_line(void **state)
{
	expect_bad_line(*state, "200 - b.json https://h/b\n",
			"expected 4 tab-separated fields");
}

static void test_manifest_bad_status_word(void **state)
{
	expect_bad_line(*state, "ok\t-\tb.json\thttps://h/b\n",
			"bad status 'ok'");
}

static void test_manifest_status_out_of_range(void **state)
{
	expect_bad_line(*state, "99\t-\tb.json\thttps://h/b\n",
			"bad status '99'");
}

static void test_manifest_status_trailing_junk(void **state)
{
	expect_bad_line(*state, "200x\t-\tb.json\thttps://h/b\n",
			"bad status '200x'");
}

static void test_manifest_parent_path_rejected(void **state)
{
	expect_bad_line(*state, "200\t-\t../x\thttps://h/b\n",
			"file must be a relative path inside the recording");
}

static void test_manifest_nested_parent_path_rejected(void **state)
{
	expect_bad_line(*state, "200\t-\tsub/../../x\thttps://h/b\n",
			"file must be a relative path inside the recording");
}

static void test_manifest_absolute_path_rejected(void **state)
{
	expect_bad_line(*state, "200\t-\t/etc/passwd\thttps://h/b\n",
			"file must be a relative path inside the recording");
}

static void test_manifest_empty_path_rejected(void **state)
{
	expect_bad_line(*state, "200\t-\t\thttps://h/b\n",
			"file must be a relative path inside the recording");
}

static void test_manifest_comments_blank_lines_and_no_final_newline(
	void **state)
{
	struct tmp *t = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_recording *rec = NULL;
	struct found f;
	char sub[160];

	write_manifest(t, "\n# a comment\n200\t-\tsub/a.json\thttps://h/a");
	snprintf(sub, sizeof(sub), "%s/sub", t->rec);
	assert_int_equal(mkdir(sub, 0755), 0);
	write_file(t->rec, "sub/a.json", "A");
	if (iz_recording_open_replay(&rec, t->rec, &err) != 0)
		fail_msg("open_replay: %s", err.msg);
	assert_int_equal(find(&f, rec, "https://h/a", &err), 0);
	assert_string_equal(f.body, "A");
	found_release(&f);
	iz_recording_close(rec);
}

static void test_record_rejects_tab_or_newline_in_url(void **state)
{
	struct tmp *t = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_recording *rec = NULL;
	char path[160], *text;

	assert_int_equal(iz_recording_open_record(&rec, t->rec, &err), 0);
	assert_int_equal(iz_recording_add(rec, "https://h/a\tb", 200, NULL,
					  "x", 1, &err),
			 -1);
	assert_string_equal(err.msg,
			    "cannot record a URL with a tab or newline");
	assert_int_equal(iz_recording_add(rec, "https://h/a\nb", 200, NULL,
					  "x", 1, &err),
			 -1);
	assert_int_equal(iz_recording_add(rec, "https://h/a", 200,
					  "text/x\tevil", "x", 1, &err),
			 -1);
	iz_recording_close(rec);
	snprintf(path, sizeof(path), "%s/manifest.tsv", t->rec);
	text = read_all(path);
	assert_string_equal(text, "# inzicht recording 1\n");
	free(text);
}

static void test_record_into_unwritable_place_fails(void **state)
{
	struct tmp *t = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_recording *rec = NULL;
	char dir[160];

	/* the parent is a regular file: mkdir fails with ENOTDIR */
	write_file(t->root, "plain", "x");
	snprintf(dir, sizeof(dir), "%s/plain/rec", t->root);
	assert_int_equal(iz_recording_open_record(&rec, dir, &err), -1);
	assert_null(rec);
	assert_non_null(strstr(err.msg, "cannot create recording"));
	assert_non_null(strstr(err.msg, dir));
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_record_replay_round_trip),
		T(test_record_writes_manifest_lines),
		T(test_record_reopen_appends),
		T(test_replay_later_entry_wins),
		T(test_replay_lookup_percent_decoded),
		T(test_replay_missing_url_names_url_and_manifest),
		T(test_replay_missing_body_file),
		T(test_replay_missing_manifest),
		T(test_manifest_too_few_fields),
		T(test_manifest_too_many_fields),
		T(test_manifest_space_separated_line),
		T(test_manifest_bad_status_word),
		T(test_manifest_status_out_of_range),
		T(test_manifest_status_trailing_junk),
		T(test_manifest_parent_path_rejected),
		T(test_manifest_nested_parent_path_rejected),
		T(test_manifest_absolute_path_rejected),
		T(test_manifest_empty_path_rejected),
		T(test_manifest_comments_blank_lines_and_no_final_newline),
		T(test_record_rejects_tab_or_newline_in_url),
		T(test_record_into_unwritable_place_fails),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
