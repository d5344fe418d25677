/*-------------------------------------------------------------------------
 * rowfilter.c
 *	  The row filter of protected tables: pdp._row_visible(rel, subject).
 *
 * pdp.protect_rows() puts a RESTRICTIVE row-level security policy on a
 * table whose expression calls pdp._row_visible with the table and the
 * row's subject.  Under a purpose with legal basis consent a row is
 * visible when its subject has a grant in force for the purpose (and no
 * row is, when the statement's role does not hold the purpose); under
 * every purpose but legal_obligation (and under none) a row of a
 * restricted subject is hidden.  In log mode nothing is hidden and the
 * rows that would have been are counted.  Who may call the filter at all
 * is decided below (check_filter_call).
 *
 * Per row this is a compare and one or two set probes.  What the filter
 * needs is worked out at its first row and kept in fn_extra, which lives
 * in the statement's memory: the purpose and mode of the statement's
 * snapshot (statement.h), and the consent sets the statement has pinned,
 * so no consent change processed during the statement (a has_consent()
 * call in the same query, say) can free them under the filter.
 *
 * Rows hidden (or that would have been) are counted per filter; when the
 * statement ends one audit event per relation says how many: decision
 * "hidden" (enforce) or "violation" (log), reason "no_consent" or
 * "restricted".  The event is prepared at the first row, so a statement
 * ended by an error can still write it without reading catalogs.
 *
 * A backup read (backup.c) hides nothing; its filter counts the rows and
 * records one event per relation: decision "bypass", reason "backup".
 * COPY table TO copies the table: a copy that silently lacked the hidden
 * rows would pass for a whole one (a dump by a role that is not a backup
 * role, under a purpose), so in enforce mode its first hidden row is an
 * error instead (COPY (SELECT ...) TO returns the rows the purpose sees).
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"
#include "statement.h"

#include "access/relation.h"
#include "access/xact.h"
#include "catalog/partition.h"
#include "catalog/pg_class.h"
#include "catalog/pg_inherits.h"
#include "commands/extension.h"
#include "nodes/plannodes.h"
#include "rewrite/rowsecurity.h"
#include "utils/rel.h"
#include "executor/execdesc.h"
#include "nodes/execnodes.h"
#include "miscadmin.h"
#include "parser/parsetree.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/lsyscache.h"
#include "utils/rls.h"
#include "utils/memutils.h"

PG_FUNCTION_INFO_V1(pdp_row_visible);
PG_FUNCTION_INFO_V1(pdp_row_visible_int8);

typedef enum FilterHow
{
	FILTER_NONE,				/* every row visible */
	FILTER_RESTRICTED,			/* hide restricted subjects */
	FILTER_CONSENT,				/* ... and subjects without consent */
	FILTER_NOT_HELD,			/* every row: a consent purpose not held */
	FILTER_BACKUP				/* every row, counted: a backup read */
} FilterHow;

typedef struct RowFilter
{
	PdpStatement *st;			/* the statement it filters for */
	Oid			relid;
	FilterHow	how;
	bool		log_only;
	bool		whole_copy;		/* COPY table TO: hiding a row is an error */
	char	   *relname;		/* for that error */
	TimestampTz now;
	SubjectSet *consented;		/* pinned by the statement */
	SubjectSet *restricted;
	int64		hidden_consent;
	int64		hidden_restricted;
	int64		hidden_not_held;
	int64		backup_rows;	/* FILTER_BACKUP: rows passed */
	PdpEvent   *ev;				/* the hidden-rows (backup) event, prepared */
} RowFilter;

/* room the event keeps for what is only known at the end */
#define EVENT_TAIL_BYTES 256

/*
 * The legal basis of the statement's declared purpose decides what it
 * sees.  Under a consent purpose the role does not hold, no row: showing
 * the consenting subjects' rows would tell a role that does not serve the
 * purpose who consented to it (compared with the rows it sees under no
 * purpose); a role that holds it may ask pdp.has_consent() anyway.
 */
