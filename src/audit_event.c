/*-------------------------------------------------------------------------
 * audit_event.c
 *	  Audit events as backends make them.
 *
 * An access event is built at ExecutorStart, once the decision is known,
 * and sealed into a queue record right away; its room in the queue is
 * reserved then, so the overflow policy acts before any row is produced.
 * What is only known later - rows returned or affected, records the plan
 * read - is patched in at ExecutorEnd, when the record is written.  If the
 * statement ends in error, or its session is killed, the abort callbacks
 * write it anyway, marked incomplete.  A blocked attempt is written
 * immediately, before the ERROR, so no rollback can take it away.
 *
 * Configuration events belong to their transaction: they are held until
 * pre-commit and thrown away on abort.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"

#include "access/xact.h"
#include "access/xlog.h"
#include "commands/trigger.h"
#include "fmgr.h"
#include "catalog/pg_class.h"
#include "commands/dbcommands.h"
#include "executor/instrument.h"
#include "lib/ilist.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "nodes/execnodes.h"
#include "nodes/nodeFuncs.h"
#include "parser/parsetree.h"
#include "tcop/tcopprot.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/json.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/memutils.h"

/* An event being built: strings in the caller's memory context */
struct PdpEvent
{
	const char *str[RS_COUNT];	/* NULL: SQL NULL */
	int			len[RS_COUNT];
	StringInfoData list[2];		/* RS_COLUMNS, RS_CATEGORIES */
	uint32		flags;
	TimestampTz event_time;
	int64		query_id;
	int64		rows;
};

/* A sealed event waiting for its statement or transaction to end */
typedef struct Pending
{
	dlist_node	node;
	QueryDesc  *qd;				/* NULL: a config event */
	Oid			relid;			/* relation whose reads are counted */
	int			nest_level;		/* transaction nesting level */
	bool		at_commit;		/* config event: written at commit */
	Size		reserved;		/* room reserved in the queue; 0: dropped */
	Size		len;
	char	   *rec;			/* the record, numbers still to fill */
	int64		rows;
} Pending;

static MemoryContext event_cxt = NULL;
static dlist_head pending = DLIST_STATIC_INIT(pending);

/* per-backend values that rarely change */
static char *my_database = NULL;
static char *my_client_addr = NULL;
static bool my_client_addr_done = false;

static void write_record(char *rec, Size len, Size reserved);

/* Role names, cached per slot (0: session user, 1: acting role, 2: effective) */
static const char *
role_name(Oid role, int slot)
{
	static Oid	cached_role[3];
	static uint64 cached_gen[3];
	static char cached_name[3][NAMEDATALEN];

	if (role != cached_role[slot] || cached_gen[slot] != pdp_config_generation())
	{
		char	   *n = GetUserNameFromId(role, true);

		strlcpy(cached_name[slot], n ? n : "", NAMEDATALEN);
		cached_role[slot] = role;
		cached_gen[slot] = pdp_config_generation();
	}
	return cached_name[slot];
}

static const char *
client_addr(void)
{
	if (!my_client_addr_done)
	{
		/* inet_client_addr(): NULL over a Unix socket */
		LOCAL_FCINFO(fcinfo, 0);
		Datum		addr;

		my_client_addr_done = true;
		InitFunctionCallInfoData(*fcinfo, NULL, 0, InvalidOid, NULL, NULL);
		addr = inet_client_addr(fcinfo);
		if (!fcinfo->isnull)
			my_client_addr = MemoryContextStrdup(TopMemoryContext,
												 DatumGetCString(DirectFunctionCall1(inet_out, addr)));
	}
	return my_client_addr;
}

