#!/usr/bin/env python3
"""Checks for the colloquial15 evaluation set.  Run from anywhere:

    python3 eval/colloquial15/check.py

Needs pdftotext (poppler-utils).  Prints ALL CHECKS PASSED or the failures.
"""
import html
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, "docs")
PDF = os.path.join(DOCS, "仓库作业规范.pdf")
HTML = os.path.join(DOCS, "员工福利与考勤.html")
TXT = os.path.join(DOCS, "WMS系统使用说明.txt")

EXPECTED = {"number": 8, "condition": 8, "yesno": 8, "table": 7, "fact": 6,
            "faq": 4, "multi": 4, "wrapped": 6, "refuse": 9}
# categories that must hold exactly one traditional-character question (refuse: two)
EXPECTED_TRAD = {"number": 1, "condition": 1, "yesno": 1, "table": 1, "fact": 1,
                 "faq": 1, "multi": 1, "wrapped": 1, "refuse": 2}
NEGATIVE_MARKERS = ("不得", "不能", "不可以", "不允许", "不行", "严禁", "禁止", "不会")

# Key terms of each refuse question: none of them may occur in any document.
REFUSE_TERMS = {
    "年终奖一般啥时候发": ["年终奖", "年底双薪", "十三薪"],
    "公司有員工宿舍嗎 一間住幾個人": ["宿舍", "住宿"],
    "夜班下班太晚了 打车能报销吗": ["打车", "出租车", "网约车", "交通费"],
    "公积金按多少比例交": ["公积金"],
    "灵仓系统能装在苹果手机上吗？": ["苹果", "iOS", "iPhone", "安卓", "手机"],
    "考叉车证的考试费公司给报吗": ["考试费", "考证", "培训费", "取证"],
    "員工開車上班 倉庫停車場可以停嗎": ["停车场", "停车位", "私家车"],
    "加班费要扣个税吗": ["个税", "个人所得税", "纳税", "扣税"],
    "仓库监控录像能保存多久": ["监控", "录像", "摄像"],
}

