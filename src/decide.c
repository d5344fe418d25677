/*-------------------------------------------------------------------------
 * decide.c
 *	  Decide each read of a tagged column, then refuse or record it.
 *
 * The role that counts is the outer user: the login role, or the role the
 * client chose with SET ROLE.  Neither a view's owner nor the owner of a
 * SECURITY DEFINER function counts, so wrapping a read in an object owned
 * by a privileged role is no way around the policy.
 *
 * Order of the checks for a read of category K by role R under purpose P:
 * superuser or backup read -> bypass; no P -> no_purpose; P undefined ->
 * unknown_purpose; R may not act under P -> purpose_not_granted; K not
 * allowed for P -> category_not_allowed; otherwise allowed.
 *
 * Every statement that reads tagged columns leaves one audit event per
 * relation: allowed (unless pdp.log_allowed is off; under summary, counted
 * into its summary when it ends, audit_summary.c), violation (log mode),
 * blocked (enforce mode; recorded before the ERROR) or bypass (superuser,
 * or reason "backup": a backup read by a member of pdp_backup, backup.c).
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"
#include "flow.h"
#include "lineage.h"
#include "statement.h"

#include "access/sysattr.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "executor/execdesc.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"

static const char *const decision_names[] = {
	[PDP_ALLOWED] = "allowed",
	[PDP_BYPASS] = "bypass",
	[PDP_NO_PURPOSE] = "no_purpose",
	[PDP_UNKNOWN_PURPOSE] = "unknown_purpose",
	[PDP_PURPOSE_NOT_GRANTED] = "purpose_not_granted",
	[PDP_CATEGORY_NOT_ALLOWED] = "category_not_allowed",
	[PDP_MASKED] = "masked",
	[PDP_MASKED_ONLY] = "masked_only",
};

static const char *
pdp_decision_name(PdpDecision d)
{
	return decision_names[d];
}

static PdpDecision
decide(Oid role, bool superuser, const char *purpose, const char *category,
	   PdpMaskKind *mask)
{
	*mask = PDP_MASK_NONE;
	if (superuser)
		return PDP_BYPASS;
	if (purpose == NULL)
		return PDP_NO_PURPOSE;
	if (!pdp_purpose_known(purpose))
		return PDP_UNKNOWN_PURPOSE;
	if (!pdp_purpose_granted(purpose, role))
		return PDP_PURPOSE_NOT_GRANTED;
	if (!pdp_category_access(purpose, category, mask, NULL, 0))
		return PDP_CATEGORY_NOT_ALLOWED;
	return *mask == PDP_MASK_NONE ? PDP_ALLOWED : PDP_MASKED;
}

/* ERROR for a refused read; rel is pinned by the statement */
static void
raise_violation(PdpDecision d, Oid role, const char *purpose,
				const PdpRelInfo *rel, const PdpColumnTag *tag)
{
	const char *relname = rel->name;
	const char *colname = tag->attname ? tag->attname : "?";
	char	   *rolename = GetUserNameFromId(role, true);

	/* no defined purpose is longer: do not echo megabytes back */
	if (purpose && strlen(purpose) >= NAMEDATALEN)
		purpose = psprintf("%s...", pnstrdup(purpose, pg_mbcliplen(purpose, strlen(purpose),
																	 NAMEDATALEN - 1)));

	if (d == PDP_NO_PURPOSE)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("permission denied to read column \"%s\" of relation \"%s\" (category \"%s\"): no purpose declared",
						colname, relname, tag->category),
				 errdetail("pdp refuses reads of personal data (reason: %s) when the session has not declared the purpose of its work.",
						   pdp_decision_name(d)),
				 errhint("Declare the purpose first, for example SET pdp.purpose = 'billing'; "
						 "pdp.purpose_grants lists the purposes your role may act under.")));

	if (d == PDP_MASKED_ONLY)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("permission denied to read column \"%s\" of relation \"%s\" (category \"%s\") unmasked under purpose \"%s\"",
						colname, relname, tag->category, purpose),
				 errdetail("Purpose \"%s\" may read category \"%s\" only masked, and this statement uses the stored values where no mask can stand in for them: a trigger, constraint, index expression or ON CONFLICT of the table, a utility command, or a plan made before the purpose or its masks changed (reason: %s).",
						   purpose, tag->category, pdp_decision_name(d)),
				 errhint("Run the statement again (a plan made for another purpose is made anew); if it still fails, leave the column out, or ask a pdp administrator to run pdp.allow('%s', '%s') if this purpose needs the full value.",
						 purpose, tag->category)));

	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("permission denied to read column \"%s\" of relation \"%s\" (category \"%s\") under purpose \"%s\"",
					colname, relname, tag->category, purpose),
			 d == PDP_UNKNOWN_PURPOSE ?
			 errdetail("Purpose \"%s\" is not defined (reason: %s).",
					   purpose, pdp_decision_name(d)) :
			 d == PDP_PURPOSE_NOT_GRANTED ?
			 errdetail("Role \"%s\" may not act under purpose \"%s\" (reason: %s).",
					   rolename, purpose, pdp_decision_name(d)) :
			 errdetail("Purpose \"%s\" is not allowed to read category \"%s\" (reason: %s).",
					   purpose, tag->category, pdp_decision_name(d)),
			 d == PDP_UNKNOWN_PURPOSE ?
			 errhint("Set pdp.purpose to a purpose listed in pdp.purpose, or ask a pdp administrator to define it with pdp.define_purpose().") :
			 d == PDP_PURPOSE_NOT_GRANTED ?
			 errhint("Ask a pdp administrator to run pdp.grant_purpose('%s', '%s') if your work needs it.",
					 rolename, purpose) :
			 errhint("Ask a pdp administrator to run pdp.allow('%s', '%s') if this purpose needs this data, or leave the column out of the statement.",
					 purpose, tag->category)));
}


