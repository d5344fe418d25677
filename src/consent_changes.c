/*-------------------------------------------------------------------------
 * consent_changes.c
 *	  Which subjects' consent or restriction changed, so that every
 *	  backend's cache (consent.c) re-reads just those.
 *
 * A row trigger on pdp.consent and pdp.restriction notes each subject (and
 * purpose) a transaction changes.  When the transaction commits - after it
 * is visible to new snapshots - the notes are appended to a ring in shared
 * memory, each under the next value of a shared generation counter.  A
 * backend remembers the generation its cache is current with; before each
 * statement (or has_consent call) it reads the counter, and if it moved,
 * applies the ring's entries since.  An entry always names a change that a
 * fresh snapshot sees, and a cache loaded after reading the counter already
 * reflects every change at or below it, so nothing is missed.
 *
 * Too many changes at once (a bulk load, TRUNCATE, a subject id longer
 * than the ring holds), or a backend that fell more than the ring behind,
 * make backends drop their cache and load it again.
 *
 * The changing backend sees its own changes before they commit: it
 * re-reads the subjects it touched at its next check, and again after a
 * rollback of the transaction or of a subtransaction.
 *
 * Hot standbys.  Replay runs no triggers, so a standby's ring stays empty.
 * Instead a transaction that changed pdp.consent or pdp.restriction also
 * registers a relcache invalidation of the changed table's primary key
 * just before it commits (of the key: no plan depends on it, so backends
 * on the primary do not plan again).  PostgreSQL writes it into the
 * commit record, and a standby's startup process sends it to every
 * backend there right after making the commit visible.  consent.c drops
 * the sets of that table on a standby when it sees one.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"

#include "catalog/pg_type.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "commands/trigger.h"
#include "miscadmin.h"
#include "port/atomics.h"
#include "storage/ipc.h"
#include "storage/lwlock.h"
#include "storage/shmem.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/syscache.h"

PG_FUNCTION_INFO_V1(pdp_consent_changed);

#define RING_SIZE		4096	/* entries in shared memory */
#define LOCAL_MAX		1024	/* changes one transaction notes one by one */

typedef struct RingEntry
{
	uint64		gen;
	bool		reset;			/* everything changed: reload */
	PdpConsentChange change;
} RingEntry;

typedef struct ChangeShared
{
	LWLock	   *lock;
	pg_atomic_uint64 generation;	/* of the newest entry */
	RingEntry	ring[RING_SIZE];
} ChangeShared;

static ChangeShared *shared = NULL;

/* this transaction's changes */
static PdpConsentChange *mine = NULL;	/* LOCAL_MAX entries, TopMemoryContext */
static int	nmine = 0;
static int	applied = 0;		/* of mine, re-read by this backend's cache */
static bool overflow = false;	/* more than LOCAL_MAX, or TRUNCATE */
static uint64 local_gen = 1;	/* bumped by every own change and rollback */
static Oid	touched[2];			/* to invalidate: pdp.consent, pdp.restriction */

/* changes of rolled back transactions, to re-read once more */
static PdpConsentChange *undone = NULL;
static int	nundone = 0;
static bool reset_pending = false;	/* this backend must reload everything */

Size
pdp_consent_changes_shmem_size(void)
{
	return MAXALIGN(sizeof(ChangeShared));
}

void
pdp_consent_changes_shmem_request(void)
{
	RequestNamedLWLockTranche("pdp consent changes", 1);
}

/* Create or attach (pdp.c's shmem_startup_hook, under AddinShmemInitLock) */
void
pdp_consent_changes_shmem_init(void)
{
	bool		found;

	shared = ShmemInitStruct("pdp consent changes", pdp_consent_changes_shmem_size(), &found);
	if (!found)
	{
		memset(shared, 0, pdp_consent_changes_shmem_size());
		shared->lock = &(GetNamedLWLockTranche("pdp consent changes"))->lock;
		pg_atomic_init_u64(&shared->generation, 0);
	}
}

uint64
pdp_consent_generation(void)
{
	return pg_atomic_read_u64(&shared->generation);
}

static bool
change_sane(const PdpConsentChange *c)
{
	return c->len >= 0 && c->len <= PDP_CHANGE_SUBJECT_MAX &&
		memchr(c->purpose, '\0', NAMEDATALEN) != NULL;
}

