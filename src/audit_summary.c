/*-------------------------------------------------------------------------
 * audit_summary.c
 *	  Allowed reads counted in shared memory and written as one audit row
 *	  per key and interval (pdp.log_allowed = summary).
 *
 * Interface (audit.h):
 *   pdp_summary_add(rec, len, hash)  a backend, when an allowed read ends that
 *       would otherwise be a statement record (rec: the sealed record, its
 *       rows and records read set): counts it under its key.  False when
 *       its key is new and the table has no room for it (or the record
 *       cannot be kept): the caller writes the statement record instead,
 *       counted as a fallback - nothing is dropped for it.  hash: the
 *       key's, from pdp_summary_key_hash(rec, len) (a record built from a
 *       cached template has it), or 0.
 *   pdp_summary_cycle()  the audit worker (writer, or a standby's sender),
 *       every time round its loop: once pdp.audit_summary_interval has
 *       passed or a flush was asked for, turns each key's counts into one
 *       queue record and empties the table.  Returns the milliseconds until
 *       the next one is due.  Summary rows the queue had no room for are
 *       kept and put first next time; if the worker exits with some, their
 *       counts go back into the table.
 *   pdp_summary_flush_wait()  pdp.flush_audit(): asks for a flush and waits
 *       until the worker has put every summary counted before into the
 *       queue.
 *   pdp_summary_stats()  the counters audit_stats() shows.
 *
 * The key of a summary is what a compliance officer asks about: kind and
 * decision (access/allowed), database, session role, role, purpose,
 * command, relation, the columns read with their categories, sensitivity,
 * the effective user (detail) and the query id.  Each slot keeps the first
 * record of its key as a template - without application name, client
 * address and process id, which are not part of the key, and with its
 * query text (the sample) clipped to fit - and the counts: statements,
 * rows, records read, first and last time.  A summary row is the template
 * with these counts; the writer chains it like any other record.
 *
 * Exactness: a backend counts under the table's lock in shared mode and
 * its slot's spinlock; the worker takes every slot's counts and empties
 * the table under the lock in exclusive mode.  Every statement counted is
 * in exactly one summary row; statements the table had no room for are
 * statement records.  The table is emptied at every flush, so a key
 * takes the lock in exclusive mode once per interval, and probe chains
 * (open addressing, never deleted from singly) stay intact.
 *
 * Across restarts: at a clean shutdown the postmaster, once every backend
 * is gone, saves the table in pg_stat/pdp_audit_summary.stat (entries and
 * CRC-32C); the next start loads and removes it, and the worker writes it
 * with the first interval.  A crash loses the counts of the current
 * interval.  The file is input: an entry that does not make sense (not an
 * allowed access, a detail the writer could not store, counts of 2^60 or
 * more) is not loaded, and its statements are counted as lost
 * (audit_stats()); a file
 * that fails its checksum is not loaded at all, and says so in the log.
 * A server pg_upgrade runs (binary-upgrade mode) neither reads nor writes
 * it.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"

#include <unistd.h>

#include "common/hashfn.h"
#include "common/jsonapi.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "port/pg_crc32c.h"
#include "storage/condition_variable.h"
#include "utils/wait_event.h"
#include "storage/fd.h"
#include "storage/ipc.h"
#include "storage/lwlock.h"
#include "storage/shmem.h"
#include "storage/spin.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#define SUMMARY_REC_MAX		2048	/* a template's bytes, query clipped to fit */
#define SUMMARY_FILE		"pg_stat/pdp_audit_summary.stat"
#define SUMMARY_FILE_MAGIC	0x50445353	/* "PDSS" */
#define SUMMARY_FILE_VERSION 1
#define FLUSH_WAIT_MS		10000
#define COUNT_MAX	(INT64CONST(1) << 60)	/* no interval counts this much */

typedef struct SummaryCounts
{
	int64		statements;
	int64		rows;
	int64		records;
	bool		has_rows;
	bool		has_records;
	TimestampTz first;
	TimestampTz last;
} SummaryCounts;

