/*-------------------------------------------------------------------------
 * audit_queue.c
 *	  The audit queue: a byte ring in shared memory between the backends
 *	  that record events and the writer worker that stores them.
 *
 * The ring only ever holds finished records, and only the writer frees
 * room, in order.  No statement holds room it has not filled: its events
 * wait in the statement (audit_event.c) until it ends, so sessions idling
 * with open cursors, or statements that read thousands of partitions, take
 * no room from anyone.  The one reservation is a transaction's own events
 * (configuration, consent), reserved at pre-commit and written right after
 * the commit record, where nothing may wait: it is held for the commit
 * only.  Whether a statement may run is
 * decided when it starts (pdp_queue_admit: the overflow policy - wait for
 * room, fail, or drop the event and count it); when it ends, its events go
 * in (pdp_queue_put), waiting for the writer if the ring is full.  Every
 * wait is a wait for the writer, never for another session.
 *
 * pdp_queue_put claims [head, head + len) under the spinlock, copies the
 * record outside it, then publishes it by setting the record's state word
 * to its length.  The writer reads records in place from tail while their
 * state is non-zero, and after committing them clears their state words
 * and advances tail.  So the spinlock guards only a handful of counter
 * assignments.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"

#include "miscadmin.h"
#include "pgstat.h"
#include "port/atomics.h"
#include "storage/condition_variable.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "storage/proc.h"
#include "storage/shmem.h"
#include "storage/spin.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

int			pdp_audit_queue_kb = 8192;

/* room this backend has reserved for its transaction's events */
static Size my_reserved = 0;
static bool exit_hook_set = false;
int			pdp_audit_overflow = PDP_OVERFLOW_WAIT;

PdpAuditQueue *pdp_queue = NULL;

/* bounded waits (no interrupts): give up after this long without progress */
#define PUT_PATIENCE_MS	5000

/* a wait longer than this with no writer running is worth a log line */
#define NO_WRITER_LOG_MS 2000

static Size
queue_bytes(void)
{
	return (Size) pdp_audit_queue_kb * 1024;
}

/* Shared memory the queue needs (pdp.c's shmem_request_hook) */
Size
pdp_queue_shmem_size(void)
{
	return add_size(MAXALIGN(offsetof(PdpAuditQueue, data)), queue_bytes());
}

/* Create or attach (pdp.c's shmem_startup_hook, under AddinShmemInitLock) */
void
pdp_queue_shmem_init(void)
{
	bool		found;

	pdp_queue = ShmemInitStruct("pdp audit queue", pdp_queue_shmem_size(), &found);
	if (!found)
	{
		memset(pdp_queue, 0, pdp_queue_shmem_size());
		SpinLockInit(&pdp_queue->mutex);
		pdp_queue->size = queue_bytes();
		pg_atomic_init_u64(&pdp_queue->deferred, 0);
		pg_atomic_init_u64(&pdp_queue->inbox_received, 0);
		pg_atomic_init_u64(&pdp_queue->inbox_written, 0);
		pg_atomic_init_u64(&pdp_queue->received, 0);
		ConditionVariableInit(&pdp_queue->space_cv);
		ConditionVariableInit(&pdp_queue->written_cv);
	}
	/* a standby's unsent events, kept across a clean restart */
	pdp_queue_persist_init(found);
}

/* caller holds the spinlock */
static inline bool
fits(PdpAuditQueue *q, Size len)
{
	return (q->head - q->tail) + q->reserved + len <= q->size;
}

static void
too_big(Size len)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("audit event of %zu bytes does not fit in the audit queue", len),
			 errhint("Increase pdp.audit_queue_size, or lower pdp.audit_query_max_length.")));
}

static void
count_dropped(void)
{
	SpinLockAcquire(&pdp_queue->mutex);
	pdp_queue->dropped++;
	SpinLockRelease(&pdp_queue->mutex);
}

/*
 * Say in the server log, once per wait, that the queue is full and no
 * writer runs: every audited statement is waiting on it.
 */
