-- Second hold-out labelled database for pdp.discover() (issue 15, part 2).
-- Built without looking at the recognizers or at the first two labelled
-- sets; nobody tuned discovery on it before its first measured run.
-- Domains: a consumer-finance lender (lending), a ward office / e-government
-- (gov), a hotel and travel company (travel), ride-hailing (ride), an
-- e-learning platform (learn), a bank's CRM (bankcrm) and a gym (gym).
-- Every column is labelled in public.discover_labels with the Decree 356
-- category a careful DBA adopting pdp would tag it with (NULL: would not
-- tag), other equally right categories (acceptable) and a note.
-- All data is generated here (setseed; no real people).  Plain SQL, UTF-8.
-- 38 tables (one empty, five with fewer than 50 rows), 359 columns, 169 of
-- them labelled personal.  Load: psql -v ON_ERROR_STOP=1 -f (about 5 s).
-- Run: DISCOVER_DATA=discover_holdout2.sql tests/bench/discover.sh
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS lending, gov, travel, ride, learn, bankcrm, gym CASCADE;
DROP TABLE IF EXISTS public.discover_labels;
SELECT setseed(0.356);

-- generators (session-local)
CREATE FUNCTION pg_temp.pick(a text[]) RETURNS text LANGUAGE sql VOLATILE
  AS $$ SELECT a[1 + floor(random() * cardinality(a))::int] $$;
CREATE FUNCTION pg_temp.dig(n int) RETURNS text LANGUAGE sql VOLATILE
  AS $$ SELECT string_agg(floor(random() * 10)::int::text, '') FROM generate_series(1, n) $$;
CREATE FUNCTION pg_temp.unacc(s text) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT translate(s,
  'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ',
  'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydAAAAAAAAAAAAAAAAAEEEEEEEEEEEIIIIIOOOOOOOOOOOOOOOOOUUUUUUUUUUUYYYYYD') $$;
CREATE FUNCTION pg_temp.ho() RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT pg_temp.pick(
  '{Nguyễn,Nguyễn,Nguyễn,Nguyễn,Nguyễn,Nguyễn,Nguyễn,Trần,Trần,Lê,Lê,Phạm,Phạm,Hoàng,Huỳnh,Phan,Vũ,Võ,Đặng,Bùi,Đỗ,Hồ,Ngô,Dương,Lý,Trịnh,Đinh,Mai,Lương,Tạ,Cao,Vương}') $$;
CREATE FUNCTION pg_temp.dem(male bool) RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT CASE WHEN male
  THEN pg_temp.pick('{Văn,Văn,Văn,Đức,Hữu,Minh,Quang,Thanh,Công,Gia,Bảo,Tuấn,Xuân,Trọng,Đình}')
  ELSE pg_temp.pick('{Thị,Thị,Thị,Thị,Ngọc,Thu,Thanh,Minh,Phương,Bảo,Kim,Hồng,Mỹ,Khánh}') END $$;
CREATE FUNCTION pg_temp.ten(male bool) RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT CASE WHEN male
  THEN pg_temp.pick('{An,Bình,Cường,Dũng,Đạt,Hải,Hiếu,Hoàng,Hùng,Huy,Khánh,Khoa,Long,Minh,Nam,Nghĩa,Phong,Phúc,Quân,Sơn,Tài,Thắng,Thành,Tiến,Toàn,Trung,Tuấn,Việt,Vinh,Duy,Lộc,Kiên}')
  ELSE pg_temp.pick('{Anh,Châu,Chi,Dung,Giang,Hà,Hạnh,Hằng,Hoa,Hương,Huyền,Lan,Liên,Linh,Loan,Mai,My,Nga,Ngân,Nhung,Oanh,Phương,Quỳnh,Tâm,Thảo,Thủy,Trang,Uyên,Vân,Vy,Yến,Ngọc}') END $$;
CREATE FUNCTION pg_temp.hoten(male bool) RETURNS text LANGUAGE sql VOLATILE
  AS $$ SELECT pg_temp.ho() || ' ' || pg_temp.dem(male) || ' ' || pg_temp.ten(male) $$;
-- dirty spelling of a name: mostly as is, some without diacritics, some upper case
CREATE FUNCTION pg_temp.dirty(s text) RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT CASE WHEN r < 0.75 THEN s WHEN r < 0.87 THEN pg_temp.unacc(s) WHEN r < 0.95 THEN upper(s)
              ELSE upper(pg_temp.unacc(s)) END FROM (SELECT random() r) x $$;
-- mobile number, digits only, 0 prefix
CREATE FUNCTION pg_temp.mobile() RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT '0' || pg_temp.pick(
  '{32,33,34,35,36,37,38,39,56,58,70,76,77,78,79,81,82,83,84,85,86,88,89,90,91,93,94,96,97,98,99}') || pg_temp.dig(7) $$;
CREATE FUNCTION pg_temp.landline() RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT '0' || a || pg_temp.pick('{3,6,7,2}') || pg_temp.dig(9 - length(a))
  FROM (SELECT pg_temp.pick('{24,24,28,28,236,225,292,251,274,203,258,263}') a) x $$;
-- a phone number in one of the ways people type it
CREATE FUNCTION pg_temp.fphone(p text) RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT CASE WHEN r < 0.55 THEN p
              WHEN r < 0.68 THEN '+84' || substr(p, 2)
              WHEN r < 0.75 THEN '84' || substr(p, 2)
              WHEN r < 0.85 THEN substr(p, 1, 4) || ' ' || substr(p, 5, 3) || ' ' || substr(p, 8)
              WHEN r < 0.92 THEN substr(p, 1, 4) || '.' || substr(p, 5, 3) || '.' || substr(p, 8)
              WHEN r < 0.96 THEN '(+84) ' || substr(p, 2, 2) || '-' || substr(p, 4, 3) || '-' || substr(p, 7)
              ELSE substr(p, 1, 4) || '-' || substr(p, 5) END FROM (SELECT random() r) x $$;
CREATE FUNCTION pg_temp.birth(lo int, hi int) RETURNS date LANGUAGE sql VOLATILE
  AS $$ SELECT make_date(lo, 1, 1) + floor(random() * ((hi - lo + 1) * 365.25))::int $$;
-- 12-digit personal identification number: province code, gender/century digit, year, 6 digits
CREATE FUNCTION pg_temp.cccd(dob date, male bool) RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT pg_temp.pick('{001,001,079,079,079,031,048,036,038,040,044,046,092,075,025,027,030,033,034,037,042,052,056,058,064,066,068,072,074,077,080,082,083,084,086,087,089,091,093,094,095,096,019,022,024,026,035,045,049,051,054,060,062,067,070}')
      || CASE WHEN extract(year FROM dob) < 2000 THEN (CASE WHEN male THEN '0' ELSE '1' END)
              ELSE (CASE WHEN male THEN '2' ELSE '3' END) END
      || to_char(dob, 'YY') || pg_temp.dig(6) $$;
-- 10-digit tax code with its check digit
CREATE FUNCTION pg_temp.mst(prefix text) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE s text; w int[] := '{31,29,23,19,17,13,7,5,3}'; t int; i int;
BEGIN
  LOOP
    s := prefix || pg_temp.dig(9 - length(prefix));
    t := 0;
    FOR i IN 1..9 LOOP t := t + w[i] * substr(s, i, 1)::int; END LOOP;
    IF t % 11 <> 0 THEN RETURN s || (10 - t % 11)::text; END IF;
  END LOOP;
END $$;
-- card number with a valid Luhn digit
CREATE FUNCTION pg_temp.pan(prefix text, len int) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE s text := prefix || pg_temp.dig(len - 1 - length(prefix)); t int := 0; d int; i int;
BEGIN
  FOR i IN REVERSE length(s)..1 LOOP
    d := substr(s, i, 1)::int;
    IF (length(s) - i) % 2 = 0 THEN d := d * 2; IF d > 9 THEN d := d - 9; END IF; END IF;
    t := t + d;
  END LOOP;
  RETURN s || ((10 - t % 10) % 10)::text;
END $$;
CREATE FUNCTION pg_temp.email(name text, dob date) RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT lower(CASE WHEN r < 0.35 THEN replace(pg_temp.unacc(split_part(name, ' ', 3) || split_part(name, ' ', 1)), ' ', '') || to_char(dob, 'YY')
                    WHEN r < 0.6 THEN replace(pg_temp.unacc(split_part(name, ' ', 3)), ' ', '') || '.' || replace(pg_temp.unacc(split_part(name, ' ', 1)), ' ', '') || floor(random() * 1000)::int
                    WHEN r < 0.8 THEN left(pg_temp.unacc(split_part(name, ' ', 1)), 1) || left(pg_temp.unacc(split_part(name, ' ', 2)), 1) || pg_temp.unacc(split_part(name, ' ', 3)) || to_char(dob, 'DDMM')
                    ELSE pg_temp.unacc(split_part(name, ' ', 3)) || '_' || pg_temp.pick('{cute,pro,kute,vip,hn,sg,dn,2k}') || floor(random() * 100)::int END)
      || '@' || pg_temp.pick('{gmail.com,gmail.com,gmail.com,gmail.com,yahoo.com,yahoo.com.vn,outlook.com,hotmail.com,icloud.com}')
  FROM (SELECT random() r) x $$;
CREATE FUNCTION pg_temp.street() RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT pg_temp.pick(
  '{Nguyễn Trãi,Lê Lợi,Trần Hưng Đạo,Hai Bà Trưng,Lý Thường Kiệt,Phan Đình Phùng,Nguyễn Văn Cừ,Lạc Long Quân,Hoàng Quốc Việt,Cách Mạng Tháng Tám,Điện Biên Phủ,Võ Văn Tần,Nguyễn Thị Minh Khai,Lê Văn Sỹ,Phạm Văn Đồng,Giải Phóng,Tôn Đức Thắng,Nguyễn Văn Linh,Quang Trung,Bạch Đằng}') $$;
-- a personal address: house number, street or alley, ward, district, province; dirty variants
CREATE FUNCTION pg_temp.addr() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT CASE WHEN r < 0.12 THEN pg_temp.unacc(a) WHEN r < 0.2 THEN replace(replace(replace(a, 'Phường ', 'P.'), 'Quận ', 'Q.'), 'Thành phố Hồ Chí Minh', 'TP.HCM') ELSE a END
  FROM (SELECT random() r, CASE WHEN k < 0.45 THEN
          'Số ' || (1 + floor(random() * 300)::int) || pg_temp.pick('{"",""," ngõ 12"," ngách 45/8"," hẻm 231"," kiệt 7"}') || ' ' || pg_temp.street() || ', ' || w
        WHEN k < 0.75 THEN
          (1 + floor(random() * 500)::int) || '/' || (1 + floor(random() * 40)::int) || ' ' || pg_temp.street() || ', ' || w
        ELSE
          pg_temp.pick('{Thôn,Xóm,Ấp,Tổ dân phố}') || ' ' || (1 + floor(random() * 12)::int) || ', Xã ' || pg_temp.pick('{Tân Phú,Hòa Bình,Xuân Lâm,Đông Hưng,Phú Mỹ,An Thạnh,Thanh Xuân,Yên Sở}') || ', ' || pg_temp.pick('{Huyện Gia Lâm,Huyện Củ Chi,Huyện Thanh Trì,Huyện Đông Anh,Thị xã Sơn Tây,Huyện Bình Chánh}') || ', ' || pg_temp.pick('{Hà Nội,TP Hồ Chí Minh,Tỉnh Nghệ An,Tỉnh Thanh Hóa,Tỉnh Bắc Ninh,Tỉnh Đồng Nai}')
        END a
        FROM (SELECT random() k, 'Phường ' || pg_temp.pick('{Bến Nghé,Đa Kao,Phúc Xá,Kim Mã,Láng Hạ,Tân Định,Thảo Điền,Bách Khoa,Dịch Vọng,Phạm Ngũ Lão,Hòa Cường Bắc,Vĩnh Tuy,Yên Hòa,12,7,4}') || ', ' ||
                     pg_temp.pick('{Quận 1,Quận 3,Quận 10,Quận Bình Thạnh,Quận Gò Vấp,Quận Ba Đình,Quận Cầu Giấy,Quận Đống Đa,Quận Hai Bà Trưng,Quận Hải Châu,Quận Thanh Xuân}') || ', ' ||
                     pg_temp.pick('{Hà Nội,Hà Nội,Thành phố Hồ Chí Minh,Thành phố Hồ Chí Minh,TP. Đà Nẵng,Hà Nội}') w) y) z $$;
CREATE FUNCTION pg_temp.plate(moto bool) RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT pg_temp.pick('{29,30,51,59,43,15,36,37,60,61,92,65}') || CASE WHEN moto
    THEN '-' || pg_temp.pick('{B1,C1,D1,E2,F1,G1,H1,K1,X1,T1,P2}') || ' ' || pg_temp.dig(3) || '.' || pg_temp.dig(2)
    ELSE pg_temp.pick('{A,A,F,G,H,K,E,C,LD}') || '-' || pg_temp.dig(3) || '.' || pg_temp.dig(2) END $$;
CREATE FUNCTION pg_temp.ts(lo date, hi date) RETURNS timestamptz LANGUAGE sql VOLATILE
  AS $$ SELECT lo::timestamptz + random() * (hi::timestamptz - lo::timestamptz) $$;
CREATE FUNCTION pg_temp.ip() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT CASE WHEN random() < 0.85 THEN pg_temp.pick('{14.161,14.226,27.72,42.112,113.161,113.185,115.73,116.96,171.224,171.250,1.52,183.80}') || '.' || floor(random() * 256)::int || '.' || floor(random() * 256)::int
              ELSE '2001:ee0:' || to_hex(floor(random() * 65535)::int) || ':' || to_hex(floor(random() * 65535)::int) || '::' || to_hex(floor(random() * 65535)::int) END $$;
CREATE FUNCTION pg_temp.ua() RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT pg_temp.pick(ARRAY[
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 13; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36 coc_coc_browser/123.0',
  'Mozilla/5.0 (Linux; Android 12; Redmi Note 11) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15']) $$;