PdpEvent *
pdp_event_new(const char *kind, const char *decision, const char *reason)
{
	PdpEvent   *ev = palloc0(sizeof(PdpEvent));
	Oid			outer = GetOuterUserId();

	if (my_database == NULL)
	{
		char	   *db = get_database_name(MyDatabaseId);

		my_database = MemoryContextStrdup(TopMemoryContext, db ? db : "");
	}
	ev->event_time = GetCurrentTimestamp();
	ev->str[RS_KIND] = kind;
	ev->str[RS_DECISION] = decision;
	ev->str[RS_REASON] = reason;
	ev->str[RS_DATABASE] = my_database;
	ev->str[RS_SESSION_USER] = role_name(GetSessionUserId(), 0);
	ev->str[RS_CURRENT_USER] = role_name(outer, 1);
	ev->str[RS_APPLICATION] = (application_name && application_name[0]) ? application_name : NULL;
	ev->str[RS_CLIENT_ADDR] = client_addr();
	/*
	 * pdp.purpose is anyone's to set, at any length: a huge one must not
	 * make the event too big to record.  No defined purpose is longer than
	 * NAMEDATALEN - 1 bytes, so nothing that matters is cut.
	 */
	if (pdp_purpose && pdp_purpose[0])
		ev->str[RS_PURPOSE] = strlen(pdp_purpose) < NAMEDATALEN ? pdp_purpose :
			pnstrdup(pdp_purpose, pg_mbcliplen(pdp_purpose, strlen(pdp_purpose),
											   NAMEDATALEN - 1));
	if (GetUserId() != outer)
	{
		StringInfoData d;

		initStringInfo(&d);
		appendStringInfoString(&d, "{\"effective_user\": ");
		escape_json(&d, role_name(GetUserId(), 2));
		appendStringInfoChar(&d, '}');
		ev->str[RS_DETAIL] = d.data;
	}
	return ev;
}

void
pdp_event_set(PdpEvent *ev, PdpRecStr field, const char *value)
{
	ev->str[field] = value;
}

void
pdp_event_append(PdpEvent *ev, PdpRecStr field, const char *element)
{
	StringInfo	l = &ev->list[field == RS_COLUMNS ? 0 : 1];

	Assert(field == RS_COLUMNS || field == RS_CATEGORIES);
	if (l->data == NULL)
		initStringInfo(l);
	appendBinaryStringInfo(l, element, strlen(element) + 1);
}

/* rows of an event recorded as it is (pdp_event_now, pdp_event_at_commit) */
void
pdp_event_rows(PdpEvent *ev, int64 rows)
{
	ev->rows = rows;
	ev->flags |= PDP_REC_HAS_ROWS;
}

void
pdp_event_sensitive(PdpEvent *ev, bool sensitive)
{
	ev->flags |= PDP_REC_HAS_SENSITIVE | (sensitive ? PDP_REC_SENSITIVE : 0);
}

/* query, cut to pdp.audit_query_max_length bytes on a character boundary */
char *
pdp_clip_query(const char *query, MemoryContext cxt)
{
	int			len = strlen(query);
	char	   *copy;

	if (len > pdp_audit_query_max)
		len = pg_mbcliplen(query, len, pdp_audit_query_max);
	copy = MemoryContextAlloc(cxt, len + 1);
	memcpy(copy, query, len);
	copy[len] = '\0';
	return copy;
}

void
pdp_event_statement(PdpEvent *ev, QueryDesc *qd, const char *query,
					const char *command)
{
	ev->str[RS_COMMAND] = command;
	if (query)
		ev->str[RS_QUERY] = pdp_clip_query(query, CurrentMemoryContext);
	if (qd && qd->plannedstmt->queryId != 0)
	{
		ev->query_id = (int64) qd->plannedstmt->queryId;
		ev->flags |= PDP_REC_HAS_QUERY_ID;
	}
}

