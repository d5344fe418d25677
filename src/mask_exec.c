/*-------------------------------------------------------------------------
 * mask_exec.c
 *	  pdp._mask(): the function pdp's planner hook wraps every reference to
 *	  a masked column in (mask_rewrite.c), and what it needs: the hash
 *	  mask's key, custom masking functions and their checks.
 *
 * pdp._mask(value, rel, attnum) decides once per execution, at its first
 * call, from the record of the statement it belongs to (statement.h: the
 * purpose and role in force when the statement started): a column the
 * statement reads masked is served through its mask, any other value
 * (a full read, a superuser's or a backup read, a plan made for another
 * purpose) unchanged.  The choice is kept in fn_extra, which lives with
 * the execution's expression state: a prepared statement decides anew at
 * every execution.  A negative attnum marks a column pdp's own row filter
 * reads (the subject of pdp.protect_rows): always unchanged.
 *
 * The function is PARALLEL RESTRICTED: only the leader, which holds the
 * statement's decisions, evaluates it (a worker would have to decide again,
 * from the configuration as it finds it).  A masked aggregate over a large
 * table loses its parallel plan (tests/bench/mask.sh measures it).
 *
 * Wrappers pdp made are told from calls a user wrote by their format
 * (COERCE_SQL_SYNTAX: the parser makes it only for pg_catalog functions of
 * SQL-standard syntax, never for this one), so a
 * user's own call never counts as masking a column (decide.c trusts the
 * wrappers a plan holds).
 *
 * A custom mask is a DBA's function of one argument returning its type,
 * owned by a superuser or by the role pdp_admin, not SECURITY DEFINER: it
 * sees raw values, so nobody else may own (and so replace) it.  It is
 * checked when allowed and again at every execution that uses it.
 *-------------------------------------------------------------------------
 */
#include "pdp.h"
#include "statement.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "nodes/primnodes.h"
#include "parser/parse_func.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/regproc.h"
#include "utils/syscache.h"
#include "utils/array.h"
#include "utils/varlena.h"
#include "catalog/pg_language.h"
#include "catalog/pg_class.h"
#include "catalog/pg_inherits.h"
#include "utils/rel.h"
#include "utils/acl.h"

PG_FUNCTION_INFO_V1(pdp_mask);
PG_FUNCTION_INFO_V1(pdp_mask_function_check);

/* what one wrapper does in one execution (fn_extra) */
typedef struct MaskCall
{
	bool		identity;
	PdpMaskKind kind;
	Oid			typid;			/* the value's base type */
	Oid			collation;
	FmgrInfo	custom;			/* PDP_MASK_CUSTOM */
	unsigned char *salt;		/* PDP_MASK_HASH */
	int			saltlen;
} MaskCall;

/*
 * pdp._mask(anyelement, oid, smallint), looked up again when the
 * configuration generation moves (the extension may have been dropped and
 * created again).
 */
static Oid	mask_func = InvalidOid;
static uint64 mask_func_gen = 0;

Oid
pdp_mask_func_oid(void)
{
	if (mask_func_gen != pdp_config_generation() || !OidIsValid(mask_func))
	{
		Oid			nsp = get_namespace_oid(PDP_SCHEMA, true);
		Oid			args[3] = {ANYELEMENTOID, OIDOID, INT2OID};
		oidvector  *argv = buildoidvector(args, 3);

		mask_func = InvalidOid;
		if (OidIsValid(nsp))
			mask_func = GetSysCacheOid3(PROCNAMEARGSNSP, Anum_pg_proc_oid,
										CStringGetDatum("_mask"),
										PointerGetDatum(argv),
										ObjectIdGetDatum(nsp));
		mask_func_gen = pdp_config_generation();
	}
	return mask_func;
}

/*
 * Is node a wrapper pdp's planner hook made?  Then *relid and *attnum name
 * the column it masks and *own says it is pdp's own row filter's read.
 */