CREATE FUNCTION pg_temp.uuid() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-a' || substr(h, 18, 3) || '-' || substr(h, 21, 12)
  FROM (SELECT md5(random()::text) h) x $$;

-- ===================================================================
-- lending: a consumer-finance company (cash loans, BNPL) with eKYC
-- ===================================================================
CREATE SCHEMA lending;
CREATE TABLE lending.san_pham_vay (ma_sp text PRIMARY KEY, ten_sp text, lai_suat_nam numeric(5,2),
  han_muc_toi_da bigint, ky_han_toi_da int, hotline text);
INSERT INTO lending.san_pham_vay VALUES
 ('CASH_12M', 'Vay tiền mặt 12 tháng', 32.90, 50000000, 12, '1900 6868'),
 ('CASH_24M', 'Vay tiền mặt 24 tháng', 29.90, 80000000, 24, '1900 6868'),
 ('CASH_36M', 'Vay tiền mặt 36 tháng', 27.50, 100000000, 36, '1900 6868'),
 ('BNPL_03', 'Mua trước trả sau 3 kỳ', 0, 10000000, 3, '1800 1060'),
 ('BNPL_06', 'Mua trước trả sau 6 kỳ', 18.00, 20000000, 6, '1800 1060'),
 ('XE_MAY', 'Vay mua xe máy trả góp', 24.00, 60000000, 36, '028 3911 6868'),
 ('DIEN_MAY', 'Vay mua điện máy', 19.90, 40000000, 18, '028 3911 6868'),
 ('LUONG', 'Vay theo lương', 26.00, 150000000, 48, '024 7300 6868');

CREATE TABLE lending.khach_hang (id serial PRIMARY KEY, ma_kh text, ho_ten text, ngay_sinh date, gioi_tinh text,
  so_cccd text, ngay_cap_cccd date, noi_cap text, sdt text, email text, dia_chi_thuong_tru text, dia_chi_hien_tai text,
  nghe_nghiep text, thu_nhap_thang bigint, tinh_trang_hon_nhan text, created_at timestamptz, updated_by text);
INSERT INTO lending.khach_hang (ma_kh, ho_ten, ngay_sinh, gioi_tinh, so_cccd, ngay_cap_cccd, noi_cap, sdt, email,
  dia_chi_thuong_tru, dia_chi_hien_tai, nghe_nghiep, thu_nhap_thang, tinh_trang_hon_nhan, created_at, updated_by)
SELECT 'KH' || lpad(g::text, 8, '0'), pg_temp.dirty(n), dob, CASE WHEN male THEN 'Nam' ELSE 'Nữ' END,
  CASE WHEN random() < 0.9 THEN pg_temp.cccd(dob, male) ELSE pg_temp.dig(9) END,
  pg_temp.birth(2021, 2025), pg_temp.pick('{Cục Cảnh sát QLHC về TTXH,Cục Cảnh sát QLHC về TTXH,Bộ Công an,CA TP Hà Nội}'),
  pg_temp.fphone(pg_temp.mobile()), CASE WHEN random() < 0.8 THEN pg_temp.email(pg_temp.unacc(n), dob) END,
  pg_temp.addr(), CASE WHEN random() < 0.6 THEN pg_temp.addr() ELSE 'Như thường trú' END,
  pg_temp.pick('{Công nhân,Nhân viên văn phòng,Kinh doanh tự do,Giáo viên,Tài xế công nghệ,Kế toán,Bán hàng,Nội trợ,Sinh viên,Kỹ sư}'),
  (4 + floor(random() * 40)::int) * 500000,
  pg_temp.pick('{Độc thân,Đã kết hôn,Đã kết hôn,Ly hôn,Góa}'),
  pg_temp.ts('2023-01-01', '2025-11-30'), pg_temp.pick('{system,system,api_ekyc,nv.hoa,nv.tuan}')
FROM (SELECT g, m AS male, pg_temp.hoten(m) n, pg_temp.birth(1965, 2005) dob
      FROM (SELECT g, random() < 0.5 m FROM generate_series(1, 3000) g OFFSET 0) a OFFSET 0) s;

CREATE TABLE lending.loan_applications (app_id bigserial PRIMARY KEY, app_no text, customer_id int, product_code text,
  requested_amount bigint, tenor_months int, interest_rate numeric(5,2), purpose text, status text, submitted_at timestamptz,
  employer_name text, employer_tax_code text, employer_phone text, credit_score int,
  ref_name text, ref_phone text, ref_relation text);
INSERT INTO lending.loan_applications (app_no, customer_id, product_code, requested_amount, tenor_months, interest_rate,
  purpose, status, submitted_at, employer_name, employer_tax_code, employer_phone, credit_score, ref_name, ref_phone, ref_relation)
SELECT 'LA-' || to_char(t, 'YYYY') || '-' || lpad(g::text, 6, '0'), 1 + floor(random() * 3000)::int,
  pg_temp.pick('{CASH_12M,CASH_24M,CASH_36M,BNPL_03,BNPL_06,XE_MAY,DIEN_MAY,LUONG}'),
  (5 + floor(random() * 95)::int) * 1000000, pg_temp.pick('{6,12,18,24,36}')::int, round((18 + random() * 15)::numeric, 2),
  pg_temp.pick('{Mua xe máy,Sửa nhà,Mua điện thoại,Học phí,Chữa bệnh,Tiêu dùng cá nhân,Kinh doanh nhỏ,Cưới hỏi}'),
  pg_temp.pick('{SUBMITTED,APPROVED,APPROVED,REJECTED,DISBURSED,DISBURSED,CANCELLED}'), t,
  pg_temp.pick('{Công ty TNHH Samsung Electronics Việt Nam,Công ty CP Tập đoàn Hòa Phát,Công ty TNHH Pouyuen Việt Nam,Công ty CP Vinamilk,Hộ kinh doanh,Công ty TNHH Canon Việt Nam,Tự do,Công ty CP FPT}'),
  CASE WHEN random() < 0.7 THEN pg_temp.mst(pg_temp.pick('{01,03,02,23,36}')) END,
  CASE WHEN random() < 0.6 THEN pg_temp.landline() END,
  300 + floor(random() * 600)::int,
  pg_temp.dirty(pg_temp.hoten(random() < 0.5)), pg_temp.fphone(pg_temp.mobile()),
  pg_temp.pick('{Bố,Mẹ,Vợ,Chồng,Anh trai,Chị gái,Em,Đồng nghiệp,Bạn bè,Con}')
FROM (SELECT g, pg_temp.ts('2024-01-01', '2025-11-30') t FROM generate_series(1, 4000) g OFFSET 0) s;

CREATE TABLE lending.ekyc_sessions ("sessionId" text PRIMARY KEY, "applicantId" int, "idFrontUrl" text, "idBackUrl" text,
  "selfieUrl" text, "faceMatchScore" numeric(4,3), "livenessResult" text, "ocrFullName" text, "ocrIdNumber" text,
  "ocrDob" text, "ocrAddress" text, "ocrHometown" text, "ocrNationality" text, "deviceId" text, "ipAddress" text,
  vendor text, "createdAt" timestamptz);
INSERT INTO lending."ekyc_sessions"
SELECT u, 1 + floor(random() * 3000)::int,
  'https://s3.ap-southeast-1.amazonaws.com/fe-ekyc/' || to_char(t, 'YYYY/MM/DD') || '/' || u || '_front.jpg',
  'https://s3.ap-southeast-1.amazonaws.com/fe-ekyc/' || to_char(t, 'YYYY/MM/DD') || '/' || u || '_back.jpg',
  'https://s3.ap-southeast-1.amazonaws.com/fe-ekyc/' || to_char(t, 'YYYY/MM/DD') || '/' || u || '_selfie.jpg',
  round((0.55 + random() * 0.45)::numeric, 3), pg_temp.pick('{PASS,PASS,PASS,PASS,FAIL,SPOOF_SUSPECTED}'),
  upper(n), pg_temp.cccd(dob, male), to_char(dob, 'DD/MM/YYYY'), upper(pg_temp.addr()),
  pg_temp.pick('{Xã Nghi Lộc, Huyện Nghi Lộc, Nghệ An,Xã Quảng Xương, Thanh Hóa,Phường Tiền An, Bắc Ninh,Xã Hải Hậu, Nam Định,Thị trấn Củ Chi, TP Hồ Chí Minh,Xã Đức Phổ, Quảng Ngãi,Xã Cái Bè, Tiền Giang}'),
  'VIỆT NAM', pg_temp.uuid(), pg_temp.ip(), pg_temp.pick('{FPT.AI,VNPT eKYC,VNPT eKYC,Viettel eKYC}'), t
FROM (SELECT pg_temp.uuid() u, m AS male, pg_temp.hoten(m) n, pg_temp.birth(1965, 2005) dob, pg_temp.ts('2024-01-01', '2025-11-30') t
      FROM (SELECT random() < 0.5 m FROM generate_series(1, 3000) g OFFSET 0) a OFFSET 0) s;

CREATE TABLE lending.repayment_schedule (id bigserial PRIMARY KEY, loan_id bigint, ky_tra int, ngay_den_han date,
  so_tien_goc bigint, so_tien_lai bigint, da_tra bigint, ngay_thanh_toan date, trang_thai text, so_ngay_qua_han int);
INSERT INTO lending.repayment_schedule (loan_id, ky_tra, ngay_den_han, so_tien_goc, so_tien_lai, da_tra, ngay_thanh_toan, trang_thai, so_ngay_qua_han)
SELECT l, k, d, goc, lai, CASE WHEN st = 'PAID' THEN goc + lai WHEN st = 'PARTIAL' THEN (goc + lai) / 2 ELSE 0 END,
  CASE WHEN st <> 'DUE' THEN d + (floor(random() * 20)::int - 5) END, st,
  CASE WHEN st = 'DUE' THEN floor(random() * 120)::int ELSE 0 END
FROM (SELECT 1 + (g - 1) / 10 l, 1 + (g - 1) % 10 k, date '2024-02-05' + ((g - 1) % 10) * 30 + ((g - 1) / 10) % 25 d,
        (1 + floor(random() * 40)::int) * 250000 goc, (1 + floor(random() * 30)::int) * 25000 lai,
        pg_temp.pick('{PAID,PAID,PAID,PAID,PARTIAL,DUE}') st
      FROM generate_series(1, 5000) g OFFSET 0) s;

CREATE TABLE lending.collection_calls (call_id bigserial PRIMARY KEY, loan_id bigint, agent_code text, called_number text,
  call_start timestamptz, duration_sec int, outcome text, note text, recording_url text);
INSERT INTO lending.collection_calls (loan_id, agent_code, called_number, call_start, duration_sec, outcome, note, recording_url)
SELECT 1 + floor(random() * 500)::int, 'AG' || lpad((1 + floor(random() * 60)::int)::text, 4, '0'),
  CASE WHEN random() < 0.85 THEN pg_temp.mobile() ELSE '+84' || substr(pg_temp.mobile(), 2) END, t,
  floor(random() * 420)::int, o,
  CASE o WHEN 'PTP' THEN 'KH hứa trả ngày ' || (1 + floor(random() * 28)::int) || ', ' || pg_temp.pick('{đang chờ lương,vợ sẽ chuyển khoản,đang nằm viện nên chậm,mất việc tháng trước}')
         WHEN 'NO_ANSWER' THEN 'Không nghe máy' WHEN 'WRONG_NUMBER' THEN 'Sai số, người nghe không quen KH'
         WHEN 'REFUSE' THEN 'KH từ chối thanh toán, ' || pg_temp.pick('{nói đã trả đủ,khiếu nại phí phạt,đang ly hôn không có tiền}')
         ELSE 'Gặp người thân: ' || pg_temp.pick('{mẹ,vợ,em trai}') || ' hứa nhắn lại' END,
  'https://callcenter.internal/rec/' || to_char(t, 'YYYYMMDD') || '/' || md5(random()::text) || '.mp3'
FROM (SELECT pg_temp.ts('2024-03-01', '2025-11-30') t, pg_temp.pick('{PTP,PTP,NO_ANSWER,NO_ANSWER,NO_ANSWER,WRONG_NUMBER,REFUSE,THIRD_PARTY}') o
      FROM generate_series(1, 2500) g OFFSET 0) s;

-- ===================================================================
-- gov: a ward office (residence registration, civil status, procedures)
-- ===================================================================
CREATE SCHEMA gov;
CREATE TABLE gov.don_vi_hanh_chinh (ma_dvhc text PRIMARY KEY, ten_dvhc text, cap text, ma_tinh text,
  dia_chi_tru_so text, sdt_tru_so text);
INSERT INTO gov.don_vi_hanh_chinh
SELECT lpad((g * 3)::text, 5, '0'), 'Phường ' || w, 'Phường', '01',
  'Số ' || (1 + g * 7) || ' phố ' || w || ', Phường ' || w || ', Hà Nội', '024 ' || (3800 + g) || ' ' || (1000 + g * 37)
FROM unnest('{Phúc Xá,Trúc Bạch,Vĩnh Phúc,Cống Vị,Liễu Giai,Quán Thánh,Ngọc Hà,Điện Biên,Đội Cấn,Ngọc Khánh,Kim Mã,Giảng Võ,Thành Công,Hàng Bạc,Hàng Bồ,Cửa Nam,Tràng Tiền,Phan Chu Trinh,Hàng Bông,Lý Thái Tổ,Cát Linh,Văn Miếu,Quốc Tử Giám,Láng Thượng,Ô Chợ Dừa,Văn Chương,Hàng Bột,Láng Hạ,Khâm Thiên,Thổ Quan}'::text[]) WITH ORDINALITY AS x(w, g);

CREATE TABLE gov."HO_KHAU" ("SO_HO_KHAU" text PRIMARY KEY, "CHU_HO" text, "DIA_CHI" text, "MA_PHUONG" text,
  "NGAY_DANG_KY" date, "SDT_LIEN_HE" text);
