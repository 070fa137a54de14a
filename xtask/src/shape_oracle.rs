//! The entry module's early cart check (`src/entry/shape.js` on the shapes generated into
//! `src/entry/cart-shape.js`, run by node) held to the core's `Cart::check_shape`, its oracle:
//! the same answer for every cart, but for a well-formed code that is no ISO 4217 currency,
//! which only the core can know (the README says so).

#[cfg(test)]
mod tests {
    use cartlift_core::Cart;

    /// The JS's answer for each cart text, by one node process.
    fn js_shapes(carts: &[&str]) -> Vec<bool> {
        crate::js_oracle::each("src/entry/shape.js", "cartShape", carts)
    }

    #[test]
    fn the_early_cart_check_answers_as_the_core_does() {
        let carts = [
            r#"{"currency":"USD","items":[]}"#,
            r#"{"currency":"USD","items":[{"id":"a","quantity":2}]}"#,
            r#"{"currency":"USD","items":[{"id":"a","quantity":2,"price":"9.50","line_price":19,"title":"A"}]}"#,
            r#"{"currency":"USD","items":[{"id":"a","quantity":2,"price":null,"title":null}],"country":"CA"}"#,
            r#"{"currency":"USD","items":[],"country":null}"#,
            r#"{"currency":"JPY","items":[{"id":"a","quantity":0}]}"#,
            r#"{"currency":"USD","items":[{"id":"a","quantity":4294967295}]}"#,
            // Refused by both.
            r#"{"currency":"USD","items":[{"id":"a","quantity":4294967296}]}"#,
            r#"{"currency":"USD","items":[{"id":"a","quantity":-1}]}"#,
            r#"{"currency":"USD","items":[{"id":"a","quantity":1.5}]}"#,
            r#"{"currency":"USD","items":[{"id":"a"}]}"#,
            r#"{"currency":"USD","items":[{"quantity":1}]}"#,
            r#"{"currency":"USD","items":[{"id":7,"quantity":1}]}"#,
            r#"{"currency":"USD","items":[{"id":"a","quantity":1,"colour":"red"}]}"#,
            r#"{"currency":"USD","items":[{"id":"a","quantity":1,"price":true}]}"#,
            r#"{"currency":"USD","items":[{"id":"a","quantity":1,"toString":1}]}"#,
            r#"{"currency":"USD","items":{}}"#,
            r#"{"currency":"USD"}"#,
            r#"{"items":[]}"#,
            r#"{"currency":5,"items":[]}"#,
            r#"{"currency":"usd","items":[]}"#,
            r#"{"currency":"USD","items":[],"coupon":"X"}"#,
            r#"{"currency":"USD","items":[],"constructor":{}}"#,
            r#"[]"#,
            r#""USD""#,
            r#"null"#,
        ];
        let js = js_shapes(&carts);
        for (cart, js) in carts.iter().zip(js) {
            assert_eq!(js, Cart::check_shape(cart).is_ok(), "{cart}");
        }
        // Well formed, no ISO 4217 code: the page hears it when the wasm has come.
        let unknown = r#"{"currency":"ABC","items":[]}"#;
        assert_eq!(js_shapes(&[unknown]), [true]);
        assert!(Cart::check_shape(unknown).is_err());
    }
}