typedef struct SummarySlot
{
	slock_t		mutex;			/* guards counts */
	bool		used;			/* set and cleared under the lock, exclusive */
	uint32		hash;
	uint32		len;			/* of the template */
	SummaryCounts counts;
	union
	{
		PdpRecord	rec;
		char		bytes[SUMMARY_REC_MAX];
	}			t;				/* the template */
} SummarySlot;

typedef struct SummaryShared
{
	LWLock	   *lock;
	int			nslots;			/* slots to probe */
	int			capacity;		/* keys counted at once: pdp.audit_summary_size */
	int			nused;			/* under the lock */
	slock_t		mutex;			/* guards the three below */
	uint64		flush_requested;
	uint64		flush_done;
	TimestampTz last_flush;
	pg_atomic_uint64 counted;
	pg_atomic_uint64 rows_out;
	pg_atomic_uint64 fallback;
	pg_atomic_uint64 lost;
	SummarySlot slots[FLEXIBLE_ARRAY_MEMBER];
} SummaryShared;

static SummaryShared *summary = NULL;

/* the strings that make the key */
static const PdpRecStr key_fields[] = {
	RS_KIND, RS_DECISION, RS_REASON, RS_DATABASE, RS_SESSION_USER,
	RS_CURRENT_USER, RS_PURPOSE, RS_COMMAND, RS_RELATION, RS_COLUMNS,
	RS_CATEGORIES, RS_DETAIL
};
#define KEY_FLAGS (PDP_REC_HAS_SENSITIVE | PDP_REC_SENSITIVE | PDP_REC_HAS_QUERY_ID)

static int
slot_count(void)
{
	return pdp_audit_summary_size + pdp_audit_summary_size / 3 + 1;
}

Size
pdp_summary_shmem_size(void)
{
	return add_size(offsetof(SummaryShared, slots),
					mul_size(slot_count(), sizeof(SummarySlot)));
}

static uint32
key_hash(const PdpRecord *rec, const char **strs)
{
	uint32		flags = rec->hdr.flags & KEY_FLAGS;
	uint32		h = hash_bytes_uint32(flags);
	int			i;

	if (flags & PDP_REC_HAS_QUERY_ID)
		h = hash_combine(h, hash_bytes((const unsigned char *) &rec->query_id,
									   sizeof(rec->query_id)));
	for (i = 0; i < lengthof(key_fields); i++)
	{
		int32		len = rec->str_len[key_fields[i]];

		h = hash_combine(h, hash_bytes_uint32((uint32) len));
		if (len > 0)
			h = hash_combine(h, hash_bytes((const unsigned char *) strs[key_fields[i]], len));
	}
	return h;
}

static bool
key_equal(const PdpRecord *a, const char **as, const PdpRecord *b, const char **bs)
{
	int			i;

	if ((a->hdr.flags & KEY_FLAGS) != (b->hdr.flags & KEY_FLAGS))
		return false;
	if ((a->hdr.flags & PDP_REC_HAS_QUERY_ID) && a->query_id != b->query_id)
		return false;
	for (i = 0; i < lengthof(key_fields); i++)
	{
		PdpRecStr	f = key_fields[i];

		if (a->str_len[f] != b->str_len[f])
			return false;
		if (a->str_len[f] > 0 && memcmp(as[f], bs[f], a->str_len[f]) != 0)
			return false;
	}
	return true;
}

/*
 * The template of rec in dst (SUMMARY_REC_MAX bytes): no application,
 * client address, process id or numbers; the query clipped to fit.
 * Returns its MAXALIGNed length, 0 if even without a query it does not fit.
 */
