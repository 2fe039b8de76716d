// Injected by the benchmark into the app's pages before any of their scripts run
// (Playwright addInitScript). Observes only; never changes the page.
//
// - when the first `.news-card` / `.doctor-card` enters the DOM, and the end of the frame
//   that paints it (requestAnimationFrame, then a message: that task runs after the paint);
// - long tasks, largest contentful paint, Event Timing entries (>= 16 ms);
// - per keystroke in `#doctor-q`: from the key's event time to the end of the first frame
//   painted after the last DOM change the keystroke caused inside the finder.
(() => {
  const B = (window.__bench = { marks: {}, longtasks: [], lcp: null, events: [], keys: [] });
  const observe = (type, fn, extra = {}) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(fn)).observe({ type, buffered: true, ...extra });
    } catch {
      /* entry type not supported */
    }
  };
  observe("longtask", (e) => B.longtasks.push({ start: e.startTime, duration: e.duration }));
  observe("largest-contentful-paint", (e) => (B.lcp = e.startTime));
  observe(
    "event",
    (e) => {
      if (["keydown", "keyup", "keypress", "beforeinput", "input"].includes(e.name)) {
        B.events.push({ name: e.name, start: e.startTime, duration: e.duration, processingStart: e.processingStart, processingEnd: e.processingEnd });
      }
    },
    { durationThreshold: 16 },
  );

  /** Calls `cb(callbackTime, afterPaintTime)` for the next frame. */
  const nextFrame = (cb) =>
    requestAnimationFrame(() => {
      const r = performance.now();
      const ch = new MessageChannel();
      ch.port1.onmessage = () => cb(r, performance.now());
      ch.port2.postMessage(0);
    });

  const firsts = [
    [".news-card", "news"],
    [".doctor-card", "doctors"],
  ];
  let pending = null;
  const inFinder = (node) => {
    const el = node && (node.nodeType === 1 ? node : node.parentElement);
    return !!(el && el.closest && el.closest(".doctor-finder"));
  };
  const mo = new MutationObserver((records) => {
    const t = performance.now();
    for (const [sel, key] of firsts) {
      if (!B.marks[key] && document.querySelector(sel)) {
        const m = (B.marks[key] = { dom: t });
        nextFrame((r, painted) => {
          m.frame = r;
          m.painted = painted;
        });
      }
    }
    if (pending && records.some((r) => inFinder(r.target))) pending.mutations.push(t);
  });
  mo.observe(document, { childList: true, subtree: true, characterData: true });

  let lastKeydown = null;
  addEventListener(
    "keydown",
    (e) => {
      if (e.target && e.target.id === "doctor-q") lastKeydown = e.timeStamp;
    },
    true,
  );
  addEventListener(
    "input",
    (e) => {
      if (!e.target || e.target.id !== "doctor-q") return;
      const t0 = lastKeydown != null && e.timeStamp - lastKeydown < 200 ? lastKeydown : e.timeStamp;
      lastKeydown = null;
      const count = document.querySelector("#doctor-count");
      const rec = { t0, input: e.timeStamp, value: e.target.value, countBefore: count && count.textContent, mutations: [], frames: [] };
      B.keys.push(rec);
      pending = rec;
      let n = 0;
      const step = () =>
        nextFrame((r, painted) => {
          rec.frames.push([r, painted]);
          if (++n < 6) return step();
          // Six frames later: the paint that showed the last change.
          const last = rec.mutations.length ? Math.max(...rec.mutations) : -Infinity;
          const frame = rec.frames.find(([cb]) => cb > last) || rec.frames[rec.frames.length - 1];
          rec.painted = frame[1];
          rec.latency = rec.painted - rec.t0;
          // The main thread's own work: up to the last DOM change (or the end of the handlers).
          rec.work = Math.max(last, rec.handlersEnd ?? -Infinity) - rec.t0;
          const after = document.querySelector("#doctor-count");
          rec.countAfter = after && after.textContent;
          rec.changed = rec.mutations.length > 0;
          rec.done = true;
          if (pending === rec) pending = null;
        });
      step();
    },
    true,
  );
  // Bubbling listener on window: runs after the app's own listeners on the input.
  addEventListener("input", (e) => {
    if (e.target && e.target.id === "doctor-q" && pending) pending.handlersEnd = performance.now();
  });
})();
