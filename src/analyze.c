/*-------------------------------------------------------------------------
 * analyze.c
 *	  Which columns of which relations does an executed plan really use?
 *
 * The range table's selectedCols are not good enough: a view's base table
 * gets every column the view definition mentions, and the planner hands
 * scans a "physical" target list of all columns when that saves a
 * projection (SELECT count(*) FROM t scans with every column of t in its
 * target list, yet uses none).  So we follow demand instead: starting from
 * the columns the statement returns, we walk down the plan, and a child's
 * output column counts only when an expression of its parent (target list
 * entry that is itself demanded, qual, join clause, sort or group key,
 * parameter, ...) refers to it.  At a scan node, a demanded Var of the
 * scanned relation is a read.  Quals are always demanded: a WHERE clause on
 * a tagged column reads it even when nothing is returned.  So is every
 * target list entry that computes something (anything but a plain column,
 * constant or parameter): the executor evaluates it whether or not the
 * parent uses the result.
 *
 * Views are the one place where we use what the query asked for rather than
 * what the plan does: the view's own columns disappear in the rewriter, but
 * its range table entry keeps the columns the outer query used through it.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "mask.h"

#include "access/sysattr.h"
#include "access/table.h"
#include "access/genam.h"
#include "catalog/pg_proc.h"
#include "catalog/dependency.h"
#include "commands/extension.h"
#include "catalog/pg_trigger.h"
#include "catalog/pg_inherits.h"
#include "commands/trigger.h"
#include "miscadmin.h"
#include "optimizer/optimizer.h"
#include "nodes/makefuncs.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/syscache.h"
#include "access/htup_details.h"
#include "utils/lsyscache.h"
#include "access/transam.h"
#include "catalog/pg_class.h"
#include "nodes/nodeFuncs.h"
#include "nodes/primnodes.h"
#include "parser/parsetree.h"

/* demand on a child plan: which of its target list entries are used */
typedef struct Demand
{
	Bitmapset  *cols;			/* resnos */
	bool		all;
} Demand;

typedef struct AnalyzeCtx
{
	PlannedStmt *pstmt;
	int			nrtes;
	Bitmapset **reads;			/* per RT index (1-based): offset attnos */
	int			nsubplans;
	Demand	   *sp_demand;		/* per subplan: accumulated demand */
	Demand	   *sp_done;		/* per subplan: demand already walked */
	bool	   *sp_walked;		/* per subplan: walked at least once */
	bool		sp_dirty;
	Bitmapset **evaluated;		/* per RT index: read by what the executor
								 * evaluates over stored rows (triggers,
								 * constraints, ON CONFLICT) */
	bool		evaluating;		/* record_read() adds to evaluated too */
	List	   *wrapped;		/* pdp._mask() wrappers met: MaskRef */
} AnalyzeCtx;

/* a column pdp's planner hook wrapped in pdp._mask() (mask_rewrite.c) */
typedef struct MaskRef
{
	Oid			relid;
	AttrNumber	attnum;
} MaskRef;

/* what one plan node's expressions refer to */
typedef struct NodeRefs
{
	AnalyzeCtx *ctx;
	Plan	   *plan;
	Demand		outer;
	Demand		inner;
	Demand		scan;			/* Vars of the node's own scanrelid */
	List	   *index_tlist;	/* what INDEX_VAR refers to, if anything */
} NodeRefs;

static void demand_plan(AnalyzeCtx *ctx, Plan *plan, Demand *d);
static void record_read(AnalyzeCtx *ctx, Index varno, AttrNumber attno);
static void record_evaluated(AnalyzeCtx *ctx, Index rti, Oid relid, Node *expr);

/*
 * The columns of relation 1 (relid) an expression in catalog form refers
 * to, read as columns of range table entry rti: the same relation, or an
 * ancestor a partition's columns are matched to by name.
 */
static void
record_expr_columns(AnalyzeCtx *ctx, Index rti, Oid relid, Node *expr)
{
	Oid			rtrel = rt_fetch(rti, ctx->pstmt->rtable)->relid;
	Bitmapset  *attrs = NULL;
	int			x = -1;

	if (expr == NULL)
		return;
	pull_varattnos(expr, 1, &attrs);
	while ((x = bms_next_member(attrs, x)) >= 0)
	{
		AttrNumber	attno = x + FirstLowInvalidHeapAttributeNumber;

		if (attno > 0 && relid != rtrel)
		{
			char	   *name = get_attname(relid, attno, true);

			attno = name ? get_attnum(rtrel, name) : InvalidAttrNumber;
			if (attno == InvalidAttrNumber)
				continue;
		}
		record_read(ctx, rti, attno);
	}
}

