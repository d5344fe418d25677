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
 *-------------------------------------------------------------------------
 */
#include "pdp.h"

#include "access/htup_details.h"
#include "access/genam.h"
#include "access/table.h"
#include "access/xact.h"
#include "catalog/index.h"
#include "catalog/namespace.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/fmgroids.h"
#include "utils/syscache.h"

PG_FUNCTION_INFO_V1(pdp_has_consent);
PG_FUNCTION_INFO_V1(pdp_has_consent_int8);

typedef struct PurposeSet
{
	char		purpose[NAMEDATALEN];
	SubjectSet *set;
} PurposeSet;

static MemoryContext consent_cxt = NULL;	/* everything below; reset to drop */
static HTAB *purpose_sets = NULL;
static SubjectSet *restricted = NULL;
static uint64 loaded_gen = 0;	/* of consent_changes.c */
static bool drop_all = false;	/* extension created or dropped */
static Oid	rel_oid[2];			/* pdp.consent, pdp.restriction */
static Oid	pkey_oid[2];		/* and their primary keys */

/* pdp.consent and pdp.restriction, column positions as in the SQL script */
#define CONSENT_SUBJECT		0
#define CONSENT_PURPOSE		1
#define CONSENT_EXPIRES		2
#define RESTRICTION_SUBJECT	0

static void
drop_cache(void)
{
	MemoryContextReset(consent_cxt);
	purpose_sets = NULL;
	restricted = NULL;
}

/* Oid of pdp.consent (which = 0) or pdp.restriction (1), or of its key */
static Oid
table_oid(int which, bool pkey)
{
	if (!OidIsValid(rel_oid[which]))
	{
		static const char *const names[2] = {"consent", "restriction"};
		static const char *const keys[2] = {"consent_pkey", "restriction_pkey"};
		rel_oid[which] = pdp_extension_relid(names[which]);
		if (OidIsValid(rel_oid[which]))
		{
			/* the key is the table's own, not just an index of that name */
			pkey_oid[which] = get_relname_relid(keys[which],
												get_rel_namespace(rel_oid[which]));
			if (OidIsValid(pkey_oid[which]) &&
				IndexGetRelation(pkey_oid[which], true) != rel_oid[which])
				pkey_oid[which] = InvalidOid;
		}
		if (!OidIsValid(rel_oid[which]) || !OidIsValid(pkey_oid[which]))
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("extension pdp is not installed in this database"),
					 errhint("Run CREATE EXTENSION pdp.")));
	}
	return pkey ? pkey_oid[which] : rel_oid[which];
}

