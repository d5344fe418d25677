/*-------------------------------------------------------------------------
 * audit_sender.c
 *	  A standby's audit events, shipped into the primary's trail; a
 *	  standby's audit queue, kept across clean restarts.
 *
 * Interface (audit.h):
 *   pdp_sender_run(&shutdown)  the audit worker's loop while its server is
 *       a standby (audit_writer.c runs it when RecoveryInProgress()).
 *       Returns true once the server has been promoted - the worker then
 *       goes on as the writer, after pdp_sender_promoted() - and false
 *       when shutdown was requested.
 *   pdp_sender_promoted()  in the worker when it starts writing (promoted,
 *       or a primary's start), in a transaction of its own: frees the
 *       queued records the old primary had already stored (as far as
 *       replication brought its pdp.audit_servers here), so none is
 *       written twice;
 *       the rest are written locally, in order, under this server's name.
 *   pdp_queue_persist_init(found)  in the postmaster, from
 *       pdp_queue_shmem_init: loads the queue saved at the last clean
 *       shutdown, and saves it at the next.
 *
 * On a standby, backends put events into the same shared queue, under the
 * same overflow rules (wait, error, drop-counted; deferred events) as on a
 * primary.  The audit worker, connected to the local pdp.audit_database
 * (read-only), connects with libpq to the primary (pdp.audit_primary_conninfo,
 * else primary_conninfo without replication, user and password: user
 * pdp_audit_sender, dbname pdp.audit_database) and calls
 *     pdp._audit_receive(server, epoch, first_seq, records)
 * with a batch of queue records copied as they lie in the ring, numbered
 * first_seq, first_seq + 1, ... within (pdp_server_name(), epoch).  The
 * primary stores them in its inbox in that call's transaction, skips the
 * numbers it already has, and returns the highest number it has stored;
 * only then is their room freed here.  So a batch whose reply was lost is
 * sent again and stored once.
 *
 * Numbering.  The queue holds its epoch (random, non-zero, 63 bits) and the
 * number of the record at its tail (tail_seq); a record's number is
 * tail_seq plus its position, and tail_seq moves with tail only when room is
 * freed.  A record keeps its number across worker restarts and clean
 * server restarts (the file below); a crash loses the queue, and the next
 * start draws a new epoch.  A primary that claims to hold more of this epoch
 * than was ever sent (a clone of this standby under the same name, an
 * edited inbox) gets the queue's records under a new epoch: at worst stored
 * twice, never skipped.  The writer frees records without numbers, so a
 * queue a writer has run on has epoch 0 and gets a new one.
 *
 * pdp.flush_audit() on a standby asks for a flush (flush_request); once
 * every event queued before it is stored on the primary, the sender calls
 * pdp.flush_audit() there and then advances "flushed".
 *
 * The file.  At a clean shutdown the postmaster, once every backend is
 * gone, writes the standby's unsent records to pg_stat/pdp_audit_queue.stat
 * (header, records, CRC-32C); the next start loads and removes it.  It is
 * input like any other: a file that is truncated, fails its checksum, or
 * holds a record that does not make sense is not loaded (as far as it is
 * damaged), and what it held is counted as dropped and logged.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"

#include "libpq-fe.h"

#include "access/xact.h"
#include "access/xlog.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "port/pg_crc32c.h"
#include "postmaster/interrupt.h"
#include "storage/fd.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"

char	   *pdp_audit_primary_conninfo = NULL;

#define SENDER_ROLE			"pdp_audit_sender"
#define SEND_BATCH_BYTES	(1024 * 1024)	/* per call, unless one record is bigger */
#define SEND_BATCH_EVENTS	10000
#define CONNECT_TIMEOUT_MS	10000
#define QUERY_TIMEOUT_MS	60000
#define BACKOFF_MAX_MS		5000

#define QUEUE_FILE			"pg_stat/pdp_audit_queue.stat"
#define QUEUE_FILE_MAGIC	0x70647061	/* "pdpa" */
#define QUEUE_FILE_VERSION	2	/* 2: records carry summary counts */

typedef struct QueueFileHeader
{
	uint32		magic;
	uint32		version;
	uint64		epoch;
	uint64		tail_seq;
	uint64		nrecords;
	uint64		nbytes;
} QueueFileHeader;

/* the connection to the primary, and what it was built from */
static PGconn *conn = NULL;
static char *conn_source = NULL;	/* conninfo used, to notice a change */
static char *conn_target = NULL;	/* for messages, passwords masked */
static TimestampTz next_attempt = 0;
static int	backoff_ms = 0;
static volatile sig_atomic_t *stop_flag = NULL;
static char last_sqlstate[6];	/* of the primary's last error, "" */
static char last_error[256];	/* its message */
static uint64 probe_through = 0;	/* send one at a time up to this seq */
static StringInfoData batch;

static PGresult *primary_call(const char *what, const char *sql, int nparams,
							  const Oid *types, const char *const *values,
							  const int *lengths, const int *formats);

/* ---------------------------------------------------------------------
 * Records
 * ---------------------------------------------------------------------
 */

/*
 * Is the record of len bytes at rec (its state word = len) one the primary
 * will take?  The same check as pdp._audit_receive's (audit_inbox.c).
 */
static bool
record_ok(const char *rec, uint32 len, const char **why)
{
	const char *strs[RS_COUNT];
	PdpRecord  *copy = pdp_inbox_record(rec, len, strs, why);

	if (copy == NULL)
		return false;
	pfree(copy);
	return true;
}

/* the length a published record at pos claims, 0 if none is there (yet) */
static uint32
record_len_at(uint64 pos, uint64 head)
{
	PdpRecordHeader *hdr = (PdpRecordHeader *) (pdp_queue->data + pos % pdp_queue->size);
	uint32		len = pg_atomic_read_u32(&hdr->state);

	if (len == 0)
		return 0;
	if (len < sizeof(PdpRecord) || len != MAXALIGN(len) || pos + len > head)
		return PG_UINT32_MAX;	/* damaged */
	return len;
}

