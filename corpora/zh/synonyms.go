package zh

import (
	"sort"
	"strings"
	"sync"
)

// aliasGroups are words that stand for one another in the questions people
// type and the documents of a workplace — a handbook, a manual, a
// rulebook: the everyday word and the one the document writes (上班时间 …
// 工作时间, 年假 … 年休假, 生病 … 病假, 停机 … 停止服务, 安卓 … Android).
// A question holding one word of a group is matched as if it also held the
// others when sentences are weighed and a refusal decided (answer
// package). The groups are general workplace Chinese, not any one
// document's; a word belongs to one group, and no word is one that sits
// inside common longer words (工时 of 员工时, 别的 of 特别的, 请客 of 请客户,
// 狗 of 热狗). Adding the aliases to every BM25 query as well measured no
// better at any weight tried (0.15 to 0.6 of the question's words); they
// are searched with only when the question's own words found no answer
// (answer.Engine.Ask).
var aliasGroups = [][]string{
	// Time at work and leave.
	{"工作时间", "上班时间", "上下班时间", "下班时间", "下班"},
	{"年休假", "年假", "特休", "特别休假"},
	{"病假", "生病", "患病", "病休"},
	{"婚假", "结婚假"},
	{"产假", "生育假", "生孩子"},
	{"丧假", "奔丧"},
	{"加班费", "加班工资"},
	{"延长工作时间", "平时加班", "平日加班", "下班后加班", "晚上加班", "延时加班"}, // (the labour law's word for a workday's overtime)
	{"调休", "补休", "换休"},
	{"调班", "换班", "调换班次"},
	{"遗失", "丢失", "弄丢", "丢了", "掉了", "搞丢"},
	{"交通事故", "车祸", "出车祸"},
	{"驾驶", "开车"},
	{"无线网络", "wifi", "wi-fi", "无线网"},
	{"总经理", "ceo", "老总"},
	{"排班", "班表", "排班表"},
	{"购物", "买东西"},
	{"门店", "店里", "店内"},
	{"请假", "休假"},
	{"入职", "报到"},
	{"转正", "试用期满"},
	{"工龄", "工作年限", "社会工龄", "累计工作"},
	{"打卡", "签到"},
	{"漏打卡", "忘记打卡", "忘打卡"},
	{"就医", "看病", "看医生"},
	{"产检", "孕检"},
	{"陪产假", "陪护假"},
	{"调岗", "换岗", "转岗"},
	{"带教", "带徒弟", "带新人", "师带徒", "带徒"},
	{"晋升", "升职"},
	{"调薪", "涨薪", "加薪"},
	{"早退", "提前下班"},
	{"远程办公", "居家办公", "在家办公", "在家上班", "在家工作", "居家上班"},
	{"弹性工作制", "弹性上班", "弹性工作"},
	{"团建", "团队建设"},
	{"工牌", "工卡", "门禁卡"},
	{"访客", "来访人员", "外来人员"},
	{"出差结束", "出差回来", "出差返回"},
	{"迟到", "晚到"},
	{"体检", "健康检查", "健检"},
	{"年终奖", "年底奖金", "年终奖金"},
	{"内推", "内部推荐"},
	// Pay, money and forms.
	{"工资", "薪资", "薪酬", "薪水", "月薪"},
	{"人力资源部", "人事部", "人力部", "人力行政部", "人资部"},
	{"人力资源", "人事", "人力行政"},
	{"奖金", "奖励金"},
	{"报销", "报账", "报帐", "报掉"},
	{"限额", "额度"},
	{"纳税人识别号", "税号"},
	{"垫付", "垫钱", "垫资", "垫的钱", "垫了"},
	{"餐补", "餐费补贴", "饭补"},
	{"岗位津贴", "岗位补贴", "职务加给", "职务津贴"},
	{"一类城市", "一线城市"},
	{"二类城市", "二线城市"},
	{"三类城市", "三线城市"},
	{"私车公用", "开自己的车", "开私家车", "自驾"},
	{"早餐", "早饭"},
	{"午餐", "午饭", "中饭"},
	{"晚餐", "晚饭"},
	{"用餐", "就餐", "吃饭"},
	{"承担", "负担"},
	{"交通补贴", "车补"},
	{"通讯补贴", "话费补贴", "手机补贴", "话补", "电话补贴"},
	{"厂家", "厂商", "生产厂家", "生产商"},
	{"种植牙", "种牙"},
	{"住宿", "酒店", "宾馆"},
	{"机票", "飞机票"},
	{"出租车", "打车", "网约车"},
	{"配偶", "老婆", "老公", "爱人"},
	{"去世", "逝世", "过世", "病逝", "离世", "辞世", "病故"},
	{"回款", "收款", "到账"},
	{"提成", "佣金"},
	{"签约", "签单", "签合同"},
	{"付款", "支付", "打款"},
	{"账期", "付款期限"},
	{"开票", "开发票"},
	{"借款", "借钱", "预支"},
	{"差旅费", "出差费用"},
	{"退款", "退钱"},
	{"费用", "花费", "开销"},
	{"价格", "价钱", "售价"},
	{"折扣", "打折"},
	{"返点", "返利"},
	{"社会保险", "社保"},
	{"住房公积金", "公积金"},
	{"免费", "不收费", "不要钱"},
	// People and approval.
	{"辞退", "开除", "解雇", "炒鱿鱼"},
	{"上级", "领导", "老板"},
	{"审批", "批准", "签批", "签字", "签核", "点头", "来批", "谁批"},
	{"爽约", "放鸽子", "失约"},
	{"工资条", "工资单", "工资明细", "薪资明细"},
	{"采购", "购买", "购置", "买"},
	{"投诉", "客诉"},
	{"扣款", "扣钱", "罚钱", "罚款", "处罚"},
	{"患者", "病人", "病患"},
	{"乘坐飞机", "坐飞机", "搭飞机"},
	{"代理商", "渠道商", "经销商", "渠道合作伙伴"},
	{"新员工", "新同事", "刚入职", "新来的"},
	{"亲属", "家属", "家人", "家里人"},
	{"学员", "学生"},
	{"教师", "老师"},
	{"课时费", "钟点费", "课酬"},
	{"违规", "违反规定"},
	{"结账", "结帐", "买单", "埋单"},
	{"兼职", "副业", "外快"},
	{"培训机构", "补习班", "辅导班"},
	{"外卖", "外送"},
	{"配送员", "骑手", "外卖员", "送餐员"},
	{"后厨", "后场"},
	{"值班", "值守"},
	{"吸烟", "抽烟"},
	{"学时", "课时"},
	// Words of any rule.
	{"最多", "最高", "最大", "至多", "上限", "不超过", "不得超过"},
	{"最少", "最低", "最小", "至少", "下限", "不少于", "不得少于"},
	{"累计", "加起来", "合计", "总共", "一共"},
	{"全年", "一年里", "一年中", "一整年", "自然年度", "一个自然年"},
	{"员工", "职工"},
	{"单次", "每次"},
	{"每月", "每个月"},
	{"每晚", "一晚"},
	{"无法", "没法", "没办法"},
	{"透露", "告诉"},
	{"带离", "带回家", "带走", "带出去"},
	{"出借", "借给", "借用", "外借"},
	{"其他", "其它"},
	{"拆分", "拆成", "拆开"},
	{"方可", "才能", "才可以"},
	{"规避", "绕过", "绕开"},
	// Computers and software.
	{"停止服务", "停机", "停服", "中断服务"},
	{"Web端", "网页版", "网页端", "浏览器端"},
	{"Android", "安卓"},
	{"iOS", "苹果手机", "iPhone"},
	{"计算机", "电脑"},
	{"移动存储", "U盘", "移动硬盘"},
	{"复制", "拷贝"},
	{"删除", "删掉"},
	{"恢复", "找回"},
	{"登录", "登陆", "登入", "登进"},
	{"账号", "帐号"},
	{"密码", "口令"},
	{"忘记", "忘了"},
	{"到期", "过期"},
	{"下调", "降级", "降了"},
	{"上调", "涨价"},
	{"升级", "更新版本"},
	{"客户端", "APP"},
	{"桌面客户端", "电脑客户端", "PC客户端"},
	{"移动客户端", "手机客户端", "手机端"},
	{"服务端", "服务器端"},
	{"重启", "重新启动"},
	{"VPN", "远程接入"},
	{"重置密码", "找回密码"},
	{"内网", "局域网", "公司网络"},
	{"外链", "分享链接", "外部链接"},
	{"硬盘", "磁盘"},
	{"截图", "截屏"},
	{"回收站", "垃圾箱"},
	{"周日", "星期日", "星期天", "礼拜天", "礼拜日"},
	{"周六", "星期六", "礼拜六"},
	{"等级", "级别"},
	{"卫生间", "厕所", "洗手间", "茅房"},
	{"破损", "穿破", "磨破", "弄破", "破了"},
	{"储物柜", "置物柜", "寄存柜"},
	{"减免", "少交", "少收", "少缴"}, // (至少交 is 至少's: of words alike in length, the leftmost is read)
	{"法定节假日", "节假日"},         // (国庆 … 节假日前后3天不安排调休: speech's holidays find 节假日 too, towardFirst)
	{"孩子", "小孩", "小朋友"},
	{"饮酒", "酒后"}, // (严禁酒后上岗 for 喝了酒还能上班吗: speech's words for 饮酒 too, towardFirst)
	// How people say what handbooks write, of any workplace.
	{"发热", "发烧"},
	{"代打卡", "帮打卡", "替打卡", "代签到"},
	{"工作服", "工服", "白大褂"},
	{"针刺伤", "锐器伤", "针扎", "被针扎"},
	{"补缴", "补钱"},
	{"缴费", "交费", "交钱", "付钱"},
	{"损坏", "故障", "坏了", "弄坏", "搞坏"},
	{"维修", "修理", "报修"},
	{"赔偿", "赔钱"},
	{"宿舍", "寝室"},
	{"食堂", "饭堂", "员工餐厅"},
	{"降雨", "下雨", "下大雨"},
	{"辱骂", "骂人", "谩骂", "说脏话"},
	{"挂断", "挂电话"},
	{"消毒", "灭菌"},
	{"重复使用", "再用", "重新使用", "二次使用"},
	{"擅自", "私自", "偷偷"},
	{"离岗", "脱岗", "离开岗位"},
	{"盖章", "用印", "盖公章"},
	{"斗殴", "打架"},
	{"醉酒", "喝醉"},
	{"哺乳", "喂奶"},
	{"睡岗", "打瞌睡", "上班睡觉"},
	// How people ask of what the rules of any service write: fares,
	// tickets, visitors, vehicles, weather, things lost and found.
	{"优惠", "便宜"},
	{"换乘", "转车", "转乘"},
	{"乘车", "坐车", "搭车"},
	{"次日", "第二天", "隔天", "第二日"},
	{"当日", "当天"},
	{"咨询", "询问", "打听"},
	{"取消", "撤销"},
	{"预约", "预订", "预定"},
	{"领取", "领用"},
	{"更换", "替换", "换新"},
	{"归还", "还回", "交还"},
	{"手机", "移动电话"},
	{"身份证", "身份证件"},
	{"电动自行车", "电动车", "电瓶车"},
	{"快递", "快件", "包裹"},
	{"保安", "安保人员", "门卫"},
	{"保洁员", "保洁", "清洁工"},
	{"受伤", "弄伤", "摔伤", "伤到"},
	{"急救", "抢救"},
	{"禁止", "不许", "不让"},
	{"前台", "服务台", "接待处"},
	{"仓库", "库房"},
	{"拍照", "拍摄", "照相"},
	{"充值", "充钱"},
	{"举报", "告发", "揭发"},
	{"门票", "入场券"},
	{"老年人", "老人"},
	{"残疾人", "残障人士"},
	{"怀孕", "怀上"},
	{"降雪", "下雪"},
	{"噪音", "噪声"},
	{"现金", "现钱"},
	{"被盗", "被偷", "失窃", "让人偷了", "被人偷了"},
	// Vehicles, as drivers say what manuals and warranties write.
	{"制动液", "刹车油"},
	{"制动", "刹车"},
	{"抛锚", "趴窝", "半路坏了"},
	{"机油滤清器", "机滤", "机油滤芯"},
	{"空气滤清器", "空滤", "空气滤芯"},
	{"空调滤清器", "空调滤芯"},
	{"外出", "出门"},
	{"陪同", "陪着"},
	{"监护人", "家长"},
	{"未成年人", "未成年"},
	{"车速", "时速"},
	{"超速", "开太快", "开快车"},
	{"清洁", "打扫", "搞卫生"},
	{"垃圾", "废弃物"},
	{"安全帽", "头盔"},
	{"失物", "丢的东西", "遗失物品"},
	{"联系方式", "电话号码", "联系电话"},
	{"公安机关", "报警", "报案"},
	{"外籍", "外国人", "老外"},
	{"残损人民币", "残缺人民币", "残币", "破钱"},
	{"独立上岗", "单独上岗", "自己上岗"},
	// Schools' stages as parents say them and rules write them by grade.
	{"七至九年级", "初中", "初中部", "七到九年级"},
	{"十至十二年级", "高中", "高中部"},
	// The night and what happens in it.
	{"夜间", "半夜", "深夜", "夜里"},
	{"紧急情况", "急事", "出事", "出了事"},
}

