/*-------------------------------------------------------------------------
 * audit_chain.c
 *	  Tamper evidence for pdp.audit_log: verify_audit_log(), purge_audit(),
 *	  and the trigger that keeps the tables append-only.
 *
 * pdp.audit_chain keeps the hash the first row must point back to (changed
 * by purge_audit()) and the last row written (updated by the writer with
 * every batch), so removing rows at either end shows too.  Verification
 * exists to catch a superuser who rewrote the trail, so everything it
 * reads back is hostile input: NULLs, hashes of the wrong length, missing
 * or extra chain rows, retyped columns.  It reports the first id that does
 * not verify (with a NOTICE saying why), or fails with a clear error when
 * the table's shape cannot be read at all; it never dereferences what it
 * has not checked.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"

#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "common/sha2.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"

PG_FUNCTION_INFO_V1(pdp_verify_audit_log);
PG_FUNCTION_INFO_V1(pdp_purge_audit);
PG_FUNCTION_INFO_V1(pdp_audit_guard);

bool		pdp_audit_purging = false;

/* A hash as stored: NULL, or exactly 32 bytes (else *ok = false) */
static bool
read_hash(Datum d, bool isnull, uint8 *out, bool *ok)
{
	bytea	   *b;

	*ok = true;
	if (isnull)
		return false;
	b = DatumGetByteaPP(d);
	if (VARSIZE_ANY_EXHDR(b) != PG_SHA256_DIGEST_LENGTH)
	{
		*ok = false;
		return false;
	}
	memcpy(out, VARDATA_ANY(b), PG_SHA256_DIGEST_LENGTH);
	return true;
}

/* The column name of SPI's tupdesc, which must have type; ERROR otherwise */
static int
spi_column(TupleDesc desc, const char *table, const char *name, Oid type)
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
					 errmsg("column \"%s\" of table pdp.%s has type %s, not %s: the audit trail cannot be verified",
							name, table, format_type_be(att->atttypid), format_type_be(type)),
					 errhint("The table was altered.  Restore it from a backup to verify the trail.")));
		return i;
	}
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("table pdp.%s has no column \"%s\": the audit trail cannot be verified", table, name),
			 errhint("The table was altered.  Restore it from a backup to verify the trail.")));
	return -1;
}

/* Report id as the first row that does not verify, and say why */
static int64
not_verified(int64 id, const char *why)
{
	ereport(NOTICE,
			(errmsg("audit row " INT64_FORMAT " does not verify: %s", id, why)));
	return id;
}

/* Where the chain starts and ends, as the writer and purge left them */
typedef struct ChainEnds
{
	bool		ok;				/* pdp.audit_chain could be read */
	const char *why;			/* else why not */
	bool		has_first;		/* the hash the first row points back to */
	uint8		first[PG_SHA256_DIGEST_LENGTH];
	bool		has_last;		/* the last row written */
	int64		last_id;
	uint8		last[PG_SHA256_DIGEST_LENGTH];
} ChainEnds;

