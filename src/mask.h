/*-------------------------------------------------------------------------
 * mask.h
 *	  Masked reads: a purpose may read a category only masked (pdp.allow
 *	  with a mask).  Three parts:
 *
 *	  mask_builtin.c  the built-in masks, as pure functions of a value;
 *	  mask_rewrite.c  the planner hook: every reference to a column the
 *	                  session reads masked becomes pdp._mask(column, rel,
 *	                  attnum), so WHERE, JOIN, GROUP BY, ORDER BY, window
 *	                  partitions, DISTINCT, casts, functions and RETURNING
 *	                  all operate on the masked value;
 *	  mask_exec.c     pdp._mask() itself, which decides at each execution
 *	                  from the statement's purpose (identity for a full
 *	                  read), and the check at ExecutorStart that a plan
 *	                  masks every column its statement reads masked.
 *-------------------------------------------------------------------------
 */
#ifndef PDP_MASK_H
#define PDP_MASK_H

#include "postgres.h"

#include "nodes/nodes.h"

/* ---- mask_builtin.c: the built-in masks ---- */
typedef enum PdpMaskKind
{
	PDP_MASK_NONE = 0,			/* not a built-in name; in a decision: no mask */
	PDP_MASK_PHONE,				/* "phone" */
	PDP_MASK_ID,				/* "id_number" */
	PDP_MASK_EMAIL,				/* "email" */
	PDP_MASK_INITIALS,			/* "initials" */
	PDP_MASK_YEAR,				/* "year" */
	PDP_MASK_PROVINCE,			/* "province" */
	PDP_MASK_RANGE,				/* "range" */
	PDP_MASK_NULL,				/* "null" */
	PDP_MASK_HASH,				/* "hash" */
	PDP_MASK_CUSTOM				/* a DBA's function (mask_exec.c) */
} PdpMaskKind;

/* by built-in name, exact lower case; PDP_MASK_NONE if unknown (or NULL) */
extern PdpMaskKind pdp_mask_kind(const char *name);

/* the name; "custom" for PDP_MASK_CUSTOM, "none" for PDP_MASK_NONE */
extern const char *pdp_mask_name(PdpMaskKind kind);

/* the built-in names, comma-separated, for hints */
extern const char *pdp_mask_builtin_names(void);

/* does the mask give a real masked value (not always NULL) for base type typid */
extern bool pdp_mask_fits_type(PdpMaskKind kind, Oid typid);

/*
 * Mask one non-null value of base type typid (domains resolved by the
 * caller).  Returns a value of type typid (a text varlena for text,
 * varchar and bpchar), palloc'd in CurrentMemoryContext, or sets *isnull.
 * Never errors on any input value: a masked value is served to someone
 * who may not see the raw one, so an error carrying the value, or one
 * that some values raise and others do not, would be a leak.  salt/saltlen:
 * the database's key, used by PDP_MASK_HASH only (no salt: NULL, never an
 * unkeyed hash).
 */
extern Datum pdp_mask_builtin(PdpMaskKind kind, Datum value, Oid typid,
							  const unsigned char *salt, int saltlen,
							  bool *isnull);

/* ---- mask_exec.c ---- */
/* the hash mask's key (pdp.mask_secret), in CurrentMemoryContext; ERROR if damaged */
extern const unsigned char *pdp_mask_salt(int *len);
extern Oid	pdp_mask_func_oid(void);
extern bool pdp_is_mask_wrapper(Node *node, Oid *relid, AttrNumber *attnum, bool *own);
extern bool pdp_is_row_filter(Node *node);

/* ---- mask_rewrite.c ---- */
extern void pdp_mask_rewrite_init(void);
extern void pdp_mask_context_changed(void);
extern void pdp_mask_purpose_assign(const char *newval, void *extra);
extern void pdp_mask_mode_assign(int newval, void *extra);

#endif							/* PDP_MASK_H */
