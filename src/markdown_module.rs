//! The Markdown parser, which the app's wasm leaves out (about 67 kB gzip): a module of its
//! own (`crates/hospital-markdown`, published as [`MODULE_FILE`] beside the app), fetched
//! and instantiated the first time a page has Markdown to read. Compiled articles come
//! parsed at build time, so a site built by `hospital-data site` never fetches it; a JSON
//! dataset's articles (a widget's `data-src`, `trunk serve`) do.
//!
//! At build time (`prerender`, native) the parser is linked in and always there.

use hospital_core::markdown::Block;
pub use hospital_core::markdown::MODULE_FILE;

/// Where the module is, for this app (`App` provides it).
#[derive(Clone, Debug)]
pub struct MarkdownModule {
    url: std::sync::Arc<str>,
}

/// The module could not be fetched or started, or answered with damaged blocks.
#[derive(Clone, Debug)]
pub struct ModuleFailed;

impl MarkdownModule {
    pub fn new(url: String) -> MarkdownModule {
        MarkdownModule { url: url.into() }
    }

    /// The blocks of `markdown`, if the module is already there (never fetched for it).
    pub fn blocks_now(&self, markdown: &str) -> Option<Vec<Block>> {
        imp::blocks_now(markdown)
    }

    /// The plain text of `markdown` for the news search, if the module is already there.
    pub fn plain_text_now(&self, markdown: &str) -> Option<String> {
        imp::plain_text_now(markdown)
    }

    /// Whether the module is there (a news search through bodies asks before it searches).
    pub fn is_ready(&self) -> bool {
        imp::is_ready()
    }

    /// Fetches and starts the module, once for all callers; after a failure, the next
    /// call tries again.
    pub async fn ready(&self) -> Result<(), ModuleFailed> {
        imp::ready(&self.url).await
    }

    /// The blocks of `markdown`, fetching the module first if needed.
    pub async fn blocks(&self, markdown: &str) -> Result<Vec<Block>, ModuleFailed> {
        self.ready().await?;
        self.blocks_now(markdown).ok_or(ModuleFailed)
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use super::ModuleFailed;
    use hospital_core::markdown::{self, Block};

    pub fn blocks_now(text: &str) -> Option<Vec<Block>> {
        Some(markdown::parse(text))
    }

    pub fn plain_text_now(text: &str) -> Option<String> {
        Some(markdown::searchable_text(text))
    }

    pub fn is_ready() -> bool {
        true
    }

    pub async fn ready(_: &str) -> Result<(), ModuleFailed> {
        Ok(())
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::ModuleFailed;
    use crate::data::fetch_bytes;
    use hospital_core::markdown::{wire, Block};
    use js_sys::{Function, Object, Promise, Reflect, Uint8Array, WebAssembly};
    use std::cell::RefCell;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::{future_to_promise, JsFuture};

    /// The module's exports (see `crates/hospital-markdown`).
    struct Exports {
        memory: WebAssembly::Memory,
        input: Function,
        blocks: Function,
        plain_text: Function,
        output: Function,
    }

    thread_local! {
        /// The one instantiation under way or done: a promise, so that every caller
        /// awaits the same fetch.
        static LOADING: RefCell<Option<Promise>> = const { RefCell::new(None) };
        static EXPORTS: RefCell<Option<Exports>> = const { RefCell::new(None) };
    }

    pub fn is_ready() -> bool {
        EXPORTS.with_borrow(Option::is_some)
    }

    pub fn blocks_now(text: &str) -> Option<Vec<Block>> {
        let bytes = EXPORTS.with_borrow(|e| e.as_ref().and_then(|e| e.call(&e.blocks, text)))?;
        wire::read(&bytes).ok()
    }

    pub fn plain_text_now(text: &str) -> Option<String> {
        let bytes =
            EXPORTS.with_borrow(|e| e.as_ref().and_then(|e| e.call(&e.plain_text, text)))?;
        String::from_utf8(bytes).ok()
    }

    pub async fn ready(url: &str) -> Result<(), ModuleFailed> {
        if is_ready() {
            return Ok(());
        }
        let promise = LOADING.with_borrow_mut(|loading| {
            let url = url.to_string();
            (loading.get_or_insert_with(|| future_to_promise(instantiate(url)))).clone()
        });
        let exports = JsFuture::from(promise)
            .await
            .ok()
            .and_then(|exports| Exports::of(&exports));
        match exports {
            Some(exports) => {
                EXPORTS.with_borrow_mut(|e| *e = Some(exports));
                Ok(())
            }
            None => {
                LOADING.with_borrow_mut(|loading| *loading = None);
                Err(ModuleFailed)
            }
        }
    }

    async fn instantiate(url: String) -> Result<JsValue, JsValue> {
        let bytes = fetch_bytes(&url, None, None)
            .await
            .map_err(|e| JsValue::from_str(e.url()))?;
        let made = JsFuture::from(WebAssembly::instantiate_buffer(&bytes, &Object::new())).await?;
        let instance = Reflect::get(&made, &"instance".into())?;
        Reflect::get(&instance, &"exports".into())
    }

    impl Exports {
        fn of(exports: &JsValue) -> Option<Exports> {
            let get = |name: &str| Reflect::get(exports, &name.into()).ok();
            Some(Exports {
                memory: get("memory")?.dyn_into().ok()?,
                input: get("input")?.dyn_into().ok()?,
                blocks: get("blocks")?.dyn_into().ok()?,
                plain_text: get("plain_text")?.dyn_into().ok()?,
                output: get("output")?.dyn_into().ok()?,
            })
        }

        /// Writes `text` into the module's memory, calls `f` and copies its answer out.
        fn call(&self, f: &Function, text: &str) -> Option<Vec<u8>> {
            let len = u32::try_from(text.len()).ok()?;
            let at = address(self.input.call1(&JsValue::NULL, &len.into()).ok()?)?;
            // The module's memory may have grown (and its buffer changed) in any call; a
            // place outside it (a wrong module) is no answer rather than a thrown error.
            let view = |at: u32, len: u32| {
                let buffer: js_sys::ArrayBuffer = self.memory.buffer().dyn_into().ok()?;
                (u64::from(at) + u64::from(len) <= u64::from(buffer.byte_length()))
                    .then(|| Uint8Array::new_with_byte_offset_and_length(&buffer, at, len))
            };
            view(at, len)?.copy_from(text.as_bytes());
            let answer_len = address(f.call0(&JsValue::NULL).ok()?)?;
            let answer_at = address(self.output.call0(&JsValue::NULL).ok()?)?;
            Some(view(answer_at, answer_len)?.to_vec())
        }
    }

    /// A wasm32 `usize` as JavaScript sees it: a signed 32-bit number.
    fn address(v: JsValue) -> Option<u32> {
        v.as_f64().map(|n| n as i64 as u32)
    }
}
