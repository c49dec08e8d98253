#!/usr/bin/env python3
"""Generate eval/culture-blind/questions.tsv from the shared datasets.

Usage: python3 make.py [DATA_DIR]   (default ../../../shared/data relative to this file,
                                      i.e. /work/shared/data)
Needs the `opencc` command-line tool (Debian package `opencc`) for
traditional<->simplified conversion.
Deterministic: fixed seed, sorted inputs.
"""
import csv, json, os, random, re, subprocess, sys, collections

SEED = 20240607
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.normpath(os.path.join(HERE, '..', '..', '..', 'shared', 'data'))
OUT = os.path.join(HERE, 'questions.tsv')

COUNTS = [('meaning', 30), ('source', 25), ('next', 30), ('prev', 20), ('author', 30),
          ('dynasty', 15), ('title', 15), ('reverse', 35), ('xiehouyu', 25), ('pinyin', 15)]

# ---------------------------------------------------------------- opencc
def opencc_batch(strings, cfg):
    strings = list(strings)
    if not strings:
        return []
    for s in strings:
        assert '\n' not in s
    p = subprocess.run(['opencc', '-c', cfg], input='\n'.join(strings) + '\n',
                       capture_output=True, text=True, check=True)
    out = p.stdout.split('\n')
    out = out[:len(strings)]
    assert len(out) == len(strings), (len(out), len(strings))
    return out

_charmap = {}
def build_charmap(texts):
    chars = sorted(set(c for t in texts for c in t))
    for c, s in zip(chars, opencc_batch(chars, 't2s')):
        _charmap[c] = s if len(s) == 1 else c

def t2s_char(s):
    return ''.join(_charmap.get(c, c) for c in s)

CJK = re.compile(r'^[\u4e00-\u9fff]+$')
PUNCT = re.compile(r'[\s，。？！；：、,.?!;:“”‘’「」『』《》（）()\-—…·・～]')
def strip_punct(s):
    return PUNCT.sub('', s)

# ---------------------------------------------------------------- poems
def split_clauses(par):
    return [c for c in re.split(r'[，。？！；：]', par) if c.strip()]

def load_poems():
    pd = os.path.join(DATA, 'poetry', 'dist')
    poems = []
    t300 = json.load(open(os.path.join(pd, 'quantangshi', '唐诗三百首.json'), encoding='utf-8'))
    for p in t300:
        poems.append(dict(src='tang300', famous=True, kind='诗', author=p['author'], title=p['title'], pars=p['paragraphs']))
    for f in ('poet.tang.0.json', 'poet.tang.1000.json', 'poet.tang.2000.json'):
        for p in json.load(open(os.path.join(pd, 'quantangshi', f), encoding='utf-8')):
            poems.append(dict(src='tang', famous=False, kind='诗', author=p['author'], title=p['title'], pars=p['paragraphs']))
    for p in json.load(open(os.path.join(pd, 'songci', '宋词三百首.json'), encoding='utf-8')):
        poems.append(dict(src='ci300', famous=True, kind='词', author=p['author'], title=p['rhythmic'], pars=p['paragraphs']))
    for p in json.load(open(os.path.join(pd, 'shijing', 'shijing.json'), encoding='utf-8')):
        poems.append(dict(src='shijing', famous=False, kind='诗', author='', title=p['title'], pars=p['content']))
    tang_names = set(a['name'] for a in json.load(open(os.path.join(pd, 'quantangshi', 'authors.tang.json'), encoding='utf-8')))
    song_names = set(a['name'] for a in json.load(open(os.path.join(pd, 'songci', 'author.song.json'), encoding='utf-8')))
    return poems, tang_names, song_names

