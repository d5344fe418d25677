/*-------------------------------------------------------------------------
 * limits.c
 *	  The bulk-disclosure guard: rows of personal data per statement, and
 *	  per role and purpose over a rolling 24 hours.
 *
 * Per statement.  A statement that carries tagged values onward under a
 * purpose with a limit gets a row guard: every plan node whose rows carry
 * them (flow.h: the rows a query returns, the rows feeding a write, the
 * input of an aggregate over tagged values) has its ExecProcNodeReal
 * wrapped by one counter.  A tagged column only filtered on counts
 * nothing.  Wrapping
 * ExecProcNodeReal rather than ExecProcNode keeps us in the path whatever
 * ExecProcNodeFirst installs.  Row max + 1 is stopped before it is
 * returned: in enforce mode with ERROR, otherwise recorded once.  A cursor
 * keeps its guard, and its count, across FETCHes.  COPY table TO is run as
 * COPY (SELECT ...) TO (hooks.c), so it is counted the same way.
 *
 * Per day.  Rows are added to a shared-memory table keyed by database, role
 * and purpose, in 96 buckets of 15 minutes; the sum of the buckets is the
 * rolling 24-hour usage.  A statement checks the usage when it starts and
 * adds its rows as it goes (every SYNC_ROWS rows and at its end), so
 * sessions of the same role see each other's reads.  The table is saved to
 * pg_stat/pdp_quota.stat at a clean shutdown and read back at startup, as
 * pg_stat_statements does; a crash loses it.
 *
 * For the cluster.  Each entry also holds a remote part: the summed counts
 * of every other server of a replicated cluster, in the same buckets,
 * replaced wholesale by pdp_quota_set_remote() (quota_cluster.c loads them
 * from pdp.quota_counts).  The limit is checked against own + remote; only
 * the own part is this server's to save, export and publish.  A server that
 * started without its file (crash, pg_upgrade, first start) may be seeded
 * once from its own published row: pdp_quota_seed_pending(),
 * pdp_quota_seed().
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"
#include "statement.h"

#include "access/xact.h"
#include "executor/executor.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "nodes/execnodes.h"
#include "nodes/nodeFuncs.h"
#include "storage/fd.h"
#include "storage/ipc.h"
#include "storage/lwlock.h"
#include "storage/shmem.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

PG_FUNCTION_INFO_V1(pdp_quota_usage);

#define QUOTA_BUCKETS		96
#define QUOTA_BUCKET_USEC	((int64) 15 * 60 * USECS_PER_SEC)
#define SYNC_ROWS			1024
#define QUOTA_FILE			"pg_stat/pdp_quota.stat"
#define QUOTA_FILE_MAGIC	0x70647071	/* "pdpq" */


typedef struct QuotaKey
{
	Oid			dbid;
	Oid			role;
	char		purpose[NAMEDATALEN];
} QuotaKey;

/* the file holds the own part only, in the layout of pdp 1.0 */
typedef struct QuotaFileEntry
{
	QuotaKey	key;
	int64		last_bucket;	/* absolute number of the newest bucket */
	int64		counts[QUOTA_BUCKETS];
} QuotaFileEntry;

typedef struct QuotaEntry
{
	QuotaKey	key;
	int64		last_bucket;	/* absolute number of the newest bucket */
	int64		counts[QUOTA_BUCKETS];	/* this server's reads */
	int64		remote[QUOTA_BUCKETS];	/* the other servers', same buckets */
} QuotaEntry;

StaticAssertDecl(QUOTA_BUCKETS == PDP_QUOTA_BUCKETS, "bucket counts differ");

typedef struct QuotaShared
{
	LWLock	   *lock;
	uint64		changes;		/* own counts changed (under lock) */
	bool		seed_pending;	/* started without the file, not seeded yet */
	int64		remote_dropped; /* remote parts not stored: table full */
} QuotaShared;

static QuotaShared *quota = NULL;
static HTAB *quota_hash = NULL;


