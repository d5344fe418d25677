/*-------------------------------------------------------------------------
 * hooks.c
 *	  Executor and utility hooks: where reads are seen.
 *
 * Every statement that reads table data goes through ExecutorStart: plain
 * queries, DML, cursors, prepared and cached plans (at every execution),
 * COPY (query) TO, CREATE TABLE AS, and statements run by SQL and PL/pgSQL
 * functions.  We check before standard_ExecutorStart, so a refused
 * statement produces no row.  The one read that bypasses the executor is
 * COPY table TO, which DoCopy serves straight from the table: ProcessUtility
 * turns it into COPY (query) TO.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"
#include "flow.h"
#include "lineage.h"
#include "statement.h"

#include "access/parallel.h"
#include "access/sysattr.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "commands/extension.h"
#include "executor/executor.h"
#include "executor/instrument.h"
#include "nodes/parsenodes.h"
#include "parser/parsetree.h"
#include "tcop/utility.h"
#include "utils/lsyscache.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"
#include "catalog/pg_class.h"
#include "catalog/index.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"

static ExecutorStart_hook_type prev_ExecutorStart = NULL;
static ExecutorRun_hook_type prev_ExecutorRun = NULL;
static ExecutorFinish_hook_type prev_ExecutorFinish = NULL;
static ExecutorEnd_hook_type prev_ExecutorEnd = NULL;
static ProcessUtility_hook_type prev_ProcessUtility = NULL;

/* set while COPY ... TO runs: its query is reported as COPY */
/*
 * How deep in execution this backend is: executor runs (ExecutorRun,
 * ExecutorFinish) and utility statements in progress, and the kind of the
 * outermost utility.  A backup read must be a statement of its own
 * (backup.c), not one a function or a DO block runs.
 */
static int	exec_depth = 0;
static int	utility_depth = 0;
static bool top_to_client = false;	/* the outermost utility hands rows to
									 * the client only: COPY ... TO STDOUT,
									 * DECLARE (not WITH HOLD), FETCH */

static bool copy_to_pending = false;
/* ... and it is COPY table TO: the copy must not lack rows (rowfilter.c) */
static bool copy_whole_pending = false;

/*
 * Set while a utility statement that fills a new relation from a query
 * runs (CREATE TABLE AS, SELECT INTO, materialized views): the record lives
 * in pdp_ProcessUtility's frame, the query's start fills it (lineage.h).
 */
static PdpLineage *lineage_pending = NULL;

/* scratch memory for one plan's analysis, reset before each use */
static MemoryContext analysis_cxt = NULL;

/*
 * What a plan reads depends on the plan alone, so it is worked out once per
 * plan: a prepared statement or a PL/pgSQL query analyses its cached plan at
 * its first execution only.  The result lives in the plan's own memory
 * context, attached to it by a reset callback: it is found by walking that
 * context's callbacks (a plan context holds one or a few plans) and goes
 * with the plan.  The plan's identity is checked beyond its address, so a
 * later plan at the same address in a context never reset cannot match.
 */
typedef struct PlanReads
{
	PlannedStmt *pstmt;
	Plan	   *planTree;
	List	   *rtable;
	List	   *reads;			/* PdpRelRead list, in the plan's context */
	PdpFlow    *flow;			/* where the values go, in the plan's context */
	PdpPlanCache cache;			/* decide.c's, in the plan's context */
} PlanReads;

static void
forget_plan(void *arg)
{
	/* the entry is in the plan's memory and goes with it */
}

