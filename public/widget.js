// hospital-site widget loader. A host page includes this one module:
//   <script type="module" src="https://example.org/hospital-site/v1/widget.js"></script>
// and marks where the app goes with <div data-hospital-site></div>.
// The wasm, the stylesheet and (without data-src) the dataset, hospital.json, are loaded from
// beside this file, whatever the host's origin or path.
import init from "./hospital_site.js";

const assets = new URL(".", import.meta.url).href;
for (const el of document.querySelectorAll("[data-hospital-site]")) {
  if (!el.dataset.hsAssets) el.dataset.hsAssets = assets;
  // Reserve the widget's room before the app draws, so that the host page below it does
  // not jump when it does. A host that sizes the element itself (CSS min-height or
  // height, or data-min-height) keeps its own choice.
  const style = getComputedStyle(el);
  if (style.display === "inline") el.style.display = "block";
  if (el.dataset.minHeight) el.style.minHeight = el.dataset.minHeight;
  else if (style.minHeight === "0px" || style.minHeight === "auto") el.style.minHeight = "min(100vh, 48rem)";
}
init();
