/*-------------------------------------------------------------------------
 * mask_rewrite.c
 *	  The planner hook of masked reads: before a statement is planned,
 *	  every reference to a column the session reads masked becomes
 *	  pdp._mask(column, rel, attnum) (mask_exec.c).
 *
 * The rule for predicates is "operate on masked values": WHERE, JOIN
 * conditions, GROUP BY, ORDER BY, window partitions, DISTINCT, aggregates,
 * casts, function arguments, RETURNING, row-level policies of the table's
 * owner and CHECK OPTIONs of views all see the masked value, never the
 * stored one - there is no reference left that could filter, sort or fail
 * on it.  (An index on the column is then of no use to the statement.)
 * A whole-row reference to such a table becomes a row of its columns, the
 * masked ones wrapped.  Views are expanded already; sub-queries, CTEs and
 * SubLinks are walked with the nesting levels of their Vars.  Left alone:
 * the EXCLUDED row of INSERT ... ON CONFLICT (the values being inserted)
 * and the index inference of ON CONFLICT (decide.c refuses a masked key
 * there: finding a conflict reads stored values); pdp's own row filter
 * (pdp.protect_rows) reads the subject as stored: it only answers whether
 * the row may be seen (analyze.c counts that read as pdp's own).
 *
 * What the planner itself could add, set-returning SQL functions it
 * inlines (their queries would be planned past this hook), is stopped
 * while a masked purpose plans: needs_fmgr_hook says such functions want
 * the function manager hook, which keeps the planner from inlining them;
 * they run as functions, and their own statements come through here.
 *
 * Which columns are wrapped depends on the purpose, role and configuration
 * when the statement is planned; whether the wrapper masks is decided at
 * every execution.  A plan made under another purpose may lack wrappers a
 * later execution needs: the plan cache is reset whenever the purpose,
 * role or configuration changes while masks are configured, and decide.c
 * refuses (masked_only) any execution whose plan does not wrap a column
 * it reads masked.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"
#include "statement.h"

#include "access/relation.h"
#include "catalog/namespace.h"
#include "utils/builtins.h"

#include "access/parallel.h"
#include "access/xact.h"
#include "catalog/pg_language.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/planner.h"
#include "parser/parsetree.h"
#include "utils/lsyscache.h"
#include "utils/plancache.h"
#include "utils/rel.h"
#include "utils/syscache.h"

static planner_hook_type prev_planner = NULL;
static needs_fmgr_hook_type prev_needs_fmgr = NULL;

/* planning under a purpose that masks: no SQL set-returning function inlined */
static int	masked_planning = 0;

typedef struct RelMasks
{
	Oid			relid;
	Bitmapset  *masked;			/* attnums the context reads masked */
} RelMasks;

typedef struct Rewrite
{
	List	   *stack;			/* Query nodes, innermost first */
	const PdpStatement *ctx;	/* the decision context (role, purpose) */
	List	   *rels;			/* RelMasks, one per relation met */
	bool		security;		/* walking a relation's row-level policies */
	bool		check_option;	/* walking a WITH CHECK OPTION */
} Rewrite;

/* the columns of relid read masked in rw's context */
static Bitmapset *
masked_columns(Rewrite *rw, Oid relid)
{
	ListCell   *lc;
	RelMasks   *rm;
	PdpRelInfo *info;
	int			i;

	foreach(lc, rw->rels)
	{
		rm = lfirst(lc);
		if (rm->relid == relid)
			return rm->masked;
	}
	rm = palloc0(sizeof(RelMasks));
	rm->relid = relid;
	if (pdp_relation_has_tags(relid, NULL))
	{
		info = pdp_relinfo_pin(relid);
		PG_TRY();
		{
			for (i = 0; i < info->ntags; i++)
				if (pdp_decide_column(rw->ctx, &info->tags[i], NULL) == PDP_MASKED)
					rm->masked = bms_add_member(rm->masked, info->tags[i].attnum);
		}
		PG_FINALLY();
		{
			pdp_relinfo_unpin(info);
		}
		PG_END_TRY();
	}
	rw->rels = lappend(rw->rels, rm);
	return rm->masked;
}

static Node *
wrap(Var *var, Oid relid, AttrNumber attno, bool own)
{
	FuncExpr   *f;

	f = makeFuncExpr(pdp_mask_func_oid(), var->vartype,
					 list_make3(var,
								makeConst(OIDOID, -1, InvalidOid, sizeof(Oid),
										  ObjectIdGetDatum(relid), false, true),
								makeConst(INT2OID, -1, InvalidOid, sizeof(int16),
										  Int16GetDatum(own ? -attno : attno), false, true)),
					 var->varcollid, var->varcollid, COERCE_SQL_SYNTAX);
	f->location = var->location;
	return (Node *) f;
}

