/*-------------------------------------------------------------------------
 * details.c
 *	  Error details must not carry tagged values the statement may not read.
 *
 * PostgreSQL quotes rows and keys in the details of integrity errors
 * ("Failing row contains (...)", "Key (a)=(1) already exists.", the
 * foreign-key and partition-routing details).  It leaves out what the role
 * has no SELECT privilege on; pdp leaves out the tagged columns whose
 * category the statement's purpose may not read.
 *
 * Interface (statement.h):
 *	pdp_details_prepare(st, pstmt)
 *		at the start of a statement that writes: for every relation it
 *		touches (its range table, and the children of its partitioned and
 *		inheritance parents), the columns, and which tagged ones the
 *		statement's purpose and role may not read; an audit event made
 *		ready to be filled.  Nothing is kept for a superuser or a statement
 *		that only reads (it cannot fail an integrity check).
 *	pdp_details_push(st, cb) / pdp_details_pop(cb)
 *		while the statement runs (ExecutorRun; ExecutorFinish, where AFTER
 *		triggers and foreign-key checks run), an error context callback
 *		that rewrites the detail of every integrity error raised.
 *	pdp_details_utility(relid, command, ...)
 *		the same for COPY FROM, CREATE INDEX and ALTER TABLE, which check
 *		rows past the executor hooks.
 *	pdp_details_set_constraints(cb), and emit_log_hook (pdp_details_init)
 *		deferred constraints, checked at SET CONSTRAINTS or at commit after
 *		their statements ended, are judged by what the transaction's
 *		statements withheld (memo_add).
 *
 * Why an error context callback rather than emit_log_hook: context
 * callbacks run in errfinish() for every error, before it is thrown, so
 * the detail is rewritten before anything can see it - the client, the
 * server log, and also a PL/pgSQL EXCEPTION block (GET STACKED
 * DIAGNOSTICS ... PG_EXCEPTION_DETAIL), which emit_log_hook never sees.
 * emit_log_hook is not called either when log_min_messages keeps errors
 * out of the server log.
 *
 * The callback runs during error reporting: it reads no catalog, raises no
 * error, and allocates only in a small context of the statement that it
 * resets each time.  Only the innermost statement of pdp's on the context
 * stack acts, with what all the statements on the stack know (a foreign-key
 * check's error is raised in the statement whose trigger made the check).
 *
 * Each rewrite records one "access" event, decision "redacted", with the
 * reason of the first withheld column (no_purpose, category_not_allowed...),
 * the relation, the withheld columns and their categories, written at once
 * (it survives the rollback of the failing statement).  The event is built
 * at statement start; a second rewrite in the same statement (possible
 * only through errors caught inside it) is counted as a dropped event.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"
#include "statement.h"

#include "access/parallel.h"
#include "access/relation.h"
#include "access/genam.h"
#include "access/sysattr.h"
#include "optimizer/optimizer.h"
#include "access/xact.h"
#include "catalog/pg_class.h"
#include "catalog/pg_inherits.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "parser/parsetree.h"
#include "storage/proc.h"
#include "utils/builtins.h"
#include "utils/elog.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/reltrigger.h"

/* one column of a relation, as an error detail may show it */
typedef struct DetailCol
{
	const char *name;
	const char *category;		/* NULL: untagged */
	bool		refused;
	bool		sensitive;
	PdpDecision decision;
} DetailCol;

/* one relation the statement touches */
typedef struct DetailRel
{
	Oid			relid;
	const char *schema;
	const char *name;
	const char *qualified;		/* as pdp's events name it */
	bool		result;			/* a result relation of the statement */
	bool		route_root;		/* a partitioned target rows are routed from */
	int			nrte;			/* range table entries naming it */
	int			ncols;			/* non-dropped columns, in attnum order */
	DetailCol  *cols;
	int			nrefused;
	int			nancestors;
	Oid		   *ancestors;		/* inheritance parents in the statement */
	int			nopen;
	char	  **open_keys;		/* indexes whose keys read no withheld column */
} DetailRel;

typedef struct PdpDetails
{
	PdpStatement *st;
	int			nrels;
	DetailRel  *rels;
	int			nrefused;
	int			cap;			/* of rels, in the transaction's memo */
	bool		is_memo;		/* the transaction's memo (memo_add) */
	bool		deferrable;		/* a relation has deferrable constraints */
	MemoryContext scratch;		/* reset by each callback */
	PdpEvent   *event;			/* ready for the first rewrite */
} PdpDetails;

#define MAX_PIECES	1600		/* more columns than a table can have */

