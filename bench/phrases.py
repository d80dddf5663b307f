# bench/phrases.py: Vietnamese phrase templates for the benchmark data generator (bench/gen.py).
# A few hundred fragments with diacritics; gen.py combines them into report texts of 150-500
# characters, answers, addresses and reporter names. Data only, no logic.

# Problems per field code (the demo fields of data/demo/demo.json).
PROBLEMS = {
    "GTVT": [
        "mặt đường xuất hiện nhiều ổ gà lớn, nước đọng sau mưa",
        "đèn tín hiệu giao thông tại ngã tư bị hỏng, chỉ nháy vàng",
        "nắp cống bị mất, rất nguy hiểm cho người đi xe máy",
        "biển báo giao thông bị cây che khuất hoàn toàn",
        "lòng đường bị sụt lún sau đợt thi công đường ống nước",
        "xe tải chở vật liệu làm rơi đất cát xuống đường",
        "vạch kẻ đường đã mờ hết, ban đêm không nhìn thấy",
        "dải phân cách bị xe đâm hư hỏng, sắt thép nhô ra",
        "cầu dân sinh xuống cấp, lan can bị gãy một đoạn",
        "đoạn đường đất lầy lội, học sinh đi lại rất khó khăn",
        "xe ô tô đỗ trên vỉa hè và lòng đường gây ùn tắc giờ cao điểm",
        "gờ giảm tốc tự phát do người dân đổ bê tông",
        "đường gom bị đào xới nhưng không hoàn trả mặt bằng",
        "đèn giao thông đếm ngược không hoạt động đã nhiều ngày",
        "hố ga bị vỡ, nắp bê tông nghiêng gây nguy hiểm",
        "cây xanh bên đường bị nghiêng, có nguy cơ đổ vào nhà dân",
        "xe khách dừng đỗ đón trả khách sai quy định",
        "mố cầu bị xói lở sau lũ, nứt nhiều chỗ",
    ],
    "TNMT": [
        "rác thải sinh hoạt bị đổ tràn lan ven đường, bốc mùi hôi thối",
        "cơ sở sản xuất xả nước thải chưa qua xử lý ra mương",
        "khói bụi từ lò gạch thủ công gây ô nhiễm nghiêm trọng",
        "bãi tập kết rác tự phát ngay cạnh trường mẫu giáo",
        "tình trạng khai thác cát trái phép trên sông vào ban đêm",
        "kênh thoát nước bị ùn ứ, đầy rác và bèo",
        "xưởng chế biến hải sản gây mùi hôi kéo dài",
        "người dân đốt rác, rơm rạ gây khói mù mịt khu dân cư",
        "chất thải xây dựng bị đổ trộm trên đất nông nghiệp",
        "xe thu gom rác không đến đúng lịch, rác tồn đọng nhiều ngày",
        "nước giếng khoan có mùi lạ và màu vàng đục",
        "tiếng ồn từ xưởng cơ khí hoạt động cả ban đêm",
        "chặt phá rừng phòng hộ ven biển để lấn chiếm đất",
        "cá chết hàng loạt trên đoạn sông chảy qua khu công nghiệp",
        "trại chăn nuôi heo xả chất thải trực tiếp ra môi trường",
    ],
    "XD": [
        "đèn chiếu sáng công cộng trên tuyến đường không sáng vào ban đêm",
        "công trình xây dựng không che chắn, vật liệu rơi xuống đường",
        "nhà dân xây dựng lấn chiếm hành lang an toàn giao thông",
        "vỉa hè bị lát lại nhưng gạch bong tróc, gồ ghề",
        "công trình xây dựng trái phép trên đất nông nghiệp",
        "giàn giáo công trình cao tầng không có lưới bảo vệ",
        "hệ thống thoát nước khu dân cư mới bị tắc, ngập khi mưa",
        "cột đèn chiếu sáng bị nghiêng, dây điện hở",
        "công trình thi công quá giờ quy định gây ồn ào",
        "tường rào công trình bị đổ sập một phần ra vỉa hè",
        "khu đô thị mới chưa bàn giao hạ tầng, đường nội bộ hư hỏng",
        "xây dựng ki ốt tạm trên vỉa hè không có phép",
        "chung cư cũ có dấu hiệu nứt tường, bong tróc trần",
        "bồn hoa, vỉa hè bị chiếm dụng làm nơi để vật liệu",
    ],
    "TTTT": [
        "cáp viễn thông treo thấp, chằng chịt ngang đường",
        "dây cáp internet bị đứt, rơi xuống lòng đường",
        "cột ăng ten viễn thông xây dựng gần trường học",
        "tủ cáp viễn thông mở cửa, dây điện lòi ra ngoài",
        "tin nhắn rác quảng cáo liên tục từ số lạ",
        "cáp quang chưa được ngầm hóa trên tuyến phố chính",
        "loa phát thanh khu phố bị hỏng nhiều tháng",
    ],
    "YT": [
        "cơ sở kinh doanh thức ăn đường phố không đảm bảo vệ sinh",
        "quầy thuốc bán thuốc kê đơn không cần đơn",
        "bếp ăn tập thể của công ty có dấu hiệu mất vệ sinh",
        "ổ dịch sốt xuất huyết, nhiều hộ có người bệnh",
        "cơ sở giết mổ gia cầm tự phát trong khu dân cư",
        "rác thải y tế bị vứt lẫn rác sinh hoạt",
        "quán nước bán hàng không rõ nguồn gốc xuất xứ",
    ],
    "DL": [
        "điểm du lịch thu phí trông xe cao hơn quy định",
        "bãi biển nhiều rác thải sau mùa lễ hội",
        "dịch vụ cho thuê ghế dù chèo kéo du khách",
        "nhà vệ sinh công cộng tại điểm du lịch xuống cấp",
        "biển chỉ dẫn điểm tham quan bị hư hỏng, sai thông tin",
        "hàng rong đeo bám, nài ép du khách mua hàng",
    ],
    "VHTT": [
        "biển quảng cáo dựng sai quy định che khuất tầm nhìn",
        "quán karaoke hoạt động quá giờ, gây ồn ào",
        "băng rôn quảng cáo treo trên cây xanh, cột điện",
        "tờ rơi quảng cáo dán tràn lan trên tường nhà dân",
        "nhà văn hóa thôn xuống cấp, mái bị dột",
        "sân thể thao công cộng bị chiếm dụng làm bãi giữ xe",
    ],
}

