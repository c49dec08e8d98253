#!/usr/bin/env python3
"""Writes questions.tsv: culture questions over ../shared/data, in varied
phrasings, with the expected answers taken from the data files themselves
(never from wenda's output). Run from the repository root:

    python3 cmd/wenda/testdata/culture/make_questions.py ../shared/data > cmd/wenda/testdata/culture/questions.tsv

    python3 cmd/wenda/testdata/culture/make_questions.py ../shared/data phrasings > cmd/wenda/testdata/culture/phrasings.tsv

The second set is a check on phrasing: other items (another seed), other
templates — casual, polite, with particles and quotes, tone-number pinyin —
and two more kinds (a poem's whole text, its first line). Its templates were
written after the first set's results, so it is not a blind set either.

Columns: kind, question, expected answer (alternatives separated by |).
Traditional-character variants come from OpenCC (python3-opencc) when it is
installed, else from a small built-in table.
"""
import csv, json, os, random, re, sys, collections

data = sys.argv[1]
phr = len(sys.argv) > 2 and sys.argv[2] == "phrasings"
rnd = random.Random(2027 if phr else 2026)
try:
    import opencc
    _t = opencc.OpenCC('s2t.json')
    def trad(s): return _t.convert(s)
except Exception:
    table = dict(zip("们这个说时来为国会后过对现开发经点问题书着马读写诗词汉义远传长门东车见风龙鸟鱼于与从众乐买卖杂难云间叶节台关边还进际", "們這個說時來為國會後過對現開發經點問題書著馬讀寫詩詞漢義遠傳長門東車見風龍鳥魚於與從眾樂買賣雜難雲間葉節臺關邊還進際"))
    def trad(s): return "".join(table.get(c, c) for c in s)

def strip_punct(s): return re.sub(r"[，。？！；、,.?!;：:]+$", "", s)

out = []
def add(kind, q, a):
    out.append((kind, q, a))

# Idioms.
idioms = list(csv.reader(open(os.path.join(data, "idioms/chinese-idioms-12976.txt"), encoding="utf-8")))
names = collections.Counter(r[1] for r in idioms)
expls = collections.Counter(r[3] for r in idioms)
good = [r for r in idioms if names[r[1]] == 1 and r[3] and expls[r[3]] == 1]
rnd.shuffle(good)
meaning_t = ["{i}是什么意思？", "「{i}」的意思是什么", "{i}这个成语什么意思", "请解释一下成语{i}", "{i}的含义", "“{i}”指的是什么？", "成語{t}是什麼意思", "{i}啥意思"]
if phr:
    meaning_t = ["请问{i}是啥意思呀", "能解释下“{i}”吗", "{i}这个词指的是什么？", "成语「{i}」怎么理解", "{i}比喻什么", "想知道{t}的意思", "{i}是什么含义呢"]
for r in good[:40]:
    t = rnd.choice(meaning_t)
    add("meaning", t.format(i=r[1], t=trad(r[1])), r[3])
source_t = ["{i}出自哪里？", "{i}的出处是什么", "成语{i}出自哪本书", "「{i}」这个典故出自何处", "{i}的典故来源", "{t}出自哪裡", "{i}语出何处？"]
if phr:
    source_t = ["{i}这个成语是怎么来的", "{i}的来历", "「{i}」最早见于哪部书？", "成语{i}源自什么典故", "{t}的出處", "{i}典出何处"]
with_src = [r for r in good[40:] if re.search(r"《([^》]+)》", r[4])]
for r in with_src[:40]:
    work = re.search(r"《([^》]+)》", r[4]).group(1)
    add("source", rnd.choice(source_t).format(i=r[1], t=trad(r[1])), work)
pinyin_t = ["{i}怎么读？", "{i}的拼音是什么", "「{i}」怎么念", "{i}读音"]
if phr:
    pinyin_t = ["{i}的正确读音是什么", "{i}用拼音怎么写", "“{i}”的发音", "{i}咋读"]
