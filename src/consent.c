/*-------------------------------------------------------------------------
 * consent.c
 *	  Backend cache of who consented to what, and who is restricted; and
 *	  pdp.has_consent().
 *
 * The consent functions (extension/pdp--1.0.sql) keep two current-state
 * tables next to the append-only history: pdp.consent (one row per subject
 * and purpose with a grant in force or expired, none after a withdrawal)
 * and pdp.restriction.  Checks read them through this cache, never with a
 * query per row: the first check under a purpose loads that purpose's
 * subjects into a hash set, the first restriction check loads the
 * restricted subjects.
 *
 * Freshness.  consent_changes.c tells which subjects changed, committed
 * by any backend (a shared ring) or not yet committed by this one; before
 * each statement (rowfilter.c) or has_consent() call the cache re-reads
 * just those subjects from the tables, by primary key, under a fresh
 * snapshot.  So a withdrawal or a restriction committed in one session
 * applies to the next statement of every session, inside open
 * transactions too, without reloading a purpose's whole set.  When the
 * ring cannot say (bulk changes, a backend that fell behind), the cache is
 * dropped and loaded again.
 *
 * On a hot standby the ring stays empty (replay runs no triggers).  There
 * the commit of every consent change carries a relcache invalidation of
 * the changed table's primary key (consent_changes.c), which replay sends
 * to every backend once the commit is visible; a callback here notes it,
 * and the next sync - which on a standby first takes in pending
 * invalidations, as a statement inside a transaction that already holds
 * its locks would not - drops the purpose sets (pdp.consent) or the
 * restricted set (pdp.restriction).  They are loaded again when next used.  So on a
 * standby each change costs every backend that uses a set one reload of
 * it.  After promotion the first sync still takes in and applies what
 * replay sent before it; the ring follows from then on.
 *
 * Lifetimes.  Sets are pinned (subjectset.c): the cache holds one pin per
 * set it keeps, and whoever uses a set beyond one call - a statement's row
 * filter - holds another, taken with pdp_consent_sets() and given back
 * with pdp_consent_release().  Dropping the cache only gives back the
 * cache's pins, so a set a running statement filters by stays whole (it
 * just stops receiving updates).  Columns are found by name (columns.c).
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "statement.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/xact.h"
#include "access/xlog.h"
#include "catalog/index.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/syscache.h"

PG_FUNCTION_INFO_V1(pdp_has_consent);
PG_FUNCTION_INFO_V1(pdp_has_consent_int8);

typedef struct PurposeSet
{
	char		purpose[NAMEDATALEN];
	SubjectSet *set;
} PurposeSet;

static MemoryContext consent_cxt = NULL;	/* the purpose hash; sets below it */
static HTAB *purpose_sets = NULL;
static SubjectSet *restricted = NULL;
static uint64 loaded_gen = 0;	/* of consent_changes.c: shared ring */
static uint64 loaded_local = 0; /* ... and this backend's own changes */
static bool drop_all = false;	/* extension created or dropped */
static bool table_changed[2];	/* invalidated: pdp.consent, pdp.restriction */
static bool was_standby = false;	/* the last sync ran during recovery */

/* pdp.consent (0) and pdp.restriction (1): relation, primary key, columns */
enum
{
	COL_SUBJECT, COL_PURPOSE, COL_EXPIRES, NCOLS
};
static const PdpColumnSpec consent_spec[NCOLS] = {
	{"subject", TEXTOID}, {"purpose", TEXTOID}, {"expires_at", TIMESTAMPTZOID}
};
static const int table_ncols[2] = {3, 1};
static const char *const table_names[2] = {"consent", "restriction"};
static const char *const key_names[2] = {"consent_pkey", "restriction_pkey"};
static Oid	rel_oid[2];
static Oid	rel_key[2];			/* their primary keys, once a set is loaded */

/* Give back the cache's pins: sets nobody else holds are freed */
static void
drop_consented(void)
{
	if (purpose_sets)
	{
		HASH_SEQ_STATUS seq;
		PurposeSet *ps;

		hash_seq_init(&seq, purpose_sets);
		while ((ps = hash_seq_search(&seq)) != NULL)
			if (ps->set)
				subjectset_unpin(ps->set);
		hash_destroy(purpose_sets);
		purpose_sets = NULL;
	}
}

static void
drop_restricted(void)
{
	if (restricted)
	{
		subjectset_unpin(restricted);
		restricted = NULL;
	}
}

static void
drop_cache(void)
{
	drop_consented();
	drop_restricted();
}

/*
 * On a hot standby: drop the sets whose table a replayed commit changed.
 * The callback marks whatever arrives, on a primary too; the marks are
 * cleared there, since the ring tells.
 */
