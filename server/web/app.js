// wenda's page: ask with streamed answers, citations that open their
// passage, facts as cards, search with each signal's rank, uploads.
"use strict";
const $ = (id) => document.getElementById(id);
const keyBox = $("key");
keyBox.value = localStorage.getItem("wenda-key") || "";
keyBox.addEventListener("change", () => { localStorage.setItem("wenda-key", keyBox.value); loadKBs(); });

function headers(json) {
  const h = {};
  if (json) h["Content-Type"] = "application/json";
  if (keyBox.value) h["Authorization"] = "Bearer " + keyBox.value;
  return h;
}
function kb() { return $("kb").value || "default"; }
function el(tag, props, ...kids) {
  const e = document.createElement(tag);
  Object.assign(e, props || {});
  for (const k of kids) e.append(k);
  return e;
}
async function errorText(res) {
  try { const j = await res.json(); return j.error ? j.error.message : res.statusText; } catch { return res.statusText; }
}

// Tabs.
document.querySelectorAll("nav button").forEach((b) => b.addEventListener("click", () => show(b.dataset.view)));
function show(view) {
  document.querySelectorAll("nav button").forEach((b) => b.setAttribute("aria-selected", String(b.dataset.view === view)));
  for (const v of ["ask", "search", "docs"]) $("view-" + v).hidden = v !== view;
  if (view === "docs") loadDocs();
}

async function loadKBs() {
  const sel = $("kb");
  const cur = sel.value || localStorage.getItem("wenda-kb") || "default";
  const res = await fetch("/v1/kbs", { headers: headers() });
  sel.innerHTML = "";
  if (!res.ok) { sel.append(el("option", { value: "", textContent: "（" + (await errorText(res)) + "）" })); return; }
  const j = await res.json();
  for (const k of j.kbs) sel.append(el("option", { value: k.name, textContent: k.stats ? `${k.name}（${k.stats.documents} 篇）` : k.name }));
  if ([...sel.options].some((o) => o.value === cur)) sel.value = cur;
}
$("kb").addEventListener("change", () => localStorage.setItem("wenda-kb", kb()));

// Asking: the answer streams in; [n] become buttons opening the source.
let citations = [];
function renderAnswer(text) {
  const box = $("answer");
  box.className = "";
  box.innerHTML = "";
  const re = /\[(\d+)\]/g;
  let last = 0, m;
  while ((m = re.exec(text))) {
    box.append(text.slice(last, m.index));
    const n = Number(m[1]);
    const b = el("button", { className: "cite", type: "button", textContent: "[" + n + "]", title: "查看资料 " + n });
    b.dataset.n = n;
    b.addEventListener("click", () => openSource(n));
    box.append(b);
    last = re.lastIndex;
  }
  box.append(text.slice(last));
}
// Where a citation stands in its file: 第 12 页 · 工作表 X 第 5 行 · 章节路径.
function place(c) {
  return [c.page ? `第 ${c.page} 页` : "", c.where || "", c.section || ""].filter(Boolean).join(" · ");
}
function openSource(n) {
  const c = citations.find((c) => c.n === n);
  if (!c) return;
  $("source-title").textContent = `[${n}] ${c.title || c.doc}`;
  $("source-doc").textContent = `${c.doc} #${c.chunk}${c.field ? " · " + c.field : ""}${place(c) ? " · " + place(c) : ""}`;
  $("source-text").textContent = c.text;
  $("source-panel").hidden = false;
  $("source-close").focus();
}
$("source-close").addEventListener("click", () => ($("source-panel").hidden = true));
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape") $("source-panel").hidden = true;
  if (e.key === "/" && document.activeElement.tagName !== "TEXTAREA" && document.activeElement.tagName !== "INPUT") {
    e.preventDefault();
    show("ask");
    $("question").focus();
  }
});
$("question").addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); $("ask-form").requestSubmit(); }
});

