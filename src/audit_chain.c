/*-------------------------------------------------------------------------
 * audit_chain.c
 *	  Tamper evidence for pdp.audit_log, and the SQL functions around the
 *	  trail: verify_audit_log(), purge_audit(), audit_stats(),
 *	  flush_audit(), and the trigger that keeps the tables append-only.
 *
 * Each row's hash is SHA-256 over a canonical encoding of every column but
 * hash itself, prev_hash included, so the rows form a chain.  The encoding
 * does not depend on any setting (DateStyle, TimeZone, extra_float_digits):
 * for each column, 'N' for NULL, else 'V', a 4-byte big-endian length and
 * the value's bytes - integers in decimal, timestamps as microseconds since
 * 2000-01-01, text and names as they are, booleans as t or f, inet and
 * jsonb in their output form, arrays as a count and each element encoded
 * the same way.  The writer and verify_audit_log() both go through
 * pdp_audit_row_hash(), so they cannot disagree.
 *
 * pdp.audit_chain keeps the hash the first row must point back to (changed
 * by purge_audit()) and the last row written (updated by the writer with
 * every batch), so removing rows at either end shows too.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"

#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "common/cryptohash.h"
#include "common/sha2.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#ifdef USE_OPENSSL
#include <openssl/evp.h>
#endif

PG_FUNCTION_INFO_V1(pdp_verify_audit_log);
PG_FUNCTION_INFO_V1(pdp_purge_audit);
PG_FUNCTION_INFO_V1(pdp_audit_guard);
PG_FUNCTION_INFO_V1(pdp_audit_stats);
PG_FUNCTION_INFO_V1(pdp_flush_audit);

bool		pdp_audit_purging = false;

/*
 * SHA-256 of one buffer.  With OpenSSL the digest is fetched once per
 * process and its context reused: pg_cryptohash_init() passes OpenSSL 3 a
 * legacy EVP_MD, which makes it look the algorithm up by name (under a
 * lock) on every call - more than hashing a row costs.
 */
static void
sha256(const char *data, size_t len, uint8 *out)
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
		EVP_DigestUpdate(ctx, data, len) != 1 ||
		EVP_DigestFinal_ex(ctx, out, NULL) != 1)
		elog(ERROR, "could not compute SHA-256");
#else
	pg_cryptohash_ctx *ctx = pg_cryptohash_create(PG_SHA256);

	if (ctx == NULL)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	if (pg_cryptohash_init(ctx) < 0 ||
		pg_cryptohash_update(ctx, (const uint8 *) data, len) < 0 ||
		pg_cryptohash_final(ctx, out, PG_SHA256_DIGEST_LENGTH) < 0)
		elog(ERROR, "could not compute SHA-256: %s", pg_cryptohash_error(ctx));
	pg_cryptohash_free(ctx);
#endif
}

/*
 * The canonical encoding is built in a buffer and hashed in one call: one
 * digest update per field costs more than the hashing itself.
 */
static void
enc_bytes(StringInfo buf, const char *data, uint32 len)
{
	char		head[5];

	head[0] = 'V';
	head[1] = (len >> 24) & 0xff;
	head[2] = (len >> 16) & 0xff;
	head[3] = (len >> 8) & 0xff;
	head[4] = len & 0xff;
	appendBinaryStringInfo(buf, head, 5);
	appendBinaryStringInfo(buf, data, len);
}

static void
enc_null(StringInfo buf)
{
	appendStringInfoChar(buf, 'N');
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
				ArrayType  *arr = DatumGetArrayTypeP(value);
				Datum	   *elems;
				bool	   *enulls;
				int			n;
				int			i;

				deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT,
								  &elems, &enulls, &n);
				enc_bytes(buf, num, pg_ltoa(n, num));
				for (i = 0; i < n; i++)
				{
					if (enulls[i])
						enc_null(buf);
					else
						enc_value(buf, TEXTOID, elems[i]);
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
void
pdp_audit_row_hash(TupleDesc desc, int hash_att, Datum *values, bool *nulls,
				   uint8 *out)
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
		if (i == hash_att || TupleDescAttr(desc, i)->attisdropped)
			continue;
		if (nulls[i])
			enc_null(&buf);
		else
			enc_value(&buf, TupleDescAttr(desc, i)->atttypid, values[i]);
	}
	sha256(buf.data, buf.len, out);
}

