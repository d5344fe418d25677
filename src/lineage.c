/*-------------------------------------------------------------------------
 * lineage.c
 *	  Copies keep their tags: tagged values written into a column must land
 *	  in a column tagged with their category, and the columns a statement
 *	  creates from tagged values inherit the category.
 *
 * Writes.  A statement that writes values computed from tagged columns
 * (INSERT ... SELECT, UPDATE ... SET col = <tagged>, MERGE, ON CONFLICT DO
 * UPDATE) into a column that is untagged, or tagged with a category none of
 * the values has, would put personal data where pdp no longer sees it.  In
 * enforce mode it is refused (42501) before any row is written, with a hint
 * that names the category to tag the target with; in log mode it is
 * recorded (reason "untagged_target" or "category_changed").  Superusers
 * are recorded as bypass.
 *
 * New columns.  CREATE TABLE AS, SELECT INTO, CREATE MATERIALIZED VIEW and
 * REFRESH MATERIALIZED VIEW fill a relation from a query: each new column
 * filled from tagged columns is tagged, when the utility statement has
 * finished, with their category (several: a sensitive one first, then by
 * name).  hooks.c captures the categories when the query starts
 * (pdp_lineage_capture) into a record that lives in the utility statement's
 * frame, and applies them after it (pdp_lineage_apply).
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"
#include "flow.h"
#include "lineage.h"
#include "statement.h"

#include "catalog/namespace.h"
#include "catalog/objectaddress.h"
#include "catalog/pg_class.h"
#include "commands/seclabel.h"
#include "miscadmin.h"
#include "parser/parsetree.h"
#include "utils/inval.h"
#include "utils/json.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

/* the statement's pinned information about relid */
static PdpRelInfo *
stmt_relinfo(PdpStatement *st, Oid relid)
{
	ListCell   *lc;
	PdpRelInfo *rel;
	MemoryContext old;

	foreach(lc, st->relinfos)
	{
		rel = lfirst(lc);
		if (rel->relid == relid)
			return rel;
	}
	rel = pdp_relinfo_pin(relid);
	old = MemoryContextSwitchTo(st->cxt);
	st->relinfos = lappend(st->relinfos, rel);
	MemoryContextSwitchTo(old);
	return rel;
}

static Oid
src_relid(PdpStatement *st, Index rti)
{
	RangeTblEntry *rte;

	if (rti < 1 || rti > list_length(st->rtable))
		return InvalidOid;
	rte = rt_fetch(rti, st->rtable);
	return rte->rtekind == RTE_RELATION ? rte->relid : InvalidOid;
}

static const PdpColumnTag *
tag_of(const PdpRelInfo *rel, AttrNumber attno)
{
	int			i;

	for (i = 0; i < rel->ntags; i++)
		if (rel->tags[i].attnum == attno)
			return &rel->tags[i];
	return NULL;
}

/* sensitive categories first, then by name */
static int
category_cmp(const ListCell *a, const ListCell *b)
{
	const char *ca = lfirst(a);
	const char *cb = lfirst(b);
	bool		sa,
				sb;

	if (!pdp_category_known(ca, &sa))
		sa = true;
	if (!pdp_category_known(cb, &sb))
		sb = true;
	if (sa != sb)
		return sa ? -1 : 1;
	return strcmp(ca, cb);
}

static List *
add_category(List *cats, const char *category)
{
	ListCell   *lc;

	foreach(lc, cats)
		if (strcmp(lfirst(lc), category) == 0)
			return cats;
	return lappend(cats, (void *) category);
}

/* one tagged column among a list of sources */
typedef struct TaggedSrc
{
	const PdpRelInfo *rel;		/* pinned by the statement */
	const PdpColumnTag *tag;
} TaggedSrc;

/*
 * The tagged columns among srcs (a whole-row source: every tagged column of
 * its relation), in the current memory context; relations the statement
 * is exempt for (pdp's own statements on them) count none.
 */
