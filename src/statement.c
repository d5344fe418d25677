/*-------------------------------------------------------------------------
 * statement.c
 *	  The record pdp keeps for each statement it watches (statement.h):
 *	  created after standard_ExecutorStart in the statement's own memory,
 *	  found through the EState, finished at ExecutorEnd or, for a statement
 *	  ended by an error, by a callback when its memory goes away.
 *
 * The record is found by walking the reset callbacks of the statement's
 * memory context for ours: no backend-global list, no key that a later
 * statement at the same address could match, and it cannot outlive the
 * statement.  Everything the statement holds from pdp's caches (relation
 * tags, consent sets) is pinned by it and let go in the same callback.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"
#include "statement.h"

#include "access/xact.h"
#include "catalog/partition.h"
#include "catalog/pg_inherits.h"
#include "miscadmin.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

static void statement_cleanup(void *arg);

/* superuser_arg() of the last role asked, while the configuration holds */
static bool
role_is_superuser(Oid role)
{
	static Oid	memo_role = InvalidOid;
	static uint64 memo_gen = 0;
	static bool memo_super = false;

	if (role != memo_role || memo_gen != pdp_config_generation())
	{
		memo_super = superuser_arg(role);
		memo_role = role;
		memo_gen = pdp_config_generation();
	}
	return memo_super;
}

/* A new record in cxt: the snapshot every later check of it uses */
static PdpStatement *
statement_new(MemoryContext cxt, const char *command, const char *source,
			  uint64 query_id)
{
	PdpStatement *st;
	MemoryContextCallback *cb;

	st = MemoryContextAllocZero(cxt, sizeof(PdpStatement));
	st->cxt = cxt;
	st->command = command;
	st->query = source ? pdp_clip_query(source, cxt) : NULL;
	st->source = source;
	st->query_id = query_id;
	st->role = pdp_acting_role();
	st->role_name = MemoryContextStrdup(cxt, pdp_event_role_name(st->role));
	st->superuser = role_is_superuser(st->role);
	st->mode = pdp_mode;
	st->purpose = (pdp_purpose && pdp_purpose[0]) ?
		MemoryContextStrdup(cxt, pdp_purpose) : NULL;
	st->start_time = GetCurrentStatementStartTimestamp();

	cb = MemoryContextAlloc(cxt, sizeof(MemoryContextCallback));
	cb->func = statement_cleanup;
	cb->arg = st;
	MemoryContextRegisterResetCallback(cxt, cb);
	return st;
}

/*
 * After standard_ExecutorStart: the statement's record, with the snapshot
 * every later check of this statement uses.
 */
PdpStatement *
pdp_statement_begin(QueryDesc *qd, const char *command)
{
	PdpStatement *st;
	Oid			exempt;

	st = statement_new(qd->estate->es_query_cxt, command, qd->sourceText,
					   qd->plannedstmt->queryId);
	st->rtable = qd->plannedstmt->rtable;
	st->pstmt = qd->plannedstmt;
	st->backup = pdp_backup_read(qd, st->role, st->superuser);
	if (pdp_rights_exempt(qd, &exempt))
		st->exempt_relid = exempt;
	return st;
}

/*
 * The record of a utility statement (ddl.c), in cxt, memory that lives as
 * long as the utility runs: it has no plan, no range table, no executor
 * state; pdp_statement_end(st, NULL) finishes it.
 */
PdpStatement *
pdp_statement_begin_utility(MemoryContext cxt, const char *command,
							const char *source)
{
	return statement_new(cxt, command, source, 0);
}

/* The record of the statement whose memory is cxt, NULL if none */
static inline PdpStatement *
statement_at(MemoryContext cxt)
{
	MemoryContextCallback *cb;

	for (cb = cxt->reset_cbs; cb != NULL; cb = cb->next)
		if (cb->func == statement_cleanup)
			return (PdpStatement *) cb->arg;
	return NULL;
}

/* The record of the statement of estate, NULL if pdp does not watch it */
PdpStatement *
pdp_statement_of(EState *estate)
{
	if (estate == NULL || estate->es_query_cxt == NULL)
		return NULL;
	return statement_at(estate->es_query_cxt);
}

/*
 * The record of the statement that owns memory cxt, NULL if none.  An
 * expression's fn_mcxt is its statement's es_query_cxt, or a context
 * below it (an EvalPlanQual recheck builds its own executor state there):
 * the nearest statement up the tree.
 */
PdpStatement *
pdp_statement_around(MemoryContext cxt)
{
	for (; cxt != NULL; cxt = cxt->parent)
	{
		PdpStatement *st = statement_at(cxt);

		if (st)
			return st;
	}
	return NULL;
}

/*
 * Is relid (or the partitioned table it belongs to) the relation pdp's own
 * statement works on?  Then the statement's reads of it are pdp's, not the
 * session's (rights.c).
 */
bool
pdp_statement_exempt(PdpStatement *st, Oid relid)
{
	if (!OidIsValid(st->exempt_relid))
		return false;
	if (relid == st->exempt_relid)
		return true;
	if (get_rel_relispartition(relid))
	{
		List	   *ancestors = get_partition_ancestors(relid);
		bool		found = list_member_oid(ancestors, st->exempt_relid);

		list_free(ancestors);
		return found;
	}
	return false;
}

/* Pin the consent sets the statement's purpose filters rows by */
void
pdp_statement_consent(PdpStatement *st)
{
	if (st->consent_pinned)
		return;
	pdp_consent_sync();
	pdp_consent_sets(st->purpose, &st->consented, &st->restricted);
	st->consent_pinned = true;
}

/*
 * ExecutorEnd, before standard_ExecutorEnd: count what is left, record the
 * rows filters hid, write the statement's events.  Each step is done once:
 * if one fails (a cancel while waiting for the queue), the callback below
 * finishes the rest.
 */
void
pdp_statement_end(PdpStatement *st, QueryDesc *qd)
{
	pdp_guard_end(st);
	pdp_rowfilter_statement_end(st, true);
	pdp_audit_statement_end(st, qd);
	st->ended = true;
}

/*
 * The statement's memory goes away: ExecutorEnd has run, or the statement
 * ended by an error (this then runs during abort: no catalog access, no
 * ERROR).  Write what is left, let go of what is pinned.
 */
static void
statement_cleanup(void *arg)
{
	PdpStatement *st = (PdpStatement *) arg;
	ListCell   *lc;

	if (!st->ended)
	{
		pdp_guard_end(st);
		pdp_rowfilter_statement_end(st, false);
		pdp_audit_statement_abort(st);
		st->ended = true;
	}
	foreach(lc, st->relinfos)
		pdp_relinfo_unpin(lfirst(lc));
	st->relinfos = NIL;
	if (st->consent_pinned)
	{
		pdp_consent_release(st->consented);
		pdp_consent_release(st->restricted);
		st->consent_pinned = false;
	}
}
