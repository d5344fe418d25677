/*-------------------------------------------------------------------------
 * cache.c
 *	  Backend-local cache of pdp metadata: categories, purposes, policy,
 *	  purpose grants, and the tagged columns of each relation.
 *
 * Nothing here runs a query on the per-statement path once warm.  The
 * configuration tables are read with plain heap scans under a catalog
 * snapshot (fresh, and seeing the current transaction's own changes), and
 * tags come straight from pg_seclabel.
 *
 * Invalidation: a statement trigger on every configuration table (see
 * pdp_config_changed in label.c) and the label provider send a relcache
 * invalidation for the table concerned; the callback here drops the
 * configuration cache wholesale, or the tag entries of the relation and of
 * every partition that inherits tags from it.  Invalidations are delivered
 * to every backend at commit, so a change applies from the next statement.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/dependency.h"
#include "catalog/indexing.h"
#include "catalog/namespace.h"
#include "catalog/partition.h"
#include "catalog/pg_class.h"
#include "catalog/pg_policy.h"
#include "catalog/pg_seclabel.h"
#include "commands/extension.h"
#include "commands/dbcommands.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/syscache.h"

/* Configuration tables, in the order load_config() reads them */
enum
{
	CFG_CATEGORY,
	CFG_PURPOSE,
	CFG_POLICY,
	CFG_GRANT,
	CFG_LIMIT,
	CFG_NTABLES
};
static const char *const cfg_table_names[CFG_NTABLES] = {
	"category", "purpose", "purpose_category", "purpose_role", "purpose_limit"
};

typedef struct CategoryEntry
{
	char		name[NAMEDATALEN];
	bool		sensitive;
} CategoryEntry;

typedef struct PurposeLimit
{
	Oid			role;			/* InvalidOid: every role */
	int64		max_rows;		/* -1: unlimited */
	int64		max_day;		/* -1: unlimited */
} PurposeLimit;

typedef struct PurposeEntry
{
	char		name[NAMEDATALEN];
	PdpBasis	basis;
	int			nroles;
	Oid		   *roles;
	int			nlimits;
	PurposeLimit *limits;
} PurposeEntry;

typedef struct PolicyKey
{
	char		purpose[NAMEDATALEN];
	char		category[NAMEDATALEN];
} PolicyKey;

typedef struct RelTagEntry
{
	Oid			relid;
	char	   *name;			/* schema-qualified, quoted as needed */
	int			ntags;
	PdpColumnTag *tags;
	int			nancestors;
	Oid		   *ancestors;
	bool		protected;		/* has pdp's row filter policy */
} RelTagEntry;

static MemoryContext cache_cxt = NULL;	/* parent of everything below */
static MemoryContext cfg_cxt = NULL;	/* configuration, reset wholesale */

static int	ext_state = -1;		/* -1 unknown, 0 absent, 1 present */
static Oid	cfg_relids[CFG_NTABLES];
static bool cfg_valid = false;
static HTAB *categories = NULL;
static HTAB *purposes = NULL;
static HTAB *policy = NULL;

static HTAB *reltags = NULL;
static int	n_inheriting = 0;	/* entries with tags inherited from ancestors */
static uint64 inval_gen = 0;	/* bumped by every invalidation we act on */

static void ensure_config(void);

static void
reltag_free(RelTagEntry *e)
{
	int			i;

	for (i = 0; i < e->ntags; i++)
	{
		pfree(e->tags[i].category);
		if (e->tags[i].attname)
			pfree(e->tags[i].attname);
	}
	if (e->name)
		pfree(e->name);
	if (e->tags)
		pfree(e->tags);
	if (e->ancestors)
	{
		pfree(e->ancestors);
		n_inheriting--;
	}
}

static void
reltags_remove(Oid relid)
{
	RelTagEntry *e;
	HASH_SEQ_STATUS seq;

	e = hash_search(reltags, &relid, HASH_FIND, NULL);
	if (e)
	{
		reltag_free(e);
		hash_search(reltags, &relid, HASH_REMOVE, NULL);
	}
	if (n_inheriting == 0)
		return;

	/* partitions inheriting tags from relid are stale too */
	hash_seq_init(&seq, reltags);
	while ((e = hash_seq_search(&seq)) != NULL)
	{
		int			i;

		for (i = 0; i < e->nancestors; i++)
		{
			if (e->ancestors[i] == relid)
			{
				Oid			key = e->relid;

				reltag_free(e);
				hash_search(reltags, &key, HASH_REMOVE, NULL);
				break;
			}
		}
	}
}