STREETS = [
    "Nguyễn Huệ", "Trần Hưng Đạo", "Lê Lợi", "Hai Bà Trưng", "Quang Trung", "Lý Thường Kiệt",
    "Phan Bội Châu", "Ngô Mây", "Tây Sơn", "An Dương Vương", "Điện Biên Phủ", "Hùng Vương",
    "Nguyễn Thái Học", "Trần Phú", "Lê Hồng Phong", "Bạch Đằng", "Xuân Diệu", "Nguyễn Tất Thành",
    "Hoàng Văn Thụ", "Võ Thị Sáu", "Phạm Văn Đồng", "Lạc Long Quân", "Âu Cơ", "Chương Dương",
    "Nguyễn Lữ", "Nguyễn Nhạc", "Đống Đa", "Lê Duẩn", "Trường Chinh", "Tô Hiến Thành",
    "Mai Xuân Thưởng", "Đào Duy Từ", "Ỷ Lan", "Hàm Nghi", "Diên Hồng", "Biên Cương",
    "Quốc lộ 1A", "Quốc lộ 19", "Quốc lộ 1D", "Tỉnh lộ 639", "Tỉnh lộ 640", "đường liên xã",
]

LANDMARKS = [
    "trường tiểu học", "chợ Lớn", "bệnh viện đa khoa tỉnh", "công viên", "nhà thờ", "chùa",
    "trạm y tế phường", "ngã ba", "ngã tư", "cầu Đôi", "bến xe", "UBND phường", "khu tập thể",
    "trường THCS", "siêu thị", "cây xăng", "ga tàu", "sân vận động", "khu công nghiệp Phú Tài",
    "bãi biển", "cảng cá", "đình làng", "hồ Bàu Sen", "quảng trường", "tháp Đôi",
]

OPENERS = [
    "Kính gửi cơ quan chức năng, tôi xin phản ánh:",
    "Người dân khu vực phản ánh",
    "Tôi là cư dân sống gần đây,",
    "Xin phản ánh tình trạng",
    "Kính đề nghị các cơ quan xem xét:",
    "Nhiều hộ dân bức xúc vì",
    "Tôi đi ngang qua và thấy",
    "Phản ánh khẩn:",
    "Kính gửi Trung tâm,",
    "Gia đình tôi và bà con lối xóm phản ánh",
]

DETAILS = [
    "tình trạng này kéo dài hơn hai tuần nay",
    "đã có người bị té ngã vào tối hôm qua",
    "bà con đã báo tổ dân phố nhưng chưa được xử lý",
    "đặc biệt nguy hiểm vào giờ tan học",
    "mỗi khi trời mưa thì càng nghiêm trọng hơn",
    "gây ảnh hưởng đến sinh hoạt của hàng chục hộ dân",
    "xảy ra thường xuyên vào ban đêm",
    "tôi có chụp ảnh kèm theo phản ánh này",
    "khu vực này có nhiều người già và trẻ nhỏ",
    "đã xảy ra từ đầu tháng đến nay",
    "du khách cũng phàn nàn rất nhiều",
    "tình hình ngày càng tồi tệ hơn",
    "ảnh hưởng đến mỹ quan đô thị",
    "người đi đường phải tránh xuống lòng đường",
    "nhiều lần gọi đường dây nóng nhưng không ai nghe máy",
    "tôi lo ngại sẽ xảy ra tai nạn nghiêm trọng",
]