/* a whole-row reference: the row of the table's columns, masked ones wrapped */
static Node *
expand_whole_row(Var *var, Oid relid, Bitmapset *masked)
{
	Relation	rel = relation_open(relid, NoLock);
	TupleDesc	desc = RelationGetDescr(rel);
	RowExpr    *row = makeNode(RowExpr);
	int			i;

	for (i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);
		Var		   *col;

		if (att->attisdropped)
		{
			/* as coerce_record_to_complex() does for a dropped column */
			row->args = lappend(row->args, makeNullConst(INT4OID, -1, InvalidOid));
			row->colnames = lappend(row->colnames, makeString(pstrdup("")));
			continue;
		}
		col = makeVar(var->varno, att->attnum, att->atttypid, att->atttypmod,
					  att->attcollation, var->varlevelsup);
		col->location = var->location;
		row->args = lappend(row->args, bms_is_member(att->attnum, masked) ?
							wrap(col, relid, att->attnum, false) : (Node *) col);
		row->colnames = lappend(row->colnames, makeString(pstrdup(NameStr(att->attname))));
	}
	row->row_typeid = var->vartype == RECORDOID ? rel->rd_rel->reltype : var->vartype;
	row->row_format = COERCE_IMPLICIT_CAST;
	row->location = var->location;
	relation_close(rel, NoLock);
	return (Node *) row;
}

static Node *rewrite_mutator(Node *node, Rewrite *rw);

/*
 * pdp's row filter as protect_rows() writes it: pdp._row_visible(rel,
 * column), the column perhaps under built-in casts - no code anyone else
 * wrote sees the stored subject.
 */
static bool
row_filter_shape(Node *node)
{
	Node	   *arg = lsecond(((FuncExpr *) node)->args);

	if (!IsA(linitial(((FuncExpr *) node)->args), Const) || pdp_runs_user_code(arg))
		return false;
	while (arg && (IsA(arg, RelabelType) || IsA(arg, CoerceViaIO) ||
				   (IsA(arg, FuncExpr) && list_length(((FuncExpr *) arg)->args) == 1)))
		arg = IsA(arg, RelabelType) ? (Node *) ((RelabelType *) arg)->arg :
			IsA(arg, CoerceViaIO) ? (Node *) ((CoerceViaIO *) arg)->arg :
			linitial(((FuncExpr *) arg)->args);
	return arg != NULL && IsA(arg, Var) && ((Var *) arg)->varlevelsup == 0;
}

/*
 * A row-level policy or a view's CHECK OPTION that reads a column the
 * session reads masked cannot be served: on masked values it would let
 * through rows the table's owner meant to hide (or refuse), on stored
 * values it would be an oracle anyone who writes policies could use.
 */
static void
refuse_policy_read(Rewrite *rw, Oid relid, AttrNumber attno, const char *what)
{
	char	   *col = get_attname(relid, attno, true);

	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("permission denied to read column \"%s\" of relation \"%s\" unmasked under purpose \"%s\"",
					col ? col : "?", get_rel_name(relid), rw->ctx->purpose),
			 errdetail("A %s of the statement reads the column, which the purpose may read only masked (reason: masked_only).",
					   what),
			 errhint("Leave the column out of the table's row-level policies and of the view's CHECK OPTION, or ask a pdp administrator for a full read.")));
}

static Node *
rewrite_var(Var *var, Rewrite *rw)
{
	Query	   *q;
	RangeTblEntry *rte;
	Bitmapset  *masked;

	if (var->varlevelsup >= list_length(rw->stack) || IS_SPECIAL_VARNO(var->varno))
		return NULL;
	q = list_nth(rw->stack, var->varlevelsup);
	if (var->varno < 1 || var->varno > list_length(q->rtable))
		return NULL;
	/* INSERT ... ON CONFLICT: EXCLUDED is the row being inserted */
	if (q->onConflict && var->varno == q->onConflict->exclRelIndex)
		return NULL;
	rte = rt_fetch(var->varno, q->rtable);
	if (rte->rtekind != RTE_RELATION)
		return NULL;
	masked = masked_columns(rw, rte->relid);
	if (masked == NULL)
		return NULL;
	if (var->varattno == 0 && !rw->security && !rw->check_option)
		return expand_whole_row(var, rte->relid, masked);
	if (var->varattno > 0 && bms_is_member(var->varattno, masked))
	{
		if (rw->security)
			refuse_policy_read(rw, rte->relid, var->varattno, "row-level policy");
		if (rw->check_option)
			refuse_policy_read(rw, rte->relid, var->varattno, "CHECK OPTION");
		return wrap(copyObject(var), rte->relid, var->varattno, false);
	}
	if (var->varattno == 0 && (rw->security || rw->check_option))
		refuse_policy_read(rw, rte->relid, bms_next_member(masked, -1),
						   rw->security ? "row-level policy" : "CHECK OPTION");
	return NULL;
}

