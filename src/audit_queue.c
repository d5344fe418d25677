/*-------------------------------------------------------------------------
 * audit_queue.c
 *	  The audit queue: a byte ring in shared memory between the backends
 *	  that record events and the writer worker that stores them.
 *
 * Producers first reserve capacity (pdp_queue_reserve), which is where the
 * overflow policy applies: wait for room, fail the statement, or drop the
 * event and count it.  A statement reserves at ExecutorStart, before any
 * row is produced, and writes its event at ExecutorEnd or at abort; space
 * reserved is always there to write into.
 *
 * Reserved room is only given back when its statement ends, so waiting for
 * room while holding some can deadlock: a statement whose events need more
 * than the whole queue, or running statements whose reservations fill the
 * queue while each waits for more.  So a session may hold at most half
 * the queue (more fails at once: fail closed), and a backend holding room
 * fails when, for RESERVED_STALL_MS, the queue held nothing for the writer
 * to free and every backend holding room was waiting for more - as
 * PostgreSQL's deadlock check does for locks.  A holder that is still
 * running (a long query, an open cursor) is waited for.
 *
 * Writing (pdp_queue_write) claims [head, head + len) under the spinlock,
 * copies the record outside it, then publishes it by setting the record's
 * state word to its length.  The writer reads records in place from tail
 * while their state is non-zero, and after committing them clears their
 * state words and advances tail.  So the spinlock guards only a handful of
 * counter assignments.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"

#include "access/xlog.h"
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
int			pdp_audit_overflow = PDP_OVERFLOW_WAIT;

PdpAuditQueue *pdp_queue = NULL;

/* room this backend has reserved and not yet written or given back */
static Size my_reserved = 0;
static bool exit_hook_set = false;

#define RESERVED_STALL_MS 1000

static shmem_request_hook_type prev_shmem_request_hook = NULL;
static shmem_startup_hook_type prev_shmem_startup_hook = NULL;

static Size
queue_bytes(void)
{
	return (Size) pdp_audit_queue_kb * 1024;
}

static Size
queue_shmem_size(void)
{
	return add_size(MAXALIGN(offsetof(PdpAuditQueue, data)), queue_bytes());
}

static void
pdp_shmem_request(void)
{
	if (prev_shmem_request_hook)
		prev_shmem_request_hook();
	RequestAddinShmemSpace(queue_shmem_size());
}

static void
pdp_shmem_startup(void)
{
	bool		found;

	if (prev_shmem_startup_hook)
		prev_shmem_startup_hook();

	LWLockAcquire(AddinShmemInitLock, LW_EXCLUSIVE);
	pdp_queue = ShmemInitStruct("pdp audit queue", queue_shmem_size(), &found);
	if (!found)
	{
		memset(pdp_queue, 0, queue_shmem_size());
		SpinLockInit(&pdp_queue->mutex);
		pdp_queue->size = queue_bytes();
		ConditionVariableInit(&pdp_queue->space_cv);
		ConditionVariableInit(&pdp_queue->written_cv);
	}
	LWLockRelease(AddinShmemInitLock);
}

void
pdp_queue_init(void)
{
	prev_shmem_request_hook = shmem_request_hook;
	shmem_request_hook = pdp_shmem_request;
	prev_shmem_startup_hook = shmem_startup_hook;
	shmem_startup_hook = pdp_shmem_startup;
}

/*
 * At backend exit, after the transaction abort wrote or gave back what its
 * statements held: anything still counted is given back, so a leak cannot
 * shrink the queue for good.
 */
static void
release_at_exit(int code, Datum arg)
{
	if (my_reserved == 0 || pdp_queue == NULL)
		return;
	SpinLockAcquire(&pdp_queue->mutex);
	pdp_queue->reserved -= my_reserved;
	pdp_queue->holders--;
	SpinLockRelease(&pdp_queue->mutex);
	my_reserved = 0;
	ConditionVariableBroadcast(&pdp_queue->space_cv);
}

static void
stop_waiting_holder(bool *waiting_holder)
{
	if (!*waiting_holder)
		return;
	SpinLockAcquire(&pdp_queue->mutex);
	pdp_queue->waiting_holders--;
	SpinLockRelease(&pdp_queue->mutex);
	*waiting_holder = false;
}

/*
 * Reserve room for a record of len bytes.  Returns false if the event is to
 * be dropped (overflow = drop; counted here).  Raises ERROR under
 * overflow = error.  Waits under overflow = wait, interruptibly.
 */
