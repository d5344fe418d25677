-- Third hold-out set for pdp.discover() (issue 15, part 2): 7 schemas of
-- Vietnamese businesses no earlier set covers -- an electricity/water
-- utility, a restaurant chain with delivery, a car dealership and garage, a
-- pharmacy chain, a real-estate brokerage, a recruitment agency and a
-- charity.  Every column is labelled in public.discover_labels with the
-- Decree 356/2025 category a careful DBA would tag it with (NULL when not
-- personal).  Labelled before discovery was first run on it.  All people,
-- numbers and addresses are generated here (setseed); no real people.
-- Labelling rule for values that relate to a person but that no category
-- names: a personal financial attribute (salary, expected salary, a bank loan
-- amount) is labelled; amounts of ordinary business transactions (bill, order,
-- donation totals) are business data and are not.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;
DROP SCHEMA IF EXISTS utility, food, garage, pharma, realty, recruit, charity, h3gen CASCADE;
DROP TABLE IF EXISTS public.discover_labels;
CREATE SCHEMA h3gen;
SELECT setseed(0.3141);

CREATE FUNCTION h3gen.pick(a text[]) RETURNS text LANGUAGE sql VOLATILE
AS $$ SELECT a[1 + floor(random() * array_length(a, 1))::int] $$;
CREATE FUNCTION h3gen.digits(n int) RETURNS text LANGUAGE sql VOLATILE
AS $$ SELECT string_agg(floor(random() * 10)::int::text, '') FROM generate_series(1, n) $$;
CREATE FUNCTION h3gen.strip(s text) RETURNS text LANGUAGE sql IMMUTABLE
AS $$ SELECT translate(s,
  'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ',
  repeat('a',17)||repeat('e',11)||repeat('i',5)||repeat('o',17)||repeat('u',11)||repeat('y',5)||'d'||
  repeat('A',17)||repeat('E',11)||repeat('I',5)||repeat('O',17)||repeat('U',11)||repeat('Y',5)||'D') $$;
CREATE FUNCTION h3gen.ho() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT h3gen.pick('{Nguyễn,Nguyễn,Nguyễn,Nguyễn,Trần,Trần,Lê,Lê,Phạm,Phạm,Hoàng,Huỳnh,Phan,Vũ,Võ,Đặng,Bùi,Đỗ,Hồ,Ngô,Dương,Lý,Trương,Đinh,Lâm,Mai,Trịnh,Tạ,Quách,Châu,Kiều,Hà,Lương}') $$;
CREATE FUNCTION h3gen.dem(f bool) RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT CASE WHEN f THEN h3gen.pick('{Thị,Thị,Thị,Ngọc,Thu,Thanh,Mỹ,Phương,Kim,Bảo,Hồng,Minh}')
              ELSE h3gen.pick('{Văn,Văn,Văn,Đức,Minh,Quốc,Hữu,Thanh,Công,Gia,Hoàng,Tuấn,Xuân}') END $$;
CREATE FUNCTION h3gen.ten(f bool) RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT CASE WHEN f THEN h3gen.pick('{Lan,Hương,Hoa,Mai,Linh,Trang,Ngọc,Thảo,Hằng,Nhung,Vy,Anh,Hà,Yến,Tuyết,Diễm,Quyên,Nhi,Trâm,Giang,Oanh,Thủy}')
              ELSE h3gen.pick('{Hùng,Dũng,Nam,Long,Tuấn,Hải,Sơn,Phúc,Khoa,Bình,Tâm,Thắng,Quang,Đạt,Hiếu,Trung,Kiên,Vinh,Tài,Lộc,Thịnh,Huy}') END $$;
-- style: 0 diacritics, 1 without, 2 upper without, 3 dirty (spaces, lower)
CREATE FUNCTION h3gen.hoten(style int DEFAULT NULL) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE f bool := random() < 0.5; s int := coalesce(style, CASE WHEN random() < 0.6 THEN 0 WHEN random() < 0.6 THEN 1 WHEN random() < 0.6 THEN 2 ELSE 3 END);
        n text;
BEGIN
  n := h3gen.ho() || ' ' || CASE WHEN random() < 0.85 THEN h3gen.dem(f) || ' ' ELSE '' END || h3gen.ten(f);
  IF random() < 0.15 THEN n := h3gen.ho() || ' ' || h3gen.dem(f) || ' ' || h3gen.ten(f) || ' ' || h3gen.ten(f); END IF;
  RETURN CASE s WHEN 0 THEN n WHEN 1 THEN h3gen.strip(n) WHEN 2 THEN upper(h3gen.strip(n))
                ELSE ' ' || lower(n) || '  ' END;
END $$;
CREATE FUNCTION h3gen.phone(style int DEFAULT NULL) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE p text := h3gen.pick('{90,91,93,94,96,97,98,32,33,34,35,36,37,38,39,70,76,77,78,79,81,82,83,84,85,86,88,89,56,58,59}');
        r text := h3gen.digits(7); s int := coalesce(style, floor(random() * 8)::int);
BEGIN
  RETURN CASE s WHEN 0 THEN '0' || p || r WHEN 1 THEN '0' || p || r WHEN 2 THEN '+84' || p || r
    WHEN 3 THEN '84' || p || r WHEN 4 THEN '0' || p || '.' || substr(r,1,3) || '.' || substr(r,4)
    WHEN 5 THEN '0' || p || ' ' || substr(r,1,3) || ' ' || substr(r,4)
    WHEN 6 THEN '+84 ' || p || '-' || substr(r,1,3) || '-' || substr(r,4)
    ELSE '0' || p || '-' || substr(r,1,3) || '-' || substr(r,4) END;
END $$;
CREATE FUNCTION h3gen.landline() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT h3gen.pick('{028,024,0236,0225,0274,0251,0292,0258}') || h3gen.pick('{" ","",.,-}') || h3gen.pick('{3,6,2}') || h3gen.digits(3) || h3gen.pick('{" ","",.}') || h3gen.digits(4) $$;
CREATE FUNCTION h3gen.cccd() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT lpad(h3gen.pick('{1,1,1,79,79,79,48,31,22,92,75,74,56,38,40,46,27,33,34,36,52,66,68,72,80,82,84,86,87,89,91,94,95,96}'), 3, '0')
         || h3gen.pick('{0,1,0,1,2,3}') || lpad((floor(random() * 60) + 40)::int::text, 2, '0') || h3gen.digits(6) $$;
CREATE FUNCTION h3gen.cmnd() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT h3gen.pick('{0,1,2,3,02,02,03,1,2,3,02}') || h3gen.digits(8) $$;
CREATE FUNCTION h3gen.idno() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT CASE WHEN random() < 0.75 THEN h3gen.cccd() WHEN random() < 0.8 THEN substr(h3gen.cmnd(), 1, 9) ELSE ' ' || h3gen.cccd() END $$;
CREATE FUNCTION h3gen.email(n text) RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT lower(CASE WHEN random() < 0.5 THEN replace(h3gen.strip(trim(n)), ' ', '') ELSE regexp_replace(h3gen.strip(trim(n)), '^.* ', '') || '.' || split_part(h3gen.strip(trim(n)), ' ', 1) END)
    || CASE WHEN random() < 0.6 THEN (floor(random()*99))::int::text ELSE '' END
    || '@' || h3gen.pick('{gmail.com,gmail.com,gmail.com,yahoo.com,yahoo.com.vn,hotmail.com,outlook.com,icloud.com,fpt.vn}') $$;
CREATE FUNCTION h3gen.mst() RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE d text; s int; c int; w int[] := '{31,29,23,19,17,13,7,5,3}';
BEGIN
  LOOP
    d := h3gen.pick('{0,0,0,03,01,8,8,03,2,4}') ; d := substr(d || h3gen.digits(9), 1, 9);
    s := 0; FOR i IN 1..9 LOOP s := s + w[i] * substr(d, i, 1)::int; END LOOP;
    c := 10 - (s % 11);
    IF c < 10 THEN RETURN d || c; END IF;
  END LOOP;
END $$;
CREATE FUNCTION h3gen.luhn(prefix text, len int) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE b text := prefix || h3gen.digits(len - 1 - length(prefix)); s int := 0; d int; dbl bool := true;
BEGIN
  FOR i IN REVERSE length(b)..1 LOOP
    d := substr(b, i, 1)::int; IF dbl THEN d := d * 2; IF d > 9 THEN d := d - 9; END IF; END IF;
    s := s + d; dbl := NOT dbl;
  END LOOP;
  RETURN b || ((10 - s % 10) % 10);
END $$;
CREATE FUNCTION h3gen.plate() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT h3gen.pick('{51,51,30,29,59,43,92,61,72,75,36,15,65,47}') || h3gen.pick('{A,F,G,H,K,C,D,E}')
    || CASE WHEN random() < 0.2 THEN h3gen.digits(1) ELSE '' END || h3gen.pick('{-,-," ",""}')
    || CASE WHEN random() < 0.7 THEN h3gen.digits(3) || '.' || h3gen.digits(2) ELSE h3gen.digits(4 + (random() < 0.5)::int) END $$;
CREATE FUNCTION h3gen.moto_plate() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT h3gen.pick('{59,59,51,29,43,92,61}') || '-' || h3gen.pick('{X1,H1,T1,B2,F1,V2,N1}') || ' ' || h3gen.digits(3) || '.' || h3gen.digits(2) $$;
CREATE FUNCTION h3gen.street() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT h3gen.pick('{Nguyễn Trãi,Lê Lợi,Trần Hưng Đạo,Hai Bà Trưng,Lý Thường Kiệt,Cách Mạng Tháng Tám,Điện Biên Phủ,Nguyễn Văn Cừ,Phan Đình Phùng,Võ Văn Tần,Lê Văn Sỹ,Nguyễn Thị Minh Khai,Hoàng Diệu,Quang Trung,Nguyễn Oanh,Kim Mã,Xã Đàn,Giải Phóng,Bạch Đằng,Phạm Văn Đồng,Tô Ký,Lạc Long Quân}') $$;
CREATE FUNCTION h3gen.ward() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT h3gen.pick('{Phường Bến Nghé,Phường 5,Phường 12,Phường Tân Định,Phường Hiệp Phú,Phường Láng Hạ,Phường Dịch Vọng,Phường Thạc Gián,Xã Tân Thông Hội,Phường Linh Trung,Phường Bình Trưng,Xã Đông Thạnh,Phường An Khánh,Phường Cầu Ông Lãnh}') $$;
CREATE FUNCTION h3gen.district() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT h3gen.pick('{Quận 1,Quận 3,Quận 7,Quận 10,Quận Bình Thạnh,Quận Gò Vấp,TP. Thủ Đức,Huyện Hóc Môn,Quận Đống Đa,Quận Cầu Giấy,Quận Hải Châu,Quận Ninh Kiều,Huyện Củ Chi,TP. Biên Hòa}') $$;
CREATE FUNCTION h3gen.province() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT h3gen.pick('{TP. Hồ Chí Minh,TP. Hồ Chí Minh,TP. Hồ Chí Minh,Hà Nội,Hà Nội,Đà Nẵng,Cần Thơ,Đồng Nai,Bình Dương,Hải Phòng,Nghệ An,Thanh Hóa,Long An,Khánh Hòa}') $$;
CREATE FUNCTION h3gen.addr(style int DEFAULT NULL) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE s int := coalesce(style, floor(random() * 5)::int); a text;
BEGIN
  a := CASE WHEN random() < 0.3 THEN h3gen.pick('{Số ,"",Hẻm ,Ngõ }') || (floor(random()*300)+1)::int || '/' || (floor(random()*40)+1)::int
            ELSE (floor(random()*500)+1)::int::text END || ' ' || h3gen.street();
  a := CASE s WHEN 0 THEN a || ', ' || h3gen.ward() || ', ' || h3gen.district() || ', ' || h3gen.province()
              WHEN 1 THEN h3gen.strip(a || ', ' || h3gen.ward() || ', ' || h3gen.district() || ', ' || h3gen.province())
              WHEN 2 THEN replace(replace(replace(a || ', ' || h3gen.ward() || ', ' || h3gen.district() || ', ' || h3gen.province(), 'Phường ', 'P.'), 'Quận ', 'Q.'), 'Huyện ', 'H.')
              WHEN 3 THEN a || ' ' || h3gen.district()
              ELSE a || ', ' || h3gen.ward() || ', ' || h3gen.province() END;
  RETURN a;