bool
pdp_is_mask_wrapper(Node *node, Oid *relid, AttrNumber *attnum, bool *own)
{
	FuncExpr   *f = (FuncExpr *) node;
	Const	   *rel;
	Const	   *col;
	int			att;

	if (node == NULL || !IsA(node, FuncExpr) || f->funcformat != COERCE_SQL_SYNTAX ||
		list_length(f->args) != 3 || f->funcid != pdp_mask_func_oid())
		return false;
	rel = (Const *) lsecond(f->args);
	col = (Const *) lthird(f->args);
	if (!IsA(rel, Const) || !IsA(col, Const) || rel->constisnull || col->constisnull ||
		rel->consttype != OIDOID || col->consttype != INT2OID)
		return false;
	att = DatumGetInt16(col->constvalue);
	*own = att < 0;
	*attnum = (AttrNumber) Abs(att);
	*relid = DatumGetObjectId(rel->constvalue);
	return *attnum > 0;
}

/*
 * Is node a call of pdp's row filter, pdp._row_visible(rel, subject)?
 * The functions are looked up as pdp._mask() is.
 */
static Oid	row_filter[2] = {InvalidOid, InvalidOid};
static uint64 row_filter_gen = 0;

bool
pdp_is_row_filter(Node *node)
{
	FuncExpr   *f = (FuncExpr *) node;
	int			i;

	if (node == NULL || !IsA(node, FuncExpr) || list_length(f->args) != 2)
		return false;
	if (row_filter_gen != pdp_config_generation())
	{
		Oid			nsp = get_namespace_oid(PDP_SCHEMA, true);
		Oid			types[2] = {TEXTOID, INT8OID};

		for (i = 0; i < 2; i++)
		{
			Oid			args[2] = {REGCLASSOID, types[i]};

			row_filter[i] = !OidIsValid(nsp) ? InvalidOid :
				GetSysCacheOid3(PROCNAMEARGSNSP, Anum_pg_proc_oid,
								CStringGetDatum("_row_visible"),
								PointerGetDatum(buildoidvector(args, 2)),
								ObjectIdGetDatum(nsp));
		}
		row_filter_gen = pdp_config_generation();
	}
	return OidIsValid(f->funcid) &&
		(f->funcid == row_filter[0] || f->funcid == row_filter[1]);
}

/*
 * The hash mask's key (pdp.mask_secret), in CurrentMemoryContext.  The
 * table is input: a missing or short key is an error, never a weak hash.
 */
const unsigned char *
pdp_mask_salt(int *len)
{
	Oid			relid = pdp_extension_relid("mask_secret");
	Relation	rel;
	SysScanDesc scan;
	HeapTuple	tup;
	unsigned char *salt = NULL;
	int			n = 0;
	int			rows = 0;

	if (OidIsValid(relid))
	{
		rel = table_open(relid, AccessShareLock);
		if (pdp_attribute_type(RelationGetDescr(rel), "salt") == BYTEAOID)
		{
			AttrNumber	att;

			pdp_map_columns(rel, &(PdpColumnSpec) {"salt", BYTEAOID}, 1, &att);
			scan = systable_beginscan(rel, InvalidOid, false, NULL, 0, NULL);
			while (HeapTupleIsValid(tup = systable_getnext(scan)))
			{
				bool		isnull;
				Datum		d = heap_getattr(tup, att, RelationGetDescr(rel), &isnull);

				if (++rows > 1 || isnull)
					continue;
				{
					bytea	   *b = DatumGetByteaPP(d);

					n = VARSIZE_ANY_EXHDR(b);
					salt = palloc(Max(n, 1));
					memcpy(salt, VARDATA_ANY(b), n);
				}
			}
			systable_endscan(scan);
		}
		table_close(rel, AccessShareLock);
	}
	if (salt == NULL || rows != 1 || n < 16)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("the key of the hash mask is missing or damaged"),
				 errdetail("Table pdp.mask_secret must hold exactly one row with a salt of at least 16 bytes; it holds %d rows.", rows),
				 errhint("As a superuser: DELETE FROM pdp.mask_secret; INSERT INTO pdp.mask_secret VALUES (decode(md5(gen_random_uuid()::text) || md5(gen_random_uuid()::text), 'hex')); values hashed before no longer match.")));
	*len = n;
	return salt;
}

static bool
text_like(Oid typid)
{
	return typid == TEXTOID || typid == VARCHAROID || typid == BPCHAROID;
}

/*
 * Does the function pin its search_path to PostgreSQL's own objects: SET
 * search_path = pg_catalog (optionally followed by pg_temp)?  Any other
 * schema could hold someone's function or operator that would run in place
 * of the one the mask means, with the raw value.  C needs not.
 */
