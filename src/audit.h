/*-------------------------------------------------------------------------
 * audit.h
 *	  The audit trail: queue layout, record format, and the entry points of
 *	  the producer (audit_event.c), queue (audit_queue.c), writer
 *	  (audit_writer.c) and chain (audit_chain.c) files.
 *-------------------------------------------------------------------------
 */
#ifndef PDP_AUDIT_H
#define PDP_AUDIT_H

#include "postgres.h"

#include "access/tupdesc.h"
#include "common/cryptohash.h"
#include "executor/execdesc.h"
#include "port/atomics.h"
#include "storage/condition_variable.h"
#include "storage/latch.h"
#include "storage/spin.h"
#include "utils/timestamp.h"

/* pdp.log_allowed, pdp.log_sensitive */
typedef enum PdpLogLevel
{
	PDP_LOG_OFF,
	PDP_LOG_SUMMARY,
	PDP_LOG_STATEMENT
} PdpLogLevel;

typedef enum PdpOverflow
{
	PDP_OVERFLOW_WAIT,
	PDP_OVERFLOW_ERROR,
	PDP_OVERFLOW_DROP
} PdpOverflow;

/* settings (pdp.c) */
extern int	pdp_audit_queue_kb;
extern int	pdp_audit_overflow;
extern int	pdp_audit_flush_interval;
extern int	pdp_audit_anchor_interval;
extern char *pdp_audit_database;
extern int	pdp_log_allowed;	/* PdpLogLevel */
extern int	pdp_log_sensitive;
extern int	pdp_audit_summary_interval;	/* seconds */
extern int	pdp_audit_summary_size;
extern bool pdp_audit_to_log;
extern int	pdp_audit_query_max;
extern int	pdp_audit_writer_nice;

/* Why the writer is not writing, when it is not (audit_stats().writer_state) */
typedef enum PdpWriterState
{
	PDP_WRITER_STOPPED,			/* not running (yet, or between restarts) */
	PDP_WRITER_RUNNING,
	PDP_WRITER_NO_TABLE,		/* running, but no pdp.audit_log to write */
	PDP_WRITER_BROKEN,			/* running, but refuses an unreadable chain */
	/* the sender of a standby (audit_sender.c) */
	PDP_SENDER_CONNECTING,		/* (re)connecting to the primary */
	PDP_SENDER_SENDING,			/* connected, sending */
	PDP_SENDER_UNREACHABLE,		/* cannot connect: sender_detail says why */
	PDP_SENDER_REFUSED			/* connected, but the primary refuses: ditto */
} PdpWriterState;

typedef struct PdpAuditQueue
{
	slock_t		mutex;			/* guards the counters below */
	uint64		head;			/* next byte to claim (monotonic) */
	uint64		tail;			/* first byte not yet committed */
	uint64		size;			/* ring size in bytes */
	uint64		reserved;		/* held by committing transactions */
	uint64		queued;			/* events written into the ring */
	uint64		written;		/* events committed to pdp.audit_log */
	uint64		done;			/* events the writer is finished with: written,
								 * or dropped because damaged */
	uint64		dropped;		/* events dropped (overflow = drop), counted */
	uint64		high_water;		/* most bytes ever in use */
	int			worker_pid;		/* writer, 0 when not running */
	PdpWriterState worker_state;
	TimestampTz worker_stopped_at;	/* last exit of the writer, 0: never */
	bool		worker_idle;	/* writer sleeping between batches */
	Latch	   *worker_latch;
	/* a standby's queue, shipped to the primary (audit_sender.c) */
	bool		sending;		/* the worker runs as the sender */
	uint64		epoch;			/* numbering on the primary, 0: none yet */
	uint64		tail_seq;		/* number of the record at tail in epoch */
	uint64		sent_through;	/* highest number sent in epoch (0: unknown) */
	uint64		flush_request;	/* highest "queued" a flush_audit() waits for */
	uint64		flushed;		/* events known to be in the primary's trail */
	char		sender_detail[256]; /* why the sender cannot send, "" */
	pg_atomic_uint64 deferred;	/* events backends hold: no room when they ended */
	/* events of other servers (audit_inbox.c) */
	pg_atomic_uint64 inbox_received;	/* commits that stored inbox rows */
	pg_atomic_uint64 inbox_written; /* inbox_received when the writer last
									 * found the inbox empty */
	pg_atomic_uint64 received;	/* inbox events written to the trail */
	ConditionVariable space_cv; /* room freed */
	ConditionVariable written_cv;	/* events committed */
	char		data[FLEXIBLE_ARRAY_MEMBER];
} PdpAuditQueue;