bool
pdp_queue_reserve(Size len)
{
	PdpAuditQueue *q = pdp_queue;
	bool		waited = false;
	bool		waiting_holder = false;
	TimestampTz stalled_since = 0;

	Assert(len == MAXALIGN(len));
	/* a standby has no writer: events go to the server log instead */
	if (RecoveryInProgress())
		return false;
	if (!exit_hook_set)
	{
		on_shmem_exit(release_at_exit, (Datum) 0);
		exit_hook_set = true;
	}
	if (len > q->size / 2)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("audit event of %zu bytes does not fit in the audit queue", len),
				 errhint("Increase pdp.audit_queue_size.")));
	if (my_reserved + len > q->size / 2)
	{
		/*
		 * A session may hold at most half the queue: one that holds room
		 * while idle (open cursors in a transaction) cannot stall every
		 * other session's audited statements alone.
		 */
		if (pdp_audit_overflow == PDP_OVERFLOW_DROP)
		{
			SpinLockAcquire(&q->mutex);
			q->dropped++;
			SpinLockRelease(&q->mutex);
			return false;
		}
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("the audit events of this session's running statements need more than half of the audit queue"),
				 errdetail("Already reserved: %zu bytes; this event: %zu bytes; pdp.audit_queue_size: %zu bytes.",
						   my_reserved, len, q->size),
				 errhint("Increase pdp.audit_queue_size, or lower pdp.audit_query_max_length: every event of a statement (one per table or partition read) keeps room for the query text.")));
	}

	for (;;)
	{
		bool		ok;
		bool		holder_waits;
		bool		stuck = false;
		bool		victim = false;
		TimestampTz now = stalled_since ? GetCurrentTimestamp() : 0;

		SpinLockAcquire(&q->mutex);
		ok = (q->head - q->tail) + q->reserved + len <= q->size;
		if (ok)
		{
			q->reserved += len;
			if ((q->head - q->tail) + q->reserved > q->high_water)
				q->high_water = (q->head - q->tail) + q->reserved;
			if (my_reserved == 0)
				q->holders++;
			my_reserved += len;
		}
		else if (pdp_audit_overflow == PDP_OVERFLOW_DROP)
			q->dropped++;
		/* is this a backend holding reserved room, waiting for more? */
		holder_waits = !ok && my_reserved > 0 && pdp_audit_overflow == PDP_OVERFLOW_WAIT;
		if (holder_waits != waiting_holder)
		{
			q->waiting_holders += holder_waits ? 1 : -1;
			waiting_holder = holder_waits;
		}

		/*
		 * Nothing written for the writer to free, and every backend holding
		 * reserved room (this one among them) waiting for more: none will
		 * ever give room back.  After RESERVED_STALL_MS the first to see it
		 * stops waiting (the others see one waiter fewer and go on).
		 */
		if (waiting_holder && q->head == q->tail &&
			q->waiting_holders >= q->holders)
		{
			stuck = true;
			if (stalled_since != 0 &&
				TimestampDifferenceExceeds(stalled_since, now, RESERVED_STALL_MS))
			{
				victim = true;
				q->waiting_holders--;
				waiting_holder = false;
			}
		}
		SpinLockRelease(&q->mutex);

		if (ok)
			break;
		if (pdp_audit_overflow == PDP_OVERFLOW_DROP)
		{
			if (waited)
				ConditionVariableCancelSleep();
			return false;
		}
		if (pdp_audit_overflow == PDP_OVERFLOW_ERROR)
		{
			if (waited)
				ConditionVariableCancelSleep();
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_RESOURCES),
					 errmsg("the pdp audit queue is full"),
					 errdetail("pdp.audit_overflow is \"error\": statements that cannot be audited do not run."),
					 errhint("Check that the pdp audit writer is running (pdp.audit_stats()), or increase pdp.audit_queue_size.")));
		}
		if (victim)
		{
			if (waited)
				ConditionVariableCancelSleep();
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_RESOURCES),
					 errmsg("the pdp audit queue is full of room reserved by statements that all wait for more"),
					 errdetail("This session holds %zu bytes of it.", my_reserved),
					 errhint("Increase pdp.audit_queue_size, or lower pdp.audit_query_max_length: every event of a statement (one per table or partition read) keeps room for the query text.")));
		}
		if (!stuck)
			stalled_since = 0;
		else if (stalled_since == 0)
			stalled_since = GetCurrentTimestamp();

		/* wait for the writer to free space */
		if (q->worker_latch)
			SetLatch(q->worker_latch);
		PG_TRY();
		{
			ConditionVariableTimedSleep(&q->space_cv, stalled_since ? 100 : 1000,
										PG_WAIT_EXTENSION);
		}
		PG_CATCH();
		{
			/* cancelled or terminated while waiting */
			stop_waiting_holder(&waiting_holder);
			PG_RE_THROW();
		}
		PG_END_TRY();
		waited = true;
	}
	if (waited)
		ConditionVariableCancelSleep();
	return true;
}

/* Give back reserved room that will not be written */
void
pdp_queue_unreserve(Size len)
{
	my_reserved -= len;
	SpinLockAcquire(&pdp_queue->mutex);
	pdp_queue->reserved -= len;
	if (my_reserved == 0 && len > 0)
		pdp_queue->holders--;
	SpinLockRelease(&pdp_queue->mutex);
	ConditionVariableBroadcast(&pdp_queue->space_cv);
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
 * Write a record into room reserved earlier.  rec starts with a
 * PdpRecordHeader whose state is ignored; len is MAXALIGNed and no more than
 * what was reserved (the difference is given back).
 */
void
pdp_queue_write(const char *rec, Size len, Size reserved)
{
	PdpAuditQueue *q = pdp_queue;
	uint64		pos;
	PdpRecordHeader *hdr;

	Assert(len <= reserved && len == MAXALIGN(len));
	SpinLockAcquire(&q->mutex);
	pos = q->head;
	/*
	 * Headers never wrap: records are MAXALIGNed and so is the ring.  The
	 * state word may lie on old payload bytes: clear it before the writer
	 * can see the new head.
	 */
	hdr = (PdpRecordHeader *) (q->data + pos % q->size);
	pg_atomic_write_u32(&hdr->state, 0);
	q->head += len;
	q->reserved -= reserved;
	q->queued++;
	my_reserved -= reserved;
	if (my_reserved == 0 && reserved > 0)
		q->holders--;
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