static uint32
make_template(const PdpRecord *rec, const char **strs, char *dst)
{
	PdpRecord  *t = (PdpRecord *) dst;
	Size		len = sizeof(PdpRecord);
	char	   *p;
	int			i;

	for (i = 0; i < RS_COUNT; i++)
		if (i != RS_APPLICATION && i != RS_CLIENT_ADDR && i != RS_QUERY &&
			rec->str_len[i] > 0)
			len += rec->str_len[i];
	if (MAXALIGN(len) > SUMMARY_REC_MAX)
		return 0;
	memset(dst, 0, SUMMARY_REC_MAX);
	t->hdr.flags = rec->hdr.flags & (KEY_FLAGS);
	t->event_time = rec->event_time;
	t->query_id = rec->query_id;
	p = PDP_REC_STRINGS(t);
	for (i = 0; i < RS_COUNT; i++)
	{
		int32		n = rec->str_len[i];

		if (i == RS_APPLICATION || i == RS_CLIENT_ADDR)
			n = -1;
		else if (i == RS_QUERY && n > 0)
		{
			int			room = (int) (SUMMARY_REC_MAX - MAXALIGN(len)) - (MAXIMUM_ALIGNOF - 1);

			if (n > room)
				n = room > 0 ? pg_mbcliplen(strs[i], n, room) : 0;
			len += n;
		}
		t->str_len[i] = n;
		if (n > 0)
		{
			memcpy(p, strs[i], n);
			p += n;
		}
	}
	Assert(MAXALIGN(len) <= SUMMARY_REC_MAX);
	return MAXALIGN(len);
}

/* the counts a record stands for: one statement, or a summary's */
static void
record_counts(const PdpRecord *r, SummaryCounts *c)
{
	bool		summ = (r->hdr.flags & PDP_REC_SUMMARY) != 0;

	memset(c, 0, sizeof(*c));
	c->statements = summ ? r->statements : 1;
	c->first = summ ? r->first_time : r->event_time;
	c->last = r->event_time;
	c->has_rows = (r->hdr.flags & PDP_REC_HAS_ROWS) != 0;
	c->rows = c->has_rows ? r->rows : 0;
	c->has_records = (r->hdr.flags & PDP_REC_HAS_RECORDS) != 0;
	c->records = c->has_records ? r->records_read : 0;
}

/* a += b, false (a unchanged) if the sum leaves the sane range */
static bool
counts_merge(SummaryCounts *a, const SummaryCounts *b)
{
	if (a->statements + b->statements >= COUNT_MAX ||
		a->rows + b->rows >= COUNT_MAX || a->records + b->records >= COUNT_MAX)
		return false;
	if (a->statements == 0)
	{
		*a = *b;
		return true;
	}
	a->statements += b->statements;
	a->rows += b->rows;
	a->records += b->records;
	a->has_rows |= b->has_rows;
	a->has_records |= b->has_records;
	a->first = Min(a->first, b->first);
	a->last = Max(a->last, b->last);
	return true;
}

/* add c to slot s (under the table's lock, either mode); false: out of range */
static bool
count_into(SummarySlot *s, const SummaryCounts *c)
{
	bool		ok;

	SpinLockAcquire(&s->mutex);
	ok = counts_merge(&s->counts, c);
	SpinLockRelease(&s->mutex);
	return ok;
}

/*
 * The slot of rec's key, or NULL; *free_slot: where it would go (-1: the
 * table has no free slot left to probe).  Under the lock, either mode.
 */
static SummarySlot *
find(uint32 h, const PdpRecord *rec, const char **strs, int *free_slot)
{
	int			n = summary->nslots;
	int			i;

	*free_slot = -1;
	for (i = 0; i < n; i++)
	{
		int			k = (int) ((h + (uint32) i) % (uint32) n);
		SummarySlot *s = &summary->slots[k];
		const char *ts[RS_COUNT];

		if (!s->used)
		{
			*free_slot = k;
			return NULL;
		}
		if (s->hash == h && pdp_record_strings(&s->t.rec, s->len, ts) &&
			key_equal(rec, strs, &s->t.rec, ts))
			return s;
	}
	return NULL;
}

/* A new key in slot k with counts c; false if its template does not fit */
static bool
enter(int k, uint32 h, const PdpRecord *rec, const char **strs)
{
	SummarySlot *s = &summary->slots[k];
	uint32		len = make_template(rec, strs, s->t.bytes);

	if (len == 0)
		return false;
	s->len = len;
	s->hash = h;
	memset(&s->counts, 0, sizeof(s->counts));
	s->used = true;
	summary->nused++;
	return true;
}

