/*-------------------------------------------------------------------------
 * audit_writer.c
 *	  The audit writer: a background worker that moves events from the
 *	  shared queue into pdp.audit_log of pdp.audit_database.
 *
 * One transaction per batch (worker_spi's shape).  Rows go in with
 * table_multi_insert, as COPY does, so no SQL is parsed or planned per
 * event; the hash chain is computed here, in id order, by the single
 * writer.  Indexes a DBA adds to the table are kept up to date, as COPY
 * does; triggers are not fired (the table's own refuse every INSERT) and
 * constraints a DBA adds are not checked: an event is never refused.
 * Queue space is released only after the batch commits, so a writer that
 * fails mid-batch loses nothing: it exits, the postmaster starts it again,
 * and it rewrites the same events.
 *
 * Blocked attempts, limit violations and bulk reads are also announced
 * with NOTIFY pdp_alerts (a JSON payload) in the same transaction.
 *
 * It wakes every pdp.audit_flush_interval, or earlier when the queue fills
 * past an eighth, when pdp.flush_audit() or a statement waiting for room
 * asks, and writes everything published.
 *
 * On SIGTERM (shutdown, restart) it keeps writing until the queue is empty
 * and no backend still holds reserved room, for up to 5 seconds, so a
 * clean shutdown drains the queue.
 *
 * The same worker starts on a hot standby (BgWorkerStart_ConsistentState)
 * and there ships the queue to the primary (audit_sender.c); at promotion
 * it becomes the writer and continues the chain from the replicated
 * pdp.audit_chain, writing what is left in the queue under this server's
 * name.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"

#include <sys/resource.h>

#include "access/genam.h"
#include "access/heapam.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "access/xlog.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "commands/async.h"
#include "common/sha2.h"
#include "executor/executor.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "postmaster/interrupt.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "storage/proc.h"
#include "tcop/tcopprot.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

PGDLLEXPORT void pdp_audit_writer_main(Datum arg);

bool		pdp_is_audit_writer = false;

#define BATCH_EVENTS	10000	/* events per transaction, at most */
#define INSERT_SLOTS	1000	/* rows per table_multi_insert call */
#define DRAIN_TIMEOUT_MS 5000
#define PDP_WRITER_RESTART_S 1	/* after any exit but a shutdown */

static volatile sig_atomic_t shutdown_requested = false;

/* where the chain stands */
static bool chain_loaded = false;
static Oid	chain_relid = InvalidOid;
static int64 last_id = 0;
static uint8 last_hash[PG_SHA256_DIGEST_LENGTH];
static bool have_last_hash = false;
static bool warned_missing = false;

/* the chain head last logged (pdp.audit_anchor_interval) */
static int64 anchored_id = 0;
static TimestampTz anchored_at = 0;

/* column positions of pdp.audit_log, looked up by name */
enum
{
	C_ID, C_EVENT_TIME, C_ROWS, C_RECORDS, C_QUERY_ID, C_PID, C_SENSITIVE,
	C_PREV_HASH, C_HASH, C_NFIXED
};
static const char *const fixed_names[C_NFIXED] = {
	"id", "event_time", "rows", "records_read", "query_id", "backend_pid",
	"sensitive", "prev_hash", "hash"
};
static const char *const str_names[RS_COUNT] = {
	"kind", "decision", "reason", "database", "session_role", "role",
	"application_name", "client_addr", "purpose", "command", "relation",
	"columns", "categories", "query", "detail"
};

typedef struct ColumnMap
{
	int			fixed[C_NFIXED];
	int			str[RS_COUNT];
	Oid			str_type[RS_COUNT];
	bool		str_clip[RS_COUNT]; /* a name (1.0) or text that was one */
	PdpAuditOptAtts opt;		/* -1 each: a table still at extension 1.0 */
} ColumnMap;

/*
 * The types pdp.audit_log was created with (extension/pdp--1.0.sql).  The
 * three name columns (database and the two roles) became text in 1.1 (a
 * name takes 64 bytes per row whatever it holds); a table not yet updated
 * keeps name.  Either is written the same way (clipped to NAMEDATALEN - 1
 * bytes) and hashed the same way (audit_hash.c), so the chain goes on
 * across the retype.
 */
static const Oid fixed_types[C_NFIXED] = {
	INT8OID, TIMESTAMPTZOID, INT8OID, INT8OID, INT8OID, INT4OID, BOOLOID,
	BYTEAOID, BYTEAOID
};
static const Oid str_types[RS_COUNT] = {
	TEXTOID, TEXTOID, TEXTOID, NAMEOID, NAMEOID, NAMEOID, TEXTOID, INETOID,
	TEXTOID, TEXTOID, TEXTOID, TEXTARRAYOID, TEXTARRAYOID, TEXTOID, JSONBOID
};

static void
writer_sigterm(SIGNAL_ARGS)
{
	int			save_errno = errno;

	shutdown_requested = true;
	SetLatch(MyLatch);
	errno = save_errno;
}

static void
set_state(PdpWriterState state)
{
	SpinLockAcquire(&pdp_queue->mutex);
	pdp_queue->worker_state = state;
	SpinLockRelease(&pdp_queue->mutex);
}

static void
writer_detach(int code, Datum arg)
{
	uint64		waiting;

	SpinLockAcquire(&pdp_queue->mutex);
	pdp_queue->worker_pid = 0;
	pdp_queue->worker_latch = NULL;
	pdp_queue->worker_state = PDP_WRITER_STOPPED;
	pdp_queue->worker_stopped_at = GetCurrentTimestamp();
	waiting = pdp_queue->queued - pdp_queue->done;
	SpinLockRelease(&pdp_queue->mutex);
	ConditionVariableBroadcast(&pdp_queue->written_cv);
	if (waiting > 0)
		ereport(LOG,
				(errmsg("pdp audit writer stopped with " UINT64_FORMAT " events waiting in the queue", waiting),
				 errdetail("It is started again within seconds unless the server is shutting down; the events are kept.")));
}

/*
 * Map the columns of pdp.audit_log by name and check their types.  A
 * table pdp cannot read the way it was created stops the writer: events
 * wait in the queue, and the server log says why.
 */
static Datum summary_detail(ColumnMap *map, PdpRecord *rec, const char **start);

