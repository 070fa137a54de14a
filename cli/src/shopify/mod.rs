//! `cartlift shopify push`: one run puts a config on a Shopify store that has the cartlift app
//! (shopify/): the widget's config into the app's shop metafield (the theme extension's embed
//! prints it), checkout's compact config into the discount's metafield (the function reads it),
//! the automatic app discount that runs the function (created once, then updated), and, with
//! `--collect`, the order pixel connected to the collector. Idempotent: the discount a push
//! made is found again by the app's own metafield on it, and an app has one pixel, so the next
//! push updates them. On a failure it says which steps were done and that nothing after them
//! was written.

pub mod admin;

use crate::{print_json, read_text, Failure, Outcome};
use admin::{user_errors, Admin, Transport};
use serde_json::{json, Value};
use std::path::PathBuf;

/// The app's shop metafields (an app-owned namespace no merchant can edit).
pub const NAMESPACE: &str = "$app:cartlift";

/// What `cartlift shopify push` was asked.
#[derive(clap::Args)]
pub struct Push {
    /// The config file.
    pub config: PathBuf,
    /// The shop: its myshopify.com domain, or its name.
    #[arg(long, env = "SHOPIFY_SHOP")]
    pub shop: Option<String>,
    /// The app's Admin API access token for the shop (never printed).
    #[arg(long, env = "SHOPIFY_ACCESS_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// The Admin API version.
    #[arg(long, default_value = "2026-01")]
    pub api_version: String,
    /// Connect the order pixel, sending orders to this collector (`cartlift collect`'s /events).
    #[arg(long)]
    pub collect: Option<String>,
    /// Print the GraphQL it would send, and send nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The longest wait, in seconds, that Shopify may ask for (429) and be waited for.
    #[arg(long, default_value_t = 10.0)]
    pub max_wait: f64,
    /// Another address for the Admin API (tests: an emulated one on 127.0.0.1).
    #[arg(long, hide = true)]
    pub admin_url: Option<String>,
}

/// The shop's `myshopify.com` domain from what was given, or why it is not one.
pub fn shop_domain(given: &str) -> Result<String, String> {
    let given = given
        .trim()
        .trim_start_matches("https://")
        .trim_end_matches('/');
    let domain = if given.contains('.') {
        given.to_ascii_lowercase()
    } else {
        format!("{}.myshopify.com", given.to_ascii_lowercase())
    };
    let name = domain.strip_suffix(".myshopify.com").unwrap_or("");
    let fine = !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !name.starts_with('-');
    if fine {
        Ok(domain)
    } else {
        Err(format!("--shop {given:?} is not a shop: give its myshopify.com domain (my-shop.myshopify.com) or its name"))
    }
}

/// Everything the push writes, computed from the config before anything is sent.
struct Plan {
    /// The widget's config, as JSON text in the merchant's key order.
    widget: String,
    /// Checkout's compact config.
    checkout: String,
    /// The discount's input, without `startsAt`.
    discount: Value,
    /// The pixel's settings, when it is connected.
    pixel: Option<String>,
}

fn plan(push: &Push) -> Result<Plan, Failure> {
    let text = read_text(&push.config)?;
    let problems = crate::check::problems(&text);
    if !problems.is_empty() {
        let lines: Vec<String> = problems
            .iter()
            .map(|e| format!("{} at {}: {}", e.code().as_str(), e.path(), e.message()))
            .collect();
        return Err(Failure::Findings(format!(
            "{} is not pushed: {}",
            push.config.display(),
            lines.join("; ")
        )));
    }
    let checkout = cartlift_core::checkout::compact(&text).map_err(|errors| {
        let said: Vec<String> = errors
            .iter()
            .map(|e| format!("{}: {}", e.path(), e.message()))
            .collect();
        Failure::Findings(format!(
            "checkout cannot take this config: {}",
            said.join("; ")
        ))
    })?;
    let widget: Value = serde_json::from_str(&text)
        .map_err(|e| Failure::BadInput(format!("{} is not JSON: {e}", push.config.display())))?;
    use cartlift_core::checkout::{COMBINES_WITH, DISCOUNT_CLASSES, METAFIELD};
    let combines: serde_json::Map<String, Value> = COMBINES_WITH
        .iter()
        .map(|(k, v)| ((*k).to_owned(), Value::Bool(*v)))
        .collect();
    let discount = json!({
        "title": "cartlift",
        "functionHandle": "cartlift-discount",
        "discountClasses": DISCOUNT_CLASSES,
        "combinesWith": combines,
        "metafields": [{ "namespace": METAFIELD.0, "key": METAFIELD.1, "type": "json", "value": checkout }],
    });
    let pixel = match &push.collect {
        Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
            Some(json!({ "collect": url }).to_string())
        }
        Some(url) => {
            return Err(Failure::BadInput(format!(
                "--collect {url:?} is not an http(s) URL (the collector's /events)"
            )))
        }
        None => None,
    };
    Ok(Plan {
        widget: widget.to_string(),
        checkout,
        discount,
        pixel,
    })
}

