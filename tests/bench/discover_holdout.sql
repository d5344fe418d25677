-- Hold-out test database for pdp.discover() (issue 15, part 2, accuracy).
--
-- A SECOND labelled database, built without looking at the discovery code
-- or at the first test set (discover_data.sql), so that nobody tuned the
-- recognizers against it.  Different businesses from the first set: a
-- clinic, a mobile operator, an insurer, a high school, a delivery company,
-- a rental firm and a marketplace, in schemas clinic, telco, insure, school,
-- logistics, rental, market.  Column names as Vietnamese developers write
-- them (English, Vietnamese without diacritics in snake_case and run
-- together, camelCase, upper-case names from an Oracle migration,
-- abbreviations, uninformative legacy names); values with the usual dirt
-- (NULLs, empty strings, mixed formats, stray spaces, case); look-alikes that
-- are not personal (codes, hotlines, company tax codes, branch addresses,
-- street names named after people, ICD-10 and drug catalogues, SIM stock,
-- IMEIs, EAN barcodes, scratch-card serials, warehouse coordinates).
--
-- public.discover_labels lists EVERY column of every table created here:
--   category    the Decree 356/2025 category a careful DBA tags it with, or
--               NULL when it is not personal data;
--   acceptable  other categories a careful DBA could equally choose (for a
--               NULL category: tagging it so is not a mistake either);
--   note        why, for the hard cases.
-- A check at the end fails the load when a column has no label or a label
-- names no column.
--
-- Deterministic: setseed() first, no parallel query, no extensions.  All
-- people are generated (no real people).  Used by tests/bench/discover.sh
-- with DISCOVER_DATA=discover_holdout.sql.
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;
SELECT setseed(0.1515);

DROP SCHEMA IF EXISTS clinic, telco, insure, school, logistics, rental, market CASCADE;
DROP TABLE IF EXISTS public.discover_labels;
CREATE SCHEMA clinic;
CREATE SCHEMA telco;
CREATE SCHEMA insure;
CREATE SCHEMA school;
CREATE SCHEMA logistics;
CREATE SCHEMA rental;
CREATE SCHEMA market;