/*
 * May a function keep or show the values it is given?  A volatile one may,
 * and so may any function neither PostgreSQL nor pdp defined, whatever
 * volatility it declares (its creator's word: a function marked IMMUTABLE
 * can still set_config or RAISE its argument).  PostgreSQL's own immutable and stable
 * functions cannot keep them; what their errors would quote is withheld
 * (details.c).
 */
static bool
may_keep_values(Oid funcid, void *context)
{
	if (func_volatile(funcid) == PROVOLATILE_VOLATILE)
		return true;
	if (funcid < FirstNormalObjectId)
		return false;
	/* pdp's own functions (the row filter, has_consent) say what they do */
	return getExtensionOfObject(ProcedureRelationId, funcid) !=
		get_extension_oid(PDP_EXTENSION_NAME, true);
}

/* Does this node itself (not its arguments) call such a function? */
bool
pdp_function_may_keep_values(Node *node)
{
	return check_functions_in_node(node, may_keep_values, NULL);
}

static bool
runs_user_code_walker(Node *node, void *context)
{
	if (node == NULL)
		return false;
	if (pdp_function_may_keep_values(node))
		return true;
	return expression_tree_walker(node, runs_user_code_walker, context);
}

/* Does evaluating expr call such a function anywhere? */
bool
pdp_runs_user_code(Node *expr)
{
	return runs_user_code_walker(expr, NULL);
}

/*
 * A trigger function owned by a superuser was put there by someone who may
 * read everything, and the table's owner cannot replace it: it is trusted
 * with the rows it receives (an updated_at trigger a DBA installs does not
 * make every UPDATE read every column).
 */
static bool
function_of_superuser(Oid funcid)
{
	HeapTuple	tup = SearchSysCache1(PROCOID, ObjectIdGetDatum(funcid));
	bool		result;

	if (!HeapTupleIsValid(tup))
		return false;
	result = superuser_arg(((Form_pg_proc) GETSTRUCT(tup))->proowner);
	ReleaseSysCache(tup);
	return result;
}

/*
 * What the executor evaluates over the stored values of a row it changes
 * (relid, read as range table entry rti).  The new row of an UPDATE keeps
 * the old values of the columns it does not set, and they go through every
 * CHECK constraint, index expression and predicate and stored generated
 * column; a row an UPDATE moves to another partition is deleted from its
 * own (DELETE triggers) and inserted into the other with all its values
 * (that partition's INSERT triggers, constraints, indexes).  A user row
 * trigger, or a transition table, receives the whole row.  Each is a read
 * of the columns it uses when it runs code the table's owner (or anyone but
 * PostgreSQL) wrote, or volatile code, and a CHECK constraint also when it
 * is NOT VALID (the stored values never passed it, so its errors may quote
 * them).  Built-in comparisons over values that already passed them are
 * not reads.
 */
static void
record_row_evaluations(AnalyzeCtx *ctx, Index rti, Oid relid, CmdType event)
{
	Relation	rel;
	TupleConstr *constr;
	TriggerDesc *trig;
	bool		checks = event != CMD_DELETE;
	int			i;

	/* the executor holds RowExclusiveLock on what it changes already */
	rel = table_open(relid, AccessShareLock);
	trig = rel->trigdesc;
	for (i = 0; trig != NULL && i < trig->numtriggers; i++)
	{
		Trigger    *t = &trig->triggers[i];
		bool		fires;

		if (t->tgisinternal || t->tgenabled == TRIGGER_DISABLED)
			continue;
		fires = event == CMD_UPDATE ? TRIGGER_FOR_UPDATE(t->tgtype) :
			event == CMD_DELETE ? TRIGGER_FOR_DELETE(t->tgtype) :
			TRIGGER_FOR_INSERT(t->tgtype);
		if (!fires || !(TRIGGER_FOR_ROW(t->tgtype) || t->tgoldtable != NULL ||
						t->tgnewtable != NULL))
			continue;
		/*
		 * A function PostgreSQL or a superuser wrote is trusted with the
		 * rows it gets, but its WHEN condition and arguments are the table
		 * owner's, and what it does with stored values (compare them, copy
		 * them into a column) no mask can stand in for
		 */
		if (t->tgfoid < FirstNormalObjectId || function_of_superuser(t->tgfoid))
			record_evaluated(ctx, rti, relid,
							 (Node *) makeVar(1, 0, InvalidOid, -1, InvalidOid, 0));
		else
			record_read(ctx, rti, 0);
	}
	constr = rel->rd_att->constr;
	if (checks && constr != NULL)
	{
		for (i = 0; i < constr->num_check; i++)
		{
			Node	   *expr = stringToNode(constr->check[i].ccbin);

			if (!constr->check[i].ccvalid || pdp_runs_user_code(expr))
				record_expr_columns(ctx, rti, relid, expr);
			else
				record_evaluated(ctx, rti, relid, expr);
		}
		for (i = 0; i < constr->num_defval; i++)
		{
			Form_pg_attribute att = TupleDescAttr(rel->rd_att, constr->defval[i].adnum - 1);
			Node	   *expr;

			if (att->attgenerated != ATTRIBUTE_GENERATED_STORED)
				continue;
			expr = stringToNode(constr->defval[i].adbin);
			if (pdp_runs_user_code(expr))
				record_expr_columns(ctx, rti, relid, expr);
			else
				record_evaluated(ctx, rti, relid, expr);
		}
	}
	if (checks && rel->rd_rel->relhasindex)
	{
		List	   *indexes = RelationGetIndexList(rel);
		ListCell   *lc;

		foreach(lc, indexes)
		{
			Relation	idx = index_open(lfirst_oid(lc), AccessShareLock);
			Node	   *exprs = (Node *) RelationGetIndexExpressions(idx);
			Node	   *pred = (Node *) RelationGetIndexPredicate(idx);

			if (pdp_runs_user_code(exprs))
				record_expr_columns(ctx, rti, relid, exprs);
			else
				record_evaluated(ctx, rti, relid, exprs);
			if (pdp_runs_user_code(pred))
				record_expr_columns(ctx, rti, relid, pred);
			else
				record_evaluated(ctx, rti, relid, pred);
			index_close(idx, AccessShareLock);
		}
	}
	table_close(rel, AccessShareLock);
}

