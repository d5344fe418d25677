/*-------------------------------------------------------------------------
 * audit_record.c
 *	  Audit events as backends build them, and the queue records they are
 *	  sealed into (audit.h has the record layout).
 *
 * An event copies every string it is given the moment it is given, into
 * one buffer of its own: a string the caller passed may be a setting or a
 * cache entry that changes before the event is sealed.  Sealing lays the
 * strings out after the fixed part of a record; the numbers only known
 * when the statement ends are patched into the sealed record.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"
#include "statement.h"

#include "commands/dbcommands.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/json.h"
#include "utils/memutils.h"

struct PdpEvent
{
	int			off[RS_COUNT];	/* in strings; -1: SQL NULL */
	int			len[RS_COUNT];
	StringInfoData strings;		/* every string, back to back */
	StringInfoData list[2];		/* RS_COLUMNS, RS_CATEGORIES */
	uint32		flags;
	TimestampTz event_time;
	int64		query_id;
	int64		rows;
};

/* per-backend values that rarely change */
static char *my_database = NULL;
static char *my_client_addr = NULL;
static bool my_client_addr_done = false;

/* Role names, cached per slot (0: session user, 1: acting role, 2: effective) */
static const char *
role_name(Oid role, int slot)
{
	static Oid	cached_role[3];
	static uint64 cached_gen[3];
	static char cached_name[3][NAMEDATALEN];

	if (role != cached_role[slot] || cached_gen[slot] != pdp_config_generation())
	{
		char	   *n = GetUserNameFromId(role, true);

		strlcpy(cached_name[slot], n ? n : "", NAMEDATALEN);
		cached_role[slot] = role;
		cached_gen[slot] = pdp_config_generation();
	}
	return cached_name[slot];
}

/* The name of the role a statement acts as (cached; copy it to keep it) */
const char *
pdp_event_role_name(Oid role)
{
	return role_name(role, 1);
}

static const char *
client_addr(void)
{
	if (!my_client_addr_done)
	{
		/* inet_client_addr(): NULL over a Unix socket */
		LOCAL_FCINFO(fcinfo, 0);
		Datum		addr;

		InitFunctionCallInfoData(*fcinfo, NULL, 0, InvalidOid, NULL, NULL);
		addr = inet_client_addr(fcinfo);
		if (!fcinfo->isnull)
			my_client_addr = MemoryContextStrdup(TopMemoryContext,
												 DatumGetCString(DirectFunctionCall1(inet_out, addr)));
		my_client_addr_done = true;
	}
	return my_client_addr;
}

/*
 * A new event: kind, decision, reason, and who and where, as of now.  The
 * purpose is the session's; a statement's events take the statement's
 * (pdp_event_statement).
 */
PdpEvent *
pdp_event_new(const char *kind, const char *decision, const char *reason)
{
	PdpEvent   *ev = palloc0(sizeof(PdpEvent));
	Oid			outer = pdp_acting_role();
	int			i;

	if (my_database == NULL)
	{
		char	   *db = get_database_name(MyDatabaseId);

		my_database = MemoryContextStrdup(TopMemoryContext, db ? db : "");
	}
	pdp_audit_backend_start();
	for (i = 0; i < RS_COUNT; i++)
		ev->off[i] = -1;
	initStringInfo(&ev->strings);
	ev->event_time = GetCurrentTimestamp();
	pdp_event_set(ev, RS_KIND, kind);
	pdp_event_set(ev, RS_DECISION, decision);
	pdp_event_set(ev, RS_REASON, reason);
	pdp_event_set(ev, RS_DATABASE, my_database);
	pdp_event_set(ev, RS_SESSION_USER, role_name(GetSessionUserId(), 0));
	pdp_event_set(ev, RS_CURRENT_USER, role_name(outer, 1));
	pdp_event_set(ev, RS_APPLICATION,
				  (application_name && application_name[0]) ? application_name : NULL);
	pdp_event_set(ev, RS_CLIENT_ADDR, client_addr());
	pdp_event_set(ev, RS_PURPOSE, (pdp_purpose && pdp_purpose[0]) ? pdp_purpose : NULL);
	if (GetUserId() != outer)
	{
		StringInfoData d;

		initStringInfo(&d);
		appendStringInfoString(&d, "{\"effective_user\": ");
		escape_json(&d, role_name(GetUserId(), 2));
		appendStringInfoChar(&d, '}');
		pdp_event_set(ev, RS_DETAIL, d.data);
		pfree(d.data);
	}
	return ev;
}