------------------------------------------------------------------------
-- generators (session-local: pg_temp)
------------------------------------------------------------------------
CREATE FUNCTION pg_temp.pick(a text[]) RETURNS text LANGUAGE sql VOLATILE AS
$$ SELECT a[1 + floor(random() * array_length(a, 1))::int] $$;
CREATE FUNCTION pg_temp.rint(lo int, hi int) RETURNS int LANGUAGE sql VOLATILE AS
$$ SELECT lo + floor(random() * (hi - lo + 1))::int $$;
CREATE FUNCTION pg_temp.digits(n int) RETURNS text LANGUAGE sql VOLATILE AS
$$ SELECT string_agg(floor(random() * 10)::int::text, '') FROM generate_series(1, n) $$;
CREATE FUNCTION pg_temp.chance(p float8) RETURNS boolean LANGUAGE sql VOLATILE AS
$$ SELECT random() < p $$;
-- Vietnamese without diacritics
CREATE FUNCTION pg_temp.unacc(s text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT translate(s,
    'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ',
    repeat('a', 17) || repeat('e', 11) || repeat('i', 5) || repeat('o', 17) || repeat('u', 11) || repeat('y', 5) || 'd' ||
    repeat('A', 17) || repeat('E', 11) || repeat('I', 5) || repeat('O', 17) || repeat('U', 11) || repeat('Y', 5) || 'D') $$;
-- dirt: NULL with probability pnull, '' with pempty, stray spaces / case with pmess
CREATE FUNCTION pg_temp.dirty(v text, pnull float8, pempty float8 DEFAULT 0, pmess float8 DEFAULT 0)
RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE r float8 := random();
BEGIN
  IF r < pnull THEN RETURN NULL; END IF;
  IF r < pnull + pempty THEN RETURN ''; END IF;
  IF random() < pmess THEN
    RETURN CASE floor(random() * 4)::int WHEN 0 THEN ' ' || v WHEN 1 THEN v || '  ' WHEN 2 THEN upper(v) ELSE lower(v) END;
  END IF;
  RETURN v;
END $$;

CREATE FUNCTION pg_temp.family() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT pg_temp.pick('{Nguyễn,Nguyễn,Nguyễn,Trần,Trần,Lê,Lê,Phạm,Hoàng,Huỳnh,Phan,Vũ,Võ,Đặng,Bùi,Đỗ,Hồ,Ngô,Dương,Lý,Trịnh,Đinh,Mai,Cao,Lương,Tạ,Châu,Lâm,Quách,Kiều}') $$;
CREATE FUNCTION pg_temp.fullname(female boolean) RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT pg_temp.family() || ' ' ||
    CASE WHEN female THEN pg_temp.pick('{Thị,Thị,Thị,Ngọc,Thu,Thanh,Kim,Mai,Phương,Hồng,Bảo,Khánh}')
         ELSE pg_temp.pick('{Văn,Văn,Đức,Minh,Quang,Hữu,Công,Thành,Xuân,Gia,Trọng,Duy}') END ||
    CASE WHEN random() < 0.15 THEN ' ' || pg_temp.pick('{Hoàng,Minh,Anh,Thanh,Ngọc,Bảo}') ELSE '' END || ' ' ||
    CASE WHEN female THEN pg_temp.pick('{Lan,Hương,Linh,Trang,Thảo,Hà,Ngân,Vy,My,Nhung,Yến,Chi,Hạnh,Thủy,Dung,Hoa,Tuyết,Oanh,Nga,Trâm,Quyên,Diệp,Ánh,Loan}')
         ELSE pg_temp.pick('{Anh,Hùng,Dũng,Tuấn,Nam,Long,Hải,Sơn,Phúc,Khoa,Bảo,Huy,Quân,Trung,Đạt,Thắng,Tâm,Hiếu,Lâm,Vinh,Cường,Khải,Lộc,Tùng}') END $$;
-- a name as stored by various apps: diacritics, none, upper case, stray spaces
CREATE FUNCTION pg_temp.name_any(female boolean) RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT CASE floor(random() * 10)::int
           WHEN 0 THEN pg_temp.unacc(n) WHEN 1 THEN upper(pg_temp.unacc(n)) WHEN 2 THEN upper(n)
           WHEN 3 THEN n || ' ' ELSE n END
  FROM pg_temp.fullname(female) n $$;

CREATE FUNCTION pg_temp.mobile10() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT pg_temp.pick('{032,033,034,035,036,037,038,039,056,058,070,076,077,078,079,081,082,083,084,085,086,088,089,090,091,093,094,096,097,098,099}')
         || pg_temp.digits(7) $$;
-- a phone number in the formats people type
CREATE FUNCTION pg_temp.phone() RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE m text; r int := floor(random() * 20)::int;
BEGIN
  IF r = 0 THEN   -- landline: Hanoi 024 / HCMC 028 + 8 digits, others 02xx + 7
    RETURN pg_temp.pick('{024 3,028 3,024 6,028 6}') || pg_temp.digits(3) || ' ' || pg_temp.digits(4);
  ELSIF r = 1 THEN
    RETURN pg_temp.pick('{0236,0225,0292,0263,0258}') || pg_temp.digits(7);
  END IF;
  m := pg_temp.mobile10();
  RETURN CASE r
    WHEN 2 THEN '+84' || substr(m, 2) WHEN 3 THEN '84' || substr(m, 2) WHEN 4 THEN '+84 ' || substr(m, 2, 2) || ' ' || substr(m, 4, 3) || ' ' || substr(m, 7)
    WHEN 5 THEN substr(m, 1, 4) || ' ' || substr(m, 5, 3) || ' ' || substr(m, 8) WHEN 6 THEN substr(m, 1, 4) || '.' || substr(m, 5, 3) || '.' || substr(m, 8)
    WHEN 7 THEN substr(m, 1, 4) || '-' || substr(m, 5, 3) || '-' || substr(m, 8) WHEN 8 THEN '(+84) ' || substr(m, 2)
    ELSE m END;
END $$;
-- 12-digit personal identification number: province, gender/century, year, 6 random
CREATE FUNCTION pg_temp.cccd(born date, female boolean) RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT pg_temp.pick('{001,001,079,079,031,048,092,038,040,036,034,027,075,052,066,089}') ||
         ((CASE WHEN extract(year FROM born) >= 2000 THEN 2 ELSE 0 END) + (CASE WHEN female THEN 1 ELSE 0 END))::text ||
         to_char(born, 'YY') || pg_temp.digits(6) $$;
CREATE FUNCTION pg_temp.cmnd() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT pg_temp.pick('{0,1,2,3}') || pg_temp.digits(8) $$;
CREATE FUNCTION pg_temp.passport() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT pg_temp.pick('{B,C,C,N,P}') || pg_temp.digits(7) $$;
-- personal tax code: 8xxxxxxxx + check digit (weights 31 29 23 19 17 13 7 5 3)
CREATE FUNCTION pg_temp.mst(first text DEFAULT '8') RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE s text; w int[] := '{31,29,23,19,17,13,7,5,3}'; t int; c int;
BEGIN
  LOOP
    s := first || pg_temp.digits(9 - length(first));
    t := 0;
    FOR i IN 1..9 LOOP t := t + substr(s, i, 1)::int * w[i]; END LOOP;
    c := 10 - t % 11;
    IF c < 10 THEN RETURN s || c::text; END IF;
  END LOOP;
END $$;
-- complete a digit prefix with a Luhn check digit to length n
CREATE FUNCTION pg_temp.luhn(prefix text, n int) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE s text := prefix || pg_temp.digits(n - 1 - length(prefix)); t int := 0; d int;
BEGIN
  FOR i IN 1..length(s) LOOP
    d := substr(s, length(s) - i + 1, 1)::int;
    IF i % 2 = 1 THEN d := d * 2; IF d > 9 THEN d := d - 9; END IF; END IF;
    t := t + d;
  END LOOP;
  RETURN s || ((10 - t % 10) % 10)::text;
END $$;
CREATE FUNCTION pg_temp.bank_acct() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT CASE floor(random() * 5)::int WHEN 0 THEN '0011' || pg_temp.digits(9) WHEN 1 THEN '1903' || pg_temp.digits(10)
              WHEN 2 THEN pg_temp.mobile10() WHEN 3 THEN '1' || pg_temp.digits(11) ELSE pg_temp.digits(pg_temp.rint(9, 14)) END $$;
CREATE FUNCTION pg_temp.bank() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT pg_temp.pick('{Vietcombank,VietinBank,BIDV,Agribank,Techcombank,MB Bank,ACB,VPBank,TPBank,Sacombank,VIB,"NH TMCP Quân Đội"}') $$;

CREATE FUNCTION pg_temp.street() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT pg_temp.pick('{Nguyễn Trãi,Lê Lợi,Trần Hưng Đạo,Hai Bà Trưng,Lý Thường Kiệt,Điện Biên Phủ,Cách Mạng Tháng Tám,Nguyễn Văn Cừ,Phạm Văn Đồng,Láng Hạ,Xã Đàn,Kim Mã,Hoàng Quốc Việt,Võ Văn Tần,Nguyễn Thị Minh Khai,Trường Chinh,Lê Duẩn,Bạch Đằng,Quang Trung,Nguyễn Huệ}') $$;
CREATE FUNCTION pg_temp.place() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT pg_temp.pick('{"Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh","Phường 12, Quận 10, TP.HCM","Phường Dịch Vọng, Quận Cầu Giấy, Hà Nội","Phường Trung Hòa, Cầu Giấy, Hà Nội","Phường Hải Châu 1, Quận Hải Châu, Đà Nẵng","Phường Lê Chân, Quận Lê Chân, Hải Phòng","Xã Tân Phú, Huyện Đức Hòa, Long An","Phường An Hòa, Quận Ninh Kiều, Cần Thơ","Phường 5, TP. Đà Lạt, Lâm Đồng","Phường Vĩnh Hải, TP. Nha Trang, Khánh Hòa","Thị trấn Diễn Châu, Huyện Diễn Châu, Nghệ An","Phường Linh Trung, TP. Thủ Đức, TP. Hồ Chí Minh","Xã Quảng Xương, Huyện Quảng Xương, Thanh Hóa","Phường Bến Thành, TP. Hồ Chí Minh","Phường Láng, Hà Nội","Phường Dĩ An, TP. Dĩ An, Bình Dương","Phường Tân Định, Quận 1, HCM"}') $$;
CREATE FUNCTION pg_temp.province() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT pg_temp.pick('{Hà Nội,TP. Hồ Chí Minh,Hải Phòng,Đà Nẵng,Cần Thơ,Nghệ An,Thanh Hóa,Nam Định,Thái Bình,Quảng Nam,Bình Định,Đắk Lắk,Lâm Đồng,Long An,An Giang,Bắc Ninh,Hải Dương,Quảng Ninh,Huế,Bình Dương}') $$;
-- a residential address in the forms people type it
CREATE FUNCTION pg_temp.address() RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE a text;
BEGIN
  a := CASE floor(random() * 6)::int
         WHEN 0 THEN 'Số ' || pg_temp.rint(1, 300) || ' ' || pg_temp.street()
         WHEN 1 THEN pg_temp.rint(1, 200) || '/' || pg_temp.rint(1, 40) || ' ' || pg_temp.street()
         WHEN 2 THEN 'Số ' || pg_temp.rint(1, 80) || ' ngõ ' || pg_temp.rint(1, 300) || ' ' || pg_temp.street()
         WHEN 3 THEN 'Thôn ' || pg_temp.pick('{Đông,Tây,Nam,Bắc,Thượng,Hạ}') || ' ' || pg_temp.rint(1, 5)
         WHEN 4 THEN 'Tổ ' || pg_temp.rint(1, 30) || ', khu phố ' || pg_temp.rint(1, 8)
         ELSE pg_temp.rint(1, 500) || ' ' || pg_temp.street() END || ', ' || pg_temp.place();
  RETURN CASE WHEN random() < 0.25 THEN pg_temp.unacc(a) WHEN random() < 0.05 THEN upper(pg_temp.unacc(a)) ELSE a END;
END $$;
CREATE FUNCTION pg_temp.email(n text) RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT CASE floor(random() * 4)::int
           WHEN 0 THEN lower(replace(pg_temp.unacc(n), ' ', '')) WHEN 1 THEN lower(replace(pg_temp.unacc(n), ' ', '.'))
           WHEN 2 THEN lower(split_part(pg_temp.unacc(n), ' ', 1)) || pg_temp.rint(70, 99)
           ELSE lower(regexp_replace(pg_temp.unacc(n), '^.* ', '')) || '_' || pg_temp.digits(3) END
         || '@' || pg_temp.pick('{gmail.com,gmail.com,gmail.com,yahoo.com,yahoo.com.vn,hotmail.com,outlook.com,icloud.com,fpt.edu.vn,vnpt.vn}') $$;
CREATE FUNCTION pg_temp.plate_car() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT pg_temp.pick('{29,30,51,51,43,15,60,61,36,92,65,99}') || pg_temp.pick('{A,C,D,F,G,H,K,LD}') ||
         pg_temp.pick('{-,"",-," "}') || pg_temp.digits(3) || pg_temp.pick('{.,"",.}') || pg_temp.digits(2) $$;
CREATE FUNCTION pg_temp.plate_moto() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT pg_temp.pick('{29,59,59,30,43,51,36,37,65,71}') || pg_temp.pick('{-,"",-}') ||
         pg_temp.pick('{B1,X2,F1,H1,K1,G1,P1,T1,V3,AA}') || pg_temp.pick('{" ","-",""}') || pg_temp.digits(3) || pg_temp.pick('{.,""}') || pg_temp.digits(2) $$;
CREATE FUNCTION pg_temp.dob(lo int, hi int) RETURNS date LANGUAGE sql VOLATILE AS $$
  SELECT make_date(lo, 1, 1) + floor(random() * (make_date(hi, 12, 31) - make_date(lo, 1, 1)))::int $$;
CREATE FUNCTION pg_temp.ts(lo date, hi date) RETURNS timestamptz LANGUAGE sql VOLATILE AS $$
  SELECT lo::timestamptz + random() * (hi::timestamptz - lo::timestamptz) $$;
CREATE FUNCTION pg_temp.occupation() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT pg_temp.pick('{Công nhân,Kế toán,Giáo viên,Kinh doanh tự do,Nhân viên văn phòng,Nội trợ,Kỹ sư,Bác sĩ,Tài xế,Sinh viên,Hưu trí,Nông dân,Lập trình viên,Buôn bán,Thợ may,Bộ đội}') $$;

------------------------------------------------------------------------
-- clinic: a private polyclinic chain
------------------------------------------------------------------------
CREATE TABLE clinic.chi_nhanh (          -- branches (small)
  id serial PRIMARY KEY, ten_chi_nhanh text, dia_chi text, hotline text, email_cskh text, giam_doc text);
INSERT INTO clinic.chi_nhanh (ten_chi_nhanh, dia_chi, hotline, email_cskh, giam_doc)
SELECT 'Phòng khám Đa khoa An Tâm - CN ' || b.n, b.addr, b.hl, 'cskh.' || lower(pg_temp.unacc(replace(b.n, ' ', ''))) || '@antamclinic.vn',
       'BS.CKII ' || pg_temp.fullname(g % 3 = 0)
FROM (VALUES (1, 'Cầu Giấy', '168 Xuân Thủy, Phường Dịch Vọng Hậu, Quận Cầu Giấy, Hà Nội', '1900 6868'),
             (2, 'Đống Đa', '32 Đại Cồ Việt, Phường Lê Đại Hành, Hai Bà Trưng, Hà Nội', '024 3974 5566'),
             (3, 'Quận 3', '215 Điện Biên Phủ, Phường Võ Thị Sáu, Quận 3, TP. Hồ Chí Minh', '028 3930 1122'),
             (4, 'Thủ Đức', '90 Võ Văn Ngân, Phường Linh Chiểu, TP. Thủ Đức, TP.HCM', '1900 6868'),
             (5, 'Hải Châu', '12 Lê Duẩn, Phường Hải Châu 1, Quận Hải Châu, Đà Nẵng', '0236 3822 999'),
             (6, 'Ninh Kiều', '55 Trần Hưng Đạo, Phường An Hòa, Quận Ninh Kiều, Cần Thơ', '0292 3755 888'),
             (7, 'Bình Thạnh', '1 Phan Đăng Lưu, Phường 3, Quận Bình Thạnh, TP. Hồ Chí Minh', '1800 1234'),
             (8, 'Long Biên', 'Số 8 Nguyễn Văn Cừ, Phường Ngọc Lâm, Quận Long Biên, Hà Nội', '024 3872 6789')) b(g, n, addr, hl);

CREATE TABLE clinic.icd10 (code text PRIMARY KEY, ten_benh text, chuong text);   -- reference (small)
INSERT INTO clinic.icd10 VALUES
 ('J06.9','Nhiễm trùng đường hô hấp trên cấp, không đặc hiệu','X'),('J02.9','Viêm họng cấp, không đặc hiệu','X'),
 ('J20.9','Viêm phế quản cấp','X'),('J45.9','Hen phế quản','X'),('I10','Tăng huyết áp vô căn','IX'),
 ('I25.1','Bệnh tim do xơ vữa động mạch','IX'),('E11.9','Đái tháo đường type 2 không biến chứng','IV'),
 ('E78.5','Tăng lipid máu','IV'),('K21.9','Trào ngược dạ dày - thực quản','XI'),('K29.7','Viêm dạ dày','XI'),
 ('K35.8','Viêm ruột thừa cấp','XI'),('M54.5','Đau thắt lưng','XIII'),('M17.9','Thoái hóa khớp gối','XIII'),
 ('N39.0','Nhiễm khuẩn đường tiết niệu','XIV'),('O80','Đẻ thường một thai','XV'),('Z34.0','Theo dõi thai bình thường lần đầu','XXI'),
 ('F32.9','Giai đoạn trầm cảm','V'),('F41.1','Rối loạn lo âu lan tỏa','V'),('B18.1','Viêm gan virus B mạn','I'),
 ('B20','Bệnh do HIV','I'),('A09','Tiêu chảy và viêm dạ dày ruột','I'),('A97.0','Sốt xuất huyết Dengue','I'),
 ('H52.1','Cận thị','VII'),('L20.9','Viêm da cơ địa','XII'),('R51','Đau đầu','XVIII'),('R50.9','Sốt không rõ nguyên nhân','XVIII'),
 ('C50.9','U ác tuyến vú','II'),('C22.0','Ung thư biểu mô tế bào gan','II'),('G43.9','Đau nửa đầu Migraine','VI'),('Z00.0','Khám sức khỏe tổng quát','XXI');

CREATE TABLE clinic.dm_thuoc (           -- drug catalogue
  ma_thuoc text PRIMARY KEY, ten_thuoc text, hoat_chat text, ham_luong text, dvt text, gia_ban numeric(12,0), nha_sx text, so_dang_ky text);
INSERT INTO clinic.dm_thuoc
SELECT 'T' || lpad(g::text, 5, '0'), d.ten || CASE WHEN g > 24 THEN ' ' || (g / 24) ELSE '' END, d.hc, d.hl, pg_temp.pick('{Viên,Viên,Gói,Chai,Ống,Tuýp}'),
       pg_temp.rint(5, 400) * 100, pg_temp.pick('{Công ty CP Dược Hậu Giang,Công ty CP Traphaco,Công ty CP Pymepharco,Sanofi Việt Nam,Công ty CP Dược phẩm Imexpharm,Stada Việt Nam}'),
       pg_temp.pick('{VD-,VN-,VD-,QLĐB-}') || pg_temp.rint(10000, 39999) || '-' || pg_temp.rint(10, 24)
FROM generate_series(1, 120) g
JOIN (SELECT row_number() OVER () - 1 AS i, * FROM (VALUES ('Paracetamol','Paracetamol','500mg'),('Hapacol 250','Paracetamol','250mg'),('Amoxicillin','Amoxicillin','500mg'),
   ('Augmentin','Amoxicillin + Acid clavulanic','625mg'),('Metformin','Metformin','850mg'),('Amlodipin','Amlodipin','5mg'),('Losartan','Losartan','50mg'),
   ('Atorvastatin','Atorvastatin','20mg'),('Omeprazol','Omeprazol','20mg'),('Nexium','Esomeprazol','40mg'),('Smecta','Diosmectit','3g'),
   ('Oresol','Natri clorid + Glucose','4.1g'),('Cetirizin','Cetirizin','10mg'),('Salbutamol','Salbutamol','2mg'),('Ventolin','Salbutamol','100mcg'),
   ('Tenofovir','Tenofovir disoproxil','300mg'),('Sertralin','Sertralin','50mg'),('Diclofenac','Diclofenac','50mg'),('Glucosamin','Glucosamin','1500mg'),
   ('Vitamin C','Acid ascorbic','500mg'),('Berberin','Berberin','100mg'),('Efferalgan','Paracetamol','500mg'),('Insulin Mixtard','Insulin người','100IU/ml'),
   ('Alpha Choay','Chymotrypsin','4.2mg')) v(ten, hc, hl)) d ON d.i = g % 24;

CREATE TABLE clinic.benh_nhan (          -- patients
  id bigserial PRIMARY KEY, ma_bn text, ho_ten text, ngay_sinh date, gioi_tinh text, so_cccd text, sdt text,
  ten_nguoi_than text, quan_he_nguoi_than text, sdt_nguoi_than text, so_bhyt text, dia_chi text, nghe_nghiep text,
  nhom_mau text, di_ung text, dan_toc text, quoc_tich text, created_at timestamptz);
INSERT INTO clinic.benh_nhan (ma_bn, ho_ten, ngay_sinh, gioi_tinh, so_cccd, sdt, ten_nguoi_than, quan_he_nguoi_than, sdt_nguoi_than,
  so_bhyt, dia_chi, nghe_nghiep, nhom_mau, di_ung, dan_toc, quoc_tich, created_at)
SELECT 'BN' || to_char(p.reg, 'YY') || '-' || lpad(p.g::text, 6, '0'),
       pg_temp.name_any(p.f), p.born,
       pg_temp.dirty(CASE WHEN p.f THEN pg_temp.pick('{Nữ,Nữ,Nữ,nữ,NU,F}') ELSE pg_temp.pick('{Nam,Nam,Nam,nam,NAM,M}') END, 0.02, 0.02),
       pg_temp.dirty(CASE WHEN random() < 0.8 THEN pg_temp.cccd(p.born, p.f) WHEN random() < 0.6 THEN pg_temp.cmnd() ELSE pg_temp.passport() END, 0.08, 0.05, 0.05),
       pg_temp.dirty(pg_temp.phone(), 0.03, 0.02, 0.05),
       pg_temp.dirty(pg_temp.name_any(random() < 0.5), 0.3),
       pg_temp.dirty(pg_temp.pick('{Vợ,Chồng,Con,Con trai,Con gái,Mẹ,Bố,Anh trai,Chị gái,Em}'), 0.3, 0.02),
       pg_temp.dirty(pg_temp.phone(), 0.3, 0.02),
       pg_temp.dirty(CASE WHEN random() < 0.6 THEN pg_temp.pick('{DN4,HS4,GD4,HT3,CN3,TE1,HC4,BT2}') || pg_temp.pick('{01,79,48,31,92,38}') || pg_temp.digits(10)
                          ELSE pg_temp.pick('{01,79,48,31,92,38}') || pg_temp.digits(8) END, 0.15, 0.05),
       pg_temp.dirty(pg_temp.address(), 0.05, 0.03, 0.03),
       pg_temp.dirty(pg_temp.occupation(), 0.2, 0.05),
       pg_temp.dirty(pg_temp.pick('{A+,A,B+,B,O+,O,AB+,AB,O-,A-}'), 0.5),
       pg_temp.dirty(pg_temp.pick('{Không,Không,Không,không,Penicillin,Hải sản,Aspirin,Phấn hoa,"Dị ứng thời tiết",Sulfamid,Đậu phộng}'), 0.3, 0.1),
       pg_temp.dirty(pg_temp.pick('{Kinh,Kinh,Kinh,Kinh,Kinh,Kinh,Tày,Thái,Mường,Khmer,Hoa,Nùng,H''Mông,Dao,Ê Đê}'), 0.1, 0.03),
       pg_temp.dirty(pg_temp.pick('{Việt Nam,Việt Nam,Việt Nam,Việt Nam,VN,Viet Nam,Hàn Quốc,Nhật Bản,Trung Quốc}'), 0.05),
       p.reg
FROM (SELECT g, random() < 0.55 AS f, pg_temp.dob(1938, 2023) AS born, pg_temp.ts('2019-01-01', '2025-06-30') AS reg
      FROM generate_series(1, 3200) g) p;

CREATE TABLE clinic.visits (
  visit_id bigserial PRIMARY KEY, patient_id bigint, branch_id int, visit_date timestamp, chief_complaint text, icd10 text,
  diagnosis text, doctor_name text, bp_systolic int, bp_diastolic int, weight_kg numeric(5,1), temperature numeric(4,1),
  total_fee numeric(12,0), status text);
INSERT INTO clinic.visits (patient_id, branch_id, visit_date, chief_complaint, icd10, diagnosis, doctor_name, bp_systolic, bp_diastolic,
  weight_kg, temperature, total_fee, status)
SELECT pg_temp.rint(1, 3200), pg_temp.rint(1, 8), pg_temp.ts('2023-01-01', '2025-06-30')::timestamp,
       pg_temp.dirty(pg_temp.pick('{"Đau đầu, sốt 3 ngày","Ho, đau họng","Đau bụng vùng thượng vị","Khám sức khỏe định kỳ","Tái khám tiểu đường","Mệt mỏi, mất ngủ","Đau lưng","Khám thai","Tiêu chảy 2 ngày","Nổi mẩn ngứa","Tức ngực khó thở","Mắt mờ"}'), 0.05, 0.05),
       i.code, pg_temp.dirty(i.ten_benh, 0.05),
       'BS. ' || pg_temp.fullname(random() < 0.5),
       CASE WHEN random() < 0.8 THEN pg_temp.rint(95, 175) END, CASE WHEN random() < 0.8 THEN pg_temp.rint(55, 105) END,
       CASE WHEN random() < 0.9 THEN round((12 + random() * 80)::numeric, 1) END, CASE WHEN random() < 0.7 THEN round((36 + random() * 3.2)::numeric, 1) END,
       pg_temp.rint(15, 300) * 10000, pg_temp.pick('{done,done,done,done,cancel,waiting,DONE}')
FROM (SELECT g, (SELECT code FROM clinic.icd10 ORDER BY code OFFSET (g * 7919) % 30 LIMIT 1) AS code FROM generate_series(1, 4000) g) v
JOIN clinic.icd10 i USING (code);

CREATE TABLE clinic.don_thuoc (          -- prescription lines
  id bigserial PRIMARY KEY, visit_id bigint, ma_thuoc text, ten_thuoc text, lieu_dung text, so_luong int, don_gia numeric(12,0));
INSERT INTO clinic.don_thuoc (visit_id, ma_thuoc, ten_thuoc, lieu_dung, so_luong, don_gia)
SELECT pg_temp.rint(1, 4000), t.ma_thuoc, t.ten_thuoc || ' ' || t.ham_luong,
       pg_temp.dirty(pg_temp.pick('{"Uống 1 viên x 2 lần/ngày sau ăn","Ngày 3 lần, mỗi lần 1 viên","Uống khi sốt trên 38.5 độ","Tiêm dưới da 10 đơn vị trước ăn sáng","Ngậm 1 viên trước khi ngủ","Xịt 2 nhát khi khó thở"}'), 0.05, 0.05),
       pg_temp.rint(1, 60), t.gia_ban
FROM (SELECT g, 'T' || lpad((1 + (g * 37) % 120)::text, 5, '0') AS ma FROM generate_series(1, 5000) g) x
JOIN clinic.dm_thuoc t ON t.ma_thuoc = x.ma;

CREATE TABLE clinic.xet_nghiem (         -- lab results, camelCase from the LIS vendor
  "resultId" bigserial PRIMARY KEY, "visitId" bigint, "testCode" text, "testName" text, "resultValue" text, "unit" text,
  "refRange" text, "isAbnormal" boolean, "sampledAt" timestamptz);
INSERT INTO clinic.xet_nghiem ("visitId", "testCode", "testName", "resultValue", "unit", "refRange", "isAbnormal", "sampledAt")
SELECT pg_temp.rint(1, 4000), t.c, t.n,
       CASE WHEN t.u = '' THEN pg_temp.pick('{Âm tính,Âm tính,Âm tính,Dương tính,negative,NEG}') ELSE round((t.lo + random() * (t.hi - t.lo) * 1.5)::numeric, 1)::text END,
       nullif(t.u, ''), t.r, random() < 0.2, pg_temp.ts('2023-01-01', '2025-06-30')
FROM (SELECT g, (g * 13) % 10 AS k FROM generate_series(1, 4000) g) x
JOIN (VALUES (0, 'GLU', 'Glucose máu lúc đói', 3.0, 9.0, 'mmol/L', '3.9 - 6.4'), (1, 'HBA1C', 'HbA1c', 4.0, 9.0, '%', '4.0 - 6.0'),
             (2, 'CHOL', 'Cholesterol toàn phần', 3.0, 7.0, 'mmol/L', '< 5.2'), (3, 'ALT', 'ALT (GPT)', 10, 90, 'U/L', '< 40'),
             (4, 'CREA', 'Creatinin', 50, 140, 'µmol/L', '62 - 120'), (5, 'HBSAG', 'HBsAg nhanh', 0, 0, '', 'Âm tính'),
             (6, 'HIV', 'HIV Ab test nhanh', 0, 0, '', 'Âm tính'), (7, 'WBC', 'Số lượng bạch cầu', 3, 15, 'G/L', '4 - 10'),
             (8, 'HCG', 'Beta HCG', 0, 0, '', 'Âm tính'), (9, 'TSH', 'TSH', 0.2, 6, 'mIU/L', '0.27 - 4.2')) t(k, c, n, lo, hi, u, r) USING (k);

CREATE TABLE clinic.lich_hen (           -- appointments booked by phone / Zalo
  id serial PRIMARY KEY, hoten_bn text, sodt text, ngayhen timestamp, khoa text, ghichu text, trang_thai smallint, nguoi_tao text);
INSERT INTO clinic.lich_hen (hoten_bn, sodt, ngayhen, khoa, ghichu, trang_thai, nguoi_tao)
SELECT pg_temp.name_any(random() < 0.6), pg_temp.dirty(pg_temp.phone(), 0.02, 0.01, 0.05), pg_temp.ts('2024-01-01', '2025-12-31')::timestamp,
       pg_temp.pick('{Nội tổng quát,Nhi,Sản phụ khoa,Tai mũi họng,Da liễu,Tâm thần,Nội tiết,Răng hàm mặt,Mắt,Tim mạch}'),
       pg_temp.dirty(pg_temp.pick('{"Tái khám tiểu đường","Khám thai tuần 20","Đau răng","Xét nghiệm máu","","Bệnh nhân xin đổi giờ","Khám lại sau mổ ruột thừa","Tư vấn tiêm HPV"}'), 0.4, 0.1),
       pg_temp.rint(0, 3)::smallint, pg_temp.pick('{letan01,letan02,admin,zalo_bot,hotline}')
FROM generate_series(1, 2100);

------------------------------------------------------------------------
-- telco: a mobile operator
------------------------------------------------------------------------
CREATE TABLE telco.goi_cuoc (ma_goi text PRIMARY KEY, ten_goi text, gia numeric(10,0), data_gb numeric(6,1), chu_ky_ngay int, mo_ta text);
INSERT INTO telco.goi_cuoc
SELECT p.c, 'Gói ' || p.c, p.gia, p.gb, p.d, 'Đăng ký soạn ' || p.c || ' gửi 9123. Hotline hỗ trợ 1800 1091'
FROM (VALUES ('V90',90000,30,30),('V120',120000,60,30),('ST90',90000,45,30),('ST120K',120000,60,30),('MAX70',70000,15,30),('D15',15000,3,3),
             ('D5',5000,1,1),('12V120',1440000,720,360),('F90',90000,30,30),('TK135',135000,120,30),('SD70',70000,30,30),('C90N',90000,120,30),
             ('MIMAX',70000,7,30),('BIG90',90000,45,30),('UMAX50',50000,10,30),('FB10',10000,1,7),('TIKTOK5',5000,1,1),('YT30',30000,10,30),
             ('ROAM7',250000,5,7),('SV50',50000,30,30),('ZING',20000,5,30),('DATA1N',10000,2,1),('HEY',65000,10,30),('VIP299',299000,200,30),('KC50',50000,20,30)) p(c, gia, gb, d);

CREATE TABLE telco.thue_bao (            -- subscribers (eKYC at activation)
  id bigserial PRIMARY KEY, msisdn text, ho_ten text, ngay_sinh text, loai_giay_to text, so_giay_to text, dia_chi_thuong_tru text,
  ngay_kich_hoat date, goi_cuoc text, loai_tb text, trang_thai text, anh_chan_dung text, anh_cccd_truoc text, anh_cccd_sau text);
INSERT INTO telco.thue_bao (msisdn, ho_ten, ngay_sinh, loai_giay_to, so_giay_to, dia_chi_thuong_tru, ngay_kich_hoat, goi_cuoc, loai_tb,
  trang_thai, anh_chan_dung, anh_cccd_truoc, anh_cccd_sau)
SELECT '84' || substr(pg_temp.mobile10(), 2), upper(pg_temp.unacc(pg_temp.fullname(p.f))),
       pg_temp.dirty(CASE WHEN random() < 0.7 THEN to_char(p.born, 'DD/MM/YYYY') WHEN random() < 0.5 THEN to_char(p.born, 'YYYYMMDD') ELSE to_char(p.born, 'DD-MM-YYYY') END, 0.03),
       p.doc,
       CASE p.doc WHEN 'CCCD' THEN pg_temp.cccd(p.born, p.f) WHEN 'CMND' THEN pg_temp.cmnd() ELSE pg_temp.passport() END,
       pg_temp.dirty(pg_temp.address(), 0.02, 0.02),
       (pg_temp.ts('2015-01-01', '2025-06-01'))::date,
       (SELECT ma_goi FROM telco.goi_cuoc ORDER BY ma_goi OFFSET (p.g * 31) % 25 LIMIT 1),
       pg_temp.pick('{tra_truoc,tra_truoc,tra_truoc,tra_sau}'), pg_temp.pick('{ACTIVE,ACTIVE,ACTIVE,SUSPEND_1C,SUSPEND_2C,CANCEL}'),
       'ekyc/' || to_char(p.born, 'YYYY') || '/face_' || md5(p.g::text) || '.jpg',
       CASE WHEN p.doc <> 'HC' THEN 'ekyc/idcard/' || md5('f' || p.g) || '_front.jpg' END,
       CASE WHEN p.doc <> 'HC' THEN 'ekyc/idcard/' || md5('b' || p.g) || '_back.jpg' END
FROM (SELECT g, random() < 0.5 AS f, pg_temp.dob(1950, 2008) AS born,
             (ARRAY['CCCD','CCCD','CCCD','CCCD','CMND','HC'])[1 + floor(random() * 6)::int] AS doc FROM generate_series(1, 4000) g) p;

CREATE TABLE telco.sim_kho (             -- SIM stock, numbers for sale (nobody's yet)
  iccid text PRIMARY KEY, imsi text, so_thue_bao text, kho text, loai_so text, gia_ban numeric(12,0), trang_thai text);
INSERT INTO telco.sim_kho
SELECT '89840' || lpad(g::text, 14, '0'), '45204' || pg_temp.digits(10), pg_temp.mobile10(),
       pg_temp.pick('{Kho HN01,Kho HN02,Kho HCM01,Kho DN01,Đại lý Cầu Giấy}'), pg_temp.pick('{thuong,thuong,thuong,so dep,tam hoa,loc phat}'),
       pg_temp.pick('{50000,50000,150000,500000,1200000}')::numeric, pg_temp.pick('{CHUA_BAN,CHUA_BAN,DA_GIU,HONG}')
FROM generate_series(1, 3000) g;

CREATE TABLE telco.cdr (                 -- call detail records
  cdr_id bigint PRIMARY KEY, a_number text, b_number text, start_time timestamp, duration int, call_type text, cell_id text, charge numeric(10,0));
INSERT INTO telco.cdr
SELECT 9000000000 + g, '84' || substr(pg_temp.mobile10(), 2),
       CASE WHEN random() < 0.1 THEN pg_temp.pick('{1900545415,18001091,9123,191,1080}') ELSE '84' || substr(pg_temp.mobile10(), 2) END,
       pg_temp.ts('2025-05-01', '2025-06-01')::timestamp, pg_temp.rint(0, 3600), pg_temp.pick('{MOC,MOC,MTC,SMS_MO,SMS_MT}'),
       '452-04-' || pg_temp.rint(10000, 19999) || '-' || pg_temp.rint(1000, 65000), pg_temp.rint(0, 50) * 100
FROM generate_series(1, 5000) g;

CREATE TABLE telco.data_sessions (
  id bigserial PRIMARY KEY, msisdn text, imei text, apn text, session_start timestamptz, bytes_up bigint, bytes_down bigint, cgi text);
INSERT INTO telco.data_sessions (msisdn, imei, apn, session_start, bytes_up, bytes_down, cgi)
SELECT '84' || substr(pg_temp.mobile10(), 2), pg_temp.luhn(pg_temp.pick('{35,35,86,86,99,01}'), 15), pg_temp.pick('{m-wap,m3-world,v-internet,internet}'),
       pg_temp.ts('2025-05-01', '2025-06-01'), (random() * 5e7)::bigint, (random() * 9e8)::bigint,
       '452-04-' || pg_temp.rint(10000, 19999) || '-' || pg_temp.rint(1000, 65000)
FROM generate_series(1, 2500);

CREATE TABLE telco.nap_tien (            -- top-ups
  id bigserial PRIMARY KEY, sdt text, menh_gia int, kenh text, ma_giao_dich text, so_serial_the text, ma_the text, ngay_nap timestamptz);
INSERT INTO telco.nap_tien (sdt, menh_gia, kenh, ma_giao_dich, so_serial_the, ma_the, ngay_nap)
SELECT pg_temp.dirty(pg_temp.phone(), 0, 0, 0.05), pg_temp.pick('{10000,20000,50000,100000,200000,500000}')::int,
       pg_temp.pick('{MoMo,ZaloPay,the_cao,the_cao,VNPay,ngan_hang}'),
       'TXN' || to_char(d, 'YYYYMMDD') || lpad(g::text, 6, '0'),
       CASE WHEN random() < 0.4 THEN '1000' || pg_temp.digits(10) END, CASE WHEN random() < 0.4 THEN pg_temp.digits(13) END, d
FROM (SELECT g, pg_temp.ts('2024-06-01', '2025-06-01') AS d FROM generate_series(1, 3000) g) x;

CREATE TABLE telco."KH_TRA_SAU" (        -- post-paid customers, migrated from the old Oracle billing
  "MA_KH" varchar(20) PRIMARY KEY, "TEN_KH" varchar(100), "SO_CMND" varchar(20), "NGAY_SINH" varchar(8), "DIEN_THOAI" varchar(20),
  "DIA_CHI" varchar(200), "MST" varchar(14), "SO_TK" varchar(20), "MA_BC" varchar(10));
INSERT INTO telco."KH_TRA_SAU"
SELECT 'KH' || lpad(g::text, 8, '0'), upper(pg_temp.unacc(pg_temp.fullname(p.f))), pg_temp.dirty(pg_temp.cmnd(), 0.05),
       CASE WHEN random() < 0.95 THEN to_char(p.born, 'YYYYMMDD') END,
       CASE WHEN random() < 0.5 THEN pg_temp.pick('{0168,0169,0166,0123,0124,0126,0127,0129,0120}') || pg_temp.digits(7)
            WHEN random() < 0.3 THEN pg_temp.pick('{043,083,0511,0710}') || pg_temp.digits(7) ELSE pg_temp.mobile10() END,
       upper(pg_temp.unacc(pg_temp.address())), CASE WHEN random() < 0.4 THEN pg_temp.mst() END,
       CASE WHEN random() < 0.3 THEN pg_temp.bank_acct() END, pg_temp.pick('{HNI,HCM,DNG,CTO,HPG}')
FROM (SELECT g, random() < 0.5 AS f, pg_temp.dob(1945, 1995) AS born FROM generate_series(1, 1600) g) p;

------------------------------------------------------------------------
-- insure: a life and health insurer
------------------------------------------------------------------------
CREATE TABLE insure.san_pham (ma_sp text PRIMARY KEY, ten_sp text, loai text, phi_co_ban numeric(12,0), mo_ta text);
INSERT INTO insure.san_pham
SELECT 'SP' || lpad(g::text, 3, '0'), pg_temp.pick('{An Phúc,An Khang,Hưng Thịnh,Bảo An,Phúc Lộc,Vững Tương Lai,Sống Khỏe}') || ' ' || g,
       pg_temp.pick('{Nhân thọ,Sức khỏe,Tai nạn,Liên kết đầu tư}'), pg_temp.rint(10, 500) * 100000, 'Quyền lợi theo quy tắc số ' || g || '/2024/QĐ-TGĐ'
FROM generate_series(1, 20) g;

CREATE TABLE insure.dai_ly (             -- agents (individuals)
  ma_dl text PRIMARY KEY, ten_dl text, sdt_dl text, email_dl text, cccd_dl text, mst_dl text, khu_vuc text);
INSERT INTO insure.dai_ly
SELECT 'AG' || lpad(g::text, 5, '0'), n, pg_temp.phone(), pg_temp.email(n), pg_temp.cccd(pg_temp.dob(1970, 2000), g % 2 = 0), pg_temp.mst(),
       pg_temp.pick('{Miền Bắc,Miền Trung,Miền Nam,HCM1,HN2}')
FROM (SELECT g, pg_temp.fullname(g % 2 = 0) AS n FROM generate_series(1, 40) g) x;

CREATE TABLE insure.hop_dong (           -- policies
  so_hd text PRIMARY KEY, ben_mua_bh text, cmnd_cccd text, ngaysinh date, gioitinh char(1), dienthoai text, email text, diachi text,
  ma_sp text, phi_bh numeric(14,0), so_tien_bh numeric(16,0), ngay_hieu_luc date, tinh_trang_suc_khoe text, hut_thuoc boolean,
  tk_ngan_hang text, ngan_hang text, mst_ca_nhan text, nguoi_gioi_thieu text);
INSERT INTO insure.hop_dong
SELECT 'HD-' || (2018 + g % 7) || '-' || lpad(g::text, 7, '0'), pg_temp.name_any(p.f),
       pg_temp.dirty(CASE WHEN random() < 0.75 THEN pg_temp.cccd(p.born, p.f) ELSE pg_temp.cmnd() END, 0.02, 0, 0.05),
       p.born, CASE WHEN p.f THEN 'F' ELSE 'M' END, pg_temp.dirty(pg_temp.phone(), 0.02),
       pg_temp.dirty(pg_temp.email(p.n), 0.15, 0.05, 0.05), pg_temp.address(),
       'SP' || lpad((1 + g % 20)::text, 3, '0'), pg_temp.rint(50, 3000) * 10000, pg_temp.rint(1, 200) * 10000000,
       pg_temp.ts('2018-01-01', '2025-06-01')::date,
       pg_temp.dirty(pg_temp.pick('{"Khỏe mạnh","Khỏe mạnh","Khỏe mạnh","Tiểu đường type 2","Cao huyết áp","Đã mổ sỏi thận 2019","Viêm gan B","Hen suyễn","Không khai báo"}'), 0.1, 0.05),
       random() < 0.2, pg_temp.dirty(pg_temp.bank_acct(), 0.3), pg_temp.dirty(pg_temp.bank(), 0.3),
       pg_temp.dirty(pg_temp.mst(), 0.5, 0.1), 'AG' || lpad((1 + g % 40)::text, 5, '0')
FROM (SELECT g, random() < 0.5 AS f, pg_temp.dob(1955, 2005) AS born, pg_temp.fullname(random() < 0.5) AS n FROM generate_series(1, 3000) g) p;

CREATE TABLE insure.nguoi_thu_huong (    -- beneficiaries
  id serial PRIMARY KEY, so_hd text, ho_ten text, quan_he text, ty_le numeric(5,2), ngay_sinh date, cccd text);
INSERT INTO insure.nguoi_thu_huong (so_hd, ho_ten, quan_he, ty_le, ngay_sinh, cccd)
SELECT 'HD-' || (2018 + h % 7) || '-' || lpad(h::text, 7, '0'), pg_temp.name_any(p.f),
       pg_temp.pick('{Vợ,Chồng,Con,Con,Cha,Mẹ,Anh ruột,Em ruột,vo,con}'), pg_temp.pick('{100,50,50,30,70}')::numeric, p.born,
       CASE WHEN p.born < '2010-01-01' AND random() < 0.85 THEN pg_temp.cccd(p.born, p.f) WHEN random() < 0.5 THEN '' END
FROM (SELECT g, 1 + g % 3000 AS h, random() < 0.5 AS f, pg_temp.dob(1940, 2024) AS born FROM generate_series(1, 3500) g) p;

CREATE TABLE insure.claims (
  claim_no text PRIMARY KEY, policy_no text, claim_date date, hospital_name text, diagnosis_code text, diagnosis_text text,
  claimed_amount numeric(14,0), approved_amount numeric(14,0), status text, adjuster text, payout_account text, invoice_no text);
INSERT INTO insure.claims
SELECT 'CL' || to_char(d, 'YY') || lpad(g::text, 6, '0'), 'HD-' || (2018 + h % 7) || '-' || lpad(h::text, 7, '0'), d,
       pg_temp.pick('{Bệnh viện Bạch Mai,Bệnh viện Chợ Rẫy,BV Đa khoa Tâm Anh,Bệnh viện Vinmec Times City,BV Hoàn Mỹ Đà Nẵng,Phòng khám Đa khoa An Tâm,BV Nhi Trung ương,BV Từ Dũ}'),
       i.code, i.ten_benh, c, CASE WHEN random() < 0.8 THEN round((c * (0.5 + random() / 2))::numeric, -3) END,
       pg_temp.pick('{APPROVED,APPROVED,PAID,REJECTED,PENDING,pending}'), pg_temp.pick('{nv.tuan,hoa.nt,thanh.lv,ops_batch}'),
       pg_temp.dirty(pg_temp.bank_acct(), 0.2), pg_temp.dirty(lpad(pg_temp.rint(1, 999999)::text, 7, '0'), 0.3)
FROM (SELECT g, 1 + (g * 7) % 3000 AS h, pg_temp.ts('2020-01-01', '2025-06-01')::date AS d, pg_temp.rint(5, 2000) * 100000::numeric AS c,
             (SELECT code FROM clinic.icd10 ORDER BY code OFFSET (g * 17) % 30 LIMIT 1) AS code FROM generate_series(1, 2500) g) x
JOIN clinic.icd10 i USING (code);

------------------------------------------------------------------------
-- school: a public high school's management app
------------------------------------------------------------------------
CREATE TABLE school.lop (ma_lop text PRIMARY KEY, ten_lop text, khoi int, nam_hoc text, gvcn text, phong_hoc text);   -- classes (small)
INSERT INTO school.lop
SELECT k || 'A' || n, 'Lớp ' || k || 'A' || n, k, '2024-2025', 'Cô ' || pg_temp.fullname(true), 'P.' || (k - 9) || lpad(n::text, 2, '0')
FROM generate_series(10, 12) k, generate_series(1, 12) n;

CREATE TABLE school.hoc_sinh (           -- students
  mahs text PRIMARY KEY, hoten text, ngaysinh text, gt smallint, noisinh text, dantoc text, tongiao text, ma_lop text, dia_chi text,
  ma_dinh_danh text, anh_the text, doan_vien boolean, ho_ngheo boolean, khuyet_tat text);
INSERT INTO school.hoc_sinh
SELECT 'HS' || (2022 + g % 3) || lpad(g::text, 5, '0'), pg_temp.fullname(p.f),
       CASE WHEN random() < 0.8 THEN to_char(p.born, 'DD/MM/YYYY') WHEN random() < 0.5 THEN to_char(p.born, 'FMDD/FMMM/YYYY') ELSE to_char(p.born, 'YYYY-MM-DD') END,
       CASE WHEN p.f THEN 0 ELSE 1 END, pg_temp.dirty(pg_temp.province(), 0.05, 0.02),
       pg_temp.pick('{Kinh,Kinh,Kinh,Kinh,Kinh,Kinh,Kinh,Tày,Thái,Mường,Khmer,Hoa,Nùng,Dao}'),
       pg_temp.dirty(pg_temp.pick('{Không,Không,Không,Không,Phật giáo,Công giáo,Tin lành,Cao Đài,Hòa Hảo}'), 0.05, 0.05),
       (10 + g % 3) || 'A' || (1 + g % 12), pg_temp.address(),
       CASE WHEN random() < 0.85 THEN pg_temp.cccd(p.born, p.f) END,
       'uploads/hs/' || (2022 + g % 3) || '/HS' || (2022 + g % 3) || lpad(g::text, 5, '0') || '.jpg',
       random() < 0.6, random() < 0.05,
       CASE WHEN random() < 0.95 THEN 'Không' ELSE pg_temp.pick('{Khiếm thị,Khiếm thính,Vận động,Tự kỷ nhẹ}') END
FROM (SELECT g, random() < 0.5 AS f, pg_temp.dob(2007, 2010) AS born FROM generate_series(1, 2500) g) p;

CREATE TABLE school.phu_huynh (          -- parents / guardians, camelCase from the mobile app team
  id serial PRIMARY KEY, mahs text, "hoTenPH" text, "quanHe" text, "sdtPH" text, "emailPH" text, "ngheNghiep" text, "noiCongTac" text, "namSinh" int);
INSERT INTO school.phu_huynh (mahs, "hoTenPH", "quanHe", "sdtPH", "emailPH", "ngheNghiep", "noiCongTac", "namSinh")
SELECT 'HS' || (2022 + h % 3) || lpad(h::text, 5, '0'), p.n, CASE WHEN p.f THEN pg_temp.pick('{Mẹ,Mẹ,Mẹ,Bà,Người giám hộ}') ELSE pg_temp.pick('{Bố,Bố,Bố,Cha,Ông}') END,
       pg_temp.dirty(pg_temp.phone(), 0.03, 0.02, 0.05), pg_temp.dirty(pg_temp.email(p.n), 0.4, 0.1),
       pg_temp.dirty(pg_temp.occupation(), 0.1, 0.1), pg_temp.dirty(pg_temp.pick('{"Công ty TNHH Samsung Electronics Việt Nam","UBND Phường Dịch Vọng","Bệnh viện Bạch Mai","Tự do","Trường THCS Nguyễn Du","Ngân hàng BIDV","Công ty CP FPT"}'), 0.4, 0.1),
       CASE WHEN random() < 0.8 THEN pg_temp.rint(1965, 1990) END
FROM (SELECT g, 1 + g % 2500 AS h, g % 2 = 0 AS f, pg_temp.fullname(g % 2 = 0) AS n FROM generate_series(1, 3000) g) p;

CREATE TABLE school.diem (               -- grades
  id bigserial PRIMARY KEY, mahs text, mon text, hoc_ky smallint, diem_tx numeric(4,2), diem_gk numeric(4,2), diem_ck numeric(4,2), hanh_kiem text, nhan_xet text);
INSERT INTO school.diem (mahs, mon, hoc_ky, diem_tx, diem_gk, diem_ck, hanh_kiem, nhan_xet)
SELECT 'HS' || (2022 + h % 3) || lpad(h::text, 5, '0'), pg_temp.pick('{Toán,Ngữ văn,Tiếng Anh,Vật lý,Hóa học,Sinh học,Lịch sử,Địa lý,Tin học,GDCD}'),
       (1 + g % 2)::smallint, round((3 + random() * 7)::numeric, 1), round((2 + random() * 8)::numeric, 2), round((2 + random() * 8)::numeric, 2),
       pg_temp.pick('{Tốt,Tốt,Tốt,Khá,Khá,Trung bình,Yếu}'),
       pg_temp.dirty(pg_temp.pick('{"Em cần cố gắng hơn","Chăm ngoan, học tốt","Hay nói chuyện riêng trong giờ","Tiến bộ rõ rệt","Cần rèn luyện thêm kỹ năng làm bài","Gia đình khó khăn, cần quan tâm"}'), 0.3, 0.1)
FROM (SELECT g, 1 + (g * 7) % 2500 AS h FROM generate_series(1, 5000) g) x;

CREATE TABLE school.hoc_phi (            -- tuition
  id serial PRIMARY KEY, mahs text, ky_thu text, so_tien numeric(12,0), da_dong boolean, ngay_dong date, hinh_thuc text, stk_chuyen text,
  nguoi_nop text, mien_giam text);
INSERT INTO school.hoc_phi (mahs, ky_thu, so_tien, da_dong, ngay_dong, hinh_thuc, stk_chuyen, nguoi_nop, mien_giam)
SELECT 'HS' || (2022 + h % 3) || lpad(h::text, 5, '0'), pg_temp.pick('{HK1-2024,HK2-2024,HK1-2025}'), pg_temp.pick('{1800000,2100000,2400000,900000,0}')::numeric,
       p, CASE WHEN p THEN pg_temp.ts('2024-08-15', '2025-03-01')::date END, CASE WHEN p THEN pg_temp.pick('{CK,CK,TM,VNPay}') END,
       CASE WHEN p AND random() < 0.6 THEN pg_temp.bank_acct() END, CASE WHEN p THEN pg_temp.name_any(random() < 0.6) END,
       CASE WHEN random() < 0.9 THEN '' ELSE pg_temp.pick('{Hộ nghèo,Hộ cận nghèo,Con thương binh,Mồ côi cha mẹ,Dân tộc thiểu số vùng khó khăn}') END
FROM (SELECT g, 1 + g % 2500 AS h, random() < 0.8 AS p FROM generate_series(1, 3000) g) x;

------------------------------------------------------------------------
-- logistics: a last-mile delivery company
------------------------------------------------------------------------
CREATE TABLE logistics.kho (             -- hubs (small)
  ma_kho text PRIMARY KEY, ten_kho text, dia_chi_kho text, sdt_kho text, quan_ly text, lat numeric(9,6), lng numeric(9,6));
INSERT INTO logistics.kho VALUES
 ('HN-CG','Bưu cục Cầu Giấy','Số 22 Trần Thái Tông, Phường Dịch Vọng Hậu, Quận Cầu Giấy, Hà Nội','1900 636 677','Nguyễn Văn Toàn',21.0333,105.7900),
 ('HN-LB','Kho trung chuyển Long Biên','Lô CN2, KCN Sài Đồng B, Long Biên, Hà Nội','024 3655 8899','Trần Thị Huệ',21.0365,105.9012),
 ('HN-HD','Bưu cục Hà Đông','35 Quang Trung, Hà Đông, Hà Nội','0961 221 300','Lê Minh Đức',20.9711,105.7788),
 ('HCM-Q7','Bưu cục Quận 7','112 Nguyễn Thị Thập, Phường Tân Phú, Quận 7, TP.HCM','028 3776 1122','Phạm Quốc Bảo',10.7380,106.7160),
 ('HCM-TD','Kho Thủ Đức','KCN Cát Lái, TP. Thủ Đức, TP. Hồ Chí Minh','1900 636 677','Võ Thành Nhân',10.7700,106.7870),
 ('HCM-TB','Bưu cục Tân Bình','368 Cộng Hòa, Phường 13, Tân Bình, TP.HCM','028 3811 4455','Huỳnh Thị Mai',10.8011,106.6427),
 ('DN-HC','Bưu cục Hải Châu','78 Hùng Vương, Hải Châu, Đà Nẵng','0236 3888 777','Đặng Văn Sơn',16.0680,108.2160),
 ('CT-NK','Bưu cục Ninh Kiều','45 Mậu Thân, Ninh Kiều, Cần Thơ','0292 3666 555','Bùi Thị Thu',10.0333,105.7660),
 ('HP-LC','Bưu cục Lê Chân','9 Tô Hiệu, Lê Chân, Hải Phòng','0225 3777 666','Hoàng Văn Hải',20.8510,106.6830),
 ('BD-DA','Kho Dĩ An','KCN Sóng Thần 1, Dĩ An, Bình Dương','0274 3799 111','Ngô Thị Lan',10.9040,106.7580),
 ('NA-VI','Bưu cục Vinh','102 Lê Lợi, TP. Vinh, Nghệ An','0238 3555 222','Trịnh Xuân Hùng',18.6790,105.6810),
 ('KH-NT','Bưu cục Nha Trang','66 Thống Nhất, Nha Trang, Khánh Hòa','0258 3811 333','Lý Thị Ngọc',12.2450,109.1900);

CREATE TABLE logistics.tai_xe (          -- couriers (contractors on their own motorbikes)
  id serial PRIMARY KEY, ho_ten text, sdt text, cccd text, so_gplx text, hang_gplx text, bien_so_xe_may text, ngay_sinh date,
  stk text, ngan_hang text, anh_dai_dien text, diem_danh_gia numeric(3,2), trang_thai text);
INSERT INTO logistics.tai_xe (ho_ten, sdt, cccd, so_gplx, hang_gplx, bien_so_xe_may, ngay_sinh, stk, ngan_hang, anh_dai_dien, diem_danh_gia, trang_thai)
SELECT pg_temp.name_any(p.f), pg_temp.mobile10(), pg_temp.dirty(pg_temp.cccd(p.born, p.f), 0.02), pg_temp.dirty(pg_temp.pick('{01,79,48,31,92}') || pg_temp.digits(10), 0.1),
       pg_temp.pick('{A1,A1,A1,A2,B2,C}'), pg_temp.plate_moto(), p.born, pg_temp.dirty(pg_temp.bank_acct(), 0.05), pg_temp.dirty(pg_temp.bank(), 0.05),
       'https://cdn.giaonhanh.vn/avatar/' || md5('tx' || p.g) || '.png', round((3.5 + random() * 1.5)::numeric, 2),
       pg_temp.pick('{online,offline,offline,nghi_viec}')
FROM (SELECT g, random() < 0.12 AS f, pg_temp.dob(1975, 2005) AS born FROM generate_series(1, 1600) g) p;

CREATE TABLE logistics.phuong_tien (     -- company trucks (small)
  bien_so text PRIMARY KEY, loai_xe text, tai_trong_kg int, nam_sx int, so_khung text, han_dang_kiem date);
INSERT INTO logistics.phuong_tien
SELECT DISTINCT ON (b) b, pg_temp.pick('{Tải 1.5T,Tải 2.5T,Tải 5T,Van 945kg,Container 20ft}'), pg_temp.pick('{1500,2500,5000,945,20000}')::int,
       pg_temp.rint(2012, 2024), 'RL' || upper(substr(md5(g::text), 1, 15)), pg_temp.ts('2025-01-01', '2026-12-31')::date
FROM (SELECT g, pg_temp.plate_car() AS b FROM generate_series(1, 45) g) x;

CREATE TABLE logistics.van_don (         -- shipments
  ma_van_don text PRIMARY KEY, nguoi_gui text, sdt_gui text, dia_chi_gui text, nguoi_nhan text, sdt_nhan text, dia_chi_nhan text,
  khoi_luong_g int, tien_cod numeric(12,0), phi_ship numeric(10,0), ghi_chu text, noi_dung_hang text, trang_thai text, ma_kho text, created_at timestamptz);
INSERT INTO logistics.van_don
SELECT pg_temp.pick('{GN,GN,SPXVN,LEX}') || to_char(d, 'YYMMDD') || lpad(g::text, 7, '0'),
       CASE WHEN random() < 0.3 THEN pg_temp.pick('{Shop Mẹ Bắp,Tiệm Nhà Thảo,KidsPlaza,Hoa Tươi 24h,Mỹ phẩm Hàn Quốc Sally}') ELSE pg_temp.name_any(random() < 0.7) END,
       pg_temp.phone(), pg_temp.address(), pg_temp.name_any(random() < 0.6), pg_temp.dirty(pg_temp.phone(), 0, 0, 0.1), pg_temp.address(),
       pg_temp.rint(100, 20000), CASE WHEN random() < 0.7 THEN pg_temp.rint(5, 500) * 10000 ELSE 0 END, pg_temp.pick('{16500,22000,30000,35000}')::numeric,
       pg_temp.dirty(pg_temp.pick('{"Gọi trước khi giao","Cho xem hàng, không cho thử","Giao giờ hành chính","Hàng dễ vỡ","Không giao được gọi lại shop","Để ở bảo vệ tòa nhà"}'), 0.4, 0.1),
       pg_temp.dirty(pg_temp.pick('{Quần áo,Mỹ phẩm,Điện thoại,Sách,Đồ chơi,Thực phẩm khô,Phụ kiện}'), 0.2),
       pg_temp.pick('{DELIVERED,DELIVERED,DELIVERED,IN_TRANSIT,RETURNED,CANCELLED}'),
       (SELECT ma_kho FROM logistics.kho ORDER BY ma_kho OFFSET g % 12 LIMIT 1), d
FROM (SELECT g, pg_temp.ts('2025-01-01', '2025-06-30') AS d FROM generate_series(1, 5000) g) x;

CREATE TABLE logistics.gps_log (         -- courier app pings
  id bigserial PRIMARY KEY, driver_id int, ts timestamptz, lat double precision, lng double precision, speed_kmh numeric(5,1), accuracy_m int);
INSERT INTO logistics.gps_log (driver_id, ts, lat, lng, speed_kmh, accuracy_m)
SELECT pg_temp.rint(1, 1600), pg_temp.ts('2025-06-01', '2025-06-08'),
       CASE WHEN c THEN 21.0 + random() * 0.1 ELSE 10.75 + random() * 0.1 END, CASE WHEN c THEN 105.78 + random() * 0.1 ELSE 106.62 + random() * 0.12 END,
       round((random() * 50)::numeric, 1), pg_temp.rint(3, 60)
FROM (SELECT g, random() < 0.5 AS c FROM generate_series(1, 5000) g) x;

CREATE TABLE logistics.cod_doi_soat (    -- COD settlement with shops
  id serial PRIMARY KEY, ky_doi_soat text, driver_id int, tong_cod numeric(14,0), so_tk_nhan text, chu_tk text, ngan_hang text, noi_dung_ck text);
INSERT INTO logistics.cod_doi_soat (ky_doi_soat, driver_id, tong_cod, so_tk_nhan, chu_tk, ngan_hang, noi_dung_ck)
SELECT '2025-W' || lpad((1 + g % 26)::text, 2, '0'), pg_temp.rint(1, 1600), pg_temp.rint(10, 9000) * 10000, pg_temp.bank_acct(),
       upper(pg_temp.unacc(pg_temp.fullname(random() < 0.6))), pg_temp.bank(), 'DOI SOAT COD 2025W' || lpad((1 + g % 26)::text, 2, '0') || ' GN' || g
FROM generate_series(1, 2000) g;

------------------------------------------------------------------------
-- rental: serviced apartments and boarding rooms
------------------------------------------------------------------------
CREATE TABLE rental.toa_nha (id serial PRIMARY KEY, ten text, dia_chi text, so_tang int, chu_dau_tu text, hotline text);   -- buildings (small)
INSERT INTO rental.toa_nha (ten, dia_chi, so_tang, chu_dau_tu, hotline)
SELECT 'HomeStay ' || pg_temp.pick('{Sunrise,Green,Lotus,An Cư,Mây,Bình Yên}') || ' ' || g, pg_temp.rint(1, 300) || ' ' || pg_temp.street() || ', ' || pg_temp.place(),
       pg_temp.rint(4, 15), pg_temp.pick('{Công ty TNHH Nhà Xinh,Công ty CP BĐS An Cư,Công ty TNHH MTV Lotus Living}'), pg_temp.pick('{1900 3000 99,0888 123 456,028 6686 8686}')
FROM generate_series(1, 15) g;

CREATE TABLE rental.khach_thue (         -- tenants (web app, camelCase)
  "tenantId" serial PRIMARY KEY, "fullName" text, "idNumber" text, nationality text, phone text, zalo text, email text, hometown text,
  occupation text, "idFrontImg" text, "idBackImg" text, "vehiclePlate" text, "maritalStatus" text, "createdAt" timestamptz);
INSERT INTO rental.khach_thue ("fullName", "idNumber", nationality, phone, zalo, email, hometown, occupation, "idFrontImg", "idBackImg",
  "vehiclePlate", "maritalStatus", "createdAt")
SELECT CASE WHEN p.vn THEN pg_temp.name_any(p.f) ELSE pg_temp.pick('{Kim Min Jun,Park Ji Hoon,Lee Seo Yeon,Tanaka Hiroshi,Sato Yuki,Zhang Wei,John Smith,Maria Garcia}') END,
       CASE WHEN p.vn THEN pg_temp.dirty(pg_temp.cccd(p.born, p.f), 0.02, 0.02, 0.05) ELSE pg_temp.pick('{M,E,T,TK}') || pg_temp.digits(8) END,
       CASE WHEN p.vn THEN pg_temp.pick('{Việt Nam,Việt Nam,Viet Nam,VN,vietnam}') ELSE pg_temp.pick('{Hàn Quốc,Nhật Bản,Trung Quốc,KR,JP,Korea,USA}') END,
       pg_temp.phone(), pg_temp.dirty(pg_temp.mobile10(), 0.4, 0.1),
       pg_temp.dirty(pg_temp.email(pg_temp.fullname(p.f)), 0.2, 0.05, 0.05),
       CASE WHEN p.vn THEN pg_temp.dirty(CASE WHEN random() < 0.5 THEN pg_temp.province() ELSE pg_temp.place() END, 0.05, 0.05) END,
       pg_temp.dirty(pg_temp.occupation(), 0.2, 0.1),
       'https://s3.ap-southeast-1.amazonaws.com/nhaxinh-kyc/' || md5('front' || p.g) || '.jpg',
       'https://s3.ap-southeast-1.amazonaws.com/nhaxinh-kyc/' || md5('back' || p.g) || '.jpg',
       pg_temp.dirty(CASE WHEN random() < 0.85 THEN pg_temp.plate_moto() ELSE pg_temp.plate_car() END, 0.35, 0.05),
       pg_temp.dirty(pg_temp.pick('{Độc thân,Độc thân,Đã kết hôn,Ly hôn,doc than,married}'), 0.3, 0.05),
       pg_temp.ts('2021-01-01', '2025-06-01')
FROM (SELECT g, random() < 0.5 AS f, random() < 0.92 AS vn, pg_temp.dob(1960, 2006) AS born FROM generate_series(1, 2000) g) p;

CREATE TABLE rental.hop_dong_thue (      -- rental contracts
  so_hd text PRIMARY KEY, ma_phong text, tenant_id int, ngay_bat_dau date, ngay_ket_thuc date, gia_thue numeric(12,0), tien_coc numeric(12,0), so_nguoi_o int, ghi_chu text);
INSERT INTO rental.hop_dong_thue
SELECT 'HĐ' || lpad(g::text, 5, '0') || '/2024', pg_temp.pick('{A,B,C}') || '-' || lpad((pg_temp.rint(1, 12) * 100 + pg_temp.rint(1, 12))::text, 4, '0'),
       pg_temp.rint(1, 2000), s, s + pg_temp.pick('{180,365,365,730}')::int, r, r * pg_temp.rint(1, 2), pg_temp.rint(1, 4),
       pg_temp.dirty(pg_temp.pick('{"Khách nuôi mèo","Đã bàn giao 2 chìa khóa","Không hút thuốc trong phòng","Thanh toán trước ngày 5 hàng tháng"}'), 0.5, 0.1)
FROM (SELECT g, pg_temp.ts('2022-01-01', '2025-06-01')::date AS s, pg_temp.rint(25, 150) * 100000::numeric AS r FROM generate_series(1, 2200) g) x;

CREATE TABLE rental.tam_tru (            -- temporary-residence declarations filed for tenants
  id serial PRIMARY KEY, tenant_id int, so_dinh_danh text, noi_thuong_tru text, noi_tam_tru text, tu_ngay date, den_ngay date, ly_do text);
INSERT INTO rental.tam_tru (tenant_id, so_dinh_danh, noi_thuong_tru, noi_tam_tru, tu_ngay, den_ngay, ly_do)
SELECT pg_temp.rint(1, 2000), pg_temp.cccd(pg_temp.dob(1960, 2006), random() < 0.5), pg_temp.address(),
       'Phòng ' || pg_temp.rint(101, 1205) || ', ' || pg_temp.rint(1, 300) || ' ' || pg_temp.street() || ', ' || pg_temp.place(), s, s + 365,
       pg_temp.pick('{Lao động,Học tập,Làm việc,Kinh doanh}')
FROM (SELECT g, pg_temp.ts('2022-01-01', '2025-06-01')::date AS s FROM generate_series(1, 1800) g) x;

CREATE TABLE rental.thanh_toan (         -- monthly payments
  id serial PRIMARY KEY, hop_dong text, thang text, so_tien numeric(12,0), phuong_thuc text, ma_gd_nh text, tk_chuyen text, chi_so_dien int, chi_so_nuoc int);
INSERT INTO rental.thanh_toan (hop_dong, thang, so_tien, phuong_thuc, ma_gd_nh, tk_chuyen, chi_so_dien, chi_so_nuoc)
SELECT 'HĐ' || lpad((1 + g % 2200)::text, 5, '0') || '/2024', to_char(date '2024-01-01' + (g % 18) * 30, 'YYYY-MM'), pg_temp.rint(25, 160) * 100000,
       pg_temp.pick('{CK,CK,CK,TM}'), CASE WHEN random() < 0.75 THEN 'FT' || pg_temp.rint(24000, 25180) || pg_temp.digits(9) END,
       CASE WHEN random() < 0.75 THEN pg_temp.bank_acct() END, pg_temp.rint(1000, 9999), pg_temp.rint(100, 999)
FROM generate_series(1, 3000) g;

------------------------------------------------------------------------
-- market: an online marketplace
------------------------------------------------------------------------
CREATE TABLE market.sellers (            -- mostly household businesses
  seller_id serial PRIMARY KEY, shop_name text, owner_name text, owner_cccd text, owner_phone text, bank_acc text, bank_name text,
  tax_code text, pickup_address text, rating numeric(2,1), joined_at timestamptz);
INSERT INTO market.sellers (shop_name, owner_name, owner_cccd, owner_phone, bank_acc, bank_name, tax_code, pickup_address, rating, joined_at)
SELECT pg_temp.pick('{Shop,Tiệm,Nhà,Kho sỉ,Store,Official}') || ' ' || pg_temp.pick('{Mẹ Bắp,Thảo Vy,Bông Xinh,Gấu Con,Hà Nội Xưa,Sài Gòn Style,Đồ Gỗ Việt,Bé Yêu,Táo Đỏ,Mộc Nhiên}') || ' ' || g,
       pg_temp.name_any(p.f), pg_temp.cccd(p.born, p.f), pg_temp.dirty(pg_temp.phone(), 0, 0, 0.05), pg_temp.bank_acct(), pg_temp.bank(),
       CASE WHEN random() < 0.7 THEN pg_temp.mst() WHEN random() < 0.2 THEN pg_temp.mst('0') || '-001' END,
       pg_temp.address(), round((3 + random() * 2)::numeric, 1), pg_temp.ts('2019-01-01', '2025-06-01')
FROM (SELECT g, random() < 0.6 AS f, pg_temp.dob(1970, 2003) AS born FROM generate_series(1, 2000) g) p;

CREATE TABLE market.buyers (
  id bigserial PRIMARY KEY, username text, password_hash text, email text, phone text, display_name text, gender text, birthday date,
  avatar_url text, last_login_ip inet, last_login_at timestamptz, device_id uuid, fb_uid text, referral_code text, is_verified boolean, wallet_balance numeric(14,0));
INSERT INTO market.buyers (username, password_hash, email, phone, display_name, gender, birthday, avatar_url, last_login_ip, last_login_at,
  device_id, fb_uid, referral_code, is_verified, wallet_balance)
SELECT lower(regexp_replace(pg_temp.unacc(p.n), '^(\S+) .* (\S+)$', '\2\1')) || pg_temp.pick('{"",_,.,99,2k,_dz,123}') || p.g,
       '$2b$12$' || substr(md5(p.g::text) || md5('s' || p.g), 1, 53), pg_temp.dirty(pg_temp.email(p.n), 0.05, 0, 0.05), pg_temp.dirty(pg_temp.phone(), 0.1),
       CASE floor(random() * 4)::int WHEN 0 THEN p.n WHEN 1 THEN regexp_replace(p.n, '^(\S+) .* (\S+)$', '\2 \1')
                                     WHEN 2 THEN pg_temp.pick('{Mẹ Su,Bố Gấu,Tuấn Đz,Mèo Ú,Hà Còi,Bin Bin,Cún Con}') ELSE lower(pg_temp.unacc(regexp_replace(p.n, '^.* ', ''))) || p.g END,
       pg_temp.dirty(CASE WHEN p.f THEN 'female' ELSE 'male' END, 0.2, 0, 0.02), CASE WHEN random() < 0.6 THEN pg_temp.dob(1965, 2008) END,
       CASE WHEN random() < 0.7 THEN 'https://cf.market.vn/file/' || md5('av' || p.g) || '_tn' END,
       CASE WHEN random() < 0.9 THEN ('1' || pg_temp.rint(13, 27) || '.' || pg_temp.rint(0, 255) || '.' || pg_temp.rint(0, 255) || '.' || pg_temp.rint(1, 254))::inet END,
       pg_temp.ts('2025-01-01', '2025-06-30'), md5('dev' || p.g)::uuid,
       CASE WHEN random() < 0.3 THEN '1000' || pg_temp.digits(11) END, upper(substr(md5('ref' || p.g), 1, 8)), random() < 0.7,
       CASE WHEN random() < 0.5 THEN pg_temp.rint(0, 500) * 1000 ELSE 0 END
FROM (SELECT g, random() < 0.6 AS f, pg_temp.fullname(random() < 0.6) AS n FROM generate_series(1, 4000) g) p;

CREATE TABLE market.products (
  sku text PRIMARY KEY, ten_sp text, gia numeric(12,0), ton_kho int, danh_muc text, barcode text, brand text, mo_ta text);
INSERT INTO market.products
SELECT 'SKU-' || lpad(g::text, 6, '0'), pg_temp.pick('{Áo thun cotton,Váy hoa nhí,Son kem lì,Nồi chiên không dầu,Sữa bột,Tai nghe Bluetooth,Ốp lưng iPhone 15,Bỉm quần,Nước mắm Phú Quốc,Cà phê Buôn Ma Thuột,Giày thể thao}') || ' ' || pg_temp.pick('{size M,500ml,màu đen,loại 1,chính hãng,2025}'),
       pg_temp.rint(10, 5000) * 1000, pg_temp.rint(0, 999), pg_temp.pick('{Thời trang nữ,Mỹ phẩm,Nhà cửa,Mẹ và bé,Điện tử,Thực phẩm}'),
       CASE WHEN random() < 0.7 THEN pg_temp.luhn('893', 13) END, pg_temp.pick('{Biti''s,Vinamilk,Sunhouse,Trung Nguyên,Thái Tuấn,Hồng Lam,No brand}'),
       'Hàng chính hãng, bảo hành 12 tháng. Liên hệ hotline 1900 1234 hoặc email support@market.vn'
FROM generate_series(1, 3000) g;

CREATE TABLE market.reviews (
  id bigserial PRIMARY KEY, order_no text, sku text, buyer_id bigint, rating smallint, content text, images jsonb, created_at timestamptz);
INSERT INTO market.reviews (order_no, sku, buyer_id, rating, content, images, created_at)
SELECT to_char(d, 'YYMMDD') || upper(substr(md5('o' || g), 1, 8)), 'SKU-' || lpad((1 + g % 3000)::text, 6, '0'), pg_temp.rint(1, 4000), pg_temp.rint(1, 5)::smallint,
       pg_temp.dirty(pg_temp.pick('{"Hàng đẹp, giao nhanh","Shop tư vấn nhiệt tình","Sản phẩm không giống hình","Đóng gói cẩn thận, sẽ ủng hộ tiếp","Giao thiếu hàng, nhắn shop không trả lời","ok","Tạm được","Chất lượng tốt so với giá tiền"}'), 0.2, 0.1),
       CASE WHEN random() < 0.3 THEN jsonb_build_array('https://cf.market.vn/review/' || md5('r' || g) || '.jpg') END, d
FROM (SELECT g, pg_temp.ts('2024-01-01', '2025-06-30') AS d FROM generate_series(1, 5000) g) x;

CREATE TABLE market.chat_messages (
  msg_id bigserial PRIMARY KEY, conversation_id bigint, sender_id bigint, receiver_id bigint, body text, sent_at timestamptz, client_ip inet, is_read boolean);
INSERT INTO market.chat_messages (conversation_id, sender_id, receiver_id, body, sent_at, client_ip, is_read)
SELECT 1 + g / 4, pg_temp.rint(1, 4000), pg_temp.rint(1, 2000),
       CASE WHEN random() < 0.1 THEN pg_temp.pick('{"Shop ơi gọi em số ","Giao cho em về địa chỉ mới nhé, sđt ","Zalo em: "}') || pg_temp.mobile10()
            ELSE pg_temp.pick('{"Shop ơi còn size M không ạ?","Dạ còn ạ, chị đặt luôn nhé","Bao giờ giao hàng vậy shop","Em bị dị ứng, đổi được không ạ","Cảm ơn shop nhiều","Hàng bị lỗi rồi shop ơi","Chị ơi em chuyển khoản rồi nhé","Mai em mới ở nhà"}') END,
       pg_temp.ts('2025-01-01', '2025-06-30'), ('1' || pg_temp.rint(13, 27) || '.' || pg_temp.rint(0, 255) || '.' || pg_temp.rint(0, 255) || '.' || pg_temp.rint(1, 254))::inet,
       random() < 0.8
FROM generate_series(1, 5000) g;

CREATE TABLE market.disputes (           -- empty: the feature shipped, nobody has complained yet
  id serial PRIMARY KEY, order_no text, complainant_name text, complainant_phone text, complainant_email text, description text,
  evidence_photo_url text, created_at timestamptz);

CREATE TABLE market.tmp_import_2019 (    -- a customer list imported from Excel years ago
  col1 text, col2 text, col3 text, col4 text, col5 text, f6 text, note text);
INSERT INTO market.tmp_import_2019
SELECT pg_temp.name_any(random() < 0.5), CASE WHEN random() < 0.9 THEN pg_temp.mobile10() ELSE pg_temp.phone() END, pg_temp.province(),
       (pg_temp.rint(1, 500) * 10000)::text, CASE WHEN random() < 0.6 THEN pg_temp.cmnd() WHEN random() < 0.9 THEN pg_temp.cccd(pg_temp.dob(1960, 2000), random() < 0.5) END,
       pg_temp.pick('{A,B,C,VIP,""}'), pg_temp.dirty(pg_temp.pick('{"khách quen","đã gọi","không nghe máy","sai số"}'), 0.6, 0.2)
FROM generate_series(1, 1500);

------------------------------------------------------------------------
-- labels: every column above
------------------------------------------------------------------------
CREATE TABLE public.discover_labels (relation text, column_name text, category text, acceptable text[], note text);
INSERT INTO public.discover_labels (relation, column_name, category, acceptable, note) VALUES
 ('clinic.chi_nhanh', 'id', NULL, NULL, NULL),
 ('clinic.chi_nhanh', 'ten_chi_nhanh', NULL, NULL, 'branch name'),
 ('clinic.chi_nhanh', 'dia_chi', NULL, NULL, 'the branch''s address, not a person''s (address look-alike)'),
 ('clinic.chi_nhanh', 'hotline', NULL, NULL, 'branch hotline 1900/1800 and landlines (phone look-alike)'),
 ('clinic.chi_nhanh', 'email_cskh', NULL, NULL, 'shared customer-service mailbox of the branch, not a person''s'),
 ('clinic.chi_nhanh', 'giam_doc', 'full_name', NULL, 'branch director''s name with title prefix (BS.CKII ...): a person''s name, 8 rows'),
 ('clinic.icd10', 'code', NULL, NULL, 'ICD-10 reference catalogue, not tied to anyone'),
 ('clinic.icd10', 'ten_benh', NULL, NULL, 'disease names of the catalogue'),
 ('clinic.icd10', 'chuong', NULL, NULL, NULL),
 ('clinic.dm_thuoc', 'ma_thuoc', NULL, NULL, 'drug catalogue'),
 ('clinic.dm_thuoc', 'ten_thuoc', NULL, NULL, 'drug names of the catalogue (not prescribed to anyone here)'),
 ('clinic.dm_thuoc', 'hoat_chat', NULL, NULL, NULL),
 ('clinic.dm_thuoc', 'ham_luong', NULL, NULL, NULL),
 ('clinic.dm_thuoc', 'dvt', NULL, NULL, NULL),
 ('clinic.dm_thuoc', 'gia_ban', NULL, NULL, NULL),
 ('clinic.dm_thuoc', 'nha_sx', NULL, NULL, 'manufacturer company names'),
 ('clinic.dm_thuoc', 'so_dang_ky', NULL, NULL, 'drug registration numbers VD-12345-20'),
 ('clinic.benh_nhan', 'id', NULL, NULL, NULL),
 ('clinic.benh_nhan', 'ma_bn', NULL, '{other_identifying}'::text[], 'patient number assigned by the clinic: a key'),
 ('clinic.benh_nhan', 'ho_ten', 'full_name', NULL, NULL),
 ('clinic.benh_nhan', 'ngay_sinh', 'date_of_birth', NULL, NULL),
 ('clinic.benh_nhan', 'gioi_tinh', 'gender', NULL, 'Nam/Nữ/NU/M/F, some empty'),
 ('clinic.benh_nhan', 'so_cccd', 'identity_number', NULL, 'mostly 12-digit CCCD, some 9-digit CMND and passports'),
 ('clinic.benh_nhan', 'sdt', 'phone_number', NULL, NULL),
 ('clinic.benh_nhan', 'ten_nguoi_than', 'full_name', '{family_relationship}'::text[], 'next of kin''s name'),
 ('clinic.benh_nhan', 'quan_he_nguoi_than', 'family_relationship', NULL, 'Vợ, Chồng, Con, Mẹ ...'),
 ('clinic.benh_nhan', 'sdt_nguoi_than', 'phone_number', '{family_relationship}'::text[], 'next of kin''s phone'),
 ('clinic.benh_nhan', 'so_bhyt', 'tax_insurance_number', NULL, 'health-insurance card number: DN4010123456789 or the new 10-digit social-insurance number (starts with 0: looks like a phone number)'),
 ('clinic.benh_nhan', 'dia_chi', 'address', NULL, NULL),
 ('clinic.benh_nhan', 'nghe_nghiep', 'other_identifying', NULL, 'occupation'),
 ('clinic.benh_nhan', 'nhom_mau', 'health_record', '{genetic_data}'::text[], 'blood group'),
 ('clinic.benh_nhan', 'di_ung', 'health_record', NULL, 'allergies'),
 ('clinic.benh_nhan', 'dan_toc', 'racial_ethnic_origin', NULL, 'ethnic group (Kinh, Tày, Thái ...)'),
 ('clinic.benh_nhan', 'quoc_tich', 'nationality', NULL, NULL),
 ('clinic.benh_nhan', 'created_at', NULL, NULL, NULL),
 ('clinic.visits', 'visit_id', NULL, NULL, NULL),
 ('clinic.visits', 'patient_id', NULL, NULL, NULL),
 ('clinic.visits', 'branch_id', NULL, NULL, NULL),
 ('clinic.visits', 'visit_date', NULL, '{health_record}'::text[], 'when the patient came to the clinic'),
 ('clinic.visits', 'chief_complaint', 'health_record', NULL, NULL),
 ('clinic.visits', 'icd10', 'health_record', NULL, 'ICD-10 code of the patient''s diagnosis (unlike clinic.icd10.code)'),
 ('clinic.visits', 'diagnosis', 'health_record', NULL, NULL),
 ('clinic.visits', 'doctor_name', 'full_name', NULL, 'doctor''s name with ''BS.'' prefix: staff, still a person''s name'),
 ('clinic.visits', 'bp_systolic', 'health_record', NULL, 'integer vital sign'),
 ('clinic.visits', 'bp_diastolic', 'health_record', NULL, 'integer vital sign'),
 ('clinic.visits', 'weight_kg', 'health_record', '{other_identifying}'::text[], NULL),
 ('clinic.visits', 'temperature', 'health_record', NULL, NULL),
 ('clinic.visits', 'total_fee', NULL, '{health_record}'::text[], NULL),
 ('clinic.visits', 'status', NULL, NULL, NULL),
 ('clinic.don_thuoc', 'id', NULL, NULL, NULL),
 ('clinic.don_thuoc', 'visit_id', NULL, NULL, NULL),
 ('clinic.don_thuoc', 'ma_thuoc', NULL, '{health_record}'::text[], 'drug code on a patient''s prescription'),
 ('clinic.don_thuoc', 'ten_thuoc', 'health_record', NULL, 'drug prescribed to a patient (reveals the condition); same values as the catalogue'),
 ('clinic.don_thuoc', 'lieu_dung', 'health_record', NULL, 'dosage instructions'),
 ('clinic.don_thuoc', 'so_luong', NULL, NULL, NULL),
 ('clinic.don_thuoc', 'don_gia', NULL, NULL, NULL),
 ('clinic.xet_nghiem', 'resultId', NULL, NULL, NULL),
 ('clinic.xet_nghiem', 'visitId', NULL, NULL, NULL),
 ('clinic.xet_nghiem', 'testCode', NULL, '{health_record}'::text[], 'which test a patient had (HIV, HCG ...)'),
 ('clinic.xet_nghiem', 'testName', NULL, '{health_record}'::text[], NULL),
 ('clinic.xet_nghiem', 'resultValue', 'health_record', NULL, 'lab result values'),
 ('clinic.xet_nghiem', 'unit', NULL, NULL, NULL),
 ('clinic.xet_nghiem', 'refRange', NULL, NULL, NULL),
 ('clinic.xet_nghiem', 'isAbnormal', 'health_record', NULL, 'boolean flag on a patient''s result'),
 ('clinic.xet_nghiem', 'sampledAt', NULL, '{health_record}'::text[], NULL),
 ('clinic.lich_hen', 'id', NULL, NULL, NULL),
 ('clinic.lich_hen', 'hoten_bn', 'full_name', NULL, 'run-together name (họ tên bệnh nhân)'),
 ('clinic.lich_hen', 'sodt', 'phone_number', NULL, 'run-together ''số điện thoại'''),
 ('clinic.lich_hen', 'ngayhen', NULL, '{health_record}'::text[], NULL),
 ('clinic.lich_hen', 'khoa', NULL, '{health_record}'::text[], 'department booked (Sản phụ khoa, Tâm thần ...): hints at the condition'),
 ('clinic.lich_hen', 'ghichu', 'health_record', '{other_identifying}'::text[], 'free-text notes, mostly about the patient''s condition'),
 ('clinic.lich_hen', 'trang_thai', NULL, NULL, NULL),
 ('clinic.lich_hen', 'nguoi_tao', NULL, '{digital_account}'::text[], 'staff login that created the booking'),
 ('telco.goi_cuoc', 'ma_goi', NULL, NULL, 'price plans'),
 ('telco.goi_cuoc', 'ten_goi', NULL, NULL, NULL),
 ('telco.goi_cuoc', 'gia', NULL, NULL, NULL),
 ('telco.goi_cuoc', 'data_gb', NULL, NULL, NULL),
 ('telco.goi_cuoc', 'chu_ky_ngay', NULL, NULL, NULL),
 ('telco.goi_cuoc', 'mo_ta', NULL, NULL, 'contains a hotline number and short code'),
 ('telco.thue_bao', 'id', NULL, NULL, NULL),
 ('telco.thue_bao', 'msisdn', 'phone_number', NULL, '84xxxxxxxxx without plus'),
 ('telco.thue_bao', 'ho_ten', 'full_name', NULL, 'upper case without diacritics'),
 ('telco.thue_bao', 'ngay_sinh', 'date_of_birth', NULL, 'text DD/MM/YYYY, YYYYMMDD, DD-MM-YYYY'),
 ('telco.thue_bao', 'loai_giay_to', NULL, NULL, 'document type CCCD/CMND/HC'),
 ('telco.thue_bao', 'so_giay_to', 'identity_number', NULL, 'CCCD, CMND or passport number'),
 ('telco.thue_bao', 'dia_chi_thuong_tru', 'address', NULL, 'permanent residence'),
 ('telco.thue_bao', 'ngay_kich_hoat', NULL, '{digital_account,online_activity}'::text[], NULL),
 ('telco.thue_bao', 'goi_cuoc', NULL, '{online_activity}'::text[], 'subscriber''s plan'),
 ('telco.thue_bao', 'loai_tb', NULL, NULL, NULL),
 ('telco.thue_bao', 'trang_thai', NULL, NULL, NULL),
 ('telco.thue_bao', 'anh_chan_dung', 'personal_image', '{biometric_data}'::text[], 'eKYC portrait path'),
 ('telco.thue_bao', 'anh_cccd_truoc', 'identity_document_image', NULL, 'front of ID card image path'),
 ('telco.thue_bao', 'anh_cccd_sau', 'identity_document_image', NULL, 'back of ID card image path'),
 ('telco.sim_kho', 'iccid', NULL, NULL, 'SIM serial in stock (19 digits)'),
 ('telco.sim_kho', 'imsi', NULL, NULL, 'IMSI of unsold SIMs'),
 ('telco.sim_kho', 'so_thue_bao', NULL, '{phone_number}'::text[], 'numbers for sale, assigned to nobody: valid mobile numbers that are not personal data'),
 ('telco.sim_kho', 'kho', NULL, NULL, NULL),
 ('telco.sim_kho', 'loai_so', NULL, NULL, NULL),
 ('telco.sim_kho', 'gia_ban', NULL, NULL, NULL),
 ('telco.sim_kho', 'trang_thai', NULL, NULL, NULL),
 ('telco.cdr', 'cdr_id', NULL, NULL, '10-digit bigint id'),
 ('telco.cdr', 'a_number', 'phone_number', '{online_activity}'::text[], 'calling party'),
 ('telco.cdr', 'b_number', 'phone_number', '{online_activity}'::text[], 'called party (10% service numbers)'),
 ('telco.cdr', 'start_time', 'online_activity', NULL, 'call records track activity on telecom services (Art.4(l))'),
 ('telco.cdr', 'duration', 'online_activity', NULL, NULL),
 ('telco.cdr', 'call_type', NULL, '{online_activity}'::text[], NULL),
 ('telco.cdr', 'cell_id', 'location_data', '{online_activity}'::text[], 'serving cell of the call: location'),
 ('telco.cdr', 'charge', NULL, '{online_activity,banking_customer_info}'::text[], NULL),
 ('telco.data_sessions', 'id', NULL, NULL, NULL),
 ('telco.data_sessions', 'msisdn', 'phone_number', NULL, NULL),
 ('telco.data_sessions', 'imei', 'other_identifying', '{digital_account,online_activity}'::text[], 'device IMEI: 15 digits that pass Luhn (card-number look-alike)'),
 ('telco.data_sessions', 'apn', NULL, NULL, NULL),
 ('telco.data_sessions', 'session_start', 'online_activity', NULL, NULL),
 ('telco.data_sessions', 'bytes_up', 'online_activity', NULL, NULL),
 ('telco.data_sessions', 'bytes_down', 'online_activity', NULL, NULL),
 ('telco.data_sessions', 'cgi', 'location_data', '{online_activity}'::text[], 'cell global identity'),
 ('telco.nap_tien', 'id', NULL, NULL, NULL),
 ('telco.nap_tien', 'sdt', 'phone_number', NULL, 'mixed formats'),
 ('telco.nap_tien', 'menh_gia', NULL, '{online_activity}'::text[], NULL),
 ('telco.nap_tien', 'kenh', NULL, '{online_activity}'::text[], NULL),
 ('telco.nap_tien', 'ma_giao_dich', NULL, NULL, 'TXN + date + sequence'),
 ('telco.nap_tien', 'so_serial_the', NULL, NULL, 'scratch-card serial, 14 digits'),
 ('telco.nap_tien', 'ma_the', NULL, NULL, 'scratch-card PIN, 13 digits'),
 ('telco.nap_tien', 'ngay_nap', NULL, '{online_activity}'::text[], NULL),
 ('telco.KH_TRA_SAU', 'MA_KH', NULL, '{other_identifying}'::text[], 'customer number'),
 ('telco.KH_TRA_SAU', 'TEN_KH', 'full_name', NULL, 'upper-case column names from Oracle'),
 ('telco.KH_TRA_SAU', 'SO_CMND', 'identity_number', NULL, '9-digit CMND'),
 ('telco.KH_TRA_SAU', 'NGAY_SINH', 'date_of_birth', NULL, 'varchar YYYYMMDD'),
 ('telco.KH_TRA_SAU', 'DIEN_THOAI', 'phone_number', NULL, 'pre-2018 11-digit mobiles (0168...) and old landline codes'),
 ('telco.KH_TRA_SAU', 'DIA_CHI', 'address', NULL, 'upper case without diacritics'),
 ('telco.KH_TRA_SAU', 'MST', 'tax_insurance_number', NULL, 'personal tax code, 40% filled'),
 ('telco.KH_TRA_SAU', 'SO_TK', 'banking_customer_info', '{other_identifying}'::text[], 'bank account for auto-debit, 30% filled'),
 ('telco.KH_TRA_SAU', 'MA_BC', NULL, NULL, NULL),
 ('insure.san_pham', 'ma_sp', NULL, NULL, NULL),
 ('insure.san_pham', 'ten_sp', NULL, NULL, NULL),
 ('insure.san_pham', 'loai', NULL, NULL, NULL),
 ('insure.san_pham', 'phi_co_ban', NULL, NULL, NULL),
 ('insure.san_pham', 'mo_ta', NULL, NULL, NULL),
 ('insure.dai_ly', 'ma_dl', NULL, NULL, NULL),
 ('insure.dai_ly', 'ten_dl', 'full_name', NULL, 'individual agents, 40 rows'),
 ('insure.dai_ly', 'sdt_dl', 'phone_number', NULL, NULL),
 ('insure.dai_ly', 'email_dl', 'email_address', NULL, NULL),
 ('insure.dai_ly', 'cccd_dl', 'identity_number', NULL, NULL),
 ('insure.dai_ly', 'mst_dl', 'tax_insurance_number', NULL, 'personal tax code (agents are paid commission)'),
 ('insure.dai_ly', 'khu_vuc', NULL, NULL, NULL),
 ('insure.hop_dong', 'so_hd', NULL, '{banking_customer_info,other_identifying}'::text[], 'policy number: a key'),
 ('insure.hop_dong', 'ben_mua_bh', 'full_name', NULL, 'policyholder (bên mua bảo hiểm)'),
 ('insure.hop_dong', 'cmnd_cccd', 'identity_number', NULL, NULL),
 ('insure.hop_dong', 'ngaysinh', 'date_of_birth', NULL, NULL),
 ('insure.hop_dong', 'gioitinh', 'gender', NULL, 'char(1) M/F'),
 ('insure.hop_dong', 'dienthoai', 'phone_number', NULL, NULL),
 ('insure.hop_dong', 'email', 'email_address', NULL, NULL),
 ('insure.hop_dong', 'diachi', 'address', NULL, NULL),
 ('insure.hop_dong', 'ma_sp', NULL, '{banking_customer_info}'::text[], NULL),
 ('insure.hop_dong', 'phi_bh', 'banking_customer_info', NULL, 'premium: insurance information of an insurer''s customer (Art.4(k))'),
 ('insure.hop_dong', 'so_tien_bh', 'banking_customer_info', NULL, 'sum insured'),
 ('insure.hop_dong', 'ngay_hieu_luc', NULL, '{banking_customer_info}'::text[], NULL),
 ('insure.hop_dong', 'tinh_trang_suc_khoe', 'health_record', NULL, 'health declaration'),
 ('insure.hop_dong', 'hut_thuoc', 'health_record', '{other_identifying}'::text[], 'smoker flag (boolean)'),
 ('insure.hop_dong', 'tk_ngan_hang', 'banking_customer_info', NULL, NULL),
 ('insure.hop_dong', 'ngan_hang', NULL, '{banking_customer_info}'::text[], 'bank name'),
 ('insure.hop_dong', 'mst_ca_nhan', 'tax_insurance_number', NULL, NULL),
 ('insure.hop_dong', 'nguoi_gioi_thieu', NULL, NULL, 'agent code'),
 ('insure.nguoi_thu_huong', 'id', NULL, NULL, NULL),
 ('insure.nguoi_thu_huong', 'so_hd', NULL, '{banking_customer_info,other_identifying}'::text[], NULL),
 ('insure.nguoi_thu_huong', 'ho_ten', 'full_name', '{family_relationship}'::text[], 'beneficiary'),
 ('insure.nguoi_thu_huong', 'quan_he', 'family_relationship', NULL, NULL),
 ('insure.nguoi_thu_huong', 'ty_le', NULL, '{banking_customer_info}'::text[], 'share in percent'),
 ('insure.nguoi_thu_huong', 'ngay_sinh', 'date_of_birth', NULL, 'includes children born up to 2024'),
 ('insure.nguoi_thu_huong', 'cccd', 'identity_number', NULL, 'empty for most children'),
 ('insure.claims', 'claim_no', NULL, NULL, NULL),
 ('insure.claims', 'policy_no', NULL, '{banking_customer_info,other_identifying}'::text[], NULL),
 ('insure.claims', 'claim_date', NULL, '{banking_customer_info,health_record}'::text[], NULL),
 ('insure.claims', 'hospital_name', NULL, '{health_record}'::text[], 'hospital where the insured was treated (organisation names)'),
 ('insure.claims', 'diagnosis_code', 'health_record', NULL, 'ICD-10'),
 ('insure.claims', 'diagnosis_text', 'health_record', NULL, NULL),
 ('insure.claims', 'claimed_amount', 'banking_customer_info', '{health_record}'::text[], 'insurance transaction of a customer'),
 ('insure.claims', 'approved_amount', 'banking_customer_info', '{health_record}'::text[], NULL),
 ('insure.claims', 'status', NULL, '{banking_customer_info}'::text[], NULL),
 ('insure.claims', 'adjuster', NULL, '{digital_account}'::text[], 'staff login names'),
 ('insure.claims', 'payout_account', 'banking_customer_info', NULL, 'bank account for the payout'),
 ('insure.claims', 'invoice_no', NULL, NULL, '7-digit e-invoice number'),
 ('school.lop', 'ma_lop', NULL, NULL, NULL),
 ('school.lop', 'ten_lop', NULL, NULL, NULL),
 ('school.lop', 'khoi', NULL, NULL, NULL),
 ('school.lop', 'nam_hoc', NULL, NULL, '''2024-2025'''),
 ('school.lop', 'gvcn', 'full_name', NULL, 'homeroom teacher ''Cô ...'''),
 ('school.lop', 'phong_hoc', NULL, NULL, NULL),
 ('school.hoc_sinh', 'mahs', NULL, '{other_identifying}'::text[], 'student number'),
 ('school.hoc_sinh', 'hoten', 'full_name', NULL, NULL),
 ('school.hoc_sinh', 'ngaysinh', 'date_of_birth', NULL, 'text DD/MM/YYYY, D/M/YYYY, ISO'),
 ('school.hoc_sinh', 'gt', 'gender', NULL, 'smallint 0/1'),
 ('school.hoc_sinh', 'noisinh', 'address', NULL, 'place of birth (province names only; Art.3(d))'),
 ('school.hoc_sinh', 'dantoc', 'racial_ethnic_origin', NULL, NULL),
 ('school.hoc_sinh', 'tongiao', 'political_religious_views', NULL, 'religion'),
 ('school.hoc_sinh', 'ma_lop', NULL, NULL, NULL),
 ('school.hoc_sinh', 'dia_chi', 'address', NULL, NULL),
 ('school.hoc_sinh', 'ma_dinh_danh', 'identity_number', NULL, 'personal identification number (mã định danh = CCCD number)'),
 ('school.hoc_sinh', 'anh_the', 'personal_image', NULL, 'student ID photo path'),
 ('school.hoc_sinh', 'doan_vien', NULL, '{political_religious_views,other_identifying}'::text[], 'Youth Union membership (boolean)'),
 ('school.hoc_sinh', 'ho_ngheo', 'other_identifying', '{private_life,other_sensitive}'::text[], 'poor-household flag (boolean)'),
 ('school.hoc_sinh', 'khuyet_tat', 'health_record', NULL, 'disability'),
 ('school.phu_huynh', 'id', NULL, NULL, NULL),
 ('school.phu_huynh', 'mahs', NULL, NULL, NULL),
 ('school.phu_huynh', 'hoTenPH', 'full_name', '{family_relationship}'::text[], 'parent''s name, camelCase'),
 ('school.phu_huynh', 'quanHe', 'family_relationship', NULL, NULL),
 ('school.phu_huynh', 'sdtPH', 'phone_number', NULL, NULL),
 ('school.phu_huynh', 'emailPH', 'email_address', NULL, NULL),
 ('school.phu_huynh', 'ngheNghiep', 'other_identifying', NULL, 'occupation'),
 ('school.phu_huynh', 'noiCongTac', 'other_identifying', NULL, 'workplace (organisation names)'),
 ('school.phu_huynh', 'namSinh', 'date_of_birth', '{other_identifying}'::text[], 'year of birth as integer (year look-alike)'),
 ('school.diem', 'id', NULL, NULL, NULL),
 ('school.diem', 'mahs', NULL, NULL, NULL),
 ('school.diem', 'mon', NULL, NULL, 'subject'),
 ('school.diem', 'hoc_ky', NULL, NULL, NULL),
 ('school.diem', 'diem_tx', 'other_identifying', NULL, 'a student''s grades (numeric)'),
 ('school.diem', 'diem_gk', 'other_identifying', NULL, NULL),
 ('school.diem', 'diem_ck', 'other_identifying', NULL, NULL),
 ('school.diem', 'hanh_kiem', 'other_identifying', '{private_life}'::text[], 'conduct grade'),
 ('school.diem', 'nhan_xet', 'other_identifying', '{private_life}'::text[], 'teacher''s comment on the student'),
 ('school.hoc_phi', 'id', NULL, NULL, NULL),
 ('school.hoc_phi', 'mahs', NULL, NULL, NULL),
 ('school.hoc_phi', 'ky_thu', NULL, NULL, NULL),
 ('school.hoc_phi', 'so_tien', NULL, '{other_identifying}'::text[], 'tuition amount (same for a whole grade)'),
 ('school.hoc_phi', 'da_dong', NULL, '{other_identifying}'::text[], NULL),
 ('school.hoc_phi', 'ngay_dong', NULL, NULL, NULL),
 ('school.hoc_phi', 'hinh_thuc', NULL, NULL, NULL),
 ('school.hoc_phi', 'stk_chuyen', 'banking_customer_info', '{other_identifying}'::text[], 'payer''s bank account'),
 ('school.hoc_phi', 'nguoi_nop', 'full_name', NULL, 'payer'),
 ('school.hoc_phi', 'mien_giam', 'other_identifying', '{private_life,other_sensitive}'::text[], 'exemption reason (poor household, war invalid''s child ...), 90% empty'),
 ('logistics.kho', 'ma_kho', NULL, NULL, NULL),
 ('logistics.kho', 'ten_kho', NULL, NULL, NULL),
 ('logistics.kho', 'dia_chi_kho', NULL, NULL, 'hub address (address look-alike)'),
 ('logistics.kho', 'sdt_kho', NULL, NULL, 'hub hotline / landline (a few mobile-looking)'),
 ('logistics.kho', 'quan_ly', 'full_name', NULL, 'hub manager, 12 rows'),
 ('logistics.kho', 'lat', NULL, NULL, 'hub coordinates, not a person''s location'),
 ('logistics.kho', 'lng', NULL, NULL, NULL),
 ('logistics.tai_xe', 'id', NULL, NULL, NULL),
 ('logistics.tai_xe', 'ho_ten', 'full_name', NULL, NULL),
 ('logistics.tai_xe', 'sdt', 'phone_number', NULL, NULL),
 ('logistics.tai_xe', 'cccd', 'identity_number', NULL, NULL),
 ('logistics.tai_xe', 'so_gplx', 'identity_number', NULL, 'driving licence number, 12 digits'),
 ('logistics.tai_xe', 'hang_gplx', NULL, '{identity_number,other_identifying}'::text[], 'licence class A1/B2'),
 ('logistics.tai_xe', 'bien_so_xe_may', 'vehicle_plate', NULL, 'courier''s own motorbike'),
 ('logistics.tai_xe', 'ngay_sinh', 'date_of_birth', NULL, NULL),
 ('logistics.tai_xe', 'stk', 'banking_customer_info', '{other_identifying}'::text[], 'courier''s bank account'),
 ('logistics.tai_xe', 'ngan_hang', NULL, '{banking_customer_info}'::text[], NULL),
 ('logistics.tai_xe', 'anh_dai_dien', 'personal_image', NULL, 'avatar URL'),
 ('logistics.tai_xe', 'diem_danh_gia', NULL, '{other_identifying}'::text[], 'rating'),
 ('logistics.tai_xe', 'trang_thai', NULL, NULL, NULL),
 ('logistics.phuong_tien', 'bien_so', NULL, '{vehicle_plate}'::text[], 'company trucks'' plates: not a person''s vehicle'),
 ('logistics.phuong_tien', 'loai_xe', NULL, NULL, NULL),
 ('logistics.phuong_tien', 'tai_trong_kg', NULL, NULL, NULL),
 ('logistics.phuong_tien', 'nam_sx', NULL, NULL, 'year look-alike'),
 ('logistics.phuong_tien', 'so_khung', NULL, NULL, 'VIN'),
 ('logistics.phuong_tien', 'han_dang_kiem', NULL, NULL, NULL),
 ('logistics.van_don', 'ma_van_don', NULL, NULL, 'tracking number'),
 ('logistics.van_don', 'nguoi_gui', 'full_name', NULL, 'sender; 30% shop names'),
 ('logistics.van_don', 'sdt_gui', 'phone_number', NULL, NULL),
 ('logistics.van_don', 'dia_chi_gui', 'address', NULL, NULL),
 ('logistics.van_don', 'nguoi_nhan', 'full_name', NULL, NULL),
 ('logistics.van_don', 'sdt_nhan', 'phone_number', NULL, NULL),
 ('logistics.van_don', 'dia_chi_nhan', 'address', NULL, NULL),
 ('logistics.van_don', 'khoi_luong_g', NULL, NULL, NULL),
 ('logistics.van_don', 'tien_cod', NULL, '{banking_customer_info}'::text[], NULL),
 ('logistics.van_don', 'phi_ship', NULL, NULL, NULL),
 ('logistics.van_don', 'ghi_chu', NULL, '{other_identifying}'::text[], 'delivery notes'),
 ('logistics.van_don', 'noi_dung_hang', NULL, '{other_identifying}'::text[], NULL),
 ('logistics.van_don', 'trang_thai', NULL, NULL, NULL),
 ('logistics.van_don', 'ma_kho', NULL, NULL, NULL),
 ('logistics.van_don', 'created_at', NULL, NULL, NULL),
 ('logistics.gps_log', 'id', NULL, NULL, NULL),
 ('logistics.gps_log', 'driver_id', NULL, NULL, NULL),
 ('logistics.gps_log', 'ts', NULL, '{location_data,online_activity}'::text[], 'time of a courier''s position fix'),
 ('logistics.gps_log', 'lat', 'location_data', NULL, 'courier position from the app''s GPS (double precision)'),
 ('logistics.gps_log', 'lng', 'location_data', NULL, NULL),
 ('logistics.gps_log', 'speed_kmh', NULL, '{location_data}'::text[], NULL),
 ('logistics.gps_log', 'accuracy_m', NULL, '{location_data}'::text[], NULL),
 ('logistics.cod_doi_soat', 'id', NULL, NULL, NULL),
 ('logistics.cod_doi_soat', 'ky_doi_soat', NULL, NULL, NULL),
 ('logistics.cod_doi_soat', 'driver_id', NULL, NULL, NULL),
 ('logistics.cod_doi_soat', 'tong_cod', NULL, '{banking_customer_info}'::text[], NULL),
 ('logistics.cod_doi_soat', 'so_tk_nhan', 'banking_customer_info', '{other_identifying}'::text[], 'shop owner''s account (mostly individuals)'),
 ('logistics.cod_doi_soat', 'chu_tk', 'full_name', '{banking_customer_info}'::text[], 'account holder, upper case without diacritics'),
 ('logistics.cod_doi_soat', 'ngan_hang', NULL, '{banking_customer_info}'::text[], NULL),
 ('logistics.cod_doi_soat', 'noi_dung_ck', NULL, NULL, 'transfer description'),
 ('rental.toa_nha', 'id', NULL, NULL, NULL),
 ('rental.toa_nha', 'ten', NULL, NULL, 'building name'),
 ('rental.toa_nha', 'dia_chi', NULL, NULL, 'building address (address look-alike)'),
 ('rental.toa_nha', 'so_tang', NULL, NULL, NULL),
 ('rental.toa_nha', 'chu_dau_tu', NULL, NULL, 'company'),
 ('rental.toa_nha', 'hotline', NULL, NULL, NULL),
 ('rental.khach_thue', 'tenantId', NULL, NULL, NULL),
 ('rental.khach_thue', 'fullName', 'full_name', NULL, '8% foreign names'),
 ('rental.khach_thue', 'idNumber', 'identity_number', NULL, 'CCCD or foreign passport'),
 ('rental.khach_thue', 'nationality', 'nationality', NULL, NULL),
 ('rental.khach_thue', 'phone', 'phone_number', NULL, NULL),
 ('rental.khach_thue', 'zalo', 'phone_number', '{digital_account}'::text[], 'Zalo number'),
 ('rental.khach_thue', 'email', 'email_address', NULL, NULL),
 ('rental.khach_thue', 'hometown', 'address', NULL, 'quê quán: province or ward+province'),
 ('rental.khach_thue', 'occupation', 'other_identifying', NULL, NULL),
 ('rental.khach_thue', 'idFrontImg', 'identity_document_image', NULL, 'S3 URL of ID front'),
 ('rental.khach_thue', 'idBackImg', 'identity_document_image', NULL, NULL),
 ('rental.khach_thue', 'vehiclePlate', 'vehicle_plate', NULL, NULL),
 ('rental.khach_thue', 'maritalStatus', 'marital_status', NULL, NULL),
 ('rental.khach_thue', 'createdAt', NULL, NULL, NULL),
 ('rental.hop_dong_thue', 'so_hd', NULL, NULL, 'contract number HĐ00001/2024'),
 ('rental.hop_dong_thue', 'ma_phong', NULL, '{address}'::text[], 'room code; with tenant_id it is where the tenant lives'),
 ('rental.hop_dong_thue', 'tenant_id', NULL, NULL, NULL),
 ('rental.hop_dong_thue', 'ngay_bat_dau', NULL, NULL, NULL),
 ('rental.hop_dong_thue', 'ngay_ket_thuc', NULL, NULL, NULL),
 ('rental.hop_dong_thue', 'gia_thue', NULL, '{other_identifying}'::text[], NULL),
 ('rental.hop_dong_thue', 'tien_coc', NULL, '{other_identifying,banking_customer_info}'::text[], 'deposit'),
 ('rental.hop_dong_thue', 'so_nguoi_o', NULL, '{other_identifying}'::text[], NULL),
 ('rental.hop_dong_thue', 'ghi_chu', NULL, '{other_identifying,private_life}'::text[], NULL),
 ('rental.tam_tru', 'id', NULL, NULL, NULL),
 ('rental.tam_tru', 'tenant_id', NULL, NULL, NULL),
 ('rental.tam_tru', 'so_dinh_danh', 'identity_number', NULL, NULL),
 ('rental.tam_tru', 'noi_thuong_tru', 'address', NULL, NULL),
 ('rental.tam_tru', 'noi_tam_tru', 'address', NULL, 'temporary residence (room + street + ward)'),
 ('rental.tam_tru', 'tu_ngay', NULL, '{address}'::text[], NULL),
 ('rental.tam_tru', 'den_ngay', NULL, '{address}'::text[], NULL),
 ('rental.tam_tru', 'ly_do', NULL, '{other_identifying}'::text[], NULL),
 ('rental.thanh_toan', 'id', NULL, NULL, NULL),
 ('rental.thanh_toan', 'hop_dong', NULL, NULL, NULL),
 ('rental.thanh_toan', 'thang', NULL, NULL, NULL),
 ('rental.thanh_toan', 'so_tien', NULL, '{other_identifying}'::text[], NULL),
 ('rental.thanh_toan', 'phuong_thuc', NULL, NULL, NULL),
 ('rental.thanh_toan', 'ma_gd_nh', NULL, '{banking_customer_info}'::text[], 'bank transaction reference FT...'),
 ('rental.thanh_toan', 'tk_chuyen', 'banking_customer_info', '{other_identifying}'::text[], 'payer''s account'),
 ('rental.thanh_toan', 'chi_so_dien', NULL, NULL, 'meter readings'),
 ('rental.thanh_toan', 'chi_so_nuoc', NULL, NULL, NULL),
 ('market.sellers', 'seller_id', NULL, NULL, NULL),
 ('market.sellers', 'shop_name', NULL, '{other_identifying}'::text[], 'shop names (some with first names: Thảo Vy)'),
 ('market.sellers', 'owner_name', 'full_name', NULL, NULL),
 ('market.sellers', 'owner_cccd', 'identity_number', NULL, NULL),
 ('market.sellers', 'owner_phone', 'phone_number', NULL, NULL),
 ('market.sellers', 'bank_acc', 'banking_customer_info', '{other_identifying}'::text[], NULL),
 ('market.sellers', 'bank_name', NULL, '{banking_customer_info}'::text[], NULL),
 ('market.sellers', 'tax_code', 'tax_insurance_number', '{other_identifying}'::text[], 'household business: personal tax code (some 13-digit branch codes)'),
 ('market.sellers', 'pickup_address', 'address', NULL, 'individual sellers'' home'),
 ('market.sellers', 'rating', NULL, NULL, NULL),
 ('market.sellers', 'joined_at', NULL, '{digital_account}'::text[], NULL),
 ('market.buyers', 'id', NULL, NULL, NULL),
 ('market.buyers', 'username', 'account_credentials', '{digital_account}'::text[], 'login name (Art.4(i))'),
 ('market.buyers', 'password_hash', 'account_credentials', NULL, 'bcrypt hash'),
 ('market.buyers', 'email', 'email_address', NULL, NULL),
 ('market.buyers', 'phone', 'phone_number', NULL, NULL),
 ('market.buyers', 'display_name', 'digital_account', '{full_name}'::text[], 'real names, nicknames and handles'),
 ('market.buyers', 'gender', 'gender', NULL, 'male/female'),
 ('market.buyers', 'birthday', 'date_of_birth', NULL, NULL),
 ('market.buyers', 'avatar_url', 'personal_image', NULL, NULL),
 ('market.buyers', 'last_login_ip', 'online_activity', '{digital_account}'::text[], 'inet'),
 ('market.buyers', 'last_login_at', 'online_activity', '{digital_account}'::text[], NULL),
 ('market.buyers', 'device_id', 'other_identifying', '{digital_account,online_activity}'::text[], 'uuid'),
 ('market.buyers', 'fb_uid', 'digital_account', '{other_identifying}'::text[], 'Facebook user id (15 digits)'),
 ('market.buyers', 'referral_code', NULL, '{digital_account}'::text[], NULL),
 ('market.buyers', 'is_verified', NULL, '{digital_account}'::text[], NULL),
 ('market.buyers', 'wallet_balance', 'banking_customer_info', '{digital_account,other_identifying}'::text[], 'e-wallet balance'),
 ('market.products', 'sku', NULL, NULL, NULL),
 ('market.products', 'ten_sp', NULL, NULL, 'product names'),
 ('market.products', 'gia', NULL, NULL, NULL),
 ('market.products', 'ton_kho', NULL, NULL, NULL),
 ('market.products', 'danh_muc', NULL, NULL, NULL),
 ('market.products', 'barcode', NULL, NULL, 'EAN-13 (893...) with a valid check digit (Luhn-like look-alike)'),
 ('market.products', 'brand', NULL, NULL, NULL),
 ('market.products', 'mo_ta', NULL, NULL, 'contains the shop hotline and support e-mail'),
 ('market.reviews', 'id', NULL, NULL, NULL),
 ('market.reviews', 'order_no', NULL, NULL, NULL),
 ('market.reviews', 'sku', NULL, NULL, NULL),
 ('market.reviews', 'buyer_id', NULL, NULL, NULL),
 ('market.reviews', 'rating', NULL, '{online_activity}'::text[], NULL),
 ('market.reviews', 'content', NULL, '{online_activity,other_identifying}'::text[], 'public review text'),
 ('market.reviews', 'images', NULL, '{personal_image}'::text[], 'jsonb array of review photo URLs'),
 ('market.reviews', 'created_at', NULL, '{online_activity}'::text[], NULL),
 ('market.chat_messages', 'msg_id', NULL, NULL, NULL),
 ('market.chat_messages', 'conversation_id', NULL, NULL, NULL),
 ('market.chat_messages', 'sender_id', NULL, NULL, NULL),
 ('market.chat_messages', 'receiver_id', NULL, NULL, NULL),
 ('market.chat_messages', 'body', 'online_activity', '{private_life,other_identifying}'::text[], 'private chat content (10% carry a phone number)'),
 ('market.chat_messages', 'sent_at', 'online_activity', NULL, NULL),
 ('market.chat_messages', 'client_ip', 'online_activity', '{digital_account}'::text[], NULL),
 ('market.chat_messages', 'is_read', NULL, '{online_activity}'::text[], NULL),
 ('market.disputes', 'id', NULL, NULL, 'empty table'),
 ('market.disputes', 'order_no', NULL, NULL, NULL),
 ('market.disputes', 'complainant_name', 'full_name', NULL, 'empty table: only the name tells'),
 ('market.disputes', 'complainant_phone', 'phone_number', NULL, 'empty table'),
 ('market.disputes', 'complainant_email', 'email_address', NULL, 'empty table'),
 ('market.disputes', 'description', NULL, '{other_identifying,private_life}'::text[], NULL),
 ('market.disputes', 'evidence_photo_url', NULL, '{personal_image}'::text[], NULL),
 ('market.disputes', 'created_at', NULL, NULL, NULL),
 ('market.tmp_import_2019', 'col1', 'full_name', NULL, 'uninformative name: values only'),
 ('market.tmp_import_2019', 'col2', 'phone_number', NULL, NULL),
 ('market.tmp_import_2019', 'col3', 'address', NULL, 'province of the customer, names only'),
 ('market.tmp_import_2019', 'col4', NULL, NULL, 'amounts as text'),
 ('market.tmp_import_2019', 'col5', 'identity_number', NULL, 'CMND/CCCD, 10% NULL'),
 ('market.tmp_import_2019', 'f6', NULL, NULL, NULL),
 ('market.tmp_import_2019', 'note', NULL, '{other_identifying}'::text[], NULL);

-- every label names a column of the test tables and a category of the
-- Decree 356 taxonomy; every column of the test tables has exactly one label
DO $$
DECLARE bad text;
BEGIN
  SELECT string_agg(format('%s.%s', n.nspname || '.' || c.relname, a.attname), ', ') INTO bad
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  WHERE n.nspname IN ('clinic', 'telco', 'insure', 'school', 'logistics', 'rental', 'market') AND c.relkind IN ('r', 'p', 'm')
    AND NOT EXISTS (SELECT 1 FROM public.discover_labels l WHERE l.relation = n.nspname || '.' || c.relname AND l.column_name = a.attname);
  IF bad IS NOT NULL THEN RAISE EXCEPTION 'columns without a label: %', bad; END IF;
  SELECT string_agg(relation || '.' || column_name, ', ') INTO bad FROM public.discover_labels l
  WHERE NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = to_regclass(quote_ident(split_part(l.relation, '.', 1)) || '.' || quote_ident(split_part(l.relation, '.', 2)))
                      AND a.attname = l.column_name AND a.attnum > 0 AND NOT a.attisdropped);
  IF bad IS NOT NULL THEN RAISE EXCEPTION 'labels without a column: %', bad; END IF;
  SELECT string_agg(relation || '.' || column_name, ', ') INTO bad FROM (
    SELECT relation, column_name FROM public.discover_labels GROUP BY 1, 2 HAVING count(*) > 1) d;
  IF bad IS NOT NULL THEN RAISE EXCEPTION 'columns labelled twice: %', bad; END IF;
  SELECT string_agg(DISTINCT x, ', ') INTO bad FROM public.discover_labels l, unnest(l.category || coalesce(l.acceptable, '{}')) x
  WHERE x IS NOT NULL AND x NOT IN ('full_name', 'date_of_birth', 'gender', 'address', 'nationality', 'personal_image', 'phone_number',
    'identity_number', 'vehicle_plate', 'marital_status', 'family_relationship', 'digital_account', 'email_address', 'tax_insurance_number',
    'other_identifying', 'racial_ethnic_origin', 'political_religious_views', 'private_life', 'health_record', 'biometric_data', 'genetic_data',
    'sex_life_orientation', 'criminal_record', 'location_data', 'account_credentials', 'identity_document_image', 'banking_customer_info',
    'online_activity', 'other_sensitive');
  IF bad IS NOT NULL THEN RAISE EXCEPTION 'unknown categories in labels: %', bad; END IF;
END $$;

ANALYZE;
