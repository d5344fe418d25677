-- Fourth hold-out set for pdp.discover() (issue 15, part 2: accuracy).
-- Built and labelled before discovery was ever run on it, without looking
-- at the recognizers or the earlier labelled sets.  Six businesses that no
-- earlier set covers: an airline (airline), a cinema ticketing site
-- (ticket), a dating app (social), a garment factory (factory), a dental
-- clinic chain (dental) and an international courier (courier).
-- All people are made up by this script (setseed, random()); phone numbers
-- follow the national numbering plan, ID numbers, tax codes and card
-- numbers have the structure and check digits the real ones have.
-- public.discover_labels lists every column with the Decree 356/2025
-- category a careful DBA adopting pdp would tag it with (NULL: none).
-- Plain SQL, no extensions; helper functions live in schema h4gen, which
-- is dropped at the end.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS airline, ticket, social, factory, dental, courier, h4gen CASCADE;
DROP TABLE IF EXISTS public.discover_labels;
CREATE SCHEMA h4gen;
SELECT setseed(0.4242);

CREATE FUNCTION h4gen.pick(a text[]) RETURNS text LANGUAGE sql VOLATILE
AS $$ SELECT a[1 + floor(random() * array_length(a, 1))::int] $$;
CREATE FUNCTION h4gen.rint(lo int, hi int) RETURNS int LANGUAGE sql VOLATILE
AS $$ SELECT lo + floor(random() * (hi - lo + 1))::int $$;
CREATE FUNCTION h4gen.digits(n int) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE s text := '';
BEGIN
  FOR i IN 1..n LOOP s := s || floor(random() * 10)::int::text; END LOOP;
  RETURN s;
