/*-------------------------------------------------------------------------
 * audit_commit.c
 *	  Events that belong to a transaction: configuration changes (the
 *	  configuration tables' row trigger, labels, purges) and consent
 *	  changes (pdp._audit_event from the consent functions).
 *
 * They are recorded only if the transaction commits.  They are kept in
 * the backend while it runs; at pre-commit - while the transaction can
 * still fail - room for all of them is reserved in the queue, under the
 * overflow policy (wait for room, fail the transaction, or drop them
 * counted); right after the commit record they are written into that room.
 * Nothing waits after the commit record, so no lock the committing
 * transaction still holds (its rows, the NOTIFY lock) can ever make it
 * wait on the writer.  On abort they are thrown away and the room given
 * back; a subtransaction rolled back takes its own with it.
 *
 * Bulk consent changes: a transaction's events must fit in half the
 * queue.  Once its events take an eighth of it, further consent events are
 * folded: one event per decision and purpose says how many changes were
 * made and the range of pdp.consent_history ids they have (the history
 * keeps each one).  Configuration events are never folded; a transaction
 * whose configuration events alone need more than half the queue fails at
 * commit (54000), saying so.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"

#include "access/xact.h"
#include "commands/trigger.h"
#include "lib/ilist.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "tcop/tcopprot.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"

PG_FUNCTION_INFO_V1(pdp_config_audit);
PG_FUNCTION_INFO_V1(pdp_audit_event_sql);

/* A sealed event waiting for its transaction to commit */
typedef struct TxnRecord
{
	dlist_node	node;
	int			nest_level;
	Size		len;
	char	   *rec;
} TxnRecord;

/* Consent changes folded into one event per decision and purpose */
typedef struct TxnFold
{
	dlist_node	node;
	int			nest_level;
	char		decision[NAMEDATALEN];
	char		purpose[NAMEDATALEN];
	int64		changes;
	int64		first_id;		/* of pdp.consent_history; 0: none known */
	int64		last_id;
} TxnFold;

static MemoryContext txn_cxt = NULL;
static dlist_head records = DLIST_STATIC_INIT(records);
static dlist_head folds = DLIST_STATIC_INIT(folds);
static Size record_bytes = 0;
static Size reserved_bytes = 0; /* at pre-commit, for records */

#define FOLD_FRACTION 8			/* fold consent events past this part of the queue */

static void
hold(const char *rec, Size len)
{
	TxnRecord  *t = MemoryContextAlloc(txn_cxt, sizeof(TxnRecord));

	t->rec = MemoryContextAlloc(txn_cxt, len);
	memcpy(t->rec, rec, len);
	t->len = len;
	t->nest_level = GetCurrentTransactionNestLevel();
	dlist_push_tail(&records, &t->node);
	record_bytes += len;
}

/* Record ev if and when its transaction commits */
void
pdp_event_at_commit(PdpEvent *ev)
{
	Size		len;
	char	   *rec = pdp_event_seal(ev, CurrentMemoryContext, &len);

	pdp_event_free(ev);
	hold(rec, len);
	pfree(rec);
}

/* An int8 member of a jsonb object, 0 if absent or not an integer */
static int64
json_member_int8(Jsonb *j, const char *key)
{
	JsonbValue	v;

	if (j == NULL || !JB_ROOT_IS_OBJECT(j) ||
		getKeyJsonValueFromContainer(&j->root, key, strlen(key), &v) == NULL ||
		v.type != jbvNumeric)
		return 0;
	return DatumGetInt64(DirectFunctionCall1(numeric_int8, NumericGetDatum(v.val.numeric)));
}

/*
 * A consent event of this transaction: held as it is, or - once the
 * transaction's events take an eighth of the queue - folded.
 */