static void
reltags_reset(void)
{
	HASH_SEQ_STATUS seq;
	RelTagEntry *e;

	hash_seq_init(&seq, reltags);
	while ((e = hash_seq_search(&seq)) != NULL)
	{
		Oid			key = e->relid;

		reltag_free(e);
		hash_search(reltags, &key, HASH_REMOVE, NULL);
	}
	n_inheriting = 0;
}

static void
pdp_relcache_callback(Datum arg, Oid relid)
{
	int			i;

	inval_gen++;
	if (!OidIsValid(relid))
	{
		cfg_valid = false;
		ext_state = -1;
		reltags_reset();
		return;
	}
	for (i = 0; i < CFG_NTABLES; i++)
		if (cfg_relids[i] == relid)
			cfg_valid = false;
	reltags_remove(relid);
}

/* role attributes or memberships changed: decisions may differ */
static void
pdp_role_callback(Datum arg, int cacheid, uint32 hashvalue)
{
	inval_gen++;
}

/*
 * Changes whenever anything a decision depends on may have changed:
 * configuration, tags, roles.  Decisions memoised under an older value
 * must be recomputed.
 */
uint64
pdp_config_generation(void)
{
	return inval_gen;
}

static void
pdp_namespace_callback(Datum arg, int cacheid, uint32 hashvalue)
{
	/* schema pdp may have appeared or gone: CREATE/DROP EXTENSION */
	inval_gen++;
	ext_state = -1;
	cfg_valid = false;
}

void
pdp_cache_init(void)
{
	HASHCTL		ctl;

	cache_cxt = AllocSetContextCreate(TopMemoryContext, "pdp metadata cache",
									  ALLOCSET_DEFAULT_SIZES);
	cfg_cxt = AllocSetContextCreate(cache_cxt, "pdp configuration",
									ALLOCSET_SMALL_SIZES);

	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = sizeof(Oid);
	ctl.entrysize = sizeof(RelTagEntry);
	ctl.hcxt = cache_cxt;
	reltags = hash_create("pdp relation tags", 256, &ctl,
						  HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);

	CacheRegisterRelcacheCallback(pdp_relcache_callback, (Datum) 0);
	CacheRegisterSyscacheCallback(NAMESPACEOID, pdp_namespace_callback, (Datum) 0);
	CacheRegisterSyscacheCallback(AUTHOID, pdp_role_callback, (Datum) 0);
	CacheRegisterSyscacheCallback(AUTHMEMROLEMEM, pdp_role_callback, (Datum) 0);
}

/*
 * The table schema pdp.name if it belongs to extension pdp, else InvalidOid.
 * A name is not enough: anyone who may create a schema in a database where
 * pdp is not installed could create a schema pdp with tables of their own
 * shape, which pdp would then read as its configuration (or write audit
 * events into).
 */
static Oid
member_relid(Oid ext, Oid nsp, const char *name)
{
	Oid			relid;

	if (!OidIsValid(ext) || !OidIsValid(nsp))
		return InvalidOid;
	relid = get_relname_relid(name, nsp);
	if (!OidIsValid(relid) ||
		getExtensionOfObject(RelationRelationId, relid) != ext)
		return InvalidOid;
	return relid;
}

Oid
pdp_extension_relid(const char *name)
{
	return member_relid(get_extension_oid(PDP_EXTENSION_NAME, true),
						get_namespace_oid(PDP_SCHEMA, true), name);
}

/*
 * Is the extension installed in this database?  Without it there is no
 * policy to apply, and pdp stays out of the way.
 */
bool
pdp_extension_present(void)
{
	if (ext_state < 0)
	{
		Oid			ext = get_extension_oid(PDP_EXTENSION_NAME, true);
		Oid			nsp = get_namespace_oid(PDP_SCHEMA, true);
		int			i;
		bool		all = true;

		for (i = 0; i < CFG_NTABLES; i++)
		{
			cfg_relids[i] = all ? member_relid(ext, nsp, cfg_table_names[i]) : InvalidOid;
			all = all && OidIsValid(cfg_relids[i]);
		}
		ext_state = all ? 1 : 0;
	}
	return ext_state == 1;
}

