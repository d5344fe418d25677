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
 *-------------------------------------------------------------------------
 */
#include "pdp.h"

#include "access/sysattr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
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

const char *
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

static char *
relation_display_name(Oid relid)
{
	char	   *nsp = get_namespace_name(get_rel_namespace(relid));
	char	   *rel = get_rel_name(relid);

	if (rel == NULL)
		return psprintf("%u", relid);
	return quote_qualified_identifier(nsp, rel);
}

static void
raise_violation(PdpDecision d, Oid role, const char *purpose, Oid relid,
				const PdpColumnTag *tag)
{
	char	   *relname = relation_display_name(relid);
	char	   *colname = get_attname(relid, tag->attnum, true);
	char	   *rolename = GetUserNameFromId(role, true);

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

static PdpDecision
decide_tag(PdpColumnTag *t, const char *purpose)
{
	if (t->stamp != context_stamp)
	{
		t->decision = decide(context_role, context_superuser, purpose, t->category);
		t->stamp = context_stamp;
	}
	return t->decision;
}

/* One LOG line for the columns of one relation that got decision d */
static void
log_reads(const char *what, PdpDecision d, Oid role, const char *purpose,
		  Oid relid, const char *command, StringInfo cols, StringInfo cats)
{
	ereport(LOG,
			(errmsg("pdp %s: role \"%s\" %s relation \"%s\" columns (%s) categories (%s) under purpose %s%s%s: %s",
					what, GetUserNameFromId(role, true), command,
					relation_display_name(relid), cols->data, cats->data,
					purpose ? "\"" : "", purpose ? purpose : "(none)",
					purpose ? "\"" : "", pdp_decision_name(d)),
			 errhidestmt(true)));
}

/*
 * Check the reads of one statement.  In enforce mode the first refused
 * column raises ERROR; otherwise refusals and superuser bypasses are logged
 * once per relation.
 */
void
pdp_check_reads(List *reads, const char *command)
{
	Oid			role = GetOuterUserId();
	const char *purpose = (pdp_purpose && pdp_purpose[0]) ? pdp_purpose : NULL;
	ListCell   *lc;

	refresh_context(role, purpose);

	foreach(lc, reads)
	{
		PdpRelRead *r = lfirst(lc);
		PdpColumnTag *tags;
		int			ntags;
		int			i;
		bool		whole;
		PdpDecision logged = PDP_ALLOWED;
		StringInfoData cols;
		StringInfoData cats;

		tags = pdp_relation_tags(r->relid, &ntags);
		if (ntags == 0)
			continue;
		whole = bms_is_member(0 - FirstLowInvalidHeapAttributeNumber, r->cols);

		for (i = 0; i < ntags; i++)
		{
			PdpColumnTag *t = &tags[i];
			PdpDecision d;

			if (!whole &&
				!bms_is_member(t->attnum - FirstLowInvalidHeapAttributeNumber, r->cols))
				continue;
			d = decide_tag(t, purpose);
			if (d == PDP_ALLOWED)
				continue;
			if (d != PDP_BYPASS && pdp_mode == PDP_MODE_ENFORCE)
				raise_violation(d, role, purpose, r->relid, t);

			/* one line per relation: the first reason found, its columns */
			if (logged == PDP_ALLOWED)
			{
				logged = d;
				initStringInfo(&cols);
				initStringInfo(&cats);
			}
			else if (d != logged)
				continue;
			appendStringInfo(&cols, "%s%s", cols.len ? ", " : "",
							 quote_identifier(get_attname(r->relid, t->attnum, true)));
			appendStringInfo(&cats, "%s%s", cats.len ? ", " : "", t->category);
		}
		if (logged != PDP_ALLOWED)
			log_reads(logged == PDP_BYPASS ? "bypass" : "violation", logged,
					  role, purpose, r->relid, command, &cols, &cats);
	}
}