static void details_callback(void *arg);

/* ---------------------------------------------------------------------
 * At statement start
 * ---------------------------------------------------------------------
 */

static DetailRel *
find_rel(PdpDetails *d, Oid relid)
{
	int			i;

	for (i = 0; i < d->nrels; i++)
		if (d->rels[i].relid == relid)
			return &d->rels[i];
	return NULL;
}

/*
 * The indexes of rel whose key columns, expressions and predicate use no
 * column r withholds: their unique and exclusion errors name the index
 * (edata->constraint_name, from the catalog), and their keys may be shown.
 */
static void
find_open_keys(DetailRel *r, Relation rel)
{
	List	   *indexes = RelationGetIndexList(rel);
	TupleDesc	desc = RelationGetDescr(rel);
	Bitmapset  *refused = NULL;
	ListCell   *lc;
	int			i,
				c = 0;

	/* withheld columns by attnum (r->cols skips dropped ones) */
	for (i = 0; i < desc->natts; i++)
	{
		if (TupleDescAttr(desc, i)->attisdropped)
			continue;
		if (c < r->ncols && r->cols[c].refused)
			refused = bms_add_member(refused, i + 1 - FirstLowInvalidHeapAttributeNumber);
		c++;
	}
	r->open_keys = palloc(sizeof(char *) * Max(list_length(indexes), 1));
	foreach(lc, indexes)
	{
		Relation	idx = index_open(lfirst_oid(lc), AccessShareLock);
		Bitmapset  *uses = NULL;
		int			k;

		for (k = 0; k < idx->rd_index->indnatts; k++)
			uses = bms_add_member(uses, idx->rd_index->indkey.values[k] -
								  FirstLowInvalidHeapAttributeNumber);
		pull_varattnos((Node *) RelationGetIndexExpressions(idx), 1, &uses);
		pull_varattnos((Node *) RelationGetIndexPredicate(idx), 1, &uses);
		/* a whole-row reference uses every column */
		if (!bms_overlap(uses, refused) &&
			!bms_is_member(0 - FirstLowInvalidHeapAttributeNumber, uses))
			r->open_keys[r->nopen++] = pstrdup(RelationGetRelationName(idx));
		index_close(idx, AccessShareLock);
	}
}

static bool
open_key(DetailRel *r, const char *name)
{
	int			i;

	for (i = 0; i < r->nopen; i++)
		if (strcmp(r->open_keys[i], name) == 0)
			return true;
	return false;
}

/* Add relid (locked by the statement, or a partition of one) */
static void
add_rel(PdpDetails *d, Oid relid, bool result, int rte, int *cap)
{
	DetailRel  *r;
	Relation	rel;
	TupleDesc	desc;
	PdpRelInfo *info = NULL;
	bool		prot;
	int			i;

	if ((r = find_rel(d, relid)) != NULL)
	{
		r->result |= result;
		r->nrte += rte;
		return;
	}
	rel = RelationIdGetRelation(relid);
	if (!RelationIsValid(rel))
		return;
	if (d->nrels == *cap)
	{
		*cap *= 2;
		d->rels = repalloc(d->rels, sizeof(DetailRel) * *cap);
	}
	r = &d->rels[d->nrels++];
	memset(r, 0, sizeof(DetailRel));
	r->relid = relid;
	r->result = result;
	r->nrte = rte;
	r->schema = get_namespace_name(RelationGetNamespace(rel));
	r->name = pstrdup(RelationGetRelationName(rel));
	r->qualified = quote_qualified_identifier(r->schema, r->name);
	desc = RelationGetDescr(rel);
	r->cols = palloc0(sizeof(DetailCol) * Max(desc->natts, 1));
	for (i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (att->attisdropped)
			continue;
		r->cols[r->ncols].name = pstrdup(NameStr(att->attname));
		r->cols[r->ncols].decision = PDP_ALLOWED;
		if (pdp_relation_has_tags(relid, &prot))
		{
			int			t;

			if (info == NULL)
				info = pdp_relinfo_pin(relid);
			for (t = 0; t < info->ntags; t++)
			{
				PdpColumnTag *tag = &info->tags[t];
				PdpDecision dec;

				if (tag->attnum != att->attnum)
					continue;
				dec = pdp_decide_column(d->st, tag, NULL);
				r->cols[r->ncols].category = pstrdup(tag->category);
				r->cols[r->ncols].decision = dec;
				r->cols[r->ncols].sensitive = tag->sensitive;
				/* a masked column's raw value is withheld as a refused one's */
				r->cols[r->ncols].refused = (dec == PDP_MASKED || dec >= PDP_NO_PURPOSE);
				if (r->cols[r->ncols].refused)
					r->nrefused++;
			}
		}
		r->ncols++;
	}
	if (info)
		pdp_relinfo_unpin(info);
	d->nrefused += r->nrefused;
	if (r->nrefused > 0 && rel->rd_rel->relhasindex)
		find_open_keys(r, rel);
	/* deferrable constraints are checked after the statement (memo_add) */
	if (rel->trigdesc)
		for (i = 0; i < rel->trigdesc->numtriggers; i++)
			if (rel->trigdesc->triggers[i].tgdeferrable)
				d->deferrable = true;
	RelationClose(rel);
}