REQUESTS = [
    "Đề nghị cơ quan chức năng sớm kiểm tra, xử lý.",
    "Kính mong các cấp có thẩm quyền quan tâm giải quyết.",
    "Đề nghị xử lý dứt điểm để người dân yên tâm.",
    "Mong sớm nhận được phản hồi.",
    "Xin cảm ơn!",
    "Đề nghị kiểm tra và xử phạt nghiêm các trường hợp vi phạm.",
    "Mong chính quyền sớm khắc phục trước mùa mưa bão.",
    "Đề nghị có biện pháp cảnh báo tạm thời cho người dân.",
    "Rất mong được quan tâm, xin chân thành cảm ơn.",
    "Đề nghị thông báo kết quả xử lý cho người dân được biết.",
]

ANSWER_OPENERS = [
    "Sau khi tiếp nhận phản ánh, đơn vị đã cử cán bộ kiểm tra thực tế.",
    "Qua kiểm tra hiện trường, nội dung phản ánh là đúng.",
    "Đơn vị đã phối hợp với UBND phường kiểm tra hiện trường.",
    "Ngay sau khi nhận được phản ánh, đơn vị đã chỉ đạo bộ phận chuyên môn xác minh.",
    "Qua xác minh, nội dung phản ánh đúng một phần.",
    "Đoàn kiểm tra liên ngành đã làm việc tại hiện trường.",
]

ANSWER_ACTIONS = [
    "Đơn vị đã chỉ đạo nhà thầu khắc phục, hoàn trả mặt bằng trong vòng 3 ngày.",
    "Đã lập biên bản vi phạm hành chính và yêu cầu chủ cơ sở khắc phục hậu quả.",
    "Đã bố trí lực lượng thu gom, vận chuyển toàn bộ rác thải tồn đọng.",
    "Đã thay thế thiết bị hư hỏng, hệ thống hoạt động bình thường trở lại.",
    "Đã đưa hạng mục sửa chữa vào kế hoạch duy tu năm nay.",
    "Đã yêu cầu đơn vị quản lý tuyến cáp chỉnh trang, bó gọn cáp treo.",
    "Đã ra quyết định xử phạt và buộc tháo dỡ công trình vi phạm.",
    "Đã lắp đặt biển cảnh báo tạm thời và rào chắn khu vực nguy hiểm.",
    "Đã giao UBND phường tăng cường kiểm tra, giám sát thường xuyên.",
    "Đã phun hóa chất diệt muỗi và tuyên truyền người dân vệ sinh môi trường.",
    "Đã mời chủ cơ sở lên làm việc và ký cam kết không tái phạm.",
    "Đã nạo vét kênh mương, khơi thông dòng chảy.",
]

ANSWER_CLOSINGS = [
    "Đơn vị xin thông tin để người dân được biết.",
    "Trân trọng cảm ơn người dân đã phản ánh.",
    "Mọi vướng mắc xin liên hệ bộ phận một cửa của đơn vị.",
    "Đơn vị sẽ tiếp tục theo dõi, kiểm tra trong thời gian tới.",
    "Rất mong người dân tiếp tục đồng hành, phản ánh kịp thời.",
]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
          "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Mai", "Trương", "Đinh", "Lâm", "Châu", "Tạ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Thu", "Xuân", "Kim",
          "Gia", "Hoài", "Bảo", "Anh"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng",
         "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Nhung", "Phong",
         "Phúc", "Phương", "Quân", "Quỳnh", "Sơn", "Tâm", "Thảo", "Thắng", "Thành", "Trang",
         "Trung", "Tuấn", "Tú", "Uyên", "Vân", "Việt", "Yến", "Lộc", "Đạt", "Khoa", "Ngân"]

NOTES = [
    "Đã liên hệ người phản ánh qua điện thoại để xác minh vị trí.",
    "Chuyển bộ phận kỹ thuật kiểm tra.",
    "Chờ kết quả đo đạc của đơn vị tư vấn.",
    "Trùng nội dung với phản ánh trước, đề nghị theo dõi chung.",
    "Đã báo cáo lãnh đạo, chờ ý kiến chỉ đạo.",
    "Hiện trường đã được chụp ảnh, lưu hồ sơ.",
]

REASONS = [
    "Nội dung không thuộc phạm vi tiếp nhận của hệ thống.",
    "Phản ánh không có thông tin cụ thể về vị trí.",
    "Nội dung có tính chất khiếu nại, tố cáo, đề nghị gửi theo đúng quy định.",
    "Không thuộc thẩm quyền giải quyết của đơn vị.",
    "Phản ánh trùng lặp.",
]