/*
 * Decisions are memoised on each cached tag, under a stamp that names the
 * decision context: who asks, under which purpose, against which
 * configuration.  When any of these changes, the stamp changes and every
 * memo is stale.  Purposes too long to be defined are never memoised.
 */
static uint64 context_stamp = 1;
static uint64 context_gen = 0;
static Oid	context_role = InvalidOid;
static bool context_superuser = false;
static bool context_backup = false;
static char context_purpose[NAMEDATALEN] = "";
static bool context_has_purpose = false;

static void
refresh_context(const PdpStatement *st)
{
	uint64		gen = pdp_config_generation();
	bool		has = (st->purpose != NULL);
	bool		memo_ok = !has || strlen(st->purpose) < NAMEDATALEN;

	if (memo_ok && gen == context_gen && st->role == context_role &&
		st->superuser == context_superuser && st->backup == context_backup &&
		has == context_has_purpose &&
		(!has || strcmp(st->purpose, context_purpose) == 0))
		return;

	context_stamp++;
	context_gen = gen;
	context_role = st->role;
	context_superuser = st->superuser;
	context_backup = st->backup;
	context_has_purpose = has;
	/* a purpose too long to be defined: the next statement decides afresh */
	strlcpy(context_purpose, memo_ok && has ? st->purpose : "", NAMEDATALEN);
}

/* the purpose's limits for the role, memoised like the decisions */
static uint64 limits_stamp = 0;
static bool limits_found = false;
static int64 limits_rows = -1;
static int64 limits_day = -1;

static bool
context_limits(const PdpStatement *st, int64 *max_rows, int64 *max_day)
{
	if (limits_stamp != context_stamp)
	{
		limits_found = pdp_purpose_limits(st->purpose, st->role, &limits_rows, &limits_day) &&
			(limits_rows >= 0 || limits_day >= 0);
		limits_stamp = context_stamp;
	}
	*max_rows = limits_rows;
	*max_day = limits_day;
	return limits_found;
}

/* t belongs to a relation the statement has pinned */
static PdpDecision
decide_tag(PdpColumnTag *t, const PdpStatement *st)
{
	if (t->stamp != context_stamp)
	{
		/* a backup read (backup.c) reads every column, as a superuser does */
		PdpMaskKind mask;
		PdpDecision d = decide(st->role, st->superuser || st->backup,
							   st->purpose, t->category, &mask);
		bool		sensitive;

		if (!pdp_category_known(t->category, &sensitive))
			sensitive = true;
		t->decision = d;
		t->mask = mask;
		t->sensitive = sensitive;
		t->stamp = context_stamp;
	}
	return t->decision;
}

