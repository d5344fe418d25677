/*-------------------------------------------------------------------------
 * backup.c
 *	  Backups by a non-superuser: which statements are backup reads.
 *
 * A backup must hold every row, those of subjects without consent and
 * under restriction included, and every tagged column, whatever the
 * purposes allow.  Members of the predefined NOLOGIN role pdp_backup
 * (created by the extension; only a superuser can grant it) get that, and
 * only in the shape a dump has: a statement is a backup read when
 *   - the role at the keyboard (pdp_acting_role(): not a view's or a
 *     SECURITY DEFINER function's owner) has the privileges of pdp_backup
 *     and is not a superuser (superusers are recorded as such);
 *   - it only reads: a SELECT without data-modifying WITH, or COPY ... TO
 *     (run as such a SELECT); SELECT ... FOR UPDATE/SHARE is not a read;
 *   - its transaction is READ ONLY, as pg_dump's always is;
 *   - it is a statement of its own - sent by the client, or the query of
 *     its COPY ... TO or DECLARE CURSOR - not one a function, trigger, DO
 *     block or procedure runs (which could hand the rows on, or switch the
 *     transaction to read only around the read and back);
 *   - its plan hands values only to the client: scans, appends, sorts and
 *     the like, whose expressions run no volatile function and no code but
 *     PostgreSQL's and pdp's own (pg_notify(), set_config() or a user's
 *     function over the rows would carry them elsewhere);
 *   and a transaction that made a backup read may not write: it fails at
 *   commit if it got a transaction id (42501).
 * Anything else a member runs is checked like any other role's statement.
 *
 * A backup read sees every row (rowfilter.c) and every column; each
 * relation with tagged columns or row protection it reads is recorded
 * unconditionally (pdp.log_allowed does not apply) as decision "bypass",
 * reason "backup", with the role and the rows read.  No purpose is needed
 * and the declared one, if any, changes nothing: limits do not apply.
 *
 * pg_dump --enable-row-security applies row-level security, so every
 * policy of a table runs as the backup role; a policy other than pdp's
 * own (pdp_consent, pdp_all_rows) is code the table's owner wrote: it may
 * hide rows from the dump (a partial dump that looks whole) and runs with
 * the rights of a role that sees every row.  A backup read of a table
 * where row-level security applies with such a policy is refused (enforce)
 * or recorded (log), reason "backup_foreign_policy"; give such tables'
 * backup to a role with BYPASSRLS, which runs no policy at all.  (A policy
 * expression the planner folds runs before this check; see README.)
 *
 * The membership test is PostgreSQL's (has_privs_of_role); its answer for
 * the last role asked is kept until a role or membership changes (syscache
 * callbacks), so a read-only statement pays a compare.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "statement.h"

#include "audit.h"

#include "access/relation.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "nodes/plannodes.h"
#include "parser/parsetree.h"
#include "rewrite/rowsecurity.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/rls.h"
#include "utils/inval.h"
#include "utils/syscache.h"

/*
 * Has role the privileges of pdp_backup, without being a superuser?  The
 * answer for the last role asked is kept until a role or a membership
 * changes (syscache callbacks): read-only statements, all of them on a
 * hot standby, ask it, and most are not backups.
 */
static bool memo_valid = false;
static bool memo_callbacks = false;
static Oid	memo_role = InvalidOid;
static bool memo_backup = false;

static void
memo_invalidate(Datum arg, int cacheid, uint32 hashvalue)
{
	memo_valid = false;
}

static bool
role_is_backup(Oid role)
{
	Oid			backup;

	if (memo_valid && role == memo_role)
		return memo_backup;
	if (!memo_callbacks)
	{
		CacheRegisterSyscacheCallback(AUTHOID, memo_invalidate, (Datum) 0);
		CacheRegisterSyscacheCallback(AUTHMEMROLEMEM, memo_invalidate, (Datum) 0);
		memo_callbacks = true;
	}
	/* an invalidation while we look (or an error) leaves the memo invalid */
	memo_role = InvalidOid;
	memo_valid = true;
	backup = get_role_oid(PDP_BACKUP_ROLE, true);
	memo_backup = OidIsValid(backup) && !superuser_arg(role) &&
		has_privs_of_role(role, backup);
	memo_role = role;
	return memo_backup;
}

/* Does qd only read, in a read-only transaction? */
static bool
read_only_statement(QueryDesc *qd)
{
	return XactReadOnly && qd->operation == CMD_SELECT &&
		!qd->plannedstmt->hasModifyingCTE && qd->plannedstmt->rowMarks == NIL;
}

static bool
exprs_plain(List *exprs)
{
	return !pdp_runs_user_code((Node *) exprs);
}

/*
 * Does plan only hand rows on to the client: the node types a dump's
 * statements plan to, with expressions that run no user or volatile code?
 */