static bool
bytea_equals(Datum d, bool isnull, const uint8 *expected, bool expected_null)
{
	bytea	   *b;

	if (isnull || expected_null)
		return isnull && expected_null;
	b = DatumGetByteaPP(d);
	return VARSIZE_ANY_EXHDR(b) == PG_SHA256_DIGEST_LENGTH &&
		memcmp(VARDATA_ANY(b), expected, PG_SHA256_DIGEST_LENGTH) == 0;
}

static int
attno_of(TupleDesc desc, const char *name)
{
	int			i;

	for (i = 0; i < desc->natts; i++)
		if (strcmp(NameStr(TupleDescAttr(desc, i)->attname), name) == 0)
			return i;
	elog(ERROR, "pdp.audit_log has no column \"%s\"", name);
	return -1;
}

/*
 * pdp.verify_audit_log() RETURNS bigint: NULL when the chain is intact,
 * else the id of the first row that does not verify.  When rows are
 * missing at the end, the id of the first missing row.
 */
Datum
pdp_verify_audit_log(PG_FUNCTION_ARGS)
{
	Portal		portal;
	uint8		expected[PG_SHA256_DIGEST_LENGTH];
	bool		expected_null = true;
	bool		first = true;
	int64		prev_id = 0;
	int64		bad = 0;
	bool		found_bad = false;
	int64		chain_last_id = 0;
	bool		chain_has_last = false;
	uint8		chain_last_hash[PG_SHA256_DIGEST_LENGTH];

	SPI_connect();

	/* where the chain starts and ends, as the writer and purge left it */
	if (SPI_execute("SELECT first_prev_hash, last_id, last_hash FROM pdp.audit_chain",
					true, 1) != SPI_OK_SELECT)
		elog(ERROR, "could not read pdp.audit_chain");
	if (SPI_processed == 1)
	{
		bool		isnull;
		Datum		d;

		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
		if (!isnull)
		{
			memcpy(expected, VARDATA_ANY(DatumGetByteaPP(d)), PG_SHA256_DIGEST_LENGTH);
			expected_null = false;
		}
		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull);
		if (!isnull)
		{
			chain_last_id = DatumGetInt64(d);
			chain_has_last = true;
			d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3, &isnull);
			memcpy(chain_last_hash, VARDATA_ANY(DatumGetByteaPP(d)), PG_SHA256_DIGEST_LENGTH);
		}
	}

	portal = SPI_cursor_open_with_args(NULL, "SELECT * FROM pdp.audit_log ORDER BY id",
									   0, NULL, NULL, NULL, true, 0);
	while (!found_bad)
	{
		uint64		i;
		TupleDesc	desc;
		int			id_att;
		int			prev_att;
		int			hash_att;
		Datum	   *values;
		bool	   *nulls;

		SPI_cursor_fetch(portal, true, 1000);
		if (SPI_processed == 0)
			break;
		desc = SPI_tuptable->tupdesc;
		id_att = attno_of(desc, "id");
		prev_att = attno_of(desc, "prev_hash");
		hash_att = attno_of(desc, "hash");
		values = palloc(desc->natts * sizeof(Datum));
		nulls = palloc(desc->natts * sizeof(bool));
		for (i = 0; i < SPI_processed && !found_bad; i++)
		{
			uint8		computed[PG_SHA256_DIGEST_LENGTH];
			int64		id;

			heap_deform_tuple(SPI_tuptable->vals[i], desc, values, nulls);
			id = DatumGetInt64(values[id_att]);

			/* ids are consecutive: a gap is a deleted row */
			if ((!first && id != prev_id + 1) ||
				!bytea_equals(values[prev_att], nulls[prev_att],
							  expected, expected_null))
			{
				bad = id;
				found_bad = true;
				break;
			}
			pdp_audit_row_hash(desc, hash_att, values, nulls, computed);
			if (!bytea_equals(values[hash_att], nulls[hash_att], computed, false))
			{
				bad = id;
				found_bad = true;
				break;
			}
			memcpy(expected, computed, sizeof(expected));
			expected_null = false;
			prev_id = id;
			first = false;
		}
		pfree(values);
		pfree(nulls);
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_cursor_close(portal);

	/*
	 * The chain must end where the writer says it does: rows removed at the
	 * end (the first missing id is reported) or added after it.
	 */
	if (!found_bad && chain_has_last &&
		(expected_null || memcmp(expected, chain_last_hash, sizeof(expected)) != 0))
	{
		found_bad = true;
		if (first)
			bad = chain_last_id;
		else
			bad = (prev_id < chain_last_id) ? prev_id + 1 :
				(prev_id == chain_last_id) ? prev_id : chain_last_id + 1;
	}
	SPI_finish();

	if (!found_bad)
		PG_RETURN_NULL();
	PG_RETURN_INT64(bad);
}

