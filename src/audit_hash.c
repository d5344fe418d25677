/*-------------------------------------------------------------------------
 * audit_hash.c
 *	  The hash of an audit row: SHA-256 over a canonical encoding of every
 *	  column but hash itself, prev_hash included, so the rows form a chain.
 *
 * The encoding does not depend on any setting (DateStyle, TimeZone,
 * extra_float_digits): for each column, 'N' for NULL, else 'V', a 4-byte
 * big-endian length and the value's bytes - integers in decimal,
 * timestamps as microseconds since 2000-01-01, text and names as they are,
 * booleans as t or f, inet and jsonb in their output form, arrays as a
 * count and each element encoded the same way.  The writer and
 * verify_audit_log() both go through pdp_audit_row_hash(), so they cannot
 * disagree.  Values are encoded by the type each column has, so a column
 * someone retyped is read safely (and its rows no longer verify).
 *
 * The columns added in 1.1 - server (the server an event happened on),
 * statements and first_time (a summary's counts) - are encoded only when
 * set, each marked with a letter of its own instead of 'V' (S, C, F): rows
 * written before they existed (NULL) keep the hash they were written
 * with, setting or clearing one on any row changes that row's hash, and a
 * value moved from one of them to another does too.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"

#include "catalog/pg_type.h"
#include "common/cryptohash.h"
#include "common/sha2.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/arrayaccess.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#ifdef USE_OPENSSL
#include <openssl/evp.h>
#endif

/*
 * SHA-256 of two buffers, one after the other (b may be empty).  With
 * OpenSSL the digest is fetched once per process and its context reused:
 * pg_cryptohash_init() passes OpenSSL 3 a legacy EVP_MD, which makes it
 * look the algorithm up by name (under a lock) on every call - more than
 * hashing a row costs.  The hash mask (mask_builtin.c) uses it too.
 */
void
pdp_sha256_2(const uint8 *a, size_t alen, const uint8 *b, size_t blen, uint8 *out)
{
#ifdef USE_OPENSSL
	static EVP_MD_CTX *ctx = NULL;
	static const EVP_MD *md = NULL;

	if (ctx == NULL)
	{
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
		md = EVP_MD_fetch(NULL, "SHA256", NULL);
#else
		md = EVP_sha256();
#endif
		ctx = EVP_MD_CTX_new();
		if (md == NULL || ctx == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_OUT_OF_MEMORY),
					 errmsg("could not set up SHA-256")));
	}
	if (EVP_DigestInit_ex(ctx, md, NULL) != 1 ||
		EVP_DigestUpdate(ctx, a, alen) != 1 ||
		(blen > 0 && EVP_DigestUpdate(ctx, b, blen) != 1) ||
		EVP_DigestFinal_ex(ctx, out, NULL) != 1)
		elog(ERROR, "could not compute SHA-256");
#else
	pg_cryptohash_ctx *ctx = pg_cryptohash_create(PG_SHA256);

	if (ctx == NULL)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	if (pg_cryptohash_init(ctx) < 0 ||
		pg_cryptohash_update(ctx, a, alen) < 0 ||
		(blen > 0 && pg_cryptohash_update(ctx, b, blen) < 0) ||
		pg_cryptohash_final(ctx, out, PG_SHA256_DIGEST_LENGTH) < 0)
		elog(ERROR, "could not compute SHA-256: %s", pg_cryptohash_error(ctx));
	pg_cryptohash_free(ctx);
#endif
}

/* SHA-256 of one buffer */
static void
sha256(const char *data, size_t len, uint8 *out)
{
	pdp_sha256_2((const uint8 *) data, len, NULL, 0, out);
}

/*
 * The canonical encoding is built in a buffer and hashed in one call: one
 * digest update per field costs more than the hashing itself.
 */
static inline void
enc_bytes(StringInfo buf, const char *data, uint32 len)
{
	char	   *head;

	enlargeStringInfo(buf, len + 5);
	head = buf->data + buf->len;
	head[0] = 'V';
	head[1] = (len >> 24) & 0xff;
	head[2] = (len >> 16) & 0xff;
	head[3] = (len >> 8) & 0xff;
	head[4] = len & 0xff;
	memcpy(head + 5, data, len);
	buf->len += len + 5;
	/* no terminating NUL: the buffer is hashed by its length */
}

