//! nginx (Debian's, or $NGINX) in the foreground with its own configuration, logs and pid file
//! in a folder of the test's: the web server the README advises, for the tests that need a
//! real one (offline use, the 404 page at a base path, README's charset snippet).

use std::fs;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running nginx; stopped when dropped.
pub struct Nginx {
    child: Child,
    dir: PathBuf,
    pub port: u16,
}

fn binary() -> String {
    std::env::var("NGINX").unwrap_or_else(|_| "/usr/sbin/nginx".into())
}

/// The `location` blocks that serve each `(location, folder)` as the README advises: no
/// caching without asking, and the site's own 404 page for a missing file.
pub fn site_locations(locations: &[(&str, &Path)]) -> String {
    locations
        .iter()
        .map(|(location, folder)| {
            format!(
                "    location {location} {{\n      alias {}/;\n      add_header Cache-Control \"no-cache\";\n      error_page 404 {location}404.html;\n    }}\n",
                folder.display(),
            )
        })
        .collect()
}

impl Nginx {
    /// Serves each `(location, folder)` (see [`site_locations`]) on 127.0.0.1:`port`, gzip on.
    pub fn serve_sites(dir: &Path, port: u16, locations: &[(&str, &Path)]) -> Nginx {
        let http = "  types { application/manifest+json webmanifest; text/vtt vtt; }\n  gzip on;\n  \
                    gzip_types text/css application/javascript application/manifest+json image/svg+xml;\n";
        Nginx::start(dir, port, http, &site_locations(locations))
    }

    /// Starts nginx with `http` inside its `http` block (after Debian's mime.types) and
    /// `server` inside the one `server` block listening on 127.0.0.1:`port`.
    pub fn start(dir: &Path, port: u16, http: &str, server: &str) -> Nginx {
        let binary = binary();
        assert!(
            Path::new(&binary).exists(),
            "{binary} is missing: run tools/setup-tests (or `apt-get install -y nginx`)"
        );
        fs::create_dir_all(dir).expect("nginx folder");
        let d = dir.display();
        let conf = format!(
            "daemon off;\nmaster_process off;\nworker_processes 1;\npid {d}/nginx.pid;\n\
             error_log {d}/error.log warn;\nevents {{ worker_connections 256; }}\n\
             http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n\
             \x20 access_log {d}/access.log;\n  client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n\
             \x20 fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n\
             {http}\n  server {{\n    listen 127.0.0.1:{port};\n{server}\n  }}\n}}\n"
        );
        fs::write(dir.join("nginx.conf"), conf).expect("write nginx.conf");
        let child = Command::new(&binary)
            .arg("-p")
            .arg(dir)
            .arg("-c")
            .arg(dir.join("nginx.conf"))
            .arg("-e")
            .arg(dir.join("error.log"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {binary}: {e}"));
        let mut nginx = Nginx {
            child,
            dir: dir.to_path_buf(),
            port,
        };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = nginx.child.try_wait() {
                panic!("nginx exited ({status}):\n{}", nginx.error_log());
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "nginx did not start:\n{}",
                nginx.error_log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        nginx
    }

    pub fn error_log(&self) -> String {
        fs::read_to_string(self.dir.join("error.log")).unwrap_or_default()
    }

    pub fn access_log(&self) -> String {
        fs::read_to_string(self.dir.join("access.log")).unwrap_or_default()
    }

    /// Empties the access log, so that what follows is counted alone.
    pub fn clear_access_log(&self) {
        fs::write(self.dir.join("access.log"), "").expect("clear access.log");
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The status of a request in nginx's access log (`… "GET /x HTTP/1.1" 200 512 …`).
pub fn status(line: &str) -> u16 {
    line.split('"')
        .nth(2)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|code| code.parse().ok())
        .unwrap_or(0)
}
