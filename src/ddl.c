/*-------------------------------------------------------------------------
 * ddl.c
 *	  Owner DDL over existing rows: a read when it evaluates expressions over
 *	  tagged columns, lineage for the columns it fills, and DETACH.
 *
 * Interface (hooks.c calls these around ProcessUtility, when checks apply):
 *	  pdp_ddl_begin(pstmt, query, decide)  before the utility runs: works
 *		out which tagged columns of existing rows it evaluates expressions
 *		over and, if decide (pdp.mode is not off), decides them as decide.c
 *		decides any read (refused with 42501 in enforce, recorded in log);
 *		notes what lineage to write afterwards (whatever the mode);
 *		for DETACH PARTITION, writes the partition's inherited tags, subject
 *		column and row protection onto it as its own.  NULL: nothing to do.
 *	  pdp_ddl_end(ddl)		after the utility succeeded: lineage labels, and
 *		the statement's audit events.
 *	  pdp_ddl_release(ddl)	always (PG_FINALLY): frees the state; events of
 *		a utility ended by an error are written, marked incomplete.
 *
 * What is a read (README, "What counts as a read"), for the relation named
 * and every relation the command recurses to (inheritance children,
 * partitions), columns matched by name:
 *	- ALTER TABLE ADD COLUMN ... GENERATED ALWAYS AS (expr) STORED, or with a
 *	  CHECK constraint: the columns of expr;
 *	- ALTER COLUMN c TYPE ... USING expr: the columns of expr; without USING,
 *	  c itself (its values go through a cast, which may be the owner's own
 *	  function, and a failed cast quotes the value); with either, the
 *	  CHECK constraints and indexes that depend on c, re-checked or rebuilt;
 *	- ADD CONSTRAINT CHECK (unless NOT VALID), VALIDATE CONSTRAINT: the
 *	  columns of the check;
 *	- index builds (CREATE INDEX, ADD CONSTRAINT UNIQUE / PRIMARY KEY /
 *	  EXCLUDE): the columns of key expressions and of the predicate (plain
 *	  key columns go only through PostgreSQL's own comparisons; what a
 *	  duplicate's error would quote is withheld, details.c);
 *	- index rebuilds (REINDEX, CLUSTER, VACUUM FULL, REFRESH MATERIALIZED
 *	  VIEW, a table rewrite by ALTER TABLE): the columns of the expressions and predicates of the
 *	  indexes rebuilt;
 *	- ANALYZE (also VACUUM ANALYZE): the columns of the expressions and
 *	  predicates of the table's indexes and of its extended statistics,
 *	  which it evaluates over sampled rows; CREATE STATISTICS with
 *	  expressions over tagged columns (ANALYZE, autovacuum's too, will
 *	  evaluate them);
 *	- ATTACH PARTITION: the columns of the parent's partition key
 *	  expressions, over the rows of the new partition and of the default
 *	  partition;
 *	- ALTER DOMAIN ADD CONSTRAINT CHECK (unless NOT VALID), VALIDATE
 *	  CONSTRAINT: every stored column of the domain (or a domain over it).
 * A plain column index with a built-in operator class runs no code of the
 * owner's (only superusers create operator classes) and reads nothing.
 *
 * pdp_ddl_guard_triggers(parsetree)  before any utility: refuses (42501)
 *		ALTER TABLE ... ENABLE / DISABLE [REPLICA] TRIGGER of pdp's own
 *		triggers (those calling pdp's functions, whatever their name now;
 *		or ALL / USER) on a table of extension pdp, to everyone, superusers included, outside
 *		pdp's own scripts.  pdp's triggers keep every session's caches in
 *		step with the configuration and consent tables, on standbys too,
 *		and record configuration changes; they are ENABLE ALWAYS, so
 *		session_replication_role = replica (and logical replication's
 *		apply) fires them too, and switching them off would let changes
 *		pass unrecorded and unseen by open sessions.
 *
 * Lineage: a column that ADD COLUMN ... GENERATED or ALTER COLUMN TYPE ...
 * USING fills from tagged columns gets their category; of several, the
 * first sensitive one by name, else the first by name.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"
#include "statement.h"

#include "access/genam.h"
#include "access/relation.h"
#include "access/htup_details.h"
#include "access/sysattr.h"
#include "access/table.h"
#include "catalog/dependency.h"
#include "catalog/indexing.h"
#include "catalog/namespace.h"
#include "catalog/objectaddress.h"
#include "catalog/partition.h"
#include "catalog/pg_class.h"
#include "catalog/pg_constraint.h"
#include "catalog/pg_depend.h"
#include "catalog/pg_index.h"
#include "catalog/pg_inherits.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_partitioned_table.h"
#include "catalog/pg_statistic_ext.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "catalog/pg_proc.h"
#include "access/xact.h"
#include "catalog/index.h"
#include "commands/defrem.h"
#include "commands/extension.h"
#include "commands/seclabel.h"
#include "commands/tablecmds.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/optimizer.h"
#include "parser/parse_func.h"
#include "parser/parse_type.h"
#include "partitioning/partdesc.h"
#include "tcop/cmdtag.h"
#include "tcop/utility.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/syscache.h"

#define COLOFF(attnum) ((attnum) - FirstLowInvalidHeapAttributeNumber)
#define WHOLE_ROW COLOFF(0)

/* A column the utility fills from tagged columns, and their category */
typedef struct Lineage
{
	Oid			relid;
	char	   *attname;
	char	   *category;
	bool		mixed;			/* filled from several categories */
} Lineage;

struct PdpDdl
{
	MemoryContext cxt;
	List	   *reads;			/* PdpRelRead, one per relation */
	List	   *lineage;		/* Lineage */
	Oid			top;			/* the relation the command names */
	PdpStatement *st;			/* when reads were decided */
};

/* ---------- columns of expressions ---------- */

typedef struct Names
{
	List	   *names;
	bool		whole;
} Names;

/* Column names a raw (untransformed) expression refers to */
static bool
collect_names(Node *node, Names *n)
{
	if (node == NULL)
		return false;
	if (IsA(node, ColumnRef))
	{
		Node	   *last = llast(((ColumnRef *) node)->fields);

		if (IsA(last, String))
			n->names = lappend(n->names, strVal(last));
		else
			n->whole = true;	/* t.* */
		return false;
	}
	return raw_expression_tree_walker(node, collect_names, (void *) n);
}

/*
 * Columns of relid (offset) that raw expression expr reads.  A name that is
 * no column of relid (the relation's own name: a whole-row reference) reads
 * every column; names in ignore (columns the same command adds) read none.
 */