/* Bring e up to now: buckets older than 24 hours are emptied */
static void
advance(QuotaEntry *e, int64 now_bucket)
{
	int64		b;

	if (now_bucket - e->last_bucket >= QUOTA_BUCKETS)
	{
		memset(e->counts, 0, sizeof(e->counts));
		memset(e->remote, 0, sizeof(e->remote));
	}
	else
		for (b = e->last_bucket + 1; b <= now_bucket; b++)
		{
			e->counts[b % QUOTA_BUCKETS] = 0;
			e->remote[b % QUOTA_BUCKETS] = 0;
		}
	if (now_bucket > e->last_bucket)
		e->last_bucket = now_bucket;
}

/* the same for counts outside the table */
void
pdp_quota_advance(PdpQuotaCounts *c, int64 now_bucket)
{
	int64		b;

	if (now_bucket - c->last_bucket >= QUOTA_BUCKETS)
		memset(c->counts, 0, sizeof(c->counts));
	else
		for (b = c->last_bucket + 1; b <= now_bucket; b++)
			c->counts[b % QUOTA_BUCKETS] = 0;
	if (now_bucket > c->last_bucket)
		c->last_bucket = now_bucket;
}

static int64
own_usage(QuotaEntry *e)
{
	int64		sum = 0;
	int			i;

	for (i = 0; i < QUOTA_BUCKETS; i++)
		sum += e->counts[i];
	return sum;
}

static int64
remote_usage(QuotaEntry *e)
{
	int64		sum = 0;
	int			i;

	for (i = 0; i < QUOTA_BUCKETS; i++)
		sum += e->remote[i];
	return sum;
}

/* what the limit is checked against: this server's reads and the others' */
static int64
usage(QuotaEntry *e)
{
	return own_usage(e) + remote_usage(e);
}

static int64
current_bucket(void)
{
	return GetCurrentTimestamp() / QUOTA_BUCKET_USEC;
}

int64
pdp_quota_bucket_now(void)
{
	return current_bucket();
}

/* How much enter_entry() may reclaim when the table is full */
typedef enum QuotaReclaim
{
	RECLAIM_NONE,
	RECLAIM_IDLE,				/* entries with nothing in the last 24 hours */
	RECLAIM_REMOTE				/* and then those with only other servers' reads */
} QuotaReclaim;

/*
 * Enter key, reclaiming as allowed when the table is full.  This server's
 * own reads may push out what is known of other servers' (counted in
 * remote_dropped, and loaded again when there is room): keys of other
 * servers must never stop this server from counting its own.  Caller holds
 * the lock exclusively.  NULL: still full.  A new entry starts empty at now.
 */
static QuotaEntry *
enter_entry(const QuotaKey *key, int64 now, QuotaReclaim reclaim)
{
	QuotaEntry *e;
	bool		found;
	int			pass;

	e = hash_search(quota_hash, key, HASH_ENTER_NULL, &found);
	for (pass = RECLAIM_IDLE; e == NULL && pass <= (int) reclaim; pass++)
	{
		HASH_SEQ_STATUS seq;
		QuotaEntry *old;

		hash_seq_init(&seq, quota_hash);
		while ((old = hash_seq_search(&seq)) != NULL)
		{
			advance(old, now);
			if (usage(old) == 0)
				hash_search(quota_hash, &old->key, HASH_REMOVE, NULL);
			else if (pass == RECLAIM_REMOTE && own_usage(old) == 0)
			{
				quota->remote_dropped++;
				hash_search(quota_hash, &old->key, HASH_REMOVE, NULL);
			}
		}
		e = hash_search(quota_hash, key, HASH_ENTER_NULL, &found);
	}
	if (e != NULL && !found)
	{
		memset(e->counts, 0, sizeof(e->counts));
		memset(e->remote, 0, sizeof(e->remote));
		e->last_bucket = now;
	}
	return e;
}