static List *
tagged_srcs(PdpStatement *st, List *srcs)
{
	List	   *result = NIL;
	ListCell   *lc;

	foreach(lc, srcs)
	{
		int			src = lfirst_int(lc);
		Oid			relid = src_relid(st, PDP_SRC_RTI(src));
		AttrNumber	attno = PDP_SRC_ATTNO(src);
		PdpRelInfo *rel;
		int			i;

		if (!OidIsValid(relid) || pdp_statement_exempt(st, relid))
			continue;
		rel = stmt_relinfo(st, relid);
		for (i = 0; i < rel->ntags; i++)
		{
			TaggedSrc  *t;

			if (attno != 0 && rel->tags[i].attnum != attno)
				continue;
			t = palloc(sizeof(TaggedSrc));
			t->rel = rel;
			t->tag = &rel->tags[i];
			result = lappend(result, t);
		}
	}
	return result;
}

/*
 * The categories of the tagged columns among srcs, sorted; the strings
 * belong to relations the statement has pinned.
 */
List *
pdp_srcs_categories(PdpStatement *st, List *srcs)
{
	List	   *cats = NIL;
	ListCell   *lc;

	foreach(lc, tagged_srcs(st, srcs))
		cats = add_category(cats, ((TaggedSrc *) lfirst(lc))->tag->category);
	if (list_length(cats) > 1)
		list_sort(cats, category_cmp);
	return cats;
}

bool
pdp_srcs_tagged(PdpStatement *st, List *srcs)
{
	return pdp_srcs_categories(st, srcs) != NIL;
}

static bool
has_category(List *cats, const char *category)
{
	ListCell   *lc;

	foreach(lc, cats)
		if (strcmp(lfirst(lc), category) == 0)
			return true;
	return false;
}

/* the sources as "relation.column" names, for the event's detail */
static char *
srcs_names(PdpStatement *st, List *srcs)
{
	StringInfoData buf;
	ListCell   *lc;
	List	   *seen = NIL;

	initStringInfo(&buf);
	appendStringInfoString(&buf, "{\"from\": [");
	foreach(lc, tagged_srcs(st, srcs))
	{
		TaggedSrc  *t = lfirst(lc);
		char	   *name = psprintf("%s.%s", t->rel->name,
									t->tag->attname ? t->tag->attname : "?");

		if (list_member(seen, makeString(name)))
			continue;
		seen = lappend(seen, makeString(name));
		if (list_length(seen) > 1)
			appendStringInfoString(&buf, ", ");
		escape_json(&buf, name);
	}
	appendStringInfoString(&buf, "]}");
	return buf.data;
}

/*
 * A value the statement reads masked must not be stored: it would replace
 * data with its mask (UPDATE ... SET email = lower(email)), or put a masked
 * copy where someone reading in full takes it for the value.  Refused
 * (blocked, masked_value) in enforce mode; a violation in log mode.
 */
static void
check_masked_write(PdpStatement *st, PdpWrite *w, Oid relid)
{
	ListCell   *lc;

	foreach(lc, tagged_srcs(st, w->srcs))
	{
		TaggedSrc  *t = lfirst(lc);
		char	   *attname;
		PdpEvent   *ev;

		if (pdp_decide_column(st, (PdpColumnTag *) t->tag, NULL) != PDP_MASKED)
			continue;
		attname = get_attname(relid, w->attno, true);
		ev = pdp_event_new("access", st->mode == PDP_MODE_ENFORCE ? "blocked" : "violation",
						   "masked_value");
		pdp_event_set(ev, RS_RELATION, t->rel->name);
		pdp_event_append(ev, RS_COLUMNS, t->tag->attname ? t->tag->attname : "?");
		pdp_event_append(ev, RS_CATEGORIES, t->tag->category);
		pdp_event_sensitive(ev, t->tag->sensitive);
		pdp_event_statement(ev, st);
		if (st->mode == PDP_MODE_ENFORCE)
		{
			pdp_event_now(ev);
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("permission denied to store the masked value of column \"%s\" of relation \"%s\" into column \"%s\"",
							t->tag->attname ? t->tag->attname : "?", t->rel->name,
							attname ? attname : "?"),
					 errdetail("Purpose \"%s\" reads category \"%s\" only masked; storing the masked value would replace or copy the data with its mask (reason: masked_value).",
							   st->purpose, t->tag->category),
					 errhint("Leave the column out of what the statement writes.")));
		}
		pdp_event_pending(ev, st, relid, false);
		return;
	}
}

