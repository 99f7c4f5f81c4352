//! `lots serve` for the integration tests: starts the real binary on a fixture site on a free
//! port of 127.0.0.1, fetches over plain HTTP and polls with bounded waits.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use super::Site;

pub const WAIT: Duration = Duration::from_secs(15);

/// A running `lots serve`, stopped when dropped.
pub struct Server {
    child: Child,
    pub address: String,
    /// Everything it printed on stderr so far.
    stderr: Arc<Mutex<String>>,
    /// Everything it printed on stdout so far.
    stdout: Arc<Mutex<String>>,
}

impl Server {
    /// What the server printed on stderr so far (errors and warnings).
    pub fn stderr(&self) -> String {
        self.stderr.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// What the server printed on stdout so far (its address, what each rebuild took).
    pub fn stdout(&self) -> String {
        self.stdout.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

pub fn start(site: &Site) -> Server {
    start_with_env(site, &[])
}

/// [`start`] with extra environment variables (the test hooks, such as
/// `LOTS_TEST_PANIC_ON_TEXT`).
pub fn start_with_env(site: &Site, env: &[(&str, &str)]) -> Server {
    start_with(site, env, &[])
}

/// [`start`] with extra arguments to `lots serve` (`--edit`).
pub fn start_with_args(site: &Site, args: &[&str]) -> Server {
    start_with(site, &[], args)
}

fn start_with(site: &Site, env: &[(&str, &str)], args: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lots"))
        .envs(env.iter().copied())
        .args(["serve"])
        .args(args)
        .arg("--root")
        .arg(&site.root)
        .args(["--port", &free_port().to_string()])
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start lots serve");
    let stderr = Arc::new(Mutex::new(String::new()));
    let sink = stderr.clone();
    let errors = child.stderr.take().expect("stderr");
    std::thread::spawn(move || {
        for line in BufReader::new(errors).lines().map_while(Result::ok) {
            if let Ok(mut all) = sink.lock() {
                all.push_str(&line);
                all.push('\n');
            }
        }
    });
    let printed = child.stdout.take().expect("stdout");
    let (sender, receiver) = mpsc::channel();
    let stdout = Arc::new(Mutex::new(String::new()));
    let sink = stdout.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(printed).lines().map_while(Result::ok) {
            if let Ok(mut all) = sink.lock() {
                all.push_str(&line);
                all.push('\n');
            }
            if let Some(url) = line.strip_prefix("Serving http://") {
                let _ = sender.send(url.split('/').next().unwrap_or("").to_string());
            }
        }
    });
    let address = receiver
        .recv_timeout(WAIT)
        .expect("lots serve printed its address");
    Server {
        child,
        address,
        stderr,
        stdout,
    }
}

/// A minimal HTTP/1.1 GET: the status code and the body. `raw_path` is sent as written.
pub fn get(server: &Server, raw_path: &str) -> (u16, String) {
    let (status, _, body) = exchange(server, "GET", raw_path, &[], b"");
    (status, body)
}

/// One HTTP/1.1 request with `headers` and `body`, `path` sent as written (so a test sets any
/// header, or none): the status, the answer's head and its body.
pub fn exchange(
    server: &Server,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String, String) {
    let mut stream = TcpStream::connect(&server.address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
        server.address,
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).expect("send");
    // A server refusing a large body may answer and close before it is all sent.
    let _ = stream.write_all(body);
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (status, head.to_string(), body.to_string())
}

/// Polls `probe` until it gives `Ok`, or fails after [`WAIT`] with what it last saw.
pub fn poll<T>(what: &str, mut probe: impl FnMut() -> Result<T, String>) -> T {
    let deadline = Instant::now() + WAIT;
    loop {
        match probe() {
            Ok(value) => return value,
            Err(seen) if Instant::now() > deadline => {
                panic!("gave up waiting for {what}; last seen {seen}")
            }
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// Polls until `check` holds for the page at `path`, or fails with the last body seen.
pub fn wait_for(
    server: &Server,
    path: &str,
    what: &str,
    check: impl Fn(u16, &str) -> bool,
) -> String {
    poll(&format!("{what} at {path}"), || {
        let (status, body) = get(server, path);
        match check(status, &body) {
            true => Ok(body),
            false => Err(format!("status {status}, body:\n{body}")),
        }
    })
}

/// A site `page.html` that shows `marker` above the page's text.
pub fn page_template(marker: &str) -> String {
    format!("{{% extends \"base.html\" %}}{{% block content %}}<p>{marker}</p>{{{{ page.content | safe }}}}{{% endblock content %}}")
}