/* the memo of the transaction's statements, for errors raised after them */
static PdpDetails *xact_memo = NULL;
static MemoryContext memo_cxt = NULL;
static LocalTransactionId memo_lxid = InvalidLocalTransactionId;
static void memo_add(PdpDetails *d);
static void memo_forget_old(void);

/*
 * For rtable (and the partitions of its partitioned tables): which
 * columns st may not read.  resultRels: range table indexes of the
 * statement's result relations; roots: those of the partitioned targets
 * rows are routed from.  Sets st->details, or leaves it NULL when nothing
 * would be hidden.
 */
static void
prepare_rels(PdpStatement *st, List *rtable, List *resultRels, List *roots)
{
	PdpDetails *d;
	MemoryContext old;
	ListCell   *lc;
	int			cap = 8;
	int			rti = 0;
	bool		tagged = false;

	memo_forget_old();
	/* only statements that write can fail an integrity check */
	if (st->superuser || st->mode == PDP_MODE_OFF || resultRels == NIL)
		return;
	foreach(lc, rtable)
	{
		RangeTblEntry *rte = lfirst(lc);
		bool		prot;

		if (rte->rtekind == RTE_RELATION && pdp_relation_has_tags(rte->relid, &prot))
			tagged = true;
	}
	if (!tagged)
		return;

	old = MemoryContextSwitchTo(st->cxt);
	d = palloc0(sizeof(PdpDetails));
	d->st = st;
	d->rels = palloc(sizeof(DetailRel) * cap);
	foreach(lc, rtable)
	{
		RangeTblEntry *rte = lfirst(lc);
		bool		result;

		rti++;
		if (rte->rtekind != RTE_RELATION)
			continue;
		result = list_member_int(resultRels, rti);
		add_rel(d, rte->relid, result, 1, &cap);
		if (rte->inh || rte->relkind == RELKIND_PARTITIONED_TABLE)
		{
			/*
			 * Rows are routed to partitions the range table may not list,
			 * and an inherited UPDATE or DELETE shows its children's rows
			 * in the parent's layout.
			 */
			List	   *kids = find_all_inheritors(rte->relid, NoLock, NULL);
			ListCell   *kc;

			foreach(kc, kids)
			{
				DetailRel  *k;

				if (lfirst_oid(kc) == rte->relid)
					continue;
				add_rel(d, lfirst_oid(kc), result, 0, &cap);
				if ((k = find_rel(d, lfirst_oid(kc))) == NULL)
					continue;
				if (k->nancestors % 4 == 0)
					k->ancestors = k->ancestors ?
						repalloc(k->ancestors, sizeof(Oid) * (k->nancestors + 4)) :
						palloc(sizeof(Oid) * 4);
				k->ancestors[k->nancestors++] = rte->relid;
			}
			if (list_member_int(roots, rti) ||
				(result && rte->relkind == RELKIND_PARTITIONED_TABLE))
				find_rel(d, rte->relid)->route_root = true;
		}
	}
	/*
	 * Kept even when nothing is withheld: the statement's callback then
	 * marks its errors as judged, so that emit_log_hook does not judge
	 * them again by what earlier statements withheld.
	 */
	d->scratch = AllocSetContextCreate(st->cxt, "pdp error details",
									   ALLOCSET_SMALL_SIZES);
	if (d->nrefused > 0)
	{
		d->event = pdp_event_new("access", "redacted", NULL);
		pdp_event_statement(d->event, st);
		pdp_event_reserve(d->event, 1024);
	}
	MemoryContextSwitchTo(old);
	st->details = d;
	if (d->nrefused > 0 && d->deferrable)
		memo_add(d);
}

