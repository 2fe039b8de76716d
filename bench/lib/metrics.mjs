// nDCG@10, precision@10 and MRR of one ranked list against graded judgments (0-3), the same
// formulas as crates/hospital-core/examples/relevance.rs (`measure`), so that the peers'
// figures and ours can sit in one table:
// - nDCG@10: gain 2^g − 1 discounted by log2(rank + 1), over the ideal order of every judged doctor;
// - P@10: the share of the first (up to) ten results graded ≥ 1, 0 when nothing is returned;
// - MRR: 1 / the rank of the first result graded ≥ 2, 0 if none.
// Plain module without dependencies (tests/bench-metrics.test.mjs checks it by hand-computed cases).

/** `ranked`: ids best first; `grades`: { id: 0..3 }. Returns { ndcg10, p10, mrr }. */
export function measure(ranked, grades) {
  const gain = (g) => 2 ** g - 1;
  const disc = (i) => Math.log2(i + 2);
  const grade = (id) => Math.min(3, grades[id] ?? 0);
  const top = ranked.slice(0, 10);
  const dcg = top.reduce((s, id, i) => s + gain(grade(id)) / disc(i), 0);
  const ideal = Object.values(grades).map((g) => Math.min(3, g)).sort((a, b) => b - a).slice(0, 10);
  const idcg = ideal.reduce((s, g, i) => s + gain(g) / disc(i), 0);
  const p10 = top.length ? top.filter((id) => grade(id) >= 1).length / top.length : 0;
  const first = ranked.findIndex((id) => grade(id) >= 2);
  return { ndcg10: idcg > 0 ? dcg / idcg : 0, p10, mrr: first >= 0 ? 1 / (first + 1) : 0 };
}

/** Means per class (and "all") of per-query rows { class, ndcg10, p10, mrr }. */
export function byClass(rows) {
  const out = {};
  const add = (key, r) => {
    const s = (out[key] ||= { n: 0, ndcg10: 0, p10: 0, mrr: 0 });
    s.n += 1;
    s.ndcg10 += r.ndcg10;
    s.p10 += r.p10;
    s.mrr += r.mrr;
  };
  for (const r of rows) {
    add(r.class, r);
    add("all", r);
  }
  for (const s of Object.values(out)) for (const k of ["ndcg10", "p10", "mrr"]) s[k] /= s.n;
  return out;
}