INSERT INTO gov."HO_KHAU"
SELECT lpad((10000000 + g * 7919)::text, 9, '0'), upper(pg_temp.unacc(pg_temp.hoten(random() < 0.7))), upper(pg_temp.unacc(pg_temp.addr())),
  lpad((3 * (1 + floor(random() * 30)::int))::text, 5, '0'), pg_temp.birth(1995, 2024),
  CASE WHEN random() < 0.75 THEN pg_temp.mobile() WHEN random() < 0.5 THEN pg_temp.landline() END
FROM generate_series(1, 1500) g;

CREATE TABLE gov.nhan_khau (id serial PRIMARY KEY, so_ho_khau text, hoten text, ngaysinh date, gioitinh text,
  quanhechuho text, dantoc text, tongiao text, quoctich text, socccd text, nghenghiep text, noisinh text, quequan text,
  ngaychuyenden date, ngaymat date, trinhdohocvan text);
INSERT INTO gov.nhan_khau (so_ho_khau, hoten, ngaysinh, gioitinh, quanhechuho, dantoc, tongiao, quoctich, socccd, nghenghiep,
  noisinh, quequan, ngaychuyenden, ngaymat, trinhdohocvan)
SELECT lpad((10000000 + (1 + (g - 1) % 1500) * 7919)::text, 9, '0'), n, dob, CASE WHEN male THEN 'Nam' ELSE 'Nữ' END,
  CASE WHEN g <= 1500 THEN 'Chủ hộ' ELSE pg_temp.pick('{Vợ,Chồng,Con,Con,Con,Mẹ,Bố,Cháu,Con dâu,Anh,Em}') END,
  pg_temp.pick('{Kinh,Kinh,Kinh,Kinh,Kinh,Kinh,Kinh,Kinh,Tày,Thái,Mường,Hoa,Khmer,Nùng,H''Mông}'),
  pg_temp.pick('{Không,Không,Không,Không,Phật giáo,Phật giáo,Công giáo,Tin lành,Cao Đài,Hòa Hảo}'),
  CASE WHEN random() < 0.98 THEN 'Việt Nam' ELSE pg_temp.pick('{Trung Quốc,Hàn Quốc,Lào}') END,
  CASE WHEN dob < date '2011-01-01' THEN pg_temp.cccd(dob, male) END,
  CASE WHEN dob > date '2007-01-01' THEN 'Học sinh' ELSE pg_temp.pick('{Hưu trí,Buôn bán,Công nhân,Cán bộ,Lao động tự do,Giáo viên,Bác sĩ,Không}') END,
  pg_temp.pick('{Bệnh viện Phụ sản Hà Nội,Bệnh viện Bạch Mai,Trạm y tế xã Hải Hậu - Nam Định,Bệnh viện Từ Dũ - TP Hồ Chí Minh,Xã Nghĩa Đồng - Tân Kỳ - Nghệ An,Hà Nội}'),
  pg_temp.pick('{Xã Nghĩa Đồng, Huyện Tân Kỳ, Tỉnh Nghệ An,Xã Hải Hậu, Tỉnh Nam Định,Phường Hàng Bạc, Hà Nội,Xã Quỳnh Phụ, Thái Bình,Xã Đông Sơn, Thanh Hóa,Thị xã Từ Sơn, Bắc Ninh}'),
  CASE WHEN random() < 0.4 THEN pg_temp.birth(2000, 2025) END,
  CASE WHEN random() < 0.03 THEN pg_temp.birth(2015, 2025) END,
  CASE WHEN dob > date '2007-01-01' THEN 'Đang học' ELSE pg_temp.pick('{12/12,12/12,9/12,Trung cấp,Cao đẳng,Đại học,Đại học,Thạc sĩ}') END
FROM (SELECT g, m AS male, pg_temp.hoten(m) n, pg_temp.birth(1940, 2024) dob
      FROM (SELECT g, random() < 0.5 m FROM generate_series(1, 4000) g OFFSET 0) a OFFSET 0) s;

CREATE TABLE gov.ho_so_tthc (ma_ho_so text PRIMARY KEY, thu_tuc text, nguoi_nop text, sdt_nguoi_nop text, email_nguoi_nop text,
  cccd_nguoi_nop text, ngay_nhan timestamp, ngay_hen_tra date, trang_thai text, can_bo_xu_ly text, le_phi int, file_dinh_kem text);
INSERT INTO gov.ho_so_tthc
SELECT '000.00.17.H26-' || to_char(t, 'YYMMDD') || '-' || lpad(g::text, 4, '0'), tt, pg_temp.dirty(n),
  pg_temp.fphone(pg_temp.mobile()), CASE WHEN random() < 0.4 THEN pg_temp.email(pg_temp.unacc(n), dob) END, pg_temp.cccd(dob, male),
  t, (t + interval '3 days')::date, pg_temp.pick('{Đã tiếp nhận,Đang xử lý,Đã trả kết quả,Đã trả kết quả,Bổ sung hồ sơ}'),
  pg_temp.pick('{cb.tuphap01,cb.tuphap02,cb.diachinh,cb.motcua03}'),
  CASE tt WHEN 'Chứng thực bản sao' THEN 2000 WHEN 'Đăng ký kết hôn' THEN 0 ELSE pg_temp.pick('{0,5000,8000,200000}')::int END,
  'dvc/' || to_char(t, 'YYYY/MM') || '/' || pg_temp.pick('{cccd_mat_truoc,cccd_mat_sau,giay_chung_sinh,to_khai,cccd_2_mat}') || '_' || substr(md5(random()::text), 1, 10) || '.pdf'
FROM (SELECT g, m AS male, pg_temp.hoten(m) n, pg_temp.birth(1950, 2006) dob, pg_temp.ts('2024-01-01', '2025-11-30')::timestamp t,
        pg_temp.pick('{Đăng ký khai sinh,Đăng ký khai sinh,Chứng thực bản sao,Chứng thực bản sao,Chứng thực chữ ký,Đăng ký kết hôn,Đăng ký khai tử,Xác nhận tình trạng hôn nhân,Đăng ký thường trú,Đăng ký tạm trú}') tt
      FROM (SELECT g, random() < 0.5 m FROM generate_series(1, 3000) g OFFSET 0) a OFFSET 0) s;

CREATE TABLE gov.khai_sinh (so_dang_ky text, quyen_so text, ten_tre text, ngay_sinh_tre date, gioi_tinh_tre text, noi_sinh text,
  ho_ten_me text, cccd_me text, ho_ten_cha text, cccd_cha text, dan_toc_tre text, ngay_dang_ky date);
INSERT INTO gov.khai_sinh
SELECT g || '/' || extract(year FROM dob), pg_temp.pick('{01/2023,01/2024,02/2024,01/2025}'),
  fam || ' ' || pg_temp.dem(male) || ' ' || pg_temp.ten(male), dob, CASE WHEN male THEN 'Nam' ELSE 'Nữ' END,
  pg_temp.pick('{Bệnh viện Phụ sản Hà Nội,Bệnh viện Phụ sản Trung ương,Bệnh viện đa khoa Xanh Pôn,Bệnh viện Bạch Mai,Bệnh viện Hồng Ngọc}'),
  pg_temp.hoten(false), pg_temp.cccd(pg_temp.birth(1985, 2002), false),
  CASE WHEN random() < 0.95 THEN fam || ' ' || pg_temp.dem(true) || ' ' || pg_temp.ten(true) END,
  CASE WHEN random() < 0.93 THEN pg_temp.cccd(pg_temp.birth(1980, 2000), true) END,
  pg_temp.pick('{Kinh,Kinh,Kinh,Kinh,Kinh,Kinh,Tày,Hoa,Mường}'), dob + floor(random() * 60)::int
FROM (SELECT g, m AS male, pg_temp.ho() fam, pg_temp.birth(2023, 2025) dob
      FROM (SELECT g, random() < 0.5 m FROM generate_series(1, 1800) g OFFSET 0) a OFFSET 0) s;

CREATE TABLE gov.ly_lich_tu_phap (so_phieu text, ho_ten text, ngay_sinh date, cccd text, an_tich text, muc_dich text, ngay_cap date);
INSERT INTO gov.ly_lich_tu_phap
SELECT g || '/LLTP-STP', pg_temp.dirty(n), dob, pg_temp.cccd(dob, male),
  CASE WHEN random() < 0.88 THEN 'Không có án tích'
       ELSE 'Có án tích: ' || pg_temp.pick('{Bản án số 45/2019/HS-ST ngày 12/6/2019 của TAND quận Đống Đa xử phạt 2 năm tù về tội Trộm cắp tài sản,Bản án số 112/2017/HS-PT của TAND TP Hà Nội xử phạt 18 tháng tù cho hưởng án treo về tội Cố ý gây thương tích,Bản án số 07/2021/HS-ST xử phạt 30.000.000 đồng về tội Đánh bạc}') END,
  pg_temp.pick('{Bổ sung hồ sơ xin việc,Du học,Xuất khẩu lao động,Kết hôn với người nước ngoài,Thành lập doanh nghiệp}'),
  pg_temp.birth(2024, 2025)
FROM (SELECT g, m AS male, pg_temp.hoten(m) n, pg_temp.birth(1960, 2006) dob
      FROM (SELECT g, random() < 0.6 m FROM generate_series(1, 600) g OFFSET 0) a OFFSET 0) s;

-- ===================================================================
-- travel: hotels, bookings, loyalty, tours
-- ===================================================================
CREATE SCHEMA travel;
CREATE TABLE travel.hotels (hotel_code text PRIMARY KEY, ten_ks text, dia_chi text, hotline text, email_dat_phong text,
  mst text, so_sao int, lat numeric(9,6), lng numeric(9,6));
INSERT INTO travel.hotels
SELECT c, n, a, h, e, pg_temp.mst(pg_temp.pick('{01,03,04,56}')), s, la, lo FROM (VALUES
 ('HAN-OPR01', 'Khách sạn Hoa Sen Hồ Gươm', '15 Hàng Bài, Phường Hoàn Kiếm, Hà Nội', '024 3826 6919', 'reservation@hoasenhotel.vn', 4, 21.024500, 105.853300),
 ('HAN-OPR02', 'Khách sạn Sông Hồng Tây Hồ', '88 Xuân Diệu, Phường Tây Hồ, Hà Nội', '024 3719 8888', 'booking@songhongwesthotel.vn', 5, 21.064200, 105.828100),
 ('HAN-OPR03', 'Hanoi Old Quarter Boutique', '32 Hàng Gà, Hoàn Kiếm, Hà Nội', '1900 5454 12', 'info@oldquarterboutique.vn', 3, 21.035800, 105.848900),
 ('SGN-OPR01', 'Khách sạn Bến Thành Riverside', '1 Tôn Đức Thắng, Phường Sài Gòn, TP Hồ Chí Minh', '028 3822 0033', 'rsvn@benthanhriverside.vn', 5, 10.776900, 106.706400),
 ('SGN-OPR02', 'Saigon Sky Garden Hotel', '28 Lê Thánh Tôn, Quận 1, TP.HCM', '028 3829 1122', 'sales@saigonskygarden.vn', 4, 10.779300, 106.703700),
 ('SGN-OPR03', 'Khách sạn Phú Nhuận Center', '210 Phan Đăng Lưu, Phú Nhuận, TP.HCM', '028 3995 7788', 'fo@pncenter.vn', 3, 10.800800, 106.679900),
 ('DAD-OPR01', 'Mỹ Khê Beach Resort', '300 Võ Nguyên Giáp, Phường Ngũ Hành Sơn, Đà Nẵng', '0236 3959 555', 'reservation@mykhebeach.vn', 5, 16.049800, 108.247700),
 ('DAD-OPR02', 'Hàn River Hotel', '12 Bạch Đằng, Hải Châu, Đà Nẵng', '0236 3822 111', 'booking@hanriverhotel.vn', 4, 16.072000, 108.224400),
 ('HUI-OPR01', 'Hương Giang Heritage', '51 Lê Lợi, Phường Thuận Hóa, Huế', '0234 3822 122', 'rsv@huonggiangheritage.vn', 4, 16.468200, 107.595600),
 ('PQC-OPR01', 'Phú Quốc Sunset Villas', 'Bãi Trường, Dương Tơ, Phú Quốc, Kiên Giang', '0297 3986 999', 'villas@pqsunset.vn', 5, 10.171400, 103.966900),
 ('NHA-OPR01', 'Nha Trang Bay Hotel', '96 Trần Phú, Nha Trang, Khánh Hòa', '0258 3521 888', 'stay@ntbayhotel.vn', 4, 12.238800, 109.196700),
 ('DLI-OPR01', 'Đà Lạt Pine Hill Lodge', '7 Trần Hưng Đạo, Phường 10, Đà Lạt', '0263 3822 666', 'lodge@pinehill-dalat.vn', 3, 11.936100, 108.445800),
 ('HLO-OPR01', 'Hạ Long Pearl Bay', 'Đường Hạ Long, Bãi Cháy, Quảng Ninh', '0203 3845 678', 'booking@halongpearlbay.vn', 4, 20.955400, 107.045500),
 ('VTA-OPR01', 'Vũng Tàu Front Beach Hotel', '5 Quang Trung, Phường 1, Vũng Tàu', '0254 3852 468', 'rsvn@vtfrontbeach.vn', 3, 10.345600, 107.075600),
 ('SPA-OPR01', 'Sa Pa Cloud Retreat', '18 Mường Hoa, Sa Pa, Lào Cai', '0214 3871 555', 'hello@sapacloud.vn', 4, 22.335600, 103.842300)
) v(c, n, a, h, e, s, la, lo);

CREATE TABLE travel.guests ("guestId" serial PRIMARY KEY, "firstName" text, "lastName" text, email text, mobile text,
  nationality text, "passportNo" text, "passportExpiry" date, dob date, gender char(1), "loyaltyTier" text,
  "createdAt" timestamptz, "marketingOptIn" boolean);
INSERT INTO travel.guests ("firstName", "lastName", email, mobile, nationality, "passportNo", "passportExpiry", dob, gender,
  "loyaltyTier", "createdAt", "marketingOptIn")
