/*-------------------------------------------------------------------------
 * reltags.c
 *	  Backend-local cache of each relation's tagged columns (labels of
 *	  provider pdp, from pg_seclabel, the partitioned ancestors' included),
 *	  its name, and whether pdp.protect_rows() covers it.
 *
 * Lifetimes.  A relation's entry is built completely - every catalog
 * lookup done, any invalidation that arrived meanwhile retried - before it
 * enters the hash, and never changes afterwards but for decide.c's memo.
 * Callers that keep an entry across other calls pin it
 * (pdp_relinfo_pin/unpin); the hash holds one pin of its own while the
 * entry is current.  Invalidation callbacks only mark hash entries stale;
 * the next lookup builds a new entry and drops the hash's pin on the old
 * one, which is freed when its last holder lets go.  So no callback and no
 * rebuild ever frees what a caller holds.
 *
 * Invalidation: the label provider sends a relcache invalidation for the
 * labelled relation; the callback marks its entry and those of partitions
 * that inherit tags from it.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/indexing.h"
#include "catalog/namespace.h"
#include "catalog/partition.h"
#include "catalog/pg_class.h"
#include "catalog/pg_policy.h"
#include "catalog/pg_seclabel.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"

typedef struct RelInfoBox
{
	int			pins;			/* holders, the hash among them */
	int			nancestors;		/* partitioned ancestors tags come from */
	Oid		   *ancestors;
	PdpRelInfo	info;
} RelInfoBox;

typedef struct RelTagEntry
{
	Oid			relid;			/* hash key */
	bool		valid;
	RelInfoBox *box;
} RelTagEntry;

/* numbers every PdpRelInfo built in this backend (PdpRelInfo.version) */
static uint64 built = 0;

static MemoryContext reltags_cxt = NULL;
static HTAB *reltags = NULL;
static int	n_inheriting = 0;	/* current entries with ancestors */
static int	n_stale = 0;		/* entries marked stale, not yet rebuilt */
static uint64 inval_count = 0;	/* invalidations seen: a build retries */

#define STALE_SWEEP 64

static void
box_free(RelInfoBox *box)
{
	int			i;

	for (i = 0; i < box->info.ntags; i++)
	{
		pfree(box->info.tags[i].category);
		if (box->info.tags[i].attname)
			pfree(box->info.tags[i].attname);
	}
	if (box->info.tags)
		pfree(box->info.tags);
	pfree((char *) box->info.name);
	if (box->ancestors)
		pfree(box->ancestors);
	pfree(box);
}

static void
box_unpin(RelInfoBox *box)
{
	Assert(box->pins > 0);
	if (--box->pins == 0)
		box_free(box);
}

static inline void
mark_stale(RelTagEntry *e)
{
	if (e->valid)
	{
		e->valid = false;
		n_stale++;
	}
}

/* Only marks: callers may hold entries (pinned) while this runs */
static void
reltags_relcache_callback(Datum arg, Oid relid)
{
	HASH_SEQ_STATUS seq;
	RelTagEntry *e;

	inval_count++;
	if (reltags == NULL)
		return;
	if (OidIsValid(relid))
	{
		e = hash_search(reltags, &relid, HASH_FIND, NULL);
		if (e)
			mark_stale(e);
		if (n_inheriting == 0)
			return;
	}
	/* everything, or partitions inheriting tags from relid */
	hash_seq_init(&seq, reltags);
	while ((e = hash_seq_search(&seq)) != NULL)
	{
		int			i;

		if (!OidIsValid(relid))
		{
			mark_stale(e);
			continue;
		}
		for (i = 0; i < e->box->nancestors; i++)
			if (e->box->ancestors[i] == relid)
				mark_stale(e);
	}
}