/* Copy a text datum into a NAMEDATALEN key buffer; false if too long */
static bool
text_to_key(Datum d, char *key)
{
	text	   *t = DatumGetTextPP(d);
	int			len = VARSIZE_ANY_EXHDR(t);

	if (len >= NAMEDATALEN)
		return false;
	memset(key, 0, NAMEDATALEN);
	memcpy(key, VARDATA_ANY(t), len);
	return true;
}

static bool
cstring_to_key(const char *s, char *key)
{
	size_t		len;

	if (s == NULL)
		return false;
	len = strlen(s);
	if (len >= NAMEDATALEN)
		return false;
	memset(key, 0, NAMEDATALEN);
	memcpy(key, s, len);
	return true;
}

static HTAB *
make_hash(const char *name, Size keysize, Size entrysize)
{
	HASHCTL		ctl;

	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = keysize;
	ctl.entrysize = entrysize;
	ctl.hcxt = cfg_cxt;
	return hash_create(name, 64, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
}

/*
 * Read one configuration table row by row.  Columns are read by position as
 * laid out in extension/pdp--1.0.sql.
 */
typedef void (*row_fn) (Datum *values, bool *nulls);

static void
scan_config_table(int which, row_fn fn)
{
	Relation	rel;
	SysScanDesc scan;
	HeapTuple	tup;
	TupleDesc	desc;
	Datum	   *values;
	bool	   *nulls;

	rel = table_open(cfg_relids[which], AccessShareLock);
	desc = RelationGetDescr(rel);
	values = palloc(desc->natts * sizeof(Datum));
	nulls = palloc(desc->natts * sizeof(bool));
	scan = systable_beginscan(rel, InvalidOid, false, NULL, 0, NULL);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		heap_deform_tuple(tup, desc, values, nulls);
		fn(values, nulls);
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	pfree(values);
	pfree(nulls);
}

static void
category_row(Datum *values, bool *nulls)
{
	char		key[NAMEDATALEN];
	CategoryEntry *e;

	if (nulls[0] || !text_to_key(values[0], key))
		return;
	e = hash_search(categories, key, HASH_ENTER, NULL);
	e->sensitive = !nulls[1] && DatumGetBool(values[1]);
}

static void
purpose_row(Datum *values, bool *nulls)
{
	char		key[NAMEDATALEN];
	PurposeEntry *e;

	if (nulls[0] || !text_to_key(values[0], key))
		return;
	e = hash_search(purposes, key, HASH_ENTER, NULL);
	e->basis = PDP_BASIS_OTHER;
	if (!nulls[2])
	{
		char	   *basis = TextDatumGetCString(values[2]);

		if (strcmp(basis, "consent") == 0)
			e->basis = PDP_BASIS_CONSENT;
		else if (strcmp(basis, "legal_obligation") == 0)
			e->basis = PDP_BASIS_LEGAL_OBLIGATION;
	}
	e->nroles = 0;
	e->roles = NULL;
	e->nlimits = 0;
	e->limits = NULL;
}

/* The cached entry of a purpose, NULL if it is not defined */
static PurposeEntry *
find_purpose(const char *purpose)
{
	char		key[NAMEDATALEN];

	ensure_config();
	if (!cstring_to_key(purpose, key))
		return NULL;
	return hash_search(purposes, key, HASH_FIND, NULL);
}

static void
limit_row(Datum *values, bool *nulls)
{
	char		key[NAMEDATALEN];
	PurposeEntry *e;
	PurposeLimit *l;

	if (nulls[0] || !text_to_key(values[0], key))
		return;
	e = hash_search(purposes, key, HASH_FIND, NULL);
	if (e == NULL)
		return;
	e->limits = e->limits ?
		repalloc(e->limits, (e->nlimits + 1) * sizeof(PurposeLimit)) :
		MemoryContextAlloc(cfg_cxt, sizeof(PurposeLimit));
	l = &e->limits[e->nlimits++];
	l->role = nulls[1] ? InvalidOid : DatumGetObjectId(values[1]);
	l->max_rows = nulls[2] ? -1 : DatumGetInt64(values[2]);
	l->max_day = nulls[3] ? -1 : DatumGetInt64(values[3]);
}

/*
 * The limits that apply to role under purpose: its own, else those for
 * every role.  False when there are none.
 */
bool
pdp_purpose_limits(const char *purpose, Oid role, int64 *max_rows, int64 *max_day)
{
	PurposeEntry *e = find_purpose(purpose);
	PurposeLimit *every = NULL;
	int			i;

	*max_rows = *max_day = -1;
	if (e == NULL)
		return false;
	for (i = 0; i < e->nlimits; i++)
	{
		if (e->limits[i].role == role)
		{
			*max_rows = e->limits[i].max_rows;
			*max_day = e->limits[i].max_day;
			return true;
		}
		if (!OidIsValid(e->limits[i].role))
			every = &e->limits[i];
	}
	if (every == NULL)
		return false;		/* no limits: both stay -1 */
	*max_rows = every->max_rows;
	*max_day = every->max_day;
	return true;
}

static void
policy_row(Datum *values, bool *nulls)
{
	PolicyKey	key;

	if (nulls[0] || nulls[1] ||
		!text_to_key(values[0], key.purpose) ||
		!text_to_key(values[1], key.category))
		return;
	hash_search(policy, &key, HASH_ENTER, NULL);
}

static void
grant_row(Datum *values, bool *nulls)
{
	char		key[NAMEDATALEN];
	PurposeEntry *e;

	if (nulls[0] || nulls[1] || !text_to_key(values[0], key))
		return;
	e = hash_search(purposes, key, HASH_FIND, NULL);
	if (e == NULL)
		return;
	if (e->roles == NULL)
		e->roles = MemoryContextAlloc(cfg_cxt, 8 * sizeof(Oid));
	else if (e->nroles % 8 == 0)
		e->roles = repalloc(e->roles, (e->nroles + 8) * sizeof(Oid));
	e->roles[e->nroles++] = DatumGetObjectId(values[1]);
}

static void
load_config(void)
{
	MemoryContext old;
	uint64		gen;

retry:
	gen = inval_gen;
	cfg_valid = false;
	if (!pdp_extension_present())
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("extension pdp is not installed in database \"%s\"",
						get_database_name(MyDatabaseId)),
				 errhint("Run CREATE EXTENSION pdp in this database.")));
	MemoryContextReset(cfg_cxt);
	categories = make_hash("pdp categories", NAMEDATALEN, sizeof(CategoryEntry));
	purposes = make_hash("pdp purposes", NAMEDATALEN, sizeof(PurposeEntry));
	policy = make_hash("pdp policy", sizeof(PolicyKey), sizeof(PolicyKey));

	old = MemoryContextSwitchTo(cfg_cxt);
	scan_config_table(CFG_CATEGORY, category_row);
	scan_config_table(CFG_PURPOSE, purpose_row);
	scan_config_table(CFG_POLICY, policy_row);
	scan_config_table(CFG_GRANT, grant_row);
	scan_config_table(CFG_LIMIT, limit_row);
	MemoryContextSwitchTo(old);

	/*
	 * Opening the tables processes pending invalidations; if one arrived
	 * while we were reading, what we read may be stale: read again.
	 */
	if (gen != inval_gen)
		goto retry;
	cfg_valid = true;
}