static void
note_no_writer(TimestampTz since, bool *noted)
{
	int			pid;

	if (*noted || !TimestampDifferenceExceeds(since, GetCurrentTimestamp(), NO_WRITER_LOG_MS))
		return;
	SpinLockAcquire(&pdp_queue->mutex);
	pid = pdp_queue->worker_pid;
	SpinLockRelease(&pdp_queue->mutex);
	if (pid == 0)
		ereport(LOG,
				(errmsg("pdp audit queue is full and no audit writer is running: audited statements wait"),
				 errhint("The writer restarts by itself within seconds; see pdp.audit_stats() and earlier log lines.")));
	*noted = true;
}

/*
 * Wait (interruptibly) until len bytes are free.  Returns once they are;
 * they may be gone again by the time the caller puts its record.
 */
static void
wait_for_room(Size len)
{
	PdpAuditQueue *q = pdp_queue;
	TimestampTz since = GetCurrentTimestamp();
	bool		noted = false;

	for (;;)
	{
		bool		ok;

		SpinLockAcquire(&q->mutex);
		ok = fits(q, len);
		SpinLockRelease(&q->mutex);
		if (ok)
			break;
		if (q->worker_latch)
			SetLatch(q->worker_latch);
		note_no_writer(since, &noted);
		ConditionVariableTimedSleep(&q->space_cv, 1000, PG_WAIT_EXTENSION);
	}
	ConditionVariableCancelSleep();
}

/*
 * A statement whose events will take len bytes is about to run: apply the
 * overflow policy while it has produced nothing.  True: go ahead and
 * record.  False: the event is dropped (pdp.audit_overflow = drop; counted
 * here).  ERROR under error when the queue is full; waits under wait.
 * Nothing is reserved: room is only taken when the statement ends.
 */
bool
pdp_queue_admit(Size len)
{
	PdpAuditQueue *q = pdp_queue;
	bool		ok;

	Assert(len == MAXALIGN(len));
	if (len > q->size / 2)
		too_big(len);

	/*
	 * Unlocked first: admission is a forecast, nothing is reserved.  A
	 * stale head or tail may admit a statement when the queue has just
	 * filled; it then waits for the writer at its end, as any may.
	 */
	if ((((volatile PdpAuditQueue *) q)->head - ((volatile PdpAuditQueue *) q)->tail) +
		((volatile PdpAuditQueue *) q)->reserved + len <= q->size)
		return true;
	SpinLockAcquire(&q->mutex);
	ok = fits(q, len);
	SpinLockRelease(&q->mutex);
	if (ok)
		return true;
	switch (pdp_audit_overflow)
	{
		case PDP_OVERFLOW_DROP:
			count_dropped();
			return false;
		case PDP_OVERFLOW_ERROR:
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_RESOURCES),
					 errmsg("the pdp audit queue is full"),
					 errdetail("pdp.audit_overflow is \"error\": statements that cannot be audited do not run."),
					 errhint("Check that the pdp audit writer is running (pdp.audit_stats()), or increase pdp.audit_queue_size.")));
			break;
		default:
			wait_for_room(len);
			break;
	}
	return true;
}

static void
ring_copy_in(uint64 pos, const void *src, Size len)
{
	PdpAuditQueue *q = pdp_queue;
	Size		off = pos % q->size;
	Size		first = Min(len, q->size - off);

	memcpy(q->data + off, src, first);
	if (first < len)
		memcpy(q->data, (const char *) src + first, len - first);
}

void
pdp_ring_copy_out(uint64 pos, void *dst, Size len)
{
	PdpAuditQueue *q = pdp_queue;
	Size		off = pos % q->size;
	Size		first = Min(len, q->size - off);

	memcpy(dst, q->data + off, first);
	if (first < len)
		memcpy((char *) dst + first, q->data, len - first);
}

/*
 * Claim room and copy rec in, if it fits now; from_reserved: into room
 * this backend reserved (pdp_queue_reserve), which is there by construction.
 */