/* Serialize ev into a record allocated in event_cxt */
static char *
seal(PdpEvent *ev, Size *lenp)
{
	Size		len = sizeof(PdpRecord);
	PdpRecord  *rec;
	char	   *p;
	int			i;

	for (i = 0; i < 2; i++)
	{
		PdpRecStr	f = (i == 0) ? RS_COLUMNS : RS_CATEGORIES;

		if (ev->list[i].data)
		{
			ev->str[f] = ev->list[i].data;
			ev->len[f] = ev->list[i].len;
		}
	}
	for (i = 0; i < RS_COUNT; i++)
	{
		if (ev->str[i] && !(i == RS_COLUMNS || i == RS_CATEGORIES))
			ev->len[i] = strlen(ev->str[i]);
		if (ev->str[i])
			len += ev->len[i];
	}
	len = MAXALIGN(len);

	rec = MemoryContextAllocZero(event_cxt, len);
	rec->hdr.flags = ev->flags | PDP_REC_HAS_PID;
	rec->event_time = ev->event_time;
	rec->query_id = ev->query_id;
	rec->rows = ev->rows;
	rec->backend_pid = MyProcPid;
	p = PDP_REC_STRINGS(rec);
	for (i = 0; i < RS_COUNT; i++)
	{
		rec->str_len[i] = ev->str[i] ? ev->len[i] : -1;
		if (ev->str[i])
		{
			memcpy(p, ev->str[i], ev->len[i]);
			p += ev->len[i];
		}
	}
	*lenp = len;
	return (char *) rec;
}

static void
append_json_field(StringInfo buf, const char *key, const char *val, int len,
				  bool is_list)
{
	appendStringInfo(buf, ", \"%s\": ", key);
	if (len < 0)
	{
		appendStringInfoString(buf, "null");
		return;
	}
	if (is_list)
	{
		int			off = 0;

		appendStringInfoChar(buf, '[');
		while (off < len)
		{
			if (off > 0)
				appendStringInfoString(buf, ", ");
			escape_json(buf, val + off);
			off += strlen(val + off) + 1;
		}
		appendStringInfoChar(buf, ']');
	}
	else
	{
		char	   *s = pnstrdup(val, len);

		escape_json(buf, s);
		pfree(s);
	}
}

/* One JSON line in the server log, for SIEM shipping */
static void
log_record_json(PdpRecord *rec)
{
	static const char *const names[RS_COUNT] = {
		"kind", "decision", "reason", "database", "session_user",
		"current_user", "application_name", "client_addr", "purpose",
		"command", "relation", "columns", "categories", "query", "detail"
	};
	StringInfoData buf;
	char	   *p = PDP_REC_STRINGS(rec);
	int			i;

	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"event_time\": \"%s\"",
					 timestamptz_to_str(rec->event_time));
	for (i = 0; i < RS_COUNT; i++)
	{
		int			len = rec->str_len[i];

		if (i == RS_DETAIL)
		{
			appendStringInfoString(&buf, ", \"detail\": ");
			if (len < 0)
				appendStringInfoString(&buf, "null");
			else
				appendBinaryStringInfo(&buf, p, len);
		}
		else
			append_json_field(&buf, names[i], p, len,
							  i == RS_COLUMNS || i == RS_CATEGORIES);
		if (len > 0)
			p += len;
	}
	if (rec->hdr.flags & PDP_REC_HAS_SENSITIVE)
		appendStringInfo(&buf, ", \"sensitive\": %s",
						 (rec->hdr.flags & PDP_REC_SENSITIVE) ? "true" : "false");
	appendStringInfo(&buf, ", \"backend_pid\": %d", rec->backend_pid);
	if (rec->hdr.flags & PDP_REC_HAS_ROWS)
		appendStringInfo(&buf, ", \"rows\": " INT64_FORMAT, rec->rows);
	if (rec->hdr.flags & PDP_REC_HAS_RECORDS)
		appendStringInfo(&buf, ", \"records_read\": " INT64_FORMAT, rec->records_read);
	if (rec->hdr.flags & PDP_REC_HAS_QUERY_ID)
		appendStringInfo(&buf, ", \"query_id\": " INT64_FORMAT, rec->query_id);
	if (rec->hdr.flags & PDP_REC_INCOMPLETE)
		appendStringInfoString(&buf, ", \"completed\": false");
	appendStringInfoChar(&buf, '}');

	ereport(LOG_SERVER_ONLY,
			(errmsg("pdp audit: %s", buf.data),
			 errhidestmt(true), errhidecontext(true)));
	pfree(buf.data);
}