SELECT CASE WHEN nat = 'VN' THEN split_part(vn, ' ', 2) || ' ' || split_part(vn, ' ', 3)
            ELSE pg_temp.pick(CASE nat WHEN 'KR' THEN '{Min-jun,Seo-yeon,Ji-ho,Ha-eun,Do-yun}'::text[] WHEN 'JP' THEN '{Haruto,Yui,Sota,Aoi,Ren}'::text[]
                 WHEN 'CN' THEN '{Wei,Fang,Jing,Lei,Min}'::text[] ELSE '{James,Emily,Michael,Sarah,David,Anna,Thomas}'::text[] END) END,
  CASE WHEN nat = 'VN' THEN split_part(vn, ' ', 1)
       ELSE pg_temp.pick(CASE nat WHEN 'KR' THEN '{Kim,Lee,Park,Choi,Jung}'::text[] WHEN 'JP' THEN '{Sato,Suzuki,Takahashi,Tanaka}'::text[]
            WHEN 'CN' THEN '{Wang,Li,Zhang,Liu,Chen}'::text[] ELSE '{Smith,Johnson,Brown,Miller,Wilson,Schmidt,Martin}'::text[] END) END,
  CASE WHEN nat = 'VN' THEN pg_temp.email(pg_temp.unacc(vn), dob) ELSE lower(pg_temp.pick('{james,emily,mj,sarah.k,dkim,anna,tom,yui,wei}')) || floor(random() * 9999)::int || '@' || pg_temp.pick('{gmail.com,naver.com,yahoo.co.jp,qq.com,outlook.com}') END,
  CASE WHEN nat = 'VN' THEN pg_temp.fphone(pg_temp.mobile())
       WHEN nat = 'KR' THEN '+82 10-' || pg_temp.dig(4) || '-' || pg_temp.dig(4)
       WHEN nat = 'US' THEN '+1 (' || (200 + floor(random() * 700)::int) || ') ' || pg_temp.dig(3) || '-' || pg_temp.dig(4)
       WHEN nat = 'JP' THEN '+81 90-' || pg_temp.dig(4) || '-' || pg_temp.dig(4)
       WHEN nat = 'AU' THEN '+61 4' || pg_temp.dig(2) || ' ' || pg_temp.dig(3) || ' ' || pg_temp.dig(3)
       ELSE '+86 1' || pg_temp.dig(10) END,
  nat,
  CASE WHEN nat = 'VN' AND random() < 0.5 THEN NULL WHEN nat = 'VN' THEN pg_temp.pick('{C,C,B,N,P}') || pg_temp.dig(7)
       WHEN nat = 'KR' THEN 'M' || pg_temp.dig(8) WHEN nat = 'US' THEN pg_temp.dig(9) WHEN nat = 'JP' THEN 'T' || pg_temp.pick('{K,R,Z}') || pg_temp.dig(7)
       ELSE 'E' || pg_temp.dig(8) END,
  CASE WHEN random() < 0.7 THEN pg_temp.birth(2026, 2035) END, dob, CASE WHEN m THEN 'M' ELSE 'F' END,
  pg_temp.pick('{NONE,NONE,NONE,Silver,Silver,Gold,Platinum}'), pg_temp.ts('2022-01-01', '2025-11-30'), random() < 0.4
FROM (SELECT m, pg_temp.pick('{VN,VN,VN,VN,VN,VN,KR,KR,US,JP,CN,AU}') nat, pg_temp.hoten(m) vn, pg_temp.birth(1950, 2005) dob
      FROM (SELECT random() < 0.5 m FROM generate_series(1, 3000) g OFFSET 0) a OFFSET 0) s;

CREATE TABLE travel.bookings (booking_ref text PRIMARY KEY, guest_id int, hotel_code text, room_type text, check_in date,
  check_out date, adults int, total_vnd bigint, payment_method text, card_last4 text, special_request text, status text,
  created_at timestamptz, channel text);
INSERT INTO travel.bookings
SELECT r, 1 + floor(random() * 3000)::int, pg_temp.pick('{HAN-OPR01,HAN-OPR02,HAN-OPR03,SGN-OPR01,SGN-OPR02,SGN-OPR03,DAD-OPR01,DAD-OPR02,HUI-OPR01,PQC-OPR01,NHA-OPR01,DLI-OPR01,HLO-OPR01,VTA-OPR01,SPA-OPR01}'),
  pg_temp.pick('{Superior Double,Deluxe Twin,Deluxe Double,Executive Suite,Family Room,Bungalow Garden View,Ocean View King}'),
  ci, ci + n, 1 + floor(random() * 3)::int, n * (8 + floor(random() * 40)::int) * 100000,
  pm, CASE WHEN pm IN ('VISA', 'MASTERCARD', 'JCB') THEN pg_temp.dig(4) END,
  CASE WHEN random() < 0.55 THEN NULL ELSE pg_temp.pick('{Phòng tầng cao,Giường phụ cho bé,Check-in sớm,Phòng không hút thuốc,Đón sân bay chuyến VN215,Honeymoon - trang trí phòng,Ăn chay,Dị ứng hải sản,Cần xe lăn,Late check-out 14h}') END,
  pg_temp.pick('{CONFIRMED,CONFIRMED,CHECKED_OUT,CHECKED_OUT,CANCELLED,NO_SHOW}'), ci - floor(random() * 60)::int,
  pg_temp.pick('{Direct,Agoda,Booking.com,Traveloka,Expedia,Corporate}')
FROM (SELECT DISTINCT ON (r) r, ci, n, pm FROM (
        SELECT upper(substr(md5(random()::text), 1, 6)) r, pg_temp.birth(2024, 2025) ci, 1 + floor(random() * 5)::int n,
               pg_temp.pick('{VISA,MASTERCARD,JCB,MOMO,VNPAY,CASH,BANK_TRANSFER}') pm
        FROM generate_series(1, 5000) g OFFSET 0) a ORDER BY r) s;

CREATE TABLE travel.loyalty_members (member_no text PRIMARY KEY, guest_id int, points int, tier text, enrolled_on date,
  ten_dang_nhap text, mat_khau_hash text, last_login_ip text, last_login_at timestamptz);
INSERT INTO travel.loyalty_members
SELECT 'LM' || lpad((g * 37)::text, 10, '0'), g, floor(random() * 80000)::int, pg_temp.pick('{Silver,Silver,Gold,Platinum}'),
  pg_temp.birth(2020, 2025),
  CASE WHEN random() < 0.5 THEN lower(pg_temp.unacc(pg_temp.ten(random() < 0.5))) || floor(random() * 2000)::int
       ELSE pg_temp.email(pg_temp.unacc(pg_temp.hoten(random() < 0.5)), pg_temp.birth(1970, 2000)) END,
  '$2b$10$' || substr(replace(encode(decode(md5(random()::text) || md5(random()::text) || md5(random()::text), 'hex'), 'base64'), '+', '.'), 1, 53),
  pg_temp.ip(), pg_temp.ts('2025-01-01', '2025-11-30')
FROM generate_series(1, 2000) g;

CREATE TABLE travel.tour_participants (id serial PRIMARY KEY, tour_code text, ho_ten text, ngay_sinh text, so_ho_chieu text,
  sdt text, ghi_chu_suc_khoe text, phong_so text);
INSERT INTO travel.tour_participants (tour_code, ho_ten, ngay_sinh, so_ho_chieu, sdt, ghi_chu_suc_khoe, phong_so)
SELECT pg_temp.pick('{TOUR-DN-0425,TOUR-JP-0525,TOUR-KR-0625,TOUR-SG-0725,TOUR-TL-0825,TOUR-EU-0925}'), pg_temp.dirty(pg_temp.hoten(m)),
  CASE WHEN random() < 0.8 THEN to_char(dob, 'DD/MM/YYYY') ELSE to_char(dob, 'DD-MM-YYYY') END,
  pg_temp.pick('{C,C,C,P}') || pg_temp.dig(7), pg_temp.fphone(pg_temp.mobile()),
  pg_temp.pick('{Không,Không,Không,Không,Không,Huyết áp cao,Tiểu đường type 2,Say xe,Dị ứng hải sản,Đang mang thai 4 tháng,Hen suyễn}'),
  pg_temp.pick('{A,B,C}') || (100 + floor(random() * 320)::int)
FROM (SELECT random() < 0.5 m, pg_temp.birth(1945, 2018) dob FROM generate_series(1, 1500) g OFFSET 0) s;

-- ===================================================================
-- ride: ride-hailing (drivers, riders, trips with GPS, ratings)
-- ===================================================================
CREATE SCHEMA ride;
CREATE TABLE ride.surge_zones (zone_id int PRIMARY KEY, zone_name text, center_lat numeric(9,6), center_lng numeric(9,6), multiplier numeric(3,1));
INSERT INTO ride.surge_zones VALUES
 (1, 'Quận 1 - Bến Thành', 10.772600, 106.698000, 1.5), (2, 'Tân Sơn Nhất', 10.818800, 106.651900, 1.8),
 (3, 'Thủ Đức - Làng Đại học', 10.870000, 106.803000, 1.2), (4, 'Hoàn Kiếm', 21.028500, 105.854200, 1.4),
 (5, 'Nội Bài', 21.218700, 105.804200, 2.0), (6, 'Cầu Giấy', 21.036200, 105.790400, 1.3),
 (7, 'Mỹ Đình', 21.028000, 105.778200, 1.3), (8, 'Hải Châu', 16.060000, 108.220000, 1.2),
 (9, 'Phú Mỹ Hưng', 10.729500, 106.719000, 1.4), (10, 'Bình Thạnh', 10.810600, 106.709100, 1.2),
 (11, 'Long Biên', 21.047400, 105.892300, 1.1), (12, 'Sơn Trà', 16.106200, 108.251000, 1.1);

CREATE TABLE ride.drivers (driver_id serial PRIMARY KEY, full_name text, phone text, so_gplx text, cccd text, bien_so text,
  vehicle_model text, avatar text, rating_avg numeric(3,2), bank_account_no text, bank_name text, so_bhxh text,
  joined_at timestamptz, status text);
INSERT INTO ride.drivers (full_name, phone, so_gplx, cccd, bien_so, vehicle_model, avatar, rating_avg, bank_account_no,
  bank_name, so_bhxh, joined_at, status)
SELECT pg_temp.dirty(n), pg_temp.fphone(pg_temp.mobile()), pg_temp.pick('{79,01,30,29,51,48}') || pg_temp.dig(10), pg_temp.cccd(dob, m),
  pg_temp.plate(moto), CASE WHEN moto THEN pg_temp.pick('{Honda Vision,Honda Wave Alpha,Yamaha Sirius,Honda Air Blade,Yamaha Exciter}')
                            ELSE pg_temp.pick('{Toyota Vios,Hyundai Accent,Kia Morning,VinFast VF e34,Mitsubishi Xpander}') END,
  'https://cdn.ridevn.app/avatars/drv_' || substr(md5(random()::text), 1, 16) || '.jpg', round((4 + random())::numeric, 2),
  CASE pg_temp.pick('{VCB,TCB,MB,BIDV,ACB}') WHEN 'VCB' THEN '10' || pg_temp.dig(11) WHEN 'TCB' THEN '19' || pg_temp.dig(12)
       WHEN 'MB' THEN '0' || pg_temp.dig(12) WHEN 'BIDV' THEN '31' || pg_temp.dig(10) ELSE pg_temp.dig(8) END,
  pg_temp.pick('{Vietcombank,Techcombank,MB Bank,BIDV,ACB,VPBank}'),
  CASE WHEN random() < 0.6 THEN pg_temp.pick('{01,79,31,48}') || pg_temp.dig(8) END,
  pg_temp.ts('2019-01-01', '2025-11-30'), pg_temp.pick('{ACTIVE,ACTIVE,ACTIVE,SUSPENDED,OFFBOARDED}')
FROM (SELECT true m, pg_temp.hoten(random() < 0.92) n, pg_temp.birth(1965, 2003) dob, random() < 0.8 moto FROM generate_series(1, 1500) g OFFSET 0) s;

CREATE TABLE ride.riders (rider_id bigserial PRIMARY KEY, display_name text, phone_e164 text, email text, birth_year int,
  referral_code text, home_lat double precision, home_lng double precision, created_at timestamptz);
INSERT INTO ride.riders (display_name, phone_e164, email, birth_year, referral_code, home_lat, home_lng, created_at)
SELECT CASE WHEN random() < 0.8 THEN pg_temp.dirty(n) ELSE split_part(n, ' ', 3) END, '+84' || substr(pg_temp.mobile(), 2),
  CASE WHEN random() < 0.6 THEN pg_temp.email(pg_temp.unacc(n), dob) END, CASE WHEN random() < 0.7 THEN extract(year FROM dob)::int END,
  upper(substr(md5(random()::text), 1, 8)),
  CASE WHEN random() < 0.5 THEN CASE WHEN hn THEN 21.0 + random() * 0.08 ELSE 10.72 + random() * 0.12 END END,
  NULL, pg_temp.ts('2020-01-01', '2025-11-30')
FROM (SELECT pg_temp.hoten(random() < 0.5) n, pg_temp.birth(1960, 2007) dob, random() < 0.5 hn FROM generate_series(1, 4000) g OFFSET 0) s;
UPDATE ride.riders SET home_lng = CASE WHEN home_lat > 20 THEN 105.78 + random() * 0.1 ELSE 106.62 + random() * 0.12 END WHERE home_lat IS NOT NULL;

CREATE TABLE ride.trips (trip_id bigint PRIMARY KEY, trip_code text, rider_id bigint, driver_id int, pickup_lat numeric(9,6),
  pickup_lng numeric(9,6), dropoff_lat numeric(9,6), dropoff_lng numeric(9,6), pickup_address text, dropoff_address text,
  requested_at timestamptz, distance_km numeric(6,2), fare_vnd int, surge numeric(3,1), payment text, polyline text);