/// One shop metafield of the app.
fn shop_field(shop: &str, key: &str, kind: &str, value: &str) -> Value {
    json!({ "ownerId": shop, "namespace": NAMESPACE, "key": key, "type": kind, "value": value })
}

/// The app-data metafield (on the app's installation, `app.metafields.cartlift.configured` in
/// Liquid) that the theme extension's `available_if` reads: the embed and blocks are offered in
/// the theme editor once a config is there for them.
pub const CONFIGURED: (&str, &str) = ("cartlift", "configured");

/// The last metafields written, all together: the widget's config, checkout's on the discount,
/// the collector's URL, and the flag that offers the theme extension.
fn last_metafields(
    plan: &Plan,
    shop: &str,
    installation: &str,
    discount: &str,
    collect: Option<&str>,
) -> Value {
    use cartlift_core::checkout::METAFIELD;
    let mut fields = vec![
        shop_field(shop, "config", "json", &plan.widget),
        json!({ "ownerId": discount, "namespace": METAFIELD.0, "key": METAFIELD.1, "type": "json", "value": plan.checkout }),
        json!({ "ownerId": installation, "namespace": CONFIGURED.0, "key": CONFIGURED.1, "type": "boolean", "value": "true" }),
    ];
    if let Some(url) = collect {
        fields.push(shop_field(shop, "collect", "single_line_text_field", url));
    }
    json!({ "metafields": fields })
}

/// What a push did, step by step, for the sentence a failure ends with.
#[derive(Default)]
struct Done(Vec<String>);

impl Done {
    fn failed(&self, step: &str, why: String) -> Failure {
        let before = if self.0.is_empty() {
            "nothing was written".to_owned()
        } else {
            format!("done before it: {}", self.0.join(", "))
        };
        Failure::Platform(format!(
            "{why} (while {step}); {before}; nothing after it was written, so the store keeps what the last push wrote. Run the push again once the cause is gone: it picks up where this one stopped."
        ))
    }
}

/// What the push made or changed.
struct Pushed {
    shop: String,
    discount: String,
    discount_created: bool,
    pixel: Option<(String, bool)>,
}

/// Whether a mutation's `userErrors` include one with `code`, or on the field `id` alone.
fn refused_for(payload: &Value, code: Option<&str>) -> bool {
    payload["userErrors"].as_array().is_some_and(|errors| {
        errors.iter().any(|e| match code {
            Some(code) => e["code"] == code,
            None => e["field"]
                .as_array()
                .is_some_and(|f| f.len() == 1 && f[0] == "id"),
        })
    })
}

/// Runs the operation `name` for `step`: its answer's `data[payload]`.
fn mutate<T: Transport>(
    admin: &mut Admin<T>,
    done: &Done,
    step: &str,
    name: &str,
    variables: Value,
    payload: &str,
) -> Result<Value, Failure> {
    let data = admin
        .call(name, variables)
        .map_err(|e| done.failed(step, e))?;
    Ok(data[payload].clone())
}

/// The id at `pointer` in a mutation's `payload` that Shopify took, or why not: its
/// `userErrors`, said as Shopify's refusal of `what`.
fn made(
    payload: &Value,
    done: &Done,
    step: &str,
    what: &str,
    pointer: &str,
) -> Result<String, Failure> {
    if let Some(why) = user_errors(payload) {
        return Err(done.failed(step, format!("Shopify refused {what}: {why}")));
    }
    payload
        .pointer(pointer)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| done.failed(step, format!("Shopify's answer gives no id for {what}")))
}

/// The steps of the discount, as a failure names them.
const CREATING: &str = "creating the discount";
const UPDATING: &str = "updating the discount";