/*
 * Before anything is recorded as read: refuse (enforce) or record (log) a
 * statement that would store a value it reads masked.
 */
void
pdp_check_masked_writes(PdpStatement *st, const PdpFlow *flow)
{
	ListCell   *lc;

	foreach(lc, flow->writes)
	{
		PdpWrite   *w = lfirst(lc);
		Oid			relid = src_relid(st, w->rti);

		if (!OidIsValid(relid) || pdp_statement_exempt(st, relid))
			continue;
		check_masked_write(st, w, relid);
	}
}

/*
 * Check the columns a statement writes from tagged values (flow.c).  In
 * enforce mode the first bad write records a blocked event and raises
 * ERROR; otherwise one event per bad column waits for the statement's end.
 */
void
pdp_check_writes(PdpStatement *st, const PdpFlow *flow)
{
	ListCell   *lc;

	foreach(lc, flow->writes)
	{
		PdpWrite   *w = lfirst(lc);
		Oid			relid = src_relid(st, w->rti);
		PdpRelInfo *target;
		const PdpColumnTag *tag;
		List	   *cats;
		const char *reason;
		char	   *attname;
		PdpEvent   *ev;
		ListCell   *c;
		bool		sensitive = false;

		if (!OidIsValid(relid) || pdp_statement_exempt(st, relid))
			continue;
		cats = pdp_srcs_categories(st, w->srcs);
		if (cats == NIL)
			continue;
		target = stmt_relinfo(st, relid);
		tag = tag_of(target, w->attno);
		/* every value must be of the target's category */
		if (tag != NULL && list_length(cats) == 1 && has_category(cats, tag->category))
			continue;
		/* name the categories the target does not have */
		if (tag != NULL)
		{
			List	   *missing = NIL;
			ListCell   *m;

			foreach(m, cats)
				if (strcmp(lfirst(m), tag->category) != 0)
					missing = lappend(missing, lfirst(m));
			cats = missing;
		}
		reason = tag == NULL ? "untagged_target" : "category_changed";
		attname = get_attname(relid, w->attno, true);

		ev = pdp_event_new("access",
						   st->superuser ? "bypass" :
						   st->mode == PDP_MODE_ENFORCE ? "blocked" : "violation",
						   reason);
		pdp_event_set(ev, RS_RELATION, target->name);
		pdp_event_append(ev, RS_COLUMNS, attname ? attname : "?");
		foreach(c, cats)
		{
			bool		s;

			pdp_event_append(ev, RS_CATEGORIES, lfirst(c));
			if (!pdp_category_known(lfirst(c), &s) || s)
				sensitive = true;
		}
		pdp_event_sensitive(ev, sensitive);
		pdp_event_set(ev, RS_DETAIL, srcs_names(st, w->srcs));
		pdp_event_statement(ev, st);

		if (st->mode == PDP_MODE_ENFORCE && !st->superuser)
		{
			pdp_event_now(ev);
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("permission denied to write personal data of category \"%s\" into column \"%s\" of relation \"%s\"",
							(char *) linitial(cats), attname ? attname : "?", target->name),
					 tag == NULL ?
					 errdetail("The column is not tagged: pdp would no longer see the copied values (reason: %s).",
							   reason) :
					 errdetail("The column is tagged with category \"%s\"; values of another category may not be stored in it (reason: %s).",
							   tag->category, reason),
					 errhint("Write the values into a column tagged with their category; a pdp administrator can tag this one with pdp.tag_column('%s', '%s', '%s').",
							 target->name, attname ? attname : "?", (char *) linitial(cats))));
		}
		pdp_event_pending(ev, st, relid, false);
	}
}