END $$;
CREATE FUNCTION h3gen.dob(lo int DEFAULT 1950, hi int DEFAULT 2006) RETURNS date LANGUAGE sql VOLATILE AS $$
  SELECT make_date(lo, 1, 1) + floor(random() * ((hi - lo) * 365))::int $$;
CREATE FUNCTION h3gen.ts(days int DEFAULT 900) RETURNS timestamptz LANGUAGE sql VOLATILE AS $$
  SELECT timestamptz '2026-06-30 23:00+07' - random() * make_interval(days => days) $$;
CREATE FUNCTION h3gen.bcrypt() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT '$2a$10$' || substr(translate(encode(sha256(random()::text::bytea) || sha256(random()::text::bytea), 'base64'), E'+=\n', './'), 1, 53) $$;
CREATE FUNCTION h3gen.company() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT h3gen.pick('{Công ty TNHH,Công ty Cổ phần,CÔNG TY TNHH MTV,Cty TNHH,Doanh nghiệp tư nhân}') || ' ' ||
         h3gen.pick('{Thương mại Dịch vụ,Xây dựng,Sản xuất,Đầu tư,Công nghệ,Vận tải,Thực phẩm}') || ' ' ||
         h3gen.pick('{Phú Thịnh,Hoàng Long,An Phát,Minh Khang,Sao Việt,Đại Dương,Tân Tiến,Việt Úc,Thành Công}') $$;
-- ===================== utility: electricity and water =====================
CREATE SCHEMA utility;
CREATE TABLE utility.khach_hang (
  id serial PRIMARY KEY, ma_kh text NOT NULL, ten_kh text, so_cccd text, dien_thoai text, email text,
  dia_chi_lap_dat text, ma_so_thue text, loai_kh text, so_ho smallint, so_nhan_khau smallint,
  ngay_ky_hd date, trang_thai smallint, created_at timestamptz);
INSERT INTO utility.khach_hang (ma_kh, ten_kh, so_cccd, dien_thoai, email, dia_chi_lap_dat, ma_so_thue, loai_kh, so_ho, so_nhan_khau, ngay_ky_hd, trang_thai, created_at)
SELECT 'PE0' || h3gen.pick('{1,2,5,7}') || '00' || lpad(g::text, 7, '0'),
       CASE WHEN g % 12 = 0 THEN h3gen.company() ELSE h3gen.hoten() END,
       CASE WHEN random() < 0.08 THEN NULL WHEN random() < 0.03 THEN '' ELSE h3gen.idno() END,
       CASE WHEN random() < 0.05 THEN NULL WHEN random() < 0.15 THEN h3gen.landline() ELSE h3gen.phone() END,
       CASE WHEN random() < 0.45 THEN NULL ELSE h3gen.email(h3gen.hoten(1)) END,
       h3gen.addr(),
       CASE WHEN g % 12 = 0 THEN h3gen.mst() || CASE WHEN random() < 0.3 THEN '-00' || (1 + floor(random()*9))::int ELSE '' END
            WHEN random() < 0.1 THEN h3gen.mst() ELSE NULL END,
       CASE WHEN g % 12 = 0 THEN h3gen.pick('{KD,SX,HCSN}') ELSE 'SH' END,
       (1 + floor(random() * 2))::smallint, (1 + floor(random() * 7))::smallint,
       date '2008-01-01' + floor(random() * 6500)::int, h3gen.pick('{1,1,1,1,0,2}')::smallint, h3gen.ts(2000)
FROM generate_series(1, 3000) g;

CREATE TABLE utility.cong_to (
  meter_id bigserial PRIMARY KEY, so_cong_to text, ma_kh text, loai text, nha_san_xuat text,
  ngay_lap date, ngay_kiem_dinh date, vi_do numeric(9,6), kinh_do numeric(9,6), ma_tram text);
INSERT INTO utility.cong_to (so_cong_to, ma_kh, loai, nha_san_xuat, ngay_lap, ngay_kiem_dinh, vi_do, kinh_do, ma_tram)
SELECT h3gen.pick('{22,23,24,19}') || h3gen.pick('{11,12,13}') || h3gen.digits(6), k.ma_kh, h3gen.pick('{1P,1P,1P,3P,DT}'),
       h3gen.pick('{EMIC,GELEX,Landis+Gyr,Elster,Vinasino}'), date '2015-01-01' + floor(random()*4000)::int,
       date '2022-01-01' + floor(random()*1500)::int,
       round((10.70 + random() * 0.2)::numeric, 6), round((106.60 + random() * 0.2)::numeric, 6),
       'TBA-' || h3gen.pick('{Q1,Q3,BT,GV,TD,HM}') || '-' || lpad((floor(random()*200))::int::text, 3, '0')
FROM utility.khach_hang k, generate_series(1, 1) WHERE k.id <= 3000 ORDER BY k.id;

CREATE TABLE utility.chi_so (
  id bigserial PRIMARY KEY, meter_id bigint, ky text, chi_so_cu integer, chi_so_moi integer, san_luong integer,
  ngay_ghi date, nguoi_ghi text, anh_chi_so text, ghi_chu text);
INSERT INTO utility.chi_so (meter_id, ky, chi_so_cu, chi_so_moi, san_luong, ngay_ghi, nguoi_ghi, anh_chi_so, ghi_chu)
SELECT m, '2026-0' || (1 + (g % 6)), c, c + s, s, date '2026-01-05' + (g % 6) * 30 + floor(random()*5)::int,
       (ARRAY['Nguyễn Văn Lực','Trần Minh Hoàng','Lê Quốc Bảo','Phạm Thị Thu','Đỗ Hữu Tài','Võ Thanh Sang','Huỳnh Công Lý','Bùi Văn Khánh'])[1 + (m % 8)],
       'https://cdn.evnhcmc.vn/ghi-chi-so/2026/' || lpad(m::text, 7, '0') || '_' || (g % 6) || '.jpg',
       CASE WHEN random() < 0.9 THEN NULL ELSE h3gen.pick('{Nhà vắng chủ,Công tơ chạy nhanh,Đã báo sửa,Không vào được,Niêm phong hỏng,Ghi theo ảnh KH gửi}') END
FROM (SELECT g, 1 + floor(random() * 3000)::bigint AS m, floor(random() * 90000)::int AS c, floor(random()*600)::int AS s FROM generate_series(1, 5000) g) x;

CREATE TABLE utility.hoa_don (
  so_hd text PRIMARY KEY, ma_kh text, ky_hd text, tien_dien numeric(14,0), thue_vat numeric(14,0), tong_tien numeric(14,0),
  han_tt date, da_tt boolean, ngay_tt timestamptz, kenh_tt text);
INSERT INTO utility.hoa_don
SELECT 'HD2026' || lpad(g::text, 8, '0'), 'PE0100' || lpad((1 + floor(random()*3000))::int::text, 7, '0'), '2026-0' || (1 + g % 6),
       t, round(t * 0.08), round(t * 1.08), date '2026-01-20' + (g % 6) * 30, random() < 0.85,
       CASE WHEN random() < 0.85 THEN h3gen.ts(180) END, h3gen.pick('{MoMo,ZaloPay,VNPAY,Quầy thu,Ủy nhiệm thu,Internet Banking}')
FROM (SELECT g, round((50000 + random() * 3000000)::numeric, -2) AS t FROM generate_series(1, 5000) g) x;

CREATE TABLE utility.diem_thu (
  id smallint PRIMARY KEY, ten_diem text, dia_chi text, hotline text, nguoi_phu_trach text, sdt_phu_trach text);
INSERT INTO utility.diem_thu
SELECT g, 'Điểm thu tiền điện ' || h3gen.district() || ' số ' || g, h3gen.addr(0),
       h3gen.pick('{19001006,1900 545454,028 2222 0018,028.3822.2000}'), h3gen.hoten(0), h3gen.phone(0)
FROM generate_series(1, 24) g;

CREATE TABLE utility.yeu_cau_cap_dien (
  id bigserial PRIMARY KEY, ho_ten_nguoi_yc text, sdt text, cccd text, dia_chi_cap_dien text, ngay_yeu_cau date, noi_dung text);

-- ===================== food: restaurant chain with delivery =====================
CREATE SCHEMA food;
CREATE TABLE food.customers (
  "customerId" bigserial PRIMARY KEY, "fullName" text, "phoneNumber" text, email text, birthday date, gender text,
  "loyaltyTier" text, points integer, "createdAt" timestamptz, "lastLoginAt" timestamptz, "passwordHash" text,
  "referralCode" text, "avatarUrl" text, "deviceToken" text);
INSERT INTO food.customers ("fullName", "phoneNumber", email, birthday, gender, "loyaltyTier", points, "createdAt", "lastLoginAt", "passwordHash", "referralCode", "avatarUrl", "deviceToken")
SELECT n, h3gen.phone(), CASE WHEN random() < 0.3 THEN NULL ELSE h3gen.email(n) END,
       CASE WHEN random() < 0.4 THEN NULL ELSE h3gen.dob(1965, 2008) END,
       h3gen.pick('{M,F,F,M,Nam,Nữ,Khác,NULL}'), h3gen.pick('{Member,Member,Silver,Gold,Diamond}'), floor(random()*20000)::int,
       h3gen.ts(1000), h3gen.ts(60), h3gen.bcrypt(),
       upper(substr(md5(random()::text), 1, 7)),
       CASE WHEN random() < 0.5 THEN NULL ELSE 'https://s3.ap-southeast-1.amazonaws.com/comtam-app/avatars/' || md5(random()::text) || '.jpg' END,
       substr(md5(random()::text), 1, 11) || ':APA91b' || substr(translate(encode(sha256(random()::text::bytea), 'base64'), '+/=', '-_A'), 1, 40)
FROM (SELECT h3gen.hoten() AS n FROM generate_series(1, 3000)) x;

CREATE TABLE food.delivery_addresses (
  id bigserial PRIMARY KEY, customer_id bigint, label text, receiver_name text, receiver_phone text, address_line text,
  ward text, district text, city text, lat double precision, lng double precision, is_default boolean);
INSERT INTO food.delivery_addresses (customer_id, label, receiver_name, receiver_phone, address_line, ward, district, city, lat, lng, is_default)
SELECT 1 + floor(random()*3000)::int, h3gen.pick('{Nhà,Nhà,Công ty,Nhà bà ngoại,Văn phòng,NULL}'), h3gen.hoten(), h3gen.phone(),
       (floor(random()*400)+1)::int || CASE WHEN random() < 0.3 THEN '/' || (floor(random()*50)+1)::int ELSE '' END || ' ' || h3gen.street(),
       h3gen.ward(), h3gen.district(), h3gen.pick('{Hồ Chí Minh,Hồ Chí Minh,HCM,Hà Nội,Đà Nẵng}'),
       10.7 + random() * 0.15, 106.6 + random() * 0.2, random() < 0.4
FROM generate_series(1, 4000) g;

CREATE TABLE food.orders (
  order_no text PRIMARY KEY, customer_id bigint, branch_id smallint, order_time timestamptz, total_amount numeric(12,0),
  discount numeric(12,0), ship_fee numeric(10,0), payment_method text, status text, rider_id int, delivery_note text, customer_ip inet);
INSERT INTO food.orders
SELECT 'FD' || to_char(t, 'YYMMDD') || '-' || lpad(g::text, 6, '0'), 1 + floor(random()*3000)::int, 1 + floor(random()*18)::int, t,
       round((45000 + random()*600000)::numeric, -3), CASE WHEN random() < 0.3 THEN 20000 ELSE 0 END, h3gen.pick('{0,15000,18000,25000}')::numeric,
       h3gen.pick('{COD,MOMO,ZALOPAY,VISA,VNPAY_QR}'), h3gen.pick('{DELIVERED,DELIVERED,DELIVERED,CANCELLED,RETURNED}'), 1 + floor(random()*42)::int,
       CASE WHEN random() < 0.7 THEN NULL WHEN random() < 0.3 THEN 'Gọi trước khi giao ' || h3gen.phone(0)
            ELSE h3gen.pick('{Để ở bảo vệ,Không lấy muỗng đũa,Ít cay,Giao giờ hành chính,Thêm nước mắm,Tòa nhà B cổng sau}') END,
       ('113.' || (160 + floor(random()*30))::int || '.' || floor(random()*255)::int || '.' || floor(random()*255)::int)::inet
FROM (SELECT g, h3gen.ts(400) AS t FROM generate_series(1, 5000) g) x;

CREATE TABLE food.riders (
  rider_id serial PRIMARY KEY, ho_ten text, sdt text, cmnd text, bien_so_xe text, so_bang_lai text, ngay_sinh date,
  que_quan text, anh_the text, stk_ngan_hang text, ngan_hang text, current_lat double precision, current_lng double precision, is_online boolean);