/// Runs the push through `admin`, now being `starts_at`.
fn run<T: Transport>(
    admin: &mut Admin<T>,
    plan: &Plan,
    collect: Option<&str>,
    starts_at: &str,
) -> Result<Pushed, Failure> {
    let mut done = Done::default();
    let step = "reading the shop";
    let data = admin
        .call("Shop", json!({}))
        .map_err(|e| done.failed(step, e))?;
    let shop = data
        .pointer("/shop/id")
        .and_then(Value::as_str)
        .ok_or_else(|| done.failed(step, "Shopify's answer has no shop id".into()))?
        .to_owned();
    let installation = data
        .pointer("/currentAppInstallation/id")
        .and_then(Value::as_str)
        .ok_or_else(|| done.failed(step, "Shopify's answer has no app installation".into()))?
        .to_owned();
    // The discount an earlier push made: the one carrying this app's metafield.
    let earlier = data
        .pointer("/automaticDiscountNodes/nodes")
        .and_then(Value::as_array)
        .and_then(|nodes| nodes.iter().find(|n| !n["ours"].is_null()))
        .and_then(|n| n["id"].as_str())
        .map(str::to_owned);
    done.0.push("read the shop".into());

    // The discount: the one found updated, else (never made, or deleted since) a new one.
    let mut updated = None;
    if let Some(id) = earlier {
        let vars = json!({ "id": id, "discount": plan.discount });
        let payload = mutate(
            admin,
            &done,
            UPDATING,
            "UpdateDiscount",
            vars,
            "discountAutomaticAppUpdate",
        )?;
        // Deleted between the look and the update: made again below.
        if !refused_for(&payload, None) {
            updated = Some(payload);
        }
    }
    let discount_created = updated.is_none();
    let payload = match updated {
        Some(payload) => payload,
        None => {
            let mut input = plan.discount.clone();
            input["startsAt"] = Value::String(starts_at.to_owned());
            let vars = json!({ "discount": input });
            mutate(
                admin,
                &done,
                CREATING,
                "CreateDiscount",
                vars,
                "discountAutomaticAppCreate",
            )?
        }
    };
    let step = if discount_created { CREATING } else { UPDATING };
    let discount = made(
        &payload,
        &done,
        step,
        "the discount",
        "/automaticAppDiscount/discountId",
    )?;
    let verb = if discount_created {
        "created"
    } else {
        "updated"
    };
    done.0.push(format!("{verb} the discount {discount}"));

    // The pixel, with the collector's URL: made, or (an app has one) found and updated.
    let mut pixel = None;
    if let Some(settings) = &plan.pixel {
        let step = "connecting the order pixel";
        let vars = json!({ "pixel": { "settings": settings } });
        let payload = mutate(admin, &done, step, "CreatePixel", vars, "webPixelCreate")?;
        if refused_for(&payload, Some("TAKEN")) {
            let step = "updating the order pixel";
            let found = mutate(admin, &done, step, "Pixel", json!({}), "webPixel")?;
            let id = made(&found, &done, step, "the app's pixel", "/id")?;
            let vars = json!({ "id": id, "pixel": { "settings": settings } });
            let payload = mutate(admin, &done, step, "UpdatePixel", vars, "webPixelUpdate")?;
            let id = made(&payload, &done, step, "the pixel", "/webPixel/id")?;
            done.0.push(format!("updated the order pixel {id}"));
            pixel = Some((id, false));
        } else {
            let id = made(&payload, &done, step, "the pixel", "/webPixel/id")?;
            done.0.push(format!("connected the order pixel {id}"));
            pixel = Some((id, true));
        }
    }

    // Last, the configs together: the storefront and checkout change at the same moment.
    let step = "writing the configs";
    let vars = last_metafields(plan, &shop, &installation, &discount, collect);
    let payload = mutate(admin, &done, step, "SetMetafields", vars, "metafieldsSet")?;
    if let Some(why) = user_errors(&payload) {
        return Err(done.failed(step, format!("Shopify refused the metafields: {why}")));
    }
    Ok(Pushed {
        shop,
        discount,
        discount_created,
        pixel,
    })
}

