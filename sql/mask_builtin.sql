-- The built-in masks (issue 16), through pdp.mask_preview(): every mask on
-- every type class, edge values, and the preview's own checks.
\set VERBOSITY terse
CREATE ROLE regress_maskfn_user;
CREATE SCHEMA mb;
CREATE DOMAIN mb.phone_text AS text CHECK (VALUE <> '');

-- text-like values: each mask on each
CREATE TABLE mb.t (id int, v text);
INSERT INTO mb.t VALUES
  (1, '0912345678'), (2, '+84 912 345 678'), (3, '0912-345-678'), (4, '(028) 3822.1234'),
  (5, '12345'), (6, '123456'), (7, '12345678'), (8, '123456789'), (9, '0912345678 anh Nam'),
  (10, '０９１２３４５６７８'), (11, '001203004567'), (12, '123456789'), (13, 'B1234567'),
  (14, 'C123-4567'), (15, 'an@example.com'), (16, 'a@b@example.vn'), (17, 'no-at.example'),
  (18, '@example.com'), (19, 'x@'), (20, 'Đặng.thị@gmail.com'), (21, '  Nguyễn   Văn  An  '),
  (22, 'Nguyễn Văn An'), (23, 'ép'), (24, ''), (25, '   '), (26, 'x'), (27, 'sinh 15/03/1987'),
  (28, '1987-03-15'), (29, '19870315'), (30, 'năm 1899 và 2100, rồi 2001'),
  (31, '12 Lý Thường Kiệt, P. Hàng Bài, Q. Hoàn Kiếm, Hà Nội'), (32, 'Hà Nội'),
  (33, 'Quận 1, TP. Hồ Chí Minh  '), (34, 'số 5, '), (35, 'Ấ'), (36, NULL);
SELECT id, v,
       pdp.mask_preview(v, 'phone') AS phone,
       pdp.mask_preview(v, 'id_number') AS id_number,
       pdp.mask_preview(v, 'email') AS email
FROM mb.t ORDER BY id;
SELECT id, v,
       pdp.mask_preview(v, 'initials') AS initials,
       pdp.mask_preview(v, 'year') AS year,
       pdp.mask_preview(v, 'province') AS province,
       pdp.mask_preview(v, 'range') IS NULL AS range_null,
       pdp.mask_preview(v, 'null') IS NULL AS null_null
FROM mb.t ORDER BY id;

-- very long values (10 kB): masked whole, nothing kept but what each mask keeps
SELECT length(m) AS len, m ~ '^99[*]+678$' AS first_2_last_3
FROM (SELECT pdp.mask_preview(repeat('9', 10000) || '678', 'phone') AS m) s;
SELECT length(m) AS len, m ~ '^[*]+WXYZ$' AS only_last_4
FROM (SELECT pdp.mask_preview(repeat('Ấ', 10000) || 'WXYZ', 'id_number') AS m) s;
SELECT pdp.mask_preview(repeat('ễ', 5000) || '@' || 'example.com', 'email');
SELECT length(pdp.mask_preview(repeat('Ấn ', 3400), 'initials')) AS initials_len;
SELECT pdp.mask_preview(repeat('x', 10000) || ', Huế', 'province');
SELECT pdp.mask_preview(repeat('1', 10000) || ' 1975', 'year');

-- varchar(5), char(3) and a domain over text: a text value comes back, in the column's type
CREATE TABLE mb.typed (vc varchar(5), ch char(3), d mb.phone_text);
INSERT INTO mb.typed VALUES ('a@b.c', 'ab', '0912345678'), ('12345', 'x', '+84 912 345 678');
SELECT pdp.mask_preview(vc, 'email') AS vc_email, pdp.mask_preview(vc, 'phone') AS vc_phone,
       pg_typeof(pdp.mask_preview(vc, 'email')) AS vc_type,
       '[' || pdp.mask_preview(ch, 'initials') || ']' AS ch_initials,
       pdp.mask_preview(ch, 'id_number') AS ch_id,
       pg_typeof(pdp.mask_preview(ch, 'id_number')) AS ch_type,
       pdp.mask_preview(d, 'phone') AS d_phone, pg_typeof(pdp.mask_preview(d, 'phone')) AS d_type,
       pdp.mask_preview(d, 'range') IS NULL AS d_range_null
FROM mb.typed ORDER BY vc;

-- dates: year; everything else NULL
CREATE TABLE mb.d (id int, d date, ts timestamp, tz timestamptz);
INSERT INTO mb.d VALUES
  (1, '1987-05-03', '1987-05-03 13:45:12.5', '1987-05-03 13:45:12.5+00'),
  (2, '2000-01-01', '2000-01-01 00:00', '2000-12-31 23:30-07'),
  (3, '0044-03-15 BC', '0044-03-15 12:00 BC', '0044-03-15 12:00+00 BC'),
  (4, '4714-11-24 BC', '4714-11-24 00:00 BC', '4714-11-24 00:00+00 BC'),
  (5, '4713-02-01 BC', '4713-02-01 00:00 BC', '4713-02-01 00:00+00 BC'),
  (6, 'infinity', 'infinity', 'infinity'), (7, '-infinity', '-infinity', '-infinity'),
  (8, '5874897-12-31', '294276-12-31 23:59:59', '294276-12-31 23:59:59+00'),
  (9, '1969-12-31', '1969-12-31 23:59:59.999999', '1970-01-01 00:00:00.000001+00'),
  (10, NULL, NULL, NULL);