static PlanReads *
reads_of_plan(PlannedStmt *pstmt)
{
	MemoryContext plancxt = GetMemoryChunkContext(pstmt);
	MemoryContextCallback *cb;
	PlanReads  *entry;
	MemoryContext old;
	List	   *reads;
	List	   *copy = NIL;
	PdpFlow    *flow;
	ListCell   *lc;

	for (cb = plancxt->reset_cbs; cb != NULL; cb = cb->next)
	{
		PlanReads  *pr = (PlanReads *) cb->arg;

		if (cb->func == forget_plan && pr->pstmt == pstmt &&
			pr->planTree == pstmt->planTree && pr->rtable == pstmt->rtable)
			return pr;
	}

	MemoryContextReset(analysis_cxt);
	old = MemoryContextSwitchTo(analysis_cxt);
	reads = pdp_plan_reads(pstmt);
	flow = pdp_plan_flow(pstmt, plancxt);

	MemoryContextSwitchTo(plancxt);
	foreach(lc, reads)
	{
		PdpRelRead *from = lfirst(lc);
		PdpRelRead *r = palloc(sizeof(PdpRelRead));

		r->relid = from->relid;
		r->cols = bms_copy(from->cols);
		r->wrapped = bms_copy(from->wrapped);
		r->evaluated = bms_copy(from->evaluated);
		copy = lappend(copy, r);
	}
	entry = palloc(sizeof(PlanReads));
	entry->pstmt = pstmt;
	entry->planTree = pstmt->planTree;
	entry->rtable = pstmt->rtable;
	entry->reads = copy;
	entry->flow = flow;
	entry->cache.cxt = plancxt;
	entry->cache.events = NULL;
	cb = palloc(sizeof(MemoryContextCallback));
	cb->func = forget_plan;
	cb->arg = entry;
	MemoryContextRegisterResetCallback(plancxt, cb);
	MemoryContextSwitchTo(old);
	MemoryContextReset(analysis_cxt);
	return entry;
}

/* pdp watches this backend's statements now (any pdp.mode) */
static bool
watching(void)
{
	if (IsParallelWorker())
		return false;
	if (!IsTransactionState() || creating_extension || pdp_is_audit_writer)
		return false;
	return pdp_extension_present();
}

static bool
checks_apply(void)
{
	if (pdp_mode == PDP_MODE_OFF)
		return false;
	/* the leader checked the whole plan, workers included */
	if (IsParallelWorker())
		return false;
	if (!IsTransactionState() || creating_extension || pdp_is_audit_writer)
		return false;
	return pdp_extension_present();
}

/*
 * Does any relation of the range table carry a tag?  Is any protected row
 * by row (pdp.protect_rows)?
 */
static bool
rtable_has_tags(List *rtable, bool *protected)
{
	ListCell   *lc;
	bool		tags = false;

	*protected = false;
	foreach(lc, rtable)
	{
		RangeTblEntry *rte = lfirst(lc);
		bool		prot;

		if (rte->rtekind != RTE_RELATION)
			continue;
		tags |= pdp_relation_has_tags(rte->relid, &prot);
		*protected |= prot;
	}
	return tags;
}


static const char *
command_name(CmdType op)
{
	switch (op)
	{
		case CMD_SELECT:
			return "SELECT";
		case CMD_UPDATE:
			return "UPDATE";
		case CMD_INSERT:
			return "INSERT";
		case CMD_DELETE:
			return "DELETE";
		case CMD_MERGE:
			return "MERGE";
		default:
			return "statement";
	}
}

/*
 * Give the scans of a plan row counters (what audit_event.c's
 * count_records() reads), and no other node: with INSTRUMENT_ROWS in
 * instrument_options every node of the plan (joins, sorts, aggregates)
 * would count its rows.  Every scan of a relation, not only those of the
 * relations read: an event can be about a relation the statement reads no
 * tagged column of (a backup read of a protected table, rowfilter.c).
 * Done after ExecInitNode and before any node runs: ExecProcNodeFirst
 * picks ExecProcNodeInstr at a node's first call when it has
 * instrumentation, and InstrCountFiltered1/2 count only then.  Nodes
 * EXPLAIN ANALYZE already instruments are left as they are.
 */
static bool
instrument_scans(PlanState *ps, void *context)
{
	if (ps == NULL)
		return false;
	if (ps->instrument == NULL && pdp_scan_relid(ps->plan) > 0)
		ps->instrument = InstrAlloc(1, INSTRUMENT_ROWS, ps->async_capable);
	return planstate_tree_walker(ps, instrument_scans, context);
}

/*
 * Checks happen once the executor state exists (after
 * standard_ExecutorStart): the statement's record lives in its memory.
 * That is still before any row is produced; only whether records must be
 * counted has to be known earlier, so instrumentation is set up.
 */