/* the partitioned targets of the plan's ModifyTable nodes */
static List *
route_roots(PlannedStmt *pstmt)
{
	List	   *roots = NIL;
	ListCell   *lc;

	if (pstmt->planTree && IsA(pstmt->planTree, ModifyTable) &&
		((ModifyTable *) pstmt->planTree)->rootRelation > 0)
		roots = lappend_int(roots, ((ModifyTable *) pstmt->planTree)->rootRelation);
	foreach(lc, pstmt->subplans)
	{
		Plan	   *p = lfirst(lc);

		if (p && IsA(p, ModifyTable) && ((ModifyTable *) p)->rootRelation > 0)
			roots = lappend_int(roots, ((ModifyTable *) p)->rootRelation);
	}
	return roots;
}

/* At statement start (after pdp_decide): see prepare_rels */
void
pdp_details_prepare(PdpStatement *st, PlannedStmt *pstmt)
{
	prepare_rels(st, pstmt->rtable, pstmt->resultRelations, route_roots(pstmt));
}

/* While st runs: rewrite the details of its errors */
bool
pdp_details_push(PdpStatement *st, ErrorContextCallback *cb)
{
	if (st == NULL || st->details == NULL)
		return false;
	cb->callback = details_callback;
	cb->arg = st->details;
	cb->previous = error_context_stack;
	error_context_stack = cb;
	return true;
}

void
pdp_details_pop(ErrorContextCallback *cb)
{
	error_context_stack = cb->previous;
}

/* ---------------------------------------------------------------------
 * In the callback: no catalog, no ERROR
 * ---------------------------------------------------------------------
 */

/* the pdp statements on the error context stack, innermost first */
static int
stack_details(PdpDetails **out, int max)
{
	ErrorContextCallback *e;
	int			n = 0;

	for (e = error_context_stack; e != NULL && n < max; e = e->previous)
		if (e->callback == details_callback)
			out[n++] = (PdpDetails *) e->arg;
	return n;
}

/* What one rewrite withheld, for the message and the event */
typedef struct Withheld
{
	DetailRel  *rel;			/* relation for the event */
	bool		col[MAX_PIECES];	/* by column index of rel */
	int			n;
	StringInfoData names;
} Withheld;

static void
withhold(Withheld *w, DetailRel *r, int c)
{
	if (w->rel == NULL)
		w->rel = r;
	if (w->rel != r)
	{
		/* another relation: name it by its column */
		int			i;

		for (i = 0; i < w->rel->ncols; i++)
			if (strcmp(w->rel->cols[i].name, r->cols[c].name) == 0 &&
				w->rel->cols[i].refused)
			{
				r = w->rel;
				c = i;
				break;
			}
		if (r != w->rel)
			return;				/* named in the message all the same */
	}
	if (c >= MAX_PIECES || w->col[c])
		return;
	w->col[c] = true;
	if (w->n++ > 0)
		appendStringInfoString(&w->names, ", ");
	appendStringInfoString(&w->names, r->cols[c].name);
}

/* every refused column of the relations rels */
static void
withhold_all(Withheld *w, DetailRel **rels, int nrels)
{
	int			i,
				c;

	for (i = 0; i < nrels; i++)
		for (c = 0; c < rels[i]->ncols; c++)
			if (rels[i]->cols[c].refused)
				withhold(w, rels[i], c);
}

/*
 * The relations whose layout the row of an error about schema.table may
 * have: that relation and its partitioned ancestors (a routed row is shown
 * in its root's layout).  Without a relation (a view's check option): the
 * statement's result relations.  Returns how many; *known: the relation
 * named was found.
 */