/* Write a sealed record into its reservation (none: dropped), then free it */
static void
write_record(char *rec, Size len, Size reserved)
{
	if (pdp_audit_to_log || (reserved == 0 && RecoveryInProgress()))
		log_record_json((PdpRecord *) rec);
	if (reserved > 0)
		pdp_queue_write(rec, len, reserved);
	pfree(rec);
}

/* Record ev now, whatever happens to the transaction (blocked attempts) */
void
pdp_event_now(PdpEvent *ev)
{
	Size		len;
	char	   *rec = seal(ev, &len);
	bool		ok = false;

	PG_TRY();
	{
		ok = pdp_queue_reserve(len);
	}
	PG_CATCH();
	{
		pfree(rec);
		PG_RE_THROW();
	}
	PG_END_TRY();
	write_record(rec, len, ok ? len : 0);
}

static Pending *
add_pending(PdpEvent *ev, QueryDesc *qd, Oid relid, bool at_commit)
{
	Pending    *p = MemoryContextAllocZero(event_cxt, sizeof(Pending));

	p->rec = seal(ev, &p->len);
	p->qd = qd;
	p->relid = relid;
	p->at_commit = at_commit;
	p->nest_level = GetCurrentTransactionNestLevel();
	return p;
}

/*
 * Record ev when the statement of qd ends; room is reserved now, so the
 * overflow policy applies before the statement produces anything.
 */
void
pdp_event_pending(PdpEvent *ev, QueryDesc *qd, Oid relid)
{
	Pending    *p = add_pending(ev, qd, relid, false);

	PG_TRY();
	{
		if (pdp_queue_reserve(p->len))
			p->reserved = p->len;
	}
	PG_CATCH();
	{
		pfree(p->rec);
		pfree(p);
		PG_RE_THROW();
	}
	PG_END_TRY();
	dlist_push_tail(&pending, &p->node);
}

/* Record ev if and when its transaction commits */
void
pdp_event_at_commit(PdpEvent *ev)
{
	Pending    *p = add_pending(ev, NULL, InvalidOid, true);

	dlist_push_tail(&pending, &p->node);
}

static void
finish(Pending *p, bool complete, bool has_rows, int64 records, bool has_records)
{
	PdpRecord  *rec = (PdpRecord *) p->rec;

	dlist_delete(&p->node);
	if (has_rows)
	{
		rec->rows = p->rows;
		rec->hdr.flags |= PDP_REC_HAS_ROWS;
	}
	if (has_records)
	{
		rec->records_read = records;
		rec->hdr.flags |= PDP_REC_HAS_RECORDS;
	}
	if (!complete)
		rec->hdr.flags |= PDP_REC_INCOMPLETE;
	write_record(p->rec, p->len, p->reserved);
	pfree(p);
}

static void
discard(Pending *p)
{
	dlist_delete(&p->node);
	if (p->reserved > 0)
		pdp_queue_unreserve(p->reserved);
	pfree(p->rec);
	pfree(p);
}

bool
pdp_audit_has_pending(QueryDesc *qd)
{
	dlist_iter	it;

	dlist_foreach(it, &pending)
		if (dlist_container(Pending, node, it.cur)->qd == qd)
		return true;
	return false;
}

/* After each ExecutorRun (cursors run many times): count rows */
void
pdp_audit_executor_run(QueryDesc *qd)
{
	dlist_iter	it;

	if (qd->estate == NULL)
		return;
	dlist_foreach(it, &pending)
	{
		Pending    *p = dlist_container(Pending, node, it.cur);

		if (p->qd == qd)
			p->rows += qd->estate->es_processed;
	}
}