/* The key's hash of a sealed record (0 when its strings do not fit) */
uint32
pdp_summary_key_hash(const PdpRecord *rec, Size len)
{
	const char *strs[RS_COUNT];

	if (!pdp_record_strings((PdpRecord *) rec, len, strs))
		return 0;
	return key_hash(rec, strs);
}

/* key_hash: pdp_summary_key_hash(rec, len) if known, else 0 */
bool
pdp_summary_add(const PdpRecord *rec, Size len, uint32 key_hash_known)
{
	const char *strs[RS_COUNT];
	SummaryCounts c;
	SummarySlot *s;
	uint32		h;
	int			k;

	if (summary == NULL || !pdp_record_strings((PdpRecord *) rec, len, strs))
		return false;
	h = key_hash_known != 0 ? key_hash_known : key_hash(rec, strs);
	record_counts(rec, &c);

	LWLockAcquire(summary->lock, LW_SHARED);
	s = find(h, rec, strs, &k);
	if (s != NULL && !count_into(s, &c))
		s = NULL;
	LWLockRelease(summary->lock);
	if (s == NULL)
	{
		/* a new key: again, exclusively (another backend may have entered it) */
		LWLockAcquire(summary->lock, LW_EXCLUSIVE);
		s = find(h, rec, strs, &k);
		if (s == NULL && k >= 0 && summary->nused < summary->capacity &&
			enter(k, h, rec, strs))
			s = &summary->slots[k];
		if (s != NULL && !count_into(s, &c))
			s = NULL;
		LWLockRelease(summary->lock);
	}
	if (s == NULL)
	{
		pg_atomic_fetch_add_u64(&summary->fallback, 1);
		return false;
	}
	pg_atomic_fetch_add_u64(&summary->counted, 1);
	return true;
}

/* The summary row of a template and its counts, in cxt */
static char *
summary_record(const char *tmpl, uint32 len, const SummaryCounts *c, MemoryContext cxt)
{
	PdpRecord  *r = MemoryContextAlloc(cxt, len);

	memcpy(r, tmpl, len);
	pg_atomic_init_u32(&r->hdr.state, 0);
	r->hdr.flags |= PDP_REC_SUMMARY;
	r->statements = c->statements;
	r->first_time = c->first;
	r->event_time = c->last;
	if (c->has_rows)
	{
		r->rows = c->rows;
		r->hdr.flags |= PDP_REC_HAS_ROWS;
	}
	if (c->has_records)
	{
		r->records_read = c->records;
		r->hdr.flags |= PDP_REC_HAS_RECORDS;
	}
	return (char *) r;
}

/* ---------------------------------------------------------------------
 * The worker
 * ---------------------------------------------------------------------
 */

/* summary rows taken from the table, not yet in the queue (it was full) */
typedef struct Pending
{
	char	   *rec;
	uint32		len;
} Pending;

static MemoryContext pending_cxt = NULL;
static Pending *pending = NULL;
static int	npending = 0;
static int	next_pending = 0;

/* put what is pending into the queue; false if some is still left */
static bool
put_pending(void)
{
	while (next_pending < npending)
	{
		Pending    *p = &pending[next_pending];

		if (!pdp_queue_put(p->rec, p->len, PDP_PUT_NOWAIT))
			return false;
		if (pdp_audit_to_log)
			pdp_record_log(p->rec, NULL);
		pg_atomic_fetch_add_u64(&summary->rows_out, 1);
		next_pending++;
	}
	MemoryContextReset(pending_cxt);
	pending = NULL;
	npending = next_pending = 0;
	return true;
}

/* Take every slot's counts and empty the table */
static void
take_all(void)
{
	int			i;
	int			n = 0;

	LWLockAcquire(summary->lock, LW_EXCLUSIVE);
	if (summary->nused > 0)
		pending = MemoryContextAlloc(pending_cxt, sizeof(Pending) * summary->nused);
	for (i = 0; i < summary->nslots; i++)
	{
		SummarySlot *s = &summary->slots[i];

		if (!s->used)
			continue;
		s->used = false;
		if (s->counts.statements > 0 && n < summary->nused)
		{
			pending[n].rec = summary_record(s->t.bytes, s->len, &s->counts, pending_cxt);
			pending[n].len = s->len;
			n++;
		}
	}
	summary->nused = 0;
	LWLockRelease(summary->lock);
	npending = n;
	next_pending = 0;
}