void
pdp_reltags_init(void)
{
	HASHCTL		ctl;

	reltags_cxt = AllocSetContextCreate(TopMemoryContext, "pdp relation tags",
										ALLOCSET_DEFAULT_SIZES);
	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = sizeof(Oid);
	ctl.entrysize = sizeof(RelTagEntry);
	ctl.hcxt = reltags_cxt;
	reltags = hash_create("pdp relation tags", 256, &ctl,
						  HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	CacheRegisterRelcacheCallback(reltags_relcache_callback, (Datum) 0);
}

/*
 * Labels of provider on the columns of relid, as a list of PdpColumnTag
 * (attnum and label in ->category; attname not set), in the caller's
 * memory.
 */
List *
pdp_column_labels(Oid relid, const char *provider)
{
	Relation	pg_seclabel;
	ScanKeyData keys[2];
	SysScanDesc scan;
	HeapTuple	tup;
	List	   *result = NIL;

	ScanKeyInit(&keys[0], Anum_pg_seclabel_objoid, BTEqualStrategyNumber,
				F_OIDEQ, ObjectIdGetDatum(relid));
	ScanKeyInit(&keys[1], Anum_pg_seclabel_classoid, BTEqualStrategyNumber,
				F_OIDEQ, ObjectIdGetDatum(RelationRelationId));
	pg_seclabel = table_open(SecLabelRelationId, AccessShareLock);
	scan = systable_beginscan(pg_seclabel, SecLabelObjectIndexId, true,
							  NULL, 2, keys);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		FormData_pg_seclabel *form = (FormData_pg_seclabel *) GETSTRUCT(tup);
		bool		isnull;
		Datum		d;
		PdpColumnTag *t;

		if (form->objsubid <= 0)
			continue;
		d = heap_getattr(tup, Anum_pg_seclabel_provider,
						 RelationGetDescr(pg_seclabel), &isnull);
		if (isnull || strcmp(TextDatumGetCString(d), provider) != 0)
			continue;
		d = heap_getattr(tup, Anum_pg_seclabel_label,
						 RelationGetDescr(pg_seclabel), &isnull);
		if (isnull)
			continue;
		t = palloc0(sizeof(PdpColumnTag));
		t->attnum = form->objsubid;
		t->category = TextDatumGetCString(d);
		result = lappend(result, t);
	}
	systable_endscan(scan);
	table_close(pg_seclabel, AccessShareLock);
	return result;
}

/* Tags of the columns of relid, as columns of target, appended to *tags */
static void
read_labels(Oid relid, Oid target, List **tags)
{
	ListCell   *lc;

	foreach(lc, pdp_column_labels(relid, PDP_PROVIDER))
	{
		PdpColumnTag *t = lfirst(lc);
		ListCell   *other;
		bool		dup = false;

		/* an ancestor's column maps to the partition's column by name */
		if (target != relid)
		{
			char	   *attname = get_attname(relid, t->attnum, true);

			t->attnum = attname ? get_attnum(target, attname) : InvalidAttrNumber;
		}
		if (t->attnum <= 0)
			continue;
		/* the nearest label wins */
		foreach(other, *tags)
			if (((PdpColumnTag *) lfirst(other))->attnum == t->attnum)
				dup = true;
		if (!dup)
			*tags = lappend(*tags, t);
	}
}

/* Does relid carry the policy of pdp.protect_rows()? */
static bool
has_row_filter(Oid relid)
{
	Relation	pg_policy;
	ScanKeyData keys[2];
	SysScanDesc scan;
	bool		found;

	ScanKeyInit(&keys[0], Anum_pg_policy_polrelid, BTEqualStrategyNumber,
				F_OIDEQ, ObjectIdGetDatum(relid));
	ScanKeyInit(&keys[1], Anum_pg_policy_polname, BTEqualStrategyNumber,
				F_NAMEEQ, CStringGetDatum(PDP_ROW_POLICY));
	pg_policy = table_open(PolicyRelationId, AccessShareLock);
	scan = systable_beginscan(pg_policy, PolicyPolrelidPolnameIndexId, true,
							  NULL, 2, keys);
	found = HeapTupleIsValid(systable_getnext(scan));
	systable_endscan(scan);
	table_close(pg_policy, AccessShareLock);
	return found;
}

/*
 * Build the entry of relid: every catalog lookup is done in scratch memory
 * first, then the result is copied into the cache's memory in one go, with
 * no lookup in between.  *current: no invalidation arrived meanwhile (else
 * the entry serves its caller but is rebuilt at the next lookup; not
 * looping keeps this finite when every catalog access invalidates
 * everything, as under debug_discard_caches).
 */