static bool
pins_search_path(HeapTuple tup, Form_pg_proc p)
{
	bool		isnull;
	Datum		d;
	ArrayType  *a;
	Datum	   *elems;
	int			n;
	int			i;
	bool		safe = false;

	if (p->prolang == ClanguageId || p->prolang == INTERNALlanguageId)
		return true;
	d = SysCacheGetAttr(PROCOID, tup, Anum_pg_proc_proconfig, &isnull);
	if (isnull)
		return false;
	a = DatumGetArrayTypeP(d);
	deconstruct_array(a, TEXTOID, -1, false, TYPALIGN_INT, &elems, NULL, &n);
	for (i = 0; i < n; i++)
	{
		char	   *setting = TextDatumGetCString(elems[i]);
		List	   *names;
		ListCell   *lc;
		int			k = 0;

		if (strncmp(setting, "search_path=", 12) != 0)
			continue;
		safe = SplitIdentifierString(pstrdup(setting + 12), ',', &names);
		foreach(lc, names)
		{
			const char *nsp = lfirst(lc);

			safe = safe && ((k == 0 && strcmp(nsp, "pg_catalog") == 0) ||
							(k == 1 && strcmp(nsp, "pg_temp") == 0));
			k++;
		}
		safe = safe && k >= 1;
	}
	return safe;
}

/*
 * Check a custom masking function: it exists, takes one argument and
 * returns that type, is a plain function, not SECURITY DEFINER, and is
 * owned by a superuser or by pdp_admin.  typid, if valid, is the base type
 * of a column it is to mask.  Returns its oid; errors say what to do.
 */
static Oid
check_mask_function(const char *signature, Oid typid)
{
	Oid			fn;
	HeapTuple	tup;
	Form_pg_proc p;
	Oid			admin = get_role_oid(PDP_ADMIN_ROLE, true);
	Oid			argtype;

	{
		LOCAL_FCINFO(call, 1);
		Datum		d;

		/* to_regprocedure(): NULL, not an error, for no such function */
		InitFunctionCallInfoData(*call, NULL, 1, InvalidOid, NULL, NULL);
		call->args[0].value = CStringGetTextDatum(signature);
		call->args[0].isnull = false;
		d = to_regprocedure(call);
		fn = call->isnull ? InvalidOid : DatumGetObjectId(d);
	}
	if (!OidIsValid(fn))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_FUNCTION),
				 errmsg("masking function %s does not exist", signature),
				 errhint("Give the function's signature with its schema, e.g. 'public.mask_card(text)'; pdp.policy shows the masks in use.")));
	tup = SearchSysCache1(PROCOID, ObjectIdGetDatum(fn));
	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for function %u", fn);
	p = (Form_pg_proc) GETSTRUCT(tup);
	argtype = p->pronargs == 1 ? p->proargtypes.values[0] : InvalidOid;
	if (p->prokind != PROKIND_FUNCTION || p->proretset || p->pronargs != 1 ||
		p->prorettype != argtype || IsPolymorphicType(argtype))
	{
		ReleaseSysCache(tup);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("function %s cannot be a mask", signature),
				 errdetail("A masking function takes one argument of a column's type (not a polymorphic one) and returns a value of that type."),
				 errhint("Write it as CREATE FUNCTION schema.name(value text) RETURNS text ...")));
	}
	if (p->prosecdef ||
		!(superuser_arg(p->proowner) || (OidIsValid(admin) && p->proowner == admin)) ||
		!pins_search_path(tup, p))
	{
		ReleaseSysCache(tup);
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("masking function %s is not trusted", signature),
				 errdetail("A masking function sees the values it masks: it must be owned by a superuser or by role %s (not by a table owner or anyone else who could replace it), must not be SECURITY DEFINER, and (unless written in C) must SET search_path = pg_catalog (pg_temp may follow), so that no one's function or operator of the same name runs in its place with the raw value; what it calls must be as trusted as it is.",
						   PDP_ADMIN_ROLE),
				 errhint("ALTER FUNCTION %s OWNER TO %s, as a superuser, after reviewing it.",
						 signature, PDP_ADMIN_ROLE)));
	}
	ReleaseSysCache(tup);
	if (OidIsValid(typid) && argtype != typid &&
		!(argtype == TEXTOID && text_like(typid)))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("masking function %s does not take type %s", signature,
						format_type_be(typid)),
				 errhint("Give the category a masking function for this column's type, or a built-in mask.")));
	return fn;
}