static void
pdp_ExecutorStart(QueryDesc *queryDesc, int eflags)
{
	const char *command = command_name(queryDesc->operation);
	PlanReads  *pr = NULL;
	List	   *reads = NIL;
	bool		protected = false;
	bool		tagged = false;
	bool		watch = false;
	bool		whole_copy = false;

	/*
	 * The query of COPY ... TO: the one that writes to the copy (a SQL
	 * function the planner ran first does not take its place).
	 */
	if (copy_to_pending && queryDesc->dest->mydest == DestCopyOut)
	{
		command = "COPY";
		whole_copy = copy_whole_pending;
		copy_to_pending = false;
		copy_whole_pending = false;
	}
	/* a client's statement: its reads and its functions' add up (audit_event.c) */
	if (exec_depth == 0 && utility_depth == 0)
		pdp_audit_top_statement_start();
	if ((eflags & EXEC_FLAG_EXPLAIN_ONLY) == 0 && checks_apply())
	{
		tagged = rtable_has_tags(queryDesc->plannedstmt->rtable, &protected);
		if (tagged)
		{
			pr = reads_of_plan(queryDesc->plannedstmt);
			reads = pr->reads;
		}
		/* a statement that reads nothing tagged can still quote it in errors */
		watch = tagged || protected;
		/*
		 * The audit events count the records the plan reads.  Workers of a
		 * parallel plan count theirs only when every node is instrumented
		 * (execParallel.c: es_instrument); otherwise only the scans get
		 * counters, after standard_ExecutorStart.
		 */
		if (reads != NIL && queryDesc->plannedstmt->parallelModeNeeded)
			queryDesc->instrument_options |= INSTRUMENT_ROWS;
		/* a backup read runs no table owner's row policy (backup.c) */
		pdp_backup_check_policies(queryDesc);
	}

	if (prev_ExecutorStart)
		prev_ExecutorStart(queryDesc, eflags);
	else
		standard_ExecutorStart(queryDesc, eflags);

	if (reads != NIL && queryDesc->planstate != NULL &&
		(queryDesc->instrument_options & INSTRUMENT_ROWS) == 0)
	{
		MemoryContext old = MemoryContextSwitchTo(queryDesc->estate->es_query_cxt);

		instrument_scans(queryDesc->planstate, NULL);
		MemoryContextSwitchTo(old);
	}

	if (watch)
	{
		PdpStatement *st = pdp_statement_begin(queryDesc, command);

		st->whole_copy = whole_copy;

		if (reads != NIL)
		{
			pdp_decide(st, reads, pr->flow, queryDesc, &pr->cache);
			/* the relation CREATE TABLE AS or REFRESH fills */
			if (lineage_pending != NULL &&
				(queryDesc->dest->mydest == DestIntoRel ||
				 queryDesc->dest->mydest == DestTransientRel ||
				 (lineage_pending->execute && queryDesc->operation == CMD_SELECT)))
			{
				/* never with masked values (decide.c) */
				pdp_refuse_masked_fill(st);
				pdp_lineage_capture(lineage_pending, st, pr->flow);
			}
		}
		if (protected)
			pdp_check_row_protection(st, queryDesc);
		if (tagged)
			pdp_details_prepare(st, queryDesc->plannedstmt);
	}
}

static void
pdp_ExecutorRun(QueryDesc *queryDesc, ScanDirection direction, uint64 count,
				bool execute_once)
{
	PdpStatement *st = pdp_statement_of(queryDesc->estate);
	ErrorContextCallback details;
	bool		pushed = pdp_details_push(st, &details);

	/* a backup read's rows go to the client only (backup.c) */
	if (st != NULL && st->backup && !pdp_statement_top_level(queryDesc))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("rows of a backup read go only to the client"),
				 errdetail("A cursor opened as a backup read is fetched by the client's own FETCH, not by a function, DO block or procedure."),
				 errhint("Fetch it with FETCH, as pg_dump does.")));
	exec_depth++;
	PG_TRY();
	{
		if (prev_ExecutorRun)
			prev_ExecutorRun(queryDesc, direction, count, execute_once);
		else
			standard_ExecutorRun(queryDesc, direction, count, execute_once);
	}
	PG_FINALLY();
	{
		exec_depth--;
	}
	PG_END_TRY();
	if (pushed)
		pdp_details_pop(&details);
	/* a cursor runs once per FETCH: add up the rows */
	if (st != NULL)
		pdp_audit_statement_rows(st, queryDesc->estate->es_processed);
}