static inline void
ensure_config(void)
{
	if (!cfg_valid)
		load_config();
}

bool
pdp_category_known(const char *category, bool *sensitive)
{
	char		key[NAMEDATALEN];
	CategoryEntry *e;

	ensure_config();
	if (!cstring_to_key(category, key))
		return false;
	e = hash_search(categories, key, HASH_FIND, NULL);
	if (sensitive)
		*sensitive = e ? e->sensitive : true;
	return e != NULL;
}

bool
pdp_purpose_known(const char *purpose)
{
	return find_purpose(purpose) != NULL;
}

/* The legal basis of a purpose, PDP_BASIS_UNKNOWN if it is not defined */
PdpBasis
pdp_purpose_basis(const char *purpose)
{
	PurposeEntry *e = find_purpose(purpose);

	return e ? e->basis : PDP_BASIS_UNKNOWN;
}

/*
 * May roleid act under purpose?  Granted to the role itself or to a role
 * whose privileges it has (membership, as for table privileges).
 */
bool
pdp_purpose_granted(const char *purpose, Oid roleid)
{
	PurposeEntry *e = find_purpose(purpose);
	int			i;

	if (e == NULL)
		return false;
	for (i = 0; i < e->nroles; i++)
		if (has_privs_of_role(roleid, e->roles[i]))
			return true;
	return false;
}