typedef struct RecordsCtx
{
	EState	   *estate;
	Oid			relid;
	int64		records;
} RecordsCtx;

/* rows of ctx->relid the scans of the plan read: returned or filtered out */
static bool
count_records(PlanState *ps, RecordsCtx *ctx)
{
	if (ps == NULL)
		return false;
	switch (nodeTag(ps->plan))
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
			{
				Index		rti = ((Scan *) ps->plan)->scanrelid;

				if (ps->instrument && rti > 0 &&
					rt_fetch(rti, ctx->estate->es_range_table)->relid == ctx->relid)
				{
					InstrEndLoop(ps->instrument);
					ctx->records += (int64) (ps->instrument->ntuples +
											 ps->instrument->nfiltered1 +
											 ps->instrument->nfiltered2);
				}
				break;
			}
		default:
			break;
	}
	return planstate_tree_walker(ps, count_records, ctx);
}

/* Before standard_ExecutorEnd: write the statement's events */
void
pdp_audit_executor_end(QueryDesc *qd)
{
	dlist_mutable_iter it;

	dlist_foreach_modify(it, &pending)
	{
		Pending    *p = dlist_container(Pending, node, it.cur);
		RecordsCtx	ctx;

		if (p->qd != qd)
			continue;
		ctx.estate = qd->estate;
		ctx.relid = p->relid;
		ctx.records = 0;
		if (qd->planstate)
			count_records(qd->planstate, &ctx);
		finish(p, true, true, ctx.records, qd->planstate != NULL);
	}
}

/*
 * Transaction end.  Config events are written at pre-commit (an overflow
 * error there aborts the change: fail closed) and discarded on abort.
 * Access events still pending on abort belong to statements that failed or
 * were cancelled: they are written, marked incomplete.
 */
static void
pdp_xact_callback(XactEvent event, void *arg)
{
	dlist_mutable_iter it;

	switch (event)
	{
		case XACT_EVENT_PRE_COMMIT:
		case XACT_EVENT_PARALLEL_PRE_COMMIT:
		case XACT_EVENT_PRE_PREPARE:
			dlist_foreach_modify(it, &pending)
			{
				Pending    *p = dlist_container(Pending, node, it.cur);

				if (!p->at_commit)
					continue;
				if (pdp_queue_reserve(p->len))
					p->reserved = p->len;
				finish(p, true, false, 0, false);
			}
			break;
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PARALLEL_ABORT:
		case XACT_EVENT_COMMIT:
		case XACT_EVENT_PARALLEL_COMMIT:
		case XACT_EVENT_PREPARE:
			dlist_foreach_modify(it, &pending)
			{
				Pending    *p = dlist_container(Pending, node, it.cur);

				if (p->at_commit)
					discard(p);
				else
					finish(p, event != XACT_EVENT_ABORT &&
						   event != XACT_EVENT_PARALLEL_ABORT,
						   false, 0, false);
			}
			break;
	}
}

static void
pdp_subxact_callback(SubXactEvent event, SubTransactionId mySubid,
					 SubTransactionId parentSubid, void *arg)
{
	dlist_mutable_iter it;
	int			level = GetCurrentTransactionNestLevel();

	dlist_foreach_modify(it, &pending)
	{
		Pending    *p = dlist_container(Pending, node, it.cur);

		if (p->nest_level < level)
			continue;
		if (event == SUBXACT_EVENT_COMMIT_SUB)
			p->nest_level = level - 1;
		else if (event == SUBXACT_EVENT_ABORT_SUB)
		{
			if (p->at_commit)
				discard(p);
			else
				finish(p, false, false, 0, false);
		}
	}
}

/*
 * Row trigger on the configuration tables: a config event with the row
 * before and after, recorded if the transaction commits.
 */
