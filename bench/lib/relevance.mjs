// The relevance part of `make bench` (BENCH_PARTS=relevance): our engine and its peers
// (MiniSearch, Fuse.js, Pagefind) on the graded judgments of data/relevance/judgments.json,
// over the same two datasets (data/relevance/hospital.json, "written", and
// `hospital-data generate --doctors 1000 --articles 0 --seed 1`, "generated"), scored with
// the formulas of crates/hospital-core/examples/relevance.rs (bench/lib/metrics.mjs).
//
// Ours: the native example's per-query figures (`--json`, run by scripts/bench.sh into
// bench/out/relevance-ours.json), i.e. the engine the app ships, on the whole ranked list.
// Peers: one Chromium page per dataset (bench/www/relevance.html), each peer indexing the
// same fields as ours; Pagefind's index is built here with its Node API and searched by its
// own browser JS and wasm in that page. Their ranked lists are cut at 100 (MRR beyond rank
// 100 would add less than 0.01).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { benchDir, dataDir, outDir, repo, launch, log } from "./common.mjs";
import { measure, byClass } from "./metrics.mjs";
import { fold, texts, pinyinForms } from "../www/shared.mjs";

export const PEER_LABELS = {
  ours: "ours",
  minisearch: "MiniSearch 7.2",
  "minisearch-or": "MiniSearch 7.2 (OR)",
  fuse: "Fuse.js 7.5",
  pagefind: "Pagefind 1.6",
};

// Rank names as the app shows them (crates/hospital-core/src/labels.rs), for the keys of the data.
const RANKS = {
  chief_physician: ["Chief Physician", "主任医师"],
  associate_chief_physician: ["Associate Chief Physician", "副主任医师"],
  attending_physician: ["Attending Physician", "主治医师"],
  resident_physician: ["Resident Physician", "住院医师"],
  physician: ["Physician", "医师"],
  assistant_physician: ["Assistant Physician", "医士"],
  chief_pharmacist: ["Chief Pharmacist", "主任药师"],
  associate_chief_pharmacist: ["Associate Chief Pharmacist", "副主任药师"],
  supervising_pharmacist: ["Supervising Pharmacist", "主管药师"],
  pharmacist: ["Pharmacist", "药师"],
  chief_nurse: ["Chief Nurse", "主任护师"],
  associate_chief_nurse: ["Associate Chief Nurse", "副主任护师"],
  supervising_nurse: ["Supervising Nurse", "主管护师"],
  nurse: ["Nurse", "护士"],
  professor: ["Professor", "教授"],
  associate_professor: ["Associate Professor", "副教授"],
};
const rankTexts = (t) => (t == null ? [] : RANKS[t] ?? texts(t));

/**
 * One document per doctor with the fields our engine searches, as arrays of strings:
 * names (en, zh), pinyin (syllables, joined, initials, ü also as v), rank titles, specialties,
 * conditions, departments' names and keywords, and the names of the campuses where the
 * doctor holds clinics (with the hospital's name). Biographies and education are left out
 * for every engine (ours ranks them last; for the peers they would be noise).
 */
export function relevanceDocs(ds) {
  const depts = new Map(ds.departments.map((d) => [d.id, d]));
  const campuses = new Map((ds.hospital?.campuses || []).map((c) => [c.id, texts(c.name)]));
  const hospital = texts(ds.hospital?.name);
  return ds.doctors.map((d) => {
    const py = pinyinForms(d.pinyin);
    const ds_ = (d.departments || []).map((id) => depts.get(id)).filter(Boolean);
    const held = [...new Set((d.schedule || []).map((s) => s.campus).filter(Boolean))];
    return {
      id: d.id,
      name: texts(d.name),
      pinyin: py.syllables,
      pinyinJoined: py.joined,
      pinyinInitials: py.initials,
      title: [...rankTexts(d.title), ...rankTexts(d.academic_title)],
      specialties: (d.specialties || []).flatMap(texts),
      conditions: (d.conditions || []).flatMap(texts),
      departments: ds_.flatMap((x) => texts(x.name)),
      keywords: ds_.flatMap((x) => (x.keywords || []).flatMap(texts)),
      campuses: [...held.flatMap((c) => campuses.get(c) || [c]), ...hospital],
    };
  });
}

function loadSets() {
  const read = (p) => JSON.parse(fs.readFileSync(p, "utf8"));
  return {
    written: read(path.join(repo, "data/relevance/hospital.json")),
    generated: read(path.join(dataDir, "relevance-generated/hospital.json")),
  };
}

