-- Discovery of personal columns (issue 15): pdp.discover() suggests
-- categories from column names and a sample of values, never returns or
-- stores a value, is audited per relation sampled, and tags what a DBA
-- accepts as config events "suggested by discovery".
\set VERBOSITY terse
SET pdp.mode = enforce;          -- discovery is pdp's own read: no purpose needed
CREATE ROLE regress_disc_owner NOLOGIN;
CREATE ROLE regress_disc_admin NOLOGIN;
GRANT pdp_admin TO regress_disc_admin;
CREATE SCHEMA disc AUTHORIZATION regress_disc_owner;
SET ROLE regress_disc_owner;

-- a customer table with Vietnamese column names, and one with names that
-- say nothing
CREATE TABLE disc.khach_hang (
    id          serial PRIMARY KEY,
    ho_ten      text,
    sdt         varchar(20),
    email       text,
    so_cccd     text,
    ngay_sinh   date,
    dia_chi     text,
    gioi_tinh   text,
    mst         text,
    phoneNumber text,           -- camelCase
    email_verified boolean,     -- about the data, not the data
    phone_count integer,
    ghi_chu     text
);
INSERT INTO disc.khach_hang (ho_ten, sdt, email, so_cccd, ngay_sinh, dia_chi, gioi_tinh,
                             mst, phoneNumber, email_verified, phone_count, ghi_chu)
SELECT (ARRAY['Nguyễn','Trần','Lê','Phạm','Hoang','Vũ','ĐẶNG'])[1 + i % 7] || ' ' ||
       (ARRAY['Văn','Thị','Minh','Ngoc'])[1 + i % 4] || ' ' ||
       (ARRAY['An','Bình','Cường','Dung','Hà','Lan'])[1 + i % 6],
       (ARRAY['091','098','035','077','084'])[1 + i % 5] || ' ' || lpad((i * 7919 % 10000000)::text, 7, '0'),
       'kh' || i || (ARRAY['@gmail.com','@yahoo.com.vn','@fpt.vn'])[1 + i % 3],
       (ARRAY['001','079','048'])[1 + i % 3] || (i % 2)::text || lpad((50 + i % 50)::text, 2, '0')
           || lpad((i * 104729 % 1000000)::text, 6, '0'),
       date '1950-01-01' + (i * 97 % 20000),
       i || ' Nguyễn Trãi, Phường ' || (1 + i % 9) || ', Quận 5, TP. Hồ Chí Minh',
       (ARRAY['Nam','Nữ'])[1 + i % 2],
       NULL,
       '+84 9' || lpad((i * 13 % 100000000)::text, 8, '0'),
       i % 2 = 0, i % 3, 'khách quen'
FROM generate_series(1, 400) i;

CREATE TABLE disc.t_misc (
    id     bigint PRIMARY KEY,
    col3   text,                -- phone numbers under a name that says nothing
    ref_no text,                -- 12-digit personal identification numbers
    info   text                 -- e-mail addresses
);
INSERT INTO disc.t_misc
SELECT i, '0' || (ARRAY['90','93','86','70'])[1 + i % 4] || lpad((i * 31337 % 10000000)::text, 7, '0'),
       '0' || lpad((1 + i % 90)::text, 2, '0') || (2 + i % 2)::text || lpad((i % 7)::text, 2, '0')
           || lpad((i * 7 % 1000000)::text, 6, '0'),
       'nv.' || i || '@congty.vn'
FROM generate_series(1, 200) i;