static bool
plan_plain(Plan *plan)
{
	ListCell   *lc;

	if (plan == NULL)
		return true;
	if (plan->initPlan != NIL || !exprs_plain(plan->targetlist) || !exprs_plain(plan->qual))
		return false;
	switch (nodeTag(plan))
	{
		case T_SeqScan:
		case T_Result:
		case T_Sort:
		case T_IncrementalSort:
		case T_Material:
		case T_Gather:
		case T_GatherMerge:
		case T_Limit:
		case T_Agg:
		case T_Group:
		case T_Unique:
		case T_SetOp:
			break;
		case T_Hash:
			if (!exprs_plain(((Hash *) plan)->hashkeys))
				return false;
			break;
		case T_NestLoop:
			if (!exprs_plain(((Join *) plan)->joinqual))
				return false;
			break;
		case T_HashJoin:
			if (!exprs_plain(((Join *) plan)->joinqual) ||
				!exprs_plain(((HashJoin *) plan)->hashclauses))
				return false;
			break;
		case T_MergeJoin:
			if (!exprs_plain(((Join *) plan)->joinqual) ||
				!exprs_plain(((MergeJoin *) plan)->mergeclauses))
				return false;
			break;
		case T_IndexScan:
			if (!exprs_plain(((IndexScan *) plan)->indexqualorig) ||
				!exprs_plain(((IndexScan *) plan)->indexorderbyorig))
				return false;
			break;
		case T_IndexOnlyScan:
			if (!exprs_plain(((IndexOnlyScan *) plan)->recheckqual))
				return false;
			break;
		case T_BitmapHeapScan:
			if (!exprs_plain(((BitmapHeapScan *) plan)->bitmapqualorig))
				return false;
			break;
		case T_BitmapIndexScan:
			if (!exprs_plain(((BitmapIndexScan *) plan)->indexqualorig))
				return false;
			break;
		case T_BitmapAnd:
			foreach(lc, ((BitmapAnd *) plan)->bitmapplans)
				if (!plan_plain(lfirst(lc)))
					return false;
			break;
		case T_BitmapOr:
			foreach(lc, ((BitmapOr *) plan)->bitmapplans)
				if (!plan_plain(lfirst(lc)))
					return false;
			break;
		case T_Append:
			foreach(lc, ((Append *) plan)->appendplans)
				if (!plan_plain(lfirst(lc)))
					return false;
			break;
		case T_MergeAppend:
			foreach(lc, ((MergeAppend *) plan)->mergeplans)
				if (!plan_plain(lfirst(lc)))
					return false;
			break;
		case T_SubqueryScan:
			if (!plan_plain(((SubqueryScan *) plan)->subplan))
				return false;
			break;
		default:
			return false;
	}
	return plan_plain(plan->lefttree) && plan_plain(plan->righttree);
}

/* the current transaction made a backup read: it may not write */
static bool backup_in_xact = false;
static bool backup_callback = false;

static void
backup_xact_callback(XactEvent event, void *arg)
{
	if (!backup_in_xact)
		return;
	if ((event == XACT_EVENT_PRE_COMMIT || event == XACT_EVENT_PRE_PREPARE) &&
		TransactionIdIsValid(GetTopTransactionIdIfAny()))
	{
		backup_in_xact = false;
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("a transaction that made a backup read may not write"),
				 errdetail("Rows read as a backup (role %s) see every subject; nothing read so may be stored in the database.",
						   PDP_BACKUP_ROLE),
				 errhint("Run backups in read-only transactions, as pg_dump does.")));
	}
	if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT ||
		event == XACT_EVENT_PREPARE || event == XACT_EVENT_PARALLEL_COMMIT ||
		event == XACT_EVENT_PARALLEL_ABORT)
		backup_in_xact = false;
}

/* Is qd, run by role, a statement of the shape a backup read has (header)? */
static bool
backup_statement(QueryDesc *qd, Oid role)
{
	return read_only_statement(qd) && role_is_backup(role) &&
		pdp_statement_top_level(qd) && qd->plannedstmt->subplans == NIL &&
		plan_plain(qd->plannedstmt->planTree);
}

/*
 * Is statement qd, run by role (superuser or not), a backup read?  If so,
 * its transaction is marked: it may not write.
 */
bool
pdp_backup_read(QueryDesc *qd, Oid role, bool superuser)
{
	if (superuser || !backup_statement(qd, role))
		return false;
	if (!backup_callback)
	{
		RegisterXactCallback(backup_xact_callback, NULL);
		backup_callback = true;
	}
	backup_in_xact = true;
	return true;
}

/* Is funcid a function of schema pdp named name? */
static bool
pdp_function(Oid funcid, const char *name)
{
	char	   *fname = get_func_name(funcid);
	char	   *nspname;

	if (fname == NULL || strcmp(fname, name) != 0)
		return false;
	nspname = get_namespace_name(get_func_namespace(funcid));
	return nspname != NULL && strcmp(nspname, "pdp") == 0;
}

