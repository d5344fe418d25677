/*-------------------------------------------------------------------------
 * discover.c
 *	  pdp._discover_relation(): samples one table and suggests a personal
 *	  data category for its columns; tags the accepted ones when asked.
 *	  pdp.discover() and pdp.accept_suggestion() (SQL) call it.
 *
 * Discovery reads personal data, so:
 *   - only pdp_admin (or a superuser) may run it;
 *   - the sample is read as the table's owner inside a security-restricted
 *     operation (rights.c), as pdp's own subject reports are: it works on
 *     tables the caller cannot read, and nothing the owner wrote runs with
 *     more than the owner's rights;
 *   - values never leave this file: each one is looked at by the
 *     recognizers (discover_values.c) and only counts are kept;
 *   - each relation sampled is one audit event (kind "discovery", decision
 *     "sample") with the rows and columns sampled and the categories
 *     suggested, recorded at once (it survives a rollback);
 *   - the sample is cheap: TABLESAMPLE SYSTEM over about twice the rows
 *     asked for, and never more than two blocks per row asked for whatever
 *     the statistics say, so a big table costs about what a small one
 *     does; each text value is cut to its first 200 characters, fetching
 *     only the start of a toasted value;
 *   - the relation stays locked (AccessShareLock) from the first look at
 *     its columns to the tags written.
 * A column tagged because discovery suggested it gets the usual config
 * event, with detail.source "suggested by discovery", the confidence and
 * the evidence.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"
#include "discover.h"

#include "access/relation.h"
#include "access/table.h"
#include "catalog/pg_class.h"
#include "catalog/pg_inherits.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "lib/stringinfo.h"
#include "storage/bufmgr.h"
#include "storage/lmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/json.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"

PG_FUNCTION_INFO_V1(pdp_discover_relation);

#define MAX_SAMPLE_ROWS 10000
/*
 * The sample is held in memory whole (SPI): at most this many values
 * (each up to TEXT_PREFIX characters), whatever the table's width; a
 * wide table gets fewer rows, never fewer than 10.
 */
#define MAX_SAMPLE_VALUES 250000
#define TEXT_PREFIX 200
#define DISTINCT_SEEN 16

typedef struct SampledColumn
{
	AttrNumber	attnum;
	char	   *name;
	int			result_col;		/* 1-based column in the sample, 0: none */
	PdpColumnEvidence ev;
	uint32		seen[DISTINCT_SEEN];	/* hashes of distinct values */
	char	   *tag;			/* current tag, or NULL */
	PdpSuggestion sug;
	StringInfoData evidence;
} SampledColumn;

typedef struct Sample
{
	int			ncols;
	SampledColumn *cols;
	uint64		rows;			/* of the last attempt */
	/* progress, kept up to date for the audit event of a failed sample */
	bool		queried;		/* a sampling statement ran */
	uint64		read;			/* rows read by the finished attempts */
	uint64		pending;		/* rows the attempt in progress fetched */
	double		percent;		/* of the last attempt */
} Sample;

static PdpTypeClass
type_class(Oid type)
{
	Oid			base = getBaseType(type);
	char		category;
	bool		preferred;

	switch (base)
	{
		case INT2OID:
		case INT4OID:
		case INT8OID:
		case NUMERICOID:
			return PDP_TC_INTEGER;
		case DATEOID:
		case TIMESTAMPOID:
		case TIMESTAMPTZOID:
			return PDP_TC_DATE;
		case BOOLOID:
			return PDP_TC_BOOL;
		default:
			break;
	}
	get_type_category_preferred(base, &category, &preferred);
	return category == TYPCATEGORY_STRING ? PDP_TC_TEXT : PDP_TC_OTHER;
}

static void
note_distinct(SampledColumn *c, const char *v, int len)
{
	uint32		h = hash_bytes((const unsigned char *) v, len);
	int			i;
	int			n = Min(c->ev.distinct, DISTINCT_SEEN);

	for (i = 0; i < n; i++)
		if (c->seen[i] == h)
			return;
	if (c->ev.distinct < DISTINCT_SEEN)
		c->seen[c->ev.distinct] = h;
	c->ev.distinct++;
}

static void
note_year(SampledColumn *c, int y)
{
	if (c->ev.min_year == 0 || y < c->ev.min_year)
		c->ev.min_year = y;
	if (y > c->ev.max_year)
		c->ev.max_year = y;
}

static void
count_kinds(SampledColumn *c, uint32 kinds)
{
	int			k;

	for (k = 0; k < PDP_VK_COUNT; k++)
		if (kinds & (1u << k))
			c->ev.kinds[k]++;
}

