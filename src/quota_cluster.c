/*-------------------------------------------------------------------------
 * quota_cluster.c
 *	  Daily quotas for a primary and its hot standbys: one quota per role
 *	  and purpose wherever it reads.
 *
 * Each server counts its own reads in shared memory (limits.c) and is the
 * only authority on them.  The counts travel through two tables of
 * pdp.audit_database on the primary, which replication copies to every
 * standby:
 *
 *	pdp.quota_servers (server, exported_at, received_at): per server, the
 *		export time of the latest delivery stored.
 *	pdp.quota_counts (server, database, role, purpose, last_bucket, counts,
 *		updated_at): a server's latest counts, one row per (database, role,
 *		purpose) with reads in the last 24 hours; counts[96] is bucket
 *		last_bucket (15-minute periods since 2000-01-01 00:00 UTC),
 *		counts[1] the one 95 buckets earlier.
 *
 * A delivery is a server's complete state: its rows are replaced (a key
 * absent from it is zero now), and one exported no later than the latest
 * stored for that server is ignored whole, so a repeated or late delivery
 * changes nothing.  The primary's audit writer publishes its own counts
 * under pdp_server_name() (pdp_quota_writer_cycle(), at most once per
 * pdp.audit_flush_interval and only when they changed); a standby's sender
 * delivers the bytea of pdp_quota_export() through pdp._quota_receive(),
 * which refuses the receiving server's own name.
 *
 * pdp_quota_load_remote() sums the rows of every other server per key into
 * the remote part of shared memory, so the limit is checked against the
 * cluster total in every database, without any backend querying another
 * database.  On a server that started without its saved counts it first
 * seeds its own part once from its own rows.
 *
 * Everything read here is input: the payload comes from another server's
 * role, the tables can be edited by a superuser.  Payloads are validated
 * whole before anything is written (ERRCODE_INVALID_BINARY_REPRESENTATION);
 * bad rows are skipped, counted and logged.
 *
 * Payload (network byte order): magic u32 "pdqc", version u32, exported_at
 * i64 (TimestampTz), entries u32, then per entry: database u32, role u32,
 * purpose length u8 (1..NAMEDATALEN-1) and bytes, last_bucket i64, buckets
 * u8 (1..96), then per bucket: age u8 (0..95, strictly increasing: bucket
 * last_bucket - age) and count i64 (1..PDP_QUOTA_COUNT_MAX).
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"

#include "access/xact.h"
#include "catalog/pg_authid.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "commands/dbcommands.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "access/xlog.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"

PG_FUNCTION_INFO_V1(pdp_quota_receive);
PG_FUNCTION_INFO_V1(pdp_quota_export_sql);
PG_FUNCTION_INFO_V1(pdp_quota_refresh);

#define PAYLOAD_MAGIC		0x70647163	/* "pdqc" */
#define PAYLOAD_VERSION		1
#define PAYLOAD_MAX_ENTRIES 1000000 /* pdp.quota_max_entries at most */
#define SENDER_ROLE			"pdp_audit_sender"
#define BUCKET_USEC			((int64) 15 * 60 * USECS_PER_SEC)
#define CLOCK_SKEW_USEC		BUCKET_USEC /* a server's clock ahead of ours */

/* one delivery, decoded */
typedef struct Delivery
{
	TimestampTz exported_at;
	int			n;
	PdpQuotaCounts *entries;
} Delivery;

/* ---------------------------------------------------------------------
 * The payload
 * ---------------------------------------------------------------------
 */
static int64
clamp_count(int64 v)
{
	return Min(Max(v, 0), PDP_QUOTA_COUNT_MAX);
}