static void
map_columns(Relation rel, ColumnMap *map, bool names_1_0)
{
	PdpColumnSpec spec[C_NFIXED + RS_COUNT];
	AttrNumber	attnums[C_NFIXED + RS_COUNT];
	int			i;

	for (i = 0; i < C_NFIXED; i++)
	{
		spec[i].name = fixed_names[i];
		spec[i].type = fixed_types[i];
	}
	for (i = 0; i < RS_COUNT; i++)
	{
		spec[C_NFIXED + i].name = str_names[i];
		spec[C_NFIXED + i].type = str_types[i];
	}
	/* a table not yet updated from extension 1.0 (pdp_audit_check_layout) */
	if (names_1_0)
	{
		spec[C_NFIXED + RS_SESSION_USER].name = "session_user";
		spec[C_NFIXED + RS_CURRENT_USER].name = "current_user";
	}
	for (i = 0; i < RS_COUNT; i++)
	{
		/* name (1.0) or text (1.1): checked as whichever the table has */
		if (str_types[i] == NAMEOID &&
			pdp_attribute_type(RelationGetDescr(rel), spec[C_NFIXED + i].name) == TEXTOID)
			spec[C_NFIXED + i].type = TEXTOID;
	}
	pdp_map_columns(rel, spec, C_NFIXED + RS_COUNT, attnums);
	for (i = 0; i < C_NFIXED; i++)
		map->fixed[i] = attnums[i] - 1;
	for (i = 0; i < RS_COUNT; i++)
	{
		map->str[i] = attnums[C_NFIXED + i] - 1;
		map->str_type[i] = spec[C_NFIXED + i].type;
		map->str_clip[i] = (str_types[i] == NAMEOID);
	}
	pdp_audit_opt_atts(RelationGetDescr(rel), &map->opt);
}

/*
 * Where the chain stands: pdp.audit_chain, one row, read by column name.
 * A chain pdp cannot read (no row or several, wrong types, a hash that is
 * not 32 bytes, a head id without its hash) is not continued: continuing
 * it would hide whatever was done to it.  ERROR, which stops the writer;
 * the events wait and the server log says why.
 */
static void
load_chain(Oid relid)
{
	static const PdpColumnSpec spec[3] = {
		{"first_prev_hash", BYTEAOID}, {"last_id", INT8OID}, {"last_hash", BYTEAOID}
	};
	Oid			chain = pdp_extension_relid("audit_chain");
	Relation	rel;
	AttrNumber	attnums[3];
	bool		isnull[3];
	Datum		d[3];
	int			nrows = 0;
	SysScanDesc scan;
	HeapTuple	tup;

	if (!OidIsValid(chain))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("pdp audit writer: table pdp.audit_chain is missing"),
				 errhint("Restore it from a backup: the writer does not start a new chain over an existing trail.")));
	rel = table_open(chain, RowExclusiveLock);
	pdp_map_columns(rel, spec, 3, attnums);
	scan = systable_beginscan(rel, InvalidOid, false, NULL, 0, NULL);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		int			i;

		if (++nrows > 1)
			break;
		for (i = 0; i < 3; i++)
			d[i] = heap_getattr(tup, attnums[i], RelationGetDescr(rel), &isnull[i]);
		last_id = isnull[1] ? 0 : DatumGetInt64(d[1]);
		have_last_hash = false;
		if (!isnull[2])
		{
			bytea	   *h = DatumGetByteaPP(d[2]);

			if (VARSIZE_ANY_EXHDR(h) != PG_SHA256_DIGEST_LENGTH)
				nrows = -1;
			else
			{
				memcpy(last_hash, VARDATA_ANY(h), PG_SHA256_DIGEST_LENGTH);
				have_last_hash = true;
			}
		}
		if (isnull[1] != isnull[2] || last_id < 0)
			nrows = -1;
		if (nrows < 0)
			break;
	}
	systable_endscan(scan);
	if (nrows != 1)
	{
		set_state(PDP_WRITER_BROKEN);
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("pdp audit writer: pdp.audit_chain cannot be read, the audit chain is not continued"),
				 errdetail(nrows == 0 ? "The table has no row." :
						   nrows > 1 ? "The table has more than one row." :
						   "Its row is damaged: last_id and last_hash must both be set (a 32-byte hash) or both be NULL."),
				 errhint("Audit events wait in the queue.  Restore pdp.audit_chain from a backup, or check the trail with pdp.verify_audit_log() and an anchor from the server log.")));
	}
	table_close(rel, RowExclusiveLock);
	chain_relid = relid;
	chain_loaded = true;
}

static bytea *
digest_bytea(const uint8 *digest)
{
	bytea	   *b = palloc(VARHDRSZ + PG_SHA256_DIGEST_LENGTH);

	SET_VARSIZE(b, VARHDRSZ + PG_SHA256_DIGEST_LENGTH);
	memcpy(VARDATA(b), digest, PG_SHA256_DIGEST_LENGTH);
	return b;
}

/*
 * Move the chain's head in pdp.audit_chain from where this batch found it
 * (from_id, from_hash) to where it is now.  If the row no longer says what
 * the writer last wrote, someone changed it behind the writer's back:
 * ERROR, the batch is rolled back, and the writer refuses to go on until
 * the row is put back (it says so in the server log).
 */
static void
save_chain(int64 from_id, const uint8 *from_hash, bool from_has_hash)
{
	Datum		args[4];
	Oid			types[4] = {INT8OID, BYTEAOID, INT8OID, BYTEAOID};
	char		nulls[4] = {' ', ' ', ' ', ' '};

	args[0] = Int64GetDatum(last_id);
	args[1] = PointerGetDatum(digest_bytea(last_hash));
	args[2] = Int64GetDatum(from_id);
	nulls[2] = from_has_hash ? ' ' : 'n';
	args[3] = from_has_hash ? PointerGetDatum(digest_bytea(from_hash)) : (Datum) 0;
	nulls[3] = from_has_hash ? ' ' : 'n';
	SPI_connect();
	if (SPI_execute_with_args("UPDATE pdp.audit_chain SET last_id = $1, last_hash = $2 "
							  "WHERE last_id IS NOT DISTINCT FROM $3 "
							  "AND last_hash IS NOT DISTINCT FROM $4",
							  4, types, args, nulls, false, 0) != SPI_OK_UPDATE)
		elog(ERROR, "could not update pdp.audit_chain");
	if (SPI_processed != 1)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("pdp audit writer: pdp.audit_chain was changed behind the writer's back, the audit chain is not continued"),
				 errdetail("It no longer says that the chain ends at id " INT64_FORMAT ".", from_id),
				 errhint("Audit events wait in the queue.  Put the row back as the writer left it, or restore the trail from a backup; check it with pdp.verify_audit_log().")));
	SPI_finish();
}

/*
 * Log the head of the chain, at most every pdp.audit_anchor_interval and
 * when it moved (always when the writer stops): a copy outside the
 * database of a hash that every later row depends on.  A superuser who
 * rewrites the table and its chain from the start can make
 * verify_audit_log() pass again, but not bring back this id with this hash.
 */
static void
log_anchor(bool stopping)
{
	TimestampTz now;
	char		hex[PG_SHA256_DIGEST_LENGTH * 2 + 1];

	if (pdp_audit_anchor_interval == 0 || !have_last_hash || last_id == anchored_id)
		return;
	now = GetCurrentTimestamp();
	if (!stopping && anchored_at != 0 &&
		!TimestampDifferenceExceeds(anchored_at, now, pdp_audit_anchor_interval * 1000))
		return;
	hex_encode((const char *) last_hash, PG_SHA256_DIGEST_LENGTH, hex);
	hex[PG_SHA256_DIGEST_LENGTH * 2] = '\0';
	ereport(LOG,
			(errmsg("pdp audit chain head: id " INT64_FORMAT ", hash \\x%s", last_id, hex),
			 errhidestmt(true)));
	anchored_id = last_id;
	anchored_at = now;
}