/* What a ModifyTable's changed rows go through (record_row_evaluations) */
static void
record_modify_evaluations(AnalyzeCtx *ctx, ModifyTable *mt)
{
	bool		update = mt->operation == CMD_UPDATE || mt->operation == CMD_MERGE ||
		mt->onConflictAction == ONCONFLICT_UPDATE;
	bool		delete = mt->operation == CMD_DELETE || mt->operation == CMD_MERGE ||
		(update && mt->partColsUpdated);
	ListCell   *lr;

	/* no mask stands in for what these evaluate (decide.c: masked_only) */
	ctx->evaluating = true;

	foreach(lr, mt->resultRelations)
	{
		Index		rti = lfirst_int(lr);
		RangeTblEntry *rte;

		if (rti < 1 || rti > ctx->nrtes)
			continue;
		rte = rt_fetch(rti, ctx->pstmt->rtable);
		if (rte->rtekind != RTE_RELATION)
			continue;
		if (update)
			record_row_evaluations(ctx, rti, rte->relid, CMD_UPDATE);
		if (delete)
			record_row_evaluations(ctx, rti, rte->relid, CMD_DELETE);
	}
	/*
	 * INSERT ... ON CONFLICT looks the new key up among the stored ones: the
	 * arbiter indexes' columns are read (DO NOTHING tells by "INSERT 0 0"
	 * whether a value is there, with no error to withhold).
	 */
	if (mt->onConflictAction != ONCONFLICT_NONE && mt->resultRelations != NIL)
	{
		Index		rti = linitial_int(mt->resultRelations);
		ListCell   *lc;
		List	   *arbiters = mt->arbiterIndexes;

		/* DO NOTHING without a target: every unique index is an arbiter */
		if (arbiters == NIL)
		{
			Relation	rel = table_open(rt_fetch(rti, ctx->pstmt->rtable)->relid,
										 AccessShareLock);
			List	   *all = RelationGetIndexList(rel);

			foreach(lc, all)
			{
				Relation	idx = index_open(lfirst_oid(lc), AccessShareLock);

				if (idx->rd_index->indisunique)
					arbiters = lappend_oid(arbiters, lfirst_oid(lc));
				index_close(idx, AccessShareLock);
			}
			table_close(rel, AccessShareLock);
		}
		foreach(lc, arbiters)
		{
			Relation	idx = index_open(lfirst_oid(lc), AccessShareLock);
			Oid			heap = idx->rd_index->indrelid;
			int			k;

			for (k = 0; k < idx->rd_index->indnkeyatts; k++)
				if (idx->rd_index->indkey.values[k] > 0)
					record_expr_columns(ctx, rti, heap,
										(Node *) makeVar(1, idx->rd_index->indkey.values[k],
														 InvalidOid, -1, InvalidOid, 0));
			record_expr_columns(ctx, rti, heap, (Node *) RelationGetIndexExpressions(idx));
			index_close(idx, AccessShareLock);
		}
	}

	/* a moved row is inserted, whole, into whichever partition takes it */
	if (update && mt->partColsUpdated && mt->rootRelation > 0 &&
		mt->rootRelation <= ctx->nrtes)
	{
		Index		root = mt->rootRelation;
		List	   *parts = find_all_inheritors(rt_fetch(root, ctx->pstmt->rtable)->relid,
												AccessShareLock, NULL);
		ListCell   *lc;

		foreach(lc, parts)
			if (get_rel_relkind(lfirst_oid(lc)) == RELKIND_RELATION)
				record_row_evaluations(ctx, root, lfirst_oid(lc), CMD_INSERT);
	}
	ctx->evaluating = false;
}

