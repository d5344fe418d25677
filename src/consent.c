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
 * Freshness.  A statement trigger on both tables marks the transaction;
 * when it commits, a shared counter is bumped, and every backend compares
 * the counter with the value its cache was loaded at before each statement
 * (rowfilter.c) or each has_consent() call, so a withdrawal or a
 * restriction committed in one session applies to the next statement of
 * every session, inside open transactions too.  The changing backend drops
 * its own cache at once (it sees its own changes) and again when its
 * transaction or a subtransaction ends.  Loads read the tables under a
 * fresh snapshot, as the configuration cache does.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"

#include "access/htup_details.h"
#include "access/genam.h"
#include "access/table.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "commands/trigger.h"
#include "miscadmin.h"
#include "port/atomics.h"
#include "storage/ipc.h"
#include "storage/shmem.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/syscache.h"

PG_FUNCTION_INFO_V1(pdp_consent_changed);
PG_FUNCTION_INFO_V1(pdp_has_consent);
PG_FUNCTION_INFO_V1(pdp_has_consent_int8);

typedef struct PurposeSet
{
	char		purpose[NAMEDATALEN];
	SubjectSet *set;
} PurposeSet;

/* Shared: bumped by every commit that changed consent or restrictions */
typedef struct ConsentShared
{
	pg_atomic_uint64 generation;
} ConsentShared;

static ConsentShared *consent_shared = NULL;
static shmem_request_hook_type prev_shmem_request_hook = NULL;
static shmem_startup_hook_type prev_shmem_startup_hook = NULL;

static MemoryContext consent_cxt = NULL;	/* everything below; reset to drop */
static HTAB *purpose_sets = NULL;
static SubjectSet *restricted = NULL;
static uint64 loaded_gen = 0;
static bool local_dirty = true;
static bool xact_changed = false;

/* pdp.consent and pdp.restriction, column positions as in the SQL script */
#define CONSENT_SUBJECT		0
#define CONSENT_PURPOSE		1
#define CONSENT_EXPIRES		2
#define RESTRICTION_SUBJECT	0

static void
consent_shmem_request(void)
{
	if (prev_shmem_request_hook)
		prev_shmem_request_hook();
	RequestAddinShmemSpace(MAXALIGN(sizeof(ConsentShared)));
}

static void
consent_shmem_startup(void)
{
	bool		found;

	if (prev_shmem_startup_hook)
		prev_shmem_startup_hook();
	LWLockAcquire(AddinShmemInitLock, LW_EXCLUSIVE);
	consent_shared = ShmemInitStruct("pdp consent", sizeof(ConsentShared), &found);
	if (!found)
		pg_atomic_init_u64(&consent_shared->generation, 1);
	LWLockRelease(AddinShmemInitLock);
}

/*
 * Drop the cache if anything changed since it was loaded.  Sets returned
 * by the functions below stay valid until the next call of this one.
 */
void
pdp_consent_sync(void)
{
	uint64		gen = pg_atomic_read_u64(&consent_shared->generation);

	if (gen == loaded_gen && !local_dirty)
		return;
	MemoryContextReset(consent_cxt);
	purpose_sets = NULL;
	restricted = NULL;
	loaded_gen = gen;
	local_dirty = false;
}

/*
 * Load the subjects of one of the current-state tables: all of them, or
 * (purpose != NULL) those of one purpose.
 */
static SubjectSet *
load_set(const char *table, const char *purpose)
{
	Oid			nsp = get_namespace_oid(PDP_SCHEMA, false);
	Oid			relid = get_relname_relid(table, nsp);
	Relation	rel;
	SysScanDesc scan;
	HeapTuple	tup;
	TupleDesc	desc;
	int			plen = purpose ? strlen(purpose) : 0;
	uint64		gen = pg_atomic_read_u64(&consent_shared->generation);
	SubjectSet *set;

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("extension pdp is not installed in this database"),
				 errhint("Run CREATE EXTENSION pdp.")));
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
	 * A change committed while we read is reflected or not; the counter
	 * moved either way, so the next check reloads.
	 */
	if (gen != pg_atomic_read_u64(&consent_shared->generation))
		local_dirty = true;
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
			ps->set = load_set("consent", purpose);
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
		restricted = load_set("restriction", NULL);
	return restricted;
}

/*
 * Statement trigger on pdp.consent and pdp.restriction: this backend sees
 * the change from its next check; every backend after commit.
 */
Datum
pdp_consent_changed(PG_FUNCTION_ARGS)
{
	pdp_trigger_data(fcinfo, "pdp._consent_changed");
	xact_changed = true;
	local_dirty = true;
	PG_RETURN_POINTER(NULL);
}

static void
consent_xact_callback(XactEvent event, void *arg)
{
	if (!xact_changed)
		return;
	switch (event)
	{
		case XACT_EVENT_PRE_PREPARE:
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("cannot PREPARE a transaction that changed consent or restrictions"),
					 errhint("Commit it directly: other sessions learn of the change at commit.")));
			break;
		case XACT_EVENT_COMMIT:
		case XACT_EVENT_PARALLEL_COMMIT:
			pg_atomic_fetch_add_u64(&consent_shared->generation, 1);
			xact_changed = false;
			local_dirty = true;
			break;
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PARALLEL_ABORT:
			xact_changed = false;
			local_dirty = true;
			break;
		default:
			break;
	}
}

static void
consent_subxact_callback(SubXactEvent event, SubTransactionId mySubid,
						 SubTransactionId parentSubid, void *arg)
{
	/* the cache may hold what the subtransaction did */
	if (event == SUBXACT_EVENT_ABORT_SUB && xact_changed)
		local_dirty = true;
}

/* CREATE or DROP EXTENSION: whatever we hold belongs to another life */
static void
consent_namespace_callback(Datum arg, int cacheid, uint32 hashvalue)
{
	local_dirty = true;
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
	prev_shmem_request_hook = shmem_request_hook;
	shmem_request_hook = consent_shmem_request;
	prev_shmem_startup_hook = shmem_startup_hook;
	shmem_startup_hook = consent_shmem_startup;
	RegisterXactCallback(consent_xact_callback, NULL);
	RegisterSubXactCallback(consent_subxact_callback, NULL);
	CacheRegisterSyscacheCallback(NAMESPACEOID, consent_namespace_callback, (Datum) 0);
}