# Characters that OpenCC (t2s) maps to a different simplified character,
# i.e. traditional-only forms, taken from U+4E00..U+9FA5.
TRAD_ONLY = set(
    "丟並乾亂亙亞佇佈佔併來侖侶侷俁係俓俔俠俥俬倀倆倈倉個們倖倫倲偉偑側偵偽傌傑傖傘備傢傭傯傳傴債傷傾僂僅僉僑僕僞僤僥僨僱價儀"
    "儁儂億儈儉儎儐儔儕儘償儣優儭儲儷儸儺儻儼兇兌兒兗內兩冊冑冪凈凍凙凜凱別刪剄則剋剎剗剛剝剮剴創剷剾劃劇劉劊劌劍劏劑劚勁勑動"
    "務勛勝勞勢勣勩勱勳勵勸勻匭匯匱區協卹卻卽厙厠厤厭厲厴參叄叢吒吳吶呂咼員哯唄唓唸問啓啞啟啢喎喚喪喫喬單喲嗆嗇嗊嗎嗚嗩嗰嗶嗹"
    "嘆嘍嘓嘔嘖嘗嘜嘩嘪嘮嘯嘰嘳嘵嘸嘺嘽噁噅噓噚噝噞噠噥噦噯噲噴噸噹嚀嚇嚌嚐嚕嚙嚛嚥嚦嚧嚨嚮嚲嚳嚴嚶嚽囀囁囂囃囅囈囉囌囑囒囪圇"
    "國圍園圓圖團圞垻埡埨埬埰執堅堊堖堚堝堯報場塊塋塏塒塗塚塢塤塵塸塹塿墊墜墠墮墰墲墳墶墻墾壇壈壋壎壓壗壘壙壚壜壞壟壠壢壣壩壪"
    "壯壺壼壽夠夢夥夾奐奧奩奪奬奮奼妝姍姦娙娛婁婡婦婭媈媧媯媰媼媽嫋嫗嫵嫺嫻嫿嬀嬃嬇嬈嬋嬌嬙嬡嬣嬤嬦嬪嬰嬸嬻孃孄孆孇孋孌孎孫學"
    "孻孾孿宮寀寠寢實寧審寫寬寵寶將專尋對導尷屆屍屓屜屢層屨屩屬岡峯峴島峽崍崑崗崙崢崬嵐嵗嵼嵽嵾嶁嶄嶇嶈嶔嶗嶘嶠嶢嶧嶨嶮嶸嶹嶺"
    "嶼嶽巊巋巒巔巖巗巘巰巹帥師帳帶幀幃幓幗幘幝幟幣幩幫幬幹幾庫廁廂廄廈廎廕廚廝廞廟廠廡廢廣廧廩廬廳弒弔弳張強彃彄彆彈彌彎彔彙"
    "彠彥彫彲彿後徑從徠復徵徹徿恆恥悅悞悵悶悽惡惱惲惻愛愜愨愴愷愻愾慄態慍慘慚慟慣慤慪慫慮慳慶慺慼慾憂憊憐憑憒憖憚憢憤憫憮憲憶"
    "憸憹懀懇應懌懍懎懞懟懣懤懨懲懶懷懸懺懼懾戀戇戔戧戩戰戱戲戶拋挩挱挾捨捫捱捲掃掄掆掗掙掚掛採揀揚換揮揯損搖搗搵搶摋摐摑摜摟"
    "摯摳摶摺摻撈撊撏撐撓撝撟撣撥撧撫撲撳撻撾撿擁擄擇擊擋擓擔據擟擠擣擫擬擯擰擱擲擴擷擺擻擼擽擾攄攆攋攏攔攖攙攛攜攝攢攣攤攪攬"
    "敎敓敗敘敵數斂斃斅斆斕斬斷斸於旂旣昇時晉晛晝暈暉暐暘暢暫曄曆曇曉曊曏曖曠曥曨曬書會朥朧朮東枴柵柺査桱桿梔梖梘梜條梟梲棄棊"
    "棖棗棟棡棧棲棶椏椲楇楊楓楨業極榘榦榪榮榲榿構槍槓槤槧槨槫槮槳槶槼樁樂樅樑樓標樞樠樢樣樤樧樫樳樸樹樺樿橈橋機橢橫橯檁檉檔檜"
    "檟檢檣檭檮檯檳檵檸檻櫃櫅櫍櫓櫚櫛櫝櫞櫟櫠櫥櫧櫨櫪櫫櫬櫱櫳櫸櫻欄欅欇權欍欏欐欑欒欓欖欘欞欽歎歐歟歡歲歷歸歿殘殞殢殤殨殫殭殮"
    "殯殰殲殺殻殼毀毆毊毿氂氈氌氣氫氬氭氳氾汎汙決沒沖況泝洩洶浹浿涇涗涼淒淚淥淨淩淪淵淶淺渙減渢渦測渾湊湋湞湧湯溈準溝溡溫溮溳"
    "溼滄滅滌滎滙滬滯滲滷滸滻滾滿漁漊漍漚漢漣漬漲漵漸漿潁潑潔潕潙潚潛潣潤潯潰潷潿澀澅澆澇澐澗澠澤澦澩澫澬澮澱澾濁濃濄濆濕濘濚"
    "濛濜濟濤濧濫濰濱濺濼濾濿瀂瀃瀅瀆瀇瀉瀋瀏瀕瀘瀝瀟瀠瀦瀧瀨瀰瀲瀾灃灄灍灑灒灕灘灙灝灡灣灤灧灩災為烏烴無煇煉煒煙煢煥煩煬煱熂"
    "熅熉熌熒熓熗熚熡熰熱熲熾燀燁燈燉燒燖燙燜營燦燬燭燴燶燻燼燾爃爄爇爍爐爖爛爥爧爭爲爺爾牀牆牘牽犖犛犞犢犧狀狹狽猌猙猶猻獁獃"
    "獄獅獊獎獨獩獪獫獮獰獱獲獵獷獸獺獻獼玀玁珼現琱琺琿瑋瑒瑣瑤瑩瑪瑲瑻瑽璉璊璕璗璝璡璣璦璫璯環璵璸璼璽璾璿瓄瓅瓊瓏瓔瓕瓚瓛甌"
    "甕產産甦甯畝畢畫異畵當畼疇疊痙痠痮痾瘂瘋瘍瘓瘞瘡瘧瘮瘱瘲瘺瘻療癆癇癉癐癒癘癟癡癢癤癥癧癩癬癭癮癰癱癲發皁皚皟皰皸皺盃盜盞"
    "盡監盤盧盨盪眝眞眥眾睍睏睜睞瞘瞜瞞瞤瞶瞼矇矉矑矓矚矯硃硜硤硨硯碕碙碩碭碸確碼碽磑磚磠磣磧磯磽磾礄礆礎礐礒礙礦礪礫礬礮礱祕"
    "祿禍禎禕禡禦禪禮禰禱禿秈稅稈稏稜稟種稱穀穇穌積穎穠穡穢穩穫穭窩窪窮窯窵窶窺竄竅竇竈竊竚竪竱競筆筍筧筴箇箋箏節範築篋篔篘篠"
    "篢篤篩篳篸簀簂簍簑簞簡簢簣簫簹簽簾籃籅籋籌籔籙籛籜籟籠籤籩籪籬籮籲粵糉糝糞糧糰糲糴糶糹糺糾紀紂紃約紅紆紇紈紉紋納紐紓純紕"
    "紖紗紘紙級紛紜紝紞紟紡紬紮細紱紲紳紵紹紺紼紿絀絁終絃組絅絆絍絎結絕絙絛絝絞絡絢絥給絧絨絪絰統絲絳絶絹絺綀綁綃綄綆綇綈綉綋"
    "綌綎綏綐綑經綖綜綝綞綟綠綡綢綣綧綪綫綬維綯綰綱網綳綴綵綸綹綺綻綽綾綿緄緇緊緋緍緑緒緓緔緗緘緙線緝緞緟締緡緣緤緦編緩緬緮緯"
    "緰緱緲練緶緷緸緹緻緼縈縉縊縋縍縎縐縑縕縗縛縝縞縟縣縧縫縬縭縮縯縰縱縲縳縴縵縶縷縸縹縺總績繂繃繅繆繈繏繐繒繓織繕繚繞繟繡繢"
    "繨繩繪繫繬繭繮繯繰繳繶繷繸繹繻繼繽繾繿纁纆纇纈纊續纍纏纓纔纕纖纗纘纚纜缽罃罈罌罎罰罵罷羅羆羈羋羣羥羨義羵羶習翫翬翹翽耬耮"
    "聖聞聯聰聲聳聵聶職聹聻聽聾肅脅脈脛脣脥脩脫脹腎腖腡腦腪腫腳腸膃膕膚膞膠膢膩膹膽膾膿臉臍臏臗臘臚臟臠臢臥臨臺與興舉舊舘艙艣"
    "艤艦艫艱艷芻苧茲荊莊莖莢莧菕華菴菸萇萊萬萴萵葉葒葝葤葦葯葷蒍蒐蒓蒔蒕蒞蒭蒼蓀蓆蓋蓧蓮蓯蓴蓽蔄蔔蔘蔞蔣蔥蔦蔭蔯蔿蕁蕆蕎蕒蕓"
    "蕕蕘蕝蕢蕩蕪蕭蕳蕷蕽薀薆薈薊薌薑薔薘薟薦薩薳薴薵薹薺藍藎藝藥藪藭藴藶藷藹藺蘀蘄蘆蘇蘊蘋蘚蘞蘟蘢蘭蘺蘿虆虉處虛虜號虧虯蛺蛻"
    "蜆蝀蝕蝟蝦蝨蝸螄螞螢螮螻螿蟂蟄蟈蟎蟘蟜蟣蟬蟯蟲蟳蟶蟻蠀蠁蠅蠆蠍蠐蠑蠔蠙蠟蠣蠦蠨蠱蠶蠻蠾衆衊術衕衚衛衝袞裊裏補裝裡製複褌褘"
    "褲褳褸褻襀襇襉襏襓襖襗襘襝襠襤襪襬襯襰襲襴襵覈見覎規覓視覘覛覡覥覦親覬覯覲覷覹覺覼覽覿觀觴觶觸訁訂訃計訊訌討訏訐訑訒訓訕"
    "訖託記訛訜訝訞訟訢訣訥訨訩訪設許訴訶診註証詀詁詆詊詎詐詑詒詓詔評詖詗詘詛詝詞詠詡詢詣試詩詪詫詬詭詮詰話該詳詵詷詼詿誂誄誅"
    "誆誇誋誌認誑誒誕誘誚語誠誡誣誤誥誦誨說誫説誰課誳誴誶誷誹誺誼誾調諂諄談諉請諍諏諑諒諓論諗諛諜諝諞諟諡諢諣諤諥諦諧諫諭諮諯"
    "諰諱諲諳諴諶諷諸諺諼諾謀謁謂謄謅謆謉謊謎謏謐謔謖謗謙謚講謝謠謡謨謫謬謭謯謱謳謸謹謾譁譂譅譆證譊譎譏譑譓譖識譙譚譜譞譟譨譫"
    "譭譯議譴護譸譽譾讀讅變讋讌讎讒讓讕讖讚讜讞豈豎豐豔豬豵豶貓貗貙貝貞貟負財貢貧貨販貪貫責貯貰貲貳貴貶買貸貺費貼貽貿賀賁賂賃"
    "賄賅資賈賊賑賒賓賕賙賚賜賝賞賟賠賡賢賣賤賦賧質賫賬賭賰賴賵賺賻購賽賾贃贄贅贇贈贉贊贋贍贏贐贑贓贔贖贗贚贛贜赬趕趙趨趲跡踐"
    "踰踴蹌蹔蹕蹟蹠蹣蹤蹳蹺蹻躂躉躊躋躍躎躑躒躓躕躘躚躝躡躥躦躪軀軉車軋軌軍軏軑軒軔軕軗軛軜軝軟軤軨軫軬軲軷軸軹軺軻軼軾軿較輄"
    "輅輇輈載輊輋輒輓輔輕輖輗輛輜輝輞輟輢輥輦輨輩輪輬輮輯輳輶輷輸輻輼輾輿轀轂轄轅轆轇轉轊轍轎轐轔轗轟轠轡轢轣轤辦辭辮辯農迴逕"
    "這連週進遊運過達違遙遜遞遠遡適遱遲遷選遺遼邁還邇邊邏邐郟郵鄆鄉鄒鄔鄖鄟鄧鄩鄭鄰鄲鄳鄴鄶鄺酇酈醃醖醜醞醟醣醫醬醱醲醶釀釁釃"
    "釅釋釐釒釓釔釕釗釘釙釚針釟釣釤釦釧釨釩釲釳釴釵釷釹釺釾釿鈀鈁鈃鈄鈅鈆鈇鈈鈉鈋鈍鈎鈐鈑鈒鈔鈕鈖鈗鈛鈞鈠鈡鈣鈥鈦鈧鈮鈯鈰鈲鈳"
    "鈴鈷鈸鈹鈺鈽鈾鈿鉀鉁鉅鉆鉈鉉鉊鉋鉍鉑鉔鉕鉗鉚鉛鉝鉞鉠鉢鉤鉥鉦鉧鉬鉭鉮鉳鉶鉷鉸鉺鉻鉽鉾鉿銀銁銂銃銅銈銊銍銏銑銓銖銘銚銛銜銠"
    "銣銥銦銨銩銪銫銬銱銳銶銷銹銻銼鋁鋂鋃鋅鋇鋉鋌鋏鋐鋒鋗鋙鋝鋟鋠鋣鋤鋥鋦鋨鋩鋪鋭鋮鋯鋰鋱鋶鋸鋹鋼錀錁錂錄錆錇錈錏錐錒錕錘錙錚"
    "錛錜錝錞錟錠錡錢錤錥錦錨錩錫錮錯録錳錶錸錼錽鍀鍁鍃鍄鍅鍆鍇鍈鍉鍊鍋鍍鍒鍔鍘鍚鍛鍠鍤鍥鍩鍬鍭鍮鍰鍵鍶鍺鍼鍾鎂鎄鎇鎈鎊鎌鎍鎓"
    "鎔鎖鎘鎙鎚鎛鎝鎞鎡鎢鎣鎦鎧鎩鎪鎬鎭鎮鎯鎰鎲鎳鎵鎶鎷鎸鎿鏃鏆鏇鏈鏉鏌鏍鏏鏐鏑鏗鏘鏚鏜鏝鏞鏟鏡鏢鏤鏥鏦鏨鏰鏵鏷鏹鏺鏻鏽鏾鐃鐄"
    "鐇鐈鐋鐍鐎鐏鐐鐒鐓鐔鐘鐙鐝鐠鐥鐦鐧鐨鐩鐪鐫鐮鐯鐲鐳鐵鐶鐸鐺鐼鐽鐿鑀鑄鑉鑊鑌鑑鑒鑔鑕鑞鑠鑣鑥鑪鑭鑰鑱鑲鑴鑷鑹鑼鑽鑾鑿钁钂長"
    "門閂閃閆閈閉開閌閍閎閏閐閑閒間閔閗閘閝閞閡閣閤閥閨閩閫閬閭閱閲閵閶閹閻閼閽閾閿闃闆闇闈闉闊闋闌闍闐闑闒闓闔闕闖關闞闠闡闢"
    "闤闥陘陝陞陣陰陳陸陽隉隊階隑隕際隤隨險隮隯隱隴隸隻雋雖雙雛雜雞離難雲電霑霢霣霧霼霽靂靄靆靈靉靚靜靝靦靧靨鞏鞝鞦鞽鞾韁韃韆"
    "韉韋韌韍韓韙韚韛韜韝韞韠韻響頁頂頃項順頇須頊頌頍頎頏預頑頒頓頔頗領頜頠頡頤頦頫頭頮頰頲頴頵頷頸頹頻頽顂顃顅顆題額顎顏顒顓"
    "顔顗願顙顛類顢顣顥顧顫顬顯顰顱顳顴風颭颮颯颰颱颳颶颷颸颺颻颼颾飀飄飆飈飋飛飠飢飣飥飦飩飪飫飭飯飱飲飴飵飶飼飽飾飿餃餄餅餈"
    "餉養餌餎餏餑餒餓餔餕餖餗餘餚餛餜餞餡餦餧館餪餫餬餭餱餳餵餶餷餸餺餼餾餿饁饃饅饈饉饊饋饌饑饒饗饘饜饞饟饠饢馬馭馮馯馱馳馴馹"
    "馼駁駃駉駊駎駐駑駒駓駔駕駘駙駚駛駝駞駟駡駢駤駧駩駪駫駭駰駱駶駸駻駼駿騁騂騃騄騅騉騊騌騍騎騏騑騔騖騙騚騜騝騞騟騠騤騧騪騫騭"
    "騮騰騱騴騵騶騷騸騻騼騾驀驁驂驃驄驅驊驋驌驍驎驏驓驕驗驙驚驛驟驢驤驥驦驨驪驫骯髏髒體髕髖髮鬆鬍鬖鬚鬠鬢鬥鬧鬨鬩鬮鬱鬹魎魘魚"
    "魛魟魢魥魦魨魯魴魵魷魺魽鮀鮁鮃鮄鮅鮆鮈鮊鮋鮍鮎鮐鮑鮒鮓鮚鮜鮝鮞鮟鮠鮡鮣鮤鮦鮪鮫鮭鮮鮯鮰鮳鮵鮶鮸鮺鮿鯀鯁鯄鯆鯇鯉鯊鯒鯔鯕鯖"
    "鯗鯛鯝鯞鯡鯢鯤鯧鯨鯪鯫鯬鯰鯱鯴鯶鯷鯻鯽鯾鯿鰁鰂鰃鰆鰈鰉鰊鰋鰌鰍鰏鰐鰑鰒鰓鰕鰛鰜鰟鰠鰣鰤鰥鰦鰧鰨鰩鰫鰭鰮鰱鰲鰳鰵鰶鰷鰹鰺鰻"
    "鰼鰽鰾鱀鱂鱄鱅鱆鱇鱈鱉鱊鱒鱔鱖鱗鱘鱚鱝鱟鱠鱢鱣鱤鱧鱨鱭鱮鱯鱲鱷鱸鱺鳥鳧鳩鳬鳲鳳鳴鳶鳷鳼鳽鳾鴀鴃鴅鴆鴇鴉鴐鴒鴔鴕鴗鴛鴜鴝鴞"
    "鴟鴣鴥鴦鴨鴮鴯鴰鴲鴳鴴鴷鴻鴽鴿鵁鵂鵃鵊鵏鵐鵑鵒鵓鵚鵜鵝鵟鵠鵡鵧鵩鵪鵫鵬鵮鵯鵰鵲鵷鵾鶄鶇鶉鶊鶌鶒鶓鶖鶗鶘鶚鶠鶡鶥鶦鶩鶪鶬鶭"
    "鶯鶰鶱鶲鶴鶹鶺鶻鶼鶿鷀鷁鷂鷄鷅鷉鷊鷐鷓鷔鷖鷗鷙鷚鷟鷣鷤鷥鷦鷨鷩鷫鷭鷯鷲鷳鷴鷷鷸鷹鷺鷽鷿鸂鸇鸊鸋鸌鸏鸑鸕鸗鸘鸚鸛鸝鸞鹵鹹鹺"
    "鹼鹽麗麥麨麩麪麫麬麯麲麳麴麵麷麼麽黃黌點黨黲黴黶黷黽黿鼂鼉鼕鼴齊齋齎齏齒齔齕齗齘齙齜齟齠齡齣齦齧齩齪齬齭齮齯齰齲齴齶齷齼"
    "齾龍龎龐龑龓龔龕龜"
)


