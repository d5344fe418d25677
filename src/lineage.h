/*-------------------------------------------------------------------------
 * lineage.h
 *	  Copies keep their tags (lineage.c).
 *
 * pdp_check_writes: refuse (enforce) or record (log) writes of tagged
 * values into columns not tagged with their category.
 *
 * PdpLineage: what one CREATE TABLE AS / materialized view statement will
 * tag.  The utility hook makes it in its own frame (memory: lin->cxt, the
 * utility's), the query's start fills it, the hook applies it after the
 * utility has created the relation.
 *-------------------------------------------------------------------------
 */
#ifndef PDP_LINEAGE_H
#define PDP_LINEAGE_H

#include "pdp.h"
#include "flow.h"

struct PdpStatement;

typedef struct PdpLineage
{
	MemoryContext cxt;
	bool		execute;		/* CREATE TABLE AS EXECUTE: the first SELECT */
	bool		captured;
	List	   *attnos;			/* int: column of the new relation */
	List	   *categories;		/* char *: its category */
} PdpLineage;

extern List *pdp_srcs_categories(struct PdpStatement *st, List *srcs);
extern bool pdp_srcs_tagged(struct PdpStatement *st, List *srcs);
extern void pdp_check_masked_writes(struct PdpStatement *st, const struct PdpFlow *flow);
extern void pdp_check_writes(struct PdpStatement *st, const PdpFlow *flow);
extern void pdp_lineage_capture(PdpLineage *lin, struct PdpStatement *st,
								const PdpFlow *flow);
extern void pdp_lineage_apply(PdpLineage *lin, Oid relid);

#endif							/* PDP_LINEAGE_H */