-- look-alikes: none of these is personal data
CREATE TABLE disc.don_hang (
    ma_don_hang   bigint PRIMARY KEY,   -- 10-digit order numbers
    so_hoa_don    text,                 -- invoice numbers, 10 digits as text
    ma_sp         text,                 -- product codes, letter + 7 digits
    so_luong      integer,
    tong_tien     numeric(14,2),
    nam           integer,              -- years
    trang_thai    text,                 -- status codes
    checksum      text,                 -- hashes
    barcode       text,                 -- EAN-13
    created_at    timestamptz
);
INSERT INTO disc.don_hang
SELECT 2024000000 + i, lpad((1000000000 + i)::text, 10, '0'),
       'P' || lpad((i * 17)::text, 7, '0'), 1 + i % 5, i * 15000.50, 2000 + i % 25,
       (ARRAY['new','paid','shipped'])[1 + i % 3], md5(i::text),
       '893' || lpad((i * 11)::text, 10, '0'), timestamptz '2026-01-01' + i * interval '1 hour'
FROM generate_series(1, 300) i;

-- an organisation's contact data is not a person's
CREATE TABLE disc.nha_cung_cap (
    id       int PRIMARY KEY,
    ten_cong_ty text,
    hotline  text,
    email    text
);
INSERT INTO disc.nha_cung_cap
SELECT i, 'Công ty TNHH Số ' || i, '1900' || lpad(i::text, 4, '0'), 'sales' || i || '@ncc.vn'
FROM generate_series(1, 50) i;
CREATE TABLE disc.empty_table (cmnd text, religion text);
CREATE VIEW disc.v_khach AS SELECT ho_ten FROM disc.khach_hang;
GRANT USAGE ON SCHEMA disc TO PUBLIC;
RESET ROLE;

-- a tag that the evidence contradicts, and one it supports
SELECT pdp.tag_column('disc.khach_hang', 'ghi_chu', 'health_record');
SELECT pdp.tag_column('disc.khach_hang', 'email', 'email_address');

-- suggestions (the tables are small, so the sample is every row)
SELECT relation, column_name, category, confidence, accepted, tagged_as, agrees,
       sampled, matched, evidence
FROM pdp.discover('disc') ORDER BY relation::text, column_name;

-- no sampled value ever comes back: not in the evidence, not anywhere
SELECT count(*) AS rows_with_a_value
FROM pdp.discover('disc') d, disc.khach_hang k
WHERE strpos(d::text, k.sdt) > 0 OR strpos(d::text, k.so_cccd) > 0
   OR strpos(d::text, k.ho_ten) > 0 OR strpos(d::text, k.email) > 0;

-- a list of relations, and the sample size
SELECT relation, column_name, category, sampled FROM pdp.discover(relations => ARRAY['disc.t_misc'::regclass], sample_rows => 50)
ORDER BY column_name;

-- each relation sampled is one audit event, with counts and never a value
SELECT pdp.flush_audit();
SELECT relation, command, rows, columns, categories,
       detail - 'sample_percent' AS detail
FROM pdp.audit_log WHERE kind = 'discovery' ORDER BY id;
SELECT count(*) AS events_with_a_value
FROM pdp.audit_log e, disc.khach_hang k
WHERE e.kind = 'discovery' AND (strpos(e::text, k.sdt) > 0 OR strpos(e::text, k.ho_ten) > 0);

-- the audit event survives a rollback
BEGIN;
SELECT count(*) FROM pdp.discover(relations => ARRAY['disc.nha_cung_cap'::regclass]);
ROLLBACK;
SELECT pdp.flush_audit();
SELECT count(*) AS supplier_samples FROM pdp.audit_log
WHERE kind = 'discovery' AND relation = 'disc.nha_cung_cap';

-- accept => true tags what is accepted by default, and nothing else
SET ROLE regress_disc_admin;     -- pdp_admin, no SELECT on the tables
SELECT relation, column_name, category, tagged
FROM pdp.discover('disc', accept => true) WHERE tagged ORDER BY relation::text, column_name;
RESET ROLE;
SELECT relation, column_name, category FROM pdp.personal_columns
WHERE relation::text LIKE 'disc.%' ORDER BY relation::text, column_name;
SELECT pdp.flush_audit();
SELECT relation, columns, categories, detail ->> 'source' AS source,
       detail ->> 'suggested' AS suggested, detail ->> 'confidence' AS confidence,
       detail ->> 'evidence' LIKE 'name: %' OR detail ->> 'evidence' LIKE 'values: %' AS has_evidence