static Bitmapset *
raw_cols(Oid relid, Node *expr, List *ignore)
{
	Names		n = {NIL, false};
	Bitmapset  *cols = NULL;
	ListCell   *lc;

	collect_names(expr, &n);
	if (n.whole)
		return bms_make_singleton(WHOLE_ROW);
	foreach(lc, n.names)
	{
		char	   *name = lfirst(lc);
		AttrNumber	attnum = get_attnum(relid, name);
		ListCell   *ig;
		bool		skip = false;

		foreach(ig, ignore)
			if (strcmp(lfirst(ig), name) == 0)
				skip = true;
		if (skip)
			continue;
		if (attnum == InvalidAttrNumber)
			return bms_make_singleton(WHOLE_ROW);
		if (attnum > 0)
			cols = bms_add_member(cols, COLOFF(attnum));
	}
	return cols;
}

/* Column name of relid (offset), NULL if there is none */
static Bitmapset *
named_cols(Oid relid, const char *name)
{
	AttrNumber	attnum = get_attnum(relid, name);

	if (attnum == InvalidAttrNumber)
		return NULL;			/* the utility reports it */
	return bms_make_singleton(COLOFF(attnum));
}

/* Columns of a cooked expression stored as text (pg_index, pg_constraint) */
static Bitmapset *
cooked_cols(Datum value)
{
	Bitmapset  *cols = NULL;
	Node	   *expr = stringToNode(TextDatumGetCString(value));

	pull_varattnos(expr, 1, &cols);
	return cols;
}

/* Columns of parent's columns cols (offset), as columns of relid, by name */
static Bitmapset *
map_cols(Oid parent, Bitmapset *cols, Oid relid)
{
	Bitmapset  *result = NULL;
	int			i = -1;

	if (parent == relid)
		return bms_copy(cols);
	while ((i = bms_next_member(cols, i)) >= 0)
	{
		AttrNumber	attnum = i + FirstLowInvalidHeapAttributeNumber;
		char	   *name;
		AttrNumber	mapped;

		if (attnum <= 0)
		{
			result = bms_add_member(result, i);
			continue;
		}
		name = get_attname(parent, attnum, true);
		mapped = name ? get_attnum(relid, name) : InvalidAttrNumber;
		if (mapped > 0)
			result = bms_add_member(result, COLOFF(mapped));
	}
	return result;
}

/* ---------- reads ---------- */

static Bitmapset *index_plain_keys(Oid indexoid);

/* cols (offset) of relid into d's reads: read, or evaluated only */
static void
add_cols(PdpDdl *d, Oid relid, Bitmapset *cols, bool evaluated)
{
	ListCell   *lc;
	PdpRelRead *r = NULL;
	MemoryContext old;

	if (bms_is_empty(cols) || !pdp_relation_has_tags(relid, NULL))
		return;
	old = MemoryContextSwitchTo(d->cxt);
	foreach(lc, d->reads)
		if (((PdpRelRead *) lfirst(lc))->relid == relid)
			r = lfirst(lc);
	if (r == NULL)
	{
		/* nothing is wrapped: no mask stands in for what a utility reads */
		r = palloc0(sizeof(PdpRelRead));
		r->relid = relid;
		d->reads = lappend(d->reads, r);
	}
	if (evaluated)
		r->evaluated = bms_union(r->evaluated, cols);
	else
		r->cols = bms_union(r->cols, cols);
	MemoryContextSwitchTo(old);
}

static void
add_read(PdpDdl *d, Oid relid, Bitmapset *cols)
{
	add_cols(d, relid, cols, false);
}

/*
 * Columns (offset) of relid a utility compares or sorts by their stored
 * values with PostgreSQL's own code: no read (the code keeps nothing, its
 * errors are withheld), but no mask stands in for them: a purpose that reads
 * them masked is refused (decide.c, masked_only).  A CLUSTER orders the
 * table by them, a unique build or ATTACH PARTITION succeeds or fails by
 * them, SET NOT NULL by their being NULL, CREATE STATISTICS keeps them.
 */
static void
add_evaluated(PdpDdl *d, Oid relid, Bitmapset *cols)
{
	add_cols(d, relid, cols, true);
}

/* the plain key columns (offset) of relid's indexes */
static Bitmapset *
index_key_cols(Oid relid)
{
	Relation	rel = relation_open(relid, AccessShareLock);
	List	   *indexes = RelationGetIndexList(rel);
	Bitmapset  *cols = NULL;
	ListCell   *lc;

	relation_close(rel, AccessShareLock);
	foreach(lc, indexes)
		cols = bms_union(cols, index_plain_keys(lfirst_oid(lc)));
	return cols;
}

/* the plain key columns (offset) of one index */
static Bitmapset *
index_plain_keys(Oid indexoid)
{
	HeapTuple	tup = SearchSysCache1(INDEXRELID, ObjectIdGetDatum(indexoid));
	Bitmapset  *cols = NULL;
	Form_pg_index ix;
	int			k;

	if (!HeapTupleIsValid(tup))
		return NULL;
	ix = (Form_pg_index) GETSTRUCT(tup);
	for (k = 0; k < ix->indnkeyatts; k++)
		if (ix->indkey.values[k] > 0)
			cols = bms_add_member(cols, ix->indkey.values[k] - FirstLowInvalidHeapAttributeNumber);
	ReleaseSysCache(tup);
	return cols;
}

/* a column of relid by name, offset; empty if none */
static Bitmapset *
named_col(Oid relid, const char *name)
{
	AttrNumber	att = name ? get_attnum(relid, name) : InvalidAttrNumber;

	return att > 0 ? bms_make_singleton(att - FirstLowInvalidHeapAttributeNumber) : NULL;
}

/* relid and, if recurse, every relation below it (children, partitions) */
static List *
scope_of(Oid relid, bool recurse)
{
	if (!recurse)
		return list_make1_oid(relid);
	return find_all_inheritors(relid, NoLock, NULL);
}

/*
 * The tables created OF composite type relid's row type (CREATE TABLE ...
 * OF type), with what is below them: ALTER TYPE ... CASCADE rewrites them.
 */
static List *
typed_tables_of(Oid relid)
{
	Oid			typeoid = get_rel_type_id(relid);
	Relation	classrel;
	SysScanDesc scan;
	ScanKeyData key;
	HeapTuple	tup;
	List	   *result = NIL;

	if (!OidIsValid(typeoid))
		return NIL;
	ScanKeyInit(&key, Anum_pg_class_reloftype, BTEqualStrategyNumber, F_OIDEQ,
				ObjectIdGetDatum(typeoid));
	classrel = table_open(RelationRelationId, AccessShareLock);
	scan = systable_beginscan(classrel, InvalidOid, false, NULL, 1, &key);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
		result = list_concat(result,
							 scope_of(((Form_pg_class) GETSTRUCT(tup))->oid, true));
	systable_endscan(scan);
	table_close(classrel, AccessShareLock);
	return result;
}

/*
 * Columns (offset) of relid that (re)building index indexoid reads: its
 * expressions and predicate.  Plain keys: none (PostgreSQL's comparisons).
 */