/*
 * The worker is exiting with summary rows it could not put in the queue
 * (it was full): their counts go back into the table, to be written by
 * the next worker or saved at shutdown.  Counts that find no room there
 * are lost, counted and logged.
 */
static void
summary_worker_exit(int code, Datum arg)
{
	int64		lost = 0;
	int			i;

	if (summary == NULL || next_pending >= npending)
		return;
	LWLockAcquire(summary->lock, LW_EXCLUSIVE);
	for (i = next_pending; i < npending; i++)
	{
		PdpRecord  *r = (PdpRecord *) pending[i].rec;
		const char *strs[RS_COUNT];
		SummaryCounts c;
		SummarySlot *s;
		uint32		h;
		int			k;

		if (!pdp_record_strings(r, pending[i].len, strs))
			continue;
		h = key_hash(r, strs);
		s = find(h, r, strs, &k);
		if (s == NULL && k >= 0 && summary->nused < summary->capacity && enter(k, h, r, strs))
			s = &summary->slots[k];
		record_counts(r, &c);
		if (s == NULL || !count_into(s, &c))
			lost += c.statements;
	}
	LWLockRelease(summary->lock);
	npending = next_pending = 0;
	if (lost > 0)
	{
		pg_atomic_fetch_add_u64(&summary->lost, (uint64) lost);
		ereport(LOG,
				(errmsg("pdp: the counts of " INT64_FORMAT " summarized statements are lost: the audit worker stopped with them and the summary table had no room",
						lost)));
	}
}

long
pdp_summary_cycle(void)
{
	TimestampTz now = GetCurrentTimestamp();
	uint64		requested;
	uint64		done;
	TimestampTz due;
	long		secs;
	int			usecs;

	if (summary == NULL)
		return 1000;
	if (pending_cxt == NULL)
	{
		pending_cxt = AllocSetContextCreate(TopMemoryContext, "pdp audit summaries",
											ALLOCSET_DEFAULT_SIZES);
		on_shmem_exit(summary_worker_exit, (Datum) 0);
	}
	if (!put_pending())
		return 100;				/* the queue is full: again soon */

	SpinLockAcquire(&summary->mutex);
	requested = summary->flush_requested;
	done = summary->flush_done;
	if (summary->last_flush == 0)
		summary->last_flush = now;
	due = TimestampTzPlusMilliseconds(summary->last_flush,
									  (int64) pdp_audit_summary_interval * 1000);
	SpinLockRelease(&summary->mutex);

	if (requested > done || now >= due)
	{
		take_all();
		(void) put_pending();
		SpinLockAcquire(&summary->mutex);
		summary->last_flush = now;
		/* a flush is done once its rows are in the queue */
		if (npending == 0 && summary->flush_done < requested)
			summary->flush_done = requested;
		SpinLockRelease(&summary->mutex);
		if (npending > 0)
			return 100;
		due = TimestampTzPlusMilliseconds(now, (int64) pdp_audit_summary_interval * 1000);
	}
	TimestampDifference(now, due, &secs, &usecs);
	return Max(1, secs * 1000 + usecs / 1000);
}

void
pdp_summary_flush_wait(void)
{
	uint64		want;
	int			waited = 0;

	if (summary == NULL)
		return;
	SpinLockAcquire(&summary->mutex);
	want = ++summary->flush_requested;
	SpinLockRelease(&summary->mutex);
	for (;;)
	{
		uint64		done;

		SpinLockAcquire(&summary->mutex);
		done = summary->flush_done;
		SpinLockRelease(&summary->mutex);
		if (done >= want)
			break;
		if (waited >= FLUSH_WAIT_MS)
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("the pdp audit worker did not store the summaries of allowed reads"),
					 errdetail("Summaries are kept in shared memory until the audit worker takes them; it did not within %d seconds.",
							   FLUSH_WAIT_MS / 1000),
					 errhint("Check pdp.audit_stats() and the server log.")));
		if (pdp_queue->worker_latch != NULL)
			SetLatch(pdp_queue->worker_latch);
		(void) ConditionVariableTimedSleep(&pdp_queue->written_cv, 50, PG_WAIT_EXTENSION);
		waited += 50;
	}
	ConditionVariableCancelSleep();
}

