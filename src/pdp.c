/*-------------------------------------------------------------------------
 * pdp.c
 *	  Library initialisation and settings (GUCs).
 *
 * pdp must be loaded through shared_preload_libraries: its hooks have to be
 * in place in every backend before the first statement runs, otherwise a
 * session could read personal data unchecked.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "postmaster/postmaster.h"
#include "storage/ipc.h"
#include "storage/lwlock.h"
#include "storage/shmem.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#if PG_VERSION_NUM >= 140000
#include "utils/queryjumble.h"
#endif
#include "utils/varlena.h"

#include <unistd.h>

PG_MODULE_MAGIC;

void		_PG_init(void);

int			pdp_mode = PDP_MODE_LOG;
int			pdp_purpose_scope = PDP_SCOPE_SESSION;
char	   *pdp_purpose = NULL;
int			pdp_log_allowed = PDP_LOG_SUMMARY;
int			pdp_log_sensitive = PDP_LOG_STATEMENT;
int			pdp_audit_summary_interval = 10;
int			pdp_audit_summary_size = 2000;
int			pdp_audit_flush_interval = 200;
int			pdp_audit_anchor_interval = 60;
char	   *pdp_audit_database = NULL;
bool		pdp_audit_to_log = false;
int			pdp_audit_query_max = 4096;
int			pdp_audit_writer_nice = 10;
int			pdp_bulk_read_threshold = 1000;
int			pdp_quota_max_entries = 1000;
static char *audit_destination = NULL;
static char *server_name_setting = NULL;

static shmem_request_hook_type prev_shmem_request_hook = NULL;
static shmem_startup_hook_type prev_shmem_startup_hook = NULL;

/* Shared memory of every module: the audit queue, quotas, consent changes */
static void
pdp_shmem_request(void)
{
	if (prev_shmem_request_hook)
		prev_shmem_request_hook();
	RequestAddinShmemSpace(pdp_queue_shmem_size());
	RequestAddinShmemSpace(pdp_limits_shmem_size());
	RequestAddinShmemSpace(pdp_consent_changes_shmem_size());
	RequestAddinShmemSpace(pdp_summary_shmem_size());
	RequestNamedLWLockTranche("pdp audit summary", 1);
	pdp_limits_shmem_request();
	pdp_consent_changes_shmem_request();
}

static void
pdp_shmem_startup(void)
{
	if (prev_shmem_startup_hook)
		prev_shmem_startup_hook();
	LWLockAcquire(AddinShmemInitLock, LW_EXCLUSIVE);
	pdp_queue_shmem_init();
	pdp_limits_shmem_init();
	pdp_consent_changes_shmem_init();
	pdp_summary_shmem_init();
	LWLockRelease(AddinShmemInitLock);
}

static const struct config_enum_entry mode_options[] = {
	{"off", PDP_MODE_OFF, false},
	{"log", PDP_MODE_LOG, false},
	{"enforce", PDP_MODE_ENFORCE, false},
	{NULL, 0, false}
};

static const struct config_enum_entry scope_options[] = {
	{"session", PDP_SCOPE_SESSION, false},
	{"transaction", PDP_SCOPE_TRANSACTION, false},
	{NULL, 0, false}
};

/* pdp.log_allowed; the 1.0 values on and off (and their boolean spellings) kept */
static const struct config_enum_entry log_allowed_options[] = {
	{"off", PDP_LOG_OFF, false},
	{"summary", PDP_LOG_SUMMARY, false},
	{"statement", PDP_LOG_STATEMENT, false},
	{"on", PDP_LOG_STATEMENT, true},
	{"true", PDP_LOG_STATEMENT, true},
	{"yes", PDP_LOG_STATEMENT, true},
	{"1", PDP_LOG_STATEMENT, true},
	{"false", PDP_LOG_OFF, true},
	{"no", PDP_LOG_OFF, true},
	{"0", PDP_LOG_OFF, true},
	{NULL, 0, false}
};

static const struct config_enum_entry log_sensitive_options[] = {
	{"statement", PDP_LOG_STATEMENT, false},
	{"summary", PDP_LOG_SUMMARY, false},
	{NULL, 0, false}
};