static Bitmapset *
index_cols(Oid indexoid, bool *has_code)
{
	HeapTuple	tup = SearchSysCache1(INDEXRELID, ObjectIdGetDatum(indexoid));
	Bitmapset  *cols = NULL;
	bool		isnull;
	Datum		d;

	*has_code = false;
	if (!HeapTupleIsValid(tup))
		return NULL;
	d = SysCacheGetAttr(INDEXRELID, tup, Anum_pg_index_indexprs, &isnull);
	if (!isnull)
	{
		cols = bms_union(cols, cooked_cols(d));
		*has_code = true;
	}
	d = SysCacheGetAttr(INDEXRELID, tup, Anum_pg_index_indpred, &isnull);
	if (!isnull)
	{
		cols = bms_union(cols, cooked_cols(d));
		*has_code = true;
	}
	ReleaseSysCache(tup);
	return cols;
}

/* Indexes of relid, from pg_index (no lock on relid needed) */
static List *
indexes_of(Oid relid)
{
	Relation	rel = table_open(IndexRelationId, AccessShareLock);
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tup;
	List	   *result = NIL;

	ScanKeyInit(&key, Anum_pg_index_indrelid, BTEqualStrategyNumber, F_OIDEQ,
				ObjectIdGetDatum(relid));
	scan = systable_beginscan(rel, IndexIndrelidIndexId, true, NULL, 1, &key);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
		result = lappend_oid(result, ((Form_pg_index) GETSTRUCT(tup))->indexrelid);
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return result;
}

/* Rebuilding every index of relid: what their expressions read */
static void
read_rebuilt_indexes(PdpDdl *d, Oid relid)
{
	ListCell   *lc;

	foreach(lc, indexes_of(relid))
	{
		bool		has_code;

		add_read(d, relid, index_cols(lfirst_oid(lc), &has_code));
	}
}

/*
 * Every expression or partial index of the database, on a table that
 * filter accepts: REINDEX SCHEMA / DATABASE, CLUSTER and VACUUM FULL
 * without a table.
 */
typedef bool (*table_filter) (Oid relid, Oid arg);

static void
read_all_rebuilt(PdpDdl *d, table_filter filter, Oid arg)
{
	Relation	rel = table_open(IndexRelationId, AccessShareLock);
	SysScanDesc scan;
	HeapTuple	tup;
	List	   *heaps = NIL;
	ListCell   *lc;

	scan = systable_beginscan(rel, InvalidOid, false, NULL, 0, NULL);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		Form_pg_index form = (Form_pg_index) GETSTRUCT(tup);

		if (!heap_attisnull(tup, Anum_pg_index_indexprs, NULL) ||
			!heap_attisnull(tup, Anum_pg_index_indpred, NULL))
			heaps = list_append_unique_oid(heaps, form->indrelid);
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	foreach(lc, heaps)
	{
		Oid			relid = lfirst_oid(lc);

		if (filter(relid, arg) && pdp_relation_has_tags(relid, NULL))
			read_rebuilt_indexes(d, relid);
	}
}

static bool
in_namespace(Oid relid, Oid nsp)
{
	return get_rel_namespace(relid) == nsp;
}

static bool
in_database(Oid relid, Oid unused)
{
	return true;
}

/* the tables VACUUM and CLUSTER without a name process for the user */
static bool
owned_by_user(Oid relid, Oid unused)
{
	return pg_class_ownercheck(relid, GetUserId()) ||
		pg_database_ownercheck(MyDatabaseId, GetUserId());
}

/* CHECK constraints of relid whose expression reads a column of cols */
static void
read_dependent_checks(PdpDdl *d, Oid relid, Bitmapset *cols)
{
	Relation	rel = table_open(ConstraintRelationId, AccessShareLock);
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tup;

	ScanKeyInit(&key, Anum_pg_constraint_conrelid, BTEqualStrategyNumber,
				F_OIDEQ, ObjectIdGetDatum(relid));
	scan = systable_beginscan(rel, ConstraintRelidTypidNameIndexId, true,
							  NULL, 1, &key);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		bool		isnull;
		Datum		bin;
		Bitmapset  *used;

		if (((Form_pg_constraint) GETSTRUCT(tup))->contype != CONSTRAINT_CHECK)
			continue;
		bin = heap_getattr(tup, Anum_pg_constraint_conbin,
						   RelationGetDescr(rel), &isnull);
		if (isnull)
			continue;
		used = cooked_cols(bin);
		if (bms_overlap(used, cols) || bms_is_member(WHOLE_ROW, used))
			add_read(d, relid, used);
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
}

/* Indexes of relid that a type change of columns cols rebuilds */
static void
read_dependent_indexes(PdpDdl *d, Oid relid, Bitmapset *cols)
{
	ListCell   *lc;

	foreach(lc, indexes_of(relid))
	{
		Oid			indexoid = lfirst_oid(lc);
		HeapTuple	tup = SearchSysCache1(INDEXRELID, ObjectIdGetDatum(indexoid));
		Form_pg_index form;
		Bitmapset  *keys = NULL;
		Bitmapset  *used;
		bool		has_code;
		int			i;

		if (!HeapTupleIsValid(tup))
			continue;
		form = (Form_pg_index) GETSTRUCT(tup);
		for (i = 0; i < form->indnatts; i++)
			if (form->indkey.values[i] > 0)
				keys = bms_add_member(keys, COLOFF(form->indkey.values[i]));
		ReleaseSysCache(tup);
		used = index_cols(indexoid, &has_code);
		if (bms_overlap(keys, cols) || bms_overlap(used, cols))
			add_read(d, relid, used);
	}
}

/* CHECK constraint name of relid, being validated */
static Bitmapset *conkey_cols(HeapTuple tup, AttrNumber which);

static void
read_check_by_name(PdpDdl *d, Oid relid, const char *name)
{
	Oid			conoid = get_relation_constraint_oid(relid, name, true);
	HeapTuple	tup;
	bool		isnull;
	Datum		bin;

	if (!OidIsValid(conoid))
		return;
	tup = SearchSysCache1(CONSTROID, ObjectIdGetDatum(conoid));
	if (!HeapTupleIsValid(tup))
		return;
	if (((Form_pg_constraint) GETSTRUCT(tup))->contype == CONSTRAINT_CHECK)
	{
		bin = SysCacheGetAttr(CONSTROID, tup, Anum_pg_constraint_conbin, &isnull);
		if (!isnull)
			add_read(d, relid, cooked_cols(bin));
	}
	else if (((Form_pg_constraint) GETSTRUCT(tup))->contype == CONSTRAINT_FOREIGN)
	{
		/* the keys of both sides are compared by their stored values */
		Form_pg_constraint con = (Form_pg_constraint) GETSTRUCT(tup);

		add_evaluated(d, relid, conkey_cols(tup, Anum_pg_constraint_conkey));
		add_evaluated(d, con->confrelid, conkey_cols(tup, Anum_pg_constraint_confkey));
	}
	ReleaseSysCache(tup);
}