/* pdp._mask_function_check(signature): its canonical signature */
Datum
pdp_mask_function_check(PG_FUNCTION_ARGS)
{
	char	   *sig = text_to_cstring(PG_GETARG_TEXT_PP(0));
	Oid			fn;

	pdp_require_admin("define a masking function");
	fn = check_mask_function(sig, InvalidOid);
	PG_RETURN_TEXT_P(cstring_to_text(format_procedure_qualified(fn)));
}

/*
 * What this wrapper does in this execution: st is the statement its
 * expression belongs to (NULL: pdp does not watch it, so nothing it reads
 * is masked - unless checks apply, when the session's own purpose decides).
 */
static bool start_decision(PdpStatement *st, Oid relid, AttrNumber attnum,
						   PdpMaskKind *kind, char *signature, Size size);

static void
resolve(MaskCall *mc, PdpStatement *st, Oid relid, AttrNumber attnum,
		MemoryContext cxt)
{
	PdpRelInfo *info;
	PdpStatement local;
	PdpMaskKind kind = PDP_MASK_NONE;
	PdpDecision decision = PDP_ALLOWED;
	char		signature[512];
	char	   *column = NULL;
	bool		found = false;
	int			i;

	mc->identity = true;
	signature[0] = '\0';
	if (st == NULL)
	{
		if (pdp_mode == PDP_MODE_OFF || !IsTransactionState() || !pdp_extension_present())
			return;
		memset(&local, 0, sizeof(local));
		local.role = pdp_acting_role();
		local.superuser = superuser_arg(local.role);
		local.purpose = (pdp_purpose && pdp_purpose[0]) ? pdp_purpose : NULL;
		local.mode = pdp_mode;
		st = &local;
	}
	else
	{
		if (pdp_statement_exempt(st, relid))
			return;
		/*
		 * as the statement decided when it started, whatever changed since:
		 * the column itself, or (a partitioned or inheritance parent named
		 * by the wrapper) the same column of a partition or child it reads
		 */
		found = start_decision(st, relid, attnum, &kind, signature, sizeof(signature));
		if (found && kind == PDP_MASK_NONE)
			return;
		if (found)
			decision = PDP_MASKED;
	}
	if (decision != PDP_MASKED)
	{
		/*
		 * Decided now: the statement did not read the column when it
		 * started (pdp does not watch it, or nothing recorded it)
		 */
		if (!pdp_relation_has_tags(relid, NULL))
			return;
		info = pdp_relinfo_pin(relid);
		PG_TRY();
		{
			for (i = 0; i < info->ntags; i++)
			{
				PdpColumnTag *t = &info->tags[i];

				if (t->attnum != attnum)
					continue;
				decision = pdp_decide_column(st, t, &kind);
				column = pstrdup(t->attname ? t->attname : "?");
				if (decision == PDP_MASKED && kind == PDP_MASK_CUSTOM)
					pdp_category_access(st->purpose, t->category, NULL, signature,
										sizeof(signature));
				break;
			}
		}
		PG_FINALLY();
		{
			pdp_relinfo_unpin(info);
		}
		PG_END_TRY();
		/*
		 * Fail closed, in any mode: a read the configuration refuses now
		 * (revoked, disallowed since) that the statement did not decide at
		 * its start is no full read
		 */
		if (decision != PDP_MASKED && decision != PDP_ALLOWED && decision != PDP_BYPASS)
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("permission denied to read column \"%s\" of relation \"%s\": the policy changed while the statement ran",
							column ? column : "?", get_rel_name(relid)),
					 errdetail("The statement was allowed to read it masked; the purpose's access was since withdrawn (reason: %s).",
							   pdp_decision_label(decision)),
					 errhint("Run the statement again.")));
		if (decision != PDP_MASKED)
			return;
	}
	mc->identity = false;
	mc->kind = kind;
	if (kind == PDP_MASK_CUSTOM)
	{
		if (signature[0] == '\0')
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_FUNCTION),
					 errmsg("the masking function of purpose \"%s\" has a name too long to use",
							st->purpose)));
		fmgr_info_cxt(check_mask_function(signature, mc->typid), &mc->custom, cxt);
	}
	else if (kind == PDP_MASK_HASH)
	{
		MemoryContext old = MemoryContextSwitchTo(cxt);

		mc->salt = (unsigned char *) pdp_mask_salt(&mc->saltlen);
		MemoryContextSwitchTo(old);
	}
}

