/*-------------------------------------------------------------------------
 * flow.c
 *	  Where the values a plan reads go (see flow.h).
 *
 * Bottom-up over the plan: each node's output columns get the sources their
 * expressions are computed from, following OUTER_VAR / INNER_VAR / INDEX_VAR
 * to the children, Vars of a scanned relation to that relation's columns,
 * sub-query, CTE and work-table scans to their plans, and PARAM_EXEC
 * parameters to what sets them (init plans, nested-loop parameters,
 * correlated sub-plan arguments).  Quals, join clauses and sort keys filter
 * or order rows and carry nothing; the value of an expression carries every
 * source it is computed from.
 *
 * Each column keeps two lists: raw sources, whose rows have not been
 * counted yet, and aggregated ones, already counted at the input of the
 * aggregate that folded them.  count() carries nothing (count(*) and
 * count(col) only count rows).
 *-------------------------------------------------------------------------
 */
#include "flow.h"

#include "miscadmin.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/optimizer.h"
#include "catalog/pg_proc.h"
#include "access/transam.h"
#include "utils/lsyscache.h"
#include "parser/parsetree.h"
#include "utils/fmgroids.h"
#include "utils/memutils.h"

typedef struct Col
{
	List	   *raw;			/* not counted yet */
	List	   *agg;			/* counted at an aggregate's input */
} Col;

/* the output columns of a plan node; uniform: every column is cols[0] */
typedef struct Flow
{
	int			n;
	bool		uniform;
	Col		   *cols;
} Flow;

typedef struct FlowCtx
{
	PlannedStmt *pstmt;
	int			nrtes;
	int			nparams;
	Col		   *params;			/* per PARAM_EXEC id */
	Flow	  **worktables;		/* per PARAM_EXEC id of a work table */
	int			nsubplans;
	Flow	  **sp_flow;		/* per sub-plan: its flow, once worked out */
	bool	   *sp_busy;
	List	   *sinks;
	List	   *writes;
	List	   *uncounted;		/* raw sources handed to volatile code in quals */
} FlowCtx;

/* what an expression of one plan node refers to */
typedef struct ExprCtx
{
	FlowCtx    *ctx;
	Plan	   *plan;
	Flow	   *outer;
	Flow	   *inner;
	Flow	   *scan;			/* sub-query, CTE, function... scanned */
	List	   *index_tlist;	/* what INDEX_VAR refers to */
	List	   *aggsink;		/* raw sources aggregated at this node */
	Col		   *out;
} ExprCtx;

static Flow *flow_plan(FlowCtx *ctx, Plan *plan);
static bool expr_walker(Node *node, ExprCtx *ec);
static void add_sink(FlowCtx *ctx, Plan *plan, List *srcs);

static List *
srcs_union(List *a, List *b)
{
	ListCell   *lc;

	foreach(lc, b)
		a = list_append_unique_int(a, lfirst_int(lc));
	return a;
}

static void
col_union(Col *to, const Col *from)
{
	to->raw = srcs_union(to->raw, from->raw);
	to->agg = srcs_union(to->agg, from->agg);
}

static Flow *
flow_new(int n, bool uniform)
{
	Flow	   *f = palloc0(sizeof(Flow));

	f->n = uniform ? 1 : n;
	f->uniform = uniform;
	f->cols = palloc0(sizeof(Col) * Max(f->n, 1));
	return f;
}

/* column attno of a child's output (0: all of them) into out */
static void
add_child_col(Col *out, const Flow *f, AttrNumber attno)
{
	int			i;

	if (f == NULL)
		return;
	if (f->uniform)
	{
		col_union(out, &f->cols[0]);
		return;
	}
	if (attno > 0 && attno <= f->n)
	{
		col_union(out, &f->cols[attno - 1]);
		return;
	}
	for (i = 0; i < f->n; i++)
		col_union(out, &f->cols[i]);
}

static void
expr_col(Node *node, ExprCtx *ec, Col *out)
{
	Col		   *save = ec->out;

	ec->out = out;
	expr_walker(node, ec);
	ec->out = save;
}

static bool
is_count(Oid fn)
{
	return fn == F_COUNT_ANY || fn == F_COUNT_;
}

