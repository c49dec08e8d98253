package corpora

// Fact is one edge of the knowledge graph with its provenance: taken
// from a document's record by the graph (package kg), stored there, given
// to the answerer as structured context.
type Fact struct {
	Subject  string `json:"s"`
	Relation string `json:"r"`
	Object   string `json:"o"`
	Doc      string `json:"d"`             // the document it came from
	Field    string `json:"f"`             // and the field (an imported fact: its line)
	Source   string `json:"src,omitempty"` // where an imported fact's file says it comes from
}

// Relations of the facts taken from records.
const (
	RelMeaning  = "释义"
	RelSource   = "出处" // the quoted passage an idiom comes from
	RelWork     = "出自" // the work: 晋书·左思传, 诗经·国风·周南
	RelPinyin   = "拼音"
	RelExample  = "例句"
	RelAuthor   = "作者"
	RelDynasty  = "朝代"
	RelBio      = "简介"
	RelRhythmic = "词牌"
	RelNext     = "下一句"
	RelPrev     = "上一句"
	RelInPoem   = "诗题" // a line → the title of its poem
	RelAnswer   = "后半句"
	RelKind     = "类别" // one of the kinds below
)

// Kinds of entity: the objects of RelKind facts. Every package that asks
// what an entity is compares with these, never with the words.
const (
	KindIdiom    = "成语"
	KindPoem     = "诗"
	KindCi       = "词" // a poem written to a 词牌 (RelRhythmic)
	KindPoet     = "诗人"
	KindXiehouyu = "歇后语"
	KindClassic  = "经典" // a chapter of a classic: 论语, 诗经 …
)
