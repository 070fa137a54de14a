//! Shopify's Admin GraphQL API, as `cartlift shopify push` speaks to it: one operation of
//! `operations.graphql` per call, the access token in `X-Shopify-Access-Token` (never printed,
//! never in a sentence), and every way Shopify can refuse said in one sentence: a 401/403
//! token, 402 (a frozen or unpaid shop), 404 (no such shop or version), 423 (a locked shop), 429
//! (waited for when Shopify asks for at most `max_wait` seconds, else said), 5xx, GraphQL errors
//! (a throttled query among them), and a network that cannot reach the shop.

use serde_json::Value;
use std::time::Duration;

/// The push's operations, each sent by its name (`query Shop`, `mutation CreateDiscount`, …).
pub const OPERATIONS: &str = include_str!("operations.graphql");

/// The text of the operation `name` in [`OPERATIONS`]: from its `query`/`mutation` line to its
/// closing brace, without the comments that introduce the next one.
pub fn operation(name: &str) -> Option<&'static str> {
    let starts = |line: &str| line.starts_with("query ") || line.starts_with("mutation ");
    fn named(line: &str) -> Option<&str> {
        let rest = line
            .strip_prefix("query ")
            .or_else(|| line.strip_prefix("mutation "))?;
        let end = rest.find(['(', ' ', '{']).unwrap_or(rest.len());
        Some(&rest[..end])
    }
    let mut offset = 0;
    let mut start = None;
    for line in OPERATIONS.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if start.is_none() && starts(trimmed) && named(trimmed) == Some(name) {
            start = Some(offset);
        } else if let Some(from) = start {
            if trimmed == "}" {
                return Some(&OPERATIONS[from..offset + line.len()]);
            }
        }
        offset += line.len();
    }
    None
}

/// What came back from one POST.
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// The `Retry-After` header, if any.
    pub retry_after: Option<String>,
    /// The body, as text.
    pub body: String,
}

/// How requests reach Shopify: HTTPS in the command, an emulated store in tests.
pub trait Transport {
    /// POSTs `body` (a GraphQL request as JSON); a network failure is a sentence.
    fn post(&mut self, body: &str) -> Result<Reply, String>;
}

/// HTTPS to the shop's Admin API.
pub struct Http {
    agent: ureq::Agent,
    url: String,
    token: String,
}

impl Http {
    /// A client for the Admin API at `url` with `token`.
    pub fn new(url: String, token: String) -> Http {
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(Duration::from_secs(10))
            .timeout(Duration::from_secs(60))
            .user_agent(concat!("cartlift/", env!("CARGO_PKG_VERSION")))
            .build();
        Http { agent, url, token }
    }
}

impl Transport for Http {
    fn post(&mut self, body: &str) -> Result<Reply, String> {
        let sent = self
            .agent
            .post(&self.url)
            .set("X-Shopify-Access-Token", &self.token)
            .set("Content-Type", "application/json")
            .set("Accept", "application/json")
            .send_string(body);
        let response = match sent {
            Ok(r) | Err(ureq::Error::Status(_, r)) => r,
            // ureq's words name the host and the cause, never a header.
            Err(ureq::Error::Transport(t)) => return Err(format!("the network failed: {t}")),
        };
        let status = response.status();
        let retry_after = response.header("Retry-After").map(str::to_owned);
        let body = response
            .into_string()
            .map_err(|e| format!("Shopify's answer could not be read: {e}"))?;
        Ok(Reply {
            status,
            retry_after,
            body,
        })
    }
}

/// The Admin API of one shop.
pub struct Admin<T: Transport> {
    transport: T,
    /// The shop's domain, for sentences.
    shop: String,
    /// The longest `Retry-After` waited for, in seconds; beyond it the 429 is said.
    max_wait: f64,
    /// How a wait is spent (the real clock in the command, a record in tests).
    sleep: Box<dyn FnMut(Duration)>,
}

/// Retries of one call that Shopify asked to wait for.
const ATTEMPTS: usize = 3;

impl<T: Transport> Admin<T> {
    /// The Admin API of `shop` through `transport`.
    pub fn new(transport: T, shop: &str, max_wait: f64, sleep: Box<dyn FnMut(Duration)>) -> Self {
        Admin {
            transport,
            shop: shop.to_owned(),
            max_wait,
            sleep,
        }
    }