static Datum
string_datum(Oid type, bool clip, const char *p, int len, uint32 flags, PdpRecStr field)
{
	char	   *s;

	/*
	 * Valid in this database's encoding, whatever the backend's was (array
	 * elements each on their own: NUL separates them).
	 */
	if (type != TEXTARRAYOID)
		p = pdp_text_clean(p, len, &len);
	switch (type)
	{
		case TEXTOID:
			/* what was a name column holds what a name would */
			if (clip)
				len = pg_mbcliplen(p, len, NAMEDATALEN - 1);
			return PointerGetDatum(cstring_to_text_with_len(p, len));
		case NAMEOID:
			{
				Name		n = palloc0(NAMEDATALEN);

				memcpy(NameStr(*n), p, pg_mbcliplen(p, len, NAMEDATALEN - 1));
				return NameGetDatum(n);
			}
		case TEXTARRAYOID:
			{
				Datum	   *elems = palloc(sizeof(Datum) * (len + 1));
				int			n = 0;
				int			off = 0;

				while (off < len)
				{
					int			l = strnlen(p + off, len - off);
					int			cl;
					const char *e = pdp_text_clean(p + off, l, &cl);

					elems[n++] = PointerGetDatum(cstring_to_text_with_len(e, cl));
					off += l + 1;
				}
				return PointerGetDatum(construct_array(elems, n, TEXTOID, -1, false,
													   TYPALIGN_INT));
			}
		default:
			{
				/* inet, jsonb: from their text form */
				Oid			in;
				Oid			ioparam;

				s = pnstrdup(p, len);
				if (field == RS_DETAIL && (flags & PDP_REC_INCOMPLETE))
				{
					/* {...} -> {..., "completed": false} */
					char	   *end = strrchr(s, '}');

					if (end)
						*end = '\0';
					s = psprintf("%s%s\"completed\": false}", s,
								 (strchr(s, ':') != NULL) ? ", " : "");
				}
				getTypeInputInfo(type, &in, &ioparam);
				return OidInputFunctionCall(in, s, ioparam, -1);
			}
	}
}


static inline void
set_column(TupleTableSlot *slot, int col, Datum value)
{
	slot->tts_values[col] = value;
	slot->tts_isnull[col] = false;
}

/*
 * The last value built for each string column.  Consecutive events of one
 * workload mostly repeat their strings (role, purpose, relation, columns,
 * query): a repeated string reuses the Datum built for the previous event
 * instead of building it again.  Values live in the rows' context; the
 * cache is emptied with it.
 */
typedef struct StringCache
{
	int			len[RS_COUNT];	/* -2: nothing cached */
	const char *bytes[RS_COUNT];
	Datum		value[RS_COUNT];
} StringCache;

static void
string_cache_reset(StringCache *cache)
{
	int			i;

	for (i = 0; i < RS_COUNT; i++)
		cache->len[i] = -2;
}

static Datum
cached_string_datum(StringCache *cache, MemoryContext cxt, ColumnMap *map,
					PdpRecord *rec, const char **start, PdpRecStr field)
{
	int			len = rec->str_len[field];
	MemoryContext old;

	if (cache->len[field] == len &&
		memcmp(cache->bytes[field], start[field], len) == 0)
		return cache->value[field];

	old = MemoryContextSwitchTo(cxt);
	cache->value[field] = string_datum(map->str_type[field], map->str_clip[field],
									   start[field], len, rec->hdr.flags, field);
	{
		/*
		 * The bytes as they are: an array's elements are NUL-separated, so
		 * pnstrdup would stop at the first (and the next comparison would
		 * read past the copy and never match).
		 */
		char	   *copy = palloc(len + 1);

		memcpy(copy, start[field], len);
		copy[len] = '\0';
		cache->bytes[field] = copy;
	}
	cache->len[field] = len;
	MemoryContextSwitchTo(old);
	return cache->value[field];
}

/* Fill a slot from one queue record, extending the chain */
static void
fill_slot(TupleTableSlot *slot, ColumnMap *map, PdpRecord *rec,
		  const char **start, StringCache *cache, MemoryContext cache_cxt,
		  Datum server)
{
	TupleDesc	desc = slot->tts_tupleDescriptor;
	uint32		flags = rec->hdr.flags;
	uint8		hash[PG_SHA256_DIGEST_LENGTH];
	int			i;

	ExecClearTuple(slot);
	for (i = 0; i < desc->natts; i++)
		slot->tts_isnull[i] = true;

	for (i = 0; i < RS_COUNT; i++)
	{
		if (i == RS_DETAIL && (flags & PDP_REC_INCOMPLETE))
		{
			/* the detail of an incomplete statement is rewritten */
			set_column(slot, map->str[i],
					   string_datum(map->str_type[i], map->str_clip[i],
									rec->str_len[i] >= 0 ? start[i] : "{}",
									rec->str_len[i] >= 0 ? rec->str_len[i] : 2,
									flags, i));
		}
		else if (rec->str_len[i] >= 0)
			set_column(slot, map->str[i],
					   cached_string_datum(cache, cache_cxt, map, rec, start, i));
	}

	set_column(slot, map->fixed[C_ID], Int64GetDatum(++last_id));
	set_column(slot, map->fixed[C_EVENT_TIME], TimestampTzGetDatum(rec->event_time));
	if (flags & PDP_REC_HAS_ROWS)
		set_column(slot, map->fixed[C_ROWS], Int64GetDatum(rec->rows));
	if (flags & PDP_REC_HAS_RECORDS)
		set_column(slot, map->fixed[C_RECORDS], Int64GetDatum(rec->records_read));
	if (flags & PDP_REC_HAS_QUERY_ID)
		set_column(slot, map->fixed[C_QUERY_ID], Int64GetDatum(rec->query_id));
	if (flags & PDP_REC_HAS_PID)
		set_column(slot, map->fixed[C_PID], Int32GetDatum(rec->backend_pid));
	if (flags & PDP_REC_HAS_SENSITIVE)
		set_column(slot, map->fixed[C_SENSITIVE],
				   BoolGetDatum((flags & PDP_REC_SENSITIVE) != 0));
	if (have_last_hash)
		set_column(slot, map->fixed[C_PREV_HASH], PointerGetDatum(digest_bytea(last_hash)));
	if (map->opt.server >= 0)
		set_column(slot, map->opt.server, server);
	/* a summary's counts; a table still at 1.0 has no columns for them */
	if ((flags & PDP_REC_SUMMARY) && map->opt.statements >= 0 && map->opt.first_time >= 0)
	{
		set_column(slot, map->opt.statements, Int64GetDatum(rec->statements));
		set_column(slot, map->opt.first_time, TimestampTzGetDatum(rec->first_time));
	}
	else if (flags & PDP_REC_SUMMARY)
		set_column(slot, map->str[RS_DETAIL], summary_detail(map, rec, start));

	pdp_audit_row_hash(desc, map->fixed[C_HASH], &map->opt, slot->tts_values,
					   slot->tts_isnull, hash);
	set_column(slot, map->fixed[C_HASH], PointerGetDatum(digest_bytea(hash)));
	memcpy(last_hash, hash, sizeof(hash));
	have_last_hash = true;

	/*
	 * Formed here and stored as the slot's own: table_multi_insert then
	 * takes it as it is (a virtual slot would be copied, then formed).
	 */
	ExecStoreHeapTuple(heap_form_tuple(desc, slot->tts_values, slot->tts_isnull),
					   slot, true);
}