static PdpBasis
basis_of(const char *purpose)
{
	if (purpose == NULL)
		return PDP_BASIS_UNKNOWN;
	return pdp_purpose_basis(purpose);
}

/*
 * Who may call the filter
 *
 * The filter's answer is whether a subject consented to the statement's
 * purpose or is restricted, and each filter writes a "hidden" event about
 * its relation.  Row-level security evaluates a policy expression with the
 * rights of the querying role, so every role that reads a protected table
 * must be able to execute pdp._row_visible; what keeps it from being an
 * oracle is that it answers only as the row filter of a protected relation
 * that the current pdp statement scans:
 *   - its first argument is a constant naming a protected relation;
 *   - its second is the relation's subject column, in the very form the
 *     policy pdp_consent passes it (a Var, possibly under the cast the
 *     policy applies), of a range table entry of the current statement
 *     that is that relation or one of its partitions or children.
 * Called that way from a query's own expressions, it tells nothing the
 * filter did not already decide about rows the query scans.  Any other
 * call (constants, parameters, other columns, other relations, outside a
 * statement pdp watches) is refused.
 */

static void
refuse_call(const char *why)
{
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("permission denied for function pdp._row_visible"),
			 errdetail("It is the row filter of tables protected by pdp.protect_rows() and answers only for the rows a statement scans; %s.", why),
			 errhint("Use pdp.has_consent() to ask whether a subject consented to a purpose you hold.")));
}

/*
 * Descend the casts the policy may wrap the subject column in
 * (pdp._subject_arg): a relabelling, an I/O coercion, or a one-argument
 * function (a cast, or pdp._subject_text).  Returns the node below them.
 */
static Node *
strip_cast(Node *n)
{
	for (;;)
	{
		if (n && IsA(n, RelabelType))
			n = (Node *) ((RelabelType *) n)->arg;
		else if (n && IsA(n, CoerceViaIO))
			n = (Node *) ((CoerceViaIO *) n)->arg;
		else if (n && IsA(n, FuncExpr) && list_length(((FuncExpr *) n)->args) == 1)
			n = linitial(((FuncExpr *) n)->args);
		else
			return n;
	}
}

/* Do a and b apply the same casts (above their Vars)? */
static bool
same_casts(Node *a, Node *b)
{
	for (;;)
	{
		if (a == NULL || b == NULL || nodeTag(a) != nodeTag(b))
			return false;
		if (IsA(a, Var))
			return true;
		if (IsA(a, RelabelType))
		{
			if (((RelabelType *) a)->resulttype != ((RelabelType *) b)->resulttype)
				return false;
			a = (Node *) ((RelabelType *) a)->arg;
			b = (Node *) ((RelabelType *) b)->arg;
		}
		else if (IsA(a, CoerceViaIO))
		{
			if (((CoerceViaIO *) a)->resulttype != ((CoerceViaIO *) b)->resulttype)
				return false;
			a = (Node *) ((CoerceViaIO *) a)->arg;
			b = (Node *) ((CoerceViaIO *) b)->arg;
		}
		else if (IsA(a, FuncExpr))
		{
			if (((FuncExpr *) a)->funcid != ((FuncExpr *) b)->funcid ||
				list_length(((FuncExpr *) a)->args) != 1 ||
				list_length(((FuncExpr *) b)->args) != 1)
				return false;
			a = linitial(((FuncExpr *) a)->args);
			b = linitial(((FuncExpr *) b)->args);
		}
		else
			return false;
	}
}

/* The subject argument of relid's policy pdp_consent, NULL if none */
static Node *
policy_subject_arg(Oid relid)
{
	Relation	rel = relation_open(relid, AccessShareLock);
	Node	   *arg = NULL;

	if (rel->rd_rsdesc != NULL)
	{
		ListCell   *lc;

		foreach(lc, rel->rd_rsdesc->policies)
		{
			RowSecurityPolicy *p = lfirst(lc);
			FuncExpr   *f = (FuncExpr *) p->qual;

			if (strcmp(p->policy_name, PDP_ROW_POLICY) == 0 &&
				f != NULL && IsA(f, FuncExpr) && list_length(f->args) == 2)
				arg = copyObject(lsecond(f->args));
		}
	}
	relation_close(rel, AccessShareLock);
	return arg;
}

