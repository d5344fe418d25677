/*-------------------------------------------------------------------------
 * audit_inbox.c
 *	  Events of other servers (hot standbys) on their way into this
 *	  server's audit trail.
 *
 * A standby's sender (audit_sender.c) calls, on the primary, in
 * pdp.audit_database,
 *	  pdp._audit_receive(server text, epoch bigint, first_seq bigint,
 *						 records bytea) RETURNS bigint
 * with queue records exactly as they lie in its ring (audit.h), numbered
 * first_seq, first_seq + 1, ... within (server, epoch).  In the calling
 * transaction the records are checked and stored in pdp.audit_inbox, and
 * pdp.audit_servers remembers the highest number stored per (server,
 * epoch): records at or below it are skipped, so sending again after a
 * lost reply stores nothing twice.  It returns that number (0: none yet);
 * records NULL only asks for it.  The epoch is the standby's: a new one
 * after every queue it starts empty (a crash), so numbers never collide.
 * A record that cannot be stored (damaged, or with values this database
 * cannot hold) fails the call, naming it: nothing of the call is stored.
 *
 * The writer (audit_writer.c) moves inbox rows into pdp.audit_log, with
 * their server, in the order of that table's primary key, and deletes
 * them in the same transaction; each inbox row is checked again there
 * (the table is input: a superuser can change it), and one that cannot be
 * stored is dropped, counted and logged rather than stop the trail.
 *
 * Progress is tracked in shared memory (audit.h): inbox_received counts
 * transactions that stored inbox rows, bumped at their commit;
 * inbox_written is the count the writer had seen when it last found the
 * inbox empty.  flush_audit() on this server waits for inbox_written to
 * reach the inbox_received it saw, so a sender that calls it after
 * pdp._audit_receive knows its events are in pdp.audit_log.
 *
 * EXECUTE on pdp._audit_receive is granted to role pdp_audit_sender only.
 * A server name is taken only from the login role a superuser registered
 * for it (pdp.register_standby(), kept in pdp.audit_senders); any other is
 * refused, so one standby's credentials - or a role that made itself a
 * member of pdp_audit_sender - cannot deliver under another's name or a new
 * one.  The call
 * must not run inside a transaction block: the row it locks for its
 * (server, epoch) is held only for the call.  Numbers a standby skips are
 * chained into the trail as an event (kind audit, decision gap), not only
 * counted in pdp.audit_servers; so is a known server's new epoch (decision
 * queue_restarted: what its last queue still held is lost - a crash of the
 * standby - and cannot be counted here).
 *
 * What one record may be: at most INBOX_RECORD_MAX bytes, lists of at most
 * INBOX_LIST_MAX elements, an event time PostgreSQL can show - the writer
 * turns a record into a row in memory several times its size, and a time
 * out of range would make every query that shows it fail.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"

#include "access/xact.h"
#include "datatype/timestamp.h"
#include "lib/stringinfo.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "storage/latch.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/json.h"
#include "utils/guc.h"
#include "utils/syscache.h"
#include "catalog/pg_class.h"
#include "utils/memutils.h"

PG_FUNCTION_INFO_V1(pdp_audit_receive);
PG_FUNCTION_INFO_V1(pdp_register_standby);

#define INBOX_RECORD_MAX	(4 * 1024 * 1024)
#define INBOX_LIST_MAX		1600	/* columns of one relation, at most */

static bool callback_registered = false;
static bool received_in_xact = false;

/* At commit, tell the writer (and flush_audit) that the inbox has rows */
static void
inbox_xact_callback(XactEvent event, void *arg)
{
	if (!received_in_xact)
		return;
	if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_PARALLEL_COMMIT)
	{
		pg_atomic_fetch_add_u64(&pdp_queue->inbox_received, 1);
		if (pdp_queue->worker_latch)
			SetLatch(pdp_queue->worker_latch);
	}
	if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_PARALLEL_COMMIT ||
		event == XACT_EVENT_ABORT || event == XACT_EVENT_PARALLEL_ABORT ||
		event == XACT_EVENT_PREPARE)
		received_in_xact = false;
}