static int
candidates(PdpDetails **stack, int nstack, const char *schema,
		   const char *table, DetailRel **out, int max, bool *known)
{
	int			n = 0;
	int			s,
				i,
				a;
	bool		overflow = false;

	*known = false;
	for (s = 0; s < nstack; s++)
	{
		PdpDetails *d = stack[s];

		for (i = 0; i < d->nrels && n < max; i++)
		{
			DetailRel  *r = &d->rels[i];

			if (table == NULL)
			{
				/*
				 * A view's check option names no table: the row is a
				 * result relation's, in its routing target's layout when
				 * it has one.
				 */
				bool		shadowed = false;

				for (a = 0; a < r->nancestors && r->nrte <= 1; a++)
				{
					DetailRel  *anc = find_rel(d, r->ancestors[a]);

					if (anc && anc->route_root)
						shadowed = true;
				}
				if (r->route_root || (r->result && !shadowed))
				{
					if (n >= max)
						overflow = true;
					else
						out[n++] = r;
				}
				continue;
			}
			if (strcmp(r->name, table) != 0 ||
				(schema && strcmp(r->schema, schema) != 0))
				continue;
			*known = true;

			/*
			 * A row routed from a partitioned target is shown in the
			 * target's layout; a partition the statement names itself, in
			 * its own.  When both may be, every reading must agree.
			 */
			{
				DetailRel  *roots[8];
				int			nroots = 0;
				int			j;

				for (a = 0; a < r->nancestors; a++)
					for (j = 0; j < d->nrels && nroots < lengthof(roots); j++)
						if (d->rels[j].relid == r->ancestors[a] && d->rels[j].route_root)
							roots[nroots++] = &d->rels[j];
				if (nroots == lengthof(roots) || n + nroots + 1 > max)
					overflow = true;
				else
				{
					if (nroots != 1 || r->nrte > 1)
						out[n++] = r;
					for (j = 0; j < nroots; j++)
						out[n++] = roots[j];
				}
			}
		}
		if (n > 0)
			break;				/* the innermost statement that knows it */
	}
	if (table == NULL)
		*known = (n > 0);
	/* too many to weigh: judged as a relation pdp does not know */
	if (overflow)
		*known = false;
	return n;
}

/*
 * The new text of detail, NULL to keep it.
 *
 * PostgreSQL quotes values in these details without escaping them, and
 * column names (which a table's owner chooses) without quoting them: a
 * value or a name can make any reading of the text look like another
 * layout, a partial row or another key.  So no value is ever picked out of
 * the text.  When the relation the error names, in every layout its row
 * may be shown in (its routing roots), has no column the statement may not
 * read, the detail is kept; otherwise - and whenever the relation is not
 * known with certainty (a view's check option names none, a key that is
 * still referenced is another table's) and any relation of the statements
 * withholds a column - every value goes, and the detail says which
 * columns are personal data the purpose may not read.
 */
static char *
rewrite(PdpDetails **stack, int nstack, ErrorData *edata, const char *detail,
		Withheld *w)
{
	static const char row_prefix[] = "Failing row contains ";
	static const char part_prefix[] = "Partition key of the failing row contains ";
	DetailRel  *cands[64];
	int			ncands;
	bool		known;
	bool		referenced;
	int			i,
				s;
	StringInfoData out;

	if (strncmp(detail, row_prefix, strlen(row_prefix)) != 0 &&
		strncmp(detail, part_prefix, strlen(part_prefix)) != 0 &&
		strncmp(detail, "Key (", 5) != 0)
		return NULL;
	referenced = strstr(detail, ") is still referenced from table \"") != NULL;
	ncands = candidates(stack, nstack, edata->schema_name, edata->table_name,
						cands, lengthof(cands), &known);

	/*
	 * After the statements, only what the transaction knows is judged: a
	 * relation none of its withholding statements touched is left alone.
	 */
	if (!known && !referenced && stack[0]->is_memo)
		return NULL;

	if (known && !referenced)
	{
		bool		any = false;

		for (i = 0; i < ncands; i++)
			any |= cands[i]->nrefused > 0;
		if (!any)
			return NULL;		/* nothing of these relations is hidden */
		/* a unique or exclusion key of an index that withholds nothing */
		if (strncmp(detail, "Key (", 5) == 0 && edata->constraint_name != NULL &&
			strstr(detail, ") is not present in table \"") == NULL)
		{
			bool		open = true;

			for (i = 0; i < ncands && open; i++)
				if (cands[i]->nrefused > 0 && !open_key(cands[i], edata->constraint_name))
					open = false;
			if (open)
				return NULL;
		}
		withhold_all(w, cands, ncands);
	}
	else
	{
		for (s = 0; s < nstack; s++)
			for (i = 0; i < stack[s]->nrels; i++)
			{
				DetailRel  *r = &stack[s]->rels[i];

				withhold_all(w, &r, 1);
			}
	}
	if (w->n == 0)
		return NULL;

	initStringInfo(&out);
	if (strncmp(detail, "Key (", 5) == 0)
	{
		appendStringInfoString(&out, "Key values withheld by pdp");
		if (edata->constraint_name)
			appendStringInfo(&out, " (constraint \"%s\")", edata->constraint_name);
		appendStringInfo(&out, ": columns %s are personal data the purpose may not read.",
						 w->names.data);
	}
	else
		appendStringInfo(&out, "%svalues pdp withheld: columns %s are personal data the purpose may not read.",
						 strncmp(detail, row_prefix, strlen(row_prefix)) == 0 ? row_prefix : part_prefix,
						 w->names.data);
	return out.data;
}