/*
 * The detail of a summary written into a table still at extension 1.0
 * (no statements, first_time columns): its counts go into the JSON.
 */
static Datum
summary_detail(ColumnMap *map, PdpRecord *rec, const char **start)
{
	StringInfoData d;

	initStringInfo(&d);
	appendStringInfo(&d, "{\"statements\": " INT64_FORMAT ", \"first_time\": \"%s\"",
					 rec->statements, timestamptz_to_str(rec->first_time));
	if (rec->str_len[RS_DETAIL] > 2 && start[RS_DETAIL][0] == '{')
	{
		appendStringInfoString(&d, ", ");
		appendBinaryStringInfo(&d, start[RS_DETAIL] + 1, rec->str_len[RS_DETAIL] - 1);
	}
	else
		appendStringInfoChar(&d, '}');
	return string_datum(map->str_type[RS_DETAIL], false, d.data, d.len, rec->hdr.flags, RS_DETAIL);
}

static bool
string_is(PdpRecord *rec, const char **start, PdpRecStr field, const char *literal)
{
	int			len = strlen(literal);

	return rec->str_len[field] == len && memcmp(start[field], literal, len) == 0;
}

/*
 * NOTIFY pdp_alerts for blocked attempts, limit violations and bulk reads.
 * Any role that can connect to this database may LISTEN (channels have no
 * privileges), so the payload names no role, purpose, relation or count -
 * only the kind of alert and the event's id, which a member of pdp_auditor
 * looks up in pdp.audit_events.
 *
 * Alerts are collected during a batch and sent in a transaction of their
 * own once the batch has committed, so a listener hears of an event only
 * once it is stored - and so that nothing about NOTIFY can hold up the
 * trail: any role can fill the NOTIFY queue or hold its lock in a commit.
 * Sending waits at most a second for that lock; alerts that cannot be
 * sent are counted in the server log, the events are in the trail.
 */
static MemoryContext alerts_cxt = NULL;
static List *alerts = NIL;		/* payloads, in alerts_cxt */

static void
maybe_alert(PdpRecord *rec, const char **start, int64 id)
{
	const char *why = NULL;
	char		payload[128];

	/* decided in place: most events raise no alert, and copy nothing */
	if (!string_is(rec, start, RS_KIND, "access"))
		return;
	if (string_is(rec, start, RS_REASON, "row_limit") ||
		string_is(rec, start, RS_REASON, "daily_limit"))
		why = "limit";
	else if (string_is(rec, start, RS_DECISION, "blocked"))
		why = "blocked";
	else if (((rec->hdr.flags & PDP_REC_HAS_RECORDS) && !(rec->hdr.flags & PDP_REC_SUMMARY) &&
			  rec->records_read > pdp_bulk_read_threshold) ||
			 (rec->hdr.flags & PDP_REC_BULK))
		why = "bulk_read";
	if (why == NULL)
		return;

	snprintf(payload, sizeof(payload),
			 "{\"alert\": \"%s\", \"id\": " INT64_FORMAT ", \"event_time\": \"%s\"}",
			 why, id, timestamptz_to_str(rec->event_time));
	{
		MemoryContext old = MemoryContextSwitchTo(alerts_cxt);

		alerts = lappend(alerts, pstrdup(payload));
		MemoryContextSwitchTo(old);
	}
}

/* After a batch committed: its alerts, in their own transaction */
static void
send_alerts(void)
{
	MemoryContext old = CurrentMemoryContext;
	int			n = list_length(alerts);

	if (n == 0)
		return;
	PG_TRY();
	{
		ListCell   *lc;

		StartTransactionCommand();
		(void) set_config_option("lock_timeout", "1000", PGC_SUSET, PGC_S_SESSION,
								 GUC_ACTION_LOCAL, true, 0, false);
		foreach(lc, alerts)
			Async_Notify("pdp_alerts", lfirst(lc));
		CommitTransactionCommand();
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		HOLD_INTERRUPTS();
		MemoryContextSwitchTo(old);
		edata = CopyErrorData();
		FlushErrorState();
		AbortCurrentTransaction();
		ereport(LOG,
				(errmsg("pdp audit writer: %d alerts could not be sent on channel pdp_alerts: %s",
						n, edata->message),
				 errdetail("The events are in pdp.audit_log.")));
		FreeErrorData(edata);
		RESUME_INTERRUPTS();
	}
	PG_END_TRY();
	MemoryContextSwitchTo(old);
	list_free(alerts);
	alerts = NIL;
	MemoryContextReset(alerts_cxt);
}

/* table_multi_insert the filled slots, keep indexes up to date, empty them */
static void
insert_slots(Relation rel, TupleTableSlot **slots, int *nslots, ResultRelInfo *rri,
			 EState *estate, BulkInsertState bistate, MemoryContext row_cxt,
			 StringCache *cache)
{
	int			j;

	/* append-only: no free space worth looking for */
	table_multi_insert(rel, slots, *nslots, GetCurrentCommandId(true),
					   TABLE_INSERT_SKIP_FSM, bistate);
	for (j = 0; j < *nslots; j++)
	{
		if (rri && rri->ri_NumIndices > 0)
		{
			list_free(ExecInsertIndexTuples(rri, slots[j], estate, false,
											false, NULL, NIL));
			ResetPerTupleExprContext(estate);
		}
		ExecClearTuple(slots[j]);
	}
	*nslots = 0;
	MemoryContextReset(row_cxt);
	string_cache_reset(cache);
}

/*
 * pdp.audit_log opened for one batch: the relation and its indexes, the
 * slots rows are gathered in, and where the chain stood when the batch
 * began (save_chain() moves pdp.audit_chain from there).
 */