/* Elements of a NUL-separated list string (0 when NULL) */
static int
list_length_of(PdpRecord *rec, const char **strs, PdpRecStr field)
{
	int			len = rec->str_len[field];
	int			n = (len > 0) ? 1 : 0;
	int			i;

	for (i = 0; i < len; i++)
		if (strs[field][i] == '\0' && i + 1 < len)
			n++;
	return n;
}

/*
 * One inbox record, checked: len bytes at data (not necessarily aligned)
 * copied into memory of its own.  NULL, with *why set, when it is not a
 * record pdp could have written: the length in its header disagrees, its
 * strings do not fit, or its flags say something no record says.
 */
PdpRecord *
pdp_inbox_record(const char *data, Size len, const char **strs, const char **why)
{
	PdpRecord  *rec;

	if (len < sizeof(PdpRecord) || len > INBOX_RECORD_MAX || len != MAXALIGN(len))
	{
		*why = len > INBOX_RECORD_MAX ? "it is longer than 4 MB" :
			"its length is not that of a record";
		return NULL;
	}
	rec = palloc(len);
	memcpy(rec, data, len);
	if (pg_atomic_read_u32(&rec->hdr.state) != (uint32) len)
		*why = "the length in its header is not its length";
	else if ((rec->hdr.flags & ~(uint32) (PDP_REC_HAS_ROWS | PDP_REC_HAS_RECORDS |
										   PDP_REC_HAS_QUERY_ID | PDP_REC_HAS_SENSITIVE |
										   PDP_REC_SENSITIVE | PDP_REC_INCOMPLETE |
										   PDP_REC_HAS_PID | PDP_REC_SUMMARY | PDP_REC_BULK)) != 0)
		*why = "its flags are unknown";
	else if (!pdp_record_strings(rec, len, strs))
		*why = "its strings do not fit in it";
	else if (rec->str_len[RS_KIND] <= 0)
		*why = "it has no kind";
	else if (!IS_VALID_TIMESTAMP(rec->event_time))
		*why = "its event time is out of range";
	else if ((rec->hdr.flags & PDP_REC_SUMMARY) &&
			 (rec->statements <= 0 || !IS_VALID_TIMESTAMP(rec->first_time) ||
			  rec->first_time > rec->event_time))
		*why = "its summary counts make no sense";
	else if (list_length_of(rec, strs, RS_COLUMNS) > INBOX_LIST_MAX ||
			 list_length_of(rec, strs, RS_CATEGORIES) > INBOX_LIST_MAX)
		*why = "it lists more than 1600 columns or categories";
	else
		return rec;
	pfree(rec);
	return NULL;
}

/*
 * The values of a record that go through a type's input function, checked
 * the way the writer will convert them (ERROR if they cannot be): the
 * detail must be a JSON object, the client address an inet.
 */
static void
check_values(PdpRecord *rec, const char **strs)
{
	if (rec->str_len[RS_DETAIL] >= 0)
	{
		int			len;
		const char *p = pdp_text_clean(strs[RS_DETAIL], rec->str_len[RS_DETAIL], &len);
		char	   *s = pnstrdup(p, len);
		char	   *c = s;

		while (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r')
			c++;
		if (*c != '{')
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the detail of an audit event must be a JSON object")));
		(void) DirectFunctionCall1(jsonb_in, CStringGetDatum(s));
	}
	if (rec->str_len[RS_CLIENT_ADDR] >= 0)
	{
		int			len;
		const char *p = pdp_text_clean(strs[RS_CLIENT_ADDR], rec->str_len[RS_CLIENT_ADDR], &len);

		(void) DirectFunctionCall1(inet_in, CStringGetDatum(pnstrdup(p, len)));
	}
}

/* A server name as pdp.server_name allows it (pdp.c) */
static void
check_server(const char *server)
{
	const unsigned char *p;

	if (server[0] == '\0' || strlen(server) >= NAMEDATALEN)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid server name \"%s\"", server),
				 errdetail("A server name has 1 to %d bytes.", NAMEDATALEN - 1)));
	for (p = (const unsigned char *) server; *p; p++)
		if (*p < 0x20 || *p > 0x7e)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid server name"),
					 errdetail("A server name consists of printable ASCII characters.")));
	if (server[0] == ' ' || server[strlen(server) - 1] == ' ')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid server name \"%s\"", server),
				 errdetail("A server name does not begin or end with a space.")));
	if (pg_strcasecmp(server, pdp_server_name()) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("audit events sent under this server's own name \"%s\"", server),
				 errdetail("Every server of a replicated cluster needs a name of its own."),
				 errhint("Set cluster_name or pdp.server_name on the standby to a name of its own, and restart it.")));
}