static void
standby_sync(void)
{
	bool		standby = RecoveryInProgress();

	if (!standby && !was_standby)
	{
		/* a primary: the ring tells, the invalidations we sent say nothing */
		table_changed[0] = table_changed[1] = false;
		return;
	}
	/*
	 * Cheap when nothing is pending (one unlocked flag).  Just promoted:
	 * this takes in what replay sent before the promotion; the ring tells
	 * the rest.
	 */
	AcceptInvalidationMessages();
	was_standby = standby;
	if (table_changed[0])
	{
		table_changed[0] = false;
		drop_consented();
	}
	if (table_changed[1])
	{
		table_changed[1] = false;
		drop_restricted();
	}
}

/* Oid of pdp.consent (which = 0) or pdp.restriction (1) */
static Oid
table_oid(int which)
{
	if (!OidIsValid(rel_oid[which]))
	{
		rel_oid[which] = pdp_extension_relid(table_names[which]);
		if (!OidIsValid(rel_oid[which]))
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("extension pdp is not installed in this database"),
					 errhint("Run CREATE EXTENSION pdp.")));
	}
	return rel_oid[which];
}

/*
 * The table's primary key, checked to be the table's own index on exactly
 * the key columns (purpose, subject) or (subject): the lookups below rely
 * on it.
 */
static Oid
key_oid(int which, Relation rel, const AttrNumber *attnums)
{
	Oid			key = get_relname_relid(key_names[which], RelationGetNamespace(rel));
	HeapTuple	tup;
	bool		ok = false;

	if (OidIsValid(key) && (tup = SearchSysCache1(INDEXRELID, ObjectIdGetDatum(key))) != NULL)
	{
		Form_pg_index ix = (Form_pg_index) GETSTRUCT(tup);

		ok = ix->indrelid == RelationGetRelid(rel) && ix->indisvalid;
		if (which == 0)
			ok = ok && ix->indnkeyatts == 2 && ix->indkey.values[0] == attnums[COL_PURPOSE] &&
				ix->indkey.values[1] == attnums[COL_SUBJECT];
		else
			ok = ok && ix->indnkeyatts == 1 && ix->indkey.values[0] == attnums[COL_SUBJECT];
		ReleaseSysCache(tup);
	}
	if (!ok)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("index %s.%s is not the primary key pdp created on table %s.%s",
						PDP_SCHEMA, key_names[which], PDP_SCHEMA, table_names[which]),
				 errhint("Restore the primary key of the table.")));
	return key;
}