static void
demand_add(Demand *d, AttrNumber attno)
{
	if (attno <= 0)
		d->all = true;			/* whole row of the child */
	else
		d->cols = bms_add_member(d->cols, attno);
}

static void
record_read(AnalyzeCtx *ctx, Index varno, AttrNumber attno)
{
	if (varno < 1 || varno > ctx->nrtes)
		return;
	ctx->reads[varno] = bms_add_member(ctx->reads[varno],
									   attno - FirstLowInvalidHeapAttributeNumber);
	if (ctx->evaluating)
		ctx->evaluated[varno] = bms_add_member(ctx->evaluated[varno],
											   attno - FirstLowInvalidHeapAttributeNumber);
}

/*
 * Columns the executor evaluates over stored values with built-in code
 * only: no read (the code keeps nothing, its errors are withheld), but no
 * mask can stand in for them either (decide.c: masked_only)
 */
static void
record_evaluated(AnalyzeCtx *ctx, Index rti, Oid relid, Node *expr)
{
	bool		was = ctx->evaluating;
	Bitmapset  *before;
	Index		i = rti;

	if (expr == NULL || i < 1 || i > ctx->nrtes)
		return;
	before = bms_copy(ctx->reads[i]);
	ctx->evaluating = true;
	record_expr_columns(ctx, rti, relid, expr);
	ctx->evaluating = was;
	ctx->reads[i] = before;
}

static void
demand_subplan(AnalyzeCtx *ctx, int plan_id, AttrNumber attno, bool all)
{
	Demand	   *d;

	if (plan_id < 1 || plan_id > ctx->nsubplans)
		return;
	d = &ctx->sp_demand[plan_id - 1];
	if (all)
		d->all = true;
	else
		demand_add(d, attno);
	ctx->sp_dirty = true;
}

static bool collect_refs(Node *node, NodeRefs *refs);

static void
collect_var(Var *var, NodeRefs *refs)
{
	Plan	   *plan = refs->plan;

	switch (var->varno)
	{
		case OUTER_VAR:
			demand_add(&refs->outer, var->varattno);
			return;
		case INNER_VAR:
			demand_add(&refs->inner, var->varattno);
			return;
		case INDEX_VAR:
			if (refs->index_tlist != NIL)
			{
				if (var->varattno > 0 &&
					var->varattno <= list_length(refs->index_tlist))
				{
					TargetEntry *tle = list_nth(refs->index_tlist, var->varattno - 1);

					collect_refs((Node *) tle->expr, refs);
				}
				else
				{
					ListCell   *lc;

					foreach(lc, refs->index_tlist)
						collect_refs((Node *) ((TargetEntry *) lfirst(lc))->expr, refs);
				}
			}
			return;
		case ROWID_VAR:
			return;
		default:
			break;
	}

	/* a Var of the relation (or subquery, CTE) this node scans */
	switch (nodeTag(plan))
	{
		case T_SubqueryScan:
		case T_CteScan:
			if (var->varno == ((Scan *) plan)->scanrelid)
			{
				demand_add(&refs->scan, var->varattno);
				return;
			}
			break;
		default:
			break;
	}
	record_read(refs->ctx, var->varno, var->varattno);
}

