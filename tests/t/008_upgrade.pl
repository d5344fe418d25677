# An installed pdp 1.0 holding configuration, consents and audit rows,
# updated with ALTER EXTENSION pdp UPDATE, equals a fresh install of the
# current version configured the same way (same objects, privileges and
# comments), and keeps its data and enforcement.
#
# Database pdp_upgraded is created at 1.0, configured, used (it is also
# pdp.audit_database, so it holds the audit trail) and updated; database
# pdp_fresh is created at the default version and configured with the same
# steps afterwards, so privileges that follow the configuration (EXECUTE on
# the consent functions for purpose holders) are comparable.  A catalog
# description of everything that belongs to extension pdp, run in both,
# must be identical (a difference is shown as a unified diff); database
# pdp_scratch checks that the description sees every kind of object and
# property it claims to compare.
use strict;
use warnings;
use FindBin;
use lib $FindBin::RealBin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my ($upg, $fresh, $scratch) = ('pdp_upgraded', 'pdp_fresh', 'pdp_scratch');

my $node = PostgreSQL::Test::Cluster->new('upgrade');
$node->init;
$node->append_conf('postgresql.conf', qq{
shared_preload_libraries = 'pdp'
pdp.audit_flush_interval = 100ms
pdp.audit_database = '$upg'
max_connections = 40
});
$node->start;

my $default_version = $node->safe_psql('postgres',
	q{SELECT default_version FROM pg_available_extensions WHERE name = 'pdp'});
isnt($default_version, '1.0', "the default version ($default_version) is not 1.0: there is an update to test");