/* Each sampled value, looked at and forgotten */
static void
consume_sample(SPITupleTable *tt, uint64 n, void *arg)
{
	Sample	   *s = (Sample *) arg;
	uint64		r;
	int			i;

	s->rows = n;
	s->pending = n;				/* read, even if looking at them fails */
	if (tt == NULL)
		return;
	for (r = 0; r < n; r++)
	{
		for (i = 0; i < s->ncols; i++)
		{
			SampledColumn *c = &s->cols[i];
			bool		isnull;
			Datum		d;

			if (c->result_col == 0)
				continue;
			d = SPI_getbinval(tt->vals[r], tt->tupdesc, c->result_col, &isnull);
			if (isnull)
				continue;
			c->ev.sampled++;
			if (c->ev.type_class == PDP_TC_DATE)
			{
				DateADT		date = DatumGetDateADT(d);
				int			y,
							m,
							dd;

				if (DATE_NOT_FINITE(date))
					continue;
				j2date(date + POSTGRES_EPOCH_JDATE, &y, &m, &dd);
				count_kinds(c, pdp_date_kinds(y, m, dd));
				note_year(c, y);
			}
			else
			{
				text	   *t = DatumGetTextPP(d);
				const char *v = VARDATA_ANY(t);
				int			len = VARSIZE_ANY_EXHDR(t);

				note_distinct(c, v, len);
				/* an amount with decimals is not an identifier */
				if (c->ev.type_class == PDP_TC_INTEGER && memchr(v, '.', len))
					continue;
				count_kinds(c, pdp_value_kinds(v, len, c->ev.type_class == PDP_TC_TEXT));
				if (c->ev.type_class == PDP_TC_TEXT)
				{
					int			y;

					if (pdp_text_date_year(v, len, &y))
						note_year(c, y);
				}
			}
		}
		/* free each row's detoasted copies as we go */
		CHECK_FOR_INTERRUPTS();
	}
}

/* rows in relid's storage, estimated as the planner does (no I/O) */
static double
estimated_rows(Relation rel, double *blocks)
{
	BlockNumber pages = RelationGetNumberOfBlocks(rel);
	double		density;

	*blocks += pages;
	if (rel->rd_rel->relpages > 0 && rel->rd_rel->reltuples > 0)
		density = rel->rd_rel->reltuples / rel->rd_rel->relpages;
	else
		density = 80;			/* never analyzed: a guess, corrected below */
	return density * pages;
}

/*
 * Rows and blocks (*blocks) of relid and its partitions.  The caller holds
 * a lock on relid; find_all_inheritors() locks the partitions until the
 * transaction ends, and so does every open here (a relation dropped or
 * altered between here and the sample would change what the sample reads).
 */
static double
relation_rows(Oid relid, char relkind, double *blocks)
{
	double		rows = 0;

	if (relkind == RELKIND_PARTITIONED_TABLE)
	{
		List	   *parts = find_all_inheritors(relid, AccessShareLock, NULL);
		ListCell   *lc;

		foreach(lc, parts)
		{
			Oid			part = lfirst_oid(lc);
			Relation	r;

			if (!RELKIND_HAS_STORAGE(get_rel_relkind(part)))
				continue;
			r = relation_open(part, AccessShareLock);
			rows += estimated_rows(r, blocks);
			relation_close(r, NoLock);
		}
	}
	else
	{
		Relation	r = relation_open(relid, AccessShareLock);

		rows = estimated_rows(r, blocks);
		relation_close(r, NoLock);
	}
	return rows;
}

/* the sampling statement: the columns' values as text or date */
static char *
sample_sql(Oid relid, Sample *s, bool only, double percent, int limit)
{
	StringInfoData q;
	int			i;
	int			n = 0;

	initStringInfo(&q);
	appendStringInfoString(&q, "SELECT ");
	for (i = 0; i < s->ncols; i++)
	{
		SampledColumn *c = &s->cols[i];
		const char *id = quote_identifier(c->name);

		switch (c->ev.type_class)
		{
			case PDP_TC_TEXT:
				/* left() fetches only the first chunks of a toasted value */
				appendStringInfo(&q, "%spg_catalog.left(%s::pg_catalog.text, %d)",
								 n ? ", " : "", id, TEXT_PREFIX);
				break;
			case PDP_TC_INTEGER:
				appendStringInfo(&q, "%s%s::pg_catalog.text", n ? ", " : "", id);
				break;
			case PDP_TC_DATE:
				appendStringInfo(&q, "%s%s::pg_catalog.date", n ? ", " : "", id);
				break;
			default:
				continue;
		}
		c->result_col = ++n;
	}
	if (n == 0)
		return NULL;
	appendStringInfo(&q, " FROM %s%s", only ? "ONLY " : "",
					 quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)),
												get_rel_name(relid)));
	if (percent < 100)
		appendStringInfo(&q, " TABLESAMPLE SYSTEM (%.6f)", percent);
	appendStringInfo(&q, " LIMIT %d", limit);
	return q.data;
}