/*
 * Trigger on pdp.audit_log and pdp.audit_chain: append-only, whoever asks.
 * The writer inserts below the executor (no trigger fires) and updates the
 * chain row; purge_audit() deletes old rows.
 */
Datum
pdp_audit_guard(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = pdp_trigger_data(fcinfo, "pdp._audit_guard");

	if (pdp_audit_purging || pdp_is_audit_writer)
		return PointerGetDatum(TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) ?
							   (TRIGGER_FIRED_BY_DELETE(trigdata->tg_event) ?
								trigdata->tg_trigtuple :
								(trigdata->tg_newtuple ? trigdata->tg_newtuple :
								 trigdata->tg_trigtuple)) : NULL);
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("%s is append-only", RelationGetRelationName(trigdata->tg_relation)),
			 errdetail("Audit records are written by the pdp audit writer only, and never changed."),
			 errhint("To remove old records for retention, a superuser runs pdp.purge_audit(before).")));
	PG_RETURN_NULL();
}

/*
 * pdp.purge_audit(before timestamptz) RETURNS bigint: removes the oldest
 * rows, up to the first one at or after before, keeps the chain verifiable
 * by moving its anchor, and records itself.  Superusers only.
 */
Datum
pdp_purge_audit(PG_FUNCTION_ARGS)
{
	TimestampTz before;
	int64		deleted = 0;
	Datum		args[1];
	Oid			types[1] = {TIMESTAMPTZOID};
	PdpEvent   *ev;
	StringInfoData detail;
	int64		through = 0;

	if (!superuser())
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("permission denied to purge the audit log"),
				 errhint("Only superusers may remove audit records.")));
	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("before must not be NULL"),
				 errhint("Pass the time before which records may be removed.")));
	before = PG_GETARG_TIMESTAMPTZ(0);
	args[0] = TimestampTzGetDatum(before);

	SPI_connect();
	pdp_audit_purging = true;
	PG_TRY();
	{
		/* the longest prefix of the chain older than before */
		SPI_execute_with_args(
							  "SELECT id, hash FROM pdp.audit_log WHERE id = "
							  "(SELECT COALESCE((SELECT min(id) FROM pdp.audit_log WHERE event_time >= $1),"
							  " (SELECT max(id) + 1 FROM pdp.audit_log)) - 1)",
							  1, types, args, NULL, false, 1);
		if (SPI_processed == 1)
		{
			bool		isnull;
			Datum		hash;
			Datum		a2[2];
			Oid			t2[2] = {INT8OID, BYTEAOID};

			through = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0],
												  SPI_tuptable->tupdesc, 1, &isnull));
			hash = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull);
			a2[0] = Int64GetDatum(through);
			a2[1] = datumCopy(hash, false, -1);
			SPI_execute_with_args("DELETE FROM pdp.audit_log WHERE id <= $1",
								  1, t2, a2, NULL, false, 0);
			deleted = (int64) SPI_processed;
			SPI_execute_with_args("UPDATE pdp.audit_chain SET first_prev_hash = $2",
								  2, t2, a2, NULL, false, 0);
		}
	}
	PG_FINALLY();
	{
		pdp_audit_purging = false;
	}
	PG_END_TRY();
	SPI_finish();

	ev = pdp_event_new("config", NULL, "purge_audit");
	initStringInfo(&detail);
	appendStringInfo(&detail, "{\"before\": \"%s\", \"deleted\": " INT64_FORMAT
					 ", \"through_id\": " INT64_FORMAT "}",
					 timestamptz_to_str(before), deleted, through);
	pdp_event_set(ev, RS_DETAIL, detail.data);
	pdp_event_set(ev, RS_RELATION, "pdp.audit_log");
	pdp_event_set(ev, RS_COMMAND, "SELECT");
	pdp_event_at_commit(ev);

	PG_RETURN_INT64(deleted);
}