/*
 * The decision for one tagged column of a relation the caller holds, for
 * statement st (details.c: which values error details withhold; mask_exec.c:
 * which mask, *mask, if mask is not NULL).
 */
PdpDecision
pdp_decide_column(const PdpStatement *st, PdpColumnTag *t, PdpMaskKind *mask)
{
	PdpDecision d;

	refresh_context(st);
	d = decide_tag(t, st);
	if (mask)
		*mask = t->mask;
	return d;
}

const char *
pdp_decision_label(PdpDecision d)
{
	return pdp_decision_name(d);
}

/* What one statement does to one relation */
typedef struct RelDecision
{
	PdpRelInfo *rel;			/* pinned by the statement */
	bool		whole;
	Bitmapset  *cols;
	int			nread;			/* tagged columns read */
	PdpDecision decision;		/* violation if any, else bypass or allowed */
	PdpColumnTag *first_bad;
	bool		sensitive;
	bool		masked;			/* a column read is served masked */
	Bitmapset  *wrapped;		/* PdpRelRead's */
	Bitmapset  *evaluated;
} RelDecision;

static inline bool
is_read(RelDecision *rd, PdpColumnTag *t)
{
	return rd->whole ||
		bms_is_member(t->attnum - FirstLowInvalidHeapAttributeNumber, rd->cols);
}

/*
 * The statement reads t, masked or not: what pdp._mask() serves for it is
 * fixed now, whatever the configuration says when its first row is read
 */
static void
remember_mask(PdpStatement *st, Oid relid, PdpColumnTag *t, bool masked)
{
	PdpStatementMask *m = MemoryContextAllocZero(st->cxt, sizeof(PdpStatementMask));
	MemoryContext old;

	m->relid = relid;
	m->attnum = t->attnum;
	m->attname = t->attname ? MemoryContextStrdup(st->cxt, t->attname) : NULL;
	m->kind = masked ? t->mask : PDP_MASK_NONE;
	if (m->kind == PDP_MASK_CUSTOM)
	{
		char		signature[512];

		pdp_category_access(st->purpose, t->category, NULL, signature, sizeof(signature));
		m->function = MemoryContextStrdup(st->cxt, signature);
	}
	old = MemoryContextSwitchTo(st->cxt);
	st->masks = lappend(st->masks, m);
	MemoryContextSwitchTo(old);
}

/*
 * A relation filled from a query (CREATE TABLE AS [EXECUTE], SELECT INTO,
 * CREATE or REFRESH MATERIALIZED VIEW; hooks.c tells) would store masked
 * values as data.  Refused in enforce mode (masked_value); a violation in
 * log mode.  After pdp_decide().
 */
void
pdp_refuse_masked_fill(PdpStatement *st)
{
	ListCell   *lc;
	PdpStatementMask *masked = NULL;
	PdpEvent   *ev;
	char	   *relname;

	foreach(lc, st->masks)
		if (((PdpStatementMask *) lfirst(lc))->kind != PDP_MASK_NONE)
			masked = lfirst(lc);
	if (masked == NULL)
		return;
	relname = pdp_relation_name(masked->relid);
	ev = pdp_event_new("access", st->mode == PDP_MODE_ENFORCE ? "blocked" : "violation",
					   "masked_value");
	pdp_event_set(ev, RS_RELATION, relname);
	pdp_event_append(ev, RS_COLUMNS, masked->attname ? masked->attname : "?");
	pdp_event_statement(ev, st);
	if (st->mode != PDP_MODE_ENFORCE)
	{
		pdp_event_pending(ev, st, masked->relid, false);
		return;
	}
	pdp_event_now(ev);
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("permission denied to store masked values of relation \"%s\" in a new relation",
					relname),
			 errdetail("Purpose \"%s\" reads some of its columns only masked; a table or materialized view filled with them would hold masks as data (reason: masked_value).",
					   st->purpose),
			 errhint("Leave the masked columns out, or export the masked values with COPY (query) TO.")));
}

