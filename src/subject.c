/*-------------------------------------------------------------------------
 * subject.c
 *	  The "pdp_subject" security label provider: the column that identifies
 *	  the person a row is about (a customer id, a national id).
 *
 * Like tags (label.c), the marker lives in pg_seclabel, so it follows
 * renames, vanishes with a dropped column, and pg_dump writes it as
 *	  SECURITY LABEL FOR pdp_subject ON COLUMN t.c IS 'subject';
 * A relation has at most one subject column.  pdp.set_subject_column()
 * moves the marker; pdp.drop_subject_column() removes it.  Also the
 * SQL-callable privilege check used by the consent functions.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"

#include "catalog/objectaddress.h"
#include "catalog/pg_class.h"
#include "commands/seclabel.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"

PG_FUNCTION_INFO_V1(pdp_set_subject_column);
PG_FUNCTION_INFO_V1(pdp_drop_subject_column);
PG_FUNCTION_INFO_V1(pdp_require_caller);

/* Attribute number of relid's subject column other than except, or 0 */
static AttrNumber
subject_attnum(Oid relid, AttrNumber except)
{
	ListCell   *lc;

	foreach(lc, pdp_column_labels(relid, PDP_SUBJECT_PROVIDER))
	{
		PdpColumnTag *t = lfirst(lc);

		if (t->attnum != except)
			return t->attnum;
	}
	return 0;
}

static void
validate_subject_target(Oid classId, Oid relid, int32 subid)
{
	char		relkind;

	if (classId != RelationRelationId || subid == 0)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("pdp_subject labels can only be placed on columns"),
				 errhint("Use pdp.set_subject_column(table, column).")));
	pdp_require_user_relation(relid);
	relkind = get_rel_relkind(relid);
	if (relkind != RELKIND_RELATION && relkind != RELKIND_PARTITIONED_TABLE)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("\"%s\" is not a table", get_rel_name(relid)),
				 errdetail("Only tables and partitioned tables can have a subject column.")));
	if (subid < 0)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("a system column cannot be the subject column of \"%s\"",
						get_rel_name(relid))));
}

/* The row filter of a protected table names its subject column: keep it */
static void
refuse_if_protected(Oid relid)
{
	if (pdp_relation_protected(relid))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("the subject column of \"%s\" cannot change while its rows are protected",
						get_rel_name(relid)),
				 errhint("Run pdp.unprotect_rows() first, then pdp.protect_rows() again.")));
}

static void
pdp_subject_relabel(const ObjectAddress *object, const char *seclabel)
{
	pdp_require_admin("set subject columns");
	validate_subject_target(object->classId, object->objectId, object->objectSubId);
	if (seclabel != NULL && strcmp(seclabel, PDP_SUBJECT_LABEL) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid pdp_subject label \"%s\"", seclabel),
				 errhint("The only label of provider pdp_subject is '%s'.",
						 PDP_SUBJECT_LABEL)));
	if (IsBinaryUpgrade)
	{
		/* the protection policy is restored after the label */
		pdp_binary_upgrade_relabel(object, seclabel);
		return;
	}
	refuse_if_protected(object->objectId);
	if (seclabel != NULL)
	{
		AttrNumber	other;

		other = subject_attnum(object->objectId, object->objectSubId);
		if (other != 0)
			ereport(ERROR,
					(errcode(ERRCODE_DUPLICATE_OBJECT),
					 errmsg("relation \"%s\" already has subject column \"%s\"",
							get_rel_name(object->objectId),
							get_attname(object->objectId, other, false)),
					 errhint("Use pdp.set_subject_column() to move it.")));
	}
	CacheInvalidateRelcacheByRelid(object->objectId);
	pdp_record_label_event(object->objectId, object->objectSubId,
						   seclabel ? "subject_column" : "drop_subject_column", NULL);
}

void
pdp_subject_init(void)
{
	register_label_provider(PDP_SUBJECT_PROVIDER, pdp_subject_relabel);
}

/* Put (label) or remove (NULL) the subject label on a column */
static void
label_column(Oid relid, AttrNumber attnum, const char *label)
{
	ObjectAddress addr;

	ObjectAddressSubSet(addr, RelationRelationId, relid, attnum);
	SetSecurityLabel(&addr, PDP_SUBJECT_PROVIDER, label);
}

/* pdp.set_subject_column(rel regclass, col name): true if it changed */
Datum
pdp_set_subject_column(PG_FUNCTION_ARGS)
{
	Oid			relid;
	AttrNumber	attnum;
	AttrNumber	old;

	pdp_require_admin("set subject columns");
	relid = pdp_relation_arg(fcinfo, 0);
	attnum = pdp_column_arg(fcinfo, 1, relid);
	validate_subject_target(RelationRelationId, relid, attnum);

	old = subject_attnum(relid, 0);
	if (old == attnum)
		PG_RETURN_BOOL(false);
	refuse_if_protected(relid);
	if (old != 0)
		label_column(relid, old, NULL);
	label_column(relid, attnum, PDP_SUBJECT_LABEL);
	CacheInvalidateRelcacheByRelid(relid);
	pdp_record_label_event(relid, attnum, "subject_column", NULL);
	PG_RETURN_BOOL(true);
}

/* pdp.drop_subject_column(rel regclass): true if there was one */
Datum
pdp_drop_subject_column(PG_FUNCTION_ARGS)
{
	Oid			relid;
	AttrNumber	old;

	pdp_require_admin("drop subject columns");
	relid = pdp_relation_arg(fcinfo, 0);
	old = subject_attnum(relid, 0);
	if (old == 0)
		PG_RETURN_BOOL(false);
	refuse_if_protected(relid);
	label_column(relid, old, NULL);
	CacheInvalidateRelcacheByRelid(relid);
	pdp_record_label_event(relid, old, "drop_subject_column", NULL);
	PG_RETURN_BOOL(true);
}

/*
 * pdp._require_caller(purpose text, what text): for the SECURITY DEFINER
 * consent functions, which run as their owner: ERROR unless the role at the
 * keyboard holds purpose (NULL: only pdp_admin) or is pdp_admin.
 */
Datum
pdp_require_caller(PG_FUNCTION_ARGS)
{
	char	   *purpose = PG_ARGISNULL(0) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(0));
	char	   *what = PG_ARGISNULL(1) ? "do this" : text_to_cstring(PG_GETARG_TEXT_PP(1));

	pdp_require_purpose_holder(purpose, what);
	PG_RETURN_VOID();
}

/* pdp._caller(): the role at the keyboard, as the audit trail names it */
PG_FUNCTION_INFO_V1(pdp_caller);

Datum
pdp_caller(PG_FUNCTION_ARGS)
{
	char	   *name = GetUserNameFromId(pdp_acting_role(), false);

	PG_RETURN_DATUM(DirectFunctionCall1(namein, CStringGetDatum(name)));
}