typedef struct Trail
{
	Relation	rel;
	ColumnMap	map;
	EState	   *estate;
	ResultRelInfo *rri;
	BulkInsertState bistate;
	TupleDesc	desc;			/* the slots', a copy of rel's */
	TupleTableSlot **slots;
	int			nslots;
	int			maxslots;
	StringCache cache;
	MemoryContext row_cxt;
	Datum		own_server;		/* pdp_server_name() as text */
	int64		from_id;
	uint8		from_hash[PG_SHA256_DIGEST_LENGTH];
	bool		from_has_hash;
} Trail;

/*
 * Open the trail for a batch of at most maxslots rows at a time, in the
 * current transaction (with an active snapshot) and memory context.  False
 * when there is no pdp.audit_log to write to (the state says so).
 */
static bool
trail_open(Trail *t, int maxslots, MemoryContext row_cxt)
{
	Oid			relid;
	int			i;

	relid = pdp_extension_relid("audit_log");
	if (!OidIsValid(relid))
	{
		if (!warned_missing)
			ereport(WARNING,
					(errmsg("pdp audit writer: extension pdp is not installed in database \"%s\"",
							pdp_audit_database),
					 errdetail("Audit events wait in the queue until it is."),
					 errhint("Run CREATE EXTENSION pdp in database \"%s\", or set pdp.audit_database.",
							 pdp_audit_database)));
		warned_missing = true;
		set_state(PDP_WRITER_NO_TABLE);
		return false;
	}
	warned_missing = false;
	if (!chain_loaded || chain_relid != relid)
		load_chain(relid);
	t->from_id = last_id;
	t->from_has_hash = have_last_hash;
	memcpy(t->from_hash, last_hash, sizeof(t->from_hash));

	t->rel = table_open(relid, RowExclusiveLock);
	if (t->rel->rd_rel->relkind != RELKIND_RELATION || t->rel->rd_tableam == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("pdp audit writer: pdp.audit_log is not a plain table"),
				 errdetail("It was replaced by a partitioned table, a view or another kind of relation, which the writer cannot append to."),
				 errhint("Audit events wait in the queue.  Restore pdp.audit_log as a plain table.")));
	map_columns(t->rel, &t->map, pdp_audit_check_layout(RelationGetDescr(t->rel)));
	t->estate = NULL;
	t->rri = NULL;
	if (t->rel->rd_rel->relhasindex)
	{
		/* indexes a DBA added: kept up to date as COPY does */
		t->estate = CreateExecutorState();
		t->rri = makeNode(ResultRelInfo);
		InitResultRelInfo(t->rri, t->rel, 1, NULL, 0);
		ExecOpenIndices(t->rri, false);
	}
	string_cache_reset(&t->cache);
	t->bistate = GetBulkInsertState();
	t->maxslots = maxslots;
	t->nslots = 0;
	t->slots = palloc(sizeof(TupleTableSlot *) * maxslots);

	/*
	 * The slots share a copy of the descriptor: one that is not reference
	 * counted, so making and dropping a slot does not pin it in the
	 * resource owner (with small batches, about once per event).
	 */
	t->desc = CreateTupleDescCopy(RelationGetDescr(t->rel));
	for (i = 0; i < maxslots; i++)
		t->slots[i] = MakeSingleTupleTableSlot(t->desc, &TTSOpsHeapTuple);
	t->row_cxt = row_cxt;
	t->own_server = CStringGetTextDatum(pdp_server_name());
	return true;
}

/* One event into the trail (in row_cxt), extending the chain */
static void
trail_add(Trail *t, PdpRecord *rec, const char **strs, Datum server)
{
	fill_slot(t->slots[t->nslots], &t->map, rec, strs, &t->cache, t->row_cxt, server);
	t->nslots++;
	maybe_alert(rec, strs, last_id);
	if (t->nslots == t->maxslots)
		insert_slots(t->rel, t->slots, &t->nslots, t->rri, t->estate, t->bistate,
					 t->row_cxt, &t->cache);
}

/* The rest of the batch's rows, and the chain's new head */
static void
trail_close(Trail *t)
{
	int			i;

	if (t->nslots > 0)
		insert_slots(t->rel, t->slots, &t->nslots, t->rri, t->estate, t->bistate,
					 t->row_cxt, &t->cache);
	if (t->bistate)
		FreeBulkInsertState(t->bistate);
	if (t->rri)
	{
		ExecCloseIndices(t->rri);
		FreeExecutorState(t->estate);
	}
	for (i = 0; i < t->maxslots; i++)
		ExecDropSingleTupleTableSlot(t->slots[i]);
	table_close(t->rel, NoLock);
	save_chain(t->from_id, t->from_hash, t->from_has_hash);
}

/*
 * Write the events ready in the queue, one transaction.  Returns how many
 * were written (0: nothing ready, or nowhere to write).
 */
static int
write_batch(MemoryContext batch_cxt, MemoryContext row_cxt)
{
	PdpAuditQueue *q = pdp_queue;
	uint64		head;
	uint64		pos;
	uint64		start;
	int			n = 0;
	Trail		t;
	const char *strs[RS_COUNT];
	MemoryContext old;
	int			i;
	int			bad = 0;

	SpinLockAcquire(&q->mutex);
	head = q->head;
	start = q->tail;
	SpinLockRelease(&q->mutex);
	if (head == start)
		return 0;

	/* how far are records published? */
	pos = start;
	while (pos < head && n < BATCH_EVENTS)
	{
		PdpRecordHeader *hdr = (PdpRecordHeader *) (q->data + pos % q->size);
		uint32		len = pg_atomic_read_u32(&hdr->state);

		if (len == 0)
			break;
		if (len < sizeof(PdpRecord) || len != MAXALIGN(len) || pos + len > head)
		{
			/* write what comes before; the next batch starts at the damage */
			if (n > 0)
				break;
			pdp_queue_drop_all(pos, "writer");
			return 0;
		}
		pos += len;
		n++;
	}
	if (n == 0)
		return 0;
	pg_read_barrier();

	SetCurrentStatementStartTimestamp();
	StartTransactionCommand();
	PushActiveSnapshot(GetTransactionSnapshot());
	pgstat_report_activity(STATE_RUNNING, "writing audit events");

	old = MemoryContextSwitchTo(batch_cxt);
	if (!trail_open(&t, Min(n, INSERT_SLOTS), row_cxt))
	{
		MemoryContextSwitchTo(old);
		PopActiveSnapshot();
		CommitTransactionCommand();
		MemoryContextReset(batch_cxt);
		pgstat_report_activity(STATE_IDLE, NULL);
		return 0;
	}

	/* row values live in row_cxt, emptied after each multi-insert */
	MemoryContextSwitchTo(row_cxt);
	for (pos = start, i = 0; i < n; i++)
	{
		PdpRecordHeader *hdr = (PdpRecordHeader *) (q->data + pos % q->size);
		uint32		len = pg_atomic_read_u32(&hdr->state);
		PdpRecord  *rec;

		/* in place, unless the record wraps around the end of the ring */
		if (pos % q->size + len <= q->size)
			rec = (PdpRecord *) hdr;
		else
		{
			rec = palloc(len);
			pdp_ring_copy_out(pos, rec, len);
		}
		pos += len;
		if (!pdp_record_strings(rec, len, strs))
		{
			/* counted, and logged as far as it can be read */
			bad++;
			continue;
		}
		trail_add(&t, rec, strs, t.own_server);
	}
	MemoryContextSwitchTo(batch_cxt);
	trail_close(&t);
	MemoryContextSwitchTo(old);

	PopActiveSnapshot();
	CommitTransactionCommand();
	MemoryContextReset(batch_cxt);
	log_anchor(false);

	/* committed: the room can be used again */
	SpinLockAcquire(&q->mutex);
	q->tail = pos;
	q->written += n - bad;
	q->done += n;
	q->dropped += bad;
	SpinLockRelease(&q->mutex);
	if (bad > 0)
		ereport(LOG,
				(errmsg("pdp audit writer: %d damaged events in the queue were dropped", bad)));
	ConditionVariableBroadcast(&q->space_cv);
	ConditionVariableBroadcast(&q->written_cv);
	send_alerts();
	pgstat_report_activity(STATE_IDLE, NULL);
	return n - bad;
}