INSERT INTO food.riders (ho_ten, sdt, cmnd, bien_so_xe, so_bang_lai, ngay_sinh, que_quan, anh_the, stk_ngan_hang, ngan_hang, current_lat, current_lng, is_online)
SELECT h3gen.hoten(0), h3gen.phone(0), h3gen.idno(), h3gen.moto_plate(), '79' || h3gen.digits(10), h3gen.dob(1975, 2005),
       h3gen.pick('{Nghệ An,Thanh Hóa,Quảng Ngãi,Bình Định,Đắk Lắk,Long An,Tiền Giang,Hà Tĩnh,Phú Yên}'),
       'riders/' || g || '/portrait.jpg', h3gen.pick('{0071,1903,0441,1010,0531}') || h3gen.digits(9),
       h3gen.pick('{Vietcombank,Techcombank,MB Bank,ACB,Agribank,VPBank}'), 10.7 + random()*0.15, 106.6 + random()*0.2, random() < 0.5
FROM generate_series(1, 42) g;

CREATE TABLE food.reviews (
  review_id bigserial PRIMARY KEY, order_no text, rating smallint, comment text, reviewer_nickname text, created_at timestamptz);
INSERT INTO food.reviews (order_no, rating, comment, reviewer_nickname, created_at)
SELECT 'FD' || to_char(h3gen.ts(400), 'YYMMDD') || '-' || lpad((1 + floor(random()*5000))::int::text, 6, '0'), (1 + floor(random()*5))::smallint,
       h3gen.pick('{Ngon,Cơm nguội quá,Giao nhanh shipper thân thiện,Sườn hơi khô,Sẽ ủng hộ tiếp,Thiếu canh,Đóng gói cẩn thận,NULL,Quá mặn,10 điểm}'),
       CASE WHEN random() < 0.5 THEN h3gen.ten(random() < 0.5) || ' ' || h3gen.ten(random() < 0.5)
            WHEN random() < 0.5 THEN h3gen.hoten(1) ELSE 'user' || floor(random()*99999)::int END, h3gen.ts(400)
FROM generate_series(1, 3000) g;

CREATE TABLE food.branches (
  branch_code text PRIMARY KEY, branch_name text, address text, hotline text, manager_name text, manager_phone text,
  opening_hours text, tax_code text);
INSERT INTO food.branches
SELECT 'CT' || lpad(g::text, 3, '0'), 'Cơm Tấm Sài Gòn - ' || h3gen.district(), h3gen.addr(0), '1900 6' || h3gen.digits(3),
       h3gen.hoten(0), h3gen.phone(1), '06:00-22:00', '0312345678-' || lpad(g::text, 3, '0')
FROM generate_series(1, 18) g;

CREATE TABLE food.menu_items (
  sku text PRIMARY KEY, ten_mon text, gia numeric(10,0), calo integer, is_active boolean, barcode text);
INSERT INTO food.menu_items
SELECT 'SKU-' || lpad(g::text, 4, '0'), h3gen.pick('{Cơm tấm sườn,Cơm tấm bì chả,Canh chua,Trà đá,Nước sâm,Cơm gà xối mỡ,Bún thịt nướng,Chả trứng,Sườn nướng thêm}') || ' ' || g,
       round((15000 + random()*120000)::numeric, -3), floor(200 + random()*800)::int, random() < 0.9, '893' || h3gen.digits(10)
FROM generate_series(1, 140) g;
-- ===================== garage: car dealership and service =====================
CREATE SCHEMA garage;
CREATE TABLE garage."TBL_KHACHHANG" (
  "MAKH" varchar(12) PRIMARY KEY, "HOTEN" varchar(100), "NGAYSINH" varchar(10), "GIOITINH" varchar(5), "CMND" varchar(20),
  "DIENTHOAI" varchar(20), "DIDONG" varchar(20), "EMAIL" varchar(100), "DIACHI" varchar(255), "TINH" varchar(50),
  "MST" varchar(20), "GHICHU" varchar(255), "NGAYTAO" timestamp);
INSERT INTO garage."TBL_KHACHHANG"
SELECT 'KH' || lpad(g::text, 6, '0'), CASE WHEN g % 15 = 0 THEN upper(h3gen.strip(h3gen.company())) ELSE h3gen.hoten(2) END,
       CASE WHEN random() < 0.2 THEN NULL ELSE to_char(h3gen.dob(1955, 2004), 'DD/MM/YYYY') END,
       h3gen.pick('{Nam,Nam,Nu,Nữ,NULL}'), CASE WHEN random() < 0.1 THEN NULL ELSE h3gen.idno() END,
       CASE WHEN random() < 0.6 THEN NULL ELSE h3gen.landline() END, CASE WHEN random() < 0.05 THEN NULL ELSE h3gen.phone() END,
       CASE WHEN random() < 0.5 THEN NULL ELSE upper(h3gen.email(h3gen.hoten(1))) END, upper(h3gen.addr(1)),
       h3gen.pick('{HCM,HCM,HCM,DONG NAI,BINH DUONG,LONG AN,TAY NINH}'),
       CASE WHEN g % 15 = 0 THEN h3gen.mst() WHEN random() < 0.15 THEN h3gen.mst() ELSE NULL END,
       CASE WHEN random() < 0.8 THEN NULL ELSE h3gen.pick('{KHACH VIP,Mua xe cho cong ty,Khach quen,Hay phan nan,Gioi thieu tu anh Tuan}') END,
       (h3gen.ts(3000))::timestamp
FROM generate_series(1, 2000) g;

CREATE TABLE garage.vehicles (
  id serial PRIMARY KEY, vin char(17), bien_so text, so_may text, model text, mau_son text, nam_sx smallint, odo_km integer,
  owner_id varchar(12), ngay_mua date, gia_ban numeric(14,0));
INSERT INTO garage.vehicles (vin, bien_so, so_may, model, mau_son, nam_sx, odo_km, owner_id, ngay_mua, gia_ban)
SELECT h3gen.pick('{RL4,MR0,RLM,JTD,RNA}') || upper(substr(md5(random()::text), 1, 6)) || h3gen.pick('{N,P,R,S}') || upper(substr(md5(random()::text), 1, 1)) || h3gen.digits(6),
       CASE WHEN random() < 0.04 THEN NULL ELSE h3gen.plate() END, h3gen.pick('{2NR,1NZ,G4FG,2GD}') || h3gen.digits(7),
       h3gen.pick('{Vios 1.5G,Corolla Cross,Innova 2.0E,Fortuner,Camry 2.5Q,Yaris,Veloz Cross,Hilux}'),
       h3gen.pick('{Trắng,Đen,Bạc,Đỏ,Xám}'), (2012 + floor(random()*14))::smallint, floor(random()*180000)::int,
       'KH' || lpad((1 + floor(random()*2000))::int::text, 6, '0'), date '2012-01-01' + floor(random()*5000)::int,
       round((450 + random()*1200)::numeric, 0) * 1000000
FROM generate_series(1, 2500) g;

CREATE TABLE garage.service_visits (
  ro_number text PRIMARY KEY, vehicle_id int, check_in timestamptz, check_out timestamptz, km_vao integer,
  co_van_dich_vu text, ky_thuat_vien_id smallint, mo_ta_loi text, tong_tien numeric(14,0), nguoi_dua_xe text, sdt_lien_he text);
INSERT INTO garage.service_visits
SELECT 'RO-' || to_char(t, 'YYYY') || '-' || lpad(g::text, 6, '0'), 1 + floor(random()*2500)::int, t, t + interval '4 hours' * random() * 10,
       floor(random()*180000)::int, (ARRAY['Nguyễn Hoàng Phúc','Trần Thị Mỹ Linh','Lê Văn Thắng','Phạm Quốc Huy','Võ Thị Hồng Nhung'])[1 + g % 5],
       (1 + floor(random()*30))::smallint,
       h3gen.pick('{Bảo dưỡng 10.000 km,Thay dầu,Kêu gầm trước,Máy lạnh không mát,Đèn check engine,Thay lốp,Đồng sơn cản sau,Bảo dưỡng 40.000 km}'),
       round((500000 + random()*15000000)::numeric, -3), CASE WHEN random() < 0.3 THEN NULL ELSE h3gen.hoten() END,
       CASE WHEN random() < 0.1 THEN NULL ELSE h3gen.phone() END
FROM (SELECT g, h3gen.ts(1500) AS t FROM generate_series(1, 5000) g) x;

CREATE TABLE garage.warranties (
  warranty_no text PRIMARY KEY, vin char(17), start_date date, end_date date, package text, status text);
INSERT INTO garage.warranties
SELECT 'BH' || lpad(g::text, 7, '0'), v.vin, v.ngay_mua, v.ngay_mua + 365 * 3, h3gen.pick('{Tiêu chuẩn 3 năm,Mở rộng 5 năm,Pin Hybrid 8 năm}'),
       h3gen.pick('{ACTIVE,EXPIRED,VOID}')
FROM (SELECT row_number() OVER (ORDER BY id) g, vin, ngay_mua FROM garage.vehicles WHERE id <= 1500) v;

CREATE TABLE garage.sales_contracts (
  so_hop_dong text PRIMARY KEY, customer_id varchar(12), vehicle_id int, gia_xe numeric(14,0), tra_gop boolean, ngan_hang_cho_vay text,
  so_tien_vay numeric(14,0), nguoi_bao_lanh text, cccd_bao_lanh text, anh_cccd text, ngay_ky date);
INSERT INTO garage.sales_contracts
SELECT 'HDMB/' || (2018 + g % 8) || '/' || lpad(g::text, 5, '0'), 'KH' || lpad((1 + floor(random()*2000))::int::text, 6, '0'), g,
       p, tg, CASE WHEN tg THEN h3gen.pick('{VPBank,TPBank,Shinhan,BIDV,Toyota Finance}') END,
       CASE WHEN tg THEN round((p * (0.5 + random()*0.3))::numeric, -6) END,
       CASE WHEN random() < 0.75 THEN NULL ELSE h3gen.hoten(0) END, CASE WHEN random() < 0.75 THEN NULL ELSE h3gen.cccd() END,
       'scans/hdmb/' || (2018 + g % 8) || '/' || lpad(g::text, 5, '0') || '_cccd_' || h3gen.pick('{mat_truoc,mat_sau}') || '.jpg',
       date '2018-01-01' + floor(random()*3000)::int
FROM (SELECT g, round((450 + random()*1200)::numeric, 0) * 1000000 AS p, random() < 0.55 AS tg FROM generate_series(1, 1500) g) x;

CREATE TABLE garage.staff (
  ma_nv text PRIMARY KEY, ho_ten text, chuc_vu text, sdt_noi_bo text, email_cong_ty text, luong_co_ban numeric(12,0));
INSERT INTO garage.staff
SELECT 'NV' || lpad(g::text, 3, '0'), n, h3gen.pick('{Kỹ thuật viên,Cố vấn dịch vụ,Tư vấn bán hàng,Kế toán,Bảo vệ}'), (1000 + g)::text,
       lower(h3gen.strip(split_part(n, ' ', array_length(string_to_array(n, ' '), 1)))) || '.' || lower(h3gen.strip(split_part(n, ' ', 1))) || g || '@toyota-nambinh.vn',
       round((8 + random()*25)::numeric, 1) * 1000000
FROM (SELECT g, h3gen.hoten(0) AS n FROM generate_series(1, 38) g) x;

-- ===================== pharma: pharmacy chain =====================
CREATE SCHEMA pharma;
CREATE TABLE pharma.khachhang (
  makh text PRIMARY KEY, hoten text, sodienthoai text, ngaysinh date, gioitinh smallint, diachi text, email text, diemtichluy integer, ngaytao timestamptz);
INSERT INTO pharma.khachhang
SELECT 'LC' || lpad(g::text, 7, '0'), h3gen.hoten(), CASE WHEN random() < 0.02 THEN '0000000000' ELSE h3gen.phone() END,
       CASE WHEN random() < 0.5 THEN NULL ELSE h3gen.dob(1940, 2010) END, CASE WHEN random() < 0.1 THEN NULL ELSE floor(random()*2)::smallint END,
       CASE WHEN random() < 0.4 THEN NULL ELSE h3gen.addr() END, CASE WHEN random() < 0.7 THEN NULL ELSE h3gen.email(h3gen.hoten(1)) END,
       floor(random()*5000)::int, h3gen.ts(1500)
FROM generate_series(1, 3000) g;