static void
consent_at_commit(PdpEvent *ev, const char *decision, const char *purpose, Jsonb *detail)
{
	TxnFold    *f = NULL;
	dlist_iter	it;
	int			level = GetCurrentTransactionNestLevel();
	int64		n;
	int64		first;
	int64		last;

	if (record_bytes < pdp_queue->size / FOLD_FRACTION ||
		(decision && strlen(decision) >= NAMEDATALEN) ||
		(purpose && strlen(purpose) >= NAMEDATALEN))
	{
		pdp_event_at_commit(ev);
		return;
	}
	pdp_event_free(ev);
	first = json_member_int8(detail, "first_consent_id");
	last = json_member_int8(detail, "last_consent_id");
	n = json_member_int8(detail, "subjects");
	if (first == 0)
		first = last = json_member_int8(detail, "consent_id");
	if (n <= 0)
		n = 1;
	dlist_foreach(it, &folds)
	{
		TxnFold    *x = dlist_container(TxnFold, node, it.cur);

		if (x->nest_level == level &&
			strcmp(x->decision, decision ? decision : "") == 0 &&
			strcmp(x->purpose, purpose ? purpose : "") == 0)
			f = x;
	}
	if (f == NULL)
	{
		f = MemoryContextAllocZero(txn_cxt, sizeof(TxnFold));
		f->nest_level = level;
		strlcpy(f->decision, decision ? decision : "", NAMEDATALEN);
		strlcpy(f->purpose, purpose ? purpose : "", NAMEDATALEN);
		dlist_push_tail(&folds, &f->node);
	}
	f->changes += n;
	if (first > 0 && (f->first_id == 0 || first < f->first_id))
		f->first_id = first;
	if (last > f->last_id)
		f->last_id = last;
}

/* At pre-commit: each folded group becomes one event, merged across levels */
static void
unfold(void)
{
	dlist_mutable_iter it;

	while (!dlist_is_empty(&folds))
	{
		TxnFold    *f = dlist_container(TxnFold, node, dlist_pop_head_node(&folds));
		PdpEvent   *ev;
		char	   *detail;

		dlist_foreach_modify(it, &folds)
		{
			TxnFold    *x = dlist_container(TxnFold, node, it.cur);

			if (strcmp(x->decision, f->decision) != 0 || strcmp(x->purpose, f->purpose) != 0)
				continue;
			f->changes += x->changes;
			if (x->first_id > 0 && (f->first_id == 0 || x->first_id < f->first_id))
				f->first_id = x->first_id;
			f->last_id = Max(f->last_id, x->last_id);
			dlist_delete(&x->node);
			pfree(x);
		}
		ev = pdp_event_new("consent", f->decision[0] ? f->decision : NULL, NULL);
		pdp_event_set(ev, RS_PURPOSE, f->purpose[0] ? f->purpose : NULL);
		detail = psprintf("{\"folded\": true, \"changes\": " INT64_FORMAT
						  ", \"first_consent_id\": " INT64_FORMAT
						  ", \"last_consent_id\": " INT64_FORMAT "}",
						  f->changes, f->first_id, f->last_id);
		pdp_event_set(ev, RS_DETAIL, detail);
		pdp_event_at_commit(ev);
		pfree(f);
	}
}

static void
discard(int from_level)
{
	dlist_mutable_iter it;

	dlist_foreach_modify(it, &records)
	{
		TxnRecord  *t = dlist_container(TxnRecord, node, it.cur);

		if (t->nest_level < from_level)
			continue;
		record_bytes -= t->len;
		dlist_delete(&t->node);
		pfree(t->rec);
		pfree(t);
	}
	dlist_foreach_modify(it, &folds)
	{
		TxnFold    *f = dlist_container(TxnFold, node, it.cur);

		if (f->nest_level < from_level)
			continue;
		dlist_delete(&f->node);
		pfree(f);
	}
}