/* ---------------------------------------------------------------------
 * The queue across clean restarts (postmaster)
 * ---------------------------------------------------------------------
 */

static uint64
new_epoch(uint64 old)
{
	uint64		e = 0;

	while (e == 0 || e == old)
	{
		if (!pg_strong_random(&e, sizeof(e)))
			e = ((uint64) GetCurrentTimestamp() << 16) ^ (uint64) MyProcPid ^ old;
		e &= PG_INT64_MAX;		/* a positive bigint on the primary */
	}
	return e;
}

/* Postmaster exit: save a standby's unsent records for the next start */
static void
queue_save(int code, Datum arg)
{
	PdpAuditQueue *q = pdp_queue;
	QueueFileHeader h;
	FILE	   *f = NULL;
	uint64		pos;
	uint64		n = 0;
	pg_crc32c	crc;
	char	   *buf = NULL;

	/* after a crash what is in memory cannot be trusted; a writer's queue has no numbers */
	if (code != 0 || q == NULL || q->epoch == 0)
		return;
	for (pos = q->tail; pos < q->head; n++)
	{
		uint32		len = record_len_at(pos, q->head);

		if (len == 0 || len == PG_UINT32_MAX)
			break;
		pos += len;
	}
	if (pos < q->head)
		ereport(LOG,
				(errmsg("pdp: " UINT64_FORMAT " bytes of audit events after the first " UINT64_FORMAT " are not saved: a record there was not finished when the server stopped",
						q->head - pos, n),
				 errdetail("An immediate shutdown can leave one; the events after it are lost, as in a crash.")));
	if (n == 0)
	{
		unlink(QUEUE_FILE);
		return;
	}
	h.magic = QUEUE_FILE_MAGIC;
	h.version = QUEUE_FILE_VERSION;
	h.epoch = q->epoch;
	h.tail_seq = q->tail_seq;
	h.nrecords = n;
	h.nbytes = pos - q->tail;
	buf = malloc(h.nbytes);
	if (buf == NULL)
		goto error;
	pdp_ring_copy_out(q->tail, buf, h.nbytes);
	INIT_CRC32C(crc);
	COMP_CRC32C(crc, &h, sizeof(h));
	COMP_CRC32C(crc, buf, h.nbytes);
	FIN_CRC32C(crc);
	f = AllocateFile(QUEUE_FILE ".tmp", PG_BINARY_W);
	if (f == NULL ||
		fwrite(&h, sizeof(h), 1, f) != 1 ||
		fwrite(buf, 1, h.nbytes, f) != h.nbytes ||
		fwrite(&crc, sizeof(crc), 1, f) != 1)
		goto error;
	if (FreeFile(f))
	{
		f = NULL;
		goto error;
	}
	free(buf);
	if (durable_rename(QUEUE_FILE ".tmp", QUEUE_FILE, LOG) == 0)
		ereport(LOG,
				(errmsg("pdp: saved " UINT64_FORMAT " audit events not yet sent to the primary in file \"%s\"",
						n, QUEUE_FILE)));
	return;

error:
	ereport(LOG,
			(errcode_for_file_access(),
			 errmsg("pdp: could not save " UINT64_FORMAT " audit events not yet sent to the primary in file \"%s\": %m",
					n, QUEUE_FILE ".tmp"),
			 errdetail("They are lost; this counts as dropping them.")));
	if (f)
		FreeFile(f);
	free(buf);
	unlink(QUEUE_FILE ".tmp");
}

/*
 * Startup: put the records of the file back into the (empty) ring.  What
 * cannot be trusted is counted as dropped: the whole file when its header
 * or checksum is wrong, the records from the first damaged one on
 * otherwise (a checksum that matches with a damaged record: an edit).
 */
static void
queue_load(void)
{
	PdpAuditQueue *q = pdp_queue;
	FILE	   *f = AllocateFile(QUEUE_FILE, PG_BINARY_R);
	QueueFileHeader h;
	char	   *buf = NULL;
	pg_crc32c	crc;
	pg_crc32c	stored;
	uint64		pos = 0;
	uint64		n = 0;
	uint64		lost = 0;
	const char *why = NULL;

	if (f == NULL)
	{
		if (errno != ENOENT)
			ereport(LOG,
					(errcode_for_file_access(),
					 errmsg("pdp: could not read file \"%s\": %m", QUEUE_FILE)));
		return;
	}
	if (fread(&h, sizeof(h), 1, f) != 1)
		why = "it is shorter than its header";
	else if (h.magic != QUEUE_FILE_MAGIC || h.version != QUEUE_FILE_VERSION)
		why = "its header is not pdp's";
	else if (h.nrecords == 0 || h.nrecords > h.nbytes / sizeof(PdpRecord) ||
			 h.nbytes > (uint64) 1024 * 1024 * 1024 * 2 || h.epoch == 0 ||
			 h.epoch > PG_INT64_MAX || h.tail_seq == 0 || h.tail_seq > PG_INT64_MAX / 2)
		why = "its header holds impossible numbers";
	else if ((buf = malloc(h.nbytes)) == NULL)
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

	if (why == NULL)
	{
		/* records one by one: each must make sense, and fit */
		while (n < h.nrecords && pos < h.nbytes)
		{
			uint32		len;
			const char *bad;

			if (h.nbytes - pos < sizeof(PdpRecord))
				break;
			memcpy(&len, buf + pos, sizeof(len));
			if (len > h.nbytes - pos || !record_ok(buf + pos, len, &bad))
			{
				why = "a record in it is damaged";
				break;
			}
			if (pos + len > q->size)
			{
				why = "pdp.audit_queue_size is now too small for it";
				break;
			}
			pos += len;
			n++;
		}
		if (why == NULL && (n != h.nrecords || pos != h.nbytes))
			why = "its records do not add up to its header";
		lost = h.nrecords - n;
		if (n > 0)
		{
			/* the ring is empty: records go in at 0, published */
			memcpy(q->data, buf, pos);
			q->head = pos;
			q->tail = 0;
			q->queued = n;
			q->high_water = pos;
			q->epoch = h.epoch;
			q->tail_seq = h.tail_seq;
		}
	}
	else if (h.magic == QUEUE_FILE_MAGIC && h.nrecords <= PG_INT32_MAX)
		lost = h.nrecords;		/* as far as its header can be believed */

	free(buf);
	q->dropped += lost;
	if (why != NULL)
		ereport(LOG,
				(errmsg("pdp: file \"%s\" of saved audit events cannot be used in full: %s",
						QUEUE_FILE, why),
				 errdetail(UINT64_FORMAT " events were loaded; " UINT64_FORMAT " events are lost and counted as dropped%s.",
						   n, lost, lost == 0 && n == 0 ? " (how many it held is not known)" : "")));
	else
		ereport(LOG,
				(errmsg("pdp: loaded " UINT64_FORMAT " saved audit events from file \"%s\"", n, QUEUE_FILE)));

	/* a crash must not bring them back a second time */
	if (unlink(QUEUE_FILE) != 0)
		ereport(LOG,
				(errcode_for_file_access(),
				 errmsg("pdp: could not remove file \"%s\": %m", QUEUE_FILE)));
}

