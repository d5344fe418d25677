/*-------------------------------------------------------------------------
 * label.c
 *	  The "pdp" security label provider: a column's label is its personal
 *	  data category.  Also pdp.tag_column(), pdp.untag_column(), and the
 *	  trigger that tells every backend the configuration changed.
 *
 * Tags live in pg_seclabel, so they follow column renames (they are keyed
 * by attribute number), vanish with dropped columns, and pg_dump writes
 * them out as SECURITY LABEL commands.  A dump restores those labels before
 * the rows of pdp.category, so a label naming a category that does not
 * exist yet is accepted while check_function_bodies is off, exactly as
 * pg_dump sets it; at run time a category that is not defined counts as
 * sensitive and allowed for no purpose.  pg_upgrade's restore replays
 * labels as they were (pdp_binary_upgrade_relabel()).
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "audit.h"

#include "catalog/catalog.h"
#include "catalog/dependency.h"
#include "catalog/namespace.h"
#include "catalog/objectaddress.h"
#include "commands/extension.h"
#include "catalog/pg_class.h"
#include "access/relation.h"
#include "access/sysattr.h"
#include "optimizer/optimizer.h"
#include "utils/rel.h"
#include "commands/seclabel.h"
#include "commands/trigger.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "storage/lmgr.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"

static void record_label_event(Oid relid, AttrNumber attnum, const char *what,
							   const char *category, const char *detail);

PG_FUNCTION_INFO_V1(pdp_tag_column);
PG_FUNCTION_INFO_V1(pdp_untag_column);
PG_FUNCTION_INFO_V1(pdp_config_changed);

/*
 * Raise ERROR unless the current user is a superuser or has the privileges
 * of pdp_admin.
 */
void
pdp_require_admin(const char *what)
{
	Oid			admin = get_role_oid(PDP_ADMIN_ROLE, true);

	if (superuser())
		return;
	if (OidIsValid(admin) && has_privs_of_role(GetUserId(), admin))
		return;
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("permission denied to %s", what),
			 errhint("Only superusers and members of role \"%s\" may change pdp configuration.",
					 PDP_ADMIN_ROLE)));
}

/*
 * Raise ERROR unless the role at the keyboard (pdp_acting_role(): the
 * login role or SET ROLE, never a SECURITY DEFINER function's owner; the
 * table owner while a subject table's owner code runs) is a superuser, has
 * the privileges of pdp_admin, or was granted purpose.
 */
void
pdp_require_purpose_holder(const char *purpose, const char *what)
{
	Oid			outer = pdp_acting_role();
	Oid			admin = get_role_oid(PDP_ADMIN_ROLE, true);

	if (superuser_arg(outer))
		return;
	if (OidIsValid(admin) && has_privs_of_role(outer, admin))
		return;
	if (purpose && pdp_purpose_granted(purpose, outer))
		return;
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("permission denied to %s", what),
			 purpose ?
			 errhint("Only members of role \"%s\" and roles granted purpose \"%s\" (pdp.grant_purpose) may do this.",
					 PDP_ADMIN_ROLE, purpose) :
			 errhint("Only superusers and members of role \"%s\" may do this.",
					 PDP_ADMIN_ROLE)));
}

/*
 * Raise ERROR unless relid is a relation of the database's users: not a
 * system catalog, not in pg_catalog, information_schema or pg_toast, and
 * not one of pdp's own tables.  Labels on those would make pdp's
 * subject reports and erasures (which run as a table's owner) a way to
 * read or change them.
 */
void
pdp_require_user_relation(Oid relid)
{
	Oid			nsp = get_rel_namespace(relid);
	Oid			ext = get_extension_oid(PDP_EXTENSION_NAME, true);

	if (IsCatalogRelationOid(relid) || IsCatalogNamespace(nsp) || IsToastNamespace(nsp) ||
		nsp == get_namespace_oid("information_schema", true) ||
		(OidIsValid(ext) && getExtensionOfObject(RelationRelationId, relid) == ext))
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("\"%s\" is a system or pdp table", get_rel_name(relid)),
				 errdetail("pdp's labels go on the tables that hold personal data, not on PostgreSQL's catalogs or pdp's own tables.")));
}

