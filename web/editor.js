// The policy editor of `jaring serve`: CodeMirror 6 with the policy language's colours,
// diagnostics from the server as you type, quick fixes, and look-ups of region and
// occupation codes. Bundled by `npm run build` into src/serve/assets/editor.js.
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { StreamLanguage, HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { linter, lintGutter, forceLinting } from "@codemirror/lint";
import { autocompletion } from "@codemirror/autocomplete";
import { tags } from "@lezer/highlight";

const KEYWORDS = new Set([
  "program", "title", "region", "regulation", "benefits", "declared-wage", "period", "funding",
  "kind", "budget", "cite", "quota", "occupations", "age", "at", "residence", "within",
  "exclude", "plugin", "sha256", "sub-quota", "reserve", "yields-to", "rank", "by", "catalog",
  "rates", "poverty-decile", "max", "fuel", "memory", "param", "release-unused", "for",
]);

// A small tokenizer: comments, strings, amounts, codes, keywords.
const policy = StreamLanguage.define({
  token(stream) {
    if (stream.eatSpace()) return null;
    if (stream.match("#")) { stream.skipToEnd(); return "comment"; }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return "string";
    if (stream.match(/^Rp[0-9.]+/)) return "number";
    if (stream.match(/^[0-9]{2}(?:\.[0-9]{2}){1,2}(?:\.[0-9]{4})?/)) return "atom";
    if (stream.match(/^[0-9][0-9.\-]*/)) return "number";
    if (stream.match(/^[A-Za-z][A-Za-z0-9\-_]*/)) {
      return KEYWORDS.has(stream.current()) ? "keyword" : "variableName";
    }
    stream.next();
    return null;
  },
});

const colours = HighlightStyle.define([
  { tag: tags.keyword, color: "#1d4ed8", fontWeight: "600" },
  { tag: tags.string, color: "#047857" },
  { tag: tags.comment, color: "#6b7280", fontStyle: "italic" },
  { tag: tags.number, color: "#b45309" },
  { tag: tags.atom, color: "#7c3aed" },
]);

// create(parent, { doc, check(text) -> Promise<diagnostics>, complete(word) -> Promise<options>, onChange(text) })
export function create(parent, options) {
  const lint = linter(async (view) => {
    const text = view.state.doc.toString();
    const found = await options.check(text);
    const length = view.state.doc.length;
    return found.map((d) => ({
      from: Math.min(d.from, length),
      to: Math.min(Math.max(d.to, d.from), length),
      severity: d.severity === "error" ? "error" : d.severity === "warning" ? "warning" : "info",
      source: d.code,
      message: d.message + (d.help ? "\n" + d.help : ""),
      actions: (d.fixes || []).map((f) => ({
        name: f.label,
        apply(view) {
          view.dispatch({ changes: { from: f.from, to: f.to, insert: f.insert } });
        },
      })),
    }));
  }, { delay: 250 });

  const completion = autocompletion({
    override: [async (context) => {
      const word = context.matchBefore(/[A-Za-z][A-Za-z0-9 .\-]*$/);
      if (!word || (word.from === word.to && !context.explicit)) return null;
      const text = word.text.trim();
      if (text.length < 3) return null;
      const found = await options.complete(text);
      if (!found.length) return null;
      return {
        from: word.from + (word.text.length - word.text.trimStart().length),
        options: found.map((o) => ({ label: o.label, apply: o.apply, detail: o.detail, info: o.info, type: o.type })),
        filter: false,
      };
    }],
  });

  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.doc || "",
      extensions: [
        lineNumbers(), history(), drawSelection(), highlightActiveLine(),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        policy, syntaxHighlighting(colours), lintGutter(), lint, completion,
        EditorView.lineWrapping,
        EditorView.updateListener.of((u) => { if (u.docChanged && options.onChange) options.onChange(u.state.doc.toString()); }),
      ],
    }),
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    setText(text) { view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }); },
    relint() { forceLinting(view); },
  };
}
