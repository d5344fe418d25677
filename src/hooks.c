/*-------------------------------------------------------------------------
 * hooks.c
 *	  Executor and utility hooks: where reads are seen.
 *
 * Every statement that reads table data goes through ExecutorStart: plain
 * queries, DML, cursors, prepared and cached plans (at every execution),
 * COPY (query) TO, CREATE TABLE AS, and statements run by SQL and PL/pgSQL
 * functions.  We check before standard_ExecutorStart, so a refused
 * statement produces no row.  The one read that bypasses the executor is
 * COPY table TO, which DoCopy serves straight from the table: it is checked
 * from ProcessUtility.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"

#include "access/parallel.h"
#include "access/sysattr.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "commands/extension.h"
#include "executor/executor.h"
#include "nodes/parsenodes.h"
#include "parser/parsetree.h"
#include "tcop/utility.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rls.h"

static ExecutorStart_hook_type prev_ExecutorStart = NULL;
static ProcessUtility_hook_type prev_ProcessUtility = NULL;

/* scratch memory for one statement's analysis, reset after each use */
static MemoryContext analysis_cxt = NULL;

static bool
checks_apply(void)
{
	if (pdp_mode == PDP_MODE_OFF)
		return false;
	/* the leader checked the whole plan, workers included */
	if (IsParallelWorker())
		return false;
	if (!IsTransactionState() || creating_extension || pdp_internal_query)
		return false;
	return pdp_extension_present();
}

/* Does any relation of the range table carry a tag? */
static bool
rtable_has_tags(List *rtable)
{
	ListCell   *lc;

	foreach(lc, rtable)
	{
		RangeTblEntry *rte = lfirst(lc);
		int			ntags;

		if (rte->rtekind != RTE_RELATION)
			continue;
		pdp_relation_tags(rte->relid, &ntags);
		if (ntags > 0)
			return true;
	}
	return false;
}

static void
check_in_scratch(PlannedStmt *pstmt, List *reads, const char *command)
{
	MemoryContext old = MemoryContextSwitchTo(analysis_cxt);

	PG_TRY();
	{
		if (pstmt != NULL)
			reads = pdp_plan_reads(pstmt);
		pdp_check_reads(reads, command);
	}
	PG_FINALLY();
	{
		MemoryContextSwitchTo(old);
		MemoryContextReset(analysis_cxt);
	}
	PG_END_TRY();
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

static void
pdp_ExecutorStart(QueryDesc *queryDesc, int eflags)
{
	if ((eflags & EXEC_FLAG_EXPLAIN_ONLY) == 0 && checks_apply() &&
		rtable_has_tags(queryDesc->plannedstmt->rtable))
		check_in_scratch(queryDesc->plannedstmt, NIL,
						 command_name(queryDesc->operation));

	if (prev_ExecutorStart)
		prev_ExecutorStart(queryDesc, eflags);
	else
		standard_ExecutorStart(queryDesc, eflags);
}

/*
 * COPY table TO: the columns copied.  With row-level security on, DoCopy
 * turns the command into a query, which ExecutorStart sees instead.
 */
static void
check_copy_to(CopyStmt *stmt)
{
	Oid			relid;
	PdpRelRead	read;
	ListCell   *lc;
	int			ntags;

	relid = RangeVarGetRelid(stmt->relation, AccessShareLock, true);
	if (!OidIsValid(relid))
		return;					/* DoCopy reports it */
	pdp_relation_tags(relid, &ntags);
	if (ntags == 0 || check_enable_rls(relid, InvalidOid, true) == RLS_ENABLED)
		return;

	read.relid = relid;
	read.cols = NULL;
	if (stmt->attlist == NIL)
		read.cols = bms_make_singleton(0 - FirstLowInvalidHeapAttributeNumber);
	foreach(lc, stmt->attlist)
	{
		AttrNumber	attnum = get_attnum(relid, strVal(lfirst(lc)));

		if (attnum != InvalidAttrNumber)
			read.cols = bms_add_member(read.cols,
									   attnum - FirstLowInvalidHeapAttributeNumber);
	}
	check_in_scratch(NULL, list_make1(&read), "COPY");
}

static void
pdp_ProcessUtility(PlannedStmt *pstmt, const char *queryString,
				   bool readOnlyTree, ProcessUtilityContext context,
				   ParamListInfo params, QueryEnvironment *queryEnv,
				   DestReceiver *dest, QueryCompletion *qc)
{
	Node	   *parsetree = pstmt->utilityStmt;

	if (IsA(parsetree, CopyStmt))
	{
		CopyStmt   *cs = (CopyStmt *) parsetree;

		if (cs->relation != NULL && !cs->is_from && checks_apply())
			check_copy_to(cs);
	}

	if (prev_ProcessUtility)
		prev_ProcessUtility(pstmt, queryString, readOnlyTree, context,
							params, queryEnv, dest, qc);
	else
		standard_ProcessUtility(pstmt, queryString, readOnlyTree, context,
								params, queryEnv, dest, qc);
}

void
pdp_hooks_init(void)
{
	analysis_cxt = AllocSetContextCreate(TopMemoryContext, "pdp analysis",
										 ALLOCSET_SMALL_SIZES);

	prev_ExecutorStart = ExecutorStart_hook;
	ExecutorStart_hook = pdp_ExecutorStart;
	prev_ProcessUtility = ProcessUtility_hook;
	ProcessUtility_hook = pdp_ProcessUtility;
}