FROM pdp.audit_log
WHERE kind = 'config' AND reason = 'tag' AND detail ? 'source' ORDER BY relation, columns;

-- accept one suggestion that is below the default acceptance
SELECT column_name, category, confidence, accepted FROM pdp.discover(relations => ARRAY['disc.nha_cung_cap'::regclass])
ORDER BY 1;
SELECT * FROM pdp.accept_suggestion('disc.nha_cung_cap', 'email', 'email_address');
SELECT category FROM pdp.personal_columns WHERE relation = 'disc.nha_cung_cap'::regclass;
-- a category discovery does not suggest is refused, and nothing is tagged
SELECT * FROM pdp.accept_suggestion('disc.nha_cung_cap', 'hotline', 'phone_number');
SELECT * FROM pdp.accept_suggestion('disc.khach_hang', 'ghi_chu', 'full_name');
-- a column tagged otherwise stays as it is
SELECT * FROM pdp.accept_suggestion('disc.t_misc', 'info', 'email_address');
SELECT pdp.tag_column('disc.don_hang', 'so_hoa_don', 'other_identifying');
SELECT * FROM pdp.accept_suggestion('disc.don_hang', 'so_hoa_don', 'phone_number');
SELECT * FROM pdp.accept_suggestion('disc.don_hang', 'no_such_column', 'phone_number');


-- names alone (an empty table): English, Vietnamese with and without
-- diacritics, run together, camelCase, abbreviations
CREATE TABLE disc.ten_cot (
    "Số_điện_thoại" text, hoten text, "NgaySinh" date, "diaChi" text, "SĐT_KH" text,
    ho_va_ten text, so_tai_khoan text, stk text, cmnd text, email_kh text,
    passport_no text, bien_so_xe text, ton_giao text, dan_toc text, mat_khau text,
    anh_cccd_mat_truoc text, vi_do numeric, ip_address inet, user_agent text,
    so_luong_sp integer, tong_tien numeric, ma_don text, thong_tin_them text,
    account_id bigint, ten_cua_hang text, gioi_tinh smallint, quoc_tich text,
    phone1 text, "Addr2" text, gender_code text, so_dt text, id_card_photo bytea
);
SELECT column_name, category, confidence, accepted, evidence
FROM pdp.discover(relations => ARRAY['disc.ten_cot'::regclass]) ORDER BY column_name;

-- values alone, under names that say nothing
CREATE TABLE disc.gia_tri (
    v01 text, v02 text, v03 text, v04 text, v05 text, v06 text, v07 text, v08 text,
    v09 text, v10 text, v11 text,
    -- look-alikes: order numbers, EAN-13, md5, years, amounts, uuids
    v12 text, v13 text, v14 text, v15 text, v16 text, v17 text
);
INSERT INTO disc.gia_tri
SELECT t || (CASE WHEN 10 - (sum_w % 11) < 10 THEN (10 - sum_w % 11)::text END),
       c || (CASE WHEN (10 - luhn % 10) % 10 >= 0 THEN ((10 - luhn % 10) % 10)::text END),
       (ARRAY['29A','51F','30E','43C'])[1 + i % 4] || '-' || lpad((i * 37 % 1000)::text, 3, '0') || '.' || lpad((i % 100)::text, 2, '0'),
       '024 ' || lpad((38000000 + i * 7)::text, 8, '0'),
       (ARRAY['B','C','N'])[1 + i % 3] || lpad((i * 7919 % 10000000)::text, 7, '0'),
       lpad((10000000 + i * 997)::text, 9, '0'),
       '10.' || (i % 250) || '.' || (i * 7 % 250) || '.' || (1 + i % 200),
       'Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/' || (100 + i % 20) || '.0',
       'So ' || i || ' duong Le Loi, phuong Ben Nghe, quan 1, TP HCM',
       upper((ARRAY['Nguyen','Tran','Le','Pham'])[1 + i % 4] || ' Van ' || (ARRAY['An','Binh','Cuong'])[1 + i % 3]),
       to_char(date '1945-03-01' + i * 53, 'DD/MM/YYYY'),
       (1000000000 + i * 13)::text,
       '893' || lpad((i * 11)::text, 10, '0'),
       md5(i::text),
       (1990 + i % 35)::text,
       (i * 1500)::text || '000',
       md5(i::text)::uuid::text
