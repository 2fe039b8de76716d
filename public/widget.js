// hospital-site widget loader. A host page includes this one module:
//   <script type="module" src="https://example.org/hospital-site/v1/widget.js"></script>
// and marks where the app goes with <div data-hospital-site></div>.
// The wasm and the stylesheet are loaded from beside this file, whatever the host's origin or path.
import init from "./hospital_site.js";

const assets = new URL(".", import.meta.url).href;
for (const el of document.querySelectorAll("[data-hospital-site]")) {
  if (!el.dataset.hsAssets) el.dataset.hsAssets = assets;
}
init();