    /// Runs the operation `name` with `variables`; its `data`, or why not, in one sentence.
    pub fn call(&mut self, name: &str, variables: Value) -> Result<Value, String> {
        let query = operation(name).ok_or_else(|| format!("there is no operation {name}"))?;
        let body =
            serde_json::json!({ "query": query, "operationName": name, "variables": variables })
                .to_string();
        for attempt in 1..=ATTEMPTS {
            let reply = self.transport.post(&body)?;
            let shop = &self.shop;
            match reply.status {
                200 => return self.data(&reply.body),
                401 | 403 => return Err(format!(
                    "Shopify refused the access token ({}): it must be this app's Admin API token for {shop}, with the scopes shopify.app.toml asks for",
                    reply.status
                )),
                402 => return Err(format!("Shopify answered 402 Payment Required: {shop} is frozen or its plan is unpaid")),
                404 => return Err(format!("Shopify has no Admin API at that address (404): check that {shop} is the shop's myshopify.com domain, and the API version")),
                423 => return Err(format!("Shopify answered 423 Locked: {shop} is locked")),
                429 => {
                    let wait = reply
                        .retry_after
                        .as_deref()
                        .and_then(|s| s.trim().parse::<f64>().ok())
                        .filter(|s| s.is_finite() && *s >= 0.0)
                        .unwrap_or(1.0);
                    if wait <= self.max_wait && attempt < ATTEMPTS {
                        (self.sleep)(Duration::from_secs_f64(wait));
                        continue;
                    }
                    return Err(format!(
                        "Shopify is limiting this app's requests (429 Too Many Requests) and asked to wait {wait} s{}",
                        if attempt > 1 { format!(", after {attempt} tries") } else { String::new() }
                    ));
                }
                s @ 500..=599 => return Err(format!("Shopify had an error of its own ({s}); try again in a few minutes")),
                s => return Err(format!("Shopify answered with HTTP status {s}")),
            }
        }
        Err("Shopify kept asking to wait".into())
    }

    /// The `data` of a 200 answer, or its GraphQL errors in one sentence.
    fn data(&self, body: &str) -> Result<Value, String> {
        let answer: Value =
            serde_json::from_str(body).map_err(|_| "Shopify's answer is not JSON".to_owned())?;
        if let Some(errors) = answer
            .get("errors")
            .and_then(Value::as_array)
            .filter(|e| !e.is_empty())
        {
            if errors
                .iter()
                .any(|e| e.pointer("/extensions/code").and_then(Value::as_str) == Some("THROTTLED"))
            {
                return Err("Shopify throttled the query (THROTTLED): the app's query budget is spent for now; try again in a minute".into());
            }
            let said: Vec<&str> = errors
                .iter()
                .filter_map(|e| e.get("message").and_then(Value::as_str))
                .collect();
            return Err(format!("Shopify refused the query: {}", said.join("; ")));
        }
        answer
            .get("data")
            .cloned()
            .filter(|d| !d.is_null())
            .ok_or_else(|| "Shopify's answer has no data".to_owned())
    }
}