/* the decision of tag t in rd, as pdp_decide() made it */
static PdpDecision rel_tag_decision(RelDecision *rd, PdpColumnTag *t);

/* {"masked": {"column": "mask", ...}}: what a masked read was served through */
static char *
masked_detail(RelDecision *rd)
{
	StringInfoData d;
	int			i;
	bool		first = true;

	initStringInfo(&d);
	appendStringInfoString(&d, "{\"masked\": {");
	for (i = 0; i < rd->rel->ntags; i++)
	{
		PdpColumnTag *t = &rd->rel->tags[i];

		if (!is_read(rd, t) || rel_tag_decision(rd, t) != PDP_MASKED)
			continue;
		if (!first)
			appendStringInfoString(&d, ", ");
		first = false;
		escape_json(&d, t->attname ? t->attname : "?");
		appendStringInfoString(&d, ": ");
		escape_json(&d, pdp_mask_name(t->mask));
	}
	appendStringInfoString(&d, "}}");
	return d.data;
}

static PdpDecision
rel_tag_decision(RelDecision *rd, PdpColumnTag *t)
{
	int			off = t->attnum - FirstLowInvalidHeapAttributeNumber;

	if (t->decision == PDP_MASKED &&
		(rd->whole || !bms_is_member(off, rd->wrapped) ||
		 bms_is_member(off, rd->evaluated) ||
		 bms_is_member(0 - FirstLowInvalidHeapAttributeNumber, rd->evaluated)))
		return PDP_MASKED_ONLY;
	return t->decision;
}

static PdpEvent *
access_event(RelDecision *rd, const char *decision, const char *reason,
			 const PdpStatement *st)
{
	PdpEvent   *ev = pdp_event_new("access", decision, reason);
	int			i;

	pdp_event_set(ev, RS_RELATION, rd->rel->name);
	for (i = 0; i < rd->rel->ntags; i++)
	{
		PdpColumnTag *t = &rd->rel->tags[i];

		if (!is_read(rd, t))
			continue;
		pdp_event_append(ev, RS_COLUMNS, t->attname ? t->attname : "?");
		pdp_event_append(ev, RS_CATEGORIES, t->category);
	}
	pdp_event_sensitive(ev, rd->sensitive);
	pdp_event_statement(ev, st);
	if (rd->masked)
		pdp_event_set(ev, RS_DETAIL, masked_detail(rd));
	return ev;
}

/*
 * The allowed event of one relation read by a plan, as built at the plan's
 * last execution, in the plan's memory (PdpPlanCache): at a later execution
 * in the same decision context - same stamp (role, purpose, configuration),
 * same tags (the relation info's version), same session and effective
 * user, command, query text and application name - the event is the same
 * but for its time, and is copied instead of built.  Building it anew
 * replaces it: a statement only ever holds its own copy.
 */
typedef struct PlanEvent
{
	struct PlanEvent *next;
	Oid			relid;
	uint64		rel_version;
	uint64		stamp;
	Oid			session_user;
	Oid			effective_user;
	const char *command;		/* a constant string */
	char	   *query;			/* as clipped for the event */
	char	   *app;			/* application_name */
	char	   *rec;			/* the sealed event */
	Size		len;
	uint32		key_hash;		/* its summary key's */
	bool		masked;			/* decision masked, not allowed */
} PlanEvent;

static inline const char *
app_name(void)
{
	return (application_name && application_name[0]) ? application_name : "";
}