/* the columns (offset) of an int2[] key of a pg_constraint row */
static Bitmapset *
conkey_cols(HeapTuple tup, AttrNumber which)
{
	bool		isnull;
	Datum		d = SysCacheGetAttr(CONSTROID, tup, which, &isnull);
	Bitmapset  *cols = NULL;
	ArrayType  *a;
	int16	   *keys;
	int			n;
	int			i;

	if (isnull)
		return NULL;
	a = DatumGetArrayTypeP(d);
	if (ARR_NDIM(a) != 1 || ARR_HASNULL(a) || ARR_ELEMTYPE(a) != INT2OID)
		return NULL;
	n = ARR_DIMS(a)[0];
	keys = (int16 *) ARR_DATA_PTR(a);
	for (i = 0; i < n; i++)
		if (keys[i] > 0)
			cols = bms_add_member(cols, keys[i] - FirstLowInvalidHeapAttributeNumber);
	return cols;
}

/* Columns (offset, of parent) of parent's partition key expressions */
static Bitmapset *
partkey_expr_cols(Oid parent)
{
	HeapTuple	tup = SearchSysCache1(PARTRELID, ObjectIdGetDatum(parent));
	Bitmapset  *cols = NULL;
	bool		isnull;
	Datum		d;

	if (!HeapTupleIsValid(tup))
		return NULL;
	d = SysCacheGetAttr(PARTRELID, tup, Anum_pg_partitioned_table_partexprs, &isnull);
	if (!isnull)
		cols = cooked_cols(d);
	ReleaseSysCache(tup);
	return cols;
}

/* Columns (offset, of parent) of parent's plain partition key columns */
static Bitmapset *
partkey_plain_cols(Oid parent)
{
	HeapTuple	tup = SearchSysCache1(PARTRELID, ObjectIdGetDatum(parent));
	Bitmapset  *cols = NULL;
	Form_pg_partitioned_table pt;
	int			k;

	if (!HeapTupleIsValid(tup))
		return NULL;
	pt = (Form_pg_partitioned_table) GETSTRUCT(tup);
	for (k = 0; k < pt->partnatts; k++)
		if (pt->partattrs.values[k] > 0)
			cols = bms_add_member(cols, pt->partattrs.values[k] - FirstLowInvalidHeapAttributeNumber);
	ReleaseSysCache(tup);
	return cols;
}

/* ---------- lineage ---------- */

/* The category columns cols (offset) of relid pass on, NULL if none */
static char *
lineage_category(Oid relid, Bitmapset *cols, int *ncats)
{
	PdpRelInfo *info = pdp_relinfo_pin(relid);
	bool		whole = bms_is_member(WHOLE_ROW, cols);
	char	   *best = NULL;
	bool		best_sensitive = false;
	List	   *seen = NIL;
	int			i;

	*ncats = 0;

	for (i = 0; i < info->ntags; i++)
	{
		PdpColumnTag *t = &info->tags[i];
		bool		sensitive;

		if (!whole && !bms_is_member(COLOFF(t->attnum), cols))
			continue;
		if (!list_member(seen, makeString(t->category)))
		{
			seen = lappend(seen, makeString(t->category));
			(*ncats)++;
		}
		if (!pdp_category_known(t->category, &sensitive))
			sensitive = true;
		if (best == NULL || (sensitive && !best_sensitive) ||
			(sensitive == best_sensitive && strcmp(t->category, best) < 0))
		{
			best = t->category;
			best_sensitive = sensitive;
		}
	}
	best = best ? pstrdup(best) : NULL;
	pdp_relinfo_unpin(info);
	return best;
}

static void
add_lineage(PdpDdl *d, Oid relid, const char *attname, Bitmapset *sources)
{
	int			ncats;
	char	   *category = lineage_category(relid, sources, &ncats);
	MemoryContext old;
	Lineage    *l;

	if (category == NULL)
		return;
	old = MemoryContextSwitchTo(d->cxt);
	l = palloc(sizeof(Lineage));
	l->relid = relid;
	l->attname = pstrdup(attname);
	l->category = pstrdup(category);
	l->mixed = ncats > 1;
	d->lineage = lappend(d->lineage, l);
	MemoryContextSwitchTo(old);
}

/*
 * A column has one category: filled from several, whoever may read the one
 * it gets would read the others.  Refused in enforce mode (superusers
 * excepted), after the reads were decided; otherwise it takes the first.
 */
static void
refuse_mixed_lineage(PdpDdl *d)
{
	ListCell   *lc;

	if (pdp_mode != PDP_MODE_ENFORCE || superuser())
		return;
	foreach(lc, d->lineage)
	{
		Lineage    *l = lfirst(lc);

		if (l->mixed)
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("permission denied to fill column \"%s\" of relation \"%s\" from personal data of several categories",
							l->attname, pdp_relation_name(l->relid)),
					 errdetail("A column has one category: whoever may read it would read the others (reason: mixed_categories)."),
					 errhint("Compute the values of each category into a column of its own.")));
	}
}

/* Label a column, as pdp's own tagging does, unless it already has it */
static void
put_label(Oid relid, AttrNumber attnum, const char *provider,
		  const char *label, const char *what)
{
	ObjectAddress addr;
	char	   *current;

	ObjectAddressSubSet(addr, RelationRelationId, relid, attnum);
	current = GetSecurityLabel(&addr, provider);
	if (current && strcmp(current, label) == 0)
		return;
	SetSecurityLabel(&addr, provider, label);
	CacheInvalidateRelcacheByRelid(relid);
	pdp_record_label_event(relid, attnum, what,
						   strcmp(provider, PDP_PROVIDER) == 0 ? label : NULL);
}

/*
 * A column of relid gets its lineage label: on the relation the command
 * names, on inheritance children (which do not inherit tags), and on a
 * partition only where it has a label of its own (else it inherits).
 */
static void
write_lineage(Lineage *l, bool named)
{
	AttrNumber	attnum = get_attnum(l->relid, l->attname);
	ObjectAddress addr;

	if (attnum <= 0)
		return;
	ObjectAddressSubSet(addr, RelationRelationId, l->relid, attnum);
	if (!named && get_rel_relispartition(l->relid) &&
		GetSecurityLabel(&addr, PDP_PROVIDER) == NULL)
		return;
	put_label(l->relid, attnum, PDP_PROVIDER, l->category, "tag");
}

/* ---------- DETACH ---------- */

/* own labels of provider on relid: attnum -> label, as a list */
static bool
has_label(List *labels, AttrNumber attnum)
{
	ListCell   *lc;

	foreach(lc, labels)
		if (((PdpColumnTag *) lfirst(lc))->attnum == attnum)
			return true;
	return false;
}