void
pdp_summary_stats(PdpSummaryStats *st)
{
	memset(st, 0, sizeof(*st));
	if (summary == NULL)
		return;
	LWLockAcquire(summary->lock, LW_SHARED);
	st->keys = summary->nused;
	LWLockRelease(summary->lock);
	st->counted = pg_atomic_read_u64(&summary->counted);
	st->rows = pg_atomic_read_u64(&summary->rows_out);
	st->fallback = pg_atomic_read_u64(&summary->fallback);
	st->lost = pg_atomic_read_u64(&summary->lost);
}

/* ---------------------------------------------------------------------
 * Across clean restarts (postmaster)
 * ---------------------------------------------------------------------
 */

typedef struct SummaryFileHeader
{
	uint32		magic;
	uint32		version;
	uint32		nentries;
	uint32		nbytes;			/* of the entries that follow */
} SummaryFileHeader;

typedef struct SummaryFileEntry
{
	uint32		len;			/* of the template after it */
	SummaryCounts counts;
} SummaryFileEntry;

static void
summary_save(int code, Datum arg)
{
	SummaryFileHeader h;
	StringInfoData buf;
	pg_crc32c	crc;
	FILE	   *f;
	int			i;

	/* after a crash what is in memory cannot be trusted */
	if (code != 0 || summary == NULL)
		return;
	initStringInfo(&buf);
	h.magic = SUMMARY_FILE_MAGIC;
	h.version = SUMMARY_FILE_VERSION;
	h.nentries = 0;
	for (i = 0; i < summary->nslots; i++)
	{
		SummarySlot *s = &summary->slots[i];
		SummaryFileEntry e;

		if (!s->used || s->counts.statements == 0)
			continue;
		memset(&e, 0, sizeof(e));
		e.len = s->len;
		e.counts = s->counts;
		appendBinaryStringInfo(&buf, (char *) &e, sizeof(e));
		appendBinaryStringInfo(&buf, s->t.bytes, s->len);
		h.nentries++;
	}
	if (h.nentries == 0)
	{
		unlink(SUMMARY_FILE);
		return;
	}
	h.nbytes = buf.len;
	INIT_CRC32C(crc);
	COMP_CRC32C(crc, &h, sizeof(h));
	COMP_CRC32C(crc, buf.data, buf.len);
	FIN_CRC32C(crc);
	f = AllocateFile(SUMMARY_FILE ".tmp", PG_BINARY_W);
	if (f == NULL ||
		fwrite(&h, sizeof(h), 1, f) != 1 ||
		fwrite(buf.data, 1, buf.len, f) != (size_t) buf.len ||
		fwrite(&crc, sizeof(crc), 1, f) != 1 ||
		FreeFile(f) != 0)
	{
		ereport(LOG,
				(errcode_for_file_access(),
				 errmsg("pdp: could not write file \"%s\": %m", SUMMARY_FILE ".tmp"),
				 errdetail("The summaries of %u keys of allowed reads are lost.", h.nentries)));
		unlink(SUMMARY_FILE ".tmp");
		return;
	}
	if (durable_rename(SUMMARY_FILE ".tmp", SUMMARY_FILE, LOG) == 0)
		ereport(LOG,
				(errmsg("pdp: saved the summaries of %u keys of allowed reads in file \"%s\"",
						h.nentries, SUMMARY_FILE)));
}

/*
 * Does a saved entry make sense?  Its template is checked by the caller.
 * No interval counts COUNT_MAX (2^60) of anything: a bound that keeps sums
 * of twins and the counts added after loading from overflowing.
 */
