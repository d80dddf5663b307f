/*
 * people.c: "org add|list", "user add|list", "apikey add": organisations,
 * staff and API keys from the command line. Secrets never come from argv:
 * a password is read from stdin, or generated and printed once.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "admin.h"
#include "crypto.h"
#include "db.h"
#include "store/ref.h"

static int	read_secret(char *, size_t);

int
cmd_org(struct admin *a, int argc, char **argv)
{
	struct org_in	in;

	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return store_org_list(a->db);
	if (argc < 5 || strcmp(argv[1], "add") != 0) {
		fprintf(stderr, "usage: org add CODE NAME TYPE [PARENT] | org list\n");
		return -1;
	}
	memset(&in, 0, sizeof(in));
	in.code = argv[2];
	in.name = argv[3];
	in.type_code = argv[4];
	in.parent_code = argc > 5 ? argv[5] : NULL;
	in.process_minutes = 2880;
	if (store_org_upsert(a->db, &in) == -1)
		return -1;
	printf("organisation %s saved\n", in.code);
	return 0;
}

int
cmd_user(struct admin *a, int argc, char **argv)
{
	struct user_in	in;
	char		pw[256], hash[CRYPTO_PWHASH_LEN];
	int		generated;

	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return store_user_list(a->db);
	if (argc < 6 || strcmp(argv[1], "add") != 0) {
		fprintf(stderr, "usage: user add USERNAME DISPLAY_NAME ORG "
		    "ROLES [PHONE] [EMAIL]   (password on stdin)\n"
		    "       user list\n");
		return -1;
	}
	generated = read_secret(pw, sizeof(pw));
	if (generated == -1 || crypto_pw_hash(pw, hash) == -1)
		return -1;
	memset(&in, 0, sizeof(in));
	in.username = argv[2];
	in.display_name = argv[3];
	in.org_code = argv[4];
	in.roles = argv[5];
	in.phone = argc > 6 ? argv[6] : NULL;
	in.email = argc > 7 ? argv[7] : NULL;
	in.pw_hash = hash;
	if (store_user_upsert(a->db, &in) == -1)
		return -1;
	printf("user %s saved\n", in.username);
	if (generated)
		printf("password (shown once): %s\n", pw);
	return 0;
}

int
cmd_apikey(struct admin *a, int argc, char **argv)
{
	char	key[CRYPTO_TOKEN_LEN + 8], hash[CRYPTO_HEX_LEN], prefix[9];
	char	tok[CRYPTO_TOKEN_LEN];

	if (argc != 5 || strcmp(argv[1], "add") != 0 ||
	    (strcmp(argv[3], "open311") != 0 && strcmp(argv[3], "sync") != 0)) {
		fprintf(stderr, "usage: apikey add ORG open311|sync NAME\n");
		return -1;
	}
	crypto_token(tok);
	memcpy(prefix, tok, 8);
	prefix[8] = '\0';
	snprintf(key, sizeof(key), "pa_%s", tok);
	crypto_sha256_hex(key, strlen(key), hash);
	if (store_apikey_add(a->db, prefix, hash, argv[2], argv[3],
	    argv[4]) == -1)
		return -1;
	printf("api key (shown once, stored hashed): %s\n", key);
	return 0;
}

/* Returns 0 when read from stdin, 1 when generated, -1 on error. */
static int
read_secret(char *out, size_t sz)
{
	size_t	n;

	if (!isatty(STDIN_FILENO) && fgets(out, (int)sz, stdin) != NULL) {
		n = strcspn(out, "\r\n");
		out[n] = '\0';
		if (n >= 8)
			return 0;
		fprintf(stderr, "password must have at least 8 characters\n");
		return -1;
	}
	crypto_token(out);
	out[16] = '\0';
	return 1;
}