/* Set a string field (NULL: SQL NULL); the value is copied */
void
pdp_event_set(PdpEvent *ev, PdpRecStr field, const char *value)
{
	int			len;

	Assert(field != RS_COLUMNS && field != RS_CATEGORIES);
	if (value == NULL)
	{
		ev->off[field] = -1;
		return;
	}
	len = strlen(value);

	/*
	 * pdp.purpose is anyone's to set, at any length: a huge one must not
	 * make the event too big to record.  No defined purpose is longer than
	 * NAMEDATALEN - 1 bytes, so nothing that matters is cut.
	 */
	/* nothing enters the trail that a reader's encoding cannot convert */
	value = pdp_text_clean(value, len, &len);
	if (field == RS_PURPOSE && len >= NAMEDATALEN)
		len = pg_mbcliplen(value, len, NAMEDATALEN - 1);
	ev->off[field] = ev->strings.len;
	ev->len[field] = len;
	appendBinaryStringInfo(&ev->strings, value, len);
}

/*
 * Make room for bytes more of strings now, so that setting them later
 * (during abort, in memory that is going away) allocates nothing.
 */
void
pdp_event_reserve(PdpEvent *ev, int bytes)
{
	enlargeStringInfo(&ev->strings, bytes);
}

/* Append an element to RS_COLUMNS or RS_CATEGORIES */
void
pdp_event_append(PdpEvent *ev, PdpRecStr field, const char *element)
{
	StringInfo	l = &ev->list[field == RS_COLUMNS ? 0 : 1];
	int			len;

	Assert(field == RS_COLUMNS || field == RS_CATEGORIES);
	if (l->data == NULL)
		initStringInfo(l);
	element = pdp_text_clean(element, strlen(element), &len);
	appendBinaryStringInfo(l, element, len + 1);
}

/* rows of an event recorded as it is (pdp_event_now, pdp_event_at_commit) */
void
pdp_event_rows(PdpEvent *ev, int64 rows)
{
	ev->rows = rows;
	ev->flags |= PDP_REC_HAS_ROWS;
}

void
pdp_event_sensitive(PdpEvent *ev, bool sensitive)
{
	ev->flags |= PDP_REC_HAS_SENSITIVE | (sensitive ? PDP_REC_SENSITIVE : 0);
}

/* query, cut to pdp.audit_query_max_length bytes on a character boundary */
char *
pdp_clip_query(const char *query, MemoryContext cxt)
{
	int			len = strlen(query);
	char	   *copy;

	if (len > pdp_audit_query_max)
		len = pg_mbcliplen(query, len, pdp_audit_query_max);
	copy = MemoryContextAlloc(cxt, len + 1);
	memcpy(copy, query, len);
	copy[len] = '\0';
	return copy;
}

/*
 * The statement the event is about: its command, query, id, and the role
 * and purpose it started with (an event made later, at a FETCH after SET
 * ROLE say, still names them).
 */
void
pdp_event_statement(PdpEvent *ev, const PdpStatement *st)
{
	pdp_event_set(ev, RS_CURRENT_USER, st->role_name);
	pdp_event_set(ev, RS_COMMAND, st->command);
	pdp_event_set(ev, RS_QUERY, st->query);
	pdp_event_set(ev, RS_PURPOSE, st->purpose);
	if (st->query_id != 0)
	{
		ev->query_id = (int64) st->query_id;
		ev->flags |= PDP_REC_HAS_QUERY_ID;
	}
}

/* Serialize ev into a record allocated in cxt; *lenp: its MAXALIGNed length */
char *
pdp_event_seal(PdpEvent *ev, MemoryContext cxt, Size *lenp)
{
	Size		len = sizeof(PdpRecord);
	PdpRecord  *rec;
	char	   *p;
	int			i;

	for (i = 0; i < RS_COUNT; i++)
	{
		if (i == RS_COLUMNS || i == RS_CATEGORIES)
		{
			StringInfo	l = &ev->list[i == RS_COLUMNS ? 0 : 1];

			if (l->data)
				len += l->len;
		}
		else if (ev->off[i] >= 0)
			len += ev->len[i];
	}
	len = MAXALIGN(len);

	rec = MemoryContextAllocZero(cxt, len);
	rec->hdr.flags = ev->flags | PDP_REC_HAS_PID;
	rec->event_time = ev->event_time;
	rec->query_id = ev->query_id;
	rec->rows = ev->rows;
	rec->backend_pid = MyProcPid;
	p = PDP_REC_STRINGS(rec);
	for (i = 0; i < RS_COUNT; i++)
	{
		const char *src = NULL;
		int			n = -1;

		if (i == RS_COLUMNS || i == RS_CATEGORIES)
		{
			StringInfo	l = &ev->list[i == RS_COLUMNS ? 0 : 1];

			if (l->data)
			{
				src = l->data;
				n = l->len;
			}
		}
		else if (ev->off[i] >= 0)
		{
			src = ev->strings.data + ev->off[i];
			n = ev->len[i];
		}
		rec->str_len[i] = n;
		if (n > 0)
		{
			memcpy(p, src, n);
			p += n;
		}
	}
	*lenp = len;
	return (char *) rec;
}