/* Make set say what the table says now about one subject */
static void
refresh_subject(SubjectSet *set, const PdpConsentChange *c)
{
	int			which = c->restriction ? 1 : 0;
	Relation	rel = table_open(table_oid(which, false), AccessShareLock);
	ScanKeyData keys[2];
	SysScanDesc scan;
	HeapTuple	tup;
	int			nkeys = 0;

	/*
	 * The key columns are COLLATE "C", ScanKeyInit's collation; keys in the
	 * order of the index: (purpose, subject), or (subject)
	 */
	if (!c->restriction)
		ScanKeyInit(&keys[nkeys++], 2, BTEqualStrategyNumber, F_TEXTEQ,
					CStringGetTextDatum(c->purpose));
	ScanKeyInit(&keys[nkeys++], 1, BTEqualStrategyNumber, F_TEXTEQ,
				PointerGetDatum(cstring_to_text_with_len(c->subject, c->len)));
	scan = systable_beginscan(rel, table_oid(which, true), true, NULL, nkeys, keys);
	subjectset_remove(set, c->subject, c->len);
	if (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		TimestampTz expires = DT_NOEND;

		if (!c->restriction)
		{
			bool		isnull;
			Datum		d = heap_getattr(tup, CONSENT_EXPIRES + 1, RelationGetDescr(rel), &isnull);

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
 * backend's own.  Sets returned by the functions below stay valid until
 * the next call of this one.
 */
void
pdp_consent_sync(void)
{
	if (drop_all)
	{
		drop_cache();
		rel_oid[0] = rel_oid[1] = InvalidOid;
		drop_all = false;
	}
	if (purpose_sets == NULL && restricted == NULL)
	{
		/* nothing loaded: what is loaded next is current with this */
		loaded_gen = pdp_consent_generation();
		(void) pdp_consent_local_changes(apply_change);
		return;
	}
	if (!pdp_consent_changes_since(&loaded_gen, apply_change) ||
		!pdp_consent_local_changes(apply_change))
		drop_cache();
}

/*
 * Load the subjects of one of the current-state tables: all of them, or
 * (purpose != NULL) those of one purpose.
 */
static SubjectSet *
load_set(const char *purpose)
{
	Oid			relid = table_oid(purpose ? 0 : 1, false);
	Relation	rel;
	SysScanDesc scan;
	HeapTuple	tup;
	TupleDesc	desc;
	int			plen = purpose ? strlen(purpose) : 0;
	SubjectSet *set;

	rel = table_open(relid, AccessShareLock);
	desc = RelationGetDescr(rel);
	set = subjectset_create(consent_cxt);
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

			d = heap_getattr(tup, CONSENT_PURPOSE + 1, desc, &isnull);
			if (isnull)
				continue;
			p = DatumGetTextPP(d);
			if (VARSIZE_ANY_EXHDR(p) != plen || memcmp(VARDATA_ANY(p), purpose, plen) != 0)
				continue;
			d = heap_getattr(tup, CONSENT_EXPIRES + 1, desc, &isnull);
			if (!isnull)
				expires = DatumGetTimestampTz(d);
		}
		d = heap_getattr(tup, (purpose ? CONSENT_SUBJECT : RESTRICTION_SUBJECT) + 1,
						 desc, &isnull);
		if (!isnull)
		{
			text	   *t = DatumGetTextPP(d);

			subjectset_add(set, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), expires);
		}
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	subjectset_finish(set);

	/*
	 * A change committed while we read may be reflected or not: its entry
	 * in the ring is above loaded_gen either way, and the next check
	 * re-reads that subject.
	 */
	return set;
}

/* The subjects with a grant (possibly expired) for purpose */
SubjectSet *
pdp_consented_set(const char *purpose)
{
	PurposeSet *ps;
	bool		found;
	char		key[NAMEDATALEN];

	if (strlen(purpose) >= NAMEDATALEN)
		return NULL;			/* no purpose has such a name */
	if (purpose_sets == NULL)
	{
		HASHCTL		ctl;

		ctl.keysize = NAMEDATALEN;
		ctl.entrysize = sizeof(PurposeSet);
		ctl.hcxt = consent_cxt;
		purpose_sets = hash_create("pdp consent by purpose", 16, &ctl,
								   HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
	}
	memset(key, 0, sizeof(key));
	strlcpy(key, purpose, sizeof(key));
	ps = hash_search(purpose_sets, key, HASH_ENTER, &found);
	if (!found)
	{
		ps->set = NULL;
		PG_TRY();
		{
			ps->set = load_set(purpose);
		}
		PG_CATCH();
		{
			hash_search(purpose_sets, key, HASH_REMOVE, NULL);
			PG_RE_THROW();
		}
		PG_END_TRY();
	}
	return ps->set;
}

/* The subjects whose processing is restricted */
SubjectSet *
pdp_restricted_set(void)
{
	if (restricted == NULL)
		restricted = load_set(NULL);
	return restricted;
}

/* CREATE or DROP EXTENSION: whatever we hold belongs to another life */
static void
consent_namespace_callback(Datum arg, int cacheid, uint32 hashvalue)
{
	drop_all = true;
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
		if (pdp_purpose == NULL || pdp_purpose[0] == '\0')
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_OBJECT),
					 errmsg("pdp.purpose is not set"),
					 errhint("SET pdp.purpose, or name the purpose: pdp.has_consent(subject, purpose).")));
		purpose = pdp_purpose;
	}
	if (!pdp_purpose_known(purpose))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("purpose \"%s\" does not exist", purpose),
				 errhint("pdp.purpose lists the defined purposes.")));
	pdp_require_purpose_holder(purpose, psprintf("check consent for purpose \"%s\"", purpose));

	pdp_consent_sync();
	restr = pdp_restricted_set();
	consented = pdp_consented_set(purpose);
	if (subj == NULL)
		return !subjectset_contains_int(restr, ival, now) &&
			subjectset_contains_int(consented, ival, now);
	return !subjectset_contains(restr, subj, len, now) &&
		subjectset_contains(consented, subj, len, now);
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
}