/*
 * The partition part is about to be detached: what it inherits from its
 * ancestors (tags, subject column, row protection) becomes its own.  Done
 * before the detach, in its transaction (the first one of DETACH
 * CONCURRENTLY): a detach that fails takes it back, and nothing is lost if
 * it succeeds.  Also where the detach is left pending (FINALIZE).
 */
static void
keep_inherited(Oid part)
{
	List	   *ancestors = get_partition_ancestors(part);
	List	   *own = pdp_column_labels(part, PDP_PROVIDER);
	ListCell   *lc;
	bool		subject = pdp_column_labels(part, PDP_SUBJECT_PROVIDER) != NIL;

	/* nearest ancestor first: its label wins */
	foreach(lc, ancestors)
	{
		Oid			anc = lfirst_oid(lc);
		ListCell   *t;

		foreach(t, pdp_column_labels(anc, PDP_PROVIDER))
		{
			PdpColumnTag *tag = lfirst(t);
			char	   *name = get_attname(anc, tag->attnum, true);
			AttrNumber	attnum = name ? get_attnum(part, name) : InvalidAttrNumber;

			if (attnum <= 0 || has_label(own, attnum))
				continue;
			put_label(part, attnum, PDP_PROVIDER, tag->category, "tag");
			tag->attnum = attnum;
			own = lappend(own, tag);
		}
		if (!subject)
		{
			foreach(t, pdp_column_labels(anc, PDP_SUBJECT_PROVIDER))
			{
				PdpColumnTag *tag = lfirst(t);
				char	   *name = get_attname(anc, tag->attnum, true);
				AttrNumber	attnum = name ? get_attnum(part, name) : InvalidAttrNumber;

				if (attnum <= 0)
					continue;
				put_label(part, attnum, PDP_SUBJECT_PROVIDER, PDP_SUBJECT_LABEL,
						  "subject_column");
				subject = true;
				break;
			}
		}
	}

	/* row protection: the partition's own policy, if the ancestor had one */
	CommandCounterIncrement();
	if (pdp_relation_unprotected_partition(part))
	{
		Oid			argtypes[1] = {REGCLASSOID};
		Oid			fn = LookupFuncName(list_make2(makeString(PDP_SCHEMA),
												   makeString("_keep_row_protection")),
										1, argtypes, true);

		if (!OidIsValid(fn))
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("cannot detach \"%s\": it would lose the row protection of its partitioned table",
							get_rel_name(part)),
					 errhint("Update extension pdp (ALTER EXTENSION pdp UPDATE), or run pdp.protect_rows() on the partition first.")));
		OidFunctionCall1(fn, ObjectIdGetDatum(part));
		CommandCounterIncrement();
	}
}

/* ---------- commands ---------- */

/* ADD COLUMN: generated expression and CHECK constraints over old rows */
static void
add_column(PdpDdl *d, List *scope, ColumnDef *def, List *added)
{
	ListCell   *lc;

	foreach(lc, def->constraints)
	{
		Constraint *c = lfirst(lc);
		ListCell   *r;

		if (c->contype != CONSTR_GENERATED && c->contype != CONSTR_CHECK)
			continue;
		if (c->contype == CONSTR_CHECK && c->skip_validation)
			continue;
		foreach(r, scope)
		{
			Oid			relid = lfirst_oid(r);
			Bitmapset  *cols = raw_cols(relid, c->raw_expr, added);

			add_read(d, relid, cols);
			if (c->contype == CONSTR_GENERATED)
				add_lineage(d, relid, def->colname, cols);
		}
	}
}

/* ALTER COLUMN TYPE [USING] */
static void
alter_type(PdpDdl *d, List *scope, const char *colname, ColumnDef *def)
{
	ListCell   *r;

	foreach(r, scope)
	{
		Oid			relid = lfirst_oid(r);
		Bitmapset  *col = named_cols(relid, colname);
		Bitmapset  *cols;

		if (col == NULL)
			continue;
		cols = def->raw_default ? raw_cols(relid, def->raw_default, NIL) : col;
		add_read(d, relid, cols);
		if (def->raw_default)
			add_lineage(d, relid, colname, cols);
		read_dependent_checks(d, relid, col);
		read_dependent_indexes(d, relid, col);
	}
}

/* ADD CONSTRAINT: CHECK, or a new unique / exclusion index */
static void
add_constraint(PdpDdl *d, List *scope, Constraint *c)
{
	ListCell   *r;
	ListCell   *lc;

	foreach(r, scope)
	{
		Oid			relid = lfirst_oid(r);
		Bitmapset  *cols = NULL;

		switch (c->contype)
		{
			case CONSTR_CHECK:
				if (!c->skip_validation)
					cols = raw_cols(relid, c->raw_expr, NIL);
				break;
			case CONSTR_PRIMARY:
			case CONSTR_UNIQUE:
				/* plain key columns only: compared by PostgreSQL alone (no read) */
				if (c->indexname == NULL)
					foreach(lc, c->keys)
						add_evaluated(d, relid, named_col(relid, strVal(lfirst(lc))));
				break;
			case CONSTR_EXCLUSION:
				if (c->indexname != NULL)
					break;
				foreach(lc, c->exclusions)
				{
					IndexElem  *elem = linitial((List *) lfirst(lc));

					if (elem->expr)
						cols = bms_union(cols, raw_cols(relid, elem->expr, NIL));
					else
						add_evaluated(d, relid, named_col(relid, elem->name));
				}
				cols = bms_union(cols, raw_cols(relid, c->where_clause, NIL));
				break;
			case CONSTR_FOREIGN:
				/*
				 * checked by a query, in the executor; but its first check
				 * (RI_Initial_Check) is planned as the session's, so the
				 * keys of both sides count as compared by stored values
				 */
				if (!c->skip_validation)
				{
					Oid			pk = RangeVarGetRelid(c->pktable, NoLock, true);

					foreach(lc, c->fk_attrs)
						add_evaluated(d, relid, named_col(relid, strVal(lfirst(lc))));
					if (OidIsValid(pk) && c->pk_attrs != NIL)
						foreach(lc, c->pk_attrs)
							add_evaluated(d, pk, named_col(pk, strVal(lfirst(lc))));
					else if (OidIsValid(pk))
						add_evaluated(d, pk, index_key_cols(pk));
				}
				break;
			default:
				break;
		}
		add_read(d, relid, cols);
	}
}