extern PdpAuditQueue *pdp_queue;

/* Record: header, fixed part, then the strings back to back */
typedef struct PdpRecordHeader
{
	pg_atomic_uint32 state;		/* 0 until published, then total length */
	uint32		flags;
} PdpRecordHeader;

#define PDP_REC_HAS_ROWS		0x01
#define PDP_REC_HAS_RECORDS		0x02
#define PDP_REC_HAS_QUERY_ID	0x04
#define PDP_REC_HAS_SENSITIVE	0x08
#define PDP_REC_SENSITIVE		0x10
#define PDP_REC_INCOMPLETE		0x20	/* statement ended in error */
#define PDP_REC_HAS_PID			0x40
#define PDP_REC_SUMMARY			0x80	/* statements and first_time are set */
#define PDP_REC_BULK			0x100	/* where its client statement's reads went over
										 * pdp.bulk_read_threshold, no one relation's
										 * alone: detail.bulk_read says how many */

/* the strings of a record, in order */
typedef enum PdpRecStr
{
	RS_KIND,
	RS_DECISION,
	RS_REASON,
	RS_DATABASE,
	RS_SESSION_USER,			/* column session_role (1.0: "session_user") */
	RS_CURRENT_USER,			/* column role (1.0: "current_user") */
	RS_APPLICATION,
	RS_CLIENT_ADDR,
	RS_PURPOSE,
	RS_COMMAND,
	RS_RELATION,
	RS_COLUMNS,					/* elements separated by NUL */
	RS_CATEGORIES,				/* elements separated by NUL */
	RS_QUERY,
	RS_DETAIL,					/* JSON object text */
	RS_COUNT
} PdpRecStr;

typedef struct PdpRecord
{
	PdpRecordHeader hdr;
	TimestampTz event_time;
	int64		rows;
	int64		records_read;
	int64		query_id;
	int64		statements;		/* a summary's (PDP_REC_SUMMARY) */
	TimestampTz first_time;		/* a summary's first statement */
	int32		backend_pid;
	int32		str_len[RS_COUNT];	/* -1: NULL */
	/* strings follow */
} PdpRecord;

#define PDP_REC_STRINGS(rec) ((char *) (rec) + sizeof(PdpRecord))

/* audit_queue.c */
typedef enum PdpPutMode
{
	PDP_PUT_WAIT,				/* interruptible; drop policy drops */
	PDP_PUT_BOUNDED,			/* no interrupts: wait while the writer progresses */
	PDP_PUT_NOWAIT				/* during abort */
} PdpPutMode;

extern Size pdp_queue_shmem_size(void);
extern void pdp_queue_shmem_init(void);
extern bool pdp_queue_admit(Size len);
extern bool pdp_queue_put(const char *rec, Size len, PdpPutMode mode);
extern bool pdp_queue_reserve(Size len);
extern void pdp_queue_release(Size len);
extern void pdp_queue_put_reserved(const char *rec, Size len);
extern void pdp_ring_copy_out(uint64 pos, void *dst, Size len);
extern uint64 pdp_queue_queued(void);
extern void pdp_queue_deferred(int64 delta);
extern void pdp_queue_count_dropped(void);
extern void pdp_queue_drop_all(uint64 pos, const char *who);

/* audit_event.c: building events in backends */
struct PdpStatement;
typedef struct PdpEvent PdpEvent;
extern void pdp_audit_init(void);
extern PdpEvent *pdp_event_new(const char *kind, const char *decision,
							   const char *reason);