failures = []


def fail(msg):
    failures.append(msg)


def cjk_count(s):
    return len(re.findall(r"[\u4e00-\u9fff]", s))


def has_trad(s):
    return any(c in TRAD_ONLY for c in s)


# ---------------------------------------------------------------- documents
def pdf_text():
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", PDF, "-"],
                         check=True, capture_output=True, text=True).stdout
    return out


def html_text():
    raw = open(HTML, encoding="utf-8").read()
    raw = re.sub(r"<(style|script)\b.*?</\1>", "", raw, flags=re.S | re.I)
    raw = re.sub(r"<[^>]+>", "", raw)
    return html.unescape(raw)


def flat(s):
    return s.replace("\r", "").replace("\n", "").replace("\f", "")


pdf_raw = pdf_text()
html_raw = html_text()
txt_raw = open(TXT, encoding="utf-8").read()
texts = {"pdf": flat(pdf_raw), "html": flat(html_raw), "txt": flat(txt_raw)}

# txt joined text and the positions where a line break was removed
txt_joined, breaks = [], set()
for line in txt_raw.replace("\r", "").split("\n"):
    txt_joined.append(line)
pos = 0
for line in txt_joined[:-1]:
    pos += len(line)
    breaks.add(pos)
txt_flat = "".join(txt_joined)
assert txt_flat == texts["txt"]