/*
 * Add n rows for (role, purpose) in this database and return the usage
 * over the last 24 hours, n included.  Takes the quota lock.  When the
 * table is full: ERROR, or (quiet, during abort) the rows are not counted
 * and -1 is returned.
 */
static int64
quota_add(Oid role, const char *purpose, int64 n, bool quiet)
{
	QuotaKey	key;
	QuotaEntry *e;
	int64		now = current_bucket();
	int64		total;

	memset(&key, 0, sizeof(key));
	key.dbid = MyDatabaseId;
	key.role = role;
	strlcpy(key.purpose, purpose, NAMEDATALEN);

	LWLockAcquire(quota->lock, LW_EXCLUSIVE);
	e = enter_entry(&key, now, RECLAIM_REMOTE);
	if (e == NULL)
	{
		LWLockRelease(quota->lock);
		if (quiet)
			return -1;
		ereport(ERROR,
				(errcode(ERRCODE_CONFIGURATION_LIMIT_EXCEEDED),
				 errmsg("too many role and purpose pairs to count daily reads"),
				 errhint("Increase pdp.quota_max_entries.")));
	}
	advance(e, now);
	e->counts[e->last_bucket % QUOTA_BUCKETS] += n;
	if (n > 0)
		quota->changes++;
	total = usage(e);
	LWLockRelease(quota->lock);
	return total;
}

/*
 * pdp._quota_usage(): (role, purpose, records_24h) in this database, and
 * pdp._quota_usage_cluster(): the same and records_24h_here.  records_24h
 * is what the limit is checked against: this server's reads and the
 * latest known of the other servers'.
 */