CREATE TABLE pharma.don_thuoc (
  ma_don text PRIMARY KEY, ma_kh text, bac_si_ke_don text, noi_ke_don text, chan_doan text, ma_icd text, so_the_bhyt text,
  ngay_ke date, can_nang numeric(4,1));
INSERT INTO pharma.don_thuoc
SELECT 'DT' || lpad(g::text, 8, '0'), 'LC' || lpad((1 + floor(random()*3000))::int::text, 7, '0'),
       CASE WHEN random() < 0.5 THEN 'BS. ' ELSE 'BSCKI. ' END || h3gen.hoten(0),
       h3gen.pick('{BV Chợ Rẫy,BV Nhân dân 115,PK Đa khoa Hòa Hảo,BV Đại học Y Dược,BV Nhi Đồng 1,Phòng khám tư}'),
       (ARRAY['Viêm họng cấp','Tăng huyết áp vô căn','Đái tháo đường type 2','Viêm dạ dày','Rối loạn lipid máu','Viêm phế quản cấp','Trầm cảm','Viêm mũi dị ứng'])[i],
       (ARRAY['J02.9','I10','E11','K29.7','E78.5','J20.9','F32.9','J30.4'])[i],
       CASE WHEN random() < 0.6 THEN NULL ELSE h3gen.pick('{DN,GD,HT,CH,HN,TE}') || h3gen.pick('{4,3,2,1}') || h3gen.pick('{79,01,48,74}') || h3gen.digits(10) END,
       date '2025-01-01' + floor(random()*540)::int, CASE WHEN random() < 0.5 THEN NULL ELSE round((8 + random()*80)::numeric, 1) END
FROM (SELECT g, 1 + floor(random()*8)::int AS i FROM generate_series(1, 3000) g) x;

CREATE TABLE pharma.ban_hang (
  so_hd text PRIMARY KEY, ma_kh text, thoi_gian timestamptz, tong_tien numeric(12,0), hinh_thuc_tt text, ma_nv_ban text,
  ma_giao_dich_the text, so_the_masked text);
INSERT INTO pharma.ban_hang
SELECT 'LC-HD' || lpad(g::text, 8, '0'), CASE WHEN random() < 0.3 THEN NULL ELSE 'LC' || lpad((1 + floor(random()*3000))::int::text, 7, '0') END,
       h3gen.ts(500), round((20000 + random()*900000)::numeric, -3), tt, 'NV' || lpad((1 + floor(random()*120))::int::text, 4, '0'),
       CASE WHEN tt = 'THE' THEN h3gen.digits(12) END,
       CASE WHEN tt = 'THE' THEN h3gen.pick('{4,5,3}') || h3gen.digits(5) || '******' || h3gen.digits(4) END
FROM (SELECT g, h3gen.pick('{TIEN_MAT,TIEN_MAT,THE,CHUYEN_KHOAN,MOMO}') AS tt FROM generate_series(1, 5000) g) x;

CREATE TABLE pharma.chi_tiet_ban (
  id bigserial PRIMARY KEY, so_hd text, ma_thuoc text, ten_thuoc text, so_luong integer, don_gia numeric(12,0), so_lo text, han_dung date);
INSERT INTO pharma.chi_tiet_ban (so_hd, ma_thuoc, ten_thuoc, so_luong, don_gia, so_lo, han_dung)
SELECT 'LC-HD' || lpad((1 + floor(random()*5000))::int::text, 8, '0'), 'TH' || lpad(m::text, 5, '0'),
       (ARRAY['Panadol Extra','Amoxicillin 500mg','Amlodipin 5mg','Metformin 850mg','Omeprazol 20mg','Vitamin C 1000','Berberin','Efferalgan 500','Losartan 50mg','Cetirizin 10mg'])[1 + m % 10],
       (1 + floor(random()*30))::int, round((1000 + random()*200000)::numeric, -2), 'L' || h3gen.digits(6), date '2026-06-01' + floor(random()*900)::int
FROM (SELECT floor(random()*400)::int AS m FROM generate_series(1, 5000)) x;

CREATE TABLE pharma.thuoc (
  ma_thuoc text PRIMARY KEY, ten_thuoc text, hoat_chat text, ham_luong text, nha_sx text, so_dang_ky text, gia_ban numeric(12,0));
INSERT INTO pharma.thuoc
SELECT 'TH' || lpad(g::text, 5, '0'), (ARRAY['Panadol Extra','Amoxicillin','Amlodipin','Metformin','Omeprazol','Vitamin C','Berberin','Efferalgan','Losartan','Cetirizin'])[1 + g % 10] || ' ' || g,
       h3gen.pick('{Paracetamol,Amoxicillin,Amlodipine,Metformin,Omeprazole,Acid ascorbic,Losartan,Cetirizine}'),
       h3gen.pick('{500mg,5mg,850mg,20mg,1000mg,50mg,10mg}'), h3gen.pick('{DHG Pharma,Traphaco,Imexpharm,Sanofi,GSK,Stella}'),
       h3gen.pick('{VD,VN,QLĐB}') || '-' || h3gen.digits(5) || '-' || h3gen.digits(2), round((1000 + random()*300000)::numeric, -2)
FROM generate_series(1, 400) g;
-- ===================== realty: real-estate brokerage =====================
CREATE SCHEMA realty;
CREATE TABLE realty.owners (
  owner_id serial PRIMARY KEY, full_name text, id_card_no text, phone text, phone2 text, email text, permanent_address text,
  dob date, marital_status text, spouse_name text, bank_account text);
INSERT INTO realty.owners (full_name, id_card_no, phone, phone2, email, permanent_address, dob, marital_status, spouse_name, bank_account)
SELECT h3gen.hoten(), h3gen.idno(), h3gen.phone(), CASE WHEN random() < 0.7 THEN NULL ELSE h3gen.phone() END,
       CASE WHEN random() < 0.5 THEN NULL ELSE h3gen.email(h3gen.hoten(1)) END, h3gen.addr(), h3gen.dob(1945, 2000),
       m, CASE WHEN m = 'Đã kết hôn' AND random() < 0.8 THEN h3gen.hoten(0) END,
       CASE WHEN random() < 0.4 THEN NULL ELSE h3gen.pick('{0071,1903,190,0531,6868}') || h3gen.digits(8 + floor(random()*3)::int) END
FROM (SELECT h3gen.pick('{Độc thân,Đã kết hôn,Đã kết hôn,Đã kết hôn,Ly hôn,Góa}') AS m FROM generate_series(1, 2000)) x;

CREATE TABLE realty.listings (
  listing_code text PRIMARY KEY, owner_id int, title text, property_address text, so_thua text, so_to_ban_do text, area_m2 numeric(8,1),
  price_vnd bigint, bedrooms smallint, direction text, legal_status text, lat double precision, lng double precision, posted_at timestamptz, views integer);
INSERT INTO realty.listings
SELECT 'BDS-' || lpad(g::text, 6, '0'), 1 + floor(random()*2000)::int,
       h3gen.pick('{Bán nhà hẻm xe hơi,Bán gấp nhà mặt tiền,Căn hộ 2PN view sông,Đất nền sổ riêng,Nhà phố 1 trệt 2 lầu,Cho thuê mặt bằng}') || ' ' || h3gen.district() || ' ' || a || 'm2',
       h3gen.addr(), (1 + floor(random()*900))::int::text, (1 + floor(random()*120))::int::text, a,
       (a * (40 + random()*200))::bigint * 1000000, (1 + floor(random()*5))::smallint, h3gen.pick('{Đông,Tây,Nam,Bắc,Đông Nam,Tây Bắc}'),
       h3gen.pick('{Sổ hồng,Sổ đỏ,Giấy tay,Đang chờ sổ,HĐMB}'), 10.7 + random()*0.2, 106.6 + random()*0.2, h3gen.ts(700), floor(random()*5000)::int
FROM (SELECT g, round((30 + random()*200)::numeric, 1) AS a FROM generate_series(1, 3000) g) x;

CREATE TABLE realty.viewings (
  id bigserial PRIMARY KEY, listing_code text, khach_xem text, sdt_khach text, broker_id smallint, thoi_gian_xem timestamptz, phan_hoi text);
INSERT INTO realty.viewings (listing_code, khach_xem, sdt_khach, broker_id, thoi_gian_xem, phan_hoi)
SELECT 'BDS-' || lpad((1 + floor(random()*3000))::int::text, 6, '0'), CASE WHEN random() < 0.5 THEN h3gen.pick('{Anh,Chị,Cô,Chú}') || ' ' || h3gen.ten(random() < 0.5) ELSE h3gen.hoten() END,
       h3gen.phone(), (1 + floor(random()*28))::smallint, h3gen.ts(500),
       h3gen.pick('{Chê giá cao,Thích nhưng cần hỏi vợ,Hẻm nhỏ,Sẽ quay lại xem lần 2,Đặt cọc,NULL,Không nghe máy}')
FROM generate_series(1, 4000) g;

CREATE TABLE realty.deals (
  deal_no text PRIMARY KEY, listing_code text, buyer_name text, buyer_cccd text, buyer_phone text, gia_chot bigint, hoa_hong numeric(14,0),
  ngay_cong_chung date, van_phong_cong_chung text, ma_ho_so text);
INSERT INTO realty.deals
SELECT 'GD' || (2022 + g % 5) || lpad(g::text, 5, '0'), 'BDS-' || lpad((1 + floor(random()*3000))::int::text, 6, '0'), h3gen.hoten(), h3gen.cccd(), h3gen.phone(),
       p, round(p * 0.01), date '2022-01-01' + floor(random()*1600)::int,
       h3gen.pick('{VPCC Bến Thành,VPCC Sài Gòn,VPCC Trần Hằng,VPCC Nguyễn Huệ}'), h3gen.digits(12)
FROM (SELECT g, (floor(random()*30000) + 1500)::bigint * 1000000 AS p FROM generate_series(1, 1500) g) x;

CREATE TABLE realty.brokers (
  broker_id smallint PRIMARY KEY, ho_ten text, sdt text, email text, chung_chi_hanh_nghe text, anh_dai_dien text, ty_le_hoa_hong numeric(4,2));
INSERT INTO realty.brokers
SELECT g, n, h3gen.phone(0), lower(h3gen.strip(split_part(n, ' ', 1))) || '.' || g || '@nhadatvang.vn',
       lpad(g::text, 3, '0') || '/' || (2015 + g % 8) || '/CCHN-SXD', 'https://nhadatvang.vn/img/moigioi/' || g || '.png', round((0.3 + random()*0.5)::numeric, 2)
FROM (SELECT g, h3gen.hoten(0) AS n FROM generate_series(1, 28) g) x;

-- ===================== recruit: recruitment agency =====================
CREATE SCHEMA recruit;
CREATE TABLE recruit.candidates (
  candidate_id uuid PRIMARY KEY, ho_va_ten text, ngay_sinh text, gioi_tinh text, email text, sdt text, dia_chi_hien_tai text,
  que_quan text, cccd text, tinh_trang_hon_nhan text, dan_toc text, ton_giao text, muc_luong_mong_muon integer,
  linkedin_url text, ten_dang_nhap text, mat_khau text);
INSERT INTO recruit.candidates
SELECT md5('cand' || g)::uuid, n, CASE WHEN random() < 0.1 THEN NULL WHEN random() < 0.7 THEN to_char(h3gen.dob(1970, 2005), 'DD/MM/YYYY') ELSE to_char(h3gen.dob(1970, 2005), 'YYYY-MM-DD') END,
       h3gen.pick('{Nam,Nữ,Nữ,Nam,nam,nu}'), h3gen.email(n), h3gen.phone(), h3gen.addr(),
       h3gen.pick('{Nghệ An,Hà Tĩnh,Thái Bình,Nam Định,Quảng Nam,Bến Tre,TP.HCM,Hà Nội,Huế}'), CASE WHEN random() < 0.3 THEN NULL ELSE h3gen.cccd() END,
       h3gen.pick('{Độc thân,Độc thân,Đã kết hôn,NULL}'), h3gen.pick('{Kinh,Kinh,Kinh,Kinh,Kinh,Hoa,Tày,Khmer,Mường,Thái}'),
       h3gen.pick('{Không,Không,Không,Phật giáo,Công giáo,Tin lành,Cao Đài}'), (floor(random()*50) + 8)::int * 1000000,
       CASE WHEN random() < 0.6 THEN NULL ELSE 'https://www.linkedin.com/in/' || lower(replace(h3gen.strip(n), ' ', '-')) || '-' || substr(md5(g::text), 1, 6) END,
       lower(replace(h3gen.strip(n), ' ', '')) || floor(random()*999)::int, h3gen.bcrypt()