static int64
spi_int8(const char *sql, int nargs, Oid *types, Datum *args)
{
	bool		isnull;
	Datum		d;

	if (SPI_execute_with_args(sql, nargs, types, args, NULL, false, 0) < 0 ||
		SPI_processed != 1)
		elog(ERROR, "pdp._audit_receive: unexpected result from \"%s\"", sql);
	d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	return isnull ? 0 : DatumGetInt64(d);
}

/*
 * A standby's name, checked (check_server), and the calling login role
 * the one a superuser registered for it (pdp.register_standby, in
 * pdp.audit_senders), or a superuser; ERROR (42501) otherwise, saying what
 * to run.  Reads
 * the table as its owner (the callers may run as the sending role), in a
 * restricted context with a safe search_path.
 */
void
pdp_audit_check_sender(const char *server)
{
	const char *me = GetUserNameFromId(GetSessionUserId(), false);
	Oid			relid = pdp_extension_relid("audit_senders");
	Oid			types[2] = {TEXTOID, TEXTOID};
	Datum		args[2];
	char	   *owner;
	Oid			owner_oid;
	bool		isnull;
	Oid			save_userid;
	int			save_sec;
	int			nestlevel;
	HeapTuple	tup;

	check_server(server);
	/* a superuser (logged in as one) may deliver under any name */
	if (superuser_arg(GetSessionUserId()))
		return;
	if (!OidIsValid(relid) || !HeapTupleIsValid(tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid))))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("table pdp.audit_senders is missing"),
				 errhint("Update extension pdp in this database: ALTER EXTENSION pdp UPDATE.")));
	GetUserIdAndSecContext(&save_userid, &save_sec);
	SetUserIdAndSecContext(((Form_pg_class) GETSTRUCT(tup))->relowner,
						   save_sec | SECURITY_LOCAL_USERID_CHANGE | SECURITY_RESTRICTED_OPERATION);
	ReleaseSysCache(tup);
	nestlevel = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog, pg_temp", PGC_USERSET,
							 PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
	SPI_connect();
	args[0] = CStringGetTextDatum(server);
	args[1] = CStringGetTextDatum(me);
	if (SPI_execute_with_args("SELECT sender::oid, sender::text FROM pdp.audit_senders WHERE server = $1",
							  1, types, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read pdp.audit_senders");
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("server \"%s\" is not registered as a standby of this primary", server),
				 errdetail("Audit events and quota counts are taken only from the login role a superuser registered for the server."),
				 errhint("As a superuser on the primary: SELECT pdp.register_standby('%s', '%s');",
						 server, me)));
	/* by the role itself, not its name: a role dropped and made again is another */
	owner_oid = DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	owner = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);
	if (isnull || owner_oid != GetSessionUserId())
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("server \"%s\" delivers as role \"%s\", not \"%s\"",
						server, owner ? owner : "", me),
				 errdetail("A standby's audit events and quota counts are taken only from the login role registered for it."),
				 errhint("Give each standby a login role of its own.  If the standby really moved to role \"%s\", a superuser registers it again: SELECT pdp.register_standby('%s', '%s');",
						 me, server, me)));
	SPI_finish();
	AtEOXact_GUC(true, nestlevel);
	SetUserIdAndSecContext(save_userid, save_sec);
}