for name, t in texts.items():
    n = cjk_count(t)
    if not 2400 <= n <= 3100:
        fail(f"{name}: {n} CJK characters, expected about 2500-3000")
    print(f"doc {name}: {n} CJK characters")

# text-autospace must be off: LibreOffice would otherwise widen the gap
# between Chinese and digits/Latin, and pdftotext would show "第 3 版".
for probe in ("第3版", "2024年3月1日", "每小时5公里", "低于20%时", "《灵仓WMS系统使用说明》"):
    if probe not in texts["pdf"]:
        fail(f"pdf: {probe!r} not found verbatim (spaces from text-autospace?)")
for marker in ("第一条", "第三十二条", "表1", "表2"):
    if marker not in texts["pdf"]:
        fail(f"pdf: missing {marker}")
if "<table" not in open(HTML, encoding="utf-8").read():
    fail("html: no <table>")

# line widths of the hard-wrapped manual
paras = re.split(r"\n\s*\n", txt_raw.strip("\n"))
for para in paras:
    lines = para.split("\n")
    for i, line in enumerate(lines):
        last = i == len(lines) - 1
        if len(line) > 44 or (not last and len(line) < 38):
            fail(f"txt: line width {len(line)} out of 38-44: {line!r}")

# ---------------------------------------------------------------- questions
rows = open(os.path.join(HERE, "questions.tsv"), encoding="utf-8").read().rstrip("\n").split("\n")
if rows[0] != "question\tanswers\tcategory":
    fail("questions.tsv: bad header")