$("ask-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const q = $("question").value.trim();
  if (!q) return;
  $("ask").disabled = true;
  citations = [];
  $("facts").innerHTML = "";
  $("citations").innerHTML = "";
  $("answer-meta").textContent = "";
  let text = "";
  renderAnswer("…");
  try {
    const res = await fetch("/v1/ask", { method: "POST", headers: headers(true), body: JSON.stringify({ question: q, kb: kb(), stream: true }) });
    if (!res.ok) throw new Error(await errorText(res));
    const reader = res.body.getReader();
    const dec = new TextDecoder();
    let buf = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += dec.decode(value, { stream: true });
      let i;
      while ((i = buf.indexOf("\n\n")) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const ev = (block.match(/^event: (.*)$/m) || [])[1];
        const data = JSON.parse((block.match(/^data: (.*)$/m) || [, "null"])[1]);
        if (ev === "token") { text += data.text; renderAnswer(text); }
        else if (ev === "answer") finish(data);
        else if (ev === "error") throw new Error(data.message);
      }
    }
  } catch (err) {
    $("answer").className = "err";
    $("answer").textContent = "出错：" + err.message;
  } finally {
    $("ask").disabled = false;
  }
});
function finish(a) {
  citations = a.citations || [];
  renderAnswer(a.answer);
  if (a.mode !== "llm") {
    // Offline answers cite by position: mark them after the text.
    $("answer").append(" ", ...citations.map((c) => {
      const b = el("button", { className: "cite", type: "button", textContent: "[" + c.n + "]" });
      b.addEventListener("click", () => openSource(c.n));
      return b;
    }));
  }
  // The whole sentence the short answer came from, as a search engine
  // shows it beneath.
  if (a.evidence) $("answer").append(el("div", { className: "muted evidence", textContent: "依据：" + a.evidence }));
  // The chat endpoint failed: this is the offline answer, and why.
  if (a.fallback) $("answer").prepend(el("div", { className: "err fallback", textContent: "大模型不可用（" + (a.error || "未知错误") + "），以下是离线答案：" }));
  const ms = (ns) => (ns / 1e6).toFixed(1) + " ms";
  $("answer-meta").textContent = `方式：${{ llm: "大模型", graph: "知识图谱", extractive: "抽取" }[a.mode] || a.mode} · 用时 ${ms(a.timings.total_ns)}` +
    (a.standalone ? ` · 按“${a.standalone}”检索` : "") + (a.unsupported ? " · ⚠ 没有引用资料" : "");
  for (const f of a.facts || []) $("facts").append(el("div", { className: "fact", textContent: `${f.s} —${f.r}→ ${f.o}` }));
  for (const c of citations) {
    const li = el("li", {}, el("button", { className: "cite", type: "button", textContent: "[" + c.n + "]", onclick: () => openSource(c.n) }), ` ${c.title || c.doc}（${c.doc} #${c.chunk}${place(c) ? "，" + place(c) : ""}）`);
    $("citations").append(li);
  }
}

// Search: each signal's rank beside the fused one.
$("search-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const q = $("search-q").value.trim();
  if (!q) return;
  const out = $("search-results");
  out.textContent = "搜索中…";
  const params = new URLSearchParams({ q, kb: kb(), k: "10", mode: $("search-mode").value });
  const res = await fetch("/v1/search?" + params, { headers: headers() });
  if (!res.ok) { out.innerHTML = ""; out.append(el("p", { className: "err", textContent: await errorText(res) })); return; }
  const j = await res.json();
  out.innerHTML = "";
  if (!j.hits.length) out.append(el("p", { className: "muted", textContent: "没有找到。" }));
  j.hits.forEach((h, i) => {
    const sig = j.signals.map((s, k) => `${s} ${h.ranks[k] ? "#" + h.ranks[k] : "—"}`).join(" · ");
    out.append(el("div", { className: "hit" },
      el("div", {}, el("strong", { textContent: `${i + 1}. ${h.title || h.doc}` }), el("span", { className: "muted", textContent: `  ${h.doc} #${h.chunk}${place(h) ? " · " + place(h) : ""}` })),
      el("div", { className: "signals", textContent: sig }),
      el("div", { textContent: h.text.length > 240 ? h.text.slice(0, 240) + "…" : h.text })));
  });
});