END $$;
CREATE FUNCTION h4gen.unaccent(s text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
SELECT translate(s,
 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ',
 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydAAAAAAAAAAAAAAAAAEEEEEEEEEEEIIIIIOOOOOOOOOOOOOOOOOUUUUUUUUUUUYYYYYD') $$;

CREATE FUNCTION h4gen.ho() RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT h4gen.pick(
 '{Nguyễn,Nguyễn,Nguyễn,Trần,Trần,Lê,Lê,Phạm,Hoàng,Huỳnh,Phan,Vũ,Võ,Đặng,Bùi,Đỗ,Hồ,Ngô,Dương,Lý,Trịnh,Đinh,Mai,Lâm,Tạ,Cao,Châu,Lưu}') $$;
CREATE FUNCTION h4gen.dem() RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT h4gen.pick(
 '{Văn,Thị,Thị,Hữu,Đức,Minh,Ngọc,Thanh,Quốc,Thu,Hoàng,Gia,Xuân,Kim,Bảo,Anh,Thùy,Công,Mỹ,Phương}') $$;
CREATE FUNCTION h4gen.ten() RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT h4gen.pick(
 '{An,Bình,Châu,Dũng,Giang,Hà,Hải,Hạnh,Hiếu,Hoa,Hùng,Huy,Khánh,Lan,Linh,Long,Mai,Minh,Nam,Nga,Ngân,Nhung,Phong,Phúc,Quân,Quỳnh,Sơn,Tâm,Thảo,Thắng,Trang,Trung,Tuấn,Uyên,Việt,Vy,Yến,Đạt,Khoa,Nhi,Tú,Hưng,Lộc,Duyên}') $$;
-- full name; style 0 with diacritics, 1 upper case without, 2 without
CREATE FUNCTION h4gen.ho_ten(style int DEFAULT 0) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE n text := h4gen.ho() || ' ' || h4gen.dem() || ' ' || h4gen.ten();
BEGIN
  IF random() < 0.2 THEN n := h4gen.ho() || ' ' || h4gen.dem() || ' ' || h4gen.dem() || ' ' || h4gen.ten(); END IF;
  IF style = 1 THEN RETURN upper(h4gen.unaccent(n)); END IF;
  IF style = 2 THEN RETURN h4gen.unaccent(n); END IF;
  RETURN n;
END $$;

CREATE FUNCTION h4gen.mobile_digits() RETURNS text LANGUAGE sql VOLATILE AS $$
SELECT h4gen.pick('{032,033,034,035,036,037,038,039,052,056,058,059,070,076,077,078,079,081,082,083,084,085,086,088,089,090,091,093,094,096,097,098,099}') || h4gen.digits(7) $$;
CREATE FUNCTION h4gen.landline_digits() RETURNS text LANGUAGE sql VOLATILE AS $$
SELECT CASE WHEN random() < 0.5 THEN h4gen.pick('{024,028}') || h4gen.digits(8)
 ELSE h4gen.pick('{0203,0204,0205,0206,0207,0208,0209,0210,0211,0212,0213,0214,0215,0216,0218,0219,0220,0221,0222,0225,0226,0227,0228,0229,0232,0233,0234,0235,0236,0237,0238,0239,0251,0252,0254,0255,0256,0257,0258,0259,0260,0261,0262,0263,0269,0270,0271,0272,0273,0274,0275,0276,0277,0290,0291,0292,0293,0294,0296,0297,0299}') || h4gen.digits(7) END $$;
-- d: national number with leading 0; style 0 plain, 1 +84, 2 84, 3 spaces, 4 dots, 5 (+84) dashes, 6 random of 0..4
CREATE FUNCTION h4gen.fmt_phone(d text, style int) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE s int := style; n text := substr(d, 2);
BEGIN
  IF s = 6 THEN s := h4gen.pick('{0,0,0,1,2,3,4}')::int; END IF;
  RETURN CASE s
    WHEN 0 THEN d
    WHEN 1 THEN '+84' || n
    WHEN 2 THEN '84' || n
    WHEN 3 THEN substr(d, 1, 4) || ' ' || substr(d, 5, 3) || ' ' || substr(d, 8)
    WHEN 4 THEN substr(d, 1, 4) || '.' || substr(d, 5, 3) || '.' || substr(d, 8)
    ELSE '(+84) ' || substr(n, 1, 3) || '-' || substr(n, 4, 3) || '-' || substr(n, 7) END;
END $$;
CREATE FUNCTION h4gen.phone(style int DEFAULT 6) RETURNS text LANGUAGE sql VOLATILE AS $$
SELECT h4gen.fmt_phone(h4gen.mobile_digits(), style) $$;

-- 12-digit personal identification number: province, gender/century, birth year, 6 digits
CREATE FUNCTION h4gen.cccd(born date DEFAULT NULL, female boolean DEFAULT NULL) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE y int := coalesce(extract(year FROM born)::int, h4gen.rint(1950, 2006));
        f boolean := coalesce(female, random() < 0.5);
BEGIN
  RETURN h4gen.pick('{001,002,004,006,008,010,011,012,014,015,017,019,020,022,024,025,026,027,030,031,033,034,035,036,037,038,040,042,044,045,046,048,049,051,052,054,056,058,060,062,064,066,067,068,070,072,074,075,077,079,080,082,083,084,086,087,089,091,092,093,094,095,096}')
    || ((CASE WHEN y >= 2000 THEN 2 ELSE 0 END) + (CASE WHEN f THEN 1 ELSE 0 END))::text
    || lpad((y % 100)::text, 2, '0') || h4gen.digits(6);
END $$;
CREATE FUNCTION h4gen.cmnd() RETURNS text LANGUAGE sql VOLATILE AS $$
SELECT h4gen.pick('{0,1,2,3,0,2}') || h4gen.digits(8) $$;
CREATE FUNCTION h4gen.passport() RETURNS text LANGUAGE sql VOLATILE AS $$
SELECT h4gen.pick('{C,C,C,N,B,P}') || h4gen.digits(7) $$;
-- 10-digit tax code with its check digit (weights 31 29 23 19 17 13 7 5 3)
CREATE FUNCTION h4gen.mst(prefix text DEFAULT '8') RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE d text; s int; w int[] := '{31,29,23,19,17,13,7,5,3}'; c int;
BEGIN
  LOOP
    d := prefix || h4gen.digits(9 - length(prefix));
    s := 0;
    FOR i IN 1..9 LOOP s := s + substr(d, i, 1)::int * w[i]; END LOOP;
    c := 10 - s % 11;
    IF c < 10 THEN RETURN d || c::text; END IF;
  END LOOP;
END $$;
-- a number of len digits starting with prefix, last digit Luhn
CREATE FUNCTION h4gen.luhn(prefix text, len int) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE d text := prefix || h4gen.digits(len - 1 - length(prefix)); s int := 0; x int; dbl boolean := true;
BEGIN
  FOR i IN REVERSE length(d)..1 LOOP
    x := substr(d, i, 1)::int;
    IF dbl THEN x := x * 2; IF x > 9 THEN x := x - 9; END IF; END IF;
    s := s + x; dbl := NOT dbl;
  END LOOP;
  RETURN d || ((10 - s % 10) % 10)::text;
END $$;
CREATE FUNCTION h4gen.card() RETURNS text LANGUAGE sql VOLATILE AS $$
SELECT CASE h4gen.rint(0, 3) WHEN 0 THEN h4gen.luhn('4', 16) WHEN 1 THEN h4gen.luhn('5', 16)
  WHEN 2 THEN h4gen.luhn('9704', 16) ELSE h4gen.luhn('3', 16) END $$;
CREATE FUNCTION h4gen.email(n text) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE p text[] := regexp_split_to_array(lower(h4gen.unaccent(n)), ' ');
BEGIN
  RETURN CASE h4gen.rint(0, 3)
     WHEN 0 THEN p[array_length(p, 1)] || '.' || p[1] || h4gen.digits(2)
     WHEN 1 THEN p[1] || p[array_length(p, 1)] || h4gen.rint(80, 2005)::text
     WHEN 2 THEN left(p[1], 1) || left(p[2], 1) || p[array_length(p, 1)] || h4gen.digits(3)
     ELSE p[array_length(p, 1)] || '_' || p[1] END
   || '@' || h4gen.pick('{gmail.com,gmail.com,gmail.com,yahoo.com,yahoo.com.vn,outlook.com,hotmail.com,icloud.com,fpt.com.vn}');
END $$;
CREATE FUNCTION h4gen.street() RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT h4gen.pick(
 '{Nguyễn Trãi,Lê Lợi,Trần Hưng Đạo,Hai Bà Trưng,Lý Thường Kiệt,Điện Biên Phủ,Cách Mạng Tháng Tám,Nguyễn Văn Linh,Phạm Văn Đồng,Võ Văn Kiệt,Lê Duẩn,Nguyễn Thị Minh Khai,Hoàng Diệu,Quang Trung,Bạch Đằng,Xô Viết Nghệ Tĩnh,Lạc Long Quân,Tôn Đức Thắng}') $$;
-- style 0 full with diacritics, 1 abbreviated, 2 without diacritics, 3 after the 2025 reform (ward + province)
CREATE FUNCTION h4gen.dia_chi(style int DEFAULT -1) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE s int := CASE WHEN style < 0 THEN h4gen.rint(0, 3) ELSE style END;
        k int := h4gen.rint(1, 7);
        ward text[] := '{Phường Bến Nghé,Phường Dịch Vọng,Phường Hòa Cường Bắc,Phường 7,Phường Tân Định,Xã Tân Phú,Phường Lê Chân,Phường An Khánh,Phường Thảo Điền,Xã Vĩnh Lộc A}';
        dist text[] := '{Quận 1,Quận Cầu Giấy,Quận Hải Châu,Quận 3,Quận 1,Huyện Bình Chánh,Quận Lê Chân,Quận Ninh Kiều,TP Thủ Đức,Huyện Bình Chánh}';
        prov text[] := '{TP. Hồ Chí Minh,Hà Nội,Đà Nẵng,TP. Hồ Chí Minh,TP. Hồ Chí Minh,TP. Hồ Chí Minh,Hải Phòng,Cần Thơ,TP. Hồ Chí Minh,TP. Hồ Chí Minh}';
        i int := h4gen.rint(1, 10);
        head text := CASE WHEN k = 1 THEN 'Số ' || h4gen.rint(1, 300) || ' ngõ ' || h4gen.rint(2, 120) || ' '
                          WHEN k = 2 THEN h4gen.rint(1, 200) || '/' || h4gen.rint(1, 40) || ' '
                          WHEN k = 3 THEN 'Tổ ' || h4gen.rint(1, 20) || ', ấp ' || h4gen.rint(1, 5) || ', đường '
                          ELSE h4gen.rint(1, 999) || ' ' END || h4gen.street();
        r text;
BEGIN
  r := CASE s
    WHEN 1 THEN head || ', P. ' || regexp_replace(ward[i], '^(Phường|Xã) ', '') || ', ' || replace(replace(dist[i], 'Quận ', 'Q.'), 'Huyện ', 'H.') || ', ' || replace(prov[i], 'TP. Hồ Chí Minh', 'TP.HCM')
    WHEN 3 THEN head || ', ' || ward[i] || ', ' || prov[i]
    ELSE head || ', ' || ward[i] || ', ' || dist[i] || ', ' || prov[i] END;
  IF s = 2 THEN r := h4gen.unaccent(r); END IF;
  RETURN r;
END $$;
CREATE FUNCTION h4gen.dob(lo int DEFAULT 1955, hi int DEFAULT 2005) RETURNS date LANGUAGE sql VOLATILE AS $$
SELECT make_date(lo, 1, 1) + floor(random() * ((hi - lo + 1) * 365.25))::int $$;
CREATE FUNCTION h4gen.hex(n int) RETURNS text LANGUAGE sql VOLATILE AS $$
SELECT left(string_agg(md5(random()::text), ''), n) FROM generate_series(1, (n + 31) / 32) $$;
CREATE FUNCTION h4gen.ts(lo date DEFAULT '2023-01-01', days int DEFAULT 700) RETURNS timestamptz LANGUAGE sql VOLATILE AS $$
SELECT lo::timestamptz + random() * (days || ' days')::interval $$;
CREATE FUNCTION h4gen.plate() RETURNS text LANGUAGE sql VOLATILE AS $$
SELECT CASE WHEN random() < 0.5
  THEN h4gen.pick('{29,30,51,59,43,15,92,65,61,36}') || h4gen.pick('{A,F,G,H,K}') || '-' || h4gen.digits(3) || '.' || h4gen.digits(2)
  ELSE h4gen.pick('{29,59,43,51,72,60}') || '-' || h4gen.pick('{B1,C1,D1,F1,G1,H1,K1,X1}') || ' ' || h4gen.digits(3) || '.' || h4gen.digits(2) END $$;

-- ============================================================ airline
CREATE SCHEMA airline;
CREATE TABLE airline.airports (iata char(3) PRIMARY KEY, ten_san_bay text, thanh_pho text, country_code char(2), utc_offset text);
INSERT INTO airline.airports VALUES
 ('SGN','Tân Sơn Nhất','TP. Hồ Chí Minh','VN','+07:00'),('HAN','Nội Bài','Hà Nội','VN','+07:00'),
 ('DAD','Đà Nẵng','Đà Nẵng','VN','+07:00'),('CXR','Cam Ranh','Khánh Hòa','VN','+07:00'),
 ('PQC','Phú Quốc','Kiên Giang','VN','+07:00'),('HPH','Cát Bi','Hải Phòng','VN','+07:00'),
 ('VCA','Cần Thơ','Cần Thơ','VN','+07:00'),('HUI','Phú Bài','Huế','VN','+07:00'),
 ('VII','Vinh','Nghệ An','VN','+07:00'),('DLI','Liên Khương','Lâm Đồng','VN','+07:00'),
 ('ICN','Incheon','Seoul','KR','+09:00'),('NRT','Narita','Tokyo','JP','+09:00'),
 ('SIN','Changi','Singapore','SG','+08:00'),('BKK','Suvarnabhumi','Bangkok','TH','+07:00'),
 ('TPE','Taoyuan','Taipei','TW','+08:00'),('SYD','Kingsford Smith','Sydney','AU','+10:00'),
 ('CDG','Charles de Gaulle','Paris','FR','+01:00'),('FRA','Frankfurt','Frankfurt','DE','+01:00'),
 ('LAX','Los Angeles','Los Angeles','US','-08:00'),('PEK','Capital','Beijing','CN','+08:00');

CREATE TABLE airline.passengers (
  pax_id serial PRIMARY KEY, pnr_code char(6), title varchar(4), last_name varchar(40), first_name varchar(60),
  full_name_vn text, dob date, nationality char(2), passport_no varchar(12), passport_expiry date,
  contact_phone varchar(20), contact_email varchar(120), ssr_code varchar(4), created_at timestamptz);
INSERT INTO airline.passengers (pnr_code, title, last_name, first_name, full_name_vn, dob, nationality, passport_no,
  passport_expiry, contact_phone, contact_email, ssr_code, created_at)
SELECT upper(substr(md5(g::text || 'pnr'), 1, 6)), t.title, split_part(t.n1, ' ', 1), substr(t.n1, strpos(t.n1, ' ') + 1),
  CASE WHEN t.nat = 'VN' THEN t.n0 END, t.d, t.nat,
  CASE WHEN t.nat = 'VN' THEN h4gen.passport() ELSE h4gen.pick('{M,S,E,K}') || h4gen.digits(8) END,
  date '2026-01-01' + h4gen.rint(30, 3000),
  CASE WHEN random() < 0.9 THEN h4gen.phone(h4gen.pick('{0,1,1,3}')::int) END,
  CASE WHEN random() < 0.85 THEN h4gen.email(t.n0) END,
  CASE WHEN random() < 0.12 THEN h4gen.pick('{WCHR,VGML,DBML,MOML,BLND,DEAF,MAAS,UMNR}') END,
  h4gen.ts('2024-01-01', 600)
FROM generate_series(1, 3000) g,
 LATERAL (SELECT x.n0, upper(h4gen.unaccent(x.n0)) n1, x.d, x.nat,
          CASE WHEN x.d > date '2026-01-01' - 4380 THEN 'MSTR' WHEN random() < 0.5 THEN 'MR' ELSE h4gen.pick('{MRS,MS}') END title
          FROM (SELECT h4gen.ho_ten() n0, h4gen.dob(1945, 2022) d,
                 CASE WHEN random() < 0.85 THEN 'VN' ELSE h4gen.pick('{KR,JP,US,FR,AU,CN,TW}') END nat, g) x) t;

CREATE TABLE airline.bookings (
  booking_id bigint PRIMARY KEY, pnr char(6), booking_date timestamptz, sales_channel text, total_amount numeric(14,0),
  currency char(3), payment_status varchar(10), agent_code varchar(10), contact_sdt varchar(20), ticket_number varchar(14),
  fare_basis varchar(10), email_lien_he varchar(120));
INSERT INTO airline.bookings
SELECT 240000000 + g, upper(substr(md5(g::text || 'bk'), 3, 6)), h4gen.ts('2024-01-01', 600),
  h4gen.pick('{WEB,APP,OTA,AGENT,CALLCENTER}'), (h4gen.rint(8, 400) * 10000)::numeric, 'VND',
  h4gen.pick('{PAID,PAID,PAID,PENDING,REFUNDED,VOID}'), 'AG' || h4gen.digits(4),
  h4gen.phone(4), '738' || h4gen.digits(10), h4gen.pick('{YOWVN,EPXVN,KOWVN,JRTVN,QPXVN}'),
  CASE WHEN random() < 0.8 THEN h4gen.email(h4gen.ho_ten()) END
FROM generate_series(1, 2500) g;

CREATE TABLE airline.segments (
  seg_id bigserial PRIMARY KEY, booking_id bigint, flight_no varchar(7), dep_airport char(3), arr_airport char(3),
  dep_date date, std time, cabin char(1), seat_no varchar(4), boarding_seq int, bag_tag varchar(10), checked_bags smallint, gate varchar(4));
INSERT INTO airline.segments (booking_id, flight_no, dep_airport, arr_airport, dep_date, std, cabin, seat_no, boarding_seq, bag_tag, checked_bags, gate)
SELECT 240000000 + h4gen.rint(1, 2500), 'VN' || h4gen.rint(120, 1899), a.d, a.r, date '2024-03-01' + h4gen.rint(0, 600),
  time '05:00' + h4gen.rint(0, 68) * interval '15 min', h4gen.pick('{Y,Y,Y,Y,W,C}'),
  h4gen.rint(1, 45)::text || h4gen.pick('{A,B,C,D,E,F,G,H,K}'), h4gen.rint(1, 300),
  CASE WHEN random() < 0.7 THEN '0738' || h4gen.digits(6) END, h4gen.rint(0, 3), h4gen.pick('{1,2,3,5,7,11,12,15,21,23}')
FROM generate_series(1, 4000) g,
 LATERAL (SELECT h4gen.pick('{SGN,HAN,DAD,CXR,PQC,HPH,VCA,HUI}') d, h4gen.pick('{SGN,HAN,DAD,ICN,NRT,SIN,BKK,TPE,SYD,CDG,FRA}') r, g) a;

CREATE TABLE airline.frequent_flyers (
  ff_number varchar(9) PRIMARY KEY, tier text, miles_balance int, enroll_date date, member_name text, ngay_sinh date,
  gioi_tinh varchar(3), dia_chi text, so_dt varchar(20), email text, mat_khau_hash text, last_login_ip inet);
INSERT INTO airline.frequent_flyers
SELECT DISTINCT ON (ff) ff, tier, miles, enr, n, d, gt, dc, sdt, em, pw, ip FROM (
SELECT '9' || lpad((10000000 + g * 37 + h4gen.rint(0, 30))::text, 8, '0') ff, h4gen.pick('{Register,Register,Register,Titanium,Gold,Platinum,Million Miler}') tier,
  h4gen.rint(0, 250000) miles, date '2012-01-01' + h4gen.rint(0, 4500) enr, x.n, h4gen.dob(1950, 2004) d,
  CASE WHEN x.n LIKE '% Thị %' THEN 'Nữ' WHEN random() < 0.7 THEN 'Nam' ELSE 'Nữ' END gt,
  h4gen.dia_chi() dc, h4gen.phone() sdt, h4gen.email(x.n) em,
  '$2b$10$' || translate(encode(decode(h4gen.hex(80), 'hex'), 'base64'), '+=', '.') pw,
  ('14.' || h4gen.rint(160, 191) || '.' || h4gen.rint(0, 255) || '.' || h4gen.rint(1, 254))::inet ip
FROM generate_series(1, 1800) g, LATERAL (SELECT CASE WHEN random() < 0.5 THEN h4gen.ho_ten() ELSE h4gen.ho_ten(1) END n, g AS gg) x) s;
UPDATE airline.frequent_flyers SET mat_khau_hash = left(mat_khau_hash, 60);

CREATE TABLE airline.boarding_log (
  id bigserial PRIMARY KEY, seg_id bigint, scanned_at timestamptz, gate varchar(4), device_id text, result varchar(8),
  face_match_score numeric(4,3), face_template bytea);
INSERT INTO airline.boarding_log (seg_id, scanned_at, gate, device_id, result, face_match_score, face_template)
SELECT h4gen.rint(1, 4000), h4gen.ts('2024-03-01', 600), h4gen.pick('{1,2,3,5,7,11,12}'),
  'KIOSK-' || h4gen.pick('{SGN,HAN,DAD}') || '-' || lpad(h4gen.rint(1, 40)::text, 2, '0'),
  h4gen.pick('{OK,OK,OK,OK,OK,DENIED,MANUAL}'),
  CASE WHEN random() < 0.6 THEN round((0.5 + random() * 0.5)::numeric, 3) END,
  CASE WHEN random() < 0.6 THEN decode(h4gen.hex(256), 'hex') END
FROM generate_series(1, 4000) g;

CREATE TABLE airline.crew_roster (crew_id int PRIMARY KEY, employee_no varchar(8), ho_ten text, license_no varchar(16),
  base char(3), medical_class_expiry date);   -- empty: the crew system is not migrated yet

-- ============================================================ ticket (cinema chain, legacy member system + new order service)
CREATE SCHEMA ticket;
CREATE TABLE ticket."MEMBERS" (
  "MEMBER_ID" int PRIMARY KEY, "USERNAME" varchar(40), "PASSWORD_MD5" char(32), "FULLNAME" varchar(100),
  "BIRTHDAY" varchar(10), "SEX" smallint, "MOBILE" bigint, "EMAIL" varchar(100), "CITY" varchar(50),
  "POINTS" int, "CREATED_DATE" timestamp, "STATUS" char(1));
INSERT INTO ticket."MEMBERS"
SELECT g, lower(h4gen.unaccent(replace(x.n, ' ', ''))) || h4gen.rint(1, 999), md5(random()::text), upper(h4gen.unaccent(x.n)),
  to_char(h4gen.dob(1970, 2010), 'DD/MM/YYYY'), CASE WHEN x.n LIKE '% Thị %' THEN 0 ELSE h4gen.rint(0, 1) END,
  h4gen.mobile_digits()::bigint, CASE WHEN random() < 0.9 THEN h4gen.email(x.n) END,
  h4gen.pick('{Hồ Chí Minh,Hồ Chí Minh,Hà Nội,Hà Nội,Đà Nẵng,Cần Thơ,Hải Phòng,Biên Hòa,Nha Trang,Huế}'),
  h4gen.rint(0, 5000), h4gen.ts('2016-01-01', 3000)::timestamp, h4gen.pick('{A,A,A,A,L,D}')
FROM generate_series(1, 2500) g, LATERAL (SELECT h4gen.ho_ten() n, g AS gg) x;

CREATE TABLE ticket.movies (id int PRIMARY KEY, title text, director text, duration_min int, rating varchar(3), release_year int);
INSERT INTO ticket.movies
SELECT g, h4gen.pick('{Lật Mặt,Mai,Nhà Bà Nữ,Bố Già,Đất Rừng Phương Nam,Dune,Inside Out,Avengers,Conan,Doraemon,Kẻ Ăn Hồn,Thám Tử Kiên}') || ' ' || g,
  h4gen.pick('{Lý Hải,Trấn Thành,Victor Vũ,Denis Villeneuve,Kelsey Mann,Nguyễn Quang Dũng,Trần Hữu Tấn,Christopher Nolan}'),
  h4gen.rint(85, 170), h4gen.pick('{P,K,T13,T16,T18}'), h4gen.rint(2019, 2025)
FROM generate_series(1, 40) g;

CREATE TABLE ticket.showtimes (id int PRIMARY KEY, movie_id int, room varchar(6), start_time timestamp, price_base int, format varchar(6), language varchar(12));
INSERT INTO ticket.showtimes
SELECT g, h4gen.rint(1, 40), 'R' || h4gen.rint(1, 12), timestamp '2024-01-01 09:00' + h4gen.rint(0, 700) * interval '1 day' + h4gen.rint(0, 52) * interval '15 min',
  h4gen.pick('{45000,65000,75000,90000,120000}')::int, h4gen.pick('{2D,2D,3D,IMAX,4DX}'), h4gen.pick('{Phụ đề,Lồng tiếng,Tiếng Việt}')
FROM generate_series(1, 1500) g;

CREATE TABLE ticket.orders (
  "orderId" bigint PRIMARY KEY, "orderCode" varchar(10), "memberId" int, "showtimeId" int, "seatCount" smallint,
  "totalAmount" numeric(12,0), "paymentMethod" varchar(10), "cardLast4" char(4), "buyerPhone" varchar(20),
  "buyerEmail" varchar(100), "createdAt" timestamptz, "voucherCode" varchar(12));
INSERT INTO ticket.orders
SELECT g, '09' || lpad((g * 7919 % 100000000)::text, 8, '0'), CASE WHEN random() < 0.7 THEN h4gen.rint(1, 2500) END, h4gen.rint(1, 1500),
  x.sc, x.sc * h4gen.pick('{45000,65000,75000,90000}')::int, x.pm, CASE WHEN x.pm = 'CARD' THEN h4gen.digits(4) END,
  CASE WHEN random() < 0.6 THEN h4gen.phone(h4gen.pick('{0,0,1}')::int) END,
  CASE WHEN random() < 0.5 THEN h4gen.email(h4gen.ho_ten()) END,
  h4gen.ts('2024-01-01', 700), CASE WHEN random() < 0.15 THEN 'CGV' || upper(h4gen.hex(6)) END
FROM generate_series(1, 4000) g, LATERAL (SELECT h4gen.rint(1, 6) sc, h4gen.pick('{MOMO,MOMO,VNPAY,ZALOPAY,CARD,CASH}') pm, g AS gg) x;

CREATE TABLE ticket.payments (
  txn_id bigint PRIMARY KEY, order_id bigint, bank_txn_ref varchar(12), amount numeric(12,0), status varchar(10), paid_at timestamptz,
  card_number_masked varchar(19), payer_account_no varchar(20));
INSERT INTO ticket.payments
SELECT g, h4gen.rint(1, 4000), '0' || h4gen.digits(11), h4gen.rint(1, 30) * 45000, h4gen.pick('{SUCCESS,SUCCESS,SUCCESS,FAILED,TIMEOUT}'),
  h4gen.ts('2024-01-01', 700),
  CASE WHEN x.k = 0 THEN left(x.c, 6) || '******' || right(x.c, 4) END,
  CASE WHEN x.k = 1 THEN CASE h4gen.rint(0, 2) WHEN 0 THEN '0071' || h4gen.digits(9) WHEN 1 THEN '1903' || h4gen.digits(10) ELSE h4gen.digits(12) END END
FROM generate_series(1, 3500) g, LATERAL (SELECT h4gen.rint(0, 2) k, h4gen.card() c, g AS gg) x;

CREATE TABLE ticket.promo_codes (code varchar(12) PRIMARY KEY, discount_pct int, valid_from date, valid_to date, max_uses int);
INSERT INTO ticket.promo_codes
SELECT 'PROMO' || upper(h4gen.hex(5)), h4gen.pick('{10,15,20,30,50}')::int, date '2024-01-01' + g * 20, date '2024-01-01' + g * 20 + 30, h4gen.rint(100, 5000)
FROM generate_series(1, 30) g;

-- ============================================================ social (dating app)
CREATE SCHEMA social;
CREATE TABLE social.profiles (
  uid uuid PRIMARY KEY, handle text, "displayName" text, real_name text, dob date, "gioiTinh" text, "xuHuongTinhDuc" text,
  bio text, height_cm smallint, religion text, ethnicity text, avatar_url text, last_lat double precision, last_lng double precision,
  phone_verified boolean, phone text, created_at timestamptz);
INSERT INTO social.profiles
SELECT md5('uid' || g)::uuid, '@' || lower(h4gen.unaccent(split_part(x.n, ' ', 3))) || '_' || h4gen.digits(3),
  CASE WHEN random() < 0.6 THEN split_part(x.n, ' ', array_length(string_to_array(x.n, ' '), 1)) || ' ' || h4gen.rint(1985, 2006)
       ELSE h4gen.pick('{Mèo con,Gấu béo,Sky,Bé Na,Tommy,Cún,Mây,Windy,Captain,Hạt tiêu}') || ' ' || h4gen.digits(2) END,
  CASE WHEN random() < 0.7 THEN x.n END, h4gen.dob(1975, 2006), x.gt,
  CASE WHEN random() < 0.8 THEN h4gen.pick('{straight,straight,straight,straight,gay,lesbian,bisexual,pansexual,asexual}') END,
  CASE WHEN random() < 0.6 THEN h4gen.pick('{Thích du lịch và cà phê,Tìm người nghiêm túc,Dân IT Sài Gòn,Yêu mèo ghét drama,Gym & cook,Chỉ tìm bạn bè thôi,Mới chia tay cần người tâm sự,Đi bộ đường dài cuối tuần}') END,
  h4gen.rint(145, 190), CASE WHEN random() < 0.5 THEN h4gen.pick('{Không,Không,Phật giáo,Công giáo,Tin Lành,Cao Đài,Hòa Hảo}') END,
  CASE WHEN random() < 0.4 THEN h4gen.pick('{Kinh,Kinh,Kinh,Kinh,Hoa,Tày,Thái,Mường,Khmer,Nùng,Ê Đê}') END,
  'https://cdn.hentho.vn/avatars/' || md5('av' || g) || '.jpg',
  CASE WHEN random() < 0.85 THEN round((10.70 + random() * 0.15)::numeric, 6)::float8 END,
  CASE WHEN random() < 0.85 THEN round((106.60 + random() * 0.15)::numeric, 6)::float8 END,
  random() < 0.8, h4gen.phone(1), h4gen.ts('2022-06-01', 900)
FROM generate_series(1, 3000) g,
 LATERAL (SELECT h4gen.ho_ten() n, h4gen.pick('{male,male,female,female,nonbinary}') gt, g AS gg) x;
-- northern users
UPDATE social.profiles SET last_lat = last_lat + 10.3, last_lng = last_lng - 0.8 WHERE last_lat IS NOT NULL AND ascii(handle) % 3 = 0 AND length(handle) % 2 = 0;

CREATE TABLE social.matches (match_id bigint PRIMARY KEY, user_a uuid, user_b uuid, matched_at timestamptz, unmatched_at timestamptz, score real, source varchar(8));
INSERT INTO social.matches
SELECT g, md5('uid' || h4gen.rint(1, 3000))::uuid, md5('uid' || h4gen.rint(1, 3000))::uuid, x.t,
  CASE WHEN random() < 0.2 THEN x.t + random() * interval '30 days' END, round(random()::numeric, 4)::real, h4gen.pick('{swipe,swipe,boost,super}')
FROM generate_series(1, 4500) g, LATERAL (SELECT h4gen.ts('2023-01-01', 700) t, g AS gg) x;

CREATE TABLE social.messages (msg_id bigint PRIMARY KEY, conversation_id bigint, sender_uid uuid, body text, sent_at timestamptz,
  read_at timestamptz, attachment_url text, is_deleted boolean);
INSERT INTO social.messages
SELECT g, h4gen.rint(1, 4500), md5('uid' || h4gen.rint(1, 3000))::uuid,
  h4gen.pick('{Chào bạn,Hi cậu ơi,Bạn ở quận mấy vậy?,Tối nay đi cà phê không?,Số mình nè,Mình vừa chia tay người yêu,Bạn làm nghề gì?,Haha dễ thương ghê,Cuối tuần rảnh không,Cho mình xin zalo nha,Mình đang ở gần Landmark,Ok hẹn 7h nhé}')
   || CASE WHEN random() < 0.05 THEN ' ' || h4gen.phone(0) ELSE '' END,
  x.t, CASE WHEN random() < 0.8 THEN x.t + random() * interval '5 hours' END,
  CASE WHEN random() < 0.07 THEN 'https://cdn.hentho.vn/msg/' || md5('m' || g) || '.jpg' END, random() < 0.03
FROM generate_series(1, 5000) g, LATERAL (SELECT h4gen.ts('2023-01-01', 700) t, g AS gg) x;

CREATE TABLE social.reports (report_id int PRIMARY KEY, reporter_uid uuid, reported_uid uuid, reason_code varchar(10), chi_tiet text,
  trang_thai varchar(12), xu_ly_boi varchar(30));
INSERT INTO social.reports
SELECT g, md5('uid' || h4gen.rint(1, 3000))::uuid, md5('uid' || h4gen.rint(1, 3000))::uuid, h4gen.pick('{SPAM,HARASS,FAKE,SCAM,UNDERAGE}'),
  h4gen.pick('{Gửi tin nhắn quấy rối,Dùng ảnh người khác,Xin tiền chuyển khoản,Nói năng thô tục,Có vẻ chưa đủ 18 tuổi}'),
  h4gen.pick('{moi,dang_xu_ly,da_khoa,bo_qua}'), CASE WHEN random() < 0.7 THEN h4gen.pick('{mod.thanh,mod.linhnt,admin,mod.huy}') END
FROM generate_series(1, 45) g;

CREATE TABLE social.devices (device_id bigint PRIMARY KEY, uid uuid, push_token text, os text, app_version varchar(10), ip_addr text,
  last_seen timestamptz, imei varchar(15));
INSERT INTO social.devices
SELECT g, md5('uid' || h4gen.rint(1, 3000))::uuid,
  CASE WHEN random() < 0.5 THEN h4gen.hex(64) ELSE 'f' || h4gen.hex(10) || ':APA91b' || h4gen.hex(120) END,
  h4gen.pick('{iOS 17.2,iOS 16.7,Android 14,Android 13,Android 12}'), '3.' || h4gen.rint(0, 9) || '.' || h4gen.rint(0, 20),
  h4gen.pick('{113,116,14,27,42,171,1}') || '.' || h4gen.rint(0, 255) || '.' || h4gen.rint(0, 255) || '.' || h4gen.rint(1, 254),
  h4gen.ts('2024-06-01', 300), CASE WHEN random() < 0.5 THEN h4gen.luhn(h4gen.pick('{35,86,35,01}'), 15) END
FROM generate_series(1, 2000) g;

CREATE TABLE social.login_sessions (session_id char(32) PRIMARY KEY, uid uuid, login_at timestamptz, ip inet, user_agent text,
  otp_code char(6), refresh_token_hash char(64));
INSERT INTO social.login_sessions
SELECT md5('s' || g), md5('uid' || h4gen.rint(1, 3000))::uuid, h4gen.ts('2024-01-01', 600),
  (h4gen.pick('{113,116,14,27,42,171}') || '.' || h4gen.rint(0, 255) || '.' || h4gen.rint(0, 255) || '.' || h4gen.rint(1, 254))::inet,
  h4gen.pick('{HenTho/3.4.1 (iPhone; iOS 17.2),HenTho/3.4.0 (Android 14; SM-A546E),HenTho/3.3.9 (Android 13; Redmi Note 12),Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120}'),
  CASE WHEN random() < 0.4 THEN h4gen.digits(6) END, h4gen.hex(64)
FROM generate_series(1, 3000) g;

-- ============================================================ factory (garment factory, Bình Dương)
CREATE SCHEMA factory;
CREATE TABLE factory.cong_nhan (
  ma_cn varchar(8) PRIMARY KEY, ho_va_ten text, ngay_sinh date, gioi_tinh text, so_cccd varchar(12), ngay_cap_cccd date, noi_cap text,
  que_quan text, dia_chi_thuong_tru text, dia_chi_tam_tru text, dan_toc text, ton_giao text, tinh_trang_hon_nhan text,
  so_bhxh varchar(10), ma_so_thue varchar(12), sdt varchar(20), so_tk_ngan_hang varchar(20), ngan_hang text, to_san_xuat text,
  ngay_vao_lam date, luong_co_ban numeric(12,0));
INSERT INTO factory.cong_nhan
SELECT 'CN' || lpad(g::text, 5, '0'), x.n, x.d, CASE WHEN x.f THEN 'Nữ' ELSE 'Nam' END, h4gen.cccd(x.d, x.f),
  date '2021-01-01' + h4gen.rint(0, 1400), h4gen.pick('{Cục Cảnh sát QLHC về TTXH,Cục Cảnh sát QLHC về TTXH,Bộ Công an,CA tỉnh Bình Dương}'),
  h4gen.pick('{Thanh Hóa,Nghệ An,Hà Tĩnh,Quảng Bình,Thái Bình,Nam Định,An Giang,Sóc Trăng,Trà Vinh,Gia Lai,Đắk Lắk,Bình Định}'),
  h4gen.dia_chi(h4gen.pick('{0,1,3}')::int),
  CASE WHEN random() < 0.7 THEN 'Phòng ' || h4gen.rint(1, 30) || ' dãy trọ ' || h4gen.pick('{Bà Tư,Cô Sáu,Minh Phát,Hạnh Phúc}') || ', khu phố ' || h4gen.rint(1, 9) || ', phường ' || h4gen.pick('{Tân Đông Hiệp,Bình Hòa,Thuận Giao,An Phú}') || ', TP. Thuận An, Bình Dương' END,
  h4gen.pick('{Kinh,Kinh,Kinh,Kinh,Kinh,Kinh,Khmer,Tày,Thái,Mường,Hoa,Nùng,Gia Rai}'),
  h4gen.pick('{Không,Không,Không,Phật giáo,Công giáo,Tin Lành,Cao Đài,Hòa Hảo}'),
  h4gen.pick('{Độc thân,Độc thân,Đã kết hôn,Đã kết hôn,Ly hôn}'),
  CASE WHEN random() < 0.9 THEN h4gen.pick('{74,79,38,40,27}') || h4gen.digits(8) END,
  CASE WHEN random() < 0.5 THEN h4gen.mst('8') WHEN random() < 0.6 THEN h4gen.cccd(x.d, x.f) END,
  h4gen.phone(h4gen.pick('{0,0,0,3,4}')::int),
  CASE WHEN random() < 0.95 THEN CASE h4gen.rint(0, 3) WHEN 0 THEN '0281000' || h4gen.digits(6) WHEN 1 THEN '1903' || h4gen.digits(10)
       WHEN 2 THEN '1' || h4gen.digits(11) ELSE h4gen.mobile_digits() END END,
  h4gen.pick('{Vietcombank,Agribank,Techcombank,BIDV,VietinBank,Sacombank}'),
  'Tổ ' || h4gen.rint(1, 24) || ' - ' || h4gen.pick('{May,Cắt,Ủi,Đóng gói,KCS}'),
  date '2015-01-01' + h4gen.rint(0, 3600), h4gen.pick('{4960000,5200000,5500000,6100000,7200000}')::numeric
FROM generate_series(1, 2200) g, LATERAL (SELECT h4gen.ho_ten() n, h4gen.dob(1970, 2006) d, random() < 0.7 f, g AS gg) x;

CREATE TABLE factory.ca_lam (id bigint PRIMARY KEY, ma_cn varchar(8), ngay date, ca char(1), gio_vao timestamp, gio_ra timestamp, tang_ca_phut int, may_so varchar(6));
INSERT INTO factory.ca_lam
SELECT g, 'CN' || lpad(h4gen.rint(1, 2200)::text, 5, '0'), x.d, x.ca,
  x.d + CASE x.ca WHEN 'A' THEN time '06:00' WHEN 'B' THEN time '14:00' ELSE time '22:00' END + h4gen.rint(-15, 10) * interval '1 min',
  x.d + CASE x.ca WHEN 'A' THEN time '14:00' WHEN 'B' THEN time '22:00' ELSE time '22:00' + interval '8 hours' END + h4gen.rint(0, 120) * interval '1 min',
  h4gen.pick('{0,0,0,30,60,90,120}')::int, 'M-' || h4gen.rint(1, 80)
FROM generate_series(1, 4000) g, LATERAL (SELECT date '2025-01-01' + h4gen.rint(0, 300) d, h4gen.pick('{A,A,B,C}') ca, g AS gg) x;

CREATE TABLE factory."BadgeAccess" ("LogID" bigint PRIMARY KEY, "BadgeNo" varchar(10), "ReaderID" varchar(8), "Direction" varchar(3),
  "EventTime" timestamp, "FingerprintHash" text, "Zone" varchar(10));
INSERT INTO factory."BadgeAccess"
SELECT g, lpad((10000000 + h4gen.rint(1, 2200) * 13)::text, 8, '0'), 'RD' || h4gen.rint(1, 20), h4gen.pick('{IN,OUT}'),
  timestamp '2025-01-01' + random() * interval '300 days',
  CASE WHEN random() < 0.8 THEN encode(decode(h4gen.hex(96), 'hex'), 'base64') END, h4gen.pick('{GATE1,GATE2,XUONG_A,XUONG_B,KHO}')
FROM generate_series(1, 5000) g;

CREATE TABLE factory.tai_nan_lao_dong (id int PRIMARY KEY, ma_cn varchar(8), ngay_xay_ra date, mo_ta text, chan_doan text,
  so_ngay_nghi int, benh_vien text, boi_thuong numeric(12,0));
INSERT INTO factory.tai_nan_lao_dong
SELECT g, 'CN' || lpad(h4gen.rint(1, 2200)::text, 5, '0'), date '2022-01-01' + h4gen.rint(0, 1200),
  h4gen.pick('{Kim máy may đâm vào ngón tay,Trượt ngã khi lau sàn,Bỏng do bàn ủi hơi,Kẹt tay vào máy cắt,Ngất xỉu do nóng,Vật nặng rơi trúng chân}'),
  h4gen.pick('{Vết thương phần mềm ngón trỏ,Gãy xương cẳng tay phải,Bỏng độ 2 bàn tay,Đứt gân gấp ngón cái,Say nắng mất nước,Dập bàn chân trái}'),
  h4gen.rint(1, 60), h4gen.pick('{BV Đa khoa Bình Dương,BV Chợ Rẫy,Phòng khám Medic,Trạm y tế phường}'), h4gen.rint(0, 40) * 500000
FROM generate_series(1, 35) g;

CREATE TABLE factory.kham_suc_khoe (id int PRIMARY KEY, ma_cn varchar(8), nam_kham int, chieu_cao numeric(4,1), can_nang numeric(4,1),
  huyet_ap varchar(7), nhom_mau varchar(3), ket_luan text, benh_nghe_nghiep text);
INSERT INTO factory.kham_suc_khoe
SELECT g, 'CN' || lpad(h4gen.rint(1, 2200)::text, 5, '0'), h4gen.rint(2020, 2025), round((148 + random() * 30)::numeric, 1), round((40 + random() * 35)::numeric, 1),
  h4gen.rint(95, 160) || '/' || h4gen.rint(60, 100), h4gen.pick('{O+,O+,A+,B+,AB+,O-,A-}'),
  h4gen.pick('{Loại I,Loại II,Loại II,Loại III,Loại IV}'),
  CASE WHEN random() < 0.1 THEN h4gen.pick('{Bệnh bụi phổi bông,Điếc nghề nghiệp do tiếng ồn,Viêm da tiếp xúc}') END
FROM generate_series(1, 1800) g;

CREATE TABLE factory.nguoi_than (id int PRIMARY KEY, ma_cn varchar(8), ho_ten_nguoi_than text, quan_he text, sdt_nguoi_than varchar(20), nam_sinh int);
INSERT INTO factory.nguoi_than
SELECT g, 'CN' || lpad(h4gen.rint(1, 2200)::text, 5, '0'), h4gen.ho_ten(), h4gen.pick('{Bố,Mẹ,Vợ,Chồng,Con,Anh trai,Chị gái,Em}'),
  CASE WHEN random() < 0.9 THEN h4gen.phone(0) END, h4gen.rint(1950, 2015)
FROM generate_series(1, 2000) g;

CREATE TABLE factory.san_pham (sku varchar(10) PRIMARY KEY, ten_sp text, ma_vach char(13), lot_no varchar(12), don_gia numeric(12,0),
  nam_sx int, hash_lo char(32));
INSERT INTO factory.san_pham
SELECT 'SP-' || lpad(g::text, 6, '0'), h4gen.pick('{Áo thun cổ tròn,Áo sơ mi nam,Quần jean nữ,Áo khoác gió,Váy công sở,Quần short kaki}') || ' size ' || h4gen.pick('{S,M,L,XL}'),
  x.b || ((10 - (x.s % 10)) % 10)::text, 'LOT' || h4gen.rint(2020, 2025) || lpad(h4gen.rint(1, 9999)::text, 5, '0'),
  h4gen.rint(5, 90) * 10000, h4gen.rint(2019, 2025), md5('lot' || g)
FROM generate_series(1, 1500) g,
 LATERAL (SELECT b, (SELECT sum(substr(b, i, 1)::int * CASE WHEN i % 2 = 0 THEN 3 ELSE 1 END) FROM generate_series(1, 12) i) s
          FROM (SELECT '893' || h4gen.digits(9) b, g AS gg) y) x;

-- ============================================================ dental (dental clinic chain, desktop app ported from Access)
CREATE SCHEMA dental;
CREATE TABLE dental."BenhNhan" ("BN_ID" int PRIMARY KEY, "HoTen" text, "NgaySinh" timestamp, "GioiTinh" boolean, "DienThoai" varchar(20),
  "DiaChi" text, "Email" text, "SoBHYT" varchar(15), "CCCD" varchar(12), "NgheNghiep" text, "TienSuBenh" text, "DiUngThuoc" text, "AnhDaiDien" text);
INSERT INTO dental."BenhNhan"
SELECT g, x.n, x.d::timestamp, NOT x.f,
  CASE WHEN random() < 0.1 THEN h4gen.fmt_phone(h4gen.landline_digits(), 0) ELSE h4gen.phone() END, h4gen.dia_chi(),
  CASE WHEN random() < 0.4 THEN h4gen.email(x.n) END,
  CASE WHEN random() < 0.6 THEN h4gen.pick('{DN,HC,GD,HS,SV,HT,CN}') || h4gen.rint(1, 4) || h4gen.pick('{79,74,01,48,92}') || h4gen.digits(10) END,
  CASE WHEN x.d < date '2008-01-01' AND random() < 0.7 THEN h4gen.cccd(x.d, x.f) END,
  h4gen.pick('{Nhân viên văn phòng,Học sinh,Sinh viên,Kinh doanh,Giáo viên,Hưu trí,Công nhân,Nội trợ}'),
  CASE WHEN random() < 0.3 THEN h4gen.pick('{Tiểu đường type 2,Cao huyết áp,Viêm gan B,Hen suyễn,Đang mang thai,Rối loạn đông máu,Tim mạch}') END,
  CASE WHEN random() < 0.15 THEN h4gen.pick('{Penicillin,Amoxicillin,Lidocaine,Aspirin,Không rõ}') END,
  CASE WHEN random() < 0.5 THEN 'D:\NhaKhoa\Anh\BN_' || g || '.jpg' END
FROM generate_series(1, 2000) g, LATERAL (SELECT h4gen.ho_ten() n, h4gen.dob(1950, 2018) d, random() < 0.55 f, g AS gg) x;

CREATE TABLE dental.bac_si (id int PRIMARY KEY, ho_ten text, chung_chi_hanh_nghe varchar(20), chuyen_khoa text, sdt_noi_bo varchar(4));
INSERT INTO dental.bac_si
SELECT g, 'BS. ' || h4gen.ho_ten(), lpad(h4gen.rint(1, 9999)::text, 6, '0') || '/' || h4gen.pick('{HCM,BYT,HNO}') || '-CCHN',
  h4gen.pick('{Nha chu,Chỉnh nha,Phục hình,Nội nha,Phẫu thuật hàm mặt}'), (100 + g)::text
FROM generate_series(1, 12) g;

CREATE TABLE dental.lich_hen (id int PRIMARY KEY, bn_id int, bac_si_id int, thoi_gian timestamptz, dich_vu text, ghi_chu text,
  trang_thai varchar(12), kenh_dat varchar(10));
INSERT INTO dental.lich_hen
SELECT g, h4gen.rint(1, 2000), h4gen.rint(1, 12), h4gen.ts('2024-01-01', 650),
  h4gen.pick('{Cạo vôi răng,Nhổ răng khôn,Tẩy trắng răng,Niềng răng mắc cài,Trám răng,Điều trị tủy,Cấy ghép Implant,Khám tổng quát}'),
  CASE WHEN random() < 0.4 THEN h4gen.pick('{Đau răng hàm dưới bên trái,Chảy máu chân răng,Ê buốt khi uống lạnh,Tái khám sau nhổ răng,Khách hẹn lại giờ,Sưng nướu}') END,
  h4gen.pick('{da_den,da_den,da_den,huy,khong_den,cho}'), h4gen.pick('{Zalo,Hotline,Web,Facebook,Walk-in}')
FROM generate_series(1, 3500) g;

CREATE TABLE dental.dieu_tri (id int PRIMARY KEY, lich_hen_id int, rang_so smallint, chan_doan text, phac_do text, xquang_url text,
  chi_phi numeric(12,0), bac_si text);
INSERT INTO dental.dieu_tri
SELECT g, h4gen.rint(1, 3500), (h4gen.rint(1, 4) * 10 + h4gen.rint(1, 8))::smallint,
  h4gen.pick('{Sâu răng độ 2,Viêm tủy không hồi phục,Viêm nha chu,Răng khôn mọc lệch,Mất răng,Sai khớp cắn loại II,Áp xe quanh chóp}'),
  h4gen.pick('{Trám composite,Lấy tủy và trám bít ống tủy,Nhổ răng tiểu phẫu,Cấy Implant Osstem,Niềng răng 18 tháng,Cạo vôi + kháng sinh}'),
  CASE WHEN random() < 0.5 THEN 'https://pacs.nhakhoa.vn/xray/' || md5('x' || g) || '.dcm' END,
  h4gen.rint(2, 400) * 50000, h4gen.ho_ten()
FROM generate_series(1, 3000) g;

CREATE TABLE dental.hoa_don (so_hd varchar(14) PRIMARY KEY, bn_id int, ngay_lap date, tong_tien numeric(12,0), thanh_toan text,
  so_the varchar(19), mst_cong_ty varchar(14), ten_cong_ty text);
INSERT INTO dental.hoa_don
SELECT 'HD' || (2024 + g / 1500) || '-' || lpad(g::text, 6, '0'), h4gen.rint(1, 2000), date '2024-01-01' + h4gen.rint(0, 650),
  h4gen.rint(2, 800) * 50000, x.tt, CASE WHEN x.tt = 'Thẻ' THEN h4gen.card() END,
  CASE WHEN x.co THEN h4gen.pick('{010,030,030,020,040,370,031}') END, NULL
FROM generate_series(1, 3000) g, LATERAL (SELECT h4gen.pick('{Tiền mặt,Chuyển khoản,Chuyển khoản,Thẻ}') tt, random() < 0.25 co, g AS gg) x;
UPDATE dental.hoa_don SET mst_cong_ty = h4gen.mst(mst_cong_ty) || CASE WHEN random() < 0.2 THEN '-00' || h4gen.rint(1, 9) ELSE '' END,
  ten_cong_ty = h4gen.pick('{Công ty TNHH Phần mềm Sao Việt,Công ty CP Thực phẩm Á Châu,Công ty TNHH Logistics Hưng Thịnh,Ngân hàng TMCP Phương Đông - CN Sài Gòn,Công ty CP Dược phẩm Minh Tâm}')
 WHERE mst_cong_ty IS NOT NULL;

-- ============================================================ courier (international parcels, customs)
CREATE SCHEMA courier;
CREATE TABLE courier.shipments (
  awb varchar(13) PRIMARY KEY, sender_name text, sender_phone varchar(20), sender_addr text, receiver_name text, receiver_phone varchar(24),
  receiver_addr text, receiver_country char(2), weight_kg numeric(6,2), declared_value_usd numeric(10,2), content_desc text, hs_code varchar(10),
  created_at timestamptz);
INSERT INTO courier.shipments
SELECT h4gen.pick('{EE,EE,LP,RR,CP}') || lpad((10000000 + g * 2741)::text, 8, '0') || (g % 10)::text || 'VN',
  x.sn, h4gen.phone(h4gen.pick('{0,0,1,3}')::int), h4gen.dia_chi(),
  CASE x.c WHEN 'US' THEN h4gen.pick('{John Nguyen,Tammy Tran,Kevin Pham,Linda Le,David Hoang}')
           WHEN 'KR' THEN h4gen.pick('{Kim Min-jun,Lee Seo-yeon,Park Ji-hoon,Nguyen Thi Lan}')
           WHEN 'JP' THEN h4gen.pick('{Tanaka Hiroshi,Sato Yuki,Tran Van Nam,Suzuki Aiko}')
           ELSE h4gen.ho_ten(2) END,
  CASE x.c WHEN 'US' THEN '+1 ' || h4gen.rint(201, 989) || '-' || h4gen.digits(3) || '-' || h4gen.digits(4)
           WHEN 'KR' THEN '+82 10-' || h4gen.digits(4) || '-' || h4gen.digits(4)
           WHEN 'JP' THEN '+81 90-' || h4gen.digits(4) || '-' || h4gen.digits(4)
           WHEN 'AU' THEN '+61 4' || h4gen.digits(2) || ' ' || h4gen.digits(3) || ' ' || h4gen.digits(3)
           ELSE '+49 151 ' || h4gen.digits(8) END,
  CASE x.c WHEN 'US' THEN h4gen.rint(100, 9999) || ' ' || h4gen.pick('{Bolsa Ave,Brookhurst St,Main St,Westminster Blvd}') || ', ' || h4gen.pick('{Westminster CA 92683,Garden Grove CA 92844,San Jose CA 95122,Houston TX 77072}')
           WHEN 'KR' THEN h4gen.rint(1, 300) || ', ' || h4gen.pick('{Gangnam-daero,Teheran-ro,Sejong-daero}') || ', ' || h4gen.pick('{Gangnam-gu,Jung-gu,Mapo-gu}') || ', Seoul ' || h4gen.digits(5)
           WHEN 'JP' THEN h4gen.pick('{Shinjuku-ku,Minato-ku,Naka-ku}') || ' ' || h4gen.rint(1, 5) || '-' || h4gen.rint(1, 20) || '-' || h4gen.rint(1, 30) || ', ' || h4gen.pick('{Tokyo,Osaka,Nagoya}') || ' ' || h4gen.digits(3) || '-' || h4gen.digits(4)
           WHEN 'AU' THEN h4gen.rint(1, 200) || ' ' || h4gen.pick('{George St,Pitt St,Hopkins Rd}') || ', ' || h4gen.pick('{Cabramatta NSW 2166,Footscray VIC 3011,Sydney NSW 2000}')
           ELSE h4gen.pick('{Hauptstraße,Bahnhofstraße,Lindenallee}') || ' ' || h4gen.rint(1, 120) || ', ' || h4gen.digits(5) || ' ' || h4gen.pick('{Berlin,Leipzig,Hamburg}') END,
  x.c, round((0.2 + random() * 30)::numeric, 2), round((5 + random() * 800)::numeric, 2),
  h4gen.pick('{Quần áo,Mỹ phẩm,Thực phẩm khô,Cà phê,Giày dép,Sách,Đồ lưu niệm,Thuốc bắc,Bánh kẹo}'),
  h4gen.pick('{6109.10,3304.99,0901.21,6403.99,4901.99,2106.90,1905.90,0409.00}'), h4gen.ts('2024-01-01', 650)
FROM generate_series(1, 4000) g, LATERAL (SELECT CASE WHEN random() < 0.5 THEN h4gen.ho_ten() ELSE h4gen.ho_ten(2) END sn,
  h4gen.pick('{US,US,US,KR,JP,AU,DE}') c, g AS gg) x;

CREATE TABLE courier.customs_declarations (so_to_khai varchar(12) PRIMARY KEY, awb varchar(13), importer_id_no varchar(12), importer_tax_code varchar(14),
  ma_hai_quan varchar(4), thue_nk numeric(12,0), ngay_dang_ky date, phan_luong varchar(4));
INSERT INTO courier.customs_declarations
SELECT (105000000000 + g * 104729)::text, h4gen.pick('{EE,LP,RR}') || lpad((20000000 + g * 3001)::text, 8, '0') || (g % 10)::text || 'VN',
  CASE h4gen.rint(0, 4) WHEN 0 THEN h4gen.cmnd() WHEN 1 THEN h4gen.passport() ELSE h4gen.cccd() END,
  CASE WHEN random() < 0.5 THEN h4gen.mst('8') END,
  h4gen.pick('{02IK,02DS,01B1,03CE}'), h4gen.rint(0, 400) * 10000, date '2024-01-01' + h4gen.rint(0, 650), h4gen.pick('{Xanh,Xanh,Xanh,Vàng,Đỏ}')
FROM generate_series(1, 2500) g;

CREATE TABLE courier.tracking_events (id bigint PRIMARY KEY, awb varchar(13), status_code varchar(3), event_time timestamptz, hub varchar(10),
  driver_gps text, signature_img text, received_by text);
INSERT INTO courier.tracking_events
SELECT g, h4gen.pick('{EE,LP,RR,CP}') || lpad((10000000 + h4gen.rint(1, 4000) * 2741)::text, 8, '0') || h4gen.rint(0, 9) || 'VN', x.st,
  h4gen.ts('2024-01-01', 650), h4gen.pick('{SGN-HUB1,SGN-HUB2,HAN-HUB1,DAD-HUB1,LAX-GW,ICN-GW}'),
  CASE WHEN x.st IN ('PU', 'OD', 'DL') THEN round((10.7 + random() * 0.2)::numeric, 6) || ',' || round((106.6 + random() * 0.2)::numeric, 6) END,
  CASE WHEN x.st = 'DL' THEN 'sig/' || to_char(date '2024-01-01' + h4gen.rint(0, 650), 'YYYY/MM/') || md5('sig' || g) || '.png' END,
  CASE WHEN x.st = 'DL' THEN CASE WHEN random() < 0.8 THEN h4gen.ho_ten(2) ELSE h4gen.pick('{Bao ve,Le tan,Hang xom,Nguoi nha}') END END
FROM generate_series(1, 5000) g, LATERAL (SELECT h4gen.pick('{PU,IT,IT,CC,OD,DL}') st, g AS gg) x;

CREATE TABLE courier.rates (zone varchar(3), country_code char(2), min_kg numeric(5,2), max_kg numeric(5,2), price_usd numeric(8,2));
INSERT INTO courier.rates
SELECT 'Z' || (1 + g % 5), h4gen.pick('{US,KR,JP,AU,DE,FR,CA,TW}'), (g / 5) * 5, (g / 5) * 5 + 5, round((8 + random() * 120)::numeric, 2)
FROM generate_series(0, 29) g;

CREATE TABLE courier.api_clients (client_id int PRIMARY KEY, client_name text, api_key char(40), created_at timestamptz);
INSERT INTO courier.api_clients
SELECT g, h4gen.pick('{Shopee Xuyên Biên Giới,Tiki Global,Lazada CB,Hàng Mỹ Xách Tay Shop,Công ty TNHH Vận tải Á Âu}') || ' ' || g, h4gen.hex(40), h4gen.ts('2022-01-01', 900)
FROM generate_series(1, 10) g;

-- later additions by other teams (ALTER TABLE, as real schemas grow)
ALTER TABLE factory.cong_nhan ADD COLUMN bien_so_xe varchar(14);   -- motorbike parking registration
UPDATE factory.cong_nhan SET bien_so_xe = h4gen.plate() WHERE random() < 0.8;
ALTER TABLE courier.customs_declarations ADD COLUMN anh_giay_to text;   -- scan of the ID the importer sent
UPDATE courier.customs_declarations SET anh_giay_to = 'https://kyc.ex-courier.vn/hq/' || so_to_khai || '/' || h4gen.pick('{cccd_truoc,cccd_sau,ho_chieu}') || '.jpg' WHERE random() < 0.6;
ALTER TABLE airline.passengers ADD COLUMN passport_scan_url text;
UPDATE airline.passengers SET passport_scan_url = 's3://vna-apis-docs/' || pnr_code || '/' || pax_id || '_passport.jpg' WHERE random() < 0.4;
ALTER TABLE ticket."MEMBERS" ADD COLUMN "FIELD1" varchar(20);   -- legacy free field, the old system kept the CMND/CCCD here
UPDATE ticket."MEMBERS" SET "FIELD1" = CASE WHEN random() < 0.4 THEN h4gen.cmnd() ELSE h4gen.cccd() END WHERE random() < 0.5;
ALTER TABLE airline.airports ADD COLUMN lat numeric(9,6), ADD COLUMN lng numeric(9,6);
UPDATE airline.airports SET lat = round((10 + random() * 30)::numeric, 6), lng = round((100 + random() * 40)::numeric, 6);

-- ============================================================ labels
-- category: the Decree 356/2025 category a careful DBA would tag the column with (NULL: none);
-- acceptable: other categories equally right; note: why, for the hard cases.
-- relation: schema.table unquoted (the key discover_score.sql joins on).
CREATE TABLE public.discover_labels (relation text, column_name text, category text, acceptable text[], note text,
  PRIMARY KEY (relation, column_name));
INSERT INTO public.discover_labels VALUES
 ('airline.airports', 'iata', NULL, NULL, 'reference data: airport codes'),
 ('airline.airports', 'ten_san_bay', NULL, NULL, 'airport name'),
 ('airline.airports', 'thanh_pho', NULL, NULL, 'city of the airport, not of a person'),
 ('airline.airports', 'country_code', NULL, NULL, 'country of the airport'),
 ('airline.airports', 'utc_offset', NULL, NULL, 'time zone'),
 ('airline.boarding_log', 'id', NULL, NULL, NULL),
 ('airline.boarding_log', 'seg_id', NULL, NULL, NULL),
 ('airline.boarding_log', 'scanned_at', NULL, NULL, 'boarding scan time'),
 ('airline.boarding_log', 'gate', NULL, NULL, 'gate number'),
 ('airline.boarding_log', 'device_id', NULL, NULL, 'kiosk identifier'),
 ('airline.boarding_log', 'result', NULL, NULL, 'status code'),
 ('airline.boarding_log', 'face_match_score', NULL, '{biometric_data}', 'similarity score of a face match: derived from biometrics but not biometric data itself'),
 ('airline.boarding_log', 'face_template', 'biometric_data', NULL, 'face template bytes of the biometric boarding gate (bytea, random-looking)'),
 ('airline.bookings', 'booking_id', NULL, NULL, '9-digit integer booking id (look-alike of an old 9-digit ID number, but integer and sequential)'),
 ('airline.bookings', 'pnr', NULL, NULL, '6-character record locator'),
 ('airline.bookings', 'booking_date', NULL, NULL, NULL),
 ('airline.bookings', 'sales_channel', NULL, NULL, 'status-like code'),
 ('airline.bookings', 'total_amount', NULL, NULL, 'amount'),
 ('airline.bookings', 'currency', NULL, NULL, NULL),
 ('airline.bookings', 'payment_status', NULL, NULL, 'status code'),
 ('airline.bookings', 'agent_code', NULL, NULL, 'travel agent code AG + 4 digits'),
 ('airline.bookings', 'contact_sdt', 'phone_number', NULL, 'contact phone, 0xxx.xxx.xxx'),
 ('airline.bookings', 'ticket_number', NULL, NULL, '13-digit e-ticket number 738 + 10 digits (look-alike of a 13-digit tax code / card number)'),
 ('airline.bookings', 'fare_basis', NULL, NULL, 'fare code'),
 ('airline.bookings', 'email_lien_he', 'email_address', NULL, 'contact e-mail (Vietnamese name: email liên hệ)'),
 ('airline.crew_roster', 'crew_id', NULL, NULL, 'empty table'),
 ('airline.crew_roster', 'employee_no', NULL, NULL, 'employee number, empty table'),
 ('airline.crew_roster', 'ho_ten', 'full_name', NULL, 'empty table: only the name can tell'),
 ('airline.crew_roster', 'license_no', 'identity_number', '{other_identifying}', 'pilot/crew licence number, empty table; a licence issued to a person (like a driving licence)'),
 ('airline.crew_roster', 'base', NULL, NULL, 'home base airport'),
 ('airline.crew_roster', 'medical_class_expiry', NULL, '{health_record}', 'expiry of the aviation medical certificate, empty table; reveals little about health'),
 ('airline.frequent_flyers', 'ff_number', 'other_identifying', '{digital_account}', '9-digit loyalty membership number (starts with 9: look-alike of an old 9-digit ID number); identifies the member''s account'),
 ('airline.frequent_flyers', 'tier', NULL, NULL, 'membership tier'),
 ('airline.frequent_flyers', 'miles_balance', NULL, NULL, 'points balance'),
 ('airline.frequent_flyers', 'enroll_date', NULL, NULL, 'date of enrolment, not of birth'),
 ('airline.frequent_flyers', 'member_name', 'full_name', NULL, 'half with diacritics, half upper case without'),
 ('airline.frequent_flyers', 'ngay_sinh', 'date_of_birth', NULL, NULL),
 ('airline.frequent_flyers', 'gioi_tinh', 'gender', NULL, 'Nam/Nữ'),
 ('airline.frequent_flyers', 'dia_chi', 'address', NULL, NULL),
 ('airline.frequent_flyers', 'so_dt', 'phone_number', NULL, 'mixed formats'),
 ('airline.frequent_flyers', 'email', 'email_address', NULL, NULL),
 ('airline.frequent_flyers', 'mat_khau_hash', 'account_credentials', NULL, 'bcrypt password hash of the member login'),
 ('airline.frequent_flyers', 'last_login_ip', 'online_activity', '{digital_account,other_identifying}', 'inet of the last login'),
 ('airline.passengers', 'pax_id', NULL, NULL, NULL),
 ('airline.passengers', 'pnr_code', NULL, NULL, 'record locator'),
 ('airline.passengers', 'title', 'gender', '{marital_status}', 'MR/MRS/MS/MSTR: reveals gender (and MRS/MS marital status); hard case'),
 ('airline.passengers', 'last_name', 'full_name', NULL, 'family name, upper case without diacritics (airline style)'),
 ('airline.passengers', 'first_name', 'full_name', NULL, 'middle + given name, upper case without diacritics'),
 ('airline.passengers', 'full_name_vn', 'full_name', NULL, 'with diacritics; NULL for foreigners'),
 ('airline.passengers', 'dob', 'date_of_birth', NULL, NULL),
 ('airline.passengers', 'nationality', 'nationality', NULL, 'ISO 3166 two-letter codes'),
 ('airline.passengers', 'passport_no', 'identity_number', NULL, 'Vietnamese C/N/B/P + 7 digits, foreign formats too'),
 ('airline.passengers', 'passport_expiry', NULL, '{identity_number}', 'expiry date of the passport: document data, not a date of birth'),
 ('airline.passengers', 'contact_phone', 'phone_number', NULL, '+84 and spaced formats'),
 ('airline.passengers', 'contact_email', 'email_address', NULL, NULL),
 ('airline.passengers', 'ssr_code', 'health_record', '{political_religious_views}', 'special service requests: WCHR wheelchair, DBML diabetic meal, BLND/DEAF, MAAS; MOML (Muslim meal) reveals religion; 88 % NULL; hard case'),
 ('airline.passengers', 'created_at', NULL, NULL, NULL),
 ('airline.segments', 'seg_id', NULL, NULL, NULL),
 ('airline.segments', 'booking_id', NULL, NULL, NULL),
 ('airline.segments', 'flight_no', NULL, NULL, NULL),
 ('airline.segments', 'dep_airport', NULL, NULL, NULL),
 ('airline.segments', 'arr_airport', NULL, NULL, NULL),
 ('airline.segments', 'dep_date', NULL, NULL, 'flight date, not a birth date'),
 ('airline.segments', 'std', NULL, NULL, 'scheduled departure time'),
 ('airline.segments', 'cabin', NULL, NULL, NULL),
 ('airline.segments', 'seat_no', NULL, NULL, NULL),
 ('airline.segments', 'boarding_seq', NULL, NULL, NULL),
 ('airline.segments', 'bag_tag', NULL, NULL, '10-digit bag tag 0738xxxxxx (look-alike of a mobile number, but 073 is no mobile prefix)'),
 ('airline.segments', 'checked_bags', NULL, NULL, NULL),
 ('airline.segments', 'gate', NULL, NULL, NULL),
 ('courier.api_clients', 'client_id', NULL, NULL, NULL),
 ('courier.api_clients', 'client_name', NULL, NULL, 'business clients (companies)'),
 ('courier.api_clients', 'api_key', NULL, '{account_credentials}', 'API key of a business client, not of a person; 40 hex characters'),
 ('courier.api_clients', 'created_at', NULL, NULL, NULL),
 ('courier.customs_declarations', 'so_to_khai', NULL, NULL, '12-digit customs declaration number starting 105 (look-alike of a 12-digit ID number; 105 is no province code)'),
 ('courier.customs_declarations', 'awb', NULL, NULL, NULL),
 ('courier.customs_declarations', 'importer_id_no', 'identity_number', NULL, 'CCCD, CMND or passport of the private importer'),
 ('courier.customs_declarations', 'importer_tax_code', 'tax_insurance_number', NULL, 'personal tax code (10 digits with check digit), half NULL'),
 ('courier.customs_declarations', 'ma_hai_quan', NULL, NULL, 'customs office code'),
 ('courier.customs_declarations', 'thue_nk', NULL, NULL, 'import duty amount'),
 ('courier.customs_declarations', 'ngay_dang_ky', NULL, NULL, 'registration date of the declaration'),
 ('courier.customs_declarations', 'phan_luong', NULL, NULL, 'green/yellow/red channel'),
 ('courier.rates', 'zone', NULL, NULL, NULL),
 ('courier.rates', 'country_code', NULL, NULL, NULL),
 ('courier.rates', 'min_kg', NULL, NULL, NULL),
 ('courier.rates', 'max_kg', NULL, NULL, NULL),
 ('courier.rates', 'price_usd', NULL, NULL, NULL),
 ('courier.shipments', 'awb', NULL, NULL, 'UPU S10 item id EE123456785VN (two letters, digits, VN: look-alike of a passport number)'),
 ('courier.shipments', 'sender_name', 'full_name', NULL, 'with or without diacritics'),
 ('courier.shipments', 'sender_phone', 'phone_number', NULL, NULL),
 ('courier.shipments', 'sender_addr', 'address', NULL, NULL),
 ('courier.shipments', 'receiver_name', 'full_name', NULL, 'foreign and Vietnamese names (Kim Min-jun, John Nguyen, ...)'),
 ('courier.shipments', 'receiver_phone', 'phone_number', NULL, 'foreign numbers (+1, +82, +81, +61, +49): a phone number, but not of the Vietnamese plan'),
 ('courier.shipments', 'receiver_addr', 'address', NULL, 'foreign addresses (US, Korea, Japan, Australia, Germany)'),
 ('courier.shipments', 'receiver_country', NULL, '{address}', 'destination country code, not a nationality'),
 ('courier.shipments', 'weight_kg', NULL, NULL, NULL),
 ('courier.shipments', 'declared_value_usd', NULL, NULL, NULL),
 ('courier.shipments', 'content_desc', NULL, NULL, 'goods description'),
 ('courier.shipments', 'hs_code', NULL, NULL, 'tariff code 6109.10'),
 ('courier.shipments', 'created_at', NULL, NULL, NULL),
 ('courier.tracking_events', 'id', NULL, NULL, NULL),
 ('courier.tracking_events', 'awb', NULL, NULL, NULL),
 ('courier.tracking_events', 'status_code', NULL, NULL, NULL),
 ('courier.tracking_events', 'event_time', NULL, NULL, NULL),
 ('courier.tracking_events', 'hub', NULL, NULL, NULL),
 ('courier.tracking_events', 'driver_gps', 'location_data', NULL, '''lat,lng'' text from the courier''s phone GPS at pick-up/delivery (the driver''s location)'),
 ('courier.tracking_events', 'signature_img', 'personal_image', '{biometric_data,other_identifying}', 'path of the recipient''s signature image'),
 ('courier.tracking_events', 'received_by', 'full_name', '{other_identifying}', 'name of who signed, without diacritics; sometimes a role (Bao ve, Le tan)'),
 ('dental.BenhNhan', 'BN_ID', NULL, NULL, NULL),
 ('dental.BenhNhan', 'HoTen', 'full_name', NULL, 'PascalCase Vietnamese name (họ tên)'),
 ('dental.BenhNhan', 'NgaySinh', 'date_of_birth', NULL, 'timestamp at midnight'),
 ('dental.BenhNhan', 'GioiTinh', 'gender', NULL, 'boolean (true = Nam)'),
 ('dental.BenhNhan', 'DienThoai', 'phone_number', NULL, 'mobile and landline (028 + 8 digits, 02xx + 7 digits)'),
 ('dental.BenhNhan', 'DiaChi', 'address', NULL, NULL),
 ('dental.BenhNhan', 'Email', 'email_address', NULL, NULL),
 ('dental.BenhNhan', 'SoBHYT', 'tax_insurance_number', NULL, 'health insurance card number, 15 characters (DN4790123456789)'),
 ('dental.BenhNhan', 'CCCD', 'identity_number', NULL, '12-digit personal identification number, only for adults'),
 ('dental.BenhNhan', 'NgheNghiep', NULL, '{other_identifying}', 'occupation: no Decree 356 category names it'),
 ('dental.BenhNhan', 'TienSuBenh', 'health_record', NULL, 'medical history'),
 ('dental.BenhNhan', 'DiUngThuoc', 'health_record', NULL, 'drug allergies'),
 ('dental.BenhNhan', 'AnhDaiDien', 'personal_image', NULL, 'Windows path of the patient photo'),
 ('dental.bac_si', 'id', NULL, NULL, NULL),
 ('dental.bac_si', 'ho_ten', 'full_name', NULL, 'dentists (staff) with ''BS. '' prefix; 12 rows'),
 ('dental.bac_si', 'chung_chi_hanh_nghe', 'other_identifying', '{identity_number}', 'practice licence number 000123/HCM-CCHN issued to the dentist'),
 ('dental.bac_si', 'chuyen_khoa', NULL, NULL, 'speciality'),
 ('dental.bac_si', 'sdt_noi_bo', NULL, NULL, '3-digit internal extension, not a phone number of a person'),
 ('dental.dieu_tri', 'id', NULL, NULL, NULL),
 ('dental.dieu_tri', 'lich_hen_id', NULL, NULL, NULL),
 ('dental.dieu_tri', 'rang_so', NULL, '{health_record}', 'FDI tooth number: meaningful only with the diagnosis'),
 ('dental.dieu_tri', 'chan_doan', 'health_record', NULL, 'diagnosis'),
 ('dental.dieu_tri', 'phac_do', 'health_record', NULL, 'treatment plan'),
 ('dental.dieu_tri', 'xquang_url', 'health_record', '{personal_image}', 'X-ray image URL'),
 ('dental.dieu_tri', 'chi_phi', NULL, NULL, 'cost'),
 ('dental.dieu_tri', 'bac_si', 'full_name', NULL, 'dentist name (staff), column name says doctor, values are names'),
 ('dental.hoa_don', 'so_hd', NULL, NULL, 'invoice number HD2024-000123'),
 ('dental.hoa_don', 'bn_id', NULL, NULL, NULL),
 ('dental.hoa_don', 'ngay_lap', NULL, NULL, 'invoice date'),
 ('dental.hoa_don', 'tong_tien', NULL, NULL, NULL),
 ('dental.hoa_don', 'thanh_toan', NULL, NULL, 'payment method'),
 ('dental.hoa_don', 'so_the', 'banking_customer_info', NULL, 'card number (Luhn), only for card payments'),
 ('dental.hoa_don', 'mst_cong_ty', NULL, NULL, 'tax codes of companies asking for a VAT invoice (10 digits with check digit, some -00N branch suffix): enterprises, not persons; hard look-alike'),
 ('dental.hoa_don', 'ten_cong_ty', NULL, NULL, 'company name'),
 ('dental.lich_hen', 'id', NULL, NULL, NULL),
 ('dental.lich_hen', 'bn_id', NULL, NULL, NULL),
 ('dental.lich_hen', 'bac_si_id', NULL, NULL, NULL),
 ('dental.lich_hen', 'thoi_gian', NULL, NULL, 'appointment time'),
 ('dental.lich_hen', 'dich_vu', 'health_record', NULL, 'dental service booked (extraction, root canal, implant): reveals treatment'),
 ('dental.lich_hen', 'ghi_chu', 'health_record', NULL, 'symptoms in free text'),
 ('dental.lich_hen', 'trang_thai', NULL, NULL, NULL),
 ('dental.lich_hen', 'kenh_dat', NULL, NULL, 'booking channel'),
 ('factory.BadgeAccess', 'LogID', NULL, NULL, NULL),
 ('factory.BadgeAccess', 'BadgeNo', NULL, '{other_identifying}', '8-digit badge number (like an employee code)'),
 ('factory.BadgeAccess', 'ReaderID', NULL, NULL, NULL),
 ('factory.BadgeAccess', 'Direction', NULL, NULL, NULL),
 ('factory.BadgeAccess', 'EventTime', NULL, NULL, NULL),
 ('factory.BadgeAccess', 'FingerprintHash', 'biometric_data', NULL, 'base64 fingerprint template despite the name ''Hash'''),
 ('factory.BadgeAccess', 'Zone', NULL, NULL, NULL),
 ('factory.ca_lam', 'id', NULL, NULL, NULL),
 ('factory.ca_lam', 'ma_cn', NULL, NULL, 'worker code CN00123'),
 ('factory.ca_lam', 'ngay', NULL, NULL, 'shift date'),
 ('factory.ca_lam', 'ca', NULL, NULL, 'shift A/B/C'),
 ('factory.ca_lam', 'gio_vao', NULL, NULL, 'clock-in time'),
 ('factory.ca_lam', 'gio_ra', NULL, NULL, 'clock-out time'),
 ('factory.ca_lam', 'tang_ca_phut', NULL, NULL, 'overtime minutes'),
 ('factory.ca_lam', 'may_so', NULL, NULL, 'machine number'),
 ('factory.cong_nhan', 'ma_cn', NULL, NULL, 'worker code'),
 ('factory.cong_nhan', 'ho_va_ten', 'full_name', NULL, NULL),
 ('factory.cong_nhan', 'ngay_sinh', 'date_of_birth', NULL, NULL),
 ('factory.cong_nhan', 'gioi_tinh', 'gender', NULL, NULL),
 ('factory.cong_nhan', 'so_cccd', 'identity_number', NULL, NULL),
 ('factory.cong_nhan', 'ngay_cap_cccd', NULL, '{identity_number}', 'issue date of the ID card: document data'),
 ('factory.cong_nhan', 'noi_cap', NULL, NULL, 'issuing authority (a handful of agency names)'),
 ('factory.cong_nhan', 'que_quan', 'address', NULL, 'hometown (province names only): listed in Art. 3(d)'),
 ('factory.cong_nhan', 'dia_chi_thuong_tru', 'address', NULL, 'permanent residence'),
 ('factory.cong_nhan', 'dia_chi_tam_tru', 'address', NULL, 'temporary residence (boarding house), 30 % NULL'),
 ('factory.cong_nhan', 'dan_toc', 'racial_ethnic_origin', NULL, 'ethnic group'),
 ('factory.cong_nhan', 'ton_giao', 'political_religious_views', NULL, 'religion'),
 ('factory.cong_nhan', 'tinh_trang_hon_nhan', 'marital_status', NULL, NULL),
 ('factory.cong_nhan', 'so_bhxh', 'tax_insurance_number', NULL, '10-digit social insurance number'),
 ('factory.cong_nhan', 'ma_so_thue', 'tax_insurance_number', NULL, 'personal tax code: 10 digits with check digit or the 12-digit CCCD (personal tax code since 2025)'),
 ('factory.cong_nhan', 'sdt', 'phone_number', NULL, NULL),
 ('factory.cong_nhan', 'so_tk_ngan_hang', 'banking_customer_info', NULL, 'salary bank account number; some are mobile numbers used as account numbers'),
 ('factory.cong_nhan', 'ngan_hang', NULL, '{banking_customer_info}', 'bank name only'),
 ('factory.cong_nhan', 'to_san_xuat', NULL, NULL, 'production team'),
 ('factory.cong_nhan', 'ngay_vao_lam', NULL, NULL, 'hire date'),
 ('factory.cong_nhan', 'luong_co_ban', NULL, '{private_life,other_sensitive}', 'base salary: no Decree 356 category fits; not expected from discovery'),
 ('factory.kham_suc_khoe', 'id', NULL, NULL, NULL),
 ('factory.kham_suc_khoe', 'ma_cn', NULL, NULL, NULL),
 ('factory.kham_suc_khoe', 'nam_kham', NULL, NULL, 'year of the check-up (int year look-alike)'),
 ('factory.kham_suc_khoe', 'chieu_cao', 'health_record', NULL, 'height measured at the medical check-up'),
 ('factory.kham_suc_khoe', 'can_nang', 'health_record', NULL, 'weight measured at the medical check-up'),
 ('factory.kham_suc_khoe', 'huyet_ap', 'health_record', NULL, 'blood pressure'),
 ('factory.kham_suc_khoe', 'nhom_mau', 'health_record', NULL, 'blood group'),
 ('factory.kham_suc_khoe', 'ket_luan', 'health_record', NULL, 'health classification Loại I-IV'),
 ('factory.kham_suc_khoe', 'benh_nghe_nghiep', 'health_record', NULL, 'occupational disease, 90 % NULL'),
 ('factory.nguoi_than', 'id', NULL, NULL, NULL),
 ('factory.nguoi_than', 'ma_cn', NULL, NULL, NULL),
 ('factory.nguoi_than', 'ho_ten_nguoi_than', 'full_name', '{family_relationship}', 'name of the relative'),
 ('factory.nguoi_than', 'quan_he', 'family_relationship', NULL, 'Bố/Mẹ/Vợ/Chồng/Con'),
 ('factory.nguoi_than', 'sdt_nguoi_than', 'phone_number', NULL, NULL),
 ('factory.nguoi_than', 'nam_sinh', 'date_of_birth', NULL, 'year of birth of the relative as an integer; hard case'),
 ('factory.san_pham', 'sku', NULL, NULL, NULL),
 ('factory.san_pham', 'ten_sp', NULL, NULL, 'product name'),
 ('factory.san_pham', 'ma_vach', NULL, NULL, 'EAN-13 barcode 893... (13 digits, look-alike of a tax code with branch / card number)'),
 ('factory.san_pham', 'lot_no', NULL, NULL, NULL),
 ('factory.san_pham', 'don_gia', NULL, NULL, NULL),
 ('factory.san_pham', 'nam_sx', NULL, NULL, 'production year'),
 ('factory.san_pham', 'hash_lo', NULL, NULL, 'md5 of the lot (hash look-alike of a password hash)'),
 ('factory.tai_nan_lao_dong', 'id', NULL, NULL, '35 rows'),
 ('factory.tai_nan_lao_dong', 'ma_cn', NULL, NULL, NULL),
 ('factory.tai_nan_lao_dong', 'ngay_xay_ra', NULL, NULL, 'date of the accident'),
 ('factory.tai_nan_lao_dong', 'mo_ta', 'health_record', NULL, 'how the worker was injured'),
 ('factory.tai_nan_lao_dong', 'chan_doan', 'health_record', NULL, 'injury diagnosis'),
 ('factory.tai_nan_lao_dong', 'so_ngay_nghi', NULL, '{health_record}', 'days off after the injury'),
 ('factory.tai_nan_lao_dong', 'benh_vien', NULL, '{health_record}', 'hospital name'),
 ('factory.tai_nan_lao_dong', 'boi_thuong', NULL, NULL, 'compensation amount'),
 ('social.devices', 'device_id', NULL, NULL, NULL),
 ('social.devices', 'uid', NULL, NULL, NULL),
 ('social.devices', 'push_token', 'other_identifying', '{digital_account,online_activity}', 'push notification token: identifies the person''s device'),
 ('social.devices', 'os', NULL, NULL, NULL),
 ('social.devices', 'app_version', NULL, NULL, NULL),
 ('social.devices', 'ip_addr', 'online_activity', '{digital_account,other_identifying}', 'IP address as text'),
 ('social.devices', 'last_seen', NULL, '{online_activity}', 'last activity time'),
 ('social.devices', 'imei', 'other_identifying', NULL, '15-digit IMEI with Luhn check digit: a device identifier, not a card number; hard look-alike'),
 ('social.login_sessions', 'session_id', NULL, '{account_credentials,online_activity}', 'session id, md5 hex'),
 ('social.login_sessions', 'uid', NULL, NULL, NULL),
 ('social.login_sessions', 'login_at', NULL, '{online_activity}', 'login time'),
 ('social.login_sessions', 'ip', 'online_activity', '{digital_account,other_identifying}', 'inet of the login'),
 ('social.login_sessions', 'user_agent', NULL, '{online_activity}', 'app/browser user agent (device model)'),
 ('social.login_sessions', 'otp_code', 'account_credentials', NULL, 'one-time login code, 6 digits'),
 ('social.login_sessions', 'refresh_token_hash', 'account_credentials', NULL, 'sha256 hex of the refresh token'),
 ('social.matches', 'match_id', NULL, NULL, NULL),
 ('social.matches', 'user_a', NULL, '{online_activity,sex_life_orientation}', 'who matched whom on a dating app'),
 ('social.matches', 'user_b', NULL, '{online_activity,sex_life_orientation}', 'who matched whom on a dating app'),
 ('social.matches', 'matched_at', NULL, '{online_activity}', NULL),
 ('social.matches', 'unmatched_at', NULL, '{online_activity}', NULL),
 ('social.matches', 'score', NULL, NULL, 'match score'),
 ('social.matches', 'source', NULL, '{online_activity}', 'swipe/boost'),
 ('social.messages', 'msg_id', NULL, NULL, NULL),
 ('social.messages', 'conversation_id', NULL, NULL, NULL),
 ('social.messages', 'sender_uid', NULL, NULL, NULL),
 ('social.messages', 'body', 'online_activity', '{private_life}', 'private chat messages (some contain a phone number)'),
 ('social.messages', 'sent_at', NULL, '{online_activity}', NULL),
 ('social.messages', 'read_at', NULL, '{online_activity}', NULL),
 ('social.messages', 'attachment_url', 'online_activity', '{personal_image,private_life}', 'images sent in chats, 93 % NULL'),
 ('social.messages', 'is_deleted', NULL, NULL, NULL),
 ('social.profiles', 'uid', NULL, NULL, NULL),
 ('social.profiles', 'handle', 'digital_account', '{other_identifying}', '@handle of the account'),
 ('social.profiles', 'displayName', 'digital_account', '{full_name,other_identifying}', 'nickname or given name + birth year (camelCase)'),
 ('social.profiles', 'real_name', 'full_name', NULL, '30 % NULL'),
 ('social.profiles', 'dob', 'date_of_birth', NULL, NULL),
 ('social.profiles', 'gioiTinh', 'gender', NULL, 'male/female/nonbinary'),
 ('social.profiles', 'xuHuongTinhDuc', 'sex_life_orientation', NULL, 'sexual orientation (xu hướng tính dục)'),
 ('social.profiles', 'bio', 'private_life', '{online_activity,other_identifying}', 'self-description on a dating profile'),
 ('social.profiles', 'height_cm', NULL, NULL, 'height: a physical trait, no category'),
 ('social.profiles', 'religion', 'political_religious_views', NULL, NULL),
 ('social.profiles', 'ethnicity', 'racial_ethnic_origin', NULL, NULL),
 ('social.profiles', 'avatar_url', 'personal_image', NULL, NULL),
 ('social.profiles', 'last_lat', 'location_data', NULL, 'last GPS latitude of the user (double precision)'),
 ('social.profiles', 'last_lng', 'location_data', NULL, 'last GPS longitude of the user'),
 ('social.profiles', 'phone_verified', NULL, NULL, 'boolean flag'),
 ('social.profiles', 'phone', 'phone_number', NULL, '+84 format'),
 ('social.profiles', 'created_at', NULL, NULL, NULL),
 ('social.reports', 'report_id', NULL, NULL, '45 rows'),
 ('social.reports', 'reporter_uid', NULL, NULL, NULL),
 ('social.reports', 'reported_uid', NULL, NULL, NULL),
 ('social.reports', 'reason_code', NULL, '{online_activity}', 'SPAM/HARASS/...'),
 ('social.reports', 'chi_tiet', NULL, '{online_activity,private_life,criminal_record}', 'report details about a user''s conduct'),
 ('social.reports', 'trang_thai', NULL, NULL, NULL),
 ('social.reports', 'xu_ly_boi', NULL, '{digital_account}', 'moderator login of the staff member who handled the report'),
 ('ticket.MEMBERS', 'MEMBER_ID', NULL, NULL, NULL),
 ('ticket.MEMBERS', 'USERNAME', 'digital_account', '{account_credentials}', 'login name of the member account'),
 ('ticket.MEMBERS', 'PASSWORD_MD5', 'account_credentials', NULL, 'md5 password hash (legacy)'),
 ('ticket.MEMBERS', 'FULLNAME', 'full_name', NULL, 'upper case without diacritics'),
 ('ticket.MEMBERS', 'BIRTHDAY', 'date_of_birth', NULL, 'varchar dd/mm/yyyy'),
 ('ticket.MEMBERS', 'SEX', 'gender', NULL, 'smallint 0/1'),
 ('ticket.MEMBERS', 'MOBILE', 'phone_number', NULL, 'bigint: the leading 0 is lost (912345678); hard case'),
 ('ticket.MEMBERS', 'EMAIL', 'email_address', NULL, NULL),
 ('ticket.MEMBERS', 'CITY', 'address', NULL, 'city of residence only'),
 ('ticket.MEMBERS', 'POINTS', NULL, NULL, NULL),
 ('ticket.MEMBERS', 'CREATED_DATE', NULL, NULL, NULL),
 ('ticket.MEMBERS', 'STATUS', NULL, NULL, NULL),
 ('ticket.movies', 'id', NULL, NULL, NULL),
 ('ticket.movies', 'title', NULL, NULL, NULL),
 ('ticket.movies', 'director', NULL, '{full_name}', 'film directors: public figures, catalogue data'),
 ('ticket.movies', 'duration_min', NULL, NULL, NULL),
 ('ticket.movies', 'rating', NULL, NULL, 'age rating'),
 ('ticket.movies', 'release_year', NULL, NULL, NULL),
 ('ticket.orders', 'orderId', NULL, NULL, NULL),
 ('ticket.orders', 'orderCode', NULL, NULL, '10-digit order codes starting 09 (look exactly like mobile numbers 09x); the name says order; hard look-alike'),
 ('ticket.orders', 'memberId', NULL, NULL, NULL),
 ('ticket.orders', 'showtimeId', NULL, NULL, NULL),
 ('ticket.orders', 'seatCount', NULL, NULL, NULL),
 ('ticket.orders', 'totalAmount', NULL, NULL, NULL),
 ('ticket.orders', 'paymentMethod', NULL, NULL, NULL),
 ('ticket.orders', 'cardLast4', NULL, '{banking_customer_info}', 'last 4 digits of the card only'),
 ('ticket.orders', 'buyerPhone', 'phone_number', NULL, 'camelCase'),
 ('ticket.orders', 'buyerEmail', 'email_address', NULL, NULL),
 ('ticket.orders', 'createdAt', NULL, NULL, NULL),
 ('ticket.orders', 'voucherCode', NULL, NULL, NULL),
 ('ticket.payments', 'txn_id', NULL, NULL, NULL),
 ('ticket.payments', 'order_id', NULL, NULL, NULL),
 ('ticket.payments', 'bank_txn_ref', NULL, NULL, '12-digit bank reference starting 0 (look-alike of a 12-digit ID number: province-like prefix); hard look-alike'),
 ('ticket.payments', 'amount', NULL, NULL, NULL),
 ('ticket.payments', 'status', NULL, NULL, NULL),
 ('ticket.payments', 'paid_at', NULL, NULL, NULL),
 ('ticket.payments', 'card_number_masked', 'banking_customer_info', NULL, 'first 6 and last 4 digits of the card (411111******1111)'),
 ('ticket.payments', 'payer_account_no', 'banking_customer_info', NULL, 'payer''s bank account number, a third of the rows'),
 ('ticket.promo_codes', 'code', NULL, NULL, '30 rows'),
 ('ticket.promo_codes', 'discount_pct', NULL, NULL, NULL),
 ('ticket.promo_codes', 'valid_from', NULL, NULL, NULL),
 ('ticket.promo_codes', 'valid_to', NULL, NULL, NULL),
 ('ticket.promo_codes', 'max_uses', NULL, NULL, NULL),
 ('ticket.showtimes', 'id', NULL, NULL, NULL),
 ('ticket.showtimes', 'movie_id', NULL, NULL, NULL),
 ('ticket.showtimes', 'room', NULL, NULL, NULL),
 ('ticket.showtimes', 'start_time', NULL, NULL, NULL),
 ('ticket.showtimes', 'price_base', NULL, NULL, NULL),
 ('ticket.showtimes', 'format', NULL, NULL, NULL),
 ('ticket.showtimes', 'language', NULL, NULL, NULL),
 ('factory.cong_nhan', 'bien_so_xe', 'vehicle_plate', NULL, 'motorbike/car plates 59-B1 234.56, 51G-123.45, 20 % NULL'),
 ('courier.customs_declarations', 'anh_giay_to', 'identity_document_image', NULL, 'URL of the scan of the importer''s ID card/passport'),
 ('airline.passengers', 'passport_scan_url', 'identity_document_image', NULL, 's3 path of the passport scan (APIS)'),
 ('ticket.MEMBERS', 'FIELD1', 'identity_number', NULL, 'uninformative legacy name; holds CMND (9 digits) or CCCD (12 digits), half NULL; hard case'),
 ('airline.airports', 'lat', NULL, NULL, 'airport latitude: a place, not a person (20 rows)'),
 ('airline.airports', 'lng', NULL, NULL, 'airport longitude');
-- every column of the six schemas is labelled, every label names a column and a known category
DO $$
DECLARE n int;
BEGIN
  SELECT count(*) INTO n FROM information_schema.columns c
   WHERE c.table_schema IN ('airline', 'ticket', 'social', 'factory', 'dental', 'courier')
     AND NOT EXISTS (SELECT 1 FROM public.discover_labels l
                      WHERE l.relation = format('%s.%s', c.table_schema, c.table_name) AND l.column_name = c.column_name);
  IF n > 0 THEN RAISE EXCEPTION '% columns without a label', n; END IF;
  SELECT count(*) INTO n FROM public.discover_labels l
   WHERE NOT EXISTS (SELECT 1 FROM information_schema.columns c
                      WHERE l.relation = format('%s.%s', c.table_schema, c.table_name) AND l.column_name = c.column_name);
  IF n > 0 THEN RAISE EXCEPTION '% labels without a column', n; END IF;
  SELECT count(*) INTO n FROM public.discover_labels l, unnest(l.category || coalesce(l.acceptable, '{}')) x(cat)
   WHERE x.cat NOT IN ('full_name','date_of_birth','gender','address','nationality','personal_image','phone_number',
     'identity_number','vehicle_plate','marital_status','family_relationship','digital_account','email_address',
     'tax_insurance_number','other_identifying','racial_ethnic_origin','political_religious_views','private_life',
     'health_record','biometric_data','genetic_data','sex_life_orientation','criminal_record','location_data',
     'account_credentials','identity_document_image','banking_customer_info','online_activity','other_sensitive');
  IF n > 0 THEN RAISE EXCEPTION '% labels with an unknown category', n; END IF;
END $$;

DROP SCHEMA h4gen CASCADE;
ANALYZE;