/* Is relid child, or relid one of its ancestors (partitions, inheritance)? */
static bool
is_self_or_ancestor(Oid relid, Oid child)
{
	List	   *tree;
	bool		found;

	if (relid == child)
		return true;
	if (!has_subclass(relid))
		return false;
	if (get_rel_relispartition(child))
	{
		/* a few levels up rather than the whole tree down, per partition */
		tree = get_partition_ancestors(child);
		found = list_member_oid(tree, relid);
		list_free(tree);
		return found;
	}
	tree = find_all_inheritors(relid, NoLock, NULL);
	found = list_member_oid(tree, child);
	list_free(tree);
	return found;
}

/*
 * Is attno of relation rel named col?  Or, for a row routed into a
 * partition of protected, of that partition: ExecInitPartitionInfo checks
 * it with the policy as the first result relation has it, mapped to the
 * partition's column numbers but still naming that relation.
 */
static bool
attno_named(Oid rel, Oid protected, AttrNumber attno, const char *col)
{
	char	   *name = get_attname(rel, attno, true);
	List	   *tree;
	ListCell   *lc;
	bool		found = false;

	if (name != NULL && strcmp(name, col) == 0)
		return true;
	if (!has_subclass(protected))
		return false;
	tree = find_all_inheritors(protected, NoLock, NULL);
	foreach(lc, tree)
	{
		name = get_attname(lfirst_oid(lc), attno, true);
		if (name != NULL && strcmp(name, col) == 0)
		{
			found = true;
			break;
		}
	}
	list_free(tree);
	return found;
}

/*
 * The plan node among whose quals call (the very node) is, NULL if none.
 * Row-level security quals are quals of the scan of their relation.
 */
static Plan *find_call(Plan *plan, Node *call);

static Plan *
find_call_in(List *plans, Node *call)
{
	ListCell   *lc;

	foreach(lc, plans)
	{
		Plan	   *found = find_call(lfirst(lc), call);

		if (found)
			return found;
	}
	return NULL;
}

static Plan *
find_call(Plan *plan, Node *call)
{
	Plan	   *found;

	if (plan == NULL)
		return NULL;
	if (list_member_ptr(plan->qual, call))
		return plan;
	if ((found = find_call(plan->lefttree, call)) != NULL ||
		(found = find_call(plan->righttree, call)) != NULL)
		return found;
	switch (nodeTag(plan))
	{
		case T_Append:
			return find_call_in(((Append *) plan)->appendplans, call);
		case T_MergeAppend:
			return find_call_in(((MergeAppend *) plan)->mergeplans, call);
		case T_BitmapAnd:
			return find_call_in(((BitmapAnd *) plan)->bitmapplans, call);
		case T_BitmapOr:
			return find_call_in(((BitmapOr *) plan)->bitmapplans, call);
		case T_SubqueryScan:
			return find_call(((SubqueryScan *) plan)->subplan, call);
		case T_CustomScan:
			return find_call_in(((CustomScan *) plan)->custom_plans, call);
		default:
			return NULL;
	}
}

static Plan *
find_call_in_statement(PdpStatement *st, Node *call)
{
	Plan	   *found;

	if (st->pstmt == NULL)
		return NULL;
	found = find_call(st->pstmt->planTree, call);
	return found ? found : find_call_in(st->pstmt->subplans, call);
}

/*
 * Raise ERROR unless this call of the filter is the row filter of
 * protected relation relid scanned by statement st (see above).
 */