static void
walk_var(Var *var, ExprCtx *ec)
{
	FlowCtx    *ctx = ec->ctx;
	RangeTblEntry *rte;

	switch (var->varno)
	{
		case OUTER_VAR:
			add_child_col(ec->out, ec->outer, var->varattno);
			return;
		case INNER_VAR:
			add_child_col(ec->out, ec->inner, var->varattno);
			return;
		case INDEX_VAR:
			if (var->varattno > 0 && var->varattno <= list_length(ec->index_tlist))
				expr_walker((Node *) ((TargetEntry *) list_nth(ec->index_tlist,
															   var->varattno - 1))->expr, ec);
			else
				expr_walker((Node *) ec->index_tlist, ec);
			return;
		case ROWID_VAR:
			return;
		default:
			break;
	}
	if (var->varno < 1 || var->varno > ctx->nrtes)
		return;
	if (ec->scan != NULL && var->varno == ((Scan *) ec->plan)->scanrelid)
	{
		add_child_col(ec->out, ec->scan, var->varattno);
		return;
	}
	rte = rt_fetch(var->varno, ctx->pstmt->rtable);
	if (rte->rtekind == RTE_RELATION)
		ec->out->raw = list_append_unique_int(ec->out->raw,
											  PDP_SRC(var->varno, var->varattno));
}

static Flow *flow_subplan(FlowCtx *ctx, int plan_id);

/* an aggregate or window function: its arguments are folded here */
static void
walk_folded(List *args, List *direct, ExprCtx *ec)
{
	Col			c = {NIL, NIL};

	expr_col((Node *) args, ec, &c);
	expr_col((Node *) direct, ec, &c);
	ec->aggsink = srcs_union(ec->aggsink, c.raw);
	ec->out->agg = srcs_union(ec->out->agg, c.raw);
	ec->out->agg = srcs_union(ec->out->agg, c.agg);
}

/*
 * count() carries no value, but its arguments are evaluated for every input
 * row: code there that may keep what it is given (count(set_config(...)))
 * counts the node's input rows like an aggregate over the values.
 */
static void
count_args(List *args, ExprCtx *ec)
{
	Col			c = {NIL, NIL};

	if (!pdp_runs_user_code((Node *) args))
		return;
	expr_col((Node *) args, ec, &c);
	ec->aggsink = srcs_union(ec->aggsink, c.raw);
}

static bool
expr_walker(Node *node, ExprCtx *ec)
{
	FlowCtx    *ctx = ec->ctx;

	if (node == NULL)
		return false;
	check_stack_depth();
	switch (nodeTag(node))
	{
		case T_Var:
			walk_var((Var *) node, ec);
			return false;
		case T_Param:
			{
				Param	   *p = (Param *) node;

				if (p->paramkind == PARAM_EXEC && p->paramid >= 0 && p->paramid < ctx->nparams)
					col_union(ec->out, &ctx->params[p->paramid]);
				return false;
			}
		case T_Aggref:
			{
				Aggref	   *a = (Aggref *) node;

				if (!is_count(a->aggfnoid))
					walk_folded(a->args, a->aggdirectargs, ec);
				else
					count_args(a->args, ec);
				return false;	/* the FILTER only chooses rows */
			}
		case T_WindowFunc:
			{
				WindowFunc *w = (WindowFunc *) node;

				if (!is_count(w->winfnoid))
					walk_folded(w->args, NIL, ec);
				else
					count_args(w->args, ec);
				return false;
			}
		case T_GroupingFunc:
			return false;
		case T_SubPlan:
			{
				SubPlan    *sp = (SubPlan *) node;
				Flow	   *f;
				ListCell   *a,
						   *p;
				int			i = 0;

				if (sp->subLinkType == CTE_SUBLINK)
					return false;
				/* correlation parameters carry the arguments into it */
				forboth(a, sp->args, p, sp->parParam)
				{
					int			id = lfirst_int(p);

					if (id >= 0 && id < ctx->nparams)
						expr_col(lfirst(a), ec, &ctx->params[id]);
				}
				f = flow_subplan(ctx, sp->plan_id);
				if (f != NULL && sp->subLinkType == ARRAY_SUBLINK)
				{
					/* ARRAY(SELECT ...) folds every row into one value */
					Plan	   *sub = list_nth(ctx->pstmt->subplans, sp->plan_id - 1);
					Col			c = {NIL, NIL};

					add_child_col(&c, f, 0);
					add_sink(ctx, sub, c.raw);
					ec->out->agg = srcs_union(ec->out->agg, c.raw);
					ec->out->agg = srcs_union(ec->out->agg, c.agg);
					return false;
				}
				/* its output, as a value or through the test's parameters */
				foreach(p, sp->paramIds)
				{
					int			id = lfirst_int(p);

					i++;
					if (id >= 0 && id < ctx->nparams && f != NULL)
						add_child_col(&ctx->params[id], f, i);
				}
				/* UPDATE ... SET (a, b) = (SELECT ...): its output parameters */
				i = 0;
				foreach(p, sp->setParam)
				{
					int			id = lfirst_int(p);

					i++;
					if (id >= 0 && id < ctx->nparams && f != NULL)
						add_child_col(&ctx->params[id], f, i);
				}
				if (f != NULL)
					add_child_col(ec->out, f, 0);
				expr_walker(sp->testexpr, ec);
				return false;
			}
		default:
			break;
	}
	return expression_tree_walker(node, expr_walker, (void *) ec);
}