static Query *
rewrite_query(Query *query, Rewrite *rw)
{
	ListCell   *lc;
	Query	   *result;
	List	   *quals = NIL;
	int			i;

	rw->stack = lcons(query, rw->stack);

	/*
	 * The relations' row-level policies apart, with pdp's row filter left
	 * as protect_rows() wrote it; put back after the rest is walked
	 */
	foreach(lc, query->rtable)
	{
		RangeTblEntry *rte = lfirst(lc);
		List	   *done = NIL;
		ListCell   *qc;

		if (rte->rtekind == RTE_RELATION && rte->securityQuals != NIL)
		{
			rw->security = true;
			foreach(qc, rte->securityQuals)
				done = lappend(done, rewrite_mutator(lfirst(qc), rw));
			rw->security = false;
			rte->securityQuals = NIL;
		}
		quals = lappend(quals, done);
	}
	result = query_tree_mutator(query, rewrite_mutator, rw, 0);
	i = 0;
	foreach(lc, result->rtable)
	{
		List	   *done = list_nth(quals, i++);

		if (done != NIL)
			((RangeTblEntry *) lfirst(lc))->securityQuals = done;
	}
	rw->stack = list_delete_first(rw->stack);
	return result;
}

static Node *
rewrite_mutator(Node *node, Rewrite *rw)
{
	if (node == NULL)
		return NULL;
	if (IsA(node, Var))
	{
		Node	   *wrapped = rewrite_var((Var *) node, rw);

		return wrapped ? wrapped : copyObject(node);
	}
	if (IsA(node, Query))
		return (Node *) rewrite_query((Query *) node, rw);
	if (IsA(node, FuncExpr))
	{
		Oid			relid;
		AttrNumber	attnum;
		bool		own;

		/* wrapped already (a row filter, walked first) */
		if (pdp_is_mask_wrapper(node, &relid, &attnum, &own))
			return copyObject(node);
		/*
		 * pdp's row filter as pdp.protect_rows() put it (not a user's call):
		 * it reads the subject as stored, and checks that it gets a column
		 * (rowfilter.c); analyze.c counts that read as pdp's own
		 */
		if (rw->security && pdp_is_row_filter(node) && row_filter_shape(node))
			return copyObject(node);
	}
	if (IsA(node, WithCheckOption))
	{
		WithCheckOption *wco = (WithCheckOption *) copyObject(node);
		bool		outer = rw->check_option;

		rw->check_option = true;
		wco->qual = rewrite_mutator(((WithCheckOption *) node)->qual, rw);
		rw->check_option = outer;
		return (Node *) wco;
	}
	if (IsA(node, OnConflictExpr))
	{
		OnConflictExpr *oc = (OnConflictExpr *) node;
		OnConflictExpr *copy = makeNode(OnConflictExpr);

		/* index inference is no read of values; decide.c sees the arbiters */
		memcpy(copy, oc, sizeof(OnConflictExpr));
		copy->arbiterElems = copyObject(oc->arbiterElems);
		copy->arbiterWhere = copyObject(oc->arbiterWhere);
		copy->onConflictSet = (List *) rewrite_mutator((Node *) oc->onConflictSet, rw);
		copy->onConflictWhere = rewrite_mutator(oc->onConflictWhere, rw);
		copy->exclRelTlist = copyObject(oc->exclRelTlist);
		return (Node *) copy;
	}
	return expression_tree_mutator(node, rewrite_mutator, rw);
}

/*
 * Does masking apply to what this session plans now?  Only with a purpose
 * that some mask is configured for, checks on, not a superuser.
 */