/*
 * Events of other servers (audit_inbox.c).  The inbox is a table a
 * superuser can change, and a value the standby could hold may not fit
 * this database or an index a DBA added (audit_inbox.c checks at receipt,
 * but not what was changed since, nor indexes): a row that cannot be
 * stored for such a reason - a data exception, an integrity violation, a
 * program limit - is dropped, counted and logged rather than stop the
 * trail.  Any other error (out of memory, a lock) fails the batch, which
 * is retried as it was.
 */
typedef struct InboxRow
{
	HeapTuple	tuple;
	char	   *server;			/* NULL: damaged */
	int64		epoch;
	int64		seq;
	PdpRecord  *rec;
	const char *strs[RS_COUNT];
	const char *why;
} InboxRow;

/* where the chain stands: put back when rows are rolled back */
typedef struct ChainMark
{
	int64		id;
	uint8		hash[PG_SHA256_DIGEST_LENGTH];
	bool		has_hash;
	int			nalerts;
} ChainMark;

static void
chain_mark(ChainMark *m)
{
	m->id = last_id;
	memcpy(m->hash, last_hash, sizeof(m->hash));
	m->has_hash = have_last_hash;
	m->nalerts = list_length(alerts);
}

static void
chain_reset(ChainMark *m, Trail *t)
{
	int			i;

	last_id = m->id;
	memcpy(last_hash, m->hash, sizeof(last_hash));
	have_last_hash = m->has_hash;
	alerts = list_truncate(alerts, m->nalerts);
	for (i = 0; i < t->nslots; i++)
		ExecClearTuple(t->slots[i]);
	t->nslots = 0;
	MemoryContextReset(t->row_cxt);
	string_cache_reset(&t->cache);
}

/* an error a row brings on itself, by its values */
static bool
row_error(ErrorData *edata)
{
	int			class = ERRCODE_TO_CATEGORY(edata->sqlerrcode);

	return class == ERRCODE_DATA_EXCEPTION ||
		class == ERRCODE_INTEGRITY_CONSTRAINT_VIOLATION ||
		class == ERRCODE_PROGRAM_LIMIT_EXCEEDED ||
		edata->sqlerrcode == ERRCODE_DATA_CORRUPTED;
}

/* Decode and check inbox row r->tuple (into row memory) */
static void
inbox_decode(InboxRow *r, TupleDesc desc, AttrNumber *att)
{
	bool		isnull[4];
	Datum		d[4];
	int			i;

	r->server = NULL;
	r->rec = NULL;
	r->why = NULL;
	for (i = 0; i < 4; i++)
		d[i] = heap_getattr(r->tuple, att[i], desc, &isnull[i]);
	if (isnull[0] || isnull[1] || isnull[2] || isnull[3])
	{
		r->why = "a column is NULL";
		return;
	}
	else
	{
		char	   *name = text_to_cstring(DatumGetTextPP(d[0]));
		int			len;
		const char *clean = pdp_text_clean(name, strlen(name), &len);
		bytea	   *b;

		r->epoch = DatumGetInt64(d[1]);
		r->seq = DatumGetInt64(d[2]);
		if (len == 0 || len >= NAMEDATALEN || pg_strcasecmp(clean, pdp_server_name()) == 0)
		{
			r->why = "its server name is empty, too long, or this server's own";
			return;
		}
		b = DatumGetByteaPP(d[3]);
		r->rec = pdp_inbox_record(VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b), r->strs, &r->why);
		if (r->rec)
			r->server = pnstrdup(clean, len);
	}
}

/* Rows into the trail; an error propagates (the caller rolls back) */
static void
inbox_add(Trail *t, InboxRow *r)
{
	fill_slot(t->slots[t->nslots], &t->map, r->rec, r->strs, &t->cache, t->row_cxt,
			  CStringGetTextDatum(r->server));
	t->nslots++;
	maybe_alert(r->rec, r->strs, last_id);
	if (t->nslots == t->maxslots)
		insert_slots(t->rel, t->slots, &t->nslots, t->rri, t->estate, t->bistate,
					 t->row_cxt, &t->cache);
}

static void
inbox_flush(Trail *t)
{
	if (t->nslots > 0)
		insert_slots(t->rel, t->slots, &t->nslots, t->rri, t->estate, t->bistate,
					 t->row_cxt, &t->cache);
}

/*
 * Run fn(t, rows, n, arg) in a subtransaction.  NULL if it went through;
 * else the error (copied into keep_cxt), when it is one a row brings on
 * itself (everything the subtransaction did is undone, the chain put back).
 * Other errors are thrown again.
 */
static ErrorData *
inbox_try(Trail *t, void (*fn) (Trail *, InboxRow *, int), InboxRow *rows, int n,
		  MemoryContext keep_cxt)
{
	MemoryContext cxt = CurrentMemoryContext;
	ResourceOwner owner = CurrentResourceOwner;
	ChainMark	mark;
	ErrorData  *volatile edata = NULL;

	chain_mark(&mark);
	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(cxt);
	PG_TRY();
	{
		fn(t, rows, n);
		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(cxt);
		CurrentResourceOwner = owner;
	}
	PG_CATCH();
	{
		/* the error outlives the rows' memory, which is emptied below */
		MemoryContextSwitchTo(keep_cxt);
		edata = CopyErrorData();
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(cxt);
		CurrentResourceOwner = owner;
		chain_reset(&mark, t);
		if (!row_error(edata))
			ReThrowError(edata);
	}
	PG_END_TRY();
	return edata;
}

static void
inbox_add_all(Trail *t, InboxRow *rows, int n)
{
	int			i;

	for (i = 0; i < n; i++)
		if (rows[i].rec)
			inbox_add(t, &rows[i]);
	inbox_flush(t);
}