static void
read_chain_ends(ChainEnds *ce)
{
	TupleDesc	desc;
	int			c_first;
	int			c_last_id;
	int			c_last;
	bool		isnull;
	bool		ok;
	Datum		d;

	memset(ce, 0, sizeof(*ce));
	if (SPI_execute("SELECT * FROM pdp.audit_chain", true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read pdp.audit_chain");
	desc = SPI_tuptable->tupdesc;
	c_first = spi_column(desc, "audit_chain", "first_prev_hash", BYTEAOID);
	c_last_id = spi_column(desc, "audit_chain", "last_id", INT8OID);
	c_last = spi_column(desc, "audit_chain", "last_hash", BYTEAOID);
	if (SPI_processed != 1)
	{
		ce->why = SPI_processed == 0 ? "pdp.audit_chain has no row" :
			"pdp.audit_chain has more than one row";
		return;
	}
	d = SPI_getbinval(SPI_tuptable->vals[0], desc, c_first + 1, &isnull);
	ce->has_first = read_hash(d, isnull, ce->first, &ok);
	if (!ok)
	{
		ce->why = "pdp.audit_chain.first_prev_hash is not a 32-byte hash";
		return;
	}
	d = SPI_getbinval(SPI_tuptable->vals[0], desc, c_last_id + 1, &isnull);
	ce->has_last = !isnull;
	ce->last_id = isnull ? 0 : DatumGetInt64(d);
	d = SPI_getbinval(SPI_tuptable->vals[0], desc, c_last + 1, &isnull);
	if (read_hash(d, isnull, ce->last, &ok) != ce->has_last || !ok)
	{
		ce->why = "pdp.audit_chain.last_id and last_hash do not go together";
		return;
	}
	ce->ok = true;
}

/* the id of the first row of the trail, 1 if it is empty */
static int64
first_id(void)
{
	bool		isnull;
	Datum		d;

	if (SPI_execute("SELECT min(id)::bigint FROM pdp.audit_log", true, 0) != SPI_OK_SELECT ||
		SPI_processed != 1)
		return 1;
	d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	return isnull ? 1 : DatumGetInt64(d);
}

/*
 * Walk the rows in id order; returns the first id that does not verify,
 * or 0 when all do.  *last: the last id seen (0: none), *hash its hash.
 */
static int64
verify_rows(const ChainEnds *ce, int64 *last, uint8 *hash, bool *has_hash)
{
	Portal		portal;
	uint8		expected[PG_SHA256_DIGEST_LENGTH];
	bool		expected_null = !ce->has_first;
	bool		first = true;
	int64		prev_id = 0;
	int64		bad = 0;

	if (ce->has_first)
		memcpy(expected, ce->first, sizeof(expected));
	portal = SPI_cursor_open_with_args(NULL, "SELECT * FROM pdp.audit_log ORDER BY id",
									   0, NULL, NULL, NULL, true, 0);
	while (bad == 0)
	{
		uint64		i;
		TupleDesc	desc;
		int			id_att;
		int			prev_att;
		int			hash_att;
		PdpAuditOptAtts opt;
		Datum	   *values;
		bool	   *nulls;

		SPI_cursor_fetch(portal, true, 1000);
		if (SPI_processed == 0)
			break;
		desc = SPI_tuptable->tupdesc;
		pdp_audit_check_layout(desc);
		id_att = spi_column(desc, "audit_log", "id", INT8OID);
		prev_att = spi_column(desc, "audit_log", "prev_hash", BYTEAOID);
		hash_att = spi_column(desc, "audit_log", "hash", BYTEAOID);
		pdp_audit_opt_atts(desc, &opt);
		values = palloc(desc->natts * sizeof(Datum));
		nulls = palloc(desc->natts * sizeof(bool));
		for (i = 0; i < SPI_processed && bad == 0; i++)
		{
			uint8		computed[PG_SHA256_DIGEST_LENGTH];
			uint8		stored[PG_SHA256_DIGEST_LENGTH];
			uint8		prev[PG_SHA256_DIGEST_LENGTH];
			bool		ok;
			bool		has_prev;
			int64		id;

			heap_deform_tuple(SPI_tuptable->vals[i], desc, values, nulls);
			if (nulls[id_att])
			{
				bad = not_verified(prev_id + 1, "a row has no id");
				break;
			}
			id = DatumGetInt64(values[id_att]);
			/* ids are consecutive: a gap is a deleted row (or a forged one) */
			if (!first && id != prev_id + 1)
			{
				bad = not_verified(id, "the row before it is missing");
				break;
			}
			has_prev = read_hash(values[prev_att], nulls[prev_att], prev, &ok);
			if (!ok || has_prev == expected_null ||
				(has_prev && memcmp(prev, expected, sizeof(prev)) != 0))
			{
				bad = not_verified(id, "prev_hash is not the hash of the row before");
				break;
			}
			if (!read_hash(values[hash_att], nulls[hash_att], stored, &ok))
			{
				bad = not_verified(id, "hash is missing or not 32 bytes");
				break;
			}
			pdp_audit_row_hash(desc, hash_att, &opt, values, nulls, computed);
			if (memcmp(stored, computed, sizeof(stored)) != 0)
			{
				bad = not_verified(id, "the row was changed");
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
	*last = prev_id;
	*has_hash = !expected_null;
	if (!expected_null)
		memcpy(hash, expected, PG_SHA256_DIGEST_LENGTH);
	return bad;
}

/*
 * pdp.verify_audit_log() RETURNS bigint: NULL when the chain is intact,
 * else the id of the first row that does not verify.  When rows are
 * missing at the end, the id of the first missing row.
 */
Datum
pdp_verify_audit_log(PG_FUNCTION_ARGS)
{
	ChainEnds	ce;
	int64		bad;
	int64		last;
	uint8		hash[PG_SHA256_DIGEST_LENGTH];
	bool		has_hash;

	SPI_connect();
	read_chain_ends(&ce);
	if (!ce.ok)
	{
		bad = not_verified(first_id(), ce.why);
		SPI_finish();
		PG_RETURN_INT64(bad);
	}
	bad = verify_rows(&ce, &last, hash, &has_hash);

	/*
	 * The chain must end where the writer says it does: rows removed at the
	 * end (the first missing id is reported) or added after it.
	 */
	if (bad == 0 && ce.has_last &&
		(!has_hash || memcmp(hash, ce.last, sizeof(hash)) != 0))
	{
		if (last == 0)
			bad = not_verified(ce.last_id, "the trail is empty, but rows were written");
		else if (last < ce.last_id)
			bad = not_verified(last + 1, "rows are missing at the end");
		else if (last == ce.last_id)
			bad = not_verified(last, "the last row is not the one written");
		else
			bad = not_verified(ce.last_id + 1, "rows were added after the last one written");
	}
	SPI_finish();

	if (bad == 0)
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
			bool		id_null;
			bool		hash_null;
			Datum		id;
			Datum		hash;
			Datum		a2[2];
			Oid			t2[2] = {INT8OID, BYTEAOID};
			char		n2[2] = {' ', ' '};

			spi_column(SPI_tuptable->tupdesc, "audit_log", "id", INT8OID);
			spi_column(SPI_tuptable->tupdesc, "audit_log", "hash", BYTEAOID);
			id = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &id_null);
			hash = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &hash_null);
			if (!id_null)
			{
				through = DatumGetInt64(id);
				a2[0] = Int64GetDatum(through);
				a2[1] = hash_null ? (Datum) 0 : datumCopy(hash, false, -1);
				n2[1] = hash_null ? 'n' : ' ';
				SPI_execute_with_args("DELETE FROM pdp.audit_log WHERE id <= $1",
									  1, t2, a2, n2, false, 0);
				deleted = (int64) SPI_processed;
				SPI_execute_with_args("UPDATE pdp.audit_chain SET first_prev_hash = $2",
									  2, t2, a2, n2, false, 0);
			}
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