// towardFirst are groups whose words stand for the first but not for one
// another: a kind and its instances (国庆节 and 春节 are both 法定节假日,
// not each other), the general word and a case of it (辞职 is 离职; 离职 is
// not always 辞职).
var towardFirst = [][]string{
	{"法定节假日", "法定假日", "国庆节", "国庆", "春节", "元旦", "劳动节", "五一", "清明节", "端午节", "中秋节"},
	{"休息日", "周末"},
	// (a chain: a day of the weekend is 周末 — a table's 周末 column — and
	// so a 休息日; the group of the word a group stands for comes first)
	{"周末", "周六", "周日", "星期六", "星期日", "星期天", "礼拜六", "礼拜天", "礼拜日"},
	{"离职", "辞职", "走人", "不想干了", "不干了"},
	// Kin, as leave rules name them.
	{"父母", "爸爸", "妈妈", "父亲", "母亲", "爸妈"},
	{"子女", "孩子", "小孩", "儿子", "女儿"},
	{"祖父母", "爷爷", "奶奶", "祖父", "祖母"},
	{"外祖父母", "外公", "外婆", "姥姥", "姥爷", "外祖父", "外祖母"},
	{"兄弟姐妹", "哥哥", "姐姐", "弟弟", "妹妹"},
	{"配偶的父母", "岳父", "岳母", "公公", "婆婆", "丈人", "丈母娘"},
	{"业务招待", "请客户吃饭", "招待客户"},
	{"宠物", "小狗", "小猫", "宠物狗", "宠物猫"},
	{"社交媒体", "朋友圈", "微博", "脸书", "小红书", "微信群", "社交平台"},
	{"视频", "短视频", "抖音", "快手", "视频号"}, // (刷抖音 … 看视频, 浏览短视频)
	{"礼金", "红包", "份子钱"},
	{"争吵", "吵架", "吵起来", "拌嘴", "起争执"},
	{"库位", "货位", "储位"},
	{"不足", "不够"},
	{"影像资料", "片子", "x光片", "牙片", "ct片"},
	{"饮水", "喝水", "喝口水", "喝饮料"},
	{"饮酒", "喝酒", "喝啤酒", "喝白酒", "喝红酒", "喝黄酒", "喝洋酒"},
	// Speech for what a rule writes formally: the rule's word first.
	{"当年", "今年"},
	{"次年", "明年", "下一年"},
	{"上一年度", "去年"},
	{"登记结婚", "领证", "领结婚证", "扯证"},
	{"营业时间", "开门", "关门", "开门营业", "打烊"},
	{"转让", "转手", "转卖"},
	{"自费", "自己掏钱", "掏钱", "自己出钱"},
	{"工作", "干活"},
	{"夜间", "晚上"},
	{"烹饪", "做菜", "炒菜"},
	{"案件", "案子"},
	{"诉讼", "官司", "打官司"},
	{"盗抢", "被盗", "被偷", "失窃"},
	{"车辆", "车子"},
	{"房屋", "房子"},
	{"小时", "钟头"},
	{"星期", "礼拜"},
	{"过户", "卖给别人", "卖给了别人", "车卖了"},
}