Datum
pdp_quota_usage(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	HASH_SEQ_STATUS seq;
	QuotaEntry *e;
	int64		now = current_bucket();
	QuotaKey   *keys;
	int64	   *used;
	int64	   *here;
	int			n = 0;
	int			i;
	int			natts;

	InitMaterializedSRF(fcinfo, 0);
	natts = rsinfo->setDesc->natts;
	if (natts != 3 && natts != 4)
		elog(ERROR, "pdp: unexpected result type of the quota usage function");
	keys = palloc(sizeof(QuotaKey) * pdp_quota_max_entries);
	used = palloc(sizeof(int64) * pdp_quota_max_entries);
	here = palloc(sizeof(int64) * pdp_quota_max_entries);

	/* copy out under the lock, build the result after releasing it */
	LWLockAcquire(quota->lock, LW_EXCLUSIVE);
	hash_seq_init(&seq, quota_hash);
	while ((e = hash_seq_search(&seq)) != NULL)
	{
		if (e->key.dbid != MyDatabaseId || n >= pdp_quota_max_entries)
			continue;
		advance(e, now);
		keys[n] = e->key;
		here[n] = own_usage(e);
		used[n++] = usage(e);
	}
	LWLockRelease(quota->lock);

	for (i = 0; i < n; i++)
	{
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};

		values[0] = ObjectIdGetDatum(keys[i].role);
		values[1] = CStringGetTextDatum(keys[i].purpose);
		values[2] = Int64GetDatum(used[i]);
		values[3] = Int64GetDatum(here[i]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/*
 * This server's own counts with anything in the last 24 hours, advanced to
 * now, palloc'd in the current memory context; *changes: the change
 * counter they reflect.  No transaction needed.
 */
int
pdp_quota_own(PdpQuotaCounts **out, uint64 *changes)
{
	HASH_SEQ_STATUS seq;
	QuotaEntry *e;
	int64		now = current_bucket();
	PdpQuotaCounts *res;
	int			n = 0;

	res = palloc(sizeof(PdpQuotaCounts) * pdp_quota_max_entries);
	LWLockAcquire(quota->lock, LW_EXCLUSIVE);
	hash_seq_init(&seq, quota_hash);
	while ((e = hash_seq_search(&seq)) != NULL)
	{
		if (n >= pdp_quota_max_entries)
			continue;
		advance(e, now);
		if (own_usage(e) == 0)
			continue;
		res[n].dbid = e->key.dbid;
		res[n].role = e->key.role;
		memcpy(res[n].purpose, e->key.purpose, NAMEDATALEN);
		res[n].last_bucket = e->last_bucket;
		memcpy(res[n].counts, e->counts, sizeof(e->counts));
		n++;
	}
	if (changes)
		*changes = quota->changes;
	LWLockRelease(quota->lock);
	*out = res;
	return n;
}

/* Has this server's own usage changed since *changes was read? */
uint64
pdp_quota_changes(void)
{
	uint64		c;

	LWLockAcquire(quota->lock, LW_SHARED);
	c = quota->changes;
	LWLockRelease(quota->lock);
	return c;
}

static void
key_of(QuotaKey *key, const PdpQuotaCounts *c)
{
	memset(key, 0, sizeof(*key));
	key->dbid = c->dbid;
	key->role = c->role;
	memcpy(key->purpose, c->purpose, strnlen(c->purpose, NAMEDATALEN - 1));
}

/*
 * The entry for c's key (enter_entry()), brought up to now - or to c's
 * newest bucket, when c's clock is a little ahead: the newest of both is
 * the reference - and c shifted to the same buckets.  NULL: no room.
 */
static QuotaEntry *
aligned_entry(PdpQuotaCounts *c, int64 now, QuotaReclaim reclaim)
{
	QuotaKey	key;
	QuotaEntry *e;

	key_of(&key, c);
	e = enter_entry(&key, now, reclaim);
	if (e == NULL)
		return NULL;
	advance(e, now);
	if (c->last_bucket > e->last_bucket)
		advance(e, c->last_bucket);
	pdp_quota_advance(c, e->last_bucket);
	return e;
}

/*
 * Replace the remote part of every entry by sums (one per key, each bucket
 * at most PDP_QUOTA_COUNT_MAX).  Keys new to the table are entered; what
 * does not fit (table full) is not stored and counted: returns how many.
 */
int
pdp_quota_set_remote(const PdpQuotaCounts *sums, int n)
{
	HASH_SEQ_STATUS seq;
	QuotaEntry *e;
	int64		now = current_bucket();
	int			dropped = 0;
	int			i;

	/*
	 * Once the table is full after a reclaim, the rest only finds existing
	 * keys: a flood of keys must not rescan the table for each.
	 */
	LWLockAcquire(quota->lock, LW_EXCLUSIVE);
	hash_seq_init(&seq, quota_hash);
	while ((e = hash_seq_search(&seq)) != NULL)
	{
		/* what only other servers had read is entered again below if still so */
		memset(e->remote, 0, sizeof(e->remote));
		advance(e, now);
		if (own_usage(e) == 0)
			hash_search(quota_hash, &e->key, HASH_REMOVE, NULL);
	}
	for (i = 0; i < n; i++)
	{
		PdpQuotaCounts c = sums[i];
		int			j;

		e = aligned_entry(&c, now, dropped == 0 ? RECLAIM_IDLE : RECLAIM_NONE);
		if (e == NULL)
		{
			dropped++;
			continue;
		}
		for (j = 0; j < QUOTA_BUCKETS; j++)
			e->remote[j] = Min(Max(c.counts[j], 0), PDP_QUOTA_COUNT_MAX);
	}
	quota->remote_dropped += dropped;
	LWLockRelease(quota->lock);
	return dropped;
}

/* Did this server start without its saved counts, and not seed them yet? */
bool
pdp_quota_seed_pending(void)
{
	return quota->seed_pending;
}

/*
 * Seed the own part from this server's own published rows, once: each
 * bucket becomes the larger of what is counted and what was published.
 * Returns false if another process seeded first.
 */
bool
pdp_quota_seed(const PdpQuotaCounts *own, int n)
{
	int64		now = current_bucket();
	int			skipped = 0;
	int			i;

	LWLockAcquire(quota->lock, LW_EXCLUSIVE);
	if (!quota->seed_pending)
	{
		LWLockRelease(quota->lock);
		return false;
	}
	quota->seed_pending = false;
	for (i = 0; i < n; i++)
	{
		QuotaEntry *e;
		PdpQuotaCounts c = own[i];
		int			j;

		e = aligned_entry(&c, now, skipped == 0 ? RECLAIM_REMOTE : RECLAIM_NONE);
		if (e == NULL)
		{
			skipped++;
			continue;
		}
		for (j = 0; j < QUOTA_BUCKETS; j++)
			e->counts[j] = Max(e->counts[j], Min(Max(c.counts[j], 0), PDP_QUOTA_COUNT_MAX));
	}
	quota->changes++;
	LWLockRelease(quota->lock);
	return true;
}

Size
pdp_limits_shmem_size(void)
{
	return add_size(MAXALIGN(sizeof(QuotaShared)),
					hash_estimate_size(pdp_quota_max_entries, sizeof(QuotaEntry)));
}

void
pdp_limits_shmem_request(void)
{
	RequestNamedLWLockTranche("pdp quota", 1);
}

/* Postmaster exit: save the table for the next start */
static void
quota_save(int code, Datum arg)
{
	FILE	   *f;
	HASH_SEQ_STATUS seq;
	QuotaEntry *e;
	uint32		magic = QUOTA_FILE_MAGIC;
	int32		n;

	/* after a crash, what is in memory cannot be trusted */
	if (code != 0 || !quota_hash)
		return;
	f = AllocateFile(QUOTA_FILE ".tmp", PG_BINARY_W);
	if (f == NULL)
		goto error;
	n = hash_get_num_entries(quota_hash);
	if (fwrite(&magic, sizeof(magic), 1, f) != 1 || fwrite(&n, sizeof(n), 1, f) != 1)
		goto error;
	hash_seq_init(&seq, quota_hash);
	while ((e = hash_seq_search(&seq)) != NULL)
	{
		QuotaFileEntry out;

		out.key = e->key;
		out.last_bucket = e->last_bucket;
		memcpy(out.counts, e->counts, sizeof(out.counts));
		if (fwrite(&out, sizeof(out), 1, f) != 1)
		{
			hash_seq_term(&seq);
			goto error;
		}
	}
	if (FreeFile(f))
	{
		f = NULL;
		goto error;
	}
	(void) durable_rename(QUOTA_FILE ".tmp", QUOTA_FILE, LOG);
	return;

error:
	ereport(LOG,
			(errcode_for_file_access(),
			 errmsg("pdp: could not write file \"%s\": %m", QUOTA_FILE ".tmp")));
	if (f)
		FreeFile(f);
	unlink(QUOTA_FILE ".tmp");
}

/*
 * Is an entry read back from the file sane?  The file is the server's, but
 * anyone with the data directory can write it: a purpose without its
 * terminating NUL, negative or absurd counts, a bucket in the future.
 */
static bool
entry_sane(const QuotaFileEntry *e, int64 now_bucket)
{
	int			i;

	if (memchr(e->key.purpose, '\0', NAMEDATALEN) == NULL || e->key.purpose[0] == '\0')
		return false;
	if (e->last_bucket > now_bucket + 1 || e->last_bucket < 0)
		return false;
	/* each bucket small enough that their sum cannot overflow */
	for (i = 0; i < QUOTA_BUCKETS; i++)
		if (e->counts[i] < 0 || e->counts[i] > PDP_QUOTA_COUNT_MAX)
			return false;
	return true;
}

/* Read the file back; false if there was none to read */
static bool
quota_load(void)
{
	FILE	   *f = AllocateFile(QUOTA_FILE, PG_BINARY_R);
	uint32		magic;
	int32		n;
	int32		i;
	int64		now = current_bucket();
	int			bad = 0;

	if (f == NULL)
		return false;
	if (fread(&magic, sizeof(magic), 1, f) == 1 && magic == QUOTA_FILE_MAGIC &&
		fread(&n, sizeof(n), 1, f) == 1 && n >= 0)
	{
		for (i = 0; i < n; i++)
		{
			QuotaFileEntry in;
			QuotaEntry *e;
			bool		found;

			if (fread(&in, sizeof(in), 1, f) != 1)
				break;
			if (!entry_sane(&in, now))
			{
				bad++;
				continue;
			}
			/* the key's padding after the NUL must not make twins */
			memset(in.key.purpose + strlen(in.key.purpose), 0,
				   NAMEDATALEN - strlen(in.key.purpose));
			e = hash_search(quota_hash, &in.key, HASH_ENTER_NULL, &found);
			if (e == NULL || found)
				continue;
			e->last_bucket = in.last_bucket;
			memcpy(e->counts, in.counts, sizeof(in.counts));
			memset(e->remote, 0, sizeof(e->remote));
		}
	}
	FreeFile(f);
	if (bad > 0)
		ereport(LOG,
				(errmsg("pdp: ignored %d damaged entries of file \"%s\"", bad, QUOTA_FILE)));
	/* a crash must not bring back old counts: the file is written anew at shutdown */
	unlink(QUOTA_FILE);
	return true;
}

/* Create or attach (pdp.c's shmem_startup_hook, under AddinShmemInitLock) */
void
pdp_limits_shmem_init(void)
{
	bool		found;
	HASHCTL		ctl;

	quota = ShmemInitStruct("pdp quota", sizeof(QuotaShared), &found);
	if (!found)
	{
		quota->lock = &(GetNamedLWLockTranche("pdp quota"))->lock;
		quota->changes = 0;
		quota->seed_pending = false;
		quota->remote_dropped = 0;
	}
	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = sizeof(QuotaKey);
	ctl.entrysize = sizeof(QuotaEntry);
	quota_hash = ShmemInitHash("pdp quota hash", pdp_quota_max_entries,
							   pdp_quota_max_entries, &ctl, HASH_ELEM | HASH_BLOBS);

	/*
	 * A server pg_upgrade starts (-b) neither reads nor writes the file:
	 * it counts nothing, and the file stays for the upgraded server.
	 */
	if (!IsUnderPostmaster && !IsBinaryUpgrade)
	{
		on_shmem_exit(quota_save, (Datum) 0);
		if (!found)
			quota->seed_pending = !quota_load();
	}
}

/* ---------------------------------------------------------------------
 * Row guards
 * ---------------------------------------------------------------------
 */
/* a plan node whose rows the guard counts, and its own ExecProcNodeReal */
typedef struct GuardedNode
{
	PlanState  *ps;
	ExecProcNodeMtd inner;
} GuardedNode;

typedef struct RowGuard
{
	List	   *nodes;			/* GuardedNode */
	int64		rows;
	PdpLimitSpec spec;
	Oid			role;			/* the statement's */
	const char *purpose;		/* the statement's, in its memory */
	int64		day_base;		/* 24-hour usage when last synced */
	int64		unsynced;		/* rows not yet added to it */
	bool		row_reported;
	bool		day_reported;
	bool		ended;
} RowGuard;

static void
sync_day(RowGuard *g, bool quiet)
{
	int64		usage;

	if (g->spec.max_day < 0)
		return;
	usage = quota_add(g->role, g->purpose, g->unsynced, quiet);
	if (usage >= 0)
		g->day_base = usage;
	g->unsynced = 0;
}

static void
limit_hit(PdpStatement *st, RowGuard *g, const char *reason, int64 limit)
{
	PdpEvent   *ev;
	char	   *detail;

	ev = pdp_event_new("access", g->spec.enforce ? "blocked" : "violation", reason);
	pdp_event_statement(ev, st);
	pdp_event_set(ev, RS_RELATION, g->spec.relation);
	if (g->spec.max_day >= 0)
		detail = psprintf("{\"limit\": " INT64_FORMAT ", \"rows_before\": " INT64_FORMAT
						  ", \"records_24h_before\": " INT64_FORMAT "}",
						  limit, g->rows, g->day_base + g->unsynced);
	else
		detail = psprintf("{\"limit\": " INT64_FORMAT ", \"rows_before\": " INT64_FORMAT "}",
						  limit, g->rows);
	pdp_event_set(ev, RS_DETAIL, detail);
	pdp_event_sensitive(ev, g->spec.sensitive);
	pdp_event_now(ev);

	if (!g->spec.enforce)
		return;
	if (strcmp(reason, "row_limit") == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("statement exceeds the limit of " INT64_FORMAT " rows of personal data under purpose \"%s\"",
						limit, g->purpose),
				 errdetail("Purpose \"%s\" may return at most " INT64_FORMAT " rows of personal data per statement.",
						   g->purpose, limit),
				 errhint("Narrow the statement, or ask a pdp administrator to raise the limit with pdp.set_limit().")));
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("role \"%s\" exceeds its daily limit of " INT64_FORMAT " rows of personal data under purpose \"%s\"",
					GetUserNameFromId(g->role, true), limit, g->purpose),
			 errdetail("Rows read under this purpose in the last 24 hours: " INT64_FORMAT ".",
					   g->day_base + g->unsynced),
			 errhint("Ask a pdp administrator to raise the limit with pdp.set_limit() if the work needs it.")));
}