# ---------------------------------------------------------------------
# The catalog description: one line per property of every object that
# belongs to extension pdp, without OIDs or database names, sorted.
# ---------------------------------------------------------------------
my $describe = <<'EOSQL';
WITH ext AS (
    SELECT * FROM pg_extension WHERE extname = 'pdp'
),
-- the extension's members
m AS (
    SELECT d.classid, d.objid, d.objsubid
    FROM pg_depend d, ext
    WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e'
),
rels AS (SELECT c.* FROM pg_class c WHERE c.oid IN (SELECT objid FROM m WHERE classid = 'pg_class'::regclass)),
procs AS (SELECT p.* FROM pg_proc p WHERE p.oid IN (SELECT objid FROM m WHERE classid = 'pg_proc'::regclass)),
types AS (SELECT t.* FROM pg_type t WHERE t.oid IN (SELECT objid FROM m WHERE classid = 'pg_type'::regclass)),
-- the members, their parts (constraints, indexes, triggers, policies,
-- rules, defaults, row and array types), the schema and the extension
objs AS (
    SELECT classid, objid FROM m
    UNION SELECT 'pg_constraint'::regclass, co.oid FROM pg_constraint co
          WHERE co.conrelid IN (SELECT oid FROM rels) OR co.contypid IN (SELECT oid FROM types)
    UNION SELECT 'pg_class'::regclass, i.indexrelid FROM pg_index i WHERE i.indrelid IN (SELECT oid FROM rels)
    UNION SELECT 'pg_trigger'::regclass, t.oid FROM pg_trigger t WHERE t.tgrelid IN (SELECT oid FROM rels)
    UNION SELECT 'pg_policy'::regclass, po.oid FROM pg_policy po WHERE po.polrelid IN (SELECT oid FROM rels)
    UNION SELECT 'pg_rewrite'::regclass, r.oid FROM pg_rewrite r WHERE r.ev_class IN (SELECT oid FROM rels)
    UNION SELECT 'pg_attrdef'::regclass, a.oid FROM pg_attrdef a WHERE a.adrelid IN (SELECT oid FROM rels)
    UNION SELECT 'pg_type'::regclass, t.oid FROM pg_type t
          WHERE t.typrelid IN (SELECT oid FROM rels) OR t.typelem IN (SELECT oid FROM types)
             OR t.typelem IN (SELECT r.oid FROM pg_type r WHERE r.typrelid IN (SELECT oid FROM rels))
    UNION SELECT 'pg_namespace'::regclass, extnamespace FROM ext
    UNION SELECT 'pg_extension'::regclass, oid FROM ext
),
pdp_roles AS (SELECT oid, rolname FROM pg_roles WHERE rolname LIKE 'pdp\_%'),
-- objects outside the extension that depend on its members: what the
-- configuration made (row protection policies on user tables)
deps AS (
    SELECT DISTINCT d.classid, d.objid, d.objsubid, d.refclassid, d.refobjid, d.refobjsubid
    FROM pg_depend d JOIN m ON d.refclassid = m.classid AND d.refobjid = m.objid
    WHERE d.deptype = 'n' AND (d.classid, d.objid) NOT IN (SELECT classid, objid FROM objs)
),
lines(l) AS (
    -- the extension
    SELECT format('extension|%s|version %s|owner %s|schema %s|relocatable %s',
                  extname, extversion, extowner::regrole, extnamespace::regnamespace, extrelocatable)
    FROM ext
    UNION ALL
    SELECT format('extension|pdp|configuration table %s|condition %L', c.rel::regclass, c.cond)
    FROM ext, unnest(ext.extconfig, ext.extcondition) c(rel, cond)
    UNION ALL
    SELECT format('extension|pdp|requires %s', r.extname)
    FROM pg_depend d JOIN pg_extension r ON r.oid = d.refobjid, ext
    WHERE d.classid = 'pg_extension'::regclass AND d.objid = ext.oid
      AND d.refclassid = 'pg_extension'::regclass
    UNION ALL
    -- rows the extension brings in its configuration tables (those its
    -- dump condition leaves out), without timestamp columns
    SELECT format('extension data|%s|%s', c.rel::regclass, x::text)
    FROM ext, unnest(ext.extconfig, ext.extcondition) c(rel, cond)
    JOIN pg_class r ON r.oid = c.rel AND r.relkind IN ('r', 'p') AND c.cond <> ''
    CROSS JOIN LATERAL (
        SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) AS cols
        FROM pg_attribute a
        WHERE a.attrelid = c.rel AND a.attnum > 0 AND NOT a.attisdropped
          AND a.atttypid NOT IN ('timestamptz'::regtype, 'timestamp'::regtype, 'date'::regtype)) k
    CROSS JOIN LATERAL unnest(xpath('/table/row/j/text()', query_to_xml(
        format('SELECT to_jsonb(t)::text AS j FROM (SELECT %s FROM %s) t EXCEPT ALL SELECT to_jsonb(t)::text FROM (SELECT %s FROM %s %s) t',
               k.cols, c.rel::regclass, k.cols, c.rel::regclass, c.cond),
        false, false, ''))) x
    UNION ALL
    -- every member, whatever its kind
    SELECT format('member|%s|%s', o.type, o.identity)
    FROM m, pg_identify_object(m.classid, m.objid, m.objsubid) o
    UNION ALL
    SELECT format('unhandled member kind|%s|%s', o.type, o.identity)
    FROM m, pg_identify_object(m.classid, m.objid, m.objsubid) o
    WHERE m.classid NOT IN ('pg_proc'::regclass, 'pg_class'::regclass, 'pg_type'::regclass,
                            'pg_event_trigger'::regclass, 'pg_cast'::regclass,
                            'pg_operator'::regclass, 'pg_namespace'::regclass)
       OR (m.classid = 'pg_class'::regclass
           AND (SELECT relkind FROM pg_class WHERE oid = m.objid) NOT IN ('r', 'p', 'v', 'm', 'S', 'f'))
    UNION ALL
    -- objects in the extension's schema that do not belong to it
    SELECT format('not a member|%s|%s', o.type, o.identity)
    FROM (
        SELECT 'pg_class'::regclass AS classid, c.oid AS objid FROM pg_class c, ext
        WHERE c.relnamespace = ext.extnamespace AND c.relkind NOT IN ('i', 'I', 't', 'c')
        UNION ALL
        SELECT 'pg_proc'::regclass, p.oid FROM pg_proc p, ext WHERE p.pronamespace = ext.extnamespace
        UNION ALL
        SELECT 'pg_type'::regclass, t.oid FROM pg_type t, ext
        WHERE t.typnamespace = ext.extnamespace
          AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
          AND NOT (t.typcategory = 'A' AND t.typelem <> 0)
        UNION ALL
        SELECT 'pg_operator'::regclass, o.oid FROM pg_operator o, ext WHERE o.oprnamespace = ext.extnamespace
        UNION ALL
        SELECT 'pg_collation'::regclass, o.oid FROM pg_collation o, ext WHERE o.collnamespace = ext.extnamespace
        UNION ALL
        SELECT 'pg_statistic_ext'::regclass, o.oid FROM pg_statistic_ext o, ext WHERE o.stxnamespace = ext.extnamespace
        UNION ALL
        SELECT 'pg_opfamily'::regclass, o.oid FROM pg_opfamily o, ext WHERE o.opfnamespace = ext.extnamespace
    ) x, pg_identify_object(x.classid, x.objid, 0) o
    WHERE (x.classid, x.objid) NOT IN (SELECT classid, objid FROM m)
    UNION ALL
    -- functions
    SELECT format('function|%s|owner %s|kind %s|language %s|volatility %s|strict %s|security definer %s|leakproof %s|parallel %s|cost %s|rows %s|acl %s',
                  p.oid::regprocedure, p.proowner::regrole, p.prokind, l.lanname, p.provolatile,
                  p.proisstrict, p.prosecdef, p.proleakproof, p.proparallel, p.procost, p.prorows,
                  (SELECT string_agg(a::text, ' ' ORDER BY a::text)
                   FROM unnest(COALESCE(p.proacl, acldefault('f', p.proowner))) a))
    FROM procs p JOIN pg_language l ON l.oid = p.prolang
    UNION ALL
    SELECT format('function|%s|definition %s|%s', p.oid::regprocedure, lpad(s.n::text, 4, '0'), s.line)
    FROM procs p,
         regexp_split_to_table(pg_get_functiondef(CASE WHEN p.prokind <> 'a' THEN p.oid END), E'\n')
             WITH ORDINALITY s(line, n)
    UNION ALL
    SELECT format('function|%s|aggregate %s|transition %s (%s)|final %s|combine %s|serial %s|deserial %s|initial %L|sort operator %s|final modify %s',
                  p.oid::regprocedure, a.aggkind, a.aggtransfn, a.aggtranstype::regtype,
                  a.aggfinalfn, a.aggcombinefn, a.aggserialfn, a.aggdeserialfn, a.agginitval,
                  NULLIF(a.aggsortop, 0)::regoperator, a.aggfinalmodify)
    FROM procs p JOIN pg_aggregate a ON a.aggfnoid = p.oid
    UNION ALL
    -- relations: tables, views, materialized views, sequences
    SELECT format('relation|%s|kind %s|owner %s|persistence %s|access method %s|tablespace %s|row security %s|forced %s|options %s|replica identity %s|partition key %s|partition of %s %s|populated %s|acl %s',
                  c.oid::regclass, c.relkind, c.relowner::regrole, c.relpersistence, am.amname,
                  ts.spcname, c.relrowsecurity, c.relforcerowsecurity, c.reloptions, c.relreplident,
                  pg_get_partkeydef(c.oid),
                  (SELECT string_agg(i.inhparent::regclass::text, ',' ORDER BY i.inhseqno)
                   FROM pg_inherits i WHERE i.inhrelid = c.oid),
                  pg_get_expr(c.relpartbound, c.oid), c.relispopulated,
                  (SELECT string_agg(a::text, ' ' ORDER BY a::text)
                   FROM unnest(COALESCE(c.relacl, acldefault(CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::"char", c.relowner))) a))
    FROM rels c
    LEFT JOIN pg_am am ON am.oid = c.relam
    LEFT JOIN pg_tablespace ts ON ts.oid = c.reltablespace
    UNION ALL
    SELECT format('relation|%s|column %s|%s',
                  c.oid::regclass, lpad(a.attnum::text, 3, '0'),
                  CASE WHEN a.attisdropped THEN '(dropped)' ELSE
                  format('%I|type %s|collation %s|not null %s|default %s|identity %s|generated %s|storage %s|compression %s|statistics %s|options %s|acl %s',
                         a.attname, format_type(a.atttypid, a.atttypmod), co.collname, a.attnotnull,
                         pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, a.attstorage,
                         a.attcompression, a.attstattarget,
                         -- (this server adds an option pg_attver=N of its own to
                         -- every column, N differing between databases)
                         (SELECT array_agg(o ORDER BY o) FROM unnest(a.attoptions) o
                          WHERE o NOT LIKE 'pg\_attver=%'),
                         (SELECT string_agg(x::text, ' ' ORDER BY x::text) FROM unnest(a.attacl) x))
                  END)
    FROM rels c
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    LEFT JOIN pg_collation co ON co.oid = a.attcollation
    UNION ALL
    SELECT format('relation|%s|constraint %I|%s', co.conrelid::regclass, co.conname, pg_get_constraintdef(co.oid))
    FROM pg_constraint co WHERE co.conrelid IN (SELECT oid FROM rels)
    UNION ALL
    SELECT format('relation|%s|index %s|valid %s|clustered %s|replica identity %s',
                  i.indrelid::regclass, pg_get_indexdef(i.indexrelid), i.indisvalid,
                  i.indisclustered, i.indisreplident)
    FROM pg_index i WHERE i.indrelid IN (SELECT oid FROM rels)
    UNION ALL
    SELECT format('relation|%s|trigger %s|enabled %s', t.tgrelid::regclass, pg_get_triggerdef(t.oid), t.tgenabled)
    FROM pg_trigger t WHERE t.tgrelid IN (SELECT oid FROM rels) AND NOT t.tgisinternal
    UNION ALL
    SELECT format('relation|%s|policy %I|command %s|permissive %s|roles %s|using %s|check %s',
                  po.polrelid::regclass, po.polname, po.polcmd, po.polpermissive,
                  (SELECT string_agg(CASE WHEN r = 0 THEN 'public' ELSE r::regrole::text END, ','
                                     ORDER BY CASE WHEN r = 0 THEN 'public' ELSE r::regrole::text END)
                   FROM unnest(po.polroles) r),
                  pg_get_expr(po.polqual, po.polrelid), pg_get_expr(po.polwithcheck, po.polrelid))
    FROM pg_policy po WHERE po.polrelid IN (SELECT oid FROM rels)
    UNION ALL
    SELECT format('relation|%s|rule %I|enabled %s|%s', r.ev_class::regclass, r.rulename, r.ev_enabled, pg_get_ruledef(r.oid))
    FROM pg_rewrite r WHERE r.ev_class IN (SELECT oid FROM rels) AND r.rulename <> '_RETURN'
    UNION ALL
    SELECT format('relation|%s|view definition %s|%s', c.oid::regclass, lpad(s.n::text, 4, '0'), s.line)
    FROM rels c, regexp_split_to_table(pg_get_viewdef(c.oid, true), E'\n') WITH ORDINALITY s(line, n)
    WHERE c.relkind IN ('v', 'm')
    UNION ALL
    SELECT format('relation|%s|sequence|type %s|start %s|increment %s|min %s|max %s|cache %s|cycle %s|owned by %s',
                  s.seqrelid::regclass, s.seqtypid::regtype, s.seqstart, s.seqincrement, s.seqmin,
                  s.seqmax, s.seqcache, s.seqcycle,
                  (SELECT string_agg(format('%s.%I (%s)', d.refobjid::regclass, a.attname, d.deptype), ',')
                   FROM pg_depend d
                   JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                   WHERE d.classid = 'pg_class'::regclass AND d.objid = s.seqrelid
                     AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))
    FROM pg_sequence s WHERE s.seqrelid IN (SELECT oid FROM rels)
    UNION ALL
    -- types
    SELECT format('type|%s|kind %s|owner %s|category %s|length %s|by value %s|alignment %s|storage %s|input %s|output %s|receive %s|send %s|modifier in %s|modifier out %s|analyze %s|subscript %s|base %s|not null %s|default %s|collation %s|acl %s',
                  t.oid::regtype, t.typtype, t.typowner::regrole, t.typcategory, t.typlen, t.typbyval,
                  t.typalign, t.typstorage, t.typinput, t.typoutput, t.typreceive, t.typsend,
                  t.typmodin, t.typmodout, t.typanalyze, t.typsubscript,
                  CASE WHEN t.typbasetype <> 0 THEN format_type(t.typbasetype, t.typtypmod) END,
                  t.typnotnull, t.typdefault, co.collname,
                  (SELECT string_agg(a::text, ' ' ORDER BY a::text)
                   FROM unnest(COALESCE(t.typacl, acldefault('T', t.typowner))) a))
    FROM types t LEFT JOIN pg_collation co ON co.oid = t.typcollation
    UNION ALL
    SELECT format('type|%s|label %s|%s', e.enumtypid::regtype,
                  lpad((row_number() OVER (PARTITION BY e.enumtypid ORDER BY e.enumsortorder))::text, 4, '0'),
                  e.enumlabel)
    FROM pg_enum e WHERE e.enumtypid IN (SELECT oid FROM types)
    UNION ALL
    SELECT format('type|%s|attribute %s|%I|type %s|collation %s', t.oid::regtype, lpad(a.attnum::text, 3, '0'),
                  a.attname, format_type(a.atttypid, a.atttypmod), co.collname)
    FROM types t JOIN pg_attribute a ON a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_collation co ON co.oid = a.attcollation
    UNION ALL
    SELECT format('type|%s|constraint %I|%s', co.contypid::regtype, co.conname, pg_get_constraintdef(co.oid))
    FROM pg_constraint co WHERE co.contypid IN (SELECT oid FROM types)
    UNION ALL
    SELECT format('type|%s|range of %s|opclass %s|collation %s|canonical %s|difference %s|multirange %s',
                  r.rngtypid::regtype, r.rngsubtype::regtype, oc.opcname, co.collname,
                  r.rngcanonical, r.rngsubdiff, r.rngmultitypid::regtype)
    FROM pg_range r JOIN pg_opclass oc ON oc.oid = r.rngsubopc
    LEFT JOIN pg_collation co ON co.oid = r.rngcollation
    WHERE r.rngtypid IN (SELECT oid FROM types)
    UNION ALL
    -- event triggers, casts, operators
    SELECT format('event trigger|%s|event %s|function %s|enabled %s|tags %s|owner %s',
                  e.evtname, e.evtevent, e.evtfoid::regprocedure, e.evtenabled, e.evttags, e.evtowner::regrole)
    FROM pg_event_trigger e WHERE e.oid IN (SELECT objid FROM m WHERE classid = 'pg_event_trigger'::regclass)
    UNION ALL
    SELECT format('cast|%s AS %s|function %s|context %s|method %s',
                  format_type(c.castsource, NULL), format_type(c.casttarget, NULL),
                  NULLIF(c.castfunc, 0)::regprocedure, c.castcontext, c.castmethod)
    FROM pg_cast c WHERE c.oid IN (SELECT objid FROM m WHERE classid = 'pg_cast'::regclass)
    UNION ALL
    SELECT format('operator|%s|kind %s|result %s|function %s|commutator %s|negator %s|restrict %s|join %s|hashes %s|merges %s|owner %s',
                  o.oid::regoperator, o.oprkind, o.oprresult::regtype, o.oprcode,
                  NULLIF(o.oprcom, 0)::regoperator, NULLIF(o.oprnegate, 0)::regoperator,
                  o.oprrest, o.oprjoin, o.oprcanhash, o.oprcanmerge, o.oprowner::regrole)
    FROM pg_operator o WHERE o.oid IN (SELECT objid FROM m WHERE classid = 'pg_operator'::regclass)
    UNION ALL
    -- the schema (and any schema that is a member), its default privileges
    SELECT format('schema|%I|owner %s|acl %s', n.nspname, n.nspowner::regrole,
                  (SELECT string_agg(a::text, ' ' ORDER BY a::text)
                   FROM unnest(COALESCE(n.nspacl, acldefault('n', n.nspowner))) a))
    FROM pg_namespace n
    WHERE n.oid IN (SELECT objid FROM objs WHERE classid = 'pg_namespace'::regclass)
    UNION ALL
    SELECT format('default privileges|for %s|in %s|on %s|%s', d.defaclrole::regrole,
                  d.defaclnamespace::regnamespace, d.defaclobjtype,
                  (SELECT string_agg(a::text, ' ' ORDER BY a::text) FROM unnest(d.defaclacl) a))
    FROM pg_default_acl d, ext
    WHERE d.defaclnamespace = ext.extnamespace OR d.defaclrole IN (SELECT oid FROM pdp_roles)
    UNION ALL
    -- comments and security labels on all of the above, columns included
    SELECT format('comment|%s|%s|%s', o.type, o.identity, replace(d.description, E'\n', '\n'))
    FROM pg_description d
    JOIN objs ON objs.classid = d.classoid AND objs.objid = d.objoid,
    pg_identify_object(d.classoid, d.objoid, d.objsubid) o
    UNION ALL
    SELECT format('security label|%s|%s|%s|%s', s.provider, o.type, o.identity, s.label)
    FROM pg_seclabel s
    JOIN objs ON objs.classid = s.classoid AND objs.objid = s.objoid,
    pg_identify_object(s.classoid, s.objoid, s.objsubid) o
    UNION ALL
    -- initial privileges (what pg_dump compares the privileges with) of
    -- PUBLIC, superusers and pdp's roles.  Others only get there from the
    -- configuration: any GRANT or REVOKE on a consent function during
    -- ALTER EXTENSION UPDATE records the EXECUTE that purpose holders have
    -- then, which a fresh install cannot have, and an update script cannot
    -- avoid (restoring a dump grants them again from pdp.purpose_role).
    SELECT format('initial privileges|%s|%s|%s|%s', o.type, o.identity, ip.privtype,
                  (SELECT string_agg(a::text, ' ' ORDER BY a::text) FROM unnest(ip.initprivs) a
                   WHERE EXISTS (SELECT 1 FROM aclexplode(ARRAY[a]) x
                                 WHERE x.grantee = 0 OR x.grantee IN (SELECT oid FROM pdp_roles)
                                    OR x.grantee IN (SELECT oid FROM pg_roles WHERE rolsuper))))
    FROM pg_init_privs ip
    JOIN objs ON objs.classid = ip.classoid AND objs.objid = ip.objoid,
    pg_identify_object(ip.classoid, ip.objoid, ip.objsubid) o
    UNION ALL
    -- the roles pdp creates: attributes, memberships, settings, comments
    SELECT format('role|%s|superuser %s|inherit %s|createrole %s|createdb %s|login %s|replication %s|bypassrls %s|connection limit %s|valid until %s',
                  r.rolname, r.rolsuper, r.rolinherit, r.rolcreaterole, r.rolcreatedb, r.rolcanlogin,
                  r.rolreplication, r.rolbypassrls, r.rolconnlimit, r.rolvaliduntil)
    FROM pg_roles r WHERE r.oid IN (SELECT oid FROM pdp_roles)
    UNION ALL
    SELECT format('role|%s|member %s|admin option %s|grantor %s', a.roleid::regrole, a.member::regrole,
                  a.admin_option, a.grantor::regrole)
    FROM pg_auth_members a
    WHERE a.roleid IN (SELECT oid FROM pdp_roles) OR a.member IN (SELECT oid FROM pdp_roles)
    UNION ALL
    SELECT format('role|%s|settings %s|%s', s.setrole::regrole,
                  CASE WHEN s.setdatabase = 0 THEN 'in every database' ELSE 'in this database' END,
                  s.setconfig)
    FROM pg_db_role_setting s
    WHERE s.setrole IN (SELECT oid FROM pdp_roles)
      AND s.setdatabase IN (0, (SELECT oid FROM pg_database WHERE datname = current_database()))
    UNION ALL
    SELECT format('role|%s|comment %s', r.rolname, d.description)
    FROM pg_shdescription d JOIN pdp_roles r ON r.oid = d.objoid
    WHERE d.classoid = 'pg_authid'::regclass
    UNION ALL
    -- what the configuration made outside the extension with its objects:
    -- row protection policies (with their comments and tables' row
    -- security), tags and subject columns
    SELECT format('configuration|%s|%s|depends on %s %s', o.type, o.identity, r.type, r.identity)
    FROM deps, pg_identify_object(deps.classid, deps.objid, deps.objsubid) o,
         pg_identify_object(deps.refclassid, deps.refobjid, deps.refobjsubid) r
    UNION ALL
    SELECT format('configuration|policy %I on %s|command %s|permissive %s|roles %s|using %s|check %s',
                  po.polname, po.polrelid::regclass, po.polcmd, po.polpermissive,
                  (SELECT string_agg(CASE WHEN r = 0 THEN 'public' ELSE r::regrole::text END, ','
                                     ORDER BY CASE WHEN r = 0 THEN 'public' ELSE r::regrole::text END)
                   FROM unnest(po.polroles) r),
                  pg_get_expr(po.polqual, po.polrelid), pg_get_expr(po.polwithcheck, po.polrelid))
    FROM pg_policy po
    WHERE po.polrelid IN (SELECT p.polrelid FROM pg_policy p
                          WHERE p.oid IN (SELECT objid FROM deps WHERE classid = 'pg_policy'::regclass))
    UNION ALL
    SELECT format('configuration|row security of %s|%s|forced %s', c.oid::regclass, c.relrowsecurity, c.relforcerowsecurity)
    FROM pg_class c
    WHERE c.oid IN (SELECT p.polrelid FROM pg_policy p
                    WHERE p.oid IN (SELECT objid FROM deps WHERE classid = 'pg_policy'::regclass))
    UNION ALL
    SELECT format('configuration|comment|%s|%s|%s', o.type, o.identity, replace(d.description, E'\n', '\n'))
    FROM pg_description d
    JOIN deps ON deps.classid = d.classoid AND deps.objid = d.objoid,
    pg_identify_object(d.classoid, d.objoid, d.objsubid) o
    UNION ALL
    SELECT format('configuration|security label %s|%s|%s|%s', s.provider, o.type, o.identity, s.label)
    FROM pg_seclabel s, pg_identify_object(s.classoid, s.objoid, s.objsubid) o
    WHERE s.provider LIKE 'pdp%'
      AND (s.classoid, s.objoid) NOT IN (SELECT classid, objid FROM objs)
)
SELECT d FROM (SELECT replace(l, current_database(), '<database>') AS d FROM lines) s ORDER BY d COLLATE "C";
EOSQL