static bool
counts_sane(const SummaryCounts *c)
{
	return c->statements > 0 && c->statements < COUNT_MAX &&
		c->rows >= 0 && c->rows < COUNT_MAX &&
		c->records >= 0 && c->records < COUNT_MAX &&
		IS_VALID_TIMESTAMP(c->first) && IS_VALID_TIMESTAMP(c->last) &&
		c->first <= c->last;
}

static bool
str_is(const PdpRecord *rec, const char **strs, PdpRecStr f, const char *lit)
{
	return rec->str_len[f] == (int32) strlen(lit) &&
		memcmp(strs[f], lit, rec->str_len[f]) == 0;
}

/*
 * Is a saved template one a backend could have made?  Only allowed (and
 * masked: allowed, served masked) access events are summarized, without a reason; their detail, if any, is a
 * JSON object the writer can store (the postmaster cannot run jsonb_in:
 * a JSON lexer that reports instead of raising, at least as strict) - a
 * value the writer cannot convert would stop it for good.
 */
static bool
template_sane(const PdpRecord *rec, const char **strs)
{
	if (!str_is(rec, strs, RS_KIND, "access") ||
		(!str_is(rec, strs, RS_DECISION, "allowed") &&
		 !str_is(rec, strs, RS_DECISION, "masked")) ||
		rec->str_len[RS_REASON] >= 0)
		return false;
	if (rec->str_len[RS_DETAIL] >= 0)
	{
		int32		len = rec->str_len[RS_DETAIL];
		char	   *json;
		JsonLexContext *lex;
		bool		ok;

		/* an empty object, or one with a key right after its brace */
		if (!str_is(rec, strs, RS_DETAIL, "{}") &&
			(len < 2 || strs[RS_DETAIL][0] != '{' || strs[RS_DETAIL][1] != '"'))
			return false;
		json = pnstrdup(strs[RS_DETAIL], len);
		if ((int32) strlen(json) != len)
			ok = false;			/* a NUL in it */
		else
		{
			lex = makeJsonLexContextCstringLen(json, len, PG_SQL_ASCII, true);
			ok = (pg_parse_json(lex, &nullSemAction) == JSON_SUCCESS);
		}
		pfree(json);
		if (!ok)
			return false;
	}
	return true;
}

