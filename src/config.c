/*-------------------------------------------------------------------------
 * config.c
 *	  Backend-local cache of pdp's configuration: categories, purposes,
 *	  policy, purpose grants and limits; and whether the extension is
 *	  installed in this database at all.
 *
 * Nothing here runs a query on the per-statement path once warm.  The
 * configuration tables are read with plain heap scans under a catalog
 * snapshot (fresh, and seeing the current transaction's own changes),
 * their columns found by name (columns.c).
 *
 * Invalidation: a statement trigger on every configuration table (see
 * pdp_config_changed in label.c) sends a relcache invalidation for the
 * table; the callback here only marks the cache stale, and the next lookup
 * reads the tables again.  Lookups return values, never pointers into the
 * cache, so a reload can never free what a caller holds.  Invalidations
 * are delivered to every backend at commit, so a change applies from the
 * next statement.
 *
 * pdp_config_generation() changes whenever a decision may change: the
 * configuration, role attributes or memberships, or the extension itself.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "mask.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/dependency.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/dbcommands.h"
#include "commands/extension.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
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

/* the columns read from each, by name (columns.c) */
#define CFG_MAXCOLS 4
static const PdpColumnSpec cfg_columns[CFG_NTABLES][CFG_MAXCOLS] = {
	[CFG_CATEGORY] = {{"name", TEXTOID}, {"sensitive", BOOLOID}},
	[CFG_PURPOSE] = {{"name", TEXTOID}, {"legal_basis", TEXTOID}},
	[CFG_POLICY] = {{"purpose", TEXTOID}, {"category", TEXTOID},
	{"mask", TEXTOID}, {"mask_function", TEXTOID}},
	[CFG_GRANT] = {{"purpose", TEXTOID}, {"role", REGROLEOID}},
	[CFG_LIMIT] = {{"purpose", TEXTOID}, {"role", REGROLEOID},
	{"max_rows_per_statement", INT8OID}, {"max_records_per_day", INT8OID}},
};
static const int cfg_ncolumns[CFG_NTABLES] = {2, 2, 4, 2, 4};

/*
 * Of those, the first columns every version of the table has; the others
 * came with a later version (the mask columns with 1.1) and read as NULL
 * until ALTER EXTENSION pdp UPDATE adds them.
 */
static const int cfg_nrequired[CFG_NTABLES] = {2, 2, 2, 2, 4};

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

typedef struct PolicyEntry
{
	PolicyKey	key;
	PdpMaskKind mask;			/* PDP_MASK_NONE: a full read */
	char	   *mask_function;	/* PDP_MASK_CUSTOM: its signature, in cfg_cxt */
} PolicyEntry;

static bool cfg_has_masks = true;	/* a mask in the policy last read (or
									 * not read yet) */

static MemoryContext cfg_cxt = NULL;	/* reset wholesale at each load */

static int	ext_state = -1;		/* -1 unknown, 0 absent, 1 present */
static Oid	cfg_relids[CFG_NTABLES];
static bool cfg_valid = false;	/* loaded and current */
static HTAB *categories = NULL;
static HTAB *purposes = NULL;
static HTAB *policy = NULL;
static uint64 config_gen = 1;	/* see pdp_config_generation() */

static void
config_relcache_callback(Datum arg, Oid relid)
{
	int			i;

	if (!OidIsValid(relid))
	{
		cfg_valid = false;
		ext_state = -1;
		config_gen++;
		return;
	}
	for (i = 0; i < CFG_NTABLES; i++)
		if (cfg_relids[i] == relid)
		{
			cfg_valid = false;
			config_gen++;
			/* plans wrap the columns masked when they were made (mask.h) */
			pdp_mask_context_changed();
		}
}

/* role attributes or memberships changed: decisions may differ */
static void
config_role_callback(Datum arg, int cacheid, uint32 hashvalue)
{
	config_gen++;
	if (cfg_has_masks)
		pdp_mask_context_changed();
}

/* schema pdp may have appeared or gone: CREATE/DROP EXTENSION */
static void
config_namespace_callback(Datum arg, int cacheid, uint32 hashvalue)
{
	ext_state = -1;
	cfg_valid = false;
	config_gen++;
}

uint64
pdp_config_generation(void)
{
	return config_gen;
}

