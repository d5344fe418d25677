/*-------------------------------------------------------------------------
 * audit_event.c
 *	  Where a backend's audit events go, and when.
 *
 * Access events belong to their statement (statement.h).  Each is built
 * when the statement starts, once the decision is known, and sealed into
 * a queue record in the statement's memory; the overflow policy applies
 * then, before any row is produced (pdp_queue_admit).  What is only known
 * later - rows returned or affected, records the plan read - is patched in
 * at ExecutorEnd, when the record goes into the queue - or, for an allowed
 * read under pdp.log_allowed = summary, is counted into its summary
 * (audit_summary.c) unless it is a bulk read.  A statement ended
 * by an error has its events written, marked incomplete, when its memory
 * goes away.  A blocked attempt is written immediately, before the ERROR,
 * so no rollback can take it away.
 *
 * Configuration and consent events belong to their transaction
 * (audit_commit.c).
 *
 * An event that does not fit in the queue when it must be written and
 * nobody may wait (a statement ended by an error) is deferred: kept in this backend, counted in the queue's "deferred", and
 * written at the next chance (the next statement, transaction end,
 * pdp.flush_audit(), backend exit).  Only at exit, if the writer still
 * makes no room, is it given up: written to the server log as a JSON line
 * and counted as dropped.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"
#include "statement.h"

#include "access/xact.h"
#include "commands/trigger.h"
#include "executor/instrument.h"
#include "lib/ilist.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "nodes/execnodes.h"
#include "nodes/nodeFuncs.h"
#include "parser/parsetree.h"
#include "storage/ipc.h"
#include "tcop/tcopprot.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"

/* One event of a statement, sealed, waiting for the statement to end */
typedef struct StmtEvent
{
	Oid			relid;			/* relation whose reads are counted */
	char	   *rec;			/* the record, numbers still to fill */
	Size		len;
	int64		rows;
	int64		records;		/* read from relid, known at the end */
	bool		admitted;		/* false: dropped at admission (counted) */
	bool		summarize;		/* an allowed read: counted into its summary
								 * when it ends, unless a bulk read */
	uint32		key_hash;		/* its summary key's hash, 0: not known */
	bool		done;			/* written (or dropped) */
} StmtEvent;

struct PdpStmtEvents
{
	List	   *events;			/* StmtEvent, in the statement's memory */
};

/* A record this backend keeps because the queue had no room for it */
typedef struct HeldRecord
{
	dlist_node	node;
	Size		len;
	char	   *rec;
} HeldRecord;

static MemoryContext held_cxt = NULL;	/* HeldRecords and their records */
static dlist_head deferred = DLIST_STATIC_INIT(deferred);
static bool exit_hook_set = false;

static void flush_deferred(PdpPutMode mode);

/*
 * In a server pg_upgrade started (binary-upgrade mode, see
 * pdp_writer_register()) no writer runs: only superusers can connect to
 * it, its restore records nothing (label.c), and what else happens there
 * is logged as JSON lines, never left in a queue no writer will empty.
 * (A hot standby queues its events like a primary: its worker sends them
 * to the primary, audit_sender.c.)
 * With pdp.audit_log_destination = 'table, log' every event is also logged.
 */
bool
pdp_audit_log_only(void)
{
	return IsBinaryUpgrade;
}
#define log_only() pdp_audit_log_only()

static HeldRecord *
hold(const char *rec, Size len)
{
	HeldRecord *h = MemoryContextAlloc(held_cxt, sizeof(HeldRecord));

	h->rec = MemoryContextAlloc(held_cxt, len);
	memcpy(h->rec, rec, len);
	h->len = len;
	return h;
}

static void
unhold(HeldRecord *h)
{
	dlist_delete(&h->node);
	pfree(h->rec);
	pfree(h);
}

/* Keep rec in this backend until the queue has room for it */
static void
defer(const char *rec, Size len)
{
	dlist_push_tail(&deferred, &hold(rec, len)->node);
	pdp_queue_deferred(1);
}

/*
 * Write rec now, waiting as mode allows; what cannot be written is
 * deferred (false is returned).  PDP_PUT_WAIT fails only under the drop
 * policy, which counted the event.
 */
static bool
write_or_defer(const char *rec, Size len, PdpPutMode mode)
{
	if (pdp_audit_to_log || log_only())
		pdp_record_log(rec, NULL);
	if (log_only())
		return true;
	if (!dlist_is_empty(&deferred))
		flush_deferred(PDP_PUT_NOWAIT);
	if (!pdp_queue_put(rec, len, mode) && mode != PDP_PUT_WAIT)
	{
		defer(rec, len);
		return false;
	}
	return true;
}