/*
 * Volatile calls in expressions that choose rows rather than produce them
 * (quals, join clauses, aggregate FILTERs): each evaluation may keep the
 * values it is given, and no node's rows count the evaluations.
 */
static bool
volatile_walker(Node *node, ExprCtx *ec)
{
	if (node == NULL)
		return false;
	if (pdp_function_may_keep_values(node))
	{
		Col			c = {NIL, NIL};

		expr_col(node, ec, &c);
		ec->ctx->uncounted = srcs_union(ec->ctx->uncounted, c.raw);
		return false;
	}
	if (IsA(node, SubPlan))
		return false;			/* its own plan is walked on its own */
	return expression_tree_walker(node, volatile_walker, (void *) ec);
}

/* the FILTERs of the aggregates and window functions of a target list */
static bool
filter_walker(Node *node, ExprCtx *ec)
{
	if (node == NULL)
		return false;
	if (IsA(node, Aggref))
		volatile_walker((Node *) ((Aggref *) node)->aggfilter, ec);
	else if (IsA(node, WindowFunc))
		volatile_walker((Node *) ((WindowFunc *) node)->aggfilter, ec);
	if (IsA(node, SubPlan))
		return false;
	return expression_tree_walker(node, filter_walker, (void *) ec);
}

static Flow *
flow_subplan(FlowCtx *ctx, int plan_id)
{
	int			i = plan_id - 1;

	if (i < 0 || i >= ctx->nsubplans)
		return NULL;
	if (ctx->sp_flow[i] == NULL && !ctx->sp_busy[i])
	{
		Plan	   *p = list_nth(ctx->pstmt->subplans, i);

		ctx->sp_busy[i] = true;
		ctx->sp_flow[i] = p ? flow_plan(ctx, p) : NULL;
		ctx->sp_busy[i] = false;
	}
	return ctx->sp_flow[i];
}

/* init plans set parameters the node and everything below may use */
static void
flow_initplans(FlowCtx *ctx, Plan *plan)
{
	ListCell   *lc;

	foreach(lc, plan->initPlan)
	{
		SubPlan    *sp = lfirst(lc);
		Flow	   *f;
		ListCell   *p;
		int			i = 0;

		if (sp->subLinkType == CTE_SUBLINK)
			continue;
		f = flow_subplan(ctx, sp->plan_id);
		if (f != NULL && sp->subLinkType == ARRAY_SUBLINK)
		{
			/* ARRAY(SELECT ...) folds every row into one value */
			Col			c = {NIL, NIL};

			add_child_col(&c, f, 0);
			add_sink(ctx, list_nth(ctx->pstmt->subplans, sp->plan_id - 1), c.raw);
			c.agg = srcs_union(c.agg, c.raw);
			c.raw = NIL;
			foreach(p, sp->setParam)
			{
				int			id = lfirst_int(p);

				if (id >= 0 && id < ctx->nparams)
					col_union(&ctx->params[id], &c);
			}
			continue;
		}
		foreach(p, sp->setParam)
		{
			int			id = lfirst_int(p);

			i++;
			if (f != NULL && id >= 0 && id < ctx->nparams)
				add_child_col(&ctx->params[id], f, i);
		}
	}
}