/* one event for the rewrite; a second one in a statement is counted dropped */
static void
record_redaction(PdpDetails *d, Withheld *w)
{
	PdpEvent   *ev = d->event;
	int			c;
	bool		sensitive = false;
	PdpDecision reason = PDP_NO_PURPOSE;
	bool		first = true;

	if (ev == NULL)
	{
		pdp_queue_count_dropped();
		return;
	}
	d->event = NULL;
	if (w->rel)
	{
		pdp_event_set(ev, RS_RELATION, w->rel->qualified);
		for (c = 0; c < w->rel->ncols && c < MAX_PIECES; c++)
		{
			if (!w->col[c])
				continue;
			pdp_event_append(ev, RS_COLUMNS, w->rel->cols[c].name);
			pdp_event_append(ev, RS_CATEGORIES, w->rel->cols[c].category ?
							 w->rel->cols[c].category : "?");
			sensitive |= w->rel->cols[c].sensitive;
			if (first)
				reason = w->rel->cols[c].decision;
			first = false;
		}
	}
	pdp_event_set(ev, RS_REASON, pdp_decision_label(reason));
	pdp_event_sensitive(ev, sensitive);
	pdp_event_record(ev, false);
}

/*
 * The last detail text a callback decided on.  emit_log_hook, which
 * comes later for the same error if it is not caught, leaves a text equal
 * to it alone: it was judged for this session already.
 */
static uint32 decided_hash = 0;

static uint32
text_hash(const char *t)
{
	uint32		h = 2166136261u;

	if (t == NULL)
		return 0;
	for (; *t; t++)
		h = (h ^ (unsigned char) *t) * 16777619u;
	return h | 1;
}

static bool
relevant(int code)
{
	/* integrity constraint violations (class 23), WITH CHECK OPTION */
	return ERRCODE_TO_CATEGORY(code) == ERRCODE_INTEGRITY_CONSTRAINT_VIOLATION ||
		code == ERRCODE_WITH_CHECK_OPTION_VIOLATION;
}

static void
details_callback(void *arg)
{
	PdpDetails *stack[32];
	int			nstack;
	int			i;
	bool		any = false;
	MemoryContext old;
	ErrorData  *edata;
	Withheld   *w;
	char	   *nd = NULL;
	char	   *ndl = NULL;

	if (!relevant(geterrcode()))
		return;
	nstack = stack_details(stack, lengthof(stack));
	/* only the innermost acts, for all of them */
	if (nstack == 0 || stack[0] != (PdpDetails *) arg)
		return;
	for (i = 0; i < nstack; i++)
		any |= stack[i]->nrefused > 0;

	MemoryContextReset(stack[0]->scratch);
	old = MemoryContextSwitchTo(stack[0]->scratch);
	edata = CopyErrorData();
	if (!any)
	{
		/* everything these statements touch may be shown */
		MemoryContextSwitchTo(old);
		decided_hash = text_hash(edata->detail);
		return;
	}
	w = palloc0(sizeof(Withheld));
	initStringInfo(&w->names);
	if (edata->detail)
		nd = rewrite(stack, nstack, edata, edata->detail, w);
	if (edata->detail_log)
	{
		Withheld   *w2 = palloc0(sizeof(Withheld));

		initStringInfo(&w2->names);
		ndl = rewrite(stack, nstack, edata, edata->detail_log, w2);
		if (w->n == 0)
			w = w2;
	}
	MemoryContextSwitchTo(old);
	if (nd)
		errdetail("%s", nd);
	if (ndl)
		errdetail_log("%s", ndl);
	if (nd || ndl)
	{
		old = MemoryContextSwitchTo(stack[0]->scratch);
		record_redaction(stack[0], w);
		MemoryContextSwitchTo(old);
	}
	/* decided: emit_log_hook leaves this text alone */
	decided_hash = text_hash(nd ? nd : edata->detail);
}

/* ---------------------------------------------------------------------
 * Utility statements: no executor hooks; a statement record of their own
 * ---------------------------------------------------------------------
 */

/*
 * Before a utility statement that checks rows of relid past the executor
 * (COPY FROM, CREATE INDEX, ALTER TABLE) runs: a record for it in cxt
 * (deleted by the caller afterwards), pushed with cb if anything would be
 * hidden.
 */