/* pdp.audit_stats(): the queue's counters */
Datum
pdp_audit_stats(PG_FUNCTION_ARGS)
{
	TupleDesc	desc;
	Datum		values[8];
	bool		nulls[8] = {false};
	PdpAuditQueue *q = pdp_queue;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	desc = BlessTupleDesc(desc);

	SpinLockAcquire(&q->mutex);
	values[0] = Int64GetDatum((int64) q->queued);
	values[1] = Int64GetDatum((int64) q->written);
	values[2] = Int64GetDatum((int64) q->dropped);
	values[3] = Int64GetDatum((int64) (q->queued - q->written));
	values[4] = Int64GetDatum((int64) (q->head - q->tail));
	values[5] = Int64GetDatum((int64) q->high_water);
	values[6] = Int64GetDatum((int64) q->size);
	values[7] = Int32GetDatum(q->worker_pid);
	nulls[7] = (q->worker_pid == 0);
	SpinLockRelease(&q->mutex);

	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}

/*
 * pdp.flush_audit(): returns once every event queued before the call is
 * committed in pdp.audit_log.  Fails if the writer is not running.
 */
Datum
pdp_flush_audit(PG_FUNCTION_ARGS)
{
	PdpAuditQueue *q = pdp_queue;
	uint64		target = pdp_queue_queued();
	int			idle_ms = 0;

	for (;;)
	{
		uint64		written;
		int			pid;
		bool		no_table;

		SpinLockAcquire(&q->mutex);
		written = q->written;
		pid = q->worker_pid;
		no_table = q->worker_no_table;
		SpinLockRelease(&q->mutex);
		if (written >= target)
			break;
		if (pid == 0 || no_table)
		{
			idle_ms += 100;
			if (idle_ms >= 10000)
				ereport(ERROR,
						(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
						 pid == 0 ?
						 errmsg("the pdp audit writer is not running") :
						 errmsg("the pdp audit writer has nowhere to write: extension pdp is not installed in database \"%s\"",
								pdp_audit_database),
						 errdetail("Events are kept in the queue until it can write them."),
						 errhint("Check that extension pdp exists in database \"%s\" (pdp.audit_database), and the server log.",
								 pdp_audit_database)));
		}
		else
			idle_ms = 0;
		if (pid != 0 && q->worker_latch)
			SetLatch(q->worker_latch);
		ConditionVariableTimedSleep(&q->written_cv, 100, PG_WAIT_EXTENSION);
	}
	ConditionVariableCancelSleep();
	PG_RETURN_VOID();
}