/*
 * Move events of other servers from pdp.audit_inbox into the trail, one
 * transaction, at most BATCH_EVENTS, in the order of the inbox's primary
 * key (server, epoch, seq).  Only when a standby stored some since the
 * last look (or at start).  All rows go in at once; if one cannot be
 * stored, they go in one by one and that one is dropped.  Returns events
 * moved (stored or dropped).
 */
static int
write_inbox(MemoryContext batch_cxt, MemoryContext row_cxt)
{
	static bool checked = false;
	static uint64 seen = 0;
	static const PdpColumnSpec spec[4] = {
		{"server", TEXTOID}, {"epoch", INT8OID}, {"seq", INT8OID}, {"record", BYTEAOID}
	};
	PdpAuditQueue *q = pdp_queue;
	uint64		gen = pg_atomic_read_u64(&q->inbox_received);
	Oid			inbox;
	Relation	irel;
	AttrNumber	att[4];
	Oid			pk;
	SysScanDesc scan;
	HeapTuple	tup;
	InboxRow   *rows;
	int			nrows = 0;
	bool		more = false;
	Trail		t;
	MemoryContext old;
	int			i;
	int			good = 0;
	int			bad = 0;

	if (checked && gen == seen)
		return 0;
	pg_read_barrier();

	SetCurrentStatementStartTimestamp();
	StartTransactionCommand();
	PushActiveSnapshot(GetTransactionSnapshot());
	old = MemoryContextSwitchTo(batch_cxt);
	inbox = pdp_extension_relid("audit_inbox");
	if (!OidIsValid(inbox))
	{
		/* extension 1.0, or not installed: nothing can arrive */
		MemoryContextSwitchTo(old);
		PopActiveSnapshot();
		CommitTransactionCommand();
		MemoryContextReset(batch_cxt);
		checked = true;
		seen = gen;
		pg_atomic_write_u64(&q->inbox_written, gen);
		return 0;
	}
	irel = table_open(inbox, RowExclusiveLock);
	pdp_map_columns(irel, spec, 4, att);
	pk = RelationGetPrimaryKeyIndex(irel);
	rows = palloc0(sizeof(InboxRow) * BATCH_EVENTS);
	scan = systable_beginscan(irel, pk, OidIsValid(pk), GetActiveSnapshot(), 0, NULL);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		if (nrows >= BATCH_EVENTS)
		{
			more = true;
			break;
		}
		rows[nrows++].tuple = heap_copytuple(tup);
	}
	systable_endscan(scan);

	if (nrows > 0)
	{
		pgstat_report_activity(STATE_RUNNING, "writing audit events of other servers");
		if (!trail_open(&t, Min(nrows, INSERT_SLOTS), row_cxt))
		{
			table_close(irel, NoLock);
			MemoryContextSwitchTo(old);
			PopActiveSnapshot();
			CommitTransactionCommand();
			MemoryContextReset(batch_cxt);
			pgstat_report_activity(STATE_IDLE, NULL);
			return 0;
		}
		/*
		 * Rows go in inside subtransactions: no bulk-insert buffer pin may
		 * outlive one that is rolled back.
		 */
		FreeBulkInsertState(t.bistate);
		t.bistate = NULL;
		if (t.map.opt.server < 0)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("pdp audit writer: pdp.audit_log has no column \"server\", events of other servers cannot be stored"),
					 errhint("They wait in pdp.audit_inbox.  Restore the column (text), or update the extension: ALTER EXTENSION pdp UPDATE.")));

		/* decoded records live in the batch: row_cxt is emptied as rows go in */
		for (i = 0; i < nrows; i++)
		{
			inbox_decode(&rows[i], RelationGetDescr(irel), att);
			if (rows[i].rec == NULL)
			{
				ereport(LOG,
						(errmsg("pdp audit writer: an event in pdp.audit_inbox is damaged and is dropped: %s",
								rows[i].why)));
				bad++;
			}
		}
		MemoryContextSwitchTo(row_cxt);
		if (inbox_try(&t, inbox_add_all, rows, nrows, batch_cxt) == NULL)
			good = nrows - bad;
		else
		{
			/* one by one: a row that cannot be stored is dropped */
			for (i = 0; i < nrows; i++)
			{
				ErrorData  *edata;

				if (rows[i].rec == NULL)
					continue;
				MemoryContextSwitchTo(row_cxt);
				edata = inbox_try(&t, inbox_add_all, &rows[i], 1, batch_cxt);
				if (edata == NULL)
					good++;
				else
				{
					ereport(LOG,
							(errmsg("pdp audit writer: event " INT64_FORMAT " of server \"%s\" (epoch " INT64_FORMAT ") in pdp.audit_inbox cannot be stored and is dropped: %s",
									rows[i].seq, rows[i].server, rows[i].epoch, edata->message)));
					bad++;
				}
			}
		}
		for (i = 0; i < nrows; i++)
			simple_heap_delete(irel, &rows[i].tuple->t_self);
		MemoryContextSwitchTo(batch_cxt);
		trail_close(&t);
	}
	table_close(irel, NoLock);
	MemoryContextSwitchTo(old);
	PopActiveSnapshot();
	CommitTransactionCommand();
	MemoryContextReset(batch_cxt);
	if (nrows > 0)
		log_anchor(false);

	checked = true;
	if (!more)
	{
		/* every row stored by a commit counted in gen was in our snapshot */
		seen = gen;
		pg_atomic_write_u64(&q->inbox_written, gen);
	}
	if (good > 0)
		pg_atomic_fetch_add_u64(&q->received, good);
	if (bad > 0)
	{
		SpinLockAcquire(&q->mutex);
		q->dropped += bad;
		SpinLockRelease(&q->mutex);
	}
	ConditionVariableBroadcast(&q->written_cv);
	send_alerts();
	pgstat_report_activity(STATE_IDLE, NULL);
	return good + bad;
}

static bool
queue_idle(void)
{
	bool		idle;

	SpinLockAcquire(&pdp_queue->mutex);
	idle = (pdp_queue->head == pdp_queue->tail);
	SpinLockRelease(&pdp_queue->mutex);
	return idle;
}

/*
 * One batch, and what a failure means: the error is logged, the batch's
 * transaction rolled back (its events stay in the queue), and the writer
 * tries again later, backing off, without exiting - a chain it cannot
 * read stays refused until someone repairs it, and says so each time.
 * Returns events written, -1 after a failure.
 */
