/*-------------------------------------------------------------------------
 * audit_admin.c
 *	  pdp.audit_stats() and pdp.flush_audit(): the state of the audit
 *	  queue and its writer, and waiting for the trail to catch up.
 *
 * audit_stats() fills the columns its SQL declaration has, by name, so the
 * same library serves a database still at extension version 1.0 (eight
 * columns) and one at 1.1 (which adds the writer's state, when it last
 * stopped, and the events backends hold because the queue was full).
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"

#include "access/xlog.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

PG_FUNCTION_INFO_V1(pdp_audit_stats);
PG_FUNCTION_INFO_V1(pdp_flush_audit);

static const char *const state_names[] = {
	[PDP_WRITER_STOPPED] = "stopped",
	[PDP_WRITER_RUNNING] = "running",
	[PDP_WRITER_NO_TABLE] = "no audit table",
	[PDP_WRITER_BROKEN] = "failing",
	[PDP_SENDER_CONNECTING] = "connecting to the primary",
	[PDP_SENDER_SENDING] = "sending to the primary",
	[PDP_SENDER_UNREACHABLE] = "cannot reach the primary",
	[PDP_SENDER_REFUSED] = "refused by the primary",
};

/* pdp.audit_stats(): the queue's counters and the writer's state */
Datum
pdp_audit_stats(PG_FUNCTION_ARGS)
{
	TupleDesc	desc;
	Datum	   *values;
	bool	   *nulls;
	PdpAuditQueue *q = pdp_queue;
	PdpAuditQueue snap;
	uint64		deferred;
	int			i;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	desc = BlessTupleDesc(desc);

	SpinLockAcquire(&q->mutex);
	memcpy(&snap, q, offsetof(PdpAuditQueue, deferred));
	SpinLockRelease(&q->mutex);
	deferred = pg_atomic_read_u64(&q->deferred);

	values = palloc0(desc->natts * sizeof(Datum));
	nulls = palloc(desc->natts * sizeof(bool));
	for (i = 0; i < desc->natts; i++)
	{
		const char *name = NameStr(TupleDescAttr(desc, i)->attname);

		nulls[i] = false;
		if (strcmp(name, "queued") == 0)
			values[i] = Int64GetDatum((int64) snap.queued);
		else if (strcmp(name, "written") == 0)
			values[i] = Int64GetDatum((int64) snap.written);
		else if (strcmp(name, "dropped") == 0)
			values[i] = Int64GetDatum((int64) snap.dropped);
		else if (strcmp(name, "pending") == 0)
			values[i] = Int64GetDatum((int64) (snap.queued - snap.done));
		else if (strcmp(name, "queue_bytes") == 0)
			values[i] = Int64GetDatum((int64) (snap.head - snap.tail));
		else if (strcmp(name, "high_water_bytes") == 0)
			values[i] = Int64GetDatum((int64) snap.high_water);
		else if (strcmp(name, "queue_size_bytes") == 0)
			values[i] = Int64GetDatum((int64) snap.size);
		else if (strcmp(name, "writer_pid") == 0)
		{
			values[i] = Int32GetDatum(snap.worker_pid);
			nulls[i] = (snap.worker_pid == 0);
		}
		else if (strcmp(name, "writer_state") == 0)
			values[i] = CStringGetTextDatum(state_names[snap.worker_pid == 0 ?
														PDP_WRITER_STOPPED : snap.worker_state]);
		else if (strcmp(name, "writer_stopped_at") == 0)
		{
			values[i] = TimestampTzGetDatum(snap.worker_stopped_at);
			nulls[i] = (snap.worker_stopped_at == 0);
		}
		else if (strcmp(name, "deferred") == 0)
			values[i] = Int64GetDatum((int64) deferred);
		else if (strcmp(name, "server") == 0)
			values[i] = CStringGetTextDatum(pdp_server_name());
		else if (strcmp(name, "received") == 0)
			values[i] = Int64GetDatum((int64) pg_atomic_read_u64(&q->received));
		else if (strcmp(name, "writer_detail") == 0)
		{
			values[i] = CStringGetTextDatum(snap.sender_detail);
			nulls[i] = (snap.worker_pid == 0 || snap.sender_detail[0] == '\0' ||
						snap.worker_state < PDP_SENDER_CONNECTING);
		}
		else if (strncmp(name, "summ", 4) == 0)
		{
			PdpSummaryStats ss;

			pdp_summary_stats(&ss);
			if (strcmp(name, "summary_keys") == 0)
				values[i] = Int64GetDatum((int64) ss.keys);
			else if (strcmp(name, "summarized") == 0)
				values[i] = Int64GetDatum((int64) ss.counted);
			else if (strcmp(name, "summary_rows") == 0)
				values[i] = Int64GetDatum((int64) ss.rows);
			else if (strcmp(name, "summary_fallback") == 0)
				values[i] = Int64GetDatum((int64) ss.fallback);
			else if (strcmp(name, "summary_lost") == 0)
				values[i] = Int64GetDatum((int64) ss.lost);
			else
				nulls[i] = true;
		}
		else if (strcmp(name, "standby") == 0)
			values[i] = BoolGetDatum(RecoveryInProgress());
		else
			nulls[i] = true;
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}

/*
 * pdp.flush_audit(): returns once every event queued before the call (and
 * every event this backend holds back) is committed in pdp.audit_log, and
 * so is every event of another server that pdp._audit_receive stored in
 * the inbox in a transaction committed before the call.  On a standby:
 * once they are in the primary's pdp.audit_log (the sender flushes the
 * primary once it has stored them there).  Fails after 10 s during which
 * the writer could not write, or the sender could not reach the primary
 * or was refused, saying why; cancel and statement_timeout end the wait.
 */
Datum
pdp_flush_audit(PG_FUNCTION_ARGS)
{
	PdpAuditQueue *q = pdp_queue;
	uint64		target;
	uint64		inbox_target;
	int			stuck_ms = 0;

	pdp_audit_flush_deferred();
	/* the summaries counted so far go into the queue first */
	pdp_summary_flush_wait();
	target = pdp_queue_queued();
	inbox_target = pg_atomic_read_u64(&q->inbox_received);
	for (;;)
	{
		uint64		done;
		uint64		flushed;
		bool		sending;
		bool		stuck;
		int			pid;
		PdpWriterState state;
		char		detail[sizeof(q->sender_detail)];

		/* a standby's events count once on the primary's trail, worker running or not */
		bool		standby = RecoveryInProgress();

		SpinLockAcquire(&q->mutex);
		done = q->done;
		flushed = q->flushed;
		sending = q->sending || standby;
		pid = q->worker_pid;
		state = q->worker_state;
		if (sending && q->flush_request < target)
			q->flush_request = target;
		memcpy(detail, q->sender_detail, sizeof(detail));
		SpinLockRelease(&q->mutex);
		detail[sizeof(detail) - 1] = '\0';
		if (detail[0] == '\0' || pid == 0)
			strlcpy(detail, "The audit worker is not running; it is started again within seconds", sizeof(detail));
		if (sending ? flushed >= target :
			done >= target && pg_atomic_read_u64(&q->inbox_written) >= inbox_target)
			break;
		stuck = pid == 0 ||
			(sending ? (state == PDP_SENDER_UNREACHABLE || state == PDP_SENDER_REFUSED) :
			 state != PDP_WRITER_RUNNING);
		if (stuck)
		{
			stuck_ms += 100;
			if (stuck_ms >= 10000 && sending)
				ereport(ERROR,
						(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
						 pid == 0 ?
						 errmsg("the pdp audit sender is not running") :
						 state == PDP_SENDER_REFUSED ?
						 errmsg("the primary refuses this standby's audit events") :
						 errmsg("the pdp audit sender cannot reach the primary"),
						 errdetail("%s.  Events are kept in the queue until the primary stores them.", detail),
						 errhint("Check pdp.audit_primary_conninfo (or primary_conninfo), role pdp_audit_sender on the primary, pdp.audit_stats(), and the server log.")));
			if (stuck_ms >= 10000)
				ereport(ERROR,
						(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
						 pid == 0 ?
						 errmsg("the pdp audit writer is not running") :
						 state == PDP_WRITER_NO_TABLE ?
						 errmsg("the pdp audit writer has nowhere to write: extension pdp is not installed in database \"%s\"",
								pdp_audit_database) :
						 errmsg("the pdp audit writer cannot write the audit trail"),
						 errdetail("Events are kept in the queue until it can write them."),
						 errhint("Check that extension pdp exists in database \"%s\" (pdp.audit_database), pdp.audit_stats(), and the server log.",
								 pdp_audit_database)));
		}
		else
			stuck_ms = 0;
		if (pid != 0 && q->worker_latch)
			SetLatch(q->worker_latch);
		ConditionVariableTimedSleep(&q->written_cv, 100, PG_WAIT_EXTENSION);
	}
	ConditionVariableCancelSleep();
	PG_RETURN_VOID();
}