for r in good[80:100]:
    add("pinyin", rnd.choice(pinyin_t).format(i=r[1]), " ".join(r[2].split()))
pinyin_rev_t = ["{p}是什么成语", "拼音是{p}的成语", "{p}"]
if phr:
    pinyin_rev_t = ["{p} 对应哪个成语", "{p}是哪四个字", "请问{p}是什么"]
tone_no = {c: (v, n) for v, cs in zip("aeiouv", ["āáǎà", "ēéěè", "īíǐì", "ōóǒò", "ūúǔù", "ǖǘǚǜ"]) for n, c in enumerate(cs, 1)}
def numbered(p):
    out = []
    for syl in p.split():
        tone = "".join(str(tone_no[c][1]) for c in syl if c in tone_no)
        out.append("".join(tone_no[c][0] if c in tone_no else c for c in syl).replace("ü", "v") + tone)
    return " ".join(out)
for r in good[100:115]:
    p = " ".join(r[2].split())
    plain = re.sub(r"[^a-z ]", "", p.translate(str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü", "aaaaeeeeiiiioooouuuuvvvvv")))
    form = rnd.choice([p, plain, plain.replace(" ", "")] + ([numbered(p), numbered(p).replace(" ", "")] if phr else []))
    add("pinyin", rnd.choice(pinyin_rev_t).format(p=form), r[1])
rev_t = ["哪个成语的意思是“{e}”？", "什么成语表示{e}", "{e}——这是哪个成语？", "有个成语意思是{e}，是什么", "形容{e}的成语"]
if phr:
    rev_t = ["用一个成语形容{e}", "{e}，用成语怎么说", "{e}（打一成语）", "哪个成语可以表示{e}？", "描写{e}的成语是什么"]
for r in good[115:155]:
    e = strip_punct(r[3])
    add("reverse", rnd.choice(rev_t).format(e=e), r[1])

# Poems: 唐诗三百首 and 宋词三百首, lines unique in the subset.
poems = []
for root, _, files in os.walk(os.path.join(data, "poetry/dist")):
    for f in files:
        if not f.endswith(".json"): continue
        d = json.load(open(os.path.join(root, f), encoding="utf-8"))
        if not isinstance(d, list): continue
        for p in d:
            if isinstance(p, dict) and p.get("paragraphs") and (p.get("title") or p.get("rhythmic")) and p.get("author"):
                p["_file"] = f
                poems.append(p)
def lines_of(p):
    out = []
    for para in p["paragraphs"]:
        out += [x for x in re.findall(r"[^，。？！；、]+[，。？！；、]?", para) if len(strip_punct(x)) > 1]
    return out
count = collections.Counter(strip_punct(l) for p in poems for l in lines_of(p))
titles = collections.Counter((p.get("title") or p.get("rhythmic")) for p in poems)
famous = [p for p in poems if p["_file"] in ("唐诗三百首.json", "宋词三百首.json")]
rnd.shuffle(famous)
next_t = ["{l}的下一句是什么？", "「{l}」下一句", "{l}，下句是什么", "{l}后面一句是什么", "“{l}”的下一句", "{t}的下一句是什麼", "{l}接下来是哪句"]
prev_t = ["{l}的上一句是什么？", "「{l}」上一句", "{l}前面一句是什么", "“{l}”的上句是"]
if phr:
    next_t = ["{l}，后面接什么", "请接下一句：{l}", "{l}的下句是啥", "“{l}”后面那句是什么？", "{t}下一句", "{l}，____"]
    prev_t = ["{l}前面那句是什么", "{l}的前一句", "“{l}”上面一句是什么？", "{l}之前是哪句"]
n_next = n_prev = n_author = n_dyn = n_title = n_whole = 0
for p in famous:
    ls = lines_of(p)
    title = p.get("title") or p.get("rhythmic")
    for i in range(len(ls) - 1):
        a, b = strip_punct(ls[i]), strip_punct(ls[i + 1])
        if count[a] != 1 or count[b] != 1 or len(a) < 4:
            continue
        if n_next < 40:
            add("next", rnd.choice(next_t).format(l=a, t=trad(a)), b); n_next += 1
        elif n_prev < 25:
            add("prev", rnd.choice(prev_t).format(l=b), a); n_prev += 1
        elif n_title < 20:
            add("title", rnd.choice(["“{l}”这句诗出自哪首诗", "{l}是哪首诗的句子", "{l}这首诗叫什么"] if phr else ["{l}出自哪首诗？", "「{l}」是哪首诗里的", "{l}出自哪一首"]).format(l=a), title); n_title += 1
        break
    if phr and titles[title] == 1 and n_whole < 20 and len(p["paragraphs"]) <= 4:
        if n_whole % 2 == 0:
            add("whole", rnd.choice(["{t}全文", "背一下《{t}》", "{t}的全诗是什么"]).format(t=title), "".join(p["paragraphs"]))
        else:
            add("first", rnd.choice(["《{t}》第一句是什么", "{t}的开头一句"]).format(t=title), strip_punct(ls[0]))
        n_whole += 1
    if titles[title] == 1 and n_author < 30:
        add("author", rnd.choice(["写《{t}》的是谁", "{t}这首诗是谁写的呢", "{t}的诗人是", "《{tt}》的作者"] if phr else ["{t}是谁写的？", "《{t}》的作者是谁", "{t}作者", "《{t}》是哪位诗人写的", "誰寫了{tt}"]).format(t=title, tt=trad(title)), p["author"]); n_author += 1
    elif titles[title] == 1 and n_dyn < 10:
        dyn = "唐" if "唐" in p["_file"] else "宋"
        add("dynasty", rnd.choice(["《{t}》的作者是哪个朝代的人", "{t}写于哪个时代"] if phr else ["《{t}》是哪个朝代的作品", "{t}是什么朝代的诗"]).format(t=title), dyn); n_dyn += 1
poets = json.load(open(os.path.join(data, "poetry/dist/quantangshi/authors.tang.json"), encoding="utf-8"))
pn = collections.Counter(a["name"] for a in poets)
famous_authors = {p["author"] for p in famous if "唐" in p["_file"]}
cands = [a for a in poets if pn[a["name"]] == 1 and a["name"] in famous_authors and a["name"] not in ("不詳", "不详", "佚名")]
rnd.shuffle(cands)
for a in cands[:10]:
    add("dynasty", rnd.choice(["{n}是什么时候的人", "{n}属于哪个朝代", "{n}是哪朝诗人"] if phr else ["{n}是哪个朝代的诗人？", "{n}是什么朝代的人", "诗人{n}生活在哪个朝代"]).format(n=a["name"]), "唐")

# 歇后语: riddles unique, answers as given (alternatives split on ；).
xh = json.load(open(os.path.join(data, "xinhua/xiehouyu.json"), encoding="utf-8"))
rc = collections.Counter(x["riddle"] for x in xh)
xs = [x for x in xh if rc[x["riddle"]] == 1 and 3 <= len(x["riddle"]) <= 12]
rnd.shuffle(xs)
xh_t = ["{r}的下一句是什么？", "{r}——", "歇后语“{r}”的后半句", "{r}，下半句是啥", "{r}的歇后语答案", "{t}的下一句"]
if phr:
    xh_t = ["歇后语：{r}，后半句是什么", "{r}的答案是啥", "“{r}”下一句", "{r}——后面是什么", "{t}——"]
for x in xs[:40]:
    add("xiehouyu", rnd.choice(xh_t).format(r=x["riddle"], t=trad(x["riddle"])), "|".join(s.strip() for s in x["answer"].split("；")))

w = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
w.writerow(["kind", "question", "answer"])
for row in out:
    w.writerow(row)
print(f"{len(out)} questions", file=sys.stderr)