static bytea *
encode(TimestampTz exported_at, const PdpQuotaCounts *c, int n)
{
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, PAYLOAD_MAGIC);
	pq_sendint32(&buf, PAYLOAD_VERSION);
	pq_sendint64(&buf, exported_at);
	pq_sendint32(&buf, n);
	for (i = 0; i < n; i++)
	{
		int			len = strnlen(c[i].purpose, NAMEDATALEN - 1);
		int			nb = 0;
		int			age;

		for (age = 0; age < PDP_QUOTA_BUCKETS; age++)
			if (c[i].counts[(c[i].last_bucket - age) % PDP_QUOTA_BUCKETS] > 0)
				nb++;
		pq_sendint32(&buf, c[i].dbid);
		pq_sendint32(&buf, c[i].role);
		pq_sendint8(&buf, len);
		pq_sendbytes(&buf, c[i].purpose, len);
		pq_sendint64(&buf, c[i].last_bucket);
		pq_sendint8(&buf, nb);
		for (age = 0; age < PDP_QUOTA_BUCKETS; age++)
		{
			int64		v = c[i].counts[(c[i].last_bucket - age) % PDP_QUOTA_BUCKETS];

			if (v <= 0)
				continue;
			pq_sendint8(&buf, age);
			pq_sendint64(&buf, clamp_count(v));
		}
	}
	return pq_endtypsend(&buf);
}

typedef struct Reader
{
	const unsigned char *p;
	Size		len;
	Size		pos;
} Reader;

static void
bad_payload(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid quota counts"),
			 errdetail("%s", detail),
			 errhint("Pass the unchanged result of pdp._quota_export() of the sending server.  Nothing was stored.")));
}

static uint64
read_uint(Reader *r, int bytes)
{
	uint64		v = 0;
	int			i;

	if (r->len - r->pos < (Size) bytes)
		bad_payload("The data ends early.");
	for (i = 0; i < bytes; i++)
		v = (v << 8) | r->p[r->pos++];
	return v;
}

static int
key_cmp(const void *a, const void *b)
{
	const PdpQuotaCounts *x = a;
	const PdpQuotaCounts *y = b;

	if (x->dbid != y->dbid)
		return x->dbid < y->dbid ? -1 : 1;
	if (x->role != y->role)
		return x->role < y->role ? -1 : 1;
	return strcmp(x->purpose, y->purpose);
}

/* Decode and check a whole payload; ERROR on anything amiss */
static void
decode(bytea *payload, Delivery *d)
{
	Reader		r;
	uint32		n;
	uint32		i;
	int64		now_bucket = pdp_quota_bucket_now();
	const Size	min_entry = 4 + 4 + 1 + 1 + 8 + 1 + 1 + 8;

	r.p = (const unsigned char *) VARDATA_ANY(payload);
	r.len = VARSIZE_ANY_EXHDR(payload);
	r.pos = 0;
	if (read_uint(&r, 4) != PAYLOAD_MAGIC)
		bad_payload("It does not start as quota counts do.");
	if (read_uint(&r, 4) != PAYLOAD_VERSION)
		bad_payload("Its format version is not 1.");
	d->exported_at = (TimestampTz) read_uint(&r, 8);
	if (d->exported_at <= 0 ||
		d->exported_at > GetCurrentTimestamp() + CLOCK_SKEW_USEC)
		bad_payload("Its export time lies in the future of this server's clock by more than 15 minutes, or is not a time.");
	n = read_uint(&r, 4);
	if (n > PAYLOAD_MAX_ENTRIES || (Size) n > (r.len - r.pos) / min_entry)
		bad_payload("It announces more entries than it holds or than any server counts.");
	d->n = n;
	d->entries = palloc0(sizeof(PdpQuotaCounts) * Max(n, 1));
	for (i = 0; i < n; i++)
	{
		PdpQuotaCounts *c = &d->entries[i];
		int			len;
		int			nb;
		int			k;
		int			prev_age = -1;

		c->dbid = read_uint(&r, 4);
		c->role = read_uint(&r, 4);
		if (!OidIsValid(c->dbid) || !OidIsValid(c->role))
			bad_payload("An entry has an invalid database or role OID.");
		len = read_uint(&r, 1);
		if (len < 1 || len >= NAMEDATALEN || r.len - r.pos < (Size) len)
			bad_payload("An entry's purpose is empty, too long or cut off.");
		memcpy(c->purpose, r.p + r.pos, len);
		r.pos += len;
		if (memchr(c->purpose, '\0', len) != NULL ||
			!pg_verifymbstr(c->purpose, len, true))
			bad_payload("An entry's purpose is not valid text in the server encoding.");
		c->last_bucket = (int64) read_uint(&r, 8);
		if (c->last_bucket < PDP_QUOTA_BUCKETS || c->last_bucket > now_bucket + 1)
			bad_payload("An entry's newest bucket is not a 15-minute period up to now.");
		nb = read_uint(&r, 1);
		if (nb < 1 || nb > PDP_QUOTA_BUCKETS)
			bad_payload("An entry has no buckets or more than 96.");
		for (k = 0; k < nb; k++)
		{
			int			age = read_uint(&r, 1);
			int64		v = (int64) read_uint(&r, 8);

			if (age <= prev_age || age >= PDP_QUOTA_BUCKETS)
				bad_payload("An entry's buckets are out of order, repeated or older than 24 hours.");
			if (v < 1 || v > PDP_QUOTA_COUNT_MAX)
				bad_payload("An entry has a count that is not positive or is absurdly large.");
			c->counts[(c->last_bucket - age) % PDP_QUOTA_BUCKETS] = v;
			prev_age = age;
		}
	}
	if (r.pos != r.len)
		bad_payload("There are bytes after the last entry.");
	if (n > 1)
	{
		qsort(d->entries, n, sizeof(PdpQuotaCounts), key_cmp);
		for (i = 1; i < n; i++)
			if (key_cmp(&d->entries[i - 1], &d->entries[i]) == 0)
				bad_payload("A database, role and purpose appears twice.");
	}
}