/* one flow whose columns are the union of the same columns of flows */
static Flow *
flow_merge(List *flows, int n)
{
	Flow	   *f = flow_new(n, false);
	ListCell   *lc;
	int			i;

	foreach(lc, flows)
	{
		Flow	   *c = lfirst(lc);

		for (i = 0; i < n; i++)
			add_child_col(&f->cols[i], c, i + 1);
	}
	return f;
}

/* the number of sources a flow carries, to see it grow */
static int
flow_size(const Flow *f)
{
	int			i,
				n = 0;

	for (i = 0; f != NULL && i < f->n; i++)
		n += list_length(f->cols[i].raw) + list_length(f->cols[i].agg);
	return n;
}

/*
 * A node whose rows may fold many records into one value without an
 * aggregate (a recursive CTE accumulating across iterations, an ARRAY()
 * sub-query): its own rows are counted, and what it produces counts as
 * already counted above it.
 */
static void
fold_rows(FlowCtx *ctx, Plan *plan, Flow *f)
{
	List	   *raw = NIL;
	int			i;

	for (i = 0; f != NULL && i < f->n; i++)
	{
		raw = srcs_union(raw, f->cols[i].raw);
		f->cols[i].agg = srcs_union(f->cols[i].agg, f->cols[i].raw);
		f->cols[i].raw = NIL;
	}
	add_sink(ctx, plan, raw);
}

static void
add_sink(FlowCtx *ctx, Plan *plan, List *srcs)
{
	PdpSink    *s;

	if (plan == NULL || srcs == NIL)
		return;
	s = palloc(sizeof(PdpSink));
	s->plan_node_id = plan->plan_node_id;
	s->srcs = srcs;
	ctx->sinks = lappend(ctx->sinks, s);
}

static void
add_write(FlowCtx *ctx, Index rti, AttrNumber attno, const Col *c)
{
	PdpWrite   *w;
	List	   *srcs = srcs_union(list_copy(c->raw), c->agg);

	if (srcs == NIL)
		return;
	w = palloc(sizeof(PdpWrite));
	w->rti = rti;
	w->attno = attno;
	w->srcs = srcs;
	ctx->writes = lappend(ctx->writes, w);
}

/*
 * The columns a target list writes into relation rti: entry i sets column
 * colnos[i] (an UPDATE's, an ON CONFLICT's), or its resno when colnos is
 * NIL (an INSERT's).  Returns written with the raw sources added.
 */
static List *
write_tlist(FlowCtx *ctx, ExprCtx *ec, Index rti, List *tlist, List *colnos,
			List *written)
{
	ListCell   *t;
	ListCell   *u = list_head(colnos);

	foreach(t, tlist)
	{
		TargetEntry *tle = lfirst(t);
		Col			c = {NIL, NIL};
		AttrNumber	attno = tle->resno;

		if (colnos != NIL)
		{
			if (u == NULL)
				break;
			attno = lfirst_int(u);
			u = lnext(colnos, u);
		}
		if (tle->resjunk)
			continue;
		expr_col((Node *) tle->expr, ec, &c);
		add_write(ctx, rti, attno, &c);
		written = srcs_union(written, c.raw);
	}
	return written;
}