FROM (SELECT i, t, c,
             (substr(t,1,1)::int*31 + substr(t,2,1)::int*29 + substr(t,3,1)::int*23 + substr(t,4,1)::int*19
              + substr(t,5,1)::int*17 + substr(t,6,1)::int*13 + substr(t,7,1)::int*7 + substr(t,8,1)::int*5
              + substr(t,9,1)::int*3) AS sum_w,
             (SELECT sum(CASE WHEN (15 - k) % 2 = 0 THEN (d * 2) / 10 + (d * 2) % 10 ELSE d END)
              FROM (SELECT k, substr(c, k, 1)::int AS d FROM generate_series(1, 15) k) x)::int AS luhn
      FROM (SELECT i, '0' || lpad((100000000 + i * 7919 % 800000000)::text, 8, '0') AS t,
                   '4' || lpad((i * 104729)::text, 14, '0') AS c
            FROM generate_series(1, 400) i) y) z
WHERE 10 - (sum_w % 11) < 10;
SELECT column_name, category, confidence, accepted, sampled, matched, evidence
FROM pdp.discover(relations => ARRAY['disc.gia_tri'::regclass]) ORDER BY column_name;

-- context: a table whose rows record one person's activity (every column
-- but its keys), a table of reference data (nothing), mixed identity
-- numbers, compact dates, names after a title
CREATE TABLE disc.cdr (call_id bigint, msisdn text, duration integer,
                       start_time timestamptz, cell_id text, rate_unit text);
INSERT INTO disc.cdr SELECT i, '849' || lpad((i * 7919 % 100000000)::text, 8, '0'), i % 600,
       timestamptz '2026-05-01' + i * interval '1 minute', 'C' || (i % 50), 'sec'
FROM generate_series(1, 200) i;
CREATE TABLE disc.dm_benh (ma_benh text, ten_benh text, benh_man_tinh boolean);
INSERT INTO disc.dm_benh SELECT 'J' || i, 'Bệnh ' || i, i % 2 = 0 FROM generate_series(10, 40) i;
CREATE TABLE disc.ho_so (so_giay_to text, ngay_sinh varchar(8), bac_si text,
                         "maritalStatus" text, so_tk text);
INSERT INTO disc.ho_so
SELECT CASE i % 3 WHEN 0 THEN '0' || lpad((1 + i % 90)::text, 2, '0') || (i % 2)::text || lpad((60 + i % 40)::text, 2, '0') || lpad((i * 7 % 1000000)::text, 6, '0')
                  WHEN 1 THEN lpad((10000000 + i * 997)::text, 9, '0')
                  ELSE (ARRAY['B','C'])[1 + i % 2] || lpad((i * 7919 % 10000000)::text, 7, '0') END,
       to_char(date '1950-01-01' + i * 71, 'YYYYMMDD'),
       (ARRAY['BS. ','ThS. ','Bà '])[1 + i % 3] || (ARRAY['Nguyễn','Trần','Lê'])[1 + i % 3] || ' Văn ' || (ARRAY['An','Bình'])[1 + i % 2],
       (ARRAY['độc thân','đã kết hôn'])[1 + i % 2],
       lpad((i * 104729 % 10000000000)::text, 10, '0')