static inline void
enc_null(StringInfo buf)
{
	enlargeStringInfo(buf, 1);
	buf->data[buf->len++] = 'N';
}

static void
enc_value(StringInfo buf, Oid type, Datum value)
{
	char		num[32];

	switch (type)
	{
		case INT8OID:
		case TIMESTAMPTZOID:
			enc_bytes(buf, num, pg_lltoa(DatumGetInt64(value), num));
			break;
		case INT4OID:
			enc_bytes(buf, num, pg_ltoa(DatumGetInt32(value), num));
			break;
		case BOOLOID:
			enc_bytes(buf, DatumGetBool(value) ? "t" : "f", 1);
			break;
		case NAMEOID:
			{
				const char *s = NameStr(*DatumGetName(value));

				enc_bytes(buf, s, strlen(s));
				break;
			}
		case TEXTOID:
		case BYTEAOID:
			{
				struct varlena *v = PG_DETOAST_DATUM_PACKED(value);

				enc_bytes(buf, VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v));
				break;
			}
		case TEXTARRAYOID:
			{
				/* walked in place: no array of Datums per row */
				ArrayType  *arr = DatumGetArrayTypeP(value);
				array_iter	it;
				int			n;
				int			i;

				if (ARR_ELEMTYPE(arr) != TEXTOID)
					ereport(ERROR,
							(errcode(ERRCODE_DATA_CORRUPTED),
							 errmsg("an array in pdp.audit_log holds elements of type %s instead of text",
									format_type_be(ARR_ELEMTYPE(arr))),
							 errhint("Restore the table from a backup.")));
				n = ArrayGetNItems(ARR_NDIM(arr), ARR_DIMS(arr));
				array_iter_setup(&it, (AnyArrayType *) arr);
				enc_bytes(buf, num, pg_ltoa(n, num));
				for (i = 0; i < n; i++)
				{
					bool		isnull;
					Datum		e = array_iter_next(&it, &isnull, i, -1, false,
													TYPALIGN_INT);

					if (isnull)
						enc_null(buf);
					else
						enc_value(buf, TEXTOID, e);
				}
				break;
			}
		default:
			{
				/* inet, jsonb: their output form is canonical */
				Oid			out;
				bool		isvarlena;
				char	   *s;

				getTypeOutputInfo(type, &out, &isvarlena);
				s = OidOutputFunctionCall(out, value);
				enc_bytes(buf, s, strlen(s));
				pfree(s);
				break;
			}
	}
}

/*
 * SHA-256 of the canonical encoding of a pdp.audit_log row, hash (column
 * hash_att) excluded.  The encoding buffer lives as long as the process:
 * the writer hashes every row it writes.
 */
/* an optional column's value, marked */
static void
enc_marked(StringInfo buf, char mark, Oid type, Datum value)
{
	int			start = buf->len;

	enc_value(buf, type, value);
	buf->data[start] = mark;
}

void
pdp_audit_row_hash(TupleDesc desc, int hash_att, const PdpAuditOptAtts *opt,
				   Datum *values, bool *nulls, uint8 *out)
{
	static StringInfoData buf = {NULL, 0, 0, 0};
	int			i;

	if (buf.data == NULL || buf.maxlen > 1024 * 1024)
	{
		if (buf.data)
			pfree(buf.data);
		buf.data = MemoryContextAlloc(TopMemoryContext, 1024);
		buf.maxlen = 1024;
	}
	resetStringInfo(&buf);
	for (i = 0; i < desc->natts; i++)
	{
		char		mark = 0;

		if (i == hash_att || TupleDescAttr(desc, i)->attisdropped)
			continue;
		if (i == opt->server)
			mark = 'S';
		else if (i == opt->statements)
			mark = 'C';
		else if (i == opt->first_time)
			mark = 'F';
		if (mark != 0)
		{
			if (!nulls[i])
				enc_marked(&buf, mark, TupleDescAttr(desc, i)->atttypid, values[i]);
			continue;
		}
		if (nulls[i])
			enc_null(&buf);
		else
			enc_value(&buf, TupleDescAttr(desc, i)->atttypid, values[i]);
	}
	sha256(buf.data, buf.len, out);
}