/* Does the ALTER TABLE command rewrite the table (so rebuild its indexes)? */
static bool
rewrites(AlterTableCmd *cmd)
{
	ListCell   *lc;

	switch (cmd->subtype)
	{
		case AT_AlterColumnType:
		case AT_SetAccessMethod:
		case AT_SetLogged:
		case AT_SetUnLogged:
			return true;
		case AT_AddColumn:
			{
				/* a domain type: its checks may force a rewrite */
				Oid			typid = LookupTypeNameOid(NULL, ((ColumnDef *) cmd->def)->typeName, true);

				if (OidIsValid(typid) && get_typtype(typid) == TYPTYPE_DOMAIN)
					return true;
			}
			foreach(lc, ((ColumnDef *) cmd->def)->constraints)
			{
				ConstrType t = ((Constraint *) lfirst(lc))->contype;

				if (t == CONSTR_DEFAULT || t == CONSTR_GENERATED || t == CONSTR_IDENTITY)
					return true;
			}
			return ((ColumnDef *) cmd->def)->raw_default != NULL;
		default:
			return false;
	}
}

static void
alter_table(PdpDdl *d, AlterTableStmt *stmt)
{
	LOCKMODE	lockmode = AlterTableGetLockLevel(stmt->cmds);
	Oid			relid = AlterTableLookupRelation(stmt, lockmode);
	List	   *scope;
	List	   *added = NIL;
	ListCell   *lc;
	bool		rewrite = false;

	if (!OidIsValid(relid))
		return;
	d->top = relid;
	scope = scope_of(relid, stmt->relation->inh);
	/* ALTER TYPE ... ALTER ATTRIBUTE ... CASCADE: the typed tables too */
	if (stmt->objtype == OBJECT_TYPE)
		scope = list_concat(scope, typed_tables_of(relid));
	foreach(lc, stmt->cmds)
	{
		AlterTableCmd *cmd = lfirst(lc);

		if (cmd->subtype == AT_AddColumn)
			added = lappend(added, ((ColumnDef *) cmd->def)->colname);
	}

	foreach(lc, stmt->cmds)
	{
		AlterTableCmd *cmd = lfirst(lc);
		ListCell   *r;

		rewrite |= rewrites(cmd);
		switch (cmd->subtype)
		{
			case AT_AddColumn:
				add_column(d, scope, (ColumnDef *) cmd->def, added);
				break;
			case AT_AlterColumnType:
				alter_type(d, scope, cmd->name, (ColumnDef *) cmd->def);
				break;
			case AT_AddConstraint:
				/* only CHECK recurses to inheritance children */
				add_constraint(d, ((Constraint *) cmd->def)->contype == CONSTR_CHECK ?
							   scope : scope_of(relid, get_rel_relkind(relid) == RELKIND_PARTITIONED_TABLE),
							   (Constraint *) cmd->def);
				break;
			case AT_ValidateConstraint:
				foreach(r, scope)
					read_check_by_name(d, lfirst_oid(r), cmd->name);
				break;
			case AT_SetNotNull:
				foreach(r, scope)
					add_evaluated(d, lfirst_oid(r), named_col(lfirst_oid(r), cmd->name));
				break;
			case AT_AttachPartition:
				{
					PartitionCmd *pc = (PartitionCmd *) cmd->def;
					Bitmapset  *cols = partkey_expr_cols(relid);
					Bitmapset  *keys = partkey_plain_cols(relid);
					Oid			part = RangeVarGetRelid(pc->name, NoLock, true);
					Oid			def;

					if (OidIsValid(part) && !bms_is_empty(keys))
					{
						/* the rows are checked against the bounds by their keys */
						foreach(r, scope_of(part, true))
							add_evaluated(d, lfirst_oid(r), map_cols(relid, keys, lfirst_oid(r)));
						def = get_default_partition_oid(relid);
						if (OidIsValid(def))
							foreach(r, scope_of(def, true))
								add_evaluated(d, lfirst_oid(r), map_cols(relid, keys, lfirst_oid(r)));
					}
					if (bms_is_empty(cols) || !OidIsValid(part))
						break;
					/* the rows come under the parent's tags, and keep their own */
					add_read(d, relid, cols);
					foreach(r, scope_of(part, true))
						add_read(d, lfirst_oid(r), map_cols(relid, cols, lfirst_oid(r)));
					def = get_default_partition_oid(relid);
					if (OidIsValid(def))
						foreach(r, scope_of(def, true))
							add_read(d, lfirst_oid(r), map_cols(relid, cols, lfirst_oid(r)));
					break;
				}
			case AT_DetachPartition:
			case AT_DetachPartitionFinalize:
				{
					PartitionCmd *pc = (PartitionCmd *) cmd->def;
					Oid			part = RangeVarGetRelid(pc->name, NoLock, true);

					if (OidIsValid(part) && get_rel_relispartition(part) &&
						get_partition_parent(part, true) == relid)
						keep_inherited(part);
					break;
				}
			default:
				break;
		}
	}
	if (rewrite)
		foreach(lc, scope)
			read_rebuilt_indexes(d, lfirst_oid(lc));
}

static void
create_index(PdpDdl *d, IndexStmt *stmt)
{
	LOCKMODE	lockmode = stmt->concurrent ? ShareUpdateExclusiveLock : ShareLock;
	Oid			relid;
	ListCell   *r;

	/* as ProcessUtilitySlow looks it up: privilege check, then lock */
	relid = RangeVarGetRelidExtended(stmt->relation, lockmode, RVR_MISSING_OK,
									 RangeVarCallbackOwnsRelation, NULL);
	if (!OidIsValid(relid))
		return;
	foreach(r, scope_of(relid, stmt->relation->inh &&
						get_rel_relkind(relid) == RELKIND_PARTITIONED_TABLE))
	{
		Oid			rel = lfirst_oid(r);
		Bitmapset  *cols = raw_cols(rel, stmt->whereClause, NIL);
		ListCell   *lc;

		foreach(lc, stmt->indexParams)
		{
			IndexElem  *elem = lfirst(lc);

			if (elem->expr)
				cols = bms_union(cols, raw_cols(rel, elem->expr, NIL));
			else
				add_evaluated(d, rel, named_col(rel, elem->name));
		}
		add_read(d, rel, cols);
	}
}

/* an index and, for a partitioned index, every index below it */
static void
read_reindexed(PdpDdl *d, Oid indexoid)
{
	ListCell   *lc;

	foreach(lc, find_all_inheritors(indexoid, NoLock, NULL))
	{
		bool		has_code;
		Oid			heap = IndexGetRelation(lfirst_oid(lc), true);

		if (OidIsValid(heap))
		{
			add_read(d, heap, index_cols(lfirst_oid(lc), &has_code));
			/* a unique rebuild fails on duplicates: its keys are compared */
			add_evaluated(d, heap, index_plain_keys(lfirst_oid(lc)));
		}
	}
}