// Uploads, with progress and a result per file.
$("upload-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const files = $("file").files;
  if (!files.length) return;
  const fd = new FormData();
  fd.append("kb", kb());
  for (const f of files) fd.append("file", f, f.name);
  const xhr = new XMLHttpRequest();
  const bar = $("upload-progress");
  bar.hidden = false;
  bar.value = 0;
  xhr.upload.onprogress = (ev) => { if (ev.lengthComputable) bar.value = (100 * ev.loaded) / ev.total; };
  xhr.onload = () => {
    bar.value = 100;
    const t = $("upload-results");
    t.innerHTML = "<tr><th>文件</th><th>文档</th><th>块</th><th>结果</th></tr>";
    let j;
    try { j = JSON.parse(xhr.responseText); } catch { j = {}; }
    if (xhr.status !== 200) { t.append(el("tr", {}, el("td", { className: "err", colSpan: 4, textContent: j.error ? j.error.message : xhr.statusText }))); return; }
    for (const f of j.files) t.append(el("tr", {}, el("td", { textContent: f.name }), el("td", { textContent: f.documents }), el("td", { textContent: f.chunks }),
      el("td", { className: f.error ? "err" : "", textContent: f.error || "已入库" })));
    loadKBs();
    loadDocs();
  };
  xhr.onerror = () => { $("upload-results").textContent = "上传失败"; };
  xhr.open("POST", "/v1/documents?kb=" + encodeURIComponent(kb()));
  if (keyBox.value) xhr.setRequestHeader("Authorization", "Bearer " + keyBox.value);
  xhr.send(fd);
});

async function loadDocs() {
  const t = $("doc-list");
  const res = await fetch("/v1/documents?" + new URLSearchParams({ kb: kb(), size: "200" }), { headers: headers() });
  t.innerHTML = "";
  if (!res.ok) { t.append(el("tr", {}, el("td", { className: "err", textContent: await errorText(res) }))); return; }
  const j = await res.json();
  t.append(el("tr", {}, el("th", { textContent: `共 ${j.total} 篇` }), el("th", { textContent: "标题" }), el("th", { textContent: "块" })));
  for (const d of j.documents) {
    const view = el("button", { type: "button", textContent: "查看块", onclick: () => openDoc(d.id) });
    t.append(el("tr", {}, el("td", { textContent: d.id }), el("td", { textContent: d.title }), el("td", { textContent: d.chunks }), el("td", {}, view)));
  }
}

// A document as the index holds it: its chunks in order, each with its
// section, page or place — why an answer was, or was not, found.
async function openDoc(id) {
  const res = await fetch("/v1/documents/" + id.split("/").map(encodeURIComponent).join("/") + "?" + new URLSearchParams({ kb: kb() }), { headers: headers() });
  $("source-title").textContent = id;
  $("source-text").textContent = "";
  if (!res.ok) { $("source-doc").textContent = await errorText(res); $("source-panel").hidden = false; return; }
  const j = await res.json();
  $("source-doc").textContent = `${j.title} · ${j.chunks.length} 个块`;
  for (const c of j.chunks) {
    const head = el("div", { className: "muted", textContent: `#${c.n}${place(c) ? " · " + place(c) : ""}${c.header ? " · 表头：" + c.header : ""}` });
    $("source-text").append(el("div", { className: "chunk" }, head, el("div", { textContent: c.text })));
  }
  $("source-panel").hidden = false;
  $("source-close").focus();
}

loadKBs();