/*
 * From pdp_queue_shmem_init, with the queue just created (found: attached
 * to an existing one).  Only the postmaster saves and loads.
 */
void
pdp_queue_persist_init(bool found)
{
	if (IsUnderPostmaster)
		return;
	on_shmem_exit(queue_save, (Datum) 0);
	if (!found)
	{
		pdp_queue->epoch = new_epoch(0);
		pdp_queue->tail_seq = 1;
		queue_load();
	}
}

/* ---------------------------------------------------------------------
 * State shown by audit_stats()
 * ---------------------------------------------------------------------
 */

static void
set_state(PdpWriterState state, const char *detail)
{
	PdpAuditQueue *q = pdp_queue;
	bool		changed;
	bool		new_detail;

	SpinLockAcquire(&q->mutex);
	changed = q->worker_state != state;
	new_detail = strncmp(q->sender_detail, detail ? detail : "",
						 sizeof(q->sender_detail) - 1) != 0;
	q->worker_state = state;
	strlcpy(q->sender_detail, detail ? detail : "", sizeof(q->sender_detail));
	SpinLockRelease(&q->mutex);
	/* a failure once per new reason, not per attempt */
	if (new_detail && detail != NULL)
		ereport(LOG,
				(errmsg("pdp audit sender: %s", detail),
				 errdetail("Connection: %s.  Events wait in the queue and are sent when the primary can be reached.",
						   conn_target ? conn_target : "none")));
	else if (changed && state == PDP_SENDER_SENDING)
		ereport(LOG,
				(errmsg("pdp audit sender: connected to the primary (%s)",
						conn_target ? conn_target : "")));
}

/* ---------------------------------------------------------------------
 * The connection to the primary
 * ---------------------------------------------------------------------
 */

static void
disconnect(void)
{
	if (conn)
		PQfinish(conn);
	conn = NULL;
}

/* the current call to the primary is quota counts: a refusal is not fatal */
static bool soft_call = false;

/* a failure talking to the primary: drop the connection, back off */
static void
failed(PdpWriterState state, const char *what, const char *why)
{
	char		msg[256];
	char	   *nl;

	snprintf(msg, sizeof(msg), "%s: %s", what, why && why[0] ? why : "no reason given");
	/* libpq's messages end with a newline */
	while ((nl = strrchr(msg, '\n')) != NULL && nl[1] == '\0')
		*nl = '\0';
	for (nl = msg; *nl; nl++)
		if (*nl == '\n')
			*nl = ' ';
	if (soft_call && state == PDP_SENDER_REFUSED)
	{
		/* the primary refused the counts, the connection is fine: events go on */
		ereport(LOG, (errmsg("pdp audit sender: %s", msg)));
		return;
	}
	disconnect();
	backoff_ms = backoff_ms ? Min(backoff_ms * 2, BACKOFF_MAX_MS) : 500;
	next_attempt = TimestampTzPlusMilliseconds(GetCurrentTimestamp(), backoff_ms);
	set_state(state, msg);
}

/*
 * Keywords and values to connect with, in cxt.  From
 * pdp.audit_primary_conninfo as given (user, dbname defaulted); else from
 * primary_conninfo, whose replication, user, password and dbname belong to
 * the walreceiver's connection, not to ours.  describe: the same, with
 * every secret field (libpq's dispchar "*") masked.  False: *err says why.
 */