extern void pdp_event_set(PdpEvent *ev, PdpRecStr field, const char *value);
extern void pdp_event_append(PdpEvent *ev, PdpRecStr field, const char *element);
extern void pdp_event_sensitive(PdpEvent *ev, bool sensitive);
extern void pdp_event_rows(PdpEvent *ev, int64 rows);
extern void pdp_event_statement(PdpEvent *ev, const struct PdpStatement *st);
extern const char *pdp_event_role_name(Oid role);
extern void pdp_event_reserve(PdpEvent *ev, int bytes);
extern void pdp_event_now(PdpEvent *ev);
extern void pdp_event_record(PdpEvent *ev, bool may_wait);
extern void pdp_event_pending(PdpEvent *ev, struct PdpStatement *st, Oid relid,
							  bool summarize);
extern void pdp_event_pending_sealed(const char *rec, Size len, struct PdpStatement *st,
									 Oid relid, bool summarize, uint32 key_hash);
extern void pdp_event_at_commit(PdpEvent *ev);
extern void pdp_audit_flush_deferred(void);
extern bool pdp_audit_log_only(void);

/* audit_commit.c: a transaction's events */
extern void pdp_audit_commit_init(void);
extern void pdp_audit_backend_start(void);

/* audit_record.c: sealing events into records */
extern char *pdp_event_seal(PdpEvent *ev, MemoryContext cxt, Size *lenp);
extern void pdp_event_free(PdpEvent *ev);
extern void pdp_record_log(const char *rec, const char *why);
extern bool pdp_record_strings(PdpRecord *rec, uint32 len, const char **start);

/* audit_inbox.c: events of other servers */
extern PdpRecord *pdp_inbox_record(const char *data, Size len, const char **strs,
								   const char **why);
extern void pdp_audit_check_sender(const char *server);

/* audit_summary.c: allowed reads counted in shared memory, written per interval */
extern Size pdp_summary_shmem_size(void);
extern void pdp_summary_shmem_init(void);
extern bool pdp_summary_add(const PdpRecord *rec, Size len, uint32 key_hash);
extern uint32 pdp_summary_key_hash(const PdpRecord *rec, Size len);
extern long pdp_summary_cycle(void);
extern void pdp_summary_flush_wait(void);
typedef struct PdpSummaryStats
{
	uint64		keys;			/* keys counting now */
	uint64		counted;		/* statements counted into summaries */
	uint64		rows;			/* summary records handed to the queue */
	uint64		fallback;		/* statements recorded alone: no room for their key */
	uint64		lost;			/* statements whose counts were lost (damaged file) */
} PdpSummaryStats;
extern void pdp_summary_stats(PdpSummaryStats *s);

/* audit_writer.c */
extern void pdp_writer_register(void);
extern bool pdp_is_audit_writer;

/* audit_sender.c: a standby's events to the primary; the queue across restarts */
extern char *pdp_audit_primary_conninfo;
extern void pdp_queue_persist_init(bool found);
extern bool pdp_sender_run(volatile sig_atomic_t *shutdown_requested);
extern void pdp_sender_promoted(void);

/* audit_chain.c: canonical row hash, shared by the writer and verify */

/*
 * pdp.audit_log's columns added after 1.0 (0-based positions, -1: the
 * table has none): hashed only when set, each with a mark of its own, so
 * rows written before they existed keep their hashes.
 */
typedef struct PdpAuditOptAtts
{
	int			server;			/* text: the server the event happened on */
	int			statements;		/* bigint: a summary's statements */
	int			first_time;		/* timestamptz: a summary's first statement */
} PdpAuditOptAtts;

extern void pdp_audit_row_hash(TupleDesc desc, int hash_att, const PdpAuditOptAtts *opt,
							   Datum *values, bool *nulls, uint8 *out);
extern void pdp_audit_opt_atts(TupleDesc desc, PdpAuditOptAtts *opt);
extern bool pdp_audit_purging;
extern bool pdp_audit_check_layout(TupleDesc desc);

#endif							/* PDP_AUDIT_H */