/* Make set say what the table says now about one subject */
static void
refresh_subject(SubjectSet *set, const PdpConsentChange *c)
{
	int			which = c->restriction ? 1 : 0;
	Relation	rel = table_open(table_oid(which), AccessShareLock);
	AttrNumber	attnums[NCOLS];
	ScanKeyData keys[2];
	SysScanDesc scan;
	HeapTuple	tup;
	int			nkeys = 0;

	pdp_map_columns(rel, consent_spec, table_ncols[which], attnums);

	/*
	 * The key columns are COLLATE "C", ScanKeyInit's collation; keys in the
	 * order of the index: (purpose, subject), or (subject)
	 */
	if (!c->restriction)
		ScanKeyInit(&keys[nkeys++], attnums[COL_PURPOSE], BTEqualStrategyNumber, F_TEXTEQ,
					CStringGetTextDatum(c->purpose));
	ScanKeyInit(&keys[nkeys++], attnums[COL_SUBJECT], BTEqualStrategyNumber, F_TEXTEQ,
				PointerGetDatum(cstring_to_text_with_len(c->subject, c->len)));
	scan = systable_beginscan(rel, key_oid(which, rel, attnums), true, NULL, nkeys, keys);
	subjectset_remove(set, c->subject, c->len);
	if (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		TimestampTz expires = DT_NOEND;

		if (!c->restriction)
		{
			bool		isnull;
			Datum		d = heap_getattr(tup, attnums[COL_EXPIRES], RelationGetDescr(rel), &isnull);

			if (!isnull)
				expires = DatumGetTimestampTz(d);
		}
		subjectset_add(set, c->subject, c->len, expires);
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
}

/* One subject changed: bring the set that holds it up to date, if loaded */
static void
apply_change(const PdpConsentChange *c)
{
	if (c->restriction)
	{
		if (restricted)
			refresh_subject(restricted, c);
	}
	else if (purpose_sets)
	{
		PurposeSet *ps = hash_search(purpose_sets, c->purpose, HASH_FIND, NULL);

		if (ps && ps->set)
			refresh_subject(ps->set, c);
	}
}

/*
 * Bring the cache up to date with every change committed so far and this
 * backend's own.
 */
void
pdp_consent_sync(void)
{
	if (drop_all)
	{
		drop_cache();
		rel_oid[0] = rel_oid[1] = InvalidOid;
		rel_key[0] = rel_key[1] = InvalidOid;
		drop_all = false;
	}
	standby_sync();
	if (purpose_sets == NULL && restricted == NULL)
	{
		/* nothing loaded: what is loaded next is current with this */
		loaded_gen = pdp_consent_generation();
		(void) pdp_consent_local_changes(&loaded_local, NULL);
		return;
	}
	/*
	 * The marks move before the changes are applied: if applying one fails
	 * (a lock timeout re-reading a subject), the cache no longer follows
	 * and must go, or it would keep a withdrawn consent for good.
	 */
	PG_TRY();
	{
		if (!pdp_consent_changes_since(&loaded_gen, apply_change) ||
			!pdp_consent_local_changes(&loaded_local, apply_change))
			drop_cache();
	}
	PG_CATCH();
	{
		drop_cache();
		PG_RE_THROW();
	}
	PG_END_TRY();
}

/*
 * Load the subjects of one of the current-state tables: all of them, or
 * (purpose != NULL) those of one purpose.  Returns the set pinned once.
 */
static SubjectSet *
load_set(const char *purpose)
{
	int			which = purpose ? 0 : 1;
	Relation	rel;
	SysScanDesc scan;
	HeapTuple	tup;
	TupleDesc	desc;
	AttrNumber	attnums[NCOLS];
	int			plen = purpose ? strlen(purpose) : 0;
	SubjectSet *set;

	rel = table_open(table_oid(which), AccessShareLock);
	rel_key[which] = RelationGetPrimaryKeyIndex(rel);
	desc = RelationGetDescr(rel);
	pdp_map_columns(rel, consent_spec, table_ncols[which], attnums);
	set = subjectset_create(consent_cxt);
	PG_TRY();
	{
		/* a fresh MVCC snapshot for a user table (see GetCatalogSnapshot) */
		scan = systable_beginscan(rel, InvalidOid, false, NULL, 0, NULL);
		while (HeapTupleIsValid(tup = systable_getnext(scan)))
		{
			bool		isnull;
			Datum		d;
			TimestampTz expires = DT_NOEND;

			if (purpose)
			{
				text	   *p;

				d = heap_getattr(tup, attnums[COL_PURPOSE], desc, &isnull);
				if (isnull)
					continue;
				p = DatumGetTextPP(d);
				if (VARSIZE_ANY_EXHDR(p) != plen || memcmp(VARDATA_ANY(p), purpose, plen) != 0)
					continue;
				d = heap_getattr(tup, attnums[COL_EXPIRES], desc, &isnull);
				if (!isnull)
					expires = DatumGetTimestampTz(d);
			}
			d = heap_getattr(tup, attnums[COL_SUBJECT], desc, &isnull);
			if (!isnull)
			{
				text	   *t = DatumGetTextPP(d);

				subjectset_add(set, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), expires);
			}
		}
		systable_endscan(scan);
		subjectset_finish(set);
	}
	PG_CATCH();
	{
		subjectset_unpin(set);
		PG_RE_THROW();
	}
	PG_END_TRY();
	table_close(rel, AccessShareLock);

	/*
	 * A change committed while we read may be reflected or not: its entry
	 * in the ring is above loaded_gen either way, and the next sync
	 * re-reads that subject.
	 */
	return set;
}