# ---------------------------------------------------------------- famous lists (hand-picked, common knowledge)
FAMOUS_IDIOMS = """守株待兔 画龙点睛 叶公好龙 洛阳纸贵 画蛇添足 亡羊补牢 刻舟求剑 掩耳盗铃 对牛弹琴 井底之蛙 杯弓蛇影
卧薪尝胆 破釜沉舟 纸上谈兵 指鹿为马 完璧归赵 负荆请罪 三顾茅庐 望梅止渴 胸有成竹 一鼓作气 四面楚歌 背水一战
围魏救赵 滥竽充数 自相矛盾 拔苗助长 揠苗助长 愚公移山 精卫填海 夸父逐日 塞翁失马 狐假虎威 鹬蚌相争 朝三暮四
黔驴技穷 邯郸学步 南辕北辙 杞人忧天 买椟还珠 郑人买履 画饼充饥 望洋兴叹 一叶障目 一箭双雕 百步穿杨 入木三分
程门立雪 闻鸡起舞 凿壁偷光 悬梁刺股 囊萤映雪 铁杵成针 孟母三迁 老马识途 唇亡齿寒 退避三舍 一鸣惊人 三人成虎
毛遂自荐 脱颖而出 鸡鸣狗盗 指桑骂槐 班门弄斧 东施效颦 口蜜腹剑 笑里藏刀 按图索骥 水滴石穿 千钧一发 风声鹤唳
草木皆兵 投笔从戎 乐不思蜀 七步之才 江郎才尽 名落孙山 一诺千金 金玉其外 青出于蓝 温故知新 不耻下问 举一反三
学而不厌 诲人不倦 因材施教 见贤思齐 欲速不达 名正言顺 杀鸡取卵 守口如瓶 一丝不苟 半途而废 持之以恒 锲而不舍
莫名其妙 津津有味 兴高采烈 手舞足蹈 垂头丧气 心花怒放 目不转睛 全神贯注 专心致志 聚精会神 三心二意 不可思议
恍然大悟 迫不及待 小心翼翼 跃跃欲试 各抒己见 众志成城 同舟共济 雪中送炭 锦上添花 对症下药 病入膏肓 讳疾忌医
虎头蛇尾 开门见山 一针见血 天衣无缝 巧夺天工 栩栩如生 惟妙惟肖 炉火纯青 出类拔萃 鹤立鸡群 独占鳌头 名列前茅
一帆风顺 马到成功 一见钟情 破镜重圆 相敬如宾 举案齐眉 青梅竹马 两小无猜 海枯石烂 刻骨铭心 望穿秋水 一日三秋
白驹过隙 光阴似箭 日月如梭 沧海桑田 物是人非 饮水思源 知恩图报 结草衔环 过河拆桥 卸磨杀驴 忘恩负义 以德报怨
落井下石 趁火打劫 浑水摸鱼 隔岸观火 借刀杀人 暗度陈仓 声东击西 调虎离山 欲擒故纵 抛砖引玉 釜底抽薪 金蝉脱壳
远交近攻 李代桃僵 顺手牵羊 打草惊蛇 反客为主 望子成龙 掌上明珠 耳濡目染 未雨绸缪 居安思危 防微杜渐 见微知著
一叶知秋 管中窥豹 盲人摸象 坐井观天 夜郎自大 自以为是 刚愎自用 虚怀若谷 海纳百川 自强不息 笨鸟先飞 熟能生巧
门可罗雀 门庭若市 车水马龙 人山人海 络绎不绝 座无虚席 万人空巷 空前绝后 独一无二 举世无双 无与伦比 登峰造极
一石二鸟 一举两得 事半功倍 事倍功半 得不偿失 因小失大 舍本逐末 本末倒置 喧宾夺主 鸠占鹊巢 狼狈为奸 同流合污
近水楼台 唯利是图 见利忘义 利令智昏 鼠目寸光 目光如豆 高瞻远瞩 深谋远虑 足智多谋 料事如神 神机妙算 运筹帷幄
决胜千里 势如破竹 所向披靡 百战百胜 战无不胜 攻无不克 固若金汤 坚不可摧 铜墙铁壁 一败涂地 溃不成军 丢盔弃甲
望风而逃 闻风丧胆 惊弓之鸟 心有余悸 谈虎色变 胆小如鼠 胆大包天 有恃无恐 肆无忌惮 为所欲为 无法无天 胡作非为
""".split()

FAMOUS_XIEHOUYU = """外甥打灯笼 哑巴吃黄连 泥菩萨过河 黄鼠狼给鸡拜年 竹篮打水 司马昭之心 孔夫子搬家 丈二和尚 芝麻开花 擀面杖吹火
肉包子打狗 猪八戒照镜子 和尚打伞 周瑜打黄盖 八仙过海 老鼠过街 狗拿耗子 十五个吊桶打水 小葱拌豆腐 千里送鹅毛
姜太公钓鱼 秀才遇到兵 鸡蛋碰石头 打破砂锅 王婆卖瓜 刘备借荆州 飞蛾扑火 兔子尾巴 瞎子点灯 癞蛤蟆想吃天鹅肉
猫哭耗子 热锅上的蚂蚁 骑驴看唱本 茶壶里煮饺子 脱裤子放屁 高射炮打蚊子 秃子头上的虱子 门缝里看人 狗咬吕洞宾
张飞穿针 关公面前耍大刀 鲁班门前弄大斧 小和尚念经 水仙不开花 鸭子煮熟了 聋子的耳朵 大水冲了龙王庙
三个臭皮匠 阎王爷贴告示 黄连树下弹琴 蚂蚁搬家 老虎屁股 马尾穿豆腐 孙悟空七十二变 猪八戒吃人参果 老太太上鸡窝
哑巴吃饺子 电线杆上绑鸡毛 铁公鸡 半天云里挂口袋 墙头草 四两拨千斤 快刀斩乱麻 狗撵鸭子 箭在弦上 船到桥头
虎落平阳 落水狗 新官上任 纸包不住火 空棺材出殡 隔着门缝吹喇叭 砂锅捣蒜 老鼠掉进米缸 猴子捞月亮 搬起石头打自己的脚
""".split()

