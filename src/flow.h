/*-------------------------------------------------------------------------
 * flow.h
 *	  Where the values a plan reads go: returned, written into a table,
 *	  aggregated into one value (flow.c).
 *
 * A source is a column of a relation of the plan's range table, packed as
 * PDP_SRC(rti, attno) into an int (attno 0: the whole row).  Sources do not
 * depend on tags, so a plan's flow is worked out once and kept with the
 * plan; which sources are tagged is looked up when the plan runs.
 *
 * A sink is a plan node whose rows carry values of sources onward: the
 * node whose rows a SELECT returns (or CREATE TABLE AS / COPY writes), the
 * node feeding a ModifyTable whose written columns come from sources (or
 * the ModifyTable itself when only its RETURNING does), the input of an
 * Agg or WindowAgg whose aggregates take sources as arguments, and a node
 * whose target list hands sources to a volatile function (which may keep
 * them: set_config, pg_notify, a function that inserts).  Values counted
 * at an aggregate's input are not counted again above it.
 *-------------------------------------------------------------------------
 */
#ifndef PDP_FLOW_H
#define PDP_FLOW_H

#include "pdp.h"

#include "access/sysattr.h"

#define PDP_SRC_SHIFT	11		/* attnos from -7 to 1600, offset by 8 */
#define PDP_SRC(rti, attno) \
	((int) (((rti) << PDP_SRC_SHIFT) | ((attno) - FirstLowInvalidHeapAttributeNumber)))
#define PDP_SRC_RTI(src)	((Index) ((src) >> PDP_SRC_SHIFT))
#define PDP_SRC_ATTNO(src) \
	((AttrNumber) (((src) & ((1 << PDP_SRC_SHIFT) - 1)) + FirstLowInvalidHeapAttributeNumber))

/* a plan node whose rows carry the values of srcs onward */
typedef struct PdpSink
{
	int			plan_node_id;
	List	   *srcs;			/* int list of PDP_SRC */
} PdpSink;

/* a column a ModifyTable writes, and where its new values come from */
typedef struct PdpWrite
{
	Index		rti;			/* the target relation in the range table */
	AttrNumber	attno;
	List	   *srcs;
} PdpWrite;

typedef struct PdpFlow
{
	List	   *outputs;		/* per returned column, in order: int list */
	List	   *writes;			/* PdpWrite, only columns with sources */
	List	   *sinks;			/* PdpSink */
	List	   *uncounted;		/* sources handed to volatile code in quals,
								 * join clauses or aggregate FILTERs: no
								 * node's rows count them */
} PdpFlow;

/* the flow of pstmt, allocated in cxt */
extern PdpFlow *pdp_plan_flow(PlannedStmt *pstmt, MemoryContext cxt);

#endif							/* PDP_FLOW_H */