/*
 * This server's counts, serialized: palloc'd in the current memory
 * context.  Callable in any process attached to shared memory; needs no
 * transaction.  A sender calls pdp_quota_load_remote() before its first
 * export: a server that started without its saved counts seeds them
 * there, and an export before would replace its published row with less.
 */
bytea *
pdp_quota_export(void)
{
	PdpQuotaCounts *own;
	int			n = pdp_quota_own(&own, NULL);
	bytea	   *res = encode(GetCurrentTimestamp(), own, n);

	pfree(own);
	return res;
}

/* ---------------------------------------------------------------------
 * The tables
 * ---------------------------------------------------------------------
 */
static void
require_audit_database(const char *what)
{
	if (get_database_oid(pdp_audit_database, true) != MyDatabaseId)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("%s only in database \"%s\"", what, pdp_audit_database),
				 errdetail("The quota counts of the cluster are kept in pdp.audit_database."),
				 errhint("Connect to database \"%s\".", pdp_audit_database)));
}

/*
 * The SPI work runs as the owner of pdp.quota_counts, in a restricted
 * security context with a safe search_path: the caller needs no rights on
 * the tables, and no code of the caller's runs.  InvalidOid: the extension
 * or its table is missing.
 */
typedef struct AsOwner
{
	Oid			save_userid;
	int			save_sec;
	int			nestlevel;
} AsOwner;

static bool
begin_as_owner(AsOwner *st)
{
	Oid			relid = pdp_extension_relid("quota_counts");
	Oid			srv = pdp_extension_relid("quota_servers");
	HeapTuple	tup;
	Oid			owner;

	if (!OidIsValid(relid) || !OidIsValid(srv))
		return false;
	tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	if (!HeapTupleIsValid(tup))
		return false;
	owner = ((Form_pg_class) GETSTRUCT(tup))->relowner;
	ReleaseSysCache(tup);

	GetUserIdAndSecContext(&st->save_userid, &st->save_sec);
	SetUserIdAndSecContext(owner, st->save_sec | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_RESTRICTED_OPERATION);
	st->nestlevel = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog, pg_temp", PGC_USERSET,
							 PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	return true;
}