/// The requests a push would send to a shop that has never had one, with placeholders for
/// the ids Shopify would give.
fn dry_run(plan: &Plan, collect: Option<&str>, starts_at: &str) -> Vec<(&'static str, Value)> {
    const SHOP: &str = "gid://shopify/Shop/<the shop's id>";
    const DISCOUNT: &str = "gid://shopify/DiscountAutomaticNode/<the new discount's id>";
    const INSTALLATION: &str = "gid://shopify/AppInstallation/<the app's installation id>";
    let mut input = plan.discount.clone();
    input["startsAt"] = Value::String(starts_at.to_owned());
    let mut out = vec![
        ("Shop", json!({})),
        ("CreateDiscount", json!({ "discount": input })),
    ];
    if let Some(settings) = &plan.pixel {
        out.push(("CreatePixel", json!({ "pixel": { "settings": settings } })));
    }
    out.push((
        "SetMetafields",
        last_metafields(plan, SHOP, INSTALLATION, DISCOUNT, collect),
    ));
    out
}

/// `cartlift shopify push`.
pub fn push(push: &Push, json_out: bool) -> Outcome {
    let plan = plan(push)?;
    let starts_at = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
    let collect = push.collect.as_deref();
    if push.dry_run {
        let requests = dry_run(&plan, collect, &starts_at);
        if json_out {
            print_json(&json!({
                "dry_run": true,
                "requests": requests.iter().map(|(name, vars)| json!({
                    "operationName": name, "query": admin::operation(name), "variables": vars,
                })).collect::<Vec<_>>(),
            }));
        } else {
            for (name, vars) in &requests {
                out!("{}", admin::operation(name).unwrap_or_default().trim_end());
                out!(
                    "# variables: {}\n",
                    serde_json::to_string_pretty(vars).unwrap_or_default()
                );
            }
            eprintln!("cartlift: dry run, nothing sent ({} requests for a shop with no earlier push; one that has had one gets updates instead).", requests.len());
        }
        return Ok(());
    }
    let shop = push
        .shop
        .as_deref()
        .ok_or_else(|| {
            Failure::BadInput(
                "which shop? give --shop my-shop.myshopify.com or set SHOPIFY_SHOP".into(),
            )
        })
        .and_then(|s| shop_domain(s).map_err(Failure::BadInput))?;
    let token = push
        .token
        .clone()
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| Failure::BadInput("no access token: set SHOPIFY_ACCESS_TOKEN (the app's Admin API token for this shop) or give --token".into()))?;
    let url = match &push.admin_url {
        Some(base) => format!(
            "{}/admin/api/{}/graphql.json",
            base.trim_end_matches('/'),
            push.api_version
        ),
        None => format!("https://{shop}/admin/api/{}/graphql.json", push.api_version),
    };
    let mut admin = Admin::new(
        admin::Http::new(url, token),
        &shop,
        push.max_wait,
        Box::new(std::thread::sleep),
    );
    let pushed = run(&mut admin, &plan, collect, &starts_at)?;
    if json_out {
        print_json(&json!({
            "shop": shop,
            "shop_id": pushed.shop,
            "discount": { "id": pushed.discount, "created": pushed.discount_created },
            "pixel": pushed.pixel.as_ref().map(|(id, created)| json!({ "id": id, "created": created })),
            "config_bytes": plan.widget.len(),
            "checkout_bytes": plan.checkout.len(),
            "checkout_limit": cartlift_core::checkout::METAFIELD_LIMIT,
        }));
    } else {
        out!("cartlift shopify push: {shop}");
        out!(
            "  discount {} ({})",
            pushed.discount,
            if pushed.discount_created {
                "created"
            } else {
                "updated"
            }
        );
        if let Some((id, created)) = &pushed.pixel {
            out!(
                "  order pixel {id} ({})",
                if *created { "connected" } else { "updated" }
            );
        }
        out!(
            "  the widget's config ({} bytes) and checkout's ({} of {} bytes) written together",
            plan.widget.len(),
            plan.checkout.len(),
            cartlift_core::checkout::METAFIELD_LIMIT
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shop_is_its_myshopify_domain_given_whole_or_by_name() {
        assert_eq!(shop_domain("demo").as_deref(), Ok("demo.myshopify.com"));
        assert_eq!(
            shop_domain("Demo-Shop.myshopify.com").as_deref(),
            Ok("demo-shop.myshopify.com")
        );
        assert_eq!(
            shop_domain("https://demo.myshopify.com/").as_deref(),
            Ok("demo.myshopify.com")
        );
        for bad in [
            "",
            "shop.example.com",
            "-x",
            "a b",
            "demo.myshopify.com/admin",
        ] {
            assert!(shop_domain(bad).is_err(), "{bad:?}");
        }
    }
}