INSERT INTO ride.trips
SELECT 7000000000 + g * 13, 'VN-' || to_char(t, 'YYMM') || '-' || upper(substr(md5(random()::text), 1, 7)),
  1 + floor(random() * 4000)::int, 1 + floor(random() * 1500)::int,
  round(la::numeric, 6), round(lo::numeric, 6), round((la + (random() - 0.5) * 0.08)::numeric, 6), round((lo + (random() - 0.5) * 0.08)::numeric, 6),
  CASE WHEN random() < 0.5 THEN pg_temp.addr() ELSE pg_temp.pick('{Vincom Center Bà Triệu,Sân bay Tân Sơn Nhất - Ga quốc nội,Bến xe Mỹ Đình,AEON Mall Long Biên,Landmark 81,Bệnh viện Chợ Rẫy,Đại học Bách Khoa Hà Nội}') END,
  CASE WHEN random() < 0.5 THEN pg_temp.addr() ELSE pg_temp.pick('{Lotte Center Hà Nội,Sân bay Nội Bài - T1,Chợ Bến Thành,Times City,Crescent Mall,Bệnh viện Bạch Mai,Keangnam Landmark}') END,
  t, round((1 + random() * 25)::numeric, 2), (12 + floor(random() * 250)::int) * 1000, pg_temp.pick('{1.0,1.0,1.0,1.2,1.5}')::numeric,
  pg_temp.pick('{cash,cash,momo,zalopay,card}'),
  replace(encode(decode(md5(random()::text) || md5(random()::text), 'hex'), 'base64'), '/', '_')
FROM (SELECT g, pg_temp.ts('2025-01-01', '2025-11-30') t, CASE WHEN random() < 0.5 THEN 21.0 + random() * 0.08 ELSE 10.72 + random() * 0.12 END la
      FROM generate_series(1, 5000) g OFFSET 0) a,
 LATERAL (SELECT CASE WHEN a.la > 20 THEN 105.78 + random() * 0.1 ELSE 106.62 + random() * 0.12 END lo) b;

CREATE TABLE ride.ratings (trip_id bigint, stars smallint, comment text, created_at timestamptz);
INSERT INTO ride.ratings
SELECT 7000000000 + (1 + floor(random() * 5000)::int) * 13, s,
  CASE WHEN random() < 0.5 THEN NULL WHEN s >= 4 THEN pg_temp.pick('{Tài xế thân thiện,Xe sạch,Đúng giờ,Chạy an toàn,ok,5 sao}')
       ELSE pg_temp.pick('{Tài xế chạy ẩu,Đến trễ 15 phút,Xe có mùi thuốc lá,Đi đường vòng,Thái độ không tốt}') END,
  pg_temp.ts('2025-01-01', '2025-11-30')
FROM (SELECT pg_temp.pick('{5,5,5,5,4,4,3,2,1}')::smallint s FROM generate_series(1, 3000) g OFFSET 0) x;

CREATE TABLE ride.driver_locations_ping (driver_id int, lat double precision, lng double precision, recorded_at timestamptz, speed_kmh real);

-- ===================================================================
-- learn: an e-learning platform
-- ===================================================================
CREATE SCHEMA learn;
CREATE TABLE learn.courses (course_code text PRIMARY KEY, title text, giang_vien text, price int, hotline_ho_tro text);
INSERT INTO learn.courses
SELECT c, t, pg_temp.hoten(random() < 0.5), p, '1900 636 ' || (100 + g)
FROM unnest('{IELTS-65,IELTS-75,TOEIC-750,PY-101,PY-201,JS-FULL,SQL-BASIC,EXCEL-PRO,KETOAN-01,MKT-DIGI,TOAN-12,LY-12,HOA-12,VAN-12,ANH-12,JP-N3,KR-TOPIK2,DESIGN-PS,DATA-AN,PM-AGILE}'::text[],
            '{IELTS mục tiêu 6.5,IELTS mục tiêu 7.5,TOEIC 750+,Python cơ bản,Python nâng cao,Lập trình JavaScript toàn diện,SQL cho người mới,Excel chuyên nghiệp,Kế toán thực hành,Digital Marketing,Luyện thi Toán 12,Luyện thi Lý 12,Luyện thi Hóa 12,Luyện thi Văn 12,Luyện thi Anh 12,Tiếng Nhật N3,Tiếng Hàn TOPIK II,Photoshop cơ bản,Phân tích dữ liệu,Quản lý dự án Agile}'::text[],
            '{1990000,2490000,1490000,899000,1290000,2990000,699000,499000,1590000,1890000,990000,990000,990000,990000,990000,2190000,2190000,599000,2590000,1790000}'::int[])
  WITH ORDINALITY AS x(c, t, p, g);

CREATE TABLE learn.hocvien (id serial PRIMARY KEY, "hoTen" text, email text, "soDienThoai" text, "ngaySinh" date, "tenDangNhap" text,
  "matKhau" text, "anhDaiDien" text, "truongHoc" text, "sdtPhuHuynh" text, "createdAt" timestamptz);
INSERT INTO learn.hocvien ("hoTen", email, "soDienThoai", "ngaySinh", "tenDangNhap", "matKhau", "anhDaiDien", "truongHoc", "sdtPhuHuynh", "createdAt")
SELECT pg_temp.dirty(n), pg_temp.email(pg_temp.unacc(n), dob), CASE WHEN random() < 0.85 THEN pg_temp.fphone(pg_temp.mobile()) END, dob,
  lower(replace(pg_temp.unacc(split_part(n, ' ', 3)), ' ', '')) || to_char(dob, 'YY') || floor(random() * 100)::int, md5(random()::text),
  CASE WHEN random() < 0.6 THEN 'https://static.hoconline.vn/u/' || floor(random() * 900000)::int || '/avatar.png' END,
  pg_temp.pick('{THPT Chu Văn An,THPT Lê Hồng Phong,THPT Nguyễn Thị Minh Khai,Đại học Bách Khoa,Đại học Kinh tế Quốc dân,THCS Cầu Giấy,Đại học FPT,Đã đi làm}'),
  CASE WHEN dob > date '2006-01-01' THEN pg_temp.fphone(pg_temp.mobile()) END, pg_temp.ts('2021-01-01', '2025-11-30')
FROM (SELECT pg_temp.hoten(random() < 0.5) n, pg_temp.birth(1985, 2012) dob FROM generate_series(1, 3000) g OFFSET 0) s;

CREATE TABLE learn.enrolments (enrol_id bigserial PRIMARY KEY, learner_id int, course_code text, enrolled_at timestamptz,
  progress_pct smallint, price_paid int, coupon text);
INSERT INTO learn.enrolments (learner_id, course_code, enrolled_at, progress_pct, price_paid, coupon)
SELECT 1 + floor(random() * 3000)::int, pg_temp.pick('{IELTS-65,IELTS-75,TOEIC-750,PY-101,PY-201,JS-FULL,SQL-BASIC,EXCEL-PRO,KETOAN-01,MKT-DIGI,TOAN-12,LY-12,HOA-12,VAN-12,ANH-12,JP-N3,KR-TOPIK2,DESIGN-PS,DATA-AN,PM-AGILE}'),
  pg_temp.ts('2022-01-01', '2025-11-30'), floor(random() * 101)::smallint, (4 + floor(random() * 26)::int) * 100000,
  CASE WHEN random() < 0.3 THEN pg_temp.pick('{SALE50,BACK2SCHOOL,TET2025,FLASH30,HSSV20}') END
FROM generate_series(1, 5000) g;

CREATE TABLE learn.quiz_attempts (attempt_id bigserial PRIMARY KEY, learner_id int, quiz_id int, score numeric(4,2),
  started_at timestamptz, duration_s int, ip text, user_agent text);
INSERT INTO learn.quiz_attempts (learner_id, quiz_id, score, started_at, duration_s, ip, user_agent)
SELECT 1 + floor(random() * 3000)::int, 100 + floor(random() * 400)::int, round((random() * 10)::numeric, 2),
  pg_temp.ts('2024-01-01', '2025-11-30'), 60 + floor(random() * 3500)::int, pg_temp.ip(), pg_temp.ua()
FROM generate_series(1, 5000) g;

CREATE TABLE learn.forum_posts (post_id bigserial PRIMARY KEY, author_id int, thread_id int, body text, created_at timestamptz);
INSERT INTO learn.forum_posts (author_id, thread_id, body, created_at)
SELECT 1 + floor(random() * 3000)::int, 1 + floor(random() * 400)::int,
  pg_temp.pick(ARRAY['Mọi người ơi cho em hỏi bài 3 phần Reading làm sao ạ?', 'Cảm ơn thầy, bài giảng rất dễ hiểu!',
    'Em bị lỗi không nộp được bài, ai giúp em với', 'Có ai học nhóm IELTS tối thứ 7 không, ib mình nhé',
    'Dạo này em stress quá vì bố mẹ ly thân, không tập trung học được', 'Đáp án câu 12 hình như sai ạ',
    'Zalo mình 09' || pg_temp.dig(8) || ', ai cần tài liệu thì nhắn', 'Khóa này có cấp chứng chỉ không admin?',
    'Mình đang điều trị trầm cảm nên học chậm, có ai giống mình không', 'Link tài liệu bị hỏng rồi ạ']),
  pg_temp.ts('2023-01-01', '2025-11-30')
FROM generate_series(1, 2500) g;

-- ===================================================================
-- bankcrm: a commercial bank's CRM (legacy core tables in upper case)
-- ===================================================================
CREATE SCHEMA bankcrm;
CREATE TABLE bankcrm.branches (branch_cd text PRIMARY KEY, branch_name text, address text, phone text, swift text, manager_name text);
INSERT INTO bankcrm.branches
SELECT lpad((100 + g * 3)::text, 3, '0'), 'Chi nhánh ' || b, 'Số ' || (10 + g * 11) || ' ' || pg_temp.street() || ', ' || b,
  pg_temp.landline(), 'VBNKVNVX' || CASE WHEN g = 1 THEN 'XXX' ELSE lpad(g::text, 3, '0') END, pg_temp.hoten(random() < 0.6)
FROM unnest('{Hà Nội,Hoàn Kiếm,Ba Đình,Đống Đa,Cầu Giấy,Thăng Long,Sài Gòn,Bến Thành,Tân Bình,Gia Định,Thủ Đức,Đà Nẵng,Hải Phòng,Cần Thơ,Bắc Ninh,Đồng Nai,Bình Dương,Nghệ An,Khánh Hòa,Quảng Ninh}'::text[]) WITH ORDINALITY AS x(b, g);

CREATE TABLE bankcrm."CUSTOMER" ("CIF_NO" text PRIMARY KEY, "CUST_NAME" text, "ID_NO" text, "ID_TYPE" text, "BIRTH_DT" char(8),
  "SEX" char(1), "MOBILE" text, "EMAIL" text, "ADDR1" text, "TAX_CODE" text, "SEGMENT" text, "BRANCH_CD" text, "OPEN_DT" char(8));
INSERT INTO bankcrm."CUSTOMER"
SELECT lpad((1000000 + g * 97)::text, 10, '0'), upper(pg_temp.unacc(n)),
  CASE WHEN idt = 'CCCD' THEN pg_temp.cccd(dob, m) WHEN idt = 'CMND' THEN pg_temp.dig(9) ELSE 'C' || pg_temp.dig(7) END, idt,
  to_char(dob, 'YYYYMMDD'), CASE WHEN m THEN 'M' ELSE 'F' END, CASE WHEN random() < 0.9 THEN pg_temp.mobile() ELSE '84' || substr(pg_temp.mobile(), 2) END,
  CASE WHEN random() < 0.7 THEN upper(pg_temp.email(pg_temp.unacc(n), dob)) END, upper(pg_temp.unacc(pg_temp.addr())),
  CASE WHEN random() < 0.4 THEN pg_temp.mst('80') WHEN random() < 0.5 THEN pg_temp.cccd(dob, m) END,
  pg_temp.pick('{MASS,MASS,MASS,MASS_AFFLUENT,PRIORITY,PRIVATE}'), lpad((100 + (1 + floor(random() * 20)::int) * 3)::text, 3, '0'),
  to_char(pg_temp.birth(2008, 2025), 'YYYYMMDD')
FROM (SELECT g, m, pg_temp.hoten(m) n, pg_temp.birth(1950, 2006) dob, pg_temp.pick('{CCCD,CCCD,CCCD,CCCD,CMND,HC}') idt
      FROM (SELECT g, random() < 0.5 m FROM generate_series(1, 2500) g OFFSET 0) a OFFSET 0) s;

CREATE TABLE bankcrm.accounts (acct_no text PRIMARY KEY, cif_no text, acct_type text, ccy char(3), balance numeric(18,2), open_date date, status text);
INSERT INTO bankcrm.accounts
SELECT '1' || lpad((g * 7)::text, 4, '0') || pg_temp.dig(8), lpad((1000000 + (1 + floor(random() * 2500)::int) * 97)::text, 10, '0'),
  pg_temp.pick('{CASA,CASA,CASA,TD,TD,LOAN}'), CASE WHEN random() < 0.95 THEN 'VND' ELSE 'USD' END,
  round((random() ^ 3 * 2000000000)::numeric, 0), pg_temp.birth(2008, 2025), pg_temp.pick('{ACTIVE,ACTIVE,ACTIVE,DORMANT,CLOSED}')
FROM generate_series(1, 3000) g;

CREATE TABLE bankcrm.cards (card_id serial PRIMARY KEY, so_the text, pan_masked text, pan_token text, expiry text,
  cardholder_name text, credit_limit bigint, card_product text);
INSERT INTO bankcrm.cards (so_the, pan_masked, pan_token, expiry, cardholder_name, credit_limit, card_product)
SELECT p, left(p, 6) || '******' || right(p, 4), 'tok_' || md5(p || random()::text), lpad((1 + floor(random() * 12)::int)::text, 2, '0') || '/' || (26 + floor(random() * 5)::int),
  upper(pg_temp.unacc(pg_temp.hoten(random() < 0.5))), CASE WHEN pr LIKE '%Credit%' OR pr LIKE 'Visa%' THEN (1 + floor(random() * 20)::int) * 10000000 END, pr