static void
reset_counts(Sample *s)
{
	int			i;

	for (i = 0; i < s->ncols; i++)
	{
		PdpColumnEvidence *ev = &s->cols[i].ev;

		ev->sampled = 0;
		ev->distinct = 0;
		ev->min_year = ev->max_year = 0;
		memset(ev->kinds, 0, sizeof(ev->kinds));
	}
}

/*
 * Sample about limit rows of relid; returns the rows read in all (a
 * sample that came back short is taken again, ten times larger).  No
 * attempt reads more than SAMPLE_BLOCKS_PER_ROW * limit blocks, whatever
 * the estimates say: a table never analyzed, with stale statistics, or
 * mostly dead rows costs what a small one does, and gives a short sample.
 */
#define SAMPLE_BLOCKS_PER_ROW 2

static void
take_sample(Oid relid, char relkind, Sample *s, int limit)
{
	bool		only = relkind != RELKIND_PARTITIONED_TABLE && has_subclass(relid);
	double		blocks = 0;
	double		rows = relation_rows(relid, relkind, &blocks);
	double		pct = rows > 0 ? 100.0 * 2 * limit / rows : 100;
	double		cap = blocks > 0 ? 100.0 * SAMPLE_BLOCKS_PER_ROW * limit / blocks : 100;
	int			attempt;

	if (cap > 100)
		cap = 100;
	for (attempt = 0; attempt < 3; attempt++)
	{
		char	   *sql;

		if (pct > cap)
			pct = cap;
		sql = sample_sql(relid, s, only, pct, limit);
		if (sql == NULL)
			break;
		reset_counts(s);
		s->queried = true;
		s->percent = pct;
		s->rows = 0;
		pdp_select_as_owner(relid, sql, consume_sample, s);
		s->read += s->rows;
		s->pending = 0;
		pfree(sql);
		if (s->rows * 2 >= (uint64) limit || pct >= cap)
			break;
		pct *= 10;
	}
}

static char *
evidence_json(const char *category, double confidence, const char *evidence)
{
	StringInfoData j;

	initStringInfo(&j);
	appendStringInfoString(&j, "{\"source\": \"suggested by discovery\", \"suggested\": ");
	escape_json(&j, category);
	appendStringInfo(&j, ", \"confidence\": %.2f, \"evidence\": ", confidence);
	escape_json(&j, evidence);
	appendStringInfoChar(&j, '}');
	return j.data;
}

/*
 * The sample's event, begun before the sample: who and where are the
 * caller's as of then, and recording a failed sample (the error path)
 * needs no catalog lookup.
 */
static PdpEvent *
begin_sample_event(Oid relid)
{
	PdpEvent   *ev = pdp_event_new("discovery", "sample", NULL);

	pdp_event_set(ev, RS_COMMAND, "SELECT");
	pdp_event_set(ev, RS_RELATION, pdp_relation_name(relid));
	return ev;
}

/* completed: false on the error path (no waiting, no catalog lookups) */
static void
record_sample_event(PdpEvent *ev, Sample *s, int limit, List *suggested, bool completed)
{
	StringInfoData d;
	ListCell   *lc;
	int			i;
	int			ncols = 0;

	for (i = 0; i < s->ncols; i++)
		if (s->cols[i].result_col > 0)
		{
			pdp_event_append(ev, RS_COLUMNS, s->cols[i].name);
			ncols++;
		}
	foreach(lc, suggested)
		pdp_event_append(ev, RS_CATEGORIES, (const char *) lfirst(lc));
	pdp_event_rows(ev, (int64) (s->read + s->pending));
	initStringInfo(&d);
	appendStringInfo(&d, "{\"rows_sampled\": %llu, \"rows_requested\": %d, "
					 "\"sample_percent\": %.6f, \"columns_sampled\": %d, \"suggestions\": %d%s}",
					 (unsigned long long) (s->read + s->pending), limit, s->percent, ncols,
					 list_length(suggested), completed ? "" : ", \"completed\": false");
	pdp_event_set(ev, RS_DETAIL, d.data);
	/* a failed sample is recorded on the error path: no waiting there */
	pdp_event_record(ev, completed);
}