/* the columns a ModifyTable writes and its sink */
static void
flow_modify(FlowCtx *ctx, ModifyTable *mt, ExprCtx *ec)
{
	Flow	   *sub = ec->outer;
	List	   *written = NIL;	/* raw sources written */
	List	   *returned = NIL;
	ListCell   *lr;
	int			r = 0;

	foreach(lr, mt->resultRelations)
	{
		Index		rti = lfirst_int(lr);
		ListCell   *lc;

		if (mt->operation == CMD_INSERT && sub != NULL && !sub->uniform)
		{
			int			i;

			for (i = 0; i < sub->n; i++)
			{
				add_write(ctx, rti, i + 1, &sub->cols[i]);
				written = srcs_union(written, sub->cols[i].raw);
			}
		}
		else if (mt->operation == CMD_UPDATE && sub != NULL && !sub->uniform &&
				 r < list_length(mt->updateColnosLists))
		{
			int			i = 0;

			foreach(lc, (List *) list_nth(mt->updateColnosLists, r))
			{
				if (i < sub->n)
				{
					add_write(ctx, rti, lfirst_int(lc), &sub->cols[i]);
					written = srcs_union(written, sub->cols[i].raw);
				}
				i++;
			}
		}
		if (mt->operation == CMD_MERGE && r < list_length(mt->mergeActionLists))
		{
			/* actions refer to the joined rows as INNER_VAR (setrefs.c) */
			Flow	   *save = ec->inner;

			ec->inner = sub;
			foreach(lc, (List *) list_nth(mt->mergeActionLists, r))
			{
				MergeAction *ma = lfirst(lc);

				written = write_tlist(ctx, ec, rti, ma->targetList,
									  ma->commandType == CMD_UPDATE ? ma->updateColnos : NIL,
									  written);
			}
			ec->inner = save;
		}
		if (r == 0 && mt->onConflictSet != NIL)
		{
			/* EXCLUDED (INNER_VAR) is the row being inserted */
			Flow	   *save = ec->inner;

			ec->inner = sub;
			/* onConflictCols holds the target column of each entry, in order */
			written = write_tlist(ctx, ec, rti, mt->onConflictSet, mt->onConflictCols,
								  written);
			ec->inner = save;
		}
		if (r < list_length(mt->returningLists))
		{
			foreach(lc, (List *) list_nth(mt->returningLists, r))
			{
				Col			c = {NIL, NIL};

				expr_col((Node *) ((TargetEntry *) lfirst(lc))->expr, ec, &c);
				returned = srcs_union(returned, c.raw);
			}
		}
		r++;
	}
	if (written != NIL)
		add_sink(ctx, outerPlan(&mt->plan), srcs_union(written, returned));
	else if (returned != NIL)
		add_sink(ctx, &mt->plan, returned);
}