FROM (SELECT CASE WHEN pr LIKE 'Napas%' THEN pg_temp.pan('970436', 16) WHEN pr LIKE 'Visa%' THEN pg_temp.pan('4' || pg_temp.pick('{21394,53618,19736}'), 16) ELSE pg_temp.pan('5' || pg_temp.pick('{12345,24364,31987}'), 16) END p, pr
      FROM (SELECT pg_temp.pick('{Napas Debit,Napas Debit,Visa Platinum Credit,Visa Debit,Mastercard Credit World}') pr FROM generate_series(1, 2500) g OFFSET 0) a OFFSET 0) s;

CREATE TABLE bankcrm.transactions (txn_id bigserial PRIMARY KEY, txn_ref text, acct_no text, txn_time timestamptz, amount numeric(18,2),
  dr_cr char(1), narrative text, counterparty_acct text, counterparty_name text, channel text, mcc text);
INSERT INTO bankcrm.transactions (txn_ref, acct_no, txn_time, amount, dr_cr, narrative, counterparty_acct, counterparty_name, channel, mcc)
SELECT 'FT' || to_char(t, 'YYDDD') || pg_temp.dig(9), '1' || lpad(((1 + floor(random() * 3000)::int) * 7)::text, 4, '0') || pg_temp.dig(8), t,
  (1 + floor(random() * 500)::int) * 10000, dc,
  CASE WHEN ch = 'POS' THEN 'THANH TOAN THE TAI ' || pg_temp.pick('{WINMART,CIRCLE K,HIGHLANDS COFFEE,GRAB*,SHOPEE,CGV CINEMAS}')
       ELSE upper(pg_temp.unacc(cp)) || ' ' || pg_temp.pick('{chuyen tien,tra tien nha thang 10,hoan tien,tien hoc cho con,gui me,tra no,ck luong}') || CASE WHEN random() < 0.2 THEN ' ' || pg_temp.mobile() ELSE '' END END,
  CASE WHEN ch <> 'POS' THEN pg_temp.pick('{0,1,19,10,31}') || pg_temp.dig(11) END, CASE WHEN ch <> 'POS' THEN upper(pg_temp.unacc(cp)) END,
  ch, CASE WHEN ch = 'POS' THEN pg_temp.pick('{5411,5499,5812,5814,4121,5311,7832}') END
FROM (SELECT pg_temp.ts('2025-06-01', '2025-11-30') t, pg_temp.pick('{D,C}') dc, pg_temp.pick('{IB,MB,MB,MB,POS,POS,ATM,COUNTER}') ch, pg_temp.hoten(random() < 0.5) cp
      FROM generate_series(1, 5000) g OFFSET 0) s;

CREATE TABLE bankcrm.complaints (ticket_no text PRIMARY KEY, cif_no text, kenh text, noi_dung text, nguoi_xu_ly text, sdt_lien_he text, ngay_tiep_nhan timestamptz);
INSERT INTO bankcrm.complaints
SELECT 'CRM-' || to_char(t, 'YYYYMM') || '-' || lpad(g::text, 5, '0'), lpad((1000000 + (1 + floor(random() * 2500)::int) * 97)::text, 10, '0'),
  pg_temp.pick('{Hotline 1900 545413,Quầy giao dịch,Email,App}'),
  pg_temp.pick(ARRAY['Giao dịch chuyển tiền 5.000.000đ bị trừ tiền nhưng người nhận chưa nhận được',
    'Thẻ bị trừ phí thường niên sai', 'Khách hàng bị lừa đảo chuyển 120 triệu cho đối tượng giả danh công an',
    'Không đăng nhập được app, đã đổi điện thoại', 'Phí phạt trả chậm thẻ tín dụng không đúng', 'Yêu cầu sao kê 6 tháng để làm hồ sơ vay',
    'Khách hàng khiếu nại nhân viên tư vấn bảo hiểm sai sự thật', 'ATM nuốt thẻ tại PGD Tân Bình']),
  pg_temp.hoten(random() < 0.4), CASE WHEN random() < 0.8 THEN pg_temp.fphone(pg_temp.mobile()) END, t
FROM (SELECT g, pg_temp.ts('2024-06-01', '2025-11-30') t FROM generate_series(1, 1500) g OFFSET 0) s;

-- ===================================================================
-- gym: a fitness and spa chain
-- ===================================================================
CREATE SCHEMA gym;
CREATE TABLE gym.promo_codes (code text PRIMARY KEY, discount_pct int, valid_to date);
INSERT INTO gym.promo_codes VALUES ('NEWYEAR26', 20, '2026-02-15'), ('SUMMERFIT', 15, '2025-08-31'), ('REFER500K', 10, '2026-12-31'),
  ('STUDENT30', 30, '2026-06-30'), ('BLACKFRI', 40, '2025-11-30'), ('COUPLE2025', 25, '2025-12-31'), ('PT5FREE', 0, '2026-03-31');

CREATE TABLE gym.members (member_id serial PRIMARY KEY, ho_ten text, sdt text, email text, ngay_sinh date, gioi_tinh smallint,
  chieu_cao_cm smallint, can_nang_kg numeric(5,1), tien_su_benh text, van_tay text, face_embedding text, anh_the text,
  goi_tap text, ngay_het_han date, pt_id int);
INSERT INTO gym.members (ho_ten, sdt, email, ngay_sinh, gioi_tinh, chieu_cao_cm, can_nang_kg, tien_su_benh, van_tay, face_embedding,
  anh_the, goi_tap, ngay_het_han, pt_id)
SELECT pg_temp.dirty(n), pg_temp.fphone(pg_temp.mobile()), CASE WHEN random() < 0.7 THEN pg_temp.email(pg_temp.unacc(n), dob) END, dob,
  CASE WHEN m THEN 1 ELSE 0 END, CASE WHEN m THEN 160 + floor(random() * 25)::int ELSE 150 + floor(random() * 20)::int END,
  round((45 + random() * 45)::numeric, 1),
  pg_temp.pick('{Không,Không,Không,Không,Không,Thoát vị đĩa đệm L4-L5,Huyết áp cao,Hen suyễn,Tim mạch - đã đặt stent,Tiểu đường,Chấn thương dây chằng gối}'),
  CASE WHEN random() < 0.8 THEN replace(encode(decode(md5(random()::text) || md5(random()::text) || md5(random()::text) || md5(random()::text), 'hex'), 'base64'), E'\n', '') END,
  CASE WHEN random() < 0.5 THEN '[' || (SELECT string_agg(round((random() - 0.5)::numeric, 4)::text, ',') FROM generate_series(1, 16 + (m::int * 0))) || ']' END,
  CASE WHEN random() < 0.7 THEN 'members/' || floor(random() * 999999)::int || '/photo.jpg' END,
  pg_temp.pick('{GOLD-12M,SILVER-6M,PLATINUM-12M,YOGA-3M,PT-24S,SPA-10}'), pg_temp.birth(2025, 2026), CASE WHEN random() < 0.3 THEN 1 + floor(random() * 40)::int END
FROM (SELECT m, pg_temp.hoten(m) n, pg_temp.birth(1965, 2007) dob FROM (SELECT random() < 0.45 m FROM generate_series(1, 2000) g OFFSET 0) a OFFSET 0) s;

CREATE TABLE gym.checkins (id bigserial PRIMARY KEY, member_id int, club_code text, checkin_at timestamptz, door text);
INSERT INTO gym.checkins (member_id, club_code, checkin_at, door)
SELECT 1 + floor(random() * 2000)::int, pg_temp.pick('{HN-BT,HN-CG,HN-TX,SG-Q1,SG-Q7,SG-TB,DN-HC}'), pg_temp.ts('2025-06-01', '2025-11-30'),
  pg_temp.pick('{Cửa chính,Cửa chính,Cửa hồ bơi,Cửa spa}')
FROM generate_series(1, 5000) g;

CREATE TABLE gym.body_metrics (member_id int, measured_on date, weight_kg numeric(5,1), body_fat_pct numeric(4,1), bmi numeric(4,1),
  huyet_ap text, note_pt text);
INSERT INTO gym.body_metrics
SELECT 1 + floor(random() * 2000)::int, pg_temp.birth(2025, 2025), w, round((12 + random() * 25)::numeric, 1), round(w / (h * h), 1),
  (100 + floor(random() * 50)::int) || '/' || (60 + floor(random() * 30)::int),
  pg_temp.pick('{Tiến bộ tốt,Cần giảm tinh bột,Đau lưng - tránh deadlift,Tăng cơ 1.2kg so với tháng trước,Huyết áp hơi cao - tập nhẹ,Mới sinh con 6 tháng}')
FROM (SELECT round((45 + random() * 45)::numeric, 1) w, (1.5 + random() * 0.35)::numeric h FROM generate_series(1, 3000) g OFFSET 0) s;

-- ===================================================================
-- labels: every column of the schemas above
-- ===================================================================
CREATE TABLE public.discover_labels (relation text, column_name text, category text, acceptable text[], note text,
  PRIMARY KEY (relation, column_name));
