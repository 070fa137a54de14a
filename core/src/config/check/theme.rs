//! Checking `theme`: each value a plain CSS value (see [`crate::config::safety`]).

use super::Checker;
use crate::config::raw::RawTheme;
use crate::config::safety;
use crate::error::{Code, Path};

impl Checker {
    /// Checks the theme's values: by key (`accent`, …), as the widget names the CSS property.
    pub(super) fn theme(&mut self, path: &Path, t: &RawTheme) -> Vec<(&'static str, String)> {
        let entries = [
            ("accent", &t.accent),
            ("text", &t.text),
            ("muted", &t.muted),
            ("bg", &t.bg),
            ("radius", &t.radius),
            ("font", &t.font),
        ];
        let mut out = Vec::new();
        for (key, value) in entries {
            let Some(value) = value else { continue };
            if safety::is_safe_css_value(value) {
                out.push((key, value.clone()));
            } else {
                self.errs.push(
                    Code::BadCss,
                    &path.key(key),
                    crate::msg!(
                        "\"{}\" is not a plain CSS value: write a colour (\"#0a7c55\", \"rgb(10 124 85)\"), a length (\"8px\") or a font stack (\"Inter, sans-serif\")",
                        value.chars().take(60).collect::<String>()
                    ),
                );
            }
        }
        out
    }
}