static void
allowed_event(RelDecision *rd, PdpStatement *st, PdpPlanCache *cache, bool summarize)
{
	PlanEvent  *pe;
	PdpRecord  *rec;
	const char *decision = rd->masked ? "masked" : "allowed";

	if (cache == NULL)
	{
		pdp_event_pending(access_event(rd, decision, NULL, st), st, rd->rel->relid, summarize);
		return;
	}
	for (pe = cache->events; pe != NULL; pe = pe->next)
		if (pe->relid == rd->rel->relid)
			break;
	if (pe == NULL || pe->rel_version != rd->rel->version || pe->stamp != context_stamp ||
		pe->session_user != GetSessionUserId() || pe->effective_user != GetUserId() ||
		pe->command != st->command || strcmp(pe->query, st->query ? st->query : "") != 0 ||
		strcmp(pe->app, app_name()) != 0 || pe->masked != rd->masked)
	{
		PdpEvent   *ev = access_event(rd, decision, NULL, st);
		Size		len;
		char	   *sealed = pdp_event_seal(ev, cache->cxt, &len);
		char	   *query = MemoryContextStrdup(cache->cxt, st->query ? st->query : "");
		char	   *app = MemoryContextStrdup(cache->cxt, app_name());

		pdp_event_free(ev);
		if (pe == NULL)
		{
			pe = MemoryContextAllocZero(cache->cxt, sizeof(PlanEvent));
			pe->relid = rd->rel->relid;
			pe->next = cache->events;
			cache->events = pe;
		}
		else
		{
			pfree(pe->rec);
			pfree(pe->query);
			pfree(pe->app);
		}
		pe->rec = sealed;
		pe->len = len;
		pe->query = query;
		pe->app = app;
		pe->rel_version = rd->rel->version;
		pe->stamp = context_stamp;
		pe->session_user = GetSessionUserId();
		pe->effective_user = GetUserId();
		pe->command = st->command;
		pe->masked = rd->masked;
		pe->key_hash = pdp_summary_key_hash((PdpRecord *) sealed, len);
	}
	/* the copy is the statement's: only its time is new */
	rec = (PdpRecord *) pe->rec;
	rec->event_time = GetCurrentTimestamp();
	pdp_event_pending_sealed(pe->rec, pe->len, st, rd->rel->relid, summarize, pe->key_hash);
}

/*
 * Check the reads of one statement and make its audit events; reads is
 * the plan's PdpRelRead list (qd NULL: a utility statement's reads,
 * ddl.c, which have no row guard).  In enforce mode a refused read records a
 * blocked event and raises ERROR; otherwise one event per relation waits
 * in the statement until it ends.  The purpose's limits, if any, install
 * the statement's row guard.
 */