void
pdp_config_init(void)
{
	cfg_cxt = AllocSetContextCreate(TopMemoryContext, "pdp configuration",
									ALLOCSET_SMALL_SIZES);
	CacheRegisterRelcacheCallback(config_relcache_callback, (Datum) 0);
	CacheRegisterSyscacheCallback(NAMESPACEOID, config_namespace_callback, (Datum) 0);
	CacheRegisterSyscacheCallback(AUTHOID, config_role_callback, (Datum) 0);
	CacheRegisterSyscacheCallback(AUTHMEMROLEMEM, config_role_callback, (Datum) 0);
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
		Oid			relids[CFG_NTABLES];
		int			i;
		bool		all = true;

		for (i = 0; i < CFG_NTABLES; i++)
		{
			relids[i] = all ? member_relid(ext, nsp, cfg_table_names[i]) : InvalidOid;
			all = all && OidIsValid(relids[i]);
		}
		/* set together, after every lookup (each may process invalidations) */
		memcpy(cfg_relids, relids, sizeof(cfg_relids));
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

	if (len >= NAMEDATALEN || memchr(VARDATA_ANY(t), '\0', len) != NULL)
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
 * A column a later version added: InvalidAttrNumber while it is missing;
 * present, it must have its type.
 */
static AttrNumber
optional_column(Relation rel, const PdpColumnSpec *spec)
{
	TupleDesc	desc = RelationGetDescr(rel);
	int			j;

	if (!OidIsValid(pdp_attribute_type(desc, spec->name)))
		return InvalidAttrNumber;
	pdp_map_columns(rel, spec, 1, (AttrNumber[1]) {0});
	for (j = 0; j < desc->natts; j++)
		if (!TupleDescAttr(desc, j)->attisdropped &&
			strcmp(NameStr(TupleDescAttr(desc, j)->attname), spec->name) == 0)
			return TupleDescAttr(desc, j)->attnum;
	return InvalidAttrNumber;
}

/*
 * Read one configuration table row by row; fn gets the values of the
 * columns of cfg_columns[which], in that order.
 */
typedef void (*row_fn) (Datum *values, bool *nulls);

static void
scan_config_table(int which, row_fn fn)
{
	Relation	rel;
	SysScanDesc scan;
	HeapTuple	tup;
	TupleDesc	desc;
	AttrNumber	attnums[CFG_MAXCOLS];
	Datum		values[CFG_MAXCOLS];
	bool		nulls[CFG_MAXCOLS];
	int			n = cfg_ncolumns[which];
	int			i;

	rel = table_open(cfg_relids[which], AccessShareLock);
	desc = RelationGetDescr(rel);
	pdp_map_columns(rel, cfg_columns[which], cfg_nrequired[which], attnums);
	for (i = cfg_nrequired[which]; i < n; i++)
		attnums[i] = optional_column(rel, &cfg_columns[which][i]);
	scan = systable_beginscan(rel, InvalidOid, false, NULL, 0, NULL);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		for (i = 0; i < n; i++)
		{
			nulls[i] = true;
			values[i] = (Datum) 0;
			if (attnums[i] != InvalidAttrNumber)
				values[i] = heap_getattr(tup, attnums[i], desc, &nulls[i]);
		}
		fn(values, nulls);
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
}

static void
category_row(Datum *values, bool *nulls)
{
	char		key[NAMEDATALEN];
	CategoryEntry *e;

	if (nulls[0] || !text_to_key(values[0], key))
		return;
	e = hash_search(categories, key, HASH_ENTER, NULL);
	/* a NULL where the table says NOT NULL: the stricter reading */
	e->sensitive = nulls[1] || DatumGetBool(values[1]);
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
	if (!nulls[1])
	{
		char	   *basis = TextDatumGetCString(values[1]);

		if (strcmp(basis, "consent") == 0)
			e->basis = PDP_BASIS_CONSENT;
		else if (strcmp(basis, "legal_obligation") == 0)
			e->basis = PDP_BASIS_LEGAL_OBLIGATION;
	}
	else
		e->basis = PDP_BASIS_CONSENT;	/* the column's default, and the strictest */
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

	pdp_config_ensure();
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
	/* a CHECK refuses negative limits; one that got in allows nothing */
	l->max_rows = nulls[2] ? -1 : Max(DatumGetInt64(values[2]), 0);
	l->max_day = nulls[3] ? -1 : Max(DatumGetInt64(values[3]), 0);
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
		return false;			/* no limits: both stay -1 */
	*max_rows = every->max_rows;
	*max_day = every->max_day;
	return true;
}

/*
 * A mask the table holds: a name pdp does not know, or custom without a
 * function, is read as the mask "null" (the value is withheld): a
 * superuser who edits the table by hand must not turn a mask into a full
 * read.
 */
static void
policy_row(Datum *values, bool *nulls)
{
	PolicyKey	key;
	PolicyEntry *e;
	char	   *name;

	if (nulls[0] || nulls[1] ||
		!text_to_key(values[0], key.purpose) ||
		!text_to_key(values[1], key.category))
		return;
	e = hash_search(policy, &key, HASH_ENTER, NULL);
	e->mask = PDP_MASK_NONE;
	e->mask_function = NULL;
	if (nulls[2])
		return;
	cfg_has_masks = true;
	name = TextDatumGetCString(values[2]);
	if (strcmp(name, "custom") == 0)
	{
		e->mask = nulls[3] ? PDP_MASK_NULL : PDP_MASK_CUSTOM;
		if (!nulls[3])
			e->mask_function = TextDatumGetCString(values[3]);
	}
	else if ((e->mask = pdp_mask_kind(name)) == PDP_MASK_NONE)
		e->mask = PDP_MASK_NULL;
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

/*
 * Read the configuration tables.  Opening them processes pending
 * invalidations; if one arrived while we read, what we read may be stale:
 * it is used (lookups return values, nobody holds on to it) but stays
 * marked stale, so the next lookup reads again.  Not looping here keeps
 * this finite when every catalog access invalidates everything
 * (debug_discard_caches).
 */
static void
load_config(void)
{
	MemoryContext old;
	uint64		gen = config_gen;

	cfg_valid = false;
	if (!pdp_extension_present())
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("extension pdp is not installed in database \"%s\"",
						get_database_name(MyDatabaseId)),
				 errhint("Run CREATE EXTENSION pdp in this database.")));
	MemoryContextReset(cfg_cxt);
	categories = purposes = policy = NULL;
	categories = make_hash("pdp categories", NAMEDATALEN, sizeof(CategoryEntry));
	purposes = make_hash("pdp purposes", NAMEDATALEN, sizeof(PurposeEntry));
	policy = make_hash("pdp policy", sizeof(PolicyKey), sizeof(PolicyEntry));
	cfg_has_masks = false;

	old = MemoryContextSwitchTo(cfg_cxt);
	PG_TRY();
	{
		scan_config_table(CFG_CATEGORY, category_row);
		scan_config_table(CFG_PURPOSE, purpose_row);
		scan_config_table(CFG_POLICY, policy_row);
		scan_config_table(CFG_GRANT, grant_row);
		scan_config_table(CFG_LIMIT, limit_row);
	}
	PG_FINALLY();
	{
		MemoryContextSwitchTo(old);
	}
	PG_END_TRY();
	cfg_valid = (gen == config_gen);
}