/*
 * Record ev now, whatever happens to the transaction (blocked attempts).
 * Under pdp.audit_overflow = wait it waits for room; otherwise, or if the
 * wait is cancelled, an event that does not fit is deferred, never
 * dropped: this is evidence.
 */
void
pdp_event_now(PdpEvent *ev)
{
	Size		len;
	char	   *rec = pdp_event_seal(ev, CurrentMemoryContext, &len);

	pdp_event_free(ev);
	if (pdp_audit_overflow != PDP_OVERFLOW_WAIT)
	{
		write_or_defer(rec, len, PDP_PUT_NOWAIT);
		pfree(rec);
		return;
	}
	PG_TRY();
	{
		write_or_defer(rec, len, PDP_PUT_WAIT);
	}
	PG_CATCH();
	{
		/* cancelled while waiting for room */
		defer(rec, len);
		PG_RE_THROW();
	}
	PG_END_TRY();
	pfree(rec);
}

/*
 * Record ev now: as pdp_event_now() when the caller may wait, else (during
 * abort) without waiting, deferred if the queue is full.
 */
void
pdp_event_record(PdpEvent *ev, bool may_wait)
{
	Size		len;
	char	   *rec;

	if (may_wait)
	{
		pdp_event_now(ev);
		return;
	}
	rec = pdp_event_seal(ev, TopMemoryContext, &len);
	pdp_event_free(ev);
	write_or_defer(rec, len, PDP_PUT_NOWAIT);
	pfree(rec);
}

/*
 * Record ev when the statement st ends.  The overflow policy applies now,
 * before the statement produces anything.
 */
void
pdp_event_pending(PdpEvent *ev, PdpStatement *st, Oid relid, bool summarize)
{
	Size		len;
	char	   *rec = pdp_event_seal(ev, st->cxt, &len);

	pdp_event_free(ev);
	pdp_event_pending_sealed(rec, len, st, relid, summarize, 0);
	pfree(rec);
}

/*
 * The same for a record already sealed (decide.c's copy of a plan's
 * template, its event time set): copied into the statement's memory.
 */
void
pdp_event_pending_sealed(const char *rec, Size len, PdpStatement *st, Oid relid,
						 bool summarize, uint32 key_hash)
{
	StmtEvent  *se;
	MemoryContext old;

	old = MemoryContextSwitchTo(st->cxt);
	if (st->events == NULL)
		st->events = palloc0(sizeof(struct PdpStmtEvents));
	se = palloc0(sizeof(StmtEvent));
	se->relid = relid;
	se->rec = palloc(len);
	memcpy(se->rec, rec, len);
	se->len = len;
	se->key_hash = key_hash;
	MemoryContextSwitchTo(old);

	if (!dlist_is_empty(&deferred))
		flush_deferred(PDP_PUT_NOWAIT);
	se->summarize = summarize && !log_only();
	/*
	 * A summary needs no room in the queue, and one that turns out a bulk
	 * read or finds no room for its key waits for it at the end - except
	 * under pdp.audit_overflow = error, where a statement fails before it
	 * produces anything unless its record would fit (fail closed).
	 */
	se->admitted = log_only() ||
		(se->summarize && pdp_audit_overflow != PDP_OVERFLOW_ERROR) ||
		pdp_queue_admit(se->len);
	old = MemoryContextSwitchTo(st->cxt);
	st->events->events = lappend(st->events->events, se);
	MemoryContextSwitchTo(old);
}

bool
pdp_audit_statement_pending(PdpStatement *st)
{
	return st->events != NULL;
}

/* After each ExecutorRun (a cursor runs once per FETCH): count rows */
void
pdp_audit_statement_rows(PdpStatement *st, uint64 rows)
{
	ListCell   *lc;

	if (st->events == NULL)
		return;
	foreach(lc, st->events->events)
		((StmtEvent *) lfirst(lc))->rows += rows;
}

typedef struct RecordsCtx
{
	EState	   *estate;
	Oid			relid;
	int64		records;
} RecordsCtx;

/* the range-table index a scan node reads, 0 if plan is no scan of a relation */
Index
pdp_scan_relid(const Plan *plan)
{
	switch (nodeTag(plan))
	{
		case T_SeqScan:
		case T_SampleScan:
		case T_IndexScan:
		case T_IndexOnlyScan:
		case T_BitmapHeapScan:
		case T_TidScan:
		case T_TidRangeScan:
		case T_ForeignScan:
		case T_CustomScan:
			return ((const Scan *) plan)->scanrelid;
		default:
			return 0;
	}
}