static RelInfoBox *
build_box(Oid relid, bool *current)
{
	MemoryContext scratch;
	MemoryContext old;
	RelInfoBox *box;
	List	   *tags;
	List	   *ancestors;
	List	   *attnames;
	char	   *name;
	bool		protected;
	bool		gap = false;
	ListCell   *lc;
	ListCell   *an;
	uint64		seen;
	int			i;

	scratch = AllocSetContextCreate(CurrentMemoryContext, "pdp relation tags build",
									ALLOCSET_SMALL_SIZES);
	old = MemoryContextSwitchTo(scratch);
	{
		char	   *rel;
		char	   *nsp;

		seen = inval_count;
		tags = NIL;
		ancestors = NIL;
		attnames = NIL;
		read_labels(relid, relid, &tags);
		if (get_rel_relispartition(relid))
		{
			ancestors = get_partition_ancestors(relid);
			foreach(lc, ancestors)
				read_labels(lfirst_oid(lc), relid, &tags);
		}
		foreach(lc, tags)
			attnames = lappend(attnames,
							   get_attname(relid, ((PdpColumnTag *) lfirst(lc))->attnum, true));
		protected = has_row_filter(relid);
		if (!protected)
			foreach(lc, ancestors)
				gap |= has_row_filter(lfirst_oid(lc));
		rel = get_rel_name(relid);
		nsp = rel ? get_namespace_name(get_rel_namespace(relid)) : NULL;
		name = (rel && nsp) ? quote_qualified_identifier(nsp, rel) : psprintf("%u", relid);
		*current = (seen == inval_count);
	}

	MemoryContextSwitchTo(old);
	box = MemoryContextAllocZero(reltags_cxt, sizeof(RelInfoBox));
	box->info.relid = relid;
	box->info.version = ++built;
	box->info.protected = protected;
	box->info.unprotected_partition = gap;
	box->info.name = MemoryContextStrdup(reltags_cxt, name);
	box->info.ntags = list_length(tags);
	if (box->info.ntags > 0)
		box->info.tags = MemoryContextAllocZero(reltags_cxt,
												box->info.ntags * sizeof(PdpColumnTag));
	i = 0;
	forboth(lc, tags, an, attnames)
	{
		PdpColumnTag *t = &box->info.tags[i++];

		t->attnum = ((PdpColumnTag *) lfirst(lc))->attnum;
		t->category = MemoryContextStrdup(reltags_cxt, ((PdpColumnTag *) lfirst(lc))->category);
		t->attname = lfirst(an) ? MemoryContextStrdup(reltags_cxt, lfirst(an)) : NULL;
		t->sensitive = true;
	}
	box->nancestors = list_length(ancestors);
	if (box->nancestors > 0)
	{
		box->ancestors = MemoryContextAlloc(reltags_cxt, box->nancestors * sizeof(Oid));
		i = 0;
		foreach(lc, ancestors)
			box->ancestors[i++] = lfirst_oid(lc);
	}
	MemoryContextDelete(scratch);
	return box;
}

/* Drop stale entries nobody holds but the hash (relations long gone) */
static void
sweep_stale(void)
{
	HASH_SEQ_STATUS seq;
	RelTagEntry *e;

	hash_seq_init(&seq, reltags);
	while ((e = hash_seq_search(&seq)) != NULL)
	{
		Oid			key = e->relid;

		if (e->valid)
			continue;
		if (e->box->nancestors > 0)
			n_inheriting--;
		box_unpin(e->box);
		hash_search(reltags, &key, HASH_REMOVE, NULL);
		n_stale--;
	}
}

/* The current entry of relid, built if missing or stale */
static RelInfoBox *
current_box(Oid relid)
{
	RelTagEntry *e;
	RelInfoBox *box;
	bool		found;
	bool		current;

	e = hash_search(reltags, &relid, HASH_FIND, NULL);
	if (e && e->valid)
		return e->box;

	if (n_stale >= STALE_SWEEP)
		sweep_stale();
	box = build_box(relid, &current);	/* may process invalidations */

	/* from here to the end, nothing reads catalogs */
	box->pins = 1;
	e = hash_search(reltags, &relid, HASH_ENTER, &found);
	if (found)
	{
		if (!e->valid)
			n_stale--;
		if (e->box->nancestors > 0)
			n_inheriting--;
		box_unpin(e->box);
	}
	e->box = box;
	e->valid = current;
	if (!current)
		n_stale++;
	if (box->nancestors > 0)
		n_inheriting++;
	return box;
}

/*
 * The tags, name and protection of relid, pinned: valid until
 * pdp_relinfo_unpin(), whatever is invalidated or rebuilt meanwhile.
 */
PdpRelInfo *
pdp_relinfo_pin(Oid relid)
{
	RelInfoBox *box = current_box(relid);

	box->pins++;
	return &box->info;
}

void
pdp_relinfo_unpin(PdpRelInfo *info)
{
	box_unpin((RelInfoBox *) ((char *) info - offsetof(RelInfoBox, info)));
}

/*
 * Does relid have tagged columns?  *protected: is it protected row by row,
 * or a partition of a protected table that lacks the protection?
 */
bool
pdp_relation_has_tags(Oid relid, bool *protected)
{
	RelInfoBox *box = current_box(relid);

	if (protected)
		*protected = box->info.protected || box->info.unprotected_partition;
	return box->info.ntags > 0;
}

/*
 * Is relid a partition of a protected table without pdp's policy of its
 * own (created while the event trigger could not see it)?  Reading it
 * directly would bypass the parent's row protection.
 */
bool
pdp_relation_unprotected_partition(Oid relid)
{
	return current_box(relid)->info.unprotected_partition;
}

/* Is relid protected row by row (pdp.protect_rows)? */
bool
pdp_relation_protected(Oid relid)
{
	return current_box(relid)->info.protected;
}

/* Schema-qualified name of a relation, quoted as needed, in the caller's memory */
char *
pdp_relation_name(Oid relid)
{
	return pstrdup(current_box(relid)->info.name);
}