/// The `userErrors` of a mutation's payload, each as `field: message`, if any.
pub fn user_errors(payload: &Value) -> Option<String> {
    let errors = payload.get("userErrors")?.as_array()?;
    if errors.is_empty() {
        return None;
    }
    let said: Vec<String> = errors
        .iter()
        .map(|e| {
            let message = e
                .get("message")
                .and_then(Value::as_str)
                .unwrap_or("refused");
            let field: Vec<&str> = e
                .get("field")
                .and_then(Value::as_array)
                .map(|f| f.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            if field.is_empty() {
                message.to_owned()
            } else {
                format!("{}: {message}", field.join("."))
            }
        })
        .collect();
    Some(said.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;

    /// Answers in turn, recording each body.
    struct Scripted(Vec<Result<Reply, String>>, Rc<RefCell<Vec<String>>>);

    impl Transport for Scripted {
        fn post(&mut self, body: &str) -> Result<Reply, String> {
            self.1.borrow_mut().push(body.to_owned());
            if self.0.is_empty() {
                return Err("no more answers".into());
            }
            self.0.remove(0)
        }
    }

    fn reply(status: u16, retry_after: Option<&str>, body: &str) -> Result<Reply, String> {
        Ok(Reply {
            status,
            retry_after: retry_after.map(str::to_owned),
            body: body.to_owned(),
        })
    }

    /// What a scripted call recorded: the bodies sent and the waits slept.
    type Recorded = (Rc<RefCell<Vec<String>>>, Rc<RefCell<Vec<Duration>>>);

    fn scripted(answers: Vec<Result<Reply, String>>) -> (Admin<Scripted>, Recorded) {
        let sent = Rc::new(RefCell::new(Vec::new()));
        let waited = Rc::new(RefCell::new(Vec::new()));
        let w = waited.clone();
        let admin = Admin::new(
            Scripted(answers, sent.clone()),
            "demo.myshopify.com",
            10.0,
            Box::new(move |d| w.borrow_mut().push(d)),
        );
        (admin, (sent, waited))
    }

    #[test]
    fn every_operation_is_found_whole_by_its_name() {
        for name in [
            "Shop",
            "CreateDiscount",
            "UpdateDiscount",
            "CreatePixel",
            "UpdatePixel",
            "SetMetafields",
        ] {
            let text = operation(name).expect(name);
            assert!(
                text.starts_with("query ") || text.starts_with("mutation "),
                "{name}"
            );
            assert!(text.trim_end().ends_with('}'), "{name}");
            assert_eq!(
                text.matches('{').count(),
                text.matches('}').count(),
                "{name}"
            );
            assert!(
                !text.contains('#'),
                "{name}: no comment of the next operation"
            );
        }
        assert!(operation("Nope").is_none());
        assert!(
            operation("Create").is_none(),
            "a prefix of a name is not the name"
        );
    }

    #[test]
    fn a_429_asking_for_2_5_seconds_is_waited_for_then_the_call_succeeds() {
        let (mut admin, (sent, waited)) = scripted(vec![
            reply(429, Some("2.5"), ""),
            reply(
                200,
                None,
                r#"{"data":{"shop":{"id":"gid://shopify/Shop/1"}}}"#,
            ),
        ]);
        let data = admin.call("Shop", serde_json::json!({})).expect("data");
        assert_eq!(data["shop"]["id"], "gid://shopify/Shop/1");
        assert_eq!(*waited.borrow(), [Duration::from_millis(2500)]);
        assert_eq!(sent.borrow().len(), 2);
    }

    #[test]
    fn a_429_asking_for_30_seconds_is_said_not_waited_for() {
        let (mut admin, (_, waited)) = scripted(vec![reply(429, Some("30"), "")]);
        let e = admin.call("Shop", serde_json::json!({})).expect_err("said");
        assert!(e.contains("429") && e.contains("wait 30 s"), "{e}");
        assert!(waited.borrow().is_empty());
    }

    #[test]
    fn three_429s_in_a_row_are_said_after_three_tries() {
        let (mut admin, (sent, _)) = scripted(vec![
            reply(429, Some("1"), ""),
            reply(429, Some("1"), ""),
            reply(429, Some("1"), ""),
        ]);
        let e = admin.call("Shop", serde_json::json!({})).expect_err("said");
        assert!(e.contains("after 3 tries"), "{e}");
        assert_eq!(sent.borrow().len(), 3);
    }

    #[test]
    fn each_status_is_one_sentence_that_names_the_cause() {
        for (status, words) in [
            (401, "access token (401)"),
            (403, "access token (403)"),
            (402, "402 Payment Required"),
            (404, "(404)"),
            (423, "423 Locked"),
            (503, "(503)"),
            (418, "418"),
        ] {
            let (mut admin, _) = scripted(vec![reply(status, None, "")]);
            let e = admin.call("Shop", serde_json::json!({})).expect_err("said");
            assert!(e.contains(words), "{status}: {e}");
            assert!(!e.contains('\n'), "{status}: one sentence");
        }
    }

    #[test]
    fn graphql_errors_and_throttling_are_said_from_a_200() {
        let (mut admin, _) = scripted(vec![reply(
            200,
            None,
            r#"{"errors":[{"message":"Field 'nope' doesn't exist on type 'Shop'"}]}"#,
        )]);
        let e = admin.call("Shop", serde_json::json!({})).expect_err("said");
        assert!(e.contains("Field 'nope'"), "{e}");
        let (mut admin, _) = scripted(vec![reply(
            200,
            None,
            r#"{"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}]}"#,
        )]);
        assert!(admin
            .call("Shop", serde_json::json!({}))
            .expect_err("said")
            .contains("THROTTLED"));
    }

    #[test]
    fn the_network_failing_is_said_as_it_failed() {
        let (mut admin, _) = scripted(vec![Err("the network failed: connection refused".into())]);
        assert_eq!(
            admin.call("Shop", serde_json::json!({})),
            Err("the network failed: connection refused".to_owned())
        );
    }

    #[test]
    fn user_errors_are_said_with_their_fields() {
        let payload = serde_json::json!({"userErrors": [
            {"field": ["metafields", "0", "value"], "message": "Value is invalid JSON."},
            {"field": null, "message": "Function not found."}
        ]});
        assert_eq!(
            user_errors(&payload).as_deref(),
            Some("metafields.0.value: Value is invalid JSON.; Function not found.")
        );
        assert_eq!(user_errors(&serde_json::json!({"userErrors": []})), None);
    }
}