/* AFTER triggers, foreign-key checks among them, run here */
static void
pdp_ExecutorFinish(QueryDesc *queryDesc)
{
	ErrorContextCallback details;
	bool		pushed = pdp_details_push(pdp_statement_of(queryDesc->estate),
										  &details);

	exec_depth++;
	PG_TRY();
	{
		if (prev_ExecutorFinish)
			prev_ExecutorFinish(queryDesc);
		else
			standard_ExecutorFinish(queryDesc);
	}
	PG_FINALLY();
	{
		exec_depth--;
	}
	PG_END_TRY();
	if (pushed)
		pdp_details_pop(&details);
}

static void
pdp_ExecutorEnd(QueryDesc *queryDesc)
{
	PdpStatement *st = pdp_statement_of(queryDesc->estate);

	if (st != NULL)
		pdp_statement_end(st, queryDesc);
	if (prev_ExecutorEnd)
		prev_ExecutorEnd(queryDesc);
	else
		standard_ExecutorEnd(queryDesc);
}

/*
 * COPY table TO is served by DoCopy straight from the table, past the
 * executor.  We run it as COPY (SELECT columns FROM ONLY table) TO, as
 * DoCopy itself does under row-level security, so that it is checked,
 * audited and limited like any other read.  Only plain tables: COPY of a
 * view or partitioned table is refused by DoCopy with its own hint.
 */
static PlannedStmt *
copy_as_query(PlannedStmt *pstmt, CopyStmt *stmt)
{
	Oid			relid;
	SelectStmt *sel;
	RangeVar   *rv;
	CopyStmt   *copy;
	PlannedStmt *result;
	ListCell   *lc;

	relid = RangeVarGetRelid(stmt->relation, AccessShareLock, true);
	if (!OidIsValid(relid) || get_rel_relkind(relid) != RELKIND_RELATION)
		return pstmt;

	sel = makeNode(SelectStmt);
	if (stmt->attlist == NIL)
	{
		ColumnRef  *star = makeNode(ColumnRef);
		ResTarget  *rt = makeNode(ResTarget);

		star->fields = list_make1(makeNode(A_Star));
		star->location = -1;
		rt->val = (Node *) star;
		rt->location = -1;
		sel->targetList = list_make1(rt);
	}
	foreach(lc, stmt->attlist)
	{
		ColumnRef  *col = makeNode(ColumnRef);
		ResTarget  *rt = makeNode(ResTarget);

		col->fields = list_make1(makeString(pstrdup(strVal(lfirst(lc)))));
		col->location = -1;
		rt->val = (Node *) col;
		rt->location = -1;
		sel->targetList = lappend(sel->targetList, rt);
	}
	rv = copyObject(stmt->relation);
	rv->inh = false;
	sel->fromClause = list_make1(rv);

	copy = copyObject(stmt);
	copy->relation = NULL;
	copy->attlist = NIL;
	copy->query = (Node *) sel;
	result = copyObject(pstmt);
	result->utilityStmt = (Node *) copy;
	return result;
}

/*
 * The relation a utility statement creates or refills from a query, whose
 * columns inherit the categories of what fills them: CREATE TABLE AS,
 * SELECT INTO, CREATE MATERIALIZED VIEW (also under EXPLAIN ANALYZE) and
 * REFRESH MATERIALIZED VIEW.
 */
static RangeVar *
filled_relation(Node *parsetree, bool *execute)
{
	*execute = false;
	if (IsA(parsetree, ExplainStmt))
	{
		/* analysed: a Query of type CMD_UTILITY around the statement */
		Query	   *q = (Query *) ((ExplainStmt *) parsetree)->query;

		if (q == NULL || !IsA(q, Query) || q->commandType != CMD_UTILITY)
			return NULL;
		parsetree = q->utilityStmt;
	}
	if (parsetree == NULL)
		return NULL;
	if (IsA(parsetree, CreateTableAsStmt))
	{
		CreateTableAsStmt *ctas = (CreateTableAsStmt *) parsetree;

		if (ctas->objtype == OBJECT_TABLE || ctas->objtype == OBJECT_MATVIEW)
		{
			Query	   *q = (Query *) ctas->query;

			/*
			 * CREATE TABLE AS EXECUTE: the prepared statement's portal starts
			 * its query with no receiver yet (PortalStart), not the new table
			 */
			*execute = q != NULL && IsA(q, Query) && q->commandType == CMD_UTILITY &&
				q->utilityStmt != NULL && IsA(q->utilityStmt, ExecuteStmt);
			return ctas->into ? ctas->into->rel : NULL;
		}
		return NULL;
	}
	if (IsA(parsetree, RefreshMatViewStmt))
		return ((RefreshMatViewStmt *) parsetree)->relation;
	return NULL;
}