static GuardedNode *
guarded_node(RowGuard *g, PlanState *ps)
{
	ListCell   *lc;

	if (g == NULL)
		return NULL;
	foreach(lc, g->nodes)
		if (((GuardedNode *) lfirst(lc))->ps == ps)
			return lfirst(lc);
	return NULL;
}

/*
 * A statement under a limit hands tagged values to volatile code where no
 * node's rows count the records (a WHERE or join clause, an aggregate
 * FILTER: flow.h): it cannot be held to the limit, so it is refused
 * (enforce) or recorded (log), before it runs.
 */
void
pdp_guard_uncountable(PdpStatement *st, const PdpLimitSpec *spec)
{
	PdpEvent   *ev;
	int64		limit = spec->max_rows >= 0 ? spec->max_rows : spec->max_day;

	ev = pdp_event_new("access", spec->enforce ? "blocked" : "violation",
					   spec->max_rows >= 0 ? "row_limit" : "daily_limit");
	pdp_event_statement(ev, st);
	pdp_event_set(ev, RS_RELATION, spec->relation);
	pdp_event_set(ev, RS_DETAIL,
				  psprintf("{\"limit\": " INT64_FORMAT ", \"uncountable\": \"volatile function over personal data in a condition\"}",
						   limit));
	pdp_event_sensitive(ev, spec->sensitive);
	pdp_event_now(ev);
	if (!spec->enforce)
		return;
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("statement hands personal data to a volatile function in a condition, where pdp cannot count it against the limits of purpose \"%s\"",
					st->purpose),
			 errdetail("A volatile function in a WHERE or join clause or an aggregate FILTER runs for rows no limit counts."),
			 errhint("Call the function in the select list, where each row counts, or leave personal data out of its arguments.")));
}