// aliasOf maps each word, folded, to the words it may be written as.
var aliasOf = func() map[string][]string {
	m := map[string][]string{}
	fold := func(g []string) []string {
		out := make([]string, len(g))
		for i, w := range g {
			out[i] = string(Fold(w))
		}
		return out
	}
	for _, g := range aliasGroups {
		g = fold(g)
		for _, w := range g {
			for _, o := range g {
				if o != w {
					m[w] = append(m[w], o)
				}
			}
		}
	}
	for _, g := range towardFirst {
		// (a word keeps the words of its own group, if it has one: 饮酒
		// … 酒后, which speech's words for 饮酒 may be written as too;
		// 礼拜天 … 周日 as well as 休息日)
		g = fold(g)
		own := append([]string{}, m[g[0]]...)
		m[g[0]] = own
		for _, w := range g[1:] {
			m[w] = append(append([]string{g[0]}, own...), m[w]...)
		}
	}
	return m
}()

// aliasWords are the folded words of all groups, longest first: a text is
// read for the longest (上下班时间 before 上班时间).
var aliasWords = func() []string {
	var ws []string
	for w := range aliasOf {
		ws = append(ws, w)
	}
	sort.Slice(ws, func(i, j int) bool {
		if len(ws[i]) != len(ws[j]) {
			return len(ws[i]) > len(ws[j])
		}
		return ws[i] < ws[j]
	})
	return ws
}()