static bool
collect_refs(Node *node, NodeRefs *refs)
{
	if (node == NULL)
		return false;
	if (IsA(node, Var))
	{
		collect_var((Var *) node, refs);
		return false;
	}
	if (IsA(node, FuncExpr))
	{
		MaskRef		m;
		bool		own;

		if (pdp_is_mask_wrapper(node, &m.relid, &m.attnum, &own))
		{
			MaskRef    *copy = palloc(sizeof(MaskRef));

			*copy = m;
			refs->ctx->wrapped = lappend(refs->ctx->wrapped, copy);
		}
		else if (pdp_is_row_filter(node))
		{
			/*
			 * pdp's row filter reads the subject column of the row it scans
			 * as stored, and only tells whether the row may be seen: no
			 * mask is needed for it (rowfilter.c refuses any other call)
			 */
			Node	   *arg = lsecond(((FuncExpr *) node)->args);

			while (arg && (IsA(arg, RelabelType) || IsA(arg, CoerceViaIO) ||
						   (IsA(arg, FuncExpr) && list_length(((FuncExpr *) arg)->args) == 1)))
				arg = IsA(arg, RelabelType) ? (Node *) ((RelabelType *) arg)->arg :
					IsA(arg, CoerceViaIO) ? (Node *) ((CoerceViaIO *) arg)->arg :
					linitial(((FuncExpr *) arg)->args);
			if (arg && IsA(arg, Var) && !IS_SPECIAL_VARNO(((Var *) arg)->varno) &&
				((Var *) arg)->varno <= refs->ctx->nrtes && ((Var *) arg)->varattno > 0)
			{
				MaskRef    *copy = palloc(sizeof(MaskRef));

				copy->relid = rt_fetch(((Var *) arg)->varno, refs->ctx->pstmt->rtable)->relid;
				copy->attnum = ((Var *) arg)->varattno;
				refs->ctx->wrapped = lappend(refs->ctx->wrapped, copy);
			}
		}
		/* and walk its argument below: the column is read */
	}
	if (IsA(node, SubPlan))
	{
		SubPlan    *sp = (SubPlan *) node;

		/* an expression sub-plan's whole output feeds the expression */
		demand_subplan(refs->ctx, sp->plan_id, 0, true);
		/* and walk testexpr and args below */
	}
	return expression_tree_walker(node, collect_refs, (void *) refs);
}

static void
collect_list(List *l, NodeRefs *refs)
{
	collect_refs((Node *) l, refs);
}

static void
collect_colidx(Demand *d, int n, AttrNumber *idx)
{
	int			i;

	for (i = 0; i < n; i++)
		demand_add(d, idx[i]);
}

/*
 * Is expr only a value carried along: a column of the child or the scanned
 * relation, a constant or a parameter, perhaps relabelled to another binary
 * compatible type?  Evaluating such an entry computes nothing on the value.
 */
static bool
is_carried(Node *expr)
{
	while (expr != NULL && IsA(expr, RelabelType))
		expr = (Node *) ((RelabelType *) expr)->arg;
	return expr == NULL || IsA(expr, Var) || IsA(expr, Const) || IsA(expr, Param);
}

/*
 * The target list entries of plan that d asks for, and every entry that
 * computes something: the executor evaluates a node's whole projection
 * whether or not the parent uses each result, so a function over a tagged
 * column runs (and may keep, raise or count the value) even when its result
 * is thrown away.  Only plain columns carried along unused are no read.
 */
static void
collect_tlist(Plan *plan, Demand *d, NodeRefs *refs)
{
	ListCell   *lc;

	foreach(lc, plan->targetlist)
	{
		TargetEntry *tle = lfirst(lc);

		if (d->all || bms_is_member(tle->resno, d->cols) ||
			!is_carried((Node *) tle->expr))
			collect_refs((Node *) tle->expr, refs);
	}
}

static void
demand_list(AnalyzeCtx *ctx, List *plans, Demand *d)
{
	ListCell   *lc;

	foreach(lc, plans)
		demand_plan(ctx, (Plan *) lfirst(lc), d);
}

/* Foreign and custom scans may use columns remotely: take what the query asked */
static void
record_selected(AnalyzeCtx *ctx, Bitmapset *relids)
{
	int			rti = -1;

	while ((rti = bms_next_member(relids, rti)) >= 0)
	{
		RangeTblEntry *rte;

		if (rti < 1 || rti > ctx->nrtes)
			continue;
		rte = rt_fetch(rti, ctx->pstmt->rtable);
		ctx->reads[rti] = bms_add_members(ctx->reads[rti], rte->selectedCols);
	}
}

/*
 * Walk plan, d saying which of its output columns its parent uses.
 */
