//! `cartlift`, the merchant's command (`shared/spec/cli.md`): checks a config, prints the
//! schema, recommends the free-shipping threshold and mines bundles from the store's own order
//! exports, and writes the config checkout's Shopify Function reads. Native, on the same
//! pricing core as the widget; nothing here reaches the shopper's wasm.
//!
//! Exit codes: 0 success, 1 findings (`check`, a config that does not fit), 2 bad input (a file
//! that cannot be read or parsed: one sentence on stderr).

/// Prints a line on stdout; a closed pipe (`cartlift … | head`) ends the output quietly.
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout(), $($t)*).is_err() {
            std::process::exit(0);
        }
    }};
}

mod apply;
mod check;
mod collect;
mod learn;
mod mine;
mod orders;
mod plot;
mod preview;
mod report;
mod server;
mod shopify;
mod threshold;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "cartlift",
    version,
    about = "cartlift for merchants: check a config, learn from your orders, export checkout's config"
)]
struct Cli {
    /// Print one JSON document on stdout instead of text.
    #[arg(long, value_enum, default_value_t = Format::Text, global = true)]
    format: Format,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(clap::Args, Clone)]
struct Reading {
    /// The config whose products name the items (by variant_id, SKU = product id, or title).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Keep cancelled and refunded orders.
    #[arg(long)]
    include_cancelled: bool,
    /// Refuse the file at its first unreadable row instead of skipping it.
    #[arg(long)]
    strict: bool,
    /// The currency of a plain order_id,product,quantity,price CSV (else the config's, else USD).
    #[arg(long)]
    currency: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Every problem of a config with its path, line and column; exit 1 if any.
    Check { config: PathBuf },
    /// The config's JSON Schema on stdout.
    Schema,
    /// What the free-shipping threshold should be, and why.
    RecommendThreshold {
        orders: PathBuf,
        #[command(flatten)]
        reading: Reading,
        /// Your gross margin as a fraction (0.4 for 40%), to weigh each candidate's cost.
        #[arg(long)]
        margin: Option<String>,
        /// What shipping one order costs you (6.50), to weigh each candidate's cost.
        #[arg(long)]
        shipping_cost: Option<String>,
        /// Write a histogram of order values with the candidates marked (SVG).
        #[arg(long)]
        plot: Option<PathBuf>,
        /// Write the recommended threshold into the config's first goal.
        #[arg(long, requires = "config")]
        apply: bool,
    },
    /// Which products are bought together, as bundles for the config.
    MineBundles {
        orders: PathBuf,
        #[command(flatten)]
        reading: Reading,
        /// The fewest orders an itemset must appear in.
        #[arg(long, default_value_t = 5)]
        min_orders: u64,
        /// The least lift a rule must have (1 means no better than chance).
        #[arg(long, default_value_t = 1.5)]
        min_lift: f64,
        /// How many bundles to propose, and complements to list per product.
        #[arg(long, default_value_t = 3)]
        top: usize,
        /// Add the proposed bundles to the config (never replacing the merchant's own).
        #[arg(long, requires = "config")]
        apply: bool,
    },
    /// The merchant preview with this config, on 127.0.0.1, following the file as it changes.
    Preview {
        config: PathBuf,
        /// The port (0 for any free one).
        #[arg(long, default_value_t = 8090)]
        port: u16,
        /// The folder holding the site's www/ and dist/ (default: this repository).
        #[arg(long)]
        site: Option<PathBuf>,
        /// Stop after this many seconds (for scripts and tests).
        #[arg(long, hide = true)]
        exit_after: Option<u64>,
    },
    /// The events collector of embed §9: `POST /events` (NDJSON) into SQLite, `GET /health`.
    Collect {
        /// The SQLite database to write (created if missing).
        #[arg(long)]
        db: PathBuf,
        /// The port (0 for any free one).
        #[arg(long, default_value_t = 8787)]
        port: u16,
        /// The address to listen on: 127.0.0.1 unless told otherwise.
        #[arg(long, default_value = "127.0.0.1")]
        host: String,
        /// A shop origin whose pages may send events (`https://shop.example`); repeat for more.
        #[arg(long = "allow-origin")]
        allow_origin: Vec<String>,
        /// Stop after this many seconds (for scripts and tests).
        #[arg(long, hide = true)]
        exit_after: Option<u64>,
    },
    /// What each offer and experiment variant did to orders, with 95% confidence intervals.
    Report {
        /// The collector's database.
        #[arg(long)]
        db: PathBuf,
        /// Only this experiment.
        #[arg(long)]
        experiment: Option<String>,
        /// The variant the others are compared with (default: "control", else the first).
        #[arg(long)]
        control: Option<String>,
        /// The smallest change of AOV worth finding, in percent: it sets the planned sample.
        #[arg(long, default_value_t = 5)]
        mde_percent: u32,
        /// Also write the report, with its plots, as one self-contained HTML file.
        #[arg(long)]
        html: Option<PathBuf>,
    },
    /// Write what checkout's Shopify Function reads from its metafield.
    Export {
        #[command(subcommand)]
        what: Export,
    },
    /// The Shopify app (shopify/): put a config on a store that has it.
    Shopify {
        #[command(subcommand)]
        what: ShopifyCommand,
    },
}

