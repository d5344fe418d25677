-- Labelled test database for pdp.discover() (issue 15, part 2 "Accuracy").
--
-- Loads, into the current database, realistic tables of a Vietnamese retail
-- business (schemas crm, sales, hr, payments, app, catalog) filled with
-- generated people (no real person: names come from lists of common family,
-- middle and given names, numbers are random with the right shape), and
-- public.discover_labels: for EVERY column of those tables the Decree
-- 356/2025 category a careful DBA would tag it with (category; NULL =
-- not personal data), other categories a careful DBA could equally choose
-- (acceptable; for a NULL category: tagging it with one of these is not a
-- mistake either), and a note on the hard cases.
--
-- Deterministic: setseed() first, every row is produced in a fixed order,
-- no gen_random_uuid()/now(); two loads give identical tables.
-- Plain SQL: psql -X -v ON_ERROR_STOP=1 -f discover_data.sql; no extension
-- (pdp need not be installed).  Drops and recreates its schemas.  Helper
-- functions live in schema discover_gen, dropped at the end.
-- Used by tests/bench/discover.sh.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS crm, sales, hr, payments, app, catalog, discover_gen CASCADE;
DROP TABLE IF EXISTS public.discover_labels;
CREATE SCHEMA discover_gen;
CREATE SCHEMA crm; CREATE SCHEMA sales; CREATE SCHEMA hr;
CREATE SCHEMA payments; CREATE SCHEMA app; CREATE SCHEMA catalog;

CREATE TABLE public.discover_labels (
    relation text NOT NULL,       -- schema.table
    column_name text NOT NULL,
    category text,                -- expected category; NULL: not personal data
    acceptable text[],            -- other categories a careful DBA could equally choose
    note text,                    -- why, for the hard cases
    PRIMARY KEY (relation, column_name));

-- ---------------------------------------------------------------- helpers
CREATE FUNCTION discover_gen.pick(a text[]) RETURNS text LANGUAGE sql VOLATILE
AS $$ SELECT a[1 + floor(random() * array_length(a, 1))::int] $$;
CREATE FUNCTION discover_gen.digits(n int) RETURNS text LANGUAGE sql VOLATILE
AS $$ SELECT string_agg(floor(random() * 10)::int::text, '' ORDER BY i) FROM generate_series(1, n) i $$;
CREATE FUNCTION discover_gen.rint(lo int, hi int) RETURNS int LANGUAGE sql VOLATILE
AS $$ SELECT lo + floor(random() * (hi - lo + 1))::int $$;
CREATE FUNCTION discover_gen.unaccent(s text) RETURNS text LANGUAGE sql IMMUTABLE
AS $$ SELECT translate(s,
  'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ',
  repeat('a', 17) || repeat('e', 11) || repeat('i', 5) || repeat('o', 17) || repeat('u', 11) || repeat('y', 5) || 'd' ||
  repeat('A', 17) || repeat('E', 11) || repeat('I', 5) || repeat('O', 17) || repeat('U', 11) || repeat('Y', 5) || 'D') $$;