/* ---------------------------------------------------------------------
 * New columns of CREATE TABLE AS and materialized views
 * ---------------------------------------------------------------------
 */

/*
 * A new column would hold values of several categories, and a column has
 * one: whoever may read the category it got would read the others.  In
 * enforce mode refused before any row is written; otherwise recorded, and
 * the column takes the first (a sensitive one first, then by name).
 */
static void
mixed_categories(PdpStatement *st, int attno, List *cats)
{
	PdpEvent   *ev;
	ListCell   *c;
	bool		enforce = st->mode == PDP_MODE_ENFORCE && !st->superuser;
	StringInfoData names;

	initStringInfo(&names);
	ev = pdp_event_new("access", st->superuser ? "bypass" : enforce ? "blocked" : "violation",
					   "mixed_categories");
	foreach(c, cats)
	{
		pdp_event_append(ev, RS_CATEGORIES, lfirst(c));
		appendStringInfo(&names, "%s\"%s\"", names.len ? ", " : "", (char *) lfirst(c));
	}
	pdp_event_set(ev, RS_DETAIL, psprintf("{\"column\": %d}", attno));
	pdp_event_sensitive(ev, true);
	pdp_event_statement(ev, st);
	if (!enforce)
	{
		pdp_event_pending(ev, st, InvalidOid, false);
		return;
	}
	pdp_event_now(ev);
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("permission denied to create column %d from personal data of several categories (%s)",
					attno, names.data),
			 errdetail("A column has one category: whoever may read it would read the others (reason: mixed_categories)."),
			 errhint("Select the values of each category into a column of its own.")));
}

/* At the query's start: the category of each column it will create */
void
pdp_lineage_capture(PdpLineage *lin, PdpStatement *st, const PdpFlow *flow)
{
	ListCell   *lc;
	MemoryContext old;
	int			attno = 0;

	if (lin == NULL || lin->captured)
		return;
	lin->captured = true;
	old = MemoryContextSwitchTo(lin->cxt);
	foreach(lc, flow->outputs)
	{
		List	   *cats;

		attno++;
		MemoryContextSwitchTo(old);
		cats = pdp_srcs_categories(st, lfirst(lc));
		if (list_length(cats) > 1)
			mixed_categories(st, attno, cats);
		MemoryContextSwitchTo(lin->cxt);
		if (cats == NIL)
			continue;
		lin->attnos = lappend_int(lin->attnos, attno);
		lin->categories = lappend(lin->categories, pstrdup(linitial(cats)));
	}
	MemoryContextSwitchTo(old);
}

/*
 * After the utility statement: tag the new relation's columns.  A column
 * that already has a tag keeps it (REFRESH of a tagged materialized view).
 */
void
pdp_lineage_apply(PdpLineage *lin, Oid relid)
{
	ListCell   *a,
			   *c;
	bool		changed = false;

	if (lin == NULL || !OidIsValid(relid))
		return;
	forboth(a, lin->attnos, c, lin->categories)
	{
		ObjectAddress addr;
		char	   *old;

		ObjectAddressSubSet(addr, RelationRelationId, relid, lfirst_int(a));
		if (get_attname(relid, addr.objectSubId, true) == NULL)
			continue;
		old = GetSecurityLabel(&addr, PDP_PROVIDER);
		if (old != NULL)
			continue;
		SetSecurityLabel(&addr, PDP_PROVIDER, lfirst(c));
		pdp_record_label_event(relid, addr.objectSubId, "lineage", lfirst(c));
		changed = true;
	}
	if (changed)
		CacheInvalidateRelcacheByRelid(relid);
}
