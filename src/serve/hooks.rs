//! What `serve` offers a client that adds to it (the editor of `lots serve --edit`) without
//! `serve` knowing that client: routes merged behind the Host check, a decorator for every
//! served HTML page, and a way to run work against the loaded site on the engine's thread.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::mpsc;

use crate::site::Site;

use super::watch::Change;

/// What produced a served HTML file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The content key (`symboler/kod-88/index.md`, `symboler/_index.md`).
    pub key: String,
    pub kind: SourceKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    Page,
    Section,
}

/// Returns HTML to add at the end of the body of the served HTML file at an output path
/// (`symboler/kod-88/index.html`), given what produced it (`None`: a list of terms, the 404
/// page, a template under `pages/`).
pub type Decorator = Box<dyn Fn(&str, Option<&Source>) -> String + Send + Sync>;

/// What a client adds to the server.
pub struct Extension {
    /// Routes merged into the server's router; the Host check guards them as every route.
    pub routes: axum::Router,
    pub decorate: Decorator,
}

/// What a client is given to build its [`Extension`] once the server is bound.
pub struct Hooks {
    /// The address the server listens on (its port is known only now).
    pub address: SocketAddr,
    /// The site folder, as given.
    pub root: PathBuf,
    pub site: SiteHandle,
}

/// Builds the extension once the server knows its address.
pub type MakeExtension = Box<dyn FnOnce(Hooks) -> Result<Extension, String> + Send>;

/// A closure run on the engine's thread with the loaded site (`None` while it fails to load).
pub type SiteJob = Box<dyn FnOnce(Option<&Site>) + Send>;

/// What the engine's thread is asked to do, in order.
pub enum Work {
    Changes(Vec<Change>),
    Job(SiteJob),
}

/// Runs closures against the current site between rebuilds, so they never see a half-updated
/// one and need no lock on it.
#[derive(Clone)]
pub struct SiteHandle {
    sender: mpsc::Sender<Work>,
}

impl SiteHandle {
    pub(super) fn new(sender: mpsc::Sender<Work>) -> SiteHandle {
        SiteHandle { sender }
    }

    /// Runs `job` with the site once the engine is free; `Err` (in Swedish, for the user) when
    /// no site is loaded, the job panicked or the server is stopping.
    pub async fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce(&Site) -> T + Send + 'static,
    ) -> Result<T, String> {
        let (answer, answered) = tokio::sync::oneshot::channel();
        let work = Work::Job(Box::new(move |site: Option<&Site>| {
            let _ = answer.send(site.map(job));
        }));
        if self.sender.send(work).is_err() {
            return Err("Servern håller på att stängas.".into());
        }
        match answered.await {
            Ok(Some(value)) => Ok(value),
            Ok(None) => Err(
                "Webbplatsen kunde inte läsas in. Rätta felet som visas på sidan och i terminalen först."
                    .into(),
            ),
            Err(_) => Err("Lots kraschade när sidan kontrollerades; se terminalen.".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in engine thread that answers every job with `site` absent, or drops it.
    fn engine(run_jobs: bool) -> SiteHandle {
        let (sender, receiver) = mpsc::channel::<Work>();
        std::thread::spawn(move || {
            while let Ok(work) = receiver.recv() {
                if let (Work::Job(job), true) = (work, run_jobs) {
                    job(None);
                }
            }
        });
        SiteHandle::new(sender)
    }

    fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        runtime.block_on(future)
    }

    #[test]
    fn a_job_without_a_loaded_site_or_an_engine_says_why() {
        let no_site = block_on(engine(true).run(|_| 1));
        assert!(no_site
            .expect_err("no site")
            .contains("kunde inte läsas in"));
        let dropped = block_on(engine(false).run(|_| 1));
        assert!(dropped.expect_err("no answer").contains("kraschade"));
        let (sender, receiver) = mpsc::channel::<Work>();
        drop(receiver);
        let stopped = block_on(SiteHandle::new(sender).run(|_| 1));
        assert!(stopped.expect_err("stopped").contains("stängas"));
    }
}