bool
pdp_details_utility(Oid relid, const char *command, const char *query,
					MemoryContext cxt, ErrorContextCallback *cb)
{
	PdpStatement *st;
	MemoryContext old = MemoryContextSwitchTo(cxt);
	RangeTblEntry *rte = makeNode(RangeTblEntry);

	st = palloc0(sizeof(PdpStatement));
	st->cxt = cxt;
	st->command = command;
	st->query = query ? pdp_clip_query(query, cxt) : NULL;
	st->role = pdp_acting_role();
	st->role_name = pstrdup(pdp_event_role_name(st->role));
	st->superuser = superuser_arg(st->role);
	st->mode = pdp_mode;
	st->purpose = (pdp_purpose && pdp_purpose[0]) ? pstrdup(pdp_purpose) : NULL;
	st->start_time = GetCurrentStatementStartTimestamp();
	rte->rtekind = RTE_RELATION;
	rte->relid = relid;
	rte->relkind = get_rel_relkind(relid);
	MemoryContextSwitchTo(old);
	prepare_rels(st, list_make1(rte), list_make1_int(1), list_make1_int(1));
	return pdp_details_push(st, cb);
}

/* ---------------------------------------------------------------------
 * After the statements: deferred constraints, utility statements
 * ---------------------------------------------------------------------
 */

/*
 * Deferred constraints are checked at SET CONSTRAINTS ... IMMEDIATE or at
 * commit, after the statements that queued them have ended.  The
 * transaction keeps what its statements knew (those that withheld
 * anything), for these.
 */
static void
memo_add(PdpDetails *d)
{
	MemoryContext old;
	int			i,
				c;

	if (memo_cxt == NULL)
		memo_cxt = AllocSetContextCreate(TopMemoryContext,
										 "pdp error details (transaction)",
										 ALLOCSET_SMALL_SIZES);
	old = MemoryContextSwitchTo(memo_cxt);
	if (xact_memo == NULL)
	{
		xact_memo = palloc0(sizeof(PdpDetails));
		xact_memo->is_memo = true;
		xact_memo->cap = 8;
		xact_memo->rels = palloc(sizeof(DetailRel) * xact_memo->cap);
		xact_memo->scratch = AllocSetContextCreate(memo_cxt,
												   "pdp error details (scratch)",
												   ALLOCSET_SMALL_SIZES);
		memo_lxid = MyProc->lxid;
	}
	if (xact_memo->event == NULL)
	{
		xact_memo->event = pdp_event_new("access", "redacted", NULL);
		pdp_event_statement(xact_memo->event, d->st);
		pdp_event_set(xact_memo->event, RS_COMMAND, "deferred constraint check");
		pdp_event_set(xact_memo->event, RS_QUERY, NULL);
		pdp_event_reserve(xact_memo->event, 1024);
	}
	for (i = 0; i < d->nrels; i++)
	{
		DetailRel  *src = &d->rels[i];
		DetailRel  *r = find_rel(xact_memo, src->relid);

		if (r != NULL)
		{
			/* what any statement of the transaction withheld stays withheld */
			for (c = 0; c < src->ncols; c++)
			{
				int			k;

				if (!src->cols[c].refused)
					continue;
				for (k = 0; k < r->ncols; k++)
					if (!r->cols[k].refused && strcmp(r->cols[k].name, src->cols[c].name) == 0)
					{
						r->cols[k].refused = true;
						r->cols[k].decision = src->cols[c].decision;
						r->cols[k].sensitive = src->cols[c].sensitive;
						r->cols[k].category = src->cols[c].category ?
							pstrdup(src->cols[c].category) : NULL;
						r->nrefused++;
						xact_memo->nrefused++;
					}
			}
			continue;
		}
		if (xact_memo->nrels == xact_memo->cap)
		{
			xact_memo->cap *= 2;
			xact_memo->rels = repalloc(xact_memo->rels, sizeof(DetailRel) * xact_memo->cap);
		}
		r = &xact_memo->rels[xact_memo->nrels++];
		*r = *src;
		r->schema = pstrdup(src->schema);
		r->name = pstrdup(src->name);
		r->qualified = pstrdup(src->qualified);
		r->route_root = false;	/* no routing after the statement */
		r->nrte = 0;
		r->result = false;
		r->nancestors = 0;
		r->ancestors = NULL;
		r->nopen = 0;			/* keys of deferred checks: all withheld */
		r->open_keys = NULL;
		r->cols = palloc(sizeof(DetailCol) * Max(src->ncols, 1));
		for (c = 0; c < src->ncols; c++)
		{
			r->cols[c] = src->cols[c];
			r->cols[c].name = pstrdup(src->cols[c].name);
			if (src->cols[c].category)
				r->cols[c].category = pstrdup(src->cols[c].category);
		}
		xact_memo->nrefused += r->nrefused;
	}
	MemoryContextSwitchTo(old);
}