# Data entries with an obvious typo: skipped (question side) or also accepting
# the corrected form (answer side).
SKIP_XHY = {'崇桢皇帝上吊', '屑电棒的光'}
SKIP_MEANING = {'有福同享'}  # explanation 幸福来共同分离 is garbled
ANSWER_FIX = {'顾此失披': '顾此失彼', '常娥': '嫦娥'}
SKIP_POETS = {'武则天'}   # 武周: dynasty answer 唐 is debatable

# Paraphrases (written by hand, in everyday words) for the `reverse` kind.
# Keys are idioms; the generator fails if a picked idiom has none.
PARAPHRASE = {
    '画蛇添足': ('做了完全没必要的多余动作，结果反而把事情弄糟了', ['多此一举']),
    '夸父逐日': ('神话里一个巨人追着太阳跑，用来比喻志向特别大，有时也说人太不自量力', []),
    '远交近攻': ('跟远方的搞好关系，拿身边近处的开刀', []),
    '举案齐眉': ('夫妻之间特别客气、互相敬重，端饭都要举得跟眉毛一样高', ['相敬如宾']),
    '海枯石烂': ('哪怕大海干了、石头烂了，心意也永远不会变', []),
    '熟能生巧': ('一件事干得多了、熟练了，自然就摸到了窍门', []),
    '独一无二': ('只有这么一个，找不到能跟它相比的', ['举世无双', '绝无仅有', '无与伦比']),
    '持之以恒': ('有恒心，一直长久地坚持下去', ['坚持不懈', '锲而不舍']),
    '登峰造极': ('学问或本事达到了最顶尖的高度，没法再高了', ['炉火纯青']),
    '炉火纯青': ('功夫练得纯熟完美，就像道士炼丹炼到火苗发青那样', ['登峰造极']),
    '破镜重圆': ('夫妻分开或者离散以后，又重新走到一起团聚', []),
    '叶公好龙': ('嘴上总说很喜欢某样东西，真碰上了却害怕，其实并不是真喜欢', []),
    '抛砖引玉': ('先拿出自己粗浅不成熟的看法，好引出别人更高明的意见', []),
    '一败涂地': ('输得彻彻底底，惨到没法收拾的地步', []),
    '声东击西': ('假装要打这一边，实际去打另一边，让对方判断失误', []),
    '铜墙铁壁': ('防守极其牢固，怎么打都攻不破', ['固若金汤', '坚不可摧']),
    '落井下石': ('别人遭了难不但不拉一把，还趁机再害他一下', ['投井下石', '乘人之危']),
    '三人成虎': ('假话说的人一多，大家就把谣言当成真事了', ['众口铄金', '曾参杀人']),
    '上窜下跳': ('坏人到处奔走、上上下下四处活动', []),
    '登山小鲁': ('登上高山往下看鲁国都变小了，比喻学问高了眼界也跟着开阔', []),
    '星火燎原': ('新生的东西刚开始力量很小，但生命力很强，将来能发展得很壮大', []),
    '乌七八糟': ('特别乱，乱成一团，一点条理都没有', ['乱七八糟', '杂乱无章']),
    '可歌可泣': ('英勇悲壮的事迹，值得赞颂，让人感动得掉眼泪', []),
    '春秋鼎盛': ('正处在身强力壮的壮年时期', []),
    '倒悬之危': ('就像人被倒挂起来一样，处境极其艰难', ['倒悬之急']),
    '百家争鸣': ('各种学派、各种观点的人自由地争论、互相批评', []),
    '琪花瑶草': ('仙境里那种像美玉一样晶莹好看的花花草草', []),
    '仓皇失措': ('匆匆忙忙、慌里慌张，不知道该怎么办', ['惊慌失措', '张皇失措', '手足无措']),
    '人杰地灵': ('出过杰出人物的地方，也跟着成了有名的好地方', []),
    '呵佛骂祖': ('不受前人的条条框框束缚，没什么顾虑，敢想敢干', []),
    '胸怀大志': ('心里装着远大的志向', []),
    '冠绝一时': ('在某个时期里比同辈人都强，排第一', ['独步一时', '首屈一指']),
    '斗转参横': ('北斗星转了方向、参星横过来，也就是天快亮的时候', ['参横斗转']),
    '气味相投': ('两个人性格志趣相近，特别合得来', ['意气相投', '臭味相投', '志同道合', '情投意合']),
    '一塌刮子': ('全部加在一起，统统算上（方言说法）', ['一股脑儿']),
}

# ---------------------------------------------------------------- phrasing
# (no ASCII '"': a TSV reader that honours CSV quoting would choke on it)
QUOTES = [('「', '」'), ('“', '”'), ('', ''), ('', ''), ('‘', '’')]
END_Q = ['？', '?', '', '', '？', '呀？', '呢？', '呢', '啊', '哈']

def q(rng, s, book=False):
    if book and rng.random() < 0.6:
        return '《' + s + '》'
    a, b = rng.choice(QUOTES)
    return a + s + b

def end(rng):
    return rng.choice(END_Q)