static void
pdp_ProcessUtility(PlannedStmt *pstmt, const char *queryString,
				   bool readOnlyTree, ProcessUtilityContext context,
				   ParamListInfo params, QueryEnvironment *queryEnv,
				   DestReceiver *dest, QueryCompletion *qc)
{
	Node	   *parsetree = pstmt->utilityStmt;
	bool		copy_to = false;
	bool		copy_whole = false;
	PdpLineage	lineage = {0};
	PdpLineage *lin = NULL;
	PdpLineage *outer_lineage;
	RangeVar   *filled;
	PdpDdl	   *volatile ddl = NULL;
	MemoryContext copy_from_cxt = NULL;
	ErrorContextCallback details;
	bool		pushed = false;

	/* pdp's own triggers stay on (ddl.c) */
	pdp_ddl_guard_triggers(parsetree);

	/* SET pdp.purpose that would last for no statement (purpose_scope.c) */
	pdp_purpose_scope_utility(parsetree, context == PROCESS_UTILITY_TOPLEVEL);

	if (IsA(parsetree, CopyStmt) && !((CopyStmt *) parsetree)->is_from &&
		checks_apply())
	{
		CopyStmt   *cs = (CopyStmt *) parsetree;

		copy_to = true;
		if (cs->relation != NULL)
		{
			copy_whole = true;
			pstmt = copy_as_query(pstmt, cs);
			readOnlyTree = false;
		}
	}

	/* a relation filled from a query: its columns' lineage (lineage.c) */
	filled = filled_relation(parsetree, &lineage.execute);
	if (filled != NULL && checks_apply())
	{
		lineage.cxt = CurrentMemoryContext;
		lin = &lineage;
	}

	/* DDL over existing rows: reads, lineage, DETACH (ddl.c) */
	if (watching())
		ddl = pdp_ddl_begin(pstmt, queryString, pdp_mode != PDP_MODE_OFF);

	/*
	 * Statements that check rows past the executor hooks, and SET
	 * CONSTRAINTS (deferred checks): their error details (details.c)
	 */
	if (checks_apply())
	{
		RangeVar   *target = NULL;
		const char *what = NULL;

		if (IsA(parsetree, CopyStmt) && ((CopyStmt *) parsetree)->is_from)
			target = ((CopyStmt *) parsetree)->relation, what = "COPY";
		else if (IsA(parsetree, IndexStmt))
			target = ((IndexStmt *) parsetree)->relation, what = "CREATE INDEX";
		else if (IsA(parsetree, AlterTableStmt))
			target = ((AlterTableStmt *) parsetree)->relation, what = "ALTER TABLE";
		else if (IsA(parsetree, ReindexStmt) && ((ReindexStmt *) parsetree)->relation)
			target = ((ReindexStmt *) parsetree)->relation, what = "REINDEX";
		else if (IsA(parsetree, ClusterStmt) && ((ClusterStmt *) parsetree)->relation)
			target = ((ClusterStmt *) parsetree)->relation, what = "CLUSTER";
		else if (IsA(parsetree, RefreshMatViewStmt))
			target = ((RefreshMatViewStmt *) parsetree)->relation, what = "REFRESH MATERIALIZED VIEW";
		else if (IsA(parsetree, VacuumStmt) && list_length(((VacuumStmt *) parsetree)->rels) == 1)
			target = ((VacuumRelation *) linitial(((VacuumStmt *) parsetree)->rels))->relation,
				what = "VACUUM";
		else if (IsA(parsetree, ConstraintsSetStmt))
			pushed = pdp_details_set_constraints(&details);
		if (target != NULL)
		{
			Oid			relid = RangeVarGetRelid(target, NoLock, true);

			/* REINDEX INDEX: the index's table */
			if (OidIsValid(relid) && get_rel_relkind(relid) == RELKIND_INDEX)
				relid = IndexGetRelation(relid, true);
			else if (OidIsValid(relid) && get_rel_relkind(relid) == RELKIND_PARTITIONED_INDEX)
				relid = IndexGetRelation(relid, true);

			if (OidIsValid(relid))
			{
				copy_from_cxt = AllocSetContextCreate(CurrentMemoryContext, "pdp utility details",
													  ALLOCSET_SMALL_SIZES);
				pushed = pdp_details_utility(relid, what, queryString, copy_from_cxt,
											 &details);
			}
		}
	}

	copy_to_pending = copy_to;
	copy_whole_pending = copy_whole;
	outer_lineage = lineage_pending;
	lineage_pending = lin;
	if (utility_depth == 0)
		pdp_audit_top_statement_start();
	if (utility_depth == 0)
		top_to_client =
			(IsA(parsetree, CopyStmt) && !((CopyStmt *) parsetree)->is_from &&
			 ((CopyStmt *) parsetree)->filename == NULL &&
			 !((CopyStmt *) parsetree)->is_program) ||
			(IsA(parsetree, DeclareCursorStmt) &&
			 (((DeclareCursorStmt *) parsetree)->options & CURSOR_OPT_HOLD) == 0) ||
			IsA(parsetree, FetchStmt);
	utility_depth++;
	PG_TRY();
	{
		if (prev_ProcessUtility)
			prev_ProcessUtility(pstmt, queryString, readOnlyTree, context,
								params, queryEnv, dest, qc);
		else
			standard_ProcessUtility(pstmt, queryString, readOnlyTree, context,
									params, queryEnv, dest, qc);
		pdp_ddl_end(ddl);
	}
	PG_FINALLY();
	{
		utility_depth--;
		copy_to_pending = false;
		copy_whole_pending = false;
		lineage_pending = outer_lineage;
		pdp_ddl_release(ddl);
		if (pushed)
			error_context_stack = details.previous;
		if (copy_from_cxt)
			MemoryContextDelete(copy_from_cxt);
	}
	PG_END_TRY();

	if (lin != NULL && lin->attnos != NIL)
		pdp_lineage_apply(lin, RangeVarGetRelid(filled, NoLock, true));

	/* another role: plans wrap the columns it reads masked (mask.h) */
	if ((IsA(parsetree, VariableSetStmt) &&
		 (((VariableSetStmt *) parsetree)->name == NULL ||
		  strcmp(((VariableSetStmt *) parsetree)->name, "role") == 0 ||
		  strcmp(((VariableSetStmt *) parsetree)->name, "session_authorization") == 0)) ||
		IsA(parsetree, DiscardStmt))
	{
		if (pdp_config_has_masks())
			pdp_mask_context_changed();
	}
}

