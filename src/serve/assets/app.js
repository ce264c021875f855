// The workbench page: the editor, its problems, the effect of the text on the loaded
// registry, and the policy's test cases. Talks only to this server's /api.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const state = { path: null, version: null, ui: {}, editor: null, previewTimer: null, testsTimer: null, seq: 0 };
  const t = (key) => state.ui[key] || key;
  const esc = (s) => String(s == null ? "" : s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  const fmt = (n) => (n == null ? "-" : Number(n).toLocaleString("id-ID"));
  const rp = (n) => "Rp" + fmt(n);

  async function api(method, url, body) {
    const response = await fetch(url, {
      method,
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
      credentials: "same-origin",
    });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(data.error || response.statusText);
    return data;
  }

  function status(text) { $("status").textContent = text; }

  async function check(text) {
    const found = await api("POST", "/api/check", { path: state.path, text });
    showProblems(found.diagnostics);
    if (found.ok) schedule(text);
    return found.diagnostics;
  }

  function showProblems(list) {
    const ul = $("problems");
    ul.innerHTML = "";
    const shown = list.filter((d) => d.severity !== "note");
    $("problems-title").textContent = t("ui-problems") + " (" + shown.length + ")";
    if (!list.length) { ul.innerHTML = "<li class='note'>" + esc(t("ui-no-problems")) + "</li>"; return; }
    for (const d of list) {
      const li = document.createElement("li");
      li.className = d.severity + " problem";
      li.dataset.code = d.code;
      li.innerHTML = (d.line ? "<b>" + esc(t("ui-line")) + " " + d.line + "</b> " : "") + esc(d.message) +
        (d.help ? "<div class='help'>" + esc(d.help) + "</div>" : "");
      for (const f of d.fixes || []) {
        const b = document.createElement("button");
        b.className = "fix";
        b.type = "button";
        b.textContent = f.label;
        b.onclick = () => { state.editor.view.dispatch({ changes: { from: f.from, to: f.to, insert: f.insert } }); };
        li.appendChild(b);
      }
      ul.appendChild(li);
    }
  }

  function schedule(text) {
    clearTimeout(state.previewTimer);
    clearTimeout(state.testsTimer);
    state.previewTimer = setTimeout(() => preview(text), 300);
    state.testsTimer = setTimeout(() => tests(text), 600);
  }

  function delta(after, before) {
    if (before == null || after === before) return "";
    const d = after - before;
    return " <span class='" + (d > 0 ? "up" : "down") + "'>(" + (d > 0 ? "+" : "") + fmt(d) + ")</span>";
  }

  async function preview(text) {
    if (!state.registry) return;
    const seq = ++state.seq;
    let e;
    try {
      e = await api("POST", "/api/preview", { path: state.path, text, reveal: $("reveal").checked });
    } catch (err) {
      if (seq === state.seq) $("effect").innerHTML = "<p class='note'>" + esc(err.message) + "</p>";
      return;
    }
    if (seq !== state.seq) return;
    const a = e.after.programs[0] || {};
    const b = e.before ? e.before.programs[0] || {} : {};
    const o = e.after.outcomes, ob = e.before ? e.before.outcomes : {};
    let h = "<div class='cards'>";
    for (const k of ["enrolled", "waiting", "rejected", "invalid"]) {
      h += "<div class='card' data-count='" + k + "'><div class='n'>" + fmt(o[k]) + "</div><div class='d'>" + esc(t("ui-" + k)) + delta(o[k], ob[k]) + "</div></div>";
    }
    h += "</div><h3>" + esc(t("ui-money")) + "</h3><table id='money'><tr><th></th><th>" + esc(t("ui-used")) + "</th><th>" + esc(t("ui-budget")) + "</th></tr>";
    const before = {};
    for (const f of b.funding || []) before[f.id] = f.used;
    for (const f of a.funding || []) {
      h += "<tr data-funding='" + esc(f.id) + "'><td>" + esc(f.id) + "</td><td class='num'>" + rp(f.used) + delta(f.used, before[f.id]) + "</td><td class='num'>" + rp(f.budget) + "</td></tr>";
    }
    h += "<tr data-funding='total'><td><b>" + esc(t("ui-total")) + "</b></td><td class='num'><b>" + rp(a.money_used) + "</b>" + delta(a.money_used, b.money_used) + "</td><td class='num'>" + rp(a.budget) + "</td></tr></table>";
    const cap = a.quota != null ? a.quota : a.capacity;
    if (cap != null) {
      const pct = cap ? Math.min(100, (100 * a.enrolled) / cap) : 0;
      h += "<h3>" + esc(t("ui-quota")) + " " + fmt(a.enrolled) + " / " + fmt(cap) + "</h3><div class='bar'><div style='width:" + pct.toFixed(1) + "%'></div></div>";
    }
    for (const g of (a.sub_quotas || []).concat(a.reserves || [])) {
      const got = g.filled != null ? g.filled : g.enrolled;
      h += "<p class='note'>" + esc((g.occupations || []).concat(g.regions || []).join(", ")) + ": " + fmt(got) + " / " + fmt(g.count) + "</p>";
    }
    h += "<h3>" + esc(t("ui-gains")) + " (" + fmt(e.gained) + ")</h3>" + people(e.gains, "before");
    h += "<h3>" + esc(t("ui-losses")) + " (" + fmt(e.lost) + ")</h3>" + people(e.losses, "why");
    if (e.slices.length) {
      h += "<h3>" + esc(t("ui-slices")) + "</h3><ul>" + e.slices.map((s) => "<li>" + esc(s) + "</li>").join("") + "</ul>";
    }
    h += "<p class='note'>" + esc(t("ui-took")) + " " + e.ms + " ms</p>";
    $("effect").innerHTML = h;
    for (const b of document.querySelectorAll("button.keep")) b.onclick = () => keep(Number(b.dataset.row));
  }

  function people(list, extra) {
    if (!list.length) return "<p class='note'>-</p>";
    let h = "<table><tr><th>" + esc(t("ui-row")) + "</th><th>NIK</th><th>" + esc(t("ui-name")) + "</th><th></th><th></th></tr>";
    for (const p of list.slice(0, 50)) {
      h += "<tr><td class='num'>" + p.row + "</td><td>" + esc(p.nik) + "</td><td>" + esc(p.name) + "</td><td>" + esc(p[extra] || p.now || "") +
        "</td><td><button type='button' class='keep' data-row='" + p.row + "'>" + esc(t("ui-keep")) + "</button></td></tr>";
    }
    return h + "</table>";
  }

  async function keep(row) {
    const name = window.prompt(t("ui-case-name"), t("ui-row") + " " + row);
    if (!name) return;
    try {
      await api("POST", "/api/tests/add", { path: state.path, row, name });
      status(t("ui-case-added"));
      tests(state.editor.text());
    } catch (err) { status(err.message); }
  }

  async function tests(text) {
    let r;
    try { r = await api("POST", "/api/tests", { path: state.path, text }); } catch (err) { $("tests").innerHTML = "<p class='note'>" + esc(err.message) + "</p>"; return; }
    if (!r.cases.length) { $("tests").innerHTML = "<p class='note'>" + esc(t("ui-no-tests")) + " " + esc(r.file) + "</p>"; return; }
    let h = "<table id='cases'>";
    for (const c of r.cases) h += "<tr><td class='" + (c.passed ? "pass'>✓" : "fail'>✗") + "</td><td>" + esc(c.name) + "</td><td>" + esc(c.got) + "</td></tr>";
    h += "</table><h3>" + esc(t("ui-coverage")) + "</h3><table>";
    for (const c of r.coverage) h += "<tr><td>" + esc(c.rule) + "</td><td class='num'>✓ " + c.passed_by + "</td><td class='num'>✗ " + c.failed_by + "</td></tr>";
    $("tests").innerHTML = h + "</table>";
  }

  async function save() {
    try {
      const r = await api("POST", "/api/save", { path: state.path, text: state.editor.text(), version: state.version });
      state.version = r.version;
      if (r.text !== state.editor.text()) state.editor.setText(r.text);
      status(r.formatted ? t("ui-saved") : t("ui-saved-unformatted"));
    } catch (err) { status(err.message); }
  }

  async function open(path) {
    const f = await api("GET", "/api/file?path=" + encodeURIComponent(path));
    state.path = path;
    state.version = f.version;
    if (state.editor) { state.editor.setText(f.text); return; }
    state.editor = JaringEditor.create($("editor"), {
      doc: f.text,
      check,
      complete: async (word) => (await api("GET", "/api/lookup?q=" + encodeURIComponent(word))).items,
    });
    window.jaringEditor = state.editor;
  }

  async function start() {
    const s = await api("GET", "/api/session");
    state.ui = s.ui;
    state.registry = s.registry;
    document.documentElement.lang = s.lang;
    $("save").textContent = t("ui-save");
    $("reveal-label").textContent = t("ui-reveal");
    $("problems-title").textContent = t("ui-problems");
    $("effect-title").textContent = t("ui-effect") + (s.registry ? " — " + s.registry.name + " (" + fmt(s.registry.rows) + ")" : "");
    $("tests-title").textContent = t("ui-tests");
    if (!s.registry) $("effect").innerHTML = "<p class='note'>" + esc(t("ui-no-registry")) + "</p>";
    for (const f of s.files) {
      const o = document.createElement("option");
      o.value = f; o.textContent = f;
      $("file").appendChild(o);
    }
    $("file").onchange = () => open($("file").value);
    $("save").onclick = save;
    $("reveal").onchange = () => preview(state.editor.text());
    document.addEventListener("keydown", (e) => { if ((e.ctrlKey || e.metaKey) && e.key === "s") { e.preventDefault(); save(); } });
    if (s.files.length) await open(s.files[0]);
    status(t("ui-ready"));
  }
  start().catch((err) => status(err.message));
})();