/*
 * Apply the changes committed since *seen, oldest first, and move *seen.
 * False when the caller must drop its cache instead (and reload it later).
 */
bool
pdp_consent_changes_since(uint64 *seen, pdp_change_fn fn)
{
	uint64		cur = pg_atomic_read_u64(&shared->generation);
	uint64		n;
	uint64		g;
	RingEntry  *copy;
	bool		ok = true;

	if (cur == *seen)
		return true;
	if (cur < *seen || cur - *seen > RING_SIZE)
	{
		*seen = cur;
		return false;
	}
	LWLockAcquire(shared->lock, LW_SHARED);
	cur = pg_atomic_read_u64(&shared->generation);
	n = cur - *seen;
	if (n > RING_SIZE)
	{
		LWLockRelease(shared->lock);
		*seen = cur;
		return false;
	}
	copy = palloc(n * sizeof(RingEntry));
	for (g = *seen + 1; g <= cur; g++)
		copy[g - *seen - 1] = shared->ring[g % RING_SIZE];
	LWLockRelease(shared->lock);
	*seen = cur;

	/* entries come from shared memory: a bad one means reload everything */
	for (g = 0; g < n && ok; g++)
		ok = !copy[g].reset && change_sane(&copy[g].change);
	for (g = 0; g < n && ok; g++)
		fn(&copy[g].change);
	pfree(copy);
	return ok;
}

/*
 * Apply this backend's own changes not applied yet (fn NULL: only take
 * note that the caller's cache already reflects them).  *seen_local is the
 * caller's mark.  False when the caller must drop its cache instead: after
 * a rollback it cannot follow, or while this transaction has changed more
 * than can be followed one by one - then only if something changed since
 * the caller's last reload, which saw everything up to its mark.
 */
bool
pdp_consent_local_changes(uint64 *seen_local, pdp_change_fn fn)
{
	int			i;

	if (reset_pending || overflow)
	{
		bool		same = !reset_pending && *seen_local == local_gen;

		reset_pending = false;
		nundone = 0;
		applied = nmine;
		*seen_local = local_gen;
		return same || fn == NULL;
	}
	if (fn)
	{
		for (i = 0; i < nundone; i++)
			fn(&undone[i]);
		for (; applied < nmine; applied++)
			fn(&mine[applied]);
	}
	nundone = 0;
	applied = nmine;
	*seen_local = local_gen;
	return true;
}

static void
note(bool restriction, const char *purpose, text *subject)
{
	PdpConsentChange *c;
	int			len = VARSIZE_ANY_EXHDR(subject);

	local_gen++;
	if (overflow)
		return;
	if (nmine == LOCAL_MAX || len > PDP_CHANGE_SUBJECT_MAX ||
		(purpose && strlen(purpose) >= NAMEDATALEN))
	{
		overflow = true;
		return;
	}
	if (mine == NULL)
		mine = MemoryContextAlloc(TopMemoryContext, LOCAL_MAX * sizeof(PdpConsentChange));
	c = &mine[nmine++];
	memset(c, 0, offsetof(PdpConsentChange, subject));
	c->restriction = restriction;
	if (purpose)
		strlcpy(c->purpose, purpose, NAMEDATALEN);
	c->len = len;
	memcpy(c->subject, VARDATA_ANY(subject), len);
}

/*
 * For standbys, the relation whose relcache invalidation says the table
 * changed: its primary key, which no plan depends on (an invalidation of
 * the table would make every backend plan its statements on it again),
 * or the table if it has lost its key.
 */
static void
touch(Relation rel, bool restriction)
{
	Oid			key = RelationGetPrimaryKeyIndex(rel);

	touched[restriction ? 1 : 0] = OidIsValid(key) ? key : RelationGetRelid(rel);
}

static void
note_tuple(Relation rel, HeapTuple tup)
{
	static const PdpColumnSpec spec[2] = {{"subject", TEXTOID}, {"purpose", TEXTOID}};
	TupleDesc	desc = RelationGetDescr(rel);
	bool		restriction = strcmp(RelationGetRelationName(rel), "restriction") == 0;
	AttrNumber	attnums[2];
	bool		isnull;
	Datum		subject;
	char	   *purpose = NULL;

	touch(rel, restriction);

	pdp_map_columns(rel, spec, restriction ? 1 : 2, attnums);
	subject = heap_getattr(tup, attnums[0], desc, &isnull);
	if (isnull)
		return;
	if (!restriction)
	{
		Datum		p = heap_getattr(tup, attnums[1], desc, &isnull);

		if (isnull)
			return;
		purpose = TextDatumGetCString(p);
	}
	note(restriction, purpose, DatumGetTextPP(subject));
}