void
pdp_decide(PdpStatement *st, List *reads, const PdpFlow *flow, QueryDesc *qd,
		   PdpPlanCache *cache)
{
	RelDecision local[8];
	RelDecision *rds = local;
	int			nrds = 0;
	ListCell   *lc;
	int			i;
	PdpLimitSpec limit;

	refresh_context(st);
	if (list_length(reads) > lengthof(local))
		rds = MemoryContextAlloc(st->cxt, sizeof(RelDecision) * list_length(reads));

	foreach(lc, reads)
	{
		PdpRelRead *r = lfirst(lc);
		RelDecision *rd = &rds[nrds];
		PdpRelInfo *rel;
		MemoryContext old;

		if (pdp_statement_exempt(st, r->relid))
			continue;
		/* pinned for the statement: nothing below can free it */
		rel = pdp_relinfo_pin(r->relid);
		old = MemoryContextSwitchTo(st->cxt);
		st->relinfos = lappend(st->relinfos, rel);
		MemoryContextSwitchTo(old);
		if (rel->ntags == 0)
			continue;
		rd->rel = rel;
		rd->cols = r->cols;
		rd->whole = bms_is_member(0 - FirstLowInvalidHeapAttributeNumber, r->cols);
		rd->nread = 0;
		rd->decision = PDP_ALLOWED;
		rd->first_bad = NULL;
		rd->sensitive = false;
		rd->masked = false;
		rd->wrapped = r->wrapped;
		rd->evaluated = r->evaluated;
		for (i = 0; i < rel->ntags; i++)
		{
			PdpColumnTag *t = &rel->tags[i];
			PdpDecision d;

			/*
			 * a column the executor only evaluates over stored rows (built-in
			 * code: constraints, indexes, a superuser's trigger) is no read,
			 * unless the purpose reads it masked: then nothing can stand in
			 */
			if (!is_read(rd, t) &&
				!((bms_is_member(t->attnum - FirstLowInvalidHeapAttributeNumber, rd->evaluated) ||
				   bms_is_member(0 - FirstLowInvalidHeapAttributeNumber, rd->evaluated)) &&
				  decide_tag(t, st) == PDP_MASKED))
				continue;
			rd->nread++;
			decide_tag(t, st);
			d = rel_tag_decision(rd, t);
			rd->sensitive |= t->sensitive;
			if (d == PDP_MASKED)
				rd->masked = true;
			/* what pdp._mask() serves for it: the decision of the start */
			if (qd != NULL)
				remember_mask(st, rel->relid, t, d == PDP_MASKED);
			/* a plan made before the purpose changed: the next one is made anew */
			if (d == PDP_MASKED_ONLY && qd != NULL)
				pdp_mask_context_changed();
			if (d >= PDP_NO_PURPOSE && rd->first_bad == NULL)
			{
				rd->first_bad = t;
				rd->decision = d;
			}
			else if (d == PDP_BYPASS && rd->first_bad == NULL)
				rd->decision = PDP_BYPASS;
		}
		if (rd->nread > 0)
			nrds++;
	}

	/* enforce: the first refused relation stops the statement, on record */
	if (st->mode == PDP_MODE_ENFORCE)
	{
		for (i = 0; i < nrds; i++)
		{
			RelDecision *rd = &rds[i];

			if (rd->first_bad == NULL)
				continue;
			pdp_event_now(access_event(rd, "blocked", pdp_decision_name(rd->decision), st));
			raise_violation(rd->decision, st->role, st->purpose, rd->rel, rd->first_bad);
		}
	}

	/* a value read masked is never stored (lineage.c), nor recorded as read */
	if (nrds > 0 && flow != NULL)
		pdp_check_masked_writes(st, flow);

	for (i = 0; i < nrds; i++)
	{
		RelDecision *rd = &rds[i];
		PdpEvent   *ev;
		bool		summarize = false;

		if (rd->first_bad != NULL)
			ev = access_event(rd, "violation", pdp_decision_name(rd->decision), st);
		else if (rd->decision == PDP_BYPASS)
			ev = access_event(rd, "bypass", st->backup ? "backup" : "superuser", st);
		else if (pdp_log_allowed != PDP_LOG_OFF)
		{
			/*
			 * counted in a summary unless it turns out a bulk read
			 * (audit_event.c); a masked read is an allowed one, served masked
			 */
			summarize = qd != NULL && pdp_log_allowed == PDP_LOG_SUMMARY &&
				(!rd->sensitive || pdp_log_sensitive == PDP_LOG_SUMMARY);
			allowed_event(rd, st, cache, summarize);
			continue;
		}
		else
			continue;
		pdp_event_pending(ev, st, rd->rel->relid, summarize);
	}

	/* tagged values written where pdp no longer sees them (lineage.c) */
	if (nrds > 0 && flow != NULL)
		pdp_check_writes(st, flow);

	/*
	 * Limits of the purpose: the row guard (limits.c) counts the rows of
	 * the sinks that carry tagged values onward (flow.h); a utility has none.
	 */
	if (qd != NULL && nrds > 0 && flow != NULL && st->purpose != NULL &&
		!st->backup && context_limits(st, &limit.max_rows, &limit.max_day))
	{
		List	   *nodes = NIL;

		limit.enforce = (st->mode == PDP_MODE_ENFORCE && !st->superuser);
		limit.relation = rds[0].rel->name;
		limit.sensitive = false;
		for (i = 0; i < nrds; i++)
			limit.sensitive |= rds[i].sensitive;
		if (pdp_srcs_tagged(st, flow->uncounted))
			pdp_guard_uncountable(st, &limit);
		foreach(lc, flow->sinks)
		{
			PdpSink    *sink = lfirst(lc);

			if (pdp_srcs_tagged(st, sink->srcs))
				nodes = lappend_int(nodes, sink->plan_node_id);
		}
		if (nodes == NIL)
			return;
		pdp_guard_install(st, qd, &limit, nodes);
	}
}