static bool
claim_and_copy(const char *rec, Size len, Size from_reserved)
{
	PdpAuditQueue *q = pdp_queue;
	uint64		pos;
	PdpRecordHeader *hdr;

	SpinLockAcquire(&q->mutex);
	if (from_reserved > 0)
	{
		q->reserved -= from_reserved;
		my_reserved -= from_reserved;
	}
	else if (!fits(q, len))
	{
		SpinLockRelease(&q->mutex);
		return false;
	}
	pos = q->head;

	/*
	 * Headers never wrap: records are MAXALIGNed and so is the ring.  The
	 * state word may lie on old payload bytes: clear it before the writer
	 * can see the new head.
	 */
	hdr = (PdpRecordHeader *) (q->data + pos % q->size);
	pg_atomic_write_u32(&hdr->state, 0);
	q->head += len;
	q->queued++;
	if (q->head - q->tail + q->reserved > q->high_water)
		q->high_water = q->head - q->tail + q->reserved;
	SpinLockRelease(&q->mutex);

	/* everything but the state word, which publishes the record */
	ring_copy_in(pos + offsetof(PdpRecordHeader, flags),
				 rec + offsetof(PdpRecordHeader, flags),
				 len - offsetof(PdpRecordHeader, flags));
	pg_write_barrier();
	pg_atomic_write_u32(&hdr->state, (uint32) len);

	/*
	 * The writer commits every pdp.audit_flush_interval; waking it per event
	 * would make it commit tiny batches.  Wake it early only when the
	 * backlog reaches an eighth of the queue, and only if it is idle: a
	 * writer waiting for a lock would only be woken to wait again.
	 * (Unlocked reads: a stale value only delays the wake-up to the next
	 * event or the interval.)
	 */
	if (q->worker_idle && q->head - q->tail > q->size / 8 && q->worker_latch)
		SetLatch(q->worker_latch);
	return true;
}

static inline bool
try_put(const char *rec, Size len)
{
	return claim_and_copy(rec, len, 0);
}

/*
 * Put a finished record (len MAXALIGNed; rec starts with a PdpRecordHeader
 * whose state is ignored) into the ring.
 *   PDP_PUT_WAIT: the statement has run; wait interruptibly for the writer
 *     to make room.  Under pdp.audit_overflow = drop, a record that does
 *     not fit is dropped and counted instead.  Returns false only then.
 *   PDP_PUT_BOUNDED: no interrupts may be serviced (after commit, at
 *     exit): wait while the writer makes progress, give up after
 *     PUT_PATIENCE_MS without any.  False: not written, the caller keeps it.
 *   PDP_PUT_NOWAIT: during abort: false if it does not fit now.
 */
bool
pdp_queue_put(const char *rec, Size len, PdpPutMode mode)
{
	PdpAuditQueue *q = pdp_queue;
	TimestampTz since = 0;
	bool		noted = false;
	uint64		last_tail = 0;
	bool		ok;

	Assert(len == MAXALIGN(len));
	if (len > q->size)
	{
		if (mode == PDP_PUT_WAIT)
			too_big(len);
		return false;
	}
	if (try_put(rec, len))
		return true;
	if (mode == PDP_PUT_NOWAIT)
		return false;
	if (mode == PDP_PUT_WAIT && pdp_audit_overflow == PDP_OVERFLOW_DROP)
	{
		count_dropped();
		return false;
	}

	for (;;)
	{
		uint64		tail;

		if (q->worker_latch)
			SetLatch(q->worker_latch);
		ConditionVariableTimedSleep(&q->space_cv, 100, PG_WAIT_EXTENSION);
		if (try_put(rec, len))
		{
			ok = true;
			break;
		}
		SpinLockAcquire(&q->mutex);
		tail = q->tail;
		SpinLockRelease(&q->mutex);
		if (since == 0 || tail != last_tail)
		{
			since = GetCurrentTimestamp();
			last_tail = tail;
		}
		if (mode == PDP_PUT_BOUNDED &&
			TimestampDifferenceExceeds(since, GetCurrentTimestamp(), PUT_PATIENCE_MS))
		{
			ok = false;
			break;
		}
		if (mode == PDP_PUT_WAIT)
			note_no_writer(since, &noted);
	}
	ConditionVariableCancelSleep();
	return ok;
}