/*
 * Row trigger on pdp.consent and pdp.restriction (statement trigger for
 * TRUNCATE): note what changed.
 */
Datum
pdp_consent_changed(PG_FUNCTION_ARGS)
{
	TriggerData *td = pdp_trigger_data(fcinfo, "pdp._consent_changed");

	if (TRIGGER_FIRED_BY_TRUNCATE(td->tg_event) || !TRIGGER_FIRED_FOR_ROW(td->tg_event))
	{
		touch(td->tg_relation,
			  strcmp(RelationGetRelationName(td->tg_relation), "restriction") == 0);
		overflow = true;
		local_gen++;
	}
	else
	{
		note_tuple(td->tg_relation, td->tg_trigtuple);
		if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
			note_tuple(td->tg_relation, td->tg_newtuple);
	}
	return PointerGetDatum(NULL);
}

/* Committed: append this transaction's changes to the ring */
static void
publish(void)
{
	uint64		gen;
	int			i;

	LWLockAcquire(shared->lock, LW_EXCLUSIVE);
	gen = pg_atomic_read_u64(&shared->generation);
	if (overflow)
	{
		RingEntry  *e = &shared->ring[++gen % RING_SIZE];

		e->gen = gen;
		e->reset = true;
	}
	else
	{
		for (i = 0; i < nmine; i++)
		{
			RingEntry  *e = &shared->ring[++gen % RING_SIZE];

			e->gen = gen;
			e->reset = false;
			e->change = mine[i];
		}
	}
	pg_write_barrier();
	pg_atomic_write_u64(&shared->generation, gen);
	LWLockRelease(shared->lock);
}

/*
 * About to commit: have the commit record carry a relcache invalidation
 * for each table changed, for hot standbys (see the header).  A relation
 * dropped in this transaction needs none: its drop invalidates it.
 */
static void
invalidate_for_standbys(void)
{
	int			i;

	for (i = 0; i < 2; i++)
		if (OidIsValid(touched[i]) &&
			SearchSysCacheExists1(RELOID, ObjectIdGetDatum(touched[i])))
			CacheInvalidateRelcacheByRelid(touched[i]);
}

static void
changes_xact_callback(XactEvent event, void *arg)
{
	if (event == XACT_EVENT_PRE_COMMIT)
	{
		invalidate_for_standbys();
		return;
	}
	if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT ||
		event == XACT_EVENT_PARALLEL_COMMIT || event == XACT_EVENT_PARALLEL_ABORT)
		touched[0] = touched[1] = InvalidOid;
	if (nmine == 0 && !overflow)
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
			/* the ring brings our changes back to us too */
			publish();
			nmine = applied = 0;
			overflow = false;
			break;
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PARALLEL_ABORT:
			/* the cache may hold what was rolled back: re-read it */
			local_gen++;
			if (overflow || nundone + nmine > LOCAL_MAX)
				reset_pending = true;
			else if (nmine > 0)
			{
				if (undone == NULL)
					undone = MemoryContextAlloc(TopMemoryContext,
												LOCAL_MAX * sizeof(PdpConsentChange));
				memcpy(&undone[nundone], mine, nmine * sizeof(PdpConsentChange));
				nundone += nmine;
			}
			nmine = applied = 0;
			overflow = false;
			break;
		default:
			break;
	}
}

static void
changes_subxact_callback(SubXactEvent event, SubTransactionId mySubid,
						 SubTransactionId parentSubid, void *arg)
{
	/* re-read everything this transaction touched, the undone part too */
	if (event == SUBXACT_EVENT_ABORT_SUB)
	{
		applied = 0;
		local_gen++;
	}
}

void
pdp_consent_changes_init(void)
{
	RegisterXactCallback(changes_xact_callback, NULL);
	RegisterSubXactCallback(changes_subxact_callback, NULL);
}