PG_FUNCTION_INFO_V1(pdp_config_audit);

Datum
pdp_config_audit(PG_FUNCTION_ARGS)
{
	TriggerData *td = pdp_trigger_data(fcinfo, "pdp._config_audit");
	TupleDesc	desc;
	const char *op;
	PdpEvent   *ev;
	StringInfoData detail;

	desc = RelationGetDescr(td->tg_relation);
	op = TRIGGER_FIRED_BY_INSERT(td->tg_event) ? "INSERT" :
		TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? "UPDATE" :
		TRIGGER_FIRED_BY_DELETE(td->tg_event) ? "DELETE" : "TRUNCATE";

	initStringInfo(&detail);
	appendStringInfoChar(&detail, '{');
	if (TRIGGER_FIRED_FOR_ROW(td->tg_event))
	{
		HeapTuple	before = TRIGGER_FIRED_BY_INSERT(td->tg_event) ? NULL : td->tg_trigtuple;
		HeapTuple	after = TRIGGER_FIRED_BY_INSERT(td->tg_event) ? td->tg_trigtuple :
			TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : NULL;

		if (before)
			appendStringInfo(&detail, "\"old\": %s",
							 TextDatumGetCString(DirectFunctionCall1(row_to_json,
																	 heap_copy_tuple_as_datum(before, desc))));
		if (after)
			appendStringInfo(&detail, "%s\"new\": %s", before ? ", " : "",
							 TextDatumGetCString(DirectFunctionCall1(row_to_json,
																	 heap_copy_tuple_as_datum(after, desc))));
	}
	appendStringInfoChar(&detail, '}');

	ev = pdp_event_new("config", NULL, op);
	pdp_event_set(ev, RS_COMMAND, op);
	pdp_event_set(ev, RS_RELATION,
				  quote_qualified_identifier(get_namespace_name(RelationGetNamespace(td->tg_relation)),
											 RelationGetRelationName(td->tg_relation)));
	pdp_event_set(ev, RS_DETAIL, detail.data);
	pdp_event_at_commit(ev);
	return PointerGetDatum(NULL);
}

void
pdp_audit_init(void)
{
	event_cxt = AllocSetContextCreate(TopMemoryContext, "pdp audit events",
									  ALLOCSET_DEFAULT_SIZES);
	RegisterXactCallback(pdp_xact_callback, NULL);
	RegisterSubXactCallback(pdp_subxact_callback, NULL);
}

/*
 * pdp._audit_event(kind, decision, purpose, relation, detail, at_commit):
 * an event from the SQL functions of pdp (consent calls, subject rights).
 * Only the extension's owner may execute it: an event is evidence.
 */
PG_FUNCTION_INFO_V1(pdp_audit_event_sql);

Datum
pdp_audit_event_sql(PG_FUNCTION_ARGS)
{
	PdpEvent   *ev;
	char	   *arg[5];
	int			i;

	for (i = 0; i < 5; i++)
		arg[i] = PG_ARGISNULL(i) ? NULL :
			(i == 4 ? DatumGetCString(DirectFunctionCall1(jsonb_out, PG_GETARG_DATUM(i))) :
			 text_to_cstring(PG_GETARG_TEXT_PP(i)));
	if (arg[0] == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("kind must not be NULL")));
	ev = pdp_event_new(arg[0], arg[1], NULL);
	pdp_event_set(ev, RS_PURPOSE, arg[2]);
	pdp_event_set(ev, RS_RELATION, arg[3]);
	pdp_event_set(ev, RS_DETAIL, arg[4]);
	if (debug_query_string)
		pdp_event_set(ev, RS_QUERY, pdp_clip_query(debug_query_string, CurrentMemoryContext));
	if (!PG_ARGISNULL(5) && PG_GETARG_BOOL(5))
		pdp_event_at_commit(ev);
	else
		pdp_event_now(ev);
	PG_RETURN_VOID();
}