static void
commit_xact_callback(XactEvent event, void *arg)
{
	dlist_mutable_iter it;

	switch (event)
	{
		case XACT_EVENT_PRE_COMMIT:
			if (!dlist_is_empty(&folds))
				unfold();
			if (dlist_is_empty(&records) || pdp_audit_log_only())
				break;
			if (record_bytes > pdp_queue->size / 2)
				ereport(ERROR,
						(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
						 errmsg("the audit events of this transaction's configuration changes need more than half of the audit queue"),
						 errdetail("Events: %zu bytes; pdp.audit_queue_size: " UINT64_FORMAT " bytes.",
								   record_bytes, pdp_queue->size),
						 errhint("Make the changes in smaller transactions, or increase pdp.audit_queue_size.")));
			if (pdp_queue_reserve(MAXALIGN(record_bytes)))
				reserved_bytes = MAXALIGN(record_bytes);
			else
			{
				/* pdp.audit_overflow = drop: counted, then thrown away */
				dlist_foreach_modify(it, &records)
					pdp_queue_count_dropped();
				discard(0);
			}
			break;
		case XACT_EVENT_PRE_PREPARE:
			if (!dlist_is_empty(&records) || !dlist_is_empty(&folds))
				ereport(ERROR,
						(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
						 errmsg("cannot PREPARE a transaction that changed pdp's configuration, consent or audit trail"),
						 errdetail("Such changes are recorded in the audit trail when they commit, and a prepared transaction may never commit."),
						 errhint("Commit the change directly.")));
			break;
		case XACT_EVENT_COMMIT:
		case XACT_EVENT_PARALLEL_COMMIT:
			/* the room is there: nothing waits after the commit record */
			dlist_foreach_modify(it, &records)
			{
				TxnRecord  *t = dlist_container(TxnRecord, node, it.cur);

				if (pdp_audit_to_log || pdp_audit_log_only())
					pdp_record_log(t->rec, NULL);
				if (reserved_bytes >= t->len)
				{
					pdp_queue_put_reserved(t->rec, t->len);
					reserved_bytes -= t->len;
				}
			}
			pdp_queue_release(reserved_bytes);
			reserved_bytes = 0;
			discard(0);
			break;
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PARALLEL_ABORT:
			pdp_queue_release(reserved_bytes);
			reserved_bytes = 0;
			discard(0);
			break;
		default:
			break;
	}
}

static void
commit_subxact_callback(SubXactEvent event, SubTransactionId mySubid,
						SubTransactionId parentSubid, void *arg)
{
	dlist_iter	it;
	int			level = GetCurrentTransactionNestLevel();

	if (event == SUBXACT_EVENT_ABORT_SUB)
		discard(level);
	else if (event == SUBXACT_EVENT_COMMIT_SUB)
	{
		dlist_foreach(it, &records)
		{
			TxnRecord  *t = dlist_container(TxnRecord, node, it.cur);

			if (t->nest_level >= level)
				t->nest_level = level - 1;
		}
		dlist_foreach(it, &folds)
		{
			TxnFold    *f = dlist_container(TxnFold, node, it.cur);

			if (f->nest_level >= level)
				f->nest_level = level - 1;
		}
	}
}

void
pdp_audit_commit_init(void)
{
	txn_cxt = AllocSetContextCreate(TopMemoryContext, "pdp transaction audit events",
									ALLOCSET_DEFAULT_SIZES);
	RegisterXactCallback(commit_xact_callback, NULL);
	RegisterSubXactCallback(commit_subxact_callback, NULL);
}

/*
 * Row trigger on the configuration tables: a config event with the row
 * before and after, recorded if the transaction commits.
 */

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


/*
 * pdp._audit_event(kind, decision, purpose, relation, detail, at_commit):
 * an event from the SQL functions of pdp (consent calls, subject rights).
 * Only the extension's owner may execute it: an event is evidence.
 */

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
	if (PG_ARGISNULL(5) || !PG_GETARG_BOOL(5))
		pdp_event_now(ev);
	else if (strcmp(arg[0], "consent") == 0)
		consent_at_commit(ev, arg[1], arg[2],
						  PG_ARGISNULL(4) ? NULL : PG_GETARG_JSONB_P(4));
	else
		pdp_event_at_commit(ev);
	PG_RETURN_VOID();
}