static void
reindex(PdpDdl *d, ReindexStmt *stmt)
{
	Oid			relid;
	ListCell   *lc;

	switch (stmt->kind)
	{
		case REINDEX_OBJECT_INDEX:
			relid = RangeVarGetRelid(stmt->relation, NoLock, true);
			if (OidIsValid(relid))
				read_reindexed(d, relid);
			break;
		case REINDEX_OBJECT_TABLE:
			relid = RangeVarGetRelid(stmt->relation, NoLock, true);
			if (OidIsValid(relid))
				foreach(lc, scope_of(relid, true))
					read_rebuilt_indexes(d, lfirst_oid(lc));
			break;
		case REINDEX_OBJECT_SCHEMA:
			relid = get_namespace_oid(stmt->name, true);
			if (OidIsValid(relid))
				read_all_rebuilt(d, in_namespace, relid);
			break;
		case REINDEX_OBJECT_DATABASE:
			read_all_rebuilt(d, in_database, InvalidOid);
			break;
		case REINDEX_OBJECT_SYSTEM:
			break;				/* catalogs only */
	}
}

/* Expressions of relid's extended statistics, which ANALYZE evaluates */
static void
read_stats_exprs(PdpDdl *d, Oid relid)
{
	Relation	rel = table_open(StatisticExtRelationId, AccessShareLock);
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tup;

	ScanKeyInit(&key, Anum_pg_statistic_ext_stxrelid, BTEqualStrategyNumber,
				F_OIDEQ, ObjectIdGetDatum(relid));
	scan = systable_beginscan(rel, StatisticExtRelidIndexId, true, NULL, 1, &key);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		bool		isnull;
		Datum		exprs = heap_getattr(tup, Anum_pg_statistic_ext_stxexprs,
										 RelationGetDescr(rel), &isnull);

		if (!isnull)
			add_read(d, relid, cooked_cols(exprs));
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
}

/* ANALYZE evaluates index and statistics expressions over sampled rows */
static void
read_analyzed(PdpDdl *d, Oid relid)
{
	read_rebuilt_indexes(d, relid);
	read_stats_exprs(d, relid);
}

/* CREATE STATISTICS: expressions ANALYZE will evaluate, planted now */
static void
create_statistics(PdpDdl *d, CreateStatsStmt *stmt)
{
	ListCell   *lc;
	Oid			relid;

	if (list_length(stmt->relations) != 1 || !IsA(linitial(stmt->relations), RangeVar))
		return;					/* the utility reports it */
	relid = RangeVarGetRelid((RangeVar *) linitial(stmt->relations), NoLock, true);
	if (!OidIsValid(relid))
		return;
	foreach(lc, stmt->exprs)
	{
		StatsElem  *elem = lfirst(lc);

		if (elem->expr)
			add_read(d, relid, raw_cols(relid, elem->expr, NIL));
		else
			add_evaluated(d, relid, named_col(relid, elem->name));
	}
}

/* CLUSTER and VACUUM FULL rebuild every index of what they process */
static void
rebuild_tables(PdpDdl *d, List *rangevars)
{
	ListCell   *lc;

	if (rangevars == NIL)
	{
		read_all_rebuilt(d, owned_by_user, InvalidOid);
		return;
	}
	foreach(lc, rangevars)
	{
		Oid			relid = RangeVarGetRelid((RangeVar *) lfirst(lc), NoLock, true);
		ListCell   *r;

		if (OidIsValid(relid))
			foreach(r, scope_of(relid, true))
				read_rebuilt_indexes(d, lfirst_oid(r));
	}
}

/* VACUUM FULL rebuilds indexes; ANALYZE evaluates index and statistics expressions */
static void
vacuum(PdpDdl *d, VacuumStmt *stmt)
{
	ListCell   *lc;
	bool		full = false;
	bool		analyze = !stmt->is_vacuumcmd;
	List	   *rels = NIL;

	foreach(lc, stmt->options)
	{
		DefElem    *opt = lfirst(lc);

		if (strcmp(opt->defname, "full") == 0)
			full = defGetBoolean(opt);
		else if (strcmp(opt->defname, "analyze") == 0)
			analyze = defGetBoolean(opt);
	}
	if (!full && !analyze)
		return;
	foreach(lc, stmt->rels)
	{
		VacuumRelation *vr = lfirst(lc);

		if (vr->relation)
			rels = lappend(rels, vr->relation);
	}
	if (full)
		rebuild_tables(d, rels);
	if (!analyze)
		return;
	if (rels == NIL)
	{
		Relation	rel = table_open(StatisticExtRelationId, AccessShareLock);
		SysScanDesc scan = systable_beginscan(rel, InvalidOid, false, NULL, 0, NULL);
		HeapTuple	tup;
		List	   *heaps = NIL;

		while (HeapTupleIsValid(tup = systable_getnext(scan)))
			heaps = list_append_unique_oid(heaps,
										   ((Form_pg_statistic_ext) GETSTRUCT(tup))->stxrelid);
		systable_endscan(scan);
		table_close(rel, AccessShareLock);
		read_all_rebuilt(d, owned_by_user, InvalidOid);
		foreach(lc, heaps)
			if (owned_by_user(lfirst_oid(lc), InvalidOid))
				read_stats_exprs(d, lfirst_oid(lc));
		return;
	}
	foreach(lc, rels)
	{
		Oid			relid = RangeVarGetRelid((RangeVar *) lfirst(lc), NoLock, true);
		ListCell   *r;

		if (OidIsValid(relid))
			foreach(r, scope_of(relid, true))
				read_analyzed(d, lfirst_oid(r));
	}
}

/*
 * Stored columns whose type is typid, or a domain or array over it, and
 * the domains and arrays over it, down to depth levels.
 */
static void
read_domain_columns(PdpDdl *d, Oid typid, int depth)
{
	Relation	dep = table_open(DependRelationId, AccessShareLock);
	ScanKeyData keys[2];
	SysScanDesc scan;
	HeapTuple	tup;
	List	   *types = NIL;
	ListCell   *lc;

	ScanKeyInit(&keys[0], Anum_pg_depend_refclassid, BTEqualStrategyNumber,
				F_OIDEQ, ObjectIdGetDatum(TypeRelationId));
	ScanKeyInit(&keys[1], Anum_pg_depend_refobjid, BTEqualStrategyNumber,
				F_OIDEQ, ObjectIdGetDatum(typid));
	scan = systable_beginscan(dep, DependReferenceIndexId, true, NULL, 2, keys);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		Form_pg_depend form = (Form_pg_depend) GETSTRUCT(tup);

		if (form->classid == RelationRelationId && form->objsubid > 0)
		{
			char		kind = get_rel_relkind(form->objid);

			if (kind == RELKIND_RELATION || kind == RELKIND_MATVIEW)
				add_read(d, form->objid, bms_make_singleton(COLOFF(form->objsubid)));
		}
		else if (form->classid == TypeRelationId)
			types = lappend_oid(types, form->objid);
	}
	systable_endscan(scan);
	table_close(dep, AccessShareLock);
	if (depth > 0)
		foreach(lc, types)
			read_domain_columns(d, lfirst_oid(lc), depth - 1);
}