static bool
masking_applies(PdpStatement *ctx)
{
	Oid			user;
	int			sec;

	if (pdp_mode == PDP_MODE_OFF || IsParallelWorker() || !IsTransactionState() ||
		creating_extension || pdp_is_audit_writer || !pdp_extension_present())
		return false;

	/*
	 * PostgreSQL's own foreign-key checks (ri_triggers.c, the only code that
	 * sets SECURITY_NOFORCE_RLS) compare stored keys: masked, they would
	 * find nothing and break integrity.  Unwrapped, their statements are
	 * checked as any other: decide.c refuses (masked_only) a masked key.
	 */
	GetUserIdAndSecContext(&user, &sec);
	if (sec & SECURITY_NOFORCE_RLS)
		return false;
	/* not loaded here: only decisions on tagged columns need it */
	if (!pdp_config_has_masks())
		return false;
	memset(ctx, 0, sizeof(PdpStatement));
	ctx->role = pdp_acting_role();
	ctx->purpose = (pdp_purpose && pdp_purpose[0]) ? pdp_purpose : NULL;
	if (ctx->purpose == NULL || !OidIsValid(pdp_mask_func_oid()))
		return false;
	ctx->superuser = superuser_arg(ctx->role);
	return !ctx->superuser;
}

/* does any relation the query (or a sub-query) reads have a masked column? */
static bool
has_masked_walker(Node *node, Rewrite *rw)
{
	if (node == NULL)
		return false;
	if (IsA(node, RangeTblEntry))
	{
		RangeTblEntry *rte = (RangeTblEntry *) node;

		return rte->rtekind == RTE_RELATION && masked_columns(rw, rte->relid) != NULL;
	}
	if (IsA(node, Query))
		return query_tree_walker((Query *) node, has_masked_walker, rw,
								 QTW_EXAMINE_RTES_BEFORE);
	return expression_tree_walker(node, has_masked_walker, rw);
}

static PlannedStmt *
pdp_planner(Query *parse, const char *query_string, int cursorOptions,
			ParamListInfo boundParams)
{
	PdpStatement ctx;
	PlannedStmt *result;
	bool		masking = masking_applies(&ctx);

	if (masking)
	{
		Rewrite		rw;

		memset(&rw, 0, sizeof(rw));
		rw.ctx = &ctx;
		/* a statement that reads no masked column is planned as it is */
		if (has_masked_walker((Node *) parse, &rw))
			parse = rewrite_query(parse, &rw);
		masked_planning++;
	}
	PG_TRY();
	{
		if (prev_planner)
			result = prev_planner(parse, query_string, cursorOptions, boundParams);
		else
			result = standard_planner(parse, query_string, cursorOptions, boundParams);
	}
	PG_FINALLY();
	{
		if (masking)
			masked_planning--;
	}
	PG_END_TRY();
	return result;
}

/*
 * While a masked purpose plans, SQL set-returning functions "need the
 * function manager hook": the planner then does not inline them
 * (inline_set_returning_function), and they run as functions.
 */
static bool
pdp_needs_fmgr_hook(Oid fn_oid)
{
	if (prev_needs_fmgr && prev_needs_fmgr(fn_oid))
		return true;
	if (masked_planning > 0)
	{
		HeapTuple	tup = SearchSysCache1(PROCOID, ObjectIdGetDatum(fn_oid));
		bool		srf = false;

		if (HeapTupleIsValid(tup))
		{
			Form_pg_proc p = (Form_pg_proc) GETSTRUCT(tup);

			srf = p->prolang == SQLlanguageId && p->proretset;
			ReleaseSysCache(tup);
		}
		return srf;
	}
	return false;
}

/*
 * The purpose, role or configuration changed: plans may wrap other
 * columns now.  Only flags are set (ResetPlanCache): safe in an assign hook
 * and during abort.
 */
void
pdp_mask_context_changed(void)
{
	ResetPlanCache();
}

/* pdp.mode's assign hook: plans made with checks off wrap nothing */
void
pdp_mask_mode_assign(int newval, void *extra)
{
	if (newval != pdp_mode && pdp_config_has_masks())
		pdp_mask_context_changed();
}

/* pdp.purpose's assign hook */
void
pdp_mask_purpose_assign(const char *newval, void *extra)
{
	const char *old = pdp_purpose ? pdp_purpose : "";

	if (strcmp(old, newval ? newval : "") != 0 && pdp_config_has_masks())
		pdp_mask_context_changed();
}

void
pdp_mask_rewrite_init(void)
{
	prev_planner = planner_hook;
	planner_hook = pdp_planner;
	prev_needs_fmgr = needs_fmgr_hook;
	needs_fmgr_hook = pdp_needs_fmgr_hook;
}