INSERT INTO public.discover_labels VALUES
-- lending
('lending.san_pham_vay','ma_sp',NULL,NULL,'product code'),
('lending.san_pham_vay','ten_sp',NULL,NULL,'product name'),
('lending.san_pham_vay','lai_suat_nam',NULL,NULL,'product interest rate'),
('lending.san_pham_vay','han_muc_toi_da',NULL,NULL,'product limit'),
('lending.san_pham_vay','ky_han_toi_da',NULL,NULL,'product tenor'),
('lending.san_pham_vay','hotline',NULL,NULL,'company hotline, not a person''s phone'),
('lending.khach_hang','id',NULL,NULL,'surrogate key'),
('lending.khach_hang','ma_kh',NULL,'{other_identifying}','internal customer code; most DBAs leave it untagged'),
('lending.khach_hang','ho_ten','full_name',NULL,NULL),
('lending.khach_hang','ngay_sinh','date_of_birth',NULL,NULL),
('lending.khach_hang','gioi_tinh','gender',NULL,'Nam/Nữ'),
('lending.khach_hang','so_cccd','identity_number',NULL,'12-digit CCCD, 10% old 9-digit CMND'),
('lending.khach_hang','ngay_cap_cccd','other_identifying','{identity_number}','issue date of the ID card: part of the identity document data'),
('lending.khach_hang','noi_cap',NULL,NULL,'issuing authority, a handful of agency names'),
('lending.khach_hang','sdt','phone_number',NULL,'mixed formats'),
('lending.khach_hang','email','email_address',NULL,NULL),
('lending.khach_hang','dia_chi_thuong_tru','address',NULL,'permanent residence'),
('lending.khach_hang','dia_chi_hien_tai','address',NULL,'current residence; 40% "Như thường trú"'),
('lending.khach_hang','nghe_nghiep','other_identifying','{banking_customer_info}','occupation of a borrower: no category names it'),
('lending.khach_hang','thu_nhap_thang','banking_customer_info','{other_identifying}','monthly income declared to a lender: financial/credit information'),
('lending.khach_hang','tinh_trang_hon_nhan','marital_status',NULL,NULL),
('lending.khach_hang','created_at',NULL,NULL,'record timestamp'),
('lending.khach_hang','updated_by',NULL,NULL,'staff/system user that last edited the row'),
('lending.loan_applications','app_id',NULL,NULL,'surrogate key'),
('lending.loan_applications','app_no',NULL,NULL,'application reference'),
('lending.loan_applications','customer_id',NULL,NULL,'foreign key'),
('lending.loan_applications','product_code',NULL,NULL,'product code'),
('lending.loan_applications','requested_amount','banking_customer_info','{other_identifying}','loan amount of a customer of a credit institution (real doubt: amount alone)'),
('lending.loan_applications','tenor_months',NULL,'{banking_customer_info}','loan term; small integers'),
('lending.loan_applications','interest_rate',NULL,'{banking_customer_info}','rate of the loan'),
('lending.loan_applications','purpose','banking_customer_info','{other_identifying}','loan purpose (e.g. medical treatment, wedding): credit information'),
('lending.loan_applications','status',NULL,NULL,'workflow status'),
('lending.loan_applications','submitted_at',NULL,NULL,'business event timestamp'),
('lending.loan_applications','employer_name','other_identifying','{banking_customer_info}','the applicant''s employer (company names): ties the person to a workplace'),
('lending.loan_applications','employer_tax_code',NULL,NULL,'look-alike: company tax code (10 digits, valid check digit) of the employer'),
('lending.loan_applications','employer_phone',NULL,'{phone_number}','employer''s landline: company data, though a DBA may tag it'),
('lending.loan_applications','credit_score','banking_customer_info','{other_identifying}','credit score 300-900'),
('lending.loan_applications','ref_name','full_name','{family_relationship}','reference person (relative or colleague)'),
('lending.loan_applications','ref_phone','phone_number',NULL,'reference person''s phone'),
('lending.loan_applications','ref_relation','family_relationship',NULL,'Bố/Mẹ/Vợ/Chồng/... or colleague'),
('lending.ekyc_sessions','sessionId',NULL,NULL,'uuid'),
('lending.ekyc_sessions','applicantId',NULL,NULL,'foreign key'),
('lending.ekyc_sessions','idFrontUrl','identity_document_image',NULL,'URL of the ID card front image'),
('lending.ekyc_sessions','idBackUrl','identity_document_image',NULL,'URL of the ID card back image'),
('lending.ekyc_sessions','selfieUrl','personal_image','{biometric_data}','selfie for face match'),
('lending.ekyc_sessions','faceMatchScore','biometric_data','{other_identifying}','result of biometric face comparison (real doubt)'),
('lending.ekyc_sessions','livenessResult',NULL,'{biometric_data}','PASS/FAIL'),
('lending.ekyc_sessions','ocrFullName','full_name',NULL,'upper case, with diacritics'),
('lending.ekyc_sessions','ocrIdNumber','identity_number',NULL,'12-digit CCCD'),
('lending.ekyc_sessions','ocrDob','date_of_birth',NULL,'text dd/mm/yyyy'),
('lending.ekyc_sessions','ocrAddress','address',NULL,'upper case'),
('lending.ekyc_sessions','ocrHometown','address',NULL,'quê quán (hometown), e.g. "Xã Nghi Lộc, Huyện Nghi Lộc, Nghệ An"'),
('lending.ekyc_sessions','ocrNationality','nationality',NULL,'VIỆT NAM'),
('lending.ekyc_sessions','deviceId','online_activity','{digital_account,other_identifying}','device identifier (uuid) used for tracking'),
('lending.ekyc_sessions','ipAddress','online_activity','{digital_account,other_identifying}','IP address of the session'),
('lending.ekyc_sessions','vendor',NULL,NULL,'eKYC vendor name'),
('lending.ekyc_sessions','createdAt',NULL,NULL,'timestamp'),
('lending.repayment_schedule','id',NULL,NULL,'surrogate key'),
('lending.repayment_schedule','loan_id',NULL,NULL,'foreign key'),
('lending.repayment_schedule','ky_tra',NULL,NULL,'installment number'),
('lending.repayment_schedule','ngay_den_han',NULL,'{banking_customer_info}','due date: a date column that is not a birth date'),
('lending.repayment_schedule','so_tien_goc','banking_customer_info','{other_identifying}','principal due'),
('lending.repayment_schedule','so_tien_lai','banking_customer_info','{other_identifying}','interest due'),
('lending.repayment_schedule','da_tra','banking_customer_info','{other_identifying}','amount paid'),
('lending.repayment_schedule','ngay_thanh_toan',NULL,'{banking_customer_info}','payment date'),
('lending.repayment_schedule','trang_thai',NULL,'{banking_customer_info}','PAID/PARTIAL/DUE'),
('lending.repayment_schedule','so_ngay_qua_han','banking_customer_info','{other_identifying}','days past due: credit history'),
('lending.collection_calls','call_id',NULL,NULL,'surrogate key'),
('lending.collection_calls','loan_id',NULL,NULL,'foreign key'),
('lending.collection_calls','agent_code',NULL,NULL,'AG0012'),
('lending.collection_calls','called_number','phone_number',NULL,NULL),
('lending.collection_calls','call_start',NULL,NULL,'timestamp'),
('lending.collection_calls','duration_sec',NULL,NULL,'seconds'),
('lending.collection_calls','outcome',NULL,'{banking_customer_info}','PTP/NO_ANSWER/...'),
('lending.collection_calls','note','banking_customer_info','{other_identifying,private_life,health_record}','collector notes: repayment promises, hospital stays, divorce'),
('lending.collection_calls','recording_url','other_identifying','{biometric_data}','voice recording of the call'),
-- gov
('gov.don_vi_hanh_chinh','ma_dvhc',NULL,NULL,'ward code'),
('gov.don_vi_hanh_chinh','ten_dvhc',NULL,NULL,'ward name'),
('gov.don_vi_hanh_chinh','cap',NULL,NULL,'level'),
('gov.don_vi_hanh_chinh','ma_tinh',NULL,NULL,'province code'),
('gov.don_vi_hanh_chinh','dia_chi_tru_so',NULL,NULL,'look-alike: office address of the ward'),
('gov.don_vi_hanh_chinh','sdt_tru_so',NULL,NULL,'look-alike: office landline'),
('gov.HO_KHAU','SO_HO_KHAU','other_identifying','{identity_number}','household registration book number'),
('gov.HO_KHAU','CHU_HO','full_name',NULL,'head of household, upper case without diacritics'),
('gov.HO_KHAU','DIA_CHI','address',NULL,'registered residence, upper case without diacritics'),
('gov.HO_KHAU','MA_PHUONG',NULL,NULL,'ward code'),
('gov.HO_KHAU','NGAY_DANG_KY',NULL,'{address}','registration date'),
('gov.HO_KHAU','SDT_LIEN_HE','phone_number',NULL,'mobile or landline of the household'),
('gov.nhan_khau','id',NULL,NULL,'surrogate key'),
('gov.nhan_khau','so_ho_khau','other_identifying','{identity_number}','household book number'),
('gov.nhan_khau','hoten','full_name',NULL,NULL),
('gov.nhan_khau','ngaysinh','date_of_birth',NULL,NULL),
('gov.nhan_khau','gioitinh','gender',NULL,NULL),
('gov.nhan_khau','quanhechuho','family_relationship',NULL,'relationship to the head of household'),
('gov.nhan_khau','dantoc','racial_ethnic_origin',NULL,'ethnic group'),
('gov.nhan_khau','tongiao','political_religious_views',NULL,'religion'),
('gov.nhan_khau','quoctich','nationality',NULL,NULL),
('gov.nhan_khau','socccd','identity_number',NULL,'NULL for children'),
('gov.nhan_khau','nghenghiep','other_identifying',NULL,'occupation'),
('gov.nhan_khau','noisinh','address',NULL,'place of birth (hospital or commune): Art.3(d)'),
('gov.nhan_khau','quequan','address',NULL,'hometown: Art.3(d)'),
('gov.nhan_khau','ngaychuyenden',NULL,'{address,other_identifying}','date moved in'),
('gov.nhan_khau','ngaymat','date_of_birth',NULL,'date of death: Art.3(b) covers it; mostly NULL'),
('gov.nhan_khau','trinhdohocvan','other_identifying',NULL,'education level'),
('gov.ho_so_tthc','ma_ho_so',NULL,NULL,'official dossier code'),
('gov.ho_so_tthc','thu_tuc',NULL,'{other_identifying}','procedure name'),
('gov.ho_so_tthc','nguoi_nop','full_name',NULL,'applicant'),
('gov.ho_so_tthc','sdt_nguoi_nop','phone_number',NULL,NULL),
('gov.ho_so_tthc','email_nguoi_nop','email_address',NULL,'60% NULL'),
('gov.ho_so_tthc','cccd_nguoi_nop','identity_number',NULL,NULL),
('gov.ho_so_tthc','ngay_nhan',NULL,NULL,'timestamp'),
('gov.ho_so_tthc','ngay_hen_tra',NULL,NULL,'appointment date'),
('gov.ho_so_tthc','trang_thai',NULL,NULL,'status'),
('gov.ho_so_tthc','can_bo_xu_ly',NULL,'{account_credentials,digital_account}','official''s system account name (4 values)'),
('gov.ho_so_tthc','le_phi',NULL,NULL,'fee'),
('gov.ho_so_tthc','file_dinh_kem','identity_document_image','{other_identifying}','scans of ID cards, birth certificates, forms'),
('gov.khai_sinh','so_dang_ky',NULL,NULL,'registration number'),
('gov.khai_sinh','quyen_so',NULL,NULL,'register volume'),
('gov.khai_sinh','ten_tre','full_name',NULL,'child''s name'),
('gov.khai_sinh','ngay_sinh_tre','date_of_birth',NULL,NULL),
('gov.khai_sinh','gioi_tinh_tre','gender',NULL,NULL),
('gov.khai_sinh','noi_sinh','address',NULL,'place of birth (hospital names)'),
('gov.khai_sinh','ho_ten_me','full_name','{family_relationship}','mother''s name'),
('gov.khai_sinh','cccd_me','identity_number',NULL,NULL),
('gov.khai_sinh','ho_ten_cha','full_name','{family_relationship}','father''s name'),
('gov.khai_sinh','cccd_cha','identity_number',NULL,NULL),
('gov.khai_sinh','dan_toc_tre','racial_ethnic_origin',NULL,NULL),
('gov.khai_sinh','ngay_dang_ky',NULL,NULL,'registration date'),
('gov.ly_lich_tu_phap','so_phieu',NULL,NULL,'certificate number'),
('gov.ly_lich_tu_phap','ho_ten','full_name',NULL,NULL),
('gov.ly_lich_tu_phap','ngay_sinh','date_of_birth',NULL,NULL),
('gov.ly_lich_tu_phap','cccd','identity_number',NULL,NULL),
('gov.ly_lich_tu_phap','an_tich','criminal_record',NULL,'criminal convictions'),
('gov.ly_lich_tu_phap','muc_dich',NULL,'{other_identifying}','purpose of the request'),
('gov.ly_lich_tu_phap','ngay_cap',NULL,NULL,'issue date'),
-- travel
('travel.hotels','hotel_code',NULL,NULL,NULL),
('travel.hotels','ten_ks',NULL,NULL,'hotel name'),
('travel.hotels','dia_chi',NULL,NULL,'look-alike: hotel address'),
('travel.hotels','hotline',NULL,NULL,'look-alike: hotel phone'),
('travel.hotels','email_dat_phong',NULL,NULL,'look-alike: reservations mailbox'),
('travel.hotels','mst',NULL,NULL,'look-alike: company tax code'),
('travel.hotels','so_sao',NULL,NULL,'stars'),
('travel.hotels','lat',NULL,NULL,'look-alike: hotel coordinates'),
('travel.hotels','lng',NULL,NULL,'look-alike: hotel coordinates'),
('travel.guests','guestId',NULL,NULL,'surrogate key'),
('travel.guests','firstName','full_name',NULL,'given (and middle) name'),
('travel.guests','lastName','full_name',NULL,'family name'),
('travel.guests','email','email_address',NULL,'Vietnamese and foreign'),
('travel.guests','mobile','phone_number',NULL,'VN and foreign (+82, +1, +81, +86) numbers'),
('travel.guests','nationality','nationality',NULL,'ISO codes'),
('travel.guests','passportNo','identity_number',NULL,'VN and foreign passports; NULL for half the Vietnamese'),
('travel.guests','passportExpiry','other_identifying','{identity_number}','passport expiry date'),
('travel.guests','dob','date_of_birth',NULL,NULL),
('travel.guests','gender','gender',NULL,'M/F'),
('travel.guests','loyaltyTier',NULL,'{other_identifying}','tier'),
('travel.guests','createdAt',NULL,NULL,NULL),
('travel.guests','marketingOptIn',NULL,NULL,'boolean'),
('travel.bookings','booking_ref',NULL,NULL,'PNR-like code'),
('travel.bookings','guest_id',NULL,NULL,'foreign key'),
('travel.bookings','hotel_code',NULL,NULL,NULL),
('travel.bookings','room_type',NULL,NULL,NULL),
('travel.bookings','check_in',NULL,'{other_identifying}','stay date'),
('travel.bookings','check_out',NULL,'{other_identifying}','stay date'),
('travel.bookings','adults',NULL,NULL,NULL),
('travel.bookings','total_vnd',NULL,'{banking_customer_info}','booking amount'),
('travel.bookings','payment_method',NULL,NULL,NULL),
('travel.bookings','card_last4',NULL,'{banking_customer_info}','last 4 digits only: not card data by itself'),
('travel.bookings','special_request',NULL,'{health_record,other_identifying,private_life,political_religious_views}','mostly room wishes; sometimes allergies, diet, wheelchair (real doubt)'),
('travel.bookings','status',NULL,NULL,NULL),
('travel.bookings','created_at',NULL,NULL,NULL),
('travel.bookings','channel',NULL,NULL,NULL),
('travel.loyalty_members','member_no',NULL,'{other_identifying}','membership number'),
('travel.loyalty_members','guest_id',NULL,NULL,'foreign key'),
('travel.loyalty_members','points',NULL,'{other_identifying}',NULL),
('travel.loyalty_members','tier',NULL,NULL,NULL),
('travel.loyalty_members','enrolled_on',NULL,NULL,NULL),
('travel.loyalty_members','ten_dang_nhap','account_credentials','{digital_account,email_address}','login name (half are e-mail addresses)'),
('travel.loyalty_members','mat_khau_hash','account_credentials',NULL,'bcrypt hash'),
('travel.loyalty_members','last_login_ip','online_activity','{digital_account}',NULL),
('travel.loyalty_members','last_login_at',NULL,'{online_activity}','single timestamp; many DBAs tag the IP but not this'),
('travel.tour_participants','id',NULL,NULL,NULL),
('travel.tour_participants','tour_code',NULL,NULL,NULL),
('travel.tour_participants','ho_ten','full_name',NULL,NULL),
('travel.tour_participants','ngay_sinh','date_of_birth',NULL,'text dd/mm/yyyy or dd-mm-yyyy'),
('travel.tour_participants','so_ho_chieu','identity_number',NULL,'passport C1234567'),
('travel.tour_participants','sdt','phone_number',NULL,NULL),
('travel.tour_participants','ghi_chu_suc_khoe','health_record',NULL,'health notes'),
('travel.tour_participants','phong_so',NULL,NULL,'room number'),
-- ride
('ride.surge_zones','zone_id',NULL,NULL,NULL),
('ride.surge_zones','zone_name',NULL,NULL,NULL),
('ride.surge_zones','center_lat',NULL,NULL,'look-alike: zone coordinates'),
('ride.surge_zones','center_lng',NULL,NULL,'look-alike: zone coordinates'),
('ride.surge_zones','multiplier',NULL,NULL,NULL),
('ride.drivers','driver_id',NULL,NULL,NULL),
('ride.drivers','full_name','full_name',NULL,NULL),
('ride.drivers','phone','phone_number',NULL,NULL),
('ride.drivers','so_gplx','identity_number',NULL,'driving licence number, 12 digits'),
('ride.drivers','cccd','identity_number',NULL,NULL),
('ride.drivers','bien_so','vehicle_plate',NULL,NULL),
('ride.drivers','vehicle_model',NULL,'{other_identifying}',NULL),
('ride.drivers','avatar','personal_image',NULL,'photo URL'),
('ride.drivers','rating_avg',NULL,'{other_identifying}',NULL),
('ride.drivers','bank_account_no','banking_customer_info','{other_identifying}','driver''s payout bank account'),
('ride.drivers','bank_name',NULL,'{banking_customer_info}',NULL),
('ride.drivers','so_bhxh','tax_insurance_number',NULL,'social insurance number, 10 digits, 40% NULL'),
('ride.drivers','joined_at',NULL,NULL,NULL),
('ride.drivers','status',NULL,NULL,NULL),
('ride.riders','rider_id',NULL,NULL,NULL),
('ride.riders','display_name','full_name',NULL,'full name or given name only'),
('ride.riders','phone_e164','phone_number',NULL,'+84...'),
('ride.riders','email','email_address',NULL,NULL),
('ride.riders','birth_year','date_of_birth','{other_identifying}','integer year of birth'),
('ride.riders','referral_code',NULL,NULL,'random code'),
('ride.riders','home_lat','location_data','{address}','saved home location'),
('ride.riders','home_lng','location_data','{address}','saved home location'),
('ride.riders','created_at',NULL,NULL,NULL),
('ride.trips','trip_id',NULL,NULL,NULL),
('ride.trips','trip_code',NULL,NULL,NULL),
('ride.trips','rider_id',NULL,NULL,NULL),
('ride.trips','driver_id',NULL,NULL,NULL),
('ride.trips','pickup_lat','location_data',NULL,'GPS'),
('ride.trips','pickup_lng','location_data',NULL,'GPS'),
('ride.trips','dropoff_lat','location_data',NULL,'GPS'),
('ride.trips','dropoff_lng','location_data',NULL,'GPS'),
('ride.trips','pickup_address','location_data','{address}','where a person was picked up; half are landmarks'),
('ride.trips','dropoff_address','location_data','{address}',NULL),
('ride.trips','requested_at',NULL,'{online_activity}',NULL),
('ride.trips','distance_km',NULL,NULL,NULL),
('ride.trips','fare_vnd',NULL,'{banking_customer_info,other_identifying}',NULL),
('ride.trips','surge',NULL,NULL,NULL),
('ride.trips','payment',NULL,NULL,NULL),
('ride.trips','polyline','location_data',NULL,'encoded route (here random base64)'),
('ride.ratings','trip_id',NULL,NULL,NULL),
('ride.ratings','stars',NULL,'{other_identifying}',NULL),
('ride.ratings','comment',NULL,'{other_identifying}','short review text'),
('ride.ratings','created_at',NULL,NULL,NULL),
('ride.driver_locations_ping','driver_id',NULL,NULL,'empty table'),
('ride.driver_locations_ping','lat','location_data',NULL,'empty table: driver GPS pings'),
('ride.driver_locations_ping','lng','location_data',NULL,'empty table: driver GPS pings'),
('ride.driver_locations_ping','recorded_at',NULL,'{location_data}','empty table'),
('ride.driver_locations_ping','speed_kmh',NULL,'{location_data}','empty table'),
-- learn
('learn.courses','course_code',NULL,NULL,NULL),
('learn.courses','title',NULL,NULL,NULL),
('learn.courses','giang_vien','full_name',NULL,'instructor''s name (small table)'),
('learn.courses','price',NULL,NULL,NULL),
('learn.courses','hotline_ho_tro',NULL,NULL,'support hotline'),
('learn.hocvien','id',NULL,NULL,NULL),
('learn.hocvien','hoTen','full_name',NULL,NULL),
('learn.hocvien','email','email_address',NULL,NULL),
('learn.hocvien','soDienThoai','phone_number',NULL,NULL),
('learn.hocvien','ngaySinh','date_of_birth',NULL,NULL),
('learn.hocvien','tenDangNhap','account_credentials','{digital_account}','login name'),
('learn.hocvien','matKhau','account_credentials',NULL,'unsalted md5 password hash'),
('learn.hocvien','anhDaiDien','personal_image',NULL,'avatar URL'),
('learn.hocvien','truongHoc','other_identifying',NULL,'school'),
('learn.hocvien','sdtPhuHuynh','phone_number','{family_relationship}','parent''s phone'),
('learn.hocvien','createdAt',NULL,NULL,NULL),
('learn.enrolments','enrol_id',NULL,NULL,NULL),
('learn.enrolments','learner_id',NULL,NULL,NULL),
('learn.enrolments','course_code',NULL,NULL,NULL),
('learn.enrolments','enrolled_at',NULL,'{online_activity}',NULL),
('learn.enrolments','progress_pct','online_activity','{other_identifying}','learning progress tracked by the platform (real doubt)'),
('learn.enrolments','price_paid',NULL,'{banking_customer_info}',NULL),
('learn.enrolments','coupon',NULL,NULL,NULL),
('learn.quiz_attempts','attempt_id',NULL,NULL,NULL),
('learn.quiz_attempts','learner_id',NULL,NULL,NULL),
('learn.quiz_attempts','quiz_id',NULL,NULL,NULL),
('learn.quiz_attempts','score','other_identifying','{online_activity}','quiz score: no category names it'),
('learn.quiz_attempts','started_at',NULL,'{online_activity}',NULL),
('learn.quiz_attempts','duration_s',NULL,'{online_activity}',NULL),
('learn.quiz_attempts','ip','online_activity','{digital_account}',NULL),
('learn.quiz_attempts','user_agent','online_activity','{digital_account}','browser/device string'),
('learn.forum_posts','post_id',NULL,NULL,NULL),
('learn.forum_posts','author_id',NULL,NULL,NULL),
('learn.forum_posts','thread_id',NULL,NULL,NULL),
('learn.forum_posts','body','online_activity','{other_identifying,private_life,health_record}','forum posts: some carry phone numbers, family or health confidences'),
('learn.forum_posts','created_at',NULL,'{online_activity}',NULL),
-- bankcrm
('bankcrm.branches','branch_cd',NULL,NULL,NULL),
('bankcrm.branches','branch_name',NULL,NULL,NULL),
('bankcrm.branches','address',NULL,NULL,'look-alike: branch address'),
('bankcrm.branches','phone',NULL,NULL,'look-alike: branch landline'),
('bankcrm.branches','swift',NULL,NULL,NULL),
('bankcrm.branches','manager_name','full_name',NULL,'branch manager (small table)'),
('bankcrm.CUSTOMER','CIF_NO',NULL,'{banking_customer_info,other_identifying}','10-digit customer number: internal id'),
('bankcrm.CUSTOMER','CUST_NAME','full_name',NULL,'upper case without diacritics'),
('bankcrm.CUSTOMER','ID_NO','identity_number',NULL,'CCCD, CMND or passport'),
('bankcrm.CUSTOMER','ID_TYPE',NULL,NULL,NULL),
('bankcrm.CUSTOMER','BIRTH_DT','date_of_birth',NULL,'char(8) YYYYMMDD'),
('bankcrm.CUSTOMER','SEX','gender',NULL,'M/F'),
('bankcrm.CUSTOMER','MOBILE','phone_number',NULL,NULL),
('bankcrm.CUSTOMER','EMAIL','email_address',NULL,'upper case'),
('bankcrm.CUSTOMER','ADDR1','address',NULL,'upper case without diacritics'),
('bankcrm.CUSTOMER','TAX_CODE','tax_insurance_number',NULL,'personal tax code: 10 digits (8...) or, since 2025, the 12-digit CCCD'),
('bankcrm.CUSTOMER','SEGMENT',NULL,'{banking_customer_info,other_identifying}',NULL),
('bankcrm.CUSTOMER','BRANCH_CD',NULL,NULL,NULL),
('bankcrm.CUSTOMER','OPEN_DT',NULL,NULL,'char(8) YYYYMMDD: look-alike of BIRTH_DT'),
('bankcrm.accounts','acct_no','banking_customer_info',NULL,'bank account number, 13 digits'),
('bankcrm.accounts','cif_no',NULL,'{banking_customer_info,other_identifying}',NULL),
('bankcrm.accounts','acct_type',NULL,NULL,NULL),
('bankcrm.accounts','ccy',NULL,NULL,NULL),
('bankcrm.accounts','balance','banking_customer_info',NULL,NULL),
('bankcrm.accounts','open_date',NULL,'{banking_customer_info}',NULL),
('bankcrm.accounts','status',NULL,NULL,NULL),
('bankcrm.cards','card_id',NULL,NULL,NULL),
('bankcrm.cards','so_the','banking_customer_info',NULL,'full card number (Luhn)'),
('bankcrm.cards','pan_masked','banking_customer_info',NULL,'first 6 and last 4'),
('bankcrm.cards','pan_token',NULL,'{banking_customer_info}','token'),
('bankcrm.cards','expiry','banking_customer_info',NULL,'MM/YY'),
('bankcrm.cards','cardholder_name','full_name','{banking_customer_info}',NULL),
('bankcrm.cards','credit_limit','banking_customer_info',NULL,NULL),
('bankcrm.cards','card_product',NULL,NULL,NULL),
('bankcrm.transactions','txn_id',NULL,NULL,NULL),
('bankcrm.transactions','txn_ref',NULL,NULL,'FT reference'),
('bankcrm.transactions','acct_no','banking_customer_info',NULL,NULL),
('bankcrm.transactions','txn_time',NULL,'{banking_customer_info}',NULL),
('bankcrm.transactions','amount','banking_customer_info',NULL,'transaction history'),
('bankcrm.transactions','dr_cr',NULL,'{banking_customer_info}',NULL),
('bankcrm.transactions','narrative','banking_customer_info','{full_name}','transfer descriptions with names and phones'),
('bankcrm.transactions','counterparty_acct','banking_customer_info',NULL,NULL),
('bankcrm.transactions','counterparty_name','full_name','{banking_customer_info}',NULL),
('bankcrm.transactions','channel',NULL,NULL,NULL),
('bankcrm.transactions','mcc',NULL,NULL,'merchant category code'),
('bankcrm.complaints','ticket_no',NULL,NULL,NULL),
('bankcrm.complaints','cif_no',NULL,'{banking_customer_info,other_identifying}',NULL),
('bankcrm.complaints','kenh',NULL,NULL,'channel, includes a hotline number'),
('bankcrm.complaints','noi_dung','banking_customer_info','{other_identifying,private_life}','complaint text'),
('bankcrm.complaints','nguoi_xu_ly','full_name',NULL,'staff member''s name'),
('bankcrm.complaints','sdt_lien_he','phone_number',NULL,NULL),
('bankcrm.complaints','ngay_tiep_nhan',NULL,NULL,NULL),
-- gym
('gym.promo_codes','code',NULL,NULL,NULL),
('gym.promo_codes','discount_pct',NULL,NULL,NULL),
('gym.promo_codes','valid_to',NULL,NULL,NULL),
('gym.members','member_id',NULL,NULL,NULL),
('gym.members','ho_ten','full_name',NULL,NULL),
('gym.members','sdt','phone_number',NULL,NULL),
('gym.members','email','email_address',NULL,NULL),
('gym.members','ngay_sinh','date_of_birth',NULL,NULL),
('gym.members','gioi_tinh','gender',NULL,'smallint 0/1'),
('gym.members','chieu_cao_cm','health_record','{other_identifying}','height'),
('gym.members','can_nang_kg','health_record','{other_identifying}','weight'),
('gym.members','tien_su_benh','health_record',NULL,'medical history'),
('gym.members','van_tay','biometric_data',NULL,'fingerprint template, base64'),
('gym.members','face_embedding','biometric_data',NULL,'face vector as text'),
('gym.members','anh_the','personal_image',NULL,'member photo path'),
('gym.members','goi_tap',NULL,NULL,'package'),
('gym.members','ngay_het_han',NULL,NULL,'expiry of membership'),
('gym.members','pt_id',NULL,NULL,NULL),
('gym.checkins','id',NULL,NULL,NULL),
('gym.checkins','member_id',NULL,NULL,NULL),
('gym.checkins','club_code',NULL,'{location_data}',NULL),
('gym.checkins','checkin_at',NULL,'{location_data,online_activity,other_identifying}','time a member entered a club'),
('gym.checkins','door',NULL,NULL,NULL),
('gym.body_metrics','member_id',NULL,NULL,NULL),
('gym.body_metrics','measured_on',NULL,'{health_record}',NULL),
('gym.body_metrics','weight_kg','health_record',NULL,NULL),
('gym.body_metrics','body_fat_pct','health_record',NULL,NULL),
('gym.body_metrics','bmi','health_record',NULL,NULL),
('gym.body_metrics','huyet_ap','health_record',NULL,'blood pressure "120/80"'),
('gym.body_metrics','note_pt','health_record','{other_identifying}','trainer notes on injuries, pregnancy');