/*
 * A known server starts a new epoch: its queue started empty - after a
 * crash of the standby, a lost or damaged saved queue, or a clone of it.
 * What its last queue still held did not come, and nobody can count it
 * here: the trail says that the queue restarted, and where the last one
 * stopped.
 */
static void
new_epoch(const char *server, int64 epoch, Oid *types, Datum *args)
{
	PdpEvent   *ev;
	StringInfoData d;
	int64		last_epoch;
	int64		last_seq;
	bool		isnull;

	if (SPI_execute_with_args("SELECT epoch, last_seq FROM pdp.audit_servers "
							  "WHERE server = $1 AND epoch <> $2 "
							  "ORDER BY last_received DESC NULLS LAST, first_received DESC LIMIT 1",
							  2, types, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "pdp._audit_receive: could not read pdp.audit_servers");
	if (SPI_processed == 0)
		return;
	last_epoch = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	last_seq = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
	ev = pdp_event_new("audit", "queue_restarted", "new_epoch");
	initStringInfo(&d);
	appendStringInfoString(&d, "{\"server\": ");
	escape_json(&d, server);
	appendStringInfo(&d, ", \"epoch\": " INT64_FORMAT ", \"previous_epoch\": " INT64_FORMAT
					 ", \"previous_last_seq\": " INT64_FORMAT "}", epoch, last_epoch,
					 isnull ? 0 : last_seq);
	pdp_event_set(ev, RS_DETAIL, d.data);
	pdp_event_set(ev, RS_RELATION, "pdp.audit_inbox");
	pdp_event_at_commit(ev);
}

/* Numbers [from, to] of a server never arrived: said in the trail itself */
static void
record_gap(const char *server, int64 epoch, int64 from, int64 to)
{
	PdpEvent   *ev = pdp_event_new("audit", "gap", "events_missing");
	StringInfoData d;

	initStringInfo(&d);
	appendStringInfoString(&d, "{\"server\": ");
	escape_json(&d, server);
	appendStringInfo(&d, ", \"epoch\": " INT64_FORMAT ", \"first_missing\": " INT64_FORMAT
					 ", \"last_missing\": " INT64_FORMAT "}", epoch, from, to);
	pdp_event_set(ev, RS_DETAIL, d.data);
	pdp_event_set(ev, RS_RELATION, "pdp.audit_inbox");
	pdp_event_at_commit(ev);
}

Datum
pdp_audit_receive(PG_FUNCTION_ARGS)
{
	char	   *server;
	int64		epoch;
	int64		first_seq;
	int64		last;
	int64		seq;
	int64		stored = 0;
	int64		gap = 0;
	bytea	   *records = NULL;
	const char *p;
	Size		left;
	SPIPlanPtr	insert;
	Oid			types[4] = {TEXTOID, INT8OID, INT8OID, BYTEAOID};
	Datum		args[4];

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("server, epoch and first_seq must not be NULL")));
	if (RecoveryInProgress())
		ereport(ERROR,
				(errcode(ERRCODE_READ_ONLY_SQL_TRANSACTION),
				 errmsg("this server is a standby: audit events go to the primary"),
				 errhint("Point pdp.audit_primary_conninfo of the sending server at the primary.")));
	if (IsTransactionBlock())
		ereport(ERROR,
				(errcode(ERRCODE_ACTIVE_SQL_TRANSACTION),
				 errmsg("pdp._audit_receive() cannot run inside a transaction block"),
				 errdetail("It locks the sending server's row for the call only.")));
	server = text_to_cstring(PG_GETARG_TEXT_PP(0));
	epoch = PG_GETARG_INT64(1);
	first_seq = PG_GETARG_INT64(2);
	pdp_audit_check_sender(server);
	if (epoch == 0 || first_seq < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid epoch or first_seq"),
				 errdetail("The epoch is not 0 and records are numbered from 1.")));
	if (!PG_ARGISNULL(3))
	{
		records = PG_GETARG_BYTEA_PP(3);
		if (first_seq > PG_INT64_MAX - (int64) (VARSIZE_ANY_EXHDR(records) / sizeof(PdpRecord)))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("first_seq " INT64_FORMAT " leaves no room to number the records", first_seq)));
	}

	if (!callback_registered)
	{
		RegisterXactCallback(inbox_xact_callback, NULL);
		callback_registered = true;
	}

	SPI_connect();
	args[0] = CStringGetTextDatum(server);
	args[1] = Int64GetDatum(epoch);
	if (records == NULL)
	{
		/* where to resume: nothing is registered by asking */
		if (SPI_execute_with_args("SELECT last_seq FROM pdp.audit_servers "
								  "WHERE server = $1 AND epoch = $2",
								  2, types, args, NULL, true, 0) != SPI_OK_SELECT)
			elog(ERROR, "pdp._audit_receive: could not read pdp.audit_servers");
		last = 0;
		if (SPI_processed == 1)
		{
			bool		isnull;
			Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);

			last = isnull ? 0 : DatumGetInt64(d);
		}
		SPI_finish();
		PG_RETURN_INT64(last);
	}
	if (SPI_execute_with_args("INSERT INTO pdp.audit_servers (server, epoch) VALUES ($1, $2) "
							  "ON CONFLICT DO NOTHING",
							  2, types, args, NULL, false, 0) != SPI_OK_INSERT)
		elog(ERROR, "pdp._audit_receive: could not register the server");
	if (SPI_processed == 1)
		new_epoch(server, epoch, types, args);
	/* one sender of a (server, epoch) at a time */
	last = spi_int8("SELECT last_seq FROM pdp.audit_servers "
					"WHERE server = $1 AND epoch = $2 FOR UPDATE",
					2, types, args);
	if (last < 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("pdp.audit_servers says server \"%s\" sent up to record " INT64_FORMAT,
						server, last)));

	insert = SPI_prepare("INSERT INTO pdp.audit_inbox (server, epoch, seq, record) "
						 "VALUES ($1, $2, $3, $4)", 4, types);
	if (insert == NULL)
		elog(ERROR, "pdp._audit_receive: could not prepare the inbox insert");
	p = VARDATA_ANY(records);
	left = VARSIZE_ANY_EXHDR(records);
	for (seq = first_seq; left > 0; seq++)
	{
		uint32		len;
		PdpRecord  *rec;
		const char *strs[RS_COUNT];
		const char *why = NULL;
		bytea	   *one;

		if (left < sizeof(PdpRecordHeader))
			len = 0;
		else
			memcpy(&len, p, sizeof(len));	/* the header's state word */
		rec = (len > 0 && len <= left) ? pdp_inbox_record(p, len, strs, &why) : NULL;
		if (rec == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("audit record " INT64_FORMAT " from server \"%s\" is damaged: %s",
							seq, server, why ? why : "it does not fit in what was sent"),
					 errdetail("Nothing of this call was stored.")));
		check_values(rec, strs);
		if (seq > last)
		{
			one = palloc(VARHDRSZ + len);
			SET_VARSIZE(one, VARHDRSZ + len);
			memcpy(VARDATA(one), rec, len);
			args[2] = Int64GetDatum(seq);
			args[3] = PointerGetDatum(one);
			if (SPI_execute_plan(insert, args, NULL, false, 0) != SPI_OK_INSERT)
				elog(ERROR, "pdp._audit_receive: could not store a record");
			pfree(one);
			if (stored == 0 && seq > last + 1)
				gap = seq - last - 1;
			stored++;
		}
		pfree(rec);
		p += len;
		left -= len;
	}
	if (stored > 0)
	{
		Oid			utypes[6] = {TEXTOID, INT8OID, INT8OID, INT8OID, INT8OID, TEXTOID};
		Datum		uargs[6];

		uargs[0] = args[0];
		uargs[1] = args[1];
		uargs[2] = Int64GetDatum(seq - 1);
		uargs[3] = Int64GetDatum(stored);
		uargs[4] = Int64GetDatum(gap);
		/* who delivered: the login role, whatever this function runs as */
		uargs[5] = CStringGetTextDatum(GetUserNameFromId(GetSessionUserId(), false));
		if (SPI_execute_with_args("UPDATE pdp.audit_servers SET last_seq = $3, "
								  "received = received + $4, missing = missing + $5, "
								  "last_received = pg_catalog.now(), sent_by = $6::name "
								  "WHERE server = $1 AND epoch = $2",
								  6, utypes, uargs, NULL, false, 0) != SPI_OK_UPDATE)
			elog(ERROR, "pdp._audit_receive: could not update pdp.audit_servers");
		last = seq - 1;
		received_in_xact = true;
		if (gap > 0)
		{
			int64		from = last - stored - gap + 1;
			int64		to = last - stored;

			ereport(WARNING,
					(errmsg("audit records " INT64_FORMAT " to " INT64_FORMAT " of server \"%s\" never arrived",
							from, to, server),
					 errdetail("pdp.audit_servers counts them as missing, and the audit trail records the gap.")));
			record_gap(server, epoch, from, to);
		}
	}
	SPI_finish();
	PG_RETURN_INT64(last);
}