static void
check_filter_call(FunctionCallInfo fcinfo, PdpStatement *st, Oid relid)
{
	FuncExpr   *call = (FuncExpr *) fcinfo->flinfo->fn_expr;
	Node	   *arg;
	Node	   *policy_arg;
	Var		   *var;
	Var		   *policy_var;
	Index		varno;
	AttrNumber	attno;
	RangeTblEntry *rte;
	char	   *col;
	bool		own;
	Plan	   *site = NULL;

	if (st == NULL)
		refuse_call("it was called outside a statement that pdp checks");
	if (call == NULL || !IsA(call, FuncExpr) || list_length(call->args) != 2 ||
		!IsA(linitial(call->args), Const))
		refuse_call("its relation must be given as a constant");
	if (!pdp_relation_protected(relid))
		refuse_call("the relation is not protected row by row");

	/*
	 * The call's Vars refer to the range table of the statement that set it
	 * up: the statement itself (its expressions are set up in its own
	 * memory, rows routed to partitions included), or an EvalPlanQual
	 * recheck of it (in a child context, with the statement's own plan
	 * nodes).  A statement nested in a function called by st, that pdp does
	 * not watch, has its memory below st's too: its Vars mean its own range
	 * table, not st's.
	 */
	arg = lsecond(call->args);
	var = (Var *) strip_cast(arg);
	if (var == NULL || !IsA(var, Var) || var->varlevelsup != 0)
		refuse_call("its subject must be the subject column of a row the statement scans");
	varno = var->varno;
	attno = var->varattno;
	own = (fcinfo->flinfo->fn_mcxt == st->cxt);
	if (!own || varno == INDEX_VAR)
		site = find_call_in_statement(st, (Node *) call);
	if (!own && site == NULL)
		refuse_call("it was called by another statement than the one that scans the rows");
	if (varno == INDEX_VAR)
	{
		List	   *indextlist;
		TargetEntry *tle;

		if (site == NULL || !IsA(site, IndexOnlyScan))
			refuse_call("its subject must be the subject column of a row the statement scans");
		indextlist = ((IndexOnlyScan *) site)->indextlist;
		tle = (attno >= 1 && attno <= list_length(indextlist)) ?
			list_nth(indextlist, attno - 1) : NULL;
		if (tle == NULL || !IsA(tle->expr, Var))
			refuse_call("its subject must be the subject column of a row the statement scans");
		varno = ((Scan *) site)->scanrelid;
		attno = ((Var *) tle->expr)->varattno;
	}
	if (IS_SPECIAL_VARNO(varno) || varno < 1 || varno > list_length(st->rtable))
		refuse_call("its subject must be the subject column of a row the statement scans");
	rte = rt_fetch(varno, st->rtable);
	if (rte->rtekind != RTE_RELATION || !is_self_or_ancestor(relid, rte->relid))
		refuse_call("its subject must be the subject column of a row the statement scans");

	policy_arg = policy_subject_arg(relid);
	policy_var = (Var *) strip_cast(policy_arg);
	if (policy_var == NULL || !IsA(policy_var, Var) || !same_casts(policy_arg, arg))
		refuse_call("its subject must be the subject column, as the policy passes it");
	col = get_attname(relid, policy_var->varattno, true);
	if (col == NULL || !attno_named(rte->relid, relid, attno, col))
		refuse_call("its subject must be the subject column of a row the statement scans");
}