/* Free an event that has been sealed or is no longer needed */
void
pdp_event_free(PdpEvent *ev)
{
	pfree(ev->strings.data);
	if (ev->list[0].data)
		pfree(ev->list[0].data);
	if (ev->list[1].data)
		pfree(ev->list[1].data);
	pfree(ev);
}

static void
append_json_field(StringInfo buf, const char *key, const char *val, int len,
				  bool is_list)
{
	appendStringInfo(buf, ", \"%s\": ", key);
	if (len < 0)
	{
		appendStringInfoString(buf, "null");
		return;
	}
	if (is_list)
	{
		int			off = 0;

		appendStringInfoChar(buf, '[');
		while (off < len)
		{
			int			l = strnlen(val + off, len - off);
			char	   *s = pnstrdup(val + off, l);

			if (off > 0)
				appendStringInfoString(buf, ", ");
			escape_json(buf, s);
			pfree(s);
			off += l + 1;
		}
		appendStringInfoChar(buf, ']');
	}
	else
	{
		char	   *s = pnstrdup(val, len);

		escape_json(buf, s);
		pfree(s);
	}
}

/*
 * One JSON line in the server log: for SIEM shipping
 * (pdp.audit_log_destination), and for an event that could
 * not be kept at all.  why: NULL, or a word saying why it is logged.
 */
void
pdp_record_log(const char *recp, const char *why)
{
	static const char *const names[RS_COUNT] = {
		"kind", "decision", "reason", "database", "session_role",
		"role", "application_name", "client_addr", "purpose",
		"command", "relation", "columns", "categories", "query", "detail"
	};
	const PdpRecord *rec = (const PdpRecord *) recp;
	StringInfoData buf;
	const char *p = PDP_REC_STRINGS(rec);
	int			i;

	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"event_time\": \"%s\"",
					 timestamptz_to_str(rec->event_time));
	for (i = 0; i < RS_COUNT; i++)
	{
		int			len = rec->str_len[i];

		if (i == RS_DETAIL)
		{
			appendStringInfoString(&buf, ", \"detail\": ");
			if (len < 0)
				appendStringInfoString(&buf, "null");
			else
				appendBinaryStringInfo(&buf, p, len);
		}
		else
			append_json_field(&buf, names[i], p, len,
							  i == RS_COLUMNS || i == RS_CATEGORIES);
		if (len > 0)
			p += len;
	}
	if (rec->hdr.flags & PDP_REC_HAS_SENSITIVE)
		appendStringInfo(&buf, ", \"sensitive\": %s",
						 (rec->hdr.flags & PDP_REC_SENSITIVE) ? "true" : "false");
	appendStringInfo(&buf, ", \"backend_pid\": %d", rec->backend_pid);
	if (rec->hdr.flags & PDP_REC_HAS_ROWS)
		appendStringInfo(&buf, ", \"rows\": " INT64_FORMAT, rec->rows);
	if (rec->hdr.flags & PDP_REC_HAS_RECORDS)
		appendStringInfo(&buf, ", \"records_read\": " INT64_FORMAT, rec->records_read);
	if (rec->hdr.flags & PDP_REC_HAS_QUERY_ID)
		appendStringInfo(&buf, ", \"query_id\": " INT64_FORMAT, rec->query_id);
	if (rec->hdr.flags & PDP_REC_INCOMPLETE)
		appendStringInfoString(&buf, ", \"completed\": false");
	if (rec->hdr.flags & PDP_REC_SUMMARY)
	{
		appendStringInfo(&buf, ", \"statements\": " INT64_FORMAT ", \"first_time\": ",
						 rec->statements);
		escape_json(&buf, timestamptz_to_str(rec->first_time));
	}
	if (why)
		appendStringInfo(&buf, ", \"pdp_logged_because\": \"%s\"", why);
	appendStringInfoChar(&buf, '}');

	ereport(LOG_SERVER_ONLY,
			(errmsg("pdp audit: %s", buf.data),
			 errhidestmt(true), errhidecontext(true)));
	pfree(buf.data);
}

/*
 * Where each string of a record starts (lengths are in rec->str_len); false
 * if the lengths do not fit in the record's len bytes.  The queue is
 * shared memory, the inbox a table: what is read back is checked, not
 * trusted.
 */
bool
pdp_record_strings(PdpRecord *rec, uint32 len, const char **start)
{
	const char *p = PDP_REC_STRINGS(rec);
	Size		total = sizeof(PdpRecord);
	int			i;

	for (i = 0; i < RS_COUNT; i++)
	{
		if (rec->str_len[i] < -1 || rec->str_len[i] > (int32) len)
			return false;
		start[i] = p;
		if (rec->str_len[i] > 0)
		{
			p += rec->str_len[i];
			total += rec->str_len[i];
		}
	}
	return total <= len;
}
