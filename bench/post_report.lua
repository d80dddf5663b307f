-- bench/post_report.lua: POST /api/v1/reports, a citizen's report (durable: case, reporter,
-- event, timer and notification rows in one transaction), texts rotated from a small set.
local B = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local bodies = {}
local n = 0
local fields = { "GTVT", "XD", "TNMT", "TTTT", "YT" }
local texts = {
	"Mặt đường Nguyễn Huệ gần chợ Lớn có nhiều ổ gà lớn, nước đọng sau mưa, rất nguy hiểm cho người đi xe máy. Đề nghị sớm sửa chữa.",
	"Rác thải sinh hoạt bị đổ tràn lan ven đường Trần Phú, bốc mùi hôi thối, ảnh hưởng đến sinh hoạt của hàng chục hộ dân.",
	"Đèn chiếu sáng công cộng trên tuyến đường Lê Lợi không sáng vào ban đêm đã hơn hai tuần, người dân đi lại khó khăn.",
	"Cáp viễn thông treo thấp, chằng chịt ngang đường Quang Trung, xe tải đi qua dễ vướng. Kính mong các cấp quan tâm.",
	"Cơ sở kinh doanh thức ăn đường phố gần trường tiểu học không đảm bảo vệ sinh an toàn thực phẩm.",
}

function init(args)
	local t = math.random(1, 1000000)
	for i = 1, 50 do
		local lat = 13.5 + math.random() 
		local lng = 108.5 + math.random() * 0.8
		bodies[i] = string.format('{"description":"%s (%d-%d)","field":"%s",'
			.. '"name":"Nguyễn Văn Bench","phone":"0905%06d","email":"bench%d@example.invalid","lat":%.6f,"lng":%.6f,'
			.. '"address":"%d đường Hùng Vương","declaration":true}',
			texts[(i % #texts) + 1], t, i, fields[(i % #fields) + 1],
			math.random(0, 999999), i, lat, lng, i)
	end
end

function request()
	n = n + 1
	if n > #bodies then
		n = 1
	end
	return wrk.format("POST", "/api/v1/reports",
		{ ["Content-Type"] = "application/json" }, bodies[n])
end

done = B.done