/* A backend that exits holding reserved room (FATAL during commit) gives it back */
static void
release_at_exit(int code, Datum arg)
{
	if (my_reserved > 0 && pdp_queue != NULL)
		pdp_queue_release(my_reserved);
}

/*
 * Reserve len bytes for a transaction's events, at pre-commit: they are
 * written right after the commit record, where nothing may wait.  The
 * overflow policy applies here, while the transaction can still fail:
 * wait for room (interruptibly), ERROR, or (drop) false, counted by the
 * caller.  Room is held only for the commit itself.
 */
bool
pdp_queue_reserve(Size len)
{
	PdpAuditQueue *q = pdp_queue;

	Assert(len == MAXALIGN(len));
	if (len > q->size / 2)
		too_big(len);
	if (!exit_hook_set)
	{
		on_shmem_exit(release_at_exit, (Datum) 0);
		exit_hook_set = true;
	}
	for (;;)
	{
		bool		ok;

		SpinLockAcquire(&q->mutex);
		ok = fits(q, len);
		if (ok)
		{
			q->reserved += len;
			my_reserved += len;
		}
		SpinLockRelease(&q->mutex);
		if (ok)
			return true;
		if (pdp_audit_overflow == PDP_OVERFLOW_DROP)
			return false;
		if (pdp_audit_overflow == PDP_OVERFLOW_ERROR)
			(void) pdp_queue_admit(len);	/* raises the queue-full ERROR */
		else
			wait_for_room(len);
	}
}

/* Give back reserved room that will not be written (abort) */
void
pdp_queue_release(Size len)
{
	if (len == 0)
		return;
	SpinLockAcquire(&pdp_queue->mutex);
	pdp_queue->reserved -= Min(len, pdp_queue->reserved);
	SpinLockRelease(&pdp_queue->mutex);
	my_reserved -= Min(len, my_reserved);
	ConditionVariableBroadcast(&pdp_queue->space_cv);
}

/* Write rec into room reserved with pdp_queue_reserve(): never waits */
void
pdp_queue_put_reserved(const char *rec, Size len)
{
	(void) claim_and_copy(rec, len, len);
}

/* Events this backend holds because they did not fit (audit_event.c) */
void
pdp_queue_deferred(int64 delta)
{
	if (delta > 0)
		pg_atomic_fetch_add_u64(&pdp_queue->deferred, (uint64) delta);
	else if (delta < 0)
		pg_atomic_fetch_sub_u64(&pdp_queue->deferred, (uint64) -delta);
}

/* A deferred event that could not be kept: counted as dropped */
void
pdp_queue_count_dropped(void)
{
	count_dropped();
}

/* Number of events queued so far: pdp.flush_audit() waits for these */
uint64
pdp_queue_queued(void)
{
	uint64		n;

	SpinLockAcquire(&pdp_queue->mutex);
	n = pdp_queue->queued;
	SpinLockRelease(&pdp_queue->mutex);
	return n;
}

/*
 * A record at the tail that cannot be read (a length that makes no
 * sense): nothing after it can be found either.  Everything queued is
 * dropped and counted rather than stop the trail for good (a sender's
 * numbering moves past it), and logged under who ("writer", "sender").
 */
void
pdp_queue_drop_all(uint64 pos, const char *who)
{
	PdpAuditQueue *q = pdp_queue;
	uint64		lost;

	SpinLockAcquire(&q->mutex);
	lost = q->queued - q->done;
	q->dropped += lost;
	q->done = q->queued;
	q->tail_seq += lost;
	q->tail = q->head;
	SpinLockRelease(&q->mutex);
	ereport(LOG,
			(errmsg("pdp audit %s: the audit queue is damaged at byte " UINT64_FORMAT "; " UINT64_FORMAT " events dropped",
					who, pos, lost)));
	ConditionVariableBroadcast(&q->space_cv);
	ConditionVariableBroadcast(&q->written_cv);
}
