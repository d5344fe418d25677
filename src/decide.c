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
 * superuser -> bypass; no P -> no_purpose; P undefined -> unknown_purpose;
 * R may not act under P -> purpose_not_granted; K not allowed for P ->
 * category_not_allowed; otherwise allowed.
 *
 * Every statement that reads tagged columns leaves one audit event per
 * relation: allowed (unless pdp.log_allowed is off), violation (log mode),
 * blocked (enforce mode; recorded before the ERROR) or bypass (superuser).
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"

#include "access/sysattr.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "executor/execdesc.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

static const char *const decision_names[] = {
	[PDP_ALLOWED] = "allowed",
	[PDP_BYPASS] = "bypass",
	[PDP_NO_PURPOSE] = "no_purpose",
	[PDP_UNKNOWN_PURPOSE] = "unknown_purpose",
	[PDP_PURPOSE_NOT_GRANTED] = "purpose_not_granted",
	[PDP_CATEGORY_NOT_ALLOWED] = "category_not_allowed",
};

static const char *
pdp_decision_name(PdpDecision d)
{
	return decision_names[d];
}

static PdpDecision
decide(Oid role, bool superuser, const char *purpose, const char *category)
{
	if (superuser)
		return PDP_BYPASS;
	if (purpose == NULL)
		return PDP_NO_PURPOSE;
	if (!pdp_purpose_known(purpose))
		return PDP_UNKNOWN_PURPOSE;
	if (!pdp_purpose_granted(purpose, role))
		return PDP_PURPOSE_NOT_GRANTED;
	if (!pdp_category_allowed(purpose, category))
		return PDP_CATEGORY_NOT_ALLOWED;
	return PDP_ALLOWED;
}