/* rows of ctx->relid the scans of the plan read: returned or filtered out */
static bool
count_records(PlanState *ps, RecordsCtx *ctx)
{
	Index		rti;

	if (ps == NULL)
		return false;
	rti = pdp_scan_relid(ps->plan);
	if (ps->instrument && rti > 0 &&
		rti <= list_length(ctx->estate->es_range_table) &&
		rt_fetch(rti, ctx->estate->es_range_table)->relid == ctx->relid)
	{
		InstrEndLoop(ps->instrument);
		ctx->records += (int64) (ps->instrument->ntuples +
								 ps->instrument->nfiltered1 +
								 ps->instrument->nfiltered2);
	}
	return planstate_tree_walker(ps, count_records, ctx);
}

static void
set_numbers(StmtEvent *se, bool has_rows, bool has_records, int64 records,
			bool complete)
{
	PdpRecord  *rec = (PdpRecord *) se->rec;

	if (has_rows)
	{
		rec->rows = se->rows;
		rec->hdr.flags |= PDP_REC_HAS_ROWS;
	}
	if (has_records)
	{
		rec->records_read = records;
		rec->hdr.flags |= PDP_REC_HAS_RECORDS;
	}
	if (!complete)
		rec->hdr.flags |= PDP_REC_INCOMPLETE;
}

/*
 * ExecutorEnd, before standard_ExecutorEnd: write the statement's events,
 * waiting for the writer if the queue is full.  An event is marked done
 * before the next one is tried: a cancel while waiting leaves the rest to
 * pdp_audit_statement_abort().
 */
/*
 * Records read so far by the current top-level statement - the client's,
 * with every statement its functions, DO blocks and procedures ran: a bulk
 * read done one small statement at a time (a function reading one row per
 * call, 3 000 calls) is a bulk read too.  Reset by hooks.c when a
 * top-level statement starts.
 */
static int64 top_records = 0;

void
pdp_audit_top_statement_start(void)
{
	top_records = 0;
}

/*
 * Mark se's record as where its client statement's reads went over
 * pdp.bulk_read_threshold (PDP_REC_BULK): detail gets "bulk_read": the
 * records read so far.  Detail is a record's last string: the record is
 * made again with the new one.
 */
static void
mark_bulk(StmtEvent *se, int64 records)
{
	PdpRecord  *rec = (PdpRecord *) se->rec;
	const char *strs[RS_COUNT];
	StringInfoData d;
	Size		used;
	Size		len;
	char	   *copy;

	if (!pdp_record_strings(rec, se->len, strs))
		return;
	initStringInfo(&d);
	appendStringInfo(&d, "{\"bulk_read\": " INT64_FORMAT, records);
	if (rec->str_len[RS_DETAIL] > 2 && strs[RS_DETAIL][0] == '{')
	{
		appendStringInfoString(&d, ", ");
		appendBinaryStringInfo(&d, strs[RS_DETAIL] + 1, rec->str_len[RS_DETAIL] - 1);
	}
	else
		appendStringInfoChar(&d, '}');
	used = strs[RS_DETAIL] - se->rec;
	len = MAXALIGN(used + d.len);
	copy = MemoryContextAllocZero(GetMemoryChunkContext(se->rec), len);
	memcpy(copy, se->rec, used);
	memcpy(copy + used, d.data, d.len);
	((PdpRecord *) copy)->str_len[RS_DETAIL] = d.len;
	((PdpRecord *) copy)->hdr.flags |= PDP_REC_BULK;
	pfree(d.data);
	pfree(se->rec);
	se->rec = copy;
	se->len = len;
}

void
pdp_audit_statement_end(PdpStatement *st, QueryDesc *qd)
{
	ListCell   *lc;
	int64		total = 0;
	int64		top_before;
	bool		bulk;

	if (st->events == NULL)
		return;
	/*
	 * The records each event's relation was read for, and the statement's
	 * total: a bulk read is one statement reading more than
	 * pdp.bulk_read_threshold records, however many relations (the
	 * partitions of one table, say) they are spread over.
	 */
	foreach(lc, st->events->events)
	{
		StmtEvent  *se = lfirst(lc);
		RecordsCtx	ctx;

		if (se->done || !se->admitted)
			continue;
		ctx.relid = se->relid;
		ctx.records = 0;
		/* qd NULL: a utility statement (ddl.c), no rows to count */
		if (qd && qd->planstate)
		{
			ctx.estate = qd->estate;
			count_records(qd->planstate, &ctx);
		}
		se->records = ctx.records;
		total += ctx.records;
	}
	top_before = top_records;
	top_records += total;
	bulk = total > pdp_bulk_read_threshold || top_records > pdp_bulk_read_threshold;

	/*
	 * The statement at which its client statement's reads went over the
	 * threshold, when no one relation's records alone did (partitions,
	 * one small statement at a time): its first record says so, for
	 * bulk_reads and the alert.
	 */
	if (bulk && top_before <= pdp_bulk_read_threshold)
	{
		StmtEvent  *first = NULL;
		bool		one_over = false;

		foreach(lc, st->events->events)
		{
			StmtEvent  *se = lfirst(lc);

			if (se->done || !se->admitted)
				continue;
			if (first == NULL)
				first = se;
			one_over |= se->records > pdp_bulk_read_threshold;
		}
		if (first != NULL && !one_over)
			mark_bulk(first, Max(total, top_records));
	}
	foreach(lc, st->events->events)
	{
		StmtEvent  *se = lfirst(lc);

		if (se->done)
			continue;
		if (!se->admitted)
		{
			se->done = true;
			continue;
		}
		set_numbers(se, qd != NULL, qd && qd->planstate, se->records, true);
		/*
		 * An allowed read is counted into its summary, unless its statement,
		 * or the top-level statement it is part of so far, read more than
		 * pdp.bulk_read_threshold records (the exfiltration signal:
		 * statement records) or its summary has no room (counted).
		 */
		if (se->summarize && !bulk &&
			pdp_summary_add((PdpRecord *) se->rec, se->len, se->key_hash))
		{
			se->done = true;
			continue;
		}
		write_or_defer(se->rec, se->len, PDP_PUT_WAIT);
		se->done = true;
	}
}