static bool
build_target(const char *source, bool explicit, const char ***keysp,
			 const char ***valsp, char **describe, char **err)
{
	PQconninfoOption *opts;
	PQconninfoOption *o;
	char	   *perr = NULL;
	const char **keys;
	const char **vals;
	StringInfoData d;
	int			n = 0;
	bool		have_user = false;
	bool		have_db = false;
	int			i;

	opts = PQconninfoParse(source, &perr);
	if (opts == NULL)
	{
		*err = psprintf("%s is not a valid connection string: %s",
						explicit ? "pdp.audit_primary_conninfo" : "primary_conninfo",
						perr ? perr : "out of memory");
		if (perr)
			PQfreemem(perr);
		return false;
	}
	for (o = opts; o->keyword; o++)
		n++;
	keys = palloc0(sizeof(char *) * (n + 4));
	vals = palloc0(sizeof(char *) * (n + 4));
	n = 0;
	for (o = opts; o->keyword; o++)
	{
		if (o->val == NULL || o->val[0] == '\0')
			continue;
		if (strcmp(o->keyword, "replication") == 0 ||
			strcmp(o->keyword, "application_name") == 0)
			continue;
		if (!explicit && (strcmp(o->keyword, "user") == 0 ||
						  strcmp(o->keyword, "password") == 0 ||
						  strcmp(o->keyword, "dbname") == 0))
			continue;
		if (strcmp(o->keyword, "user") == 0)
			have_user = true;
		if (strcmp(o->keyword, "dbname") == 0)
			have_db = true;
		keys[n] = pstrdup(o->keyword);
		vals[n] = pstrdup(o->val);
		n++;
	}
	if (!have_user)
	{
		keys[n] = "user";
		vals[n++] = SENDER_ROLE;
	}
	if (!have_db)
	{
		keys[n] = "dbname";
		vals[n++] = pstrdup(pdp_audit_database);
	}
	keys[n] = "application_name";
	vals[n++] = psprintf("pdp audit sender (%s)", pdp_server_name());

	initStringInfo(&d);
	for (i = 0; i < n; i++)
	{
		bool		secret = true;

		/* libpq marks secret fields ("*"); a keyword it does not list is masked too */
		for (o = opts; o->keyword; o++)
			if (strcmp(o->keyword, keys[i]) == 0)
				secret = strchr(o->dispchar, '*') != NULL;
		appendStringInfo(&d, "%s%s=%s", i ? " " : "", keys[i], secret ? "********" : vals[i]);
	}
	PQconninfoFree(opts);
	*keysp = keys;
	*valsp = vals;
	*describe = d.data;
	return true;
}

/* the conninfo to use now: pdp.audit_primary_conninfo, else primary_conninfo */
static const char *
current_source(bool *explicit)
{
	const char *pc;

	*explicit = pdp_audit_primary_conninfo && pdp_audit_primary_conninfo[0];
	if (*explicit)
		return pdp_audit_primary_conninfo;
	pc = GetConfigOption("primary_conninfo", true, false);
	return pc ? pc : "";
}

/*
 * Wait for the socket (io: WL_SOCKET_*) until deadline, answering SIGTERM
 * and reloads.  False: shutdown requested, or the deadline passed (*timeout).
 */
static bool
wait_socket(int io, TimestampTz deadline, bool *timeout)
{
	for (;;)
	{
		long		ms = TimestampDifferenceMilliseconds(GetCurrentTimestamp(), deadline);
		int			rc;

		*timeout = false;
		if (ms <= 0)
		{
			*timeout = true;
			return false;
		}
		rc = WaitLatchOrSocket(MyLatch,
							   WL_EXIT_ON_PM_DEATH | WL_LATCH_SET | WL_TIMEOUT | io,
							   PQsocket(conn), ms, PG_WAIT_EXTENSION);
		if (rc & WL_LATCH_SET)
		{
			ResetLatch(MyLatch);
			CHECK_FOR_INTERRUPTS();
			if (*stop_flag)
				return false;
		}
		if (rc & io)
			return true;
		/* promoted meanwhile: the queue is written here now */
		if (!RecoveryInProgress())
			return false;
	}
}

/*
 * Connect, without blocking on anything but the latch and the socket.
 * False: not connected (state and detail set, backoff armed).
 */
static bool
connect_primary(void)
{
	bool		explicit;
	const char *source = current_source(&explicit);
	const char **keys;
	const char **vals;
	char	   *describe;
	char	   *err;
	PostgresPollingStatusType st = PGRES_POLLING_WRITING;
	TimestampTz deadline;
	PGresult   *res;
	bool		timeout = false;

	if (conn_source)
		pfree(conn_source);
	conn_source = MemoryContextStrdup(TopMemoryContext, source);
	if (source[0] == '\0')
	{
		failed(PDP_SENDER_UNREACHABLE, "cannot reach the primary",
			   "neither pdp.audit_primary_conninfo nor primary_conninfo is set");
		return false;
	}
	if (!build_target(source, explicit, &keys, &vals, &describe, &err))
	{
		failed(PDP_SENDER_UNREACHABLE, "cannot reach the primary", err);
		return false;
	}
	if (conn_target)
		pfree(conn_target);
	conn_target = MemoryContextStrdup(TopMemoryContext, describe);

	conn = PQconnectStartParams(keys, vals, 0);
	if (conn == NULL)
	{
		failed(PDP_SENDER_UNREACHABLE, "cannot reach the primary", "out of memory");
		return false;
	}
	deadline = TimestampTzPlusMilliseconds(GetCurrentTimestamp(), CONNECT_TIMEOUT_MS);
	while (PQstatus(conn) != CONNECTION_BAD &&
		   st != PGRES_POLLING_OK && st != PGRES_POLLING_FAILED)
	{
		if (!wait_socket(st == PGRES_POLLING_READING ? WL_SOCKET_READABLE : WL_SOCKET_WRITEABLE,
						 deadline, &timeout))
		{
			failed(PDP_SENDER_UNREACHABLE, "cannot reach the primary",
				   timeout ? "connection timed out" : "shutting down or promoted");
			return false;
		}
		st = PQconnectPoll(conn);
	}
	if (PQstatus(conn) != CONNECTION_OK)
	{
		failed(PDP_SENDER_UNREACHABLE, "cannot reach the primary", PQerrorMessage(conn));
		return false;
	}
	if (PQsetnonblocking(conn, 1) != 0)
	{
		failed(PDP_SENDER_UNREACHABLE, "cannot reach the primary", PQerrorMessage(conn));
		return false;
	}
	/* a batch is released here only once it is durable there */
	res = primary_call("the primary refused the session", "SET synchronous_commit = on",
					   0, NULL, NULL, NULL, NULL);
	if (res == NULL)
		return false;
	PQclear(res);
	return true;
}

/*
 * Run one statement on the primary; its single result, or NULL (state
 * set, connection dropped).  values/lengths/formats as PQsendQueryParams.
 */