-- every column labelled, every label a column, every category in the taxonomy
DO $$
DECLARE missing text; extra text; badcat text;
BEGIN
  SELECT string_agg(format('%s.%s', n.nspname, c.relname) || '.' || a.attname, ', ') INTO missing
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname IN ('lending', 'gov', 'travel', 'ride', 'learn', 'bankcrm', 'gym') AND c.relkind IN ('r', 'p')
    AND a.attnum > 0 AND NOT a.attisdropped
    AND NOT EXISTS (SELECT 1 FROM public.discover_labels l WHERE l.relation = format('%s.%s', n.nspname, c.relname) AND l.column_name = a.attname);
  SELECT string_agg(relation || '.' || column_name, ', ') INTO extra FROM public.discover_labels l
  WHERE NOT EXISTS (SELECT 1 FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE format('%s.%s', n.nspname, c.relname) = l.relation AND a.attname = l.column_name AND a.attnum > 0);
  SELECT string_agg(DISTINCT x, ', ') INTO badcat FROM (SELECT category x FROM public.discover_labels UNION ALL SELECT unnest(acceptable) FROM public.discover_labels) s
  WHERE x IS NOT NULL AND x NOT IN ('full_name','date_of_birth','gender','address','nationality','personal_image','phone_number','identity_number',
    'vehicle_plate','marital_status','family_relationship','digital_account','email_address','tax_insurance_number','other_identifying',
    'racial_ethnic_origin','political_religious_views','private_life','health_record','biometric_data','genetic_data','sex_life_orientation',
    'criminal_record','location_data','account_credentials','identity_document_image','banking_customer_info','online_activity','other_sensitive');
  IF missing IS NOT NULL OR extra IS NOT NULL OR badcat IS NOT NULL THEN
    RAISE EXCEPTION 'discover_labels: unlabelled %; no such column %; unknown category %', missing, extra, badcat;
  END IF;
END $$;
ANALYZE;