/*
 * The statement ended by an error (its memory is going away during
 * abort): write its events, marked incomplete, without waiting.
 */
void
pdp_audit_statement_abort(PdpStatement *st)
{
	ListCell   *lc;

	if (st->events == NULL)
		return;
	foreach(lc, st->events->events)
	{
		StmtEvent  *se = lfirst(lc);

		if (se->done || !se->admitted)
			continue;
		se->done = true;
		/* rows may have left before the error: how many is not known */
		set_numbers(se, false, false, 0, false);
		write_or_defer(se->rec, se->len, PDP_PUT_NOWAIT);
	}
}

/* Write what this backend deferred, oldest first, as far as mode allows */
static void
flush_deferred(PdpPutMode mode)
{
	dlist_mutable_iter it;

	dlist_foreach_modify(it, &deferred)
	{
		HeldRecord *h = dlist_container(HeldRecord, node, it.cur);

		if (!pdp_queue_put(h->rec, h->len, mode == PDP_PUT_WAIT ? PDP_PUT_BOUNDED : mode))
			break;
		unhold(h);
		pdp_queue_deferred(-1);
	}
}

/* pdp.flush_audit(): this backend's deferred events first */
void
pdp_audit_flush_deferred(void)
{
	while (!dlist_is_empty(&deferred))
	{
		CHECK_FOR_INTERRUPTS();
		flush_deferred(PDP_PUT_WAIT);
	}
}

/*
 * Backend exit (after the transaction abort wrote what its statements
 * held): give the writer a last chance; what it cannot take is logged and
 * counted as dropped, never lost silently.
 */
static void
audit_at_exit(int code, Datum arg)
{
	dlist_mutable_iter it;

	if (pdp_queue == NULL || dlist_is_empty(&deferred))
		return;
	flush_deferred(PDP_PUT_BOUNDED);
	dlist_foreach_modify(it, &deferred)
	{
		HeldRecord *h = dlist_container(HeldRecord, node, it.cur);

		pdp_record_log(h->rec, "dropped: the audit queue had no room at backend exit");
		pdp_queue_count_dropped();
		pdp_queue_deferred(-1);
		unhold(h);
	}
}

/*
 * Transaction end: try again what this backend deferred (deferred events
 * are evidence whatever happens to the transaction).
 */
static void
audit_xact_callback(XactEvent event, void *arg)
{
	if ((event == XACT_EVENT_COMMIT || event == XACT_EVENT_PARALLEL_COMMIT ||
		 event == XACT_EVENT_ABORT || event == XACT_EVENT_PARALLEL_ABORT) &&
		!dlist_is_empty(&deferred))
		flush_deferred(PDP_PUT_NOWAIT);
}

void
pdp_audit_init(void)
{
	held_cxt = AllocSetContextCreate(TopMemoryContext, "pdp deferred audit events",
									 ALLOCSET_DEFAULT_SIZES);
	RegisterXactCallback(audit_xact_callback, NULL);
	pdp_audit_commit_init();
}

/*
 * Called once per backend before its first event: the exit hook runs
 * after the transaction abort of a dying backend (on_shmem_exit comes after
 * before_shmem_exit's ShutdownPostgres) and before its PGPROC goes.
 */
void
pdp_audit_backend_start(void)
{
	if (exit_hook_set)
		return;
	on_shmem_exit(audit_at_exit, (Datum) 0);
	exit_hook_set = true;
}