// Alias is a word a text holds (folded) and the words it may be written
// as.
type Alias struct {
	Word   string
	Others []string
}

// Aliases are the group words a folded text holds, each with the words it
// may be written as; a word inside a longer one found (休假 in 年休假) is
// not read again.
func Aliases(folded string) []Alias {
	var out []Alias
	taken := make([]bool, len(folded))
	free := func(i, n int) bool {
		for j := i; j < i+n; j++ {
			if taken[j] {
				return false
			}
		}
		return true
	}
	type found struct {
		w  string
		at int
	}
	var words []found
	for start := 0; start < len(aliasWords); {
		// Words alike in length are read leftmost first: 至少交 holds 至少,
		// not 少交.
		end := start
		for end < len(aliasWords) && len(aliasWords[end]) == len(aliasWords[start]) {
			end++
		}
		words = words[:0]
		for _, w := range aliasWords[start:end] {
			for at := 0; ; {
				i := IndexWord(folded[at:], w)
				if i < 0 {
					break
				}
				i += at
				at = i + len(w)
				if free(i, len(w)) {
					words = append(words, found{w, i})
					break
				}
			}
		}
		sort.SliceStable(words, func(a, b int) bool { return words[a].at < words[b].at })
		for _, f := range words {
			if !free(f.at, len(f.w)) {
				continue
			}
			for j := f.at; j < f.at+len(f.w); j++ {
				taken[j] = true
			}
			if others := aliasOf[f.w]; len(others) > 0 {
				out = append(out, Alias{f.w, others})
			}
		}
		start = end
	}
	return out
}