static PGresult *
primary_call(const char *what, const char *sql, int nparams, const Oid *types,
			 const char *const *values, const int *lengths, const int *formats)
{
	TimestampTz deadline = TimestampTzPlusMilliseconds(GetCurrentTimestamp(), QUERY_TIMEOUT_MS);
	PGresult   *res = NULL;
	PGresult   *r;
	bool		timeout;
	int			f;

	last_sqlstate[0] = '\0';
	if (!PQsendQueryParams(conn, sql, nparams, types, values, lengths, formats, 0))
	{
		failed(PDP_SENDER_UNREACHABLE, what, PQerrorMessage(conn));
		return NULL;
	}
	while ((f = PQflush(conn)) == 1)
	{
		if (!wait_socket(WL_SOCKET_READABLE | WL_SOCKET_WRITEABLE, deadline, &timeout))
			goto wait_failed;
		if (PQconsumeInput(conn) == 0)
			break;
	}
	if (f < 0)
	{
		failed(PDP_SENDER_UNREACHABLE, what, PQerrorMessage(conn));
		return NULL;
	}
	for (;;)
	{
		while (PQisBusy(conn))
		{
			if (!wait_socket(WL_SOCKET_READABLE, deadline, &timeout))
				goto wait_failed;
			if (PQconsumeInput(conn) == 0)
			{
				PQclear(res);
				failed(PDP_SENDER_UNREACHABLE, what, PQerrorMessage(conn));
				return NULL;
			}
		}
		r = PQgetResult(conn);
		if (r == NULL)
			break;
		/* keep the first error, else the last result */
		if (res == NULL || PQresultStatus(res) == PGRES_TUPLES_OK ||
			PQresultStatus(res) == PGRES_COMMAND_OK)
		{
			PQclear(res);
			res = r;
		}
		else
			PQclear(r);
	}
	if (res == NULL || (PQresultStatus(res) != PGRES_TUPLES_OK &&
						PQresultStatus(res) != PGRES_COMMAND_OK))
	{
		const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
		const char *code = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

		strlcpy(last_sqlstate, code ? code : "", sizeof(last_sqlstate));
		strlcpy(last_error, msg ? msg : "", sizeof(last_error));
		/* connection exceptions and shutdowns (08, 57) mean the primary is gone */
		failed(code && strncmp(code, "08", 2) != 0 && strncmp(code, "57", 2) != 0 &&
			   PQstatus(conn) == CONNECTION_OK ? PDP_SENDER_REFUSED : PDP_SENDER_UNREACHABLE,
			   what, msg ? msg : PQerrorMessage(conn));
		PQclear(res);
		return NULL;
	}
	return res;

wait_failed:
	PQclear(res);
	failed(PDP_SENDER_UNREACHABLE, what,
		   timeout ? "no answer from the primary within 60 s" : "shutting down or promoted");
	return NULL;
}

/* A bigint result: the highest number stored; false if not one */
static bool
result_int64(PGresult *res, int64 *out)
{
	const char *v;
	char	   *end;

	if (PQntuples(res) != 1 || PQnfields(res) != 1 || PQgetisnull(res, 0, 0))
		return false;
	v = PQgetvalue(res, 0, 0);
	errno = 0;
	*out = strtoi64(v, &end, 10);
	return errno == 0 && *end == '\0' && end != v && *out >= 0;
}

/*
 * pdp._audit_receive(server, epoch, first_seq, records): records NULL only
 * asks how far the primary got.  True with *stored set, or false (state set).
 */
static bool
call_receive(uint64 epoch, uint64 first_seq, const char *records, int len, int64 *stored)
{
	static const Oid types[4] = {TEXTOID, INT8OID, INT8OID, BYTEAOID};
	char		ebuf[32];
	char		sbuf[32];
	const char *values[4];
	int			lengths[4] = {0, 0, 0, len};
	int			formats[4] = {0, 0, 0, 1};
	PGresult   *res;
	bool		ok;

	snprintf(ebuf, sizeof(ebuf), INT64_FORMAT, (int64) epoch);
	snprintf(sbuf, sizeof(sbuf), INT64_FORMAT, (int64) first_seq);
	values[0] = pdp_server_name();
	values[1] = ebuf;
	values[2] = sbuf;
	values[3] = records;
	res = primary_call("could not send audit events to the primary",
					   "SELECT pdp._audit_receive($1, $2, $3, $4)",
					   4, types, values, lengths, formats);
	if (res == NULL)
		return false;
	ok = result_int64(res, stored);
	PQclear(res);
	if (!ok)
		failed(PDP_SENDER_REFUSED, "the primary refused the audit events",
			   "pdp._audit_receive() did not return a number");
	return ok;
}

/* ---------------------------------------------------------------------
 * Shipping the queue
 * ---------------------------------------------------------------------
 */

/*
 * Free the records numbered up to stored (the primary has them).  Only
 * this worker moves tail; backends only move head.
 */
static void
free_through(int64 stored)
{
	PdpAuditQueue *q = pdp_queue;
	uint64		head;
	uint64		tail;
	uint64		seq;
	uint64		pos;
	uint64		k = 0;

	SpinLockAcquire(&q->mutex);
	head = q->head;
	tail = q->tail;
	seq = q->tail_seq;
	SpinLockRelease(&q->mutex);
	for (pos = tail; pos < head && seq + k <= (uint64) stored; k++)
	{
		uint32		len = record_len_at(pos, head);

		if (len == 0 || len == PG_UINT32_MAX)
			break;
		pos += len;
	}
	if (k == 0)
		return;
	SpinLockAcquire(&q->mutex);
	q->tail = pos;
	q->tail_seq += k;
	q->done += k;
	q->written += k;
	SpinLockRelease(&q->mutex);
	ConditionVariableBroadcast(&q->space_cv);
	ConditionVariableBroadcast(&q->written_cv);
}