static Flow *
flow_plan(FlowCtx *ctx, Plan *plan)
{
	ExprCtx		ec;
	Flow	   *result;
	ListCell   *lc;
	Col			scratch = {NIL, NIL};
	List	   *volatile_srcs = NIL;

	if (plan == NULL)
		return NULL;
	check_stack_depth();
	memset(&ec, 0, sizeof(ec));
	ec.ctx = ctx;
	ec.plan = plan;
	ec.out = &scratch;

	flow_initplans(ctx, plan);

	/* the children, and what the node's Vars refer to */
	switch (nodeTag(plan))
	{
		case T_NestLoop:
			ec.outer = flow_plan(ctx, outerPlan(plan));
			foreach(lc, ((NestLoop *) plan)->nestParams)
			{
				NestLoopParam *nlp = lfirst(lc);

				if (nlp->paramno >= 0 && nlp->paramno < ctx->nparams)
					expr_col((Node *) nlp->paramval, &ec, &ctx->params[nlp->paramno]);
			}
			ec.inner = flow_plan(ctx, innerPlan(plan));
			break;
		case T_SubqueryScan:
			ec.scan = flow_plan(ctx, ((SubqueryScan *) plan)->subplan);
			break;
		case T_CteScan:
			ec.scan = flow_subplan(ctx, ((CteScan *) plan)->ctePlanId);
			break;
		case T_WorkTableScan:
			{
				int			id = ((WorkTableScan *) plan)->wtParam;

				if (id >= 0 && id < ctx->nparams)
					ec.scan = ctx->worktables[id];
				break;
			}
		case T_FunctionScan:
			ec.scan = flow_new(0, true);
			expr_col((Node *) ((FunctionScan *) plan)->functions, &ec, &ec.scan->cols[0]);
			break;
		case T_ValuesScan:
			ec.scan = flow_new(0, true);
			expr_col((Node *) ((ValuesScan *) plan)->values_lists, &ec, &ec.scan->cols[0]);
			break;
		case T_TableFuncScan:
			ec.scan = flow_new(0, true);
			expr_col((Node *) ((TableFuncScan *) plan)->tablefunc, &ec, &ec.scan->cols[0]);
			break;
		case T_IndexOnlyScan:
			ec.index_tlist = ((IndexOnlyScan *) plan)->indextlist;
			break;
		case T_ForeignScan:
			ec.index_tlist = ((ForeignScan *) plan)->fdw_scan_tlist;
			break;
		case T_CustomScan:
			{
				CustomScan *cs = (CustomScan *) plan;
				List	   *flows = NIL;

				ec.index_tlist = cs->custom_scan_tlist;
				foreach(lc, cs->custom_plans)
					flows = lappend(flows, flow_plan(ctx, lfirst(lc)));
				ec.outer = flow_merge(flows, list_length(plan->targetlist));
				break;
			}
		case T_Append:
		case T_MergeAppend:
			{
				List	   *plans = IsA(plan, Append) ? ((Append *) plan)->appendplans :
				((MergeAppend *) plan)->mergeplans;
				List	   *flows = NIL;

				foreach(lc, plans)
					flows = lappend(flows, flow_plan(ctx, lfirst(lc)));
				ec.outer = flow_merge(flows, list_length(plan->targetlist));
				break;
			}
		case T_RecursiveUnion:
			{
				/*
				 * The work table holds what every iteration produced, and an
				 * iteration may move a value to another column: feed the
				 * recursive term its own output until nothing grows.
				 */
				int			id = ((RecursiveUnion *) plan)->wtParam;
				int			n = list_length(plan->targetlist);
				Flow	   *first = flow_plan(ctx, outerPlan(plan));
				Flow	   *all = flow_merge(list_make1(first), n);
				int			size = -1;
				int			round;

				for (round = 0; round <= n + 1 && flow_size(all) != size; round++)
				{
					size = flow_size(all);
					if (id >= 0 && id < ctx->nparams)
						ctx->worktables[id] = all;
					all = flow_merge(list_make2(all, flow_plan(ctx, innerPlan(plan))), n);
				}
				ec.outer = all;
				break;
			}
		case T_BitmapAnd:
		case T_BitmapOr:
			return NULL;
		default:
			ec.outer = flow_plan(ctx, outerPlan(plan));
			ec.inner = flow_plan(ctx, innerPlan(plan));
			break;
	}

	result = flow_new(list_length(plan->targetlist), false);
	/*
	 * The sub-plans of UPDATE ... SET (a, b) = (SELECT ...) are resjunk
	 * entries after the parameters that take their output: set those first.
	 */
	foreach(lc, plan->targetlist)
	{
		TargetEntry *tle = lfirst(lc);
		Col			c = {NIL, NIL};

		if (tle->resjunk && IsA(tle->expr, SubPlan) &&
			((SubPlan *) tle->expr)->subLinkType == MULTIEXPR_SUBLINK)
			expr_col((Node *) tle->expr, &ec, &c);
	}
	foreach(lc, plan->targetlist)
	{
		TargetEntry *tle = lfirst(lc);

		if (tle->resno >= 1 && tle->resno <= result->n)
		{
			Col		   *c = &result->cols[tle->resno - 1];

			expr_col((Node *) tle->expr, &ec, c);
			/*
			 * A function that may keep the tagged values it is handed
			 * (set_config, pg_notify, any function not PostgreSQL's own,
			 * whatever volatility it declares): each row the node produces
			 * carries them out, used or not.
			 */
			if (c->raw != NIL && pdp_runs_user_code((Node *) tle->expr))
				volatile_srcs = srcs_union(volatile_srcs, c->raw);
		}
	}
	/* HAVING and window run conditions may hold aggregates too */
	expr_col((Node *) plan->qual, &ec, &scratch);
	/* volatile code over tagged values where rows are chosen */
	volatile_walker((Node *) plan->qual, &ec);
	filter_walker((Node *) plan->targetlist, &ec);
	switch (nodeTag(plan))
	{
		case T_NestLoop:
		case T_MergeJoin:
		case T_HashJoin:
			volatile_walker((Node *) ((Join *) plan)->joinqual, &ec);
			if (IsA(plan, MergeJoin))
				volatile_walker((Node *) ((MergeJoin *) plan)->mergeclauses, &ec);
			if (IsA(plan, HashJoin))
				volatile_walker((Node *) ((HashJoin *) plan)->hashclauses, &ec);
			break;
		case T_IndexScan:
			volatile_walker((Node *) ((IndexScan *) plan)->indexqualorig, &ec);
			break;
		case T_FunctionScan:
			/* evaluated once per scan, not per row it returns */
			volatile_walker((Node *) ((FunctionScan *) plan)->functions, &ec);
			break;
		case T_ValuesScan:
			volatile_walker((Node *) ((ValuesScan *) plan)->values_lists, &ec);
			break;
		case T_TableFuncScan:
			volatile_walker((Node *) ((TableFuncScan *) plan)->tablefunc, &ec);
			break;
		case T_BitmapHeapScan:
			volatile_walker((Node *) ((BitmapHeapScan *) plan)->bitmapqualorig, &ec);
			break;
		default:
			break;
	}
	if (volatile_srcs != NIL)
		add_sink(ctx, plan, volatile_srcs);

	if (IsA(plan, Agg) || IsA(plan, WindowAgg))
		add_sink(ctx, outerPlan(plan), ec.aggsink);
	else if (IsA(plan, RecursiveUnion))
		fold_rows(ctx, plan, result);
	else if (IsA(plan, ModifyTable))
		flow_modify(ctx, (ModifyTable *) plan, &ec);
	return result;
}