static bool
list_has_string(List *l, const char *s)
{
	ListCell   *lc;

	foreach(lc, l)
		if (strcmp((const char *) lfirst(lc), s) == 0)
			return true;
	return false;
}

/*
 * pdp._discover_relation(rel regclass, sample_rows integer, accept boolean,
 *                        only_column name, only_category text)
 *   RETURNS TABLE (column_name name, data_type text, category text,
 *                  confidence float8, tagged_as text, sampled bigint,
 *                  matched bigint, evidence text, tagged boolean)
 *
 * accept: tag every untagged column whose suggestion reaches
 * PDP_DISCOVER_ACCEPT.  only_column: look at that column alone; with
 * only_category, tag it with that category if discovery suggests it.
 */
Datum
pdp_discover_relation(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Oid			relid;
	int			limit;
	bool		accept;
	const char *only_col = NULL;
	const char *only_cat = NULL;
	char		relkind;
	Relation	rel;
	TupleDesc	desc;
	PdpRelInfo *info;
	Sample		s;
	MemoryContext cxt;
	PdpEvent   *volatile ev = NULL;
	volatile bool recorded = false;
	PdpRelInfo *volatile pinned = NULL;
	List	   *suggested = NIL;
	int			i;
	const char *relname;
	bool		found_col = false;
	bool		populated = true;

	pdp_require_admin("discover personal data");
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("relation, sample size and accept must not be NULL")));
	relid = PG_GETARG_OID(0);
	limit = PG_GETARG_INT32(1);
	accept = PG_GETARG_BOOL(2);
	if (!PG_ARGISNULL(3))
		only_col = NameStr(*PG_GETARG_NAME(3));
	if (!PG_ARGISNULL(4))
		only_cat = text_to_cstring(PG_GETARG_TEXT_PP(4));
	if (only_cat && !only_col)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("a category to accept needs its column"),
				 errhint("Name the column the suggestion is for.")));
	if (limit < 10 || limit > MAX_SAMPLE_ROWS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sample_rows must be between 10 and %d", MAX_SAMPLE_ROWS),
				 errhint("A thousand rows (the default) tell a pattern from chance.")));

	/*
	 * Lock first, and keep the lock: the columns listed, the statement
	 * built from their names and the tags written must be of one relation.
	 */
	LockRelationOid(relid, AccessShareLock);
	relkind = get_rel_relkind(relid);
	if (relkind == '\0')
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation with OID %u does not exist", relid)));
	pdp_require_user_relation(relid);
	if (relkind != RELKIND_RELATION && relkind != RELKIND_PARTITIONED_TABLE &&
		relkind != RELKIND_MATVIEW)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("cannot discover personal data in \"%s\"", get_rel_name(relid)),
				 errdetail("Discovery samples tables, partitioned tables and materialized views."),
				 errhint("Run it on the tables a view reads; tag the view's columns with pdp.tag_column().")));

	InitMaterializedSRF(fcinfo, 0);

	/* the columns, their types and current tags */
	rel = relation_open(relid, AccessShareLock);
	desc = RelationGetDescr(rel);
	if (RELATION_IS_OTHER_TEMP(rel))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("cannot discover personal data in temporary tables of other sessions"),
				 errdetail("Their rows are visible only to the session that made them.")));
	if (relkind == RELKIND_MATVIEW && !RelationIsPopulated(rel))
		populated = false;
	s.ncols = 0;
	s.rows = 0;
	s.queried = false;
	s.read = 0;
	s.pending = 0;
	s.percent = 100;
	s.cols = palloc0(sizeof(SampledColumn) * Max(desc->natts, 1));
	for (i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);
		SampledColumn *c;

		if (att->attisdropped)
			continue;
		if (only_col && strcmp(NameStr(att->attname), only_col) != 0)
			continue;
		found_col = true;
		c = &s.cols[s.ncols++];
		c->attnum = att->attnum;
		c->name = pstrdup(NameStr(att->attname));
		c->ev.type_class = populated ? type_class(att->atttypid) : PDP_TC_OTHER;
		c->ev.type_name = format_type_be(att->atttypid);
	}
	relation_close(rel, NoLock);
	if (only_col && !found_col)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("column \"%s\" of relation \"%s\" does not exist",
						only_col, get_rel_name(relid))));

	{
		int			nsampled = 0;

		for (i = 0; i < s.ncols; i++)
			if (s.cols[i].ev.type_class != PDP_TC_OTHER)
				nsampled++;
		if (nsampled > 0 && limit > MAX_SAMPLE_VALUES / nsampled)
			limit = Max(10, MAX_SAMPLE_VALUES / nsampled);
	}
	/*
	 * A sample that fails after it began (a timeout, a cancel, a retry's
	 * error, or an error while its values are looked at or weighed) is
	 * recorded all the same, with the rows read, once.
	 */
	ev = begin_sample_event(relid);
	cxt = CurrentMemoryContext;
	PG_TRY();
	{
		take_sample(relid, relkind, &s, limit);

		/* weigh every column first: the sample's event names what it found */
		relname = get_rel_name(relid);
		info = pinned = pdp_relinfo_pin(relid);
		for (i = 0; i < s.ncols; i++)
		{
			SampledColumn *c = &s.cols[i];
			PdpNameHint hint;
			int			t;

			for (t = 0; t < info->ntags; t++)
				if (info->tags[t].attnum == c->attnum)
					c->tag = pstrdup(info->tags[t].category);
			initStringInfo(&c->evidence);
			pdp_name_hint(relname, c->name, &hint);
			pdp_weigh_column(&hint, &c->ev, &c->sug, &c->evidence);
			if (c->sug.category && c->sug.confidence < 0.3)
				c->sug.category = NULL;
			if (c->sug.category == NULL)
			{
				resetStringInfo(&c->evidence);
				appendStringInfo(&c->evidence, "no evidence in the name or in %lld sampled values; type %s",
								 (long long) c->ev.sampled, c->ev.type_name);
			}
			else if (!list_has_string(suggested, c->sug.category))
				suggested = lappend(suggested, pstrdup(c->sug.category));
		}
		pinned = NULL;
		pdp_relinfo_unpin(info);
		if (s.queried)
		{
			/* from here the event is recorded, or deferred if a wait is cancelled */
			recorded = true;
			record_sample_event(ev, &s, limit, suggested, true);
		}
	}
	PG_CATCH();
	{
		MemoryContextSwitchTo(cxt);
		if (pinned)
			pdp_relinfo_unpin(pinned);
		if (s.queried && !recorded)
		{
			HOLD_INTERRUPTS();
			record_sample_event(ev, &s, limit, NIL, false);
			RESUME_INTERRUPTS();
		}
		PG_RE_THROW();
	}
	PG_END_TRY();

	for (i = 0; i < s.ncols; i++)
	{
		SampledColumn *c = &s.cols[i];
		const PdpSuggestion *sug = &c->sug;
		Datum		values[9];
		bool		nulls[9] = {0};
		bool		tagged = false;

		if (sug->category == NULL && c->tag == NULL && only_col == NULL)
			continue;
		if (only_cat)
		{
			if (sug->category == NULL || strcmp(sug->category, only_cat) != 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("discovery does not suggest category \"%s\" for column \"%s\"",
								only_cat, c->name),
						 errdetail("Discovery suggests %s (%s).",
								   sug->category ? sug->category : "nothing", c->evidence.data),
						 errhint("If you know better, tag the column with pdp.tag_column().")));
			if (c->tag && strcmp(c->tag, only_cat) != 0)
				ereport(ERROR,
						(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
						 errmsg("column \"%s\" is already tagged as %s", c->name, c->tag),
						 errhint("Untag it with pdp.untag_column() first if the suggestion is right.")));
			tagged = c->tag == NULL;
		}
		else
			tagged = accept && c->tag == NULL && sug->category &&
				sug->confidence >= PDP_DISCOVER_ACCEPT;
		if (tagged)
			pdp_tag_column_with(relid, c->attnum, sug->category,
								evidence_json(sug->category, sug->confidence, c->evidence.data));

		values[0] = DirectFunctionCall1(namein, CStringGetDatum(c->name));
		values[1] = CStringGetTextDatum(c->ev.type_name);
		nulls[2] = nulls[3] = sug->category == NULL;
		if (sug->category)
		{
			values[2] = CStringGetTextDatum(sug->category);
			values[3] = Float8GetDatum(sug->confidence);
		}
		nulls[4] = c->tag == NULL;
		if (c->tag)
			values[4] = CStringGetTextDatum(c->tag);
		values[5] = Int64GetDatum(c->ev.sampled);
		values[6] = Int64GetDatum(sug->matched);
		values[7] = CStringGetTextDatum(c->evidence.data);
		values[8] = BoolGetDatum(tagged);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