/* on success only: an error unwinds user, GUCs and SPI with the transaction */
static void
end_as_owner(AsOwner *st)
{
	SPI_finish();
	AtEOXact_GUC(true, st->nestlevel);
	SetUserIdAndSecContext(st->save_userid, st->save_sec);
}

/* counts of c as the table keeps them: oldest first, newest (last_bucket) last */
static Datum
counts_array(const PdpQuotaCounts *c)
{
	Datum		elems[PDP_QUOTA_BUCKETS];
	int			k;

	for (k = 0; k < PDP_QUOTA_BUCKETS; k++)
	{
		int64		b = c->last_bucket - (PDP_QUOTA_BUCKETS - 1) + k;

		elems[k] = Int64GetDatum(c->counts[b % PDP_QUOTA_BUCKETS]);
	}
	return PointerGetDatum(construct_array(elems, PDP_QUOTA_BUCKETS, INT8OID,
										   8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/*
 * Store d as server's state (as the tables' owner, in the caller's
 * transaction).  Returns false if a delivery exported at the same time or
 * later is already stored: then nothing changes.
 */
static bool
store(const char *server, const Delivery *d)
{
	AsOwner		st;
	Datum		args[7];
	Oid			types[7];
	Datum	   *dbs;
	Datum	   *roles;
	Datum	   *purposes;
	SPIPlanPtr	plan;
	int			rc;
	int			i;
	bool		newer;

	if (!begin_as_owner(&st))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("pdp.quota_counts does not exist in database \"%s\"", get_database_name(MyDatabaseId)),
				 errhint("Run ALTER EXTENSION pdp UPDATE there.")));

	/* the server's row is locked from here: deliveries of one server queue */
	types[0] = TEXTOID;
	types[1] = TIMESTAMPTZOID;
	args[0] = CStringGetTextDatum(server);
	args[1] = TimestampTzGetDatum(d->exported_at);
	rc = SPI_execute_with_args(
							   "INSERT INTO pdp.quota_servers AS s (server, exported_at, received_at) "
							   "VALUES ($1, $2, pg_catalog.now()) ON CONFLICT (server) DO UPDATE "
							   "SET exported_at = EXCLUDED.exported_at, received_at = EXCLUDED.received_at "
							   "WHERE s.exported_at < EXCLUDED.exported_at RETURNING 1",
							   2, types, args, NULL, false, 0);
	if (rc != SPI_OK_INSERT_RETURNING)
		elog(ERROR, "pdp: storing a quota delivery failed: %s", SPI_result_code_string(rc));
	newer = (SPI_processed == 1);
	if (!newer)
	{
		end_as_owner(&st);
		return false;
	}

	/* keys absent from the delivery: nothing read under them now */
	dbs = palloc(sizeof(Datum) * Max(d->n, 1));
	roles = palloc(sizeof(Datum) * Max(d->n, 1));
	purposes = palloc(sizeof(Datum) * Max(d->n, 1));
	for (i = 0; i < d->n; i++)
	{
		dbs[i] = ObjectIdGetDatum(d->entries[i].dbid);
		roles[i] = ObjectIdGetDatum(d->entries[i].role);
		purposes[i] = CStringGetTextDatum(d->entries[i].purpose);
	}
	types[1] = OIDARRAYOID;
	types[2] = OIDARRAYOID;
	types[3] = TEXTARRAYOID;
	args[1] = PointerGetDatum(construct_array(dbs, d->n, OIDOID, sizeof(Oid), true, TYPALIGN_INT));
	args[2] = PointerGetDatum(construct_array(roles, d->n, OIDOID, sizeof(Oid), true, TYPALIGN_INT));
	args[3] = PointerGetDatum(construct_array(purposes, d->n, TEXTOID, -1, false, TYPALIGN_INT));
	rc = SPI_execute_with_args(
							   "DELETE FROM pdp.quota_counts q WHERE q.server = $1 AND NOT EXISTS "
							   "(SELECT FROM ROWS FROM (pg_catalog.unnest($2), pg_catalog.unnest($3), pg_catalog.unnest($4)) AS k(d, r, p) "
							   "WHERE k.d = q.database AND k.r = q.role AND k.p = q.purpose)",
							   4, types, args, NULL, false, 0);
	if (rc != SPI_OK_DELETE)
		elog(ERROR, "pdp: storing a quota delivery failed: %s", SPI_result_code_string(rc));

	/* an unchanged row is not rewritten: a steady state writes no WAL */
	types[1] = OIDOID;
	types[2] = OIDOID;
	types[3] = TEXTOID;
	types[4] = INT8OID;
	types[5] = INT8ARRAYOID;
	types[6] = TIMESTAMPTZOID;
	plan = SPI_prepare(
					   "INSERT INTO pdp.quota_counts AS q "
					   "(server, database, role, purpose, last_bucket, counts, updated_at) "
					   "VALUES ($1, $2, $3, $4, $5, $6, $7) "
					   "ON CONFLICT (server, database, role, purpose) DO UPDATE "
					   "SET last_bucket = EXCLUDED.last_bucket, counts = EXCLUDED.counts, "
					   "updated_at = EXCLUDED.updated_at "
					   "WHERE (q.last_bucket, q.counts) IS DISTINCT FROM (EXCLUDED.last_bucket, EXCLUDED.counts)",
					   7, types);
	if (plan == NULL)
		elog(ERROR, "pdp: SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	args[6] = TimestampTzGetDatum(d->exported_at);
	for (i = 0; i < d->n; i++)
	{
		args[1] = dbs[i];
		args[2] = roles[i];
		args[3] = purposes[i];
		args[4] = Int64GetDatum(d->entries[i].last_bucket);
		args[5] = counts_array(&d->entries[i]);
		rc = SPI_execute_plan(plan, args, NULL, false, 0);
		if (rc != SPI_OK_INSERT)
			elog(ERROR, "pdp: storing a quota delivery failed: %s", SPI_result_code_string(rc));
		pfree(DatumGetPointer(args[5]));
	}
	SPI_freeplan(plan);
	end_as_owner(&st);
	return true;
}

/* Read one row of pdp.quota_counts into c; false if it is not sane */
static bool
row_to_counts(HeapTuple tup, TupleDesc desc, int64 now_bucket, char *server,
			  PdpQuotaCounts *c)
{
	bool		isnull[6];
	Datum		v[6];
	char	   *p;
	ArrayType  *arr;
	Datum	   *elems;
	bool	   *nulls;
	int			nelems;
	int			k;
	int			i;

	for (i = 0; i < 6; i++)
	{
		v[i] = SPI_getbinval(tup, desc, i + 1, &isnull[i]);
		if (isnull[i])
			return false;
	}
	p = TextDatumGetCString(v[0]);
	strlcpy(server, p, NAMEDATALEN);
	memset(c, 0, sizeof(*c));
	c->dbid = DatumGetObjectId(v[1]);
	c->role = DatumGetObjectId(v[2]);
	p = TextDatumGetCString(v[3]);
	if (!OidIsValid(c->dbid) || !OidIsValid(c->role) ||
		p[0] == '\0' || strlen(p) >= NAMEDATALEN)
		return false;
	strlcpy(c->purpose, p, NAMEDATALEN);
	c->last_bucket = DatumGetInt64(v[4]);
	if (c->last_bucket < PDP_QUOTA_BUCKETS || c->last_bucket > now_bucket + 1)
		return false;
	arr = DatumGetArrayTypeP(v[5]);
	if (ARR_NDIM(arr) != 1 || ARR_ELEMTYPE(arr) != INT8OID)
		return false;
	deconstruct_array(arr, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &elems, &nulls, &nelems);
	if (nelems != PDP_QUOTA_BUCKETS)
		return false;
	for (k = 0; k < PDP_QUOTA_BUCKETS; k++)
	{
		int64		b = c->last_bucket - (PDP_QUOTA_BUCKETS - 1) + k;
		int64		n;

		if (nulls[k])
			return false;
		n = DatumGetInt64(elems[k]);
		if (n < 0 || n > PDP_QUOTA_COUNT_MAX)
			return false;
		c->counts[b % PDP_QUOTA_BUCKETS] = n;
	}
	return true;
}

static void
add_into(PdpQuotaCounts *sum, PdpQuotaCounts *c)
{
	int			k;

	if (c->last_bucket > sum->last_bucket)
		pdp_quota_advance(sum, c->last_bucket);
	pdp_quota_advance(c, sum->last_bucket);
	for (k = 0; k < PDP_QUOTA_BUCKETS; k++)
		sum->counts[k] = (c->counts[k] > PDP_QUOTA_COUNT_MAX - sum->counts[k]) ?
			PDP_QUOTA_COUNT_MAX : sum->counts[k] + c->counts[k];
}

/*
 * Load the other servers' counts into shared memory (and, once after a
 * start without saved counts, seed this server's own from its rows).
 * Needs a transaction in pdp.audit_database; read-only is enough.  The
 * remote part is replaced whole: a server whose rows are gone counts zero.
 */
void
pdp_quota_load_remote(void)
{
	static int	last_bad = 0;
	static int	last_dropped = 0;
	MemoryContext cxt;
	MemoryContext old;
	AsOwner		st;
	HASHCTL		ctl;
	HTAB	   *sums;
	HASH_SEQ_STATUS seq;
	PdpQuotaCounts *s;
	PdpQuotaCounts *arr;
	PdpQuotaCounts *own = NULL;
	int			nown = 0;
	int			n = 0;
	int			bad = 0;
	int			dropped;
	bool		seed = pdp_quota_seed_pending();
	const char *me = pdp_server_name();
	int64		now_bucket = pdp_quota_bucket_now();
	uint64		i;
	int			rc;

	require_audit_database("quota counts can be loaded");
	cxt = AllocSetContextCreate(CurrentMemoryContext, "pdp quota load",
								ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(cxt);
	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = offsetof(PdpQuotaCounts, last_bucket);
	ctl.entrysize = sizeof(PdpQuotaCounts);
	ctl.hcxt = cxt;
	sums = hash_create("pdp quota sums", 256, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);

	if (!begin_as_owner(&st))
		seed = false;			/* nothing to seed from: maybe later */
	else
	{
		rc = SPI_execute("SELECT server, database, role, purpose, last_bucket, counts "
						 "FROM pdp.quota_counts", true, 0);
		if (rc != SPI_OK_SELECT)
			elog(ERROR, "pdp: reading pdp.quota_counts failed: %s", SPI_result_code_string(rc));
		if (SPI_tuptable->tupdesc->natts != 6 ||
			SPI_gettypeid(SPI_tuptable->tupdesc, 1) != TEXTOID ||
			SPI_gettypeid(SPI_tuptable->tupdesc, 2) != OIDOID ||
			SPI_gettypeid(SPI_tuptable->tupdesc, 3) != OIDOID ||
			SPI_gettypeid(SPI_tuptable->tupdesc, 4) != TEXTOID ||
			SPI_gettypeid(SPI_tuptable->tupdesc, 5) != INT8OID ||
			SPI_gettypeid(SPI_tuptable->tupdesc, 6) != INT8ARRAYOID)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("pdp.quota_counts does not have the columns pdp created"),
					 errhint("Restore the table as extension pdp defines it.")));
		/* not in SPI's memory, which SPI_finish frees */
		if (seed)
			own = MemoryContextAlloc(cxt, sizeof(PdpQuotaCounts) * Max(SPI_processed, 1));
		for (i = 0; i < SPI_processed; i++)
		{
			char		server[NAMEDATALEN];
			PdpQuotaCounts c;
			bool		found;

			if (!row_to_counts(SPI_tuptable->vals[i], SPI_tuptable->tupdesc,
							   now_bucket, server, &c))
			{
				bad++;
				continue;
			}
			if (strcmp(server, me) == 0)
			{
				if (seed)
					own[nown++] = c;
				continue;
			}
			s = hash_search(sums, &c, HASH_ENTER, &found);
			if (!found)
			{
				memset(s->counts, 0, sizeof(s->counts));
				s->last_bucket = now_bucket;
			}
			add_into(s, &c);
		}
		end_as_owner(&st);
	}

	arr = palloc(sizeof(PdpQuotaCounts) * Max(hash_get_num_entries(sums), 1));
	hash_seq_init(&seq, sums);
	while ((s = hash_seq_search(&seq)) != NULL)
		arr[n++] = *s;
	if (seed && pdp_quota_seed(own, nown) && nown > 0)
		ereport(LOG,
				(errmsg("pdp: this server's daily quota counts were seeded from pdp.quota_counts (%d role and purpose pairs)",
						nown),
				 errdetail("It started without its saved counts (a crash, pg_upgrade, or a new data directory).")));
	dropped = pdp_quota_set_remote(arr, n);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(cxt);

	if (bad > 0 && bad != last_bad)
		ereport(LOG,
				(errmsg("pdp: skipped %d damaged rows of pdp.quota_counts", bad),
				 errdetail("A row needs a server, database, role, purpose, a last_bucket up to now and 96 counts of 0 or more.")));
	/* said once per change, not every flush interval */
	if (dropped > 0 && dropped != last_dropped)
		ereport(LOG,
				(errmsg("pdp: %d role and purpose pairs of other servers could not be counted here", dropped),
				 errhint("Increase pdp.quota_max_entries.")));
	last_bad = bad;
	last_dropped = dropped;
}

/* ---------------------------------------------------------------------
 * The audit workers: the primary's writer, a standby's sender
 * ---------------------------------------------------------------------
 */

/*
 * Run step(arg) in a short transaction of its own (outside any), with a
 * 1 s lock timeout.  A failure (a lock, a standby's replay conflict) is
 * logged and rolled back; false then.
 */
static bool
in_own_transaction(void (*step) (void *), void *arg)
{
	MemoryContext old = CurrentMemoryContext;
	volatile bool ok = true;

	PG_TRY();
	{
		StartTransactionCommand();
		(void) set_config_option("lock_timeout", "1000", PGC_SUSET, PGC_S_SESSION,
								 GUC_ACTION_LOCAL, true, 0, false);
		PushActiveSnapshot(GetTransactionSnapshot());
		step(arg);
		PopActiveSnapshot();
		CommitTransactionCommand();
	}
	PG_CATCH();
	{
		HOLD_INTERRUPTS();
		MemoryContextSwitchTo(old);
		EmitErrorReport();
		AbortCurrentTransaction();
		FlushErrorState();
		RESUME_INTERRUPTS();
		ok = false;
	}
	PG_END_TRY();
	MemoryContextSwitchTo(old);
	return ok;
}

/* pdp.quota_counts in this database, else false (said once) */
static bool
counts_table_present(void)
{
	static bool warned = false;

	if (OidIsValid(pdp_extension_relid("quota_counts")))
	{
		warned = false;
		return true;
	}
	if (!warned)
		ereport(LOG,
				(errmsg("pdp: database \"%s\" has no pdp.quota_counts: daily quotas are counted per server",
						pdp_audit_database),
				 errhint("Run ALTER EXTENSION pdp UPDATE there.")));
	warned = true;
	return false;
}

typedef struct WriterStep
{
	uint64		published;		/* changes count last published */
	uint64		changes;		/* ... published by this step */
	bool		stored;
} WriterStep;

static void
writer_step(void *arg)
{
	WriterStep *w = arg;

	if (!counts_table_present())
		return;
	pdp_quota_load_remote();
	w->changes = pdp_quota_changes();
	if (w->changes != w->published)
	{
		Delivery	d;

		d.n = pdp_quota_own(&d.entries, &w->changes);
		d.exported_at = GetCurrentTimestamp();
		(void) store(pdp_server_name(), &d);
		w->stored = true;
	}
}

/*
 * The primary's writer, once per pdp.audit_flush_interval: load the
 * standbys' counts, then publish this server's own if they changed.
 */
void
pdp_quota_writer_cycle(void)
{
	static TimestampTz last_cycle = 0;
	static uint64 published = PG_UINT64_MAX;
	TimestampTz now = GetCurrentTimestamp();
	WriterStep	w = {published, 0, false};

	if (last_cycle != 0 &&
		!TimestampDifferenceExceeds(last_cycle, now, pdp_audit_flush_interval))
		return;
	last_cycle = now;
	if (in_own_transaction(writer_step, &w) && w.stored)
		published = w.changes;
}

static void
standby_step(void *arg)
{
	bool	   *loaded = arg;

	if (!counts_table_present())
		return;
	pdp_quota_load_remote();
	*loaded = true;
}

/*
 * A standby's sender: the other servers' counts, from this standby's
 * replica of pdp.quota_counts, into shared memory (a standby that lost its
 * saved counts seeds them from its own row first).  True once that has
 * worked: only then may its own counts be exported.
 */
bool
pdp_quota_standby_load(void)
{
	bool		loaded = false;

	return in_own_transaction(standby_step, &loaded) && loaded;
}

/* ---------------------------------------------------------------------
 * SQL functions
 * ---------------------------------------------------------------------
 */

/* pdp._quota_receive(server text, counts bytea): a standby's delivery */
Datum
pdp_quota_receive(PG_FUNCTION_ARGS)
{
	Oid			sender = get_role_oid(SENDER_ROLE, true);
	char	   *server;
	int			len;
	Delivery	d;

	if (!superuser() && !(OidIsValid(sender) && has_privs_of_role(GetUserId(), sender)))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("permission denied to store quota counts of another server"),
				 errhint("Only superusers and members of role \"%s\" may.", SENDER_ROLE)));
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("server and counts must not be null")));
	if (RecoveryInProgress())
		ereport(ERROR,
				(errcode(ERRCODE_READ_ONLY_SQL_TRANSACTION),
				 errmsg("quota counts can be stored only on the primary"),
				 errhint("Deliver them to the primary's database \"%s\".", pdp_audit_database)));
	require_audit_database("quota counts of other servers can be stored");

	server = text_to_cstring(PG_GETARG_TEXT_PP(0));
	len = strlen(server);
	if (len == 0 || len >= NAMEDATALEN || !pg_verifymbstr(server, len, true))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid server name \"%s\"", len < NAMEDATALEN ? server : "..."),
				 errdetail("A server name has 1 to %d bytes.", NAMEDATALEN - 1)));
	if (strcmp(server, pdp_server_name()) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("server name \"%s\" is this server's own", server),
				 errdetail("This server publishes its own counts; no other server may replace them."),
				 errhint("Give every server of the cluster its own pdp.server_name (or cluster_name).")));

	/* only from the login role registered for the server (pdp.register_standby) */
	pdp_audit_check_sender(server);
	decode(PG_GETARG_BYTEA_PP(1), &d);
	(void) store(server, &d);
	PG_RETURN_VOID();
}

/* pdp._quota_export(): this server's counts, as a standby delivers them */
Datum
pdp_quota_export_sql(PG_FUNCTION_ARGS)
{
	pdp_require_admin("export quota counts");
	PG_RETURN_BYTEA_P(pdp_quota_export());
}

/* pdp._quota_refresh(): load the other servers' counts now */
Datum
pdp_quota_refresh(PG_FUNCTION_ARGS)
{
	pdp_require_admin("load quota counts");
	pdp_quota_load_remote();
	PG_RETURN_VOID();
}