/* The wrapped ExecProcNodeReal of a node whose rows carry tagged values */
static TupleTableSlot *
guard_exec(PlanState *ps)
{
	PdpStatement *st = pdp_statement_of(ps->state);
	GuardedNode *gn = st ? guarded_node(st->guard, ps) : NULL;
	RowGuard   *g;
	TupleTableSlot *slot;

	if (gn == NULL)
		elog(ERROR, "pdp: no row guard for plan node");
	g = st->guard;
	slot = gn->inner(ps);
	if (TupIsNull(slot) || g->ended)
		return slot;

	/* checked before counting: a refused row is not delivered */
	if (g->spec.max_rows >= 0 && g->rows + 1 > g->spec.max_rows && !g->row_reported)
	{
		g->row_reported = true;
		limit_hit(st, g, "row_limit", g->spec.max_rows);
	}
	if (g->spec.max_day >= 0)
	{
		if (g->unsynced >= SYNC_ROWS)
			sync_day(g, false);
		if (g->day_base + g->unsynced + 1 > g->spec.max_day && !g->day_reported)
		{
			g->day_reported = true;
			limit_hit(st, g, "daily_limit", g->spec.max_day);
		}
		g->unsynced++;
	}
	g->rows++;
	return slot;
}

typedef struct GuardWalk
{
	RowGuard   *g;
	List	   *ids;			/* plan_node_ids still to find */
	MemoryContext cxt;
} GuardWalk;