static void
demand_plan(AnalyzeCtx *ctx, Plan *plan, Demand *d)
{
	NodeRefs	refs;
	Demand		own = *d;

	if (plan == NULL)
		return;
	check_stack_depth();

	memset(&refs, 0, sizeof(refs));
	refs.ctx = ctx;
	refs.plan = plan;

	/* node-specific expressions and the column indexes that act on them */
	switch (nodeTag(plan))
	{
		case T_Result:
			collect_refs(((Result *) plan)->resconstantqual, &refs);
			break;
		case T_ModifyTable:
			{
				ModifyTable *mt = (ModifyTable *) plan;

				/* new values, junk row identity: the whole sub-plan output */
				refs.outer.all = true;
				collect_list(mt->returningLists, &refs);
				collect_list(mt->onConflictSet, &refs);
				collect_refs(mt->onConflictWhere, &refs);
				collect_refs((Node *) mt->mergeActionLists, &refs);
				/* EXCLUDED is the row being inserted: not a read */
				refs.inner.all = false;
				refs.inner.cols = NULL;
				/* what the changed rows go through */
				record_modify_evaluations(ctx, mt);
				{
					bool		update = mt->operation == CMD_UPDATE ||
						mt->operation == CMD_MERGE ||
						mt->onConflictAction == ONCONFLICT_UPDATE;
					ListCell   *lr;

					/* view check options and RLS WITH CHECK, on the new row */
					if (update)
					{
						ListCell   *lw;

						foreach(lr, mt->withCheckOptionLists)
							foreach(lw, (List *) lfirst(lr))
							{
								Node	   *qual = ((WithCheckOption *) lfirst(lw))->qual;

								if (pdp_runs_user_code(qual))
									collect_refs(qual, &refs);
							}
					}
				}
				/* the target list repeats the first RETURNING list */
				own.all = false;
				own.cols = NULL;
				break;
			}
		case T_MergeAppend:
			{
				MergeAppend *ma = (MergeAppend *) plan;

				collect_colidx(&own, ma->numCols, ma->sortColIdx);
				break;
			}
		case T_RecursiveUnion:
			own.all = true;
			break;
		case T_IndexScan:
			{
				IndexScan  *is = (IndexScan *) plan;

				collect_list(is->indexqualorig, &refs);
				collect_list(is->indexorderbyorig, &refs);
				break;
			}
		case T_IndexOnlyScan:
			{
				IndexOnlyScan *ios = (IndexOnlyScan *) plan;

				refs.index_tlist = ios->indextlist;
				collect_list(ios->indexqual, &refs);
				collect_list(ios->recheckqual, &refs);
				collect_list(ios->indexorderby, &refs);
				break;
			}
		case T_BitmapIndexScan:
			collect_list(((BitmapIndexScan *) plan)->indexqualorig, &refs);
			break;
		case T_BitmapHeapScan:
			collect_list(((BitmapHeapScan *) plan)->bitmapqualorig, &refs);
			break;
		case T_BitmapAnd:
			demand_list(ctx, ((BitmapAnd *) plan)->bitmapplans, &own);
			break;
		case T_BitmapOr:
			demand_list(ctx, ((BitmapOr *) plan)->bitmapplans, &own);
			break;
		case T_SampleScan:
			collect_refs((Node *) ((SampleScan *) plan)->tablesample, &refs);
			break;
		case T_TidScan:
			collect_list(((TidScan *) plan)->tidquals, &refs);
			break;
		case T_TidRangeScan:
			collect_list(((TidRangeScan *) plan)->tidrangequals, &refs);
			break;
		case T_FunctionScan:
			collect_list(((FunctionScan *) plan)->functions, &refs);
			break;
		case T_ValuesScan:
			collect_list(((ValuesScan *) plan)->values_lists, &refs);
			break;
		case T_TableFuncScan:
			collect_refs((Node *) ((TableFuncScan *) plan)->tablefunc, &refs);
			break;
		case T_ForeignScan:
			{
				ForeignScan *fs = (ForeignScan *) plan;

				refs.index_tlist = fs->fdw_scan_tlist;
				collect_list(fs->fdw_exprs, &refs);
				collect_list(fs->fdw_recheck_quals, &refs);
				record_selected(ctx, fs->fs_relids);
				break;
			}
		case T_CustomScan:
			{
				CustomScan *cs = (CustomScan *) plan;

				refs.index_tlist = cs->custom_scan_tlist;
				collect_list(cs->custom_exprs, &refs);
				record_selected(ctx, cs->custom_relids);
				demand_list(ctx, cs->custom_plans, &(Demand) {NULL, true});
				break;
			}
		case T_NestLoop:
			{
				ListCell   *lc;

				foreach(lc, ((NestLoop *) plan)->nestParams)
					collect_refs((Node *) ((NestLoopParam *) lfirst(lc))->paramval, &refs);
				collect_list(((Join *) plan)->joinqual, &refs);
				break;
			}
		case T_MergeJoin:
			collect_list(((MergeJoin *) plan)->mergeclauses, &refs);
			collect_list(((Join *) plan)->joinqual, &refs);
			break;
		case T_HashJoin:
			collect_list(((HashJoin *) plan)->hashclauses, &refs);
			collect_list(((HashJoin *) plan)->hashkeys, &refs);
			collect_list(((Join *) plan)->joinqual, &refs);
			break;
		case T_Memoize:
			collect_list(((Memoize *) plan)->param_exprs, &refs);
			break;
		case T_Sort:
			{
				Sort	   *s = (Sort *) plan;

				collect_colidx(&own, s->numCols, s->sortColIdx);
				break;
			}
		case T_IncrementalSort:
			{
				Sort	   *s = &((IncrementalSort *) plan)->sort;

				collect_colidx(&own, s->numCols, s->sortColIdx);
				break;
			}
		case T_Group:
			{
				Group	   *g = (Group *) plan;

				collect_colidx(&refs.outer, g->numCols, g->grpColIdx);
				break;
			}
		case T_Agg:
			{
				Agg		   *a = (Agg *) plan;
				ListCell   *lc;

				collect_colidx(&refs.outer, a->numCols, a->grpColIdx);
				/* grouping sets chain more Agg/Sort nodes over the same input */
				foreach(lc, a->chain)
				{
					Plan	   *p = lfirst(lc);

					if (IsA(p, Agg))
						collect_colidx(&refs.outer, ((Agg *) p)->numCols,
									   ((Agg *) p)->grpColIdx);
					else if (IsA(p, Sort))
						collect_colidx(&refs.outer, ((Sort *) p)->numCols,
									   ((Sort *) p)->sortColIdx);
				}
				break;
			}
		case T_WindowAgg:
			{
				WindowAgg  *w = (WindowAgg *) plan;

				collect_colidx(&refs.outer, w->partNumCols, w->partColIdx);
				collect_colidx(&refs.outer, w->ordNumCols, w->ordColIdx);
				collect_refs(w->startOffset, &refs);
				collect_refs(w->endOffset, &refs);
				collect_list(w->runCondition, &refs);
				break;
			}
		case T_Unique:
			{
				Unique	   *u = (Unique *) plan;

				collect_colidx(&refs.outer, u->numCols, u->uniqColIdx);
				break;
			}
		case T_GatherMerge:
			{
				GatherMerge *gm = (GatherMerge *) plan;

				collect_colidx(&refs.outer, gm->numCols, gm->sortColIdx);
				break;
			}
		case T_Hash:
			collect_list(((Hash *) plan)->hashkeys, &refs);
			break;
		case T_SetOp:
			{
				SetOp	   *so = (SetOp *) plan;

				collect_colidx(&refs.outer, so->numCols, so->dupColIdx);
				if (so->flagColIdx > 0)
					demand_add(&refs.outer, so->flagColIdx);
				break;
			}
		case T_Limit:
			{
				Limit	   *l = (Limit *) plan;

				collect_refs(l->limitOffset, &refs);
				collect_refs(l->limitCount, &refs);
				collect_colidx(&refs.outer, l->uniqNumCols, l->uniqColIdx);
				break;
			}
		default:
			/* SeqScan, Material, Gather, LockRows, ProjectSet, ... */
			break;
	}

	collect_tlist(plan, &own, &refs);
	collect_list(plan->qual, &refs);

	/* initPlans other than CTEs: their whole output may be used */
	{
		ListCell   *lc;

		foreach(lc, plan->initPlan)
		{
			SubPlan    *sp = lfirst(lc);

			if (sp->subLinkType != CTE_SUBLINK)
				demand_subplan(ctx, sp->plan_id, 0, true);
		}
	}

	/* children */
	switch (nodeTag(plan))
	{
		case T_SubqueryScan:
			demand_plan(ctx, ((SubqueryScan *) plan)->subplan, &refs.scan);
			break;
		case T_CteScan:
			{
				CteScan    *cs = (CteScan *) plan;
				int			x = -1;

				if (refs.scan.all)
					demand_subplan(ctx, cs->ctePlanId, 0, true);
				while ((x = bms_next_member(refs.scan.cols, x)) >= 0)
					demand_subplan(ctx, cs->ctePlanId, x, false);
				break;
			}
		case T_Append:
			/* each child produces the Append's columns in order */
			refs.outer.all |= own.all;
			refs.outer.cols = bms_union(refs.outer.cols, own.cols);
			demand_list(ctx, ((Append *) plan)->appendplans, &refs.outer);
			break;
		case T_MergeAppend:
			refs.outer.all |= own.all;
			refs.outer.cols = bms_union(refs.outer.cols, own.cols);
			demand_list(ctx, ((MergeAppend *) plan)->mergeplans, &refs.outer);
			break;
		case T_RecursiveUnion:
			{
				Demand		all = {NULL, true};

				demand_plan(ctx, outerPlan(plan), &all);
				demand_plan(ctx, innerPlan(plan), &all);
				break;
			}
		default:
			if (outerPlan(plan))
				demand_plan(ctx, outerPlan(plan), &refs.outer);
			if (innerPlan(plan))
				demand_plan(ctx, innerPlan(plan), &refs.inner);
			break;
	}
}