static void
raise_violation(PdpDecision d, Oid role, const char *purpose, Oid relid,
				const PdpColumnTag *tag)
{
	const char *relname = pdp_relation_name(relid);
	char	   *colname = get_attname(relid, tag->attnum, true);
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
static char context_purpose[NAMEDATALEN] = "";
static bool context_has_purpose = false;

static void
refresh_context(Oid role, const char *purpose)
{
	uint64		gen = pdp_config_generation();
	bool		has = (purpose != NULL);
	bool		memo_ok = !has || strlen(purpose) < NAMEDATALEN;

	if (memo_ok && gen == context_gen && role == context_role &&
		has == context_has_purpose &&
		(!has || strcmp(purpose, context_purpose) == 0))
		return;

	context_stamp++;
	context_gen = gen;
	context_role = role;
	context_superuser = superuser_arg(role);
	context_has_purpose = has;
	/* a purpose too long to be defined: next statement decides afresh */
	strlcpy(context_purpose, memo_ok && has ? purpose : "", NAMEDATALEN);
}

/* the purpose's limits for the role, memoised like the decisions */
static uint64 limits_stamp = 0;
static bool limits_found = false;
static int64 limits_rows = -1;
static int64 limits_day = -1;

static bool
context_limits(const char *purpose, Oid role, int64 *max_rows, int64 *max_day)
{
	if (limits_stamp != context_stamp)
	{
		limits_found = pdp_purpose_limits(purpose, role, &limits_rows, &limits_day) &&
			(limits_rows >= 0 || limits_day >= 0);
		limits_stamp = context_stamp;
	}
	*max_rows = limits_rows;
	*max_day = limits_day;
	return limits_found;
}

static PdpDecision
decide_tag(PdpColumnTag *t, const char *purpose)
{
	if (t->stamp != context_stamp)
	{
		t->decision = decide(context_role, context_superuser, purpose, t->category);
		if (!pdp_category_known(t->category, &t->sensitive))
			t->sensitive = true;
		t->stamp = context_stamp;
	}
	return t->decision;
}

/* What one statement does to one relation */
typedef struct RelDecision
{
	Oid			relid;
	PdpColumnTag *tags;
	int			ntags;
	bool		whole;
	Bitmapset  *cols;
	int			nread;			/* tagged columns read */
	PdpDecision decision;		/* violation if any, else bypass or allowed */
	PdpColumnTag *first_bad;
	bool		sensitive;
} RelDecision;

static inline bool
is_read(RelDecision *rd, PdpColumnTag *t)
{
	return rd->whole ||
		bms_is_member(t->attnum - FirstLowInvalidHeapAttributeNumber, rd->cols);
}

static PdpEvent *
access_event(RelDecision *rd, const char *decision, const char *reason,
			 struct QueryDesc *qd, const char *command, const char *query)
{
	PdpEvent   *ev = pdp_event_new("access", decision, reason);
	int			i;

	pdp_event_set(ev, RS_RELATION, pdp_relation_name(rd->relid));
	for (i = 0; i < rd->ntags; i++)
	{
		PdpColumnTag *t = &rd->tags[i];

		if (!is_read(rd, t))
			continue;
		pdp_event_append(ev, RS_COLUMNS, t->attname ? t->attname : "?");
		pdp_event_append(ev, RS_CATEGORIES, t->category);
	}
	pdp_event_sensitive(ev, rd->sensitive);
	pdp_event_statement(ev, qd, query, command);
	return ev;
}

/*
 * Check the reads of one statement and make its audit events.  In enforce
 * mode a refused read records a blocked event and raises ERROR; otherwise
 * one event per relation is left pending until the statement ends (true is
 * returned, so the caller can have rows counted).  The purpose's limits, if
 * any, are returned in *limit for the row guard.
 */
bool
pdp_check_reads(List *reads, struct QueryDesc *qd, const char *command,
				const char *query, PdpLimitSpec *limit)
{
	Oid			role = GetOuterUserId();
	const char *purpose = (pdp_purpose && pdp_purpose[0]) ? pdp_purpose : NULL;
	RelDecision local[8];
	RelDecision *rds = local;
	int			nrds = 0;
	ListCell   *lc;
	int			i;
	bool		pending = false;

	refresh_context(role, purpose);
	if (list_length(reads) > lengthof(local))
		rds = palloc(sizeof(RelDecision) * list_length(reads));

	foreach(lc, reads)
	{
		PdpRelRead *r = lfirst(lc);
		RelDecision *rd = &rds[nrds];

		rd->tags = pdp_relation_tags(r->relid, &rd->ntags);
		if (rd->ntags == 0)
			continue;
		rd->relid = r->relid;
		rd->cols = r->cols;
		rd->whole = bms_is_member(0 - FirstLowInvalidHeapAttributeNumber, r->cols);
		rd->nread = 0;
		rd->decision = PDP_ALLOWED;
		rd->first_bad = NULL;
		rd->sensitive = false;
		for (i = 0; i < rd->ntags; i++)
		{
			PdpColumnTag *t = &rd->tags[i];
			PdpDecision d;

			if (!is_read(rd, t))
				continue;
			rd->nread++;
			d = decide_tag(t, purpose);
			rd->sensitive |= t->sensitive;
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
	if (pdp_mode == PDP_MODE_ENFORCE)
	{
		for (i = 0; i < nrds; i++)
		{
			RelDecision *rd = &rds[i];

			if (rd->first_bad == NULL)
				continue;
			pdp_event_now(access_event(rd, "blocked", pdp_decision_name(rd->decision),
									   qd, command, query));
			raise_violation(rd->decision, role, purpose, rd->relid, rd->first_bad);
		}
	}

	/* limits of the purpose, for the row guard (limits.c) */
	limit->max_rows = limit->max_day = -1;
	if (nrds > 0 && purpose != NULL &&
		context_limits(purpose, role, &limit->max_rows, &limit->max_day))
	{
		limit->enforce = (pdp_mode == PDP_MODE_ENFORCE && !context_superuser);
		limit->role = role;
		limit->purpose = (char *) purpose;
		limit->relation = (char *) pdp_relation_name(rds[0].relid);
		limit->command = command;
		limit->query = (char *) query;	/* the guard keeps a clipped copy */
		limit->sensitive = false;
		for (i = 0; i < nrds; i++)
			limit->sensitive |= rds[i].sensitive;
	}

	for (i = 0; i < nrds; i++)
	{
		RelDecision *rd = &rds[i];
		PdpEvent   *ev;

		if (rd->first_bad != NULL)
			ev = access_event(rd, "violation", pdp_decision_name(rd->decision),
							  qd, command, query);
		else if (rd->decision == PDP_BYPASS)
			ev = access_event(rd, "bypass", "superuser", qd, command, query);
		else if (pdp_log_allowed)
			ev = access_event(rd, "allowed", NULL, qd, command, query);
		else
			continue;
		pdp_event_pending(ev, qd, rd->relid);
		pending = true;
	}
	return pending;
}