sub describe
{
	my ($db) = @_;
	return $node->safe_psql($db, $describe);
}

# How many lines of a description match a pattern
sub lines_like
{
	my ($desc, $re) = @_;
	return scalar grep { /$re/ } split /\n/, $desc;
}

# Compare two descriptions (both are written to tmp_check); on a
# difference show a unified diff
sub same_description
{
	my ($left, $right, $lname, $rname, $name) = @_;
	my $dir = $PostgreSQL::Test::Utils::tmp_check;
	my ($lf, $rf) = ("$dir/008_upgrade.$lname.txt", "$dir/008_upgrade.$rname.txt");
	for ([ $lf, $left ], [ $rf, $right ])
	{
		open my $fh, '>', $_->[0] or die "$_->[0]: $!";
		print $fh $_->[1], "\n";
		close $fh;
	}
	return pass($name) if $left eq $right;
	my $diff = `diff -u --label $lname --label $rname '$lf' '$rf'`;
	fail($name);
	diag("the descriptions differ (--- $lname, +++ $rname; both in $dir):\n$diff");
	return 0;
}

# ---------------------------------------------------------------------
# The user side, the same in both databases: tables, a partitioned table,
# a view, and pdp's configuration made through its functions.
# ---------------------------------------------------------------------
my $schema = q{
CREATE TABLE customers (
    id          int PRIMARY KEY,
    full_name   text,
    phone       text,
    national_id text,
    income      numeric,
    loyalty     text
);
INSERT INTO customers
SELECT g, 'customer ' || g, '0912 000 ' || lpad(g::text, 3, '0'), '0010990' || lpad(g::text, 5, '0'),
       g * 1000000, 'L' || g
FROM generate_series(1, 20) g;
CREATE TABLE orders (id int, customer_id int, amount numeric, shipping_address text)
    PARTITION BY RANGE (id);
CREATE TABLE orders_1 PARTITION OF orders FOR VALUES FROM (0) TO (100);
CREATE TABLE orders_2 PARTITION OF orders FOR VALUES FROM (100) TO (200);
INSERT INTO orders SELECT g * 5, g % 20 + 1, g * 10, 'street ' || g FROM generate_series(1, 39) g;
CREATE VIEW customer_contacts AS SELECT id, full_name AS name, phone FROM customers;
GRANT SELECT ON customers, orders, orders_1, orders_2, customer_contacts
    TO billing_app, marketing_team, clerk;
};