/* A column of a table, partitioned table, view or materialized view */
static void
validate_target(Oid classId, Oid relid, int32 subid)
{
	char		relkind;

	if (classId != RelationRelationId || subid == 0)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("pdp labels can only be placed on columns"),
				 errhint("Tag a column with SECURITY LABEL FOR pdp ON COLUMN table.column IS 'category'.")));

	pdp_require_user_relation(relid);
	relkind = get_rel_relkind(relid);
	if (relkind != RELKIND_RELATION && relkind != RELKIND_PARTITIONED_TABLE &&
		relkind != RELKIND_VIEW && relkind != RELKIND_MATVIEW)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("cannot tag columns of \"%s\"", get_rel_name(relid)),
				 errdetail("Only columns of tables, partitioned tables, views and materialized views can carry a personal data category.")));

	if (subid < 0)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("cannot tag system column of \"%s\"", get_rel_name(relid)),
				 errhint("Tag the user column that holds the personal data.")));
}

static void
validate_category(const char *category)
{
	if (!pdp_extension_present())
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("extension pdp is not installed in this database"),
				 errhint("Run CREATE EXTENSION pdp before tagging columns.")));

	if (pdp_category_known(category, NULL))
		return;
	if (!check_function_bodies)
		return;					/* restoring a dump: categories come later */
	ereport(ERROR,
			(errcode(ERRCODE_UNDEFINED_OBJECT),
			 errmsg("personal data category \"%s\" does not exist", category),
			 errhint("Pick a category from pdp.category, or define one with pdp.define_category().")));
}

/*
 * A label change (tag, untag, subject column) is a config event, recorded
 * if its transaction commits.
 */
void
pdp_record_label_event(Oid relid, AttrNumber attnum, const char *what,
					   const char *category)
{
	record_label_event(relid, attnum, what, category, NULL);
}

static void
record_label_event(Oid relid, AttrNumber attnum, const char *what,
				   const char *category, const char *detail)
{
	PdpEvent   *ev = pdp_event_new("config", NULL, what);
	char	   *attname = get_attname(relid, attnum, true);

	pdp_event_set(ev, RS_COMMAND, "SECURITY LABEL");
	pdp_event_set(ev, RS_RELATION, pdp_relation_name(relid));
	if (attname)
		pdp_event_append(ev, RS_COLUMNS, attname);
	if (category)
		pdp_event_append(ev, RS_CATEGORIES, category);
	if (detail)
		pdp_event_set(ev, RS_DETAIL, detail);
	pdp_event_at_commit(ev);
}

/*
 * A column being tagged passes its category to the stored generated columns
 * of its relation computed from it that have no tag of their own: they
 * hold values derived from it (lineage, as for generated columns created
 * after the tag).
 */
static void
tag_generated_from(Oid relid, AttrNumber attnum, const char *category)
{
	Relation	rel;
	TupleConstr *constr;
	int			i;
	bool		changed = false;

	if (attnum <= 0 || get_rel_relkind(relid) == RELKIND_VIEW)
		return;
	rel = relation_open(relid, AccessShareLock);
	constr = rel->rd_att->constr;
	for (i = 0; constr != NULL && i < constr->num_defval; i++)
	{
		AttrNumber	gen = constr->defval[i].adnum;
		Bitmapset  *uses = NULL;
		ObjectAddress addr;

		if (gen <= 0 || gen > rel->rd_att->natts ||
			TupleDescAttr(rel->rd_att, gen - 1)->attgenerated != ATTRIBUTE_GENERATED_STORED)
			continue;
		pull_varattnos(stringToNode(constr->defval[i].adbin), 1, &uses);
		if (!bms_is_member(attnum - FirstLowInvalidHeapAttributeNumber, uses))
			continue;
		ObjectAddressSubSet(addr, RelationRelationId, relid, gen);
		if (GetSecurityLabel(&addr, PDP_PROVIDER) != NULL)
			continue;
		SetSecurityLabel(&addr, PDP_PROVIDER, category);
		pdp_record_label_event(relid, gen, "lineage", category);
		changed = true;
	}
	relation_close(rel, AccessShareLock);
	if (changed)
		CacheInvalidateRelcacheByRelid(relid);
}

static void
pdp_object_relabel(const ObjectAddress *object, const char *seclabel)
{
	pdp_require_admin("tag columns with personal data categories");
	validate_target(object->classId, object->objectId, object->objectSubId);
	if (IsBinaryUpgrade)
	{
		pdp_binary_upgrade_relabel(object, seclabel);
		return;
	}
	if (seclabel != NULL)
		validate_category(seclabel);
	CacheInvalidateRelcacheByRelid(object->objectId);
	pdp_record_label_event(object->objectId, object->objectSubId,
						   seclabel ? "tag" : "untag", seclabel);
	if (seclabel != NULL)
		tag_generated_from(object->objectId, object->objectSubId, seclabel);
}

