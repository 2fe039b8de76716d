// The in-page side of the relevance part (bench/lib/relevance.mjs): MiniSearch, Fuse.js and
// Pagefind on the judged queries of one dataset; returns each one's ranked doctor ids.
import { fold } from "./shared.mjs";

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Folded words; a Chinese run becomes its characters and its character pairs (bigrams) for
 * indexing, and its pairs alone (or the character, for a run of one) for a query: no word
 * segmentation, so that any part of a Chinese word can be found and a query's characters
 * must be adjacent in pairs.
 */
function cjkTokens(s, query) {
  const out = [];
  for (const m of fold(s).matchAll(WORD)) {
    let latin = "";
    let han = [];
    const flushHan = () => {
      if (!han.length) return;
      if (!query || han.length === 1) out.push(...han);
      for (let i = 0; i + 1 < han.length; i++) out.push(han[i] + han[i + 1]);
      han = [];
    };
    for (const ch of m[0]) {
      if (HAN.test(ch)) {
        if (latin) out.push(latin);
        latin = "";
        han.push(ch);
      } else {
        flushHan();
        latin += ch;
      }
    }
    flushHan();
    if (latin) out.push(latin);
  }
  return out;
}

/** Field weights in our engine's order: names and pinyin, then specialties and conditions, then the rest. */
const WEIGHTS = { name: 3, pinyin: 3, pinyinJoined: 3, pinyinInitials: 3, specialties: 2, conditions: 2, departments: 1.5, keywords: 1, title: 1, campuses: 1 };

async function miniSearch(docs, combineWith) {
  const { default: MiniSearch } = await import("/bench-node/minisearch/dist/es/index.js");
  const ms = new MiniSearch({
    fields: Object.keys(WEIGHTS),
    storeFields: [],
    extractField: (doc, f) => (f === "id" ? doc.id : doc[f].join("\n")),
    tokenize: (text) => cjkTokens(text, false),
    processTerm: (t) => t,
    searchOptions: { tokenize: (text) => cjkTokens(text, true), prefix: true, fuzzy: 0.2, combineWith, boost: WEIGHTS },
  });
  ms.addAll(docs);
  return (q) => ms.search(q).map((r) => r.id);
}

async function fuse(docs) {
  const { default: Fuse } = await import("/bench-node/fuse.js/dist/fuse.mjs");
  const f = new Fuse(docs, {
    keys: Object.entries(WEIGHTS).map(([name, weight]) => ({ name, weight })),
    useTokenSearch: true,
    tokenMatch: "all",
    tokenize: (text) => cjkTokens(text, false),
    ignoreDiacritics: true,
    ignoreLocation: true,
    threshold: 0.3,
    shouldSort: true,
  });
  return (q) => f.search(q).map((r) => r.item.id);
}

async function pagefind(base, cut) {
  const pf = await import(`${base}pagefind.js`);
  await pf.options({ basePath: base });
  await pf.init();
  return async (q) => {
    const r = await pf.search(q);
    if (!r) return [];
    const data = await Promise.all(r.results.slice(0, cut).map((x) => x.data()));
    return data.map((d) => d.url.replace(/^.*\/doctors\//, "").replace(/\/$/, ""));
  };
}

window.relevanceRun = async ({ docs, queries, pagefindBase, cut }) => {
  const engines = {
    minisearch: await miniSearch(docs, "AND"),
    "minisearch-or": await miniSearch(docs, "OR"),
    fuse: await fuse(docs),
    pagefind: await pagefind(pagefindBase, cut),
  };
  const lists = {};
  for (const [name, search] of Object.entries(engines)) {
    lists[name] = [];
    for (const q of queries) lists[name].push((await search(q)).slice(0, cut));
  }
  return { lists, info: { tokensOf: Object.fromEntries(["心血管内科", "张伟 主任医师"].map((q) => [q, cjkTokens(q, true)])) } };
};
window.relevanceReady = true;