my $configuration = q{
-- SECURITY LABEL also needs the table's owner
SECURITY LABEL FOR pdp ON COLUMN customers.full_name IS 'full_name';
SET ROLE dpo;
SELECT pdp.define_category('loyalty_number', false, 'Loyalty card number', 'internal policy 7');
SELECT pdp.tag_column('customers', 'phone', 'phone_number');
SELECT pdp.tag_column('customers', 'national_id', 'identity_number');
SELECT pdp.tag_column('customers', 'income', 'banking_customer_info');
SELECT pdp.tag_column('customers', 'loyalty', 'loyalty_number');
SELECT pdp.tag_column('orders', 'shipping_address', 'address');
SELECT pdp.tag_column('customer_contacts', 'name', 'full_name');
SELECT pdp.tag_column('customers', 'national_id', 'other_identifying');
SELECT pdp.untag_column('customers', 'national_id');
SELECT pdp.tag_column('customers', 'national_id', 'identity_number');
SELECT pdp.define_purpose('billing', 'Invoices and payment reminders', 'contract');
SELECT pdp.define_purpose('marketing', 'Newsletters and offers');
SELECT pdp.define_purpose('tax_audit', 'Requests of the tax authority', 'legal_obligation');
SELECT pdp.define_purpose('fraud', 'Fraud detection', 'legitimate_interest');
SELECT pdp.allow('billing', 'full_name'), pdp.allow('billing', 'phone_number'),
       pdp.allow('billing', 'address');
SELECT pdp.allow('marketing', 'full_name'), pdp.allow('marketing', 'loyalty_number'),
       pdp.allow('marketing', 'address');
SELECT pdp.allow('tax_audit', 'full_name'), pdp.allow('tax_audit', 'banking_customer_info'),
       pdp.allow('tax_audit', 'identity_number');
SELECT pdp.allow('fraud', 'phone_number'), pdp.disallow('fraud', 'phone_number');
SELECT pdp.grant_purpose('billing_app', 'billing'), pdp.grant_purpose('billing_app', 'tax_audit');
SELECT pdp.grant_purpose('marketing_team', 'marketing');
SELECT pdp.grant_purpose('clerk', 'fraud'), pdp.revoke_purpose('clerk', 'fraud');
SELECT pdp.set_limit('marketing', 50, 2000);
SELECT pdp.set_limit('marketing', 500, 20000, 'marketing_team');
SELECT pdp.set_limit('billing', NULL, 100000);
SELECT pdp.set_limit('fraud', 1, 1), pdp.drop_limit('fraud');
SELECT pdp.set_subject_column('customers', 'id');
SELECT pdp.set_subject_column('orders', 'customer_id');
SELECT pdp.protect_rows('customers'), pdp.protect_rows('orders');
RESET ROLE;
-- a partition created under the protected table is protected as it appears
CREATE TABLE orders_3 PARTITION OF orders FOR VALUES FROM (200) TO (300);
INSERT INTO orders SELECT g * 5, g % 20 + 1, g * 10, 'street ' || g FROM generate_series(40, 59) g;
GRANT SELECT ON orders_3 TO billing_app, marketing_team, clerk;
-- consent recorded by the team holding the purpose, restriction by the DPO
SET ROLE marketing_team;
SELECT pdp.grant_consent(g, 'marketing', source => 'signup form') FROM generate_series(1, 10) g;
SELECT pdp.grant_consent('11', 'marketing', '2099-01-01 00:00+00', 'shop', 'form #8812, IP 203.0.113.9');
SELECT pdp.withdraw_consent(2, 'marketing', source => 'unsubscribe link');
RESET ROLE;
SET ROLE dpo;
SELECT pdp.restrict_processing(3, 'disputes accuracy, ticket 881');
SELECT pdp.restrict_processing('4', 'objection');
SELECT pdp.lift_restriction(4);
RESET ROLE;
};

# reads under purposes, in log mode (the default) and in enforce mode
my $reads_log = q{
SET ROLE billing_app;
SET pdp.purpose = 'billing';
SELECT count(full_name), count(phone) FROM customers;
SELECT count(shipping_address) FROM orders;
RESET ROLE;
SET ROLE marketing_team;
SET pdp.purpose = 'marketing';
SELECT count(full_name), count(loyalty) FROM customers;
SELECT count(phone) FROM customers;
RESET ROLE;
SET ROLE clerk;
SET pdp.purpose = 'billing';
SELECT count(full_name) FROM customers;
RESET ROLE;
};
my $read_refused = q{\set VERBOSITY verbose
SET pdp.mode = enforce;
SET ROLE clerk;
SET pdp.purpose = 'billing';
SELECT full_name FROM customers WHERE id = 1;
};

sub configure
{
	my ($db) = @_;
	$node->safe_psql($db, $schema . $configuration);
	$node->safe_psql($db, $reads_log);
	$node->safe_psql($db, q{
SET pdp.mode = enforce;
SET ROLE billing_app;
SET pdp.purpose = 'billing';
SELECT count(full_name) FROM customers;
SELECT count(full_name) FROM customers;
SELECT count(full_name) FROM customers;
});
	my ($ret, $out, $err) = $node->psql($db, $read_refused);
	like($err, qr/ERROR:  42501: permission denied to read column "full_name"/,
		"$db: in enforce mode a role without the purpose is refused");
	$node->safe_psql($db, 'SELECT pdp.flush_audit()');
}

# ---------------------------------------------------------------------
# Database pdp_upgraded: pdp 1.0, configured and used, then updated
# ---------------------------------------------------------------------
$node->safe_psql('postgres', "CREATE DATABASE $upg");
$node->safe_psql($upg, q{CREATE EXTENSION pdp VERSION '1.0'});
is($node->safe_psql($upg, q{SELECT extversion FROM pg_extension WHERE extname = 'pdp'}),
	'1.0', 'pdp 1.0 installed');
$node->safe_psql($upg, q{
CREATE ROLE dpo LOGIN;
GRANT pdp_admin TO dpo;
CREATE ROLE compliance LOGIN IN ROLE pdp_auditor;
CREATE ROLE billing_app LOGIN;
CREATE ROLE marketing_team LOGIN;
CREATE ROLE clerk LOGIN;
});
configure($upg);