/*
 * Make sure the configuration is loaded and current.  Lookups below call
 * it first; what they return is a value, never a pointer into the cache.
 */
void
pdp_config_ensure(void)
{
	if (!cfg_valid)
		load_config();
}

bool
pdp_category_known(const char *category, bool *sensitive)
{
	char		key[NAMEDATALEN];
	CategoryEntry *e;

	pdp_config_ensure();
	if (!cstring_to_key(category, key))
	{
		if (sensitive)
			*sensitive = true;
		return false;
	}
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
 * whose privileges it has (membership, as for table privileges).  The
 * grantees are copied first: has_privs_of_role() may read catalogs, and so
 * process invalidations.
 */
bool
pdp_purpose_granted(const char *purpose, Oid roleid)
{
	PurposeEntry *e = find_purpose(purpose);
	Oid			local[16];
	Oid		   *roles = local;
	int			n;
	int			i;
	bool		granted = false;

	if (e == NULL)
		return false;
	n = e->nroles;
	if (n > lengthof(local))
		roles = palloc(n * sizeof(Oid));
	memcpy(roles, e->roles, n * sizeof(Oid));
	for (i = 0; i < n && !granted; i++)
		granted = has_privs_of_role(roleid, roles[i]);
	if (roles != local)
		pfree(roles);
	return granted;
}

bool
pdp_category_allowed(const char *purpose, const char *category)
{
	return pdp_category_access(purpose, category, NULL, NULL, 0);
}

/*
 * May purpose read category, and how: *mask is PDP_MASK_NONE for a full
 * read, else the mask its values are served through; a custom mask's
 * function signature is copied into function (size fsize; truncated:
 * then it names no function and the read is refused when it is used).
 */
bool
pdp_category_access(const char *purpose, const char *category, PdpMaskKind *mask,
					char *function, Size fsize)
{
	PolicyKey	key;
	PolicyEntry *e;

	pdp_config_ensure();
	if (mask)
		*mask = PDP_MASK_NONE;
	if (function && fsize > 0)
		function[0] = '\0';
	if (!cstring_to_key(purpose, key.purpose) ||
		!cstring_to_key(category, key.category))
		return false;
	e = hash_search(policy, &key, HASH_FIND, NULL);
	if (e == NULL)
		return false;
	if (mask)
		*mask = e->mask;
	if (function && fsize > 0 && e->mask_function)
	{
		if (strlen(e->mask_function) >= fsize)
			function[0] = '\0';
		else
			strlcpy(function, e->mask_function, fsize);
	}
	return true;
}

/*
 * Does the policy mask anything?  True until it has been read: callers
 * use it to skip work that only masks need (plan invalidation).
 */
bool
pdp_config_has_masks(void)
{
	return !cfg_valid || cfg_has_masks;
}