static const struct config_enum_entry overflow_options[] = {
	{"wait", PDP_OVERFLOW_WAIT, false},
	{"error", PDP_OVERFLOW_ERROR, false},
	{"drop", PDP_OVERFLOW_DROP, false},
	{NULL, 0, false}
};

/* pdp.audit_log_destination: "table" or "table, log" */
static bool
check_destination(char **newval, void **extra, GucSource source)
{
	char	   *raw = pstrdup(*newval);
	List	   *items;
	ListCell   *lc;
	bool		table = false;
	bool	   *to_log;

	if (!SplitIdentifierString(raw, ',', &items))
	{
		GUC_check_errdetail("List syntax is invalid.");
		return false;
	}
	to_log = malloc(sizeof(bool));		/* GUC frees extra with free() */
	if (to_log == NULL)
		return false;
	*to_log = false;
	foreach(lc, items)
	{
		char	   *item = lfirst(lc);

		if (pg_strcasecmp(item, "table") == 0)
			table = true;
		else if (pg_strcasecmp(item, "log") == 0)
			*to_log = true;
		else
		{
			GUC_check_errdetail("Unrecognized destination \"%s\": use table, or table, log.", item);
			free(to_log);
			return false;
		}
	}
	if (!table)
	{
		GUC_check_errdetail("The audit trail always goes to the table; add log to also write JSON lines to the server log.");
		free(to_log);
		return false;
	}
	*extra = to_log;
	return true;
}

static void
assign_destination(const char *newval, void *extra)
{
	pdp_audit_to_log = *(bool *) extra;
}

/* pdp.server_name: printable ASCII, at most NAMEDATALEN - 1 bytes */
static bool
check_server_name(char **newval, void **extra, GucSource source)
{
	const unsigned char *p;

	if (strlen(*newval) >= NAMEDATALEN)
	{
		GUC_check_errdetail("A server name has at most %d bytes.", NAMEDATALEN - 1);
		return false;
	}
	for (p = (const unsigned char *) *newval; *p; p++)
		if (*p < 0x20 || *p > 0x7e)
		{
			GUC_check_errdetail("A server name consists of printable ASCII characters.");
			return false;
		}
	return true;
}

/*
 * This server's name in the audit trail: pdp.server_name, else cluster_name,
 * else "host:port".  Computed once per process (both settings are fixed at
 * server start); never NULL or empty.
 */
const char *
pdp_server_name(void)
{
	static char name[NAMEDATALEN];

	if (name[0] == '\0')
	{
		const char *cluster = GetConfigOption("cluster_name", true, false);

		if (server_name_setting && server_name_setting[0])
			strlcpy(name, server_name_setting, sizeof(name));
		else if (cluster && cluster[0])
		{
			const unsigned char *p;
			int			i = 0;

			/* cluster_name allows any ASCII; keep it printable */
			for (p = (const unsigned char *) cluster; *p && i < NAMEDATALEN - 1; p++)
				name[i++] = (*p >= 0x20 && *p <= 0x7e) ? *p : '?';
			name[i] = '\0';
		}
		else
		{
			char		host[256];

			if (gethostname(host, sizeof(host)) != 0)
				strlcpy(host, "localhost", sizeof(host));
			host[sizeof(host) - 1] = '\0';
			snprintf(name, sizeof(name), "%s:%d", host, PostPortNumber);
		}
	}
	return name;
}

void
_PG_init(void)
{
	if (!process_shared_preload_libraries_in_progress)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("pdp must be loaded via shared_preload_libraries"),
				 errhint("Add pdp to shared_preload_libraries in postgresql.conf "
						 "and restart the server.")));

#if PG_VERSION_NUM >= 140000
	/*
	 * Query ids (compute_query_id = auto computes them once a module asks):
	 * a summary of allowed reads is kept per query (audit_summary.c).
	 */
	EnableQueryId();