/*
 * Does qd, starting or running now, hand its rows only to the client: a
 * statement the client sent, or the query of its COPY ... TO STDOUT or
 * DECLARE CURSOR (not WITH HOLD: a held cursor outlives its transaction),
 * fetched by its FETCH - not run by a function, trigger, DO block or
 * procedure, nor written to a file or kept past the transaction?
 */
bool
pdp_statement_top_level(QueryDesc *qd)
{
	if (exec_depth > 0 || utility_depth > 1)
		return false;
	if (utility_depth == 0)
		return true;
	return top_to_client && qd->dest->mydest != DestSPI;
}

void
pdp_hooks_init(void)
{
	analysis_cxt = AllocSetContextCreate(TopMemoryContext, "pdp analysis",
										 ALLOCSET_SMALL_SIZES);
	prev_ExecutorStart = ExecutorStart_hook;
	ExecutorStart_hook = pdp_ExecutorStart;
	prev_ExecutorRun = ExecutorRun_hook;
	ExecutorRun_hook = pdp_ExecutorRun;
	prev_ExecutorFinish = ExecutorFinish_hook;
	ExecutorFinish_hook = pdp_ExecutorFinish;
	prev_ExecutorEnd = ExecutorEnd_hook;
	ExecutorEnd_hook = pdp_ExecutorEnd;
	pdp_details_init();
	prev_ProcessUtility = ProcessUtility_hook;
	ProcessUtility_hook = pdp_ProcessUtility;
}