static void
alter_domain(PdpDdl *d, AlterDomainStmt *stmt)
{
	Oid			typid;

	if (stmt->subtype == 'C')
	{
		Constraint *c = (Constraint *) stmt->def;

		if (c == NULL || c->contype != CONSTR_CHECK || c->skip_validation)
			return;
	}
	else if (stmt->subtype != 'V')
		return;
	typid = LookupTypeNameOid(NULL, makeTypeNameFromNameList(stmt->typeName), true);
	if (OidIsValid(typid) && get_typtype(typid) == TYPTYPE_DOMAIN)
		read_domain_columns(d, typid, 8);
}

/* ---------- interface ---------- */

PdpDdl *
pdp_ddl_begin(PlannedStmt *pstmt, const char *query, bool decide)
{
	Node	   *parsetree = pstmt->utilityStmt;
	PdpDdl	   *d;
	MemoryContext old;

	switch (nodeTag(parsetree))
	{
		case T_AlterTableStmt:
		case T_IndexStmt:
		case T_ReindexStmt:
		case T_ClusterStmt:
		case T_VacuumStmt:
		case T_AlterDomainStmt:
		case T_CreateStatsStmt:
		case T_RefreshMatViewStmt:
			break;
		default:
			return NULL;
	}

	d = palloc0(sizeof(PdpDdl));
	d->cxt = AllocSetContextCreate(CurrentMemoryContext, "pdp utility statement",
								   ALLOCSET_SMALL_SIZES);
	old = MemoryContextSwitchTo(d->cxt);
	PG_TRY();
	{
		switch (nodeTag(parsetree))
		{
			case T_AlterTableStmt:
				alter_table(d, (AlterTableStmt *) parsetree);
				break;
			case T_IndexStmt:
				create_index(d, (IndexStmt *) parsetree);
				break;
			case T_ReindexStmt:
				reindex(d, (ReindexStmt *) parsetree);
				break;
			case T_ClusterStmt:
				rebuild_tables(d, ((ClusterStmt *) parsetree)->relation ?
							   list_make1(((ClusterStmt *) parsetree)->relation) : NIL);
				/* the rows are put in the order of an index's keys */
				if (((ClusterStmt *) parsetree)->relation)
				{
					Oid			rel = RangeVarGetRelid(((ClusterStmt *) parsetree)->relation,
													   NoLock, true);
					ListCell   *r;

					if (OidIsValid(rel))
						foreach(r, scope_of(rel, true))
							add_evaluated(d, lfirst_oid(r), index_key_cols(lfirst_oid(r)));
				}
				break;
			case T_VacuumStmt:
				vacuum(d, (VacuumStmt *) parsetree);
				break;
			case T_AlterDomainStmt:
				alter_domain(d, (AlterDomainStmt *) parsetree);
				break;
			case T_CreateStatsStmt:
				create_statistics(d, (CreateStatsStmt *) parsetree);
				break;
			case T_RefreshMatViewStmt:
				/* its indexes are built anew over the new rows */
				rebuild_tables(d, list_make1(((RefreshMatViewStmt *) parsetree)->relation));
				break;
			default:
				break;
		}
		if (d->reads != NIL && decide)
		{
			d->st = pdp_statement_begin_utility(d->cxt,
												GetCommandTagName(CreateCommandTag(parsetree)),
												query);
			pdp_decide(d->st, d->reads, NULL, NULL, NULL);
		}
		refuse_mixed_lineage(d);
	}
	PG_CATCH();
	{
		MemoryContextSwitchTo(old);
		MemoryContextDelete(d->cxt);
		pfree(d);
		PG_RE_THROW();
	}
	PG_END_TRY();
	MemoryContextSwitchTo(old);
	if (d->st == NULL && d->lineage == NIL)
	{
		MemoryContextDelete(d->cxt);
		pfree(d);
		return NULL;
	}
	return d;
}

void
pdp_ddl_end(PdpDdl *d)
{
	ListCell   *lc;

	if (d == NULL)
		return;
	if (d->lineage != NIL)
		CommandCounterIncrement();
	foreach(lc, d->lineage)
	{
		Lineage    *l = lfirst(lc);

		write_lineage(l, l->relid == d->top);
	}
	if (d->st)
		pdp_statement_end(d->st, NULL);
}

void
pdp_ddl_release(PdpDdl *d)
{
	if (d == NULL)
		return;
	MemoryContextDelete(d->cxt);
	pfree(d);
}

/*
 * Does trigger name of relid (on a table of extension ext) call a function
 * of the extension?  By the function, not the name: a renamed trigger is
 * still pdp's.
 */
static bool
own_trigger(Oid relid, const char *name, Oid ext)
{
	Relation	rel = relation_open(relid, AccessShareLock);
	bool		own = false;

	if (rel->trigdesc != NULL)
	{
		int			i;

		for (i = 0; i < rel->trigdesc->numtriggers; i++)
		{
			Trigger    *t = &rel->trigdesc->triggers[i];

			if (strcmp(t->tgname, name) == 0)
			{
				own = getExtensionOfObject(ProcedureRelationId, t->tgfoid) == ext;
				break;
			}
		}
	}
	relation_close(rel, AccessShareLock);
	return own;
}

/* See the header: no trigger of pdp's own tables is switched off */
void
pdp_ddl_guard_triggers(Node *parsetree)
{
	AlterTableStmt *stmt;
	ListCell   *lc;
	Oid			relid;
	Oid			ext;

	if (parsetree == NULL || !IsA(parsetree, AlterTableStmt) || creating_extension ||
		IsBinaryUpgrade)
		return;
	stmt = (AlterTableStmt *) parsetree;
	foreach(lc, stmt->cmds)
	{
		AlterTableCmd *cmd = lfirst(lc);
		bool		all;

		switch (cmd->subtype)
		{
			case AT_EnableAlwaysTrig:
				/* the state they are in: also what pg_upgrade replays */
				continue;
			case AT_EnableTrig:
			case AT_EnableReplicaTrig:
			case AT_DisableTrig:
				all = false;
				break;
			case AT_EnableTrigAll:
			case AT_DisableTrigAll:
			case AT_EnableTrigUser:
			case AT_DisableTrigUser:
				all = true;
				break;
			default:
				continue;
		}
		relid = RangeVarGetRelid(stmt->relation, NoLock, true);
		ext = get_extension_oid(PDP_EXTENSION_NAME, true);
		if (!OidIsValid(relid) || !OidIsValid(ext) ||
			getExtensionOfObject(RelationRelationId, relid) != ext)
			return;				/* not one of pdp's tables */
		if (!all && (cmd->name == NULL || !own_trigger(relid, cmd->name, ext)))
			continue;			/* one trigger, not pdp's */
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("the triggers of pdp's table %s cannot be enabled or disabled",
						pdp_relation_name(relid)),
				 errdetail("They keep every session's view of pdp's configuration and consent in step and record configuration changes."),
				 errhint("Change pdp's configuration and consent through pdp's functions.")));
	}
}