#endif

	/*
	 * Any role may declare the purpose of its work: declaring one grants
	 * nothing by itself, the role must have been granted the purpose.
	 */
	DefineCustomStringVariable("pdp.purpose",
							   "Purpose under which this session processes personal data.",
							   "Reads of tagged columns are checked against this purpose.",
							   &pdp_purpose,
							   "",
							   PGC_USERSET,
							   GUC_REPORT,	/* poolers that track it can */
							   pdp_check_purpose_value, pdp_mask_purpose_assign, NULL);

	/*
	 * A purpose that outlives its transaction reaches the next client of a
	 * transaction-pooling pooler (purpose_scope.c).  Widening the scope
	 * weakens that protection: administrators only, per role or database.
	 */
	DefineCustomEnumVariable("pdp.purpose_scope",
							 "How long a purpose set by a session lasts: until the end of its transaction, or of the session.",
							 "transaction: at commit, pdp.purpose goes back to the value the session started with (for connection poolers).",
							 &pdp_purpose_scope,
							 PDP_SCOPE_SESSION,
							 scope_options,
							 PGC_SUSET,
							 0,
							 NULL, NULL, NULL);

	/* Switching checks off weakens protection: superusers only. */
	DefineCustomEnumVariable("pdp.mode",
							 "What pdp does with reads of personal data: off, log or enforce.",
							 NULL,
							 &pdp_mode,
							 PDP_MODE_LOG,
							 mode_options,
							 PGC_SUSET,
							 0,
							 NULL, pdp_mask_mode_assign, NULL);

	/* Recording allowed reads less loses evidence: superusers only. */
	DefineCustomEnumVariable("pdp.log_allowed",
							 "How allowed reads of personal data are recorded: off, summary or statement.",
							 "summary: counted per role, purpose, relation, columns and query, one audit row per pdp.audit_summary_interval; "
							 "statement: one audit row per statement (the 1.0 value on); off: not at all.  "
							 "Violations, blocked attempts, superuser and backup reads, and bulk reads are always recorded statement by statement.",
							 &pdp_log_allowed,
							 PDP_LOG_SUMMARY,
							 log_allowed_options,
							 PGC_SUSET,
							 0,
							 NULL, NULL, NULL);

	DefineCustomEnumVariable("pdp.log_sensitive",
							 "How allowed reads of sensitive categories are recorded when pdp.log_allowed = summary: statement or summary.",
							 NULL,
							 &pdp_log_sensitive,
							 PDP_LOG_STATEMENT,
							 log_sensitive_options,
							 PGC_SUSET,
							 0,
							 NULL, NULL, NULL);

	DefineCustomIntVariable("pdp.audit_summary_interval",
							"How often the audit writer stores the summaries of allowed reads.",
							"A crash loses at most the counts of the current interval.",
							&pdp_audit_summary_interval,
							10,
							1,
							3600,
							PGC_SIGHUP,
							GUC_UNIT_S,
							NULL, NULL, NULL);

	DefineCustomIntVariable("pdp.audit_summary_size",
							"Distinct summary keys (role, purpose, relation, columns, query) counted per interval.",
							"When they are all taken, reads with a new key are recorded statement by statement, counted in audit_stats().summary_fallback.",
							&pdp_audit_summary_size,
							2000,
							16,
							1000000,
							PGC_POSTMASTER,
							0,
							NULL, NULL, NULL);

	DefineCustomEnumVariable("pdp.audit_overflow",
							 "What a statement does when the audit queue is full: wait, error or drop.",
							 "wait: the statement waits for room; error: it fails before producing anything; drop: the event is dropped and counted.",
							 &pdp_audit_overflow,
							 PDP_OVERFLOW_WAIT,
							 overflow_options,
							 PGC_SUSET,
							 0,
							 NULL, NULL, NULL);

	DefineCustomIntVariable("pdp.audit_queue_size",
							"Size of the shared-memory audit queue.",
							NULL,
							&pdp_audit_queue_kb,
							8192, 64, 1024 * 1024,
							PGC_POSTMASTER,
							GUC_UNIT_KB,
							NULL, NULL, NULL);

	DefineCustomIntVariable("pdp.audit_flush_interval",
							"Longest time an audit event waits in the queue before the writer commits it.",
							"After a crash, at most the events of this interval may be missing.",
							&pdp_audit_flush_interval,
							200, 10, 60000,
							PGC_SIGHUP,
							GUC_UNIT_MS,
							NULL, NULL, NULL);

	DefineCustomIntVariable("pdp.audit_anchor_interval",
							"How often the audit writer logs the head of the audit chain (0: never).",
							"A LOG line \"pdp audit chain head: id N, hash H\" in the server log, at most this often and when the chain has grown: a copy outside the database that pdp.verify_audit_anchor() can check later.",
							&pdp_audit_anchor_interval,
							60, 0, 86400,
							PGC_SIGHUP,
							GUC_UNIT_S,
							NULL, NULL, NULL);

	DefineCustomStringVariable("pdp.audit_database",
							   "Database whose pdp.audit_log receives the audit trail of the whole cluster.",
							   NULL,
							   &pdp_audit_database,
							   "postgres",
							   PGC_POSTMASTER,
							   0,
							   NULL, NULL, NULL);

	DefineCustomStringVariable("pdp.audit_log_destination",
							   "Where audit events go: table, or table, log (also one JSON line per event in the server log).",
							   NULL,
							   &audit_destination,
							   "table",
							   PGC_SIGHUP,
							   GUC_LIST_INPUT,
							   check_destination, assign_destination, NULL);

	DefineCustomIntVariable("pdp.audit_writer_nice",
							"Scheduling niceness of the audit writer process (0: as other backends).",
							"A positive value lets sessions run first when CPU is short; the queue absorbs the difference.",
							&pdp_audit_writer_nice,
							10, 0, 19,
							PGC_POSTMASTER,
							0,
							NULL, NULL, NULL);

	DefineCustomIntVariable("pdp.audit_query_max_length",
							"Longest query text kept in an audit event, in bytes.",
							NULL,
							&pdp_audit_query_max,
							4096, 64, 1024 * 1024,
							PGC_SUSET,
							GUC_UNIT_BYTE,
							NULL, NULL, NULL);

	DefineCustomIntVariable("pdp.bulk_read_threshold",
							"Records of personal data one statement may read before pdp.bulk_reads lists it.",
							NULL,
							&pdp_bulk_read_threshold,
							1000, 1, INT_MAX,
							PGC_SUSET,
							0,
							NULL, NULL, NULL);

	DefineCustomIntVariable("pdp.quota_max_entries",
							"Role and purpose pairs whose daily reads can be counted at once.",
							NULL,
							&pdp_quota_max_entries,
							1000, 16, 1000000,
							PGC_POSTMASTER,
							0,
							NULL, NULL, NULL);

	/*
	 * Which server an event happened on, in the trail every server of a
	 * replicated cluster writes to (pdp.audit_log.server).  Fixed at start:
	 * a standby's events are numbered under this name on the primary.
	 */
	DefineCustomStringVariable("pdp.server_name",
							   "Name of this server in the cluster-wide audit trail and quota counts.",
							   "Empty: cluster_name, or when that is empty too, the host name and port.",
							   &server_name_setting,
							   "",
							   PGC_POSTMASTER,
							   0,
							   check_server_name, NULL, NULL);

	/*
	 * Where a standby sends its audit events.  It may hold a password, and
	 * it decides where evidence goes: superusers only, hidden from others.
	 */
	DefineCustomStringVariable("pdp.audit_primary_conninfo",
							   "Connection string a standby's audit sender uses to reach the primary.",
							   "Empty: the standby's primary_conninfo, as user pdp_audit_sender, in database pdp.audit_database.",
							   &pdp_audit_primary_conninfo,
							   "",
							   PGC_SIGHUP,
							   GUC_SUPERUSER_ONLY,
							   NULL, NULL, NULL);

	MarkGUCPrefixReserved("pdp");

	prev_shmem_request_hook = shmem_request_hook;
	shmem_request_hook = pdp_shmem_request;
	prev_shmem_startup_hook = shmem_startup_hook;
	shmem_startup_hook = pdp_shmem_startup;

	pdp_purpose_scope_init();	/* first: its callback must run last */
	pdp_label_init();
	pdp_subject_init();
	pdp_consent_init();
	pdp_config_init();
	pdp_reltags_init();
	pdp_audit_init();
	pdp_writer_register();
	pdp_hooks_init();
	pdp_mask_rewrite_init();
}