/*
 * pdp.register_standby(server text, sender regrole): the login role whose
 * deliveries are taken as server's (superusers only); sender NULL removes
 * the server's registration.  Recorded as a configuration event.
 */
Datum
pdp_register_standby(PG_FUNCTION_ARGS)
{
	char	   *server;
	Oid			types[2] = {TEXTOID, TEXTOID};
	Datum		args[2];
	PdpEvent   *ev;
	StringInfoData d;

	if (!superuser())
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("only superusers may register standbys"),
				 errdetail("A registered role's deliveries become part of the audit trail and count against daily limits.")));
	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("server must not be NULL")));
	server = text_to_cstring(PG_GETARG_TEXT_PP(0));
	check_server(server);
	args[0] = CStringGetTextDatum(server);
	SPI_connect();
	if (PG_ARGISNULL(1))
	{
		if (SPI_execute_with_args("DELETE FROM pdp.audit_senders WHERE server = $1",
								  1, types, args, NULL, false, 0) != SPI_OK_DELETE)
			elog(ERROR, "could not update pdp.audit_senders");
	}
	else
	{
		Oid			rtypes[2] = {TEXTOID, OIDOID};

		(void) GetUserNameFromId(PG_GETARG_OID(1), false);	/* it exists */
		args[1] = ObjectIdGetDatum(PG_GETARG_OID(1));
		types[1] = rtypes[1];
		if (SPI_execute_with_args("INSERT INTO pdp.audit_senders (server, sender) VALUES ($1, $2::regrole) "
								  "ON CONFLICT (server) DO UPDATE SET sender = EXCLUDED.sender, "
								  "since = pg_catalog.now()",
								  2, types, args, NULL, false, 0) != SPI_OK_INSERT)
			elog(ERROR, "could not update pdp.audit_senders");
	}
	SPI_finish();

	ev = pdp_event_new("config", NULL, "register_standby");
	initStringInfo(&d);
	appendStringInfoString(&d, "{\"server\": ");
	escape_json(&d, server);
	appendStringInfoString(&d, ", \"sender\": ");
	if (PG_ARGISNULL(1))
		appendStringInfoString(&d, "null");
	else
		escape_json(&d, GetUserNameFromId(PG_GETARG_OID(1), false));
	appendStringInfoChar(&d, '}');
	pdp_event_set(ev, RS_DETAIL, d.data);
	pdp_event_set(ev, RS_RELATION, "pdp.audit_senders");
	pdp_event_set(ev, RS_COMMAND, "SELECT");
	pdp_event_at_commit(ev);
	PG_RETURN_VOID();
}