/* Position (0-based) of column name of type, -1 if none; XX001 if retyped */
static int
opt_att(TupleDesc desc, const char *name, Oid type)
{
	int			i;

	for (i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (att->attisdropped || strcmp(NameStr(att->attname), name) != 0)
			continue;
		if (att->atttypid != type)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("column \"%s\" of pdp.audit_log has type %s instead of %s",
							name, format_type_be(att->atttypid), format_type_be(type)),
					 errhint("Restore the table from a backup.")));
		return i;
	}
	return -1;
}

/*
 * The optional columns of pdp.audit_log in desc (-1 each when the table
 * has none: a database still at extension version 1.0).  ERROR (XX001)
 * when one has another type: the writer and verification must not hash
 * something else in its place.
 */
void
pdp_audit_opt_atts(TupleDesc desc, PdpAuditOptAtts *opt)
{
	opt->server = opt_att(desc, "server", TEXTOID);
	opt->statements = opt_att(desc, "statements", INT8OID);
	opt->first_time = opt_att(desc, "first_time", TIMESTAMPTZOID);
}

/*
 * pdp.audit_log's columns in the order extension pdp created them.  The
 * two role columns were "session_user" and "current_user" up to extension
 * 1.0 and are session_role and role from 1.1 (keywords of SQL make poor
 * column names: unquoted, they are the functions).  A library of 1.1 keeps
 * writing and verifying a table not yet updated; either all of a table's
 * names are 1.0's or all are 1.1's.
 */
#define LAYOUT_NCOLS 24
static const char *const layout[2][LAYOUT_NCOLS] = {
	{
		"id", "event_time", "kind", "decision", "reason", "database",
		"session_role", "role", "application_name", "client_addr",
		"backend_pid", "purpose", "command", "relation", "columns", "categories",
		"sensitive", "rows", "records_read", "query", "query_id", "detail",
		"prev_hash", "hash"
	},
	{
		"id", "event_time", "kind", "decision", "reason", "database",
		"session_user", "current_user", "application_name", "client_addr",
		"backend_pid", "purpose", "command", "relation", "columns", "categories",
		"sensitive", "rows", "records_read", "query", "query_id", "detail",
		"prev_hash", "hash"
	}
};

/* how many of names[] appear in desc in that order (others may come between) */
static int
layout_matched(TupleDesc desc, const char *const *names)
{
	int			next = 0;
	int			i;

	for (i = 0; i < desc->natts && next < LAYOUT_NCOLS; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (!att->attisdropped && strcmp(NameStr(att->attname), names[next]) == 0)
			next++;
	}
	return next;
}

/*
 * ERROR (XX001) unless pdp.audit_log's own columns are all there, in the
 * order they were created (columns a DBA added may come anywhere), all
 * with the names of one extension version.  The hash encodes values in
 * column order, not by name: a superuser who swaps two columns' names
 * keeps every hash valid while the rows now say something else, and the
 * views (bound to columns, not names) miss new rows.  Returns true when
 * the table still has the names of extension 1.0 ("session_user",
 * "current_user"): ALTER EXTENSION pdp UPDATE has not run yet.
 */
bool
pdp_audit_check_layout(TupleDesc desc)
{
	int			now = layout_matched(desc, layout[0]);
	int			old;

	if (now == LAYOUT_NCOLS)
		return false;
	old = layout_matched(desc, layout[1]);
	if (old == LAYOUT_NCOLS)
		return true;
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("the columns of pdp.audit_log were renamed, dropped or reordered (first out of place: \"%s\")",
					now >= old ? layout[0][now] : layout[1][old]),
			 errdetail("pdp.audit_log must keep the columns extension pdp created, in their order."),
			 errhint("Restore the table from a backup.")));
	return false;				/* keep the compiler quiet */
}