void
pdp_label_init(void)
{
	register_label_provider(PDP_PROVIDER, pdp_object_relabel);
}

/*
 * Argument argno of a labelling function: a relation, locked as SECURITY
 * LABEL locks it (held to the end of the transaction).  Errors name what is
 * wrong.
 */
Oid
pdp_relation_arg(FunctionCallInfo fcinfo, int argno)
{
	Oid			relid;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("relation must not be NULL")));
	relid = PG_GETARG_OID(argno);
	LockRelationOid(relid, ShareUpdateExclusiveLock);
	if (get_rel_name(relid) == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation with OID %u does not exist", relid)));
	return relid;
}

/* Argument argno of a labelling function: a column name of relid */
AttrNumber
pdp_column_arg(FunctionCallInfo fcinfo, int argno, Oid relid)
{
	char	   *colname;
	AttrNumber	attnum;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("column name must not be NULL")));
	colname = NameStr(*PG_GETARG_NAME(argno));
	attnum = get_attnum(relid, colname);
	if (attnum == InvalidAttrNumber)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("column \"%s\" of relation \"%s\" does not exist",
						colname, get_rel_name(relid))));
	return attnum;
}

/* Resolve (rel, col) arguments to a column that may carry a tag */
static void
column_address(FunctionCallInfo fcinfo, ObjectAddress *addr)
{
	Oid			relid = pdp_relation_arg(fcinfo, 0);
	AttrNumber	attnum = pdp_column_arg(fcinfo, 1, relid);

	validate_target(RelationRelationId, relid, attnum);
	ObjectAddressSubSet(*addr, RelationRelationId, relid, attnum);
}

/* pdp.tag_column(rel regclass, col name, category text) */
Datum
pdp_tag_column(PG_FUNCTION_ARGS)
{
	ObjectAddress addr;
	char	   *category;

	pdp_require_admin("tag columns with personal data categories");
	column_address(fcinfo, &addr);
	if (PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("category must not be NULL"),
				 errhint("Use pdp.untag_column() to remove a tag.")));
	category = text_to_cstring(PG_GETARG_TEXT_PP(2));
	pdp_tag_column_with(addr.objectId, addr.objectSubId, category, NULL);
	PG_RETURN_VOID();
}

/*
 * Tag column attnum of relid with category, as pdp.tag_column() does; the
 * config event carries detail (a JSON object's text) when given, e.g. the
 * evidence of a discovery.  The caller has checked it may.
 */
void
pdp_tag_column_with(Oid relid, AttrNumber attnum, const char *category, const char *detail)
{
	ObjectAddress addr;

	validate_target(RelationRelationId, relid, attnum);
	validate_category(category);
	ObjectAddressSubSet(addr, RelationRelationId, relid, attnum);
	SetSecurityLabel(&addr, PDP_PROVIDER, category);
	CacheInvalidateRelcacheByRelid(relid);
	record_label_event(relid, attnum, "tag", category, detail);
	tag_generated_from(relid, attnum, category);
}

/* pdp.untag_column(rel regclass, col name): true if a tag was removed */
Datum
pdp_untag_column(PG_FUNCTION_ARGS)
{
	ObjectAddress addr;
	char	   *old;

	pdp_require_admin("untag columns");
	column_address(fcinfo, &addr);
	old = GetSecurityLabel(&addr, PDP_PROVIDER);
	if (old == NULL)
		PG_RETURN_BOOL(false);
	SetSecurityLabel(&addr, PDP_PROVIDER, NULL);
	CacheInvalidateRelcacheByRelid(addr.objectId);
	pdp_record_label_event(addr.objectId, addr.objectSubId, "untag", NULL);
	PG_RETURN_BOOL(true);
}

/* The trigger data of a trigger function; ERROR if not called as one */
TriggerData *
pdp_trigger_data(FunctionCallInfo fcinfo, const char *name)
{
	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("%s() must be called as a trigger", name)));
	return (TriggerData *) fcinfo->context;
}

/*
 * Statement trigger on every configuration table: every backend drops its
 * cached configuration when this transaction commits (and this backend at
 * its next command).
 */
Datum
pdp_config_changed(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = pdp_trigger_data(fcinfo, "pdp._config_changed");

	CacheInvalidateRelcacheByRelid(RelationGetRelid(trigdata->tg_relation));
	PG_RETURN_POINTER(NULL);
}