/*
 * The memo outlives its transaction a little: a deferred check that fails
 * at a COMMIT inside a procedure is reported after the transaction was
 * aborted and the next one started.  It goes at the next statement pdp
 * watches in another transaction.
 */
static void
memo_forget_old(void)
{
	if (xact_memo != NULL && memo_lxid != MyProc->lxid)
	{
		MemoryContextReset(memo_cxt);
		xact_memo = NULL;
	}
}

/*
 * Rewrite edata's details with what the transaction knows (an error no
 * statement's callback saw); used by emit_log_hook and by the callback of
 * SET CONSTRAINTS.
 */
static void
memo_rewrite(ErrorData *edata)
{
	PdpDetails *stack[1];
	MemoryContext old;
	Withheld   *w;
	char	   *nd = NULL;
	char	   *ndl = NULL;

	stack[0] = xact_memo;
	old = MemoryContextSwitchTo(xact_memo->scratch);
	w = palloc0(sizeof(Withheld));
	initStringInfo(&w->names);
	if (edata->detail)
		nd = rewrite(stack, 1, edata, edata->detail, w);
	if (edata->detail_log)
	{
		Withheld   *w2 = palloc0(sizeof(Withheld));

		initStringInfo(&w2->names);
		ndl = rewrite(stack, 1, edata, edata->detail_log, w2);
		if (w->n == 0)
			w = w2;
	}
	MemoryContextSwitchTo(old);
	if (nd)
		edata->detail = MemoryContextStrdup(edata->assoc_context, nd);
	if (ndl)
		edata->detail_log = MemoryContextStrdup(edata->assoc_context, ndl);
	if (nd || ndl)
	{
		old = MemoryContextSwitchTo(xact_memo->scratch);
		record_redaction(xact_memo, w);
		MemoryContextSwitchTo(old);
	}
}

static emit_log_hook_type prev_emit_log_hook = NULL;

/*
 * The last chance, for errors no statement's callback saw (deferred
 * constraints checked at commit): before the message goes to the server
 * log and the client.
 */
static void
details_emit_log(ErrorData *edata)
{
	/*
	 * A parallel worker (a parallel CREATE INDEX) knows nothing of the
	 * session's purpose: its own server log line keeps no values.  What it
	 * sends the leader is rewritten there, by the leader's callback.
	 */
	if (IsParallelWorker() && edata->elevel >= ERROR &&
		relevant(edata->sqlerrcode) && edata->detail != NULL)
		edata->detail_log = MemoryContextStrdup(edata->assoc_context,
												"pdp withheld the values of this detail in a parallel worker's log: the error the session receives shows what it may read.");
	else if (edata->elevel >= ERROR && relevant(edata->sqlerrcode) &&
		xact_memo != NULL && xact_memo->nrefused > 0 &&
		edata->detail != NULL && text_hash(edata->detail) != decided_hash)
	{
		MemoryContextReset(xact_memo->scratch);
		memo_rewrite(edata);
	}
	if (prev_emit_log_hook)
		prev_emit_log_hook(edata);
}

/* SET CONSTRAINTS ... IMMEDIATE checks what earlier statements queued */
static void
constraints_callback(void *arg)
{
	MemoryContext old;
	ErrorData  *edata;
	PdpDetails *stack[1];

	if (!relevant(geterrcode()) || xact_memo == NULL || xact_memo->nrefused == 0)
		return;
	/* a statement's callback further in decides */
	if (stack_details(stack, 1) > 0)
		return;
	MemoryContextReset(xact_memo->scratch);
	old = MemoryContextSwitchTo(xact_memo->scratch);
	edata = CopyErrorData();
	MemoryContextSwitchTo(old);
	{
		char	   *before = edata->detail;
		char	   *before_log = edata->detail_log;

		memo_rewrite(edata);
		if (edata->detail != before && edata->detail)
			errdetail("%s", edata->detail);
		if (edata->detail_log != before_log && edata->detail_log)
			errdetail_log("%s", edata->detail_log);
		decided_hash = text_hash(edata->detail);
	}
}

bool
pdp_details_set_constraints(ErrorContextCallback *cb)
{
	memo_forget_old();
	if (xact_memo == NULL)
		return false;
	cb->callback = constraints_callback;
	cb->arg = NULL;
	cb->previous = error_context_stack;
	error_context_stack = cb;
	return true;
}

void
pdp_details_init(void)
{
	prev_emit_log_hook = emit_log_hook;
	emit_log_hook = details_emit_log;
}