/* columns a view's outer query used through it */
static void
record_view_columns(AnalyzeCtx *ctx)
{
	ListCell   *lc;
	int			rti = 0;

	foreach(lc, ctx->pstmt->rtable)
	{
		RangeTblEntry *rte = lfirst(lc);

		rti++;
		if (rte->rtekind == RTE_RELATION && rte->relkind == RELKIND_VIEW &&
			(rte->requiredPerms & ACL_SELECT))
			ctx->reads[rti] = bms_add_members(ctx->reads[rti], rte->selectedCols);
	}
}

/*
 * The columns of r the plan reads through pdp._mask(): wrappers name the
 * relation of the query (a partitioned table, an inheritance parent), the
 * plan scans its partitions or children, whose columns match by name.
 */
static void
record_wrapped(PdpRelRead *r, List *wrapped)
{
	ListCell   *lc;

	foreach(lc, wrapped)
	{
		MaskRef    *m = lfirst(lc);
		AttrNumber	attno = m->attnum;

		if (m->relid != r->relid)
		{
			char	   *name;
			List	   *below;
			bool		under;

			if (!has_subclass(m->relid) && get_rel_relkind(m->relid) != RELKIND_PARTITIONED_TABLE)
				continue;
			/* the plan holds its locks on both already */
			below = find_all_inheritors(m->relid, NoLock, NULL);
			under = list_member_oid(below, r->relid);
			list_free(below);
			if (!under)
				continue;
			name = get_attname(m->relid, m->attnum, true);
			attno = name ? get_attnum(r->relid, name) : InvalidAttrNumber;
			if (attno == InvalidAttrNumber)
				continue;
		}
		r->wrapped = bms_add_member(r->wrapped, attno - FirstLowInvalidHeapAttributeNumber);
	}
}