FROM generate_series(1, 300) i;
SELECT relation, column_name, category, confidence, accepted, evidence
FROM pdp.discover(relations => ARRAY['disc.cdr', 'disc.dm_benh', 'disc.ho_so']::regclass[])
ORDER BY relation::text, column_name;

-- a table of people is not reference data, whatever its name says; old
-- identity card numbers of the south (3x) are not phones that lost their 0
CREATE TABLE disc.dm_khach_hang (email text, v9 text);
INSERT INTO disc.dm_khach_hang
SELECT 'kh' || i || '@gmail.com', '3' || (2 + i % 7)::text || lpad((i * 7919 % 10000000)::text, 7, '0')
FROM generate_series(1, 50) i;
SELECT column_name, category, confidence, accepted, evidence
FROM pdp.discover(relations => ARRAY['disc.dm_khach_hang'::regclass]) ORDER BY column_name;

-- a day that does not exist is no date of birth
CREATE TABLE disc.ngay_sai (ngay_sinh text);
INSERT INTO disc.ngay_sai SELECT (ARRAY['31/02/1990', '2024-02-30', '29/02/1999', '31/04/1985'])[1 + i % 4]
FROM generate_series(1, 40) i;
SELECT column_name, category, confidence, accepted, matched, evidence
FROM pdp.discover(relations => ARRAY['disc.ngay_sai'::regclass]);

-- partitioned tables are sampled through their root; inheritance children
-- are tables of their own
CREATE TABLE disc.lich_su (id int, ngay date, sdt text) PARTITION BY RANGE (ngay);
CREATE TABLE disc.lich_su_2025 PARTITION OF disc.lich_su FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE disc.lich_su_2026 PARTITION OF disc.lich_su FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
INSERT INTO disc.lich_su SELECT i, date '2025-06-01' + i, '09' || lpad((i * 7919 % 100000000)::text, 8, '0')
FROM generate_series(1, 300) i;
CREATE MATERIALIZED VIEW disc.mv_khach AS SELECT ho_ten, sdt FROM disc.khach_hang;
CREATE MATERIALIZED VIEW disc.mv_empty AS SELECT ho_ten FROM disc.khach_hang WITH NO DATA;
SELECT relation, column_name, category, sampled
FROM pdp.discover(relations => ARRAY['disc.lich_su', 'disc.mv_khach', 'disc.mv_empty']::regclass[])
ORDER BY relation::text, column_name;
SELECT count(*) AS partitions_listed FROM pdp.discover('disc')
WHERE relation::text LIKE 'disc.lich_su_%';

-- bad input
SELECT * FROM pdp.discover(sample_rows => 5);
SELECT * FROM pdp.discover('disc', ARRAY['disc.t_misc'::regclass]);
SELECT * FROM pdp.discover('no_such_schema');
SELECT * FROM pdp.discover(relations => ARRAY['disc.v_khach'::regclass]);
SELECT * FROM pdp.discover(relations => ARRAY['pdp.audit_log'::regclass]);
SELECT * FROM pdp.discover(accept => NULL);

-- only pdp_admin may discover
SET ROLE regress_other;
SELECT * FROM pdp.discover('disc');
SELECT * FROM pdp._discover_relation('disc.khach_hang', 100, false, NULL, NULL);
SELECT * FROM pdp.accept_suggestion('disc.khach_hang', 'sdt', 'phone_number');
RESET ROLE;
GRANT EXECUTE ON FUNCTION pdp._discover_relation(regclass, integer, boolean, name, text) TO regress_other;
SET ROLE regress_other;
SELECT * FROM pdp._discover_relation('disc.khach_hang', 100, false, NULL, NULL);
RESET ROLE;
REVOKE EXECUTE ON FUNCTION pdp._discover_relation(regclass, integer, boolean, name, text) FROM regress_other;

RESET pdp.mode;
DROP SCHEMA disc CASCADE;
DROP ROLE regress_disc_admin;
DROP ROLE regress_disc_owner;