// Rewordings are the ways a word w (folded) holding a word of a group (吃
// 晚饭 holds 晚饭) may be written with another word of that group in its
// place (吃晚餐): a question's word a dictionary cut whole, whose part a
// document says in its own way. Nil when w holds none, or is one.
func Rewordings(w string) []string {
	if v, ok := rewordings.Load(w); ok {
		return v.([]string)
	}
	var out []string
	if aliasOf[w] == nil {
		for _, a := range aliasWords {
			if len(a) >= len(w) || !strings.Contains(w, a) {
				continue
			}
			for _, o := range aliasOf[a] {
				out = append(out, strings.Replace(w, a, o, 1))
			}
			break // the longest it holds
		}
	}
	rewordings.Store(w, out)
	return out
}

// rewordings caches Rewordings: questions ask with the same few words.
var rewordings sync.Map

// AliasesOf is the words w (folded) may be written as, nil for a word in
// no group. The slice is shared: read it, never change it.
func AliasesOf(w string) []string { return aliasOf[w] }

// IndexWord is strings.Index of w in text, where a w beginning or ending
// with a Latin letter, digit or underscore must not go on into another
// (ios is not found in bios, app not in apps or application, E201 not in
// E2010).
func IndexWord(text, w string) int {
	for at := 0; ; {
		i := strings.Index(text[at:], w)
		if i < 0 {
			return -1
		}
		i += at
		if !(alnumAt(w, 0) && i > 0 && alnumAt(text, i-1)) && !(alnumAt(w, len(w)-1) && i+len(w) < len(text) && alnumAt(text, i+len(w))) {
			return i
		}
		at = i + 1
	}
}

// alnumAt reports whether the byte at i of s is an ASCII letter, digit or
// underscore: a character of a Latin word or a code (session_timeout).
func alnumAt(s string, i int) bool {
	c := s[i]
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}