/*
 * List of PdpRelRead, one per relation read (a relation scanned twice gets
 * one entry with the union of its columns), in the current memory context.
 */
List *
pdp_plan_reads(PlannedStmt *pstmt)
{
	AnalyzeCtx	ctx;
	Demand		top = {NULL, false};
	ListCell   *lc;
	List	   *result = NIL;
	int			i;

	memset(&ctx, 0, sizeof(ctx));
	ctx.pstmt = pstmt;
	ctx.nrtes = list_length(pstmt->rtable);
	ctx.reads = palloc0((ctx.nrtes + 1) * sizeof(Bitmapset *));
	ctx.evaluated = palloc0((ctx.nrtes + 1) * sizeof(Bitmapset *));
	ctx.nsubplans = list_length(pstmt->subplans);
	if (ctx.nsubplans > 0)
	{
		ctx.sp_demand = palloc0(ctx.nsubplans * sizeof(Demand));
		ctx.sp_done = palloc0(ctx.nsubplans * sizeof(Demand));
		ctx.sp_walked = palloc0(ctx.nsubplans * sizeof(bool));
	}

	/* what the statement returns to its client, or writes */
	foreach(lc, pstmt->planTree->targetlist)
	{
		TargetEntry *tle = lfirst(lc);

		if (!tle->resjunk)
			top.cols = bms_add_member(top.cols, tle->resno);
	}
	demand_plan(&ctx, pstmt->planTree, &top);

	/*
	 * Sub-plans: walk each once for its quals, and again whenever more of
	 * its output is demanded, until nothing changes.
	 */
	do
	{
		ctx.sp_dirty = false;
		for (i = 0; i < ctx.nsubplans; i++)
		{
			Demand	   *want = &ctx.sp_demand[i];
			Demand	   *done = &ctx.sp_done[i];
			Plan	   *sp = list_nth(pstmt->subplans, i);
			Demand		d;

			if (ctx.sp_walked[i] &&
				(done->all || (!want->all && bms_is_subset(want->cols, done->cols))))
				continue;
			ctx.sp_walked[i] = true;
			done->all = want->all;
			done->cols = bms_copy(want->cols);
			d.all = want->all;
			d.cols = bms_copy(want->cols);
			if (sp)
				demand_plan(&ctx, sp, &d);
		}
	} while (ctx.sp_dirty);

	record_view_columns(&ctx);

	for (i = 1; i <= ctx.nrtes; i++)
	{
		RangeTblEntry *rte;
		PdpRelRead *r = NULL;
		ListCell   *rc;

		if (ctx.reads[i] == NULL && ctx.evaluated[i] == NULL)
			continue;
		rte = rt_fetch(i, pstmt->rtable);
		if (rte->rtekind != RTE_RELATION)
			continue;
		foreach(rc, result)
		{
			if (((PdpRelRead *) lfirst(rc))->relid == rte->relid)
				r = lfirst(rc);
		}
		if (r == NULL)
		{
			r = palloc0(sizeof(PdpRelRead));
			r->relid = rte->relid;
			result = lappend(result, r);
		}
		r->cols = bms_add_members(r->cols, ctx.reads[i]);
		r->evaluated = bms_add_members(r->evaluated, ctx.evaluated[i]);
	}
	foreach(lc, result)
		record_wrapped(lfirst(lc), ctx.wrapped);
	return result;
}