/*
 * Is p one of the policies pdp.protect_rows() makes: pdp_consent calling
 * pdp._row_visible on a constant and the subject column (under casts or
 * pdp._subject_text), or pdp_all_rows, USING (true)?  Judged by what the
 * policy runs, not only by its name, which a table's owner chooses.
 */
static bool
policy_is_pdps(RowSecurityPolicy *p)
{
	Node	   *q = (Node *) p->qual;

	if (strcmp(p->policy_name, "pdp_all_rows") == 0)
		return q != NULL && IsA(q, Const) && ((Const *) q)->consttype == BOOLOID &&
			!((Const *) q)->constisnull && DatumGetBool(((Const *) q)->constvalue);
	if (strcmp(p->policy_name, PDP_ROW_POLICY) == 0 && q != NULL && IsA(q, FuncExpr))
	{
		FuncExpr   *f = (FuncExpr *) q;
		Node	   *arg;

		if (!pdp_function(f->funcid, "_row_visible") || list_length(f->args) != 2 ||
			!IsA(linitial(f->args), Const))
			return false;
		arg = lsecond(f->args);
		for (;;)
		{
			if (IsA(arg, RelabelType))
				arg = (Node *) ((RelabelType *) arg)->arg;
			else if (IsA(arg, CoerceViaIO))
				arg = (Node *) ((CoerceViaIO *) arg)->arg;
			else if (IsA(arg, FuncExpr) && list_length(((FuncExpr *) arg)->args) == 1 &&
					 (((FuncExpr *) arg)->funcformat != COERCE_EXPLICIT_CALL ||
					  pdp_function(((FuncExpr *) arg)->funcid, "_subject_text")))
				arg = linitial(((FuncExpr *) arg)->args);
			else
				break;
		}
		return IsA(arg, Var);
	}
	return false;
}

/* The name of a policy of relid that is not pdp's, NULL if none */
static char *
foreign_policy(Oid relid)
{
	Relation	rel = relation_open(relid, AccessShareLock);
	char	   *found = NULL;

	if (rel->rd_rsdesc != NULL)
	{
		ListCell   *lc;

		foreach(lc, rel->rd_rsdesc->policies)
		{
			RowSecurityPolicy *p = lfirst(lc);

			if (!policy_is_pdps(p))
			{
				found = pstrdup(p->policy_name);
				break;
			}
		}
	}
	relation_close(rel, AccessShareLock);
	return found;
}

/*
 * Before a statement runs: if it is a backup read, refuse (enforce) or
 * record (log) its reads of tables whose row-level security applies with
 * policies other than pdp's (see above).  Cheap outside read-only
 * transactions, where nothing is a backup read.
 */
void
pdp_backup_check_policies(QueryDesc *qd)
{
	Oid			role;
	ListCell   *lc;

	if (pdp_mode == PDP_MODE_OFF)
		return;
	role = pdp_acting_role();
	if (!backup_statement(qd, role))
		return;
	foreach(lc, qd->plannedstmt->rtable)
	{
		RangeTblEntry *rte = lfirst(lc);
		char	   *policy;
		char	   *relname;
		PdpEvent   *ev;
		StringInfoData d;

		if (rte->rtekind != RTE_RELATION ||
			check_enable_rls(rte->relid, rte->checkAsUser, true) != RLS_ENABLED)
			continue;
		policy = foreign_policy(rte->relid);
		if (policy == NULL)
			continue;
		relname = pdp_relation_name(rte->relid);
		ev = pdp_event_new("access", pdp_mode == PDP_MODE_ENFORCE ? "blocked" : "violation",
						   "backup_foreign_policy");
		pdp_event_set(ev, RS_RELATION, relname);
		pdp_event_set(ev, RS_COMMAND, "SELECT");
		if (pdp_purpose && pdp_purpose[0])
			pdp_event_set(ev, RS_PURPOSE, pdp_purpose);
		initStringInfo(&d);
		appendStringInfoString(&d, "{\"backup\": true, \"policy\": ");
		escape_json(&d, policy);
		appendStringInfoChar(&d, '}');
		pdp_event_set(ev, RS_DETAIL, d.data);
		pdp_event_now(ev);
		if (pdp_mode == PDP_MODE_ENFORCE)
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("backup of \"%s\" refused: its row-level security policy \"%s\" is not pdp's",
							relname, policy),
					 errdetail("Applied to the backup role, the table owner's policy could leave rows out of the backup and runs the owner's code with the rights of a role that sees every row."),
					 errhint("Run the backup as a member of \"%s\" with BYPASSRLS (no policy runs; pdp still records the reads), or drop the policy.",
							 PDP_BACKUP_ROLE)));
	}
}