#[derive(Subcommand)]
enum ShopifyCommand {
    /// Check the config and write it to the store: the widget's config into the app's shop
    /// metafield, checkout's into the discount's, the automatic discount created or updated,
    /// and with --collect the order pixel connected. Idempotent; --dry-run sends nothing.
    Push(shopify::Push),
}

#[derive(Subcommand)]
enum Export {
    /// The config as checkout reads it, for the discount's metafield (namespace `$app`, key
    /// `cartlift`, at most 10,000 bytes); with `--format json`, also the input that creates
    /// the discount (`discountAutomaticAppCreate`).
    ShopifyFunction { config: PathBuf },
}

/// How a command ended: the exit code, and a sentence for stderr when it failed.
enum Failure {
    /// Exit 1: the input has problems (a config `check` refuses).
    Findings(String),
    /// Exit 2: the input cannot be used (unreadable, missing, not what a flag takes).
    BadInput(String),
    /// Exit 3: a platform refused or could not be reached (`shopify push`).
    Platform(String),
}

type Outcome = Result<(), Failure>;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.format == Format::Json;
    let outcome = match cli.command {
        Command::Check { config } => check::check(&config, json),
        Command::Schema => {
            // The committed file itself: `cargo xtask test` holds it to the core's schema (here,
            // serde_json's `preserve_order` would write the same schema with its keys reordered).
            out!(
                "{}",
                include_str!("../../www/cartlift.schema.json").trim_end()
            );
            Ok(())
        }
        Command::RecommendThreshold {
            orders,
            reading,
            margin,
            shipping_cost,
            plot,
            apply,
        } => learn::recommend(
            &orders,
            &reading,
            margin.as_deref(),
            shipping_cost.as_deref(),
            plot.as_deref(),
            apply,
            json,
        ),
        Command::MineBundles {
            orders,
            reading,
            min_orders,
            min_lift,
            top,
            apply,
        } => learn::mine(&orders, &reading, min_orders, min_lift, top, apply, json),
        Command::Export {
            what: Export::ShopifyFunction { config },
        } => check::export(&config, json),
        Command::Shopify {
            what: ShopifyCommand::Push(push),
        } => shopify::push(&push, json),
        Command::Collect {
            db,
            port,
            host,
            allow_origin,
            exit_after,
        } => collect::serve(&db, &host, port, allow_origin, exit_after).map_err(Failure::BadInput),
        Command::Report {
            db,
            experiment,
            control,
            mde_percent,
            html,
        } => report(
            &db,
            experiment.as_deref(),
            control.as_deref(),
            mde_percent,
            html.as_deref(),
            json,
        ),
        Command::Preview {
            config,
            port,
            site,
            exit_after,
        } => {
            let site = site.unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".."));
            if config.is_file() {
                let files = preview::Preview {
                    www: site.join("www"),
                    dist: site.join("dist"),
                    file: config,
                };
                preview::serve(files, port, exit_after).map_err(Failure::BadInput)
            } else {
                Err(Failure::BadInput(format!(
                    "{} cannot be read: there is no such file",
                    config.display()
                )))
            }
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Findings(s)) => {
            if !s.is_empty() {
                eprintln!("cartlift: {s}");
            }
            ExitCode::from(1)
        }
        Err(Failure::BadInput(s)) => {
            eprintln!("cartlift: {s}");
            ExitCode::from(2)
        }
        Err(Failure::Platform(s)) => {
            eprintln!("cartlift: {s}");
            ExitCode::from(3)
        }
    }
}

fn report(
    db: &Path,
    experiment: Option<&str>,
    control: Option<&str>,
    mde_percent: u32,
    html: Option<&Path>,
    json: bool,
) -> Outcome {
    if mde_percent == 0 {
        return Err(Failure::BadInput("--mde-percent must be at least 1".into()));
    }
    let options = report::Options {
        experiment,
        control,
        mde_percent,
    };
    let r = report::report(db, &options).map_err(Failure::BadInput)?;
    if let Some(path) = html {
        let page = report::html(&r).map_err(Failure::BadInput)?;
        std::fs::write(path, page)
            .map_err(|e| Failure::BadInput(format!("{} cannot be written: {e}", path.display())))?;
    }
    if json {
        print_json(&r);
    } else {
        out!("{}", report::text(&r));
    }
    Ok(())
}

fn read_text(path: &Path) -> Result<String, Failure> {
    let bytes = std::fs::read(path)
        .map_err(|e| Failure::BadInput(format!("{} cannot be read: {e}", path.display())))?;
    String::from_utf8(bytes)
        .map_err(|_| Failure::BadInput(format!("{} is not UTF-8 text", path.display())))
}

fn print_json(v: &impl serde::Serialize) {
    out!(
        "{}",
        serde_json::to_string_pretty(v).unwrap_or_else(|_| "null".into())
    );
}