SET timezone = 'UTC';
SELECT id, pdp.mask_preview(d, 'year') AS d, pdp.mask_preview(ts, 'year') AS ts,
       pdp.mask_preview(tz, 'year') AS tz
FROM mb.d ORDER BY id;
-- timestamptz: January 1 in UTC, whatever the session's time zone
SET timezone = 'Asia/Ho_Chi_Minh';
SELECT id, pdp.mask_preview(tz, 'year') AS tz_shown_in_ict
FROM mb.d WHERE id IN (1, 2) ORDER BY id;
RESET timezone;
SELECT count(*) FILTER (WHERE pdp.mask_preview(d, m) IS NOT NULL) AS date_not_null,
       count(*) FILTER (WHERE pdp.mask_preview(ts, m) IS NOT NULL) AS ts_not_null,
       count(*) FILTER (WHERE pdp.mask_preview(tz, m) IS NOT NULL) AS tz_not_null
FROM mb.d, unnest(ARRAY['phone', 'id_number', 'email', 'initials', 'province', 'range',
                        'null', 'hash']) m;

-- numbers: range, year, hash; others NULL
CREATE TABLE mb.n (id int, i2 int2, i4 int4, i8 int8, nu numeric, f4 float4, f8 float8);
INSERT INTO mb.n VALUES
  (1, 7, 12345678, 12345678, 12345.678, 12345.678, 12345.678),
  (2, -2750, -2750, -2750, -2750, -2750, -2750),
  (3, 0, 0, 0, 0, 0, 0),
  (4, 32767, 2147483647, 9223372036854775807, 0.00345, 3.4e38, 1.7976931348623157e308),
  (5, -32768, -2147483648, -9223372036854775808, -0.00345, -1e-45, 5e-324),
  (6, 1987, 1987, 1987, 1987, 1987, 1987),
  (7, 1899, 2100, 2099, 'NaN', 'NaN', 'NaN'),
  (8, NULL, 1900, NULL, 'Infinity', 'Infinity', '-Infinity'),
  (9, NULL, NULL, NULL, '-Infinity', '-0', '-0'),
  (10, 9, 99999, 999999999999999999, 9.99, 0.0999, 99.99),
  (11, NULL, NULL, NULL, NULL, NULL, NULL);
SELECT id, pdp.mask_preview(i2, 'range') AS i2, pdp.mask_preview(i4, 'range') AS i4,
       pdp.mask_preview(i8, 'range') AS i8, pdp.mask_preview(nu, 'range') AS nu,
       pdp.mask_preview(f4, 'range') AS f4, pdp.mask_preview(f8, 'range') AS f8
FROM mb.n ORDER BY id;
SELECT id, pdp.mask_preview(i2, 'year') AS i2, pdp.mask_preview(i4, 'year') AS i4,
       pdp.mask_preview(i8, 'year') AS i8, pdp.mask_preview(nu, 'year') IS NULL AS nu_null,
       pdp.mask_preview(f8, 'year') IS NULL AS f8_null
FROM mb.n ORDER BY id;
SELECT pg_typeof(pdp.mask_preview(i2, 'range')), pg_typeof(pdp.mask_preview(nu, 'range')),
       pg_typeof(pdp.mask_preview(f4, 'range'))
FROM mb.n WHERE id = 1;
SELECT count(*) FILTER (WHERE pdp.mask_preview(i4, m) IS NOT NULL) AS i4_not_null,
       count(*) FILTER (WHERE pdp.mask_preview(nu, m) IS NOT NULL) AS nu_not_null,
       count(*) FILTER (WHERE pdp.mask_preview(f8, m) IS NOT NULL) AS f8_not_null
FROM mb.n, unnest(ARRAY['phone', 'id_number', 'email', 'initials', 'province', 'null']) m;

-- other types: NULL for every mask a non-admin may preview
SELECT m, pdp.mask_preview('a5f0c8d6-0b0e-4a7e-9d55-4c1b0e6a2b11'::uuid, m) AS uuid_value,
       pdp.mask_preview(true, m) AS bool_value,
       pdp.mask_preview('{"a": 1}'::jsonb, m) AS jsonb_value,
       pdp.mask_preview('\x0912345678'::bytea, m) AS bytea_value
FROM unnest(ARRAY['phone', 'id_number', 'email', 'initials', 'year', 'province', 'range',
                  'null']) m;

