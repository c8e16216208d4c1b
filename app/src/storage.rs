//! The browser's localStorage behind a small trait, so that what is kept on the device
//! (drafts, receipts, the chosen municipality) is written the same way everywhere and can be
//! tested with a map instead of a browser.

/// Writing to the browser's storage failed (private mode, quota, storage switched off).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotSaved;

/// Where things are kept: localStorage in the browser, a map in tests.
pub trait Store {
    /// The value of a key.
    fn get(&self, key: &str) -> Option<String>;
    /// Writes a key.
    fn set(&self, key: &str, value: &str) -> Result<(), NotSaved>;
    /// Removes a key.
    fn remove(&self, key: &str);
}

/// The browser's localStorage (absent when the browser refuses it).
pub struct Browser(Option<web_sys::Storage>);

impl Browser {
    /// The page's localStorage.
    pub fn open() -> Browser {
        Browser(
            web_sys::window()
                .and_then(|w| w.local_storage().ok())
                .flatten(),
        )
    }
}

impl Store for Browser {
    fn get(&self, key: &str) -> Option<String> {
        self.0.as_ref()?.get_item(key).ok().flatten()
    }

    fn set(&self, key: &str, value: &str) -> Result<(), NotSaved> {
        self.0
            .as_ref()
            .ok_or(NotSaved)?
            .set_item(key, value)
            .map_err(|_| NotSaved)
    }

    fn remove(&self, key: &str) {
        if let Some(s) = &self.0 {
            let _ = s.remove_item(key);
        }
    }
}

/// A store in memory for tests; `refusing` makes every write fail, as a full browser storage.
#[cfg(test)]
#[derive(Default)]
pub struct Memory {
    /// The keys and values.
    pub map: std::cell::RefCell<std::collections::HashMap<String, String>>,
    /// Whether writes fail.
    pub refusing: bool,
}

#[cfg(test)]
impl Store for Memory {
    fn get(&self, key: &str) -> Option<String> {
        self.map.borrow().get(key).cloned()
    }

    fn set(&self, key: &str, value: &str) -> Result<(), NotSaved> {
        if self.refusing {
            return Err(NotSaved);
        }
        self.map.borrow_mut().insert(key.into(), value.into());
        Ok(())
    }

    fn remove(&self, key: &str) {
        self.map.borrow_mut().remove(key);
    }
}