bool
pdp_category_allowed(const char *purpose, const char *category)
{
	PolicyKey	key;

	ensure_config();
	if (!cstring_to_key(purpose, key.purpose) ||
		!cstring_to_key(category, key.category))
		return false;
	return hash_search(policy, &key, HASH_FIND, NULL) != NULL;
}

/*
 * Labels of provider on the columns of relid, as a list of PdpColumnTag
 * (attnum and label in ->category; attname not set).
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
			if (t->attnum <= 0)
				continue;
		}
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
 * The cache entry of relid, built if missing: its own tags and those
 * inherited from partitioned ancestors.
 */
static RelTagEntry *
reltag_entry(Oid relid)
{
	RelTagEntry *e;
	bool		found;
	List	   *tags = NIL;
	List	   *ancestors = NIL;
	ListCell   *lc;
	int			i;
	uint64		gen;
	bool		protected;

	e = hash_search(reltags, &relid, HASH_FIND, &found);
	if (e)
		return e;

	/* build in the caller's context, then copy into the cache */
retry:
	gen = inval_gen;
	tags = NIL;
	ancestors = NIL;
	read_labels(relid, relid, &tags);
	if (get_rel_relispartition(relid))
	{
		ancestors = get_partition_ancestors(relid);
		foreach(lc, ancestors)
			read_labels(lfirst_oid(lc), relid, &tags);
	}

	/* an invalidation processed while reading may make it stale */
	if (gen != inval_gen)
		goto retry;
	protected = has_row_filter(relid);
	if (gen != inval_gen)
		goto retry;
	e = hash_search(reltags, &relid, HASH_ENTER, &found);
	e->protected = protected;
	e->name = NULL;
	e->ntags = list_length(tags);
	e->tags = NULL;
	e->nancestors = list_length(ancestors);
	e->ancestors = NULL;
	if (e->ntags > 0)
	{
		e->tags = MemoryContextAlloc(cache_cxt, e->ntags * sizeof(PdpColumnTag));
		i = 0;
		foreach(lc, tags)
		{
			PdpColumnTag *t = lfirst(lc);

			e->tags[i].attnum = t->attnum;
			e->tags[i].category = MemoryContextStrdup(cache_cxt, t->category);
			e->tags[i].attname = get_attname(relid, t->attnum, true);
			if (e->tags[i].attname)
				e->tags[i].attname = MemoryContextStrdup(cache_cxt, e->tags[i].attname);
			e->tags[i].stamp = 0;
			e->tags[i].decision = PDP_ALLOWED;
			e->tags[i].sensitive = true;
			i++;
		}
	}
	if (e->nancestors > 0)
	{
		e->ancestors = MemoryContextAlloc(cache_cxt, e->nancestors * sizeof(Oid));
		i = 0;
		foreach(lc, ancestors)
			e->ancestors[i++] = lfirst_oid(lc);
		n_inheriting++;
	}
	return e;
}

/*
 * Tagged columns of relid.  The result lives in the cache until the next
 * invalidation: callers must not hold on to it across statements.
 */
PdpColumnTag *
pdp_relation_tags(Oid relid, int *ntags)
{
	return pdp_relation_info(relid, ntags, NULL);
}

/* The same, and (protected != NULL) whether pdp.protect_rows() covers it */
PdpColumnTag *
pdp_relation_info(Oid relid, int *ntags, bool *protected)
{
	RelTagEntry *e = reltag_entry(relid);

	*ntags = e->ntags;
	if (protected)
		*protected = e->protected;
	return e->tags;
}

/* Is relid protected row by row (pdp.protect_rows)? */
bool
pdp_relation_protected(Oid relid)
{
	return reltag_entry(relid)->protected;
}

/*
 * Schema-qualified name of a relation, cached with its tags.  The result is
 * a copy in the caller's memory: the cache entry can go at the next
 * invalidation, which any catalog access may process.
 */
const char *
pdp_relation_name(Oid relid)
{
	RelTagEntry *e = reltag_entry(relid);

	if (e->name == NULL)
	{
		char	   *rel = get_rel_name(relid);
		char	   *nsp = get_namespace_name(get_rel_namespace(relid));
		char	   *q = rel ? quote_qualified_identifier(nsp, rel) : psprintf("%u", relid);

		/* the lookups may have invalidated the entry */
		e = hash_search(reltags, &relid, HASH_FIND, NULL);
		if (e == NULL)
			return q;
		e->name = MemoryContextStrdup(cache_cxt, q);
	}
	return pstrdup(e->name);
}