-- hash (as a superuser here; the fixed salt of the tests is not printed,
-- only what holds for every salt)
SELECT pdp.mask_preview('0912345678'::text, 'hash') = pdp.mask_preview('0912345678'::text, 'hash') AS stable,
       pdp.mask_preview('0912345678'::text, 'hash') ~ '^[0-9a-f]{16}$' AS hex16,
       pdp.mask_preview('0912345678'::text, 'hash') <> pdp.mask_preview('0912345679'::text, 'hash') AS differs,
       pdp.mask_preview('0912345678'::text, 'hash') <> '0912345678' AS not_the_value,
       pdp.mask_preview('0912345678'::varchar(20), 'hash') = pdp.mask_preview('0912345678'::text, 'hash') AS varchar_alike,
       pdp.mask_preview('ab'::char(5), 'hash') = pdp.mask_preview('ab'::text, 'hash') AS bpchar_blanks_ignored,
       pdp.mask_preview('0912345678'::mb.phone_text, 'hash') = pdp.mask_preview('0912345678'::text, 'hash') AS domain_alike;
SELECT pdp.mask_preview(42::int4, 'hash') = pdp.mask_preview(42::int8, 'hash') % 2147483648 AS int4_is_int8_low_bits,
       pdp.mask_preview(42::int2, 'hash') = pdp.mask_preview(42::int8, 'hash') % 32768 AS int2_is_int8_low_bits,
       pdp.mask_preview(42::int8, 'hash') <> pdp.mask_preview(43::int8, 'hash') AS differs,
       pdp.mask_preview(42::int8, 'hash') <> 42 AS not_the_value,
       (('x' || pdp.mask_preview('42'::text, 'hash'))::bit(64)::int8 & 9223372036854775807)
         = pdp.mask_preview(42::int8, 'hash') AS int_hashes_its_decimal_text;
SELECT count(DISTINCT h) AS distinct_hashes, min(h) >= 0 AS int8_non_negative
FROM (SELECT pdp.mask_preview(g::int8, 'hash') h FROM generate_series(-1000, 1000) g) s;
SELECT bool_and(h >= 0) AS int2_int4_non_negative
FROM (SELECT pdp.mask_preview(g::int2, 'hash') h FROM generate_series(-1000, 1000) g
      UNION ALL SELECT pdp.mask_preview(g, 'hash') FROM generate_series(-1000, 1000) g) s;
SELECT pdp.mask_preview('a5f0c8d6-0b0e-4a7e-9d55-4c1b0e6a2b11'::uuid, 'hash')
         = pdp.mask_preview('a5f0c8d6-0b0e-4a7e-9d55-4c1b0e6a2b11'::uuid, 'hash') AS uuid_stable,
       pdp.mask_preview('a5f0c8d6-0b0e-4a7e-9d55-4c1b0e6a2b11'::uuid, 'hash')
         <> 'a5f0c8d6-0b0e-4a7e-9d55-4c1b0e6a2b11'::uuid AS uuid_changed,
       pdp.mask_preview(12.5::numeric, 'hash') IS NULL AS numeric_null,
       pdp.mask_preview(1.5::float8, 'hash') IS NULL AS float_null,
       pdp.mask_preview(current_date, 'hash') IS NULL AS date_null,
       pdp.mask_preview(NULL::text, 'hash') IS NULL AS null_in_null_out,
       length(pdp.mask_preview(''::text, 'hash')) AS empty_hashed;

-- bad input: unknown and NULL masks, whatever the value
\set VERBOSITY default
SELECT pdp.mask_preview('x'::text, 'Phone');
\set VERBOSITY terse
SELECT pdp.mask_preview('x'::text, 'custom');
SELECT pdp.mask_preview(NULL::text, 'nope');
\set VERBOSITY default
SELECT pdp.mask_preview('x'::text, NULL);
\set VERBOSITY terse
SELECT pdp.mask_preview(NULL::int, NULL);
SELECT pdp.mask_preview('x', 'phone');
-- the SQLSTATEs
DO $$
BEGIN
    BEGIN PERFORM pdp.mask_preview('x'::text, 'nope');
    EXCEPTION WHEN invalid_parameter_value THEN RAISE NOTICE 'unknown mask: 22023'; END;
    BEGIN PERFORM pdp.mask_preview('x'::text, NULL);
    EXCEPTION WHEN null_value_not_allowed THEN RAISE NOTICE 'NULL mask: 22004'; END;
END
$$;

-- the hash is previewed by pdp_admin only (anyone else could hash candidate
-- values and match them against a masked column); other masks by anyone
SET ROLE regress_maskfn_user;
SELECT pdp.mask_preview('0912345678'::text, 'phone');
SELECT pdp.mask_preview('0912345678'::text, 'hash');
SELECT pdp.mask_preview(NULL::text, 'hash');
SELECT pdp.mask_preview(42, 'hash');
DO $$
BEGIN
    PERFORM pdp.mask_preview('0912345678'::text, 'hash');
EXCEPTION WHEN insufficient_privilege THEN RAISE NOTICE 'hash by a non-admin: 42501';
END
$$;
RESET ROLE;
SET ROLE regress_admin;
SELECT pdp.mask_preview('0912345678'::text, 'hash') ~ '^[0-9a-f]{16}$' AS admin_may;
RESET ROLE;

DROP SCHEMA mb CASCADE;
DROP ROLE regress_maskfn_user;