static RowFilter *
filter_setup(FunctionCallInfo fcinfo)
{
	MemoryContext cxt = fcinfo->flinfo->fn_mcxt;
	PdpStatement *st = pdp_statement_around(cxt);
	RowFilter  *f;
	PdpBasis	basis;
	MemoryContext old;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("relation must not be NULL")));
	if (st == NULL && (pdp_mode == PDP_MODE_OFF || creating_extension ||
					   !pdp_extension_present()))
		return NULL;			/* pdp checks nothing here: decided per call */
	check_filter_call(fcinfo, st, PG_GETARG_OID(0));

	/* the statement's memory: an EvalPlanQual recheck's is shorter-lived */
	old = MemoryContextSwitchTo(st->cxt);
	f = palloc0(sizeof(RowFilter));
	f->st = st;
	f->relid = PG_GETARG_OID(0);
	f->how = FILTER_NONE;
	f->log_only = (st->mode == PDP_MODE_LOG);
	f->whole_copy = st->whole_copy;
	f->now = st->start_time;
	if (st->backup && st->mode != PDP_MODE_OFF)
		f->how = FILTER_BACKUP;
	else if (st->mode != PDP_MODE_OFF && !pdp_statement_exempt(st, f->relid))
	{
		basis = basis_of(st->purpose);
		if (basis != PDP_BASIS_LEGAL_OBLIGATION)
		{
			pdp_statement_consent(st);
			f->restricted = subjectset_is_empty(st->restricted) ? NULL : st->restricted;
			if (basis == PDP_BASIS_CONSENT && !st->superuser &&
				!pdp_purpose_granted(st->purpose, st->role))
				f->how = FILTER_NOT_HELD;
			else if (basis == PDP_BASIS_CONSENT)
			{
				f->consented = st->consented;
				f->how = FILTER_CONSENT;
			}
			else if (f->restricted != NULL)
				f->how = FILTER_RESTRICTED;
		}
	}
	if (f->how != FILTER_NONE)
		f->relname = pdp_relation_name(f->relid);
	if (f->how == FILTER_BACKUP)
	{
		f->ev = pdp_event_new("access", "bypass", "backup");
		pdp_event_statement(f->ev, st);
		pdp_event_set(f->ev, RS_RELATION, f->relname);
		pdp_event_reserve(f->ev, EVENT_TAIL_BYTES);
		st->filters = lappend(st->filters, f);
	}
	else if (f->how != FILTER_NONE)
	{
		f->ev = pdp_event_new("access", f->log_only ? "violation" : "hidden", NULL);
		pdp_event_statement(f->ev, st);
		pdp_event_set(f->ev, RS_RELATION, f->relname);
		pdp_event_reserve(f->ev, EVENT_TAIL_BYTES);
		st->filters = lappend(st->filters, f);
	}
	MemoryContextSwitchTo(old);
	fcinfo->flinfo->fn_extra = f;
	return f;
}

/*
 * Where pdp checks nothing (pdp.mode off, CREATE EXTENSION scripts):
 * decide this one row with the session's settings as they are now.
 */
static bool
visible_now(const char *subj, int len, int64 ival, bool isnull)
{
	PdpBasis	basis;
	SubjectSet *consented = NULL;
	SubjectSet *restricted = NULL;
	const char *purpose = (pdp_purpose && pdp_purpose[0]) ? pdp_purpose : NULL;
	TimestampTz now = GetCurrentStatementStartTimestamp();
	bool		visible = true;

	if (pdp_mode != PDP_MODE_ENFORCE || !pdp_extension_present())
		return true;
	basis = basis_of(purpose);
	if (basis == PDP_BASIS_LEGAL_OBLIGATION)
		return true;
	pdp_consent_sync();
	pdp_consent_sets(basis == PDP_BASIS_CONSENT ? purpose : NULL, &consented, &restricted);
	if (isnull)
		visible = (basis != PDP_BASIS_CONSENT);
	else if (subj ? subjectset_contains(restricted, subj, len, now) :
			 subjectset_contains_int(restricted, ival, now))
		visible = false;
	else if (basis == PDP_BASIS_CONSENT)
		visible = subj ? subjectset_contains(consented, subj, len, now) :
			subjectset_contains_int(consented, ival, now);
	pdp_consent_release(consented);
	pdp_consent_release(restricted);
	return visible;
}

/*
 * A row of a whole-table COPY is about to be hidden (enforce mode): the
 * copy would be incomplete, so it fails.  The filter's counts already
 * include the row; its event is written when the statement ends.
 */