/* the queue's records get new numbers: the primary's account of the old ones is not ours */
static void
renumber(const char *why)
{
	PdpAuditQueue *q = pdp_queue;
	uint64		old;
	uint64		e;

	SpinLockAcquire(&q->mutex);
	old = q->epoch;
	SpinLockRelease(&q->mutex);
	e = new_epoch(old);
	SpinLockAcquire(&q->mutex);
	q->epoch = e;
	q->tail_seq = 1;
	q->sent_through = 0;
	SpinLockRelease(&q->mutex);
	probe_through = 0;
	ereport(WARNING,
			(errmsg("pdp audit sender: %s; the queued events are sent again under a new epoch", why),
			 errdetail("Old epoch " UINT64_FORMAT ", new epoch " UINT64_FORMAT ".  Events may be stored twice on the primary, none is lost.  Check that every server has its own pdp.server_name.",
					   old, e)));
}

/*
 * Drop the record at tail, which the primary will not take: counted, and
 * in the server log as far as it can be read (the evidence stays there).
 */
static void
drop_tail_record(const char *rec, uint32 len, const char *why)
{
	PdpAuditQueue *q = pdp_queue;
	const char *strs[RS_COUNT];

	if (pdp_record_strings((PdpRecord *) rec, len, strs))
		pdp_record_log(rec, "dropped: the primary cannot store this event");

	SpinLockAcquire(&q->mutex);
	q->tail += len;
	q->tail_seq++;
	q->done++;
	q->dropped++;
	SpinLockRelease(&q->mutex);
	ereport(LOG,
			(errmsg("pdp audit sender: an event in the queue was dropped: %s", why),
			 errdetail("It is counted in pdp.audit_stats().dropped.")));
	ConditionVariableBroadcast(&q->space_cv);
	ConditionVariableBroadcast(&q->written_cv);
}


/*
 * Send one batch from tail.  Returns events sent and stored (0: nothing
 * ready), or -1 on failure (connection dropped, state set).
 */
static int
send_batch(void)
{
	PdpAuditQueue *q = pdp_queue;
	uint64		head;
	uint64		pos;
	uint64		first_seq;
	uint64		epoch;
	int			n = 0;
	int64		stored;

restart:
	n = 0;
	SpinLockAcquire(&q->mutex);
	head = q->head;
	pos = q->tail;
	first_seq = q->tail_seq;
	epoch = q->epoch;
	SpinLockRelease(&q->mutex);
	resetStringInfo(&batch);
	while (pos < head && n < SEND_BATCH_EVENTS &&
		   !(n > 0 && first_seq <= probe_through))
	{
		uint32		len = record_len_at(pos, head);
		char	   *rec;
		const char *why;

		if (len == 0)
			break;
		if (len == PG_UINT32_MAX)
		{
			if (n > 0)
				break;
			pdp_queue_drop_all(pos, "sender");
			return 0;
		}
		if (n > 0 && batch.len + len > SEND_BATCH_BYTES)
			break;
		enlargeStringInfo(&batch, len);
		rec = batch.data + batch.len;
		pg_read_barrier();
		pdp_ring_copy_out(pos, rec, len);
		/* the state word is the record's length, as the primary expects */
		memcpy(rec, &len, sizeof(len));
		if (!record_ok(rec, len, &why))
		{
			if (n > 0)
				break;
			drop_tail_record(rec, len, why);
			goto restart;
		}
		batch.len += len;
		pos += len;
		n++;
	}
	if (n == 0)
		return 0;
	SpinLockAcquire(&q->mutex);
	if (q->epoch == epoch && q->sent_through < first_seq + n - 1)
		q->sent_through = first_seq + n - 1;
	SpinLockRelease(&q->mutex);
	if (!call_receive(epoch, first_seq, batch.data, batch.len, &stored))
	{
		/*
		 * Data exception: the primary will not take one of the records
		 * (its values cannot be stored there).  Find it by sending one at
		 * a time, drop it (counted, logged) and go on: one event must not
		 * stop the trail.
		 */
		if (strncmp(last_sqlstate, "22", 2) == 0)
		{
			if (n > 1)
				probe_through = first_seq + n - 1;
			else
				drop_tail_record(batch.data, batch.len, last_error);
			next_attempt = 0;
			backoff_ms = 0;
		}
		return -1;
	}
	if ((uint64) stored > first_seq + n - 1)
	{
		renumber(psprintf("the primary claims to hold event " INT64_FORMAT " of this server's epoch, beyond the " UINT64_FORMAT " sent",
						  stored, first_seq + n - 1));
		return -1;
	}
	if ((uint64) stored < first_seq + n - 1)
	{
		failed(PDP_SENDER_REFUSED, "the primary did not store the audit events",
			   psprintf("pdp._audit_receive() returned " INT64_FORMAT " for events " UINT64_FORMAT " to " UINT64_FORMAT,
						stored, first_seq, first_seq + n - 1));
		return -1;
	}
	free_through(stored);
	return n;
}

/*
 * After connecting: learn how far the primary got, free what it holds.
 * False: failed (state set).
 */
static bool
resume(void)
{
	PdpAuditQueue *q = pdp_queue;
	uint64		head;
	uint64		pos;
	uint64		seq;
	uint64		epoch;
	uint64		n = 0;
	int64		stored;

	SpinLockAcquire(&q->mutex);
	head = q->head;
	pos = q->tail;
	seq = q->tail_seq;
	epoch = q->epoch;
	SpinLockRelease(&q->mutex);
	if (!call_receive(epoch, seq, NULL, 0, &stored))
		return false;
	while (pos < head)
	{
		uint32		len = record_len_at(pos, head);

		if (len == 0 || len == PG_UINT32_MAX)
			break;
		pos += len;
		n++;
	}
	if ((uint64) stored >= seq + n)
		renumber(psprintf("the primary claims to hold event " INT64_FORMAT " of this server's epoch, beyond the last one queued (" UINT64_FORMAT ")",
						  stored, seq + n - 1));
	else if ((uint64) stored + 1 < seq)
		ereport(WARNING,
				(errmsg("pdp audit sender: the primary holds this server's events only up to " INT64_FORMAT ", but had confirmed up to " UINT64_FORMAT,
						stored, seq - 1),
				 errdetail("Events the primary had stored are missing there (epoch " UINT64_FORMAT "): its inbox or trail was restored or changed.", epoch)));
	else
		free_through(stored);
	return true;
}