T = {}
T['meaning'] = [
    '{e}是什么意思{end}', '{e}啥意思', '「{e}」这个成语怎么解释{end}', '我孩子作业里有个成语叫{e}，是什么意思呀',
    '请问成语{e}的意思是什么？', '{e} 释义', '{e}是啥意思啊', '麻烦解释一下{e}这个词', '成语{e}的含义是什么{end}',
    '{e}这个成语指的是什么{end}', '今天开会领导说了句{e}，没听懂，啥意思', '问一下{e}什么意思', '{e}的意思',
    '看书看到{e}，这个词怎么理解{end}', '解释一下成语{e}',
]
T['source'] = [
    '{e}出自哪里{end}', '{e}的出处是什么{end}', '{e}这个成语出自哪本书{end}', '请问{e}的典故出自哪里？',
    '{e} 出处', '{e}最早见于哪部典籍{end}', '{e}这个词是从哪来的', '成语{e}出自什么书呀', '{e}的来源是什么{end}',
    '想知道{e}的出处', '麻烦问一下，{e}出自哪部古书？', '{e}典故', '{e}是哪本书里的成语{end}', '谁知道{e}出自哪儿',
]
T['next'] = [
    '{e}的下一句是什么{end}', '{e}下一句是啥', '{e}，下一句', '今天看到一句诗{e}，后面接的是什么来着',
    '请问{e}的下句是？', '{e} 下一句', '{e}后面一句是什么呀', '麻烦问一下，{e}的下一句怎么接？',
    '孩子背诗卡住了：{e}，然后呢', '接下句：{e}', '{e}后面是什么{end}', '{e}，后半句是啥来着', '{e}的下半句',
    '{e}……下面一句是什么{end}',
]
T['prev'] = [
    '{e}的上一句是什么{end}', '{e} 上一句', '{e}前面一句是啥', '请问{e}的上句是什么？', '{e}的上句怎么说来着',
    '哪句诗后面接着{e}{end}', '{e}，前一句是什么呀', '麻烦问下{e}上一句', '___，{e}。前半句是什么', '{e}之前那句是啥',
    '记得有句{e}，它前面那句忘了', '{e}上句',
]
T['author_line'] = [
    '{e}是谁写的{end}', '谁写的{e}', '{e} 作者', '请问{e}这句{kind}的作者是谁？', '{e}这句出自哪位{poet}{end}',
    '{e}是哪个{poet}的{kind}{end}', '今天看到一句{e}，作者是谁啊', '{e}，谁写的来着', '麻烦问一下{e}是谁的作品',
    '{e}的作者',
]
T['author_title'] = [
    '{e}的作者是谁{end}', '{e}是谁写的来着', '谁写了{e}{end}', '麻烦问一下{e}作者是哪位', '我在读{e}，这首{kind}是谁的作品呀',
    '{e} 作者', '{e}这首{kind}的作者', '请问{e}是哪位{poet}写的？', '{e}谁写的',
]
T['dynasty_poet'] = [
    '{e}是哪个朝代的{end}', '{e}是什么朝代的{poet}{end}', '请问{e}是哪朝人？', '{e}生活在哪个朝代呀', '{e} 朝代',
    '{poet}{e}是哪个时代的人{end}', '{e}是哪个朝代的{poet}啊', '问下{e}是哪一朝的', '{e}属于哪个朝代',
]
T['dynasty_poem'] = [
    '{e}的作者是哪个朝代的{end}', '写{e}的那个{poet}是哪个朝代的', '{e}是哪个朝代的{kind}{end}', '请问{e}是哪个朝代写的？',
    '{e}这首{kind}是什么朝代的', '{e} 朝代',
]
T['title'] = [
    '{e}出自哪首{kind}{end}', '{e}是哪首{kind}里的', '请问{e}这句{kind}的题目是什么？', '{e} 出自', '{e}这句{kind}的题目叫什么呀',
    '看到一句{e}，想知道是哪首{kind}', '{e}这句出自哪一篇{end}', '{e}是什么{kind}里的句子', '麻烦问一下{e}出自哪首{kind}',
    '{e}，这是哪首{kind}来着',
]
T['reverse'] = [
    '形容{d}的成语是什么{end}', '有没有一个成语是说{d}的', '{d}，用哪个成语形容{end}', '{d}是哪个成语', '请问{d}可以用什么成语？',
    '什么成语的意思是{d}{end}', '我想找一个成语，意思是{d}', '{d}，四个字的成语', '{d}用成语怎么说', '表示{d}的成语',
    '写作文要用：{d}，这个成语叫啥来着', '求一个成语：{d}',
]
T['xiehouyu'] = [
    '{e}的下一句是什么{end}', '{e}——后半句是啥', '歇后语：{e}，后面是什么', '请问歇后语{e}的下半句？', '{e}——？',
    '{e}后面接什么{end}', '{e} 歇后语', '孩子问我{e}的下一句，是啥来着', '歇后语{e}的后半句', '{e}，猜后半句',
    '{e}——下一句{end}', '麻烦问下，{e}这个歇后语怎么接',
]
T['pinyin'] = [
    '{e}怎么读{end}', '{e}咋读', '{e}的拼音是什么{end}', '「{e}」怎么念', '请问成语{e}的读音？', '{e} 拼音',
    '{e}这几个字怎么读啊，有的字不认识', '{e}的正确读音是什么', '麻烦给下{e}的拼音', '{e}读音', '{e}这个成语怎么念{end}',
]