static pg_noinline void
refuse_incomplete_copy(RowFilter *f)
{
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("copy of \"%s\" would lack rows hidden by consent or restriction",
					f->relname),
			 errdetail("COPY of a protected table copies the whole table; under this purpose and role some of its rows are hidden."),
			 errhint("To back up, connect as a member of role \"%s\" in a read-only transaction (pg_dump --enable-row-security does). To copy only the rows the purpose may see, use COPY (SELECT ...) TO.",
					 PDP_BACKUP_ROLE)));
}

/* Hide the row: false, unless in log mode; a whole-table COPY fails */
static inline bool
hide_row(RowFilter *f)
{
	if (f->log_only)
		return true;
	if (unlikely(f->whole_copy))
		refuse_incomplete_copy(f);
	return false;
}

/* subj/len: the subject's text; NULL: the integer ival */
static inline bool
row_visible(FunctionCallInfo fcinfo, const char *subj, int len, int64 ival, bool isnull)
{
	RowFilter  *f = (RowFilter *) fcinfo->flinfo->fn_extra;

	if (unlikely(f == NULL))
	{
		f = filter_setup(fcinfo);
		if (f == NULL)
			return visible_now(subj, len, ival, isnull);
	}
	if (f->how == FILTER_NONE)
		return true;
	if (f->how == FILTER_BACKUP)
	{
		f->backup_rows++;
		return true;
	}
	if (f->how == FILTER_NOT_HELD)
	{
		f->hidden_not_held++;
		return hide_row(f);
	}
	if (isnull)
	{
		if (f->how != FILTER_CONSENT)
			return true;
		f->hidden_consent++;	/* nobody to have consented */
		return hide_row(f);
	}
	if (f->restricted &&
		(subj ? subjectset_contains(f->restricted, subj, len, f->now) :
		 subjectset_contains_int(f->restricted, ival, f->now)))
	{
		f->hidden_restricted++;
		return hide_row(f);
	}
	if (f->how == FILTER_CONSENT &&
		!(subj ? subjectset_contains(f->consented, subj, len, f->now) :
		  subjectset_contains_int(f->consented, ival, f->now)))
	{
		f->hidden_consent++;
		return hide_row(f);
	}
	return true;
}

/* pdp._row_visible(rel regclass, subject text) */
Datum
pdp_row_visible(PG_FUNCTION_ARGS)
{
	text	   *subject;

	if (PG_ARGISNULL(1))
		PG_RETURN_BOOL(row_visible(fcinfo, NULL, 0, 0, true));
	subject = PG_GETARG_TEXT_PP(1);
	PG_RETURN_BOOL(row_visible(fcinfo, VARDATA_ANY(subject),
							   VARSIZE_ANY_EXHDR(subject), 0, false));
}

/* pdp._row_visible(rel regclass, subject bigint): integer subject columns */
Datum
pdp_row_visible_int8(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1))
		PG_RETURN_BOOL(row_visible(fcinfo, NULL, 0, 0, true));
	PG_RETURN_BOOL(row_visible(fcinfo, NULL, 0, PG_GETARG_INT64(1), false));
}

/*
 * The statement ends, or its memory goes away after an error (then during
 * abort: no catalog access here, the events were prepared): record the
 * rows its filters hid, one event per filter.
 */