static int
try_batch(MemoryContext batch_cxt, MemoryContext row_cxt)
{
	volatile int n = -1;

	PG_TRY();
	{
		n = write_batch(batch_cxt, row_cxt);
		n += write_inbox(batch_cxt, row_cxt);
		if (n > 0)
			set_state(PDP_WRITER_RUNNING);
	}
	PG_CATCH();
	{
		HOLD_INTERRUPTS();
		MemoryContextSwitchTo(TopMemoryContext);
		EmitErrorReport();
		AbortCurrentTransaction();
		FlushErrorState();
		MemoryContextReset(batch_cxt);
		MemoryContextReset(row_cxt);
		alerts = NIL;			/* the batch is written again, alerts too */
		MemoryContextReset(alerts_cxt);
		chain_loaded = false;
		set_state(PDP_WRITER_BROKEN);
		pgstat_report_activity(STATE_IDLE, NULL);
		RESUME_INTERRUPTS();
		n = -1;
	}
	PG_END_TRY();
	return n;
}

void
pdp_audit_writer_main(Datum arg)
{
	MemoryContext batch_cxt;
	MemoryContext row_cxt;
	TimestampTz drain_start = 0;
	long		backoff_ms = 0;
	uint64		waiting;

	pqsignal(SIGHUP, SignalHandlerForConfigReload);
	pqsignal(SIGTERM, writer_sigterm);
	BackgroundWorkerUnblockSignals();

	pdp_is_audit_writer = true;
	if (pdp_audit_writer_nice != 0 &&
		setpriority(PRIO_PROCESS, 0, pdp_audit_writer_nice) != 0)
		ereport(LOG,
				(errmsg("pdp audit writer: could not set its priority to %d: %m",
						pdp_audit_writer_nice)));
	BackgroundWorkerInitializeConnection(pdp_audit_database, NULL, 0);
	/* a batch is only released from the queue once it is durable */
	SetConfigOption("synchronous_commit", "on", PGC_SUSET, PGC_S_OVERRIDE);
	pgstat_report_appname("pdp audit writer");

	SpinLockAcquire(&pdp_queue->mutex);
	pdp_queue->worker_pid = MyProcPid;
	pdp_queue->worker_latch = MyLatch;
	pdp_queue->worker_state = PDP_WRITER_RUNNING;
	waiting = pdp_queue->queued - pdp_queue->done;
	SpinLockRelease(&pdp_queue->mutex);
	on_shmem_exit(writer_detach, (Datum) 0);

	/*
	 * On a standby the worker ships the queue to the primary
	 * (audit_sender.c) until shutdown or promotion; promoted, it goes on
	 * here as the writer, with what is left in the queue.
	 */
	if (RecoveryInProgress())
	{
		ereport(LOG,
				(errmsg("pdp audit sender started on standby \"%s\" with " UINT64_FORMAT " events waiting",
						pdp_server_name(), waiting)));
		if (!pdp_sender_run(&shutdown_requested))
			proc_exit(1);
		pgstat_report_appname("pdp audit writer");
		ereport(LOG,
				(errmsg("pdp audit writer: the server was promoted; queued events are written here")));
	}
	SpinLockAcquire(&pdp_queue->mutex);
	pdp_queue->worker_state = PDP_WRITER_RUNNING;
	SpinLockRelease(&pdp_queue->mutex);
	/* drops what the old primary already had; the queue's numbers end here */
	pdp_sender_promoted();
	ereport(LOG,
			(errmsg("pdp audit writer started in database \"%s\" with " UINT64_FORMAT " events waiting",
					pdp_audit_database, waiting)));

	batch_cxt = AllocSetContextCreate(TopMemoryContext, "pdp audit batch",
									  ALLOCSET_DEFAULT_SIZES);
	/* small blocks, reused from malloc's arena rather than mapped anew */
	row_cxt = AllocSetContextCreate(TopMemoryContext, "pdp audit rows",
									64 * 1024, 64 * 1024, 64 * 1024);
	alerts_cxt = AllocSetContextCreate(TopMemoryContext, "pdp audit alerts",
									   ALLOCSET_SMALL_SIZES);
	for (;;)
	{
		int			n;
		long		wait_ms = pdp_audit_flush_interval;

		ResetLatch(MyLatch);
		CHECK_FOR_INTERRUPTS();
		if (ConfigReloadPending)
		{
			ConfigReloadPending = false;
			ProcessConfigFile(PGC_SIGHUP);
		}

		/* the summaries of allowed reads, once per pdp.audit_summary_interval */
		wait_ms = Min(wait_ms, pdp_summary_cycle());
		n = try_batch(batch_cxt, row_cxt);
		if (n < 0)
		{
			/* back off: 1 s, doubling, at most a minute */
			backoff_ms = backoff_ms ? Min(backoff_ms * 2, 60000) : 1000;
			wait_ms = backoff_ms;
			n = 0;
		}
		else
			backoff_ms = 0;
		/* the cluster's daily quotas: at most once per flush interval */
		pdp_quota_writer_cycle();

		if (shutdown_requested)
		{
			if (drain_start == 0)
				drain_start = GetCurrentTimestamp();
			if (queue_idle())
				break;
			if (backoff_ms ||
				TimestampDifferenceExceeds(drain_start, GetCurrentTimestamp(), DRAIN_TIMEOUT_MS))
			{
				ereport(LOG,
						(errmsg("pdp audit writer: stopping with " UINT64_FORMAT " events not written",
								pdp_queue->queued - pdp_queue->done)));
				break;
			}
			if (n == 0)
				(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
								 10, PG_WAIT_EXTENSION);
			continue;
		}
		/* a full batch: more is probably waiting */
		if (n >= BATCH_EVENTS)
			continue;
		pdp_queue->worker_idle = true;
		(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
						 wait_ms, PG_WAIT_EXTENSION);
		pdp_queue->worker_idle = false;
	}
	log_anchor(true);

	/*
	 * Exit status 1: the postmaster starts the writer again after
	 * bgw_restart_time unless the server is shutting down (status 0 would
	 * unregister it for good: one pg_terminate_backend() would end
	 * auditing until the next restart).
	 */
	proc_exit(1);
}

/*
 * Not in a server pg_upgrade started (-b, binary-upgrade mode): there it
 * drops and recreates databases, the one the writer would connect to
 * among them, and pdp.audit_log's file is copied over from the old cluster
 * after the schema is restored, so nothing may be written to it before.
 * Events of that server go to its log (pdp_audit_log_only()).
 */
void
pdp_writer_register(void)
{
	BackgroundWorker worker;

	if (IsBinaryUpgrade)
	{
		ereport(LOG,
				(errmsg("pdp audit writer not started: the server runs in binary-upgrade mode"),
				 errdetail("pdp events of this server go to the server log.")));
		return;
	}
	memset(&worker, 0, sizeof(worker));
	worker.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
	/* on a standby too: it ships the standby's events to the primary */
	worker.bgw_start_time = BgWorkerStart_ConsistentState;
	worker.bgw_restart_time = PDP_WRITER_RESTART_S;
	strcpy(worker.bgw_library_name, "pdp");
	strcpy(worker.bgw_function_name, "pdp_audit_writer_main");
	strcpy(worker.bgw_name, "pdp audit writer");
	strcpy(worker.bgw_type, "pdp audit writer");
	RegisterBackgroundWorker(&worker);
}