/* deep copy of a sources list into the current context */
static List *
srcs_copy(List *l)
{
	return list_copy(l);
}

PdpFlow *
pdp_plan_flow(PlannedStmt *pstmt, MemoryContext cxt)
{
	FlowCtx		ctx;
	Flow	   *top;
	PdpFlow    *result;
	List	   *returned = NIL;
	List	   *outputs = NIL;
	ListCell   *lc;
	MemoryContext old;

	memset(&ctx, 0, sizeof(ctx));
	ctx.pstmt = pstmt;
	ctx.nrtes = list_length(pstmt->rtable);
	ctx.nparams = list_length(pstmt->paramExecTypes);
	ctx.params = palloc0(sizeof(Col) * Max(ctx.nparams, 1));
	ctx.worktables = palloc0(sizeof(Flow *) * Max(ctx.nparams, 1));
	ctx.nsubplans = list_length(pstmt->subplans);
	ctx.sp_flow = palloc0(sizeof(Flow *) * Max(ctx.nsubplans, 1));
	ctx.sp_busy = palloc0(sizeof(bool) * Max(ctx.nsubplans, 1));

	top = flow_plan(&ctx, pstmt->planTree);
	/* data-modifying WITH queries run whether or not they are referenced */
	foreach(lc, pstmt->subplans)
	{
		if (lfirst(lc) != NULL && IsA(lfirst(lc), ModifyTable))
			flow_subplan(&ctx, foreach_current_index(lc) + 1);
	}

	/* what a query returns (a ModifyTable's RETURNING is its own sink) */
	foreach(lc, pstmt->planTree->targetlist)
	{
		TargetEntry *tle = lfirst(lc);
		Col		   *c;

		if (tle->resjunk)
			continue;
		c = (top != NULL && tle->resno >= 1 && tle->resno <= top->n) ?
			&top->cols[tle->resno - 1] : NULL;
		outputs = lappend(outputs, c ? srcs_union(list_copy(c->raw), c->agg) : NIL);
		if (c)
			returned = srcs_union(returned, c->raw);
	}
	if (!IsA(pstmt->planTree, ModifyTable))
		add_sink(&ctx, pstmt->planTree, returned);

	old = MemoryContextSwitchTo(cxt);
	result = palloc0(sizeof(PdpFlow));
	foreach(lc, outputs)
		result->outputs = lappend(result->outputs, srcs_copy(lfirst(lc)));
	foreach(lc, ctx.writes)
	{
		PdpWrite   *w = palloc(sizeof(PdpWrite));

		*w = *(PdpWrite *) lfirst(lc);
		w->srcs = srcs_copy(w->srcs);
		result->writes = lappend(result->writes, w);
	}
	result->uncounted = srcs_copy(ctx.uncounted);
	foreach(lc, ctx.sinks)
	{
		PdpSink    *s = palloc(sizeof(PdpSink));

		*s = *(PdpSink *) lfirst(lc);
		s->srcs = srcs_copy(s->srcs);
		result->sinks = lappend(result->sinks, s);
	}
	MemoryContextSwitchTo(old);
	return result;
}