static bool
guard_walker(PlanState *ps, void *arg)
{
	GuardWalk  *w = arg;

	if (ps == NULL)
		return false;
	if (list_member_int(w->ids, ps->plan->plan_node_id) &&
		ps->ExecProcNodeReal != guard_exec)
	{
		GuardedNode *gn = MemoryContextAlloc(w->cxt, sizeof(GuardedNode));
		MemoryContext old = MemoryContextSwitchTo(w->cxt);

		gn->ps = ps;
		gn->inner = ps->ExecProcNodeReal;
		w->g->nodes = lappend(w->g->nodes, gn);
		MemoryContextSwitchTo(old);
		ps->ExecProcNodeReal = guard_exec;
	}
	return planstate_tree_walker(ps, guard_walker, arg);
}

/*
 * After standard_ExecutorStart: guard the nodes (by plan_node_id) whose
 * rows carry tagged values onward (flow.h): every row any of them hands
 * on counts.  The guard lives in the statement and is found through it.
 */
void
pdp_guard_install(PdpStatement *st, QueryDesc *qd, const PdpLimitSpec *spec,
				  List *plan_node_ids)
{
	RowGuard   *g;
	GuardWalk	w;
	ListCell   *lc;

	if (qd->planstate == NULL || st->guard != NULL || plan_node_ids == NIL)
		return;

	g = MemoryContextAllocZero(st->cxt, sizeof(RowGuard));
	g->spec = *spec;
	g->role = st->role;
	g->purpose = st->purpose;
	w.g = g;
	w.ids = plan_node_ids;
	w.cxt = st->cxt;
	guard_walker(qd->planstate, &w);
	/* sub-plans of CTEs and data-modifying WITH queries */
	foreach(lc, qd->estate->es_subplanstates)
		guard_walker((PlanState *) lfirst(lc), &w);
	if (g->nodes == NIL)
		return;

	/*
	 * Parallel workers would run nodes below a Gather (a partial aggregate
	 * over tagged values, say) where the guard cannot count.  A guarded
	 * statement runs its plan in this backend: ExecutePlan launches no
	 * workers when the plan does not ask for parallel mode, and a Gather
	 * then runs its sub-plan itself.  The plan may be cached and shared, so
	 * the statement gets its own copy of the top node.
	 */
	if (qd->plannedstmt->parallelModeNeeded)
	{
		PlannedStmt *copy = MemoryContextAlloc(st->cxt, sizeof(PlannedStmt));

		*copy = *qd->plannedstmt;
		copy->parallelModeNeeded = false;
		qd->plannedstmt = copy;
	}
	if (g->spec.max_day >= 0)
		g->day_base = quota_add(g->role, g->purpose, 0, false);
	st->guard = g;
}

/*
 * The statement ends (ExecutorEnd, or its memory goes away after an
 * error): rows it handed out count all the same.  Runs during abort too,
 * so nothing here raises an error: a full quota table only loses the
 * statement's last count.
 */
void
pdp_guard_end(PdpStatement *st)
{
	RowGuard   *g = st->guard;

	if (g == NULL || g->ended)
		return;
	g->ended = true;
	if (g->unsynced > 0)
		sync_day(g, true);
}