static void
summary_load(void)
{
	FILE	   *f = AllocateFile(SUMMARY_FILE, PG_BINARY_R);
	SummaryFileHeader h;
	char	   *buf = NULL;
	pg_crc32c	crc;
	pg_crc32c	stored;
	const char *why = NULL;
	uint32		pos = 0;
	uint32		loaded = 0;
	int64		lost = 0;

	if (f == NULL)
	{
		if (errno != ENOENT)
			ereport(LOG,
					(errcode_for_file_access(),
					 errmsg("pdp: could not read file \"%s\": %m", SUMMARY_FILE)));
		return;
	}
	if (fread(&h, sizeof(h), 1, f) != 1)
		why = "it is shorter than its header";
	else if (h.magic != SUMMARY_FILE_MAGIC || h.version != SUMMARY_FILE_VERSION)
		why = "its header is not pdp's";
	else if (h.nbytes > 256 * 1024 * 1024 ||
			 h.nentries > h.nbytes / (sizeof(SummaryFileEntry) + sizeof(PdpRecord)))
		why = "its header holds impossible numbers";
	else if ((buf = malloc(Max(h.nbytes, 1))) == NULL)
		why = "out of memory";
	else if (fread(buf, 1, h.nbytes, f) != h.nbytes || fread(&stored, sizeof(stored), 1, f) != 1)
		why = "it is truncated";
	else
	{
		INIT_CRC32C(crc);
		COMP_CRC32C(crc, &h, sizeof(h));
		COMP_CRC32C(crc, buf, h.nbytes);
		FIN_CRC32C(crc);
		if (!EQ_CRC32C(crc, stored))
			why = "its checksum does not match";
		else if (fgetc(f) != EOF)
			why = "it has bytes after its checksum";
	}
	FreeFile(f);

	while (why == NULL && pos < h.nbytes)
	{
		SummaryFileEntry e;
		const char *strs[RS_COUNT];
		PdpRecord  *rec;
		SummarySlot *s;
		int			k;
		uint32		hash;

		if (h.nbytes - pos < sizeof(e))
		{
			why = "an entry in it is cut short";
			break;
		}
		memcpy(&e, buf + pos, sizeof(e));
		pos += sizeof(e);
		if (e.len < sizeof(PdpRecord) || e.len > SUMMARY_REC_MAX ||
			e.len != MAXALIGN(e.len) || e.len > h.nbytes - pos)
		{
			why = "an entry in it has an impossible length";
			break;
		}
		/* a copy, aligned */
		rec = palloc(e.len);
		memcpy(rec, buf + pos, e.len);
		pos += e.len;
		if (!counts_sane(&e.counts) || !pdp_record_strings(rec, e.len, strs) ||
			!template_sane(rec, strs) || !IS_VALID_TIMESTAMP(rec->event_time) ||
			(rec->hdr.flags & ~(uint32) KEY_FLAGS) != 0)
		{
			/* absurd counts say nothing: one statement at least is lost */
			lost += (e.counts.statements > 0 && e.counts.statements < COUNT_MAX) ?
				e.counts.statements : 1;
			pfree(rec);
			continue;
		}
		hash = key_hash(rec, strs);
		s = find(hash, rec, strs, &k);
		if (s == NULL && (k < 0 || summary->nused >= summary->capacity ||
						  !enter(k, hash, rec, strs)))
		{
			lost += e.counts.statements;
			pfree(rec);
			continue;
		}
		if (s == NULL)
			s = &summary->slots[k];
		/* twins in a damaged file add up, as far as they make sense */
		if (!counts_merge(&s->counts, &e.counts))
		{
			lost += e.counts.statements;
			pfree(rec);
			continue;
		}
		loaded++;
		pfree(rec);
	}
	free(buf);
	pg_atomic_write_u64(&summary->lost, (uint64) lost);
	if (why != NULL || lost > 0)
		ereport(LOG,
				(errmsg("pdp: file \"%s\" of saved summaries of allowed reads cannot be used in full%s%s",
						SUMMARY_FILE, why ? ": " : "", why ? why : ""),
				 errdetail("%u keys were loaded; the counts of " INT64_FORMAT " statements are lost%s.",
						   loaded, lost, why ? " (and those of the entries not read)" : "")));
	else
		ereport(LOG,
				(errmsg("pdp: loaded the summaries of %u keys of allowed reads from file \"%s\"",
						loaded, SUMMARY_FILE)));
	/* a crash must not bring them back a second time */
	if (unlink(SUMMARY_FILE) != 0)
		ereport(LOG,
				(errcode_for_file_access(),
				 errmsg("pdp: could not remove file \"%s\": %m", SUMMARY_FILE)));
}

/* Create or attach (pdp.c's shmem_startup_hook, under AddinShmemInitLock) */
void
pdp_summary_shmem_init(void)
{
	bool		found;
	int			i;

	summary = ShmemInitStruct("pdp audit summary", pdp_summary_shmem_size(), &found);
	if (!found)
	{
		summary->lock = &(GetNamedLWLockTranche("pdp audit summary"))->lock;
		summary->nslots = slot_count();
		summary->capacity = pdp_audit_summary_size;
		summary->nused = 0;
		SpinLockInit(&summary->mutex);
		summary->flush_requested = 0;
		summary->flush_done = 0;
		summary->last_flush = 0;
		pg_atomic_init_u64(&summary->counted, 0);
		pg_atomic_init_u64(&summary->rows_out, 0);
		pg_atomic_init_u64(&summary->fallback, 0);
		pg_atomic_init_u64(&summary->lost, 0);
		for (i = 0; i < summary->nslots; i++)
		{
			SpinLockInit(&summary->slots[i].mutex);
			summary->slots[i].used = false;
		}
	}
	if (!IsUnderPostmaster && !IsBinaryUpgrade)
	{
		on_shmem_exit(summary_save, (Datum) 0);
		if (!found)
			summary_load();
	}
}