# What the update must keep: configuration, tags, subject columns,
# protection, consents and their history (all columns pdp 1.0 has)
my $kept = q{
SELECT x FROM (
    SELECT format('category|%s|%s|%s|%s|%s', name, sensitive, legal_ref, description, builtin) FROM pdp.category
    WHERE NOT builtin
    -- built-in categories of 1.0 keep name and sensitivity (their legal
    -- references and descriptions become Decree 356/2025's: checked below)
    UNION ALL SELECT format('built-in category|%s|%s', name, sensitive) FROM pdp.category
    WHERE builtin AND name NOT IN ('tax_insurance_number', 'private_life', 'account_credentials',
                                   'identity_document_image', 'online_activity')
    UNION ALL SELECT format('purpose|%s|%s|%s|%s', name, description, legal_basis, created_at) FROM pdp.purpose
    UNION ALL SELECT format('policy|%s|%s', purpose, category) FROM pdp.purpose_category
    UNION ALL SELECT format('purpose grant|%s|%s', purpose, role) FROM pdp.purpose_role
    UNION ALL SELECT format('limit|%s|%s|%s|%s', purpose, role, max_rows_per_statement, max_records_per_day)
              FROM pdp.purpose_limit
    UNION ALL SELECT format('personal column|%s|%s|%s|%s|%s', relation, column_name, category, sensitive, inherited_from)
              FROM pdp.personal_columns
    UNION ALL SELECT format('subject table|%s|%s|%s', relation, subject_column, protected) FROM pdp.subject_tables
    UNION ALL SELECT format('label|%s|%s|%s', s.provider, o.identity, s.label)
              FROM pg_seclabel s, pg_identify_object(s.classoid, s.objoid, s.objsubid) o
    UNION ALL SELECT format('row policy|%s|%s|%s|%s|%s', p.polname, p.polrelid::regclass, p.polpermissive,
                           pg_get_expr(p.polqual, p.polrelid), obj_description(p.oid, 'pg_policy'))
              FROM pg_policy p
    UNION ALL SELECT format('row security|%s|%s|%s', oid::regclass, relrowsecurity, relforcerowsecurity)
              FROM pg_class WHERE relname IN ('customers', 'orders', 'orders_1', 'orders_2', 'orders_3')
    UNION ALL SELECT format('consent|%s|%s|%s|%s|%s', subject, purpose, expires_at, granted_at, consent_id)
              FROM pdp.consent
    UNION ALL SELECT format('restriction|%s|%s|%s|%s', subject, reason, since, restriction_id) FROM pdp.restriction
    UNION ALL SELECT format('consent history|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s', id, event_time, subject, purpose,
                            action, expires_at, source, evidence, reason, recorded_by)
              FROM pdp.consent_log
    UNION ALL SELECT format('consent id sequence|%s|%s', last_value, is_called) FROM pdp.consent_log_id_seq
    UNION ALL SELECT format('current consent|%s|%s|%s|%s|%s|%s', subject, purpose, status, restricted, in_force, withdrawn_at)
              FROM pdp.consents
) k(x) ORDER BY x COLLATE "C"
};
# The audit rows: how many, of which kinds, and their hashes (each covers
# all columns of its row and the previous row's hash)
my $audit_upto = sub {
	my ($max) = @_;
	return qq{
SELECT count(*) || ' rows', md5(string_agg(encode(hash, 'hex'), ',' ORDER BY id))
FROM pdp.audit_log WHERE id <= $max
UNION ALL
SELECT * FROM (
    SELECT format('%s|%s|%s|%s', kind, decision, reason, database), count(*)::text
    FROM pdp.audit_log WHERE id <= $max GROUP BY 1) k(k, n)
ORDER BY 1
};
};

$node->safe_psql($upg, 'SELECT pdp.flush_audit()');
my $kept_before = $node->safe_psql($upg, $kept);
my ($head_id, $head_hash) = split /\|/, $node->safe_psql($upg, 'SELECT id, hash FROM pdp.audit_chain_head()');
my $audit_before = $node->safe_psql($upg, $audit_upto->($head_id));
# the kinds of events that must be in the trail (others may be there too);
# the role column is "current_user" before the update, role after it
sub missing_events
{
	my ($role, $where, @expected) = @_;
	my %seen = map { $_ => 1 } split /\n/, $node->safe_psql($upg, qq{
SELECT DISTINCT format('%s/%s/%s', kind, decision, $role) FROM pdp.audit_log WHERE $where});
	return join(', ', grep { !$seen{$_} } @expected);
}
is(missing_events('"current_user"', "database = '$upg'",
		'access/allowed/billing_app', 'access/allowed/marketing_team', 'access/violation/clerk',
		'access/violation/marketing_team', 'access/blocked/clerk', 'consent/grant/marketing_team',
		'consent/withdraw/marketing_team', 'consent/restrict/dpo', 'consent/lift/dpo'),
	'', 'before the update the trail holds allowed, violation and blocked reads, and consent events');
ok($node->safe_psql($upg, qq{SELECT count(*) FROM pdp.audit_log WHERE kind = 'config' AND database = '$upg'}) >= 20,
	'... and configuration events');
# the 1.1 library summarizes allowed reads (pdp.log_allowed = summary); a
# table still at 1.0 has no statements column: the counts go into detail
ok($node->safe_psql($upg, q{SELECT count(*) FROM pdp.audit_log WHERE kind = 'access' AND decision = 'allowed'
	AND (detail->>'statements')::bigint > 0 AND detail ? 'first_time'}) > 0,
	'... allowed reads as summaries, their counts in detail');
is($node->safe_psql($upg, 'SELECT pdp.verify_audit_log()'), '', 'the chain verifies before the update');

# ---------------------------------------------------------------------
# The update
# ---------------------------------------------------------------------
# a grant a DBA gave on a view over the trail (the update makes it again)
$node->safe_psql($upg, 'CREATE ROLE "Odd Auditor"; GRANT SELECT ON pdp.bulk_reads TO clerk, "Odd Auditor"');
# ... and grants of other shapes: on columns, by a role holding the grant
# option, and a REVOKE of pdp's own grant; all must stay what they were,
# and stay changes to the extension's initial privileges (pg_dump dumps
# only those: a grant recorded as initial vanishes from every dump, and a
# revoke recorded as initial is undone by a restore)
$node->safe_psql($upg, q{
CREATE ROLE adv_col; CREATE ROLE adv_opt; CREATE ROLE adv_sub;
GRANT SELECT (id, kind) ON pdp.audit_events TO adv_col;
GRANT SELECT ON pdp.violations TO adv_opt WITH GRANT OPTION;
SET ROLE adv_opt; GRANT SELECT ON pdp.violations TO adv_sub; RESET ROLE;
REVOKE SELECT ON pdp.sensitive_access FROM pdp_auditor;
});
my $acl_query = q{SELECT c.relname || ':' || c.relacl::text || ':' || COALESCE((SELECT string_agg(a.attname || '=' || a.attacl::text, ',' ORDER BY a.attnum)
	FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attacl IS NOT NULL), '')
	FROM pg_class c WHERE c.relnamespace = 'pdp'::regnamespace
	AND c.relname IN ('audit_events', 'violations', 'access_summary', 'sensitive_access', 'bulk_reads') ORDER BY c.relname};
my $initprivs_query = q{SELECT c.relname || ':' || ip.objsubid || ':' || ip.initprivs::text FROM pg_init_privs ip JOIN pg_class c ON c.oid = ip.objoid
	WHERE ip.classoid = 'pg_class'::regclass AND c.relnamespace = 'pdp'::regnamespace
	AND c.relname IN ('audit_events', 'violations', 'access_summary', 'sensitive_access', 'bulk_reads') ORDER BY 1};
my $acl_before = $node->safe_psql($upg, $acl_query);
my $initprivs_before = $node->safe_psql($upg, $initprivs_query);
$node->safe_psql($upg, 'ALTER EXTENSION pdp UPDATE');
is($node->safe_psql($upg, $acl_query), $acl_before,
	'privileges on the views over the trail are as they were (columns, grant options, grantors, revokes)');
is($node->safe_psql($upg, $initprivs_query), $initprivs_before,
	'... and their initial privileges too: what the DBA changed stays a change for pg_dump');
my $dump = `pg_dump -d "@{[ $node->connstr($upg) ]}" --schema-only 2>&1`;
like($dump, qr/REVOKE SELECT ON TABLE pdp\.sensitive_access FROM pdp_auditor;/, '... a dump keeps the revoke');
like($dump, qr/GRANT SELECT\(kind\) ON TABLE pdp\.audit_events TO adv_col;/, '... and the column grant');
$node->safe_psql($upg, q{
REVOKE SELECT ON pdp.violations FROM adv_opt CASCADE;
REVOKE SELECT (id, kind) ON pdp.audit_events FROM adv_col;
GRANT SELECT ON pdp.sensitive_access TO pdp_auditor;
});
is($node->safe_psql($upg, q{SELECT has_table_privilege('adv_sub', 'pdp.violations', 'SELECT')}), 'f',
	'... a REVOKE CASCADE from the grantor still reaches the role it granted to');
$node->safe_psql($upg, 'DROP ROLE adv_col, adv_opt, adv_sub');
is($node->safe_psql($upg, q{SELECT string_agg(format_type(atttypid, NULL), ',' ORDER BY attnum) FROM pg_attribute
	WHERE attrelid = 'pdp.audit_log'::regclass AND attname IN ('database', 'session_role', 'role')}),
	'text,text,text', 'the name columns of the trail are text after the update');
is($node->safe_psql($upg, q{SELECT has_table_privilege('clerk', 'pdp.bulk_reads', 'SELECT'), has_table_privilege('Odd Auditor', 'pdp.bulk_reads', 'SELECT')}), 't|t',
	'grants on a view over the trail are kept');
$node->safe_psql($upg, 'REVOKE SELECT ON pdp.bulk_reads FROM clerk, "Odd Auditor"; DROP ROLE "Odd Auditor"');
is($node->safe_psql($upg, q{SELECT extversion FROM pg_extension WHERE extname = 'pdp'}),
	$default_version, "updated to $default_version");

is($node->safe_psql($upg, $kept), $kept_before,
	'configuration, tags, subject columns, protection, consents and consent history are kept');
is($node->safe_psql($upg, $audit_upto->($head_id)), $audit_before,
	"the $head_id audit rows written before the update are there, unchanged");
is($node->safe_psql($upg, qq{SELECT pdp.verify_audit_anchor($head_id, '$head_hash')}), 't',
	'the chain head taken before the update is still an anchor');
is($node->safe_psql($upg, 'SELECT pdp.verify_audit_log()'), '', 'the chain verifies after the update');
# summaries the 1.1 library wrote into the table at 1.0 keep their counts in
# detail: the views count them as the statements they stand for, and never
# as a bulk read
ok($node->safe_psql($upg, qq{SELECT count(*) FROM pdp.audit_log WHERE id <= $head_id AND kind = 'access'
	AND decision = 'allowed' AND (detail->>'statements')::bigint > 1}) > 0,
	'some summaries written before the update stand for several statements');
is($node->safe_psql($upg, q{
SELECT count(*) FROM (
  (SELECT day, role, purpose, category, statements FROM pdp.access_summary
   EXCEPT ALL
   SELECT (e.event_time AT TIME ZONE 'UTC')::date, e.role, e.purpose, c,
          sum(COALESCE(e.statements, (CASE WHEN e.detail ? 'first_time' AND e.decision = 'allowed' THEN e.detail->>'statements' END)::bigint, 1))::bigint
   FROM pdp.audit_log e CROSS JOIN LATERAL unnest(e.categories) c
   WHERE e.kind = 'access' AND e.decision IN ('allowed', 'violation', 'bypass') GROUP BY 1, 2, 3, 4)
  UNION ALL
  (SELECT (e.event_time AT TIME ZONE 'UTC')::date, e.role, e.purpose, c,
          sum(COALESCE(e.statements, (CASE WHEN e.detail ? 'first_time' AND e.decision = 'allowed' THEN e.detail->>'statements' END)::bigint, 1))::bigint
   FROM pdp.audit_log e CROSS JOIN LATERAL unnest(e.categories) c
   WHERE e.kind = 'access' AND e.decision IN ('allowed', 'violation', 'bypass') GROUP BY 1, 2, 3, 4
   EXCEPT ALL
   SELECT day, role, purpose, category, statements FROM pdp.access_summary)) d}), '0',
	'access_summary counts the statements of summaries written before the update');
is($node->safe_psql($upg, qq{SET pdp.bulk_read_threshold = 1;
	SELECT count(*) FROM pdp.bulk_reads WHERE id <= $head_id AND detail ? 'first_time'}), '0',
	'... and bulk_reads does not list them');
# a few exact values
is($node->safe_psql($upg, q{SELECT sensitive, legal_ref, description, builtin FROM pdp.category WHERE name = 'loyalty_number'}),
	'f|internal policy 7|Loyalty card number|f', 'the custom category');
is($node->safe_psql($upg, q{SELECT string_agg(name || ':' || legal_basis, ',' ORDER BY name) FROM pdp.purpose}),
	'billing:contract,fraud:legitimate_interest,marketing:consent,tax_audit:legal_obligation', 'the purposes');
is($node->safe_psql($upg, q{SELECT string_agg(t, ',' ORDER BY t) FROM (SELECT format('%s.%s=%s%s', relation, column_name, category, '<' || inherited_from || '>') FROM pdp.personal_columns) c(t)}),
	'customer_contacts.name=full_name,customers.full_name=full_name,customers.income=banking_customer_info,customers.loyalty=loyalty_number,customers.national_id=identity_number,customers.phone=phone_number,orders.shipping_address=address,orders_1.shipping_address=address<orders>,orders_2.shipping_address=address<orders>,orders_3.shipping_address=address<orders>',
	'the tags');
is($node->safe_psql($upg, q{SELECT string_agg(t, ',' ORDER BY t) FROM (SELECT format('%s.%s:%s', relation, subject_column, protected) FROM pdp.subject_tables) s(t)}),
	'customers.id:t,orders.customer_id:t', 'the subject columns and their protection');
is($node->safe_psql($upg, q{SELECT string_agg(t, ',' ORDER BY t) FROM (SELECT polrelid::regclass || '/' || polname FROM pg_policy) p(t)}),
	'customers/pdp_all_rows,customers/pdp_consent,orders/pdp_all_rows,orders/pdp_consent,orders_1/pdp_all_rows,orders_1/pdp_consent,orders_2/pdp_all_rows,orders_2/pdp_consent,orders_3/pdp_all_rows,orders_3/pdp_consent',
	'the row protection policies');
is($node->safe_psql($upg, q{SELECT count(*), count(*) FILTER (WHERE in_force) FROM pdp.consents}), '11|9',
	'the consents: 11 subjects, 9 in force');
is($node->safe_psql($upg, q{SELECT string_agg(action, ',' ORDER BY id) FROM pdp.consent_history}),
	'grant,grant,grant,grant,grant,grant,grant,grant,grant,grant,grant,withdraw,restrict,restrict,lift',
	'the consent history');
is($node->safe_psql($upg, q{SELECT expires_at, source, evidence FROM pdp.consent_history WHERE subject = '11'}),
	'2099-01-01 00:00:00+00|shop|form #8812, IP 203.0.113.9', 'a grant with its expiry and evidence');
is($node->safe_psql($upg, q{SELECT subject, reason, recorded_by FROM pdp.restrictions}),
	'3|disputes accuracy, ticket 881|dpo', 'the restriction');

# the taxonomy is Decree 356/2025's; the update's changes to it are config events
is($node->safe_psql($upg, q{SELECT count(*), count(*) FILTER (WHERE sensitive), count(previous_ref),
	count(*) FILTER (WHERE legal_ref LIKE 'Decree 356/2025 %') FROM pdp.category WHERE builtin}),
	'29|14|27|29', 'the built-in categories are the 29 of Decree 356/2025 (14 sensitive, 27 with a Decree 13/2023 reference)');
is($node->safe_psql($upg, q{SELECT legal_ref, previous_ref, description FROM pdp.category WHERE name = 'identity_number'}),
	'Decree 356/2025 Art.3(g)|Decree 13/2023 Art.2(3)(g)|Personal identification number (CCCD), old ID card number (CMND), passport number, driving licence number',
	'a carried-over category has the new reference and description, and the one it replaces');
is($node->safe_psql($upg, q{SELECT string_agg(name || ':' || sensitive, ',' ORDER BY name) FROM pdp.category
	WHERE name IN ('account_credentials', 'identity_document_image', 'online_activity', 'private_life', 'tax_insurance_number')}),
	'account_credentials:true,identity_document_image:true,online_activity:true,private_life:true,tax_insurance_number:false',
	'the new categories, with their sensitivity');
$node->safe_psql($upg, 'SELECT pdp.flush_audit()');
is($node->safe_psql($upg, qq{SELECT string_agg(command || ':' || n, ',' ORDER BY command) FROM (
	SELECT command, count(*) AS n FROM pdp.audit_log WHERE id > $head_id AND kind = 'config'
	AND relation = 'pdp.category' AND database = '$upg' GROUP BY command) c}),
	'INSERT:5,UPDATE:24', 'the update recorded its changes to the taxonomy as config events');
is($node->safe_psql($upg, qq{SELECT detail->'old'->>'legal_ref', detail->'new'->>'legal_ref', detail->'new'->>'previous_ref'
	FROM pdp.audit_log WHERE id > $head_id AND kind = 'config' AND relation = 'pdp.category'
	AND database = '$upg' AND detail->'new'->>'name' = 'digital_account'}),
	'Decree 13/2023 Art.2(3)(k)|Decree 356/2025 Art.3(k)|Decree 13/2023 Art.2(3)(k)', '... each with the row before and after');

# ---------------------------------------------------------------------
# Database pdp_collide: pdp 1.0 where the DBA defined a category under a
# name Decree 356/2025 brings (online_activity, as basic data), tagged and
# allowed it, and deleted a built-in one; the update leaves both as the
# DBA made them and says so
# ---------------------------------------------------------------------
my $collide = 'pdp_collide';
$node->safe_psql('postgres', "CREATE DATABASE $collide");
$node->safe_psql($collide, q{
CREATE EXTENSION pdp VERSION '1.0';
CREATE TABLE visits (id int, last_login timestamptz, plate text);
SELECT pdp.define_category('online_activity', false, 'Our own: time of the last login', 'internal policy 9');
SELECT pdp.tag_column('visits', 'last_login', 'online_activity');
SELECT pdp.tag_column('visits', 'plate', 'vehicle_plate');
SELECT pdp.define_purpose('support', 'Customer support', 'contract');
SELECT pdp.allow('support', 'online_activity');
DELETE FROM pdp.category WHERE name = 'vehicle_plate';
UPDATE pdp.category SET sensitive = false WHERE name = 'criminal_record';
});
my $collide_state = q{
SELECT format('%s|%s|%s|%s|%s', name, sensitive, legal_ref, description, builtin) FROM pdp.category WHERE name IN ('online_activity', 'vehicle_plate')
UNION ALL SELECT format('%s.%s|%s|%s', relation, column_name, category, sensitive) FROM pdp.personal_columns
UNION ALL SELECT format('%s|%s', purpose, category) FROM pdp.policy
ORDER BY 1};
my $collide_before = $node->safe_psql($collide, $collide_state);
my ($ret, $out, $err) = $node->psql($collide, 'ALTER EXTENSION pdp UPDATE', extra_params => [ '-v', 'VERBOSITY=verbose' ]);
is($ret, 0, "$collide: the update succeeds") or diag($err);
like($err, qr/WARNING:  01000: personal data category "online_activity" is the DBA's own: the built-in category of that name is not installed\n.*DETAIL:  Decree 356\/2025 Art\.4\(l\) defines "online_activity" as sensitive personal data: .*pdp\.category keeps your definition: basic personal data, legal reference internal policy 9, description 'Our own: time of the last login'\..*\n.*HINT:  To adopt the law's definition .*: UPDATE pdp\.category SET sensitive = true, legal_ref = 'Decree 356\/2025 Art\.4\(l\)', .*builtin = true WHERE name = 'online_activity';/,
	"$collide: a WARNING names the DBA's colliding category, says what differs and how to align it");
like($err, qr/WARNING:  01000: built-in personal data category "vehicle_plate" was deleted: pdp does not make it again/,
	"$collide: a WARNING names the deleted built-in category");
like($err, qr/WARNING:  01000: built-in personal data category "criminal_record" is basic personal data here, but Decree 356\/2025 Art\.4\(g\); GDPR Art\.10 defines it as sensitive\n.*\n.*HINT:  To follow the law: UPDATE pdp\.category SET sensitive = true WHERE name = 'criminal_record';/,
	"$collide: a WARNING names a built-in category a DBA made less sensitive than the law, which now cites the law");
is($node->safe_psql($collide, q{SELECT sensitive, legal_ref FROM pdp.category WHERE name = 'criminal_record'}),
	'f|Decree 356/2025 Art.4(g); GDPR Art.10', "$collide: ... and keeps the DBA's sensitivity");
is($node->safe_psql($collide, $collide_state), $collide_before,
	"$collide: the DBA's category, the deleted one, their tags and allows are as they were");
is($node->safe_psql($collide, q{SELECT count(*) FROM pdp.category WHERE builtin}), '27',
	"$collide: the other built-in categories are there");
my $update_err = $err;
# a dump of it restores into a fresh install: the DBA's category (whose
# name is built-in there) as it was, and everything that depends on it
my $collide_dump = "$PostgreSQL::Test::Utils::tmp_check/008_upgrade.collide.sql";
system('pg_dump', '-d', $node->connstr($collide), '-f', $collide_dump) == 0 or die "pg_dump failed";
$node->safe_psql('postgres', 'CREATE DATABASE pdp_collide_restored');
($ret, $out, $err) = $node->psql('pdp_collide_restored', undef, extra_params => [ '-f', $collide_dump ]);
is($err, '', "$collide: a dump restores into a fresh install without errors");
# (vehicle_plate, deleted there, is built-in in a fresh install)
my $no_plate = sub { join("\n", grep { !/^(vehicle_plate|visits\.plate)\|/ } split /\n/, shift) };
is($no_plate->($node->safe_psql('pdp_collide_restored', $collide_state)), $no_plate->($collide_before),
	"$collide: ... with the DBA's category, its tags and allows as they were");
# the hint, followed, makes it the law's category
my ($hint) = $update_err =~ /HINT:  [^:]*: (UPDATE pdp\.category SET .* WHERE name = 'online_activity';)/;
$node->safe_psql($collide, $hint);
is($node->safe_psql($collide, q{SELECT sensitive, legal_ref, builtin FROM pdp.category WHERE name = 'online_activity';
	SELECT sensitive FROM pdp.personal_columns WHERE column_name = 'last_login'}),
	"t|Decree 356/2025 Art.4(l)|t\nt", "$collide: the hint aligns it with the law, and its tags follow");

# ---------------------------------------------------------------------
# Database pdp_fresh: the current version, configured the same way
# ---------------------------------------------------------------------
$node->safe_psql('postgres', "CREATE DATABASE $fresh");
$node->safe_psql($fresh, 'CREATE EXTENSION pdp');
is($node->safe_psql($fresh, q{SELECT extversion FROM pg_extension WHERE extname = 'pdp'}),
	$default_version, "a fresh install is $default_version");
configure($fresh);

my $desc_upg = describe($upg);
my $desc_fresh = describe($fresh);

# the description compares something of every kind pdp has
my $nlines = scalar(my @l = split /\n/, $desc_fresh);
cmp_ok($nlines, '>=', 1500, "the description has $nlines lines");
for my $kind (
	[ 'extension', qr/^extension\|pdp\|version / ],
	[ 'configuration tables', qr/^extension\|pdp\|configuration table pdp\.\w+\|condition '.+'$/ ],
	[ 'data the extension brings', qr/^extension data\|pdp\.\w+\|\{/ ],
	[ 'members', qr/^member\|function\|/ ],
	[ 'function properties', qr/^function\|pdp\.\w+\(.*\)\|owner \w+\|kind f\|.*\|acl / ],
	[ 'function definitions', qr/^function\|pdp\.\w+\(.*\)\|definition 0001\|CREATE OR REPLACE FUNCTION / ],
	[ 'tables', qr/^relation\|pdp\.\w+\|kind r\|/ ],
	[ 'columns', qr/^relation\|pdp\.\w+\|column \d+\|\w+\|type / ],
	[ 'constraints', qr/^relation\|pdp\.\w+\|constraint \w+\|/ ],
	[ 'indexes', qr/^relation\|pdp\.\w+\|index CREATE / ],
	[ 'triggers', qr/^relation\|pdp\.\w+\|trigger CREATE TRIGGER .*\|enabled O$/ ],
	[ 'views', qr/^relation\|pdp\.\w+\|kind v\|/ ],
	[ 'view definitions', qr/^relation\|pdp\.\w+\|view definition 0001\|/ ],
	[ 'sequences', qr/^relation\|pdp\.\w+\|sequence\|type bigint\|/ ],
	[ 'event triggers', qr/^event trigger\|pdp_\w+\|event / ],
	[ 'the schema', qr/^schema\|pdp\|owner / ],
	[ 'comments on tables', qr/^comment\|table\|pdp\./ ],
	[ 'comments on functions', qr/^comment\|function\|pdp\./ ],
	[ 'comments on views', qr/^comment\|view\|pdp\./ ],
	[ 'initial privileges', qr/^initial privileges\|/ ],
	[ 'roles', qr/^role\|pdp_admin\|superuser f\|/ ],
	[ 'role memberships', qr/^role\|pdp_admin\|member dpo\|/ ],
	[ 'configuration objects', qr/^configuration\|policy pdp_consent on orders_3\|/ ],
	[ 'configuration labels', qr/^configuration\|security label pdp_subject\|table column\|public\.orders\.customer_id\|/ ],
	[ 'privileges that follow the configuration', qr/^function\|pdp\.grant_consent\(.*\|acl .*marketing_team=X\// ])
{
	ok(lines_like($desc_fresh, $kind->[1]) > 0, "the description shows $kind->[0]");
}
is(join("\n", grep { /^unhandled member kind\|/ } split /\n/, $desc_fresh), '',
	'every member is of a kind the description details');
is(join("\n", grep { /^not a member\|/ } split /\n/, $desc_upg . "\n" . $desc_fresh), '',
	'every object in schema pdp belongs to the extension, updated or fresh');
unlike($desc_upg . $desc_fresh, qr/\Q$upg\E|\Q$fresh\E/, 'no database name in the descriptions');

same_description($desc_upg, $desc_fresh, 'updated', 'fresh',
	'the updated database has the same objects, privileges and comments as a fresh install');

# ---------------------------------------------------------------------
# Enforcement in the updated database
# ---------------------------------------------------------------------
$node->safe_psql($upg, "ALTER DATABASE $upg SET pdp.mode = enforce");
my $as = sub {
	my ($role, $sql) = @_;
	return $node->psql($upg, "\\set VERBOSITY verbose\n$sql", extra_params => [ '-U', $role ]);
};
($ret, $out, $err) = $as->('clerk', q{SET pdp.purpose = 'billing'; SELECT full_name FROM customers WHERE id = 1;});
like($err, qr/ERROR:  42501: permission denied to read column "full_name"/,
	'enforce: a role without the purpose is refused the tagged column (42501)');
($ret, $out, $err) = $as->('billing_app', q{SET pdp.purpose = 'billing'; SELECT count(full_name) FROM customers;});
is($out, '19', 'enforce: a role holding the purpose reads it (every subject but the restricted one)');
($ret, $out, $err) = $as->('billing_app', q{SET pdp.purpose = 'tax_audit'; SELECT count(national_id) FROM customers;});
is($out, '20', 'a legal_obligation purpose sees the restricted subject too');
my $consented = q{SET pdp.purpose = 'marketing';
SELECT string_agg(id::text, ',' ORDER BY id), count(full_name) FROM customers;
SELECT count(*) FROM orders;
SELECT count(*) FROM orders_3;};
($ret, $out, $err) = $as->('marketing_team', $consented);
is($out, "1,4,5,6,7,8,9,10,11|9\n26\n9",
	'a consent purpose sees only consented, unrestricted subjects, in the table and the partitioned one');
is($ret, 0, '... without errors') or diag($err);
($ret, $out, $err) = $as->('marketing_team', q{SET pdp.purpose = 'marketing'; SELECT count(phone) FROM customers;});
like($err, qr/ERROR:  42501: permission denied to read column "phone"/,
	'a category the purpose may not read is refused');

# consent calls still work for the purpose holder, and apply at once
($ret, $out, $err) = $as->('marketing_team',
	q{SELECT pdp.grant_consent(12, 'marketing', source => 'after the update') > 0;
SELECT pdp.withdraw_consent(5, 'marketing');
SELECT pdp.has_consent(12, 'marketing'), pdp.has_consent('5', 'marketing');});
is($out, "t\nt\nt|f", 'the purpose holder records and withdraws consent after the update');
($ret, $out, $err) = $as->('marketing_team', $consented);
is((split /\n/, $out)[0], '1,4,6,7,8,9,10,11,12|9', '... and the protected table follows');
($ret, $out, $err) = $as->('dpo', q{SELECT pdp.restrict_processing(6, 'objection after the update');});
is($out, 't', 'pdp_admin restricts processing after the update');
($ret, $out, $err) = $as->('marketing_team', $consented);
is((split /\n/, $out)[0], '1,4,7,8,9,10,11,12|8', '... and the protected table follows');

# new audit events are written after the update, and the chain verifies
$node->safe_psql($upg, 'SELECT pdp.flush_audit()');
is(missing_events('role', "id > $head_id AND database = '$upg'",
		'access/allowed/billing_app', 'access/allowed/marketing_team', 'access/blocked/clerk',
		'access/blocked/marketing_team', 'access/hidden/billing_app', 'access/hidden/marketing_team',
		'consent/grant/marketing_team', 'consent/withdraw/marketing_team', 'consent/restrict/dpo'),
	'', 'the reads, refusals, hidden rows and consent changes after the update are in the trail');
is($node->safe_psql($upg, 'SELECT pdp.verify_audit_log()'), '', 'the chain verifies with the new events');
is($node->safe_psql($upg, 'SELECT count(*) FROM pdp.violations', extra_params => [ '-U', 'compliance' ]) > 0,
	1, 'pdp_auditor reads the trail');

# ---------------------------------------------------------------------
# The description sees what it claims to compare.  In a scratch database
# the test adds objects of its own to the extension (so that this part
# does not depend on which objects pdp has), of every kind the
# description details; each change below must change the description.
# ---------------------------------------------------------------------
$node->safe_psql('postgres', "CREATE DATABASE $scratch");
$node->safe_psql($scratch, q{
CREATE EXTENSION pdp;
CREATE TABLE customers (id int PRIMARY KEY, full_name text);
CREATE TABLE pdp.t (id int PRIMARY KEY, note text, amount numeric);
CREATE SEQUENCE pdp.t_seq;
CREATE FUNCTION pdp.t_fn(a int) RETURNS int LANGUAGE sql RETURN a;
CREATE FUNCTION pdp.t_trigger() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER t_trigger BEFORE INSERT ON pdp.t FOR EACH ROW EXECUTE FUNCTION pdp.t_trigger();
CREATE VIEW pdp.t_view AS SELECT id, note FROM pdp.t;
CREATE MATERIALIZED VIEW pdp.t_count AS SELECT count(*) AS n FROM pdp.t WITH NO DATA;
CREATE FUNCTION pdp.t_event() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN END$$;
CREATE EVENT TRIGGER pdp_t_event ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION pdp.t_event();
CREATE TYPE pdp.level AS ENUM ('low', 'high');
CREATE DOMAIN pdp.subject_id AS text CHECK (VALUE <> '');
CREATE TYPE pdp.pair AS (a int, b text);
CREATE TYPE pdp.span AS RANGE (subtype = int4);
CREATE FUNCTION pdp.level_text(pdp.level) RETURNS text LANGUAGE sql IMMUTABLE RETURN $1::text;
CREATE CAST (pdp.level AS text) WITH FUNCTION pdp.level_text(pdp.level);
CREATE FUNCTION pdp.same_level(pdp.level, pdp.level) RETURNS boolean LANGUAGE sql IMMUTABLE RETURN $1 = $2;
CREATE OPERATOR pdp.=== (LEFTARG = pdp.level, RIGHTARG = pdp.level, FUNCTION = pdp.same_level);
CREATE AGGREGATE pdp.total(int) (SFUNC = int4pl, STYPE = int, INITCOND = '0');
ALTER EXTENSION pdp ADD TABLE pdp.t;
ALTER EXTENSION pdp ADD SEQUENCE pdp.t_seq;
ALTER EXTENSION pdp ADD FUNCTION pdp.t_fn(int);
ALTER EXTENSION pdp ADD FUNCTION pdp.t_trigger();
ALTER EXTENSION pdp ADD VIEW pdp.t_view;
ALTER EXTENSION pdp ADD MATERIALIZED VIEW pdp.t_count;
ALTER EXTENSION pdp ADD FUNCTION pdp.t_event();
ALTER EXTENSION pdp ADD EVENT TRIGGER pdp_t_event;
ALTER EXTENSION pdp ADD TYPE pdp.level;
ALTER EXTENSION pdp ADD TYPE pdp.subject_id;
ALTER EXTENSION pdp ADD TYPE pdp.pair;
ALTER EXTENSION pdp ADD TYPE pdp.span;
ALTER EXTENSION pdp ADD TYPE pdp.span_multirange;
ALTER EXTENSION pdp ADD FUNCTION pdp.span(int, int);
ALTER EXTENSION pdp ADD FUNCTION pdp.span(int, int, text);
ALTER EXTENSION pdp ADD FUNCTION pdp.span_multirange();
ALTER EXTENSION pdp ADD FUNCTION pdp.span_multirange(pdp.span);
ALTER EXTENSION pdp ADD FUNCTION pdp.span_multirange(pdp.span[]);
ALTER EXTENSION pdp ADD FUNCTION pdp.level_text(pdp.level);
ALTER EXTENSION pdp ADD CAST (pdp.level AS text);
ALTER EXTENSION pdp ADD FUNCTION pdp.same_level(pdp.level, pdp.level);
ALTER EXTENSION pdp ADD OPERATOR pdp.=== (pdp.level, pdp.level);
ALTER EXTENSION pdp ADD AGGREGATE pdp.total(int);
-- pdp.t as a configuration table (pg_extension_config_dump() works only
-- in an extension script): rows with id <= 100 come with the extension
UPDATE pg_extension SET extconfig = extconfig || 'pdp.t'::regclass::oid,
                        extcondition = extcondition || 'WHERE id > 100'::text
WHERE extname = 'pdp';
});
my $desc = describe($scratch);
is(join("\n", grep { /^(unhandled member kind|not a member)\|/ } split /\n/, $desc), '',
	'scratch: the added kinds are handled');
for my $kind (
	[ 'tables', qr/^relation\|pdp\.t\|kind r\|/ ],
	[ 'columns', qr/^relation\|pdp\.t\|column 002\|note\|type text\|collation default\|not null f\|/ ],
	[ 'sequences', qr/^relation\|pdp\.t_seq\|sequence\|type bigint\|start 1\|/ ],
	[ 'views', qr/^relation\|pdp\.t_view\|view definition 0001\| SELECT t\.id,$/ ],
	[ 'triggers', qr/^relation\|pdp\.t\|trigger CREATE TRIGGER t_trigger BEFORE INSERT ON pdp\.t / ],
	[ 'event triggers', qr/^event trigger\|pdp_t_event\|event ddl_command_end\|function pdp\.t_event\(\)\|enabled O\|tags \{"CREATE TABLE"\}/ ],
	[ 'configuration tables', qr/^extension\|pdp\|configuration table pdp\.t\|condition 'WHERE id > 100'$/ ],
	[ 'enum labels', qr/^type\|pdp\.level\|label 0002\|high$/ ],
	[ 'domains', qr/^type\|pdp\.subject_id\|kind d\|.*\|base text\|/ ],
	[ 'domain constraints', qr/^type\|pdp\.subject_id\|constraint subject_id_check\|CHECK / ],
	[ 'composite types', qr/^type\|pdp\.pair\|attribute 002\|b\|type text/ ],
	[ 'range types', qr/^type\|pdp\.span\|range of integer\|/ ],
	[ 'casts', qr/^cast\|pdp\.level AS text\|function pdp\.level_text\(pdp\.level\)\|context e\|method f$/ ],
	[ 'operators', qr/^operator\|pdp\.===\(pdp\.level,pdp\.level\)\|kind b\|result boolean\|function pdp\.same_level\|/ ],
	[ 'aggregates', qr/^function\|pdp\.total\(integer\)\|aggregate n\|transition int4pl \(integer\)\|/ ],
	[ 'materialized views', qr/^relation\|pdp\.t_count\|kind m\|.*\|populated f\|/ ],
	[ 'materialized view definitions', qr/^relation\|pdp\.t_count\|view definition 0001\| SELECT count\(\*\) AS n$/ ])
{
	ok(lines_like($desc, $kind->[1]) > 0, "scratch: the description shows $kind->[0]");
}

for my $change (
	[ 'a comment on a function', q{COMMENT ON FUNCTION pdp.t_fn(int) IS 'changed'} ],
	[ 'a comment on a table', q{COMMENT ON TABLE pdp.t IS 'changed'} ],
	[ 'a comment on a column', q{COMMENT ON COLUMN pdp.t.note IS 'changed'} ],
	[ 'a comment on a view', q{COMMENT ON VIEW pdp.t_view IS 'changed'} ],
	[ 'a comment on a view column', q{COMMENT ON COLUMN pdp.t_view.note IS 'changed'} ],
	[ 'a comment on a sequence', q{COMMENT ON SEQUENCE pdp.t_seq IS 'changed'} ],
	[ 'a comment on a constraint', q{COMMENT ON CONSTRAINT t_pkey ON pdp.t IS 'changed'} ],
	[ 'a comment on an index', q{COMMENT ON INDEX pdp.t_pkey IS 'changed'} ],
	[ 'a comment on a trigger', q{COMMENT ON TRIGGER t_trigger ON pdp.t IS 'changed'} ],
	[ 'a comment on an event trigger', q{COMMENT ON EVENT TRIGGER pdp_t_event IS 'changed'} ],
	[ 'a comment on a type', q{COMMENT ON TYPE pdp.level IS 'changed'} ],
	[ 'a comment on the schema', q{COMMENT ON SCHEMA pdp IS 'changed'} ],
	[ 'a comment on the extension', q{COMMENT ON EXTENSION pdp IS 'changed'} ],
	[ 'a comment on a role', q{COMMENT ON ROLE pdp_auditor IS 'changed'} ],
	[ 'a table privilege', q{GRANT SELECT ON pdp.t TO pdp_admin} ],
	[ 'a column privilege', q{GRANT SELECT (note) ON pdp.t TO pdp_auditor} ],
	[ 'a view privilege', q{GRANT SELECT ON pdp.t_view TO PUBLIC} ],
	[ 'a function privilege', q{REVOKE EXECUTE ON FUNCTION pdp.t_fn(int) FROM PUBLIC} ],
	[ 'a sequence privilege', q{GRANT USAGE ON SEQUENCE pdp.t_seq TO pdp_admin} ],
	[ 'a type privilege', q{REVOKE USAGE ON TYPE pdp.level FROM PUBLIC} ],
	[ 'a schema privilege', q{GRANT CREATE ON SCHEMA pdp TO pdp_admin} ],
	[ 'default privileges', q{ALTER DEFAULT PRIVILEGES IN SCHEMA pdp GRANT SELECT ON TABLES TO pdp_auditor} ],
	[ 'initial privileges', q{INSERT INTO pg_init_privs VALUES ('pdp.t_fn(int)'::regprocedure, 'pg_proc'::regclass, 0, 'e', '{pdp_auditor=X/postgres}')} ],
	[ 'sequence parameters', q{ALTER SEQUENCE pdp.t_seq CACHE 10} ],
	[ 'a sequence owner column', q{ALTER SEQUENCE pdp.t_seq OWNED BY pdp.t.id} ],
	[ 'a function owner', q{ALTER FUNCTION pdp.t_fn(int) OWNER TO pdp_admin} ],
	[ 'a table owner', q{ALTER TABLE pdp.t OWNER TO pdp_admin} ],
	[ 'leakproof', q{ALTER FUNCTION pdp.t_fn(int) LEAKPROOF} ],
	[ 'parallel safety', q{ALTER FUNCTION pdp.t_fn(int) PARALLEL SAFE} ],
	[ 'volatility', q{ALTER FUNCTION pdp.t_fn(int) STABLE} ],
	[ 'strictness', q{ALTER FUNCTION pdp.t_fn(int) STRICT} ],
	[ 'a function setting', q{ALTER FUNCTION pdp.t_fn(int) SET search_path = pg_catalog} ],
	[ 'security definer', q{ALTER FUNCTION pdp.t_fn(int) SECURITY DEFINER} ],
	[ 'a function body', q{CREATE OR REPLACE FUNCTION pdp.t_fn(a int) RETURNS int LANGUAGE sql STABLE STRICT LEAKPROOF PARALLEL SAFE SECURITY DEFINER SET search_path = pg_catalog RETURN a + 1} ],
	[ 'a new member', q{CREATE FUNCTION pdp.extra() RETURNS int LANGUAGE sql RETURN 1; ALTER EXTENSION pdp ADD FUNCTION pdp.extra()} ],
	[ 'a member dropped from the extension', q{ALTER EXTENSION pdp DROP FUNCTION pdp.extra(); DROP FUNCTION pdp.extra()} ],
	[ 'data the extension brings', q{INSERT INTO pdp.t VALUES (1, 'one', 1), (101, 'configured', 2)} ],
	[ 'a configuration table condition', q{UPDATE pg_extension SET extcondition = array_replace(extcondition, 'WHERE id > 100', 'WHERE id > 0') WHERE extname = 'pdp'} ],
	[ 'a column default', q{ALTER TABLE pdp.t ALTER COLUMN note SET DEFAULT 'none'} ],
	[ 'NOT NULL', q{ALTER TABLE pdp.t ALTER COLUMN amount SET NOT NULL} ],
	[ 'a new column', q{ALTER TABLE pdp.t ADD COLUMN team text} ],
	[ 'a column type', q{ALTER TABLE pdp.t ALTER COLUMN team TYPE varchar(200)} ],
	[ 'a collation', q{ALTER TABLE pdp.t ALTER COLUMN team TYPE varchar(200) COLLATE "C"} ],
	[ 'column storage', q{ALTER TABLE pdp.t ALTER COLUMN team SET STORAGE external} ],
	[ 'column statistics', q{ALTER TABLE pdp.t ALTER COLUMN team SET STATISTICS 500} ],
	[ 'column options', q{ALTER TABLE pdp.t ALTER COLUMN team SET (n_distinct = 10)} ],
	[ 'a dropped column', q{ALTER TABLE pdp.t DROP COLUMN team} ],
	[ 'an identity column', q{ALTER TABLE pdp.t ADD COLUMN n int GENERATED ALWAYS AS IDENTITY} ],
	[ 'a generated column', q{ALTER TABLE pdp.t ADD COLUMN twice numeric GENERATED ALWAYS AS (amount * 2) STORED} ],
	[ 'a constraint', q{ALTER TABLE pdp.t ADD CHECK (amount >= 0)} ],
	[ 'an index', q{CREATE INDEX ON pdp.t (note)} ],
	[ 'a trigger', q{CREATE TRIGGER t_trigger_2 AFTER UPDATE ON pdp.t FOR EACH ROW EXECUTE FUNCTION pdp.t_trigger()} ],
	[ 'a trigger enabled state', q{ALTER TABLE pdp.t ENABLE ALWAYS TRIGGER t_trigger} ],
	[ 'row security', q{ALTER TABLE pdp.t ENABLE ROW LEVEL SECURITY} ],
	[ 'forced row security', q{ALTER TABLE pdp.t FORCE ROW LEVEL SECURITY} ],
	[ 'a policy', q{CREATE POLICY own ON pdp.t USING (true)} ],
	[ 'table options', q{ALTER TABLE pdp.t SET (fillfactor = 90)} ],
	[ 'persistence', q{ALTER TABLE pdp.t SET UNLOGGED} ],
	[ 'a rule', q{CREATE RULE keep AS ON DELETE TO pdp.t DO INSTEAD NOTHING} ],
	[ 'a view definition', q{CREATE OR REPLACE VIEW pdp.t_view AS SELECT id, note FROM pdp.t WHERE id > 0} ],
	[ 'view options', q{ALTER VIEW pdp.t_view SET (security_invoker = true)} ],
	[ 'a populated materialized view', q{REFRESH MATERIALIZED VIEW pdp.t_count} ],
	[ 'an event trigger enabled state', q{ALTER EVENT TRIGGER pdp_t_event DISABLE} ],
	[ 'an enum label', q{ALTER TYPE pdp.level ADD VALUE 'medium' BEFORE 'high'} ],
	[ 'a domain default', q{ALTER DOMAIN pdp.subject_id SET DEFAULT 'x'} ],
	[ 'a role attribute', q{ALTER ROLE pdp_auditor CONNECTION LIMIT 5} ],
	[ 'a role membership', q{GRANT pdp_auditor TO pdp_admin} ],
	[ 'a role setting', q{ALTER ROLE pdp_admin IN DATABASE pdp_scratch SET work_mem = '2MB'} ],
	[ 'a consent privilege that follows the configuration', q{SELECT pdp.define_purpose('p', 'p'); SELECT pdp.grant_purpose('clerk', 'p')} ],
	[ 'a tag', q{SELECT pdp.tag_column('customers', 'full_name', 'full_name')} ],
	[ 'a subject column', q{SELECT pdp.set_subject_column('customers', 'id')} ],
	[ 'row protection of a user table', q{SELECT pdp.protect_rows('customers')} ],
	[ 'an object in schema pdp outside the extension', q{CREATE TABLE pdp.stray (x int)} ])
{
	$node->safe_psql($scratch, $change->[1]);
	my $after = describe($scratch);
	ok($after ne $desc, "scratch: the description sees $change->[0]");
	$desc = $after;
}

$node->stop;
done_testing();
