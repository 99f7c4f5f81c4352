//! `lots serve`: builds the site into memory, serves it on 127.0.0.1, watches the site's
//! folders and rebuilds what a change touches, then reloads the browser.

mod disk;
mod engine;
mod fill;
mod guard;
pub mod hooks;
mod host;
mod http;
mod memory;
mod overlay;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{mpsc, Arc};

use engine::{Engine, Shared};
use hooks::{Hooks, MakeExtension, SiteHandle, Work};
use watch::Change;

pub use http::site_path;

pub struct ServeOptions {
    pub root: PathBuf,
    pub port: u16,
    pub bind: IpAddr,
    pub include_drafts: bool,
    pub open: bool,
    /// Routes and a page decorator a client adds (the editor under `--edit`); `None` adds
    /// nothing, and costs nothing.
    pub extension: Option<MakeExtension>,
}

/// How many ports after the asked one are tried when it is taken.
const PORT_TRIES: u16 = 20;

/// Serves until Ctrl+C. Content errors do not stop the server: they are shown in the page.
pub fn serve(options: ServeOptions) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let listener = runtime.block_on(bind(options.bind, options.port))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let base_url = format!("http://{address}");
    let shared = Arc::new(Shared::new());
    let mut engine = Engine::new(
        &options.root,
        options.include_drafts,
        base_url.clone(),
        shared.clone(),
    );
    if options.extension.is_some() {
        engine.track_sources();
    }
    engine.apply(&[Change::Site]);
    let (sender, receiver) = mpsc::channel::<Work>();
    let (changes, changed) = mpsc::channel::<Vec<Change>>();
    watch::start(&options.root, changes)?;
    let forward = sender.clone();
    std::thread::spawn(move || {
        while let Ok(batch) = changed.recv() {
            if forward.send(Work::Changes(batch)).is_err() {
                return;
            }
        }
    });
    std::thread::spawn(move || run_engine(engine, receiver));
    let extension = match options.extension {
        Some(make) => Some(make(Hooks {
            address,
            root: options.root.clone(),
            site: SiteHandle::new(sender),
        })?),
        None => None,
    };
    println!("Serving {base_url}/ (Ctrl+C stops)");
    if options.open {
        open_browser(&format!("{base_url}/"));
    }
    runtime.block_on(async move {
        axum::serve(
            listener,
            http::router(shared, &options.root, address, extension),
        )
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| format!("the server stopped: {e}"))
    })
}

/// The engine's thread: rebuilds on changes, runs clients' jobs between rebuilds, and renders
/// the pages left after a full load when nothing else waits.
fn run_engine(mut engine: Engine, receiver: mpsc::Receiver<Work>) {
    let mut jobs = std::collections::VecDeque::new();
    loop {
        let work = match jobs.pop_front() {
            Some(job) => Work::Job(job),
            None if engine.filling() => match receiver.try_recv() {
                Ok(work) => work,
                Err(mpsc::TryRecvError::Empty) => {
                    engine.fill_some();
                    continue;
                }
                Err(mpsc::TryRecvError::Disconnected) => return,
            },
            None => match receiver.recv() {
                Ok(work) => work,
                Err(_) => return,
            },
        };
        match work {
            Work::Job(job) => engine.run_job(job),
            Work::Changes(mut batch) => {
                // Changes that arrived while the last rebuild ran are handled together; jobs
                // that came meanwhile wait for the rebuild, so they see the new site.
                while let Ok(more) = receiver.try_recv() {
                    match more {
                        Work::Changes(changes) => batch.extend(changes),
                        Work::Job(job) => jobs.push_back(job),
                    }
                }
                engine.apply(&watch::merge(batch));
            }
        }
    }
}

async fn bind(address: IpAddr, port: u16) -> Result<tokio::net::TcpListener, String> {
    let mut last_error = None;
    for candidate in port..port.saturating_add(PORT_TRIES) {
        match tokio::net::TcpListener::bind(SocketAddr::new(address, candidate)).await {
            Ok(listener) => return Ok(listener),
            Err(err) => last_error = Some(err),
        }
    }
    let why = last_error.map(|e| e.to_string()).unwrap_or_default();
    Err(format!(
        "no free port from {port} to {}: {why}",
        port.saturating_add(PORT_TRIES - 1)
    ))
}

/// Opens the site in the desktop's browser; a failure only means the user opens it.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("Could not open a browser; open {url} yourself.");
    }
}
