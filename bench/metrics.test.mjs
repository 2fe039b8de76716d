// `node --test bench/`: the relevance metrics of bench/lib/metrics.mjs on hand-computed cases
// (the same formulas as crates/hospital-core/examples/relevance.rs). Cheap; not a benchmark.
import test from "node:test";
import assert from "node:assert/strict";
import { measure, byClass } from "./lib/metrics.mjs";

const close = (a, b) => assert.ok(Math.abs(a - b) < 1e-9, `${a} != ${b}`);

test("nDCG@10, P@10 and MRR of a short list", () => {
  // DCG = 7/log2(2) + 0 + 1/log2(4) = 7.5; ideal 3,2,1 = 7 + 3/log2(3) + 1/2.
  const m = measure(["a", "b", "c"], { a: 3, c: 1, d: 2 });
  close(m.ndcg10, 7.5 / (7.5 + 3 / Math.log2(3)));
  close(m.p10, 2 / 3);
  close(m.mrr, 1);
});

test("MRR counts only grade 2 and up; P@10 counts grade 1", () => {
  const m = measure(["x", "c", "d"], { c: 1, d: 2 });
  close(m.mrr, 1 / 3);
  close(m.p10, 2 / 3);
});

test("nothing found scores 0, and only the first ten count", () => {
  assert.deepEqual(measure([], { a: 3 }), { ndcg10: 0, p10: 0, mrr: 0 });
  const ranked = [...Array(10).keys()].map((i) => `n${i}`).concat(["a"]);
  const m = measure(ranked, { a: 3 });
  close(m.ndcg10, 0);
  close(m.p10, 0);
  close(m.mrr, 1 / 11);
});

test("the ideal order scores 1; means per class", () => {
  close(measure(["a", "b"], { a: 3, b: 2 }).ndcg10, 1);
  const s = byClass([
    { class: "name", ndcg10: 1, p10: 1, mrr: 1 },
    { class: "name", ndcg10: 0, p10: 0.5, mrr: 0 },
    { class: "typo", ndcg10: 0.5, p10: 0.5, mrr: 0.5 },
  ]);
  close(s.name.ndcg10, 0.5);
  close(s.name.p10, 0.75);
  assert.equal(s.all.n, 3);
  close(s.all.mrr, 0.5);
});