void
pdp_rowfilter_statement_end(PdpStatement *st, bool may_wait)
{
	ListCell   *lc;

	foreach(lc, st->filters)
	{
		RowFilter  *f = lfirst(lc);
		int64		no_consent = f->hidden_consent;
		int64		restricted = f->hidden_restricted;
		int64		not_held = f->hidden_not_held;
		int64		hidden = no_consent + restricted + not_held;
		char		detail[EVENT_TAIL_BYTES];

		if (f->how == FILTER_BACKUP && f->ev != NULL)
		{
			/* the rows the backup read passed: all it scanned */
			pdp_event_rows(f->ev, f->backup_rows);
			snprintf(detail, sizeof(detail),
					 "{\"backup\": true, \"rows\": " INT64_FORMAT ", \"row_filter\": \"off\"}",
					 f->backup_rows);
			pdp_event_set(f->ev, RS_DETAIL, detail);
			pdp_event_record(f->ev, may_wait);
			f->ev = NULL;
			continue;
		}
		if (hidden == 0 || f->ev == NULL)
			continue;
		f->hidden_consent = f->hidden_restricted = f->hidden_not_held = 0;
		if (not_held > 0)
		{
			pdp_event_set(f->ev, RS_REASON, "purpose_not_granted");
			pdp_event_rows(f->ev, hidden);
			snprintf(detail, sizeof(detail),
					 "{\"rows_hidden\": " INT64_FORMAT ", \"purpose_not_granted\": " INT64_FORMAT
					 ", \"hidden\": %s}",
					 hidden, not_held, f->log_only ? "false" : "true");
			pdp_event_set(f->ev, RS_DETAIL, detail);
			pdp_event_record(f->ev, may_wait);
			f->ev = NULL;
			continue;
		}
		pdp_event_set(f->ev, RS_REASON, no_consent > 0 ? "no_consent" : "restricted");
		pdp_event_rows(f->ev, hidden);
		snprintf(detail, sizeof(detail),
				 "{\"rows_hidden\": " INT64_FORMAT ", \"no_consent\": " INT64_FORMAT
				 ", \"restricted\": " INT64_FORMAT ", \"hidden\": %s}",
				 hidden, no_consent, restricted, f->log_only ? "false" : "true");
		pdp_event_set(f->ev, RS_DETAIL, detail);
		pdp_event_record(f->ev, may_wait);
		f->ev = NULL;
	}
}

/*
 * A partition of a protected table created without pdp's policy (while
 * the event trigger that adds it could not see it): read directly, it
 * would show every row of subjects without consent.  Refused (enforce) or
 * recorded (log) like a bypass of row security.
 */
static void
refuse_unprotected(PdpStatement *st, QueryDesc *qd, Oid relid)
{
	char	   *relname = pdp_relation_name(relid);
	PdpEvent   *ev;

	ev = pdp_event_new("access", st->mode == PDP_MODE_ENFORCE ? "blocked" : "violation",
					   "unprotected_partition");
	pdp_event_statement(ev, st);
	pdp_event_set(ev, RS_RELATION, relname);
	pdp_event_now(ev);
	if (st->mode == PDP_MODE_ENFORCE)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("permission denied to read \"%s\": it is a partition of a protected table without row protection",
						relname),
				 errdetail("Rows of subjects without consent or under restriction would be visible."),
				 errhint("Ask a pdp administrator to run pdp.protect_rows() on the partitioned table again: it protects the partitions that lack it.")));
}

/*
 * Row-level security is not applied at all to superusers, to roles with
 * BYPASSRLS, and to the owner of a table without FORCE; and it is decided
 * by the role whose rights a view or a SECURITY DEFINER function runs with.
 * A view owned by a superuser over a protected table would hand every row
 * to anyone allowed to read the view.  So before a statement reads a
 * protected table whose filter would hide something under the statement's
 * purpose, check that row-level security applies to it; if not, refuse
 * (enforce) or record (log), unless the role at the keyboard is itself a
 * superuser.
 */
static void backup_unfiltered(PdpStatement *st, QueryDesc *qd);