FROM (SELECT g, h3gen.hoten(0) AS n FROM generate_series(1, 3000) g) x;

CREATE TABLE recruit.cvs (
  cv_id serial PRIMARY KEY, candidate_id uuid, file_path text, trinh_do text, truong text, chuyen_nganh text, so_nam_kn smallint,
  tinh_trang_suc_khoe text, tien_an_tien_su text);
INSERT INTO recruit.cvs (candidate_id, file_path, trinh_do, truong, chuyen_nganh, so_nam_kn, tinh_trang_suc_khoe, tien_an_tien_su)
SELECT md5('cand' || (1 + floor(random()*3000))::int)::uuid, 'cv/2026/' || lpad((1 + g % 12)::text, 2, '0') || '/' || md5(g::text) || '.pdf',
       h3gen.pick('{Đại học,Cao đẳng,Thạc sĩ,Trung cấp,THPT}'), h3gen.pick('{ĐH Bách Khoa,ĐH Kinh tế,ĐH Ngoại thương,ĐH Công nghiệp,CĐ Kỹ thuật Cao Thắng,ĐH FPT}'),
       h3gen.pick('{Kế toán,CNTT,Quản trị kinh doanh,Cơ khí,Marketing,Ngôn ngữ Anh}'), floor(random()*15)::smallint,
       h3gen.pick('{Tốt,Tốt,Tốt,Bình thường,Khuyết tật vận động nhẹ,Cận thị,Đang điều trị viêm gan B,Loại I}'),
       h3gen.pick('{Không,Không,Không,Không,NULL,Đã xóa án tích}')
FROM generate_series(1, 3000) g;

CREATE TABLE recruit.interviews (
  id bigserial PRIMARY KEY, candidate_id uuid, job_code text, lich_pv timestamptz, hinh_thuc text, nguoi_phong_van text, diem smallint,
  nhan_xet text, ket_qua text);
INSERT INTO recruit.interviews (candidate_id, job_code, lich_pv, hinh_thuc, nguoi_phong_van, diem, nhan_xet, ket_qua)
SELECT md5('cand' || (1 + floor(random()*3000))::int)::uuid, 'JOB-' || lpad((1 + floor(random()*55))::int::text, 3, '0'), h3gen.ts(300),
       h3gen.pick('{Online,Trực tiếp,Điện thoại}'), (ARRAY['Phạm Thu Hà','Nguyễn Quốc Việt','Lê Hoàng Yến','Đặng Minh Trí'])[1 + g % 4],
       floor(random()*101)::smallint,
       h3gen.pick('{Giao tiếp tốt,Thiếu kinh nghiệm,Tiếng Anh yếu,Có vẻ không ổn định tâm lý,Đang mang thai cần cân nhắc,Phù hợp văn hóa,NULL}'),
       h3gen.pick('{Đạt,Không đạt,Chờ vòng 2}')
FROM generate_series(1, 4000) g;

CREATE TABLE recruit.jobs (
  job_code text PRIMARY KEY, title text, company_name text, company_tax_code text, salary_range text, location text, contact_email text,
  contact_person text, hotline text);
INSERT INTO recruit.jobs
SELECT 'JOB-' || lpad(g::text, 3, '0'), h3gen.pick('{Kế toán tổng hợp,Lập trình viên Java,Nhân viên kinh doanh,Kỹ sư cơ khí,Trưởng phòng nhân sự}'),
       h3gen.company(), h3gen.mst(), h3gen.pick('{10-15 triệu,15-25 triệu,Thỏa thuận,25-40 triệu}'), h3gen.province(),
       h3gen.pick('{hr,tuyendung,recruitment,careers}') || '@' || h3gen.pick('{phuthinh,hoanglong,anphat,saoviet}') || '.com.vn', h3gen.hoten(0),
       h3gen.pick('{1900 6868,028 3930 1234,024 3775 8899}')
FROM generate_series(1, 55) g;

CREATE TABLE recruit.placements (
  placement_id bigserial PRIMARY KEY, candidate_id uuid, job_code text, start_date date, luong_thu_viec numeric(12,0), phi_dich_vu numeric(12,0), so_bhxh text);

-- ===================== charity =====================
CREATE SCHEMA charity;
CREATE TABLE charity.donors (
  donor_id serial PRIMARY KEY, display_name text, real_name text, phone text, email text, is_anonymous boolean, so_tai_khoan text,
  ngan_hang text, address text, tax_receipt_mst text);
INSERT INTO charity.donors (display_name, real_name, phone, email, is_anonymous, so_tai_khoan, ngan_hang, address, tax_receipt_mst)
SELECT CASE WHEN an THEN h3gen.pick('{Nhà hảo tâm,Giấu tên,Một người mẹ,Phật tử chùa Vĩnh Nghiêm,Ẩn danh}') ELSE n END, n,
       CASE WHEN random() < 0.2 THEN NULL ELSE h3gen.phone() END, CASE WHEN random() < 0.5 THEN NULL ELSE h3gen.email(n) END, an,
       CASE WHEN random() < 0.3 THEN NULL ELSE h3gen.pick('{0071,1903,0441,1010,0531,9704}') || h3gen.digits(8 + floor(random()*3)::int) END,
       h3gen.pick('{VCB,TCB,MB,ACB,BIDV,VTB,NULL}'), CASE WHEN random() < 0.6 THEN NULL ELSE h3gen.addr() END,
       CASE WHEN random() < 0.9 THEN NULL ELSE h3gen.mst() END
FROM (SELECT random() < 0.15 AS an, h3gen.hoten() AS n FROM generate_series(1, 2500)) x;

CREATE TABLE charity.donations (
  id bigserial PRIMARY KEY, donor_id int, campaign_id smallint, amount numeric(14,0), currency char(3), donated_at timestamptz, channel text,
  noi_dung_ck text, ma_giao_dich text);
INSERT INTO charity.donations (donor_id, campaign_id, amount, currency, donated_at, channel, noi_dung_ck, ma_giao_dich)
SELECT d, (1 + floor(random()*12))::smallint, round((50000 + random()*random()*20000000)::numeric, -4), 'VND', h3gen.ts(700),
       h3gen.pick('{Chuyển khoản,Chuyển khoản,MoMo,Tiền mặt,ZaloPay}'),
       CASE WHEN random() < 0.4 THEN upper(h3gen.strip(h3gen.hoten(0))) || ' ung ho ' || h3gen.pick('{mien Trung,lu lut,ca mo tim,xay truong,bep an}')
            WHEN random() < 0.3 THEN 'UH ' || h3gen.phone(0) ELSE h3gen.pick('{ung ho,UNG HO BA CON VUNG LU,Chuc cac em hoc tot,ung ho quy,NULL}') END,
       'FT' || h3gen.digits(14)
FROM (SELECT 1 + floor(random()*2500)::int AS d FROM generate_series(1, 5000)) x;

CREATE TABLE charity.beneficiaries (
  id serial PRIMARY KEY, ho_ten text, nam_sinh smallint, gioi_tinh text, cccd text, dia_chi text, hoan_canh text, benh_ly text,
  ho_ngheo boolean, anh_hoan_canh text, sdt_nguoi_than text, quan_he text);
INSERT INTO charity.beneficiaries (ho_ten, nam_sinh, gioi_tinh, cccd, dia_chi, hoan_canh, benh_ly, ho_ngheo, anh_hoan_canh, sdt_nguoi_than, quan_he)
SELECT h3gen.hoten(0), (1935 + floor(random()*85))::smallint, h3gen.pick('{Nam,Nữ}'), CASE WHEN random() < 0.4 THEN NULL ELSE h3gen.idno() END,
       h3gen.pick('{Thôn 3,Ấp Bình Hòa,Xóm Đông,Thôn An Lạc,Bản Nà Hin}') || ', xã ' || h3gen.pick('{Tân Phú,Hòa Bình,Phước Sơn,Quảng Điền,Mường Lống}') || ', ' || h3gen.pick('{huyện Kỳ Sơn,huyện Trà Bồng,huyện Phước Sơn,huyện Tương Dương,huyện Cần Giuộc}') || ', ' || h3gen.pick('{Nghệ An,Quảng Ngãi,Quảng Nam,Long An}'),
       h3gen.pick('{Mẹ đơn thân nuôi 2 con nhỏ,Chồng mất do tai nạn lao động,Nhà bị sập do lũ,Cha nghiện rượu bỏ đi,Con bị bại não,Người già neo đơn}'),
       CASE WHEN random() < 0.5 THEN NULL ELSE h3gen.pick('{Suy thận giai đoạn cuối,Ung thư gan,Bại liệt,Tim bẩm sinh,Thalassemia,HIV}') END,
       random() < 0.7, 'https://quytuthien.org.vn/hoan-canh/' || g || '/anh-gia-dinh.jpg',
       CASE WHEN random() < 0.3 THEN NULL ELSE h3gen.phone() END, h3gen.pick('{Con,Vợ,Chồng,Cháu,Mẹ,Hàng xóm,NULL}')
FROM generate_series(1, 1500) g;

CREATE TABLE charity.campaigns (
  ma_chien_dich text PRIMARY KEY, ten text, muc_tieu numeric(16,0), so_tk_nhan text, ngan_hang_nhan text, bat_dau date, ket_thuc date);
INSERT INTO charity.campaigns
SELECT 'CD' || lpad(g::text, 3, '0'), h3gen.pick('{Áo ấm cho em,Cùng miền Trung vượt lũ,Phẫu thuật tim cho trẻ em,Bữa cơm 0 đồng,Xây cầu nông thôn}') || ' ' || (2024 + g % 3),
       (floor(random()*50) + 1)::numeric * 100000000, '0071000' || h3gen.digits(6), 'Vietcombank CN Sài Gòn', date '2024-01-01' + g * 60, date '2024-01-01' + g * 60 + 90
FROM generate_series(1, 12) g;

CREATE TABLE charity.volunteers (
  id serial PRIMARY KEY, "hoTen" text, "soDienThoai" text, email text, "ngaySinh" date, "nhomMau" text, size_ao text, "ghiChu" text);
INSERT INTO charity.volunteers ("hoTen", "soDienThoai", email, "ngaySinh", "nhomMau", size_ao, "ghiChu")
SELECT n, h3gen.phone(), h3gen.email(n), h3gen.dob(1985, 2007), h3gen.pick('{O+,A+,B+,AB+,O-,NULL}'), h3gen.pick('{S,M,L,XL}'),
       h3gen.pick('{NULL,Có xe máy,Chỉ rảnh cuối tuần,Biết sơ cứu,Trưởng nhóm}')
FROM (SELECT h3gen.hoten(0) AS n FROM generate_series(1, 45)) x;

DROP SCHEMA h3gen CASCADE;
ANALYZE;

-- ===================== labels =====================
CREATE TABLE public.discover_labels (relation text NOT NULL, column_name text NOT NULL, category text, acceptable text[], note text,
  PRIMARY KEY (relation, column_name));
