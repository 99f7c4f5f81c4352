//! The command line: parses arguments and hands each command to its own small module.

mod build;
mod bundle;
mod check;
mod init;
mod new;
mod schema;
mod serve;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Lots: turns a folder of Markdown into a searchable knowledge-base site that works
/// offline, from a web server, a shared drive or a USB stick.
#[derive(Parser)]
#[command(name = "lots", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced only when the whole build succeeds).
    Build(BuildArgs),
    /// Load and check the whole site as a build does, write nothing, and report every error,
    /// overdue review and orphan page (and with --external, every failing external link).
    Check(CheckArgs),
    /// Build the site and write it as one zip that works from the extracted folder.
    Bundle(BundleArgs),
    /// Serve the site on this computer and rebuild it as files change (for writing).
    Serve(ServeArgs),
    /// Create a new page in a section, its title given and every required field waiting to be
    /// filled in (the build refuses the page until they are).
    New(NewArgs),
    /// Print the site's collections and their fields from config.yaml, a Markdown table per
    /// collection with an example page, for the people who write the content
    Schema(SchemaArgs),
    /// Start a new site in a folder (config.yaml, a front page, one section with one page),
    /// or, with --from-zola, make one from a Zola site's content and config.toml
    Init(InitArgs),
}

#[derive(clap::Args)]
pub struct BuildArgs {
    /// The site folder, holding config.yaml and content/ [default: the current folder]
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Where to write the site [default: public/ inside the site folder]
    #[arg(long, short, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Also publish pages marked `draft: true` (for previewing; never for the real site)
    #[arg(long)]
    drafts: bool,
    /// Override `base_url` from config.yaml, e.g. https://intranat.example.se/vbe
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Judge review dates as on this day (YYYY-MM-DD) instead of today, as `check --today`
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    today: Option<chrono::NaiveDate>,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    /// The site folder, holding config.yaml and content/ [default: the current folder]
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Also request every external (http, https) link and report those that fail
    #[arg(long)]
    external: bool,
    /// `human` for people, `json` for one JSON document a publishing pipeline reads
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Treat warnings (overdue reviews, orphans, failing external links) as errors
    #[arg(long)]
    strict: bool,
    /// Judge review dates as on this day (YYYY-MM-DD) instead of today
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    today: Option<chrono::NaiveDate>,
    /// Also check pages marked `draft: true` and unapproved plans
    #[arg(long)]
    drafts: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

fn parse_day(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date; write it as YYYY-MM-DD, e.g. 2026-12-01"))
}

#[derive(clap::Args)]
pub struct BundleArgs {
    /// The site folder, holding config.yaml and content/ [default: the current folder]
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// The zip to write [default: a file named after the site, in the site folder]
    #[arg(long, short, value_name = "FILE.zip")]
    output: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct ServeArgs {
    /// The site folder, holding config.yaml and content/ [default: the current folder]
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Port to listen on; the next free one is used when it is taken
    #[arg(long, short, value_name = "N", default_value_t = 1111)]
    port: u16,
    /// Address to listen on; anything but 127.0.0.1 makes the site visible to other computers
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Also show pages marked `draft: true` and unapproved plans
    #[arg(long)]
    drafts: bool,
    /// Open the site in the browser
    #[arg(long)]
    open: bool,
    /// Add "Redigera sidan" and "Ny sida" to every page: a form editor that writes to
    /// content/ (only on this computer: refused with a --bind that is not loopback)
    #[arg(long)]
    edit: bool,
}

#[derive(clap::Args)]
pub struct NewArgs {
    /// The site folder, holding config.yaml and content/ [default: the current folder]
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Mark the page `draft: true`: it is left out of the site until that line is removed
    #[arg(long)]
    draft: bool,
    /// Date the page on this day (YYYY-MM-DD) instead of today
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    today: Option<chrono::NaiveDate>,
    /// The section's folder in content/, such as `symboler` or `a/b` (`.` for content/ itself)
    section: String,
    /// The page's title; its file name is made from it (`Kod 88` → kod-88)
    title: String,
}

#[derive(clap::Args)]
pub struct InitArgs {
    /// The folder to make the site in; made if missing, refused if it already has a
    /// config.yaml, config.toml or content/ [default: the current folder]
    #[arg(value_name = "DIR", default_value = ".")]
    dir: PathBuf,
    /// Make the site from the Zola site in this folder: copy its content/, static/ and
    /// templates/shortcodes/, write config.yaml from its config.toml, and report what could
    /// not be carried over
    #[arg(long, value_name = "ZOLADIR")]
    from_zola: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct SchemaArgs {
    /// The site folder, holding config.yaml and content/ [default: the current folder]
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// How to print it (Markdown is the only form so far)
    #[arg(long, value_enum, default_value_t = SchemaFormat::Markdown)]
    format: SchemaFormat,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaFormat {
    Markdown,
}

/// Runs the command line and returns the exit code: 0 success, 1 content errors, 2 usage.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() { 2 } else { 0 };
        }
    };
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Bundle(args) => bundle::run(args),
        Command::Check(args) => check::run(args),
        Command::New(args) => new::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Init(args) => init::run(args),
    }
}
