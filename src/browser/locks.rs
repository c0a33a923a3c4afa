//! Web Locks (`navigator.locks`), to tell whether another live page holds a name. The
//! API is stable in browsers but not in web-sys (it needs `web_sys_unstable_apis`), so
//! the one call used is bound here.

use std::cell::RefCell;
use std::rc::Rc;

use futures_channel::oneshot;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    type LockManager;

    #[wasm_bindgen(method, js_name = request)]
    fn request(
        this: &LockManager,
        name: &str,
        options: &JsValue,
        callback: &JsValue,
    ) -> js_sys::Promise;
}

fn manager() -> Option<LockManager> {
    let navigator = web_sys::window()?.navigator();
    let locks = js_sys::Reflect::get(&navigator, &"locks".into()).ok()?;
    (!locks.is_undefined() && !locks.is_null()).then(|| locks.unchecked_into())
}

/// Takes the exclusive lock `name` for the rest of this page's life, if no other page
/// holds it: `Some(false)` when one does. `None` when the browser has no Web Locks or
/// refuses them here.
pub async fn hold(name: &str) -> Option<bool> {
    let locks = manager()?;
    let (tell, told) = oneshot::channel::<bool>();
    let tell = Rc::new(RefCell::new(Some(tell)));
    let answer = tell.clone();
    // Called once: with the lock, or with null when another page holds it.
    let granted = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        let held = !lock.is_null();
        if let Some(tell) = answer.borrow_mut().take() {
            let _ = tell.send(held);
        }
        if held {
            // Never settles, so the lock is released only when the page goes away.
            js_sys::Promise::new(&mut |_, _| {}).into()
        } else {
            JsValue::UNDEFINED
        }
    });
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"ifAvailable".into(), &true.into()).ok()?;
    let request = JsFuture::from(locks.request(name, &options, &granted));
    // A refused request never calls `granted`: dropping the sender ends the wait. (While
    // the lock is held this task stays pending, once per page.)
    wasm_bindgen_futures::spawn_local(async move {
        if request.await.is_err() {
            drop(tell.borrow_mut().take());
        }
    });
    told.await.ok()
}

/// An exclusive Web Lock held until this is dropped.
pub struct Held {
    release: js_sys::Function,
}

impl Drop for Held {
    fn drop(&mut self) {
        let _ = self.release.call0(&JsValue::UNDEFINED);
    }
}

/// Takes the exclusive lock `name` if no other page (or task of this page) holds it, until
/// the returned [`Held`] is dropped: `Some(None)` when it is held elsewhere, `None` when
/// the browser has no Web Locks.
pub async fn try_take(name: &str) -> Option<Option<Held>> {
    let locks = manager()?;
    let (tell, told) = oneshot::channel::<Option<Held>>();
    let tell = Rc::new(RefCell::new(Some(tell)));
    let answer = tell.clone();
    let granted = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        if lock.is_null() {
            if let Some(tell) = answer.borrow_mut().take() {
                let _ = tell.send(None);
            }
            return JsValue::UNDEFINED;
        }
        // The lock lasts until this promise settles: its resolve goes to the holder.
        let mut release = None;
        let until = js_sys::Promise::new(&mut |resolve, _| release = Some(resolve));
        if let (Some(tell), Some(release)) = (answer.borrow_mut().take(), release) {
            let _ = tell.send(Some(Held { release }));
        }
        until.into()
    });
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"ifAvailable".into(), &true.into()).ok()?;
    let request = JsFuture::from(locks.request(name, &options, &granted));
    wasm_bindgen_futures::spawn_local(async move {
        if request.await.is_err() {
            drop(tell.borrow_mut().take());
        }
    });
    told.await.ok()
}
