/*-------------------------------------------------------------------------
 * columns.c
 *	  Columns of pdp's own tables, found by name and checked by type.
 *
 * pdp reads its configuration, consent and audit tables in C.  Reading
 * them by position would silently mis-read a table an upgrade added a
 * column to, and a superuser can drop, retype or reorder columns: what pdp
 * reads back from its own tables is input like any other.  So every reader
 * maps the columns it needs by name, checks their types, and fails with
 * one clear error naming the table and column when the shape is not the
 * one pdp created.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"

#include "access/tupdesc.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"

/*
 * attnums[i] = attribute number of spec[i].name in rel, whose type must be
 * spec[i].type.  ERROR (XX001) when a column is missing or retyped.
 */
void
pdp_map_columns(Relation rel, const PdpColumnSpec *spec, int n, AttrNumber *attnums)
{
	TupleDesc	desc = RelationGetDescr(rel);
	int			i;
	int			j;

	for (i = 0; i < n; i++)
	{
		Form_pg_attribute found = NULL;

		for (j = 0; j < desc->natts; j++)
		{
			Form_pg_attribute att = TupleDescAttr(desc, j);

			if (!att->attisdropped && strcmp(NameStr(att->attname), spec[i].name) == 0)
			{
				found = att;
				break;
			}
		}
		if (found == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("table %s.%s has no column \"%s\"",
							PDP_SCHEMA, RelationGetRelationName(rel), spec[i].name),
					 errdetail("pdp's own tables must keep the columns extension pdp created."),
					 errhint("Restore the column, or the table from a backup.")));
		if (found->atttypid != spec[i].type)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("column \"%s\" of table %s.%s has type %s, not %s",
							spec[i].name, PDP_SCHEMA, RelationGetRelationName(rel),
							format_type_be(found->atttypid), format_type_be(spec[i].type)),
					 errdetail("pdp's own tables must keep the column types extension pdp created."),
					 errhint("Restore the column's type, or the table from a backup.")));
		attnums[i] = found->attnum;
	}
}

/*
 * Type of desc's column called name (not dropped), InvalidOid when there
 * is none.  For readers that accept more than one type for a column (the
 * audit log's name columns, text since 1.1): they check the type returned
 * against the ones they accept.
 */
Oid
pdp_attribute_type(TupleDesc desc, const char *name)
{
	int			j;

	for (j = 0; j < desc->natts; j++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, j);

		if (!att->attisdropped && strcmp(NameStr(att->attname), name) == 0)
			return att->atttypid;
	}
	return InvalidOid;
}