CREATE FUNCTION discover_gen.hex(n int) RETURNS text LANGUAGE sql VOLATILE
AS $$ SELECT substr(encode(sha256(random()::text::bytea), 'hex'), 1, n) $$;
CREATE FUNCTION discover_gen.uuid() RETURNS uuid LANGUAGE sql VOLATILE
AS $$ SELECT overlay(overlay(md5(random()::text) placing '4' from 13) placing '8' from 17)::uuid $$;
CREATE FUNCTION discover_gen.alnum(n int) RETURNS text LANGUAGE sql VOLATILE
AS $$ SELECT string_agg(substr('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 1 + floor(random() * 34)::int, 1), '' ORDER BY i)
      FROM generate_series(1, n) i $$;

-- Vietnamese personal names: family, middle (by gender), given (by gender)
CREATE FUNCTION discover_gen.family() RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT CASE
  WHEN random() < 0.38 THEN 'Nguyễn' ELSE discover_gen.pick('{Trần,Lê,Phạm,Hoàng,Huỳnh,Phan,Vũ,Võ,Đặng,Bùi,Đỗ,Hồ,Ngô,Dương,Lý,Đinh,Trương,Lâm,Mai,Trịnh,Đoàn,Cao,Tạ,Hà,Lưu,Thái,Châu,Quách,Tô,Kiều,La,Lương,Văn,Vương}') END $$;
CREATE FUNCTION discover_gen.name(female boolean) RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT discover_gen.family() || ' ' ||
    CASE WHEN female THEN discover_gen.pick('{Thị,Thị,Thị,Ngọc,Thu,Thanh,Kim,Phương,Thúy,Minh,Bảo,Mỹ,Hồng,Diệu}')
         ELSE discover_gen.pick('{Văn,Văn,Hữu,Đức,Minh,Quốc,Công,Đình,Mạnh,Hoàng,Gia,Trọng,Thanh,Xuân,Bá}') END ||
    CASE WHEN random() < 0.15 THEN ' ' || discover_gen.pick('{Minh,Ngọc,Thanh,Hoàng,Anh,Quang,Phương,Bảo}') ELSE '' END || ' ' ||
    CASE WHEN female THEN discover_gen.pick('{An,Anh,Chi,Hà,Hạnh,Hoa,Hương,Lan,Linh,Mai,Nga,Ngọc,Nhung,Phương,Tâm,Thảo,Trang,Uyên,Vân,Vy,Yến,Hằng,Giang,Loan,Thủy,Quyên,Diệp,Oanh,Trâm,Nhi}')
         ELSE discover_gen.pick('{Bình,Cường,Dũng,Duy,Hải,Hiếu,Hòa,Hùng,Huy,Khánh,Khoa,Long,Minh,Nam,Phong,Phúc,Quân,Quang,Sơn,Thắng,Thành,Trung,Tú,Tuấn,Việt,An,Anh,Đạt,Kiên,Lộc,Tài,Thịnh,Vinh,Hưng}') END $$;
-- a name as written in a given column style: 0 diacritics, 1 no diacritics, 2 UPPER no diacritics
CREATE FUNCTION discover_gen.styled(s text, style int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE style WHEN 0 THEN s WHEN 1 THEN discover_gen.unaccent(s) ELSE upper(discover_gen.unaccent(s)) END $$;

-- phones: canonical 0xxxxxxxxx mobile, formatted in one of the usual ways
CREATE FUNCTION discover_gen.mobile() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT discover_gen.pick('{032,033,034,035,036,037,038,039,052,056,058,059,070,076,077,078,079,081,082,083,084,085,086,088,089,090,091,092,093,094,096,097,098,099}')
         || discover_gen.digits(7) $$;
CREATE FUNCTION discover_gen.fmt_phone(p text, style int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE style
    WHEN 0 THEN p
    WHEN 1 THEN substr(p, 1, 3) || ' ' || substr(p, 4, 3) || ' ' || substr(p, 7)
    WHEN 2 THEN substr(p, 1, 4) || '.' || substr(p, 5, 3) || '.' || substr(p, 8)
    WHEN 3 THEN '+84 ' || substr(p, 2, 3) || ' ' || substr(p, 5, 3) || ' ' || substr(p, 8)
    WHEN 4 THEN '84' || substr(p, 2)
    WHEN 5 THEN substr(p, 1, 4) || '-' || substr(p, 5, 3) || '-' || substr(p, 8)
    WHEN 6 THEN '+84' || substr(p, 2)
    ELSE '(+84) ' || substr(p, 2) END $$;
CREATE FUNCTION discover_gen.phone() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT discover_gen.fmt_phone(discover_gen.mobile(),
         CASE WHEN random() < 0.45 THEN 0 ELSE discover_gen.rint(1, 7) END) $$;
CREATE FUNCTION discover_gen.landline() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT CASE discover_gen.rint(0, 5)
    WHEN 0 THEN '024 ' || discover_gen.pick('{3826,3943,3762,6253,3514,7300}') || ' ' || discover_gen.digits(4)
    WHEN 1 THEN '028-' || discover_gen.pick('{3822,3930,3512,6268,3911,7303}') || '-' || discover_gen.digits(4)
    WHEN 2 THEN '(024) 3' || discover_gen.digits(7)
    WHEN 3 THEN '0236 3' || discover_gen.digits(2) || ' ' || discover_gen.digits(4)
    WHEN 4 THEN '0283' || discover_gen.digits(7)
    ELSE '0292.3' || discover_gen.digits(2) || '.' || discover_gen.digits(4) END $$;

-- identity numbers
CREATE FUNCTION discover_gen.province_code() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT discover_gen.pick('{001,001,001,079,079,079,002,004,006,008,010,011,012,014,015,017,019,020,022,024,025,026,027,030,031,033,034,035,036,037,038,040,042,044,045,046,048,049,051,052,054,056,058,060,062,064,066,067,068,070,072,074,075,077,080,082,083,084,086,087,089,091,092,093,094,095,096}') $$;
CREATE FUNCTION discover_gen.cccd(dob date, female boolean) RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT discover_gen.province_code()
      || (CASE WHEN extract(year FROM dob) < 2000 THEN 0 ELSE 2 END + CASE WHEN female THEN 1 ELSE 0 END)::text
      || to_char(dob, 'YY') || discover_gen.digits(6) $$;
CREATE FUNCTION discover_gen.cmnd() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT discover_gen.pick('{01,02,02,03,04,05,06,07,08,09,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,33,34,35,36,37,38}') || discover_gen.digits(7) $$;
CREATE FUNCTION discover_gen.passport() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT discover_gen.pick('{C,C,C,C,B,N}') || discover_gen.digits(7) $$;
-- tax code: 9 digits + check digit 10 - (sum(d_i * w_i) mod 11), w = 31 29 23 19 17 13 7 5 3
CREATE FUNCTION discover_gen.mst_complete(b text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  WITH w(s) AS (SELECT sum(substr(b, i, 1)::int * (ARRAY[31,29,23,19,17,13,7,5,3])[i]) FROM generate_series(1, 9) i)
  SELECT b || (10 - s % 11)::text FROM w $$;
CREATE FUNCTION discover_gen.mst(prefix text) RETURNS text LANGUAGE sql VOLATILE AS $$
  WITH b(b) AS (SELECT prefix || discover_gen.digits(9 - length(prefix))),
       f(b) AS (SELECT CASE WHEN (SELECT sum(substr(b, i, 1)::int * (ARRAY[31,29,23,19,17,13,7,5,3])[i]) FROM generate_series(1, 9) i) % 11 = 0
                            THEN substr(b, 1, 8) || ((substr(b, 9, 1)::int + 1) % 10)::text ELSE b END FROM b)
  SELECT discover_gen.mst_complete(b) FROM f $$;
-- Luhn: append the check digit to a partial number
CREATE FUNCTION discover_gen.luhn(p text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT p || ((10 - sum(CASE WHEN i % 2 = 1 THEN (d * 2) / 10 + (d * 2) % 10 ELSE d END) % 10) % 10)::text
  FROM (SELECT i, substr(p, length(p) - i + 1, 1)::int AS d FROM generate_series(1, length(p)) i) s $$;
CREATE FUNCTION discover_gen.card() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT CASE discover_gen.rint(0, 3)
    WHEN 0 THEN discover_gen.luhn('4' || discover_gen.digits(14))
    WHEN 1 THEN discover_gen.luhn('5' || discover_gen.rint(1, 5)::text || discover_gen.digits(13))
    WHEN 2 THEN discover_gen.luhn('2' || discover_gen.pick('{221,300,500,720}') || discover_gen.digits(11))
    ELSE discover_gen.luhn('9704' || discover_gen.pick('{36,15,05,22,18,03,16,32}') || discover_gen.digits(9)) END $$;
-- EAN-13 (Vietnam GS1 prefix 893): check = (10 - sum(d1 + 3 d2 + d3 + ...) mod 10) mod 10
CREATE FUNCTION discover_gen.ean13() RETURNS text LANGUAGE sql VOLATILE AS $$
  WITH b(b) AS (SELECT '893' || discover_gen.digits(9))
  SELECT b || ((10 - (SELECT sum(substr(b, i, 1)::int * CASE WHEN i % 2 = 0 THEN 3 ELSE 1 END) FROM generate_series(1, 12) i) % 10) % 10)::text FROM b $$;
CREATE FUNCTION discover_gen.bank_account() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT CASE discover_gen.rint(0, 5)
    WHEN 0 THEN '00' || discover_gen.pick('{71,11,31,41,49}') || '00' || discover_gen.digits(7)   -- Vietcombank, 13
    WHEN 1 THEN '1903' || discover_gen.digits(10)                                               -- Techcombank, 14
    WHEN 2 THEN '1' || discover_gen.pick('{01,02,03,08}') || '0' || discover_gen.digits(8)       -- VietinBank, 12
    WHEN 3 THEN '0' || discover_gen.digits(12)                                                  -- MB, 13
    WHEN 4 THEN discover_gen.digits(1) || discover_gen.digits(8)                                -- VPBank/ACB, 9
    ELSE '2' || discover_gen.pick('{11,12,13,15}') || '1000' || discover_gen.digits(7) END $$;  -- BIDV, 14
CREATE FUNCTION discover_gen.bank() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT discover_gen.pick('{Vietcombank,Techcombank,VietinBank,BIDV,MB Bank,VPBank,ACB,Agribank,Sacombank,TPBank}') $$;
CREATE FUNCTION discover_gen.bhxh() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT discover_gen.pick('{01,79,48,31,92,74,75,56,40,22}') || discover_gen.digits(8) $$;

CREATE FUNCTION discover_gen.dob() RETURNS date LANGUAGE sql VOLATILE AS $$
  SELECT date '1950-01-01' + floor(random() * 20800)::int $$;        -- 1950 .. 2006
CREATE FUNCTION discover_gen.ts(fromdate date, days int) RETURNS timestamp LANGUAGE sql VOLATILE AS $$
  SELECT fromdate + floor(random() * days * 86400)::int * interval '1 second' $$;

-- addresses: house number, street, ward|district|province tuples, 5 writing styles
CREATE FUNCTION discover_gen.street() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT discover_gen.pick('{Lê Lợi,Nguyễn Huệ,Trần Hưng Đạo,Hai Bà Trưng,Lý Thường Kiệt,Điện Biên Phủ,Cách Mạng Tháng Tám,Nguyễn Trãi,Lê Duẩn,Phan Đình Phùng,Hoàng Hoa Thám,Võ Văn Tần,Nguyễn Văn Cừ,Kim Mã,Cầu Giấy,Láng Hạ,Xã Đàn,Bạch Đằng,Hùng Vương,Quang Trung,Nguyễn Thị Minh Khai,Pasteur,Tôn Đức Thắng,Phạm Văn Đồng,Trường Chinh,Lạc Long Quân,Âu Cơ,Phố Huế,Hàng Bài,Đội Cấn}') $$;
CREATE FUNCTION discover_gen.area() RETURNS text[] LANGUAGE sql VOLATILE AS $$
  SELECT string_to_array(discover_gen.pick(ARRAY[
   'Phường Bến Nghé|Quận 1|Thành phố Hồ Chí Minh', 'Phường Bến Thành|Quận 1|Thành phố Hồ Chí Minh',
   'Phường Võ Thị Sáu|Quận 3|Thành phố Hồ Chí Minh', 'Phường 12|Quận Tân Bình|Thành phố Hồ Chí Minh',
   'Phường Thảo Điền|Thành phố Thủ Đức|Thành phố Hồ Chí Minh', 'Xã Bình Hưng|Huyện Bình Chánh|Thành phố Hồ Chí Minh',
   'Phường 7|Quận Gò Vấp|Thành phố Hồ Chí Minh', 'Phường Dịch Vọng|Quận Cầu Giấy|Thành phố Hà Nội',
   'Phường Láng Thượng|Quận Đống Đa|Thành phố Hà Nội', 'Phường Kim Mã|Quận Ba Đình|Thành phố Hà Nội',
   'Phường Hàng Bạc|Quận Hoàn Kiếm|Thành phố Hà Nội', 'Xã Kim Chung|Huyện Đông Anh|Thành phố Hà Nội',
   'Phường Thạch Thang|Quận Hải Châu|Thành phố Đà Nẵng', 'Phường An Hải Bắc|Quận Sơn Trà|Thành phố Đà Nẵng',
   'Phường Xuân Khánh|Quận Ninh Kiều|Thành phố Cần Thơ', 'Phường Lộc Thọ|Thành phố Nha Trang|Tỉnh Khánh Hòa',
   'Phường Hưng Dũng|Thành phố Vinh|Tỉnh Nghệ An', 'Phường Phú Hòa|Thành phố Thủ Dầu Một|Tỉnh Bình Dương',
   'Xã Hòa Phú|Huyện Hòa Vang|Thành phố Đà Nẵng', 'Phường Hồng Hải|Thành phố Hạ Long|Tỉnh Quảng Ninh',
   'Phường Lê Lợi|Thành phố Quy Nhơn|Tỉnh Bình Định', 'Thị trấn Phú Mỹ|Huyện Tân Thành|Tỉnh Bà Rịa - Vũng Tàu']), '|') $$;
CREATE FUNCTION discover_gen.abbrev(s text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT replace(replace(replace(replace(replace(replace(replace(s,
    'Thành phố Hồ Chí Minh', 'TP.HCM'), 'Phường ', 'P. '), 'Quận ', 'Q. '), 'Thành phố ', 'TP. '),
    'Huyện ', 'H. '), 'Thị trấn ', 'TT. '), 'Tỉnh ', '') $$;
CREATE FUNCTION discover_gen.house() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT CASE discover_gen.rint(0, 4)
    WHEN 0 THEN discover_gen.rint(1, 350)::text
    WHEN 1 THEN discover_gen.rint(1, 200)::text || '/' || discover_gen.rint(1, 40)::text
    WHEN 2 THEN discover_gen.rint(1, 150)::text || discover_gen.pick('{A,B,C}')
    WHEN 3 THEN 'Số ' || discover_gen.rint(1, 99)::text || ' ngõ ' || discover_gen.rint(2, 300)::text
    ELSE 'Số ' || discover_gen.rint(1, 500)::text END $$;
CREATE FUNCTION discover_gen.address(style int) RETURNS text LANGUAGE sql VOLATILE AS $$
  WITH p(h, s, a) AS (SELECT discover_gen.house(), discover_gen.street(), discover_gen.area()),
       f(full1) AS (SELECT h || CASE WHEN h LIKE 'Số%' THEN ' ' ELSE ' đường ' END || s || ', ' || a[1] || ', ' || a[2] || ', ' || a[3] FROM p),
       b(abbr) AS (SELECT h || ' ' || s || ', ' || discover_gen.abbrev(a[1] || ', ' || a[2] || ', ' || a[3]) FROM p)
  SELECT CASE style WHEN 0 THEN full1 WHEN 1 THEN abbr WHEN 2 THEN discover_gen.unaccent(full1)
                    WHEN 3 THEN discover_gen.unaccent(abbr) ELSE upper(discover_gen.unaccent(abbr)) END FROM f, b $$;
CREATE FUNCTION discover_gen.email(full_name text) RETURNS text LANGUAGE sql VOLATILE AS $$
  WITH n(w) AS (SELECT string_to_array(lower(discover_gen.unaccent(full_name)), ' '))
  SELECT CASE discover_gen.rint(0, 4)
     WHEN 0 THEN w[array_length(w, 1)] || '.' || w[1] || discover_gen.rint(1, 99)::text
     WHEN 1 THEN w[array_length(w, 1)] || left(w[1], 1) || left(w[2], 1) || discover_gen.rint(80, 2005)::text
     WHEN 2 THEN array_to_string(w, '')
     WHEN 3 THEN w[1] || '_' || w[array_length(w, 1)] || discover_gen.digits(3)
     ELSE w[array_length(w, 1)] || discover_gen.rint(1, 9999)::text END
   || '@' || discover_gen.pick('{gmail.com,gmail.com,gmail.com,yahoo.com,outlook.com,hotmail.com,icloud.com,fpt.vn,yahoo.com.vn}') FROM n $$;
CREATE FUNCTION discover_gen.plate() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT CASE discover_gen.rint(0, 2)
    WHEN 0 THEN discover_gen.pick('{29,30,31,51,59,43,65,36,37,99}') || discover_gen.pick('{A,B,C,D,E,F,G,H,K}') || '-' || discover_gen.digits(3) || '.' || discover_gen.digits(2)
    WHEN 1 THEN discover_gen.pick('{29,59,50,43,92,66}') || '-' || discover_gen.pick('{X,T,P,F,G,H}') || discover_gen.rint(1, 9)::text || ' ' || discover_gen.digits(3) || '.' || discover_gen.digits(2)
    ELSE discover_gen.pick('{30,51,14,15,61}') || discover_gen.pick('{A,E,F,G,K}') || discover_gen.digits(5) END $$;
CREATE FUNCTION discover_gen.ipv4() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT discover_gen.pick('{113,14,171,27,42,116,118,1,125,103}') || '.' || discover_gen.rint(0, 255)::text || '.' || discover_gen.rint(0, 255)::text || '.' || discover_gen.rint(1, 254)::text $$;
CREATE FUNCTION discover_gen.ip() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT CASE WHEN random() < 0.85 THEN discover_gen.ipv4()
    ELSE '2402:800:' || discover_gen.hex(4) || ':' || discover_gen.hex(4) || '::' || discover_gen.hex(3) END $$;
CREATE FUNCTION discover_gen.user_agent() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT discover_gen.pick(ARRAY[
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
    'Mozilla/5.0 (Linux; Android 13; SM-A536E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
    'Mozilla/5.0 (Linux; Android 12; Redmi Note 11) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.0.0 Mobile Safari/537.36',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0',
    'ShopeeApp/3.12.5 (Android 11; vi_VN)', 'okhttp/4.9.3', 'Zalo/23.10.1 (iPhone; iOS 16.6)']) $$;

SELECT setseed(0.15) \g /dev/null

-- ====================================================================== crm
CREATE TABLE crm.customers (
    customer_id integer PRIMARY KEY, ma_kh text, ho_ten text, gioi_tinh text, ngay_sinh date,
    nam_sinh integer, so_dien_thoai text, email text, cccd text, dia_chi text, quoc_tich text,
    tinh_trang_hon_nhan text, dan_toc text, ton_giao text, nghe_nghiep text, created_at timestamptz,
    phone_count integer, email_verified boolean, diem_tich_luy integer, hang_thanh_vien text);
INSERT INTO crm.customers
SELECT i, 'KH' || lpad(i::text, 6, '0'), nm, CASE WHEN f THEN 'Nữ' ELSE 'Nam' END, dob,
       extract(year FROM dob)::int,
       CASE WHEN random() < 0.03 THEN NULL WHEN random() < 0.02 THEN '' ELSE discover_gen.phone() END,
       CASE WHEN random() < 0.12 THEN NULL ELSE discover_gen.email(nm) END,
       CASE WHEN random() < 0.2 THEN NULL ELSE discover_gen.cccd(dob, f) END,
       discover_gen.address(discover_gen.rint(0, 1)),
       CASE WHEN random() < 0.94 THEN 'Việt Nam' ELSE discover_gen.pick('{Hàn Quốc,Nhật Bản,Trung Quốc,Hoa Kỳ,Pháp,Đài Loan}') END,
       discover_gen.pick('{Độc thân,Đã kết hôn,Đã kết hôn,Ly hôn,Góa}'),
       CASE WHEN random() < 0.85 THEN 'Kinh' ELSE discover_gen.pick('{Tày,Thái,Mường,Khmer,Hoa,Nùng,H''Mông,Dao,Ê Đê,Chăm}') END,
       discover_gen.pick('{Không,Không,Không,Phật giáo,Phật giáo,Công giáo,Tin Lành,Cao Đài,Hòa Hảo}'),
       discover_gen.pick('{Nhân viên văn phòng,Kinh doanh tự do,Giáo viên,Kỹ sư,Sinh viên,Công nhân,Bác sĩ,Nội trợ,Hưu trí,Kế toán}'),
       discover_gen.ts('2019-01-01', 1800) AT TIME ZONE 'Asia/Ho_Chi_Minh',
       discover_gen.rint(0, 3), random() < 0.7, discover_gen.rint(0, 25000),
       discover_gen.pick('{Thành viên,Bạc,Vàng,Kim cương}')
FROM (SELECT i, f, dob, discover_gen.styled(discover_gen.name(f), CASE WHEN random() < 0.9 THEN 0 ELSE 1 END) AS nm
      FROM (SELECT i, random() < 0.52 AS f, discover_gen.dob() AS dob FROM generate_series(1, 4000) i) a) s;
INSERT INTO public.discover_labels VALUES
 ('crm.customers', 'customer_id', NULL, NULL, 'surrogate key'),
 ('crm.customers', 'ma_kh', NULL, '{other_identifying}', 'customer code KH000123: an internal reference, not tagged'),
 ('crm.customers', 'ho_ten', 'full_name', NULL, NULL),
 ('crm.customers', 'gioi_tinh', 'gender', NULL, NULL),
 ('crm.customers', 'ngay_sinh', 'date_of_birth', NULL, NULL),
 ('crm.customers', 'nam_sinh', 'date_of_birth', NULL, 'hard: year of birth as integer, known only by the name'),
 ('crm.customers', 'so_dien_thoai', 'phone_number', NULL, NULL),
 ('crm.customers', 'email', 'email_address', NULL, NULL),
 ('crm.customers', 'cccd', 'identity_number', NULL, NULL),
 ('crm.customers', 'dia_chi', 'address', NULL, NULL),
 ('crm.customers', 'quoc_tich', 'nationality', NULL, NULL),
 ('crm.customers', 'tinh_trang_hon_nhan', 'marital_status', NULL, NULL),
 ('crm.customers', 'dan_toc', 'racial_ethnic_origin', NULL, NULL),
 ('crm.customers', 'ton_giao', 'political_religious_views', NULL, NULL),
 ('crm.customers', 'nghe_nghiep', NULL, '{other_identifying}', 'occupation: personal in law, no category names it'),
 ('crm.customers', 'created_at', NULL, NULL, NULL),
 ('crm.customers', 'phone_count', NULL, NULL, 'hard: personal-looking name, integer count'),
 ('crm.customers', 'email_verified', NULL, NULL, 'hard: personal-looking name, boolean'),
 ('crm.customers', 'diem_tich_luy', NULL, NULL, 'loyalty points'),
 ('crm.customers', 'hang_thanh_vien', NULL, NULL, 'membership tier');

CREATE TABLE crm.contacts (
    id bigint PRIMARY KEY, customer_id integer, "fullName" text, "phoneNumber" text, "emailAddress" text,
    "dateOfBirth" text, col3 text, relationship text, "preferredChannel" text, "isPrimary" boolean, "createdAt" timestamp);
INSERT INTO crm.contacts
SELECT 100000 + i, discover_gen.rint(1, 4000), nm, discover_gen.phone(),
       CASE WHEN random() < 0.3 THEN NULL ELSE discover_gen.email(nm) END,
       CASE WHEN random() < 0.1 THEN NULL ELSE to_char(dob, 'YYYY-MM-DD') END,
       CASE WHEN random() < 0.25 THEN NULL WHEN random() < 0.85 THEN discover_gen.phone() ELSE discover_gen.landline() END,
       discover_gen.pick('{Bản thân,Bản thân,Vợ,Chồng,Con,Bố,Mẹ,Anh,Chị,Em}'),
       discover_gen.pick('{sms,email,zalo,call}'), random() < 0.5,
       discover_gen.ts('2020-01-01', 1500)
FROM (SELECT i, dob, discover_gen.styled(discover_gen.name(f), CASE WHEN random() < 0.7 THEN 0 ELSE 1 END) AS nm
      FROM (SELECT i, random() < 0.5 AS f, discover_gen.dob() AS dob FROM generate_series(1, 3000) i) a) s;
INSERT INTO public.discover_labels VALUES
 ('crm.contacts', 'id', NULL, NULL, 'surrogate key'),
 ('crm.contacts', 'customer_id', NULL, NULL, 'foreign key'),
 ('crm.contacts', 'fullName', 'full_name', NULL, 'camelCase name'),
 ('crm.contacts', 'phoneNumber', 'phone_number', NULL, 'camelCase name'),
 ('crm.contacts', 'emailAddress', 'email_address', NULL, NULL),
 ('crm.contacts', 'dateOfBirth', 'date_of_birth', NULL, 'ISO dates in a text column'),
 ('crm.contacts', 'col3', 'phone_number', NULL, 'hard: uninformative name, second phone (mobile and landline)'),
 ('crm.contacts', 'relationship', 'family_relationship', NULL, 'relation of the contact to the customer'),
 ('crm.contacts', 'preferredChannel', NULL, NULL, NULL),
 ('crm.contacts', 'isPrimary', NULL, NULL, NULL),
 ('crm.contacts', 'createdAt', NULL, NULL, NULL);

CREATE TABLE crm.addresses (
    address_id integer PRIMARY KEY, customer_id integer, address_type text, so_nha text, duong text,
    phuong_xa text, quan_huyen text, tinh_thanh text, postal_code text, addr_full text, is_default boolean,
    lat numeric(9,6), lng numeric(9,6));
INSERT INTO crm.addresses
SELECT i, discover_gen.rint(1, 4000), discover_gen.pick('{Nhà riêng,Nhà riêng,Cơ quan,Giao hàng}'),
       h, s, a[1], a[2], a[3],
       CASE a[3] WHEN 'Thành phố Hồ Chí Minh' THEN '70000' WHEN 'Thành phố Hà Nội' THEN '10000'
                 WHEN 'Thành phố Đà Nẵng' THEN '50000' ELSE discover_gen.pick('{94000,43000,75000,20000,55000,57000}') END,
       discover_gen.unaccent(h || ' ' || s || ', ' || discover_gen.abbrev(a[1] || ', ' || a[2] || ', ' || a[3])),
       random() < 0.4,
       CASE WHEN a[3] LIKE '%Hà Nội' THEN 20.98 + random() * 0.1 ELSE 10.70 + random() * 0.15 END,
       CASE WHEN a[3] LIKE '%Hà Nội' THEN 105.78 + random() * 0.1 ELSE 106.62 + random() * 0.15 END
FROM (SELECT i, discover_gen.house() AS h, discover_gen.street() AS s, discover_gen.area() AS a
      FROM generate_series(1, 4500) i) p;
INSERT INTO public.discover_labels VALUES
 ('crm.addresses', 'address_id', NULL, NULL, 'surrogate key'),
 ('crm.addresses', 'customer_id', NULL, NULL, 'foreign key'),
 ('crm.addresses', 'address_type', NULL, NULL, 'hard: personal-looking name, a type code (Nhà riêng, Cơ quan)'),
 ('crm.addresses', 'so_nha', 'address', NULL, 'hard: house number alone'),
 ('crm.addresses', 'duong', 'address', NULL, 'hard: street names are often names of people (Lê Lợi, Nguyễn Huệ)'),
 ('crm.addresses', 'phuong_xa', 'address', NULL, 'ward'),
 ('crm.addresses', 'quan_huyen', 'address', NULL, 'district'),
 ('crm.addresses', 'tinh_thanh', 'address', NULL, 'hard: province of a person''s address (few distinct values)'),
 ('crm.addresses', 'postal_code', NULL, '{address}', 'hard: postal code of a province, not precise enough to identify'),
 ('crm.addresses', 'addr_full', 'address', NULL, 'no diacritics, abbreviated (P., Q., TP.)'),
 ('crm.addresses', 'is_default', NULL, NULL, NULL),
 ('crm.addresses', 'lat', 'address', '{location_data}', 'hard: geocode of a home address'),
 ('crm.addresses', 'lng', 'address', '{location_data}', 'hard: geocode of a home address');

CREATE TABLE crm.loyalty (
    card_no text PRIMARY KEY, customer_id integer, info text, tier text, points integer, joined_on date,
    voucher_code text, last_visit timestamptz, nm text);
INSERT INTO crm.loyalty
SELECT 'LC' || lpad((7300000 + i * 7)::text, 10, '0'), i, discover_gen.email(nm),
       discover_gen.pick('{Thành viên,Bạc,Vàng,Kim cương}'), discover_gen.rint(0, 40000),
       date '2018-01-01' + discover_gen.rint(0, 2000),
       discover_gen.digits(16),
       CASE WHEN random() < 0.1 THEN NULL ELSE discover_gen.ts('2024-01-01', 330) AT TIME ZONE 'Asia/Ho_Chi_Minh' END,
       upper(discover_gen.unaccent(nm))
FROM (SELECT i, discover_gen.name(random() < 0.5) AS nm FROM generate_series(1, 3500) i) s;
INSERT INTO public.discover_labels VALUES
 ('crm.loyalty', 'card_no', NULL, '{other_identifying}', 'hard: membership card number LC + 10 digits, an internal reference'),
 ('crm.loyalty', 'customer_id', NULL, NULL, 'foreign key'),
 ('crm.loyalty', 'info', 'email_address', NULL, 'hard: uninformative name holding e-mail addresses'),
 ('crm.loyalty', 'tier', NULL, NULL, NULL),
 ('crm.loyalty', 'points', NULL, NULL, NULL),
 ('crm.loyalty', 'joined_on', NULL, NULL, 'membership start date'),
 ('crm.loyalty', 'voucher_code', NULL, NULL, 'hard: 16 random digits (about 1 in 10 pass Luhn by chance), not a card'),
 ('crm.loyalty', 'last_visit', NULL, NULL, 'last visit to a shop'),
 ('crm.loyalty', 'nm', 'full_name', NULL, 'hard: abbreviated column name; UPPER CASE names without diacritics as printed on the card');

CREATE TABLE crm.customer_health (
    customer_id integer PRIMARY KEY, nhom_mau text, di_ung text, benh_man_tinh text, ghi_chu text,
    can_nang numeric(5,1), chieu_cao integer, updated_at timestamptz);
INSERT INTO crm.customer_health
SELECT i, discover_gen.pick('{A+,A-,B+,B-,O+,O-,AB+,AB-}'),
       CASE WHEN random() < 0.6 THEN 'Không' ELSE discover_gen.pick('{Dị ứng penicillin,Dị ứng hải sản,Dị ứng phấn hoa,Dị ứng aspirin,Dị ứng sữa bò}') END,
       CASE WHEN random() < 0.55 THEN NULL ELSE discover_gen.pick('{Tiểu đường type 2,Cao huyết áp,Hen suyễn,Viêm gan B,Suy thận mạn,Gout,Rối loạn mỡ máu}') END,
       CASE WHEN random() < 0.5 THEN '' ELSE discover_gen.pick('{Đang mang thai tháng thứ 5,Tái khám sau 2 tuần,Đang dùng thuốc chống đông,Đã tiêm đủ 3 mũi vắc xin,Huyết áp 150/95 mmHg,Đường huyết lúc đói 8.2 mmol/L}') END,
       round((45 + random() * 40)::numeric, 1), discover_gen.rint(148, 185),
       discover_gen.ts('2023-01-01', 600) AT TIME ZONE 'Asia/Ho_Chi_Minh'
FROM generate_series(1, 2000) i;
INSERT INTO public.discover_labels VALUES
 ('crm.customer_health', 'customer_id', NULL, NULL, 'primary key / foreign key'),
 ('crm.customer_health', 'nhom_mau', 'health_record', NULL, 'blood group'),
 ('crm.customer_health', 'di_ung', 'health_record', NULL, 'allergies'),
 ('crm.customer_health', 'benh_man_tinh', 'health_record', NULL, 'chronic diseases'),
 ('crm.customer_health', 'ghi_chu', 'health_record', '{private_life}', 'hard: generic name (note), health content'),
 ('crm.customer_health', 'can_nang', 'health_record', '{other_identifying}', 'hard: body weight, numeric'),
 ('crm.customer_health', 'chieu_cao', 'health_record', '{other_identifying}', 'hard: height, integer'),
 ('crm.customer_health', 'updated_at', NULL, NULL, NULL);

CREATE TABLE crm.leads (
    lead_id bigint PRIMARY KEY, full_name text, dob date, gender text, mobile text, tel text, email text,
    addr text, mst text, source text, utm_campaign text, score integer, consent_marketing boolean, created_at timestamptz);
INSERT INTO crm.leads
SELECT 202400000000 + i, discover_gen.styled(nm, CASE WHEN random() < 0.75 THEN 0 ELSE 1 END),
       CASE WHEN random() < 0.3 THEN NULL ELSE discover_gen.dob() END,
       CASE WHEN random() < 0.1 THEN NULL WHEN f THEN 'F' ELSE 'M' END,
       discover_gen.phone(), CASE WHEN random() < 0.7 THEN NULL ELSE discover_gen.landline() END,
       CASE WHEN random() < 0.2 THEN '' ELSE discover_gen.email(nm) END,
       CASE WHEN random() < 0.15 THEN NULL ELSE discover_gen.address(discover_gen.rint(1, 4)) END,
       CASE WHEN random() < 0.7 THEN NULL ELSE discover_gen.mst('8') END,
       discover_gen.pick('{facebook,zalo,google,hotline,event,referral}'),
       CASE WHEN random() < 0.4 THEN NULL ELSE discover_gen.pick('{tet2024,back_to_school,black_friday,11_11,summer_sale}') END,
       discover_gen.rint(0, 100), random() < 0.6, discover_gen.ts('2024-01-01', 330) AT TIME ZONE 'Asia/Ho_Chi_Minh'
FROM (SELECT i, f, discover_gen.name(f) AS nm FROM (SELECT i, random() < 0.5 AS f FROM generate_series(1, 2500) i) a) s;
INSERT INTO public.discover_labels VALUES
 ('crm.leads', 'lead_id', NULL, NULL, 'look-alike: 12-digit bigint'),
 ('crm.leads', 'full_name', 'full_name', NULL, 'English names'),
 ('crm.leads', 'dob', 'date_of_birth', NULL, NULL),
 ('crm.leads', 'gender', 'gender', NULL, 'M/F'),
 ('crm.leads', 'mobile', 'phone_number', NULL, NULL),
 ('crm.leads', 'tel', 'phone_number', NULL, 'hard: 70% NULL, landlines'),
 ('crm.leads', 'email', 'email_address', NULL, '20% empty strings'),
 ('crm.leads', 'addr', 'address', NULL, 'abbreviated, with and without diacritics'),
 ('crm.leads', 'mst', 'tax_insurance_number', NULL, 'personal tax codes (household businesses), 70% NULL'),
 ('crm.leads', 'source', NULL, NULL, NULL),
 ('crm.leads', 'utm_campaign', NULL, NULL, NULL),
 ('crm.leads', 'score', NULL, NULL, NULL),
 ('crm.leads', 'consent_marketing', NULL, NULL, NULL),
 ('crm.leads', 'created_at', NULL, NULL, NULL);

-- ==================================================================== sales
CREATE TABLE sales.orders (
    order_id bigint PRIMARY KEY, order_no text, ma_don text, customer_id integer, order_date date,
    order_ts timestamptz, status text, status_code smallint, total_amount numeric(14,0), currency text,
    payment_method text, ten_nguoi_nhan text, sdt_nguoi_nhan text, dia_chi_giao text, ghi_chu text,
    phone_verified boolean, channel text, coupon text);
INSERT INTO sales.orders
SELECT to_char(d, 'YYMMDD')::bigint * 1000000 + i, to_char(d, 'YYMMDD') || lpad((i % 10000)::text, 4, '0'),
       lpad(i::text, 10, '0'), discover_gen.rint(1, 4000), d::date,
       d AT TIME ZONE 'Asia/Ho_Chi_Minh', st, CASE st WHEN 'NEW' THEN 10 WHEN 'PAID' THEN 20 WHEN 'SHIPPED' THEN 30 WHEN 'DONE' THEN 40 ELSE 90 END,
       (discover_gen.rint(2, 500) * 1000)::numeric, 'VND', discover_gen.pick('{COD,COD,VNPAY,MOMO,ZALOPAY,CARD,BANK_TRANSFER}'),
       discover_gen.styled(discover_gen.name(random() < 0.55), CASE WHEN random() < 0.8 THEN 0 ELSE 1 END),
       discover_gen.phone(), discover_gen.address(discover_gen.rint(1, 3)),
       CASE WHEN random() < 0.5 THEN NULL ELSE discover_gen.pick('{Giao giờ hành chính,Gọi trước khi giao,Để hàng ở bảo vệ,Giao buổi tối sau 18h,Không giao thứ 7 chủ nhật,Hàng dễ vỡ}') END,
       random() < 0.8, discover_gen.pick('{web,app,shopee,lazada,tiki,pos}'),
       CASE WHEN random() < 0.7 THEN NULL ELSE discover_gen.pick('{SALE50,FREESHIP,TET2024,NEWUSER,VIP10}') END
FROM (SELECT i, discover_gen.ts('2023-01-01', 700) AS d,
             discover_gen.pick('{NEW,PAID,SHIPPED,DONE,DONE,DONE,CANCELLED}') AS st
      FROM generate_series(1, 5000) i) s;
INSERT INTO public.discover_labels VALUES
 ('sales.orders', 'order_id', NULL, NULL, 'look-alike: 12-digit bigint (yymmdd + sequence)'),
 ('sales.orders', 'order_no', NULL, NULL, 'look-alike: 10-digit order number (yymmdd + 4 digits)'),
 ('sales.orders', 'ma_don', NULL, NULL, 'look-alike: zero-padded 10-digit order code (0000001234)'),
 ('sales.orders', 'customer_id', NULL, NULL, 'foreign key'),
 ('sales.orders', 'order_date', NULL, NULL, 'look-alike: a date that is not a birth date'),
 ('sales.orders', 'order_ts', NULL, NULL, NULL),
 ('sales.orders', 'status', NULL, NULL, NULL),
 ('sales.orders', 'status_code', NULL, NULL, NULL),
 ('sales.orders', 'total_amount', NULL, NULL, NULL),
 ('sales.orders', 'currency', NULL, NULL, NULL),
 ('sales.orders', 'payment_method', NULL, NULL, NULL),
 ('sales.orders', 'ten_nguoi_nhan', 'full_name', NULL, 'receiver name'),
 ('sales.orders', 'sdt_nguoi_nhan', 'phone_number', NULL, NULL),
 ('sales.orders', 'dia_chi_giao', 'address', NULL, 'delivery address, abbreviated, some without diacritics'),
 ('sales.orders', 'ghi_chu', NULL, NULL, 'delivery instructions'),
 ('sales.orders', 'phone_verified', NULL, NULL, 'hard: personal-looking name, boolean'),
 ('sales.orders', 'channel', NULL, NULL, NULL),
 ('sales.orders', 'coupon', NULL, NULL, NULL);

CREATE TABLE sales.order_items (
    item_id integer PRIMARY KEY, order_id bigint, sku text, barcode text, product_name text, quantity integer,
    unit_price numeric(12,0), discount numeric(5,2), line_total numeric(14,0), warranty_serial text);
INSERT INTO sales.order_items
SELECT i, discover_gen.rint(1, 5000), sku, discover_gen.ean13(), pn, q, p, dc, round(q * p * (1 - dc)),
       CASE WHEN random() < 0.6 THEN NULL ELSE 'SN' || discover_gen.alnum(10) END
FROM (SELECT i, discover_gen.pick('{AO,QU,GI,TU,MP,DT,PK}') || '-' || discover_gen.pick('{TS,SM,JN,KK,XL}') || '-' || lpad(discover_gen.rint(1, 999)::text, 3, '0') AS sku,
             discover_gen.pick('{Áo thun nam cổ tròn,Quần jean nữ ống đứng,Giày thể thao,Túi xách da,Sữa rửa mặt,Điện thoại Galaxy A54,Tai nghe bluetooth,Nồi cơm điện 1.8L,Bình giữ nhiệt,Kem chống nắng}') AS pn,
             discover_gen.rint(1, 5) AS q, (discover_gen.rint(20, 3000) * 1000)::numeric AS p,
             discover_gen.pick('{0,0,0,0.05,0.1,0.2}')::numeric AS dc
      FROM generate_series(1, 5000) i) s;
INSERT INTO public.discover_labels VALUES
 ('sales.order_items', 'item_id', NULL, NULL, NULL),
 ('sales.order_items', 'order_id', NULL, NULL, NULL),
 ('sales.order_items', 'sku', NULL, NULL, 'look-alike: product code letters + digits'),
 ('sales.order_items', 'barcode', NULL, NULL, 'look-alike: EAN-13 with valid check digit'),
 ('sales.order_items', 'product_name', NULL, NULL, NULL),
 ('sales.order_items', 'quantity', NULL, NULL, NULL),
 ('sales.order_items', 'unit_price', NULL, NULL, NULL),
 ('sales.order_items', 'discount', NULL, NULL, NULL),
 ('sales.order_items', 'line_total', NULL, NULL, NULL),
 ('sales.order_items', 'warranty_serial', NULL, NULL, 'look-alike: SN + 10 letters/digits');

CREATE TABLE sales.invoices (
    invoice_id integer PRIMARY KEY, so_hoa_don text, ky_hieu text, ngay_hd date, buyer_name text,
    buyer_tax_code text, buyer_address text, buyer_email text, tong_tien numeric(14,0), thue_vat numeric(14,0),
    ma_tra_cuu text, order_id bigint);
INSERT INTO sales.invoices
SELECT i, lpad((i + 120)::text, 7, '0'), '1C24T' || discover_gen.pick('{AA,BB,HN,SG}'), date '2024-01-01' + discover_gen.rint(0, 330),
       discover_gen.styled(nm, CASE WHEN random() < 0.6 THEN 0 ELSE 2 END),
       CASE WHEN random() < 0.55 THEN NULL WHEN random() < 0.85 THEN discover_gen.mst('8') ELSE discover_gen.mst('8') || '-00' || discover_gen.rint(1, 3)::text END,
       discover_gen.address(discover_gen.rint(0, 4)),
       CASE WHEN random() < 0.4 THEN NULL ELSE discover_gen.email(nm) END,
       t, round(t * 0.08), discover_gen.alnum(12), discover_gen.rint(1, 5000)
FROM (SELECT i, discover_gen.name(random() < 0.5) AS nm, (discover_gen.rint(50, 20000) * 1000)::numeric AS t
      FROM generate_series(1, 3000) i) s;
INSERT INTO public.discover_labels VALUES
 ('sales.invoices', 'invoice_id', NULL, NULL, NULL),
 ('sales.invoices', 'so_hoa_don', NULL, NULL, 'look-alike: 7-digit e-invoice number'),
 ('sales.invoices', 'ky_hieu', NULL, NULL, 'invoice series symbol'),
 ('sales.invoices', 'ngay_hd', NULL, NULL, 'invoice date'),
 ('sales.invoices', 'buyer_name', 'full_name', NULL, 'with diacritics and UPPER CASE without'),
 ('sales.invoices', 'buyer_tax_code', 'tax_insurance_number', NULL, 'personal tax codes (10 digits, some with -00N household-business suffix), 55% NULL'),
 ('sales.invoices', 'buyer_address', 'address', NULL, 'all five writing styles'),
 ('sales.invoices', 'buyer_email', 'email_address', NULL, NULL),
 ('sales.invoices', 'tong_tien', NULL, NULL, NULL),
 ('sales.invoices', 'thue_vat', NULL, NULL, NULL),
 ('sales.invoices', 'ma_tra_cuu', NULL, NULL, 'look-alike: 12-character lookup code'),
 ('sales.invoices', 'order_id', NULL, NULL, NULL);

CREATE TABLE sales.shipments (
    shipment_id integer PRIMARY KEY, order_id bigint, carrier text, tracking_no text, awb_number text,
    receiver text, receiver_tel text, delivery_lat numeric(9,6), delivery_lng numeric(9,6), shipped_at timestamptz,
    delivered_at timestamptz, weight_gram integer, fee numeric(10,0), cod_amount numeric(14,0));
INSERT INTO sales.shipments
SELECT i, discover_gen.rint(1, 5000), c,
       CASE c WHEN 'GHN' THEN 'GHN' || discover_gen.alnum(8) WHEN 'VNPost' THEN 'EB' || discover_gen.digits(9) || 'VN'
              WHEN 'GHTK' THEN 'S' || discover_gen.digits(8) || '.' || discover_gen.alnum(4) ELSE discover_gen.digits(13) END,
       discover_gen.digits(12),
       discover_gen.styled(discover_gen.name(random() < 0.5), discover_gen.rint(0, 2)),
       discover_gen.phone(),
       CASE WHEN hn THEN 20.98 + random() * 0.1 ELSE 10.70 + random() * 0.15 END,
       CASE WHEN hn THEN 105.78 + random() * 0.1 ELSE 106.62 + random() * 0.15 END,
       sh AT TIME ZONE 'Asia/Ho_Chi_Minh',
       CASE WHEN random() < 0.15 THEN NULL ELSE (sh + discover_gen.rint(3600, 400000) * interval '1 second') AT TIME ZONE 'Asia/Ho_Chi_Minh' END,
       discover_gen.rint(100, 20000), (discover_gen.rint(15, 60) * 1000)::numeric,
       CASE WHEN random() < 0.5 THEN 0 ELSE (discover_gen.rint(50, 5000) * 1000)::numeric END
FROM (SELECT i, discover_gen.pick('{GHN,GHTK,VNPost,Viettel Post}') AS c, random() < 0.45 AS hn,
             discover_gen.ts('2023-01-05', 700) AS sh FROM generate_series(1, 4000) i) s;
INSERT INTO public.discover_labels VALUES
 ('sales.shipments', 'shipment_id', NULL, NULL, NULL),
 ('sales.shipments', 'order_id', NULL, NULL, NULL),
 ('sales.shipments', 'carrier', NULL, NULL, NULL),
 ('sales.shipments', 'tracking_no', NULL, NULL, 'look-alike: carrier tracking numbers (EB123456789VN, 13 digits, ...)'),
 ('sales.shipments', 'awb_number', NULL, NULL, 'look-alike: 12 random digits, some start like a CCCD (province code + 0-3)'),
 ('sales.shipments', 'receiver', 'full_name', NULL, 'mixed diacritics / none / UPPER CASE'),
 ('sales.shipments', 'receiver_tel', 'phone_number', NULL, 'abbreviation tel'),
 ('sales.shipments', 'delivery_lat', 'location_data', '{address}', 'GPS position of the delivery to the person'),
 ('sales.shipments', 'delivery_lng', 'location_data', '{address}', 'GPS position of the delivery to the person'),
 ('sales.shipments', 'shipped_at', NULL, NULL, NULL),
 ('sales.shipments', 'delivered_at', NULL, NULL, NULL),
 ('sales.shipments', 'weight_gram', NULL, NULL, NULL),
 ('sales.shipments', 'fee', NULL, NULL, NULL),
 ('sales.shipments', 'cod_amount', NULL, NULL, NULL);

CREATE TABLE sales.returns (
    return_id integer PRIMARY KEY, order_id bigint, contact text, reason text, refund_account text,
    refund_bank text, requested_at timestamptz, status text);
INSERT INTO sales.returns
SELECT i, discover_gen.rint(1, 5000), discover_gen.phone(),
       discover_gen.pick('{Hàng lỗi,Sai kích cỡ,Giao sai mẫu,Không còn nhu cầu,Hàng không giống mô tả}'),
       CASE WHEN random() < 0.4 THEN NULL ELSE discover_gen.bank_account() END,
       discover_gen.bank(), discover_gen.ts('2023-02-01', 680) AT TIME ZONE 'Asia/Ho_Chi_Minh',
       discover_gen.pick('{PENDING,APPROVED,REJECTED,REFUNDED}')
FROM generate_series(1, 1500) i;
INSERT INTO public.discover_labels VALUES
 ('sales.returns', 'return_id', NULL, NULL, NULL),
 ('sales.returns', 'order_id', NULL, NULL, NULL),
 ('sales.returns', 'contact', 'phone_number', NULL, 'hard: uninformative name holding phone numbers'),
 ('sales.returns', 'reason', NULL, NULL, NULL),
 ('sales.returns', 'refund_account', 'banking_customer_info', NULL, 'bank account numbers (8-14 digits), 40% NULL'),
 ('sales.returns', 'refund_bank', NULL, '{banking_customer_info}', 'bank name only'),
 ('sales.returns', 'requested_at', NULL, NULL, NULL),
 ('sales.returns', 'status', NULL, NULL, NULL);

-- ======================================================================= hr
CREATE TABLE hr.departments (dept_id integer PRIMARY KEY, ten_phong text, hotline text, manager_id text);
INSERT INTO hr.departments
SELECT i, (ARRAY['Kinh doanh','Kế toán','Nhân sự','Kho vận','CSKH','IT','Marketing','Pháp chế','Thu mua','Ban giám đốc','Bảo vệ','Đào tạo'])[i],
       '028 3' || discover_gen.digits(3) || ' ' || lpad((100 + i)::text, 4, '0'), 'NV' || lpad(discover_gen.rint(1, 2500)::text, 5, '0')
FROM generate_series(1, 12) i;
INSERT INTO public.discover_labels VALUES
 ('hr.departments', 'dept_id', NULL, NULL, 'small table (12 rows)'),
 ('hr.departments', 'ten_phong', NULL, NULL, NULL),
 ('hr.departments', 'hotline', NULL, NULL, 'hard: a department''s office landline, not a person''s phone'),
 ('hr.departments', 'manager_id', NULL, NULL, 'employee code');

CREATE TABLE hr.employees (
    ma_nv text PRIMARY KEY, hoten text, ten_khong_dau text, gioi_tinh smallint, ngay_sinh text, noi_sinh text,
    cmnd text, cccd text, ngay_cap date, ho_chieu text, mst_ca_nhan text, so_bhxh text, the_bhyt text,
    email_cong_ty text, sdt text, dia_chi_thuong_tru text, dia_chi_tam_tru text, dan_toc text,
    tinh_trang_hon_nhan text, bien_so_xe text, ly_lich_tu_phap text, anh_cccd text, anh_the text,
    dept_id integer, chuc_vu text, ngay_vao_lam date, trang_thai text);
INSERT INTO hr.employees
SELECT 'NV' || lpad(i::text, 5, '0'), nm, upper(discover_gen.unaccent(nm)), CASE WHEN f THEN 0 ELSE 1 END,
       to_char(dob, 'DD/MM/YYYY'),
       discover_gen.pick('{Hà Nội,TP. Hồ Chí Minh,Nghệ An,Thanh Hóa,Nam Định,Thái Bình,Đà Nẵng,Cần Thơ,Hải Phòng,Quảng Nam,Bình Định,An Giang}'),
       CASE WHEN random() < 0.5 THEN NULL ELSE discover_gen.cmnd() END,
       discover_gen.cccd(dob, f), date '2021-01-01' + discover_gen.rint(0, 1200),
       CASE WHEN random() < 0.8 THEN NULL ELSE discover_gen.passport() END,
       discover_gen.mst('8'), discover_gen.bhxh(),
       'DN4' || discover_gen.pick('{01,79,48,31,92}') || discover_gen.digits(10),
       lower(discover_gen.unaccent(split_part(nm, ' ', array_length(string_to_array(nm, ' '), 1)))) || '.' || lower(discover_gen.unaccent(split_part(nm, ' ', 1))) || i::text || '@hoangphat.vn',
       discover_gen.phone(), discover_gen.address(discover_gen.rint(0, 4)),
       CASE WHEN random() < 0.6 THEN NULL ELSE discover_gen.address(discover_gen.rint(0, 3)) END,
       CASE WHEN random() < 0.88 THEN 'Kinh' ELSE discover_gen.pick('{Tày,Thái,Mường,Khmer,Hoa,Nùng}') END,
       discover_gen.pick('{Độc thân,Đã kết hôn,Đã kết hôn,Ly hôn}'),
       CASE WHEN random() < 0.3 THEN NULL ELSE discover_gen.plate() END,
       CASE WHEN random() < 0.97 THEN 'Không có án tích' ELSE discover_gen.pick('{Đã xóa án tích,Có án tích: tội trộm cắp tài sản (2015)}') END,
       'hr/kyc/cccd/' || lpad(i::text, 5, '0') || '_front.jpg',
       'hr/photos/' || lpad(i::text, 5, '0') || '.jpg',
       discover_gen.rint(1, 12),
       discover_gen.pick('{Nhân viên,Nhân viên,Trưởng nhóm,Trưởng phòng,Thực tập sinh,Phó phòng}'),
       date '2012-01-01' + discover_gen.rint(0, 4500), discover_gen.pick('{Đang làm,Đang làm,Đang làm,Nghỉ việc,Thai sản}')
FROM (SELECT i, f, date '1965-01-01' + floor(random() * 14000)::int AS dob, discover_gen.name(f) AS nm
      FROM (SELECT i, random() < 0.5 AS f FROM generate_series(1, 2500) i) a) s;
INSERT INTO public.discover_labels VALUES
 ('hr.employees', 'ma_nv', NULL, '{other_identifying}', 'employee code NV00123: internal reference'),
 ('hr.employees', 'hoten', 'full_name', NULL, 'no separator in the name'),
 ('hr.employees', 'ten_khong_dau', 'full_name', NULL, 'UPPER CASE without diacritics'),
 ('hr.employees', 'gioi_tinh', 'gender', NULL, 'hard: smallint 0/1, known only by the name'),
 ('hr.employees', 'ngay_sinh', 'date_of_birth', NULL, 'dd/mm/yyyy text'),
 ('hr.employees', 'noi_sinh', 'address', NULL, 'hard: place of birth (a province name)'),
 ('hr.employees', 'cmnd', 'identity_number', NULL, '9-digit old ID, half NULL'),
 ('hr.employees', 'cccd', 'identity_number', NULL, NULL),
 ('hr.employees', 'ngay_cap', NULL, '{identity_number,other_identifying}', 'hard: issue date of the ID card'),
 ('hr.employees', 'ho_chieu', 'identity_number', NULL, 'passport number, 80% NULL'),
 ('hr.employees', 'mst_ca_nhan', 'tax_insurance_number', NULL, 'personal tax code, valid check digit'),
 ('hr.employees', 'so_bhxh', 'tax_insurance_number', NULL, 'hard: 10-digit social insurance number (looks like a phone without leading 0)'),
 ('hr.employees', 'the_bhyt', 'tax_insurance_number', NULL, 'health insurance card number DN4..'),
 ('hr.employees', 'email_cong_ty', 'email_address', NULL, 'work e-mail of a named employee'),
 ('hr.employees', 'sdt', 'phone_number', NULL, NULL),
 ('hr.employees', 'dia_chi_thuong_tru', 'address', NULL, 'permanent residence'),
 ('hr.employees', 'dia_chi_tam_tru', 'address', NULL, 'temporary residence, 60% NULL'),
 ('hr.employees', 'dan_toc', 'racial_ethnic_origin', NULL, NULL),
 ('hr.employees', 'tinh_trang_hon_nhan', 'marital_status', NULL, NULL),
 ('hr.employees', 'bien_so_xe', 'vehicle_plate', NULL, 'car and motorbike plates'),
 ('hr.employees', 'ly_lich_tu_phap', 'criminal_record', NULL, 'judicial record extract'),
 ('hr.employees', 'anh_cccd', 'identity_document_image', NULL, 'hard: path to a scan of the ID card'),
 ('hr.employees', 'anh_the', 'personal_image', NULL, 'hard: path to a portrait photo'),
 ('hr.employees', 'dept_id', NULL, NULL, NULL),
 ('hr.employees', 'chuc_vu', NULL, '{other_identifying}', 'job title'),
 ('hr.employees', 'ngay_vao_lam', NULL, '{other_identifying}', 'hire date: a date that is not a birth date'),
 ('hr.employees', 'trang_thai', NULL, NULL, NULL);

CREATE TABLE hr.payroll (
    payroll_id integer PRIMARY KEY, ma_nv text, ky_luong text, luong_co_ban numeric(12,0), phu_cap numeric(12,0),
    thuc_linh numeric(12,0), so_tai_khoan text, ngan_hang text, ref_no text, ma_giao_dich text, paid_at timestamptz);
INSERT INTO hr.payroll
SELECT i, e.ma_nv, to_char(date '2024-01-01' + ((i - 1) / 2500) * interval '1 month', 'YYYY-MM'),
       b, p, b + p - round(b * 0.105), e.acct, e.bank, e.cccd,
       'FT24' || lpad(discover_gen.rint(1, 365)::text, 3, '0') || discover_gen.alnum(8),
       discover_gen.ts('2024-01-25', 330) AT TIME ZONE 'Asia/Ho_Chi_Minh'
FROM (SELECT i, 'NV' || lpad((1 + (i - 1) % 2500)::text, 5, '0') AS k, (discover_gen.rint(60, 450) * 100000)::numeric AS b,
             (discover_gen.rint(0, 30) * 100000)::numeric AS p FROM generate_series(1, 4800) i) s
JOIN (SELECT ma_nv, cccd, discover_gen.bank_account() AS acct, discover_gen.bank() AS bank FROM hr.employees ORDER BY ma_nv) e
  ON e.ma_nv = s.k
ORDER BY i;
INSERT INTO public.discover_labels VALUES
 ('hr.payroll', 'payroll_id', NULL, NULL, NULL),
 ('hr.payroll', 'ma_nv', NULL, '{other_identifying}', 'employee code'),
 ('hr.payroll', 'ky_luong', NULL, NULL, 'look-alike: pay period YYYY-MM'),
 ('hr.payroll', 'luong_co_ban', NULL, '{other_identifying,private_life}', 'salary: personal in law, no category names it'),
 ('hr.payroll', 'phu_cap', NULL, '{other_identifying,private_life}', 'allowance'),
 ('hr.payroll', 'thuc_linh', NULL, '{other_identifying,private_life}', 'net pay'),
 ('hr.payroll', 'so_tai_khoan', 'banking_customer_info', NULL, 'bank account number'),
 ('hr.payroll', 'ngan_hang', NULL, '{banking_customer_info}', 'bank name'),
 ('hr.payroll', 'ref_no', 'identity_number', NULL, 'hard: uninformative name holding CCCD numbers'),
 ('hr.payroll', 'ma_giao_dich', NULL, '{banking_customer_info}', 'look-alike: bank transaction reference FT24...'),
 ('hr.payroll', 'paid_at', NULL, NULL, NULL);

CREATE TABLE hr.dependents (
    id integer PRIMARY KEY, ma_nv text, ho_ten_nguoi_phu_thuoc text, quan_he text, ngaysinh date,
    ma_so_thue_npt text, cccd_npt text);
INSERT INTO hr.dependents
SELECT i, 'NV' || lpad(discover_gen.rint(1, 2500)::text, 5, '0'), discover_gen.name(f), q, dob,
       CASE WHEN random() < 0.5 THEN NULL ELSE discover_gen.mst('8') END,
       CASE WHEN extract(year FROM dob) > 2010 THEN NULL ELSE discover_gen.cccd(dob, f) END
FROM (SELECT i, f, q, CASE WHEN q = 'Con' THEN date '2005-01-01' + floor(random() * 6500)::int
                           WHEN q IN ('Bố', 'Mẹ') THEN date '1940-01-01' + floor(random() * 7000)::int
                           ELSE date '1970-01-01' + floor(random() * 10000)::int END AS dob
      FROM (SELECT i, random() < 0.5 AS f, discover_gen.pick('{Con,Con,Con,Vợ,Chồng,Bố,Mẹ}') AS q FROM generate_series(1, 2000) i) a) s;
INSERT INTO public.discover_labels VALUES
 ('hr.dependents', 'id', NULL, NULL, NULL),
 ('hr.dependents', 'ma_nv', NULL, '{other_identifying}', 'employee code'),
 ('hr.dependents', 'ho_ten_nguoi_phu_thuoc', 'full_name', NULL, 'long Vietnamese column name'),
 ('hr.dependents', 'quan_he', 'family_relationship', NULL, 'Con, Vợ, Chồng, Bố, Mẹ'),
 ('hr.dependents', 'ngaysinh', 'date_of_birth', NULL, 'date column, name without separator'),
 ('hr.dependents', 'ma_so_thue_npt', 'tax_insurance_number', NULL, 'dependant tax code, half NULL'),
 ('hr.dependents', 'cccd_npt', 'identity_number', NULL, 'NULL for children');

CREATE TABLE hr.leave (
    leave_id integer PRIMARY KEY, ma_nv text, tu_ngay date, den_ngay date, so_ngay numeric(4,1), loai_nghi text,
    ly_do text, approved boolean);
INSERT INTO hr.leave
SELECT i, 'NV' || lpad(discover_gen.rint(1, 2500)::text, 5, '0'), d, d + n, n, l,
       CASE l WHEN 'Ốm đau' THEN discover_gen.pick('{Sốt xuất huyết,Viêm phổi,Mổ ruột thừa,Cúm A,Đau lưng cấp,Điều trị ung thư đợt 3}')
              WHEN 'Thai sản' THEN discover_gen.pick('{Sinh con,Khám thai định kỳ,Sảy thai}')
              WHEN 'Phép năm' THEN discover_gen.pick('{Về quê,Du lịch gia đình,Việc riêng,""}')
              ELSE discover_gen.pick('{Việc riêng,Chăm con ốm,Đám cưới,Tang lễ}') END,
       random() < 0.9
FROM (SELECT i, date '2023-01-01' + discover_gen.rint(0, 700) AS d, discover_gen.rint(1, 10) AS n,
             discover_gen.pick('{Phép năm,Phép năm,Ốm đau,Thai sản,Không lương}') AS l FROM generate_series(1, 3000) i) s;
INSERT INTO public.discover_labels VALUES
 ('hr.leave', 'leave_id', NULL, NULL, NULL),
 ('hr.leave', 'ma_nv', NULL, '{other_identifying}', 'employee code'),
 ('hr.leave', 'tu_ngay', NULL, NULL, NULL),
 ('hr.leave', 'den_ngay', NULL, NULL, NULL),
 ('hr.leave', 'so_ngay', NULL, NULL, NULL),
 ('hr.leave', 'loai_nghi', NULL, '{health_record}', 'leave type: sick/maternity reveals some health'),
 ('hr.leave', 'ly_do', 'health_record', '{private_life}', 'hard: free-text reason, mostly diagnoses'),
 ('hr.leave', 'approved', NULL, NULL, NULL);

-- ================================================================= payments
CREATE TABLE payments.bank_accounts (
    account_id integer PRIMARY KEY, customer_id integer, so_tai_khoan text, ten_chu_tk text, ngan_hang text,
    chi_nhanh text, swift_code text, opened_on date, so_du numeric(16,0), trang_thai text, ten_dang_nhap_ebanking text);
INSERT INTO payments.bank_accounts
SELECT i, discover_gen.rint(1, 4000), discover_gen.bank_account(), upper(discover_gen.unaccent(nm)), discover_gen.bank(),
       'CN ' || discover_gen.pick('{Hà Nội,Sài Gòn,Đà Nẵng,Cần Thơ,Tân Bình,Ba Đình,Hoàn Kiếm}'),
       discover_gen.pick('{BFTVVNVX,VTCBVNVX,ICBVVNVX,BIDVVNVX,MSCBVNVX,VPBKVNVX,ASCBVNVX}'),
       date '2010-01-01' + discover_gen.rint(0, 5000), (discover_gen.rint(0, 900000) * 1000)::numeric,
       discover_gen.pick('{ACTIVE,ACTIVE,ACTIVE,DORMANT,CLOSED}'),
       CASE WHEN random() < 0.3 THEN NULL ELSE lower(discover_gen.unaccent(split_part(nm, ' ', 1))) || discover_gen.digits(6) END
FROM (SELECT i, discover_gen.name(random() < 0.5) AS nm FROM generate_series(1, 3000) i) s;
INSERT INTO public.discover_labels VALUES
 ('payments.bank_accounts', 'account_id', NULL, NULL, NULL),
 ('payments.bank_accounts', 'customer_id', NULL, NULL, NULL),
 ('payments.bank_accounts', 'so_tai_khoan', 'banking_customer_info', NULL, 'bank account numbers 9-14 digits'),
 ('payments.bank_accounts', 'ten_chu_tk', 'full_name', '{banking_customer_info}', 'account holder, UPPER CASE without diacritics'),
 ('payments.bank_accounts', 'ngan_hang', NULL, '{banking_customer_info}', 'bank name'),
 ('payments.bank_accounts', 'chi_nhanh', NULL, NULL, 'bank branch'),
 ('payments.bank_accounts', 'swift_code', NULL, NULL, 'look-alike: bank SWIFT code'),
 ('payments.bank_accounts', 'opened_on', NULL, '{banking_customer_info}', NULL),
 ('payments.bank_accounts', 'so_du', 'banking_customer_info', NULL, 'hard: account balance, numeric, known only by the name'),
 ('payments.bank_accounts', 'trang_thai', NULL, NULL, NULL),
 ('payments.bank_accounts', 'ten_dang_nhap_ebanking', 'banking_customer_info', '{account_credentials}', 'hard: bank login name');

CREATE TABLE payments.cards (
    card_id integer PRIMARY KEY, account_id integer, card_number text, card_holder text, expiry text,
    card_brand text, masked_pan text, bin text, issued_at date, credit_limit numeric(14,0));
INSERT INTO payments.cards
SELECT i, discover_gen.rint(1, 3000),
       CASE WHEN random() < 0.7 THEN pan ELSE substr(pan, 1, 4) || ' ' || substr(pan, 5, 4) || ' ' || substr(pan, 9, 4) || ' ' || substr(pan, 13) END,
       upper(discover_gen.unaccent(discover_gen.name(random() < 0.5))),
       lpad(discover_gen.rint(1, 12)::text, 2, '0') || '/' || discover_gen.rint(25, 31)::text,
       CASE left(pan, 1) WHEN '4' THEN 'VISA' WHEN '9' THEN 'NAPAS' ELSE 'MASTERCARD' END,
       left(pan, 6) || '******' || right(pan, 4), left(pan, 6), date '2019-01-01' + discover_gen.rint(0, 2000),
       CASE WHEN left(pan, 1) = '9' THEN NULL ELSE (discover_gen.rint(10, 500) * 1000000)::numeric END
FROM (SELECT i, discover_gen.card() AS pan FROM generate_series(1, 2500) i) s;
INSERT INTO public.discover_labels VALUES
 ('payments.cards', 'card_id', NULL, NULL, NULL),
 ('payments.cards', 'account_id', NULL, NULL, NULL),
 ('payments.cards', 'card_number', 'banking_customer_info', NULL, 'Visa/Mastercard/Napas 9704, Luhn-valid, 30% grouped by 4'),
 ('payments.cards', 'card_holder', 'full_name', '{banking_customer_info}', 'UPPER CASE without diacritics'),
 ('payments.cards', 'expiry', 'banking_customer_info', NULL, 'hard: MM/YY, card data known by the name'),
 ('payments.cards', 'card_brand', NULL, NULL, NULL),
 ('payments.cards', 'masked_pan', NULL, '{banking_customer_info}', 'hard: truncated card number (first 6, last 4)'),
 ('payments.cards', 'bin', NULL, NULL, 'look-alike: issuer identification number (6 digits)'),
 ('payments.cards', 'issued_at', NULL, '{banking_customer_info}', NULL),
 ('payments.cards', 'credit_limit', 'banking_customer_info', NULL, 'hard: credit information, numeric');

CREATE TABLE payments.transactions (
    txn_id bigint PRIMARY KEY, txn_ref text, account_no text, counterparty_account text, counterparty_name text,
    amount numeric(16,0), fee numeric(10,0), balance_after numeric(16,0), description text, txn_time timestamptz,
    channel text, status text, checksum text);
INSERT INTO payments.transactions
SELECT 9000000000 + i, 'FT' || to_char(t, 'YYDDD') || discover_gen.alnum(6), discover_gen.bank_account(), discover_gen.bank_account(),
       cp, a, CASE WHEN random() < 0.8 THEN 0 ELSE 3300 END, (discover_gen.rint(0, 90000) * 1000)::numeric,
       CASE discover_gen.rint(0, 3) WHEN 0 THEN cp || ' CHUYEN TIEN' WHEN 1 THEN cp || ' CK TIEN HANG DH ' || discover_gen.digits(10)
            WHEN 2 THEN 'THANH TOAN HOA DON DIEN THANG ' || discover_gen.rint(1, 12)::text ELSE 'NAP TIEN DIEN THOAI' END,
       t AT TIME ZONE 'Asia/Ho_Chi_Minh', discover_gen.pick('{IBANKING,MOBILE,ATM,POS,QR}'), discover_gen.pick('{SUCCESS,SUCCESS,SUCCESS,FAILED,PENDING}'),
       md5(random()::text)
FROM (SELECT i, discover_gen.ts('2024-01-01', 330) AS t, upper(discover_gen.unaccent(discover_gen.name(random() < 0.5))) AS cp,
             (discover_gen.rint(10, 20000) * 1000)::numeric AS a FROM generate_series(1, 5000) i) s;
INSERT INTO public.discover_labels VALUES
 ('payments.transactions', 'txn_id', NULL, NULL, 'look-alike: 10-digit bigint id'),
 ('payments.transactions', 'txn_ref', NULL, '{banking_customer_info}', 'look-alike: bank transaction reference'),
 ('payments.transactions', 'account_no', 'banking_customer_info', NULL, NULL),
 ('payments.transactions', 'counterparty_account', 'banking_customer_info', NULL, NULL),
 ('payments.transactions', 'counterparty_name', 'full_name', '{banking_customer_info}', 'UPPER CASE without diacritics'),
 ('payments.transactions', 'amount', NULL, '{banking_customer_info}', 'transaction history of a customer, not recognisable alone'),
 ('payments.transactions', 'fee', NULL, NULL, NULL),
 ('payments.transactions', 'balance_after', NULL, '{banking_customer_info}', NULL),
 ('payments.transactions', 'description', 'banking_customer_info', '{full_name,other_identifying}', 'hard: transfer message, half carry the payer''s name'),
 ('payments.transactions', 'txn_time', NULL, '{banking_customer_info}', NULL),
 ('payments.transactions', 'channel', NULL, NULL, NULL),
 ('payments.transactions', 'status', NULL, NULL, NULL),
 ('payments.transactions', 'checksum', NULL, NULL, 'look-alike: md5 hex');

CREATE TABLE payments.kyc (
    kyc_id integer PRIMARY KEY, customer_id integer, cccd_front_url text, cccd_back_url text, selfie_url text,
    face_embedding real[], liveness_score numeric(4,3), verified_at timestamptz, provider text);
INSERT INTO payments.kyc
SELECT i, i, 'https://cdn.example.vn/ekyc/' || h || '/cccd_front.jpg', 'https://cdn.example.vn/ekyc/' || h || '/cccd_back.jpg',
       'https://cdn.example.vn/ekyc/' || h || '/selfie.jpg',
       (SELECT array_agg(round((random() * 2 - 1)::numeric, 4)::real ORDER BY k) FROM generate_series(1, 16 + 0 * i) k),
       round((0.7 + random() * 0.3)::numeric, 3), discover_gen.ts('2023-06-01', 500) AT TIME ZONE 'Asia/Ho_Chi_Minh',
       discover_gen.pick('{VNPT eKYC,FPT.AI,Viettel eKYC}')
FROM (SELECT i, discover_gen.hex(24) AS h FROM generate_series(1, 1500) i) s;
INSERT INTO public.discover_labels VALUES
 ('payments.kyc', 'kyc_id', NULL, NULL, NULL),
 ('payments.kyc', 'customer_id', NULL, NULL, NULL),
 ('payments.kyc', 'cccd_front_url', 'identity_document_image', NULL, 'URL of an ID card image'),
 ('payments.kyc', 'cccd_back_url', 'identity_document_image', NULL, NULL),
 ('payments.kyc', 'selfie_url', 'personal_image', '{biometric_data}', 'selfie for face matching'),
 ('payments.kyc', 'face_embedding', 'biometric_data', NULL, 'hard: float array face template'),
 ('payments.kyc', 'liveness_score', NULL, '{biometric_data}', NULL),
 ('payments.kyc', 'verified_at', NULL, NULL, NULL),
 ('payments.kyc', 'provider', NULL, NULL, NULL);

-- ====================================================================== app
CREATE TABLE app.users (
    user_id uuid PRIMARY KEY, username text, email text, password_hash text, display_name text, avatar_url text,
    phone text, email_verified boolean, phone_verified boolean, last_login timestamptz, password_changed_at timestamptz,
    failed_logins integer, locale text, totp_secret text, created_at timestamptz);
INSERT INTO app.users
SELECT discover_gen.uuid(), lower(discover_gen.unaccent(split_part(nm, ' ', array_length(string_to_array(nm, ' '), 1)))) || CASE WHEN random() < 0.5 THEN '_' ELSE '' END || discover_gen.rint(1, 99999)::text,
       discover_gen.email(nm),
       CASE WHEN random() < 0.8 THEN '$2b$12$' || translate(substr(encode(sha256(random()::text::bytea), 'base64') || encode(sha256(random()::text::bytea), 'base64'), 1, 53), '+=', './')
            ELSE '$argon2id$v=19$m=65536,t=3,p=4$' || replace(substr(encode(sha256(random()::text::bytea), 'base64'), 1, 22), '+', '.') || '$' || replace(substr(encode(sha256(random()::text::bytea), 'base64'), 1, 43), '+', '.') END,
       CASE WHEN random() < 0.7 THEN nm ELSE discover_gen.pick('{Mèo Ú,Ken,Bé Na,Tony,Thỏ Con,Gấu,Sky,Zin,Bông,Mít}') END,
       CASE WHEN random() < 0.4 THEN NULL ELSE 'https://cdn.example.vn/avatars/' || discover_gen.hex(16) || '.png' END,
       CASE WHEN random() < 0.2 THEN NULL ELSE discover_gen.fmt_phone(discover_gen.mobile(), 6) END,
       random() < 0.8, random() < 0.6,
       discover_gen.ts('2024-06-01', 180) AT TIME ZONE 'Asia/Ho_Chi_Minh',
       CASE WHEN random() < 0.5 THEN NULL ELSE discover_gen.ts('2023-01-01', 500) AT TIME ZONE 'Asia/Ho_Chi_Minh' END,
       CASE WHEN random() < 0.9 THEN 0 ELSE discover_gen.rint(1, 5) END, discover_gen.pick('{vi-VN,vi-VN,vi-VN,en-US}'),
       CASE WHEN random() < 0.75 THEN NULL ELSE discover_gen.alnum(32) END,
       discover_gen.ts('2021-01-01', 1200) AT TIME ZONE 'Asia/Ho_Chi_Minh'
FROM (SELECT i, discover_gen.name(random() < 0.5) AS nm FROM generate_series(1, 5000) i) s;
INSERT INTO public.discover_labels VALUES
 ('app.users', 'user_id', NULL, NULL, 'uuid key'),
 ('app.users', 'username', 'account_credentials', '{digital_account}', 'login name'),
 ('app.users', 'email', 'email_address', '{account_credentials,digital_account}', 'also the login'),
 ('app.users', 'password_hash', 'account_credentials', NULL, 'bcrypt / argon2 hashes'),
 ('app.users', 'display_name', 'full_name', '{digital_account}', 'hard: 70% real names, 30% nicknames'),
 ('app.users', 'avatar_url', 'personal_image', '{digital_account}', 'hard: URL of the user''s picture'),
 ('app.users', 'phone', 'phone_number', NULL, '+84 without separators'),
 ('app.users', 'email_verified', NULL, NULL, 'hard: personal-looking name, boolean'),
 ('app.users', 'phone_verified', NULL, NULL, 'hard: personal-looking name, boolean'),
 ('app.users', 'last_login', NULL, '{online_activity,digital_account}', NULL),
 ('app.users', 'password_changed_at', NULL, '{account_credentials}', 'hard: personal-looking name, a timestamp'),
 ('app.users', 'failed_logins', NULL, NULL, NULL),
 ('app.users', 'locale', NULL, NULL, NULL),
 ('app.users', 'totp_secret', 'account_credentials', NULL, 'hard: 2FA secret, random base32-like'),
 ('app.users', 'created_at', NULL, NULL, NULL);

CREATE TABLE app.sessions (
    session_id text PRIMARY KEY, user_id uuid, ip_address inet, user_agent text, created_at timestamptz,
    expires_at timestamptz, csrf_token text);
INSERT INTO app.sessions
SELECT encode(sha256(('s' || i || random())::bytea), 'hex'), u.user_id, discover_gen.ipv4()::inet, discover_gen.user_agent(),
       t AT TIME ZONE 'Asia/Ho_Chi_Minh', (t + interval '30 days') AT TIME ZONE 'Asia/Ho_Chi_Minh', discover_gen.hex(32)
FROM (SELECT i, discover_gen.rint(1, 5000) AS k, discover_gen.ts('2024-09-01', 90) AS t FROM generate_series(1, 4000) i) s
JOIN (SELECT user_id, row_number() OVER (ORDER BY created_at, user_id) AS k FROM app.users) u USING (k)
ORDER BY i;
INSERT INTO public.discover_labels VALUES
 ('app.sessions', 'session_id', NULL, '{account_credentials,digital_account,online_activity}', 'hard: random session token (sha256 hex): a secret rather than information about the person; tagging it is not a mistake'),
 ('app.sessions', 'user_id', NULL, NULL, NULL),
 ('app.sessions', 'ip_address', 'online_activity', '{other_identifying,digital_account}', 'inet column'),
 ('app.sessions', 'user_agent', 'online_activity', '{other_identifying,digital_account}', NULL),
 ('app.sessions', 'created_at', NULL, '{online_activity}', NULL),
 ('app.sessions', 'expires_at', NULL, NULL, NULL),
 ('app.sessions', 'csrf_token', NULL, '{account_credentials}', 'look-alike: hex token');

CREATE TABLE app.login_events (
    event_id bigint PRIMARY KEY, user_id uuid, event_time timestamptz, ip text, device text, result text, geo_city text);
INSERT INTO app.login_events
SELECT i, u.user_id, discover_gen.ts('2024-06-01', 180) AT TIME ZONE 'Asia/Ho_Chi_Minh', discover_gen.ip(), discover_gen.user_agent(),
       discover_gen.pick('{success,success,success,success,bad_password,locked,otp_failed}'),
       discover_gen.pick('{Hà Nội,Hồ Chí Minh,Đà Nẵng,Hải Phòng,Cần Thơ,Biên Hòa,Nha Trang,Huế,Singapore}')
FROM (SELECT i, discover_gen.rint(1, 5000) AS k FROM generate_series(1, 5000) i) s
JOIN (SELECT user_id, row_number() OVER (ORDER BY created_at, user_id) AS k FROM app.users) u USING (k)
ORDER BY i;
INSERT INTO public.discover_labels VALUES
 ('app.login_events', 'event_id', NULL, NULL, NULL),
 ('app.login_events', 'user_id', NULL, NULL, NULL),
 ('app.login_events', 'event_time', NULL, '{online_activity}', 'activity timestamp'),
 ('app.login_events', 'ip', 'online_activity', '{other_identifying,digital_account}', 'IPv4 and IPv6 as text'),
 ('app.login_events', 'device', 'online_activity', '{other_identifying,digital_account}', 'user agent under another name'),
 ('app.login_events', 'result', NULL, '{online_activity}', NULL),
 ('app.login_events', 'geo_city', 'online_activity', '{location_data,address}', 'hard: city derived from the IP of each login');

CREATE TABLE app.page_views (
    id bigint PRIMARY KEY, session_id text, user_id uuid, url text, referrer text, viewed_at timestamptz,
    duration_ms integer, search_query text);
INSERT INTO app.page_views
SELECT i, encode(sha256(('v' || discover_gen.rint(1, 4000))::bytea), 'hex'), discover_gen.uuid(),
       '/' || discover_gen.pick('{san-pham,danh-muc,gio-hang,thanh-toan,tai-khoan/don-hang,khuyen-mai}') || '/' || discover_gen.rint(1, 3000)::text ||
         CASE WHEN random() < 0.3 THEN '?utm_source=' || discover_gen.pick('{facebook,google,zalo,tiktok}') ELSE '' END,
       CASE WHEN random() < 0.5 THEN NULL ELSE discover_gen.pick('{https://www.google.com/,https://www.facebook.com/,https://zalo.me/,https://shopee.vn/}') END,
       discover_gen.ts('2024-09-01', 90) AT TIME ZONE 'Asia/Ho_Chi_Minh', discover_gen.rint(200, 300000),
       CASE WHEN random() < 0.6 THEN NULL ELSE discover_gen.pick('{áo khoác nữ,que thử thai,sữa cho bé,thuốc giảm cân,bao cao su,iphone 15,nồi chiên không dầu,đồ lót nam,kem trị mụn,máy đo huyết áp}') END
FROM generate_series(1, 5000) i;
INSERT INTO public.discover_labels VALUES
 ('app.page_views', 'id', NULL, NULL, NULL),
 ('app.page_views', 'session_id', NULL, '{online_activity,account_credentials}', 'hex hash key of a session'),
 ('app.page_views', 'user_id', NULL, NULL, NULL),
 ('app.page_views', 'url', 'online_activity', NULL, 'browsing history'),
 ('app.page_views', 'referrer', NULL, '{online_activity}', 'a handful of public sites; part of the browsing record (url) but not informative alone'),
 ('app.page_views', 'viewed_at', NULL, '{online_activity}', NULL),
 ('app.page_views', 'duration_ms', NULL, '{online_activity}', NULL),
 ('app.page_views', 'search_query', 'online_activity', '{private_life,health_record}', 'hard: search terms reveal private life');

CREATE TABLE app.audit_log (
    id bigint PRIMARY KEY, actor text, action text, object_type text, object_id uuid, payload jsonb,
    request_id uuid, created_at timestamptz, row_hash text);
INSERT INTO app.audit_log
SELECT i, discover_gen.pick('{system,admin,batch_job,api_gateway,scheduler}'), discover_gen.pick('{UPDATE,INSERT,DELETE,EXPORT}'),
       discover_gen.pick('{order,product,coupon,shipment}'), discover_gen.uuid(),
       jsonb_build_object('field', discover_gen.pick('{status,price,stock,title}'), 'old', discover_gen.rint(0, 99), 'new', discover_gen.rint(0, 99)),
       discover_gen.uuid(), discover_gen.ts('2024-01-01', 330) AT TIME ZONE 'Asia/Ho_Chi_Minh',
       encode(sha256(random()::text::bytea), 'hex')
FROM generate_series(1, 3000) i;
INSERT INTO public.discover_labels VALUES
 ('app.audit_log', 'id', NULL, NULL, NULL),
 ('app.audit_log', 'actor', NULL, NULL, 'service accounts, not people'),
 ('app.audit_log', 'action', NULL, NULL, NULL),
 ('app.audit_log', 'object_type', NULL, NULL, NULL),
 ('app.audit_log', 'object_id', NULL, NULL, 'look-alike: uuid'),
 ('app.audit_log', 'payload', NULL, NULL, 'jsonb without personal data'),
 ('app.audit_log', 'request_id', NULL, NULL, 'look-alike: uuid'),
 ('app.audit_log', 'created_at', NULL, NULL, NULL),
 ('app.audit_log', 'row_hash', NULL, NULL, 'look-alike: sha256 hex');

CREATE TABLE app.legacy_import (col1 text, col2 text, col3 text, col4 text, col5 text, col6 text, col7 text, col8 text);
INSERT INTO app.legacy_import
SELECT upper(discover_gen.unaccent(discover_gen.name(f))), discover_gen.phone(), discover_gen.cccd(dob, f),
       discover_gen.address(discover_gen.rint(2, 4)), to_char(discover_gen.rint(10, 9000) * 1000, 'FM999G999G999'),
       discover_gen.pick('{OK,OK,OK,ERR,DUP}'), to_char(dob, 'DD/MM/YYYY'),
       CASE WHEN random() < 0.1 THEN '' ELSE discover_gen.email(discover_gen.name(f)) END
FROM (SELECT i, random() < 0.5 AS f, discover_gen.dob() AS dob FROM generate_series(1, 3000) i) s;
INSERT INTO public.discover_labels VALUES
 ('app.legacy_import', 'col1', 'full_name', NULL, 'hard: uninformative name; UPPER CASE names without diacritics'),
 ('app.legacy_import', 'col2', 'phone_number', NULL, 'hard: uninformative name; phones'),
 ('app.legacy_import', 'col3', 'identity_number', NULL, 'hard: uninformative name; CCCD'),
 ('app.legacy_import', 'col4', 'address', NULL, 'hard: uninformative name; addresses without diacritics'),
 ('app.legacy_import', 'col5', NULL, NULL, 'amounts as text 1,250,000'),
 ('app.legacy_import', 'col6', NULL, NULL, 'status'),
 ('app.legacy_import', 'col7', 'date_of_birth', NULL, 'hard: uninformative name; dd/mm/yyyy dates of birth'),
 ('app.legacy_import', 'col8', 'email_address', NULL, 'hard: uninformative name; e-mails, some empty strings');

CREATE TABLE app.deleted_users (id uuid, email text, phone text, deleted_at timestamptz, reason text);
INSERT INTO public.discover_labels VALUES
 ('app.deleted_users', 'id', NULL, NULL, 'empty table'),
 ('app.deleted_users', 'email', 'email_address', NULL, 'empty table: only the name tells'),
 ('app.deleted_users', 'phone', 'phone_number', NULL, 'empty table: only the name tells'),
 ('app.deleted_users', 'deleted_at', NULL, NULL, NULL),
 ('app.deleted_users', 'reason', NULL, NULL, NULL);

-- ================================================================== catalog
CREATE TABLE catalog.products (
    product_id integer PRIMARY KEY, sku text, barcode text, ten_san_pham text, brand text, category text,
    price numeric(12,0), cost numeric(12,0), weight_g integer, model_year integer, nam_sx text, image_md5 text, created_at timestamptz);
INSERT INTO catalog.products
SELECT i, discover_gen.pick('{SP,HB,MP,DT}') || lpad(i::text, 6, '0'), discover_gen.ean13(),
       discover_gen.pick('{Áo sơ mi,Quần tây,Váy liền,Giày da,Mũ bảo hiểm,Sạc dự phòng,Ốp lưng,Son môi,Nước hoa,Máy sấy tóc}') || ' ' || discover_gen.alnum(3),
       discover_gen.pick('{Việt Tiến,Biti''s,Sunhouse,Samsung,Xiaomi,Canifa,Thiên Long,Vinamilk}'),
       discover_gen.pick('{Thời trang,Điện tử,Gia dụng,Mỹ phẩm,Văn phòng phẩm}'),
       p, round(p * 0.7), discover_gen.rint(50, 5000), y, y::text, md5(random()::text),
       discover_gen.ts('2020-01-01', 1500) AT TIME ZONE 'Asia/Ho_Chi_Minh'
FROM (SELECT i, (discover_gen.rint(20, 5000) * 1000)::numeric AS p, discover_gen.rint(2015, 2025) AS y FROM generate_series(1, 3000) i) s;
INSERT INTO public.discover_labels VALUES
 ('catalog.products', 'product_id', NULL, NULL, NULL),
 ('catalog.products', 'sku', NULL, NULL, 'look-alike: SP000123'),
 ('catalog.products', 'barcode', NULL, NULL, 'look-alike: EAN-13 with valid check digit'),
 ('catalog.products', 'ten_san_pham', NULL, NULL, NULL),
 ('catalog.products', 'brand', NULL, NULL, NULL),
 ('catalog.products', 'category', NULL, NULL, 'hard: named like pdp''s own notion, product category'),
 ('catalog.products', 'price', NULL, NULL, NULL),
 ('catalog.products', 'cost', NULL, NULL, NULL),
 ('catalog.products', 'weight_g', NULL, NULL, NULL),
 ('catalog.products', 'model_year', NULL, NULL, 'look-alike: year as integer'),
 ('catalog.products', 'nam_sx', NULL, NULL, 'look-alike: year of manufacture as text (nam = year, as in nam_sinh)'),
 ('catalog.products', 'image_md5', NULL, NULL, 'look-alike: md5 hex'),
 ('catalog.products', 'created_at', NULL, NULL, NULL);

CREATE TABLE catalog.stores (
    store_id integer PRIMARY KEY, store_code text, ten_cua_hang text, dia_chi text, hotline text, email text,
    quan_ly text, lat numeric(9,6), lng numeric(9,6), opened_year integer, mst_chi_nhanh text);
INSERT INTO catalog.stores
SELECT i, 'CH' || lpad(i::text, 3, '0'), 'Hoàng Phát ' || a[2], h || ' ' || s || ', ' || discover_gen.abbrev(a[1] || ', ' || a[2] || ', ' || a[3]),
       CASE WHEN random() < 0.5 THEN '1900 ' || lpad((6000 + i)::text, 4, '0') ELSE discover_gen.landline() END,
       'cuahang' || lpad(i::text, 3, '0') || '@hoangphat.vn', discover_gen.name(random() < 0.5),
       CASE WHEN a[3] LIKE '%Hà Nội' THEN 20.98 + random() * 0.1 ELSE 10.70 + random() * 0.15 END,
       CASE WHEN a[3] LIKE '%Hà Nội' THEN 105.78 + random() * 0.1 ELSE 106.62 + random() * 0.15 END,
       discover_gen.rint(2008, 2024), discover_gen.mst_complete('031456789') || '-' || lpad(i::text, 3, '0')
FROM (SELECT i, discover_gen.house() AS h, discover_gen.street() AS s, discover_gen.area() AS a FROM generate_series(1, 30) i) p;
INSERT INTO public.discover_labels VALUES
 ('catalog.stores', 'store_id', NULL, NULL, 'small table (30 rows)'),
 ('catalog.stores', 'store_code', NULL, NULL, NULL),
 ('catalog.stores', 'ten_cua_hang', NULL, NULL, 'hard: store names ''Hoàng Phát <district>'' start with a family name'),
 ('catalog.stores', 'dia_chi', NULL, NULL, 'hard: a shop''s address, not a person''s'),
 ('catalog.stores', 'hotline', NULL, NULL, 'hard: a shop''s hotline (1900 numbers and landlines), not a person''s phone'),
 ('catalog.stores', 'email', NULL, NULL, 'hard: a shop''s generic mailbox, not a person''s'),
 ('catalog.stores', 'quan_ly', 'full_name', NULL, 'manager''s name, known only by the values'),
 ('catalog.stores', 'lat', NULL, NULL, 'hard: a shop''s position, not a person''s'),
 ('catalog.stores', 'lng', NULL, NULL, 'hard: a shop''s position, not a person''s'),
 ('catalog.stores', 'opened_year', NULL, NULL, NULL),
 ('catalog.stores', 'mst_chi_nhanh', NULL, NULL, 'hard: the company''s 13-digit branch tax code, valid check digit, not a person''s');

CREATE TABLE catalog.suppliers (
    supplier_id integer PRIMARY KEY, ten_ncc text, ma_so_thue text, dien_thoai text, nguoi_lien_he text,
    sdt_lien_he text, email text);
INSERT INTO catalog.suppliers
SELECT i, discover_gen.pick('{Công ty TNHH,Công ty Cổ phần,Công ty TNHH MTV}') || ' ' ||
          discover_gen.pick('{Thương mại,Sản xuất,Dệt may,Điện tử,Thực phẩm,Bao bì}') || ' ' || discover_gen.pick('{Phú Thành,An Khang,Minh Long,Đại Việt,Sao Mai,Hưng Thịnh,Tân Phát}'),
       discover_gen.mst(discover_gen.pick('{01,03,04,02,31}')), discover_gen.landline(), nm, discover_gen.phone(), discover_gen.email(nm)
FROM (SELECT i, discover_gen.name(random() < 0.5) AS nm FROM generate_series(1, 40) i) s;
INSERT INTO public.discover_labels VALUES
 ('catalog.suppliers', 'supplier_id', NULL, NULL, 'small table (40 rows)'),
 ('catalog.suppliers', 'ten_ncc', NULL, NULL, 'company names'),
 ('catalog.suppliers', 'ma_so_thue', NULL, NULL, 'hard: companies'' tax codes (valid check digit), not personal'),
 ('catalog.suppliers', 'dien_thoai', NULL, NULL, 'hard: companies'' switchboard landlines'),
 ('catalog.suppliers', 'nguoi_lien_he', 'full_name', NULL, 'contact person'),
 ('catalog.suppliers', 'sdt_lien_he', 'phone_number', NULL, 'contact person''s mobile'),
 ('catalog.suppliers', 'email', 'email_address', NULL, 'contact person''s e-mail');

CREATE TABLE catalog.warehouses (warehouse_id integer PRIMARY KEY, code text, name text, address text, postal_code text, capacity_m3 integer);
INSERT INTO catalog.warehouses
SELECT i, 'WH' || lpad(i::text, 2, '0'), 'Kho ' || (ARRAY['Tân Bình','Bình Dương','Long Biên','Đông Anh','Hòa Khánh'])[1 + (i - 1) % 5] || ' ' || i,
       'Lô ' || discover_gen.pick('{A,B,C,D}') || discover_gen.rint(1, 30)::text || ', ' || discover_gen.pick('{KCN Sóng Thần,KCN Tân Tạo,KCN Quang Minh,KCN Hòa Khánh,KCN VSIP}'),
       discover_gen.pick('{70000,75000,10000,50000}'), discover_gen.rint(2000, 50000)
FROM generate_series(1, 20) i;
INSERT INTO public.discover_labels VALUES
 ('catalog.warehouses', 'warehouse_id', NULL, NULL, 'small table (20 rows)'),
 ('catalog.warehouses', 'code', NULL, NULL, NULL),
 ('catalog.warehouses', 'name', NULL, NULL, 'hard: column called name holding place names'),
 ('catalog.warehouses', 'address', NULL, NULL, 'hard: industrial-park lot, not a person''s address'),
 ('catalog.warehouses', 'postal_code', NULL, NULL, NULL),
 ('catalog.warehouses', 'capacity_m3', NULL, NULL, NULL);

-- ==================================================================== check
-- every column of the generated tables is labelled, every label names a
-- column, every category exists in Decree 356's list.
DO $$
DECLARE bad text;
BEGIN
    SELECT string_agg(coalesce(l.relation, c.rel) || '.' || coalesce(l.column_name, c.col), ', ') INTO bad
    FROM (SELECT format('%s.%s', n.nspname, r.relname) AS rel, a.attname::text AS col
          FROM pg_class r JOIN pg_namespace n ON n.oid = r.relnamespace
          JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
          WHERE n.nspname IN ('crm', 'sales', 'hr', 'payments', 'app', 'catalog') AND r.relkind IN ('r', 'p')) c
    FULL JOIN public.discover_labels l ON l.relation = c.rel AND l.column_name = c.col
    WHERE c.rel IS NULL OR l.relation IS NULL;
    IF bad IS NOT NULL THEN RAISE EXCEPTION 'discover_labels does not match the tables: %', bad; END IF;
    SELECT string_agg(DISTINCT x, ', ') INTO bad
    FROM (SELECT category FROM public.discover_labels UNION ALL SELECT unnest(acceptable) FROM public.discover_labels) s(x)
    WHERE x IS NOT NULL AND x NOT IN ('full_name', 'date_of_birth', 'gender', 'address', 'nationality', 'personal_image',
        'phone_number', 'identity_number', 'vehicle_plate', 'marital_status', 'family_relationship', 'digital_account',
        'email_address', 'tax_insurance_number', 'other_identifying', 'racial_ethnic_origin', 'political_religious_views',
        'private_life', 'health_record', 'biometric_data', 'genetic_data', 'sex_life_orientation', 'criminal_record',
        'location_data', 'account_credentials', 'identity_document_image', 'banking_customer_info', 'online_activity',
        'other_sensitive');
    IF bad IS NOT NULL THEN RAISE EXCEPTION 'discover_labels names unknown categories: %', bad; END IF;
END $$;
DROP SCHEMA discover_gen CASCADE;
ANALYZE;