/* The cached set of purpose, loaded if missing; NULL: no such purpose name */
static SubjectSet *
cached_consented(const char *purpose)
{
	PurposeSet *ps;
	char		key[NAMEDATALEN];
	SubjectSet *set;

	if (strlen(purpose) >= NAMEDATALEN)
		return NULL;			/* no purpose has such a name */
	memset(key, 0, sizeof(key));
	strlcpy(key, purpose, sizeof(key));
	if (purpose_sets)
	{
		ps = hash_search(purpose_sets, key, HASH_FIND, NULL);
		if (ps)
			return ps->set;
	}
	set = load_set(purpose);	/* may process invalidations: only marks */
	if (purpose_sets == NULL)
	{
		HASHCTL		ctl;

		ctl.keysize = NAMEDATALEN;
		ctl.entrysize = sizeof(PurposeSet);
		ctl.hcxt = consent_cxt;
		purpose_sets = hash_create("pdp consent by purpose", 16, &ctl,
								   HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
	}
	ps = hash_search(purpose_sets, key, HASH_ENTER, NULL);
	ps->set = set;
	return set;
}

static SubjectSet *
cached_restricted(void)
{
	if (restricted == NULL)
		restricted = load_set(NULL);
	return restricted;
}

/*
 * The sets to filter by, pinned for the caller: *consented, the subjects
 * with a grant (possibly expired) for purpose (NULL purpose: NULL), and
 * *restricted, the restricted subjects.  Call pdp_consent_sync() first;
 * give each back with pdp_consent_release().
 */
void
pdp_consent_sets(const char *purpose, SubjectSet **consented, SubjectSet **restr)
{
	SubjectSet *c = NULL;
	SubjectSet *r;

	/*
	 * Loading may process invalidations, which only mark (drop_all); sets
	 * are freed only by pdp_consent_sync() and unpinning.  So c is still
	 * cached after r is loaded, and an error pins nothing.
	 */
	if (purpose)
		c = cached_consented(purpose);
	r = cached_restricted();
	if (c)
		subjectset_pin(c);
	subjectset_pin(r);
	*consented = c;
	*restr = r;
}

void
pdp_consent_release(SubjectSet *set)
{
	if (set)
		subjectset_unpin(set);
}

/* CREATE or DROP EXTENSION: whatever we hold belongs to another life */
static void
consent_namespace_callback(Datum arg, int cacheid, uint32 hashvalue)
{
	drop_all = true;
}

/*
 * A relcache invalidation of pdp.consent or pdp.restriction or of its
 * primary key (InvalidOid: of everything): on a standby, a replayed
 * change (consent_changes.c).  Only marks.
 */
static void
consent_relcache_callback(Datum arg, Oid relid)
{
	int			i;

	for (i = 0; i < 2; i++)
		if (relid == InvalidOid || (OidIsValid(rel_oid[i]) && relid == rel_oid[i]) ||
			(OidIsValid(rel_key[i]) && relid == rel_key[i]))
			table_changed[i] = true;
}

/*
 * has_consent(subject, purpose): subj/len is the subject's text, or NULL
 * for the integer ival.
 */
static bool
has_consent(const char *subj, int len, int64 ival, FunctionCallInfo fcinfo)
{
	SubjectSet *restr;
	SubjectSet *consented;
	char	   *purpose;
	TimestampTz now = GetCurrentStatementStartTimestamp();
	bool		result;

	if (PG_NARGS() > 1)
	{
		if (PG_ARGISNULL(1))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("purpose must not be NULL"),
					 errhint("Omit the argument to use the session's pdp.purpose.")));
		purpose = text_to_cstring(PG_GETARG_TEXT_PP(1));
	}
	else
	{
		/*
		 * Inside a statement pdp checks, the purpose it started under: a
		 * set_config() earlier in the same statement changes nothing.
		 */
		PdpStatement *st = fcinfo->flinfo ?
			pdp_statement_around(fcinfo->flinfo->fn_mcxt) : NULL;
		const char *declared = st ? st->purpose :
			((pdp_purpose && pdp_purpose[0]) ? pdp_purpose : NULL);

		if (declared == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_OBJECT),
					 errmsg("pdp.purpose is not set"),
					 errhint("SET pdp.purpose, or name the purpose: pdp.has_consent(subject, purpose).")));
		purpose = pstrdup(declared);
	}
	if (!pdp_purpose_known(purpose))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("purpose \"%s\" does not exist", purpose),
				 errhint("pdp.purpose lists the defined purposes.")));
	pdp_require_purpose_holder(purpose, psprintf("check consent for purpose \"%s\"", purpose));

	pdp_consent_sync();
	pdp_consent_sets(purpose, &consented, &restr);
	if (subj == NULL)
		result = !subjectset_contains_int(restr, ival, now) &&
			subjectset_contains_int(consented, ival, now);
	else
		result = !subjectset_contains(restr, subj, len, now) &&
			subjectset_contains(consented, subj, len, now);
	pdp_consent_release(consented);
	pdp_consent_release(restr);
	return result;
}

static void
subject_not_null(FunctionCallInfo fcinfo)
{
	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("subject must not be NULL")));
}

/* pdp.has_consent(subject text [, purpose text]) */
Datum
pdp_has_consent(PG_FUNCTION_ARGS)
{
	text	   *subject;

	subject_not_null(fcinfo);
	subject = PG_GETARG_TEXT_PP(0);
	PG_RETURN_BOOL(has_consent(VARDATA_ANY(subject), VARSIZE_ANY_EXHDR(subject), 0, fcinfo));
}

/* pdp.has_consent(subject bigint [, purpose text]) */
Datum
pdp_has_consent_int8(PG_FUNCTION_ARGS)
{
	subject_not_null(fcinfo);
	PG_RETURN_BOOL(has_consent(NULL, 0, PG_GETARG_INT64(0), fcinfo));
}

void
pdp_consent_init(void)
{
	consent_cxt = AllocSetContextCreate(TopMemoryContext, "pdp consent cache",
										ALLOCSET_DEFAULT_SIZES);
	pdp_consent_changes_init();
	CacheRegisterSyscacheCallback(NAMESPACEOID, consent_namespace_callback, (Datum) 0);
	CacheRegisterRelcacheCallback(consent_relcache_callback, (Datum) 0);
}