/* pdp.flush_audit() waiting here: once all it waits for is stored, flush the primary */
static bool
flush_if_asked(void)
{
	PdpAuditQueue *q = pdp_queue;
	uint64		request;
	uint64		done;
	uint64		flushed;
	PGresult   *res;

	SpinLockAcquire(&q->mutex);
	request = q->flush_request;
	done = q->done;
	flushed = q->flushed;
	SpinLockRelease(&q->mutex);
	if (request <= flushed || done < request)
		return true;
	res = primary_call("could not flush the primary's audit trail",
					   "SELECT pdp.flush_audit()", 0, NULL, NULL, NULL, NULL);
	if (res == NULL)
		return false;
	PQclear(res);
	SpinLockAcquire(&q->mutex);
	if (q->flushed < done)
		q->flushed = done;
	SpinLockRelease(&q->mutex);
	ConditionVariableBroadcast(&q->written_cv);
	return true;
}

/*
 * Daily quotas (quota_cluster.c), at most once per pdp.audit_flush_interval:
 * the other servers' counts, from this standby's replica of
 * pdp.quota_counts, into shared memory (first: a standby that lost its
 * saved counts seeds them from its own published row before it exports
 * any); then this standby's own counts to the primary, when they changed.
 * The local read can be cancelled by a replay conflict, the primary can
 * refuse the counts: logged, tried again next time; the events go on.
 */
static void
quota_cycle(void)
{
	static TimestampTz last = 0;
	static uint64 delivered = PG_UINT64_MAX;
	static bool loaded = false;
	TimestampTz now = GetCurrentTimestamp();
	uint64		changes;
	bytea	   *counts;
	PGresult   *res;
	Oid			types[2] = {TEXTOID, BYTEAOID};
	const char *values[2];
	int			lengths[2];
	int			formats[2] = {0, 1};

	if (last != 0 && !TimestampDifferenceExceeds(last, now, pdp_audit_flush_interval))
		return;
	last = now;
	if (pdp_quota_standby_load())
		loaded = true;
	if (!loaded || conn == NULL)
		return;
	changes = pdp_quota_changes();
	if (changes == delivered)
		return;
	counts = pdp_quota_export();
	values[0] = pdp_server_name();
	lengths[0] = 0;
	values[1] = VARDATA(counts);
	lengths[1] = VARSIZE(counts) - VARHDRSZ;
	soft_call = true;
	res = primary_call("deliver daily quota counts", "SELECT pdp._quota_receive($1, $2)",
					   2, types, values, lengths, formats);
	soft_call = false;
	if (res != NULL)
	{
		PQclear(res);
		delivered = changes;
	}
}

/*
 * One cycle of the standby's worker, in a memory context reset after it.
 * Each step that talks to the primary goes through primary_call() and
 * gives up the cycle when it fails (the connection is dropped, the next
 * attempt backs off).  A step that needs the local database (the worker is
 * connected to pdp.audit_database, read-only during recovery) runs in a
 * transaction of its own, as pdp_sender_promoted() does:
 * StartTransactionCommand(), PushActiveSnapshot(GetTransactionSnapshot()),
 * SPI, PopActiveSnapshot(), CommitTransactionCommand(), under PG_TRY so that
 * an error aborts it and the loop goes on.  A new step is added after the
 * queue's, before the state is set to sending.
 */
static void
sender_cycle(void)
{
	int			n;

	/* daily quotas: loaded locally even while the primary is out of reach */
	quota_cycle();

	if (conn == NULL)
	{
		if (GetCurrentTimestamp() < next_attempt)
			return;
		if (!connect_primary() || !resume())
			return;
	}

	/* the queue: every published event, in batches */
	do
	{
		n = send_batch();
		if (n < 0)
			return;
	} while (n > 0 && !*stop_flag);

	if (!flush_if_asked())
		return;
	backoff_ms = 0;
	set_state(PDP_SENDER_SENDING, NULL);
}

/*
 * The worker's loop on a standby.  True: promoted (go on as the writer);
 * false: shutdown requested.
 */
bool
pdp_sender_run(volatile sig_atomic_t *shutdown_requested)
{
	PdpAuditQueue *q = pdp_queue;
	bool		promoted;
	MemoryContext cycle_cxt;

	stop_flag = shutdown_requested;
	/* what a cycle allocates (connection keywords, messages) lasts one cycle */
	cycle_cxt = AllocSetContextCreate(TopMemoryContext, "pdp audit sender cycle",
									  ALLOCSET_DEFAULT_SIZES);
	SpinLockAcquire(&q->mutex);
	q->sending = true;
	if (q->epoch == 0)
	{
		/* a writer freed records without numbering them */
		q->epoch = new_epoch(0);
		q->tail_seq = 1;
		q->sent_through = 0;
	}
	q->worker_state = PDP_SENDER_CONNECTING;
	SpinLockRelease(&q->mutex);
	{
		MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

		initStringInfo(&batch);
		MemoryContextSwitchTo(old);
	}
	pgstat_report_appname("pdp audit sender");

	for (;;)
	{
		bool		explicit;

		ResetLatch(MyLatch);
		CHECK_FOR_INTERRUPTS();
		if (ConfigReloadPending)
		{
			ConfigReloadPending = false;
			ProcessConfigFile(PGC_SIGHUP);
			if (conn && strcmp(conn_source, current_source(&explicit)) != 0)
			{
				disconnect();
				next_attempt = 0;
				backoff_ms = 0;
			}
		}
		if (*shutdown_requested)
		{
			promoted = false;
			break;
		}
		if (!RecoveryInProgress())
		{
			promoted = true;
			break;
		}
		/* the summaries of allowed reads go to the primary like any record */
		(void) pdp_summary_cycle();
		{
			MemoryContext old = MemoryContextSwitchTo(cycle_cxt);

			sender_cycle();
			MemoryContextSwitchTo(old);
			MemoryContextReset(cycle_cxt);
		}
		if (conn)
		{
			/* idle: a primary that goes away closes the socket, say so at once */
			int			rc = WaitLatchOrSocket(MyLatch,
											   WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH |
											   WL_SOCKET_READABLE,
											   PQsocket(conn), pdp_audit_flush_interval,
											   PG_WAIT_EXTENSION);

			if ((rc & WL_SOCKET_READABLE) &&
				(PQconsumeInput(conn) == 0 || PQstatus(conn) != CONNECTION_OK))
				failed(PDP_SENDER_UNREACHABLE, "lost the connection to the primary",
					   PQerrorMessage(conn));
		}
		else
			(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
							 Max(Min(backoff_ms, pdp_audit_flush_interval * 5), 10),
							 PG_WAIT_EXTENSION);
	}
	disconnect();
	pfree(batch.data);
	MemoryContextDelete(cycle_cxt);
	SpinLockAcquire(&q->mutex);
	q->sending = false;
	SpinLockRelease(&q->mutex);
	ConditionVariableBroadcast(&q->written_cv);
	return promoted;
}