/*
 * What statement st decided at its start for column attnum of relid: true
 * and *kind (PDP_MASK_NONE: in full) if it read it, or the column of the
 * same name of a partition or inheritance child of relid.
 */
static bool
start_decision(PdpStatement *st, Oid relid, AttrNumber attnum, PdpMaskKind *kind,
			   char *signature, Size size)
{
	ListCell   *lc;
	List	   *below = NIL;
	bool		looked = false;
	char	   *name = NULL;
	PdpStatementMask *hit = NULL;

	foreach(lc, st->masks)
	{
		PdpStatementMask *m = lfirst(lc);

		if (m->relid == relid && m->attnum == attnum)
		{
			hit = m;
			break;
		}
	}
	if (hit == NULL)
		foreach(lc, st->masks)
		{
			PdpStatementMask *m = lfirst(lc);

			if (m->relid == relid || m->attname == NULL)
				continue;
			if (!looked)
			{
				/* the plan holds its locks on them */
				if (has_subclass(relid) || get_rel_relkind(relid) == RELKIND_PARTITIONED_TABLE)
					below = find_all_inheritors(relid, NoLock, NULL);
				name = get_attname(relid, attnum, true);
				looked = true;
			}
			if (name == NULL || !list_member_oid(below, m->relid) ||
				strcmp(name, m->attname) != 0)
				continue;
			/* a masked partition wins over one read in full */
			if (hit == NULL || (hit->kind == PDP_MASK_NONE && m->kind != PDP_MASK_NONE))
				hit = m;
		}
	if (hit == NULL)
		return false;
	*kind = hit->kind;
	if (hit->function)
		strlcpy(signature, hit->function, size);
	return true;
}

/* pdp._mask(value anyelement, rel oid, col smallint) RETURNS anyelement */
Datum
pdp_mask(PG_FUNCTION_ARGS)
{
	MaskCall   *mc = (MaskCall *) fcinfo->flinfo->fn_extra;
	Datum		value;
	Datum		result;
	bool		isnull = false;

	if (mc == NULL)
	{
		MemoryContext cxt = fcinfo->flinfo->fn_mcxt;
		bool		wrapper = fcinfo->flinfo->fn_expr != NULL &&
			IsA(fcinfo->flinfo->fn_expr, FuncExpr) &&
			((FuncExpr *) fcinfo->flinfo->fn_expr)->funcformat == COERCE_SQL_SYNTAX;

		mc = MemoryContextAllocZero(cxt, sizeof(MaskCall));
		mc->identity = true;
		mc->typid = getBaseType(get_fn_expr_argtype(fcinfo->flinfo, 0));
		mc->collation = PG_GET_COLLATION();
		/* a call a user wrote masks nothing; the value is theirs already */
		if (wrapper && !PG_ARGISNULL(1) && !PG_ARGISNULL(2) && PG_GETARG_INT16(2) > 0)
			resolve(mc, pdp_statement_around(cxt), PG_GETARG_OID(1),
					PG_GETARG_INT16(2), cxt);
		fcinfo->flinfo->fn_extra = mc;
	}
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	value = PG_GETARG_DATUM(0);
	if (mc->identity)
		PG_RETURN_DATUM(value);
	if (mc->kind == PDP_MASK_CUSTOM)
	{
		LOCAL_FCINFO(call, 1);

		InitFunctionCallInfoData(*call, &mc->custom, 1, mc->collation, NULL, NULL);
		call->args[0].value = value;
		call->args[0].isnull = false;
		result = FunctionCallInvoke(call);
		if (call->isnull)
			PG_RETURN_NULL();
		PG_RETURN_DATUM(result);
	}
	result = pdp_mask_builtin(mc->kind, value, mc->typid, mc->salt, mc->saltlen, &isnull);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result);
}