INSERT INTO public.discover_labels (relation, column_name, category, acceptable, note) VALUES
  ('utility.khach_hang', 'id', NULL, NULL, 'surrogate key'),
  ('utility.khach_hang', 'ma_kh', NULL, '{other_identifying}', 'EVN-style customer code PE0x00nnnnnnn: internal account code, not tagged by itself'),
  ('utility.khach_hang', 'ten_kh', 'full_name', NULL, 'customer name; 1 in 12 rows is a company name'),
  ('utility.khach_hang', 'so_cccd', 'identity_number', NULL, 'CCCD (12 digits) or old CMND (9 digits), some empty'),
  ('utility.khach_hang', 'dien_thoai', 'phone_number', NULL, 'mobile in many formats, some home landlines'),
  ('utility.khach_hang', 'email', 'email_address', NULL, NULL),
  ('utility.khach_hang', 'dia_chi_lap_dat', 'address', NULL, 'installation address = the household''s home address'),
  ('utility.khach_hang', 'ma_so_thue', 'tax_insurance_number', NULL, 'mostly NULL; tax code of household businesses and of company customers (13 digits with branch suffix): tagged because it holds personal tax codes'),
  ('utility.khach_hang', 'loai_kh', NULL, NULL, 'tariff class SH/KD/SX/HCSN'),
  ('utility.khach_hang', 'so_ho', NULL, NULL, 'number of households on the meter (tariff); count'),
  ('utility.khach_hang', 'so_nhan_khau', NULL, '{other_identifying,private_life}', 'number of household members for the water/electricity norm; a count about the household that no category names, a DBA would not tag it'),
  ('utility.khach_hang', 'ngay_ky_hd', NULL, NULL, 'contract date: business event'),
  ('utility.khach_hang', 'trang_thai', NULL, NULL, 'status code'),
  ('utility.khach_hang', 'created_at', NULL, NULL, 'record timestamp'),
  ('utility.cong_to', 'meter_id', NULL, NULL, 'surrogate key'),
  ('utility.cong_to', 'so_cong_to', NULL, NULL, 'meter serial number (10 digits starting 19-24): look-alike'),
  ('utility.cong_to', 'ma_kh', NULL, '{other_identifying}', 'customer code (foreign key)'),
  ('utility.cong_to', 'loai', NULL, NULL, 'meter type'),
  ('utility.cong_to', 'nha_san_xuat', NULL, NULL, 'manufacturer'),
  ('utility.cong_to', 'ngay_lap', NULL, NULL, 'installation date'),
  ('utility.cong_to', 'ngay_kiem_dinh', NULL, NULL, 'calibration date'),
  ('utility.cong_to', 'vi_do', 'address', '{location_data}', 'latitude of the meter at the customer''s house: pins the home; not tracked via a location service, so address, location_data equally defensible'),
  ('utility.cong_to', 'kinh_do', 'address', '{location_data}', 'longitude of the meter, see vi_do'),
  ('utility.cong_to', 'ma_tram', NULL, NULL, 'substation code'),
  ('utility.chi_so', 'id', NULL, NULL, 'surrogate key'),
  ('utility.chi_so', 'meter_id', NULL, NULL, 'meter key'),
  ('utility.chi_so', 'ky', NULL, NULL, 'billing period YYYY-MM'),
  ('utility.chi_so', 'chi_so_cu', NULL, NULL, 'meter reading'),
  ('utility.chi_so', 'chi_so_moi', NULL, NULL, 'meter reading'),
  ('utility.chi_so', 'san_luong', NULL, '{other_identifying,private_life}', 'consumption kWh of a household; business metric, not tagged'),
  ('utility.chi_so', 'ngay_ghi', NULL, NULL, 'reading date'),
  ('utility.chi_so', 'nguoi_ghi', 'full_name', NULL, 'name of the employee who read the meter (8 distinct names)'),
  ('utility.chi_so', 'anh_chi_so', NULL, NULL, 'URL of a photo of the meter dial, not of a person'),
  ('utility.chi_so', 'ghi_chu', NULL, NULL, 'reader''s remark, short fixed phrases, mostly NULL'),
  ('utility.hoa_don', 'so_hd', NULL, NULL, 'bill number HD2026nnnnnnnn'),
  ('utility.hoa_don', 'ma_kh', NULL, '{other_identifying}', 'customer code'),
  ('utility.hoa_don', 'ky_hd', NULL, NULL, 'period'),
  ('utility.hoa_don', 'tien_dien', NULL, NULL, 'amount of a business transaction (labelling rule in the file header)'),
  ('utility.hoa_don', 'thue_vat', NULL, NULL, 'amount'),
  ('utility.hoa_don', 'tong_tien', NULL, NULL, 'amount'),
  ('utility.hoa_don', 'han_tt', NULL, NULL, 'due date'),
  ('utility.hoa_don', 'da_tt', NULL, NULL, 'paid flag'),
  ('utility.hoa_don', 'ngay_tt', NULL, NULL, 'payment timestamp: business event'),
  ('utility.hoa_don', 'kenh_tt', NULL, NULL, 'payment channel'),
  ('utility.diem_thu', 'id', NULL, NULL, 'key'),
  ('utility.diem_thu', 'ten_diem', NULL, NULL, 'payment point name'),
  ('utility.diem_thu', 'dia_chi', NULL, '{address}', 'address of a payment point (business premises): look-alike, not personal'),
  ('utility.diem_thu', 'hotline', NULL, NULL, 'company hotline 1900/028: look-alike'),
  ('utility.diem_thu', 'nguoi_phu_trach', 'full_name', NULL, 'name of the staff member in charge'),
  ('utility.diem_thu', 'sdt_phu_trach', 'phone_number', NULL, 'that staff member''s mobile'),
  ('utility.yeu_cau_cap_dien', 'id', NULL, NULL, 'empty table; key'),
  ('utility.yeu_cau_cap_dien', 'ho_ten_nguoi_yc', 'full_name', NULL, 'empty table: name of the applicant (ho ten nguoi yeu cau)'),
  ('utility.yeu_cau_cap_dien', 'sdt', 'phone_number', NULL, 'empty table'),
  ('utility.yeu_cau_cap_dien', 'cccd', 'identity_number', NULL, 'empty table'),
  ('utility.yeu_cau_cap_dien', 'dia_chi_cap_dien', 'address', NULL, 'empty table: supply address = home'),
  ('utility.yeu_cau_cap_dien', 'ngay_yeu_cau', NULL, NULL, 'empty table; request date'),
  ('utility.yeu_cau_cap_dien', 'noi_dung', NULL, NULL, 'empty table; request text'),
  ('food.customers', 'customerId', NULL, NULL, 'key'),
  ('food.customers', 'fullName', 'full_name', NULL, 'with and without diacritics, upper case, stray spaces'),
  ('food.customers', 'phoneNumber', 'phone_number', NULL, NULL),
  ('food.customers', 'email', 'email_address', NULL, NULL),
  ('food.customers', 'birthday', 'date_of_birth', NULL, 'date, 40% NULL'),
  ('food.customers', 'gender', 'gender', NULL, 'M/F/Nam/Nữ/Khác'),
  ('food.customers', 'loyaltyTier', NULL, NULL, 'tier'),
  ('food.customers', 'points', NULL, NULL, 'loyalty points'),
  ('food.customers', 'createdAt', NULL, NULL, 'account creation timestamp'),
  ('food.customers', 'lastLoginAt', NULL, '{online_activity,digital_account}', 'last login time of the app account: a single timestamp, a careful DBA might tag it online_activity but most would not'),
  ('food.customers', 'passwordHash', 'account_credentials', NULL, 'bcrypt hash of the app password'),
  ('food.customers', 'referralCode', NULL, NULL, 'random 7-char code'),
  ('food.customers', 'avatarUrl', 'personal_image', NULL, 'profile photo URL'),
  ('food.customers', 'deviceToken', 'digital_account', '{online_activity,other_identifying}', 'FCM push token of the customer''s device'),
  ('food.delivery_addresses', 'id', NULL, NULL, 'key'),
  ('food.delivery_addresses', 'customer_id', NULL, NULL, 'key'),
  ('food.delivery_addresses', 'label', NULL, NULL, 'Nhà/Công ty'),
  ('food.delivery_addresses', 'receiver_name', 'full_name', NULL, NULL),
  ('food.delivery_addresses', 'receiver_phone', 'phone_number', NULL, NULL),
  ('food.delivery_addresses', 'address_line', 'address', NULL, 'house number and street only'),
  ('food.delivery_addresses', 'ward', 'address', NULL, 'ward of a personal delivery address (Phường 5, Xã ...)'),
  ('food.delivery_addresses', 'district', 'address', NULL, 'district of a personal delivery address'),
  ('food.delivery_addresses', 'city', 'address', NULL, 'city of a personal address: alone hardly identifying, but a DBA tags the whole address'),
  ('food.delivery_addresses', 'lat', 'location_data', '{address}', 'pin dropped from the app''s GPS for the delivery address'),
  ('food.delivery_addresses', 'lng', 'location_data', '{address}', 'see lat'),
  ('food.delivery_addresses', 'is_default', NULL, NULL, 'flag'),
  ('food.orders', 'order_no', NULL, NULL, 'order number FD<yymmdd>-nnnnnn'),
  ('food.orders', 'customer_id', NULL, NULL, 'key'),
  ('food.orders', 'branch_id', NULL, NULL, 'key'),
  ('food.orders', 'order_time', NULL, NULL, 'business event timestamp'),
  ('food.orders', 'total_amount', NULL, NULL, 'amount'),
  ('food.orders', 'discount', NULL, NULL, 'amount'),
  ('food.orders', 'ship_fee', NULL, NULL, 'amount'),
  ('food.orders', 'payment_method', NULL, NULL, 'code'),
  ('food.orders', 'status', NULL, NULL, 'code'),
  ('food.orders', 'rider_id', NULL, NULL, 'key'),
  ('food.orders', 'delivery_note', NULL, '{phone_number,other_identifying}', 'free-text note, 9% of rows contain the customer''s phone: most notes are not personal; a DBA might tag it, not required'),
  ('food.orders', 'customer_ip', 'online_activity', '{digital_account,other_identifying}', 'IP address the order was placed from'),
  ('food.riders', 'rider_id', NULL, NULL, 'key'),
  ('food.riders', 'ho_ten', 'full_name', NULL, NULL),
  ('food.riders', 'sdt', 'phone_number', NULL, NULL),
  ('food.riders', 'cmnd', 'identity_number', NULL, 'named cmnd, holds CCCD and CMND'),
  ('food.riders', 'bien_so_xe', 'vehicle_plate', NULL, 'motorbike plate 59-X1 123.45'),
  ('food.riders', 'so_bang_lai', 'identity_number', NULL, 'driving licence number, 12 digits'),
  ('food.riders', 'ngay_sinh', 'date_of_birth', NULL, NULL),
  ('food.riders', 'que_quan', 'address', NULL, 'hometown (province): Decree 356 lists hometown under address'),
  ('food.riders', 'anh_the', 'personal_image', NULL, 'portrait photo path'),
  ('food.riders', 'stk_ngan_hang', 'banking_customer_info', NULL, 'rider''s bank account number for payouts'),
  ('food.riders', 'ngan_hang', NULL, '{banking_customer_info}', 'bank name only'),
  ('food.riders', 'current_lat', 'location_data', NULL, 'live GPS position of the rider'),
  ('food.riders', 'current_lng', 'location_data', NULL, 'live GPS position of the rider'),
  ('food.riders', 'is_online', NULL, NULL, 'online flag of the rider app (current state, not history)'),
  ('food.reviews', 'review_id', NULL, NULL, 'key'),
  ('food.reviews', 'order_no', NULL, NULL, 'order number'),
  ('food.reviews', 'rating', NULL, NULL, '1-5 stars'),
  ('food.reviews', 'comment', NULL, NULL, 'short review text about the food'),
  ('food.reviews', 'reviewer_nickname', 'full_name', '{digital_account}', 'display name: half are given names, a quarter full names, a quarter user12345'),
  ('food.reviews', 'created_at', NULL, NULL, 'timestamp'),
  ('food.branches', 'branch_code', NULL, NULL, 'code'),
  ('food.branches', 'branch_name', NULL, NULL, 'branch name'),
  ('food.branches', 'address', NULL, '{address}', 'restaurant address: business premises, look-alike'),
  ('food.branches', 'hotline', NULL, NULL, '1900 hotline'),
  ('food.branches', 'manager_name', 'full_name', NULL, 'branch manager'),
  ('food.branches', 'manager_phone', 'phone_number', NULL, 'manager''s mobile'),
  ('food.branches', 'opening_hours', NULL, NULL, 'text'),
  ('food.branches', 'tax_code', NULL, NULL, 'company tax code with branch suffix: not personal'),
  ('food.menu_items', 'sku', NULL, NULL, 'code'),
  ('food.menu_items', 'ten_mon', NULL, NULL, 'dish name'),
  ('food.menu_items', 'gia', NULL, NULL, 'price'),
  ('food.menu_items', 'calo', NULL, NULL, 'calories'),
  ('food.menu_items', 'is_active', NULL, NULL, 'flag'),
  ('food.menu_items', 'barcode', NULL, NULL, 'EAN-13 starting 893'),
  ('garage.TBL_KHACHHANG', 'MAKH', NULL, NULL, 'customer code KHnnnnnn'),
  ('garage.TBL_KHACHHANG', 'HOTEN', 'full_name', NULL, 'upper case without diacritics; 1 in 15 is a company'),
  ('garage.TBL_KHACHHANG', 'NGAYSINH', 'date_of_birth', NULL, 'DD/MM/YYYY in varchar'),
  ('garage.TBL_KHACHHANG', 'GIOITINH', 'gender', NULL, 'Nam/Nu/Nữ'),
  ('garage.TBL_KHACHHANG', 'CMND', 'identity_number', NULL, 'legacy name, holds CCCD too'),
  ('garage.TBL_KHACHHANG', 'DIENTHOAI', 'phone_number', NULL, 'home landline, 60% NULL'),
  ('garage.TBL_KHACHHANG', 'DIDONG', 'phone_number', NULL, 'mobile'),
  ('garage.TBL_KHACHHANG', 'EMAIL', 'email_address', NULL, 'upper case'),
  ('garage.TBL_KHACHHANG', 'DIACHI', 'address', NULL, 'upper case without diacritics'),
  ('garage.TBL_KHACHHANG', 'TINH', 'address', NULL, 'province of the customer''s address (7 values): part of the address'),
  ('garage.TBL_KHACHHANG', 'MST', 'tax_insurance_number', NULL, 'personal tax codes and companies'' tax codes'),
  ('garage.TBL_KHACHHANG', 'GHICHU', NULL, '{private_life,other_identifying}', 'free remark (KHACH VIP, Hay phan nan...), 80% NULL'),
  ('garage.TBL_KHACHHANG', 'NGAYTAO', NULL, NULL, 'record timestamp'),
  ('garage.vehicles', 'id', NULL, NULL, 'key'),
  ('garage.vehicles', 'vin', NULL, '{other_identifying}', 'VIN, 17 chars: identifies the vehicle, look-alike'),
  ('garage.vehicles', 'bien_so', 'vehicle_plate', NULL, 'car plate 51G-123.45, 30A12345'),
  ('garage.vehicles', 'so_may', NULL, '{other_identifying}', 'engine number'),
  ('garage.vehicles', 'model', NULL, NULL, 'model'),
  ('garage.vehicles', 'mau_son', NULL, NULL, 'colour'),
  ('garage.vehicles', 'nam_sx', NULL, NULL, 'year of manufacture'),
  ('garage.vehicles', 'odo_km', NULL, NULL, 'odometer'),
  ('garage.vehicles', 'owner_id', NULL, NULL, 'customer code (key)'),
  ('garage.vehicles', 'ngay_mua', NULL, NULL, 'purchase date'),
  ('garage.vehicles', 'gia_ban', NULL, NULL, 'price'),
  ('garage.service_visits', 'ro_number', NULL, NULL, 'repair order number'),
  ('garage.service_visits', 'vehicle_id', NULL, NULL, 'key'),
  ('garage.service_visits', 'check_in', NULL, NULL, 'business event'),
  ('garage.service_visits', 'check_out', NULL, NULL, 'business event'),
  ('garage.service_visits', 'km_vao', NULL, NULL, 'odometer'),
  ('garage.service_visits', 'co_van_dich_vu', 'full_name', NULL, 'service advisor (employee) name, 5 distinct'),
  ('garage.service_visits', 'ky_thuat_vien_id', NULL, NULL, 'key'),
  ('garage.service_visits', 'mo_ta_loi', NULL, NULL, 'fault description'),
  ('garage.service_visits', 'tong_tien', NULL, NULL, 'amount'),
  ('garage.service_visits', 'nguoi_dua_xe', 'full_name', NULL, 'person who brought the car in'),
  ('garage.service_visits', 'sdt_lien_he', 'phone_number', NULL, 'contact phone'),
  ('garage.warranties', 'warranty_no', NULL, NULL, 'code'),
  ('garage.warranties', 'vin', NULL, '{other_identifying}', 'VIN, look-alike'),
  ('garage.warranties', 'start_date', NULL, NULL, 'date'),
  ('garage.warranties', 'end_date', NULL, NULL, 'date'),
  ('garage.warranties', 'package', NULL, NULL, 'text'),
  ('garage.warranties', 'status', NULL, NULL, 'code'),
  ('garage.sales_contracts', 'so_hop_dong', NULL, NULL, 'contract number HDMB/yyyy/nnnnn'),
  ('garage.sales_contracts', 'customer_id', NULL, NULL, 'key'),
  ('garage.sales_contracts', 'vehicle_id', NULL, NULL, 'key'),
  ('garage.sales_contracts', 'gia_xe', NULL, NULL, 'price of the car'),
  ('garage.sales_contracts', 'tra_gop', NULL, '{banking_customer_info}', 'bought on instalments (flag)'),
  ('garage.sales_contracts', 'ngan_hang_cho_vay', NULL, '{banking_customer_info}', 'lending bank name'),
  ('garage.sales_contracts', 'so_tien_vay', 'banking_customer_info', '{private_life,other_identifying}', 'amount the buyer borrowed from a bank: credit information; no value pattern to find'),
  ('garage.sales_contracts', 'nguoi_bao_lanh', 'full_name', NULL, 'guarantor name, 75% NULL'),
  ('garage.sales_contracts', 'cccd_bao_lanh', 'identity_number', NULL, 'guarantor CCCD, 75% NULL'),
  ('garage.sales_contracts', 'anh_cccd', 'identity_document_image', NULL, 'path of the scanned ID card image'),
  ('garage.sales_contracts', 'ngay_ky', NULL, NULL, 'contract date'),
  ('garage.staff', 'ma_nv', NULL, NULL, 'employee code'),
  ('garage.staff', 'ho_ten', 'full_name', NULL, NULL),
  ('garage.staff', 'chuc_vu', NULL, NULL, 'job title'),
  ('garage.staff', 'sdt_noi_bo', NULL, NULL, '4-digit internal extension of a desk'),
  ('garage.staff', 'email_cong_ty', 'email_address', NULL, 'personal work e-mail ten.ho@company'),
  ('garage.staff', 'luong_co_ban', 'private_life', '{other_identifying,other_sensitive}', 'base salary: personal financial attribute no category names; private_life chosen'),
  ('pharma.khachhang', 'makh', NULL, NULL, 'customer code LCnnnnnnn'),
  ('pharma.khachhang', 'hoten', 'full_name', NULL, NULL),
  ('pharma.khachhang', 'sodienthoai', 'phone_number', NULL, 'some 0000000000 placeholders'),
  ('pharma.khachhang', 'ngaysinh', 'date_of_birth', NULL, '50% NULL'),
  ('pharma.khachhang', 'gioitinh', 'gender', NULL, 'smallint 0/1'),
  ('pharma.khachhang', 'diachi', 'address', NULL, NULL),
  ('pharma.khachhang', 'email', 'email_address', NULL, '70% NULL'),
  ('pharma.khachhang', 'diemtichluy', NULL, NULL, 'points'),
  ('pharma.khachhang', 'ngaytao', NULL, NULL, 'timestamp'),
  ('pharma.don_thuoc', 'ma_don', NULL, NULL, 'prescription number'),
  ('pharma.don_thuoc', 'ma_kh', NULL, NULL, 'customer code'),
  ('pharma.don_thuoc', 'bac_si_ke_don', 'full_name', NULL, 'prescribing doctor with BS./BSCKI. prefix'),
  ('pharma.don_thuoc', 'noi_ke_don', NULL, '{health_record}', 'hospital or clinic name'),
  ('pharma.don_thuoc', 'chan_doan', 'health_record', NULL, 'diagnosis text'),
  ('pharma.don_thuoc', 'ma_icd', 'health_record', NULL, 'ICD-10 code of the diagnosis'),
  ('pharma.don_thuoc', 'so_the_bhyt', 'tax_insurance_number', NULL, 'health insurance card number XXn nn nnnnnnnnnn (15 chars), 60% NULL'),
  ('pharma.don_thuoc', 'ngay_ke', NULL, '{health_record}', 'prescription date'),
  ('pharma.don_thuoc', 'can_nang', 'health_record', NULL, 'patient weight kg, 50% NULL'),
  ('pharma.ban_hang', 'so_hd', NULL, NULL, 'invoice number'),
  ('pharma.ban_hang', 'ma_kh', NULL, NULL, 'customer code'),
  ('pharma.ban_hang', 'thoi_gian', NULL, NULL, 'business event'),
  ('pharma.ban_hang', 'tong_tien', NULL, NULL, 'amount'),
  ('pharma.ban_hang', 'hinh_thuc_tt', NULL, NULL, 'code'),
  ('pharma.ban_hang', 'ma_nv_ban', NULL, NULL, 'employee code'),
  ('pharma.ban_hang', 'ma_giao_dich_the', NULL, NULL, '12-digit card terminal transaction reference: CCCD look-alike'),
  ('pharma.ban_hang', 'so_the_masked', 'banking_customer_info', NULL, 'masked card number 6+6*+4: card data even though masked'),
  ('pharma.chi_tiet_ban', 'id', NULL, NULL, 'key'),
  ('pharma.chi_tiet_ban', 'so_hd', NULL, NULL, 'invoice number'),
  ('pharma.chi_tiet_ban', 'ma_thuoc', NULL, NULL, 'product code'),
  ('pharma.chi_tiet_ban', 'ten_thuoc', NULL, '{health_record}', 'product name on a sales line'),
  ('pharma.chi_tiet_ban', 'so_luong', NULL, NULL, 'quantity'),
  ('pharma.chi_tiet_ban', 'don_gia', NULL, NULL, 'price'),
  ('pharma.chi_tiet_ban', 'so_lo', NULL, NULL, 'batch number'),
  ('pharma.chi_tiet_ban', 'han_dung', NULL, NULL, 'expiry date'),
  ('pharma.thuoc', 'ma_thuoc', NULL, NULL, 'product catalogue'),
  ('pharma.thuoc', 'ten_thuoc', NULL, NULL, 'product name'),
  ('pharma.thuoc', 'hoat_chat', NULL, NULL, 'active ingredient'),
  ('pharma.thuoc', 'ham_luong', NULL, NULL, 'strength'),
  ('pharma.thuoc', 'nha_sx', NULL, NULL, 'manufacturer'),
  ('pharma.thuoc', 'so_dang_ky', NULL, NULL, 'registration number VD-nnnnn-nn'),
  ('pharma.thuoc', 'gia_ban', NULL, NULL, 'price'),
  ('realty.owners', 'owner_id', NULL, NULL, 'key'),
  ('realty.owners', 'full_name', 'full_name', NULL, NULL),
  ('realty.owners', 'id_card_no', 'identity_number', NULL, NULL),
  ('realty.owners', 'phone', 'phone_number', NULL, NULL),
  ('realty.owners', 'phone2', 'phone_number', NULL, '70% NULL'),
  ('realty.owners', 'email', 'email_address', NULL, NULL),
  ('realty.owners', 'permanent_address', 'address', NULL, NULL),
  ('realty.owners', 'dob', 'date_of_birth', NULL, NULL),
  ('realty.owners', 'marital_status', 'marital_status', NULL, NULL),
  ('realty.owners', 'spouse_name', 'family_relationship', '{full_name}', 'name of the spouse'),
  ('realty.owners', 'bank_account', 'banking_customer_info', NULL, 'bank account number 12-14 digits'),
  ('realty.listings', 'listing_code', NULL, NULL, 'code'),
  ('realty.listings', 'owner_id', NULL, NULL, 'key'),
  ('realty.listings', 'title', NULL, NULL, 'advert title'),
  ('realty.listings', 'property_address', 'address', '{other_identifying}', 'address of the owner''s property; with owner_id it tells where a person owns (and often lives)'),
  ('realty.listings', 'so_thua', NULL, '{other_identifying}', 'land parcel number'),
  ('realty.listings', 'so_to_ban_do', NULL, '{other_identifying}', 'map sheet number'),
  ('realty.listings', 'area_m2', NULL, NULL, 'area'),
  ('realty.listings', 'price_vnd', NULL, NULL, 'price'),
  ('realty.listings', 'bedrooms', NULL, NULL, 'count'),
  ('realty.listings', 'direction', NULL, NULL, 'facing direction'),
  ('realty.listings', 'legal_status', NULL, NULL, 'text'),
  ('realty.listings', 'lat', NULL, '{address,location_data}', 'coordinates of the property on the map (public listing)'),
  ('realty.listings', 'lng', NULL, '{address,location_data}', 'see lat'),
  ('realty.listings', 'posted_at', NULL, NULL, 'timestamp'),
  ('realty.listings', 'views', NULL, NULL, 'count'),
  ('realty.viewings', 'id', NULL, NULL, 'key'),
  ('realty.viewings', 'listing_code', NULL, NULL, 'code'),
  ('realty.viewings', 'khach_xem', 'full_name', NULL, 'viewer: ''Anh Hùng'', ''Chị Lan'' or a full name'),
  ('realty.viewings', 'sdt_khach', 'phone_number', NULL, NULL),
  ('realty.viewings', 'broker_id', NULL, NULL, 'key'),
  ('realty.viewings', 'thoi_gian_xem', NULL, NULL, 'business event'),
  ('realty.viewings', 'phan_hoi', NULL, '{private_life}', 'viewer''s feedback, short phrases'),
  ('realty.deals', 'deal_no', NULL, NULL, 'code'),
  ('realty.deals', 'listing_code', NULL, NULL, 'code'),
  ('realty.deals', 'buyer_name', 'full_name', NULL, NULL),
  ('realty.deals', 'buyer_cccd', 'identity_number', NULL, NULL),
  ('realty.deals', 'buyer_phone', 'phone_number', NULL, NULL),
  ('realty.deals', 'gia_chot', NULL, NULL, 'price'),
  ('realty.deals', 'hoa_hong', NULL, NULL, 'commission of the brokerage'),
  ('realty.deals', 'ngay_cong_chung', NULL, NULL, 'notarisation date'),
  ('realty.deals', 'van_phong_cong_chung', NULL, NULL, 'notary office'),
  ('realty.deals', 'ma_ho_so', NULL, NULL, '12-digit dossier number: CCCD look-alike'),
  ('realty.brokers', 'broker_id', NULL, NULL, 'key'),
  ('realty.brokers', 'ho_ten', 'full_name', NULL, NULL),
  ('realty.brokers', 'sdt', 'phone_number', NULL, NULL),
  ('realty.brokers', 'email', 'email_address', NULL, 'work e-mail of a broker'),
  ('realty.brokers', 'chung_chi_hanh_nghe', 'other_identifying', '{identity_number}', 'practice certificate number nnn/yyyy/CCHN-SXD issued to the person'),
  ('realty.brokers', 'anh_dai_dien', 'personal_image', NULL, 'portrait URL'),
  ('realty.brokers', 'ty_le_hoa_hong', NULL, NULL, 'commission rate'),
  ('recruit.candidates', 'candidate_id', NULL, NULL, 'uuid key'),
  ('recruit.candidates', 'ho_va_ten', 'full_name', NULL, NULL),
  ('recruit.candidates', 'ngay_sinh', 'date_of_birth', NULL, 'text DD/MM/YYYY or YYYY-MM-DD'),
  ('recruit.candidates', 'gioi_tinh', 'gender', NULL, NULL),
  ('recruit.candidates', 'email', 'email_address', NULL, NULL),
  ('recruit.candidates', 'sdt', 'phone_number', NULL, NULL),
  ('recruit.candidates', 'dia_chi_hien_tai', 'address', NULL, NULL),
  ('recruit.candidates', 'que_quan', 'address', NULL, 'hometown'),
  ('recruit.candidates', 'cccd', 'identity_number', NULL, NULL),
  ('recruit.candidates', 'tinh_trang_hon_nhan', 'marital_status', NULL, NULL),
  ('recruit.candidates', 'dan_toc', 'racial_ethnic_origin', NULL, 'ethnic group'),
  ('recruit.candidates', 'ton_giao', 'political_religious_views', NULL, 'religion'),
  ('recruit.candidates', 'muc_luong_mong_muon', 'private_life', '{other_identifying,other_sensitive}', 'expected salary: personal financial attribute, see garage.staff.luong_co_ban'),
  ('recruit.candidates', 'linkedin_url', 'digital_account', '{other_identifying}', NULL),
  ('recruit.candidates', 'ten_dang_nhap', 'account_credentials', '{digital_account}', 'portal login name'),
  ('recruit.candidates', 'mat_khau', 'account_credentials', NULL, 'bcrypt hash'),
  ('recruit.cvs', 'cv_id', NULL, NULL, 'key'),
  ('recruit.cvs', 'candidate_id', NULL, NULL, 'uuid key'),
  ('recruit.cvs', 'file_path', NULL, '{other_identifying}', 'path with a hash file name'),
  ('recruit.cvs', 'trinh_do', NULL, '{other_identifying}', 'education level'),
  ('recruit.cvs', 'truong', NULL, '{other_identifying}', 'school'),
  ('recruit.cvs', 'chuyen_nganh', NULL, '{other_identifying}', 'major'),
  ('recruit.cvs', 'so_nam_kn', NULL, NULL, 'years of experience'),
  ('recruit.cvs', 'tinh_trang_suc_khoe', 'health_record', NULL, 'health condition, incl. disability and hepatitis'),
  ('recruit.cvs', 'tien_an_tien_su', 'criminal_record', NULL, 'criminal record declaration (''Không'', ''Đã xóa án tích'')'),
  ('recruit.interviews', 'id', NULL, NULL, 'key'),
  ('recruit.interviews', 'candidate_id', NULL, NULL, 'key'),
  ('recruit.interviews', 'job_code', NULL, NULL, 'code'),
  ('recruit.interviews', 'lich_pv', NULL, NULL, 'business event'),
  ('recruit.interviews', 'hinh_thuc', NULL, NULL, 'code'),
  ('recruit.interviews', 'nguoi_phong_van', 'full_name', NULL, 'interviewer (staff), 4 distinct'),
  ('recruit.interviews', 'diem', 'private_life', '{other_identifying,other_sensitive}', 'interview score 0-100: evaluation of a person no category names; integer, no pattern to find'),
  ('recruit.interviews', 'nhan_xet', 'private_life', '{health_record,other_identifying}', 'interviewer''s comments, some on mental state or pregnancy'),
  ('recruit.interviews', 'ket_qua', NULL, '{private_life}', 'result code Đạt/Không đạt'),
  ('recruit.jobs', 'job_code', NULL, NULL, 'code'),
  ('recruit.jobs', 'title', NULL, NULL, 'job title'),
  ('recruit.jobs', 'company_name', NULL, NULL, 'client company'),
  ('recruit.jobs', 'company_tax_code', NULL, NULL, 'company tax code, 10 digits with valid check digit: look-alike'),
  ('recruit.jobs', 'salary_range', NULL, NULL, 'range of a job ad'),
  ('recruit.jobs', 'location', NULL, NULL, 'province of the job'),
  ('recruit.jobs', 'contact_email', NULL, '{email_address}', 'role mailbox hr@company.com.vn'),
  ('recruit.jobs', 'contact_person', 'full_name', NULL, 'HR contact at the client'),
  ('recruit.jobs', 'hotline', NULL, NULL, 'company phone'),
  ('recruit.placements', 'placement_id', NULL, NULL, 'empty table; key'),
  ('recruit.placements', 'candidate_id', NULL, NULL, 'empty table; key'),
  ('recruit.placements', 'job_code', NULL, NULL, 'empty table'),
  ('recruit.placements', 'start_date', NULL, NULL, 'empty table'),
  ('recruit.placements', 'luong_thu_viec', 'private_life', '{other_identifying,other_sensitive}', 'empty table; probation salary'),
  ('recruit.placements', 'phi_dich_vu', NULL, NULL, 'empty table; agency fee'),
  ('recruit.placements', 'so_bhxh', 'tax_insurance_number', NULL, 'empty table; social insurance number'),
  ('charity.donors', 'donor_id', NULL, NULL, 'key'),
  ('charity.donors', 'display_name', 'full_name', NULL, 'name shown publicly, 15% ''Nhà hảo tâm'', ''Giấu tên''...'),
  ('charity.donors', 'real_name', 'full_name', NULL, NULL),
  ('charity.donors', 'phone', 'phone_number', NULL, NULL),
  ('charity.donors', 'email', 'email_address', NULL, NULL),
  ('charity.donors', 'is_anonymous', NULL, NULL, 'flag'),
  ('charity.donors', 'so_tai_khoan', 'banking_customer_info', NULL, 'donor''s bank account number'),
  ('charity.donors', 'ngan_hang', NULL, '{banking_customer_info}', 'bank short name'),
  ('charity.donors', 'address', 'address', NULL, NULL),
  ('charity.donors', 'tax_receipt_mst', 'tax_insurance_number', NULL, 'personal tax code for the receipt, 90% NULL'),
  ('charity.donations', 'id', NULL, NULL, 'key'),
  ('charity.donations', 'donor_id', NULL, NULL, 'key'),
  ('charity.donations', 'campaign_id', NULL, NULL, 'key'),
  ('charity.donations', 'amount', NULL, NULL, 'donation amount: business transaction (file header rule)'),
  ('charity.donations', 'currency', NULL, NULL, 'VND'),
  ('charity.donations', 'donated_at', NULL, NULL, 'business event'),
  ('charity.donations', 'channel', NULL, NULL, 'code'),
  ('charity.donations', 'noi_dung_ck', 'other_identifying', '{full_name,phone_number,banking_customer_info}', 'bank transfer memo: 40% ''NAME ung ho ...'', 18% ''UH <phone>'''),
  ('charity.donations', 'ma_giao_dich', NULL, NULL, 'bank transaction reference FT + 14 digits'),
  ('charity.beneficiaries', 'id', NULL, NULL, 'key'),
  ('charity.beneficiaries', 'ho_ten', 'full_name', NULL, NULL),
  ('charity.beneficiaries', 'nam_sinh', 'date_of_birth', NULL, 'birth year smallint 1935-2019'),
  ('charity.beneficiaries', 'gioi_tinh', 'gender', NULL, NULL),
  ('charity.beneficiaries', 'cccd', 'identity_number', NULL, NULL),
  ('charity.beneficiaries', 'dia_chi', 'address', NULL, 'rural address thôn, xã, huyện, tỉnh'),
  ('charity.beneficiaries', 'hoan_canh', 'private_life', '{family_relationship,health_record}', 'family circumstances'),
  ('charity.beneficiaries', 'benh_ly', 'health_record', NULL, 'illness, 50% NULL'),
  ('charity.beneficiaries', 'ho_ngheo', 'private_life', '{other_sensitive,banking_customer_info}', 'poor-household status flag'),
  ('charity.beneficiaries', 'anh_hoan_canh', 'personal_image', NULL, 'photo of the family'),
  ('charity.beneficiaries', 'sdt_nguoi_than', 'phone_number', '{family_relationship}', 'a relative''s phone'),
  ('charity.beneficiaries', 'quan_he', 'family_relationship', NULL, 'relationship of that relative'),
  ('charity.campaigns', 'ma_chien_dich', NULL, NULL, 'code'),
  ('charity.campaigns', 'ten', NULL, NULL, 'campaign name'),
  ('charity.campaigns', 'muc_tieu', NULL, NULL, 'target amount'),
  ('charity.campaigns', 'so_tk_nhan', NULL, NULL, 'the charity''s own receiving account: organisation, look-alike'),
  ('charity.campaigns', 'ngan_hang_nhan', NULL, NULL, 'bank branch'),
  ('charity.campaigns', 'bat_dau', NULL, NULL, 'date'),
  ('charity.campaigns', 'ket_thuc', NULL, NULL, 'date'),
  ('charity.volunteers', 'id', NULL, NULL, 'key'),
  ('charity.volunteers', 'hoTen', 'full_name', NULL, NULL),
  ('charity.volunteers', 'soDienThoai', 'phone_number', NULL, NULL),
  ('charity.volunteers', 'email', 'email_address', NULL, NULL),
  ('charity.volunteers', 'ngaySinh', 'date_of_birth', NULL, NULL),
  ('charity.volunteers', 'nhomMau', 'health_record', '{biometric_data,genetic_data}', 'blood group'),
  ('charity.volunteers', 'size_ao', NULL, NULL, 'T-shirt size'),
  ('charity.volunteers', 'ghiChu', NULL, NULL, 'remarks: skills and availability');
-- every column of the seven schemas is labelled, and only those
DO $$
DECLARE missing text; extra text;
BEGIN
  SELECT string_agg(r, ', ') INTO missing FROM (
    SELECT format('%s.%s', n.nspname, c.relname) || '.' || a.attname AS r
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ('utility', 'food', 'garage', 'pharma', 'realty', 'recruit', 'charity') AND c.relkind IN ('r', 'p', 'm')
      AND a.attnum > 0 AND NOT a.attisdropped
    EXCEPT SELECT relation || '.' || column_name FROM public.discover_labels) s;
  SELECT string_agg(r, ', ') INTO extra FROM (
    SELECT relation || '.' || column_name AS r FROM public.discover_labels
    EXCEPT SELECT format('%s.%s', n.nspname, c.relname) || '.' || a.attname
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE a.attnum > 0 AND NOT a.attisdropped) s;
  IF missing IS NOT NULL OR extra IS NOT NULL THEN
    RAISE EXCEPTION 'discover_labels does not match the tables: unlabelled %, unknown %', missing, extra;
  END IF;
END $$;
ANALYZE public.discover_labels;