/*
 * Promoted: the records the old primary stored before it was left behind
 * are counted in this server's copy of its pdp.audit_servers (its inbox
 * rows are chained from the replicated pdp.audit_inbox), as far as they
 * were replicated; free them so that the writer does not write them again.
 * Then the queue has no numbers any more (epoch 0): the writer frees
 * records as it writes.  Read only: nothing is registered for this server.
 */
void
pdp_sender_promoted(void)
{
	PdpAuditQueue *q = pdp_queue;
	uint64		epoch;
	uint64		sent_through;
	uint64		confirmed;
	bool		empty;
	MemoryContext old = CurrentMemoryContext;

	SpinLockAcquire(&q->mutex);
	epoch = q->epoch;
	sent_through = q->sent_through;
	confirmed = q->tail_seq - 1;
	empty = q->head == q->tail;
	SpinLockRelease(&q->mutex);
	if (epoch == 0)
		goto done;
	PG_TRY();
	{
		StartTransactionCommand();
		PushActiveSnapshot(GetTransactionSnapshot());
		SPI_connect();
		if (OidIsValid(pdp_extension_relid("audit_servers")))
		{
			Oid			types[2] = {TEXTOID, INT8OID};
			Datum		args[2];
			bool		isnull;
			int64		stored;

			args[0] = CStringGetTextDatum(pdp_server_name());
			args[1] = Int64GetDatum((int64) epoch);
			if (SPI_execute_with_args("SELECT last_seq FROM pdp.audit_servers "
									  "WHERE server = $1 AND epoch = $2",
									  2, types, args, NULL, true, 1) == SPI_OK_SELECT)
			{
				/* no row replicated: nothing of this epoch arrived here */
				stored = 0;
				isnull = false;
				if (SPI_processed == 1)
					stored = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0],
														 SPI_tuptable->tupdesc, 1, &isnull));

				/*
				 * Confirmed by the old primary but not replicated here
				 * before the failover (asynchronous replication): lost
				 * with the old primary, like any of its last commits.
				 * Said and counted, not passed over.
				 */
				if (!isnull && stored >= 0 && (uint64) stored < confirmed)
				{
					SpinLockAcquire(&q->mutex);
					q->dropped += confirmed - (uint64) stored;
					SpinLockRelease(&q->mutex);
					ereport(WARNING,
							(errmsg("pdp audit writer: promoted; events " INT64_FORMAT " to " UINT64_FORMAT " of this server's epoch " UINT64_FORMAT " were stored on the old primary but never replicated here, and are lost",
									stored + 1, confirmed, epoch),
							 errdetail("They are counted in pdp.audit_stats().dropped."),
							 errhint("Synchronous replication (synchronous_standby_names) keeps what the old primary confirmed.")));
				}
				/*
				 * Never more than was sent: the table is input (a
				 * superuser on the old primary can raise last_seq, and
				 * replication brings that here), and what it claims
				 * beyond that would be events lost.
				 */
				if (!isnull && (uint64) stored > sent_through)
				{
					ereport(WARNING,
							(errmsg("pdp audit writer: promoted; pdp.audit_servers claims events up to " INT64_FORMAT " of this server's epoch, but only " UINT64_FORMAT " were sent",
									stored, sent_through),
							 errdetail("The queued events after " UINT64_FORMAT " are written here.", sent_through)));
					stored = (int64) sent_through;
				}
				if (!isnull && stored > 0 && !empty)
				{
					uint64		seq;

					SpinLockAcquire(&q->mutex);
					seq = q->tail_seq;
					SpinLockRelease(&q->mutex);
					if ((uint64) stored >= seq)
						ereport(LOG,
								(errmsg("pdp audit writer: promoted; queued events up to " INT64_FORMAT " of this server's epoch were already on the old primary and are not written again",
										stored)));
					free_through(stored);
				}
			}
		}
		SPI_finish();
		PopActiveSnapshot();
		CommitTransactionCommand();
	}
	PG_CATCH();
	{
		MemoryContextSwitchTo(old);
		EmitErrorReport();
		FlushErrorState();
		AbortCurrentTransaction();
		ereport(LOG,
				(errmsg("pdp audit writer: promoted, but could not learn which queued events the old primary had stored"),
				 errdetail("Every queued event is written; some may then be in the trail twice.")));
	}
	PG_END_TRY();
	MemoryContextSwitchTo(old);
done:
	SpinLockAcquire(&q->mutex);
	q->epoch = 0;
	SpinLockRelease(&q->mutex);
}