/** Pagefind's index of one dataset's documents, written to bench/out/pagefind/<set>/. */
async function buildPagefind(set, docs) {
  // bench/node_modules (not the root's): import by path, the package exports only `import`.
  const pagefind = await import(pathToFileURL(path.join(benchDir, "node_modules/pagefind/lib/index.js")).href);
  const { index, errors } = await pagefind.createIndex({ forceLanguage: "zh" });
  if (!index) throw new Error(`pagefind createIndex: ${errors.join("; ")}`);
  for (const d of docs) {
    // Content: every field as a line, folded like the other peers' input (tone marks off).
    const lines = [d.name, d.pinyin, d.pinyinJoined, d.pinyinInitials, d.title, d.specialties, d.conditions, d.departments, d.keywords, d.campuses]
      .map((f) => f.map(fold).join(" "))
      .filter(Boolean);
    const r = await index.addCustomRecord({
      url: `/doctors/${d.id}`,
      content: lines.join("\n"),
      language: "zh",
      meta: { title: d.name.join(" / ") },
      filters: { department: d.departments, campus: d.campuses, rank: d.title },
    });
    if (r.errors?.length) throw new Error(`pagefind addCustomRecord ${d.id}: ${r.errors.join("; ")}`);
  }
  const dir = path.join(outDir, "pagefind", set);
  fs.rmSync(dir, { recursive: true, force: true });
  const w = await index.writeFiles({ outputPath: dir });
  if (w.errors?.length) throw new Error(`pagefind writeFiles: ${w.errors.join("; ")}`);
  await pagefind.close();
  return `/bench-out/pagefind/${set}/`;
}

export async function runRelevance({ serverUrl, environment }) {
  const judgments = JSON.parse(fs.readFileSync(path.join(repo, "data/relevance/judgments.json"), "utf8"));
  const queries = judgments.queries;
  const sets = loadSets();
  const lists = {}; // engine -> per query index -> ranked ids
  for (const [set, ds] of Object.entries(sets)) {
    const docs = relevanceDocs(ds);
    log(`relevance: Pagefind index of ${set} (${docs.length} doctors)`);
    const pagefindBase = await buildPagefind(set, docs);
    const mine = queries.map((q, i) => [i, q]).filter(([, q]) => q.dataset === set);
    log(`relevance: peers on ${mine.length} ${set} queries in Chromium`);
    const browser = await launch();
    try {
      const page = await browser.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${serverUrl}/bench/relevance.html`);
      await page.waitForFunction(() => window.relevanceReady === true);
      const got = await page.evaluate((o) => window.relevanceRun(o), { docs, queries: mine.map(([, q]) => q.q), pagefindBase, cut: 100 });
      if (errors.length) log(`relevance: page errors: ${errors.join("; ")}`);
      for (const [engine, perQuery] of Object.entries(got.lists)) {
        lists[engine] ||= [];
        perQuery.forEach((ranked, k) => (lists[engine][mine[k][0]] = ranked));
      }
      var info = got.info;
    } finally {
      await browser.close();
    }
  }
  const engines = {};
  for (const [engine, perQuery] of Object.entries(lists)) {
    const rows = queries.map((q, i) => ({ dataset: q.dataset, class: q.class, q: q.q, ...measure(perQuery[i] || [], q.grades), found: (perQuery[i] || []).length, top: (perQuery[i] || []).slice(0, 10).map((id) => `${id}:${q.grades[id] ?? 0}`).join(" ") }));
    engines[engine] = { rows };
  }
  const oursFile = path.join(outDir, "relevance-ours.json");
  if (fs.existsSync(oursFile)) {
    const ours = JSON.parse(fs.readFileSync(oursFile, "utf8"));
    if (ours.queries.length !== queries.length) throw new Error(`${oursFile}: ${ours.queries.length} queries, judgments have ${queries.length}`);
    engines.ours = { rows: ours.queries.map((r, i) => ({ ...r, class: queries[i].class })) };
  } else {
    log(`relevance: ${oursFile} missing (scripts/bench.sh writes it); ours left out`);
  }
  const summary = {};
  for (const [engine, { rows }] of Object.entries(engines)) {
    summary[engine] = { all: byClass(rows), written: byClass(rows.filter((r) => r.dataset === "written")), generated: byClass(rows.filter((r) => r.dataset === "generated")) };
  }
  for (const [e, s] of Object.entries(summary)) log(`  ${e}: nDCG@10 ${s.all.all.ndcg10.toFixed(3)} P@10 ${s.all.all.p10.toFixed(3)} MRR ${s.all.all.mrr.toFixed(3)}`);
  return { date: new Date().toISOString(), environment, queries: queries.length, info, summary, perQuery: Object.fromEntries(Object.entries(engines).map(([e, { rows }]) => [e, rows])) };
}