void
pdp_check_row_protection(PdpStatement *st, QueryDesc *qd)
{
	ListCell   *lc;
	PdpBasis	basis = PDP_BASIS_UNKNOWN;
	bool		would_filter = false;
	bool		decided = false;

	if (st->superuser)
		return;
	if (st->backup)
	{
		backup_unfiltered(st, qd);
		return;
	}
	foreach(lc, qd->plannedstmt->rtable)
	{
		RangeTblEntry *rte = lfirst(lc);
		Oid			as;
		PdpEvent   *ev;
		char	   *relname;
		bool		gap;

		if (rte->rtekind != RTE_RELATION ||
			(rte->requiredPerms & (ACL_SELECT | ACL_UPDATE | ACL_DELETE)) == 0 ||
			pdp_statement_exempt(st, rte->relid))
			continue;
		gap = pdp_relation_unprotected_partition(rte->relid);
		if (!gap && !pdp_relation_protected(rte->relid))
			continue;
		if (!decided)
		{
			basis = basis_of(st->purpose);
			if (basis != PDP_BASIS_LEGAL_OBLIGATION)
				pdp_statement_consent(st);
			would_filter = basis == PDP_BASIS_CONSENT ||
				(basis != PDP_BASIS_LEGAL_OBLIGATION &&
				 !subjectset_is_empty(st->restricted));
			decided = true;
		}
		if (!would_filter)
			return;
		as = OidIsValid(rte->checkAsUser) ? rte->checkAsUser : GetUserId();
		if (gap)
		{
			refuse_unprotected(st, qd, rte->relid);
			continue;
		}
		if (check_enable_rls(rte->relid, as, true) == RLS_ENABLED)
			continue;

		relname = pdp_relation_name(rte->relid);
		ev = pdp_event_new("access", st->mode == PDP_MODE_ENFORCE ? "blocked" : "violation",
						   "row_security_bypassed");
		pdp_event_statement(ev, st);
		pdp_event_set(ev, RS_RELATION, relname);
		{
			StringInfoData d;

			initStringInfo(&d);
			appendStringInfoString(&d, "{\"rls_role\": ");
			escape_json(&d, GetUserNameFromId(as, false));
			appendStringInfoChar(&d, '}');
			pdp_event_set(ev, RS_DETAIL, d.data);
		}
		pdp_event_now(ev);
		if (st->mode == PDP_MODE_ENFORCE)
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("permission denied to read \"%s\": its row protection would be bypassed",
							relname),
					 errdetail("The statement reads it with the rights of role \"%s\", to which row-level security does not apply (superuser, BYPASSRLS, or owner without FORCE), so rows of subjects without consent or under restriction would be visible.",
							   GetUserNameFromId(as, false)),
					 errhint("Read it through a view with security_invoker = true, or a function that is not SECURITY DEFINER.")));
	}
}

/*
 * A backup read (backup.c) sees every row however it reads; where no row
 * filter runs (a backup role with BYPASSRLS, a superuser's view, a
 * partition that lacks pdp's policy), record each protected relation
 * here, as the filter would have.
 */
static void
backup_unfiltered(PdpStatement *st, QueryDesc *qd)
{
	ListCell   *lc;

	foreach(lc, qd->plannedstmt->rtable)
	{
		RangeTblEntry *rte = lfirst(lc);
		Oid			as;
		PdpEvent   *ev;
		StringInfoData d;

		if (rte->rtekind != RTE_RELATION ||
			(rte->requiredPerms & ACL_SELECT) == 0 ||
			(!pdp_relation_protected(rte->relid) &&
			 !pdp_relation_unprotected_partition(rte->relid)))
			continue;
		as = OidIsValid(rte->checkAsUser) ? rte->checkAsUser : GetUserId();
		if (check_enable_rls(rte->relid, as, true) == RLS_ENABLED)
			continue;			/* its filter records it */
		ev = pdp_event_new("access", "bypass", "backup");
		pdp_event_statement(ev, st);
		pdp_event_set(ev, RS_RELATION, pdp_relation_name(rte->relid));
		initStringInfo(&d);
		appendStringInfoString(&d, "{\"backup\": true, \"row_filter\": \"bypassed\", \"rls_role\": ");
		escape_json(&d, GetUserNameFromId(as, false));
		appendStringInfoChar(&d, '}');
		pdp_event_set(ev, RS_DETAIL, d.data);
		pdp_event_pending(ev, st, rte->relid, false);
	}
}