qs = []
for r in rows[1:]:
    f = r.split("\t")
    if len(f) != 3:
        fail(f"bad row: {r!r}")
        continue
    qs.append(f)
if len(qs) != 60:
    fail(f"{len(qs)} questions, expected 60")
if len({q for q, _, _ in qs}) != len(qs):
    fail("duplicate questions")

counts, trad_counts = {}, {}
for q, a, c in qs:
    counts[c] = counts.get(c, 0) + 1
    if has_trad(q):
        trad_counts[c] = trad_counts.get(c, 0) + 1
if counts != EXPECTED:
    fail(f"category counts {counts} != {EXPECTED}")
if sum(trad_counts.values()) != 10:
    fail(f"{sum(trad_counts.values())} traditional questions, expected 10")
if trad_counts != EXPECTED_TRAD:
    fail(f"traditional questions per category {trad_counts} != {EXPECTED_TRAD}")

neg = pos_ = 0
all_docs = texts["pdf"] + "\x00" + texts["html"] + "\x00" + texts["txt"]
for q, a, c in qs:
    alts = a.split("|")
    for alt in alts:
        if has_trad(alt):
            fail(f"traditional character in answer {alt!r} ({q})")
        if alt.strip() != alt or not alt:
            fail(f"empty or padded answer in {q}")
    if c == "refuse":
        if a != "REFUSE":
            fail(f"refuse question with answer {a!r}: {q}")
        terms = REFUSE_TERMS.get(q)
        if not terms:
            fail(f"no refuse terms listed for {q}")
            continue
        for term in terms:
            for name, t in texts.items():
                if term.lower() in t.lower():
                    fail(f"refuse term {term!r} of {q!r} occurs in {name}")
        continue
    if a == "REFUSE":
        fail(f"answerable question marked REFUSE: {q}")
    found = {alt: [n for n, t in texts.items() if alt in t] for alt in alts}
    if not any(found.values()):
        fail(f"no accepted answer occurs in any document: {q} -> {a}")
    if c == "yesno":
        if "可以" in alts:
            fail(f"bare 可以 accepted: {q}")
        if any(m in alts for m in ("不得", "不能", "不可以")):
            neg += 1
        else:
            pos_ += 1
    if c == "wrapped":
        in_txt = [alt for alt in alts if "txt" in found[alt]]
        if not in_txt:
            fail(f"wrapped answer not in txt: {q}")
        for alt in alts:
            for other in ("pdf", "html"):
                if alt in texts[other]:
                    fail(f"wrapped answer {alt!r} also occurs in {other}")
        for alt in in_txt:
            i = txt_flat.find(alt)
            while i >= 0:
                if not any(i < b < i + len(alt) for b in breaks):
                    fail(f"wrapped answer {alt!r} at {i} does not cross a line break")
                i = txt_flat.find(alt, i + 1)
    shown = ", ".join(f"{alt}@{'+'.join(n)}" for alt, n in found.items() if n)
    print(f"ok  {c:9s} {q}  [{shown}]")
if (neg, pos_) != (6, 2):
    fail(f"yesno questions: {neg} negative, {pos_} positive; expected 6 and 2")

if failures:
    print("\nFAILED:")
    for f in failures:
        print("  " + f)
    sys.exit(1)
print("ALL CHECKS PASSED")