def fill(rng, tpl, **kw):
    kw.setdefault('end', end(rng))
    return tpl.format(**kw)

# ---------------------------------------------------------------- main
def main():
    rng = random.Random(SEED)
    rows = []  # (kind, question, [answers])

    # ---------- idioms
    idioms = list(csv.reader(open(os.path.join(DATA, 'idioms', 'chinese-idioms-12976.txt'), encoding='utf-8')))
    cnt = collections.Counter(r[1] for r in idioms)
    I = {r[1]: r for r in idioms if cnt[r[1]] == 1}
    famous_id = [w for w in dict.fromkeys(FAMOUS_IDIOMS) if w in I]
    others_id = sorted(w for w in I if w not in set(famous_id) and len(w) == 4)
    all_expl = [r[3] for r in idioms]
    used_idioms = set()

    def pick(pool_f, pool_o, n, ok):
        """half well-known (rounded up), half obscure; ok(entity) -> result or None"""
        out = []
        nf = (n + 1) // 2
        for pool, want in ((pool_f, nf), (pool_o, n - nf)):
            pool = list(pool)
            rng.shuffle(pool)
            got = 0
            for e in pool:
                if got == want:
                    break
                res = ok(e)
                if res is not None:
                    out.append((e, res))
                    got += 1
            assert got == want, ('pool exhausted', want, got)
        return out

    def meaning_piece(w):
        r = I[w]
        ex = r[3]
        if not ex or re.match(r'^(同|见|犹|亦作|也作)', ex) or '～' in ex or '①' in ex:
            return None
        sents = [s for s in re.split(r'[。]', ex) if s]
        # drop glosses like "党：结成团伙；豺：……"
        sents = [s for s in sents if '：' not in s and ':' not in s] or []
        clauses = [c for s in sents for c in re.split(r'[，；、,;]', s) if c]
        cands = [c for c in clauses if 6 <= len(c) <= 12 and CJK.match(c) and w not in c
                 and not re.match(r'^(而|亦|也|又|或|用在|意思是|后|原)', c)]
        if not cands:
            longs = [c for c in clauses if len(c) > 12 and CJK.match(c)]
            if not longs:
                return None
            cands = [max(longs, key=len)[:12]]
        cands.sort(key=lambda c: (not re.match(r'^(比喻|形容|指)', c), -len(c), c))
        for c in cands:
            if sum(1 for e in all_expl if c in e) == 1:
                return c
        return None

    for w, piece in pick(famous_id, others_id, 30, lambda w: None if w in used_idioms or w in SKIP_MEANING else meaning_piece(w)):
        used_idioms.add(w)
        rows.append(('meaning', T['meaning'], dict(e=w), [piece]))

    def source_ans(w):
        if w in used_idioms:
            return None
        src = I[w][4]
        books = re.findall(r'《([^》]+)》', src)
        if len(set(b.split('·')[0] for b in books)) != 1:
            return None
        book = books[0].split('·')[0].split('・')[0]
        if len(book) < 2 or not CJK.match(book):
            return None
        ans = [book]
        m = re.match(r'^[\u4e00-\u9fff]{1,2}·([\u4e00-\u9fff]{2,4})《', src)
        if m and m.group(1) not in ('无名氏', '佚名'):
            ans.append(m.group(1))
        quote = re.findall(r'“([^”]+)”', src)
        if quote:
            cls = [c for c in re.split(r'[，。？！；：、‘’]', quote[0]) if 6 <= len(c) <= 12 and CJK.match(c) and w not in c]
            if cls:
                cls.sort(key=lambda c: (-len(set(c) & set(w)), -len(c)))
                if len(set(cls[0]) & set(w)) >= 2:
                    ans.append(cls[0])
        return ans

    for w, ans in pick(famous_id, others_id, 25, source_ans):
        used_idioms.add(w)
        rows.append(('source', T['source'], dict(e=w), ans))

    readings = collections.defaultdict(collections.Counter)
    for r in idioms:
        s = r[2].split()
        if len(s) == len(r[1]):
            for ch, py in zip(r[1], s):
                readings[ch][py] += 1
    PY = re.compile(r'^[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ ]+$')
    def pinyin_ans(w):
        if w in used_idioms:
            return None
        p = I[w][2]
        if not PY.match(p) or len(p.split()) != len(w):
            return None
        # guard against typos in the dictionary (e.g. 添砖加瓦 read jiē): every
        # syllable must be the reading of that character in >= 2 other idioms
        if any(readings[ch][py] < 3 for ch, py in zip(w, p.split())):
            return None
        return [p] + ([' '.join(p.split())] if ' '.join(p.split()) != p else [])

    for w, ans in pick(famous_id, others_id, 15, pinyin_ans):
        used_idioms.add(w)
        rows.append(('pinyin', T['pinyin'], dict(e=w), ans))

    def reverse_ok(w):
        if w in used_idioms or len(w) != 4:
            return None
        ex = I[w][3]
        if not ex or re.match(r'^(同|见|犹|亦作|也作)', ex) or '①' in ex:
            return None
        return True

    rev = pick(famous_id, others_id, 35, reverse_ok)
    missing = [w for w, _ in rev if w not in PARAPHRASE]
    if missing:
        for w in missing:
            print('NEED PARAPHRASE', w, I[w][3], file=sys.stderr)
        sys.exit(2)
    for w, _ in rev:
        used_idioms.add(w)
        core = re.sub(r'^.*。(?=.)', '', I[w][3].rstrip('。'))  # last sentence of the explanation
        text, extra = PARAPHRASE[w]
        alts = [w] + sorted(o for o, r in I.items() if o != w and len(o) == 4 and
                            (r[3] == I[w][3] or r[3] in ('同“%s”。' % w, '同“%s”' % w)))
        alts += [o for o in extra if o in I and o not in alts]
        rows.append(('reverse', T['reverse'], dict(d=text), alts))

    # ---------- xiehouyu
    xs = json.load(open(os.path.join(DATA, 'xinhua', 'xiehouyu.json'), encoding='utf-8'))
    def clean_riddle(r):
        return re.sub(r'（[^）]*）|\([^)]*\)', '', r).strip()
    byr = collections.defaultdict(set)
    for e in xs:
        byr[strip_punct(clean_riddle(e['riddle']))].add(e['answer'])
    X = {}
    for e in xs:
        k = clean_riddle(e['riddle'])
        if len(byr[strip_punct(k)]) == 1 and CJK.match(strip_punct(k) or 'x'):
            X[k] = e['answer']
    for r in list(X):
        if r in SKIP_XHY or '屑' in r:   # '屑' is a recurring OCR slip for '属' in this file
            X.pop(r, None)
    fam_x = [r for r in dict.fromkeys(FAMOUS_XIEHOUYU) if r in X]
    oth_x = sorted(r for r in X if r not in set(fam_x) and 4 <= len(r) <= 10)
    def xhy_ans(r):
        out = []
        for part in X[r].split('；'):
            a = strip_punct(re.sub(r'（[^）]*）|\([^)]*\)', '', part))
            b = strip_punct(re.sub(r'（([^）]{1,2})）', r'\1', re.sub(r'（[^）]{3,}）', '', part)))
            for v in (a, b):
                if len(v) >= 2 and v not in out and v not in strip_punct(r):
                    out.append(v)
        out += [ANSWER_FIX[v] for v in out if v in ANSWER_FIX]
        return out or None
    for r, ans in pick(fam_x, oth_x, 25, xhy_ans):
        rows.append(('xiehouyu', T['xiehouyu'], dict(e=r), ans))

    # ---------- poems
    poems, tang_names, song_names = load_poems()
    alltext = [p['author'] + p['title'] + ''.join(p['pars']) for p in poems] + list(tang_names) + list(song_names)
    build_charmap(alltext)
    # phrase-level simplified text (for display) ; char-level for keys
    disp_in = []
    for p in poems:
        disp_in += [p['author'], p['title']] + list(p['pars'])
    disp_out = iter(opencc_batch(disp_in, 't2s'))
    for p in poems:
        p['author_s'] = next(disp_out)
        p['title_s'] = next(disp_out)
        p['pars_s'] = [next(disp_out) for _ in p['pars']]
        p['clauses'] = []   # (display, key, paragraph index)
        for i, par in enumerate(p['pars_s']):
            for c in split_clauses(par):
                c = c.strip()
                p['clauses'].append((c, strip_punct(t2s_char(c)), i))
    occ = collections.defaultdict(list)  # key -> [(poem idx, clause idx)]
    for pi, p in enumerate(poems):
        for ci, (_, k, _) in enumerate(p['clauses']):
            occ[k].append((pi, ci))

    def variants(disp):
        a = strip_punct(disp)
        b = strip_punct(t2s_char(disp))
        return [a] if a == b else [a, b]

    def gb(s):
        try:
            s.encode('gb2312')
            return True
        except UnicodeEncodeError:
            return False

    def good_line(c, src):
        return CJK.match(c) and gb(c) and (len(c) >= (4 if src == 'shijing' else 5)) and len(c) <= 9

    BAD_AUTH = re.compile(r'不詳|不详|無名氏|无名氏|皇帝|皇后|昭容|太子|公主|^僧|^$')
    def author_ok(p):
        a = p['author_s']
        return (p['src'] != 'shijing' and not BAD_AUTH.search(p['author']) and 2 <= len(a) <= 4 and CJK.match(a)
                and gb(a) and a not in SKIP_POETS)

    # candidates: (poem idx, clause idx) for "next" (clause followed by one in same paragraph)
    def next_of(pi, ci):
        cl = poems[pi]['clauses']
        if ci + 1 < len(cl) and cl[ci + 1][2] == cl[ci][2]:
            return cl[ci + 1]
        return None
    def prev_of(pi, ci):
        cl = poems[pi]['clauses']
        if ci > 0 and cl[ci - 1][2] == cl[ci][2]:
            return cl[ci - 1]
        return None

    used_lines = set()
    used_poems = set()
    all_keys = [k for k in occ if len(k) >= 4]
    def overlaps(k):
        # another, different line that contains this one or is contained in it
        return any(k2 != k and (k2 in k or k in k2) for k2 in all_keys)
    def poem_key(p):
        return strip_punct(t2s_char(''.join(p['pars'])))[:20]

    def line_ok(pi, ci, rel):
        p = poems[pi]
        disp, k, _ = p['clauses'][ci]
        if k in used_lines or poem_key(p) in used_poems or not good_line(disp, p['src']) or overlaps(k):
            return None
        o = rel(pi, ci)
        if o is None or not good_line(o[0], p['src']):
            return None
        # every occurrence of this line must have the same neighbour
        for (pj, cj) in occ[k]:
            o2 = rel(pj, cj)
            if o2 is None or o2[1] != o[1]:
                return None
        return o

    famous_lines = [(pi, ci) for pi, p in enumerate(poems) if p['famous'] for ci in range(len(p['clauses']))]
    obscure_lines = [(pi, ci) for pi, p in enumerate(poems) if not p['famous'] for ci in range(len(p['clauses']))]

    def take_line(kind, n, rel, tpl):
        def ok(e):
            pi, ci = e
            return line_ok(pi, ci, rel)
        for (pi, ci), o in pick(famous_lines, obscure_lines, n, ok):
            p = poems[pi]
            used_lines.add(p['clauses'][ci][1]); used_poems.add(poem_key(p))
            rows.append((kind, tpl, dict(e=p['clauses'][ci][0], kind=p['kind']), variants(o[0])))
    take_line('next', 30, next_of, T['next'])
    take_line('prev', 20, prev_of, T['prev'])

    # title -> authors map (char-level keys)
    title_auth = collections.defaultdict(set)
    for p in poems:
        title_auth[strip_punct(t2s_char(p['title']))].add(strip_punct(t2s_char(p['author'])))

    def title_good(p):
        t = p['title_s']
        return CJK.match(t) and gb(t) and (2 if p['src'] == 'shijing' else 3) <= len(t) <= 10

    def line_poem_ok(pi, ci, need_author=False, need_title=False):
        p = poems[pi]
        disp, k, _ = p['clauses'][ci]
        if k in used_lines or poem_key(p) in used_poems or not good_line(disp, p['src']) or len(disp) < 5 or overlaps(k):
            return None
        auths = set(strip_punct(t2s_char(poems[pj]['author'])) for pj, _ in occ[k])
        titles = set(strip_punct(t2s_char(poems[pj]['title'])) for pj, _ in occ[k])
        if need_author and (len(auths) != 1 or not author_ok(p)):
            return None
        if need_title and (len(titles) != 1 or not title_good(p)):
            return None
        return True

    # author: 18 by line, 12 by title
    def author_by_title_ok(e):
        pi, ci = e
        p = poems[pi]
        if ci != 0 or poem_key(p) in used_poems or p['kind'] != '诗' or not author_ok(p) or not title_good(p):
            return None
        if len(title_auth[strip_punct(t2s_char(p['title']))]) != 1:
            return None
        return True
    for (pi, ci), _ in pick(famous_lines, obscure_lines, 18, lambda e: line_poem_ok(e[0], e[1], need_author=True)):
        p = poems[pi]
        used_lines.add(p['clauses'][ci][1]); used_poems.add(poem_key(p))
        e = p['clauses'][ci][0]
        nx = next_of(pi, ci)
        if nx and rng.random() < 0.3:
            e = e + '，' + nx[0]
        rows.append(('author', T['author_line'], dict(e=e, kind=p['kind'], poet='诗人' if p['kind'] == '诗' else '词人'), variants(p['author_s'])))
    for (pi, ci), _ in pick(famous_lines, obscure_lines, 12, author_by_title_ok):
        p = poems[pi]
        used_poems.add(poem_key(p))
        rows.append(('author', T['author_title'], dict(e=p['title_s'], kind='诗', poet='诗人', book=True), variants(p['author_s'])))

    # title: 15 by line
    for (pi, ci), _ in pick(famous_lines, obscure_lines, 15, lambda e: line_poem_ok(e[0], e[1], need_title=True)):
        p = poems[pi]
        used_lines.add(p['clauses'][ci][1]); used_poems.add(poem_key(p))
        title = p['title_s']
        ans = variants(title)
        ans += [ANSWER_FIX[a] for a in ans if a in ANSWER_FIX]
        if p['kind'] == '词':
            ans = [a for t in re.split('[・·]', title) for a in variants(t)]
        kind = p['kind']
        rows.append(('title', T['title'], dict(e=p['clauses'][ci][0], kind=kind), ans))

    # dynasty: 10 by poet, 5 by poem title
    tang_s = set(strip_punct(t2s_char(n)) for n in tang_names)
    song_s = set(strip_punct(t2s_char(n)) for n in song_names)
    DYN = {'唐': ['唐', '唐代', '唐朝'], '宋': ['宋', '宋代', '宋朝']}
    def dyn_of(p):
        a = strip_punct(t2s_char(p['author']))
        if not author_ok(p):
            return None
        if p['src'] in ('tang300', 'tang') and a not in song_s:
            return '唐'
        if p['src'] == 'ci300' and a in song_s and a not in tang_s:
            return '宋'
        return None
    poets_f = sorted(set((poems[pi]['author_s'], dyn_of(poems[pi]), poems[pi]['kind']) for pi, ci in famous_lines if ci == 0 and dyn_of(poems[pi])))
    poets_o = sorted(set((poems[pi]['author_s'], dyn_of(poems[pi]), poems[pi]['kind']) for pi, ci in obscure_lines if ci == 0 and dyn_of(poems[pi])))
    poets_o = [x for x in poets_o if x[0] not in set(y[0] for y in poets_f)]
    for (a, d, kind), _ in pick(poets_f, poets_o, 10, lambda x: True):
        rows.append(('dynasty', T['dynasty_poet'], dict(e=a, poet='诗人' if kind == '诗' else '词人'), DYN[d]))
    def dyn_poem_ok(e):
        pi, ci = e
        p = poems[pi]
        if ci != 0 or poem_key(p) in used_poems or p['kind'] != '诗' or not title_good(p) or not dyn_of(p):
            return None
        if len(title_auth[strip_punct(t2s_char(p['title']))]) != 1:
            return None
        return True
    for (pi, ci), _ in pick(famous_lines, obscure_lines, 5, dyn_poem_ok):
        p = poems[pi]
        used_poems.add(poem_key(p))
        rows.append(('dynasty', T['dynasty_poem'], dict(e=p['title_s'], kind='诗', poet='诗人', book=True), DYN[dyn_of(p)]))

    # ---------- render
    out = []
    decks = {}
    used_tpl = collections.defaultdict(set)
    for kind, tpls, kw, ans in rows:
        kw = dict(kw)
        book = kw.pop('book', False)
        # deal templates from a shuffled deck so that every phrasing is used
        # before any repeats
        key = id(tpls)
        if not decks.get(key):
            decks[key] = list(tpls)
            rng.shuffle(decks[key])
        tpl = decks[key].pop()
        used_tpl[kind].add(tpl)
        if 'e' in kw and '「{e}」' not in tpl:
            kw['e'] = q(rng, kw['e'], book=book)
        if 'poet' not in kw:
            kw['poet'] = '诗人'
        if 'kind' not in kw:
            kw['kind'] = '诗'
        question = fill(rng, tpl, **kw).replace('的的', '的')
        out.append([kind, question, ans])

    # ~1 in 6 questions in traditional characters, stratified per kind
    byk = collections.defaultdict(list)
    for i, r in enumerate(out):
        byk[r[0]].append(i)
    total = sum(n for _, n in COUNTS)
    want = {k: n * 40 // total for k, n in COUNTS}
    rest = sorted(COUNTS, key=lambda kn: (-(kn[1] * 40 % total), kn[0]))
    for k, _ in rest[:40 - sum(want.values())]:
        want[k] += 1
    trad = []
    for k, _ in COUNTS:
        trad += rng.sample(byk[k], want[k])
    trad.sort()
    conv = opencc_batch([out[i][1] for i in trad], 's2t')
    for i, s in zip(trad, conv):
        out[i][1] = s

    for k, _ in COUNTS:
        assert len(used_tpl[k]) >= 8, (k, len(used_tpl[k]))
    # sanity: counts, no answer leaked in the question, no tabs
    c = collections.Counter(r[0] for r in out)
    assert dict(c) == dict(COUNTS), c
    for kind, question, ans in out:
        nq = strip_punct(t2s_char(question))
        assert '"' not in question and '\t' not in question
        for a in ans:
            assert '|' not in a and '\t' not in a and a
            if kind != 'pinyin':
                assert strip_punct(a) not in nq, (question, a)
    order = {k: i for i, (k, _) in enumerate(COUNTS)}
    out.sort(key=lambda r: order[r[0]])  # stable: keeps generation order within a kind
    with open(OUT, 'w', encoding='utf-8', newline='') as f:
        f.write('kind\tquestion\tanswer\n')
        for kind, question, ans in out:
            f.write('%s\t%s\t%s\n' % (kind, question, '|'.join(ans)))
    print('wrote', OUT, dict(c), 'traditional:', len(trad))

if __name__ == '__main__':
    main()
