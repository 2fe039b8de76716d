// What the benchmark page and the Node driver share: text folding and tokens, the
// documents given to the JavaScript engines, the query script, and the exact oracle.
// Plain ES module without dependencies: it runs in Chromium and in Node.

/** Case, accents, tone marks and full-width forms folded away (NFKD, marks dropped, lower case). */
export function fold(s) {
  return String(s).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Folded tokens: runs of letters and digits, with every Chinese character a token of its
 * own (as our engine does; no word segmentation, so a prefix of a Chinese word still matches).
 */
export function tokens(s) {
  const out = [];
  for (const m of fold(s).matchAll(WORD)) {
    const w = m[0];
    if (!HAN.test(w)) {
      out.push(w);
      continue;
    }
    let run = "";
    for (const ch of w) {
      if (HAN.test(ch)) {
        if (run) out.push(run);
        run = "";
        out.push(ch);
      } else {
        run += ch;
      }
    }
    if (run) out.push(run);
  }
  return out;
}

/** Every language version of a dataset text (a plain string or a map language -> string). */
export function texts(t) {
  if (t == null) return [];
  if (typeof t === "string") return [t];
  return Object.values(t).filter((v) => typeof v === "string");
}

const UMLAUT_U = /[üǖǘǚǜÜǕǗǙǛ]/u;
const UMLAUT_U_ALL = /[üǖǘǚǜÜǕǗǙǛ]/gu;

/**
 * Pinyin as people type it, like our engine indexes it: syllables ("zhang wei"), joined
 * ("zhangwei") and initials ("zw"), tones dropped, and ü also spelled v (the keyboard way).
 */
export function pinyinForms(pinyin) {
  const out = { syllables: [], joined: [], initials: [] };
  if (!pinyin) return out;
  const spellings = [pinyin];
  if (UMLAUT_U.test(pinyin)) spellings.push(pinyin.replace(UMLAUT_U_ALL, "v"));
  for (const p of spellings) {
    const sylls = p
      .split(/[\s'’\-·]+/u)
      .map((raw) => fold(raw).replace(/[^\p{L}]/gu, ""))
      .filter(Boolean);
    if (!sylls.length) continue;
    out.syllables.push(sylls.join(" "));
    if (sylls.length > 1) {
      out.joined.push(sylls.join(""));
      out.initials.push(sylls.map((s) => s[0]).join(""));
    }
  }
  return out;
}

/**
 * The documents the JavaScript engines index, one per doctor, `id` = index in `doctors`:
 * names in every language, pinyin (syllables, joined, initials), specialties, conditions and
 * department names, each in every language. Arrays of strings; the engines join or map them.
 */
export function doctorDocs(ds) {
  const deptNames = new Map(ds.departments.map((d) => [d.id, texts(d.name)]));
  return ds.doctors.map((d, id) => {
    const py = pinyinForms(d.pinyin);
    return {
      id,
      name: texts(d.name),
      pinyin: py.syllables,
      pinyinJoined: py.joined,
      pinyinInitials: py.initials,
      specialties: (d.specialties || []).flatMap(texts),
      conditions: (d.conditions || []).flatMap(texts),
      departments: (d.departments || []).flatMap((id) => deptNames.get(id) || [id]),
    };
  });
}

export const DOC_FIELDS = ["name", "pinyin", "pinyinJoined", "pinyinInitials", "specialties", "conditions", "departments"];

/**
 * The query script. Every query is typed one key at a time (a Chinese character counts as
 * one key, as an input method commits it); each keystroke is one timed search. `intent` is
 * what the user meant (the correct spelling of a typo); the oracle answers the intent.
 * The names come from the first 1,000 generated doctors, which are the same at every size.
 */
export const QUERIES = [
  { kind: "English name", typed: "Chen Ding" },
  { kind: "English name", typed: "Hongwen Bai" },
  { kind: "English surname", typed: "Wang" },
  { kind: "pinyin, syllables", typed: "ma yong ping" },
  { kind: "pinyin, syllables", typed: "lin si liang" },
  { kind: "pinyin, joined", typed: "baihongwen" },
  { kind: "pinyin, joined", typed: "jiangguoyu" },
  { kind: "pinyin, initials", typed: "cxy" },
  { kind: "pinyin, initials", typed: "lsl" },
  { kind: "pinyin, ü typed as v", typed: "lv bin" },
  { kind: "Chinese name", typed: "丁晨" },
  { kind: "Chinese name", typed: "王娜" },
  { kind: "Chinese surname", typed: "张" },
  { kind: "Chinese department", typed: "心内科" },
  { kind: "Chinese condition", typed: "高血压" },
  { kind: "prefix", typed: "cardi" },
  { kind: "prefix", typed: "neur" },
  { kind: "prefix", typed: "derm" },
  { kind: "typo", typed: "cardiolgy", intent: "cardiology" },
  { kind: "typo", typed: "hypertensoin", intent: "hypertension" },
  { kind: "typo", typed: "diabtes", intent: "diabetes" },
  { kind: "typo", typed: "zhnag", intent: "zhang" },
  { kind: "typo", typed: "pediatircs", intent: "pediatrics" },
  { kind: "condition", typed: "atrial fibrillation" },
  { kind: "condition", typed: "asthma" },
  { kind: "condition", typed: "glaucoma" },
  { kind: "condition", typed: "chronic kidney disease" },
  { kind: "department", typed: "ophthalmology" },
  { kind: "multi-word", typed: "zhang cardiology" },
  { kind: "multi-word", typed: "wang heart failure" },
  { kind: "multi-word", typed: "li 高血压" },
  { kind: "multi-word", typed: "chen neurology epilepsy" },
];

/** Every keystroke of the script: the text in the box after each key, and its query. */
export function keystrokes(queries = QUERIES) {
  const out = [];
  queries.forEach((q, qi) => {
    const chars = [...q.typed];
    for (let i = 1; i <= chars.length; i++) out.push({ query: qi, text: chars.slice(0, i).join(""), last: i === chars.length });
  });
  return out;
}

/**
 * Query words for the oracle: folded Latin words, and each run of Chinese characters either
 * as one word (`runs`) or as one word per character (`chars`).
 */
export function queryWords(q, mode = "runs") {
  if (mode === "chars") return [...new Set(tokens(q))];
  const out = [];
  for (const m of fold(q).matchAll(WORD)) {
    let run = "";
    let latin = "";
    for (const ch of m[0]) {
      if (HAN.test(ch)) {
        if (latin) out.push(latin);
        latin = "";
        run += ch;
      } else {
        if (run) out.push(run);
        run = "";
        latin += ch;
      }
    }
    if (run) out.push(run);
    if (latin) out.push(latin);
  }
  return [...new Set(out)];
}

/**
 * The oracle: the doctors a query should find, by exact matching over the raw dataset, in
 * the doctor's names (all languages), pinyin (syllables, joined, initials, ü as u and v),
 * specialties, conditions and department names (all languages). A doctor is expected when
 * EVERY word of the query (of the intent, for a typo) matches:
 * - a Latin word: it is a prefix of one of the doctor's folded words;
 * - a run of Chinese characters, in mode `runs` (the main oracle): the run occurs as it is
 *   written in one of those texts (`心内科` in the department name 心内科, `王娜` in the name
 *   王娜 but not in 王梓娜); in mode `chars`: every character occurs somewhere in them (how a
 *   per-character tokenizer, as given to MiniSearch and Fuse.js, sees it).
 * No typo tolerance, no synonyms, no biography: what a careful person would accept as a match.
 */
export class Oracle {
  constructor(docs) {
    this.docs = docs.map((doc) => {
      const set = new Set();
      const texts = [];
      for (const f of DOC_FIELDS) {
        for (const s of doc[f]) {
          texts.push(fold(s));
          for (const t of tokens(s)) set.add(t);
        }
      }
      return { tokens: [...set], texts };
    });
  }

  expected(query, mode = "runs") {
    const words = queryWords(query, mode);
    if (!words.length) return [];
    const out = [];
    this.docs.forEach((doc, id) => {
      const ok = words.every((w) =>
        HAN.test(w) && mode === "runs" ? doc.texts.some((t) => t.includes(w)) : doc.tokens.some((t) => t.startsWith(w)),
      );
      if (ok) out.push(id);
    });
    return out;
  }
}
